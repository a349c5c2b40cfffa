//! C2SP x509-limbo (all 9,780 cases of `$KYSO_SHARED/conformance/limbo/limbo.json.xz`) through
//! `kyso::path::validate`, in parallel.
//!
//! Field mapping: `trusted_certs` → trust anchors; `untrusted_intermediates` → pool;
//! `peer_certificate` → leaf; `validation_time` (null → now); `expected_peer_name` and
//! `expected_peer_names` → [`NameCheck`] (the first through the validator, the others with
//! [`check_name`] on the leaf); `extended_key_usage` → required EKUs (SERVER without one →
//! serverAuth, CLIENT without one → clientAuth, as webpki and pyca do); `key_usage` → required
//! key usage; `max_chain_depth` (intermediates allowed) → `max_depth` (+2: leaf and anchor);
//! `crls` → CRLs with revocation `require`, else revocation off; `validation_kind` → the
//! validation profile kyso has for that use: SERVER → [`Profile::tls_server`] (RFC 5280 strict
//! plus the CA/Browser Forum TLS server rules), CLIENT → [`Profile::document`] (kyso's profile
//! for client authentication and documents; limbo's 10 CLIENT cases test name constraints on
//! e-mail addresses, which every profile applies alike).
//!
//! Every divergence from the expected result must be listed in tests/limbo-exceptions.json
//! (`{"id": "reason"}`); an unlisted divergence fails the test, and so does a listed case that
//! no longer diverges. `KYSO_LIMBO_BLESS=1` rewrites the file from the current run (keeping the
//! reasons already written). Cases taking more than 5 s are flagged and fail the test.
//!
//! Data: `$KYSO_SHARED` (default `<crate>/../shared`). Skipped with a notice when absent, but
//! fails when the `CI` environment variable is set.

use kyso::path::name_constraints::check_name;
use kyso::path::{KeyUsageBit, NameCheck, Profile, ValidationOptions, eku_oid, validate};
use kyso::revocation::RevocationMode;
use kyso::{Certificate, Crl, TrustStore};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const TIME_GUARD: Duration = Duration::from_secs(5);

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")));
    if dir.join("conformance/limbo/limbo.json.xz").is_file() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("x509-limbo data not found under {} (set KYSO_SHARED)", dir.display());
    }
    eprintln!("notice: x509-limbo data not found under {} (set KYSO_SHARED): test skipped", dir.display());
    None
}

#[derive(Deserialize)]
struct Limbo {
    testcases: Vec<Case>,
}

#[derive(Deserialize)]
struct PeerName {
    kind: String,
    value: String,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    validation_kind: String,
    trusted_certs: Vec<String>,
    untrusted_intermediates: Vec<String>,
    peer_certificate: String,
    validation_time: Option<String>,
    #[serde(default)]
    key_usage: Vec<String>,
    #[serde(default)]
    extended_key_usage: Vec<String>,
    expected_result: String,
    expected_peer_name: Option<PeerName>,
    #[serde(default)]
    expected_peer_names: Vec<PeerName>,
    max_chain_depth: Option<usize>,
    #[serde(default)]
    crls: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    Pass,
    FalseAccept,
    FalseReject,
}

struct Outcome {
    verdict: Verdict,
    /// kyso's reason for rejecting (or "accepted").
    detail: String,
    elapsed: Duration,
}

fn name_check(p: &PeerName) -> Result<NameCheck, String> {
    match p.kind.as_str() {
        "DNS" => Ok(NameCheck::Dns(p.value.clone())),
        "IP" => p.value.parse().map(NameCheck::Ip).map_err(|e| format!("bad IP '{}': {e}", p.value)),
        "RFC822" => Ok(NameCheck::Email(p.value.clone())),
        other => Err(format!("unknown peer name kind {other}")),
    }
}

fn certs(pems: &[String]) -> Vec<Certificate> {
    // An unparseable CA or intermediate is unusable, as it would be to any validator.
    pems.iter().filter_map(|p| Certificate::parse_many(p.as_bytes()).ok()).flatten().collect()
}

