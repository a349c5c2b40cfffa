//! Readable summaries of certificates and CRLs, as serde structures (the CLI renders them in
//! English or Vietnamese, or prints them as JSON).
//!
//! Times are given in UTC and in Vietnam time (UTC+7); `UID` values are decoded as tax code
//! (MST, with branch), citizen ID (CCCD/CMND) or passport (HC); OIDs with arcs beyond 64 bits
//! (`2.25.<uuid>`) are printed in decimal.

use crate::certificate::Certificate;
use crate::crl::Crl;
use crate::issue::{DistinguishedName, Oid, RevocationReason};
use crate::vn::{self, VnId};
use serde::Serialize;
use time::OffsetDateTime;
use x509_parser::extensions::{DistributionPointName, GeneralName, ParsedExtension};
use x509_parser::oid_registry::Oid as ParserOid;

/// A point in time, in UTC and in Vietnam time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeInfo {
    /// RFC 3339 in UTC (`2026-11-22T13:05:51Z`).
    pub utc: String,
    /// RFC 3339 in Vietnam time (`2026-11-22T20:05:51+07:00`).
    pub vietnam: String,
    /// Seconds since the Unix epoch.
    pub unix: i64,
}

impl TimeInfo {
    /// From a timestamp in seconds.
    pub fn from_unix(secs: i64) -> Self {
        let t = OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let rfc =
            |t: OffsetDateTime| t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        TimeInfo { utc: rfc(t), vietnam: rfc(vn::to_vietnam_time(t)), unix: secs }
    }
    /// As an `OffsetDateTime` in UTC.
    pub fn datetime(&self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(self.unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}

/// One attribute of a distinguished name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameAttribute {
    /// Short name (`CN`, `OU`, `UID`) or dotted OID.
    pub name: String,
    /// The value as text.
    pub value: String,
}

/// The subject's public key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyInfo {
    /// `RSA`, `ECDSA`, `Ed25519`, `Ed448`, `DSA` or the algorithm OID.
    pub algorithm: String,
    /// Key size in bits (RSA modulus, curve size).
    pub bits: usize,
    /// The curve for EC keys (`P-256`, `P-384`, `P-521`, or an OID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<String>,
}

/// A certificate policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyInfo {
    /// The policy OID.
    pub oid: String,
    /// CPS URIs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cps: Vec<String>,
}

/// A policy mapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MappingInfo {
    /// issuerDomainPolicy.
    pub issuer_domain: String,
    /// subjectDomainPolicy.
    pub subject_domain: String,
}

/// An extended key usage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EkuInfo {
    /// The OID.
    pub oid: String,
    /// A short name when known (`timeStamping`, `clientAuth`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// An extension, as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtensionInfo {
    /// The OID.
    pub oid: String,
    /// Its name when known.
    pub name: Option<String>,
    /// Critical flag.
    pub critical: bool,
}

