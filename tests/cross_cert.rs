//! Cross-certification scenarios, generated with rcgen: two domains in both directions, a
//! bridge CA with policy mappings, mutual cross-signatures (loops), an expired cross-certificate
//! beside a valid one, a name constraint on a cross-certificate, pathLen and
//! requireExplicitPolicy on a cross-certificate. Each is run with the pool in every order (all
//! permutations) and must give the same verdict; where OpenSSL finds a path in a favourable
//! order, kyso agrees.

mod pki_gen;

use kyso::path::{Check, PolicyInput, ValidationOptions, ValidationReport, cross_validate, validate};
use kyso::revocation::RevocationMode;
use kyso::{Certificate, TrustStore};
use pki_gen::{Ca, Opts, permutations};

const P_PUB: &str = "2.16.704.1.2.1";
const P_GOV: &str = "2.16.704.1.1.1.1.1";
const P_BRIDGE: &str = "2.16.704.1.9.9";
const P_OTHER: &str = "2.16.704.1.7.7";

fn opts() -> ValidationOptions {
    ValidationOptions::default()
        .with_time(time::macros::datetime!(2026-06-01 00:00:00 UTC))
        .with_revocation(RevocationMode::Off)
}

fn store(domain: &str, anchors: &[&Certificate]) -> TrustStore {
    let mut s = TrustStore::new();
    for a in anchors {
        s.add((*a).clone(), a.subject_string(), domain);
    }
    s
}

/// Validate with every ordering of `pool`; all must agree. Returns the first report.
fn all_orders(
    leaf: &Certificate,
    pool: &[Certificate],
    st: &TrustStore,
    o: &ValidationOptions,
) -> ValidationReport {
    let orders = permutations(pool);
    let first = validate(leaf, &orders[0], &[], st, o);
    for order in &orders[1..] {
        let r = validate(leaf, order, &[], st, o);
        assert_eq!(r.valid, first.valid, "verdict depends on the pool order");
        assert_eq!(r.paths.len(), first.paths.len(), "number of paths depends on the pool order");
        assert_eq!(
            r.error.as_ref().map(|e| (&e.check, e.cert_index)),
            first.error.as_ref().map(|e| (&e.check, e.cert_index)),
            "error depends on the pool order"
        );
    }
    first
}

struct TwoDomains {
    public_root: Ca,
    gov_root: Ca,
    gov_sub: Ca,
    pub_sub: Ca,
    /// gov root certified by the public root
    x_pg: Certificate,
    /// public root certified by the gov root
    x_gp: Certificate,
}

fn two_domains(x_pg_opts: &Opts) -> TwoDomains {
    let public_root =
        Ca::root("Vietnam National Root CA", "Ministry of Science and Technology", &Opts::default());
    let gov_root = Ca::root("RootCA chuyen dung Chinh phu G2", "Ban Co yeu Chinh phu", &Opts::default());
    let gov_sub = gov_root.sub_ca(
        "CA phuc vu cac co quan Nha nuoc G2",
        "Ban Co yeu Chinh phu",
        &Opts { policies: vec![P_GOV], ..Opts::default() },
    );
    let pub_sub = public_root.sub_ca("Licensed CA", "Licensed CA JSC", &Opts::default());
    let x_pg = public_root.cross_certify(&gov_root, x_pg_opts);
    let x_gp = gov_root.cross_certify(&public_root, &Opts::default());
    TwoDomains { public_root, gov_root, gov_sub, pub_sub, x_pg, x_gp }
}

