//! Differential test of RFC 5280 §6.1 policy processing against OpenSSL (`openssl verify
//! -policy_check -policy_print`): random chains (rcgen, properly signed) with random
//! certificatePolicies, policyMappings, policyConstraints and inhibitAnyPolicy, under random
//! policy inputs. kyso's verdict, user-constrained and authority-constrained policy sets must
//! match OpenSSL's.
//!
//! Skips with a notice when `openssl` is absent, fails when the `CI` variable is set.

mod pki_gen;

use kyso::path::policy::{PolicyError, PolicyInput, PolicyOutcome, PolicyProcessor};
use pki_gen::{oid_der, tlv};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const ANY: &str = "2.5.29.32.0";
const POOL: [&str; 4] = ["1.3.6.1.4.1.57264.1", "1.3.6.1.4.1.57264.2", "1.3.6.1.4.1.57264.3", ANY];

fn openssl_available() -> bool {
    let ok = Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("openssl is required when CI is set");
        }
        eprintln!("notice: openssl not found: skipping the policy differential test");
    }
    ok
}

// Minimal DER writers for the four extensions (the test must not depend on the code it checks):
// tlv and oid_der from the test PKI generator.
fn int_content(v: u32) -> Vec<u8> {
    let mut b: Vec<u8> = v.to_be_bytes().to_vec();
    while b.len() > 1 && b[0] == 0 && b[1] < 0x80 {
        b.remove(0);
    }
    if b[0] >= 0x80 {
        b.insert(0, 0);
    }
    b
}

#[derive(Clone, Debug, Default)]
struct Spec {
    policies: Option<Vec<&'static str>>,
    mappings: Option<Vec<(&'static str, &'static str)>>,
    require_explicit: Option<u32>,
    inhibit_mapping: Option<u32>,
    inhibit_any: Option<u32>,
}

impl Spec {
    fn extensions(&self) -> Vec<CustomExtension> {
        let mut out = Vec::new();
        if let Some(p) = &self.policies {
            let body: Vec<u8> = p.iter().flat_map(|o| tlv(0x30, &oid_der(o))).collect();
            out.push(CustomExtension::from_oid_content(&[2, 5, 29, 32], tlv(0x30, &body)));
        }
        if let Some(m) = &self.mappings {
            let body: Vec<u8> =
                m.iter().flat_map(|(a, b)| tlv(0x30, &[oid_der(a), oid_der(b)].concat())).collect();
            out.push(CustomExtension::from_oid_content(&[2, 5, 29, 33], tlv(0x30, &body)));
        }
        if self.require_explicit.is_some() || self.inhibit_mapping.is_some() {
            let mut body = Vec::new();
            if let Some(r) = self.require_explicit {
                body.extend(tlv(0x80, &int_content(r)));
            }
            if let Some(q) = self.inhibit_mapping {
                body.extend(tlv(0x81, &int_content(q)));
            }
            out.push(CustomExtension::from_oid_content(&[2, 5, 29, 36], tlv(0x30, &body)));
        }
        if let Some(s) = self.inhibit_any {
            out.push(CustomExtension::from_oid_content(&[2, 5, 29, 54], tlv(0x02, &int_content(s))));
        }
        out
    }
}

