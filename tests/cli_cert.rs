//! `kyso cert` and `kyso crl` end to end, including bad input: every failure is one error line
//! naming the file, exit status 2, and no output file.

use assert_cmd::Command;
use kyso::keys::{KeyAlgorithm, SoftwareKey};
use std::path::{Path, PathBuf};

fn kyso() -> Command {
    let mut c = Command::cargo_bin("kyso").unwrap();
    c.env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    c
}

fn key_file(dir: &Path, name: &str, alg: KeyAlgorithm, pass: Option<&str>) -> PathBuf {
    let k = SoftwareKey::generate(alg).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, k.to_pkcs8_pem(pass.map(str::as_bytes)).unwrap().as_bytes()).unwrap();
    p
}

fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "command failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Run, expect exit 2 with a first error line naming `file`.
fn fails_naming(cmd: &mut Command, file: &Path) -> String {
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    let first = err.lines().next().unwrap_or("");
    assert!(first.starts_with("kyso: error: "), "{err}");
    assert!(first.contains(file.to_str().unwrap()), "the error names {}: {err}", file.display());
    assert!(err.lines().count() <= 2, "one error line (and at most a hint): {err}");
    assert!(out.stdout.is_empty(), "no output on error");
    err
}

struct Pki {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    root: PathBuf,
    root_key: PathBuf,
    ca: PathBuf,
    ca_key: PathBuf,
}

fn pki() -> Pki {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let root_key = key_file(&dir, "root.key", KeyAlgorithm::EcP256, None);
    let root = dir.join("root.pem");
    ok(kyso()
        .args(["cert", "self-sign", "--subject", "C=VN, O=DEMO, CN=DEMO Root", "--days", "3650", "--key"])
        .arg(&root_key)
        .arg("--out")
        .arg(&root));
    // The CA key is encrypted: the passphrase comes from the environment.
    let ca_key = key_file(&dir, "ca.key", KeyAlgorithm::EcP256, Some("bí mật"));
    let ca_csr = dir.join("ca.csr");
    ok(kyso()
        .env("CA_PASS", "bí mật")
        .args(["cert", "request", "--subject", "C=VN, O=DEMO, CN=DEMO CA", "--pass-env", "CA_PASS", "--key"])
        .arg(&ca_key)
        .arg("--out")
        .arg(&ca_csr));
    let ca = dir.join("ca.pem");
    ok(kyso()
        .args(["cert", "issue", "--profile", "sub-ca", "--path-len", "0", "--csr"])
        .arg(&ca_csr)
        .arg("--ca-cert")
        .arg(&root)
        .arg("--ca-key")
        .arg(&root_key)
        .arg("--out")
        .arg(&ca));
    Pki { _tmp: tmp, dir, root, root_key, ca, ca_key }
}

