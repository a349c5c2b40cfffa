//! The demo PKI online: an OCSP responder per domain and the CRLs and CA certificates the demo
//! certificates name, served over HTTP on a loopback address, so online checking can be watched
//! end to end (including the revoked signer).
//!
//! The demo certificates name `http://pki.public.demo.invalid/...` and
//! `http://pki.gov.demo.invalid/...` ([`super::host`]); a client maps those two hosts to the
//! server's loopback address ([`DemoServer::host_mappings`], for
//! [`crate::net::HttpOptions::resolve`]) and sends them as its Host header. The same files are
//! also reachable under a domain prefix on any host (`http://127.0.0.1:PORT/gov/ca.crl`), for
//! tools that cannot map host names.
//!
//! | path (per domain) | what |
//! |---|---|
//! | `/root.crl`, `/ca.crl` | the root's and the issuing CA's CRL (DER, `application/pkix-crl`) |
//! | `/root.crt`, `/ca.crt` | the root and the issuing CA certificate (DER, `application/pkix-cert`) |
//! | `/root.p7c`, `/ca.p7c` | certs-only bundles of the certificates issued to that CA: the root with the cross-certificate the other root issued to it; the issuing CA (`application/pkcs7-mime`) |
//! | `/ocsp` | OCSP (RFC 6960: POST `application/ocsp-request`; RFC 5019 GET `/ocsp/{base64}`) |
//!
//! A request for `/ocsp` without a domain (no demo host, no prefix) is answered by the responder
//! whose CA the first CertID names (unauthorized when none does). Anything else is 404.
//!
//! The responders ([`ocsp::OcspResponder`]) sign with the demo's delegated OCSP responder
//! certificates (issued by each issuing CA, id-kp-OCSPSigning and ocsp-nocheck), whose keys are
//! read from the demo directory with the caller's passphrase.

pub mod http;
pub mod ocsp;

use self::http::{HttpServer, Limits, Request, Response};
use self::ocsp::OcspResponder;
use super::{Artifact, Domain, Manifest, Role};
use crate::certificate::Certificate;
use crate::crl::Crl;
use crate::diag::codes::demo as codes;
use crate::error::{Error, Result};
use crate::net::HostMapping;
use der::{Decode, Encode};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

/// What a published file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// A CRL (DER).
    Crl,
    /// A certificate (DER).
    Certificate,
    /// A certs-only CMS SignedData (RFC 5280 §4.2.2.1: what caIssuers may point to).
    Bundle,
}

impl FileKind {
    /// The media type it is served as (RFC 2585 §4, RFC 5751 §3.2.1 `.p7c`).
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Crl => "application/pkix-crl",
            FileKind::Certificate => "application/pkix-cert",
            FileKind::Bundle => "application/pkcs7-mime",
        }
    }
}

/// One file the demo server publishes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    /// The domain whose host serves it.
    pub domain: Domain,
    /// Its path on that host, without the leading slash (`ca.crl`).
    pub name: &'static str,
    /// What it is.
    pub kind: FileKind,
    /// The bytes served.
    pub body: Vec<u8>,
}

struct DomainSite {
    domain: Domain,
    host: String,
    responder: OcspResponder,
}

/// Everything the demo server answers (see the [module documentation](self)): load it with
/// [`DemoSite::load`], answer requests with [`DemoSite::handle`] or start a server with
/// [`DemoServer::start`].
pub struct DemoSite {
    sites: Vec<DomainSite>,
    files: Vec<Published>,
}

impl std::fmt::Debug for DemoSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoSite").field("files", &self.files.len()).finish()
    }
}

/// One request served, for a caller that shows what happens.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Exchange {
    /// The method.
    pub method: String,
    /// The request target.
    pub target: String,
    /// The Host header's host.
    pub host: Option<String>,
    /// The domain that answered, if any.
    pub domain: Option<Domain>,
    /// The HTTP status.
    pub status: u16,
    /// The length of the body sent.
    pub bytes: usize,
    /// For OCSP: the OCSP response status (`successful`, `malformedRequest`, ...).
    pub ocsp_status: Option<&'static str>,
    /// For OCSP: the status given per certificate.
    pub answers: Vec<ocsp::Answer>,
}

/// Called after each request with what was served.
pub type Observer = Arc<dyn Fn(&Exchange) + Send + Sync>;

