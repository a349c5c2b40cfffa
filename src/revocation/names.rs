//! Name comparison for CRL processing: distinguished names per RFC 5280 §7.1 (string values
//! compared after the RFC 4518 string preparation of [`crate::name::prepare`]: NFKC, case
//! folding, insignificant spaces) and general names in distribution points (RFC 5280 §4.2.1.13, §5.2.5).

use der::Encode;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName as XcGeneralName};
use x509_parser::asn1_rs::Tag;
use x509_parser::prelude::{FromDer, GeneralName, RelativeDistinguishedName, X509Name};

/// One attribute value, normalised for comparison.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    /// A directory string, prepared (RFC 4518): compared caselessly.
    Text(String),
    /// Any other type: tag and content bytes, compared exactly.
    Raw(u32, Vec<u8>),
}

/// An attribute type and value: the type OID in dotted form (borrowed for the usual types), the
/// normalised value.
type Ava = (std::borrow::Cow<'static, str>, Value);

/// A distinguished name normalised for comparison: its RDNs in order, each a sorted set of AVAs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NormName(Vec<Vec<Ava>>);

impl NormName {
    /// Normalise a parsed name.
    pub(crate) fn from_x509(name: &X509Name<'_>) -> Self {
        NormName(name.iter_rdn().map(norm_rdn).collect())
    }

    /// Parse and normalise a DER Name; `None` when it is not a valid Name.
    pub(crate) fn from_der(der: &[u8]) -> Option<Self> {
        match X509Name::from_der(der) {
            Ok(([], name)) => Some(Self::from_x509(&name)),
            _ => None,
        }
    }

    /// This name with one more RDN appended (nameRelativeToCRLIssuer, RFC 5280 §4.2.1.13).
    fn with_rdn(&self, rdn: &RelativeDistinguishedName<'_>) -> Self {
        let mut v = self.0.clone();
        v.push(norm_rdn(rdn));
        NormName(v)
    }
}

fn norm_rdn(rdn: &RelativeDistinguishedName<'_>) -> Vec<Ava> {
    let mut set: Vec<Ava> = rdn
        .iter()
        .map(|ava| {
            let oid = crate::crypto::oids::dotted(ava.attr_type());
            let any = ava.attr_value();
            let value = match any.tag() {
                Tag::PrintableString
                | Tag::Utf8String
                | Tag::Ia5String
                | Tag::NumericString
                | Tag::T61String
                | Tag::VisibleString => match std::str::from_utf8(any.data) {
                    Ok(s) => Value::Text(prepare(s)),
                    Err(_) => Value::Raw(any.tag().0, any.data.to_vec()),
                },
                Tag::BmpString => match decode_bmp(any.data) {
                    Some(s) => Value::Text(prepare(&s)),
                    None => Value::Raw(any.tag().0, any.data.to_vec()),
                },
                t => Value::Raw(t.0, any.data.to_vec()),
            };
            (oid, value)
        })
        .collect();
    set.sort();
    set
}

fn decode_bmp(data: &[u8]) -> Option<String> {
    if data.len() % 2 != 0 {
        return None;
    }
    let units: Vec<u16> = data.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
    String::from_utf16(&units).ok()
}

/// RFC 4518 §2 string preparation ([`crate::name::normalize`]): NFKC, case folding and
/// insignificant space handling.
fn prepare(s: &str) -> String {
    crate::name::normalize(s)
}

/// A general name normalised for comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NormGeneralName {
    /// directoryName
    Directory(NormName),
    /// uniformResourceIdentifier, compared exactly (RFC 5280 §7.4 allows only scheme and host
    /// case folding; distribution point URIs are copied verbatim by issuers).
    Uri(String),
    /// dNSName, caseless.
    Dns(String),
    /// rfc822Name (the host part is caseless; compared caselessly as a whole, which is what
    /// issuers produce in practice).
    Email(String),
    /// Any other form: its debug rendering, compared exactly.
    Other(String),
}

impl NormGeneralName {
    pub(crate) fn from_x509(gn: &GeneralName<'_>) -> Self {
        match gn {
            GeneralName::DirectoryName(n) => NormGeneralName::Directory(NormName::from_x509(n)),
            GeneralName::URI(u) => NormGeneralName::Uri((*u).to_string()),
            GeneralName::DNSName(d) => NormGeneralName::Dns(d.to_ascii_lowercase()),
            GeneralName::RFC822Name(e) => NormGeneralName::Email(e.to_ascii_lowercase()),
            other => NormGeneralName::Other(format!("{other:?}")),
        }
    }

    /// Normalise a general name decoded with x509-cert (distribution points: x509-parser 0.18
    /// loses nameRelativeToCRLIssuer and misreads two-octet ReasonFlags, so those extensions are
    /// decoded with x509-cert).
    pub(crate) fn from_x509_cert(gn: &XcGeneralName) -> Self {
        match gn {
            XcGeneralName::DirectoryName(n) => match n.to_der().ok().and_then(|d| NormName::from_der(&d)) {
                Some(n) => NormGeneralName::Directory(n),
                None => NormGeneralName::Other(format!("{gn:?}")),
            },
            XcGeneralName::UniformResourceIdentifier(u) => NormGeneralName::Uri(u.to_string()),
            XcGeneralName::DnsName(d) => NormGeneralName::Dns(d.to_string().to_ascii_lowercase()),
            XcGeneralName::Rfc822Name(e) => NormGeneralName::Email(e.to_string().to_ascii_lowercase()),
            other => NormGeneralName::Other(format!("{other:?}")),
        }
    }

    /// Render for messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            NormGeneralName::Directory(_) => "directoryName".to_string(),
            NormGeneralName::Uri(u) => u.clone(),
            NormGeneralName::Dns(d) => d.clone(),
            NormGeneralName::Email(e) => e.clone(),
            NormGeneralName::Other(o) => o.clone(),
        }
    }
}

/// A distribution point name resolved to full names (RFC 5280 §4.2.1.13: a
/// nameRelativeToCRLIssuer is appended to the CRL issuer's name).
pub(crate) fn resolve_dp_name(dp: &DistributionPointName, base: &NormName) -> Vec<NormGeneralName> {
    match dp {
        DistributionPointName::FullName(names) => names.iter().map(NormGeneralName::from_x509_cert).collect(),
        DistributionPointName::NameRelativeToCRLIssuer(rdn) => {
            let parsed = rdn.to_der().ok();
            match parsed.as_deref().map(RelativeDistinguishedName::from_der) {
                Some(Ok(([], rdn))) => vec![NormGeneralName::Directory(base.with_rdn(&rdn))],
                _ => Vec::new(),
            }
        }
    }
}

/// Whether two lists of names share at least one name.
pub(crate) fn any_common(a: &[NormGeneralName], b: &[NormGeneralName]) -> bool {
    a.iter().any(|x| b.contains(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepared_strings_compare_caselessly_and_fold_spaces() {
        assert_eq!(prepare("  Ban  Cơ Yếu "), "ban cơ yếu");
        assert_ne!(prepare("CA 1"), prepare("CA1"));
    }

    #[test]
    fn bmp_decoding() {
        assert_eq!(decode_bmp(&[0, b'A', 0x1e, 0xbf]).as_deref(), Some("Aế"));
        assert_eq!(decode_bmp(&[0]), None);
    }
}
