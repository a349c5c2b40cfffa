//! A small, bounded HTTP/1.1 server on a loopback address (RFC 9112), enough for the demo's
//! OCSP responder, CRLs and CA certificates and for tests that need a peer on 127.0.0.1.
//!
//! Bounds: the number of connections served at once (more are answered 503 and closed), the
//! size of a request head and of a request body (431 and 413), the time a whole request may take
//! to arrive once it has started, the idle time between requests of a kept-alive connection, and
//! the number of requests per connection. Stopping the server (by [`HttpServer::stop`] or by
//! dropping it) closes every connection and joins every thread.
//!
//! What it does NOT do: TLS, chunked request bodies (answered 501), pipelining beyond reading
//! the next request after the previous answer, or any address other than loopback.

use crate::diag::codes::demo as codes;
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// One request, as the handler sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The method (`GET`, `POST`, ...), as sent.
    pub method: String,
    /// The request target in origin form (`/gov/ca.crl`, `/ocsp/MEIw...`), as sent; an
    /// absolute-form target (`http://host/path`) is reduced to its path and its host moved to
    /// [`Request::host`].
    pub target: String,
    /// The host of the Host header (or of an absolute-form target), lower case, without a port.
    pub host: Option<String>,
    /// The Content-Type header without parameters, lower case.
    pub content_type: Option<String>,
    /// The body (empty for GET).
    pub body: Vec<u8>,
}

impl Request {
    /// The target without its query (`?...`).
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

/// The handler's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The Content-Type header, if any.
    pub content_type: Option<&'static str>,
    /// More headers (name, value).
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// 200 with `body` as `content_type`.
    pub fn ok(content_type: &'static str, body: Vec<u8>) -> Self {
        Response { status: 200, content_type: Some(content_type), headers: Vec::new(), body }
    }

    /// `status` with its reason phrase as a short text body.
    pub fn status(status: u16) -> Self {
        Response {
            status,
            content_type: Some("text/plain; charset=utf-8"),
            headers: Vec::new(),
            body: format!("{status} {}\n", reason(status)).into_bytes(),
        }
    }

    /// Add a header.
    #[must_use]
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// The reason phrase of the status codes this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// The bounds of an [`HttpServer`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Connections served at once; one more is answered 503 and closed.
    pub max_connections: usize,
    /// Largest request head (request line and headers), in bytes.
    pub max_head: usize,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Longest time a request may take to arrive, from its first byte to its last.
    pub request_timeout: Duration,
    /// Longest wait for the first byte of a request (the first one or the next on a kept-alive
    /// connection), and for the client to take an answer.
    pub idle_timeout: Duration,
    /// Requests served on one connection before it is closed.
    pub max_requests_per_connection: usize,
}

with_setters!(Limits {
    max_connections: usize => with_max_connections,
    max_head: usize => with_max_head,
    max_body: usize => with_max_body,
    request_timeout: Duration => with_request_timeout,
    idle_timeout: Duration => with_idle_timeout,
    max_requests_per_connection: usize => with_max_requests_per_connection,
});

impl Default for Limits {
    /// 64 connections; 8 KiB heads (the common limit of web servers, and a GET OCSP request of a
    /// few hundred bytes fits); 64 KiB bodies (an OCSP request for one certificate is about
    /// 100 bytes); 10 s per request; 5 s idle; 1,000 requests per connection.
    fn default() -> Self {
        Limits {
            max_connections: 64,
            max_head: 8 * 1024,
            max_body: 64 * 1024,
            request_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(5),
            max_requests_per_connection: 1000,
        }
    }
}

/// What answers requests.
pub type Handler = dyn Fn(&Request) -> Response + Send + Sync;

struct Shared {
    stop: AtomicBool,
    /// Open connections (a clone of each stream, to shut them down on stop).
    open: Mutex<HashMap<u64, TcpStream>>,
}

/// A running server (see the [module documentation](self)). Dropping it stops it.
pub struct HttpServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for HttpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpServer").field("addr", &self.addr).finish()
    }
}

