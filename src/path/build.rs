//! Path building: depth-first search with backtracking over every candidate issuer (anchors and
//! the untrusted pool), candidates matched by name (RFC 5280 §7.1 via [`crate::name`]) and ordered
//! by trust, AKI/SKI match and validity at the validation time (BoringSSL `path_builder.cc`, Go
//! `verify.go`), loop detection on subject + public key, budgets, and a per-validation cache of
//! signature results keyed by (issuer key, certificate) so backtracking never redoes one.
//!
//! Every complete candidate path (ending at an anchor) is then validated per RFC 5280 §6.1 by
//! [`super::validate`]. The search order depends only on the certificates' contents (ties are
//! broken by SHA-256), never on the order they were supplied in.

use super::ValidationOptions;
use super::budget::{Budget, BudgetExceeded};
use super::report::{CertInfo, Check, PathError, TriedPath, ValidPath};
use crate::certificate::Certificate;
use crate::crypto::verify::{self as signature, SigResult};
use crate::crypto::{SigKey, Verifier};
use crate::diag::{Finding, Hint, Message, codes::path as codes};
use crate::revocation::RevocationSource;
use crate::trust::{Anchor, TrustStore};
use std::cell::RefCell;
use std::collections::HashMap;

/// Most tried paths kept in a report (the search may try more).
const MAX_TRIED_REPORTED: usize = 64;

/// Pools larger than this are indexed by subject name, with a reachability map that prunes
/// issuers from which no trust anchor can be reached within the depth limit; smaller pools are
/// scanned (cheaper for the common 1-3 certificate pool).
const INDEX_THRESHOLD: usize = 16;

/// Index of a large pool: candidates by subject name key, and for each pool certificate the
/// least number of further pool certificates needed to reach an anchor (`usize::MAX`: none).
pub(crate) struct PoolIndex {
    by_subject: HashMap<Vec<u8>, Vec<usize>>,
    dist: Vec<usize>,
}

impl PoolIndex {
    fn new(pool: &[&Certificate], store: &TrustStore) -> Self {
        let mut by_subject: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for (i, c) in pool.iter().enumerate() {
            by_subject.entry(c.subject_key().to_vec()).or_default().push(i);
        }
        let anchor_subjects: std::collections::HashSet<&[u8]> =
            store.anchors().iter().map(|a| a.cert.subject_key()).collect();
        let issuer_keys: Vec<&[u8]> = pool.iter().map(|c| c.issuer_key()).collect();
        // children[q]: pool certificates that q may have issued.
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); pool.len()];
        let mut dist = vec![usize::MAX; pool.len()];
        let mut queue = std::collections::VecDeque::new();
        for (p, ik) in issuer_keys.iter().enumerate() {
            if anchor_subjects.contains(ik) {
                dist[p] = 0;
                queue.push_back(p);
            }
            for &q in by_subject.get(*ik).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(ch) = children.get_mut(q) {
                    ch.push(p);
                }
            }
        }
        // Breadth-first over "issued by" edges reversed: dist[p] = 1 + min dist[issuer].
        while let Some(q) = queue.pop_front() {
            let d = dist[q].saturating_add(1);
            for &p in &children[q] {
                if dist[p] > d {
                    dist[p] = d;
                    queue.push_back(p);
                }
            }
        }
        PoolIndex { by_subject, dist }
    }
}

/// A hook that sees every fully validated path (end-entity first, then the anchor) and may
/// reject it with a reason; the search then goes on (webpki `with_path_verification`,
/// BoringSSL `CheckPathAfterVerification`): the place for pinning, domain rules, distrust dates.
pub type PathHook<'h> = &'h dyn Fn(&[&Certificate], &Anchor) -> Result<(), String>;

/// The most specific failure: the error, the path it was found on, its (rank, complete) score.
pub(crate) type BestFailure = (PathError, Option<Vec<CertInfo>>, (u32, bool));

