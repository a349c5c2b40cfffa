//! Enveloped XML-DSig signing (W3C XML Signature 1.1 §3.1 core generation) through the
//! [`Signer`] trait: inclusive C14N 1.0 (without comments) for SignedInfo and the references,
//! SHA-256 digests, rsa-sha256 (PKCS#1 v1.5), RSA-PSS (`sha256-rsa-MGF1`, RFC 9231) or
//! ecdsa-sha256/384 (`r || s`), KeyInfo with the signer's certificate and its chain; references
//! to elements by Id or to the whole document (`URI=""`); an optional Object with
//! `SignatureProperties/SigningTime` in Vietnam local time without a zone (the e-invoice shape),
//! itself referenced; optionally the XAdES B-B properties ([`super::xades`]).
//!
//! The document's bytes are kept: the Signature is spliced into the input at the end of the
//! chosen parent element, and every byte before and after it is the input's (an empty parent
//! written `<NBan/>` becomes `<NBan>…</NBan>`).
//!
//! # What this does not do
//! No exclusive C14N, XPath transforms or detached (external) references; no check of the
//! signer's certificate (validate it first: [`crate::path`], [`crate::cms::check_signer`]); the
//! referenced Ids must already be in the document. XAdES B-T: add the timestamp afterwards
//! with [`super::xades::add_signature_timestamp`].

use super::algorithms::NS_DSIG;
use super::c14n::{Canonicalization, NodeSet, canonicalize};
use super::einvoice::{self, Role};
use super::reader::{Document, Element, Limits};
use crate::Certificate;
use crate::diag::Message;
use crate::diag::codes::{keys as key_codes, xml as c};
use crate::error::{Error, Result};
use crate::keys::{SignatureAlgorithm, Signer};
use base64::Engine as _;
use time::OffsetDateTime;

const C14N10: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/// What to sign and how ([`sign_enveloped`]).
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct SignOptions {
    /// The Signature's `Id` (also the SignatureProperty's Target).
    pub signature_id: Option<String>,
    /// The Ids of the elements to reference (`URI="#id"`), in order.
    pub references: Vec<String>,
    /// Add the enveloped-signature transform to those references (the NBan shape; CQT has
    /// none).
    pub enveloped: bool,
    /// Write this signing time in an Object (`SignatureProperties/SignatureProperty/SigningTime`,
    /// Vietnam local time without a zone) and reference it.
    pub signing_time: Option<OffsetDateTime>,
    /// Certificates to add to KeyInfo after the signer's (its chain).
    pub chain: Vec<Certificate>,
    /// Reference the whole document (`URI=""`, with the enveloped-signature transform) before
    /// the Ids of `references`.
    pub whole_document: bool,
    /// Sign with RSASSA-PSS (`sha256-rsa-MGF1`, salt 32) instead of PKCS#1 v1.5 (RSA keys).
    pub rsa_pss: bool,
    /// Write the XAdES B-B qualifying properties (SigningTime in UTC, SigningCertificateV2) in
    /// an Object and reference its SignedProperties. The time is `signing_time` (default
    /// now); the e-invoice SignatureProperties Object is then not written.
    pub xades: bool,
}

with_setters!(SignOptions {
    signature_id: Option<String> => with_signature_id,
    references: Vec<String> => with_references,
    enveloped: bool => with_enveloped,
    signing_time: Option<OffsetDateTime> => with_signing_time,
    chain: Vec<Certificate> => with_chain,
    whole_document: bool => with_whole_document,
    rsa_pss: bool => with_rsa_pss,
    xades: bool => with_xades,
});

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}

fn element_at_path<'a, 'i>(e: Element<'a, 'i>, path: &str) -> Option<Element<'a, 'i>> {
    let p = e.path();
    if p == path {
        return Some(e);
    }
    if !path.starts_with(&format!("{p}/")) {
        return None;
    }
    e.children().find_map(|ch| element_at_path(ch, path))
}

/// `SigningTime` text: Vietnam local time, no zone (`2026-12-08T06:30:00`).
pub fn vietnam_local(t: OffsetDateTime) -> String {
    let off = time::UtcOffset::from_whole_seconds(crate::verdict::VIETNAM_OFFSET_SECONDS)
        .unwrap_or(time::UtcOffset::UTC);
    let l = t.to_offset(off);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        l.year(),
        u8::from(l.month()),
        l.day(),
        l.hour(),
        l.minute(),
        l.second()
    )
}

