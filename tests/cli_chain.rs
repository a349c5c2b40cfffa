//! `kyso chain verify` and `kyso cross-validate` end to end: exit statuses (0 valid, 1 invalid,
//! 2 usage or input error), JSON, --explain, Vietnamese output, `--flag=VALUE`, bundles and
//! directories, malformed inputs.

mod pki_gen;

use assert_cmd::Command;
use pki_gen::{Ca, Opts};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn write(&self, name: &str, certs: &[&kyso::Certificate]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, certs.iter().map(|c| c.to_pem()).collect::<String>()).unwrap();
        p
    }
}

/// Public root, gov root, gov sub-CA, cross-certificate public -> gov, a gov leaf, an expired leaf.
fn fixture() -> Fixture {
    let f = Fixture { dir: tempfile::tempdir().unwrap() };
    let public = Ca::root("Vietnam National Root CA", "MIC", &Opts::default());
    let gov = Ca::root("RootCA chuyen dung Chinh phu G2", "Ban Co yeu Chinh phu", &Opts::default());
    let sub = gov.sub_ca("CA phuc vu cac co quan Nha nuoc G2", "Ban Co yeu Chinh phu", &Opts::default());
    let cross = public.cross_certify(&gov, &Opts::default());
    let leaf = sub.leaf("Nguyen Van A", "So Tai chinh", &Opts::default());
    let expired = sub.leaf(
        "Tran Thi B",
        "So Tai chinh",
        &Opts { not_after: Some(rcgen::date_time_ymd(2025, 1, 1)), ..Opts::default() },
    );
    f.write("public.pem", &[&public.cert]);
    f.write("gov.pem", &[&gov.cert]);
    f.write("pool.pem", &[&sub.cert, &cross]);
    f.write("leaf.pem", &[&leaf]);
    f.write("fullchain.pem", &[&leaf, &sub.cert, &cross]);
    std::fs::write(f.path("leaf.der"), leaf.der()).unwrap();
    f.write("expired.pem", &[&expired]);
    std::fs::create_dir(f.path("pooldir")).unwrap();
    f.write("pooldir/sub.pem", &[&sub.cert]);
    std::fs::write(f.path("pooldir/cross.der"), cross.der()).unwrap();
    std::fs::write(
        f.path("garbage.pem"),
        "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    f
}

fn kyso() -> Command {
    let mut c = Command::cargo_bin("kyso").unwrap();
    c.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    c
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

const AT: &str = "--at=2026-06-01T00:00:00Z";

#[test]
fn valid_path_through_cross_certificate_exits_0() {
    let f = fixture();
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor"])
        .arg(format!("public={}", s(&f.path("public.pem"))))
        .args(["--untrusted", &s(&f.path("pool.pem")), AT, "--revocation=off"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("VALID"))
        .stdout(predicate::str::contains("domain: public"));
    // A bundle as EE: the first certificate is the end entity, the others are the pool.
    kyso()
        .args(["chain", "verify", &s(&f.path("fullchain.pem")), "--anchor", &s(&f.path("public.pem"))])
        .args([AT, "--revocation=off"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1: C=VN, O=So Tai chinh, CN=Nguyen Van A"));
    // DER leaf, a directory as pool, a plain anchor file (domain "default").
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.der")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--untrusted", &s(&f.path("pooldir")), AT, "--revocation", "off"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("domain: default"));
}

#[test]
fn json_report_and_vietnamese_output() {
    let f = fixture();
    let out = kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("public.pem"))])
        .args(["--untrusted", &s(&f.path("pool.pem")), AT, "--revocation=off", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(v["valid"], true);
    assert_eq!(v["paths"][0]["certificates"].as_array().unwrap().len(), 4);
    // No certificate asserts a policy: the valid_policy_tree is NULL, the set empty (allowed
    // without an explicit-policy requirement).
    assert_eq!(v["paths"][0]["user_constrained_policy_set"], serde_json::json!([]));
    kyso()
        .args([
            "--lang",
            "vi",
            "chain",
            "verify",
            &s(&f.path("expired.pem")),
            "--anchor",
            &s(&f.path("gov.pem")),
        ])
        .args(["--untrusted", &s(&f.path("pool.pem")), AT])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("KHÔNG HỢP LỆ"))
        .stdout(predicate::str::contains("validity"));
}

#[test]
fn invalid_path_exits_1_and_explains() {
    let f = fixture();
    kyso()
        .args(["chain", "verify", &s(&f.path("expired.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--untrusted", &s(&f.path("pool.pem")), AT, "--explain"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("INVALID"))
        .stdout(predicate::str::contains("expired"))
        .stdout(predicate::str::contains("Paths tried (2)"));
    // No pool: the issuer is unknown.
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("public.pem")), AT])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("issuer-not-found"));
    // Required EKU that the leaf lacks? rcgen leaves have no EKU: any purpose, still valid.
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--untrusted", &s(&f.path("pool.pem")), AT, "--revocation=off", "--eku", "clientAuth"])
        .args(["--key-usage", "digitalSignature"])
        .assert()
        .code(0);
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args([
            "--untrusted",
            &s(&f.path("pool.pem")),
            AT,
            "--revocation=off",
            "--key-usage",
            "keyEncipherment",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("keyEncipherment"));
    // --revocation require without CRLs: unknown status is invalid.
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--untrusted", &s(&f.path("pool.pem")), AT, "--revocation=require"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("revocation"));
    // soft (default): valid with a warning.
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--untrusted", &s(&f.path("pool.pem")), AT])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning: revocation status unknown"));
}

