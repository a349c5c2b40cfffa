//! Attacks on signed e-invoices (issue #10): invoices built by code and signed with the demo
//! PKI of `testdata/pki` (tests/common/einvoice.rs), then rearranged, wrapped, commented or
//! given a DTD the way an attacker would. Every attack must fail — the verdict invalid, or
//! indeterminate and never valid, or a typed input error — and each test asserts the reason
//! code that makes it fail.
//!
//! - Signature wrapping (XSW 1–8 of Somorovsky et al., "On Breaking SAML", adapted to the
//!   invoice): the signed `DLHDon` moved elsewhere (a wrapper, inside the forged one, the
//!   Signature's Object or KeyInfo, the signature slot, a message header) with a forged `DLHDon`
//!   where the profile reads it; the same with the forged one carrying the signed Id (any of
//!   `Id`, `ID`, `id`, `xml:id`); the Signature moved out of its slot; a signature over a copy;
//!   a forged `DLHDon` beside the signed one in an Object; a second `HDon`.
//! - Comments and processing instructions inside signed text: the digest ignores comments, so
//!   the signature stays valid, and the profile must read the whole text.
//! - DTDs: a DOCTYPE, an internal entity bomb, external entities: refused before any expansion.
//! - Limits: nesting depth, attributes, size, nodes.

#[path = "common/einvoice.rs"]
mod einvoice;

use einvoice::*;
use kyso::diag::Message;
use kyso::verdict::{CheckStatus, DocumentVerdict, SignatureVerdict, Status};

const AT: &str = "2026-12-08T00:00:00Z";
const SELLER_TIME: &str = "2026-12-08T06:30:00";
const CQT_TIME: &str = "2026-12-08T06:45:10";
/// The tax code in the demo business's certificate.
const MST: &str = "0101234567";

fn try_verify(xml: &str) -> kyso::Result<DocumentVerdict> {
    kyso::xml::verify_document(xml.as_bytes(), &verify_options(AT))
}

fn verify(xml: &str) -> DocumentVerdict {
    try_verify(xml).unwrap()
}

/// Every code a signature's verdict reports: its findings, its checks' details and the
/// integrity detail, with the typed messages nested in them (`reason`, ...).
fn codes(s: &SignatureVerdict) -> Vec<&'static str> {
    fn add(m: &Message, out: &mut Vec<&'static str>) {
        out.push(m.code.id());
        for (name, _) in m.params.iter() {
            if let Some(inner) = m.params.message(name) {
                add(inner, out);
            }
        }
    }
    let mut out = Vec::new();
    for f in &s.findings {
        add(&f.message, &mut out);
    }
    for c in &s.checks {
        if let Some(d) = &c.check.detail {
            add(&d.message, &mut out);
        }
    }
    if let Some(d) = &s.integrity.detail {
        add(&d.message, &mut out);
    }
    out
}

/// The findings of `s` with code `code`.
fn findings<'a>(s: &'a SignatureVerdict, code: &str) -> Vec<&'a kyso::diag::Finding> {
    s.findings.iter().filter(|f| f.code().id() == code).collect()
}

fn json(v: &DocumentVerdict) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// The invoice signed by the seller (NBan) and the tax authority (CQT).
fn both() -> String {
    signed_invoice(MST, SELLER_TIME, CQT_TIME)
}

/// `xml` signed by the seller only, over `DLHDon`.
fn seller_signs(xml: &str) -> String {
    sign(xml, "NBan", "seller", &["data"], true, &who("public/business"), SELLER_TIME)
}

/// The byte range of the first element `<name ...>...</name>` of `xml` (not nested in itself).
fn element(xml: &str, name: &str) -> std::ops::Range<usize> {
    let start = xml
        .match_indices(&format!("<{name}"))
        .map(|(i, _)| i)
        .find(|i| matches!(xml.as_bytes()[i + name.len() + 1], b' ' | b'>'))
        .unwrap_or_else(|| panic!("no <{name}>"));
    let close = format!("</{name}>");
    let end = xml[start..].find(&close).unwrap() + start + close.len();
    start..end
}

