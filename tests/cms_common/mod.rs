//! Test PKI for the CMS tests, generated with rcgen: root -> CA -> leaves (RSA-2048, P-256,
//! P-384, Ed25519, an expired one, a revoked one with a CRL) and a TSA certificate (critical EKU
//! timeStamping only). Everything is also written to a temporary directory as PEM for the CLI
//! and openssl.
#![allow(dead_code)]

use kyso::keys::{KeyAlgorithm, SoftwareKey};
use kyso::{Certificate, Crl};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CustomExtension, DnType, IsCa,
    Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose, RevokedCertParams, SerialNumber,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// True when openssl is available; otherwise print a notice, and panic under CI.
pub fn have_openssl() -> bool {
    let ok = Command::new("openssl").arg("version").output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("openssl is required under CI");
        }
        eprintln!("NOTICE: openssl not found; skipping this test");
    }
    ok
}

/// A leaf: key, certificate and their files.
#[derive(Clone)]
pub struct Leaf {
    pub key: Arc<SoftwareKey>,
    pub cert: Certificate,
    pub key_path: PathBuf,
    pub cert_path: PathBuf,
}

pub struct Pki {
    pub dir: tempfile::TempDir,
    pub root: Certificate,
    pub ca: Certificate,
    pub root_path: PathBuf,
    pub ca_path: PathBuf,
    /// Root + CA in one PEM file.
    pub chain_path: PathBuf,
    pub rsa: Leaf,
    pub p256: Leaf,
    pub p384: Leaf,
    pub ed25519: Leaf,
    pub expired: Leaf,
    pub revoked: Leaf,
    pub tsa: Leaf,
    pub crl: Crl,
    pub crl_path: PathBuf,
    /// Same issuer, serial and key as `p256`, another subject: a substitute certificate that
    /// only the ESS signing-certificate binding detects.
    pub p256_twin: Certificate,
    /// A second, unrelated root (a wrong anchor).
    pub other_root: Certificate,
    pub other_root_path: PathBuf,
}

fn random_serial() -> SerialNumber {
    let mut b: [u8; 16] = rand::random();
    b[0] &= 0x7f;
    b[0] |= 0x01;
    SerialNumber::from_slice(&b)
}

fn rcgen_key(k: &SoftwareKey) -> KeyPair {
    let der = k.pkcs8_der();
    KeyPair::try_from(der.as_slice()).expect("rcgen key")
}

fn ca_params(cn: &str) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name.push(DnType::CountryName, "VN");
    p.distinguished_name.push(DnType::OrganizationName, "Kyso Test PKI");
    p.distinguished_name.push(DnType::CommonName, cn);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages =
        vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    p.not_before = OffsetDateTime::now_utc() - Duration::days(3650);
    p.not_after = OffsetDateTime::now_utc() + Duration::days(3650);
    p.serial_number = Some(random_serial());
    p.key_identifier_method = KeyIdMethod::Sha256;
    p
}

fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p
}

struct Ca<'a> {
    issuer: Issuer<'a, &'a KeyPair>,
}

fn twin(of: &Leaf, ca: &Ca<'_>) -> Certificate {
    let kp = rcgen_key(&of.key);
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name.push(DnType::CountryName, "VN");
    p.distinguished_name.push(DnType::CommonName, "Kyso p256 twin");
    p.not_before = OffsetDateTime::now_utc() - Duration::days(1);
    p.not_after = OffsetDateTime::now_utc() + Duration::days(30);
    p.serial_number = Some(SerialNumber::from_slice(of.cert.x509().raw_serial()));
    p.use_authority_key_identifier_extension = true;
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    let c = p.signed_by(&kp, &ca.issuer).unwrap();
    Certificate::from_der(c.der().to_vec()).unwrap()
}

fn leaf(
    dir: &Path,
    name: &str,
    alg: KeyAlgorithm,
    ca: &Ca<'_>,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
    tsa: bool,
) -> Leaf {
    let key = SoftwareKey::generate(alg).expect("keygen");
    let kp = rcgen_key(&key);
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name.push(DnType::CountryName, "VN");
    p.distinguished_name.push(DnType::OrganizationName, "Công ty TNHH Kyso");
    p.distinguished_name.push(DnType::CommonName, format!("Kyso {name}"));
    p.distinguished_name.push(DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1]), "MST:0101234567");
    p.not_before = not_before;
    p.not_after = not_after;
    p.serial_number = Some(random_serial());
    p.use_authority_key_identifier_extension = true;
    // basicConstraints CA:FALSE, and rcgen then writes a subjectKeyIdentifier too.
    p.is_ca = IsCa::ExplicitNoCa;
    if tsa {
        p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        // extendedKeyUsage, critical, timeStamping only (RFC 3161 §2.3).
        let mut ext = CustomExtension::from_oid_content(
            &[2, 5, 29, 37],
            vec![0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08],
        );
        ext.set_criticality(true);
        p.custom_extensions.push(ext);
    } else {
        p.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment];
    }
    let cert = p.signed_by(&kp, &ca.issuer).expect("issue leaf");
    let cert = Certificate::from_der(cert.der().to_vec()).unwrap();
    let key_pem = kyso::io::to_pem("PRIVATE KEY", &key.pkcs8_der());
    let key_path = write(dir, &format!("{name}.key.pem"), key_pem.as_bytes());
    let cert_path = write(dir, &format!("{name}.pem"), cert.to_pem().as_bytes());
    Leaf { key: Arc::new(key), cert, key_path, cert_path }
}

