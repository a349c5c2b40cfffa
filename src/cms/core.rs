//! The checks every CMS signer gets, document signer or TSA: signer certificate
//! identification, message digest, signature, ESS signing-certificate binding; and the options
//! shared by [`super::verify()`] and [`super::tsp`].

use crate::certificate::Certificate;
use crate::cms::algorithms;
use crate::cms::ess::{self, EssBinding};
use crate::cms::oids::*;
use crate::cms::parse::ParsedSigner;
use crate::cms::report::*;
use crate::crl::Crl;
use crate::crypto::digest::{DigestAlgorithm, digest_reader};
use crate::diag::codes::cms as codes;
use crate::diag::{Finding, Hint, Message};
use crate::error::{Error, ErrorKind, Result};
use crate::path::{ValidationOptions, ValidationReport};
use crate::revocation::RevocationMode;
use crate::trust::TrustStore;
use cms::signed_data::{SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use std::collections::HashMap;
use std::io::Read;
use time::OffsetDateTime;
use x509_cert::attr::Attribute;

/// Inputs for verification besides the signature and the data.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// Trust anchors (one or more domains).
    pub store: TrustStore,
    /// Untrusted certificates to build paths with, besides those embedded in the signature.
    pub untrusted: Vec<Certificate>,
    /// CRLs for revocation checking.
    pub crls: Vec<Crl>,
    /// The verification time (default: now). Used for the signer's path when there is no
    /// valid timestamp.
    pub at: Option<OffsetDateTime>,
    /// Revocation mode.
    pub revocation: RevocationMode,
    /// Base path-validation options (policy, budgets, depth). Their `time`, `revocation`,
    /// `required_eku` and `required_key_usage` are set per check.
    pub validation: Option<ValidationOptions>,
    /// The verification context shared by every path validation made with these options
    /// (clones share it): a batch of documents signed under the same CAs checks each CA
    /// signature once.
    pub verifier: std::sync::Arc<crate::crypto::Verifier>,
    /// More issuer sources (after `untrusted` and the embedded certificates; network sources
    /// such as AIA caIssuers only when no local source had an issuer), for every path
    /// validation made with these options.
    pub issuer_sources: Vec<std::sync::Arc<dyn crate::trust::IssuerSource>>,
    /// More revocation sources (after `crls`; network sources such as OCSP and CRL
    /// distribution points only for a certificate no local source had data for).
    pub revocation_sources: Vec<std::sync::Arc<dyn crate::revocation::RevocationSource>>,
}

with_setters!(VerifyOptions {
    store: TrustStore => with_store,
    untrusted: Vec<Certificate> => with_untrusted,
    crls: Vec<Crl> => with_crls,
    at: Option<OffsetDateTime> => with_at,
    revocation: RevocationMode => with_revocation,
    validation: Option<ValidationOptions> => with_validation,
    verifier: std::sync::Arc<crate::crypto::Verifier> => with_verifier,
    issuer_sources: Vec<std::sync::Arc<dyn crate::trust::IssuerSource>> => with_issuer_sources,
    revocation_sources: Vec<std::sync::Arc<dyn crate::revocation::RevocationSource>> => with_revocation_sources,
});

impl VerifyOptions {
    /// Whether legacy algorithms (SHA-1 digests and signatures, DSA, RSA under 2048 bits) are
    /// accepted: the path options' [`ValidationOptions::allow_legacy`], one rule for the CMS
    /// signature, its timestamps and the certification paths.
    pub fn allow_legacy(&self) -> bool {
        self.validation.as_ref().is_some_and(|v| v.allow_legacy)
    }

    /// Validate `cert`'s paths at `time` through `candidates` (the pool plus embedded
    /// certificates). `eku`: `None` keeps the base options' required extended and key usages
    /// (the document signer), `Some` replaces them (a TSA: timeStamping, no key usage).
    pub(crate) fn validate_path(
        &self,
        cert: &Certificate,
        candidates: &[Certificate],
        time: OffsetDateTime,
        eku: Option<Vec<String>>,
    ) -> ValidationReport {
        let mut v = crate::path::PathValidator::new(&self.store)
            .pool(candidates)
            .crls(&self.crls)
            .options(self.path_options(time, eku))
            .verifier(&self.verifier);
        for s in &self.issuer_sources {
            v = v.issuer_source(s.as_ref());
        }
        for s in &self.revocation_sources {
            v = v.revocation_source(s.as_ref());
        }
        v.validate(cert)
    }

    pub(crate) fn path_options(&self, time: OffsetDateTime, eku: Option<Vec<String>>) -> ValidationOptions {
        let mut o = self.validation.clone().unwrap_or_default();
        o.time = time;
        o.revocation = self.revocation;
        if let Some(eku) = eku {
            o.required_eku = eku;
            o.required_key_usage = Vec::new();
            // Another purpose (a TSA): the profile's issuer-side rules, not its end-entity ones.
            o.profile = o.profile.for_other_purpose();
        }
        o
    }
}

