//! One CRL read for RFC 5280 §6.3.3: issuer, validity window, numbers, issuing distribution
//! point, and its entries (with the certificate issuer of indirect CRLs carried over, §5.3.3).
//! Anything that makes the CRL unusable (a critical extension we do not process, §5.2 and §5.3; a
//! malformed extension we rely on) is recorded, not panicked on.

use super::names::{NormGeneralName, NormName};
use crate::crl::Crl;
use crate::diag::{Message, codes::revocation as rc};
use time::OffsetDateTime;
use x509_cert::ext::pkix::name::DistributionPointName;
use x509_parser::der_parser::oid;
use x509_parser::der_parser::oid::Oid;
use x509_parser::num_bigint::BigUint;
use x509_parser::oid_registry::{
    OID_X509_EXT_HOLD_INSTRUCTION_CODE, OID_X509_EXT_INVALIDITY_DATE, OID_X509_EXT_REASON_CODE,
};
use x509_parser::prelude::{FromDer, GeneralName, ParsedExtension, X509Extension};

/// An issuingDistributionPoint (RFC 5280 §5.2.5), decoded with x509-cert.
#[derive(Clone, Debug)]
pub(crate) struct Idp {
    pub(crate) distribution_point: Option<DistributionPointName>,
    pub(crate) only_contains_user_certs: bool,
    pub(crate) only_contains_ca_certs: bool,
    /// onlySomeReasons, bit i = reason i.
    pub(crate) only_some_reasons: Option<u16>,
    pub(crate) indirect_crl: bool,
    pub(crate) only_contains_attribute_certs: bool,
}

impl Idp {
    fn from_der(der: &[u8]) -> Option<Self> {
        use der::Decode;
        let idp = x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint::from_der(der).ok()?;
        Some(Idp {
            distribution_point: idp.distribution_point,
            only_contains_user_certs: idp.only_contains_user_certs,
            only_contains_ca_certs: idp.only_contains_ca_certs,
            only_some_reasons: idp.only_some_reasons.map(|r| r.bits()),
            indirect_crl: idp.indirect_crl,
            only_contains_attribute_certs: idp.only_contains_attribute_certs,
        })
    }
}

// CRL extensions (RFC 5280 §5.2).
const OID_AKI: &str = "2.5.29.35";
const OID_ISSUER_ALT_NAME: &str = "2.5.29.18";
const OID_CRL_NUMBER: &str = "2.5.29.20";
const OID_DELTA_CRL_INDICATOR: &str = "2.5.29.27";
const OID_IDP: &str = "2.5.29.28";
const OID_FRESHEST_CRL: &str = "2.5.29.46";
const OID_AIA: &str = "1.3.6.1.5.5.7.1.1";
// CRL entry extensions (RFC 5280 §5.3): reasonCode, holdInstructionCode, invalidityDate and
// certificateIssuer, compared as `Oid`s below.

/// CRLReason value for removeFromCRL (delta CRLs only).
pub(crate) const REASON_REMOVE_FROM_CRL: u8 = 8;

/// The RFC 5280 §5.3.1 name of a CRLReason value.
pub(crate) fn reason_name(code: u8) -> String {
    match code {
        0 => "unspecified".into(),
        1 => "keyCompromise".into(),
        2 => "cACompromise".into(),
        3 => "affiliationChanged".into(),
        4 => "superseded".into(),
        5 => "cessationOfOperation".into(),
        6 => "certificateHold".into(),
        8 => "removeFromCRL".into(),
        9 => "privilegeWithdrawn".into(),
        10 => "aACompromise".into(),
        other => format!("reason {other}"),
    }
}

/// All reasons of ReasonFlags (bits 1..=8; bit 0 is unused).
pub(crate) const ALL_REASONS: u16 = 0x1fe;

/// Names of the reason flags in `mask`.
pub(crate) fn reason_flags_names(mask: u16) -> String {
    const NAMES: [&str; 9] = [
        "unused",
        "keyCompromise",
        "cACompromise",
        "affiliationChanged",
        "superseded",
        "cessationOfOperation",
        "certificateHold",
        "privilegeWithdrawn",
        "aACompromise",
    ];
    NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A revoked-certificate entry that matched.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) reason: Option<u8>,
    pub(crate) revocation_date: OffsetDateTime,
    pub(crate) invalidity_date: Option<OffsetDateTime>,
}

/// A CRL read for revocation checking.
pub(crate) struct CrlInfo<'a> {
    pub(crate) crl: &'a Crl,
    /// Position in the caller's list, for messages.
    pub(crate) index: usize,
    pub(crate) issuer: NormName,
    pub(crate) issuer_der: &'a [u8],
    pub(crate) issuer_string: String,
    pub(crate) this_update: OffsetDateTime,
    pub(crate) next_update: Option<OffsetDateTime>,
    pub(crate) number: Option<BigUint>,
    /// deltaCRLIndicator's BaseCRLNumber: present on delta CRLs only.
    pub(crate) delta_base: Option<BigUint>,
    pub(crate) idp: Option<Idp>,
    /// Raw extnValue of the IDP, to compare scopes of complete and delta CRLs.
    pub(crate) idp_raw: Option<&'a [u8]>,
    /// Why the CRL cannot be used at all, if so (from the CRL extensions; see
    /// [`CrlInfo::unusable_reason`] for the entries).
    pub(crate) unusable: Option<Message>,
}

