//! Reading CMS SignedData: PEM or DER, strict DER (BER indefinite lengths are reported, not
//! guessed at), with each SignerInfo's signed attributes kept as the exact bytes that were
//! signed (RFC 5652 §5.4).

use crate::certificate::Certificate;
use crate::cms::oids::*;
use crate::crypto::digest::{DigestAlgorithm, Hasher};
use crate::diag::Message;
use crate::diag::codes::cms as codes;
use crate::diag::codes::input;
use crate::error::{Error, Result};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode, Reader, SliceReader, Tag, TagNumber, Tagged};
use std::collections::HashMap;
use std::io::Read;

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

/// Re-encode BER as DER lengths: indefinite lengths become definite, and constructed OCTET
/// STRINGs (as streaming encoders write eContent, X.690 §8.7.3) become primitive. Primitive
/// contents are copied unchanged and SET elements keep their order (embedded certificates and
/// signed attributes keep their signed bytes). This is what `openssl cms -cmsout -outform DER`
/// does for `-stream` output. The normaliser is kyso's one (`crate::ber`), shared with PKCS#12.
pub fn ber_to_der(input: &[u8]) -> Result<Vec<u8>> {
    crate::ber::to_der_keeping_set_order(input)
}

fn looks_indefinite(data: &[u8]) -> bool {
    // A constructed tag followed by the indefinite-length octet 0x80 near the start.
    data.get(1) == Some(&0x80) || data.windows(2).take(64).any(|w| w[0] & 0x20 != 0 && w[1] == 0x80)
}

/// A `der` error in a value that starts `base` bytes into the signature, in words with the
/// offset from the signature's start.
fn malformed(e: der::Error, base: usize) -> Error {
    Error::input(codes::CMS_MALFORMED).with_message("detail", crate::ber::der_error_message_at(e, base))
}

/// Where the SignedData starts in a ContentInfo (RFC 5652 §3: `SEQUENCE { contentType,
/// [0] EXPLICIT content }`), and where its value starts; zeros when the walk fails.
fn signed_data_offsets(der: &[u8]) -> (usize, usize) {
    let walk = || -> der::Result<(usize, usize)> {
        let mut r = SliceReader::new(der)?;
        der::Header::decode(&mut r)?;
        AnyRef::decode(&mut r)?;
        der::Header::decode(&mut r)?;
        let tlv = u32::from(r.position()) as usize;
        der::Header::decode(&mut r)?;
        Ok((tlv, u32::from(r.position()) as usize))
    };
    walk().unwrap_or((0, 0))
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
            .ok_or_else(|| Error::input(codes::CMS_NO_PEM_BLOCK))?;
        der_owned = b.der;
        &der_owned
    } else {
        data
    };
    if der.first() != Some(&0x30) {
        return Err(Error::input(codes::CMS_NOT_DER));
    }
    match parse_der(der) {
        Ok(p) => Ok(p),
        // BER (indefinite lengths, constructed OCTET STRINGs), as streaming encoders write.
        Err(e) if looks_indefinite(der) || der.windows(2).any(|w| w == [0x24, 0x80]) => match ber_to_der(der)
        {
            Ok(normalized) if normalized != der => parse_der(&normalized),
            Ok(_) => Err(e),
            Err(m) => Err(m.context(codes::CMS_NOT_A_SIGNATURE)),
        },
        Err(e) => Err(e),
    }
}

