//! Unit tests of the issuing API across key types.

use super::*;
use crate::diag::codes::issue as codes;
use crate::keys::{KeyAlgorithm, SignatureAlgorithm, SoftwareKey};
use crate::{Certificate, ErrorKind};

fn key(alg: KeyAlgorithm) -> SoftwareKey {
    SoftwareKey::generate(alg).unwrap()
}

fn verify(cert: &Certificate, issuer: &Certificate) {
    cert.x509().verify_signature(Some(issuer.x509().public_key())).expect("signature verifies");
}

fn dn(s: &str) -> DistinguishedName {
    DistinguishedName::parse(s).unwrap()
}

#[test]
fn hierarchy_with_every_issuer_key_type() {
    let leaf_key = key(KeyAlgorithm::EcP256);
    for alg in
        [KeyAlgorithm::EcP256, KeyAlgorithm::EcP384, KeyAlgorithm::Ed25519, KeyAlgorithm::Rsa { bits: 2048 }]
    {
        let root_key = key(alg);
        let root = self_sign(&CertProfile::root_ca(), &dn("C=VN, O=DEMO, CN=DEMO Root"), &root_key).unwrap();
        verify(&root, &root);
        // SKI: RFC 5280 §4.2.1.2 method (1), the identifier `kyso key inspect` shows.
        assert_eq!(
            cert::subject_key_id(&root),
            Some(crate::keys::key_identifier(root_key.public_key_spki()).unwrap().to_vec())
        );
        let issuer = Issuer::new(&root, &root_key).unwrap();
        let ca_key = key(KeyAlgorithm::EcP256);
        let ca = issue(
            &CertProfile::sub_ca(Some(0)),
            &dn("C=VN, O=DEMO, CN=DEMO CA"),
            ca_key.public_key_spki(),
            &issuer,
        )
        .unwrap();
        verify(&ca, &root);
        assert_eq!(ca.x509().issuer().as_raw(), root.x509().subject().as_raw());
        // AKI of the CA = SKI of the root.
        let aki = ca.x509().extensions().iter().find_map(|e| match e.parsed_extension() {
            x509_parser::extensions::ParsedExtension::AuthorityKeyIdentifier(a) => {
                a.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            _ => None,
        });
        assert_eq!(aki, cert::subject_key_id(&root));
        let ca_issuer = Issuer::new(&ca, &ca_key).unwrap();
        let leaf = issue(
            &CertProfile::document_signer(),
            &dn("C=VN, CN=Nguyễn Văn Ánh, UID=CCCD:001090000001"),
            leaf_key.public_key_spki(),
            &ca_issuer,
        )
        .unwrap();
        verify(&leaf, &ca);
        assert_ne!(leaf.serial_hex(), ca.serial_hex());
        assert!(!leaf.x509().is_ca());
    }
}

#[test]
fn rsa_pss_issuer() {
    let root_key = key(KeyAlgorithm::Rsa { bits: 2048 });
    let profile = CertProfile::root_ca().with_signature_algorithm(SignatureAlgorithm::RsaPssSha256);
    let root = self_sign(&profile, &dn("CN=PSS root"), &root_key).unwrap();
    verify(&root, &root);
    assert_eq!(root.x509().signature_algorithm.algorithm.to_id_string(), "1.2.840.113549.1.1.10");
    // An algorithm the key cannot do is refused.
    let bad = CertProfile::root_ca().with_signature_algorithm(SignatureAlgorithm::EcdsaP256Sha256);
    assert_eq!(self_sign(&bad, &dn("CN=x"), &root_key).unwrap_err().kind(), ErrorKind::Unsupported);
}

#[test]
fn cross_certificate_repeats_name_key_and_ski() {
    let a_key = key(KeyAlgorithm::EcP256);
    let b_key = key(KeyAlgorithm::EcP256);
    let a = self_sign(&CertProfile::root_ca(), &dn("C=VN, O=A, OU=x, OU=y, CN=Root A"), &a_key).unwrap();
    let b =
        self_sign(&CertProfile::root_ca(), &dn("C=VN, O=Ban Cơ yếu Chính phủ, CN=Root B"), &b_key).unwrap();
    let pa = Oid::parse("2.25.254237174323809065057726002495311440973.1.1").unwrap();
    let pb = Oid::parse("2.25.254237174323809065057726002495311440973.2.1").unwrap();
    let profile = CertProfile::cross_certificate(Some(1))
        .with_policy(pa.clone(), None)
        .with_policy_mapping(pa, pb)
        .with_inhibit_any_policy(1);
    let issuer = Issuer::new(&a, &a_key).unwrap();
    let cross = cross_certify(&profile, &b, &issuer).unwrap();
    verify(&cross, &a);
    assert_eq!(cross.x509().subject().as_raw(), b.x509().subject().as_raw());
    assert_eq!(cross.x509().issuer().as_raw(), a.x509().subject().as_raw());
    assert_eq!(cross.x509().public_key().raw, b.x509().public_key().raw);
    assert_eq!(cert::subject_key_id(&cross), cert::subject_key_id(&b));
    assert_ne!(cross.serial_hex(), b.serial_hex());
    // x509-parser reads the policy extensions, large arcs included.
    let x = cross.x509();
    let pm = x.policy_mappings().unwrap().unwrap();
    assert!(pm.critical);
    let m = &pm.value.mappings[0];
    assert_eq!(
        Oid::from_content(m.issuer_domain_policy.as_bytes()).unwrap().to_string(),
        "2.25.254237174323809065057726002495311440973.1.1"
    );
    assert_eq!(
        Oid::from_content(m.subject_domain_policy.as_bytes()).unwrap().to_string(),
        "2.25.254237174323809065057726002495311440973.2.1"
    );
    assert_eq!(x.inhibit_anypolicy().unwrap().unwrap().value.skip_certs, 1);
    assert_eq!(x.basic_constraints().unwrap().unwrap().value.path_len_constraint, Some(1));
    // Self cross-certification and leaf subjects are refused.
    assert_eq!(cross_certify(&profile, &a, &issuer).unwrap_err().code(), codes::CROSS_SELF);
    let leaf =
        issue(&CertProfile::document_signer(), &dn("CN=leaf"), b_key.public_key_spki(), &issuer).unwrap();
    assert_eq!(cross_certify(&profile, &leaf, &issuer).unwrap_err().code(), codes::CROSS_SUBJECT_NOT_CA);
}

#[test]
fn issuer_checks() {
    let k1 = key(KeyAlgorithm::EcP256);
    let k2 = key(KeyAlgorithm::EcP256);
    let root = self_sign(&CertProfile::root_ca(), &dn("CN=root"), &k1).unwrap();
    let e = Issuer::new(&root, &k2).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Usage, codes::ISSUER_KEY_MISMATCH));
    let leaf = issue(
        &CertProfile::document_signer(),
        &dn("CN=leaf"),
        k2.public_key_spki(),
        &Issuer::new(&root, &k1).unwrap(),
    )
    .unwrap();
    let e = Issuer::new(&leaf, &k2).unwrap_err();
    assert_eq!(e.code(), codes::ISSUER_NOT_CA);
    assert!(e.message().contains("not a CA"), "{e}");
}

