//! The valid_policy_tree of RFC 5280 §6.1.2 (a), stored as the policy graph of RFC 9618.
//!
//! RFC 5280 builds a tree in which the same policy at the same depth may appear under many
//! parents; with policy mappings that tree grows exponentially with the path length
//! (CVE-2023-0464). RFC 9618 ("Updates to X.509 Policy Validation", 2024) replaces it with a
//! directed acyclic graph: at each depth there is at most one node per valid_policy, and that node
//! links to every parent that the tree would have given it a copy under. Every tree node is a path
//! from the root in this graph, the expected_policy_set of a node depends only on its depth and
//! valid_policy, and the outputs of §6.1.5 (g) are unchanged (RFC 9618 §4). The graph is linear in
//! the size of the certificates; a node budget still bounds it against hostile input.
//!
//! Qualifier sets are not stored (§6.1.2 (a) qualifier_set): they never influence validity and
//! kyso does not report them.

use super::ANY_POLICY;
use std::collections::{BTreeSet, HashMap};

/// One node: a valid_policy at some depth.
#[derive(Clone, Debug)]
struct Node {
    /// valid_policy (dotted OID).
    policy: String,
    /// expected_policy_set (dotted OIDs, no duplicates).
    expected: Vec<String>,
    /// Indices of the parents in the previous depth.
    parents: Vec<usize>,
    /// False once the node has been deleted (indices of other nodes stay stable).
    alive: bool,
}

/// All nodes of one depth.
#[derive(Clone, Debug, Default)]
struct Level {
    nodes: Vec<Node>,
    /// valid_policy -> index in `nodes` (dead nodes included: look at `alive`).
    by_policy: HashMap<String, usize>,
}

impl Level {
    fn get(&self, policy: &str) -> Option<usize> {
        self.by_policy.get(policy).copied().filter(|&k| self.nodes.get(k).is_some_and(|n| n.alive))
    }
    fn alive(&self) -> impl Iterator<Item = (usize, &Node)> {
        self.nodes.iter().enumerate().filter(|(_, n)| n.alive)
    }
}

/// The node budget ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct OverBudget {
    pub limit: usize,
}

/// The valid_policy_tree (as a graph). `levels[d]` holds depth `d`; depth 0 is the root.
/// An empty `levels` is the NULL tree.
#[derive(Clone, Debug)]
pub(super) struct PolicyGraph {
    levels: Vec<Level>,
    created: usize,
    limit: usize,
}

/// The sets read off the final tree by §6.1.5 (g).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Intersection {
    /// valid_policy of every node of the valid_policy_node_set (children of anyPolicy nodes that
    /// are not themselves anyPolicy), in the trust anchor's policy domain.
    pub node_set: BTreeSet<String>,
    /// Whether a node of depth n has valid_policy anyPolicy (every CA allowed any policy).
    pub any_leaf: bool,
}

impl PolicyGraph {
    /// §6.1.2 (a): a single node, valid_policy anyPolicy, expected_policy_set {anyPolicy}.
    /// The root does not count against `limit` (the budget on created nodes).
    pub(super) fn new(limit: usize) -> Self {
        let mut root = Level::default();
        root.by_policy.insert(ANY_POLICY.to_string(), 0);
        root.nodes.push(Node {
            policy: ANY_POLICY.to_string(),
            expected: vec![ANY_POLICY.to_string()],
            parents: Vec::new(),
            alive: true,
        });
        PolicyGraph { levels: vec![root], created: 0, limit }
    }

    /// Whether the tree is NULL.
    pub(super) fn is_null(&self) -> bool {
        self.levels.is_empty()
    }

    /// Make the tree NULL (§6.1.3 (e)).
    pub(super) fn set_null(&mut self) {
        self.levels.clear();
    }

    /// Number of nodes created so far (the root excluded).
    pub(super) fn created(&self) -> usize {
        self.created
    }

    /// The valid_policy values of the live nodes at the deepest level, sorted.
    pub(super) fn leaf_policies(&self) -> Vec<String> {
        let mut v: Vec<String> = match self.levels.last() {
            Some(l) => l.alive().map(|(_, n)| n.policy.clone()).collect(),
            None => Vec::new(),
        };
        super::sort_oids(&mut v);
        v
    }

    fn add(
        &mut self,
        level: &mut Level,
        policy: &str,
        expected: Vec<String>,
        parents: Vec<usize>,
    ) -> Result<(), OverBudget> {
        if self.created >= self.limit {
            return Err(OverBudget { limit: self.limit });
        }
        self.created += 1;
        level.by_policy.insert(policy.to_string(), level.nodes.len());
        level.nodes.push(Node { policy: policy.to_string(), expected, parents, alive: true });
        Ok(())
    }

