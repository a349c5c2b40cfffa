//! Message digests for CMS: the algorithms kyso signs with (SHA-2) and the legacy ones it still
//! verifies (SHA-1, flagged), with streaming hashing in constant memory.

use crate::diag::Hint;
use crate::diag::codes::input;
use crate::error::{Error, Result};
use der::asn1::ObjectIdentifier;
use sha2::Digest as _;
use spki::AlgorithmIdentifierOwned;
use std::io::Read;

/// Size of the read buffer used when hashing a stream (64 KiB).
pub const HASH_BUFFER_SIZE: usize = 64 * 1024;

/// OID of SHA-1 (RFC 3370 §2.1).
pub const OID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
/// OID of SHA-256 (RFC 5754 §2.2).
pub const OID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// OID of SHA-384 (RFC 5754 §2.3).
pub const OID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
/// OID of SHA-512 (RFC 5754 §2.4).
pub const OID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// A digest algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DigestAlgorithm {
    /// SHA-1: verification of old documents only, always reported as legacy; never used to sign.
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl DigestAlgorithm {
    /// The algorithm's OID.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            DigestAlgorithm::Sha1 => OID_SHA1,
            DigestAlgorithm::Sha256 => OID_SHA256,
            DigestAlgorithm::Sha384 => OID_SHA384,
            DigestAlgorithm::Sha512 => OID_SHA512,
        }
    }

    /// The algorithm for `oid`, if known.
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        [Self::Sha1, Self::Sha256, Self::Sha384, Self::Sha512].into_iter().find(|d| d.oid() == *oid)
    }

    /// The AlgorithmIdentifier as written by kyso: parameters absent, as RFC 5754 §2 says
    /// implementations SHOULD generate (and MUST accept NULL).
    pub fn algorithm_identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned { oid: self.oid(), parameters: None }
    }

    /// The name (`sha256`).
    pub fn name(self) -> &'static str {
        match self {
            DigestAlgorithm::Sha1 => "sha1",
            DigestAlgorithm::Sha256 => "sha256",
            DigestAlgorithm::Sha384 => "sha384",
            DigestAlgorithm::Sha512 => "sha512",
        }
    }

    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            DigestAlgorithm::Sha1 => 20,
            DigestAlgorithm::Sha256 => 32,
            DigestAlgorithm::Sha384 => 48,
            DigestAlgorithm::Sha512 => 64,
        }
    }

    /// True for algorithms accepted only for verifying old signatures.
    pub fn is_legacy(self) -> bool {
        self == DigestAlgorithm::Sha1
    }

    /// Hash `data` in one go.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut h = Hasher::new(self);
        h.update(data);
        h.finish()
    }
}

impl std::str::FromStr for DigestAlgorithm {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().replace('-', "").as_str() {
            "sha256" => Ok(Self::Sha256),
            "sha384" => Ok(Self::Sha384),
            "sha512" => Ok(Self::Sha512),
            "sha1" => Err(Error::unsupported(input::DIGEST_SHA1_REFUSED).with_hint(Hint::UseSha2)),
            _ => Err(Error::usage(input::DIGEST_UNKNOWN).with("name", s)),
        }
    }
}

impl std::fmt::Display for DigestAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// An incremental hasher for one [`DigestAlgorithm`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Hasher {
    /// SHA-1.
    Sha1(sha1::Sha1),
    /// SHA-256.
    Sha256(sha2::Sha256),
    /// SHA-384.
    Sha384(sha2::Sha384),
    /// SHA-512.
    Sha512(sha2::Sha512),
}

impl Hasher {
    /// A fresh hasher.
    pub fn new(alg: DigestAlgorithm) -> Self {
        match alg {
            DigestAlgorithm::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            DigestAlgorithm::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            DigestAlgorithm::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            DigestAlgorithm::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
        }
    }
    /// Feed bytes.
    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }
    /// The digest.
    pub fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

/// Hash a stream with several algorithms in one pass, in constant memory
/// ([`HASH_BUFFER_SIZE`] bytes). Returns the digests in the order of `algs` and the byte count.
pub fn digest_reader(
    reader: &mut dyn Read,
    algs: &[DigestAlgorithm],
) -> std::io::Result<(Vec<Vec<u8>>, u64)> {
    let mut hashers: Vec<Hasher> = algs.iter().map(|a| Hasher::new(*a)).collect();
    let mut buf = vec![0u8; HASH_BUFFER_SIZE];
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let chunk = buf.get(..n).unwrap_or_default();
        for h in &mut hashers {
            h.update(chunk);
        }
        total += n as u64;
    }
    Ok((hashers.into_iter().map(Hasher::finish).collect(), total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_matches_one_shot() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let algs = [DigestAlgorithm::Sha256, DigestAlgorithm::Sha512];
        let (d, n) = digest_reader(&mut &data[..], &algs).unwrap();
        assert_eq!(n, data.len() as u64);
        assert_eq!(d[0], DigestAlgorithm::Sha256.digest(&data));
        assert_eq!(d[1], DigestAlgorithm::Sha512.digest(&data));
        assert_eq!(
            hex::encode(DigestAlgorithm::Sha256.digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn names_and_oids_round_trip() {
        for d in [DigestAlgorithm::Sha256, DigestAlgorithm::Sha384, DigestAlgorithm::Sha512] {
            assert_eq!(d.name().parse::<DigestAlgorithm>().unwrap(), d);
            assert_eq!(DigestAlgorithm::from_oid(&d.oid()), Some(d));
            assert_eq!(d.digest(b"").len(), d.output_len());
        }
        assert!("sha1".parse::<DigestAlgorithm>().is_err());
        assert!("md5".parse::<DigestAlgorithm>().is_err());
    }
}
