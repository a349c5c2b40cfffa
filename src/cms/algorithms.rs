//! Signature algorithm identifiers for CMS (RFC 3370, RFC 4056, RFC 5754, RFC 5758, RFC 8419)
//! and verification of a signature value with a certificate's public key.

use crate::certificate::Certificate;
use crate::crypto::digest::DigestAlgorithm;
use crate::diag::codes::cms as codes;
use crate::diag::{Hint, Message};
use crate::error::{Error, Result};
use crate::keys::{KeyAlgorithm, SignatureAlgorithm, Signer};
use der::asn1::{Any, ObjectIdentifier};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;

/// rsaEncryption (RFC 3370 §3.2: the usual signatureAlgorithm for PKCS#1 v1.5 in CMS).
pub const OID_RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-RSASSA-PSS (RFC 4056 §2).
pub const OID_RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// id-mgf1 (RFC 8017 appendix B.2.1).
pub const OID_MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");
const OID_SHA1_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
const OID_SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const OID_SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const OID_SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
/// id-ecPublicKey (accepted as a CMS signatureAlgorithm by some producers).
const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_ECDSA_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");
/// ecdsa-with-SHA256 (RFC 5758 §3.2).
pub const OID_ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// ecdsa-with-SHA384 (RFC 5758 §3.2).
pub const OID_ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const OID_ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");
/// id-Ed25519 (RFC 8410 §3, RFC 8419).
pub const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// The digest a signature algorithm hashes with. In CMS the SignerInfo digestAlgorithm is used
/// both for the message digest and for the signed attributes (RFC 5652 §5.4), so it must be the
/// signature's own hash. Ed25519 uses SHA-512 (RFC 8419 §3).
pub fn digest_of(alg: SignatureAlgorithm) -> DigestAlgorithm {
    use SignatureAlgorithm::*;
    match alg {
        RsaPkcs1Sha256 | RsaPssSha256 | EcdsaP256Sha256 => DigestAlgorithm::Sha256,
        RsaPkcs1Sha384 | RsaPssSha384 | EcdsaP384Sha384 => DigestAlgorithm::Sha384,
        RsaPkcs1Sha512 | RsaPssSha512 | Ed25519 => DigestAlgorithm::Sha512,
    }
}

/// Pick the signature algorithm for `signer` given the requested digest and padding.
pub fn choose(
    signer: &dyn Signer,
    digest: Option<DigestAlgorithm>,
    rsa_pss: bool,
) -> Result<SignatureAlgorithm> {
    let alg = choose_for_key(signer.key_algorithm(), digest, rsa_pss)?;
    if !signer.supports(alg) {
        return Err(Error::unsupported(crate::diag::codes::cms::CMS_SIGN_ALGORITHM_UNSUPPORTED)
            .with("algorithm", alg.rfc_name()));
    }
    Ok(alg)
}

/// Pick the signature algorithm for a key of type `key` given the requested digest and padding
/// (RSASSA-PSS: RSA keys only; SHA-1 is refused for new signatures).
pub fn choose_for_key(
    key: KeyAlgorithm,
    digest: Option<DigestAlgorithm>,
    rsa_pss: bool,
) -> Result<SignatureAlgorithm> {
    use SignatureAlgorithm::*;
    let alg = match key {
        KeyAlgorithm::Rsa { .. } => match (digest.unwrap_or(DigestAlgorithm::Sha256), rsa_pss) {
            (DigestAlgorithm::Sha256, false) => RsaPkcs1Sha256,
            (DigestAlgorithm::Sha384, false) => RsaPkcs1Sha384,
            (DigestAlgorithm::Sha512, false) => RsaPkcs1Sha512,
            (DigestAlgorithm::Sha256, true) => RsaPssSha256,
            (DigestAlgorithm::Sha384, true) => RsaPssSha384,
            (DigestAlgorithm::Sha512, true) => RsaPssSha512,
            (DigestAlgorithm::Sha1, _) => {
                return Err(Error::unsupported(codes::CMS_SIGN_SHA1_REFUSED).with_hint(Hint::UseSha2));
            }
        },
        _ if rsa_pss => return Err(Error::usage(codes::CMS_SIGN_PSS_NEEDS_RSA)),
        KeyAlgorithm::EcP256 => EcdsaP256Sha256,
        KeyAlgorithm::EcP384 => EcdsaP384Sha384,
        KeyAlgorithm::Ed25519 => Ed25519,
    };
    if let Some(d) = digest {
        if digest_of(alg) != d {
            return Err(Error::unsupported(codes::CMS_SIGN_DIGEST_MISMATCH)
                .with("key", key_name(key))
                .with("expected", digest_of(alg))
                .with("digest", d)
                .with_hint(Hint::ChooseDigest));
        }
    }
    Ok(alg)
}

