//! Who signed and when: [`Identity`] (a certificate's subject decoded for Vietnamese subjects)
//! and [`TimeReport`] (a point in time in UTC and in Vietnam time).

use crate::certificate::Certificate;
use crate::vn::{IdKind, VnId, decode_uid};
use serde::Serialize;
use time::OffsetDateTime;

/// A point in time in UTC and in Vietnam time (UTC+7, no daylight saving).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeReport {
    /// RFC 3339 in UTC (`2026-11-22T08:00:00Z`).
    pub utc: String,
    /// RFC 3339 in Vietnam time (`2026-11-22T15:00:00+07:00`).
    pub vietnam: String,
    /// Seconds since the Unix epoch.
    pub unix: i64,
}

/// Vietnam's offset from UTC: +07:00 all year.
pub const VIETNAM_OFFSET_SECONDS: i32 = 7 * 3600;

impl TimeReport {
    /// Describe `t`.
    pub fn of(t: OffsetDateTime) -> Self {
        // Whole seconds: signing-time has no fraction, and a fraction of genTime is noise here.
        TimeReport {
            utc: crate::vn::rfc3339_utc(t),
            vietnam: crate::vn::rfc3339_vietnam(t),
            unix: t.unix_timestamp(),
        }
    }
}

/// Who a certificate names, decoded for Vietnamese subjects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// The full subject (RFC 4514-like).
    pub subject: String,
    /// commonName.
    pub common_name: Option<String>,
    /// organizationName.
    pub organization: Option<String>,
    /// organizationalUnitName values (agency hierarchy in the government PKI).
    pub organizational_units: Vec<String>,
    /// An e-mail address: the subject's emailAddress, else the first rfc822Name of the
    /// subjectAltName.
    pub email: Option<String>,
    /// The raw UID attribute (`MST:0101234567`).
    pub uid: Option<String>,
    /// The UID decoded ([`crate::vn::decode_uid`]): kind, value, tax-code branch, whether it is
    /// well formed.
    pub vn_id: Option<VnId>,
    /// Tax code from `UID=MST:...` (mã số thuế), including a branch suffix `-NNN`.
    pub tax_code: Option<String>,
    /// Citizen identity number from `UID=CCCD:...` (căn cước công dân).
    pub citizen_id: Option<String>,
    /// Old identity card number from `UID=CMND:...`.
    pub old_id_card: Option<String>,
    /// Passport number from `UID=HC:...` (hộ chiếu).
    pub passport: Option<String>,
    /// Issuer (RFC 4514-like).
    pub issuer: String,
    /// Serial number, hex.
    pub serial: String,
    /// SHA-256 of the certificate, hex.
    pub sha256: String,
    /// notBefore.
    pub not_before: TimeReport,
    /// notAfter.
    pub not_after: TimeReport,
}

/// The content octets of the DER encoding of the `UID` OID ([`crate::vn::UID_OID`],
/// 0.9.2342.19200300.100.1.1).
const UID_OID_CONTENT: &[u8] = &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01];

fn email_of(cert: &Certificate) -> Option<String> {
    let x = cert.x509();
    if let Some(e) = x.subject().iter_email().next().and_then(|a| a.as_str().ok()) {
        return Some(e.to_string());
    }
    let san = x.subject_alternative_name().ok().flatten()?;
    san.value.general_names.iter().find_map(|g| match g {
        x509_parser::extensions::GeneralName::RFC822Name(e) => Some(e.to_string()),
        _ => None,
    })
}

impl Identity {
    /// Describe `cert`.
    pub fn of(cert: &Certificate) -> Self {
        let x = cert.x509();
        let subj = x.subject();
        let first_str = |it: &mut dyn Iterator<Item = &x509_parser::x509::AttributeTypeAndValue>| {
            it.next().and_then(|a| a.as_str().ok().map(str::to_string))
        };
        let uid_oid = x509_parser::der_parser::Oid::new(std::borrow::Cow::Borrowed(UID_OID_CONTENT));
        let uid = first_str(&mut subj.iter_by_oid(&uid_oid));
        let vn_id = uid.as_deref().and_then(decode_uid);
        let value_of = |kind: IdKind| vn_id.as_ref().filter(|v| v.kind == kind).map(|v| v.value.clone());
        Identity {
            subject: cert.subject_string(),
            common_name: first_str(&mut subj.iter_common_name()),
            organization: first_str(&mut subj.iter_organization()),
            organizational_units: subj
                .iter_organizational_unit()
                .filter_map(|a| a.as_str().ok().map(str::to_string))
                .collect(),
            email: email_of(cert),
            uid,
            tax_code: value_of(IdKind::TaxCode),
            citizen_id: value_of(IdKind::CitizenId),
            old_id_card: value_of(IdKind::OldIdCard),
            passport: value_of(IdKind::Passport),
            vn_id,
            issuer: cert.issuer_string(),
            serial: cert.serial_hex(),
            sha256: hex::encode(cert.sha256()),
            not_before: TimeReport::of(x.validity().not_before.to_datetime()),
            not_after: TimeReport::of(x.validity().not_after.to_datetime()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_oid_content_is_the_uid_oid() {
        let oid = x509_parser::der_parser::Oid::new(std::borrow::Cow::Borrowed(UID_OID_CONTENT));
        assert_eq!(oid.to_id_string(), crate::vn::UID_OID);
    }

    #[test]
    fn vietnam_time() {
        let t = TimeReport::of(time::macros::datetime!(2026-11-22 08:00:00.5 UTC));
        assert_eq!(t.utc, "2026-11-22T08:00:00Z");
        assert_eq!(t.vietnam, "2026-11-22T15:00:00+07:00");
    }
}
