//! OCSP checking of many distinct certificates against a loopback responder (issue #11,
//! performance): kyso's [`OcspSource`] (keep-alive connections, parallel requests on a bounded
//! pool, every answer verified by the revocation engine) cold and with a warm cache, against an
//! `openssl ocsp` client loop (one process per certificate, verifying each response) over the
//! same certificates and the same responder. Run by `scripts/bench-ocsp.sh`.
//!
//! The responder serves answers pre-produced by `openssl ocsp` (its offline
//! `-reqin`/`-respout` mode, once per certificate before the timing, as RFC 5019 responders
//! pre-produce theirs) from a keep-alive HTTP server on 127.0.0.1, so both clients are measured,
//! not the signing of responses.
//!
//!   cargo run --release --example ocsp_bench -- [CERTS] [THREADS]     (defaults 1000, 8)

use kyso::issue::{self, CertProfile, DistinguishedName, Issuer};
use kyso::keys::{KeyAlgorithm, SoftwareKey};
use kyso::revocation::{NoOtherSigners, OcspRequest, OcspSource, RevocationSource, RevocationStatus};
use kyso::{Certificate, net};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

type Answers = Arc<HashMap<Vec<u8>, Vec<u8>>>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1000);
    let threads: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(8);
    let dir = tempfile::tempdir()?;
    let d = dir.path();
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://127.0.0.1:{}/ocsp", listener.local_addr()?.port());

    // The PKI: a root, a CA, N leaves naming the responder.
    let t0 = Instant::now();
    let dn = |s: &str| DistinguishedName::parse(s);
    let root_key = SoftwareKey::generate(KeyAlgorithm::EcP256)?;
    let root = issue::self_sign(&CertProfile::root_ca(), &dn("C=VN, CN=Bench Root")?, &root_key)?;
    let ca_key = SoftwareKey::generate(KeyAlgorithm::EcP256)?;
    let ca = issue::issue(
        &CertProfile::sub_ca(Some(0)),
        &dn("C=VN, CN=Bench CA")?,
        ca_key.public_key_spki(),
        &Issuer::new(&root, &root_key)?,
    )?;
    let ca_issuer = Issuer::new(&ca, &ca_key)?;
    let leaf_key = SoftwareKey::generate(KeyAlgorithm::EcP256)?;
    let leaves: Vec<Certificate> = (0..n)
        .map(|i| {
            issue::issue(
                &CertProfile::document_signer().with_days(30).with_ocsp_url(&url),
                &dn(&format!("C=VN, CN=Bench Leaf {i}"))?,
                leaf_key.public_key_spki(),
                &ca_issuer,
            )
        })
        .collect::<kyso::Result<_>>()?;
    std::fs::write(d.join("root.pem"), root.to_pem())?;
    std::fs::write(d.join("ca.pem"), ca.to_pem())?;
    std::fs::write(d.join("ca.key"), kyso::io::to_pem("PRIVATE KEY", &ca_key.pkcs8_der()))?;
    let mut index = String::new();
    for (i, c) in leaves.iter().enumerate() {
        std::fs::write(d.join(format!("leaf{i}.pem")), c.to_pem())?;
        let raw = c.x509().raw_serial();
        let first = raw.iter().position(|b| *b != 0).unwrap_or(0);
        index.push_str(&format!(
            "V\t491231235959Z\t\t{}\tunknown\t/CN=Bench Leaf {i}\n",
            hex::encode_upper(&raw[first..])
        ));
    }
    std::fs::write(d.join("index.txt"), index)?;
    // Pre-produced answers, by CertID (SHA-1, as both clients send).
    let answers: HashMap<Vec<u8>, Vec<u8>> = leaves
        .par_iter()
        .enumerate()
        .map(|(i, c)| -> Result<(Vec<u8>, Vec<u8>), String> {
            let req = OcspRequest::new(c, &ca, Default::default(), None).map_err(|e| e.to_string())?;
            let (q, r) = (d.join(format!("q{i}.der")), d.join(format!("r{i}.der")));
            std::fs::write(&q, req.der()).map_err(|e| e.to_string())?;
            let ok = std::process::Command::new("openssl")
                .args(["ocsp", "-index"])
                .arg(d.join("index.txt"))
                .arg("-CA")
                .arg(d.join("ca.pem"))
                .arg("-rsigner")
                .arg(d.join("ca.pem"))
                .arg("-rkey")
                .arg(d.join("ca.key"))
                .arg("-reqin")
                .arg(&q)
                .arg("-respout")
                .arg(&r)
                .args(["-ndays", "1", "-resp_no_certs"])
                .output()
                .map_err(|e| e.to_string())?;
            if !ok.status.success() {
                return Err(String::from_utf8_lossy(&ok.stderr).into_owned());
            }
            Ok((req.cert_id_der().to_vec(), std::fs::read(&r).map_err(|e| e.to_string())?))
        })
        .collect::<Result<_, _>>()?;
    eprintln!("setup: {n} certificates and answers in {:.1} s", t0.elapsed().as_secs_f64());
    let answers: Answers = Arc::new(answers);
    std::thread::spawn(move || serve(listener, answers));

    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let http = net::HttpClient::new(net::HttpOptions::default().with_timeout(Duration::from_secs(5)))?;
    let source = OcspSource::new(http);
    let check_all = |source: &OcspSource| -> Result<f64, String> {
        let t = Instant::now();
        pool.install(|| {
            leaves.par_iter().try_for_each(|leaf| {
                let sources: [&dyn RevocationSource; 1] = [source];
                let c = kyso::revocation::check_from_sources(
                    leaf,
                    &ca,
                    &sources,
                    time::OffsetDateTime::now_utc(),
                    false,
                    &NoOtherSigners,
                );
                match c.check.status {
                    RevocationStatus::Good => Ok(()),
                    other => Err(format!("{}: {other} {:?}", leaf.subject_string(), c.findings)),
                }
            })
        })?;
        Ok(t.elapsed().as_secs_f64())
    };
    let cold = check_all(&source)?;
    let warm = check_all(&source)?;
    // One thread, keep-alive only.
    let serial_source = OcspSource::new(net::HttpClient::new(net::HttpOptions::default())?);
    let t = Instant::now();
    for leaf in &leaves {
        let sources: [&dyn RevocationSource; 1] = [&serial_source];
        let c = kyso::revocation::check_from_sources(
            leaf,
            &ca,
            &sources,
            time::OffsetDateTime::now_utc(),
            false,
            &NoOtherSigners,
        );
        if !c.check.status.is_good() {
            return Err(format!("{}: {}", leaf.subject_string(), c.check.status).into());
        }
    }
    let serial = t.elapsed().as_secs_f64();

    // openssl: one `openssl ocsp` client per certificate, verifying the response.
    let t = Instant::now();
    for i in 0..n {
        openssl_client(d, i, &url)?;
    }
    let openssl = t.elapsed().as_secs_f64();

    let per = |s: f64| s * 1000.0 / n as f64;
    println!("certificates: {n}, kyso threads: {threads}");
    println!("openssl ocsp client loop:         {openssl:8.3} s ({:.3} ms/cert)", per(openssl));
    println!("kyso, 1 thread, keep-alive:       {serial:8.3} s ({:.3} ms/cert)", per(serial));
    println!("kyso, {threads} threads, keep-alive (cold): {cold:8.3} s ({:.3} ms/cert)", per(cold));
    println!("kyso, warm cache (no network):    {warm:8.3} s ({:.3} ms/cert)", per(warm));
    println!("speed-up cold: {:.1}x   warm: {:.1}x", openssl / cold, openssl / warm);
    Ok(())
}

