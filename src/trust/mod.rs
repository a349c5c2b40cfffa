//! Trust anchors grouped by domain (`public`, `gov`, or any name), and the untrusted pool of
//! intermediates and cross-certificates, and the issuer sources the path builder asks for
//! candidate issuers ([`IssuerSource`]: the in-memory pool, a directory, AIA caIssuers over
//! HTTP). Trust lists ([`TrustList`]) give anchors and known intermediates together: the
//! built-in Vietnamese list ([`vn`], [`TrustStore::vietnam`]) and a user's own (JSON).

mod list;
pub(crate) mod online;
mod source;
pub mod vn;

pub use list::{FORMAT as TRUST_LIST_FORMAT, ListEntry, Role, TrustList};
pub use online::{AiaIssuers, AiaOptions};
pub use source::{DirectoryIssuers, IssuerSource, MemoryIssuers};

use crate::certificate::Certificate;
use crate::crl::Crl;
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

/// What one path a user named held ([`load_certificates`], [`load_crls`]): the items, each with
/// the file it came from, and warnings about the members of a directory that were skipped.
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    /// The items, in file order then bundle order.
    pub items: Vec<(T, PathBuf)>,
    /// One warning per skipped file or certificate of a directory, and one when a directory has
    /// nothing usable.
    pub warnings: Vec<Finding>,
    /// The path was a directory.
    pub directory: bool,
    /// The files of the directory (0 for a file).
    pub files: usize,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded { items: Vec::new(), warnings: Vec::new(), directory: false, files: 0 }
    }
}

/// The certificates read from one path ([`load_certificates`]).
pub type LoadedCertificates = Loaded<Certificate>;

/// The one rule for every path that names certificates or CRLs (anchors, domains, the untrusted
/// pool, chains, CRLs): a file that cannot be read, does not parse or holds none is an input
/// error naming it (`named`); in a directory (its regular files, not recursive, hidden files
/// skipped) a file or an item that does not parse is skipped with a warning naming it and why
/// (`member`), and a directory with nothing usable gets the warning `empty` (anchors make that
/// an error: [`TrustStore::add_path`]).
fn load_path<T>(
    path: &Path,
    named: impl FnOnce(&Path) -> Result<Vec<T>>,
    mut member: impl FnMut(&Path, &mut Vec<Finding>) -> Vec<T>,
    empty: crate::diag::Code,
) -> Result<Loaded<T>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let mut out = Loaded::default();
    if !meta.is_dir() {
        out.items = named(path)?.into_iter().map(|c| (c, path.to_path_buf())).collect();
        return Ok(out);
    }
    out.directory = true;
    let files = files_of(path)?;
    out.files = files.len();
    for file in files {
        let items = member(&file, &mut out.warnings);
        out.items.extend(items.into_iter().map(|c| (c, file.clone())));
    }
    if out.items.is_empty() {
        out.warnings.push(Message::new(empty).with("dir", path.display()).into());
    }
    Ok(out)
}

/// A directory member skipped, and why (the error as a typed message, in the user's language).
fn skipped(file: &Path, e: &Error) -> Finding {
    Message::new(input::TRUST_POOL_FILE_SKIPPED)
        .with("file", file.display())
        .with_message("reason", e.to_message())
        .into()
}

/// Every certificate of `path` (a PEM bundle, a DER or PKCS#7 file, or a directory of them) by
/// one rule for named files and directories: a named file that cannot be read or holds a
/// malformed certificate or none is an input error naming it; in a directory, files and
/// certificates that do not parse are skipped with a warning, and a directory without any usable
/// certificate gets a warning.
pub fn load_certificates(path: impl AsRef<Path>) -> Result<LoadedCertificates> {
    let member = |file: &Path, warnings: &mut Vec<Finding>| -> Vec<Certificate> {
        let blocks = match crate::io::read_file_limited(file, crate::io::limits::CERTIFICATE)
            .and_then(|d| crate::io::decode_pem_or_der(&d))
        {
            Ok(b) => b,
            Err(e) => {
                warnings.push(skipped(file, &e));
                return Vec::new();
            }
        };
        let mut certs = Vec::new();
        let mut labels = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            match Certificate::parse_block(b.label.as_deref(), &b.der) {
                Some(Ok(found)) => certs.extend(found),
                Some(Err(e)) => warnings.push(
                    Message::new(input::TRUST_POOL_CERT_SKIPPED)
                        .with("file", file.display())
                        .with("index", i + 1)
                        .with_message("reason", e.to_message())
                        .into(),
                ),
                None => labels.extend(b.label.clone()),
            }
        }
        if certs.is_empty() && !labels.is_empty() {
            warnings
                .push(skipped(file, &Error::input(input::CERT_NOT_FOUND).with("labels", labels.join(", "))));
        }
        certs
    };
    load_path(path.as_ref(), |p| Certificate::load_all(p), member, input::TRUST_POOL_DIR_EMPTY)
}

