//! `kyso sign`, `kyso verify` and `kyso timestamp` end to end: exit statuses, messages, output
//! files (and their absence on error), batches, languages and JSON.

mod cms_common;
#[path = "common/tsa.rs"]
mod tsa;

use assert_cmd::Command;
use cms_common::{Pki, have_openssl};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn kyso() -> Command {
    let mut c = Command::cargo_bin("kyso").unwrap();
    c.env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("CI");
    c
}

fn write(p: &Pki, name: &str, data: &[u8]) -> PathBuf {
    let path = p.path(name);
    std::fs::write(&path, data).unwrap();
    path
}

fn sign_cmd(p: &Pki, file: &Path) -> Command {
    let mut c = kyso();
    c.arg("sign").arg(file).arg("--key").arg(&p.rsa.key_path).arg("--cert").arg(&p.rsa.cert_path);
    c.arg("--chain").arg(&p.ca_path);
    c
}

fn verify_cmd(p: &Pki) -> Command {
    let mut c = kyso();
    c.arg("verify").arg("--anchor").arg(&p.root_path);
    c
}

#[test]
fn sign_then_verify_detached_en_vi_json() {
    let p = Pki::new();
    let f = write(&p, "contract.txt", b"hop dong\n");
    sign_cmd(&p, &f).assert().success().stdout(predicate::str::contains("contract.txt.p7s"));
    let sig = p.path("contract.txt.p7s");
    assert!(sig.is_file());
    // --sig defaults to FILE.p7s.
    verify_cmd(&p)
        .arg(&f)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("VALID"))
        .stdout(predicate::str::contains("Tax code (MST): 0101234567"))
        .stdout(predicate::str::contains("+07:00"))
        .stdout(predicate::str::contains("unproven"));
    verify_cmd(&p)
        .args(["--lang", "vi"])
        .arg(&f)
        .arg("--sig")
        .arg(&sig)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("HỢP LỆ"))
        .stdout(predicate::str::contains("Mã số thuế (MST): 0101234567"));
    let out = verify_cmd(&p).arg(&f).arg("--json").assert().code(0).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["schema"], "kyso.verdict/1");
    assert_eq!(v["status"], "valid");
    assert_eq!(v["signatures"][0]["signer"]["common_name"], "Kyso rsa");
    // The .p7s alone finds its data beside it.
    verify_cmd(&p).arg(&sig).assert().code(0);
    // Signing again refuses to overwrite, --force replaces.
    sign_cmd(&p, &f).assert().code(2).stderr(predicate::str::contains("already exists"));
    sign_cmd(&p, &f).arg("--force").assert().success();
}

#[test]
fn attached_pem_signature_needs_no_data() {
    let p = Pki::new();
    let f = write(&p, "memo.txt", b"cong van\n");
    let out = p.path("memo.p7m");
    sign_cmd(&p, &f).args(["--attached", "--pem", "-o"]).arg(&out).assert().success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("-----BEGIN CMS-----"));
    verify_cmd(&p).arg(&out).assert().code(0).stdout(predicate::str::contains("attached"));
    // The output never replaces the input, even through another spelling of its path.
    let same = p.dir.path().join(".").join("memo.txt");
    sign_cmd(&p, &f)
        .arg("--force")
        .arg("-o")
        .arg(&same)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is the input"));
    assert_eq!(std::fs::read(&f).unwrap(), b"cong van\n");
}

#[test]
fn invalid_signatures_exit_1_and_bad_input_exits_2() {
    let p = Pki::new();
    let f = write(&p, "a.txt", b"original\n");
    let g = write(&p, "b.txt", b"another file\n");
    sign_cmd(&p, &f).assert().success();
    let sig = p.path("a.txt.p7s");
    // Tampered data.
    std::fs::write(&f, b"originaL\n").unwrap();
    verify_cmd(&p)
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("INVALID"))
        .stdout(predicate::str::contains("message digest differs"));
    verify_cmd(&p)
        .args(["--lang", "vi"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("KHÔNG HỢP LỆ"))
        .stdout(predicate::str::contains("tệp đã bị sửa đổi"));
    // A signature over another file.
    verify_cmd(&p).arg(&g).arg("--sig").arg(&sig).assert().code(1);
    // Wrong anchor.
    kyso()
        .args(["verify", "--anchor"])
        .arg(&p.other_root_path)
        .arg(&g)
        .arg("--sig")
        .arg(&sig)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Certification path"));
    // Not CMS.
    let junk = write(&p, "junk.p7s", b"this is not a signature");
    verify_cmd(&p)
        .arg(&g)
        .arg("--sig")
        .arg(&junk)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("junk.p7s").and(predicate::str::contains("not a CMS signature")));
    // Truncated.
    let der = std::fs::read(&sig).unwrap();
    let cut = write(&p, "cut.p7s", &der[..der.len() - 40]);
    let out = verify_cmd(&p).arg(&g).arg("--sig").arg(&cut).assert().code(2).get_output().stderr.clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("cut.p7s"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    // No anchor given: the built-in Vietnamese trust list, which does not know the test PKI.
    kyso()
        .args(["verify"])
        .arg(&g)
        .arg("--sig")
        .arg(&sig)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Certification path"));
    // No anchor at all.
    kyso()
        .args(["verify", "--trust", "none"])
        .arg(&g)
        .arg("--sig")
        .arg(&sig)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trust anchor"));
    // Missing data file.
    verify_cmd(&p).arg(p.path("nope.txt")).arg("--sig").arg(&sig).assert().code(2);
}

