//! Object identifiers with arcs of any size up to 128 bits.
//!
//! `const-oid` 0.9 limits arcs to 32 bits, which rules out the UUID arc `2.25.<uuid>` (ITU-T
//! X.667, RFC 4122 §1) used for private policy OIDs. [`Oid`] keeps the DER content octets
//! (X.690 §8.19) and encodes through `der` as an `OBJECT IDENTIFIER`.

use crate::diag::codes::issue as codes;
use crate::error::{Error, Result};
use der::{DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Tag, Writer};

/// An object identifier (`2.16.704.1.1.1.1.1`, `2.25.2542...`): dotted text in, DER out.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Oid {
    content: Vec<u8>,
}

impl Oid {
    /// Parse dotted decimal. The first arc is 0, 1 or 2; the second is below 40 unless the first
    /// is 2 (X.690 §8.19.4); every arc fits in 128 bits.
    pub fn parse(s: &str) -> Result<Self> {
        let bad = |code: crate::diag::Code| Error::usage(code).with("oid", s);
        let arcs: Vec<u128> = s
            .trim()
            .split('.')
            .map(|a| {
                if a.is_empty()
                    || !a.bytes().all(|b| b.is_ascii_digit())
                    || (a.len() > 1 && a.starts_with('0'))
                {
                    Err(bad(codes::OID_BAD_ARC))
                } else {
                    a.parse::<u128>().map_err(|_| bad(codes::OID_ARC_TOO_LARGE))
                }
            })
            .collect::<Result<_>>()?;
        if arcs.len() < 2 {
            return Err(bad(codes::OID_TOO_FEW_ARCS));
        }
        let (a0, a1) = (arcs[0], arcs[1]);
        if a0 > 2 || (a0 < 2 && a1 >= 40) {
            return Err(bad(codes::OID_BAD_FIRST_ARCS));
        }
        let first = a0
            .checked_mul(40)
            .and_then(|v| v.checked_add(a1))
            .ok_or_else(|| bad(codes::OID_SECOND_ARC_TOO_LARGE))?;
        let mut content = Vec::new();
        for arc in std::iter::once(first).chain(arcs[2..].iter().copied()) {
            push_base128(&mut content, arc);
        }
        Ok(Oid { content })
    }

    /// From DER content octets (no tag and length), as x509-parser's `Oid::as_bytes` gives.
    pub fn from_content(content: &[u8]) -> Result<Self> {
        let oid = Oid { content: content.to_vec() };
        oid.arcs().ok_or_else(|| Error::input(codes::OID_MALFORMED))?;
        Ok(oid)
    }

    /// The DER content octets.
    pub fn content(&self) -> &[u8] {
        &self.content
    }

    fn arcs(&self) -> Option<Vec<u128>> {
        let mut arcs = Vec::new();
        let mut cur: u128 = 0;
        let mut in_arc = false;
        for &b in &self.content {
            if !in_arc && b == 0x80 {
                return None; // non-minimal encoding
            }
            cur = cur.checked_mul(128)?.checked_add(u128::from(b & 0x7f))?;
            in_arc = b & 0x80 != 0;
            if !in_arc {
                arcs.push(cur);
                cur = 0;
            }
        }
        if in_arc || arcs.is_empty() {
            return None;
        }
        let first = arcs.remove(0);
        let (a0, a1) = if first < 80 { (first / 40, first % 40) } else { (2, first - 80) };
        let mut out = vec![a0, a1];
        out.extend(arcs);
        Some(out)
    }
}

fn push_base128(out: &mut Vec<u8>, mut v: u128) {
    let mut tmp = [0u8; 19];
    let mut n = 0;
    loop {
        tmp[n] = (v & 0x7f) as u8;
        n += 1;
        v >>= 7;
        if v == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        out.push(tmp[i] | if i > 0 { 0x80 } else { 0 });
    }
}

impl std::fmt::Display for Oid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.arcs() {
            Some(arcs) => {
                let parts: Vec<String> = arcs.iter().map(u128::to_string).collect();
                f.write_str(&parts.join("."))
            }
            None => f.write_str("<invalid OID>"),
        }
    }
}

impl std::fmt::Debug for Oid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Oid({self})")
    }
}

impl std::str::FromStr for Oid {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Oid::parse(s)
    }
}

impl serde::Serialize for Oid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl FixedTag for Oid {
    const TAG: Tag = Tag::ObjectIdentifier;
}

impl<'a> DecodeValue<'a> for Oid {
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let bytes = reader.read_vec(header.length)?;
        Oid::from_content(&bytes).map_err(|_| der::Tag::ObjectIdentifier.value_error())
    }
}

impl EncodeValue for Oid {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.content.len())
    }
    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&self.content)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;

    #[test]
    fn small_oids_match_const_oid() {
        for s in ["2.16.704.1.1.1.1.1", "1.3.6.1.5.5.7.3.8", "2.5.29.32.0", "0.9.2342.19200300.100.1.1"] {
            let ours = Oid::parse(s).unwrap().to_der().unwrap();
            let theirs = der::asn1::ObjectIdentifier::new(s).unwrap().to_der().unwrap();
            assert_eq!(ours, theirs, "{s}");
            assert_eq!(Oid::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn uuid_arc_round_trips() {
        let s = "2.25.254237174323809065057726002495311440973.1.1";
        let oid = Oid::parse(s).unwrap();
        assert_eq!(oid.to_string(), s);
        assert_eq!(Oid::from_content(oid.content()).unwrap(), oid);
        // x509-parser (asn1-rs) reads the same content octets, and (with asn1-rs's `bigint`
        // feature, enabled in Cargo.toml) prints the same dotted decimal.
        let der = oid.to_der().unwrap();
        let (_, parsed) =
            <x509_parser::der_parser::asn1_rs::Oid as x509_parser::der_parser::asn1_rs::FromDer<
                '_,
                x509_parser::der_parser::asn1_rs::Error,
            >>::from_der(&der)
            .unwrap();
        assert_eq!(parsed.as_bytes(), oid.content());
        assert_eq!(Oid::from_content(parsed.as_bytes()).unwrap().to_string(), s);
        assert_eq!(parsed.to_id_string(), s);
    }

    #[test]
    fn bad_oids() {
        for (s, code) in [
            ("", codes::OID_BAD_ARC),
            ("1", codes::OID_TOO_FEW_ARCS),
            ("3.1", codes::OID_BAD_FIRST_ARCS),
            ("1.40", codes::OID_BAD_FIRST_ARCS),
            ("1.2.x", codes::OID_BAD_ARC),
            ("1..2", codes::OID_BAD_ARC),
            ("1.02", codes::OID_BAD_ARC),
            ("2.25.999999999999999999999999999999999999999999", codes::OID_ARC_TOO_LARGE),
        ] {
            let e = Oid::parse(s).unwrap_err();
            assert_eq!(e.code(), code, "{s}");
            assert_eq!(e.typed_message().params.get("oid"), Some(s));
        }
        assert_eq!(Oid::from_content(&[0x2a, 0x86]).unwrap_err().code(), codes::OID_MALFORMED);
    }
}
