//! CRL signature verification (RFC 5280 §6.3.3 (f), (g)).
//!
//! Modern algorithms (RSA PKCS#1 v1.5 and PSS with SHA-2, ECDSA P-256/P-384, Ed25519) go through
//! ring via x509-parser. SHA-1 and DSA are legacy: refused unless the caller allows them. DSA
//! (FIPS 186, `dsa` crate) supports parameter inheritance (RFC 3279 §2.3.2): when the signer's
//! key has no parameters they come from its issuer's key.
//!
//! Not checked here: the signer's path and status (the [`super::CrlSignerResolver`] does that)
//! and its key usage (see [`super::check_certificate`]).

use der::Decode;
use der::asn1::UintRef;
use sha1::Digest;
use signature::DigestVerifier;
use x509_parser::prelude::{AlgorithmIdentifier, SubjectPublicKeyInfo};

const OID_SHA1_RSA: &str = "1.2.840.113549.1.1.5";
const OID_SHA1_RSA_OIW: &str = "1.3.14.3.2.29";
const OID_ECDSA_SHA1: &str = "1.2.840.10045.4.1";
const OID_ECDSA_SHA224: &str = "1.2.840.10045.4.3.1";
const OID_ECDSA_SHA512: &str = "1.2.840.10045.4.3.4";
const OID_CURVE_P256: &str = "1.2.840.10045.3.1.7";
const OID_CURVE_P384: &str = "1.3.132.0.34";
const OID_EC_KEY: &str = "1.2.840.10045.2.1";
const OID_DSA_SHA1: &str = "1.2.840.10040.4.3";
const OID_DSA_SHA224: &str = "2.16.840.1.101.3.4.3.1";
const OID_DSA_SHA256: &str = "2.16.840.1.101.3.4.3.2";
const OID_MD5_RSA: &str = "1.2.840.113549.1.1.4";
const OID_MD2_RSA: &str = "1.2.840.113549.1.1.2";
const OID_SHA256_RSA: &str = "1.2.840.113549.1.1.11";
const OID_SHA384_RSA: &str = "1.2.840.113549.1.1.12";
const OID_SHA512_RSA: &str = "1.2.840.113549.1.1.13";
const OID_RSASSA_PSS: &str = "1.2.840.113549.1.1.10";
const OID_MGF1: &str = "1.2.840.113549.1.1.8";
const OID_SHA1: &str = "1.3.14.3.2.26";
const OID_SHA256: &str = "2.16.840.1.101.3.4.2.1";
const OID_SHA384: &str = "2.16.840.1.101.3.4.2.2";
const OID_SHA512: &str = "2.16.840.1.101.3.4.2.3";
/// id-dsa (RFC 3279 §2.3.2).
pub(crate) const OID_DSA_KEY: &str = "1.2.840.10040.4.1";

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SigError {
    /// The algorithm is legacy (SHA-1, DSA) and legacy algorithms are not allowed.
    Legacy(String),
    /// The algorithm is not supported.
    Unsupported(String),
    /// DSA key without parameters and none could be inherited.
    MissingDsaParameters,
    /// The signature does not verify.
    Invalid,
}

impl std::fmt::Display for SigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SigError::Legacy(a) => write!(f, "legacy signature algorithm {a} not allowed"),
            SigError::Unsupported(a) => write!(f, "unsupported signature algorithm {a}"),
            SigError::MissingDsaParameters => f.write_str("DSA key without parameters and none to inherit"),
            SigError::Invalid => f.write_str("signature invalid"),
        }
    }
}

/// Human name of a signature algorithm OID.
pub(crate) fn algorithm_name(oid: &str) -> &str {
    match oid {
        OID_SHA1_RSA | OID_SHA1_RSA_OIW => "sha1WithRSAEncryption",
        OID_ECDSA_SHA1 => "ecdsa-with-SHA1",
        OID_DSA_SHA1 => "dsa-with-sha1",
        OID_DSA_SHA224 => "dsa-with-sha224",
        OID_DSA_SHA256 => "dsa-with-sha256",
        OID_MD5_RSA => "md5WithRSAEncryption",
        OID_MD2_RSA => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        OID_ECDSA_SHA224 => "ecdsa-with-SHA224",
        OID_ECDSA_SHA512 => "ecdsa-with-SHA512",
        "1.3.101.112" => "Ed25519",
        other => other,
    }
}

