#![no_main]
//! BER to DER normaliser (what CMS and PKCS#12 readers run first on untrusted bytes).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(der) = kyso::cms::parse::ber_to_der(data) {
        // Normalising DER again changes nothing.
        assert_eq!(kyso::cms::parse::ber_to_der(&der).ok().as_deref(), Some(der.as_slice()));
    }
});
