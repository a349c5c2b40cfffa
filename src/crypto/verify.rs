//! Signature verification by a signer's public key: kyso's one verifier, for certificates
//! (path validation), CRLs ([`crate::revocation`], RFC 5280 §6.3.3 (f)-(g)) and CMS SignerInfos
//! ([`crate::cms::algorithms::verify`] adapts the CMS identifiers).
//!
//! Algorithms (RFC 5280 §4.1.1.2, RFC 3279, RFC 4055, RFC 5758, RFC 8410):
//! - RSA PKCS#1 v1.5 with SHA-256/384/512 (aws-lc-rs, keys of 2048 to 8192 bits; 1024-bit keys
//!   only with `allow_legacy`, through ring), SHA-224 (the `rsa` crate; XML-DSig's rsa-sha224),
//!   SHA-1 only with `allow_legacy`; MD2/MD5 never;
//! - RSA-PSS with any hash of SHA-224/256/384/512 (and SHA-1 when legacy) and any salt length:
//!   aws-lc-rs when the salt is the hash length, else the `rsa` crate (verification only, which
//!   RUSTSEC-2023-0071 does not concern);
//! - ECDSA P-256 / P-384 with SHA-256/384 (ring), SHA-224/512 (and SHA-1 when legacy) through
//!   p256/p384 on the digest;
//! - Ed25519 (ring);
//! - DSA (legacy) with SHA-1, SHA-224 or SHA-256, FIPS 186-4 sizes at most, with domain
//!   parameters inherited from the issuer's issuer when the key omits them (RFC 5280 §6.1.4
//!   (e)-(f), RFC 3279 §2.3.2; PKITS 4.1.5).
//!
//! A refused legacy algorithm is reported as [`SigResult::Unsupported`] with a message starting
//! `legacy signature algorithm NAME` ([`algorithm_name`]).

use crate::diag::{Message, codes::crypto as c};
use aws_lc_rs::signature as aws;
use ring::signature as rs;
use std::sync::OnceLock;
use x509_parser::der_parser::asn1_rs::Tag;
use x509_parser::prelude::*;

const OID_RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const OID_DSA: &str = "1.2.840.10040.4.1";
const OID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const OID_P256: &str = "1.2.840.10045.3.1.7";
const OID_P384: &str = "1.3.132.0.34";

/// The outcome of a signature check.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigResult {
    /// The signature is valid; `legacy` names the legacy algorithm used (SHA-1, DSA, short RSA).
    Valid {
        /// A legacy algorithm name when one was needed.
        legacy: Option<&'static str>,
    },
    /// The signature does not verify.
    Invalid(Message),
    /// The algorithm is unsupported or refused (legacy without `allow_legacy`).
    Unsupported(Message),
    /// The signer's key is a DSA key without domain parameters: they must come from its issuer.
    NeedsInheritedParameters,
}

impl SigResult {
    /// True for [`SigResult::Valid`].
    pub fn is_valid(&self) -> bool {
        matches!(self, SigResult::Valid { .. })
    }
}

/// The RSA schemes verified with a [`ParsedKeys`] entry.
#[derive(Clone, Copy)]
enum RsaScheme {
    Pkcs1Sha256,
    Pkcs1Sha384,
    Pkcs1Sha512,
    PssSha256,
    PssSha384,
    PssSha512,
}

impl RsaScheme {
    const COUNT: usize = 6;

    fn algorithm(self) -> &'static aws::RsaParameters {
        match self {
            RsaScheme::Pkcs1Sha256 => &aws::RSA_PKCS1_2048_8192_SHA256,
            RsaScheme::Pkcs1Sha384 => &aws::RSA_PKCS1_2048_8192_SHA384,
            RsaScheme::Pkcs1Sha512 => &aws::RSA_PKCS1_2048_8192_SHA512,
            RsaScheme::PssSha256 => &aws::RSA_PSS_2048_8192_SHA256,
            RsaScheme::PssSha384 => &aws::RSA_PSS_2048_8192_SHA384,
            RsaScheme::PssSha512 => &aws::RSA_PSS_2048_8192_SHA512,
        }
    }
}

/// One signer's RSA public key, parsed once per scheme and kept for later verifications.
///
/// A [`crate::Certificate`] carries one, so a CA that issued many certificates (or signed many
/// CRLs) has its key parsed once. ring parses an RSA key and computes its Montgomery constants
/// on every verification; an aws-lc-rs `ParsedPublicKey` keeps them (RSA-2048 on the reference
/// machine: about 18.5 µs per verification instead of 25 µs).
#[derive(Default)]
pub struct ParsedKeys {
    /// Per scheme: the key bytes parsed, and the parsed key (or why it is unusable).
    rsa: [OnceLock<(Vec<u8>, ParsedRsa)>; RsaScheme::COUNT],
}

impl std::fmt::Debug for ParsedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parsed = self.rsa.iter().filter(|s| s.get().is_some()).count();
        f.debug_struct("ParsedKeys").field("rsa_schemes_parsed", &parsed).finish()
    }
}

