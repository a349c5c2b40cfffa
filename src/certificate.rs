//! A parsed X.509 certificate that owns its DER, parsed once (x509-parser) and cheap to clone.

use crate::diag::codes::input;
use crate::error::{Error, Result};
use crate::io::{decode_pem_or_der, limits, read_file_limited};
use std::path::Path;
use std::sync::{Arc, OnceLock};
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

/// What clones share: the parsed certificate, and what path validation derives from it, each
/// computed on first use (a validator that sees the same certificates again does no more than
/// compare them).
struct Inner {
    cell: CertCell,
    /// The subject public key parsed for signature verification.
    keys: crate::crypto::verify::ParsedKeys,
    /// Subject and issuer as rendered for reports.
    names: OnceLock<(Arc<str>, Arc<str>)>,
    /// Serial number and SHA-256 in hex, as reports show them.
    hex: OnceLock<(Arc<str>, Arc<str>)>,
    /// [`crate::name::name_key`] of the subject and of the issuer.
    name_keys: OnceLock<(Vec<u8>, Vec<u8>)>,
    /// SHA-256 of the SubjectPublicKeyInfo DER.
    spki_sha256: OnceLock<[u8; 32]>,
    /// [`crate::crypto::verify::check_public_key`] of the subject public key, without and with
    /// `allow_legacy`.
    key_check: [OnceLock<KeyCheck>; 2],
}

