//! XML-DSig verification (W3C XML Signature Syntax and Processing 1.1, §3.2 core validation):
//! each Reference is resolved, transformed and digested, and the SignatureValue is verified
//! over the canonical SignedInfo with a key from KeyInfo, through kyso's one verifier
//! ([`crate::crypto::verify::verify_with`]).
//!
//! The report says *what was signed*: each Reference's URI, the element it covers (path and
//! Id), its digest result; the SignatureValue result; the signer certificate and every
//! certificate in KeyInfo.
//!
//! Supported: references `""` (the whole document without comments), `#id` (the subtree of the
//! element carrying that `Id`/`ID`/`id`/`xml:id`, IDs registered by the verifier, duplicates
//! never resolved), `#xpointer(/)` and `#xpointer(id('id'))` (the same, with comments);
//! transforms enveloped-signature and the six C14N variants (exclusive with
//! InclusiveNamespaces); digests SHA-1 (legacy), SHA-224/256/384/512; signatures RSA PKCS#1
//! v1.5 with SHA-1 (legacy), SHA-224/256/384/512, RSA-PSS with MGF1 (RFC 9231
//! `sha*-rsa-MGF1`), ECDSA (P-256/P-384, `r || s` values), DSA (legacy); keys from KeyInfo
//! X509Data (X509Certificate, and X509IssuerSerial, X509SubjectName, X509SKI matched against
//! the embedded and the supplied certificates, dsig11:X509Digest), KeyValue (RSA, EC, DSA) and
//! DEREncodedKeyValue.
//!
//! # What this does not check
//! - **The signer's certificate is not validated**: no certification path, validity period,
//!   key usage or revocation check; the report exposes the signer certificate and KeyInfo's
//!   certificates for [`crate::path`] (a later step plugs it in). A valid report means only
//!   that the signed bytes are intact under *some* key named by KeyInfo.
//! - **Coverage is the caller's to check**: a valid signature may cover only part of the
//!   document; use only the covered elements ([`ReferenceReport::covered`]), never data found
//!   by searching the document again (signature wrapping).
//! - Unsupported and reported as such, never skipped: XPath, XPath Filter 2.0, XSLT, base64
//!   and decryption transforms, other XPointers, external and detached references, Manifest
//!   references (a Manifest is digested as an element, its own References are not checked),
//!   HMAC, KeyName (ignored: it names no key by itself), RetrievalMethod, KeyInfoReference,
//!   X509CRL (ignored).
//! - No time: signing times in Objects or SignatureProperties are not read here.

use super::algorithms::{self as alg, DigestMethod, MethodKind, NS_DSIG, NS_DSIG11, ValueEncoding};
use super::c14n::{self, Canonicalization, NodeSet};
use super::reader::{Document, Element, Limits};
use crate::Certificate;
use crate::crypto::verify::{SigResult, verify_with};
use crate::diag::codes::xml as c;
use crate::diag::{Finding, Message};
use crate::error::{Error, Result};
use base64::Engine as _;
use x509_parser::prelude::FromDer;

/// Options of [`verify`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// Verify legacy algorithms (SHA-1 digests and signatures, DSA, RSA under 2048 bits),
    /// reported as legacy; refused (unsupported) otherwise.
    pub allow_legacy: bool,
    /// Certificates KeyInfo may name without embedding them (X509IssuerSerial,
    /// X509SubjectName, X509SKI).
    pub certificates: Vec<Certificate>,
    /// Limits on the document.
    pub limits: Limits,
    /// The most Signature elements verified in one document (default 16).
    pub max_signatures: usize,
    /// The most References in one SignedInfo (default 32).
    pub max_references: usize,
    /// The most Transforms in one Reference (default 8).
    pub max_transforms: usize,
    /// The most candidate keys tried for one signature (default 16).
    pub max_keys: usize,
    /// Certificates parsed for earlier documents (a batch's): an embedded X509Certificate
    /// with the same DER is taken from here, parsed keys and names included.
    pub(crate) known: Option<std::sync::Arc<CertificateCache>>,
}

/// Certificates already parsed, by DER, shared by the documents of a batch (at most
/// [`CertificateCache::CAPACITY`], all dropped at once when full). A certificate is an
/// immutable value: taking it from here or parsing it again gives the same.
#[derive(Debug, Default)]
pub(crate) struct CertificateCache {
    certificates: std::sync::Mutex<std::collections::HashMap<Vec<u8>, Certificate>>,
}

impl CertificateCache {
    const CAPACITY: usize = 1024;

    fn parse(&self, der: Vec<u8>) -> Result<Certificate> {
        if let Some(c) = self.certificates.lock().ok().and_then(|m| m.get(&der).cloned()) {
            return Ok(c);
        }
        let cert = Certificate::from_der(der)?;
        if let Ok(mut m) = self.certificates.lock() {
            if m.len() >= Self::CAPACITY {
                m.clear();
            }
            m.insert(cert.der().to_vec(), cert.clone());
        }
        Ok(cert)
    }
}

with_setters!(VerifyOptions {
    allow_legacy: bool => with_allow_legacy,
    certificates: Vec<Certificate> => with_certificates,
    limits: Limits => with_limits,
    max_signatures: usize => with_max_signatures,
    max_references: usize => with_max_references,
    max_transforms: usize => with_max_transforms,
    max_keys: usize => with_max_keys,
});

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            allow_legacy: false,
            certificates: Vec::new(),
            limits: Limits::default(),
            max_signatures: 16,
            max_references: 32,
            max_transforms: 8,
            max_keys: 16,
            known: None,
        }
    }
}

/// The result of one check (a Reference digest, the SignatureValue).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Check {
    /// It holds; `legacy` names the legacy algorithm it needed.
    Valid {
        /// A legacy algorithm name when one was used.
        #[serde(skip_serializing_if = "Option::is_none")]
        legacy: Option<&'static str>,
    },
    /// It fails.
    Invalid {
        /// Why.
        reason: Message,
    },
    /// It could not be checked: an unsupported or refused feature.
    Unsupported {
        /// Which feature.
        reason: Message,
    },
}

impl Check {
    /// True for [`Check::Valid`].
    pub fn is_valid(&self) -> bool {
        matches!(self, Check::Valid { .. })
    }
    fn invalid(m: impl Into<Message>) -> Check {
        Check::Invalid { reason: m.into() }
    }
    fn unsupported(m: impl Into<Message>) -> Check {
        Check::Unsupported { reason: m.into() }
    }
}

/// What a Reference covers.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Coverage {
    /// The whole document (`URI=""`), from its root element.
    WholeDocument {
        /// The root element's path.
        root: String,
    },
    /// One element's subtree.
    Element {
        /// The element's path (`/HDon/DLHDon`).
        path: String,
        /// Its Id.
        id: String,
    },
    /// Nothing resolved (the reference failed or is unsupported).
    Nothing,
}

/// One Reference of a SignedInfo.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ReferenceReport {
    /// The URI attribute (`None` when absent).
    pub uri: Option<String>,
    /// The Reference's own Id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The Type attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_type: Option<String>,
    /// What it covers.
    pub covered: Coverage,
    /// The transform Algorithm URIs, in order.
    pub transforms: Vec<String>,
    /// The DigestMethod Algorithm URI.
    pub digest_method: String,
    /// The digest check.
    pub digest: Check,
}

/// Where the signer's key came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum KeySource {
    /// An X509Certificate embedded in KeyInfo.
    X509Certificate,
    /// A certificate (embedded or supplied) named by X509IssuerSerial.
    X509IssuerSerial,
    /// A certificate (embedded or supplied) named by X509SubjectName.
    X509SubjectName,
    /// A certificate (embedded or supplied) named by X509SKI.
    X509Ski,
    /// A certificate (embedded or supplied) named by dsig11:X509Digest.
    X509Digest,
    /// A bare KeyValue (RSAKeyValue, ECKeyValue), no certificate.
    KeyValue,
    /// A dsig11:DEREncodedKeyValue, no certificate.
    DerEncodedKeyValue,
}

