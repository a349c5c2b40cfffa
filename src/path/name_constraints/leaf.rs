//! The name check of the end-entity certificate: is it valid for this DNS name, IP address or
//! email address? (RFC 6125 §6.4 for DNS, RFC 5280 §4.2.1.6 for the name forms.)

use super::der::{self, GeneralName};
use super::matching;
use super::{NameCheck, NameConstraintError, san_extension};
use crate::diag::{Message, codes::path as codes};
use std::net::IpAddr;
use x509_parser::certificate::X509Certificate;

const RULE_DNS: &str = "RFC 6125 §6.4";
const RULE_IP: &str = "RFC 6125 §6.2.1, RFC 5280 §4.2.1.6";
const RULE_EMAIL: &str = "RFC 8550 §3, RFC 5280 §4.2.1.6";
const RULE_SAN: &str = "RFC 5280 §4.2.1.6";
const RULE_CABF: &str = "CA/Browser Forum BR §7.1.4.3";
const RULE_CABF_SAN_CRITICAL: &str = "CA/Browser Forum BR §7.1.2.7.12";

/// Leaf name check (RFC 6125 for DNS: exact or left-most `*.` wildcard label, never partial
/// labels, no wildcard for IP; IP against iPAddress SANs only; email against rfc822Name SANs,
/// exact local part, case-insensitive domain). When the SAN extension is present the subject CN
/// is NOT consulted (CN fallback not supported), and for a DNS name or IP address a certificate
/// without subjectAltName fails.
///
/// For a DNS name or IP address (server identity), a critical subjectAltName is refused when the
/// subject is not empty (CA/Browser Forum BR §7.1.2.7.12; RFC 5280 §4.2.1.6 "SHOULD mark ... as
/// non-critical"). An empty subject with a non-critical subjectAltName always fails (RFC 5280
/// §4.2.1.6: MUST be critical). Of the CA/Browser Forum rule that a commonName must copy a SAN
/// (BR §7.1.4.3), the unambiguous parts are enforced: a commonName that reads as an IP address
/// must be in canonical text form, and one equal to a dNSName SAN up to case must be an exact
/// copy. A commonName that is another host name is not compared (many issuers put a
/// different name there), and it is never used to match.
pub fn check_name(cert: &X509Certificate<'_>, name: &NameCheck) -> Result<(), NameConstraintError> {
    let err = |rule, m: Message| NameConstraintError::new(rule, m);
    let san = match san_extension(cert)? {
        Some(ext) => {
            let names = der::parse_general_names(ext.value)
                .map_err(|e| err(RULE_SAN, Message::new(codes::NC_MALFORMED_SAN).with("detail", e)))?;
            Some((ext.critical, names))
        }
        None => None,
    };
    let subject_empty = cert.subject().iter().next().is_none();
    if subject_empty && san.as_ref().is_some_and(|(critical, _)| !critical) {
        return Err(err(RULE_SAN, codes::NC_SUBJECT_EMPTY_SAN_NOT_CRITICAL.into()));
    }
    match name {
        NameCheck::Dns(reference) => {
            let reference = dns_reference(reference)?;
            let names = server_sans(cert, san, subject_empty, &reference)?;
            let matched = names.iter().any(|n| match n {
                GeneralName::Dns(presented) => dns_matches(presented, &reference),
                _ => false,
            });
            if !matched {
                return Err(err(RULE_DNS, Message::new(codes::NC_DNS_MISMATCH).with("name", reference)));
            }
            Ok(())
        }
        NameCheck::Ip(ip) => {
            let names = server_sans(cert, san, subject_empty, &ip.to_string())?;
            let octets = match ip {
                IpAddr::V4(v4) => v4.octets().to_vec(),
                IpAddr::V6(v6) => v6.octets().to_vec(),
            };
            let matched = names.iter().any(|n| matches!(n, GeneralName::Ip(b) if *b == octets));
            if !matched {
                return Err(err(RULE_IP, Message::new(codes::NC_IP_MISMATCH).with("ip", ip)));
            }
            Ok(())
        }
        NameCheck::Email(reference) => {
            let (local, domain) = matching::mailbox(reference).ok_or_else(|| {
                err(RULE_EMAIL, Message::new(codes::NC_INVALID_EMAIL).with("name", reference))
            })?;
            let matched = match &san {
                Some((_, names)) => names.iter().any(|n| match n {
                    GeneralName::Rfc822(s) => {
                        matching::mailbox(s).is_some_and(|(l, d)| l == local && d == domain)
                    }
                    _ => false,
                }),
                None => cert.subject().iter_email().any(|a| {
                    a.as_str()
                        .ok()
                        .and_then(matching::mailbox)
                        .is_some_and(|(l, d)| l == local && d == domain)
                }),
            };
            if !matched {
                return Err(err(RULE_EMAIL, Message::new(codes::NC_EMAIL_MISMATCH).with("name", reference)));
            }
            Ok(())
        }
    }
}

