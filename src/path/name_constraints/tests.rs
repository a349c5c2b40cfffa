//! Unit tests with certificates issued by rcgen (name constraints built as raw DER so that every
//! form and every malformation can be expressed).

use super::*;
use crate::diag::codes::path as codes;
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, IsCa, KeyPair,
    OtherNameValue, SanType,
};
use x509_parser::prelude::FromDer;

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend([0x81, n as u8]);
    } else {
        out.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn dns(s: &str) -> Vec<u8> {
    tlv(0x82, s.as_bytes())
}
fn email(s: &str) -> Vec<u8> {
    tlv(0x81, s.as_bytes())
}
fn uri(s: &str) -> Vec<u8> {
    tlv(0x86, s.as_bytes())
}
fn ip(b: &[u8]) -> Vec<u8> {
    tlv(0x87, b)
}
fn dir(rdns: &[(&[u8], &str)]) -> Vec<u8> {
    let mut seq = Vec::new();
    for (oid, v) in rdns {
        let atv = tlv(0x30, &[tlv(0x06, oid), tlv(0x0c, v.as_bytes())].concat());
        seq.extend(tlv(0x31, &atv));
    }
    tlv(0xa4, &tlv(0x30, &seq))
}
fn other_name() -> Vec<u8> {
    // type-id 1.3.6.1.4.1.311.20.2.3 (UPN), value [0] { UTF8String "x" }
    let oid = tlv(0x06, &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x14, 0x02, 0x03]);
    tlv(0xa0, &[oid, tlv(0xa0, &tlv(0x0c, b"x"))].concat())
}

const C: &[u8] = &[0x55, 0x04, 0x06];
const O: &[u8] = &[0x55, 0x04, 0x0a];
const OU: &[u8] = &[0x55, 0x04, 0x0b];

fn nc(permitted: &[Vec<u8>], excluded: &[Vec<u8>]) -> Vec<u8> {
    let subtrees = |items: &[Vec<u8>]| items.iter().map(|b| tlv(0x30, b)).collect::<Vec<_>>().concat();
    let mut content = Vec::new();
    if !permitted.is_empty() {
        content.extend(tlv(0xa0, &subtrees(permitted)));
    }
    if !excluded.is_empty() {
        content.extend(tlv(0xa1, &subtrees(excluded)));
    }
    tlv(0x30, &content)
}

struct Spec {
    cn: &'static str,
    dn: Vec<(DnType, &'static str)>,
    sans: Vec<SanType>,
    nc: Option<(Vec<u8>, bool)>,
    ca: bool,
}

impl Default for Spec {
    fn default() -> Self {
        Spec { cn: "leaf", dn: Vec::new(), sans: Vec::new(), nc: None, ca: false }
    }
}

fn issue(spec: Spec) -> Vec<u8> {
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    for (t, v) in spec.dn {
        name.push(t, v);
    }
    if !spec.cn.is_empty() {
        name.push(DnType::CommonName, spec.cn);
    }
    params.distinguished_name = name;
    params.subject_alt_names = spec.sans;
    if spec.ca {
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    }
    if let Some((der, critical)) = spec.nc {
        let mut ext = CustomExtension::from_oid_content(&[2, 5, 29, 30], der);
        ext.set_criticality(critical);
        params.custom_extensions.push(ext);
    }
    let key = KeyPair::generate().unwrap();
    params.self_signed(&key).unwrap().der().to_vec()
}

fn ca_with(permitted: &[Vec<u8>], excluded: &[Vec<u8>]) -> Vec<u8> {
    issue(Spec { cn: "CA", ca: true, nc: Some((nc(permitted, excluded), true)), ..Default::default() })
}

fn san_dns(names: &[&str]) -> Vec<SanType> {
    names.iter().map(|n| SanType::DnsName((*n).try_into().unwrap())).collect()
}

fn leaf_dns(names: &[&str]) -> Vec<u8> {
    issue(Spec { sans: san_dns(names), ..Default::default() })
}

fn parse(der: &[u8]) -> X509Certificate<'_> {
    X509Certificate::from_der(der).unwrap().1
}

fn state_of(cas: &[&[u8]]) -> Result<NameConstraintsState, NameConstraintError> {
    let mut st = NameConstraintsState::new();
    for ca in cas {
        st.update(&parse(ca))?;
    }
    Ok(st)
}

fn check_leaf(st: &NameConstraintsState, leaf: &[u8]) -> Result<(), NameConstraintError> {
    st.check(&parse(leaf), true, &mut Budget::default())
}

