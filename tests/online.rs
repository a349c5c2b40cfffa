//! Online revocation and issuers against real peers on loopback: `openssl ocsp` as the OCSP
//! responder (its offline `-reqin`/`-respout` mode behind a small HTTP server on 127.0.0.1,
//! one process per request), answering good, revoked and unknown, signing as the CA or as a
//! delegated responder; a bad responder signature, a stale response, a nonce mismatch, an
//! unauthorized responder and an unreachable URL each give their finding; CRLs (complete and
//! delta) and AIA certificates (DER and a PKCS#7 `.p7c` bundle) served over HTTP; a leaf-only CMS
//! signature validated by fetching its intermediate over AIA.
//!
//! The test PKI is issued here (kyso's issue API) with its URLs on the server's port. Every
//! server is started and stopped by its test (Drop), every fetch bounded in time. Skips with a
//! notice when `openssl` is missing, and fails under `CI` then.

#[path = "common/http.rs"]
mod http;

use http::{Handler, Request, Responder, Response};
use kyso::diag::codes::{ocsp as oc, path as path_codes, revocation as rc, sources as sc};
use kyso::issue::{self, CertProfile, CrlProfile, DistinguishedName, Issuer, RevocationReason};
use kyso::keys::{KeyAlgorithm, SoftwareKey};
use kyso::net::{HttpClient, HttpOptions, NetBudget};
use kyso::path::{PathValidator, ValidationOptions, ValidationReport};
use kyso::revocation::{
    CertIdHash, CrlFetcher, OcspSource, OcspSourceOptions, RevocationMode, RevocationSource,
};
use kyso::trust::{AiaIssuers, IssuerSource};
use kyso::{Certificate, TrustStore};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// A responder path long enough that the request no longer fits RFC 5019's 255-byte GET URL.
const LONG: &str = "ocsp/ca/this-responder-path-is-long-on-purpose-so-that-the-request-must-be-posted-rather-than-sent-as-a-get-request-because-rfc-5019-limits-get-urls-to-255-bytes-xxxxxxxxxxxxxxxxxxxxxxxxxxxx";

struct Pki {
    _dir: tempfile::TempDir,
    server: http::Server,
    root: Certificate,
    ca: Certificate,
    leaves: HashMap<&'static str, Certificate>,
    leaf_keys: HashMap<&'static str, SoftwareKey>,
    /// A port nothing listens on.
    dead_port: u16,
}

fn pem_key(dir: &Path, name: &str, key: &SoftwareKey) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, kyso::io::to_pem("PRIVATE KEY", &key.pkcs8_der())).unwrap();
    p
}

fn pem_cert(dir: &Path, name: &str, c: &Certificate) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, c.to_pem()).unwrap();
    p
}

/// `openssl ca` index serial: uppercase hex without leading zero bytes.
fn index_serial(c: &Certificate) -> String {
    let raw = c.x509().raw_serial();
    let first = raw.iter().position(|b| *b != 0).unwrap_or(raw.len() - 1);
    hex::encode_upper(&raw[first..])
}

fn dn(s: &str) -> DistinguishedName {
    DistinguishedName::parse(s).unwrap()
}

fn pki() -> Option<&'static Pki> {
    static P: OnceLock<Option<Pki>> = OnceLock::new();
    P.get_or_init(|| http::have_openssl().then(make_pki)).as_ref()
}

