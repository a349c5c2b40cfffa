//! One report model for every signature format: a [`DocumentVerdict`] holds one
//! [`SignatureVerdict`] per signature, whatever the document's format (CMS/CAdES now; PDF and
//! XML will produce the same). It serializes (serde) to JSON with a documented, versioned
//! schema, `"schema": "kyso.verdict/1"` ([`SCHEMA`]); `docs/verdict-schema.md` lists every
//! field.
//!
//! Statuses follow ETSI EN 319 102-1 §5.1.3: a signature is `valid` (TOTAL-PASSED), `invalid`
//! (TOTAL-FAILED: the signature or what it covers is wrong, or a certificate is revoked) or
//! `indeterminate` (INDETERMINATE: the available data do not allow a decision — no path to a
//! trust anchor, an expired certificate without proof of existence, a status that cannot be
//! established).
//!
//! Versioning: adding a field, or a value to an enumeration marked *open* in the schema
//! document, keeps `kyso.verdict/1`; removing or renaming a field, or changing what a field
//! or value means, bumps the version (`kyso.verdict/2`). Absent values are `null`, never
//! missing keys (except a check's `detail`, which is omitted when there is none).
//!
//! The verdict of a detached CMS signature of the demo PKI's government officer, validated
//! under both trust domains (the `public` domain accepts it through the cross-certificate),
//! with the domains' CRLs, at 2026-12-08 (`kyso verify --json` prints the same), abridged where
//! `…` stands:
//!
//! ```json
//! {
//!   "schema": "kyso.verdict/1",
//!   "format": "cms",
//!   "document": { "name": null, "size": 300, "sha256": null,
//!                 "content_type": "1.2.840.113549.1.7.1", "attached": false },
//!   "status": "valid",
//!   "indication": "TOTAL-PASSED",
//!   "verification_time": { "utc": "2026-12-08T00:00:00Z", "vietnam": "2026-12-08T07:00:00+07:00", "unix": 1796688000 },
//!   "signatures": [
//!     {
//!       "index": 0,
//!       "id": "signer-info-0",
//!       "status": "valid",
//!       "indication": "TOTAL-PASSED",
//!       "level": "CAdES-BES (B-B)",
//!       "signer": {
//!         "subject": "C=VN, O=BỘ CÔNG THƯƠNG, OU=Cục Thương mại điện tử và Kinh tế số, CN=Nguyễn Văn A",
//!         "common_name": "Nguyễn Văn A",
//!         "organization": "BỘ CÔNG THƯƠNG",
//!         "organizational_units": ["Cục Thương mại điện tử và Kinh tế số"],
//!         "email": "nguyenvana@moit.demo.invalid",
//!         "uid": null, "vn_id": null,
//!         "tax_code": null, "citizen_id": null, "old_id_card": null, "passport": null,
//!         "issuer": "C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO CA phục vụ các cơ quan Nhà nước",
//!         "serial": "4f8c559fc6de5d81766b4fa549747949",
//!         "sha256": "d8224c40…",
//!         "not_before": { "utc": "2026-12-07T17:39:49Z", … },
//!         "not_after": { "utc": "2029-12-06T18:39:49Z", … }
//!       },
//!       "signing_time": {
//!         "claimed": { "utc": "2026-12-07T18:39:50Z", "vietnam": "2026-12-08T01:39:50+07:00", "unix": 1796668790 },
//!         "proven_by_timestamp": null,
//!         "used_for_validation": { "utc": "2026-12-08T00:00:00Z", … },
//!         "source": "verification-time"
//!       },
//!       "integrity": {
//!         "status": "passed",
//!         "digest_algorithm": "sha256",
//!         "covers": { "kind": "content", "length": 300 },
//!         "detail": { "code": "cms-digest-matches", "params": { "digest": "sha256" }, "severity": "note",
//!                     "rule": "RFC 5652 §11.2",
//!                     "text": "sha256 digest of the content matches the message-digest attribute" }
//!       },
//!       "signature_algorithm": "ecdsa-with-SHA256",
//!       "checks": [
//!         { "name": "signer-identification", "status": "passed", "detail": { "code": "cms-signer-found-by-issuer-serial", … } },
//!         { "name": "signature-value", "status": "passed", "detail": { "code": "cms-signature-verified", … } },
//!         { "name": "signing-certificate", "status": "passed", "detail": { "code": "ess-binding-matches", … } },
//!         { "name": "key-usage", "status": "passed", "detail": { "code": "cms-key-usage-ok", … } },
//!         { "name": "certificate-validity", "status": "passed", "detail": { "code": "cms-signer-validity-ok", … } }
//!       ],
//!       "paths": [
//!         { "domain": "gov", "anchor": "DEMO RootCA chuyên dùng Chính phủ",
//!           "through_cross_certificate": false, "cross_certificates": [],
//!           "certificates": [ { "subject": "… CN=Nguyễn Văn A", "issuer": "…", "serial": "…", "sha256": "…" }, … ],
//!           "policies": ["2.25.254237174323809065057726002495311440973.2.1"] },
//!         { "domain": "public", "anchor": "DEMO National Root CA",
//!           "through_cross_certificate": true, "cross_certificates": [2],
//!           "certificates": [ …, { "subject": "C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO RootCA chuyên dùng Chính phủ",
//!                                  "issuer": "C=VN, O=DEMO Bộ Khoa học và Công nghệ, CN=DEMO National Root CA", … }, … ],
//!           "policies": ["2.25.254237174323809065057726002495311440973.1.1"] }
//!       ],
//!       "revocation": [
//!         { "certificate": { "subject": "… CN=Nguyễn Văn A", … },
//!           "status": "good",
//!           "source": { "kind": "crl",
//!                       "issuer": "C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO CA phục vụ các cơ quan Nhà nước",
//!                       "number": "1",
//!                       "this_update": { "utc": "2026-12-07T18:39:49Z", … },
//!                       "next_update": { "utc": "2027-01-06T18:39:49Z", … },
//!                       "sha256": "794d2386…", "location": null },
//!           "detail": null },
//!         …
//!       ],
//!       "timestamps": [],
//!       "findings": [
//!         { "code": "cms-signing-time-unproven", "severity": "warning", "rule": "ETSI EN 319 122-1 §5.2.1",
//!           "text": "the signing time is claimed by the signer and not proven (no valid timestamp)" }
//!       ]
//!     }
//!   ],
//!   "findings": []
//! }
//! ```

