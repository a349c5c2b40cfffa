//! XML signatures in the format-independent report model: [`verify_document`] verifies every
//! `ds:Signature` ([`super::dsig`]), validates each signer's certificate under every trust
//! domain exactly as CMS does (the same [`crate::cms::VerifyOptions`]: trust store with domains,
//! untrusted pool, CRLs, time, revocation mode, legacy rule), applies the e-invoice profile
//! ([`super::einvoice`]) when the root is `HDon`, `TDiep` or `TBao`, and returns a
//! [`DocumentVerdict`] (`kyso.verdict/1`).
//!
//! # What this does not check
//! - **Signing times are claimed, never proven, without a timestamp**: a plain XML-DSig or
//!   e-invoice signature is validated at the verification time ([`crate::cms::VerifyOptions::at`],
//!   default now), and its claimed `SigningTime` (read only when a verified Reference covers
//!   it; without a zone it is Vietnam time, UTC+7) is reported as unproven and compared with
//!   the certificate's validity. A XAdES B-T signature whose SignatureTimeStamp is valid is
//!   validated at the timestamp's time instead ([`super::xades`]).
//! - XAdES: only the B-B and B-T properties are checked; see [`super::xades`] for what is not.
//! - Key usage and extended key usage of the signer are what path validation requires
//!   ([`crate::path::ValidationOptions`]); no document-signing EKU is required.
//! - Outside the e-invoice profile, *what* a signature must cover is the caller's to decide
//!   from the reported coverage.
//! - Everything [`super::dsig::verify`] and [`super::einvoice`] list as not checked.

use super::algorithms::{DigestMethod, NS_DSIG};
use super::dsig::{self, Check as XCheck, Coverage as XCoverage, SignatureReport, verify_signature};
use super::einvoice::{self, Profile, Role, TaxCodeMatch};
use super::reader::{Document, Element};
use crate::Certificate;
use crate::cms::VerifyOptions;
use crate::diag::codes::{path as path_codes, xml as c};
use crate::diag::{Finding, Message, Severity};
use crate::error::{Error, Result};
use crate::verdict::{
    Check, CheckStatus, Coverage, DocumentInfo, DocumentVerdict, Format, Identity, Integrity, NamedCheck,
    RevocationEvidence, SignatureVerdict, SigningTime, Status, TimeReport, paths_of, revocation_evidence,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

/// Verify every `ds:Signature` of the XML document `input` and validate each signer's
/// certification path under every trust domain of `opts.store`, at `opts.at` (default now).
/// One [`crate::verdict::SignatureVerdict`] per Signature, in document order, with its
/// e-invoice role when the document is an e-invoice.
///
/// A signature is `valid` only when every Reference and the SignatureValue verify, the signer's
/// certificate has a valid path in at least one domain, and no profile check fails; `invalid`
/// when a digest or the SignatureValue is wrong, the signer's certificate is revoked, or a
/// profile check fails (coverage, the seller's tax code, signing-time order, an element the
/// profile reads found twice); otherwise `indeterminate` (an unsupported feature, no path,
/// unknown revocation status, an e-invoice signature outside `DSCKS`, several invoices in one
/// message).
///
/// Errors: the same as [`dsig::verify`] (unreadable XML, no Signature, too many).
///
/// See the module documentation for what is NOT checked.
pub fn verify_document(input: &[u8], opts: &VerifyOptions) -> Result<DocumentVerdict> {
    verify_with(input, opts, opts.at.unwrap_or_else(OffsetDateTime::now_utc), None)
}

/// Verifies many XML documents with one set of options ([`verify_document`] for each), at one
/// validation time, sharing what the documents have in common: a signer's certification paths
/// (and their revocation evidence) are validated once for every document where the same
/// certificate comes with the same embedded certificates (an invoice issuer's documents, the
/// tax authority's signatures), an embedded certificate is parsed once, and a CA's signature is
/// checked once ([`VerifyOptions::verifier`]).
///
/// The verdict of a document is the one [`verify_document`] gives at the same time: a path
/// result depends only on the certificates, the options and the time, all fixed here. At most
/// [`DocumentVerifier::PATH_CAPACITY`] path results are kept (all dropped at once when full).
///
/// Thread-safe: share one between the threads of a batch.
#[derive(Debug)]
pub struct DocumentVerifier {
    opts: VerifyOptions,
    at: OffsetDateTime,
    paths: Mutex<HashMap<Vec<[u8; 32]>, Arc<PathResult>>>,
    certificates: Arc<dsig::CertificateCache>,
}

impl DocumentVerifier {
    /// Path results kept at most.
    pub const PATH_CAPACITY: usize = 1024;

    /// A verifier with `opts` (their verification context shared), validating every document
    /// at `opts.at`, or at the time it is made when that is `None`.
    pub fn new(opts: &VerifyOptions) -> Self {
        let at = opts.at.unwrap_or_else(OffsetDateTime::now_utc);
        DocumentVerifier {
            opts: opts.clone(),
            at,
            paths: Mutex::new(HashMap::new()),
            certificates: Arc::default(),
        }
    }

    /// The validation time of every document.
    pub fn time(&self) -> OffsetDateTime {
        self.at
    }

    /// Verify the XML document `input`: as [`verify_document`] at [`DocumentVerifier::time`].
    pub fn verify(&self, input: &[u8]) -> Result<DocumentVerdict> {
        verify_with(input, &self.opts, self.at, Some(self))
    }

    /// The path result of `cert` with the embedded `certificates`: recalled, or validated and
    /// kept.
    fn path(&self, cert: &Certificate, certificates: &[Certificate]) -> Arc<PathResult> {
        let key: Vec<[u8; 32]> = std::iter::once(cert).chain(certificates).map(|c| c.sha256()).collect();
        if let Some(r) = self.paths.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return r;
        }
        let r = Arc::new(PathResult::of(cert, certificates, &self.opts, self.at));
        if let Ok(mut m) = self.paths.lock() {
            if m.len() >= Self::PATH_CAPACITY {
                m.clear();
            }
            m.insert(key, r.clone());
        }
        r
    }
}

