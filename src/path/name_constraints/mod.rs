//! Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)-(c), §6.1.4 (g)) and the optional name check of
//! the end-entity certificate (DNS name, IP address, email).
//!
//! Decisions, each checked against x509-limbo's expectations:
//! - the subject commonName is never treated as a dNSName for name constraints: a certificate
//!   without subjectAltName cannot pass a DNS or IP [`check_name`] (no CN fallback), so a name
//!   hidden in the CN cannot be used to get around a constraint;
//! - subject emailAddress attributes are always checked as rfc822Name (RFC 5280 requires it when
//!   there is no subjectAltName; kyso also does it when there is one);
//! - a wildcard dNSName `*.b` is permitted only when every name it stands for is permitted, and is
//!   excluded when any of them is excluded (CVE-2025-61727);
//! - names of a form with constraints must be well formed (a malformed dNSName, mailbox, URI or
//!   iPAddress under a constraint of its form fails), and name forms kyso does not process
//!   (otherName, x400Address, ediPartyName, registeredID) fail only when the certificate has a
//!   name of a constrained form (§4.2.1.10: "MUST either process the constraint or reject");
//! - the extension must be critical (§4.2.1.10 "Conforming CAs MUST mark this extension as
//!   critical"; the CA/Browser Forum's non-critical allowance is not followed), non-empty, with
//!   `minimum` 0 and no `maximum`, and may appear only in CA certificates.

mod der;
mod leaf;
mod matching;

pub use leaf::check_name;

use crate::crypto::oids::same;
use crate::diag::{Message, codes::path as codes};
use crate::path::Budget;
use der::{Form, GeneralName};
use matching::{EmailConstraint, IpConstraint, UriConstraint};
use std::net::IpAddr;
use std::sync::Arc;
use x509_parser::certificate::X509Certificate;
use x509_parser::oid_registry::{
    OID_X509_EXT_NAME_CONSTRAINTS as OID_NC, OID_X509_EXT_SUBJECT_ALT_NAME as OID_SAN,
};

/// A name the end-entity certificate must be valid for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NameCheck {
    /// A DNS name (matched against dNSName SANs, RFC 6125 wildcard rules).
    Dns(String),
    /// An IP address (matched against iPAddress SANs).
    Ip(IpAddr),
    /// An email address (rfc822Name SANs, or emailAddress in the subject when there is no SAN).
    Email(String),
}

/// A name-constraint (or name check) failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameConstraintError {
    /// The rule that failed (`RFC 5280 §6.1.3 (b)`).
    pub rule: &'static str,
    /// What went wrong, naming the offending name and constraint.
    pub message: Message,
    /// True when the name-constraint comparison budget ran out (hostile input).
    pub budget_exceeded: bool,
}

impl NameConstraintError {
    fn new(rule: &'static str, message: impl Into<Message>) -> Self {
        NameConstraintError { rule, message: message.into(), budget_exceeded: false }
    }
}

impl std::fmt::Display for NameConstraintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}]", self.message, self.rule)
    }
}

impl std::error::Error for NameConstraintError {}

const RULE_SYNTAX: &str = "RFC 5280 §4.2.1.10";
const RULE_PERMITTED: &str = "RFC 5280 §6.1.3 (b)";
const RULE_EXCLUDED: &str = "RFC 5280 §6.1.3 (c)";
const RULE_EXTENSIONS: &str = "RFC 5280 §4.2";
const RULE_SAN: &str = "RFC 5280 §4.2.1.6";
const RULE_BUDGET: &str = "name-constraint comparison budget";

/// One subtree base, validated and normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Subtree {
    Dns(String),
    Email(EmailConstraint),
    Uri(UriConstraint),
    Ip(IpConstraint),
    Directory(der::DirName),
    /// A form kyso does not process: any name of this form fails.
    Unsupported(Form),
}

impl Subtree {
    fn form(&self) -> Form {
        match self {
            Subtree::Dns(_) => Form::Dns,
            Subtree::Email(_) => Form::Rfc822,
            Subtree::Uri(_) => Form::Uri,
            Subtree::Ip(_) => Form::Ip,
            Subtree::Directory(_) => Form::Directory,
            Subtree::Unsupported(f) => *f,
        }
    }

