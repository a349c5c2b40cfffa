//! The built-in Vietnamese trust list against the real certificates collected in
//! `$KYSO_SHARED/vn-certs` (default `../shared`; skipped with a notice when absent, a failure
//! under `CI`): with no `--anchor`, `kyso chain verify` validates the tax authority's leaves
//! through CA phục vụ các cơ quan Nhà nước G2 to RootCA chuyên dùng Chính phủ G2, the public CAs'
//! intermediates to Vietnam National Root CA, and the SHA-1 generation (with `--allow-legacy`)
//! to the MIC and G1 roots, each reported with its domain. A leaf whose intermediate is not in
//! the list (SAFE-CA) is reported as such, not forced.

use assert_cmd::Command;
use kyso::path::{PathValidator, ValidationOptions};
use kyso::revocation::RevocationMode;
use kyso::{Certificate, TrustStore};
use std::path::{Path, PathBuf};

fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("KYSO_SHARED") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared"),
    };
    if dir.join("vn-certs").is_dir() {
        return Some(dir.join("vn-certs"));
    }
    if std::env::var_os("CI").is_some() {
        panic!("shared data not found at {} (set KYSO_SHARED)", dir.display());
    }
    eprintln!("NOTICE: shared data not found at {} (set KYSO_SHARED), skipping", dir.display());
    None
}

const NATIONAL: &str = "Vietnam National Root CA";
const MIC: &str = "MIC National Root CA";
const GOV_G2: &str = "RootCA chuyên dùng Chính phủ G2";
const GOV_G1: &str = "Co quan chung thuc so chuyen dung Chinh phu (RootCA)";

/// (file, validation time, needs legacy, anchor label, domain, path length with the anchor)
const CHAINS: &[(&str, &str, bool, &str, &str, usize)] = &[
    ("leaf-example-tong-cuc-thue-btc-issued-by-cpca-g2.pem", "2025-06-01", false, GOV_G2, "gov", 3),
    ("leaf-example-cuc-thue-btc-issued-by-cpca-g2.pem", "2025-06-01", false, GOV_G2, "gov", 3),
    ("vgca-ca-phuc-vu-cac-co-quan-nha-nuoc-g2.pem", "2025-06-01", false, GOV_G2, "gov", 2),
    ("vgca-ca-phuc-vu-cac-co-quan-dang-g2.pem", "2025-06-01", false, GOV_G2, "gov", 2),
    ("vnpt-ca-sha2.pem", "2025-06-01", false, NATIONAL, "public", 2),
    ("viettel-ca-rs.pem", "2025-06-01", false, NATIONAL, "public", 2),
    ("fastca-sha256.pem", "2025-06-01", false, NATIONAL, "public", 2),
    ("vnpt-smartca-rs.pem", "2025-06-01", false, NATIONAL, "public", 2),
    // The SHA-1 generation.
    ("vgca-co-quan-chung-thuc-so-chinh-phu-g1-2010.pem", "2012-01-01", true, GOV_G1, "gov", 2),
    ("vnpt-certification-authority-sha1-2009.pem", "2012-01-01", true, MIC, "public", 2),
    ("viettel-ca-sha1-2010.pem", "2012-01-01", true, MIC, "public", 2),
    ("viettel-ca-sha1-2015.pem", "2018-01-01", true, MIC, "public", 2),
    ("fpt-certification-authority-sha1-2019.pem", "2021-01-01", true, MIC, "public", 2),
    // A leaf (SHA-256) under the SHA-1 FPT CA: the intermediate comes from the built-in pool.
    ("leaf-example-fpt-test-tong-cuc-thue-test01.pem", "2021-01-01", true, MIC, "public", 3),
];

fn kyso() -> Command {
    let mut c = Command::cargo_bin("kyso").unwrap();
    // Real certificates name real OCSP and CRL servers: tests stay off the network.
    c.env("LANG", "C").env("KYSO_OFFLINE", "1").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    c
}

