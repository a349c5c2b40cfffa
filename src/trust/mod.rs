//! Trust anchors grouped by domain (`public`, `gov`, or any name), and the untrusted pool of
//! intermediates and cross-certificates, and the issuer sources the path builder asks for
//! candidate issuers ([`IssuerSource`]: the in-memory pool, a directory, later AIA over HTTP).

mod source;

pub use source::{DirectoryIssuers, IssuerSource, MemoryIssuers};

use crate::certificate::Certificate;
use crate::diag::codes::input;
use crate::diag::{Finding, Message};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A trust anchor: a certificate (self-signed or not), a label and the domain it stands for.
#[derive(Clone, Debug)]
pub struct Anchor {
    /// The anchor certificate. Its subject, public key and name constraints anchor the path
    /// (RFC 5280 §6.1.1 (d)); path validation also checks the certificate itself unless
    /// `ValidationOptions::check_anchor_profile` is off.
    pub cert: Certificate,
    /// A human label (defaults to the subject CN or the file name).
    pub label: String,
    /// The trust domain (`public`, `gov`, ...).
    pub domain: String,
}

/// A set of trust anchors.
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    anchors: Vec<Anchor>,
}

impl TrustStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
    /// Add an anchor.
    pub fn add(&mut self, cert: Certificate, label: impl Into<String>, domain: impl Into<String>) {
        self.anchors.push(Anchor { cert, label: label.into(), domain: domain.into() });
    }
    /// All anchors, in insertion order.
    pub fn anchors(&self) -> &[Anchor] {
        &self.anchors
    }
    /// Number of anchors.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }
    /// True when there are no anchors.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}

