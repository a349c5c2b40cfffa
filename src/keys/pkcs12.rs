//! PKCS#12 (RFC 7292): import a private key with its certificate and chain from a `.p12`/`.pfx`
//! file, and export them to one.
//!
//! Import reads what `openssl pkcs12 -export` writes: OpenSSL 3 defaults (PBES2 with
//! PBKDF2-HMAC-SHA256 and AES-256-CBC for the key and the certificates, HMAC-SHA256 MAC) and
//! `-legacy` files (pbeWithSHAAnd3-KeyTripleDES-CBC for the key, pbeWithSHAAnd40BitRC2-CBC for the
//! certificates, HMAC-SHA1 MAC). The MAC is always verified when present. Export writes PBES2
//! (PBKDF2-HMAC-SHA256, AES-256-CBC) and an HMAC-SHA256 MAC.
//!
//! Not supported: public-key integrity and privacy modes (signed or enveloped contents), PBMAC1
//! (RFC 9579), RC4-based PBEs, BER (indefinite length) encodings, several private keys in one file.

use super::SoftwareKey;
use super::pbe::{check_kdf_cost, kdf_work, wrong_passphrase};
use super::write::{DEFAULT_PBKDF2_ITERATIONS, MIN_PBKDF2_ITERATIONS, check_new_passphrase, random};
use crate::ber;
use crate::certificate::Certificate;
use crate::diag::Hint;
use crate::diag::codes::keys;
use crate::error::{Error, ErrorKind, Result};
use cbc::cipher::{self, BlockDecryptMut, InnerIvInit, block_padding::Pkcs7};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::encrypted_data::EncryptedData;
use cms::enveloped_data::EncryptedContentInfo;
use der::asn1::{Any, BmpString, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence};
use pkcs8::pkcs5::{self, pbes2};
use ring::digest;
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use zeroize::Zeroizing;

// RFC 5652 section 4 / 8: content types.
const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_ENVELOPED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.3");
const ID_ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
// RFC 7292 section 4.2: bag types.
const KEY_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.3");
const SAFE_CONTENTS_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.6");
// RFC 7292 section 4.2.3: certificate types.
const X509_CERTIFICATE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.22.1");
// RFC 2985 section 5.5: bag attributes.
const FRIENDLY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
// RFC 8018 section 6.2 / A.4.
const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
// RFC 9579.
const PBMAC1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");
// RFC 7292 Appendix C: PKCS#12 PBE schemes.
const PBE_SHA1_RC4_128: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.1");
const PBE_SHA1_RC4_40: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.2");
const PBE_SHA1_3DES: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.3");
const PBE_SHA1_2DES: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.4");
const PBE_SHA1_RC2_128: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.5");
const PBE_SHA1_RC2_40: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.6");
// Digests for the MAC (RFC 8017 Appendix B.1, NIST CSOR).
const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// `PFX` (RFC 7292 section 4).
#[derive(Sequence)]
struct Pfx {
    version: u8,
    auth_safe: ContentInfo,
    mac_data: Option<MacData>,
}

/// `MacData` (RFC 7292 section 4): iterations defaults to 1.
#[derive(Sequence)]
struct MacData {
    mac: DigestInfo,
    mac_salt: OctetString,
    #[asn1(default = "one")]
    iterations: u32,
}

fn one() -> u32 {
    1
}

/// `DigestInfo` (RFC 8017 section 9.2).
#[derive(Sequence)]
struct DigestInfo {
    algorithm: AlgorithmIdentifierOwned,
    digest: OctetString,
}

/// `SafeBag` (RFC 7292 section 4.2).
#[derive(Sequence)]
struct SafeBag {
    bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    bag_value: Any,
    bag_attributes: Option<SetOfVec<Attribute>>,
}

/// `CertBag` (RFC 7292 section 4.2.3).
#[derive(Sequence)]
struct CertBag {
    cert_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    cert_value: Any,
}

/// `pkcs-12PbeParams` (RFC 7292 Appendix C).
#[derive(Sequence)]
struct Pkcs12PbeParams {
    salt: OctetString,
    iterations: u32,
}

/// `EncryptedPrivateKeyInfo` (RFC 5208 section 6) with an open algorithm.
#[derive(Sequence)]
struct EncryptedPrivateKeyInfo {
    algorithm: AlgorithmIdentifierOwned,
    data: OctetString,
}

/// The largest PKCS#12 file [`import`] reads: a key with a long chain is a few kilobytes.
pub const MAX_PKCS12_SIZE: usize = 16 * 1024 * 1024;

/// The most key-derivation work [`import`] spends on one file: the sum of the iterations (scrypt:
/// N·r·p) of every derivation it holds (the MAC, each shrouded key, each encrypted part), checked
/// before any derivation for what is visible unencrypted and again before each one. Three
/// derivations at [`super::MAX_PBKDF2_ITERATIONS`] (a MAC, a key and the certificates: what kyso
/// and OpenSSL write) fit; more is refused rather than spending minutes on a hostile file.
pub const MAX_PKCS12_TOTAL_ITERATIONS: u64 = 3 * super::MAX_PBKDF2_ITERATIONS as u64;

/// The key-derivation work spent so far on one file.
#[derive(Default)]
struct Budget {
    spent: u64,
}

impl Budget {
    /// Charge `work` before doing it; refuse once the total exceeds the file's budget.
    fn charge(&mut self, work: u64) -> Result<()> {
        let total = self.spent.saturating_add(work);
        if total > MAX_PKCS12_TOTAL_ITERATIONS {
            return Err(Error::unsupported(keys::PKCS12_WORK_BUDGET_EXCEEDED)
                .with("total", total)
                .with("limit", MAX_PKCS12_TOTAL_ITERATIONS));
        }
        self.spent = total;
        Ok(())
    }
}

/// The work a password-based decryption with `alg` asks for; 0 when its parameters cannot be
/// read (decrypting then reports why).
fn alg_work(alg: &AlgorithmIdentifierOwned) -> u64 {
    if alg.oid == PBES2 {
        let Ok(alg_der) = alg.to_der() else { return 0 };
        return match pkcs5::EncryptionScheme::from_der(&alg_der) {
            Ok(pkcs5::EncryptionScheme::Pbes2(p)) => kdf_work(&p.kdf),
            _ => 0,
        };
    }
    alg.parameters
        .as_ref()
        .and_then(|p| p.decode_as::<Pkcs12PbeParams>().ok())
        .map_or(0, |p| u64::from(p.iterations))
}