    fn from_general_name(name: GeneralName) -> Result<Self, Message> {
        Ok(match name {
            GeneralName::Dns(s) => Subtree::Dns(
                matching::dns_constraint(&s)
                    .ok_or_else(|| Message::new(codes::NC_MALFORMED_DNS_CONSTRAINT).with("value", &s))?,
            ),
            GeneralName::Rfc822(s) => Subtree::Email(
                matching::email_constraint(&s)
                    .ok_or_else(|| Message::new(codes::NC_MALFORMED_EMAIL_CONSTRAINT).with("value", &s))?,
            ),
            GeneralName::Uri(s) => Subtree::Uri(
                matching::uri_constraint(&s)
                    .ok_or_else(|| Message::new(codes::NC_MALFORMED_URI_CONSTRAINT).with("value", &s))?,
            ),
            GeneralName::Ip(b) => Subtree::Ip(matching::ip_constraint(&b).ok_or_else(|| {
                Message::new(codes::NC_MALFORMED_IP_CONSTRAINT)
                    .with("octets", b.len())
                    .with("hex", hex::encode(&b))
            })?),
            GeneralName::Directory(d) => Subtree::Directory(d),
            GeneralName::Unsupported(f) => Subtree::Unsupported(f),
        })
    }

    fn describe(&self) -> String {
        match self {
            Subtree::Dns(s) => format!("dNSName '{s}'"),
            Subtree::Email(EmailConstraint::Mailbox(l, d)) => format!("rfc822Name '{l}@{d}'"),
            Subtree::Email(EmailConstraint::Host(h)) => format!("rfc822Name '{h}'"),
            Subtree::Email(EmailConstraint::Domain(d)) => format!("rfc822Name '.{d}'"),
            Subtree::Uri(UriConstraint::Host(h)) => format!("URI '{h}'"),
            Subtree::Uri(UriConstraint::Domain(d)) => format!("URI '.{d}'"),
            Subtree::Ip(c) => format!("iPAddress {}", describe_ip_constraint(c)),
            Subtree::Directory(d) => format!("directoryName {}", describe_dn(d)),
            Subtree::Unsupported(f) => f.label().to_string(),
        }
    }
}

fn describe_ip_constraint(c: &IpConstraint) -> String {
    let prefix: u32 = c.mask.iter().map(|b| b.count_ones()).sum();
    match ip_of(&c.addr) {
        Some(ip) => format!("{ip}/{prefix}"),
        None => hex::encode(&c.addr),
    }
}

fn ip_of(bytes: &[u8]) -> Option<IpAddr> {
    match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes).ok().map(IpAddr::from),
        16 => <[u8; 16]>::try_from(bytes).ok().map(IpAddr::from),
        _ => None,
    }
}

fn describe_dn(d: &der::DirName) -> String {
    if d.rdns.is_empty() {
        return "(empty)".into();
    }
    d.rdns
        .iter()
        .map(|rdn| {
            rdn.iter()
                .map(|a| match &a.text {
                    Some(t) => format!("{}={t}", attr_short_name(&a.oid)),
                    None => format!("{}=#…", attr_short_name(&a.oid)),
                })
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn attr_short_name(oid: &[u8]) -> &'static str {
    match oid {
        [0x55, 0x04, 0x03] => "CN",
        [0x55, 0x04, 0x05] => "serialNumber",
        [0x55, 0x04, 0x06] => "C",
        [0x55, 0x04, 0x07] => "L",
        [0x55, 0x04, 0x08] => "ST",
        [0x55, 0x04, 0x0a] => "O",
        [0x55, 0x04, 0x0b] => "OU",
        [0x55, 0x04, 0x0c] => "title",
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01] => "UID",
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19] => "DC",
        [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01] => "emailAddress",
        _ => "attribute",
    }
}

/// The name-constraint state of §6.1.2 (b)-(c): permitted_subtrees (as the list of every
/// permittedSubtrees met so far; a name must fall in each one that constrains its form, which
/// is exactly the intersection of §6.1.4 (g)(i)) and excluded_subtrees (their union, §6.1.4
/// (g)(ii)). Cheap to clone (shared subtrees), as path building forks it at every candidate.
#[derive(Clone, Debug, Default)]
pub struct NameConstraintsState {
    permitted_subtrees: Vec<Arc<Group>>,
    excluded_subtrees: Vec<Arc<Group>>,
}