/// A forged copy of the signed `DLHDon`: another Id (or the same, `id_attr`), a larger total.
fn forge(original: &str, id_attr: &str) -> String {
    let f = original.replacen("Id=\"data\"", id_attr, 1).replace("1100000", "9900000");
    assert_ne!(f, original);
    f
}

/// `xml` with the signed `DLHDon` replaced by `forged`, and `place(with_forged, original)`
/// putting the original somewhere else.
fn wrap(xml: &str, forged: &str, place: impl Fn(&str, &str) -> String) -> String {
    let r = element(xml, "DLHDon");
    let original = xml[r.clone()].to_string();
    let mut x = xml.to_string();
    x.replace_range(r, forged);
    place(&x, &original)
}

/// `original` with `xmlns=""`, for a place under the XML-DSig default namespace (an attacker
/// keeps the original in no namespace so that its digest is unchanged).
fn no_ns(original: &str) -> String {
    original.replacen("<DLHDon ", "<DLHDon xmlns=\"\" ", 1)
}

/// Insert `what` just before the first `before` of `xml`.
fn insert_before(xml: &str, before: &str, what: &str) -> String {
    let i = xml.find(before).unwrap_or_else(|| panic!("no {before}"));
    format!("{}{what}{}", &xml[..i], &xml[i..])
}

/// Insert `what` just after the first `after` of `xml`.
fn insert_after(xml: &str, after: &str, what: &str) -> String {
    let i = xml.find(after).unwrap_or_else(|| panic!("no {after}")) + after.len();
    format!("{}{what}{}", &xml[..i], &xml[i..])
}

type Place = fn(&str, &str) -> String;

/// Where the signed `DLHDon` goes while a forged one takes its place (the XSW variants).
const PLACES: &[(&str, Place)] = &[
    // XSW2-like: a wrapper element beside the invoice's parts.
    ("a wrapper under HDon", |x, o| insert_before(x, "<MCCQT", &format!("<Wrapper>{o}</Wrapper>"))),
    // XSW3-like: before the forged one, in a wrapper.
    ("a wrapper before the forged one", |x, o| insert_before(x, "<DLHDon", &format!("<Ext>{o}</Ext>"))),
    // XSW4/5-like: inside the forged one.
    ("inside the forged DLHDon", |x, o| insert_before(x, "</DLHDon>", o)),
    // XSW1/8-like: in an Object of the seller's Signature.
    ("an Object of the seller's Signature", |x, o| {
        insert_before(x, "</Signature>", &format!("<Object>{}</Object>", no_ns(o)))
    }),
    // XSW7-like: an extension point the verifier ignores (KeyInfo).
    ("the seller's KeyInfo", |x, o| insert_after(x, "<KeyInfo>", &no_ns(o))),
    // XSW6-like: beside the Signature in its slot.
    ("the seller's slot beside its Signature", |x, o| insert_before(x, "</NBan>", o)),
    // In DSCKS, as if it were a slot.
    ("DSCKS", |x, o| insert_after(x, "<DSCKS>", o)),
];