/// A summary of a certificate.
#[derive(Clone, Debug, Serialize)]
pub struct CertificateInfo {
    /// Subject in string form (most-significant first).
    pub subject: String,
    /// Subject attributes in order.
    pub subject_attributes: Vec<NameAttribute>,
    /// Issuer in string form.
    pub issuer: String,
    /// Serial number, lowercase hex.
    pub serial: String,
    /// X.509 version (1, 2, 3).
    pub version: u32,
    /// Vietnamese identifiers decoded from `UID` attributes.
    pub identifiers: Vec<VnId>,
    /// notBefore.
    pub not_before: TimeInfo,
    /// notAfter.
    pub not_after: TimeInfo,
    /// `valid`, `expired` or `not-yet-valid` at the time of inspection.
    pub time_status: String,
    /// The subject public key.
    pub key: KeyInfo,
    /// The signature algorithm's name.
    pub signature_algorithm: String,
    /// Issuer and subject names are the same (a self-issued certificate).
    pub self_issued: bool,
    /// basicConstraints cA.
    pub is_ca: bool,
    /// basicConstraints pathLenConstraint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_len: Option<u32>,
    /// Key usage names.
    pub key_usage: Vec<String>,
    /// Extended key usages.
    pub extended_key_usage: Vec<EkuInfo>,
    /// extendedKeyUsage is critical.
    pub extended_key_usage_critical: bool,
    /// Certificate policies.
    pub policies: Vec<PolicyInfo>,
    /// Policy mappings.
    pub policy_mappings: Vec<MappingInfo>,
    /// policyConstraints requireExplicitPolicy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_explicit_policy: Option<u32>,
    /// policyConstraints inhibitPolicyMapping.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inhibit_policy_mapping: Option<u32>,
    /// inhibitAnyPolicy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inhibit_any_policy: Option<u32>,
    /// Name constraints: permitted subtrees (`dir:`, `dns:`, `email:`, `ip:`, `uri:`).
    pub permitted_subtrees: Vec<String>,
    /// Name constraints: excluded subtrees.
    pub excluded_subtrees: Vec<String>,
    /// Subject alternative names (`email:`, `dns:`, `uri:`, `ip:`, `dir:`).
    pub subject_alt_names: Vec<String>,
    /// CRL distribution point URIs (and other names; `nameRelativeToCRLIssuer` for a name relative
    /// to the CRL issuer).
    pub crl_distribution_points: Vec<String>,
    /// AIA caIssuers.
    pub ca_issuers: Vec<String>,
    /// AIA OCSP.
    pub ocsp: Vec<String>,
    /// id-pkix-ocsp-nocheck present.
    pub ocsp_nocheck: bool,
    /// Subject key identifier, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_key_id: Option<String>,
    /// Authority key identifier, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority_key_id: Option<String>,
    /// Every extension with its criticality.
    pub extensions: Vec<ExtensionInfo>,
    /// SHA-256 fingerprint, uppercase hex with colons.
    pub sha256: String,
}

