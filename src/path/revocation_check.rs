//! Revocation status of each certificate of a path (RFC 5280 §6.1.3 (a)(3), §6.3), through the
//! [`crate::revocation`] engine, in the mode of [`crate::revocation::RevocationMode`], and the
//! CRL-signer resolver the engine asks for signers other than the certificate's issuer.

// PathError is large but only built on failure; boxing would cost on every error path.
#![allow(clippy::result_large_err)]

use super::build::{Ctx, same_subject_and_key};
use super::report::{Check, PathError};
use super::{PolicyInput, ValidationOptions};
use crate::certificate::Certificate;
use crate::diag::codes::sources as source_codes;
use crate::diag::{Finding, Hint, Message, codes::path as codes};
use crate::name::der_names_equal;
use crate::revocation::{self, CrlSignerResolver, RevocationMode, RevocationSource, RevocationStatus};
use crate::trust::{Anchor, TrustStore};

/// How deep CRL-signer validations may nest (a CRL signer whose certificate is itself checked
/// against a CRL signed by another signer, ...). PKITS needs 2; more is a loop or an attack.
pub(crate) const MAX_CRL_DEPTH: usize = 3;

/// Finds CRL signers for the revocation engine: certificates of the pool (or the anchor) whose
/// subject is the CRL issuer and whose own path validates to the SAME trust anchor (RFC 5280
/// §6.3.3 (f)), revocation included, with bounded recursion.
struct Resolver<'r, 'a> {
    pool: &'r [&'a Certificate],
    sources: &'a [&'a dyn RevocationSource],
    anchor: &'a Anchor,
    opts: &'a ValidationOptions,
    verifier: Option<&'a crate::crypto::Verifier>,
    /// Certificates whose status is being established by an outer level (cycle breaker).
    stack: &'r [[u8; 32]],
    /// How many CRL-signer validations enclose this one.
    depth: usize,
}

impl CrlSignerResolver for Resolver<'_, '_> {
    fn validated_signers(&self, crl_issuer_der: &[u8]) -> Vec<Certificate> {
        let mut out = Vec::new();
        // The anchor itself signs CRLs under its own name.
        let ax = self.anchor.cert.x509();
        if der_names_equal(ax.subject().as_raw(), crl_issuer_der) {
            out.push(self.anchor.cert.clone());
        }
        let mut store = TrustStore::new();
        store.add(self.anchor.cert.clone(), self.anchor.label.clone(), self.anchor.domain.clone());
        for cand in self.pool.iter().copied() {
            let x = cand.x509();
            if !der_names_equal(x.subject().as_raw(), crl_issuer_der)
                || same_subject_and_key(cand, &self.anchor.cert)
            {
                continue;
            }
            // A signer whose own status is being checked right now (its signature chain is
            // already established by the outer level): return it, the engine decides.
            if self.stack.contains(&cand.sha256()) {
                out.push(cand.clone());
                continue;
            }
            if self.depth >= MAX_CRL_DEPTH {
                continue;
            }
            let opts = ValidationOptions {
                policy: PolicyInput::default(),
                required_eku: Vec::new(),
                required_key_usage: Vec::new(),
                name_check: None,
                max_paths: 1,
                // A CRL signer is no TLS server: the end entity's usages and the TLS server
                // rules of the profile do not apply; its issuer-side rules do.
                profile: self.opts.profile.for_other_purpose(),
                ..self.opts.clone()
            };
            let pool: Vec<Certificate> = self.pool.iter().map(|c| (*c).clone()).collect();
            let mut ctx = Ctx::new(&pool, self.sources, &store, &opts, None, self.verifier);
            ctx.crl_stack = self.stack.to_vec();
            ctx.crl_depth = self.depth + 1;
            let report = super::run(&mut ctx, cand);
            if report.valid {
                out.push(cand.clone());
            }
        }
        out
    }
}