fn key_name(k: KeyAlgorithm) -> String {
    match k {
        KeyAlgorithm::Rsa { bits } => format!("RSA-{bits}"),
        KeyAlgorithm::EcP256 => "P-256".into(),
        KeyAlgorithm::EcP384 => "P-384".into(),
        KeyAlgorithm::Ed25519 => "Ed25519".into(),
    }
}

/// The signatureAlgorithm identifier written for `alg`.
pub fn signature_algorithm_identifier(alg: SignatureAlgorithm) -> Result<AlgorithmIdentifierOwned> {
    use SignatureAlgorithm::*;
    let null = || Any::from_der(&[0x05, 0x00]).ok();
    Ok(match alg {
        RsaPkcs1Sha256 | RsaPkcs1Sha384 | RsaPkcs1Sha512 => {
            AlgorithmIdentifierOwned { oid: OID_RSA_ENCRYPTION, parameters: null() }
        }
        RsaPssSha256 | RsaPssSha384 | RsaPssSha512 => {
            let params = match alg {
                RsaPssSha256 => pkcs1::RsaPssParams::new::<sha2::Sha256>(32),
                RsaPssSha384 => pkcs1::RsaPssParams::new::<sha2::Sha384>(48),
                _ => pkcs1::RsaPssParams::new::<sha2::Sha512>(64),
            };
            let enc = |e: der::Error| {
                Error::crypto(crate::ber::der_detail(codes::CMS_ENCODING_FAILED, e))
                    .with("structure", "RSASSA-PSS parameters")
            };
            let der = params.to_der().map_err(enc)?;
            let any = Any::from_der(&der).map_err(enc)?;
            AlgorithmIdentifierOwned { oid: OID_RSASSA_PSS, parameters: Some(any) }
        }
        EcdsaP256Sha256 => AlgorithmIdentifierOwned { oid: OID_ECDSA_SHA256, parameters: None },
        EcdsaP384Sha384 => AlgorithmIdentifierOwned { oid: OID_ECDSA_SHA384, parameters: None },
        Ed25519 => AlgorithmIdentifierOwned { oid: OID_ED25519, parameters: None },
    })
}

/// A short name for a signature algorithm identifier, for reports.
pub fn describe(sig_alg: &AlgorithmIdentifierOwned, digest: DigestAlgorithm) -> String {
    let upper = digest.name().to_ascii_uppercase();
    match sig_alg.oid {
        OID_RSA_ENCRYPTION => format!("{}WithRSAEncryption", digest.name()),
        OID_SHA1_WITH_RSA => "sha1WithRSAEncryption".into(),
        OID_SHA256_WITH_RSA => "sha256WithRSAEncryption".into(),
        OID_SHA384_WITH_RSA => "sha384WithRSAEncryption".into(),
        OID_SHA512_WITH_RSA => "sha512WithRSAEncryption".into(),
        OID_RSASSA_PSS => match pss_params(sig_alg) {
            Ok((h, salt)) => format!("RSASSA-PSS ({}, MGF1, salt {salt})", h.name().to_ascii_uppercase()),
            Err(_) => "RSASSA-PSS (?)".into(),
        },
        OID_ECDSA_SHA256 => "ecdsa-with-SHA256".into(),
        OID_ECDSA_SHA384 => "ecdsa-with-SHA384".into(),
        OID_ECDSA_SHA512 => "ecdsa-with-SHA512".into(),
        OID_ECDSA_SHA1 => "ecdsa-with-SHA1".into(),
        OID_EC_PUBLIC_KEY => format!("ecdsa-with-{upper}"),
        OID_ED25519 => "Ed25519".into(),
        ref other => other.to_string(),
    }
}