    /// §6.1.3 (d): add the depth for a certificate whose certificatePolicies lists `policies`
    /// (each once). `any_allowed` is the condition of (d)(2) (inhibit_anyPolicy > 0, or i < n and
    /// the certificate is self-issued). Prunes per (d)(3). Does nothing on a NULL tree.
    pub(super) fn add_depth(&mut self, policies: &[String], any_allowed: bool) -> Result<(), OverBudget> {
        let Some(prev) = self.levels.last() else { return Ok(()) };
        // expected policy -> every live node of depth i-1 expecting it, in node order.
        let mut expecters: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, node) in prev.alive() {
            for e in &node.expected {
                expecters.entry(e.as_str()).or_default().push(k);
            }
        }
        let any_parent = prev.get(ANY_POLICY);
        // Values of expected_policy_set in a stable order, for (d)(2).
        let mut expected_order: Vec<String> = Vec::new();
        if any_allowed && policies.iter().any(|p| p == ANY_POLICY) {
            let mut seen = BTreeSet::new();
            for (_, node) in prev.alive() {
                for e in &node.expected {
                    if seen.insert(e.as_str()) {
                        expected_order.push(e.clone());
                    }
                }
            }
        }
        let mut plan: Vec<(String, Vec<usize>)> = Vec::new();
        let mut planned: BTreeSet<&str> = BTreeSet::new();
        for p in policies.iter().filter(|p| *p != ANY_POLICY) {
            if let Some(parents) = expecters.get(p.as_str()) {
                // (d)(1)(i): a child of every node of depth i-1 whose expected_policy_set has P.
                plan.push((p.clone(), parents.clone()));
                planned.insert(p.as_str());
            } else if let Some(a) = any_parent {
                // (d)(1)(ii): no match, but depth i-1 has an anyPolicy node.
                plan.push((p.clone(), vec![a]));
                planned.insert(p.as_str());
            }
        }
        // (d)(2): anyPolicy asserted and allowed: each expected value not yet a child of the node
        // expecting it becomes one (anyPolicy itself through the anyPolicy node). A node created in
        // (d)(1)(i) already has every expecting node as a parent; one created in (d)(1)(ii) has no
        // expecting node, so "not yet a child" reduces to "not yet at depth i".
        for e in &expected_order {
            if !planned.contains(e.as_str()) {
                let parents = expecters.get(e.as_str()).cloned().unwrap_or_default();
                plan.push((e.clone(), parents));
            }
        }
        let mut level = Level::default();
        for (policy, parents) in plan {
            let expected = vec![policy.clone()];
            self.add(&mut level, &policy, expected, parents)?;
        }
        self.levels.push(level);
        // (d)(3): delete nodes of depth i-1 and above without children.
        self.prune();
        Ok(())
    }

    /// §6.1.4 (b): apply the policyMappings of certificate i to depth i. `mappings` gives, for each
    /// issuerDomainPolicy (in certificate order, each once), its subjectDomainPolicy set.
    /// With `allowed` (policy_mapping > 0) this is (b)(1), else (b)(2).
    pub(super) fn apply_mappings(
        &mut self,
        mappings: &[(String, Vec<String>)],
        allowed: bool,
    ) -> Result<(), OverBudget> {
        let depth = self.levels.len();
        if depth < 2 {
            // NULL tree, or no certificate processed yet: nothing to map.
            return Ok(());
        }
        let mut level = std::mem::take(&mut self.levels[depth - 1]);
        let any_grandparent = self.levels[depth - 2].get(ANY_POLICY);
        let mut result = Ok(());
        for (issuer_policy, subjects) in mappings {
            if allowed {
                if let Some(k) = level.get(issuer_policy) {
                    // (b)(1): the expected_policy_set becomes the mapped set.
                    if let Some(node) = level.nodes.get_mut(k) {
                        node.expected = subjects.clone();
                    }
                } else if let (Some(_), Some(a)) = (level.get(ANY_POLICY), any_grandparent) {
                    // (b)(1): no node for ID-P but an anyPolicy node at depth i: a child of the
                    // anyPolicy node of depth i-1, expecting the mapped set.
                    if let Err(e) = self.add(&mut level, issuer_policy, subjects.clone(), vec![a]) {
                        result = Err(e);
                        break;
                    }
                }
            } else if let Some(k) = level.get(issuer_policy) {
                // (b)(2)(i): delete each node of depth i with valid_policy ID-P.
                if let Some(node) = level.nodes.get_mut(k) {
                    node.alive = false;
                }
            }
        }
        self.levels[depth - 1] = level;
        result?;
        if !allowed {
            // (b)(2)(ii): prune childless nodes above.
            self.prune();
        }
        Ok(())
    }

    /// Delete every node left without a live parent (top-down), then every node above the
    /// deepest level without a live child (bottom-up). A dead root makes the tree NULL.
    fn prune(&mut self) {
        for d in 1..self.levels.len() {
            let (upper, lower) = self.levels.split_at_mut(d);
            let Some(parents) = upper.last() else { continue };
            for node in lower[0].nodes.iter_mut().filter(|n| n.alive) {
                node.parents.retain(|&p| parents.nodes.get(p).is_some_and(|n| n.alive));
                if node.parents.is_empty() {
                    node.alive = false;
                }
            }
        }
        for d in (0..self.levels.len().saturating_sub(1)).rev() {
            let mut has_child = vec![false; self.levels[d].nodes.len()];
            for (_, child) in self.levels[d + 1].alive() {
                for &p in &child.parents {
                    if let Some(h) = has_child.get_mut(p) {
                        *h = true;
                    }
                }
            }
            for (node, has) in self.levels[d].nodes.iter_mut().zip(has_child) {
                if !has {
                    node.alive = false;
                }
            }
        }
        if self.levels.first().is_none_or(|root| root.alive().next().is_none()) {
            self.levels.clear();
        }
    }

    /// §6.1.5 (g): read the valid_policy_node_set and whether an anyPolicy node is at the
    /// deepest level. The caller intersects with the user-initial-policy-set.
    pub(super) fn intersection(&self) -> Intersection {
        let mut out = Intersection::default();
        let Some(last) = self.levels.last() else { return out };
        if self.levels.len() < 2 {
            // Root only (a path without certificates): the tree is just anyPolicy.
            out.any_leaf = true;
            return out;
        }
        out.any_leaf = last.get(ANY_POLICY).is_some();
        for d in 1..self.levels.len() {
            let parents = &self.levels[d - 1];
            let Some(any) = parents.get(ANY_POLICY) else { continue };
            for (_, node) in self.levels[d].alive() {
                if node.policy != ANY_POLICY && node.parents.contains(&any) {
                    out.node_set.insert(node.policy.clone());
                }
            }
        }
        out
    }
}