fn random_spec(rng: &mut StdRng, ca: bool) -> Spec {
    let mut s = Spec::default();
    if rng.gen_bool(0.85) {
        let mut p: Vec<&'static str> = POOL.iter().copied().filter(|_| rng.gen_bool(0.45)).collect();
        if p.is_empty() {
            p.push(POOL[rng.gen_range(0..POOL.len())]);
        }
        s.policies = Some(p);
    }
    if ca && rng.gen_bool(0.35) {
        let k = rng.gen_range(1..=3);
        // anyPolicy in a mapping is rare, so that most paths test the tree itself.
        let pick = |rng: &mut StdRng| {
            if rng.gen_bool(0.03) { ANY } else { POOL[rng.gen_range(0..3)] }
        };
        let mut m = Vec::new();
        for _ in 0..k {
            let pair = (pick(rng), pick(rng));
            if !m.contains(&pair) {
                m.push(pair);
            }
        }
        s.mappings = Some(m);
    }
    if rng.gen_bool(0.2) {
        if rng.gen_bool(0.6) {
            s.require_explicit = Some(rng.gen_range(0..4));
        }
        if ca && rng.gen_bool(0.5) {
            s.inhibit_mapping = Some(rng.gen_range(0..3));
        }
        if s.require_explicit.is_none() && s.inhibit_mapping.is_none() {
            s.require_explicit = Some(rng.gen_range(0..4));
        }
    }
    if ca && rng.gen_bool(0.15) {
        s.inhibit_any = Some(rng.gen_range(0..3));
    }
    s
}

/// A literal RFC 5280 §6.1 valid_policy_tree (a real tree, exponential in the worst case), written
/// straight from the RFC text and independent of kyso's graph. Small random paths only.
mod rfc_tree {
    use super::{ANY, Spec};
    use kyso::path::policy::PolicyInput;
    use std::collections::BTreeSet;

    struct Node {
        policy: String,
        expected: Vec<String>,
        parent: Option<usize>,
        depth: usize,
        alive: bool,
    }

    struct Tree {
        nodes: Vec<Node>,
        null: bool,
    }

    impl Tree {
        fn at(&self, depth: usize) -> Vec<usize> {
            (0..self.nodes.len()).filter(|&k| self.nodes[k].alive && self.nodes[k].depth == depth).collect()
        }
        fn add(&mut self, parent: usize, policy: &str, expected: Vec<String>) {
            let depth = self.nodes[parent].depth + 1;
            self.nodes.push(Node {
                policy: policy.to_string(),
                expected,
                parent: Some(parent),
                depth,
                alive: true,
            });
        }
        fn children(&self, k: usize) -> Vec<usize> {
            (0..self.nodes.len())
                .filter(|&c| self.nodes[c].alive && self.nodes[c].parent == Some(k))
                .collect()
        }
        /// Delete nodes of depth < `below` without children, repeatedly; a deleted root is NULL.
        fn prune(&mut self, below: usize) {
            loop {
                let dead: Vec<usize> = (0..self.nodes.len())
                    .filter(|&k| {
                        self.nodes[k].alive && self.nodes[k].depth < below && self.children(k).is_empty()
                    })
                    .collect();
                if dead.is_empty() {
                    break;
                }
                for k in dead {
                    self.nodes[k].alive = false;
                }
            }
            if !self.nodes[0].alive {
                self.null = true;
            }
        }
        fn delete_subtree(&mut self, k: usize) {
            self.nodes[k].alive = false;
            for c in self.children(k) {
                self.delete_subtree(c);
            }
        }
    }

