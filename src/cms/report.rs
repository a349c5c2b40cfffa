//! Verification reports (serde): one per file, one entry per signer, each check with its status.

use crate::certificate::Certificate;
use crate::cms::oids::OID_UID;
use crate::diag::Finding;
use crate::path::ValidationReport;
use serde::Serialize;
use time::{OffsetDateTime, UtcOffset};

/// Outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStatus {
    /// The check passed.
    Passed,
    /// The check failed: the signature is invalid.
    Failed,
    /// What the check looks at is absent (an optional attribute, a timestamp).
    Absent,
    /// The check could not be made (an earlier failure).
    NotChecked,
}

/// One check: status and what was found, typed (code, parameters, and the English text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Outcome.
    pub status: CheckStatus,
    /// What was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Finding>,
}

impl Check {
    /// A passed check.
    pub fn passed(detail: impl Into<Finding>) -> Self {
        Check { status: CheckStatus::Passed, detail: Some(detail.into()) }
    }
    /// A failed check.
    pub fn failed(detail: impl Into<Finding>) -> Self {
        Check { status: CheckStatus::Failed, detail: Some(detail.into()) }
    }
    /// An absent item.
    pub fn absent(detail: impl Into<Finding>) -> Self {
        Check { status: CheckStatus::Absent, detail: Some(detail.into()) }
    }
    /// Not checked.
    pub fn not_checked() -> Self {
        Check { status: CheckStatus::NotChecked, detail: None }
    }
    /// True when the check failed.
    pub fn is_failed(&self) -> bool {
        self.status == CheckStatus::Failed
    }
    /// True when the check passed.
    pub fn is_passed(&self) -> bool {
        self.status == CheckStatus::Passed
    }
}

/// A point in time in UTC and in Vietnam time (UTC+7, no daylight saving).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeReport {
    /// RFC 3339 in UTC (`2026-11-22T08:00:00Z`).
    pub utc: String,
    /// RFC 3339 in Vietnam time (`2026-11-22T15:00:00+07:00`).
    pub vietnam: String,
    /// Seconds since the Unix epoch.
    pub unix: i64,
}

/// Vietnam's offset from UTC: +07:00 all year.
pub const VIETNAM_OFFSET_SECONDS: i32 = 7 * 3600;

impl TimeReport {
    /// Describe `t`.
    pub fn of(t: OffsetDateTime) -> Self {
        // Whole seconds: signing-time has no fraction, and a fraction of genTime is noise here.
        let t = t.replace_nanosecond(0).unwrap_or(t);
        let fmt = &time::format_description::well_known::Rfc3339;
        let utc = t.to_offset(UtcOffset::UTC);
        let vn = t.to_offset(UtcOffset::from_whole_seconds(VIETNAM_OFFSET_SECONDS).unwrap_or(UtcOffset::UTC));
        TimeReport {
            utc: utc.format(fmt).unwrap_or_default(),
            vietnam: vn.format(fmt).unwrap_or_default(),
            unix: t.unix_timestamp(),
        }
    }
}

/// Who a certificate names, decoded for Vietnamese subjects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// The full subject (RFC 4514-like).
    pub subject: String,
    /// commonName.
    pub common_name: Option<String>,
    /// organizationName.
    pub organization: Option<String>,
    /// organizationalUnitName values (agency hierarchy in the government PKI).
    pub organizational_units: Vec<String>,
    /// The raw UID attribute (`MST:0101234567`).
    pub uid: Option<String>,
    /// Tax code from `UID=MST:...` (mã số thuế), including a branch suffix `-NNN`.
    pub tax_code: Option<String>,
    /// Citizen identity number from `UID=CCCD:...` (căn cước công dân).
    pub citizen_id: Option<String>,
    /// Old identity card number from `UID=CMND:...`.
    pub old_id_card: Option<String>,
    /// Passport number from `UID=HC:...` (hộ chiếu).
    pub passport: Option<String>,
    /// Issuer (RFC 4514-like).
    pub issuer: String,
    /// Serial number, hex.
    pub serial: String,
    /// SHA-256 of the certificate, hex.
    pub sha256: String,
    /// notBefore.
    pub not_before: TimeReport,
    /// notAfter.
    pub not_after: TimeReport,
}

