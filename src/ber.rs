//! BER to DER (ITU-T X.690), as PKCS#12 files from Windows, Java and NSS and CMS messages from
//! streaming encoders (`openssl cms -stream`, X.690 §8.7.3 segmented eContent) need it:
//! indefinite lengths become definite (section 10.1), non-minimal lengths minimal (10.1),
//! constructed OCTET STRINGs and other constructed character strings primitive (10.2), and,
//! with [`to_der`], the elements of SETs sorted (11.6). The contents of primitive values are
//! copied untouched, so a MAC over an OCTET STRING's value still verifies.
//!
//! [`to_der_keeping_set_order`] leaves SET elements in place: CMS embeds certificates whose
//! signatures cover their exact bytes (a multi-valued RDN out of DER order must stay so).

use crate::diag::Code;
use crate::diag::codes::input;
use crate::error::{Error, Result};

/// Deepest nesting accepted: a PKCS#12 file nests about 12 levels, a CMS message with an
/// embedded timestamp token about 30. Each level may copy its contents once, so memory stays
/// below `MAX_DEPTH` times the input size.
const MAX_DEPTH: usize = 64;

fn err(code: Code) -> Error {
    Error::input(code)
}

/// `code` at byte `offset` of the input.
fn err_at(code: Code, offset: usize) -> Error {
    Error::input(
        crate::diag::Message::new(input::ASN1_AT_BYTE)
            .with_message("problem", crate::diag::Message::new(code))
            .with("offset", offset),
    )
}

/// The input ends at byte `end`, `missing` bytes short of what its headers say.
fn truncated_at(end: usize, missing: usize) -> Error {
    Error::input(
        crate::diag::Message::new(input::ASN1_TRUNCATED_AT).with("offset", end).with("missing", missing),
    )
}

/// One TLV: its identifier octets, whether it is constructed, its length (`None` for indefinite)
/// and where its contents start.
struct Header<'a> {
    tag: &'a [u8],
    constructed: bool,
    len: Option<usize>,
    content_start: usize,
}

fn read_header(input: &[u8], pos: usize) -> Result<Header<'_>> {
    let first = *input.get(pos).ok_or_else(|| truncated_at(input.len(), 1))?;
    let mut end = pos + 1;
    if first & 0x1f == 0x1f {
        // High tag number form (X.690 section 8.1.2.4): continuation bytes with bit 8 set.
        loop {
            let b = *input.get(end).ok_or_else(|| truncated_at(input.len(), 1))?;
            end += 1;
            if end - pos > 5 {
                return Err(err_at(input::BER_TAG_TOO_LARGE, pos));
            }
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let tag = input.get(pos..end).ok_or_else(|| truncated_at(input.len(), 1))?;
    let constructed = first & 0x20 != 0;
    let l = *input.get(end).ok_or_else(|| truncated_at(input.len(), 1))?;
    end += 1;
    let len = if l < 0x80 {
        Some(usize::from(l))
    } else if l == 0x80 {
        if !constructed {
            return Err(err_at(input::BER_INDEFINITE_PRIMITIVE, pos));
        }
        None
    } else {
        let n = usize::from(l & 0x7f);
        if n > 4 {
            return Err(err_at(input::BER_LENGTH_TOO_LARGE, pos));
        }
        let bytes =
            input.get(end..end + n).ok_or_else(|| truncated_at(input.len(), end + n - input.len()))?;
        end += n;
        Some(bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b)))
    };
    if let Some(len) = len {
        let available = input.len().saturating_sub(end);
        if available < len {
            return Err(truncated_at(input.len(), len - available));
        }
    }
    Ok(Header { tag, constructed, len, content_start: end })
}

fn write_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// Universal string types whose constructed form is concatenated (X.690 section 8.21.6):
/// OCTET STRING, UTF8String, PrintableString, IA5String, BMPString.
fn is_concatenable_string(tag: &[u8]) -> bool {
    matches!(tag, [0x24] | [0x2c] | [0x33] | [0x36] | [0x3e])
}