fn parse_der(der: &[u8]) -> Result<ParsedSignedData> {
    let ci = ContentInfo::from_der(der).map_err(|e| malformed(e, 0))?;
    let (sd_at, sd_value_at) = signed_data_offsets(der);
    if ci.content_type != OID_SIGNED_DATA {
        return Err(Error::input(codes::CMS_NOT_SIGNED_DATA).with("content_type", ci.content_type));
    }
    let sd_der = ci.content.to_der().map_err(|e| malformed(e, sd_at))?;
    let signed_data = SignedData::from_der(&sd_der).map_err(|e| malformed(e, sd_at))?;
    if let Some(e) = &signed_data.encap_content_info.econtent {
        if e.tag() != Tag::OctetString {
            return Err(Error::unsupported(codes::CMS_ECONTENT_CONSTRUCTED));
        }
    }
    let signers = raw_signers(ci.content.value()).map_err(|e| malformed(e, sd_value_at))?;
    let mut certificates = Vec::new();
    if let Some(set) = &signed_data.certificates {
        for choice in set.0.iter() {
            if let CertificateChoices::Certificate(c) = choice {
                let cder = c.to_der().map_err(|e| malformed(e, sd_at))?;
                certificates.push(Certificate::from_der(cder)?);
            }
        }
    }
    if signers.is_empty() {
        return Err(Error::input(codes::CMS_NO_SIGNER));
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

/// An attached signature read as a stream ([`crate::cms::verify::verify_attached_stream`]):
/// the signature without its eContent, and the eContent's digests and size.
pub(crate) struct StreamedContent {
    /// The signature without eContent (BER: indefinite lengths; [`parse`] takes it).
    pub detached: Vec<u8>,
    /// The eContent's digest for each supported algorithm of digestAlgorithms.
    pub digests: HashMap<DigestAlgorithm, Vec<u8>>,
    /// The eContent's size.
    pub size: u64,
}

/// The most that is kept of what follows the eContent (certificates, CRLs, SignerInfos).
const MAX_REST: u64 = 64 << 20;

fn stream_err(detail: impl Into<Message>) -> Error {
    Error::input(codes::CMS_MALFORMED).with_message("detail", detail.into())
}

fn io_err(e: std::io::Error) -> Error {
    Error::new(
        crate::error::ErrorKind::Io,
        Message::new(crate::diag::codes::io::IO_FAILED).with("detail", &e),
    )
    .with_source(e)
}

/// One identifier and length read from a stream: the tag octet, the length (`None`:
/// indefinite) and the raw octets.
fn stream_header(r: &mut dyn Read) -> Result<(u8, Option<u64>, Vec<u8>)> {
    let mut b = [0u8; 2];
    r.read_exact(&mut b).map_err(|_| stream_err(input::ASN1_TRUNCATED))?;
    let mut raw = b.to_vec();
    if b[0] & 0x1f == 0x1f {
        return Err(stream_err(input::ASN1_BAD_HEADER));
    }
    let len = match b[1] {
        0x80 => None,
        n if n < 0x80 => Some(u64::from(n)),
        n if n <= 0x88 => {
            let mut l = vec![0u8; usize::from(n & 0x7f)];
            r.read_exact(&mut l).map_err(|_| stream_err(input::ASN1_TRUNCATED))?;
            raw.extend(&l);
            Some(l.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x)))
        }
        _ => return Err(stream_err(input::ASN1_TOO_LONG)),
    };
    Ok((b[0], len, raw))
}

/// A whole TLV of at most [`MAX_REST`] bytes with the given tag, raw.
fn stream_tlv(r: &mut dyn Read, tag: u8) -> Result<Vec<u8>> {
    let (t, len, mut raw) = stream_header(r)?;
    let len = match len {
        Some(l) if t == tag && l <= MAX_REST => l,
        _ => return Err(stream_err(codes::CMS_STREAM_UNEXPECTED)),
    };
    let start = raw.len();
    raw.resize(start + len as usize, 0);
    r.read_exact(&mut raw[start..]).map_err(|_| stream_err(input::ASN1_TRUNCATED))?;
    Ok(raw)
}

fn stream_eoc(r: &mut dyn Read) -> Result<()> {
    let mut b = [0u8; 2];
    r.read_exact(&mut b).map_err(|_| stream_err(input::ASN1_TRUNCATED))?;
    if b != [0, 0] {
        return Err(stream_err(input::BER_NO_END_OF_CONTENTS));
    }
    Ok(())
}

/// Feed `len` bytes of `r` to `hashers`.
fn stream_hash(r: &mut dyn Read, len: u64, hashers: &mut [Hasher], buf: &mut [u8]) -> Result<()> {
    let mut left = len;
    while left > 0 {
        let n = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        r.read_exact(&mut buf[..n]).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => stream_err(input::ASN1_TRUNCATED),
            _ => io_err(e),
        })?;
        for h in hashers.iter_mut() {
            h.update(&buf[..n]);
        }
        left -= n as u64;
    }
    Ok(())
}

