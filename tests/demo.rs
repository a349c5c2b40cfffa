//! The demo PKI: manifest shape, files, and OpenSSL accepting every signer under its own root
//! and, through the cross-certificate, under the other domain's root.
//!
//! The OpenSSL part skips with a notice when `openssl` is missing, but fails when `CI` is set.

use assert_cmd::Command as Cmd;
use kyso::demo::{self, Domain, Manifest, Role};
use std::path::Path;
use std::process::Command;

fn openssl() -> bool {
    let ok = Command::new("openssl").arg("version").output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("openssl is required under CI");
        }
        eprintln!("NOTICE: openssl not found, skipping OpenSSL checks of the demo");
    }
    ok
}

fn verify(ca_file: &Path, untrusted: &Path, cert: &Path) -> (bool, String) {
    let out = Command::new("openssl")
        .arg("verify")
        .arg("-CAfile")
        .arg(ca_file)
        .arg("-untrusted")
        .arg(untrusted)
        .arg(cert)
        .output()
        .expect("run openssl");
    (
        out.status.success(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
    )
}

fn path(dir: &Path, rel: &Option<String>) -> std::path::PathBuf {
    dir.join(rel.as_deref().expect("path in manifest"))
}

#[test]
fn demo_signers_verify_under_both_roots() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let started = std::time::Instant::now();
    let manifest = demo::build(&dir).unwrap();
    let elapsed = started.elapsed();
    eprintln!("demo built in {elapsed:?}");
    assert_eq!(Manifest::load(&dir).unwrap(), manifest);

    // Shape: one root and one CA per domain, two cross-certificates, signers, TSA, OCSP, CRLs.
    for d in [Domain::Public, Domain::Gov] {
        assert_eq!(manifest.find(Role::Root, d).count(), 1);
        assert_eq!(manifest.find(Role::Ca, d).count(), 1);
        assert_eq!(manifest.find(Role::Tsa, d).count(), 1);
        assert_eq!(manifest.find(Role::Ocsp, d).count(), 1);
        assert_eq!(manifest.find(Role::Crl, d).count(), 2);
        let cross: Vec<_> = manifest.find(Role::Cross, d).collect();
        assert_eq!(cross.len(), 1);
        assert_eq!((cross[0].from, cross[0].to), (Some(d), Some(d.other())));
        for s in manifest.find(Role::Signer, d) {
            assert!(s.key.is_some(), "signer {} has a key", s.id);
        }
        for t in manifest.find(Role::Tsa, d) {
            assert!(t.key.is_some(), "TSA {} has a key", t.id);
        }
    }
    assert_eq!(manifest.artifacts.iter().filter(|a| a.revoked).count(), 1);
    let officer = manifest.get("gov-officer").unwrap();
    assert_eq!(
        officer.subject,
        "C=VN, O=BỘ CÔNG THƯƠNG, OU=Cục Thương mại điện tử và Kinh tế số, CN=Nguyễn Văn A"
    );
    assert!(manifest.get("public-business").unwrap().subject.contains("UID=MST:0101234567"));
    assert!(manifest.get("public-citizen").unwrap().subject.contains("UID=CCCD:001090000001"));
    assert_eq!(manifest.get("public-business").unwrap().key_algorithm.as_deref(), Some("RSA-2048"));
    // JSON field names as documented.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(json["passphrase"], demo::DEMO_PASSPHRASE);
    let cross_json = json["artifacts"].as_array().unwrap().iter().find(|a| a["role"] == "cross").unwrap();
    assert!(cross_json["from"].is_string() && cross_json["to"].is_string() && cross_json["cert"].is_string());
    let crl_json = json["artifacts"].as_array().unwrap().iter().find(|a| a["role"] == "crl").unwrap();
    assert!(crl_json["crl"].is_string());

    // Keys: encrypted, 0600, readable with the passphrase, matching their certificates.
    for a in manifest.artifacts.iter().filter(|a| a.key.is_some()) {
        let kp = path(&dir, &a.key);
        let pem = std::fs::read_to_string(&kp).unwrap();
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"), "{}", a.id);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&kp).unwrap().permissions().mode() & 0o777, 0o600, "{}", a.id);
        }
        if a.role == Role::Signer || a.role == Role::Tsa {
            let key = kyso::keys::load_private_key(&kp, Some(manifest.passphrase.as_bytes())).unwrap();
            let cert = kyso::Certificate::load(path(&dir, &a.cert)).unwrap();
            assert_eq!(kyso::Signer::public_key_spki(&key), cert.x509().public_key().raw, "{}", a.id);
        }
    }

    // The written demo reads back whole, keys included.
    let loaded = demo::DemoPki::load(&dir).unwrap();
    assert_eq!(loaded.entities.len(), manifest.artifacts.iter().filter(|a| a.role != Role::Crl).count());
    assert_eq!(loaded.crls.len(), 4);
    for e in &loaded.entities {
        if let Some(k) = &e.key {
            assert_eq!(kyso::Signer::public_key_spki(k), e.cert.x509().public_key().raw, "{}", e.id);
        }
    }

    if !openssl() {
        return;
    }
    for d in [Domain::Public, Domain::Gov] {
        let own_root = path(&dir, &manifest.find(Role::Root, d).next().unwrap().cert);
        let own_ca = path(&dir, &manifest.find(Role::Ca, d).next().unwrap().cert);
        let other_root = path(&dir, &manifest.find(Role::Root, d.other()).next().unwrap().cert);
        // The cross-certificate issued by the other root for this domain's root.
        let cross = manifest
            .artifacts
            .iter()
            .find(|a| a.role == Role::Cross && a.from == Some(d.other()) && a.to == Some(d))
            .unwrap();
        // Untrusted bundle: the signer's CA, then the cross-certificate (OpenSSL takes the
        // first matching issuer; the cross-certificate is the only one named like this root).
        let bundle = tmp.path().join(format!("untrusted-{}.pem", d.as_str()));
        let mut text = std::fs::read_to_string(&own_ca).unwrap();
        text.push_str(&std::fs::read_to_string(path(&dir, &cross.cert)).unwrap());
        std::fs::write(&bundle, text).unwrap();
        let leaves = manifest
            .artifacts
            .iter()
            .filter(|a| a.domain == d && matches!(a.role, Role::Signer | Role::Tsa | Role::Ocsp));
        for a in leaves {
            let cert = path(&dir, &a.cert);
            let (ok, text) = verify(&own_root, &own_ca, &cert);
            assert!(ok, "{} under its own root: {text}", a.id);
            let (ok, text) = verify(&other_root, &bundle, &cert);
            assert!(ok, "{} under the other root through the cross-certificate: {text}", a.id);
            // Without the cross-certificate the other root cannot reach it.
            let (ok, _) = verify(&other_root, &own_ca, &cert);
            assert!(!ok, "{} must not verify under the other root without the cross-certificate", a.id);
        }
        // CRLs are signed by their CAs, and the revoked signer shows up as revoked.
        for crl in manifest.find(Role::Crl, d) {
            let issuer = manifest.get(crl.issuer.as_deref().unwrap()).unwrap();
            let out = Command::new("openssl")
                .args(["crl", "-noout", "-in"])
                .arg(path(&dir, &crl.crl))
                .arg("-CAfile")
                .arg(path(&dir, &issuer.cert))
                .output()
                .unwrap();
            assert!(String::from_utf8_lossy(&out.stderr).contains("verify OK"), "{}", crl.id);
        }
    }
    let revoked = manifest.artifacts.iter().find(|a| a.revoked).unwrap();
    let crl = manifest.get(&format!("{}-crl", revoked.issuer.as_deref().unwrap())).unwrap();
    let root = path(&dir, &manifest.find(Role::Root, revoked.domain).next().unwrap().cert);
    let ca = path(&dir, &manifest.find(Role::Ca, revoked.domain).next().unwrap().cert);
    let out = Command::new("openssl")
        .args(["verify", "-crl_check", "-CRLfile"])
        .arg(path(&dir, &crl.crl))
        .arg("-CAfile")
        .arg(&root)
        .arg("-untrusted")
        .arg(&ca)
        .arg(path(&dir, &revoked.cert))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("revoked")
            || String::from_utf8_lossy(&out.stderr).contains("revoked")
    );
}

