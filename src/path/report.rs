//! Validation reports (serde): verdict, every valid path, warnings, and for a failure the most
//! specific error and the best invalid path tried.

use crate::diag::{Code, Finding, Hint, Lang, Message};
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
    /// Describe `cert` (its names and hex forms are rendered once per certificate value and
    /// shared by clones).
    pub fn of(cert: &crate::Certificate) -> Self {
        CertInfo {
            subject: cert.subject_string(),
            issuer: cert.issuer_string(),
            serial: cert.serial_hex(),
            sha256: cert.sha256_hex(),
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

/// The check of path validation that failed. Serialized in kebab-case (`issuer-not-found`,
/// `signature`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Check {
    /// No issuer (or no trust anchor) was found.
    IssuerNotFound,
    /// A work budget ran out (fatal: the search stops).
    Budget,
    /// The path would exceed the maximum depth.
    MaxDepth,
    /// The issuer is already in the path.
    Loop,
    /// The path ends at a self-signed certificate that is not a trust anchor.
    UntrustedRoot,
    /// A signature does not verify, or its algorithm is refused.
    Signature,
    /// Issuer and subject names do not chain.
    NameChaining,
    /// A malformed extension.
    Extension,
    /// The public key is refused.
    PublicKey,
    /// basicConstraints.
    BasicConstraints,
    /// keyUsage.
    KeyUsage,
    /// pathLenConstraint.
    PathLength,
    /// The validity period.
    Validity,
    /// The revocation status.
    Revocation,
    /// Name constraints.
    NameConstraints,
    /// The expected name (host name, e-mail address, ...).
    Name,
    /// Certificate policies.
    Policy,
    /// extKeyUsage.
    Eku,
    /// An unknown critical extension.
    CriticalExtension,
    /// The certificate profile (RFC 5280 MUSTs, CA/B Baseline Requirements).
    Profile,
    /// The trust anchor's own certificate.
    Anchor,
    /// The caller's path hook rejected the path.
    Hook,
}

impl Check {
    /// The kebab-case name, as in JSON reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::IssuerNotFound => "issuer-not-found",
            Check::Budget => "budget",
            Check::MaxDepth => "max-depth",
            Check::Loop => "loop",
            Check::UntrustedRoot => "untrusted-root",
            Check::Signature => "signature",
            Check::NameChaining => "name-chaining",
            Check::Extension => "extension",
            Check::PublicKey => "public-key",
            Check::BasicConstraints => "basic-constraints",
            Check::KeyUsage => "key-usage",
            Check::PathLength => "path-length",
            Check::Validity => "validity",
            Check::Revocation => "revocation",
            Check::NameConstraints => "name-constraints",
            Check::Name => "name",
            Check::Policy => "policy",
            Check::Eku => "eku",
            Check::CriticalExtension => "critical-extension",
            Check::Profile => "profile",
            Check::Anchor => "anchor",
            Check::Hook => "hook",
        }
    }

    /// How specific a failure of this check is (higher is more specific), in the spirit of
    /// rustls/webpki's `Error::rank`: "no issuer found" is the least useful answer; budget
    /// exhaustion is fatal and always reported.
    pub fn rank(self) -> u32 {
        match self {
            Check::Budget => 1000,
            Check::IssuerNotFound => 0,
            Check::MaxDepth | Check::Loop => 5,
            Check::UntrustedRoot => 10,
            Check::Signature => 20,
            Check::BasicConstraints | Check::KeyUsage | Check::PathLength => 60,
            Check::Validity => 80,
            Check::Revocation => 90,
            Check::NameConstraints | Check::Name | Check::Policy | Check::Eku | Check::CriticalExtension => {
                85
            }
            _ => 50,
        }
    }

    /// True when a failure of this check stops the whole search (a work budget ran out).
    pub fn is_fatal(self) -> bool {
        self == Check::Budget
    }
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a path (or the whole validation) failed. In JSON: `cert_index`, `subject`, `check`,
/// `rule`, `code`, `params`, `message` (the English text, for readers) and `hint`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    /// Index of the certificate in the path (0 = end-entity); messages number certificates from
    /// 1 ([`PathError::number`]).
    pub cert_index: usize,
    /// Subject of that certificate, when known.
    pub subject: Option<String>,
    /// The check that failed.
    pub check: Check,
    /// The rule (`RFC 5280 §6.1.3 (a)(2)`): the code's own unless the check names a more
    /// precise one (table-driven profile rules).
    pub rule: &'static str,
    /// What went wrong (code and parameters).
    pub message: Message,
    /// What the user can do.
    pub hint: Option<Hint>,
    /// Further findings that explain the message (why each CRL in scope was not used, ...).
    pub details: Vec<Message>,
}

impl PathError {
    /// A new error about certificate `cert_index`, citing the rule of the message's code.
    pub fn new(cert_index: usize, check: Check, message: impl Into<Message>) -> Self {
        let message = message.into();
        PathError {
            cert_index,
            subject: None,
            check,
            rule: message.code.rule(),
            message,
            hint: None,
            details: Vec::new(),
        }
    }

