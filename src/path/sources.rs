//! Gathering candidate issuers from [`IssuerSource`]s before the search: breadth-first from the
//! end-entity certificate, each certificate's issuers asked of the local sources in order, and of
//! the network sources only when no local source (the pool, the anchors included) had one. What
//! is gathered joins the pool; the builder then sorts and indexes it as any pool, so the verdict
//! does not depend on the order of the sources or of their answers.

use super::ValidationOptions;
use super::budget::{Budget, BudgetExceeded};
use crate::certificate::Certificate;
use crate::diag::codes::sources as source_codes;
use crate::diag::{Finding, Message};
use crate::name::names_equal;
use crate::trust::{IssuerSource, MemoryIssuers, TrustStore};
use std::collections::{HashSet, VecDeque};

/// Certificates gathered from `sources` for paths from `leaf` (those already in `pool` or among
/// the anchors are not repeated). Each source call spends one source query from `budget`.
pub(crate) fn gather_issuers(
    leaf: &Certificate,
    pool: &[Certificate],
    sources: &[&dyn IssuerSource],
    store: &TrustStore,
    opts: &ValidationOptions,
    budget: &mut Budget,
    findings: &mut Vec<Finding>,
) -> Result<Vec<Certificate>, BudgetExceeded> {
    let known = MemoryIssuers::new(pool);
    let anchors: HashSet<[u8; 32]> = store.anchors().iter().map(|a| a.cert.sha256()).collect();
    let mut seen: HashSet<[u8; 32]> = pool.iter().map(Certificate::sha256).collect();
    seen.insert(leaf.sha256());
    // Certificates whose issuers were (or will be) asked for, each once.
    let mut expanded: HashSet<[u8; 32]> = HashSet::from([leaf.sha256()]);
    let mut out = Vec::new();
    let mut queue = VecDeque::from([(leaf.clone(), 0usize)]);
    // A path holds at most twice max_depth certificates (self-issued ones included).
    let max_len = opts.max_depth.saturating_mul(2);
    while let Some((cert, depth)) = queue.pop_front() {
        if depth + 1 >= max_len {
            continue;
        }
        let mut found = Vec::new();
        known.issuers_of(&cert, &mut found, findings);
        let x = cert.x509();
        let anchored = store.anchors().iter().any(|a| names_equal(a.cert.x509().subject(), x.issuer()));
        for network in [false, true] {
            if network && (anchored || !found.is_empty()) {
                break;
            }
            for s in sources.iter().filter(|s| s.is_network() == network) {
                if s.metered() {
                    budget.consume_source_query()?;
                }
                if network && !budget.take_network_query() {
                    let f: Finding = Message::new(source_codes::NETWORK_QUERIES_SPENT)
                        .with("subject", cert.subject_string())
                        .with("limit", budget.network_query_limit())
                        .into();
                    if !findings.contains(&f) {
                        findings.push(f);
                    }
                    continue;
                }
                s.issuers_of(&cert, &mut found, findings);
            }
        }
        for c in found {
            let h = c.sha256();
            if anchors.contains(&h) {
                continue;
            }
            if seen.insert(h) {
                out.push(c.clone());
            }
            // Pool certificates are expanded too: their issuers may be in a source.
            if expanded.insert(h) {
                queue.push_back((c, depth + 1));
            }
        }
    }
    Ok(out)
}