/// SHA-256 of (certificate, issuer, anchor).
pub(crate) type RevocationKey = ([u8; 32], [u8; 32], [u8; 32]);

/// Signature results per (issuer SPKI SHA-256, certificate SHA-256, allow_legacy).
pub(crate) type SigCache = HashMap<SigKey, SigResult>;

/// The state of one validation: inputs, budget, caches and findings.
pub(crate) struct Ctx<'a> {
    pub opts: &'a ValidationOptions,
    /// Revocation sources, in the order given.
    pub revocation_sources: &'a [&'a dyn RevocationSource],
    pub store: &'a TrustStore,
    /// The untrusted pool, deduplicated and sorted by SHA-256.
    pub pool: Vec<&'a Certificate>,
    /// For large pools: the subject index and reachability map.
    index: Option<PoolIndex>,
    pub budget: Budget,
    /// Signature results per (issuer SPKI SHA-256, certificate SHA-256, allow_legacy).
    pub sig_cache: RefCell<SigCache>,
    pub valid: Vec<ValidPath>,
    pub tried: Vec<TriedPath>,
    pub tried_count: usize,
    /// The most specific failure so far, its path, and its (rank, complete) score.
    pub best: Option<BestFailure>,
    pub warnings: Vec<Finding>,
    pub fatal: Option<PathError>,
    pub hook: Option<PathHook<'a>>,
    /// The caller's verification context: signature results shared across validations.
    pub verifier: Option<&'a Verifier>,
    /// Certificates whose revocation status outer levels are establishing (CRL-signer
    /// validations nest, bounded by `MAX_CRL_DEPTH`, RFC 5280 §6.3.3 (f)).
    pub crl_stack: Vec<[u8; 32]>,
    /// How many CRL-signer validations enclose this one.
    pub crl_depth: usize,
    /// Revocation results per (certificate, issuer, anchor) SHA-256, shared by the paths tried.
    pub revocation_cache: HashMap<RevocationKey, crate::revocation::RevocationStatus>,
}