/// A signer's path validation and the revocation evidence of its paths.
#[derive(Debug)]
struct PathResult {
    report: crate::path::ValidationReport,
    revocation: Vec<RevocationEvidence>,
}

impl PathResult {
    /// The paths of `cert` through the embedded `certificates` and the untrusted pool at `now`.
    fn of(
        cert: &Certificate,
        certificates: &[Certificate],
        opts: &VerifyOptions,
        now: OffsetDateTime,
    ) -> Self {
        let mut candidates = certificates.to_vec();
        candidates.extend(opts.untrusted.iter().cloned());
        let report = opts.validate_path(cert, &candidates, now, None);
        let revocation = revocation_evidence(&report, &opts.crls, opts.revocation, now);
        PathResult { report, revocation }
    }
}

fn verify_with(
    input: &[u8],
    opts: &VerifyOptions,
    now: OffsetDateTime,
    shared: Option<&DocumentVerifier>,
) -> Result<DocumentVerdict> {
    let mut dsig_opts = dsig::VerifyOptions::default()
        .with_allow_legacy(opts.allow_legacy())
        .with_certificates(opts.untrusted.clone());
    dsig_opts.known = shared.map(|v| v.certificates.clone());
    let doc = Document::parse(input, &dsig_opts.limits)?;
    let sigs = doc.elements_named(NS_DSIG, "Signature");
    if sigs.is_empty() {
        return Err(Error::invalid(c::XMLDSIG_NO_SIGNATURE));
    }
    if sigs.len() > dsig_opts.max_signatures {
        return Err(Error::input(
            Message::new(c::XMLDSIG_TOO_MANY_SIGNATURES).with("limit", dsig_opts.max_signatures),
        ));
    }
    let profile = einvoice::detect(&doc);
    let mut doc_findings = Vec::new();
    if let Some(p) = &profile {
        doc_findings.push(Finding::new(Message::new(c::EINVOICE_PROFILE).with("kind", p.kind.name())));
    }
    let ambiguities = profile.as_ref().map(|p| p.ambiguities(&doc)).unwrap_or_default();
    let mut work: Vec<Work> = sigs
        .iter()
        .map(|s| examine(&doc, *s, profile.as_ref(), &ambiguities, &dsig_opts, opts, now, shared))
        .collect();
    // The seller signs before the tax authority.
    let time_of = |r: Role, w: &[Work]| w.iter().find(|x| x.role == Some(r)).and_then(|x| x.claimed);
    if let (Some(seller), Some(cqt)) = (time_of(Role::Seller, &work), time_of(Role::TaxAuthority, &work)) {
        if seller > cqt {
            if let Some(w) = work.iter_mut().find(|x| x.role == Some(Role::Seller)) {
                w.profile_errors.push(Finding::new(
                    Message::new(c::EINVOICE_SELLER_AFTER_TAX_AUTHORITY)
                        .with("seller", crate::vn::rfc3339_vietnam(seller))
                        .with("tax_authority", crate::vn::rfc3339_vietnam(cqt)),
                ));
            }
        }
    }
    // The tax authority signs the document the seller signed: the DLHDon digests written in
    // the two signatures are the same.
    if let Some(data_id) = profile.as_ref().and_then(|p| p.data).and_then(|d| d.id()) {
        let find = |r: Role| work.iter().position(|x| x.role == Some(r));
        if let (Some(s), Some(t)) = (find(Role::Seller), find(Role::TaxAuthority)) {
            if let (Some(a), Some(b)) = (written_digest(&sigs[s], data_id), written_digest(&sigs[t], data_id))
            {
                let name =
                    |u: &str| DigestMethod::from_uri(u).map_or(u.to_string(), |d| d.name().to_string());
                let w = &mut work[t];
                if a.0 != b.0 {
                    w.warnings.push(Finding::new(
                        Message::new(c::EINVOICE_DOCUMENT_NOT_COMPARED)
                            .with("seller", name(&a.0))
                            .with("tax_authority", name(&b.0)),
                    ));
                } else if a.1 == b.1 {
                    w.checks.push(NamedCheck::new(
                        "einvoice-same-document",
                        Check::passed(Message::new(c::EINVOICE_SAME_DOCUMENT).with("algorithm", name(&a.0))),
                    ));
                } else {
                    let f = Finding::new(
                        Message::new(c::EINVOICE_DIFFERENT_DOCUMENT).with("algorithm", name(&a.0)),
                    );
                    w.checks.push(NamedCheck::new("einvoice-same-document", Check::failed(f.clone())));
                    w.profile_errors.push(f);
                }
            }
        }
    }
    let signatures = work.into_iter().enumerate().map(|(i, w)| w.into_verdict(i)).collect();
    let document = DocumentInfo {
        name: None,
        size: Some(input.len() as u64),
        sha256: Some(hex::encode(DigestMethod::Sha256.digest(input))),
        content_type: Some("application/xml".to_string()),
        attached: None,
    };
    Ok(DocumentVerdict::new(Format::Xml, document, TimeReport::of(now), signatures, doc_findings))
}

