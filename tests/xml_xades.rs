//! XML signing through `xml::sign_document` (issue #10): XAdES B-B and B-T (with a real RFC
//! 3161 TSA on 127.0.0.1: `openssl ts -reply`), plain enveloped XML-DSig over the whole
//! document, RSA-PSS, the buyer's e-invoice role, and the check that the tax authority signed the
//! DLHDon the seller signed. Each signature is verified by `xml::verify_document` with the demo
//! PKI of `testdata/pki` under both trust domains, and each tampering gives its own code.

#[path = "common/einvoice.rs"]
mod einvoice;
#[path = "common/tsa.rs"]
mod tsa;

use base64::Engine as _;
use einvoice::*;
use kyso::cms::VerifyOptions;
use kyso::diag::codes::{xades as xc, xml as c};
use kyso::verdict::{CheckStatus, DocumentVerdict, SignatureVerdict, Status};
use kyso::xml::einvoice::Role;
use kyso::xml::{DocumentSignOptions, XmlSignProfile, sign_document};
use kyso::{Certificate, TrustStore};

const DOC: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CongVan xmlns=\"urn:demo:congvan\" Id=\"cv\">\n  <So>01/DEMO</So>\n  <TrichYeu>Về việc thử nghiệm chữ ký số</TrichYeu>\n</CongVan>\n";

fn at(s: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
}

fn options() -> VerifyOptions {
    let mut store = TrustStore::new();
    store.add(Certificate::load(pki("public/root.pem")).unwrap(), "public root", "public");
    store.add(Certificate::load(pki("gov/root.pem")).unwrap(), "gov root", "gov");
    let untrusted = ["public/ca.pem", "gov/ca.pem", "cross/public-to-gov.pem", "cross/gov-to-public.pem"]
        .iter()
        .map(|p| Certificate::load(pki(p)).unwrap())
        .collect();
    VerifyOptions::default()
        .with_store(store)
        .with_untrusted(untrusted)
        .with_at(Some(at("2026-12-08T00:00:00Z")))
}

fn verify(xml: &[u8]) -> DocumentVerdict {
    kyso::xml::verify_document(xml, &options()).unwrap()
}

fn codes(s: &SignatureVerdict) -> Vec<&'static str> {
    s.findings.iter().map(|f| f.code().id()).collect()
}

fn check_status(s: &SignatureVerdict, name: &str) -> Option<CheckStatus> {
    s.checks.iter().find(|c| c.name == name).map(|c| c.check.status)
}

fn chain_of(name: &str) -> Vec<Certificate> {
    let ca = if name.starts_with("public/") { "public/ca.pem" } else { "gov/ca.pem" };
    vec![Certificate::load(pki(ca)).unwrap()]
}

fn sign(input: &[u8], name: &str, opts: DocumentSignOptions) -> kyso::xml::SignedXml {
    let w = who(name);
    let opts = opts.with_chain(chain_of(name)).with_signing_time(Some(at("2026-12-07T20:00:00Z")));
    sign_document(input, &w.key, &w.cert, &opts, None).unwrap()
}

#[test]
fn xades_b_b_whole_document_keeps_the_bytes() {
    for (name, pss) in [("public/business", false), ("public/business", true), ("gov/officer", false)] {
        let opts = DocumentSignOptions::default().with_profile(XmlSignProfile::Xades).with_rsa_pss(pss);
        let signed = sign(DOC.as_bytes(), name, opts);
        assert_eq!(signed.level, "XAdES-B-B");
        assert_eq!(signed.signature_id, "Signature");
        // The input's bytes are all there: the Signature is spliced in before </CongVan>.
        let close = DOC.rfind("</CongVan>").unwrap();
        let out = std::str::from_utf8(&signed.document).unwrap();
        assert!(out.starts_with(&DOC[..close]) && out.ends_with(&DOC[close..]), "{out}");
        let v = verify(&signed.document);
        let s = &v.signatures[0];
        assert_eq!(s.status, Status::Valid, "{name} pss={pss}: {:?}", codes(s));
        assert_eq!(s.level, "XAdES-B-B");
        assert_eq!(check_status(s, "signing-certificate"), Some(CheckStatus::Passed));
        assert!(codes(s).contains(&xc::XADES_LEVEL.id()));
        assert_eq!(s.signing_time.claimed.as_ref().unwrap().utc, "2026-12-07T20:00:00Z");
        assert_eq!(s.signing_time.source, "verification-time");
        if pss {
            assert!(s.signature_algorithm.ends_with("#sha256-rsa-MGF1"), "{}", s.signature_algorithm);
        }
        // Its domain accepts it.
        let domain = if name.starts_with("public/") { "public" } else { "gov" };
        assert!(s.paths.iter().any(|p| p.domain == domain), "{:?}", s.paths);
    }
}

