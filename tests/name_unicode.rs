//! Distinguished names in two Unicode forms (RFC 5280 §7.1, RFC 4518 string preparation):
//! Vietnamese text is written precomposed (NFC, "dựng sẵn") and decomposed (NFD, "tổ hợp"), and
//! a certificate whose issuer is spelled in one form must chain to a CA whose subject is spelled
//! in the other, in both directions, through an intermediate and under directoryName name
//! constraints. The certificates are generated here (rcgen), each name spelled byte for byte as
//! the scenario says.

mod pki_gen;

use kyso::path::{Check, ValidationOptions, validate};
use kyso::revocation::RevocationMode;
use kyso::{Certificate, TrustStore};
use pki_gen::{Ca, Opts};
use unicode_normalization::UnicodeNormalization;

/// "Ban Cơ yếu Chính phủ" and "Cục Thuế": precomposed.
const ORG: &str = "Ban Cơ yếu Chính phủ";
const LEAF_ORG: &str = "Cục Thuế Hà Nội";

fn nfc(s: &str) -> String {
    s.nfc().collect()
}
fn nfd(s: &str) -> String {
    s.nfd().collect()
}

fn opts() -> ValidationOptions {
    ValidationOptions::default()
        .with_time(time::macros::datetime!(2026-06-01 00:00:00 UTC))
        .with_revocation(RevocationMode::Off)
}

fn store(root: &Certificate) -> TrustStore {
    let mut s = TrustStore::new();
    s.add(root.clone(), "root", "gov");
    s
}

/// Leak a string for the `&'static str` fields of the generator's options.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The organisation in a certificate's subject or issuer, as its raw UTF-8 bytes.
fn org_bytes(name: &x509_parser::x509::X509Name<'_>) -> Vec<u8> {
    name.iter_organization().next().expect("an O attribute").attr_value().data.to_vec()
}

#[test]
fn the_two_forms_differ_byte_for_byte() {
    assert_ne!(nfc(ORG), nfd(ORG));
    assert_ne!(nfc(ORG).len(), nfd(ORG).len());
    assert_eq!(nfc(&nfd(ORG)), nfc(ORG));
}

/// A root whose subject is spelled `subject_form`, a leaf whose issuer is spelled `issuer_form`:
/// the leaf chains to the root.
fn leaf_under_root(subject_form: &str, issuer_form: &str) {
    let mut root = Ca::root("RootCA chuyên dùng Chính phủ G2", subject_form, &Opts::default());
    assert_eq!(org_bytes(root.cert.x509().subject()), subject_form.as_bytes());
    // The leaf is issued under the other spelling of the same name.
    root.org = issuer_form.to_string();
    let leaf = root.leaf("Cán bộ", LEAF_ORG, &Opts::default());
    assert_eq!(org_bytes(leaf.x509().issuer()), issuer_form.as_bytes());
    assert_ne!(leaf.x509().issuer().as_raw(), root.cert.x509().subject().as_raw());
    let report = validate(&leaf, &[], &[], &store(&root.cert), &opts());
    assert!(report.valid, "{subject_form:?} -> {issuer_form:?}: {:?}", report.error);
    assert_eq!(report.paths[0].certificates.len(), 2);
}

#[test]
fn nfd_issuer_chains_to_nfc_subject() {
    leaf_under_root(&nfc(ORG), &nfd(ORG));
}

#[test]
fn nfc_issuer_chains_to_nfd_subject() {
    leaf_under_root(&nfd(ORG), &nfc(ORG));
}

#[test]
fn mixed_forms_through_an_intermediate_in_both_directions() {
    for (a, b) in [(nfc(ORG), nfd(ORG)), (nfd(ORG), nfc(ORG))] {
        let mut root = Ca::root("RootCA G2", &a, &Opts::default());
        root.org = b.clone();
        // The intermediate's subject is in form `b`; its issuer (the root) in form `b` too.
        let mut ica = root.sub_ca("CA phục vụ các cơ quan Nhà nước G2", &b, &Opts::default());
        // Its leaves name it in form `a`.
        ica.org = a.clone();
        let leaf = ica.leaf("Cục Thuế", LEAF_ORG, &Opts::default());
        assert_ne!(leaf.x509().issuer().as_raw(), ica.cert.x509().subject().as_raw());
        let report = validate(&leaf, std::slice::from_ref(&ica.cert), &[], &store(&root.cert), &opts());
        assert!(report.valid, "{:?}", report.error);
        assert_eq!(report.paths[0].certificates.len(), 3);
        // The same through the CLI's library entry for pools given in any order.
        let report = validate(&leaf, &[ica.cert.clone(), leaf.clone()], &[], &store(&root.cert), &opts());
        assert!(report.valid, "{:?}", report.error);
    }
}

#[test]
fn permitted_directory_name_subtree_in_nfc_matches_a_subject_in_nfd() {
    for (constraint, subject) in [(nfc(LEAF_ORG), nfd(LEAF_ORG)), (nfd(LEAF_ORG), nfc(LEAF_ORG))] {
        let root = Ca::root("Root", ORG, &Opts::default());
        let ica = root.sub_ca(
            "Sub CA",
            ORG,
            &Opts { permitted_orgs: vec![leak(constraint.clone())], ..Opts::default() },
        );
        let inside = ica.leaf("Cán bộ", &subject, &Opts::default());
        let report = validate(&inside, std::slice::from_ref(&ica.cert), &[], &store(&root.cert), &opts());
        assert!(report.valid, "permitted {constraint:?}, subject {subject:?}: {:?}", report.error);
        // A subject outside the permitted subtree is still refused.
        let outside = ica.leaf("Cán bộ", "Cục Thuế Hải Phòng", &Opts::default());
        let report = validate(&outside, std::slice::from_ref(&ica.cert), &[], &store(&root.cert), &opts());
        assert!(!report.valid);
        assert_eq!(report.error.as_ref().map(|e| e.check), Some(Check::NameConstraints));
    }
}

#[test]
fn excluded_directory_name_subtree_in_nfc_excludes_a_subject_in_nfd() {
    for (constraint, subject) in [(nfc(LEAF_ORG), nfd(LEAF_ORG)), (nfd(LEAF_ORG), nfc(LEAF_ORG))] {
        let root = Ca::root("Root", ORG, &Opts::default());
        let ica = root.sub_ca(
            "Sub CA",
            ORG,
            &Opts { excluded_orgs: vec![leak(constraint.clone())], ..Opts::default() },
        );
        let leaf = ica.leaf("Cán bộ", &subject, &Opts::default());
        let report = validate(&leaf, std::slice::from_ref(&ica.cert), &[], &store(&root.cert), &opts());
        assert!(!report.valid, "excluded {constraint:?} must exclude {subject:?}");
        assert_eq!(report.error.as_ref().map(|e| e.check), Some(Check::NameConstraints));
    }
}

#[test]
fn a_different_name_does_not_chain() {
    let mut root = Ca::root("Root", &nfc(ORG), &Opts::default());
    // "phu" without its hook: a different name, not another spelling.
    root.org = nfd("Ban Cơ yếu Chính phu");
    let leaf = root.leaf("Cán bộ", LEAF_ORG, &Opts::default());
    let report = validate(&leaf, &[], &[], &store(&root.cert), &opts());
    assert!(!report.valid);
    assert_eq!(report.error.as_ref().map(|e| e.check), Some(Check::IssuerNotFound));
}
