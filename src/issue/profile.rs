//! What goes into a certificate: [`CertProfile`] with presets for root CAs, sub-CAs,
//! document-signing leaves, TSAs, OCSP responders and cross-certificates.

use super::dn::DistinguishedName;
use super::oid::Oid;
use crate::diag::codes::issue as codes;
use crate::error::{Error, Result};
use crate::keys::SignatureAlgorithm;
use std::net::IpAddr;
use time::{Duration, OffsetDateTime};

/// Well-known OIDs used by the presets.
pub mod oids {
    /// id-kp-serverAuth (RFC 5280 §4.2.1.12).
    pub const KP_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
    /// id-kp-clientAuth.
    pub const KP_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
    /// id-kp-codeSigning.
    pub const KP_CODE_SIGNING: &str = "1.3.6.1.5.5.7.3.3";
    /// id-kp-emailProtection.
    pub const KP_EMAIL_PROTECTION: &str = "1.3.6.1.5.5.7.3.4";
    /// id-kp-timeStamping (RFC 3161 §2.3).
    pub const KP_TIME_STAMPING: &str = "1.3.6.1.5.5.7.3.8";
    /// id-kp-OCSPSigning (RFC 6960 §4.2.2.2).
    pub const KP_OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";
    /// id-kp-documentSigning (RFC 9336).
    pub const KP_DOCUMENT_SIGNING: &str = "1.3.6.1.5.5.7.3.36";
    /// Adobe Authentic Documents Trust (PDF signing).
    pub const ADOBE_AUTHENTIC_DOCUMENTS: &str = "1.2.840.113583.1.1.5";
    /// anyPolicy (RFC 5280 §4.2.1.4).
    pub const ANY_POLICY: &str = "2.5.29.32.0";
    /// The Ban Cơ yếu government PKI policy carried by its leaves.
    pub const VN_GOV_POLICY: &str = "2.16.704.1.1.1.1.1";
}

/// A key usage bit (RFC 5280 §4.2.1.3): kyso's one table, for issuing (`kyso::issue`),
/// inspecting and validating (`kyso::path::KeyUsageBit` is this type).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum KeyUsageBit {
    /// digitalSignature (0).
    DigitalSignature,
    /// nonRepudiation / contentCommitment (1).
    NonRepudiation,
    /// keyEncipherment (2).
    KeyEncipherment,
    /// dataEncipherment (3).
    DataEncipherment,
    /// keyAgreement (4).
    KeyAgreement,
    /// keyCertSign (5).
    KeyCertSign,
    /// cRLSign (6).
    CrlSign,
    /// encipherOnly (7).
    EncipherOnly,
    /// decipherOnly (8).
    DecipherOnly,
}

impl KeyUsageBit {
    /// Every bit, in bit order.
    pub const ALL: [KeyUsageBit; 9] = [
        KeyUsageBit::DigitalSignature,
        KeyUsageBit::NonRepudiation,
        KeyUsageBit::KeyEncipherment,
        KeyUsageBit::DataEncipherment,
        KeyUsageBit::KeyAgreement,
        KeyUsageBit::KeyCertSign,
        KeyUsageBit::CrlSign,
        KeyUsageBit::EncipherOnly,
        KeyUsageBit::DecipherOnly,
    ];
    /// The bit number in the KeyUsage BIT STRING.
    pub fn bit(self) -> usize {
        self as usize
    }
    /// Parse an RFC 5280 name, ignoring case (`contentCommitment`, the X.509 (2005) name, is
    /// accepted for nonRepudiation).
    pub fn from_name(name: &str) -> Option<Self> {
        if name.eq_ignore_ascii_case("contentCommitment") {
            return Some(KeyUsageBit::NonRepudiation);
        }
        Self::ALL.into_iter().find(|b| b.name().eq_ignore_ascii_case(name))
    }
    /// The RFC 5280 name (`digitalSignature`, ...).
    pub fn name(self) -> &'static str {
        match self {
            KeyUsageBit::DigitalSignature => "digitalSignature",
            KeyUsageBit::NonRepudiation => "nonRepudiation",
            KeyUsageBit::KeyEncipherment => "keyEncipherment",
            KeyUsageBit::DataEncipherment => "dataEncipherment",
            KeyUsageBit::KeyAgreement => "keyAgreement",
            KeyUsageBit::KeyCertSign => "keyCertSign",
            KeyUsageBit::CrlSign => "cRLSign",
            KeyUsageBit::EncipherOnly => "encipherOnly",
            KeyUsageBit::DecipherOnly => "decipherOnly",
        }
    }
}