/// A revoked entry of a CRL.
#[derive(Clone, Debug, Serialize)]
pub struct RevokedInfo {
    /// Serial, lowercase hex.
    pub serial: String,
    /// Revocation date.
    pub date: TimeInfo,
    /// Reason name (`keyCompromise`), or the CRLReason code in decimal when it has no name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A summary of a CRL.
#[derive(Clone, Debug, Serialize)]
pub struct CrlInfo {
    /// Issuer name.
    pub issuer: String,
    /// thisUpdate.
    pub this_update: TimeInfo,
    /// nextUpdate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_update: Option<TimeInfo>,
    /// `current`, `expired` (past nextUpdate) or `not-yet-valid`.
    pub time_status: String,
    /// CRL number, decimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crl_number: Option<String>,
    /// Authority key identifier, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority_key_id: Option<String>,
    /// The signature algorithm's name.
    pub signature_algorithm: String,
    /// Revoked certificates.
    pub revoked: Vec<RevokedInfo>,
    /// SHA-256 of the DER, uppercase hex with colons.
    pub sha256: String,
}

fn oid_text(oid: &ParserOid<'_>) -> String {
    Oid::from_content(oid.as_bytes()).map(|o| o.to_string()).unwrap_or_else(|_| oid.to_id_string())
}

fn fingerprint(der: &[u8]) -> String {
    let d = ring::digest::digest(&ring::digest::SHA256, der);
    d.as_ref().iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

fn hexid(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

/// Known OIDs: signature algorithms (the table of [`crate::crypto::verify`]), EKUs
/// ([`crate::path::EKU_NAMES`] and a few more), extensions, curves.
fn oid_name(oid: &str) -> Option<&'static str> {
    if let Some(name) = crate::crypto::verify::known_algorithm_name(oid) {
        return Some(name);
    }
    if let Some((name, _)) = crate::path::EKU_NAMES.iter().find(|(_, o)| *o == oid) {
        return Some(name);
    }
    Some(match oid {
        "1.3.101.113" => "Ed448",
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        "1.3.6.1.4.1.311.20.2.2" => "msSmartcardLogin",
        "1.3.6.1.4.1.311.10.3.12" => "msDocumentSigning",
        "1.2.840.113583.1.1.5" => "adobeAuthenticDocumentsTrust",
        "2.5.29.14" => "subjectKeyIdentifier",
        "2.5.29.15" => "keyUsage",
        "2.5.29.17" => "subjectAltName",
        "2.5.29.18" => "issuerAltName",
        "2.5.29.19" => "basicConstraints",
        "2.5.29.30" => "nameConstraints",
        "2.5.29.31" => "cRLDistributionPoints",
        "2.5.29.32" => "certificatePolicies",
        "2.5.29.33" => "policyMappings",
        "2.5.29.35" => "authorityKeyIdentifier",
        "2.5.29.36" => "policyConstraints",
        "2.5.29.37" => "extKeyUsage",
        "2.5.29.46" => "freshestCRL",
        "2.5.29.54" => "inhibitAnyPolicy",
        "1.3.6.1.5.5.7.1.1" => "authorityInfoAccess",
        "1.3.6.1.5.5.7.1.3" => "qcStatements",
        "1.3.6.1.5.5.7.48.1.5" => "ocspNoCheck",
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        "1.3.132.0.10" => "secp256k1",
        _ => return None,
    })
}

/// Render a GeneralName as `kind:value`.
pub fn general_name_text(n: &GeneralName<'_>) -> String {
    match n {
        GeneralName::DNSName(s) => format!("dns:{s}"),
        GeneralName::RFC822Name(s) => format!("email:{s}"),
        GeneralName::URI(s) => format!("uri:{s}"),
        GeneralName::IPAddress(b) => format!("ip:{}", ip_text(b)),
        GeneralName::DirectoryName(name) => match DistinguishedName::from_der(name.as_raw()) {
            Ok(dn) => format!("dir:{dn}"),
            Err(_) => format!("dir:{name}"),
        },
        GeneralName::RegisteredID(oid) => format!("rid:{}", oid_text(oid)),
        GeneralName::OtherName(oid, _) => format!("othername:{}", oid_text(oid)),
        other => format!("{other:?}"),
    }
}

fn ip_text(b: &[u8]) -> String {
    let prefix = |mask: &[u8]| mask.iter().map(|m| m.count_ones()).sum::<u32>();
    match b.len() {
        4 => std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string(),
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            std::net::Ipv6Addr::from(a).to_string()
        }
        8 => format!("{}/{}", std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]), prefix(&b[4..])),
        32 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(&b[..16]);
            format!("{}/{}", std::net::Ipv6Addr::from(a), prefix(&b[16..]))
        }
        _ => hex::encode(b),
    }
}

fn name_attributes(raw: &[u8]) -> Vec<NameAttribute> {
    use der::Decode;
    let Ok(name) = x509_cert::name::Name::from_der(raw) else { return Vec::new() };
    let mut out = Vec::new();
    for rdn in name.0.iter() {
        for atv in rdn.0.iter() {
            let oid = atv.oid.to_string();
            let label = crate::name::short_name(&oid).map(str::to_string).unwrap_or_else(|| oid.clone());
            let value = crate::issue::dn_value_text(&atv.value)
                .unwrap_or_else(|| format!("#{}", hex::encode(atv.value.value())));
            out.push(NameAttribute { name: label, value });
        }
    }
    out
}

fn name_text(raw: &[u8], fallback: &str) -> String {
    match DistinguishedName::from_der(raw) {
        Ok(dn) => dn.to_string(),
        Err(_) => fallback.to_string(),
    }
}

fn key_info(cert: &Certificate) -> KeyInfo {
    spki_info(cert.x509().public_key())
}

