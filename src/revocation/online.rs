//! The network revocation sources: OCSP responders named by the certificates ([`OcspSource`])
//! and CRLs fetched from their distribution points ([`CrlFetcher`]). They fetch and keep what
//! they fetched; the engine verifies it exactly as it verifies supplied data.
//!
//! Both ask only about certificates that name a URL (`http://` or `https://`; LDAP and other
//! schemes are reported, not fetched), each fetch bounded by the [`HttpClient`]'s time-out, size
//! limit and shared [`crate::net::NetBudget`]; an unreachable server is a warning and the status
//! stays unknown, never a hang. A URL that failed is not fetched again for a while (the failure
//! is reported again instead). Clones share their caches, so one source serves every validation
//! of a batch or a service.

use super::ocsp::{self, CertIdHash, OcspAnswer, OcspOutcome, OcspRequest, OcspResponse};
use super::source::{RevocationData, RevocationSource};
use crate::certificate::Certificate;
use crate::crl::Crl;
use crate::diag::codes::{ocsp as oc, sources as codes};
use crate::diag::{Finding, Message};
use crate::net::HttpClient;
use crate::trust::online::{FailedUrls, fetchable, push_once, unsupported};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;

/// How an [`OcspSource`] asks.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct OcspSourceOptions {
    /// The CertID hash. Default SHA-1 (what most responders expect).
    pub hash: CertIdHash,
    /// Send a nonce (RFC 8954, 32 random octets) and require it back when the response has one.
    /// Default off: RFC 5019 responders answer with pre-produced responses without a nonce, and
    /// a nonce defeats HTTP caches.
    pub nonce: bool,
    /// Largest response accepted. Default 64 KiB (a response with a responder certificate is a
    /// few KiB).
    pub max_size: u64,
    /// Responder URLs asked per certificate, at most. Default 2.
    pub max_urls: usize,
    /// How long a responder URL that failed is not asked again. Default 60 s.
    pub retry_after: Duration,
}

with_setters!(OcspSourceOptions {
    hash: CertIdHash => with_hash,
    nonce: bool => with_nonce,
    max_size: u64 => with_max_size,
    max_urls: usize => with_max_urls,
    retry_after: Duration => with_retry_after,
});

impl Default for OcspSourceOptions {
    fn default() -> Self {
        OcspSourceOptions {
            hash: CertIdHash::Sha1,
            nonce: false,
            max_size: 64 << 10,
            max_urls: 2,
            retry_after: Duration::from_secs(60),
        }
    }
}

/// Answers kept at most; beyond, expired ones go first, then everything.
const MAX_OCSP_CACHED: usize = 100_000;

/// Verified answers by CertID DER, each with its nextUpdate.
type OcspCache = Mutex<HashMap<Vec<u8>, (OcspAnswer, OffsetDateTime)>>;

/// OCSP over HTTP (RFC 6960 Appendix A; RFC 5019 GET for requests under 255 bytes, POST
/// otherwise) to the responders of the certificate's authorityInfoAccess (id-ad-ocsp). A
/// network source.
///
/// Answers that verify (signature, responder authorization, CertID, nonce, times) and carry a
/// nextUpdate are kept by CertID until that nextUpdate, shared by clones and by every
/// validation: a warm cache answers without the network. The engine verifies every answer
/// again for each certificate it checks.
#[derive(Clone, Debug)]
pub struct OcspSource {
    http: HttpClient,
    options: OcspSourceOptions,
    cache: Arc<OcspCache>,
    failed: Arc<FailedUrls>,
}

