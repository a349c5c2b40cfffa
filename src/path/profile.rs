//! Validation profiles: the rules applied on top of RFC 5280 §6 path validation, as data.
//!
//! RFC 5280 §6 path validation (signatures, validity, name chaining, revocation, name
//! constraints, policies, basicConstraints cA and pathLen, keyUsage keyCertSign, unknown
//! critical extensions) is the same under every profile. A [`Profile`] decides the rest, rule by
//! rule, with a [`RuleAction`] (enforce, warn, ignore):
//! - the RFC 5280 §4 rules that bind the *issuing* CA ("conforming CAs MUST"): key identifiers
//!   (§4.2.1.1, §4.2.1.2), the criticality of some extensions (§4.2.1.1, §4.2.1.2, §4.2.1.9,
//!   §4.2.1.10, §4.2.1.11, §4.2.2.1, §4.2.2.2), serial numbers (§4.1.2.2), CA subjects
//!   (§4.1.2.6), keyCertSign only in CA certificates (§4.2.1.3). A certificate that breaks one
//!   is still processed as RFC 5280 §6 says (a non-critical nameConstraints or policyConstraints
//!   is applied all the same); key identifiers only ever order candidate issuers
//!   (src/path/build.rs), they never reject one;
//! - the CA/Browser Forum Baseline Requirements for TLS server certificates;
//! - extended and key usages the end entity must allow, added to the caller's.
//!
//! The model is pyca/cryptography's extension policies (`policy/extension.rs`): per-extension
//! rules (present or not, critical or not) with the section they come from, and presets per use.
//! Here the rules are rows of data (`RULES`) and each preset is a value.
//!
//! The presets, by name ([`Profile::named`], [`Profile::NAMES`]):
//!
//! | rule | `document` (default) | `rfc5280-strict` | `tls-server` |
//! |---|---|---|---|
//! | RFC 5280 §6 path validation | yes | yes | yes |
//! | issuer-side MUSTs of RFC 5280 §4 | warn | enforce | enforce |
//! | CA/Browser Forum TLS server rules | ignore | ignore | enforce |
//! | end entity must allow | (caller's) | (caller's) | serverAuth |
//!
//! `document` is what pyhanko-certvalidator and OpenSSL (without `-x509_strict`) check: a
//! cross-certificate without key identifiers, or a NIST PKITS path with the RFC 3280-era
//! non-critical policyConstraints, validates, with warnings. `rfc5280-strict` is what
//! OpenSSL's `-x509_strict` and pyca check. Legacy algorithms are a separate choice
//! ([`ValidationOptions::allow_legacy`]) under every profile.
//!
//! Trust anchor (RFC 5280 §6.1.1 (d) lets the relying party decide what an anchor conveys; kyso
//! takes the stricter line of OpenSSL, Go, NSS and pyca when
//! [`ValidationOptions::check_anchor_profile`] is on, the default):
//! - it must be within its validity period at the validation time (§4.1.2.5): after notAfter
//!   its CA no longer answers for the key (no CRLs, no compromise notice); a document signed
//!   while the root was valid is verified at its signing time;
//! - a v3 anchor must be a CA certificate: basicConstraints present with cA = TRUE (§4.2.1.9),
//!   and a keyUsage, if present, must assert keyCertSign (§4.2.1.3); v1/v2 anchors (no
//!   extensions at all) are accepted as CAs, as OpenSSL does for legacy roots;
//! - no unrecognised critical extension (§4.2), no malformed extension, an acceptable public
//!   key; and the issuer-side rules of the profile, as for every certificate of the path
//!   (basicConstraints critical, a subjectKeyIdentifier, an authorityKeyIdentifier when it is
//!   not self-issued, ...). The serial number rules (§4.1.2.2) are not applied to anchors:
//!   well-known roots (Starfield Root G2) carry serial 0.
//!
//! Anchors need not be self-signed: an intermediate trusted directly obeys the same rules.

use super::{KeyUsageBit, ValidationOptions};
use crate::certificate::Certificate;
use crate::crypto::oids::same;
use crate::diag::{Code, Finding, Hint, Message, Severity, codes::path as codes};
use std::borrow::Cow;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::ParsedExtension;
// Extensions are compared as DER bytes ([`same`]), never as dotted text: formatting OIDs was a
// large part of a warm validation.
use x509_parser::oid_registry::{
    OID_PKIX_AUTHORITY_INFO_ACCESS as OID_AIA, OID_PKIX_SUBJECT_INFO_ACCESS as OID_SIA,
    OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER as OID_AKI, OID_X509_EXT_BASIC_CONSTRAINTS,
    OID_X509_EXT_CERTIFICATE_POLICIES, OID_X509_EXT_CRL_DISTRIBUTION_POINTS,
    OID_X509_EXT_EXTENDED_KEY_USAGE as OID_EKU, OID_X509_EXT_FRESHEST_CRL, OID_X509_EXT_INHIBIT_ANY_POLICY,
    OID_X509_EXT_KEY_USAGE, OID_X509_EXT_NAME_CONSTRAINTS as OID_NC,
    OID_X509_EXT_POLICY_CONSTRAINTS as OID_POLICY_CONSTRAINTS, OID_X509_EXT_POLICY_MAPPINGS,
    OID_X509_EXT_SUBJECT_ALT_NAME, OID_X509_EXT_SUBJECT_KEY_IDENTIFIER as OID_SKI, Oid,
};
use x509_parser::x509::X509Version;

/// serverAuth (RFC 5280 §4.2.1.12).
const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";

/// What a profile does when a certificate breaks one of its rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleAction {
    /// The path is invalid (the rule's finding is the error).
    Enforce,
    /// The path stays valid; the rule's finding is reported as a warning.
    Warn,
    /// Not checked.
    Ignore,
}

