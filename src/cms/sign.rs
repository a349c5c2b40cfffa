//! Producing CMS SignedData (RFC 5652 §5) with CAdES-BES / baseline B-B signed attributes:
//! content-type, message-digest, signing-time and signing-certificate-v2 (ETSI EN 319 122-1
//! §5.2.1-§5.2.2.3, RFC 5035).

use crate::certificate::Certificate;
use crate::cms::algorithms;
use crate::cms::ess;
use crate::cms::oids::*;
use crate::crypto::digest::{DigestAlgorithm, digest_reader};
use crate::diag::Hint;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{SignatureAlgorithm, Signer};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{Any, GeneralizedTime, OctetString, SetOfVec, UtcTime};
use der::{Decode, Encode};
use std::io::Read;
use time::OffsetDateTime;
use x509_cert::attr::Attribute;

/// How to sign.
#[derive(Clone, Debug, Default)]
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
    pub warnings: Vec<String>,
}

impl SignatureOutput {
    /// PEM text (`-----BEGIN CMS-----`, as `openssl cms -outform PEM` writes).
    pub fn to_pem(&self) -> String {
        crate::io::to_pem("CMS", &self.der)
    }
}

/// A reason not to sign, found by [`check_signer`]. `Display` gives the English text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "problem")]
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
    MalformedKeyUsage(String),
    /// The private key is not the certificate's.
    KeyMismatch,
}

impl SignerProblem {
    /// True for problems that make the signature unverifiable (not only non-compliant).
    pub fn is_key_mismatch(&self) -> bool {
        matches!(self, SignerProblem::KeyMismatch)
    }