    /// The certificate's number as messages show it: 1-based, the end-entity is certificate #1
    /// (`cert_index` stays 0-based in JSON).
    pub fn number(&self) -> usize {
        self.cert_index + 1
    }

    /// How specific this error is (higher is more specific): see [`Check::rank`].
    pub fn rank(&self) -> u32 {
        self.check.rank()
    }

    /// True when this error stops the whole search (see [`Check::is_fatal`]).
    pub fn is_fatal(&self) -> bool {
        self.check.is_fatal()
    }

    /// The code of the message.
    pub fn code(&self) -> Code {
        self.message.code
    }

    /// Whether the path failed because a certificate is revoked (by a CRL or an OCSP answer),
    /// rather than for a status that could not be established.
    pub fn is_revoked(&self) -> bool {
        use crate::diag::codes::path as p;
        [p::REVOKED, p::REVOKED_NO_REASON, p::REVOKED_OCSP, p::REVOKED_OCSP_NO_REASON].contains(&self.code())
    }

    /// Cite `rule` instead of the code's own.
    pub fn with_rule(mut self, rule: &'static str) -> Self {
        if !rule.is_empty() {
            self.rule = rule;
        }
        self
    }

    /// Attach the subject of the certificate concerned.
    pub fn with_subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Attach a hint.
    pub fn with_hint(mut self, hint: Hint) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Attach findings that explain the message.
    pub fn with_details(mut self, details: Vec<Message>) -> Self {
        self.details = details;
        self
    }

    /// The message in `lang`, followed by its details in parentheses.
    pub fn render_message(&self, lang: Lang) -> String {
        let mut out = self.message.render(lang);
        if !self.details.is_empty() {
            let d: Vec<String> = self.details.iter().map(|m| m.render(lang)).collect();
            out.push_str(&format!(" ({})", d.join("; ")));
        }
        out
    }

    /// The whole error in `lang`: `certificate #i (subject): message [rule]`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = format!("{} #{}", lang.pick("certificate", "chứng thư"), self.number());
        if let Some(s) = &self.subject {
            out.push_str(&format!(" ({s})"));
        }
        out.push_str(": ");
        out.push_str(&self.render_message(lang));
        if !self.rule.is_empty() {
            out.push_str(&format!(" [{}]", self.rule));
        }
        out
    }
}

impl Serialize for PathError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("PathError", 9)?;
        st.serialize_field("cert_index", &self.cert_index)?;
        st.serialize_field("subject", &self.subject)?;
        st.serialize_field("check", &self.check)?;
        st.serialize_field("rule", self.rule)?;
        st.serialize_field("code", &self.message.code)?;
        st.serialize_field("params", &self.message.params)?;
        st.serialize_field("message", &self.render_message(Lang::En))?;
        st.serialize_field("hint", &self.hint)?;
        if !self.details.is_empty() {
            st.serialize_field("details", &self.details)?;
        } else {
            st.skip_field("details")?;
        }
        st.end()
    }
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "certificate #{}", self.number())?;
        if let Some(s) = &self.subject {
            write!(f, " ({s})")?;
        }
        write!(f, ": {} check failed: {} [{}]", self.check, self.render_message(Lang::En), self.rule)
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
    pub warnings: Vec<Finding>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes::path as codes;

    #[test]
    fn certificates_are_numbered_from_one_in_messages() {
        let e = PathError::new(0, Check::Loop, codes::LOOP).with_subject("CN=Leaf");
        assert!(e.to_string().starts_with("certificate #1 (CN=Leaf)"), "{e}");
        assert!(e.render(Lang::Vi).starts_with("chứng thư #1 (CN=Leaf)"), "{}", e.render(Lang::Vi));
        assert_eq!(serde_json::to_value(&e).unwrap()["cert_index"], 0, "JSON keeps the 0-based index");
    }

    #[test]
    fn path_errors_serialize_check_code_params_and_english_text() {
        let e = PathError::new(1, Check::Validity, Message::new(codes::EXPIRED).with("not_after", "2020"))
            .with_subject("CN=A")
            .with_hint(Hint::TimeWithinValidity);
        assert_eq!(e.rule, "RFC 5280 §6.1.3 (a)(2)");
        assert_eq!(e.rank(), 80);
        assert!(!e.is_fatal());
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["check"], "validity");
        assert_eq!(v["code"], "path-expired");
        assert_eq!(v["params"]["not_after"], "2020");
        assert_eq!(v["message"], "expired (notAfter 2020)");
        assert_eq!(v["hint"], "time-within-validity");
        assert_eq!(
            e.render(Lang::Vi),
            "chứng thư #2 (CN=A): đã hết hạn (notAfter 2020) [RFC 5280 §6.1.3 (a)(2)]"
        );
        assert!(Check::Budget.is_fatal() && Check::Budget.rank() > Check::Revocation.rank());
    }
}
