//! Per-form syntax checks and subtree matching (RFC 5280 §4.2.1.10, §7.1-§7.5).

use super::der::DirName;

/// A host name in the preferred name syntax of RFC 1034 §3.5 as relaxed by RFC 1123 §2.1
/// (labels may start with a digit): ASCII letters, digits and inner hyphens, labels of 1-63
/// octets, at most 253 octets, no trailing dot.
pub(super) fn is_hostname(s: &str) -> bool {
    if s.is_empty() || s.len() > 253 {
        return false;
    }
    s.split('.').all(is_label)
}

fn is_label(l: &str) -> bool {
    !l.is_empty()
        && l.len() <= 63
        && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !l.starts_with('-')
        && !l.ends_with('-')
}

/// A dNSName as it may appear in a subjectAltName: a host name, or `*.` followed by a host
/// name of at least two labels (RFC 6125 §6.4.3; no partial-label wildcards).
/// Returns the name lowercased and whether it is a wildcard.
pub(super) fn presented_dns(s: &str) -> Option<(String, bool)> {
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("*.") {
        (is_hostname(rest) && rest.contains('.')).then(|| (rest.to_string(), true))
    } else {
        is_hostname(&lower).then_some((lower, false))
    }
}

/// `domain` (a lowercase host name) is itself a public suffix: a known rule of the Public Suffix
/// List, ICANN or private section (`gov.vn`, `co.uk`, `s3.amazonaws.com`). Names under TLDs the
/// list does not know (`localhost`, internal zones) are not public suffixes.
pub(super) fn is_public_suffix(domain: &str) -> bool {
    psl::suffix(domain.as_bytes()).is_some_and(|s| s.is_known() && s.as_bytes() == domain.as_bytes())
}

/// A dNSName constraint (RFC 5280 §4.2.1.10): a host name, or empty (matches every name).
/// A leading period or a wildcard is malformed for dNSName (the "." convention exists only
/// for URI and rfc822Name constraints).
pub(super) fn dns_constraint(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    if lower.is_empty() {
        return Some(lower);
    }
    let ok = lower.len() <= 253
        && lower.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    ok.then_some(lower)
}

/// `name` (lowercase host) is `constraint` or a subdomain of it: "any DNS name that can be
/// constructed by simply adding zero or more labels to the left-hand side" (§4.2.1.10).
pub(super) fn dns_within(name: &str, constraint: &str) -> bool {
    if constraint.is_empty() || name == constraint {
        return true;
    }
    name.len() > constraint.len()
        && name.ends_with(constraint)
        && name.as_bytes().get(name.len() - constraint.len() - 1) == Some(&b'.')
}

/// Every name a wildcard `*.base` stands for is within `constraint`
/// (permittedSubtrees: the whole wildcard must be inside).
pub(super) fn wildcard_all_within(base: &str, constraint: &str) -> bool {
    dns_within(base, constraint)
}

/// Some name a wildcard `*.base` stands for is within `constraint` (excludedSubtrees: a
/// wildcard that could be presented for an excluded name is excluded; CVE-2025-61727).
pub(super) fn wildcard_any_within(base: &str, constraint: &str) -> bool {
    if dns_within(base, constraint) {
        return true;
    }
    // constraint = <one label>.base
    let Some(label_end) = constraint.len().checked_sub(base.len() + 1) else {
        return false;
    };
    label_end > 0
        && constraint.ends_with(base)
        && constraint.as_bytes().get(label_end) == Some(&b'.')
        && constraint.get(..label_end).is_some_and(|label| !label.contains('.'))
}

/// A mailbox `local@domain` (RFC 5280 §4.2.1.6: addr-spec of RFC 5322 §3.4.1). The local part
/// is kept as is (compared exactly), the domain lowercased. Quoted local parts containing `@`
/// are not supported: exactly one `@` is required.
pub(super) fn mailbox(s: &str) -> Option<(String, String)> {
    let (local, domain) = s.split_once('@')?;
    if local.is_empty() || domain.contains('@') || !local.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    let domain = domain.to_ascii_lowercase();
    is_hostname(&domain).then(|| (local.to_string(), domain))
}

