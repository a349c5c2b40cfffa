//! Certification path building and validation (RFC 5280 §6.1) across trust domains.
//!
//! [`validate`] builds every path (bounded) from an end-entity certificate through an untrusted
//! pool (intermediates, cross-certificates) to any anchor of a [`TrustStore`], backtracking over
//! every candidate issuer, and validates each per RFC 5280 §6.1 at a given time.
//!
//! How it is split:
//! - `build`: depth-first search over candidate issuers (anchors first, then AKI/SKI match,
//!   validity, SHA-256: the order of the inputs never matters), loop detection on subject + key,
//!   budgets, per-validation and bounded process-wide signature caches, large pools indexed by
//!   subject with anchor-reachability pruning, the path-verification hook;
//! - `validate`: RFC 5280 §6.1.3-§6.1.5 on one complete path (signature, validity, name
//!   chaining, revocation, name constraints, policies, basicConstraints and pathLen, keyUsage,
//!   critical extensions, EKU, key usage, leaf name), the validation profile's rules, and the
//!   keys;
//! - [`signature`]: RSA PKCS#1 and PSS (any salt), ECDSA, Ed25519, DSA (legacy, with parameter
//!   inheritance);
//! - `profile`: validation profiles as data ([`Profile`]): what to do ([`RuleAction`]: enforce,
//!   warn, ignore) with each rule beyond §6.1 (the RFC 5280 §4 rules that bind the issuing CA,
//!   the trust anchor's profile, the CA/Browser Forum TLS server rules), and the presets
//!   `document` (the default: issuer-side rules are warnings), `rfc5280-strict` and
//!   `tls-server`;
//! - `revocation_check`: the [`crate::revocation`] engine per certificate, and the CRL-signer
//!   resolver (signers validated to the same anchor, bounded recursion);
//! - [`cross_validate`]: one certificate under several trust domains.
//!
//! The trust anchor gives its name and key (RFC 5280 §6.1.1 (d)) and, by default, its name
//! constraints (RFC 5937); by default its own certificate is also checked (validity, CA
//! extensions, critical extensions, key: `profile`), as OpenSSL, Go and pyca do.

pub mod budget;
mod build;
mod cross;
mod engines;
pub mod name_constraints;

pub mod policy;
mod profile;
mod report;
mod revocation_check;
mod sources;

mod validate;

pub use budget::{Budget, BudgetExceeded, BudgetKind};
pub use build::PathHook;
pub use cross::{CrossValidationReport, DomainResult, cross_validate, cross_validate_with_sources};
pub use name_constraints::NameCheck;
pub use policy::PolicyInput;
pub use profile::{Profile, RuleAction};
pub use report::{CertInfo, Check, PathError, TriedPath, ValidPath, ValidationReport};

/// The anyPolicy OID (RFC 5280 §4.2.1.4).
pub const ANY_POLICY: &str = "2.5.29.32.0";

use crate::certificate::Certificate;
use crate::crl::Crl;
use crate::crypto::Verifier;
use crate::revocation::{RevocationMode, RevocationSource, SuppliedCrls};
use crate::trust::{IssuerSource, TrustStore};
use time::OffsetDateTime;

/// Well-known EKU OIDs by name, as accepted on the command line.
pub const EKU_NAMES: &[(&str, &str)] = &[
    ("serverAuth", "1.3.6.1.5.5.7.3.1"),
    ("clientAuth", "1.3.6.1.5.5.7.3.2"),
    ("codeSigning", "1.3.6.1.5.5.7.3.3"),
    ("emailProtection", "1.3.6.1.5.5.7.3.4"),
    ("timeStamping", "1.3.6.1.5.5.7.3.8"),
    ("OCSPSigning", "1.3.6.1.5.5.7.3.9"),
    ("documentSigning", "1.3.6.1.5.5.7.3.36"),
];

/// Key usage bits (RFC 5280 §4.2.1.3), named as the RFC spells them (one table with issuing).
pub use crate::issue::KeyUsageBit;

