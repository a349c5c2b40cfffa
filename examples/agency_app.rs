//! An agency application: signs a payload through the [`kyso::Signer`] trait (here a software
//! key; a token or a remote signing service plugs in the same way) and verifies it under the
//! anchors of two trust domains: the public PKI (Vietnam National Root CA) and the specialized
//! government PKI (Ban Cơ yếu), linked by a cross-certificate.
//!
//! Everything is generated in memory (demo names, not real CAs).
//!
//! ```text
//! cargo run --example agency_app
//! ```

use kyso::cms::{self, SignOptions, VerifyOptions};
use kyso::keys::{KeyAlgorithm, SoftwareKey};
use kyso::{Certificate, Signer, TrustStore};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use time::{Duration, OffsetDateTime};

fn ca(cn: &str, o: &str) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).expect("params");
    p.distinguished_name.push(DnType::CountryName, "VN");
    p.distinguished_name.push(DnType::OrganizationName, o);
    p.distinguished_name.push(DnType::CommonName, cn);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    p.not_before = OffsetDateTime::now_utc() - Duration::days(1);
    p.not_after = OffsetDateTime::now_utc() + Duration::days(3650);
    p.serial_number = Some(rcgen::SerialNumber::from_slice(&rand_serial()));
    p
}

fn rand_serial() -> [u8; 16] {
    use ring::rand::SecureRandom;
    let mut s = [0u8; 16];
    ring::rand::SystemRandom::new().fill(&mut s).expect("random");
    s[0] = (s[0] & 0x7f) | 1;
    s
}

fn cert(c: rcgen::Certificate) -> Certificate {
    Certificate::from_der(c.der().to_vec()).expect("certificate")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Public domain: Root CA -> licensed CA.
    let pub_root_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
    let pub_root_p = ca("Vietnam National Root CA (demo)", "Bo Khoa hoc va Cong nghe");
    let pub_root = cert(pub_root_p.self_signed(&pub_root_key)?);
    // Government domain: RootCA G2 -> CA for state agencies G2.
    let gov_root_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
    let gov_root_p = ca("RootCA chuyen dung Chinh phu G2 (demo)", "Ban Co yeu Chinh phu");
    let gov_root = cert(gov_root_p.self_signed(&gov_root_key)?);
    let gov_root_issuer = Issuer::from_params(&gov_root_p, &gov_root_key);
    let gov_ca_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
    let mut gov_ca_p = ca("CA phuc vu cac co quan Nha nuoc G2 (demo)", "Ban Co yeu Chinh phu");
    gov_ca_p.use_authority_key_identifier_extension = true;
    let gov_ca = cert(gov_ca_p.signed_by(&gov_ca_key, &gov_root_issuer)?);
    // Cross-certificate: the public root certifies the government root's key. Like every
    // certificate a CA issues, it names the issuer's key (authorityKeyIdentifier, RFC 5280
    // §4.2.1.1), and has its own serial number.
    let pub_root_issuer = Issuer::from_params(&pub_root_p, &pub_root_key);
    let mut cross_p = gov_root_p.clone();
    cross_p.use_authority_key_identifier_extension = true;
    cross_p.serial_number = Some(rcgen::SerialNumber::from_slice(&rand_serial()));
    let cross = cert(cross_p.signed_by(&gov_root_key, &pub_root_issuer)?);

    // An officer of an agency: hierarchy in O/OU, clientAuth/emailProtection, no
    // document-signing EKU (as Ban Co yeu issues them).
    let key = SoftwareKey::generate(KeyAlgorithm::EcP256)?;
    let kp = KeyPair::try_from(key.pkcs8_der().as_slice())?;
    let mut leaf_p = CertificateParams::new(Vec::<String>::new())?;
    leaf_p.distinguished_name.push(DnType::CountryName, "VN");
    leaf_p.distinguished_name.push(DnType::OrganizationName, "UBND Tinh Demo");
    leaf_p.distinguished_name.push(DnType::OrganizationalUnitName, "Van phong UBND");
    leaf_p.distinguished_name.push(DnType::CommonName, "Nguyen Van A");
    leaf_p
        .distinguished_name
        .push(DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1]), "CCCD:001090000001");
    leaf_p.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment];
    leaf_p.extended_key_usages =
        vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth, rcgen::ExtendedKeyUsagePurpose::EmailProtection];
    leaf_p.use_authority_key_identifier_extension = true;
    leaf_p.serial_number = Some(rcgen::SerialNumber::from_slice(&rand_serial()));
    let gov_ca_issuer = Issuer::from_params(&gov_ca_p, &gov_ca_key);
    let officer = cert(leaf_p.signed_by(&kp, &gov_ca_issuer)?);

    // Sign through the trait object: any Signer works.
    let signer: &dyn Signer = &key;
    let payload = "Cong van so 42/UBND-VP ve viec trien khai chu ky so".as_bytes();
    let sig = cms::sign(
        signer,
        &officer,
        &mut &payload[..],
        &SignOptions::default().with_chain(vec![gov_ca.clone()]),
    )?;
    println!(
        "signed {} bytes, signature {} bytes ({})",
        payload.len(),
        sig.der.len(),
        sig.algorithm.rfc_name()
    );

    // Verify under each domain's anchors.
    for (domain, anchor, pool) in
        [("gov", gov_root.clone(), vec![]), ("public", pub_root.clone(), vec![cross.clone()])]
    {
        let mut store = TrustStore::new();
        store.add(anchor, domain, domain);
        let opts = VerifyOptions::default().with_store(store).with_untrusted(pool);
        let report = cms::verify(&sig.der, Some(&mut &payload[..]), &opts)?;
        let s = &report.signers[0];
        let id = s.identity.as_ref();
        println!(
            "[{domain}] {} — signer {} (CCCD {}), {}",
            if report.valid { "VALID" } else { "INVALID" },
            id.and_then(|i| i.common_name.clone()).unwrap_or_default(),
            id.and_then(|i| i.citizen_id.clone()).unwrap_or_default(),
            s.path
                .as_ref()
                .and_then(|p| p.paths.first())
                .map(|p| format!("path of {} certificates to {}", p.certificates.len(), p.anchor))
                .unwrap_or_else(|| s.errors.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join("; "))
        );
    }
    Ok(())
}