impl ParsedKeys {
    /// Verify an RSA signature over `message` with `key` (the RSAPublicKey DER of the signer's
    /// SubjectPublicKeyInfo), parsing the key for `scheme` on first use. A `key` other than the
    /// one kept is parsed for this call only, so a `ParsedKeys` given with the wrong key costs
    /// time, never a wrong verdict.
    fn verify_rsa(
        &self,
        scheme: RsaScheme,
        key: &[u8],
        message: &[u8],
        signature: &[u8],
        legacy: Option<&'static str>,
    ) -> SigResult {
        let parse = || {
            aws::ParsedPublicKey::new(scheme.algorithm(), key)
                .map_err(|e| Message::new(c::RSA_KEY_UNUSABLE).with("detail", e))
        };
        let (kept, parsed) = self.rsa[scheme as usize].get_or_init(|| (key.to_vec(), parse()));
        let fresh;
        let parsed = if kept == key {
            parsed
        } else {
            fresh = parse();
            &fresh
        };
        match parsed {
            Ok(k) => match k.verify_sig(message, signature) {
                Ok(()) => SigResult::Valid { legacy },
                Err(_) => SigResult::Invalid(Message::new(c::SIGNATURE_MISMATCH)),
            },
            Err(m) => SigResult::Invalid(m.clone()),
        }
    }
}

type ParsedRsa = Result<aws::ParsedPublicKey, Message>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn from_oid(oid: &str) -> Option<Hash> {
        match oid {
            "1.3.14.3.2.26" => Some(Hash::Sha1),
            "2.16.840.1.101.3.4.2.4" => Some(Hash::Sha224),
            "2.16.840.1.101.3.4.2.1" => Some(Hash::Sha256),
            "2.16.840.1.101.3.4.2.2" => Some(Hash::Sha384),
            "2.16.840.1.101.3.4.2.3" => Some(Hash::Sha512),
            _ => None,
        }
    }
    fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Hash::Sha224 => sha2::Sha224::digest(data).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }
    fn len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// Human name of a signature algorithm OID (its RFC name; the dotted OID when unknown).
pub fn algorithm_name(oid: &str) -> &str {
    known_algorithm_name(oid).unwrap_or(oid)
}

/// The RFC name of a signature algorithm OID kyso knows (verifies, refuses or names).
pub fn known_algorithm_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.2.840.10040.4.3" => "dsa-with-sha1",
        "2.16.840.1.101.3.4.3.1" => "dsa-with-sha224",
        "2.16.840.1.101.3.4.3.2" => "dsa-with-sha256",
        "1.3.101.112" => "Ed25519",
        _ => return None,
    })
}

/// Verify `signature` over `tbs` made with `algorithm` by the key `spki`: the one verifier of
/// kyso, for certificates (path validation), CRLs (revocation) and CMS SignerInfos.
///
/// `inherited_dsa_params`: DER content of DSA `Dss-Parms` to use when `spki` is a DSA key
/// without parameters. Legacy algorithms (SHA-1, DSA, RSA keys under 2048 bits) are refused
/// unless `allow_legacy` ([`SigResult::Unsupported`] with the code `crypto-legacy-refused`),
/// and reported in [`SigResult::Valid::legacy`] when used. A legacy algorithm is refused
/// before the key is looked at.
pub fn verify(
    spki: &SubjectPublicKeyInfo<'_>,
    inherited_dsa_params: Option<&[u8]>,
    algorithm: &AlgorithmIdentifier<'_>,
    signature: &[u8],
    tbs: &[u8],
    allow_legacy: bool,
) -> SigResult {
    verify_with(&ParsedKeys::default(), spki, inherited_dsa_params, algorithm, signature, tbs, allow_legacy)
}

