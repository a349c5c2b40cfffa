//! Certificate policy processing: the valid_policy_tree of RFC 5280 §6.1 (policy mappings,
//! requireExplicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy).
//!
//! [`PolicyProcessor`] carries the policy part of the §6.1.2 state (valid_policy_tree,
//! explicit_policy, policy_mapping, inhibit_anyPolicy) through a path: [`PolicyProcessor::new`]
//! initialises it (§6.1.2), [`PolicyProcessor::process`] runs the policy steps of §6.1.3 and §6.1.4
//! for each certificate, and [`PolicyProcessor::finish`] the wrap-up of §6.1.5 with the
//! intersection of the user-initial-policy-set (§6.1.5 (g)).
//!
//! The tree is stored as the policy graph of RFC 9618 (see `graph`), which gives the same results
//! with a size linear in the certificates; the number of nodes is bounded by a budget all the same.
//!
//! Path building is not done here: the caller orders the path, compares names and checks
//! signatures, and reports a [`PolicyError`] against the certificate it was processing.
//!
//! Beyond the RFC's processing steps, the four extensions must be well formed: one instance each
//! (§4.2), non-empty sequences, each policy OID at most once in certificatePolicies (§4.2.1.4),
//! DER-encoded OIDs (X.690 §8.19.2), a non-empty policyConstraints (§4.2.1.11). Policy qualifiers
//! are read but never change the outcome (§4.2.1.4 lets relying parties ignore them).
//!
//! Checked against NIST PKITS 4.8-4.12 (all entries), a literal RFC 5280 tree on random paths, and
//! `openssl verify -policy_check` on random chains. Where OpenSSL 3.0 departs from the RFC kyso
//! follows the RFC: OpenSSL does not check policyMappings for anyPolicy in a certificate without
//! certificatePolicies, creates policies mapped "through" an anyPolicy that inhibitAnyPolicy has
//! disabled, and expands such mapped nodes without their mapping when a later certificate asserts
//! anyPolicy (`tests/policy_openssl.rs` details them).

mod extensions;
mod graph;

use crate::diag::{Message, codes::path as codes};
use graph::PolicyGraph;
use std::collections::{HashMap, HashSet};

/// The anyPolicy OID (RFC 5280 §4.2.1.4): `2.5.29.32.0`.
pub const ANY_POLICY: &str = "2.5.29.32.0";

/// The four policy inputs of RFC 5280 §6.1.1 (c), (e), (f), (g).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
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

with_setters!(PolicyInput {
    initial_policy_set: Vec<String> => with_initial_policy_set,
    initial_explicit_policy: bool => with_initial_explicit_policy,
    initial_policy_mapping_inhibit: bool => with_initial_policy_mapping_inhibit,
    initial_any_policy_inhibit: bool => with_initial_any_policy_inhibit,
});

/// A policy check failed, or the policy tree ran over its node budget.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} ({rule})")]
pub struct PolicyError {
    /// The rule that failed (`RFC 5280 §6.1.3 (f)`), or `budget` when the node budget ran out.
    pub rule: &'static str,
    /// What went wrong, naming the certificate (1 = issued by the anchor, n = end entity).
    pub message: Message,
}

impl PolicyError {
    /// Whether this is the node budget running out (a denial-of-service guard, not a verdict on
    /// the certificates' policies).
    pub fn is_budget(&self) -> bool {
        self.rule == BUDGET_RULE
    }
}

impl From<PolicyError> for crate::Error {
    fn from(e: PolicyError) -> Self {
        let kind = if e.is_budget() { crate::ErrorKind::Budget } else { crate::ErrorKind::Invalid };
        crate::Error::new(kind, e.message)
    }
}

const BUDGET_RULE: &str = "budget";

/// The result of policy processing for a valid path.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PolicyOutcome {
    /// The policies, in the trust anchor's policy domain, that the path is valid for and that
    /// the user accepts (dotted OIDs, sorted). `["2.5.29.32.0"]` means any policy. Empty when
    /// no policy is valid (allowed when no explicit policy is required).
    pub user_constrained_policy_set: Vec<String>,
    /// The policies that every CA of the path accepted, whatever the user asked (dotted OIDs,
    /// sorted; `["2.5.29.32.0"]` means any policy).
    pub authority_constrained_policy_set: Vec<String>,
    /// Whether an explicit policy was required at the end of the path (explicit_policy = 0), by
    /// the user or by a requireExplicitPolicy constraint.
    pub explicit_policy_required: bool,
}