/// Run one case: Ok(accepted?) with kyso's reason, or Err for a harness-level problem.
fn decide(case: &Case) -> Result<(bool, String), String> {
    let leaf = match Certificate::parse_many(case.peer_certificate.as_bytes()) {
        Ok(mut v) if v.len() == 1 => v.remove(0),
        Ok(_) => return Ok((false, "peer certificate: expected exactly one certificate".into())),
        Err(e) => return Ok((false, format!("peer certificate rejected: {e}"))),
    };
    let mut store = TrustStore::new();
    for (i, c) in certs(&case.trusted_certs).into_iter().enumerate() {
        store.add(c, format!("limbo trusted #{i}"), "limbo");
    }
    let pool = certs(&case.untrusted_intermediates);
    let mut crls = Vec::new();
    for pem in &case.crls {
        match Crl::parse_many(pem.as_bytes()) {
            Ok(v) => crls.extend(v),
            Err(e) => return Ok((false, format!("CRL rejected: {e}"))),
        }
    }
    let mut opts = ValidationOptions::default();
    if let Some(t) = &case.validation_time {
        opts.time = time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
            .map_err(|e| format!("bad validation_time {t}: {e}"))?;
    }
    let ekus: Vec<String> = if case.extended_key_usage.is_empty() {
        match case.validation_kind.as_str() {
            "CLIENT" => vec!["clientAuth".into()],
            _ => vec!["serverAuth".into()],
        }
    } else {
        case.extended_key_usage.clone()
    };
    opts.required_eku = ekus
        .iter()
        .map(|e| eku_oid(e).ok_or_else(|| format!("unknown EKU {e}")))
        .collect::<Result<_, _>>()?;
    opts.required_key_usage = case
        .key_usage
        .iter()
        .map(|k| KeyUsageBit::from_name(k).ok_or_else(|| format!("unknown key usage {k}")))
        .collect::<Result<_, _>>()?;
    let mut names: Vec<NameCheck> = Vec::new();
    if let Some(p) = &case.expected_peer_name {
        names.push(name_check(p)?);
    }
    for p in &case.expected_peer_names {
        names.push(name_check(p)?);
    }
    opts.name_check = names.first().cloned();
    if let Some(d) = case.max_chain_depth {
        opts.max_depth = d.saturating_add(2);
    }
    opts.revocation = if crls.is_empty() { RevocationMode::Off } else { RevocationMode::Require };
    opts.max_paths = 1;
    opts.profile = match case.validation_kind.as_str() {
        "SERVER" => Profile::tls_server(),
        "CLIENT" => Profile::document(),
        other => return Err(format!("unknown validation kind {other}")),
    };
    let report = validate(&leaf, &pool, &crls, &store, &opts);
    if !report.is_valid() {
        let reason =
            report.error.map(|e| e.to_string()).unwrap_or_else(|| "rejected (no reason given)".into());
        return Ok((false, reason));
    }
    for n in names.iter().skip(1) {
        if let Err(e) = check_name(leaf.x509(), n) {
            return Ok((false, format!("name check: {e}")));
        }
    }
    Ok((true, "accepted".into()))
}

fn run(case: &Case) -> Outcome {
    let start = Instant::now();
    let expected_success = case.expected_result == "SUCCESS";
    let (accepted, detail) = match decide(case) {
        Ok(x) => x,
        Err(e) => (false, format!("harness: {e}")),
    };
    let verdict = match (accepted, expected_success) {
        (a, e) if a == e => Verdict::Pass,
        (true, false) => Verdict::FalseAccept,
        _ => Verdict::FalseReject,
    };
    Outcome { verdict, detail, elapsed: start.elapsed() }
}

fn namespace(id: &str) -> &str {
    id.split("::").next().unwrap_or(id)
}

