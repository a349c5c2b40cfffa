//! Distinguished names for issuing: a parser for the CLI's `--subject` strings and a DER encoder
//! that keeps attribute order, several values of one type (several `OU`) and UTF-8 text byte for
//! byte (RFC 5280 §4.1.2.4, §4.1.2.6; RFC 4514 for the string form).
//!
//! The string form lists RDNs most-significant first, as OpenSSL's `-subj` and Vietnamese CAs
//! write them: `C=VN, O=BỘ CÔNG THƯƠNG, OU=Cục Thương mại điện tử và Kinh tế số, CN=Nguyễn Văn A,
//! UID=MST:0101234567`. A `\` escapes the next character (`\,` `\+` `\\` `\=`); an unescaped `+`
//! joins attributes into one multi-valued RDN.

use crate::diag::codes::issue as codes;
use crate::error::{Error, Result};
use der::asn1::{Any, Ia5StringRef, ObjectIdentifier, PrintableStringRef, SetOfVec, Utf8StringRef};
use der::{Decode, Encode};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

/// How an attribute's value is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StringKind {
    Printable,
    Ia5,
    Utf8,
}

/// Known attribute types: short names (first is canonical), OID, string type.
/// RFC 5280 §4.1.2.4 and Appendix A; RFC 4519 for UID and DC; PKCS#9 for emailAddress.
const ATTRS: &[(&[&str], &str, StringKind)] = &[
    (&["C"], "2.5.4.6", StringKind::Printable),
    (&["ST", "S"], "2.5.4.8", StringKind::Utf8),
    (&["L"], "2.5.4.7", StringKind::Utf8),
    (&["STREET"], "2.5.4.9", StringKind::Utf8),
    (&["O"], "2.5.4.10", StringKind::Utf8),
    (&["OU"], "2.5.4.11", StringKind::Utf8),
    (&["CN"], "2.5.4.3", StringKind::Utf8),
    (&["T", "TITLE"], "2.5.4.12", StringKind::Utf8),
    (&["SN", "SURNAME"], "2.5.4.4", StringKind::Utf8),
    (&["GN", "GIVENNAME"], "2.5.4.42", StringKind::Utf8),
    (&["SERIALNUMBER"], "2.5.4.5", StringKind::Printable),
    (&["UID", "USERID"], crate::vn::UID_OID, StringKind::Utf8),
    (&["DC"], "0.9.2342.19200300.100.1.25", StringKind::Ia5),
    (&["E", "EMAILADDRESS"], "1.2.840.113549.1.9.1", StringKind::Ia5),
    (&["POSTALCODE"], "2.5.4.17", StringKind::Utf8),
    (&["ORGANIZATIONIDENTIFIER"], "2.5.4.97", StringKind::Utf8),
];

fn lookup_name(name: &str) -> Option<(&'static str, StringKind)> {
    let upper = name.trim().to_ascii_uppercase();
    ATTRS.iter().find(|(names, _, _)| names.contains(&upper.as_str())).map(|(_, oid, k)| (*oid, *k))
}

/// A distinguished name ready to be put in a certificate, CSR or CRL: its DER encoding, kept
/// exactly (names copied from an existing certificate stay byte-identical).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DistinguishedName {
    der: Vec<u8>,
}

impl DistinguishedName {
    /// Parse the string form (see the module documentation). Errors name the offending part.
    pub fn parse(s: &str) -> Result<Self> {
        let rdns = split_unescaped(s, ',')?;
        let mut seq = Vec::new();
        for rdn in rdns {
            if rdn.trim().is_empty() {
                return Err(Error::usage(codes::DN_EMPTY_COMPONENT).with("name", s));
            }
            let mut set = SetOfVec::new();
            for atv in split_unescaped(&rdn, '+')? {
                let (name, value) = split_attr(&atv)?;
                set.insert(encode_atv(&name, &value)?).map_err(|e| {
                    Error::usage(codes::DN_DUPLICATE_ATTRIBUTE).with("rdn", &atv).with("detail", e)
                })?;
            }
            seq.push(RelativeDistinguishedName(set));
        }
        Self::from_rdns(seq)
    }

