//! What a path validation shows, in the verdict's terms: one [`DomainPath`] per trust domain
//! and one [`RevocationEvidence`] per certificate checked.

use crate::crl::Crl;
use crate::crypto::digest::DigestAlgorithm;
use crate::diag::Finding;
use crate::diag::codes::path as path_codes;
use crate::path::{CertInfo, ValidPath, ValidationReport};
use crate::revocation::RevocationMode;
use crate::verdict::identity::TimeReport;
use serde::Serialize;
use time::OffsetDateTime;

/// A valid certification path under one trust domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DomainPath {
    /// The trust domain's name (`gov`, `public`, ...).
    pub domain: String,
    /// The trust anchor's label.
    pub anchor: String,
    /// True when the path goes through a cross-certificate (the certificate is accepted in this
    /// domain because another domain's CA is certified by it).
    pub through_cross_certificate: bool,
    /// Indexes in `certificates` of the cross-certificates.
    pub cross_certificates: Vec<usize>,
    /// End-entity first, anchor last.
    pub certificates: Vec<CertInfo>,
    /// The user-constrained policy set (dotted OIDs; `2.5.29.32.0` for anyPolicy).
    pub policies: Vec<String>,
}

impl From<&ValidPath> for DomainPath {
    fn from(p: &ValidPath) -> Self {
        DomainPath {
            domain: p.domain.clone(),
            anchor: p.anchor.clone(),
            through_cross_certificate: !p.cross_certificates.is_empty(),
            cross_certificates: p.cross_certificates.clone(),
            certificates: p.certificates.clone(),
            policies: p.user_constrained_policy_set.clone(),
        }
    }
}

/// One path per trust domain that accepts the certificate (the first path found in each
/// domain), in the order the validator reports them.
pub fn domain_paths(report: &ValidationReport) -> Vec<DomainPath> {
    let mut out: Vec<DomainPath> = Vec::new();
    for p in &report.paths {
        if !out.iter().any(|d| d.domain == p.domain) {
            out.push(DomainPath::from(p));
        }
    }
    out
}

/// The revocation status of one certificate, as established.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RevocationOutcome {
    /// A current revocation source in scope covers the certificate and does not list it.
    Good,
    /// A revocation source lists the certificate.
    Revoked,
    /// No source could establish the status.
    Unknown,
    /// Revocation was not checked (turned off by the caller).
    NotChecked,
}

/// Where a revocation status comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RevocationSource {
    /// A CRL (RFC 5280 §5) supplied by the caller (a file) or, later, fetched.
    Crl {
        /// The CRL's issuer (RFC 4514-like).
        issuer: String,
        /// The cRLNumber, decimal, when present.
        number: Option<String>,
        /// thisUpdate.
        this_update: TimeReport,
        /// nextUpdate, when present.
        next_update: Option<TimeReport>,
        /// SHA-256 of the CRL's DER, hex.
        sha256: String,
        /// Where it was read from (a file name or URL), when the caller says.
        location: Option<String>,
    },
}

/// The revocation evidence for one certificate of a path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RevocationEvidence {
    /// The certificate.
    pub certificate: CertInfo,
    /// Its status.
    pub status: RevocationOutcome,
    /// The source that established the status, when known (`null` for an unknown status, or
    /// when the source could not be singled out).
    pub source: Option<RevocationSource>,
    /// Why, for a revoked or unknown status.
    pub detail: Option<Finding>,
}

fn crl_source(crl: &Crl) -> RevocationSource {
    let c = crl.parsed();
    RevocationSource::Crl {
        issuer: crate::name::render(c.issuer()),
        number: c.crl_number().map(|n| n.to_string()),
        this_update: TimeReport::of(c.last_update().to_datetime()),
        next_update: c.next_update().map(|t| TimeReport::of(t.to_datetime())),
        sha256: hex::encode(DigestAlgorithm::Sha256.digest(crl.der())),
        location: None,
    }
}

/// The most recent of `crls` issued by `cert`'s issuer and current at `at` (issued before it).
fn crl_for<'a>(cert: &CertInfo, crls: &'a [Crl], at: OffsetDateTime) -> Option<&'a Crl> {
    crls.iter()
        .filter(|c| crate::name::render(c.parsed().issuer()) == cert.issuer)
        .filter(|c| c.parsed().last_update().timestamp() <= at.unix_timestamp())
        .max_by_key(|c| c.parsed().last_update().timestamp())
}

/// The revocation evidence a path validation shows, one entry per certificate of its valid
/// paths (anchors excluded: they are not checked), or for an invalid one, of the best path
/// tried. `crls` are the CRLs the validation was given and `at` its time: a certificate found
/// good is credited to the most recent current CRL of its issuer (an indirect CRL is not
/// singled out: the source is then `null`).
pub fn revocation_evidence(
    report: &ValidationReport,
    crls: &[Crl],
    mode: RevocationMode,
    at: OffsetDateTime,
) -> Vec<RevocationEvidence> {
    let mut certs: Vec<&CertInfo> = Vec::new();
    for p in &report.paths {
        let n = p.certificates.len().saturating_sub(1);
        for c in &p.certificates[..n] {
            if !certs.iter().any(|x| x.sha256 == c.sha256) {
                certs.push(c);
            }
        }
    }
    let mut out = Vec::new();
    if !report.valid {
        // The best invalid path: report a revocation only when that is why it failed.
        if let (Some(e), Some(path)) = (&report.error, &report.best_invalid_path) {
            if e.check == crate::path::Check::Revocation {
                if let Some(c) = path.get(e.cert_index) {
                    let by_crl = e.code() == path_codes::REVOKED || e.code() == path_codes::REVOKED_NO_REASON;
                    let by_ocsp = e.code() == path_codes::REVOKED_OCSP
                        || e.code() == path_codes::REVOKED_OCSP_NO_REASON;
                    let revoked = by_crl || by_ocsp;
                    out.push(RevocationEvidence {
                        certificate: c.clone(),
                        status: if revoked { RevocationOutcome::Revoked } else { RevocationOutcome::Unknown },
                        source: if by_crl { crl_for(c, crls, at).map(crl_source) } else { None },
                        detail: Some(Finding::new(e.message.clone())),
                    });
                }
            }
        }
        return out;
    }
    for c in certs {
        let unknown = report.warnings.iter().find(|w| {
            w.message.code.id().starts_with("revocation-")
                && w.message.params.get("subject") == Some(c.subject.as_str())
        });
        let (status, source, detail) = match (mode, unknown) {
            (RevocationMode::Off, _) => (RevocationOutcome::NotChecked, None, None),
            (_, Some(w)) => (RevocationOutcome::Unknown, None, Some(w.clone())),
            (_, None) => (RevocationOutcome::Good, crl_for(c, crls, at).map(crl_source), None),
        };
        out.push(RevocationEvidence { certificate: c.clone(), status, source, detail });
    }
    out
}
