//! Certificate extensions, encoded with `x509-cert`/`der` types (RFC 5280 §4.2).
//!
//! Certificate policies and policy mappings use local `der` structures carrying [`Oid`] so that
//! OIDs with large arcs (the `2.25.<uuid>` arc) can be written.

use super::dn::DistinguishedName;
use super::oid::Oid;
use super::profile::{AltName, CertProfile, KeyUsageBit, NameConstraints, Subtree};
use crate::diag::codes::issue as codes;
use crate::error::{Error, Result};
use der::asn1::{Ia5String, ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::name::Name;

/// Extension OIDs (RFC 5280 §4.2.1, RFC 6960 §4.2.2.2.1).
pub(crate) mod ids {
    use der::asn1::ObjectIdentifier as O;
    pub(crate) const SKI: O = O::new_unwrap("2.5.29.14");
    pub(crate) const KU: O = O::new_unwrap("2.5.29.15");
    pub(crate) const SAN: O = O::new_unwrap("2.5.29.17");
    pub(crate) const BC: O = O::new_unwrap("2.5.29.19");
    pub(crate) const CRL_NUMBER: O = O::new_unwrap("2.5.29.20");
    pub(crate) const CRL_REASON: O = O::new_unwrap("2.5.29.21");
    pub(crate) const NC: O = O::new_unwrap("2.5.29.30");
    pub(crate) const CRLDP: O = O::new_unwrap("2.5.29.31");
    pub(crate) const DELTA_CRL_INDICATOR: O = O::new_unwrap("2.5.29.27");
    pub(crate) const FRESHEST_CRL: O = O::new_unwrap("2.5.29.46");
    pub(crate) const CP: O = O::new_unwrap("2.5.29.32");
    pub(crate) const PM: O = O::new_unwrap("2.5.29.33");
    pub(crate) const AKI: O = O::new_unwrap("2.5.29.35");
    pub(crate) const PC: O = O::new_unwrap("2.5.29.36");
    pub(crate) const EKU: O = O::new_unwrap("2.5.29.37");
    pub(crate) const IAP: O = O::new_unwrap("2.5.29.54");
    pub(crate) const AIA: O = O::new_unwrap("1.3.6.1.5.5.7.1.1");
    pub(crate) const AD_OCSP: O = O::new_unwrap("1.3.6.1.5.5.7.48.1");
    pub(crate) const AD_CA_ISSUERS: O = O::new_unwrap("1.3.6.1.5.5.7.48.2");
    pub(crate) const QT_CPS: O = O::new_unwrap("1.3.6.1.5.5.7.2.1");
    pub(crate) const OCSP_NOCHECK: O = O::new_unwrap("1.3.6.1.5.5.7.48.1.5");
}

fn enc_err(what: &str) -> impl Fn(der::Error) -> Error + '_ {
    move |e| Error::usage(crate::ber::der_detail(codes::ENCODE_FAILED, e)).with("what", what)
}

pub(crate) fn ext(
    oid: ObjectIdentifier,
    critical: bool,
    value: &impl Encode,
    what: &str,
) -> Result<Extension> {
    let der = value.to_der().map_err(enc_err(what))?;
    Ok(Extension { extn_id: oid, critical, extn_value: OctetString::new(der).map_err(enc_err(what))? })
}

pub(crate) fn ia5(s: &str, what: &str) -> Result<Ia5String> {
    Ia5String::new(s).map_err(|_| Error::usage(codes::IA5_ONLY).with("field", what).with("value", s))
}

fn name_of(dn: &DistinguishedName) -> Result<Name> {
    Name::from_der(dn.der()).map_err(|e| Error::usage(crate::ber::der_detail(codes::DN_MALFORMED, e)))
}

/// `PolicyInformation` with an [`Oid`] identifier (RFC 5280 §4.2.1.4).
#[derive(der::Sequence)]
struct PolicyInformation {
    policy_identifier: Oid,
    #[asn1(optional = "true")]
    policy_qualifiers: Option<Vec<PolicyQualifierInfo>>,
}