impl StreamedContent {
    /// Read an attached signature (DER or BER, not PEM) from `r`, hashing its eContent.
    pub(crate) fn read(r: &mut dyn Read) -> Result<Self> {
        let (t, ci_len, _) = stream_header(r)?;
        if t != 0x30 {
            return Err(Error::input(codes::CMS_NOT_DER));
        }
        let oid = stream_tlv(r, 0x06)?;
        if oid != OID_SIGNED_DATA.to_der().map_err(|e| malformed(e, 0))? {
            let content_type = ObjectIdentifier::from_der(&oid).map(|o| o.to_string()).unwrap_or_default();
            return Err(Error::input(codes::CMS_NOT_SIGNED_DATA).with("content_type", content_type));
        }
        let (t, a0_len, _) = stream_header(r)?;
        let (t2, sd_len, _) = stream_header(r)?;
        if t != 0xA0 || t2 != 0x30 {
            return Err(stream_err(codes::CMS_STREAM_UNEXPECTED));
        }
        let version = stream_tlv(r, 0x02)?;
        let digest_algs = stream_tlv(r, 0x31)?;
        let algs: Vec<DigestAlgorithm> =
            der::asn1::SetOfVec::<spki::AlgorithmIdentifierOwned>::from_der(&digest_algs)
                .map_err(|e| malformed(e, 0))?
                .iter()
                .filter_map(|a| DigestAlgorithm::from_oid(&a.oid))
                .collect();
        let (t, encap_len, _) = stream_header(r)?;
        if t != 0x30 {
            return Err(stream_err(codes::CMS_STREAM_UNEXPECTED));
        }
        let econtent_type = stream_tlv(r, 0x06)?;
        let (t, wrapper_len, _) = stream_header(r)?;
        if t != 0xA0 || encap_len == Some(econtent_type.len() as u64) {
            return Err(
                Error::usage(codes::CMS_DETACHED_NEEDS_DATA).with_hint(crate::diag::Hint::GiveDataFile)
            );
        }
        let mut hashers: Vec<Hasher> = algs.iter().map(|a| Hasher::new(*a)).collect();
        let mut buf = vec![0u8; crate::crypto::digest::HASH_BUFFER_SIZE];
        let (t, len, _) = stream_header(r)?;
        let mut size = 0u64;
        match (t, len) {
            (0x04, Some(l)) => {
                stream_hash(r, l, &mut hashers, &mut buf)?;
                size = l;
            }
            (0x24, outer) => {
                // Segments: primitive OCTET STRINGs, to an end-of-contents or the length.
                let mut consumed = 0u64;
                loop {
                    if outer.is_some_and(|o| consumed >= o) {
                        break;
                    }
                    let (t, l, seg_raw) = stream_header(r)?;
                    match (t, l) {
                        (0x00, Some(0)) if outer.is_none() => break,
                        (0x04, Some(l)) => {
                            stream_hash(r, l, &mut hashers, &mut buf)?;
                            size += l;
                            consumed += seg_raw.len() as u64 + l;
                        }
                        _ => return Err(Error::unsupported(codes::CMS_ECONTENT_CONSTRUCTED)),
                    }
                }
            }
            _ => return Err(Error::unsupported(codes::CMS_ECONTENT_CONSTRUCTED)),
        }
        if wrapper_len.is_none() {
            stream_eoc(r)?;
        }
        if encap_len.is_none() {
            stream_eoc(r)?;
        }
        let mut rest = Vec::new();
        r.take(MAX_REST + 1).read_to_end(&mut rest).map_err(io_err)?;
        if rest.len() as u64 > MAX_REST {
            return Err(stream_err(
                Message::new(codes::CMS_STREAM_TAIL_TOO_LARGE).with("limit", MAX_REST >> 20),
            ));
        }
        // The end-of-contents of the indefinite outer containers close the rest: dropped, and
        // the three are closed anew after it.
        let open = [ci_len, a0_len, sd_len].iter().filter(|l| l.is_none()).count();
        if rest.len() < 2 * open || rest[rest.len() - 2 * open..].iter().any(|b| *b != 0) {
            return Err(stream_err(input::BER_NO_END_OF_CONTENTS));
        }
        rest.truncate(rest.len() - 2 * open);
        let mut detached = vec![0x30, 0x80];
        detached.extend(&oid);
        detached.extend([0xA0, 0x80, 0x30, 0x80]);
        detached.extend(&version);
        detached.extend(&digest_algs);
        detached.extend([0x30, 0x80]);
        detached.extend(&econtent_type);
        detached.extend([0, 0]);
        detached.extend(&rest);
        detached.extend([0, 0, 0, 0, 0, 0]);
        let digests = algs.into_iter().zip(hashers.into_iter().map(Hasher::finish)).collect();
        Ok(StreamedContent { detached, digests, size })
    }
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
