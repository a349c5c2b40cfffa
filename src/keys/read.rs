//! Reading private keys: PKCS#8 (RFC 5208 / RFC 5958) plain or encrypted (PBES2, RFC 8018),
//! PKCS#1 `RSAPrivateKey` (RFC 8017), SEC1 `ECPrivateKey` (RFC 5915); PEM (RFC 7468) or DER,
//! detected. Other things users give by mistake (certificates, public keys, CSRs, PKCS#12 files)
//! get an error that says what the file holds.

use super::SoftwareKey;
use super::pbe::{check_kdf_cost, wrong_passphrase};
use crate::diag::Hint;
use crate::diag::codes::{input, keys};
use crate::diag::{Code, Message};
use crate::error::{Error, ErrorKind, Result};
use crate::io::{limits, looks_like_pem, read_file_limited};
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Sequence};
use pkcs8::pkcs5::{self, pbes2};
use std::path::Path;
use zeroize::Zeroizing;

/// The encoding of a private key file, as found by [`sniff`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum KeyFormat {
    /// Unencrypted PKCS#8 `PrivateKeyInfo` (PEM `PRIVATE KEY`).
    Pkcs8,
    /// PKCS#8 `EncryptedPrivateKeyInfo` (PEM `ENCRYPTED PRIVATE KEY`).
    EncryptedPkcs8,
    /// PKCS#1 `RSAPrivateKey` (PEM `RSA PRIVATE KEY`, OpenSSL's "traditional" format).
    Pkcs1,
    /// SEC1 `ECPrivateKey` (PEM `EC PRIVATE KEY`).
    Sec1,
    /// PKCS#1 or SEC1 in OpenSSL's "traditional" encrypted PEM (RFC 1421 `Proc-Type: 4,ENCRYPTED`
    /// and `DEK-Info` headers; key derived with MD5, OpenSSL's `EVP_BytesToKey`).
    LegacyEncryptedPem,
}

impl KeyFormat {
    /// A short description: `PKCS#8`, `encrypted PKCS#8`, `PKCS#1 (RSA)`, `SEC1 (EC)`.
    pub fn describe(self) -> &'static str {
        match self {
            KeyFormat::Pkcs8 => "PKCS#8",
            KeyFormat::EncryptedPkcs8 => "encrypted PKCS#8",
            KeyFormat::Pkcs1 => "PKCS#1 (RSA)",
            KeyFormat::Sec1 => "SEC1 (EC)",
            KeyFormat::LegacyEncryptedPem => "legacy encrypted PEM (OpenSSL traditional)",
        }
    }
}

struct Found {
    format: KeyFormat,
    der: Zeroizing<Vec<u8>>,
    /// For [`KeyFormat::LegacyEncryptedPem`]: the PEM label and the `DEK-Info` header.
    legacy: Option<(String, String)>,
}

/// `EncryptedPrivateKeyInfo` with the algorithm left open (RFC 5208 section 6), to recognise the
/// structure even when the scheme is one we cannot decrypt.
#[derive(Sequence)]
struct EncryptedShape<'a> {
    algorithm: spki::AlgorithmIdentifierRef<'a>,
    data: OctetStringRef<'a>,
}

/// The first elements of a PKCS#12 `PFX` (RFC 7292 section 4): version 3, then a ContentInfo.
#[derive(Sequence)]
struct PfxShape<'a> {
    version: u8,
    auth_safe: ContentInfoShape<'a>,
    mac_data: Option<AnyRef<'a>>,
}

#[derive(Sequence)]
struct ContentInfoShape<'a> {
    content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    content: Option<AnyRef<'a>>,
}

fn not_a_key(code: Code) -> Error {
    Error::input(code)
}

fn pem_label_error(label: &str) -> Option<Error> {
    Some(match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
            not_a_key(keys::KEY_FILE_IS_CERTIFICATE)
        }
        "PUBLIC KEY" | "RSA PUBLIC KEY" => not_a_key(keys::KEY_FILE_IS_PUBLIC_KEY),
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => not_a_key(keys::KEY_FILE_IS_CSR),
        "X509 CRL" => not_a_key(keys::KEY_FILE_IS_CRL),
        "PKCS7" | "CMS" => not_a_key(keys::KEY_FILE_IS_CMS),
        "OPENSSH PRIVATE KEY" => {
            Error::unsupported(keys::KEY_OPENSSH_UNSUPPORTED).with_hint(Hint::ConvertToPkcs8)
        }
        "DSA PRIVATE KEY" => Error::unsupported(keys::KEY_DSA_UNSUPPORTED),
        _ => return None,
    })
}

