//! Producing CMS SignedData (RFC 5652 §5) with CAdES-BES / baseline B-B signed attributes:
//! content-type, message-digest, signing-time and signing-certificate-v2 (ETSI EN 319 122-1
//! §5.2.1-§5.2.2.3, RFC 5035).

use crate::certificate::Certificate;
use crate::cms::oids::*;
use crate::crypto::digest::DigestAlgorithm;
use crate::diag::codes::cms as codes;
use crate::diag::{Finding, Message};
use crate::error::{Error, Result};
use crate::keys::{SignatureAlgorithm, Signer};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::asn1::{Any, GeneralizedTime, SetOfVec, UtcTime};
use der::{Decode, Encode};

use time::OffsetDateTime;
use x509_cert::attr::Attribute;

/// How to sign.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct SignOptions {
    /// The digest; `None` picks the key's natural one (SHA-256 for RSA and P-256, SHA-384 for
    /// P-384, SHA-512 for Ed25519 per RFC 8419 §3).
    pub digest: Option<DigestAlgorithm>,
    /// Use RSASSA-PSS instead of PKCS#1 v1.5 (RSA keys only).
    pub rsa_pss: bool,
    /// Embed the content (attached signature) instead of a detached one.
    pub attached: bool,
    /// Certificates of the signer's chain to embed after the signer's certificate (duplicates
    /// of the signer's certificate are skipped).
    pub chain: Vec<Certificate>,
    /// The claimed signing time (default: now). Written as UTCTime before 2050, GeneralizedTime
    /// after (RFC 5652 §11.3).
    pub signing_time: Option<OffsetDateTime>,
    /// Sign even when [`check_signer`] reports problems (they are returned as warnings).
    pub force: bool,
}

with_setters!(SignOptions {
    digest: Option<DigestAlgorithm> => with_digest,
    rsa_pss: bool => with_rsa_pss,
    attached: bool => with_attached,
    chain: Vec<Certificate> => with_chain,
    signing_time: Option<OffsetDateTime> => with_signing_time,
    force: bool => with_force,
});

/// A produced signature.
#[derive(Clone, Debug)]
pub struct SignatureOutput {
    /// DER `ContentInfo` of the SignedData.
    pub der: Vec<u8>,
    /// The signature algorithm used.
    pub algorithm: SignatureAlgorithm,
    /// The digest algorithm used.
    pub digest: DigestAlgorithm,
    /// Size of the signed content in bytes.
    pub content_len: u64,
    /// Problems overridden by `force`, and other notes.
    pub warnings: Vec<Finding>,
}

impl SignatureOutput {
    /// PEM text (`-----BEGIN CMS-----`, as `openssl cms -outform PEM` writes).
    pub fn to_pem(&self) -> String {
        crate::io::to_pem("CMS", &self.der)
    }
}

/// A reason not to sign, found by [`check_signer`]. `Display` gives the English text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case", tag = "problem")]
#[non_exhaustive]
pub enum SignerProblem {
    /// notBefore is after the signing time.
    NotYetValid {
        /// notBefore (RFC 3339).
        from: String,
    },
    /// notAfter is before the signing time.
    Expired {
        /// notAfter (RFC 3339).
        on: String,
    },
    /// keyUsage has neither digitalSignature nor nonRepudiation.
    KeyUsage,
    /// The keyUsage extension cannot be parsed.
    MalformedKeyUsage {
        /// Why.
        detail: String,
    },
    /// The private key is not the certificate's.
    KeyMismatch,
}

impl SignerProblem {
    /// True for problems that make the signature unverifiable (not only non-compliant).
    pub fn is_key_mismatch(&self) -> bool {
        matches!(self, SignerProblem::KeyMismatch)
    }

    /// The problem as a typed message.
    pub fn message(&self) -> Message {
        match self {
            SignerProblem::NotYetValid { from } => {
                Message::new(codes::CMS_SIGN_NOT_YET_VALID).with("from", from)
            }
            SignerProblem::Expired { on } => Message::new(codes::CMS_SIGN_EXPIRED).with("on", on),
            SignerProblem::KeyUsage => Message::new(codes::CMS_SIGN_KEY_USAGE),
            SignerProblem::MalformedKeyUsage { detail } => {
                Message::new(codes::CMS_SIGN_MALFORMED_KEY_USAGE).with("detail", detail)
            }
            SignerProblem::KeyMismatch => Message::new(codes::CMS_SIGN_KEY_MISMATCH),
        }
    }
}

