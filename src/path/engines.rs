//! Adapters between the validator and the per-concern engines: certificate policies
//! ([`super::policy`]), name constraints ([`super::name_constraints`]). The validator talks only
//! to these adapters, so that engine errors map to [`super::PathError`] in one place.

use super::budget::Budget;
use super::name_constraints::{self, NameCheck, NameConstraintError, NameConstraintsState};
use super::policy::{PolicyError, PolicyInput, PolicyProcessor};
use crate::diag::Message;
use x509_parser::certificate::X509Certificate;

/// An error from an engine: the RFC rule and a message; `fatal` when a budget ran out.
pub(crate) struct EngineError {
    pub rule: &'static str,
    pub message: Message,
    pub fatal: bool,
}

impl From<PolicyError> for EngineError {
    fn from(e: PolicyError) -> Self {
        EngineError { fatal: e.is_budget(), rule: e.rule, message: e.message }
    }
}

impl From<NameConstraintError> for EngineError {
    fn from(e: NameConstraintError) -> Self {
        EngineError { fatal: e.budget_exceeded, rule: e.rule, message: e.message }
    }
}

/// The policy state of one path (RFC 5280 §6.1.2 (a), (d)-(f) onwards).
pub(crate) struct Policy {
    inner: PolicyProcessor,
}

impl Policy {
    pub(super) fn new(input: &PolicyInput, n: usize, budget: &Budget) -> Self {
        Policy { inner: PolicyProcessor::new(input, n, budget.policy_tree_nodes) }
    }
    pub(super) fn process(
        &mut self,
        cert: &X509Certificate<'_>,
        i: usize,
        self_issued: bool,
    ) -> Result<(), EngineError> {
        Ok(self.inner.process(cert, i, self_issued)?)
    }
    /// The user-constrained policy set.
    pub(super) fn finish(self, ee: &X509Certificate<'_>) -> Result<Vec<String>, EngineError> {
        Ok(self.inner.finish(ee)?.user_constrained_policy_set)
    }
}

/// The name-constraints state of one path.
#[derive(Clone, Default)]
pub(crate) struct NameConstraints {
    inner: NameConstraintsState,
}

impl NameConstraints {
    pub(super) fn new() -> Self {
        NameConstraints { inner: NameConstraintsState::new() }
    }
    pub(super) fn check(
        &self,
        cert: &X509Certificate<'_>,
        ee: bool,
        budget: &mut Budget,
    ) -> Result<(), EngineError> {
        Ok(self.inner.check(cert, ee, budget)?)
    }
    /// Add `cert`'s constraints; `require_critical`: refuse a non-critical extension (else it
    /// is applied all the same, its criticality being the profile's concern).
    pub(super) fn update(
        &mut self,
        cert: &X509Certificate<'_>,
        require_critical: bool,
    ) -> Result<(), EngineError> {
        Ok(self.inner.update_with(cert, require_critical)?)
    }
}

/// The leaf name check (RFC 6125 for DNS names).
pub(crate) fn check_name(cert: &X509Certificate<'_>, name: &NameCheck) -> Result<(), EngineError> {
    Ok(name_constraints::check_name(cert, name)?)
}
