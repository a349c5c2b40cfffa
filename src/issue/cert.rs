//! Building and signing certificates (RFC 5280 §4.1): self-signed roots, certificates issued
//! to a subject name and key, and cross-certificates.
//!
//! Names and keys are carried as DER and copied byte for byte: the issuer name is the issuing
//! CA certificate's subject exactly as encoded, and a cross-certificate repeats the subject CA's
//! name, key and key identifier exactly, so that certificates the subject CA issued chain
//! through it.

use super::alg;
use super::dn::DistinguishedName;
use super::ext;
use super::profile::CertProfile;
use crate::certificate::Certificate;
use crate::diag::Hint;
use crate::diag::codes::issue as codes;
use crate::error::{Error, Result};
use crate::keys::Signer;
use der::Encode;
use der::asn1::{AnyRef, GeneralizedTime, UtcTime};
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;
use x509_cert::certificate::Version;
use x509_cert::ext::Extensions;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};

/// A CA that issues: its certificate and a signer for its key.
pub struct Issuer<'a> {
    cert: &'a Certificate,
    signer: &'a dyn Signer,
}

impl std::fmt::Debug for Issuer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issuer").field("cert", self.cert).finish_non_exhaustive()
    }
}

impl<'a> Issuer<'a> {
    /// Pair a CA certificate with the signer of its key. The signer's public key must be the
    /// certificate's, and the certificate must be a CA (basicConstraints cA=TRUE) whose key
    /// usage, when present, allows keyCertSign (RFC 5280 §4.2.1.3, §4.2.1.9).
    pub fn new(cert: &'a Certificate, signer: &'a dyn Signer) -> Result<Self> {
        let x = cert.x509();
        if !same_public_key(x.public_key().raw, signer.public_key_spki()) {
            return Err(Error::usage(codes::ISSUER_KEY_MISMATCH).with_hint(Hint::GiveCaKey));
        }
        let is_ca = matches!(x.basic_constraints(), Ok(Some(bc)) if bc.value.ca);
        if !is_ca {
            return Err(Error::usage(codes::ISSUER_NOT_CA).with("subject", cert.subject_string()));
        }
        if let Ok(Some(ku)) = x.key_usage() {
            if !ku.value.key_cert_sign() {
                return Err(Error::usage(codes::ISSUER_NO_KEY_CERT_SIGN));
            }
        }
        Ok(Issuer { cert, signer })
    }

    /// The issuer certificate.
    pub fn certificate(&self) -> &Certificate {
        self.cert
    }

    /// The issuer's signer.
    pub fn signer(&self) -> &dyn Signer {
        self.signer
    }

    /// The subject name of the issuer certificate, as encoded.
    pub(crate) fn name_der(&self) -> &[u8] {
        self.cert.x509().subject().as_raw()
    }

    /// The key identifier for the AKI of what this CA issues: the CA certificate's own SKI when
    /// it has one (RFC 5280 §4.2.1.1), otherwise computed from its key.
    pub(crate) fn key_id(&self) -> Result<Vec<u8>> {
        match subject_key_id(self.cert) {
            Some(id) => Ok(id),
            None => ext::key_identifier(self.signer.public_key_spki()),
        }
    }
}

/// Whether two DER SubjectPublicKeyInfos hold the same key: same algorithm OID and key bits
/// (encodings of the parameters may differ, e.g. RSA with or without an explicit NULL).
pub(crate) fn same_public_key(a: &[u8], b: &[u8]) -> bool {
    use x509_parser::prelude::FromDer;
    use x509_parser::x509::SubjectPublicKeyInfo;
    if a == b {
        return true;
    }
    match (SubjectPublicKeyInfo::from_der(a), SubjectPublicKeyInfo::from_der(b)) {
        (Ok((_, ka)), Ok((_, kb))) => {
            ka.algorithm.algorithm == kb.algorithm.algorithm
                && ka.subject_public_key.data == kb.subject_public_key.data
        }
        _ => false,
    }
}

/// The SKI value of `cert`, if it has the extension.
pub(crate) fn subject_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    cert.x509().extensions().iter().find_map(|e| match e.parsed_extension() {
        x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0.to_vec()),
        _ => None,
    })
}

