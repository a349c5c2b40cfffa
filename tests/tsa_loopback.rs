//! CAdES-T / B-T against a real TSA on 127.0.0.1 (`openssl ts -reply` behind a small HTTP
//! server): kyso adds the token, verifies it (imprint, nonce, TSA EKU, path), validates the
//! signer at genTime, and `openssl ts -verify` accepts the token.

mod cms_common;
#[path = "common/tsa.rs"]
mod tsa;

use cms_common::{Pki, have_openssl};
use kyso::cms::{self, CheckStatus, SignOptions, TsaClient};
use kyso::diag::{Lang, codes};
use std::process::Command;

const DATA: &[u8] = b"Quyet dinh so 123/QD-UBND\n";

#[test]
fn b_t_signature_with_loopback_tsa() {
    if !have_openssl() {
        return;
    }
    let p = Pki::new();
    let server = tsa::Tsa::start(&p.tsa.cert_path, &p.tsa.key_path, &p.ca_path, "sha256");
    let client = TsaClient::new(&server.url).unwrap();
    let sig = cms::sign(p.p256.key.as_ref(), &p.p256.cert, &mut &DATA[..], &SignOptions::default()).unwrap();
    let der = cms::tsp::add_timestamps(&sig.der, &client).unwrap();
    assert_eq!(server.served(), 1);
    let report = cms::verify(&der, Some(&mut &DATA[..]), &p.verify_options()).unwrap();
    let s = &report.signers[0];
    assert!(report.valid, "{:?}", s.errors);
    assert_eq!(s.level, "CAdES-T (B-T)");
    assert!(s.signing_time_proven);
    assert_eq!(s.validation_time_source, "timestamp");
    let ts = s.timestamp.as_ref().unwrap();
    assert!(ts.valid, "{:?}", ts.errors);
    assert_eq!(ts.imprint.status, CheckStatus::Passed);
    assert_eq!(ts.tsa_certificate.status, CheckStatus::Passed);
    assert_eq!(ts.policy.as_deref(), Some("1.2.3.4.1"));
    assert!(ts.path.as_ref().unwrap().valid);
    assert_eq!(ts.tsa.as_ref().unwrap().common_name.as_deref(), Some("Kyso tsa"));
    let gen_time = ts.gen_time.as_ref().unwrap().unix;
    assert!((gen_time - time::OffsetDateTime::now_utc().unix_timestamp()).abs() < 120);

    // OpenSSL still verifies the CMS signature with the token in its unsigned attributes.
    let sig_path = p.path("bt.p7s");
    let data_path = p.path("bt.txt");
    std::fs::write(&sig_path, &der).unwrap();
    std::fs::write(&data_path, DATA).unwrap();
    let out = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(&sig_path)
        .arg("-content")
        .arg(&data_path)
        // OpenSSL's cms -verify does not build chains from -certfile: give it root and CA.
        .arg("-CAfile")
        .arg(&p.chain_path)
        .args(["-purpose", "any", "-out", "/dev/null"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The token, extracted, passes `openssl ts -verify` over the signature value.
    let parsed = cms::parse(&der).unwrap();
    let info = &parsed.signers[0].info;
    let token = info.unsigned_attrs.as_ref().unwrap().iter().next().unwrap().values.iter().next().unwrap();
    let token_der = der::Encode::to_der(token).unwrap();
    let tok_path = p.path("token.der");
    std::fs::write(&tok_path, &token_der).unwrap();
    let sigval = p.path("sigvalue.bin");
    std::fs::write(&sigval, info.signature.as_bytes()).unwrap();
    let out = Command::new("openssl")
        .args(["ts", "-verify", "-token_in", "-in"])
        .arg(&tok_path)
        .arg("-data")
        .arg(&sigval)
        .arg("-CAfile")
        .arg(&p.root_path)
        .arg("-untrusted")
        .arg(&p.ca_path)
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && text.contains("Verification: OK"), "{text}");

    // The timestamp is over this signature value only: a token moved to another signature
    // fails its imprint check.
    let other =
        cms::sign(p.p384.key.as_ref(), &p.p384.cert, &mut &DATA[..], &SignOptions::default()).unwrap();
    let other_parsed = cms::parse(&other.der).unwrap();
    let r = cms::tsp::verify_token_over(
        &token_der,
        other_parsed.signers[0].info.signature.as_bytes(),
        None,
        &p.verify_options(),
    );
    assert!(!r.valid);
    assert_eq!(r.imprint.status, CheckStatus::Failed);
}

#[test]
fn v1_signing_certificate_tokens_and_standalone_requests() {
    if !have_openssl() {
        return;
    }
    let p = Pki::new();
    // ESS signing-certificate v1 (SHA-1), OpenSSL's default.
    let server = tsa::Tsa::start(&p.tsa.cert_path, &p.tsa.key_path, &p.ca_path, "sha1");
    let client = TsaClient::new(&server.url).unwrap();
    let resp = client.timestamp_data(DATA).unwrap();
    let opts = p.verify_options();
    let report =
        cms::tsp::verify_token(&resp.response_der, &mut &DATA[..], Some(&resp.nonce), &opts).unwrap();
    assert!(report.valid, "{:?}", report.errors);
    assert_eq!(report.nonce.status, CheckStatus::Passed);
    assert_eq!(report.nonce.detail.as_ref().map(|f| f.code()), Some(codes::tsp::TSP_NONCE_MATCHES));
    assert_eq!(report.imprint.detail.as_ref().map(|f| f.code()), Some(codes::tsp::TSP_IMPRINT_MATCHES));
    // Wrong nonce, wrong data.
    let r = cms::tsp::verify_token(&resp.response_der, &mut &DATA[..], Some(&[1, 2, 3]), &opts).unwrap();
    assert!(!r.valid);
    assert_eq!(r.nonce.status, CheckStatus::Failed);
    assert!(r.errors.iter().any(|e| e.code() == codes::tsp::TSP_NONCE_DIFFERS), "{:?}", r.errors);
    let r = cms::tsp::verify_token(&resp.response_der, &mut &b"other"[..], None, &opts).unwrap();
    assert!(!r.valid);
    assert_eq!(r.imprint.status, CheckStatus::Failed);
    assert!(r.errors.iter().any(|e| e.code() == codes::tsp::TSP_IMPRINT_DIFFERS), "{:?}", r.errors);
    assert_eq!(r.nonce.detail.as_ref().map(|f| f.code()), Some(codes::tsp::TSP_NONCE_NOT_COMPARED));
    // A bare token works as well as the whole response.
    let r = cms::tsp::verify_token(&resp.token_der, &mut &DATA[..], None, &opts).unwrap();
    assert!(r.valid, "{:?}", r.errors);
    // Under a wrong anchor the TSA path fails.
    let mut wrong = opts.clone();
    wrong.store = kyso::TrustStore::new();
    wrong.store.add(p.other_root.clone(), "other", "public");
    let r = cms::tsp::verify_token(&resp.response_der, &mut &DATA[..], None, &wrong).unwrap();
    assert!(!r.valid);
    // The TSA's path error is typed: it holds the path error's own message, in either language.
    let path = r.errors.iter().find(|e| e.code() == codes::tsp::TSP_TSA_PATH_INVALID);
    let path = path.unwrap_or_else(|| panic!("{:?}", r.errors));
    let inner = path.message.params.message("problem").expect("the path error's typed message");
    let path_error = r.path.as_ref().and_then(|p| p.error.as_ref()).expect("the TSA path report");
    assert_eq!(inner, &path_error.message);
    assert!(path.render(Lang::Vi).starts_with("đường dẫn chứng thực của máy chủ dấu thời gian: "));
    assert!(path.render(Lang::Vi).ends_with(&inner.render(Lang::Vi)));
}

#[test]
fn a_tsa_certificate_without_the_timestamping_eku_is_rejected() {
    let p = Pki::new();
    // openssl refuses to run as a TSA with an ordinary signing certificate, so check kyso's
    // own rule (RFC 3161 §2.3) directly.
    let c = cms::tsp::check_tsa_certificate(&p.p256.cert);
    assert_eq!(c.status, CheckStatus::Failed);
    assert_eq!(cms::tsp::check_tsa_certificate(&p.tsa.cert).status, CheckStatus::Passed);
}

#[test]
fn unreachable_tsa_is_a_network_error() {
    let p = Pki::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut client = TsaClient::new(&format!("http://127.0.0.1:{port}/")).unwrap();
    client.timeout = std::time::Duration::from_secs(2);
    let sig = cms::sign(p.p256.key.as_ref(), &p.p256.cert, &mut &DATA[..], &SignOptions::default()).unwrap();
    let err = cms::tsp::add_timestamps(&sig.der, &client).unwrap_err();
    assert_eq!(err.kind(), kyso::ErrorKind::Network);
    assert!(err.message().contains("cannot connect"), "{err}");
}