/// Resolve an EKU given by name (`clientAuth`) or dotted OID.
pub fn eku_oid(name_or_oid: &str) -> Option<String> {
    if let Some((_, oid)) = EKU_NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name_or_oid)) {
        return Some(oid.to_string());
    }
    let valid_oid = name_or_oid.split('.').count() >= 2
        && name_or_oid.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    valid_oid.then(|| name_or_oid.to_string())
}

/// Everything a validation needs besides the certificates.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ValidationOptions {
    /// The validation time.
    pub time: OffsetDateTime,
    /// The four RFC 5280 policy inputs.
    pub policy: PolicyInput,
    /// EKUs the end-entity must allow (dotted OIDs); empty: no EKU requirement. A certificate
    /// without an EKU extension allows every purpose; anyExtendedKeyUsage satisfies any.
    pub required_eku: Vec<String>,
    /// Key usage bits the end-entity must have (when it has a keyUsage extension).
    pub required_key_usage: Vec<KeyUsageBit>,
    /// An optional name check of the end-entity.
    pub name_check: Option<NameCheck>,
    /// Maximum number of certificates in a path, anchor included. Self-issued intermediates
    /// (key rollover) do not count, as for pathLenConstraint (RFC 5280 §6.1.4 (l)); the path
    /// length is in any case capped at twice this value.
    pub max_depth: usize,
    /// Revocation checking mode.
    pub revocation: RevocationMode,
    /// Accept SHA-1 (and DSA) signatures and RSA keys of 1024 to 2047 bits, reported as legacy.
    /// Independent of the [`profile`](Self::profile).
    pub allow_legacy: bool,
    /// Work limits.
    pub budget: Budget,
    /// Stop after this many valid paths.
    pub max_paths: usize,
    /// Apply the trust anchor's nameConstraints extension to the path (RFC 5937 §3: a trust
    /// anchor may carry constraints), as OpenSSL, Go, webpki and pyca do. Default true. The
    /// anchor's validity and other extensions are checked under `check_anchor_profile`.
    pub anchor_name_constraints: bool,
    /// The validation profile: what to do with each rule beyond RFC 5280 §6 path validation
    /// (default [`Profile::document`]: the rules that bind the issuing CA are warnings;
    /// [`Profile::rfc5280_strict`] enforces them; [`Profile::tls_server`] for TLS server
    /// certificates only). Its required usages add to `required_eku` and `required_key_usage`.
    pub profile: Profile,
    /// Check the trust anchor certificate itself (default true): validity at `time`, a CA
    /// certificate (critical basicConstraints cA, keyCertSign), no unknown critical extension,
    /// the RFC 5280 §4 profile and its key. False: the anchor gives its name, key and name
    /// constraints only (RFC 5280 §6.1.1 (d) read literally).
    pub check_anchor_profile: bool,
}

with_setters!(ValidationOptions {
    time: OffsetDateTime => with_time,
    policy: PolicyInput => with_policy,
    required_eku: Vec<String> => with_required_eku,
    required_key_usage: Vec<KeyUsageBit> => with_required_key_usage,
    name_check: Option<NameCheck> => with_name_check,
    max_depth: usize => with_max_depth,
    revocation: RevocationMode => with_revocation,
    allow_legacy: bool => with_allow_legacy,
    budget: Budget => with_budget,
    max_paths: usize => with_max_paths,
    anchor_name_constraints: bool => with_anchor_name_constraints,
    profile: Profile => with_profile,
    check_anchor_profile: bool => with_check_anchor_profile,
});

impl Default for ValidationOptions {
    fn default() -> Self {
        ValidationOptions {
            time: OffsetDateTime::now_utc(),
            policy: PolicyInput::default(),
            required_eku: Vec::new(),
            required_key_usage: Vec::new(),
            name_check: None,
            max_depth: 10,
            revocation: RevocationMode::Soft,
            allow_legacy: false,
            budget: Budget::default(),
            max_paths: 8,
            anchor_name_constraints: true,
            profile: Profile::document(),
            check_anchor_profile: true,
        }
    }
}

