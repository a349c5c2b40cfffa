//! Distinguished names: comparison per RFC 5280 §7.1 (and §4.1.2.4), used by path building,
//! name chaining (§6.1.3 (a)(4)), self-issued detection and directoryName name constraints.
//!
//! Rules implemented (RFC 5280 §7.1 with RFC 4518 string preparation):
//! - two names match when they have the same number of RDNs and each RDN matches the RDN at the
//!   same position;
//! - two RDNs match when they hold the same set of attributes (order inside the SET is ignored);
//! - attribute values encoded as one of the DirectoryString choices (PrintableString,
//!   UTF8String, BMPString, UniversalString, and TeletexString read as Latin-1, the common
//!   practice: RFC 5280 gives T.61 no mapping) are compared by their characters after the
//!   string preparation of RFC 4518 for caseIgnoreMatch ([`prepare`]), so a PrintableString and
//!   a UTF8String holding the same text match (PKITS 4.3.10), and Vietnamese written precomposed
//!   (NFC, "dựng sẵn") matches the same text written decomposed (NFD, "tổ hợp");
//! - values of any other type (IA5String, numeric, binary) are compared exactly, tag and bytes.
//!
//! Byte-identical encodings always match, which is also the fast path.

use caseless::Caseless;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
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
    let text = directory_string(v.tag().0, v.data);
    match text.as_deref().and_then(prepare) {
        Some(prepared) => {
            out.push(b's');
            out.extend_from_slice(prepared.as_bytes());
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
    let (xa, xb) = (directory_string(ta, va.data), directory_string(tb, vb.data));
    match (xa.as_deref().and_then(prepare), xb.as_deref().and_then(prepare)) {
        (Some(x), Some(y)) => x == y,
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

/// Printable ASCII (U+0020 to U+007E) without leading, trailing or repeated spaces: RFC 4518
/// maps nothing in it, NFKC and case folding leave it as it is up to ASCII case, so its prepared
/// form is its ASCII lowercase (the fast path of almost every name).
fn is_simple_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().all(|c| (0x20..0x7f).contains(c))
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
}

/// RFC 4518 §2.2 (Map): what a character becomes before normalisation. `None`: mapped to
/// nothing (soft hyphens, joiners, variation selectors, the object replacement character,
/// control characters, ZERO WIDTH SPACE); `Some(' ')`: the whitespace controls (TAB, LF, VT, FF,
/// CR, NEL) and every other separator (Zs, Zl, Zp); otherwise the character itself (case folding
/// comes after, in [`prepare`]).
fn map_char(c: char) -> Option<char> {
    match c {
        '\u{09}'..='\u{0D}' | '\u{85}' => Some(' '),
        // Mapped to nothing: RFC 4518 §2.2, the list of control code points and of those with a
        // control function, then the soft hyphens, joiners and variation selectors.
        '\u{00}'..='\u{08}'
        | '\u{0E}'..='\u{1F}'
        | '\u{7F}'..='\u{84}'
        | '\u{86}'..='\u{9F}'
        | '\u{AD}'
        | '\u{34F}'
        | '\u{6DD}'
        | '\u{70F}'
        | '\u{1806}'
        | '\u{180B}'..='\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2063}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFC}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}' => None,
        '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Some(' '),
        c => Some(c),
    }
}

/// RFC 4518 §2.4 (Prohibit), the part kyso checks: private-use code points, non-characters and
/// the REPLACEMENT CHARACTER (unassigned code points are not checked: that needs the Unicode
/// character database).
fn prohibited(c: char) -> bool {
    matches!(c,
        '\u{E000}'..='\u{F8FF}'
        | '\u{F0000}'..='\u{FFFFD}'
        | '\u{100000}'..='\u{10FFFD}'
        | '\u{FDD0}'..='\u{FDEF}'
        | '\u{FFFD}'
    ) || (c as u32 & 0xFFFE) == 0xFFFE
}

/// The RFC 4518 string preparation of an attribute value for caseIgnoreMatch, the comparison
/// RFC 5280 §7.1 requires for DirectoryString attributes:
/// 1. Transcode: the caller gives the value's characters ([`value_text`]);
/// 2. Map (§2.2): `map_char`, then case folding. RFC 5280 asks for table B.2 of RFC 3454
///    (case folding "for use with NFKC"); kyso applies Unicode full case folding (CaseFolding.txt
///    statuses C and F, Unicode 16, the `caseless` crate) twice around a compatibility
///    decomposition, as Unicode's compatibility caseless match (D146) does:
///    fold(NFKD(fold(NFD(s)))), which gives the closure B.2 was built for (`℡` folds to `tel`);
/// 3. Normalize (§2.3): NFKC;
/// 4. Prohibit (§2.4): a value with a prohibited character (`prohibited`) has no prepared
///    form (`None`): the matching rule is then undefined, and kyso compares such a value by its
///    exact encoding;
/// 5. Check bidi (§2.5): nothing to do (RFC 4518 ignores bidirectional characters);
/// 6. Insignificant space handling (§2.6.1): leading and trailing spaces removed and inner runs
///    of spaces compressed. RFC 4518 writes inner runs as two spaces and an all-space value as
///    two spaces; kyso writes one space and the empty string, which gives the same equality.
///
/// Printable ASCII without stray spaces takes a fast path (its ASCII lowercase).
pub fn prepare(s: &str) -> Option<Cow<'_, str>> {
    if is_simple_ascii(s) {
        return Some(if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        });
    }
    if s.chars().any(prohibited) {
        return None;
    }
    let folded: String =
        s.chars().filter_map(map_char).nfd().default_case_fold().nfkd().default_case_fold().nfkc().collect();
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Some(Cow::Owned(out))
}