/// The policy state of RFC 5280 §6.1.2 for one path, updated certificate by certificate.
#[derive(Clone, Debug)]
pub struct PolicyProcessor {
    /// user-initial-policy-set; `None` is any-policy.
    user_policies: Option<Vec<String>>,
    /// valid_policy_tree (§6.1.2 (a)).
    tree: PolicyGraph,
    /// explicit_policy (§6.1.2 (d)).
    explicit_policy: usize,
    /// inhibit_anyPolicy (§6.1.2 (e)).
    inhibit_any_policy: usize,
    /// policy_mapping (§6.1.2 (f)).
    policy_mapping: usize,
    /// Path length, trust anchor not counted.
    n: usize,
    /// Index of the last certificate processed (0 = none yet).
    processed: usize,
}

fn oid_arcs(s: &str) -> Vec<u128> {
    s.split('.').map(|a| a.parse().unwrap_or(u128::MAX)).collect()
}

/// Sort dotted OIDs by their arcs (so 1.2.10 comes after 1.2.9), ties by text.
fn sort_oids(v: &mut [String]) {
    v.sort_by(|a, b| oid_arcs(a).cmp(&oid_arcs(b)).then_with(|| a.cmp(b)));
}

fn over_budget(i: usize, limit: usize) -> PolicyError {
    PolicyError {
        rule: BUDGET_RULE,
        message: Message::new(codes::POLICY_BUDGET).with("i", i).with("limit", limit),
    }
}

impl PolicyProcessor {
    /// §6.1.2 initialisation for a path of `n` certificates (the trust anchor NOT counted).
    ///
    /// The tree starts as a single anyPolicy node; explicit_policy, inhibit_anyPolicy and
    /// policy_mapping start at 0 when the matching initial input is set, else at n+1.
    /// `budget_nodes` bounds the nodes the tree may create over the whole path.
    pub fn new(input: &PolicyInput, n: usize, budget_nodes: usize) -> Self {
        let start = |inhibit: bool| if inhibit { 0 } else { n.saturating_add(1) };
        let mut set: Vec<String> =
            input.initial_policy_set.iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
        let user_policies = if set.is_empty() || set.iter().any(|p| p == ANY_POLICY) {
            None
        } else {
            sort_oids(&mut set);
            set.dedup();
            Some(set)
        };
        PolicyProcessor {
            user_policies,
            tree: PolicyGraph::new(budget_nodes),
            explicit_policy: start(input.initial_explicit_policy),
            inhibit_any_policy: start(input.initial_any_policy_inhibit),
            policy_mapping: start(input.initial_policy_mapping_inhibit),
            n,
            processed: 0,
        }
    }

    /// The current explicit_policy counter (0: an explicit policy is required).
    pub fn explicit_policy(&self) -> usize {
        self.explicit_policy
    }
    /// The current inhibit_anyPolicy counter (0: anyPolicy no longer matches).
    pub fn inhibit_any_policy(&self) -> usize {
        self.inhibit_any_policy
    }
    /// The current policy_mapping counter (0: mappings are no longer allowed).
    pub fn policy_mapping(&self) -> usize {
        self.policy_mapping
    }
    /// Whether the valid_policy_tree is NULL.
    pub fn is_tree_null(&self) -> bool {
        self.tree.is_null()
    }
    /// The valid_policy values at the deepest level of the tree (sorted; empty when NULL).
    pub fn current_policies(&self) -> Vec<String> {
        self.tree.leaf_policies()
    }
    /// Tree nodes created so far (the root not counted), against `budget_nodes`.
    pub fn nodes_created(&self) -> usize {
        self.tree.created()
    }