/// An ECDSA-Sig-Value (DER `SEQUENCE { r, s }`) as `r || s` of `n` bytes each.
fn der_to_concatenated(der: &[u8], n: usize) -> Option<Vec<u8>> {
    let (&tag, rest) = der.split_first()?;
    if tag != 0x30 {
        return None;
    }
    let (&len, mut rest) = rest.split_first()?;
    if len & 0x80 != 0 {
        rest = rest.get((len & 0x7f) as usize..)?;
    }
    let mut out = Vec::with_capacity(2 * n);
    for _ in 0..2 {
        let (&t, r) = rest.split_first()?;
        let (&l, r) = r.split_first()?;
        if t != 0x02 || l & 0x80 != 0 {
            return None;
        }
        let int = r.get(..l as usize)?;
        let int = &int[int.iter().take_while(|b| **b == 0).count()..];
        if int.len() > n {
            return None;
        }
        out.extend(std::iter::repeat_n(0u8, n - int.len()));
        out.extend_from_slice(int);
        rest = &r[l as usize..];
    }
    Some(out)
}

/// The signature algorithm for `signer` (RSA-PSS when asked, else the key's default), its
/// XML-DSig URI, and for ECDSA the size of `r` and `s` in bytes (0 otherwise).
fn choose_algorithm(signer: &dyn Signer, rsa_pss: bool) -> Result<(SignatureAlgorithm, &'static str, usize)> {
    let algorithm = match (rsa_pss, signer.key_algorithm()) {
        (true, crate::keys::KeyAlgorithm::Rsa { .. }) => SignatureAlgorithm::RsaPssSha256,
        (true, other) => {
            return Err(Error::usage(
                Message::new(c::XMLDSIG_SIGN_ALGORITHM_UNSUPPORTED)
                    .with("algorithm", format!("RSASSA-PSS ({})", other.rfc_name())),
            ));
        }
        (false, _) => signer.default_algorithm(),
    };
    let (method, half) = match algorithm {
        SignatureAlgorithm::RsaPkcs1Sha256 => ("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", 0),
        SignatureAlgorithm::RsaPssSha256 => ("http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", 0),
        SignatureAlgorithm::EcdsaP256Sha256 => ("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", 32),
        SignatureAlgorithm::EcdsaP384Sha384 => ("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", 48),
        other => {
            return Err(Error::unsupported(
                Message::new(c::XMLDSIG_SIGN_ALGORITHM_UNSUPPORTED).with("algorithm", other.rfc_name()),
            ));
        }
    };
    if !signer.supports(algorithm) {
        return Err(Error::usage(
            Message::new(c::XMLDSIG_SIGN_ALGORITHM_UNSUPPORTED).with("algorithm", algorithm.rfc_name()),
        ));
    }
    Ok((algorithm, method, half))
}