#[test]
fn unconstrained_state_accepts_everything() {
    let st = NameConstraintsState::new();
    assert!(st.is_unconstrained());
    check_leaf(&st, &leaf_dns(&["anything.example", "*.wild.example"])).unwrap();
}

#[test]
fn permitted_dns_matches_name_and_subdomains_case_insensitively() {
    let st = state_of(&[&ca_with(&[dns("Example.COM")], &[])]).unwrap();
    check_leaf(&st, &leaf_dns(&["example.com"])).unwrap();
    check_leaf(&st, &leaf_dns(&["foo.bar.EXAMPLE.com"])).unwrap();
    let e = check_leaf(&st, &leaf_dns(&["not-example.com"])).unwrap_err();
    assert_eq!(e.rule, "RFC 5280 §6.1.3 (b)");
    assert_eq!(e.message.code, codes::NC_NOT_PERMITTED);
    assert!(e.message.params.get("name").unwrap().contains("not-example.com"), "{}", e.message);
    // every SAN must be inside, not just one
    assert!(check_leaf(&st, &leaf_dns(&["example.com", "evil.org"])).is_err());
    // other forms are not constrained by a dNSName constraint
    let ip_only =
        issue(Spec { sans: vec![SanType::IpAddress("10.1.2.3".parse().unwrap())], ..Default::default() });
    check_leaf(&st, &ip_only).unwrap();
}

#[test]
fn excluded_wins_over_permitted_and_is_a_union() {
    let st = state_of(&[
        &ca_with(&[dns("example.com")], &[dns("bad.example.com")]),
        &ca_with(&[], &[dns("worse.example.com")]),
    ])
    .unwrap();
    check_leaf(&st, &leaf_dns(&["good.example.com"])).unwrap();
    assert_eq!(check_leaf(&st, &leaf_dns(&["x.bad.example.com"])).unwrap_err().rule, "RFC 5280 §6.1.3 (c)");
    assert!(check_leaf(&st, &leaf_dns(&["worse.example.com"])).is_err());
}

#[test]
fn permitted_subtrees_intersect_across_the_path() {
    let st = state_of(&[
        &ca_with(&[dns("foo.example.com"), dns("bar.example.com")], &[]),
        &ca_with(&[dns("bar.example.com")], &[]),
    ])
    .unwrap();
    check_leaf(&st, &leaf_dns(&["bar.example.com"])).unwrap();
    assert!(check_leaf(&st, &leaf_dns(&["foo.example.com"])).is_err());
    // a later CA cannot widen
    let st =
        state_of(&[&ca_with(&[dns("bar.example.com")], &[]), &ca_with(&[dns("example.com")], &[])]).unwrap();
    assert!(check_leaf(&st, &leaf_dns(&["foo.example.com"])).is_err());
}

#[test]
fn wildcard_sans_are_judged_defensively() {
    // CVE-2025-61727: *.example.com could be presented as the excluded bar.example.com
    let st = state_of(&[&ca_with(&[], &[dns("bar.example.com")])]).unwrap();
    assert!(check_leaf(&st, &leaf_dns(&["*.example.com"])).is_err());
    check_leaf(&st, &leaf_dns(&["*.other.example.com"])).unwrap();
    // permitted foo.example.com does not cover all of *.example.com
    let st = state_of(&[&ca_with(&[dns("foo.example.com")], &[])]).unwrap();
    assert!(check_leaf(&st, &leaf_dns(&["*.example.com"])).is_err());
    // permitted foo.com covers *.foo.com
    let st = state_of(&[&ca_with(&[dns("foo.com")], &[])]).unwrap();
    check_leaf(&st, &leaf_dns(&["*.foo.com"])).unwrap();
}

#[test]
fn malformed_names_under_a_constraint_of_their_form_fail() {
    let st = state_of(&[&ca_with(&[dns("example.com")], &[])]).unwrap();
    let e = check_leaf(&st, &leaf_dns(&[".example.com", "foo.example.com"])).unwrap_err();
    assert_eq!(e.message.code, codes::NC_MALFORMED_NAME, "{}", e.message);
    assert!(check_leaf(&st, &leaf_dns(&["foo_bar.example.com"])).is_err());
    let st = state_of(&[&ca_with(&[email("example.com")], &[])]).unwrap();
    let bad = issue(Spec {
        sans: vec![SanType::Rfc822Name("invalid@address@example.com".try_into().unwrap())],
        ..Default::default()
    });
    assert!(check_leaf(&st, &bad).is_err());
}

