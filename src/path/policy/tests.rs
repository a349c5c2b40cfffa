//! Hand-built policy cases: certificates made with rcgen, policy extensions encoded with
//! x509-cert types. Signatures and names play no part in policy processing, so each certificate
//! is self-signed and `self_issued` is passed explicitly.

use super::*;
use crate::diag::codes::path as codes;
use der::Encode;
use der::asn1::{Ia5String, ObjectIdentifier};
use rcgen::{CertificateParams, CustomExtension, KeyPair};
use x509_cert::ext::pkix::certpolicy::{PolicyInformation, PolicyQualifierInfo};
use x509_cert::ext::pkix::{
    CertificatePolicies, InhibitAnyPolicy, PolicyConstraints, PolicyMapping, PolicyMappings,
};
use x509_parser::prelude::{FromDer, X509Certificate};

const P1: &str = "2.16.704.1.1.1.1.1";
const P2: &str = "2.16.704.1.1.1.1.2";
const P3: &str = "2.16.704.1.1.1.1.3";
const ANY: &str = ANY_POLICY;

fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new(s).expect("test OID")
}

/// One extension to put in a test certificate.
enum Ext {
    Policies(Vec<&'static str>),
    Mappings(Vec<(&'static str, &'static str)>),
    Constraints(Option<u32>, Option<u32>),
    InhibitAny(u32),
    Raw(&'static [u64], Vec<u8>),
}

fn policies_der(list: &[&str]) -> Vec<u8> {
    CertificatePolicies(
        list.iter()
            .map(|p| PolicyInformation { policy_identifier: oid(p), policy_qualifiers: None })
            .collect(),
    )
    .to_der()
    .expect("encode")
}

fn make(exts: Vec<Ext>) -> Vec<u8> {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    for e in exts {
        let (arcs, der): (&[u64], Vec<u8>) = match e {
            Ext::Policies(list) => (&[2, 5, 29, 32], policies_der(&list)),
            Ext::Mappings(list) => (
                &[2, 5, 29, 33],
                PolicyMappings(
                    list.iter()
                        .map(|(f, t)| PolicyMapping {
                            issuer_domain_policy: oid(f),
                            subject_domain_policy: oid(t),
                        })
                        .collect(),
                )
                .to_der()
                .expect("encode"),
            ),
            Ext::Constraints(r, q) => (
                &[2, 5, 29, 36],
                PolicyConstraints { require_explicit_policy: r, inhibit_policy_mapping: q }
                    .to_der()
                    .expect("encode"),
            ),
            Ext::InhibitAny(s) => (&[2, 5, 29, 54], InhibitAnyPolicy(s).to_der().expect("encode")),
            Ext::Raw(arcs, der) => (arcs, der),
        };
        params.custom_extensions.push(CustomExtension::from_oid_content(arcs, der));
    }
    let key = KeyPair::generate().expect("key");
    params.self_signed(&key).expect("sign").der().to_vec()
}

fn input(user: &[&str], explicit: bool, inhibit_mapping: bool, inhibit_any: bool) -> PolicyInput {
    PolicyInput {
        initial_policy_set: user.iter().map(|s| s.to_string()).collect(),
        initial_explicit_policy: explicit,
        initial_policy_mapping_inhibit: inhibit_mapping,
        initial_any_policy_inhibit: inhibit_any,
    }
}

fn any_input() -> PolicyInput {
    input(&[], false, false, false)
}

/// Run a path of (certificate DER, self-issued) pairs, issued-by-anchor first.
fn run_with(
    path: &[(Vec<u8>, bool)],
    inp: &PolicyInput,
    budget: usize,
) -> Result<PolicyOutcome, PolicyError> {
    let parsed: Vec<X509Certificate<'_>> =
        path.iter().map(|(der, _)| X509Certificate::from_der(der).expect("parse").1).collect();
    let mut p = PolicyProcessor::new(inp, path.len(), budget);
    for (k, cert) in parsed.iter().enumerate() {
        p.process(cert, k + 1, path[k].1)?;
    }
    p.finish(parsed.last().expect("end entity"))
}

fn run(certs: Vec<Vec<u8>>, inp: &PolicyInput) -> Result<PolicyOutcome, PolicyError> {
    let path: Vec<(Vec<u8>, bool)> = certs.into_iter().map(|c| (c, false)).collect();
    run_with(&path, inp, 10_000)
}

fn set(v: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    sort_oids(&mut out);
    out
}

#[test]
fn same_policy_everywhere_is_the_result() {
    let path = vec![make(vec![Ext::Policies(vec![P1])]), make(vec![Ext::Policies(vec![P1, P2])])];
    let out = run(path, &any_input()).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
    assert_eq!(out.authority_constrained_policy_set, set(&[P1]));
    assert!(!out.explicit_policy_required);
}

#[test]
fn no_policies_is_valid_only_without_explicit_policy() {
    let path = || vec![make(vec![]), make(vec![])];
    let out = run(path(), &any_input()).expect("valid without explicit policy");
    assert!(out.user_constrained_policy_set.is_empty());
    assert!(out.authority_constrained_policy_set.is_empty());
    let err = run(path(), &input(&[], true, false, false)).unwrap_err();
    assert_eq!(err.rule, "RFC 5280 §6.1.3 (f)");
    assert_eq!(err.message.code, codes::POLICY_NO_EXTENSION, "{}", err.message);
    assert_eq!(err.message.params.get("i"), Some("1"));
}

#[test]
fn any_policy_everywhere_accepts_any_and_the_user_set() {
    let path = || vec![make(vec![Ext::Policies(vec![ANY])]), make(vec![Ext::Policies(vec![ANY])])];
    let out = run(path(), &any_input()).expect("valid");
    assert_eq!(out.user_constrained_policy_set, vec![ANY.to_string()]);
    let out = run(path(), &input(&[P2, P1], true, false, false)).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1, P2]));
    assert_eq!(out.authority_constrained_policy_set, vec![ANY.to_string()]);
    assert!(out.explicit_policy_required);
}

