//! Distinguished names: comparison per RFC 5280 §7.1 (and §4.1.2.4), used by path building,
//! name chaining (§6.1.3 (a)(4)), self-issued detection and directoryName name constraints.
//!
//! Rules implemented (RFC 5280 §7.1, RFC 4518 simplified):
//! - two names match when they have the same number of RDNs and each RDN matches the RDN at the
//!   same position;
//! - two RDNs match when they hold the same set of attributes (order inside the SET is ignored);
//! - attribute values encoded as PrintableString or UTF8String (and the other DirectoryString
//!   choices: TeletexString, BMPString, UniversalString) are compared after insignificant-space
//!   handling (leading and trailing spaces removed, inner runs of whitespace folded to one space)
//!   and case folding, so a PrintableString and a UTF8String holding the same text match
//!   (PKITS 4.3.10);
//! - values of any other type (IA5String, numeric, binary) are compared exactly, tag and bytes.
//!
//! Byte-identical encodings always match, which is also the fast path.

use std::borrow::Cow;
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AttributeTypeAndValue, RelativeDistinguishedName, X509Name};

const TAG_UTF8: u32 = 12;
const TAG_PRINTABLE: u32 = 19;
const TAG_TELETEX: u32 = 20;
const TAG_UNIVERSAL: u32 = 28;
const TAG_BMP: u32 = 30;

/// True when names `a` and `b` match per RFC 5280 §7.1. Allocation-free on the common paths
/// (identical encodings, or names that differ).
pub fn names_equal(a: &X509Name<'_>, b: &X509Name<'_>) -> bool {
    if a.as_raw() == b.as_raw() {
        return true;
    }
    a.iter().count() == b.iter().count() && a.iter().zip(b.iter()).all(|(x, y)| rdns_equal(x, y))
}

/// A canonical key of a name: two names match per [`names_equal`] exactly when their keys are
/// equal. Used to index large pools by subject (a hash lookup instead of a scan), and kept by
/// each certificate so that path building compares names with one `memcmp`.
pub fn name_key(name: &X509Name<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.as_raw().len() + 32);
    for rdn in name.iter() {
        let n = rdn.iter().count();
        out.extend_from_slice(&(n as u32).to_be_bytes());
        if n == 1 {
            for atv in rdn.iter() {
                attribute_key(atv, &mut out);
            }
        } else {
            // A multi-valued RDN is a set: its attributes in the order of their keys.
            let mut atvs: Vec<Vec<u8>> = rdn
                .iter()
                .map(|atv| {
                    let mut k = Vec::new();
                    attribute_key(atv, &mut k);
                    k
                })
                .collect();
            atvs.sort();
            for a in atvs {
                out.extend(a);
            }
        }
    }
    out
}