#[test]
fn two_domains_in_both_directions() {
    let d = two_domains(&Opts::default());
    let gov_leaf =
        d.gov_sub.leaf("Nguyen Van A", "So Tai chinh", &Opts { policies: vec![P_GOV], ..Opts::default() });
    let pub_leaf = d.pub_sub.leaf("Cong ty ABC", "MST:0101234567", &Opts::default());
    let pool = vec![d.gov_sub.cert.clone(), d.pub_sub.cert.clone(), d.x_pg.clone(), d.x_gp.clone()];
    let public = store("public", &[&d.public_root.cert]);
    let gov = store("gov", &[&d.gov_root.cert]);

    // Gov leaf under the public domain: through the cross-certificate.
    let r = all_orders(&gov_leaf, &pool, &public, &opts());
    assert!(r.valid, "{:?}", r.error);
    let p = &r.paths[0];
    assert_eq!(p.domain, "public");
    assert_eq!(p.certificates.len(), 4);
    assert_eq!(p.certificates[2].sha256, hex::encode(d.x_pg.sha256()), "goes through the cross-certificate");
    // The gov root is not at hand, but the pool holds the certification in return (gov root ->
    // public root): mutual cross-certification shows this one is a cross-certificate.
    assert_eq!(p.cross_certificates, vec![2]);
    // With only the one-way certificate, nothing shows it (no root of the gov domain, no
    // certificate in return): it is reported as an ordinary CA certificate.
    let one_way = vec![d.gov_sub.cert.clone(), d.x_pg.clone()];
    let r = all_orders(&gov_leaf, &one_way, &public, &opts());
    assert!(r.valid, "{:?}", r.error);
    assert!(r.paths[0].cross_certificates.is_empty());
    // Gov leaf under the gov domain: directly, no cross-certificate.
    let r = all_orders(&gov_leaf, &pool, &gov, &opts());
    assert!(r.valid);
    assert_eq!(r.paths[0].certificates.len(), 3);
    assert!(r.paths[0].cross_certificates.is_empty());
    // The other direction: a public leaf under the gov domain.
    let r = all_orders(&pub_leaf, &pool, &gov, &opts());
    assert!(r.valid, "{:?}", r.error);
    assert_eq!(r.paths[0].certificates[2].sha256, hex::encode(d.x_gp.sha256()));

    // cross_validate reports each domain.
    let cv = cross_validate(
        &gov_leaf,
        &pool,
        &[],
        &[("public".to_string(), public.clone()), ("gov".to_string(), gov.clone())],
        &opts(),
    );
    assert!(cv.all_accepted());
    assert_eq!(cv.domains[0].domain, "public");
    assert_eq!(cv.domains[0].paths[0].cross_certificates, vec![2]);

    // Without the cross-certificates, the gov leaf is unknown to the public domain.
    let r = validate(&gov_leaf, std::slice::from_ref(&d.gov_sub.cert), &[], &public, &opts());
    assert!(!r.valid);
    assert_eq!(r.error.as_ref().unwrap().check, Check::IssuerNotFound);
    openssl_agrees(&gov_leaf, &[d.gov_sub.cert.clone(), d.x_pg.clone()], &d.public_root.cert, true);
}