fn spki_info(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> KeyInfo {
    use x509_parser::public_key::PublicKey;
    let alg_oid = oid_text(&spki.algorithm.algorithm);
    match alg_oid.as_str() {
        "1.3.101.112" => return KeyInfo { algorithm: "Ed25519".into(), bits: 256, curve: None },
        "1.3.101.113" => return KeyInfo { algorithm: "Ed448".into(), bits: 456, curve: None },
        _ => {}
    }
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => KeyInfo { algorithm: "RSA".into(), bits: rsa.key_size(), curve: None },
        Ok(PublicKey::EC(point)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| oid_text(&o))
                .map(|o| oid_name(&o).map(str::to_string).unwrap_or(o));
            let bits = match curve.as_deref() {
                Some("P-256") => 256,
                Some("P-384") => 384,
                Some("P-521") => 521,
                _ => point.key_size(),
            };
            KeyInfo { algorithm: "ECDSA".into(), bits, curve }
        }
        Ok(PublicKey::DSA(y)) => KeyInfo { algorithm: "DSA".into(), bits: y.len() * 8, curve: None },
        _ => KeyInfo { algorithm: alg_oid, bits: 0, curve: None },
    }
}

fn time_status(now: i64, not_before: i64, not_after: i64) -> &'static str {
    if now < not_before {
        "not-yet-valid"
    } else if now > not_after {
        "expired"
    } else {
        "valid"
    }
}