/// Append the key of one attribute: its length (4 octets), then the type OID (length and
/// octets) and the value, normalised text (`s`) or tag and bytes (`r`).
fn attribute_key(atv: &AttributeTypeAndValue<'_>, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(&[0; 4]);
    let oid = atv.attr_type().as_bytes();
    out.extend_from_slice(&(oid.len() as u32).to_be_bytes());
    out.extend_from_slice(oid);
    let v = atv.attr_value();
    match directory_string(v.tag().0, v.data) {
        Some(text) if is_simple_ascii(&text) => {
            out.push(b's');
            out.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
        }
        Some(text) => {
            out.push(b's');
            let mut buf = [0u8; 4];
            for c in normalized_chars(&text) {
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        None => {
            out.push(b'r');
            out.extend_from_slice(&v.tag().0.to_be_bytes());
            out.extend_from_slice(v.data);
        }
    }
    let len = (out.len() - start - 4) as u32;
    if let Some(head) = out.get_mut(start..start + 4) {
        head.copy_from_slice(&len.to_be_bytes());
    }
}

/// True when the two DER-encoded names match per RFC 5280 §7.1. Malformed encodings never match
/// (except when byte-identical).
pub fn der_names_equal(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    match (X509Name::from_der(a), X509Name::from_der(b)) {
        (Ok((_, na)), Ok((_, nb))) => names_equal(&na, &nb),
        _ => false,
    }
}

/// True when `prefix` is an RDN-wise prefix of `name` (RFC 5280 §4.2.1.10: a directoryName
/// constraint matches every name that starts with its RDNs). An empty prefix matches every name.
pub fn is_prefix(prefix: &X509Name<'_>, name: &X509Name<'_>) -> bool {
    let rp: Vec<_> = prefix.iter().collect();
    let rn: Vec<_> = name.iter().collect();
    rp.len() <= rn.len() && rp.iter().zip(rn.iter()).all(|(x, y)| rdns_equal(x, y))
}

/// True when two RDNs hold the same set of attributes (§7.1: a multi-valued RDN is a set).
pub fn rdns_equal(a: &RelativeDistinguishedName<'_>, b: &RelativeDistinguishedName<'_>) -> bool {
    let n = a.iter().count();
    if n != b.iter().count() {
        return false;
    }
    if n == 1 {
        return match (a.iter().next(), b.iter().next()) {
            (Some(x), Some(y)) => attributes_equal(x, y),
            _ => false,
        };
    }
    // Every attribute of `a` has a distinct match in `b` (sets: sizes are tiny, quadratic is fine).
    let vb: Vec<_> = b.iter().collect();
    let mut used = vec![false; vb.len()];
    'outer: for x in a.iter() {
        for (j, y) in vb.iter().enumerate() {
            if !used.get(j).copied().unwrap_or(true) && attributes_equal(x, y) {
                if let Some(u) = used.get_mut(j) {
                    *u = true;
                }
                continue 'outer;
            }
        }
        return false;
    }
    true
}

/// True when two attributes have the same type and matching values (§7.1).
pub fn attributes_equal(a: &AttributeTypeAndValue<'_>, b: &AttributeTypeAndValue<'_>) -> bool {
    if a.attr_type() != b.attr_type() {
        return false;
    }
    let (va, vb) = (a.attr_value(), b.attr_value());
    let (ta, tb) = (va.tag().0, vb.tag().0);
    if ta == tb && va.data == vb.data {
        return true;
    }
    match (directory_string(ta, va.data), directory_string(tb, vb.data)) {
        (Some(x), Some(y)) => {
            if is_simple_ascii(&x) && is_simple_ascii(&y) {
                x.eq_ignore_ascii_case(&y)
            } else {
                normalized_chars(&x).eq(normalized_chars(&y))
            }
        }
        _ => false,
    }
}

/// Decode a DirectoryString choice to text; None for other types or undecodable bytes.
fn directory_string(tag: u32, data: &[u8]) -> Option<Cow<'_, str>> {
    match tag {
        TAG_UTF8 | TAG_PRINTABLE => std::str::from_utf8(data).ok().map(Cow::Borrowed),
        // T.61 is treated as Latin-1, the usual practical reading.
        TAG_TELETEX => Some(Cow::Owned(data.iter().map(|&b| b as char).collect())),
        TAG_BMP => {
            if data.len() % 2 != 0 {
                return None;
            }
            let units = data.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]]));
            char::decode_utf16(units).collect::<Result<String, _>>().ok().map(Cow::Owned)
        }
        TAG_UNIVERSAL => {
            if data.len() % 4 != 0 {
                return None;
            }
            data.chunks_exact(4)
                .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                .collect::<Option<String>>()
                .map(Cow::Owned)
        }
        _ => None,
    }
}

/// ASCII text without leading, trailing or repeated whitespace: its normal form is itself
/// (up to ASCII case).
fn is_simple_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    b.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.iter().any(|c| c.is_ascii_whitespace() && *c != b' ')
        && !b.windows(2).any(|w| w == b"  ")
}

/// The characters of `normalize(s)`, without allocating.
fn normalized_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut first = true;
    s.split_whitespace().flat_map(move |word| {
        let sep = (!std::mem::replace(&mut first, false)).then_some(' ');
        sep.into_iter().chain(word.chars().flat_map(char::to_lowercase))
    })
}

