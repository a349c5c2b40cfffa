//! Reading CMS SignedData: PEM or DER, strict DER (BER indefinite lengths are reported, not
//! guessed at), with each SignerInfo's signed attributes kept as the exact bytes that were
//! signed (RFC 5652 §5.4).

use crate::certificate::Certificate;
use crate::cms::oids::*;
use crate::crypto::digest::{DigestAlgorithm, Hasher};
use crate::diag::Message;
use crate::diag::codes::cms as codes;
use crate::error::{Error, Result};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode, Reader, SliceReader, Tag, TagNumber, Tagged};
use std::collections::HashMap;
use std::io::{BufRead, Read};

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

/// An attached signature being read: the reader and the offset of the next byte, for errors
/// that say where the problem is.
struct Stream<'a> {
    r: &'a mut dyn BufRead,
    pos: u64,
}

/// A malformed streamed signature: `code` (a `cms-stream-*` code) at byte `offset`.
fn stream_err(code: crate::diag::Code, offset: u64) -> Error {
    Error::input(code).with("offset", offset)
}

/// A read error at byte `pos`: typed PEM errors kept, an early end is truncation.
fn stream_io_err(e: std::io::Error, pos: u64) -> Error {
    // A PEM stream's own errors are typed.
    let e = match crate::io::PemReader::<&[u8]>::typed_error(e) {
        Ok(typed) => return typed,
        Err(e) => e,
    };
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        return stream_err(codes::CMS_STREAM_TRUNCATED, pos);
    }
    Error::new(
        crate::error::ErrorKind::Io,
        Message::new(crate::diag::codes::io::IO_FAILED).with("detail", &e),
    )
    .with_source(e)
}

impl Stream<'_> {
    fn read_exact(&mut self, buf: &mut [u8]) -> Result<()> {
        let pos = self.pos;
        self.r.read_exact(buf).map_err(|e| stream_io_err(e, pos))?;
        self.pos += buf.len() as u64;
        Ok(())
    }

    /// One identifier and length: the tag octet, the length (`None`: indefinite) and the raw
    /// octets.
    fn header(&mut self) -> Result<(u8, Option<u64>, Vec<u8>)> {
        let at = self.pos;
        let mut b = [0u8; 2];
        self.read_exact(&mut b)?;
        let mut raw = b.to_vec();
        if b[0] & 0x1f == 0x1f {
            return Err(stream_err(codes::CMS_STREAM_HIGH_TAG, at));
        }
        let len = match b[1] {
            0x80 => None,
            n if n < 0x80 => Some(u64::from(n)),
            n if n <= 0x88 => {
                let mut l = vec![0u8; usize::from(n & 0x7f)];
                self.read_exact(&mut l)?;
                raw.extend(&l);
                Some(l.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x)))
            }
            _ => return Err(stream_err(codes::CMS_STREAM_LENGTH_TOO_LONG, at + 1)),
        };
        Ok((b[0], len, raw))
    }

    /// A whole TLV of at most [`MAX_REST`] bytes with the given tag, raw.
    fn tlv(&mut self, tag: u8) -> Result<Vec<u8>> {
        let at = self.pos;
        let (t, len, mut raw) = self.header()?;
        let len = match len {
            Some(l) if t == tag && l <= MAX_REST => l,
            _ => return Err(stream_err(codes::CMS_STREAM_UNEXPECTED, at)),
        };
        let start = raw.len();
        raw.resize(start + len as usize, 0);
        self.read_exact(&mut raw[start..])?;
        Ok(raw)
    }

    fn eoc(&mut self) -> Result<()> {
        let at = self.pos;
        let mut b = [0u8; 2];
        self.read_exact(&mut b)?;
        if b != [0, 0] {
            return Err(stream_err(codes::CMS_STREAM_NO_END_OF_CONTENTS, at));
        }
        Ok(())
    }

    /// Feed `len` bytes to `hashers`, straight from the reader's buffer.
    fn hash(&mut self, len: u64, hashers: &mut [Hasher]) -> Result<()> {
        let mut left = len;
        while left > 0 {
            let pos = self.pos;
            let buf = self.r.fill_buf().map_err(|e| stream_io_err(e, pos))?;
            if buf.is_empty() {
                return Err(stream_err(codes::CMS_STREAM_TRUNCATED, self.pos));
            }
            let n = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            for h in hashers.iter_mut() {
                h.update(&buf[..n]);
            }
            self.r.consume(n);
            self.pos += n as u64;
            left -= n as u64;
        }
        Ok(())
    }
}