    /// Certificate i (1-based, 1 = the one issued by the anchor, n = end entity): §6.1.3 (d), (e),
    /// (f); then, when i < n, the policy steps of §6.1.4: (a), (b), (h), (i), (j). `self_issued` =
    /// issuer and subject names match (the caller compares names per §7.1). Errors when the tree
    /// becomes NULL while explicit_policy == 0, when a mapping involves anyPolicy (§6.1.4 (a)),
    /// or when the node budget is exceeded.
    pub fn process(
        &mut self,
        cert: &x509_parser::certificate::X509Certificate<'_>,
        i: usize,
        self_issued: bool,
    ) -> Result<(), PolicyError> {
        if i != self.processed + 1 || i > self.n {
            return Err(PolicyError {
                rule: "RFC 5280 §6.1",
                message: Message::new(codes::POLICY_OUT_OF_ORDER)
                    .with("i", i)
                    .with("expected", self.processed + 1)
                    .with("n", self.n),
            });
        }
        let ext = extensions::read(cert, i)?;
        self.processed = i;

        let null_before = self.tree.is_null();
        // (d)(2): anyPolicy counts when inhibit_anyPolicy > 0, or when i < n and the certificate
        // is self-issued.
        let any_allowed = self.inhibit_any_policy > 0 || (i < self.n && self_issued);
        match &ext.policies {
            // §6.1.3 (d): certificatePolicies present (nothing to do on a NULL tree).
            Some(policies) => {
                self.tree.add_depth(policies, any_allowed).map_err(|e| over_budget(i, e.limit))?;
            }
            // §6.1.3 (e): no certificatePolicies: the tree becomes NULL.
            None => self.tree.set_null(),
        }

        // §6.1.3 (f): explicit_policy > 0 or the tree is not NULL.
        if self.explicit_policy == 0 && self.tree.is_null() {
            let code = if null_before {
                codes::POLICY_NONE_LEFT
            } else if ext.policies.is_none() {
                codes::POLICY_NO_EXTENSION
            } else if !any_allowed && ext.policies.as_ref().is_some_and(|p| p.iter().any(|o| o == ANY_POLICY))
            {
                codes::POLICY_ANY_INHIBITED
            } else {
                codes::POLICY_NOT_CONTINUED
            };
            let mut message = Message::new(code);
            if !null_before {
                message = message.with("i", i);
            }
            return Err(PolicyError { rule: "RFC 5280 §6.1.3 (f)", message });
        }

        if i < self.n {
            let was_null = self.tree.is_null();
            self.prepare_next(&ext, i, self_issued)?;
            // The tree cannot recover once NULL, and explicit_policy never increases: when both
            // hold the path is already lost (§6.1.3 (f) of the next certificate, or §6.1.5 (g)).
            if self.explicit_policy == 0 && self.tree.is_null() {
                let code = if was_null {
                    codes::POLICY_EXPLICIT_NOW_REQUIRED
                } else {
                    codes::POLICY_MAPPING_INHIBITED
                };
                return Err(PolicyError { rule: code.rule(), message: Message::new(code).with("i", i) });
            }
        }
        Ok(())
    }

    /// §6.1.4 (a), (b), (h), (i), (j) for certificate i < n.
    fn prepare_next(
        &mut self,
        ext: &extensions::PolicyExtensions,
        i: usize,
        self_issued: bool,
    ) -> Result<(), PolicyError> {
        if let Some(mappings) = &ext.mappings {
            // (a): anyPolicy may be neither an issuerDomainPolicy nor a subjectDomainPolicy.
            if let Some((from, to)) = mappings.iter().find(|(f, t)| f == ANY_POLICY || t == ANY_POLICY) {
                return Err(PolicyError {
                    rule: "RFC 5280 §6.1.4 (a)",
                    message: Message::new(codes::POLICY_MAPS_ANY)
                        .with("i", i)
                        .with("from", from)
                        .with("to", to),
                });
            }
            // Group the subjectDomainPolicy values of each issuerDomainPolicy (in order, no
            // duplicates): "the set of subjectDomainPolicy values that are specified as
            // equivalent to ID-P".
            let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
            let mut index: HashMap<&str, usize> = HashMap::new();
            let mut pairs: HashSet<(&str, &str)> = HashSet::new();
            for (from, to) in mappings {
                if !pairs.insert((from.as_str(), to.as_str())) {
                    continue;
                }
                match index.get(from.as_str()) {
                    Some(&k) => {
                        if let Some((_, tos)) = grouped.get_mut(k) {
                            tos.push(to.clone());
                        }
                    }
                    None => {
                        index.insert(from.as_str(), grouped.len());
                        grouped.push((from.clone(), vec![to.clone()]));
                    }
                }
            }
            // (b)(1) when policy_mapping > 0, (b)(2) when it is 0.
            let allowed = self.policy_mapping > 0;
            self.tree.apply_mappings(&grouped, allowed).map_err(|e| over_budget(i, e.limit))?;
        }

        // (h): counters go down for certificates that are not self-issued.
        if !self_issued {
            self.explicit_policy = self.explicit_policy.saturating_sub(1);
            self.policy_mapping = self.policy_mapping.saturating_sub(1);
            self.inhibit_any_policy = self.inhibit_any_policy.saturating_sub(1);
        }
        // (i): policyConstraints.
        if let Some(r) = ext.require_explicit_policy {
            self.explicit_policy = self.explicit_policy.min(r as usize);
        }
        if let Some(q) = ext.inhibit_policy_mapping {
            self.policy_mapping = self.policy_mapping.min(q as usize);
        }
        // (j): inhibitAnyPolicy.
        if let Some(s) = ext.inhibit_any_policy {
            self.inhibit_any_policy = self.inhibit_any_policy.min(s as usize);
        }
        Ok(())
    }