/// The subtrees of one permittedSubtrees or excludedSubtrees field, grouped by name form, so a
/// name is only ever looked at next to subtrees of its own form (every such comparison is
/// counted against the budget; nothing else grows with hostile input).
#[derive(Debug)]
struct Group {
    by_form: Vec<(Form, Vec<Subtree>)>,
}

impl Group {
    fn new(subtrees: Vec<Subtree>) -> Self {
        let mut by_form: Vec<(Form, Vec<Subtree>)> = Vec::new();
        for sub in subtrees {
            let form = sub.form();
            match by_form.iter_mut().find(|(f, _)| *f == form) {
                Some((_, v)) => v.push(sub),
                None => by_form.push((form, vec![sub])),
            }
        }
        Group { by_form }
    }

    fn of(&self, form: Form) -> &[Subtree] {
        self.by_form.iter().find(|(f, _)| *f == form).map(|(_, v)| v.as_slice()).unwrap_or(&[])
    }
}

/// A name of a certificate, prepared for the checks.
enum CertName {
    Dns { name: String, wildcard: bool },
    Email { local: String, domain: String },
    Uri(String),
    Ip(Vec<u8>),
    Directory(der::DirName),
}

/// The raw subjectAltName value: None when absent; an error when present twice.
pub(super) fn san_extension<'a>(
    cert: &'a X509Certificate<'_>,
) -> Result<Option<&'a x509_parser::extensions::X509Extension<'a>>, NameConstraintError> {
    let mut found = cert.extensions().iter().filter(|e| same(&e.oid, &OID_SAN));
    let first = found.next();
    if found.next().is_some() {
        return Err(NameConstraintError::new(RULE_EXTENSIONS, codes::NC_SAN_DUPLICATE));
    }
    Ok(first)
}

impl NameConstraintsState {
    /// permitted_subtrees unbounded for every name form, excluded_subtrees empty
    /// (RFC 5280 §6.1.2 (b), (c)).
    pub fn new() -> Self {
        Self::default()
    }

    /// True when no constraint has been met yet.
    pub fn is_unconstrained(&self) -> bool {
        self.permitted_subtrees.is_empty() && self.excluded_subtrees.is_empty()
    }

    fn constrains(&self, form: Form) -> bool {
        self.permitted_subtrees.iter().chain(&self.excluded_subtrees).any(|g| !g.of(form).is_empty())
    }

    /// §6.1.3 (b), (c): check certificate i's subject DN, subject emailAddress attributes (as
    /// rfc822Name) and subjectAltName (dNSName, rfc822Name, iPAddress, directoryName, URI) against
    /// the state. The caller skips this for self-issued certificates that are not the end entity
    /// (§6.1.3 (b)). Counts comparisons against `budget`
    /// ([`Budget::consume_name_constraint_comparisons`]).
    ///
    /// Also rejects a nameConstraints extension in an end-entity certificate that is not a CA
    /// (§4.2.1.10: "MUST be used only in a CA certificate").
    pub fn check(
        &self,
        cert: &X509Certificate<'_>,
        is_end_entity: bool,
        budget: &mut Budget,
    ) -> Result<(), NameConstraintError> {
        if is_end_entity && !cert.is_ca() && cert.extensions().iter().any(|e| same(&e.oid, &OID_NC)) {
            return Err(NameConstraintError::new(RULE_SYNTAX, codes::NC_IN_END_ENTITY));
        }
        if self.is_unconstrained() {
            return Ok(());
        }
        for name in self.collect_names(cert)? {
            self.check_one(&name, budget)?;
        }
        Ok(())
    }