/// [`verify()`] with `keys`, the parsed form of `spki` kept from earlier verifications by the same
/// signer (a [`crate::Certificate`]'s [`crate::Certificate::parsed_keys`]). Keys that do not
/// belong to `spki` are not used.
pub fn verify_with(
    keys: &ParsedKeys,
    spki: &SubjectPublicKeyInfo<'_>,
    inherited_dsa_params: Option<&[u8]>,
    algorithm: &AlgorithmIdentifier<'_>,
    signature: &[u8],
    tbs: &[u8],
    allow_legacy: bool,
) -> SigResult {
    let alg = super::oids::dotted(&algorithm.algorithm);
    let key_alg = super::oids::dotted(&spki.algorithm.algorithm);
    let key = &*spki.subject_public_key.data;
    let legacy_refused =
        |what: &str| SigResult::Unsupported(Message::new(c::LEGACY_REFUSED).with("algorithm", what));
    let wrong_key = |kind: &str| {
        SigResult::Invalid(Message::new(c::WRONG_KEY_TYPE).with("kind", kind).with("key_algorithm", &key_alg))
    };
    let check_ring = |alg: &'static dyn rs::VerificationAlgorithm, legacy: Option<&'static str>| {
        match rs::UnparsedPublicKey::new(alg, key).verify(tbs, signature) {
            Ok(()) => SigResult::Valid { legacy },
            Err(_) => SigResult::Invalid(Message::new(c::SIGNATURE_MISMATCH)),
        }
    };
    match &*alg {
        // RSA PKCS#1 v1.5 (RFC 4055 §5, RFC 3279 §2.2.1).
        "1.2.840.113549.1.1.5"
        | "1.3.14.3.2.29"
        | "1.2.840.113549.1.1.11"
        | "1.2.840.113549.1.1.12"
        | "1.2.840.113549.1.1.13"
        | "1.2.840.113549.1.1.14" => {
            let sha1 = matches!(&*alg, "1.2.840.113549.1.1.5" | "1.3.14.3.2.29");
            if sha1 && !allow_legacy {
                return legacy_refused(algorithm_name(&alg));
            }
            if key_alg != OID_RSA_ENCRYPTION {
                return wrong_key("RSA");
            }
            let bits = rsa_key_bits(spki).unwrap_or(0);
            let short = bits < 2048;
            if short && !allow_legacy {
                // ring's regular RSA verifiers want 2048 bits or more; smaller keys are legacy
                // (Circular 15/2025/TT-BKHCN: RSA >= 2048).
                return SigResult::Unsupported(
                    Message::new(c::LEGACY_SHORT_RSA_REFUSED)
                        .with("algorithm", algorithm_name(&alg))
                        .with("bits", bits),
                );
            }
            match &*alg {
                _ if sha1 => check_ring(
                    &rs::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
                    Some("sha1WithRSAEncryption"),
                ),
                // sha224WithRSAEncryption (RFC 4055 §5; XML-DSig rsa-sha224): the `rsa` crate.
                "1.2.840.113549.1.1.14" => rsa_crate_verify(
                    spki,
                    Hash::Sha224,
                    None,
                    signature,
                    tbs,
                    short.then_some("RSA key under 2048 bits"),
                ),
                "1.2.840.113549.1.1.11" if short => check_ring(
                    &rs::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
                    Some("RSA key under 2048 bits"),
                ),
                "1.2.840.113549.1.1.11" => keys.verify_rsa(RsaScheme::Pkcs1Sha256, key, tbs, signature, None),
                "1.2.840.113549.1.1.12" if short => rsa_crate_verify(
                    spki,
                    Hash::Sha384,
                    None,
                    signature,
                    tbs,
                    Some("RSA key under 2048 bits"),
                ),
                "1.2.840.113549.1.1.12" => keys.verify_rsa(RsaScheme::Pkcs1Sha384, key, tbs, signature, None),
                _ if short => check_ring(
                    &rs::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
                    Some("RSA key under 2048 bits"),
                ),
                _ => keys.verify_rsa(RsaScheme::Pkcs1Sha512, key, tbs, signature, None),
            }
        }
        // RSASSA-PSS (RFC 4055 §3.1).
        "1.2.840.113549.1.1.10" => {
            if key_alg != OID_RSA_ENCRYPTION && key_alg != "1.2.840.113549.1.1.10" {
                return wrong_key("RSA-PSS");
            }
            verify_pss(keys, spki, algorithm, signature, tbs, allow_legacy)
        }
        // ECDSA (RFC 5758 §3.2, RFC 3279 §2.2.3).
        "1.2.840.10045.4.1"
        | "1.2.840.10045.4.3.1"
        | "1.2.840.10045.4.3.2"
        | "1.2.840.10045.4.3.3"
        | "1.2.840.10045.4.3.4" => {
            let hash = match &*alg {
                "1.2.840.10045.4.1" => Hash::Sha1,
                "1.2.840.10045.4.3.1" => Hash::Sha224,
                "1.2.840.10045.4.3.2" => Hash::Sha256,
                "1.2.840.10045.4.3.3" => Hash::Sha384,
                _ => Hash::Sha512,
            };
            if hash == Hash::Sha1 && !allow_legacy {
                return legacy_refused(algorithm_name(&alg));
            }
            if key_alg != OID_EC_PUBLIC_KEY {
                return wrong_key("ECDSA");
            }
            // RFC 5758 §3.2: the parameters field MUST be absent.
            if algorithm.parameters.is_some() {
                return SigResult::Invalid(Message::new(c::ECDSA_PARAMETERS_PRESENT));
            }
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| super::oids::dotted(&o))
                .unwrap_or_default();
            let legacy = (hash == Hash::Sha1).then_some("ecdsa-with-SHA1");
            // ring pairs P-256 and P-384 with SHA-256 and SHA-384 only: other hashes go through
            // the RustCrypto curves on the digest (SEC 1 §4.1.4 truncation).
            match (&*curve, hash) {
                (OID_P256, Hash::Sha256) => check_ring(&rs::ECDSA_P256_SHA256_ASN1, None),
                (OID_P256, Hash::Sha384) => check_ring(&rs::ECDSA_P256_SHA384_ASN1, None),
                (OID_P384, Hash::Sha256) => check_ring(&rs::ECDSA_P384_SHA256_ASN1, None),
                (OID_P384, Hash::Sha384) => check_ring(&rs::ECDSA_P384_SHA384_ASN1, None),
                (OID_P256, h) => ecdsa_prehash_p256(key, &h.digest(tbs), signature, legacy),
                (OID_P384, h) => ecdsa_prehash_p384(key, &h.digest(tbs), signature, legacy),
                (c, _) => SigResult::Unsupported(Message::new(c::CURVE_UNSUPPORTED).with("curve", c)),
            }
        }
        // Ed25519 (RFC 8410 §3: parameters absent).
        "1.3.101.112" => {
            if key_alg != "1.3.101.112" {
                return wrong_key("Ed25519");
            }
            check_ring(&rs::ED25519, None)
        }
        // DSA (RFC 3279 §2.2.2, RFC 5758 §3.1).
        "1.2.840.10040.4.3" | "2.16.840.1.101.3.4.3.1" | "2.16.840.1.101.3.4.3.2" => {
            if !allow_legacy {
                return legacy_refused(algorithm_name(&alg));
            }
            if key_alg != OID_DSA {
                return wrong_key("DSA");
            }
            let hash = match &*alg {
                "1.2.840.10040.4.3" => Hash::Sha1,
                "2.16.840.1.101.3.4.3.1" => Hash::Sha224,
                _ => Hash::Sha256,
            };
            let params = match spki.algorithm.parameters.as_ref() {
                Some(p) if p.tag() != Tag::Null => p.as_bytes().to_vec(),
                _ => match inherited_dsa_params {
                    Some(p) => p.to_vec(),
                    None => return SigResult::NeedsInheritedParameters,
                },
            };
            verify_dsa(&params, key, hash, signature, tbs)
        }
        other => SigResult::Unsupported(
            Message::new(c::ALGORITHM_UNSUPPORTED).with("algorithm", algorithm_name(other)),
        ),
    }
}