#[test]
fn user_set_outside_the_path_fails_only_with_explicit_policy() {
    let path = || vec![make(vec![Ext::Policies(vec![P1])]), make(vec![Ext::Policies(vec![P1])])];
    let out = run(path(), &input(&[P2], false, false, false)).expect("valid: no explicit policy");
    assert!(out.user_constrained_policy_set.is_empty());
    assert_eq!(out.authority_constrained_policy_set, set(&[P1]));
    let err = run(path(), &input(&[P2], true, false, false)).unwrap_err();
    assert_eq!(err.rule, "RFC 5280 §6.1.5 (g)");
}

#[test]
fn a_policy_below_any_policy_is_in_the_node_set() {
    // anyPolicy at the CA, P1 below it: P1 is a child of an anyPolicy node at depth 2.
    let path = || {
        vec![
            make(vec![Ext::Policies(vec![ANY])]),
            make(vec![Ext::Policies(vec![P1, ANY])]),
            make(vec![Ext::Policies(vec![P1])]),
        ]
    };
    let out = run(path(), &any_input()).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
    let out = run(path(), &input(&[P1, P3], true, false, false)).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
    assert!(run(path(), &input(&[P2], true, false, false)).is_err());
}

#[test]
fn mapping_renames_into_the_subject_domain() {
    // CA: P1, maps P1 -> P2; end entity: P2. The result is in the anchor's domain: P1.
    let path = || {
        vec![
            make(vec![Ext::Policies(vec![P1]), Ext::Mappings(vec![(P1, P2)])]),
            make(vec![Ext::Policies(vec![P2])]),
        ]
    };
    let out = run(path(), &any_input()).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
    let out = run(path(), &input(&[P1], true, false, false)).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
    // The subject-domain name is not an anchor-domain policy.
    assert!(run(path(), &input(&[P2], true, false, false)).is_err());
    // An end entity asserting the unmapped name no longer matches.
    let path2 = vec![
        make(vec![Ext::Policies(vec![P1]), Ext::Mappings(vec![(P1, P2)])]),
        make(vec![Ext::Policies(vec![P1])]),
    ];
    let err = run(path2, &input(&[], true, false, false)).unwrap_err();
    assert_eq!(err.rule, "RFC 5280 §6.1.3 (f)");
}