impl Pki {
    pub fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_path_buf();
        let root_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let root_params = ca_params("Kyso Test Root CA");
        let root_cert = root_params.self_signed(&root_key).unwrap();
        let root_issuer = Issuer::from_params(&root_params, &root_key);
        let ca_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut cap = ca_params("Kyso Test Issuing CA");
        cap.use_authority_key_identifier_extension = true;
        let ca_cert = cap.signed_by(&ca_key, &root_issuer).unwrap();
        let ca = Ca { issuer: Issuer::from_params(&cap, &ca_key) };

        let now = OffsetDateTime::now_utc();
        let (nb, na) = (now - Duration::days(1), now + Duration::days(365));
        let rsa = leaf(&d, "rsa", KeyAlgorithm::Rsa { bits: 2048 }, &ca, nb, na, false);
        let p256 = leaf(&d, "p256", KeyAlgorithm::EcP256, &ca, nb, na, false);
        let p384 = leaf(&d, "p384", KeyAlgorithm::EcP384, &ca, nb, na, false);
        let ed25519 = leaf(&d, "ed25519", KeyAlgorithm::Ed25519, &ca, nb, na, false);
        let expired = leaf(
            &d,
            "expired",
            KeyAlgorithm::EcP256,
            &ca,
            now - Duration::days(400),
            now - Duration::days(30),
            false,
        );
        let revoked = leaf(&d, "revoked", KeyAlgorithm::EcP256, &ca, nb, na, false);
        let tsa = leaf(&d, "tsa", KeyAlgorithm::EcP256, &ca, nb, na, true);
        let p256_twin = twin(&p256, &ca);

        let crl_params = CertificateRevocationListParams {
            this_update: now - Duration::hours(1),
            next_update: now + Duration::days(7),
            crl_number: SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs: vec![RevokedCertParams {
                serial_number: SerialNumber::from_slice(revoked.cert.x509().raw_serial()),
                revocation_time: now - Duration::minutes(30),
                reason_code: Some(rcgen::RevocationReason::KeyCompromise),
                invalidity_date: None,
            }],
            key_identifier_method: KeyIdMethod::Sha256,
        };
        let crl = crl_params.signed_by(&ca.issuer).unwrap();
        let crl = Crl::from_der(crl.der().to_vec()).unwrap();
        let crl_path = write(&d, "ca.crl.pem", crl.to_pem().as_bytes());

        let root = Certificate::from_der(root_cert.der().to_vec()).unwrap();
        let ca_c = Certificate::from_der(ca_cert.der().to_vec()).unwrap();
        let root_path = write(&d, "root.pem", root.to_pem().as_bytes());
        let ca_path = write(&d, "ca.pem", ca_c.to_pem().as_bytes());
        let chain_path = write(&d, "chain.pem", format!("{}{}", ca_c.to_pem(), root.to_pem()).as_bytes());

        let other_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let other = ca_params("Kyso Test Root CA").self_signed(&other_key).unwrap();
        let other_root = Certificate::from_der(other.der().to_vec()).unwrap();
        let other_root_path = write(&d, "other-root.pem", other_root.to_pem().as_bytes());
        Pki {
            dir,
            root,
            ca: ca_c,
            root_path,
            ca_path,
            chain_path,
            rsa,
            p256,
            p384,
            ed25519,
            expired,
            revoked,
            tsa,
            crl,
            crl_path,
            p256_twin,
            other_root,
            other_root_path,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A trust store with the test root.
    pub fn store(&self) -> kyso::TrustStore {
        let mut s = kyso::TrustStore::new();
        s.add(self.root.clone(), "Kyso Test Root CA", "public");
        s
    }

    /// Verify options: the root as anchor, the CA as untrusted intermediate.
    pub fn verify_options(&self) -> kyso::cms::VerifyOptions {
        kyso::cms::VerifyOptions::default().with_store(self.store()).with_untrusted(vec![self.ca.clone()])
    }
}
