//! NIST PKITS §4.13 (name constraints), walked in path order through
//! `kyso::path::name_constraints::NameConstraintsState` (RFC 5280 §6.1.3 (b)-(c), §6.1.4 (g)).
//!
//! Data: `$KYSO_SHARED/conformance/pkits` (default `<crate>/../shared`). Skipped with a notice
//! when absent, but fails when the `CI` environment variable is set.

use kyso::Certificate;
use kyso::path::Budget;
use kyso::path::name_constraints::NameConstraintsState;
use std::path::PathBuf;

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")));
    if dir.join("conformance/pkits/pkits-tests.json").is_file() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("PKITS data not found under {} (set KYSO_SHARED)", dir.display());
    }
    eprintln!("notice: PKITS data not found under {} (set KYSO_SHARED): test skipped", dir.display());
    None
}

/// Walk `path` (anchor first) through the name-constraint state; the anchor's own constraints
/// are not applied (RFC 5280 §6.1.1 (d): only its name and key are inputs).
fn walk(path: &[Certificate]) -> Result<(), String> {
    let mut state = NameConstraintsState::new();
    let mut budget = Budget::default();
    let n = path.len();
    for (i, cert) in path.iter().enumerate().skip(1) {
        let x = cert.x509();
        let is_ee = i == n - 1;
        let self_issued = x.subject().as_raw() == x.issuer().as_raw();
        if is_ee || !self_issued {
            state.check(x, is_ee, &mut budget).map_err(|e| format!("certificate #{i}: {e}"))?;
        }
        if !is_ee {
            state.update(x).map_err(|e| format!("certificate #{i}: {e}"))?;
        }
    }
    Ok(())
}

#[test]
fn pkits_4_13_name_constraints() {
    let Some(shared) = shared_dir() else { return };
    let pkits = shared.join("conformance/pkits");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(pkits.join("pkits-tests.json")).unwrap()).unwrap();
    let tests = json["tests"].as_array().unwrap();
    let mut total = 0;
    let mut failures = Vec::new();
    for t in tests.iter().filter(|t| t["section"].as_str() == Some("4.13")) {
        total += 1;
        let id = t["id"].as_str().unwrap();
        let path: Vec<Certificate> = t["path"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| Certificate::load(pkits.join("certs").join(f.as_str().unwrap())).unwrap())
            .collect();
        let expected_valid = t["expected"].as_str() == Some("valid");
        let outcome = walk(&path);
        if let Err(e) = &outcome {
            println!("{id}: rejected: {e}");
        }
        if outcome.is_ok() != expected_valid {
            failures.push(format!("{id} ({}): expected {}, got {:?}", t["name"], t["expected"], outcome));
        }
    }
    println!("PKITS name constraints: {}/{}", total - failures.len(), total);
    assert_eq!(total, 38, "PKITS §4.13 has 38 tests");
    assert!(failures.is_empty(), "PKITS §4.13 mismatches:\n{}", failures.join("\n"));
}
