//! The minimal signing interface. Everything in kyso that signs (certificates, CRLs, CMS
//! signatures, timestamp requests) goes through [`Signer`], so a software key, a PKCS#11 token or a
//! remote signing service can be used without touching callers.

use crate::certificate::Certificate;
use crate::error::Result;

/// The kind and size of a key pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSA with a modulus of `bits` bits.
    Rsa {
        /// Modulus size in bits.
        bits: usize,
    },
    /// ECDSA on NIST P-256 (secp256r1).
    EcP256,
    /// ECDSA on NIST P-384 (secp384r1).
    EcP384,
    /// Ed25519 (RFC 8032).
    Ed25519,
}

/// A signature algorithm: key type, padding and digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaPkcs1Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RsaPkcs1Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RsaPkcs1Sha512,
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256, salt length 32.
    RsaPssSha256,
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384, salt length 48.
    RsaPssSha384,
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512, salt length 64.
    RsaPssSha512,
    /// ECDSA on P-256 with SHA-256 (DER-encoded signature).
    EcdsaP256Sha256,
    /// ECDSA on P-384 with SHA-384 (DER-encoded signature).
    EcdsaP384Sha384,
    /// Ed25519 (pure).
    Ed25519,
}

impl KeyAlgorithm {
    /// The name as RFCs write it: `rsaEncryption (2048 bits)` (RFC 8017), `P-256`/`P-384`
    /// (RFC 5480, ECDSA keys), `Ed25519` (RFC 8410).
    pub fn rfc_name(self) -> String {
        match self {
            KeyAlgorithm::Rsa { bits } => format!("rsaEncryption ({bits} bits)"),
            KeyAlgorithm::EcP256 => "id-ecPublicKey P-256".to_string(),
            KeyAlgorithm::EcP384 => "id-ecPublicKey P-384".to_string(),
            KeyAlgorithm::Ed25519 => "Ed25519".to_string(),
        }
    }
}

impl SignatureAlgorithm {
    /// The name as RFCs write it: `sha256WithRSAEncryption` (RFC 8017), `RSASSA-PSS with
    /// SHA-256` (RFC 4055), `ecdsa-with-SHA256` (RFC 5758), `Ed25519` (RFC 8410).
    pub fn rfc_name(self) -> &'static str {
        match self {
            SignatureAlgorithm::RsaPkcs1Sha256 => "sha256WithRSAEncryption",
            SignatureAlgorithm::RsaPkcs1Sha384 => "sha384WithRSAEncryption",
            SignatureAlgorithm::RsaPkcs1Sha512 => "sha512WithRSAEncryption",
            SignatureAlgorithm::RsaPssSha256 => "RSASSA-PSS with SHA-256",
            SignatureAlgorithm::RsaPssSha384 => "RSASSA-PSS with SHA-384",
            SignatureAlgorithm::RsaPssSha512 => "RSASSA-PSS with SHA-512",
            SignatureAlgorithm::EcdsaP256Sha256 => "ecdsa-with-SHA256",
            SignatureAlgorithm::EcdsaP384Sha384 => "ecdsa-with-SHA384",
            SignatureAlgorithm::Ed25519 => "Ed25519",
        }
    }
}

/// Something that can sign: a software key, a token, a remote service.
///
/// `sign` receives the whole message (for CMS, the DER of the signed attributes) and returns the
/// signature value as it goes into X.509 or CMS: PKCS#1/PSS bytes for RSA, a DER
/// `ECDSA-Sig-Value` for ECDSA, 64 raw bytes for Ed25519.
pub trait Signer: Send + Sync {
    /// The key's algorithm and size.
    fn key_algorithm(&self) -> KeyAlgorithm;
    /// The public key as a DER `SubjectPublicKeyInfo`.
    fn public_key_spki(&self) -> &[u8];
    /// The algorithm used when the caller has no preference (RSA: PKCS#1 v1.5 SHA-256; P-256:
    /// ECDSA-SHA256; P-384: ECDSA-SHA384; Ed25519).
    fn default_algorithm(&self) -> SignatureAlgorithm;
    /// Whether this signer can produce `algorithm` signatures.
    fn supports(&self, algorithm: SignatureAlgorithm) -> bool;
    /// Sign `message` with `algorithm`.
    fn sign(&self, algorithm: SignatureAlgorithm, message: &[u8]) -> Result<Vec<u8>>;
    /// The certificate bound to this key, when the signer knows it (a token, a PKCS#12 file).
    fn certificate(&self) -> Option<&Certificate> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithms_are_named_as_rfcs_spell_them() {
        assert_eq!(SignatureAlgorithm::RsaPkcs1Sha256.rfc_name(), "sha256WithRSAEncryption");
        assert_eq!(SignatureAlgorithm::EcdsaP256Sha256.rfc_name(), "ecdsa-with-SHA256");
        assert_eq!(KeyAlgorithm::Rsa { bits: 2048 }.rfc_name(), "rsaEncryption (2048 bits)");
    }
}
