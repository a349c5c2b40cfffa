//! Validation profiles end to end (`--profile document|rfc5280-strict|tls-server`,
//! `--tls-server`, `--no-anchor-checks`): the CA/Browser Forum preset refuses a
//! document-signing leaf that the default profile accepts; a cross-certificate without key
//! identifiers and a non-critical policyConstraints are warnings under `document` and errors
//! under `rfc5280-strict`; an expired trust anchor is refused unless anchor checks are turned off.

mod pki_gen;

use assert_cmd::Command;
use pki_gen::{Ca, Opts};
use predicates::prelude::*;

fn kyso() -> Command {
    let mut c = Command::cargo_bin("kyso").unwrap();
    c.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    c
}

fn write(dir: &std::path::Path, name: &str, cert: &kyso::Certificate) -> String {
    let p = dir.join(name);
    std::fs::write(&p, cert.to_pem()).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn tls_server_preset_is_opt_in() {
    let dir = tempfile::tempdir().unwrap();
    let gov = Ca::root("RootCA chuyen dung Chinh phu G2", "Ban Co yeu Chinh phu", &Opts::default());
    // A leaf without extKeyUsage: valid for RFC 5280, not a CA/B TLS server certificate.
    let leaf = gov.leaf("Nguyen Van A", "So Tai chinh", &Opts::default());
    let root = write(dir.path(), "root.pem", &gov.cert);
    let leaf = write(dir.path(), "leaf.pem", &leaf);
    let at = "--at=2026-01-01T00:00:00Z";
    kyso().args(["chain", "verify", &leaf, "--anchor", &root, at]).assert().code(0);
    kyso()
        .args(["chain", "verify", &leaf, "--anchor", &root, at, "--tls-server"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("7.1.2.7.6").or(predicate::str::contains("serverAuth")));
}

#[test]
fn expired_anchor_refused_unless_anchor_checks_are_off() {
    let dir = tempfile::tempdir().unwrap();
    let old = Opts {
        not_before: Some(rcgen::date_time_ymd(2020, 1, 1)),
        not_after: Some(rcgen::date_time_ymd(2022, 1, 1)),
        ..Opts::default()
    };
    let root = Ca::root("Old Root", "Demo", &old);
    let leaf = root.leaf("Leaf", "Demo", &Opts::default());
    let root = write(dir.path(), "root.pem", &root.cert);
    let leaf = write(dir.path(), "leaf.pem", &leaf);
    let at = "--at=2026-01-01T00:00:00Z";
    kyso()
        .args(["chain", "verify", &leaf, "--anchor", &root, at])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("expired"));
    kyso().args(["chain", "verify", &leaf, "--anchor", &root, at, "--no-anchor-checks"]).assert().code(0);
}

/// Run `kyso ARGS --json`: (exit code, the JSON report).
fn json_report(args: &[&str]) -> (i32, serde_json::Value) {
    let out = kyso().args(args).arg("--json").output().unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), v)
}

/// The codes of the report's warnings that carry a rule, with their severity and rule.
fn rule_warnings(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"].as_str().is_some_and(|c| !c.starts_with("revocation")))
        .map(|w| {
            let s = |k: &str| w[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("severity"), s("rule"))
        })
        .collect()
}

