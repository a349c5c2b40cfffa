//! Library-level signing and verification: every key type, attached and detached, and the
//! rejections (tampered data, wrong anchor, revoked and expired signers, wrong certificate).

mod cms_common;

use cms_common::{Leaf, Pki};
use kyso::cms::{self, CheckStatus, DigestAlgorithm, SignOptions};
use kyso::diag::codes::cms as cms_codes;
use kyso::revocation::RevocationMode;
use std::sync::OnceLock;

fn pki() -> &'static Pki {
    static P: OnceLock<Pki> = OnceLock::new();
    P.get_or_init(Pki::new)
}

fn sign(leaf: &Leaf, data: &[u8], opts: &SignOptions) -> kyso::Result<cms::SignatureOutput> {
    cms::sign(leaf.key.as_ref(), &leaf.cert, &mut &data[..], opts)
}

const DATA: &[u8] = b"Hop dong so 01/2026 - ky so bang kyso\n";

#[test]
fn every_key_type_signs_and_verifies_detached() {
    let p = pki();
    for (leaf, pss, digest) in [
        (&p.rsa, false, DigestAlgorithm::Sha256),
        (&p.rsa, true, DigestAlgorithm::Sha256),
        (&p.p256, false, DigestAlgorithm::Sha256),
        (&p.p384, false, DigestAlgorithm::Sha384),
        (&p.ed25519, false, DigestAlgorithm::Sha512),
    ] {
        let out = sign(leaf, DATA, &SignOptions::default().with_rsa_pss(pss).with_chain(vec![p.ca.clone()]))
            .unwrap();
        assert_eq!(out.digest, digest);
        assert_eq!(out.content_len, DATA.len() as u64);
        let report = cms::verify(&out.der, Some(&mut &DATA[..]), &p.verify_options()).unwrap();
        let s = &report.signers[0];
        assert!(report.valid, "{:?} pss={pss}: {:#?}", leaf.key.key_algorithm(), s.errors);
        assert!(!report.attached);
        assert_eq!(s.integrity.status, CheckStatus::Passed);
        assert_eq!(s.signature.status, CheckStatus::Passed);
        assert_eq!(s.signing_certificate.status, CheckStatus::Passed);
        assert_eq!(s.level, "CAdES-BES (B-B)");
        assert_eq!(s.validation_time_source, "verification-time");
        assert!(!s.signing_time_proven);
        let id = s.identity.as_ref().unwrap();
        assert_eq!(id.tax_code.as_deref(), Some("0101234567"));
        assert_eq!(id.organization.as_deref(), Some("Công ty TNHH Kyso"));
        assert!(s.claimed_signing_time.is_some());
        assert!(s.path.as_ref().unwrap().valid);
        if pss {
            assert!(s.signature_algorithm.contains("PSS"), "{}", s.signature_algorithm);
        }
    }
}

#[test]
fn attached_signature_embeds_the_content() {
    let p = pki();
    let out = sign(&p.p256, DATA, &SignOptions::default().with_attached(true)).unwrap();
    let parsed = cms::parse(&out.der).unwrap();
    assert_eq!(parsed.embedded_content(), Some(DATA));
    let report = cms::verify(&out.der, None, &p.verify_options()).unwrap();
    assert!(report.valid, "{:#?}", report.signers[0].errors);
    assert!(report.attached);
    // PEM round trip.
    let pem = out.to_pem();
    assert!(pem.starts_with("-----BEGIN CMS-----"));
    assert!(cms::verify(pem.as_bytes(), None, &p.verify_options()).unwrap().valid);
}

#[test]
fn tampered_data_is_rejected_as_an_integrity_failure() {
    let p = pki();
    let out = sign(&p.rsa, DATA, &SignOptions::default()).unwrap();
    let mut other = DATA.to_vec();
    other[0] ^= 1;
    let report = cms::verify(&out.der, Some(&mut &other[..]), &p.verify_options()).unwrap();
    assert!(!report.valid);
    let s = &report.signers[0];
    assert_eq!(s.integrity.status, CheckStatus::Failed);
    assert!(s.errors.iter().any(|e| e.code() == cms_codes::CMS_DIGEST_MISMATCH), "{:?}", s.errors);
}

