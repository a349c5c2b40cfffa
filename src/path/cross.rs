//! Validation of one certificate under several trust domains (the public PKI of the Vietnam
//! National Root CA, the government PKI of Ban Cơ yếu, ...), linked by cross-certificates.

use super::report::{PathError, ValidPath};
use super::{PathValidator, ValidationOptions};
use crate::certificate::Certificate;
use crate::crl::Crl;
use crate::revocation::RevocationSource;
use crate::trust::{IssuerSource, TrustStore};
use serde::Serialize;

/// The outcome for one domain.
#[derive(Clone, Debug, Serialize)]
pub struct DomainResult {
    /// The domain's name (`public`, `gov`, ...).
    pub domain: String,
    /// True when at least one path to an anchor of this domain is valid.
    pub accepted: bool,
    /// Every valid path (each names the cross-certificates it went through and its
    /// user-constrained policy set, where policy mappings show).
    pub paths: Vec<ValidPath>,
    /// Warnings of this domain's validation.
    pub warnings: Vec<crate::diag::Finding>,
    /// When not accepted: the most specific error.
    pub error: Option<PathError>,
}

/// The outcome of [`cross_validate`].
#[derive(Clone, Debug, Serialize)]
pub struct CrossValidationReport {
    /// One result per domain, in the order given.
    pub domains: Vec<DomainResult>,
}

impl CrossValidationReport {
    /// True when at least one domain accepts.
    pub fn any_accepted(&self) -> bool {
        self.domains.iter().any(|d| d.accepted)
    }
    /// True when every domain accepts (and there is at least one).
    pub fn all_accepted(&self) -> bool {
        !self.domains.is_empty() && self.domains.iter().all(|d| d.accepted)
    }
}

/// Validate `leaf` under each `(domain, store)` with the same pool, CRLs and options. Anchors
/// of a store keep their own domain labels in the paths; the result is grouped by the domain
/// name given here.
pub fn cross_validate(
    leaf: &Certificate,
    pool: &[Certificate],
    crls: &[Crl],
    domains: &[(String, TrustStore)],
    opts: &ValidationOptions,
) -> CrossValidationReport {
    cross_validate_with_sources(leaf, pool, crls, domains, opts, &[], &[])
}

/// [`cross_validate`] with more issuer and revocation sources (network ones such as AIA
/// caIssuers, OCSP and CRL distribution points included), added after the pool and the CRLs
/// for every domain's validation.
pub fn cross_validate_with_sources(
    leaf: &Certificate,
    pool: &[Certificate],
    crls: &[Crl],
    domains: &[(String, TrustStore)],
    opts: &ValidationOptions,
    issuer_sources: &[&dyn IssuerSource],
    revocation_sources: &[&dyn RevocationSource],
) -> CrossValidationReport {
    // Anchors of the other domains are possible intermediates (cross-certified roots).
    let mut out = Vec::with_capacity(domains.len());
    for (name, store) in domains {
        let mut full_pool: Vec<Certificate> = pool.to_vec();
        for (other, s) in domains {
            if other != name {
                full_pool.extend(s.anchors().iter().map(|a| a.cert.clone()));
            }
        }
        let mut v = PathValidator::new(store).pool(&full_pool).crls(crls).options(opts.clone());
        for s in issuer_sources {
            v = v.issuer_source(*s);
        }
        for s in revocation_sources {
            v = v.revocation_source(*s);
        }
        let report = v.validate(leaf);
        out.push(DomainResult {
            domain: name.clone(),
            accepted: report.valid,
            paths: report.paths,
            warnings: report.warnings,
            error: report.error,
        });
    }
    CrossValidationReport { domains: out }
}