/// The result of the checks common to a document signer and a TSA signer.
pub(crate) struct CoreOutcome {
    pub cert: Option<Certificate>,
    pub digest: Option<DigestAlgorithm>,
    pub identification: Check,
    pub integrity: Check,
    pub signature: Check,
    pub signing_certificate: Check,
    pub claimed_time: Option<OffsetDateTime>,
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl CoreOutcome {
    pub(super) fn ok(&self) -> bool {
        self.errors.is_empty()
    }
}

pub(crate) fn attr(attrs: &Option<x509_cert::attr::Attributes>, oid: ObjectIdentifier) -> Vec<&Attribute> {
    attrs.as_ref().map(|a| a.iter().filter(|x| x.oid == oid).collect()).unwrap_or_default()
}

/// The single value of a single-valued attribute (RFC 5652 §11: content-type, message-digest
/// and signing-time MUST have exactly one value and appear once).
fn single_value(attrs: &[&Attribute], name: &str) -> std::result::Result<Option<Vec<u8>>, Finding> {
    match attrs {
        [] => Ok(None),
        [a] => {
            let vals: Vec<_> = a.values.iter().collect();
            match vals.as_slice() {
                [v] => v.to_der().map(Some).map_err(|e| {
                    crate::ber::der_detail(codes::CMS_ATTRIBUTE_MALFORMED, e).with("attribute", name).into()
                }),
                _ => Err(Message::new(codes::CMS_ATTRIBUTE_NOT_SINGLE_VALUED).with("attribute", name).into()),
            }
        }
        _ => Err(Message::new(codes::CMS_ATTRIBUTE_REPEATED).with("attribute", name).into()),
    }
}

/// The path validation's outcome as findings: the error when no path is valid, and the
/// warnings. The path error is kept opaque (its English text) for now.
pub(crate) fn path_findings(report: &ValidationReport) -> (Option<Finding>, Vec<Finding>) {
    let error = (!report.valid).then(|| match &report.error {
        Some(e) => {
            let mut f = Finding::new(e.message.clone());
            f.rule = e.rule;
            f.hint = e.hint;
            f.text = Message::new(codes::CMS_PATH_INVALID).with("detail", e).render(crate::diag::Lang::En);
            f
        }
        None => Finding::new(codes::CMS_NO_VALID_PATH),
    });
    (error, report.warnings.clone())
}

/// Find the signer's certificate among `candidates` by issuerAndSerialNumber or SKI
/// (RFC 5652 §5.3).
pub(crate) fn find_signer_cert(info: &SignerInfo, candidates: &[Certificate]) -> Option<Certificate> {
    match &info.sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            let issuer = ias.issuer.to_der().ok()?;
            // Serial first (cheap), then the issuer: byte-equal, or equal under the RFC 5280
            // §7.1 comparison when an encoder re-wrote the name.
            let serial_matches = |c: &&Certificate| c.x509().raw_serial() == ias.serial_number.as_bytes();
            candidates
                .iter()
                .filter(serial_matches)
                .find(|c| c.x509().tbs_certificate.issuer.as_raw() == issuer.as_slice())
                .or_else(|| {
                    candidates.iter().filter(serial_matches).find(|c| {
                        crate::name::der_names_equal(c.x509().tbs_certificate.issuer.as_raw(), &issuer)
                    })
                })
                .cloned()
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => candidates
            .iter()
            .find(|c| {
                c.x509().extensions().iter().any(|e| match e.parsed_extension() {
                    x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(k) => {
                        k.0 == ski.0.as_bytes()
                    }
                    _ => false,
                })
            })
            .cloned(),
    }
}

/// Parse a signing-time attribute value (UTCTime or GeneralizedTime).
fn parse_time(value_der: &[u8]) -> Option<OffsetDateTime> {
    let t = x509_cert::time::Time::from_der(value_der).ok()?;
    let secs = i64::try_from(t.to_unix_duration().as_secs()).ok()?;
    OffsetDateTime::from_unix_timestamp(secs).ok()
}