#[test]
fn bridge_with_policy_mappings_at_each_hop() {
    let a = Ca::root("Domain A Root", "A", &Opts::default());
    let b = Ca::root("Domain B Root", "B", &Opts::default());
    let c = Ca::root("Domain C Root", "C", &Opts::default());
    let bridge = Ca::root("Bridge CA", "Bridge", &Opts::default());
    // A -> bridge: A's policy maps to the bridge policy; bridge -> C: bridge policy maps to C's.
    // A cross-certificate asserts its issuer's policies and maps them to its subject's.
    let a_to_bridge = a.cross_certify(
        &bridge,
        &Opts { policies: vec![P_PUB], mappings: vec![(P_PUB, P_BRIDGE)], ..Opts::default() },
    );
    let bridge_to_c = bridge.cross_certify(
        &c,
        &Opts { policies: vec![P_BRIDGE], mappings: vec![(P_BRIDGE, P_GOV)], ..Opts::default() },
    );
    let bridge_to_b = bridge.cross_certify(&b, &Opts { policies: vec![P_BRIDGE], ..Opts::default() });
    let c_sub = c.sub_ca("C Issuing CA", "C", &Opts { policies: vec![P_GOV], ..Opts::default() });
    let leaf = c_sub.leaf("Officer", "C", &Opts { policies: vec![P_GOV], ..Opts::default() });
    let pool = vec![a_to_bridge.clone(), bridge_to_c.clone(), bridge_to_b, c_sub.cert.clone()];
    let st = store("A", &[&a.cert]);
    let mut o = opts();
    o.policy =
        PolicyInput::default().with_initial_policy_set(vec![P_PUB.into()]).with_initial_explicit_policy(true);
    let r = all_orders(&leaf, &pool, &st, &o);
    assert!(r.valid, "{:?}", r.error);
    assert_eq!(r.paths[0].certificates.len(), 5);
    // OpenSSL, given the path's certificates in order, agrees (policy checking on).
    let path_pool = vec![c_sub.cert.clone(), bridge_to_c.clone(), a_to_bridge.clone()];
    let ossl = ["-policy_check", "-explicit_policy", "-policy", P_PUB];
    openssl_agrees_with(&leaf, &path_pool, &a.cert, true, &o, &ossl);
    let ossl_other = ["-policy_check", "-explicit_policy", "-policy", P_OTHER];
    let mut o_other = o.clone();
    o_other.policy.initial_policy_set = vec![P_OTHER.into()];
    openssl_agrees_with(&leaf, &path_pool, &a.cert, false, &o_other, &ossl_other);
    let ossl_inhibit = ["-policy_check", "-explicit_policy", "-inhibit_map", "-policy", P_PUB];
    let mut o_inhibit = o.clone();
    o_inhibit.policy.initial_policy_mapping_inhibit = true;
    openssl_agrees_with(&leaf, &path_pool, &a.cert, false, &o_inhibit, &ossl_inhibit);
    // The policy set is expressed in the anchor's domain: A's policy.
    assert_eq!(r.paths[0].user_constrained_policy_set, vec![P_PUB.to_string()]);
    // An unrelated policy is not acceptable.
    o.policy.initial_policy_set = vec![P_OTHER.into()];
    let r = all_orders(&leaf, &pool, &st, &o);
    assert!(!r.valid);
    assert_eq!(r.error.as_ref().unwrap().check, Check::Policy);
    // Inhibiting policy mapping breaks the path's policies.
    o.policy.initial_policy_set = vec![P_PUB.into()];
    o.policy.initial_policy_mapping_inhibit = true;
    let r = all_orders(&leaf, &pool, &st, &o);
    assert!(!r.valid);
    // Under C's own root, the leaf is valid directly.
    let r = all_orders(&leaf, &pool, &store("C", &[&c.cert]), &opts());
    assert!(r.valid);
    assert_eq!(r.paths[0].certificates.len(), 3);
}

#[test]
fn mutual_cross_signatures_do_not_loop() {
    let d = two_domains(&Opts::default());
    let stranger = Ca::root("Stranger Root", "Nowhere", &Opts::default());
    let stranger_sub = stranger.sub_ca("Stranger CA", "Nowhere", &Opts::default());
    let leaf = stranger_sub.leaf("Someone", "Nowhere", &Opts::default());
    // Both cross-certificates form a loop P <-> G; the leaf chains to neither.
    let pool = vec![d.x_pg.clone(), d.x_gp.clone(), stranger_sub.cert.clone(), d.gov_sub.cert.clone()];
    let r = all_orders(&leaf, &pool, &store("public", &[&d.public_root.cert]), &opts());
    assert!(!r.valid);
    assert_eq!(r.error.as_ref().unwrap().check, Check::IssuerNotFound);
    // A gov leaf with an UNTRUSTED gov root in the pool and both cross-certificates: the
    // builder walks G -> P -> G ... and must stop at the loop, finding the path via x_pg.
    let gov_leaf = d.gov_sub.leaf("Officer", "Ban Co yeu Chinh phu", &Opts::default());
    let pool = vec![d.x_pg.clone(), d.x_gp.clone(), d.gov_sub.cert.clone(), d.gov_root.cert.clone()];
    let r = all_orders(&gov_leaf, &pool, &store("public", &[&d.public_root.cert]), &opts());
    assert!(r.valid, "{:?}", r.error);
    assert!(r.paths.iter().all(|p| p.certificates.len() <= 5));
    // Loops show up among the tried paths, never as an endless search.
    let mut o = opts();
    o.max_paths = 100;
    let r = validate(&gov_leaf, &pool, &[], &store("public", &[&d.public_root.cert]), &o);
    assert!(r.valid);
    assert!(r.paths.len() <= 4, "bounded number of distinct paths: {}", r.paths.len());
}