/// Whether the key is a DSA key without domain parameters (they must be inherited).
pub(crate) fn dsa_key_lacks_parameters(spki: &SubjectPublicKeyInfo<'_>) -> bool {
    spki.algorithm.algorithm.to_id_string() == OID_DSA_KEY && dsa_params(&spki.algorithm).is_none()
}

/// DSA domain parameters (RFC 3279 §2.3.2 Dss-Parms) of a key, DER encoded, if present.
pub(crate) fn dsa_params<'a>(alg: &'a AlgorithmIdentifier<'_>) -> Option<&'a [u8]> {
    let p = alg.parameters.as_ref()?;
    // NULL or absent parameters mean "inherit".
    if p.tag() != x509_parser::asn1_rs::Tag::Sequence {
        return None;
    }
    Some(p.data)
}

/// Verify `signature` over `tbs` with `spki`. `inherited_dsa` is the content of the Dss-Parms
/// SEQUENCE to use when a DSA key has none.
pub(crate) fn verify(
    spki: &SubjectPublicKeyInfo<'_>,
    alg: &AlgorithmIdentifier<'_>,
    signature: &[u8],
    tbs: &[u8],
    allow_legacy: bool,
    inherited_dsa: Option<&[u8]>,
) -> Result<(), SigError> {
    let oid = alg.algorithm.to_id_string();
    match oid.as_str() {
        OID_MD5_RSA | OID_MD2_RSA => Err(SigError::Unsupported(algorithm_name(&oid).to_string())),
        OID_ECDSA_SHA1 => {
            if !allow_legacy {
                return Err(SigError::Legacy(algorithm_name(&oid).to_string()));
            }
            verify_ecdsa_prehash(spki, &sha1::Sha1::digest(tbs), signature, &oid)
        }
        // ring pairs P-256 and P-384 with SHA-256 and SHA-384 only: SHA-224 and SHA-512 go
        // through the RustCrypto curves on the digest (SEC 1 §4.1.4 truncation).
        OID_ECDSA_SHA224 => verify_ecdsa_prehash(spki, &sha2::Sha224::digest(tbs), signature, &oid),
        OID_ECDSA_SHA512 => verify_ecdsa_prehash(spki, &sha2::Sha512::digest(tbs), signature, &oid),
        OID_DSA_SHA1 | OID_DSA_SHA224 | OID_DSA_SHA256 => {
            if !allow_legacy {
                return Err(SigError::Legacy(algorithm_name(&oid).to_string()));
            }
            verify_dsa(spki, &oid, signature, tbs, inherited_dsa)
        }
        OID_RSASSA_PSS => verify_pss(spki, alg, signature, tbs, allow_legacy),
        OID_SHA256_RSA | OID_SHA512_RSA | OID_SHA384_RSA | OID_SHA1_RSA | OID_SHA1_RSA_OIW
            if rsa_bits(spki).is_some_and(|b| b < 2048) =>
        {
            // ring's regular RSA verifiers want 2048 bits or more; smaller keys are legacy
            // (Circular 15/2025/TT-BKHCN: RSA >= 2048).
            let bits = rsa_bits(spki).unwrap_or(0);
            if !allow_legacy {
                return Err(SigError::Legacy(format!("{} with a {bits}-bit RSA key", algorithm_name(&oid))));
            }
            use ring::signature as rs;
            let alg: &dyn rs::VerificationAlgorithm = match oid.as_str() {
                OID_SHA256_RSA => &rs::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
                OID_SHA512_RSA => &rs::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
                OID_SHA384_RSA => {
                    return Err(SigError::Unsupported(format!(
                        "sha384WithRSAEncryption with a {bits}-bit key"
                    )));
                }
                _ => &rs::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
            };
            rs::UnparsedPublicKey::new(alg, &spki.subject_public_key.data)
                .verify(tbs, signature)
                .map_err(|_| SigError::Invalid)
        }
        _ => {
            if (oid == OID_SHA1_RSA || oid == OID_SHA1_RSA_OIW) && !allow_legacy {
                return Err(SigError::Legacy(algorithm_name(&oid).to_string()));
            }
            let bits = x509_parser::der_parser::asn1_rs::BitString::new(0, signature);
            match x509_parser::verify::verify_signature(spki, alg, &bits, tbs) {
                Ok(()) => Ok(()),
                Err(x509_parser::error::X509Error::SignatureUnsupportedAlgorithm) => {
                    Err(SigError::Unsupported(algorithm_name(&oid).to_string()))
                }
                Err(_) => Err(SigError::Invalid),
            }
        }
    }
}

