#![no_main]
//! CMS SignedData parse and verification (every signer, its attributes, timestamps, paths) with
//! no trust anchor: everything up to the path verdict runs on the untrusted bytes.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = kyso::cms::VerifyOptions::default();
    let _ = kyso::cms::verify(data, None, &opts);
    let _ = kyso::cms::verify(data, Some(&mut &b"kyso"[..]), &opts);
});
