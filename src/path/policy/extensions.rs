//! Reading the four policy extensions of one certificate: certificatePolicies (2.5.29.32,
//! RFC 5280 §4.2.1.4), policyMappings (2.5.29.33, §4.2.1.5), policyConstraints (2.5.29.36,
//! §4.2.1.11) and inhibitAnyPolicy (2.5.29.54, §4.2.1.14).
//!
//! x509-parser decodes the extension values; this module adds the structural rules the RFC puts
//! on them (non-empty sequences, each policy OID at most once, one instance per extension) so that
//! the policy processor only ever sees well-formed data.

use super::PolicyError;
use crate::diag::{Message, codes::path as codes};
use std::collections::HashSet;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::ParsedExtension;
use x509_parser::oid_registry::{
    OID_X509_EXT_CERTIFICATE_POLICIES, OID_X509_EXT_INHIBIT_ANY_POLICY, OID_X509_EXT_POLICY_CONSTRAINTS,
    OID_X509_EXT_POLICY_MAPPINGS,
};

/// The policy-related content of one certificate, as dotted OIDs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct PolicyExtensions {
    /// certificatePolicies: the policy identifiers in certificate order, each once (anyPolicy
    /// included when asserted). `None` when the extension is absent. Qualifiers are not kept:
    /// RFC 5280 §4.2.1.4 lets relying parties ignore them, and they never change the outcome.
    pub policies: Option<Vec<String>>,
    /// policyMappings: (issuerDomainPolicy, subjectDomainPolicy) pairs in certificate order.
    pub mappings: Option<Vec<(String, String)>>,
    /// policyConstraints requireExplicitPolicy.
    pub require_explicit_policy: Option<u32>,
    /// policyConstraints inhibitPolicyMapping.
    pub inhibit_policy_mapping: Option<u32>,
    /// inhibitAnyPolicy SkipCerts.
    pub inhibit_any_policy: Option<u32>,
}

/// Whether `bytes` (the contents of an OBJECT IDENTIFIER) are DER: non-empty, every
/// subidentifier minimal ("the leading octet of the subidentifier shall not have the value
/// 0x80", X.690 §8.19.2) and the last one complete. A non-minimal encoding would let two
/// different encodings name the same policy, and OpenSSL rejects it too.
fn oid_is_der(bytes: &[u8]) -> bool {
    let mut at_start = true;
    for &b in bytes {
        if at_start && b == 0x80 {
            return false;
        }
        at_start = b & 0x80 == 0;
    }
    !bytes.is_empty() && at_start
}

fn err(rule: &'static str, i: usize, message: Message) -> PolicyError {
    PolicyError { rule, message: message.with("i", i) }
}