    /// §6.1.5 (a), (b), (g) after the end entity (call after process(.., n, ..)); computes the
    /// intersection with the user-initial-policy-set (§6.1.5 (g)(iii)) and fails when
    /// explicit_policy == 0 and the result is empty.
    pub fn finish(
        mut self,
        end_entity: &x509_parser::certificate::X509Certificate<'_>,
    ) -> Result<PolicyOutcome, PolicyError> {
        if self.processed != self.n {
            return Err(PolicyError {
                rule: "RFC 5280 §6.1",
                message: Message::new(codes::POLICY_FINISHED_EARLY)
                    .with("processed", self.processed)
                    .with("n", self.n),
            });
        }
        // (a): explicit_policy goes down once more (whether or not the end entity is
        // self-issued).
        self.explicit_policy = self.explicit_policy.saturating_sub(1);
        // (b): requireExplicitPolicy 0 in the end entity's policyConstraints.
        if self.n > 0 {
            let ext = extensions::read(end_entity, self.n)?;
            if ext.require_explicit_policy == Some(0) {
                self.explicit_policy = 0;
            }
        }

        // (g): the intersection of the valid_policy_tree and the user-initial-policy-set.
        let inter = self.tree.intersection();
        // (g)(i) NULL tree: nothing; otherwise the authority-constrained set is the
        // valid_policy_node_set, or anyPolicy when an anyPolicy node reaches depth n.
        let authority: Vec<String> = if inter.any_leaf {
            vec![ANY_POLICY.to_string()]
        } else {
            let mut v: Vec<String> = inter.node_set.iter().cloned().collect();
            sort_oids(&mut v);
            v
        };
        let user: Vec<String> = match &self.user_policies {
            // (g)(ii): user-initial-policy-set is any-policy: the tree itself.
            None => authority.clone(),
            Some(wanted) => {
                if inter.any_leaf {
                    // (g)(iii) 2 and 3: nodes of the valid_policy_node_set outside the user set
                    // are deleted, and each user policy not already there is added under the
                    // anyPolicy node of depth n-1: the user set is accepted whole.
                    wanted.clone()
                } else {
                    // (g)(iii) 2 and 4: only the user's policies of the valid_policy_node_set
                    // survive (with their subtrees); the rest is pruned.
                    wanted.iter().filter(|p| inter.node_set.contains(*p)).cloned().collect()
                }
            }
        };

        let explicit_policy_required = self.explicit_policy == 0;
        if explicit_policy_required && user.is_empty() {
            let message = if self.tree.is_null() {
                Message::new(codes::POLICY_NONE_VALID)
            } else {
                Message::new(codes::POLICY_NOT_IN_USER_SET)
                    .with("policies", authority.join(", "))
                    .with("user_policies", self.user_policies.as_deref().unwrap_or_default().join(", "))
            };
            return Err(PolicyError { rule: "RFC 5280 §6.1.5 (g)", message });
        }
        Ok(PolicyOutcome {
            user_constrained_policy_set: user,
            authority_constrained_policy_set: authority,
            explicit_policy_required,
        })
    }
}

#[cfg(test)]
mod tests;