#[test]
fn xsw_signed_data_wrapped_and_forged_data_in_its_place() {
    for (place, f) in PLACES {
        let good = both();
        let original = &good[element(&good, "DLHDon")];
        let x = wrap(&good, &forge(original, "Id=\"forged\""), f);
        let v = verify(&x);
        assert_eq!(v.status, Status::Invalid, "{place}: {}", json(&v));
        let [seller, cqt] = &v.signatures[..] else { panic!("{place}: two signatures") };
        for s in [seller, cqt] {
            assert_eq!(s.status, Status::Invalid, "{place}");
            // The signed bytes are intact (a real wrapping attack): the profile catches it.
            assert_eq!(s.integrity.status, CheckStatus::Passed, "{place}: {:?}", codes(s));
            let not_covered = findings(s, "einvoice-not-covered");
            assert!(
                not_covered.iter().any(|f| f.message.params.get("element") == Some("DLHDon")),
                "{place}: {:?}",
                codes(s)
            );
            assert!(codes(s).contains(&"einvoice-duplicate-element"), "{place}: {:?}", codes(s));
        }
        // The forged tax code is not read as the seller's: it is not signed.
        assert!(codes(seller).contains(&"einvoice-mst-not-in-invoice"), "{place}: {:?}", codes(seller));
        assert!(!codes(seller).contains(&"einvoice-mst-matches"), "{place}");
        // The verdict says where the signed data really is.
        let kyso::verdict::Coverage::XmlReferences { references } = &seller.integrity.covers else {
            panic!()
        };
        assert!(!references.contains(&"#data → /HDon/DLHDon".to_string()), "{place}: {references:?}");
    }
}

#[test]
fn xsw_in_a_message_header() {
    // The signed DLHDon moved into the TDiep header, a forged one in its place.
    let good = seller_signs(&message(MST));
    let original = &good[element(&good, "DLHDon")];
    let x = wrap(&good, &forge(original, "Id=\"forged\""), |x, o| insert_before(x, "</TTChung>", o));
    let v = verify(&x);
    let s = &v.signatures[0];
    assert_eq!(s.status, Status::Invalid, "{}", json(&v));
    assert_eq!(s.integrity.status, CheckStatus::Passed);
    assert!(codes(s).contains(&"einvoice-not-covered"), "{:?}", codes(s));
}

#[test]
fn xsw_forged_data_carrying_the_signed_id() {
    // Two elements with the Id of DLHDon (in any of the spellings the verifier registers): the
    // reference is ambiguous and never resolves.
    for id_attr in ["Id=\"data\"", "ID=\"data\"", "id=\"data\"", "xml:id=\"data\""] {
        for (place, f) in &PLACES[..3] {
            let good = both();
            let original = &good[element(&good, "DLHDon")];
            let x = wrap(&good, &forge(original, id_attr), f);
            let v = verify(&x);
            assert_eq!(v.status, Status::Invalid, "{id_attr} {place}");
            for s in &v.signatures {
                assert_eq!(s.status, Status::Invalid, "{id_attr} {place}");
                assert_eq!(s.integrity.status, CheckStatus::Failed, "{id_attr} {place}");
                let d = s.integrity.detail.as_ref().unwrap();
                assert_eq!(d.code().id(), "xml-duplicate-id", "{id_attr} {place}");
                assert_eq!(d.message.params.get("id"), Some("data"));
            }
        }
    }
    // An Id in another namespace is not an ID for the verifier: the reference finds the signed
    // original in its wrapper, and the profile sees that the forged one in place is not covered.
    let good = both();
    let original = &good[element(&good, "DLHDon")];
    let forged = forge(original, "x:Id=\"data\" xmlns:x=\"urn:x\"");
    let v = verify(&wrap(&good, &forged, PLACES[0].1));
    for s in &v.signatures {
        assert_eq!(s.status, Status::Invalid);
        assert!(codes(s).contains(&"einvoice-not-covered"), "{:?}", codes(s));
    }
}

#[test]
fn forged_data_beside_the_signed_one_in_an_object() {
    // The signed DLHDon stays where it is; a forged one sits in an Object of the seller's
    // Signature, with the signed Id (ambiguous reference) or another (two DLHDon: ambiguous
    // document; a reader searching by name may take either).
    let good = both();
    let original = good[element(&good, "DLHDon")].to_string();
    for (id_attr, code) in
        [("Id=\"data\"", "xml-duplicate-id"), ("Id=\"data2\"", "einvoice-duplicate-element")]
    {
        let forged = no_ns(&forge(&original, id_attr));
        let x = insert_before(&good, "</Signature>", &format!("<Object>{forged}</Object>"));
        let v = verify(&x);
        assert_eq!(v.status, Status::Invalid, "{id_attr}: {}", json(&v));
        for s in &v.signatures {
            assert_eq!(s.status, Status::Invalid, "{id_attr}");
            assert!(codes(s).contains(&code), "{id_attr}: {:?}", codes(s));
        }
    }
}