    /// Build from (attribute, value) pairs in order, one attribute per RDN. Values are taken
    /// literally (no escaping). Attribute names as in [`DistinguishedName::parse`], or dotted
    /// OIDs.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Result<Self> {
        let mut seq = Vec::new();
        for (name, value) in pairs {
            let mut set = SetOfVec::new();
            set.insert(encode_atv(name, value)?).map_err(|e| {
                Error::usage(codes::DN_DUPLICATE_ATTRIBUTE).with("rdn", name).with("detail", e)
            })?;
            seq.push(RelativeDistinguishedName(set));
        }
        Self::from_rdns(seq)
    }

    fn from_rdns(seq: Vec<RelativeDistinguishedName>) -> Result<Self> {
        let der = RdnSequence(seq)
            .to_der()
            .map_err(|e| Error::usage(codes::ENCODE_FAILED).with("what", "Name").with("detail", e))?;
        Ok(DistinguishedName { der })
    }

    /// Take a DER-encoded `Name` as is (it must parse).
    pub fn from_der(der: &[u8]) -> Result<Self> {
        Name::from_der(der).map_err(|e| Error::input(codes::DN_MALFORMED).with("detail", e))?;
        Ok(DistinguishedName { der: der.to_vec() })
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// True when the name has no RDN (allowed only with a critical SAN, RFC 5280 §4.1.2.6).
    pub fn is_empty(&self) -> bool {
        // An empty SEQUENCE is 30 00.
        self.der.len() <= 2
    }

    /// The values of the attribute `name` (`"OU"`, `"UID"`, ...), in order.
    pub fn values(&self, name: &str) -> Vec<String> {
        let Some((oid, _)) = lookup_name(name) else { return Vec::new() };
        let Ok(parsed) = Name::from_der(&self.der) else { return Vec::new() };
        parsed
            .0
            .iter()
            .flat_map(|rdn| rdn.0.iter())
            .filter(|atv| atv.oid.to_string() == oid)
            .filter_map(|atv| any_to_string(&atv.value))
            .collect()
    }
}

impl std::fmt::Display for DistinguishedName {
    /// The string form accepted by [`DistinguishedName::parse`], most-significant RDN first.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match crate::name::render_der(&self.der) {
            Some(s) => f.write_str(&s),
            None => f.write_str("<invalid name>"),
        }
    }
}

/// Decode a directory string value (UTF8String, PrintableString, IA5String, BMPString,
/// TeletexString taken as Latin-1) to text.
pub(crate) fn any_to_string(any: &Any) -> Option<String> {
    use der::{Tag, Tagged};
    let bytes = any.value();
    match any.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
            std::str::from_utf8(bytes).ok().map(str::to_string)
        }
        Tag::TeletexString => Some(bytes.iter().map(|&b| b as char).collect()),
        Tag::BmpString => {
            if bytes.len() % 2 != 0 {
                return None;
            }
            let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

fn split_unescaped(s: &str, sep: char) -> Result<Vec<String>> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                // Keep the escape so that inner splits and attribute splitting see it.
                Some(n) => {
                    cur.push('\\');
                    cur.push(n);
                }
                None => {
                    return Err(Error::usage(codes::DN_LONE_BACKSLASH).with("name", s));
                }
            }
        } else if c == sep {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    parts.push(cur);
    Ok(parts)
}

/// Split `NAME=value` at the first unescaped `=`, and unescape the value.
fn split_attr(atv: &str) -> Result<(String, String)> {
    let mut name = String::new();
    let mut chars = atv.chars();
    let mut found = false;
    for c in chars.by_ref() {
        if c == '\\' {
            return Err(Error::usage(codes::DN_ESCAPED_NAME).with("attribute", atv.trim()));
        }
        if c == '=' {
            found = true;
            break;
        }
        name.push(c);
    }
    if !found {
        return Err(Error::usage(codes::DN_EXPECTED_NAME_VALUE).with("found", atv.trim()));
    }
    let mut value = String::new();
    let rest: String = chars.collect();
    let mut it = rest.trim().chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(n) = it.next() {
                value.push(n);
            }
        } else {
            value.push(c);
        }
    }
    Ok((name.trim().to_string(), value))
}

