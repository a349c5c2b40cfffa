//! Real Vietnamese certificates (`$KYSO_SHARED/vn-certs`) against the certificate profile rules
//! of src/path/profile.rs: both PKIs carry the key identifiers RFC 5280 §4.2.1.1/§4.2.1.2
//! require and critical basicConstraints in their roots, so they validate under the default
//! `document` profile without a warning about a rule of the issuing CA, and under
//! `rfc5280-strict`; Ban Cơ yếu leaves (clientAuth/emailProtection EKU) do not pass the
//! `tls-server` profile, which is never the default.
//!
//! Data: `$KYSO_SHARED` (default `<crate>/../shared`). Skipped with a notice when absent, but
//! fails when the `CI` environment variable is set.

use kyso::path::{Check, Profile, ValidationOptions, validate};
use kyso::revocation::RevocationMode;
use kyso::{Certificate, TrustStore};
use std::path::PathBuf;

fn vn_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")))
        .join("vn-certs");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("vn-certs not found at {} (set KYSO_SHARED)", dir.display());
    }
    eprintln!("notice: vn-certs not found at {} (set KYSO_SHARED): test skipped", dir.display());
    None
}

fn at(date: &str) -> ValidationOptions {
    ValidationOptions::default()
        .with_time(time::OffsetDateTime::parse(date, &time::format_description::well_known::Rfc3339).unwrap())
        .with_revocation(RevocationMode::Off)
}

/// Validate `chain` (end entity first, the anchor last). Under the default profile, also check
/// that no rule of the issuing CA is broken (no warning citing RFC 5280 §4) and that the
/// `rfc5280-strict` profile gives the same verdict.
fn check(dir: &std::path::Path, chain: &[&str], opts: &ValidationOptions) -> kyso::path::ValidationReport {
    let certs: Vec<Certificate> = chain.iter().map(|f| Certificate::load(dir.join(f)).unwrap()).collect();
    let (anchor, rest) = certs.split_last().unwrap();
    let mut store = TrustStore::new();
    store.add(anchor.clone(), "anchor", "vn");
    let report = validate(&rest[0], &rest[1..], &[], &store, opts);
    if opts.profile == Profile::document() {
        assert!(
            report.warnings.iter().all(|w| !w.rule.starts_with("RFC 5280 §4")),
            "{chain:?}: {:?}",
            report.warnings
        );
        let strict = validate(
            &rest[0],
            &rest[1..],
            &[],
            &store,
            &opts.clone().with_profile(Profile::rfc5280_strict()),
        );
        assert_eq!(strict.is_valid(), report.is_valid(), "{chain:?}: {:?}", strict.error);
    }
    report
}

const GOV_LEAF: &[&str] = &[
    "leaf-example-cuc-thue-btc-issued-by-cpca-g2.pem",
    "vgca-ca-phuc-vu-cac-co-quan-nha-nuoc-g2.pem",
    "vgca-rootca-chuyen-dung-chinh-phu-g2.pem",
];

#[test]
fn government_pki_passes_the_profile_rules() {
    let Some(dir) = vn_dir() else { return };
    let r = check(&dir, GOV_LEAF, &at("2026-01-01T00:00:00Z"));
    assert!(r.is_valid(), "{:?}", r.error);
    let r = check(
        &dir,
        &[
            "leaf-example-tong-cuc-thue-btc-issued-by-cpca-g2.pem",
            "vgca-ca-phuc-vu-cac-co-quan-nha-nuoc-g2.pem",
            "vgca-rootca-chuyen-dung-chinh-phu-g2.pem",
        ],
        &at("2025-01-01T00:00:00Z"),
    );
    assert!(r.is_valid(), "{:?}", r.error);
}

#[test]
fn ban_co_yeu_leaf_is_not_a_tls_server_certificate() {
    let Some(dir) = vn_dir() else { return };
    let opts = at("2026-01-01T00:00:00Z").with_profile(Profile::tls_server());
    let r = check(&dir, GOV_LEAF, &opts);
    assert!(!r.is_valid());
    let e = r.error.unwrap();
    assert_eq!(e.check, Check::Profile);
    assert!(e.rule.contains("7.1.2.7"), "{e:?}");
}

#[test]
fn public_pki_passes_the_profile_rules() {
    let Some(dir) = vn_dir() else { return };
    // Licensed CAs under the Vietnam National Root CA G2 (RSA, SHA-256).
    for ca in ["vnpt-ca-sha2.pem", "viettel-ca-rs.pem", "vnpt-smartca-rs.pem"] {
        let r = check(&dir, &[ca, "vietnam-national-root-ca-sha256-g2.pem"], &at("2025-06-01T00:00:00Z"));
        assert!(r.is_valid(), "{ca}: {:?}", r.error);
    }
    // The SHA-1 generation (MIC National Root CA 2008 → FPT CA → a test leaf): legacy mode.
    let legacy = at("2021-01-01T00:00:00Z").with_allow_legacy(true);
    let r = check(
        &dir,
        &[
            "leaf-example-fpt-test-tong-cuc-thue-test01.pem",
            "fpt-certification-authority-sha1-2019.pem",
            "mic-national-root-ca-sha1-2008.pem",
        ],
        &legacy,
    );
    assert!(r.is_valid(), "{:?}", r.error);
}