impl KeySource {
    /// The KeyInfo element's name (`X509Certificate`, `KeyValue`, ...).
    pub fn name(self) -> &'static str {
        match self {
            KeySource::X509Certificate => "X509Certificate",
            KeySource::X509IssuerSerial => "X509IssuerSerial",
            KeySource::X509SubjectName => "X509SubjectName",
            KeySource::X509Ski => "X509SKI",
            KeySource::X509Digest => "X509Digest",
            KeySource::KeyValue => "KeyValue",
            KeySource::DerEncodedKeyValue => "DEREncodedKeyValue",
        }
    }
}

/// The key that verified the SignatureValue.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SignerKey {
    /// Where it came from.
    pub source: KeySource,
    /// Its certificate, when the key came from one.
    pub certificate: Option<Certificate>,
    /// The SubjectPublicKeyInfo DER.
    pub public_key: Vec<u8>,
}

/// The verification report of one `ds:Signature`.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SignatureReport {
    /// The Signature element's path.
    pub path: String,
    /// The Signature element's Id.
    pub id: Option<String>,
    /// The CanonicalizationMethod Algorithm URI.
    pub canonicalization: String,
    /// The SignatureMethod Algorithm URI.
    pub signature_method: String,
    /// Every Reference of SignedInfo, in order.
    pub references: Vec<ReferenceReport>,
    /// The SignatureValue check over the canonical SignedInfo.
    pub signature_value: Check,
    /// The key that verified the SignatureValue (when one did).
    pub signer: Option<SignerKey>,
    /// Every certificate embedded in KeyInfo (X509Certificate), in order: for path building.
    pub certificates: Vec<Certificate>,
    /// Findings, in the order they arose.
    pub findings: Vec<Finding>,
}

/// The overall status of a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Status {
    /// The SignatureValue and every Reference verify (the signer's certificate not validated).
    Valid,
    /// Something verified to be wrong.
    Invalid,
    /// Nothing is wrong as far as checked, but something could not be checked.
    Unsupported,
}

impl SignatureReport {
    /// Valid when the SignatureValue and every Reference verify; invalid when any fails;
    /// unsupported otherwise.
    pub fn status(&self) -> Status {
        let checks = std::iter::once(&self.signature_value).chain(self.references.iter().map(|r| &r.digest));
        let mut status = Status::Valid;
        for ch in checks {
            match ch {
                Check::Invalid { .. } => return Status::Invalid,
                Check::Unsupported { .. } => status = Status::Unsupported,
                Check::Valid { .. } => {}
            }
        }
        if self.references.is_empty() && status == Status::Valid {
            return Status::Invalid;
        }
        status
    }

    /// True when [`SignatureReport::status`] is [`Status::Valid`].
    pub fn is_valid(&self) -> bool {
        self.status() == Status::Valid
    }

    /// True when a verified Reference covers `element` (its subtree, or the whole document),
    /// and no enveloped-signature transform of that Reference removed it (an element inside
    /// this Signature is not covered by a Reference that excludes the Signature).
    pub fn covers(&self, element: &Element<'_, '_>) -> bool {
        self.covered_by(element, |c| c.is_valid())
    }

    /// True when a Reference that could not be checked (an unsupported transform or digest
    /// method) points at `element` or an ancestor: whether it covers `element` is not known.
    pub fn may_cover(&self, element: &Element<'_, '_>) -> bool {
        self.covered_by(element, |c| matches!(c, Check::Unsupported { .. }))
    }

    fn covered_by(&self, element: &Element<'_, '_>, digest: impl Fn(&Check) -> bool) -> bool {
        let path = element.path();
        let within = |p: &str| path == p || path.starts_with(&format!("{p}/"));
        let in_signature = within(&self.path);
        self.references.iter().filter(|r| digest(&r.digest)).any(|r| {
            let covered = match &r.covered {
                Coverage::WholeDocument { .. } => true,
                Coverage::Element { path: p, .. } => within(p),
                Coverage::Nothing => false,
            };
            covered && !(in_signature && r.transforms.iter().any(|t| t == alg::ENVELOPED_SIGNATURE))
        })
    }

    fn failed(path: String, id: Option<String>, reason: Message) -> SignatureReport {
        SignatureReport {
            path,
            id,
            canonicalization: String::new(),
            signature_method: String::new(),
            references: Vec::new(),
            findings: vec![Finding::new(reason.clone())],
            signature_value: Check::Invalid { reason },
            signer: None,
            certificates: Vec::new(),
        }
    }
}

/// Verify every `ds:Signature` of the XML document `input`, in document order.
///
/// Errors: the input is not readable XML within the limits (a DOCTYPE, malformed, too large,
/// too deep: [`crate::ErrorKind::Input`]), has no Signature ([`crate::ErrorKind::Invalid`]), or
/// more than [`VerifyOptions::max_signatures`]. Each signature's own problems are in its
/// report.
///
/// Not checked (see the module documentation): the signer's certificate (no path, validity,
/// key usage or revocation), which parts of the document the caller relies on (compare them
/// with [`ReferenceReport::covered`] or [`SignatureReport::covers`]), signing times, Manifest
/// references, and whether a signature covers what a profile (e-invoice, XAdES) requires.
pub fn verify(input: &[u8], opts: &VerifyOptions) -> Result<Vec<SignatureReport>> {
    let doc = Document::parse(input, &opts.limits)?;
    let sigs = doc.elements_named(NS_DSIG, "Signature");
    if sigs.is_empty() {
        return Err(Error::invalid(c::XMLDSIG_NO_SIGNATURE));
    }
    if sigs.len() > opts.max_signatures {
        return Err(Error::input(
            Message::new(c::XMLDSIG_TOO_MANY_SIGNATURES).with("limit", opts.max_signatures),
        ));
    }
    Ok(sigs.iter().map(|s| verify_signature(&doc, *s, opts)).collect())
}

/// Decode base64 content, ignoring XML whitespace (XML-DSig 1.1 §6.6.1 base64 as in XML Schema).
fn base64_of(element: &Element<'_, '_>) -> std::result::Result<Vec<u8>, Message> {
    if element.has_child_elements() {
        return Err(Message::new(c::XMLDSIG_UNEXPECTED_ELEMENT)
            .with("element", "*")
            .with("parent", element.qname()));
    }
    let text: String = element.text().chars().filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\r')).collect();
    base64::engine::general_purpose::STANDARD
        .decode(text.as_bytes())
        .map_err(|_| Message::new(c::XMLDSIG_BAD_BASE64).with("element", element.local_name()))
}

/// The ds child elements of `parent`, refusing non-whitespace text and foreign elements.
fn ds_children<'a, 'i>(parent: &Element<'a, 'i>) -> std::result::Result<Vec<Element<'a, 'i>>, Message> {
    if parent.has_non_whitespace_text() {
        return Err(Message::new(c::XMLDSIG_UNEXPECTED_TEXT).with("element", parent.local_name()));
    }
    let mut out = Vec::new();
    for ch in parent.children() {
        if ch.namespace() != Some(NS_DSIG) {
            return Err(Message::new(c::XMLDSIG_UNEXPECTED_ELEMENT)
                .with("element", ch.qname())
                .with("parent", parent.local_name()));
        }
        out.push(ch);
    }
    Ok(out)
}

fn required_attribute<'a>(e: &Element<'a, '_>, name: &'static str) -> std::result::Result<&'a str, Message> {
    e.attribute(name).ok_or_else(|| {
        Message::new(c::XMLDSIG_MISSING_ATTRIBUTE).with("attribute", name).with("element", e.local_name())
    })
}

fn missing(element: &'static str, parent: &str) -> Message {
    Message::new(c::XMLDSIG_MISSING_ELEMENT).with("element", element).with("parent", parent)
}

fn unexpected(element: &Element<'_, '_>, parent: &str) -> Message {
    Message::new(c::XMLDSIG_UNEXPECTED_ELEMENT).with("element", element.qname()).with("parent", parent)
}