    /// Outcome: None = invalid; else (user-constrained, authority-constrained).
    pub fn run(
        specs: &[Spec],
        self_issued: &[bool],
        input: &PolicyInput,
    ) -> Option<(BTreeSet<String>, BTreeSet<String>)> {
        let n = specs.len();
        let mut t = Tree {
            nodes: vec![Node {
                policy: ANY.into(),
                expected: vec![ANY.into()],
                parent: None,
                depth: 0,
                alive: true,
            }],
            null: false,
        };
        let init = |b: bool| if b { 0 } else { n + 1 };
        let mut explicit = init(input.initial_explicit_policy);
        let mut inhibit_any = init(input.initial_any_policy_inhibit);
        let mut mapping = init(input.initial_policy_mapping_inhibit);
        for i in 1..=n {
            let s = &specs[i - 1];
            match &s.policies {
                Some(policies) if !t.null => {
                    let prev = t.at(i - 1);
                    for p in policies.iter().filter(|p| **p != ANY) {
                        let matches: Vec<usize> = prev
                            .iter()
                            .copied()
                            .filter(|&k| t.nodes[k].expected.iter().any(|e| e == p))
                            .collect();
                        if !matches.is_empty() {
                            for k in matches {
                                t.add(k, p, vec![p.to_string()]);
                            }
                        } else if let Some(&a) = prev.iter().find(|&&k| t.nodes[k].policy == ANY) {
                            t.add(a, p, vec![p.to_string()]);
                        }
                    }
                    if policies.contains(&ANY) && (inhibit_any > 0 || (i < n && self_issued[i - 1])) {
                        for &k in &prev {
                            for e in t.nodes[k].expected.clone() {
                                let has = t.children(k).iter().any(|&c| t.nodes[c].policy == e);
                                if !has {
                                    t.add(k, &e, vec![e.clone()]);
                                }
                            }
                        }
                    }
                    t.prune(i);
                }
                Some(_) => {}
                None => t.null = true,
            }
            if explicit == 0 && t.null {
                return None;
            }
            if i < n {
                if let Some(m) = &s.mappings {
                    if m.iter().any(|(a, b)| *a == ANY || *b == ANY) {
                        return None;
                    }
                    let mut issuers: Vec<&str> = Vec::new();
                    for (a, _) in m {
                        if !issuers.contains(a) {
                            issuers.push(a);
                        }
                    }
                    for idp in issuers {
                        let subjects: Vec<String> = {
                            let mut v: Vec<String> = Vec::new();
                            for (a, b) in m {
                                if *a == idp && !v.iter().any(|x| x == b) {
                                    v.push(b.to_string());
                                }
                            }
                            v
                        };
                        if t.null {
                            continue;
                        }
                        let here = t.at(i);
                        let with_p: Vec<usize> =
                            here.iter().copied().filter(|&k| t.nodes[k].policy == idp).collect();
                        if mapping > 0 {
                            if !with_p.is_empty() {
                                for k in with_p {
                                    t.nodes[k].expected = subjects.clone();
                                }
                            } else if here.iter().any(|&k| t.nodes[k].policy == ANY) {
                                let any_prev = t.at(i - 1).into_iter().find(|&k| t.nodes[k].policy == ANY);
                                if let Some(a) = any_prev {
                                    t.add(a, idp, subjects.clone());
                                }
                            }
                        } else {
                            for k in with_p {
                                t.nodes[k].alive = false;
                            }
                            t.prune(i);
                        }
                    }
                }
                if !self_issued[i - 1] {
                    explicit = explicit.saturating_sub(1);
                    mapping = mapping.saturating_sub(1);
                    inhibit_any = inhibit_any.saturating_sub(1);
                }
                if let Some(r) = s.require_explicit {
                    explicit = explicit.min(r as usize);
                }
                if let Some(q) = s.inhibit_mapping {
                    mapping = mapping.min(q as usize);
                }
                if let Some(x) = s.inhibit_any {
                    inhibit_any = inhibit_any.min(x as usize);
                }
            }
        }
        explicit = explicit.saturating_sub(1);
        if specs[n - 1].require_explicit == Some(0) {
            explicit = 0;
        }
        // §6.1.5 (g).
        let node_set = |t: &Tree| -> BTreeSet<String> {
            (0..t.nodes.len())
                .filter(|&k| {
                    t.nodes[k].alive
                        && t.nodes[k].policy != ANY
                        && t.nodes[k].parent.is_some_and(|p| t.nodes[p].policy == ANY)
                })
                .map(|k| t.nodes[k].policy.clone())
                .collect()
        };
        let any_leaf = |t: &Tree| !t.null && t.at(n).iter().any(|&k| t.nodes[k].policy == ANY);
        let (user, authority) = if t.null {
            (BTreeSet::new(), BTreeSet::new())
        } else {
            let authority: BTreeSet<String> =
                if any_leaf(&t) { [ANY.to_string()].into() } else { node_set(&t) };
            let wanted: Vec<String> = input.initial_policy_set.clone();
            if wanted.is_empty() || wanted.iter().any(|p| p == ANY) {
                (authority.clone(), authority)
            } else {
                // (iii) 1-2: delete valid_policy_node_set nodes outside the user set.
                let vpns: Vec<usize> = (0..t.nodes.len())
                    .filter(|&k| {
                        t.nodes[k].alive
                            && t.nodes[k].policy != ANY
                            && t.nodes[k].parent.is_some_and(|p| t.nodes[p].policy == ANY)
                    })
                    .collect();
                let vpns_policies: BTreeSet<String> =
                    vpns.iter().map(|&k| t.nodes[k].policy.clone()).collect();
                for &k in &vpns {
                    if !wanted.contains(&t.nodes[k].policy) {
                        t.delete_subtree(k);
                    }
                }
                // (iii) 3: user policies under the anyPolicy node of depth n-1.
                if let Some(&leaf) = t.at(n).iter().find(|&&k| t.nodes[k].policy == ANY) {
                    let parent = t.nodes[leaf].parent.expect("depth n has a parent");
                    for p in &wanted {
                        if !vpns_policies.contains(p) {
                            t.add(parent, p, vec![p.clone()]);
                        }
                    }
                }
                // (iii) 4: prune.
                t.prune(n);
                let user = if t.null { BTreeSet::new() } else { node_set(&t) };
                (user, authority)
            }
        };
        if explicit == 0 && user.is_empty() {
            return None;
        }
        Some((user, authority))
    }
}