#[test]
fn malformed_constraints_are_rejected() {
    for (base, what) in [
        (dns("*.example.com"), "dNSName"),
        (dns(".example.com"), "dNSName"),
        (email("invalid@invalid@example.com"), "rfc822Name"),
        (ip(&[127, 0, 0, 1]), "iPAddress"),
        (ip(&[10, 0, 0, 0, 255, 0, 255, 0]), "iPAddress"),
        (ip(&[0; 16]), "iPAddress"),
    ] {
        let e = state_of(&[&ca_with(&[base], &[])]).unwrap_err();
        assert_eq!(e.rule, "RFC 5280 §4.2.1.10");
        assert!(e.message.to_string().contains(what), "{}", e.message);
    }
    // empty extension, and a non-critical one
    let empty = issue(Spec { ca: true, nc: Some((tlv(0x30, &[]), true)), ..Default::default() });
    let e = state_of(&[&empty]).unwrap_err();
    assert_eq!(e.message.code, codes::NC_MALFORMED);
    assert!(e.message.params.get("detail").unwrap().contains("neither"));
    let non_critical =
        issue(Spec { ca: true, nc: Some((nc(&[dns("example.com")], &[]), false)), ..Default::default() });
    assert_eq!(state_of(&[&non_critical]).unwrap_err().message.code, codes::NC_NOT_CRITICAL);
    let garbage = issue(Spec { ca: true, nc: Some((b"not DER".to_vec(), true)), ..Default::default() });
    assert_eq!(state_of(&[&garbage]).unwrap_err().message.code, codes::NC_MALFORMED);
}

#[test]
fn ip_constraints_match_by_family_and_prefix() {
    let v4 = [192, 0, 2, 0, 255, 255, 255, 0];
    let mut v6 = vec![0u8; 15];
    v6.push(1);
    v6.extend([0xff; 16]);
    let st = state_of(&[&ca_with(&[ip(&v4)], &[ip(&v6)])]).unwrap();
    let leaf =
        |a: &str| issue(Spec { sans: vec![SanType::IpAddress(a.parse().unwrap())], ..Default::default() });
    check_leaf(&st, &leaf("192.0.2.1")).unwrap();
    assert_eq!(check_leaf(&st, &leaf("192.0.3.1")).unwrap_err().rule, "RFC 5280 §6.1.3 (b)");
    assert_eq!(check_leaf(&st, &leaf("::1")).unwrap_err().rule, "RFC 5280 §6.1.3 (c)");
    // the only permitted iPAddress subtree is IPv4, so no IPv6 address is inside it
    assert!(check_leaf(&st, &leaf("2001:db8::1")).is_err());
}

#[test]
fn email_constraints_mailbox_host_and_domain() {
    let leaf = |m: &str| {
        issue(Spec { sans: vec![SanType::Rfc822Name(m.try_into().unwrap())], ..Default::default() })
    };
    let st = state_of(&[&ca_with(&[email("*@example.com")], &[])]).unwrap();
    check_leaf(&st, &leaf("*@EXAMPLE.com")).unwrap();
    assert!(check_leaf(&st, &leaf("user@example.com")).is_err());
    let st = state_of(&[&ca_with(&[email("example.com")], &[])]).unwrap();
    check_leaf(&st, &leaf("foo@example.com")).unwrap();
    assert!(check_leaf(&st, &leaf("foo@sub.example.com")).is_err());
    let st = state_of(&[&ca_with(&[email(".gov.vn")], &[])]).unwrap();
    check_leaf(&st, &leaf("canbo@mof.gov.vn")).unwrap();
    assert!(check_leaf(&st, &leaf("canbo@gov.vn")).is_err());
    // subject emailAddress attributes are checked as rfc822Name too
    let with_attr = issue(Spec {
        dn: vec![(DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]), "x@evil.org")],
        ..Default::default()
    });
    assert!(check_leaf(&st, &with_attr).is_err());
}

#[test]
fn uri_constraints_apply_to_the_host() {
    let st = state_of(&[&ca_with(&[uri(".gov.vn")], &[uri("bad.gov.vn")])]).unwrap();
    let leaf =
        |u: &str| issue(Spec { sans: vec![SanType::URI(u.try_into().unwrap())], ..Default::default() });
    check_leaf(&st, &leaf("https://dichvucong.gov.vn/portal")).unwrap();
    assert!(check_leaf(&st, &leaf("https://gov.vn/")).is_err());
    assert!(check_leaf(&st, &leaf("https://bad.gov.vn/")).is_err());
    assert!(check_leaf(&st, &leaf("urn:uuid:1234")).is_err());
}