/// Every CRL of `path` (a PEM bundle, a DER file, or a directory of them) by the same rule: a
/// named file that cannot be read or parsed is an input error naming it; in a directory, files
/// that are not CRLs are skipped with a warning, and a directory without any CRL gets a warning.
pub fn load_crls(path: impl AsRef<Path>) -> Result<Loaded<Crl>> {
    let member = |file: &Path, warnings: &mut Vec<Finding>| -> Vec<Crl> {
        match crate::io::read_file_limited(file, crate::io::limits::CRL).and_then(|d| Crl::parse_many(&d)) {
            Ok(crls) => crls,
            Err(e) => {
                warnings.push(skipped(file, &e));
                Vec::new()
            }
        }
    };
    load_path(path.as_ref(), |p| Crl::load_all(p), member, input::CRL_DIR_EMPTY)
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
        let path = path.as_ref();
        let loaded = load_certificates(path)?;
        if loaded.directory && loaded.items.is_empty() {
            // Anchors decide what is trusted: a directory that yields none is not ignored.
            self.warnings
                .extend(loaded.warnings.into_iter().filter(|w| w.code() != input::TRUST_POOL_DIR_EMPTY));
            let e = match loaded.files {
                0 => Error::input(input::TRUST_NO_FILES),
                n => Error::input(input::TRUST_DIR_NO_ANCHOR).with("files", n),
            };
            return Err(e.with_file(path));
        }
        let n = loaded.items.len();
        for (cert, file) in loaded.items {
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
        let n = loaded.items.len();
        for (c, _) in loaded.items {
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
        // A directory with nothing usable: a warning for the pool, an error for anchors (issue
        // #9, defect 15).
        let empty = tempfile::tempdir().unwrap();
        let mut pool = Pool::new();
        assert_eq!(pool.add_path(empty.path()).unwrap(), 0);
        assert_eq!(pool.warnings().len(), 1);
        assert_eq!(pool.warnings()[0].code(), input::TRUST_POOL_DIR_EMPTY);
        let e = TrustStore::new().add_path(empty.path(), "gov").unwrap_err();
        assert_eq!(e.code(), input::TRUST_NO_FILES);
        assert_eq!(e.kind(), crate::error::ErrorKind::Input);
        let junk = tempfile::tempdir().unwrap();
        std::fs::copy(&bad, junk.path().join("bad.pem")).unwrap();
        let e = TrustStore::new().add_path(junk.path(), "gov").unwrap_err();
        assert_eq!(e.code(), input::TRUST_DIR_NO_ANCHOR);
        assert!(e.render(crate::diag::Lang::Vi).contains("1 tệp"), "{}", e.render(crate::diag::Lang::Vi));
        // In a directory, unparseable members are skipped with a warning, for anchors too.
        std::fs::write(dir.path().join("root.pem"), &good).unwrap();
        let mut store = TrustStore::new();
        assert_eq!(store.add_path(dir.path(), "gov").unwrap(), 1);
        assert_eq!(store.warnings().len(), 1, "{:?}", store.warnings());
        assert_eq!(store.warnings()[0].code(), input::TRUST_POOL_CERT_SKIPPED);
        // The skipped member's reason is typed: Vietnamese words in Vietnamese.
        let vi = store.warnings()[0].render(crate::diag::Lang::Vi);
        assert!(vi.contains("bỏ qua chứng thư số thứ 1") && !vi.contains("not a"), "{vi}");
    }

    /// Issue #9 defect 15: CRLs follow the same rule as certificates.
    #[test]
    fn crl_directories_skip_and_warn_named_files_must_parse() {
        use crate::issue::{CrlProfile, Issuer, issue_crl};
        let dir = tempfile::tempdir().unwrap();
        let key = crate::keys::SoftwareKey::generate(crate::keys::KeyAlgorithm::EcP256).unwrap();
        let name = crate::issue::DistinguishedName::parse("CN=CA thu nghiem").unwrap();
        let ca = crate::issue::self_sign(&crate::issue::CertProfile::root_ca(), &name, &key).unwrap();
        let crl = issue_crl(&CrlProfile::new(1, 7), &Issuer::new(&ca, &key).unwrap()).unwrap();
        std::fs::write(dir.path().join("ca.crl"), crl.der()).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "ghi chu").unwrap();
        let loaded = load_crls(dir.path()).unwrap();
        assert_eq!(loaded.items.len(), 1);
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert_eq!(loaded.warnings[0].code(), input::TRUST_POOL_FILE_SKIPPED);
        assert!(loaded.warnings[0].text.contains("notes.txt"), "{}", loaded.warnings[0].text);
        // A named file that is not a CRL is an error naming it.
        let e = load_crls(dir.path().join("notes.txt")).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::Input);
        assert!(e.to_string().contains("notes.txt"), "{e}");
        // A directory without a CRL: a warning.
        let empty = tempfile::tempdir().unwrap();
        let loaded = load_crls(empty.path()).unwrap();
        assert!(loaded.items.is_empty());
        assert_eq!(loaded.warnings[0].code(), input::CRL_DIR_EMPTY);
    }
}