/// RSASSA-PSS (RFC 4055 §3.1): ring when the salt is the hash length (its only mode), else the
/// `rsa` crate (verification only, which RUSTSEC-2023-0071 does not concern). MGF1 with the same
/// hash and trailer field 1 are required; SHA-1 is legacy.
fn verify_pss(
    spki: &SubjectPublicKeyInfo<'_>,
    alg: &AlgorithmIdentifier<'_>,
    signature: &[u8],
    tbs: &[u8],
    allow_legacy: bool,
) -> Result<(), SigError> {
    use x509_parser::signature_algorithm::RsaSsaPssParams;
    let unsupported = |why: &str| SigError::Unsupported(format!("RSASSA-PSS ({why})"));
    let params = alg
        .parameters
        .as_ref()
        .and_then(|p| RsaSsaPssParams::try_from(p).ok())
        .ok_or_else(|| unsupported("missing or malformed parameters"))?;
    let hash = params.hash_algorithm_oid().to_id_string();
    let mgf = params.mask_gen_algorithm().map_err(|_| unsupported("malformed mask generation"))?;
    if mgf.mgf.to_id_string() != OID_MGF1 || mgf.hash.to_id_string() != hash || params.trailer_field() != 1 {
        return Err(unsupported("mask generation other than MGF1 with the same hash"));
    }
    let salt = params.salt_length() as usize;
    let hash_len = match hash.as_str() {
        OID_SHA1 => {
            if !allow_legacy {
                return Err(SigError::Legacy("RSASSA-PSS with SHA-1".into()));
            }
            20
        }
        OID_SHA256 => 32,
        OID_SHA384 => 48,
        OID_SHA512 => 64,
        other => return Err(unsupported(&format!("hash {other}"))),
    };
    if salt == hash_len && hash != OID_SHA1 {
        let bits = x509_parser::der_parser::asn1_rs::BitString::new(0, signature);
        return x509_parser::verify::verify_signature(spki, alg, &bits, tbs).map_err(|_| SigError::Invalid);
    }
    use rsa::pkcs1::DecodeRsaPublicKey;
    use signature::Verifier;
    let key =
        rsa::RsaPublicKey::from_pkcs1_der(&spki.subject_public_key.data).map_err(|_| SigError::Invalid)?;
    let sig = rsa::pss::Signature::try_from(signature).map_err(|_| SigError::Invalid)?;
    let ok = match hash.as_str() {
        OID_SHA1 => rsa::pss::VerifyingKey::<sha1::Sha1>::new_with_salt_len(key, salt).verify(tbs, &sig),
        OID_SHA256 => rsa::pss::VerifyingKey::<sha2::Sha256>::new_with_salt_len(key, salt).verify(tbs, &sig),
        OID_SHA384 => rsa::pss::VerifyingKey::<sha2::Sha384>::new_with_salt_len(key, salt).verify(tbs, &sig),
        _ => rsa::pss::VerifyingKey::<sha2::Sha512>::new_with_salt_len(key, salt).verify(tbs, &sig),
    };
    ok.map_err(|_| SigError::Invalid)
}

/// ECDSA over a precomputed digest with a P-256 or P-384 key.
fn verify_ecdsa_prehash(
    spki: &SubjectPublicKeyInfo<'_>,
    digest: &[u8],
    signature: &[u8],
    oid: &str,
) -> Result<(), SigError> {
    use signature::hazmat::PrehashVerifier;
    if spki.algorithm.algorithm.to_id_string() != OID_EC_KEY {
        return Err(SigError::Invalid);
    }
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|o| o.to_id_string())
        .unwrap_or_default();
    let point = &spki.subject_public_key.data;
    match curve.as_str() {
        OID_CURVE_P256 => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| SigError::Invalid)?;
            let sig = p256::ecdsa::Signature::from_der(signature).map_err(|_| SigError::Invalid)?;
            key.verify_prehash(digest, &sig).map_err(|_| SigError::Invalid)
        }
        OID_CURVE_P384 => {
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| SigError::Invalid)?;
            let sig = p384::ecdsa::Signature::from_der(signature).map_err(|_| SigError::Invalid)?;
            key.verify_prehash(digest, &sig).map_err(|_| SigError::Invalid)
        }
        _ => Err(SigError::Unsupported(format!("{} on curve {curve}", algorithm_name(oid)))),
    }
}

/// The modulus size of an RSA key, if it is one.
fn rsa_bits(spki: &SubjectPublicKeyInfo<'_>) -> Option<usize> {
    match spki.parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(k)) => Some(k.key_size()),
        _ => None,
    }
}

