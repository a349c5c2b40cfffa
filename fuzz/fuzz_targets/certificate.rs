#![no_main]
//! Certificates (PEM bundles or DER), and what kyso derives from one for reports.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(certs) = kyso::Certificate::parse_many(data) {
        for c in certs {
            let _ = (c.subject_string(), c.issuer_string(), c.serial_hex());
            let _ = kyso::inspect::inspect_certificate(&c, time::OffsetDateTime::UNIX_EPOCH);
        }
    }
});