impl DemoSite {
    /// Read the demo written in `dir` (its `manifest.json`, certificates, CRLs, and the OCSP
    /// responders' keys decrypted with `passphrase`).
    pub fn load(dir: impl AsRef<Path>, passphrase: &[u8]) -> Result<DemoSite> {
        use rayon::prelude::*;
        let dir = dir.as_ref();
        let manifest = Manifest::load(dir)?;
        let manifest_path = dir.join("manifest.json");
        let need = |role: Role, d: Domain, issuer: Option<&str>| -> Result<&Artifact> {
            manifest.find(role, d).find(|a| issuer.is_none_or(|i| a.issuer.as_deref() == Some(i))).ok_or_else(
                || {
                    Error::input(codes::SERVE_MISSING)
                        .with("role", format!("{role:?}").to_lowercase())
                        .with("domain", d.as_str())
                        .with_file(&manifest_path)
                },
            )
        };
        let cert_of = |a: &Artifact| -> Result<Certificate> {
            let rel = a.cert.as_deref().ok_or_else(|| {
                Error::input(codes::ENTRY_NO_CERTIFICATE).with("id", &a.id).with_file(&manifest_path)
            })?;
            Certificate::load(dir.join(rel))
        };
        let crl_of = |a: &Artifact| -> Result<Crl> {
            let rel = a.crl.as_deref().ok_or_else(|| {
                Error::input(codes::ENTRY_NO_CRL).with("id", &a.id).with_file(&manifest_path)
            })?;
            let path = dir.join(rel);
            Crl::load_all(&path)?
                .into_iter()
                .next()
                .ok_or_else(|| Error::input(codes::NO_CRL_FOUND).with_file(&path))
        };
        let issued: Vec<Certificate> = manifest
            .artifacts
            .iter()
            .filter(|a| a.role != Role::Crl && a.cert.is_some())
            .map(cert_of)
            .collect::<Result<_>>()?;
        let domains = [Domain::Public, Domain::Gov];
        // The keys first, in parallel (decrypting is deliberately slow).
        let keys = domains
            .par_iter()
            .map(|d| {
                let a = need(Role::Ocsp, *d, None)?;
                let rel = a.key.as_deref().ok_or_else(|| {
                    Error::input(codes::SERVE_NO_KEY).with("id", &a.id).with_file(&manifest_path)
                })?;
                crate::keys::load_private_key(dir.join(rel), Some(passphrase))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut sites = Vec::new();
        let mut files = Vec::new();
        for (d, key) in domains.into_iter().zip(keys) {
            let root_a = need(Role::Root, d, None)?;
            let ca_a = need(Role::Ca, d, None)?;
            let (root, ca) = (cert_of(root_a)?, cert_of(ca_a)?);
            let responder = cert_of(need(Role::Ocsp, d, None)?)?;
            let root_crl = crl_of(need(Role::Crl, d, Some(&root_a.id))?)?;
            let ca_crl = crl_of(need(Role::Crl, d, Some(&ca_a.id))?)?;
            // RFC 5280 §4.2.2.1: the certificates issued TO the CA: the self-signed root and the
            // cross-certificate the other domain's root issued for it.
            let mut to_root = vec![root.clone()];
            for a in manifest.artifacts.iter().filter(|a| a.role == Role::Cross && a.to == Some(d)) {
                to_root.push(cert_of(a)?);
            }
            let mut publish = |name, kind, body| files.push(Published { domain: d, name, kind, body });
            publish("root.crl", FileKind::Crl, root_crl.der().to_vec());
            publish("ca.crl", FileKind::Crl, ca_crl.der().to_vec());
            publish("root.crt", FileKind::Certificate, root.der().to_vec());
            publish("ca.crt", FileKind::Certificate, ca.der().to_vec());
            publish("root.p7c", FileKind::Bundle, certs_only(&to_root)?);
            publish("ca.p7c", FileKind::Bundle, certs_only(std::slice::from_ref(&ca))?);
            let responder = OcspResponder::new(&ca, &responder, Box::new(key), Some(&ca_crl), &issued)?;
            sites.push(DomainSite { domain: d, host: super::host(d), responder });
        }
        Ok(DemoSite { sites, files })
    }

    /// Every file published, per domain.
    pub fn files(&self) -> &[Published] {
        &self.files
    }

    /// The host names answered for, with their domain.
    pub fn hosts(&self) -> Vec<(Domain, String)> {
        self.sites.iter().map(|s| (s.domain, s.host.clone())).collect()
    }

    /// The domain a request is for, and its path within the domain (no leading slash): from a
    /// `/public/` or `/gov/` prefix, else from the Host header.
    fn route<'a>(&self, req: &'a Request) -> (Option<&DomainSite>, &'a str) {
        let path = req.path().strip_prefix('/').unwrap_or_default();
        for s in &self.sites {
            if let Some(rest) = path.strip_prefix(s.domain.as_str()).and_then(|r| r.strip_prefix('/')) {
                return (Some(s), rest);
            }
        }
        let by_host = self.sites.iter().find(|s| req.host.as_deref() == Some(s.host.as_str()));
        (by_host, path)
    }

    /// Answer `req` at `now`, with what was served.
    pub fn handle(&self, req: &Request, now: time::OffsetDateTime) -> (Response, Exchange) {
        let (site, path) = self.route(req);
        let mut exchange = Exchange {
            method: req.method.clone(),
            target: req.target.clone(),
            host: req.host.clone(),
            domain: site.map(|s| s.domain),
            status: 0,
            bytes: 0,
            ocsp_status: None,
            answers: Vec::new(),
        };
        let response = if path == "ocsp" || path.starts_with("ocsp/") {
            match self.ocsp(req, site, path, now) {
                Ok((domain, outcome)) => {
                    exchange.domain = domain.or(exchange.domain);
                    exchange.ocsp_status = Some(outcome.response_status);
                    exchange.answers = outcome.answers;
                    Response::ok("application/ocsp-response", outcome.der)
                }
                Err(r) => r,
            }
        } else {
            match site.and_then(|s| self.files.iter().find(|f| f.domain == s.domain && f.name == path)) {
                Some(f) if matches!(req.method.as_str(), "GET" | "HEAD") => {
                    Response::ok(f.kind.content_type(), f.body.clone())
                }
                Some(_) => Response::status(405).with_header("Allow", "GET, HEAD"),
                None => Response::status(404),
            }
        };
        exchange.status = response.status;
        exchange.bytes = response.body.len();
        (response, exchange)
    }

    fn ocsp(
        &self,
        req: &Request,
        site: Option<&DomainSite>,
        path: &str,
        now: time::OffsetDateTime,
    ) -> std::result::Result<(Option<Domain>, ocsp::Outcome), Response> {
        let der = match (req.method.as_str(), path.strip_prefix("ocsp/")) {
            ("POST", None) => {
                if req.content_type.as_deref().is_some_and(|t| t != "application/ocsp-request") {
                    return Err(Response::status(415));
                }
                req.body.clone()
            }
            // RFC 5019 §5: GET {url}/{url-encoding of base-64 encoding of the DER OCSPRequest}.
            ("GET", Some(encoded)) => match percent_decode(encoded).and_then(|b64| {
                use base64::Engine as _;
                base64::engine::general_purpose::STANDARD.decode(b64).ok()
            }) {
                Some(der) => der,
                None => {
                    return Ok((
                        None,
                        ocsp::error_outcome(x509_ocsp::OcspResponse::malformed_request(), "malformedRequest"),
                    ));
                }
            },
            ("GET", None) => return Err(Response::status(400)),
            _ => return Err(Response::status(405).with_header("Allow", "GET, POST")),
        };
        let Some(request) = ocsp::parse_request(&der) else {
            return Ok((
                None,
                ocsp::error_outcome(x509_ocsp::OcspResponse::malformed_request(), "malformedRequest"),
            ));
        };
        let site = site.or_else(|| {
            let first = &request.tbs_request.request_list.first()?.req_cert;
            self.sites.iter().find(|s| s.responder.serves(first))
        });
        Ok(match site {
            Some(s) => (Some(s.domain), s.responder.respond_parsed(&request, now)),
            None => (None, ocsp::unauthorized()),
        })
    }
}

/// Decode `%XX` escapes (RFC 3986 §2.1); `None` for a bad escape or a result that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A DER certs-only CMS SignedData holding `certs` (RFC 5652 §5, as `openssl crl2pkcs7 -nocrl`
/// writes it).
fn certs_only(certs: &[Certificate]) -> Result<Vec<u8>> {
    let encode = |e: der::Error| {
        Error::input(codes::SERVE_ENCODE).with("what", "certs-only SignedData").with("detail", e)
    };
    let certs = certs
        .iter()
        .map(|c| x509_cert::Certificate::from_der(c.der()))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(encode)?;
    cms::content_info::ContentInfo::try_from(certs).and_then(|ci| ci.to_der()).map_err(encode)
}

/// A running demo server (see the [module documentation](self)). Dropping it stops it.
#[derive(Debug)]
pub struct DemoServer {
    http: HttpServer,
    site: Arc<DemoSite>,
}

impl DemoServer {
    /// Serve `site` on `127.0.0.1:port` (0: any free port) with the default [`Limits`], calling
    /// `observer` after each request.
    pub fn start(site: DemoSite, port: u16, observer: Option<Observer>) -> Result<Self> {
        Self::start_with(site, SocketAddr::from(([127, 0, 0, 1], port)), Limits::default(), observer)
    }