/// What [`crate::crypto::verify::check_public_key`] says of a key.
type KeyCheck = std::result::Result<Option<&'static str>, crate::diag::Message>;

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
            Err(e) => Err(Error::input(
                crate::diag::Message::new(input::CERT_MALFORMED)
                    .with_message("detail", crate::ber::x509_error_message(&e)),
            )),
        })?;
        Ok(Certificate {
            inner: Arc::new(Inner {
                cell,
                keys: Default::default(),
                names: Default::default(),
                hex: Default::default(),
                name_keys: Default::default(),
                spki_sha256: Default::default(),
                key_check: Default::default(),
            }),
            sha256,
        })
    }

    /// Parse every certificate in PEM (a bundle: all `CERTIFICATE` blocks and PKCS#7
    /// certificate bundles; other blocks are ignored) or DER `data` (one certificate, or a PKCS#7
    /// certs-only bundle, `.p7b`/`.p7c`). At least one certificate is required.
    pub fn parse_many(data: &[u8]) -> Result<Vec<Self>> {
        let blocks = decode_pem_or_der(data)?;
        let mut out = Vec::new();
        let mut labels = Vec::new();
        for b in blocks {
            match Self::parse_block(b.label.as_deref(), &b.der) {
                Some(certs) => out.extend(certs?),
                None => labels.extend(b.label),
            }
        }
        if out.is_empty() {
            return Err(Error::input(input::CERT_NOT_FOUND).with("labels", labels.join(", ")));
        }
        Ok(out)
    }

    /// The certificates of one PEM block (`label`) or DER file (`label` None): a certificate, or
    /// every certificate of a PKCS#7 certs-only SignedData (RFC 2315 §9.1, as `openssl crl2pkcs7
    /// -nocrl` writes and Vietnamese CAs publish their issuers: `.p7b`/`.p7c`; BER accepted), in
    /// the order of the bundle. None for a block that holds no certificate (another label).
    pub fn parse_block(label: Option<&str>, der: &[u8]) -> Option<Result<Vec<Self>>> {
        match label {
            None
            | Some("CERTIFICATE")
            | Some("X509 CERTIFICATE")
            | Some("TRUSTED CERTIFICATE")
            | Some("PKCS7")
            | Some("PKCS #7 SIGNED DATA")
            | Some("CMS") => {}
            Some(_) => return None,
        }
        if is_pkcs7_signed_data(der) {
            return Some(
                pkcs7_certificates(der).and_then(|ders| ders.into_iter().map(Self::from_der).collect()),
            );
        }
        Some(Self::from_der(der.to_vec()).map(|c| vec![c]))
    }

    /// Load every certificate from a PEM bundle or DER file, with errors naming the file.
    pub fn load_all(path: impl AsRef<Path>) -> Result<Vec<Self>> {
        let path = path.as_ref();
        Self::parse_many(&read_file_limited(path, limits::CERTIFICATE)?).map_err(|e| e.with_file(path))
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
        String::from(&*self.names().0)
    }

    /// The issuer in the same string form as [`Certificate::subject_string`], rendered once.
    pub fn issuer_string(&self) -> String {
        String::from(&*self.names().1)
    }

    fn hex(&self) -> &(Arc<str>, Arc<str>) {
        self.inner
            .hex
            .get_or_init(|| (hex::encode(self.x509().raw_serial()).into(), hex::encode(self.sha256).into()))
    }

    /// The serial number as lowercase hex.
    pub fn serial_hex(&self) -> String {
        String::from(&*self.hex().0)
    }

    /// [`Certificate::sha256`] as lowercase hex, encoded once.
    pub(crate) fn sha256_hex(&self) -> String {
        String::from(&*self.hex().1)
    }

    fn name_keys(&self) -> &(Vec<u8>, Vec<u8>) {
        self.inner.name_keys.get_or_init(|| {
            let x = self.x509();
            (crate::name::name_key(x.subject()), crate::name::name_key(x.issuer()))
        })
    }

    /// The subject's [`crate::name::name_key`], computed once: two names match per RFC 5280
    /// §7.1 exactly when their keys are equal.
    pub(crate) fn subject_key(&self) -> &[u8] {
        &self.name_keys().0
    }

    /// The issuer's [`crate::name::name_key`], computed once.
    pub(crate) fn issuer_key(&self) -> &[u8] {
        &self.name_keys().1
    }

    /// True when the subject and issuer names match (RFC 5280 §7.1): a self-issued certificate.
    pub(crate) fn is_self_issued(&self) -> bool {
        let (subject, issuer) = self.name_keys();
        subject == issuer
    }

    /// SHA-256 of the SubjectPublicKeyInfo DER, computed once.
    pub(crate) fn spki_sha256(&self) -> [u8; 32] {
        *self.inner.spki_sha256.get_or_init(|| {
            let d = ring::digest::digest(&ring::digest::SHA256, self.x509().public_key().raw);
            let mut out = [0u8; 32];
            out.copy_from_slice(d.as_ref());
            out
        })
    }

    /// [`crate::crypto::verify::check_public_key`] of this certificate's public key, computed
    /// once per `allow_legacy`.
    pub(crate) fn check_public_key(&self, allow_legacy: bool) -> KeyCheck {
        self.inner.key_check[usize::from(allow_legacy)]
            .get_or_init(|| crate::crypto::verify::check_public_key(self.x509().public_key(), allow_legacy))
            .clone()
    }

    /// PEM text of this certificate.
    pub fn to_pem(&self) -> String {
        crate::io::to_pem("CERTIFICATE", self.der())
    }

    /// The URIs of the authorityInfoAccess descriptions with `method` (RFC 5280 §4.2.2.1), in
    /// order; none when the extension is absent or malformed.
    fn access_uris(&self, method: &str) -> Vec<String> {
        use der::Decode;
        use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, name::GeneralName};
        let mut out = Vec::new();
        for ext in self.x509().extensions().iter().filter(|e| e.oid.to_id_string() == OID_AIA) {
            if let Ok(aia) = AuthorityInfoAccessSyntax::from_der(ext.value) {
                for d in aia.0.iter().filter(|d| d.access_method.to_string() == method) {
                    if let GeneralName::UniformResourceIdentifier(u) = &d.access_location {
                        out.push(u.as_str().to_string());
                    }
                }
            }
        }
        out
    }

    /// The OCSP responder URIs of the authorityInfoAccess extension (id-ad-ocsp, RFC 5280
    /// §4.2.2.1, RFC 6960 §3.1), in order.
    pub fn ocsp_urls(&self) -> Vec<String> {
        self.access_uris(OID_AD_OCSP)
    }

    /// The caIssuers URIs of the authorityInfoAccess extension (RFC 5280 §4.2.2.1): where the
    /// issuer's certificate (DER, or a PKCS#7 certs-only bundle) is published, in order.
    pub fn ca_issuers_urls(&self) -> Vec<String> {
        self.access_uris(OID_AD_CA_ISSUERS)
    }

    /// The URIs in the full names of the distribution points of extension `oid`.
    fn distribution_point_uris(&self, oid: &str) -> Vec<String> {
        use der::Decode;
        use x509_cert::ext::pkix::CrlDistributionPoints;
        use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
        let mut out = Vec::new();
        for ext in self.x509().extensions().iter().filter(|e| e.oid.to_id_string() == oid) {
            if let Ok(points) = CrlDistributionPoints::from_der(ext.value) {
                for p in &points.0 {
                    if let Some(DistributionPointName::FullName(names)) = &p.distribution_point {
                        for n in names {
                            if let GeneralName::UniformResourceIdentifier(u) = n {
                                out.push(u.as_str().to_string());
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// The URIs of the cRLDistributionPoints extension (RFC 5280 §4.2.1.13): where the
    /// issuer's complete CRLs covering this certificate are published, in order.
    pub fn crl_urls(&self) -> Vec<String> {
        self.distribution_point_uris(OID_CRL_DP)
    }

    /// The URIs of the freshestCRL extension (RFC 5280 §4.2.1.15): where the delta CRLs are
    /// published, in order.
    pub fn freshest_crl_urls(&self) -> Vec<String> {
        self.distribution_point_uris(OID_FRESHEST_CRL)
    }
}

/// authorityInfoAccess (RFC 5280 §4.2.2.1) and its access methods.
const OID_AIA: &str = "1.3.6.1.5.5.7.1.1";
const OID_AD_OCSP: &str = "1.3.6.1.5.5.7.48.1";
const OID_AD_CA_ISSUERS: &str = "1.3.6.1.5.5.7.48.2";
/// cRLDistributionPoints (RFC 5280 §4.2.1.13) and freshestCRL (§4.2.1.15).
const OID_CRL_DP: &str = "2.5.29.31";
const OID_FRESHEST_CRL: &str = "2.5.29.46";

/// The DER of the OID signedData, 1.2.840.113549.1.7.2, with its tag and length.
const SIGNED_DATA_OID: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// True when `data` starts as a ContentInfo of type signedData (DER or BER lengths).
fn is_pkcs7_signed_data(data: &[u8]) -> bool {
    let skip = match (data.first(), data.get(1)) {
        (Some(0x30), Some(&l)) if l <= 0x80 => 2,
        (Some(0x30), Some(&l)) => 2 + usize::from(l & 0x7f),
        _ => return false,
    };
    data.get(skip..).is_some_and(|rest| rest.starts_with(SIGNED_DATA_OID))
}

/// The certificates (DER, in order) of a PKCS#7 SignedData without signers: ContentInfo {
/// signedData, [0] SignedData { version, digestAlgorithms, contentInfo, [0] certificates, [1]
/// crls, signerInfos } }. Other certificate choices (extended, attribute certificates) are skipped.
fn pkcs7_certificates(data: &[u8]) -> Result<Vec<Vec<u8>>> {
    use crate::ber;
    let bad = |m: crate::diag::Message| Error::input(input::PKCS7_MALFORMED).with_message("detail", m);
    let ber_bad = |e: Error| bad(e.typed_message().clone());
    let part = |p: &str| bad(crate::diag::Message::new(input::PKCS7_PART_MISSING).with("part", p));
    let der = ber::to_der_keeping_set_order(data).map_err(ber_bad)?;
    let ci = ber::children(&der).map_err(ber_bad)?;
    let content = match ci.as_slice() {
        [oid, content] if *oid == SIGNED_DATA_OID && content.first() == Some(&0xa0) => content,
        _ => return Err(part("ContentInfo [0] signedData")),
    };
    let sd = match ber::children(content).map_err(ber_bad)?.as_slice() {
        [sd] if sd.first() == Some(&0x30) => ber::children(sd).map_err(ber_bad)?,
        _ => return Err(part("SignedData")),
    };
    let Some(signers) = sd.last().filter(|s| s.first() == Some(&0x31)) else {
        return Err(part("signerInfos"));
    };
    let signer_count = ber::children(signers).map_err(ber_bad)?.len();
    if signer_count != 0 {
        return Err(Error::input(input::PKCS7_HAS_SIGNERS).with("count", signer_count));
    }
    let mut out = Vec::new();
    for field in sd.iter().filter(|f| f.first() == Some(&0xa0)) {
        for c in ber::children(field).map_err(ber_bad)? {
            if c.first() == Some(&0x30) {
                out.push(c.to_vec());
            }
        }
    }
    if out.is_empty() {
        return Err(Error::input(input::CERT_NOT_FOUND).with("labels", "PKCS7"));
    }
    Ok(out)
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

    /// Issue #9 defect 17: PKCS#7 certs-only bundles (`openssl crl2pkcs7 -nocrl`), DER and PEM.
    #[test]
    fn pkcs7_certs_only_bundles_are_read_in_order() {
        let Ok(out) = std::process::Command::new("openssl").arg("version").output() else {
            assert!(std::env::var_os("CI").is_none(), "openssl is required under CI");
            eprintln!("NOTICE: openssl not found, skipping");
            return;
        };
        assert!(out.status.success());
        let dir = tempfile::tempdir().unwrap();
        let mut want = Vec::new();
        for (i, name) in ["a", "b"].iter().enumerate() {
            let key = rcgen::KeyPair::generate().unwrap();
            let c = rcgen::CertificateParams::new(vec![format!("{name}.example")])
                .unwrap()
                .self_signed(&key)
                .unwrap();
            std::fs::write(dir.path().join(format!("{i}.pem")), c.pem()).unwrap();
            want.push(c.der().to_vec());
        }
        for (form, file) in [("PEM", "b.p7b"), ("DER", "b.p7c")] {
            let st = std::process::Command::new("openssl")
                .current_dir(dir.path())
                .args([
                    "crl2pkcs7",
                    "-nocrl",
                    "-certfile",
                    "0.pem",
                    "-certfile",
                    "1.pem",
                    "-outform",
                    form,
                    "-out",
                    file,
                ])
                .status()
                .unwrap();
            assert!(st.success());
            let certs = Certificate::load_all(dir.path().join(file)).unwrap();
            let got: Vec<Vec<u8>> = certs.iter().map(|c| c.der().to_vec()).collect();
            assert_eq!(got, want, "{form}");
        }
        // BER (indefinite lengths) goes through the normaliser.
        let der = std::fs::read(dir.path().join("b.p7c")).unwrap();
        let ber = to_indefinite_outer(&der);
        assert_eq!(Certificate::parse_many(&ber).unwrap().len(), 2);
    }

    /// Re-encode the outer SEQUENCE with an indefinite length.
    fn to_indefinite_outer(der: &[u8]) -> Vec<u8> {
        let hdr = if der[1] < 0x80 { 2 } else { 2 + usize::from(der[1] & 0x7f) };
        let mut out = vec![0x30, 0x80];
        out.extend_from_slice(&der[hdr..]);
        out.extend_from_slice(&[0, 0]);
        out
    }
}