fn make_pki() -> Pki {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let bound = http::bind();
    let base = bound.base();
    let dead_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let u = |p: &str| format!("{base}/{p}");

    let root_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let root =
        issue::self_sign(&CertProfile::root_ca(), &dn("C=VN, O=Kyso Online Test, CN=Online Root"), &root_key)
            .unwrap();
    let root_issuer = Issuer::new(&root, &root_key).unwrap();
    let ca_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let ca = issue::issue(
        &CertProfile::sub_ca(Some(0)).with_crl_distribution_point(&u("root.crl")),
        &dn("C=VN, O=Kyso Online Test, CN=Online CA"),
        ca_key.public_key_spki(),
        &root_issuer,
    )
    .unwrap();
    let ca_issuer = Issuer::new(&ca, &ca_key).unwrap();

    // Responders: a delegated one (OCSPSigning, ocsp-nocheck), one without OCSPSigning, and one
    // with OCSPSigning issued by another CA.
    let resp_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let delegated = issue::issue(
        &CertProfile::ocsp_responder(),
        &dn("C=VN, O=Kyso Online Test, CN=Online OCSP Responder"),
        resp_key.public_key_spki(),
        &ca_issuer,
    )
    .unwrap();
    let noeku_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let noeku = issue::issue(
        &CertProfile::document_signer(),
        &dn("C=VN, O=Kyso Online Test, CN=Not A Responder"),
        noeku_key.public_key_spki(),
        &ca_issuer,
    )
    .unwrap();
    let other_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let other =
        issue::self_sign(&CertProfile::root_ca(), &dn("C=VN, O=Elsewhere, CN=Other CA"), &other_key).unwrap();
    let rogue_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let rogue = issue::issue(
        &CertProfile::ocsp_responder(),
        &dn("C=VN, O=Elsewhere, CN=Rogue Responder"),
        rogue_key.public_key_spki(),
        &Issuer::new(&other, &other_key).unwrap(),
    )
    .unwrap();

    // Leaves: name, OCSP path (None: no OCSP URL), CRL (with delta) or not, caIssuers path.
    let specs: &[(&str, Option<String>, bool, Option<&str>)] = &[
        ("good", Some(u("ocsp/ca")), false, None),
        ("revoked", Some(u("ocsp/ca")), false, None),
        ("unknown", Some(u("ocsp/ca")), false, None),
        ("delegated", Some(u("ocsp/delegated")), false, None),
        ("delegated-keyid", Some(u("ocsp/delegated-keyid")), false, None),
        ("badsig", Some(u("ocsp/badsig")), false, None),
        ("stale", Some(u("ocsp/ca")), false, None),
        ("nonce", Some(u("ocsp/nonce")), false, None),
        ("noeku", Some(u("ocsp/noeku")), false, None),
        ("rogue", Some(u("ocsp/rogue")), false, None),
        ("unreachable", Some(format!("http://127.0.0.1:{dead_port}/ocsp")), false, None),
        ("post", Some(u(LONG)), false, None),
        ("sha256", Some(u("ocsp/ca")), false, None),
        ("crl-good", None, true, None),
        ("crl-revoked-full", None, true, None),
        ("crl-revoked-delta", None, true, None),
        ("ocsp-unknown-crl-good", Some(u("ocsp/ca")), true, None),
        ("aia-der", Some(u("ocsp/ca")), false, Some("ca.crt")),
        ("aia-p7c", Some(u("ocsp/ca")), false, Some("ca.p7c")),
        ("aia-cms", Some(u("ocsp/ca")), false, Some("ca.crt")),
        ("ldap", Some("ldap://ldap.invalid/cn=Online%20CA?ocsp".into()), false, None),
    ];
    let mut leaves = HashMap::new();
    let mut leaf_keys = HashMap::new();
    for (name, ocsp, crl, aia) in specs {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let mut p = CertProfile::document_signer().with_days(30);
        if let Some(o) = ocsp {
            p = p.with_ocsp_url(o);
        }
        if *crl {
            p = p.with_crl_distribution_point(&u("ca.crl")).with_freshest_crl(&u("ca-delta.crl"));
        }
        if *name == "ldap" {
            p = p.with_crl_distribution_point("ldap://ldap.invalid/cn=Online%20CA?certificateRevocationList");
        }
        if let Some(a) = aia {
            p = p.with_ca_issuers(&u(a));
        }
        let c = issue::issue(
            &p,
            &dn(&format!("C=VN, O=Kyso Online Test, CN=Leaf {name}")),
            key.public_key_spki(),
            &ca_issuer,
        )
        .unwrap();
        leaves.insert(*name, c);
        leaf_keys.insert(*name, key);
    }

    // The responder's database: revoked leaves are R, every other leaf but "unknown" and
    // "ocsp-unknown-crl-good" is V.
    let expiry = "491231235959Z";
    let mut index = String::new();
    for (name, c) in &leaves {
        let s = index_serial(c);
        match *name {
            "unknown" | "ocsp-unknown-crl-good" => {}
            "revoked" => index.push_str(&format!(
                "R\t{expiry}\t260101000000Z,keyCompromise\t{s}\tunknown\t/CN=Leaf {name}\n"
            )),
            _ => index.push_str(&format!("V\t{expiry}\t\t{s}\tunknown\t/CN=Leaf {name}\n")),
        }
    }
    std::fs::write(d.join("index.txt"), index).unwrap();
    let ca_pem = pem_cert(&d, "ca.pem", &ca);
    let ca_key_pem = pem_key(&d, "ca.key", &ca_key);
    let resp_pem = pem_cert(&d, "responder.pem", &delegated);
    let resp_key_pem = pem_key(&d, "responder.key", &resp_key);
    let noeku_pem = pem_cert(&d, "noeku.pem", &noeku);
    let noeku_key_pem = pem_key(&d, "noeku.key", &noeku_key);
    let rogue_pem = pem_cert(&d, "rogue.pem", &rogue);
    let rogue_key_pem = pem_key(&d, "rogue.key", &rogue_key);
    let responder = |signer: &Path, key: &Path, extra: &[&str]| Responder {
        ca: ca_pem.clone(),
        index: d.join("index.txt"),
        signer: signer.to_path_buf(),
        signer_key: key.to_path_buf(),
        args: ["-ndays", "1"].iter().chain(extra).map(|s| s.to_string()).collect(),
    };
    let by_ca = responder(&ca_pem, &ca_key_pem, &["-resp_no_certs"]);
    let by_delegated = responder(&resp_pem, &resp_key_pem, &[]);
    let by_delegated_keyid = responder(&resp_pem, &resp_key_pem, &["-resp_key_id"]);
    let by_noeku = responder(&noeku_pem, &noeku_key_pem, &[]);
    let by_rogue = responder(&rogue_pem, &rogue_key_pem, &[]);

    // CRLs: the root's (empty) for the CA; the CA's complete CRL (number 5) listing one leaf,
    // and a delta on it (number 6) listing another.
    let root_crl = issue::issue_crl(&CrlProfile::new(1, 7), &root_issuer).unwrap();
    let now = OffsetDateTime::now_utc() - time::Duration::hours(1);
    let full = issue::issue_crl(
        &CrlProfile::new(5, 7)
            .revoke(
                leaves["crl-revoked-full"].x509().raw_serial(),
                now,
                Some(RevocationReason::KeyCompromise),
            )
            .with_freshest_crl(&u("ca-delta.crl")),
        &ca_issuer,
    )
    .unwrap();
    let delta = issue::issue_crl(
        &CrlProfile::new(6, 1)
            .revoke(leaves["crl-revoked-delta"].x509().raw_serial(), now, Some(RevocationReason::Superseded))
            .delta_of(5),
        &ca_issuer,
    )
    .unwrap();
    let p7c = std::process::Command::new("openssl")
        .args(["crl2pkcs7", "-nocrl", "-outform", "DER", "-certfile"])
        .arg(&ca_pem)
        .output()
        .unwrap();
    assert!(p7c.status.success(), "{}", String::from_utf8_lossy(&p7c.stderr));
    let files: HashMap<&str, (&str, Vec<u8>)> = HashMap::from([
        ("/root.crl", ("application/pkix-crl", root_crl.der().to_vec())),
        ("/ca.crl", ("application/pkix-crl", full.der().to_vec())),
        // Served as PEM with another type, as some CAs do.
        ("/ca-delta.crl", ("application/octet-stream", delta.to_pem().into_bytes())),
        ("/ca.crt", ("application/pkix-cert", ca.der().to_vec())),
        ("/ca.p7c", ("application/pkcs7-mime", p7c.stdout)),
    ]);
    let work = d.clone();
    let handler: Handler = Arc::new(move |req: &Request| {
        if let Some((ct, body)) = files.get(req.path.as_str()) {
            return Response::ok(ct, body.clone());
        }
        let route = |prefix: &str| req.path.starts_with(prefix);
        let (responder, prefix) = if route("/ocsp/delegated-keyid") {
            (&by_delegated_keyid, "/ocsp/delegated-keyid")
        } else if route("/ocsp/delegated") {
            (&by_delegated, "/ocsp/delegated")
        } else if route("/ocsp/noeku") {
            (&by_noeku, "/ocsp/noeku")
        } else if route("/ocsp/rogue") {
            (&by_rogue, "/ocsp/rogue")
        } else if route("/ocsp/badsig") {
            (&by_ca, "/ocsp/badsig")
        } else if route("/ocsp/nonce") {
            (&by_ca, "/ocsp/nonce")
        } else if route("/ocsp/ca") {
            (&by_ca, "/ocsp/ca")
        } else {
            return Response::not_found();
        };
        let Some(mut der) = http::ocsp_request_der(req, prefix) else { return Response::not_found() };
        if prefix == "/ocsp/nonce" {
            // Another nonce than the client's: the request's last byte is the nonce's last.
            if let Some(b) = der.last_mut() {
                *b ^= 0xff;
            }
        }
        match http::openssl_ocsp(responder, &der, &work) {
            Some(mut resp) => {
                if prefix == "/ocsp/badsig" {
                    // Without certificates the response ends with its signature: break it.
                    if let Some(b) = resp.last_mut() {
                        *b ^= 0x01;
                    }
                }
                Response::ok("application/ocsp-response", resp)
            }
            None => Response { status: 500, content_type: "text/plain".into(), body: Vec::new() },
        }
    });
    let server = bound.serve(handler);
    Pki { _dir: dir, server, root, ca, leaves, leaf_keys, dead_port }
}

