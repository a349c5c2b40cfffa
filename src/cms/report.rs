//! CMS verification reports (serde): one per file, one entry per signer, each check with its
//! status. [`crate::verdict::DocumentVerdict`] is the format-independent model built from them
//! ([`crate::cms::verify_document`]).

use crate::diag::Finding;
use crate::path::ValidationReport;
use serde::Serialize;

// The generic pieces live in the format-independent report model; re-exported here so that
// `cms::report::Identity` and friends keep working.
pub use crate::verdict::{Check, CheckStatus, Identity, TimeReport, VIETNAM_OFFSET_SECONDS};

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