#[test]
fn revoked_signer_is_rejected_with_crl() {
    let p = Pki::new();
    let f = write(&p, "r.txt", b"revoked signer\n");
    kyso()
        .arg("sign")
        .arg(&f)
        .arg("--key")
        .arg(&p.revoked.key_path)
        .arg("--cert")
        .arg(&p.revoked.cert_path)
        .assert()
        .success();
    let out = verify_cmd(&p)
        .arg("--untrusted")
        .arg(&p.ca_path)
        .arg("--crl")
        .arg(&p.crl_path)
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out).to_lowercase();
    assert!(text.contains("revoked"), "{text}");
}

#[test]
fn expired_certificate_is_refused_unless_forced() {
    let p = Pki::new();
    let f = write(&p, "e.txt", b"late\n");
    let mut c = kyso();
    c.arg("sign").arg(&f).arg("--key").arg(&p.expired.key_path).arg("--cert").arg(&p.expired.cert_path);
    c.assert()
        .code(1)
        .stderr(predicate::str::contains("refusing to sign").and(predicate::str::contains("expired")));
    assert!(!p.path("e.txt.p7s").exists());
    let mut c = kyso();
    c.arg("sign")
        .arg(&f)
        .arg("--key")
        .arg(&p.expired.key_path)
        .arg("--cert")
        .arg(&p.expired.cert_path)
        .arg("--force");
    c.assert().success().stderr(predicate::str::contains("--force"));
    verify_cmd(&p).arg(&f).assert().code(1).stdout(predicate::str::contains("expired"));
    // Key and certificate of different people.
    let mut c = kyso();
    c.arg("sign")
        .arg(&f)
        .arg("-o")
        .arg(p.path("mm.p7s"))
        .arg("--key")
        .arg(&p.p256.key_path)
        .arg("--cert")
        .arg(&p.rsa.cert_path);
    c.assert().code(2).stderr(predicate::str::contains("does not match"));
    assert!(!p.path("mm.p7s").exists());
}

#[test]
fn a_key_that_does_not_match_is_refused_even_with_force() {
    let p = Pki::new();
    let f = write(&p, "m.txt", b"mismatch\n");
    let g = write(&p, "n.txt", b"mismatch too\n");
    // One file, in both languages: --force overrides only expiry and key usage.
    for (lang, words) in [("en", "does not match"), ("vi", "không khớp")] {
        let mut c = kyso();
        c.arg("sign").arg(&f).arg("--key").arg(&p.p256.key_path).arg("--cert").arg(&p.rsa.cert_path);
        c.args(["--force", "--lang", lang]);
        c.assert().code(2).stderr(predicate::str::contains(words)).stdout(predicate::str::is_empty());
        assert!(!p.path("m.txt.p7s").exists());
    }
    // A batch, and an expired certificate with the wrong key: still refused.
    let mut c = kyso();
    c.args(["sign", "--batch", "--force"]).arg(&f).arg(&g);
    c.arg("--key").arg(&p.p256.key_path).arg("--cert").arg(&p.expired.cert_path);
    c.assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to sign").and(predicate::str::contains("does not match")));
    assert!(!p.path("m.txt.p7s").exists() && !p.path("n.txt.p7s").exists());
}