#[test]
fn expired_cross_certificate_beside_a_valid_one() {
    let expired = Opts {
        not_before: Some(rcgen::date_time_ymd(2020, 1, 1)),
        not_after: Some(rcgen::date_time_ymd(2022, 1, 1)),
        ..Opts::default()
    };
    let d = two_domains(&expired);
    let fresh = d.public_root.cross_certify(&d.gov_root, &Opts::default());
    let leaf = d.gov_sub.leaf("Officer", "Ban Co yeu Chinh phu", &Opts::default());
    let pool = vec![d.x_pg.clone(), fresh.clone(), d.gov_sub.cert.clone()];
    let public = store("public", &[&d.public_root.cert]);
    let r = all_orders(&leaf, &pool, &public, &opts());
    assert!(r.valid, "{:?}", r.error);
    assert_eq!(r.paths.len(), 1, "only the fresh cross-certificate gives a valid path");
    assert_eq!(r.paths[0].certificates[2].sha256, hex::encode(fresh.sha256()));
    // The expired one alone: invalid, and the error says validity, on the cross-certificate.
    let r = all_orders(&leaf, &[d.x_pg.clone(), d.gov_sub.cert.clone()], &public, &opts());
    assert!(!r.valid);
    let e = r.error.unwrap();
    assert_eq!((e.check.as_str(), e.cert_index), ("validity", 2));
    assert!(r.best_invalid_path.is_some());
}

#[test]
fn name_constraint_on_cross_certificate_excludes_the_leaf() {
    let d = two_domains(&Opts { excluded_orgs: vec!["So Tai chinh"], ..Opts::default() });
    let excluded = d.gov_sub.leaf("Nguyen Van B", "So Tai chinh", &Opts::default());
    let allowed = d.gov_sub.leaf("Nguyen Van C", "So Y te", &Opts::default());
    let pool = vec![d.x_pg.clone(), d.gov_sub.cert.clone()];
    let public = store("public", &[&d.public_root.cert]);
    let r = all_orders(&excluded, &pool, &public, &opts());
    assert!(!r.valid);
    assert_eq!(r.error.as_ref().unwrap().check, Check::NameConstraints);
    let r = all_orders(&allowed, &pool, &public, &opts());
    assert!(r.valid, "{:?}", r.error);
    // The constraint is on the cross-certificate only: the gov domain accepts both.
    assert!(all_orders(&excluded, &pool, &store("gov", &[&d.gov_root.cert]), &opts()).valid);
    openssl_agrees(&excluded, &pool, &d.public_root.cert, false);
    openssl_agrees(&allowed, &pool, &d.public_root.cert, true);
}

#[test]
fn path_len_and_require_explicit_policy_on_cross_certificate() {
    // pathLen 0 on the cross-certificate: the gov sub-CA below it is one CA too many.
    let d = two_domains(&Opts { path_len: Some(0), ..Opts::default() });
    let leaf = d.gov_sub.leaf("Officer", "Ban Co yeu Chinh phu", &Opts::default());
    let pool = vec![d.x_pg.clone(), d.gov_sub.cert.clone()];
    let public = store("public", &[&d.public_root.cert]);
    let r = all_orders(&leaf, &pool, &public, &opts());
    assert!(!r.valid);
    assert_eq!(r.error.as_ref().unwrap().check, Check::PathLength);
    openssl_agrees(&leaf, &pool, &d.public_root.cert, false);
    // pathLen 1 suffices.
    let d1 = two_domains(&Opts { path_len: Some(1), ..Opts::default() });
    let leaf1 = d1.gov_sub.leaf("Officer", "Ban Co yeu Chinh phu", &Opts::default());
    let pool1 = vec![d1.x_pg.clone(), d1.gov_sub.cert.clone()];
    assert!(all_orders(&leaf1, &pool1, &store("public", &[&d1.public_root.cert]), &opts()).valid);

    // requireExplicitPolicy 0 on the cross-certificate (which asserts the gov policy).
    let d2 =
        two_domains(&Opts { policies: vec![P_GOV], require_explicit_policy: Some(0), ..Opts::default() });
    let public2 = store("public", &[&d2.public_root.cert]);
    let no_policy = d2.gov_sub.leaf("No Policy", "Ban Co yeu Chinh phu", &Opts::default());
    let with_policy = d2.gov_sub.leaf(
        "With Policy",
        "Ban Co yeu Chinh phu",
        &Opts { policies: vec![P_GOV], ..Opts::default() },
    );
    let pool2 = vec![d2.x_pg.clone(), d2.gov_sub.cert.clone()];
    let r = all_orders(&no_policy, &pool2, &public2, &opts());
    assert!(!r.valid);
    assert_eq!(r.error.as_ref().unwrap().check, Check::Policy);
    let r = all_orders(&with_policy, &pool2, &public2, &opts());
    assert!(r.valid, "{:?}", r.error);
    assert_eq!(r.paths[0].user_constrained_policy_set, vec![P_GOV.to_string()]);
}

