//! Signing and verifying with the `kyso demo` PKI: a government officer's signature validated
//! under the government domain and, through the cross-certificate, the public domain; a
//! business signature with a B-T timestamp from the demo TSA (served on 127.0.0.1); the demo's
//! revoked signer rejected with its CRL.

#[path = "common/tsa.rs"]
mod tsa;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn kyso() -> Command {
    let mut c = Command::cargo_bin("kyso").unwrap();
    c.env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("CI");
    c.env("KYSO_DEMO_PASS", "kyso-demo");
    c
}

fn have_openssl() -> bool {
    let ok = std::process::Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "openssl is required under CI");
        eprintln!("NOTICE: openssl not found; skipping the TSA part");
    }
    ok
}

fn sign(d: &Path, who: &str, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    let dom = if who.starts_with("gov/") { "gov" } else { "public" };
    kyso()
        .arg("sign")
        .arg(file)
        .arg("--key")
        .arg(d.join(format!("{who}.key.pem")))
        .arg("--cert")
        .arg(d.join(format!("{who}.pem")))
        .arg("--chain")
        .arg(d.join(format!("{dom}/ca.pem")))
        .args(["--pass-env", "KYSO_DEMO_PASS"])
        .args(extra)
        .assert()
}

#[test]
fn demo_pki_signatures_across_domains() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("demo");
    kyso().arg("demo").arg("-o").arg(&d).assert().success();
    let crls = ["gov/ca.crl.pem", "gov/root.crl.pem", "public/ca.crl.pem", "public/root.crl.pem"];
    let verify = |file: &Path, domains: &[&str]| {
        let mut c = kyso();
        c.arg("verify").arg(file);
        for dom in domains {
            c.arg("--domain").arg(format!("{dom}={}", d.join(format!("{dom}/root.pem")).display()));
        }
        c.arg("--untrusted").arg(d.join("cross/gov-to-public.pem"));
        c.arg("--untrusted").arg(d.join("cross/public-to-gov.pem"));
        for crl in crls {
            c.arg("--crl").arg(d.join(crl));
        }
        c.assert()
    };

    // A government officer: valid under gov, and under public through the cross-certificate.
    let doc = dir.path().join("cong-van.txt");
    std::fs::write(&doc, "Công văn số 1/BCT-TMĐT\n").unwrap();
    sign(&d, "gov/officer", &doc, &[]).success();
    verify(&doc, &["gov"]).code(0).stdout(predicate::str::contains("(domain: gov)"));
    verify(&doc, &["public"]).code(0).stdout(predicate::str::contains("(domain: public)"));

    // The demo's revoked signer.
    let r = dir.path().join("r.txt");
    std::fs::write(&r, "x\n").unwrap();
    sign(&d, "gov/revoked", &r, &[]).success();
    verify(&r, &["gov"]).code(1).stdout(predicate::str::contains("revoked"));

    // A business (UID=MST:...) with a timestamp from the demo TSA.
    if !have_openssl() {
        return;
    }
    let plain = dir.path().join("tsa.plain.pem");
    let o = std::process::Command::new("openssl")
        .args(["pkey", "-passin", "pass:kyso-demo", "-in"])
        .arg(d.join("public/tsa.key.pem"))
        .arg("-out")
        .arg(&plain)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let server = tsa::Tsa::start(&d.join("public/tsa.pem"), &plain, &d.join("public/ca.pem"), "sha256");
    let inv = dir.path().join("hoa-don.xml");
    std::fs::write(&inv, "<HDon/>\n").unwrap();
    // An XML file gets an XML signature by default: ask for a detached CMS one.
    sign(&d, "public/business", &inv, &["--format", "cms", "--tsa", &server.url]).success();
    verify(&inv, &["public"])
        .code(0)
        .stdout(predicate::str::contains("CAdES-T (B-T)"))
        .stdout(predicate::str::contains("Tax code (MST)"));
}