#[test]
fn wrong_passphrase_exits_2_without_output() {
    let p = Pki::new();
    let enc = p.p256.key.to_encrypted_pkcs8_der(b"dung-mat-khau", kyso::keys::MIN_PBKDF2_ITERATIONS).unwrap();
    let key = write(&p, "enc.key.der", &enc);
    let f = write(&p, "s.txt", b"secret\n");
    let run = |pass: &str| {
        let mut c = kyso();
        c.arg("sign").arg(&f).arg("--key").arg(&key).arg("--cert").arg(&p.p256.cert_path);
        c.args(["--pass-env", "KYSO_TEST_PASS"]).env("KYSO_TEST_PASS", pass);
        c.assert()
    };
    run("sai-mat-khau").code(2).stderr(predicate::str::contains("passphrase"));
    assert!(!p.path("s.txt.p7s").exists());
    run("dung-mat-khau").success();
    assert!(p.path("s.txt.p7s").exists());
}

#[test]
fn unreachable_tsa_exits_2_without_output() {
    let p = Pki::new();
    let f = write(&p, "t.txt", b"needs a timestamp\n");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    sign_cmd(&p, &f)
        .arg("--tsa")
        .arg(format!("http://127.0.0.1:{port}/"))
        .args(["--tsa-timeout", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("timestamp server").and(predicate::str::contains("cannot connect")));
    assert!(!p.path("t.txt.p7s").exists());
    kyso()
        .args(["timestamp", "request"])
        .arg(&f)
        .arg("--tsa")
        .arg(format!("http://127.0.0.1:{port}/"))
        .assert()
        .code(2);
    assert!(!p.path("t.txt.tsr").exists());
}

#[test]
fn b_t_and_standalone_timestamps_through_the_cli() {
    if !have_openssl() {
        return;
    }
    let p = Pki::new();
    let server = tsa::Tsa::start(&p.tsa.cert_path, &p.tsa.key_path, &p.ca_path, "sha256");
    let f = write(&p, "bt.txt", b"timestamped\n");
    sign_cmd(&p, &f)
        .arg("--tsa")
        .arg(&server.url)
        .assert()
        .success()
        .stdout(predicate::str::contains("CAdES-T"));
    verify_cmd(&p)
        .arg(&f)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("CAdES-T (B-T)"))
        .stdout(predicate::str::contains("Kyso tsa"));
    // Standalone token.
    let tsr = p.path("bt.txt.tsr");
    kyso().args(["timestamp", "request"]).arg(&f).arg("--tsa").arg(&server.url).assert().success();
    assert!(tsr.is_file());
    let mut c = kyso();
    c.args(["timestamp", "verify"]).arg(&tsr).arg("--data").arg(&f).arg("--anchor").arg(&p.root_path);
    c.assert().code(0).stdout(predicate::str::contains("valid"));
    let other = write(&p, "other.txt", b"not this\n");
    let mut c = kyso();
    c.args(["timestamp", "verify"]).arg(&tsr).arg("--data").arg(&other).arg("--anchor").arg(&p.root_path);
    c.assert().code(1);
    // openssl agrees on the response.
    let out = std::process::Command::new("openssl")
        .args(["ts", "-verify", "-in"])
        .arg(&tsr)
        .arg("-data")
        .arg(&f)
        .arg("-CAfile")
        .arg(&p.root_path)
        .arg("-untrusted")
        .arg(&p.ca_path)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Verification: OK"));
}

#[test]
fn batch_sign_and_verify_a_directory_and_a_stdin_list() {
    let p = Pki::new();
    let dir = p.path("batch");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..25 {
        std::fs::write(dir.join(format!("f{i:02}.txt")), format!("file {i}\n")).unwrap();
    }
    std::fs::create_dir(dir.join("subdir")).unwrap();
    let mut c = kyso();
    c.args(["sign", "--batch"])
        .arg(&dir)
        .arg("--key")
        .arg(&p.p256.key_path)
        .arg("--cert")
        .arg(&p.p256.cert_path);
    c.assert().success().stdout(predicate::str::contains("25/25"));
    for i in 0..25 {
        assert!(dir.join(format!("f{i:02}.txt.p7s")).is_file());
    }
    verify_cmd(&p).arg("--batch").arg(&dir).assert().code(1);
    verify_cmd(&p)
        .arg("--untrusted")
        .arg(&p.ca_path)
        .arg("--batch")
        .arg(&dir)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("25 valid"));
    // One tampered file: exit 1, the others still reported valid.
    std::fs::write(dir.join("f07.txt"), "changed\n").unwrap();
    verify_cmd(&p)
        .arg("--untrusted")
        .arg(&p.ca_path)
        .arg("--batch")
        .arg(&dir)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("24 valid, 1 invalid"));
    // A list on stdin; one missing file is a per-file error that does not stop the rest.
    let list = format!("{}\n{}\n", dir.join("f01.txt").display(), dir.join("missing.txt").display());
    let mut c = kyso();
    c.args(["sign", "--batch", "--force", "-"])
        .arg("--key")
        .arg(&p.p256.key_path)
        .arg("--cert")
        .arg(&p.p256.cert_path)
        .write_stdin(list);
    c.assert()
        .code(2)
        .stdout(predicate::str::contains("1/2"))
        .stderr(predicate::str::contains("missing.txt"));
}

