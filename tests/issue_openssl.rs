//! Everything kyso issues (certificates, cross-certificates, CSRs, CRLs) is read by OpenSSL and
//! x509-parser, and its signatures verify, for RSA PKCS#1, RSA-PSS, ECDSA P-256/P-384 and
//! Ed25519 issuers. Vietnamese names come out of `openssl x509 -nameopt utf8` byte for byte.
//!
//! Skips with a notice when `openssl` is missing, but fails when `CI` is set.

use kyso::Certificate;
use kyso::issue::{
    self, AltName, CertProfile, CrlProfile, Csr, DistinguishedName, Issuer, NameConstraints, Oid,
    RevocationReason, Subtree,
};
use kyso::keys::{KeyAlgorithm, SignatureAlgorithm, SoftwareKey};
use std::path::{Path, PathBuf};
use std::process::Command;

fn openssl() -> bool {
    let ok = Command::new("openssl").arg("version").output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("openssl is required under CI");
        }
        eprintln!("NOTICE: openssl not found, skipping OpenSSL interop test");
    }
    ok
}

fn run(args: &[&str]) -> (bool, String) {
    let out = Command::new("openssl").args(args).output().expect("run openssl");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

fn must(args: &[&str]) -> String {
    let (ok, text) = run(args);
    assert!(ok, "openssl {args:?} failed:\n{text}");
    text
}

fn write(dir: &Path, name: &str, data: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const OFFICER: &str = "C=VN, O=BỘ CÔNG THƯƠNG, OU=Cục Thương mại điện tử và Kinh tế số, OU=Phòng Chữ ký số, CN=Nguyễn Văn Ánh, UID=MST:0101234567-001";

struct Case {
    name: &'static str,
    key: KeyAlgorithm,
    alg: Option<SignatureAlgorithm>,
}

#[test]
fn every_issuer_key_type_interoperates_with_openssl() {
    if !openssl() {
        return;
    }
    let cases = [
        Case { name: "rsa-pkcs1", key: KeyAlgorithm::Rsa { bits: 2048 }, alg: None },
        Case {
            name: "rsa-pss",
            key: KeyAlgorithm::Rsa { bits: 2048 },
            alg: Some(SignatureAlgorithm::RsaPssSha256),
        },
        Case { name: "p256", key: KeyAlgorithm::EcP256, alg: None },
        Case { name: "p384", key: KeyAlgorithm::EcP384, alg: None },
        Case { name: "ed25519", key: KeyAlgorithm::Ed25519, alg: None },
    ];
    let dir = tempfile::tempdir().unwrap();
    let policy = Oid::parse("2.25.254237174323809065057726002495311440973.1.1").unwrap();
    let other_policy = Oid::parse("2.25.254237174323809065057726002495311440973.2.1").unwrap();
    for case in cases {
        let d = dir.path().join(case.name);
        std::fs::create_dir(&d).unwrap();
        let with_alg = |p: CertProfile| match case.alg {
            Some(a) => p.with_signature_algorithm(a),
            None => p,
        };
        let root_key = SoftwareKey::generate(case.key).unwrap();
        let root_dn = DistinguishedName::parse("C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO Root").unwrap();
        let root = issue::self_sign(
            &with_alg(CertProfile::root_ca().with_policy(policy.clone(), None)),
            &root_dn,
            &root_key,
        )
        .unwrap();
        let root_issuer = Issuer::new(&root, &root_key).unwrap();
        let ca_key = SoftwareKey::generate(case.key).unwrap();
        let ca = issue::issue(
            &with_alg(
                CertProfile::sub_ca(Some(0)).with_policy(policy.clone(), Some("https://demo.invalid/cps")),
            ),
            &DistinguishedName::parse("C=VN, O=DEMO, CN=DEMO CA").unwrap(),
            ca_key.public_key_spki(),
            &root_issuer,
        )
        .unwrap();
        let ca_issuer = Issuer::new(&ca, &ca_key).unwrap();

        // A CSR from the officer, issued by the CA.
        let leaf_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let subject = DistinguishedName::parse(OFFICER).unwrap();
        let csr =
            Csr::create(&subject, &leaf_key, &[AltName::Email("a@moit.demo.invalid".into())], None).unwrap();
        // The CSR signed by the issuer-type key too, so every algorithm is exercised on PKCS#10.
        let csr_same = Csr::create(&subject, &ca_key, &[], case.alg).unwrap();
        let leaf = issue::issue_from_csr(
            &with_alg(
                CertProfile::document_signer()
                    .with_policy(policy.clone(), None)
                    .with_crl_distribution_point("http://demo.invalid/ca.crl")
                    .with_ocsp_url("http://demo.invalid/ocsp")
                    .with_ca_issuers("http://demo.invalid/ca.crt"),
            ),
            &csr,
            &ca_issuer,
        )
        .unwrap();
        let tsa_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let tsa = issue::issue(
            &with_alg(CertProfile::tsa()),
            &DistinguishedName::parse("C=VN, CN=DEMO TSA").unwrap(),
            tsa_key.public_key_spki(),
            &ca_issuer,
        )
        .unwrap();
        let ocsp = issue::issue(
            &with_alg(CertProfile::ocsp_responder()),
            &DistinguishedName::parse("C=VN, CN=DEMO OCSP").unwrap(),
            tsa_key.public_key_spki(),
            &ca_issuer,
        )
        .unwrap();
        // A second root cross-certified by the first, with every constraint kind.
        let other_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let other = issue::self_sign(
            &CertProfile::root_ca(),
            &DistinguishedName::parse("C=VN, O=DEMO Bộ Khoa học và Công nghệ, CN=DEMO National Root")
                .unwrap(),
            &other_key,
        )
        .unwrap();
        let nc = NameConstraints {
            permitted: ["dir:C=VN", "dns:.gov.vn", "email:.gov.vn", "ip:10.0.0.0/8", "uri:.gov.vn"]
                .iter()
                .map(|x| Subtree::parse(x).unwrap())
                .collect(),
            excluded: vec![Subtree::parse("dns:bad.gov.vn").unwrap(), Subtree::parse("ip:fd00::/8").unwrap()],
        };
        let cross = issue::cross_certify(
            &with_alg(
                CertProfile::cross_certificate(Some(1))
                    .with_policy(policy.clone(), None)
                    .with_policy_mapping(policy.clone(), other_policy.clone())
                    .with_name_constraints(nc)
                    .with_policy_constraints(Some(2), Some(3))
                    .with_inhibit_any_policy(1),
            ),
            &other,
            &root_issuer,
        )
        .unwrap();
        let crl = issue::issue_crl(
            &{
                let mut p = CrlProfile::new(42, 7).revoke(
                    leaf.x509().raw_serial(),
                    time::OffsetDateTime::now_utc(),
                    Some(RevocationReason::KeyCompromise),
                );
                p.signature_algorithm = case.alg;
                p
            },
            &ca_issuer,
        )
        .unwrap();

        // x509-parser: every signature verifies.
        for (c, by) in
            [(&root, &root), (&ca, &root), (&leaf, &ca), (&tsa, &ca), (&ocsp, &ca), (&cross, &root)]
        {
            c.x509()
                .verify_signature(Some(by.x509().public_key()))
                .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        }
        crl.parsed().verify_signature(ca.x509().public_key()).unwrap();

        // OpenSSL: parse, verify chains, CSRs, CRLs.
        let root_p = write(&d, "root.pem", &root.to_pem());
        let ca_p = write(&d, "ca.pem", &ca.to_pem());
        let leaf_p = write(&d, "leaf.pem", &leaf.to_pem());
        let tsa_p = write(&d, "tsa.pem", &tsa.to_pem());
        let ocsp_p = write(&d, "ocsp.pem", &ocsp.to_pem());
        let cross_p = write(&d, "cross.pem", &cross.to_pem());
        let csr_p = write(&d, "csr.pem", &csr.to_pem());
        let csr2_p = write(&d, "csr2.pem", &csr_same.to_pem());
        let crl_p = write(&d, "crl.pem", &crl.to_pem());
        for p in [&root_p, &ca_p, &leaf_p, &tsa_p, &ocsp_p, &cross_p] {
            must(&["x509", "-in", s(p), "-noout", "-text"]);
        }
        let out = must(&[
            "verify",
            "-CAfile",
            s(&root_p),
            "-untrusted",
            s(&ca_p),
            s(&leaf_p),
            s(&tsa_p),
            s(&ocsp_p),
        ]);
        assert_eq!(out.matches(": OK").count(), 3, "{}: {out}", case.name);
        // The TSA certificate is acceptable for timestamping to OpenSSL.
        must(&[
            "verify",
            "-purpose",
            "timestampsign",
            "-CAfile",
            s(&root_p),
            "-untrusted",
            s(&ca_p),
            s(&tsa_p),
        ]);
        must(&[
            "verify",
            "-purpose",
            "ocsphelper",
            "-CAfile",
            s(&root_p),
            "-untrusted",
            s(&ca_p),
            s(&ocsp_p),
        ]);
        // The cross-certificate verifies under the first root (signature, constraints parse).
        must(&["verify", "-CAfile", s(&root_p), s(&cross_p)]);
        for p in [&csr_p, &csr2_p] {
            let out = must(&["req", "-in", s(p), "-verify", "-noout"]);
            assert!(
                out.contains("verify OK") || out.contains("Certificate request self-signature verify OK"),
                "{out}"
            );
        }
        // The CRL's signature, checked against its issuer (the CA).
        let out = must(&["crl", "-in", s(&crl_p), "-CAfile", s(&ca_p), "-noout"]);
        assert!(out.contains("verify OK"), "{out}");
        let out = must(&["crl", "-in", s(&crl_p), "-noout", "-text"]);
        assert!(out.contains("Key Compromise") && out.contains("CRL Number"), "{out}");
        let combined = write(&d, "chain.pem", &format!("{}{}", root.to_pem(), ca.to_pem()));
        let (ok, text) =
            run(&["verify", "-crl_check", "-CRLfile", s(&crl_p), "-CAfile", s(&combined), s(&leaf_p)]);
        assert!(!ok && text.contains("revoked"), "{}: leaf should be revoked: {text}", case.name);

        // Vietnamese names byte for byte.
        let out = must(&["x509", "-in", s(&leaf_p), "-noout", "-subject", "-nameopt", "utf8"]);
        assert_eq!(out.trim(), format!("subject={OFFICER}"));
        let out = must(&["req", "-in", s(&csr_p), "-noout", "-subject", "-nameopt", "utf8"]);
        assert_eq!(out.trim(), format!("subject={OFFICER}"));
        let out = must(&["x509", "-in", s(&cross_p), "-noout", "-text"]);
        for needle in [
            "X509v3 Policy Mappings: critical",
            "2.25.254237174323809065057726002495311440973.1.1:2.25.254237174323809065057726002495311440973.2.1",
            "X509v3 Name Constraints: critical",
            "DirName:C = VN",
            "IP:10.0.0.0/255.0.0.0",
            "Require Explicit Policy:2",
            "Inhibit Policy Mapping:3",
            "X509v3 Inhibit Any Policy: critical",
            "pathlen:1",
        ] {
            assert!(out.contains(needle), "{}: cross-certificate text lacks {needle:?}:\n{out}", case.name);
        }
        let out = must(&["x509", "-in", s(&tsa_p), "-noout", "-text"]);
        assert!(out.contains("X509v3 Extended Key Usage: critical"), "{out}");
        let out = must(&["x509", "-in", s(&ocsp_p), "-noout", "-text"]);
        assert!(out.contains("OCSP No Check"), "{out}");
        if case.alg == Some(SignatureAlgorithm::RsaPssSha256) {
            assert!(out.contains("rsassaPss"), "{out}");
        }
    }
}

#[test]
fn openssl_requests_are_issued_by_kyso() {
    if !openssl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let key = d.join("k.pem");
    let csr = d.join("r.pem");
    must(&[
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        s(&key),
        "-out",
        s(&csr),
        "-utf8",
        "-subj",
        "/C=VN/O=Công ty Ánh Dương/OU=Phòng A/OU=Phòng B/CN=Lê Thị Ánh/UID=CCCD:001090000001",
    ]);
    let req = Csr::load(&csr).unwrap();
    assert_eq!(req.subject().values("OU"), vec!["Phòng A", "Phòng B"]);
    let ca_key = SoftwareKey::generate(KeyAlgorithm::EcP384).unwrap();
    let ca = issue::self_sign(
        &CertProfile::root_ca(),
        &DistinguishedName::parse("C=VN, CN=DEMO CA").unwrap(),
        &ca_key,
    )
    .unwrap();
    let cert =
        issue::issue_from_csr(&CertProfile::document_signer(), &req, &Issuer::new(&ca, &ca_key).unwrap())
            .unwrap();
    let ca_p = write(d, "ca.pem", &ca.to_pem());
    let cert_p = write(d, "c.pem", &cert.to_pem());
    must(&["verify", "-CAfile", s(&ca_p), s(&cert_p)]);
    // The certificate carries OpenSSL's encoding of the subject unchanged.
    let out = must(&["req", "-in", s(&csr), "-noout", "-subject", "-nameopt", "utf8"]);
    let out2 = must(&["x509", "-in", s(&cert_p), "-noout", "-subject", "-nameopt", "utf8"]);
    assert_eq!(out, out2);
    // The certified key is OpenSSL's.
    let pubkey = must(&["pkey", "-in", s(&key), "-pubout"]);
    let cert_pub = must(&["x509", "-in", s(&cert_p), "-noout", "-pubkey"]);
    assert_eq!(pubkey, cert_pub);
    // A tampered request is refused.
    let mut der = req.der().to_vec();
    let n = der.len();
    der[n - 3] ^= 0x40;
    assert_eq!(Csr::from_der(&der).unwrap_err().kind(), kyso::ErrorKind::Invalid);
    let _: Certificate = cert;
}

/// The shared data directory: `KYSO_SHARED`, else `../shared` next to the crate. `None` (with a
/// notice) when missing; a failure under `CI`.
fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("KYSO_SHARED") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared"),
    };
    if dir.join("vn-certs").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("shared data not found at {} (set KYSO_SHARED)", dir.display());
    }
    eprintln!("NOTICE: shared data not found at {} (set KYSO_SHARED), skipping", dir.display());
    None
}