#[test]
fn plain_xmldsig_whole_document() {
    let signed = sign(DOC.as_bytes(), "public/citizen", DocumentSignOptions::default());
    assert_eq!(signed.profile, XmlSignProfile::XmlDsig);
    assert_eq!(signed.level, "XMLDSig");
    let v = verify(&signed.document);
    assert_eq!(v.signatures[0].status, Status::Valid, "{:?}", codes(&v.signatures[0]));
    assert_eq!(v.signatures[0].level, "XMLDSig");
    // A second signature inside the document would break the first (its whole-document
    // reference excludes only itself): refused, with the reason.
    let w = who("gov/officer");
    let e =
        sign_document(&signed.document, &w.key, &w.cert, &DocumentSignOptions::default(), None).unwrap_err();
    assert_eq!(e.typed_message().code, c::XMLDSIG_SIGN_WOULD_BREAK);
    // An Id already taken gets the next free one.
    let taken = DOC.replace("Id=\"cv\"", "Id=\"Signature\"");
    let signed = sign(taken.as_bytes(), "public/citizen", DocumentSignOptions::default());
    assert_eq!(signed.signature_id, "Signature-2");
    let v = verify(&signed.document);
    assert_eq!(v.signatures[0].status, Status::Valid, "{:?}", codes(&v.signatures[0]));
}

#[test]
fn tampered_signed_properties_and_wrong_signing_certificate() {
    let opts = DocumentSignOptions::default().with_profile(XmlSignProfile::Xades);
    let signed = sign(DOC.as_bytes(), "public/business", opts);
    let text = String::from_utf8(signed.document.clone()).unwrap();
    // The signing time is signed.
    let forged = text.replace("2026-12-07T20:00:00Z", "2026-12-01T10:00:00Z");
    assert_ne!(forged, text);
    let v = verify(forged.as_bytes());
    assert_eq!(v.signatures[0].status, Status::Invalid);
    assert!(codes(&v.signatures[0]).contains(&c::XMLDSIG_DIGEST_MISMATCH.id()));

    // SignedProperties naming another certificate than the one that verifies: sign with the
    // business key, but write the citizen's certificate into the properties (and first in
    // KeyInfo; the business certificate follows, so the key is found).
    let business = who("public/business");
    let citizen = Certificate::load(pki("public/citizen.pem")).unwrap();
    let so = kyso::xml::SignOptions::default()
        .with_signature_id(Some("S".to_string()))
        .with_whole_document(true)
        .with_xades(true)
        .with_signing_time(Some(at("2026-12-07T20:00:00Z")))
        .with_chain(vec![business.cert.clone(), Certificate::load(pki("public/ca.pem")).unwrap()]);
    let doc = kyso::xml::sign_enveloped(DOC.as_bytes(), "/CongVan", &business.key, &citizen, &so).unwrap();
    let v = verify(&doc);
    let s = &v.signatures[0];
    assert_eq!(s.signer.as_ref().unwrap().tax_code.as_deref(), Some("0101234567"));
    assert_eq!(s.status, Status::Invalid, "{:?}", codes(s));
    assert_eq!(check_status(s, "signing-certificate"), Some(CheckStatus::Failed));
    assert!(codes(s).contains(&xc::XADES_SIGNING_CERTIFICATE_MISMATCH.id()), "{:?}", codes(s));
}