mod check;
mod evidence;
mod identity;

pub use check::{Check, CheckStatus};
pub use evidence::{
    DomainPath, RevocationEvidence, RevocationOutcome, RevocationSource, domain_paths, revocation_evidence,
};
pub use identity::{Identity, TimeReport, VIETNAM_OFFSET_SECONDS};

use crate::diag::Finding;
use crate::path::ValidationReport;
use serde::Serialize;

/// The schema identifier every [`DocumentVerdict`] carries.
pub const SCHEMA: &str = "kyso.verdict/1";

/// The format of a signed document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Format {
    /// CMS SignedData (RFC 5652), CAdES (ETSI EN 319 122).
    Cms,
    /// PDF (PAdES, ETSI EN 319 142).
    Pdf,
    /// XML (XMLDSig, XAdES, ETSI EN 319 132).
    Xml,
}

/// The status of a document or a signature (ETSI EN 319 102-1 §5.1.3 main indications).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Status {
    /// TOTAL-PASSED: every check passed.
    Valid,
    /// TOTAL-FAILED: the signature is not valid and more data would not change that.
    Invalid,
    /// INDETERMINATE: the available data do not allow a decision.
    Indeterminate,
}

impl Status {
    /// The ETSI EN 319 102-1 main indication: `TOTAL-PASSED`, `TOTAL-FAILED`, `INDETERMINATE`.
    pub fn indication(self) -> &'static str {
        match self {
            Status::Valid => "TOTAL-PASSED",
            Status::Invalid => "TOTAL-FAILED",
            Status::Indeterminate => "INDETERMINATE",
        }
    }

    /// The status of a whole document: valid when it has signatures and all are valid, invalid
    /// when one is invalid, otherwise indeterminate (no signature included).
    pub fn of_all(statuses: impl IntoIterator<Item = Status>) -> Status {
        let mut any = false;
        let mut out = Status::Valid;
        for s in statuses {
            any = true;
            match s {
                Status::Invalid => return Status::Invalid,
                Status::Indeterminate => out = Status::Indeterminate,
                Status::Valid => {}
            }
        }
        if any { out } else { Status::Indeterminate }
    }
}