/// Decode RSASSA-PSS parameters: (hash, salt length). The MGF must be MGF1 with the same hash.
fn pss_params(sig_alg: &AlgorithmIdentifierOwned) -> std::result::Result<(DigestAlgorithm, usize), Message> {
    let params = sig_alg.parameters.as_ref().ok_or(Message::new(codes::CMS_PSS_NO_PARAMETERS))?;
    let malformed = |e: der::Error| crate::ber::der_detail(codes::CMS_PSS_PARAMS_MALFORMED, e);
    let der = params.to_der().map_err(malformed)?;
    let p = pkcs1::RsaPssParams::from_der(&der).map_err(malformed)?;
    let hash = DigestAlgorithm::from_oid(&p.hash.oid)
        .ok_or_else(|| Message::new(codes::CMS_PSS_HASH_UNSUPPORTED).with("oid", p.hash.oid))?;
    if p.mask_gen.oid != OID_MGF1 {
        return Err(Message::new(codes::CMS_PSS_MGF_UNSUPPORTED).with("oid", p.mask_gen.oid));
    }
    let mgf_hash = p.mask_gen.parameters.as_ref().map(|a| a.oid);
    if mgf_hash != Some(p.hash.oid) {
        return Err(Message::new(codes::CMS_PSS_MGF_HASH_MISMATCH));
    }
    Ok((hash, usize::from(p.salt_len)))
}

