#![no_main]
//! PKCS#12 files (MAC, shrouded key bags, encrypted certificate bags, BER encodings).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = kyso::keys::pkcs12::import(data, b"kyso-fuzz");
});
