#![no_main]
//! PKCS#10 certification requests, with their proof-of-possession check.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(csr) = kyso::issue::Csr::parse(data) {
        let _ = kyso::inspect::inspect_csr(&csr);
    }
});