/// An rfc822Name constraint (RFC 5280 §4.2.1.10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum EmailConstraint {
    /// A particular mailbox: exact local part, case-insensitive domain.
    Mailbox(String, String),
    /// All mailboxes on a host.
    Host(String),
    /// All mailboxes on hosts in a domain (`.example.com`: subdomains only).
    Domain(String),
}

pub(super) fn email_constraint(s: &str) -> Option<EmailConstraint> {
    if s.contains('@') {
        let (l, d) = mailbox(s)?;
        Some(EmailConstraint::Mailbox(l, d))
    } else if let Some(rest) = s.strip_prefix('.') {
        let rest = rest.to_ascii_lowercase();
        is_hostname(&rest).then_some(EmailConstraint::Domain(rest))
    } else {
        let host = s.to_ascii_lowercase();
        is_hostname(&host).then_some(EmailConstraint::Host(host))
    }
}

pub(super) fn email_within(local: &str, domain: &str, c: &EmailConstraint) -> bool {
    match c {
        EmailConstraint::Mailbox(l, d) => local == l && domain == d,
        EmailConstraint::Host(h) => domain == h,
        EmailConstraint::Domain(d) => domain.len() > d.len() + 1 && dns_within(domain, d),
    }
}

/// A URI constraint (RFC 5280 §4.2.1.10): a host (exact), or `.domain` (any host in it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum UriConstraint {
    Host(String),
    Domain(String),
}

pub(super) fn uri_constraint(s: &str) -> Option<UriConstraint> {
    if let Some(rest) = s.strip_prefix('.') {
        let rest = rest.to_ascii_lowercase();
        is_hostname(&rest).then_some(UriConstraint::Domain(rest))
    } else {
        let host = s.to_ascii_lowercase();
        is_hostname(&host).then_some(UriConstraint::Host(host))
    }
}

/// The host of a URI (RFC 3986 §3.2.2) as a lowercase host name. None when the URI has no
/// authority, or its host is an IP literal or not a host name: RFC 5280 §4.2.1.10 constraints
/// apply to the host part, so such URIs cannot be checked and fail when URI constraints apply.
pub(super) fn uri_host(uri: &str) -> Option<String> {
    let (scheme, rest) = uri.split_once("://")?;
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if hostport.starts_with('[') {
        return None;
    }
    let host = match hostport.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        Some(_) => return None,
        None => hostport,
    };
    let host = host.to_ascii_lowercase();
    (is_hostname(&host) && host.parse::<std::net::Ipv4Addr>().is_err()).then_some(host)
}

pub(super) fn uri_within(host: &str, c: &UriConstraint) -> bool {
    match c {
        UriConstraint::Host(h) => host == h,
        UriConstraint::Domain(d) => host.len() > d.len() + 1 && dns_within(host, d),
    }
}

/// An iPAddress constraint: address and contiguous mask of the same family (RFC 5280
/// §4.2.1.10: 8 octets for IPv4, 32 for IPv6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct IpConstraint {
    pub addr: Vec<u8>,
    pub mask: Vec<u8>,
}

pub(super) fn ip_constraint(bytes: &[u8]) -> Option<IpConstraint> {
    if bytes.len() != 8 && bytes.len() != 32 {
        return None;
    }
    let (addr, mask) = bytes.split_at(bytes.len() / 2);
    // The mask must be a CIDR prefix: ones then zeros.
    let mut seen_zero = false;
    for byte in mask {
        for bit in (0..8).rev() {
            let one = byte & (1 << bit) != 0;
            if one && seen_zero {
                return None;
            }
            seen_zero |= !one;
        }
    }
    Some(IpConstraint { addr: addr.to_vec(), mask: mask.to_vec() })
}

pub(super) fn ip_within(addr: &[u8], c: &IpConstraint) -> bool {
    addr.len() == c.addr.len() && addr.iter().zip(&c.addr).zip(&c.mask).all(|((a, b), m)| a & m == b & m)
}

