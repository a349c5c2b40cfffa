//! A parsed X.509 certificate that owns its DER, parsed once (x509-parser) and cheap to clone.

use crate::diag::codes::input;
use crate::error::{Error, Result};
use crate::io::{decode_pem_or_der, read_file};
use std::path::Path;
use std::sync::Arc;
use x509_parser::certificate::X509Certificate;
use x509_parser::prelude::FromDer;

type X509<'a> = X509Certificate<'a>;

self_cell::self_cell!(
    struct CertCell {
        owner: Vec<u8>,
        #[covariant]
        dependent: X509,
    }
);

/// An X.509 certificate: its DER and the x509-parser view of it, parsed once.
/// Cloning is cheap (shared).
#[derive(Clone)]
pub struct Certificate {
    inner: Arc<Inner>,
    sha256: [u8; 32],
}

/// What clones share: the parsed certificate, and its subject public key parsed for signature
/// verification on first use.
struct Inner {
    cell: CertCell,
    keys: crate::crypto::verify::ParsedKeys,
    /// Subject and issuer as rendered for reports, on first use.
    names: std::sync::OnceLock<(Arc<str>, Arc<str>)>,
}

impl std::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Certificate")
            .field("subject", &self.subject_string())
            .field("sha256", &hex::encode(self.sha256))
            .finish()
    }
}

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.sha256 == other.sha256
    }
}
impl Eq for Certificate {}

impl std::hash::Hash for Certificate {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.sha256.hash(state)
    }
}

impl Certificate {
    /// Parse one DER certificate. Trailing bytes are an error.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<Self> {
        let der = der.into();
        let sha256 = {
            let d = ring::digest::digest(&ring::digest::SHA256, &der);
            let mut out = [0u8; 32];
            out.copy_from_slice(d.as_ref());
            out
        };
        let cell = CertCell::try_new(der, |der| match X509Certificate::from_der(der) {
            Ok(([], cert)) => Ok(cert),
            Ok(_) => Err(Error::input(input::CERT_TRAILING_DATA)),
            Err(e) => Err(Error::input(input::CERT_MALFORMED).with("detail", e)),
        })?;
        Ok(Certificate {
            inner: Arc::new(Inner { cell, keys: Default::default(), names: Default::default() }),
            sha256,
        })
    }

    /// Parse every certificate in PEM (a bundle: all `CERTIFICATE` blocks; other blocks are
    /// ignored) or DER `data`. At least one certificate is required.
    pub fn parse_many(data: &[u8]) -> Result<Vec<Self>> {
        let blocks = decode_pem_or_der(data)?;
        let mut out = Vec::new();
        let mut labels = Vec::new();
        for b in blocks {
            match b.label.as_deref() {
                None | Some("CERTIFICATE") | Some("X509 CERTIFICATE") | Some("TRUSTED CERTIFICATE") => {
                    out.push(Self::from_der(b.der)?)
                }
                Some(other) => labels.push(other.to_string()),
            }
        }
        if out.is_empty() {
            return Err(Error::input(input::CERT_NOT_FOUND).with("labels", labels.join(", ")));
        }
        Ok(out)
    }

    /// Load every certificate from a PEM bundle or DER file, with errors naming the file.
    pub fn load_all(path: impl AsRef<Path>) -> Result<Vec<Self>> {
        let path = path.as_ref();
        Self::parse_many(&read_file(path)?).map_err(|e| e.with_file(path))
    }

    /// Load exactly one certificate (the first of a bundle is not silently taken: more than one
    /// is an error).
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let mut all = Self::load_all(path)?;
        if all.len() != 1 {
            return Err(Error::input(input::CERT_EXPECTED_ONE).with("count", all.len()).with_file(path));
        }
        Ok(all.remove(0))
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        self.inner.cell.borrow_owner()
    }

    /// The parsed certificate.
    pub fn x509(&self) -> &X509Certificate<'_> {
        self.inner.cell.borrow_dependent()
    }

    /// SHA-256 of the DER (the usual fingerprint).
    pub fn sha256(&self) -> [u8; 32] {
        self.sha256
    }

    /// The subject public key in the parsed form kept for signature verification
    /// ([`crate::crypto::verify::verify_with`]): parsed once, on first use, and shared by clones.
    pub fn parsed_keys(&self) -> &crate::crypto::verify::ParsedKeys {
        &self.inner.keys
    }

    fn names(&self) -> &(Arc<str>, Arc<str>) {
        self.inner.names.get_or_init(|| {
            let x = self.x509();
            (crate::name::render(x.subject()).into(), crate::name::render(x.issuer()).into())
        })
    }

    /// The subject in kyso's one string form ([`crate::name::render`]: RFC 4514 escaping,
    /// `UID`/`E` short names), rendered once.
    pub fn subject_string(&self) -> String {
        self.names().0.to_string()
    }

    /// The issuer in the same string form as [`Certificate::subject_string`], rendered once.
    pub fn issuer_string(&self) -> String {
        self.names().1.to_string()
    }

    /// The serial number as lowercase hex.
    pub fn serial_hex(&self) -> String {
        hex::encode(self.x509().raw_serial())
    }

    /// PEM text of this certificate.
    pub fn to_pem(&self) -> String {
        crate::io::to_pem("CERTIFICATE", self.der())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_render_once_with_vietnamese_short_names_and_rfc4514_escapes() {
        use rcgen::{DnType, DnValue};
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        let mut dn = rcgen::DistinguishedName::new();
        dn.push(DnType::CountryName, "VN");
        dn.push(DnType::LocalityName, "285/94B Cách mạng tháng 8, Phường 12");
        dn.push(DnType::CommonName, "Công ty A+B");
        dn.push(DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1]), "MST:0101234567");
        dn.push(
            DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
            DnValue::Ia5String("a@b.vn".try_into().unwrap()),
        );
        p.distinguished_name = dn;
        let cert = Certificate::from_der(p.self_signed(&key).unwrap().der().to_vec()).unwrap();
        let want =
            "C=VN, L=285/94B Cách mạng tháng 8\\, Phường 12, CN=Công ty A\\+B, UID=MST:0101234567, E=a@b.vn";
        assert_eq!(cert.subject_string(), want);
        assert_eq!(cert.issuer_string(), want);
    }
}