/// What is known of the signed document. For CMS, the signed content (the detached data file
/// or the embedded content).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DocumentInfo {
    /// The file name, when the caller gives it ([`DocumentVerdict::with_document_name`]).
    pub name: Option<String>,
    /// The size in bytes, when known.
    pub size: Option<u64>,
    /// SHA-256 of the document, hex, when known.
    pub sha256: Option<String>,
    /// The content type (CMS: the eContentType OID; PDF, XML: a media type), when known.
    pub content_type: Option<String>,
    /// CMS: true when the content is embedded in the signature; `null` for other formats.
    pub attached: Option<bool>,
}

/// The verification of a signed document: every signature in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocumentVerdict {
    /// Always [`SCHEMA`] (`kyso.verdict/1`).
    pub schema: &'static str,
    /// The document's format.
    pub format: Format,
    /// The document.
    pub document: DocumentInfo,
    /// The document's status ([`Status::of_all`] of its signatures).
    pub status: Status,
    /// The ETSI indication of `status`.
    pub indication: &'static str,
    /// When the verification ran (or the time asked for).
    pub verification_time: TimeReport,
    /// One entry per signature, in document order.
    pub signatures: Vec<SignatureVerdict>,
    /// Document-level findings (not about one signature).
    pub findings: Vec<Finding>,
}

impl DocumentVerdict {
    /// A verdict for `format` with these signatures; status and indication are derived from
    /// them.
    pub fn new(
        format: Format,
        document: DocumentInfo,
        verification_time: TimeReport,
        signatures: Vec<SignatureVerdict>,
        findings: Vec<Finding>,
    ) -> Self {
        let status = Status::of_all(signatures.iter().map(|s| s.status));
        DocumentVerdict {
            schema: SCHEMA,
            format,
            document,
            status,
            indication: status.indication(),
            verification_time,
            signatures,
            findings,
        }
    }

    /// With the document's file name.
    pub fn with_document_name(mut self, name: impl Into<String>) -> Self {
        self.document.name = Some(name.into());
        self
    }

    /// True when the document has at least one signature and every one is valid.
    pub fn is_valid(&self) -> bool {
        self.status == Status::Valid
    }
}

/// The signing time: what the signer claims, what a timestamp proves, what was used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SigningTime {
    /// The time the signer claims (CMS signing-time, PAdES `/M`, XAdES SigningTime), never
    /// trusted by itself.
    pub claimed: Option<TimeReport>,
    /// The time proven by a valid signature timestamp (its genTime).
    pub proven_by_timestamp: Option<TimeReport>,
    /// The time the signer's certificate was validated at.
    pub used_for_validation: TimeReport,
    /// Where `used_for_validation` comes from: `timestamp` or `verification-time` (open).
    pub source: String,
}

/// What a signature covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Coverage {
    /// A whole content (CMS: the signed content).
    Content {
        /// Its length in bytes, when known.
        length: Option<u64>,
    },
    /// Byte ranges of a file (PDF `/ByteRange`): `[offset, length]` pairs.
    ByteRanges {
        /// The ranges.
        ranges: Vec<[u64; 2]>,
        /// True when the ranges cover the whole file but the signature value.
        whole_file: bool,
    },
    /// XML references (XMLDSig `Reference` URIs, or element names for same-document ones).
    XmlReferences {
        /// The references.
        references: Vec<String>,
    },
}

/// The integrity check: the digest of what is signed matches the signed digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Integrity {
    /// Outcome.
    pub status: CheckStatus,
    /// The digest algorithm (`SHA-256`, ...).
    pub digest_algorithm: String,
    /// What the digest covers.
    pub covers: Coverage,
    /// What was found.
    pub detail: Option<Finding>,
}

/// One named check of a signature besides integrity (`signature-value`, `signing-certificate`,
/// `key-usage`, ... : open).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NamedCheck {
    /// The check's name (kebab-case).
    pub name: &'static str,
    /// Outcome and finding.
    #[serde(flatten)]
    pub check: Check,
}