#[test]
fn mapping_many_to_one_and_one_to_many() {
    let path = || {
        vec![
            make(vec![Ext::Policies(vec![P1, P2]), Ext::Mappings(vec![(P1, P3), (P2, P3), (P1, "1.2.3.4")])]),
            make(vec![Ext::Policies(vec![P3])]),
        ]
    };
    let out = run(path(), &any_input()).expect("valid");
    assert_eq!(out.authority_constrained_policy_set, set(&[P1, P2]));
    let out = run(path(), &input(&[P2], true, false, false)).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P2]));
    // P1 also maps to 1.2.3.4.
    let path = vec![
        make(vec![Ext::Policies(vec![P1, P2]), Ext::Mappings(vec![(P1, P3), (P2, P3), (P1, "1.2.3.4")])]),
        make(vec![Ext::Policies(vec!["1.2.3.4"])]),
    ];
    let out = run(path, &any_input()).expect("valid");
    assert_eq!(out.authority_constrained_policy_set, set(&[P1]));
}

#[test]
fn mapping_from_an_any_policy_node() {
    // The CA asserts anyPolicy and maps P1 -> P2: §6.1.4 (b)(1) creates P1 under anyPolicy.
    let path = vec![
        make(vec![Ext::Policies(vec![ANY]), Ext::Mappings(vec![(P1, P2)])]),
        make(vec![Ext::Policies(vec![P2])]),
    ];
    let out = run(path, &input(&[P1], true, false, false)).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
    assert_eq!(out.authority_constrained_policy_set, set(&[P1]));
}

#[test]
fn inhibited_mapping_deletes_the_mapped_policies() {
    let path = || {
        vec![
            make(vec![Ext::Policies(vec![P1]), Ext::Mappings(vec![(P1, P2)])]),
            make(vec![Ext::Policies(vec![P2])]),
        ]
    };
    let out = run(path(), &input(&[], false, true, false)).expect("valid: no explicit policy");
    assert!(out.user_constrained_policy_set.is_empty());
    let err = run(path(), &input(&[], true, true, false)).unwrap_err();
    assert_eq!(err.rule, "RFC 5280 §6.1.4 (b)(2)");
    // inhibitPolicyMapping 0 in the first CA stops mappings of the next one.
    let path = vec![
        make(vec![Ext::Policies(vec![P1]), Ext::Constraints(Some(0), Some(0))]),
        make(vec![Ext::Policies(vec![P1]), Ext::Mappings(vec![(P1, P2)])]),
        make(vec![Ext::Policies(vec![P2])]),
    ];
    assert_eq!(run(path, &any_input()).unwrap_err().rule, "RFC 5280 §6.1.4 (b)(2)");
    // With inhibitPolicyMapping 1 the mapping one certificate further is still allowed.
    let path = vec![
        make(vec![Ext::Policies(vec![P1]), Ext::Constraints(Some(0), Some(1))]),
        make(vec![Ext::Policies(vec![P1]), Ext::Mappings(vec![(P1, P2)])]),
        make(vec![Ext::Policies(vec![P2])]),
    ];
    assert_eq!(run(path, &any_input()).expect("valid").user_constrained_policy_set, set(&[P1]));
}

#[test]
fn mapping_any_policy_is_rejected() {
    for m in [(ANY, P1), (P1, ANY)] {
        let path = vec![
            make(vec![Ext::Policies(vec![P1]), Ext::Mappings(vec![m])]),
            make(vec![Ext::Policies(vec![P1])]),
        ];
        assert_eq!(run(path, &any_input()).unwrap_err().rule, "RFC 5280 §6.1.4 (a)");
    }
    // In the end entity policyMappings is not processed (§6.1.4 applies to i < n).
    let path = vec![
        make(vec![Ext::Policies(vec![P1])]),
        make(vec![Ext::Policies(vec![P1]), Ext::Mappings(vec![(ANY, P1)])]),
    ];
    assert!(run(path, &any_input()).is_ok());
}

