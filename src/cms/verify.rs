//! Verifying CMS SignedData signatures (RFC 5652 §5.6) with CAdES checks and path validation at
//! the signing time.
//!
//! What [`verify`] does NOT check: content-hint or other CAdES attributes besides content-type,
//! message-digest, signing-time, signing-certificate(-v2) and signature-time-stamp; counter
//! signatures; signature policies (EPES); long-term data (CAdES-C/X/A: embedded revocation
//! values are not used: revocation comes only from the CRLs and revocation sources of the
//! [`VerifyOptions`]); attribute certificates;
//! BER-encoded input. The signing-time attribute is never trusted: without a valid timestamp
//! the certificate is validated at the verification time and the claimed time is reported as
//! unproven.

use crate::certificate::Certificate;
use crate::cms::algorithms;
pub use crate::cms::core::VerifyOptions;
use crate::cms::core::{attr, digest_content, path_findings, verify_core};
use crate::cms::oids::*;
use crate::cms::parse::{ParsedSigner, parse};
use crate::cms::report::*;
use crate::cms::tsp;
use crate::crypto::digest::DigestAlgorithm;
use crate::diag::codes::cms as codes;
use crate::diag::{Hint, Message};
use crate::error::{Error, Result};
use crate::path::ValidationReport;
use der::Encode;
use der::asn1::ObjectIdentifier;
use std::collections::HashMap;
use std::io::{BufRead, Read};
use time::OffsetDateTime;

fn key_usage_check(cert: &Certificate) -> Check {
    match cert.x509().key_usage() {
        Ok(Some(ku)) if ku.value.digital_signature() || ku.value.non_repudiation() => {
            Check::passed(codes::CMS_KEY_USAGE_OK)
        }
        Ok(Some(_)) => Check::failed(codes::CMS_KEY_USAGE_NOT_SIGNING),
        Ok(None) => Check::absent(codes::CMS_KEY_USAGE_ABSENT),
        Err(e) => Check::failed(
            Message::new(codes::CMS_KEY_USAGE_MALFORMED)
                .with_message("detail", crate::ber::x509_error_message(&x509_parser::nom::Err::Error(e))),
        ),
    }
}

fn validity_check(cert: &Certificate, t: OffsetDateTime) -> Check {
    let v = cert.x509().validity();
    let ts = t.unix_timestamp();
    if ts < v.not_before.timestamp() {
        Check::failed(Message::new(codes::CMS_SIGNER_NOT_YET_VALID).with("not_before", v.not_before))
    } else if ts > v.not_after.timestamp() {
        Check::failed(Message::new(codes::CMS_SIGNER_EXPIRED).with("not_after", v.not_after))
    } else {
        Check::passed(
            Message::new(codes::CMS_SIGNER_VALIDITY_OK)
                .with("not_before", v.not_before)
                .with("not_after", v.not_after),
        )
    }
}

/// Verify a CMS SignedData signature.
///
/// `signature` is the `.p7s` (PEM or DER); `detached` is the signed data for a detached
/// signature (when given for an attached one, it replaces the embedded content). Every
/// SignerInfo is verified: signer identification, content digest, signature value, the
/// signing-certificate(-v2) binding, keyUsage, the signature timestamp (RFC 3161, over the
/// signature value) when present, then the signer's certification path at the signing time:
/// the timestamp's genTime when a valid timestamp is present, otherwise the verification time.
///
/// Returns `Err` for unusable input (not CMS, truncated, detached without data); an invalid
/// signature is an `Ok` report with `valid == false`. See the module documentation for what is
/// NOT checked.
pub fn verify(
    signature: &[u8],
    detached: Option<&mut dyn Read>,
    opts: &VerifyOptions,
) -> Result<VerificationReport> {
    let parsed = parse(signature)?;
    let now = opts.at.unwrap_or_else(OffsetDateTime::now_utc);
    let attached = parsed.embedded_content().is_some();
    let need_content = parsed.signers.iter().any(|s| s.signed_attrs_der.is_none());
    let mut warnings = Vec::new();
    let (digests, size, whole) = match detached {
        Some(r) => {
            if attached {
                warnings.push(codes::CMS_CONTENT_REPLACED.into());
            }
            digest_content(&parsed.signers, r, need_content)?
        }
        None => match parsed.embedded_content() {
            Some(c) => digest_content(&parsed.signers, &mut &c[..], need_content)?,
            None => {
                return Err(Error::usage(codes::CMS_DETACHED_NEEDS_DATA).with_hint(Hint::GiveDataFile));
            }
        },
    };
    Ok(verify_parsed(&parsed, &digests, size, whole.as_deref(), attached, warnings, now, opts))
}

/// The report of `parsed` given its content's digests.
#[allow(clippy::too_many_arguments)]
fn verify_parsed(
    parsed: &crate::cms::parse::ParsedSignedData,
    digests: &HashMap<DigestAlgorithm, Vec<u8>>,
    size: u64,
    whole: Option<&[u8]>,
    attached: bool,
    warnings: Vec<crate::diag::Finding>,
    now: OffsetDateTime,
    opts: &VerifyOptions,
) -> VerificationReport {
    let econtent_type = parsed.content_type();
    let mut candidates = parsed.certificates.clone();
    candidates.extend(opts.untrusted.iter().cloned());
    let mut signers = Vec::new();
    for (index, s) in parsed.signers.iter().enumerate() {
        signers.push(verify_signer(index, s, &candidates, econtent_type, digests, whole, now, opts));
    }
    VerificationReport {
        valid: !signers.is_empty() && signers.iter().all(|s| s.valid),
        attached,
        content_type: econtent_type.to_string(),
        content_size: Some(size),
        verification_time: TimeReport::of(now),
        signers,
        warnings,
    }
}