/// Compare with `openssl verify` (favourable order: the pool as given). Skips without openssl,
/// fails when CI is set.
fn openssl_agrees(leaf: &Certificate, pool: &[Certificate], anchor: &Certificate, expect_valid: bool) {
    openssl_agrees_with(leaf, pool, anchor, expect_valid, &opts(), &[]);
}

/// [`openssl_agrees`] with kyso options and the matching extra `openssl verify` arguments.
fn openssl_agrees_with(
    leaf: &Certificate,
    pool: &[Certificate],
    anchor: &Certificate,
    expect_valid: bool,
    kyso_opts: &ValidationOptions,
    openssl_args: &[&str],
) {
    let ok = std::process::Command::new("openssl").arg("version").output().map(|o| o.status.success());
    if !matches!(ok, Ok(true)) {
        if std::env::var_os("CI").is_some() {
            panic!("openssl is required under CI");
        }
        eprintln!("NOTICE: openssl not found; skipping the OpenSSL comparison");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, certs: &[&Certificate]| {
        let p = dir.path().join(name);
        std::fs::write(&p, certs.iter().map(|c| c.to_pem()).collect::<String>()).expect("write");
        p
    };
    let ca = write("ca.pem", &[anchor]);
    let untrusted = write("untrusted.pem", &pool.iter().collect::<Vec<_>>());
    let ee = write("ee.pem", &[leaf]);
    let out = std::process::Command::new("openssl")
        .args(["verify", "-attime", "1780272000"])
        .args(openssl_args)
        .arg("-CAfile")
        .arg(&ca)
        .arg("-untrusted")
        .arg(&untrusted)
        .arg(&ee)
        .output()
        .expect("run openssl");
    let st = store("x", &[anchor]);
    let kyso_valid = validate(leaf, pool, &[], &st, kyso_opts).valid;
    assert_eq!(kyso_valid, expect_valid, "kyso verdict");
    assert_eq!(
        out.status.success(),
        expect_valid,
        "openssl verdict differs: {}",
        String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr)
    );
}

/// 30 CAs, each cross-certified by every other one (870 cross-certificates), no valid path:
/// the search must end fast, with a specific error.
#[test]
fn mesh_of_thirty_cas_ends_within_budget() {
    let cas: Vec<Ca> = (0..30).map(|i| Ca::root(&format!("Mesh CA {i}"), "Mesh", &Opts::default())).collect();
    let mut pool = Vec::new();
    for (i, a) in cas.iter().enumerate() {
        for (j, b) in cas.iter().enumerate() {
            if i != j {
                pool.push(a.cross_certify(b, &Opts::default()));
            }
        }
    }
    let leaf = cas[0].leaf("Mesh Leaf", "Mesh", &Opts::default());
    let outsider = Ca::root("Unrelated Root", "Elsewhere", &Opts::default());
    let start = std::time::Instant::now();
    let r = validate(&leaf, &pool, &[], &store("x", &[&outsider.cert]), &opts());
    assert!(!r.valid);
    assert_eq!(r.error.as_ref().unwrap().check, Check::IssuerNotFound);
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());

    // An anchor inside the mesh but an expired leaf: every complete path fails (there are
    // millions of them), and the search must end by the build budget.
    let mut o2 = opts();
    o2.budget = kyso::path::Budget::new(100, 20_000, 250_000, 10_000);
    let start = std::time::Instant::now();
    let leaf_bad = cas[0].leaf(
        "Mesh Leaf 3",
        "Mesh",
        &Opts { not_after: Some(rcgen::date_time_ymd(2025, 1, 1)), ..Opts::default() },
    );
    let r = validate(&leaf_bad, &pool, &[], &store("mesh", &[&cas[29].cert]), &o2);
    assert!(!r.valid);
    let e = r.error.unwrap();
    assert_eq!(e.check, Check::Budget, "{e}");
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

