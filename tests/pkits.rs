//! NIST PKITS (all 249 entries of `$KYSO_SHARED/conformance/pkits/pkits-tests.json`) through
//! `kyso::path::validate`: the path certificates (minus the anchor) and the extra certificates
//! as a SHUFFLED pool, the CRLs with revocation `require`, the four policy inputs, time
//! 2020-01-01T00:00:00Z, legacy algorithms allowed (PKITS uses SHA-1 and DSA).
//!
//! Divergences are listed in tests/pkits-exceptions.json (`{"id": "reason"}`): a failure not
//! listed fails the test, and so does a listed exception that passes.

use kyso::path::{PolicyInput, ValidationOptions, validate};
use kyso::revocation::RevocationMode;
use kyso::{Certificate, Crl, TrustStore};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("KYSO_SHARED") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    if dir.join("conformance/pkits/pkits-tests.json").is_file() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("PKITS data not found under {} (set KYSO_SHARED)", dir.display());
    }
    eprintln!("NOTICE: PKITS data not found under {}; skipping (set KYSO_SHARED)", dir.display());
    None
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn seed_of(id: &str) -> u64 {
    // FNV-1a: a deterministic seed per test id.
    id.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

/// The outcome of one PKITS entry: Ok(()) when kyso agrees, Err(description) otherwise.
fn run_one(t: &Value, base: &std::path::Path) -> Result<(), String> {
    let id = t["id"].as_str().unwrap_or("?");
    let cert = |name: &str| Certificate::load(base.join("certs").join(name)).expect("PKITS certificate");
    let path = strs(&t["path"]);
    let anchor = cert(t["trust_anchor"].as_str().expect("trust_anchor"));
    let leaf = cert(t["end_entity"].as_str().expect("end_entity"));
    let mut pool: Vec<Certificate> = path.iter().skip(1).map(|n| cert(n)).collect();
    pool.extend(strs(&t["extra_certs"]).iter().map(|n| cert(n)));
    pool.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed_of(id)));
    let crls: Vec<Crl> = strs(&t["crls"])
        .iter()
        .flat_map(|n| Crl::load_all(base.join("crls").join(n)).expect("PKITS CRL"))
        .collect();
    let mut store = TrustStore::new();
    store.add(anchor, "Trust Anchor", "pkits");
    let initial: Vec<String> = strs(&t["user_initial_policy_set"]);
    let policy = PolicyInput::default()
        .with_initial_policy_set(if initial == ["2.5.29.32.0"] { Vec::new() } else { initial })
        .with_initial_explicit_policy(t["initial_explicit_policy"].as_bool().unwrap_or(false))
        .with_initial_policy_mapping_inhibit(t["initial_policy_mapping_inhibit"].as_bool().unwrap_or(false))
        .with_initial_any_policy_inhibit(t["initial_any_policy_inhibit"].as_bool().unwrap_or(false));
    // Debugging aid: KYSO_PKITS_REVOCATION=off isolates path-validation failures.
    let revocation = match std::env::var("KYSO_PKITS_REVOCATION").as_deref() {
        Ok("off") => RevocationMode::Off,
        _ => RevocationMode::Require,
    };
    let opts = ValidationOptions::default()
        .with_time(time::macros::datetime!(2020-01-01 00:00:00 UTC))
        .with_policy(policy)
        .with_revocation(revocation)
        .with_allow_legacy(true);
    let report = validate(&leaf, &pool, &crls, &store, &opts);
    let expected_valid = t["expected"].as_str() == Some("valid");
    match (expected_valid, report.valid) {
        (true, false) => {
            Err(format!("FR: {}", report.error.map(|e| e.to_string()).unwrap_or_else(|| "no error".into())))
        }
        (false, true) => Err("FA: accepted".into()),
        (false, false) => Ok(()),
        (true, true) => {
            let want: BTreeSet<String> =
                strs(&t["expected_user_constrained_policy_set"]).into_iter().collect();
            let got: BTreeSet<String> = report.paths[0].user_constrained_policy_set.iter().cloned().collect();
            if want == got {
                Ok(())
            } else {
                Err(format!("POLICY: user-constrained policy set {got:?}, expected {want:?}"))
            }
        }
    }
}

