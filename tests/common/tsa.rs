//! A real RFC 3161 TSA on 127.0.0.1 for tests: a small HTTP/1.1 server (std TcpListener on port
//! 0) that pipes each `application/timestamp-query` body through `openssl ts -reply` with a
//! generated configuration. Bounded (request size, request count, per-connection timeouts) and
//! stopped when dropped. [`Tsa::start_tls`] serves the same over TLS (rustls, loopback only).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// Requests served before the server stops by itself.
pub const MAX_REQUESTS: usize = 10_000;
/// Largest request body accepted.
pub const MAX_BODY: usize = 64 * 1024;

/// A running loopback TSA.
pub struct Tsa {
    /// `http://127.0.0.1:PORT/tsa` (`https://` for [`Tsa::start_tls`]).
    pub url: String,
    port: u16,
    stop: Arc<AtomicBool>,
    served: Arc<AtomicUsize>,
    handle: Option<JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl Tsa {
    /// Start a TSA signing with `key`/`cert` (PEM files), embedding `chain` (PEM) in replies.
    /// `ess_alg` is `sha1` (signing-certificate) or `sha256` (signing-certificate-v2).
    pub fn start(cert: &Path, key: &Path, chain: &Path, ess_alg: &str) -> Tsa {
        Self::start_with(cert, key, chain, ess_alg, None)
    }

    /// The same over TLS with `tls` (an `https://127.0.0.1:PORT/tsa` URL). Connections whose
    /// handshake fails (a client that does not trust the server) are dropped, and still count.
    pub fn start_tls(
        cert: &Path,
        key: &Path,
        chain: &Path,
        ess_alg: &str,
        tls: Arc<rustls::ServerConfig>,
    ) -> Tsa {
        Self::start_with(cert, key, chain, ess_alg, Some(tls))
    }

    fn start_with(
        cert: &Path,
        key: &Path,
        chain: &Path,
        ess_alg: &str,
        tls: Option<Arc<rustls::ServerConfig>>,
    ) -> Tsa {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_path_buf();
        std::fs::write(d.join("serial"), "01\n").unwrap();
        let config = format!(
            "[ tsa ]\ndefault_tsa = tsa_config1\n\n[ tsa_config1 ]\nserial = {serial}\ncrypto_device = builtin\n\
             signer_cert = {cert}\ncerts = {chain}\nsigner_key = {key}\nsigner_digest = sha256\n\
             default_policy = 1.2.3.4.1\nother_policies = 1.2.3.4.5\ndigests = sha256, sha384, sha512\n\
             accuracy = secs:1\nclock_precision_digits = 0\nordering = no\ntsa_name = no\n\
             ess_cert_id_chain = no\ness_cert_id_alg = {ess_alg}\n",
            serial = d.join("serial").display(),
            cert = cert.display(),
            chain = chain.display(),
            key = key.display(),
        );
        let config_path = d.join("tsa.cnf");
        std::fs::write(&config_path, config).unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let served = Arc::new(AtomicUsize::new(0));
        let (stop2, served2) = (stop.clone(), served.clone());
        let scheme = if tls.is_some() { "https" } else { "http" };
        let handle = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) || served2.load(Ordering::SeqCst) >= MAX_REQUESTS {
                    break;
                }
                let Ok(stream) = conn else { continue };
                let n = served2.fetch_add(1, Ordering::SeqCst);
                if stream.set_read_timeout(Some(Duration::from_secs(10))).is_err()
                    || stream.set_write_timeout(Some(Duration::from_secs(10))).is_err()
                {
                    continue;
                }
                match &tls {
                    None => {
                        let _ = serve(stream, &d, &config_path, n);
                    }
                    Some(cfg) => {
                        let Ok(conn) = rustls::ServerConnection::new(cfg.clone()) else { continue };
                        let mut s = rustls::StreamOwned::new(conn, stream);
                        let _ = serve(&mut s, &d, &config_path, n);
                        s.conn.send_close_notify();
                        let _ = s.flush();
                    }
                }
            }
        });
        Tsa {
            url: format!("{scheme}://127.0.0.1:{port}/tsa"),
            port,
            stop,
            served,
            handle: Some(handle),
            _dir: dir,
        }
    }

    /// Requests served so far.
    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

impl Drop for Tsa {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve<S: Read + Write>(mut s: S, dir: &Path, config: &Path, n: usize) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        let k = s.read(&mut chunk)?;
        if k == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..k]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if buf.len() > 16 * 1024 {
            return respond(&mut s, "431 Request Header Fields Too Large", "text/plain", b"");
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_string();
    let len = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case("content-length").then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    if !head.starts_with("POST ") || !head.to_ascii_lowercase().contains("application/timestamp-query") {
        return respond(&mut s, "400 Bad Request", "text/plain", b"expected a timestamp query");
    }
    if len > MAX_BODY {
        return respond(&mut s, "413 Payload Too Large", "text/plain", b"");
    }
    let mut body = buf[header_end..].to_vec();
    while body.len() < len {
        let k = s.read(&mut chunk)?;
        if k == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..k]);
    }
    body.truncate(len);
    let q: PathBuf = dir.join(format!("q{n}.tsq"));
    let r: PathBuf = dir.join(format!("r{n}.tsr"));
    std::fs::write(&q, &body)?;
    let out = Command::new("openssl")
        .args(["ts", "-reply", "-config"])
        .arg(config)
        .arg("-queryfile")
        .arg(&q)
        .arg("-out")
        .arg(&r)
        .output()?;
    let _ = std::fs::remove_file(&q);
    if !out.status.success() {
        return respond(&mut s, "500 Internal Server Error", "text/plain", &out.stderr);
    }
    let reply = std::fs::read(&r)?;
    let _ = std::fs::remove_file(&r);
    respond(&mut s, "200 OK", "application/timestamp-reply", &reply)
}

fn respond<S: Write>(s: &mut S, status: &str, ct: &str, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes())?;
    s.write_all(body)?;
    s.flush()
}