/// Each budget runs out with its own error: signatures and build calls on a generated chain.
#[test]
fn budgets_end_the_search_with_their_own_error() {
    let root = Ca::root("Budget Root", "B", &Opts::default());
    let mut cas = vec![root.sub_ca("Budget CA 0", "B", &Opts::default())];
    for i in 1..6 {
        let next = cas[i - 1].sub_ca(&format!("Budget CA {i}"), "B", &Opts::default());
        cas.push(next);
    }
    let leaf = cas[5].leaf("Budget Leaf", "B", &Opts::default());
    let pool: Vec<Certificate> = cas.iter().map(|c| c.cert.clone()).collect();
    let st = store("b", &[&root.cert]);
    let mut o = opts();
    assert!(validate(&leaf, &pool, &[], &st, &o).valid, "7 signatures within the default budget");
    o.budget = kyso::path::Budget::new(3, 200_000, 250_000, 10_000);
    let r = validate(&leaf, &pool, &[], &st, &o);
    assert!(!r.valid);
    let e = r.error.unwrap();
    assert_eq!(e.check, Check::Budget);
    assert_eq!(e.code(), kyso::diag::codes::path::BUDGET_SIGNATURES, "{e}");
    o.budget = kyso::path::Budget::new(100, 4, 250_000, 10_000);
    let e = validate(&leaf, &pool, &[], &st, &o).error.unwrap();
    assert_eq!(e.check, Check::Budget);
    assert_eq!(e.code(), kyso::diag::codes::path::BUDGET_BUILD_CALLS, "{e}");
    // A warm verification context does not change the verdict under a tight budget.
    let verifier = kyso::crypto::Verifier::default();
    let v = kyso::path::PathValidator::new(&st).pool(&pool).verifier(&verifier);
    assert!(v.options(opts()).validate(&leaf).valid);
    assert!(!verifier.is_empty());
    o.budget = kyso::path::Budget::new(3, 200_000, 250_000, 10_000);
    let v = kyso::path::PathValidator::new(&st).pool(&pool).verifier(&verifier);
    assert!(!v.options(o).validate(&leaf).valid);
}

/// The path-verification hook can reject a verified path; the search then goes on to the next.
#[test]
fn hook_rejects_a_path_and_the_search_goes_on() {
    let d = two_domains(&Opts::default());
    let leaf = d.gov_sub.leaf("Officer", "Ban Co yeu Chinh phu", &Opts::default());
    let pool = vec![d.gov_sub.cert.clone(), d.x_pg.clone()];
    let both = {
        let mut s = store("public", &[&d.public_root.cert]);
        s.add(d.gov_root.cert.clone(), "gov root", "gov");
        s
    };
    let mut o = opts();
    o.max_paths = 8;
    let r = validate(&leaf, &pool, &[], &both, &o);
    assert_eq!(r.paths.len(), 2, "one path per domain");
    // Refuse paths ending in the gov domain: the public path remains.
    let gov_subject = d.gov_root.cert.subject_string();
    let hook = move |_chain: &[&Certificate], anchor: &kyso::Anchor| {
        if anchor.domain == "gov" { Err(format!("domain gov refused for {gov_subject}")) } else { Ok(()) }
    };
    let r = kyso::path::PathValidator::new(&both).pool(&pool).options(o.clone()).hook(&hook).validate(&leaf);
    assert!(r.valid);
    assert_eq!(r.paths.len(), 1);
    assert_eq!(r.paths[0].domain, "public");
    // Refusing everything: invalid, with the hook's reason.
    let no = |_c: &[&Certificate], _a: &kyso::Anchor| Err("pinned elsewhere".to_string());
    let r = kyso::path::PathValidator::new(&both).pool(&pool).options(o.clone()).hook(&no).validate(&leaf);
    assert!(!r.valid);
    assert!(r.tried.iter().all(|t| t.error.check == Check::Hook));
}