impl HttpServer {
    /// Listen on `addr`, which must be a loopback address (port 0: any free port), and answer
    /// every request with `handler` on a thread per connection.
    pub fn start(addr: SocketAddr, limits: Limits, handler: Arc<Handler>) -> Result<Self> {
        if !addr.ip().is_loopback() {
            return Err(Error::usage(codes::SERVE_NOT_LOOPBACK).with("addr", addr));
        }
        let bind_error =
            |e: std::io::Error| Error::usage(codes::SERVE_BIND).with("addr", addr).with("detail", e);
        let listener = TcpListener::bind(addr).map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let shared = Arc::new(Shared { stop: AtomicBool::new(false), open: Mutex::new(HashMap::new()) });
        let s = shared.clone();
        let accept = std::thread::Builder::new()
            .name("kyso-http-accept".into())
            .spawn(move || accept_loop(listener, s, limits, handler))
            .map_err(|e| Error::usage(codes::SERVE_THREAD).with("detail", e))?;
        Ok(HttpServer { addr, shared, accept: Some(accept) })
    }

    /// The address listened on (with the port chosen when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stop: refuse new connections, close the open ones, and wait for every thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let Some(accept) = self.accept.take() else { return };
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop with a connection of our own.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        let _ = accept.join();
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>, limits: Limits, handler: Arc<Handler>) {
    let mut workers: Vec<JoinHandle<()>> = Vec::new();
    let mut next_id: u64 = 0;
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(mut stream) = stream else {
            // Out of descriptors or a connection reset before accept: try again shortly.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        workers.retain(|w| !w.is_finished());
        if workers.len() >= limits.max_connections {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = write_response(&mut stream, &Response::status(503), false, false);
            let _ = stream.shutdown(Shutdown::Both);
            continue;
        }
        let Ok(clone) = stream.try_clone() else { continue };
        next_id += 1;
        let id = next_id;
        lock(&shared.open).insert(id, clone);
        let (s, l, h) = (shared.clone(), limits.clone(), handler.clone());
        let spawned = std::thread::Builder::new().name("kyso-http".into()).spawn(move || {
            serve_connection(stream, &s, &l, h.as_ref());
            lock(&s.open).remove(&id);
        });
        match spawned {
            Ok(w) => workers.push(w),
            Err(_) => {
                if let Some(s) = lock(&shared.open).remove(&id) {
                    let _ = s.shutdown(Shutdown::Both);
                }
            }
        }
    }
    for s in lock(&shared.open).values() {
        let _ = s.shutdown(Shutdown::Both);
    }
    for w in workers {
        let _ = w.join();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Why a connection ends early.
enum Stop {
    /// Closed, timed out before a request started, or stopped: end quietly.
    Quiet,
    /// A request that cannot be served: answer this status, then close.
    Answer(u16),
}

fn serve_connection(mut stream: TcpStream, shared: &Shared, limits: &Limits, handler: &Handler) {
    let _ = stream.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::new();
    for served in 0..limits.max_requests_per_connection {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let (request, keep_alive) = match read_request(&mut stream, &mut buf, limits) {
            Ok(r) => r,
            Err(Stop::Quiet) => break,
            Err(Stop::Answer(status)) => {
                let _ = stream.set_write_timeout(Some(limits.idle_timeout));
                let _ = write_response(&mut stream, &Response::status(status), false, false);
                break;
            }
        };
        let response = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handler(&request)))
            .unwrap_or_else(|_| Response::status(500));
        let keep_alive = keep_alive && served + 1 < limits.max_requests_per_connection;
        let _ = stream.set_write_timeout(Some(limits.idle_timeout));
        let head_only = request.method == "HEAD";
        if write_response(&mut stream, &response, keep_alive, head_only).is_err() || !keep_alive {
            break;
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

/// Read more bytes into `buf` before `deadline`.
fn fill(stream: &mut TcpStream, buf: &mut Vec<u8>, deadline: Instant, started: bool) -> Result<(), Stop> {
    let timed_out = if started { Stop::Answer(408) } else { Stop::Quiet };
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(timed_out);
    }
    stream.set_read_timeout(Some(left)).map_err(|_| Stop::Quiet)?;
    let mut chunk = [0u8; 4096];
    match stream.read(&mut chunk) {
        Ok(0) => Err(Stop::Quiet),
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            Ok(())
        }
        Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
            Err(timed_out)
        }
        Err(_) => Err(Stop::Quiet),
    }
}

