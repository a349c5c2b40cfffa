//! Strict DER reading of the structures name constraints work on: GeneralName (RFC 5280
//! §4.2.1.6), GeneralSubtree / NameConstraints (§4.2.1.10) and Name (§4.1.2.4).
//!
//! x509-parser is lenient here (it drops `minimum`/`maximum` of a GeneralSubtree and accepts
//! non-ASCII IA5String content), so these few structures are read by hand into owned values.

/// One DER TLV: tag byte, content, and the whole encoding.
pub(super) struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub raw: &'a [u8],
}

/// Read one TLV with a low-tag-number form tag and a minimal definite length (X.690 §10.1).
pub(super) fn read_tlv(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), &'static str> {
    let (&tag, rest) = input.split_first().ok_or("truncated DER (missing tag)")?;
    if tag & 0x1f == 0x1f {
        return Err("unsupported high-tag-number form");
    }
    let (&first, rest) = rest.split_first().ok_or("truncated DER (missing length)")?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 {
            return Err("indefinite length is not DER");
        }
        if n > 4 || rest.len() < n {
            return Err("invalid DER length");
        }
        let (bytes, rest) = rest.split_at(n);
        if bytes.first() == Some(&0) {
            return Err("non-minimal DER length");
        }
        let len = bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
        if len < 0x80 {
            return Err("non-minimal DER length");
        }
        (len, rest)
    };
    if rest.len() < len {
        return Err("truncated DER (content shorter than its length)");
    }
    let (content, after) = rest.split_at(len);
    let header_len = input.len() - rest.len();
    let raw = input.get(..header_len + len).ok_or("truncated DER")?;
    Ok((Tlv { tag, content, raw }, after))
}

/// Read every TLV of `input` (the content of a SEQUENCE or SET).
pub(super) fn read_all(mut input: &[u8]) -> Result<Vec<Tlv<'_>>, &'static str> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let (tlv, rest) = read_tlv(input)?;
        out.push(tlv);
        input = rest;
    }
    Ok(out)
}

/// Read exactly one TLV with tag `tag` and nothing after it.
pub(super) fn read_single<'a>(input: &'a [u8], tag: u8, what: &'static str) -> Result<Tlv<'a>, &'static str> {
    let (tlv, rest) = read_tlv(input)?;
    if tlv.tag != tag {
        return Err(what);
    }
    if !rest.is_empty() {
        return Err("trailing data after the DER value");
    }
    Ok(tlv)
}

/// The name forms of GeneralName (RFC 5280 §4.2.1.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Form {
    OtherName,
    Rfc822,
    Dns,
    X400,
    Directory,
    EdiParty,
    Uri,
    Ip,
    RegisteredId,
}

impl Form {
    pub(super) fn label(self) -> &'static str {
        match self {
            Form::OtherName => "otherName",
            Form::Rfc822 => "rfc822Name",
            Form::Dns => "dNSName",
            Form::X400 => "x400Address",
            Form::Directory => "directoryName",
            Form::EdiParty => "ediPartyName",
            Form::Uri => "uniformResourceIdentifier",
            Form::Ip => "iPAddress",
            Form::RegisteredId => "registeredID",
        }
    }
}

/// One attribute type and value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Attr {
    pub oid: Vec<u8>,
    /// The value as decoded text (None when not a string type).
    pub text: Option<String>,
}

/// A distinguished name: its DER (for the RFC 5280 §7.1 comparison of [`crate::name`]) and its
/// RDNs in order, each a set of attributes (for messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct DirName {
    pub der: Vec<u8>,
    pub rdns: Vec<Vec<Attr>>,
}

fn decode_text(tag: u8, content: &[u8]) -> Option<String> {
    match tag {
        // UTF8String
        0x0c => std::str::from_utf8(content).ok().map(str::to_string),
        // PrintableString, IA5String, VisibleString
        0x13 | 0x16 | 0x1a => content.is_ascii().then(|| String::from_utf8_lossy(content).into_owned()),
        // TeletexString: treated as Latin-1 (the common practice)
        0x14 => Some(content.iter().map(|b| *b as char).collect()),
        // BMPString: UCS-2 big-endian
        0x1e => {
            if content.len() % 2 != 0 {
                return None;
            }
            let units: Vec<u16> = content.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).ok()
        }
        // UniversalString: UCS-4 big-endian
        0x1c => {
            if content.len() % 4 != 0 {
                return None;
            }
            content
                .chunks_exact(4)
                .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                .collect()
        }
        _ => None,
    }
}