#[test]
fn signature_moved_out_of_its_slot() {
    // The seller's Signature, intact, moved out of DSCKS/NBan: it has no e-invoice role, so
    // what it must cover cannot be checked; never valid.
    let good = seller_signs(&invoice(MST));
    let r = element(&good, "Signature");
    let sig = good[r.clone()].to_string();
    let mut emptied = good.clone();
    emptied.replace_range(r, "");
    for (place, x) in [
        ("under HDon", insert_before(&emptied, "<DSCKS>", &sig)),
        // Inside the data it signs (the enveloped transform removes it from the digest).
        ("inside DLHDon", insert_before(&emptied, "</DLHDon>", &sig)),
        ("inside MCCQT's parent, after DSCKS", insert_before(&emptied, "</HDon>", &sig)),
    ] {
        let v = verify(&x);
        let s = &v.signatures[0];
        assert_eq!(s.integrity.status, CheckStatus::Passed, "{place}: {:?}", codes(s));
        assert_ne!(s.status, Status::Valid, "{place}: {}", json(&v));
        assert_ne!(v.status, Status::Valid, "{place}");
        assert_eq!(s.role, None, "{place}");
        assert!(codes(s).contains(&"einvoice-signature-outside-dscks"), "{place}: {:?}", codes(s));
    }
    // Into the tax authority's slot: it must then cover MCCQT too.
    let x = emptied.replacen("<CQT/>", &format!("<CQT>{sig}</CQT>"), 1);
    let v = verify(&x);
    let s = &v.signatures[0];
    assert_eq!(s.role.as_deref(), Some("tax-authority"));
    assert_eq!(s.status, Status::Invalid, "{}", json(&v));
    assert!(
        findings(s, "einvoice-not-covered").iter().any(|f| f.message.params.get("element") == Some("MCCQT")),
        "{:?}",
        codes(s)
    );
    // In a message: moved into the TDiep header.
    let good = seller_signs(&message(MST));
    let r = element(&good, "Signature");
    let sig = good[r.clone()].to_string();
    let mut x = good.clone();
    x.replace_range(r, "");
    let x = insert_before(&x, "</TTChung>", &sig);
    let v = verify(&x);
    assert_ne!(v.signatures[0].status, Status::Valid);
    assert!(codes(&v.signatures[0]).contains(&"einvoice-signature-outside-dscks"));
}

#[test]
fn signature_over_a_copy() {
    // The seller signs a copy of the invoice data (Id "data") kept in another slot, and the
    // DLHDon the profile reads carries another Id: a valid signature over the wrong element.
    let inv = invoice(MST);
    let r = element(&inv, "DLHDon");
    let copy = inv[r.clone()].to_string();
    let shown = copy.replacen("Id=\"data\"", "Id=\"shown\"", 1);
    let mut x = inv.clone();
    x.replace_range(r, &shown);
    let x = x.replacen("<CCKSKhac/>", &format!("<CCKSKhac>{copy}</CCKSKhac>"), 1);
    let signed = seller_signs(&x);
    // ... and the shown one is then changed at will.
    for doc in [signed.clone(), signed.replacen("1100000", "9900000", 1)] {
        let v = verify(&doc);
        let s = &v.signatures[0];
        assert_eq!(s.integrity.status, CheckStatus::Passed);
        assert_eq!(s.status, Status::Invalid, "{}", json(&v));
        assert!(codes(s).contains(&"einvoice-not-covered"), "{:?}", codes(s));
        assert!(codes(s).contains(&"einvoice-mst-not-in-invoice"), "{:?}", codes(s));
    }
}