/// RFC 4518 simplified: insignificant space handling (trim, fold inner whitespace runs to one
/// space) and case folding.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Short names of the attribute types kyso renders (RFC 4514 §3, RFC 4519; `E` for PKCS#9
/// emailAddress and `UID` for userId as Vietnamese CAs and `cert inspect` write them), with the
/// DER content octets of each OID (rendering finds them without formatting the OID).
const SHORT_NAMES: &[(&[u8], &str, &str)] = &[
    (&[0x55, 0x04, 0x06], "2.5.4.6", "C"),
    (&[0x55, 0x04, 0x08], "2.5.4.8", "ST"),
    (&[0x55, 0x04, 0x07], "2.5.4.7", "L"),
    (&[0x55, 0x04, 0x09], "2.5.4.9", "STREET"),
    (&[0x55, 0x04, 0x0a], "2.5.4.10", "O"),
    (&[0x55, 0x04, 0x0b], "2.5.4.11", "OU"),
    (&[0x55, 0x04, 0x03], "2.5.4.3", "CN"),
    (&[0x55, 0x04, 0x0c], "2.5.4.12", "T"),
    (&[0x55, 0x04, 0x04], "2.5.4.4", "SN"),
    (&[0x55, 0x04, 0x2a], "2.5.4.42", "GN"),
    (&[0x55, 0x04, 0x05], "2.5.4.5", "SERIALNUMBER"),
    (&[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01], "0.9.2342.19200300.100.1.1", "UID"),
    (&[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19], "0.9.2342.19200300.100.1.25", "DC"),
    (&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01], "1.2.840.113549.1.9.1", "E"),
    (&[0x55, 0x04, 0x11], "2.5.4.17", "POSTALCODE"),
    (&[0x55, 0x04, 0x61], "2.5.4.97", "ORGANIZATIONIDENTIFIER"),
];

/// The short name kyso writes for an attribute type given as a dotted OID.
pub fn short_name(oid: &str) -> Option<&'static str> {
    SHORT_NAMES.iter().find(|(_, o, _)| *o == oid).map(|(_, _, n)| *n)
}

/// Escape an attribute value per RFC 4514 §2.4: `"` `+` `,` `;` `<` `>` `\` anywhere, a leading
/// `#` or space, a trailing space, and NUL (as `\00`). Other characters (UTF-8 included) are
/// written as they are.
pub fn escape_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    let last = v.chars().count().saturating_sub(1);
    for (i, c) in v.chars().enumerate() {
        match c {
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            '\0' => out.push_str("\\00"),
            c => out.push(c),
        }
    }
    out
}

/// The text of a string-typed attribute value (UTF8String, PrintableString, IA5String,
/// VisibleString, TeletexString read as Latin-1, BMPString, UniversalString); None otherwise.
pub fn value_text(tag: u32, data: &[u8]) -> Option<String> {
    const TAG_IA5: u32 = 22;
    const TAG_VISIBLE: u32 = 26;
    match tag {
        TAG_IA5 | TAG_VISIBLE => std::str::from_utf8(data).ok().map(str::to_string),
        t => directory_string(t, data).map(Cow::into_owned),
    }
}

/// The one string form of a distinguished name used everywhere (reports, errors, JSON,
/// `cert inspect`): RDNs in certificate order, most significant first (`C=VN, O=…, CN=…`, as
/// Vietnamese CAs and the issuing parser write them), attributes of one RDN joined by `+`, short
/// names from [`short_name`] (dotted OID otherwise), values escaped per RFC 4514 §2.4, and a value
/// that is not a string written as `#` and the hex of its DER encoding (RFC 4514 §2.4).
pub fn render(name: &X509Name<'_>) -> String {
    let mut out = String::new();
    for (i, rdn) in name.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        for (j, atv) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            let oid = atv.attr_type();
            match SHORT_NAMES.iter().find(|(der, ..)| *der == oid.as_bytes()) {
                Some((_, _, short)) => out.push_str(short),
                None => {
                    let oid = oid.to_id_string();
                    out.push_str(short_name(&oid).unwrap_or(&oid));
                }
            }
            out.push('=');
            let v = atv.attr_value();
            match value_text(v.tag().0, v.data) {
                Some(text) => out.push_str(&escape_value(&text)),
                None => {
                    out.push('#');
                    out.push_str(&hex::encode(der_tlv(v.tag().0, v.header.is_constructed(), v.data)));
                }
            }
        }
    }
    out
}