#[test]
fn inhibit_any_policy_counts_non_self_issued_certificates() {
    // inhibitAnyPolicy 1 at CA1: CA2 may still use anyPolicy, CA3 may not.
    let build = |ca2_self_issued: bool| {
        vec![
            (make(vec![Ext::Policies(vec![ANY]), Ext::InhibitAny(1)]), false),
            (make(vec![Ext::Policies(vec![ANY])]), ca2_self_issued),
            (make(vec![Ext::Policies(vec![ANY])]), false),
            (make(vec![Ext::Policies(vec![P1])]), false),
        ]
    };
    let strict = input(&[], true, false, false);
    let err = run_with(&build(false), &strict, 100).unwrap_err();
    assert_eq!(err.rule, "RFC 5280 §6.1.3 (f)");
    assert_eq!(err.message.code, codes::POLICY_ANY_INHIBITED, "{}", err.message);
    // A self-issued CA2 does not count (§6.1.4 (h)).
    let out = run_with(&build(true), &strict, 100).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
    // initial-any-policy-inhibit: anyPolicy never matches.
    let path = vec![make(vec![Ext::Policies(vec![ANY])]), make(vec![Ext::Policies(vec![P1])])];
    assert!(run(path, &input(&[], true, false, true)).is_err());
}

#[test]
fn self_issued_intermediate_may_use_any_policy_but_not_the_end_entity() {
    // inhibit_anyPolicy is 0 from the start; a self-issued intermediate (i < n) still expands
    // anyPolicy, a self-issued end entity does not.
    let path = vec![
        (make(vec![Ext::Policies(vec![P1])]), false),
        (make(vec![Ext::Policies(vec![ANY])]), true),
        (make(vec![Ext::Policies(vec![P1])]), false),
    ];
    let out = run_with(&path, &input(&[], true, false, true), 100).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
    let path =
        vec![(make(vec![Ext::Policies(vec![P1])]), false), (make(vec![Ext::Policies(vec![ANY])]), true)];
    assert!(run_with(&path, &input(&[], true, false, true), 100).is_err());
}

#[test]
fn require_explicit_policy_counts_down() {
    // requireExplicitPolicy 2 at CA1: explicit_policy is 0 after the end entity (n = 3), so an
    // end entity without policies fails; with 3 it passes.
    let build = |skip: u32| {
        vec![
            make(vec![Ext::Policies(vec![P1]), Ext::Constraints(Some(skip), None)]),
            make(vec![Ext::Policies(vec![P1])]),
            make(vec![]),
        ]
    };
    let err = run(build(2), &any_input()).unwrap_err();
    assert_eq!(err.rule, "RFC 5280 §6.1.5 (g)");
    let out = run(build(3), &any_input()).expect("valid");
    assert!(out.user_constrained_policy_set.is_empty());
    assert!(!out.explicit_policy_required);
    // requireExplicitPolicy 1: explicit_policy reaches 0 at the end entity's (f) check.
    let err = run(build(1), &any_input()).unwrap_err();
    assert_eq!(err.rule, "RFC 5280 §6.1.3 (f)");
}

#[test]
fn end_entity_require_explicit_policy_zero() {
    let path = || vec![make(vec![Ext::Policies(vec![P1])]), make(vec![Ext::Constraints(Some(0), None)])];
    let err = run(path(), &any_input()).unwrap_err();
    assert_eq!(err.rule, "RFC 5280 §6.1.5 (g)");
    let path = vec![
        make(vec![Ext::Policies(vec![P1])]),
        make(vec![Ext::Policies(vec![P1]), Ext::Constraints(Some(0), None)]),
    ];
    let out = run(path, &any_input()).expect("valid");
    assert!(out.explicit_policy_required);
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
}

#[test]
fn qualifiers_are_ignored() {
    let cps = PolicyQualifierInfo {
        policy_qualifier_id: oid("1.3.6.1.5.5.7.2.1"),
        qualifier: Some(
            der::Any::encode_from(&Ia5String::new("https://ca.gov.vn/cps").expect("ia5")).expect("any"),
        ),
    };
    let unknown = PolicyQualifierInfo { policy_qualifier_id: oid("1.2.3.4.5"), qualifier: None };
    let der = CertificatePolicies(vec![PolicyInformation {
        policy_identifier: oid(P1),
        policy_qualifiers: Some(vec![cps, unknown]),
    }])
    .to_der()
    .expect("encode");
    let path =
        vec![make(vec![Ext::Raw(&[2, 5, 29, 32], der.clone())]), make(vec![Ext::Raw(&[2, 5, 29, 32], der)])];
    let out = run(path, &input(&[P1], true, false, false)).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
}