/// A cross-certificate whose CA wrote neither authorityKeyIdentifier nor subjectKeyIdentifier
/// (RFC 5280 §4.2.1.1, §4.2.1.2: MUSTs of the issuing CA; key identifiers only order candidate
/// issuers): valid under the default `document` profile, with a warning for each, and refused
/// under `rfc5280-strict`, by `chain verify` and `cross-validate` alike.
#[test]
fn cross_certificate_without_key_identifiers_warns_by_default_and_fails_strict() {
    let dir = tempfile::tempdir().unwrap();
    let public = Ca::root("DEMO National Root CA", "DEMO Bo Khoa hoc va Cong nghe", &Opts::default());
    let gov = Ca::root("DEMO RootCA chuyen dung Chinh phu", "DEMO Ban Co yeu Chinh phu", &Opts::default());
    let sub =
        gov.sub_ca("DEMO CA phuc vu cac co quan Nha nuoc", "DEMO Ban Co yeu Chinh phu", &Opts::default());
    let leaf = sub.leaf("Nguyen Van A", "So Tai chinh", &Opts::default());
    let bare = Opts { no_key_identifiers: true, ..Opts::default() };
    let cross = public.cross_certify(&gov, &bare);
    assert!(cross.x509().extensions().iter().all(|e| {
        let oid = e.oid.to_id_string();
        oid != "2.5.29.35" && oid != "2.5.29.14"
    }));
    let root = write(dir.path(), "public.pem", &public.cert);
    let sub = write(dir.path(), "sub.pem", &sub.cert);
    let cross = write(dir.path(), "cross.pem", &cross);
    let leaf = write(dir.path(), "leaf.pem", &leaf);
    let at = "--at=2026-01-01T00:00:00Z";
    let chain = ["chain", "verify", &leaf, "--anchor", &root, "--untrusted", &sub, "--untrusted", &cross, at];
    let expected = vec![
        ("path-aki-missing".to_string(), "warning".to_string(), "RFC 5280 §4.2.1.1".to_string()),
        ("path-ski-missing".to_string(), "warning".to_string(), "RFC 5280 §4.2.1.2".to_string()),
    ];
    for profile in [None, Some("document")] {
        let mut args = chain.to_vec();
        args.extend(profile.iter().flat_map(|p| ["--profile", p]));
        let (code, report) = json_report(&args);
        assert_eq!(code, 0, "{report}");
        assert_eq!(report["paths"][0]["certificates"].as_array().unwrap().len(), 4, "{report}");
        assert_eq!(rule_warnings(&report), expected, "{report}");
    }
    let mut strict = chain.to_vec();
    strict.extend(["--profile", "rfc5280-strict"]);
    let (code, report) = json_report(&strict);
    assert_eq!(code, 1, "{report}");
    assert_eq!(report["error"]["code"], "path-aki-missing", "{report}");
    assert_eq!(report["error"]["check"], "profile");
    assert_eq!(report["error"]["hint"], "issuer-rule-as-warning");
    // In words: the reason, and the hint naming the default profile.
    kyso()
        .args(&strict)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("has no authorityKeyIdentifier"))
        .stdout(predicate::str::contains("--profile document"));
    // cross-validate: the public domain accepts through the cross-certificate by default only.
    let gov_root = write(dir.path(), "gov.pem", &gov.cert);
    let public_domain = format!("public={root}");
    let gov_domain = format!("gov={gov_root}");
    let cross_validate = [
        "cross-validate",
        &leaf,
        "--domain",
        &public_domain,
        "--domain",
        &gov_domain,
        "--untrusted",
        &sub,
        "--untrusted",
        &cross,
        "--require-all",
        at,
    ];
    kyso().args(cross_validate).assert().code(0).stdout(predicate::str::contains("authorityKeyIdentifier"));
    kyso().args(cross_validate).args(["--profile", "rfc5280-strict"]).assert().code(1);
}

