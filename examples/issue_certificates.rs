//! Issue a small hierarchy with kyso's library API: a root, an issuing CA, a Vietnamese
//! document signer, and a cross-certificate from a second root.
//!
//! ```text
//! cargo run --example issue_certificates [OUT_DIR]
//! ```
//!
//! Writes PEM files to OUT_DIR (default: a new temporary directory, kept) and prints the
//! signer's certificate. Check with:
//! `openssl verify -CAfile root.pem -untrusted ca.pem signer.pem`.

use kyso::io::{WriteOptions, write_atomic};
use kyso::issue::{self, AltName, CertProfile, DistinguishedName, Issuer, NameConstraints, Oid, Subtree};
use kyso::keys::{KeyAlgorithm, SoftwareKey};

fn main() -> kyso::Result<()> {
    let out = match std::env::args_os().nth(1) {
        Some(d) => std::path::PathBuf::from(d),
        None => tempfile::Builder::new()
            .prefix("kyso-example-")
            .tempdir()
            .map_err(|e| kyso::Error::io(std::env::temp_dir(), e))?
            .keep(),
    };
    std::fs::create_dir_all(&out).map_err(|e| kyso::Error::io(&out, e))?;
    let policy = Oid::parse("2.25.254237174323809065057726002495311440973.1.1")?;

    // 1. A self-signed root.
    let root_key = SoftwareKey::generate(KeyAlgorithm::EcP384)?;
    let root = issue::self_sign(
        &CertProfile::root_ca(),
        &DistinguishedName::parse("C=VN, O=DEMO Bộ Khoa học và Công nghệ, CN=DEMO National Root CA")?,
        &root_key,
    )?;
    let root_issuer = Issuer::new(&root, &root_key)?;

    // 2. An issuing CA under it (no CA below it: pathLen 0).
    let ca_key = SoftwareKey::generate(KeyAlgorithm::EcP256)?;
    let ca = issue::issue(
        &CertProfile::sub_ca(Some(0)).with_policy(policy.clone(), Some("https://pki.demo.invalid/cps")),
        &DistinguishedName::parse("C=VN, O=DEMO Công ty Chứng thực số, CN=DEMO Public CA")?,
        ca_key.public_key_spki(),
        &root_issuer,
    )?;

    // 3. A document signer: a business identified by its tax code.
    let signer_key = SoftwareKey::generate(KeyAlgorithm::Rsa { bits: 2048 })?;
    let signer = issue::issue(
        &CertProfile::document_signer()
            .with_policy(policy.clone(), None)
            .with_alt_name(AltName::Email("ketoan@demo-kyso.invalid".into()))
            .with_crl_distribution_point("http://pki.demo.invalid/ca.crl")
            .with_ocsp_url("http://pki.demo.invalid/ocsp"),
        &DistinguishedName::parse(
            "C=VN, L=Hà Nội, O=CÔNG TY TNHH DEMO KÝ SỐ, OU=Phòng Kế toán, CN=CÔNG TY TNHH DEMO KÝ SỐ, UID=MST:0101234567",
        )?,
        signer_key.public_key_spki(),
        &Issuer::new(&ca, &ca_key)?,
    )?;

    // 4. A second root (another trust domain), cross-certified by the first: its name and key,
    //    our signature, its policy mapped to ours, names constrained to C=VN.
    let gov_key = SoftwareKey::generate(KeyAlgorithm::EcP256)?;
    let gov_root = issue::self_sign(
        &CertProfile::root_ca(),
        &DistinguishedName::parse("C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO RootCA chuyên dùng Chính phủ")?,
        &gov_key,
    )?;
    let gov_policy = Oid::parse("2.25.254237174323809065057726002495311440973.2.1")?;
    let cross = issue::cross_certify(
        &CertProfile::cross_certificate(Some(1))
            .with_policy(policy.clone(), None)
            .with_policy_mapping(policy, gov_policy)
            .with_name_constraints(NameConstraints {
                permitted: vec![Subtree::parse("dir:C=VN")?],
                excluded: vec![],
            }),
        &gov_root,
        &root_issuer,
    )?;

    for (name, cert) in [
        ("root.pem", &root),
        ("ca.pem", &ca),
        ("signer.pem", &signer),
        ("gov-root.pem", &gov_root),
        ("cross.pem", &cross),
    ] {
        write_atomic(out.join(name), cert.to_pem().as_bytes(), WriteOptions::default().with_force(true))?;
    }
    let key_pem = signer_key.to_pkcs8_pem(None)?;
    write_atomic(
        out.join("signer.key.pem"),
        key_pem.as_bytes(),
        WriteOptions::default().with_force(true).with_private(true),
    )?;

    println!(
        "Wrote root.pem, ca.pem, signer.pem (+ signer.key.pem), gov-root.pem and cross.pem to {}",
        out.display()
    );
    println!("Signer: {}", DistinguishedName::from_der(signer.x509().subject().as_raw())?);
    print!("{}", signer.to_pem());
    Ok(())
}