/// Cross-certify the real roots of both Vietnamese PKIs (RSA-4096 keys, UTF-8 names) with a kyso
/// demo root: the cross-certificates repeat their names, keys and key identifiers byte for byte,
/// so the real CAs below them chain to the demo root.
///
/// OpenSSL follows the government chain (VGCA G2 → its CA → an agency certificate). Below the
/// Vietnam National Root CA it cannot: licensed CAs such as VNPT-CA SHA2 carry an authority key
/// identifier that pins the root's issuer name and serial number (RFC 5280 §4.2.1.1 allows it),
/// which no cross-certificate can match; there the signature is checked with x509-parser.
#[test]
fn cross_certifies_the_real_vietnamese_roots() {
    if !openssl() {
        return;
    }
    let Some(shared) = shared_dir() else { return };
    let vn = shared.join("vn-certs");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let demo_key = SoftwareKey::generate(KeyAlgorithm::EcP384).unwrap();
    let demo_root = issue::self_sign(
        &CertProfile::root_ca(),
        &DistinguishedName::parse("C=VN, O=DEMO, CN=DEMO Bridge Root").unwrap(),
        &demo_key,
    )
    .unwrap();
    let issuer = Issuer::new(&demo_root, &demo_key).unwrap();
    let demo_p = write(d, "demo-root.pem", &demo_root.to_pem());
    for (root_file, below) in [
        (
            "vgca-rootca-chuyen-dung-chinh-phu-g2.pem",
            vec![
                "vgca-ca-phuc-vu-cac-co-quan-nha-nuoc-g2.pem",
                "leaf-example-cuc-thue-btc-issued-by-cpca-g2.pem",
            ],
        ),
        ("vietnam-national-root-ca-sha256-g2.pem", vec!["vnpt-ca-sha2.pem"]),
    ] {
        let pins_issuer_serial = root_file.starts_with("vietnam-national");
        let real_root = Certificate::load(vn.join(root_file)).unwrap();
        let cross = issue::cross_certify(&CertProfile::cross_certificate(None), &real_root, &issuer).unwrap();
        assert_eq!(cross.x509().subject().as_raw(), real_root.x509().subject().as_raw());
        assert_eq!(cross.x509().public_key().raw, real_root.x509().public_key().raw);
        let cross_p = write(d, "cross.pem", &cross.to_pem());
        // Untrusted: the cross-certificate, then the real intermediates in order.
        let mut untrusted = cross.to_pem();
        for f in &below[..below.len().saturating_sub(1)] {
            untrusted.push_str(&std::fs::read_to_string(vn.join(f)).unwrap());
        }
        let untrusted_p = write(d, "untrusted.pem", &untrusted);
        must(&["verify", "-CAfile", s(&demo_p), s(&cross_p)]);
        let target = vn.join(below.last().unwrap());
        if pins_issuer_serial {
            let child = Certificate::load(&target).unwrap();
            child.x509().verify_signature(Some(cross.x509().public_key())).unwrap();
            let (ok, text) =
                run(&["verify", "-CAfile", s(&demo_p), "-untrusted", s(&untrusted_p), s(&target)]);
            assert!(
                !ok && text.contains("unable to get local issuer"),
                "OpenSSL's behaviour changed: {text}"
            );
            continue;
        }
        let out = must(&["verify", "-CAfile", s(&demo_p), "-untrusted", s(&untrusted_p), s(&target)]);
        assert!(out.contains(": OK"), "{root_file}: {out}");
        // Without the cross-certificate, the demo root reaches nothing.
        let (ok, _) = run(&["verify", "-CAfile", s(&demo_p), s(&target)]);
        assert!(!ok);
    }
}
