//! Interop with pyHanko (an independent CMS/CAdES implementation, Python):
//! - pyHanko validates kyso's detached CAdES B-B and B-T signatures (the timestamp from a real TSA,
//!   `openssl ts -reply`, on 127.0.0.1);
//! - kyso verifies pyHanko's detached CMS signatures, under the signer's own domain and, through the
//!   demo's cross-certificate, under the other domain.
//!
//! Needs `KYSO_PYTHON`: a Python with pyhanko installed (`.ci/run` makes a venv). Without it the test
//! skips with a notice; under `CI` it fails.

#[path = "common/tsa.rs"]
mod tsa;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASS: &str = "kyso-demo";

fn python() -> Option<PathBuf> {
    match std::env::var_os("KYSO_PYTHON") {
        Some(p) => Some(PathBuf::from(p)),
        None if std::env::var_os("CI").is_some() => {
            panic!("KYSO_PYTHON must point to a Python with pyhanko under CI")
        }
        None => {
            eprintln!("notice: KYSO_PYTHON not set (a Python with pyhanko): pyHanko interop skipped");
            None
        }
    }
}

fn have_openssl() -> bool {
    let ok = Command::new("openssl").arg("version").output().map(|o| o.status.success()).unwrap_or(false);
    if !ok && std::env::var_os("CI").is_some() {
        panic!("openssl is required under CI");
    }
    ok
}

fn kyso(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kyso"))
        .args(args)
        .env("KYSO_TEST_PASS", PASS)
        .env("LANG", "C")
        .output()
        .expect("run kyso")
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed ({:?}):\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/pyhanko_cms.py")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

struct Demo {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Demo {
    fn new() -> Demo {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("pki");
        ok(&kyso(&["demo", "--json", "--out", s(&dir)]), "kyso demo");
        Demo { _tmp: tmp, dir }
    }
    fn p(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }
}

#[test]
fn pyhanko_accepts_kyso_b_b_and_b_t_signatures() {
    let Some(py) = python() else { return };
    if !have_openssl() {
        eprintln!("notice: openssl not found: pyHanko B-T interop skipped");
        return;
    }
    let d = Demo::new();
    let data = d.p("report.txt");
    std::fs::write(&data, "Báo cáo tháng 11 — Bộ Công Thương\n".repeat(100)).unwrap();

    // B-B, RSA business signer (public domain).
    let sig = d.p("report-bb.p7s");
    ok(
        &kyso(&[
            "sign",
            s(&data),
            "--key",
            s(&d.p("public/business.key.pem")),
            "--cert",
            s(&d.p("public/business.pem")),
            "--chain",
            s(&d.p("public/ca.pem")),
            "--pass-env",
            "KYSO_TEST_PASS",
            "-o",
            s(&sig),
        ]),
        "kyso sign (B-B)",
    );
    let out = Command::new(&py)
        .arg(script())
        .args(["verify", s(&data), s(&sig), s(&d.p("public/root.pem"))])
        .output()
        .unwrap();
    ok(&out, "pyHanko verify of kyso's B-B signature");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"intact\": true"));

    // B-T, P-256 officer (government domain), timestamp from the government TSA on 127.0.0.1.
    let tsa_key = d.p("tsa-plain.key");
    ok(
        &kyso(&[
            "key",
            "convert",
            s(&d.p("gov/tsa.key.pem")),
            "-o",
            s(&tsa_key),
            "--no-encrypt",
            "--pass-env",
            "KYSO_TEST_PASS",
        ]),
        "decrypt the TSA key",
    );
    let tsa = tsa::Tsa::start(&d.p("gov/tsa.pem"), &tsa_key, &d.p("gov/ca.pem"), "sha256");
    let sig_t = d.p("report-bt.p7s");
    ok(
        &kyso(&[
            "sign",
            s(&data),
            "--key",
            s(&d.p("gov/officer.key.pem")),
            "--cert",
            s(&d.p("gov/officer.pem")),
            "--chain",
            s(&d.p("gov/ca.pem")),
            "--pass-env",
            "KYSO_TEST_PASS",
            "--tsa",
            &tsa.url,
            "-o",
            s(&sig_t),
        ]),
        "kyso sign (B-T)",
    );
    assert!(tsa.served() >= 1, "the TSA was asked");
    let out = Command::new(&py)
        .arg(script())
        .args(["verify", s(&data), s(&sig_t), s(&d.p("gov/root.pem")), "--expect-timestamp"])
        .args(["--untrusted", s(&d.p("gov/ca.pem"))])
        .output()
        .unwrap();
    ok(&out, "pyHanko verify of kyso's B-T signature");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"timestamp\": {\"intact\": true, \"valid\": true, \"trusted\": true"), "{text}");

    // A tampered file is refused by pyHanko too.
    let tampered = d.p("tampered.txt");
    let mut bytes = std::fs::read(&data).unwrap();
    bytes[10] ^= 1;
    std::fs::write(&tampered, bytes).unwrap();
    let out = Command::new(&py)
        .arg(script())
        .args(["verify", s(&tampered), s(&sig), s(&d.p("public/root.pem"))])
        .output()
        .unwrap();
    assert!(!out.status.success(), "pyHanko must refuse a tampered file");
}

#[test]
fn kyso_verifies_pyhanko_signatures_under_both_domains() {
    let Some(py) = python() else { return };
    let d = Demo::new();
    let data = d.p("invoice.xml");
    std::fs::write(&data, "<HDon><MST>0101234567</MST><TongTien>1000000</TongTien></HDon>\n").unwrap();
    let sig = d.p("invoice.xml.p7s");
    let out = Command::new(&py)
        .arg(script())
        .args(["sign", s(&data), s(&d.p("gov/officer.key.pem")), s(&d.p("gov/officer.pem")), s(&sig)])
        .args(["--chain", s(&d.p("gov/ca.pem")), "--pass-env", "KYSO_TEST_PASS"])
        .env("KYSO_TEST_PASS", PASS)
        .output()
        .unwrap();
    ok(&out, "pyHanko sign");

    // Own domain.
    let out = kyso(&["verify", s(&data), "--sig", s(&sig), "--anchor", s(&d.p("gov/root.pem")), "--json"]);
    ok(&out, "kyso verify of pyHanko's signature (gov anchor)");
    // Other domain, through the cross-certificate public root -> gov root.
    let out = kyso(&[
        "verify",
        s(&data),
        "--sig",
        s(&sig),
        "--anchor",
        s(&d.p("public/root.pem")),
        "--untrusted",
        s(&d.p("cross/public-to-gov.pem")),
    ]);
    ok(&out, "kyso verify of pyHanko's signature (public anchor via cross-certificate)");
    // Tampered: invalid, exit 1.
    let mut bytes = std::fs::read(&data).unwrap();
    bytes[5] ^= 1;
    std::fs::write(&data, bytes).unwrap();
    let out = kyso(&["verify", s(&data), "--sig", s(&sig), "--anchor", s(&d.p("gov/root.pem"))]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}