impl<'a> CrlInfo<'a> {
    /// Read `crl` (position `index` in the caller's list).
    pub(crate) fn new(crl: &'a Crl, index: usize) -> Self {
        let parsed = crl.parsed();
        let tbs = &parsed.tbs_cert_list;
        let mut info = CrlInfo {
            crl,
            index,
            issuer: NormName::from_x509(&tbs.issuer),
            issuer_der: tbs.issuer.as_raw(),
            issuer_string: tbs.issuer.to_string(),
            this_update: tbs.this_update.to_datetime(),
            next_update: tbs.next_update.map(|t| t.to_datetime()),
            number: None,
            delta_base: None,
            idp: None,
            idp_raw: None,
            unusable: None,
        };
        if parsed.signature_algorithm.algorithm != tbs.signature.algorithm {
            // RFC 5280 §5.1.1.2: must be identical to the signature field of TBSCertList.
            info.unusable = Some(Message::new(rc::SIGNATURE_ALGORITHM_MISMATCH));
        }
        let mut seen: Vec<String> = Vec::new();
        for ext in tbs.extensions() {
            let oid = ext.oid.to_id_string();
            if seen.contains(&oid) {
                info.unusable.get_or_insert(Message::new(rc::DUPLICATE_EXTENSION).with("oid", &oid));
                continue;
            }
            seen.push(oid.clone());
            match oid.as_str() {
                OID_CRL_NUMBER => match ext.parsed_extension() {
                    // RFC 5280 §5.2.3: "this extension MUST be marked as non-critical".
                    ParsedExtension::CRLNumber(_) if ext.critical => {
                        info.unusable.get_or_insert(Message::new(rc::CRL_NUMBER_CRITICAL));
                    }
                    ParsedExtension::CRLNumber(n) => info.number = Some(n.clone()),
                    _ => {
                        info.unusable.get_or_insert(
                            Message::new(rc::MALFORMED_EXTENSION).with("extension", "cRLNumber"),
                        );
                    }
                },
                OID_DELTA_CRL_INDICATOR => match parse_integer(ext.value) {
                    Some(n) => info.delta_base = Some(n),
                    None => {
                        info.unusable.get_or_insert(
                            Message::new(rc::MALFORMED_EXTENSION).with("extension", "deltaCRLIndicator"),
                        );
                    }
                },
                OID_IDP => match Idp::from_der(ext.value) {
                    Some(idp) => {
                        info.idp = Some(idp);
                        info.idp_raw = Some(ext.value);
                    }
                    None => {
                        info.unusable.get_or_insert(
                            Message::new(rc::MALFORMED_EXTENSION)
                                .with("extension", "issuingDistributionPoint"),
                        );
                    }
                },
                OID_AKI | OID_ISSUER_ALT_NAME | OID_FRESHEST_CRL | OID_AIA => {}
                _ if ext.critical => {
                    info.unusable
                        .get_or_insert(Message::new(rc::UNRECOGNISED_CRITICAL_EXTENSION).with("oid", &oid));
                }
                _ => {}
            }
        }
        if info.number.is_none() && info.unusable.is_none() {
            // RFC 5280 §5.2.3: conforming CRL issuers MUST include the CRL number (v2 CRLs
            // only: §5.1.2.1). Without it deltas cannot be matched and freshness not ordered.
            info.unusable = Some(Message::new(rc::NO_CRL_NUMBER));
        }
        info
    }

    /// Why the CRL is unusable, if it is: its own extensions (checked on reading) or, checked
    /// here because it costs a pass over every entry, an entry extension (RFC 5280 §5.3).
    pub(crate) fn unusable_reason(&self) -> Option<Message> {
        self.unusable.clone().or_else(|| check_entry_extensions(self.crl.parsed()))
    }

    /// Whether this is a delta CRL (RFC 5280 §5.2.4).
    pub(crate) fn is_delta(&self) -> bool {
        self.delta_base.is_some()
    }

    /// Whether the IDP asserts indirectCRL.
    pub(crate) fn is_indirect(&self) -> bool {
        self.idp.as_ref().is_some_and(|i| i.indirect_crl)
    }