/// A validation profile: what to do, rule by rule, beyond RFC 5280 §6 path validation (see the
/// module documentation). Start from a preset ([`Profile::document`],
/// [`Profile::rfc5280_strict`], [`Profile::tls_server`], or [`Profile::named`]) and change what
/// you need:
///
/// ```
/// use kyso::path::{Profile, RuleAction, ValidationOptions};
/// // Strict, except that a missing authorityKeyIdentifier is only reported.
/// let profile = Profile::rfc5280_strict()
///     .with_name("my-profile")
///     .with_authority_key_identifier(RuleAction::Warn);
/// let opts = ValidationOptions::default().with_profile(profile);
/// assert_eq!(opts.profile.name(), "my-profile");
/// assert_eq!(ValidationOptions::default().profile, Profile::document());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Profile {
    /// Its name (`document`, `rfc5280-strict`, `tls-server`, or the caller's own).
    name: Cow<'static, str>,
    /// RFC 5280 §4.1.2.2: a positive serial number of at most 20 octets (not applied to trust
    /// anchors).
    pub serial_number: RuleAction,
    /// RFC 5280 §4.1.2.6: a CA certificate has a non-empty subject.
    pub ca_subject: RuleAction,
    /// RFC 5280 §4.2.1.1: an authorityKeyIdentifier with its keyIdentifier in every certificate
    /// that is not self-issued.
    pub authority_key_identifier: RuleAction,
    /// RFC 5280 §4.2.1.2: a subjectKeyIdentifier in every CA certificate.
    pub subject_key_identifier: RuleAction,
    /// RFC 5280 §4.2.1.1, §4.2.1.2, §4.2.2.1, §4.2.2.2: authorityKeyIdentifier,
    /// subjectKeyIdentifier, authorityInfoAccess and subjectInfoAccess are not critical; and
    /// §4.2.1.9: the trust anchor's basicConstraints is critical.
    pub extension_criticality: RuleAction,
    /// RFC 5280 §4.2.1.10: nameConstraints is critical. Its constraints apply either way.
    pub name_constraints_critical: RuleAction,
    /// RFC 5280 §4.2.1.11: policyConstraints is critical (RFC 3280 allowed either). It is
    /// processed either way.
    pub policy_constraints_critical: RuleAction,
    /// RFC 5280 §4.2.1.3: keyCertSign is asserted only with basicConstraints cA.
    pub key_cert_sign_requires_ca: RuleAction,
    /// The CA/Browser Forum Baseline Requirements for TLS server certificates: the end entity
    /// carries a non-critical extKeyUsage with serverAuth and without anyExtendedKeyUsage
    /// (BR 7.1.2.7.6, 7.1.2.7.10), is not a CA (BR 7.1.2.7.8, 7.1.2.7.11), and has no host-name
    /// commonName with non-ASCII characters (BR 7.1.4.3); a CA restricting its extKeyUsage
    /// allows serverAuth (BR 7.1.2.10.6); a root carries no extKeyUsage (BR 7.1.2.1.2) and its
    /// authorityKeyIdentifier, if any, holds only a keyIdentifier equal to its
    /// subjectKeyIdentifier (BR 7.1.2.1.3). Never for document signatures: Ban Cơ yếu leaves
    /// (clientAuth/emailProtection) are no TLS servers.
    pub tls_server: RuleAction,
    /// Extended key usages (dotted OIDs) the end entity must allow, on top of
    /// [`ValidationOptions::required_eku`].
    pub required_eku: Vec<String>,
    /// Key usage bits the end entity must have (when it has a keyUsage extension), on top of
    /// [`ValidationOptions::required_key_usage`].
    pub required_key_usage: Vec<KeyUsageBit>,
}

with_setters!(Profile {
    serial_number: RuleAction => with_serial_number,
    ca_subject: RuleAction => with_ca_subject,
    authority_key_identifier: RuleAction => with_authority_key_identifier,
    subject_key_identifier: RuleAction => with_subject_key_identifier,
    extension_criticality: RuleAction => with_extension_criticality,
    name_constraints_critical: RuleAction => with_name_constraints_critical,
    policy_constraints_critical: RuleAction => with_policy_constraints_critical,
    key_cert_sign_requires_ca: RuleAction => with_key_cert_sign_requires_ca,
    tls_server: RuleAction => with_tls_server,
    required_eku: Vec<String> => with_required_eku,
    required_key_usage: Vec<KeyUsageBit> => with_required_key_usage,
});

impl Default for Profile {
    /// [`Profile::document`].
    fn default() -> Self {
        Profile::document()
    }
}

impl Profile {
    /// The names of the presets, the default first.
    pub const NAMES: &'static [&'static str] = &["document", "rfc5280-strict", "tls-server"];

    /// Every issuer-side rule set to `action`, no CA/B rules, no usage required.
    const fn issuer_rules(name: &'static str, action: RuleAction) -> Self {
        Profile {
            name: Cow::Borrowed(name),
            serial_number: action,
            ca_subject: action,
            authority_key_identifier: action,
            subject_key_identifier: action,
            extension_criticality: action,
            name_constraints_critical: action,
            policy_constraints_critical: action,
            key_cert_sign_requires_ca: action,
            tls_server: RuleAction::Ignore,
            required_eku: Vec::new(),
            required_key_usage: Vec::new(),
        }
    }

    /// `document`, the default: RFC 5280 §6 path validation, with the RFC 5280 §4 rules that
    /// bind the issuing CA reported as warnings, for signed documents (CMS/CAdES, XML, PDF),
    /// client authentication and e-mail. No extended key usage is required (Ban Cơ yếu leaves
    /// carry clientAuth/emailProtection, not a document-signing EKU).
    pub const fn document() -> Self {
        Profile::issuer_rules("document", RuleAction::Warn)
    }

    /// `rfc5280-strict`: as `document`, with the RFC 5280 §4 rules that bind the issuing CA
    /// enforced (a certificate of the path that breaks one makes the path invalid).
    pub const fn rfc5280_strict() -> Self {
        Profile::issuer_rules("rfc5280-strict", RuleAction::Enforce)
    }

    /// `tls-server`: `rfc5280-strict` plus the CA/Browser Forum Baseline Requirements for TLS
    /// server certificates ([`Profile::tls_server`](Profile#structfield.tls_server)), with
    /// serverAuth required of the end entity. Never for document signatures.
    pub fn tls_server() -> Self {
        let mut p = Profile::issuer_rules("tls-server", RuleAction::Enforce);
        p.tls_server = RuleAction::Enforce;
        p.required_eku = vec![SERVER_AUTH.to_string()];
        p
    }

    /// The preset called `name` (one of [`Profile::NAMES`]).
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "document" => Some(Profile::document()),
            "rfc5280-strict" => Some(Profile::rfc5280_strict()),
            "tls-server" => Some(Profile::tls_server()),
            _ => None,
        }
    }

    /// Every preset, in the order of [`Profile::NAMES`].
    pub fn presets() -> Vec<Self> {
        Profile::NAMES.iter().filter_map(|n| Profile::named(n)).collect()
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Rename it (a profile of the caller's own).
    #[must_use]
    pub fn with_name(mut self, name: impl Into<Cow<'static, str>>) -> Self {
        self.name = name.into();
        self
    }

    /// The profile for a certificate validated for another purpose than the end entity's (a
    /// CRL signer, a timestamping authority): the same issuer-side rules, without the end
    /// entity's usages and the TLS server rules.
    pub fn for_other_purpose(&self) -> Self {
        Profile {
            tls_server: RuleAction::Ignore,
            required_eku: Vec::new(),
            required_key_usage: Vec::new(),
            ..self.clone()
        }
    }
}

/// A rule failure: the section it comes from, what is wrong, and whether the rule binds the
/// issuing CA (a RFC 5280 §4 MUST the `document` profile only warns about).
pub(crate) struct ProfileError {
    pub section: &'static str,
    pub message: Message,
    pub issuer_rule: bool,
}

impl ProfileError {
    fn new(section: &'static str, message: impl Into<Message>) -> Self {
        ProfileError { section, message: message.into(), issuer_rule: false }
    }

    /// The hint for it: the document profile, for a rule that binds the issuing CA.
    pub(crate) fn hint(&self) -> Option<Hint> {
        self.issuer_rule.then_some(Hint::IssuerRuleAsWarning)
    }
}

/// Apply `action` to a broken issuer-side rule: an error, a warning (added to `warnings` once,
/// with the rule's section), or nothing.
fn apply(
    action: RuleAction,
    section: &'static str,
    message: Message,
    warnings: &mut Vec<Finding>,
) -> Result<(), ProfileError> {
    match action {
        RuleAction::Enforce => Err(ProfileError { section, message, issuer_rule: true }),
        RuleAction::Warn => {
            let mut f = Finding::new(message);
            f.severity = Severity::Warning;
            if !section.is_empty() {
                f.rule = section;
            }
            if !warnings.contains(&f) {
                warnings.push(f);
            }
            Ok(())
        }
        RuleAction::Ignore => Ok(()),
    }
}

/// Where a certificate sits in the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Position {
    Anchor,
    Intermediate,
    EndEntity,
}

