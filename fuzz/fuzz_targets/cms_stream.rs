#![no_main]
//! Attached signatures read as a stream (large files): the BER walk over the eContent, its
//! hashing, the PEM stream decoder, and then verification of what follows, with no trust anchor.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = kyso::cms::VerifyOptions::default();
    let _ = kyso::cms::verify::verify_attached_stream(&mut &data[..], &opts);
    if let Ok(pem) = kyso::io::PemReader::new(data) {
        let mut r = std::io::BufReader::with_capacity(4096, pem);
        let _ = kyso::cms::verify::verify_attached_stream(&mut r, &opts);
    }
});
