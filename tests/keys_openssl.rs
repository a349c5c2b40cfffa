//! Interoperability of kyso's key handling with OpenSSL 3, in both directions: key files,
//! signatures and PKCS#12. Skipped with a notice when `openssl` is missing; fails then if `CI` is
//! set.

use kyso::ErrorKind;
use kyso::keys::{self, KeyAlgorithm, KeyFormat, SignatureAlgorithm, Signer, SoftwareKey, pkcs12};
use std::path::{Path, PathBuf};
use std::process::Command;

const PASS_VAR: &str = "KYSO_TEST_PASS";
const PASS: &str = "mật khẩu 123";

/// `Some(())` when openssl can be run; otherwise a notice (or a failure under CI).
fn openssl() -> Option<()> {
    match Command::new("openssl").arg("version").output() {
        Ok(o) if o.status.success() => Some(()),
        _ => {
            if std::env::var_os("CI").is_some() {
                panic!("openssl is required when CI is set");
            }
            eprintln!("notice: openssl not found, skipping OpenSSL interop test");
            None
        }
    }
}

/// Run openssl with `args` (passphrase in env `PASS_VAR`), assert success, return stdout.
fn ossl(args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl").args(args).env(PASS_VAR, PASS).output().expect("run openssl");
    assert!(
        out.status.success(),
        "openssl {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Run openssl and return whether it succeeded.
fn ossl_ok(args: &[&str]) -> bool {
    Command::new("openssl").args(args).env(PASS_VAR, PASS).output().expect("run openssl").status.success()
}

fn p(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The public key PEM OpenSSL derives from a private key file.
fn openssl_pubout(key: &Path, pass: bool) -> String {
    let mut args = vec!["pkey", "-in", s(key), "-pubout"];
    if pass {
        args.extend(["-passin", "env:KYSO_TEST_PASS"]);
    }
    String::from_utf8(ossl(&args)).unwrap()
}

const ALL: [KeyAlgorithm; 4] =
    [KeyAlgorithm::Rsa { bits: 2048 }, KeyAlgorithm::EcP256, KeyAlgorithm::EcP384, KeyAlgorithm::Ed25519];

#[test]
fn openssl_reads_kyso_keys_plain_and_encrypted() {
    let Some(()) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    for alg in ALL {
        let key = SoftwareKey::generate(alg).unwrap();
        // Encrypted with the real default (PBES2, PBKDF2-SHA256 600,000, AES-256-CBC).
        let enc = p(dir.path(), "enc.pem");
        std::fs::write(&enc, key.to_pkcs8_pem(Some(PASS.as_bytes())).unwrap().as_bytes()).unwrap();
        assert_eq!(openssl_pubout(&enc, true), key.public_key_pem(), "{alg}");
        let text = String::from_utf8(ossl(&["asn1parse", "-in", s(&enc)])).unwrap();
        assert!(text.contains("hmacWithSHA256") && text.contains("aes-256-cbc"), "{text}");
        // A wrong passphrase is refused by OpenSSL too.
        assert!(!ossl_ok(&["pkey", "-in", s(&enc), "-passin", "pass:wrong", "-noout"]));
        // Plain PKCS#8 PEM and encrypted DER.
        let plain = p(dir.path(), "plain.pem");
        std::fs::write(&plain, key.to_pkcs8_pem(None).unwrap().as_bytes()).unwrap();
        assert_eq!(openssl_pubout(&plain, false), key.public_key_pem(), "{alg}");
        let der = p(dir.path(), "enc.der");
        std::fs::write(&der, &*key.to_encrypted_pkcs8_der(PASS.as_bytes(), 10_000).unwrap()).unwrap();
        let pubout =
            ossl(&["pkey", "-inform", "DER", "-in", s(&der), "-passin", "env:KYSO_TEST_PASS", "-pubout"]);
        assert_eq!(String::from_utf8(pubout).unwrap(), key.public_key_pem(), "{alg}");
    }
}

#[test]
fn kyso_reads_openssl_keys_in_every_format() {
    let Some(()) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let gen_cases: [(&str, &[&str], KeyAlgorithm); 4] = [
        ("rsa", &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"], KeyAlgorithm::Rsa { bits: 3072 }),
        ("p256", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], KeyAlgorithm::EcP256),
        ("p384", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"], KeyAlgorithm::EcP384),
        ("ed25519", &["-algorithm", "ED25519"], KeyAlgorithm::Ed25519),
    ];
    for (name, opts, alg) in gen_cases {
        let key_path = p(d, &format!("{name}.pem"));
        let mut args = vec!["genpkey"];
        args.extend_from_slice(opts);
        args.extend(["-out", s(&key_path)]);
        ossl(&args);
        let expected_pub = openssl_pubout(&key_path, false);
        let check = |path: &Path, pass: Option<&[u8]>, format: KeyFormat| {
            let data = std::fs::read(path).unwrap();
            assert_eq!(keys::sniff(&data).unwrap(), format, "{name} {}", path.display());
            assert_eq!(
                keys::is_encrypted(&data),
                matches!(format, KeyFormat::EncryptedPkcs8 | KeyFormat::LegacyEncryptedPem)
            );
            let key = keys::load_private_key(path, pass)
                .unwrap_or_else(|e| panic!("{name} {}: {e}", path.display()));
            assert_eq!(key.key_algorithm(), alg);
            assert_eq!(key.public_key_pem(), expected_pub, "{name} {}", path.display());
        };
        check(&key_path, None, KeyFormat::Pkcs8);
        // DER PKCS#8, and `pkey -outform DER`, which writes the traditional format.
        let der = p(d, &format!("{name}.der"));
        ossl(&["pkcs8", "-topk8", "-nocrypt", "-in", s(&key_path), "-outform", "DER", "-out", s(&der)]);
        check(&der, None, KeyFormat::Pkcs8);
        let trad_der = p(d, &format!("{name}.pkey.der"));
        ossl(&["pkey", "-in", s(&key_path), "-outform", "DER", "-out", s(&trad_der)]);
        let trad_format = match alg {
            KeyAlgorithm::Rsa { .. } => KeyFormat::Pkcs1,
            KeyAlgorithm::EcP256 | KeyAlgorithm::EcP384 => KeyFormat::Sec1,
            KeyAlgorithm::Ed25519 => KeyFormat::Pkcs8,
            other => panic!("no traditional format known for {other:?}"),
        };
        check(&trad_der, None, trad_format);
        // Encrypted PKCS#8: AES-256 with PBKDF2 (OpenSSL 3: hmacWithSHA256), with scrypt, and the
        // legacy PKCS#12 3DES PBE; PEM and DER.
        for (suffix, extra) in [
            ("aes", &["-v2", "aes256"][..]),
            ("scrypt", &["-scrypt"][..]),
            ("des3", &["-v2", "des3", "-v2prf", "hmacWithSHA1"][..]),
            ("pbe3des", &["-v1", "PBE-SHA1-3DES"][..]),
        ] {
            for form in ["PEM", "DER"] {
                let out = p(d, &format!("{name}.{suffix}.{form}"));
                let mut args = vec!["pkcs8", "-topk8", "-in", s(&key_path), "-outform", form];
                args.extend_from_slice(extra);
                args.extend(["-passout", "env:KYSO_TEST_PASS", "-out", s(&out)]);
                ossl(&args);
                check(&out, Some(PASS.as_bytes()), KeyFormat::EncryptedPkcs8);
                let err = keys::load_private_key(&out, Some(b"wrong")).unwrap_err();
                assert_eq!(err.kind(), ErrorKind::Passphrase, "{suffix} {form}: {err}");
                let err = keys::load_private_key(&out, None).unwrap_err();
                assert_eq!(err.kind(), ErrorKind::Passphrase, "{suffix} {form}: {err}");
                assert!(err.to_string().contains(&*out.to_string_lossy()), "{err}");
            }
        }
        // Traditional formats: PKCS#1 for RSA, SEC1 for EC (PEM and DER).
        match alg {
            KeyAlgorithm::Rsa { .. } => {
                let trad = p(d, "rsa.trad.pem");
                ossl(&["pkey", "-in", s(&key_path), "-traditional", "-out", s(&trad)]);
                check(&trad, None, KeyFormat::Pkcs1);
                let trad2 = p(d, "rsa.trad2.pem");
                ossl(&["rsa", "-in", s(&key_path), "-traditional", "-out", s(&trad2)]);
                check(&trad2, None, KeyFormat::Pkcs1);
                let trad_der = p(d, "rsa.trad.der");
                ossl(&["rsa", "-in", s(&key_path), "-traditional", "-outform", "DER", "-out", s(&trad_der)]);
                check(&trad_der, None, KeyFormat::Pkcs1);
                // Legacy ("traditional") PEM encryption, as `openssl genrsa -des3` used to write.
                for cipher in ["-aes256", "-aes128", "-des3"] {
                    let legacy = p(d, &format!("rsa.legacy{cipher}.pem"));
                    ossl(&[
                        "rsa",
                        "-in",
                        s(&key_path),
                        "-traditional",
                        cipher,
                        "-passout",
                        "env:KYSO_TEST_PASS",
                        "-out",
                        s(&legacy),
                    ]);
                    check(&legacy, Some(PASS.as_bytes()), KeyFormat::LegacyEncryptedPem);
                    let err = keys::load_private_key(&legacy, Some(b"wrong")).unwrap_err();
                    assert_eq!(err.kind(), ErrorKind::Passphrase, "{cipher}: {err}");
                    let data = std::fs::read(&legacy).unwrap();
                    assert_eq!(
                        keys::describe_encryption(&data).unwrap().code,
                        kyso::diag::codes::keys::KEY_ENCRYPTION_LEGACY_PEM
                    );
                }
            }
            KeyAlgorithm::EcP256 | KeyAlgorithm::EcP384 => {
                let sec1 = p(d, &format!("{name}.sec1.pem"));
                ossl(&["ec", "-in", s(&key_path), "-out", s(&sec1)]);
                check(&sec1, None, KeyFormat::Sec1);
                let sec1_der = p(d, &format!("{name}.sec1.der"));
                ossl(&["ec", "-in", s(&key_path), "-outform", "DER", "-out", s(&sec1_der)]);
                check(&sec1_der, None, KeyFormat::Sec1);
                let legacy = p(d, &format!("{name}.legacy.pem"));
                ossl(&[
                    "ec",
                    "-in",
                    s(&key_path),
                    "-aes128",
                    "-passout",
                    "env:KYSO_TEST_PASS",
                    "-out",
                    s(&legacy),
                ]);
                check(&legacy, Some(PASS.as_bytes()), KeyFormat::LegacyEncryptedPem);
                // No public key in the file: kyso computes it.
                let nopub = p(d, &format!("{name}.nopub.pem"));
                ossl(&["ec", "-in", s(&key_path), "-no_public", "-out", s(&nopub)]);
                check(&nopub, None, KeyFormat::Sec1);
            }
            KeyAlgorithm::Ed25519 => {}
            other => panic!("no traditional format known for {other:?}"),
        }
    }
    // `openssl ecparam -genkey` writes EC PARAMETERS before the key.
    let ecparam = p(d, "ecparam.pem");
    ossl(&["ecparam", "-genkey", "-name", "prime256v1", "-out", s(&ecparam)]);
    let key = keys::load_private_key(&ecparam, None).unwrap();
    assert_eq!(key.public_key_pem(), openssl_pubout(&ecparam, false));
}

#[test]
fn unsupported_openssl_keys_are_reported_as_such() {
    let Some(()) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in [
        ("p521", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"][..]),
        ("ed448", &["-algorithm", "ED448"][..]),
        ("rsa1024", &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"][..]),
        ("rsapss", &["-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048"][..]),
    ] {
        let path = p(dir.path(), name);
        let mut a = vec!["genpkey"];
        a.extend_from_slice(args);
        a.extend(["-out", s(&path)]);
        ossl(&a);
        let err = keys::load_private_key(&path, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported, "{name}: {err}");
    }
}

#[test]
fn openssl_verifies_kyso_signatures() {
    let Some(()) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let msg_path = p(d, "msg.txt");
    let msg = "Cộng hòa xã hội chủ nghĩa Việt Nam — văn bản ký số".as_bytes();
    std::fs::write(&msg_path, msg).unwrap();
    let tampered = p(d, "tampered.txt");
    std::fs::write(&tampered, b"something else").unwrap();
    for alg in ALL {
        let key = SoftwareKey::generate(alg).unwrap();
        let pub_path = p(d, "pub.pem");
        std::fs::write(&pub_path, key.public_key_pem()).unwrap();
        for &sa in key.signature_algorithms() {
            let sig = key.sign(sa, msg).unwrap();
            let sig_path = p(d, "sig.bin");
            std::fs::write(&sig_path, &sig).unwrap();
            let verify = |input: &Path| -> bool {
                let (dgst, pss_salt) = match sa {
                    SignatureAlgorithm::RsaPkcs1Sha256 => ("-sha256", None),
                    SignatureAlgorithm::RsaPkcs1Sha384 => ("-sha384", None),
                    SignatureAlgorithm::RsaPkcs1Sha512 => ("-sha512", None),
                    // PSS with salt length = hash length, stated explicitly.
                    SignatureAlgorithm::RsaPssSha256 => ("-sha256", Some("32")),
                    SignatureAlgorithm::RsaPssSha384 => ("-sha384", Some("48")),
                    SignatureAlgorithm::RsaPssSha512 => ("-sha512", Some("64")),
                    SignatureAlgorithm::EcdsaP256Sha256 => ("-sha256", None),
                    SignatureAlgorithm::EcdsaP384Sha384 => ("-sha384", None),
                    SignatureAlgorithm::Ed25519 => {
                        return ossl_ok(&[
                            "pkeyutl",
                            "-verify",
                            "-pubin",
                            "-inkey",
                            s(&pub_path),
                            "-rawin",
                            "-in",
                            s(input),
                            "-sigfile",
                            s(&sig_path),
                        ]);
                    }
                    other => panic!("no openssl verification known for {other:?}"),
                };
                let salt_opt = pss_salt.map(|n| format!("rsa_pss_saltlen:{n}"));
                let mut args = vec!["dgst", dgst, "-verify", s(&pub_path), "-signature", s(&sig_path)];
                if let Some(salt) = &salt_opt {
                    args.extend(["-sigopt", "rsa_padding_mode:pss", "-sigopt", salt]);
                }
                args.push(s(input));
                ossl_ok(&args)
            };
            assert!(verify(&msg_path), "openssl rejects kyso's {sa} signature ({alg})");
            assert!(!verify(&tampered), "openssl accepts a {sa} signature over other data ({alg})");
        }
    }
}

fn make_cert(d: &Path, key: &Path, name: &str, issuer: Option<(&Path, &Path)>) -> PathBuf {
    let cert = p(d, &format!("{name}.crt"));
    match issuer {
        None => {
            ossl(&[
                "req",
                "-x509",
                "-new",
                "-key",
                s(key),
                "-subj",
                &format!("/CN={name}"),
                "-days",
                "30",
                "-out",
                s(&cert),
            ]);
        }
        Some((ca_cert, ca_key)) => {
            let csr = p(d, &format!("{name}.csr"));
            ossl(&["req", "-new", "-key", s(key), "-subj", &format!("/CN={name}"), "-out", s(&csr)]);
            ossl(&[
                "x509",
                "-req",
                "-in",
                s(&csr),
                "-CA",
                s(ca_cert),
                "-CAkey",
                s(ca_key),
                "-CAcreateserial",
                "-days",
                "30",
                "-out",
                s(&cert),
            ]);
        }
    }
    cert
}

#[test]
fn kyso_imports_openssl_pkcs12_default_and_legacy() {
    let Some(()) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ca_key = p(d, "ca.key");
    ossl(&["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", s(&ca_key)]);
    let ca_cert = make_cert(d, &ca_key, "Root CA", None);
    for (name, gen_opts) in [
        ("rsa", &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"][..]),
        ("p256", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"][..]),
        ("ed25519", &["-algorithm", "ED25519"][..]),
    ] {
        let key = p(d, &format!("{name}.key"));
        let mut a = vec!["genpkey"];
        a.extend_from_slice(gen_opts);
        a.extend(["-out", s(&key)]);
        ossl(&a);
        let cert = make_cert(d, &key, &format!("leaf {name}"), Some((&ca_cert, &ca_key)));
        let expected_pub = openssl_pubout(&key, false);
        let cert_obj = kyso::Certificate::load(&cert).unwrap();
        let ca_obj = kyso::Certificate::load(&ca_cert).unwrap();
        for (mode, extra) in [("default", &[][..]), ("legacy", &["-legacy"][..])] {
            let p12 = p(d, &format!("{name}.{mode}.p12"));
            let mut a = vec![
                "pkcs12",
                "-export",
                "-inkey",
                s(&key),
                "-in",
                s(&cert),
                "-certfile",
                s(&ca_cert),
                "-name",
                "Khóa ký",
                "-passout",
                "env:KYSO_TEST_PASS",
                "-out",
                s(&p12),
            ];
            a.extend_from_slice(extra);
            if !ossl_ok(&a) && mode == "legacy" {
                eprintln!("notice: this openssl has no legacy provider, skipping -legacy");
                continue;
            }
            ossl(&a);
            let bundle = pkcs12::load(&p12, PASS.as_bytes()).unwrap_or_else(|e| panic!("{name} {mode}: {e}"));
            assert_eq!(bundle.key.public_key_pem(), expected_pub, "{name} {mode}");
            assert_eq!(bundle.cert, cert_obj);
            assert_eq!(bundle.chain, vec![ca_obj.clone()]);
            assert_eq!(bundle.friendly_name.as_deref(), Some("Khóa ký"));
            assert_eq!(bundle.key.certificate(), Some(&cert_obj));
            let err = pkcs12::load(&p12, b"wrong").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Passphrase, "{name} {mode}: {err}");
        }
    }
}

#[test]
fn openssl_reads_kyso_pkcs12() {
    let Some(()) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ca_key_path = p(d, "ca.key");
    let ca = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    std::fs::write(&ca_key_path, ca.to_pkcs8_pem(None).unwrap().as_bytes()).unwrap();
    let ca_cert = make_cert(d, &ca_key_path, "CA", None);
    for (i, alg) in ALL.into_iter().enumerate() {
        let key = SoftwareKey::generate(alg).unwrap();
        let key_path = p(d, "leaf.key");
        std::fs::write(&key_path, key.to_pkcs8_pem(None).unwrap().as_bytes()).unwrap();
        let cert =
            kyso::Certificate::load(make_cert(d, &key_path, "leaf", Some((&ca_cert, &ca_key_path)))).unwrap();
        let chain = vec![kyso::Certificate::load(&ca_cert).unwrap()];
        // The first one with the real default iteration count, the others faster.
        let p12 = if i == 0 {
            pkcs12::export(&key, &cert, &chain, PASS.as_bytes(), Some("Nguyễn Văn A")).unwrap()
        } else {
            pkcs12::export_with_iterations(&key, &cert, &chain, PASS.as_bytes(), Some("Nguyễn Văn A"), 4096)
                .unwrap()
        };
        let p12_path = p(d, "out.p12");
        std::fs::write(&p12_path, &*p12).unwrap();
        // OpenSSL prints BMP friendly names byte-wise: not always UTF-8.
        let out = ossl(&["pkcs12", "-in", s(&p12_path), "-nodes", "-passin", "env:KYSO_TEST_PASS"]);
        let text = String::from_utf8_lossy(&out).into_owned();
        assert!(text.contains("-----BEGIN PRIVATE KEY-----"), "{alg}: {text}");
        assert_eq!(text.matches("-----BEGIN CERTIFICATE-----").count(), 2, "{alg}");
        assert!(text.contains("friendlyName: Nguy"), "{alg}: {text}");
        assert!(text.contains("localKeyID:"), "{alg}: {text}");
        let pem_path = p(d, "out.pem");
        std::fs::write(&pem_path, &text).unwrap();
        assert_eq!(openssl_pubout(&pem_path, false), key.public_key_pem(), "{alg}");
        // -info reports the algorithms (on stderr).
        let info = Command::new("openssl")
            .args(["pkcs12", "-in", s(&p12_path), "-info", "-noout", "-passin", "env:KYSO_TEST_PASS"])
            .env(PASS_VAR, PASS)
            .output()
            .unwrap();
        assert!(info.status.success());
        let info = String::from_utf8_lossy(&info.stderr);
        assert!(info.contains("MAC: sha256"), "{info}");
        assert!(info.contains("PBES2, PBKDF2, AES-256-CBC"), "{info}");
        assert!(!ossl_ok(&["pkcs12", "-in", s(&p12_path), "-noout", "-passin", "pass:wrong"]));
    }
}

#[test]
fn unusual_openssl_pkcs12_files() {
    let Some(()) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let key = p(d, "k.pem");
    ossl(&["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", s(&key)]);
    let cert = make_cert(d, &key, "leaf", None);
    let expected_pub = openssl_pubout(&key, false);
    let export = |name: &str, extra: &[&str]| -> PathBuf {
        let out = p(d, name);
        let mut a = vec!["pkcs12", "-export", "-inkey", s(&key), "-in", s(&cert), "-out", s(&out)];
        a.extend_from_slice(extra);
        ossl(&a);
        out
    };
    // No MAC; unencrypted bags (keyBag); an empty passphrase; AES-128 with SHA-512 MAC.
    let cases: [(&str, &[&str], &[u8]); 4] = [
        ("nomac.p12", &["-nomac", "-passout", "env:KYSO_TEST_PASS"], PASS.as_bytes()),
        (
            "plain.p12",
            &["-keypbe", "NONE", "-certpbe", "NONE", "-passout", "env:KYSO_TEST_PASS"],
            PASS.as_bytes(),
        ),
        ("empty.p12", &["-passout", "pass:"], b""),
        (
            "aes128.p12",
            &[
                "-keypbe",
                "AES-128-CBC",
                "-certpbe",
                "AES-128-CBC",
                "-macalg",
                "sha512",
                "-passout",
                "env:KYSO_TEST_PASS",
            ],
            PASS.as_bytes(),
        ),
    ];
    for (name, extra, pass) in cases {
        let path = export(name, extra);
        let bundle = pkcs12::load(&path, pass).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(bundle.key.public_key_pem(), expected_pub, "{name}");
        if name != "plain.p12" {
            let err = pkcs12::load(&path, b"wrong").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Passphrase, "{name}: {err}");
        }
    }
    // Without the certificate, or without the key: a clear input error.
    let nocerts = p(d, "nocerts.p12");
    ossl(&[
        "pkcs12",
        "-export",
        "-inkey",
        s(&key),
        "-in",
        s(&cert),
        "-nocerts",
        "-passout",
        "env:KYSO_TEST_PASS",
        "-out",
        s(&nocerts),
    ]);
    let err = pkcs12::load(&nocerts, PASS.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Input, "{err}");
    assert!(err.message().contains("no certificate"), "{err}");
    let nokeys = p(d, "nokeys.p12");
    ossl(&[
        "pkcs12",
        "-export",
        "-in",
        s(&cert),
        "-nokeys",
        "-passout",
        "env:KYSO_TEST_PASS",
        "-out",
        s(&nokeys),
    ]);
    let err = pkcs12::load(&nokeys, PASS.as_bytes()).unwrap_err();
    assert!(err.message().contains("no private key"), "{err}");
    // `openssl pkcs12 -nodes` output (Bag Attributes text, key and certificate in one PEM file)
    // is a valid key file for kyso; with -passout the key is encrypted PKCS#8.
    let p12 = export("default.p12", &["-passout", "env:KYSO_TEST_PASS"]);
    let pem = p(d, "nodes.pem");
    ossl(&["pkcs12", "-in", s(&p12), "-nodes", "-passin", "env:KYSO_TEST_PASS", "-out", s(&pem)]);
    assert_eq!(keys::load_private_key(&pem, None).unwrap().public_key_pem(), expected_pub);
    let pem = p(d, "enc.pem");
    ossl(&[
        "pkcs12",
        "-in",
        s(&p12),
        "-passin",
        "env:KYSO_TEST_PASS",
        "-passout",
        "env:KYSO_TEST_PASS",
        "-out",
        s(&pem),
    ]);
    assert_eq!(keys::load_private_key(&pem, Some(PASS.as_bytes())).unwrap().public_key_pem(), expected_pub);
    // A PKCS#12 file given where a key is expected says so.
    let err = keys::load_private_key(&p12, None).unwrap_err();
    assert!(err.message().contains("PKCS#12"), "{err}");
}

#[test]
fn key_identifier_matches_openssl_subject_key_identifier() {
    let Some(()) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    for alg in ALL {
        let key = SoftwareKey::generate(alg).unwrap();
        let key_path = p(dir.path(), "k.pem");
        std::fs::write(&key_path, key.to_pkcs8_pem(None).unwrap().as_bytes()).unwrap();
        let cert = make_cert(dir.path(), &key_path, "ski", None);
        let text =
            String::from_utf8(ossl(&["x509", "-in", s(&cert), "-noout", "-ext", "subjectKeyIdentifier"]))
                .unwrap();
        let ski: String = text.lines().nth(1).unwrap().trim().replace(':', "").to_lowercase();
        assert_eq!(ski, hex::encode(keys::key_identifier(key.public_key_spki()).unwrap()), "{alg}");
    }
}

#[test]
fn openssl_reads_kyso_legacy_pkcs12_without_the_legacy_provider() {
    let Some(()) = openssl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let key = SoftwareKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).unwrap();
    let key_path = p(d, "k.pem");
    std::fs::write(&key_path, key.to_pkcs8_pem(None).unwrap().as_bytes()).unwrap();
    let cert = kyso::Certificate::load(make_cert(d, &key_path, "legacy", None)).unwrap();
    let p12 = pkcs12::export_legacy(&key, &cert, &[], PASS.as_bytes(), Some("Khóa")).unwrap();
    let p12_path = p(d, "legacy.p12");
    std::fs::write(&p12_path, &*p12).unwrap();
    let info = Command::new("openssl")
        .args(["pkcs12", "-in", s(&p12_path), "-info", "-nodes", "-passin", "env:KYSO_TEST_PASS"])
        .env(PASS_VAR, PASS)
        .output()
        .unwrap();
    assert!(info.status.success(), "{}", String::from_utf8_lossy(&info.stderr));
    let err = String::from_utf8_lossy(&info.stderr);
    assert!(err.contains("MAC: sha1"), "{err}");
    assert!(err.contains("pbeWithSHA1And3-KeyTripleDES-CBC"), "{err}");
    let pem_path = p(d, "out.pem");
    std::fs::write(&pem_path, &info.stdout).unwrap();
    assert_eq!(openssl_pubout(&pem_path, false), key.public_key_pem());
}
