//! RFC 5280 §6.1 basic path validation of one complete candidate path.
//!
//! The trust anchor provides its subject name and public key (§6.1.1 (d)), and a self-signed
//! anchor is not part of the path; its own certificate is checked by `profile::check_anchor`
//! (unless `check_anchor_profile` is off). Certificates are processed from the one issued by
//! the anchor (i = 1) down to the end entity (i = n).

// PathError is large but only built on failure; boxing would cost on every error path.
#![allow(clippy::result_large_err)]

use super::build::Ctx;
use super::engines::{self, NameConstraints, Policy};
use super::report::{Check, PathError};
use crate::certificate::Certificate;
use crate::crypto::verify::{self as signature, SigResult};
use crate::diag::{Finding, Hint, Message, codes::path as codes};
use crate::trust::Anchor;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::ParsedExtension;

/// What a valid path yields.
pub(crate) struct PathOutcome {
    pub user_constrained_policy_set: Vec<String>,
    pub warnings: Vec<Finding>,
}

/// anyExtendedKeyUsage (RFC 5280 §4.2.1.12).
const ANY_EKU: &str = "2.5.29.37.0";

impl<'a> Ctx<'a> {
    /// Validate `chain` (end-entity first, as built) under `anchor`, per RFC 5280 §6.1.
    pub(crate) fn check_path(
        &mut self,
        chain: &[&'a Certificate],
        anchor: &'a Anchor,
    ) -> Result<PathOutcome, PathError> {
        let n = chain.len();
        let opts = self.opts;
        let time = opts.time.unix_timestamp();
        let mut warnings = Vec::new();
        // The usages the end entity must allow: the caller's and the profile's.
        let required_eku = union(&opts.required_eku, &opts.profile.required_eku);
        let required_key_usage = union(&opts.required_key_usage, &opts.profile.required_key_usage);

        // §6.1.2 initialisation.
        let mut policy = Policy::new(&opts.policy, n, &self.budget);
        let mut nc = NameConstraints::new();
        let ax = anchor.cert.x509();
        // The anchor's own profile (src/path/profile.rs).
        warnings.extend(super::profile::check_anchor(&anchor.cert, opts).map_err(|e| {
            let hint = e.hint().unwrap_or(Hint::AnchorNameAndKeyOnly);
            PathError::new(n, Check::Anchor, e.message)
                .with_rule(e.section)
                .with_subject(anchor.cert.subject_string())
                .with_hint(hint)
        })?);
        // A non-critical nameConstraints is applied all the same unless the profile enforces
        // its criticality (RFC 5280 §4.2.1.10, a rule of the issuing CA: src/path/profile.rs).
        let nc_critical = opts.profile.name_constraints_critical == super::profile::RuleAction::Enforce;
        // RFC 5937 §3: the anchor's name constraints, when asked for (the default).
        if opts.anchor_name_constraints && ax.name_constraints().ok().flatten().is_some() {
            nc.update(ax, nc_critical).map_err(|e| {
                engine_error(n, Check::NameConstraints, e).with_subject(anchor.cert.subject_string())
            })?;
        }
        let mut working_spki = ax.public_key();
        let mut working_dsa_params: Option<Vec<u8>> = signature::dsa_parameters(working_spki);
        let mut max_path_length = n;
        let mut issuer_cert: &Certificate = &anchor.cert;

        for i in 1..=n {
            let cert = chain[n - i];
            let x = cert.x509();
            let index = n - i; // 0 = end entity
            let is_ee = i == n;
            let err = |check: Check, msg: Message| {
                PathError::new(index, check, msg).with_subject(cert.subject_string())
            };
            let self_issued = cert.is_self_issued();

            // §4.1.1.2: signatureAlgorithm must equal tbsCertificate.signature.
            if x.signature_algorithm != x.tbs_certificate.signature {
                return Err(err(Check::Signature, codes::SIGNATURE_ALGORITHM_MISMATCH.into()));
            }
            // §6.1.3 (a)(1): signature by the working public key.
            let inherited = if signature::is_dsa_without_parameters(working_spki) {
                working_dsa_params.as_deref()
            } else {
                None
            };
            let sig = self
                .verify_sig(cert, issuer_cert, inherited)
                .map_err(|e| PathError::new(index, Check::Budget, super::build::budget_message(e)))?;
            match sig {
                SigResult::Valid { legacy: Some(alg) } => warnings.push(
                    Message::new(codes::LEGACY_SIGNATURE)
                        .with("subject", cert.subject_string())
                        .with("algorithm", alg)
                        .into(),
                ),
                SigResult::Valid { legacy: None } => {}
                SigResult::NeedsInheritedParameters => {
                    return Err(err(Check::Signature, codes::DSA_NO_INHERITED_PARAMETERS.into()));
                }
                SigResult::Invalid(m) | SigResult::Unsupported(m) => {
                    return Err(super::build::signature_error(index, m).with_subject(cert.subject_string()));
                }
            }
            // §6.1.3 (a)(2): validity.
            let v = x.validity();
            if time < v.not_before.timestamp() {
                return Err(err(
                    Check::Validity,
                    Message::new(codes::NOT_YET_VALID).with("not_before", v.not_before),
                )
                .with_hint(Hint::CheckTime));
            }
            if time > v.not_after.timestamp() {
                return Err(err(
                    Check::Validity,
                    Message::new(codes::EXPIRED).with("not_after", v.not_after),
                )
                .with_hint(Hint::TimeWithinValidity));
            }
            // §6.1.3 (a)(4): name chaining (the working issuer name is the subject of
            // `issuer_cert`, the anchor or the previous certificate).
            if cert.issuer_key() != issuer_cert.subject_key() {
                return Err(err(Check::NameChaining, codes::NAME_CHAINING.into()));
            }
            // Malformed or duplicate extensions (x509-parser reports them per extension).
            for ext in x.extensions() {
                if let ParsedExtension::ParseError { error } = ext.parsed_extension() {
                    return Err(err(
                        Check::Extension,
                        Message::new(codes::MALFORMED_EXTENSION)
                            .with("oid", ext.oid.to_id_string())
                            .with("detail", error),
                    ));
                }
            }
            // The validation profile (src/path/profile.rs): the RFC 5280 §4 rules binding the
            // issuing CA (errors or warnings), the CA/B rules; then the key.
            super::profile::check_path_certificate(cert, is_ee, self_issued, opts, &mut warnings).map_err(
                |e| {
                    let hint = e.hint();
                    PathError { hint, ..err(Check::Profile, e.message).with_rule(e.section) }
                },
            )?;
            match cert.check_public_key(opts.allow_legacy) {
                Ok(Some(legacy)) => warnings.push(
                    Message::new(codes::LEGACY_KEY)
                        .with("subject", cert.subject_string())
                        .with("algorithm", legacy)
                        .into(),
                ),
                Ok(None) => {}
                Err(m) => {
                    let legacy = [
                        crate::diag::codes::crypto::RSA_KEY_LEGACY_REFUSED,
                        crate::diag::codes::crypto::DSA_KEY_LEGACY_REFUSED,
                    ]
                    .contains(&m.code);
                    let e = err(Check::PublicKey, m).with_rule("RFC 5280 §4.1.2.7");
                    return Err(if legacy { e.with_hint(Hint::AllowLegacy) } else { e });
                }
            }
            // §6.1.3 (a)(3): revocation status.
            self.check_revocation(cert, issuer_cert, anchor, index, &mut warnings)?;
            // §6.1.3 (b), (c): name constraints (skipped for self-issued intermediates).
            if is_ee || !self_issued {
                nc.check(x, is_ee, &mut self.budget).map_err(|e| {
                    engine_error(index, Check::NameConstraints, e).with_subject(cert.subject_string())
                })?;
            }
            // §6.1.3 (d)-(f) and §6.1.4 (a), (b), (h), (i), (j).
            policy
                .process(x, i, self_issued)
                .map_err(|e| engine_error(index, Check::Policy, e).with_subject(cert.subject_string()))?;

            if !is_ee {
                // §6.1.4 (k): v3 with basicConstraints cA = TRUE.
                let bc = match x.basic_constraints() {
                    Ok(Some(bc)) if bc.value.ca => bc.value.clone(),
                    _ => {
                        return Err(err(Check::BasicConstraints, codes::NOT_CA.into()));
                    }
                };
                // §6.1.4 (l): path length, self-issued certificates excepted.
                if !self_issued {
                    if max_path_length == 0 {
                        return Err(err(Check::PathLength, codes::PATH_LENGTH.into()));
                    }
                    max_path_length -= 1;
                }
                // §6.1.4 (m).
                if let Some(pl) = bc.path_len_constraint {
                    max_path_length = max_path_length.min(pl as usize);
                }
                // §6.1.4 (n): keyCertSign.
                match x.key_usage() {
                    Ok(Some(ku)) if !ku.value.key_cert_sign() => {
                        return Err(err(Check::KeyUsage, codes::NO_KEY_CERT_SIGN.into()));
                    }
                    Err(e) => {
                        return Err(err(
                            Check::KeyUsage,
                            Message::new(codes::MALFORMED_KEY_USAGE).with("detail", e),
                        ));
                    }
                    _ => {}
                }
                // §6.1.4 (g): name constraints.
                nc.update(x, nc_critical).map_err(|e| {
                    engine_error(index, Check::NameConstraints, e).with_subject(cert.subject_string())
                })?;
                // §6.1.4 (o): unknown critical extensions.
                super::profile::check_critical(x).map_err(|m| err(Check::CriticalExtension, m))?;
                // The required EKUs must also be allowed by CA certificates that restrict theirs
                // (as webpki, Chrome and OpenSSL do).
                check_eku(x, &required_eku).map_err(|m| err(Check::Eku, m))?;
                // §6.1.4 (c)-(f): working name and key.
                let spki = x.public_key();
                if let Some(p) = signature::dsa_parameters(spki) {
                    working_dsa_params = Some(p);
                } else if !signature::is_dsa_without_parameters(spki) {
                    working_dsa_params = None;
                }
                working_spki = spki;
                issuer_cert = cert;
            } else {
                // §6.1.5 (f).
                super::profile::check_critical(x)
                    .map_err(|m| err(Check::CriticalExtension, m).with_rule("RFC 5280 §6.1.5 (f)"))?;
                check_eku(x, &required_eku).map_err(|m| err(Check::Eku, m))?;
                if !required_key_usage.is_empty() {
                    match x.key_usage() {
                        Ok(Some(ku)) => {
                            for bit in required_key_usage.iter() {
                                if !has_key_usage(ku.value.flags, *bit) {
                                    return Err(err(
                                        Check::KeyUsage,
                                        Message::new(codes::KEY_USAGE_LACKS).with("usage", bit.name()),
                                    ));
                                }
                            }
                        }
                        Ok(None) => {}
                        Err(e) => {
                            return Err(err(
                                Check::KeyUsage,
                                Message::new(codes::MALFORMED_KEY_USAGE).with("detail", e),
                            ));
                        }
                    }
                }
                if let Some(name) = &opts.name_check {
                    engines::check_name(x, name).map_err(|e| {
                        engine_error(index, Check::Name, e).with_subject(cert.subject_string())
                    })?;
                }
            }
        }
        // §6.1.5 (g): the user-constrained policy set.
        let ee = chain[0].x509();
        let user_constrained_policy_set = policy
            .finish(ee)
            .map_err(|e| engine_error(0, Check::Policy, e).with_subject(chain[0].subject_string()))?;
        Ok(PathOutcome { user_constrained_policy_set, warnings })
    }
}

/// `a` and the members of `b` it lacks (borrowed when `b` adds nothing).
fn union<'v, T: Clone + PartialEq>(a: &'v [T], b: &[T]) -> std::borrow::Cow<'v, [T]> {
    if b.iter().all(|x| a.contains(x)) {
        return std::borrow::Cow::Borrowed(a);
    }
    let mut v = a.to_vec();
    for x in b {
        if !v.contains(x) {
            v.push(x.clone());
        }
    }
    std::borrow::Cow::Owned(v)
}