/// A certificate policy: OID and optional CPS pointer (RFC 5280 §4.2.1.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The policy OID.
    pub oid: Oid,
    /// A CPS URI qualifier (id-qt-cps).
    pub cps_uri: Option<String>,
}

/// A subject alternative name (RFC 5280 §4.2.1.6).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AltName {
    /// dNSName.
    Dns(String),
    /// rfc822Name (e-mail address).
    Email(String),
    /// uniformResourceIdentifier.
    Uri(String),
    /// iPAddress.
    Ip(IpAddr),
    /// directoryName.
    Directory(DistinguishedName),
}

/// A name-constraints subtree base (RFC 5280 §4.2.1.10).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Subtree {
    /// directoryName: names under this DN.
    Directory(DistinguishedName),
    /// dNSName: a host or domain (`gov.vn`, `.gov.vn`).
    Dns(String),
    /// rfc822Name: a mailbox, a host (`gov.vn`) or a domain (`.gov.vn`).
    Email(String),
    /// iPAddress: an address range, address and prefix length.
    Ip(IpAddr, u8),
    /// uniformResourceIdentifier: a host or domain.
    Uri(String),
}

impl Subtree {
    /// Parse `dir:C=VN, O=...`, `dns:gov.vn`, `email:.gov.vn`, `ip:10.0.0.0/8`, `uri:.gov.vn`.
    pub fn parse(s: &str) -> Result<Self> {
        let (kind, value) =
            s.split_once(':').ok_or_else(|| Error::usage(codes::NC_SYNTAX).with("constraint", s))?;
        let value = value.trim();
        match kind.trim().to_ascii_lowercase().as_str() {
            "dir" | "dirname" | "directory" => Ok(Subtree::Directory(DistinguishedName::parse(value)?)),
            "dns" => Ok(Subtree::Dns(ascii(value, s)?)),
            "email" | "rfc822" => Ok(Subtree::Email(ascii(value, s)?)),
            "uri" => Ok(Subtree::Uri(ascii(value, s)?)),
            "ip" => {
                let (addr, prefix) = value
                    .split_once('/')
                    .ok_or_else(|| Error::usage(codes::NC_IP_SYNTAX).with("constraint", s))?;
                let addr: IpAddr =
                    addr.parse().map_err(|_| Error::usage(codes::NC_BAD_IP).with("constraint", s))?;
                let prefix: u8 =
                    prefix.parse().map_err(|_| Error::usage(codes::NC_BAD_PREFIX).with("constraint", s))?;
                let max = if addr.is_ipv4() { 32 } else { 128 };
                if prefix > max {
                    return Err(Error::usage(codes::NC_PREFIX_TOO_LONG)
                        .with("constraint", s)
                        .with("max", max));
                }
                Ok(Subtree::Ip(addr, prefix))
            }
            other => Err(Error::usage(codes::NC_UNKNOWN_KIND).with("kind", other)),
        }
    }
}

fn ascii(v: &str, whole: &str) -> Result<String> {
    if v.is_empty() || !v.is_ascii() {
        return Err(Error::usage(codes::NC_NOT_ASCII).with("constraint", whole));
    }
    Ok(v.to_string())
}

/// Name constraints: permitted and excluded subtrees (RFC 5280 §4.2.1.10).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameConstraints {
    /// permittedSubtrees.
    pub permitted: Vec<Subtree>,
    /// excludedSubtrees.
    pub excluded: Vec<Subtree>,
}

