//! XML signatures with the signer's path validated under both trust domains and the e-invoice
//! profile (issue #10): invoices built by code and signed with the demo PKI of `testdata/pki`
//! (the business as the seller, NBan, public domain; the agency as the tax authority, CQT,
//! government domain), each signature accepted by its own domain and, through the
//! cross-certificates, by the other.

#[path = "common/einvoice.rs"]
mod einvoice;

use einvoice::*;
use kyso::cms::VerifyOptions;
use kyso::verdict::{CheckStatus, DocumentVerdict, SignatureVerdict, Status};
use kyso::{Certificate, TrustStore};

const AT: &str = "2026-12-08T00:00:00Z";
const SELLER_TIME: &str = "2026-12-08T06:30:00";
const CQT_TIME: &str = "2026-12-08T06:45:10";

fn options() -> VerifyOptions {
    verify_options(AT)
}

fn verify(xml: &str) -> DocumentVerdict {
    kyso::xml::verify_document(xml.as_bytes(), &options()).unwrap()
}

fn codes(s: &SignatureVerdict) -> Vec<&'static str> {
    s.findings.iter().map(|f| f.code().id()).collect()
}

fn check<'a>(s: &'a SignatureVerdict, name: &str) -> &'a kyso::verdict::Check {
    &s.checks.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no check {name}")).check
}

fn domains(s: &SignatureVerdict) -> Vec<(&str, bool)> {
    let mut d: Vec<(&str, bool)> =
        s.paths.iter().map(|p| (p.domain.as_str(), p.through_cross_certificate)).collect();
    d.sort();
    d.dedup();
    d
}

#[test]
fn seller_and_tax_authority_each_under_both_domains() {
    let v = verify(&signed_invoice("0101234567", SELLER_TIME, CQT_TIME));
    assert_eq!(v.schema, "kyso.verdict/1");
    assert_eq!(v.status, Status::Valid, "{}", serde_json::to_string_pretty(&v).unwrap());
    assert_eq!(v.findings[0].code().id(), "einvoice-profile");
    let [seller, cqt] = &v.signatures[..] else { panic!("two signatures") };
    assert_eq!(seller.role.as_deref(), Some("seller"));
    assert_eq!(seller.id, "seller");
    assert_eq!(cqt.role.as_deref(), Some("tax-authority"));
    let who = seller.signer.as_ref().unwrap();
    assert_eq!(who.tax_code.as_deref(), Some("0101234567"));
    assert_eq!(who.organization.as_deref(), Some("CÔNG TY TNHH DEMO KÝ SỐ"));
    // Each under its own domain directly, and the other through the cross-certificate.
    assert_eq!(domains(seller), [("gov", true), ("public", false)]);
    assert_eq!(domains(cqt), [("gov", false), ("public", true)]);
    assert_eq!(check(seller, "einvoice-seller-tax-code").status, CheckStatus::Passed);
    assert_eq!(check(seller, "einvoice-coverage").status, CheckStatus::Passed);
    assert_eq!(check(cqt, "einvoice-coverage").status, CheckStatus::Passed);
    assert_eq!(seller.integrity.status, CheckStatus::Passed);
    // SigningTime in Vietnam local time (no zone) is UTC+7.
    let t = seller.signing_time.claimed.as_ref().unwrap();
    assert_eq!(t.utc, "2026-12-07T23:30:00Z");
    assert_eq!(t.vietnam, "2026-12-08T06:30:00+07:00");
    assert!(codes(seller).contains(&"xmldsig-signing-time-unproven"));
    let kyso::verdict::Coverage::XmlReferences { references } = &seller.integrity.covers else { panic!() };
    assert_eq!(references[0], "#data → /HDon/DLHDon");
    assert!(!seller.revocation.is_empty());
}

