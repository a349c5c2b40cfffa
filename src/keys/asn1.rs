//! Object identifiers and small DER helpers shared by the key modules. RustCrypto types stay
//! behind this module and its siblings so a later move to the der 0.8 line is mechanical.

use crate::diag::codes::keys;
use crate::error::{Error, Result};
use der::asn1::BitString;
use der::{Any, Decode, Encode};
use spki::{AlgorithmIdentifierOwned, ObjectIdentifier, SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};

/// rsaEncryption (RFC 8017 Appendix A.1).
pub(crate) const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-RSASSA-PSS (RFC 8017 Appendix A.2.3), used as a key algorithm by `openssl genpkey -algorithm RSA-PSS`.
pub(crate) const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// id-ecPublicKey (RFC 5480 section 2.1.1).
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// secp256r1 / P-256 (RFC 5480 section 2.1.1.1).
pub(crate) const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// secp384r1 / P-384 (RFC 5480 section 2.1.1.1).
pub(crate) const SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// id-Ed25519 (RFC 8410 section 3).
pub(crate) const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// A readable name for key algorithm and curve OIDs kyso does not support, for error messages.
pub(crate) fn oid_name(oid: &ObjectIdentifier) -> String {
    let known = match oid.to_string().as_str() {
        "1.3.132.0.35" => Some("P-521 (secp521r1)"),
        "1.3.132.0.10" => Some("secp256k1"),
        "1.3.36.3.3.2.8.1.1.7" => Some("brainpoolP256r1"),
        "1.3.36.3.3.2.8.1.1.11" => Some("brainpoolP384r1"),
        "1.3.36.3.3.2.8.1.1.13" => Some("brainpoolP512r1"),
        "1.3.101.113" => Some("Ed448"),
        "1.3.101.110" => Some("X25519"),
        "1.3.101.111" => Some("X448"),
        "1.2.840.10040.4.1" => Some("DSA"),
        "1.2.840.113549.1.3.1" => Some("Diffie-Hellman"),
        "1.2.840.10046.2.1" => Some("X9.42 Diffie-Hellman"),
        "1.2.156.10197.1.301" => Some("SM2"),
        "1.2.643.7.1.1.1.1" | "1.2.643.7.1.1.1.2" => Some("GOST R 34.10-2012"),
        _ => None,
    };
    match known {
        Some(name) => format!("{name} ({oid})"),
        None => oid.to_string(),
    }
}

/// Encode a `SubjectPublicKeyInfo` (RFC 5280 section 4.1.2.7).
pub(crate) fn encode_spki(
    algorithm: ObjectIdentifier,
    parameters: Option<Any>,
    key: &[u8],
) -> Result<Vec<u8>> {
    let spki = SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned { oid: algorithm, parameters },
        subject_public_key: BitString::from_bytes(key)
            .map_err(|e| Error::crypto(crate::ber::der_detail(keys::KEY_PUBLIC_ENCODING_FAILED, e)))?,
    };
    spki.to_der().map_err(|e| Error::crypto(crate::ber::der_detail(keys::KEY_PUBLIC_ENCODING_FAILED, e)))
}

/// The ASN.1 NULL, as RSA algorithm parameters (RFC 8017 Appendix A.1).
pub(crate) fn null_param() -> Any {
    Any::null()
}

/// A named-curve OID as EC algorithm parameters (RFC 5480 section 2.1.1).
pub(crate) fn curve_param(curve: ObjectIdentifier) -> Result<Any> {
    Any::encode_from(&curve)
        .map_err(|e| Error::crypto(crate::ber::der_detail(keys::KEY_CURVE_ENCODING_FAILED, e)))
}

