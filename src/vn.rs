//! Vietnam-specific helpers: decoding the identifiers carried in the `UID` attribute
//! (0.9.2342.19200300.100.1.1) of Vietnamese certificate subjects, and Vietnam local time.
//!
//! Vietnamese CAs put the holder's identifier in `UID` with a prefix naming its kind:
//! - `MST:` mã số thuế, the tax code of a business: 10 digits, or 10 digits plus a `-NNN`
//!   branch suffix (13 digits in total) for a dependent unit;
//! - `CCCD:` căn cước công dân, the 12-digit citizen identity number;
//! - `CMND:` chứng minh nhân dân, the old 9- (or 12-) digit identity card number;
//! - `HC:` hộ chiếu, a passport number (letters and digits).
//!
//! Vietnam uses UTC+7 all year (no daylight saving time).

use serde::Serialize;
use time::{OffsetDateTime, UtcOffset};

/// The OID of the `UID` (userId) attribute, 0.9.2342.19200300.100.1.1 (RFC 4519 §2.39).
pub const UID_OID: &str = "0.9.2342.19200300.100.1.1";

/// Vietnam's offset from UTC: +07:00, no DST.
pub const VIETNAM_OFFSET_HOURS: i8 = 7;

/// The kind of a Vietnamese identifier found in a `UID` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum IdKind {
    /// `MST:` tax code (mã số thuế) of a business or organisation.
    TaxCode,
    /// `CCCD:` citizen identity card number (căn cước công dân).
    CitizenId,
    /// `CMND:` old identity card number (chứng minh nhân dân).
    OldIdCard,
    /// `HC:` passport number (hộ chiếu).
    Passport,
}

impl IdKind {
    /// The prefix as written in certificates (`MST`, `CCCD`, `CMND`, `HC`).
    pub fn prefix(self) -> &'static str {
        match self {
            IdKind::TaxCode => "MST",
            IdKind::CitizenId => "CCCD",
            IdKind::OldIdCard => "CMND",
            IdKind::Passport => "HC",
        }
    }
    /// An English label.
    pub fn label_en(self) -> &'static str {
        match self {
            IdKind::TaxCode => "tax code",
            IdKind::CitizenId => "citizen ID",
            IdKind::OldIdCard => "identity card (old)",
            IdKind::Passport => "passport",
        }
    }
    /// A Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            IdKind::TaxCode => "mã số thuế",
            IdKind::CitizenId => "căn cước công dân",
            IdKind::OldIdCard => "chứng minh nhân dân",
            IdKind::Passport => "hộ chiếu",
        }
    }
}

/// A decoded Vietnamese identifier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VnId {
    /// Which kind of identifier.
    pub kind: IdKind,
    /// The identifier without its prefix (`0101234567-001`).
    pub value: String,
    /// For a tax code, the 10-digit main code (`0101234567`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main: Option<String>,
    /// For a tax code with a `-NNN` suffix, the branch number (`001`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// Whether the value has the expected shape for its kind (digit count etc.). A certificate
    /// with a malformed identifier is still shown; this flag lets callers warn.
    pub well_formed: bool,
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Decode a `UID` value such as `MST:0101234567`, `MST:0101234567-001`, `CCCD:001090000001`,
/// `CMND:012345678` or `HC:B1234567`. The prefix is case-insensitive and may be followed by
/// spaces. Returns `None` when the value has none of the known prefixes.
pub fn decode_uid(uid: &str) -> Option<VnId> {
    let (prefix, rest) = uid.split_once(':')?;
    let value = rest.trim().to_string();
    let kind = match prefix.trim().to_ascii_uppercase().as_str() {
        "MST" => IdKind::TaxCode,
        "CCCD" => IdKind::CitizenId,
        "CMND" => IdKind::OldIdCard,
        "HC" => IdKind::Passport,
        _ => return None,
    };
    let mut id = VnId { kind, value: value.clone(), main: None, branch: None, well_formed: false };
    match kind {
        IdKind::TaxCode => {
            // Tax code: 10 digits; a dependent unit adds "-NNN" (Circular 105/2020/TT-BTC).
            let (main, branch) = match value.split_once('-') {
                Some((m, b)) => (m, Some(b)),
                None => (value.as_str(), None),
            };
            let main_ok = main.len() == 10 && all_digits(main);
            let branch_ok = branch.is_none_or(|b| b.len() == 3 && all_digits(b));
            id.well_formed = main_ok && branch_ok;
            id.main = Some(main.to_string());
            id.branch = branch.map(str::to_string);
        }
        IdKind::CitizenId => id.well_formed = value.len() == 12 && all_digits(&value),
        IdKind::OldIdCard => id.well_formed = (value.len() == 9 || value.len() == 12) && all_digits(&value),
        IdKind::Passport => {
            id.well_formed =
                (6..=12).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphanumeric())
        }
    }
    Some(id)
}

