//! XML-DSig benchmarks (criterion): canonicalization, signing and verifying e-invoices.
//!
//! `cargo bench --bench xml`. scripts/bench-xml.sh compares the CLI with xmlsec1 in one run.
//!
//! - `c14n-10MiB`: inclusive C14N 1.0 of a generated 10 MiB invoice (about 32,000 goods lines)
//!   into a sink that counts the bytes, parsing included (`parse+c14n`) and alone (`c14n`), in
//!   bytes of input per second;
//! - `sign-50KiB/seller-rsa2048`: `xml::sign_invoice_seller` of a 50 KiB invoice with the demo
//!   business key (RSA-2048);
//! - `verify-15KiB-nban-cqt`: `xml::verify_document` of an invoice signed by the seller (public
//!   domain) and the tax authority (government domain), every signer's path validated offline
//!   under both domains with the CRLs required, with one options value for every iteration (CA
//!   signatures checked once), through one `xml::DocumentVerifier` (as a batch: the signers' path
//!   results recalled) and with fresh options each time.

#[path = "../tests/common/einvoice.rs"]
mod einvoice;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use einvoice::{pki, who};
use kyso::cms::VerifyOptions;
use kyso::xml::c14n::{C14N_10, Canonicalization, NodeSet, canonicalize_to};
use kyso::xml::{Document, Limits};
use kyso::{Certificate, Crl, TrustStore};
use std::hint::black_box;

fn at(s: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
}

/// The options of tests/xml_einvoice.rs: both roots in their domains, the CAs and
/// cross-certificates as the untrusted pool, every CRL, revocation required.
fn options() -> VerifyOptions {
    let mut store = TrustStore::new();
    store.add(Certificate::load(pki("public/root.pem")).unwrap(), "public root", "public");
    store.add(Certificate::load(pki("gov/root.pem")).unwrap(), "gov root", "gov");
    let untrusted = ["cross/public-to-gov.pem", "cross/gov-to-public.pem", "public/ca.pem", "gov/ca.pem"]
        .iter()
        .map(|p| Certificate::load(pki(p)).unwrap())
        .collect();
    let crls = ["gov/ca.crl.pem", "gov/root.crl.pem", "public/ca.crl.pem", "public/root.crl.pem"]
        .iter()
        .flat_map(|c| Crl::load_all(pki(c)).unwrap())
        .collect();
    VerifyOptions::default()
        .with_store(store)
        .with_untrusted(untrusted)
        .with_crls(crls)
        .with_at(Some(at("2026-12-08T00:00:00Z")))
        .with_revocation(kyso::revocation::RevocationMode::Require)
}

fn benches(c: &mut Criterion) {
    let seller = who("public/business");
    let cqt = who("gov/agency");

    let big = einvoice::invoice_of_size("0101234567", 10 << 20);
    let method = Canonicalization::from_uri(C14N_10).unwrap();
    let mut g = c.benchmark_group("c14n-10MiB");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    // The canonical form goes to a sink that counts it (as into a digest), not into memory.
    let c14n = |doc: &Document<'_>| {
        let mut len = 0;
        canonicalize_to(doc, &NodeSet::document(false), &method, &mut |piece| len += piece.len());
        len
    };
    g.bench_function("parse+c14n", |b| {
        b.iter(|| {
            let doc = Document::parse(black_box(big.as_bytes()), &Limits::default()).unwrap();
            black_box(c14n(&doc))
        })
    });
    let doc = Document::parse(big.as_bytes(), &Limits::default()).unwrap();
    g.bench_function("c14n", |b| b.iter(|| black_box(c14n(&doc))));
    g.finish();

    let invoice = einvoice::invoice_of_size("0101234567", 50 << 10);
    let t = at("2026-12-07T23:30:00Z");
    let mut g = c.benchmark_group("sign-50KiB");
    g.throughput(Throughput::Elements(1));
    g.bench_function("seller-rsa2048", |b| {
        b.iter(|| {
            kyso::xml::sign_invoice_seller(black_box(invoice.as_bytes()), &seller.key, &seller.cert, &[], t)
                .unwrap()
        })
    });
    g.finish();

    let unsigned = einvoice::invoice_of_size("0101234567", 15 << 10);
    let s = kyso::xml::sign_invoice_seller(unsigned.as_bytes(), &seller.key, &seller.cert, &[], t).unwrap();
    let signed =
        kyso::xml::sign_invoice_tax_authority(&s, &cqt.key, &cqt.cert, &[], at("2026-12-07T23:45:00Z"))
            .unwrap();
    let opts = options();
    assert!(kyso::xml::verify_document(&signed, &opts).unwrap().is_valid());
    let mut g = c.benchmark_group("verify-15KiB-nban-cqt");
    g.throughput(Throughput::Elements(1));
    g.bench_function("shared-options", |b| {
        b.iter(|| {
            let v = kyso::xml::verify_document(black_box(&signed), &opts).unwrap();
            assert!(v.is_valid());
        })
    });
    // A batch's verifier: the signers' path results and certificates recalled.
    let shared = kyso::xml::DocumentVerifier::new(&opts);
    g.bench_function("document-verifier", |b| {
        b.iter(|| {
            let v = shared.verify(black_box(&signed)).unwrap();
            assert!(v.is_valid());
        })
    });
    g.bench_function("fresh-options", |b| {
        b.iter(|| {
            let fresh = opts.clone().with_verifier(Default::default());
            let v = kyso::xml::verify_document(black_box(&signed), &fresh).unwrap();
            assert!(v.is_valid());
        })
    });
    g.finish();
}

criterion_group!(xml_benches, benches);
criterion_main!(xml_benches);