/// The `Dss-Parms` content (p, q, g) of a DSA key, when present (for parameter inheritance).
pub fn dsa_parameters(spki: &SubjectPublicKeyInfo<'_>) -> Option<Vec<u8>> {
    if super::oids::dotted(&spki.algorithm.algorithm) != OID_DSA {
        return None;
    }
    spki.algorithm.parameters.as_ref().filter(|p| p.tag() != Tag::Null).map(|p| p.as_bytes().to_vec())
}

/// True when `spki` is a DSA key that omits its domain parameters.
pub fn is_dsa_without_parameters(spki: &SubjectPublicKeyInfo<'_>) -> bool {
    super::oids::dotted(&spki.algorithm.algorithm) == OID_DSA && dsa_parameters(spki).is_none()
}

/// The RSAPublicKey (RFC 8017 A.1.1) of an rsaEncryption or id-RSASSA-PSS key (x509-parser's
/// `parsed()` knows only the former).
fn rsa_key_parts<'a>(
    spki: &'a SubjectPublicKeyInfo<'_>,
) -> Option<x509_parser::public_key::RSAPublicKey<'a>> {
    x509_parser::public_key::RSAPublicKey::from_der(&spki.subject_public_key.data).ok().map(|(_, k)| k)
}

/// The modulus size in bits of an RSA key (rsaEncryption or id-RSASSA-PSS), `None` when the
/// key is not a well-formed RSAPublicKey.
pub(crate) fn rsa_key_bits(spki: &SubjectPublicKeyInfo<'_>) -> Option<usize> {
    let m = rsa_key_parts(spki)?.modulus;
    let m = &m[m.iter().take_while(|b| **b == 0).count()..];
    let first = *m.first()?;
    Some(m.len() * 8 - first.leading_zeros() as usize)
}

fn rsa_public_key(spki: &SubjectPublicKeyInfo<'_>) -> Result<rsa::RsaPublicKey, SigResult> {
    match rsa_key_parts(spki) {
        Some(k) => rsa::RsaPublicKey::new(
            rsa::BigUint::from_bytes_be(k.modulus),
            rsa::BigUint::from_bytes_be(k.exponent),
        )
        .map_err(|e| SigResult::Invalid(Message::new(c::MALFORMED_RSA_KEY_DETAIL).with("detail", e))),
        None => Err(SigResult::Invalid(Message::new(c::MALFORMED_RSA_KEY))),
    }
}

/// RSA with the `rsa` crate (verification only, which RUSTSEC-2023-0071 does not concern), for
/// what ring does not cover: PKCS#1 v1.5 when `pss_salt` is `None`, else RSASSA-PSS with that
/// salt length.
fn rsa_crate_verify(
    spki: &SubjectPublicKeyInfo<'_>,
    hash: Hash,
    pss_salt: Option<usize>,
    signature: &[u8],
    tbs: &[u8],
    legacy: Option<&'static str>,
) -> SigResult {
    let key = match rsa_public_key(spki) {
        Ok(k) => k,
        Err(e) => return e,
    };
    let digest = hash.digest(tbs);
    macro_rules! with_hash {
        ($h:ty) => {
            match pss_salt {
                Some(salt) => key.verify(rsa::Pss::new_with_salt::<$h>(salt), &digest, signature),
                None => key.verify(rsa::Pkcs1v15Sign::new::<$h>(), &digest, signature),
            }
        };
    }
    let verified = match hash {
        Hash::Sha1 => with_hash!(sha1::Sha1),
        Hash::Sha224 => with_hash!(sha2::Sha224),
        Hash::Sha256 => with_hash!(sha2::Sha256),
        Hash::Sha384 => with_hash!(sha2::Sha384),
        Hash::Sha512 => with_hash!(sha2::Sha512),
    };
    match verified {
        Ok(()) => SigResult::Valid { legacy },
        Err(_) => SigResult::Invalid(Message::new(c::SIGNATURE_MISMATCH)),
    }
}

