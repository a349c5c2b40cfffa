#![no_main]
//! XML reading, canonicalization (every algorithm, over the document and over each element
//! with an Id), XML-DSig verification of every Signature with legacy algorithms allowed so that
//! every code path runs, and the document verdict with the e-invoice profile
//! (`xml::verify_document`: signer paths, roles, coverage, tax code): all on untrusted bytes.
use kyso::xml::c14n::{self, Canonicalization, NodeSet};
use kyso::xml::{Document, Limits, VerifyOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = Document::parse(data, &Limits::default()) {
        for uri in [c14n::C14N_10_COMMENTS, c14n::C14N_11, c14n::EXC_C14N] {
            let Some(method) = Canonicalization::from_uri(uri) else { continue };
            let _ = c14n::canonicalize(&doc, &NodeSet::document(true), &method);
            let root = doc.root_element();
            if let Some(first) = root.children().next() {
                let _ = c14n::canonicalize(&doc, &NodeSet::subtree(first, false), &method);
            }
        }
    }
    let mut opts = VerifyOptions::default();
    opts.allow_legacy = true;
    let _ = kyso::xml::verify(data, &opts);
    let _ = kyso::xml::verify_document(data, &kyso::cms::VerifyOptions::default());
});