/// What a rule requires of an extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Requires {
    /// Present.
    Present,
    /// Critical, when present.
    Critical,
    /// Not critical, when present.
    NotCritical,
}

/// Which certificates a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Applies {
    /// Every certificate.
    All,
    /// Certificates with basicConstraints cA = TRUE.
    CaCertificates,
    /// Certificates whose issuer name differs from their subject (not self-issued).
    NotSelfIssued,
}

/// One extension rule of the RFC 5280 §4 profile that binds the issuing CA.
struct Rule {
    oid: Oid<'static>,
    /// The extension's name, as messages give it.
    name: &'static str,
    applies: Applies,
    requires: Requires,
    section: &'static str,
    code: Code,
    /// The profile's action for it.
    action: fn(&Profile) -> RuleAction,
}

/// The RFC 5280 §4 extension rules binding the issuing CA, checked on every certificate of the
/// path, anchor included, in this order (criticality first, then presence).
const RULES: &[Rule] = &[
    // §4.2.1.1: "Conforming CAs MUST mark this extension as non-critical."
    Rule {
        oid: OID_AKI,
        name: "authorityKeyIdentifier",
        applies: Applies::All,
        requires: Requires::NotCritical,
        section: "RFC 5280 §4.2.1.1",
        code: codes::EXTENSION_MUST_NOT_BE_CRITICAL,
        action: |p| p.extension_criticality,
    },
    // §4.2.1.2: "Conforming CAs MUST mark this extension as non-critical."
    Rule {
        oid: OID_SKI,
        name: "subjectKeyIdentifier",
        applies: Applies::All,
        requires: Requires::NotCritical,
        section: "RFC 5280 §4.2.1.2",
        code: codes::EXTENSION_MUST_NOT_BE_CRITICAL,
        action: |p| p.extension_criticality,
    },
    // §4.2.2.1: "Conforming CAs MUST mark this extension as non-critical."
    Rule {
        oid: OID_AIA,
        name: "authorityInfoAccess",
        applies: Applies::All,
        requires: Requires::NotCritical,
        section: "RFC 5280 §4.2.2.1",
        code: codes::EXTENSION_MUST_NOT_BE_CRITICAL,
        action: |p| p.extension_criticality,
    },
    // §4.2.2.2: "Conforming CAs MUST mark this extension as non-critical."
    Rule {
        oid: OID_SIA,
        name: "subjectInfoAccess",
        applies: Applies::All,
        requires: Requires::NotCritical,
        section: "RFC 5280 §4.2.2.2",
        code: codes::EXTENSION_MUST_NOT_BE_CRITICAL,
        action: |p| p.extension_criticality,
    },
    // §4.2.1.10: "Conforming CAs MUST mark this extension as critical." The constraints are
    // applied whatever the criticality.
    Rule {
        oid: OID_NC,
        name: "nameConstraints",
        applies: Applies::All,
        requires: Requires::Critical,
        section: "RFC 5280 §4.2.1.10",
        code: codes::NAME_CONSTRAINTS_NOT_CRITICAL,
        action: |p| p.name_constraints_critical,
    },
    // §4.2.1.11: "Conforming CAs MUST mark this extension as critical." RFC 3280 §4.2.1.12
    // allowed either criticality, and NIST PKITS (RFC 3280 era) issues it non-critical on valid
    // paths (4.8.6, 4.8.10, 4.10.1, ...); the extension is processed whatever its criticality.
    Rule {
        oid: OID_POLICY_CONSTRAINTS,
        name: "policyConstraints",
        applies: Applies::All,
        requires: Requires::Critical,
        section: "RFC 5280 §4.2.1.11",
        code: codes::POLICY_CONSTRAINTS_NOT_CRITICAL,
        action: |p| p.policy_constraints_critical,
    },
    // §4.2.1.1: "The keyIdentifier field of the authorityKeyIdentifier extension MUST be
    // included in all certificates generated by conforming CAs", except self-signed ones. A
    // path-building hint (src/path/build.rs orders candidates by it), never a reason to reject
    // an issuer whose signature verifies.
    Rule {
        oid: OID_AKI,
        name: "authorityKeyIdentifier",
        applies: Applies::NotSelfIssued,
        requires: Requires::Present,
        section: "RFC 5280 §4.2.1.1",
        code: codes::AKI_MISSING,
        action: |p| p.authority_key_identifier,
    },
    // §4.2.1.2: "this extension MUST appear in all conforming CA certificates".
    Rule {
        oid: OID_SKI,
        name: "subjectKeyIdentifier",
        applies: Applies::CaCertificates,
        requires: Requires::Present,
        section: "RFC 5280 §4.2.1.2",
        code: codes::SKI_MISSING,
        action: |p| p.subject_key_identifier,
    },
];