#[test]
fn tampered_signature_value_is_rejected() {
    let p = pki();
    let out = sign(&p.p256, DATA, &SignOptions::default()).unwrap();
    // Flip a byte in the signed attributes' signing time digits: re-parse and find the
    // signature value instead, flipping its last byte.
    let parsed = cms::parse(&out.der).unwrap();
    let sig = parsed.signers[0].info.signature.as_bytes().to_vec();
    let pos = out.der.windows(sig.len()).position(|w| w == sig.as_slice()).unwrap();
    let mut der = out.der.clone();
    der[pos + sig.len() - 1] ^= 0x01;
    let report = cms::verify(&der, Some(&mut &DATA[..]), &p.verify_options()).unwrap();
    assert!(!report.valid);
    assert_eq!(report.signers[0].signature.status, CheckStatus::Failed);
}

#[test]
fn wrong_anchor_fails_path_validation() {
    let p = pki();
    let out = sign(&p.p256, DATA, &SignOptions::default()).unwrap();
    let mut opts = p.verify_options();
    opts.store = kyso::TrustStore::new();
    opts.store.add(p.other_root.clone(), "other", "public");
    let report = cms::verify(&out.der, Some(&mut &DATA[..]), &opts).unwrap();
    assert!(!report.valid);
    let s = &report.signers[0];
    // Integrity and signature are fine; the path is not.
    assert_eq!(s.integrity.status, CheckStatus::Passed);
    assert_eq!(s.signature.status, CheckStatus::Passed);
    assert!(!s.path.as_ref().unwrap().valid);
    assert!(s.errors.iter().any(|e| e.text.starts_with("certification path:")), "{:?}", s.errors);
}

#[test]
fn revoked_signer_is_rejected_with_a_crl() {
    let p = pki();
    let out = sign(&p.revoked, DATA, &SignOptions::default().with_chain(vec![p.ca.clone()])).unwrap();
    let mut opts = p.verify_options();
    opts.crls = vec![p.crl.clone()];
    // Soft: the CA itself has no CRL (unknown status is a warning); the leaf's status is known.
    opts.revocation = RevocationMode::Soft;
    let report = cms::verify(&out.der, Some(&mut &DATA[..]), &opts).unwrap();
    assert!(!report.valid);
    let err = report.signers[0].errors.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join(" | ");
    assert!(err.to_lowercase().contains("revoked"), "{err}");
    // The same CRL does not affect another signer.
    let ok = sign(&p.p256, DATA, &SignOptions::default()).unwrap();
    let report = cms::verify(&ok.der, Some(&mut &DATA[..]), &opts).unwrap();
    assert!(report.valid, "{:?}", report.signers[0].errors);
}

#[test]
fn expired_signer_is_refused_then_rejected() {
    let p = pki();
    let err = sign(&p.expired, DATA, &SignOptions::default()).unwrap_err();
    assert_eq!(err.kind(), kyso::ErrorKind::Invalid);
    assert!(err.message().contains("expired"), "{err}");
    let out = sign(&p.expired, DATA, &SignOptions::default().with_force(true)).unwrap();
    assert!(out.warnings.iter().any(|w| w.code() == kyso::diag::codes::cms::CMS_SIGN_FORCED
        && w.message.params.message("problem").map(|m| m.code)
            == Some(kyso::diag::codes::cms::CMS_SIGN_EXPIRED)));
    let report = cms::verify(&out.der, Some(&mut &DATA[..]), &p.verify_options()).unwrap();
    assert!(!report.valid);
    let s = &report.signers[0];
    assert_eq!(s.certificate_validity.status, CheckStatus::Failed);
    assert!(s.errors.iter().any(|e| e.code() == cms_codes::CMS_SIGNER_EXPIRED), "{:?}", s.errors);
}