/// True when the EKU extension (if any) allows every OID in `required` (RFC 5280 §4.2.1.12:
/// no extension = any purpose; anyExtendedKeyUsage satisfies any).
fn check_eku(x: &X509Certificate<'_>, required: &[String]) -> Result<(), Message> {
    if required.is_empty() {
        return Ok(());
    }
    let eku = match x.extended_key_usage() {
        Ok(Some(e)) => e.value,
        Ok(None) => return Ok(()),
        Err(e) => return Err(Message::new(codes::MALFORMED_EKU).with("detail", e)),
    };
    if eku.any {
        return Ok(());
    }
    for oid in required {
        let ok = match oid.as_str() {
            "1.3.6.1.5.5.7.3.1" => eku.server_auth,
            "1.3.6.1.5.5.7.3.2" => eku.client_auth,
            "1.3.6.1.5.5.7.3.3" => eku.code_signing,
            "1.3.6.1.5.5.7.3.4" => eku.email_protection,
            "1.3.6.1.5.5.7.3.8" => eku.time_stamping,
            "1.3.6.1.5.5.7.3.9" => eku.ocsp_signing,
            ANY_EKU => true,
            other => eku.other.iter().any(|o| o.to_id_string() == other),
        };
        if !ok {
            let name =
                super::EKU_NAMES.iter().find(|(_, o)| o == oid).map(|(n, _)| *n).unwrap_or(oid.as_str());
            return Err(Message::new(codes::EKU_NOT_ALLOWED).with("usage", name));
        }
    }
    Ok(())
}

fn has_key_usage(flags: u16, bit: super::KeyUsageBit) -> bool {
    flags & (1 << bit.bit()) != 0
}

/// A [`PathError`] from an engine (policies, name constraints, name checks): a budget that ran
/// out is fatal.
fn engine_error(index: usize, check: Check, e: engines::EngineError) -> PathError {
    let check = if e.fatal { Check::Budget } else { check };
    PathError::new(index, check, e.message).with_rule(e.rule)
}
