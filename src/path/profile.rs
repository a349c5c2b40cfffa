//! Certificate profile rules applied on top of RFC 5280 §6.1 path validation: the trust anchor's
//! own profile, the RFC 5280 §4 MUSTs on key identifiers and policyConstraints, and the
//! CA/Browser Forum rules of the [`Profile::CabfTlsServer`] preset.
//!
//! Per-extension rules are rows of data (where they apply, what they require, the section they
//! come from: `RULES`, `CRITICALITY`), as in pyca/cryptography's `policy/extension.rs`, so the
//! rule set reads as a table; the anchor and preset checks are short functions citing theirs.
//!
//! Trust anchor (RFC 5280 §6.1.1 (d) lets the relying party decide what an anchor conveys; kyso
//! takes the stricter line of OpenSSL, Go, NSS and pyca when
//! [`ValidationOptions::check_anchor_profile`] is on, the default):
//! - it must be within its validity period at the validation time (§4.1.2.5): after notAfter
//!   its CA no longer answers for the key (no CRLs, no compromise notice); a document signed
//!   while the root was valid is verified at its signing time;
//! - a v3 anchor must be a CA certificate: basicConstraints present, critical and cA = TRUE
//!   (§4.2.1.9), and a keyUsage, if present, must assert keyCertSign (§4.2.1.3); v1/v2 anchors
//!   (no extensions at all) are accepted as CAs, as OpenSSL does for legacy roots;
//! - no unrecognised critical extension (§4.2), no malformed extension, the §4 profile rules
//!   every certificate of the path obeys, a subjectKeyIdentifier (§4.2.1.2: all CA
//!   certificates), an authorityKeyIdentifier when it is not self-issued (§4.2.1.1), and an
//!   acceptable public key. The serial number rules (§4.1.2.2) are not applied to anchors:
//!   well-known roots (Starfield Root G2) carry serial 0.
//!
//! Anchors need not be self-signed: an intermediate trusted directly obeys the same rules.

use super::ValidationOptions;
use crate::certificate::Certificate;
use crate::crypto::oids::same;
use crate::diag::{Finding, Message, codes::path as codes};
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

/// Extra profile rules applied on top of RFC 5280 path validation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Profile {
    /// RFC 5280 only (the default: document signing, client authentication, e-mail). Ban Cơ
    /// yếu leaves (clientAuth/emailProtection EKU, no document-signing EKU) validate under it.
    #[default]
    Rfc5280,
    /// CA/Browser Forum Baseline Requirements for TLS server certificates, on top of RFC 5280:
    /// the end entity carries a non-critical extKeyUsage with serverAuth and without
    /// anyExtendedKeyUsage (BR 7.1.2.7.6, 7.1.2.7.10), is not a CA (BR 7.1.2.7.8, 7.1.2.7.11),
    /// and has no host-name commonName with non-ASCII characters (BR 7.1.4.3); a CA restricting
    /// its extKeyUsage allows serverAuth (BR 7.1.2.10.6); a root carries no extKeyUsage
    /// (BR 7.1.2.1.2) and its authorityKeyIdentifier, if any, holds only a keyIdentifier equal
    /// to its subjectKeyIdentifier (BR 7.1.2.1.3). nameConstraints must still be critical
    /// (RFC 5280 §4.2.1.10; the BR exception is not taken). Never use it for document signing.
    CabfTlsServer,
}

/// A rule failure: (the section it comes from, what is wrong).
pub(crate) type ProfileError = (&'static str, Message);

/// Where a certificate sits in the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Position {
    Anchor,
    Intermediate,
    EndEntity,
}

/// What a rule requires of an extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Presence {
    /// Must be present.
    Required,
    /// Must be critical when present.
    CriticalIfPresent,
}

/// When a rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Applies {
    /// Certificates with basicConstraints cA = TRUE.
    CaCertificates,
    /// Certificates whose issuer name differs from their subject (not self-issued).
    NotSelfIssued,
    /// Every certificate, unless `allow_legacy` (certificates of the RFC 3280 era, such as NIST
    /// PKITS, where the rule did not exist).
    UnlessLegacy,
}