#[test]
fn wrapped_message_and_notice() {
    let m =
        sign(&message("0101234567"), "NBan", "seller", &["data"], true, &who("public/business"), SELLER_TIME);
    let v = verify(&m);
    assert_eq!(v.status, Status::Valid, "{}", serde_json::to_string_pretty(&v).unwrap());
    assert_eq!(v.signatures[0].role.as_deref(), Some("seller"));
    assert_eq!(v.findings[0].message.params.get("kind"), Some("TDiep"));

    let n = sign(&notice(), "TTCQT", "TTCQT", &["notice"], false, &who("gov/agency"), CQT_TIME);
    let v = verify(&n);
    assert_eq!(v.status, Status::Valid, "{}", serde_json::to_string_pretty(&v).unwrap());
    assert_eq!(v.signatures[0].role.as_deref(), Some("tax-authority"));
}

#[test]
fn tampered_invoice_is_invalid() {
    let xml = signed_invoice("0101234567", SELLER_TIME, CQT_TIME).replace("1100000", "1900000");
    let v = verify(&xml);
    assert_eq!(v.status, Status::Invalid);
    for s in &v.signatures {
        assert_eq!(s.status, Status::Invalid);
        assert_eq!(s.integrity.status, CheckStatus::Failed);
    }
}

#[test]
fn seller_tax_code_rule() {
    // Another company's tax code in the invoice: invalid.
    let v = verify(&signed_invoice("0109999999", SELLER_TIME, CQT_TIME));
    let s = &v.signatures[0];
    assert_eq!(s.status, Status::Invalid);
    assert!(codes(s).contains(&"einvoice-mst-mismatch"), "{:?}", codes(s));
    // A branch of the certificate's company: a match on the base, with a warning.
    let v = verify(&signed_invoice("0101234567-001", SELLER_TIME, CQT_TIME));
    let s = &v.signatures[0];
    assert_eq!(s.status, Status::Valid, "{:?}", codes(s));
    assert!(codes(s).contains(&"einvoice-mst-branch"));
}

#[test]
fn required_coverage() {
    // The seller signs only its SigningTime object: DLHDon is not covered.
    let x = sign(&invoice("0101234567"), "NBan", "seller", &[], true, &who("public/business"), SELLER_TIME);
    let v = verify(&x);
    let s = &v.signatures[0];
    assert_eq!(s.status, Status::Invalid);
    assert!(codes(s).contains(&"einvoice-not-covered"));
    // The tax authority does not cover MCCQT.
    let x =
        sign(&invoice("0101234567"), "NBan", "seller", &["data"], true, &who("public/business"), SELLER_TIME);
    let x = sign(&x, "CQT", "CQT", &["data"], false, &who("gov/agency"), CQT_TIME);
    let v = verify(&x);
    assert_eq!(v.signatures[0].status, Status::Valid);
    let s = &v.signatures[1];
    assert_eq!(s.status, Status::Invalid);
    assert!(
        s.findings
            .iter()
            .any(|f| f.code().id() == "einvoice-not-covered"
                && f.message.params.get("element") == Some("MCCQT"))
    );
}

#[test]
fn wrapped_copy_of_dlhdon_does_not_count() {
    // XSW: the signed DLHDon moved into an Object, a forged DLHDon in its place with another Id.
    let good =
        sign(&invoice("0101234567"), "NBan", "seller", &["data"], true, &who("public/business"), SELLER_TIME);
    let start = good.find("<DLHDon").unwrap();
    let end = good.find("</DLHDon>").unwrap() + "</DLHDon>".len();
    let original = &good[start..end];
    let forged = original.replace("Id=\"data\"", "Id=\"forged\"").replace("1100000", "9900000");
    let x = good.replacen(original, &forged, 1);
    let x = x.replacen("</Signature>", &format!("<Object>{original}</Object></Signature>"), 1);
    let v = verify(&x);
    let s = &v.signatures[0];
    assert_ne!(s.status, Status::Valid);
    assert!(codes(s).contains(&"einvoice-not-covered"), "{:?}", codes(s));
}

#[test]
fn signing_times() {
    // The seller after the tax authority.
    let v = verify(&signed_invoice("0101234567", "2026-12-08T07:00:00", CQT_TIME));
    let s = &v.signatures[0];
    assert_eq!(s.status, Status::Invalid);
    assert!(codes(s).contains(&"einvoice-seller-after-tax-authority"));
    // A SigningTime before the certificate existed.
    let v = verify(&signed_invoice("0101234567", "2020-01-01T00:00:00", CQT_TIME));
    assert!(codes(&v.signatures[0]).contains(&"xmldsig-signing-time-outside-validity"));
}