/// What one validator said.
#[derive(Debug, PartialEq, Eq)]
struct Verdict {
    valid: bool,
    user: BTreeSet<String>,
    authority: BTreeSet<String>,
}

fn parse_openssl(printed: &str, success: bool) -> Verdict {
    let mut user = BTreeSet::new();
    let mut authority = BTreeSet::new();
    let mut current: Option<&mut BTreeSet<String>> = None;
    for line in printed.lines() {
        if line.starts_with("Authority Policies:") {
            current = Some(&mut authority);
        } else if line.starts_with("User Policies:") {
            current = Some(&mut user);
        } else if let Some(p) = line.trim().strip_prefix("Policy: ") {
            if let Some(set) = current.as_mut() {
                // OpenSSL names anyPolicy instead of printing its OID.
                let p = p.trim();
                set.insert(if p == "X509v3 Any Policy" { ANY.to_string() } else { p.to_string() });
            }
        } else if !line.starts_with(' ') {
            current = None;
        }
    }
    Verdict { valid: success, user, authority }
}

fn model_verdict(specs: &[Spec], self_issued: &[bool], input: &PolicyInput) -> Verdict {
    match rfc_tree::run(specs, self_issued, input) {
        Some((user, authority)) => Verdict { valid: true, user, authority },
        None => Verdict { valid: false, user: BTreeSet::new(), authority: BTreeSet::new() },
    }
}

fn kyso_verdict(r: &Result<PolicyOutcome, PolicyError>) -> Verdict {
    match r {
        Ok(o) => Verdict {
            valid: true,
            user: o.user_constrained_policy_set.iter().cloned().collect(),
            authority: o.authority_constrained_policy_set.iter().cloned().collect(),
        },
        Err(_) => Verdict { valid: false, user: BTreeSet::new(), authority: BTreeSet::new() },
    }
}