/// How a candidate issuer relates to the certificate it may have signed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum KeyIdMatch {
    Match = 0,
    Unknown = 1,
    Mismatch = 2,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        pool: &'a [Certificate],
        revocation_sources: &'a [&'a dyn RevocationSource],
        store: &'a TrustStore,
        opts: &'a ValidationOptions,
        hook: Option<PathHook<'a>>,
        verifier: Option<&'a Verifier>,
    ) -> Self {
        let mut sorted: Vec<&Certificate> = pool.iter().collect();
        // A pool given sorted and without duplicates (the built-in one) is used as it is.
        if !sorted.is_sorted_by(|a, b| a.sha256() < b.sha256()) {
            sorted.sort_by_key(|c| c.sha256());
            sorted.dedup_by_key(|c| c.sha256());
        }
        let index = (sorted.len() > INDEX_THRESHOLD).then(|| PoolIndex::new(&sorted, store));
        Ctx {
            opts,
            revocation_sources,
            store,
            pool: sorted,
            index,
            budget: opts.budget.clone(),
            sig_cache: RefCell::new(HashMap::new()),
            valid: Vec::new(),
            tried: Vec::new(),
            tried_count: 0,
            best: None,
            warnings: Vec::new(),
            fatal: None,
            hook,
            verifier,
            crl_stack: Vec::new(),
            crl_depth: 0,
            revocation_cache: HashMap::new(),
        }
    }

    /// Verify `cert`'s signature with `issuer`'s key (cached; a cache miss spends one signature
    /// from the budget). `inherited` are DSA parameters for a DSA key that omits them (not cached).
    pub(crate) fn verify_sig(
        &mut self,
        cert: &'a Certificate,
        issuer: &'a Certificate,
        inherited: Option<&[u8]>,
    ) -> Result<SigResult, BudgetExceeded> {
        let issuer_spki = issuer.x509().public_key();
        let key = SigKey {
            spki: issuer.spki_sha256(),
            signed: cert.sha256(),
            allow_legacy: self.opts.allow_legacy,
        };
        if inherited.is_none() {
            if let Some(r) = self.sig_cache.borrow().get(&key) {
                return Ok(r.clone());
            }
        }
        let x = cert.x509();
        let r = if signature::is_dsa_without_parameters(issuer_spki) && inherited.is_none() {
            SigResult::NeedsInheritedParameters
        } else {
            // The budget counts every distinct check of this validation, recalled from the
            // shared cache or not, so that verdicts never depend on earlier validations.
            self.budget.consume_signature()?;
            let verifier = self.verifier.filter(|_| inherited.is_none());
            if let Some(r) = verifier.and_then(|v| v.get(&key)) {
                r
            } else {
                let r = signature::verify_with(
                    issuer.parsed_keys(),
                    issuer_spki,
                    inherited,
                    &x.signature_algorithm,
                    &x.signature_value.data,
                    x.tbs_certificate.as_ref(),
                    self.opts.allow_legacy,
                );
                if let Some(v) = verifier {
                    v.put(key, &r);
                }
                r
            }
        };
        if inherited.is_none() {
            self.sig_cache.borrow_mut().insert(key, r.clone());
        }
        Ok(r)
    }

    /// Record a failed path (keeps the most specific error, bounded list for `--explain`).
    pub(crate) fn record_failure(
        &mut self,
        chain: &[&Certificate],
        anchor: Option<&Anchor>,
        error: PathError,
    ) {
        let mut certs: Vec<CertInfo> = chain.iter().map(|c| CertInfo::of(c)).collect();
        if let Some(a) = anchor {
            certs.push(CertInfo::of(&a.cert));
        }
        // Higher rank wins; at equal rank a failure on a complete path (one that reached an
        // anchor) beats one found while building; otherwise the first one found stays.
        let score = (error.rank(), anchor.is_some());
        let better = match &self.best {
            None => true,
            Some((_, _, best_score)) => score > *best_score,
        };
        if better {
            self.best = Some((error.clone(), Some(certs.clone()), score));
        }
        self.tried_count += 1;
        if self.tried.len() < MAX_TRIED_REPORTED {
            self.tried.push(TriedPath {
                certificates: certs,
                anchor: anchor.map(|a| a.label.clone()),
                error,
            });
        }
    }

    fn budget_error(&mut self, e: BudgetExceeded, index: usize) {
        self.fatal = Some(PathError::new(index, Check::Budget, budget_message(e)));
    }

    fn done(&self) -> bool {
        self.fatal.is_some() || self.valid.len() >= self.opts.max_paths.max(1)
    }

    /// Depth-first search from `chain` (end-entity first; the last one still needs an issuer).
    pub(crate) fn build(&mut self, chain: &mut Vec<&'a Certificate>) {
        if self.done() {
            return;
        }
        if let Err(e) = self.budget.consume_build_call() {
            self.budget_error(e, chain.len().saturating_sub(1));
            return;
        }
        let Some(&cur) = chain.last() else { return };
        let cx = cur.x509();
        let index = chain.len() - 1;
        let time = self.opts.time.unix_timestamp();

        // Anchors first (trust), then pool certificates; each group ordered by AKI/SKI match,
        // validity at the validation time, then SHA-256 for an order-independent search.
        let aki = authority_key_id(cx);
        let rank = |c: &Certificate| -> (KeyIdMatch, bool, [u8; 32]) {
            let x = c.x509();
            let m = match (aki, subject_key_id(x)) {
                (Some(a), Some(s)) if a == s => KeyIdMatch::Match,
                (Some(_), Some(_)) => KeyIdMatch::Mismatch,
                _ => KeyIdMatch::Unknown,
            };
            let v = x.validity();
            let in_time = v.not_before.timestamp() <= time && time <= v.not_after.timestamp();
            (m, !in_time, c.sha256())
        };
        let store = self.store;
        let mut anchors: Vec<&'a Anchor> =
            store.anchors().iter().filter(|a| a.cert.subject_key() == cur.issuer_key()).collect();
        anchors.sort_by_key(|a| rank(&a.cert));
        // Pool candidates, each with the least number of further certificates it needs to
        // reach an anchor (0 when unknown: small pools are not indexed).
        let mut cands: Vec<(&'a Certificate, usize)> = match &self.index {
            None => self
                .pool
                .iter()
                .copied()
                .filter(|c| c.subject_key() == cur.issuer_key())
                .map(|c| (c, 0))
                .collect(),
            Some(ix) => ix
                .by_subject
                .get(cur.issuer_key())
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .filter_map(|&i| Some((*self.pool.get(i)?, ix.dist.get(i).copied().unwrap_or(usize::MAX))))
                .collect(),
        };
        cands.sort_by_key(|(c, _)| rank(c));

        let mut found_any = false;
        for anchor in anchors {
            if self.done() {
                return;
            }
            found_any = true;
            let sig = match self.verify_sig(cur, &anchor.cert, None) {
                Ok(s) => s,
                Err(e) => return self.budget_error(e, index),
            };
            match sig {
                SigResult::Valid { .. } | SigResult::NeedsInheritedParameters => {}
                SigResult::Invalid(m) | SigResult::Unsupported(m) => {
                    let err = signature_error(index, m).with_subject(cur.subject_string());
                    self.record_failure(chain, Some(anchor), err);
                    continue;
                }
            }
            self.complete(chain, anchor);
        }
        // A self-signed certificate of the pool is its own candidate issuer: the path ends there,
        // at a root that is not an anchor of this store (not a loop of cross-certificates).
        let self_signed_here = cur.is_self_issued() && cands.iter().any(|(c, _)| c.sha256() == cur.sha256());
        if self_signed_here {
            found_any = true;
            let err = PathError::new(index, Check::UntrustedRoot, codes::ROOT_NOT_ANCHOR)
                .with_subject(cur.subject_string())
                .with_hint(Hint::RootAsAnchor);
            self.record_failure(chain, None, err);
        }
        let mut unreachable = 0usize;
        for (cand, further) in cands {
            if self_signed_here && cand.sha256() == cur.sha256() {
                continue;
            }
            if self.done() {
                return;
            }
            let candx = cand.x509();
            // No anchor reachable from this issuer within the depth limit: prune.
            if further != 0
                && chain.len().saturating_add(2).saturating_add(further)
                    > self.opts.max_depth.saturating_mul(2)
            {
                found_any = true;
                unreachable += 1;
                continue;
            }
            // A pool copy of an anchor certificate adds nothing: the anchor ends the path there.
            // (A cross-certificate with an anchor's subject and key is kept: it leads to
            // another anchor, possibly of another domain.)
            if store.anchors().iter().any(|a| a.cert.sha256() == cand.sha256()) {
                continue;
            }
            found_any = true;
            // Loop detection on subject + public key (Go `alreadyInChain`).
            if chain.iter().any(|c| same_subject_and_key(c, cand)) {
                let mut tried = chain.clone();
                tried.push(cand);
                let err =
                    PathError::new(index + 1, Check::Loop, codes::LOOP).with_subject(cand.subject_string());
                self.record_failure(&tried, None, err);
                continue;
            }
            // chain + candidate + an anchor must fit in max_depth, self-issued intermediates
            // not counted (as for pathLenConstraint), the raw length capped at twice max_depth.
            let logical = chain.iter().skip(1).filter(|c| !c.is_self_issued()).count()
                + usize::from(!cand.is_self_issued());
            if logical + 2 > self.opts.max_depth || chain.len() + 2 > self.opts.max_depth.saturating_mul(2) {
                let mut tried = chain.clone();
                tried.push(cand);
                let err = PathError::new(
                    index + 1,
                    Check::MaxDepth,
                    Message::new(codes::MAX_DEPTH).with("max", self.opts.max_depth),
                )
                .with_subject(cand.subject_string())
                .with_hint(Hint::RaiseMaxDepth);
                self.record_failure(&tried, None, err);
                continue;
            }
            // Only CA certificates can issue (RFC 5280 §6.1.4 (k)): prune early, before
            // spending a signature check.
            if !is_ca(candx) {
                let mut tried = chain.clone();
                tried.push(cand);
                let err = PathError::new(index + 1, Check::BasicConstraints, codes::NOT_CA)
                    .with_subject(cand.subject_string());
                self.record_failure(&tried, None, err);
                continue;
            }
            let sig = match self.verify_sig(cur, cand, None) {
                Ok(s) => s,
                Err(e) => return self.budget_error(e, index),
            };
            match sig {
                SigResult::Valid { .. } | SigResult::NeedsInheritedParameters => {}
                SigResult::Invalid(m) | SigResult::Unsupported(m) => {
                    let mut tried = chain.clone();
                    tried.push(cand);
                    let err = signature_error(index, m).with_subject(cur.subject_string());
                    self.record_failure(&tried, None, err);
                    continue;
                }
            }
            chain.push(cand);
            self.build(chain);
            chain.pop();
        }
        if unreachable > 0 {
            let err = PathError::new(
                index,
                Check::IssuerNotFound,
                Message::new(codes::UNREACHABLE_ISSUERS)
                    .with("count", unreachable)
                    .with("max", self.opts.max_depth),
            )
            .with_subject(cur.subject_string());
            self.record_failure(chain, None, err);
        }
        if !found_any {
            let err = PathError::new(
                index,
                Check::IssuerNotFound,
                Message::new(codes::ISSUER_NOT_FOUND).with("issuer", cur.issuer_string()),
            )
            .with_subject(cur.subject_string())
            .with_hint(Hint::SupplyIssuer);
            self.record_failure(chain, None, err);
        }
    }

    /// A complete candidate path: validate it per RFC 5280 §6.1 and record the outcome.
    fn complete(&mut self, chain: &[&'a Certificate], anchor: &'a Anchor) {
        // The whole path, anchor included, must fit in max_depth (self-issued intermediates not
        // counted); pool candidates were checked on the way, this covers the anchor step.
        let logical = 1 + chain.iter().skip(1).filter(|c| !c.is_self_issued()).count() + 1;
        if logical > self.opts.max_depth {
            let err = PathError::new(
                chain.len() - 1,
                Check::MaxDepth,
                Message::new(codes::MAX_DEPTH).with("max", self.opts.max_depth),
            )
            .with_hint(Hint::RaiseMaxDepth);
            self.record_failure(chain, Some(anchor), err);
            return;
        }
        // Validating a complete path costs one build step per certificate, so that a mesh with
        // many complete-but-invalid paths ends within the build budget too.
        for _ in 0..chain.len() {
            if let Err(e) = self.budget.consume_build_call() {
                return self.budget_error(e, 0);
            }
        }
        match self.check_path(chain, anchor) {
            Ok(outcome) => {
                if let Some(hook) = self.hook {
                    if let Err(reason) = hook(chain, anchor) {
                        let err = PathError::new(
                            0,
                            Check::Hook,
                            Message::new(codes::HOOK_REJECTED).with("reason", reason),
                        );
                        self.record_failure(chain, Some(anchor), err);
                        return;
                    }
                }
                for w in outcome.warnings {
                    if !self.warnings.contains(&w) {
                        self.warnings.push(w);
                    }
                }
                let mut certificates: Vec<CertInfo> = chain.iter().map(|c| CertInfo::of(c)).collect();
                certificates.push(CertInfo::of(&anchor.cert));
                let cross_certificates = self.cross_certificates(chain);
                self.valid.push(ValidPath {
                    certificates,
                    anchor: anchor.label.clone(),
                    domain: anchor.domain.clone(),
                    user_constrained_policy_set: outcome.user_constrained_policy_set,
                    cross_certificates,
                });
            }
            Err(e) => {
                if e.is_fatal() {
                    self.fatal = Some(e.clone());
                }
                self.record_failure(chain, Some(anchor), e);
            }
        }
    }

    /// Indexes of cross-certificates in `chain`: a CA certificate, not self-issued, whose
    /// subject and key are also certified by a different issuer (another certificate in the pool
    /// or an anchor: the subject's own root, say), or whose subject certifies its issuer in
    /// return (mutual cross-certification, as between Vietnam's public and government roots,
    /// seen when only one of the two roots is trusted).
    fn cross_certificates(&self, chain: &[&Certificate]) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, c) in chain.iter().enumerate().skip(1) {
            if c.subject_key() == c.issuer_key() {
                continue;
            }
            let others = || self.pool.iter().copied().chain(self.store.anchors().iter().map(|a| &a.cert));
            let crossed = others().any(|o| same_subject_and_key(o, c) && o.issuer_key() != c.issuer_key())
                || others().any(|o| o.subject_key() == c.issuer_key() && o.issuer_key() == c.subject_key());
            if crossed {
                out.push(i);
            }
        }
        out
    }
}