#[test]
fn input_errors_exit_2_naming_the_file() {
    let f = fixture();
    // A malformed anchor is an input error naming it.
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("garbage.pem")), AT])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("garbage.pem"));
    // A missing leaf.
    kyso()
        .args(["chain", "verify", &s(&f.path("nope.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.pem"));
    // One rule for every option (issue #9 defect 15): a malformed file named with --untrusted is an
    // input error naming it, as with --anchor.
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--untrusted", &s(&f.path("garbage.pem")), "--untrusted", &s(&f.path("pool.pem"))])
        .args([AT, "--revocation=off"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("garbage.pem"));
    // In a directory, the malformed member is skipped with a warning.
    let mixed = f.path("mixed");
    std::fs::create_dir_all(&mixed).unwrap();
    std::fs::copy(f.path("garbage.pem"), mixed.join("garbage.pem")).unwrap();
    std::fs::copy(f.path("pool.pem"), mixed.join("pool.pem")).unwrap();
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--untrusted", &s(&mixed), AT, "--revocation=off"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("garbage.pem"));
    // An empty directory: a warning for the pool (--untrusted), an error for --anchor (issue #9,
    // defect 15).
    let empty = f.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--untrusted", &s(&mixed), "--untrusted", &s(&empty), AT, "--revocation=off"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("empty: no usable certificate in this directory"));
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--anchor", &s(&empty), AT, "--revocation=off"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
    // Bad option values: usage errors.
    for bad in
        [["--at", "yesterday"], ["--eku", "frobnicate"], ["--max-depth", "-1"], ["--revocation", "maybe"]]
    {
        kyso()
            .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
            .args(bad)
            .assert()
            .code(2);
    }
    // A malformed CRL is an input error.
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("gov.pem"))])
        .args(["--crl", &s(&f.path("leaf.pem"))])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("leaf.pem"));
}

#[test]
fn cross_validate_per_domain() {
    let f = fixture();
    let base = |extra: &[&str]| {
        let mut c = kyso();
        c.args(["cross-validate", &s(&f.path("leaf.pem"))])
            .arg(format!("--domain=public={}", s(&f.path("public.pem"))))
            .arg(format!("--domain=gov={}", s(&f.path("gov.pem"))))
            .args(extra)
            .args([AT, "--revocation=off"]);
        c
    };
    // Without the pool, neither domain accepts.
    base(&[]).assert().code(1).stdout(predicate::str::contains("NOT ACCEPTED"));
    let pool = s(&f.path("pool.pem"));
    let out = base(&["--untrusted", &pool, "--json", "--require-all"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["domains"][0]["domain"], "public");
    assert_eq!(v["domains"][0]["accepted"], true);
    assert_eq!(v["domains"][1]["accepted"], true);
    // The public path goes through the cross-certificate (index 2), which is named.
    assert_eq!(v["domains"][0]["paths"][0]["cross_certificates"][0], 2);
    base(&["--untrusted", &pool]).assert().code(0).stdout(predicate::str::contains("cross-certificate"));
}

/// Issue #9 defect 8: `--explain` after a valid result has no empty "Paths tried (0):" section.
#[test]
fn explain_after_a_valid_path_prints_no_empty_tried_section() {
    let f = fixture();
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("public.pem"))])
        .args(["--untrusted", &s(&f.path("pool.pem")), AT, "--revocation=off", "--explain"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("VALID"))
        .stdout(predicate::str::contains("Paths tried").not());
}

/// Issue #9 defect 14: `--at` takes a date (midnight UTC), and its help says so.
#[test]
fn at_accepts_a_date() {
    let f = fixture();
    kyso()
        .args(["chain", "verify", &s(&f.path("leaf.pem")), "--anchor", &s(&f.path("public.pem"))])
        .args(["--untrusted", &s(&f.path("pool.pem")), "--at", "2026-06-01", "--revocation=off"])
        .assert()
        .code(0);
    for cmd in [&["chain", "verify"][..], &["verify"][..]] {
        kyso().args(cmd).arg("--help").assert().success().stdout(predicate::str::contains("or a date"));
    }
}