#[test]
fn pkcs12_signing_identity() {
    let p = Pki::new();
    let p12 = kyso::keys::pkcs12::export_with_iterations(
        &p.p384.key,
        &p.p384.cert,
        std::slice::from_ref(&p.ca),
        b"mat-khau-p12",
        Some("kyso p384"),
        kyso::keys::MIN_PBKDF2_ITERATIONS,
    )
    .unwrap();
    let p12_path = write(&p, "id.p12", &p12);
    let f = write(&p, "p12.txt", b"signed with a PKCS#12 identity\n");
    let run = |pass: &str| {
        let mut c = kyso();
        c.arg("sign")
            .arg(&f)
            .arg("--p12")
            .arg(&p12_path)
            .args(["--pass-env", "KYSO_P12_PASS"])
            .env("KYSO_P12_PASS", pass);
        c.assert()
    };
    run("wrong").code(2);
    assert!(!p.path("p12.txt.p7s").exists());
    run("mat-khau-p12").success();
    // The chain came from the PKCS#12 file: no --untrusted needed.
    verify_cmd(&p).arg(&f).assert().code(0).stdout(predicate::str::contains("Kyso p384"));
}

#[test]
fn named_domains_and_batch_json() {
    let p = Pki::new();
    let f = write(&p, "d.txt", b"domains\n");
    sign_cmd(&p, &f).assert().success();
    kyso()
        .arg("verify")
        .arg(&f)
        .arg("--domain")
        .arg(format!("other={}", p.other_root_path.display()))
        .arg("--domain")
        .arg(format!("public={}", p.root_path.display()))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("domain: public"));
    kyso()
        .arg("verify")
        .arg(&f)
        .args(["--domain", "nofile"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DOMAIN=FILE"));
    let g = write(&p, "e.txt", b"second\n");
    sign_cmd(&p, &g).assert().success();
    let out = verify_cmd(&p).arg(&f).arg(&g).arg("--json").assert().code(0).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["valid"], 2);
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    assert_eq!(v["files"][0]["report"]["signatures"][0]["status"], "valid");
}

#[test]
fn openssl_signatures_through_the_cli() {
    if !have_openssl() {
        return;
    }
    let p = Pki::new();
    let f = write(&p, "o.txt", b"signed by openssl\n");
    let sign = |extra: &[&str], out: &str| {
        let path = p.path(out);
        let o = std::process::Command::new("openssl")
            .args(["cms", "-sign", "-binary", "-outform", "DER", "-in"])
            .arg(&f)
            .arg("-signer")
            .arg(&p.p256.cert_path)
            .arg("-inkey")
            .arg(&p.p256.key_path)
            .args(extra)
            .arg("-out")
            .arg(&path)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        path
    };
    // Without embedded certificates: the signer comes from --untrusted.
    let bare = sign(&["-nocerts"], "o.nocerts.p7s");
    verify_cmd(&p).arg(&f).arg("--sig").arg(&bare).arg("--untrusted").arg(&p.ca_path).assert().code(1);
    verify_cmd(&p)
        .arg(&f)
        .arg("--sig")
        .arg(&bare)
        .arg("--untrusted")
        .arg(&p.ca_path)
        .arg("--untrusted")
        .arg(&p.p256.cert_path)
        .assert()
        .code(0);
    // Attached: no data file.
    let att = sign(&["-nodetach"], "o.attached.p7s");
    verify_cmd(&p)
        .arg(&att)
        .arg("--untrusted")
        .arg(&p.ca_path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("attached"));
}

/// Issue #9 defect 7: a batch over existing signatures names the output that exists, not the input.
#[test]
fn batch_names_the_existing_output() {
    let p = Pki::new();
    let f = write(&p, "doc1.txt", b"one\n");
    std::fs::write(p.path("doc1.txt.p7s"), b"already here").unwrap();
    let mut c = kyso();
    c.args(["sign", "--batch"])
        .arg(&f)
        .arg("--key")
        .arg(&p.p256.key_path)
        .arg("--cert")
        .arg(&p.p256.cert_path);
    c.assert().code(2).stderr(predicate::str::contains("doc1.txt.p7s: already exists"));
    assert_eq!(std::fs::read(p.path("doc1.txt.p7s")).unwrap(), b"already here");
}

