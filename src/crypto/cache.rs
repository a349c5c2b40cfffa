//! The signature-result cache a caller owns ([`Verifier`]).

use super::verify::SigResult;
use std::collections::HashMap;
use std::sync::Mutex;

/// Key of a cached result: SHA-256 of the signer's SubjectPublicKeyInfo, SHA-256 of the signed
/// object (certificate, CRL, response), and whether legacy algorithms were allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SigKey {
    pub spki: [u8; 32],
    pub signed: [u8; 32],
    pub allow_legacy: bool,
}

impl std::hash::Hash for SigKey {
    /// Both digests are uniform already: 8 octets of each feed the (keyed) hasher, equality still
    /// compares all of them. Hashing all 65 octets was most of the cost of a recalled result.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(&self.spki[..8]);
        state.write(&self.signed[..8]);
        state.write_u8(u8::from(self.allow_legacy));
    }
}

/// A verification context: remembers signature results so that validating the same
/// certificates again (a batch of documents signed under one CA, a long-running service) costs
/// no signature checks. Results are deterministic functions of their key, so a cache never
/// changes a verdict; work budgets still count recalled checks, so verdicts do not depend on
/// what was validated before either.
///
/// Thread-safe: share one `Verifier` between the threads of a batch. Bounded: at most
/// [`Verifier::DEFAULT_CAPACITY`] results (the oldest are dropped all at once when full).
#[derive(Debug)]
pub struct Verifier {
    results: Mutex<HashMap<SigKey, SigResult>>,
    capacity: usize,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier::with_capacity(Self::DEFAULT_CAPACITY)
    }
}

impl Verifier {
    /// Results kept by [`Verifier::default`].
    pub const DEFAULT_CAPACITY: usize = 8192;

    /// A context that keeps at most `capacity` results (0 keeps none).
    pub fn with_capacity(capacity: usize) -> Self {
        Verifier { results: Mutex::new(HashMap::new()), capacity }
    }

    /// How many results are kept now.
    pub fn len(&self) -> usize {
        self.results.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// True when no result is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn get(&self, key: &SigKey) -> Option<SigResult> {
        self.results.lock().ok()?.get(key).cloned()
    }

    pub(crate) fn put(&self, key: SigKey, result: &SigResult) {
        if self.capacity == 0 {
            return;
        }
        if let Ok(mut m) = self.results.lock() {
            if m.len() >= self.capacity {
                m.clear();
            }
            m.insert(key, result.clone());
        }
    }
}