    /// Every name of `cert` of a form the state constrains, prepared; a malformed name of a
    /// constrained form, or a name of an unsupported constrained form, is an error.
    fn collect_names(&self, cert: &X509Certificate<'_>) -> Result<Vec<CertName>, NameConstraintError> {
        let mut out = Vec::new();
        let subject = cert.subject();
        if self.constrains(Form::Directory) && subject.iter().next().is_some() {
            // §4.2.1.10: directoryName constraints apply to a non-empty subject field.
            let dn = der::parse_name(subject.as_raw()).map_err(|e| {
                NameConstraintError::new(
                    RULE_SYNTAX,
                    Message::new(codes::NC_MALFORMED_SUBJECT).with("detail", e),
                )
            })?;
            out.push(CertName::Directory(dn));
        }
        if self.constrains(Form::Rfc822) {
            for attr in subject.iter_email() {
                let value = attr
                    .as_str()
                    .map_err(|_| NameConstraintError::new(RULE_SYNTAX, codes::NC_EMAIL_NOT_STRING))?;
                out.push(prepare(GeneralName::Rfc822(value.to_string()), "subject emailAddress")?);
            }
        }
        if let Some(ext) = san_extension(cert)? {
            let names = der::parse_general_names(ext.value).map_err(|e| {
                NameConstraintError::new(RULE_SAN, Message::new(codes::NC_MALFORMED_SAN).with("detail", e))
            })?;
            for name in names {
                let form = name.form();
                if !self.constrains(form) {
                    continue;
                }
                if let GeneralName::Unsupported(f) = name {
                    return Err(NameConstraintError::new(
                        RULE_SYNTAX,
                        Message::new(codes::NC_UNSUPPORTED_FORM).with("form", f.label()),
                    ));
                }
                out.push(prepare(name, "subjectAltName")?);
            }
        }
        Ok(out)
    }

    fn check_one(&self, name: &CertName, budget: &mut Budget) -> Result<(), NameConstraintError> {
        let form = match name {
            CertName::Dns { .. } => Form::Dns,
            CertName::Email { .. } => Form::Rfc822,
            CertName::Uri(_) => Form::Uri,
            CertName::Ip(_) => Form::Ip,
            CertName::Directory(_) => Form::Directory,
        };
        let spend = |budget: &mut Budget, n: usize| {
            budget.consume_name_constraint_comparisons(n).map_err(|e| NameConstraintError {
                rule: RULE_BUDGET,
                message: Message::new(codes::NC_BUDGET).with("limit", e.limit),
                budget_exceeded: true,
            })
        };
        for group in &self.excluded_subtrees {
            for sub in group.of(form) {
                spend(budget, 1)?;
                if within(name, sub, true) {
                    return Err(NameConstraintError::new(
                        RULE_EXCLUDED,
                        Message::new(codes::NC_EXCLUDED)
                            .with("name", describe_name(name))
                            .with("subtree", sub.describe()),
                    ));
                }
            }
        }
        for group in &self.permitted_subtrees {
            let of_form = group.of(form);
            if of_form.is_empty() {
                continue; // no constraint on this form from that certificate
            }
            let mut count = 0usize;
            let mut ok = false;
            for sub in of_form {
                count += 1;
                if within(name, sub, false) {
                    ok = true;
                    break;
                }
            }
            spend(budget, count)?;
            if !ok {
                return Err(NameConstraintError::new(
                    RULE_PERMITTED,
                    Message::new(codes::NC_NOT_PERMITTED).with("name", describe_name(name)),
                ));
            }
        }
        Ok(())
    }

    /// §6.1.4 (g): intersect permitted with the cert's permittedSubtrees, union excluded with
    /// excludedSubtrees. Rejects a nameConstraints extension that is malformed, non-critical,
    /// duplicated, empty, or has a `minimum` other than 0 or a `maximum` (RFC 5280 §4.2.1.10:
    /// MUST be 0 / absent). Unsupported name forms in constraints (otherName, x400Address,
    /// ediPartyName, registeredID) make a later certificate fail only when it has a name of that
    /// form.
    pub fn update(&mut self, cert: &X509Certificate<'_>) -> Result<(), NameConstraintError> {
        self.update_with(cert, true)
    }

