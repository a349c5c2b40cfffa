//! PKCS#10 certification requests (RFC 2986): creating one signed by the subject's key, and
//! reading one back with its signature verified.

use super::alg;
use super::dn::DistinguishedName;
use super::ext;
use super::profile::AltName;
use crate::diag::codes::issue as codes;
use crate::error::{Error, Result};
use crate::io::{decode_pem_or_der, limits, read_file_limited};
use crate::keys::{SignatureAlgorithm, Signer};
use der::Encode;
use der::asn1::{Any, AnyRef, ObjectIdentifier, SetOfVec};
use std::path::Path;
use x509_cert::attr::Attribute;

/// PKCS#9 extensionRequest (RFC 2985 §5.4.2).
const EXTENSION_REQUEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");

#[derive(der::Sequence)]
struct CertReqInfo<'a> {
    version: u8,
    subject: AnyRef<'a>,
    public_key: AnyRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    attributes: SetOfVec<Attribute>,
}

/// A PKCS#10 certification request whose signature has been verified.
#[derive(Clone, Debug)]
pub struct Csr {
    der: Vec<u8>,
    subject: DistinguishedName,
    spki: Vec<u8>,
    alt_names: Vec<AltName>,
}

impl Csr {
    /// Create a request for `subject` with the signer's public key, signed by it (proof of
    /// possession, RFC 2986 §3). `alt_names` go into an extensionRequest attribute.
    pub fn create(
        subject: &DistinguishedName,
        signer: &dyn Signer,
        alt_names: &[AltName],
        algorithm: Option<SignatureAlgorithm>,
    ) -> Result<Csr> {
        let sig_alg = alg::choose(signer, algorithm)?;
        let alg_id = alg::algorithm_identifier(sig_alg)?;
        let mut attributes = SetOfVec::new();
        if !alt_names.is_empty() {
            let mut profile = super::profile::CertProfile::custom(1);
            profile.subject_alt_names = alt_names.to_vec();
            // Only the SAN is requested; the CA decides everything else.
            let exts: Vec<_> = ext::build(&profile, &[0], &[0], subject.is_empty())?
                .into_iter()
                .filter(|e| e.extn_id == ext::ids::SAN)
                .collect();
            let value = Any::encode_from(&exts).map_err(|e| {
                Error::usage(codes::ENCODE_FAILED).with("what", "extensionRequest").with("detail", e)
            })?;
            let mut values = SetOfVec::new();
            values.insert(value).map_err(|e| {
                Error::usage(codes::ENCODE_FAILED).with("what", "extensionRequest").with("detail", e)
            })?;
            attributes.insert(Attribute { oid: EXTENSION_REQUEST, values }).map_err(|e| {
                Error::usage(codes::ENCODE_FAILED).with("what", "extensionRequest").with("detail", e)
            })?;
        }
        let info = CertReqInfo {
            version: 0,
            subject: AnyRef::try_from(subject.der())
                .map_err(|e| Error::usage(codes::NOT_DER).with("what", "subject").with("detail", e))?,
            public_key: AnyRef::try_from(signer.public_key_spki())
                .map_err(|e| Error::input(codes::NOT_DER).with("what", "subjectPKInfo").with("detail", e))?,
            attributes,
        };
        let tbs = info.to_der().map_err(|e| {
            Error::usage(codes::ENCODE_FAILED).with("what", "CertificationRequestInfo").with("detail", e)
        })?;
        let der = alg::sign_and_wrap(signer, sig_alg, &alg_id, &tbs)?;
        Csr::from_der(&der).map_err(|e| e.context(codes::CSR_UNREADABLE))
    }

