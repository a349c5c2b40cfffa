//! The one HTTP client of kyso (RFC 3161 timestamp servers, OCSP responders, CRL distribution
//! points and AIA issuers): a blocking [`HttpClient`] over `ureq`, with `http://` and `https://`
//! (rustls, TLS 1.2 and 1.3). Connections are kept alive and shared by the clones of a client.
//!
//! Every exchange is bounded: one time-out covers the WHOLE exchange (name resolution,
//! connection, TLS handshake, request and response), and response bodies are read up to a size
//! limit. Several clients (or clones) may share a [`NetBudget`]: the network time they may spend
//! together; each exchange's time-out is cut to what is left of it, and once it is spent no
//! exchange starts. Errors are [`ErrorKind::Network`] and name the URL.
//!
//! Host names under `.invalid` fail at once without a lookup, as RFC 6761 §6.4 asks of name
//! resolution libraries (the demo PKI's URLs are such names).
//!
//! For `https://`, the server's certificate is checked against Mozilla's root certificates
//! (compiled in), or, when [`HttpOptions::extra_roots`] is not empty, against those roots only
//! (as `curl --cacert` does): a private timestamp server's CA is trusted without trusting it for
//! the rest of the web, and the public roots are not trusted for it.
//!
//! What this client does NOT do: check certificate revocation of TLS servers, follow redirects
//! of POST requests (GET follows up to [`MAX_REDIRECTS`]), decompress bodies, keep cookies, or
//! retry. Proxies are taken from the usual `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` variables.
//!
//! [`HttpOptions::resolve`] maps host names to fixed loopback addresses instead of resolving them
//! (as curl's resolve option does, whatever the URL's port): the demo PKI's certificates name
//! `pki.public.demo.invalid` and `pki.gov.demo.invalid`, which a local demo server answers for.
//! Only loopback addresses are accepted, and mapped hosts are reached directly, never through a
//! proxy.

use crate::diag::codes::net as codes;
use crate::diag::{Hint, Message};
use crate::error::{Error, ErrorKind, Result};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Default limit on one exchange (resolution, connection, TLS, request and response).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default largest response body accepted: 1 MiB (timestamp replies and OCSP responses are a
/// few KiB; large CRLs need a larger [`HttpOptions::max_body`]).
pub const DEFAULT_MAX_BODY: u64 = 1 << 20;
/// Longest time-out applied; longer ones are shortened to it.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 3600);
/// Redirects followed by [`HttpClient::get`] (POST requests follow none).
pub const MAX_REDIRECTS: u32 = 5;

/// How an [`HttpClient`] behaves.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct HttpOptions {
    /// Limit on one whole exchange, from name resolution to the last byte of the body (at
    /// most [`MAX_TIMEOUT`]).
    pub timeout: Duration,
    /// Largest response body accepted, in bytes.
    pub max_body: u64,
    /// Root certificates (DER) to trust for `https://` servers instead of the built-in Mozilla
    /// roots. Empty: the built-in roots.
    pub extra_roots: Vec<Vec<u8>>,
    /// Host names connected to a fixed loopback address instead of being resolved (see the
    /// [module documentation](self)). Empty: every host is resolved as usual.
    pub resolve: Vec<HostMapping>,
}

with_setters!(HttpOptions {
    timeout: Duration => with_timeout,
    max_body: u64 => with_max_body,
    extra_roots: Vec<Vec<u8>> => with_extra_roots,
    resolve: Vec<HostMapping> => with_resolve,
});

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            timeout: DEFAULT_TIMEOUT,
            max_body: DEFAULT_MAX_BODY,
            extra_roots: Vec::new(),
            resolve: Vec::new(),
        }
    }
}

/// A host name answered by a fixed loopback socket address (`HOST=IP:PORT`, as
/// `pki.gov.demo.invalid=127.0.0.1:8787` or `pki.gov.demo.invalid=[::1]:8787`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostMapping {
    /// The host name, lower case, without a port.
    pub host: String,
    /// Where connections to `host` go, whatever the URL's port: a loopback address.
    pub addr: SocketAddr,
}