/// True when two certificates have the same subject (§7.1) and the same public key (names
/// first: keys of one algorithm and size share their length and first bytes).
pub(crate) fn same_subject_and_key(a: &Certificate, b: &Certificate) -> bool {
    a.subject_key() == b.subject_key() && a.x509().public_key().raw == b.x509().public_key().raw
}

/// True when the certificate asserts cA in a v3 basicConstraints extension.
pub(crate) fn is_ca(x: &x509_parser::certificate::X509Certificate<'_>) -> bool {
    matches!(x.basic_constraints(), Ok(Some(bc)) if bc.value.ca)
}

fn authority_key_id<'b>(x: &'b x509_parser::certificate::X509Certificate<'_>) -> Option<&'b [u8]> {
    x.extensions().iter().find_map(|e| match e.parsed_extension() {
        x509_parser::extensions::ParsedExtension::AuthorityKeyIdentifier(a) => {
            a.key_identifier.as_ref().map(|k| k.0)
        }
        _ => None,
    })
}

fn subject_key_id<'b>(x: &'b x509_parser::certificate::X509Certificate<'_>) -> Option<&'b [u8]> {
    x.extensions().iter().find_map(|e| match e.parsed_extension() {
        x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0),
        _ => None,
    })
}

/// The error of a budget that ran out.
pub(crate) fn budget_message(e: BudgetExceeded) -> Message {
    let code = match e.kind {
        super::BudgetKind::Signatures => codes::BUDGET_SIGNATURES,
        super::BudgetKind::BuildCalls => codes::BUDGET_BUILD_CALLS,
        super::BudgetKind::NameConstraintComparisons => codes::BUDGET_NC_COMPARISONS,
        super::BudgetKind::PolicyTreeNodes => codes::BUDGET_POLICY_NODES,
        super::BudgetKind::SourceQueries => codes::BUDGET_SOURCE_QUERIES,
    };
    Message::new(code).with("limit", e.limit)
}

/// A signature that does not verify, or whose algorithm is refused (RFC 5280 §6.1.3 (a)(1)).
/// A refused legacy algorithm says what the user can do about it.
pub(crate) fn signature_error(index: usize, m: Message) -> PathError {
    use crate::diag::codes::crypto;
    let legacy = [
        crypto::LEGACY_REFUSED,
        crypto::LEGACY_SHORT_RSA_REFUSED,
        crypto::RSA_KEY_LEGACY_REFUSED,
        crypto::DSA_KEY_LEGACY_REFUSED,
    ]
    .contains(&m.code);
    let err = PathError::new(index, Check::Signature, m).with_rule("RFC 5280 §6.1.3 (a)(1)");
    if legacy { err.with_hint(Hint::AllowLegacy) } else { err }
}