/// The PrefixList of an `ec:InclusiveNamespaces` child of a CanonicalizationMethod or Transform.
fn inclusive_prefixes(method: &Element<'_, '_>) -> Vec<String> {
    method
        .children()
        .filter(|e| e.is(alg::NS_EXC_C14N, "InclusiveNamespaces"))
        .filter_map(|e| {
            e.attribute("PrefixList")
                .map(|l| l.split_ascii_whitespace().map(str::to_string).collect::<Vec<_>>())
        })
        .flatten()
        .collect()
}

/// Verify the `ds:Signature` element `sig` of `doc` (XML-DSig 1.1 §3.2 core validation: every
/// Reference, then the SignatureValue over the canonical SignedInfo).
///
/// Not checked: the same as [`verify`]; a structural problem of the Signature element (a
/// missing SignedInfo, bad base64, its Id carried by another element too) gives a report with
/// an invalid SignatureValue, not an error.
pub fn verify_signature(doc: &Document<'_>, sig: Element<'_, '_>, opts: &VerifyOptions) -> SignatureReport {
    let path = sig.path();
    let id = sig.id().map(str::to_string);
    let parts = match ds_children(&sig) {
        Ok(p) => p,
        Err(m) => return SignatureReport::failed(path, id, m),
    };
    let mut it = parts.iter();
    let Some(signed_info) = it.next().filter(|e| e.local_name() == "SignedInfo") else {
        return SignatureReport::failed(path, id, missing("SignedInfo", "Signature"));
    };
    let Some(value_el) = it.next().filter(|e| e.local_name() == "SignatureValue") else {
        return SignatureReport::failed(path, id, missing("SignatureValue", "Signature"));
    };
    let mut key_info = None;
    for e in it {
        match e.local_name() {
            "KeyInfo" if key_info.is_none() => key_info = Some(*e),
            "Object" => {}
            _ => return SignatureReport::failed(path, id, unexpected(e, "Signature")),
        }
    }
    // SignedInfo: CanonicalizationMethod, SignatureMethod, Reference+.
    let si = match ds_children(signed_info) {
        Ok(p) => p,
        Err(m) => return SignatureReport::failed(path, id, m),
    };
    let (Some(c14n_el), Some(method_el)) = (si.first(), si.get(1)) else {
        return SignatureReport::failed(path, id, missing("SignatureMethod", "SignedInfo"));
    };
    if c14n_el.local_name() != "CanonicalizationMethod" {
        return SignatureReport::failed(path, id, missing("CanonicalizationMethod", "SignedInfo"));
    }
    if method_el.local_name() != "SignatureMethod" {
        return SignatureReport::failed(path, id, missing("SignatureMethod", "SignedInfo"));
    }
    let (c14n_uri, method_uri) =
        match (required_attribute(c14n_el, "Algorithm"), required_attribute(method_el, "Algorithm")) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(m), _) | (_, Err(m)) => return SignatureReport::failed(path, id, m),
        };
    let refs = &si[2..];
    if refs.is_empty() {
        return SignatureReport::failed(path, id, missing("Reference", "SignedInfo"));
    }
    if let Some(e) = refs.iter().find(|e| e.local_name() != "Reference") {
        return SignatureReport::failed(path, id, unexpected(e, "SignedInfo"));
    }
    if refs.len() > opts.max_references {
        return SignatureReport::failed(
            path,
            id,
            Message::new(c::XMLDSIG_TOO_MANY_REFERENCES).with("limit", opts.max_references),
        );
    }
    let mut findings = Vec::new();
    let references: Vec<ReferenceReport> =
        refs.iter().map(|r| reference(doc, sig, r, opts, &mut findings)).collect();
    let mut report = SignatureReport {
        path,
        id,
        canonicalization: c14n_uri.to_string(),
        signature_method: method_uri.to_string(),
        references,
        signature_value: Check::invalid(missing("SignatureValue", "Signature")),
        signer: None,
        certificates: Vec::new(),
        findings,
    };
    // A problem found after the references: they are reported all the same.
    let fail = |mut r: SignatureReport, m: Message| {
        r.findings.push(Finding::new(m.clone()));
        r.signature_value = Check::Invalid { reason: m };
        r
    };
    let signature_value = match base64_of(value_el) {
        Ok(v) => v,
        Err(m) => return fail(report, m),
    };

    // KeyInfo: the embedded certificates and the candidate keys.
    let keys = match key_info {
        Some(ki) => key_candidates(&ki, opts, &mut report.findings),
        None => Ok(KeyCandidates::default()),
    };
    let candidates = match keys {
        Ok(k) => {
            report.certificates = k.certificates;
            k.candidates
        }
        Err(m) => return fail(report, m),
    };

    // The SignatureValue over the canonical SignedInfo.
    let (check, signer) = match Canonicalization::from_uri(c14n_uri) {
        None => (Check::unsupported(Message::new(c::XML_C14N_UNSUPPORTED).with("algorithm", c14n_uri)), None),
        Some(mut method) => {
            method.inclusive_prefixes = inclusive_prefixes(c14n_el);
            let canonical = c14n::canonicalize(doc, &NodeSet::subtree(*signed_info, true), &method);
            signature_check(method_uri, &signature_value, &canonical, candidates, opts)
        }
    };
    let findings = &mut report.findings;
    match &check {
        Check::Valid { legacy } => {
            if let Some(l) = legacy {
                findings.push(Finding::new(Message::new(c::XMLDSIG_LEGACY_SIGNATURE).with("algorithm", l)));
            }
            if let Some(s) = &signer {
                let subject = s.certificate.as_ref().map(|c| c.subject_string()).unwrap_or_default();
                findings.push(Finding::new(
                    Message::new(c::XMLDSIG_SIGNER_FOUND)
                        .with("source", s.source.name())
                        .with("subject", subject),
                ));
                if s.certificate.is_none() {
                    findings.push(Finding::new(c::XMLDSIG_SIGNER_KEY_VALUE));
                }
            }
            findings.push(Finding::new(c::XMLDSIG_SIGNATURE_VALID));
        }
        Check::Invalid { reason } => findings.push(Finding::new(
            Message::new(c::XMLDSIG_SIGNATURE_INVALID).with_message("reason", reason.clone()),
        )),
        Check::Unsupported { reason } => findings.push(Finding::new(
            Message::new(c::XMLDSIG_SIGNATURE_NOT_CHECKED).with_message("reason", reason.clone()),
        )),
    }
    report.signer = signer;
    // The Signature's own Id carried by another element too: whatever points at this signature
    // (a SignatureProperty Target, XAdES QualifyingProperties, a countersignature) is ambiguous.
    // Refused even when the value verifies (the signer is still reported).
    match report.id.as_deref().map(|i| doc.element_by_id(i)) {
        Some(Err(m)) => fail(report, m),
        _ => {
            report.signature_value = check;
            report
        }
    }
}

/// The data a transform chain carries: a node-set, or the octets of its canonical form (made
/// only when digested, as they stream into the digest).
enum Data<'a, 'i> {
    Nodes(NodeSet<'a, 'i>),
    Octets(NodeSet<'a, 'i>, Canonicalization),
}

/// Resolve, transform and digest one Reference.
fn reference<'a, 'i>(
    doc: &'a Document<'i>,
    sig: Element<'a, 'i>,
    r: &Element<'a, 'i>,
    opts: &VerifyOptions,
    findings: &mut Vec<Finding>,
) -> ReferenceReport {
    let uri = r.attribute("URI").map(str::to_string);
    let mut report = ReferenceReport {
        uri: uri.clone(),
        id: r.id().map(str::to_string),
        reference_type: r.attribute("Type").map(str::to_string),
        covered: Coverage::Nothing,
        transforms: Vec::new(),
        digest_method: String::new(),
        digest: Check::invalid(missing("DigestMethod", "Reference")),
    };
    let label = uri.clone().unwrap_or_default();
    let result = reference_inner(doc, sig, r, opts, &mut report);
    report.digest = match result {
        Ok(check) => check,
        Err(check) => check,
    };
    let finding = match &report.digest {
        Check::Valid { legacy } => {
            if legacy.is_some() {
                findings.push(Finding::new(c::XMLDSIG_SHA1_DIGEST));
            }
            let name = DigestMethod::from_uri(&report.digest_method).map(|d| d.name()).unwrap_or_default();
            Message::new(c::XMLDSIG_DIGEST_MATCHES).with("uri", &label).with("algorithm", name)
        }
        Check::Invalid { reason } if reason.code == c::XMLDSIG_DIGEST_MISMATCH => reason.clone(),
        Check::Invalid { reason } | Check::Unsupported { reason } => {
            Message::new(c::XMLDSIG_REFERENCE_FAILED)
                .with("uri", &label)
                .with_message("reason", reason.clone())
        }
    };
    findings.push(Finding::new(finding));
    report
}