impl OcspSource {
    /// A source asking with `http` (its time-out and budget apply to every request).
    pub fn new(http: HttpClient) -> Self {
        OcspSource {
            http,
            options: OcspSourceOptions::default(),
            cache: Arc::default(),
            failed: Arc::default(),
        }
    }
    /// With `options`.
    #[must_use]
    pub fn with_options(mut self, options: OcspSourceOptions) -> Self {
        self.options = options;
        self
    }
    /// The options.
    pub fn options(&self) -> &OcspSourceOptions {
        &self.options
    }
    /// Number of answers kept.
    pub fn cached(&self) -> usize {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The answer for `cert` (issued by `issuer`), from the cache or the responders; warnings
    /// about what failed to `findings`.
    pub fn answer(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        findings: &mut Vec<Finding>,
    ) -> Option<OcspAnswer> {
        let urls = cert.ocsp_urls();
        if urls.is_empty() {
            return None;
        }
        let subject = cert.subject_string();
        let nonce = self.options.nonce.then(random_nonce).flatten();
        let req = match OcspRequest::new(cert, issuer, self.options.hash, nonce) {
            Ok(r) => r,
            Err(e) => {
                push_once(
                    findings,
                    Message::new(oc::REQUEST_FAILED)
                        .with("subject", &subject)
                        .with_message("detail", e.to_message())
                        .into(),
                );
                return None;
            }
        };
        let now = OffsetDateTime::now_utc();
        if let Some(a) = self.cached_answer(req.cert_id_der(), now) {
            return Some(a);
        }
        let mut tried = 0;
        let mut last: Option<OcspAnswer> = None;
        for url in &urls {
            if !fetchable(url) {
                push_once(findings, unsupported(url, &subject));
                continue;
            }
            if tried == self.options.max_urls {
                break;
            }
            tried += 1;
            let unreachable = |reason: Message| -> Finding {
                Message::new(oc::UNREACHABLE)
                    .with("url", url)
                    .with("subject", &subject)
                    .with_message("reason", reason)
                    .into()
            };
            if let Some(why) = self.failed.recent(url, self.options.retry_after) {
                push_once(findings, unreachable(why));
                continue;
            }
            let http = self.http.with_max_body(self.options.max_size);
            let body = match req.get_url(url) {
                Some(get) => http.get(&get, "application/ocsp-response"),
                None => http.post(url, "application/ocsp-request", "application/ocsp-response", req.der()),
            };
            let body = match body {
                Ok(b) => b,
                Err(e) => {
                    // Named by the responder's URL, not the long GET URL of this request.
                    let mut why = e.to_message();
                    if why.params.get("url").is_some() {
                        why.params.set("url", url);
                    }
                    self.failed.remember(url, why.clone());
                    push_once(findings, unreachable(why));
                    continue;
                }
            };
            let response = match OcspResponse::from_der(body) {
                Ok(r) => r,
                Err(e) => {
                    push_once(
                        findings,
                        Message::new(oc::MALFORMED)
                            .with("url", url)
                            .with("subject", &subject)
                            .with_message("detail", e.to_message())
                            .into(),
                    );
                    continue;
                }
            };
            let answer =
                OcspAnswer::new(response, req.nonce().map(<[u8]>::to_vec), OffsetDateTime::now_utc())
                    .with_url(url.clone());
            // Kept only when it verifies now (legacy algorithms allowed here: the engine decides
            // with the caller's setting) and says until when.
            let verified = matches!(
                ocsp::check_answer(&answer, cert, issuer, answer.received_at, true),
                OcspOutcome::Good | OcspOutcome::Revoked { .. }
            );
            if verified {
                if let Some(next) = answer.response.next_update_for(cert, issuer).filter(|n| *n > now) {
                    self.keep(req.cert_id_der(), answer.clone(), next);
                }
                return Some(answer);
            }
            if answer.response.is_successful() {
                return Some(answer);
            }
            // tryLater, internalError, ...: the next responder may do better.
            last = Some(answer);
        }
        last
    }

    fn cached_answer(&self, key: &[u8], now: OffsetDateTime) -> Option<OcspAnswer> {
        let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.get(key).filter(|(_, next)| *next > now).map(|(a, _)| a.clone())
    }

    fn keep(&self, key: &[u8], answer: OcspAnswer, next: OffsetDateTime) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= MAX_OCSP_CACHED {
            let now = OffsetDateTime::now_utc();
            cache.retain(|_, (_, n)| *n > now);
            if cache.len() >= MAX_OCSP_CACHED {
                cache.clear();
            }
        }
        cache.insert(key.to_vec(), (answer, next));
    }
}

