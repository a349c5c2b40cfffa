//! Reading CMS SignedData: PEM or DER, strict DER (BER indefinite lengths are reported, not
//! guessed at), with each SignerInfo's signed attributes kept as the exact bytes that were
//! signed (RFC 5652 §5.4).

use crate::certificate::Certificate;
use crate::cms::oids::*;
use crate::error::{Error, Result};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode, Reader, SliceReader, Tag, TagNumber, Tagged};

/// One SignerInfo with the DER that its signature covers.
#[derive(Clone, Debug)]
pub struct ParsedSigner {
    /// The decoded SignerInfo.
    pub info: SignerInfo,
    /// The signed attributes re-tagged as `SET OF` (0x31), from the original bytes; `None` when
    /// the SignerInfo has no signed attributes.
    pub signed_attrs_der: Option<Vec<u8>>,
}

/// A parsed SignedData.
#[derive(Clone, Debug)]
pub struct ParsedSignedData {
    /// The decoded SignedData (its `signer_infos` are DER-sorted; use [`Self::signers`]).
    pub signed_data: SignedData,
    /// SignerInfos in file order.
    pub signers: Vec<ParsedSigner>,
    /// Embedded X.509 certificates, in file order.
    pub certificates: Vec<Certificate>,
}

impl ParsedSignedData {
    /// eContentType.
    pub fn content_type(&self) -> ObjectIdentifier {
        self.signed_data.encap_content_info.econtent_type
    }
    /// The embedded content (the eContent OCTET STRING's value), if attached.
    pub fn embedded_content(&self) -> Option<&[u8]> {
        self.signed_data.encap_content_info.econtent.as_ref().map(|a| a.value())
    }
}

/// Maximum nesting accepted when normalizing BER.
const MAX_BER_DEPTH: usize = 64;

/// Re-encode BER as DER lengths: indefinite lengths become definite, and constructed OCTET
/// STRINGs (as streaming encoders write eContent, X.690 §8.7.3) become primitive. Primitive
/// contents are copied unchanged; everything else keeps its structure. This is what
/// `openssl cms -cmsout -outform DER` does for `-stream` output.
pub fn ber_to_der(input: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut pos = 0;
    let mut out = Vec::with_capacity(input.len());
    ber_element(input, &mut pos, &mut out, 0)?;
    if pos != input.len() {
        return Err("trailing data after the CMS structure".into());
    }
    Ok(out)
}

fn put_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// Parse one BER element at `*pos`, appending its DER form to `out`. Returns the tag bytes'
/// first octet (for the caller's OCTET STRING flattening).
fn ber_element(
    input: &[u8],
    pos: &mut usize,
    out: &mut Vec<u8>,
    depth: usize,
) -> std::result::Result<(), String> {
    if depth > MAX_BER_DEPTH {
        return Err("nesting too deep".into());
    }
    let eof = || "truncated (unexpected end of data)".to_string();
    let start = *pos;
    let first = *input.get(*pos).ok_or_else(eof)?;
    *pos += 1;
    if first & 0x1f == 0x1f {
        loop {
            let b = *input.get(*pos).ok_or_else(eof)?;
            *pos += 1;
            if b & 0x80 == 0 {
                break;
            }
            if *pos - start > 6 {
                return Err("tag number too large".into());
            }
        }
    }
    let tag = input.get(start..*pos).ok_or_else(eof)?.to_vec();
    let constructed = first & 0x20 != 0;
    let lb = *input.get(*pos).ok_or_else(eof)?;
    *pos += 1;
    let definite = if lb == 0x80 {
        if !constructed {
            return Err("indefinite length on a primitive element".into());
        }
        None
    } else if lb & 0x80 == 0 {
        Some(lb as usize)
    } else {
        let n = (lb & 0x7f) as usize;
        if n > 4 {
            return Err("length too large".into());
        }
        let mut len = 0usize;
        for _ in 0..n {
            len = (len << 8) | *input.get(*pos).ok_or_else(eof)? as usize;
            *pos += 1;
        }
        Some(len)
    };
    if !constructed {
        let len = definite.unwrap_or(0);
        let end = pos.checked_add(len).ok_or_else(eof)?;
        let content = input.get(*pos..end).ok_or_else(eof)?;
        out.extend_from_slice(&tag);
        put_len(out, len);
        out.extend_from_slice(content);
        *pos = end;
        return Ok(());
    }
    // Constructed: normalize the children into a buffer.
    let mut children = Vec::new();
    match definite {
        Some(len) => {
            let end = pos.checked_add(len).ok_or_else(eof)?;
            if end > input.len() {
                return Err(eof());
            }
            let sub = input.get(..end).ok_or_else(eof)?;
            while *pos < end {
                ber_element(sub, pos, &mut children, depth + 1)?;
            }
        }
        None => loop {
            if input.get(*pos..*pos + 2) == Some(&[0, 0]) {
                *pos += 2;
                break;
            }
            if *pos >= input.len() {
                return Err(eof());
            }
            ber_element(input, pos, &mut children, depth + 1)?;
        },
    }
    if first == 0x24 {
        // Constructed OCTET STRING: concatenate the (already flattened) segments.
        let mut content = Vec::new();
        let mut p = 0;
        while p < children.len() {
            let (t, hdr, len) = der_header(&children[p..]).ok_or("malformed OCTET STRING segment")?;
            if t != 0x04 {
                return Err("constructed OCTET STRING with a non-OCTET STRING segment".into());
            }
            content.extend_from_slice(children.get(p + hdr..p + hdr + len).ok_or_else(eof)?);
            p += hdr + len;
        }
        out.push(0x04);
        put_len(out, content.len());
        out.extend_from_slice(&content);
    } else {
        out.extend_from_slice(&tag);
        put_len(out, children.len());
        out.extend_from_slice(&children);
    }
    Ok(())
}

