#![no_main]
//! Private-key files: PKCS#8 (plain and encrypted), PKCS#1, SEC1, OpenSSL encrypted PEM. The first
//! byte chooses whether a passphrase is given (then the key derivation's limits are exercised).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else { return };
    let pass: Option<&[u8]> = if first & 1 == 1 { Some(b"kyso-fuzz") } else { None };
    let _ = kyso::keys::sniff(rest);
    let _ = kyso::keys::describe_encryption(rest);
    let _ = kyso::keys::read_private_key(rest, pass);
});
