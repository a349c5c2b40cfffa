//! CMS (RFC 5652) / CAdES signatures and RFC 3161 timestamps.
//!
//! - [`sign()`]: CMS SignedData, detached or attached, with the CAdES-BES / baseline B-B signed
//!   attributes (content-type, message-digest, signing-time, signing-certificate-v2), through
//!   any [`crate::Signer`]; [`check_signer`] holds the pre-signing checks.
//! - [`CmsBuilder`]: the same with caller-chosen signed attributes (CAdES, or PAdES without
//!   signing-time), over an external digest (a PDF's `/ByteRange`), or in two steps for tokens
//!   and remote signers ([`PreparedSignature`]).
//! - [`tsp`]: RFC 3161 requests, the [`Timestamper`] trait and its HTTP(S) TSA client, token
//!   verification, and [`tsp::add_timestamps`] for CAdES-T / B-T.
//! - [`verify()`]: every signer checked (digest, signature, ESS binding, timestamp) and its
//!   path validated at the signing time, as a serde [`VerificationReport`]. DER and BER input
//!   (streaming encoders' indefinite lengths) are read; PEM `CMS`/`PKCS7` too.
//! - [`verify_document()`] / [`verdict()`]: the same as a format-independent
//!   [`crate::verdict::DocumentVerdict`] (`kyso.verdict/1` JSON).
//!
//! Not supported: producing multi-signer files (they are verified), counter-signatures,
//! CAdES-LT/LTA (embedded revocation values, archive timestamps), signature policies (EPES),
//! attribute certificates. Ed25519 follows RFC 8419 (SHA-512 digest); OpenSSL reads it from
//! version 3.2 on.

pub mod algorithms;
pub mod builder;
pub(crate) mod core;
pub mod document;
pub use crate::crypto::digest;
pub mod ess;
pub mod oids;
pub mod parse;
pub mod report;
pub mod sign;
pub mod tsp;
pub mod verify;

pub use builder::sign;
pub use builder::{CmsBuilder, PreparedSignature, SignedAttributesProfile};
pub use digest::DigestAlgorithm;
pub use document::{verdict, verify_document};
pub use parse::{ParsedSignedData, parse};
pub use report::{
    Check, CheckStatus, Identity, SignerReport, TimeReport, TimestampReport, VerificationReport,
};
pub use sign::{
    SignOptions, SignatureOutput, SignerProblem, check_certificate, check_signer, decide_signing,
};
pub use tsp::{TimestampResponse, Timestamper, TsaClient};
pub use verify::{VerifyOptions, verify};
