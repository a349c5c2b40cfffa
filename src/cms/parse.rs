//! Reading CMS SignedData: PEM or DER, strict DER (BER indefinite lengths are reported, not
//! guessed at), with each SignerInfo's signed attributes kept as the exact bytes that were
//! signed (RFC 5652 §5.4).

use crate::certificate::Certificate;
use crate::cms::oids::*;
use crate::diag::codes::cms as codes;
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

fn malformed(e: impl std::fmt::Display, _data: &[u8]) -> Error {
    Error::input(codes::CMS_MALFORMED).with("detail", e)
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
    let ci = ContentInfo::from_der(der).map_err(|e| malformed(e, der))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err(Error::input(codes::CMS_NOT_SIGNED_DATA).with("content_type", ci.content_type));
    }
    let sd_der = ci.content.to_der().map_err(|e| malformed(e, der))?;
    let signed_data = SignedData::from_der(&sd_der).map_err(|e| malformed(e, der))?;
    if let Some(e) = &signed_data.encap_content_info.econtent {
        if e.tag() != Tag::OctetString {
            return Err(Error::unsupported(codes::CMS_ECONTENT_CONSTRUCTED));
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