impl<'a> Ctx<'a> {
    /// Check `cert` (issued by `issuer`) under `anchor`: a revoked certificate is an error; an
    /// unknown status is a warning in `soft` mode and an error in `require` mode.
    pub(crate) fn check_revocation(
        &mut self,
        cert: &'a Certificate,
        issuer: &'a Certificate,
        anchor: &'a Anchor,
        index: usize,
        warnings: &mut Vec<Finding>,
    ) -> Result<(), PathError> {
        if self.opts.revocation == RevocationMode::Off {
            return Ok(());
        }
        // The status depends on the anchor too: CRL signers must chain to it (§6.3.3 (f)).
        let key = (cert.sha256(), issuer.sha256(), anchor.cert.sha256());
        let status = match self.revocation_cache.get(&key) {
            Some(s) => s.clone(),
            None => {
                // The sources, in order (network ones one at a time, only while the status is
                // not established); each query spends the source-query budget, each network
                // query the network allowance too.
                let sources = self.revocation_sources;
                let mut stack = self.crl_stack.clone();
                stack.push(cert.sha256());
                let resolver = Resolver {
                    pool: &self.pool,
                    sources,
                    anchor,
                    opts: self.opts,
                    verifier: self.verifier,
                    stack: &stack,
                    depth: self.crl_depth,
                };
                let budget = &mut self.budget;
                let mut network_spent = false;
                let checked = revocation::check_from_sources_metered(
                    cert,
                    issuer,
                    sources,
                    self.opts.time,
                    self.opts.allow_legacy,
                    &resolver,
                    |s| {
                        if s.metered() {
                            budget.consume_source_query()?;
                        }
                        if s.is_network() && !budget.take_network_query() {
                            network_spent = true;
                            return Ok(false);
                        }
                        Ok(true)
                    },
                )
                .map_err(|e| PathError::new(index, Check::Budget, super::build::budget_message(e)))?;
                let mut findings = checked.findings;
                if network_spent {
                    findings.push(
                        Message::new(source_codes::NETWORK_QUERIES_SPENT)
                            .with("subject", cert.subject_string())
                            .with("limit", self.budget.network_query_limit())
                            .into(),
                    );
                }
                // OCSP answers that could not be used are worth a warning even when another
                // source established the status (a bad responder signature, a replayed nonce).
                if !matches!(checked.check.status, RevocationStatus::Unknown { .. }) {
                    for n in &checked.check.notes {
                        if n.code.id().starts_with("ocsp-") {
                            findings.push(Finding::new(n.clone()));
                        }
                    }
                }
                for f in findings {
                    if !warnings.contains(&f) {
                        warnings.push(f);
                    }
                }
                let s = checked.check.status;
                self.revocation_cache.insert(key, s.clone());
                s
            }
        };
        match status {
            RevocationStatus::Good => Ok(()),
            RevocationStatus::Revoked { reason, date, crl_issuer, ocsp_responder } => {
                let code = match (&reason, &ocsp_responder) {
                    (Some(_), None) => codes::REVOKED,
                    (None, None) => codes::REVOKED_NO_REASON,
                    (Some(_), Some(_)) => codes::REVOKED_OCSP,
                    (None, Some(_)) => codes::REVOKED_OCSP_NO_REASON,
                };
                let mut m = Message::new(code);
                if let Some(r) = reason {
                    m = m.with("reason", r);
                }
                m = m.with("date", crate::vn::time_text(date));
                m = match ocsp_responder {
                    Some(o) => m.with("responder", o),
                    None => m.with("crl_issuer", crl_issuer),
                };
                Err(PathError::new(index, Check::Revocation, m).with_subject(cert.subject_string()))
            }
            RevocationStatus::Unknown { reason, notes } => match self.opts.revocation {
                RevocationMode::Require => Err(PathError::new(index, Check::Revocation, reason)
                    .with_rule("RFC 5280 §6.3.3")
                    .with_details(notes)
                    .with_subject(cert.subject_string())
                    .with_hint(Hint::SupplyCrl)),
                _ => {
                    warnings.push(Finding::new(reason).with_hint(Hint::SupplyCrl));
                    for n in notes {
                        warnings.push(Finding::new(n));
                    }
                    Ok(())
                }
            },
        }
    }
}
