//! Signature algorithm identifiers (RFC 4055 §5 and §3.1 for RSA, RFC 5758 §3.2 for ECDSA,
//! RFC 8410 §3 for Ed25519) and signing through a [`Signer`].

use crate::diag::codes::issue as codes;
use crate::error::{Error, Result};
use crate::keys::{SignatureAlgorithm, Signer};
use der::Encode;
use der::asn1::ObjectIdentifier;
use spki::AlgorithmIdentifierOwned;

const RSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const RSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const RSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// The `AlgorithmIdentifier` of `alg` as it goes into `signature`/`signatureAlgorithm`.
/// RSA PKCS#1 v1.5 carries NULL parameters (RFC 4055 §5); ECDSA and Ed25519 carry none (RFC
/// 5758 §3.2, RFC 8410 §3); PSS carries RSASSA-PSS-params with the hash, MGF1 with the same hash,
/// and a salt as long as the hash (RFC 4055 §3.1).
pub(crate) fn algorithm_identifier(alg: SignatureAlgorithm) -> Result<AlgorithmIdentifierOwned> {
    let null = || Some(der::asn1::Any::from(der::asn1::Null));
    let pss = |params: pkcs1::RsaPssParams<'_>| -> Result<AlgorithmIdentifierOwned> {
        let any = der::asn1::Any::encode_from(&params).map_err(|e| {
            Error::crypto(crate::ber::der_detail(codes::ENCODE_FAILED, e)).with("what", "RSASSA-PSS-params")
        })?;
        Ok(AlgorithmIdentifierOwned { oid: RSA_PSS, parameters: Some(any) })
    };
    Ok(match alg {
        SignatureAlgorithm::RsaPkcs1Sha256 => {
            AlgorithmIdentifierOwned { oid: RSA_SHA256, parameters: null() }
        }
        SignatureAlgorithm::RsaPkcs1Sha384 => {
            AlgorithmIdentifierOwned { oid: RSA_SHA384, parameters: null() }
        }
        SignatureAlgorithm::RsaPkcs1Sha512 => {
            AlgorithmIdentifierOwned { oid: RSA_SHA512, parameters: null() }
        }
        SignatureAlgorithm::RsaPssSha256 => pss(pkcs1::RsaPssParams::new::<sha2::Sha256>(32))?,
        SignatureAlgorithm::RsaPssSha384 => pss(pkcs1::RsaPssParams::new::<sha2::Sha384>(48))?,
        SignatureAlgorithm::RsaPssSha512 => pss(pkcs1::RsaPssParams::new::<sha2::Sha512>(64))?,
        SignatureAlgorithm::EcdsaP256Sha256 => {
            AlgorithmIdentifierOwned { oid: ECDSA_SHA256, parameters: None }
        }
        SignatureAlgorithm::EcdsaP384Sha384 => {
            AlgorithmIdentifierOwned { oid: ECDSA_SHA384, parameters: None }
        }
        SignatureAlgorithm::Ed25519 => AlgorithmIdentifierOwned { oid: ED25519, parameters: None },
    })
}

/// The algorithm to sign with: `requested` when given (it must be supported by the signer),
/// otherwise the signer's default.
pub(crate) fn choose(
    signer: &dyn Signer,
    requested: Option<SignatureAlgorithm>,
) -> Result<SignatureAlgorithm> {
    match requested {
        None => Ok(signer.default_algorithm()),
        Some(a) if signer.supports(a) => Ok(a),
        Some(a) => Err(Error::unsupported(codes::KEY_CANNOT_SIGN)
            .with("key", signer.key_algorithm().rfc_name())
            .with("algorithm", a.rfc_name())),
    }
}

