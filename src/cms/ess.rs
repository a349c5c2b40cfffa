//! Enhanced Security Services attributes binding a signature to its signer's certificate:
//! signing-certificate (RFC 2634 §5.4, SHA-1) and signing-certificate-v2 (RFC 5035 §3). The `cms`
//! crate has no types for them, so they are declared here with `der` derive.

use crate::certificate::Certificate;
use crate::crypto::digest::{DigestAlgorithm, OID_SHA256};
use crate::diag::Message;
use crate::diag::codes::cms as codes;
use crate::error::{Error, Result};
use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;

/// id-aa-signingCertificate (RFC 2634 §5.4).
pub const OID_SIGNING_CERTIFICATE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.12");
/// id-aa-signingCertificateV2 (RFC 5035 §3).
pub const OID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// `IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct IssuerSerial {
    /// The issuer, as a directoryName.
    pub issuer: Vec<GeneralName>,
    /// The certificate's serial number.
    pub serial_number: SerialNumber,
}

/// `ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {id-sha256},
/// certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }` (RFC 5035 §4).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertIdV2 {
    /// Hash algorithm; absent means SHA-256 (DER omits the default).
    #[asn1(optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    /// Hash of the whole certificate DER.
    pub cert_hash: OctetString,
    /// Issuer and serial of the certificate.
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

/// `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies SEQUENCE OF
/// PolicyInformation OPTIONAL }` (RFC 5035 §3).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificateV2 {
    /// The signer's certificate first, then optionally others.
    pub certs: Vec<EssCertIdV2>,
    /// Policies (kept opaque).
    #[asn1(optional = "true")]
    pub policies: Option<Vec<Any>>,
}

/// `ESSCertID ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial IssuerSerial OPTIONAL }`
/// (RFC 2634 §5.4.1).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertId {
    /// SHA-1 of the certificate DER.
    pub cert_hash: OctetString,
    /// Issuer and serial.
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

/// `SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID, policies ... OPTIONAL }`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificate {
    /// The signer's certificate first.
    pub certs: Vec<EssCertId>,
    /// Policies (kept opaque).
    #[asn1(optional = "true")]
    pub policies: Option<Vec<Any>>,
}

fn issuer_serial_of(cert: &Certificate) -> Result<IssuerSerial> {
    let x = cert.x509();
    let issuer = Name::from_der(x.tbs_certificate.issuer.as_raw())
        .map_err(|e| Error::input(crate::ber::der_detail(codes::CMS_CERT_ISSUER_NAME, e)))?;
    let serial = SerialNumber::new(x.raw_serial())
        .map_err(|e| Error::input(crate::ber::der_detail(codes::CMS_CERT_SERIAL, e)))?;
    Ok(IssuerSerial { issuer: vec![GeneralName::DirectoryName(issuer)], serial_number: serial })
}

/// The DER `IssuerSerial` of `cert` (its issuer as a directoryName and its serial): XAdES
/// `IssuerSerialV2` (ETSI EN 319 132-1 §5.2.2) carries it in base64.
pub fn issuer_serial_der(cert: &Certificate) -> Result<Vec<u8>> {
    issuer_serial_of(cert)?.to_der().map_err(|e| {
        Error::crypto(crate::ber::der_detail(codes::CMS_ENCODING_FAILED, e)).with("structure", "IssuerSerial")
    })
}

/// The DER value of a signing-certificate-v2 attribute naming `cert`, hashed with `hash`.
pub fn signing_certificate_v2(cert: &Certificate, hash: DigestAlgorithm) -> Result<Vec<u8>> {
    let hash_algorithm = (hash.oid() != OID_SHA256).then(|| hash.algorithm_identifier());
    let id = EssCertIdV2 {
        hash_algorithm,
        cert_hash: OctetString::new(hash.digest(cert.der())).map_err(|e| {
            Error::crypto(crate::ber::der_detail(codes::CMS_ENCODING_FAILED, e)).with("structure", "certHash")
        })?,
        issuer_serial: Some(issuer_serial_of(cert)?),
    };
    SigningCertificateV2 { certs: vec![id], policies: None }.to_der().map_err(|e| {
        Error::crypto(crate::ber::der_detail(codes::CMS_ENCODING_FAILED, e))
            .with("structure", "signing-certificate-v2")
    })
}