/// Summarise `cert` as of `now`.
pub fn inspect_certificate(cert: &Certificate, now: OffsetDateTime) -> CertificateInfo {
    let x = cert.x509();
    let subject_attributes = name_attributes(x.subject().as_raw());
    let identifiers = subject_attributes
        .iter()
        .filter(|a| a.name == "UID")
        .filter_map(|a| vn::decode_uid(&a.value))
        .collect();
    let nb = x.validity().not_before.timestamp();
    let na = x.validity().not_after.timestamp();
    let sig_oid = oid_text(&x.signature_algorithm.algorithm);
    let mut info = CertificateInfo {
        subject: name_text(x.subject().as_raw(), &x.subject().to_string()),
        subject_attributes,
        issuer: name_text(x.issuer().as_raw(), &x.issuer().to_string()),
        serial: cert.serial_hex(),
        version: x.version().0 + 1,
        identifiers,
        not_before: TimeInfo::from_unix(nb),
        not_after: TimeInfo::from_unix(na),
        time_status: time_status(now.unix_timestamp(), nb, na).to_string(),
        key: key_info(cert),
        signature_algorithm: oid_name(&sig_oid).map(str::to_string).unwrap_or(sig_oid),
        self_issued: x.subject().as_raw() == x.issuer().as_raw(),
        is_ca: false,
        path_len: None,
        key_usage: Vec::new(),
        extended_key_usage: Vec::new(),
        extended_key_usage_critical: false,
        policies: Vec::new(),
        policy_mappings: Vec::new(),
        require_explicit_policy: None,
        inhibit_policy_mapping: None,
        inhibit_any_policy: None,
        permitted_subtrees: Vec::new(),
        excluded_subtrees: Vec::new(),
        subject_alt_names: Vec::new(),
        crl_distribution_points: Vec::new(),
        ca_issuers: Vec::new(),
        ocsp: Vec::new(),
        ocsp_nocheck: false,
        subject_key_id: None,
        authority_key_id: None,
        extensions: Vec::new(),
        sha256: fingerprint(cert.der()),
    };
    for e in x.extensions() {
        let oid = oid_text(&e.oid);
        info.extensions.push(ExtensionInfo {
            name: oid_name(&oid).map(str::to_string),
            oid: oid.clone(),
            critical: e.critical,
        });
        if oid == "1.3.6.1.5.5.7.48.1.5" {
            info.ocsp_nocheck = true;
        }
        match e.parsed_extension() {
            ParsedExtension::BasicConstraints(bc) => {
                info.is_ca = bc.ca;
                info.path_len = bc.path_len_constraint;
            }
            ParsedExtension::KeyUsage(ku) => {
                info.key_usage = crate::issue::KeyUsageBit::ALL
                    .iter()
                    .filter(|b| ku.flags & (1 << b.bit()) != 0)
                    .map(|b| b.name().to_string())
                    .collect();
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                info.extended_key_usage_critical = e.critical;
                let mut oids: Vec<String> = Vec::new();
                for (on, o) in [
                    (eku.any, "2.5.29.37.0"),
                    (eku.server_auth, "1.3.6.1.5.5.7.3.1"),
                    (eku.client_auth, "1.3.6.1.5.5.7.3.2"),
                    (eku.code_signing, "1.3.6.1.5.5.7.3.3"),
                    (eku.email_protection, "1.3.6.1.5.5.7.3.4"),
                    (eku.time_stamping, "1.3.6.1.5.5.7.3.8"),
                    (eku.ocsp_signing, "1.3.6.1.5.5.7.3.9"),
                ] {
                    if on {
                        oids.push(o.to_string());
                    }
                }
                oids.extend(eku.other.iter().map(oid_text));
                info.extended_key_usage = oids
                    .into_iter()
                    .map(|o| EkuInfo { name: oid_name(&o).map(str::to_string), oid: o })
                    .collect();
            }
            ParsedExtension::CertificatePolicies(cp) => {
                for p in cp.iter() {
                    let cps = p
                        .policy_qualifiers
                        .iter()
                        .flatten()
                        .filter(|q| oid_text(&q.policy_qualifier_id) == "1.3.6.1.5.5.7.2.1")
                        .filter_map(|q| ia5_text(q.qualifier))
                        .collect();
                    info.policies.push(PolicyInfo { oid: oid_text(&p.policy_id), cps });
                }
            }
            ParsedExtension::PolicyMappings(pm) => {
                info.policy_mappings = pm
                    .mappings
                    .iter()
                    .map(|m| MappingInfo {
                        issuer_domain: oid_text(&m.issuer_domain_policy),
                        subject_domain: oid_text(&m.subject_domain_policy),
                    })
                    .collect();
            }
            ParsedExtension::PolicyConstraints(pc) => {
                info.require_explicit_policy = pc.require_explicit_policy;
                info.inhibit_policy_mapping = pc.inhibit_policy_mapping;
            }
            ParsedExtension::InhibitAnyPolicy(iap) => info.inhibit_any_policy = Some(iap.skip_certs),
            ParsedExtension::NameConstraints(nc) => {
                info.permitted_subtrees =
                    nc.permitted_subtrees.iter().flatten().map(|s| general_name_text(&s.base)).collect();
                info.excluded_subtrees =
                    nc.excluded_subtrees.iter().flatten().map(|s| general_name_text(&s.base)).collect();
            }
            ParsedExtension::SubjectAlternativeName(san) => {
                info.subject_alt_names = san.general_names.iter().map(general_name_text).collect();
            }
            ParsedExtension::CRLDistributionPoints(dps) => {
                for dp in dps.points.iter() {
                    match &dp.distribution_point {
                        Some(DistributionPointName::FullName(names)) => {
                            info.crl_distribution_points.extend(names.iter().map(|n| match n {
                                GeneralName::URI(u) => u.to_string(),
                                other => general_name_text(other),
                            }))
                        }
                        Some(DistributionPointName::NameRelativeToCRLIssuer(_)) => {
                            info.crl_distribution_points.push("nameRelativeToCRLIssuer".into())
                        }
                        None => {}
                    }
                }
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                for ad in &aia.accessdescs {
                    let loc = match &ad.access_location {
                        GeneralName::URI(u) => u.to_string(),
                        other => general_name_text(other),
                    };
                    match oid_text(&ad.access_method).as_str() {
                        "1.3.6.1.5.5.7.48.1" => info.ocsp.push(loc),
                        "1.3.6.1.5.5.7.48.2" => info.ca_issuers.push(loc),
                        _ => {}
                    }
                }
            }
            ParsedExtension::SubjectKeyIdentifier(k) => info.subject_key_id = Some(hexid(k.0)),
            ParsedExtension::AuthorityKeyIdentifier(a) => {
                info.authority_key_id = a.key_identifier.as_ref().map(|k| hexid(k.0))
            }
            _ => {}
        }
    }
    info
}