/// True when two DER `SubjectPublicKeyInfo`s hold the same public key: byte-equal, or the same
/// algorithm and the same EC point once compressed points are expanded.
pub(crate) fn spki_matches(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    let (Ok(a), Ok(b)) = (SubjectPublicKeyInfoRef::from_der(a), SubjectPublicKeyInfoRef::from_der(b)) else {
        return false;
    };
    if a.algorithm.oid != EC_PUBLIC_KEY || b.algorithm.oid != EC_PUBLIC_KEY {
        return false;
    }
    let curve = |s: &SubjectPublicKeyInfoRef<'_>| {
        s.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
    };
    let (Some(ca), Some(cb)) = (curve(&a), curve(&b)) else {
        return false;
    };
    if ca != cb {
        return false;
    }
    let (Some(pa), Some(pb)) = (a.subject_public_key.as_bytes(), b.subject_public_key.as_bytes()) else {
        return false;
    };
    if ca == SECP256R1 {
        matches!((p256::PublicKey::from_sec1_bytes(pa), p256::PublicKey::from_sec1_bytes(pb)), (Ok(x), Ok(y)) if x == y)
    } else if ca == SECP384R1 {
        matches!((p384::PublicKey::from_sec1_bytes(pa), p384::PublicKey::from_sec1_bytes(pb)), (Ok(x), Ok(y)) if x == y)
    } else {
        false
    }
}

/// The key algorithm and size of a DER `SubjectPublicKeyInfo` (RFC 5280 section 4.1.2.7):
/// rsaEncryption (any size), id-ecPublicKey on P-256 or P-384, id-Ed25519. Other algorithms and
/// curves are [`crate::ErrorKind::Unsupported`].
pub fn spki_key_algorithm(spki: &[u8]) -> Result<crate::keys::KeyAlgorithm> {
    use crate::keys::KeyAlgorithm;
    let info = SubjectPublicKeyInfoRef::from_der(spki)
        .map_err(|e| Error::input(crate::ber::der_detail(keys::KEY_SPKI_MALFORMED, e)))?;
    let oid = info.algorithm.oid;
    let key = info.subject_public_key.as_bytes().ok_or_else(|| Error::input(keys::KEY_PUBLIC_UNUSED_BITS))?;
    if oid == RSA_ENCRYPTION {
        let pk = pkcs1::RsaPublicKey::from_der(key)
            .map_err(|e| Error::input(crate::ber::der_detail(keys::KEY_RSA_PUBLIC_MALFORMED, e)))?;
        let n = pk.modulus.as_bytes();
        let first = n.iter().position(|b| *b != 0).unwrap_or(n.len());
        let n = n.get(first..).unwrap_or_default();
        let bits = n.first().map_or(0, |b| n.len() * 8 - b.leading_zeros() as usize);
        Ok(KeyAlgorithm::Rsa { bits })
    } else if oid == EC_PUBLIC_KEY {
        let curve = info
            .algorithm
            .parameters
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
            .ok_or_else(|| Error::unsupported(keys::KEY_EC_NO_NAMED_CURVE))?;
        if curve == SECP256R1 {
            p256::PublicKey::from_sec1_bytes(key)
                .map_err(|_| Error::input(keys::KEY_EC_POINT_INVALID).with("curve", "P-256"))?;
            Ok(KeyAlgorithm::EcP256)
        } else if curve == SECP384R1 {
            p384::PublicKey::from_sec1_bytes(key)
                .map_err(|_| Error::input(keys::KEY_EC_POINT_INVALID).with("curve", "P-384"))?;
            Ok(KeyAlgorithm::EcP384)
        } else {
            Err(Error::unsupported(keys::KEY_CURVE_UNSUPPORTED).with("curve", oid_name(&curve)))
        }
    } else if oid == ED25519 {
        if key.len() != 32 {
            return Err(Error::input(keys::KEY_ED25519_PUBLIC_MALFORMED));
        }
        Ok(KeyAlgorithm::Ed25519)
    } else {
        Err(Error::unsupported(keys::KEY_PUBLIC_ALGORITHM_UNSUPPORTED).with("algorithm", oid_name(&oid)))
    }
}

/// The key identifier of RFC 5280 section 4.2.1.2 method (1): SHA-1 of the `subjectPublicKey` BIT
/// STRING's value in a DER `SubjectPublicKeyInfo`. Certificates usually carry it as their subject
/// key identifier, so it matches a key to its certificate at a glance.
pub fn key_identifier(spki: &[u8]) -> Result<[u8; 20]> {
    let info = SubjectPublicKeyInfoRef::from_der(spki)
        .map_err(|e| Error::input(crate::ber::der_detail(keys::KEY_SPKI_MALFORMED, e)))?;
    let d =
        ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, info.subject_public_key.raw_bytes());
    let mut out = [0u8; 20];
    out.copy_from_slice(d.as_ref());
    Ok(out)
}
