//! NIST PKITS through the CRL checker alone, without path building: each test's `path` (anchor →
//! end entity) is walked and every certificate is checked with
//! `check_certificate(path[i], path[i-1], crls, 2020-01-01, allow_legacy = true, resolver)` in
//! "require" mode (Unknown counts as invalid).
//!
//! Expectations: every `valid` entry of every section gives Good for each certificate; every
//! `invalid` entry of the CRL sections (4.4, 4.5, 4.14, 4.15) gives Revoked or Unknown somewhere,
//! except the few listed in `NOT_DECIDED_BY_CRL`, which fail for reasons outside revocation.
//!
//! Data: `$KYSO_SHARED/conformance/pkits` (default `<crate>/../shared`). Skipped with a notice when
//! absent, a failure when `CI` is set.

use kyso::revocation::{CrlSignerResolver, RevocationStatus, check_certificate};
use kyso::{Certificate, Crl};
use std::cell::RefCell;
use std::path::PathBuf;
use time::OffsetDateTime;
use time::macros::datetime;

/// Sections whose outcome is decided by CRL processing.
const CRL_SECTIONS: &[&str] = &["4.4", "4.5", "4.14", "4.15"];

/// Invalid entries of the CRL sections whose failure is not a revocation matter, with the reason
/// (from the PKITS descriptions). A path validator rejects them; the CRL checker rightly does not.
const NOT_DECIDED_BY_CRL: &[(&str, &str)] = &[(
    "4.5.8",
    "the CRL-signing certificate is used as an intermediate CA but its keyUsage lacks keyCertSign (§6.1.4 (n))",
)];

/// What the status must say for invalid entries whose PKITS name states the cause (a keyword of
/// the name, and a text of the non-Good status).
const CAUSE_BY_NAME: &[(&str, &str)] = &[
    ("Revoked", "Revoked {"),
    ("Missing CRL", "no CRL in scope"),
    ("Bad CRL Signature", "CRL signature invalid"),
    ("Unknown CRL Entry Extension", "unrecognised critical CRL entry extension"),
    ("Unknown CRL Extension", "unrecognised critical CRL extension"),
    ("CRL nextUpdate", "CRL expired at"),
    ("onlyContainsUserCerts", "onlyContainsUserCerts"),
    ("onlyContainsCACerts", "onlyContainsCACerts"),
    ("onlyContainsAttributeCerts", "onlyContainsAttributeCerts"),
];

/// Invalid entries of other sections that a CRL decides, with what the status must say.
const CRL_DECIDED_ELSEWHERE: &[(&str, &str)] = &[
    ("4.7.4", "lacks cRLSign"), // keyUsage critical, cRLSign false: the CA's CRL cannot be verified
    ("4.7.5", "lacks cRLSign"), // keyUsage not critical, cRLSign false
];

const TIME: OffsetDateTime = datetime!(2020-01-01 00:00:00 UTC);

fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("KYSO_SHARED") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    let pkits = dir.join("conformance/pkits/pkits-tests.json");
    if pkits.is_file() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("PKITS data not found at {} (set KYSO_SHARED)", pkits.display());
    }
    eprintln!("notice: PKITS data not found at {}; skipping (set KYSO_SHARED)", pkits.display());
    None
}

/// A test resolver: certificates of the path and the extra certificates whose subject matches,
/// accepted when their signature chains to the anchor through certificates that are themselves
/// Good by CRL.
struct TestResolver<'a> {
    anchor: &'a Certificate,
    certs: Vec<Certificate>,
    crls: &'a [Crl],
    in_progress: RefCell<Vec<[u8; 32]>>,
}