impl NamedCheck {
    /// `name` with `check`.
    pub fn new(name: &'static str, check: Check) -> Self {
        NamedCheck { name, check }
    }
}

/// The verification of a timestamp (RFC 3161) of a signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimestampVerdict {
    /// What the timestamp is: `signature-timestamp` (over the signature value; open:
    /// `archive-timestamp`, `document-timestamp` later).
    pub kind: &'static str,
    /// Valid or not (`indeterminate` when its TSA's path cannot be validated).
    pub status: Status,
    /// The time asserted by the TSA.
    pub gen_time: Option<TimeReport>,
    /// The TSA's certificate.
    pub tsa: Option<Identity>,
    /// TSA policy OID.
    pub policy: Option<String>,
    /// Token serial number, hex.
    pub serial: Option<String>,
    /// Digest algorithm of the message imprint.
    pub imprint_algorithm: Option<String>,
    /// The checks: `message-imprint`, `signature`, `tsa-certificate`.
    pub checks: Vec<NamedCheck>,
    /// The TSA certificate's paths, one per trust domain.
    pub paths: Vec<DomainPath>,
    /// Errors and warnings.
    pub findings: Vec<Finding>,
}

/// The verification of one signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignatureVerdict {
    /// Position in the document (0-based).
    pub index: usize,
    /// A stable name within the document: CMS `signer-info-N`; later the PDF field name or
    /// the XML `Signature/@Id`.
    pub id: String,
    /// The signer's role in the document when its profile defines one (e-invoice: `seller`
    /// (NBan), `buyer` (NMua), `other` (CCKSKhac), `tax-authority` (CQT, TTCQT): open);
    /// `null` otherwise.
    pub role: Option<String>,
    /// Its status.
    pub status: Status,
    /// The ETSI indication of `status`.
    pub indication: &'static str,
    /// The signature level reached (`CAdES-BES (B-B)`, `CAdES-T (B-T)`, `CMS`, ...: open).
    pub level: String,
    /// Who signed (`null` when the signer's certificate was not found).
    pub signer: Option<Identity>,
    /// The signing time.
    pub signing_time: SigningTime,
    /// The integrity check.
    pub integrity: Integrity,
    /// The signature algorithm: for CMS its RFC name (`sha256WithRSAEncryption`,
    /// `ecdsa-with-SHA256`, `id-RSASSA-PSS`, `Ed25519`, ...), for XML the SignatureMethod URI
    /// (`http://www.w3.org/2001/04/xmldsig-more#rsa-sha256`).
    pub signature_algorithm: String,
    /// Whether a legacy algorithm (SHA-1 digest or signature, DSA, RSA under 2048 bits) was
    /// accepted for the signature, its timestamp or its path (only when legacy algorithms are
    /// allowed); the findings name them.
    pub legacy: bool,
    /// The other checks.
    pub checks: Vec<NamedCheck>,
    /// One certification path per trust domain that accepts the signer's certificate.
    pub paths: Vec<DomainPath>,
    /// Revocation evidence per certificate of those paths.
    pub revocation: Vec<RevocationEvidence>,
    /// The signature's timestamps.
    pub timestamps: Vec<TimestampVerdict>,
    /// Errors and warnings (errors explain a status other than `valid`).
    pub findings: Vec<Finding>,
}

/// Whether `code` reports a legacy algorithm accepted (the findings behind
/// [`SignatureVerdict::legacy`]).
pub fn is_legacy_finding(code: crate::diag::Code) -> bool {
    use crate::diag::codes::{cms, path, tsp};
    [
        cms::CMS_SHA1_DIGEST,
        cms::CMS_LEGACY_SIGNATURE,
        tsp::TSP_IMPRINT_LEGACY,
        path::LEGACY_SIGNATURE,
        path::LEGACY_KEY,
        path::LEGACY_ANCHOR_KEY,
    ]
    .contains(&code)
}

/// The paths of a validation, or none for a missing one (convenience for producers).
pub fn paths_of(report: Option<&ValidationReport>) -> Vec<DomainPath> {
    report.map(domain_paths).unwrap_or_default()
}