#[test]
fn qualifying_properties_not_signed_are_refused() {
    // A plain signature, then a QualifyingProperties Object added afterwards: the XML-DSig part
    // still verifies, but the properties are not covered.
    let signed = sign(DOC.as_bytes(), "public/business", DocumentSignOptions::default());
    let text = String::from_utf8(signed.document).unwrap();
    let object = concat!(
        r##"<Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#Signature">"##,
        r#"<xades:SignedProperties Id="sp"><xades:SignedSignatureProperties><xades:SigningTime>2020-01-01T00:00:00Z</xades:SigningTime>"#,
        r#"</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></Object>"#
    );
    let forged = text.replace("</Signature>", &format!("{object}</Signature>"));
    let v = verify(forged.as_bytes());
    let s = &v.signatures[0];
    assert_eq!(s.status, Status::Invalid, "{:?}", codes(s));
    assert!(codes(s).contains(&xc::XADES_SIGNED_PROPERTIES_NOT_COVERED.id()));
    // The unsigned SigningTime is not taken as the claimed time.
    assert!(s.signing_time.claimed.is_none());
}

#[test]
fn timestamp_needs_xades() {
    struct Never;
    impl kyso::cms::Timestamper for Never {
        fn timestamp(
            &self,
            _: kyso::cms::DigestAlgorithm,
            _: &[u8],
        ) -> kyso::Result<kyso::cms::TimestampResponse> {
            unreachable!("no timestamp is asked for")
        }
    }
    let w = who("public/business");
    for profile in [XmlSignProfile::XmlDsig, XmlSignProfile::Auto] {
        let opts = DocumentSignOptions::default().with_profile(profile);
        let e = sign_document(DOC.as_bytes(), &w.key, &w.cert, &opts, Some(&Never)).unwrap_err();
        assert_eq!(e.typed_message().code, c::XMLDSIG_SIGN_TIMESTAMP_NEEDS_XADES);
    }
}

#[test]
fn buyer_role_and_the_same_document_check() {
    let inv = invoice("0101234567");
    // Seller, then buyer, then tax authority, through the one entry point.
    let seller = sign(inv.as_bytes(), "public/business", DocumentSignOptions::default());
    assert_eq!((seller.profile, seller.role), (XmlSignProfile::EInvoice, Some(Role::Seller)));
    let buyer =
        sign(&seller.document, "public/citizen", DocumentSignOptions::default().with_role(Some(Role::Buyer)));
    assert_eq!(buyer.signature_id, "buyer");
    let cqt = sign(
        &buyer.document,
        "gov/agency",
        DocumentSignOptions::default().with_role(Some(Role::TaxAuthority)),
    );
    let v = verify(&cqt.document);
    let roles: Vec<_> = v.signatures.iter().map(|s| s.role.clone().unwrap_or_default()).collect();
    assert_eq!(roles, ["seller", "buyer", "tax-authority"]);
    for s in &v.signatures {
        assert_eq!(s.status, Status::Valid, "{:?}: {:?}", s.role, codes(s));
    }
    assert_eq!(check_status(&v.signatures[2], "einvoice-same-document"), Some(CheckStatus::Passed));
    // Signing the same slot twice is refused.
    let w = who("public/business");
    let again =
        sign_document(&cqt.document, &w.key, &w.cert, &DocumentSignOptions::default(), None).unwrap_err();
    assert_eq!(again.typed_message().code, c::XMLDSIG_SIGN_SLOT_OCCUPIED);

    // The tax authority signs a DLHDon changed after the seller signed it.
    let changed = String::from_utf8(seller.document.clone()).unwrap().replace("<TgTTTBSo>", "<TgTTTBSo>9");
    assert_ne!(changed.as_bytes(), &seller.document[..]);
    let cqt = sign(
        changed.as_bytes(),
        "gov/agency",
        DocumentSignOptions::default().with_role(Some(Role::TaxAuthority)),
    );
    let v = verify(&cqt.document);
    assert_eq!(v.signatures[0].status, Status::Invalid);
    let t = &v.signatures[1];
    assert_eq!(t.status, Status::Invalid, "{:?}", codes(t));
    assert_eq!(check_status(t, "einvoice-same-document"), Some(CheckStatus::Failed));
    assert!(codes(t).contains(&c::EINVOICE_DIFFERENT_DOCUMENT.id()));
}