fn http_client() -> HttpClient {
    HttpClient::new(HttpOptions::default().with_timeout(Duration::from_secs(5))).unwrap()
}

/// The online sources of one test, with fresh caches.
struct Online {
    ocsp: OcspSource,
    crl: CrlFetcher,
    aia: AiaIssuers,
}

fn online(options: OcspSourceOptions) -> Online {
    let http = http_client().with_budget(NetBudget::new(Duration::from_secs(60)));
    Online {
        ocsp: OcspSource::new(http.clone()).with_options(options),
        crl: CrlFetcher::new(http.clone()),
        aia: AiaIssuers::new(http),
    }
}

fn store(p: &Pki) -> TrustStore {
    let mut s = TrustStore::new();
    s.add(p.root.clone(), "Online Root", "test");
    s
}

fn opts(mode: RevocationMode, at: OffsetDateTime) -> ValidationOptions {
    ValidationOptions::default().with_time(at).with_revocation(mode)
}

/// Validate `leaf` with the CA in the pool (unless `aia`), OCSP then CRL.
fn validate_with(
    p: &Pki,
    o: &Online,
    leaf: &str,
    mode: RevocationMode,
    at: OffsetDateTime,
    aia: bool,
) -> ValidationReport {
    let store = store(p);
    let pool = if aia { Vec::new() } else { vec![p.ca.clone()] };
    let mut v = PathValidator::new(&store)
        .pool(&pool)
        .options(opts(mode, at))
        .revocation_source(&o.ocsp)
        .revocation_source(&o.crl);
    if aia {
        v = v.issuer_source(&o.aia);
    }
    v.validate(&p.leaves[leaf])
}