impl HostMapping {
    /// A mapping of `host` (compared without regard to ASCII case) to `addr`, which must be a
    /// loopback address ([`ErrorKind::Usage`] otherwise, or when `host` is not a host name).
    pub fn new(host: &str, addr: SocketAddr) -> Result<Self> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let label_ok = |l: &str| {
            !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
            return Err(Error::usage(codes::NET_RESOLVE_BAD_HOST).with("host", host));
        }
        if !addr.ip().is_loopback() {
            return Err(Error::usage(codes::NET_RESOLVE_NOT_LOOPBACK).with("host", host).with("addr", addr));
        }
        Ok(HostMapping { host, addr })
    }

    /// Every mapping of a list separated by commas or white space (`HOST=IP:PORT,HOST=IP:PORT`).
    pub fn parse_list(list: &str) -> Result<Vec<Self>> {
        list.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect()
    }
}

impl std::str::FromStr for HostMapping {
    type Err = Error;
    /// `HOST=IP:PORT` (an IPv6 address in brackets: `HOST=[::1]:PORT`).
    fn from_str(s: &str) -> Result<Self> {
        let syntax = || Error::usage(codes::NET_RESOLVE_SYNTAX).with("mapping", s);
        let (host, addr) = s.split_once('=').ok_or_else(syntax)?;
        let addr: SocketAddr = addr.trim().parse().map_err(|_| syntax())?;
        HostMapping::new(host.trim(), addr)
    }
}

impl std::fmt::Display for HostMapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.host, self.addr)
    }
}

/// The mapping for the host of `url`, if any.
fn mapped<'a>(map: &'a [HostMapping], url: &str) -> Option<&'a HostMapping> {
    if map.is_empty() {
        return None;
    }
    let uri: ureq::http::Uri = url.parse().ok()?;
    let host = uri.host()?.trim_end_matches('.');
    map.iter().find(|m| m.host.eq_ignore_ascii_case(host))
}

/// The resolver of a client with [`HttpOptions::resolve`]: mapped hosts first, then the system's.
#[derive(Debug)]
struct MappedResolver {
    map: Vec<HostMapping>,
    system: ureq::unversioned::resolver::DefaultResolver,
}

impl ureq::unversioned::resolver::Resolver for MappedResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> std::result::Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().map(|h| h.trim_end_matches('.')).unwrap_or_default();
        if let Some(m) = self.map.iter().find(|m| m.host.eq_ignore_ascii_case(host)) {
            let mut addrs = self.empty();
            addrs.push(m.addr);
            return Ok(addrs);
        }
        self.system.resolve(uri, config, timeout)
    }
}

/// The network time several exchanges may spend together (a command's whole online checking,
/// say), shared through an `Arc` by the clients that draw on it. Exchanges running in parallel
/// each count their own time.
#[derive(Debug)]
pub struct NetBudget {
    total: Duration,
    spent: Mutex<Duration>,
}

impl NetBudget {
    /// A budget of `total`.
    pub fn new(total: Duration) -> Arc<Self> {
        Arc::new(NetBudget { total, spent: Mutex::new(Duration::ZERO) })
    }
    /// The whole budget.
    pub fn total(&self) -> Duration {
        self.total
    }
    /// What is left of it.
    pub fn remaining(&self) -> Duration {
        let spent = *self.spent.lock().unwrap_or_else(|e| e.into_inner());
        self.total.saturating_sub(spent)
    }
    fn spend(&self, d: Duration) {
        let mut spent = self.spent.lock().unwrap_or_else(|e| e.into_inner());
        *spent = spent.saturating_add(d);
    }
}

/// A blocking HTTP/1.1 client for small exchanges (see the [module documentation](self)).
/// Cloning is cheap and shares the connection pool (and the [`NetBudget`], if any).
#[derive(Clone)]
pub struct HttpClient {
    agent: ureq::Agent,
    options: HttpOptions,
    budget: Option<Arc<NetBudget>>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("timeout", &self.options.timeout)
            .field("max_body", &self.options.max_body)
            .field("extra_roots", &self.options.extra_roots.len())
            .field("resolve", &self.options.resolve)
            .field("budget", &self.budget)
            .finish()
    }
}

impl Default for HttpClient {
    fn default() -> Self {
        Self::with_agent(HttpOptions::default())
    }
}

