//! Issuer sources: where the path builder finds candidate issuers of a certificate (BoringSSL
//! `pki/cert_issuer_source.h`). Synchronous, consulted in the order given; a network source
//! ([`super::AiaIssuers`]: AIA caIssuers over HTTP) is consulted for a certificate only after
//! every local source gave no candidate for it.

use super::files_of;
use crate::certificate::Certificate;
use crate::diag::codes::sources as codes;
use crate::diag::{Finding, Message};
use crate::error::Result;
use crate::name::name_key;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A source of candidate issuer certificates.
///
/// The contract:
/// - [`issuers_of`](IssuerSource::issuers_of) returns certificates whose subject may be the
///   issuer of `cert` (its issuer name; the authority key identifier may narrow it). Returning
///   a certificate that is not the issuer is harmless (the builder checks names, keys and
///   signatures); returning the same certificate twice is harmless too.
/// - It returns within the source's own time-out and never blocks indefinitely: a network
///   source bounds every fetch.
/// - Problems (an unreachable server, an unparseable file) are pushed to `findings` as typed
///   warnings (`source-` codes), never panics and never errors: a source only offers
///   candidates, and a validation goes on with what the other sources give.
/// - Each call counts against the validation's source-query budget
///   ([`crate::path::Budget::source_queries`]) unless the source is not
///   [`metered`](IssuerSource::metered).
///
/// The verdict does not depend on the order candidates are returned in, nor on the order of
/// the sources: the path builder sorts candidates by content.
pub trait IssuerSource: Send + Sync {
    /// Push candidate issuers of `cert` to `found`, and warnings about what could not be used to
    /// `findings`.
    fn issuers_of(&self, cert: &Certificate, found: &mut Vec<Certificate>, findings: &mut Vec<Finding>);
    /// True for a source that reaches the network: it is asked about a certificate only when
    /// every local source gave no candidate for it. Default false.
    fn is_network(&self) -> bool {
        false
    }
    /// True when each query spends one source query of the validation's budget. Default true;
    /// false only for sources that answer from memory at the cost of a lookup (the in-memory
    /// pool, supplied CRLs), so that they cost what a plain slice did.
    fn metered(&self) -> bool {
        true
    }
}

impl std::fmt::Debug for dyn IssuerSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_network() { "IssuerSource(network)" } else { "IssuerSource(local)" })
    }
}

/// Certificates indexed by subject name (RFC 5280 §7.1 comparison key).
#[derive(Clone, Debug, Default)]
struct SubjectIndex {
    certs: Vec<Certificate>,
    by_subject: HashMap<Vec<u8>, Vec<usize>>,
}

impl SubjectIndex {
    fn new(certs: Vec<Certificate>) -> Self {
        let mut by_subject: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for (i, c) in certs.iter().enumerate() {
            by_subject.entry(name_key(c.x509().subject())).or_default().push(i);
        }
        SubjectIndex { certs, by_subject }
    }
    fn issuers_of(&self, cert: &Certificate, found: &mut Vec<Certificate>) {
        let key = name_key(cert.x509().issuer());
        for &i in self.by_subject.get(&key).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(c) = self.certs.get(i) {
                found.push(c.clone());
            }
        }
    }
}

/// The in-memory pool as an issuer source: certificates indexed by subject.
/// (`PathValidator::pool` feeds a slice to the builder's own index directly; this type is for
/// callers that combine sources explicitly.)
#[derive(Clone, Debug, Default)]
pub struct MemoryIssuers {
    index: SubjectIndex,
}

impl MemoryIssuers {
    /// A source over `certs` (cheap clones of the certificates, indexed by subject).
    pub fn new(certs: &[Certificate]) -> Self {
        MemoryIssuers { index: SubjectIndex::new(certs.to_vec()) }
    }
    /// The certificates.
    pub fn certs(&self) -> &[Certificate] {
        &self.index.certs
    }
}

impl IssuerSource for MemoryIssuers {
    fn issuers_of(&self, cert: &Certificate, found: &mut Vec<Certificate>, _findings: &mut Vec<Finding>) {
        self.index.issuers_of(cert, found);
    }
    fn metered(&self) -> bool {
        false
    }
}

/// Every certificate file of a directory (PEM bundles or DER, not recursive, hidden files
/// skipped), read once when opened and indexed by subject. Unparseable files and certificates
/// are skipped with a warning ([`DirectoryIssuers::warnings`], also reported by every
/// validation that consults the source).
#[derive(Clone, Debug)]
pub struct DirectoryIssuers {
    dir: PathBuf,
    index: SubjectIndex,
    warnings: Vec<Finding>,
}

impl DirectoryIssuers {
    /// Read every certificate of `dir`. An unreadable directory is an error (naming it);
    /// unparseable members are warnings.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        let mut certs: Vec<Certificate> = Vec::new();
        let mut warnings = Vec::new();
        for file in files_of(dir)? {
            let skip_file = |reason: String| -> Finding {
                Message::new(codes::DIR_FILE_SKIPPED)
                    .with("dir", dir.display())
                    .with("file", file.display())
                    .with("reason", reason)
                    .into()
            };
            let data = match crate::io::read_file(&file) {
                Ok(d) => d,
                Err(e) => {
                    warnings.push(skip_file(e.message()));
                    continue;
                }
            };
            let blocks = match crate::io::decode_pem_or_der(&data) {
                Ok(b) => b,
                Err(e) => {
                    warnings.push(skip_file(e.message()));
                    continue;
                }
            };
            for (i, b) in blocks.into_iter().enumerate() {
                match Certificate::parse_block(b.label.as_deref(), &b.der) {
                    None => continue,
                    Some(Ok(cs)) => {
                        for c in cs {
                            if !certs.contains(&c) {
                                certs.push(c);
                            }
                        }
                    }
                    Some(Err(e)) => warnings.push(
                        Message::new(codes::DIR_CERT_SKIPPED)
                            .with("dir", dir.display())
                            .with("file", file.display())
                            .with("index", i + 1)
                            .with("reason", e.message())
                            .into(),
                    ),
                }
            }
        }
        Ok(DirectoryIssuers { dir: dir.to_path_buf(), index: SubjectIndex::new(certs), warnings })
    }
    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    /// The certificates read.
    pub fn certs(&self) -> &[Certificate] {
        &self.index.certs
    }
    /// Warnings about skipped files and certificates.
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }
}

impl IssuerSource for DirectoryIssuers {
    fn issuers_of(&self, cert: &Certificate, found: &mut Vec<Certificate>, findings: &mut Vec<Finding>) {
        for w in &self.warnings {
            if !findings.contains(w) {
                findings.push(w.clone());
            }
        }
        self.index.issuers_of(cert, found);
    }
}
