//! XAdES (ETSI EN 319 132-1) baseline signatures, levels B-B and B-T, on top of XML-DSig:
//! the `QualifyingProperties` Object with the signed `SigningTime` and `SigningCertificateV2`
//! (B-B), and an unsigned `SignatureTimeStamp` over the canonical `ds:SignatureValue` (B-T).
//!
//! Signing: [`crate::xml::sign_enveloped`] writes the B-B properties when
//! [`crate::xml::SignOptions::xades`] is set; [`add_signature_timestamp`] adds the B-T timestamp
//! to a signed document (the properties are unsigned, so the signature stays intact).
//!
//! Verification: [`crate::xml::verify_document`] reads the properties of every signature
//! ([`examine`]): the SignedProperties must be covered by a verified Reference, the signing
//! certificate property must name the certificate that verified the signature, and a valid
//! signature timestamp proves the time the signer's path is validated at.
//!
//! # What this does not check or write
//! - Levels B-LT and B-LTA (validation data, archive timestamps), counter-signatures,
//!   SignaturePolicyIdentifier (EPES), SignerRoleV2, CommitmentTypeIndication,
//!   DataObjectFormat, AllDataObjectsTimeStamp: not written; when present they are not
//!   interpreted.
//! - A `SigningCertificate(V2)` listing more certificates than the signer's: only the one that
//!   names the signer's certificate is checked.

use super::algorithms::{DigestMethod, NS_DSIG};
use super::c14n::{self, Canonicalization, NodeSet};
use super::dsig::SignatureReport;
use super::reader::{Document, Element, Limits};
use crate::Certificate;
use crate::cms::VerifyOptions;
use crate::cms::report::TimestampReport;
use crate::cms::tsp::{self, Timestamper};
use crate::diag::codes::{xades as c, xml as xc};
use crate::diag::{Finding, Message};
use crate::error::{Error, Result};
use crate::verdict::Check;
use base64::Engine as _;
use der::Decode as _;
use time::OffsetDateTime;

/// The XAdES namespace (ETSI EN 319 132-1, version 1.3.2).
pub const NS_XADES: &str = "http://uri.etsi.org/01903/v1.3.2#";
/// The Type of the Reference to SignedProperties.
pub const SIGNED_PROPERTIES_TYPE: &str = "http://uri.etsi.org/01903#SignedProperties";
/// Inclusive C14N 1.0 without comments: what kyso writes for the timestamp's input.
const C14N10: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}

/// The Id kyso gives the SignedProperties of the signature `signature_id`.
pub(crate) fn signed_properties_id(signature_id: &str) -> String {
    format!("{signature_id}-SignedProperties")
}

/// The `ds:Object` holding the B-B qualifying properties of the signature `signature_id`
/// (written inside a Signature whose default namespace is XML-DSig's): SigningTime in UTC and
/// SigningCertificateV2 with the SHA-256 digest and the IssuerSerialV2 of `cert`.
pub(crate) fn qualifying_properties_object(
    signature_id: &str,
    cert: &Certificate,
    signing_time: OffsetDateTime,
) -> Result<String> {
    let issuer_serial = crate::cms::ess::issuer_serial_der(cert)?;
    Ok(format!(
        concat!(
            r##"<Object><xades:QualifyingProperties xmlns:xades="{ns}" Target="#{id}">"##,
            r#"<xades:SignedProperties Id="{sp}"><xades:SignedSignatureProperties>"#,
            r#"<xades:SigningTime>{time}</xades:SigningTime>"#,
            r#"<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>"#,
            r#"<DigestMethod Algorithm="{sha256}"/><DigestValue>{digest}</DigestValue>"#,
            r#"</xades:CertDigest><xades:IssuerSerialV2>{is}</xades:IssuerSerialV2></xades:Cert>"#,
            r#"</xades:SigningCertificateV2></xades:SignedSignatureProperties></xades:SignedProperties>"#,
            r#"</xades:QualifyingProperties></Object>"#
        ),
        ns = NS_XADES,
        id = escape(signature_id),
        sp = escape(&signed_properties_id(signature_id)),
        time = crate::vn::rfc3339_utc(signing_time),
        sha256 = DigestMethod::Sha256.uri(),
        digest = b64(&DigestMethod::Sha256.digest(cert.der())),
        is = b64(&issuer_serial),
    ))
}

