//! `kyso chain verify --tls-server` and `--no-anchor-checks` end to end: the CA/Browser Forum
//! preset refuses a document-signing leaf that the default profile accepts, and an expired
//! trust anchor is refused unless anchor checks are turned off.

mod pki_gen;

use assert_cmd::Command;
use pki_gen::{Ca, Opts};
use predicates::prelude::*;

fn kyso() -> Command {
    let mut c = Command::cargo_bin("kyso").unwrap();
    c.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    c
}

fn write(dir: &std::path::Path, name: &str, cert: &kyso::Certificate) -> String {
    let p = dir.join(name);
    std::fs::write(&p, cert.to_pem()).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn tls_server_preset_is_opt_in() {
    let dir = tempfile::tempdir().unwrap();
    let gov = Ca::root("RootCA chuyen dung Chinh phu G2", "Ban Co yeu Chinh phu", &Opts::default());
    // A leaf without extKeyUsage: valid for RFC 5280, not a CA/B TLS server certificate.
    let leaf = gov.leaf("Nguyen Van A", "So Tai chinh", &Opts::default());
    let root = write(dir.path(), "root.pem", &gov.cert);
    let leaf = write(dir.path(), "leaf.pem", &leaf);
    let at = "--at=2026-01-01T00:00:00Z";
    kyso().args(["chain", "verify", &leaf, "--anchor", &root, at]).assert().code(0);
    kyso()
        .args(["chain", "verify", &leaf, "--anchor", &root, at, "--tls-server"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("7.1.2.7.6").or(predicate::str::contains("serverAuth")));
}

#[test]
fn expired_anchor_refused_unless_anchor_checks_are_off() {
    let dir = tempfile::tempdir().unwrap();
    let old = Opts {
        not_before: Some(rcgen::date_time_ymd(2020, 1, 1)),
        not_after: Some(rcgen::date_time_ymd(2022, 1, 1)),
        ..Opts::default()
    };
    let root = Ca::root("Old Root", "Demo", &old);
    let leaf = root.leaf("Leaf", "Demo", &Opts::default());
    let root = write(dir.path(), "root.pem", &root.cert);
    let leaf = write(dir.path(), "leaf.pem", &leaf);
    let at = "--at=2026-01-01T00:00:00Z";
    kyso()
        .args(["chain", "verify", &leaf, "--anchor", &root, at])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("expired"));
    kyso().args(["chain", "verify", &leaf, "--anchor", &root, at, "--no-anchor-checks"]).assert().code(0);
}