/// Verify one SignerInfo's digest, signature and ESS binding. `digests` holds the content
/// digest for every supported algorithm used; `content` is the whole content, needed only for
/// a SignerInfo without signed attributes.
pub(crate) fn verify_core(
    signer: &ParsedSigner,
    candidates: &[Certificate],
    econtent_type: ObjectIdentifier,
    digests: &HashMap<DigestAlgorithm, Vec<u8>>,
    content: Option<&[u8]>,
    allow_legacy: bool,
) -> CoreOutcome {
    let info = &signer.info;
    let mut out = CoreOutcome {
        cert: None,
        digest: None,
        identification: Check::not_checked(),
        integrity: Check::not_checked(),
        signature: Check::not_checked(),
        signing_certificate: Check::not_checked(),
        claimed_time: None,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    // RFC 5652 §5.3: version 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier. The
    // version is not signed: a mismatch is reported, not fatal.
    let expected_version = match info.sid {
        SignerIdentifier::IssuerAndSerialNumber(_) => cms::content_info::CmsVersion::V1,
        SignerIdentifier::SubjectKeyIdentifier(_) => cms::content_info::CmsVersion::V3,
    };
    if info.version != expected_version {
        out.warnings
            .push(Message::new(codes::CMS_SIGNER_INFO_VERSION).with("version", info.version as u8).into());
    }
    let cert = find_signer_cert(info, candidates);
    match &cert {
        Some(c) => {
            let code = match &info.sid {
                SignerIdentifier::IssuerAndSerialNumber(_) => codes::CMS_SIGNER_FOUND_BY_ISSUER_SERIAL,
                SignerIdentifier::SubjectKeyIdentifier(_) => codes::CMS_SIGNER_FOUND_BY_SKI,
            };
            out.identification = Check::passed(Message::new(code).with("subject", c.subject_string()))
        }
        None => {
            let m = Finding::new(codes::CMS_SIGNER_CERT_NOT_FOUND);
            out.identification = Check::failed(m.clone());
            out.errors.push(m);
        }
    }
    let digest = DigestAlgorithm::from_oid(&info.digest_alg.oid);
    out.digest = digest;
    let Some(digest) = digest else {
        out.errors.push(Message::new(codes::CMS_DIGEST_UNSUPPORTED).with("oid", info.digest_alg.oid).into());
        out.cert = cert;
        return out;
    };
    if digest.is_legacy() {
        if allow_legacy {
            out.warnings.push(codes::CMS_SHA1_DIGEST.into());
        } else {
            let m = Finding::new(Message::new(codes::CMS_SHA1_DIGEST_REFUSED));
            out.integrity = Check::failed(m.clone());
            out.errors.push(m.with_hint(Hint::AllowLegacy));
            out.cert = cert;
            return out;
        }
    }
    let content_digest = digests.get(&digest).cloned().unwrap_or_default();

    let message: Vec<u8> = match &signer.signed_attrs_der {
        Some(raw) => {
            // RFC 5652 §5.3: content-type and message-digest MUST be present with signed attributes.
            match single_value(&attr(&info.signed_attrs, OID_CONTENT_TYPE), "content-type") {
                Ok(Some(v)) => match ObjectIdentifier::from_der(&v) {
                    Ok(oid) if oid == econtent_type => {}
                    Ok(oid) => out.errors.push(
                        Message::new(codes::CMS_CONTENT_TYPE_MISMATCH)
                            .with("attribute", oid)
                            .with("econtent_type", econtent_type)
                            .into(),
                    ),
                    Err(e) => out.errors.push(
                        crate::ber::der_detail(codes::CMS_ATTRIBUTE_MALFORMED, e)
                            .with("attribute", "content-type")
                            .into(),
                    ),
                },
                Ok(None) => out.errors.push(
                    Message::new(codes::CMS_ATTRIBUTE_MISSING).with("attribute", "content-type").into(),
                ),
                Err(e) => out.errors.push(e),
            }
            out.integrity =
                match single_value(&attr(&info.signed_attrs, OID_MESSAGE_DIGEST), "message-digest") {
                    Ok(Some(v)) => match OctetString::from_der(&v) {
                        Ok(md) if md.as_bytes() == content_digest.as_slice() => {
                            Check::passed(Message::new(codes::CMS_DIGEST_MATCHES).with("digest", digest))
                        }
                        Ok(_) => Check::failed(codes::CMS_DIGEST_MISMATCH),
                        Err(e) => Check::failed(
                            crate::ber::der_detail(codes::CMS_ATTRIBUTE_MALFORMED, e)
                                .with("attribute", "message-digest"),
                        ),
                    },
                    Ok(None) => Check::failed(
                        Message::new(codes::CMS_ATTRIBUTE_MISSING).with("attribute", "message-digest"),
                    ),
                    Err(e) => Check::failed(e),
                };
            if let Some(d) = &out.integrity.detail {
                if out.integrity.is_failed() {
                    out.errors.push(d.clone());
                }
            }
            match single_value(&attr(&info.signed_attrs, OID_SIGNING_TIME), "signing-time") {
                Ok(Some(v)) => match parse_time(&v) {
                    Some(t) => out.claimed_time = Some(t),
                    // Informational only (never used as the validation time): a warning.
                    None => out.warnings.push(codes::CMS_SIGNING_TIME_MALFORMED.into()),
                },
                Ok(None) => {}
                Err(e) => out.errors.push(e),
            }
            raw.clone()
        }
        None if econtent_type != OID_DATA => {
            // RFC 5652 §5.3: without signed attributes the content type must be id-data.
            out.errors.push(
                Message::new(codes::CMS_NO_SIGNED_ATTRS_CONTENT_TYPE)
                    .with("content_type", econtent_type)
                    .into(),
            );
            Vec::new()
        }
        None => match content {
            Some(c) => {
                out.integrity = Check::passed(codes::CMS_NO_SIGNED_ATTRS_DIRECT);
                c.to_vec()
            }
            None => {
                out.errors.push(codes::CMS_NO_SIGNED_ATTRS_NO_CONTENT.into());
                Vec::new()
            }
        },
    };

    if let Some(c) = &cert {
        out.signature = match algorithms::verify(
            c,
            &info.signature_algorithm,
            digest,
            &message,
            info.signature.as_bytes(),
            allow_legacy,
        ) {
            Ok(legacy) => {
                if let Some(name) = legacy {
                    out.warnings
                        .push(Message::new(codes::CMS_LEGACY_SIGNATURE).with("algorithm", name).into());
                }
                Check::passed(
                    Message::new(codes::CMS_SIGNATURE_VERIFIED)
                        .with("algorithm", algorithms::describe(&info.signature_algorithm, digest)),
                )
            }
            Err(e) => Check::failed(e),
        };
        if let Some(d) = &out.signature.detail {
            if out.signature.is_failed() {
                out.errors.push(d.clone());
            }
        }
        if signer.signed_attrs_der.is_none() && content.is_some() {
            // Without signed attributes only the signature itself proves integrity.
            out.integrity = if out.signature.is_passed() {
                Check::passed(codes::CMS_NO_SIGNED_ATTRS_DIRECT)
            } else {
                Check::failed(codes::CMS_NO_SIGNED_ATTRS_SIGNATURE_FAILS)
            };
        }
        // ESS binding (RFC 5035 §3, RFC 2634 §5.4): v2 preferred, v1 accepted.
        let v2 = attr(&info.signed_attrs, ess::OID_SIGNING_CERTIFICATE_V2);
        let v1 = attr(&info.signed_attrs, ess::OID_SIGNING_CERTIFICATE);
        let (vals, is_v2) = if !v2.is_empty() { (v2, true) } else { (v1, false) };
        out.signing_certificate = match single_value(&vals, "signing-certificate") {
            Ok(None) => {
                out.warnings.push(codes::ESS_ATTRIBUTE_ABSENT.into());
                Check::absent(codes::ESS_ATTRIBUTE_ABSENT)
            }
            Ok(Some(v)) => match ess::check_binding(&v, is_v2, c) {
                Ok(EssBinding::Matches { version, hash }) => Check::passed(
                    Message::new(codes::ESS_BINDING_MATCHES).with("version", version).with("hash", hash),
                ),
                Ok(EssBinding::Mismatch(m)) => {
                    let m = Finding::new(m);
                    out.errors.push(m.clone());
                    Check::failed(m)
                }
                Err(e) => {
                    let m = Finding::new(e.typed_message().clone());
                    out.errors.push(m.clone());
                    Check::failed(m)
                }
            },
            Err(e) => {
                out.errors.push(e.clone());
                Check::failed(e)
            }
        };
    }
    out.cert = cert;
    out
}

/// Content digests per algorithm, the content size, and the content itself when kept.
pub(crate) type ContentDigests = (HashMap<DigestAlgorithm, Vec<u8>>, u64, Option<Vec<u8>>);

/// Digest everything the signers need in one pass over the content.
pub(crate) fn digest_content(
    signers: &[ParsedSigner],
    content: &mut dyn Read,
    keep_content: bool,
) -> Result<ContentDigests> {
    let mut algs: Vec<DigestAlgorithm> = Vec::new();
    for s in signers {
        if let Some(d) = DigestAlgorithm::from_oid(&s.info.digest_alg.oid) {
            if !algs.contains(&d) {
                algs.push(d);
            }
        }
    }
    let io_err = |e: std::io::Error| {
        Error::new(ErrorKind::Io, Message::new(crate::diag::codes::io::IO_FAILED).with("detail", &e))
            .with_source(e)
            .context(codes::CMS_READING_SIGNED_DATA)
    };
    if keep_content {
        let mut data = Vec::new();
        content.read_to_end(&mut data).map_err(io_err)?;
        let map = algs.iter().map(|a| (*a, a.digest(&data))).collect();
        let n = data.len() as u64;
        Ok((map, n, Some(data)))
    } else {
        let (d, n) = digest_reader(content, &algs).map_err(io_err)?;
        Ok((algs.into_iter().zip(d).collect(), n, None))
    }
}