/// Sign `input` with an enveloped XML-DSig Signature placed as the last child of the element
/// at `parent_path` (an [`Element::path`], e.g. `/HDon/DSCKS/NBan`), referencing the elements
/// whose Ids `opts.references` lists and the signing-time Object. Returns the signed document:
/// the input's bytes with the Signature inserted.
///
/// Errors: unreadable XML, no element at `parent_path`, a missing or duplicated Id, a key whose
/// algorithm is not supported here (RSA-PSS, Ed25519), a signer failure.
///
/// Not done: see the module documentation.
pub fn sign_enveloped(
    input: &[u8],
    parent_path: &str,
    signer: &dyn Signer,
    certificate: &Certificate,
    opts: &SignOptions,
) -> Result<Vec<u8>> {
    let (algorithm, method, half) = choose_algorithm(signer, opts.rsa_pss)?;
    let limits = Limits::default();
    // Where the Signature goes.
    let (at, open_tag_fix) = {
        let doc = Document::parse(input, &limits)?;
        let parent = element_at_path(doc.root_element(), parent_path).ok_or_else(|| {
            Error::usage(Message::new(c::XMLDSIG_SIGN_PARENT_NOT_FOUND).with("path", parent_path))
        })?;
        for id in &opts.references {
            if doc.element_by_id(id).map_err(Error::invalid)?.is_none() {
                return Err(Error::usage(Message::new(c::XMLDSIG_SIGN_ID_NOT_FOUND).with("id", id)));
            }
        }
        let r = parent.range();
        let text = &input[r.clone()];
        if text.ends_with(b"/>") {
            (r.end - 2, Some(parent.qname().to_string()))
        } else {
            let close = text.windows(2).rposition(|w| w == b"</").unwrap_or(text.len());
            (r.start + close, None)
        }
    };
    let id = opts.signature_id.clone().unwrap_or_else(|| "Signature".to_string());
    let time_id = format!("{id}-SigningTime");
    // (URI, enveloped transform, Type)
    let mut refs: Vec<(String, bool, Option<&str>)> = Vec::new();
    if opts.whole_document {
        refs.push((String::new(), true, None));
    }
    refs.extend(opts.references.iter().map(|r| (format!("#{r}"), opts.enveloped, None)));
    let object = if opts.xades {
        let t = opts.signing_time.unwrap_or_else(OffsetDateTime::now_utc);
        refs.push((
            format!("#{}", super::xades::signed_properties_id(&id)),
            false,
            Some(super::xades::SIGNED_PROPERTIES_TYPE),
        ));
        super::xades::qualifying_properties_object(&id, certificate, t)?
    } else if let Some(t) = opts.signing_time {
        refs.push((format!("#{time_id}"), false, None));
        format!(
            r##"<Object Id="{}"><SignatureProperties xmlns=""><SignatureProperty Target="#{}"><SigningTime>{}</SigningTime></SignatureProperty></SignatureProperties></Object>"##,
            escape(&time_id),
            escape(&id),
            vietnam_local(t)
        )
    } else {
        String::new()
    };
    if refs.is_empty() {
        return Err(Error::usage(c::XMLDSIG_SIGN_NOTHING_TO_SIGN));
    }
    let mut key_info = String::new();
    for cert in std::iter::once(certificate).chain(&opts.chain) {
        key_info.push_str("<X509Certificate>");
        key_info.push_str(&base64::engine::general_purpose::STANDARD.encode(cert.der()));
        key_info.push_str("</X509Certificate>");
    }
    let build = |digests: &[String], value: &str| -> Vec<u8> {
        let mut si = format!(
            r#"<SignedInfo><CanonicalizationMethod Algorithm="{C14N10}"/><SignatureMethod Algorithm="{method}"/>"#
        );
        for (i, (r, env, ty)) in refs.iter().enumerate() {
            let t = if *env {
                format!(r#"<Transforms><Transform Algorithm="{ENVELOPED}"/></Transforms>"#)
            } else {
                String::new()
            };
            let ty = ty.map(|ty| format!(r#" Type="{ty}""#)).unwrap_or_default();
            si.push_str(&format!(
                r#"<Reference URI="{}"{ty}>{t}<DigestMethod Algorithm="{SHA256}"/><DigestValue>{}</DigestValue></Reference>"#,
                escape(r),
                digests.get(i).map(String::as_str).unwrap_or("")
            ));
        }
        si.push_str("</SignedInfo>");
        let sig = format!(
            r#"<Signature xmlns="{NS_DSIG}" Id="{}">{si}<SignatureValue>{value}</SignatureValue><KeyInfo><X509Data>{key_info}</X509Data></KeyInfo>{object}</Signature>"#,
            escape(&id)
        );
        let mut out = Vec::with_capacity(input.len() + sig.len() + 16);
        match &open_tag_fix {
            Some(qname) => {
                out.extend_from_slice(&input[..at]);
                out.extend_from_slice(b">");
                out.extend_from_slice(sig.as_bytes());
                out.extend_from_slice(format!("</{qname}>").as_bytes());
                out.extend_from_slice(&input[at + 2..]);
            }
            None => {
                out.extend_from_slice(&input[..at]);
                out.extend_from_slice(sig.as_bytes());
                out.extend_from_slice(&input[at..]);
            }
        }
        out
    };
    let c14n = Canonicalization::from_uri(C14N10).unwrap_or_else(|| unreachable!("C14N 1.0 is supported"));
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    // Digests of the references, in the document with the Signature in place.
    let draft = build(&[], "");
    let digests: Vec<String> = {
        let doc = Document::parse(&draft, &limits)?;
        let sig = doc.element_by_id(&id).map_err(Error::invalid)?;
        let mut out = Vec::new();
        for (r, env, _) in &refs {
            let mut set = match r.strip_prefix('#') {
                None => NodeSet::document(false),
                Some(r) => {
                    let e = doc.element_by_id(r).map_err(Error::invalid)?.ok_or_else(|| {
                        Error::usage(Message::new(c::XMLDSIG_SIGN_ID_NOT_FOUND).with("id", r))
                    })?;
                    NodeSet::subtree(e, false)
                }
            };
            let inside = |s: &Element<'_, '_>| set.apex().is_none_or(|a| s.is_within(&a));
            if let Some(s) = sig.filter(|s| *env && inside(s)) {
                set = set.excluding(s);
            }
            out.push(b64(&super::algorithms::DigestMethod::Sha256.digest(&canonicalize(&doc, &set, &c14n))));
        }
        out
    };
    // The SignatureValue over the canonical SignedInfo.
    let draft = build(&digests, "");
    let signed_info = {
        let doc = Document::parse(&draft, &limits)?;
        let sig = doc
            .element_by_id(&id)
            .map_err(Error::invalid)?
            .ok_or_else(|| Error::usage(Message::new(c::XMLDSIG_SIGN_ID_NOT_FOUND).with("id", &id)))?;
        let si = sig.children().find(|e| e.is(NS_DSIG, "SignedInfo")).ok_or_else(|| {
            Error::invalid(
                Message::new(c::XMLDSIG_MISSING_ELEMENT)
                    .with("element", "SignedInfo")
                    .with("parent", "Signature"),
            )
        })?;
        canonicalize(&doc, &NodeSet::subtree(si, false), &c14n)
    };
    let mut value = signer.sign(algorithm, &signed_info)?;
    if half > 0 {
        value = der_to_concatenated(&value, half).ok_or_else(|| {
            Error::crypto(Message::new(key_codes::KEY_SIGNING_FAILED).with("algorithm", algorithm))
        })?;
    }
    Ok(build(&digests, &b64(&value)))
}

/// Sign an e-invoice (HDon, or TDiep-wrapped HDon) as the seller: the NBan shape (Signature
/// `Id="seller"` in `DSCKS/NBan`, references to `DLHDon` with the enveloped-signature transform
/// and to the SigningTime Object, `signing_time` written in Vietnam local time).
pub fn sign_invoice_seller(
    input: &[u8],
    signer: &dyn Signer,
    certificate: &Certificate,
    chain: &[Certificate],
    signing_time: OffsetDateTime,
) -> Result<Vec<u8>> {
    let opts =
        DocumentSignOptions::default().with_chain(chain.to_vec()).with_signing_time(Some(signing_time));
    sign_invoice(input, Role::Seller, signer, certificate, &opts)
}

/// Sign an e-invoice as the tax authority: the CQT shape (Signature `Id="CQT"` in `DSCKS/CQT`,
/// references to `DLHDon`, `MCCQT` and the SigningTime Object, no enveloped transform).
pub fn sign_invoice_tax_authority(
    input: &[u8],
    signer: &dyn Signer,
    certificate: &Certificate,
    chain: &[Certificate],
    signing_time: OffsetDateTime,
) -> Result<Vec<u8>> {
    let opts =
        DocumentSignOptions::default().with_chain(chain.to_vec()).with_signing_time(Some(signing_time));
    sign_invoice(input, Role::TaxAuthority, signer, certificate, &opts)
}

/// The DSCKS slot and the Signature Id of each role kyso signs as.
fn slot_of(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Seller => ("NBan", "seller"),
        Role::Buyer => ("NMua", "buyer"),
        Role::TaxAuthority => ("CQT", "CQT"),
        Role::Other => ("CCKSKhac", "other"),
    }
}

fn sign_invoice(
    input: &[u8],
    role: Role,
    signer: &dyn Signer,
    certificate: &Certificate,
    o: &DocumentSignOptions,
) -> Result<Vec<u8>> {
    let (slot, id) = slot_of(role);
    let tax_authority = role == Role::TaxAuthority;
    let (path, refs) = {
        let doc = Document::parse(input, &Limits::default())?;
        let not_invoice = || Error::invalid(c::EINVOICE_NOT_AN_INVOICE);
        let p =
            einvoice::detect(&doc).filter(|p| p.kind != einvoice::Kind::Notice).ok_or_else(not_invoice)?;
        let dscks = p.dscks.ok_or_else(not_invoice)?;
        let slot_el = dscks.children().find(|e| e.local_name() == slot).ok_or_else(|| {
            Error::usage(
                Message::new(c::XMLDSIG_SIGN_PARENT_NOT_FOUND)
                    .with("path", format!("{}/{slot}", dscks.path())),
            )
        })?;
        if slot_el.children().any(|e| e.is(NS_DSIG, "Signature")) {
            return Err(Error::usage(
                Message::new(c::XMLDSIG_SIGN_SLOT_OCCUPIED).with("path", slot_el.path()),
            ));
        }
        let id_of = |e: Option<Element<'_, '_>>, name: &str| {
            e.and_then(|e| e.id().map(str::to_string)).ok_or_else(|| {
                Error::usage(
                    Message::new(c::EINVOICE_ELEMENT_MISSING).with("element", name).with("role", slot),
                )
            })
        };
        let mut refs = vec![id_of(p.data, "DLHDon")?];
        if tax_authority {
            refs.push(id_of(p.mccqt, "MCCQT")?);
        }
        (slot_el.path(), refs)
    };
    let opts = SignOptions::default()
        .with_signature_id(Some(id.to_string()))
        .with_references(refs)
        .with_enveloped(!tax_authority)
        .with_signing_time(Some(o.signing_time.unwrap_or_else(OffsetDateTime::now_utc)))
        .with_chain(o.chain.clone())
        .with_rsa_pss(o.rsa_pss);
    sign_enveloped(input, &path, signer, certificate, &opts)
}

/// Which signature [`sign_document`] writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlSignProfile {
    /// The e-invoice shape when the root is `HDon` or `TDiep`, else plain XML-DSig.
    #[default]
    Auto,
    /// The e-invoice shapes of QĐ 1450/QĐ-TCT ([`sign_invoice_seller`],
    /// [`sign_invoice_tax_authority`], the buyer's NMua).
    EInvoice,
    /// An enveloped XML-DSig signature over the whole document (`URI=""`), the last child of
    /// the root element.
    XmlDsig,
    /// XAdES baseline over the whole document: B-B, or B-T with a timestamper.
    Xades,
}

impl XmlSignProfile {
    /// `auto`, `einvoice`, `xmldsig`, `xades`.
    pub fn name(self) -> &'static str {
        match self {
            XmlSignProfile::Auto => "auto",
            XmlSignProfile::EInvoice => "einvoice",
            XmlSignProfile::XmlDsig => "xmldsig",
            XmlSignProfile::Xades => "xades",
        }
    }
}

