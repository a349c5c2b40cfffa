//! The bad-input corpus (issue #9, hardening): every subcommand that reads a file, given each
//! kind of bad file in each file slot, exits 2 with an error naming the file, writes no output,
//! never panics (exit 101) and returns within a few seconds.

mod cms_common;

use assert_cmd::Command;
use cms_common::Pki;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a slot expects: a parsed file (certificate, key, CRL, CSR, signature, token) or a
/// document (any bytes are a valid document: only missing, directory and unreadable are bad).
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Key,
    Cert,
    Other,
    /// Any of a key, a certificate or a CSR (`key inspect`): no swapped-kind case.
    Any,
    Document,
}

struct Bad {
    name: &'static str,
    path: PathBuf,
    /// Also bad for a document slot.
    for_documents: bool,
}

fn pseudo_random(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(len);
    out
}

fn nested_definite(depth: usize) -> Vec<u8> {
    let mut v = vec![0x05, 0x00];
    for _ in 0..depth {
        let len = v.len();
        let mut head = vec![0x30];
        if len < 0x80 {
            head.push(len as u8);
        } else {
            let bytes = (len as u32).to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            head.push(0x80 | (4 - skip) as u8);
            head.extend_from_slice(&bytes[skip..]);
        }
        head.extend(v);
        v = head;
    }
    v
}

fn nested_indefinite(depth: usize) -> Vec<u8> {
    let mut v = [0x30u8, 0x80].repeat(depth);
    v.extend_from_slice(&[0x05, 0x00]);
    v.extend(std::iter::repeat_n(0u8, 2 * depth));
    v
}

fn running_as_root() -> bool {
    std::process::Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(true)
}

fn corpus(p: &Pki, dir: &Path) -> Vec<Bad> {
    let mut bad = Vec::new();
    let mut add = |name: &'static str, data: Option<&[u8]>, for_documents: bool| {
        let path = dir.join(name);
        if let Some(d) = data {
            std::fs::write(&path, d).unwrap();
        }
        bad.push(Bad { name, path, for_documents });
    };
    let cert_pem = std::fs::read(&p.rsa.cert_path).unwrap();
    add("bad-empty.pem", Some(b""), false);
    add("bad-random.bin", Some(&pseudo_random(4096, 0x9e37_79b9_7f4a_7c15)), false);
    add("bad-truncated.pem", Some(&cert_pem[..cert_pem.len() / 2]), false);
    add(
        "bad-base64.pem",
        Some(b"-----BEGIN CERTIFICATE-----\nMIIB!!!!$$$$not*base64@@@@\n-----END CERTIFICATE-----\n"),
        false,
    );
    add("bad-huge.bin", Some(&pseudo_random(100 << 20, 0x2545_f491_4f6c_dd1d)), false);
    add("bad-deep-definite.der", Some(&nested_definite(20_000)), false);
    add("bad-deep-indefinite.der", Some(&nested_indefinite(100_000)), false);
    add("bad-missing.pem", None, true);
    let d = dir.join("bad-directory.pem");
    std::fs::create_dir(&d).unwrap();
    bad.push(Bad { name: "bad-directory.pem", path: d, for_documents: true });
    if running_as_root() {
        eprintln!("cli_bad_input: running as root, the unreadable-file case is skipped");
    } else {
        let path = dir.join("bad-unreadable.pem");
        std::fs::write(&path, &cert_pem).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        }
        bad.push(Bad { name: "bad-unreadable.pem", path, for_documents: true });
    }
    bad
}

/// One command line with one slot under test: `BAD` in `args` is replaced by the bad file.
struct Case {
    args: Vec<String>,
    slot: Slot,
    outputs: Vec<PathBuf>,
    /// A pool option (`--untrusted`, `--chain`, `--crl`): a named bad file is an error naming it,
    /// a directory is read member by member with warnings (`pool_and_anchor_directories`).
    pool: bool,
}