/// The Vietnam time zone offset (+07:00).
pub fn vietnam_offset() -> UtcOffset {
    // 7 hours is always a valid offset.
    UtcOffset::from_hms(VIETNAM_OFFSET_HOURS, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// `t` expressed in Vietnam time (UTC+7).
pub fn to_vietnam_time(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(vietnam_offset())
}

/// RFC 3339 in UTC, whole seconds: `2026-11-22T08:00:00Z`.
pub fn rfc3339_utc(t: OffsetDateTime) -> String {
    let t = t.replace_nanosecond(0).unwrap_or(t).to_offset(UtcOffset::UTC);
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| t.to_string())
}

/// RFC 3339 in Vietnam time, whole seconds: `2026-11-22T15:00:00+07:00`.
pub fn rfc3339_vietnam(t: OffsetDateTime) -> String {
    let t = to_vietnam_time(t.replace_nanosecond(0).unwrap_or(t));
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| t.to_string())
}

/// A time for messages: RFC 3339 in UTC with the Vietnam time beside,
/// `2026-12-07T17:39:49Z (2026-12-08T00:39:49+07:00)`.
pub fn time_text(t: OffsetDateTime) -> String {
    format!("{} ({})", rfc3339_utc(t), rfc3339_vietnam(t))
}

/// Format `t` in UTC as `2026-11-22 13:05:51 UTC`.
pub fn format_utc(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    t.format(&fmt).unwrap_or_else(|_| t.to_string())
}

/// Format `t` in Vietnam time as `2026-11-22 20:05:51 (UTC+7)`.
pub fn format_vietnam(t: OffsetDateTime) -> String {
    let t = to_vietnam_time(t);
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] (UTC+7)");
    t.format(&fmt).unwrap_or_else(|_| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_code_with_and_without_branch() {
        let id = decode_uid("MST:0101234567").unwrap();
        assert_eq!(id.kind, IdKind::TaxCode);
        assert_eq!(id.main.as_deref(), Some("0101234567"));
        assert_eq!(id.branch, None);
        assert!(id.well_formed);
        let id = decode_uid("MST:0101234567-001").unwrap();
        assert_eq!(id.branch.as_deref(), Some("001"));
        assert_eq!(id.main.as_deref(), Some("0101234567"));
        assert!(id.well_formed);
        assert!(!decode_uid("MST:01012345").unwrap().well_formed);
        assert!(!decode_uid("MST:0101234567-01").unwrap().well_formed);
    }

    #[test]
    fn citizen_old_card_passport() {
        let id = decode_uid("CCCD:001090000001").unwrap();
        assert_eq!((id.kind, id.value.as_str(), id.well_formed), (IdKind::CitizenId, "001090000001", true));
        assert!(!decode_uid("CCCD:00109").unwrap().well_formed);
        let id = decode_uid("cmnd: 012345678").unwrap();
        assert_eq!((id.kind, id.value.as_str(), id.well_formed), (IdKind::OldIdCard, "012345678", true));
        let id = decode_uid("HC:B1234567").unwrap();
        assert_eq!((id.kind, id.well_formed), (IdKind::Passport, true));
        assert!(decode_uid("EMAIL:x@y").is_none());
        assert!(decode_uid("0101234567").is_none());
    }

    #[test]
    fn vietnam_time_is_utc_plus_7_without_dst() {
        let t = time::macros::datetime!(2026-01-15 20:30:00 UTC);
        let vn = to_vietnam_time(t);
        assert_eq!((vn.day(), vn.hour(), vn.minute()), (16, 3, 30));
        let summer = time::macros::datetime!(2026-07-15 00:00:00 UTC);
        assert_eq!(to_vietnam_time(summer).hour(), 7);
        assert_eq!(format_vietnam(t), "2026-01-16 03:30:00 (UTC+7)");
        assert_eq!(format_utc(vn), "2026-01-15 20:30:00 UTC");
    }

    #[test]
    fn times_in_messages_are_rfc3339_utc_with_vietnam_time() {
        let t = time::macros::datetime!(2026-12-07 17:39:49.5 UTC);
        assert_eq!(time_text(t), "2026-12-07T17:39:49Z (2026-12-08T00:39:49+07:00)");
    }
}