#[test]
fn request_issue_inspect_round_trip() {
    let p = pki();
    let leaf_key = key_file(&p.dir, "leaf.key", KeyAlgorithm::Rsa { bits: 2048 }, None);
    let csr = p.dir.join("leaf.csr");
    let subject = r"C=VN, O=Công ty A\, B và C, OU=Phòng Kế toán, OU=Tổ Hóa đơn, CN=Nguyễn Văn Ánh, UID=MST:0101234567-001";
    ok(kyso()
        .args(["cert", "request", "--subject", subject, "--san", "email:anh@demo.invalid", "--key"])
        .arg(&leaf_key)
        .arg("--out")
        .arg(&csr));
    // The request itself can be inspected (its signature is verified).
    let req = ok(kyso().args(["cert", "inspect", "--lang", "vi"]).arg(&csr));
    assert!(req.contains("Yêu cầu cấp chứng thư số") && req.contains("hợp lệ"), "{req}");
    assert!(req.contains("email:anh@demo.invalid") && req.contains("đơn vị phụ thuộc 001"), "{req}");
    let v: serde_json::Value =
        serde_json::from_str(&ok(kyso().args(["cert", "inspect", "--json"]).arg(&csr))).unwrap();
    assert_eq!(v[0]["key"]["bits"], 2048);
    let leaf = p.dir.join("leaf.der");
    ok(kyso()
        .env("CA_PASS", "bí mật")
        .args(["cert", "issue", "--der", "--pass-env", "CA_PASS", "--csr"])
        .arg(&csr)
        .args(["--ca-cert"])
        .arg(&p.ca)
        .arg("--ca-key")
        .arg(&p.ca_key)
        .args([
            "--policy",
            "2.16.704.1.1.1.1.1=https://ca.demo.invalid/cps",
            "--key-usage",
            "digitalSignature,nonRepudiation,keyEncipherment",
            "--eku",
            "clientAuth",
            "--eku",
            "emailProtection",
            "--crl-url",
            "http://ca.demo.invalid/ca.crl",
            "--ocsp-url",
            "http://ocsp.demo.invalid",
            "--out",
        ])
        .arg(&leaf));
    assert_eq!(std::fs::read(&leaf).unwrap()[0], 0x30, "DER output");

    let json = ok(kyso().args(["cert", "inspect", "--json"]).arg(&leaf));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let c = &v[0];
    assert_eq!(c["subject"], subject);
    assert_eq!(c["identifiers"][0]["kind"], "tax-code");
    assert_eq!(c["identifiers"][0]["main"], "0101234567");
    assert_eq!(c["identifiers"][0]["branch"], "001");
    assert_eq!(c["key"]["algorithm"], "RSA");
    assert_eq!(c["key"]["bits"], 2048);
    assert_eq!(c["policies"][0]["oid"], "2.16.704.1.1.1.1.1");
    assert_eq!(c["subject_alt_names"][0], "email:anh@demo.invalid");
    assert_eq!(c["extended_key_usage"][0]["name"], "clientAuth");
    assert_eq!(c["key_usage"], serde_json::json!(["digitalSignature", "nonRepudiation", "keyEncipherment"]));
    assert!(c["not_before"]["vietnam"].as_str().unwrap().ends_with("+07:00"));

    let vi = ok(kyso().args(["cert", "inspect", "--lang", "vi"]).arg(&leaf));
    assert!(vi.contains("mã số thuế 0101234567, đơn vị phụ thuộc 001"), "{vi}");
    assert!(vi.contains("giờ Việt Nam"), "{vi}");
    assert!(vi.contains("Nguyễn Văn Ánh"), "{vi}");
    let en = ok(kyso().args(["cert", "inspect", "--lang", "en"]).arg(&leaf));
    assert!(en.contains("tax code 0101234567, branch 001"), "{en}");
    assert!(en.contains("SHA-256 fingerprint"), "{en}");

    // A PEM bundle is inspected whole.
    let bundle = p.dir.join("bundle.pem");
    let text =
        format!("{}{}", std::fs::read_to_string(&p.ca).unwrap(), std::fs::read_to_string(&p.root).unwrap());
    std::fs::write(&bundle, text).unwrap();
    let out = ok(kyso().args(["cert", "inspect", "--lang", "en"]).arg(&bundle));
    assert!(out.contains("Certificate 1/2") && out.contains("Certificate 2/2"), "{out}");
    let json = ok(kyso().args(["cert", "inspect", "--json"]).arg(&bundle));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["path_len"], 0);
    assert_eq!(v[1]["self_issued"], true);
}

#[test]
fn cross_certify_and_crl() {
    let p = pki();
    let other_key = key_file(&p.dir, "other.key", KeyAlgorithm::Ed25519, None);
    let other = p.dir.join("other.pem");
    ok(kyso()
        .args([
            "cert",
            "self-sign",
            "--subject",
            "C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO RootCA chuyên dùng Chính phủ",
        ])
        .arg("--key")
        .arg(&other_key)
        .arg("--out")
        .arg(&other));
    // A cross-certificate outliving its issuer gets a warning.
    let long = p.dir.join("long.pem");
    let o = kyso()
        .args(["cert", "cross-certify", "--days", "20000", "--subject-cert"])
        .arg(&other)
        .arg("--ca-cert")
        .arg(&p.root)
        .arg("--ca-key")
        .arg(&p.root_key)
        .arg("--out")
        .arg(&long)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("valid longer than its issuer"));
    let cross = p.dir.join("cross.pem");
    ok(kyso()
        .args(["cert", "cross-certify", "--subject-cert"])
        .arg(&other)
        .arg("--ca-cert")
        .arg(&p.root)
        .arg("--ca-key")
        .arg(&p.root_key)
        .args([
            "--path-len",
            "1",
            "--policy",
            "2.25.1.1",
            "--map-policy",
            "2.25.1.1=2.25.1.2",
            "--permit",
            "dir:C=VN",
            "--exclude",
            "dns:.example.com",
            "--require-explicit-policy",
            "0",
            "--inhibit-any-policy",
            "0",
            "--out",
        ])
        .arg(&cross));
    let v: serde_json::Value =
        serde_json::from_str(&ok(kyso().args(["cert", "inspect", "--json"]).arg(&cross))).unwrap();
    let c = &v[0];
    assert_eq!(c["subject"], "C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO RootCA chuyên dùng Chính phủ");
    assert_eq!(c["issuer"], "C=VN, O=DEMO, CN=DEMO Root");
    assert_eq!(c["policy_mappings"][0]["subject_domain"], "2.25.1.2");
    assert_eq!(c["permitted_subtrees"][0], "dir:C=VN");
    assert_eq!(c["excluded_subtrees"][0], "dns:.example.com");
    assert_eq!(c["require_explicit_policy"], 0);
    assert_eq!(c["inhibit_any_policy"], 0);
    assert_eq!(c["key"]["algorithm"], "Ed25519");
    let other_info: serde_json::Value =
        serde_json::from_str(&ok(kyso().args(["cert", "inspect", "--json"]).arg(&other))).unwrap();
    assert_eq!(c["subject_key_id"], other_info[0]["subject_key_id"]);

    // CRL revoking the CA by file and a serial by hex with a reason and date.
    let crl = p.dir.join("root.crl");
    ok(kyso()
        .args([
            "crl",
            "issue",
            "--number",
            "5",
            "--days",
            "10",
            "--revoke",
            "0a0b:superseded:2026-01-01T00:00:00Z",
        ])
        .arg("--revoke-cert")
        .arg(&p.ca)
        .arg("--ca-cert")
        .arg(&p.root)
        .arg("--ca-key")
        .arg(&p.root_key)
        .arg("--out")
        .arg(&crl));
    let v: serde_json::Value =
        serde_json::from_str(&ok(kyso().args(["crl", "inspect", "--json"]).arg(&crl))).unwrap();
    assert_eq!(v[0]["crl_number"], "5");
    assert_eq!(v[0]["revoked"].as_array().unwrap().len(), 2);
    assert_eq!(v[0]["revoked"][0]["serial"], "0a0b");
    assert_eq!(v[0]["revoked"][0]["reason"], "superseded");
    assert_eq!(v[0]["revoked"][0]["date"]["utc"], "2026-01-01T00:00:00Z");
    assert_eq!(v[0]["revoked"][0]["date"]["vietnam"], "2026-01-01T07:00:00+07:00");
    let vi = ok(kyso().args(["crl", "inspect", "--lang", "vi"]).arg(&crl));
    assert!(vi.contains("Danh sách chứng thư số bị thu hồi") && vi.contains("superseded"), "{vi}");
}