fn verify_pss(
    keys: &ParsedKeys,
    spki: &SubjectPublicKeyInfo<'_>,
    algorithm: &AlgorithmIdentifier<'_>,
    signature: &[u8],
    tbs: &[u8],
    allow_legacy: bool,
) -> SigResult {
    use x509_parser::signature_algorithm::RsaSsaPssParams;
    let Some(params) = algorithm.parameters.as_ref() else {
        return SigResult::Invalid(Message::new(c::PSS_NO_PARAMETERS));
    };
    let Ok(params) = RsaSsaPssParams::try_from(params) else {
        return SigResult::Invalid(Message::new(c::PSS_MALFORMED_PARAMETERS));
    };
    let hash_oid = params.hash_algorithm_oid().to_id_string();
    let Some(hash) = Hash::from_oid(&hash_oid) else {
        return SigResult::Unsupported(Message::new(c::PSS_HASH_UNSUPPORTED).with("hash", hash_oid));
    };
    match params.mask_gen_algorithm() {
        Ok(mgf)
            if mgf.mgf.to_id_string() == "1.2.840.113549.1.1.8"
                && Hash::from_oid(&mgf.hash.to_id_string()) == Some(hash) => {}
        _ => return SigResult::Unsupported(Message::new(c::PSS_MGF_UNSUPPORTED)),
    }
    if params.trailer_field() != 1 {
        return SigResult::Invalid(Message::new(c::PSS_TRAILER_FIELD));
    }
    if hash == Hash::Sha1 && !allow_legacy {
        return SigResult::Unsupported(
            Message::new(c::LEGACY_REFUSED).with("algorithm", "RSASSA-PSS with SHA-1"),
        );
    }
    let bits = rsa_key_bits(spki).unwrap_or(0);
    if bits < 2048 && !allow_legacy {
        return SigResult::Unsupported(
            Message::new(c::LEGACY_SHORT_RSA_REFUSED).with("algorithm", "RSASSA-PSS").with("bits", bits),
        );
    }
    let legacy = if hash == Hash::Sha1 {
        Some("RSA-PSS with SHA-1")
    } else if bits < 2048 {
        Some("RSA key under 2048 bits")
    } else {
        None
    };
    let salt = params.salt_length() as usize;
    // aws-lc-rs covers the common case (salt length = hash length) fast.
    if salt == hash.len() && bits >= 2048 {
        let scheme = match hash {
            Hash::Sha256 => RsaScheme::PssSha256,
            Hash::Sha384 => RsaScheme::PssSha384,
            Hash::Sha512 => RsaScheme::PssSha512,
            Hash::Sha1 | Hash::Sha224 => {
                return rsa_crate_verify(spki, hash, Some(salt), signature, tbs, legacy);
            }
        };
        return keys.verify_rsa(scheme, &spki.subject_public_key.data, tbs, signature, legacy);
    }
    rsa_crate_verify(spki, hash, Some(salt), signature, tbs, legacy)
}

/// ECDSA over a precomputed digest (SEC 1 §4.1.4, the digest truncated to the curve order) with
/// the RustCrypto curve crate `$curve` (`p256`, `p384`).
/// A digest shorter than the field (SHA-1 on P-384) is taken as the integer it is, i.e. padded
/// with leading zeros (SEC 1 §4.1.4 step 5; the `ecdsa` crate refuses prehashes under half the
/// field size otherwise).
macro_rules! ecdsa_prehash {
    ($name:ident, $curve:ident, $label:literal, $field:literal) => {
        fn $name(key: &[u8], digest: &[u8], sig: &[u8], legacy: Option<&'static str>) -> SigResult {
            use $curve::ecdsa::signature::hazmat::PrehashVerifier;
            let padded;
            let digest = if digest.len() < $field {
                padded = [vec![0u8; $field - digest.len()], digest.to_vec()].concat();
                &padded[..]
            } else {
                digest
            };
            let Ok(vk) = $curve::ecdsa::VerifyingKey::from_sec1_bytes(key) else {
                return SigResult::Invalid(Message::new(c::MALFORMED_EC_KEY).with("curve", $label));
            };
            let Ok(s) = $curve::ecdsa::Signature::from_der(sig) else {
                return SigResult::Invalid(Message::new(c::MALFORMED_ECDSA_SIGNATURE));
            };
            match vk.verify_prehash(digest, &s) {
                Ok(()) => SigResult::Valid { legacy },
                Err(_) => SigResult::Invalid(Message::new(c::SIGNATURE_MISMATCH)),
            }
        }
    };
}
ecdsa_prehash!(ecdsa_prehash_p256, p256, "P-256", 32);
ecdsa_prehash!(ecdsa_prehash_p384, p384, "P-384", 48);