/// The one `xades:QualifyingProperties` in the Objects of `sig` (`Ok(None)` without one).
fn qualifying_properties<'a, 'i>(
    sig: &Element<'a, 'i>,
) -> std::result::Result<Option<Element<'a, 'i>>, Message> {
    let mut found = sig
        .children()
        .filter(|o| o.is(NS_DSIG, "Object"))
        .flat_map(|o| o.children().filter(|q| q.is(NS_XADES, "QualifyingProperties")).collect::<Vec<_>>());
    let first = found.next();
    if found.next().is_some() {
        return Err(Message::new(c::XADES_MULTIPLE_QUALIFYING_PROPERTIES));
    }
    Ok(first)
}

fn child<'a, 'i>(e: &Element<'a, 'i>, ns: &str, name: &str) -> Option<Element<'a, 'i>> {
    e.children().find(|x| x.is(ns, name))
}

fn malformed(property: &str, detail: impl std::fmt::Display) -> Message {
    Message::new(c::XADES_PROPERTY_MALFORMED).with("property", property).with("detail", detail)
}

fn base64_text(e: &Element<'_, '_>) -> Option<Vec<u8>> {
    let text: String = e.text().chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(text.as_bytes()).ok()
}

/// What the XAdES properties of one signature say.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct XadesReport {
    /// `XAdES-B-B`, `XAdES-B-T`, or `XAdES` (qualifying properties that do not make a
    /// baseline signature).
    pub level: &'static str,
    /// The signing certificate property against the certificate that verified the signature.
    pub signing_certificate: Check,
    /// The signature timestamp, when there is one.
    pub timestamp: Option<TimestampReport>,
    /// The time a valid signature timestamp proves.
    pub proven_time: Option<OffsetDateTime>,
    /// Errors (they make the signature invalid).
    pub errors: Vec<Finding>,
    /// Warnings and notes.
    pub warnings: Vec<Finding>,
}