/// Run `cmd` with its stdout a pipe whose read end is closed before the command writes: the
/// process must end quietly (killed by SIGPIPE, or its own status), never panic (101).
fn closed_pipe(mut cmd: std::process::Command) {
    use std::process::Stdio;
    cmd.env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "{cmd:?}: {err}");
    assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{cmd:?}: {err}");
}

/// Issue #9 defect 1: `kyso ... | head -1` never panics with "failed printing to stdout".
#[test]
fn closed_stdout_ends_quietly() {
    let p = Pki::new();
    let f = write(&p, "piped.txt", b"piped\n");
    sign_cmd(&p, &f).assert().success();
    let dir = p.path("piped");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(&f, dir.join("piped.txt")).unwrap();
    std::fs::copy(p.path("piped.txt.p7s"), dir.join("piped.txt.p7s")).unwrap();
    let bin = || std::process::Command::new(assert_cmd::cargo::cargo_bin("kyso"));
    let mut c = bin();
    c.args(["cert", "inspect"]).arg(&p.chain_path);
    closed_pipe(c);
    for extra in [&["--json"][..], &["--batch"][..]] {
        let mut c = bin();
        c.arg("verify").arg("--anchor").arg(&p.root_path).arg("--untrusted").arg(&p.ca_path);
        c.args(extra).arg(if extra[0] == "--batch" { &dir } else { &f });
        closed_pipe(c);
    }
    let mut c = bin();
    c.args(["chain", "verify"]).arg(&p.rsa.cert_path).arg("--anchor").arg(&p.root_path);
    c.arg("--untrusted").arg(&p.ca_path).arg("--revocation=off");
    closed_pipe(c);
    let mut c = bin();
    c.args(["demo", "--out"]).arg(p.path("demo"));
    closed_pipe(c);
}

/// Issue #9 defect 3: `sign … -o KEY.pem --force` never overwrites the signing key (nor any other
/// input: the certificate, the document).
#[test]
fn sign_output_is_never_an_input() {
    let p = Pki::new();
    let f = write(&p, "doc.txt", b"doc\n");
    let key_before = std::fs::read(&p.rsa.key_path).unwrap();
    for target in [p.rsa.key_path.clone(), p.rsa.cert_path.clone(), p.ca_path.clone(), f.clone()] {
        sign_cmd(&p, &f)
            .arg("-o")
            .arg(&target)
            .arg("--force")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is the input"));
    }
    assert_eq!(std::fs::read(&p.rsa.key_path).unwrap(), key_before);
    assert_eq!(std::fs::read(&f).unwrap(), b"doc\n");
}

/// Issue #9 defect 14: every command writing one file takes `--out` (documented), `-o` and
/// `--output` (accepted).
#[test]
fn out_output_and_o_are_one_option() {
    let p = Pki::new();
    let f = write(&p, "spell.txt", b"spelling\n");
    for (i, flag) in ["--out", "--output", "-o"].iter().enumerate() {
        let out = p.path(&format!("spell{i}.p7s"));
        sign_cmd(&p, &f).arg(flag).arg(&out).assert().success();
        assert!(out.is_file(), "{flag}");
        let key = p.path(&format!("k{i}.pem"));
        kyso().args(["key", "generate", "-t", "p256", "--no-encrypt", flag]).arg(&key).assert().success();
        let cert = p.path(&format!("c{i}.pem"));
        kyso()
            .args(["cert", "self-sign", "--subject", "CN=Root", "--key"])
            .arg(&key)
            .arg(flag)
            .arg(&cert)
            .assert()
            .success();
        assert!(cert.is_file(), "{flag}");
    }
    for cmd in
        [&["sign"][..], &["timestamp", "request"][..], &["key", "generate"][..], &["cert", "issue"][..]]
    {
        kyso()
            .args(cmd)
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("--out <"))
            .stdout(predicate::str::contains("--output").not());
    }
}

/// Issue #9 defect 18: shell completions and a man page, generated from the clap definitions.
#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = kyso().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("kyso") && text.contains("verify"), "{shell}: {text}");
    }
    kyso().args(["completions", "tcsh"]).assert().code(2);
    let out = kyso().arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(man.starts_with(".TH kyso 1"), "{}", &man[..man.len().min(200)]);
    assert!(man.contains(r"kyso\-cross\-validate"), "the subcommands are listed");
}