fn validate(p: &Pki, o: &Online, leaf: &str, mode: RevocationMode) -> ValidationReport {
    validate_with(p, o, leaf, mode, OffsetDateTime::now_utc(), false)
}

fn codes(r: &ValidationReport) -> Vec<&'static str> {
    r.warnings.iter().map(|w| w.code().id()).collect()
}

fn has(r: &ValidationReport, code: kyso::diag::Code) -> bool {
    r.warnings.iter().any(|w| w.code() == code)
}

fn no_revocation_warning(r: &ValidationReport) -> bool {
    !r.warnings.iter().any(|w| w.code().id().starts_with("revocation-") || w.code().id().starts_with("ocsp-"))
}

#[test]
fn good_and_revoked_by_a_ca_signed_responder_over_get() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    let before = p.server.count("/ocsp/ca");
    let r = validate(p, &o, "good", RevocationMode::Require);
    assert!(r.valid, "{:#?}", r.error);
    assert!(no_revocation_warning(&r), "{:?}", codes(&r));
    // The leaf by OCSP (GET), the CA by the root's CRL.
    assert_eq!(p.server.count("/ocsp/ca"), before + 1);
    assert!(p.server.log().iter().any(|(m, path)| m == "GET" && path.starts_with("/ocsp/ca/")));
    assert!(p.server.count("/root.crl") >= 1);

    let r = validate(p, &o, "revoked", RevocationMode::Soft);
    assert!(!r.valid);
    let e = r.error.unwrap();
    assert_eq!(e.code(), path_codes::REVOKED_OCSP);
    assert!(e.is_revoked());
    assert_eq!(e.message.params.get("reason"), Some("keyCompromise"));
    assert!(e.message.params.get("responder").unwrap().contains("CN=Online CA"), "{e:?}");
}