#[test]
fn directory_name_constraints_compare_rdn_prefixes_per_rfc5280_7_1() {
    // The government PKI places its hierarchy in O/OU.
    let st = state_of(&[&ca_with(
        &[dir(&[(C, "VN"), (O, "Ban Cơ yếu Chính phủ")])],
        &[dir(&[(C, "VN"), (O, "Ban Cơ yếu Chính phủ"), (OU, "Cục Cấm")])],
    )])
    .unwrap();
    let leaf = |o: &'static str, ou: &'static str| {
        issue(Spec {
            dn: vec![
                (DnType::CountryName, "vn"),
                (DnType::OrganizationName, o),
                (DnType::OrganizationalUnitName, ou),
            ],
            cn: "Nguyễn Văn A",
            ..Default::default()
        })
    };
    check_leaf(&st, &leaf("  BAN CƠ YẾU   chính phủ", "Cục Chứng thực")).unwrap();
    assert!(check_leaf(&st, &leaf("Bộ Tài chính", "Cục Thuế")).is_err());
    assert_eq!(
        check_leaf(&st, &leaf("Ban Cơ yếu Chính phủ", "cục cấm")).unwrap_err().rule,
        "RFC 5280 §6.1.3 (c)"
    );
    // a one-RDN prefix (C=VN) matches every subject under it
    let st = state_of(&[&ca_with(&[dir(&[(C, "VN")])], &[])]).unwrap();
    check_leaf(&st, &leaf("X", "Y")).unwrap();
}

#[test]
fn unsupported_forms_fail_only_when_the_certificate_has_that_form() {
    let st = state_of(&[&ca_with(&[], &[other_name()])]).unwrap();
    check_leaf(&st, &leaf_dns(&["example.com"])).unwrap();
    let with_on = issue(Spec {
        sans: vec![SanType::OtherName((
            vec![1, 3, 6, 1, 4, 1, 311, 20, 2, 3],
            OtherNameValue::Utf8String("x".into()),
        ))],
        ..Default::default()
    });
    let e = check_leaf(&st, &with_on).unwrap_err();
    assert_eq!(e.message.code, codes::NC_UNSUPPORTED_FORM);
    assert_eq!(e.message.params.get("form"), Some("otherName"), "{}", e.message);
}

#[test]
fn nc_in_a_non_ca_end_entity_is_rejected() {
    let ee = issue(Spec {
        nc: Some((nc(&[dns("example.com")], &[]), true)),
        sans: san_dns(&["example.com"]),
        ..Default::default()
    });
    let e = NameConstraintsState::new().check(&parse(&ee), true, &mut Budget::default()).unwrap_err();
    assert_eq!(e.message.code, codes::NC_IN_END_ENTITY, "{}", e.message);
}