#[test]
fn csr_round_trip_and_tamper() {
    let k = key(KeyAlgorithm::EcP256);
    let subject = dn("C=VN, O=BỘ CÔNG THƯƠNG, OU=Cục A, OU=Phòng B, CN=Nguyễn Văn A");
    let csr = Csr::create(&subject, &k, &[AltName::Email("a@moit.gov.vn".into())], None).unwrap();
    assert_eq!(csr.subject(), &subject);
    let again = Csr::parse(csr.to_pem().as_bytes()).unwrap();
    assert_eq!(again.alt_names(), &[AltName::Email("a@moit.gov.vn".into())]);
    // Flip one byte of the signature: verification fails with Invalid.
    let mut bad = csr.der().to_vec();
    let n = bad.len();
    bad[n - 5] ^= 0x01;
    let e = Csr::from_der(&bad).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Invalid, codes::CSR_BAD_SIGNATURE));
    // Issue from it.
    let ca_key = key(KeyAlgorithm::EcP256);
    let ca = self_sign(&CertProfile::root_ca(), &dn("CN=CA"), &ca_key).unwrap();
    let cert =
        issue_from_csr(&CertProfile::document_signer(), &csr, &Issuer::new(&ca, &ca_key).unwrap()).unwrap();
    assert_eq!(cert.x509().subject().as_raw(), subject.der());
    assert!(cert.x509().subject_alternative_name().unwrap().is_some());
    // Several OU survive, in order.
    let ous: Vec<_> =
        cert.x509().subject().iter_organizational_unit().map(|a| a.as_str().unwrap().to_string()).collect();
    assert_eq!(ous, vec!["Cục A", "Phòng B"]);
}