/// Read and check the policy extensions of certificate `i` (used in messages only).
pub(super) fn read(cert: &X509Certificate<'_>, i: usize) -> Result<PolicyExtensions, PolicyError> {
    let mut out = PolicyExtensions::default();
    let mut seen_constraints = false;
    for ext in cert.extensions() {
        let (name, rule) = if ext.oid == OID_X509_EXT_CERTIFICATE_POLICIES {
            ("certificatePolicies", "RFC 5280 §4.2.1.4")
        } else if ext.oid == OID_X509_EXT_POLICY_MAPPINGS {
            ("policyMappings", "RFC 5280 §4.2.1.5")
        } else if ext.oid == OID_X509_EXT_POLICY_CONSTRAINTS {
            ("policyConstraints", "RFC 5280 §4.2.1.11")
        } else if ext.oid == OID_X509_EXT_INHIBIT_ANY_POLICY {
            ("inhibitAnyPolicy", "RFC 5280 §4.2.1.14")
        } else {
            continue;
        };
        let duplicate = || {
            // RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a
            // particular extension."
            err("RFC 5280 §4.2", i, Message::new(codes::POLICY_EXTENSION_DUPLICATE).with("extension", name))
        };
        match ext.parsed_extension() {
            ParsedExtension::CertificatePolicies(list) => {
                if out.policies.is_some() {
                    return Err(duplicate());
                }
                // certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
                if list.is_empty() {
                    return Err(err(
                        rule,
                        i,
                        Message::new(codes::POLICY_EMPTY_SEQUENCE).with("extension", name),
                    ));
                }
                let mut policies: Vec<String> = Vec::with_capacity(list.len());
                let mut seen: HashSet<String> = HashSet::with_capacity(list.len());
                for info in list {
                    let oid = info.policy_id.to_id_string();
                    if !oid_is_der(info.policy_id.as_bytes()) {
                        return Err(err(rule, i, Message::new(codes::POLICY_OID_NOT_DER).with("oid", &oid)));
                    }
                    // "A certificate policy OID MUST NOT appear more than once in a certificate
                    // policies extension."
                    if !seen.insert(oid.clone()) {
                        return Err(err(
                            rule,
                            i,
                            Message::new(codes::POLICY_OID_DUPLICATE).with("oid", &oid),
                        ));
                    }
                    if info.policy_qualifiers.as_ref().is_some_and(|q| q.is_empty()) {
                        return Err(err(
                            rule,
                            i,
                            Message::new(codes::POLICY_EMPTY_QUALIFIERS).with("oid", &oid),
                        ));
                    }
                    policies.push(oid);
                }
                out.policies = Some(policies);
            }
            ParsedExtension::PolicyMappings(pm) => {
                if out.mappings.is_some() {
                    return Err(duplicate());
                }
                // PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE { ... }
                if pm.mappings.is_empty() {
                    return Err(err(
                        rule,
                        i,
                        Message::new(codes::POLICY_EMPTY_SEQUENCE).with("extension", name),
                    ));
                }
                out.mappings = Some(
                    pm.mappings
                        .iter()
                        .map(|m| {
                            (m.issuer_domain_policy.to_id_string(), m.subject_domain_policy.to_id_string())
                        })
                        .collect(),
                );
            }
            ParsedExtension::PolicyConstraints(pc) => {
                if seen_constraints {
                    return Err(duplicate());
                }
                seen_constraints = true;
                // "Conforming CAs MUST NOT issue certificates where policy constraints is an empty
                // sequence. That is, either the inhibitPolicyMapping field or the
                // requireExplicitPolicy field MUST be present."
                if pc.require_explicit_policy.is_none() && pc.inhibit_policy_mapping.is_none() {
                    return Err(err(
                        rule,
                        i,
                        Message::new(codes::POLICY_EMPTY_SEQUENCE).with("extension", name),
                    ));
                }
                out.require_explicit_policy = pc.require_explicit_policy;
                out.inhibit_policy_mapping = pc.inhibit_policy_mapping;
            }
            ParsedExtension::InhibitAnyPolicy(iap) => {
                if out.inhibit_any_policy.is_some() {
                    return Err(duplicate());
                }
                out.inhibit_any_policy = Some(iap.skip_certs);
            }
            ParsedExtension::ParseError { error } => {
                return Err(err(
                    rule,
                    i,
                    Message::new(codes::POLICY_MALFORMED_EXTENSION)
                        .with("extension", name)
                        .with("detail", error),
                ));
            }
            _ => {
                return Err(err(
                    rule,
                    i,
                    Message::new(codes::POLICY_UNDECODABLE_EXTENSION).with("extension", name),
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::oid_is_der;

    #[test]
    fn oid_encoding_must_be_minimal() {
        assert!(oid_is_der(&[0x2b, 0x06, 0x81, 0x00])); // 1.3.6.128
        assert!(oid_is_der(&[0x60, 0x86, 0x48, 0x01])); // 2.16.840.1
        assert!(!oid_is_der(&[0x2b, 0x06, 0x80, 0x00])); // what const-oid 0.9.6 writes for 1.3.6.128
        assert!(!oid_is_der(&[0x2b, 0x06, 0x80, 0x80, 0x00]));
        assert!(!oid_is_der(&[0x2b, 0x86])); // truncated
        assert!(!oid_is_der(&[]));
        // 0x80 inside a subidentifier is fine (65537 = 84 80 01).
        assert!(oid_is_der(&[0x2b, 0x84, 0x80, 0x01]));
    }
}