#[test]
fn comparisons_are_bounded_by_the_budget() {
    let many: Vec<Vec<u8>> = (0..200).map(|i| dns(&format!("n{i}.example"))).collect();
    let st = state_of(&[&ca_with(&[], &many)]).unwrap();
    let names: Vec<String> = (0..100).map(|i| format!("h{i}.other")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let leaf = leaf_dns(&refs);
    let mut small = Budget::new(100, 100, 10_000, 100);
    let e = st.check(&parse(&leaf), true, &mut small).unwrap_err();
    assert!(e.budget_exceeded);
    let mut big = Budget::default();
    st.check(&parse(&leaf), true, &mut big).unwrap();
    assert_eq!(big.name_constraint_comparisons, 250_000 - 200 * 100);
    // subtrees of other forms are never looked at
    let ips: Vec<Vec<u8>> = (0..200u8).map(|i| ip(&[10, i, 0, 0, 255, 255, 0, 0])).collect();
    let st = state_of(&[&ca_with(&[], &ips)]).unwrap();
    let mut b = Budget::default();
    st.check(&parse(&leaf), true, &mut b).unwrap();
    assert_eq!(b.name_constraint_comparisons, 250_000);
}

// ----- check_name -----

fn named(cert: &[u8], n: NameCheck) -> Result<(), NameConstraintError> {
    check_name(&parse(cert), &n)
}

#[test]
fn dns_names_follow_rfc6125() {
    let c = issue(Spec {
        cn: "",
        dn: vec![(DnType::OrganizationName, "ACME")],
        sans: san_dns(&["Example.com", "*.wild.example.com", "ba*.x.example.com", "foo.*.example.com", "*"]),
        ..Default::default()
    });
    named(&c, NameCheck::Dns("example.COM.".into())).unwrap();
    named(&c, NameCheck::Dns("a.wild.example.com".into())).unwrap();
    assert!(named(&c, NameCheck::Dns("a.b.wild.example.com".into())).is_err());
    assert!(named(&c, NameCheck::Dns("wild.example.com".into())).is_err());
    assert!(named(&c, NameCheck::Dns("baz.x.example.com".into())).is_err());
    assert!(named(&c, NameCheck::Dns("foo.bar.example.com".into())).is_err());
    assert!(named(&c, NameCheck::Dns("com".into())).is_err());
    let idn = named(&c, NameCheck::Dns("bộtàichính.vn".into())).unwrap_err();
    assert_eq!(idn.message.code, codes::NC_INVALID_DNS_NON_ASCII, "{}", idn.message);
    assert!(named(&c, NameCheck::Dns("www.example.com".into())).is_err());
    // no wildcard over a public suffix
    let ps = issue(Spec {
        cn: "",
        dn: vec![(DnType::OrganizationName, "ACME")],
        sans: san_dns(&["*.gov.vn", "*.co.uk", "*.mof.gov.vn"]),
        ..Default::default()
    });
    assert!(named(&ps, NameCheck::Dns("mof.gov.vn".into())).is_err());
    assert!(named(&ps, NameCheck::Dns("example.co.uk".into())).is_err());
    named(&ps, NameCheck::Dns("tct.mof.gov.vn".into())).unwrap();
}

#[test]
fn no_cn_fallback() {
    let no_san = issue(Spec { cn: "example.com", ..Default::default() });
    let e = named(&no_san, NameCheck::Dns("example.com".into())).unwrap_err();
    assert_eq!(e.message.code, codes::NC_NO_SAN, "{}", e.message);
    // the CN is ignored when a SAN is present, whatever it says
    let other_cn =
        issue(Spec { cn: "other.example.com", sans: san_dns(&["example.com"]), ..Default::default() });
    named(&other_cn, NameCheck::Dns("example.com".into())).unwrap();
    assert!(named(&other_cn, NameCheck::Dns("other.example.com".into())).is_err());
}

#[test]
fn cn_must_not_contradict_the_sans() {
    let ip_san = |cn: &'static str, ip: &str| {
        issue(Spec { cn, sans: vec![SanType::IpAddress(ip.parse().unwrap())], ..Default::default() })
    };
    let v4: IpAddr = "192.168.1.1".parse().unwrap();
    named(&ip_san("192.168.1.1", "192.168.1.1"), NameCheck::Ip(v4)).unwrap();
    named(&ip_san("Máy chủ 1", "192.168.1.1"), NameCheck::Ip(v4)).unwrap();
    // another canonical address in the CN is not compared (bettertls does that)
    named(&ip_san("127.0.0.1", "192.168.1.1"), NameCheck::Ip(v4)).unwrap();
    for cn in ["0xC0A80101", "192.168.001.001", "3232235777", "192.168.1"] {
        assert!(named(&ip_san(cn, "192.168.1.1"), NameCheck::Ip(v4)).is_err(), "{cn}");
    }
    let v6: IpAddr = "2001:db8::1".parse().unwrap();
    named(&ip_san("2001:db8::1", "2001:db8::1"), NameCheck::Ip(v6)).unwrap();
    assert!(named(&ip_san("2001:DB8::1", "2001:db8::1"), NameCheck::Ip(v6)).is_err());
    assert!(named(&ip_san("2001:0db8:0:0:0:0:0:1", "2001:db8::1"), NameCheck::Ip(v6)).is_err());
    let case = issue(Spec { cn: "Example.COM", sans: san_dns(&["example.com"]), ..Default::default() });
    assert_eq!(
        named(&case, NameCheck::Dns("example.com".into())).unwrap_err().message.code,
        codes::NC_CN_CASE_DIFFERS
    );
}

