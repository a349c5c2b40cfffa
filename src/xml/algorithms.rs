//! XML-DSig algorithm identifiers (XML-DSig 1.1 §6, RFC 6931, RFC 9231) mapped to what kyso's
//! one verifier ([`crate::crypto::verify`]) takes: DER AlgorithmIdentifiers and
//! SubjectPublicKeyInfos; and the XML signature-value encodings (ECDSA and DSA `r || s`)
//! turned into DER.

use sha2::Digest as _;

/// The `ds` namespace (XML-DSig 1.0 and 1.1).
pub const NS_DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
/// The `dsig11` namespace (XML-DSig 1.1 additions: ECKeyValue, DEREncodedKeyValue, ...).
pub const NS_DSIG11: &str = "http://www.w3.org/2009/xmldsig11#";
/// The enveloped-signature transform (XML-DSig 1.1 §6.6.4).
pub const ENVELOPED_SIGNATURE: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
/// The namespace of exclusive C14N's InclusiveNamespaces element.
pub const NS_EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";

/// A reference digest algorithm (XML-DSig 1.1 §6.2, RFC 6931 §2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DigestMethod {
    /// SHA-1: legacy, verified only when legacy algorithms are allowed, and flagged.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl DigestMethod {
    /// The method an Algorithm URI names, if supported.
    pub fn from_uri(uri: &str) -> Option<DigestMethod> {
        Some(match uri {
            "http://www.w3.org/2000/09/xmldsig#sha1" => DigestMethod::Sha1,
            "http://www.w3.org/2001/04/xmldsig-more#sha224" => DigestMethod::Sha224,
            "http://www.w3.org/2001/04/xmlenc#sha256" => DigestMethod::Sha256,
            "http://www.w3.org/2001/04/xmldsig-more#sha384" => DigestMethod::Sha384,
            "http://www.w3.org/2001/04/xmlenc#sha512" => DigestMethod::Sha512,
            _ => return None,
        })
    }

    /// The Algorithm URI (XML-DSig 1.1 §6.2, RFC 6931).
    pub fn uri(self) -> &'static str {
        match self {
            DigestMethod::Sha1 => "http://www.w3.org/2000/09/xmldsig#sha1",
            DigestMethod::Sha224 => "http://www.w3.org/2001/04/xmldsig-more#sha224",
            DigestMethod::Sha256 => "http://www.w3.org/2001/04/xmlenc#sha256",
            DigestMethod::Sha384 => "http://www.w3.org/2001/04/xmldsig-more#sha384",
            DigestMethod::Sha512 => "http://www.w3.org/2001/04/xmlenc#sha512",
        }
    }

    /// True for the algorithms accepted only for old documents (as
    /// [`crate::crypto::DigestAlgorithm::is_legacy`]).
    pub fn is_legacy(self) -> bool {
        self == DigestMethod::Sha1
    }

    /// The name (`sha256`).
    pub fn name(self) -> &'static str {
        match self {
            DigestMethod::Sha1 => "sha1",
            DigestMethod::Sha224 => "sha224",
            DigestMethod::Sha256 => "sha256",
            DigestMethod::Sha384 => "sha384",
            DigestMethod::Sha512 => "sha512",
        }
    }

    /// A hasher of this algorithm, fed piece by piece.
    pub(crate) fn hasher(self) -> Box<dyn sha2::digest::DynDigest> {
        match self {
            DigestMethod::Sha1 => Box::new(sha1::Sha1::default()),
            DigestMethod::Sha224 => Box::new(sha2::Sha224::default()),
            DigestMethod::Sha256 => Box::new(sha2::Sha256::default()),
            DigestMethod::Sha384 => Box::new(sha2::Sha384::default()),
            DigestMethod::Sha512 => Box::new(sha2::Sha512::default()),
        }
    }

    /// Hash `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            DigestMethod::Sha1 => sha1::Sha1::digest(data).to_vec(),
            DigestMethod::Sha224 => sha2::Sha224::digest(data).to_vec(),
            DigestMethod::Sha256 => sha2::Sha256::digest(data).to_vec(),
            DigestMethod::Sha384 => sha2::Sha384::digest(data).to_vec(),
            DigestMethod::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    fn oid(self) -> &'static str {
        match self {
            DigestMethod::Sha1 => "1.3.14.3.2.26",
            DigestMethod::Sha224 => "2.16.840.1.101.3.4.2.4",
            DigestMethod::Sha256 => "2.16.840.1.101.3.4.2.1",
            DigestMethod::Sha384 => "2.16.840.1.101.3.4.2.2",
            DigestMethod::Sha512 => "2.16.840.1.101.3.4.2.3",
        }
    }
}

/// How a signature value is encoded in XML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueEncoding {
    /// As is (RSA).
    Raw,
    /// `r || s`, each half the value (ECDSA: XML-DSig 1.1 §6.4.3; DSA: §6.4.1).
    Concatenated,
}

