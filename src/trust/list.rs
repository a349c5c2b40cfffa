//! Trust lists: trust anchors per domain and a pool of known intermediates, each entry a
//! certificate with its domain, its role, a legacy flag, and where it came from. The built-in
//! Vietnamese list is [`super::vn::list`]; a user's own list is a small JSON file read with
//! [`TrustList::load`]:
//!
//! ```json
//! {
//!   "format": "kyso.trust-list/1",
//!   "entries": [
//!     { "file": "roots/corp-root.pem", "domain": "corp", "role": "anchor",
//!       "sha256": "3f1c…(64 hex digits)", "note": "our company root" },
//!     { "file": "corp-issuing-ca.pem", "domain": "corp", "role": "intermediate" }
//!   ]
//! }
//! ```
//!
//! `file` is relative to the list's own directory (or absolute) and is read by the one rule of
//! [`super::load_certificates`] (PEM bundle, DER, PKCS#7); every certificate of the file takes
//! the entry's domain and role. `role` is `anchor` (a trust anchor of `domain`, which is then
//! required) or `intermediate` (joins the untrusted pool; it is never trusted by itself).
//! `sha256` (optional) pins the file to exactly one certificate with that SHA-256 of its DER.
//! `legacy` (optional, default false) marks an entry kept for old documents only (SHA-1
//! generation); `source` and `note` (optional) say where it came from and why it is there.
//! Unknown fields are an error, so that a misspelt `sha256` is not silently ignored.

use super::TrustStore;
use crate::certificate::Certificate;
use crate::diag::Finding;
use crate::diag::codes::input;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;

/// The format identifier of a trust list file.
pub const FORMAT: &str = "kyso.trust-list/1";

/// What an entry of a trust list is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A trust anchor of its domain.
    Anchor,
    /// A known intermediate: joins the untrusted pool paths are built through.
    Intermediate,
}

impl Role {
    /// `anchor` or `intermediate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Anchor => "anchor",
            Role::Intermediate => "intermediate",
        }
    }
}

/// One certificate of a trust list.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ListEntry {
    /// The certificate.
    pub cert: Certificate,
    /// The trust domain: of the anchor, or (for an intermediate) of the root it chains to, when
    /// known (`public`, `gov`, ...).
    pub domain: String,
    /// Anchor or intermediate.
    pub role: Role,
    /// Kept for old documents only (the SHA-1 generation): validating through it needs legacy
    /// algorithms to be allowed.
    pub legacy: bool,
    /// The file it was read from (for the built-in list: its name in `src/trust/vn/`).
    pub file: String,
    /// Where the certificate came from.
    pub source: String,
    /// Why it is in the list.
    pub note: String,
}

impl ListEntry {
    /// A label for reports: the subject's CN, else the file name.
    pub fn label(&self) -> String {
        super::default_label(&self.cert, Path::new(&self.file))
    }
}

/// A trust list: anchors per domain and a pool of intermediates ([`TrustList::load`],
/// [`super::vn::list`]).
#[derive(Clone, Debug, Default)]
pub struct TrustList {
    entries: Vec<ListEntry>,
    warnings: Vec<Finding>,
}

/// The JSON form of a list file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFile {
    format: String,
    entries: Vec<EntryFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    file: String,
    role: Role,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    legacy: bool,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

impl TrustList {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add one entry.
    pub fn push(&mut self, entry: ListEntry) {
        self.entries.push(entry);
    }

    /// Read a trust list file (JSON, [`FORMAT`]; see the module documentation). Errors name the
    /// list file: unreadable or malformed JSON, an unknown format, an anchor without a domain,
    /// a pinned entry that does not hold exactly one certificate with its pin; a certificate file
    /// that cannot be read or parsed is an error naming that file.
    pub fn load(path: impl AsRef<Path>) -> Result<TrustList> {
        let path = path.as_ref();
        let data = crate::io::read_file_limited(path, crate::io::limits::CERTIFICATE)?;
        let base = path.parent().unwrap_or(Path::new("."));
        Self::parse_json(&data, base).map_err(|e| e.with_file(path))
    }

    fn parse_json(data: &[u8], base: &Path) -> Result<TrustList> {
        let file: ListFile = serde_json::from_slice(data)
            .map_err(|e| Error::input(input::TRUST_LIST_MALFORMED).with("detail", e))?;
        if file.format != FORMAT {
            return Err(Error::input(input::TRUST_LIST_MALFORMED)
                .with("detail", format!("format \"{}\", expected \"{FORMAT}\"", file.format)));
        }
        let mut list = TrustList::new();
        for (i, e) in file.entries.into_iter().enumerate() {
            let index = i + 1;
            let domain = e.domain.unwrap_or_default();
            if e.role == Role::Anchor && domain.trim().is_empty() {
                return Err(Error::input(input::TRUST_LIST_NO_DOMAIN)
                    .with("index", index)
                    .with("file", &e.file));
            }
            let cert_path = base.join(&e.file);
            let loaded = super::load_certificates(&cert_path)?;
            list.warnings.extend(loaded.warnings);
            let certs: Vec<Certificate> = loaded.items.into_iter().map(|(c, _)| c).collect();
            if let Some(pin) = &e.sha256 {
                check_pin(&certs, pin).map_err(|err| err.with("index", index).with("file", &e.file))?;
            }
            for cert in certs {
                list.entries.push(ListEntry {
                    cert,
                    domain: domain.clone(),
                    role: e.role,
                    legacy: e.legacy,
                    file: cert_path.display().to_string(),
                    source: e.source.clone().unwrap_or_default(),
                    note: e.note.clone().unwrap_or_default(),
                });
            }
        }
        Ok(list)
    }