#[test]
fn two_signatures_with_the_same_id() {
    // The tax authority's Signature given the seller's Id, or the seller's Signature copied into
    // another slot: what points at "seller" is ambiguous; both are refused.
    let good = both();
    let renamed = good.replacen("Id=\"CQT\"", "Id=\"seller\"", 1);
    let sig = good[element(&good, "Signature")].to_string();
    let copied = good.replacen("<CCKSKhac/>", &format!("<CCKSKhac>{sig}</CCKSKhac>"), 1);
    for (what, x) in [("renamed", renamed), ("copied", copied)] {
        let v = verify(&x);
        assert_eq!(v.status, Status::Invalid, "{what}: {}", json(&v));
        let same: Vec<&SignatureVerdict> = v.signatures.iter().filter(|s| s.id == "seller").collect();
        assert_eq!(same.len(), 2, "{what}");
        for s in same {
            assert_eq!(s.status, Status::Invalid, "{what}");
            let c = &s.checks.iter().find(|c| c.name == "signature-value").unwrap().check;
            assert_eq!(c.detail.as_ref().unwrap().code().id(), "xml-duplicate-id", "{what}: {:?}", codes(s));
        }
    }
}

#[test]
fn a_second_invoice() {
    let good = seller_signs(&message(MST));
    let hdon = good[element(&good, "HDon")].to_string();
    let forged = hdon
        .replace("Id=\"data\"", "Id=\"other\"")
        .replace("Id=\"mccqt\"", "Id=\"other-mccqt\"")
        .replace("1100000", "9900000");
    let forged = {
        // The forged invoice is unsigned.
        let r = element(&forged, "Signature");
        let mut f = forged.clone();
        f.replace_range(r, "");
        f
    };
    // An unsigned invoice after the signed one in the message, or before it.
    for (order, x) in [
        ("after", good.replacen(&hdon, &format!("{hdon}{forged}"), 1)),
        ("before", good.replacen(&hdon, &format!("{forged}{hdon}"), 1)),
    ] {
        let v = verify(&x);
        assert_ne!(v.status, Status::Valid, "{order}: {}", json(&v));
        let s = &v.signatures[0];
        assert_ne!(s.status, Status::Valid, "{order}");
        assert!(codes(s).contains(&"einvoice-several-invoices"), "{order}: {:?}", codes(s));
    }
    // A second HDon inside the invoice.
    let good = both();
    let x = insert_before(&good, "<DSCKS>", &forged);
    let v = verify(&x);
    assert_eq!(v.status, Status::Invalid, "{}", json(&v));
    for s in &v.signatures {
        assert_eq!(s.integrity.status, CheckStatus::Passed);
        assert!(codes(s).contains(&"einvoice-duplicate-element"), "{:?}", codes(s));
    }
}

#[test]
fn duplicated_parts_of_the_signed_data() {
    // Inside the signed DLHDon, a second seller block or a second MST: the seller signed an
    // ambiguous invoice (a reader may take either value).
    for (what, x) in [
        ("MST", invoice(MST).replacen("</MST>", "</MST><MST>0109999999</MST>", 1)),
        ("NBan", invoice(MST).replacen("<NMua>", "<NBan><MST>0109999999</MST></NBan><NMua>", 1)),
    ] {
        let v = verify(&seller_signs(&x));
        let s = &v.signatures[0];
        assert_eq!(s.integrity.status, CheckStatus::Passed);
        assert_eq!(s.status, Status::Invalid, "{what}: {}", json(&v));
        let d = findings(s, "einvoice-duplicate-element");
        assert!(d.iter().any(|f| f.message.params.get("element") == Some(what)), "{what}: {:?}", codes(s));
    }
}