/// Where the private key is in `data` and how it is encoded.
fn locate(data: &[u8]) -> Result<Found> {
    if data.is_empty() {
        return Err(Error::input(input::FILE_EMPTY));
    }
    if looks_like_pem(data) {
        let blocks = super::pem::decode(data)?;
        let mut found: Option<Found> = None;
        let mut first_error = None;
        let mut others = Vec::new();
        for block in blocks {
            let label = block.label;
            let format = match label.as_str() {
                "PRIVATE KEY" => KeyFormat::Pkcs8,
                "ENCRYPTED PRIVATE KEY" => KeyFormat::EncryptedPkcs8,
                "RSA PRIVATE KEY" => KeyFormat::Pkcs1,
                "EC PRIVATE KEY" => KeyFormat::Sec1,
                // `openssl ecparam -genkey` writes the curve before the key.
                "EC PARAMETERS" => continue,
                other => {
                    if first_error.is_none() {
                        first_error = pem_label_error(other);
                    }
                    others.push(other.to_string());
                    continue;
                }
            };
            if found.is_some() {
                return Err(Error::input(keys::KEY_MANY_KEYS));
            }
            let encrypted = block
                .headers
                .iter()
                .any(|(name, value)| name.eq_ignore_ascii_case("Proc-Type") && value.contains("ENCRYPTED"));
            if encrypted {
                let dek = block
                    .headers
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case("DEK-Info"))
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| Error::input(keys::KEY_PEM_NO_DEK_INFO))?;
                found = Some(Found {
                    format: KeyFormat::LegacyEncryptedPem,
                    der: block.der,
                    legacy: Some((label, dek)),
                });
            } else {
                found = Some(Found { format, der: block.der, legacy: None });
            }
        }
        return match (found, first_error) {
            (Some(f), _) => Ok(f),
            (None, Some(e)) => Err(e),
            (None, None) if others.is_empty() => Err(Error::input(keys::KEY_NOT_FOUND_NO_BLOCK)),
            (None, None) => Err(Error::input(keys::KEY_NOT_FOUND).with("labels", others.join(", "))),
        };
    }
    // DER: try each private-key structure, most specific first.
    let format = if pkcs8::PrivateKeyInfo::from_der(data).is_ok() {
        KeyFormat::Pkcs8
    } else if EncryptedShape::from_der(data).is_ok() {
        KeyFormat::EncryptedPkcs8
    } else if pkcs1::RsaPrivateKey::from_der(data).is_ok() {
        KeyFormat::Pkcs1
    } else if sec1::EcPrivateKey::from_der(data).is_ok() {
        KeyFormat::Sec1
    } else {
        return Err(identify_der(data));
    };
    Ok(Found { format, der: Zeroizing::new(data.to_vec()), legacy: None })
}

/// The error for DER that is not a private key: say what it is when we can tell.
fn identify_der(data: &[u8]) -> Error {
    use x509_parser::prelude::FromDer;
    if x509_parser::certificate::X509Certificate::from_der(data).is_ok() {
        return not_a_key(keys::KEY_FILE_IS_CERTIFICATE);
    }
    if spki::SubjectPublicKeyInfoRef::from_der(data).is_ok() {
        return not_a_key(keys::KEY_FILE_IS_PUBLIC_KEY);
    }
    if x509_parser::certification_request::X509CertificationRequest::from_der(data).is_ok() {
        return not_a_key(keys::KEY_FILE_IS_CSR);
    }
    if x509_parser::revocation_list::CertificateRevocationList::from_der(data).is_ok() {
        return not_a_key(keys::KEY_FILE_IS_CRL);
    }
    if let Ok(pfx) = PfxShape::from_der(data) {
        if pfx.version == 3 {
            return Error::input(keys::KEY_FILE_IS_PKCS12).with_hint(Hint::ImportPkcs12);
        }
    }
    if data.first() != Some(&0x30) {
        return Error::input(input::FILE_NOT_PEM_OR_DER);
    }
    Error::input(keys::KEY_UNRECOGNISED_DER)
}