    /// Every entry, anchors and intermediates, in list order.
    pub fn entries(&self) -> &[ListEntry] {
        &self.entries
    }

    /// The anchors, as a store (labels: the subjects' CN).
    pub fn store(&self) -> TrustStore {
        let mut store = TrustStore::new();
        self.add_anchors_to(&mut store);
        store
    }

    /// Add the anchors to `store`, with the list's warnings.
    pub fn add_anchors_to(&self, store: &mut TrustStore) {
        for e in self.entries.iter().filter(|e| e.role == Role::Anchor) {
            store.add(e.cert.clone(), e.label(), e.domain.clone());
        }
        store.warnings.extend(self.warnings.iter().cloned());
    }

    /// The intermediates (cheap clones), for the untrusted pool.
    pub fn intermediates(&self) -> Vec<Certificate> {
        self.entries.iter().filter(|e| e.role == Role::Intermediate).map(|e| e.cert.clone()).collect()
    }

    /// Warnings about what was skipped while reading the list (members of a directory that did
    /// not parse; for the built-in list, an entry that failed its pin, which its test forbids).
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }

    pub(super) fn warn(&mut self, w: Finding) {
        self.warnings.push(w);
    }
}

/// `certs` must be exactly one certificate whose SHA-256 is `pin` (hex, any case, `:` allowed).
fn check_pin(certs: &[Certificate], pin: &str) -> Result<()> {
    let [cert] = certs else {
        return Err(Error::input(input::TRUST_LIST_PIN_COUNT).with("count", certs.len()));
    };
    let expected: String = pin.chars().filter(|c| *c != ':').collect::<String>().to_ascii_lowercase();
    let actual = hex::encode(cert.sha256());
    if expected != actual {
        return Err(Error::input(input::TRUST_LIST_PIN_MISMATCH)
            .with("expected", expected)
            .with("actual", actual));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn self_signed(cn: &str) -> (String, Certificate) {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        p.distinguished_name.push(rcgen::DnType::CommonName, cn);
        p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let c = p.self_signed(&key).unwrap();
        let cert = Certificate::from_der(c.der().to_vec()).unwrap();
        (c.pem(), cert)
    }

    #[test]
    fn a_user_list_gives_anchors_and_intermediates_with_pins_checked() {
        let dir = tempfile::tempdir().unwrap();
        let (root_pem, root) = self_signed("Corp Root");
        let (ica_pem, ica) = self_signed("Corp Issuing CA");
        std::fs::create_dir(dir.path().join("roots")).unwrap();
        std::fs::write(dir.path().join("roots/root.pem"), &root_pem).unwrap();
        std::fs::write(dir.path().join("ica.pem"), &ica_pem).unwrap();
        let pin = hex::encode_upper(root.sha256());
        let json = format!(
            r#"{{"format": "kyso.trust-list/1", "entries": [
                {{"file": "roots/root.pem", "domain": "corp", "role": "anchor", "sha256": "{pin}", "note": "ours"}},
                {{"file": "ica.pem", "role": "intermediate", "legacy": true}}]}}"#
        );
        let list_path = dir.path().join("list.json");
        std::fs::write(&list_path, &json).unwrap();
        let list = TrustList::load(&list_path).unwrap();
        assert_eq!(list.entries().len(), 2);
        let store = list.store();
        assert_eq!(store.len(), 1);
        assert_eq!(store.anchors()[0].domain, "corp");
        assert_eq!(store.anchors()[0].label, "Corp Root");
        assert_eq!(list.intermediates(), vec![ica]);
        assert!(list.entries()[1].legacy);
        assert_eq!(list.entries()[0].note, "ours");

        // A wrong pin, a misspelt field, an anchor without a domain, a wrong format: errors
        // naming the list file.
        let bad = |json: &str, code: crate::diag::Code| {
            std::fs::write(&list_path, json).unwrap();
            let e = TrustList::load(&list_path).unwrap_err();
            assert_eq!(e.code(), code, "{e}");
            assert!(e.to_string().contains("list.json"), "{e}");
        };
        let wrong_pin = json.replace(&pin, &"00".repeat(32));
        bad(&wrong_pin, input::TRUST_LIST_PIN_MISMATCH);
        bad(&json.replace("\"sha256\"", "\"sha265\""), input::TRUST_LIST_MALFORMED);
        bad(&json.replace("\"domain\": \"corp\", ", ""), input::TRUST_LIST_NO_DOMAIN);
        bad(&json.replace("trust-list/1", "trust-list/9"), input::TRUST_LIST_MALFORMED);
        bad("not json", input::TRUST_LIST_MALFORMED);
        std::fs::write(dir.path().join("roots/root.pem"), format!("{root_pem}{ica_pem}")).unwrap();
        bad(&json, input::TRUST_LIST_PIN_COUNT);
        // A certificate file that is missing: an error naming it.
        std::fs::remove_file(dir.path().join("ica.pem")).unwrap();
        std::fs::write(dir.path().join("roots/root.pem"), &root_pem).unwrap();
        std::fs::write(&list_path, &json).unwrap();
        let e = TrustList::load(&list_path).unwrap_err();
        assert!(e.to_string().contains("ica.pem"), "{e}");
    }
}