#[test]
fn comments_and_processing_instructions_in_the_seller_tax_code() {
    // Split so that the first piece alone differs from the certificate's tax code: the whole
    // text matches. Comments are not in the digest: inserted after signing, the signature
    // holds. Processing instructions are (C14N keeps them): the seller signs with one inside.
    let good = seller_signs(&invoice(MST));
    let split_mst = |xml: &str, split: &str| {
        xml.replacen(&format!("<MST>{MST}</MST>"), &format!("<MST>{split}</MST>"), 1)
    };
    for (split, x) in [
        ("comment", split_mst(&good, "0101<!-- x -->234567")),
        ("comments", split_mst(&good, "<!---->0101234<!-- a --><!-- b -->567<!---->")),
        ("processing instruction", seller_signs(&split_mst(&invoice(MST), "0101<?pi x?>234567"))),
        ("both", seller_signs(&split_mst(&invoice(MST), "01<?pi x?>01<!-- x -->234567"))),
    ] {
        assert!(!x.contains(&format!("<MST>{MST}</MST>")));
        let v = verify(&x);
        let s = &v.signatures[0];
        assert_eq!(s.status, Status::Valid, "{split}: {}", json(&v));
        let check = &s.checks.iter().find(|c| c.name == "einvoice-seller-tax-code").unwrap().check;
        let d = check.detail.as_ref().unwrap();
        assert_eq!(d.code().id(), "einvoice-mst-matches", "{split}");
        assert_eq!(d.message.params.get("invoice"), Some(MST), "{split}");
    }
    // The first piece alone would match; the whole text does not.
    let signed = seller_signs(&invoice("0101234567999"));
    let x = signed.replacen("0101234567999", "0101234567<!-- x -->999", 1);
    let v = verify(&x);
    let s = &v.signatures[0];
    assert_eq!(s.integrity.status, CheckStatus::Passed);
    assert_eq!(s.status, Status::Invalid, "{}", json(&v));
    let m = findings(s, "einvoice-mst-mismatch");
    assert_eq!(m.len(), 1, "{:?}", codes(s));
    assert_eq!(m[0].message.params.get("invoice"), Some("0101234567999"));
    // A comment does not hide a change of the text either.
    let x = good.replacen(&format!("<MST>{MST}</MST>"), "<MST>0101<!-- x -->999999</MST>", 1);
    let v = verify(&x);
    assert_eq!(v.signatures[0].integrity.status, CheckStatus::Failed);
    assert!(codes(&v.signatures[0]).contains(&"xmldsig-digest-mismatch"));
}

#[test]
fn comments_in_signature_values_and_signing_time() {
    // Base64 and the SigningTime read across comments.
    let good = both();
    let x = good.replacen("<SignatureValue>", "<SignatureValue><!-- a -->", 1).replacen(
        "<SigningTime>2026-12-08T06:30",
        "<SigningTime>2026-12-08<!-- b -->T06:30",
        1,
    );
    let v = verify(&x);
    assert_eq!(v.status, Status::Valid, "{}", json(&v));
    let t = v.signatures[0].signing_time.claimed.as_ref().unwrap();
    assert_eq!(t.vietnam, "2026-12-08T06:30:00+07:00");
}

/// A DOCTYPE in front of the signed invoice's root, after the XML declaration.
fn with_doctype(doctype: &str, entity_use: Option<&str>) -> String {
    let good = both();
    let mut x = good.replacen("?>\n<HDon>", &format!("?>\n{doctype}\n<HDon>"), 1);
    if let Some(e) = entity_use {
        x = x.replacen("<THDon>", &format!("<THDon>{e}"), 1);
    }
    x
}