/// A non-self-signed anchor (an intermediate trusted directly) gives its name and key only:
/// the path ends there, its own issuer is not needed, its validity is not checked.
#[test]
fn intermediate_trusted_directly_as_anchor() {
    let d = two_domains(&Opts::default());
    let leaf = d.gov_sub.leaf("Officer", "Ban Co yeu Chinh phu", &Opts::default());
    let st = store("gov-ca", &[&d.gov_sub.cert]);
    let r = all_orders(&leaf, std::slice::from_ref(&d.x_pg), &st, &opts());
    assert!(r.valid, "{:?}", r.error);
    assert_eq!(r.paths[0].certificates.len(), 2);
    assert_eq!(r.paths[0].domain, "gov-ca");
    // An expired anchor is refused by default (its profile is checked, as OpenSSL, Go and pyca
    // do); with `check_anchor_profile` off it still anchors (RFC 5280 §6.1.1 (d) read
    // literally). An expired intermediate never does.
    let old = Opts {
        not_before: Some(rcgen::date_time_ymd(2020, 1, 1)),
        not_after: Some(rcgen::date_time_ymd(2022, 1, 1)),
        ..Opts::default()
    };
    let old_sub = d.gov_root.sub_ca("Old CA", "Ban Co yeu Chinh phu", &old);
    let leaf2 = old_sub.leaf("Officer 2", "Ban Co yeu Chinh phu", &Opts::default());
    let r = validate(&leaf2, &[], &[], &store("old", &[&old_sub.cert]), &opts());
    assert!(!r.valid);
    assert_eq!(r.error.unwrap().check, Check::Anchor);
    let literal = opts().with_check_anchor_profile(false);
    assert!(validate(&leaf2, &[], &[], &store("old", &[&old_sub.cert]), &literal).valid);
    let r = validate(
        &leaf2,
        std::slice::from_ref(&old_sub.cert),
        &[],
        &store("gov", &[&d.gov_root.cert]),
        &opts(),
    );
    assert!(!r.valid);
    assert_eq!(r.error.unwrap().check, Check::Validity);
}

/// max_depth counts the anchor and the end entity; self-issued intermediates are free.
#[test]
fn max_depth_bounds_the_whole_path() {
    let d = two_domains(&Opts::default());
    let leaf = d.gov_sub.leaf("Officer", "Ban Co yeu Chinh phu", &Opts::default());
    let pool = vec![d.gov_sub.cert.clone(), d.x_pg.clone()];
    let gov = store("gov", &[&d.gov_root.cert]);
    let public = store("public", &[&d.public_root.cert]);
    let with_depth = |n: usize| opts().with_max_depth(n);
    assert!(validate(&leaf, &pool, &[], &gov, &with_depth(3)).valid);
    let r = validate(&leaf, &pool, &[], &gov, &with_depth(2));
    assert!(!r.valid);
    assert_eq!(r.error.unwrap().check, Check::MaxDepth);
    // Through the cross-certificate: 4 certificates.
    assert!(!validate(&leaf, &pool, &[], &public, &with_depth(3)).valid);
    assert!(validate(&leaf, &pool, &[], &public, &with_depth(4)).valid);
    // A leaf issued by the anchor itself needs 2.
    let direct = d.gov_root.leaf("Direct", "Ban Co yeu Chinh phu", &Opts::default());
    assert!(validate(&direct, &[], &[], &gov, &with_depth(2)).valid);
    assert_eq!(validate(&direct, &[], &[], &gov, &with_depth(1)).error.unwrap().check, Check::MaxDepth);
}