/// 32 random octets (RFC 8954 §2.1 recommends 32).
fn random_nonce() -> Option<Vec<u8>> {
    use ring::rand::SecureRandom;
    let mut n = vec![0u8; 32];
    ring::rand::SystemRandom::new().fill(&mut n).ok()?;
    Some(n)
}

impl RevocationSource for OcspSource {
    fn revocation_data(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        found: &mut Vec<RevocationData>,
        findings: &mut Vec<Finding>,
    ) {
        if let Some(a) = self.answer(cert, issuer, findings) {
            found.push(RevocationData::Ocsp(a));
        }
    }
    fn is_network(&self) -> bool {
        true
    }
}

/// How a [`CrlFetcher`] fetches.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CrlFetcherOptions {
    /// Largest CRL accepted. Default 64 MiB (national CAs publish CRLs of several MiB).
    pub max_size: u64,
    /// Distribution point URLs fetched per certificate, at most (the first that gives a CRL ends
    /// the query). Default 3.
    pub max_urls: usize,
    /// Also fetch delta CRLs from the freshestCRL URLs of the certificate and of the complete
    /// CRL (RFC 5280 §4.2.1.15, §5.2.6). Default true.
    pub deltas: bool,
    /// How long a URL that failed is not fetched again. Default 60 s.
    pub retry_after: Duration,
}

with_setters!(CrlFetcherOptions {
    max_size: u64 => with_max_size,
    max_urls: usize => with_max_urls,
    deltas: bool => with_deltas,
    retry_after: Duration => with_retry_after,
});

impl Default for CrlFetcherOptions {
    fn default() -> Self {
        CrlFetcherOptions {
            max_size: 64 << 20,
            max_urls: 3,
            deltas: true,
            retry_after: Duration::from_secs(60),
        }
    }
}

/// Bytes of CRLs kept at most (beyond, expired ones go first, then everything).
const MAX_CRL_CACHE_BYTES: usize = 256 << 20;

/// CRLs by URL, each with its nextUpdate.
type CrlCache = Mutex<HashMap<String, (Vec<Crl>, OffsetDateTime)>>;

/// CRLs fetched over HTTP from the certificate's cRLDistributionPoints (full-name URIs), with
/// their delta CRLs from freshestCRL. A network source; the engine selects, verifies and
/// applies them as it does supplied CRLs (RFC 5280 §6.3.3). Fetched CRLs are kept by URL until
/// their nextUpdate (a CRL without one is not kept), shared by clones.
#[derive(Clone, Debug)]
pub struct CrlFetcher {
    http: HttpClient,
    options: CrlFetcherOptions,
    cache: Arc<CrlCache>,
    failed: Arc<FailedUrls>,
}

impl CrlFetcher {
    /// A source fetching with `http` (its time-out and budget apply to every fetch; the size
    /// limit is [`CrlFetcherOptions::max_size`]).
    pub fn new(http: HttpClient) -> Self {
        CrlFetcher {
            http,
            options: CrlFetcherOptions::default(),
            cache: Arc::default(),
            failed: Arc::default(),
        }
    }
    /// With `options`.
    #[must_use]
    pub fn with_options(mut self, options: CrlFetcherOptions) -> Self {
        self.options = options;
        self
    }
    /// The options.
    pub fn options(&self) -> &CrlFetcherOptions {
        &self.options
    }