/// A CA whose policyConstraints is not critical (RFC 3280 allowed it; RFC 5280 §4.2.1.11 makes
/// it critical, a MUST of the issuing CA): processed and valid, with a warning, under
/// `document`; refused under `rfc5280-strict`, with or without `--allow-legacy` (legacy
/// algorithms are another matter).
#[test]
fn non_critical_policy_constraints_warn_by_default_and_fail_strict() {
    let dir = tempfile::tempdir().unwrap();
    const POLICY: &str = "2.16.704.1.1.1.1.1";
    let gov = Ca::root("DEMO RootCA chuyen dung Chinh phu", "DEMO Ban Co yeu Chinh phu", &Opts::default());
    let sub = gov.sub_ca(
        "DEMO CA phuc vu cac co quan Nha nuoc",
        "DEMO Ban Co yeu Chinh phu",
        &Opts {
            policies: vec![POLICY],
            require_explicit_policy: Some(0),
            policy_constraints_non_critical: true,
            ..Opts::default()
        },
    );
    let with_policy =
        sub.leaf("Nguyen Van A", "So Tai chinh", &Opts { policies: vec![POLICY], ..Opts::default() });
    let without = sub.leaf("Nguyen Van B", "So Tai chinh", &Opts::default());
    let root = write(dir.path(), "root.pem", &gov.cert);
    let sub = write(dir.path(), "sub.pem", &sub.cert);
    let with_policy = write(dir.path(), "leaf.pem", &with_policy);
    let without = write(dir.path(), "leaf-no-policy.pem", &without);
    let at = "--at=2026-01-01T00:00:00Z";
    let args = |leaf: &str, extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> =
            ["chain", "verify", leaf, "--anchor", &root, "--untrusted", &sub, at].map(String::from).to_vec();
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let run = |v: Vec<String>| json_report(&v.iter().map(String::as_str).collect::<Vec<_>>());
    let (code, report) = run(args(&with_policy, &[]));
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        rule_warnings(&report),
        [(
            "path-policy-constraints-not-critical".to_string(),
            "warning".to_string(),
            "RFC 5280 §4.2.1.11".to_string()
        )]
    );
    assert_eq!(report["paths"][0]["user_constrained_policy_set"][0], POLICY);
    // Processed: requireExplicitPolicy = 0 refuses a leaf without a policy.
    let (code, report) = run(args(&without, &[]));
    assert_eq!((code, report["error"]["check"].as_str()), (1, Some("policy")), "{report}");
    for extra in [&["--profile", "rfc5280-strict"][..], &["--profile", "rfc5280-strict", "--allow-legacy"]] {
        let (code, report) = run(args(&with_policy, extra));
        assert_eq!(code, 1, "{report}");
        assert_eq!(report["error"]["code"], "path-policy-constraints-not-critical", "{report}");
        assert_eq!(report["error"]["rule"], "RFC 5280 §4.2.1.11");
    }
}

/// `--profile` names a preset; `--tls-server` is `--profile tls-server`; anything else is a
/// usage error (exit 2) naming the presets. The flag belongs to the validating commands only:
/// `kyso sign --profile` (the XML profile) and `kyso cert issue --profile` (the certificate
/// profile) keep their own meaning.
#[test]
fn profile_flag_names_a_preset() {
    let dir = tempfile::tempdir().unwrap();
    let gov = Ca::root("RootCA chuyen dung Chinh phu G2", "Ban Co yeu Chinh phu", &Opts::default());
    let leaf = gov.leaf("Nguyen Van A", "So Tai chinh", &Opts::default());
    let root = write(dir.path(), "root.pem", &gov.cert);
    let leaf = write(dir.path(), "leaf.pem", &leaf);
    let at = "--at=2026-01-01T00:00:00Z";
    let base = ["chain", "verify", &leaf, "--anchor", &root, at];
    let (alias_code, alias) = json_report(&[&base[..], &["--tls-server"]].concat());
    let (named_code, named) = json_report(&[&base[..], &["--profile", "tls-server"]].concat());
    assert_eq!((alias_code, named_code), (1, 1));
    assert_eq!(alias["error"], named["error"]);
    kyso().args(base).args(["--profile", "tls-server", "--tls-server"]).assert().code(1);
    kyso()
        .args(base)
        .args(["--profile", "tls"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("document, rfc5280-strict, tls-server"));
    kyso().args(base).args(["--profile", "document", "--tls-server"]).assert().code(2);
    for cmd in [&["verify", "--help"][..], &["chain", "verify", "--help"], &["cross-validate", "--help"]] {
        kyso().args(cmd).assert().code(0).stdout(predicate::str::contains("rfc5280-strict"));
    }
    for cmd in [&["sign", "--help"][..], &["cert", "issue", "--help"]] {
        kyso()
            .args(cmd)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("--profile"))
            .stdout(predicate::str::contains("rfc5280-strict").not());
    }
}
