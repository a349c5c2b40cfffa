#![no_main]
//! Text parsers of user input: distinguished names (`C=VN, O=…, UID=MST:…`), OIDs, CRL reasons.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = kyso::issue::DistinguishedName::parse(s);
    let _ = kyso::issue::Oid::parse(s);
    let _ = kyso::issue::RevocationReason::parse(s);
});