/// Which preset a profile came from (informational; the fields decide what is written).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProfileKind {
    /// A self-signed root CA.
    RootCa,
    /// A subordinate CA.
    SubCa,
    /// A document-signing end entity.
    DocumentSigner,
    /// A time-stamping authority (RFC 3161).
    Tsa,
    /// An OCSP responder (RFC 6960 §4.2.2.2).
    OcspResponder,
    /// A cross-certificate: another CA's name and key, issued by this CA.
    Cross,
    /// Built by hand.
    Custom,
}

/// Everything that goes into a certificate except the subject name and key (which come from
/// the caller, a CSR or, for a cross-certificate, the existing CA certificate) and the issuer.
///
/// Subject and authority key identifiers are always written; the serial is random (16 bytes)
/// unless set.
#[derive(Clone, Debug)]
pub struct CertProfile {
    /// The preset this profile started from.
    pub kind: ProfileKind,
    /// notBefore.
    pub not_before: OffsetDateTime,
    /// notAfter.
    pub not_after: OffsetDateTime,
    /// A fixed serial number (big-endian, positive, at most 20 octets); random when `None`.
    pub serial: Option<Vec<u8>>,
    /// `Some(path_len)` for a CA (basicConstraints cA=TRUE), `None` for an end entity.
    pub ca: Option<Option<u8>>,
    /// Key usage bits (critical, RFC 5280 §4.2.1.3); none: no extension.
    pub key_usage: Vec<KeyUsageBit>,
    /// Extended key usage OIDs; none: no extension.
    pub extended_key_usage: Vec<Oid>,
    /// Mark extendedKeyUsage critical (RFC 3161 §2.3 requires it for TSAs).
    pub eku_critical: bool,
    /// Certificate policies.
    pub policies: Vec<Policy>,
    /// CRL distribution point URIs.
    pub crl_distribution_points: Vec<String>,
    /// freshestCRL URIs: where delta CRLs are published (RFC 5280 §4.2.1.15).
    pub freshest_crl: Vec<String>,
    /// AIA caIssuers URIs.
    pub ca_issuers: Vec<String>,
    /// AIA OCSP URIs.
    pub ocsp_urls: Vec<String>,
    /// Subject alternative names.
    pub subject_alt_names: Vec<AltName>,
    /// Name constraints (CA certificates).
    pub name_constraints: Option<NameConstraints>,
    /// Policy mappings (issuerDomainPolicy, subjectDomainPolicy), RFC 5280 §4.2.1.5.
    pub policy_mappings: Vec<(Oid, Oid)>,
    /// policyConstraints requireExplicitPolicy (RFC 5280 §4.2.1.11).
    pub require_explicit_policy: Option<u32>,
    /// policyConstraints inhibitPolicyMapping.
    pub inhibit_policy_mapping: Option<u32>,
    /// inhibitAnyPolicy SkipCerts (RFC 5280 §4.2.1.14).
    pub inhibit_any_policy: Option<u32>,
    /// Add id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1).
    pub ocsp_nocheck: bool,
    /// The signature algorithm; the issuer key's default when `None`.
    pub signature_algorithm: Option<SignatureAlgorithm>,
}

/// A built-in OID constant (never input-derived; the constants above are valid).
pub(crate) fn oid(s: &str) -> Oid {
    Oid::parse(s).expect("built-in OID constant")
}

impl CertProfile {
    /// A bare profile valid from one hour ago for `days` days, with nothing else set.
    pub fn custom(days: i64) -> Self {
        let now =
            OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or_else(|_| OffsetDateTime::now_utc());
        CertProfile {
            kind: ProfileKind::Custom,
            // Backdated an hour: tolerate clock skew between issuer and relying parties.
            not_before: now - Duration::hours(1),
            not_after: now + Duration::days(days),
            serial: None,
            ca: None,
            key_usage: Vec::new(),
            extended_key_usage: Vec::new(),
            eku_critical: false,
            policies: Vec::new(),
            crl_distribution_points: Vec::new(),
            freshest_crl: Vec::new(),
            ca_issuers: Vec::new(),
            ocsp_urls: Vec::new(),
            subject_alt_names: Vec::new(),
            name_constraints: None,
            policy_mappings: Vec::new(),
            require_explicit_policy: None,
            inhibit_policy_mapping: None,
            inhibit_any_policy: None,
            ocsp_nocheck: false,
            signature_algorithm: None,
        }
    }