/// The demo TSA's key, decrypted into `dir` for `openssl ts -reply`.
fn tsa_key(dir: &std::path::Path) -> std::path::PathBuf {
    let key = kyso::keys::load_private_key(pki("public/tsa.key.pem"), Some(b"kyso-demo")).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD.encode(&*key.pkcs8_der());
    let lines: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    let path = dir.join("tsa.key.pem");
    std::fs::write(
        &path,
        format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", lines.join("\n")),
    )
    .unwrap();
    path
}

fn have_openssl() -> bool {
    let ok = std::process::Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "openssl is needed in CI");
        eprintln!("notice: openssl not found; XAdES B-T test skipped");
    }
    ok
}

#[test]
fn xades_b_t_with_a_loopback_tsa() {
    if !have_openssl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let key = tsa_key(dir.path());
    let server = tsa::Tsa::start(&pki("public/tsa.pem"), &key, &pki("public/ca.pem"), "sha256");
    let client = kyso::cms::TsaClient::new(&server.url).unwrap();
    let w = who("gov/officer");
    let opts = DocumentSignOptions::default()
        .with_profile(XmlSignProfile::Xades)
        .with_chain(chain_of("gov/officer"))
        .with_signing_time(Some(at("2026-12-07T20:00:00Z")));
    let signed = sign_document(DOC.as_bytes(), &w.key, &w.cert, &opts, Some(&client)).unwrap();
    assert_eq!(server.served(), 1);
    assert_eq!(signed.level, "XAdES-B-T");
    // Verified now (the token's genTime is now; the fixed `at` of the other tests is before it).
    let v = kyso::xml::verify_document(&signed.document, &options().with_at(None)).unwrap();
    let s = &v.signatures[0];
    assert_eq!(s.status, Status::Valid, "{:?}", codes(s));
    assert_eq!(s.level, "XAdES-B-T");
    assert_eq!(s.signing_time.source, "timestamp");
    assert!(s.signing_time.proven_by_timestamp.is_some());
    assert_eq!(s.timestamps.len(), 1);
    assert_eq!(s.timestamps[0].status, Status::Valid, "{:?}", s.timestamps[0].findings);
    assert!(s.timestamps[0].tsa.is_some());
    assert!(codes(s).contains(&xc::XADES_TIMESTAMP_PROVES.id()));
    // A second timestamp is refused.
    let again =
        kyso::xml::xades::add_signature_timestamp(&signed.document, "Signature", &client).unwrap_err();
    assert_eq!(again.typed_message().code, xc::XADES_SIGN_ALREADY_TIMESTAMPED);

    // The token of another signature: its imprint does not match this SignatureValue.
    let other = sign_document(b"<a Id=\"x\">other</a>", &w.key, &w.cert, &opts, Some(&client)).unwrap();
    let token = |d: &[u8]| {
        let t = std::str::from_utf8(d).unwrap();
        let s = t.find("<xades:EncapsulatedTimeStamp>").unwrap();
        let e = t.find("</xades:EncapsulatedTimeStamp>").unwrap();
        t[s..e].to_string()
    };
    let swapped = String::from_utf8(signed.document.clone())
        .unwrap()
        .replace(&token(&signed.document), &token(&other.document));
    let v = kyso::xml::verify_document(swapped.as_bytes(), &options().with_at(None)).unwrap();
    let s = &v.signatures[0];
    assert_eq!(s.status, Status::Invalid, "{:?}", codes(s));
    assert!(codes(s).contains(&xc::XADES_TIMESTAMP_INVALID.id()));
    assert_eq!(s.timestamps[0].status, Status::Invalid);
}