/// Run openssl with `args` in `dir`, asserting success.
fn openssl_in(dir: &Path, args: &[&str]) {
    let o = std::process::Command::new("openssl").current_dir(dir).args(args).output().unwrap();
    assert!(o.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

/// Issue #9 defect 2: one legacy rule for `kyso verify`. A SHA-1 CMS digest (`openssl cms
/// -sign -md sha1`) and a signer chaining through a SHA-1-signed CA are refused (exit 1)
/// without `--allow-legacy`, and valid with it, reported as legacy (warning and verdict).
#[test]
fn legacy_algorithms_need_allow_legacy_in_verify() {
    if !have_openssl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("ca.ext"),
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
    )
    .unwrap();
    std::fs::write(
        d.join("ee.ext"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n",
    )
    .unwrap();
    for args in [
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "root.key",
            "-out",
            "root.pem",
            "-subj",
            "/CN=Legacy Root",
            "-days",
            "3650",
            "-sha256",
        ][..],
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.csr",
            "-subj",
            "/CN=SHA-1 CA",
        ],
        &[
            "x509",
            "-req",
            "-sha1",
            "-in",
            "ca.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-days",
            "3650",
            "-extfile",
            "ca.ext",
            "-out",
            "ca.pem",
        ],
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ee.key",
            "-out",
            "ee.csr",
            "-subj",
            "/CN=Legacy Signer",
        ],
        &[
            "x509",
            "-req",
            "-sha256",
            "-in",
            "ee.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "3650",
            "-extfile",
            "ee.ext",
            "-out",
            "ee.pem",
        ],
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ee2.key",
            "-out",
            "ee2.csr",
            "-subj",
            "/CN=Modern Signer",
        ],
        &[
            "x509",
            "-req",
            "-sha256",
            "-in",
            "ee2.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-days",
            "3650",
            "-extfile",
            "ee.ext",
            "-out",
            "ee2.pem",
        ],
    ] {
        openssl_in(d, args);
    }
    std::fs::write(d.join("doc.txt"), b"an old document\n").unwrap();
    let sign = |signer: &str, key: &str, md: &str, out: &str| {
        openssl_in(
            d,
            &[
                "cms",
                "-sign",
                "-binary",
                "-outform",
                "DER",
                "-in",
                "doc.txt",
                "-signer",
                signer,
                "-inkey",
                key,
                "-md",
                md,
                "-certfile",
                "ca.pem",
                "-out",
                out,
            ],
        )
    };
    sign("ee2.pem", "ee2.key", "sha1", "sha1-digest.p7s");
    sign("ee.pem", "ee.key", "sha256", "sha1-ca.p7s");
    let verify = |sig: &str, legacy: bool| {
        let mut c = kyso();
        c.current_dir(d).args(["verify", "doc.txt", "--sig", sig, "--anchor", "root.pem"]);
        if legacy {
            c.arg("--allow-legacy");
        }
        c
    };
    for sig in ["sha1-digest.p7s", "sha1-ca.p7s"] {
        verify(sig, false).assert().code(1).stdout(predicate::str::contains("INVALID"));
        verify(sig, true)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Result: VALID"))
            .stdout(predicate::str::contains("legacy"));
        let out = verify(sig, true).arg("--json").assert().code(0).get_output().stdout.clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["signatures"][0]["status"], "valid", "{sig}");
        assert_eq!(v["signatures"][0]["legacy"], true, "{sig}");
        let out = verify(sig, false).arg("--json").assert().code(1).get_output().stdout.clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["signatures"][0]["legacy"], false, "{sig}");
    }
    // The SHA-1 digest is named in the refusal.
    verify("sha1-digest.p7s", false).assert().code(1).stdout(predicate::str::contains("SHA-1"));
}

/// Issue #9 defect 2: `kyso verify` takes the path options of `chain verify` (one shared
/// definition): a required EKU the signer lacks makes the signature invalid; a bad one is a
/// usage error.
#[test]
fn verify_takes_the_path_options() {
    let p = Pki::new();
    let f = write(&p, "eku.txt", b"path options\n");
    sign_cmd(&p, &f).assert().code(0);
    verify_cmd(&p).arg(&f).assert().code(0);
    verify_cmd(&p).arg(&f).args(["--eku", "nonsense"]).assert().code(2);
    verify_cmd(&p).arg(&f).args(["--max-depth", "1"]).assert().code(1);
    verify_cmd(&p).arg(&f).args(["--policy", "1.2.3", "--explicit-policy"]).assert().code(1);
    verify_cmd(&p).arg(&f).args(["--key-usage", "keyCertSign"]).assert().code(1);
}

