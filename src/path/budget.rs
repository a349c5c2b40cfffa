//! Work budgets for path building. Hostile inputs (meshes of cross-certificates, huge pools,
//! name-constraint bombs) must end quickly with a specific error, never spin.
//!
//! Defaults follow the limits public validators chose after real incidents: rustls/webpki allows
//! 100 signature checks and 200,000 path-builder calls; pyca/cryptography and webpki cap
//! name-constraint comparisons at 250,000 (CVE-2023-0286-style quadratic blow-ups). Source
//! queries (issuer and revocation sources, later over the network) are capped at 100 per
//! validation: each useful answer costs at least one signature check, of which webpki allows
//! 100, and Chromium's AIA source bounds network fetches per certificate for the same reason
//! (BoringSSL `cert_issuer_source_aia.cc`). Of those, network queries (AIA caIssuers, OCSP, CRL
//! distribution points) are further limited to 24 per validation, which running out of does not
//! fail the validation: the network sources are simply not asked any more (an issuer stays not
//! found, a status unknown). 24 covers a path of four certificates checked by OCSP and by CRL
//! with a delta under two trust domains; every fetch is in any case bounded in time by the
//! HTTP client and its shared network budget.

/// Which budget ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BudgetKind {
    /// Signature verifications.
    Signatures,
    /// Path-builder recursion steps.
    BuildCalls,
    /// Name-constraint subtree comparisons.
    NameConstraintComparisons,
    /// Nodes in the valid_policy_tree.
    PolicyTreeNodes,
    /// Queries to issuer and revocation sources.
    SourceQueries,
}

/// A budget ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind:?} budget exhausted (limit {limit})")]
pub struct BudgetExceeded {
    /// Which budget.
    pub kind: BudgetKind,
    /// Its limit.
    pub limit: usize,
}

/// Limits for one validation. Counters go down as work is done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Signature verifications allowed (cached results are free).
    pub signatures: usize,
    /// Path-builder steps allowed.
    pub build_calls: usize,
    /// Name-constraint comparisons allowed.
    pub name_constraint_comparisons: usize,
    /// Policy-tree nodes allowed per path.
    pub policy_tree_nodes: usize,
    /// Issuer and revocation source queries allowed (see [`Budget::with_source_queries`]).
    pub source_queries: usize,
    /// Queries to network sources allowed (see [`Budget::with_network_queries`]); not fatal.
    pub network_queries: usize,
    limits: [usize; 6],
}

impl Default for Budget {
    fn default() -> Self {
        // webpki: 100 signatures, 200_000 build calls; NC comparisons 250_000 (webpki, pyca).
        // Policy tree: 10_000 nodes keeps exponential mapping trees (RFC 5280 §6.1 errata,
        // CVE-2023-0464) bounded while PKITS needs under 100. Source queries: 100 (module doc).
        Budget::new(100, 200_000, 250_000, 10_000)
    }
}

impl Budget {
    /// Source queries allowed by default.
    pub const DEFAULT_SOURCE_QUERIES: usize = 100;
    /// Network source queries allowed by default (module documentation).
    pub const DEFAULT_NETWORK_QUERIES: usize = 24;

    /// A budget with explicit limits (and the default source-query limit, see
    /// [`Budget::with_source_queries`]).
    pub fn new(
        signatures: usize,
        build_calls: usize,
        name_constraint_comparisons: usize,
        policy_tree_nodes: usize,
    ) -> Self {
        Budget {
            signatures,
            build_calls,
            name_constraint_comparisons,
            policy_tree_nodes,
            source_queries: Self::DEFAULT_SOURCE_QUERIES,
            network_queries: Self::DEFAULT_NETWORK_QUERIES,
            limits: [
                signatures,
                build_calls,
                name_constraint_comparisons,
                policy_tree_nodes,
                Self::DEFAULT_SOURCE_QUERIES,
                Self::DEFAULT_NETWORK_QUERIES,
            ],
        }
    }

    /// The same budget allowing `n` queries to issuer and revocation sources per validation
    /// (each call of a metered source counts one; the in-memory pool and supplied CRLs cost nothing).
    pub fn with_source_queries(mut self, n: usize) -> Self {
        self.source_queries = n;
        self.limits[4] = n;
        self
    }

    /// The same budget allowing `n` queries to network sources per validation (each also spends
    /// a source query). Running out is not an error: network sources are no longer asked.
    pub fn with_network_queries(mut self, n: usize) -> Self {
        self.network_queries = n;
        self.limits[5] = n;
        self
    }

    /// The network-query limit this budget started with.
    pub fn network_query_limit(&self) -> usize {
        self.limits[5]
    }

    /// Spend one network query: false when none is left (the network source is then not asked).
    pub fn take_network_query(&mut self) -> bool {
        if self.network_queries == 0 {
            return false;
        }
        self.network_queries -= 1;
        true
    }

    fn take(counter: &mut usize, n: usize, kind: BudgetKind, limit: usize) -> Result<(), BudgetExceeded> {
        if *counter < n {
            *counter = 0;
            return Err(BudgetExceeded { kind, limit });
        }
        *counter -= n;
        Ok(())
    }

    /// Spend one signature verification.
    pub fn consume_signature(&mut self) -> Result<(), BudgetExceeded> {
        Self::take(&mut self.signatures, 1, BudgetKind::Signatures, self.limits[0])
    }
    /// Spend one path-builder step.
    pub fn consume_build_call(&mut self) -> Result<(), BudgetExceeded> {
        Self::take(&mut self.build_calls, 1, BudgetKind::BuildCalls, self.limits[1])
    }
    /// Spend `n` name-constraint comparisons.
    pub fn consume_name_constraint_comparisons(&mut self, n: usize) -> Result<(), BudgetExceeded> {
        Self::take(
            &mut self.name_constraint_comparisons,
            n,
            BudgetKind::NameConstraintComparisons,
            self.limits[2],
        )
    }
    /// Spend `n` policy-tree nodes.
    pub fn consume_policy_nodes(&mut self, n: usize) -> Result<(), BudgetExceeded> {
        Self::take(&mut self.policy_tree_nodes, n, BudgetKind::PolicyTreeNodes, self.limits[3])
    }
    /// Spend one source query.
    pub fn consume_source_query(&mut self) -> Result<(), BudgetExceeded> {
        Self::take(&mut self.source_queries, 1, BudgetKind::SourceQueries, self.limits[4])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_budget_runs_out_with_its_own_kind() {
        let mut b = Budget::new(1, 1, 3, 2);
        assert!(b.consume_signature().is_ok());
        assert_eq!(b.consume_signature().unwrap_err().kind, BudgetKind::Signatures);
        assert!(b.consume_build_call().is_ok());
        assert_eq!(b.consume_build_call().unwrap_err().kind, BudgetKind::BuildCalls);
        assert!(b.consume_name_constraint_comparisons(3).is_ok());
        assert_eq!(
            b.consume_name_constraint_comparisons(1).unwrap_err().kind,
            BudgetKind::NameConstraintComparisons
        );
        assert_eq!(b.consume_policy_nodes(3).unwrap_err().limit, 2);
        let mut b = b.with_source_queries(1);
        assert!(b.consume_source_query().is_ok());
        assert_eq!(b.consume_source_query().unwrap_err().kind, BudgetKind::SourceQueries);
        let mut b = b.with_network_queries(1);
        assert!(b.take_network_query());
        assert!(!b.take_network_query());
        assert_eq!(b.network_query_limit(), 1);
    }
}