/// Builds and validates certification paths: the inputs besides the end-entity certificate,
/// set once and reused for any number of validations.
///
/// ```no_run
/// # use kyso::{Certificate, TrustStore, crypto::Verifier, path::{PathValidator, ValidationOptions}};
/// # fn f(store: &TrustStore, pool: &[Certificate], leaf: &Certificate) {
/// let verifier = Verifier::default(); // signature results shared across validations
/// let report = PathValidator::new(store)
///     .pool(pool)
///     .options(ValidationOptions::default())
///     .verifier(&verifier)
///     .validate(leaf);
/// # }
/// ```
///
/// Issuer sources (several, consulted in the order added, network sources last) and revocation
/// sources (likewise) feed the search; [`pool`](PathValidator::pool) and
/// [`crls`](PathValidator::crls) are shorthands for the in-memory ones.
///
/// The verdict does not depend on the order of the pool or of the sources, nor on what the
/// verifier remembers.
pub struct PathValidator<'a> {
    store: &'a TrustStore,
    pools: Vec<&'a [Certificate]>,
    issuer_sources: Vec<&'a dyn IssuerSource>,
    revocation_sources: Vec<RevocationInput<'a>>,
    options: ValidationOptions,
    hook: Option<PathHook<'a>>,
    verifier: Option<&'a Verifier>,
}

/// A revocation source as added: supplied CRLs (owned here) or the caller's source.
#[derive(Clone, Copy)]
enum RevocationInput<'a> {
    Crls(SuppliedCrls<'a>),
    Source(&'a dyn RevocationSource),
}

impl std::fmt::Debug for PathValidator<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PathValidator")
            .field("anchors", &self.store.len())
            .field("pool", &self.pools.iter().map(|p| p.len()).sum::<usize>())
            .field("issuer_sources", &self.issuer_sources.len())
            .field("revocation_sources", &self.revocation_sources.len())
            .field("options", &self.options)
            .field("hook", &self.hook.is_some())
            .field("verifier", &self.verifier)
            .finish()
    }
}

impl<'a> PathValidator<'a> {
    /// A validator for paths ending at an anchor of `store`, with default options, no pool, no
    /// sources, no CRLs and no shared verifier.
    pub fn new(store: &'a TrustStore) -> Self {
        PathValidator {
            store,
            pools: Vec::new(),
            issuer_sources: Vec::new(),
            revocation_sources: Vec::new(),
            options: ValidationOptions::default(),
            hook: None,
            verifier: None,
        }
    }
    /// Untrusted intermediates and cross-certificates to build paths through: the in-memory
    /// issuer source (indexed by subject by the builder; CRL signers are found in it too). May be
    /// called several times.
    pub fn pool(mut self, pool: &'a [Certificate]) -> Self {
        if !pool.is_empty() {
            self.pools.push(pool);
        }
        self
    }
    /// Another issuer source, consulted after those added before (network sources only for a
    /// certificate no local source had an issuer for). Each query spends the source-query
    /// budget ([`Budget::source_queries`]).
    pub fn issuer_source(mut self, source: &'a dyn IssuerSource) -> Self {
        self.issuer_sources.push(source);
        self
    }
    /// CRLs for revocation checking: the supplied-CRL revocation source ([`SuppliedCrls`]).
    pub fn crls(mut self, crls: &'a [Crl]) -> Self {
        if !crls.is_empty() {
            self.revocation_sources.push(RevocationInput::Crls(SuppliedCrls::new(crls)));
        }
        self
    }
    /// Another revocation source, consulted after those added before (network sources only for
    /// a certificate no local source had data for). Each query spends the source-query budget.
    pub fn revocation_source(mut self, source: &'a dyn RevocationSource) -> Self {
        self.revocation_sources.push(RevocationInput::Source(source));
        self
    }
    /// The validation options (time, policies, EKU, revocation mode, budgets, profile, ...).
    pub fn options(mut self, options: ValidationOptions) -> Self {
        self.options = options;
        self
    }
    /// A hook that may reject a fully validated path (the search then goes on): pinning, domain
    /// rules, distrust dates.
    pub fn hook(mut self, hook: PathHook<'a>) -> Self {
        self.hook = Some(hook);
        self
    }
    /// A verification context whose signature results are shared with other validations.
    pub fn verifier(mut self, verifier: &'a Verifier) -> Self {
        self.verifier = Some(verifier);
        self
    }
    /// The options in force.
    pub fn current_options(&self) -> &ValidationOptions {
        &self.options
    }
    /// Build and validate every path (up to `max_paths`) from `leaf` to an anchor.
    pub fn validate(&self, leaf: &Certificate) -> ValidationReport {
        let rev: Vec<&dyn RevocationSource> = self
            .revocation_sources
            .iter()
            .map(|r| match r {
                RevocationInput::Crls(c) => c as &dyn RevocationSource,
                RevocationInput::Source(s) => *s,
            })
            .collect();
        // One pool slice is used as is (no copy): the common case stays as fast as before.
        let merged: Vec<Certificate>;
        let gathered: Vec<Certificate>;
        let mut pool: &[Certificate] = match self.pools.as_slice() {
            [] => &[],
            [one] => one,
            many => {
                merged = many.iter().flat_map(|p| p.iter().cloned()).collect();
                &merged
            }
        };
        let mut budget = self.options.budget.clone();
        let mut found = Vec::new();
        if !self.issuer_sources.is_empty() {
            match sources::gather_issuers(
                leaf,
                pool,
                &self.issuer_sources,
                self.store,
                &self.options,
                &mut budget,
                &mut found,
            ) {
                Ok(extra) if extra.is_empty() => {}
                Ok(extra) => {
                    gathered = pool.iter().cloned().chain(extra).collect();
                    pool = &gathered;
                }
                Err(e) => {
                    let mut report =
                        ValidationReport::failed(PathError::new(0, Check::Budget, build::budget_message(e)));
                    report.warnings = found;
                    return report;
                }
            }
        }
        let mut ctx = build::Ctx::new(pool, &rev, self.store, &self.options, self.hook, self.verifier);
        ctx.budget = budget;
        ctx.warnings = found;
        run(&mut ctx, leaf)
    }
}

