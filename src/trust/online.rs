//! The network issuer source: AIA caIssuers (RFC 5280 §4.2.2.1) over HTTP ([`AiaIssuers`]),
//! and what the network sources of kyso share (URLs they fetch, a memory of URLs that failed).
//!
//! The path builder asks a network source about a certificate only when no local source (the
//! pool, the directories, the built-in list, the anchors) has a candidate issuer for it, and
//! meters it with the validation's network-query allowance
//! ([`crate::path::Budget::network_queries`]); each query fetches at most
//! [`AiaOptions::max_urls`] URLs, each bounded by the [`HttpClient`]'s time-out, size limit and
//! shared [`crate::net::NetBudget`].

use super::IssuerSource;
use crate::certificate::Certificate;
use crate::diag::codes::sources as codes;
use crate::diag::{Finding, Message};
use crate::net::HttpClient;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Whether kyso fetches `url`: `http://` and `https://` only (LDAP, the other scheme CAs name,
/// is not supported).
pub(crate) fn fetchable(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The finding for a URL kyso does not fetch.
pub(crate) fn unsupported(url: &str, subject: &str) -> Finding {
    Message::new(codes::UNSUPPORTED_URL).with("url", url).with("subject", subject).into()
}

/// URLs whose last fetch failed, with the reason, remembered for a while so that the same dead
/// server does not cost a time-out per certificate (bounded: the oldest are forgotten first).
#[derive(Debug, Default)]
pub(crate) struct FailedUrls {
    failed: Mutex<HashMap<String, (Instant, Message)>>,
}

/// URLs remembered at most.
const MAX_FAILED: usize = 1024;

impl FailedUrls {
    /// Why `url` failed less than `retry_after` ago, if it did.
    pub(crate) fn recent(&self, url: &str, retry_after: Duration) -> Option<Message> {
        let failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        failed.get(url).filter(|(at, _)| at.elapsed() < retry_after).map(|(_, m)| m.clone())
    }
    /// Remember that `url` failed with `why`.
    pub(crate) fn remember(&self, url: &str, why: Message) {
        let mut failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        if failed.len() >= MAX_FAILED {
            if let Some(oldest) = failed.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| k.clone()) {
                failed.remove(&oldest);
            }
        }
        failed.insert(url.to_string(), (Instant::now(), why));
    }
}

/// How an [`AiaIssuers`] source fetches.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AiaOptions {
    /// caIssuers URLs fetched per certificate, at most (in the order the certificate lists
    /// them; the first that gives certificates ends the query). Default 3.
    pub max_urls: usize,
    /// Largest body accepted: a certificate or a PKCS#7 bundle of a few. Default 1 MiB.
    pub max_size: u64,
    /// How long a URL that failed is not fetched again (the failure is reported again
    /// instead). Default 60 s.
    pub retry_after: Duration,
}

with_setters!(AiaOptions {
    max_urls: usize => with_max_urls,
    max_size: u64 => with_max_size,
    retry_after: Duration => with_retry_after,
});

impl Default for AiaOptions {
    fn default() -> Self {
        AiaOptions { max_urls: 3, max_size: 1 << 20, retry_after: Duration::from_secs(60) }
    }
}

/// Most URLs whose certificates are kept.
const MAX_CACHED: usize = 4096;

/// Issuer certificates fetched from the caIssuers URLs of the authorityInfoAccess extension
/// (RFC 5280 §4.2.2.1): a DER certificate (`.cer`, `.crt`), a PKCS#7 certs-only bundle (`.p7b`,
/// `.p7c`, DER or BER) or PEM. A network source ([`IssuerSource::is_network`]); what it brings is
/// only a candidate, checked by the path builder like any other. Fetched certificates are kept
/// per URL for the life of the source (clones share them); failures are reported as
/// `source-aia-` warnings and remembered for [`AiaOptions::retry_after`].
#[derive(Clone, Debug)]
pub struct AiaIssuers {
    http: HttpClient,
    options: AiaOptions,
    cache: Arc<Mutex<HashMap<String, Vec<Certificate>>>>,
    failed: Arc<FailedUrls>,
}

impl AiaIssuers {
    /// A source fetching with `http` (its time-out and budget apply to every fetch).
    pub fn new(http: HttpClient) -> Self {
        AiaIssuers { http, options: AiaOptions::default(), cache: Arc::default(), failed: Arc::default() }
    }
    /// With `options`.
    #[must_use]
    pub fn with_options(mut self, options: AiaOptions) -> Self {
        self.options = options;
        self
    }
    /// The options.
    pub fn options(&self) -> &AiaOptions {
        &self.options
    }

    /// The certificates published at `url` (fetched once per source).
    fn fetch(&self, url: &str, subject: &str) -> Result<Vec<Certificate>, Finding> {
        if let Some(c) = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(url) {
            return Ok(c.clone());
        }
        let failed = |code, reason: Message| -> Finding {
            Message::new(code).with("url", url).with("subject", subject).with_message("reason", reason).into()
        };
        if let Some(why) = self.failed.recent(url, self.options.retry_after) {
            return Err(failed(codes::AIA_FETCH_FAILED, why));
        }
        let body =
            self.http.with_max_body(self.options.max_size).get_any(url, "application/pkix-cert").map_err(
                |e| {
                    self.failed.remember(url, e.to_message());
                    failed(codes::AIA_FETCH_FAILED, e.to_message())
                },
            )?;
        let certs = Certificate::parse_many(&body).map_err(|e| {
            self.failed.remember(url, e.to_message());
            failed(codes::AIA_UNPARSEABLE, e.to_message())
        })?;
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(url.to_string(), certs.clone());
        Ok(certs)
    }
}

impl IssuerSource for AiaIssuers {
    fn issuers_of(&self, cert: &Certificate, found: &mut Vec<Certificate>, findings: &mut Vec<Finding>) {
        let urls = cert.ca_issuers_urls();
        if urls.is_empty() {
            return;
        }
        let subject = cert.subject_string();
        let mut tried = 0;
        for url in &urls {
            if !fetchable(url) {
                push_once(findings, unsupported(url, &subject));
                continue;
            }
            if tried == self.options.max_urls {
                break;
            }
            tried += 1;
            match self.fetch(url, &subject) {
                Ok(certs) => {
                    found.extend(certs);
                    return;
                }
                Err(f) => push_once(findings, f),
            }
        }
    }
    fn is_network(&self) -> bool {
        true
    }
}

/// Push `f` unless it is already there.
pub(crate) fn push_once(findings: &mut Vec<Finding>, f: Finding) {
    if !findings.contains(&f) {
        findings.push(f);
    }
}