#[test]
fn x509_limbo() {
    let Some(shared) = shared_dir() else { return };
    let mut xz = Vec::new();
    xz2::read::XzDecoder::new(std::fs::File::open(shared.join("conformance/limbo/limbo.json.xz")).unwrap())
        .read_to_end(&mut xz)
        .unwrap();
    let limbo: Limbo = serde_json::from_slice(&xz).expect("limbo.json");
    drop(xz);
    let exceptions_path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/limbo-exceptions.json"));
    let exceptions: BTreeMap<String, String> =
        serde_json::from_slice(&std::fs::read(&exceptions_path).unwrap_or_else(|_| b"{}".to_vec()))
            .expect("tests/limbo-exceptions.json must be a JSON object {\"id\": \"reason\"}");

    let started = Instant::now();
    let outcomes: Vec<(&Case, Outcome)> = limbo.testcases.par_iter().map(|c| (c, run(c))).collect();
    let wall = started.elapsed();

    // Per-namespace table.
    let mut table: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for (c, o) in &outcomes {
        let row = table.entry(namespace(&c.id)).or_default();
        row[0] += 1;
        match o.verdict {
            Verdict::Pass => row[1] += 1,
            Verdict::FalseAccept => row[2] += 1,
            Verdict::FalseReject => row[3] += 1,
        }
    }
    println!(
        "{:<14} {:>6} {:>6} {:>13} {:>13}",
        "namespace", "cases", "pass", "false-accept", "false-reject"
    );
    let mut total = [0usize; 4];
    for (ns, row) in &table {
        println!("{:<14} {:>6} {:>6} {:>13} {:>13}", ns, row[0], row[1], row[2], row[3]);
        for k in 0..4 {
            total[k] += row[k];
        }
    }
    println!("{:<14} {:>6} {:>6} {:>13} {:>13}", "TOTAL", total[0], total[1], total[2], total[3]);
    println!(
        "x509-limbo: {}/{} pass, {} false accepts, {} false rejects ({:.1} s)",
        total[1],
        total[0],
        total[2],
        total[3],
        wall.as_secs_f64()
    );

    let mut by_time: Vec<&(&Case, Outcome)> = outcomes.iter().collect();
    by_time.sort_by_key(|(_, o)| std::cmp::Reverse(o.elapsed));
    let slowest: Vec<String> = by_time
        .iter()
        .take(3)
        .map(|(c, o)| format!("{} {:.0} ms", c.id, o.elapsed.as_secs_f64() * 1e3))
        .collect();
    println!("slowest cases: {}", slowest.join(", "));

    let mut problems = Vec::new();
    let slow: Vec<String> = outcomes
        .iter()
        .filter(|(_, o)| o.elapsed > TIME_GUARD)
        .map(|(c, o)| format!("{} took {:.1} s", c.id, o.elapsed.as_secs_f64()))
        .collect();
    for s in &slow {
        println!("SLOW: {s}");
        problems.push(format!("time guard: {s}"));
    }

    let mut blessed = BTreeMap::new();
    for (c, o) in &outcomes {
        let listed = exceptions.get(&c.id);
        match (o.verdict, listed) {
            (Verdict::Pass, None) => {}
            (Verdict::Pass, Some(_)) => {
                problems.push(format!("{}: listed in limbo-exceptions.json but now passes", c.id));
            }
            (v, listed) => {
                let kind = if v == Verdict::FalseAccept { "false accept" } else { "false reject" };
                let reason = match listed {
                    Some(r) => r.clone(),
                    None => {
                        problems.push(format!("{}: unexpected {kind}: {}", c.id, o.detail));
                        format!("{kind}: {}", o.detail)
                    }
                };
                println!("{kind}: {} — {}", c.id, o.detail);
                blessed.insert(c.id.clone(), reason);
            }
        }
    }
    if std::env::var_os("KYSO_LIMBO_BLESS").is_some() {
        let mut text = serde_json::to_string_pretty(&blessed).unwrap();
        text.push('\n');
        kyso::io::write_atomic(
            &exceptions_path,
            text.as_bytes(),
            kyso::io::WriteOptions::default().with_force(true),
        )
        .unwrap();
        println!("wrote {} exceptions to {}", blessed.len(), exceptions_path.display());
        return;
    }
    assert!(problems.is_empty(), "{} x509-limbo problems:\n{}", problems.len(), problems.join("\n"));
}