#[test]
fn every_file_reading_command_refuses_every_bad_input() {
    let p = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let s = |x: &Path| x.display().to_string();
    let (key, cert, root, crl) = (s(&p.rsa.key_path), s(&p.rsa.cert_path), s(&p.root_path), s(&p.crl_path));
    let doc = d.join("doc.txt");
    std::fs::write(&doc, b"van ban\n").unwrap();
    let doc = s(&doc);
    // A CSR, a signature and a token-less signature to verify against.
    let csr = s(&d.join("req.pem"));
    let sig = s(&d.join("doc.txt.p7s"));
    let ok = |args: &[&str]| {
        let out = Command::cargo_bin("kyso").unwrap().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    ok(&["cert", "request", "--key", &key, "--subject", "CN=Thu nghiem", "--out", &csr]);
    ok(&["sign", &doc, "--key", &key, "--cert", &cert]);
    // Copies, named so the error must name them.
    let cert_for_key = d.join("bad-cert-for-key.pem");
    std::fs::copy(&p.rsa.cert_path, &cert_for_key).unwrap();
    let key_for_cert = d.join("bad-key-for-cert.pem");
    std::fs::copy(&p.rsa.key_path, &key_for_cert).unwrap();

    let out = s(&d.join("out.pem"));
    let out2 = s(&d.join("out2.pem"));
    let case = |slot: Slot, args: &[&str], outputs: &[&str]| Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        slot,
        outputs: outputs.iter().map(PathBuf::from).collect(),
        pool: false,
    };
    let pool = |slot: Slot, args: &[&str], outputs: &[&str]| Case { pool: true, ..case(slot, args, outputs) };
    let domain_bad = "public=BAD".to_string();
    let tsa = "http://127.0.0.1:9/";
    use Slot::*;
    let cases = vec![
        case(Any, &["key", "inspect", "BAD"], &[]),
        case(Key, &["key", "convert", "BAD", "--out", &out, "--no-encrypt"], &[&out]),
        case(
            Other,
            &[
                "key",
                "p12-import",
                "BAD",
                "--key-out",
                &out,
                "--cert-out",
                &out2,
                "--no-encrypt",
                "--pass-env",
                "KYSO_TEST_PASS",
            ],
            &[&out, &out2],
        ),
        case(
            Key,
            &[
                "key",
                "p12-export",
                "--key",
                "BAD",
                "--cert",
                &cert,
                "--out",
                &out,
                "--pass-env",
                "KYSO_TEST_PASS",
                "--out-pass-env",
                "KYSO_TEST_PASS",
            ],
            &[&out],
        ),
        case(
            Cert,
            &[
                "key",
                "p12-export",
                "--key",
                &key,
                "--cert",
                "BAD",
                "--out",
                &out,
                "--pass-env",
                "KYSO_TEST_PASS",
                "--out-pass-env",
                "KYSO_TEST_PASS",
            ],
            &[&out],
        ),
        pool(
            Cert,
            &[
                "key",
                "p12-export",
                "--key",
                &key,
                "--cert",
                &cert,
                "--chain",
                "BAD",
                "--out",
                &out,
                "--pass-env",
                "KYSO_TEST_PASS",
                "--out-pass-env",
                "KYSO_TEST_PASS",
            ],
            &[&out],
        ),
        case(Key, &["cert", "request", "--key", "BAD", "--subject", "CN=x", "--out", &out], &[&out]),
        case(
            Other,
            &["cert", "issue", "--csr", "BAD", "--ca-cert", &cert, "--ca-key", &key, "--out", &out],
            &[&out],
        ),
        case(
            Cert,
            &["cert", "issue", "--csr", &csr, "--ca-cert", "BAD", "--ca-key", &key, "--out", &out],
            &[&out],
        ),
        case(
            Key,
            &["cert", "issue", "--csr", &csr, "--ca-cert", &cert, "--ca-key", "BAD", "--out", &out],
            &[&out],
        ),
        // A public key or a certificate holding one: a private key is the wrong kind here.
        case(
            Other,
            &[
                "cert",
                "issue",
                "--subject",
                "CN=x",
                "--public-key",
                "BAD",
                "--ca-cert",
                &cert,
                "--ca-key",
                &key,
                "--out",
                &out,
            ],
            &[&out],
        ),
        case(Key, &["cert", "self-sign", "--key", "BAD", "--subject", "CN=x", "--out", &out], &[&out]),
        case(
            Cert,
            &[
                "cert",
                "cross-certify",
                "--subject-cert",
                "BAD",
                "--ca-cert",
                &cert,
                "--ca-key",
                &key,
                "--out",
                &out,
            ],
            &[&out],
        ),
        case(
            Cert,
            &[
                "cert",
                "cross-certify",
                "--subject-cert",
                &root,
                "--ca-cert",
                "BAD",
                "--ca-key",
                &key,
                "--out",
                &out,
            ],
            &[&out],
        ),
        case(
            Key,
            &[
                "cert",
                "cross-certify",
                "--subject-cert",
                &root,
                "--ca-cert",
                &cert,
                "--ca-key",
                "BAD",
                "--out",
                &out,
            ],
            &[&out],
        ),
        case(Cert, &["cert", "inspect", "BAD"], &[]),
        case(
            Cert,
            &["crl", "issue", "--ca-cert", "BAD", "--ca-key", &key, "--number", "1", "--out", &out],
            &[&out],
        ),
        case(
            Key,
            &["crl", "issue", "--ca-cert", &cert, "--ca-key", "BAD", "--number", "1", "--out", &out],
            &[&out],
        ),
        case(
            Cert,
            &[
                "crl",
                "issue",
                "--ca-cert",
                &cert,
                "--ca-key",
                &key,
                "--number",
                "1",
                "--revoke-cert",
                "BAD",
                "--out",
                &out,
            ],
            &[&out],
        ),
        case(Other, &["crl", "inspect", "BAD"], &[]),
        case(Cert, &["chain", "verify", "BAD", "--anchor", &root], &[]),
        case(Cert, &["chain", "verify", &cert, "--anchor", "BAD"], &[]),
        // A named `--untrusted` file must parse (exit 2 naming it, not a warning then INVALID).
        pool(Cert, &["chain", "verify", &cert, "--anchor", &root, "--untrusted", "BAD"], &[]),
        pool(Other, &["chain", "verify", &cert, "--anchor", &root, "--crl", "BAD"], &[]),
        case(Cert, &["cross-validate", "BAD", "--domain", &format!("public={root}")], &[]),
        case(Cert, &["cross-validate", &cert, "--domain", "public=BAD"], &[]),
        pool(
            Cert,
            &["cross-validate", &cert, "--domain", &format!("public={root}"), "--untrusted", "BAD"],
            &[],
        ),
        pool(Other, &["cross-validate", &cert, "--domain", &format!("public={root}"), "--crl", "BAD"], &[]),
        case(Document, &["sign", "BAD", "--key", &key, "--cert", &cert, "--output", &out], &[&out]),
        case(Key, &["sign", &doc, "--key", "BAD", "--cert", &cert, "--output", &out], &[&out]),
        case(Cert, &["sign", &doc, "--key", &key, "--cert", "BAD", "--output", &out], &[&out]),
        pool(
            Cert,
            &["sign", &doc, "--key", &key, "--cert", &cert, "--chain", "BAD", "--output", &out],
            &[&out],
        ),
        case(
            Other,
            &["sign", &doc, "--p12", "BAD", "--pass-env", "KYSO_TEST_PASS", "--output", &out],
            &[&out],
        ),
        case(
            Cert,
            &[
                "sign",
                &doc,
                "--key",
                &key,
                "--cert",
                &cert,
                "--tsa",
                tsa,
                "--tsa-ca-cert",
                "BAD",
                "--output",
                &out,
            ],
            &[&out],
        ),
        case(Other, &["verify", &doc, "--sig", "BAD", "--anchor", &root], &[]),
        case(Other, &["verify", "BAD", "--anchor", &root], &[]),
        case(Cert, &["verify", &doc, "--sig", &sig, "--anchor", "BAD"], &[]),
        case(Cert, &["verify", &doc, "--sig", &sig, "--domain", &domain_bad], &[]),
        pool(Cert, &["verify", &doc, "--sig", &sig, "--anchor", &root, "--untrusted", "BAD"], &[]),
        pool(Other, &["verify", &doc, "--sig", &sig, "--anchor", &root, "--crl", "BAD"], &[]),
        case(
            Document,
            &["timestamp", "request", "BAD", "--tsa", "http://127.0.0.1:9/", "--output", &out],
            &[&out],
        ),
        case(
            Cert,
            &["timestamp", "request", &doc, "--tsa", tsa, "--tsa-ca-cert", "BAD", "--output", &out],
            &[&out],
        ),
        case(Other, &["timestamp", "verify", "BAD", "--data", &doc, "--anchor", &root], &[]),
        // Trust inputs are read before the token: the signature stands in for one.
        case(Document, &["timestamp", "verify", &sig, "--data", "BAD", "--anchor", &root], &[]),
        case(Cert, &["timestamp", "verify", &sig, "--data", &doc, "--anchor", "BAD"], &[]),
        case(Cert, &["timestamp", "verify", &sig, "--data", &doc, "--domain", &domain_bad], &[]),
        pool(
            Cert,
            &["timestamp", "verify", &sig, "--data", &doc, "--anchor", &root, "--untrusted", "BAD"],
            &[],
        ),
        pool(Other, &["timestamp", "verify", &sig, "--data", &doc, "--anchor", &root, "--crl", "BAD"], &[]),
    ];
    let _ = &crl;

    let corpus = corpus(&p, d);
    let mut failures = Vec::new();
    for c in &cases {
        let mut inputs: Vec<(&str, &Path)> = corpus
            .iter()
            .filter(|b| c.slot != Document || b.for_documents)
            // A directory given to a pool option is read member by member (tested below).
            .filter(|b| !(c.pool && b.name == "bad-directory.pem"))
            .map(|b| (b.name, b.path.as_path()))
            .collect();
        match c.slot {
            Key => inputs.push(("bad-cert-for-key.pem", &cert_for_key)),
            Cert | Other => inputs.push(("bad-key-for-cert.pem", &key_for_cert)),
            Any | Document => {}
        }
        for (name, path) in inputs {
            let args: Vec<String> = c
                .args
                .iter()
                .map(|a| {
                    if a == "BAD" {
                        path.display().to_string()
                    } else {
                        a.replace("=BAD", &format!("={}", path.display()))
                    }
                })
                .collect();
            let start = Instant::now();
            let result = Command::cargo_bin("kyso")
                .unwrap()
                .env_remove("LANG")
                .env_remove("LC_ALL")
                .env("KYSO_TEST_PASS", "mat-khau-thu")
                .current_dir(d)
                .args(&args)
                .timeout(Duration::from_secs(10))
                .output()
                .unwrap();
            let elapsed = start.elapsed();
            let stderr = String::from_utf8_lossy(&result.stderr);
            let line = format!("kyso {} [{name}]", c.args.join(" "));
            let mut problems = Vec::new();
            if result.status.code() != Some(2) {
                problems.push(format!("exit {:?}", result.status.code()));
            }
            if !stderr.contains(name) {
                problems.push("the file is not named".to_string());
            }
            if stderr.contains("panicked") {
                problems.push("panic".to_string());
            }
            if elapsed > Duration::from_secs(10) {
                problems.push(format!("took {elapsed:?}"));
            }
            if name == "bad-huge.bin" && c.slot != Document && !stderr.contains("MiB") {
                problems.push("a 100 MB file is not refused by its size".to_string());
            }
            for o in &c.outputs {
                if o.exists() {
                    problems.push(format!("output {} written", o.display()));
                    let _ = std::fs::remove_file(o);
                }
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{line}: {}\n    {}",
                    problems.join(", "),
                    stderr.trim().replace('\n', "\n    ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// The length of the DER header at the start of `der` (short or long form).
fn header_len(der: &[u8]) -> usize {
    match der[1] {
        l if l < 0x80 => 2,
        l => 2 + usize::from(l & 0x7f),
    }
}

/// Issue #9 defect 9: a malformed private key or signature is described in words with the byte
/// offset, in Vietnamese as in English, never with the `der` crate's Rust names.
#[test]
fn der_errors_are_worded_with_the_offset_in_both_languages() {
    let p = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let s = |x: &Path| x.display().to_string();
    let doc = d.join("doc.txt");
    std::fs::write(&doc, b"van ban\n").unwrap();
    let sig = d.join("doc.txt.p7s");
    let ok = Command::cargo_bin("kyso")
        .unwrap()
        .args(["sign", &s(&doc), "--key", &s(&p.rsa.key_path), "--cert", &s(&p.rsa.cert_path)])
        .output()
        .unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));

    // PKCS#8: SEQUENCE { version INTEGER, privateKeyAlgorithm SEQUENCE, ... }; the algorithm's
    // SEQUENCE tag becomes an OBJECT IDENTIFIER tag. (The offset is the `der` crate's, which
    // counts inside the enclosing SEQUENCE for nested values: not checked exactly here.)
    let pem = std::fs::read(&p.rsa.key_path).unwrap();
    let mut key = kyso::io::decode_pem_or_der(&pem).unwrap().remove(0).der;
    let alg_at = header_len(&key) + 3;
    assert_eq!(key[alg_at], 0x30);
    key[alg_at] = 0x06;
    let bad_key = d.join("khoa-hong.pem");
    std::fs::write(&bad_key, kyso::io::to_pem("PRIVATE KEY", &key)).unwrap();

    // CMS: ContentInfo { contentType OID, [0] { SignedData SEQUENCE } }; the SignedData's tag
    // becomes an OBJECT IDENTIFIER tag.
    let mut cms = std::fs::read(&sig).unwrap();
    let oid_at = header_len(&cms);
    let a0_at = oid_at + 2 + usize::from(cms[oid_at + 1]);
    let sd_at = a0_at + header_len(&cms[a0_at..]);
    assert_eq!(cms[sd_at], 0x30);
    cms[sd_at] = 0x06;
    let bad_sig = d.join("chu-ky-hong.p7s");
    std::fs::write(&bad_sig, &cms).unwrap();
    // And the same signature cut short, and with trailing bytes.
    let good = std::fs::read(&sig).unwrap();
    let cut_sig = d.join("chu-ky-cat.p7s");
    std::fs::write(&cut_sig, &good[..good.len() / 2]).unwrap();
    let trailing_sig = d.join("chu-ky-thua.p7s");
    std::fs::write(&trailing_sig, [good.as_slice(), &[0, 0]].concat()).unwrap();

    let root = s(&p.root_path);
    let cases: Vec<(Vec<String>, &str, String, String)> = vec![
        (
            vec!["key".into(), "inspect".into(), s(&bad_key)],
            "khoa-hong.pem",
            "expected SEQUENCE, found OBJECT IDENTIFIER at byte ".into(),
            "cần SEQUENCE nhưng gặp OBJECT IDENTIFIER tại byte ".into(),
        ),
        (
            vec!["sign".into(), s(&doc), "--key".into(), s(&bad_key), "--cert".into(), s(&p.rsa.cert_path)],
            "khoa-hong.pem",
            "expected SEQUENCE, found OBJECT IDENTIFIER at byte ".into(),
            "cần SEQUENCE nhưng gặp OBJECT IDENTIFIER tại byte ".into(),
        ),
        (
            vec!["verify".into(), s(&doc), "--sig".into(), s(&bad_sig), "--anchor".into(), root.clone()],
            "chu-ky-hong.p7s",
            format!("expected SEQUENCE, found OBJECT IDENTIFIER at byte {sd_at}"),
            format!("cần SEQUENCE nhưng gặp OBJECT IDENTIFIER tại byte {sd_at}"),
        ),
        (
            vec!["verify".into(), s(&doc), "--sig".into(), s(&cut_sig), "--anchor".into(), root.clone()],
            "chu-ky-cat.p7s",
            "truncated at byte".into(),
            "bị cắt cụt tại byte".into(),
        ),
        (
            vec!["verify".into(), s(&doc), "--sig".into(), s(&trailing_sig), "--anchor".into(), root.clone()],
            "chu-ky-thua.p7s",
            format!("trailing data after byte {}", good.len()),
            format!("có dữ liệu thừa sau byte {}", good.len()),
        ),
    ];
    let rust_names = [
        "Tag(",
        "TagUnexpected",
        "Incomplete",
        "IndefiniteLength",
        "TrailingData",
        "DER byte",
        "Some(",
        "ASN.1 DER",
    ];
    for (args, file, en, vi) in &cases {
        for (lang, want) in [("en", en), ("vi", vi)] {
            let out = Command::cargo_bin("kyso")
                .unwrap()
                .env_remove("LANG")
                .env_remove("LC_ALL")
                .arg("--lang")
                .arg(lang)
                .args(args)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{lang} {args:?}: {stderr}");
            assert!(stderr.contains(file), "{lang} {args:?}: {stderr}");
            assert!(stderr.contains(want.as_str()), "{lang} {args:?}: want {want:?} in {stderr}");
            for name in rust_names {
                assert!(!stderr.contains(name), "{lang} {args:?}: {name} in {stderr}");
            }
            if lang == "vi" {
                for english in ["expected", "found", "truncated", "trailing", "not a"] {
                    assert!(!stderr.contains(english), "{args:?}: English '{english}' in {stderr}");
                }
            }
        }
    }
}

/// Issue #9 defect 15: one rule for directories. A pool directory (`--untrusted`, `--chain`,
/// `--crl`) is read member by member: bad members are skipped with a warning naming them and why,
/// a directory with nothing usable is a warning; an anchor directory (`--anchor`, `--domain`,
/// `--tsa-ca-cert`) with no usable certificate is an input error (exit 2) naming it.
#[test]
fn pool_and_anchor_directories() {
    let p = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let s = |x: &Path| x.display().to_string();
    let (key, cert, root) = (s(&p.rsa.key_path), s(&p.rsa.cert_path), s(&p.root_path));
    let doc = d.join("doc.txt");
    std::fs::write(&doc, b"van ban\n").unwrap();
    let doc = s(&doc);
    let sig = s(&d.join("doc.txt.p7s"));
    let run = |lang: &str, args: &[&str]| {
        let out = Command::cargo_bin("kyso")
            .unwrap()
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env("KYSO_TEST_PASS", "mat-khau-thu")
            .arg("--lang")
            .arg(lang)
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, err) = run("en", &["sign", &doc, "--key", &key, "--cert", &cert, "--no-chain"]);
    assert_eq!(code, Some(0), "{err}");
    // A directory with the CA certificate and a junk file; one with the CRL and a junk file; an
    // empty one; one with junk only.
    let certs = d.join("chung-thu");
    std::fs::create_dir(&certs).unwrap();
    std::fs::copy(&p.ca_path, certs.join("ca.pem")).unwrap();
    std::fs::write(certs.join("rac.txt"), "rac").unwrap();
    let crls = d.join("ds-thu-hoi");
    std::fs::create_dir(&crls).unwrap();
    std::fs::copy(&p.crl_path, crls.join("ca.crl")).unwrap();
    std::fs::write(crls.join("rac.txt"), "rac").unwrap();
    let empty = d.join("thu-muc-rong");
    std::fs::create_dir(&empty).unwrap();
    let junk = d.join("chi-co-rac");
    std::fs::create_dir(&junk).unwrap();
    std::fs::write(
        junk.join("rac.pem"),
        "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let (certs, crls, empty, junk) = (s(&certs), s(&crls), s(&empty), s(&junk));
    let out = s(&d.join("out.p7s"));
    let p12 = s(&d.join("out.p12"));

    // Pools: the good member is used (the path needs the CA), the junk is named in a warning, in both languages; an empty directory is a warning.
    let pools: Vec<Vec<&str>> = vec![
        vec!["chain", "verify", &cert, "--anchor", &root, "--untrusted", &certs, "--untrusted", &empty],
        vec![
            "chain",
            "verify",
            &cert,
            "--anchor",
            &root,
            "--untrusted",
            &certs,
            "--crl",
            &crls,
            "--crl",
            &empty,
        ],
        vec![
            "cross-validate",
            &cert,
            "--domain",
            "public=ROOT",
            "--untrusted",
            &certs,
            "--untrusted",
            &empty,
        ],
        vec!["cross-validate", &cert, "--domain", "public=ROOT", "--untrusted", &certs, "--crl", &crls],
        vec!["verify", &doc, "--sig", &sig, "--anchor", &root, "--untrusted", &certs, "--untrusted", &empty],
        vec![
            "verify",
            &doc,
            "--sig",
            &sig,
            "--anchor",
            &root,
            "--untrusted",
            &certs,
            "--crl",
            &crls,
            "--crl",
            &empty,
        ],
        vec![
            "sign", &doc, "--key", &key, "--cert", &cert, "--chain", &certs, "--chain", &empty, "--output",
            &out,
        ],
        vec![
            "key",
            "p12-export",
            "--key",
            &key,
            "--cert",
            &cert,
            "--chain",
            &certs,
            "--chain",
            &empty,
            "--out",
            &p12,
            "--pass-env",
            "KYSO_TEST_PASS",
            "--out-pass-env",
            "KYSO_TEST_PASS",
        ],
    ];
    let domain = format!("public={root}");
    for args in &pools {
        let args: Vec<&str> =
            args.iter().map(|a| if *a == "public=ROOT" { domain.as_str() } else { a }).collect();
        for lang in ["en", "vi"] {
            let _ = std::fs::remove_file(&out);
            let _ = std::fs::remove_file(&p12);
            let (code, err) = run(lang, &args);
            assert_eq!(code, Some(0), "{lang} {args:?}: {err}");
            assert!(err.contains("rac.txt"), "{lang} {args:?}: the skipped file is not named: {err}");
            let (skipped, empty_word) =
                if lang == "en" { ("skipped", "no usable") } else { ("bỏ qua", "dùng được") };
            assert!(err.contains(skipped), "{lang} {args:?}: {err}");
            if args.contains(&empty.as_str()) {
                assert!(err.contains("thu-muc-rong") && err.contains(empty_word), "{lang} {args:?}: {err}");
            }
            if lang == "vi" {
                for english in ["skipped", "no usable", "neither", "warning"] {
                    assert!(!err.contains(english), "{args:?}: English '{english}' in {err}");
                }
            }
        }
    }

    // Anchors: a directory without a usable certificate is an input error naming it.
    let anchors: Vec<Vec<String>> = [&empty, &junk]
        .iter()
        .flat_map(|dir| {
            let dir = dir.to_string();
            vec![
                vec!["chain".into(), "verify".into(), cert.clone(), "--anchor".into(), dir.clone()],
                vec!["cross-validate".into(), cert.clone(), "--domain".into(), format!("public={dir}")],
                vec![
                    "verify".into(),
                    doc.clone(),
                    "--sig".into(),
                    sig.clone(),
                    "--anchor".into(),
                    dir.clone(),
                ],
                vec![
                    "verify".into(),
                    doc.clone(),
                    "--sig".into(),
                    sig.clone(),
                    "--domain".into(),
                    format!("gov={dir}"),
                ],
                vec![
                    "sign".into(),
                    doc.clone(),
                    "--key".into(),
                    key.clone(),
                    "--cert".into(),
                    cert.clone(),
                    "--tsa".into(),
                    "http://127.0.0.1:9/".into(),
                    "--tsa-ca-cert".into(),
                    dir.clone(),
                    "--output".into(),
                    out.clone(),
                ],
            ]
        })
        .collect();
    for args in &anchors {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let named =
            if args.iter().any(|a| a.contains("thu-muc-rong")) { "thu-muc-rong" } else { "chi-co-rac" };
        for lang in ["en", "vi"] {
            let (code, err) = run(lang, &args);
            assert_eq!(code, Some(2), "{lang} {args:?}: {err}");
            assert!(err.contains(named), "{lang} {args:?}: {err}");
        }
    }
}