/// Before any key derivation: count the private keys and charge the work of every derivation
/// visible without decrypting (the MAC, shrouded keys in unencrypted parts, encrypted parts).
fn prescan(contents: &[ContentInfo], mac: Option<&MacData>) -> Result<()> {
    let mut work = mac.map_or(0, |m| u64::from(m.iterations));
    let mut keys = 0usize;
    for ci in contents {
        if ci.content_type == ID_DATA {
            let sc = ci.content.decode_as::<OctetString>().map_err(malformed)?;
            prescan_bags(sc.as_bytes(), &mut keys, &mut work, 0)?;
        } else if ci.content_type == ID_ENCRYPTED_DATA {
            let (alg, _) = encrypted_data_parts(&ci.content)?;
            work = work.saturating_add(alg_work(&alg));
        }
    }
    if keys > 1 {
        return Err(Error::unsupported(keys::PKCS12_MANY_KEYS).with("count", keys));
    }
    Budget::default().charge(work)
}

fn prescan_bags(safe_contents: &[u8], keys: &mut usize, work: &mut u64, depth: usize) -> Result<()> {
    if depth > 4 {
        return Err(Error::input(keys::PKCS12_TOO_DEEP));
    }
    let bags = Vec::<SafeBag>::from_der(&ber::to_der(safe_contents)?).map_err(malformed)?;
    for bag in bags {
        if bag.bag_id == KEY_BAG {
            *keys += 1;
        } else if bag.bag_id == SHROUDED_KEY_BAG {
            *keys += 1;
            let epki = bag.bag_value.decode_as::<EncryptedPrivateKeyInfo>().map_err(malformed)?;
            *work = work.saturating_add(alg_work(&epki.algorithm));
        } else if bag.bag_id == SAFE_CONTENTS_BAG {
            let inner = bag.bag_value.to_der().map_err(malformed)?;
            prescan_bags(&inner, keys, work, depth + 1)?;
        }
    }
    Ok(())
}

/// What a PKCS#12 file holds: the private key (bound to its certificate), the certificate, and
/// the other certificates (ordered from the certificate's issuer upward where the names link,
/// then the rest in file order).
#[derive(Debug)]
pub struct Pkcs12Bundle {
    /// The private key, with [`Self::cert`] bound to it (see [`SoftwareKey::with_certificate`]).
    pub key: SoftwareKey,
    /// The certificate whose public key is the private key's.
    pub cert: Certificate,
    /// The other certificates.
    pub chain: Vec<Certificate>,
    /// The `friendlyName` attribute of the key or its certificate, if any.
    pub friendly_name: Option<String>,
}

fn malformed(e: der::Error) -> Error {
    Error::input(crate::ber::der_detail(keys::PKCS12_MALFORMED, e))
}

/// The passphrase as PKCS#12 expects it for its own KDF (RFC 7292 Appendix B.1): UTF-16BE with
/// two zero bytes at the end. Passphrases that are not UTF-8 are taken byte per character, as
/// OpenSSL does.
fn bmp_passphrase(passphrase: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(passphrase.len() * 2 + 2));
    match std::str::from_utf8(passphrase) {
        Ok(s) => s.encode_utf16().for_each(|u| out.extend_from_slice(&u.to_be_bytes())),
        Err(_) => passphrase.iter().for_each(|b| out.extend_from_slice(&[0, *b])),
    }
    out.extend_from_slice(&[0, 0]);
    out
}