#[test]
fn san_criticality_rules() {
    let with_san = |cn: &'static str, critical: bool| {
        let mut params = CertificateParams::default();
        let mut name = DistinguishedName::new();
        if !cn.is_empty() {
            name.push(DnType::CommonName, cn);
        }
        params.distinguished_name = name;
        let mut ext = CustomExtension::from_oid_content(&[2, 5, 29, 17], tlv(0x30, &dns("example.com")));
        ext.set_criticality(critical);
        params.custom_extensions.push(ext);
        params.self_signed(&KeyPair::generate().unwrap()).unwrap().der().to_vec()
    };
    let check = |der: &[u8]| named(der, NameCheck::Dns("example.com".into()));
    // RFC 5280 §4.2.1.6: an empty subject needs a critical SAN
    assert_eq!(
        check(&with_san("", false)).unwrap_err().message.code,
        codes::NC_SUBJECT_EMPTY_SAN_NOT_CRITICAL
    );
    check(&with_san("", true)).unwrap();
    // CA/Browser Forum: a non-empty subject goes with a non-critical SAN
    assert_eq!(check(&with_san("example.com", true)).unwrap_err().message.code, codes::NC_SAN_CRITICAL);
    check(&with_san("example.com", false)).unwrap();
    // a malformed SAN fails the check
    let mut params = CertificateParams::default();
    params
        .custom_extensions
        .push(CustomExtension::from_oid_content(&[2, 5, 29, 17], b"example.com".to_vec()));
    let bad = params.self_signed(&KeyPair::generate().unwrap()).unwrap().der().to_vec();
    assert_eq!(check(&bad).unwrap_err().message.code, codes::NC_MALFORMED_SAN);
}

#[test]
fn ip_names_match_ip_sans_only() {
    let c = issue(Spec {
        cn: "",
        dn: vec![(DnType::OrganizationName, "ACME")],
        sans: [san_dns(&["8.8.8.8"]), vec![SanType::IpAddress("127.0.0.1".parse().unwrap())]].concat(),
        ..Default::default()
    });
    named(&c, NameCheck::Ip("127.0.0.1".parse().unwrap())).unwrap();
    assert!(named(&c, NameCheck::Ip("8.8.8.8".parse().unwrap())).is_err());
    assert!(named(&c, NameCheck::Dns("8.8.8.8".into())).is_err());
}

#[test]
fn email_names_exact_local_part_case_insensitive_domain() {
    let c = issue(Spec {
        cn: "Trần Thị B",
        sans: vec![SanType::Rfc822Name("TranB@Mof.Gov.VN".try_into().unwrap())],
        ..Default::default()
    });
    named(&c, NameCheck::Email("TranB@mof.gov.vn".into())).unwrap();
    assert!(named(&c, NameCheck::Email("tranb@mof.gov.vn".into())).is_err());
    assert!(named(&c, NameCheck::Email("not an email".into())).is_err());
    let attr_only = issue(Spec {
        dn: vec![(DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]), "a@b.vn")],
        ..Default::default()
    });
    named(&attr_only, NameCheck::Email("a@B.vn".into())).unwrap();
}

#[test]
fn mutated_der_never_panics() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x6b79736f);
    let nc_value = nc(
        &[
            dns("example.com"),
            email(".gov.vn"),
            ip(&[10, 0, 0, 0, 255, 0, 0, 0]),
            dir(&[(C, "VN"), (O, "Bộ Tài chính")]),
        ],
        &[uri(".bad.vn"), other_name()],
    );
    let san_value = tlv(
        0x30,
        &[dns("a.example.com"), email("x@y.gov.vn"), ip(&[10, 1, 2, 3]), dir(&[(C, "VN")])].concat(),
    );
    let mut parsed_ok = 0;
    for round in 0..20_000 {
        let base = if round % 2 == 0 { &nc_value } else { &san_value };
        let mut m = base.clone();
        for _ in 0..rng.gen_range(1..4) {
            if m.is_empty() {
                break;
            }
            let i = rng.gen_range(0..m.len());
            match rng.gen_range(0..3) {
                0 => m[i] = rng.r#gen(),
                1 => {
                    m.truncate(i);
                }
                _ => m.insert(i, rng.r#gen()),
            }
        }
        let ok = if round % 2 == 0 {
            der::parse_name_constraints(&m)
                .map(|r| {
                    r.permitted
                        .into_iter()
                        .chain(r.excluded)
                        .flatten()
                        .map(Subtree::from_general_name)
                        .count()
                })
                .is_ok()
        } else {
            der::parse_general_names(&m)
                .map(|names| names.into_iter().filter_map(|n| prepare(n, "test").ok()).count())
                .is_ok()
        };
        parsed_ok += ok as usize;
    }
    // Some mutations keep the structure valid (a changed letter), most do not.
    assert!(parsed_ok > 0 && parsed_ok < 20_000, "{parsed_ok}");
}