#[test]
fn unknown_status_is_a_warning_under_soft_and_a_failure_under_require() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    let r = validate(p, &o, "unknown", RevocationMode::Soft);
    assert!(r.valid, "{:#?}", r.error);
    assert!(has(&r, oc::STATUS_UNKNOWN), "{:?}", codes(&r));
    assert!(has(&r, rc::NO_USABLE_DATA), "{:?}", codes(&r));
    let r = validate(p, &o, "unknown", RevocationMode::Require);
    assert!(!r.valid);
    assert_eq!(r.error.unwrap().code(), rc::NO_USABLE_DATA);
}

#[test]
fn delegated_responders_by_name_and_by_key() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    for leaf in ["delegated", "delegated-keyid"] {
        let r = validate(p, &o, leaf, RevocationMode::Require);
        assert!(r.valid, "{leaf}: {:#?}", r.error);
        assert!(no_revocation_warning(&r), "{leaf}: {:?}", codes(&r));
    }
}

#[test]
fn unauthorized_responders_are_refused() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    for (leaf, why) in [("noeku", oc::RESPONDER_NO_OCSP_SIGNING), ("rogue", oc::RESPONDER_NOT_ISSUED_BY_CA)] {
        let r = validate(p, &o, leaf, RevocationMode::Soft);
        let w = r.warnings.iter().find(|w| w.code() == oc::UNAUTHORIZED_RESPONDER);
        let w = w.unwrap_or_else(|| panic!("{leaf}: {:?}", codes(&r)));
        assert_eq!(w.message.params.message("reason").map(|m| m.code), Some(why), "{leaf}: {w:?}");
        assert!(!validate(p, &o, leaf, RevocationMode::Require).valid, "{leaf}");
    }
}

#[test]
fn a_bad_responder_signature_is_reported() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    let r = validate(p, &o, "badsig", RevocationMode::Soft);
    assert!(r.valid);
    assert!(has(&r, oc::BAD_SIGNATURE), "{:?}", codes(&r));
    assert!(!validate(p, &o, "badsig", RevocationMode::Require).valid);
    // A bad answer is not kept: asking again goes to the responder again.
    let before = p.server.count("/ocsp/badsig");
    validate(p, &o, "badsig", RevocationMode::Soft);
    assert_eq!(p.server.count("/ocsp/badsig"), before + 1);
}