/// A supported SignatureMethod: the DER AlgorithmIdentifier the crypto layer verifies with.
#[derive(Clone, Debug)]
pub(crate) struct SignatureMethod {
    pub(crate) algorithm_der: Vec<u8>,
    pub(crate) encoding: ValueEncoding,
}

/// What a SignatureMethod URI is.
#[derive(Clone, Debug)]
pub(crate) enum MethodKind {
    Supported(SignatureMethod),
    Hmac,
    Unknown,
}

/// The SignatureMethod for an Algorithm URI.
pub(crate) fn signature_method(uri: &str) -> MethodKind {
    const MORE: &str = "http://www.w3.org/2001/04/xmldsig-more#";
    const MORE07: &str = "http://www.w3.org/2007/05/xmldsig-more#";
    let rsa = |oid: &str| {
        MethodKind::Supported(SignatureMethod {
            algorithm_der: seq(&[oid_der(oid), vec![0x05, 0x00]].concat()),
            encoding: ValueEncoding::Raw,
        })
    };
    let concat = |oid: &str| {
        MethodKind::Supported(SignatureMethod {
            algorithm_der: seq(&oid_der(oid)),
            encoding: ValueEncoding::Concatenated,
        })
    };
    let pss = |hash: DigestMethod| {
        // RFC 9231 §2.3.10: MGF1 with the same hash, salt length = hash length, trailer 1.
        let hash_alg = seq(&oid_der(hash.oid()));
        let mgf = seq(&[oid_der("1.2.840.113549.1.1.8"), hash_alg.clone()].concat());
        let salt = tlv(0x02, &[hash.digest(b"").len() as u8]);
        let params = seq(&[tlv(0xa0, &hash_alg), tlv(0xa1, &mgf), tlv(0xa2, &salt)].concat());
        MethodKind::Supported(SignatureMethod {
            algorithm_der: seq(&[oid_der("1.2.840.113549.1.1.10"), params].concat()),
            encoding: ValueEncoding::Raw,
        })
    };
    match uri {
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1" => rsa("1.2.840.113549.1.1.5"),
        "http://www.w3.org/2000/09/xmldsig#dsa-sha1" => concat("1.2.840.10040.4.3"),
        "http://www.w3.org/2009/xmldsig11#dsa-sha256" => concat("2.16.840.1.101.3.4.3.2"),
        "http://www.w3.org/2000/09/xmldsig#hmac-sha1" => MethodKind::Hmac,
        _ => match (uri.strip_prefix(MORE), uri.strip_prefix(MORE07)) {
            (Some("rsa-sha224"), _) => rsa("1.2.840.113549.1.1.14"),
            (Some("rsa-sha256"), _) => rsa("1.2.840.113549.1.1.11"),
            (Some("rsa-sha384"), _) => rsa("1.2.840.113549.1.1.12"),
            (Some("rsa-sha512"), _) => rsa("1.2.840.113549.1.1.13"),
            (Some("ecdsa-sha1"), _) => concat("1.2.840.10045.4.1"),
            (Some("ecdsa-sha224"), _) => concat("1.2.840.10045.4.3.1"),
            (Some("ecdsa-sha256"), _) => concat("1.2.840.10045.4.3.2"),
            (Some("ecdsa-sha384"), _) => concat("1.2.840.10045.4.3.3"),
            (Some("ecdsa-sha512"), _) => concat("1.2.840.10045.4.3.4"),
            (Some(h), _) if h.starts_with("hmac-") => MethodKind::Hmac,
            (_, Some("sha1-rsa-MGF1")) => pss(DigestMethod::Sha1),
            (_, Some("sha224-rsa-MGF1")) => pss(DigestMethod::Sha224),
            (_, Some("sha256-rsa-MGF1")) => pss(DigestMethod::Sha256),
            (_, Some("sha384-rsa-MGF1")) => pss(DigestMethod::Sha384),
            (_, Some("sha512-rsa-MGF1")) => pss(DigestMethod::Sha512),
            _ => MethodKind::Unknown,
        },
    }
}

/// A DER TLV (definite length).
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(content);
    out
}

/// A DER SEQUENCE of `content`.
pub(crate) fn seq(content: &[u8]) -> Vec<u8> {
    tlv(0x30, content)
}

