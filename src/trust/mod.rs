//! Trust anchors grouped by domain (`public`, `gov`, or any name), and the untrusted pool of
//! intermediates and cross-certificates.

use crate::certificate::Certificate;

/// A trust anchor: a certificate (self-signed or not), a label and the domain it stands for.
#[derive(Clone, Debug)]
pub struct Anchor {
    /// The anchor certificate. Only its subject, public key (and, when the caller opts in, its
    /// constraints) are used, per RFC 5280 §6.1.1 (d).
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
