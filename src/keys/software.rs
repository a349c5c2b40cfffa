//! [`SoftwareKey`]: a private key held in memory, signing with aws-lc-rs (the library kyso also
//! verifies with).
//!
//! Keys are normalised on the way in: whatever the file format (PKCS#8 v1 or v2, PKCS#1, SEC1),
//! a `SoftwareKey` keeps one canonical unencrypted PKCS#8 v1 encoding (RFC 5208 / RFC 5958) in a
//! zeroizing buffer, the DER `SubjectPublicKeyInfo`, and aws-lc-rs's key pair for signing.

use super::asn1::{
    self, EC_PUBLIC_KEY, ED25519, RSA_ENCRYPTION, RSASSA_PSS, SECP256R1, SECP384R1, encode_spki, oid_name,
};
use super::{KeyAlgorithm, SignatureAlgorithm, Signer};
use crate::certificate::Certificate;
use crate::diag::Hint;
use crate::diag::codes::keys;
use crate::error::{Error, ErrorKind, Result};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::signature::{self as rs, EcdsaKeyPair, Ed25519KeyPair, KeyPair, RsaKeyPair};
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode};
use pkcs8::{AlgorithmIdentifierRef, PrivateKeyInfo};
use spki::ObjectIdentifier;
use zeroize::Zeroizing;

/// RSA modulus sizes [`SoftwareKey::generate`] accepts. Circular 15/2025/TT-BKHCN asks for at
/// least 2048 bits; aws-lc-rs signs with 2048..=8192-bit keys.
pub const RSA_GENERATE_SIZES: [usize; 3] = [2048, 3072, 4096];

enum Inner {
    Rsa(RsaKeyPair),
    P256(EcdsaKeyPair),
    P384(EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

/// A private key in memory: RSA (2048..=8192 bits), ECDSA P-256 / P-384, or Ed25519.
///
/// Signs with aws-lc-rs (constant time; the library kyso verifies with too). The private key
/// bytes live only in zeroizing buffers (and inside aws-lc's key pair). `Debug` never shows
/// private material.
pub struct SoftwareKey {
    algorithm: KeyAlgorithm,
    pkcs8: Zeroizing<Vec<u8>>,
    spki: Vec<u8>,
    inner: Inner,
    certificate: Option<Certificate>,
}

impl std::fmt::Debug for SoftwareKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoftwareKey")
            .field("algorithm", &self.algorithm)
            .field("spki_sha256", &hex::encode(self.spki_sha256()))
            .field("certificate", &self.certificate)
            .finish_non_exhaustive()
    }
}

fn rng_error() -> Error {
    Error::crypto(keys::KEY_RNG_FAILED)
}

impl SoftwareKey {
    /// Generate a new key pair. RSA sizes other than 2048, 3072 and 4096 bits are refused with
    /// [`ErrorKind::Unsupported`]. Every type is generated with aws-lc-rs.
    pub fn generate(algorithm: KeyAlgorithm) -> Result<Self> {
        let rng = SystemRandom::new();
        match algorithm {
            KeyAlgorithm::Rsa { bits } => {
                if !RSA_GENERATE_SIZES.contains(&bits) {
                    return Err(Error::unsupported(keys::KEY_RSA_SIZE_NOT_GENERATED).with("bits", bits));
                }
                use aws_lc_rs::encoding::AsDer;
                use aws_lc_rs::rsa::KeySize;
                let size = match bits {
                    2048 => KeySize::Rsa2048,
                    3072 => KeySize::Rsa3072,
                    _ => KeySize::Rsa4096,
                };
                let pair = RsaKeyPair::generate(size).map_err(|_| {
                    Error::crypto(keys::KEY_GENERATION_FAILED).with("algorithm", "RSA").with("detail", bits)
                })?;
                let doc = pair.as_der().map_err(|_| {
                    Error::crypto(keys::KEY_ENCODING_FAILED).with("algorithm", "RSA").with("detail", "PKCS#8")
                })?;
                let der = Zeroizing::new(doc.as_ref().to_vec());
                Self::from_pkcs8_der(&der)
            }
            KeyAlgorithm::EcP256 | KeyAlgorithm::EcP384 => {
                let alg = if algorithm == KeyAlgorithm::EcP256 {
                    &rs::ECDSA_P256_SHA256_ASN1_SIGNING
                } else {
                    &rs::ECDSA_P384_SHA384_ASN1_SIGNING
                };
                let doc = EcdsaKeyPair::generate_pkcs8(alg, &rng).map_err(|_| rng_error())?;
                let der = Zeroizing::new(doc.as_ref().to_vec());
                Self::from_pkcs8_der(&der)
            }
            KeyAlgorithm::Ed25519 => {
                let mut seed = Zeroizing::new([0u8; 32]);
                rng.fill(&mut seed[..]).map_err(|_| rng_error())?;
                Self::from_ed25519_seed(&seed[..], None)
            }
        }
    }

