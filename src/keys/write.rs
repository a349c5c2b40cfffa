//! Writing keys: PKCS#8 (RFC 5208 / RFC 5958), encrypted with PBES2 (RFC 8018 section 6.2:
//! PBKDF2-HMAC-SHA256 and AES-256-CBC, what OpenSSL 3 writes by default), PEM (RFC 7468) or DER;
//! public keys as `SubjectPublicKeyInfo` (`PUBLIC KEY`).

use super::SoftwareKey;
use crate::diag::Hint;
use crate::diag::codes::keys;
use crate::error::{Error, ErrorKind, Result};
use crate::io::to_pem;
use der::Decode;
use pkcs8::pkcs5::pbes2;
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

/// PBKDF2-HMAC-SHA256 iterations used when encrypting a key: OWASP's 2023 recommendation.
/// Decrypting costs about a third of a second on one core; OpenSSL uses 2048.
pub const DEFAULT_PBKDF2_ITERATIONS: u32 = 600_000;

/// The fewest iterations [`SoftwareKey::to_encrypted_pkcs8_der`] accepts (RFC 8018 section 4.2
/// recommends at least 1000).
pub const MIN_PBKDF2_ITERATIONS: u32 = 1000;

/// Random bytes from the system generator.
pub(crate) fn random<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    SystemRandom::new().fill(&mut out).map_err(|_| Error::crypto(keys::KEY_RNG_FAILED))?;
    Ok(out)
}

/// Refuse an empty passphrase: encrypting with it protects nothing.
pub(crate) fn check_new_passphrase(passphrase: &[u8]) -> Result<()> {
    if passphrase.is_empty() {
        return Err(Error::new(ErrorKind::Passphrase, keys::KEY_NEW_PASSPHRASE_EMPTY)
            .with_hint(Hint::ChoosePassphrase));
    }
    Ok(())
}

impl SoftwareKey {
    /// The private key as PKCS#8 DER: encrypted (`EncryptedPrivateKeyInfo`, PBES2 with
    /// PBKDF2-HMAC-SHA256 at [`DEFAULT_PBKDF2_ITERATIONS`] and AES-256-CBC) when `passphrase`
    /// is given, plain `PrivateKeyInfo` otherwise.
    pub fn to_pkcs8_der(&self, passphrase: Option<&[u8]>) -> Result<Zeroizing<Vec<u8>>> {
        match passphrase {
            Some(p) => self.to_encrypted_pkcs8_der(p, DEFAULT_PBKDF2_ITERATIONS),
            None => Ok(self.pkcs8_der()),
        }
    }

    /// The private key as PEM: `ENCRYPTED PRIVATE KEY` when `passphrase` is given (as
    /// [`Self::to_pkcs8_der`]), `PRIVATE KEY` otherwise. `openssl pkey -passin` reads both.
    pub fn to_pkcs8_pem(&self, passphrase: Option<&[u8]>) -> Result<Zeroizing<String>> {
        let label = if passphrase.is_some() { "ENCRYPTED PRIVATE KEY" } else { "PRIVATE KEY" };
        let der = self.to_pkcs8_der(passphrase)?;
        Ok(super::pem::encode(label, &der))
    }

    /// Encrypted PKCS#8 DER with an explicit PBKDF2 iteration count (at least
    /// [`MIN_PBKDF2_ITERATIONS`]; tests use low counts to stay fast). Fresh random 16-byte salt
    /// and IV each time.
    pub fn to_encrypted_pkcs8_der(&self, passphrase: &[u8], iterations: u32) -> Result<Zeroizing<Vec<u8>>> {
        check_new_passphrase(passphrase)?;
        if iterations < MIN_PBKDF2_ITERATIONS {
            return Err(Error::usage(keys::KEY_PBKDF2_ITERATIONS_TOO_LOW)
                .with("count", iterations)
                .with("minimum", MIN_PBKDF2_ITERATIONS));
        }
        let salt: [u8; 16] = random()?;
        let iv: [u8; 16] = random()?;
        let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(iterations, &salt, &iv)
            .map_err(|e| Error::crypto(keys::KEY_ENCRYPTION_FAILED).with("detail", e))?;
        let plain = self.pkcs8_der();
        let info = pkcs8::PrivateKeyInfo::from_der(&plain)
            .map_err(|e| Error::crypto(crate::ber::der_detail(keys::KEY_ENCRYPTION_FAILED, e)))?;
        let doc = info
            .encrypt_with_params(params, passphrase)
            .map_err(|e| Error::crypto(keys::KEY_ENCRYPTION_FAILED).with("detail", e))?;
        Ok(Zeroizing::new(doc.as_bytes().to_vec()))
    }