impl std::fmt::Display for SignerProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.message(), f)
    }
}

impl SignerProblem {
    /// The finding reported when signing went ahead despite this problem (`cms-sign-forced`,
    /// with the problem as a typed parameter).
    pub fn forced(&self) -> Finding {
        Finding::new(Message::new(codes::CMS_SIGN_FORCED).with_message("problem", self.message()))
    }

    /// The refusal to sign because of `problems` (`cms-sign-refused`, the problems as typed
    /// parameters).
    pub fn refusal(problems: &[SignerProblem]) -> Message {
        let mut list: Option<Message> = None;
        for p in problems.iter().rev() {
            list = Some(match list {
                None => p.message(),
                Some(more) => Message::new(codes::CMS_SIGN_PROBLEMS)
                    .with_message("problem", p.message())
                    .with_message("more", more),
            });
        }
        let m = Message::new(codes::CMS_SIGN_REFUSED);
        match list {
            Some(l) => m.with_message("problems", l),
            None => m.with("problems", ""),
        }
    }
}

/// The pre-signing checks of Circular 15/2025/TT-BKHCN: the certificate is within its validity
/// period at `at`, its keyUsage (when present) allows digitalSignature or nonRepudiation
/// (RFC 5280 §4.2.1.3), and `signer`'s public key is the certificate's. Returns every problem
/// found (empty: fine). It does NOT check revocation or the certification path.
pub fn check_signer(signer: &dyn Signer, cert: &Certificate, at: OffsetDateTime) -> Vec<SignerProblem> {
    let mut problems = check_certificate(cert, at);
    if !key_matches(signer.public_key_spki(), cert) {
        problems.push(SignerProblem::KeyMismatch);
    }
    problems
}

/// The signing decision on the problems [`check_signer`] (or [`check_certificate`]) found, made
/// in one place for every caller: `Ok` with the problems `force` overrides (validity period, key
/// usage: policy problems), or the refusal. A private key that does not match the certificate is
/// never signable, even with `force`: the signature could not verify. The refusal is an
/// [`ErrorKind::Input`](crate::ErrorKind::Input) error for a key mismatch,
/// [`ErrorKind::Invalid`](crate::ErrorKind::Invalid) otherwise, reading "refusing to sign:
/// PROBLEM" in either language, with [`Hint::FixSigner`](crate::diag::Hint::FixSigner).
pub fn decide_signing(mut problems: Vec<SignerProblem>, force: bool) -> Result<Vec<SignerProblem>> {
    if problems.is_empty() {
        return Ok(problems);
    }
    let mismatch = problems.iter().any(SignerProblem::is_key_mismatch);
    if force && !mismatch {
        return Ok(problems);
    }
    // The key mismatch first: it is the one that cannot be overridden.
    problems.sort_by_key(|p| !p.is_key_mismatch());
    let kind = if mismatch { crate::ErrorKind::Input } else { crate::ErrorKind::Invalid };
    // Rendered outermost first: "refusing to sign: first: ...: last".
    let Some((last, before)) = problems.split_last() else { return Ok(Vec::new()) };
    let mut err = Error::new(kind, last.message());
    for p in before.iter().rev() {
        err = err.context(p.message());
    }
    Err(err
        .context(crate::diag::Message::new(crate::diag::codes::cms::CMS_SIGN_REFUSING))
        .with_hint(crate::diag::Hint::FixSigner))
}