/// Parse the content of a Name SEQUENCE (RDNSequence).
fn parse_name_content(content: &[u8]) -> Result<Vec<Vec<Attr>>, &'static str> {
    let mut rdns = Vec::new();
    for rdn in read_all(content)? {
        if rdn.tag != 0x31 {
            return Err("RelativeDistinguishedName is not a SET");
        }
        let mut attrs = Vec::new();
        for atv in read_all(rdn.content)? {
            if atv.tag != 0x30 {
                return Err("AttributeTypeAndValue is not a SEQUENCE");
            }
            let parts = read_all(atv.content)?;
            let [oid, value] = parts.as_slice() else {
                return Err("AttributeTypeAndValue must have a type and a value");
            };
            if oid.tag != 0x06 || oid.content.is_empty() {
                return Err("attribute type is not an OID");
            }
            let text = decode_text(value.tag, value.content);
            attrs.push(Attr { oid: oid.content.to_vec(), text });
        }
        if attrs.is_empty() {
            return Err("empty RelativeDistinguishedName");
        }
        rdns.push(attrs);
    }
    Ok(rdns)
}

/// Parse a DER Name (a SEQUENCE).
pub(super) fn parse_name(der: &[u8]) -> Result<DirName, &'static str> {
    let seq = read_single(der, 0x30, "Name is not a SEQUENCE")?;
    Ok(DirName { der: seq.raw.to_vec(), rdns: parse_name_content(seq.content)? })
}

/// A GeneralName, owned. Text forms keep their raw IA5 text (checked ASCII).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum GeneralName {
    Rfc822(String),
    Dns(String),
    Uri(String),
    Ip(Vec<u8>),
    Directory(DirName),
    /// A form kyso does not process (otherName, x400Address, ediPartyName, registeredID).
    Unsupported(Form),
}

impl GeneralName {
    pub(super) fn form(&self) -> Form {
        match self {
            GeneralName::Rfc822(_) => Form::Rfc822,
            GeneralName::Dns(_) => Form::Dns,
            GeneralName::Uri(_) => Form::Uri,
            GeneralName::Ip(_) => Form::Ip,
            GeneralName::Directory(_) => Form::Directory,
            GeneralName::Unsupported(f) => *f,
        }
    }
}

fn ia5(content: &[u8], what: &'static str) -> Result<String, &'static str> {
    if !content.is_ascii() {
        return Err(what);
    }
    Ok(String::from_utf8_lossy(content).into_owned())
}

/// Parse one GeneralName TLV (context-specific tags, RFC 5280 Appendix A.2: IMPLICIT tags,
/// except directoryName which is EXPLICIT because Name is a CHOICE).
pub(super) fn parse_general_name(tlv: &Tlv<'_>) -> Result<GeneralName, &'static str> {
    Ok(match tlv.tag {
        0xa0 => {
            // otherName: SEQUENCE-shaped { type-id OID, [0] EXPLICIT value }
            let parts = read_all(tlv.content)?;
            match parts.as_slice() {
                [oid, value] if oid.tag == 0x06 && value.tag == 0xa0 => {}
                _ => return Err("malformed otherName"),
            }
            GeneralName::Unsupported(Form::OtherName)
        }
        0x81 => GeneralName::Rfc822(ia5(tlv.content, "rfc822Name is not an IA5String (non-ASCII)")?),
        0x82 => GeneralName::Dns(ia5(tlv.content, "dNSName is not an IA5String (non-ASCII)")?),
        0xa3 => GeneralName::Unsupported(Form::X400),
        0xa4 => GeneralName::Directory(parse_name(tlv.content)?),
        0xa5 => GeneralName::Unsupported(Form::EdiParty),
        0x86 => GeneralName::Uri(ia5(tlv.content, "URI is not an IA5String (non-ASCII)")?),
        0x87 => GeneralName::Ip(tlv.content.to_vec()),
        0x88 => {
            if tlv.content.is_empty() {
                return Err("empty registeredID");
            }
            GeneralName::Unsupported(Form::RegisteredId)
        }
        _ => return Err("unknown GeneralName tag"),
    })
}

/// Parse GeneralNames (a non-empty SEQUENCE OF GeneralName), e.g. a subjectAltName value.
pub(super) fn parse_general_names(der: &[u8]) -> Result<Vec<GeneralName>, &'static str> {
    let seq = read_single(der, 0x30, "GeneralNames is not a SEQUENCE")?;
    let items = read_all(seq.content)?;
    if items.is_empty() {
        return Err("GeneralNames is empty (SIZE (1..MAX))");
    }
    items.iter().map(parse_general_name).collect()
}

/// A parsed NameConstraints value: the bases of permitted and excluded subtrees.
#[derive(Debug)]
pub(super) struct RawConstraints {
    pub permitted: Option<Vec<GeneralName>>,
    pub excluded: Option<Vec<GeneralName>>,
}

fn parse_subtrees(content: &[u8]) -> Result<Vec<GeneralName>, &'static str> {
    let items = read_all(content)?;
    if items.is_empty() {
        return Err("GeneralSubtrees is empty (SIZE (1..MAX))");
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if item.tag != 0x30 {
            return Err("GeneralSubtree is not a SEQUENCE");
        }
        let parts = read_all(item.content)?;
        let (base, bounds) = parts.split_first().ok_or("GeneralSubtree without a base")?;
        for b in bounds {
            match b.tag {
                // minimum [0] IMPLICIT BaseDistance DEFAULT 0: RFC 5280 §4.2.1.10 MUST be zero.
                0x80 => {
                    if b.content.iter().any(|x| *x != 0) || b.content.is_empty() {
                        return Err("GeneralSubtree minimum is not 0 (RFC 5280 §4.2.1.10: MUST be zero)");
                    }
                }
                // maximum [1]: RFC 5280 §4.2.1.10 MUST be absent.
                0x81 => return Err("GeneralSubtree maximum is present (RFC 5280 §4.2.1.10: MUST be absent)"),
                _ => return Err("unexpected field in GeneralSubtree"),
            }
        }
        if bounds.len() > 1 {
            return Err("unexpected field in GeneralSubtree");
        }
        out.push(parse_general_name(base)?);
    }
    Ok(out)
}

