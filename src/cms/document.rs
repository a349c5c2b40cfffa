//! CMS verification in the format-independent report model: [`verify_document`] and
//! [`verdict`] produce a [`DocumentVerdict`] (`kyso.verdict/1`).

use crate::cms::core::VerifyOptions;
use crate::cms::report::{SignerReport, TimestampReport, VerificationReport};
use crate::cms::verify::verify;
use crate::error::Result;
use crate::verdict::{
    Coverage, DocumentInfo, DocumentVerdict, Format, Integrity, NamedCheck, SignatureVerdict, SigningTime,
    Status, TimestampVerdict, paths_of, revocation_evidence,
};
use std::io::Read;
use time::OffsetDateTime;

/// Verify a CMS SignedData signature ([`verify`]) and describe it as a [`DocumentVerdict`].
/// The arguments and errors are [`verify`]'s.
pub fn verify_document(
    signature: &[u8],
    detached: Option<&mut dyn Read>,
    opts: &VerifyOptions,
) -> Result<DocumentVerdict> {
    Ok(verdict(&verify(signature, detached, opts)?, opts))
}

/// The [`DocumentVerdict`] of a CMS verification `report` made with `opts` (the CRLs and the
/// revocation mode given there are named as revocation evidence).
pub fn verdict(report: &VerificationReport, opts: &VerifyOptions) -> DocumentVerdict {
    let document = DocumentInfo {
        name: None,
        size: report.content_size,
        sha256: None,
        content_type: Some(report.content_type.clone()),
        attached: Some(report.attached),
    };
    let signatures = report.signers.iter().map(|s| signature_verdict(s, report.content_size, opts)).collect();
    DocumentVerdict::new(
        Format::Cms,
        document,
        report.verification_time.clone(),
        signatures,
        report.warnings.clone(),
    )
}

/// TOTAL-FAILED when the signature itself is wrong (integrity, value, signing-certificate
/// binding, a key not for signing) or a certificate is revoked; INDETERMINATE otherwise (no
/// path, unknown status, expired or not yet valid, signer certificate not found, a timestamp
/// that does not verify).
fn signer_status(s: &SignerReport) -> Status {
    if s.valid {
        return Status::Valid;
    }
    let broken = s.integrity.is_failed()
        || s.signature.is_failed()
        || s.signing_certificate.is_failed()
        || s.key_usage.is_failed();
    let revoked = s.path.as_ref().and_then(|p| p.error.as_ref()).is_some_and(|e| e.is_revoked());
    if broken || revoked { Status::Invalid } else { Status::Indeterminate }
}

pub(crate) fn timestamp_verdict(t: &TimestampReport) -> TimestampVerdict {
    let status = if t.valid {
        Status::Valid
    } else if t.imprint.is_failed() || t.signature.is_failed() {
        Status::Invalid
    } else {
        Status::Indeterminate
    };
    TimestampVerdict {
        kind: "signature-timestamp",
        status,
        gen_time: t.gen_time.clone(),
        tsa: t.tsa.clone(),
        policy: t.policy.clone(),
        serial: t.serial.clone(),
        imprint_algorithm: t.imprint_algorithm.clone(),
        checks: vec![
            NamedCheck::new("message-imprint", t.imprint.clone()),
            NamedCheck::new("signature", t.signature.clone()),
            NamedCheck::new("tsa-certificate", t.tsa_certificate.clone()),
        ],
        paths: paths_of(t.path.as_ref()),
        findings: t.errors.iter().chain(&t.warnings).cloned().collect(),
    }
}

fn signature_verdict(s: &SignerReport, content_size: Option<u64>, opts: &VerifyOptions) -> SignatureVerdict {
    let status = signer_status(s);
    let proven =
        if s.signing_time_proven { s.timestamp.as_ref().and_then(|t| t.gen_time.clone()) } else { None };
    let at =
        OffsetDateTime::from_unix_timestamp(s.validation_time.unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    SignatureVerdict {
        index: s.index,
        id: format!("signer-info-{}", s.index),
        role: None,
        status,
        indication: status.indication(),
        level: s.level.clone(),
        signer: s.identity.clone(),
        signing_time: SigningTime {
            claimed: s.claimed_signing_time.clone(),
            proven_by_timestamp: proven,
            used_for_validation: s.validation_time.clone(),
            source: s.validation_time_source.clone(),
        },
        integrity: Integrity {
            status: s.integrity.status,
            digest_algorithm: s.digest_algorithm.clone(),
            covers: Coverage::Content { length: content_size },
            detail: s.integrity.detail.clone(),
        },
        signature_algorithm: s.signature_algorithm.clone(),
        legacy: s
            .warnings
            .iter()
            .chain(s.timestamp.iter().flat_map(|t| &t.warnings))
            .any(|f| crate::verdict::is_legacy_finding(f.code())),
        checks: vec![
            NamedCheck::new("signer-identification", s.signer_identification.clone()),
            NamedCheck::new("signature-value", s.signature.clone()),
            NamedCheck::new("signing-certificate", s.signing_certificate.clone()),
            NamedCheck::new("key-usage", s.key_usage.clone()),
            NamedCheck::new("certificate-validity", s.certificate_validity.clone()),
        ],
        paths: paths_of(s.path.as_ref()),
        revocation: s
            .path
            .as_ref()
            .map(|p| revocation_evidence(p, &opts.crls, opts.revocation, at))
            .unwrap_or_default(),
        timestamps: s.timestamp.iter().map(timestamp_verdict).collect(),
        findings: s.errors.iter().chain(&s.warnings).cloned().collect(),
    }
}