    /// Parse a DER request and verify its self-signature. A bad signature is
    /// [`crate::ErrorKind::Invalid`].
    pub fn from_der(der: &[u8]) -> Result<Csr> {
        use crate::crypto::verify::SigResult;
        use x509_parser::prelude::FromDer;
        let (rest, req) = x509_parser::certification_request::X509CertificationRequest::from_der(der)
            .map_err(|e| {
                Error::input(codes::CSR_MALFORMED).with_message("detail", crate::ber::x509_error_message(&e))
            })?;
        if !rest.is_empty() {
            return Err(Error::input(codes::CSR_TRAILING_DATA));
        }
        // Proof of possession (RFC 2986 §3) with kyso's one verifier. Legacy algorithms are
        // accepted here: the key itself is judged when certified (`check_subject_key`).
        let info = &req.certification_request_info;
        match crate::crypto::verify::verify(
            &info.subject_pki,
            None,
            &req.signature_algorithm,
            &req.signature_value.data,
            info.raw,
            true,
        ) {
            SigResult::Valid { .. } => {}
            SigResult::Unsupported(m) => {
                return Err(Error::unsupported(codes::CSR_SIGNATURE_UNSUPPORTED).with("detail", m));
            }
            SigResult::Invalid(_) | SigResult::NeedsInheritedParameters => {
                return Err(Error::invalid(codes::CSR_BAD_SIGNATURE));
            }
        }
        let subject = DistinguishedName::from_der(info.subject.as_raw())?;
        let spki = info.subject_pki.raw.to_vec();
        let mut alt_names = Vec::new();
        if let Some(exts) = req.requested_extensions() {
            for e in exts {
                if let x509_parser::extensions::ParsedExtension::SubjectAlternativeName(san) = e {
                    for n in &san.general_names {
                        alt_names.push(alt_from_parser(n)?);
                    }
                }
            }
        }
        Ok(Csr { der: der.to_vec(), subject, spki, alt_names })
    }

    /// Parse one request from PEM (`CERTIFICATE REQUEST` or `NEW CERTIFICATE REQUEST`) or DER.
    pub fn parse(data: &[u8]) -> Result<Csr> {
        let blocks = decode_pem_or_der(data)?;
        let mut found = Vec::new();
        let mut labels = Vec::new();
        for b in blocks {
            match b.label.as_deref() {
                None | Some("CERTIFICATE REQUEST") | Some("NEW CERTIFICATE REQUEST") => found.push(b.der),
                Some(l) => labels.push(l.to_string()),
            }
        }
        match found.len() {
            1 => Csr::from_der(&found[0]),
            0 => Err(Error::input(codes::CSR_NOT_FOUND).with("labels", labels.join(", "))),
            n => Err(Error::input(codes::CSR_MANY).with("count", n)),
        }
    }

    /// Load a request from a file, errors naming it.
    pub fn load(path: impl AsRef<Path>) -> Result<Csr> {
        let path = path.as_ref();
        Csr::parse(&read_file_limited(path, limits::CSR)?).map_err(|e| e.with_file(path))
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
    /// PEM text (`CERTIFICATE REQUEST`).
    pub fn to_pem(&self) -> String {
        crate::io::to_pem("CERTIFICATE REQUEST", &self.der)
    }
    /// The requested subject name.
    pub fn subject(&self) -> &DistinguishedName {
        &self.subject
    }
    /// The public key (DER SubjectPublicKeyInfo).
    pub fn public_key_spki(&self) -> &[u8] {
        &self.spki
    }
    /// Requested subject alternative names.
    pub fn alt_names(&self) -> &[AltName] {
        &self.alt_names
    }
}

/// Convert a parsed GeneralName back to an [`AltName`] (the kinds kyso can write).
pub(crate) fn alt_from_parser(n: &x509_parser::extensions::GeneralName<'_>) -> Result<AltName> {
    use x509_parser::extensions::GeneralName as G;
    Ok(match n {
        G::DNSName(s) => AltName::Dns(s.to_string()),
        G::RFC822Name(s) => AltName::Email(s.to_string()),
        G::URI(s) => AltName::Uri(s.to_string()),
        G::IPAddress(b) if b.len() == 4 => AltName::Ip(std::net::IpAddr::from([b[0], b[1], b[2], b[3]])),
        G::IPAddress(b) if b.len() == 16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            AltName::Ip(std::net::IpAddr::from(a))
        }
        G::DirectoryName(name) => AltName::Directory(DistinguishedName::from_der(name.as_raw())?),
        other => {
            return Err(
                Error::unsupported(codes::CSR_ALT_NAME_UNSUPPORTED).with("name", format_args!("{other:?}"))
            );
        }
    })
}

/// Issue a certificate from a verified request: the request's subject and key, its requested
/// subject alternative names unless the profile sets its own.
pub fn issue_from_csr(
    profile: &super::profile::CertProfile,
    csr: &Csr,
    issuer: &super::cert::Issuer<'_>,
) -> Result<crate::certificate::Certificate> {
    let mut profile = profile.clone();
    if profile.subject_alt_names.is_empty() {
        profile.subject_alt_names = csr.alt_names.clone();
    }
    super::cert::issue(&profile, &csr.subject, &csr.spki, issuer)
}