#[test]
fn key_certificate_mismatch_is_refused() {
    let p = pki();
    let err =
        cms::sign(p.p256.key.as_ref(), &p.rsa.cert, &mut &DATA[..], &SignOptions::default()).unwrap_err();
    assert_eq!(err.kind(), kyso::ErrorKind::Input);
    assert!(err.message().contains("does not match"), "{err}");
    let problems = cms::check_signer(p.p256.key.as_ref(), &p.p256.cert, time::OffsetDateTime::now_utc());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn digest_must_fit_the_key() {
    let p = pki();
    let err =
        sign(&p.p256, DATA, &SignOptions::default().with_digest(Some(DigestAlgorithm::Sha384))).unwrap_err();
    assert_eq!(err.kind(), kyso::ErrorKind::Unsupported);
    let out = sign(&p.rsa, DATA, &SignOptions::default().with_digest(Some(DigestAlgorithm::Sha512))).unwrap();
    assert_eq!(out.digest, DigestAlgorithm::Sha512);
    assert!(cms::verify(&out.der, Some(&mut &DATA[..]), &p.verify_options()).unwrap().valid);
    let err = sign(&p.p256, DATA, &SignOptions::default().with_rsa_pss(true)).unwrap_err();
    assert_eq!(err.kind(), kyso::ErrorKind::Usage);
}

/// Re-encode `der` with `certs` as its embedded certificates.
fn with_certificates(der: &[u8], certs: &[&kyso::Certificate]) -> Vec<u8> {
    use der::{Decode, Encode};
    let parsed = cms::parse(der).unwrap();
    let mut sd = parsed.signed_data.clone();
    let choices: Vec<_> = certs
        .iter()
        .map(|c| {
            ::cms::cert::CertificateChoices::Certificate(x509_cert::Certificate::from_der(c.der()).unwrap())
        })
        .collect();
    sd.certificates = if choices.is_empty() { None } else { Some(choices.try_into().unwrap()) };
    let ci = ::cms::content_info::ContentInfo {
        content_type: const_oid::db::rfc5911::ID_SIGNED_DATA,
        content: der::Any::encode_from(&sd).unwrap(),
    };
    ci.to_der().unwrap()
}

#[test]
fn missing_signer_certificate_is_reported() {
    let p = pki();
    let out = sign(&p.p256, DATA, &SignOptions::default()).unwrap();
    let parsed = cms::parse(&out.der).unwrap();
    assert_eq!(parsed.certificates, vec![p.p256.cert.clone()]);
    let bare = with_certificates(&out.der, &[]);
    let report = cms::verify(&bare, Some(&mut &DATA[..]), &p.verify_options()).unwrap();
    assert!(!report.valid);
    let s = &report.signers[0];
    assert_eq!(s.signer_identification.status, CheckStatus::Failed);
    assert!(s.identity.is_none());
    // Given as an untrusted certificate, it is found again.
    let mut opts = p.verify_options();
    opts.untrusted.push(p.p256.cert.clone());
    assert!(cms::verify(&bare, Some(&mut &DATA[..]), &opts).unwrap().valid);
}

#[test]
fn substituted_certificate_is_caught_by_signing_certificate_v2() {
    let p = pki();
    let out = sign(&p.p256, DATA, &SignOptions::default()).unwrap();
    // Same issuer, serial and key, other subject: the signature value still verifies, only the
    // ESS binding (RFC 5035) tells the certificates apart.
    let swapped = with_certificates(&out.der, &[&p.p256_twin]);
    let report = cms::verify(&swapped, Some(&mut &DATA[..]), &p.verify_options()).unwrap();
    assert!(!report.valid);
    let s = &report.signers[0];
    assert_eq!(s.signature.status, CheckStatus::Passed);
    assert_eq!(s.signing_certificate.status, CheckStatus::Failed);
    assert!(s.errors.iter().any(|e| e.code() == cms_codes::ESS_CERT_HASH_MISMATCH), "{:?}", s.errors);
}

#[test]
fn bad_input_is_an_input_error() {
    let p = pki();
    let opts = p.verify_options();
    let err = cms::verify(b"hello world", Some(&mut &DATA[..]), &opts).unwrap_err();
    assert_eq!(err.kind(), kyso::ErrorKind::Input);
    let out = sign(&p.p256, DATA, &SignOptions::default()).unwrap();
    let truncated = &out.der[..out.der.len() / 2];
    let err = cms::verify(truncated, Some(&mut &DATA[..]), &opts).unwrap_err();
    assert_eq!(err.kind(), kyso::ErrorKind::Input, "{err}");
    // A detached signature without its data.
    let err = cms::verify(&out.der, None, &opts).unwrap_err();
    assert_eq!(err.kind(), kyso::ErrorKind::Usage);
    // A certificate is not a signature.
    let err = cms::verify(p.root.der(), None, &opts).unwrap_err();
    assert_eq!(err.kind(), kyso::ErrorKind::Input);
}

#[test]
fn report_serializes_to_json() {
    let p = pki();
    let out = sign(&p.p384, DATA, &SignOptions::default()).unwrap();
    let report = cms::verify(&out.der, Some(&mut &DATA[..]), &p.verify_options()).unwrap();
    let v = serde_json::to_value(&report).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["signers"][0]["identity"]["tax_code"], "0101234567");
    assert_eq!(v["signers"][0]["integrity"]["status"], "passed");
    assert!(v["signers"][0]["validation_time"]["vietnam"].as_str().unwrap().ends_with("+07:00"));
}