impl Identity {
    /// Describe `cert`.
    pub fn of(cert: &Certificate) -> Self {
        let x = cert.x509();
        let subj = x.subject();
        let first_str = |it: &mut dyn Iterator<Item = &x509_parser::x509::AttributeTypeAndValue>| {
            it.next().and_then(|a| a.as_str().ok().map(str::to_string))
        };
        let uid_oid = x509_parser::der_parser::Oid::new(std::borrow::Cow::Borrowed(OID_UID.as_bytes()));
        let uid = first_str(&mut subj.iter_by_oid(&uid_oid));
        let mut id = Identity {
            subject: cert.subject_string(),
            common_name: first_str(&mut subj.iter_common_name()),
            organization: first_str(&mut subj.iter_organization()),
            organizational_units: subj
                .iter_organizational_unit()
                .filter_map(|a| a.as_str().ok().map(str::to_string))
                .collect(),
            uid: uid.clone(),
            tax_code: None,
            citizen_id: None,
            old_id_card: None,
            passport: None,
            issuer: cert.issuer_string(),
            serial: cert.serial_hex(),
            sha256: hex::encode(cert.sha256()),
            not_before: TimeReport::of(x.validity().not_before.to_datetime()),
            not_after: TimeReport::of(x.validity().not_after.to_datetime()),
        };
        if let Some(u) = uid {
            if let Some((prefix, value)) = u.split_once(':') {
                let value = Some(value.trim().to_string());
                match prefix.trim().to_ascii_uppercase().as_str() {
                    "MST" => id.tax_code = value,
                    "CCCD" => id.citizen_id = value,
                    "CMND" => id.old_id_card = value,
                    "HC" => id.passport = value,
                    _ => {}
                }
            }
        }
        id
    }
}

/// The verification of one RFC 3161 timestamp token.
#[derive(Clone, Debug, Serialize)]
pub struct TimestampReport {
    /// True when every check passed.
    pub valid: bool,
    /// The time asserted by the TSA.
    pub gen_time: Option<TimeReport>,
    /// The TSA's certificate.
    pub tsa: Option<Identity>,
    /// TSA policy OID.
    pub policy: Option<String>,
    /// Token serial number, hex.
    pub serial: Option<String>,
    /// Hash algorithm of the message imprint.
    pub imprint_algorithm: Option<String>,
    /// The message imprint matches the timestamped data.
    pub imprint: Check,
    /// The nonce matches the request (standalone verification with a nonce only).
    pub nonce: Check,
    /// The token's CMS signature (digest, signature, ESS binding).
    pub signature: Check,
    /// The TSA certificate's extended key usage: critical, timeStamping only (RFC 3161 §2.3).
    pub tsa_certificate: Check,
    /// The TSA certificate's path, validated at genTime.
    pub path: Option<ValidationReport>,
    /// Errors.
    pub errors: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
}

/// The verification of one signer.
#[derive(Clone, Debug, Serialize)]
pub struct SignerReport {
    /// Position of the SignerInfo in the file (0-based).
    pub index: usize,
    /// True when every check passed.
    pub valid: bool,
    /// Who signed (when the signer's certificate was found).
    pub identity: Option<Identity>,
    /// The SignerInfo digest algorithm.
    pub digest_algorithm: String,
    /// The signature algorithm.
    pub signature_algorithm: String,
    /// `CAdES-BES (B-B)`, `CAdES-T (B-T)`, or `CMS` without the CAdES attributes.
    pub level: String,
    /// The signer's certificate was found (issuerAndSerialNumber or subjectKeyIdentifier).
    pub signer_identification: Check,
    /// The content digest matches the message-digest attribute (integrity).
    pub integrity: Check,
    /// The signature value verifies with the signer's public key.
    pub signature: Check,
    /// signing-certificate(-v2) binds the signature to this certificate.
    pub signing_certificate: Check,
    /// keyUsage allows digitalSignature or nonRepudiation.
    pub key_usage: Check,
    /// The signing-time attribute, as claimed by the signer.
    pub claimed_signing_time: Option<TimeReport>,
    /// True when the time used is proven by a valid timestamp.
    pub signing_time_proven: bool,
    /// The time the certificate was validated at.
    pub validation_time: TimeReport,
    /// `timestamp` or `verification-time`.
    pub validation_time_source: String,
    /// The signer's certificate is within its validity period at the validation time.
    pub certificate_validity: Check,
    /// The signature timestamp, if any.
    pub timestamp: Option<TimestampReport>,
    /// The certification path of the signer's certificate.
    pub path: Option<ValidationReport>,
    /// Errors (why `valid` is false).
    pub errors: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
}

/// The verification of a whole signature file.
#[derive(Clone, Debug, Serialize)]
pub struct VerificationReport {
    /// True when there is at least one signer and every signer is valid.
    pub valid: bool,
    /// True when the content is embedded in the signature.
    pub attached: bool,
    /// eContentType OID.
    pub content_type: String,
    /// Size of the signed content in bytes.
    pub content_size: Option<u64>,
    /// When the verification ran (or the time asked for).
    pub verification_time: TimeReport,
    /// One entry per SignerInfo, in file order.
    pub signers: Vec<SignerReport>,
    /// File-level warnings.
    pub warnings: Vec<Finding>,
}