/// Check that `url` is an absolute `http://` or `https://` URL with a host, as the client
/// accepts it ([`ErrorKind::Usage`] otherwise).
pub fn check_url(url: &str) -> Result<()> {
    let uri: ureq::http::Uri =
        url.parse().map_err(|e| Error::usage(codes::NET_NOT_A_URL).with("url", url).with("detail", e))?;
    match uri.scheme_str() {
        Some("http") | Some("https") => {}
        _ => return Err(Error::usage(codes::NET_NOT_HTTP).with("url", url)),
    }
    match uri.authority() {
        Some(a) if !a.host().is_empty() && !a.as_str().contains('@') => {
            // `Uri` keeps a port of up to 5 digits, valid or not.
            let port = a.as_str().rsplit_once(':').filter(|(h, _)| !h.ends_with(':')).map(|(_, p)| p);
            match port {
                Some(p) if !p.ends_with(']') && p.parse::<u16>().is_err() => {
                    Err(Error::usage(codes::NET_BAD_PORT).with("url", url))
                }
                _ => Ok(()),
            }
        }
        _ => Err(Error::usage(codes::NET_BAD_HOST).with("url", url)),
    }
}

impl HttpClient {
    /// A client with `options`. Each extra root must be a DER X.509 certificate
    /// ([`ErrorKind::Input`] otherwise), and each host mapping must name a loopback address
    /// ([`ErrorKind::Usage`] otherwise).
    pub fn new(options: HttpOptions) -> Result<Self> {
        for (i, der) in options.extra_roots.iter().enumerate() {
            x509_parser::parse_x509_certificate(der)
                .map_err(|e| Error::input(codes::NET_ROOT_NOT_DER).with("index", i + 1).with("detail", e))?;
        }
        for m in &options.resolve {
            HostMapping::new(&m.host, m.addr)?;
        }
        Ok(Self::with_agent(options))
    }

