//! Adapters between the validator and the per-concern engines: certificate policies
//! ([`super::policy`]), name constraints ([`super::name_constraints`]) and revocation
//! ([`crate::revocation`]). The validator talks only to these adapters.

use super::budget::Budget;
use super::name_constraints::NameCheck;
use super::policy::PolicyInput;
use x509_parser::certificate::X509Certificate;

/// An error from an engine: the RFC rule and a message; `fatal` when a budget ran out.
pub(crate) struct EngineError {
    pub rule: String,
    pub message: String,
    pub fatal: bool,
}

/// The policy state of one path (RFC 5280 §6.1.2 (a), (d)-(f) onwards).
pub(crate) struct Policy {
    initial: Vec<String>,
}

impl Policy {
    pub fn new(input: &PolicyInput, _n: usize, _budget: &Budget) -> Self {
        Policy { initial: input.initial_policy_set.clone() }
    }
    pub fn process(
        &mut self,
        _cert: &X509Certificate<'_>,
        _i: usize,
        _self_issued: bool,
    ) -> Result<(), EngineError> {
        Ok(())
    }
    /// The user-constrained policy set.
    pub fn finish(self, _ee: &X509Certificate<'_>) -> Result<Vec<String>, EngineError> {
        if self.initial.is_empty() { Ok(vec![super::ANY_POLICY.to_string()]) } else { Ok(self.initial) }
    }
}

/// The name-constraints state of one path.
#[derive(Clone, Default)]
pub(crate) struct NameConstraints {}

impl NameConstraints {
    pub fn new() -> Self {
        NameConstraints {}
    }
    pub fn check(
        &self,
        _cert: &X509Certificate<'_>,
        _ee: bool,
        _budget: &mut Budget,
    ) -> Result<(), EngineError> {
        Ok(())
    }
    pub fn update(&mut self, cert: &X509Certificate<'_>) -> Result<(), EngineError> {
        if cert.name_constraints().ok().flatten().is_some() {
            return Err(EngineError {
                rule: "RFC 5280 §6.1.4 (g)".into(),
                message: "name constraints are not processed by this build".into(),
                fatal: false,
            });
        }
        Ok(())
    }
}

/// The leaf name check (RFC 6125 for DNS names).
pub(crate) fn check_name(_cert: &X509Certificate<'_>, _name: &NameCheck) -> Result<(), EngineError> {
    Err(EngineError {
        rule: "RFC 6125 §6".into(),
        message: "name checking is not available in this build".into(),
        fatal: false,
    })
}