/// Issue #9 defect 13: the text output shows the path of every accepting domain (the demo
/// officer is accepted by `gov` directly and by `public` through the cross-certificate).
#[test]
fn verify_prints_every_accepting_domain_path() {
    let t = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let out = kyso()
        .current_dir(&t)
        .args([
            "verify",
            "pki/sample/cong-van-mau.txt",
            "--sig",
            "pki/sample/cong-van-mau.txt.officer.p7s",
            "--domain",
            "public=pki/public/root.pem",
            "--domain",
            "gov=pki/gov/root.pem",
            "--untrusted",
            "pki/cross/public-to-gov.pem",
            "--at",
            "2027-06-01T00:00:00Z",
            "--lang",
            "en",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let paths: Vec<&str> = text.lines().filter(|l| l.contains("Certification path:")).collect();
    assert_eq!(paths.len(), 2, "{text}");
    assert!(paths[0].ends_with("(domain: gov)"), "{text}");
    assert!(paths[1].contains("[cross]") && paths[1].ends_with("(domain: public)"), "{text}");
}

/// Issue #9 defect 16: attached signatures stream. The output is BER with the content as
/// indefinite-length OCTET STRING segments (written while hashed), OpenSSL accepts it, and a
/// large attached signature is verified while it is read (a changed byte of content makes it
/// invalid); with `/usr/bin/time`, the peak memory of signing and verifying 24 MiB stays far
/// below the content's size (the old code held it whole, twice when verifying).
#[test]
fn attached_signatures_stream_in_constant_memory() {
    attached_streams(false);
}

/// Defect 16 in PEM: `--attached --pem` is encoded while it is written, and a large PEM
/// attached signature is decoded while it is read, both in constant memory; bad base64 in the
/// middle is an input error (exit 2) naming the file, a changed content byte makes it invalid.
#[test]
fn attached_pem_signatures_stream_in_constant_memory() {
    attached_streams(true);
}

fn attached_streams(pem: bool) {
    let p = Pki::new();
    let size = 24usize << 20;
    let data: Vec<u8> = (0..size).map(|i| (i as u32).wrapping_mul(2654435761).to_be_bytes()[0]).collect();
    let f = write(&p, "big.bin", &data);
    drop(data);
    let sig = p.path("big.bin.p7m");
    let time = Path::new("/usr/bin/time");
    let peak_kib = |stderr: &[u8]| -> Option<u64> {
        String::from_utf8_lossy(stderr).lines().last()?.trim().parse().ok()
    };
    let run = |args: &[&std::ffi::OsStr]| -> (i32, Option<u64>, Vec<u8>) {
        let bin = assert_cmd::cargo::cargo_bin("kyso");
        let mut c = if time.exists() {
            let mut c = std::process::Command::new(time);
            c.args(["-f", "%M"]).arg(&bin);
            c
        } else {
            std::process::Command::new(&bin)
        };
        let o = c.args(args).env_remove("LANG").env_remove("LC_ALL").output().unwrap();
        let peak = if time.exists() { peak_kib(&o.stderr) } else { None };
        (o.status.code().unwrap_or(-1), peak, o.stdout)
    };
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "sign".as_ref(),
        f.as_os_str(),
        "--attached".as_ref(),
        "--key".as_ref(),
        p.rsa.key_path.as_os_str(),
        "--cert".as_ref(),
        p.rsa.cert_path.as_os_str(),
        "--chain".as_ref(),
        p.ca_path.as_os_str(),
        "--output".as_ref(),
        sig.as_os_str(),
    ];
    if pem {
        args.push("--pem".as_ref());
    }
    let (code, peak, _) = run(&args);
    assert_eq!(code, 0);
    if let Some(kib) = peak {
        assert!(kib < 20 * 1024, "attached signing peaked at {kib} KiB for 24 MiB");
    }
    let written = std::fs::read(&sig).unwrap();
    let der = if pem {
        let text = String::from_utf8(written.clone()).unwrap();
        assert!(text.starts_with("-----BEGIN CMS-----\n") && text.ends_with("-----END CMS-----\n"));
        assert!(text.lines().all(|l| l.len() <= 64), "lines of 64 characters");
        pem::parse(&text).unwrap().into_contents()
    } else {
        written.clone()
    };
    assert_eq!(&der[..2], &[0x30, 0x80], "indefinite-length ContentInfo");
    assert!(der.windows(2).any(|w| w == [0x24, 0x80]), "segmented eContent");
    let (code, peak, out) =
        run(&["verify".as_ref(), sig.as_os_str(), "--anchor".as_ref(), p.root_path.as_os_str()]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&out));
    assert!(String::from_utf8_lossy(&out).contains("attached"));
    if let Some(kib) = peak {
        assert!(kib < 20 * 1024, "attached verification peaked at {kib} KiB for 24 MiB");
    }
    if have_openssl() {
        let o = std::process::Command::new("openssl")
            .args(["cms", "-verify", "-binary", "-inform", if pem { "PEM" } else { "DER" }, "-in"])
            .arg(&sig)
            .arg("-CAfile")
            .arg(&p.root_path)
            .args(["-purpose", "any", "-out", "/dev/null"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // One changed byte in the middle of the content: invalid.
    let mut bad = written.clone();
    let mid = bad.len() / 2 + usize::from(bad[bad.len() / 2] == b'\n');
    bad[mid] = if bad[mid] == b'A' {
        b'B'
    } else if pem {
        b'A'
    } else {
        bad[mid] ^ 1
    };
    let bad_path = write(&p, "big.bad.p7m", &bad);
    verify_cmd(&p).arg(&bad_path).assert().code(1);
    // Cut in the middle: an input error naming the file and the offset, in words, in both languages.
    let cut_path = write(&p, "big.cut.p7m", &written[..mid]);
    let cut_words = if pem {
        [("en", "no matching END line"), ("vi", "không có dòng END tương ứng")]
    } else {
        [("en", "truncated at byte"), ("vi", "bị cắt cụt tại byte")]
    };
    for (lang, words) in cut_words {
        let out =
            verify_cmd(&p).arg(&cut_path).args(["--lang", lang]).assert().code(2).get_output().stderr.clone();
        let err = String::from_utf8_lossy(&out);
        assert!(err.contains("big.cut.p7m") && err.contains(words), "{err}");
        assert!(!err.contains("Error {") && !err.contains("UnexpectedEof"), "{err}");
    }
    if pem {
        // Not base64 in the middle: an input error naming the file, in words.
        let mut bad = written;
        bad[mid] = b'*';
        let bad_path = write(&p, "big.badb64.p7m", &bad);
        let out =
            verify_cmd(&p).arg(&bad_path).args(["--lang", "en"]).assert().code(2).get_output().stderr.clone();
        let err = String::from_utf8_lossy(&out);
        assert!(err.contains("big.badb64.p7m") && err.contains("bad base64 in the CMS block"), "{err}");
    }
}

#[test]
fn xml_signed_by_cli_verifies_and_failures_write_nothing() {
    let p = Pki::new();
    let xml = write(&p, "doc.xml", b"<?xml version=\"1.0\"?>\n<CongVan><So>01</So></CongVan>\n");
    let before = std::fs::read(&xml).unwrap();
    for format in ["xmldsig", "xades"] {
        let out = p.path(&format!("doc.{format}.xml"));
        sign_cmd(&p, &xml).arg("--format").arg(format).arg("-o").arg(&out).assert().success();
        verify_cmd(&p).arg(&out).assert().success().stdout(predicate::str::contains("VALID"));
        // Changed content: exit 1.
        let text = std::fs::read_to_string(&out).unwrap().replace("<So>01</So>", "<So>02</So>");
        let bad = write(&p, &format!("bad.{format}.xml"), text.as_bytes());
        verify_cmd(&p).arg(&bad).assert().code(1);
        // The same output again: refused without --force, and the file is kept as it was.
        let kept = std::fs::read(&out).unwrap();
        sign_cmd(&p, &xml).arg("--format").arg(format).arg("-o").arg(&out).assert().code(2);
        assert_eq!(std::fs::read(&out).unwrap(), kept);
    }
    // The default output name, beside the input.
    sign_cmd(&p, &xml).assert().success().stdout(predicate::str::contains("doc.signed.xml"));
    assert!(p.path("doc.signed.xml").is_file());
    // Not well-formed XML: exit 2, the file named, no output.
    let broken = write(&p, "broken.xml", b"<a><b></a>");
    sign_cmd(&p, &broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.xml").and(predicate::str::contains("not well-formed")));
    assert!(!p.path("broken.signed.xml").exists());
    // The input is never modified.
    assert_eq!(std::fs::read(&xml).unwrap(), before);
}