    /// [`update`](Self::update), with the criticality rule (RFC 5280 §4.2.1.10: conforming CAs
    /// MUST mark the extension critical) applied only when `require_critical`; otherwise a
    /// non-critical nameConstraints is applied like a critical one (the `document` validation
    /// profile reports it as a warning instead).
    pub fn update_with(
        &mut self,
        cert: &X509Certificate<'_>,
        require_critical: bool,
    ) -> Result<(), NameConstraintError> {
        let mut exts = cert.extensions().iter().filter(|e| same(&e.oid, &OID_NC));
        let Some(ext) = exts.next() else {
            return Ok(());
        };
        if exts.next().is_some() {
            return Err(NameConstraintError::new(RULE_EXTENSIONS, codes::NC_DUPLICATE));
        }
        if require_critical && !ext.critical {
            return Err(NameConstraintError::new(RULE_SYNTAX, codes::NC_NOT_CRITICAL));
        }
        let raw = der::parse_name_constraints(ext.value).map_err(|e| {
            NameConstraintError::new(RULE_SYNTAX, Message::new(codes::NC_MALFORMED).with("detail", e))
        })?;
        let convert = |names: Vec<GeneralName>| -> Result<Arc<Group>, NameConstraintError> {
            let subtrees = names
                .into_iter()
                .map(|n| Subtree::from_general_name(n).map_err(|m| NameConstraintError::new(RULE_SYNTAX, m)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Arc::new(Group::new(subtrees)))
        };
        let permitted = raw.permitted.map(convert).transpose()?;
        let excluded = raw.excluded.map(convert).transpose()?;
        if let Some(p) = permitted {
            self.permitted_subtrees.push(p);
        }
        if let Some(e) = excluded {
            self.excluded_subtrees.push(e);
        }
        Ok(())
    }
}

/// Validate and normalise one name of a constrained form.
fn prepare(name: GeneralName, place: &str) -> Result<CertName, NameConstraintError> {
    let bad = |what: String| {
        NameConstraintError::new(
            RULE_SYNTAX,
            Message::new(codes::NC_MALFORMED_NAME).with("place", place).with("name", what),
        )
    };
    Ok(match name {
        GeneralName::Dns(s) => match matching::presented_dns(&s) {
            Some((name, wildcard)) => CertName::Dns { name, wildcard },
            None => return Err(bad(format!("dNSName '{s}'"))),
        },
        GeneralName::Rfc822(s) => match matching::mailbox(&s) {
            Some((local, domain)) => CertName::Email { local, domain },
            None => return Err(bad(format!("rfc822Name '{s}'"))),
        },
        GeneralName::Uri(s) => match matching::uri_host(&s) {
            Some(h) => CertName::Uri(h),
            None => return Err(bad(format!("URI '{s}'"))),
        },
        GeneralName::Ip(b) if b.len() == 4 || b.len() == 16 => CertName::Ip(b),
        GeneralName::Ip(b) => return Err(bad(format!("iPAddress ({} octets)", b.len()))),
        GeneralName::Directory(d) => CertName::Directory(d),
        GeneralName::Unsupported(f) => return Err(bad(f.label().to_string())),
    })
}

fn describe_name(name: &CertName) -> String {
    match name {
        CertName::Dns { name, wildcard: true } => format!("dNSName '*.{name}'"),
        CertName::Dns { name, .. } => format!("dNSName '{name}'"),
        CertName::Email { local, domain } => format!("rfc822Name '{local}@{domain}'"),
        CertName::Uri(h) => format!("URI host '{h}'"),
        CertName::Ip(b) => match ip_of(b) {
            Some(ip) => format!("iPAddress {ip}"),
            None => "iPAddress".into(),
        },
        CertName::Directory(d) => format!("directoryName {}", describe_dn(d)),
    }
}

/// `name` is within subtree `sub`. For excluded subtrees a wildcard counts when any name it
/// stands for is inside; for permitted subtrees only when all are.
fn within(name: &CertName, sub: &Subtree, excluded: bool) -> bool {
    match (name, sub) {
        (CertName::Dns { name, wildcard: false }, Subtree::Dns(c)) => matching::dns_within(name, c),
        (CertName::Dns { name, wildcard: true }, Subtree::Dns(c)) => {
            if excluded {
                matching::wildcard_any_within(name, c)
            } else {
                matching::wildcard_all_within(name, c)
            }
        }
        (CertName::Email { local, domain }, Subtree::Email(c)) => matching::email_within(local, domain, c),
        (CertName::Uri(h), Subtree::Uri(c)) => matching::uri_within(h, c),
        (CertName::Ip(a), Subtree::Ip(c)) => matching::ip_within(a, c),
        // A name x509-parser cannot compare counts as inside an excluded subtree and outside
        // every permitted one: the safe side both ways.
        (CertName::Directory(d), Subtree::Directory(c)) => matching::dn_within(d, c).unwrap_or(excluded),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