    /// A root CA: cA=TRUE without path length, keyCertSign + cRLSign, 20 years.
    pub fn root_ca() -> Self {
        CertProfile {
            kind: ProfileKind::RootCa,
            ca: Some(None),
            key_usage: vec![KeyUsageBit::KeyCertSign, KeyUsageBit::CrlSign],
            ..Self::custom(20 * 365)
        }
    }

    /// A subordinate CA with an optional pathLenConstraint, keyCertSign + cRLSign, 10 years.
    pub fn sub_ca(path_len: Option<u8>) -> Self {
        CertProfile {
            kind: ProfileKind::SubCa,
            ca: Some(path_len),
            key_usage: vec![KeyUsageBit::KeyCertSign, KeyUsageBit::CrlSign],
            ..Self::custom(10 * 365)
        }
    }

    /// A document-signing end entity: digitalSignature + nonRepudiation, no EKU (add some with
    /// [`CertProfile::with_eku`]), 3 years.
    pub fn document_signer() -> Self {
        CertProfile {
            kind: ProfileKind::DocumentSigner,
            key_usage: vec![KeyUsageBit::DigitalSignature, KeyUsageBit::NonRepudiation],
            ..Self::custom(3 * 365)
        }
    }

    /// A time-stamping authority: digitalSignature (+ nonRepudiation), and the only EKU is
    /// timeStamping, critical (RFC 3161 §2.3), 5 years.
    pub fn tsa() -> Self {
        CertProfile {
            kind: ProfileKind::Tsa,
            key_usage: vec![KeyUsageBit::DigitalSignature, KeyUsageBit::NonRepudiation],
            extended_key_usage: vec![oid(oids::KP_TIME_STAMPING)],
            eku_critical: true,
            ..Self::custom(5 * 365)
        }
    }

    /// An OCSP responder: digitalSignature, EKU OCSPSigning, id-pkix-ocsp-nocheck (RFC 6960
    /// §4.2.2.2), 1 year.
    pub fn ocsp_responder() -> Self {
        CertProfile {
            kind: ProfileKind::OcspResponder,
            key_usage: vec![KeyUsageBit::DigitalSignature],
            extended_key_usage: vec![oid(oids::KP_OCSP_SIGNING)],
            ocsp_nocheck: true,
            ..Self::custom(365)
        }
    }

    /// A cross-certificate: a CA certificate for another CA's name and key (use with
    /// [`super::cross_certify`]), keyCertSign + cRLSign, optional path length, 5 years. Add
    /// policy mappings, name and policy constraints with the `with_*` methods.
    pub fn cross_certificate(path_len: Option<u8>) -> Self {
        CertProfile {
            kind: ProfileKind::Cross,
            ca: Some(path_len),
            key_usage: vec![KeyUsageBit::KeyCertSign, KeyUsageBit::CrlSign],
            ..Self::custom(5 * 365)
        }
    }