/// The PKCS#12 key derivation function (RFC 7292 Appendix B.2). `id` is 1 (key), 2 (IV) or 3
/// (MAC key).
fn pkcs12_kdf(
    alg: &'static digest::Algorithm,
    password: &[u8],
    salt: &[u8],
    id: u8,
    iterations: u32,
    out_len: usize,
) -> Zeroizing<Vec<u8>> {
    let u = alg.output_len();
    let v = alg.block_len();
    let fill = |src: &[u8]| -> Zeroizing<Vec<u8>> {
        if src.is_empty() {
            return Zeroizing::new(Vec::new());
        }
        let len = v * src.len().div_ceil(v);
        Zeroizing::new(src.iter().copied().cycle().take(len).collect())
    };
    // Steps 1-4: D = v/8 copies of ID; I = S || P.
    let d = vec![id; v];
    let mut i = fill(salt);
    i.extend_from_slice(&fill(password));
    let mut out = Zeroizing::new(Vec::with_capacity(out_len + u));
    while out.len() < out_len {
        // Step 6a: A = H^r(D || I).
        let mut ctx = digest::Context::new(alg);
        ctx.update(&d);
        ctx.update(&i);
        let mut a = Zeroizing::new([0u8; digest::MAX_OUTPUT_LEN]);
        a[..u].copy_from_slice(ctx.finish().as_ref());
        for _ in 1..iterations.max(1) {
            let next = digest::digest(alg, &a[..u]);
            a[..u].copy_from_slice(next.as_ref());
        }
        let a = &a[..u];
        out.extend_from_slice(a);
        if out.len() >= out_len {
            break;
        }
        // Steps 6b-6c: B = A repeated to v bytes; each v-byte block I_j = (I_j + B + 1) mod 2^v.
        let b: Zeroizing<Vec<u8>> = Zeroizing::new(a.iter().copied().cycle().take(v).collect());
        for block in i.chunks_mut(v) {
            let mut carry = 1u16;
            for (x, y) in block.iter_mut().zip(b.iter()).rev() {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out.truncate(out_len);
    out
}

fn mac_digest(oid: &ObjectIdentifier) -> Result<(&'static digest::Algorithm, ring::hmac::Algorithm)> {
    Ok(if *oid == SHA1 {
        (&digest::SHA1_FOR_LEGACY_USE_ONLY, ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY)
    } else if *oid == SHA256 {
        (&digest::SHA256, ring::hmac::HMAC_SHA256)
    } else if *oid == SHA384 {
        (&digest::SHA384, ring::hmac::HMAC_SHA384)
    } else if *oid == SHA512 {
        (&digest::SHA512, ring::hmac::HMAC_SHA512)
    } else if *oid == PBMAC1 {
        return Err(Error::unsupported(keys::PKCS12_PBMAC1_UNSUPPORTED).with_hint(Hint::ReexportPkcs12));
    } else {
        return Err(Error::unsupported(keys::PKCS12_MAC_DIGEST_UNSUPPORTED).with("oid", oid));
    })
}

fn check_iterations(iterations: u32) -> Result<()> {
    if iterations > super::MAX_PBKDF2_ITERATIONS {
        return Err(Error::unsupported(keys::PKCS12_ITERATIONS_TOO_HIGH)
            .with("count", iterations)
            .with("limit", super::MAX_PBKDF2_ITERATIONS));
    }
    Ok(())
}

/// Verify the PKCS#12 MAC (RFC 7292 section 5.1) over `auth_safe`.
fn verify_mac(mac: &MacData, auth_safe: &[u8], passphrase: &[u8], budget: &mut Budget) -> Result<()> {
    let (dig, hmac_alg) = mac_digest(&mac.mac.algorithm.oid)?;
    check_iterations(mac.iterations)?;
    budget.charge(u64::from(mac.iterations))?;
    let salt = mac.mac_salt.as_bytes();
    let expected = mac.mac.digest.as_bytes();
    let check = |password: &[u8]| {
        let key = pkcs12_kdf(dig, password, salt, 3, mac.iterations, dig.output_len());
        ring::hmac::verify(&ring::hmac::Key::new(hmac_alg, &key), auth_safe, expected).is_ok()
    };
    if check(&bmp_passphrase(passphrase)) {
        return Ok(());
    }
    // An empty passphrase is encoded either as two zero bytes or as nothing; OpenSSL tries both.
    if passphrase.is_empty() && check(&[]) {
        return Ok(());
    }
    Err(Error::new(ErrorKind::Passphrase, keys::PKCS12_MAC_FAILED))
}

/// CBC decryption with PKCS#7 padding; a padding failure means a wrong passphrase.
fn cbc_decrypt<C>(cipher: C, iv: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>>
where
    C: cipher::BlockCipher + cipher::BlockDecryptMut + cipher::BlockSizeUser<BlockSize = cipher::consts::U8>,
{
    let iv = cipher::generic_array::GenericArray::from_exact_iter(iv.iter().copied())
        .ok_or_else(|| Error::input(keys::PKCS12_BAD_IV_LENGTH))?;
    let dec = cbc::Decryptor::<C>::inner_iv_init(cipher, &iv);
    dec.decrypt_padded_vec_mut::<Pkcs7>(data).map(Zeroizing::new).map_err(|_| wrong_passphrase())
}

/// Decrypt `data` encrypted with password-based `alg`: PBES2 (RFC 8018 section 6.2, password as
/// given) or a PKCS#12 PBE (RFC 7292 Appendix B and C, password in BMP form).
pub(crate) fn pbe_decrypt(
    alg: &AlgorithmIdentifierOwned,
    passphrase: &[u8],
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let oid = alg.oid;
    if oid == PBES2 {
        let alg_der = alg.to_der().map_err(malformed)?;
        let scheme = pkcs5::EncryptionScheme::from_der(&alg_der)
            .map_err(|_| Error::unsupported(keys::PKCS12_PBES2_PARAMS_UNSUPPORTED))?;
        if let pkcs5::EncryptionScheme::Pbes2(p) = &scheme {
            check_kdf_cost(&p.kdf)?;
        }
        return scheme.decrypt(passphrase, data).map(Zeroizing::new).map_err(|e| match e {
            pkcs5::Error::UnsupportedAlgorithm { oid } => {
                Error::unsupported(keys::PKCS12_PBES2_ALGORITHM_UNSUPPORTED).with("oid", oid)
            }
            _ => wrong_passphrase(),
        });
    }
    let (key_len, legacy_name) = if oid == PBE_SHA1_3DES {
        (24, "3DES")
    } else if oid == PBE_SHA1_2DES {
        (16, "2-key 3DES")
    } else if oid == PBE_SHA1_RC2_40 {
        (5, "RC2-40")
    } else if oid == PBE_SHA1_RC2_128 {
        (16, "RC2-128")
    } else if oid == PBE_SHA1_RC4_128 || oid == PBE_SHA1_RC4_40 {
        return Err(Error::unsupported(keys::PKCS12_RC4_UNSUPPORTED).with_hint(Hint::ReexportPkcs12));
    } else {
        return Err(Error::unsupported(keys::PKCS12_ENCRYPTION_UNSUPPORTED)
            .with("oid", oid)
            .with_hint(Hint::ReexportPkcs12));
    };
    let params = alg
        .parameters
        .as_ref()
        .ok_or_else(|| Error::input(keys::PKCS12_PBE_NO_PARAMS).with("cipher", legacy_name))?
        .decode_as::<Pkcs12PbeParams>()
        .map_err(malformed)?;
    check_iterations(params.iterations)?;
    let password = bmp_passphrase(passphrase);
    let sha1 = &digest::SHA1_FOR_LEGACY_USE_ONLY;
    let salt = params.salt.as_bytes();
    let key = pkcs12_kdf(sha1, &password, salt, 1, params.iterations, key_len);
    let iv = pkcs12_kdf(sha1, &password, salt, 2, params.iterations, 8);
    let bad_key = |_| Error::crypto(keys::KEY_CIPHER_SETUP_FAILED);
    if oid == PBE_SHA1_3DES {
        cbc_decrypt(<des::TdesEde3 as cipher::KeyInit>::new_from_slice(&key).map_err(bad_key)?, &iv, data)
    } else if oid == PBE_SHA1_2DES {
        cbc_decrypt(<des::TdesEde2 as cipher::KeyInit>::new_from_slice(&key).map_err(bad_key)?, &iv, data)
    } else {
        // RFC 7292 Appendix C: effective key bits = key length.
        cbc_decrypt(rc2::Rc2::new_with_eff_key_len(&key, key_len * 8), &iv, data)
    }
}

fn attribute(attrs: &Option<SetOfVec<Attribute>>, oid: ObjectIdentifier) -> Option<&Any> {
    attrs.as_ref()?.iter().find(|a| a.oid == oid)?.values.iter().next()
}

/// An item found in the bags, with its `localKeyId` and `friendlyName` attributes.
type WithAttributes<T> = (T, Option<Vec<u8>>, Option<String>);

struct Collected {
    keys: Vec<WithAttributes<Zeroizing<Vec<u8>>>>,
    certs: Vec<WithAttributes<Certificate>>,
}

fn collect_bags(
    safe_contents: &[u8],
    passphrase: &[u8],
    out: &mut Collected,
    budget: &mut Budget,
    depth: usize,
) -> Result<()> {
    if depth > 4 {
        return Err(Error::input(keys::PKCS12_TOO_DEEP));
    }
    let bags = Vec::<SafeBag>::from_der(&ber::to_der(safe_contents)?).map_err(malformed)?;
    for bag in bags {
        let local_id = attribute(&bag.bag_attributes, LOCAL_KEY_ID)
            .and_then(|a| a.decode_as::<OctetString>().ok())
            .map(|o| o.as_bytes().to_vec());
        let name = attribute(&bag.bag_attributes, FRIENDLY_NAME)
            .and_then(|a| a.decode_as::<BmpString>().ok())
            .map(|s| s.to_string());
        if bag.bag_id == KEY_BAG {
            let der = Zeroizing::new(bag.bag_value.to_der().map_err(malformed)?);
            out.keys.push((der, local_id, name));
        } else if bag.bag_id == SHROUDED_KEY_BAG {
            let epki = bag.bag_value.decode_as::<EncryptedPrivateKeyInfo>().map_err(malformed)?;
            // A second key (in an encrypted part, which the prescan cannot see): refused before
            // spending work on it.
            if !out.keys.is_empty() {
                return Err(Error::unsupported(keys::PKCS12_MANY_KEYS).with("count", out.keys.len() + 1));
            }
            budget.charge(alg_work(&epki.algorithm))?;
            let mut der = pbe_decrypt(&epki.algorithm, passphrase, epki.data.as_bytes())?;
            if pkcs8::PrivateKeyInfo::from_der(&der).is_err() {
                // BER-encoded key (rare), or a wrong passphrase that passed the padding check.
                der = Zeroizing::new(ber::to_der(&der).map_err(|_| wrong_passphrase())?);
                if pkcs8::PrivateKeyInfo::from_der(&der).is_err() {
                    return Err(wrong_passphrase());
                }
            }
            out.keys.push((der, local_id, name));
        } else if bag.bag_id == CERT_BAG {
            let cert_bag = bag.bag_value.decode_as::<CertBag>().map_err(malformed)?;
            if cert_bag.cert_id != X509_CERTIFICATE {
                continue; // SDSI certificates: not X.509, ignored.
            }
            let der = cert_bag.cert_value.decode_as::<OctetString>().map_err(malformed)?;
            let cert =
                Certificate::from_der(der.as_bytes()).map_err(|e| e.context(keys::PKCS12_IN_CERTIFICATE))?;
            out.certs.push((cert, local_id, name));
        } else if bag.bag_id == SAFE_CONTENTS_BAG {
            let inner = bag.bag_value.to_der().map_err(malformed)?;
            collect_bags(&inner, passphrase, out, budget, depth + 1)?;
        }
        // CRL and secret bags are ignored.
    }
    Ok(())
}

/// Read a PKCS#12 file (DER): verify its MAC, decrypt it, and return the private key with its
/// certificate and the other certificates.
///
/// Errors: [`ErrorKind::Passphrase`] for a wrong passphrase (MAC check or decryption failed),
/// [`ErrorKind::Unsupported`] for modes and algorithms listed in the module documentation,
/// [`ErrorKind::Input`] for malformed files, files without a private key or without the
/// private key's certificate.
pub fn import(data: &[u8], passphrase: &[u8]) -> Result<Pkcs12Bundle> {
    if data.len() > MAX_PKCS12_SIZE {
        return Err(Error::input(keys::PKCS12_TOO_LARGE)
            .with("size", data.len())
            .with("limit", MAX_PKCS12_SIZE >> 20));
    }
    if crate::io::looks_like_pem(data) {
        return Err(Error::input(keys::PKCS12_IS_PEM));
    }
    // BER files (Windows, Java, NSS) are re-encoded as DER first; primitive contents, and so the
    // MAC input, are untouched.
    let der = ber::to_der(data).map_err(|e| e.context(keys::PKCS12_NOT_PKCS12))?;
    let pfx =
        Pfx::from_der(&der).map_err(|e| Error::input(crate::ber::der_detail(keys::PKCS12_NOT_PFX, e)))?;
    if pfx.version != 3 {
        return Err(Error::unsupported(keys::PKCS12_VERSION_UNSUPPORTED).with("version", pfx.version));
    }
    let ct = pfx.auth_safe.content_type;
    if ct == ID_SIGNED_DATA {
        return Err(Error::unsupported(keys::PKCS12_SIGNED_UNSUPPORTED));
    }
    if ct != ID_DATA {
        return Err(Error::input(keys::PKCS12_UNEXPECTED_AUTHSAFE_TYPE).with("oid", ct));
    }
    let auth_safe = pfx.auth_safe.content.decode_as::<OctetString>().map_err(malformed)?;
    let auth_safe = auth_safe.as_bytes();
    let contents = Vec::<ContentInfo>::from_der(&ber::to_der(auth_safe)?).map_err(malformed)?;
    // Before any derivation: the key count and the work visible without decrypting.
    prescan(&contents, pfx.mac_data.as_ref())?;
    let mut budget = Budget::default();
    // Without a MAC (openssl -nomac) a wrong passphrase shows up when decrypting.
    if let Some(mac) = &pfx.mac_data {
        verify_mac(mac, auth_safe, passphrase, &mut budget)?;
    }
    let mut collected = Collected { keys: Vec::new(), certs: Vec::new() };
    for ci in contents {
        if ci.content_type == ID_DATA {
            let sc = ci.content.decode_as::<OctetString>().map_err(malformed)?;
            collect_bags(sc.as_bytes(), passphrase, &mut collected, &mut budget, 0)?;
        } else if ci.content_type == ID_ENCRYPTED_DATA {
            let (alg, enc) = encrypted_data_parts(&ci.content)?;
            budget.charge(alg_work(&alg))?;
            let plain = pbe_decrypt(&alg, passphrase, &enc)?;
            // A wrong passphrase without a MAC can pass the padding check: then this is not DER.
            if ber::to_der(&plain).is_err() {
                return Err(wrong_passphrase());
            }
            collect_bags(&plain, passphrase, &mut collected, &mut budget, 0)?;
        } else if ci.content_type == ID_ENVELOPED_DATA {
            return Err(Error::unsupported(keys::PKCS12_ENVELOPED_UNSUPPORTED));
        } else {
            return Err(Error::input(keys::PKCS12_UNEXPECTED_CONTENT_TYPE).with("oid", ci.content_type));
        }
    }
    let (key_der, _, key_name) = match collected.keys.len() {
        0 => return Err(Error::input(keys::PKCS12_NO_KEY)),
        1 => collected.keys.remove(0),
        n => {
            return Err(Error::unsupported(keys::PKCS12_MANY_KEYS).with("count", n));
        }
    };
    let key = SoftwareKey::from_pkcs8_der(&key_der)?;
    // The certificate: the one with the key's public key (a localKeyId attribute is only a
    // hint, and the key must match anyway).
    let position =
        collected.certs.iter().position(|(c, _, _)| key.matches_public_key(c.x509().public_key().raw));
    let Some(position) = position else {
        return Err(Error::input(keys::PKCS12_NO_CERTIFICATE));
    };
    let (cert, _, cert_name) = collected.certs.remove(position);
    let key = key.with_certificate(cert.clone())?;
    let chain = order_chain(&cert, collected.certs.into_iter().map(|(c, _, _)| c).collect());
    Ok(Pkcs12Bundle { key, cert, chain, friendly_name: key_name.or(cert_name) })
}

/// The algorithm and ciphertext of an `EncryptedData` (RFC 5652 section 8). Read by hand: from
/// BER files, `encryptedContent` ([0] IMPLICIT OCTET STRING) may come in constructed form.
fn encrypted_data_parts(content: &Any) -> Result<(AlgorithmIdentifierOwned, Vec<u8>)> {
    let der = content.to_der().map_err(malformed)?;
    let parts = ber::children(&der)?;
    let eci = parts.get(1).ok_or_else(|| {
        Error::input(keys::PKCS12_ENCRYPTED_DATA_MISSING).with("part", "EncryptedContentInfo")
    })?;
    let eci = ber::children(eci)?;
    let alg = eci.get(1).ok_or_else(|| {
        Error::input(keys::PKCS12_ENCRYPTED_DATA_MISSING).with("part", "contentEncryptionAlgorithm")
    })?;
    let alg = AlgorithmIdentifierOwned::from_der(alg).map_err(malformed)?;
    let enc = eci
        .get(2)
        .ok_or_else(|| Error::input(keys::PKCS12_ENCRYPTED_DATA_MISSING).with("part", "encryptedContent"))?;
    let bytes = match enc.first() {
        Some(0x80) => ber::value(enc)?.to_vec(),
        Some(0xa0) => {
            let mut out = Vec::new();
            for segment in ber::children(enc)? {
                if segment.first() != Some(&0x04) {
                    return Err(Error::input(keys::PKCS12_ENCRYPTED_CONTENT_FORM));
                }
                out.extend_from_slice(ber::value(segment)?);
            }
            out
        }
        _ => return Err(Error::input(keys::PKCS12_ENCRYPTED_CONTENT_FORM)),
    };
    Ok((alg, bytes))
}

/// Order `others` from `leaf`'s issuer upward (subject/issuer name links), the rest after in
/// their original order.
fn order_chain(leaf: &Certificate, mut others: Vec<Certificate>) -> Vec<Certificate> {
    let mut ordered = Vec::with_capacity(others.len());
    let mut current = leaf.clone();
    while let Some(pos) = others.iter().position(|c| {
        c.x509().subject().as_raw() == current.x509().issuer().as_raw()
            && current.x509().subject().as_raw() != current.x509().issuer().as_raw()
    }) {
        let next = others.remove(pos);
        ordered.push(next.clone());
        current = next;
    }
    ordered.extend(others);
    ordered
}

/// [`import`] on a file; errors name the file.
pub fn load(path: impl AsRef<std::path::Path>, passphrase: &[u8]) -> Result<Pkcs12Bundle> {
    let path = path.as_ref();
    let data = crate::io::read_file_limited(path, crate::io::limits::PKCS12)?;
    import(&data, passphrase).map_err(|e| e.with_file(path))
}

fn bag_attributes(local_key_id: &[u8], friendly_name: Option<&str>) -> Result<SetOfVec<Attribute>> {
    let mut set = SetOfVec::new();
    let mut add = |oid: ObjectIdentifier, value: Any| -> Result<()> {
        let values = SetOfVec::try_from(vec![value]).map_err(enc_err)?;
        set.insert(Attribute { oid, values }).map_err(enc_err)
    };
    if let Some(name) = friendly_name {
        let bmp = BmpString::from_utf8(name).map_err(|_| Error::usage(keys::PKCS12_FRIENDLY_NAME))?;
        add(FRIENDLY_NAME, Any::encode_from(&bmp).map_err(enc_err)?)?;
    }
    let id = OctetString::new(local_key_id).map_err(enc_err)?;
    add(LOCAL_KEY_ID, Any::encode_from(&id).map_err(enc_err)?)?;
    Ok(set)
}

fn enc_err(e: der::Error) -> Error {
    Error::crypto(crate::ber::der_detail(keys::PKCS12_BUILD_FAILED, e))
}

/// Write `key`, its certificate `cert` and `chain` as a PKCS#12 file (DER), protected by
/// `passphrase`: PBES2 (PBKDF2-HMAC-SHA256 with [`DEFAULT_PBKDF2_ITERATIONS`], AES-256-CBC) for
/// the key and for the certificates, and an HMAC-SHA256 MAC with as many iterations. The key and
/// the certificate carry `localKeyId` (SHA-1 of the certificate, as OpenSSL) and, when given,
/// `friendlyName`. `openssl pkcs12 -info` and Windows 10+ read it.
pub fn export(
    key: &SoftwareKey,
    cert: &Certificate,
    chain: &[Certificate],
    passphrase: &[u8],
    friendly_name: Option<&str>,
) -> Result<Zeroizing<Vec<u8>>> {
    export_with_iterations(key, cert, chain, passphrase, friendly_name, DEFAULT_PBKDF2_ITERATIONS)
}

/// [`export`] with an explicit iteration count for PBKDF2 and the MAC (at least
/// [`MIN_PBKDF2_ITERATIONS`]).
pub fn export_with_iterations(
    key: &SoftwareKey,
    cert: &Certificate,
    chain: &[Certificate],
    passphrase: &[u8],
    friendly_name: Option<&str>,
    iterations: u32,
) -> Result<Zeroizing<Vec<u8>>> {
    build(key, cert, chain, passphrase, friendly_name, iterations, Profile::Modern)
}

/// Iterations used by [`export_legacy`]: what Windows itself writes (2000 and up are common);
/// legacy readers are slow with the PKCS#12 KDF.
pub const LEGACY_ITERATIONS: u32 = 10_000;

/// Like [`export`], for readers that do not know PBES2 (Windows before Windows 10 1709 and
/// Server 2019, macOS Keychain, Java before 8u301): the key and the certificates encrypted with
/// pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 Appendix C), an HMAC-SHA1 MAC, [`LEGACY_ITERATIONS`]
/// iterations. Weaker than [`export`]: use only when the reader needs it. (RC2-40, OpenSSL's
/// `-legacy` choice for certificates, is not used.)
pub fn export_legacy(
    key: &SoftwareKey,
    cert: &Certificate,
    chain: &[Certificate],
    passphrase: &[u8],
    friendly_name: Option<&str>,
) -> Result<Zeroizing<Vec<u8>>> {
    build(key, cert, chain, passphrase, friendly_name, LEGACY_ITERATIONS, Profile::Legacy)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    /// PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), HMAC-SHA256 MAC.
    Modern,
    /// PKCS#12 PBE with 3DES, HMAC-SHA1 MAC.
    Legacy,
}

/// Encrypt `plain` with pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 Appendix B and C).
fn pbe_3des_encrypt(
    passphrase: &[u8],
    plain: &[u8],
    iterations: u32,
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>)> {
    use cbc::cipher::BlockEncryptMut;
    let salt: [u8; 8] = random()?;
    let password = bmp_passphrase(passphrase);
    let sha1 = &digest::SHA1_FOR_LEGACY_USE_ONLY;
    let key = pkcs12_kdf(sha1, &password, &salt, 1, iterations, 24);
    let iv = pkcs12_kdf(sha1, &password, &salt, 2, iterations, 8);
    let enc = <cbc::Encryptor<des::TdesEde3> as cipher::KeyIvInit>::new_from_slices(&key, &iv)
        .map_err(|_| Error::crypto(keys::KEY_CIPHER_SETUP_FAILED))?;
    let data = enc.encrypt_padded_vec_mut::<Pkcs7>(plain);
    let params = Pkcs12PbeParams { salt: OctetString::new(salt.as_slice()).map_err(enc_err)?, iterations };
    Ok((
        AlgorithmIdentifierOwned {
            oid: PBE_SHA1_3DES,
            parameters: Some(Any::encode_from(&params).map_err(enc_err)?),
        },
        data,
    ))
}

fn build(
    key: &SoftwareKey,
    cert: &Certificate,
    chain: &[Certificate],
    passphrase: &[u8],
    friendly_name: Option<&str>,
    iterations: u32,
    profile: Profile,
) -> Result<Zeroizing<Vec<u8>>> {
    check_new_passphrase(passphrase)?;
    if iterations < MIN_PBKDF2_ITERATIONS {
        return Err(Error::usage(keys::PKCS12_ITERATIONS_TOO_LOW)
            .with("count", iterations)
            .with("minimum", MIN_PBKDF2_ITERATIONS));
    }
    if !key.matches_public_key(cert.x509().public_key().raw) {
        return Err(Error::input(keys::KEY_CERT_MISMATCH));
    }
    let local_key_id = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, cert.der());
    let attrs = bag_attributes(local_key_id.as_ref(), friendly_name)?;

    // Certificates: a SafeContents of certBags, encrypted (RFC 7292 section 5.1 step 1). A chain
    // given as a "full chain" file repeats the certificate: each certificate is written once.
    let mut unique: Vec<&Certificate> = Vec::with_capacity(1 + chain.len());
    for c in std::iter::once(cert).chain(chain.iter()) {
        if !unique.contains(&c) {
            unique.push(c);
        }
    }
    let mut cert_bags = Vec::with_capacity(unique.len());
    for (i, c) in unique.into_iter().enumerate() {
        let bag = CertBag {
            cert_id: X509_CERTIFICATE,
            cert_value: Any::encode_from(&OctetString::new(c.der()).map_err(enc_err)?).map_err(enc_err)?,
        };
        cert_bags.push(SafeBag {
            bag_id: CERT_BAG,
            bag_value: Any::encode_from(&bag).map_err(enc_err)?,
            bag_attributes: if i == 0 { Some(attrs.clone()) } else { None },
        });
    }
    let certs_plain = cert_bags.to_der().map_err(enc_err)?;
    let (certs_alg, certs_enc) = match profile {
        Profile::Modern => {
            let salt: [u8; 16] = random()?;
            let iv: [u8; 16] = random()?;
            let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(iterations, &salt, &iv)
                .map_err(|_| Error::crypto(keys::KEY_CIPHER_SETUP_FAILED))?;
            let enc = params
                .encrypt(passphrase, &certs_plain)
                .map_err(|_| Error::crypto(keys::KEY_CIPHER_SETUP_FAILED))?;
            let params_der = params.to_der().map_err(enc_err)?;
            (
                AlgorithmIdentifierOwned {
                    oid: PBES2,
                    parameters: Some(Any::from_der(&params_der).map_err(enc_err)?),
                },
                enc,
            )
        }
        Profile::Legacy => pbe_3des_encrypt(passphrase, &certs_plain, iterations)?,
    };
    let enc_data = EncryptedData {
        version: CmsVersion::V0,
        enc_content_info: EncryptedContentInfo {
            content_type: ID_DATA,
            content_enc_alg: certs_alg,
            encrypted_content: Some(OctetString::new(certs_enc).map_err(enc_err)?),
        },
        unprotected_attrs: None,
    };
    let certs_ci = ContentInfo {
        content_type: ID_ENCRYPTED_DATA,
        content: Any::encode_from(&enc_data).map_err(enc_err)?,
    };

    // The key: a pkcs8ShroudedKeyBag in a plain SafeContents (RFC 7292 section 4.2.2).
    let epki = match profile {
        Profile::Modern => key.to_encrypted_pkcs8_der(passphrase, iterations)?,
        Profile::Legacy => {
            let (algorithm, data) = pbe_3des_encrypt(passphrase, &key.pkcs8_der(), iterations)?;
            let info = EncryptedPrivateKeyInfo { algorithm, data: OctetString::new(data).map_err(enc_err)? };
            Zeroizing::new(info.to_der().map_err(enc_err)?)
        }
    };
    let key_bag = SafeBag {
        bag_id: SHROUDED_KEY_BAG,
        bag_value: Any::from_der(&epki).map_err(enc_err)?,
        bag_attributes: Some(attrs),
    };
    let key_contents = vec![key_bag].to_der().map_err(enc_err)?;
    let key_ci = ContentInfo {
        content_type: ID_DATA,
        content: Any::encode_from(&OctetString::new(key_contents).map_err(enc_err)?).map_err(enc_err)?,
    };

    let auth_safe = vec![certs_ci, key_ci].to_der().map_err(enc_err)?;
    // MAC (RFC 7292 section 5.1 steps 2-3): HMAC keyed by the PKCS#12 KDF with ID 3.
    let (dig, hmac_alg, dig_oid, salt_len) = match profile {
        Profile::Modern => (&digest::SHA256, ring::hmac::HMAC_SHA256, SHA256, 16),
        Profile::Legacy => {
            (&digest::SHA1_FOR_LEGACY_USE_ONLY, ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, SHA1, 8)
        }
    };
    let mac_salt_full: [u8; 16] = random()?;
    let mac_salt = &mac_salt_full[..salt_len];
    let mac_key = pkcs12_kdf(dig, &bmp_passphrase(passphrase), mac_salt, 3, iterations, dig.output_len());
    let tag = ring::hmac::sign(&ring::hmac::Key::new(hmac_alg, &mac_key), &auth_safe);
    let pfx = Pfx {
        version: 3,
        auth_safe: ContentInfo {
            content_type: ID_DATA,
            content: Any::encode_from(&OctetString::new(auth_safe).map_err(enc_err)?).map_err(enc_err)?,
        },
        mac_data: Some(MacData {
            mac: DigestInfo {
                algorithm: AlgorithmIdentifierOwned { oid: dig_oid, parameters: None },
                digest: OctetString::new(tag.as_ref()).map_err(enc_err)?,
            },
            mac_salt: OctetString::new(mac_salt).map_err(enc_err)?,
            iterations,
        }),
    };
    Ok(Zeroizing::new(pfx.to_der().map_err(enc_err)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyAlgorithm;

    fn self_signed(key: &SoftwareKey, cn: &str) -> Certificate {
        let pem = key.to_pkcs8_pem(None).unwrap();
        let kp = rcgen::KeyPair::from_pem(&pem).unwrap();
        let mut params = rcgen::CertificateParams::new(vec![]).unwrap();
        params.distinguished_name.push(rcgen::DnType::CommonName, cn);
        Certificate::from_der(params.self_signed(&kp).unwrap().der().to_vec()).unwrap()
    }

    /// A hostile PKCS#12 built by hand, without a MAC: `keys` shrouded keys (3DES at
    /// `iterations`, garbage ciphertext) in an unencrypted part, and `safes` encrypted parts (3DES
    /// at `iterations`, garbage ciphertext). Every derivation would be done before any error.
    fn hostile_pfx(keys: usize, safes: usize, iterations: u32) -> Vec<u8> {
        let alg = || AlgorithmIdentifierOwned {
            oid: PBE_SHA1_3DES,
            parameters: Some(
                Any::encode_from(&Pkcs12PbeParams {
                    salt: OctetString::new(vec![7u8; 8]).unwrap(),
                    iterations,
                })
                .unwrap(),
            ),
        };
        let bags: Vec<SafeBag> = (0..keys)
            .map(|_| SafeBag {
                bag_id: SHROUDED_KEY_BAG,
                bag_value: Any::encode_from(&EncryptedPrivateKeyInfo {
                    algorithm: alg(),
                    data: OctetString::new(vec![0x55u8; 64]).unwrap(),
                })
                .unwrap(),
                bag_attributes: None,
            })
            .collect();
        let mut contents = vec![ContentInfo {
            content_type: ID_DATA,
            content: Any::encode_from(&OctetString::new(bags.to_der().unwrap()).unwrap()).unwrap(),
        }];
        for _ in 0..safes {
            let enc = EncryptedData {
                version: CmsVersion::V0,
                enc_content_info: EncryptedContentInfo {
                    content_type: ID_DATA,
                    content_enc_alg: alg(),
                    encrypted_content: Some(OctetString::new(vec![0x55u8; 64]).unwrap()),
                },
                unprotected_attrs: None,
            };
            contents.push(ContentInfo {
                content_type: ID_ENCRYPTED_DATA,
                content: Any::encode_from(&enc).unwrap(),
            });
        }
        let pfx = Pfx {
            version: 3,
            auth_safe: ContentInfo {
                content_type: ID_DATA,
                content: Any::encode_from(&OctetString::new(contents.to_der().unwrap()).unwrap()).unwrap(),
            },
            mac_data: None,
        };
        pfx.to_der().unwrap()
    }

    #[test]
    fn ten_keys_at_the_iteration_cap_are_refused_before_any_derivation() {
        // Issue #9 defect 19: this 3.7 KB file took 61 s (the key count was checked after every
        // bag was decrypted).
        let p12 = hostile_pfx(10, 0, super::super::MAX_PBKDF2_ITERATIONS);
        let start = std::time::Instant::now();
        let err = import(&p12, b"pw").unwrap_err();
        assert_eq!(err.code(), keys::PKCS12_MANY_KEYS, "{err}");
        assert!(err.to_string().contains("10"), "{err}");
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
    }

    #[test]
    fn total_work_over_the_budget_is_refused_before_any_derivation() {
        // One key and three encrypted parts, each at the per-derivation cap: 40,000,000
        // iterations in all, above the file budget (30,000,000).
        let p12 = hostile_pfx(1, 3, super::super::MAX_PBKDF2_ITERATIONS);
        let start = std::time::Instant::now();
        let err = import(&p12, b"pw").unwrap_err();
        assert_eq!(err.code(), keys::PKCS12_WORK_BUDGET_EXCEEDED, "{err}");
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
        // Within the budget the same shape is read (and fails on the garbage ciphertext).
        let small = hostile_pfx(1, 3, 1000);
        assert_eq!(import(&small, b"pw").unwrap_err().kind(), ErrorKind::Passphrase);
    }

    #[test]
    fn the_budget_fits_a_mac_a_key_and_the_certificates_at_the_cap() {
        let cap = u64::from(super::super::MAX_PBKDF2_ITERATIONS);
        let mut budget = Budget::default();
        for _ in 0..3 {
            budget.charge(cap).unwrap();
        }
        assert_eq!(budget.charge(1).unwrap_err().code(), keys::PKCS12_WORK_BUDGET_EXCEEDED);
    }

    #[test]
    fn kdf_matches_a_known_vector() {
        // OpenSSL's PKCS12_key_gen_utf8("smeg", salt 0a58cf64530d823f, id 1, 1 iteration,
        // SHA-1, 24 bytes): the test vector from OpenSSL's test/pkcs12_format_test.c lineage
        // (also in BouncyCastle PKCS12Test): 8aaae6297b6cb046 42ab5b077851284eb7128f1a2a7fbca3.
        let key = pkcs12_kdf(
            &digest::SHA1_FOR_LEGACY_USE_ONLY,
            &bmp_passphrase(b"smeg"),
            &hex::decode("0a58cf64530d823f").unwrap(),
            1,
            1,
            24,
        );
        assert_eq!(hex::encode(&*key), "8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3");
    }

    #[test]
    fn export_then_import_round_trips() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let cert = self_signed(&key, "leaf");
        let ca_key = SoftwareKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let ca = self_signed(&ca_key, "other");
        // The chain repeats the leaf and the CA (a "full chain" file): each is written once.
        let p12 = export_with_iterations(
            &key,
            &cert,
            &[cert.clone(), ca.clone(), ca.clone()],
            b"pw",
            Some("Nguyễn Văn A"),
            2048,
        )
        .unwrap();
        let bundle = import(&p12, b"pw").unwrap();
        assert_eq!(bundle.cert, cert);
        assert_eq!(bundle.chain, vec![ca]);
        assert_eq!(bundle.key.public_key_spki(), key.public_key_spki());
        assert_eq!(bundle.friendly_name.as_deref(), Some("Nguyễn Văn A"));
        assert_eq!(crate::keys::Signer::certificate(&bundle.key), Some(&cert));

        let err = import(&p12, b"wrong").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Passphrase);
        // A flipped byte anywhere in the protected part breaks the MAC.
        let mut bad = p12.to_vec();
        let mid = bad.len() / 2;
        bad[mid] ^= 1;
        assert!(import(&bad, b"pw").is_err());
    }

    /// Re-encode DER as BER the way Windows and PKI.js do: indefinite lengths everywhere, long
    /// OCTET STRINGs (and [0] IMPLICIT ones) split into 16-byte segments.
    fn berify(tlv: &[u8], out: &mut Vec<u8>) {
        let tag = tlv[0];
        let body = ber::value(tlv).unwrap();
        if tag & 0x20 != 0 {
            out.extend([tag, 0x80]);
            for c in ber::children(tlv).unwrap() {
                berify(c, out);
            }
            out.extend([0, 0]);
        } else if (tag == 0x04 || tag == 0x80) && body.len() > 16 {
            out.extend([tag | 0x20, 0x80]);
            for chunk in body.chunks(16) {
                out.extend([0x04, chunk.len() as u8]);
                out.extend_from_slice(chunk);
            }
            out.extend([0, 0]);
        } else {
            out.extend_from_slice(tlv);
        }
    }

    #[test]
    fn ber_encoded_files_are_read() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let cert = self_signed(&key, "ber");
        let p12 = export_with_iterations(&key, &cert, &[], b"pw", None, 2048).unwrap();
        let mut ber = Vec::new();
        berify(&p12, &mut ber);
        assert_ne!(ber, *p12);
        let bundle = import(&ber, b"pw").unwrap();
        assert_eq!(bundle.cert, cert);
        assert_eq!(import(&ber, b"bad").unwrap_err().kind(), ErrorKind::Passphrase);

        // encryptedContent in constructed form, inside an EncryptedData.
        let alg = AlgorithmIdentifierOwned { oid: PBE_SHA1_3DES, parameters: None };
        let ed = EncryptedData {
            version: CmsVersion::V0,
            enc_content_info: EncryptedContentInfo {
                content_type: ID_DATA,
                content_enc_alg: alg.clone(),
                encrypted_content: Some(OctetString::new(vec![7u8; 40]).unwrap()),
            },
            unprotected_attrs: None,
        };
        let der = ed.to_der().unwrap();
        let mut ber = Vec::new();
        berify(&der, &mut ber);
        let any = Any::from_der(&ber::to_der(&ber).unwrap()).unwrap();
        let (got_alg, data) = encrypted_data_parts(&any).unwrap();
        assert_eq!(got_alg, alg);
        assert_eq!(data, vec![7u8; 40]);
    }

    #[test]
    fn legacy_export_round_trips() {
        let key = SoftwareKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).unwrap();
        let cert = self_signed(&key, "legacy");
        let p12 = export_legacy(&key, &cert, &[], "mật khẩu".as_bytes(), Some("cũ")).unwrap();
        let bundle = import(&p12, "mật khẩu".as_bytes()).unwrap();
        assert_eq!(bundle.key.public_key_spki(), key.public_key_spki());
        assert_eq!(bundle.friendly_name.as_deref(), Some("cũ"));
        assert_eq!(import(&p12, b"x").unwrap_err().kind(), ErrorKind::Passphrase);
    }

    #[test]
    fn export_refuses_a_foreign_certificate() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let other = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let cert = self_signed(&other, "x");
        let err = export_with_iterations(&key, &cert, &[], b"pw", None, 2048).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Input);
    }

    #[test]
    fn garbage_is_a_clear_error() {
        for bad in [&b"\x30\x03\x02\x01\x03"[..], b"hello", b"-----BEGIN CERTIFICATE-----\n"] {
            let err = import(bad, b"pw").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Input, "{err}");
        }
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use crate::keys::{KeyAlgorithm, read_private_key};

    /// Every truncation and a spread of single-byte corruptions of a PKCS#12 file and of an
    /// encrypted key: errors, never panics, and never a silent success on corrupted protected data.
    #[test]
    fn truncated_and_corrupted_inputs_never_panic() {
        let key = SoftwareKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let kp = rcgen::KeyPair::from_pem(&key.to_pkcs8_pem(None).unwrap()).unwrap();
        let cert = rcgen::CertificateParams::new(vec!["r.test".into()]).unwrap().self_signed(&kp).unwrap();
        let cert = Certificate::from_der(cert.der().to_vec()).unwrap();
        let p12 = export_with_iterations(&key, &cert, &[], b"pw", Some("n"), 1000).unwrap();
        for len in 0..p12.len() {
            assert!(import(&p12[..len], b"pw").is_err(), "prefix {len}");
        }
        for i in (0..p12.len()).step_by(7) {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut bad = p12.to_vec();
                bad[i] ^= flip;
                if let Ok(b) = import(&bad, b"pw") {
                    // Only bytes outside the MAC-protected contents (lengths re-encoded the same,
                    // the MAC salt/iterations...) can change without failing; the key must survive.
                    assert_eq!(b.key.public_key_spki(), key.public_key_spki(), "byte {i}");
                }
            }
        }
        // Encrypted PKCS#8 has no integrity check of its own (RFC 8018 PBES2 is CBC without a
        // MAC): kyso relies on the key's internal consistency instead (RSA CRT values, the EC
        // public key). An Ed25519 v1 key has none: any 32 bytes are a seed, and OpenSSL 3.0
        // cannot read the v2 form that carries the public key. So corruption is checked on P-256.
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let enc = key.to_encrypted_pkcs8_der(b"pw", 1000).unwrap();
        for len in 0..enc.len() {
            assert!(read_private_key(&enc[..len], Some(b"pw")).is_err(), "prefix {len}");
        }
        for i in 0..enc.len() {
            let mut bad = enc.to_vec();
            bad[i] ^= 0x5a;
            if let Ok(k) = read_private_key(&bad, Some(b"pw")) {
                assert_eq!(k.public_key_spki(), key.public_key_spki(), "byte {i}");
            }
        }
    }

    /// Random bytes, and random bytes behind a valid-looking header, never panic any parser.
    #[test]
    fn random_inputs_never_panic() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(0x6b79_736f);
        for i in 0..3000 {
            let len = rng.gen_range(0..300);
            let mut data: Vec<u8> = (0..len).map(|_| rng.r#gen()).collect();
            if i % 2 == 0 && data.len() > 4 {
                // A SEQUENCE header with a plausible length, to get past the first check.
                data[0] = 0x30;
                data[1] = 0x80 | (i % 3) as u8;
            }
            let _ = import(&data, b"pw");
            let _ = read_private_key(&data, Some(b"pw"));
            let _ = ber::to_der(&data);
            let _ = crate::keys::sniff(&data);
            let _ = crate::keys::describe_encryption(&data);
            let _ = crate::keys::spki_key_algorithm(&data);
        }
    }
}