/// Read and check the XAdES properties of `sig` (whose XML-DSig verification is `report`,
/// signed by `cert`). `None` when the signature has no QualifyingProperties.
///
/// Checks: one QualifyingProperties whose Target is the Signature; its SignedProperties
/// covered by a verified Reference (of Type `…#SignedProperties`, else a warning); the signing
/// certificate property (V2, or the deprecated V1 with a warning) names `cert` by digest and,
/// when given, issuer and serial; the first SignatureTimeStamp over the canonical
/// SignatureValue, verified like a CAdES one (token, TSA path at its genTime, under `opts`).
pub fn examine(
    doc: &Document<'_>,
    sig: &Element<'_, '_>,
    report: &SignatureReport,
    cert: Option<&Certificate>,
    opts: &VerifyOptions,
) -> Option<XadesReport> {
    let mut out = XadesReport {
        level: "XAdES",
        signing_certificate: Check::not_checked(),
        timestamp: None,
        proven_time: None,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let qp = match qualifying_properties(sig) {
        Ok(Some(q)) => q,
        Ok(None) => return None,
        Err(m) => {
            out.errors.push(Finding::new(m));
            return Some(out);
        }
    };
    let sig_id = sig.id().unwrap_or_default();
    let target = qp.attribute("Target").unwrap_or_default();
    if target.strip_prefix('#') != Some(sig_id) || sig_id.is_empty() {
        out.errors.push(Finding::new(
            Message::new(c::XADES_TARGET_MISMATCH).with("target", target).with("id", sig_id),
        ));
    }
    let Some(sp) = child(&qp, NS_XADES, "SignedProperties") else {
        out.errors.push(Finding::new(c::XADES_NO_SIGNED_PROPERTIES));
        return Some(out);
    };
    if !report.covers(&sp) {
        out.errors.push(Finding::new(c::XADES_SIGNED_PROPERTIES_NOT_COVERED));
        return Some(out);
    }
    let sp_path = sp.path();
    let typed = report.references.iter().any(|r| {
        r.digest.is_valid()
            && r.reference_type.as_deref() == Some(SIGNED_PROPERTIES_TYPE)
            && matches!(&r.covered, super::dsig::Coverage::Element { path, .. } if *path == sp_path)
    });
    if !typed {
        out.warnings.push(Finding::new(c::XADES_SIGNED_PROPERTIES_TYPE));
    }
    let ssp = child(&sp, NS_XADES, "SignedSignatureProperties");
    let v2 = ssp.and_then(|s| child(&s, NS_XADES, "SigningCertificateV2"));
    let v1 = ssp.and_then(|s| child(&s, NS_XADES, "SigningCertificate"));
    match (v2.or(v1), cert) {
        (None, _) => out.warnings.push(Finding::new(c::XADES_NO_SIGNING_CERTIFICATE)),
        (Some(_), None) => {}
        (Some(prop), Some(cert)) => {
            if v2.is_none() {
                out.warnings.push(Finding::new(c::XADES_SIGNING_CERTIFICATE_V1));
            }
            out.signing_certificate = signing_certificate(&prop, v2.is_some(), cert, opts.allow_legacy());
            if out.signing_certificate.is_failed() {
                out.errors.extend(out.signing_certificate.detail.clone());
            } else if out.signing_certificate.is_passed() {
                out.level = "XAdES-B-B";
            }
        }
    }
    // B-T: the signature timestamp.
    let stamps: Vec<Element<'_, '_>> = child(&qp, NS_XADES, "UnsignedProperties")
        .and_then(|u| child(&u, NS_XADES, "UnsignedSignatureProperties"))
        .map(|u| u.children().filter(|t| t.is(NS_XADES, "SignatureTimeStamp")).collect())
        .unwrap_or_default();
    if stamps.len() > 1 {
        out.warnings
            .push(Finding::new(Message::new(c::XADES_MULTIPLE_TIMESTAMPS).with("count", stamps.len())));
    }
    if let Some(stamp) = stamps.first() {
        match timestamp(doc, sig, stamp, opts) {
            Err(m) => out.errors.push(Finding::new(m)),
            Ok(ts) => {
                if ts.valid {
                    out.proven_time =
                        ts.gen_time.as_ref().and_then(|g| OffsetDateTime::from_unix_timestamp(g.unix).ok());
                    if let Some(t) = out.proven_time {
                        out.warnings.push(Finding::new(
                            Message::new(c::XADES_TIMESTAMP_PROVES)
                                .with("time", crate::vn::rfc3339_vietnam(t)),
                        ));
                    }
                    if out.level == "XAdES-B-B" {
                        out.level = "XAdES-B-T";
                    }
                } else {
                    out.errors.push(Finding::new(c::XADES_TIMESTAMP_INVALID));
                }
                out.timestamp = Some(ts);
            }
        }
    }
    if out.level != "XAdES" {
        out.warnings.push(Finding::new(Message::new(c::XADES_LEVEL).with("level", out.level)));
    }
    Some(out)
}

/// Check a SigningCertificate(V2) property against `cert`.
fn signing_certificate(prop: &Element<'_, '_>, v2: bool, cert: &Certificate, allow_legacy: bool) -> Check {
    let name = if v2 { "SigningCertificateV2" } else { "SigningCertificate" };
    let mut last_mismatch = None;
    let certs: Vec<Element<'_, '_>> = prop.children().filter(|e| e.is(NS_XADES, "Cert")).collect();
    if certs.is_empty() {
        return Check::failed(malformed(name, "no Cert"));
    }
    for entry in certs {
        let Some(cd) = child(&entry, NS_XADES, "CertDigest") else {
            return Check::failed(malformed(name, "Cert without CertDigest"));
        };
        let method = child(&cd, NS_DSIG, "DigestMethod").and_then(|m| m.attribute("Algorithm"));
        let value = child(&cd, NS_DSIG, "DigestValue").and_then(|v| base64_text(&v));
        let (Some(method_uri), Some(value)) = (method, value) else {
            return Check::failed(malformed(name, "CertDigest without DigestMethod or a base64 DigestValue"));
        };
        let Some(method) = DigestMethod::from_uri(method_uri) else {
            return Check::failed(Message::new(xc::XMLDSIG_DIGEST_UNSUPPORTED).with("algorithm", method_uri));
        };
        if method.is_legacy() && !allow_legacy {
            return Check::failed(
                Finding::new(xc::XMLDSIG_SHA1_DIGEST_REFUSED).with_hint(crate::diag::Hint::AllowLegacy),
            );
        }
        if method.digest(cert.der()) != value {
            last_mismatch = Some(Message::new(c::XADES_CERT_DIGEST_DIFFERS).with("algorithm", method.name()));
            continue;
        }
        // The digest names the certificate; a given issuer and serial must agree.
        if let Some(is) = child(&entry, NS_XADES, "IssuerSerialV2") {
            let parsed = base64_text(&is).and_then(|d| crate::cms::ess::IssuerSerial::from_der(&d).ok());
            let Some(parsed) = parsed else {
                return Check::failed(malformed("IssuerSerialV2", "not a base64 DER IssuerSerial"));
            };
            if let Some(why) = crate::cms::ess::check_issuer_serial(&Some(parsed), cert) {
                return Check::failed(
                    Message::new(c::XADES_SIGNING_CERTIFICATE_MISMATCH).with_message("reason", why),
                );
            }
        }
        return Check::passed(
            Message::new(c::XADES_SIGNING_CERTIFICATE_MATCHES).with("algorithm", method.name()),
        );
    }
    let why = last_mismatch.unwrap_or_else(|| malformed(name, "no Cert"));
    Check::failed(Message::new(c::XADES_SIGNING_CERTIFICATE_MISMATCH).with_message("reason", why))
}

/// The canonical `ds:SignatureValue` of `sig` with `method`: what a SignatureTimeStamp covers.
fn signature_value_octets(
    doc: &Document<'_>,
    sig: &Element<'_, '_>,
    method: &Canonicalization,
) -> std::result::Result<Vec<u8>, Message> {
    let value = child(sig, NS_DSIG, "SignatureValue").ok_or_else(|| {
        Message::new(xc::XMLDSIG_MISSING_ELEMENT)
            .with("element", "SignatureValue")
            .with("parent", "Signature")
    })?;
    Ok(c14n::canonicalize(doc, &NodeSet::subtree(value, false), method))
}

/// Verify one SignatureTimeStamp.
fn timestamp(
    doc: &Document<'_>,
    sig: &Element<'_, '_>,
    stamp: &Element<'_, '_>,
    opts: &VerifyOptions,
) -> std::result::Result<TimestampReport, Message> {
    let uri = child(stamp, NS_DSIG, "CanonicalizationMethod").and_then(|m| m.attribute("Algorithm"));
    let uri = uri.unwrap_or(C14N10);
    let method = Canonicalization::from_uri(uri)
        .ok_or_else(|| Message::new(xc::XML_C14N_UNSUPPORTED).with("algorithm", uri))?;
    let token = child(stamp, NS_XADES, "EncapsulatedTimeStamp")
        .ok_or_else(|| malformed("SignatureTimeStamp", "no EncapsulatedTimeStamp"))?;
    let token = base64_text(&token).ok_or_else(|| malformed("EncapsulatedTimeStamp", "not base64"))?;
    let data = signature_value_octets(doc, sig, &method)?;
    Ok(tsp::verify_token_over(&token, &data, None, opts))
}

/// Add a XAdES signature timestamp (B-T) from `tsa` to the signature with Id `signature_id` of
/// the signed document `signed`: an `UnsignedProperties/UnsignedSignatureProperties/
/// SignatureTimeStamp` over its SignatureValue canonicalized with C14N 1.0, inserted at the end
/// of its QualifyingProperties. Every other byte of `signed` is kept, so the signature stays
/// valid.
///
/// Errors: no such Signature, no QualifyingProperties (sign with
/// [`crate::xml::SignOptions::xades`] first), a SignatureTimeStamp already there, the TSA's
/// failure.
pub fn add_signature_timestamp(signed: &[u8], signature_id: &str, tsa: &dyn Timestamper) -> Result<Vec<u8>> {
    let doc = Document::parse(signed, &Limits::default())?;
    let sig = doc
        .element_by_id(signature_id)
        .map_err(Error::invalid)?
        .filter(|s| s.is(NS_DSIG, "Signature"))
        .ok_or_else(|| Error::usage(Message::new(c::XADES_SIGN_NO_SIGNATURE).with("id", signature_id)))?;
    let qp = qualifying_properties(&sig).map_err(Error::invalid)?.ok_or_else(|| {
        Error::usage(Message::new(c::XADES_SIGN_NO_QUALIFYING_PROPERTIES).with("id", signature_id))
    })?;
    let unsigned = child(&qp, NS_XADES, "UnsignedProperties");
    if unsigned
        .and_then(|u| child(&u, NS_XADES, "UnsignedSignatureProperties"))
        .is_some_and(|u| u.children().any(|t| t.is(NS_XADES, "SignatureTimeStamp")))
    {
        return Err(Error::usage(Message::new(c::XADES_SIGN_ALREADY_TIMESTAMPED).with("id", signature_id)));
    }
    if unsigned.is_some() {
        // Other unsigned properties kyso does not write: refuse rather than guess where to add.
        return Err(Error::unsupported(
            Message::new(c::XADES_PROPERTY_MALFORMED)
                .with("property", "UnsignedProperties")
                .with("detail", "already present"),
        ));
    }
    let method = Canonicalization::from_uri(C14N10).unwrap_or_else(|| unreachable!("C14N 1.0 is supported"));
    let data = signature_value_octets(&doc, &sig, &method).map_err(Error::invalid)?;
    let digest = tsa.imprint_digest();
    let response = tsa.timestamp(digest, &digest.digest(&data))?;
    let stamp = format!(
        concat!(
            r#"<xades:UnsignedProperties xmlns:xades="{ns}"><xades:UnsignedSignatureProperties>"#,
            r#"<xades:SignatureTimeStamp Id="{id}-SignatureTimeStamp">"#,
            r#"<ds:CanonicalizationMethod xmlns:ds="{dsig}" Algorithm="{c14n}"/>"#,
            r#"<xades:EncapsulatedTimeStamp>{token}</xades:EncapsulatedTimeStamp>"#,
            r#"</xades:SignatureTimeStamp></xades:UnsignedSignatureProperties></xades:UnsignedProperties>"#
        ),
        ns = NS_XADES,
        id = escape(signature_id),
        dsig = NS_DSIG,
        c14n = C14N10,
        token = b64(&response.token_der),
    );
    let r = qp.range();
    let text = &signed[r.clone()];
    let close = text.windows(2).rposition(|w| w == b"</").unwrap_or(text.len());
    let at = r.start + close;
    let mut out = Vec::with_capacity(signed.len() + stamp.len());
    out.extend_from_slice(&signed[..at]);
    out.extend_from_slice(stamp.as_bytes());
    out.extend_from_slice(&signed[at..]);
    Ok(out)
}
