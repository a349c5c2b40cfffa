//! # kyso — digital signatures and certificates for Vietnam's e-government
//!
//! *Ký số*: to sign digitally. kyso makes keys and certificates (including cross-certificates
//! between the public PKI of the Vietnam National Root CA and the specialized government PKI of
//! Ban Cơ yếu Chính phủ), builds and validates certification paths across both trust domains
//! (RFC 5280), and signs and verifies documents (CMS/CAdES).
//!
//! The library never prints and never exits; the `kyso` binary is a thin CLI on top of it.
//!
//! Modules, one concern each:
//! - [`keys`]: key generation, reading and writing (PKCS#8, PKCS#1, SEC1, PKCS#12), the
//!   [`Signer`] trait;
//! - [`certificate`], [`crl`]: parsed certificates and CRLs;
//! - [`issue`]: issuing certificates, cross-certificates, CSRs and CRLs;
//! - [`trust`], [`path`], [`revocation`]: trust anchors, path building and validation;
//! - [`verdict`]: the one report model of signed documents, whatever their format
//!   (`kyso.verdict/1` JSON);
//! - [`cms`]: CMS/CAdES signatures and RFC 3161 timestamps;
//! - [`xml`]: XML reading, canonicalization and XML-DSig verification;
//! - [`batch`]: signing and verifying many files in parallel, one result per file;
//! - [`net`]: the one HTTP client (timestamp servers; later OCSP, CRL and AIA).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(unreachable_pub, missing_debug_implementations, clippy::unwrap_used)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

/// Chainable setters for the public fields of an option struct marked `#[non_exhaustive]`:
/// callers outside kyso cannot write struct literals of it, so they start from `default()` and
/// set what they need (`ValidationOptions::default().with_time(t).with_max_depth(5)`), and
/// kyso can add options without breaking them.
macro_rules! with_setters {
    ($ty:ty { $($field:ident: $fty:ty => $setter:ident),+ $(,)? }) => {
        impl $ty {
            $(
                #[doc = concat!("Set [`", stringify!($field), "`](Self::", stringify!($field), ").")]
                #[must_use]
                pub fn $setter(mut self, value: $fty) -> Self {
                    self.$field = value;
                    self
                }
            )+
        }
    };
}

pub mod batch;
pub(crate) mod ber;
pub mod certificate;
pub mod cms;
pub mod crl;
pub mod crypto;
pub mod demo;
pub mod diag;
pub mod error;
pub mod inspect;
pub mod io;
pub mod issue;
pub mod keys;
pub mod name;
pub mod net;
pub mod path;
pub mod revocation;
pub mod trust;
pub mod verdict;
pub mod vn;
pub mod xml;

/// The crates whose types appear in kyso's public API, re-exported on purpose so that callers
/// name those types with the very versions kyso was built with (no second copy in their
/// dependency tree): [`time`] (validation, signing and validity times),
/// [`x509_parser`] ([`Certificate::x509`]), [`der`] and
/// [`spki`] (object and algorithm identifiers), the RustCrypto
/// [`cms`](external::cms) types (a parsed SignerInfo) and [`x509_tsp`] (a
/// time-stamp request's message imprint). Everything else kyso depends on is an implementation
/// detail and never appears in its API.
pub mod external {
    pub use ::cms;
    pub use ::der;
    pub use ::spki;
    pub use ::time;
    pub use ::x509_parser;
    pub use ::x509_tsp;
}

pub use certificate::Certificate;
pub use crl::Crl;
pub use error::{Error, ErrorKind, Result};
pub use keys::{KeyAlgorithm, SignatureAlgorithm, Signer};
pub use trust::{Anchor, Pool, TrustStore};

/// The README's Rust example is compiled as a doctest, so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
