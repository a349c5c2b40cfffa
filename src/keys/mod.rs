//! Keys: generation (RSA, ECDSA P-256/P-384, Ed25519), reading (PKCS#8 plain or encrypted,
//! PKCS#1, SEC1; PEM or DER), writing (PKCS#8, encrypted with PBES2 by default), PKCS#12 import and
//! export, and the [`Signer`] trait with its software implementation.

mod signer;

pub use signer::{KeyAlgorithm, SignatureAlgorithm, Signer};