/// Options of [`sign_document`].
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct DocumentSignOptions {
    /// Which signature to write (default [`XmlSignProfile::Auto`]).
    pub profile: XmlSignProfile,
    /// The e-invoice role to sign as (default the seller).
    pub role: Option<Role>,
    /// RSASSA-PSS instead of PKCS#1 v1.5 (RSA keys).
    pub rsa_pss: bool,
    /// The signer's chain, written into KeyInfo after the signer's certificate.
    pub chain: Vec<Certificate>,
    /// The signing time written (e-invoice SigningTime, XAdES SigningTime); default now.
    pub signing_time: Option<OffsetDateTime>,
}

with_setters!(DocumentSignOptions {
    profile: XmlSignProfile => with_profile,
    role: Option<Role> => with_role,
    rsa_pss: bool => with_rsa_pss,
    chain: Vec<Certificate> => with_chain,
    signing_time: Option<OffsetDateTime> => with_signing_time,
});

/// A document signed by [`sign_document`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SignedXml {
    /// The signed document: the input's bytes with the Signature inserted.
    pub document: Vec<u8>,
    /// The profile used (never [`XmlSignProfile::Auto`]).
    pub profile: XmlSignProfile,
    /// The e-invoice role signed as.
    pub role: Option<Role>,
    /// The new Signature's Id.
    pub signature_id: String,
    /// `XMLDSig`, `XAdES-B-B` or `XAdES-B-T`.
    pub level: &'static str,
    /// The signature algorithm.
    pub algorithm: SignatureAlgorithm,
    /// Its XML-DSig SignatureMethod URI (`http://www.w3.org/2001/04/xmldsig-more#rsa-sha256`).
    pub signature_method: &'static str,
}

