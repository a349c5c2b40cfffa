//! Interop with OpenSSL 3 in both directions: `openssl cms -verify` accepts kyso's signatures
//! (RSA, RSA-PSS, P-256, P-384, Ed25519; detached and attached), and kyso verifies
//! `openssl cms -sign` output (with and without embedded certificates). Skips without openssl,
//! fails under CI.

mod cms_common;

use cms_common::{Leaf, Pki, have_openssl};
use kyso::cms::{self, CheckStatus, SignOptions};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

fn pki() -> &'static Pki {
    static P: OnceLock<Pki> = OnceLock::new();
    P.get_or_init(Pki::new)
}

fn data_file(p: &Pki, name: &str) -> std::path::PathBuf {
    let path = p.path(name);
    let data: Vec<u8> = (0..100_000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    std::fs::write(&path, data).unwrap();
    path
}

/// OpenSSL learned EdDSA in CMS (RFC 8419) in 3.2; 3.0 fails with "invalid digest" both ways.
fn openssl_has_cms_eddsa() -> bool {
    let v = Command::new("openssl").arg("version").output().unwrap();
    let text = String::from_utf8_lossy(&v.stdout).to_string();
    let mut nums =
        text.split_whitespace().nth(1).unwrap_or("0.0").split('.').map(|n| n.parse::<u32>().unwrap_or(0));
    let (major, minor) = (nums.next().unwrap_or(0), nums.next().unwrap_or(0));
    major > 3 || (major == 3 && minor >= 2)
}

fn openssl_verify(p: &Pki, sig: &Path, content: Option<&Path>) -> std::process::Output {
    let mut c = Command::new("openssl");
    c.args(["cms", "-verify", "-binary", "-inform", "DER", "-in"]).arg(sig);
    if let Some(d) = content {
        c.arg("-content").arg(d);
    }
    c.arg("-CAfile").arg(&p.root_path).args(["-purpose", "any", "-out", "/dev/null"]);
    c.output().unwrap()
}

fn kyso_sign_file(leaf: &Leaf, p: &Pki, data: &Path, opts: SignOptions, out: &str) -> std::path::PathBuf {
    let mut f = std::fs::File::open(data).unwrap();
    let opts = opts.with_chain(vec![p.ca.clone()]);
    let sig = cms::sign(leaf.key.as_ref(), &leaf.cert, &mut f, &opts).unwrap();
    let path = p.path(out);
    std::fs::write(&path, &sig.der).unwrap();
    path
}

#[test]
fn openssl_accepts_kyso_detached_signatures() {
    if !have_openssl() {
        return;
    }
    let p = pki();
    let data = data_file(p, "interop-detached.bin");
    for (name, leaf, pss) in [
        ("rsa", &p.rsa, false),
        ("rsa-pss", &p.rsa, true),
        ("p256", &p.p256, false),
        ("p384", &p.p384, false),
        ("ed25519", &p.ed25519, false),
    ] {
        let sig =
            kyso_sign_file(leaf, p, &data, SignOptions::default().with_rsa_pss(pss), &format!("{name}.p7s"));
        let out = openssl_verify(p, &sig, Some(&data));
        if name == "ed25519" && !openssl_has_cms_eddsa() {
            // OpenSSL < 3.2 has no EdDSA in CMS: it fails before looking at the signature.
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("invalid digest"), "{err}");
            eprintln!("NOTICE: OpenSSL < 3.2 cannot verify Ed25519 CMS (RFC 8419); checked by kyso only");
            let report = cms::verify(
                &std::fs::read(&sig).unwrap(),
                Some(&mut std::fs::File::open(&data).unwrap()),
                &p.verify_options(),
            )
            .unwrap();
            assert!(report.valid, "{:?}", report.signers[0].errors);
            continue;
        }
        assert!(out.status.success(), "{name}: openssl rejected: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("Verification successful"));
        // And a tampered file is rejected by openssl too.
        let bad = p.path(&format!("{name}.tampered"));
        let mut d = std::fs::read(&data).unwrap();
        d[500] ^= 0x40;
        std::fs::write(&bad, d).unwrap();
        assert!(
            !openssl_verify(p, &sig, Some(&bad)).status.success(),
            "{name}: openssl accepted a tampered file"
        );
    }
}

#[test]
fn openssl_accepts_kyso_attached_signature_and_cades_attributes() {
    if !have_openssl() {
        return;
    }
    let p = pki();
    let data = data_file(p, "interop-attached.bin");
    let sig = kyso_sign_file(&p.p256, p, &data, SignOptions::default().with_attached(true), "attached.p7s");
    let out_path = p.path("attached.out");
    let out = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(&sig)
        .arg("-CAfile")
        .arg(&p.root_path)
        .args(["-purpose", "any", "-out"])
        .arg(&out_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&out_path).unwrap(), std::fs::read(&data).unwrap());
    // OpenSSL sees the signing-certificate-v2 attribute (id-smime-aa-signingCertificateV2).
    let print = Command::new("openssl")
        .args(["cms", "-cmsout", "-print", "-inform", "DER", "-noout", "-in"])
        .arg(&sig)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&print.stdout);
    assert!(text.contains("signingCertificateV2"), "{text}");
    assert!(text.contains("signingTime"), "{text}");
    // With -cades, OpenSSL checks the ESS binding itself.
    let out = Command::new("openssl")
        .args(["cms", "-verify", "-cades", "-binary", "-inform", "DER", "-in"])
        .arg(&sig)
        .arg("-CAfile")
        .arg(&p.root_path)
        .args(["-purpose", "any", "-out", "/dev/null"])
        .output()
        .unwrap();
    assert!(out.status.success(), "-cades: {}", String::from_utf8_lossy(&out.stderr));
}

