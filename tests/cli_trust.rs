//! `--trust vn|none|FILE` and `kyso trust list` end to end, on the demo PKI of `testdata/pki`:
//! the built-in Vietnamese list is used when no anchor is given, `--trust none` disables it (no
//! anchor left: a usage error), and a trust list file of the user's own (JSON) adds anchors per
//! domain and intermediates, with pins checked.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const AT: &str = "--at=2027-06-01T00:00:00Z";

fn kyso() -> Command {
    let mut c = Command::cargo_bin("kyso").unwrap();
    // Real certificates name real OCSP and CRL servers: tests stay off the network.
    c.env("LANG", "C").env("KYSO_OFFLINE", "1").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    c
}

fn pki(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pki").join(rel)
}

fn sha256_of(pem: &Path) -> String {
    hex::encode(kyso::Certificate::load(pem).unwrap().sha256())
}

/// A trust list in `dir`: the demo public root as anchor of domain `demo` (pinned with `pin`),
/// the demo public CA as intermediate.
fn write_list(dir: &Path, pin: &str) -> PathBuf {
    let json = serde_json::json!({
        "format": "kyso.trust-list/1",
        "entries": [
            {"file": pki("public/root.pem"), "domain": "demo", "role": "anchor", "sha256": pin,
             "note": "the demo PKI's national root"},
            {"file": pki("public/ca.pem"), "domain": "demo", "role": "intermediate"},
        ]
    });
    let path = dir.join("list.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    path
}

#[test]
fn a_users_trust_list_adds_anchors_and_intermediates() {
    let dir = tempfile::tempdir().unwrap();
    let list = write_list(dir.path(), &sha256_of(&pki("public/root.pem")));
    let leaf = pki("public/business.pem");
    // The built-in list alone does not know the demo PKI.
    kyso()
        .args(["chain", "verify"])
        .arg(&leaf)
        .args([AT, "--revocation=off"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("INVALID"));
    // The user's list (beside the built-in one, or alone): valid, in domain `demo`, the
    // intermediate coming from the list.
    for extra in [&[][..], &["--trust", "none"][..]] {
        kyso()
            .args(["chain", "verify"])
            .arg(&leaf)
            .args(extra)
            .arg("--trust")
            .arg(&list)
            .args([AT, "--revocation=off"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("anchor: DEMO National Root CA (domain: demo)"));
    }
    // cross-validate: the built-in domains and the list's.
    let out = kyso()
        .arg("cross-validate")
        .arg(&leaf)
        .arg("--trust")
        .arg(&list)
        .args([AT, "--revocation=off", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let domains: Vec<&str> =
        report["domains"].as_array().unwrap().iter().map(|d| d["domain"].as_str().unwrap()).collect();
    assert_eq!(domains, vec!["public", "gov", "demo"]);
    // verify (CMS): the signer's path through the list's intermediate.
    kyso()
        .arg("verify")
        .arg(pki("sample/cong-van-mau.txt"))
        .arg("--sig")
        .arg(pki("sample/cong-van-mau.txt.business.p7s"))
        .args(["--trust", "none", "--trust"])
        .arg(&list)
        .args([AT, "--revocation=off"])
        .assert()
        .code(0);
    // `kyso trust list FILE` shows it.
    kyso()
        .args(["trust", "list", "--lang", "en"])
        .arg(&list)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 trust anchor(s), 1 intermediate(s)"))
        .stdout(predicate::str::contains("DEMO Public CA"));
}

#[test]
fn trust_none_leaves_no_anchor_and_bad_lists_are_input_errors() {
    let leaf = pki("public/business.pem");
    for cmd in [&["chain", "verify"][..], &["cross-validate"][..]] {
        kyso()
            .args(cmd)
            .arg(&leaf)
            .args(["--trust", "none", AT])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no trust anchor given"))
            .stderr(predicate::str::contains("--trust vn"));
    }
    kyso()
        .arg("verify")
        .arg(pki("sample/cong-van-mau.txt"))
        .arg("--sig")
        .arg(pki("sample/cong-van-mau.txt.business.p7s"))
        .args(["--trust", "none", "--lang", "vi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("chưa cung cấp điểm tin cậy"));
    kyso()
        .args(["chain", "verify"])
        .arg(&leaf)
        .args(["--trust", "none", "--trust", "vn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("contradict"));
    // A wrong pin: an input error naming the list and both digests, no output.
    let dir = tempfile::tempdir().unwrap();
    let list = write_list(dir.path(), &"ab".repeat(32));
    kyso()
        .args(["chain", "verify"])
        .arg(&leaf)
        .arg("--trust")
        .arg(&list)
        .arg(AT)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("list.json"))
        .stderr(predicate::str::contains("ab".repeat(32)));
    // A missing list file.
    kyso()
        .args(["chain", "verify"])
        .arg(&leaf)
        .args(["--trust", "no-such-list.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-list.json"));
}

#[test]
fn trust_list_json_has_every_entry_with_its_pin() {
    let out = kyso().args(["trust", "list", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = doc["entries"].as_array().unwrap();
    assert_eq!(entries.len(), kyso::trust::vn::list().entries().len());
    for (e, want) in entries.iter().zip(kyso::trust::vn::list().entries()) {
        assert_eq!(e["sha256"], hex::encode(want.cert.sha256()));
        assert_eq!(e["domain"], want.domain);
        assert_eq!(e["role"], want.role.as_str());
        assert_eq!(e["legacy"], want.legacy);
        assert!(e["not_before"].as_str().unwrap().ends_with('Z'));
        assert!(!e["subject"].as_str().unwrap().is_empty());
    }
    assert_eq!(entries.iter().filter(|e| e["role"] == "anchor").count(), 4);
    assert_eq!(entries.iter().filter(|e| e["legacy"] == true).count(), 7);
}