    /// Read an unencrypted PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` (RFC 5208, RFC 5958) in
    /// DER: rsaEncryption, id-ecPublicKey on P-256 or P-384, or id-Ed25519.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let info = PrivateKeyInfo::from_der(der)
            .map_err(|e| Error::input(crate::ber::der_detail_in(keys::KEY_PKCS8_MALFORMED, e, der)))?;
        let oid = info.algorithm.oid;
        if oid == RSA_ENCRYPTION {
            Self::from_pkcs1_der(info.private_key)
        } else if oid == EC_PUBLIC_KEY {
            let curve = match info.algorithm.parameters {
                Some(p) => Some(
                    p.decode_as::<ObjectIdentifier>()
                        .map_err(|_| Error::unsupported(keys::KEY_EC_EXPLICIT_CURVE))?,
                ),
                None => None,
            };
            Self::from_sec1_der_with_curve(info.private_key, curve)
        } else if oid == ED25519 {
            // RFC 8410 section 7: the private key is an OCTET STRING wrapped in the privateKey
            // OCTET STRING.
            let seed = OctetStringRef::from_der(info.private_key)
                .map_err(|e| Error::input(crate::ber::der_detail(keys::KEY_ED25519_PRIVATE_MALFORMED, e)))?;
            Self::from_ed25519_seed(seed.as_bytes(), info.public_key)
        } else if oid == RSASSA_PSS {
            Err(Error::unsupported(keys::KEY_RSA_PSS_UNSUPPORTED).with_hint(Hint::UsePlainRsaKey))
        } else {
            Err(Error::unsupported(keys::KEY_ALGORITHM_UNSUPPORTED).with("algorithm", oid_name(&oid)))
        }
    }

    /// Read a PKCS#1 `RSAPrivateKey` (RFC 8017 Appendix A.1.2) in DER.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self> {
        let pair = RsaKeyPair::from_der(der).map_err(|e| match e.description_() {
            "TooSmall" => Error::unsupported(keys::KEY_RSA_TOO_SMALL).with_hint(Hint::LargerKey),
            "TooLarge" => Error::unsupported(keys::KEY_RSA_TOO_LARGE),
            "PrivateModulusLenNotMultipleOf512Bits" => Error::unsupported(keys::KEY_RSA_SIZE_NOT_MULTIPLE),
            "VersionNotSupported" => Error::unsupported(keys::KEY_RSA_MULTI_PRIME),
            // A malformed structure: the DER decoder says where.
            "InvalidEncoding" => match pkcs1::RsaPrivateKey::from_der(der) {
                Err(d) => Error::input(crate::ber::der_detail_in(keys::KEY_RSA_PRIVATE_INVALID, d, der)),
                Ok(_) => Error::input(keys::KEY_RSA_PRIVATE_INVALID)
                    .with_message("detail", rejected("InvalidEncoding")),
            },
            other => Error::input(keys::KEY_RSA_PRIVATE_INVALID).with_message("detail", rejected(other)),
        })?;
        let spki = encode_spki(RSA_ENCRYPTION, Some(asn1::null_param()), pair.public_key().as_ref())?;
        let algorithm = asn1::spki_key_algorithm(&spki)?;
        let info = PrivateKeyInfo::new(
            AlgorithmIdentifierRef { oid: RSA_ENCRYPTION, parameters: Some(AnyRef::NULL) },
            der,
        );
        let pkcs8 = Zeroizing::new(info.to_der().map_err(|e| {
            Error::crypto(crate::ber::der_detail(keys::KEY_ENCODING_FAILED, e)).with("algorithm", "RSA")
        })?);
        Ok(SoftwareKey { algorithm, pkcs8, spki, inner: Inner::Rsa(pair), certificate: None })
    }

    /// Read a SEC1 `ECPrivateKey` (RFC 5915) in DER, on P-256 or P-384. The curve comes from the
    /// key's parameters. When the public key is absent it is computed; when present it must match.
    pub fn from_sec1_der(der: &[u8]) -> Result<Self> {
        Self::from_sec1_der_with_curve(der, None)
    }

    fn from_sec1_der_with_curve(der: &[u8], outer_curve: Option<ObjectIdentifier>) -> Result<Self> {
        let ec = sec1::EcPrivateKey::from_der(der)
            .map_err(|e| Error::input(crate::ber::der_detail_in(keys::KEY_EC_PRIVATE_MALFORMED, e, der)))?;
        let inner_curve = ec.parameters.and_then(|p| p.named_curve());
        let curve = match (outer_curve, inner_curve) {
            (Some(a), Some(b)) if a != b => {
                return Err(Error::input(keys::KEY_EC_TWO_CURVES));
            }
            (Some(c), _) | (None, Some(c)) => c,
            // No curve named anywhere: RFC 5915 section 3 fixes the private key's length to the
            // order's, so 32 bytes is P-256 and 48 bytes P-384 (a present public key is checked
            // against it below).
            (None, None) => match ec.private_key.len() {
                32 => SECP256R1,
                48 => SECP384R1,
                _ => return Err(Error::input(keys::KEY_EC_CURVE_NOT_NAMED)),
            },
        };
        let mismatch = || Error::input(keys::KEY_EC_PUBLIC_MISMATCH);
        // The scalar and the public point on curve `$c` (p256, p384), checking a given public key.
        macro_rules! scalar_and_point {
            ($c:ident, $label:literal) => {{
                let sk = $c::SecretKey::from_slice(ec.private_key)
                    .map_err(|_| Error::input(keys::KEY_EC_SCALAR_INVALID).with("curve", $label))?;
                let pk = sk.public_key();
                if ec.public_key.is_some_and(|given| $c::PublicKey::from_sec1_bytes(given).ok() != Some(pk)) {
                    return Err(mismatch());
                }
                (Zeroizing::new(sk.to_bytes().to_vec()), $c::EncodedPoint::from(pk).as_bytes().to_vec())
            }};
        }
        let (algorithm, (scalar, point)) = if curve == SECP256R1 {
            (KeyAlgorithm::EcP256, scalar_and_point!(p256, "P-256"))
        } else if curve == SECP384R1 {
            (KeyAlgorithm::EcP384, scalar_and_point!(p384, "P-384"))
        } else {
            return Err(Error::unsupported(keys::KEY_CURVE_UNSUPPORTED).with("curve", oid_name(&curve)));
        };
        // Re-encode as RFC 5915 ECPrivateKey with the public key and without the (redundant)
        // parameters, inside PKCS#8 (RFC 5915 section 3 / RFC 5208).
        let ec_der = Zeroizing::new(
            sec1::EcPrivateKey { private_key: &scalar, parameters: None, public_key: Some(&point) }
                .to_der()
                .map_err(|e| {
                    Error::crypto(crate::ber::der_detail(keys::KEY_ENCODING_FAILED, e))
                        .with("algorithm", "EC")
                })?,
        );
        let curve_any = AnyRef::from(&curve);
        let info = PrivateKeyInfo::new(
            AlgorithmIdentifierRef { oid: EC_PUBLIC_KEY, parameters: Some(curve_any) },
            &ec_der,
        );
        let pkcs8 = Zeroizing::new(info.to_der().map_err(|e| {
            Error::crypto(crate::ber::der_detail(keys::KEY_ENCODING_FAILED, e)).with("algorithm", "EC")
        })?);
        let ring_alg = if algorithm == KeyAlgorithm::EcP256 {
            &rs::ECDSA_P256_SHA256_ASN1_SIGNING
        } else {
            &rs::ECDSA_P384_SHA384_ASN1_SIGNING
        };
        let pair = EcdsaKeyPair::from_pkcs8(ring_alg, &pkcs8).map_err(|e| {
            Error::input(keys::KEY_EC_PRIVATE_INVALID).with_message("detail", rejected(e.description_()))
        })?;
        let spki = encode_spki(EC_PUBLIC_KEY, Some(asn1::curve_param(curve)?), pair.public_key().as_ref())?;
        let inner = if algorithm == KeyAlgorithm::EcP256 { Inner::P256(pair) } else { Inner::P384(pair) };
        Ok(SoftwareKey { algorithm, pkcs8, spki, inner, certificate: None })
    }

    /// An Ed25519 key from its 32-byte seed (RFC 8032 section 5.1.5). When `public` is given
    /// (PKCS#8 v2), it must match.
    fn from_ed25519_seed(seed: &[u8], public: Option<&[u8]>) -> Result<Self> {
        if seed.len() != 32 {
            return Err(Error::input(keys::KEY_ED25519_SEED_LENGTH).with("length", seed.len()));
        }
        let pair = Ed25519KeyPair::from_seed_unchecked(seed).map_err(|e| {
            Error::input(keys::KEY_ED25519_PRIVATE_INVALID).with_message("detail", rejected(e.description_()))
        })?;
        if let Some(given) = public {
            if given != pair.public_key().as_ref() {
                return Err(Error::input(keys::KEY_ED25519_PUBLIC_MISMATCH));
            }
        }
        let inner_der = Zeroizing::new(OctetStringRef::new(seed).and_then(|o| o.to_der()).map_err(|e| {
            Error::crypto(crate::ber::der_detail(keys::KEY_ENCODING_FAILED, e)).with("algorithm", "Ed25519")
        })?);
        // PKCS#8 v1 (no public key): what OpenSSL writes, and readable by every peer.
        let info = PrivateKeyInfo::new(AlgorithmIdentifierRef { oid: ED25519, parameters: None }, &inner_der);
        let pkcs8 = Zeroizing::new(info.to_der().map_err(|e| {
            Error::crypto(crate::ber::der_detail(keys::KEY_ENCODING_FAILED, e)).with("algorithm", "Ed25519")
        })?);
        let spki = encode_spki(ED25519, None, pair.public_key().as_ref())?;
        Ok(SoftwareKey {
            algorithm: KeyAlgorithm::Ed25519,
            pkcs8,
            spki,
            inner: Inner::Ed25519(pair),
            certificate: None,
        })
    }

    /// Bind `certificate` to this key, so [`Signer::certificate`] returns it. The certificate's
    /// public key must be this key's public key ([`ErrorKind::Input`] otherwise).
    pub fn with_certificate(mut self, certificate: Certificate) -> Result<Self> {
        if !asn1::spki_matches(certificate.x509().public_key().raw, &self.spki) {
            return Err(Error::input(keys::KEY_CERT_MISMATCH));
        }
        self.certificate = Some(certificate);
        Ok(self)
    }

    /// A second, independent copy of this key (and its certificate). aws-lc-rs's key pairs are not
    /// `Clone`; share one key with `Arc<SoftwareKey>` when a copy is not needed.
    pub fn try_clone(&self) -> Result<Self> {
        let mut copy = Self::from_pkcs8_der(&self.pkcs8)?;
        copy.certificate = self.certificate.clone();
        Ok(copy)
    }

    /// Drop the bound certificate, if any.
    pub fn without_certificate(mut self) -> Self {
        self.certificate = None;
        self
    }

    /// The private key as unencrypted PKCS#8 v1 DER (RFC 5208), in a zeroizing buffer.
    pub fn pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        self.pkcs8.clone()
    }

    /// The key's algorithm and size.
    pub fn key_algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    /// The public key as a DER `SubjectPublicKeyInfo` (RFC 5280 section 4.1.2.7).
    pub fn public_key_spki(&self) -> &[u8] {
        &self.spki
    }

    /// SHA-256 of the DER `SubjectPublicKeyInfo`: the key's fingerprint (as
    /// `openssl pkey -pubout -outform der | sha256sum`).
    pub fn spki_sha256(&self) -> [u8; 32] {
        let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &self.spki);
        let mut out = [0u8; 32];
        out.copy_from_slice(d.as_ref());
        out
    }

    /// True when `spki` (DER `SubjectPublicKeyInfo`) is this key's public key.
    pub fn matches_public_key(&self, spki: &[u8]) -> bool {
        asn1::spki_matches(spki, &self.spki)
    }

    /// The signature algorithms this key can produce.
    pub fn signature_algorithms(&self) -> &'static [SignatureAlgorithm] {
        use SignatureAlgorithm::*;
        match self.inner {
            Inner::Rsa(_) => {
                &[RsaPkcs1Sha256, RsaPkcs1Sha384, RsaPkcs1Sha512, RsaPssSha256, RsaPssSha384, RsaPssSha512]
            }
            Inner::P256(_) => &[EcdsaP256Sha256],
            Inner::P384(_) => &[EcdsaP384Sha384],
            Inner::Ed25519(_) => &[Ed25519],
        }
    }
}