/// The text of a CPS qualifier (an IA5String, DER with tag and length).
fn ia5_text(der: &[u8]) -> Option<String> {
    use der::Decode;
    der::asn1::Ia5String::from_der(der).ok().map(|s| s.to_string())
}

/// A summary of a PKCS#10 certification request (its signature has been verified when it was
/// read, see [`crate::issue::Csr`]).
#[derive(Clone, Debug, Serialize)]
pub struct CsrInfo {
    /// Requested subject.
    pub subject: String,
    /// Subject attributes in order.
    pub subject_attributes: Vec<NameAttribute>,
    /// Vietnamese identifiers decoded from `UID` attributes.
    pub identifiers: Vec<VnId>,
    /// The public key.
    pub key: KeyInfo,
    /// The signature algorithm's name.
    pub signature_algorithm: String,
    /// Requested subject alternative names.
    pub subject_alt_names: Vec<String>,
    /// SHA-256 of the DER, uppercase hex with colons.
    pub sha256: String,
}

/// Summarise a (verified) certification request.
pub fn inspect_csr(csr: &crate::issue::Csr) -> CsrInfo {
    use x509_parser::prelude::FromDer;
    let attrs = name_attributes(csr.subject().der());
    let identifiers =
        attrs.iter().filter(|a| a.name == "UID").filter_map(|a| vn::decode_uid(&a.value)).collect();
    let parsed = x509_parser::certification_request::X509CertificationRequest::from_der(csr.der()).ok();
    let (key, signature_algorithm) = match &parsed {
        Some((_, req)) => {
            let oid = oid_text(&req.signature_algorithm.algorithm);
            (
                spki_info(&req.certification_request_info.subject_pki),
                oid_name(&oid).map(str::to_string).unwrap_or(oid),
            )
        }
        None => (KeyInfo { algorithm: "unknown".into(), bits: 0, curve: None }, "unknown".into()),
    };
    let subject_alt_names = parsed
        .as_ref()
        .and_then(|(_, req)| req.requested_extensions().map(|it| it.cloned().collect::<Vec<_>>()))
        .unwrap_or_default()
        .iter()
        .filter_map(|e| match e {
            ParsedExtension::SubjectAlternativeName(san) => {
                Some(san.general_names.iter().map(general_name_text).collect::<Vec<_>>())
            }
            _ => None,
        })
        .flatten()
        .collect();
    CsrInfo {
        subject: csr.subject().to_string(),
        subject_attributes: attrs,
        identifiers,
        key,
        signature_algorithm,
        subject_alt_names,
        sha256: fingerprint(csr.der()),
    }
}

