//! A minimal HTTP/1.1 client for RFC 3161 over HTTP (RFC 3161 §3.4): one POST, `Connection:
//! close`, with connect/read/write timeouts and a response size limit. Plain `http://` only.

use crate::diag::Hint;
use crate::error::{Error, ErrorKind, Result};
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Largest response body accepted (timestamp replies are a few KiB).
pub const MAX_RESPONSE: usize = 1 << 20;

/// A parsed `http://host[:port]/path` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpUrl {
    /// Host name or address (IPv6 without brackets).
    pub host: String,
    /// Port (default 80).
    pub port: u16,
    /// Path and query (default `/`).
    pub path: String,
}

impl HttpUrl {
    /// Parse an `http://` URL.
    pub fn parse(url: &str) -> Result<Self> {
        let rest = if let Some(r) = url.strip_prefix("http://") {
            r
        } else if url.starts_with("https://") {
            return Err(Error::unsupported(format!("{url}: https is not supported for timestamp servers"))
                .with_hint(Hint::CheckTimestampServer));
        } else {
            return Err(Error::usage(format!("'{url}' is not an http:// URL")));
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let (host, port) = if let Some(r) = authority.strip_prefix('[') {
            let (h, after) =
                r.split_once(']').ok_or_else(|| Error::usage(format!("bad IPv6 address in '{url}'")))?;
            (h.to_string(), after.strip_prefix(':'))
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p)),
                None => (authority.to_string(), None),
            }
        };
        let port = match port {
            Some(p) => p.parse::<u16>().map_err(|_| Error::usage(format!("bad port in '{url}'")))?,
            None => 80,
        };
        if host.is_empty() || authority.contains('@') {
            return Err(Error::usage(format!("bad host in '{url}'")));
        }
        Ok(HttpUrl { host, port, path: path.to_string() })
    }
}

fn net(url: &str, msg: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Network, format!("timestamp server {url}: {msg}"))
}

/// POST `body` with `content_type` and return the response body when the status is 200 and the
/// response content type is `expect_type` (when the server sends one).
pub fn post(
    url: &str,
    content_type: &str,
    expect_type: &str,
    body: &[u8],
    timeout: Duration,
) -> Result<Vec<u8>> {
    let u = HttpUrl::parse(url)?;
    let addrs: Vec<_> = (u.host.as_str(), u.port)
        .to_socket_addrs()
        .map_err(|e| net(url, format!("cannot resolve host: {e}")))?
        .collect();
    let mut last = None;
    let mut stream = None;
    for a in &addrs {
        match TcpStream::connect_timeout(a, timeout) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let mut stream = stream.ok_or_else(|| {
        net(
            url,
            format!("cannot connect: {}", last.map(|e| e.to_string()).unwrap_or_else(|| "no address".into())),
        )
        .with_hint(Hint::CheckTimestampServer)
    })?;
    stream.set_read_timeout(Some(timeout)).map_err(|e| net(url, e))?;
    stream.set_write_timeout(Some(timeout)).map_err(|e| net(url, e))?;
    let host_header = if u.host.contains(':') {
        format!("[{}]:{}", u.host, u.port)
    } else {
        format!("{}:{}", u.host, u.port)
    };
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: kyso/{}\r\nContent-Type: {content_type}\r\nAccept: {expect_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        u.path,
        env!("CARGO_PKG_VERSION"),
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(body))
        .map_err(|e| net(url, format!("sending the request: {e}")))?;
    let mut resp = Vec::new();
    (&mut stream)
        .take((MAX_RESPONSE + 64 * 1024) as u64)
        .read_to_end(&mut resp)
        .map_err(|e| net(url, format!("reading the response: {e}")))?;
    parse_response(url, &resp, expect_type)
}

fn parse_response(url: &str, resp: &[u8], expect_type: &str) -> Result<Vec<u8>> {
    let split = resp
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| net(url, "malformed HTTP response (no header end)"))?;
    let head = String::from_utf8_lossy(&resp[..split]);
    let body = &resp[split + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    let code = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/1.") {
        return Err(net(url, format!("not an HTTP/1.x response: '{status_line}'")));
    }
    if code != "200" {
        return Err(net(
            url,
            format!("HTTP status '{}'", status_line.get(version.len() + 1..).unwrap_or(code)),
        ));
    }
    let mut length = None;
    let mut chunked = false;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
            match k.as_str() {
                "content-length" => length = v.parse::<usize>().ok(),
                "transfer-encoding" => chunked = v.eq_ignore_ascii_case("chunked"),
                "content-type" => {
                    let ct = v.split(';').next().unwrap_or_default().trim();
                    if !ct.eq_ignore_ascii_case(expect_type) {
                        return Err(net(
                            url,
                            format!("unexpected content type '{ct}' (expected {expect_type})"),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    let out = if chunked {
        dechunk(body).ok_or_else(|| net(url, "malformed chunked response"))?
    } else if let Some(n) = length {
        body.get(..n).ok_or_else(|| net(url, "response shorter than its Content-Length"))?.to_vec()
    } else {
        body.to_vec()
    };
    if out.len() > MAX_RESPONSE {
        return Err(net(url, "response too large"));
    }
    Ok(out)
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = body.windows(2).position(|w| w == b"\r\n")?;
        let size_str = std::str::from_utf8(body.get(..eol)?).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        body = body.get(eol + 2..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
        if out.len() > MAX_RESPONSE {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = HttpUrl::parse("http://127.0.0.1:8080/tsa?x=1").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.path.as_str()), ("127.0.0.1", 8080, "/tsa?x=1"));
        let u = HttpUrl::parse("http://[::1]:81").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.path.as_str()), ("::1", 81, "/"));
        assert_eq!(HttpUrl::parse("http://tsa.example").unwrap().port, 80);
        assert_eq!(HttpUrl::parse("https://x").unwrap_err().kind(), ErrorKind::Unsupported);
        assert!(HttpUrl::parse("ftp://x").is_err());
        assert!(HttpUrl::parse("http://x:99999/").is_err());
    }

    #[test]
    fn responses() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: 3\r\n\r\nabcdef";
        assert_eq!(parse_response("u", ok, "application/timestamp-reply").unwrap(), b"abc");
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        assert_eq!(parse_response("u", chunked, "x").unwrap(), b"abcde");
        let bad = b"HTTP/1.1 500 Internal Server Error\r\n\r\n";
        assert!(parse_response("u", bad, "x").unwrap_err().message().contains("500"));
        let wrong = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>";
        assert!(parse_response("u", wrong, "application/timestamp-reply").is_err());
    }

    #[test]
    fn unreachable_server_is_a_network_error() {
        // Bind then drop a listener to get a port nobody listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let err = post(&format!("http://127.0.0.1:{port}/"), "a/b", "c/d", b"x", Duration::from_secs(2))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Network);
    }
}