impl Signer for SoftwareKey {
    fn key_algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    fn public_key_spki(&self) -> &[u8] {
        &self.spki
    }

    fn default_algorithm(&self) -> SignatureAlgorithm {
        match self.inner {
            Inner::Rsa(_) => SignatureAlgorithm::RsaPkcs1Sha256,
            Inner::P256(_) => SignatureAlgorithm::EcdsaP256Sha256,
            Inner::P384(_) => SignatureAlgorithm::EcdsaP384Sha384,
            Inner::Ed25519(_) => SignatureAlgorithm::Ed25519,
        }
    }

    fn supports(&self, algorithm: SignatureAlgorithm) -> bool {
        self.signature_algorithms().contains(&algorithm)
    }

    fn sign(&self, algorithm: SignatureAlgorithm, message: &[u8]) -> Result<Vec<u8>> {
        use SignatureAlgorithm as S;
        let rng = SystemRandom::new();
        let refuse = || {
            Error::new(ErrorKind::Unsupported, keys::KEY_CANNOT_SIGN)
                .with("key", self.algorithm)
                .with("algorithm", algorithm)
        };
        let failed = || Error::crypto(keys::KEY_SIGNING_FAILED).with("algorithm", algorithm);
        match &self.inner {
            Inner::Rsa(pair) => {
                let encoding: &'static dyn rs::RsaEncoding = match algorithm {
                    S::RsaPkcs1Sha256 => &rs::RSA_PKCS1_SHA256,
                    S::RsaPkcs1Sha384 => &rs::RSA_PKCS1_SHA384,
                    S::RsaPkcs1Sha512 => &rs::RSA_PKCS1_SHA512,
                    // PSS: MGF1 with the same hash, salt length = hash length (RFC 8017 section
                    // 9.1; RFC 4055 section 3.1 parameters).
                    S::RsaPssSha256 => &rs::RSA_PSS_SHA256,
                    S::RsaPssSha384 => &rs::RSA_PSS_SHA384,
                    S::RsaPssSha512 => &rs::RSA_PSS_SHA512,
                    _ => return Err(refuse()),
                };
                let mut sig = vec![0u8; pair.public_modulus_len()];
                pair.sign(encoding, &rng, message, &mut sig).map_err(|_| failed())?;
                Ok(sig)
            }
            Inner::P256(pair) if algorithm == S::EcdsaP256Sha256 => {
                Ok(pair.sign(&rng, message).map_err(|_| failed())?.as_ref().to_vec())
            }
            Inner::P384(pair) if algorithm == S::EcdsaP384Sha384 => {
                Ok(pair.sign(&rng, message).map_err(|_| failed())?.as_ref().to_vec())
            }
            Inner::Ed25519(pair) if algorithm == S::Ed25519 => {
                Ok(pair.try_sign(message).map_err(|_| failed())?.as_ref().to_vec())
            }
            _ => Err(refuse()),
        }
    }

    fn certificate(&self) -> Option<&Certificate> {
        self.certificate.as_ref()
    }
}