    /// Serve `site` on `addr`, which must be a loopback address, within `limits`.
    pub fn start_with(
        site: DemoSite,
        addr: SocketAddr,
        limits: Limits,
        observer: Option<Observer>,
    ) -> Result<Self> {
        let site = Arc::new(site);
        let s = site.clone();
        let handler = Arc::new(move |req: &Request| {
            let (response, exchange) = s.handle(req, time::OffsetDateTime::now_utc());
            if let Some(o) = &observer {
                o(&exchange);
            }
            response
        });
        let http = HttpServer::start(addr, limits, handler)?;
        Ok(DemoServer { http, site })
    }

    /// The address listened on.
    pub fn local_addr(&self) -> SocketAddr {
        self.http.local_addr()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.local_addr())
    }

    /// The mappings that send the demo's host names to this server.
    pub fn host_mappings(&self) -> Vec<HostMapping> {
        self.site.hosts().into_iter().map(|(_, host)| HostMapping { host, addr: self.local_addr() }).collect()
    }

    /// What is served.
    pub fn site(&self) -> &DemoSite {
        &self.site
    }

    /// Stop serving: close every connection and wait for every thread.
    pub fn stop(self) {
        self.http.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("MEIw%2Bab%2f%3D").as_deref(), Some("MEIw+ab/="));
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("a%zz"), None);
    }
}