#[derive(der::Sequence)]
struct PolicyQualifierInfo {
    policy_qualifier_id: ObjectIdentifier,
    qualifier: Ia5String,
}

/// `PolicyMapping` with [`Oid`]s (RFC 5280 §4.2.1.5).
#[derive(der::Sequence)]
struct PolicyMapping {
    issuer_domain_policy: Oid,
    subject_domain_policy: Oid,
}

/// The key identifier written as SKI (and as AKI of what the key issues): RFC 5280 §4.2.1.2
/// method (1), the SHA-1 of the subjectPublicKey BIT STRING value. It is what OpenSSL
/// (`subjectKeyIdentifier=hash`) and Vietnamese CAs write, and what `kyso key inspect` shows, so a
/// key and its certificate match at a glance. (SHA-1 is used here as an identifier, not for a
/// signature.)
pub(crate) fn key_identifier(spki_der: &[u8]) -> Result<Vec<u8>> {
    Ok(crate::keys::key_identifier(spki_der)?.to_vec())
}

fn subtree_name(s: &Subtree) -> Result<GeneralName> {
    Ok(match s {
        Subtree::Directory(dn) => GeneralName::DirectoryName(name_of(dn)?),
        Subtree::Dns(d) => GeneralName::DnsName(ia5(d, "nameConstraints dNSName")?),
        Subtree::Email(e) => GeneralName::Rfc822Name(ia5(e, "nameConstraints rfc822Name")?),
        Subtree::Uri(u) => {
            GeneralName::UniformResourceIdentifier(ia5(u, "nameConstraints uniformResourceIdentifier")?)
        }
        Subtree::Ip(addr, prefix) => {
            // RFC 5280 §4.2.1.10: address followed by mask, 8 octets (IPv4) or 32 (IPv6).
            let (mut bytes, bits) = match addr {
                std::net::IpAddr::V4(a) => (a.octets().to_vec(), 32usize),
                std::net::IpAddr::V6(a) => (a.octets().to_vec(), 128usize),
            };
            let prefix = usize::from(*prefix).min(bits);
            let mut mask = vec![0u8; bits / 8];
            for (i, m) in mask.iter_mut().enumerate() {
                let on = prefix.saturating_sub(i * 8).min(8);
                *m = if on == 0 { 0 } else { 0xffu8 << (8 - on) };
            }
            for (b, m) in bytes.iter_mut().zip(&mask) {
                *b &= *m;
            }
            bytes.extend_from_slice(&mask);
            GeneralName::IpAddress(OctetString::new(bytes).map_err(enc_err("nameConstraints iPAddress"))?)
        }
    })
}

fn alt_name(a: &AltName) -> Result<GeneralName> {
    Ok(match a {
        AltName::Dns(d) => GeneralName::DnsName(ia5(d, "dNSName")?),
        AltName::Email(e) => GeneralName::Rfc822Name(ia5(e, "rfc822Name")?),
        AltName::Uri(u) => GeneralName::UniformResourceIdentifier(ia5(u, "uniformResourceIdentifier")?),
        AltName::Ip(std::net::IpAddr::V4(a)) => {
            GeneralName::IpAddress(OctetString::new(a.octets().to_vec()).map_err(enc_err("iPAddress"))?)
        }
        AltName::Ip(std::net::IpAddr::V6(a)) => {
            GeneralName::IpAddress(OctetString::new(a.octets().to_vec()).map_err(enc_err("iPAddress"))?)
        }
        AltName::Directory(dn) => GeneralName::DirectoryName(name_of(dn)?),
    })
}

