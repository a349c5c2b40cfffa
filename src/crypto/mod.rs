//! The lowest layer: message digests and signature verification, used by every layer above
//! (certificates, CRLs, OCSP responses, CMS, and later PDF and XML).
//!
//! - [`digest`]: the digest algorithms (SHA-2 to sign, SHA-1 only to verify old documents) and
//!   streaming hashing in constant memory;
//! - [`verify`]: kyso's one signature verifier, `verify(algorithm, public key, message,
//!   signature)` with the algorithm taken from the DER AlgorithmIdentifier, legacy
//!   classification and key-strength checks;
//! - [`Verifier`]: the signature-result cache a caller holds and shares between validations
//!   (there is no process-wide state: two `Verifier`s never see each other's results).
//!
//! This module imports nothing from kyso but [`crate::error`] and [`crate::diag`].
//!
//! Backends: RSA verification (PKCS#1 v1.5 and PSS with the hash-length salt) goes through
//! aws-lc-rs with keys parsed once per certificate; ECDSA P-256/P-384 with their natural hash
//! and Ed25519 through ring; RSA-PSS with other salt lengths, ECDSA with other hashes and DSA
//! (legacy) through the RustCrypto crates.

mod cache;
pub mod digest;
pub(crate) mod oids;
pub mod verify;

pub(crate) use cache::SigKey;
pub use cache::Verifier;
pub use digest::DigestAlgorithm;
pub use verify::{ParsedKeys, SigResult};
