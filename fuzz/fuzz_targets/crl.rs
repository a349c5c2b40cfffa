#![no_main]
//! CRLs (PEM or DER).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(crls) = kyso::Crl::parse_many(data) {
        for c in crls {
            let _ = kyso::inspect::inspect_crl(&c, time::OffsetDateTime::UNIX_EPOCH);
        }
    }
});