    /// Valid from `not_before` to `not_after`.
    pub fn with_validity(mut self, not_before: OffsetDateTime, not_after: OffsetDateTime) -> Self {
        self.not_before = not_before;
        self.not_after = not_after;
        self
    }
    /// Valid for `days` days from an hour ago.
    pub fn with_days(mut self, days: i64) -> Self {
        let c = Self::custom(days);
        self.not_before = c.not_before;
        self.not_after = c.not_after;
        self
    }
    /// A fixed serial number.
    pub fn with_serial(mut self, serial: &[u8]) -> Self {
        self.serial = Some(serial.to_vec());
        self
    }
    /// Add a policy with an optional CPS URI.
    pub fn with_policy(mut self, oid: Oid, cps_uri: Option<&str>) -> Self {
        self.policies.push(Policy { oid, cps_uri: cps_uri.map(str::to_string) });
        self
    }
    /// Add an extended key usage.
    pub fn with_eku(mut self, oid: Oid) -> Self {
        if !self.extended_key_usage.contains(&oid) {
            self.extended_key_usage.push(oid);
        }
        self
    }
    /// Add a CRL distribution point URI.
    pub fn with_crl_distribution_point(mut self, uri: &str) -> Self {
        self.crl_distribution_points.push(uri.to_string());
        self
    }
    /// Add a freshestCRL (delta CRL distribution point) URI.
    pub fn with_freshest_crl(mut self, uri: &str) -> Self {
        self.freshest_crl.push(uri.to_string());
        self
    }
    /// Add an AIA caIssuers URI.
    pub fn with_ca_issuers(mut self, uri: &str) -> Self {
        self.ca_issuers.push(uri.to_string());
        self
    }
    /// Add an AIA OCSP URI.
    pub fn with_ocsp_url(mut self, uri: &str) -> Self {
        self.ocsp_urls.push(uri.to_string());
        self
    }
    /// Add a subject alternative name.
    pub fn with_alt_name(mut self, name: AltName) -> Self {
        self.subject_alt_names.push(name);
        self
    }
    /// Set name constraints.
    pub fn with_name_constraints(mut self, nc: NameConstraints) -> Self {
        self.name_constraints = Some(nc);
        self
    }
    /// Add a policy mapping: `issuer_domain` in the issuing CA's domain is equivalent to
    /// `subject_domain` in the subject CA's domain.
    pub fn with_policy_mapping(mut self, issuer_domain: Oid, subject_domain: Oid) -> Self {
        self.policy_mappings.push((issuer_domain, subject_domain));
        self
    }
    /// Set policyConstraints.
    pub fn with_policy_constraints(
        mut self,
        require_explicit: Option<u32>,
        inhibit_mapping: Option<u32>,
    ) -> Self {
        self.require_explicit_policy = require_explicit;
        self.inhibit_policy_mapping = inhibit_mapping;
        self
    }
    /// Set inhibitAnyPolicy.
    pub fn with_inhibit_any_policy(mut self, skip_certs: u32) -> Self {
        self.inhibit_any_policy = Some(skip_certs);
        self
    }
    /// Sign with this algorithm.
    pub fn with_signature_algorithm(mut self, alg: SignatureAlgorithm) -> Self {
        self.signature_algorithm = Some(alg);
        self
    }

    /// Check the profile for contradictions before issuing.
    pub fn check(&self) -> Result<()> {
        if self.not_after <= self.not_before {
            return Err(Error::usage(codes::NOT_AFTER_ORDER));
        }
        if let Some(s) = &self.serial {
            if s.is_empty() || s.len() > 20 || s.iter().all(|&b| b == 0) {
                return Err(Error::usage(codes::SERIAL_LENGTH));
            }
        }
        let is_ca = self.ca.is_some();
        if !is_ca {
            if self.key_usage.contains(&KeyUsageBit::KeyCertSign) {
                // RFC 5280 §4.2.1.9: keyCertSign requires cA=TRUE.
                return Err(Error::usage(codes::KEY_CERT_SIGN_NOT_CA));
            }
            if self.name_constraints.is_some()
                || !self.policy_mappings.is_empty()
                || self.require_explicit_policy.is_some()
                || self.inhibit_policy_mapping.is_some()
                || self.inhibit_any_policy.is_some()
            {
                return Err(Error::usage(codes::CA_EXTENSIONS_IN_LEAF));
            }
        } else if !self.key_usage.is_empty() && !self.key_usage.contains(&KeyUsageBit::KeyCertSign) {
            return Err(Error::usage(codes::CA_NEEDS_KEY_CERT_SIGN));
        }
        let any = oid(oids::ANY_POLICY);
        for (i, s) in &self.policy_mappings {
            // RFC 5280 §4.2.1.5: policies MUST NOT be mapped either to or from anyPolicy.
            if *i == any || *s == any {
                return Err(Error::usage(codes::ANY_POLICY_MAPPED));
            }
        }
        if let Some(nc) = &self.name_constraints {
            if nc.permitted.is_empty() && nc.excluded.is_empty() {
                return Err(Error::usage(codes::NAME_CONSTRAINTS_EMPTY));
            }
        }
        Ok(())
    }
}