    fn with_agent(mut options: HttpOptions) -> Self {
        use ureq::tls::{Certificate, RootCerts, TlsConfig};
        options.timeout = options.timeout.min(MAX_TIMEOUT);
        let roots = if options.extra_roots.is_empty() {
            RootCerts::WebPki
        } else {
            RootCerts::new_with_certs(
                &options.extra_roots.iter().map(|d| Certificate::from_der(d).to_owned()).collect::<Vec<_>>(),
            )
        };
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(options.timeout))
            .http_status_as_error(false)
            .max_redirects(MAX_REDIRECTS)
            .user_agent(concat!("kyso/", env!("CARGO_PKG_VERSION")))
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build();
        let agent = if options.resolve.is_empty() {
            config.into()
        } else {
            let resolver = MappedResolver { map: options.resolve.clone(), system: Default::default() };
            ureq::Agent::with_parts(config, ureq::unversioned::transport::DefaultConnector::new(), resolver)
        };
        HttpClient { agent, options, budget: None }
    }

    /// The options this client was made with.
    pub fn options(&self) -> &HttpOptions {
        &self.options
    }

    /// The same client (sharing its connections) with another time-out per exchange.
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        let mut c = self.clone();
        c.options.timeout = timeout.min(MAX_TIMEOUT);
        c
    }

    /// The same client (sharing its connections) with another largest response body.
    pub fn with_max_body(&self, max_body: u64) -> Self {
        let mut c = self.clone();
        c.options.max_body = max_body;
        c
    }

    /// The same client (sharing its connections) drawing on `budget`: each exchange's time-out
    /// is cut to what is left of it, and no exchange starts once it is spent.
    pub fn with_budget(&self, budget: Arc<NetBudget>) -> Self {
        let mut c = self.clone();
        c.budget = Some(budget);
        c
    }

    /// The budget this client draws on, if any.
    pub fn budget(&self) -> Option<&Arc<NetBudget>> {
        self.budget.as_ref()
    }

    /// POST `body` as `content_type` to `url`, with no redirect followed, and return the
    /// response body when the status is 200 and the response's content type (when the server
    /// sends one) is `accept`.
    pub fn post(&self, url: &str, content_type: &str, accept: &str, body: &[u8]) -> Result<Vec<u8>> {
        self.exchange(url, Some(accept), |timeout| {
            self.agent
                .post(url)
                .config()
                .timeout_global(Some(timeout))
                .max_redirects(0)
                .proxy(self.proxy_for(url))
                .build()
                .header("Content-Type", content_type)
                .header("Accept", accept)
                .send(body)
        })
    }

    /// GET `url`, following up to [`MAX_REDIRECTS`] redirects, and return the response body when
    /// the status is 200 and the response's content type (when the server sends one) is
    /// `accept`.
    pub fn get(&self, url: &str, accept: &str) -> Result<Vec<u8>> {
        self.get_checked(url, accept, true)
    }

    /// [`get`](Self::get) asking for `accept` but taking the body whatever content type the
    /// server names: CRL distribution points and AIA issuers are plain files, served as
    /// `application/pkix-crl`, `application/octet-stream`, `application/x-x509-ca-cert`,
    /// `application/pkcs7-mime` or anything else; the caller parses the body.
    pub fn get_any(&self, url: &str, accept: &str) -> Result<Vec<u8>> {
        self.get_checked(url, accept, false)
    }

    fn get_checked(&self, url: &str, accept: &str, check_type: bool) -> Result<Vec<u8>> {
        self.exchange(url, check_type.then_some(accept), |timeout| {
            self.agent
                .get(url)
                .config()
                .timeout_global(Some(timeout))
                .proxy(self.proxy_for(url))
                .build()
                .header("Accept", accept)
                .call()
        })
    }

    /// One bounded exchange: the URL checked, the time-out cut to the budget, the time spent
    /// charged to it.
    fn exchange(
        &self,
        url: &str,
        accept: Option<&str>,
        send: impl FnOnce(Duration) -> std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Vec<u8>> {
        check_url(url)?;
        // A `.invalid` host never resolves, unless the caller mapped it to a loopback address.
        if is_invalid_host(url) && mapped(&self.options.resolve, url).is_none() {
            return Err(network(url, codes::NET_HOST_NOT_FOUND.into()).with_hint(Hint::CheckServer));
        }
        let mut timeout = self.options.timeout;
        if let Some(b) = &self.budget {
            let left = b.remaining();
            if left.is_zero() {
                return Err(network(
                    url,
                    Message::new(codes::NET_BUDGET_SPENT).with("seconds", b.total().as_secs_f64()),
                ));
            }
            timeout = timeout.min(left);
        }
        let start = Instant::now();
        let result = send(timeout)
            .map_err(|e| self.error(url, e, timeout))
            .and_then(|r| self.finish(url, accept, r, timeout));
        if let Some(b) = &self.budget {
            b.spend(start.elapsed());
        }
        result
    }

    /// The agent's proxy, or none for a mapped host (reached directly).
    fn proxy_for(&self, url: &str) -> Option<ureq::Proxy> {
        match mapped(&self.options.resolve, url) {
            Some(_) => None,
            None => self.agent.config().proxy().cloned(),
        }
    }

    fn finish(
        &self,
        url: &str,
        accept: Option<&str>,
        mut resp: ureq::http::Response<ureq::Body>,
        timeout: Duration,
    ) -> Result<Vec<u8>> {
        let status = resp.status();
        if status != ureq::http::StatusCode::OK {
            return Err(network(url, Message::new(codes::NET_HTTP_STATUS).with("status", status))
                .with_hint(Hint::CheckServer));
        }
        if let (Some(accept), Some(ct)) = (accept, resp.headers().get("content-type")) {
            let ct = ct.to_str().unwrap_or_default();
            let ct = ct.split(';').next().unwrap_or_default().trim();
            if !ct.eq_ignore_ascii_case(accept) {
                return Err(network(
                    url,
                    Message::new(codes::NET_CONTENT_TYPE).with("content_type", ct).with("expected", accept),
                ));
            }
        }
        resp.body_mut()
            .with_config()
            .limit(self.options.max_body)
            .read_to_vec()
            .map_err(|e| self.error(url, e, timeout))
    }

    fn error(&self, url: &str, e: ureq::Error, timeout: Duration) -> Error {
        use ureq::Error as U;
        let secs = timeout.as_secs_f64();
        let unreachable = Hint::CheckServer;
        match e {
            U::Timeout(_) => network(url, Message::new(codes::NET_TIMEOUT).with("seconds", secs))
                .with_hint(Hint::CheckServer),
            U::HostNotFound => network(url, codes::NET_HOST_NOT_FOUND.into()).with_hint(unreachable),
            U::ConnectionFailed => network(url, codes::NET_CANNOT_CONNECT.into()).with_hint(unreachable),
            U::Io(io) => {
                use std::io::ErrorKind as K;
                if let Some(t) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
                    return tls_error(url, t);
                }
                match io.kind() {
                    K::ConnectionRefused | K::ConnectionAborted | K::ConnectionReset | K::NotConnected => {
                        network(url, Message::new(codes::NET_CONNECTION_REFUSED).with("detail", &io))
                            .with_hint(unreachable)
                    }
                    K::TimedOut | K::WouldBlock => {
                        network(url, Message::new(codes::NET_TIMEOUT).with("seconds", secs))
                            .with_hint(Hint::CheckServer)
                    }
                    _ => network(url, Message::new(codes::NET_CONNECTION_FAILED).with("detail", &io))
                        .with_hint(unreachable),
                }
            }
            U::BodyExceedsLimit(_) => {
                network(url, Message::new(codes::NET_BODY_TOO_LARGE).with("limit", self.options.max_body))
            }
            U::Rustls(t) => tls_error(url, &t),
            U::Tls(t) => network(url, Message::new(codes::NET_TLS).with("detail", t)),
            U::TooManyRedirects | U::RedirectFailed => {
                network(url, Message::new(codes::NET_REDIRECT_FAILED).with("detail", &e))
            }
            other => network(url, Message::new(codes::NET_FAILED).with("detail", other)),
        }
    }
}