/// The RFC 4518 prepared form of `s` ([`prepare`]) as a string; a value with a prohibited
/// character is returned as it is.
pub fn normalize(s: &str) -> String {
    prepare(s).map(Cow::into_owned).unwrap_or_else(|| s.to_string())
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
            name_der(&[&[(O, 12, NFC.as_bytes())]]),
            name_der(&[&[(O, 12, NFD.as_bytes())]]),
            name_der(&[&[(O, 12, "BAN CƠ YẾU CHÍNH PHỦ".as_bytes())]]),
            name_der(&[&[(O, 12, "Straße".as_bytes())]]),
            name_der(&[&[(O, 19, b"STRASSE")]]),
            name_der(&[&[(CN, 12, "a\u{e000}".as_bytes())]]),
            name_der(&[&[(CN, 12, "A\u{e000}".as_bytes())]]),
            name_der(&[&[(CN, 12, b"a\x01b")]]),
            name_der(&[&[(CN, 19, b"ab")]]),
        ];
        for a in &names {
            for b in &names {
                let (_, na) = X509Name::from_der(a).unwrap();
                let (_, nb) = X509Name::from_der(b).unwrap();
                assert_eq!(names_equal(&na, &nb), name_key(&na) == name_key(&nb));
            }
        }
    }

    /// "Ban Cơ yếu Chính phủ" precomposed (NFC) and decomposed (NFD), as UTF-8 bytes.
    const NFC: &str = "Ban C\u{1a1} y\u{1ebf}u Ch\u{ed}nh ph\u{1ee7}";
    const NFD: &str = "Ban Co\u{31b} ye\u{302}\u{301}u Chi\u{301}nh phu\u{309}";

    #[test]
    fn rfc4518_preparation() {
        use unicode_normalization::UnicodeNormalization;
        assert_ne!(NFC, NFD);
        assert_eq!(NFC.nfd().collect::<String>(), NFD);
        assert_eq!(prepare(NFC), prepare(NFD));
        assert_eq!(prepare(NFC).unwrap(), "ban c\u{1a1} y\u{1ebf}u ch\u{ed}nh ph\u{1ee7}");
        // Upper-case Vietnamese folds to lower case (Ế, Ủ, Đ), in either form.
        assert_eq!(prepare("BAN CƠ YẾU CHÍNH PHỦ").unwrap(), prepare(NFC).unwrap());
        assert_eq!(prepare("ĐẢNG").unwrap(), prepare("\u{111}a\u{309}ng").unwrap());
        // Full case folding (ß -> ss) and compatibility characters (℡ -> tel, ﬁ -> fi, width).
        assert_eq!(prepare("Straße").unwrap(), "strasse");
        assert_eq!(prepare("\u{2121} ﬁle").unwrap(), "tel file");
        assert_eq!(prepare("ＶＮＰＴ").unwrap(), "vnpt");
        // Insignificant spaces: NBSP, ideographic space, tabs, leading/trailing, inner runs.
        assert_eq!(prepare("\u{a0} Viettel\u{3000}\t  CA \n").unwrap(), "viettel ca");
        assert_eq!(prepare("   ").unwrap(), prepare("").unwrap());
        // Mapped to nothing: soft hyphen, zero width space, controls, variation selectors.
        assert_eq!(prepare("Fast\u{ad}CA\u{200b}\u{1}\u{fe0f}").unwrap(), "fastca");
        // Prohibited characters: no prepared form (compared exactly by the callers).
        assert_eq!(prepare("a\u{e000}"), None);
        assert_eq!(prepare("a\u{fffd}"), None);
        assert_eq!(prepare("a\u{fffe}"), None);
        // The ASCII fast path agrees with the general one.
        assert!(matches!(prepare("already lower"), Some(Cow::Borrowed(_))));
        assert_eq!(prepare("Mixed Case").unwrap(), "mixed case");
        assert_eq!(normalize("a\u{e000}"), "a\u{e000}");
        assert_eq!(normalize(NFD), normalize(NFC));
    }

    #[test]
    fn vietnamese_names_in_nfc_and_nfd_match_in_every_string_type() {
        let bmp = |s: &str| s.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>();
        let nfc = name_der(&[&[(C, 19, b"VN")], &[(O, 12, NFC.as_bytes())]]);
        let nfd = name_der(&[&[(C, 19, b"VN")], &[(O, 12, NFD.as_bytes())]]);
        let nfd_bmp = name_der(&[&[(C, 19, b"VN")], &[(O, 30, &bmp(NFD))]]);
        let upper = name_der(&[&[(C, 19, b"vn")], &[(O, 12, " BAN CƠ  YẾU CHÍNH PHỦ".as_bytes())]]);
        let other = name_der(&[&[(C, 19, b"VN")], &[(O, 12, "Ban Cơ yếu Chính phu".as_bytes())]]);
        for (a, b) in [(&nfc, &nfd), (&nfd, &nfc), (&nfc, &nfd_bmp), (&nfd_bmp, &upper)] {
            assert!(der_names_equal(a, b));
        }
        assert!(!der_names_equal(&nfc, &other));
        assert!(!der_names_equal(&nfd, &other));
        let (_, prefix) = X509Name::from_der(&nfc).unwrap();
        let full = name_der(&[&[(C, 19, b"VN")], &[(O, 12, NFD.as_bytes())], &[(CN, 12, b"x")]]);
        let (_, full) = X509Name::from_der(&full).unwrap();
        assert!(is_prefix(&prefix, &full));
        // Prohibited characters compare by their exact encoding.
        let pua = name_der(&[&[(CN, 12, "a\u{e000}".as_bytes())]]);
        let pua_upper = name_der(&[&[(CN, 12, "A\u{e000}".as_bytes())]]);
        assert!(der_names_equal(&pua, &pua));
        assert!(!der_names_equal(&pua, &pua_upper));
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
