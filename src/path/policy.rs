//! Certificate policy processing: the valid_policy_tree of RFC 5280 §6.1 (policy mappings,
//! requireExplicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy).
//!
//! INTERFACE (implemented by the policy work item): see `PolicyInput`, `PolicyProcessor`.

/// The four policy inputs of RFC 5280 §6.1.1 (c), (e), (f), (g).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PolicyInput {
    /// user-initial-policy-set, dotted OIDs. Empty means { anyPolicy }.
    pub initial_policy_set: Vec<String>,
    /// initial-explicit-policy.
    pub initial_explicit_policy: bool,
    /// initial-policy-mapping-inhibit.
    pub initial_policy_mapping_inhibit: bool,
    /// initial-any-policy-inhibit.
    pub initial_any_policy_inhibit: bool,
}