/// Refuse to certify weak or unknown keys: RSA below 2048 bits, EC curves other than P-256,
/// P-384 and P-521, and algorithms other than RSA, ECDSA and Ed25519 (Circular 15/2025/TT-BKHCN
/// asks for RSA >= 2048 or ECDSA >= 256).
pub(crate) fn check_subject_key(spki_der: &[u8]) -> Result<()> {
    use x509_parser::prelude::FromDer;
    use x509_parser::public_key::PublicKey;
    let (_, spki) = x509_parser::x509::SubjectPublicKeyInfo::from_der(spki_der).map_err(|e| {
        Error::input(codes::BAD_SPKI).with_message("detail", crate::ber::x509_error_message(&e))
    })?;
    let alg = spki.algorithm.algorithm.to_id_string();
    if alg == "1.3.101.112" {
        return Ok(());
    }
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) if rsa.key_size() >= 2048 => Ok(()),
        Ok(PublicKey::RSA(rsa)) => Err(Error::usage(codes::RSA_KEY_TOO_SHORT)
            .with("bits", rsa.key_size())
            .with_hint(Hint::LargerKey)),
        Ok(PublicKey::EC(_)) => {
            let curve =
                spki.algorithm.parameters.as_ref().and_then(|p| p.as_oid().ok()).map(|o| o.to_id_string());
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7" | "1.3.132.0.34" | "1.3.132.0.35") => Ok(()),
                Some(other) => Err(Error::unsupported(codes::EC_CURVE_UNSUPPORTED).with("curve", other)),
                None => Err(Error::unsupported(codes::EC_CURVE_UNNAMED)),
            }
        }
        _ => Err(Error::unsupported(codes::KEY_ALGORITHM_UNSUPPORTED).with("algorithm", alg)),
    }
}

/// A fresh random serial number: 16 random octets, positive, first octet non-zero (RFC 5280
/// §4.1.2.2; CA/B Forum BR §7.1 asks for at least 64 random bits).
pub fn random_serial() -> Result<Vec<u8>> {
    use ring::rand::SecureRandom;
    let mut s = [0u8; 16];
    ring::rand::SystemRandom::new().fill(&mut s).map_err(|_| Error::crypto(codes::RNG_FAILED))?;
    s[0] &= 0x7f;
    if s[0] == 0 {
        s[0] = 0x01;
    }
    Ok(s.to_vec())
}

/// `t` as an X.509 Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5).
pub(crate) fn x509_time(t: OffsetDateTime) -> Result<Time> {
    let secs = t.unix_timestamp();
    let secs = u64::try_from(secs).map_err(|_| Error::usage(codes::DATE_BEFORE_1970))?;
    let d = std::time::Duration::from_secs(secs);
    let bad = |e: der::Error| Error::usage(crate::ber::der_detail(codes::DATE_OUT_OF_RANGE, e));
    if t.year() < 2050 {
        Ok(Time::UtcTime(UtcTime::from_unix_duration(d).map_err(bad)?))
    } else {
        Ok(Time::GeneralTime(GeneralizedTime::from_unix_duration(d).map_err(bad)?))
    }
}

#[derive(der::Sequence)]
struct TbsCertificate<'a> {
    #[asn1(context_specific = "0", default = "Default::default")]
    version: Version,
    serial_number: SerialNumber,
    signature: AlgorithmIdentifierOwned,
    issuer: AnyRef<'a>,
    validity: Validity,
    subject: AnyRef<'a>,
    subject_public_key_info: AnyRef<'a>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    extensions: Option<Extensions>,
}

struct Parts<'a> {
    issuer_name: &'a [u8],
    subject_name: &'a [u8],
    spki: &'a [u8],
    ski: Vec<u8>,
    aki: Vec<u8>,
    signer: &'a dyn Signer,
}

fn any<'a>(der: &'a [u8], what: &str) -> Result<AnyRef<'a>> {
    AnyRef::try_from(der).map_err(|e| Error::input(codes::NOT_DER).with("what", what).with("detail", e))
}

