//! `CmsBuilder`: a PAdES-profile signature over a caller-given digest (no signing-time), and the
//! two-step flow (prepare -> a "remote signer" that sees only the to-be-signed bytes -> finish),
//! both accepted by `openssl cms -verify` and by `kyso::cms::verify`; a wrong signature value is
//! refused at finish. Skips the OpenSSL half without openssl, fails under CI.

mod cms_common;

use cms_common::{Leaf, Pki, have_openssl};
use kyso::cms::{self, CmsBuilder, DigestAlgorithm, PreparedSignature, SignedAttributesProfile};
use kyso::{ErrorKind, Signer};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

const OID_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";

fn pki() -> &'static Pki {
    static P: OnceLock<Pki> = OnceLock::new();
    P.get_or_init(Pki::new)
}

/// The document: some bytes standing for a PDF's /ByteRange.
fn document(p: &Pki, name: &str) -> (std::path::PathBuf, Vec<u8>) {
    let data: Vec<u8> = (0..50_000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    let path = p.path(name);
    std::fs::write(&path, &data).unwrap();
    (path, data)
}

fn signed_attribute_oids(der: &[u8]) -> Vec<String> {
    let parsed = cms::parse(der).unwrap();
    parsed.signers[0].info.signed_attrs.as_ref().unwrap().iter().map(|a| a.oid.to_string()).collect()
}

fn openssl_verify(p: &Pki, sig_der: &[u8], content: &Path, name: &str) {
    if !have_openssl() {
        return;
    }
    let sig = p.path(name);
    std::fs::write(&sig, sig_der).unwrap();
    let out = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(&sig)
        .arg("-content")
        .arg(content)
        .arg("-CAfile")
        .arg(&p.root_path)
        .args(["-purpose", "any", "-out", "/dev/null"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
}

fn kyso_verify(p: &Pki, sig_der: &[u8], data: &[u8]) -> cms::VerificationReport {
    cms::verify(sig_der, Some(&mut &data[..]), &p.verify_options()).unwrap()
}

fn builder(p: &Pki, leaf: &Leaf) -> CmsBuilder {
    CmsBuilder::new(leaf.cert.clone()).chain(vec![p.ca.clone()])
}

#[test]
fn pades_signature_over_an_external_digest() {
    let p = pki();
    let (path, data) = document(p, "pades.bin");
    for (name, leaf) in [("rsa", &p.rsa), ("p256", &p.p256), ("p384", &p.p384)] {
        let b = builder(p, leaf).profile(SignedAttributesProfile::Pades);
        // The caller hashes the document itself, with the algorithm the builder will sign with.
        let alg = b.digest_algorithm().unwrap();
        let md = alg.digest(&data);
        let sig = b.sign_digest(leaf.key.as_ref(), &md).unwrap();
        let oids = signed_attribute_oids(&sig.der);
        assert!(!oids.iter().any(|o| o == OID_SIGNING_TIME), "{name}: {oids:?}");
        assert_eq!(oids.len(), 3, "{name}: content-type, message-digest, signing-certificate-v2");
        assert!(cms::parse(&sig.der).unwrap().embedded_content().is_none(), "{name}: detached");
        let r = kyso_verify(p, &sig.der, &data);
        assert!(r.valid, "{name}: {:?}", r.signers[0].errors);
        openssl_verify(p, &sig.der, &path, &format!("pades-{name}.p7s"));
        // And the CAdES profile keeps signing-time.
        let cades = builder(p, leaf).sign_digest(leaf.key.as_ref(), &md).unwrap();
        assert!(signed_attribute_oids(&cades.der).iter().any(|o| o == OID_SIGNING_TIME));
    }
    // A digest of the wrong size is refused before signing.
    let e = builder(p, &p.rsa).sign_digest(p.rsa.key.as_ref(), &[0u8; 20]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Usage);
}

/// A remote signing service: it receives only the to-be-signed bytes and the algorithm.
fn remote_sign(key: &dyn Signer, prepared_json: &str) -> Vec<u8> {
    let state = PreparedSignature::from_json(prepared_json).unwrap();
    key.sign(state.algorithm(), state.to_be_signed()).unwrap()
}

#[test]
fn two_step_signature_with_a_remote_signer() {
    let p = pki();
    let (path, data) = document(p, "two-step.bin");
    for (name, leaf, pss, profile) in [
        ("rsa", &p.rsa, false, SignedAttributesProfile::Cades),
        ("rsa-pss", &p.rsa, true, SignedAttributesProfile::Pades),
        ("p256", &p.p256, false, SignedAttributesProfile::Pades),
    ] {
        // Step 1: over the content (streamed), the state goes to a file.
        let prepared = builder(p, leaf).rsa_pss(pss).profile(profile).prepare(&mut &data[..]).unwrap();
        assert_eq!(prepared.content_len(), Some(data.len() as u64));
        assert_eq!(prepared.to_be_signed()[0], 0x31, "the DER of a SET OF");
        assert_eq!(
            prepared.to_be_signed_digest(),
            prepared.digest_algorithm().digest(prepared.to_be_signed()).as_slice()
        );
        let state_file = p.path(&format!("{name}.state.json"));
        std::fs::write(&state_file, prepared.to_json().unwrap()).unwrap();

        let value = remote_sign(leaf.key.as_ref(), &std::fs::read_to_string(&state_file).unwrap());

        // Step 2, from the state file.
        let state = PreparedSignature::from_json(&std::fs::read_to_string(&state_file).unwrap()).unwrap();
        let sig = state.finish(&value).unwrap();
        let has_time = signed_attribute_oids(&sig.der).iter().any(|o| o == OID_SIGNING_TIME);
        assert_eq!(has_time, profile == SignedAttributesProfile::Cades, "{name}");
        let r = kyso_verify(p, &sig.der, &data);
        assert!(r.valid, "{name}: {:?}", r.signers[0].errors);
        openssl_verify(p, &sig.der, &path, &format!("two-step-{name}.p7s"));

        // A wrong value (over other bytes, or by another key) is refused.
        let wrong = leaf.key.sign(state.algorithm(), b"not the signed attributes").unwrap();
        let e = state.finish(&wrong).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Invalid, "{name}");
        assert!(e.message().contains("does not verify"), "{name}: {e}");
    }
    let prepared = builder(p, &p.p256).prepare_digest(&DigestAlgorithm::Sha256.digest(&data)).unwrap();
    let other = p.p384.key.sign(kyso::SignatureAlgorithm::EcdsaP384Sha384, prepared.to_be_signed()).unwrap();
    assert_eq!(prepared.finish(&other).unwrap_err().kind(), ErrorKind::Invalid);
    // The two-step mode makes detached signatures only.
    let e = builder(p, &p.p256).attached(true).prepare(&mut &data[..]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Usage);
}

#[test]
fn two_step_refuses_an_expired_certificate_unless_forced() {
    let p = pki();
    let b = CmsBuilder::new(p.expired.cert.clone());
    let md = b.digest_algorithm().unwrap().digest(b"x");
    let e = b.prepare_digest(&md).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert!(e.message().contains("expired"), "{e}");
    let prepared = b.force(true).prepare_digest(&md).unwrap();
    assert!(
        prepared.warnings().iter().any(|w| w.code() == kyso::diag::codes::cms::CMS_SIGN_FORCED
            && w.message.params.message("problem").map(|m| m.code)
                == Some(kyso::diag::codes::cms::CMS_SIGN_EXPIRED)),
        "{:?}",
        prepared.warnings()
    );
}