/// Encode one attribute. Known names get their RFC-mandated string type (`C`: PrintableString,
/// 2 letters; `E`/`DC`: IA5String); everything else is UTF8String (RFC 5280 §4.1.2.4: "CAs
/// conforming to this profile MUST use ... UTF8String" for new DirectoryStrings).
fn encode_atv(name: &str, value: &str) -> Result<AttributeTypeAndValue> {
    if name.is_empty() {
        return Err(Error::usage(codes::DN_MISSING_NAME).with("value", value));
    }
    if value.is_empty() {
        return Err(Error::usage(codes::DN_EMPTY_VALUE).with("name", name));
    }
    let (oid_str, kind) = match lookup_name(name) {
        Some(found) => found,
        None if name.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            // A dotted OID: leak nothing, parse it.
            ("", StringKind::Utf8)
        }
        None => {
            return Err(Error::usage(codes::DN_UNKNOWN_ATTRIBUTE).with("name", name));
        }
    };
    let oid_text = if oid_str.is_empty() { name } else { oid_str };
    let oid = ObjectIdentifier::new(oid_text)
        .map_err(|e| Error::usage(codes::DN_BAD_OID).with("name", name).with("detail", e))?;
    let bad = |code: crate::diag::Code| Error::usage(code).with("name", name).with("value", value);
    let any = match kind {
        StringKind::Printable => {
            if oid_text == "2.5.4.6" && (value.len() != 2 || !value.bytes().all(|b| b.is_ascii_alphabetic()))
            {
                return Err(bad(codes::DN_COUNTRY));
            }
            let s = PrintableStringRef::new(value).map_err(|_| bad(codes::DN_NOT_PRINTABLE))?;
            Any::encode_from(&s)
        }
        StringKind::Ia5 => {
            let s = Ia5StringRef::new(value).map_err(|_| bad(codes::DN_NOT_ASCII))?;
            Any::encode_from(&s)
        }
        StringKind::Utf8 => {
            let s = Utf8StringRef::new(value).map_err(|e| bad(codes::DN_BAD_VALUE).with("detail", e))?;
            Any::encode_from(&s)
        }
    }
    .map_err(|e| bad(codes::DN_BAD_VALUE).with("detail", e))?;
    Ok(AttributeTypeAndValue { oid, value: any })
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::prelude::FromDer;

    #[test]
    fn vietnamese_subject_round_trips_byte_for_byte() {
        let s = "C=VN, O=BỘ CÔNG THƯƠNG, OU=Cục Thương mại điện tử và Kinh tế số, OU=Phòng Chữ ký số, CN=Nguyễn Văn Ánh, UID=MST:0101234567";
        let dn = DistinguishedName::parse(s).unwrap();
        assert_eq!(dn.to_string(), s);
        assert_eq!(dn.values("OU"), vec!["Cục Thương mại điện tử và Kinh tế số", "Phòng Chữ ký số"]);
        assert_eq!(dn.values("UID"), vec!["MST:0101234567"]);
        // The UTF-8 bytes of the CN appear verbatim in the DER, as a UTF8String (tag 0x0c).
        let cn = "Nguyễn Văn Ánh".as_bytes();
        let pos = dn.der().windows(cn.len()).position(|w| w == cn).expect("CN bytes in DER");
        assert_eq!(dn.der()[pos - 2], 0x0c);
        assert_eq!(usize::from(dn.der()[pos - 1]), cn.len());
        // Parsed back by x509-parser identically.
        let (_, parsed) =
            <x509_parser::x509::X509Name as FromDer<'_, x509_parser::error::X509Error>>::from_der(dn.der())
                .unwrap();
        let cns: Vec<_> = parsed.iter_common_name().map(|a| a.as_str().unwrap().to_string()).collect();
        assert_eq!(cns, vec!["Nguyễn Văn Ánh"]);
        // Country is a PrintableString (tag 0x13).
        let vn = b"VN";
        let pos = dn.der().windows(2).position(|w| w == vn).unwrap();
        assert_eq!(dn.der()[pos - 2], 0x13);
    }

    #[test]
    fn commas_and_plus_are_escapable() {
        let dn = DistinguishedName::parse(r"C=VN, O=Công ty A\, B và C, CN=x\+y\\z").unwrap();
        assert_eq!(dn.values("O"), vec!["Công ty A, B và C"]);
        assert_eq!(dn.values("CN"), vec![r"x+y\z"]);
        assert_eq!(dn.to_string(), r"C=VN, O=Công ty A\, B và C, CN=x\+y\\z");
        let multi = DistinguishedName::parse("C=VN, CN=A+UID=CCCD:001090000001").unwrap();
        assert_eq!(multi.values("UID"), vec!["CCCD:001090000001"]);
        let (_, parsed) =
            <x509_parser::x509::X509Name as FromDer<'_, x509_parser::error::X509Error>>::from_der(
                multi.der(),
            )
            .unwrap();
        assert_eq!(parsed.iter().count(), 2);
    }

    #[test]
    fn bad_names_are_usage_errors() {
        for (bad, code) in [
            ("", codes::DN_EMPTY_COMPONENT),
            ("C=VN,", codes::DN_EMPTY_COMPONENT),
            ("C=VNM", codes::DN_COUNTRY),
            ("C=V1", codes::DN_COUNTRY),
            ("CN", codes::DN_EXPECTED_NAME_VALUE),
            ("XYZ=1", codes::DN_UNKNOWN_ATTRIBUTE),
            ("CN=", codes::DN_EMPTY_VALUE),
            ("=x", codes::DN_MISSING_NAME),
            ("CN=a\\", codes::DN_LONE_BACKSLASH),
            ("E=Nguyễn@x.vn", codes::DN_NOT_ASCII),
            ("C=VN, , CN=a", codes::DN_EMPTY_COMPONENT),
        ] {
            let e = DistinguishedName::parse(bad).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Usage, "{bad:?}: {e}");
            assert_eq!(e.code(), code, "{bad:?}: {e}");
        }
    }

    /// Display then parse gives back the same DER for values full of separators and escapes.
    #[test]
    fn string_form_round_trips() {
        use rand::{Rng, SeedableRng};
        let alphabet: Vec<char> = "aZ9 ,+=\\#;\"<>ĐđÁáỆệƯưỡ".chars().collect();
        let mut rng = rand::rngs::StdRng::seed_from_u64(42);
        for _ in 0..500 {
            let mut pairs = Vec::new();
            for name in ["O", "OU", "OU", "CN", "UID"] {
                let len = rng.gen_range(1..12);
                let mut v: String = (0..len).map(|_| alphabet[rng.gen_range(0..alphabet.len())]).collect();
                // Leading and trailing spaces are not significant in the string form.
                v = v.trim().to_string();
                if v.is_empty() {
                    v.push('x');
                }
                pairs.push((name, v));
            }
            let refs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let dn = DistinguishedName::from_pairs(&refs).unwrap();
            let text = dn.to_string();
            assert_eq!(DistinguishedName::parse(&text).unwrap(), dn, "{text}");
        }
    }

    #[test]
    fn dotted_oid_and_pairs() {
        let dn = DistinguishedName::parse("2.5.4.3=Tên, E=a@b.vn").unwrap();
        assert_eq!(dn.to_string(), "CN=Tên, E=a@b.vn");
        let p = DistinguishedName::from_pairs(&[("C", "VN"), ("OU", "a, b"), ("OU", "c")]).unwrap();
        assert_eq!(p.values("OU"), vec!["a, b", "c"]);
        assert_eq!(DistinguishedName::from_der(p.der()).unwrap(), p);
        assert!(DistinguishedName::from_der(&[0x30, 0x05]).is_err());
    }
}