/// Sign `tbs` (a DER `TBSCertificate`, `TBSCertList` or `CertificationRequestInfo`) and wrap it as
/// `SEQUENCE { tbs, algorithm, BIT STRING signature }` (RFC 5280 §4.1.1, §5.1.1; RFC 2986 §4).
pub(crate) fn sign_and_wrap(
    signer: &dyn Signer,
    alg: SignatureAlgorithm,
    alg_id: &AlgorithmIdentifierOwned,
    tbs: &[u8],
) -> Result<Vec<u8>> {
    let signature = signer.sign(alg, tbs).map_err(|e| e.context(codes::SIGNING))?;
    let outer = Signed {
        tbs: der::asn1::AnyRef::try_from(tbs)
            .map_err(|e| Error::crypto(crate::ber::der_detail(codes::NOT_DER, e)).with("what", "TBS"))?,
        algorithm: alg_id.clone(),
        signature: der::asn1::BitString::from_bytes(&signature).map_err(|e| {
            Error::crypto(crate::ber::der_detail(codes::ENCODE_FAILED, e)).with("what", "signature")
        })?,
    };
    outer.to_der().map_err(|e| {
        Error::crypto(crate::ber::der_detail(codes::ENCODE_FAILED, e)).with("what", "SIGNED{...}")
    })
}

#[derive(der::Sequence)]
struct Signed<'a> {
    tbs: der::asn1::AnyRef<'a>,
    algorithm: AlgorithmIdentifierOwned,
    signature: der::asn1::BitString,
}

/// An adapter that lets rcgen 0.14 sign with any kyso [`Signer`]: implements rcgen's
/// [`rcgen::SigningKey`] and [`rcgen::PublicKeyData`]. rcgen cannot express RSA-PSS, so RSA keys
/// sign with PKCS#1 v1.5 SHA-256; ECDSA P-256/P-384 with SHA-256/SHA-384; Ed25519 as is.
///
/// kyso's own issuing functions do not need rcgen (they keep several OU and exact issuer names,
/// which rcgen's `DistinguishedName` cannot); this adapter is for code that already uses rcgen.
#[allow(missing_debug_implementations)] // a `dyn Signer` and rcgen's algorithm have no Debug
pub struct RcgenSigner<'a> {
    signer: &'a dyn Signer,
    alg: &'static rcgen::SignatureAlgorithm,
    kyso_alg: SignatureAlgorithm,
    public_key: Vec<u8>,
}

impl<'a> RcgenSigner<'a> {
    /// Wrap `signer`. Fails for a key type rcgen cannot describe.
    pub fn new(signer: &'a dyn Signer) -> Result<Self> {
        use crate::keys::KeyAlgorithm;
        let (alg, kyso_alg) = match signer.key_algorithm() {
            KeyAlgorithm::Rsa { .. } => (&rcgen::PKCS_RSA_SHA256, SignatureAlgorithm::RsaPkcs1Sha256),
            KeyAlgorithm::EcP256 => (&rcgen::PKCS_ECDSA_P256_SHA256, SignatureAlgorithm::EcdsaP256Sha256),
            KeyAlgorithm::EcP384 => (&rcgen::PKCS_ECDSA_P384_SHA384, SignatureAlgorithm::EcdsaP384Sha384),
            KeyAlgorithm::Ed25519 => (&rcgen::PKCS_ED25519, SignatureAlgorithm::Ed25519),
        };
        use x509_parser::prelude::FromDer;
        let (_, spki) =
            x509_parser::x509::SubjectPublicKeyInfo::from_der(signer.public_key_spki()).map_err(|e| {
                Error::input(codes::SIGNER_BAD_PUBLIC_KEY)
                    .with_message("detail", crate::ber::x509_error_message(&e))
            })?;
        Ok(RcgenSigner { signer, alg, kyso_alg, public_key: spki.subject_public_key.data.to_vec() })
    }
}

impl rcgen::PublicKeyData for RcgenSigner<'_> {
    fn der_bytes(&self) -> &[u8] {
        &self.public_key
    }
    fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
        self.alg
    }
}

impl rcgen::SigningKey for RcgenSigner<'_> {
    fn sign(&self, msg: &[u8]) -> std::result::Result<Vec<u8>, rcgen::Error> {
        // rcgen's error type carries no message: the signer's error is dropped here.
        self.signer.sign(self.kyso_alg, msg).map_err(|_| rcgen::Error::RemoteKeyError)
    }
}