fn openssl_sign(p: &Pki, leaf: &Leaf, data: &Path, extra: &[&str], out: &str) -> std::path::PathBuf {
    let path = p.path(out);
    let o = Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-outform", "DER", "-in"])
        .arg(data)
        .arg("-signer")
        .arg(&leaf.cert_path)
        .arg("-inkey")
        .arg(&leaf.key_path)
        .args(extra)
        .arg("-out")
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success(), "openssl cms -sign: {}", String::from_utf8_lossy(&o.stderr));
    path
}

#[test]
fn kyso_verifies_openssl_signatures() {
    if !have_openssl() {
        return;
    }
    let p = pki();
    let data = data_file(p, "from-openssl.bin");
    let content = std::fs::read(&data).unwrap();
    let ca = p.ca_path.to_str().unwrap().to_string();
    let mut cases = vec![];
    if openssl_has_cms_eddsa() {
        cases.push(("ed25519-detached", &p.ed25519, vec![]));
    }
    for (name, leaf, extra) in [
        ("rsa-detached", &p.rsa, vec!["-certfile", ca.as_str()]),
        ("p256-detached", &p.p256, vec![]),
        ("p384-detached", &p.p384, vec![]),
        ("rsa-pss-detached", &p.rsa, vec!["-keyopt", "rsa_padding_mode:pss"]),
        ("p256-attached", &p.p256, vec!["-nodetach"]),
        ("rsa-nocerts", &p.rsa, vec!["-nocerts"]),
        // Streaming output (OpenSSL embeds the content then): BER with indefinite lengths and
        // a segmented eContent.
        ("p384-stream-attached", &p.p384, vec!["-stream"]),
        // No signed attributes: the signature covers the content itself.
        ("rsa-noattr", &p.rsa, vec!["-noattr"]),
        // subjectKeyIdentifier as the signer identifier (SignerInfo version 3).
        ("p256-keyid", &p.p256, vec!["-keyid"]),
    ]
    .into_iter()
    .chain(cases)
    {
        let sig = openssl_sign(p, leaf, &data, &extra, &format!("{name}.p7s"));
        let der = std::fs::read(&sig).unwrap();
        if name.contains("stream") {
            assert!(der.windows(2).any(|w| w == [0x30, 0x80]), "{name}: expected BER output");
        }
        let mut opts = p.verify_options();
        if name.ends_with("nocerts") {
            // Without embedded certificates, the signer comes from --untrusted.
            let report = cms::verify(&der, Some(&mut &content[..]), &opts).unwrap();
            assert!(!report.valid);
            assert_eq!(report.signers[0].signer_identification.status, CheckStatus::Failed);
            opts.untrusted.push(leaf.cert.clone());
        }
        let detached = !name.ends_with("attached");
        let report = if detached {
            cms::verify(&der, Some(&mut &content[..]), &opts).unwrap()
        } else {
            cms::verify(&der, None, &opts).unwrap()
        };
        let s = &report.signers[0];
        assert!(report.valid, "{name}: {:?}", s.errors);
        assert_eq!(report.attached, !detached, "{name}");
        if name.ends_with("keyid") {
            assert_eq!(
                s.signer_identification.detail.as_ref().map(|d| d.code()),
                Some(kyso::diag::codes::cms::CMS_SIGNER_FOUND_BY_SKI)
            );
        }
        // OpenSSL writes signingTime but no ESS attribute unless -cades: reported, not fatal.
        assert_eq!(s.level, "CMS", "{name}");
        assert_eq!(s.signing_certificate.status, CheckStatus::Absent);
        // Tampered content is rejected.
        let mut bad = content.clone();
        bad[7] ^= 1;
        if detached {
            let r = cms::verify(&der, Some(&mut &bad[..]), &opts).unwrap();
            assert!(!r.valid);
            assert_eq!(r.signers[0].integrity.status, CheckStatus::Failed, "{name}");
        }
    }
    // -cades adds signing-certificate-v2: kyso checks it.
    let sig = openssl_sign(p, &p.p256, &data, &["-cades"], "cades.p7s");
    let report =
        cms::verify(&std::fs::read(&sig).unwrap(), Some(&mut &content[..]), &p.verify_options()).unwrap();
    assert!(report.valid, "{:?}", report.signers[0].errors);
    assert_eq!(report.signers[0].signing_certificate.status, CheckStatus::Passed);
    assert_eq!(report.signers[0].level, "CAdES-BES (B-B)");
}

