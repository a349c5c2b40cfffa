//! Validation reports (serde): verdict, every valid path, warnings, and for a failure the most
//! specific error and the best invalid path tried.

use serde::Serialize;

/// One certificate of a path, as reported.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct CertInfo {
    /// Subject (RFC 4514-like).
    pub subject: String,
    /// Issuer (RFC 4514-like).
    pub issuer: String,
    /// Serial number, hex.
    pub serial: String,
    /// SHA-256 of the DER, hex.
    pub sha256: String,
}

impl CertInfo {
    /// Describe `cert` (its names are rendered once per certificate value and shared by clones).
    pub fn of(cert: &crate::Certificate) -> Self {
        CertInfo {
            subject: cert.subject_string(),
            issuer: cert.issuer_string(),
            serial: cert.serial_hex(),
            sha256: hex::encode(cert.sha256()),
        }
    }
}

/// A valid path: certificates from the end-entity up to (and including) the anchor.
#[derive(Clone, Debug, Serialize)]
pub struct ValidPath {
    /// End-entity first, anchor last.
    pub certificates: Vec<CertInfo>,
    /// The anchor's label.
    pub anchor: String,
    /// The anchor's domain.
    pub domain: String,
    /// The user-constrained policy set (dotted OIDs; `2.5.29.32.0` for anyPolicy).
    pub user_constrained_policy_set: Vec<String>,
    /// Indexes (0 = end-entity) of cross-certificates in `certificates`: certificates whose
    /// subject CA is also certified by another issuer (another domain, a bridge).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub cross_certificates: Vec<usize>,
}

/// A path tried during building, and why it failed (for `--explain`).
#[derive(Clone, Debug, Serialize)]
pub struct TriedPath {
    /// End-entity first; the anchor last when the path reached one.
    pub certificates: Vec<CertInfo>,
    /// The anchor's label, when the path reached an anchor.
    pub anchor: Option<String>,
    /// Why it failed.
    pub error: PathError,
}

/// Why a path (or the whole validation) failed.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PathError {
    /// Index of the certificate in the path (0 = end-entity).
    pub cert_index: usize,
    /// Subject of that certificate, when known.
    pub subject: Option<String>,
    /// The check that failed (`signature`, `validity`, `basic-constraints`, ...).
    pub check: String,
    /// The rule (`RFC 5280 §6.1.3 (a)(2)`).
    pub rule: String,
    /// What went wrong.
    pub message: String,
    /// What the user can do.
    pub hint: Option<String>,
}

impl PathError {
    /// A new error about certificate `cert_index`.
    pub fn new(cert_index: usize, check: &str, rule: &str, message: impl Into<String>) -> Self {
        PathError {
            cert_index,
            subject: None,
            check: check.to_string(),
            rule: rule.to_string(),
            message: message.into(),
            hint: None,
        }
    }
}

impl PathError {
    /// How specific this error is (higher is more specific), in the spirit of rustls/webpki's
    /// `Error::rank`: "no issuer found" is the least useful answer; a failure found on a path
    /// that reached a trust anchor is more useful than one found while still building; budget
    /// exhaustion is fatal and always reported.
    pub fn rank(&self) -> u32 {
        match self.check.as_str() {
            "budget" => 1000,
            "issuer-not-found" => 0,
            "max-depth" | "loop" => 5,
            "signature" => 20,
            "basic-constraints" | "key-usage" | "path-length" => 60,
            "validity" => 80,
            "revocation" => 90,
            "name-constraints" | "name" | "policy" | "eku" | "critical-extension" => 85,
            _ => 50,
        }
    }

    /// Attach the subject of the certificate concerned.
    pub fn with_subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Attach a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "certificate #{}", self.cert_index)?;
        if let Some(s) = &self.subject {
            write!(f, " ({s})")?;
        }
        write!(f, ": {} check failed: {} [{}]", self.check, self.message, self.rule)
    }
}

/// The outcome of [`crate::path::validate`].
#[derive(Clone, Debug, Serialize)]
pub struct ValidationReport {
    /// True when at least one path is valid.
    pub valid: bool,
    /// Every valid path found (bounded).
    pub paths: Vec<ValidPath>,
    /// Warnings (legacy algorithm, unknown revocation status, ...).
    pub warnings: Vec<String>,
    /// For a failure: the most specific error.
    pub error: Option<PathError>,
    /// For a failure: the best invalid path tried (end-entity first), when one was built.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best_invalid_path: Option<Vec<CertInfo>>,
    /// Every path tried that failed, and why (bounded), for `--explain`.
    pub tried: Vec<TriedPath>,
}

impl ValidationReport {
    /// A failed report with `error`.
    pub fn failed(error: PathError) -> Self {
        ValidationReport {
            valid: false,
            paths: Vec::new(),
            warnings: Vec::new(),
            error: Some(error),
            best_invalid_path: None,
            tried: Vec::new(),
        }
    }
    /// True when at least one path is valid.
    pub fn is_valid(&self) -> bool {
        self.valid
    }
}