#[test]
fn a_stale_response_is_reported() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    // The responder's answers are good for one day (-ndays 1): at a validation time two days
    // ahead the answer is stale.
    let later = OffsetDateTime::now_utc() + time::Duration::days(2);
    let r = validate_with(p, &o, "stale", RevocationMode::Soft, later, false);
    assert!(has(&r, oc::STALE), "{:?}", codes(&r));
    assert!(!validate_with(p, &o, "stale", RevocationMode::Require, later, false).valid);
    // Now it is fine.
    assert!(validate(p, &o, "stale", RevocationMode::Require).valid);
}

#[test]
fn a_nonce_mismatch_is_reported_and_a_matching_nonce_accepted() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default().with_nonce(true));
    let r = validate(p, &o, "nonce", RevocationMode::Soft);
    assert!(has(&r, oc::NONCE_MISMATCH), "{:?}", codes(&r));
    // The CA-signed responder echoes the nonce.
    let r = validate(p, &o, "good", RevocationMode::Require);
    assert!(r.valid, "{:#?}", r.error);
}

#[test]
fn an_unreachable_responder_is_a_warning_never_a_hang() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    let t0 = Instant::now();
    let r = validate(p, &o, "unreachable", RevocationMode::Soft);
    assert!(t0.elapsed() < Duration::from_secs(5), "{:?}", t0.elapsed());
    assert!(r.valid);
    let w = r.warnings.iter().find(|w| w.code() == oc::UNREACHABLE).expect("unreachable warning");
    assert!(w.message.params.get("url").unwrap().contains(&p.dead_port.to_string()));
    assert!(!validate(p, &o, "unreachable", RevocationMode::Require).valid);
}

#[test]
fn a_black_hole_responder_is_cut_by_the_time_out() {
    // A server that accepts (the kernel does) and never answers.
    let hole = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = hole.local_addr().unwrap().port();
    let http = HttpClient::new(HttpOptions::default().with_timeout(Duration::from_secs(1))).unwrap();
    let source = OcspSource::new(http);
    // A certificate naming the black hole, issued by a throwaway CA.
    let ca_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let ca = issue::self_sign(&CertProfile::root_ca(), &dn("CN=Hole CA"), &ca_key).unwrap();
    let leaf_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
    let leaf = issue::issue(
        &CertProfile::document_signer().with_ocsp_url(&format!("http://127.0.0.1:{port}/ocsp")),
        &dn("CN=Hole Leaf"),
        leaf_key.public_key_spki(),
        &Issuer::new(&ca, &ca_key).unwrap(),
    )
    .unwrap();
    let t0 = Instant::now();
    let mut found = Vec::new();
    let mut findings = Vec::new();
    source.revocation_data(&leaf, &ca, &mut found, &mut findings);
    assert!(t0.elapsed() < Duration::from_secs(4), "{:?}", t0.elapsed());
    assert!(found.is_empty());
    assert_eq!(findings[0].code(), oc::UNREACHABLE);
    assert!(findings[0].text.contains("within 1 s"), "{}", findings[0].text);
    // The dead URL is remembered: asking again costs nothing.
    let t0 = Instant::now();
    source.revocation_data(&leaf, &ca, &mut found, &mut Vec::new());
    assert!(t0.elapsed() < Duration::from_millis(500));
    drop(hole);
}

#[test]
fn large_requests_are_posted_and_sha256_cert_ids_work() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    let r = validate(p, &o, "post", RevocationMode::Require);
    assert!(r.valid, "{:#?} {:?}", r.error, codes(&r));
    assert!(
        p.server.log().iter().any(|(m, path)| m == "POST" && path.starts_with("/ocsp/ca/this-responder"))
    );
    let o = online(OcspSourceOptions::default().with_hash(CertIdHash::Sha256));
    let r = validate(p, &o, "sha256", RevocationMode::Require);
    assert!(r.valid, "{:#?} {:?}", r.error, codes(&r));
}