/// The certificate part of [`check_signer`], for when the key is elsewhere (a remote signer):
/// validity period at `at` and keyUsage. It does NOT check the key, revocation or the
/// certification path.
pub fn check_certificate(cert: &Certificate, at: OffsetDateTime) -> Vec<SignerProblem> {
    let mut problems = Vec::new();
    let x = cert.x509();
    let v = x.validity();
    let now = at.unix_timestamp();
    let rfc3339 = |t: &x509_parser::time::ASN1Time| crate::cms::report::TimeReport::of(t.to_datetime()).utc;
    if now < v.not_before.timestamp() {
        problems.push(SignerProblem::NotYetValid { from: rfc3339(&v.not_before) });
    } else if now > v.not_after.timestamp() {
        problems.push(SignerProblem::Expired { on: rfc3339(&v.not_after) });
    }
    match x.key_usage() {
        Ok(Some(ku)) => {
            if !ku.value.digital_signature() && !ku.value.non_repudiation() {
                problems.push(SignerProblem::KeyUsage);
            }
        }
        Ok(None) => {}
        Err(e) => problems.push(SignerProblem::MalformedKeyUsage { detail: e.to_string() }),
    }
    problems
}

/// True when the DER SubjectPublicKeyInfo `spki` holds the same key as `cert`.
pub fn key_matches(spki: &[u8], cert: &Certificate) -> bool {
    use x509_parser::prelude::FromDer;
    let ours = cert.x509().public_key();
    match x509_parser::x509::SubjectPublicKeyInfo::from_der(spki) {
        Ok((_, theirs)) => {
            theirs.algorithm.algorithm == ours.algorithm.algorithm
                && theirs.subject_public_key.data == ours.subject_public_key.data
        }
        Err(_) => false,
    }
}

pub(crate) fn der_err(what: &str) -> impl FnOnce(der::Error) -> Error + '_ {
    move |e| Error::crypto(crate::ber::der_detail(codes::CMS_ENCODING_FAILED, e)).with("structure", what)
}

pub(crate) fn attribute(oid: der::asn1::ObjectIdentifier, value_der: &[u8]) -> Result<Attribute> {
    let value = Any::from_der(value_der).map_err(der_err("attribute value"))?;
    let values = SetOfVec::try_from(vec![value]).map_err(der_err("attribute values"))?;
    Ok(Attribute { oid, values })
}

/// The signing-time value: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5652 §11.3).
pub(crate) fn signing_time_der(t: OffsetDateTime) -> Result<Vec<u8>> {
    let secs =
        u64::try_from(t.unix_timestamp()).map_err(|_| Error::usage(codes::CMS_SIGN_TIME_BEFORE_1970))?;
    let d = std::time::Duration::from_secs(secs);
    if t.year() < 2050 {
        UtcTime::from_unix_duration(d).and_then(|u| u.to_der()).map_err(der_err("signing-time"))
    } else {
        GeneralizedTime::from_unix_duration(d).and_then(|g| g.to_der()).map_err(der_err("signing-time"))
    }
}

pub(crate) fn cert_choice(cert: &Certificate) -> Result<CertificateChoices> {
    x509_cert::Certificate::from_der(cert.der()).map(CertificateChoices::Certificate).map_err(|e| {
        Error::input(crate::ber::der_detail(codes::CMS_CERT_NOT_STRICT_DER, e))
            .with("subject", cert.subject_string())
    })
}

/// The signer identifier: issuerAndSerialNumber (SignerInfo version 1, RFC 5652 §5.3).
pub(crate) fn issuer_and_serial(cert: &Certificate) -> Result<IssuerAndSerialNumber> {
    let x = cert.x509();
    Ok(IssuerAndSerialNumber {
        issuer: x509_cert::name::Name::from_der(x.tbs_certificate.issuer.as_raw())
            .map_err(|e| Error::input(crate::ber::der_detail(codes::CMS_CERT_ISSUER_NAME, e)))?,
        serial_number: x509_cert::serial_number::SerialNumber::new(x.raw_serial())
            .map_err(|e| Error::input(crate::ber::der_detail(codes::CMS_CERT_SERIAL, e)))?,
    })
}

/// Wrap SignedData in a ContentInfo (RFC 5652 §3) and encode it.
pub(crate) fn encode_content_info(signed_data: &SignedData) -> Result<Vec<u8>> {
    let ci = ContentInfo {
        content_type: OID_SIGNED_DATA,
        content: Any::encode_from(signed_data).map_err(der_err("SignedData"))?,
    };
    ci.to_der().map_err(der_err("ContentInfo"))
}