impl StreamedContent {
    /// Read an attached signature (DER or BER; PEM through [`crate::io::PemReader`]) from `r`,
    /// hashing its eContent.
    pub(crate) fn read(r: &mut dyn BufRead) -> Result<Self> {
        let mut r = Stream { r, pos: 0 };
        let (t, ci_len, _) = r.header()?;
        if t != 0x30 {
            return Err(Error::input(codes::CMS_NOT_DER));
        }
        let oid_at = r.pos;
        let oid = r.tlv(0x06)?;
        if oid != OID_SIGNED_DATA.to_der().map_err(|e| malformed(e, 0))? {
            return Err(stream_err(codes::CMS_STREAM_NOT_SIGNED_DATA, oid_at));
        }
        let at = r.pos;
        let (t, a0_len, _) = r.header()?;
        let (t2, sd_len, _) = r.header()?;
        if t != 0xA0 || t2 != 0x30 {
            return Err(stream_err(codes::CMS_STREAM_UNEXPECTED, at));
        }
        let version = r.tlv(0x02)?;
        let digest_algs = r.tlv(0x31)?;
        let algs: Vec<DigestAlgorithm> =
            der::asn1::SetOfVec::<spki::AlgorithmIdentifierOwned>::from_der(&digest_algs)
                .map_err(|e| malformed(e, 0))?
                .iter()
                .filter_map(|a| DigestAlgorithm::from_oid(&a.oid))
                .collect();
        let at = r.pos;
        let (t, encap_len, _) = r.header()?;
        if t != 0x30 {
            return Err(stream_err(codes::CMS_STREAM_UNEXPECTED, at));
        }
        let econtent_type = r.tlv(0x06)?;
        let (t, wrapper_len, _) = r.header()?;
        if t != 0xA0 || encap_len == Some(econtent_type.len() as u64) {
            return Err(
                Error::usage(codes::CMS_DETACHED_NEEDS_DATA).with_hint(crate::diag::Hint::GiveDataFile)
            );
        }
        let mut hashers: Vec<Hasher> = algs.iter().map(|a| Hasher::new(*a)).collect();
        let (t, len, _) = r.header()?;
        let mut size = 0u64;
        match (t, len) {
            (0x04, Some(l)) => {
                r.hash(l, &mut hashers)?;
                size = l;
            }
            (0x24, outer) => {
                // Segments: primitive OCTET STRINGs, to an end-of-contents or the length.
                let mut consumed = 0u64;
                loop {
                    if outer.is_some_and(|o| consumed >= o) {
                        break;
                    }
                    let (t, l, seg_raw) = r.header()?;
                    match (t, l) {
                        (0x00, Some(0)) if outer.is_none() => break,
                        (0x04, Some(l)) => {
                            r.hash(l, &mut hashers)?;
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
            r.eoc()?;
        }
        if encap_len.is_none() {
            r.eoc()?;
        }
        let rest_at = r.pos;
        let mut rest = Vec::new();
        (&mut r.r).take(MAX_REST + 1).read_to_end(&mut rest).map_err(|e| stream_io_err(e, rest_at))?;
        if rest.len() as u64 > MAX_REST {
            return Err(Error::input(codes::CMS_STREAM_REST_TOO_LARGE).with("limit", "64 MiB"));
        }
        // The end-of-contents of the indefinite outer containers close the rest: dropped, and
        // the three are closed anew after it.
        let open = [ci_len, a0_len, sd_len].iter().filter(|l| l.is_none()).count();
        if rest.len() < 2 * open || rest[rest.len() - 2 * open..].iter().any(|b| *b != 0) {
            let end = rest_at + rest.len() as u64;
            return Err(stream_err(
                codes::CMS_STREAM_NO_END_OF_CONTENTS,
                end.saturating_sub(2 * open as u64),
            ));
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