/// Extensions this validator (or the engines it drives) processes: a critical extension not in
/// this list makes the certificate invalid (RFC 5280 §4.2, §6.1.4 (o), §6.1.5 (f)).
const KNOWN_EXTENSIONS: &[Oid<'static>] = &[
    OID_SKI,                              // subjectKeyIdentifier (path building hint)
    OID_AKI,                              // authorityKeyIdentifier (path building hint)
    OID_X509_EXT_KEY_USAGE,               // keyUsage
    OID_X509_EXT_BASIC_CONSTRAINTS,       // basicConstraints
    OID_X509_EXT_SUBJECT_ALT_NAME,        // subjectAltName (name constraints, name check)
    OID_NC,                               // nameConstraints
    OID_X509_EXT_CERTIFICATE_POLICIES,    // certificatePolicies
    OID_X509_EXT_POLICY_MAPPINGS,         // policyMappings
    OID_POLICY_CONSTRAINTS,               // policyConstraints
    OID_X509_EXT_INHIBIT_ANY_POLICY,      // inhibitAnyPolicy
    OID_EKU,                              // extKeyUsage
    OID_X509_EXT_CRL_DISTRIBUTION_POINTS, // cRLDistributionPoints (revocation)
    OID_X509_EXT_FRESHEST_CRL,            // freshestCRL (revocation: delta CRLs)
    OID_AIA,                              // authorityInfoAccess (informational)
    OID_SIA,                              // subjectInfoAccess (informational)
];

/// Reject critical extensions this validator does not process.
pub(super) fn check_critical(x: &X509Certificate<'_>) -> Result<(), Message> {
    for ext in x.extensions() {
        if ext.critical && !KNOWN_EXTENSIONS.iter().any(|k| same(&ext.oid, k)) {
            let oid = crate::crypto::oids::dotted(&ext.oid);
            return Err(Message::new(codes::UNKNOWN_CRITICAL_EXTENSION).with("oid", oid));
        }
    }
    Ok(())
}

fn extension<'b>(
    x: &'b X509Certificate<'_>,
    oid: &Oid<'_>,
) -> Option<&'b x509_parser::extensions::X509Extension<'b>> {
    x.extensions().iter().find(|e| same(&e.oid, oid))
}

/// The table rules for one certificate (`subject`: its name, as messages give it).
fn check_rules(
    x: &X509Certificate<'_>,
    subject: &str,
    self_issued: bool,
    profile: &Profile,
    warnings: &mut Vec<Finding>,
) -> Result<(), ProfileError> {
    for rule in RULES {
        let action = (rule.action)(profile);
        if action == RuleAction::Ignore {
            continue;
        }
        let applies = match rule.applies {
            Applies::All => true,
            Applies::CaCertificates => super::build::is_ca(x),
            Applies::NotSelfIssued => !self_issued,
        };
        if !applies {
            continue;
        }
        let ext = extension(x, &rule.oid);
        let broken = match (rule.requires, ext) {
            (Requires::Present, None) => true,
            (Requires::Critical, Some(e)) => !e.critical,
            (Requires::NotCritical, Some(e)) => e.critical,
            _ => false,
        };
        if broken {
            let m = Message::new(rule.code).with("subject", subject).with("extension", rule.name);
            apply(action, rule.section, m, warnings)?;
        }
        // §4.2.1.1: the keyIdentifier field itself is the MUST.
        if rule.requires == Requires::Present && rule.oid == OID_AKI {
            if let Some(ParsedExtension::AuthorityKeyIdentifier(aki)) = ext.map(|e| e.parsed_extension()) {
                if aki.key_identifier.is_none() {
                    let m = Message::new(codes::AKI_NO_KEY_IDENTIFIER).with("subject", subject);
                    apply(action, rule.section, m, warnings)?;
                }
            }
        }
    }
    Ok(())
}

/// The RFC 5280 §4 rules on certificate fields a validator can check (pyca enforces the same):
/// a positive serial of at most 20 octets (§4.1.2.2; not for anchors), a non-empty subject for
/// CAs (§4.1.2.6), keyCertSign only with cA (§4.2.1.3; not for anchors).
fn check_fields(
    cert: &Certificate,
    subject: &str,
    pos: Position,
    profile: &Profile,
    warnings: &mut Vec<Finding>,
) -> Result<(), ProfileError> {
    const SERIAL: &str = "RFC 5280 §4.1.2.2";
    let x = cert.x509();
    if pos != Position::Anchor && profile.serial_number != RuleAction::Ignore {
        let serial = x.raw_serial();
        if serial.len() > 20 {
            let m =
                Message::new(codes::SERIAL_TOO_LONG).with("subject", subject).with("octets", serial.len());
            apply(profile.serial_number, SERIAL, m, warnings)?;
        }
        if serial.iter().all(|b| *b == 0) {
            let m = Message::new(codes::SERIAL_ZERO).with("subject", subject);
            apply(profile.serial_number, SERIAL, m, warnings)?;
        }
    }
    let is_ca = super::build::is_ca(x);
    if (is_ca || pos == Position::Anchor) && x.subject().iter().next().is_none() {
        let m = Message::new(codes::CA_EMPTY_SUBJECT).with("issuer", cert.issuer_string());
        apply(profile.ca_subject, "RFC 5280 §4.1.2.6", m, warnings)?;
    }
    // (An anchor that is no CA is refused as such by `check_anchor`.)
    if let (Ok(Some(ku)), false) = (x.key_usage(), pos == Position::Anchor) {
        if ku.value.key_cert_sign() && !is_ca {
            let code = if pos == Position::EndEntity {
                codes::EE_KEY_CERT_SIGN_WITHOUT_CA
            } else {
                codes::KEY_CERT_SIGN_WITHOUT_CA
            };
            let m = Message::new(code).with("subject", subject);
            apply(profile.key_cert_sign_requires_ca, "RFC 5280 §4.2.1.3", m, warnings)?;
        }
    }
    Ok(())
}