#[test]
fn malformed_policy_extensions_are_errors() {
    let ok = || make(vec![Ext::Policies(vec![P1])]);
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (make(vec![Ext::Policies(vec![P1, P2, P1])]), "RFC 5280 §4.2.1.4", "more than once"),
        (make(vec![Ext::Policies(vec![])]), "RFC 5280 §4.2.1.4", "empty"),
        (
            make(vec![Ext::Raw(&[2, 5, 29, 32], vec![0x30, 0x03, 0x02, 0x01, 0x00])]),
            "RFC 5280 §4.2.1.4",
            "malformed",
        ),
        (
            // 1.3.6.128 written with a non-minimal arc (as const-oid 0.9.6 encodes it).
            make(vec![Ext::Raw(
                &[2, 5, 29, 32],
                vec![0x30, 0x08, 0x30, 0x06, 0x06, 0x04, 0x2b, 0x06, 0x80, 0x00],
            )]),
            "RFC 5280 §4.2.1.4",
            "not DER-encoded",
        ),
        (make(vec![Ext::Mappings(vec![])]), "RFC 5280 §4.2.1.5", "empty"),
        (make(vec![Ext::Constraints(None, None)]), "RFC 5280 §4.2.1.11", "empty"),
        (make(vec![Ext::Raw(&[2, 5, 29, 54], vec![0x02, 0x01, 0xff])]), "RFC 5280 §4.2.1.14", "malformed"),
        (
            make(vec![Ext::Policies(vec![P1]), Ext::Raw(&[2, 5, 29, 32], policies_der(&[P1]))]),
            "RFC 5280 §4.2",
            "more than once",
        ),
    ];
    for (k, (bad, rule, text)) in cases.into_iter().enumerate() {
        // As an intermediate and as the end entity.
        for path in [vec![bad.clone(), ok()], vec![ok(), bad.clone()]] {
            // x509-parser accepts the certificates: the policy layer must catch the problem.
            let parsed: Vec<X509Certificate<'_>> = path
                .iter()
                .map(|d| X509Certificate::from_der(d).expect("x509-parser accepts it").1)
                .collect();
            let mut p = PolicyProcessor::new(&any_input(), 2, 100);
            let r = p.process(&parsed[0], 1, false).and_then(|_| p.process(&parsed[1], 2, false));
            let err = r.expect_err(&format!("case {k} must fail"));
            assert_eq!(err.rule, rule, "case {k}: {}", err.message);
            assert!(err.message.to_string().contains(text), "case {k}: {}", err.message);
        }
    }
}

#[test]
fn out_of_order_calls_are_errors() {
    let c = make(vec![Ext::Policies(vec![P1])]);
    let x = X509Certificate::from_der(&c).expect("parse").1;
    let mut p = PolicyProcessor::new(&any_input(), 2, 100);
    assert!(p.process(&x, 2, false).is_err());
    assert!(p.process(&x, 1, false).is_ok());
    assert!(p.clone().finish(&x).is_err(), "finish before the end entity");
    assert!(p.process(&x, 2, false).is_ok());
    assert!(p.process(&x, 3, false).is_err(), "beyond n");
}

/// CVE-2023-0464 shape: every CA asserts K policies and maps each to all K. As an RFC 5280
/// tree the leaves number K^depth; the graph keeps K nodes per depth.
#[test]
fn mapping_mesh_stays_linear() {
    const K: usize = 12;
    const DEPTH: usize = 8;
    let names: Vec<&'static str> =
        (0..K).map(|k| &*Box::leak(format!("1.3.6.1.4.1.99999.{k}").into_boxed_str())).collect();
    let mut mappings = Vec::new();
    for a in &names {
        for b in &names {
            mappings.push((*a, *b));
        }
    }
    let ca = make(vec![Ext::Policies(names.clone()), Ext::Mappings(mappings)]);
    let ee = make(vec![Ext::Policies(vec![names[0]])]);
    let mut path: Vec<Vec<u8>> = vec![ca; DEPTH];
    path.push(ee);
    let path: Vec<(Vec<u8>, bool)> = path.into_iter().map(|c| (c, false)).collect();
    let start = std::time::Instant::now();
    let out = run_with(&path, &any_input(), 10_000).expect("valid");
    assert_eq!(out.authority_constrained_policy_set.len(), K);
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    // The same mesh under a small budget fails with the budget rule.
    let err = run_with(&path, &any_input(), 3 * K).unwrap_err();
    assert!(err.is_budget());
    assert_eq!(err.rule, "budget");
    assert_eq!(crate::Error::from(err).kind(), crate::ErrorKind::Budget);
}

