//! Keys: generation (RSA, ECDSA P-256/P-384, Ed25519), reading (PKCS#8 plain or encrypted,
//! PKCS#1, SEC1; PEM or DER), writing (PKCS#8, encrypted with PBES2 by default), PKCS#12 import and
//! export, and the [`Signer`] trait with its software implementation.
//!
//! - [`SoftwareKey`]: an in-memory key that signs with ring (RSA PKCS#1 v1.5 and PSS, ECDSA
//!   P-256/P-384, Ed25519); key material only in zeroizing buffers.
//! - [`read_private_key`] / [`load_private_key`]: PKCS#8 (plain; PBES2 with PBKDF2 or scrypt and
//!   AES or 3DES; PKCS#12 PBEs), PKCS#1, SEC1, and OpenSSL's traditional encrypted PEM; PEM or DER
//!   detected ([`sniff`], [`is_encrypted`], [`describe_encryption`]).
//! - [`SoftwareKey::to_pkcs8_pem`] / [`SoftwareKey::to_pkcs8_der`]: PKCS#8, encrypted with PBES2
//!   (PBKDF2-HMAC-SHA256, [`DEFAULT_PBKDF2_ITERATIONS`], AES-256-CBC).
//! - [`pkcs12`]: `.p12`/`.pfx` import (OpenSSL 3 defaults, `-legacy`, BER files) and export.
//!
//! Limits: encrypted PKCS#8 has no integrity check of its own (corruption is caught by the key's
//! internal consistency, except for Ed25519 seeds); ring keeps its own copy of the key, which it
//! does not wipe.

mod asn1;
mod pbe;
mod pem;
pub mod pkcs12;
mod read;
mod signer;
mod software;
mod write;

pub use asn1::{key_identifier, spki_key_algorithm};
pub use pbe::{MAX_PBKDF2_ITERATIONS, MAX_SCRYPT_MEMORY, MAX_SCRYPT_WORK};
pub use read::{
    KeyFormat, describe_encryption, is_encrypted, load_private_key, load_public_key, read_private_key,
    read_public_key, sniff,
};
pub use signer::{KeyAlgorithm, SignatureAlgorithm, Signer};
pub use software::{RSA_GENERATE_SIZES, SoftwareKey};
pub use write::{DEFAULT_PBKDF2_ITERATIONS, MIN_PBKDF2_ITERATIONS};

use crate::error::Error;
use std::fmt;

impl fmt::Display for KeyAlgorithm {
    /// `RSA-2048`, `ECDSA P-256`, `ECDSA P-384`, `Ed25519`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyAlgorithm::Rsa { bits } => write!(f, "RSA-{bits}"),
            KeyAlgorithm::EcP256 => f.write_str("ECDSA P-256"),
            KeyAlgorithm::EcP384 => f.write_str("ECDSA P-384"),
            KeyAlgorithm::Ed25519 => f.write_str("Ed25519"),
        }
    }
}

impl std::str::FromStr for KeyAlgorithm {
    type Err = Error;

    /// Parse the CLI spelling: `rsa2048`, `rsa3072`, `rsa4096`, `p256`, `p384`, `ed25519`
    /// (case-insensitive; `rsa-2048`, `ec-p256`, `p-256`, `secp256r1`, `prime256v1` also work).
    fn from_str(s: &str) -> Result<Self, Error> {
        let norm: String = s.to_ascii_lowercase().chars().filter(|c| *c != '-' && *c != '_').collect();
        match norm.as_str() {
            "p256" | "ecp256" | "ecdsap256" | "secp256r1" | "prime256v1" => Ok(KeyAlgorithm::EcP256),
            "p384" | "ecp384" | "ecdsap384" | "secp384r1" => Ok(KeyAlgorithm::EcP384),
            "ed25519" => Ok(KeyAlgorithm::Ed25519),
            _ => match norm.strip_prefix("rsa").map(str::parse::<usize>) {
                Some(Ok(bits)) => Ok(KeyAlgorithm::Rsa { bits }),
                _ => Err(Error::usage(crate::diag::codes::keys::KEY_TYPE_UNKNOWN)
                    .with("value", format_args!("{s:?}"))),
            },
        }
    }
}

impl fmt::Display for SignatureAlgorithm {
    /// A short human name, e.g. `RSA PKCS#1 v1.5 SHA-256`, `RSA-PSS SHA-256`, `ECDSA SHA-256`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureAlgorithm::RsaPkcs1Sha256 => "RSA PKCS#1 v1.5 SHA-256",
            SignatureAlgorithm::RsaPkcs1Sha384 => "RSA PKCS#1 v1.5 SHA-384",
            SignatureAlgorithm::RsaPkcs1Sha512 => "RSA PKCS#1 v1.5 SHA-512",
            SignatureAlgorithm::RsaPssSha256 => "RSA-PSS SHA-256",
            SignatureAlgorithm::RsaPssSha384 => "RSA-PSS SHA-384",
            SignatureAlgorithm::RsaPssSha512 => "RSA-PSS SHA-512",
            SignatureAlgorithm::EcdsaP256Sha256 => "ECDSA P-256 SHA-256",
            SignatureAlgorithm::EcdsaP384Sha384 => "ECDSA P-384 SHA-384",
            SignatureAlgorithm::Ed25519 => "Ed25519",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_algorithm_names_round_trip() {
        for (s, a) in [
            ("rsa2048", KeyAlgorithm::Rsa { bits: 2048 }),
            ("RSA-4096", KeyAlgorithm::Rsa { bits: 4096 }),
            ("p256", KeyAlgorithm::EcP256),
            ("prime256v1", KeyAlgorithm::EcP256),
            ("P-384", KeyAlgorithm::EcP384),
            ("ed25519", KeyAlgorithm::Ed25519),
        ] {
            assert_eq!(s.parse::<KeyAlgorithm>().unwrap(), a);
        }
        assert!("dsa".parse::<KeyAlgorithm>().is_err());
        assert!("rsa".parse::<KeyAlgorithm>().is_err());
        assert_eq!(KeyAlgorithm::Rsa { bits: 3072 }.to_string(), "RSA-3072");
    }

    #[test]
    fn spki_algorithm_is_read_back() {
        for alg in [
            KeyAlgorithm::Rsa { bits: 2048 },
            KeyAlgorithm::EcP256,
            KeyAlgorithm::EcP384,
            KeyAlgorithm::Ed25519,
        ] {
            let key = SoftwareKey::generate(alg).unwrap();
            assert_eq!(spki_key_algorithm(key.public_key_spki()).unwrap(), alg);
        }
        assert!(spki_key_algorithm(b"\x30\x00").is_err());
        // RFC 5280 section 4.2.1.2 method (1): SHA-1 of the BIT STRING value (checked against
        // OpenSSL's subject key identifiers in tests/keys_openssl.rs).
        let key = SoftwareKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let spki = key.public_key_spki();
        let raw = &spki[spki.len() - 32..];
        let expected = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, raw);
        assert_eq!(key_identifier(spki).unwrap().as_slice(), expected.as_ref());
    }
}