/// Read one request (head and body) from `stream`, with what is left in `buf` from the previous
/// one; leave in `buf` what follows it. Returns the request and whether the connection stays
/// open after the answer.
fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>, limits: &Limits) -> Result<(Request, bool), Stop> {
    let mut deadline = Instant::now() + limits.idle_timeout;
    let mut started = !buf.is_empty();
    if started {
        deadline = Instant::now() + limits.request_timeout;
    }
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n") {
            break i;
        }
        if buf.len() > limits.max_head {
            return Err(Stop::Answer(431));
        }
        fill(stream, buf, deadline, started)?;
        if !started {
            started = true;
            deadline = Instant::now() + limits.request_timeout;
        }
    };
    if head_end > limits.max_head {
        return Err(Stop::Answer(431));
    }
    let head = String::from_utf8(buf[..head_end].to_vec()).map_err(|_| Stop::Answer(400))?;
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Stop::Answer(400));
    };
    if method.is_empty() || !method.bytes().all(is_token) || target.is_empty() {
        return Err(Stop::Answer(400));
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        v if v.starts_with("HTTP/") => return Err(Stop::Answer(505)),
        _ => return Err(Stop::Answer(400)),
    };
    let mut host = None;
    let mut content_type = None;
    let mut content_length: Option<usize> = None;
    let mut connection = String::new();
    let mut expect_continue = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { return Err(Stop::Answer(400)) };
        if name.is_empty() || !name.bytes().all(is_token) {
            return Err(Stop::Answer(400)); // also obsolete line folding (RFC 9112 §5.2)
        }
        let value = value.trim_matches([' ', '\t']);
        match name.to_ascii_lowercase().as_str() {
            "host" => {
                if host.is_some() {
                    return Err(Stop::Answer(400));
                }
                host = Some(host_of(value));
            }
            "content-type" => {
                content_type = Some(value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
            }
            "content-length" => {
                let n: usize = value.parse().map_err(|_| Stop::Answer(400))?;
                if content_length.is_some_and(|m| m != n) {
                    return Err(Stop::Answer(400));
                }
                content_length = Some(n);
            }
            "transfer-encoding" => return Err(Stop::Answer(501)),
            "connection" => connection = value.to_ascii_lowercase(),
            "expect" => {
                if !value.eq_ignore_ascii_case("100-continue") {
                    return Err(Stop::Answer(400));
                }
                expect_continue = true;
            }
            _ => {}
        }
    }
    // RFC 9112 §3.2: an HTTP/1.1 request without Host is answered 400.
    if http11 && host.is_none() {
        return Err(Stop::Answer(400));
    }
    let mut target = target.to_string();
    if let Some(rest) = target.strip_prefix("http://").map(str::to_string) {
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        host = Some(host_of(authority));
        target = if path.is_empty() { "/".to_string() } else { path.to_string() };
    }
    if !target.starts_with('/') {
        return Err(Stop::Answer(400));
    }
    let length = content_length.unwrap_or(0);
    if length > limits.max_body {
        return Err(Stop::Answer(413));
    }
    let body_start = head_end + 4;
    if expect_continue && buf.len() < body_start + length {
        let _ = stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    while buf.len() < body_start + length {
        fill(stream, buf, deadline, true)?;
    }
    let body = buf[body_start..body_start + length].to_vec();
    buf.drain(..body_start + length);
    let keep_alive =
        if http11 { !has_token(&connection, "close") } else { has_token(&connection, "keep-alive") };
    Ok((Request { method: method.to_string(), target, host, content_type, body }, keep_alive))
}

/// RFC 9110 §5.6.2 token characters.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn has_token(list: &str, token: &str) -> bool {
    list.split(',').any(|t| t.trim() == token)
}

