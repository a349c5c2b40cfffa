//! E-invoices for benchmarks and fixtures, built by `tests/common/einvoice.rs` (the HDon shape of
//! QĐ 1450/QĐ-TCT, as many goods lines as a size needs) and signed through the library with the
//! demo PKI of `testdata/pki`: the demo business as the seller (NBan, RSA-2048,
//! `xml::sign_invoice_seller`) and the demo agency as the tax authority (CQT, ECDSA P-256,
//! `xml::sign_invoice_tax_authority`), each Signature embedding only its signer's certificate
//! (a verifier needs the CAs in its pool). Seller signing time 2026-12-08T06:30:00, CQT
//! 06:45:00 Vietnam time: verify `--at 2026-12-08T00:00:00Z` (or any time the certificates are
//! valid).
//!
//! ```text
//! make_invoices DIR N MIN_KIB [MAX_KIB] [--tampered]
//!     N signed invoices DIR/hdon-00001.xml ... of MIN_KIB to MAX_KIB KiB signed (sizes
//!     spread evenly; at least one goods line, about 7 KiB); --tampered adds DIR/hdon-tampered.xml, the first one with a quantity changed
//!     after signing.
//! make_invoices --unsigned FILE KIB
//!     one unsigned invoice of about KIB KiB (to sign, or to canonicalize).
//! make_invoices --template FILE KIB
//!     the same invoice with an XML-DSig template in DSCKS/NBan for `xmlsec1 --sign`: the
//!     seller's shape (Id="seller", references to #data with the enveloped-signature transform
//!     and to the SigningTime Object, rsa-sha256, an empty X509Data for the certificate).
//! ```
//!
//! scripts/bench-xml.sh uses it; `testdata/einvoice/batch/` is `make_invoices
//! testdata/einvoice/batch 2 7 8 --tampered`.

#[path = "../tests/common/einvoice.rs"]
mod einvoice;

use rayon::prelude::*;
use std::path::Path;

const MST: &str = "0101234567";

fn usage() -> ! {
    eprintln!(
        "usage: make_invoices DIR N MIN_KIB [MAX_KIB] [--tampered]\n       make_invoices --unsigned|--template FILE KIB"
    );
    std::process::exit(2);
}

fn at(s: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
}

/// The invoice of about `size` bytes signed by the seller and the tax authority.
fn signed(size: usize, seller: &einvoice::Who, cqt: &einvoice::Who) -> Vec<u8> {
    let unsigned = einvoice::invoice_of_size(MST, size);
    let s = kyso::xml::sign_invoice_seller(
        unsigned.as_bytes(),
        &seller.key,
        &seller.cert,
        &[],
        at("2026-12-07T23:30:00Z"),
    )
    .unwrap();
    kyso::xml::sign_invoice_tax_authority(&s, &cqt.key, &cqt.cert, &[], at("2026-12-07T23:45:00Z")).unwrap()
}

/// The seller's Signature as an `xmlsec1 --sign` template (empty digests, value, X509Data).
fn seller_template() -> String {
    const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
    const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
    format!(
        r##"<Signature xmlns="{DS}" Id="seller"><SignedInfo><CanonicalizationMethod Algorithm="{c14n}"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI="#data"><Transforms><Transform Algorithm="{DS}enveloped-signature"/></Transforms><DigestMethod Algorithm="{SHA256}"/><DigestValue></DigestValue></Reference><Reference URI="#seller-SigningTime"><DigestMethod Algorithm="{SHA256}"/><DigestValue></DigestValue></Reference></SignedInfo><SignatureValue></SignatureValue><KeyInfo><X509Data></X509Data></KeyInfo><Object Id="seller-SigningTime"><SignatureProperties xmlns=""><SignatureProperty Target="#seller"><SigningTime>2026-12-08T06:30:00</SigningTime></SignatureProperty></SignatureProperties></Object></Signature>"##,
        c14n = einvoice::C14N10
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(mode @ ("--unsigned" | "--template")) = args.first().map(String::as_str) {
        let [_, file, kib] = args.as_slice() else { usage() };
        let kib: usize = kib.parse().unwrap_or_else(|_| usage());
        let mut xml = einvoice::invoice_of_size(MST, kib * 1024);
        if mode == "--template" {
            xml = xml.replacen("<NBan/>", &format!("<NBan>{}</NBan>", seller_template()), 1);
        }
        std::fs::write(file, xml).unwrap();
        return;
    }
    let tampered = args.iter().any(|a| a == "--tampered");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--tampered").collect();
    let (dir, n, min, max) = match args.as_slice() {
        [d, n, min] => (d, n, min, min),
        [d, n, min, max] => (d, n, min, max),
        _ => usage(),
    };
    let n: usize = n.parse().unwrap_or_else(|_| usage());
    let (min, max): (usize, usize) = match (min.parse::<usize>(), max.parse::<usize>()) {
        (Ok(a), Ok(b)) if a <= b => (a * 1024, b * 1024),
        _ => usage(),
    };
    let dir = Path::new(dir.as_str());
    std::fs::create_dir_all(dir).unwrap();
    let seller = einvoice::who("public/business");
    let cqt = einvoice::who("gov/agency");
    // The sizes are the signed files': the two Signatures take about 5 KiB.
    let small = einvoice::invoice_of_size(MST, 0);
    let overhead = signed(0, &seller, &cqt).len() - small.len();
    (0..n).into_par_iter().for_each(|i| {
        let size = if n > 1 { min + (max - min) * i / (n - 1) } else { min };
        let size = size.saturating_sub(overhead);
        std::fs::write(dir.join(format!("hdon-{:05}.xml", i + 1)), signed(size, &seller, &cqt)).unwrap();
    });
    if tampered {
        let first = std::fs::read_to_string(dir.join("hdon-00001.xml")).unwrap();
        let changed = first.replacen("<SLuong>2</SLuong>", "<SLuong>20</SLuong>", 1);
        assert_ne!(changed, first, "no quantity to change");
        std::fs::write(dir.join("hdon-tampered.xml"), changed).unwrap();
    }
}