/// Profile rules for a certificate of the path (not the anchor): the issuer-side rules of RFC
/// 5280 §4, then the CA/B rules. Broken rules the profile only warns about go to `warnings`.
pub(crate) fn check_path_certificate(
    cert: &Certificate,
    is_ee: bool,
    self_issued: bool,
    opts: &ValidationOptions,
    warnings: &mut Vec<Finding>,
) -> Result<(), ProfileError> {
    let x = cert.x509();
    let profile = &opts.profile;
    let pos = if is_ee { Position::EndEntity } else { Position::Intermediate };
    let subject = cert.subject_string();
    check_fields(cert, &subject, pos, profile, warnings)?;
    check_rules(x, &subject, self_issued, profile, warnings)?;
    if profile.tls_server != RuleAction::Ignore {
        if let Err(e) = check_cabf(x, pos) {
            apply(profile.tls_server, e.section, e.message, warnings).map_err(|mut e| {
                e.issuer_rule = false;
                e
            })?;
        }
    }
    Ok(())
}

/// The trust anchor's own profile (see the module documentation). Returns the warnings.
pub(crate) fn check_anchor(
    anchor: &Certificate,
    opts: &ValidationOptions,
) -> Result<Vec<Finding>, ProfileError> {
    let mut warnings = Vec::new();
    if !opts.check_anchor_profile {
        return Ok(warnings);
    }
    let x = anchor.x509();
    let profile = &opts.profile;
    // §4.1.2.5 validity.
    let t = opts.time.unix_timestamp();
    let v = x.validity();
    if t < v.not_before.timestamp() {
        return Err(ProfileError::new(
            "",
            Message::new(codes::ANCHOR_NOT_YET_VALID).with("not_before", v.not_before),
        ));
    }
    if t > v.not_after.timestamp() {
        return Err(ProfileError::new(
            "",
            Message::new(codes::ANCHOR_EXPIRED).with("not_after", v.not_after),
        ));
    }
    match anchor.check_public_key(opts.allow_legacy) {
        Ok(Some(legacy)) => warnings.push(
            Message::new(codes::LEGACY_ANCHOR_KEY)
                .with("subject", anchor.subject_string())
                .with("algorithm", legacy)
                .into(),
        ),
        Ok(None) => {}
        Err(m) => return Err(ProfileError::new("RFC 5280 §4.1.2.7", m)),
    }
    if x.version() != X509Version::V3 && x.extensions().is_empty() {
        // A v1/v2 root: no extensions to check (legacy roots, accepted as CAs as by OpenSSL).
        return Ok(warnings);
    }
    for ext in x.extensions() {
        if let ParsedExtension::ParseError { error } = ext.parsed_extension() {
            return Err(ProfileError::new(
                "",
                Message::new(codes::MALFORMED_EXTENSION)
                    .with("oid", ext.oid.to_id_string())
                    .with("detail", error),
            ));
        }
    }
    check_critical(x).map_err(|m| ProfileError::new("RFC 5280 §4.2", m))?;
    let subject = anchor.subject_string();
    // §4.1.2.6 (a CA's subject), §4.2.1.3; the serial number rules of §4.1.2.2 are not applied
    // to anchors: well-known roots such as Starfield Root G2 carry serial 0, and an anchor's
    // serial never identifies it in a path.
    check_fields(anchor, &subject, Position::Anchor, profile, &mut warnings)?;
    // §4.2.1.9: a CA certificate carries basicConstraints with cA = TRUE (the relying party's
    // requirement of an anchor), marked critical (the issuing CA's MUST).
    match x.basic_constraints() {
        Ok(Some(bc)) if bc.value.ca => {
            if !bc.critical {
                let m = Message::new(codes::BASIC_CONSTRAINTS_NOT_CRITICAL).with("subject", &subject);
                apply(profile.extension_criticality, "RFC 5280 §4.2.1.9", m, &mut warnings)?;
            }
        }
        Ok(_) => {
            return Err(ProfileError::new("", codes::ANCHOR_NOT_CA));
        }
        Err(e) => {
            return Err(ProfileError::new(
                "",
                Message::new(codes::MALFORMED_BASIC_CONSTRAINTS).with("detail", e),
            ));
        }
    }
    // §4.2.1.3: a key that signs certificates asserts keyCertSign when keyUsage is present.
    if let Ok(Some(ku)) = x.key_usage() {
        if !ku.value.key_cert_sign() {
            return Err(ProfileError::new("", codes::ANCHOR_NO_KEY_CERT_SIGN));
        }
    }
    check_rules(x, &subject, anchor.is_self_issued(), profile, &mut warnings)?;
    // The CA/B root rules apply to roots, not to intermediates trusted directly.
    if profile.tls_server != RuleAction::Ignore && anchor.is_self_issued() {
        if let Err(e) = check_cabf(x, Position::Anchor) {
            apply(profile.tls_server, e.section, e.message, &mut warnings).map_err(|mut e| {
                e.issuer_rule = false;
                e
            })?;
        }
    }
    Ok(warnings)
}

/// BR 7.1.4.3: a commonName holding a host name is a character-for-character copy of a
/// dNSName of the subjectAltName. A dNSName is an IA5String (RFC 5280 §4.2.1.6), so a
/// commonName that reads as a host name (dotted, no white space) but holds non-ASCII characters
/// (a U-label, where the SAN must carry the A-label) can never be one. Other mismatches are
/// checked with the server identity (src/path/name_constraints/leaf.rs); a commonName naming a
/// host absent from the SAN is not refused, as no major validator does and much of the
/// deployed test corpus (x509-limbo bettertls) relies on it. The commonName is never used to
/// match a host name.
fn check_common_name(x: &X509Certificate<'_>) -> Result<(), ProfileError> {
    for attr in x.subject().iter_common_name() {
        let Ok(cn) = attr.as_str() else { continue };
        let host_like = cn.contains('.') && !cn.chars().any(char::is_whitespace);
        if host_like && !cn.is_ascii() {
            return Err(ProfileError::new("", Message::new(codes::CN_NON_ASCII_HOST).with("cn", cn)));
        }
    }
    Ok(())
}