/// Parse a NameConstraints extension value (RFC 5280 §4.2.1.10, Appendix A.2).
pub(super) fn parse_name_constraints(der: &[u8]) -> Result<RawConstraints, &'static str> {
    let seq = read_single(der, 0x30, "NameConstraints is not a SEQUENCE")?;
    let mut permitted = None;
    let mut excluded = None;
    let mut last = 0u8;
    for tlv in read_all(seq.content)? {
        match tlv.tag {
            0xa0 if last < 1 => {
                permitted = Some(parse_subtrees(tlv.content)?);
                last = 1;
            }
            0xa1 if last < 2 => {
                excluded = Some(parse_subtrees(tlv.content)?);
                last = 2;
            }
            _ => return Err("unexpected field in NameConstraints"),
        }
    }
    if permitted.is_none() && excluded.is_none() {
        return Err(
            "NameConstraints has neither permittedSubtrees nor excludedSubtrees (RFC 5280 §4.2.1.10)",
        );
    }
    Ok(RawConstraints { permitted, excluded })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_must_be_minimal_der() {
        assert!(read_tlv(&[0x04, 0x81, 0x01, 0x00]).is_err());
        assert!(read_tlv(&[0x04, 0x80]).is_err());
        assert!(read_tlv(&[0x04, 0x02, 0x00]).is_err());
        let (t, rest) = read_tlv(&[0x04, 0x01, 0xaa, 0x05]).unwrap();
        assert_eq!((t.tag, t.content, rest), (0x04, &[0xaa][..], &[0x05][..]));
    }

    #[test]
    fn decodes_directory_strings() {
        assert_eq!(decode_text(0x1e, &[0x00, 0x41, 0x1e, 0xa1]).as_deref(), Some("Aạ"));
        assert_eq!(decode_text(0x13, &[0xff]), None);
    }

    #[test]
    fn subtrees_reject_minimum_and_maximum() {
        // SEQUENCE { [0] { SEQUENCE { [2] "a.vn", [0] 1 } } }
        let min1 = [0x30, 0x0b, 0xa0, 0x09, 0x30, 0x07, 0x82, 0x02, b'a', b'b', 0x80, 0x01, 0x01];
        assert!(parse_name_constraints(&min1).unwrap_err().contains("minimum"));
        let max = [0x30, 0x0b, 0xa0, 0x09, 0x30, 0x07, 0x82, 0x02, b'a', b'b', 0x81, 0x01, 0x01];
        assert!(parse_name_constraints(&max).unwrap_err().contains("maximum"));
        let min0 = [0x30, 0x0b, 0xa0, 0x09, 0x30, 0x07, 0x82, 0x02, b'a', b'b', 0x80, 0x01, 0x00];
        assert_eq!(
            parse_name_constraints(&min0).unwrap().permitted.unwrap(),
            vec![GeneralName::Dns("ab".into())]
        );
        assert!(parse_name_constraints(&[0x30, 0x00]).is_err());
        assert!(parse_name_constraints(&[0x30, 0x02, 0xa0, 0x00]).is_err());
    }
}