/// Issue #9 defect 4: a self-signed root among the intermediates (or another domain's anchor,
/// which `cross_validate` offers as an intermediate) ends the path at a root that is not an
/// anchor of the domain; that is the reason given, not a loop of cross-certificates.
#[test]
fn a_self_signed_root_that_is_not_an_anchor_is_named_not_a_loop() {
    let d = two_domains(&Opts::default());
    let gov_leaf =
        d.gov_sub.leaf("Cuc Thue", "Tong cuc Thue", &Opts { policies: vec![P_GOV], ..Opts::default() });
    let public = store("public", &[&d.public_root.cert]);
    let gov = store("gov", &[&d.gov_root.cert]);
    let cv = cross_validate(
        &gov_leaf,
        std::slice::from_ref(&d.gov_sub.cert),
        &[],
        &[("public".to_string(), public.clone()), ("gov".to_string(), gov)],
        &opts(),
    );
    let e = cv.domains[0].error.as_ref().expect("public domain rejects");
    assert_eq!(e.check, Check::UntrustedRoot, "{e}");
    assert_eq!(e.code().id(), "path-root-not-anchor");
    assert_eq!(e.cert_index, 2);
    assert_eq!(e.hint, Some(kyso::diag::Hint::RootAsAnchor));
    assert!(e.to_string().contains("self-signed certificate that is not a trust anchor"), "{e}");
    assert!(cv.domains[1].accepted);
    // The same with the root in the untrusted pool (chain verify --untrusted ROOT).
    let r = all_orders(&gov_leaf, &[d.gov_sub.cert.clone(), d.gov_root.cert.clone()], &public, &opts());
    assert_eq!(r.error.as_ref().map(|e| e.check), Some(Check::UntrustedRoot), "{:?}", r.error);
}

/// Issue #11: a cross-certificate whose issuer wrote no key identifiers (RFC 5280 §4.2.1.1,
/// §4.2.1.2 bind the issuing CA; key identifiers only order candidates) chains under the default
/// `document` profile, in every pool order and with the mutual cross-certificate in the pool,
/// with a warning for each missing identifier, and is refused under `rfc5280-strict`.
#[test]
fn cross_certificate_without_key_identifiers_chains_under_document_only() {
    use kyso::diag::{Severity, codes::path as codes};
    use kyso::path::Profile;
    let d = two_domains(&Opts { no_key_identifiers: true, ..Opts::default() });
    let gov_leaf =
        d.gov_sub.leaf("Nguyen Van A", "So Tai chinh", &Opts { policies: vec![P_GOV], ..Opts::default() });
    let pool = vec![d.gov_sub.cert.clone(), d.x_pg.clone(), d.x_gp.clone()];
    let public = store("public", &[&d.public_root.cert]);
    let r = all_orders(&gov_leaf, &pool, &public, &opts());
    assert!(r.valid, "{:?}", r.error);
    assert_eq!(r.paths[0].certificates[2].sha256, hex::encode(d.x_pg.sha256()));
    let subject = d.x_pg.subject_string();
    for code in [codes::AKI_MISSING, codes::SKI_MISSING] {
        let w = r
            .warnings
            .iter()
            .find(|w| w.code() == code)
            .unwrap_or_else(|| panic!("{code}: {:?}", r.warnings));
        assert_eq!(w.severity, Severity::Warning);
        assert_eq!(w.message.params.get("subject"), Some(subject.as_str()));
    }
    let strict = opts().with_profile(Profile::rfc5280_strict());
    let r = all_orders(&gov_leaf, &pool, &public, &strict);
    assert!(!r.valid);
    let e = r.error.unwrap();
    assert_eq!((e.check, e.code()), (Check::Profile, codes::AKI_MISSING), "{e}");
    assert_eq!(e.rule, "RFC 5280 §4.2.1.1");
    // The gov domain does not need the cross-certificate: valid under both profiles. Its first
    // path is the direct one, without warning (further paths through x_pg and x_gp back to the
    // gov root carry the cross-certificate's warnings under `document`).
    let gov = store("gov", &[&d.gov_root.cert]);
    for o in [opts(), strict] {
        let r = all_orders(&gov_leaf, &pool, &gov, &o.with_max_paths(1));
        assert!(r.valid, "{:?}", r.error);
        assert_eq!(r.paths[0].certificates.len(), 3);
        assert!(r.warnings.iter().all(|w| !w.rule.starts_with("RFC 5280 §4.2.1")), "{:?}", r.warnings);
    }
}