/// The extensions of a certificate for `profile`, in a fixed order. `ski` is the subject key
/// identifier, `aki` the issuer's; `subject_empty` makes the SAN critical (RFC 5280 §4.1.2.6).
pub(crate) fn build(
    profile: &CertProfile,
    ski: &[u8],
    aki: &[u8],
    subject_empty: bool,
) -> Result<Vec<Extension>> {
    use x509_cert::ext::pkix::{self as pkix, constraints as c};
    let mut out = Vec::new();

    // basicConstraints: critical in CA certificates (RFC 5280 §4.2.1.9); end entities get
    // cA=FALSE, also critical, as Vietnamese CAs write it.
    let bc = match profile.ca {
        Some(path_len) => c::BasicConstraints { ca: true, path_len_constraint: path_len },
        None => c::BasicConstraints { ca: false, path_len_constraint: None },
    };
    out.push(ext(ids::BC, true, &bc, "basicConstraints")?);

    if !profile.key_usage.is_empty() {
        let mut flags = der::flagset::FlagSet::<pkix::KeyUsages>::default();
        for bit in &profile.key_usage {
            flags |= match bit {
                KeyUsageBit::DigitalSignature => pkix::KeyUsages::DigitalSignature,
                KeyUsageBit::NonRepudiation => pkix::KeyUsages::NonRepudiation,
                KeyUsageBit::KeyEncipherment => pkix::KeyUsages::KeyEncipherment,
                KeyUsageBit::DataEncipherment => pkix::KeyUsages::DataEncipherment,
                KeyUsageBit::KeyAgreement => pkix::KeyUsages::KeyAgreement,
                KeyUsageBit::KeyCertSign => pkix::KeyUsages::KeyCertSign,
                KeyUsageBit::CrlSign => pkix::KeyUsages::CRLSign,
                KeyUsageBit::EncipherOnly => pkix::KeyUsages::EncipherOnly,
                KeyUsageBit::DecipherOnly => pkix::KeyUsages::DecipherOnly,
            };
        }
        out.push(ext(ids::KU, true, &pkix::KeyUsage(flags), "keyUsage")?);
    }

    if !profile.extended_key_usage.is_empty() {
        out.push(ext(ids::EKU, profile.eku_critical, &profile.extended_key_usage, "extendedKeyUsage")?);
    }

    let ski_os = OctetString::new(ski.to_vec()).map_err(enc_err("subjectKeyIdentifier"))?;
    out.push(ext(ids::SKI, false, &pkix::SubjectKeyIdentifier(ski_os), "subjectKeyIdentifier")?);
    let aki = pkix::AuthorityKeyIdentifier {
        key_identifier: Some(OctetString::new(aki.to_vec()).map_err(enc_err("authorityKeyIdentifier"))?),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    out.push(ext(ids::AKI, false, &aki, "authorityKeyIdentifier")?);

    if !profile.subject_alt_names.is_empty() {
        let names = profile.subject_alt_names.iter().map(alt_name).collect::<Result<Vec<_>>>()?;
        out.push(ext(ids::SAN, subject_empty, &pkix::SubjectAltName(names), "subjectAltName")?);
    } else if subject_empty {
        return Err(Error::usage(codes::EMPTY_SUBJECT_NEEDS_SAN));
    }

    if let Some(NameConstraints { permitted, excluded }) = &profile.name_constraints {
        let subtrees = |list: &[Subtree]| -> Result<Option<Vec<c::name::GeneralSubtree>>> {
            if list.is_empty() {
                return Ok(None);
            }
            list.iter()
                .map(|s| Ok(c::name::GeneralSubtree { base: subtree_name(s)?, minimum: 0, maximum: None }))
                .collect::<Result<Vec<_>>>()
                .map(Some)
        };
        let nc = c::NameConstraints {
            permitted_subtrees: subtrees(permitted)?,
            excluded_subtrees: subtrees(excluded)?,
        };
        // Critical (RFC 5280 §4.2.1.10: "Conforming CAs MUST mark this extension as critical").
        out.push(ext(ids::NC, true, &nc, "nameConstraints")?);
    }

    if !profile.policies.is_empty() {
        let infos = profile
            .policies
            .iter()
            .map(|p| {
                let quals = match &p.cps_uri {
                    Some(u) => Some(vec![PolicyQualifierInfo {
                        policy_qualifier_id: ids::QT_CPS,
                        qualifier: ia5(u, "cPSuri")?,
                    }]),
                    None => None,
                };
                Ok(PolicyInformation { policy_identifier: p.oid.clone(), policy_qualifiers: quals })
            })
            .collect::<Result<Vec<_>>>()?;
        out.push(ext(ids::CP, false, &infos, "certificatePolicies")?);
    }

    if !profile.policy_mappings.is_empty() {
        let maps: Vec<PolicyMapping> = profile
            .policy_mappings
            .iter()
            .map(|(i, s)| PolicyMapping { issuer_domain_policy: i.clone(), subject_domain_policy: s.clone() })
            .collect();
        // RFC 5280 §4.2.1.5: "Conforming CAs SHOULD mark this extension as critical."
        out.push(ext(ids::PM, true, &maps, "policyMappings")?);
    }

    if profile.require_explicit_policy.is_some() || profile.inhibit_policy_mapping.is_some() {
        let pc = c::PolicyConstraints {
            require_explicit_policy: profile.require_explicit_policy,
            inhibit_policy_mapping: profile.inhibit_policy_mapping,
        };
        // RFC 5280 §4.2.1.11: MUST be critical.
        out.push(ext(ids::PC, true, &pc, "policyConstraints")?);
    }

    if let Some(skip) = profile.inhibit_any_policy {
        // RFC 5280 §4.2.1.14: MUST be critical.
        out.push(ext(ids::IAP, true, &pkix::InhibitAnyPolicy(skip), "inhibitAnyPolicy")?);
    }

    if !profile.crl_distribution_points.is_empty() {
        let dps = distribution_points(&profile.crl_distribution_points, "cRLDistributionPoints")?;
        out.push(ext(ids::CRLDP, false, &dps, "cRLDistributionPoints")?);
    }

    if !profile.freshest_crl.is_empty() {
        // RFC 5280 §4.2.1.15: MUST be non-critical.
        let dps = distribution_points(&profile.freshest_crl, "freshestCRL")?;
        out.push(ext(ids::FRESHEST_CRL, false, &dps, "freshestCRL")?);
    }

    if !profile.ca_issuers.is_empty() || !profile.ocsp_urls.is_empty() {
        let mut ads = Vec::new();
        for u in &profile.ocsp_urls {
            ads.push(pkix::AccessDescription {
                access_method: ids::AD_OCSP,
                access_location: GeneralName::UniformResourceIdentifier(ia5(
                    u,
                    "authorityInfoAccess id-ad-ocsp",
                )?),
            });
        }
        for u in &profile.ca_issuers {
            ads.push(pkix::AccessDescription {
                access_method: ids::AD_CA_ISSUERS,
                access_location: GeneralName::UniformResourceIdentifier(ia5(u, "caIssuers URL")?),
            });
        }
        out.push(ext(ids::AIA, false, &pkix::AuthorityInfoAccessSyntax(ads), "authorityInfoAccess")?);
    }

    if profile.ocsp_nocheck {
        // RFC 6960 §4.2.2.2.1: the extension value is NULL.
        out.push(ext(ids::OCSP_NOCHECK, false, &der::asn1::Null, "ocsp-nocheck")?);
    }
    Ok(out)
}

/// One distribution point per URI, each with that full name only.
pub(crate) fn distribution_points(
    uris: &[String],
    what: &'static str,
) -> Result<x509_cert::ext::pkix::CrlDistributionPoints> {
    use x509_cert::ext::pkix;
    let dps = uris
        .iter()
        .map(|u| {
            Ok(pkix::crl::dp::DistributionPoint {
                distribution_point: Some(DistributionPointName::FullName(vec![
                    GeneralName::UniformResourceIdentifier(ia5(u, what)?),
                ])),
                reasons: None,
                crl_issuer: None,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(pkix::CrlDistributionPoints(dps))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::profile::oid;

    fn value(exts: &[Extension], id: ObjectIdentifier) -> (bool, Vec<u8>) {
        let e = exts.iter().find(|e| e.extn_id == id).expect("extension present");
        (e.critical, e.extn_value.as_bytes().to_vec())
    }

    #[test]
    fn cross_certificate_extensions_der() {
        let profile = CertProfile::cross_certificate(Some(1))
            .with_policy_mapping(
                oid("2.16.704.1.1.1.1.1"),
                oid("2.25.254237174323809065057726002495311440973.2.1"),
            )
            .with_policy_constraints(Some(0), Some(1))
            .with_inhibit_any_policy(0)
            .with_policy(oid("2.16.704.1.1.1.1.1"), Some("https://ca.gov.vn/cps"))
            .with_name_constraints(NameConstraints {
                permitted: vec![
                    Subtree::parse("dir:C=VN").unwrap(),
                    Subtree::parse("dns:.gov.vn").unwrap(),
                    Subtree::parse("ip:10.1.2.3/16").unwrap(),
                ],
                excluded: vec![Subtree::parse("email:.example.vn").unwrap()],
            });
        profile.check().unwrap();
        let exts = build(&profile, &[1; 20], &[2; 20], false).unwrap();
        // basicConstraints cA TRUE pathLen 1.
        assert_eq!(value(&exts, ids::BC), (true, vec![0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x01]));
        // keyUsage keyCertSign|cRLSign: BIT STRING, 1 unused bit, 0x06.
        assert_eq!(value(&exts, ids::KU), (true, vec![0x03, 0x02, 0x01, 0x06]));
        // policyConstraints {[0] 0, [1] 1}.
        assert_eq!(value(&exts, ids::PC), (true, vec![0x30, 0x06, 0x80, 0x01, 0x00, 0x81, 0x01, 0x01]));
        // inhibitAnyPolicy 0.
        assert_eq!(value(&exts, ids::IAP), (true, vec![0x02, 0x01, 0x00]));
        // The IP subtree is address/mask with the host bits cleared.
        let (crit, nc) = value(&exts, ids::NC);
        assert!(crit);
        let needle = [0x87, 0x08, 10, 1, 0, 0, 255, 255, 0, 0];
        assert!(nc.windows(needle.len()).any(|w| w == needle), "{}", hex::encode(&nc));
    }

    #[test]
    fn tsa_and_ocsp_presets() {
        let tsa = build(&CertProfile::tsa(), &[1; 20], &[2; 20], false).unwrap();
        let (crit, eku) = value(&tsa, ids::EKU);
        assert!(crit, "TSA EKU is critical (RFC 3161 §2.3)");
        assert_eq!(eku, vec![0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08]);
        let ocsp = build(&CertProfile::ocsp_responder(), &[1; 20], &[2; 20], false).unwrap();
        assert_eq!(value(&ocsp, ids::OCSP_NOCHECK), (false, vec![0x05, 0x00]));
        assert_eq!(value(&ocsp, ids::BC), (true, vec![0x30, 0x00]));
    }

    #[test]
    fn profile_contradictions_are_refused() {
        let mut p = CertProfile::document_signer();
        p.key_usage.push(KeyUsageBit::KeyCertSign);
        assert_eq!(p.check().unwrap_err().code(), codes::KEY_CERT_SIGN_NOT_CA);
        let p = CertProfile::document_signer().with_inhibit_any_policy(0);
        assert_eq!(p.check().unwrap_err().code(), codes::CA_EXTENSIONS_IN_LEAF);
        let p = CertProfile::cross_certificate(None).with_policy_mapping(oid("2.5.29.32.0"), oid("1.2.3"));
        assert_eq!(p.check().unwrap_err().code(), codes::ANY_POLICY_MAPPED);
        let now = time::OffsetDateTime::now_utc();
        assert_eq!(
            CertProfile::root_ca().with_validity(now, now).check().unwrap_err().code(),
            codes::NOT_AFTER_ORDER
        );
        assert_eq!(
            CertProfile::root_ca().with_serial(&[0; 21]).check().unwrap_err().code(),
            codes::SERIAL_LENGTH
        );
        assert_eq!(
            build(&CertProfile::document_signer(), &[1], &[2], true).unwrap_err().code(),
            codes::EMPTY_SUBJECT_NEEDS_SAN
        );
    }
}