/// One extension rule of the RFC 5280 §4 profile.
struct Rule {
    oid: Oid<'static>,
    name: &'static str,
    applies: Applies,
    presence: Presence,
    section: &'static str,
}

/// The RFC 5280 §4 extension rules checked on every certificate of the path, anchor included.
/// (Criticality rules for AKI, SKI, AIA, SIA and nameConstraints, serial and subject rules are
/// in `validate::profile_check`.)
const RULES: &[Rule] = &[
    // §4.2.1.1: "The keyIdentifier field of the authorityKeyIdentifier extension MUST be
    // included in all certificates generated by conforming CAs", except self-signed ones.
    Rule {
        oid: OID_AKI,
        name: "authorityKeyIdentifier",
        applies: Applies::NotSelfIssued,
        presence: Presence::Required,
        section: "RFC 5280 §4.2.1.1",
    },
    // §4.2.1.2: "this extension MUST appear in all conforming CA certificates".
    Rule {
        oid: OID_SKI,
        name: "subjectKeyIdentifier",
        applies: Applies::CaCertificates,
        presence: Presence::Required,
        section: "RFC 5280 §4.2.1.2",
    },
    // §4.2.1.11: "Conforming CAs MUST mark this extension as critical." RFC 3280 §4.2.1.12
    // allowed either criticality, and NIST PKITS (RFC 3280 era) issues it non-critical on valid
    // paths: legacy mode accepts that.
    Rule {
        oid: OID_POLICY_CONSTRAINTS,
        name: "policyConstraints",
        applies: Applies::UnlessLegacy,
        presence: Presence::CriticalIfPresent,
        section: "RFC 5280 §4.2.1.11",
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

/// Criticality the RFC 5280 profile fixes: (extension, must be critical, section).
pub(super) const CRITICALITY: &[(Oid<'static>, bool, &str)] = &[
    (OID_AKI, false, "RFC 5280 §4.2.1.1"),
    (OID_SKI, false, "RFC 5280 §4.2.1.2"),
    (OID_AIA, false, "RFC 5280 §4.2.2.1"), // authorityInfoAccess
    (OID_SIA, false, "RFC 5280 §4.2.2.2"), // subjectInfoAccess
    (OID_NC, true, "RFC 5280 §4.2.1.10"),  // nameConstraints
];

fn extension<'b>(
    x: &'b X509Certificate<'_>,
    oid: &Oid<'_>,
) -> Option<&'b x509_parser::extensions::X509Extension<'b>> {
    x.extensions().iter().find(|e| same(&e.oid, oid))
}

/// The table rules for one certificate.
fn check_rules(x: &X509Certificate<'_>, self_issued: bool, allow_legacy: bool) -> Result<(), ProfileError> {
    for rule in RULES {
        let applies = match rule.applies {
            Applies::CaCertificates => super::build::is_ca(x),
            Applies::NotSelfIssued => !self_issued,
            Applies::UnlessLegacy => !allow_legacy,
        };
        if !applies {
            continue;
        }
        let ext = extension(x, &rule.oid);
        match (rule.presence, ext) {
            (Presence::Required, None) => {
                return Err((
                    rule.section,
                    Message::new(codes::EXTENSION_MISSING).with("extension", rule.name),
                ));
            }
            (Presence::CriticalIfPresent, Some(e)) if !e.critical => {
                return Err((
                    rule.section,
                    Message::new(codes::NAMED_EXTENSION_MUST_BE_CRITICAL).with("extension", rule.name),
                ));
            }
            _ => {}
        }
        // §4.2.1.1: the keyIdentifier field itself is the MUST.
        if rule.oid == OID_AKI {
            if let Some(e) = ext {
                if let ParsedExtension::AuthorityKeyIdentifier(aki) = e.parsed_extension() {
                    if aki.key_identifier.is_none() {
                        return Err((rule.section, codes::AKI_NO_KEY_IDENTIFIER.into()));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Profile rules for a certificate of the path (not the anchor), after the RFC 5280 §4 checks
/// of `validate`.
pub(crate) fn check_path_certificate(
    x: &X509Certificate<'_>,
    is_ee: bool,
    self_issued: bool,
    opts: &ValidationOptions,
) -> Result<(), ProfileError> {
    check_rules(x, self_issued, opts.allow_legacy)?;
    if opts.profile == Profile::CabfTlsServer {
        let pos = if is_ee { Position::EndEntity } else { Position::Intermediate };
        check_cabf(x, pos)?;
    }
    Ok(())
}

/// The trust anchor's own profile (see the module documentation). Returns warnings.
pub(crate) fn check_anchor(
    anchor: &Certificate,
    opts: &ValidationOptions,
) -> Result<Vec<Finding>, ProfileError> {
    let mut warnings = Vec::new();
    if !opts.check_anchor_profile {
        return Ok(warnings);
    }
    let x = anchor.x509();
    // §4.1.2.5 validity.
    let t = opts.time.unix_timestamp();
    let v = x.validity();
    if t < v.not_before.timestamp() {
        return Err(("", Message::new(codes::ANCHOR_NOT_YET_VALID).with("not_before", v.not_before)));
    }
    if t > v.not_after.timestamp() {
        return Err(("", Message::new(codes::ANCHOR_EXPIRED).with("not_after", v.not_after)));
    }
    match anchor.check_public_key(opts.allow_legacy) {
        Ok(Some(legacy)) => warnings.push(
            Message::new(codes::LEGACY_ANCHOR_KEY)
                .with("subject", anchor.subject_string())
                .with("algorithm", legacy)
                .into(),
        ),
        Ok(None) => {}
        Err(m) => return Err(("RFC 5280 §4.1.2.7", m)),
    }
    if x.version() != X509Version::V3 && x.extensions().is_empty() {
        // A v1/v2 root: no extensions to check (legacy roots, accepted as CAs as by OpenSSL).
        return Ok(warnings);
    }
    for ext in x.extensions() {
        if let ParsedExtension::ParseError { error } = ext.parsed_extension() {
            return Err((
                "",
                Message::new(codes::MALFORMED_EXTENSION)
                    .with("oid", ext.oid.to_id_string())
                    .with("detail", error),
            ));
        }
    }
    check_critical(x).map_err(|m| ("RFC 5280 §4.2", m))?;
    // §4.1.2.6: a CA's subject is a non-empty distinguished name. (The serial number rules of
    // §4.1.2.2 are not applied to anchors: well-known roots such as Starfield Root G2 carry
    // serial 0, and an anchor's serial never identifies it in a path.)
    if x.subject().iter().next().is_none() {
        return Err(("", codes::ANCHOR_EMPTY_SUBJECT.into()));
    }
    for (oid, must_be_critical, section) in CRITICALITY {
        if let Some(e) = extension(x, oid) {
            if e.critical != *must_be_critical {
                let code = if *must_be_critical {
                    codes::ANCHOR_EXTENSION_MUST_BE_CRITICAL
                } else {
                    codes::ANCHOR_EXTENSION_MUST_NOT_BE_CRITICAL
                };
                return Err((section, Message::new(code).with("oid", oid.to_id_string())));
            }
        }
    }
    // §4.2.1.9: a CA certificate carries a critical basicConstraints with cA = TRUE.
    match x.basic_constraints() {
        Ok(Some(bc)) if bc.value.ca && bc.critical => {}
        Ok(Some(bc)) if bc.value.ca => {
            return Err(("", codes::ANCHOR_BASIC_CONSTRAINTS_NOT_CRITICAL.into()));
        }
        Ok(_) => {
            return Err(("", codes::ANCHOR_NOT_CA.into()));
        }
        Err(e) => return Err(("", Message::new(codes::MALFORMED_BASIC_CONSTRAINTS).with("detail", e))),
    }
    // §4.2.1.3: a key that signs certificates asserts keyCertSign when keyUsage is present.
    if let Ok(Some(ku)) = x.key_usage() {
        if !ku.value.key_cert_sign() {
            return Err(("", codes::ANCHOR_NO_KEY_CERT_SIGN.into()));
        }
    }
    check_rules(x, anchor.is_self_issued(), opts.allow_legacy)?;
    // The CA/B root rules apply to roots, not to intermediates trusted directly.
    if opts.profile == Profile::CabfTlsServer && anchor.is_self_issued() {
        check_cabf(x, Position::Anchor)?;
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
            return Err(("", Message::new(codes::CN_NON_ASCII_HOST).with("cn", cn)));
        }
    }
    Ok(())
}

/// CA/Browser Forum Baseline Requirements (TLS server certificates) rules.
fn check_cabf(x: &X509Certificate<'_>, pos: Position) -> Result<(), ProfileError> {
    match pos {
        Position::Anchor => {
            // BR 7.1.2.1.2: extKeyUsage MUST NOT be present in a root.
            if extension(x, &OID_EKU).is_some() {
                return Err(("", codes::ROOT_WITH_EKU.into()));
            }
            // BR 7.1.2.1.3: keyIdentifier MUST be present and equal the subjectKeyIdentifier;
            // authorityCertIssuer and authorityCertSerialNumber MUST NOT be present.
            if let Some(e) = extension(x, &OID_AKI) {
                let ParsedExtension::AuthorityKeyIdentifier(aki) = e.parsed_extension() else {
                    return Err(("", codes::MALFORMED_AKI.into()));
                };
                if aki.authority_cert_issuer.is_some() || aki.authority_cert_serial.is_some() {
                    return Err(("", codes::ROOT_AKI_NOT_KEY_ID_ONLY.into()));
                }
                let ski = extension(x, &OID_SKI).and_then(|s| match s.parsed_extension() {
                    ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0),
                    _ => None,
                });
                match (&aki.key_identifier, ski) {
                    (Some(k), Some(s)) if k.0 == s => {}
                    (None, _) => {
                        return Err(("", codes::ROOT_AKI_NO_KEY_ID.into()));
                    }
                    _ => {
                        return Err(("", codes::ROOT_AKI_DIFFERS.into()));
                    }
                }
            }
        }
        Position::Intermediate => {
            // A CA that restricts its extKeyUsage must allow serverAuth for the TLS servers
            // below it (BR 7.1.2.10.6; the chaining rule of webpki, Chrome and OpenSSL), even
            // when the caller did not list serverAuth in `required_eku`.
            match x.extended_key_usage() {
                Ok(Some(eku)) if !eku.value.server_auth && !eku.value.any => {
                    return Err(("", codes::CA_EKU_NO_SERVER_AUTH.into()));
                }
                Ok(_) => {}
                Err(e) => return Err(("", Message::new(codes::MALFORMED_EKU).with("detail", e))),
            }
        }
        Position::EndEntity => {
            // BR 7.1.2.7.6 / 7.1.2.7.10: extKeyUsage present, non-critical, with serverAuth,
            // without anyExtendedKeyUsage.
            match x.extended_key_usage() {
                Ok(Some(eku)) => {
                    if eku.critical {
                        return Err(("", codes::TLS_EKU_CRITICAL.into()));
                    }
                    if eku.value.any {
                        return Err(("", codes::TLS_ANY_EKU.into()));
                    }
                    if !eku.value.server_auth {
                        return Err(("", codes::TLS_EKU_NO_SERVER_AUTH.into()));
                    }
                }
                Ok(None) => {
                    return Err(("", codes::TLS_NO_EKU.into()));
                }
                Err(e) => return Err(("", Message::new(codes::MALFORMED_EKU).with("detail", e))),
            }
            // BR 7.1.2.7.8 / 7.1.2.7.11: a subscriber certificate is not a CA.
            if super::build::is_ca(x) {
                return Err(("", codes::TLS_CA.into()));
            }
            if let Ok(Some(ku)) = x.key_usage() {
                if ku.value.key_cert_sign() {
                    return Err(("", codes::TLS_KEY_CERT_SIGN.into()));
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
        ValidationOptions { profile: Profile::CabfTlsServer, ..opts() }
    }

    #[test]
    fn conforming_chain_passes_both_profiles() {
        let p = pki(root_params("Root"), Some(ica_params()), leaf_params());
        assert!(run(&p, &opts()).is_valid(), "{:?}", run(&p, &opts()).error);
        assert!(run(&p, &server()).is_valid(), "{:?}", run(&p, &server()).error);
    }

    #[test]
    fn missing_authority_key_identifier_is_refused() {
        let mut leaf = leaf_params();
        leaf.use_authority_key_identifier_extension = false;
        refused(&run(&pki(root_params("Root"), None, leaf), &opts()), "profile", "§4.2.1.1");
        let mut ica = ica_params();
        ica.use_authority_key_identifier_extension = false;
        refused(&run(&pki(root_params("Root"), Some(ica), leaf_params()), &opts()), "profile", "§4.2.1.1");
    }

    #[test]
    fn ca_without_subject_key_identifier_is_refused() {
        // basicConstraints cA = TRUE written by hand, so rcgen adds no SKI.
        let mut ica = ica_params();
        ica.is_ca = IsCa::NoCa;
        let mut bc = CustomExtension::from_oid_content(&[2, 5, 29, 19], vec![0x30, 0x03, 0x01, 0x01, 0xff]);
        bc.set_criticality(true);
        ica.custom_extensions = vec![bc];
        refused(&run(&pki(root_params("Root"), Some(ica), leaf_params()), &opts()), "profile", "§4.2.1.2");
    }

    #[test]
    fn non_critical_policy_constraints_only_in_legacy_mode() {
        let mut ica = ica_params();
        // requireExplicitPolicy = 0, non-critical.
        ica.custom_extensions =
            vec![CustomExtension::from_oid_content(&[2, 5, 29, 36], vec![0x30, 0x03, 0x80, 0x01, 0x00])];
        let p = pki(root_params("Root"), Some(ica), leaf_params());
        refused(&run(&p, &opts()), "profile", "§4.2.1.11");
        let legacy = ValidationOptions { allow_legacy: true, ..opts() };
        let r = run(&p, &legacy);
        // Accepted by the profile; the explicit-policy requirement then fails on its own terms
        // (no certificatePolicies), which shows the extension is processed.
        assert_eq!(r.error.map(|e| e.check), Some(crate::path::Check::Policy));
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
        // basicConstraints cA = TRUE but not critical.
        let mut root = root_params("Non-critical BC");
        root.is_ca = IsCa::NoCa;
        root.custom_extensions = vec![
            CustomExtension::from_oid_content(&[2, 5, 29, 19], vec![0x30, 0x03, 0x01, 0x01, 0xff]),
            CustomExtension::from_oid_content(&[2, 5, 29, 14], vec![0x04, 0x01, 0x01]),
        ];
        refused(&run(&pki(root, None, leaf_params()), &opts()), "anchor", "§4.2.1.9");
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
            let r = validate(&p.leaf, &[], &[], &store, &opts());
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
    fn anchor_with_critical_subject_key_identifier_is_refused() {
        let mut root = root_params("Root");
        root.is_ca = IsCa::NoCa;
        let mut bc = CustomExtension::from_oid_content(&[2, 5, 29, 19], vec![0x30, 0x03, 0x01, 0x01, 0xff]);
        bc.set_criticality(true);
        let mut ski = CustomExtension::from_oid_content(&[2, 5, 29, 14], vec![0x04, 0x01, 0x01]);
        ski.set_criticality(true);
        root.custom_extensions = vec![bc, ski];
        refused(&run(&pki(root, None, leaf_params()), &opts()), "anchor", "§4.2.1.2");
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