impl TestResolver<'_> {
    fn validates(&self, c: &Certificate) -> bool {
        if c == self.anchor {
            return true;
        }
        let fp = c.sha256();
        if self.in_progress.borrow().contains(&fp) {
            // Asked for again while checking its own status: a CRL issuer whose certificate is
            // covered by a CRL it signs (its signature chain is already established).
            return true;
        }
        if self.in_progress.borrow().len() > 8 {
            return false;
        }
        self.in_progress.borrow_mut().push(fp);
        let ok = self.certs.iter().chain(std::iter::once(self.anchor)).any(|p| {
            p != c
                && p.x509().subject().as_raw() == c.x509().issuer().as_raw()
                && c.x509().verify_signature(Some(p.x509().public_key())).is_ok()
                && self.validates(p)
                && check_certificate(c, p, self.crls, TIME, true, self) == RevocationStatus::Good
        });
        self.in_progress.borrow_mut().retain(|x| *x != fp);
        ok
    }
}

impl CrlSignerResolver for TestResolver<'_> {
    fn validated_signers(&self, crl_issuer_der: &[u8]) -> Vec<Certificate> {
        self.certs
            .iter()
            .chain(std::iter::once(self.anchor))
            .filter(|c| c.x509().subject().as_raw() == crl_issuer_der)
            .filter(|c| self.validates(c))
            .cloned()
            .collect()
    }
}

struct Outcome {
    id: String,
    name: String,
    section: String,
    expected_valid: bool,
    statuses: Vec<(String, RevocationStatus)>,
}

