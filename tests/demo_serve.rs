//! `kyso demo serve` end to end: the demo's OCSP responders and CRL/AIA files on 127.0.0.1,
//! started and stopped by the test. `openssl ocsp` (the peer, bounded in time) accepts the
//! responses: good for the business and the officer, revoked with its CRL reason for the revoked
//! signer, unknown for a serial the CA never issued, the nonce echoed; kyso's HTTP client, with
//! the demo's host names mapped to the server, fetches every CRL and CA certificate byte for byte.
//!
//! The OpenSSL part skips with a notice when `openssl` is missing, but fails when `CI` is set.

use kyso::demo::serve::{DemoServer, DemoSite, Exchange};
use kyso::demo::{self, DEMO_PASSPHRASE, Domain};
use kyso::net::{HttpClient, HttpOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn openssl() -> bool {
    let ok = Command::new("openssl").arg("version").output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("openssl is required under CI");
        }
        eprintln!("NOTICE: openssl not found, skipping the OpenSSL OCSP checks of the demo server");
    }
    ok
}

/// Run `cmd`, killing it after `limit`; (success, stdout + stderr).
fn run_bounded(cmd: &mut Command, limit: Duration) -> (bool, String) {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let t0 = Instant::now();
    loop {
        if let Some(_status) = child.try_wait().unwrap() {
            break;
        }
        if t0.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("{cmd:?} took more than {limit:?}: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

struct Demo {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    server: DemoServer,
    log: Arc<Mutex<Vec<Exchange>>>,
}

impl Demo {
    fn start() -> Demo {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("demo");
        demo::build(&dir).unwrap();
        let site = DemoSite::load(&dir, DEMO_PASSPHRASE.as_bytes()).unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let l = log.clone();
        let server =
            DemoServer::start(site, 0, Some(Arc::new(move |e: &Exchange| l.lock().unwrap().push(e.clone()))))
                .unwrap();
        Demo { _tmp: tmp, dir, server, log }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    fn client(&self) -> HttpClient {
        HttpClient::new(
            HttpOptions::default()
                .with_resolve(self.server.host_mappings())
                .with_timeout(Duration::from_secs(10)),
        )
        .unwrap()
    }

    /// `openssl ocsp` for `cert` (or `-serial`) issued by `ca`, against `url`, trusting `root`.
    fn openssl_ocsp(&self, ca: &str, cert: Cert, url: &str, root: &str, extra: &[&str]) -> (bool, String) {
        let mut cmd = Command::new("openssl");
        cmd.args(["ocsp", "-timeout", "10", "-issuer"]).arg(self.path(ca));
        match cert {
            Cert::File(f) => cmd.arg("-cert").arg(self.path(f)),
            Cert::Serial(s) => cmd.args(["-serial", s]),
        };
        cmd.args(["-url", url]).arg("-CAfile").arg(self.path(root)).args(extra);
        run_bounded(&mut cmd, Duration::from_secs(30))
    }
}

enum Cert<'a> {
    File(&'a str),
    Serial(&'a str),
}

fn pem_der(path: &Path) -> Vec<u8> {
    let text = std::fs::read(path).unwrap();
    pem::parse(text).unwrap().into_contents()
}

#[test]
fn openssl_accepts_the_demo_ocsp_responses() {
    if !openssl() {
        return;
    }
    let d = Demo::start();
    let base = d.server.base_url();
    let gov_url = format!("{base}/gov/ocsp");
    let public_url = format!("{base}/public/ocsp");

    // Good, with the nonce OpenSSL sends echoed (OpenSSL warns when it is not).
    for (ca, leaf, url, root) in [
        ("public/ca.pem", "public/business.pem", &public_url, "public/root.pem"),
        ("public/ca.pem", "public/citizen.pem", &public_url, "public/root.pem"),
        ("gov/ca.pem", "gov/officer.pem", &gov_url, "gov/root.pem"),
    ] {
        let (ok, text) = d.openssl_ocsp(ca, Cert::File(leaf), url, root, &[]);
        assert!(ok, "{leaf}: {text}");
        assert!(text.contains("Response verify OK"), "{leaf}: {text}");
        assert!(text.contains(&format!("{}: good", d.path(leaf).display())), "{leaf}: {text}");
        assert!(text.contains("This Update:") && text.contains("Next Update:"), "{text}");
        assert!(!text.contains("WARNING"), "{leaf}: {text}");
    }

    // Revoked, with the CRL's reason and time.
    let (ok, text) =
        d.openssl_ocsp("gov/ca.pem", Cert::File("gov/revoked.pem"), &gov_url, "gov/root.pem", &[]);
    assert!(ok && text.contains("Response verify OK"), "{text}");
    assert!(text.contains(&format!("{}: revoked", d.path("gov/revoked.pem").display())), "{text}");
    assert!(text.contains("Reason: keyCompromise"), "{text}");
    let crl = kyso::Crl::load_all(d.path("gov/ca.crl.pem")).unwrap().remove(0);
    let entry = crl.parsed().iter_revoked_certificates().next().unwrap();
    let when = entry.revocation_date.to_datetime();
    let openssl_time = format!(
        "Revocation Time: {} {:>2} {:02}:{:02}:{:02} {} GMT",
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            [usize::from(u8::from(when.month())) - 1],
        when.day(),
        when.hour(),
        when.minute(),
        when.second(),
        when.year()
    );
    assert!(text.contains(&openssl_time), "{openssl_time}: {text}");

    // Unknown: a serial the CA never issued.
    let (ok, text) =
        d.openssl_ocsp("gov/ca.pem", Cert::Serial("0x0123456789"), &gov_url, "gov/root.pem", &[]);
    assert!(ok && text.contains("Response verify OK") && text.contains("0x0123456789: unknown"), "{text}");
    let (ok, text) = d.openssl_ocsp("public/ca.pem", Cert::Serial("1"), &public_url, "public/root.pem", &[]);
    assert!(ok && text.contains("Response verify OK") && text.contains("1: unknown"), "{text}");
    // Unknown: a certificate of another issuer (the CA's own, issued by the root, which the
    // CA's delegated responder cannot speak for: OpenSSL rightly refuses the signer).
    let (_, text) = d.openssl_ocsp("gov/root.pem", Cert::File("gov/ca.pem"), &gov_url, "gov/root.pem", &[]);
    assert!(text.contains(&format!("{}: unknown", d.path("gov/ca.pem").display())), "{text}");
    assert!(text.contains("Response Verify Failure"), "{text}");

    // The demo's own URL, by Host header: http://pki.gov.demo.invalid/ocsp.
    let host_url = format!("{base}/ocsp");
    let (ok, text) = d.openssl_ocsp(
        "gov/ca.pem",
        Cert::File("gov/revoked.pem"),
        &host_url,
        "gov/root.pem",
        &["-header", "Host=pki.gov.demo.invalid"],
    );
    assert!(ok && text.contains("Response verify OK") && text.contains(": revoked"), "{text}");
    // No domain at all: the responder is picked by the CertID's issuer.
    let (ok, text) =
        d.openssl_ocsp("public/ca.pem", Cert::File("public/business.pem"), &host_url, "public/root.pem", &[]);
    assert!(ok && text.contains("Response verify OK") && text.contains(": good"), "{text}");

    // The server saw it all, and said what it answered.
    let log = d.log.lock().unwrap().clone();
    let revoked: Vec<_> =
        log.iter().filter(|e| e.answers.iter().any(|a| a.status.as_str() == "revoked")).collect();
    assert_eq!(revoked.len(), 2, "{log:?}");
    assert!(revoked.iter().all(|e| e.domain == Some(Domain::Gov) && e.method == "POST" && e.status == 200));
}

#[test]
fn rfc5019_get_and_malformed_requests() {
    if !openssl() {
        return;
    }
    let d = Demo::start();
    let tmp = tempfile::tempdir().unwrap();
    let req = tmp.path().join("req.der");
    let resp = tmp.path().join("resp.der");
    // A request without nonce (RFC 5019 §2.1.1: GET requests are cacheable).
    let (ok, text) = run_bounded(
        Command::new("openssl")
            .args(["ocsp", "-no_nonce", "-issuer"])
            .arg(d.path("gov/ca.pem"))
            .arg("-cert")
            .arg(d.path("gov/revoked.pem"))
            .arg("-reqout")
            .arg(&req),
        Duration::from_secs(30),
    );
    assert!(ok, "{text}");
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(std::fs::read(&req).unwrap());
    let encoded = b64.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    let der = d
        .client()
        .get(&format!("http://pki.gov.demo.invalid/ocsp/{encoded}"), "application/ocsp-response")
        .unwrap();
    std::fs::write(&resp, &der).unwrap();
    let (ok, text) = run_bounded(
        Command::new("openssl")
            .args(["ocsp", "-respin"])
            .arg(&resp)
            .arg("-issuer")
            .arg(d.path("gov/ca.pem"))
            .arg("-cert")
            .arg(d.path("gov/revoked.pem"))
            .arg("-CAfile")
            .arg(d.path("gov/root.pem")),
        Duration::from_secs(30),
    );
    assert!(ok && text.contains("Response verify OK") && text.contains(": revoked"), "{text}");

    // Garbage, by POST and by GET: an OCSP malformedRequest (responseStatus 1), unsigned.
    let malformed = [0x30, 0x03, 0x0a, 0x01, 0x01];
    let c = d.client();
    let r = c.post(
        "http://pki.public.demo.invalid/ocsp",
        "application/ocsp-request",
        "application/ocsp-response",
        b"x",
    );
    assert_eq!(r.unwrap(), malformed);
    let r = c.get("http://pki.public.demo.invalid/ocsp/%%%", "application/ocsp-response");
    assert_eq!(r.unwrap(), malformed);
    // A request naming no CA served here (the root: its responder is not delegated), without a
    // domain: unauthorized (6).
    let (ok, text) = run_bounded(
        Command::new("openssl")
            .args(["ocsp", "-issuer"])
            .arg(d.path("gov/root.pem"))
            .arg("-cert")
            .arg(d.path("gov/ca.pem"))
            .arg("-reqout")
            .arg(&req),
        Duration::from_secs(30),
    );
    assert!(ok, "{text}");
    let r = c.post(
        &format!("{}/ocsp", d.server.base_url()),
        "application/ocsp-request",
        "application/ocsp-response",
        &std::fs::read(&req).unwrap(),
    );
    assert_eq!(r.unwrap(), [0x30, 0x03, 0x0a, 0x01, 0x06]);
    // With a domain, the same request is answered: unknown.
    let r = c
        .post(
            "http://pki.gov.demo.invalid/ocsp",
            "application/ocsp-request",
            "application/ocsp-response",
            &std::fs::read(&req).unwrap(),
        )
        .unwrap();
    assert!(r.len() > 100);
    // Not an OCSP request at all.
    let e = c
        .post("http://pki.gov.demo.invalid/ocsp", "text/plain", "application/ocsp-response", b"x")
        .unwrap_err();
    assert!(e.message().contains("415"), "{e}");
}

#[test]
fn crls_and_ca_certificates_by_their_urls() {
    let d = Demo::start();
    let c = d.client();
    for dom in ["public", "gov"] {
        for (name, file, accept) in [
            ("root.crl", "root.crl.pem", "application/pkix-crl"),
            ("ca.crl", "ca.crl.pem", "application/pkix-crl"),
            ("root.crt", "root.pem", "application/pkix-cert"),
            ("ca.crt", "ca.pem", "application/pkix-cert"),
        ] {
            let want = pem_der(&d.path(&format!("{dom}/{file}")));
            // The URL the certificates name, through the host mapping...
            let got = c.get(&format!("http://pki.{dom}.demo.invalid/{name}"), accept).unwrap();
            assert_eq!(got, want, "{dom}/{name}");
            // ... and under the domain prefix on the server's own address.
            let got = c.get(&format!("{}/{dom}/{name}", d.server.base_url()), accept).unwrap();
            assert_eq!(got, want, "{dom}/{name} by prefix");
        }
        // The bundles: the certificates issued to the CA.
        let root = pem_der(&d.path(&format!("{dom}/root.pem")));
        let other = if dom == "public" { "gov" } else { "public" };
        let cross = pem_der(&d.path(&format!("cross/{other}-to-{dom}.pem")));
        let p7c =
            c.get(&format!("http://pki.{dom}.demo.invalid/root.p7c"), "application/pkcs7-mime").unwrap();
        let mut got: Vec<Vec<u8>> =
            kyso::Certificate::parse_many(&p7c).unwrap().iter().map(|c| c.der().to_vec()).collect();
        got.sort();
        let mut want = vec![root, cross];
        want.sort();
        assert_eq!(got, want, "{dom}/root.p7c");
        let p7c = c.get(&format!("http://pki.{dom}.demo.invalid/ca.p7c"), "application/pkcs7-mime").unwrap();
        let got = kyso::Certificate::parse_many(&p7c).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].der(), pem_der(&d.path(&format!("{dom}/ca.pem"))));
    }
    // Every CRL distribution point and caIssuers URL the demo certificates carry is served.
    let mut urls = std::collections::BTreeSet::new();
    for rel in
        ["public/business.pem", "public/ca.pem", "gov/revoked.pem", "gov/ca.pem", "cross/public-to-gov.pem"]
    {
        let cert = kyso::Certificate::load(d.path(rel)).unwrap();
        use kyso::external::x509_parser::extensions::{DistributionPointName, GeneralName, ParsedExtension};
        for ext in cert.x509().extensions() {
            match ext.parsed_extension() {
                ParsedExtension::CRLDistributionPoints(points) => {
                    for p in points.iter() {
                        if let Some(DistributionPointName::FullName(names)) = &p.distribution_point {
                            for n in names {
                                if let GeneralName::URI(u) = n {
                                    urls.insert((u.to_string(), "application/pkix-crl"));
                                }
                            }
                        }
                    }
                }
                ParsedExtension::AuthorityInfoAccess(aia) => {
                    for a in aia.iter() {
                        if let GeneralName::URI(u) = &a.access_location {
                            if a.access_method.to_id_string() == "1.3.6.1.5.5.7.48.2" {
                                urls.insert((u.to_string(), "application/pkix-cert"));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    assert_eq!(urls.len(), 8, "{urls:?}");
    for (url, accept) in &urls {
        assert!(!c.get(url, accept).unwrap().is_empty(), "{url}");
    }

    // Unknown paths, unknown hosts, other methods.
    for url in [
        "http://pki.gov.demo.invalid/nothing.crl".to_string(),
        "http://pki.gov.demo.invalid/".to_string(),
        "http://pki.gov.demo.invalid/cps".to_string(),
        format!("{}/ca.crl", d.server.base_url()),
        format!("{}/other/ca.crl", d.server.base_url()),
    ] {
        let e = c.get(&url, "application/pkix-crl").unwrap_err();
        assert!(e.message().contains("404"), "{url}: {e}");
    }
    let e = c.post("http://pki.gov.demo.invalid/ca.crl", "a/b", "application/pkix-crl", b"x").unwrap_err();
    assert!(e.message().contains("405"), "{e}");

    // OpenSSL reads the bundle as a certs-only PKCS#7.
    if openssl() {
        let p7c = c.get("http://pki.gov.demo.invalid/root.p7c", "application/pkcs7-mime").unwrap();
        let f = d.path("root.p7c");
        std::fs::write(&f, p7c).unwrap();
        let (ok, text) = run_bounded(
            Command::new("openssl")
                .args(["pkcs7", "-inform", "DER", "-print_certs", "-noout", "-in"])
                .arg(&f),
            Duration::from_secs(30),
        );
        assert!(ok && text.matches("subject=").count() == 2, "{text}");
    }

    // Stopped: nothing listens any more.
    let addr = d.server.local_addr();
    let Demo { server, .. } = d;
    server.stop();
    assert!(std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err());
}

#[test]
fn wrong_passphrase_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    demo::build(&dir).unwrap();
    let e = DemoSite::load(&dir, b"not the passphrase").unwrap_err();
    assert!(
        e.file().is_some_and(|f| f.ends_with("ocsp.key.pem")) && e.message().contains("passphrase"),
        "{e}"
    );
    let e = DemoSite::load(tmp.path(), DEMO_PASSPHRASE.as_bytes()).unwrap_err();
    assert!(e.file().is_some_and(|f| f.ends_with("manifest.json")), "{e}");
}

/// `kyso demo serve` itself: the banner says where to send requests (the `KYSO_RESOLVE` line
/// works as printed), each request is logged, and `--for` ends it.
#[test]
fn cli_serves_for_a_while_and_logs_requests() {
    use std::io::{BufRead, Read};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    demo::build(&dir).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kyso"))
        .args(["demo", "serve", "--port", "0", "--for", "5", "--pass-env", "KP", "--lang", "en", "--dir"])
        .arg(&dir)
        .env("KP", DEMO_PASSPHRASE)
        .env_remove("KYSO_RESOLVE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut banner = String::new();
    let mappings = loop {
        let mut line = String::new();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "no KYSO_RESOLVE line in: {banner}");
        banner.push_str(&line);
        if let Some(list) = line.trim().strip_prefix("export KYSO_RESOLVE=") {
            break kyso::net::HostMapping::parse_list(list).unwrap();
        }
    };
    assert!(banner.starts_with("Serving the demo PKI in "), "{banner}");
    assert_eq!(mappings.len(), 2);
    let client =
        HttpClient::new(HttpOptions::default().with_resolve(mappings).with_timeout(Duration::from_secs(5)))
            .unwrap();
    let crl = client.get("http://pki.gov.demo.invalid/ca.crl", "application/pkix-crl").unwrap();
    assert_eq!(crl, pem_der(&dir.join("gov/ca.crl.pem")));
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(t0.elapsed() < Duration::from_secs(30), "still serving after --for 5");
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(status.success(), "{log}");
    assert!(log.contains("GET /ca.crl (Host: pki.gov.demo.invalid) 200 [gov] ("), "{log}");
}