/// Where OpenSSL 3.0 departs from RFC 5280 and kyso follows the RFC. Returns the divergence
/// index when the disagreement is explained by one of them, judged from the certificates.
///
/// 0. OpenSSL reads policyMappings only in certificates that have certificatePolicies, so a
///    mapping of anyPolicy in a certificate without policies goes unnoticed. RFC 5280 §6.1.4 (a)
///    checks every policyMappings extension of an intermediate.
/// 1. OpenSSL creates the issuerDomainPolicy of a mapping from the certificate's anyPolicy even
///    when inhibitAnyPolicy keeps anyPolicy out of the tree. RFC 5280 §6.1.4 (b)(1) (and RFC 9618)
///    create it only under an anyPolicy node of depth i, which an inhibited anyPolicy never adds.
///    OpenSSL then reports extra policies (a superset of kyso's) or accepts where kyso rejects.
/// 2. When a later certificate's anyPolicy expands a node created by such a mapping (§6.1.3
///    (d)(2)), OpenSSL's `tree_link_unmatched` tests only `POLICY_DATA_FLAG_MAPPED`, not
///    `POLICY_DATA_FLAG_MAPPED_ANY`, so it expands the node's own valid_policy instead of its
///    expected_policy_set (the mapped policies). Results differ either way.
fn known_divergence(
    specs: &[Spec],
    input: &PolicyInput,
    ours: &Result<PolicyOutcome, PolicyError>,
    mine: &Verdict,
    theirs: &Verdict,
) -> Option<usize> {
    let cas = &specs[..specs.len() - 1];
    let unchecked_any_mapping = cas.iter().any(|s| {
        s.policies.is_none()
            && s.mappings.as_ref().is_some_and(|m| m.iter().any(|(a, b)| *a == ANY || *b == ANY))
    });
    if unchecked_any_mapping && theirs.valid && matches!(ours, Err(e) if e.rule == "RFC 5280 §6.1.4 (a)") {
        return Some(0);
    }
    // A CA mapping an issuerDomainPolicy it does not assert, while asserting anyPolicy: the
    // mapping goes through anyPolicy (§6.1.4 (b)(1), second sentence).
    let maps_through_any = |s: &Spec| {
        let Some(p) = &s.policies else { return false };
        p.contains(&ANY) && s.mappings.as_ref().is_some_and(|m| m.iter().any(|(a, _)| !p.contains(a)))
    };
    let inhibit_used = input.initial_any_policy_inhibit || cas.iter().any(|s| s.inhibit_any.is_some());
    if inhibit_used && cas.iter().any(maps_through_any) {
        let superset = theirs.valid
            && (!mine.valid
                || (mine.user.is_subset(&theirs.user) && mine.authority.is_subset(&theirs.authority)));
        if superset {
            return Some(1);
        }
    }
    let expanded_later = cas.iter().enumerate().any(|(k, s)| {
        maps_through_any(s)
            && specs[k + 1..].iter().any(|l| l.policies.as_ref().is_some_and(|p| p.contains(&ANY)))
    });
    if expanded_later {
        return Some(2);
    }
    None
}

fn write_pem(path: &Path, der: &[u8]) {
    let pem = pem::encode(&pem::Pem::new("CERTIFICATE", der.to_vec()));
    std::fs::write(path, pem).expect("write pem");
}