fn reference_inner<'a, 'i>(
    doc: &'a Document<'i>,
    sig: Element<'a, 'i>,
    r: &Element<'a, 'i>,
    opts: &VerifyOptions,
    report: &mut ReferenceReport,
) -> std::result::Result<Check, Check> {
    let parts = ds_children(r).map_err(Check::invalid)?;
    let mut it = parts.iter().peekable();
    let mut transforms = Vec::new();
    if let Some(t) = it.next_if(|e| e.local_name() == "Transforms") {
        let list = ds_children(t).map_err(Check::invalid)?;
        if list.is_empty() {
            return Err(Check::invalid(missing("Transform", "Transforms")));
        }
        if list.len() > opts.max_transforms {
            return Err(Check::invalid(
                Message::new(c::XMLDSIG_TOO_MANY_TRANSFORMS).with("limit", opts.max_transforms),
            ));
        }
        for e in list {
            if e.local_name() != "Transform" {
                return Err(Check::invalid(unexpected(&e, "Transforms")));
            }
            transforms.push(e);
        }
    }
    let digest_el = it.next().filter(|e| e.local_name() == "DigestMethod");
    let Some(digest_el) = digest_el else { return Err(Check::invalid(missing("DigestMethod", "Reference"))) };
    let value_el = it.next().filter(|e| e.local_name() == "DigestValue");
    let Some(value_el) = value_el else { return Err(Check::invalid(missing("DigestValue", "Reference"))) };
    if let Some(e) = it.next() {
        return Err(Check::invalid(unexpected(e, "Reference")));
    }
    let mut algs = Vec::new();
    for t in &transforms {
        algs.push(required_attribute(t, "Algorithm").map_err(Check::invalid)?);
    }
    report.transforms = algs.iter().map(|a| a.to_string()).collect();
    let digest_uri = required_attribute(digest_el, "Algorithm").map_err(Check::invalid)?;
    report.digest_method = digest_uri.to_string();
    let expected = base64_of(value_el).map_err(Check::invalid)?;
    let Some(method) = DigestMethod::from_uri(digest_uri) else {
        return Err(Check::unsupported(
            Message::new(c::XMLDSIG_DIGEST_UNSUPPORTED).with("algorithm", digest_uri),
        ));
    };
    if method.is_legacy() && !opts.allow_legacy {
        return Err(Check::unsupported(c::XMLDSIG_SHA1_DIGEST_REFUSED));
    }

    // Dereference the URI (XML-DSig 1.1 §4.4.3.3).
    let Some(uri) = r.attribute("URI") else { return Err(Check::unsupported(c::XMLDSIG_REFERENCE_NO_URI)) };
    let (mut data, covered) = dereference(doc, uri)?;
    report.covered = covered;

    for (t, a) in transforms.iter().zip(&algs) {
        let c14n_method = Canonicalization::from_uri(a);
        let enveloped = *a == alg::ENVELOPED_SIGNATURE;
        data = match (data, c14n_method) {
            (Data::Nodes(set), _) if enveloped => Data::Nodes(set.excluding(sig)),
            (Data::Nodes(set), Some(mut m)) => {
                m.inclusive_prefixes = inclusive_prefixes(t);
                Data::Octets(set, m)
            }
            (Data::Octets(..), Some(_)) => {
                return Err(Check::unsupported(
                    Message::new(c::XMLDSIG_TRANSFORM_NEEDS_NODES).with("algorithm", *a),
                ));
            }
            (Data::Octets(..), None) if enveloped => {
                return Err(Check::unsupported(
                    Message::new(c::XMLDSIG_TRANSFORM_NEEDS_NODES).with("algorithm", *a),
                ));
            }
            _ => {
                return Err(Check::unsupported(
                    Message::new(c::XMLDSIG_TRANSFORM_UNSUPPORTED).with("algorithm", *a),
                ));
            }
        };
    }
    let (set, m) = match data {
        Data::Octets(set, m) => (set, m),
        // A node-set left at the end is canonicalized with C14N 1.0 (XML-DSig 1.1 §4.4.3.2);
        // comments only where the dereference kept them (`#xpointer(...)`).
        Data::Nodes(set) => {
            let m = Canonicalization {
                kind: c14n::C14nKind::Inclusive10,
                with_comments: set.has_comments(),
                inclusive_prefixes: Vec::new(),
            };
            (set, m)
        }
    };
    let mut hasher = method.hasher();
    c14n::canonicalize_to(doc, &set, &m, &mut |piece| hasher.update(piece));
    if hasher.finalize().as_ref() == expected.as_slice() {
        Ok(Check::Valid { legacy: method.is_legacy().then_some("SHA-1") })
    } else {
        Ok(Check::invalid(Message::new(c::XMLDSIG_DIGEST_MISMATCH).with("uri", uri)))
    }
}

/// The node-set a same-document URI designates, and what it covers.
fn dereference<'a, 'i>(
    doc: &'a Document<'i>,
    uri: &str,
) -> std::result::Result<(Data<'a, 'i>, Coverage), Check> {
    let root = doc.root_element();
    let by_id = |id: &str, comments: bool| match doc.element_by_id(id) {
        Ok(Some(e)) => Ok((
            Data::Nodes(NodeSet::subtree(e, comments)),
            Coverage::Element { path: e.path(), id: id.to_string() },
        )),
        Ok(None) => Err(Check::invalid(Message::new(c::XMLDSIG_REFERENCE_ID_NOT_FOUND).with("id", id))),
        Err(m) => Err(Check::invalid(m)),
    };
    if uri.is_empty() {
        return Ok((Data::Nodes(NodeSet::document(false)), Coverage::WholeDocument { root: root.path() }));
    }
    let Some(frag) = uri.strip_prefix('#') else {
        return Err(Check::unsupported(Message::new(c::XMLDSIG_REFERENCE_URI_UNSUPPORTED).with("uri", uri)));
    };
    if frag == "xpointer(/)" {
        return Ok((Data::Nodes(NodeSet::document(true)), Coverage::WholeDocument { root: root.path() }));
    }
    if let Some(inner) = frag.strip_prefix("xpointer(id(").and_then(|s| s.strip_suffix("))")) {
        let id = inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\''));
        let id = id.or_else(|| inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')));
        return match id {
            Some(id) => by_id(id, true),
            None => {
                Err(Check::unsupported(Message::new(c::XMLDSIG_REFERENCE_URI_UNSUPPORTED).with("uri", uri)))
            }
        };
    }
    if frag.is_empty() || frag.contains(['(', ')', ' ', '/']) {
        return Err(Check::unsupported(Message::new(c::XMLDSIG_REFERENCE_URI_UNSUPPORTED).with("uri", uri)));
    }
    by_id(frag, false)
}

/// A key to try: its SubjectPublicKeyInfo DER, certificate and source.
struct Candidate {
    source: KeySource,
    certificate: Option<Certificate>,
    spki: Vec<u8>,
}

#[derive(Default)]
struct KeyCandidates {
    certificates: Vec<Certificate>,
    candidates: Vec<Candidate>,
}

/// What an X509Data element names without embedding.
enum CertRef {
    IssuerSerial { issuer: String, serial: String },
    SubjectName(String),
    Ski(Vec<u8>),
    Digest(DigestMethod, Vec<u8>),
}