    /// The problem as a typed message.
    pub fn message(&self) -> crate::diag::Message {
        use crate::diag::Message;
        use crate::diag::codes::cms as codes;
        match self {
            SignerProblem::NotYetValid { from } => {
                Message::new(codes::CMS_SIGN_NOT_YET_VALID).with("from", from)
            }
            SignerProblem::Expired { on } => Message::new(codes::CMS_SIGN_EXPIRED).with("on", on),
            SignerProblem::KeyUsage => Message::new(codes::CMS_SIGN_KEY_USAGE),
            SignerProblem::MalformedKeyUsage(e) => {
                Message::new(codes::CMS_SIGN_MALFORMED_KEY_USAGE).with("detail", e)
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

/// The pre-signing checks of Circular 15/2025/TT-BKHCN: the certificate is within its validity
/// period at `at`, its keyUsage (when present) allows digitalSignature or nonRepudiation
/// (RFC 5280 §4.2.1.3), and `signer`'s public key is the certificate's. Returns every problem
/// found (empty: fine). It does NOT check revocation or the certification path.
pub fn check_signer(signer: &dyn Signer, cert: &Certificate, at: OffsetDateTime) -> Vec<SignerProblem> {
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
        Err(e) => problems.push(SignerProblem::MalformedKeyUsage(e.to_string())),
    }
    if !key_matches(signer.public_key_spki(), cert) {
        problems.push(SignerProblem::KeyMismatch);
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

fn der_err(what: &str) -> impl FnOnce(der::Error) -> Error + '_ {
    move |e| Error::crypto(format!("encoding {what}: {e}"))
}

fn attribute(oid: der::asn1::ObjectIdentifier, value_der: &[u8]) -> Result<Attribute> {
    let value = Any::from_der(value_der).map_err(der_err("attribute value"))?;
    let values = SetOfVec::try_from(vec![value]).map_err(der_err("attribute values"))?;
    Ok(Attribute { oid, values })
}

/// The signing-time value: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5652 §11.3).
fn signing_time_der(t: OffsetDateTime) -> Result<Vec<u8>> {
    let secs = u64::try_from(t.unix_timestamp()).map_err(|_| Error::usage("signing time before 1970"))?;
    let d = std::time::Duration::from_secs(secs);
    if t.year() < 2050 {
        UtcTime::from_unix_duration(d).and_then(|u| u.to_der()).map_err(der_err("signing-time"))
    } else {
        GeneralizedTime::from_unix_duration(d).and_then(|g| g.to_der()).map_err(der_err("signing-time"))
    }
}

fn cert_choice(cert: &Certificate) -> Result<CertificateChoices> {
    x509_cert::Certificate::from_der(cert.der())
        .map(CertificateChoices::Certificate)
        .map_err(|e| Error::input(format!("certificate not in strict DER ({e}): {}", cert.subject_string())))
}

/// The signer identifier: issuerAndSerialNumber (SignerInfo version 1, RFC 5652 §5.3).
pub(crate) fn issuer_and_serial(cert: &Certificate) -> Result<IssuerAndSerialNumber> {
    let x = cert.x509();
    Ok(IssuerAndSerialNumber {
        issuer: x509_cert::name::Name::from_der(x.tbs_certificate.issuer.as_raw())
            .map_err(|e| Error::input(format!("certificate issuer name: {e}")))?,
        serial_number: x509_cert::serial_number::SerialNumber::new(x.raw_serial())
            .map_err(|e| Error::input(format!("certificate serial number: {e}")))?,
    })
}

/// Sign `content` (read to its end, streaming in constant memory for detached signatures) with
/// `signer`, whose certificate is `cert`. Refuses when [`check_signer`] finds a problem, unless
/// `opts.force`.
pub fn sign(
    signer: &dyn Signer,
    cert: &Certificate,
    content: &mut dyn Read,
    opts: &SignOptions,
) -> Result<SignatureOutput> {
    let now = OffsetDateTime::now_utc();
    let mut warnings = Vec::new();
    let problems = check_signer(signer, cert, now);
    if !problems.is_empty() {
        if !opts.force {
            let kind = if problems.iter().any(SignerProblem::is_key_mismatch) {
                ErrorKind::Input
            } else {
                ErrorKind::Invalid
            };
            let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            return Err(
                Error::new(kind, format!("refusing to sign: {}", text.join("; "))).with_hint(Hint::FixSigner)
            );
        }
        warnings.extend(problems.into_iter().map(|p| format!("signed despite: {p} (--force)")));
    }
    let algorithm = algorithms::choose(signer, opts.digest, opts.rsa_pss)?;
    let digest = algorithms::digest_of(algorithm);

    let (message_digest, content_len, econtent) = if opts.attached {
        let mut data = Vec::new();
        content
            .read_to_end(&mut data)
            .map_err(|e| Error::new(ErrorKind::Io, format!("reading content: {e}")))?;
        let md = digest.digest(&data);
        let len = data.len() as u64;
        let octets = OctetString::new(data).map_err(der_err("content"))?;
        (md, len, Some(Any::encode_from(&octets).map_err(der_err("content"))?))
    } else {
        let (mut d, len) = digest_reader(content, &[digest])
            .map_err(|e| Error::new(ErrorKind::Io, format!("reading content: {e}")))?;
        (d.pop().unwrap_or_default(), len, None)
    };

    let signing_time = opts.signing_time.unwrap_or(now);
    let md_der =
        OctetString::new(message_digest).and_then(|o| o.to_der()).map_err(der_err("message-digest"))?;
    let attrs = vec![
        attribute(OID_CONTENT_TYPE, &OID_DATA.to_der().map_err(der_err("content-type"))?)?,
        attribute(OID_SIGNING_TIME, &signing_time_der(signing_time)?)?,
        attribute(OID_MESSAGE_DIGEST, &md_der)?,
        attribute(
            ess::OID_SIGNING_CERTIFICATE_V2,
            &ess::signing_certificate_v2(cert, DigestAlgorithm::Sha256)?,
        )?,
    ];
    let signed_attrs = SetOfVec::try_from(attrs).map_err(der_err("signed attributes"))?;
    // RFC 5652 §5.4: the signature covers the DER of the SET OF attributes (tag 0x31).
    let to_sign = signed_attrs.to_der().map_err(der_err("signed attributes"))?;
    let signature = signer.sign(algorithm, &to_sign)?;

    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(issuer_and_serial(cert)?),
        digest_alg: digest.algorithm_identifier(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithms::signature_algorithm_identifier(algorithm)?,
        signature: OctetString::new(signature).map_err(der_err("signature"))?,
        unsigned_attrs: None,
    };

    let mut certs = vec![cert_choice(cert)?];
    let mut seen = vec![cert.sha256()];
    for c in &opts.chain {
        if !seen.contains(&c.sha256()) {
            seen.push(c.sha256());
            certs.push(cert_choice(c)?);
        }
    }
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![digest.algorithm_identifier()])
            .map_err(der_err("digest algorithms"))?,
        encap_content_info: EncapsulatedContentInfo { econtent_type: OID_DATA, econtent },
        certificates: Some(CertificateSet::try_from(certs).map_err(der_err("certificates"))?),
        crls: None,
        signer_infos: SignerInfos::try_from(vec![signer_info]).map_err(der_err("signer infos"))?,
    };
    let der = encode_content_info(&signed_data)?;
    Ok(SignatureOutput { der, algorithm, digest, content_len, warnings })
}

/// Wrap SignedData in a ContentInfo (RFC 5652 §3) and encode it.
pub(crate) fn encode_content_info(signed_data: &SignedData) -> Result<Vec<u8>> {
    let ci = ContentInfo {
        content_type: OID_SIGNED_DATA,
        content: Any::encode_from(signed_data).map_err(der_err("SignedData"))?,
    };
    ci.to_der().map_err(der_err("ContentInfo"))
}
