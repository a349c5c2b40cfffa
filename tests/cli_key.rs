//! `kyso key ...` end to end: the built binary, its files, exit statuses and error lines.

use kyso::keys::{self, KeyAlgorithm, SoftwareKey};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const PW: &str = "Mật khẩu rất dài 2026";

fn kyso(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kyso"))
        .args(["--lang", "en"])
        .args(args)
        .env("KYSO_PW", PW)
        .env("KYSO_PW2", "second passphrase")
        .env("KYSO_EMPTY", "")
        .stdin(Stdio::null())
        .output()
        .expect("run kyso")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Assert success (exit 0).
fn ok(o: Output) -> Output {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    o
}

/// Assert a clean input error: exit 2, one error line naming `file` (plus at most a hint line),
/// no panic.
fn input_error(o: &Output, file: &Path, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert!(!lines.is_empty() && lines.len() <= 2, "{err}");
    assert!(lines[0].starts_with("kyso: error: "), "{err}");
    assert!(lines[0].contains(s(file)), "error does not name {}: {err}", file.display());
    assert!(lines[0].contains(needle), "expected {needle:?} in: {err}");
    if let Some(hint) = lines.get(1) {
        assert!(hint.starts_with("kyso: hint: "), "{err}");
    }
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

#[test]
fn generate_every_type_encrypted_0600_with_public_key() {
    let dir = tempfile::tempdir().unwrap();
    for (ty, alg) in [
        ("ed25519", KeyAlgorithm::Ed25519),
        ("p256", KeyAlgorithm::EcP256),
        ("p384", KeyAlgorithm::EcP384),
        ("rsa2048", KeyAlgorithm::Rsa { bits: 2048 }),
    ] {
        let key = dir.path().join(format!("{ty}.key"));
        let public = dir.path().join(format!("{ty}.pub"));
        let out = ok(kyso(&[
            "key",
            "generate",
            "--type",
            ty,
            "-o",
            s(&key),
            "--pub-out",
            s(&public),
            "--pass-env",
            "KYSO_PW",
        ]));
        assert!(stdout(&out).contains("SPKI SHA-256"), "{}", stdout(&out));
        #[cfg(unix)]
        {
            assert_eq!(mode(&key), 0o600, "{ty}");
            assert_eq!(mode(&public), 0o644, "{ty}");
        }
        let data = std::fs::read(&key).unwrap();
        assert!(data.starts_with(b"-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        let k = keys::read_private_key(&data, Some(PW.as_bytes())).unwrap();
        assert_eq!(k.key_algorithm(), alg);
        assert_eq!(std::fs::read_to_string(&public).unwrap(), k.public_key_pem());
        // inspect shows the fingerprint and never private material.
        let out = ok(kyso(&["key", "inspect", s(&key), "--json", "--pass-env", "KYSO_PW"]));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["algorithm"], alg.to_string());
        assert_eq!(v["encrypted"], true);
        assert_eq!(v["spki_sha256"], hex::encode(k.spki_sha256()));
        assert_eq!(v["key_identifier"], hex::encode(keys::key_identifier(k.public_key_spki()).unwrap()));
        assert!(!stdout(&out).contains("PRIVATE"));
        // The public key file inspects too.
        let out = ok(kyso(&["key", "inspect", s(&public), "--json"]));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["kind"], "public-key");
        assert_eq!(v["spki_sha256"], hex::encode(k.spki_sha256()));
    }
}

#[test]
fn generate_unencrypted_only_when_asked_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("k.pem");
    ok(kyso(&["key", "generate", "--type", "ed25519", "-o", s(&key), "--no-encrypt"]));
    let first = std::fs::read(&key).unwrap();
    assert!(first.starts_with(b"-----BEGIN PRIVATE KEY-----"));
    #[cfg(unix)]
    assert_eq!(mode(&key), 0o600);
    // Existing output without --force: refused, file untouched.
    let o = kyso(&["key", "generate", "--type", "ed25519", "-o", s(&key), "--no-encrypt"]);
    input_error(&o, &key, "already exists");
    assert_eq!(std::fs::read(&key).unwrap(), first);
    // With --force: replaced.
    ok(kyso(&["key", "generate", "--type", "ed25519", "-o", s(&key), "--no-encrypt", "--force"]));
    assert_ne!(std::fs::read(&key).unwrap(), first);
    // A 0600 unencrypted key is read silently; a 0644 one with a warning.
    let o = ok(kyso(&["key", "inspect", s(&key)]));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        let o = ok(kyso(&["key", "inspect", s(&key)]));
        assert!(stderr(&o).contains("readable by others"), "{}", stderr(&o));
    }
    // Vietnamese output.
    let o = Command::new(env!("CARGO_BIN_EXE_kyso"))
        .args(["--lang", "vi", "key", "inspect", s(&key)])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Thuật toán: Ed25519"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // Without a passphrase source and without a terminal: a usage error, no file.
    let key2 = dir.path().join("k2.pem");
    let o = kyso(&["key", "generate", "--type", "p256", "-o", s(&key2)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no terminal"), "{}", stderr(&o));
    assert!(!key2.exists());
    // An empty passphrase is refused.
    let o = kyso(&["key", "generate", "--type", "p256", "-o", s(&key2), "--pass-env", "KYSO_EMPTY"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("empty"), "{}", stderr(&o));
    assert!(!key2.exists());
    // --no-encrypt with a passphrase source is contradictory.
    let o =
        kyso(&["key", "generate", "--type", "p256", "-o", s(&key2), "--no-encrypt", "--pass-env", "KYSO_PW"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!key2.exists());
    // Unknown type.
    let o = kyso(&["key", "generate", "--type", "rsa1024", "-o", s(&key2), "--no-encrypt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!key2.exists());
}

#[test]
fn output_in_a_missing_directory_is_an_error_without_output() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("missing").join("k.pem");
    let o = kyso(&["key", "generate", "--type", "ed25519", "-o", s(&key), "--no-encrypt"]);
    input_error(&o, &key, "does not exist");
    assert!(files_in(dir.path()).is_empty());
    // With --pub-out in a missing directory: nothing at all is written.
    let key = dir.path().join("k.pem");
    let public = dir.path().join("missing").join("k.pub");
    let o = kyso(&[
        "key",
        "generate",
        "--type",
        "ed25519",
        "-o",
        s(&key),
        "--pub-out",
        s(&public),
        "--no-encrypt",
    ]);
    input_error(&o, &public, "does not exist");
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn wrong_or_missing_passphrase_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("k.pem");
    ok(kyso(&["key", "generate", "--type", "p256", "-o", s(&key), "--pass-env", "KYSO_PW"]));
    let out = dir.path().join("out.pem");
    let o = kyso(&["key", "convert", s(&key), "-o", s(&out), "--no-encrypt", "--pass-env", "KYSO_PW2"]);
    input_error(&o, &key, "wrong passphrase or corrupted key");
    assert!(!out.exists());
    let o = kyso(&["key", "inspect", s(&key)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no terminal"), "{}", stderr(&o));
    // From a passphrase file (first line; CRLF tolerated).
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, format!("{PW}\r\nignored\n")).unwrap();
    ok(kyso(&["key", "inspect", s(&key), "--pass-file", s(&pass_file)]));
    let missing = dir.path().join("nope.txt");
    let o = kyso(&["key", "inspect", s(&key), "--pass-file", s(&missing)]);
    input_error(&o, &missing, "no such file");
}

#[test]
fn bad_inputs_are_one_line_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let empty = d.join("empty.pem");
    std::fs::write(&empty, b"").unwrap();
    let random = d.join("random.bin");
    std::fs::write(&random, [0x8f, 0x13, 0xee, 0x00, 0x42, 0x99, 0x17]).unwrap();
    let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let full = key.to_pkcs8_pem(None).unwrap();
    let truncated = d.join("truncated.pem");
    std::fs::write(&truncated, &full.as_bytes()[..full.len() / 2]).unwrap();
    let bad_base64 = d.join("badb64.pem");
    std::fs::write(&bad_base64, "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n").unwrap();
    let cert = d.join("cert.pem");
    let kp = rcgen::KeyPair::from_pem(&full).unwrap();
    let params = rcgen::CertificateParams::new(vec!["kyso.test".to_string()]).unwrap();
    std::fs::write(&cert, params.self_signed(&kp).unwrap().pem()).unwrap();
    let dir_input = d.join("a-directory");
    std::fs::create_dir(&dir_input).unwrap();
    let missing = d.join("missing.pem");
    let cases: [(&Path, &str); 7] = [
        (&empty, "empty"),
        (&random, "neither PEM nor DER"),
        (&truncated, "truncated"),
        (&bad_base64, "PEM"),
        (&cert, "this file holds a certificate, not a private key"),
        (&dir_input, "directory"),
        (&missing, "no such file"),
    ];
    let out = d.join("out.pem");
    for (input, needle) in cases {
        let o = kyso(&["key", "inspect", s(input)]);
        if input == cert.as_path() {
            // inspect shows a certificate's public key; the other commands refuse it.
            let o = ok(o);
            assert!(stdout(&o).contains("public key of a certificate"), "{}", stdout(&o));
            assert!(stdout(&o).contains(&hex::encode(key.spki_sha256())), "{}", stdout(&o));
        } else {
            input_error(&o, input, needle);
        }
        let o = kyso(&["key", "convert", s(input), "-o", s(&out), "--no-encrypt"]);
        input_error(&o, input, needle);
        assert!(!out.exists(), "{}", input.display());
        let o = kyso(&[
            "key",
            "p12-import",
            s(input),
            "--key-out",
            s(&out),
            "--cert-out",
            s(&d.join("c.pem")),
            "--no-encrypt",
            "--pass-env",
            "KYSO_PW",
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
        assert!(!out.exists());
    }
    // A CSR: inspect shows its public key.
    let csr = d.join("req.csr");
    let csr_params = rcgen::CertificateParams::new(vec!["kyso.test".to_string()]).unwrap();
    std::fs::write(&csr, csr_params.serialize_request(&kp).unwrap().pem().unwrap()).unwrap();
    let o = ok(kyso(&["key", "inspect", s(&csr), "--json"]));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "csr");
    assert_eq!(v["spki_sha256"], hex::encode(key.spki_sha256()));
    // The inputs are untouched.
    assert_eq!(std::fs::read(&truncated).unwrap(), &full.as_bytes()[..full.len() / 2]);
}

#[test]
fn convert_between_formats_and_passphrases() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A SEC1 key, as `openssl ec` writes it.
    let key = SoftwareKey::generate(KeyAlgorithm::EcP384).unwrap();
    let plain = key.pkcs8_der();
    let info = pkcs8::PrivateKeyInfo::try_from(plain.as_slice()).unwrap();
    let sec1 = p384::SecretKey::from_sec1_der(info.private_key).unwrap().to_sec1_der().unwrap();
    let sec1_path = d.join("ec.pem");
    std::fs::write(&sec1_path, kyso::io::to_pem("EC PRIVATE KEY", &sec1)).unwrap();
    let o = ok(kyso(&["key", "inspect", s(&sec1_path), "--json"]));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], "sec1");
    assert_eq!(v["encrypted"], false);

    // SEC1 -> encrypted PKCS#8 PEM.
    let enc = d.join("enc.pem");
    ok(kyso(&["key", "convert", s(&sec1_path), "-o", s(&enc), "--out-pass-env", "KYSO_PW"]));
    #[cfg(unix)]
    assert_eq!(mode(&enc), 0o600);
    let back = keys::load_private_key(&enc, Some(PW.as_bytes())).unwrap();
    assert_eq!(back.public_key_spki(), key.public_key_spki());
    // Encrypted -> re-encrypted DER under another passphrase.
    let der = d.join("enc.der");
    ok(kyso(&[
        "key",
        "convert",
        s(&enc),
        "-o",
        s(&der),
        "--to",
        "der",
        "--pass-env",
        "KYSO_PW",
        "--out-pass-env",
        "KYSO_PW2",
    ]));
    let data = std::fs::read(&der).unwrap();
    assert!(keys::is_encrypted(&data));
    assert_eq!(
        keys::read_private_key(&data, Some(b"second passphrase")).unwrap().public_key_spki(),
        key.public_key_spki()
    );
    // -> plain PKCS#8 PEM.
    let plain = d.join("plain.pem");
    ok(kyso(&["key", "convert", s(&der), "-o", s(&plain), "--no-encrypt", "--pass-env", "KYSO_PW2"]));
    let text = std::fs::read_to_string(&plain).unwrap();
    assert!(text.starts_with("-----BEGIN PRIVATE KEY-----"));
    // Input and output the same file: refused, input untouched.
    let o = kyso(&["key", "convert", s(&plain), "-o", s(&plain), "--no-encrypt", "--force"]);
    input_error(&o, &plain, "is the input");
    assert_eq!(std::fs::read_to_string(&plain).unwrap(), text);
}

fn self_signed(key: &SoftwareKey, cn: &str) -> String {
    let kp = rcgen::KeyPair::from_pem(&key.to_pkcs8_pem(None).unwrap()).unwrap();
    let mut params = rcgen::CertificateParams::new(vec![]).unwrap();
    params.distinguished_name.push(rcgen::DnType::CommonName, cn);
    params.self_signed(&kp).unwrap().pem()
}

#[test]
fn p12_export_then_import() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let key_path = d.join("k.pem");
    std::fs::write(&key_path, key.to_pkcs8_pem(Some(PW.as_bytes())).unwrap().as_bytes()).unwrap();
    let cert_pem = self_signed(&key, "Nguyễn Văn A");
    let cert_path = d.join("c.pem");
    std::fs::write(&cert_path, &cert_pem).unwrap();
    let ca = SoftwareKey::generate(KeyAlgorithm::Ed25519).unwrap();
    let chain_pem = format!("{}{}", self_signed(&ca, "CA 1"), self_signed(&ca, "CA 2"));
    let chain_path = d.join("chain.pem");
    std::fs::write(&chain_path, &chain_pem).unwrap();

    let p12 = d.join("out.p12");
    ok(kyso(&[
        "key",
        "p12-export",
        "--key",
        s(&key_path),
        "--cert",
        s(&cert_path),
        "--chain",
        s(&chain_path),
        "-o",
        s(&p12),
        "--name",
        "Khóa ký",
        "--pass-env",
        "KYSO_PW",
        "--out-pass-env",
        "KYSO_PW2",
    ]));
    #[cfg(unix)]
    assert_eq!(mode(&p12), 0o600);

    let (k2, c2, ch2) = (d.join("k2.pem"), d.join("c2.pem"), d.join("chain2.pem"));
    // Wrong p12 passphrase: exit 2, nothing written.
    let o = kyso(&[
        "key",
        "p12-import",
        s(&p12),
        "--key-out",
        s(&k2),
        "--cert-out",
        s(&c2),
        "--no-encrypt",
        "--pass-env",
        "KYSO_PW",
    ]);
    input_error(&o, &p12, "wrong passphrase");
    assert!(!k2.exists() && !c2.exists());
    // One output in a missing directory: nothing written.
    let bad = d.join("missing").join("chain.pem");
    let o = kyso(&[
        "key",
        "p12-import",
        s(&p12),
        "--key-out",
        s(&k2),
        "--cert-out",
        s(&c2),
        "--chain-out",
        s(&bad),
        "--no-encrypt",
        "--pass-env",
        "KYSO_PW2",
    ]);
    input_error(&o, &bad, "does not exist");
    assert!(!k2.exists() && !c2.exists());

    ok(kyso(&[
        "key",
        "p12-import",
        s(&p12),
        "--key-out",
        s(&k2),
        "--cert-out",
        s(&c2),
        "--chain-out",
        s(&ch2),
        "--pass-env",
        "KYSO_PW2",
        "--out-pass-env",
        "KYSO_PW",
    ]));
    #[cfg(unix)]
    assert_eq!(mode(&k2), 0o600);
    assert_eq!(
        keys::load_private_key(&k2, Some(PW.as_bytes())).unwrap().public_key_spki(),
        key.public_key_spki()
    );
    assert_eq!(kyso::Certificate::load(&c2).unwrap(), kyso::Certificate::load(&cert_path).unwrap());
    assert_eq!(kyso::Certificate::load_all(&ch2).unwrap(), kyso::Certificate::load_all(&chain_path).unwrap());

    // --legacy writes a file kyso (and older readers) import too.
    let legacy = d.join("legacy.p12");
    ok(kyso(&[
        "key",
        "p12-export",
        "--key",
        s(&key_path),
        "--cert",
        s(&cert_path),
        "-o",
        s(&legacy),
        "--legacy",
        "--pass-env",
        "KYSO_PW",
        "--out-pass-env",
        "KYSO_PW2",
    ]));
    let bundle = kyso::keys::pkcs12::load(&legacy, b"second passphrase").unwrap();
    assert_eq!(bundle.key.public_key_spki(), key.public_key_spki());

    // A certificate that is not the key's: refused, no output.
    let other = d.join("other.pem");
    std::fs::write(&other, self_signed(&ca, "other")).unwrap();
    let p12b = d.join("b.p12");
    let o = kyso(&[
        "key",
        "p12-export",
        "--key",
        s(&key_path),
        "--cert",
        s(&other),
        "-o",
        s(&p12b),
        "--pass-env",
        "KYSO_PW",
        "--out-pass-env",
        "KYSO_PW2",
    ]);
    input_error(&o, &other, "does not belong");
    assert!(!p12b.exists());
}

/// Issue #9 defect 3: two outputs of one command are never one file, and no output is an input,
/// `--force` or not (compared by device and inode, not by name).
#[test]
fn outputs_are_distinct_files_and_never_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let same = d.join("same.pem");
    for force in [&[][..], &["--force"][..]] {
        let mut args =
            vec!["key", "generate", "-t", "p256", "-o", s(&same), "--pub-out", s(&same), "--no-encrypt"];
        args.extend_from_slice(force);
        let o = kyso(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("same file") && !err.contains("already exists"), "{err}");
        assert!(!same.exists(), "nothing written: {err}");
    }
    // Another spelling of the same file.
    let dotted = d.join(".").join("same.pem");
    let o = kyso(&["key", "generate", "-t", "p256", "-o", s(&same), "--pub-out", s(&dotted), "--no-encrypt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!same.exists());

    // p12-import --key-out X --cert-out X --force keeps nothing but refuses.
    let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let key_path = d.join("k.pem");
    let key_pem = key.to_pkcs8_pem(Some(PW.as_bytes())).unwrap();
    std::fs::write(&key_path, key_pem.as_bytes()).unwrap();
    let cert_path = d.join("c.pem");
    std::fs::write(&cert_path, self_signed(&key, "Nguyễn Văn A")).unwrap();
    let p12 = d.join("id.p12");
    ok(kyso(&[
        "key",
        "p12-export",
        "--key",
        s(&key_path),
        "--cert",
        s(&cert_path),
        "--out",
        s(&p12),
        "--pass-env",
        "KYSO_PW",
        "--out-pass-env",
        "KYSO_PW2",
    ]));
    let x = d.join("x.pem");
    let o = kyso(&[
        "key",
        "p12-import",
        s(&p12),
        "--key-out",
        s(&x),
        "--cert-out",
        s(&x),
        "--force",
        "--no-encrypt",
        "--pass-env",
        "KYSO_PW2",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("same file"), "{}", stderr(&o));
    assert!(!x.exists());
    // An output that is an input: the key (convert), the certificate (p12-export), with --force.
    let o = kyso(&[
        "key",
        "convert",
        s(&key_path),
        "-o",
        s(&key_path),
        "--force",
        "--no-encrypt",
        "--pass-env",
        "KYSO_PW",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is the input"), "{}", stderr(&o));
    let o = kyso(&[
        "key",
        "p12-export",
        "--key",
        s(&key_path),
        "--cert",
        s(&cert_path),
        "--out",
        s(&cert_path),
        "--force",
        "--pass-env",
        "KYSO_PW",
        "--out-pass-env",
        "KYSO_PW2",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&key_path).unwrap(), key_pem.as_bytes(), "the key is untouched");
    assert!(std::fs::read_to_string(&cert_path).unwrap().contains("CERTIFICATE"));
    // cert self-sign over its own key, through a symbolic link.
    #[cfg(unix)]
    {
        let link = d.join("link.pem");
        std::os::unix::fs::symlink(&key_path, &link).unwrap();
        let o = kyso(&[
            "cert",
            "self-sign",
            "--key",
            s(&key_path),
            "--pass-env",
            "KYSO_PW",
            "--subject",
            "CN=Root",
            "--out",
            s(&link),
            "--force",
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(std::fs::read(&key_path).unwrap(), key_pem.as_bytes(), "the key is untouched");
    }
}
