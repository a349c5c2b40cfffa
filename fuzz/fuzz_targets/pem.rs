#![no_main]
//! The PEM/DER block reader used for every certificate, CRL and key file.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = kyso::io::decode_pem_or_der(data);
});