/// An Id no element of `doc` carries: `base`, else `base-2`, `base-3`, ...
fn free_id(doc: &Document<'_>, base: &str) -> String {
    let taken = |id: &str| !matches!(doc.element_by_id(id), Ok(None));
    if !taken(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_else(|| base.to_string())
}

/// Sign the XML document `input` with `signer` and `certificate` as `opts` says: the
/// e-invoice shape of the role (seller by default) for an e-invoice, else an enveloped
/// signature over the whole document, plain or XAdES (B-T when `timestamper` is given).
///
/// Errors: unreadable XML; an e-invoice whose slot is missing or already signed; a
/// timestamper without XAdES (e-invoice and plain XML-DSig signatures have no place for a
/// timestamp); the key's algorithm; the signer's or the TSA's failure.
///
/// Not done: the signer's certificate is not checked (do it first:
/// [`crate::cms::check_signer`]); see also the module documentation.
pub fn sign_document(
    input: &[u8],
    signer: &dyn Signer,
    certificate: &Certificate,
    opts: &DocumentSignOptions,
    timestamper: Option<&dyn crate::cms::tsp::Timestamper>,
) -> Result<SignedXml> {
    let (algorithm, signature_method, _) = choose_algorithm(signer, opts.rsa_pss)?;
    let (profile, root_path, plain_id) = {
        let doc = Document::parse(input, &Limits::default())?;
        let invoice = einvoice::detect(&doc).is_some_and(|p| p.kind != einvoice::Kind::Notice);
        let profile = match opts.profile {
            XmlSignProfile::Auto if invoice => XmlSignProfile::EInvoice,
            XmlSignProfile::Auto => XmlSignProfile::XmlDsig,
            p => p,
        };
        if profile != XmlSignProfile::EInvoice {
            // A new signature inside the document changes what an existing whole-document
            // signature covers: it would no longer verify.
            let whole = doc.elements_named(NS_DSIG, "Signature").into_iter().find(|s| {
                s.children().filter(|e| e.is(NS_DSIG, "SignedInfo")).any(|si| {
                    si.children().any(|r| {
                        r.is(NS_DSIG, "Reference") && matches!(r.attribute("URI"), Some("" | "#xpointer(/)"))
                    })
                })
            });
            if let Some(s) = whole {
                return Err(Error::usage(
                    Message::new(c::XMLDSIG_SIGN_WOULD_BREAK).with("id", s.id().unwrap_or("-")),
                ));
            }
        }
        (profile, doc.root_element().path(), free_id(&doc, "Signature"))
    };
    if timestamper.is_some() && profile != XmlSignProfile::Xades {
        return Err(Error::usage(
            Message::new(c::XMLDSIG_SIGN_TIMESTAMP_NEEDS_XADES).with("profile", profile.name()),
        ));
    }
    if profile == XmlSignProfile::EInvoice {
        let role = opts.role.unwrap_or(Role::Seller);
        let document = sign_invoice(input, role, signer, certificate, opts)?;
        return Ok(SignedXml {
            document,
            profile,
            role: Some(role),
            signature_id: slot_of(role).1.to_string(),
            level: "XMLDSig",
            algorithm,
            signature_method,
        });
    }
    let xades = profile == XmlSignProfile::Xades;
    let so = SignOptions::default()
        .with_signature_id(Some(plain_id.clone()))
        .with_whole_document(true)
        .with_xades(xades)
        .with_signing_time(if xades {
            opts.signing_time.or_else(|| Some(OffsetDateTime::now_utc()))
        } else {
            None
        })
        .with_chain(opts.chain.clone())
        .with_rsa_pss(opts.rsa_pss);
    let mut document = sign_enveloped(input, &root_path, signer, certificate, &so)?;
    let mut level = if xades { "XAdES-B-B" } else { "XMLDSig" };
    if let Some(tsa) = timestamper {
        document = super::xades::add_signature_timestamp(&document, &plain_id, tsa)?;
        level = "XAdES-B-T";
    }
    Ok(SignedXml {
        document,
        profile,
        role: None,
        signature_id: plain_id,
        level,
        algorithm,
        signature_method,
    })
}
