//! NIST PKITS (all 249 entries of `$KYSO_SHARED/conformance/pkits/pkits-tests.json`) through
//! `kyso::path::validate`: the path certificates (minus the anchor) and the extra certificates
//! as a SHUFFLED pool, the CRLs with revocation `require`, the four policy inputs, time
//! 2020-01-01T00:00:00Z, legacy algorithms allowed (PKITS uses SHA-1 and DSA), under the
//! default validation profile (`document`). The same through the command line (`kyso chain
//! verify ... --allow-legacy`, no other flag beyond the test's inputs); and under
//! `rfc5280-strict`, where the only differences are the rules that bind the issuing CA (PKITS,
//! of the RFC 3280 era, marks policyConstraints non-critical on valid paths).
//!
//! Divergences are listed in tests/pkits-exceptions.json (`{"id": "reason"}`): a failure not
//! listed fails the test, and so does a listed exception that passes.

use kyso::path::{PolicyInput, Profile, ValidationOptions, ValidationReport, validate};
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

/// Validate one PKITS entry's end entity under `profile`.
fn validate_entry(t: &Value, base: &std::path::Path, profile: Profile) -> ValidationReport {
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
        .with_allow_legacy(true)
        .with_profile(profile);
    validate(&leaf, &pool, &crls, &store, &opts)
}

/// Compare a verdict with the entry's expectation: Ok(()) when kyso agrees, Err(description)
/// otherwise. `policies`: the user-constrained policy set of the first valid path.
fn judge(
    t: &Value,
    valid: bool,
    policies: Option<Vec<String>>,
    error: impl FnOnce() -> String,
) -> Result<(), String> {
    let expected_valid = t["expected"].as_str() == Some("valid");
    match (expected_valid, valid) {
        (true, false) => Err(format!("FR: {}", error())),
        (false, true) => Err("FA: accepted".into()),
        (false, false) => Ok(()),
        (true, true) => {
            let want: BTreeSet<String> =
                strs(&t["expected_user_constrained_policy_set"]).into_iter().collect();
            let got: BTreeSet<String> = policies.unwrap_or_default().into_iter().collect();
            if want == got {
                Ok(())
            } else {
                Err(format!("POLICY: user-constrained policy set {got:?}, expected {want:?}"))
            }
        }
    }
}

/// The outcome of one PKITS entry under the default profile.
fn run_one(t: &Value, base: &std::path::Path) -> Result<(), String> {
    let report = validate_entry(t, base, Profile::default());
    let policies = report.paths.first().map(|p| p.user_constrained_policy_set.clone());
    judge(t, report.valid, policies, || {
        report.error.as_ref().map(|e| e.to_string()).unwrap_or_else(|| "no error".into())
    })
}