/// Read KeyInfo: embedded certificates, references to certificates, key values. Candidates
/// come in this order: certificates KeyInfo names (IssuerSerial, SubjectName, SKI), key
/// values, then every embedded certificate.
fn key_candidates(
    ki: &Element<'_, '_>,
    opts: &VerifyOptions,
    findings: &mut Vec<Finding>,
) -> std::result::Result<KeyCandidates, Message> {
    let mut out = KeyCandidates::default();
    let mut refs: Vec<CertRef> = Vec::new();
    let mut values: Vec<Candidate> = Vec::new();
    for e in ki.children() {
        match (e.namespace(), e.local_name()) {
            (Some(NS_DSIG), "X509Data") => {
                for x in e.children() {
                    match (x.namespace(), x.local_name()) {
                        (Some(NS_DSIG), "X509Certificate") => {
                            let der = base64_of(&x)?;
                            let index = out.certificates.len() + 1;
                            let parsed = match &opts.known {
                                Some(known) => known.parse(der),
                                None => Certificate::from_der(der),
                            };
                            let cert = parsed.map_err(|_| {
                                Message::new(c::XMLDSIG_CERTIFICATE_MALFORMED).with("index", index)
                            })?;
                            out.certificates.push(cert);
                        }
                        (Some(NS_DSIG), "X509IssuerSerial") => {
                            let name = x.children().find(|c| c.is(NS_DSIG, "X509IssuerName"));
                            let serial = x.children().find(|c| c.is(NS_DSIG, "X509SerialNumber"));
                            match (name, serial) {
                                (Some(n), Some(s)) => refs.push(CertRef::IssuerSerial {
                                    issuer: n.text(),
                                    serial: s.text().trim().trim_start_matches('0').to_string(),
                                }),
                                _ => return Err(missing("X509SerialNumber", "X509IssuerSerial")),
                            }
                        }
                        (Some(NS_DSIG), "X509SubjectName") => refs.push(CertRef::SubjectName(x.text())),
                        (Some(NS_DSIG), "X509SKI") => refs.push(CertRef::Ski(base64_of(&x)?)),
                        (Some(NS_DSIG11), "X509Digest") => {
                            let uri = required_attribute(&x, "Algorithm")?;
                            match DigestMethod::from_uri(uri) {
                                Some(d) => refs.push(CertRef::Digest(d, base64_of(&x)?)),
                                None => findings.push(Finding::new(
                                    Message::new(c::XMLDSIG_DIGEST_UNSUPPORTED).with("algorithm", uri),
                                )),
                            }
                        }
                        _ => findings.push(Finding::new(
                            Message::new(c::XMLDSIG_KEY_INFO_IGNORED).with("element", x.qname()),
                        )),
                    }
                }
            }
            (Some(NS_DSIG), "KeyValue") => {
                for v in e.children() {
                    match key_value(&v)? {
                        Some(spki) => {
                            values.push(Candidate { source: KeySource::KeyValue, certificate: None, spki })
                        }
                        None => findings.push(Finding::new(
                            Message::new(c::XMLDSIG_KEY_INFO_IGNORED).with("element", v.qname()),
                        )),
                    }
                }
            }
            (Some(NS_DSIG11), "DEREncodedKeyValue") => {
                let spki = base64_of(&e)?;
                if x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki).is_err() {
                    return Err(
                        Message::new(c::XMLDSIG_KEY_VALUE_MALFORMED).with("kind", "DEREncodedKeyValue")
                    );
                }
                values.push(Candidate { source: KeySource::DerEncodedKeyValue, certificate: None, spki });
            }
            _ => findings
                .push(Finding::new(Message::new(c::XMLDSIG_KEY_INFO_IGNORED).with("element", e.qname()))),
        }
    }
    let pool: Vec<&Certificate> = out.certificates.iter().chain(opts.certificates.iter()).collect();
    let mut named: Vec<Candidate> = Vec::new();
    for r in &refs {
        let (source, found) = match r {
            CertRef::IssuerSerial { issuer, serial } => (
                KeySource::X509IssuerSerial,
                pool.iter().find(|c| {
                    let x = c.x509();
                    x.tbs_certificate.serial.to_string() == *serial && dn_matches(issuer, x.issuer())
                }),
            ),
            CertRef::SubjectName(s) => {
                (KeySource::X509SubjectName, pool.iter().find(|c| dn_matches(s, c.x509().subject())))
            }
            CertRef::Ski(ski) => {
                (KeySource::X509Ski, pool.iter().find(|c| subject_key_id(c).as_deref() == Some(ski)))
            }
            // A digest names a certificate; a SHA-1 one too (nothing is verified with it).
            CertRef::Digest(d, value) => {
                (KeySource::X509Digest, pool.iter().find(|c| d.digest(c.der()) == *value))
            }
        };
        match found {
            Some(cert) => named.push(Candidate {
                source,
                certificate: Some((*cert).clone()),
                spki: cert.x509().public_key().raw.to_vec(),
            }),
            None => findings.push(Finding::new(
                Message::new(c::XMLDSIG_KEY_REFERENCE_NOT_FOUND).with("element", source.name()),
            )),
        }
    }
    let embedded = out.certificates.iter().map(|cert| Candidate {
        source: KeySource::X509Certificate,
        certificate: Some(cert.clone()),
        spki: cert.x509().public_key().raw.to_vec(),
    });
    let mut all: Vec<Candidate> = Vec::new();
    for cand in named.into_iter().chain(values).chain(embedded.collect::<Vec<_>>()) {
        if !all.iter().any(|a| a.spki == cand.spki) {
            all.push(cand);
        }
    }
    all.truncate(opts.max_keys);
    out.candidates = all;
    Ok(out)
}

/// The SubjectPublicKeyInfo DER of a KeyValue child (RSAKeyValue, dsig11:ECKeyValue); `None`
/// for kinds not supported.
fn key_value(v: &Element<'_, '_>) -> std::result::Result<Option<Vec<u8>>, Message> {
    match (v.namespace(), v.local_name()) {
        (Some(NS_DSIG), "RSAKeyValue") => {
            let n = base64_of(&field(v, NS_DSIG, "Modulus")?)?;
            let e = base64_of(&field(v, NS_DSIG, "Exponent")?)?;
            if n.is_empty() || e.is_empty() {
                return Err(Message::new(c::XMLDSIG_KEY_VALUE_MALFORMED).with("kind", "RSAKeyValue"));
            }
            Ok(Some(alg::rsa_spki(&n, &e)))
        }
        (Some(NS_DSIG), "DSAKeyValue") => {
            let part = |name: &str| field(v, NS_DSIG, name).and_then(|e| base64_of(&e));
            let (p, q, g, y) = (part("P")?, part("Q")?, part("G")?, part("Y")?);
            Ok(Some(alg::dsa_spki(&p, &q, &g, &y)))
        }
        (Some(NS_DSIG11), "ECKeyValue") => {
            let curve = field(v, NS_DSIG11, "NamedCurve")
                .ok()
                .and_then(|c| c.attribute("URI").map(str::to_string))
                .and_then(|u| u.strip_prefix("urn:oid:").map(str::to_string));
            let Some(curve) = curve.filter(|c| c.split('.').all(|a| a.parse::<u64>().is_ok())) else {
                return Ok(None); // explicit ECParameters: not supported
            };
            let point = base64_of(&field(v, NS_DSIG11, "PublicKey")?)?;
            Ok(Some(alg::ec_spki(&curve, &point)))
        }
        _ => Ok(None),
    }
}

/// The child `{ns}name` of `parent`.
fn field<'a, 'i>(
    parent: &Element<'a, 'i>,
    ns: &str,
    name: &str,
) -> std::result::Result<Element<'a, 'i>, Message> {
    parent.children().find(|c| c.is(ns, name)).ok_or_else(|| missing_dynamic(name, parent.local_name()))
}

fn missing_dynamic(element: &str, parent: &str) -> Message {
    Message::new(c::XMLDSIG_MISSING_ELEMENT).with("element", element).with("parent", parent)
}