/// `name` is within the subtree `constraint`: the constraint's RDNs are a prefix of the
/// name's (RFC 5280 §4.2.1.10), each RDN compared with the §7.1 rules of [`crate::name`] (the
/// same comparison as name chaining). None when x509-parser cannot read one of the names.
pub(super) fn dn_within(name: &DirName, constraint: &DirName) -> Option<bool> {
    use x509_parser::prelude::FromDer;
    let (_, n) = x509_parser::x509::X509Name::from_der(&name.der).ok()?;
    let (_, c) = x509_parser::x509::X509Name::from_der(&constraint.der).ok()?;
    Some(crate::name::is_prefix(&c, &n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_subtrees_add_labels_on_the_left_only() {
        assert!(dns_within("example.com", "example.com"));
        assert!(dns_within("www.host.example.com", "host.example.com"));
        assert!(!dns_within("host1.example.com", "host.example.com"));
        assert!(!dns_within("notexample.com", "example.com"));
        assert!(dns_within("anything.vn", ""));
        assert_eq!(dns_constraint(".example.com"), None);
        assert_eq!(dns_constraint("*.example.com"), None);
        assert_eq!(dns_constraint("Example.COM").as_deref(), Some("example.com"));
    }

    #[test]
    fn wildcards_against_constraints() {
        // permitted foo.com covers *.foo.com; permitted foo.example.com does not cover *.example.com
        assert!(wildcard_all_within("foo.com", "foo.com"));
        assert!(!wildcard_all_within("example.com", "foo.example.com"));
        // excluded bar.example.com could be presented through *.example.com
        assert!(wildcard_any_within("example.com", "bar.example.com"));
        assert!(!wildcard_any_within("example.com", "a.bar.example.com"));
        assert!(wildcard_any_within("a.example.com", "example.com"));
        assert_eq!(presented_dns("*.Example.com"), Some(("example.com".into(), true)));
        assert_eq!(presented_dns("*.com"), None);
        assert_eq!(presented_dns("ba*.example.com"), None);
        assert_eq!(presented_dns(".example.com"), None);
        assert_eq!(presented_dns("foo_bar.example.com"), None);
    }

    #[test]
    fn public_suffixes() {
        for ps in ["vn", "gov.vn", "com.vn", "co.uk", "s3.amazonaws.com", "com"] {
            assert!(is_public_suffix(ps), "{ps}");
        }
        for not in ["mof.gov.vn", "example.com", "test.localhost", "localhost"] {
            assert!(!is_public_suffix(not), "{not}");
        }
    }

    #[test]
    fn email_constraint_forms() {
        let m = email_constraint("*@example.com").unwrap();
        assert!(email_within("*", "example.com", &m));
        assert!(!email_within("user", "example.com", &m));
        let h = email_constraint("Example.com").unwrap();
        assert!(email_within("a", "example.com", &h));
        assert!(!email_within("a", "sub.example.com", &h));
        let d = email_constraint(".example.com").unwrap();
        assert!(email_within("a", "sub.example.com", &d));
        assert!(!email_within("a", "example.com", &d));
        assert_eq!(email_constraint("invalid@invalid@example.com"), None);
        assert_eq!(mailbox("a@b@example.com"), None);
    }

    #[test]
    fn uri_hosts() {
        assert_eq!(uri_host("https://user@Host.Example.com:8443/x?y").as_deref(), Some("host.example.com"));
        assert_eq!(uri_host("urn:isbn:123"), None);
        assert_eq!(uri_host("http://[::1]/"), None);
        assert_eq!(uri_host("http://10.0.0.1/"), None);
        let c = uri_constraint(".example.com").unwrap();
        assert!(uri_within("a.example.com", &c));
        assert!(!uri_within("example.com", &c));
        assert!(!uri_within("a.example.com", &uri_constraint("example.com").unwrap()));
    }

    #[test]
    fn ip_masks_must_be_cidr() {
        assert!(ip_constraint(&[192, 0, 2, 0, 255, 255, 255, 0]).is_some());
        assert!(ip_constraint(&[192, 0, 2, 0, 255, 0, 255, 0]).is_none());
        assert!(ip_constraint(&[127, 0, 0, 1]).is_none());
        let c = ip_constraint(&[192, 0, 2, 0, 255, 255, 255, 0]).unwrap();
        assert!(ip_within(&[192, 0, 2, 77], &c));
        assert!(!ip_within(&[192, 0, 3, 1], &c));
        assert!(!ip_within(&[0; 16], &c));
    }
}