/// The DigestMethod URI and the DigestValue (whitespace removed) that `sig`'s SignedInfo
/// writes for the Reference `#id`.
fn written_digest(sig: &Element<'_, '_>, id: &str) -> Option<(String, String)> {
    let si = sig.children().find(|e| e.is(NS_DSIG, "SignedInfo"))?;
    let uri = format!("#{id}");
    let r = si.children().find(|r| r.is(NS_DSIG, "Reference") && r.attribute("URI") == Some(uri.as_str()))?;
    let method = r.children().find(|e| e.is(NS_DSIG, "DigestMethod"))?.attribute("Algorithm")?.to_string();
    let value: String = r
        .children()
        .find(|e| e.is(NS_DSIG, "DigestValue"))?
        .text()
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    Some((method, value))
}

/// What was found about one signature before it becomes a verdict.
struct Work {
    report: SignatureReport,
    role: Option<Role>,
    claimed: Option<OffsetDateTime>,
    cert: Option<Certificate>,
    path: Option<Arc<PathResult>>,
    checks: Vec<NamedCheck>,
    /// Profile and signing-time errors (they make the signature invalid).
    profile_errors: Vec<Finding>,
    /// Warnings, and errors that leave the signature indeterminate (a failed check says so).
    warnings: Vec<Finding>,
    /// The XAdES properties, when the signature has them.
    xades: Option<super::xades::XadesReport>,
    /// The time the signer's path was validated at: a timestamp's proven time, else `now`.
    at: OffsetDateTime,
}