fn build(profile: &CertProfile, p: Parts<'_>) -> Result<Certificate> {
    profile.check()?;
    let sig_alg = alg::choose(p.signer, profile.signature_algorithm)?;
    let alg_id = alg::algorithm_identifier(sig_alg)?;
    let serial = match &profile.serial {
        Some(s) => s.clone(),
        None => random_serial()?,
    };
    let serial = SerialNumber::new(&serial).map_err(|e| {
        Error::usage(codes::BAD_SERIAL).with("serial", hex::encode(&serial)).with("detail", e)
    })?;
    let subject_empty = p.subject_name.len() <= 2;
    let exts = ext::build(profile, &p.ski, &p.aki, subject_empty)?;
    let tbs = TbsCertificate {
        version: Version::V3,
        serial_number: serial,
        signature: alg_id.clone(),
        issuer: any(p.issuer_name, "issuer")?,
        validity: Validity {
            not_before: x509_time(profile.not_before)?,
            not_after: x509_time(profile.not_after)?,
        },
        subject: any(p.subject_name, "subject")?,
        subject_public_key_info: any(p.spki, "subjectPublicKeyInfo")?,
        extensions: Some(exts),
    };
    let tbs_der = tbs
        .to_der()
        .map_err(|e| Error::usage(codes::ENCODE_FAILED).with("what", "TBSCertificate").with("detail", e))?;
    let der = alg::sign_and_wrap(p.signer, sig_alg, &alg_id, &tbs_der)?;
    Certificate::from_der(der).map_err(|e| e.context(codes::UNREADABLE_CERTIFICATE))
}

/// Issue a self-signed certificate (a root CA with [`CertProfile::root_ca`]) for `subject` with
/// the signer's key. SKI and AKI carry the same identifier.
pub fn self_sign(
    profile: &CertProfile,
    subject: &DistinguishedName,
    signer: &dyn Signer,
) -> Result<Certificate> {
    let spki = signer.public_key_spki();
    let ski = ext::key_identifier(spki)?;
    build(
        profile,
        Parts {
            issuer_name: subject.der(),
            subject_name: subject.der(),
            spki,
            aki: ski.clone(),
            ski,
            signer,
        },
    )
}

/// Issue a certificate for `subject` and the public key `subject_spki` (DER
/// SubjectPublicKeyInfo), signed by `issuer`. Weak keys (RSA below 2048 bits, other curves than
/// P-256/P-384/P-521) are refused.
pub fn issue(
    profile: &CertProfile,
    subject: &DistinguishedName,
    subject_spki: &[u8],
    issuer: &Issuer<'_>,
) -> Result<Certificate> {
    check_subject_key(subject_spki)?;
    let ski = ext::key_identifier(subject_spki)?;
    build(
        profile,
        Parts {
            issuer_name: issuer.name_der(),
            subject_name: subject.der(),
            spki: subject_spki,
            ski,
            aki: issuer.key_id()?,
            signer: issuer.signer,
        },
    )
}

/// Issue a cross-certificate: the subject name, public key and subject key identifier of the
/// existing CA certificate `subject_ca`, certified by `issuer` (another CA) under `profile`
/// (usually [`CertProfile::cross_certificate`] with policy mappings and constraints).
pub fn cross_certify(
    profile: &CertProfile,
    subject_ca: &Certificate,
    issuer: &Issuer<'_>,
) -> Result<Certificate> {
    let x = subject_ca.x509();
    if !matches!(x.basic_constraints(), Ok(Some(bc)) if bc.value.ca) {
        return Err(Error::usage(codes::CROSS_SUBJECT_NOT_CA).with("subject", subject_ca.subject_string()));
    }
    if profile.ca.is_none() {
        return Err(Error::usage(codes::CROSS_PROFILE_NOT_CA));
    }
    if x.subject().as_raw() == issuer.name_der()
        && same_public_key(x.public_key().raw, issuer.signer.public_key_spki())
    {
        return Err(Error::usage(codes::CROSS_SELF));
    }
    let spki = x.public_key().raw;
    check_subject_key(spki)?;
    let ski = match subject_key_id(subject_ca) {
        Some(id) => id,
        None => ext::key_identifier(spki)?,
    };
    build(
        profile,
        Parts {
            issuer_name: issuer.name_der(),
            subject_name: x.subject().as_raw(),
            spki,
            ski,
            aki: issuer.key_id()?,
            signer: issuer.signer,
        },
    )
}