/// Whether the URL's host is `invalid` or under `.invalid` (RFC 6761 §6.4: never resolved).
fn is_invalid_host(url: &str) -> bool {
    let Ok(uri) = url.parse::<ureq::http::Uri>() else { return false };
    let host = uri.host().unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
    host == "invalid" || host.ends_with(".invalid")
}

fn tls_error(url: &str, e: &rustls::Error) -> Error {
    let err = network(url, Message::new(codes::NET_TLS).with("detail", e));
    match e {
        rustls::Error::InvalidCertificate(_) => err.with_hint(Hint::TrustServerCa),
        _ => err,
    }
}

fn network(url: &str, msg: Message) -> Error {
    Error::new(ErrorKind::Network, msg.with("url", url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn urls() {
        assert!(check_url("http://127.0.0.1:8080/tsa?x=1").is_ok());
        assert!(check_url("https://[::1]:81").is_ok());
        assert!(check_url("https://tsa.example/").is_ok());
        assert_eq!(check_url("ftp://x").unwrap_err().kind(), ErrorKind::Usage);
        assert!(check_url("http://x:99999/").is_err());
        assert!(check_url("http://user@x/").is_err());
        assert!(check_url("tsa.example").is_err());
    }

    #[test]
    fn bad_extra_root_is_an_input_error() {
        let o = HttpOptions { extra_roots: vec![b"not a certificate".to_vec()], ..Default::default() };
        assert_eq!(HttpClient::new(o).unwrap_err().kind(), ErrorKind::Input);
    }

    #[test]
    fn unreachable_server_is_a_network_error() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let url = format!("http://127.0.0.1:{port}/");
        let c = HttpClient::default().with_timeout(Duration::from_secs(2));
        let err = c.post(&url, "a/b", "c/d", b"x").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Network);
        assert!(err.message().contains(&url) && err.message().contains("cannot connect"), "{err}");
        // An absurd time-out is shortened, not a panic.
        let c = HttpClient::new(HttpOptions { timeout: Duration::MAX, ..Default::default() }).unwrap();
        assert_eq!(c.options().timeout, MAX_TIMEOUT);
        assert_eq!(c.with_timeout(Duration::MAX).get(&url, "a/b").unwrap_err().kind(), ErrorKind::Network);
    }

    #[test]
    fn host_mappings() {
        let m: HostMapping = "PKI.Gov.Demo.Invalid.=127.0.0.1:8787".parse().unwrap();
        assert_eq!(m.host, "pki.gov.demo.invalid");
        assert_eq!(m.to_string(), "pki.gov.demo.invalid=127.0.0.1:8787");
        assert!("h=[::1]:1".parse::<HostMapping>().is_ok());
        let list =
            HostMapping::parse_list(" a.invalid=127.0.0.1:1, b.invalid=127.0.0.2:2\nc=[::1]:3 ").unwrap();
        assert_eq!(list.len(), 3);
        for (bad, code) in [
            ("a.invalid", "net-resolve-syntax"),
            ("a.invalid=127.0.0.1", "net-resolve-syntax"),
            ("a.invalid=localhost:80", "net-resolve-syntax"),
            ("=127.0.0.1:80", "net-resolve-bad-host"),
            ("a..b=127.0.0.1:80", "net-resolve-bad-host"),
            ("a.invalid:80=127.0.0.1:80", "net-resolve-bad-host"),
            ("a.invalid=10.0.0.1:80", "net-resolve-not-loopback"),
            ("a.invalid=0.0.0.0:80", "net-resolve-not-loopback"),
            ("a.invalid=[2001:db8::1]:80", "net-resolve-not-loopback"),
        ] {
            let e = bad.parse::<HostMapping>().unwrap_err();
            assert_eq!((e.kind(), e.code().id()), (ErrorKind::Usage, code), "{bad}: {e}");
        }
        // A mapping built by hand is checked by the client too.
        let rogue = HostMapping { host: "x.invalid".into(), addr: "192.0.2.1:80".parse().unwrap() };
        let e = HttpClient::new(HttpOptions::default().with_resolve(vec![rogue])).unwrap_err();
        assert_eq!(e.code().id(), "net-resolve-not-loopback");
    }

    #[test]
    fn mapped_host_goes_to_its_loopback_address() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        let h = std::thread::spawn(move || {
            let (mut s, _) = l.accept().unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut buf = vec![0u8; 4096];
            let n = s.read(&mut buf).unwrap();
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            String::from_utf8_lossy(&buf[..n]).into_owned()
        });
        let map = vec![HostMapping::new("pki.gov.demo.invalid", addr).unwrap()];
        let c =
            HttpClient::new(HttpOptions::default().with_resolve(map).with_timeout(Duration::from_secs(5)))
                .unwrap();
        // The URL's port (80) is not used: the mapping names the whole socket address.
        assert_eq!(c.get("http://PKI.gov.demo.invalid/ca.crl", "application/pkix-crl").unwrap(), b"ok");
        let request = h.join().unwrap();
        assert!(request.starts_with("GET /ca.crl HTTP/1.1\r\n"), "{request}");
        assert!(request.to_ascii_lowercase().contains("\r\nhost: pki.gov.demo.invalid\r\n"), "{request}");
        // Other hosts are resolved as usual (here: not at all).
        let e = c.get("http://pki.public.demo.invalid/ca.crl", "a/b").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Network);
    }

    /// A one-shot loopback server answering `response` to the first request.
    fn serve_once(response: Vec<u8>, delay: Duration) -> (String, std::thread::JoinHandle<()>) {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}/x", l.local_addr().unwrap().port());
        let h = std::thread::spawn(move || {
            if let Ok((mut s, _)) = l.accept() {
                s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                std::thread::sleep(delay);
                let _ = s.write_all(&response);
            }
        });
        (url, h)
    }

    #[test]
    fn status_type_size_and_time_limits() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: application/x\r\nContent-Length: 3\r\n\r\nabc".to_vec();
        let (url, h) = serve_once(ok, Duration::ZERO);
        assert_eq!(HttpClient::default().post(&url, "a/b", "application/x", b"q").unwrap(), b"abc");
        h.join().unwrap();

        let bad = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n".to_vec();
        let (url, h) = serve_once(bad, Duration::ZERO);
        let e = HttpClient::default().get(&url, "application/x").unwrap_err();
        assert!(e.message().contains("500"), "{e}");
        h.join().unwrap();

        let html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nhi".to_vec();
        let (url, h) = serve_once(html, Duration::ZERO);
        let e = HttpClient::default().get(&url, "application/x").unwrap_err();
        assert!(e.message().contains("content type"), "{e}");
        h.join().unwrap();

        let mut big = b"HTTP/1.1 200 OK\r\nContent-Length: 2048\r\n\r\n".to_vec();
        big.extend(vec![b'a'; 2048]);
        let (url, h) = serve_once(big, Duration::ZERO);
        let c = HttpClient::new(HttpOptions { max_body: 1024, ..Default::default() }).unwrap();
        let e = c.get(&url, "application/x").unwrap_err();
        assert!(e.message().contains("limit of 1024 bytes"), "{e}");
        h.join().unwrap();

        let slow = b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na".to_vec();
        let (url, h) = serve_once(slow, Duration::from_secs(3));
        let t0 = std::time::Instant::now();
        let e = HttpClient::default().with_timeout(Duration::from_secs(1)).get(&url, "a/b").unwrap_err();
        assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
        assert_eq!(e.kind(), ErrorKind::Network);
        assert!(e.message().contains("within 1 s"), "{e}");
        h.join().unwrap();
    }
}
