//! A small HTTP/1.1 server on 127.0.0.1 for tests of the online sources: keep-alive, one thread
//! per connection, GET and POST, each request answered by the test's handler and logged.
//! Bounded (header and body sizes, connections, per-connection time-outs) and stopped when
//! dropped: the accept loop is woken and joined, open connections are shut down and joined.
//!
//! [`openssl_ocsp`] answers OCSP requests with a real `openssl ocsp` responder in its offline
//! mode (`-reqin`/`-respout`), one process per request, as tests/common/tsa.rs does with
//! `openssl ts -reply`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Largest request body accepted.
pub const MAX_BODY: usize = 64 * 1024;
/// Connections served at once, at most (more are closed at once).
pub const MAX_CONNECTIONS: usize = 64;

/// One request as the handler sees it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// The path and query, percent-encoding untouched.
    pub path: String,
    pub body: Vec<u8>,
}

/// What the handler answers.
pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn ok(content_type: &str, body: Vec<u8>) -> Self {
        Response { status: 200, content_type: content_type.into(), body }
    }
    pub fn not_found() -> Self {
        Response { status: 404, content_type: "text/plain".into(), body: b"not found".to_vec() }
    }
}

pub type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// Open connections: a handle on each socket (to shut it down) and its thread.
type Connections = Arc<Mutex<Vec<(TcpStream, JoinHandle<()>)>>>;

/// A bound, not yet serving, listener: its port is known before the test PKI is made.
pub struct Bound {
    listener: TcpListener,
    pub port: u16,
}

pub fn bind() -> Bound {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    Bound { listener, port }
}

/// A running server.
pub struct Server {
    pub port: u16,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<(String, String)>>>,
    conns: Connections,
    accept: Option<JoinHandle<()>>,
}

impl Bound {
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn serve(self, handler: Handler) -> Server {
        let stop = Arc::new(AtomicBool::new(false));
        let log: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
        let conns: Connections = Arc::default();
        let (stop2, log2, conns2) = (stop.clone(), log.clone(), conns.clone());
        let listener = self.listener;
        let accept = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = conn else { continue };
                let mut open = conns2.lock().unwrap();
                open.retain(|(_, h)| !h.is_finished());
                if open.len() >= MAX_CONNECTIONS {
                    let _ = stream.shutdown(Shutdown::Both);
                    continue;
                }
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
                let Ok(clone) = stream.try_clone() else { continue };
                let (h, l) = (handler.clone(), log2.clone());
                let t = std::thread::spawn(move || {
                    let _ = serve_connection(stream, &h, &l);
                });
                open.push((clone, t));
            }
        });
        Server { port: self.port, stop, log, conns, accept: Some(accept) }
    }
}

impl Server {
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
    /// Every (method, path) served so far, in order.
    pub fn log(&self) -> Vec<(String, String)> {
        self.log.lock().unwrap().clone()
    }
    /// How many requests had a path starting with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        self.log.lock().unwrap().iter().filter(|(_, p)| p.starts_with(prefix)).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
        let conns = std::mem::take(&mut *self.conns.lock().unwrap());
        for (s, h) in conns {
            let _ = s.shutdown(Shutdown::Both);
            let _ = h.join();
        }
    }
}

fn serve_connection(
    stream: TcpStream,
    handler: &Handler,
    log: &Mutex<Vec<(String, String)>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let (Some(method), Some(path)) = (parts.next(), parts.next()) else { return Ok(()) };
        let (method, path) = (method.to_string(), path.to_string());
        let mut len = 0usize;
        let mut close = false;
        let mut header_bytes = 0;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 {
                return Ok(());
            }
            header_bytes += h.len();
            if header_bytes > 16 * 1024 {
                return Ok(());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let lower = h.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                len = v.trim().parse().unwrap_or(0);
            }
            if lower.starts_with("connection:") && lower.contains("close") {
                close = true;
            }
        }
        if len > MAX_BODY {
            return Ok(());
        }
        let mut body = vec![0u8; len];
        reader.read_exact(&mut body)?;
        let req = Request { method: method.clone(), path: path.clone(), body };
        log.lock().unwrap().push((method, path));
        let resp = handler(&req);
        let reason = if resp.status == 200 { "OK" } else { "Error" };
        let head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{}\r\n",
            resp.status,
            resp.content_type,
            resp.body.len(),
            if close { "Connection: close\r\n" } else { "" }
        );
        // One write: a header then a body in two segments would wait for a delayed ACK.
        let mut all = head.into_bytes();
        all.extend_from_slice(&resp.body);
        out.write_all(&all)?;
        out.flush()?;
        if close {
            return Ok(());
        }
    }
}

/// Decode `%XX` escapes.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The DER of an OCSP request: the POST body, or the base64 path segment after `prefix` of a
/// GET (RFC 5019 §5).
pub fn ocsp_request_der(req: &Request, prefix: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    if req.method == "POST" {
        return Some(req.body.clone());
    }
    let rest = req.path.strip_prefix(prefix)?.trim_start_matches('/');
    base64::engine::general_purpose::STANDARD.decode(percent_decode(rest)).ok()
}

/// How an `openssl ocsp` responder signs.
#[derive(Clone, Debug)]
pub struct Responder {
    /// The CA certificate (PEM) whose certificates are answered for (`-CA`).
    pub ca: PathBuf,
    /// The index (`openssl ca` database format).
    pub index: PathBuf,
    /// The signer's certificate and key (PEM): the CA itself or a delegated responder.
    pub signer: PathBuf,
    pub signer_key: PathBuf,
    /// Extra arguments (`-ndays 1`, `-resp_key_id`, `-resp_no_certs`, ...).
    pub args: Vec<String>,
}

/// Answer the OCSP request `der` with `openssl ocsp` in its offline mode; `None` when openssl
/// fails (the test then sees a 500).
pub fn openssl_ocsp(r: &Responder, der: &[u8], dir: &Path) -> Option<Vec<u8>> {
    let work = tempfile::tempdir_in(dir).ok()?;
    let req = work.path().join("req.der");
    let resp = work.path().join("resp.der");
    std::fs::write(&req, der).ok()?;
    let out = std::process::Command::new("openssl")
        .arg("ocsp")
        .arg("-index")
        .arg(&r.index)
        .arg("-CA")
        .arg(&r.ca)
        .arg("-rsigner")
        .arg(&r.signer)
        .arg("-rkey")
        .arg(&r.signer_key)
        .arg("-reqin")
        .arg(&req)
        .arg("-respout")
        .arg(&resp)
        .args(&r.args)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("openssl ocsp failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    std::fs::read(&resp).ok()
}

/// Whether `openssl` runs; a notice when not (a failure under `CI`).
pub fn have_openssl() -> bool {
    let ok = std::process::Command::new("openssl")
        .arg("version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("openssl is required under CI");
        }
        eprintln!("NOTICE: openssl not found, skipping the online revocation tests with a real responder");
    }
    ok
}