#[test]
fn without_trust_anchors_indeterminate_not_valid() {
    let xml = signed_invoice("0101234567", SELLER_TIME, CQT_TIME);
    let opts = options().with_store(TrustStore::new());
    let v = kyso::xml::verify_document(xml.as_bytes(), &opts).unwrap();
    assert_eq!(v.status, Status::Indeterminate);
    assert!(v.signatures.iter().all(|s| s.status == Status::Indeterminate && s.paths.is_empty()));
    // Only the government domain: the seller is accepted through the cross-certificate.
    let mut store = TrustStore::new();
    store.add(Certificate::load(pki("gov/root.pem")).unwrap(), "gov root", "gov");
    let v = kyso::xml::verify_document(xml.as_bytes(), &options().with_store(store)).unwrap();
    assert_eq!(v.status, Status::Valid);
    assert_eq!(v.signatures[0].paths.iter().map(|p| p.domain.as_str()).collect::<Vec<_>>(), ["gov"]);
}

#[test]
fn unsupported_transform_is_never_valid() {
    let xml = signed_invoice("0101234567", SELLER_TIME, CQT_TIME).replacen(
        "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>",
        "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>",
        1,
    );
    let v = verify(&xml);
    assert_ne!(v.signatures[0].status, Status::Valid);
    assert_ne!(v.status, Status::Valid);
}

/// The fixture `testdata/einvoice/hdon-nban-cqt.xml` for the CLI transcripts: regenerate with
/// `cargo test --test xml_einvoice -- --ignored write_fixture` (testdata/README.md).
const FIXTURE: &str = "testdata/einvoice/hdon-nban-cqt.xml";

#[test]
#[ignore = "writes the fixture"]
fn write_fixture() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, signed_invoice("0101234567", SELLER_TIME, CQT_TIME)).unwrap();
}

/// The unsigned sample invoice of `kyso demo` (`kyso::demo::SAMPLE_INVOICE`), for the `kyso sign`
/// transcripts: written by `write_fixture`, checked here.
const UNSIGNED: &str = "testdata/einvoice/hoa-don-mau.xml";

#[test]
#[ignore = "writes the fixture"]
fn write_unsigned_fixture() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(UNSIGNED);
    std::fs::write(p, kyso::demo::SAMPLE_INVOICE).unwrap();
}

#[test]
fn unsigned_fixture_is_the_demo_invoice() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(UNSIGNED);
    assert_eq!(std::fs::read_to_string(p).unwrap(), kyso::demo::SAMPLE_INVOICE);
}

#[test]
fn fixture_verifies() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    let v = verify(&std::fs::read_to_string(p).unwrap());
    assert_eq!(v.status, Status::Valid);
    assert_eq!(v.signatures.len(), 2);
}

// Signing with the library (kyso::xml::sign).

fn at(s: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
}

fn chain(p: &str) -> Vec<Certificate> {
    vec![Certificate::load(pki(p)).unwrap()]
}

/// The document without its Signature elements' bytes.
fn without_signatures(s: &str) -> String {
    let mut out = s.to_string();
    while let Some(start) = out.find("<Signature ") {
        let end = out[start..].find("</Signature>").unwrap() + start + "</Signature>".len();
        out.replace_range(start..end, "");
    }
    out
}