/// Verify `signature` over `message` with `cert`'s public key, per the CMS `sig_alg` and the
/// SignerInfo `digest`. Returns the typed reason of the failure on error, or the name of the
/// legacy algorithm used. Legacy algorithms (SHA-1, RSA keys shorter than 2048 bits) are refused
/// unless `allow_legacy` (Circular 15/2025/TT-BKHCN), the rule of the path layer.
///
/// A thin adapter over [`crate::crypto::verify::verify`], the one verifier of kyso: CMS allows
/// rsaEncryption and id-ecPublicKey as a signatureAlgorithm with the hash of the SignerInfo
/// digestAlgorithm (RFC 3370 §3.2, RFC 5753 §2.1.1), which become the combined identifiers here.
/// DSA SignerInfos are not supported.
pub fn verify(
    cert: &Certificate,
    sig_alg: &AlgorithmIdentifierOwned,
    digest: DigestAlgorithm,
    message: &[u8],
    signature: &[u8],
    allow_legacy: bool,
) -> std::result::Result<Option<&'static str>, Message> {
    use crate::crypto::verify::{self as signature, SigResult};
    use x509_parser::prelude::FromDer;
    let spki = cert.x509().public_key();
    let key_oid = spki.algorithm.algorithm.to_id_string();
    let is_rsa_key = key_oid == OID_RSA_ENCRYPTION.to_string() || key_oid == OID_RSASSA_PSS.to_string();
    let null = || Any::from_der(&[0x05, 0x00]).ok();
    let rsa_pkcs1 = |oid: ObjectIdentifier| AlgorithmIdentifierOwned { oid, parameters: null() };
    let bare = |oid: ObjectIdentifier| AlgorithmIdentifierOwned { oid, parameters: None };
    let combined = match (sig_alg.oid, digest) {
        (OID_RSA_ENCRYPTION, DigestAlgorithm::Sha1) | (OID_SHA1_WITH_RSA, _) => rsa_pkcs1(OID_SHA1_WITH_RSA),
        (OID_RSA_ENCRYPTION, DigestAlgorithm::Sha256) | (OID_SHA256_WITH_RSA, _) => {
            rsa_pkcs1(OID_SHA256_WITH_RSA)
        }
        (OID_RSA_ENCRYPTION, DigestAlgorithm::Sha384) | (OID_SHA384_WITH_RSA, _) => {
            rsa_pkcs1(OID_SHA384_WITH_RSA)
        }
        (OID_RSA_ENCRYPTION, DigestAlgorithm::Sha512) | (OID_SHA512_WITH_RSA, _) => {
            rsa_pkcs1(OID_SHA512_WITH_RSA)
        }
        (OID_RSASSA_PSS, _) => {
            // Decoded here too, for the messages CMS reports on bad parameters.
            pss_params(sig_alg)?;
            sig_alg.clone()
        }
        // Some producers write NULL parameters for ECDSA: the identifier is rebuilt without.
        (OID_EC_PUBLIC_KEY, DigestAlgorithm::Sha1) | (OID_ECDSA_SHA1, _) => bare(OID_ECDSA_SHA1),
        (OID_EC_PUBLIC_KEY, DigestAlgorithm::Sha256) | (OID_ECDSA_SHA256, _) => bare(OID_ECDSA_SHA256),
        (OID_EC_PUBLIC_KEY, DigestAlgorithm::Sha384) | (OID_ECDSA_SHA384, _) => bare(OID_ECDSA_SHA384),
        (OID_EC_PUBLIC_KEY, DigestAlgorithm::Sha512) | (OID_ECDSA_SHA512, _) => bare(OID_ECDSA_SHA512),
        (OID_ED25519, _) => bare(OID_ED25519),
        (other, _) => {
            return Err(Message::new(codes::CMS_SIGNATURE_ALGORITHM_UNSUPPORTED).with("oid", other));
        }
    };
    if is_rsa_key {
        // Circular 15/2025/TT-BKHCN: RSA keys of 2048 bits at least, whatever the hash.
        let bits = signature::rsa_key_bits(spki).ok_or(Message::new(codes::CMS_RSA_KEY_MALFORMED))?;
        if bits < 2048 && !allow_legacy {
            return Err(Message::new(codes::CMS_RSA_KEY_TOO_SHORT).with("bits", bits));
        }
    }
    let der = combined.to_der().map_err(|e| crate::ber::der_detail(codes::CMS_ALGORITHM_ENCODING, e))?;
    let (_, alg) = x509_parser::x509::AlgorithmIdentifier::from_der(&der).map_err(|e| {
        Message::new(codes::CMS_ALGORITHM_DECODING).with_message("detail", crate::ber::x509_error_message(&e))
    })?;
    // The shared verifier's reasons are still text: kept as the detail.
    match signature::verify(spki, None, &alg, signature, message, allow_legacy) {
        SigResult::Valid { legacy } => Ok(legacy),
        SigResult::Invalid(m) | SigResult::Unsupported(m) => Err(m),
        SigResult::NeedsInheritedParameters => Err(Message::new(codes::CMS_DSA_NO_PARAMETERS)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::SigningKey;

    fn alg(oid: ObjectIdentifier, null: bool) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned { oid, parameters: null.then(|| Any::from_der(&[0x05, 0x00]).unwrap()) }
    }

    /// The CMS identifiers reach the shared verifier: ecdsa-with-SHA256 with or without NULL
    /// parameters, id-ecPublicKey with the SignerInfo digest; a wrong key type or an unknown
    /// algorithm is a described failure.
    #[test]
    fn cms_identifiers_map_to_the_shared_verifier() {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let der = rcgen::CertificateParams::default().self_signed(&key).unwrap().der().to_vec();
        let cert = Certificate::from_der(der).unwrap();
        let sig = key.sign(b"message").unwrap();
        for a in [alg(OID_ECDSA_SHA256, false), alg(OID_ECDSA_SHA256, true), alg(OID_EC_PUBLIC_KEY, false)] {
            assert_eq!(
                verify(&cert, &a, DigestAlgorithm::Sha256, b"message", &sig, false),
                Ok(None),
                "{}",
                a.oid
            );
        }
        let e = verify(&cert, &alg(OID_ECDSA_SHA256, false), DigestAlgorithm::Sha256, b"other", &sig, false);
        let e = e.unwrap_err();
        assert_eq!(e.code, crate::diag::codes::crypto::SIGNATURE_MISMATCH);
        // id-ecPublicKey takes the SignerInfo's digest: SHA-384 is another signature.
        assert!(
            verify(&cert, &alg(OID_EC_PUBLIC_KEY, false), DigestAlgorithm::Sha384, b"message", &sig, false)
                .is_err()
        );
        let e =
            verify(&cert, &alg(OID_RSA_ENCRYPTION, true), DigestAlgorithm::Sha256, b"message", &sig, false);
        let e = e.unwrap_err();
        assert_eq!(e.code, crate::diag::codes::crypto::WRONG_KEY_TYPE);
        assert_eq!(e.params.get("key_algorithm"), Some("1.2.840.10045.2.1"));
        let dsa = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.2");
        let e = verify(&cert, &alg(dsa, false), DigestAlgorithm::Sha256, b"message", &sig, false);
        let e = e.unwrap_err();
        assert_eq!(e.code, codes::CMS_SIGNATURE_ALGORITHM_UNSUPPORTED);
        assert_eq!(e.params.get("oid"), Some("2.16.840.1.101.3.4.3.2"));
    }
}