/// The contents of a DER TLV (the TLV itself is known to be well formed).
fn contents(tlv: &[u8]) -> Result<&[u8]> {
    let h = read_header(tlv, 0)?;
    let len = h.len.ok_or_else(|| err(input::BER_INDEFINITE_LENGTH))?;
    tlv.get(h.content_start..h.content_start + len).ok_or_else(|| err(input::BER_TRUNCATED))
}

fn convert(input: &[u8], pos: &mut usize, out: &mut Vec<u8>, depth: usize, sort_sets: bool) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(err(input::BER_TOO_DEEP));
    }
    let h = read_header(input, *pos)?;
    if !h.constructed {
        let len = h.len.ok_or_else(|| err(input::BER_INDEFINITE_PRIMITIVE))?;
        let body =
            input.get(h.content_start..h.content_start + len).ok_or_else(|| err(input::BER_TRUNCATED))?;
        out.extend_from_slice(h.tag);
        write_len(out, len);
        out.extend_from_slice(body);
        *pos = h.content_start + len;
        return Ok(());
    }
    let mut children: Vec<Vec<u8>> = Vec::new();
    let mut p = h.content_start;
    match h.len {
        Some(len) => {
            let end = h.content_start + len;
            // Convert the contents on their own, so a child cannot run past the parent's end.
            let inner = input.get(..end).ok_or_else(|| err(input::BER_TRUNCATED))?;
            while p < end {
                let mut child = Vec::new();
                convert(inner, &mut p, &mut child, depth + 1, sort_sets)?;
                children.push(child);
            }
            *pos = end;
        }
        None => {
            loop {
                match input.get(p..p + 2) {
                    Some([0, 0]) => {
                        p += 2;
                        break;
                    }
                    Some(_) => {}
                    None => return Err(err(input::BER_NO_END_OF_CONTENTS)),
                }
                let mut child = Vec::new();
                convert(input, &mut p, &mut child, depth + 1, sort_sets)?;
                children.push(child);
            }
            *pos = p;
        }
    }
    if is_concatenable_string(h.tag) {
        // A constructed string: its segments are strings of the same type (X.690 8.21.6).
        let primitive_tag = h.tag.first().copied().unwrap_or_default() & !0x20;
        let mut body = Vec::new();
        for c in &children {
            if c.first() != Some(&primitive_tag) {
                return Err(err(input::BER_MIXED_SEGMENTS));
            }
            body.extend_from_slice(contents(c)?);
        }
        out.push(primitive_tag);
        write_len(out, body.len());
        out.extend_from_slice(&body);
        return Ok(());
    }
    if sort_sets && h.tag == [0x31] {
        // SET / SET OF: DER orders the elements (X.690 section 11.6).
        children.sort();
    }
    let len: usize = children.iter().map(Vec::len).sum();
    out.extend_from_slice(h.tag);
    write_len(out, len);
    children.iter().for_each(|c| out.extend_from_slice(c));
    Ok(())
}

/// Re-encode one BER value as DER (see the module documentation). Trailing data is an error.
pub(crate) fn to_der(input: &[u8]) -> Result<Vec<u8>> {
    normalize(input, true)
}

/// As [`to_der`], but the elements of SETs keep their order (lengths and strings only).
pub(crate) fn to_der_keeping_set_order(input: &[u8]) -> Result<Vec<u8>> {
    normalize(input, false)
}

fn normalize(input: &[u8], sort_sets: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len());
    let mut pos = 0;
    convert(input, &mut pos, &mut out, 0, sort_sets)?;
    if pos != input.len() {
        return Err(err(input::BER_TRAILING_DATA));
    }
    Ok(out)
}

/// The direct children of a DER constructed value, as whole TLVs.
pub(crate) fn children(der: &[u8]) -> Result<Vec<&[u8]>> {
    let body = contents(der)?;
    let mut out = Vec::new();
    let mut p = 0;
    while p < body.len() {
        let h = read_header(body, p)?;
        let len = h.len.ok_or_else(|| err(input::BER_INDEFINITE_LENGTH))?;
        let end = h.content_start + len;
        out.push(body.get(p..end).ok_or_else(|| err(input::BER_TRUNCATED))?);
        p = end;
    }
    Ok(out)
}

/// The contents of a DER TLV.
pub(crate) fn value(der: &[u8]) -> Result<&[u8]> {
    contents(der)
}