/// DSA (FIPS 186-4) with `params`, the content of a `Dss-Parms` SEQUENCE (p, q, g; RFC 3279
/// §2.3.2), and `key`, the DER INTEGER y of the subjectPublicKey.
fn verify_dsa(params: &[u8], key: &[u8], hash: Hash, signature: &[u8], tbs: &[u8]) -> SigResult {
    use der::asn1::UintRef;
    use der::{Decode, SliceReader};
    use signature::hazmat::PrehashVerifier;
    let decoded = (|| -> der::Result<_> {
        let mut r = SliceReader::new(params)?;
        let (p, q, g) = (UintRef::decode(&mut r)?, UintRef::decode(&mut r)?, UintRef::decode(&mut r)?);
        Ok((p, q, g, UintRef::from_der(key)?))
    })();
    let Ok((p, q, g, y)) = decoded else {
        return SigResult::Invalid(Message::new(c::MALFORMED_DSA_KEY));
    };
    let big = |u: UintRef<'_>| dsa::BigUint::from_bytes_be(u.as_bytes());
    let (p, q) = (big(p), big(q));
    // FIPS 186-4 §4.2: L ≤ 3072, N ≤ 256. Larger values are refused before any arithmetic (a
    // hostile certificate or CRL must not buy unbounded modular exponentiation).
    if p.bits() > 3072 || q.bits() > 256 {
        return SigResult::Unsupported(Message::new(c::DSA_PARAMETERS_TOO_LARGE));
    }
    let Some(vk) = dsa::Components::from_components(p, q, big(g))
        .ok()
        .and_then(|c| dsa::VerifyingKey::from_components(c, big(y)).ok())
    else {
        return SigResult::Invalid(Message::new(c::MALFORMED_DSA_KEY));
    };
    let Ok(sig) = dsa::Signature::try_from(signature) else {
        return SigResult::Invalid(Message::new(c::MALFORMED_DSA_SIGNATURE));
    };
    let name = match hash {
        Hash::Sha1 => "dsa-with-SHA1",
        Hash::Sha224 => "dsa-with-SHA224",
        _ => "dsa-with-SHA256",
    };
    match vk.verify_prehash(&hash.digest(tbs), &sig) {
        Ok(()) => SigResult::Valid { legacy: Some(name) },
        Err(_) => SigResult::Invalid(Message::new(c::SIGNATURE_MISMATCH)),
    }
}