impl Outcome {
    fn all_good(&self) -> bool {
        self.statuses.iter().all(|(_, s)| *s == RevocationStatus::Good)
    }
    fn describe(&self) -> String {
        self.statuses
            .iter()
            .filter(|(_, s)| *s != RevocationStatus::Good)
            .map(|(f, s)| format!("{f}: {s:?} {s}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn run_all(dir: &std::path::Path) -> Vec<Outcome> {
    run_all_with(dir, true)
}

fn run_all_with(dir: &std::path::Path, allow_legacy: bool) -> Vec<Outcome> {
    let base = dir.join("conformance/pkits");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(base.join("pkits-tests.json")).expect("read pkits-tests.json"))
            .expect("parse pkits-tests.json");
    let load_cert = |name: &str| Certificate::load(base.join("certs").join(name)).expect("PKITS certificate");
    let load_crl = |name: &str| {
        let mut v = Crl::load_all(base.join("crls").join(name)).expect("PKITS CRL");
        assert_eq!(v.len(), 1, "{name}");
        v.remove(0)
    };
    let strs = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for t in json["tests"].as_array().expect("tests array") {
        let id = t["id"].as_str().expect("id").to_string();
        let section = t["section"].as_str().expect("section").to_string();
        let path_names = strs(&t["path"]);
        let path: Vec<Certificate> = path_names.iter().map(|n| load_cert(n)).collect();
        let extra: Vec<Certificate> = strs(&t["extra_certs"]).iter().map(|n| load_cert(n)).collect();
        let crls: Vec<Crl> = strs(&t["crls"]).iter().map(|n| load_crl(n)).collect();
        let resolver = TestResolver {
            anchor: &path[0],
            certs: path.iter().skip(1).chain(extra.iter()).cloned().collect(),
            crls: &crls,
            in_progress: RefCell::new(Vec::new()),
        };
        let statuses = (1..path.len())
            .map(|i| {
                (
                    path_names[i].clone(),
                    check_certificate(&path[i], &path[i - 1], &crls, TIME, allow_legacy, &resolver),
                )
            })
            .collect();
        let name = t["name"].as_str().unwrap_or_default().to_string();
        out.push(Outcome { id, name, section, expected_valid: t["expected"] == "valid", statuses });
    }
    out
}

#[test]
fn pkits_crl() {
    let Some(dir) = shared_dir() else { return };
    let outcomes = run_all(&dir);
    assert!(outcomes.len() > 200, "PKITS list too short: {}", outcomes.len());

    let mut failures = Vec::new();
    // Every valid entry, of every section: all Good.
    for o in outcomes.iter().filter(|o| o.expected_valid) {
        if !o.all_good() {
            failures.push(format!("{} (valid) got {}", o.id, o.describe()));
        }
    }
    // Invalid entries of the CRL sections: Revoked or Unknown somewhere, unless documented.
    let mut counted = 0;
    let mut passed = 0;
    let mut by_name = 0;
    for o in outcomes.iter().filter(|o| CRL_SECTIONS.contains(&o.section.as_str())) {
        let exception = NOT_DECIDED_BY_CRL.iter().find(|(id, _)| *id == o.id);
        if let Some((id, why)) = exception {
            assert!(!o.expected_valid, "{id} is listed as invalid for a non-CRL reason but expected valid");
            if !o.all_good() {
                failures.push(format!("{id} listed as not decided by CRL ({why}) but got {}", o.describe()));
            }
            println!("{id}: invalid for a non-CRL reason: {why}");
            continue;
        }
        counted += 1;
        let ok = if o.expected_valid { o.all_good() } else { !o.all_good() };
        if !o.expected_valid {
            println!("{} (invalid): {}", o.id, o.describe());
            for (keyword, text) in CAUSE_BY_NAME {
                if o.name.contains(keyword) {
                    by_name += 1;
                }
                if o.name.contains(keyword) && !o.describe().contains(text) {
                    failures.push(format!("{} '{}' should say '{text}': {}", o.id, o.name, o.describe()));
                }
            }
        }
        if ok {
            passed += 1;
        } else if !o.expected_valid {
            failures.push(format!("{} (invalid) got all Good", o.id));
        }
    }
    for (id, needle) in CRL_DECIDED_ELSEWHERE {
        let o = outcomes.iter().find(|o| o.id == *id).unwrap_or_else(|| panic!("{id} present"));
        counted += 1;
        if !o.expected_valid && o.describe().contains(needle) {
            passed += 1;
        } else {
            failures.push(format!("{id} should be Unknown with '{needle}', got {}", o.describe()));
        }
    }
    assert!(by_name >= 12, "the cause-by-name checks matched only {by_name} entries");
    let valid_total = outcomes.iter().filter(|o| o.expected_valid).count();
    let valid_good = outcomes.iter().filter(|o| o.expected_valid && o.all_good()).count();
    println!(
        "PKITS CRL: {passed}/{counted} (sections {} and {} more)",
        CRL_SECTIONS.join(", "),
        CRL_DECIDED_ELSEWHERE.len()
    );
    println!("PKITS valid entries with every certificate Good: {valid_good}/{valid_total}");
    let elsewhere = |id: &str| CRL_DECIDED_ELSEWHERE.iter().any(|(i, _)| *i == id);
    for o in outcomes
        .iter()
        .filter(|o| !o.expected_valid && !CRL_SECTIONS.contains(&o.section.as_str()) && !elsewhere(&o.id))
    {
        if !o.all_good() {
            println!(
                "note: {} (invalid, section {}) also not Good by CRL: {}",
                o.id,
                o.section,
                o.describe()
            );
        }
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn pkits_revoked_ee_names_reason_and_issuer() {
    let Some(dir) = shared_dir() else { return };
    let outcomes = run_all(&dir);
    // 4.4.3 Invalid Revoked EE Test3: the end entity is on GoodCACRL (keyCompromise).
    let o = outcomes.iter().find(|o| o.id == "4.4.3").expect("4.4.3 present");
    match &o.statuses.last().expect("EE status").1 {
        RevocationStatus::Revoked { reason, crl_issuer, .. } => {
            assert_eq!(reason.as_deref(), Some("keyCompromise"));
            assert!(crl_issuer.contains("Good CA"), "{crl_issuer}");
        }
        other => panic!("4.4.3: expected Revoked, got {other:?}"),
    }
    // 4.4.11 Invalid Old CRL nextUpdate Test11: the CRL is expired.
    let o = outcomes.iter().find(|o| o.id == "4.4.11").expect("4.4.11 present");
    match &o.statuses.last().expect("EE status").1 {
        RevocationStatus::Unknown { notes, .. } => {
            assert!(notes.iter().any(|n| n.code == kyso::diag::codes::revocation::EXPIRED), "{notes:?}")
        }
        other => panic!("4.4.11: expected Unknown, got {other:?}"),
    }
}

#[test]
fn pkits_dsa_crls_need_legacy_algorithms() {
    let Some(dir) = shared_dir() else { return };
    // 4.1.4 and 4.1.5: CRLs signed with dsa-with-sha1 (4.1.5 inheriting the DSA parameters).
    let strict = run_all_with(&dir, false);
    let lenient = run_all_with(&dir, true);
    for id in ["4.1.4", "4.1.5"] {
        let s = strict.iter().find(|o| o.id == id).expect("entry present");
        let l = lenient.iter().find(|o| o.id == id).expect("entry present");
        assert!(l.all_good(), "{id} with legacy allowed: {}", l.describe());
        assert!(s.describe().contains("legacy signature algorithm dsa-with-sha1"), "{id}: {}", s.describe());
    }
}

/// x509-limbo's `crl::` cases (C2SP): one-certificate chains with CRLs. The issuer is the trusted
/// certificate whose subject and key match the leaf; `SUCCESS` must be Good, `FAILURE` not Good.
#[test]
fn limbo_crl_cases() {
    use std::io::Read;
    let Some(dir) = shared_dir() else { return };
    let path = dir.join("conformance/limbo/limbo.json.xz");
    if !path.is_file() {
        assert!(std::env::var_os("CI").is_none(), "x509-limbo data not found at {}", path.display());
        eprintln!("notice: x509-limbo data not found at {}; skipping", path.display());
        return;
    }
    let mut text = Vec::new();
    xz2::read::XzDecoder::new(std::fs::File::open(&path).expect("open limbo"))
        .read_to_end(&mut text)
        .expect("decompress limbo");
    let json: serde_json::Value = serde_json::from_slice(&text).expect("parse limbo");
    let pems = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect())
            .unwrap_or_default()
    };
    let mut total = 0;
    let mut passed = 0;
    let mut failures = Vec::new();
    for t in json["testcases"].as_array().expect("testcases") {
        let id = t["id"].as_str().unwrap_or_default();
        if !id.starts_with("crl::") {
            continue;
        }
        total += 1;
        let trusted: Vec<Certificate> = pems(&t["trusted_certs"])
            .iter()
            .flat_map(|p| Certificate::parse_many(p.as_bytes()).expect("cert"))
            .collect();
        let crls: Vec<Crl> =
            pems(&t["crls"]).iter().flat_map(|p| Crl::parse_many(p.as_bytes()).expect("crl")).collect();
        let leaf = Certificate::parse_many(t["peer_certificate"].as_str().expect("peer").as_bytes())
            .expect("peer certificate")
            .remove(0);
        let time = match t["validation_time"].as_str() {
            Some(s) => {
                OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).expect("time")
            }
            None => OffsetDateTime::now_utc(),
        };
        let issuer = trusted
            .iter()
            .find(|c| {
                c.x509().subject().as_raw() == leaf.x509().issuer().as_raw()
                    && leaf.x509().verify_signature(Some(c.x509().public_key())).is_ok()
            })
            .expect("issuer among trusted certificates");
        let resolver = TestResolver {
            anchor: issuer,
            certs: trusted.clone(),
            crls: &crls,
            in_progress: RefCell::new(Vec::new()),
        };
        let status = check_certificate(&leaf, issuer, &crls, time, false, &resolver);
        let expect_good = t["expected_result"] == "SUCCESS";
        println!("{id}: {status}");
        if status.is_good() == expect_good {
            passed += 1;
        } else {
            failures.push(format!("{id}: expected {}, got {status}", t["expected_result"]));
        }
    }
    println!("limbo CRL: {passed}/{total}");
    assert!(total >= 8, "limbo crl:: cases missing: {total}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