/// [`render`] of a DER-encoded name; None when it does not parse.
pub fn render_der(der: &[u8]) -> Option<String> {
    match X509Name::from_der(der) {
        Ok((_, n)) => Some(render(&n)),
        Err(_) => None,
    }
}

/// Re-encode a universal-class TLV (values that reach here are short: low tag numbers).
fn der_tlv(tag: u32, constructed: bool, data: &[u8]) -> Vec<u8> {
    let mut v = vec![(tag.min(30) as u8) | if constructed { 0x20 } else { 0 }];
    let len = data.len();
    if len < 128 {
        v.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        v.push(0x80 | (bytes.len() - skip) as u8);
        v.extend_from_slice(&bytes[skip..]);
    }
    v.extend_from_slice(data);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    type Atv<'x> = (&'x [u64], u8, &'x [u8]);

    fn name_der(rdns: &[&[Atv<'_>]]) -> Vec<u8> {
        // Build a DER Name by hand: SEQUENCE OF SET OF SEQUENCE { OID, value }.
        fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
            let mut v = vec![tag];
            assert!(body.len() < 128);
            v.push(body.len() as u8);
            v.extend_from_slice(body);
            v
        }
        fn oid(arcs: &[u64]) -> Vec<u8> {
            let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
            for &a in &arcs[2..] {
                let mut tmp = vec![(a & 0x7f) as u8];
                let mut x = a >> 7;
                while x > 0 {
                    tmp.push(0x80 | (x & 0x7f) as u8);
                    x >>= 7;
                }
                tmp.reverse();
                body.extend(tmp);
            }
            tlv(6, &body)
        }
        let mut seq = Vec::new();
        for rdn in rdns {
            let mut set = Vec::new();
            for (o, tag, val) in rdn.iter() {
                let mut atv = oid(o);
                atv.extend(tlv(*tag, val));
                set.extend(tlv(0x30, &atv));
            }
            seq.extend(tlv(0x31, &set));
        }
        tlv(0x30, &seq)
    }
    const CN: &[u64] = &[2, 5, 4, 3];
    const O: &[u64] = &[2, 5, 4, 10];
    const C: &[u64] = &[2, 5, 4, 6];

    #[test]
    fn printable_and_utf8_match_case_and_space_insensitively() {
        let a = name_der(&[&[(C, 19, b"VN")], &[(CN, 19, b"Ban  Co Yeu ")]]);
        let b = name_der(&[&[(C, 19, b"vn")], &[(CN, 12, b" ban co yeu")]]);
        assert!(der_names_equal(&a, &b));
        let c = name_der(&[&[(C, 19, b"VN")], &[(CN, 12, b"ban co yeux")]]);
        assert!(!der_names_equal(&a, &c));
    }

    #[test]
    fn rdn_order_matters_but_set_order_does_not() {
        let a = name_der(&[&[(C, 19, b"VN"), (O, 19, b"Gov")], &[(CN, 19, b"x")]]);
        let b = name_der(&[&[(O, 19, b"GOV"), (C, 19, b"VN")], &[(CN, 19, b"x")]]);
        assert!(der_names_equal(&a, &b));
        let swapped = name_der(&[&[(CN, 19, b"x")], &[(C, 19, b"VN"), (O, 19, b"Gov")]]);
        assert!(!der_names_equal(&a, &swapped));
        let fewer = name_der(&[&[(C, 19, b"VN")], &[(CN, 19, b"x")]]);
        assert!(!der_names_equal(&a, &fewer));
    }

    #[test]
    fn other_types_compare_exactly_and_prefix_works() {
        // IA5String (22): exact.
        let a = name_der(&[&[(CN, 22, b"Mail")]]);
        let b = name_der(&[&[(CN, 22, b"mail")]]);
        assert!(!der_names_equal(&a, &b));
        // BMPString "AB" matches PrintableString "ab".
        let bmp = name_der(&[&[(CN, 30, &[0, b'A', 0, b'B'])]]);
        let pr = name_der(&[&[(CN, 19, b"ab")]]);
        assert!(der_names_equal(&bmp, &pr));
        let p = name_der(&[&[(C, 19, b"VN")]]);
        let full = name_der(&[&[(C, 19, b"vn")], &[(CN, 19, b"x")]]);
        let (_, np) = X509Name::from_der(&p).unwrap();
        let (_, nf) = X509Name::from_der(&full).unwrap();
        assert!(is_prefix(&np, &nf));
        assert!(!is_prefix(&nf, &np));
        assert!(!der_names_equal(b"\x30\x03garbage", &p));
    }

    #[test]
    fn name_key_agrees_with_names_equal() {
        let names = [
            name_der(&[&[(C, 19, b"VN")], &[(CN, 19, b"Ban  Co Yeu ")]]),
            name_der(&[&[(C, 19, b"vn")], &[(CN, 12, b" ban co yeu")]]),
            name_der(&[&[(C, 19, b"VN"), (O, 19, b"Gov")], &[(CN, 19, b"x")]]),
            name_der(&[&[(O, 19, b"GOV"), (C, 19, b"VN")], &[(CN, 19, b"x")]]),
            name_der(&[&[(CN, 22, b"Mail")]]),
            name_der(&[&[(CN, 22, b"mail")]]),
            name_der(&[&[(CN, 30, &[0, b'A', 0, b'B'])]]),
            name_der(&[&[(CN, 19, b"ab")]]),
            name_der(&[&[(CN, 12, b"a\tb")]]),
            name_der(&[&[(CN, 12, b"A B")]]),
        ];
        for a in &names {
            for b in &names {
                let (_, na) = X509Name::from_der(a).unwrap();
                let (_, nb) = X509Name::from_der(b).unwrap();
                assert_eq!(names_equal(&na, &nb), name_key(&na) == name_key(&nb));
            }
        }
    }

    #[test]
    fn short_name_oids_match_their_dotted_form() {
        for (der, dotted, _) in SHORT_NAMES {
            let oid = x509_parser::oid_registry::Oid::new(Cow::Borrowed(*der));
            assert_eq!(oid.to_id_string(), *dotted);
        }
    }

    #[test]
    fn render_uses_vietnamese_short_names_and_rfc4514_escaping() {
        const UID: &[u64] = &[0, 9, 2342, 19200300, 100, 1, 1];
        const E: &[u64] = &[1, 2, 840, 113549, 1, 9, 1];
        const L: &[u64] = &[2, 5, 4, 7];
        let der = name_der(&[
            &[(C, 19, b"VN")],
            &[(L, 12, "285/94B Cách mạng tháng 8, Phường 12".as_bytes())],
            &[(CN, 12, b"#a+b;c<d>\\\"q\" ")],
        ]);
        let der2 =
            name_der(&[&[(UID, 12, b"MST:0101234567"), (E, 22, b"a@b.vn")], &[(&[1, 2, 3], 4, b"\x01")]]);
        assert_eq!(
            render_der(&der).unwrap(),
            "C=VN, L=285/94B Cách mạng tháng 8\\, Phường 12, CN=\\#a\\+b\\;c\\<d\\>\\\\\\\"q\\\"\\ "
        );
        assert_eq!(render_der(&der2).unwrap(), "UID=MST:0101234567+E=a@b.vn, 1.2.3=#040101");
        assert_eq!(escape_value(" a "), "\\ a\\ ");
        assert_eq!(render_der(b"\x30\x03xx"), None);
    }
}