#[test]
fn library_signs_seller_and_tax_authority() {
    let b = who("public/business");
    let a = who("gov/agency");
    let input = invoice("0101234567");
    let seller = kyso::xml::sign_invoice_seller(
        input.as_bytes(),
        &b.key,
        &b.cert,
        &chain("public/ca.pem"),
        at("2026-12-07T23:30:00Z"),
    )
    .unwrap();
    let both = kyso::xml::sign_invoice_tax_authority(
        &seller,
        &a.key,
        &a.cert,
        &chain("gov/ca.pem"),
        at("2026-12-07T23:45:00Z"),
    )
    .unwrap();
    let text = String::from_utf8(both).unwrap();
    assert!(text.contains("<SigningTime>2026-12-08T06:30:00</SigningTime>"), "Vietnam local time, no zone");
    // Every byte outside the inserted Signatures is the input's (the empty slots `<NBan/>`,
    // `<CQT/>` now hold them).
    assert_eq!(
        without_signatures(&text),
        input.replace("<NBan/>", "<NBan></NBan>").replace("<CQT/>", "<CQT></CQT>")
    );
    let v = verify(&text);
    assert_eq!(v.status, Status::Valid, "{}", serde_json::to_string_pretty(&v).unwrap());
    let [s, c] = &v.signatures[..] else { panic!() };
    assert_eq!((s.role.as_deref(), s.id.as_str()), (Some("seller"), "seller"));
    assert_eq!((c.role.as_deref(), c.id.as_str()), (Some("tax-authority"), "CQT"));
    assert_eq!(domains(s), [("gov", true), ("public", false)]);
    assert_eq!(domains(c), [("gov", false), ("public", true)]);
    // The seller's shape: the enveloped transform; the tax authority's: none.
    let seller_part = &text[text.find("<Signature ").unwrap()..text.find("</Signature>").unwrap()];
    assert!(seller_part.contains("enveloped-signature"));
    let cqt_part = &text[text.rfind("<Signature ").unwrap()..];
    assert!(!cqt_part.contains("enveloped-signature"));
}

#[test]
fn library_signing_keeps_bytes_and_refuses_an_occupied_slot() {
    let b = who("public/business");
    // A non-empty slot, odd spacing and a comment: every byte kept.
    let input =
        message("0101234567").replace("<NBan/>", "<NBan>\n      <!-- chữ ký người bán -->\n    </NBan >");
    let out =
        kyso::xml::sign_invoice_seller(input.as_bytes(), &b.key, &b.cert, &[], at("2026-12-07T23:30:00Z"))
            .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(without_signatures(&text), input);
    let v = verify(&text);
    assert_eq!(v.status, Status::Valid, "{}", serde_json::to_string_pretty(&v).unwrap());
    let e = kyso::xml::sign_invoice_seller(text.as_bytes(), &b.key, &b.cert, &[], at("2026-12-07T23:30:00Z"))
        .unwrap_err();
    assert_eq!(e.code().id(), "xmldsig-sign-slot-occupied");
    let e = kyso::xml::sign_invoice_seller(b"<a/>", &b.key, &b.cert, &[], at("2026-12-07T23:30:00Z"))
        .unwrap_err();
    assert_eq!(e.code().id(), "einvoice-not-an-invoice");
}

// The command line.

fn kyso_verify(file: &std::path::Path, lang: &str, extra: &[&str]) -> std::process::Output {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_kyso"));
    c.env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES").arg("verify").arg(file);
    for d in ["public", "gov"] {
        c.arg("--domain").arg(format!("{d}={}", pki(&format!("{d}/root.pem")).display()));
    }
    for u in ["cross/public-to-gov.pem", "cross/gov-to-public.pem", "public/ca.pem", "gov/ca.pem"] {
        c.arg("--untrusted").arg(pki(u));
    }
    c.args(["--at", AT, "--lang", lang]).args(extra).output().unwrap()
}

#[test]
fn cli_verifies_xml_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("hoa-don.xml");
    std::fs::write(&good, signed_invoice("0101234567", SELLER_TIME, CQT_TIME)).unwrap();
    let o = kyso_verify(&good, "en", &["--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], "xml");
    assert_eq!(v["signatures"][0]["role"], "seller");
    assert_eq!(v["signatures"][1]["role"], "tax-authority");
    // Tampered: exit 1, the reason in Vietnamese.
    let bad = dir.path().join("sua.xml");
    std::fs::write(&bad, signed_invoice("0109999999", SELLER_TIME, CQT_TIME).replace("1100000", "1900000"))
        .unwrap();
    let o = kyso_verify(&bad, "vi", &[]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("KHÔNG HỢP LỆ") && out.contains("giá trị băm không khớp"), "{out}");
    // Not well-formed: exit 2.
    let broken = dir.path().join("hong.xml");
    std::fs::write(&broken, "<HDon><DLHDon>").unwrap();
    assert_eq!(kyso_verify(&broken, "en", &[]).status.code(), Some(2));
}