/// The files a path names: itself, or for a directory every regular file in it (sorted, not
/// recursive, hidden files skipped).
fn files_of(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let p = entry.path();
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if p.is_file() && !hidden {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// A default label for an anchor: its subject CN, else the file name.
fn default_label(cert: &Certificate, file: &Path) -> String {
    cert.x509()
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_string)
        .unwrap_or_else(|| file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}

impl TrustStore {
    /// Add every certificate of `path` (a PEM bundle, a DER file, or a directory of them) as
    /// anchors of `domain`. A malformed or non-certificate file is an input error naming it.
    pub fn add_path(&mut self, path: impl AsRef<Path>, domain: &str) -> Result<usize> {
        let path = path.as_ref();
        let mut n = 0;
        let files = files_of(path)?;
        if files.is_empty() {
            return Err(Error::input(input::TRUST_NO_FILES).with_file(path));
        }
        for file in files {
            for cert in Certificate::load_all(&file)? {
                let label = default_label(&cert, &file);
                self.add(cert, label, domain);
                n += 1;
            }
        }
        Ok(n)
    }

    /// A store of the anchors of one domain only.
    pub fn domain(&self, domain: &str) -> TrustStore {
        TrustStore { anchors: self.anchors.iter().filter(|a| a.domain == domain).cloned().collect() }
    }

    /// The distinct domains, in first-seen order.
    pub fn domains(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in &self.anchors {
            if !out.contains(&a.domain) {
                out.push(a.domain.clone());
            }
        }
        out
    }
}

/// The untrusted pool: intermediates and cross-certificates gathered from files, PEM bundles,
/// directories and signatures' embedded certificates. Malformed certificates are skipped with
/// a warning (never an error: the pool is only a source of candidates). A warning's `reason`
/// parameter is the skipped input's error, in English.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    certs: Vec<Certificate>,
    warnings: Vec<Finding>,
}

impl Pool {
    /// An empty pool.
    pub fn new() -> Self {
        Self::default()
    }
    /// Add one certificate (duplicates are kept once).
    pub fn add(&mut self, cert: Certificate) {
        if !self.certs.contains(&cert) {
            self.certs.push(cert);
        }
    }
    /// Add every certificate of `path` (file, bundle or directory); malformed blocks and files
    /// are skipped with a warning. An unreadable path is an error.
    pub fn add_path(&mut self, path: impl AsRef<Path>) -> Result<usize> {
        let path = path.as_ref();
        let mut n = 0;
        for file in files_of(path)? {
            let data = crate::io::read_file(&file)?;
            let blocks = match crate::io::decode_pem_or_der(&data) {
                Ok(b) => b,
                Err(e) => {
                    self.warnings.push(
                        Message::new(input::TRUST_POOL_FILE_SKIPPED)
                            .with("file", file.display())
                            .with("reason", e.message())
                            .into(),
                    );
                    continue;
                }
            };
            for (i, b) in blocks.into_iter().enumerate() {
                match b.label.as_deref() {
                    None | Some("CERTIFICATE") | Some("X509 CERTIFICATE") | Some("TRUSTED CERTIFICATE") => {}
                    Some(_) => continue,
                }
                match Certificate::from_der(b.der) {
                    Ok(c) => {
                        self.add(c);
                        n += 1;
                    }
                    Err(e) => self.warnings.push(
                        Message::new(input::TRUST_POOL_CERT_SKIPPED)
                            .with("file", file.display())
                            .with("index", i + 1)
                            .with("reason", e.message())
                            .into(),
                    ),
                }
            }
        }
        Ok(n)
    }
    /// Add one DER certificate from `source` (a file name, "signature #1", ...); a malformed one
    /// is skipped with a warning. Returns true when it was added.
    pub fn add_der(&mut self, der: &[u8], source: &str) -> bool {
        match Certificate::from_der(der.to_vec()) {
            Ok(c) => {
                self.add(c);
                true
            }
            Err(e) => {
                self.warnings.push(
                    Message::new(input::TRUST_POOL_DER_SKIPPED)
                        .with("source", source)
                        .with("reason", e.message())
                        .into(),
                );
                false
            }
        }
    }

    /// The certificates.
    pub fn certs(&self) -> &[Certificate] {
        &self.certs
    }
    /// Warnings about skipped input.
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_skips_malformed_certificates_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let key = rcgen::KeyPair::generate().unwrap();
        let cert =
            rcgen::CertificateParams::new(vec!["a.example".to_string()]).unwrap().self_signed(&key).unwrap();
        let good = cert.pem();
        let bad = "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n";
        std::fs::write(dir.path().join("bundle.pem"), format!("{good}{bad}{good}")).unwrap();
        std::fs::write(dir.path().join("junk.txt"), "hello").unwrap();
        let mut pool = Pool::new();
        assert_eq!(pool.add_path(dir.path()).unwrap(), 2);
        assert_eq!(pool.certs().len(), 1, "duplicates are kept once");
        assert_eq!(pool.warnings().len(), 2, "{:?}", pool.warnings());
        assert!(pool.warnings().iter().any(|w| w.code() == input::TRUST_POOL_CERT_SKIPPED
            && w.message.params.get("file").is_some_and(|f| f.ends_with("bundle.pem"))
            && w.message.params.get("index") == Some("2")));
        assert!(pool.warnings().iter().all(|w| w.severity == crate::diag::Severity::Warning));
        assert!(!pool.add_der(b"\x30\x00", "signature #1"));
        let last = pool.warnings().last().unwrap();
        assert_eq!(last.code(), input::TRUST_POOL_DER_SKIPPED);
        assert!(last.text.starts_with("signature #1"), "{last}");
        // Anchors, by contrast, must all parse: an error naming the file.
        let mut store = TrustStore::new();
        let e = store.add_path(dir.path().join("bundle.pem"), "public").unwrap_err();
        assert!(e.to_string().contains("bundle.pem"), "{e}");
        assert!(store.add_path(dir.path().join("missing.pem"), "public").is_err());
        std::fs::write(dir.path().join("root.pem"), &good).unwrap();
        assert_eq!(store.add_path(dir.path().join("root.pem"), "gov").unwrap(), 1);
        assert_eq!(store.domains(), vec!["gov".to_string()]);
        assert_eq!(store.domain("gov").len(), 1);
        assert_eq!(store.anchors()[0].label, "rcgen self signed cert", "the subject CN is the label");
    }
}