/// Outcome of checking an ESS binding against a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EssBinding {
    /// The first certificate identifier names the certificate (hash and, when present,
    /// issuer/serial match).
    Matches {
        /// The attribute version (`v1` SHA-1, `v2`).
        version: &'static str,
        /// The hash algorithm used.
        hash: DigestAlgorithm,
    },
    /// It names another certificate: why.
    Mismatch(Message),
}

/// `None` when `is` (if any) names `cert`'s issuer and serial, or why not.
pub(crate) fn check_issuer_serial(is: &Option<IssuerSerial>, cert: &Certificate) -> Option<Message> {
    let is = is.as_ref()?;
    let expected = match issuer_serial_of(cert) {
        Ok(e) => e,
        Err(e) => return Some(e.typed_message().clone()),
    };
    if is.serial_number.as_bytes() != expected.serial_number.as_bytes() {
        return Some(Message::new(codes::ESS_SERIAL_MISMATCH));
    }
    let issuer_ok = is.issuer.iter().any(|g| matches!(g, GeneralName::DirectoryName(n) if expected.issuer.first() == Some(&GeneralName::DirectoryName(n.clone()))));
    (!issuer_ok).then(|| Message::new(codes::ESS_ISSUER_MISMATCH))
}

/// Check a signing-certificate-v2 attribute value (`v2 == true`) or a signing-certificate value
/// against `cert`. Only the first identifier is binding (RFC 5035 §3: it identifies the signer's
/// certificate); the policies field is not interpreted.
pub fn check_binding(value_der: &[u8], v2: bool, cert: &Certificate) -> Result<EssBinding> {
    if v2 {
        let sc = SigningCertificateV2::from_der(value_der).map_err(|e| {
            Error::input(crate::ber::der_detail(codes::ESS_MALFORMED, e))
                .with("attribute", "signing-certificate-v2")
        })?;
        let first = sc.certs.first().ok_or_else(|| {
            Error::input(codes::ESS_NO_CERTIFICATE).with("attribute", "signing-certificate-v2")
        })?;
        let hash = match &first.hash_algorithm {
            None => DigestAlgorithm::Sha256,
            Some(a) => DigestAlgorithm::from_oid(&a.oid)
                .ok_or_else(|| Error::unsupported(codes::ESS_HASH_UNSUPPORTED).with("oid", a.oid))?,
        };
        if first.cert_hash.as_bytes() != hash.digest(cert.der()).as_slice() {
            return Ok(EssBinding::Mismatch(Message::new(codes::ESS_CERT_HASH_MISMATCH)));
        }
        if let Some(m) = check_issuer_serial(&first.issuer_serial, cert) {
            return Ok(EssBinding::Mismatch(m));
        }
        Ok(EssBinding::Matches { version: "v2", hash })
    } else {
        let sc = SigningCertificate::from_der(value_der).map_err(|e| {
            Error::input(crate::ber::der_detail(codes::ESS_MALFORMED, e))
                .with("attribute", "signing-certificate")
        })?;
        let first = sc.certs.first().ok_or_else(|| {
            Error::input(codes::ESS_NO_CERTIFICATE).with("attribute", "signing-certificate")
        })?;
        if first.cert_hash.as_bytes() != DigestAlgorithm::Sha1.digest(cert.der()).as_slice() {
            return Ok(EssBinding::Mismatch(Message::new(codes::ESS_CERT_HASH_MISMATCH)));
        }
        if let Some(m) = check_issuer_serial(&first.issuer_serial, cert) {
            return Ok(EssBinding::Mismatch(m));
        }
        Ok(EssBinding::Matches { version: "v1", hash: DigestAlgorithm::Sha1 })
    }
}