/// Summarise `crl` as of `now`.
pub fn inspect_crl(crl: &Crl, now: OffsetDateTime) -> CrlInfo {
    let p = crl.parsed();
    let this = p.last_update().timestamp();
    let next = p.next_update().map(|t| t.timestamp());
    let n = now.unix_timestamp();
    let time_status = if n < this {
        "not-yet-valid"
    } else if next.is_some_and(|nx| n > nx) {
        "expired"
    } else {
        "current"
    };
    let sig_oid = oid_text(&p.signature_algorithm.algorithm);
    let authority_key_id = p.extensions().iter().find_map(|e| match e.parsed_extension() {
        ParsedExtension::AuthorityKeyIdentifier(a) => a.key_identifier.as_ref().map(|k| hexid(k.0)),
        _ => None,
    });
    let revoked = p
        .iter_revoked_certificates()
        .map(|r| RevokedInfo {
            serial: hex::encode(r.raw_serial()),
            date: TimeInfo::from_unix(r.revocation_date.timestamp()),
            reason: r.reason_code().map(|(_, code)| {
                RevocationReason::from_code(code.0)
                    .map(|r| r.name().to_string())
                    .unwrap_or_else(|| code.0.to_string())
            }),
        })
        .collect();
    CrlInfo {
        issuer: name_text(p.issuer().as_raw(), &p.issuer().to_string()),
        this_update: TimeInfo::from_unix(this),
        next_update: next.map(TimeInfo::from_unix),
        time_status: time_status.to_string(),
        crl_number: p.crl_number().map(|n| n.to_string()),
        authority_key_id,
        signature_algorithm: oid_name(&sig_oid).map(str::to_string).unwrap_or(sig_oid),
        revoked,
        sha256: fingerprint(crl.der()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::{self, AltName, CertProfile, CrlProfile, Issuer, NameConstraints, Subtree};
    use crate::keys::{KeyAlgorithm, SoftwareKey};
    use crate::{Certificate, Crl};

    #[test]
    fn summary_of_a_vietnamese_leaf() {
        let ca_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let nc = NameConstraints { permitted: vec![Subtree::parse("dir:C=VN").unwrap()], excluded: vec![] };
        let ca = issue::self_sign(
            &CertProfile::root_ca().with_name_constraints(nc),
            &DistinguishedName::parse("C=VN, O=DEMO, CN=DEMO Root").unwrap(),
            &ca_key,
        )
        .unwrap();
        let leaf_key = SoftwareKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).unwrap();
        let profile = CertProfile::document_signer()
            .with_policy(
                Oid::parse("2.25.254237174323809065057726002495311440973.1.1").unwrap(),
                Some("https://demo.invalid/cps"),
            )
            .with_crl_distribution_point("http://demo.invalid/ca.crl")
            .with_ocsp_url("http://demo.invalid/ocsp")
            .with_ca_issuers("http://demo.invalid/ca.crt")
            .with_alt_name(AltName::Email("a@demo.invalid".into()));
        let subject =
            DistinguishedName::parse("C=VN, O=Công ty DEMO, CN=Nguyễn Văn Ánh, UID=MST:0101234567-001")
                .unwrap();
        let leaf =
            issue::issue(&profile, &subject, leaf_key.public_key_spki(), &Issuer::new(&ca, &ca_key).unwrap())
                .unwrap();
        let info = inspect_certificate(&leaf, OffsetDateTime::now_utc());
        assert_eq!(info.subject, "C=VN, O=Công ty DEMO, CN=Nguyễn Văn Ánh, UID=MST:0101234567-001");
        assert_eq!(info.identifiers[0].branch.as_deref(), Some("001"));
        assert_eq!(info.key, KeyInfo { algorithm: "RSA".into(), bits: 2048, curve: None });
        assert_eq!(info.signature_algorithm, "ecdsa-with-SHA256");
        assert_eq!(info.key_usage, vec!["digitalSignature", "nonRepudiation"]);
        assert_eq!(info.policies[0].oid, "2.25.254237174323809065057726002495311440973.1.1");
        assert_eq!(info.policies[0].cps, vec!["https://demo.invalid/cps"]);
        assert_eq!(info.crl_distribution_points, vec!["http://demo.invalid/ca.crl"]);
        assert_eq!(info.ocsp, vec!["http://demo.invalid/ocsp"]);
        assert_eq!(info.subject_alt_names, vec!["email:a@demo.invalid"]);
        assert_eq!(info.time_status, "valid");
        assert!(info.not_before.vietnam.ends_with("+07:00"));
        assert_eq!(info.sha256.len(), 32 * 3 - 1);
        let ca_info = inspect_certificate(&ca, OffsetDateTime::now_utc());
        assert!(ca_info.is_ca && ca_info.self_issued);
        assert_eq!(ca_info.permitted_subtrees, vec!["dir:C=VN"]);
        assert_eq!(ca_info.subject_key_id, info.authority_key_id);
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["identifiers"][0]["kind"], "tax-code");

        let crl = issue::issue_crl(
            &CrlProfile::new(3, 7).revoke(
                leaf.x509().raw_serial(),
                OffsetDateTime::now_utc(),
                Some(RevocationReason::KeyCompromise),
            ),
            &Issuer::new(&ca, &ca_key).unwrap(),
        )
        .unwrap();
        let ci = inspect_crl(&crl, OffsetDateTime::now_utc());
        assert_eq!(ci.crl_number.as_deref(), Some("3"));
        assert_eq!(ci.revoked[0].serial, leaf.serial_hex());
        assert_eq!(ci.revoked[0].reason.as_deref(), Some("keyCompromise"));
        assert_eq!(ci.time_status, "current");
        assert_eq!(ci.authority_key_id, ca_info.subject_key_id);
    }

    /// Mutated certificates and CRLs either fail to parse or are summarised: never a panic.
    #[test]
    fn mutated_inputs_never_panic() {
        use rand::{Rng, SeedableRng};
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let profile = CertProfile::cross_certificate(Some(2))
            .with_policy(Oid::parse("2.25.1.2.3").unwrap(), Some("http://x.invalid/cps"))
            .with_policy_mapping(Oid::parse("2.25.1").unwrap(), Oid::parse("2.25.2").unwrap())
            .with_name_constraints(NameConstraints {
                permitted: vec![
                    Subtree::parse("ip:10.0.0.0/8").unwrap(),
                    Subtree::parse("dir:C=VN").unwrap(),
                ],
                excluded: vec![Subtree::parse("email:.x.invalid").unwrap()],
            })
            .with_policy_constraints(Some(1), Some(2))
            .with_inhibit_any_policy(3)
            .with_crl_distribution_point("http://x.invalid/a.crl")
            .with_ocsp_url("http://x.invalid/ocsp")
            .with_alt_name(AltName::Ip("192.0.2.1".parse().unwrap()));
        let dn =
            DistinguishedName::parse("C=VN, O=Ánh, OU=a, OU=b, CN=Đặng, UID=MST:0101234567-001").unwrap();
        let cert = issue::self_sign(&profile, &dn, &key).unwrap();
        let crl = issue::issue_crl(
            &CrlProfile::new(9, 1).revoke(
                &[1, 2, 3],
                OffsetDateTime::now_utc(),
                Some(RevocationReason::Superseded),
            ),
            &Issuer::new(&cert, &key).unwrap(),
        )
        .unwrap();
        let mut rng = rand::rngs::StdRng::seed_from_u64(0x6b79736f);
        let now = OffsetDateTime::now_utc();
        let (mut parsed_certs, mut parsed_crls) = (0, 0);
        for i in 0..3000 {
            let src = if i % 2 == 0 { cert.der() } else { crl.der() };
            let mut der = src.to_vec();
            for _ in 0..rng.gen_range(1..4) {
                let pos = rng.gen_range(0..der.len());
                der[pos] = rng.r#gen();
            }
            if i % 2 == 0 {
                if let Ok(c) = Certificate::from_der(der) {
                    let _ = serde_json::to_string(&inspect_certificate(&c, now)).unwrap();
                    parsed_certs += 1;
                }
            } else if let Ok(c) = Crl::from_der(der) {
                let _ = serde_json::to_string(&inspect_crl(&c, now)).unwrap();
                parsed_crls += 1;
            }
        }
        // Many mutations land in values (names, keys, signatures) and still parse.
        assert!(parsed_certs > 100 && parsed_crls > 100, "{parsed_certs} {parsed_crls}");
    }

    #[test]
    fn ip_constraints_render_with_prefix() {
        assert_eq!(ip_text(&[10, 1, 0, 0, 255, 255, 0, 0]), "10.1.0.0/16");
        assert_eq!(ip_text(&[192, 0, 2, 1]), "192.0.2.1");
    }
}