#[test]
fn answers_are_cached_until_next_update() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    let before = p.server.count("/ocsp/delegated");
    assert!(validate(p, &o, "delegated", RevocationMode::Require).valid);
    assert_eq!(o.ocsp.cached(), 1);
    // A clone shares the cache; a second validation asks nobody.
    let o2 = Online { ocsp: o.ocsp.clone(), crl: o.crl.clone(), aia: o.aia.clone() };
    assert!(validate(p, &o2, "delegated", RevocationMode::Require).valid);
    assert_eq!(p.server.count("/ocsp/delegated"), before + 1);
}

#[test]
fn crls_complete_and_delta_are_fetched_and_applied() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    let (full0, delta0) = (p.server.count("/ca.crl"), p.server.count("/ca-delta.crl"));
    let r = validate(p, &o, "crl-good", RevocationMode::Require);
    assert!(r.valid, "{:#?} {:?}", r.error, codes(&r));
    assert!(no_revocation_warning(&r), "{:?}", codes(&r));
    let r = validate(p, &o, "crl-revoked-full", RevocationMode::Soft);
    let e = r.error.expect("revoked");
    assert_eq!(e.code(), path_codes::REVOKED);
    assert_eq!(e.message.params.get("reason"), Some("keyCompromise"));
    let r = validate(p, &o, "crl-revoked-delta", RevocationMode::Soft);
    let e = r.error.expect("revoked by the delta");
    assert_eq!(e.code(), path_codes::REVOKED);
    assert_eq!(e.message.params.get("reason"), Some("superseded"));
    // Each CRL fetched once (kept until its nextUpdate).
    assert_eq!(p.server.count("/ca.crl"), full0 + 1);
    assert_eq!(p.server.count("/ca-delta.crl"), delta0 + 1);
}

#[test]
fn an_unknown_ocsp_status_falls_back_to_the_crl() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    let r = validate(p, &o, "ocsp-unknown-crl-good", RevocationMode::Require);
    assert!(r.valid, "{:#?} {:?}", r.error, codes(&r));
    assert!(has(&r, oc::STATUS_UNKNOWN), "{:?}", codes(&r));
    // Only OCSP: the CRL source is not asked when OCSP established the status.
    let before = p.server.count("/ca.crl");
    let o = online(OcspSourceOptions::default());
    assert!(validate(p, &o, "good", RevocationMode::Require).valid);
    assert_eq!(p.server.count("/ca.crl"), before);
}

#[test]
fn intermediates_come_from_aia_as_der_or_p7c() {
    let Some(p) = pki() else { return };
    for leaf in ["aia-der", "aia-p7c"] {
        let o = online(OcspSourceOptions::default());
        let r = validate_with(p, &o, leaf, RevocationMode::Require, OffsetDateTime::now_utc(), true);
        assert!(r.valid, "{leaf}: {:#?} {:?}", r.error, codes(&r));
        assert_eq!(r.paths[0].certificates.len(), 3, "{leaf}");
    }
    // Without the AIA source there is no path.
    let store = store(p);
    let r = PathValidator::new(&store)
        .options(opts(RevocationMode::Off, OffsetDateTime::now_utc()))
        .validate(&p.leaves["aia-der"]);
    assert!(!r.valid);
}

#[test]
fn ldap_urls_are_reported_not_fetched() {
    let Some(p) = pki() else { return };
    let o = online(OcspSourceOptions::default());
    let r = validate(p, &o, "ldap", RevocationMode::Soft);
    assert!(r.valid);
    let unsupported: Vec<_> = r.warnings.iter().filter(|w| w.code() == sc::UNSUPPORTED_URL).collect();
    assert_eq!(unsupported.len(), 2, "{:?}", codes(&r));
    assert!(unsupported.iter().all(|w| w.message.params.get("url").unwrap().starts_with("ldap://")));
}

