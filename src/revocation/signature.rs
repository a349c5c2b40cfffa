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
const OID_DSA_SHA1: &str = "1.2.840.10040.4.3";
const OID_DSA_SHA224: &str = "2.16.840.1.101.3.4.3.1";
const OID_DSA_SHA256: &str = "2.16.840.1.101.3.4.3.2";
const OID_MD5_RSA: &str = "1.2.840.113549.1.1.4";
const OID_MD2_RSA: &str = "1.2.840.113549.1.1.2";
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
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
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
            if allow_legacy {
                Err(SigError::Unsupported(algorithm_name(&oid).to_string()))
            } else {
                Err(SigError::Legacy(algorithm_name(&oid).to_string()))
            }
        }
        OID_DSA_SHA1 | OID_DSA_SHA224 | OID_DSA_SHA256 => {
            if !allow_legacy {
                return Err(SigError::Legacy(algorithm_name(&oid).to_string()));
            }
            verify_dsa(spki, &oid, signature, tbs, inherited_dsa)
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
