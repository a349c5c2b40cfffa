#![no_main]
//! RFC 3161 responses and tokens.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = kyso::cms::tsp::token_from_response(data) {
        let _ = kyso::cms::tsp::token_from_file_data(&token);
    }
    let _ = kyso::cms::tsp::token_from_file_data(data);
});