#[test]
fn cli_demo_refuses_a_non_empty_directory_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("keep.txt"), b"mine").unwrap();
    let out =
        Cmd::cargo_bin("kyso").unwrap().args(["demo", "--lang", "en", "--out"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.lines().next().unwrap().contains(dir.to_str().unwrap()), "{err}");
    assert!(err.contains("not empty"), "{err}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "nothing written");

    let out = Cmd::cargo_bin("kyso")
        .unwrap()
        .args(["demo", "--lang", "vi", "--force", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(demo::DEMO_PASSPHRASE), "the passphrase is printed: {text}");
    assert!(text.contains("Miền chuyên dùng Chính phủ"), "{text}");
    assert_eq!(std::fs::read(dir.join("keep.txt")).unwrap(), b"mine");
    assert!(dir.join("manifest.json").is_file());
    // Running again with --force replaces the files.
    let out = Cmd::cargo_bin("kyso")
        .unwrap()
        .args(["demo", "--json", "--force", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let m: Manifest = serde_json::from_value(v["manifest"].clone()).unwrap();
    assert_eq!(m, Manifest::load(&dir).unwrap());
    // The demo cross-validates the officer and the business under both domains.
    let checks = v["cross_validation"].as_array().unwrap();
    assert_eq!(checks.len(), 2);
    for c in checks {
        let own = c["domain"].as_str().unwrap();
        for d in c["report"]["domains"].as_array().unwrap() {
            assert_eq!(d["accepted"], true, "{} under {}: {}", c["id"], d["domain"], d["error"]);
            let path = &d["paths"][0];
            let crossed = path["cross_certificates"].as_array().map(|a| !a.is_empty()).unwrap_or(false);
            assert_eq!(
                crossed,
                d["domain"] != own,
                "a cross-certificate exactly when crossing domains: {path}"
            );
        }
    }
    // ... and signs a sample document as both, each signature verified under both domains.
    let sigs = v["signatures"].as_array().unwrap();
    assert_eq!(sigs.len(), 4);
    for s in sigs {
        assert_eq!(s["report"]["valid"], true, "{} under {}", s["signer"], s["domain"]);
        assert!(dir.join(s["signature"].as_str().unwrap()).is_file());
    }
    assert_eq!(sigs.iter().filter(|s| s["crossed"] == true).count(), 2);
}

/// Issue #9 defect 6: a second `kyso demo --out DIR` over a previous demo refuses without
/// `--force` (exit 2, naming the directory, no key replaced); with `--force` it replaces it.
#[test]
fn cli_demo_over_its_previous_output_needs_force() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kyso-demo");
    let out = Cmd::cargo_bin("kyso").unwrap().args(["demo", "--json", "--out"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let key = dir.join("public/root.key.pem");
    let before = std::fs::read(&key).unwrap();
    let out =
        Cmd::cargo_bin("kyso").unwrap().args(["demo", "--lang", "en", "--out"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&dir.display().to_string()) && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&key).unwrap(), before, "no key replaced without --force");
    let out = Cmd::cargo_bin("kyso")
        .unwrap()
        .args(["demo", "--json", "--force", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_ne!(std::fs::read(&key).unwrap(), before, "--force replaces the demo");
    let m = Manifest::load(&dir).unwrap();
    assert!(m.artifacts.iter().all(|a| a.cert.is_some() || a.crl.is_some()));
    // no temporary files left behind
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("public"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".kyso-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}