#[test]
fn dtds_are_refused_before_any_expansion() {
    // Billion laughs: 10 levels of 10 references, 10^10 "lol" once expanded.
    let mut bomb = String::from("<!DOCTYPE HDon [\n<!ENTITY lol \"lol\">\n");
    let mut prev = "lol".to_string();
    for i in 1..=10 {
        let name = format!("lol{i}");
        bomb.push_str(&format!("<!ENTITY {name} \"{}\">\n", format!("&{prev};").repeat(10)));
        prev = name;
    }
    bomb.push_str("]>");
    // A quadratic blowup: one large entity referenced many times.
    let quadratic = format!("<!DOCTYPE HDon [<!ENTITY a \"{}\">]>", "a".repeat(100_000));
    let quadratic_use = "&a;".repeat(10_000);
    let cases: Vec<(&str, String)> = vec![
        ("empty DOCTYPE", with_doctype("<!DOCTYPE HDon>", None)),
        ("billion laughs", with_doctype(&bomb, Some("&lol10;"))),
        ("quadratic blowup", with_doctype(&quadratic, Some(&quadratic_use))),
        (
            "external entity",
            with_doctype("<!DOCTYPE HDon [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", Some("&xxe;")),
        ),
        (
            "external parameter entity",
            with_doctype(
                "<!DOCTYPE HDon [<!ENTITY % dtd SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %dtd;]>",
                None,
            ),
        ),
        ("external DTD", with_doctype("<!DOCTYPE HDon SYSTEM \"http://127.0.0.1:9/hdon.dtd\">", None)),
        (
            "DOCTYPE after a comment",
            with_doctype("<!-- hoá đơn --><!DOCTYPE HDon [<!ENTITY t \"x\">]>", Some("&t;")),
        ),
        (
            "an ID declared by the DTD",
            with_doctype("<!DOCTYPE HDon [<!ATTLIST DLHDon Ma ID #IMPLIED>]>", None),
        ),
    ];
    for (what, xml) in cases {
        let started = std::time::Instant::now();
        let e = try_verify(&xml).unwrap_err();
        assert_eq!(e.code().id(), "xml-doctype-refused", "{what}: {e}");
        assert_eq!(e.kind(), kyso::ErrorKind::Input, "{what}");
        // Refused, not expanded (an expansion would take minutes and gigabytes).
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{what}");
    }
}

#[test]
fn limits_give_their_codes() {
    let good = both();
    // Deep nesting inside an Object of the seller's Signature.
    let deep = format!("<Object>{}{}</Object>", "<a>".repeat(300), "</a>".repeat(300));
    let e = try_verify(&insert_before(&good, "</Signature>", &deep)).unwrap_err();
    assert_eq!(e.code().id(), "xml-too-deep", "{e}");
    assert_eq!(e.typed_message().params.get("limit"), Some("256"));
    // Just within the limit: verified (and the wrapping is harmless, outside the signed data).
    let fits = format!("<Object>{}{}</Object>", "<a>".repeat(240), "</a>".repeat(240));
    assert_eq!(verify(&insert_before(&good, "</Signature>", &fits)).status, Status::Valid);
    // Too many attributes, namespace declarations counted.
    let attrs: String = (0..300).map(|i| format!(" a{i}=\"x\"")).collect();
    let e = try_verify(&good.replacen("<MCCQT ", &format!("<MCCQT{attrs} "), 1)).unwrap_err();
    assert_eq!(e.code().id(), "xml-too-many-attributes", "{e}");
    let decls: String = (0..300).map(|i| format!(" xmlns:p{i}=\"urn:p{i}\"")).collect();
    let e = try_verify(&good.replacen("<HDon>", &format!("<HDon{decls}>"), 1)).unwrap_err();
    assert_eq!(e.code().id(), "xml-too-many-attributes", "{e}");
    // Too large: over 64 MiB, refused before parsing.
    let big = insert_before(&good, "</HDon>", &format!("<!--{}-->", "x".repeat(64 << 20)));
    let e = try_verify(&big).unwrap_err();
    assert_eq!(e.code().id(), "xml-too-large", "{e}");
    // Too many nodes.
    let many = insert_before(&good, "</HDon>", &"<b/>".repeat(4_000_001));
    let e = try_verify(&many).unwrap_err();
    assert_eq!(e.code().id(), "xml-too-many-nodes", "{e}");
}