    /// A short label for messages: the issuer and the CRL number or position.
    pub(crate) fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("CRL #{n} of {}", self.issuer_string),
            None => format!("CRL {} of {}", self.index + 1, self.issuer_string),
        }
    }

    /// Find the entry for the certificate with serial `serial` (DER INTEGER content) issued by
    /// `cert_issuer` (RFC 5280 §5.3.3: in an indirect CRL, an entry's issuer is given by its
    /// certificateIssuer extension, or else by the previous entry's, the first defaulting to the
    /// CRL issuer).
    pub(crate) fn find_entry(&self, cert_issuer: &NormName, serial: &[u8]) -> Option<Entry> {
        let serial = normalise_serial(serial);
        let indirect = self.is_indirect();
        let mut entry_issuer_matches = self.issuer == *cert_issuer;
        for rc in self.crl.parsed().iter_revoked_certificates() {
            if indirect {
                if let Some(ext) = rc.iter_extensions().find(|e| e.oid == CERTIFICATE_ISSUER) {
                    entry_issuer_matches = general_names(ext.value).is_some_and(|names| {
                        names.iter().any(|n| matches!(n, NormGeneralName::Directory(d) if d == cert_issuer))
                    });
                }
            }
            if !entry_issuer_matches || normalise_serial(rc.raw_serial()) != serial {
                continue;
            }
            return Some(Entry {
                reason: rc.reason_code().map(|(_, c)| c.0),
                revocation_date: rc.revocation_date.to_datetime(),
                invalidity_date: rc.invalidity_date().map(|(_, t)| t.to_datetime()),
            });
        }
        None
    }
}

/// certificateIssuer (2.5.29.29), which oid-registry does not name.
const CERTIFICATE_ISSUER: Oid<'static> = oid!(2.5.29.29);

/// RFC 5280 §5.3: a CRL with an unrecognised critical entry extension must not be used.
/// (Compares OIDs without allocating: this runs over every entry.)
fn check_entry_extensions(crl: &x509_parser::prelude::CertificateRevocationList<'_>) -> Option<Message> {
    for rc in crl.iter_revoked_certificates() {
        for ext in rc.extensions() {
            let known = ext.oid == OID_X509_EXT_REASON_CODE
                || ext.oid == OID_X509_EXT_HOLD_INSTRUCTION_CODE
                || ext.oid == OID_X509_EXT_INVALIDITY_DATE
                || ext.oid == CERTIFICATE_ISSUER;
            if !known && ext.critical {
                return Some(
                    Message::new(rc::UNRECOGNISED_CRITICAL_ENTRY_EXTENSION)
                        .with("oid", ext.oid.to_id_string()),
                );
            }
            if known && malformed(ext) {
                return Some(Message::new(rc::MALFORMED_ENTRY_EXTENSION).with("oid", ext.oid.to_id_string()));
            }
        }
    }
    None
}

fn malformed(ext: &X509Extension<'_>) -> bool {
    if ext.oid == CERTIFICATE_ISSUER {
        general_names(ext.value).is_none()
    } else if ext.oid == OID_X509_EXT_REASON_CODE || ext.oid == OID_X509_EXT_INVALIDITY_DATE {
        ext.parsed_extension().error().is_some()
    } else {
        false
    }
}

/// Strip redundant leading octets of a DER INTEGER content so that equal values compare equal.
fn normalise_serial(s: &[u8]) -> &[u8] {
    let mut s = s;
    while s.len() > 1 {
        match (s[0], s[1] & 0x80) {
            (0x00, 0) | (0xff, 0x80) => s = &s[1..],
            _ => break,
        }
    }
    s
}

/// Parse a DER INTEGER (non-negative) into a BigUint.
fn parse_integer(der: &[u8]) -> Option<BigUint> {
    use x509_parser::der_parser::der::parse_der_integer;
    match parse_der_integer(der) {
        Ok(([], obj)) => obj.as_biguint().ok(),
        _ => None,
    }
}

/// Parse GeneralNames (SEQUENCE OF GeneralName).
pub(crate) fn general_names(der: &[u8]) -> Option<Vec<NormGeneralName>> {
    use x509_parser::asn1_rs::{FromDer as _, Sequence};
    let (rest, seq) = Sequence::from_der(der).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let mut content: &[u8] = seq.content.as_ref();
    let mut out = Vec::new();
    while !content.is_empty() {
        let (r, gn) =
            <GeneralName<'_> as FromDer<'_, x509_parser::error::X509Error>>::from_der(content).ok()?;
        out.push(NormGeneralName::from_x509(&gn));
        content = r;
    }
    if out.is_empty() { None } else { Some(out) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_normalise() {
        assert_eq!(normalise_serial(&[0, 0x7f]), &[0x7f]);
        assert_eq!(normalise_serial(&[0, 0x80]), &[0, 0x80]);
        assert_eq!(normalise_serial(&[0xff, 0xff]), &[0xff]);
        assert_eq!(normalise_serial(&[0xff, 0x7f]), &[0xff, 0x7f]);
    }

    #[test]
    fn reason_bits() {
        assert_eq!(reason_name(6), "certificateHold");
        assert_eq!(reason_name(8), "removeFromCRL");
        assert_eq!(reason_flags_names(0b110), "keyCompromise, cACompromise");
    }
}