/// Build and validate every path (up to `opts.max_paths`) from `leaf` to an anchor of `store`,
/// with `pool` as untrusted intermediates and cross-certificates and `crls` for revocation: the
/// one-call shorthand of [`PathValidator`], with no shared [`Verifier`].
///
/// The verdict does not depend on the order of `pool`.
pub fn validate(
    leaf: &Certificate,
    pool: &[Certificate],
    crls: &[Crl],
    store: &TrustStore,
    opts: &ValidationOptions,
) -> ValidationReport {
    let supplied = SuppliedCrls::new(crls);
    let rev: [&dyn RevocationSource; 1] = [&supplied];
    let mut ctx = build::Ctx::new(pool, &rev, store, opts, None, None);
    run(&mut ctx, leaf)
}

pub(crate) fn run<'a>(ctx: &mut build::Ctx<'a>, leaf: &'a Certificate) -> ValidationReport {
    if ctx.store.is_empty() {
        return ValidationReport::failed(
            PathError::new(0, Check::IssuerNotFound, crate::diag::codes::path::NO_ANCHOR)
                .with_hint(crate::diag::Hint::SupplyAnchor),
        );
    }
    let mut chain = vec![leaf];
    ctx.build(&mut chain);
    let valid = !ctx.valid.is_empty();
    let (error, best) = if valid {
        (None, None)
    } else if let Some(f) = ctx.fatal.clone() {
        (Some(f), ctx.best.as_ref().and_then(|b| b.1.clone()))
    } else {
        match ctx.best.clone() {
            Some((e, p, _)) => (Some(e), p),
            None => (Some(PathError::new(0, Check::IssuerNotFound, crate::diag::codes::path::NO_PATH)), None),
        }
    };
    ValidationReport {
        valid,
        paths: std::mem::take(&mut ctx.valid),
        warnings: std::mem::take(&mut ctx.warnings),
        error,
        best_invalid_path: best,
        tried: std::mem::take(&mut ctx.tried),
    }
}