#[test]
fn crl_with_reasons() {
    let k = key(KeyAlgorithm::EcP256);
    let ca = self_sign(&CertProfile::root_ca(), &dn("CN=CA"), &k).unwrap();
    let when = time::macros::datetime!(2026-01-02 03:04:05 UTC);
    let profile = CrlProfile::new(7, 7)
        .revoke(&[0x01, 0x02], when, Some(RevocationReason::KeyCompromise))
        .revoke(&[0x03], when, None);
    let crl = issue_crl(&profile, &Issuer::new(&ca, &k).unwrap()).unwrap();
    let p = crl.parsed();
    p.verify_signature(ca.x509().public_key()).unwrap();
    assert_eq!(p.crl_number().map(|n| n.to_string()), Some("7".to_string()));
    let revoked: Vec<_> = p.iter_revoked_certificates().collect();
    assert_eq!(revoked.len(), 2);
    assert_eq!(revoked[0].raw_serial(), &[0x01, 0x02]);
    assert_eq!(revoked[0].reason_code().map(|(_, r)| r.0), Some(1));
    assert!(revoked[1].reason_code().is_none());
    assert_eq!(revoked[0].revocation_date.timestamp(), when.unix_timestamp());
    // Empty CRL: no revokedCertificates field at all.
    let empty = issue_crl(&CrlProfile::new(1, 1), &Issuer::new(&ca, &k).unwrap()).unwrap();
    assert_eq!(empty.parsed().iter_revoked_certificates().count(), 0);
    assert_eq!(RevocationReason::parse("key-compromise").unwrap(), RevocationReason::KeyCompromise);
    let e = RevocationReason::parse("bored").unwrap_err();
    assert_eq!(e.code(), codes::UNKNOWN_REASON);
    assert_eq!(e.typed_message().params.get("reason"), Some("bored"));
}

#[test]
fn rcgen_adapter_signs_with_a_kyso_key() {
    let k = key(KeyAlgorithm::EcP256);
    let signer = RcgenSigner::new(&k).unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let cert = params.self_signed(&signer).unwrap();
    let parsed = Certificate::from_der(cert.der().to_vec()).unwrap();
    verify(&parsed, &parsed);
    assert_eq!(parsed.x509().public_key().raw, k.public_key_spki());
}

#[test]
fn dates_after_2049_use_generalized_time() {
    let k = key(KeyAlgorithm::EcP256);
    let nb = time::macros::datetime!(2026-01-01 00:00:00 UTC);
    let na = time::macros::datetime!(2051-01-01 00:00:00 UTC);
    let root = self_sign(&CertProfile::root_ca().with_validity(nb, na), &dn("CN=long"), &k).unwrap();
    assert_eq!(root.x509().validity().not_after.timestamp(), na.unix_timestamp());
    // GeneralizedTime tag 0x18 followed by "20510101000000Z".
    assert!(root.der().windows(17).any(|w| w == b"\x18\x0f20510101000000Z"));
    assert!(root.der().windows(15).any(|w| w == b"\x17\x0d260101000000Z"));
}

#[test]
fn weak_subject_keys_are_refused() {
    use rsa::pkcs8::EncodePublicKey;
    let k = key(KeyAlgorithm::EcP256);
    let ca = self_sign(&CertProfile::root_ca(), &dn("CN=CA"), &k).unwrap();
    let issuer = Issuer::new(&ca, &k).unwrap();
    let weak = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 1024).unwrap();
    let spki = weak.to_public_key().to_public_key_der().unwrap();
    let err = issue(&CertProfile::document_signer(), &dn("CN=weak"), spki.as_bytes(), &issuer).unwrap_err();
    assert_eq!(err.code(), codes::RSA_KEY_TOO_SHORT);
    assert_eq!(err.typed_message().params.get("bits"), Some("1024"));
    // secp256k1 is not an accepted curve.
    let k1 = [
        0x30, 0x56, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81,
        0x04, 0x00, 0x0a, 0x03, 0x42, 0x00, 0x04,
    ];
    let mut spki = k1.to_vec();
    // The generator point of secp256k1, a valid public key.
    spki.extend(hex::decode("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8").unwrap());
    let err = issue(&CertProfile::document_signer(), &dn("CN=k1"), &spki, &issuer).unwrap_err();
    assert_eq!((err.kind(), err.code()), (ErrorKind::Unsupported, codes::EC_CURVE_UNSUPPORTED), "{err}");
    assert_eq!(err.typed_message().params.get("curve"), Some("1.3.132.0.10"));
}
