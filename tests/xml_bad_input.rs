//! Bad XML input for `kyso verify` (issue #10): the files of `testdata/xml-bad/`, made here from
//! an invoice signed by the demo business (RSA PKCS#1 v1.5, so the same bytes every run) and
//! read by the CLI transcripts `tests/cmd/verify-xml-*.toml`.
//!
//! Regenerate with `cargo test --test xml_bad_input -- --ignored write_fixtures`;
//! `fixtures_are_up_to_date` fails when the committed files differ from what this makes.

#[path = "common/einvoice.rs"]
mod einvoice;

use einvoice::*;
use kyso::verdict::Status;
use std::path::PathBuf;

const AT: &str = "2026-12-08T00:00:00Z";
const SELLER_TIME: &str = "2026-12-08T06:30:00";
const MST: &str = "0101234567";
const DIR: &str = "testdata/xml-bad";

/// What verifying a fixture gives: an error with this code, or a verdict with this status and
/// this code among the first signature's findings.
enum Expect {
    Error(&'static str),
    Verdict(Status, &'static str),
}

/// The invoice signed by the seller.
fn signed() -> String {
    sign(&invoice(MST), "NBan", "seller", &["data"], true, &who("public/business"), SELLER_TIME)
}

/// `xml` with the text between `start` (included) and the next `end` after it (excluded)
/// replaced by `with`.
fn replace_between(xml: &str, start: &str, end: &str, with: &str) -> String {
    let a = xml.find(start).unwrap();
    let b = xml[a..].find(end).unwrap() + a;
    format!("{}{with}{}", &xml[..a], &xml[b..])
}

/// Every fixture: its file name, its bytes, what the library makes of it.
fn fixtures() -> Vec<(&'static str, Vec<u8>, Expect)> {
    let good = signed();
    let mut out: Vec<(&'static str, Vec<u8>, Expect)> = Vec::new();
    // Not XML at all: a PNG header, and plain text.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa".to_vec();
    png.extend_from_slice(
        b"\0\0\0\x0bIDATx\x9cc\xf8\x0f\0\x01\x01\x01\0\x18\xdd\x8d\xb4\0\0\0\0IEND\xaeB`\x82",
    );
    out.push(("png.xml", png, Expect::Error("xml-not-utf8")));
    out.push((
        "plain-text.xml",
        "Hóa đơn số 1 — tổng cộng 1.100.000 đồng\n".as_bytes().to_vec(),
        Expect::Error("xml-malformed"),
    ));
    // Not well-formed: the signed invoice cut short in its SignatureValue (a broken download).
    let cut = good.find("<SignatureValue>").unwrap() + "<SignatureValue>".len() + 40;
    out.push(("truncated.xml", good.as_bytes()[..cut].to_vec(), Expect::Error("xml-malformed")));
    // A DOCTYPE with an external entity, and a billion-laughs entity bomb.
    let xxe = good
        .replacen(
            "?>\n<HDon>",
            "?>\n<!DOCTYPE HDon [<!ENTITY mst SYSTEM \"file:///etc/passwd\">]>\n<HDon>",
            1,
        )
        .replacen("<DChi>", "<DChi>&mst;", 1);
    out.push(("doctype.xml", xxe.into_bytes(), Expect::Error("xml-doctype-refused")));
    let mut bomb = String::from("<!DOCTYPE HDon [\n  <!ENTITY lol \"lol\">\n");
    let mut prev = "lol".to_string();
    for i in 1..=9 {
        let name = format!("lol{i}");
        bomb.push_str(&format!("  <!ENTITY {name} \"{}\">\n", format!("&{prev};").repeat(10)));
        prev = name;
    }
    bomb.push_str("]>");
    let bomb = good.replacen("?>\n<HDon>", &format!("?>\n{bomb}\n<HDon>"), 1).replacen(
        "<THDon>",
        &format!("<THDon>&{prev};"),
        1,
    );
    out.push(("entity-bomb.xml", bomb.into_bytes(), Expect::Error("xml-doctype-refused")));
    // No Signature at all.
    out.push(("unsigned.xml", invoice(MST).into_bytes(), Expect::Error("xmldsig-no-signature")));
    // The seller's Signature copied into another slot: two Signatures with the Id "seller".
    let a = good.find("<Signature ").unwrap();
    let b = good.find("</Signature>").unwrap() + "</Signature>".len();
    let copied = good.replacen("<CCKSKhac/>", &format!("<CCKSKhac>{}</CCKSKhac>", &good[a..b]), 1);
    out.push((
        "same-signature-id.xml",
        copied.into_bytes(),
        Expect::Verdict(Status::Invalid, "xml-duplicate-id"),
    ));
    // The reference "#data" points to no element: DLHDon's Id renamed.
    let missing = good.replacen("<DLHDon Id=\"data\">", "<DLHDon Id=\"data-2026\">", 1);
    out.push((
        "missing-id.xml",
        missing.into_bytes(),
        Expect::Verdict(Status::Invalid, "xmldsig-reference-failed"),
    ));
    // Signed with an XSLT transform, which kyso does not run: never valid.
    let xslt = sign_with_transforms(
        &invoice(MST),
        "NBan",
        "seller",
        &["data"],
        true,
        "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"><xsl:template match=\"/\"><xsl:copy-of select=\".\"/></xsl:template></xsl:stylesheet></Transform>",
        &who("public/business"),
        SELLER_TIME,
    );
    out.push((
        "xslt-transform.xml",
        xslt.into_bytes(),
        Expect::Verdict(Status::Indeterminate, "xmldsig-reference-failed"),
    ));
    // The SignatureValue's base64 cut short by one character.
    let v = good.find("</SignatureValue>").unwrap();
    let truncated = format!("{}{}", &good[..v - 1], &good[v..]);
    out.push((
        "truncated-signature-value.xml",
        truncated.into_bytes(),
        Expect::Verdict(Status::Invalid, "xmldsig-bad-base64"),
    ));
    // An X509Certificate holding base64 that is not a certificate.
    let not_cert = replace_between(
        &good,
        "<X509Certificate>",
        "</X509Certificate>",
        "<X509Certificate>VGhpcyBpcyBub3QgYSBjZXJ0aWZpY2F0ZS4=",
    );
    out.push((
        "not-a-certificate.xml",
        not_cert.into_bytes(),
        Expect::Verdict(Status::Invalid, "xmldsig-certificate-malformed"),
    ));
    out
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(DIR)
}

#[test]
#[ignore = "writes the fixtures"]
fn write_fixtures() {
    std::fs::create_dir_all(dir()).unwrap();
    for (name, bytes, _) in fixtures() {
        std::fs::write(dir().join(name), bytes).unwrap();
    }
}

#[test]
fn fixtures_are_up_to_date() {
    let made = fixtures();
    let mut stale = Vec::new();
    for (name, bytes, _) in &made {
        if std::fs::read(dir().join(name)).ok().as_ref() != Some(bytes) {
            stale.push(*name);
        }
    }
    let mut committed: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    let mut names: Vec<String> = made.iter().map(|(n, _, _)| n.to_string()).collect();
    names.sort();
    assert_eq!(committed, names, "files in {DIR} that the generator does not make, or the reverse");
    assert!(
        stale.is_empty(),
        "{stale:?} differ from what the generator makes: run `cargo test --test xml_bad_input -- --ignored write_fixtures`"
    );
}

/// Every code of the first signature: findings, check details, integrity detail, and the
/// messages nested in them.
fn codes(s: &kyso::verdict::SignatureVerdict) -> Vec<&'static str> {
    fn add(m: &kyso::diag::Message, out: &mut Vec<&'static str>) {
        out.push(m.code.id());
        for (name, _) in m.params.iter() {
            if let Some(inner) = m.params.message(name) {
                add(inner, out);
            }
        }
    }
    let mut out = Vec::new();
    s.findings.iter().for_each(|f| add(&f.message, &mut out));
    s.checks.iter().filter_map(|c| c.check.detail.as_ref()).for_each(|d| add(&d.message, &mut out));
    s.integrity.detail.iter().for_each(|d| add(&d.message, &mut out));
    out
}

#[test]
fn each_fixture_fails_with_its_code() {
    let opts = verify_options(AT);
    // The fixtures are made from a valid signature.
    assert_eq!(kyso::xml::verify_document(signed().as_bytes(), &opts).unwrap().status, Status::Valid);
    for (name, bytes, expect) in fixtures() {
        let r = kyso::xml::verify_document(&bytes, &opts);
        match (expect, r) {
            (Expect::Error(code), Err(e)) => assert_eq!(e.code().id(), code, "{name}: {e}"),
            (Expect::Verdict(status, code), Ok(v)) => {
                assert_eq!(v.status, status, "{name}");
                let s = &v.signatures[0];
                assert_eq!(s.status, status, "{name}");
                assert!(codes(s).contains(&code), "{name}: {:?}", codes(s));
            }
            (_, Err(e)) => panic!("{name}: unexpected error {e}"),
            (_, Ok(v)) => panic!("{name}: unexpected verdict {:?}", v.status),
        }
    }
}
