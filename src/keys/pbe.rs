//! Limits and errors shared by the readers of password-encrypted keys (PKCS#8 PBES2, legacy
//! PEM, PKCS#12): a hostile file must not make kyso spend unbounded time or memory.

use crate::diag::codes::keys;
use crate::error::{Error, ErrorKind, Result};
use pkcs8::pkcs5::pbes2;

/// Above this PBKDF2 iteration count a file is refused rather than spending minutes on it: a
/// defence against hostile files. OWASP's 2023 figure for PBKDF2-HMAC-SHA256 is 600,000.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
/// Above this much scrypt memory (128 * r * N bytes, RFC 7914 section 2) a file is refused.
/// OpenSSL's own default limit is 32 MiB; we allow more, but not unbounded.
pub const MAX_SCRYPT_MEMORY: u64 = 512 * 1024 * 1024;
/// Above this scrypt work (N·r·p, RFC 7914 section 2: the number of 128-byte block mixes, each
/// done twice) a file is refused before deriving: about a second on one core. OpenSSL writes
/// N=2^14, r=8, p=1 (2^17) by default, age and Go's x/crypto examples 2^15..2^18 with r=8, p=1;
/// the limit, 2^22, accepts N=2^19 with r=8 and p=1. (N=2^19, r=8, p=16 took 20 s.)
pub const MAX_SCRYPT_WORK: u64 = 1 << 22;

pub(crate) fn wrong_passphrase() -> Error {
    Error::new(ErrorKind::Passphrase, keys::KEY_WRONG_PASSPHRASE)
}

/// Refuse key-derivation parameters that would take unbounded time or memory.
pub(crate) fn check_kdf_cost(kdf: &pbes2::Kdf<'_>) -> Result<()> {
    match kdf {
        pbes2::Kdf::Pbkdf2(p) => {
            if p.iteration_count > MAX_PBKDF2_ITERATIONS {
                return Err(Error::unsupported(keys::KEY_PBKDF2_ITERATIONS_TOO_HIGH)
                    .with("count", p.iteration_count)
                    .with("limit", MAX_PBKDF2_ITERATIONS));
            }
        }
        pbes2::Kdf::Scrypt(p) => {
            let memory = 128u64.saturating_mul(u64::from(p.block_size)).saturating_mul(p.cost_parameter);
            if memory > MAX_SCRYPT_MEMORY || p.parallelization > 16 {
                return Err(Error::unsupported(keys::KEY_SCRYPT_TOO_COSTLY)
                    .with("n", p.cost_parameter)
                    .with("r", p.block_size)
                    .with("p", p.parallelization)
                    .with("memory", MAX_SCRYPT_MEMORY >> 20));
            }
            let work = scrypt_work(p);
            if work > MAX_SCRYPT_WORK {
                return Err(Error::unsupported(keys::KEY_SCRYPT_WORK_TOO_HIGH)
                    .with("n", p.cost_parameter)
                    .with("r", p.block_size)
                    .with("p", p.parallelization)
                    .with("work", work)
                    .with("limit", MAX_SCRYPT_WORK));
            }
        }
        _ => return Err(Error::unsupported(keys::KEY_KDF_UNSUPPORTED)),
    }
    Ok(())
}

/// The work of scrypt parameters: N·r·p (saturating).
pub(crate) fn scrypt_work(p: &pbes2::ScryptParams<'_>) -> u64 {
    p.cost_parameter.saturating_mul(u64::from(p.block_size)).saturating_mul(u64::from(p.parallelization))
}

/// The work of a key derivation, in PBKDF2 iterations or scrypt N·r·p (about the same cost per
/// unit): what a file's total budget is charged.
pub(crate) fn kdf_work(kdf: &pbes2::Kdf<'_>) -> u64 {
    match kdf {
        pbes2::Kdf::Pbkdf2(p) => u64::from(p.iteration_count),
        pbes2::Kdf::Scrypt(p) => scrypt_work(p),
        _ => 0,
    }
}