#[test]
fn kyso_verifies_a_multi_signer_openssl_file() {
    if !have_openssl() {
        return;
    }
    let p = pki();
    let data = data_file(p, "multi.bin");
    let content = std::fs::read(&data).unwrap();
    let path = p.path("multi.p7s");
    let o = Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-outform", "DER", "-in"])
        .arg(&data)
        .arg("-signer")
        .arg(&p.p256.cert_path)
        .arg("-inkey")
        .arg(&p.p256.key_path)
        .arg("-signer")
        .arg(&p.expired.cert_path)
        .arg("-inkey")
        .arg(&p.expired.key_path)
        .arg("-out")
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report =
        cms::verify(&std::fs::read(&path).unwrap(), Some(&mut &content[..]), &p.verify_options()).unwrap();
    assert_eq!(report.signers.len(), 2);
    assert!(!report.valid, "one signer is expired");
    let good = report.signers.iter().filter(|s| s.valid).count();
    assert_eq!(good, 1);
    let bad = report.signers.iter().find(|s| !s.valid).unwrap();
    assert_eq!(bad.certificate_validity.status, CheckStatus::Failed);
    assert!(bad.identity.as_ref().unwrap().common_name.as_deref() == Some("Kyso expired"));
}

#[test]
fn short_rsa_keys_are_refused_with_a_clear_reason() {
    if !have_openssl() {
        return;
    }
    let p = pki();
    let key = p.path("rsa1024.key");
    let cert = p.path("rsa1024.pem");
    let o = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:1024",
            "-nodes",
            "-subj",
            "/CN=Legacy 1024",
            "-days",
            "2",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let data = data_file(p, "legacy.bin");
    let sig = p.path("legacy.p7s");
    let o = Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-outform", "DER", "-in"])
        .arg(&data)
        .arg("-signer")
        .arg(&cert)
        .arg("-inkey")
        .arg(&key)
        .arg("-out")
        .arg(&sig)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut opts = p.verify_options();
    opts.store.add(kyso::Certificate::load(&cert).unwrap(), "legacy", "legacy");
    let report =
        cms::verify(&std::fs::read(&sig).unwrap(), Some(&mut std::fs::File::open(&data).unwrap()), &opts)
            .unwrap();
    assert!(!report.valid);
    let s = &report.signers[0];
    assert_eq!(s.signature.status, CheckStatus::Failed);
    assert!(
        s.signature
            .detail
            .as_ref()
            .is_some_and(|d| d.code() == kyso::diag::codes::cms::CMS_RSA_KEY_TOO_SHORT
                && d.message.params.get("bits") == Some("1024")),
        "{:?}",
        s.signature
    );
}