#[allow(clippy::too_many_arguments)]
fn examine(
    doc: &Document<'_>,
    sig: Element<'_, '_>,
    profile: Option<&Profile<'_, '_>>,
    ambiguities: &[Message],
    dsig_opts: &dsig::VerifyOptions,
    opts: &VerifyOptions,
    now: OffsetDateTime,
    shared: Option<&DocumentVerifier>,
) -> Work {
    let report = verify_signature(doc, sig, dsig_opts);
    let mut checks = Vec::new();
    let mut profile_errors = Vec::new();
    let mut warnings = Vec::new();
    let cert = report.signer.as_ref().and_then(|k| k.certificate.clone());
    // Who signed.
    checks.push(NamedCheck::new(
        "signer-identification",
        match (&report.signer, &cert) {
            (Some(k), Some(cert)) => Check::passed(
                Message::new(c::XMLDSIG_SIGNER_FOUND)
                    .with("source", k.source.name())
                    .with("subject", cert.subject_string()),
            ),
            (Some(_), None) => Check::failed(c::XMLDSIG_SIGNER_NO_CERTIFICATE),
            (None, _) => Check::not_checked(),
        },
    ));
    checks.push(NamedCheck::new("signature-value", value_check(&report.signature_value)));
    // The claimed signing time, only when signed.
    let claimed = signing_time(&sig, &report, &mut warnings);
    // XAdES: the signing certificate property and a signature timestamp's proven time.
    let xades = super::xades::examine(doc, &sig, &report, cert.as_ref(), opts);
    if let Some(x) = &xades {
        profile_errors.extend(x.errors.iter().cloned());
        warnings.extend(x.warnings.iter().cloned());
        if cert.is_some() && x.signing_certificate.status != CheckStatus::NotChecked {
            checks.push(NamedCheck::new("signing-certificate", x.signing_certificate.clone()));
        }
    }
    let proven = xades.as_ref().and_then(|x| x.proven_time);
    let at = proven.unwrap_or(now);
    // A signature timestamp moves the validation time: its path is not the batch's shared one.
    let path = cert.as_ref().map(|cert| match (shared, proven) {
        (Some(v), None) => v.path(cert, &report.certificates),
        _ => Arc::new(PathResult::of(cert, &report.certificates, opts, at)),
    });
    if let Some(cert) = &cert {
        checks.push(NamedCheck::new("certificate-validity", validity_check(cert, at)));
        if let Some(t) = claimed {
            let v = cert.x509().validity();
            if t.unix_timestamp() < v.not_before.timestamp() || t.unix_timestamp() > v.not_after.timestamp() {
                profile_errors.push(Finding::new(
                    Message::new(c::XMLDSIG_SIGNING_TIME_OUTSIDE_VALIDITY)
                        .with("time", crate::vn::rfc3339_vietnam(t))
                        .with("not_before", v.not_before)
                        .with("not_after", v.not_after),
                ));
            }
        }
    }
    match (claimed, proven) {
        (Some(_), None) => warnings.push(Finding::new(c::XMLDSIG_SIGNING_TIME_UNPROVEN)),
        (Some(claimed), Some(proven)) if claimed > proven + time::Duration::minutes(5) => {
            warnings.push(Finding::new(crate::diag::codes::xades::XADES_CLAIMED_AFTER_TIMESTAMP))
        }
        _ => {}
    }
    // The e-invoice profile: an ambiguous structure fails every signature.
    for m in ambiguities {
        let f = Finding::new(m.clone());
        checks.push(NamedCheck::new("einvoice-structure", Check::failed(f.clone())));
        if m.code == c::EINVOICE_SEVERAL_INVOICES {
            warnings.push(f);
        } else {
            profile_errors.push(f);
        }
    }
    let mut role = None;
    if let Some(p) = profile {
        match p.role_of(&sig) {
            // No role, so no rule says what it must cover: never valid under the profile.
            None => {
                let f =
                    Finding::new(Message::new(c::EINVOICE_SIGNATURE_OUTSIDE_DSCKS).with("path", sig.path()));
                checks.push(NamedCheck::new("einvoice-role", Check::failed(f.clone())));
                warnings.push(f);
            }
            Some((r, slot)) => {
                role = Some(r);
                let mut covered = Vec::new();
                let mut coverage_ok = true;
                for (name, element) in p.required(r) {
                    let m = match element {
                        None => Err(Message::new(c::EINVOICE_ELEMENT_MISSING)
                            .with("element", name)
                            .with("role", slot)),
                        Some(e) if report.covers(&e) => {
                            covered.push(name);
                            Ok(())
                        }
                        // A reference to it that could not be checked: not known, not failed.
                        Some(e) if report.may_cover(&e) => {
                            coverage_ok = false;
                            let f = Finding::new(
                                Message::new(c::EINVOICE_COVERAGE_UNKNOWN)
                                    .with("element", name)
                                    .with("role", slot),
                            );
                            let check = Check { status: CheckStatus::NotChecked, detail: Some(f.clone()) };
                            checks.push(NamedCheck::new("einvoice-coverage", check));
                            warnings.push(f);
                            continue;
                        }
                        Some(_) => Err(Message::new(c::EINVOICE_NOT_COVERED)
                            .with("element", name)
                            .with("role", slot)),
                    };
                    if let Err(m) = m {
                        coverage_ok = false;
                        let f = Finding::new(m);
                        checks.push(NamedCheck::new("einvoice-coverage", Check::failed(f.clone())));
                        profile_errors.push(f);
                    }
                }
                if coverage_ok && !covered.is_empty() {
                    checks.push(NamedCheck::new(
                        "einvoice-coverage",
                        Check::passed(
                            Message::new(c::EINVOICE_COVERS)
                                .with("element", covered.join(", "))
                                .with("role", slot),
                        ),
                    ));
                }
                if claimed.is_none() {
                    warnings.push(Finding::new(Message::new(c::EINVOICE_NO_SIGNING_TIME).with("role", slot)));
                }
                if r == Role::Seller {
                    let check = seller_tax_code(p, &report, cert.as_ref());
                    if check.is_failed() {
                        profile_errors.extend(check.detail.clone());
                    } else if let Some(d) = check.detail.as_ref().filter(|d| d.severity == Severity::Warning)
                    {
                        warnings.push(d.clone());
                    }
                    checks.push(NamedCheck::new("einvoice-seller-tax-code", check));
                }
            }
        }
    }
    Work { report, role, claimed, cert, path, checks, profile_errors, warnings, xades, at }
}