#[test]
fn a_leaf_only_cms_signature_validates_through_aia() {
    let Some(p) = pki() else { return };
    let data = b"Cong van so 11/2026 - ky so, kiem tra truc tuyen\n";
    let leaf = &p.leaves["aia-cms"];
    let key = &p.leaf_keys["aia-cms"];
    let out = kyso::cms::sign(key, leaf, &mut &data[..], &kyso::cms::SignOptions::default()).unwrap();
    let parsed = kyso::cms::parse(&out.der).unwrap();
    assert_eq!(parsed.certificates.len(), 1, "leaf only");
    let o = online(OcspSourceOptions::default());
    let aia: Arc<dyn IssuerSource> = Arc::new(o.aia.clone());
    let ocsp: Arc<dyn RevocationSource> = Arc::new(o.ocsp.clone());
    let crl: Arc<dyn RevocationSource> = Arc::new(o.crl.clone());
    let base =
        kyso::cms::VerifyOptions::default().with_store(store(p)).with_revocation(RevocationMode::Require);
    let offline = kyso::cms::verify(&out.der, Some(&mut &data[..]), &base).unwrap();
    assert!(!offline.valid, "no intermediate offline");
    let opts = base.with_issuer_sources(vec![aia]).with_revocation_sources(vec![ocsp, crl]);
    let report = kyso::cms::verify(&out.der, Some(&mut &data[..]), &opts).unwrap();
    let s = &report.signers[0];
    assert!(report.valid, "{:#?}", s.errors);
    assert_eq!(s.path.as_ref().unwrap().paths[0].certificates.len(), 3);
}

/// The command line goes online by default and not with `--offline`.
#[test]
fn the_cli_checks_online_by_default_and_not_offline() {
    let Some(p) = pki() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let root = pem_cert(d, "root.pem", &p.root);
    let ca = pem_cert(d, "ca.pem", &p.ca);
    let revoked = pem_cert(d, "revoked.pem", &p.leaves["revoked"]);
    let good = pem_cert(d, "good.pem", &p.leaves["good"]);
    let kyso = || {
        let mut c = assert_cmd::Command::cargo_bin("kyso").unwrap();
        c.env_remove("KYSO_OFFLINE").timeout(Duration::from_secs(60));
        c
    };
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let out = kyso()
        .args([
            "chain",
            "verify",
            &s(&revoked),
            "--anchor",
            &s(&root),
            "--untrusted",
            &s(&ca),
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("(keyCompromise) according to the OCSP responder"), "{text}");

    let before = p.server.log().len();
    let out = kyso()
        .args(["chain", "verify", &s(&revoked), "--anchor", &s(&root), "--untrusted", &s(&ca), "--offline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(p.server.log().len(), before, "no request with --offline");

    let out = kyso()
        .args([
            "cross-validate",
            &s(&good),
            "--domain",
            &format!("test={}", s(&root)),
            "--untrusted",
            &s(&ca),
        ])
        .args(["--revocation", "require", "--revocation-source", "crl,ocsp"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));

    // A leaf-only signature: the CA comes over AIA, the status over OCSP.
    let data = d.join("data.txt");
    std::fs::write(&data, b"du lieu\n").unwrap();
    let sig = kyso::cms::sign(
        &p.leaf_keys["aia-cms"],
        &p.leaves["aia-cms"],
        &mut &b"du lieu\n"[..],
        &kyso::cms::SignOptions::default(),
    )
    .unwrap();
    std::fs::write(d.join("data.txt.p7s"), &sig.der).unwrap();
    let out = kyso()
        .args(["verify", &s(&data), "--anchor", &s(&root), "--revocation", "require", "--lang", "en"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}{}", String::from_utf8_lossy(&out.stderr));
    let out = kyso().args(["verify", &s(&data), "--anchor", &s(&root), "--offline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "no issuer offline");
}