#[test]
fn budget_counts_every_created_node() {
    let path = || {
        vec![
            (make(vec![Ext::Policies(vec![P1, P2, P3])]), false),
            (make(vec![Ext::Policies(vec![P1, P2, P3])]), false),
        ]
    };
    // 6 nodes: exactly enough.
    assert!(run_with(&path(), &any_input(), 6).is_ok());
    let err = run_with(&path(), &any_input(), 5).unwrap_err();
    assert!(err.is_budget(), "{err:?}");
    assert_eq!(err.message.code, codes::POLICY_BUDGET, "{}", err.message);
    assert_eq!(err.message.params.get("i"), Some("2"));
}

#[test]
fn policies_sort_by_arcs() {
    let mut v = vec!["1.2.10".to_string(), "1.2.9".to_string(), "1.10".to_string()];
    sort_oids(&mut v);
    assert_eq!(v, vec!["1.2.9", "1.2.10", "1.10"]);
}

#[test]
fn policy_error_converts_to_an_invalid_kyso_error() {
    let message = Message::new(codes::POLICY_NO_EXTENSION).with("i", 2);
    let e = PolicyError { rule: "RFC 5280 §6.1.3 (f)", message };
    let k: crate::Error = e.clone().into();
    assert_eq!(k.kind(), crate::ErrorKind::Invalid);
    assert_eq!(k.code(), codes::POLICY_NO_EXTENSION);
    assert_eq!(
        e.to_string(),
        "certificate 2 has no certificatePolicies extension, but an explicit policy is required (RFC 5280 §6.1.3 (f))"
    );
}

/// Large hostile certificates: 1,000 policies each with a mapping, and a 60 x 60 mapping mesh,
/// through 8 CAs. Both stay linear and fast; prints the measured times.
#[test]
fn large_certificates_stay_fast() {
    let names: Vec<&'static str> =
        (1000..2000).map(|k| &*Box::leak(format!("1.3.6.1.4.1.99998.{k}").into_boxed_str())).collect();
    let ring: Vec<(&'static str, &'static str)> =
        (0..names.len()).map(|k| (names[k], names[(k + 1) % names.len()])).collect();
    let ca = make(vec![Ext::Policies(names.clone()), Ext::Mappings(ring)]);
    let mut path: Vec<(Vec<u8>, bool)> = vec![(ca, false); 8];
    path.push((make(vec![Ext::Policies(vec![names[8]])]), false));
    let start = std::time::Instant::now();
    let out = run_with(&path, &any_input(), 10_000).expect("valid");
    let ring_time = start.elapsed();
    // names[8] at the end entity comes from names[0] at the first CA (one step per CA).
    assert_eq!(out.authority_constrained_policy_set, vec![names[0].to_string()]);

    let mesh_names = &names[..60];
    let mut mesh = Vec::new();
    for a in mesh_names {
        for b in mesh_names {
            mesh.push((*a, *b));
        }
    }
    let ca = make(vec![Ext::Policies(mesh_names.to_vec()), Ext::Mappings(mesh)]);
    let mut path: Vec<(Vec<u8>, bool)> = vec![(ca, false); 8];
    path.push((make(vec![Ext::Policies(vec![names[0]])]), false));
    let start = std::time::Instant::now();
    let out = run_with(&path, &any_input(), 10_000).expect("valid");
    let mesh_time = start.elapsed();
    assert_eq!(out.authority_constrained_policy_set.len(), 60);
    println!("policy: 1000-policy ring x 8 CAs: {ring_time:?}; 60x60 mesh x 8 CAs: {mesh_time:?}");
    assert!(ring_time + mesh_time < std::time::Duration::from_secs(5));
}