/// A reference DNS name: a host name (one trailing dot allowed), lowercased; an IP address
/// written as a DNS name is refused (RFC 6125 §6.2.1 matches IPs against iPAddress only).
fn dns_reference(reference: &str) -> Result<String, NameConstraintError> {
    let r = reference.strip_suffix('.').unwrap_or(reference).to_ascii_lowercase();
    if r.parse::<IpAddr>().is_ok() {
        return Err(NameConstraintError::new(
            RULE_DNS,
            Message::new(codes::NC_DNS_IS_IP).with("name", reference),
        ));
    }
    if !matching::is_hostname(&r) {
        let code = if reference.is_ascii() { codes::NC_INVALID_DNS } else { codes::NC_INVALID_DNS_NON_ASCII };
        return Err(NameConstraintError::new(RULE_DNS, Message::new(code).with("name", reference)));
    }
    Ok(r)
}

/// RFC 6125 §6.4: exact (case-insensitive) match, or a presented `*.base` matching exactly one
/// left-most label. Presented names that are not valid host names (underscores, non-ASCII,
/// partial-label or non-left-most wildcards, `*` alone, `*.tld`) never match, nor do wildcards
/// over a public suffix of the Public Suffix List (`*.gov.vn`, `*.co.uk`).
fn dns_matches(presented: &str, reference: &str) -> bool {
    match matching::presented_dns(presented) {
        Some((name, false)) => name == reference,
        // CA/Browser Forum BR §3.2.2.6: no wildcard over a public suffix (*.gov.vn, *.co.uk).
        Some((base, true)) if matching::is_public_suffix(&base) => false,
        Some((base, true)) => {
            reference.split_once('.').is_some_and(|(label, rest)| !label.is_empty() && rest == base)
        }
        None => false,
    }
}

/// The subjectAltName entries for a server identity check, after the CA/Browser Forum checks.
fn server_sans(
    cert: &X509Certificate<'_>,
    san: Option<(bool, Vec<GeneralName>)>,
    subject_empty: bool,
    what: &str,
) -> Result<Vec<GeneralName>, NameConstraintError> {
    let Some((critical, names)) = san else {
        return Err(NameConstraintError::new(RULE_DNS, Message::new(codes::NC_NO_SAN).with("name", what)));
    };
    if critical && !subject_empty {
        return Err(NameConstraintError::new(RULE_CABF_SAN_CRITICAL, codes::NC_SAN_CRITICAL));
    }
    // CA/Browser Forum BR §7.1.4.3: a commonName holding an address or host name must be the
    // exact text of a SAN. Enforced where it cannot be mistaken for anything else: a commonName
    // that reads as an IP address (including legacy inet_aton forms such as 0xC0A80101 or
    // 192.168.001.001) must be in canonical form (dotted decimal, RFC 5952), and one that equals
    // a dNSName SAN up to case must equal it exactly. The commonName is never used to match.
    for attr in cert.subject().iter_common_name() {
        let Ok(cn) = attr.as_str() else { continue };
        if ip_like(cn) {
            let canonical = cn.parse::<IpAddr>().is_ok_and(|ip| ip.to_string() == cn);
            if !canonical {
                return Err(NameConstraintError::new(
                    RULE_CABF,
                    Message::new(codes::NC_CN_IP_NOT_CANONICAL).with("cn", cn),
                ));
            }
        } else if names
            .iter()
            .any(|n| matches!(n, GeneralName::Dns(d) if d.eq_ignore_ascii_case(cn) && d != cn))
        {
            return Err(NameConstraintError::new(
                RULE_CABF,
                Message::new(codes::NC_CN_CASE_DIFFERS).with("cn", cn),
            ));
        }
    }
    Ok(names)
}

/// The text reads as an IP address: an IPv4 or IPv6 address in any form Rust accepts, or an
/// inet_aton(3)-style IPv4 form (1 to 4 dot-separated parts, each decimal or 0x-hexadecimal).
fn ip_like(s: &str) -> bool {
    if s.parse::<IpAddr>().is_ok() {
        return true;
    }
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() <= 4
        && parts.iter().all(|p| {
            let hex = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X"));
            match hex {
                Some(h) => !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()),
                None => !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()),
            }
        })
}