/// A DER OBJECT IDENTIFIER from its dotted form (well-formed constants only).
pub(crate) fn oid_der(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').filter_map(|a| a.parse().ok()).collect();
    let mut body = Vec::new();
    let mut push = |mut v: u64| {
        let mut tmp = vec![(v & 0x7f) as u8];
        v >>= 7;
        while v > 0 {
            tmp.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        tmp.reverse();
        body.extend(tmp);
    };
    if let [a, b, rest @ ..] = arcs.as_slice() {
        push(a * 40 + b);
        for r in rest {
            push(*r);
        }
    }
    tlv(0x06, &body)
}

/// A DER INTEGER of the unsigned big-endian `bytes`.
pub(crate) fn uint(bytes: &[u8]) -> Vec<u8> {
    let trimmed: &[u8] = {
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        &bytes[skip..]
    };
    let mut content = Vec::with_capacity(trimmed.len() + 1);
    if trimmed.first().is_none_or(|b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(trimmed);
    tlv(0x02, &content)
}

/// The DER `SEQUENCE { r, s }` of an XML `r || s` signature value (two halves of equal size).
pub(crate) fn concatenated_to_der(value: &[u8]) -> Vec<u8> {
    let (r, s) = value.split_at(value.len() / 2);
    seq(&[uint(r), uint(s)].concat())
}

/// True when `value` is two halves of equal size over `half` bytes whose extra leading bytes
/// are all zero (an `r || s` with padded integers).
pub(crate) fn zero_padded_halves(value: &[u8], half: usize) -> bool {
    let n = value.len() / 2;
    value.len() % 2 == 0
        && n > half
        && n <= half + 8
        && value[..n - half].iter().all(|b| *b == 0)
        && value[n..2 * n - half].iter().all(|b| *b == 0)
}

/// The SubjectPublicKeyInfo DER of an RSA key (modulus, exponent: unsigned big-endian).
pub(crate) fn rsa_spki(modulus: &[u8], exponent: &[u8]) -> Vec<u8> {
    let alg = seq(&[oid_der("1.2.840.113549.1.1.1"), vec![0x05, 0x00]].concat());
    let key = seq(&[uint(modulus), uint(exponent)].concat());
    let bits = tlv(0x03, &[&[0u8][..], &key].concat());
    seq(&[alg, bits].concat())
}

/// The SubjectPublicKeyInfo DER of a DSA key (p, q, g, y: unsigned big-endian).
pub(crate) fn dsa_spki(p: &[u8], q: &[u8], g: &[u8], y: &[u8]) -> Vec<u8> {
    let params = seq(&[uint(p), uint(q), uint(g)].concat());
    let alg = seq(&[oid_der("1.2.840.10040.4.1"), params].concat());
    let bits = tlv(0x03, &[&[0u8][..], &uint(y)].concat());
    seq(&[alg, bits].concat())
}

/// The SubjectPublicKeyInfo DER of an EC key on the curve `curve_oid` (uncompressed point).
pub(crate) fn ec_spki(curve_oid: &str, point: &[u8]) -> Vec<u8> {
    let alg = seq(&[oid_der("1.2.840.10045.2.1"), oid_der(curve_oid)].concat());
    let bits = tlv(0x03, &[&[0u8][..], point].concat());
    seq(&[alg, bits].concat())
}

/// The size in bytes of one half (`r` or `s`) of an ECDSA signature on the curve of `spki`,
/// when the curve is known.
pub(crate) fn ec_half_size(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> Option<usize> {
    let curve = spki.algorithm.parameters.as_ref()?.as_oid().ok()?.to_id_string();
    match curve.as_str() {
        "1.2.840.10045.3.1.7" => Some(32),
        "1.3.132.0.34" => Some(48),
        "1.3.132.0.35" => Some(66),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_building_blocks() {
        assert_eq!(
            oid_der("1.2.840.113549.1.1.11"),
            [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 11]
        );
        assert_eq!(uint(&[0, 0, 0x80]), [0x02, 0x02, 0x00, 0x80]);
        assert_eq!(uint(&[0, 0]), [0x02, 0x01, 0x00]);
        assert_eq!(
            concatenated_to_der(&[0, 1, 0x81, 2]),
            [0x30, 0x08, 0x02, 0x01, 0x01, 0x02, 0x03, 0x00, 0x81, 0x02]
        );
        assert!(zero_padded_halves(&[0, 1, 2, 0, 3, 4], 2));
        assert!(!zero_padded_halves(&[5, 1, 2, 0, 3, 4], 2));
        assert_eq!(tlv(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
        use x509_parser::prelude::FromDer;
        let spki = rsa_spki(&[0xc1; 256], &[1, 0, 1]);
        let (_, parsed) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki).unwrap();
        assert_eq!(parsed.algorithm.algorithm.to_id_string(), "1.2.840.113549.1.1.1");
        for uri in [
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
        ] {
            let MethodKind::Supported(m) = signature_method(uri) else { panic!("{uri}") };
            assert!(x509_parser::x509::AlgorithmIdentifier::from_der(&m.algorithm_der).is_ok(), "{uri}");
        }
        assert!(matches!(
            signature_method("http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"),
            MethodKind::Hmac
        ));
    }
}