fn subject_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    cert.x509().extensions().iter().find_map(|e| match e.parsed_extension() {
        x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0.to_vec()),
        _ => None,
    })
}

/// The dotted OID a textual DN attribute type stands for (RFC 4514 names, Windows' `E`, `S`).
fn attribute_oid(t: &str) -> String {
    let upper = t.trim().to_ascii_uppercase();
    let oid = match upper.as_str() {
        "C" => "2.5.4.6",
        "ST" | "S" => "2.5.4.8",
        "L" => "2.5.4.7",
        "STREET" => "2.5.4.9",
        "O" => "2.5.4.10",
        "OU" => "2.5.4.11",
        "CN" => "2.5.4.3",
        "T" | "TITLE" => "2.5.4.12",
        "SN" | "SURNAME" => "2.5.4.4",
        "GN" | "G" | "GIVENNAME" => "2.5.4.42",
        "SERIALNUMBER" => "2.5.4.5",
        "UID" | "USERID" => "0.9.2342.19200300.100.1.1",
        "DC" => "0.9.2342.19200300.100.1.25",
        "E" | "EMAIL" | "EMAILADDRESS" => "1.2.840.113549.1.9.1",
        "POSTALCODE" => "2.5.4.17",
        "ORGANIZATIONIDENTIFIER" => "2.5.4.97",
        other => other.strip_prefix("OID.").unwrap_or(other),
    };
    oid.to_string()
}