/// The name of an ASN.1 universal tag number as X.680 spells it, or `[UNIVERSAL n]`.
fn universal_name(n: u8) -> String {
    let name = match n {
        1 => "BOOLEAN",
        2 => "INTEGER",
        3 => "BIT STRING",
        4 => "OCTET STRING",
        5 => "NULL",
        6 => "OBJECT IDENTIFIER",
        9 => "REAL",
        10 => "ENUMERATED",
        12 => "UTF8String",
        16 => "SEQUENCE",
        17 => "SET",
        18 => "NumericString",
        19 => "PrintableString",
        20 => "TeletexString",
        21 => "VideotexString",
        22 => "IA5String",
        23 => "UTCTime",
        24 => "GeneralizedTime",
        26 => "VisibleString",
        30 => "BMPString",
        _ => return format!("[UNIVERSAL {n}]"),
    };
    name.to_string()
}

/// The name of an x509-parser (asn1-rs) tag: universal names as X.680 spells them, `[n]` for
/// other classes' numbers (asn1-rs does not keep the class).
fn tag_name(tag: x509_parser::der_parser::asn1_rs::Tag) -> String {
    match u8::try_from(tag.0).map(universal_name) {
        Ok(name) if !name.starts_with('[') => name,
        _ => format!("[{}]", tag.0),
    }
}

/// The name of a `der` crate tag in ASN.1 notation: `SEQUENCE`, `[0]`, `[APPLICATION 1]`,
/// `[PRIVATE 2]`.
pub(crate) fn der_tag_name(tag: der::Tag) -> String {
    let n = tag.number().value();
    match tag.class() {
        der::Class::Universal => universal_name(n),
        der::Class::ContextSpecific => format!("[{n}]"),
        der::Class::Application => format!("[APPLICATION {n}]"),
        der::Class::Private => format!("[PRIVATE {n}]"),
    }
}

/// What a `der` crate error means, in words (a typed message): what was expected and found,
/// with the byte offset where the decoder stopped when it knows it ("expected SEQUENCE, found
/// OBJECT IDENTIFIER at byte 36"). Never the crate's own names (`TagUnexpected`, `Tag(0x10)`).
pub(crate) fn der_error_message(e: der::Error) -> crate::diag::Message {
    der_error_message_at(e, 0)
}

/// [`der_error_message`] for an error in a value that starts `base` bytes into the input the
/// user gave (the offset said is then from the start of that input).
pub(crate) fn der_error_message_at(e: der::Error, base: usize) -> crate::diag::Message {
    use crate::diag::Message;
    use der::ErrorKind as K;
    let tagged = |code, tag: der::Tag| Message::new(code).with("tag", der_tag_name(tag));
    // Without a position the decoder failed on the header it read first: the value's start.
    let position = match (e.position(), e.kind()) {
        (None, K::TagUnexpected { .. } | K::TagUnknown { .. }) => Some(base as u64),
        (p, _) => p.map(|p| u64::from(u32::from(p)) + base as u64),
    };
    let problem = match e.kind() {
        K::TagUnexpected { expected: Some(expected), actual } => Message::new(input::ASN1_UNEXPECTED_TAG)
            .with("expected", der_tag_name(expected))
            .with("actual", der_tag_name(actual)),
        K::TagUnexpected { expected: None, actual } => {
            Message::new(input::ASN1_UNEXPECTED_TAG_ANY).with("actual", der_tag_name(actual))
        }
        K::Incomplete { expected_len, actual_len } => {
            let missing = u32::from(expected_len).saturating_sub(u32::from(actual_len));
            match position {
                Some(at) => {
                    return Message::new(input::ASN1_TRUNCATED_AT)
                        .with("offset", at)
                        .with("missing", missing);
                }
                None => Message::new(input::ASN1_TRUNCATED),
            }
        }
        K::IndefiniteLength => Message::new(input::ASN1_INDEFINITE_LENGTH),
        // The decoder stops at the end of what it decoded: the data after it is the problem.
        K::TrailingData { decoded, .. } => {
            let at = u64::from(u32::from(decoded)) + base as u64;
            return Message::new(input::ASN1_TRAILING_DATA).with("offset", at);
        }
        K::Length { tag } => tagged(input::ASN1_BAD_LENGTH, tag),
        K::Noncanonical { tag } => tagged(input::ASN1_NON_CANONICAL, tag),
        K::Value { tag } => tagged(input::ASN1_BAD_VALUE, tag),
        K::OidMalformed => Message::new(input::ASN1_OID_MALFORMED),
        K::OidUnknown { oid } => Message::new(input::ASN1_OID_UNKNOWN).with("oid", oid),
        K::SetDuplicate => Message::new(input::ASN1_SET_DUPLICATE),
        K::SetOrdering => Message::new(input::ASN1_SET_ORDER),
        K::Overflow | K::Overlength => Message::new(input::ASN1_TOO_LONG),
        K::DateTime => Message::new(input::ASN1_BAD_TIME),
        K::Utf8(_) => Message::new(input::ASN1_BAD_UTF8),
        K::TagUnknown { byte } => {
            Message::new(input::ASN1_TAG_UNSUPPORTED).with("byte", format!("{byte:02X}"))
        }
        K::TagNumberInvalid | K::TagModeUnknown => Message::new(input::ASN1_BAD_HEADER),
        _ => Message::new(input::ASN1_MALFORMED),
    };
    match position {
        Some(at) => Message::new(input::ASN1_AT_BYTE).with_message("problem", problem).with("offset", at),
        None => problem,
    }
}