/// Why the cryptographic backend rejected a key, in words (its reasons are Rust names such as
/// `InconsistentComponents`, never shown).
fn rejected(reason: &str) -> crate::diag::Message {
    crate::diag::Message::new(match reason {
        "InvalidEncoding" => keys::KEY_REJECTED_ENCODING,
        "InconsistentComponents" => keys::KEY_REJECTED_INCONSISTENT,
        "WrongAlgorithm" => keys::KEY_REJECTED_WRONG_ALGORITHM,
        _ => keys::KEY_REJECTED_OTHER,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    // An independent implementation checks aws-lc-rs's signatures.
    use ring::signature::{self as ring_sig, UnparsedPublicKey};

    fn raw_public(spki: &[u8]) -> Vec<u8> {
        let s = spki::SubjectPublicKeyInfoRef::from_der(spki).unwrap();
        s.subject_public_key.raw_bytes().to_vec()
    }

    fn verify(key: &SoftwareKey, alg: SignatureAlgorithm, msg: &[u8], sig: &[u8]) -> bool {
        use SignatureAlgorithm as S;
        let v: &'static dyn ring_sig::VerificationAlgorithm = match alg {
            S::RsaPkcs1Sha256 => &ring_sig::RSA_PKCS1_2048_8192_SHA256,
            S::RsaPkcs1Sha384 => &ring_sig::RSA_PKCS1_2048_8192_SHA384,
            S::RsaPkcs1Sha512 => &ring_sig::RSA_PKCS1_2048_8192_SHA512,
            S::RsaPssSha256 => &ring_sig::RSA_PSS_2048_8192_SHA256,
            S::RsaPssSha384 => &ring_sig::RSA_PSS_2048_8192_SHA384,
            S::RsaPssSha512 => &ring_sig::RSA_PSS_2048_8192_SHA512,
            S::EcdsaP256Sha256 => &ring_sig::ECDSA_P256_SHA256_ASN1,
            S::EcdsaP384Sha384 => &ring_sig::ECDSA_P384_SHA384_ASN1,
            S::Ed25519 => &ring_sig::ED25519,
        };
        UnparsedPublicKey::new(v, raw_public(key.public_key_spki())).verify(msg, sig).is_ok()
    }

    #[test]
    fn every_type_signs_and_verifies_and_round_trips_pkcs8() {
        for alg in [
            KeyAlgorithm::Rsa { bits: 2048 },
            KeyAlgorithm::EcP256,
            KeyAlgorithm::EcP384,
            KeyAlgorithm::Ed25519,
        ] {
            let key = SoftwareKey::generate(alg).unwrap();
            assert_eq!(key.key_algorithm(), alg);
            for &sa in key.signature_algorithms() {
                assert!(key.supports(sa));
                let sig = key.sign(sa, b"hello kyso").unwrap();
                assert!(verify(&key, sa, b"hello kyso", &sig), "{alg:?} {sa:?}");
                assert!(!verify(&key, sa, b"hello kyso!", &sig), "{alg:?} {sa:?}");
            }
            let again = SoftwareKey::from_pkcs8_der(&key.pkcs8_der()).unwrap();
            assert_eq!(key.try_clone().unwrap().public_key_spki(), key.public_key_spki());
            assert_eq!(again.public_key_spki(), key.public_key_spki());
            assert_eq!(*again.pkcs8_der(), *key.pkcs8_der(), "PKCS#8 encoding is canonical");
        }
    }

    #[test]
    fn wrong_algorithm_is_refused() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        assert!(!key.supports(SignatureAlgorithm::EcdsaP384Sha384));
        let err = key.sign(SignatureAlgorithm::RsaPssSha256, b"x").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
        assert_eq!(key.default_algorithm(), SignatureAlgorithm::EcdsaP256Sha256);
    }

    #[test]
    fn odd_rsa_sizes_are_refused_for_generation() {
        let err = SoftwareKey::generate(KeyAlgorithm::Rsa { bits: 1024 }).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
        assert_eq!(err.code(), keys::KEY_RSA_SIZE_NOT_GENERATED);
        assert_eq!(err.typed_message().params.get("bits"), Some("1024"));
    }

    #[test]
    fn sec1_without_public_key_gets_one() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP384).unwrap();
        let info = PrivateKeyInfo::from_der(&key.pkcs8).unwrap();
        let ec = sec1::EcPrivateKey::from_der(info.private_key).unwrap();
        let bare = sec1::EcPrivateKey {
            private_key: ec.private_key,
            parameters: Some(sec1::EcParameters::NamedCurve(SECP384R1)),
            public_key: None,
        }
        .to_der()
        .unwrap();
        let again = SoftwareKey::from_sec1_der(&bare).unwrap();
        assert_eq!(again.public_key_spki(), key.public_key_spki());
        // A wrong public key is refused.
        let other = SoftwareKey::generate(KeyAlgorithm::EcP384).unwrap();
        let wrong = sec1::EcPrivateKey {
            private_key: ec.private_key,
            parameters: Some(sec1::EcParameters::NamedCurve(SECP384R1)),
            public_key: Some(&raw_public(other.public_key_spki())),
        }
        .to_der()
        .unwrap();
        let err = SoftwareKey::from_sec1_der(&wrong).unwrap_err();
        assert_eq!(err.code(), keys::KEY_EC_PUBLIC_MISMATCH, "{err}");
    }

    #[test]
    fn debug_shows_no_private_material() {
        let key = SoftwareKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let dbg = format!("{key:?}");
        let seed_hex = hex::encode(&key.pkcs8[key.pkcs8.len() - 32..]);
        assert!(!dbg.contains(&seed_hex));
        assert!(dbg.contains("Ed25519"));
    }

    #[test]
    fn rcgen_accepts_the_pkcs8_encoding() {
        // The certs engineer hands `pkcs8_der()` to rcgen: keep that working for every type.
        for alg in [
            KeyAlgorithm::Rsa { bits: 2048 },
            KeyAlgorithm::EcP256,
            KeyAlgorithm::EcP384,
            KeyAlgorithm::Ed25519,
        ] {
            let key = SoftwareKey::generate(alg).unwrap();
            let der = key.pkcs8_der();
            let kp = rcgen::KeyPair::try_from(der.as_slice()).unwrap_or_else(|e| panic!("{alg}: {e}"));
            assert_eq!(kp.public_key_pem(), key.public_key_pem(), "{alg}");
            let cert =
                rcgen::CertificateParams::new(vec!["kyso.test".into()]).unwrap().self_signed(&kp).unwrap();
            let parsed = Certificate::from_der(cert.der().to_vec()).unwrap();
            let key = key.with_certificate(parsed.clone()).unwrap();
            assert_eq!(key.certificate(), Some(&parsed));
        }
    }

    #[test]
    fn with_certificate_refuses_another_key() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let other = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["x.test".into()]).unwrap().self_signed(&other).unwrap();
        let err = key.with_certificate(Certificate::from_der(cert.der().to_vec()).unwrap()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Input);
    }

    #[test]
    fn is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<SoftwareKey>();
    }
}