/// The (type OID, normalized value) pairs of a textual DN (RFC 4514, or Windows' reversed
/// order with `E=`), sorted; `None` when it does not parse.
fn parse_dn(text: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut t = String::new();
        for ch in chars.by_ref() {
            if ch == '=' {
                break;
            }
            t.push(ch);
        }
        if t.trim().is_empty() {
            break;
        }
        // Bytes: an RFC 4514 `\XX` escape is one byte of the UTF-8 value.
        let mut v: Vec<u8> = Vec::new();
        let mut quoted = false;
        while let Some(ch) = chars.next() {
            match ch {
                '\\' => {
                    let a = chars.next()?;
                    if a.is_ascii_hexdigit() && chars.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                        let b = chars.next()?;
                        v.push(u8::from_str_radix(&format!("{a}{b}"), 16).ok()?);
                    } else {
                        v.extend_from_slice(a.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                }
                '"' => quoted = !quoted,
                ',' | ';' | '+' if !quoted => break,
                _ => v.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
        let v = String::from_utf8_lossy(&v);
        out.push((attribute_oid(&t), crate::name::normalize(&v)));
        if chars.peek().is_none() {
            break;
        }
    }
    out.sort();
    if out.is_empty() { None } else { Some(out) }
}

/// True when the textual DN `text` names `name` (same attributes, any order).
fn dn_matches(text: &str, name: &x509_parser::x509::X509Name<'_>) -> bool {
    let Some(want) = parse_dn(text) else { return false };
    let mut have: Vec<(String, String)> = Vec::new();
    for rdn in name.iter() {
        for a in rdn.iter() {
            let value =
                crate::name::value_text(a.attr_value().tag().0, a.attr_value().data).unwrap_or_default();
            have.push((a.attr_type().to_id_string(), crate::name::normalize(&value)));
        }
    }
    have.sort();
    have == want
}

/// Verify the SignatureValue over `signed` with the candidates, first that verifies wins.
fn signature_check(
    method_uri: &str,
    value: &[u8],
    signed: &[u8],
    candidates: Vec<Candidate>,
    opts: &VerifyOptions,
) -> (Check, Option<SignerKey>) {
    let method = match alg::signature_method(method_uri) {
        MethodKind::Supported(m) => m,
        MethodKind::Hmac => {
            return (
                Check::unsupported(Message::new(c::XMLDSIG_HMAC_UNSUPPORTED).with("algorithm", method_uri)),
                None,
            );
        }
        MethodKind::Unknown => {
            return (
                Check::unsupported(
                    Message::new(c::XMLDSIG_SIGNATURE_METHOD_UNSUPPORTED).with("algorithm", method_uri),
                ),
                None,
            );
        }
    };
    if candidates.is_empty() {
        return (Check::unsupported(c::XMLDSIG_NO_KEY), None);
    }
    let Ok((_, algorithm)) = x509_parser::x509::AlgorithmIdentifier::from_der(&method.algorithm_der) else {
        return (
            Check::unsupported(
                Message::new(c::XMLDSIG_SIGNATURE_METHOD_UNSUPPORTED).with("algorithm", method_uri),
            ),
            None,
        );
    };
    let mut first_failure: Option<Check> = None;
    let mut wrong_type: Option<Check> = None;
    for cand in candidates {
        let Ok((_, spki)) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&cand.spki) else {
            first_failure.get_or_insert(Check::invalid(
                Message::new(c::XMLDSIG_KEY_VALUE_MALFORMED).with("kind", cand.source.name()),
            ));
            continue;
        };
        let der_value;
        let sig: &[u8] = match method.encoding {
            ValueEncoding::Raw => value,
            ValueEncoding::Concatenated => {
                // r || s, each half the curve's size (XML-DSig 1.1 §6.4.3); halves padded with
                // leading zero bytes (some Java signers) carry the same integers and pass.
                let is_ec = spki.algorithm.algorithm.to_id_string() == "1.2.840.10045.2.1";
                let expected = if is_ec { alg::ec_half_size(&spki).map(|h| 2 * h) } else { None };
                let ok = match expected {
                    Some(n) => value.len() == n || alg::zero_padded_halves(value, n / 2),
                    None => !value.is_empty() && value.len() % 2 == 0,
                };
                if !ok {
                    first_failure.get_or_insert(Check::invalid(
                        Message::new(c::XMLDSIG_ECDSA_VALUE_LENGTH)
                            .with("length", value.len())
                            .with("expected", expected.unwrap_or(0)),
                    ));
                    continue;
                }
                der_value = alg::concatenated_to_der(value);
                &der_value
            }
        };
        let default_keys;
        let keys = match &cand.certificate {
            Some(c) => c.parsed_keys(),
            None => {
                default_keys = crate::crypto::ParsedKeys::default();
                &default_keys
            }
        };
        match verify_with(keys, &spki, None, &algorithm, sig, signed, opts.allow_legacy) {
            SigResult::Valid { legacy } => {
                let signer =
                    SignerKey { source: cand.source, certificate: cand.certificate, public_key: cand.spki };
                return (Check::Valid { legacy }, Some(signer));
            }
            // A key of another type (a CA certificate next to the signer's) explains nothing.
            SigResult::Invalid(m) if m.code == crate::diag::codes::crypto::WRONG_KEY_TYPE => {
                wrong_type.get_or_insert(Check::invalid(m));
            }
            SigResult::Invalid(m) => {
                first_failure.get_or_insert(Check::invalid(m));
            }
            SigResult::Unsupported(m) => {
                first_failure.get_or_insert(Check::unsupported(m));
            }
            _ => {
                first_failure.get_or_insert(Check::unsupported(
                    Message::new(c::XMLDSIG_SIGNATURE_METHOD_UNSUPPORTED).with("algorithm", method_uri),
                ));
            }
        }
    }
    // None verified: the first candidate's failure (the key KeyInfo names first).
    (first_failure.or(wrong_type).unwrap_or_else(|| Check::unsupported(c::XMLDSIG_NO_KEY)), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes::xml as c;
    use crate::xml::c14n::C14N_10;

    const ECDSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
    const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
    const ENV: &str = "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>";

    struct Key {
        pkcs8: Vec<u8>,
        cert: Certificate,
        point: Vec<u8>,
    }

    fn key() -> Key {
        let kp = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec![]).unwrap();
        params.distinguished_name.push(rcgen::DnType::CountryName, "VN");
        params.distinguished_name.push(rcgen::DnType::OrganizationName, "CÔNG TY DEMO");
        params.distinguished_name.push(rcgen::DnType::CommonName, "Người bán");
        let cert = params.self_signed(&kp).unwrap();
        Key {
            pkcs8: kp.serialize_der(),
            cert: Certificate::from_der(cert.der().to_vec()).unwrap(),
            point: kp.public_key_raw().to_vec(),
        }
    }

    fn b64(b: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(b)
    }

    /// Sign `template` (holding `{SIG}` where the Signature goes) with ECDSA P-256 over the
    /// references `(uri, transforms, digest method)`; `key_info` is KeyInfo's content.
    fn sign(template: &str, refs: &[(&str, &str, &str)], key: &Key, key_info: &str) -> String {
        let mut si = format!(
            "<SignedInfo><CanonicalizationMethod Algorithm=\"{C14N_10}\"/><SignatureMethod Algorithm=\"{ECDSA_SHA256}\"/>"
        );
        for (i, (uri, transforms, digest)) in refs.iter().enumerate() {
            let t = if transforms.is_empty() {
                String::new()
            } else {
                format!("<Transforms>{transforms}</Transforms>")
            };
            si.push_str(&format!(
                "<Reference URI=\"{uri}\">{t}<DigestMethod Algorithm=\"{digest}\"/><DigestValue>AAA{i}</DigestValue></Reference>"
            ));
        }
        si.push_str("</SignedInfo>");
        let sig = format!(
            "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"NBan\">{si}<SignatureValue>SIGVALUE</SignatureValue><KeyInfo>{key_info}</KeyInfo></Signature>"
        );
        let mut xml = template.replace("{SIG}", &sig);
        let mut digests = Vec::new();
        {
            let doc = Document::parse(xml.as_bytes(), &Limits::default()).unwrap();
            let sig_el = doc.elements_named(NS_DSIG, "Signature")[0];
            for (uri, transforms, digest) in refs {
                let mut set = match uri.strip_prefix('#') {
                    Some(id) => NodeSet::subtree(doc.element_by_id(id).unwrap().unwrap(), false),
                    None => NodeSet::document(false),
                };
                if transforms.contains("enveloped") {
                    set = set.excluding(sig_el);
                }
                let m = Canonicalization::from_uri(C14N_10).unwrap();
                let octets = c14n::canonicalize(&doc, &set, &m);
                digests.push(b64(&DigestMethod::from_uri(digest).unwrap().digest(&octets)));
            }
        }
        for (i, d) in digests.iter().enumerate() {
            xml = xml.replacen(&format!("AAA{i}"), d, 1);
        }
        let canonical = {
            let doc = Document::parse(xml.as_bytes(), &Limits::default()).unwrap();
            let si = doc.elements_named(NS_DSIG, "SignedInfo")[0];
            c14n::canonicalize(
                &doc,
                &NodeSet::subtree(si, true),
                &Canonicalization::from_uri(C14N_10).unwrap(),
            )
        };
        let rng = ring::rand::SystemRandom::new();
        let kp = ring::signature::EcdsaKeyPair::from_pkcs8(
            &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &key.pkcs8,
            &rng,
        )
        .unwrap();
        let value = kp.sign(&rng, &canonical).unwrap();
        xml.replacen("SIGVALUE", &b64(value.as_ref()), 1)
    }

    const INVOICE: &str = "<HDon xmlns:inv=\"urn:inv\"><DLHDon Id=\"data\"><TTChung><MST>0101234567</MST></TTChung></DLHDon><DSCKS><NBan>{SIG}</NBan></DSCKS></HDon>";

    fn x509(key: &Key) -> String {
        format!("<X509Data><X509Certificate>{}</X509Certificate></X509Data>", b64(key.cert.der()))
    }

    fn one(xml: &str, opts: &VerifyOptions) -> SignatureReport {
        let mut r = verify(xml.as_bytes(), opts).unwrap();
        assert_eq!(r.len(), 1);
        r.remove(0)
    }

    fn codes(r: &SignatureReport) -> Vec<&'static str> {
        r.findings.iter().map(|f| f.code().id()).collect()
    }

    #[test]
    fn a_valid_invoice_signature_says_what_it_covers() {
        let k = key();
        let xml = sign(INVOICE, &[("#data", ENV, SHA256), ("", ENV, SHA256)], &k, &x509(&k));
        let r = one(&xml, &VerifyOptions::default());
        assert_eq!(r.status(), Status::Valid, "{:?}", r.findings);
        assert_eq!(r.path, "/HDon/DSCKS/NBan/Signature");
        assert_eq!(r.id.as_deref(), Some("NBan"));
        assert_eq!(
            r.references[0].covered,
            Coverage::Element { path: "/HDon/DLHDon".into(), id: "data".into() }
        );
        assert_eq!(r.references[1].covered, Coverage::WholeDocument { root: "/HDon".into() });
        let signer = r.signer.as_ref().unwrap();
        assert_eq!(signer.source, KeySource::X509Certificate);
        assert_eq!(signer.certificate.as_ref().unwrap().der(), k.cert.der());
        assert_eq!(r.certificates.len(), 1);
        assert!(codes(&r).contains(&c::XMLDSIG_SIGNATURE_VALID.id()));
    }

    #[test]
    fn modified_content_and_dropped_ancestor_namespace_break_the_digest() {
        let k = key();
        let xml = sign(INVOICE, &[("#data", ENV, SHA256)], &k, &x509(&k));
        let tampered = xml.replace("0101234567", "0109999999");
        let r = one(&tampered, &VerifyOptions::default());
        assert_eq!(r.status(), Status::Invalid);
        assert!(
            matches!(&r.references[0].digest, Check::Invalid { reason } if reason.code == c::XMLDSIG_DIGEST_MISMATCH)
        );
        // Inclusive C14N renders HDon's xmlns:inv on DLHDon: dropping it changes the digest.
        let r = one(&xml.replace(" xmlns:inv=\"urn:inv\"", ""), &VerifyOptions::default());
        assert_eq!(r.status(), Status::Invalid);
    }

    #[test]
    fn comments_in_signed_text_are_read_across() {
        let k = key();
        let xml = sign(INVOICE, &[("#data", ENV, SHA256)], &k, &x509(&k));
        // A comment splitting the tax code: same canonical bytes, same text for the caller.
        let injected = xml.replace("0101234567", "0101<!-- x -->234567");
        let r = one(&injected, &VerifyOptions::default());
        assert_eq!(r.status(), Status::Valid);
        let doc = Document::parse(injected.as_bytes(), &Limits::default()).unwrap();
        let mst = doc
            .root_element()
            .children()
            .next()
            .unwrap()
            .children()
            .next()
            .unwrap()
            .children()
            .next()
            .unwrap();
        assert_eq!(mst.text(), "0101234567");
        // Text changed around a comment is caught.
        let r = one(&xml.replace("0101234567", "0101<!-- x -->999999"), &VerifyOptions::default());
        assert_eq!(r.status(), Status::Invalid);
    }

    #[test]
    fn signature_wrapping_is_visible_or_rejected() {
        let k = key();
        let xml = sign(INVOICE, &[("#data", ENV, SHA256)], &k, &x509(&k));
        // XSW: a forged DLHDon with the same Id: ambiguous, never resolved.
        let forged = "<DLHDon Id=\"data\"><TTChung><MST>0109999999</MST></TTChung></DLHDon>";
        let dup = xml.replacen("<DLHDon", &format!("{forged}<DLHDon"), 1);
        let r = one(&dup, &VerifyOptions::default());
        assert_eq!(r.status(), Status::Invalid);
        assert!(
            matches!(&r.references[0].digest, Check::Invalid { reason } if reason.code == c::XML_DUPLICATE_ID)
        );
        // XSW: the signed DLHDon moved into a wrapper, a forged one in its place with another Id.
        let start = xml.find("<DLHDon").unwrap();
        let end = xml.find("</DLHDon>").unwrap() + "</DLHDon>".len();
        let signed = &xml[start..end];
        let moved = format!(
            "{}<DLHDon Id=\"x\"><TTChung><MST>0109999999</MST></TTChung></DLHDon><Wrapper>{signed}</Wrapper>{}",
            &xml[..start],
            &xml[end..]
        );
        let r = one(&moved, &VerifyOptions::default());
        assert_eq!(r.status(), Status::Valid);
        assert_eq!(
            r.references[0].covered,
            Coverage::Element { path: "/HDon/Wrapper/DLHDon".into(), id: "data".into() }
        );
        let doc = Document::parse(moved.as_bytes(), &Limits::default()).unwrap();
        let shown = doc.root_element().children().next().unwrap();
        assert_eq!(shown.path(), "/HDon/DLHDon");
        assert!(!r.covers(&shown), "the forged element at /HDon/DLHDon is not covered");
        assert!(r.covers(&doc.element_by_id("data").unwrap().unwrap()));
    }

    #[test]
    fn bad_references_and_values_are_typed() {
        let k = key();
        let xml = sign(INVOICE, &[("#data", ENV, SHA256)], &k, &x509(&k));
        let r = one(&xml.replace("URI=\"#data\"", "URI=\"#nope\""), &VerifyOptions::default());
        assert!(
            matches!(&r.references[0].digest, Check::Invalid { reason } if reason.code == c::XMLDSIG_REFERENCE_ID_NOT_FOUND)
        );
        let r = one(&xml.replace("URI=\"#data\"", "URI=\"http://example.org/x\""), &VerifyOptions::default());
        assert!(
            matches!(&r.references[0].digest, Check::Unsupported { reason } if reason.code == c::XMLDSIG_REFERENCE_URI_UNSUPPORTED)
        );
        assert_eq!(r.status(), Status::Invalid, "the SignedInfo changed, so the SignatureValue fails too");
        // A truncated SignatureValue.
        let v0 = xml.find("<SignatureValue>").unwrap() + "<SignatureValue>".len();
        let truncated = format!("{}{}", &xml[..v0 + 10], &xml[v0 + 11..]);
        let r = one(&truncated, &VerifyOptions::default());
        assert!(
            matches!(&r.signature_value, Check::Invalid { reason } if reason.code == c::XMLDSIG_BAD_BASE64)
        );
        // A certificate that is not one.
        let bad = xml.replacen("<X509Certificate>MII", "<X509Certificate>AAA", 1);
        let r = one(&bad, &VerifyOptions::default());
        assert!(
            matches!(&r.signature_value, Check::Invalid { reason } if reason.code == c::XMLDSIG_CERTIFICATE_MALFORMED)
        );
    }

    #[test]
    fn unsupported_transforms_are_never_valid() {
        let k = key();
        let xslt = "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>";
        let xml = sign(INVOICE, &[("#data", ENV, SHA256)], &k, &x509(&k));
        // Signed with a transform kyso does not know: the reference is unsupported, never skipped.
        let xml = xml.replace(ENV, &format!("{ENV}{xslt}"));
        let r = one(&xml, &VerifyOptions::default());
        assert!(
            matches!(&r.references[0].digest, Check::Unsupported { reason } if reason.code == c::XMLDSIG_TRANSFORM_UNSUPPORTED)
        );
        assert_ne!(r.status(), Status::Valid);
    }

    #[test]
    fn sha1_digests_are_legacy() {
        let k = key();
        let xml = sign(INVOICE, &[("#data", ENV, SHA1)], &k, &x509(&k));
        let r = one(&xml, &VerifyOptions::default());
        assert_eq!(r.status(), Status::Unsupported);
        assert!(
            matches!(&r.references[0].digest, Check::Unsupported { reason } if reason.code == c::XMLDSIG_SHA1_DIGEST_REFUSED)
        );
        let opts = VerifyOptions { allow_legacy: true, ..VerifyOptions::default() };
        let r = one(&xml, &opts);
        assert_eq!(r.status(), Status::Valid);
        assert_eq!(r.references[0].digest, Check::Valid { legacy: Some("SHA-1") });
        assert!(codes(&r).contains(&c::XMLDSIG_SHA1_DIGEST.id()));
    }

    #[test]
    fn keys_from_key_value_issuer_serial_and_subject_name() {
        let k = key();
        let ec = format!(
            "<KeyValue><ECKeyValue xmlns=\"http://www.w3.org/2009/xmldsig11#\"><NamedCurve URI=\"urn:oid:1.2.840.10045.3.1.7\"/><PublicKey>{}</PublicKey></ECKeyValue></KeyValue>",
            b64(&k.point)
        );
        let r = one(&sign(INVOICE, &[("#data", ENV, SHA256)], &k, &ec), &VerifyOptions::default());
        assert_eq!(r.status(), Status::Valid, "{:?}", r.findings);
        assert_eq!(r.signer.as_ref().unwrap().source, KeySource::KeyValue);
        assert!(codes(&r).contains(&c::XMLDSIG_SIGNER_KEY_VALUE.id()));

        let serial = k.cert.x509().tbs_certificate.serial.to_string();
        let by_serial = format!(
            "<X509Data><X509IssuerSerial><X509IssuerName>CN=Người bán, O=CÔNG TY DEMO, C=VN</X509IssuerName><X509SerialNumber>{serial}</X509SerialNumber></X509IssuerSerial></X509Data>"
        );
        let xml = sign(INVOICE, &[("#data", ENV, SHA256)], &k, &by_serial);
        // Not embedded and not given: no key.
        let r = one(&xml, &VerifyOptions::default());
        assert!(
            matches!(&r.signature_value, Check::Unsupported { reason } if reason.code == c::XMLDSIG_NO_KEY)
        );
        assert!(codes(&r).contains(&c::XMLDSIG_KEY_REFERENCE_NOT_FOUND.id()));
        let opts = VerifyOptions { certificates: vec![k.cert.clone()], ..VerifyOptions::default() };
        let r = one(&xml, &opts);
        assert_eq!(r.status(), Status::Valid);
        assert_eq!(r.signer.as_ref().unwrap().source, KeySource::X509IssuerSerial);
        // Windows-style subject name (reversed order, other spacing and case).
        let by_name =
            "<X509Data><X509SubjectName>c=VN,o=công ty demo,  CN=Người bán</X509SubjectName></X509Data>";
        let r = one(&sign(INVOICE, &[("#data", ENV, SHA256)], &k, by_name), &opts);
        assert_eq!(r.status(), Status::Valid);
        assert_eq!(r.signer.as_ref().unwrap().source, KeySource::X509SubjectName);
    }

    #[test]
    fn textual_names_parse_with_escapes_quotes_and_windows_types() {
        let escaped = parse_dn("CN=Ng\\C6\\B0\\E1\\BB\\9Di b\\C3\\A1n,O=\"A, B\",C=VN").unwrap();
        let plain = parse_dn("C=VN; o=a, b ; CN=Người   bán").unwrap_or_default();
        assert_eq!(escaped.len(), 3);
        assert!(escaped.contains(&("2.5.4.3".to_string(), crate::name::normalize("Người bán"))));
        assert!(escaped.contains(&("2.5.4.10".to_string(), crate::name::normalize("A, B"))));
        // Unquoted, the comma splits: not the same name.
        assert_ne!(escaped, plain);
        assert_eq!(parse_dn("E=a@b.vn, S=Hà Nội").unwrap()[0].0, "1.2.840.113549.1.9.1");
        assert!(parse_dn("").is_none());
    }

    #[test]
    fn unreadable_documents_are_input_errors() {
        for (xml, code) in [
            ("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>", c::XML_DOCTYPE_REFUSED),
            ("<a>", c::XML_MALFORMED),
            ("<a/>", c::XMLDSIG_NO_SIGNATURE),
        ] {
            assert_eq!(verify(xml.as_bytes(), &VerifyOptions::default()).unwrap_err().code(), code);
        }
        // A Signature without SignedInfo: a report, invalid.
        let r = one(
            "<a><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/></a>",
            &VerifyOptions::default(),
        );
        assert_eq!(r.status(), Status::Invalid);
        assert!(
            matches!(&r.signature_value, Check::Invalid { reason } if reason.code == c::XMLDSIG_MISSING_ELEMENT)
        );
    }
}
