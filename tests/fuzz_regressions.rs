//! Inputs the fuzzers found (or that exercised a fix), replayed on every `cargo test`: each
//! file under `testdata/fuzz/<target>/` goes through the same calls as `fuzz/fuzz_targets/<target>.rs`
//! and must return (an error is fine) without panicking, in bounded time.

use std::path::Path;

fn replay(target: &str, data: &[u8]) {
    match target {
        "ber" => {
            let _ = kyso::cms::parse::ber_to_der(data);
        }
        "pem" => {
            let _ = kyso::io::decode_pem_or_der(data);
        }
        "certificate" => {
            if let Ok(certs) = kyso::Certificate::parse_many(data) {
                for c in certs {
                    let _ = kyso::inspect::inspect_certificate(&c, time::OffsetDateTime::UNIX_EPOCH);
                }
            }
        }
        "crl" => {
            if let Ok(crls) = kyso::Crl::parse_many(data) {
                for c in crls {
                    let _ = kyso::inspect::inspect_crl(&c, time::OffsetDateTime::UNIX_EPOCH);
                }
            }
        }
        "csr" => {
            if let Ok(csr) = kyso::issue::Csr::parse(data) {
                let _ = kyso::inspect::inspect_csr(&csr);
            }
        }
        "private_key" => {
            if let Some((first, rest)) = data.split_first() {
                let pass: Option<&[u8]> = if first & 1 == 1 { Some(b"kyso-fuzz") } else { None };
                let _ = kyso::keys::read_private_key(rest, pass);
            }
        }
        "pkcs12" => {
            let _ = kyso::keys::pkcs12::import(data, b"kyso-fuzz");
        }
        "cms_verify" => {
            let _ = kyso::cms::verify(data, None, &kyso::cms::VerifyOptions::default());
        }
        "timestamp" => {
            let _ = kyso::cms::tsp::token_from_response(data);
            let _ = kyso::cms::tsp::token_from_file_data(data);
        }
        "names" => {
            if let Ok(s) = std::str::from_utf8(data) {
                let _ = kyso::issue::DistinguishedName::parse(s);
            }
        }
        "xml_verify" => {
            use kyso::xml::c14n::{self, Canonicalization, NodeSet};
            if let Ok(doc) = kyso::xml::Document::parse(data, &kyso::xml::Limits::default()) {
                for uri in [c14n::C14N_10_COMMENTS, c14n::C14N_11, c14n::EXC_C14N] {
                    let method = Canonicalization::from_uri(uri).unwrap();
                    let _ = c14n::canonicalize(&doc, &NodeSet::document(true), &method);
                    if let Some(first) = doc.root_element().children().next() {
                        let _ = c14n::canonicalize(&doc, &NodeSet::subtree(first, false), &method);
                    }
                }
            }
            let mut opts = kyso::xml::VerifyOptions::default();
            opts.allow_legacy = true;
            let _ = kyso::xml::verify(data, &opts);
            let _ = kyso::xml::verify_document(data, &kyso::cms::VerifyOptions::default());
        }
        other => panic!("testdata/fuzz/{other}: no such fuzz target"),
    }
}

#[test]
fn fuzz_regression_inputs_are_handled() {
    let root = Path::new("testdata/fuzz");
    let mut replayed = 0;
    for target in std::fs::read_dir(root).unwrap() {
        let target = target.unwrap().path();
        if !target.is_dir() {
            continue;
        }
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        for input in std::fs::read_dir(&target).unwrap() {
            let input = input.unwrap().path();
            if input.extension().is_some_and(|e| e == "md") {
                continue;
            }
            replay(&name, &std::fs::read(&input).unwrap());
            replayed += 1;
        }
    }
    println!("replayed {replayed} fuzz regression inputs");
    assert!(replayed >= 5, "the regression inputs in testdata/fuzz are missing");
}