/// (first tag octet, header length, content length) of a DER element with a low tag number.
fn der_header(d: &[u8]) -> Option<(u8, usize, usize)> {
    let t = *d.first()?;
    let lb = *d.get(1)?;
    if lb & 0x80 == 0 {
        return Some((t, 2, lb as usize));
    }
    let n = (lb & 0x7f) as usize;
    let mut len = 0usize;
    for i in 0..n {
        len = (len << 8) | *d.get(2 + i)? as usize;
    }
    Some((t, 2 + n, len))
}

fn looks_indefinite(data: &[u8]) -> bool {
    // A constructed tag followed by the indefinite-length octet 0x80 near the start.
    data.get(1) == Some(&0x80) || data.windows(2).take(64).any(|w| w[0] & 0x20 != 0 && w[1] == 0x80)
}

fn malformed(e: impl std::fmt::Display, _data: &[u8]) -> Error {
    Error::input(format!("not a CMS signature: {e}"))
}

/// Parse a CMS ContentInfo holding SignedData, PEM (`CMS`/`PKCS7` blocks) or DER. BER input
/// (indefinite lengths, segmented eContent) is normalized to DER first with [`ber_to_der`].
pub fn parse(data: &[u8]) -> Result<ParsedSignedData> {
    let der_owned;
    let der: &[u8] = if crate::io::looks_like_pem(data) {
        let blocks = crate::io::decode_pem_or_der(data)?;
        let b = blocks
            .into_iter()
            .find(|b| matches!(b.label.as_deref(), Some("CMS") | Some("PKCS7") | Some("PKCS #7 SIGNED DATA")))
            .ok_or_else(|| Error::input("not a CMS signature: no CMS or PKCS7 PEM block"))?;
        der_owned = b.der;
        &der_owned
    } else {
        data
    };
    if der.first() != Some(&0x30) {
        return Err(Error::input("not a CMS signature (neither PEM nor a DER SEQUENCE)"));
    }
    match parse_der(der) {
        Ok(p) => Ok(p),
        // BER (indefinite lengths, constructed OCTET STRINGs), as streaming encoders write.
        Err(e) if looks_indefinite(der) || der.windows(2).any(|w| w == [0x24, 0x80]) => match ber_to_der(der)
        {
            Ok(normalized) if normalized != der => parse_der(&normalized),
            Ok(_) => Err(e),
            Err(m) => Err(Error::input(format!("not a CMS signature: {m}"))),
        },
        Err(e) => Err(e),
    }
}