/// The host of a Host header value: lower case, without a port or a final dot.
fn host_of(value: &str) -> String {
    let v = value.trim();
    let host = if v.starts_with('[') {
        v.split_inclusive(']').next().unwrap_or(v)
    } else {
        v.rsplit_once(':').map_or(v, |(h, _)| h)
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn write_response(
    stream: &mut TcpStream,
    r: &Response,
    keep_alive: bool,
    head_only: bool,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    head.push_str(&format!("Date: {}\r\n", http_date(time::OffsetDateTime::now_utc())));
    head.push_str(concat!("Server: kyso/", env!("CARGO_PKG_VERSION"), "\r\n"));
    if let Some(ct) = r.content_type {
        head.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    for (name, value) in &r.headers {
        // A handler's header never splits the head.
        if !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str(&format!("Content-Length: {}\r\n", r.body.len()));
    head.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
    let mut out = head.into_bytes();
    if !head_only {
        out.extend_from_slice(&r.body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

/// An IMF-fixdate (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(t: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    t.to_offset(time::UtcOffset::UTC).format(&f).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo() -> Arc<Handler> {
        Arc::new(|r: &Request| {
            let text = format!("{} {} {:?} {}", r.method, r.target, r.host, r.body.len());
            Response::ok("text/plain", text.into_bytes())
        })
    }

    fn exchange(addr: SocketAddr, request: &[u8]) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn loopback_only() {
        let e = HttpServer::start("0.0.0.0:0".parse().unwrap(), Limits::default(), echo()).unwrap_err();
        assert_eq!(e.code().id(), "demo-serve-not-loopback");
    }

    #[test]
    fn requests_limits_and_keep_alive() {
        let limits = Limits::default()
            .with_max_body(10)
            .with_max_head(200)
            .with_idle_timeout(Duration::from_millis(300))
            .with_request_timeout(Duration::from_millis(500));
        let server = HttpServer::start("127.0.0.1:0".parse().unwrap(), limits, echo()).unwrap();
        let addr = server.local_addr();
        let r = exchange(addr, b"GET /a?b HTTP/1.0\r\nHost: PKI.Gov.Demo.Invalid:80\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 200 OK\r\n"), "{r}");
        assert!(
            r.contains("Connection: close\r\n") && r.ends_with("GET /a?b Some(\"pki.gov.demo.invalid\") 0"),
            "{r}"
        );
        // Two requests on one HTTP/1.1 connection, the second closing it; a body.
        let r = exchange(
            addr,
            b"POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET http://other.invalid/y HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(r.matches("HTTP/1.1 200 OK").count(), 2, "{r}");
        assert!(r.contains("POST /x Some(\"h\") 3") && r.contains("GET /y Some(\"other.invalid\") 0"), "{r}");
        for (request, status) in [
            (&b"GET / HTTP/1.1\r\n\r\n"[..], "400"),
            (b"GET / HTTP/2.0\r\nHost: h\r\n\r\n", "505"),
            (b"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", "413"),
            (b"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n", "501"),
            (b"GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n", "400"),
            (b"GET relative HTTP/1.1\r\nHost: h\r\n\r\n", "400"),
            // A body that never comes: 408 once the request timeout is over.
            (b"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nab", "408"),
        ] {
            let r = exchange(addr, request);
            assert!(
                r.starts_with(&format!("HTTP/1.1 {status} ")),
                "{}: {r}",
                String::from_utf8_lossy(request)
            );
        }
        let mut big = b"GET / HTTP/1.1\r\nHost: h\r\nX: ".to_vec();
        big.extend(vec![b'a'; 300]);
        big.extend(b"\r\n\r\n");
        assert!(exchange(addr, &big).starts_with("HTTP/1.1 431 "));
        // An idle connection is closed without an answer.
        let t0 = Instant::now();
        assert_eq!(exchange(addr, b""), "");
        assert!(t0.elapsed() < Duration::from_secs(5));
        // HEAD: the headers of GET, no body.
        let r = exchange(addr, b"HEAD /z HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        assert!(r.ends_with("\r\n\r\n") && r.contains("Content-Length: 19\r\n"), "{r}");
        server.stop();
        assert!(TcpStream::connect(addr).is_err(), "still listening after stop");
    }

    #[test]
    fn connection_limit_and_stop_closes_open_connections() {
        let limits = Limits::default().with_max_connections(1).with_idle_timeout(Duration::from_secs(30));
        let server = HttpServer::start("127.0.0.1:0".parse().unwrap(), limits, echo()).unwrap();
        let addr = server.local_addr();
        // The first connection is kept open (idle), the second is refused with 503.
        let mut first = TcpStream::connect(addr).unwrap();
        first.write_all(b"GET /1 HTTP/1.1\r\nHost: h\r\n\r\n").unwrap();
        let mut answer = [0u8; 12];
        first.read_exact(&mut answer).unwrap();
        assert_eq!(&answer, b"HTTP/1.1 200");
        assert!(exchange(addr, b"GET /2 HTTP/1.1\r\nHost: h\r\n\r\n").starts_with("HTTP/1.1 503 "));
        // Stopping does not wait for the idle connection's 30 s.
        let t0 = Instant::now();
        drop(server);
        assert!(t0.elapsed() < Duration::from_secs(5), "{:?}", t0.elapsed());
        let mut rest = Vec::new();
        first.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = first.read_to_end(&mut rest);
    }

    #[test]
    fn dates() {
        let t = time::macros::datetime!(1994-11-06 08:49:37 UTC);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
    }
}