#[derive(der::Sequence)]
struct DssParms<'a> {
    p: UintRef<'a>,
    q: UintRef<'a>,
    g: UintRef<'a>,
}

fn verify_dsa(
    spki: &SubjectPublicKeyInfo<'_>,
    oid: &str,
    signature: &[u8],
    tbs: &[u8],
    inherited: Option<&[u8]>,
) -> Result<(), SigError> {
    if spki.algorithm.algorithm.to_id_string() != OID_DSA_KEY {
        return Err(SigError::Invalid);
    }
    let content = dsa_params(&spki.algorithm).or(inherited).ok_or(SigError::MissingDsaParameters)?;
    // `content` is the SEQUENCE's content: re-wrap it to decode with der.
    let mut seq = Vec::with_capacity(content.len() + 6);
    seq.push(0x30);
    let len = content.len();
    if len < 0x80 {
        seq.push(len as u8);
    } else if len <= 0xff {
        seq.extend_from_slice(&[0x81, len as u8]);
    } else if len <= 0xffff {
        seq.extend_from_slice(&[0x82, (len >> 8) as u8, len as u8]);
    } else {
        return Err(SigError::Invalid);
    }
    seq.extend_from_slice(content);
    let params = DssParms::from_der(&seq).map_err(|_| SigError::Invalid)?;
    let y = UintRef::from_der(&spki.subject_public_key.data).map_err(|_| SigError::Invalid)?;
    // FIPS 186-4 §4.2: L ≤ 3072, N ≤ 256. Larger values are refused before any arithmetic (a
    // hostile CRL must not buy unbounded modular exponentiation).
    if params.p.as_bytes().len() > 3072 / 8 || params.q.as_bytes().len() > 256 / 8 {
        return Err(SigError::Unsupported("DSA with parameters beyond FIPS 186-4 sizes".into()));
    }
    let big = |u: UintRef<'_>| dsa::BigUint::from_bytes_be(u.as_bytes());
    let components = dsa::Components::from_components(big(params.p), big(params.q), big(params.g))
        .map_err(|_| SigError::Invalid)?;
    let key = dsa::VerifyingKey::from_components(components, big(y)).map_err(|_| SigError::Invalid)?;
    let sig = dsa::Signature::try_from(signature).map_err(|_| SigError::Invalid)?;
    let ok = match oid {
        OID_DSA_SHA1 => key.verify_digest(sha1::Sha1::new_with_prefix(tbs), &sig),
        OID_DSA_SHA224 => key.verify_digest(sha2::Sha224::new_with_prefix(tbs), &sig),
        _ => key.verify_digest(sha2::Sha256::new_with_prefix(tbs), &sig),
    };
    ok.map_err(|_| SigError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::prelude::FromDer;

    fn alg(der: &[u8]) -> AlgorithmIdentifier<'_> {
        AlgorithmIdentifier::from_der(der).expect("algorithm identifier").1
    }

    #[test]
    fn legacy_algorithms_are_refused_unless_allowed() {
        let key = rcgen::KeyPair::generate().expect("key");
        let params = rcgen::CertificateParams::default();
        let cert = params.self_signed(&key).expect("cert");
        let cert = crate::Certificate::from_der(cert.der().to_vec()).expect("parse");
        let spki = cert.x509().public_key();
        // sha1WithRSAEncryption, NULL parameters.
        let sha1_rsa =
            [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05, 0x05, 0x00];
        assert_eq!(
            verify(spki, &alg(&sha1_rsa), &[0; 64], b"tbs", false, None),
            Err(SigError::Legacy("sha1WithRSAEncryption".into()))
        );
        // Allowed: it is checked, and this junk signature fails.
        assert_eq!(verify(spki, &alg(&sha1_rsa), &[0; 64], b"tbs", true, None), Err(SigError::Invalid));
        // dsa-with-sha1 without legacy.
        let dsa_sha1 = [0x30, 0x09, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03];
        assert!(matches!(
            verify(spki, &alg(&dsa_sha1), &[0; 8], b"tbs", false, None),
            Err(SigError::Legacy(_))
        ));
        // With legacy allowed, a non-DSA key cannot verify a DSA signature.
        assert_eq!(verify(spki, &alg(&dsa_sha1), &[0; 8], b"tbs", true, None), Err(SigError::Invalid));
        // md5WithRSAEncryption: never.
        let md5_rsa =
            [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04, 0x05, 0x00];
        assert!(matches!(
            verify(spki, &alg(&md5_rsa), &[0; 8], b"tbs", true, None),
            Err(SigError::Unsupported(_))
        ));
    }
}