/// `code` (a message with a `{detail}` placeholder) with a `der` crate error in words as its
/// detail (see [`der_error_message`]).
pub(crate) fn der_detail(code: Code, e: der::Error) -> crate::diag::Message {
    crate::diag::Message::new(code).with_message("detail", der_error_message(e))
}

/// As [`der_detail`] for an error met decoding `input`: when the `der` crate does not say where
/// (it reports indefinite lengths and some truncations without a position), the offset of the
/// first header DER cannot take is found by walking `input`.
pub(crate) fn der_detail_in(code: Code, e: der::Error, input: &[u8]) -> crate::diag::Message {
    let e = match (e.position(), e.kind()) {
        (None, der::ErrorKind::IndefiniteLength | der::ErrorKind::Incomplete { .. }) => {
            match first_bad_header(input).and_then(|p| der::Length::try_from(p).ok()) {
                Some(p) => der::Error::new(e.kind(), p),
                None => e,
            }
        }
        _ => e,
    };
    der_detail(code, e)
}

/// Where the first TLV header that DER cannot take starts (an indefinite length, a truncated
/// header, a length past the end of its parent), depth first; `None` when every header is fine.
fn first_bad_header(input: &[u8]) -> Option<usize> {
    fn walk(input: &[u8], start: usize, end: usize, depth: usize) -> Option<usize> {
        let within = input.get(..end)?;
        let mut pos = start;
        while pos < end {
            let Ok(h) = read_header(within, pos) else { return Some(pos) };
            let Some(len) = h.len else { return Some(pos) };
            let next = h.content_start + len;
            if h.constructed && depth < MAX_DEPTH {
                if let Some(p) = walk(input, h.content_start, next, depth + 1) {
                    return Some(p);
                }
            }
            pos = next;
        }
        None
    }
    walk(input, 0, input.len(), 0)
}