/// The outcome of one PKITS entry through `kyso chain verify --json`.
fn run_one_cli(t: &Value, base: &std::path::Path) -> Result<(), String> {
    let cert = |name: &str| base.join("certs").join(name).to_string_lossy().into_owned();
    let mut args: Vec<String> =
        vec!["chain".into(), "verify".into(), cert(t["end_entity"].as_str().unwrap())];
    args.extend(["--anchor".into(), cert(t["trust_anchor"].as_str().unwrap())]);
    for n in strs(&t["path"]).iter().skip(1).chain(strs(&t["extra_certs"]).iter()) {
        args.extend(["--untrusted".into(), cert(n)]);
    }
    for n in strs(&t["crls"]) {
        args.extend(["--crl".into(), base.join("crls").join(n).to_string_lossy().into_owned()]);
    }
    for p in strs(&t["user_initial_policy_set"]) {
        args.extend(["--policy".into(), p]);
    }
    for (key, flag) in [
        ("initial_explicit_policy", "--explicit-policy"),
        ("initial_policy_mapping_inhibit", "--inhibit-policy-mapping"),
        ("initial_any_policy_inhibit", "--inhibit-any-policy"),
    ] {
        if t[key].as_bool().unwrap_or(false) {
            args.push(flag.into());
        }
    }
    let revocation = std::env::var("KYSO_PKITS_REVOCATION").unwrap_or_else(|_| "require".into());
    args.extend(["--at=2020-01-01T00:00:00Z".into(), format!("--revocation={revocation}")]);
    // The one flag PKITS needs: its certificates are signed with SHA-1 and DSA.
    args.extend(["--allow-legacy".into(), "--json".into()]);
    let out = assert_cmd::Command::cargo_bin("kyso")
        .unwrap()
        .env("LANG", "C")
        .env("KYSO_OFFLINE", "1") // a harness run is offline: only the suite's own CRLs count
        .args(&args)
        .output()
        .map_err(|e| format!("CLI: {e}"))?;
    let report: Value = match out.status.code() {
        Some(0 | 1) => serde_json::from_slice(&out.stdout).map_err(|e| format!("CLI: JSON: {e}"))?,
        other => {
            return Err(format!("CLI: exit {other:?}: {}", String::from_utf8_lossy(&out.stderr)));
        }
    };
    let valid = out.status.code() == Some(0);
    if valid != report["valid"].as_bool().unwrap_or(false) {
        return Err(format!("CLI: exit {:?} but valid = {}", out.status.code(), report["valid"]));
    }
    let policies =
        report["paths"][0]["user_constrained_policy_set"].as_array().map(|a| strs(&Value::Array(a.clone())));
    judge(t, valid, policies, || report["error"]["message"].as_str().unwrap_or("no error").to_string())
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

fn load_tests() -> Option<(PathBuf, Vec<Value>, BTreeMap<String, String>)> {
    let shared = shared_dir()?;
    let base = shared.join("conformance/pkits");
    let data: Value =
        serde_json::from_slice(&std::fs::read(base.join("pkits-tests.json")).expect("read pkits-tests.json"))
            .expect("pkits-tests.json");
    let tests = data["tests"].as_array().expect("tests").clone();
    let exceptions: BTreeMap<String, String> =
        serde_json::from_str(include_str!("pkits-exceptions.json")).expect("tests/pkits-exceptions.json");
    Some((base, tests, exceptions))
}

/// All 249 entries through the command line, with `--allow-legacy` as the only flag beyond the
/// entry's own inputs (anchor, certificates, CRLs, time, revocation, policy inputs): the
/// default `document` profile accepts PKITS as written.
#[test]
fn pkits_through_the_cli() {
    let Some((base, tests, exceptions)) = load_tests() else { return };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(8);
    let chunks: Vec<&[Value]> = tests.chunks(tests.len().div_ceil(threads)).collect();
    let outcomes: Vec<(String, Result<(), String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                let base = &base;
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|t| (t["id"].as_str().unwrap_or("?").to_string(), run_one_cli(t, base)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let pass = outcomes.iter().filter(|(_, o)| o.is_ok()).count();
    println!("PKITS through the CLI (--allow-legacy): {pass}/{} pass", outcomes.len());
    let unexpected: Vec<String> = outcomes
        .iter()
        .filter_map(|(id, o)| match (o, exceptions.get(id)) {
            (Err(m), None) => Some(format!("{id}: {m}")),
            (Ok(()), Some(reason)) => Some(format!("{id}: listed as an exception ({reason}) but passes")),
            _ => None,
        })
        .collect();
    assert_eq!(outcomes.len(), 249);
    assert!(unexpected.is_empty(), "{} unexpected outcome(s):\n{}", unexpected.len(), unexpected.join("\n"));
}

/// Under `rfc5280-strict` PKITS is not accepted as written: the paths it rejects that the
/// default profile accepts are exactly those where a certificate breaks a rule of the issuing
/// CA (the error carries the hint that `document` reports it as a warning), and each such rule
/// is a warning of the default run. Prints which entries and rules.
#[test]
fn pkits_strict_differs_only_by_issuer_rules() {
    let Some((base, tests, _)) = load_tests() else { return };
    let mut differences = BTreeMap::new();
    for t in &tests {
        let id = t["id"].as_str().unwrap_or("?").to_string();
        let document = validate_entry(t, &base, Profile::document());
        let strict = validate_entry(t, &base, Profile::rfc5280_strict());
        if document.valid == strict.valid {
            continue;
        }
        assert!(document.valid, "{id}: accepted under rfc5280-strict only");
        let e = strict.error.expect("an error");
        assert_eq!(e.hint, Some(kyso::diag::Hint::IssuerRuleAsWarning), "{id}: {e}");
        assert!(
            document.warnings.iter().any(|w| w.code() == e.code()),
            "{id}: {} is not a warning of the document run: {:?}",
            e.code(),
            document.warnings
        );
        differences.insert(id, format!("{} [{}]", e.code(), e.rule));
    }
    println!("PKITS entries valid under document, rejected under rfc5280-strict: {}", differences.len());
    for (id, why) in &differences {
        println!("  {id}: {why}");
    }
    // PKITS 4.8.6, 4.8.10, 4.10.1, ... carry a non-critical policyConstraints on valid paths.
    assert!(
        differences.values().any(|w| w.starts_with("path-policy-constraints-not-critical")),
        "{differences:?}"
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