/// CA/Browser Forum Baseline Requirements (TLS server certificates) rules.
fn check_cabf(x: &X509Certificate<'_>, pos: Position) -> Result<(), ProfileError> {
    let fail = |code: Code| Err(ProfileError::new("", code));
    match pos {
        Position::Anchor => {
            // BR 7.1.2.1.2: extKeyUsage MUST NOT be present in a root.
            if extension(x, &OID_EKU).is_some() {
                return fail(codes::ROOT_WITH_EKU);
            }
            // BR 7.1.2.1.3: keyIdentifier MUST be present and equal the subjectKeyIdentifier;
            // authorityCertIssuer and authorityCertSerialNumber MUST NOT be present.
            if let Some(e) = extension(x, &OID_AKI) {
                let ParsedExtension::AuthorityKeyIdentifier(aki) = e.parsed_extension() else {
                    return fail(codes::MALFORMED_AKI);
                };
                if aki.authority_cert_issuer.is_some() || aki.authority_cert_serial.is_some() {
                    return fail(codes::ROOT_AKI_NOT_KEY_ID_ONLY);
                }
                let ski = extension(x, &OID_SKI).and_then(|s| match s.parsed_extension() {
                    ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0),
                    _ => None,
                });
                match (&aki.key_identifier, ski) {
                    (Some(k), Some(s)) if k.0 == s => {}
                    (None, _) => return fail(codes::ROOT_AKI_NO_KEY_ID),
                    _ => return fail(codes::ROOT_AKI_DIFFERS),
                }
            }
        }
        Position::Intermediate => {
            // A CA that restricts its extKeyUsage must allow serverAuth for the TLS servers
            // below it (BR 7.1.2.10.6; the chaining rule of webpki, Chrome and OpenSSL), even
            // when the caller did not list serverAuth in `required_eku`.
            match x.extended_key_usage() {
                Ok(Some(eku)) if !eku.value.server_auth && !eku.value.any => {
                    return fail(codes::CA_EKU_NO_SERVER_AUTH);
                }
                Ok(_) => {}
                Err(e) => {
                    return Err(ProfileError::new("", Message::new(codes::MALFORMED_EKU).with("detail", e)));
                }
            }
        }
        Position::EndEntity => {
            // BR 7.1.2.7.6 / 7.1.2.7.10: extKeyUsage present, non-critical, with serverAuth,
            // without anyExtendedKeyUsage.
            match x.extended_key_usage() {
                Ok(Some(eku)) => {
                    if eku.critical {
                        return fail(codes::TLS_EKU_CRITICAL);
                    }
                    if eku.value.any {
                        return fail(codes::TLS_ANY_EKU);
                    }
                    if !eku.value.server_auth {
                        return fail(codes::TLS_EKU_NO_SERVER_AUTH);
                    }
                }
                Ok(None) => return fail(codes::TLS_NO_EKU),
                Err(e) => {
                    return Err(ProfileError::new("", Message::new(codes::MALFORMED_EKU).with("detail", e)));
                }
            }
            // BR 7.1.2.7.8 / 7.1.2.7.11: a subscriber certificate is not a CA.
            if super::build::is_ca(x) {
                return fail(codes::TLS_CA);
            }
            if let Ok(Some(ku)) = x.key_usage() {
                if ku.value.key_cert_sign() {
                    return fail(codes::TLS_KEY_CERT_SIGN);
                }
            }
            check_common_name(x)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TrustStore;
    use crate::path::{ValidationReport, validate};
    use crate::revocation::RevocationMode;
    use rcgen::{
        BasicConstraints, CertificateParams, CustomExtension, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
        KeyPair, KeyUsagePurpose, SanType,
    };

    fn der(c: &rcgen::Certificate) -> Certificate {
        Certificate::from_der(c.der().to_vec()).unwrap()
    }

    /// A conforming root: critical basicConstraints cA, keyCertSign, SKI.
    fn root_params(cn: &str) -> CertificateParams {
        let mut p = CertificateParams::default();
        p.distinguished_name.push(DnType::CommonName, cn);
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        p
    }

    /// A conforming TLS server leaf: AKI, SAN, serverAuth.
    fn leaf_params() -> CertificateParams {
        let mut p = CertificateParams::default();
        p.distinguished_name.push(DnType::CommonName, "example.com");
        p.subject_alt_names = vec![SanType::DnsName("example.com".try_into().unwrap())];
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        p.use_authority_key_identifier_extension = true;
        p
    }

    struct Pki {
        root: Certificate,
        leaf: Certificate,
        pool: Vec<Certificate>,
    }

    /// root → [intermediate →] leaf, each built from the given parameters.
    fn pki(root: CertificateParams, ica: Option<CertificateParams>, leaf: CertificateParams) -> Pki {
        let root_key = KeyPair::generate().unwrap();
        let root_cert = root.clone().self_signed(&root_key).unwrap();
        let root_issuer = Issuer::new(root, &root_key);
        let leaf_key = KeyPair::generate().unwrap();
        match ica {
            None => {
                let l = leaf.signed_by(&leaf_key, &root_issuer).unwrap();
                Pki { root: der(&root_cert), leaf: der(&l), pool: vec![] }
            }
            Some(ica) => {
                let ica_key = KeyPair::generate().unwrap();
                let ica_cert = ica.clone().signed_by(&ica_key, &root_issuer).unwrap();
                let ica_issuer = Issuer::new(ica, &ica_key);
                let l = leaf.signed_by(&leaf_key, &ica_issuer).unwrap();
                Pki { root: der(&root_cert), leaf: der(&l), pool: vec![der(&ica_cert)] }
            }
        }
    }

    fn ica_params() -> CertificateParams {
        let mut p = root_params("Intermediate");
        p.use_authority_key_identifier_extension = true;
        p
    }

    fn opts() -> ValidationOptions {
        ValidationOptions { revocation: RevocationMode::Off, ..Default::default() }
    }

    fn run(p: &Pki, o: &ValidationOptions) -> ValidationReport {
        let mut store = TrustStore::new();
        store.add(p.root.clone(), "root", "test");
        validate(&p.leaf, &p.pool, &[], &store, o)
    }

    /// Assert a rejection by `check` citing `section`.
    fn refused(r: &ValidationReport, check: &str, section: &str) {
        assert!(!r.is_valid(), "expected a rejection ({section})");
        let e = r.error.as_ref().unwrap();
        assert_eq!(e.check.as_str(), check, "{e:?}");
        assert!(e.rule.contains(section), "{e:?}");
    }

    fn server() -> ValidationOptions {
        ValidationOptions { profile: Profile::tls_server(), ..opts() }
    }

    fn strict() -> ValidationOptions {
        ValidationOptions { profile: Profile::rfc5280_strict(), ..opts() }
    }

    /// Assert a valid path whose warnings include `code`, as a warning citing `section`.
    fn warned(r: &ValidationReport, code: crate::diag::Code, section: &str) {
        assert!(r.is_valid(), "expected a valid path with a warning ({section}): {:?}", r.error);
        let w = r
            .warnings
            .iter()
            .find(|w| w.code() == code)
            .unwrap_or_else(|| panic!("no {code} in {:?}", r.warnings));
        assert_eq!(w.severity, crate::diag::Severity::Warning);
        assert!(w.rule.contains(section), "{w:?}");
        assert!(
            w.message.params.get("subject").is_some() || w.message.params.get("issuer").is_some(),
            "{w:?}"
        );
    }

    #[test]
    fn conforming_chain_passes_every_profile() {
        let p = pki(root_params("Root"), Some(ica_params()), leaf_params());
        for o in [opts(), strict(), server()] {
            let r = run(&p, &o);
            assert!(r.is_valid(), "{}: {:?}", o.profile.name(), r.error);
            assert!(r.warnings.is_empty(), "{}: {:?}", o.profile.name(), r.warnings);
        }
    }

    #[test]
    fn presets_by_name() {
        assert_eq!(Profile::NAMES, ["document", "rfc5280-strict", "tls-server"]);
        for (name, p) in Profile::NAMES.iter().zip(Profile::presets()) {
            assert_eq!(p.name(), *name);
            assert_eq!(Profile::named(name), Some(p));
        }
        assert_eq!(Profile::named("tls"), None);
        assert_eq!(Profile::default(), Profile::document());
        assert_eq!(ValidationOptions::default().profile.name(), "document");
        let d = Profile::document();
        assert_eq!(d.authority_key_identifier, RuleAction::Warn);
        assert_eq!(d.tls_server, RuleAction::Ignore);
        assert!(d.required_eku.is_empty());
        let t = Profile::tls_server();
        assert_eq!(t.policy_constraints_critical, RuleAction::Enforce);
        assert_eq!(t.required_eku, [SERVER_AUTH]);
        let other = t.for_other_purpose();
        assert_eq!((other.tls_server, other.required_eku.len()), (RuleAction::Ignore, 0));
        assert_eq!(other.policy_constraints_critical, RuleAction::Enforce);
    }

    #[test]
    fn missing_authority_key_identifier_warns_or_is_refused() {
        let mut leaf = leaf_params();
        leaf.use_authority_key_identifier_extension = false;
        let p = pki(root_params("Root"), None, leaf);
        refused(&run(&p, &strict()), "profile", "§4.2.1.1");
        warned(&run(&p, &opts()), codes::AKI_MISSING, "§4.2.1.1");
        let mut ica = ica_params();
        ica.use_authority_key_identifier_extension = false;
        let p = pki(root_params("Root"), Some(ica), leaf_params());
        let r = run(&p, &strict());
        refused(&r, "profile", "§4.2.1.1");
        assert_eq!(r.error.unwrap().hint, Some(Hint::IssuerRuleAsWarning));
        warned(&run(&p, &opts()), codes::AKI_MISSING, "§4.2.1.1");
        // Ignored: valid, no warning.
        let quiet =
            opts().with_profile(Profile::document().with_authority_key_identifier(RuleAction::Ignore));
        let r = run(&p, &quiet);
        assert!(r.is_valid() && r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn ca_without_subject_key_identifier_warns_or_is_refused() {
        // basicConstraints cA = TRUE written by hand, so rcgen adds no SKI.
        let mut ica = ica_params();
        ica.is_ca = IsCa::NoCa;
        let mut bc = CustomExtension::from_oid_content(&[2, 5, 29, 19], vec![0x30, 0x03, 0x01, 0x01, 0xff]);
        bc.set_criticality(true);
        ica.custom_extensions = vec![bc];
        let p = pki(root_params("Root"), Some(ica), leaf_params());
        refused(&run(&p, &strict()), "profile", "§4.2.1.2");
        warned(&run(&p, &opts()), codes::SKI_MISSING, "§4.2.1.2");
    }

    #[test]
    fn non_critical_policy_constraints_warns_and_is_processed() {
        let mut ica = ica_params();
        // requireExplicitPolicy = 0, non-critical.
        ica.custom_extensions =
            vec![CustomExtension::from_oid_content(&[2, 5, 29, 36], vec![0x30, 0x03, 0x80, 0x01, 0x00])];
        let p = pki(root_params("Root"), Some(ica), leaf_params());
        refused(&run(&p, &strict()), "profile", "§4.2.1.11");
        // Legacy algorithms are another matter: still refused under the strict profile.
        refused(&run(&p, &strict().with_allow_legacy(true)), "profile", "§4.2.1.11");
        // Under `document` the extension is processed: the explicit-policy requirement then
        // fails on its own terms (no certificatePolicies).
        let r = run(&p, &opts());
        assert_eq!(r.error.map(|e| e.check), Some(crate::path::Check::Policy));
    }

    #[test]
    fn non_critical_name_constraints_warn_and_still_apply() {
        // Intermediate with a non-critical nameConstraints: permitted dNSName example.com.
        let nc = |host: &str| {
            let mut ica = ica_params();
            let mut body = vec![0x82, host.len() as u8];
            body.extend_from_slice(host.as_bytes());
            let subtree = [&[0x30, body.len() as u8][..], &body].concat();
            let permitted = [&[0xa0, subtree.len() as u8][..], &subtree].concat();
            let value = [&[0x30, permitted.len() as u8][..], &permitted].concat();
            ica.custom_extensions = vec![CustomExtension::from_oid_content(&[2, 5, 29, 30], value)];
            pki(root_params("Root"), Some(ica), leaf_params())
        };
        let inside = nc("example.com");
        refused(&run(&inside, &strict()), "profile", "§4.2.1.10");
        warned(&run(&inside, &opts()), codes::NAME_CONSTRAINTS_NOT_CRITICAL, "§4.2.1.10");
        // The constraint still binds: a leaf outside it is refused under `document` too.
        let outside = nc("example.org");
        let r = run(&outside, &opts());
        assert_eq!(r.error.map(|e| e.check), Some(crate::path::Check::NameConstraints));
    }

    #[test]
    fn expired_anchor_refused_unless_anchor_checks_are_off() {
        let mut root = root_params("Old Root");
        root.not_before = rcgen::date_time_ymd(2000, 1, 1);
        root.not_after = rcgen::date_time_ymd(2001, 1, 1);
        let p = pki(root, None, leaf_params());
        refused(&run(&p, &opts()), "anchor", "§4.1.2.5");
        let literal = ValidationOptions { check_anchor_profile: false, ..opts() };
        assert!(run(&p, &literal).is_valid());
    }

    #[test]
    fn anchor_must_be_a_ca_certificate() {
        // No basicConstraints at all (rcgen writes none for NoCa without other extensions).
        let mut root = root_params("Not a CA");
        root.is_ca = IsCa::NoCa;
        root.key_usages = vec![];
        root.custom_extensions =
            vec![CustomExtension::from_oid_content(&[2, 5, 29, 14], vec![0x04, 0x01, 0x01])];
        refused(&run(&pki(root, None, leaf_params()), &opts()), "anchor", "§4.2.1.9");
        // basicConstraints cA = TRUE but not critical: a rule of the issuing CA.
        let mut root = root_params("Non-critical BC");
        root.is_ca = IsCa::NoCa;
        root.custom_extensions = vec![
            CustomExtension::from_oid_content(&[2, 5, 29, 19], vec![0x30, 0x03, 0x01, 0x01, 0xff]),
            CustomExtension::from_oid_content(&[2, 5, 29, 14], vec![0x04, 0x01, 0x01]),
        ];
        let p = pki(root, None, leaf_params());
        refused(&run(&p, &strict()), "anchor", "§4.2.1.9");
        warned(&run(&p, &opts()), codes::BASIC_CONSTRAINTS_NOT_CRITICAL, "§4.2.1.9");
        // keyUsage without keyCertSign.
        let mut root = root_params("No keyCertSign");
        root.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        refused(&run(&pki(root, None, leaf_params()), &opts()), "anchor", "§4.2.1.3");
    }

    #[test]
    fn intermediate_trusted_directly_needs_its_authority_key_identifier() {
        for (aki, valid) in [(true, true), (false, false)] {
            let mut ica = ica_params();
            ica.use_authority_key_identifier_extension = aki;
            let p = pki(root_params("Root"), Some(ica), leaf_params());
            let mut store = TrustStore::new();
            store.add(p.pool[0].clone(), "intermediate", "test");
            let r = validate(&p.leaf, &[], &[], &store, &strict());
            assert_eq!(r.is_valid(), valid, "{:?}", r.error);
            if !valid {
                refused(&r, "anchor", "§4.2.1.1");
            }
        }
    }

    #[test]
    fn anchor_with_unknown_critical_extension_is_refused() {
        let mut root = root_params("Odd Root");
        let mut ext = CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 55738, 666, 1], vec![0x05, 0x00]);
        ext.set_criticality(true);
        root.custom_extensions = vec![ext];
        refused(&run(&pki(root, None, leaf_params()), &opts()), "anchor", "§4.2");
    }

    #[test]
    fn anchor_with_critical_subject_key_identifier_warns_or_is_refused() {
        let mut root = root_params("Root");
        root.is_ca = IsCa::NoCa;
        let mut bc = CustomExtension::from_oid_content(&[2, 5, 29, 19], vec![0x30, 0x03, 0x01, 0x01, 0xff]);
        bc.set_criticality(true);
        let mut ski = CustomExtension::from_oid_content(&[2, 5, 29, 14], vec![0x04, 0x01, 0x01]);
        ski.set_criticality(true);
        root.custom_extensions = vec![bc, ski];
        let p = pki(root, None, leaf_params());
        refused(&run(&p, &strict()), "anchor", "§4.2.1.2");
        warned(&run(&p, &opts()), codes::EXTENSION_MUST_NOT_BE_CRITICAL, "§4.2.1.2");
    }

    #[test]
    fn tls_server_preset_end_entity_rules() {
        // No extKeyUsage: RFC 5280 accepts, the CA/B preset refuses.
        let mut leaf = leaf_params();
        leaf.extended_key_usages = vec![];
        let p = pki(root_params("Root"), None, leaf);
        assert!(run(&p, &opts()).is_valid());
        refused(&run(&p, &server()), "profile", "7.1.2.7.6");
        // anyExtendedKeyUsage.
        let mut leaf = leaf_params();
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth, ExtendedKeyUsagePurpose::Any];
        refused(&run(&pki(root_params("Root"), None, leaf), &server()), "profile", "7.1.2.7.10");
        // clientAuth + emailProtection (a Ban Cơ yếu officer): fine by default, not a TLS server.
        let mut leaf = leaf_params();
        leaf.extended_key_usages =
            vec![ExtendedKeyUsagePurpose::ClientAuth, ExtendedKeyUsagePurpose::EmailProtection];
        let p = pki(root_params("Root"), None, leaf);
        assert!(run(&p, &opts()).is_valid());
        refused(&run(&p, &server()), "profile", "7.1.2.7.10");
        // A U-label commonName (the SAN holds the A-label).
        let mut leaf = leaf_params();
        leaf.distinguished_name = rcgen::DistinguishedName::new();
        leaf.distinguished_name.push(DnType::CommonName, "thử-nghiệm.vn");
        leaf.subject_alt_names = vec![SanType::DnsName("xn--th-nghim-l70dko.vn".try_into().unwrap())];
        let p = pki(root_params("Root"), None, leaf);
        assert!(run(&p, &opts()).is_valid());
        refused(&run(&p, &server()), "profile", "7.1.4.3");
        // A person's name with Vietnamese letters is no host name.
        let mut leaf = leaf_params();
        leaf.distinguished_name = rcgen::DistinguishedName::new();
        leaf.distinguished_name.push(DnType::CommonName, "Nguyễn Văn A. Trần");
        assert!(run(&pki(root_params("Root"), None, leaf), &server()).is_valid());
        // A CA certificate as the end entity.
        let mut leaf = leaf_params();
        leaf.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let p = pki(root_params("Root"), None, leaf);
        assert!(run(&p, &opts()).is_valid());
        refused(&run(&p, &server()), "profile", "7.1.2.7.8");
    }

    #[test]
    fn tls_server_preset_intermediate_must_allow_server_auth() {
        let mut ica = ica_params();
        ica.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let p = pki(root_params("Root"), Some(ica), leaf_params());
        assert!(run(&p, &opts()).is_valid());
        refused(&run(&p, &server()), "profile", "7.1.2.10.6");
    }

    #[test]
    fn tls_server_preset_root_rules() {
        let mut root = root_params("Root");
        root.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let p = pki(root, None, leaf_params());
        assert!(run(&p, &opts()).is_valid());
        refused(&run(&p, &server()), "anchor", "7.1.2.1.2");
        // A root AKI that is not its own SKI.
        let mut root = root_params("Root");
        root.custom_extensions =
            vec![CustomExtension::from_oid_content(&[2, 5, 29, 35], vec![0x30, 0x03, 0x80, 0x01, 0x07])];
        let p = pki(root, None, leaf_params());
        assert!(run(&p, &opts()).is_valid());
        refused(&run(&p, &server()), "anchor", "7.1.2.1.3");
    }
}