fn parse_der(der: &[u8]) -> Result<ParsedSignedData> {
    let ci = ContentInfo::from_der(der).map_err(|e| malformed(e, der))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err(Error::input(format!("CMS content type {} is not SignedData", ci.content_type)));
    }
    let sd_der = ci.content.to_der().map_err(|e| malformed(e, der))?;
    let signed_data = SignedData::from_der(&sd_der).map_err(|e| malformed(e, der))?;
    if let Some(e) = &signed_data.encap_content_info.econtent {
        if e.tag() != Tag::OctetString {
            return Err(Error::unsupported(
                "eContent is not a primitive OCTET STRING (BER constructed encoding)",
            ));
        }
    }
    let signers = raw_signers(ci.content.value()).map_err(|e| malformed(e, der))?;
    let mut certificates = Vec::new();
    if let Some(set) = &signed_data.certificates {
        for choice in set.0.iter() {
            if let CertificateChoices::Certificate(c) = choice {
                let cder = c.to_der().map_err(|e| malformed(e, der))?;
                certificates.push(Certificate::from_der(cder)?);
            }
        }
    }
    if signers.is_empty() {
        return Err(Error::input("the SignedData has no signer (a certificates-only message?)"));
    }
    Ok(ParsedSignedData { signed_data, signers, certificates })
}

/// Walk the SignedData value (RFC 5652 §5.1) to the SignerInfos, keeping file order and the
/// exact signed-attribute bytes.
fn raw_signers(sd_value: &[u8]) -> der::Result<Vec<ParsedSigner>> {
    let mut r = SliceReader::new(sd_value)?;
    let _version = AnyRef::decode(&mut r)?;
    let _digest_algs = AnyRef::decode(&mut r)?;
    let _encap = AnyRef::decode(&mut r)?;
    let mut signer_set = AnyRef::decode(&mut r)?;
    // Optional [0] certificates and [1] crls.
    for _ in 0..2 {
        if signer_set.tag().is_context_specific() {
            signer_set = AnyRef::decode(&mut r)?;
        }
    }
    if signer_set.tag() != Tag::Set {
        return Err(der::Error::new(
            der::ErrorKind::TagUnexpected { expected: Some(Tag::Set), actual: signer_set.tag() },
            der::Length::ZERO,
        ));
    }
    let mut out = Vec::new();
    let mut sr = SliceReader::new(signer_set.value())?;
    while !sr.is_finished() {
        let si_any = AnyRef::decode(&mut sr)?;
        let si_der = si_any.to_der()?;
        let info = SignerInfo::from_der(&si_der)?;
        let mut ir = SliceReader::new(si_any.value())?;
        let _v = AnyRef::decode(&mut ir)?;
        let _sid = AnyRef::decode(&mut ir)?;
        let _dig = AnyRef::decode(&mut ir)?;
        let next = AnyRef::decode(&mut ir)?;
        let signed_attrs_der =
            if next.tag() == (Tag::ContextSpecific { constructed: true, number: TagNumber::N0 }) {
                Some(AnyRef::new(Tag::Set, next.value())?.to_der()?)
            } else {
                None
            };
        out.push(ParsedSigner { info, signed_attrs_der });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ber_indefinite_and_segmented_octets_become_der() {
        // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { "ab", "c" }, INTEGER 5 }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x02, 0x01, 0x05,
            0x00, 0x00,
        ];
        let der = ber_to_der(&ber).unwrap();
        assert_eq!(der, vec![0x30, 0x08, 0x04, 0x03, b'a', b'b', b'c', 0x02, 0x01, 0x05]);
        // DER is unchanged.
        assert_eq!(ber_to_der(&der).unwrap(), der);
        // Truncation, primitive indefinite, depth.
        assert!(ber_to_der(&ber[..10]).is_err());
        assert!(ber_to_der(&[0x04, 0x80, 0x00, 0x00]).is_err());
        let mut deep = vec![];
        for _ in 0..100 {
            deep.extend_from_slice(&[0x30, 0x80]);
        }
        assert!(ber_to_der(&deep).is_err());
    }
}
