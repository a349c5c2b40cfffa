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
    warnings: Vec<Finding>,
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
    /// Warnings about skipped members of directories given to [`TrustStore::add_path`].
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }
}

/// The certificates read from one path a user named ([`load_certificates`]), each with the file
/// it came from, and warnings about the members of a directory that were skipped.
#[derive(Clone, Debug, Default)]
pub struct LoadedCertificates {
    /// The certificates, in file order then bundle order.
    pub certs: Vec<(Certificate, PathBuf)>,
    /// One warning per skipped file or certificate of a directory.
    pub warnings: Vec<Finding>,
}

/// The one rule for every path that names certificates (anchors, domains, the untrusted pool,
/// chains): a file (PEM bundle, DER certificate, PKCS#7 bundle) that cannot be read or holds a
/// malformed certificate or none is an input error naming it; in a directory, files and
/// certificates that do not parse are skipped with a warning (a directory may hold other
/// files); a directory without any file is an input error naming it.
pub fn load_certificates(path: impl AsRef<Path>) -> Result<LoadedCertificates> {
    let path = path.as_ref();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let mut out = LoadedCertificates::default();
    if !meta.is_dir() {
        out.certs = Certificate::load_all(path)?.into_iter().map(|c| (c, path.to_path_buf())).collect();
        return Ok(out);
    }
    let files = files_of(path)?;
    if files.is_empty() {
        return Err(Error::input(input::TRUST_NO_FILES).with_file(path));
    }
    for file in files {
        let skip_file = |reason: String| -> Finding {
            Message::new(input::TRUST_POOL_FILE_SKIPPED)
                .with("file", file.display())
                .with("reason", reason)
                .into()
        };
        let blocks = match crate::io::read_file(&file).and_then(|d| crate::io::decode_pem_or_der(&d)) {
            Ok(b) => b,
            Err(e) => {
                out.warnings.push(skip_file(e.message().to_string()));
                continue;
            }
        };
        let before = out.certs.len();
        let mut labels = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            match Certificate::parse_block(b.label.as_deref(), &b.der) {
                Some(Ok(certs)) => out.certs.extend(certs.into_iter().map(|c| (c, file.clone()))),
                Some(Err(e)) => out.warnings.push(
                    Message::new(input::TRUST_POOL_CERT_SKIPPED)
                        .with("file", file.display())
                        .with("index", i + 1)
                        .with("reason", e.message())
                        .into(),
                ),
                None => labels.extend(b.label.clone()),
            }
        }
        if out.certs.len() == before && !labels.is_empty() {
            let e = Error::input(input::CERT_NOT_FOUND).with("labels", labels.join(", "));
            out.warnings.push(skip_file(e.message().to_string()));
        }
    }
    Ok(out)
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
    /// Add every certificate of `path` (a PEM bundle, a DER or PKCS#7 file, or a directory of
    /// them) as anchors of `domain`, by the rule of [`load_certificates`]: a named file that does
    /// not parse is an input error naming it, a directory's unparseable members are skipped with
    /// a warning ([`TrustStore::warnings`]).
    pub fn add_path(&mut self, path: impl AsRef<Path>, domain: &str) -> Result<usize> {
        let loaded = load_certificates(path)?;
        let n = loaded.certs.len();
        for (cert, file) in loaded.certs {
            let label = default_label(&cert, &file);
            self.add(cert, label, domain);
        }
        self.warnings.extend(loaded.warnings);
        Ok(n)
    }

    /// A store of the anchors of one domain only.
    pub fn domain(&self, domain: &str) -> TrustStore {
        TrustStore {
            anchors: self.anchors.iter().filter(|a| a.domain == domain).cloned().collect(),
            warnings: Vec::new(),
        }
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
/// directories and signatures' embedded certificates. Malformed certificates of a directory or
/// of a signature are skipped with a warning; a file the user named must parse
/// ([`load_certificates`]). A warning's `reason`
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
    /// Add every certificate of `path` (file, bundle or directory) by the rule of
    /// [`load_certificates`]: a named file that cannot be read or parsed is an input error naming
    /// it; a directory's unparseable members are skipped with a warning.
    pub fn add_path(&mut self, path: impl AsRef<Path>) -> Result<usize> {
        let loaded = load_certificates(path)?;
        let n = loaded.certs.len();
        for (c, _) in loaded.certs {
            self.add(c);
        }
        self.warnings.extend(loaded.warnings);
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

    #[test]
    fn one_rule_for_named_files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let key = rcgen::KeyPair::generate().unwrap();
        let good = rcgen::CertificateParams::new(vec!["a.example".to_string()])
            .unwrap()
            .self_signed(&key)
            .unwrap()
            .pem();
        let bad = dir.path().join("bad.pem");
        std::fs::write(&bad, "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n").unwrap();
        // A named malformed file is an input error naming it, for the pool as for anchors.
        let e = Pool::new().add_path(&bad).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::Input);
        assert!(e.to_string().contains("bad.pem"), "{e}");
        assert!(TrustStore::new().add_path(&bad, "public").unwrap_err().to_string().contains("bad.pem"));
        // An empty directory is an error for both.
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(Pool::new().add_path(empty.path()).unwrap_err().code(), input::TRUST_NO_FILES);
        assert_eq!(
            TrustStore::new().add_path(empty.path(), "gov").unwrap_err().code(),
            input::TRUST_NO_FILES
        );
        // In a directory, unparseable members are skipped with a warning, for anchors too.
        std::fs::write(dir.path().join("root.pem"), &good).unwrap();
        let mut store = TrustStore::new();
        assert_eq!(store.add_path(dir.path(), "gov").unwrap(), 1);
        assert_eq!(store.warnings().len(), 1, "{:?}", store.warnings());
        assert_eq!(store.warnings()[0].code(), input::TRUST_POOL_CERT_SKIPPED);
    }
}