/// What an x509-parser error means, in words (a typed message): the structure that failed and,
/// for DER errors, what was expected and found. Neither x509-parser nor asn1-rs reports the byte
/// offset of the failure, so none is given.
pub(crate) fn x509_error_message(
    e: &x509_parser::nom::Err<x509_parser::error::X509Error>,
) -> crate::diag::Message {
    use crate::diag::Message;
    use x509_parser::der_parser::asn1_rs::{DerConstraint, Error as AsnError};
    use x509_parser::error::X509Error as X;
    let x = match e {
        x509_parser::nom::Err::Incomplete(_) => return Message::new(input::ASN1_TRUNCATED),
        x509_parser::nom::Err::Error(x) | x509_parser::nom::Err::Failure(x) => x,
    };
    let field = |what: &str| Message::new(input::ASN1_FIELD_INVALID).with("field", what);
    match x {
        X::Der(d) => match d {
            AsnError::UnexpectedTag { expected, actual } => Message::new(input::ASN1_UNEXPECTED_TAG)
                .with("expected", expected.map(tag_name).unwrap_or_else(|| "?".into()))
                .with("actual", tag_name(*actual)),
            AsnError::Incomplete(_) | AsnError::NomError(x509_parser::nom::error::ErrorKind::Eof) => {
                Message::new(input::ASN1_TRUNCATED)
            }
            AsnError::DerConstraintFailed(DerConstraint::IndefiniteLength) => {
                Message::new(input::ASN1_INDEFINITE_LENGTH)
            }
            AsnError::InvalidLength | AsnError::InvalidTag => Message::new(input::ASN1_BAD_HEADER),
            _ => Message::new(input::ASN1_MALFORMED),
        },
        X::NomError(x509_parser::nom::error::ErrorKind::Eof) => Message::new(input::ASN1_TRUNCATED),
        X::InvalidVersion => field("version"),
        X::InvalidSerial => field("serialNumber"),
        X::InvalidAlgorithmIdentifier => field("AlgorithmIdentifier"),
        X::InvalidX509Name => field("Name"),
        X::InvalidDate => field("Validity"),
        X::InvalidSPKI => field("SubjectPublicKeyInfo"),
        X::InvalidSubjectUID => field("subjectUniqueID"),
        X::InvalidIssuerUID => field("issuerUniqueID"),
        X::InvalidExtensions => field("extensions"),
        X::InvalidAttributes => field("attributes"),
        X::DuplicateExtensions => Message::new(input::ASN1_DUPLICATE).with("field", "extensions"),
        X::DuplicateAttributes => Message::new(input::ASN1_DUPLICATE).with("field", "attributes"),
        X::InvalidSignatureValue => field("signatureValue"),
        X::InvalidTbsCertificate => field("tbsCertificate"),
        X::InvalidUserCertificate => field("userCertificate"),
        X::InvalidCertificate => field("Certificate"),
        _ => Message::new(input::ASN1_MALFORMED),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indefinite_lengths_and_segmented_strings_become_der() {
        // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { "ab", "c" }, INTEGER 5 }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x02, 0x01, 0x05,
            0x00, 0x00,
        ];
        let der = to_der(&ber).unwrap();
        assert_eq!(der, [0x30, 0x08, 0x04, 0x03, b'a', b'b', b'c', 0x02, 0x01, 0x05]);
        // DER is unchanged.
        assert_eq!(to_der(&der).unwrap(), der);
    }

    #[test]
    fn long_form_lengths_are_minimised_and_sets_sorted() {
        let ber = [0x31, 0x81, 0x06, 0x02, 0x01, 0x09, 0x02, 0x01, 0x03];
        assert_eq!(to_der(&ber).unwrap(), [0x31, 0x06, 0x02, 0x01, 0x03, 0x02, 0x01, 0x09]);
        assert_eq!(to_der_keeping_set_order(&ber).unwrap(), [0x31, 0x06, 0x02, 0x01, 0x09, 0x02, 0x01, 0x03]);
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        for bad in [
            &[0x30, 0x80, 0x02, 0x01][..],
            &[0x30, 0x05, 0x02, 0x01],
            &[0x04, 0x80, 0x00, 0x00],
            &[0x30, 0x85, 1, 1, 1, 1, 1],
            &[0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
            &[0x30, 0x02, 0x02, 0x05],
            &[],
        ] {
            assert!(to_der(bad).is_err(), "{bad:02x?}");
        }
        let mut deep = [0x30, 0x80].repeat(100);
        deep.extend([0, 0].repeat(100));
        assert!(to_der(&deep).is_err());
    }
}

#[cfg(test)]
mod x509_error_tests {
    /// Issue #9 defect 9: parse errors in words, not the parser's internal names.
    #[test]
    fn x509_errors_are_worded() {
        let e = crate::Certificate::from_der(vec![0x30, 0x03, 0x06, 0x01, 0x00]).unwrap_err();
        let en = e.render(crate::diag::Lang::En);
        assert!(en.ends_with("expected SEQUENCE, found OBJECT IDENTIFIER"), "{en}");
        let vi = e.render(crate::diag::Lang::Vi);
        assert!(vi.ends_with("cần SEQUENCE nhưng gặp OBJECT IDENTIFIER"), "{vi}");
        let cut = crate::Certificate::from_der(vec![0x30, 0x82, 0x01, 0x00, 0x30]).unwrap_err();
        let text = cut.render(crate::diag::Lang::En);
        assert!(!text.contains("Der(") && !text.contains("NomError"), "{text}");
    }
}

#[cfg(test)]
mod der_error_tests {
    use crate::diag::Lang;

    fn render(e: &crate::Error) -> (String, String) {
        (e.render(Lang::En), e.render(Lang::Vi))
    }

    fn no_rust_names(text: &str) {
        for bad in
            ["Tag(", "TagUnexpected", "Incomplete {", "IndefiniteLength", "TrailingData", "DER byte", "Some("]
        {
            assert!(!text.contains(bad), "{bad} in {text}");
        }
    }

    /// Issue #9 defect 9: `der` crate errors in words, with the byte offset, in both languages.
    #[test]
    fn der_errors_are_worded_with_the_offset() {
        let e = der::Error::new(
            der::ErrorKind::TagUnexpected {
                expected: Some(der::Tag::Sequence),
                actual: der::Tag::ObjectIdentifier,
            },
            der::Length::new(36),
        );
        let m = super::der_error_message(e);
        assert_eq!(m.render(Lang::En), "expected SEQUENCE, found OBJECT IDENTIFIER at byte 36");
        assert_eq!(m.render(Lang::Vi), "cần SEQUENCE nhưng gặp OBJECT IDENTIFIER tại byte 36");
        let ctx = der::Tag::ContextSpecific { constructed: true, number: der::TagNumber::N0 };
        let m = super::der_error_message_at(
            der::Error::new(
                der::ErrorKind::TagUnexpected { expected: None, actual: ctx },
                der::Length::new(2),
            ),
            10,
        );
        assert_eq!(m.render(Lang::En), "found [0], which does not belong here at byte 12");

        // A PKCS#8 key whose AlgorithmIdentifier is an OID.
        let key = [0x30, 0x08, 0x02, 0x01, 0x00, 0x06, 0x03, 0x2b, 0x65, 0x70];
        let e = crate::keys::SoftwareKey::from_pkcs8_der(&key).unwrap_err();
        let (en, vi) = render(&e);
        assert!(en.contains("expected SEQUENCE, found OBJECT IDENTIFIER at byte 5"), "{en}");
        assert!(vi.contains("cần SEQUENCE nhưng gặp OBJECT IDENTIFIER tại byte 5"), "{vi}");
        no_rust_names(&en);
        no_rust_names(&vi);

        // Indefinite length, truncation and trailing data.
        let e = crate::keys::SoftwareKey::from_pkcs8_der(&[0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00])
            .unwrap_err();
        let (en, vi) = render(&e);
        assert!(en.contains("indefinite length") && en.contains("at byte"), "{en}");
        assert!(vi.contains("độ dài không xác định") && vi.contains("tại byte"), "{vi}");
        no_rust_names(&en);
        let e = crate::keys::SoftwareKey::from_pkcs8_der(&[0x30, 0x10, 0x02, 0x01, 0x00]).unwrap_err();
        let (en, vi) = render(&e);
        assert!(en.contains("truncated") && en.contains("at byte"), "{en}");
        assert!(vi.contains("bị cắt cụt") && vi.contains("tại byte"), "{vi}");
        let key = crate::keys::SoftwareKey::generate(crate::keys::KeyAlgorithm::EcP256).unwrap();
        let mut der = key.pkcs8_der().to_vec();
        let n = der.len();
        der.push(0);
        let e = crate::keys::SoftwareKey::from_pkcs8_der(&der).unwrap_err();
        let (en, vi) = render(&e);
        assert!(en.ends_with(&format!("trailing data after byte {n}")), "{en}");
        assert!(vi.ends_with(&format!("có dữ liệu thừa sau byte {n}")), "{vi}");
        let e =
            crate::keys::SoftwareKey::from_sec1_der(&[0x30, 0x03, 0x02, 0x01, 0x01, 0x05, 0x00]).unwrap_err();
        let (en, vi) = render(&e);
        no_rust_names(&en);
        no_rust_names(&vi);
    }
}