/// The seller's tax code rule ([`einvoice`] module documentation), on the signed `NBan/MST`.
fn seller_tax_code(p: &Profile<'_, '_>, report: &SignatureReport, cert: Option<&Certificate>) -> Check {
    let Some(cert) = cert else { return Check::not_checked() };
    let invoice = match p.seller_tax_code() {
        Some((mst, e)) if !mst.is_empty() && report.covers(&e) => mst,
        // Signed or not is not known: no verdict on it either.
        Some((_, e)) if report.may_cover(&e) => return Check::not_checked(),
        _ => return Check::failed(c::EINVOICE_MST_NOT_IN_INVOICE),
    };
    let Some(in_cert) = Identity::of(cert).tax_code else {
        return Check::failed(Message::new(c::EINVOICE_MST_NOT_IN_CERTIFICATE).with("invoice", &invoice));
    };
    let m = |code| Message::new(code).with("invoice", &invoice).with("certificate", &in_cert);
    match einvoice::compare_tax_codes(&invoice, &in_cert) {
        TaxCodeMatch::Equal => Check::passed(m(c::EINVOICE_MST_MATCHES)),
        TaxCodeMatch::Base => Check::passed(m(c::EINVOICE_MST_BRANCH)),
        TaxCodeMatch::Differs => Check::failed(m(c::EINVOICE_MST_MISMATCH)),
    }
}

fn value_check(v: &XCheck) -> Check {
    match v {
        XCheck::Valid { .. } => Check::passed(c::XMLDSIG_SIGNATURE_VALID),
        XCheck::Invalid { reason } => Check::failed(reason.clone()),
        XCheck::Unsupported { reason } => {
            Check { status: CheckStatus::NotChecked, detail: Some(reason.clone().into()) }
        }
    }
}