#[test]
fn state_is_observable_between_certificates() {
    let ca = make(vec![
        Ext::Policies(vec![P2, P1]),
        Ext::Mappings(vec![(P1, P3)]),
        Ext::Constraints(Some(1), None),
        Ext::InhibitAny(0),
    ]);
    let ee = make(vec![Ext::Policies(vec![P3])]);
    let ca = X509Certificate::from_der(&ca).expect("parse").1;
    let ee = X509Certificate::from_der(&ee).expect("parse").1;
    // User set given with stray spaces and a duplicate.
    let mut p = PolicyProcessor::new(&input(&[" 2.16.704.1.1.1.1.1", P1], false, false, false), 2, 100);
    assert_eq!((p.explicit_policy(), p.inhibit_any_policy(), p.policy_mapping()), (3, 3, 3));
    p.process(&ca, 1, false).expect("ca");
    assert_eq!(p.current_policies(), set(&[P1, P2]));
    assert_eq!((p.explicit_policy(), p.inhibit_any_policy(), p.policy_mapping()), (1, 0, 2));
    assert_eq!(p.nodes_created(), 2);
    assert!(!p.is_tree_null());
    p.process(&ee, 2, false).expect("ee");
    assert_eq!(p.current_policies(), set(&[P3]));
    let out = p.finish(&ee).expect("valid");
    assert_eq!(out.user_constrained_policy_set, set(&[P1]));
    assert!(out.explicit_policy_required);
}

/// Corrupted policy extensions (random byte changes, truncations) never panic: each either
/// processes or fails with a named rule.
#[test]
fn corrupted_extensions_never_panic() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x706f_6c69);
    let key = KeyPair::generate().expect("key");
    let originals: Vec<(&[u64], Vec<u8>)> = vec![
        (&[2, 5, 29, 32], policies_der(&[P1, P2, ANY])),
        (
            &[2, 5, 29, 33],
            PolicyMappings(vec![PolicyMapping {
                issuer_domain_policy: oid(P1),
                subject_domain_policy: oid(P2),
            }])
            .to_der()
            .expect("encode"),
        ),
        (
            &[2, 5, 29, 36],
            PolicyConstraints { require_explicit_policy: Some(1), inhibit_policy_mapping: Some(2) }
                .to_der()
                .expect("encode"),
        ),
        (&[2, 5, 29, 54], InhibitAnyPolicy(3).to_der().expect("encode")),
    ];
    let ok = make(vec![Ext::Policies(vec![P1, P2])]);
    let ok = X509Certificate::from_der(&ok).expect("parse").1;
    let mut outcomes = [0usize; 2];
    for round in 0..600 {
        let (arcs, der) = &originals[round % originals.len()];
        let mut der = der.clone();
        match rng.gen_range(0..3) {
            0 => {
                let k = rng.gen_range(0..der.len());
                der[k] = rng.r#gen();
            }
            1 => der.truncate(rng.gen_range(0..der.len())),
            _ => {
                let k = rng.gen_range(0..der.len());
                der[k] ^= 1 << rng.gen_range(0..8);
            }
        }
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params.custom_extensions.push(CustomExtension::from_oid_content(arcs, der));
        let cert_der = params.self_signed(&key).expect("sign").der().to_vec();
        let Ok((_, bad)) = X509Certificate::from_der(&cert_der) else { continue };
        for (first, second) in [(&bad, &ok), (&ok, &bad)] {
            let mut p = PolicyProcessor::new(&any_input(), 2, 100);
            let r = p
                .process(first, 1, false)
                .and_then(|_| p.process(second, 2, false))
                .and_then(|_| p.finish(second));
            match r {
                Ok(_) => outcomes[0] += 1,
                Err(e) => {
                    assert!(e.rule.starts_with("RFC 5280 §") || e.is_budget(), "{e:?}");
                    outcomes[1] += 1;
                }
            }
        }
    }
    // Some corruptions are harmless (a changed arc), most are not.
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "{outcomes:?}");
}
