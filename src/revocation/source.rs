//! Revocation sources: where the revocation engine gets revocation data for a certificate.
//! Synchronous, consulted in the order given: every local source first; then, only when their
//! data did not establish the status (good or revoked), the network sources one by one
//! ([`super::OcspSource`], [`super::CrlFetcher`]), stopping at the first that does.

use super::ocsp::OcspAnswer;
use crate::certificate::Certificate;
use crate::crl::Crl;
use crate::diag::Finding;

/// One piece of revocation data: a CRL or an OCSP answer (`#[non_exhaustive]`: match with a
/// wildcard arm).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum RevocationData {
    /// A CRL (complete or delta); the engine decides whether its scope covers the certificate.
    Crl(Crl),
    /// An OCSP response as received; the engine verifies it (signature, responder, CertID,
    /// nonce, times) and uses it for the certificate it answers.
    Ocsp(OcspAnswer),
}

/// A source of revocation data.
///
/// The contract:
/// - [`revocation_data`](RevocationSource::revocation_data) pushes data that may cover `cert`
///   (issued by `issuer`) to `found`. Data out of scope is harmless: the engine selects by scope
///   (RFC 5280 §6.3.3), verifies signatures and currency.
/// - It returns within the source's own time-out and never blocks indefinitely.
/// - Problems are pushed to `findings` as typed warnings (`source-` codes), never panics and
///   never errors: missing data makes the status unknown, which the revocation mode decides on.
/// - Each call counts against the validation's source-query budget
///   ([`crate::path::Budget::source_queries`] in path validation) unless the source is not
///   [`metered`](RevocationSource::metered).
pub trait RevocationSource: Send + Sync {
    /// Push revocation data for `cert` issued by `issuer` to `found`, warnings to `findings`.
    fn revocation_data(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        found: &mut Vec<RevocationData>,
        findings: &mut Vec<Finding>,
    );
    /// True for a source that reaches the network: asked only when the local sources did not
    /// establish the certificate's status. Default false.
    fn is_network(&self) -> bool {
        false
    }
    /// True when each query spends one source query of the validation's budget. Default true;
    /// false only for sources that answer from memory at the cost of a lookup (the in-memory
    /// pool, supplied CRLs), so that they cost what a plain slice did.
    fn metered(&self) -> bool {
        true
    }
}

impl std::fmt::Debug for dyn RevocationSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_network() { "RevocationSource(network)" } else { "RevocationSource(local)" })
    }
}

/// CRLs supplied by the caller: every one is offered for every certificate (indirect CRLs and
/// CRLs of separate CRL issuers are in scope by their own fields, not by their issuer name).
#[derive(Clone, Copy, Debug, Default)]
pub struct SuppliedCrls<'a> {
    crls: &'a [Crl],
}

impl<'a> SuppliedCrls<'a> {
    /// A source over `crls`.
    pub fn new(crls: &'a [Crl]) -> Self {
        SuppliedCrls { crls }
    }
    /// The CRLs.
    pub fn crls(&self) -> &'a [Crl] {
        self.crls
    }
}

impl RevocationSource for SuppliedCrls<'_> {
    fn revocation_data(
        &self,
        _cert: &Certificate,
        _issuer: &Certificate,
        found: &mut Vec<RevocationData>,
        _findings: &mut Vec<Finding>,
    ) {
        found.extend(self.crls.iter().cloned().map(RevocationData::Crl));
    }
    fn metered(&self) -> bool {
        false
    }
}

/// Ask every source of `sources` in order for data on `cert`, local sources first, then, only
/// when they gave nothing, the network sources. `ask` is called before each query (the caller's
/// budget); when it refuses, the gathering stops with its error (sources that are not
/// [`metered`](RevocationSource::metered) are asked without it). Returns the data gathered, in
/// source order. ([`super::check_from_sources`] asks network sources one at a time instead, and
/// only while the status is not established.)
pub fn gather<E>(
    sources: &[&dyn RevocationSource],
    cert: &Certificate,
    issuer: &Certificate,
    findings: &mut Vec<Finding>,
    mut ask: impl FnMut() -> Result<(), E>,
) -> Result<Vec<RevocationData>, E> {
    let mut found = Vec::new();
    for network in [false, true] {
        if network && !found.is_empty() {
            break;
        }
        for s in sources.iter().filter(|s| s.is_network() == network) {
            if s.metered() {
                ask()?;
            }
            s.revocation_data(cert, issuer, &mut found, findings);
        }
    }
    Ok(found)
}