    /// The CRLs at `url`, from the cache or the network.
    fn fetch(&self, url: &str, subject: &str) -> Result<Vec<Crl>, Finding> {
        let now = OffsetDateTime::now_utc();
        if let Some((crls, _)) =
            self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(url).filter(|(_, next)| *next > now)
        {
            return Ok(crls.clone());
        }
        let failed = |code, reason: Message| -> Finding {
            Message::new(code).with("url", url).with("subject", subject).with_message("reason", reason).into()
        };
        if let Some(why) = self.failed.recent(url, self.options.retry_after) {
            return Err(failed(codes::CRL_FETCH_FAILED, why));
        }
        let body =
            self.http.with_max_body(self.options.max_size).get_any(url, "application/pkix-crl").map_err(
                |e| {
                    self.failed.remember(url, e.to_message());
                    failed(codes::CRL_FETCH_FAILED, e.to_message())
                },
            )?;
        let crls = Crl::parse_many(&body).map_err(|e| {
            self.failed.remember(url, e.to_message());
            failed(codes::CRL_UNPARSEABLE, e.to_message())
        })?;
        let next = crls
            .iter()
            .map(|c| c.parsed().next_update().map(|t| t.to_datetime()))
            .min()
            .flatten()
            .filter(|n| *n > now);
        if let Some(next) = next {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            let size = |c: &HashMap<String, (Vec<Crl>, OffsetDateTime)>| -> usize {
                c.values().flat_map(|(v, _)| v.iter()).map(|c| c.der().len()).sum()
            };
            if size(&cache) + body.len() > MAX_CRL_CACHE_BYTES {
                cache.retain(|_, (_, n)| *n > now);
                if size(&cache) + body.len() > MAX_CRL_CACHE_BYTES {
                    cache.clear();
                }
            }
            cache.insert(url.to_string(), (crls.clone(), next));
        }
        Ok(crls)
    }

    /// The first CRLs one of `urls` gives (at most `max_urls` fetched).
    fn first_of(&self, urls: &[String], subject: &str, findings: &mut Vec<Finding>) -> Vec<Crl> {
        let mut tried = 0;
        for url in urls {
            if !fetchable(url) {
                push_once(findings, unsupported(url, subject));
                continue;
            }
            if tried == self.options.max_urls {
                break;
            }
            tried += 1;
            match self.fetch(url, subject) {
                Ok(crls) => return crls,
                Err(f) => push_once(findings, f),
            }
        }
        Vec::new()
    }
}

/// The freshestCRL URIs of a CRL (RFC 5280 §5.2.6).
fn crl_freshest_urls(crl: &Crl) -> Vec<String> {
    use der::Decode;
    use x509_cert::ext::pkix::CrlDistributionPoints;
    use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
    let mut out = Vec::new();
    for ext in crl.parsed().extensions().iter().filter(|e| e.oid.to_id_string() == "2.5.29.46") {
        if let Ok(points) = CrlDistributionPoints::from_der(ext.value) {
            for p in &points.0 {
                if let Some(DistributionPointName::FullName(names)) = &p.distribution_point {
                    for n in names {
                        if let GeneralName::UniformResourceIdentifier(u) = n {
                            out.push(u.as_str().to_string());
                        }
                    }
                }
            }
        }
    }
    out
}

impl RevocationSource for CrlFetcher {
    fn revocation_data(
        &self,
        cert: &Certificate,
        _issuer: &Certificate,
        found: &mut Vec<RevocationData>,
        findings: &mut Vec<Finding>,
    ) {
        let urls = cert.crl_urls();
        if urls.is_empty() {
            return;
        }
        let subject = cert.subject_string();
        let complete = self.first_of(&urls, &subject, findings);
        if complete.is_empty() {
            return;
        }
        if self.options.deltas {
            let mut delta_urls = cert.freshest_crl_urls();
            for c in &complete {
                for u in crl_freshest_urls(c) {
                    if !delta_urls.contains(&u) {
                        delta_urls.push(u);
                    }
                }
            }
            if !delta_urls.is_empty() {
                let deltas = self.first_of(&delta_urls, &subject, findings);
                found.extend(deltas.into_iter().map(RevocationData::Crl));
            }
        }
        found.extend(complete.into_iter().map(RevocationData::Crl));
    }
    fn is_network(&self) -> bool {
        true
    }
}