fn openssl_client(d: &Path, i: usize, url: &str) -> Result<(), Box<dyn std::error::Error>> {
    let out = std::process::Command::new("openssl")
        .args(["ocsp", "-no_nonce", "-issuer"])
        .arg(d.join("ca.pem"))
        .arg("-cert")
        .arg(d.join(format!("leaf{i}.pem")))
        .arg("-CAfile")
        .arg(d.join("root.pem"))
        .args(["-url", url])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || !text.contains(": good") {
        return Err(
            format!("openssl ocsp for leaf {i}: {text}{}", String::from_utf8_lossy(&out.stderr)).into()
        );
    }
    Ok(())
}

/// A keep-alive HTTP/1.1 server answering GET (RFC 5019) and POST OCSP requests with the
/// pre-produced answer of their CertID.
fn serve(listener: TcpListener, answers: Answers) {
    for conn in listener.incoming() {
        let Ok(stream) = conn else { continue };
        let answers = answers.clone();
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
            let _ = stream.set_nodelay(true);
            let _ = connection(stream, &answers);
        });
    }
}

fn connection(stream: TcpStream, answers: &Answers) -> std::io::Result<()> {
    use base64::Engine;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
        let (mut len, mut close) = (0usize, false);
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 {
                return Ok(());
            }
            let h = h.trim_end().to_ascii_lowercase();
            if h.is_empty() {
                break;
            }
            if let Some(v) = h.strip_prefix("content-length:") {
                len = v.trim().parse().unwrap_or(0).min(1 << 16);
            }
            if h.starts_with("connection:") && h.contains("close") {
                close = true;
            }
        }
        let mut body = vec![0u8; len];
        reader.read_exact(&mut body)?;
        let der = if method == "POST" {
            body
        } else {
            let seg = path.rsplit('/').next().unwrap_or("");
            let seg = seg.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=");
            base64::engine::general_purpose::STANDARD.decode(seg).unwrap_or_default()
        };
        let key = <x509_ocsp::OcspRequest as der::Decode>::from_der(&der).ok().and_then(|r| {
            r.tbs_request.request_list.first().and_then(|q| der::Encode::to_der(&q.req_cert).ok())
        });
        match key.and_then(|k| answers.get(&k)) {
            Some(a) => {
                // One write: a header then a body in two segments would wait for a delayed ACK.
                let mut resp = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: {}\r\n\r\n",
                    a.len()
                )
                .into_bytes();
                resp.extend_from_slice(a);
                out.write_all(&resp)?;
            }
            None => out.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")?,
        }
        out.flush()?;
        if close {
            return Ok(());
        }
    }
}