/// Check that a certificate's public key is acceptable (every certificate of the path, the end
/// entity included, as webpki and pyca do): RSA of at least 2048 bits (1024 with
/// `allow_legacy`) and a whole number of bytes; ECDSA on P-256, P-384 or P-521; DSA only with
/// `allow_legacy`. Returns the legacy reason when a legacy key was accepted.
pub fn check_public_key(
    spki: &SubjectPublicKeyInfo<'_>,
    allow_legacy: bool,
) -> Result<Option<&'static str>, Message> {
    let alg = super::oids::dotted(&spki.algorithm.algorithm);
    match &*alg {
        OID_RSA_ENCRYPTION | "1.2.840.113549.1.1.10" => {
            let bits = rsa_key_bits(spki).ok_or(Message::new(c::MALFORMED_RSA_KEY))?;
            if bits % 8 != 0 {
                return Err(Message::new(c::RSA_MODULUS_NOT_BYTES).with("bits", bits));
            }
            if bits < 1024 {
                return Err(Message::new(c::RSA_KEY_TOO_WEAK).with("bits", bits));
            }
            if bits < 2048 {
                return if allow_legacy {
                    Ok(Some("RSA key under 2048 bits"))
                } else {
                    Err(Message::new(c::RSA_KEY_LEGACY_REFUSED).with("bits", bits))
                };
            }
            Ok(None)
        }
        OID_EC_PUBLIC_KEY => {
            let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.as_oid().ok());
            let curve = curve.as_ref().map(super::oids::dotted).unwrap_or_default();
            match &*curve {
                OID_P256 | OID_P384 | "1.3.132.0.35" => Ok(None),
                "" => Err(Message::new(c::EC_NO_NAMED_CURVE)),
                c => Err(Message::new(c::EC_CURVE_NOT_ACCEPTED).with("curve", c)),
            }
        }
        OID_DSA => {
            if allow_legacy {
                Ok(Some("DSA key"))
            } else {
                Err(Message::new(c::DSA_KEY_LEGACY_REFUSED))
            }
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Certificate;
    use rcgen::{CertificateParams, DnType, IsCa, Issuer, KeyPair};

    /// A CA and a leaf signed with `alg`; returns (issuer, leaf).
    fn pair(alg: &'static rcgen::SignatureAlgorithm) -> (Certificate, Certificate) {
        let ca_key = KeyPair::generate_for(alg).unwrap();
        let mut ca = CertificateParams::default();
        ca.distinguished_name.push(DnType::CommonName, "Sig CA");
        ca.is_ca = IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let leaf_key = KeyPair::generate_for(alg).unwrap();
        let mut lp = CertificateParams::default();
        lp.distinguished_name.push(DnType::CommonName, "Sig Leaf");
        let leaf = lp.signed_by(&leaf_key, &Issuer::new(ca, &ca_key)).unwrap();
        (
            Certificate::from_der(ca_cert.der().to_vec()).unwrap(),
            Certificate::from_der(leaf.der().to_vec()).unwrap(),
        )
    }

    fn check(issuer: &Certificate, cert: &Certificate, legacy: bool) -> SigResult {
        let x = cert.x509();
        verify(
            issuer.x509().public_key(),
            None,
            &x.signature_algorithm,
            &x.signature_value.data,
            x.tbs_certificate.as_ref(),
            legacy,
        )
    }

    /// An RSA root signed with `alg` by a new 2048-bit key.
    fn rsa_root(cn: &str, alg: crate::keys::SignatureAlgorithm) -> Certificate {
        use crate::issue::{CertProfile, DistinguishedName, self_sign};
        let key = crate::keys::SoftwareKey::generate(crate::keys::KeyAlgorithm::Rsa { bits: 2048 }).unwrap();
        let profile = CertProfile::root_ca().with_signature_algorithm(alg);
        self_sign(&profile, &DistinguishedName::parse(&format!("CN={cn}")).unwrap(), &key).unwrap()
    }

    fn check_with(keys: &ParsedKeys, signer: &Certificate, cert: &Certificate) -> SigResult {
        let x = cert.x509();
        verify_with(
            keys,
            signer.x509().public_key(),
            None,
            &x.signature_algorithm,
            &x.signature_value.data,
            x.tbs_certificate.as_ref(),
            false,
        )
    }

    /// RSA keys parsed once per certificate: reused for PKCS#1 and PSS, and never used for
    /// another key (a wrong `ParsedKeys` costs time, not a wrong verdict).
    #[test]
    fn parsed_rsa_keys_are_kept_and_bound_to_their_key() {
        use crate::keys::SignatureAlgorithm as S;
        for alg in [S::RsaPkcs1Sha256, S::RsaPssSha256] {
            let a = rsa_root("Parsed A", alg);
            let b = rsa_root("Parsed B", alg);
            for _ in 0..2 {
                assert_eq!(check_with(a.parsed_keys(), &a, &a), SigResult::Valid { legacy: None });
            }
            assert_eq!(check_with(b.parsed_keys(), &b, &b), SigResult::Valid { legacy: None });
            // b's kept key is not used for a's key, in either direction.
            assert_eq!(check_with(b.parsed_keys(), &a, &a), SigResult::Valid { legacy: None });
            assert_eq!(
                check_with(a.parsed_keys(), &b, &a),
                SigResult::Invalid(Message::new(c::SIGNATURE_MISMATCH))
            );
            assert_eq!(check(&b, &a, false), SigResult::Invalid(Message::new(c::SIGNATURE_MISMATCH)));
        }
    }

    #[test]
    fn ecdsa_and_ed25519_verify_and_wrong_key_fails() {
        for alg in [&rcgen::PKCS_ECDSA_P256_SHA256, &rcgen::PKCS_ECDSA_P384_SHA384, &rcgen::PKCS_ED25519] {
            let (ca, leaf) = pair(alg);
            assert_eq!(check(&ca, &leaf, false), SigResult::Valid { legacy: None });
            // The leaf's own key did not sign it.
            assert!(matches!(check(&leaf, &leaf, false), SigResult::Invalid(_)));
            assert_eq!(check_public_key(leaf.x509().public_key(), false), Ok(None));
        }
    }

    /// RSA-PSS with a salt length other than the hash length (OpenSSL's default for signing
    /// is the maximum): verified with the `rsa` crate. Needs openssl (skips without it, fails
    /// under CI).
    #[test]
    fn rsa_pss_with_maximum_salt_length() {
        let have =
            std::process::Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success());
        if !have {
            assert!(std::env::var_os("CI").is_none(), "openssl is required under CI");
            eprintln!("NOTICE: openssl not found; skipping the RSA-PSS test");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| {
            let out =
                std::process::Command::new("openssl").args(args).current_dir(dir.path()).output().unwrap();
            assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        };
        run(&["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "ca.key"]);
        run(&[
            "req",
            "-x509",
            "-new",
            "-key",
            "ca.key",
            "-subj",
            "/CN=PSS CA",
            "-days",
            "30",
            "-sha256",
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:max",
            "-out",
            "ca.pem",
        ]);
        let ca = Certificate::load(dir.path().join("ca.pem")).unwrap();
        // Self-signed: the CA's key verifies its own PSS signature (salt 222 bytes, not 32).
        let r = check(&ca, &ca, false);
        assert_eq!(r, SigResult::Valid { legacy: None });
        // Tampering with the signature breaks it.
        let mut der = ca.der().to_vec();
        let last = der.len() - 1;
        der[last] ^= 1;
        let bad = Certificate::from_der(der).unwrap();
        assert!(matches!(check(&ca, &bad, false), SigResult::Invalid(_)));
    }

    #[test]
    fn legacy_is_refused_without_allow_legacy() {
        // PKITS uses SHA-256 with RSA and DSA with SHA-1; use a DSA certificate when available.
        let shared = std::env::var_os("KYSO_SHARED")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
        let certs = shared.join("conformance/pkits/certs");
        if !certs.is_dir() {
            assert!(std::env::var_os("CI").is_none(), "PKITS data is required under CI");
            eprintln!("NOTICE: PKITS data not found; skipping");
            return;
        }
        let ca = Certificate::load(certs.join("DSACACert.crt")).unwrap();
        let ee = Certificate::load(certs.join("ValidDSASignaturesTest4EE.crt")).unwrap();
        assert!(matches!(check(&ca, &ee, false), SigResult::Unsupported(_)));
        assert_eq!(check(&ca, &ee, true), SigResult::Valid { legacy: Some("dsa-with-SHA1") });
        assert!(check_public_key(ee.x509().public_key(), false).is_err());
        assert_eq!(check_public_key(ee.x509().public_key(), true), Ok(Some("DSA key")));
    }
    fn alg(der: &[u8]) -> AlgorithmIdentifier<'_> {
        AlgorithmIdentifier::from_der(der).expect("algorithm identifier").1
    }

    /// SHA-1 and DSA are refused by name before the key is looked at (the CRL engine reports
    /// "legacy signature algorithm <name>"); MD5 is never accepted.
    #[test]
    fn legacy_algorithms_are_refused_unless_allowed() {
        let key = KeyPair::generate().expect("key");
        let cert = CertificateParams::default().self_signed(&key).expect("cert");
        let cert = Certificate::from_der(cert.der().to_vec()).expect("parse");
        let spki = cert.x509().public_key();
        let legacy = |r: SigResult, name: &str| match r {
            SigResult::Unsupported(m) => {
                assert_eq!(m.code, c::LEGACY_REFUSED);
                assert_eq!(m.params.get("algorithm"), Some(name), "{m}");
            }
            other => panic!("{name}: {other:?}"),
        };
        // sha1WithRSAEncryption, NULL parameters.
        let sha1_rsa =
            [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05, 0x05, 0x00];
        legacy(verify(spki, None, &alg(&sha1_rsa), &[0; 64], b"tbs", false), "sha1WithRSAEncryption");
        // Allowed: it is checked, and this junk signature (by an EC key) fails.
        assert!(matches!(verify(spki, None, &alg(&sha1_rsa), &[0; 64], b"tbs", true), SigResult::Invalid(_)));
        // dsa-with-sha1 without legacy.
        let dsa_sha1 = [0x30, 0x09, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03];
        legacy(verify(spki, None, &alg(&dsa_sha1), &[0; 8], b"tbs", false), "dsa-with-sha1");
        // With legacy allowed, a non-DSA key cannot verify a DSA signature.
        assert!(matches!(verify(spki, None, &alg(&dsa_sha1), &[0; 8], b"tbs", true), SigResult::Invalid(_)));
        // md5WithRSAEncryption: never.
        let md5_rsa =
            [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04, 0x05, 0x00];
        assert!(matches!(
            verify(spki, None, &alg(&md5_rsa), &[0; 8], b"tbs", true),
            SigResult::Unsupported(m) if m.code == c::ALGORITHM_UNSUPPORTED
                && m.params.get("algorithm") == Some("md5WithRSAEncryption")
        ));
    }
    /// DSA domain parameters beyond FIPS 186-4 (L > 3072 or N > 256) are refused before any
    /// arithmetic; malformed ones are invalid.
    #[test]
    fn oversized_or_malformed_dsa_parameters_are_refused() {
        // A DER INTEGER of `len` content bytes (a positive value of about 8 * len bits).
        fn int(len: usize) -> Vec<u8> {
            let mut v = match len {
                0..0x80 => vec![0x02, len as u8],
                0x80..0x100 => vec![0x02, 0x81, len as u8],
                _ => vec![0x02, 0x82, (len >> 8) as u8, len as u8],
            };
            v.push(0x7f);
            v.resize(v.len() + len - 1, 0x11);
            v
        }
        let small = [0x02, 0x01, 0x03];
        let y = int(300);
        let big_p = [int(385), small.to_vec(), small.to_vec()].concat();
        assert_eq!(
            verify_dsa(&big_p, &y, Hash::Sha256, &[0x30, 0x00], b"tbs"),
            SigResult::Unsupported(Message::new(c::DSA_PARAMETERS_TOO_LARGE))
        );
        let big_q = [int(300), int(33), small.to_vec()].concat();
        assert!(matches!(verify_dsa(&big_q, &y, Hash::Sha256, &[], b"tbs"), SigResult::Unsupported(_)));
        assert!(matches!(verify_dsa(&[0x02, 0x05, 1], &y, Hash::Sha1, &[], b"tbs"), SigResult::Invalid(_)));
        assert_eq!(known_algorithm_name("2.16.840.1.101.3.4.3.1"), Some("dsa-with-sha224"));
        assert_eq!(algorithm_name("1.2.3.4"), "1.2.3.4");
    }
}