    /// The public key as PEM `PUBLIC KEY` (RFC 7468 section 13), as `openssl pkey -pubout`.
    pub fn public_key_pem(&self) -> String {
        to_pem("PUBLIC KEY", self.public_key_spki())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{KeyAlgorithm, KeyFormat, is_encrypted, read_private_key, sniff};

    #[test]
    fn encrypted_round_trip_and_wrong_passphrase() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let der = key.to_encrypted_pkcs8_der(b"correct horse", 2000).unwrap();
        assert!(is_encrypted(&der));
        assert_eq!(sniff(&der).unwrap(), KeyFormat::EncryptedPkcs8);
        let pem = to_pem("ENCRYPTED PRIVATE KEY", &der);
        assert!(is_encrypted(pem.as_bytes()));
        let back = read_private_key(pem.as_bytes(), Some(b"correct horse")).unwrap();
        assert_eq!(back.public_key_spki(), key.public_key_spki());

        let err = read_private_key(&der, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Passphrase);
        assert_eq!(err.code(), keys::KEY_PASSPHRASE_NEEDED);
        let err = read_private_key(&der, Some(b"wrong")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Passphrase);
        assert_eq!(err.code(), keys::KEY_WRONG_PASSPHRASE);
        // Two encryptions differ (fresh salt and IV).
        assert_ne!(*der, *key.to_encrypted_pkcs8_der(b"correct horse", 2000).unwrap());
    }

    #[test]
    fn plain_pem_and_public_pem() {
        let key = SoftwareKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let pem = key.to_pkcs8_pem(None).unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(!is_encrypted(pem.as_bytes()));
        assert!(key.public_key_pem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
    }

    #[test]
    fn empty_passphrase_and_low_iterations_are_refused() {
        let key = SoftwareKey::generate(KeyAlgorithm::Ed25519).unwrap();
        assert_eq!(key.to_pkcs8_der(Some(b"")).unwrap_err().kind(), ErrorKind::Passphrase);
        assert_eq!(key.to_encrypted_pkcs8_der(b"x", 10).unwrap_err().kind(), ErrorKind::Usage);
    }

    #[test]
    fn hostile_iteration_count_is_refused_quickly() {
        let key = SoftwareKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let salt = [7u8; 16];
        let iv = [9u8; 16];
        let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(50_000_000, &salt, &iv).unwrap();
        // Build the structure without running the KDF: encrypt with a cheap count, then patch
        // the parameters by re-encoding.
        let cheap = pbes2::Parameters::pbkdf2_sha256_aes256cbc(1000, &salt, &iv).unwrap();
        let plain = key.pkcs8_der();
        let info = pkcs8::PrivateKeyInfo::from_der(&plain).unwrap();
        let doc = info.encrypt_with_params(cheap, b"pw").unwrap();
        let enc = pkcs8::EncryptedPrivateKeyInfo::from_der(doc.as_bytes()).unwrap();
        let hostile = pkcs8::EncryptedPrivateKeyInfo {
            encryption_algorithm: params.into(),
            encrypted_data: enc.encrypted_data,
        };
        let der = der::Encode::to_der(&hostile).unwrap();
        let started = std::time::Instant::now();
        let err = read_private_key(&der, Some(b"pw")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
        assert_eq!(err.code(), keys::KEY_PBKDF2_ITERATIONS_TOO_HIGH, "{err}");
        assert!(started.elapsed().as_secs() < 2);
    }
}