#[test]
fn bad_inputs_fail_cleanly() {
    let p = pki();
    let d = &p.dir;
    let empty = d.join("empty.pem");
    std::fs::write(&empty, b"").unwrap();
    let random = d.join("random.bin");
    std::fs::write(&random, [0x9cu8, 0x13, 0xfe, 0x00, 0x42, 0x77, 0x01, 0x02]).unwrap();
    let truncated = d.join("truncated.pem");
    let full = std::fs::read_to_string(&p.ca).unwrap();
    std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();
    let garbage_der = d.join("garbage.der");
    std::fs::write(&garbage_der, [0x30, 0x82, 0x01, 0x00, 0x02]).unwrap();
    let missing = d.join("missing.pem");

    for f in [&empty, &random, &truncated, &garbage_der, &missing] {
        fails_naming(kyso().args(["cert", "inspect"]).arg(f), f);
        fails_naming(kyso().args(["crl", "inspect"]).arg(f), f);
    }
    // A tampered request: invalid signature, exit 1.
    let csr_text = std::fs::read_to_string(d.join("ca.csr")).unwrap();
    let der = kyso::io::decode_pem_or_der(csr_text.as_bytes()).unwrap().remove(0).der;
    let mut bad = der.clone();
    let n = bad.len();
    bad[n - 4] ^= 0x10;
    let bad_csr = d.join("bad.csr");
    std::fs::write(&bad_csr, kyso::io::to_pem("CERTIFICATE REQUEST", &bad)).unwrap();
    let o = kyso().args(["cert", "inspect"]).arg(&bad_csr).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.csr"));
    // A key where a certificate is expected.
    let err = fails_naming(kyso().args(["cert", "inspect"]).arg(&p.root_key), &p.root_key);
    assert!(err.contains("no certificate found") && err.contains("PRIVATE KEY"), "{err}");
    // A certificate where a key is expected.
    let out = d.join("x.pem");
    fails_naming(
        kyso().args(["cert", "self-sign", "--subject", "CN=x", "--key"]).arg(&p.root).arg("--out").arg(&out),
        &p.root,
    );
    assert!(!out.exists());
    // A certificate where a CSR is expected.
    fails_naming(
        kyso()
            .args(["cert", "issue", "--csr"])
            .arg(&p.root)
            .arg("--ca-cert")
            .arg(&p.root)
            .arg("--ca-key")
            .arg(&p.root_key)
            .arg("--out")
            .arg(&out),
        &p.root,
    );
    assert!(!out.exists());
    // A truncated CA certificate.
    fails_naming(
        kyso()
            .args(["crl", "issue", "--number", "1", "--ca-cert"])
            .arg(&truncated)
            .arg("--ca-key")
            .arg(&p.root_key)
            .arg("--out")
            .arg(&out),
        &truncated,
    );
    assert!(!out.exists());
    // The wrong key for the CA certificate.
    fails_naming(
        kyso()
            .args(["crl", "issue", "--number", "1", "--ca-cert"])
            .arg(&p.root)
            .arg("--ca-key")
            .arg(key_file(d, "stranger.key", KeyAlgorithm::EcP256, None))
            .arg("--out")
            .arg(&out),
        &d.join("stranger.key"),
    );
    assert!(!out.exists());
    // An encrypted key without a passphrase source and no terminal: the key file is named.
    let err = fails_naming(
        kyso()
            .args(["crl", "issue", "--number", "1", "--ca-cert"])
            .arg(&p.ca)
            .arg("--ca-key")
            .arg(&p.ca_key)
            .arg("--out")
            .arg(&out),
        &p.ca_key,
    );
    assert!(err.contains("--pass-env"), "{err}");
    assert!(!out.exists());
    // A wrong passphrase names the key file.
    fails_naming(
        kyso()
            .env("P", "sai")
            .args(["crl", "issue", "--number", "1", "--pass-env", "P", "--ca-cert"])
            .arg(&p.ca)
            .arg("--ca-key")
            .arg(&p.ca_key)
            .arg("--out")
            .arg(&out),
        &p.ca_key,
    );
    // Output in a missing directory.
    let nowhere = d.join("no-such-dir").join("out.pem");
    fails_naming(
        kyso()
            .args(["cert", "self-sign", "--subject", "CN=x", "--key"])
            .arg(&p.root_key)
            .arg("--out")
            .arg(&nowhere),
        &nowhere,
    );
    assert!(!nowhere.parent().unwrap().exists());
    // Existing output without --force: refused, unchanged; with --force: replaced.
    let before = std::fs::read(&p.ca).unwrap();
    let err = fails_naming(
        kyso()
            .args(["cert", "self-sign", "--subject", "CN=x", "--key"])
            .arg(&p.root_key)
            .arg("--out")
            .arg(&p.ca),
        &p.ca,
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&p.ca).unwrap(), before);
    ok(kyso()
        .args(["cert", "self-sign", "--force", "--subject", "CN=x", "--key"])
        .arg(&p.root_key)
        .arg("--out")
        .arg(&p.ca));
    assert_ne!(std::fs::read(&p.ca).unwrap(), before);
    // Usage errors: a bad subject, a leaf profile with CA options.
    let o = kyso()
        .args(["cert", "self-sign", "--subject", "C=VNM, CN=x", "--key"])
        .arg(&p.root_key)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("two-letter"));
    assert!(!out.exists());
    let o = kyso()
        .args(["cert", "issue", "--profile", "signer", "--map-policy", "1.2.3=1.2.4", "--csr"])
        .arg(d.join("ca.csr"))
        .arg("--ca-cert")
        .arg(&p.root)
        .arg("--ca-key")
        .arg(&p.root_key)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
    // No temporary files left behind anywhere.
    for e in std::fs::read_dir(d).unwrap() {
        let name = e.unwrap().file_name();
        assert!(!name.to_string_lossy().starts_with(".kyso-tmp"), "{name:?}");
    }
}