/// Detect how the private key in `data` (PEM or DER) is encoded, without decrypting it. Errors
/// as [`read_private_key`] does when the data holds no private key.
pub fn sniff(data: &[u8]) -> Result<KeyFormat> {
    locate(data).map(|f| f.format)
}

/// True when `data` holds an encrypted private key (so a passphrase is needed). False for
/// anything else, including data that is not a key at all.
pub fn is_encrypted(data: &[u8]) -> bool {
    matches!(sniff(data), Ok(KeyFormat::EncryptedPkcs8 | KeyFormat::LegacyEncryptedPem))
}

/// Decrypt OpenSSL's traditional PEM encryption: `DEK-Info: CIPHER,IV-HEX`, key from
/// `EVP_BytesToKey(MD5, salt = first 8 bytes of the IV, 1 iteration)`. Weak (one MD5), read only.
fn decrypt_legacy_pem(der: &[u8], dek_info: &str, passphrase: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    use aes::cipher::{BlockDecryptMut, KeyIvInit, block_padding::Pkcs7};
    use md5::Digest;
    let (cipher, iv_hex) =
        dek_info.split_once(',').ok_or_else(|| Error::input(keys::KEY_DEK_INFO_MALFORMED))?;
    let iv = hex::decode(iv_hex.trim()).map_err(|_| Error::input(keys::KEY_DEK_INFO_BAD_IV))?;
    let cipher = cipher.trim().to_ascii_uppercase();
    let (key_len, iv_len) = match cipher.as_str() {
        "AES-128-CBC" => (16, 16),
        "AES-192-CBC" => (24, 16),
        "AES-256-CBC" => (32, 16),
        "DES-EDE3-CBC" => (24, 8),
        "DES-CBC" => (8, 8),
        other => {
            return Err(Error::unsupported(keys::KEY_LEGACY_PEM_CIPHER_UNSUPPORTED)
                .with("cipher", other)
                .with_hint(Hint::ReencryptKey));
        }
    };
    if iv.len() != iv_len {
        return Err(Error::input(keys::KEY_DEK_INFO_IV_LENGTH));
    }
    let salt = iv.get(..8).ok_or_else(|| Error::input(keys::KEY_DEK_INFO_IV_LENGTH))?;
    let mut key = Zeroizing::new(Vec::with_capacity(key_len + 16));
    let mut prev = Zeroizing::new(Vec::new());
    while key.len() < key_len {
        let mut h = md5::Md5::new();
        h.update(&*prev);
        h.update(passphrase);
        h.update(salt);
        *prev = h.finalize().to_vec();
        key.extend_from_slice(&prev);
    }
    key.truncate(key_len);
    let bad = |_| Error::crypto(keys::KEY_CIPHER_SETUP_FAILED);
    let out = match cipher.as_str() {
        "AES-128-CBC" => cbc::Decryptor::<aes::Aes128>::new_from_slices(&key, &iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(der),
        "AES-192-CBC" => cbc::Decryptor::<aes::Aes192>::new_from_slices(&key, &iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(der),
        "AES-256-CBC" => cbc::Decryptor::<aes::Aes256>::new_from_slices(&key, &iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(der),
        "DES-EDE3-CBC" => cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(der),
        _ => cbc::Decryptor::<des::Des>::new_from_slices(&key, &iv)
            .map_err(bad)?
            .decrypt_padded_vec_mut::<Pkcs7>(der),
    };
    out.map(Zeroizing::new).map_err(|_| wrong_passphrase())
}

/// Decrypt a DER `EncryptedPrivateKeyInfo` (RFC 5208 section 6, PBES2 of RFC 8018 section 6.2)
/// into DER `PrivateKeyInfo`.
pub(crate) fn decrypt_pkcs8(der: &[u8], passphrase: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let info = match pkcs8::EncryptedPrivateKeyInfo::from_der(der) {
        Ok(info) => info,
        Err(_) => {
            let shape = EncryptedShape::from_der(der).map_err(|e| {
                Error::input(crate::ber::der_detail_in(keys::KEY_ENCRYPTED_MALFORMED, e, der))
            })?;
            // PKCS#12 password-based encryption (RFC 7292 Appendix C) inside PKCS#8, as written by
            // `openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES`, Java and Windows.
            if shape.algorithm.oid.to_string().starts_with("1.2.840.113549.1.12.1.") {
                let alg = der::Encode::to_der(&shape.algorithm)
                    .and_then(|d| spki::AlgorithmIdentifierOwned::from_der(&d))
                    .map_err(|e| Error::input(crate::ber::der_detail(keys::KEY_ENCRYPTED_MALFORMED, e)))?;
                let plain = super::pkcs12::pbe_decrypt(&alg, passphrase, shape.data.as_bytes())?;
                if pkcs8::PrivateKeyInfo::from_der(&plain).is_err() {
                    return Err(wrong_passphrase());
                }
                return Ok(plain);
            }
            return Err(Error::unsupported(keys::KEY_ENCRYPTION_SCHEME_UNSUPPORTED)
                .with("scheme", scheme_name(&shape.algorithm.oid))
                .with_hint(Hint::ReencryptKey));
        }
    };
    match &info.encryption_algorithm {
        pkcs5::EncryptionScheme::Pbes2(params) => check_kdf_cost(&params.kdf)?,
        _ => {
            return Err(Error::unsupported(keys::KEY_PBES1_UNSUPPORTED).with_hint(Hint::ReencryptKey));
        }
    }
    let doc = info.decrypt(passphrase).map_err(|e| match e {
        pkcs8::Error::EncryptedPrivateKey(pkcs5::Error::DecryptFailed) => wrong_passphrase(),
        pkcs8::Error::EncryptedPrivateKey(pkcs5::Error::UnsupportedAlgorithm { oid }) => {
            Error::unsupported(keys::KEY_ENCRYPTION_ALGORITHM_UNSUPPORTED)
                .with("algorithm", scheme_name(&oid))
                .with_hint(Hint::ReencryptKey)
        }
        pkcs8::Error::EncryptedPrivateKey(pkcs5::Error::AlgorithmParametersInvalid { oid }) => {
            Error::input(keys::KEY_ENCRYPTION_PARAMS_MALFORMED).with("algorithm", scheme_name(&oid))
        }
        // A failed padding check (DecryptFailed), or a plaintext that is not DER: both mean a
        // wrong passphrase, or a damaged file.
        _ => wrong_passphrase(),
    })?;
    // A wrong passphrase passes the CBC padding check about once in 256 tries: the result is then
    // not DER. Report it as a wrong passphrase too.
    if pkcs8::PrivateKeyInfo::from_der(doc.as_bytes()).is_err() {
        return Err(wrong_passphrase());
    }
    Ok(Zeroizing::new(doc.as_bytes().to_vec()))
}

fn scheme_name(oid: &ObjectIdentifier) -> String {
    let name = match oid.to_string().as_str() {
        "1.2.840.113549.1.12.1.3" => Some("pbeWithSHAAnd3-KeyTripleDES-CBC (PKCS#12)"),
        "1.2.840.113549.1.12.1.6" => Some("pbeWithSHAAnd40BitRC2-CBC (PKCS#12)"),
        "1.2.840.113549.1.12.1.1" => Some("pbeWithSHAAnd128BitRC4 (PKCS#12)"),
        "1.2.840.113549.3.7" => Some("DES-EDE3-CBC"),
        "1.3.14.3.2.7" => Some("DES-CBC"),
        "1.2.840.113549.2.7" => Some("PBKDF2 with HMAC-SHA1"),
        "1.2.156.10197.1.104.2" => Some("SM4-CBC"),
        _ => None,
    };
    match name {
        Some(n) => format!("{n} ({oid})"),
        None => oid.to_string(),
    }
}

/// How the private key in `data` is encrypted, as a typed message (English:
/// `PBES2 (PBKDF2-HMAC-SHA256, 600000 iterations, AES-256-CBC)`); `None` when it is not an
/// encrypted key. Nothing is decrypted.
pub fn describe_encryption(data: &[u8]) -> Option<Message> {
    let found = locate(data).ok()?;
    if let Some((_, dek)) = &found.legacy {
        let cipher = dek.split(',').next().unwrap_or_default().trim();
        return Some(Message::new(keys::KEY_ENCRYPTION_LEGACY_PEM).with("cipher", cipher));
    }
    if found.format != KeyFormat::EncryptedPkcs8 {
        return None;
    }
    let shape = EncryptedShape::from_der(&found.der).ok()?;
    let Ok(info) = pkcs8::EncryptedPrivateKeyInfo::from_der(&found.der) else {
        return Some(
            Message::new(keys::KEY_ENCRYPTION_SCHEME).with("scheme", scheme_name(&shape.algorithm.oid)),
        );
    };
    let pkcs5::EncryptionScheme::Pbes2(params) = &info.encryption_algorithm else {
        let scheme = format!("PBES1 ({})", info.encryption_algorithm.oid());
        return Some(Message::new(keys::KEY_ENCRYPTION_SCHEME).with("scheme", scheme));
    };
    let unknown = Message::new(keys::KEY_ENCRYPTION_PBES2_UNKNOWN);
    let cipher = match params.encryption {
        pbes2::EncryptionScheme::Aes128Cbc { .. } => "AES-128-CBC",
        pbes2::EncryptionScheme::Aes192Cbc { .. } => "AES-192-CBC",
        pbes2::EncryptionScheme::Aes256Cbc { .. } => "AES-256-CBC",
        pbes2::EncryptionScheme::DesEde3Cbc { .. } => "DES-EDE3-CBC",
        _ => return Some(unknown),
    };
    Some(match &params.kdf {
        pbes2::Kdf::Pbkdf2(p) => {
            let prf = match p.prf {
                pbes2::Pbkdf2Prf::HmacWithSha1 => "HMAC-SHA1",
                pbes2::Pbkdf2Prf::HmacWithSha224 => "HMAC-SHA224",
                pbes2::Pbkdf2Prf::HmacWithSha256 => "HMAC-SHA256",
                pbes2::Pbkdf2Prf::HmacWithSha384 => "HMAC-SHA384",
                pbes2::Pbkdf2Prf::HmacWithSha512 => "HMAC-SHA512",
                _ => return Some(unknown),
            };
            Message::new(keys::KEY_ENCRYPTION_PBKDF2)
                .with("prf", prf)
                .with("iterations", p.iteration_count)
                .with("cipher", cipher)
        }
        pbes2::Kdf::Scrypt(p) => Message::new(keys::KEY_ENCRYPTION_SCRYPT)
            .with("n", p.cost_parameter)
            .with("r", p.block_size)
            .with("p", p.parallelization)
            .with("cipher", cipher),
        _ => unknown,
    })
}

/// Read a private key from `data`: PKCS#8 (plain or encrypted with PBES2: PBKDF2 or scrypt,
/// AES-CBC), PKCS#1 RSA or SEC1 EC (P-256/P-384), PEM or DER.
///
/// Errors: [`ErrorKind::Passphrase`] when the key is encrypted and `passphrase` is `None`
/// ("encrypted key: a passphrase is needed") or wrong ("wrong passphrase or corrupted key");
/// [`ErrorKind::Unsupported`] for other curves, algorithms and encryption schemes;
/// [`ErrorKind::Input`] for anything else, saying what the data holds when it is not a key.
pub fn read_private_key(data: &[u8], passphrase: Option<&[u8]>) -> Result<SoftwareKey> {
    let found = locate(data)?;
    match found.format {
        KeyFormat::Pkcs8 => SoftwareKey::from_pkcs8_der(&found.der),
        KeyFormat::Pkcs1 => SoftwareKey::from_pkcs1_der(&found.der),
        KeyFormat::Sec1 => SoftwareKey::from_sec1_der(&found.der),
        KeyFormat::EncryptedPkcs8 => {
            let Some(pass) = passphrase else {
                return Err(Error::new(ErrorKind::Passphrase, keys::KEY_PASSPHRASE_NEEDED));
            };
            let plain = decrypt_pkcs8(&found.der, pass)?;
            SoftwareKey::from_pkcs8_der(&plain)
        }
        KeyFormat::LegacyEncryptedPem => {
            let Some(pass) = passphrase else {
                return Err(Error::new(ErrorKind::Passphrase, keys::KEY_PASSPHRASE_NEEDED));
            };
            let (label, dek) = found.legacy.unwrap_or_default();
            let plain = decrypt_legacy_pem(&found.der, &dek, pass)?;
            // No integrity check in this format: a wrong passphrase that passes the padding
            // check shows up as a key that does not parse.
            let key = match label.as_str() {
                "RSA PRIVATE KEY" => SoftwareKey::from_pkcs1_der(&plain),
                "EC PRIVATE KEY" => SoftwareKey::from_sec1_der(&plain),
                _ => SoftwareKey::from_pkcs8_der(&plain),
            };
            key.map_err(|e| if e.kind() == ErrorKind::Input { wrong_passphrase() } else { e })
        }
    }
}

/// [`read_private_key`] on a file; errors name the file.
pub fn load_private_key(path: impl AsRef<Path>, passphrase: Option<&[u8]>) -> Result<SoftwareKey> {
    let path = path.as_ref();
    let data = Zeroizing::new(read_file_limited(path, limits::KEY)?);
    read_private_key(&data, passphrase).map_err(|e| e.with_file(path))
}

/// Read a public key, as SubjectPublicKeyInfo DER, from a file's bytes: a PEM `PUBLIC KEY`
/// block or DER SubjectPublicKeyInfo, or a certificate (PEM `CERTIFICATE` or DER), whose
/// subject's key is taken. The first block that holds one counts. A private key is refused (its
/// public key or certificate is what to give), as is anything else, saying what the data holds.
pub fn read_public_key(data: &[u8]) -> Result<Vec<u8>> {
    let blocks = crate::io::decode_pem_or_der(data)?;
    let mut labels = Vec::new();
    for b in &blocks {
        match b.label.as_deref() {
            Some("PUBLIC KEY") => return check_spki(&b.der),
            Some("CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE") => {
                let cert = crate::certificate::Certificate::from_der(b.der.clone())?;
                return Ok(cert.x509().public_key().raw.to_vec());
            }
            Some(l) if l.contains("PRIVATE KEY") => {
                return Err(Error::input(keys::KEY_PRIVATE_WHERE_PUBLIC));
            }
            Some(l) => labels.push(l.to_string()),
            None => {
                if spki::SubjectPublicKeyInfoRef::from_der(&b.der).is_ok() {
                    return Ok(b.der.clone());
                }
                if let Ok(cert) = crate::certificate::Certificate::from_der(b.der.clone()) {
                    return Ok(cert.x509().public_key().raw.to_vec());
                }
                if sniff(&b.der).is_ok() {
                    return Err(Error::input(keys::KEY_PRIVATE_WHERE_PUBLIC));
                }
                return check_spki(&b.der);
            }
        }
    }
    Err(Error::input(keys::KEY_NO_PUBLIC_KEY).with("labels", labels.join(", ")))
}

fn check_spki(der: &[u8]) -> Result<Vec<u8>> {
    spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| Error::input(crate::ber::der_detail_in(keys::KEY_PUBLIC_MALFORMED, e, der)))?;
    Ok(der.to_vec())
}

/// [`read_public_key`] on a file; errors name the file.
pub fn load_public_key(path: impl AsRef<Path>) -> Result<Vec<u8>> {
    let path = path.as_ref();
    let data = read_file_limited(path, limits::CERTIFICATE)?;
    read_public_key(&data).map_err(|e| e.with_file(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_keys_come_from_public_key_files_and_certificates() {
        let cert_pem = include_bytes!("../../testdata/pki/gov/officer.pem");
        let cert = crate::certificate::Certificate::parse_many(cert_pem).unwrap().remove(0);
        let spki = cert.x509().public_key().raw.to_vec();
        assert_eq!(read_public_key(cert_pem).unwrap(), spki);
        assert_eq!(read_public_key(cert.der()).unwrap(), spki);
        let pem = crate::io::to_pem("PUBLIC KEY", &spki);
        assert_eq!(read_public_key(pem.as_bytes()).unwrap(), spki);
        assert_eq!(read_public_key(&spki).unwrap(), spki);
        // A private key, a CRL, a malformed public key: typed errors.
        let key = include_bytes!("../../testdata/pki/gov/officer.key.pem");
        assert_eq!(read_public_key(key).unwrap_err().code(), keys::KEY_PRIVATE_WHERE_PUBLIC);
        let crl = include_bytes!("../../testdata/pki/gov/ca.crl.pem");
        let e = read_public_key(crl).unwrap_err();
        assert_eq!(e.code(), keys::KEY_NO_PUBLIC_KEY);
        assert!(e.to_string().contains("X509 CRL"), "{e}");
        let bad = crate::io::to_pem("PUBLIC KEY", &[0x30, 0x03, 0x02, 0x01, 0x01]);
        assert_eq!(read_public_key(bad.as_bytes()).unwrap_err().code(), keys::KEY_PUBLIC_MALFORMED);
    }
    use crate::io::to_pem;
    use crate::keys::KeyAlgorithm;

    fn scrypt_key(n: u64, r: u16, p: u16) -> Vec<u8> {
        use der::Encode;
        let iv = [0u8; 16];
        let info = pkcs8::EncryptedPrivateKeyInfo {
            encryption_algorithm: pkcs5::EncryptionScheme::Pbes2(pbes2::Parameters {
                kdf: pbes2::Kdf::Scrypt(pbes2::ScryptParams {
                    salt: &[7u8; 16],
                    cost_parameter: n,
                    block_size: r,
                    parallelization: p,
                    key_length: Some(32),
                }),
                encryption: pbes2::EncryptionScheme::Aes256Cbc { iv: &iv },
            }),
            encrypted_data: &[0x55u8; 64],
        };
        info.to_der().unwrap()
    }

    #[test]
    fn scrypt_work_is_refused_before_deriving() {
        // Issue #9 defect 19: N=2^19, r=8, p=16 was within the memory limit and took 20 s and
        // 530 MB before any check. Now N·r·p is bounded.
        let der = scrypt_key(1 << 19, 8, 16);
        let start = std::time::Instant::now();
        let err = read_private_key(&der, Some(b"pw")).unwrap_err();
        assert_eq!(err.code(), keys::KEY_SCRYPT_WORK_TOO_HIGH, "{err}");
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
        // OpenSSL's default (N=2^14, r=8, p=1) is read (and fails on the garbage ciphertext).
        let err = read_private_key(&scrypt_key(1 << 14, 8, 1), Some(b"pw")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Passphrase, "{err}");
    }

    #[test]
    fn pem_and_der_pkcs8_pkcs1_sec1_are_read() {
        let rsa = SoftwareKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).unwrap();
        let der = rsa.pkcs8_der();
        let pem = to_pem("PRIVATE KEY", &der);
        for input in [der.as_slice(), pem.as_bytes()] {
            assert_eq!(sniff(input).unwrap(), KeyFormat::Pkcs8);
            assert_eq!(read_private_key(input, None).unwrap().public_key_spki(), rsa.public_key_spki());
        }
        let info = pkcs8::PrivateKeyInfo::from_der(&der).unwrap();
        let pkcs1 = to_pem("RSA PRIVATE KEY", info.private_key);
        assert_eq!(sniff(pkcs1.as_bytes()).unwrap(), KeyFormat::Pkcs1);
        assert_eq!(sniff(info.private_key).unwrap(), KeyFormat::Pkcs1);
        assert_eq!(
            read_private_key(pkcs1.as_bytes(), None).unwrap().public_key_spki(),
            rsa.public_key_spki()
        );

        let ec = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let der = ec.pkcs8_der();
        let info = pkcs8::PrivateKeyInfo::from_der(&der).unwrap();
        let sec1_pem = format!(
            "{}{}",
            to_pem("EC PARAMETERS", &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]),
            to_pem("EC PRIVATE KEY", info.private_key)
        );
        // The inner ECPrivateKey names no curve (it is in the PKCS#8 wrapper): inferred from
        // the private key's length (RFC 5915 section 3).
        let back = read_private_key(sec1_pem.as_bytes(), None).unwrap();
        assert_eq!(back.public_key_spki(), ec.public_key_spki());
        let with_curve = sec1::EcPrivateKey {
            parameters: Some(sec1::EcParameters::NamedCurve(crate::keys::asn1::SECP256R1)),
            ..sec1::EcPrivateKey::from_der(info.private_key).unwrap()
        };
        let with_curve = der::Encode::to_der(&with_curve).unwrap();
        assert_eq!(sniff(&with_curve).unwrap(), KeyFormat::Sec1);
        let back = read_private_key(to_pem("EC PRIVATE KEY", &with_curve).as_bytes(), None).unwrap();
        assert_eq!(back.public_key_spki(), ec.public_key_spki());
    }

    #[test]
    fn non_keys_say_what_they_are() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let spki_pem = to_pem("PUBLIC KEY", key.public_key_spki());
        let err = read_private_key(spki_pem.as_bytes(), None).unwrap_err();
        assert_eq!(err.code(), keys::KEY_FILE_IS_PUBLIC_KEY, "{err}");
        let err = read_private_key(key.public_key_spki(), None).unwrap_err();
        assert_eq!(err.code(), keys::KEY_FILE_IS_PUBLIC_KEY, "{err}");

        let cert = rcgen::CertificateParams::new(vec!["kyso.test".into()])
            .unwrap()
            .self_signed(&rcgen::KeyPair::generate().unwrap())
            .unwrap();
        let err = read_private_key(cert.pem().as_bytes(), None).unwrap_err();
        assert_eq!(err.code(), keys::KEY_FILE_IS_CERTIFICATE, "{err}");
        let err = read_private_key(cert.der(), None).unwrap_err();
        assert_eq!(err.code(), keys::KEY_FILE_IS_CERTIFICATE, "{err}");

        for bad in [&b""[..], b"\xde\xad\xbe\xef", b"-----BEGIN PRIVATE KEY-----\nMIIB"] {
            let err = read_private_key(bad, None).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Input, "{err}");
            assert!(!is_encrypted(bad));
        }
    }

    #[test]
    fn unsupported_curve_is_unsupported() {
        // A P-521 SEC1 key made by hand: version 1, 66-byte scalar, curve secp521r1.
        let scalar = [1u8; 66];
        let p521 = ObjectIdentifier::new_unwrap("1.3.132.0.35");
        let der = der::Encode::to_der(&sec1::EcPrivateKey {
            private_key: &scalar,
            parameters: Some(sec1::EcParameters::NamedCurve(p521)),
            public_key: None,
        })
        .unwrap();
        let err = read_private_key(&der, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
        assert_eq!(err.code(), keys::KEY_CURVE_UNSUPPORTED);
        assert!(err.typed_message().params.get("curve").is_some_and(|c| c.contains("P-521")), "{err}");
    }

    #[test]
    fn legacy_encrypted_pem_from_openssl_is_read() {
        // `openssl ec -aes128 -passout pass:kyso` (OpenSSL 3.0.19), and its `-pubout`.
        const KEY: &str = "-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,C156A7CF3BFFE551CD0D7DB54639C675

ixnei7IqVogzNmkbShgk2tTagNvUpOcKHlZBhYabyY2mPc6j7UDzaRtZviOpr5aN
X4i3BEouflvQQQNAstwDi+ycTvSKxlqNmEH1cG64sp9lHgoIGnLdFWn1mVuXMnnW
xtOVhn58RTJrOJ4JCYmHK9mG1moWe3k4k86Vcxu3Hnc=
-----END EC PRIVATE KEY-----
";
        const PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEuuerfKZU6d8v7qWpEtGOmwGThl8E
fSze1px6gV7MBaZ/m5GLNDmEcTsOp3hVPk2v1/Yf2hUvqDP+DJYqSRi2kw==
-----END PUBLIC KEY-----
";
        assert!(is_encrypted(KEY.as_bytes()));
        assert_eq!(sniff(KEY.as_bytes()).unwrap(), KeyFormat::LegacyEncryptedPem);
        let key = read_private_key(KEY.as_bytes(), Some(b"kyso")).unwrap();
        assert_eq!(key.public_key_pem(), PUBLIC);
        assert_eq!(
            read_private_key(KEY.as_bytes(), Some(b"kys0")).unwrap_err().kind(),
            ErrorKind::Passphrase
        );
        assert_eq!(read_private_key(KEY.as_bytes(), None).unwrap_err().kind(), ErrorKind::Passphrase);
        let unknown = KEY.replace("AES-128-CBC", "CAMELLIA-128-CBC");
        assert_eq!(
            read_private_key(unknown.as_bytes(), Some(b"kyso")).unwrap_err().kind(),
            ErrorKind::Unsupported
        );
    }

    #[test]
    fn encryption_is_described_without_decrypting() {
        let key = SoftwareKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let der = key.to_encrypted_pkcs8_der(b"pw", 4321).unwrap();
        let m = describe_encryption(&der).unwrap();
        assert_eq!(m.code, keys::KEY_ENCRYPTION_PBKDF2);
        assert_eq!(
            m.render(crate::diag::Lang::En),
            "PBES2 (PBKDF2-HMAC-SHA256, 4321 iterations, AES-256-CBC)"
        );
        assert_eq!(m.params.get("iterations"), Some("4321"));
        assert_eq!(describe_encryption(&key.pkcs8_der()), None);
    }
}