fn validity_check(cert: &Certificate, t: OffsetDateTime) -> Check {
    let v = cert.x509().validity();
    let ts = t.unix_timestamp();
    let m = |code| {
        Message::new(code)
            .with("time", crate::vn::rfc3339_utc(t))
            .with("not_before", v.not_before)
            .with("not_after", v.not_after)
    };
    if ts < v.not_before.timestamp() || ts > v.not_after.timestamp() {
        Check::failed(m(c::XMLDSIG_SIGNER_NOT_VALID_AT))
    } else {
        Check::passed(m(c::XMLDSIG_SIGNER_VALIDITY_OK))
    }
}

/// Every descendant element of `e` named `name` (any namespace), in document order.
fn descendants_named<'a, 'i>(e: &Element<'a, 'i>, name: &str, out: &mut Vec<Element<'a, 'i>>) {
    for ch in e.children() {
        if ch.local_name() == name {
            out.push(ch);
        }
        descendants_named(&ch, name, out);
    }
}

/// The first `SigningTime` in the Signature's Objects that a verified Reference covers.
fn signing_time(
    sig: &Element<'_, '_>,
    report: &SignatureReport,
    warnings: &mut Vec<Finding>,
) -> Option<OffsetDateTime> {
    let mut found = Vec::new();
    for obj in sig.children().filter(|o| o.is(NS_DSIG, "Object")) {
        descendants_named(&obj, "SigningTime", &mut found);
    }
    let mut unsigned = false;
    for e in found {
        if !report.covers(&e) {
            unsigned = true;
            continue;
        }
        let text = e.text();
        match parse_signing_time(text.trim()) {
            Some(t) => return Some(t),
            None => {
                warnings.push(Finding::new(
                    Message::new(c::XMLDSIG_SIGNING_TIME_MALFORMED).with("value", text.trim()),
                ));
                return None;
            }
        }
    }
    if unsigned {
        warnings.push(Finding::new(c::XMLDSIG_SIGNING_TIME_NOT_SIGNED));
    }
    None
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]`; without a zone, Vietnam time (UTC+7: the
/// e-invoice SigningTime).
pub(crate) fn parse_signing_time(s: &str) -> Option<OffsetDateTime> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let (head, rest) = (s.get(..19)?, s.get(19..)?);
    let local = time::PrimitiveDateTime::parse(head, &fmt).ok()?;
    let rest = match rest.strip_prefix('.') {
        Some(r) => r.trim_start_matches(|ch: char| ch.is_ascii_digit()),
        None => rest,
    };
    let offset = match rest {
        "" => time::UtcOffset::from_whole_seconds(crate::verdict::VIETNAM_OFFSET_SECONDS).ok()?,
        "Z" => time::UtcOffset::UTC,
        z => {
            let sign = match z.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, m) = z.get(1..)?.split_once(':')?;
            if h.len() != 2 || m.len() != 2 {
                return None;
            }
            let secs = sign * (h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60);
            time::UtcOffset::from_whole_seconds(secs).ok()?
        }
    };
    Some(local.assume_offset(offset))
}

impl Work {
    fn into_verdict(self, index: usize) -> SignatureVerdict {
        let r = &self.report;
        let at = self.at;
        let proven = self.xades.as_ref().and_then(|x| x.proven_time);
        let dsig_status = r.status();
        let refs_ok = !r.references.is_empty() && r.references.iter().all(|x| x.digest.is_valid());
        let refs_bad = r.references.iter().any(|x| matches!(x.digest, XCheck::Invalid { .. }));
        let integrity_detail = match r.references.iter().find(|x| !x.digest.is_valid()) {
            Some(x) => match &x.digest {
                XCheck::Invalid { reason } | XCheck::Unsupported { reason } => {
                    Some(Finding::new(reason.clone()))
                }
                _ => None,
            },
            None if refs_ok => Some(Finding::new(
                Message::new(c::XMLDSIG_REFERENCES_VERIFIED).with("count", r.references.len()),
            )),
            // No reference was read: the Signature's structure failed before (that reason).
            None => match &r.signature_value {
                XCheck::Invalid { reason } | XCheck::Unsupported { reason } => {
                    Some(Finding::new(reason.clone()))
                }
                XCheck::Valid { .. } => Some(Finding::new(
                    Message::new(c::XMLDSIG_MISSING_ELEMENT)
                        .with("element", "Reference")
                        .with("parent", "SignedInfo"),
                )),
            },
        };
        let mut digests: Vec<String> = Vec::new();
        for x in &r.references {
            let name = DigestMethod::from_uri(&x.digest_method)
                .map(|d| d.name().to_string())
                .unwrap_or_else(|| x.digest_method.clone());
            if !digests.contains(&name) {
                digests.push(name);
            }
        }
        let references = r
            .references
            .iter()
            .filter(|x| x.digest.is_valid())
            .map(|x| match &x.covered {
                XCoverage::Element { path, id } => format!("#{id} → {path}"),
                XCoverage::WholeDocument { root } => format!("\"\" → {root}"),
                _ => x.uri.clone().unwrap_or_default(),
            })
            .collect();
        let path = self.path.as_ref().map(|p| &p.report);
        let (path_error, path_warnings) = match path {
            Some(p) => crate::cms::core::path_findings(p),
            None => (None, Vec::new()),
        };
        let revoked = path.and_then(|p| p.error.as_ref()).is_some_and(|e| {
            let code = e.code();
            code == path_codes::REVOKED || code == path_codes::REVOKED_NO_REASON
        });
        let mut findings: Vec<Finding> =
            r.findings.iter().filter(|f| f.severity != Severity::Note).cloned().collect();
        findings.extend(path_error.iter().cloned());
        findings.extend(self.profile_errors.iter().cloned());
        findings.extend(path_warnings);
        findings.extend(self.warnings.iter().cloned());
        // Errors first, then warnings (each in the order found).
        findings.sort_by_key(|f| match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            _ => 2,
        });
        let checks_failed = self.checks.iter().any(|ch| ch.check.is_failed());
        let status =
            if dsig_status == dsig::Status::Invalid || refs_bad || revoked || !self.profile_errors.is_empty()
            {
                Status::Invalid
            } else if dsig_status == dsig::Status::Valid && path.is_some_and(|p| p.valid) && !checks_failed {
                Status::Valid
            } else {
                Status::Indeterminate
            };
        let legacy = findings.iter().any(|f| {
            let code = f.code();
            code == c::XMLDSIG_SHA1_DIGEST
                || code == c::XMLDSIG_LEGACY_SIGNATURE
                || crate::verdict::is_legacy_finding(code)
        });
        SignatureVerdict {
            index,
            id: r.id.clone().unwrap_or_else(|| r.path.clone()),
            role: self.role.map(|x| x.as_str().to_string()),
            status,
            indication: status.indication(),
            level: self.xades.as_ref().map_or("XMLDSig", |x| x.level).to_string(),
            signer: self.cert.as_ref().map(Identity::of),
            signing_time: SigningTime {
                claimed: self.claimed.map(TimeReport::of),
                proven_by_timestamp: proven.map(TimeReport::of),
                used_for_validation: TimeReport::of(at),
                source: if proven.is_some() { "timestamp" } else { "verification-time" }.to_string(),
            },
            integrity: Integrity {
                status: if refs_ok {
                    CheckStatus::Passed
                } else if refs_bad {
                    CheckStatus::Failed
                } else {
                    CheckStatus::NotChecked
                },
                digest_algorithm: digests.join(", "),
                covers: Coverage::XmlReferences { references },
                detail: integrity_detail,
            },
            signature_algorithm: r.signature_method.clone(),
            legacy,
            checks: self.checks,
            paths: paths_of(path),
            revocation: self.path.as_ref().map(|p| p.revocation.clone()).unwrap_or_default(),
            timestamps: self
                .xades
                .as_ref()
                .and_then(|x| x.timestamp.as_ref())
                .map(crate::cms::document::timestamp_verdict)
                .into_iter()
                .collect(),
            findings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_times() {
        let t = parse_signing_time("2026-12-08T09:30:00").unwrap();
        assert_eq!(crate::vn::rfc3339_utc(t), "2026-12-08T02:30:00Z");
        let t = parse_signing_time("2026-12-08T09:30:00.123Z").unwrap();
        assert_eq!(crate::vn::rfc3339_utc(t), "2026-12-08T09:30:00Z");
        let t = parse_signing_time("2026-12-08T09:30:00+07:00").unwrap();
        assert_eq!(crate::vn::rfc3339_utc(t), "2026-12-08T02:30:00Z");
        assert!(parse_signing_time("2026-12-08").is_none());
        assert!(parse_signing_time("2026-12-08T09:30:00 junk").is_none());
    }
}