/// Verify an attached signature read from `r` (DER or BER; wrap PEM in
/// [`crate::io::PemReader`]) in constant memory whatever the size of its content: the eContent (a primitive OCTET STRING, or a constructed one of primitive
/// segments, definite or indefinite lengths) is hashed while it is read, with the algorithms of
/// the SignedData's digestAlgorithms, and never kept; the rest (certificates, SignerInfos) is
/// read into memory and checked as [`verify`] does. A SignerInfo without signed attributes
/// (which signs the content itself) cannot be checked this way and fails; [`verify`] handles it.
pub fn verify_attached_stream(r: &mut dyn BufRead, opts: &VerifyOptions) -> Result<VerificationReport> {
    let now = opts.at.unwrap_or_else(OffsetDateTime::now_utc);
    let mut s = crate::cms::parse::StreamedContent::read(r)?;
    let parsed = parse(&s.detached)?;
    let digests = std::mem::take(&mut s.digests);
    Ok(verify_parsed(&parsed, &digests, s.size, None, true, Vec::new(), now, opts))
}

#[allow(clippy::too_many_arguments)]
fn verify_signer(
    index: usize,
    s: &ParsedSigner,
    candidates: &[Certificate],
    econtent_type: ObjectIdentifier,
    digests: &HashMap<DigestAlgorithm, Vec<u8>>,
    whole: Option<&[u8]>,
    now: OffsetDateTime,
    opts: &VerifyOptions,
) -> SignerReport {
    let core = verify_core(s, candidates, econtent_type, digests, whole, opts.allow_legacy());
    let mut errors = core.errors.clone();
    let mut warnings = core.warnings.clone();
    let digest_name =
        core.digest.map(|d| d.name().to_string()).unwrap_or_else(|| s.info.digest_alg.oid.to_string());
    let signature_algorithm =
        core.digest.map(|d| algorithms::describe(&s.info.signature_algorithm, d)).unwrap_or_default();

    // Signature timestamp (RFC 3161 appendix A): over the SignerInfo signature value.
    let ts_attrs = attr(&s.info.unsigned_attrs, OID_TIME_STAMP_TOKEN);
    let mut timestamp = None;
    let mut proven_time = None;
    if let Some(a) = ts_attrs.first() {
        if ts_attrs.len() > 1 || a.values.len() > 1 {
            warnings.push(codes::CMS_MULTIPLE_TIMESTAMPS.into());
        }
        let token = a.values.iter().next().and_then(|v| v.to_der().ok()).unwrap_or_default();
        let report = tsp::verify_token_over(&token, s.info.signature.as_bytes(), None, opts);
        if report.valid {
            proven_time =
                report.gen_time.as_ref().and_then(|g| OffsetDateTime::from_unix_timestamp(g.unix).ok());
        } else {
            // The timestamp's own findings are in its report.
            errors.push(codes::CMS_TIMESTAMP_INVALID.into());
        }
        timestamp = Some(report);
    }
    let (validation_time, source) = match proven_time {
        Some(t) => (t, "timestamp"),
        None => (now, "verification-time"),
    };
    if let (Some(claimed), Some(proven)) = (core.claimed_time, proven_time) {
        if claimed > proven + time::Duration::minutes(5) {
            warnings.push(codes::CMS_CLAIMED_TIME_AFTER_TIMESTAMP.into());
        }
    }
    if core.claimed_time.is_some() && proven_time.is_none() {
        warnings.push(codes::CMS_SIGNING_TIME_UNPROVEN.into());
    }

    let mut key_usage = Check::not_checked();
    let mut certificate_validity = Check::not_checked();
    let mut path: Option<ValidationReport> = None;
    if let Some(cert) = &core.cert {
        key_usage = key_usage_check(cert);
        if key_usage.is_failed() {
            errors.extend(key_usage.detail.clone());
        }
        certificate_validity = validity_check(cert, validation_time);
        if certificate_validity.is_failed() {
            errors.extend(certificate_validity.detail.clone());
        }
        let report = opts.validate_path(cert, candidates, validation_time, None);
        let (error, path_warnings) = path_findings(&report);
        errors.extend(error);
        warnings.extend(path_warnings);
        path = Some(report);
    }
    let has_cades = core.signing_certificate.is_passed();
    let level = match (has_cades, timestamp.as_ref().map(|t| t.valid)) {
        (true, Some(true)) => "CAdES-T (B-T)",
        (true, _) => "CAdES-BES (B-B)",
        (false, _) => "CMS",
    };
    SignerReport {
        index,
        valid: errors.is_empty(),
        identity: core.cert.as_ref().map(Identity::of),
        digest_algorithm: digest_name,
        signature_algorithm,
        level: level.to_string(),
        signer_identification: core.identification,
        integrity: core.integrity,
        signature: core.signature,
        signing_certificate: core.signing_certificate,
        key_usage,
        claimed_signing_time: core.claimed_time.map(TimeReport::of),
        signing_time_proven: proven_time.is_some(),
        validation_time: TimeReport::of(validation_time),
        validation_time_source: source.to_string(),
        certificate_validity,
        timestamp,
        path,
        errors,
        warnings,
    }
}