#[test]
fn policy_processing_agrees_with_openssl() {
    if !openssl_available() {
        return;
    }
    let cases: usize = std::env::var("KYSO_POLICY_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rng = StdRng::seed_from_u64(0x6b79_736f);
    // One key per position, reused across cases.
    let keys: Vec<KeyPair> = (0..6).map(|_| KeyPair::generate().expect("key")).collect();

    let mut agree = 0usize;
    let mut valid_seen = 0usize;
    let mut mismatches = Vec::new();
    let mut known = [0usize; 3];
    let mut model_mismatches = Vec::new();
    for case in 0..cases {
        let n_cas = rng.gen_range(1..=4usize);
        let mut specs: Vec<Spec> = (0..n_cas).map(|_| random_spec(&mut rng, true)).collect();
        specs.push(random_spec(&mut rng, false));
        let user: Vec<String> = match rng.gen_range(0..4) {
            0 | 1 => vec![ANY.to_string()],
            2 => vec![POOL[0].to_string()],
            _ => vec![POOL[1].to_string(), POOL[2].to_string()],
        };
        let input = PolicyInput::default()
            .with_initial_policy_set(user.clone())
            .with_initial_explicit_policy(rng.gen_bool(0.3))
            .with_initial_policy_mapping_inhibit(rng.gen_bool(0.15))
            .with_initial_any_policy_inhibit(rng.gen_bool(0.15));

        // Build the chain: root (no policy extensions), n_cas CAs, one end entity.
        let mut root_params = CertificateParams::new(Vec::<String>::new()).expect("params");
        root_params.distinguished_name.push(DnType::CommonName, format!("Root {case}"));
        root_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        root_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let root = root_params.self_signed(&keys[0]).expect("root");
        let mut issuer = Issuer::new(root_params, &keys[0]);
        let mut ders = Vec::new();
        for (k, spec) in specs.iter().enumerate() {
            let ee = k == n_cas;
            let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
            let cn = if ee { format!("EE {case}") } else { format!("CA {case}.{k}") };
            params.distinguished_name.push(DnType::CommonName, cn);
            if ee {
                params.is_ca = IsCa::ExplicitNoCa;
                params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
            } else {
                params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
                params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
            }
            params.custom_extensions = spec.extensions();
            let key = &keys[k + 1];
            let cert = params.signed_by(key, &issuer).expect("sign");
            ders.push(cert.der().to_vec());
            issuer = Issuer::new(params, key);
        }

        // kyso.
        let parsed: Vec<_> =
            ders.iter().map(|d| x509_parser::parse_x509_certificate(d).expect("parse").1).collect();
        let n = parsed.len();
        let mut p = PolicyProcessor::new(&input, n, 10_000);
        let mut result = Ok(());
        for (k, c) in parsed.iter().enumerate() {
            result = p.process(c, k + 1, false);
            if result.is_err() {
                break;
            }
        }
        let ours = match result {
            Ok(()) => p.finish(&parsed[n - 1]),
            Err(e) => Err(e),
        };

        // OpenSSL.
        let root_path = dir.path().join("root.pem");
        write_pem(&root_path, root.der());
        let untrusted = dir.path().join("untrusted.pem");
        let mut bundle = String::new();
        for d in &ders[..n - 1] {
            bundle.push_str(&pem::encode(&pem::Pem::new("CERTIFICATE", d.clone())));
        }
        std::fs::write(&untrusted, bundle).expect("write");
        let leaf = dir.path().join("leaf.pem");
        write_pem(&leaf, &ders[n - 1]);
        let mut cmd = Command::new("openssl");
        cmd.args(["verify", "-policy_check", "-policy_print", "-CAfile"]).arg(&root_path);
        if n > 1 {
            cmd.arg("-untrusted").arg(&untrusted);
        }
        for u in &user {
            cmd.args(["-policy", u]);
        }
        if input.initial_explicit_policy {
            cmd.arg("-explicit_policy");
        }
        if input.initial_policy_mapping_inhibit {
            cmd.arg("-inhibit_map");
        }
        if input.initial_any_policy_inhibit {
            cmd.arg("-inhibit_any");
        }
        cmd.arg(&leaf);
        let out = cmd.output().expect("run openssl");
        // -policy_print writes to stderr (3.0) or stdout: read both.
        let printed =
            format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        let theirs = parse_openssl(&printed, out.status.success());
        let mine = kyso_verdict(&ours);
        let model = model_verdict(&specs, &vec![false; n], &input);
        if mine != model {
            model_mismatches.push(format!(
                "case {case}: input {input:?}\n  specs {specs:?}\n  kyso {ours:?}\n  tree {model:?}"
            ));
        }
        // OpenSSL prints its sets on failure too; compare them only for valid paths.
        let same = if mine.valid && theirs.valid { mine == theirs } else { mine.valid == theirs.valid };
        valid_seen += usize::from(mine.valid);
        if same {
            agree += 1;
        } else if let Some(k) = known_divergence(&specs, &input, &ours, &mine, &theirs) {
            known[k] += 1;
        } else {
            mismatches.push(format!(
                "case {case}: input {input:?}\n  specs {specs:?}\n  kyso {ours:?}\n  openssl {theirs:?}\n  {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    println!(
        "policy vs OpenSSL: {agree}/{cases} agree ({valid_seen} valid); known OpenSSL 3.0 divergences: {} unchecked anyPolicy mappings, {} mappings through an inhibited anyPolicy, {} mapped-from-anyPolicy nodes expanded without their mapping",
        known[0], known[1], known[2]
    );
    assert!(
        model_mismatches.is_empty(),
        "{} disagreements with the literal RFC 5280 tree:\n{}",
        model_mismatches.len(),
        model_mismatches.join("\n")
    );
    assert!(mismatches.is_empty(), "{} disagreements:\n{}", mismatches.len(), mismatches.join("\n"));
    assert!(
        valid_seen > cases / 5 && valid_seen < cases,
        "the random cases must mix valid and invalid paths"
    );
    assert!(agree * 100 >= cases * 95, "agreement below 95%: {agree}/{cases}");
}

/// kyso's graph against the literal RFC 5280 tree on many random paths, self-issued
/// intermediates included (no OpenSSL needed: certificates are self-signed, the policy step
/// ignores signatures and names).
#[test]
fn graph_matches_the_rfc5280_tree() {
    let cases: usize =
        std::env::var("KYSO_POLICY_TREE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
    let mut rng = StdRng::seed_from_u64(0x7472_6565);
    let key = KeyPair::generate().expect("key");
    let mut valid = 0usize;
    let mut mismatches = Vec::new();
    for case in 0..cases {
        let n_cas = rng.gen_range(0..=5usize);
        let mut specs: Vec<Spec> = (0..n_cas).map(|_| random_spec(&mut rng, true)).collect();
        specs.push(random_spec(&mut rng, false));
        let self_issued: Vec<bool> = (0..specs.len()).map(|_| rng.gen_bool(0.2)).collect();
        let user: Vec<String> = match rng.gen_range(0..4) {
            0 | 1 => vec![ANY.to_string()],
            2 => vec![POOL[0].to_string()],
            _ => vec![POOL[1].to_string(), POOL[2].to_string()],
        };
        let input = PolicyInput::default()
            .with_initial_policy_set(user)
            .with_initial_explicit_policy(rng.gen_bool(0.3))
            .with_initial_policy_mapping_inhibit(rng.gen_bool(0.15))
            .with_initial_any_policy_inhibit(rng.gen_bool(0.15));
        let ders: Vec<Vec<u8>> = specs
            .iter()
            .map(|s| {
                let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
                params.custom_extensions = s.extensions();
                params.self_signed(&key).expect("sign").der().to_vec()
            })
            .collect();
        let parsed: Vec<_> =
            ders.iter().map(|d| x509_parser::parse_x509_certificate(d).expect("parse").1).collect();
        let n = parsed.len();
        let mut p = PolicyProcessor::new(&input, n, 10_000);
        let mut result = Ok(());
        for (k, c) in parsed.iter().enumerate() {
            result = p.process(c, k + 1, self_issued[k]);
            if result.is_err() {
                break;
            }
        }
        let ours = result.and_then(|()| p.finish(&parsed[n - 1]));
        let mine = kyso_verdict(&ours);
        let model = model_verdict(&specs, &self_issued, &input);
        valid += usize::from(mine.valid);
        if mine != model {
            mismatches.push(format!(
                "case {case}: input {input:?}\n  self-issued {self_issued:?}\n  specs {specs:?}\n  kyso {ours:?}\n  tree {model:?}"
            ));
        }
    }
    println!("policy graph vs RFC 5280 tree: {}/{cases} agree ({valid} valid)", cases - mismatches.len());
    assert!(mismatches.is_empty(), "{} disagreements:\n{}", mismatches.len(), mismatches.join("\n"));
    assert!(valid > cases / 5 && valid < cases, "the random cases must mix valid and invalid paths");
}
