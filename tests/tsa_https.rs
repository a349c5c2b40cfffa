//! A TSA over https on 127.0.0.1 (`openssl ts -reply` behind a rustls server whose self-signed
//! certificate is generated here): `kyso sign --tsa https://... --tsa-ca-cert server.pem` makes
//! a B-T signature that `kyso verify` accepts; without `--tsa-ca-cert` the server is not trusted
//! and signing fails with a network error (exit 2), writing nothing. The server binds 127.0.0.1
//! only, bounds each connection to 10 s, and stops when the test ends.

mod cms_common;
#[path = "common/tsa.rs"]
mod tsa;

use assert_cmd::Command;
use cms_common::{Pki, have_openssl};
use predicates::prelude::*;
use std::sync::Arc;

fn kyso() -> Command {
    let mut c = Command::cargo_bin("kyso").unwrap();
    c.env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("CI");
    // The loopback server is reached directly.
    for v in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"] {
        c.env_remove(v);
    }
    c
}

/// A self-signed TLS server certificate for 127.0.0.1 (IP SAN) and its rustls configuration.
fn tls_server(p: &Pki) -> (std::path::PathBuf, Arc<rustls::ServerConfig>) {
    let rcgen::CertifiedKey { cert, signing_key } =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let pem_path = p.path("tls-server.pem");
    std::fs::write(&pem_path, cert.pem()).unwrap();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(signing_key.serialize_der().into());
    #[allow(deprecated)] // ring's provider: the one ureq uses
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], key)
        .unwrap();
    (pem_path, Arc::new(config))
}

#[test]
fn b_t_signature_through_an_https_tsa() {
    if !have_openssl() {
        return;
    }
    let p = Pki::new();
    let (server_pem, tls) = tls_server(&p);
    let server = tsa::Tsa::start_tls(&p.tsa.cert_path, &p.tsa.key_path, &p.ca_path, "sha256", tls);
    assert!(server.url.starts_with("https://127.0.0.1:"), "{}", server.url);
    let f = p.path("https.txt");
    std::fs::write(&f, b"timestamped over https\n").unwrap();
    let sign = |extra: &[&std::ffi::OsStr]| {
        let mut c = kyso();
        c.arg("sign").arg(&f).arg("--key").arg(&p.rsa.key_path).arg("--cert").arg(&p.rsa.cert_path);
        c.arg("--chain").arg(&p.ca_path).arg("--tsa").arg(&server.url).args(["--tsa-timeout", "20"]);
        c.args(extra);
        c
    };

    // Not trusted: Mozilla's roots do not know the server.
    sign(&[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("timestamp server").and(predicate::str::contains(&server.url)))
        .stderr(predicate::str::contains("TLS").and(predicate::str::contains("trust the root certificate")));
    assert!(!p.path("https.txt.p7s").exists());

    // Trusted with --tsa-ca-cert.
    sign(&["--tsa-ca-cert".as_ref(), server_pem.as_os_str()])
        .assert()
        .success()
        .stdout(predicate::str::contains("CAdES-T"));
    let mut c = kyso();
    c.arg("verify").arg("--anchor").arg(&p.root_path).arg(&f);
    c.assert()
        .code(0)
        .stdout(predicate::str::contains("CAdES-T (B-T)"))
        .stdout(predicate::str::contains("Kyso tsa"));

    // `kyso timestamp request` takes the same option.
    let mut c = kyso();
    c.args(["timestamp", "request"]).arg(&f).arg("--tsa").arg(&server.url);
    c.arg("--tsa-ca-cert").arg(&server_pem);
    c.assert().success();
    assert!(p.path("https.txt.tsr").is_file());
    assert!(server.served() >= 3, "{}", server.served());
}

#[test]
fn https_tsa_through_the_library() {
    if !have_openssl() {
        return;
    }
    let p = Pki::new();
    let (server_pem, tls) = tls_server(&p);
    let server = tsa::Tsa::start_tls(&p.tsa.cert_path, &p.tsa.key_path, &p.ca_path, "sha256", tls);
    let root = kyso::Certificate::load(&server_pem).unwrap().der().to_vec();
    let client = kyso::cms::TsaClient::with_tls_roots(&server.url, vec![root]).unwrap();
    let timestamper: &dyn kyso::cms::Timestamper = &client;
    let hash = kyso::cms::DigestAlgorithm::Sha256.digest(b"data");
    let resp = timestamper.timestamp(kyso::cms::DigestAlgorithm::Sha256, &hash).unwrap();
    let report = kyso::cms::tsp::verify_token(
        &resp.response_der,
        &mut &b"data"[..],
        Some(&resp.nonce),
        &p.verify_options(),
    )
    .unwrap();
    assert!(report.valid, "{:?}", report.errors);
    // Another root: refused, as a network error naming the URL.
    let other = kyso::cms::TsaClient::with_tls_roots(&server.url, vec![p.root.der().to_vec()]).unwrap();
    let e = other.timestamp_data(b"data").unwrap_err();
    assert_eq!(e.kind(), kyso::ErrorKind::Network);
    assert!(e.message().contains(&server.url), "{e}");
}