#[test]
fn pkits_all() {
    let Some(shared) = shared_dir() else { return };
    let base = shared.join("conformance/pkits");
    let data: Value =
        serde_json::from_slice(&std::fs::read(base.join("pkits-tests.json")).expect("read pkits-tests.json"))
            .expect("pkits-tests.json");
    let tests = data["tests"].as_array().expect("tests");
    let exceptions: BTreeMap<String, String> =
        serde_json::from_str(include_str!("pkits-exceptions.json")).expect("tests/pkits-exceptions.json");
    let (mut pass, mut fa, mut fr) = (0, 0, 0);
    let mut unexpected = Vec::new();
    for t in tests {
        let id = t["id"].as_str().unwrap_or("?").to_string();
        let outcome = run_one(t, &base);
        match &outcome {
            Ok(()) => pass += 1,
            Err(m) if m.starts_with("FA") => fa += 1,
            Err(_) => fr += 1,
        }
        match (&outcome, exceptions.get(&id)) {
            (Err(m), None) => unexpected.push(format!("{id} ({}): {m}", t["name"].as_str().unwrap_or(""))),
            (Ok(()), Some(reason)) => {
                unexpected.push(format!("{id}: listed as an exception ({reason}) but passes"))
            }
            _ => {}
        }
    }
    println!("PKITS: {pass}/{} pass, {fa} false-accept, {fr} false-reject", tests.len());
    for u in &unexpected {
        println!("  {u}");
    }
    assert_eq!(tests.len(), 249, "PKITS must have 249 entries");
    assert!(
        unexpected.is_empty(),
        "{} unexpected PKITS outcome(s):\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}

/// Mutated PKITS certificates (random byte flips that still parse) as leaves and pool members,
/// with the PKITS CRLs and revocation `require`: validation never panics, and a mutated leaf is
/// never accepted.
#[test]
fn mutated_certificates_never_panic() {
    use rand::Rng;
    let Some(shared) = shared_dir() else { return };
    let base = shared.join("conformance/pkits");
    let mut names: Vec<_> = std::fs::read_dir(base.join("certs"))
        .expect("certs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    let certs: Vec<Certificate> = names.iter().filter_map(|p| Certificate::load(p).ok()).collect();
    let crls: Vec<Crl> = ["TrustAnchorRootCRL.crl", "GoodCACRL.crl"]
        .iter()
        .flat_map(|n| Crl::load_all(base.join("crls").join(n)).expect("CRL"))
        .collect();
    let anchor = Certificate::load(base.join("certs/TrustAnchorRootCertificate.crt")).expect("anchor");
    let mut store = TrustStore::new();
    store.add(anchor, "Trust Anchor", "pkits");
    let opts = ValidationOptions::default()
        .with_time(time::macros::datetime!(2020-01-01 00:00:00 UTC))
        .with_revocation(RevocationMode::Require)
        .with_allow_legacy(true);
    let good_ca = Certificate::load(base.join("certs/GoodCACert.crt")).expect("GoodCA");
    let mut rng = rand::rngs::StdRng::seed_from_u64(5280);
    let (mut parsed, mut accepted) = (0, 0);
    for _ in 0..400 {
        let src = &certs[rng.gen_range(0..certs.len())];
        let mut der = src.der().to_vec();
        for _ in 0..rng.gen_range(1..4) {
            let i = rng.gen_range(0..der.len());
            der[i] ^= 1 << rng.gen_range(0..8);
        }
        if der == src.der() {
            continue; // the same bit flipped twice
        }
        let Ok(m) = Certificate::from_der(der) else { continue };
        parsed += 1;
        let mut pool: Vec<Certificate> =
            (0..8).map(|_| certs[rng.gen_range(0..certs.len())].clone()).collect();
        pool.push(good_ca.clone());
        pool.push(m.clone());
        let r = validate(&m, &pool, &crls, &store, &opts);
        if r.valid {
            accepted += 1;
            println!("accepted: a mutation of {}", src.subject_string());
        }
        // Also as a pool member for a valid leaf.
        let _ = validate(&certs[rng.gen_range(0..certs.len())], &pool, &crls, &store, &opts);
    }
    println!("mutated certificates: {parsed} parsed, {accepted} accepted");
    assert!(parsed > 50, "the mutation test exercised too few certificates");
    // A flipped bit that still parses lands in the signed part, the signature or the outer
    // signatureAlgorithm (which must equal the signed one): never accepted.
    assert_eq!(accepted, 0, "{accepted} of {parsed} mutated certificates accepted");
}