fn chain_verify(file: &Path, at: &str, legacy: bool) -> (i32, serde_json::Value) {
    let mut c = kyso();
    c.args(["chain", "verify"]).arg(file).args(["--at", at, "--revocation", "off", "--json"]);
    if legacy {
        c.arg("--allow-legacy");
    }
    let out = c.output().unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: {e}: {}", file.display(), String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn real_chains_validate_with_the_built_in_list_and_no_anchor() {
    let Some(dir) = shared_dir() else { return };
    for &(file, at, legacy, anchor, domain, len) in CHAINS {
        let path = dir.join(file);
        let (code, report) = chain_verify(&path, at, legacy);
        assert_eq!(code, 0, "{file}: {report:#}");
        let p = &report["paths"][0];
        assert_eq!(p["anchor"], anchor, "{file}");
        assert_eq!(p["domain"], domain, "{file}");
        assert_eq!(p["certificates"].as_array().map(Vec::len), Some(len), "{file}");
        if legacy {
            // Without --allow-legacy the SHA-1 signature is refused, with the hint to allow it.
            let (code, report) = chain_verify(&path, at, false);
            assert_eq!(code, 1, "{file}: {report:#}");
            assert_eq!(report["error"]["check"], "signature", "{file}: {report:#}");
        }
    }
}

#[test]
fn the_domain_is_reported_in_text_in_both_languages() {
    let Some(dir) = shared_dir() else { return };
    let leaf = dir.join("leaf-example-tong-cuc-thue-btc-issued-by-cpca-g2.pem");
    for (lang, words) in [("en", "(domain: gov)"), ("vi", "(miền: gov)")] {
        let out = kyso()
            .args(["chain", "verify"])
            .arg(&leaf)
            .args(["--at", "2025-06-01", "--revocation", "off", "--lang", lang])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{text}");
        assert!(text.contains(&format!("{GOV_G2} {words}")), "{text}");
    }
}

#[test]
fn cross_validate_uses_the_built_in_domains() {
    let Some(dir) = shared_dir() else { return };
    let out = kyso()
        .arg("cross-validate")
        .arg(dir.join("leaf-example-cuc-thue-btc-issued-by-cpca-g2.pem"))
        .args(["--at", "2025-06-01", "--revocation", "off", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let domains: Vec<(&str, bool)> = report["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["domain"].as_str().unwrap(), d["accepted"].as_bool().unwrap()))
        .collect();
    // No cross-certificate between the two national PKIs is in the list: gov only.
    assert_eq!(domains, vec![("public", false), ("gov", true)]);
}

#[test]
fn a_leaf_whose_intermediate_is_not_in_the_list_does_not_chain() {
    let Some(dir) = shared_dir() else { return };
    // Issued by "SAFE-CA SHA-256 2020", which is not among the collected certificates.
    let (code, report) =
        chain_verify(&dir.join("leaf-example-test-mst-safe-ca-sha256-2020.pem"), "2022-01-01", false);
    assert_eq!(code, 1);
    assert_eq!(report["error"]["check"], "issuer-not-found", "{report:#}");
    assert!(report["error"]["message"].as_str().unwrap().contains("SAFE-CA SHA-256 2020"), "{report:#}");
}

#[test]
fn the_library_validates_with_the_built_in_store_and_pool() {
    let Some(dir) = shared_dir() else { return };
    let leaf = Certificate::load(dir.join("leaf-example-tong-cuc-thue-btc-issued-by-cpca-g2.pem")).unwrap();
    let store = TrustStore::vietnam();
    let opts = ValidationOptions::default()
        .with_time(time::macros::datetime!(2025-06-01 00:00:00 UTC))
        .with_revocation(RevocationMode::Off);
    let report =
        PathValidator::new(&store).pool(kyso::trust::vn::pool()).options(opts.clone()).validate(&leaf);
    assert!(report.valid, "{:?}", report.error);
    assert_eq!(report.paths[0].domain, "gov");
    // Without the built-in pool the intermediate is missing: the list's pool is what chains it.
    let report = PathValidator::new(&store).options(opts).validate(&leaf);
    assert!(!report.valid);
}

#[test]
fn the_built_in_copies_are_the_collected_certificates() {
    let Some(dir) = shared_dir() else { return };
    for e in kyso::trust::vn::list().entries() {
        let shared = Certificate::load(dir.join(&e.file)).unwrap();
        assert_eq!(shared.sha256(), e.cert.sha256(), "{}", e.file);
    }
}