#[test]
fn issuing_with_a_leaf_as_ca_is_refused() {
    let p = pki();
    let leaf_key = key_file(&p.dir, "leaf.key", KeyAlgorithm::EcP256, None);
    let pubkey = p.dir.join("leaf.pub");
    std::fs::write(&pubkey, kyso::keys::load_private_key(&leaf_key, None).unwrap().public_key_pem()).unwrap();
    // A malformed tax code is issued, with a warning.
    let odd = p.dir.join("odd.pem");
    let o = kyso()
        .args(["cert", "issue", "--lang", "vi", "--subject", "C=VN, CN=Lá, UID=MST:12345", "--public-key"])
        .arg(&pubkey)
        .arg("--ca-cert")
        .arg(&p.root)
        .arg("--ca-key")
        .arg(&p.root_key)
        .arg("--out")
        .arg(&odd)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cảnh báo: UID=MST:12345"));
    let leaf = p.dir.join("leaf.pem");
    ok(kyso()
        .args(["cert", "issue", "--subject", "C=VN, CN=Lá", "--public-key"])
        .arg(&pubkey)
        .arg("--ca-cert")
        .arg(&p.root)
        .arg("--ca-key")
        .arg(&p.root_key)
        .arg("--out")
        .arg(&leaf));
    let out = p.dir.join("x.pem");
    let o = kyso()
        .args(["cert", "issue", "--subject", "CN=y", "--public-key"])
        .arg(&pubkey)
        .arg("--ca-cert")
        .arg(&leaf)
        .arg("--ca-key")
        .arg(&leaf_key)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a CA"));
    assert!(!out.exists());
}
