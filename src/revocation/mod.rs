//! Revocation checking (RFC 5280 §6.3.3 with CRLs, RFC 6960 with OCSP): [`check_certificate`]
//! on CRLs, [`check_data`] on CRLs and OCSP answers, [`check_from_sources`] on what revocation
//! sources give.
//!
//! What it does, per RFC 5280 §6.3.3: selects the complete CRLs whose scope covers the
//! certificate (issuer, or the distribution point's cRLIssuer with an indirect CRL;
//! issuingDistributionPoint names, full or relative to the CRL issuer; onlyContainsUserCerts,
//! onlyContainsCACerts, onlyContainsAttributeCerts), keeps those current at the checked time,
//! accumulates the reasons they cover (distribution point reasons ∩ onlySomeReasons) until all
//! are covered, verifies each CRL's signature with a signer that has cRLSign (the certificate's
//! issuer, or one given by a [`CrlSignerResolver`]: separate CRL keys, indirect CRL issuers, key
//! rollover), applies delta CRLs (removeFromCRL lifts a hold), and matches entries on the exact
//! serial and, in indirect CRLs, the entry's certificate issuer. CRLs with an unrecognised
//! critical extension or entry extension, without cRLNumber, or with malformed extensions are
//! skipped with the reason kept for the final message.
//!
//! OCSP answers ([`RevocationData::Ocsp`]) are read by the `ocsp` module (its documentation
//! lists every check: CertID, nonce, responder authorization, signature, times with a stated
//! clock-skew tolerance); a verified answer decides good or revoked for the certificate it
//! answers. With both kinds of data, a revocation by either wins; otherwise a good answer of
//! either establishes the status.
//!
//! Where the data comes from: [`RevocationSource`]s consulted in order ([`check_from_sources`]:
//! local sources first, such as [`SuppliedCrls`] for the caller's CRLs; then the network sources
//! [`OcspSource`] and [`CrlFetcher`] one at a time, only while the status is not established),
//! or a slice of CRLs ([`check_certificate`]). The network sources fetch only: the engine
//! validates what they bring as it validates supplied data. Nothing here touches the network
//! unless the caller adds a network source.
//!
//! What it does not do: validate the CRL signer's own path (the resolver's job), check the trust
//! anchor itself, or check an OCSP responder's own status. SHA-1 and DSA CRL and OCSP signatures
//! are accepted only when the caller allows legacy algorithms.

/// How revocation status is used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RevocationMode {
    /// Do not check.
    Off,
    /// Check what is available; an unknown status is a warning (Circular 15/2025/TT-BKHCN asks
    /// for a warning when status cannot be checked). The default.
    #[default]
    Soft,
    /// An unknown status makes the path invalid.
    Require,
}

impl std::str::FromStr for RevocationMode {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "off" => Ok(Self::Off),
            "soft" => Ok(Self::Soft),
            "require" => Ok(Self::Require),
            _ => Err(crate::Error::usage(rc::UNKNOWN_MODE).with("mode", s)),
        }
    }
}

mod crl_info;
mod names;
pub mod ocsp;
mod online;
mod source;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_crafted;

pub use ocsp::{CertIdHash, OcspAnswer, OcspRequest, OcspResponse};
pub use online::{CrlFetcher, CrlFetcherOptions, OcspSource, OcspSourceOptions};
pub use source::{RevocationData, RevocationSource, SuppliedCrls, gather};

use crate::certificate::Certificate;
use crate::crl::Crl;
use crate::crypto::verify::{self as signature, SigResult};
use crate::diag::{Message, codes::revocation as rc};
use crl_info::{ALL_REASONS, CrlInfo, Entry, REASON_REMOVE_FROM_CRL, reason_flags_names, reason_name};
use names::{NormGeneralName, NormName, any_common, resolve_dp_name};
use std::cell::RefCell;
use std::collections::HashMap;
use time::OffsetDateTime;
use x509_cert::ext::pkix::crl::dp::DistributionPoint;

/// The revocation status of one certificate (RFC 5280 §6.3.3: UNREVOKED, a revocation reason,
/// or UNDETERMINED).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevocationStatus {
    /// Every reason is covered by a current, correctly signed CRL in scope, and none lists the
    /// certificate.
    Good,
    /// A current CRL in scope lists the certificate (certificateHold included, unless a delta CRL
    /// removes it), or a verified OCSP answer says it is revoked.
    Revoked {
        /// The CRLReason name (RFC 5280 §5.3.1), e.g. `keyCompromise`; `None` when the entry
        /// has no reasonCode.
        reason: Option<String>,
        /// The revocation date of the entry.
        date: OffsetDateTime,
        /// The issuer of the CRL that lists it (RFC 4514-like string); for an OCSP answer, the
        /// certificate's issuer.
        crl_issuer: String,
        /// The OCSP responder whose answer says so (its name, or `key <hex>`), when the status
        /// comes from OCSP.
        ocsp_responder: Option<String>,
    },
    /// The status could not be determined; `reason` says why (no CRL in scope, no usable CRL,
    /// reasons not covered, ...) and `notes` why each CRL in scope was not used (expired CRL, bad
    /// signature, ...).
    Unknown {
        /// Why (a `revocation-` code naming the certificate as `subject`).
        reason: Message,
        /// Why CRLs in scope were not used (`crl-check-` codes).
        notes: Vec<Message>,
    },
}

impl RevocationStatus {
    /// Whether the status is [`RevocationStatus::Good`].
    pub fn is_good(&self) -> bool {
        matches!(self, RevocationStatus::Good)
    }

    /// Whether the status is [`RevocationStatus::Revoked`].
    pub fn is_revoked(&self) -> bool {
        matches!(self, RevocationStatus::Revoked { .. })
    }

    /// Whether this status makes a path invalid under `mode`: Revoked always (unless `Off`),
    /// Unknown only under [`RevocationMode::Require`] (under `Soft` it is a warning).
    pub fn fails(&self, mode: RevocationMode) -> bool {
        match (mode, self) {
            (RevocationMode::Off, _) | (_, RevocationStatus::Good) => false,
            (_, RevocationStatus::Revoked { .. }) => true,
            (RevocationMode::Require, RevocationStatus::Unknown { .. }) => true,
            (RevocationMode::Soft, RevocationStatus::Unknown { .. }) => false,
        }
    }
}

impl std::fmt::Display for RevocationStatus {
    /// One English line (the CLI translates): `good`, `revoked on <date> (<reason>) by CRL of
    /// <issuer>`, `unknown: <reason>`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RevocationStatus::Good => f.write_str("good"),
            RevocationStatus::Revoked { reason, date, crl_issuer, ocsp_responder } => {
                write!(f, "revoked on {}", fmt_time(*date))?;
                if let Some(r) = reason {
                    write!(f, " ({r})")?;
                }
                match ocsp_responder {
                    Some(r) => write!(f, " by OCSP responder {r}"),
                    None => write!(f, " by CRL of {crl_issuer}"),
                }
            }
            RevocationStatus::Unknown { reason, notes } => {
                write!(f, "unknown: {reason}")?;
                if !notes.is_empty() {
                    let notes: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
                    write!(f, " ({})", notes.join("; "))?;
                }
                Ok(())
            }
        }
    }
}

/// Gives certificates that may sign CRLs for a given issuer name, each already path-validated to
/// the same trust anchor as the certificate being checked (RFC 5280 §6.3.3 (f)) and itself
/// revocation-checked. Implemented by the path builder (it owns the pool, the anchors and the
/// recursion budget).
///
/// A CRL issuer's own certificate may be covered by a CRL that it signs itself (an indirect CRL
/// issuer, PKITS 4.14.30): when asked for it while that certificate's own status is being
/// checked (its signature chain already established), a resolver should return it rather than
/// treat the cycle as a failure; a CRL revoking its own signer still yields Revoked.
///
/// It is also asked, with the name of a DSA CRL signer's issuer, for the certificate whose DSA
/// domain parameters the signer's key inherits (RFC 3279 §2.3.2) when that key has none.
pub trait CrlSignerResolver {
    /// `crl_issuer_der`: raw DER of the CRL issuer Name. Returns candidate certificates whose
    /// subject matches it; empty when none validates.
    fn validated_signers(&self, crl_issuer_der: &[u8]) -> Vec<Certificate>;
}

/// A resolver that knows no other signer: only the certificate's issuer can sign its CRLs.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoOtherSigners;

impl CrlSignerResolver for NoOtherSigners {
    fn validated_signers(&self, _crl_issuer_der: &[u8]) -> Vec<Certificate> {
        Vec::new()
    }
}

/// cRLDistributionPoints (RFC 5280 §4.2.1.13), compared as DER bytes.
const OID_CRL_DP: x509_parser::oid_registry::Oid<'static> =
    x509_parser::oid_registry::OID_X509_EXT_CRL_DISTRIBUTION_POINTS;

/// One distribution point of the certificate, resolved for matching.
struct Dp {
    /// Full names of the distributionPoint field, if present.
    names: Option<Vec<NormGeneralName>>,
    /// The reasons field (bit i = reason i), `ALL_REASONS` when absent.
    reasons: u16,
    /// Directory names of the cRLIssuer field, if present.
    crl_issuer: Option<Vec<NormName>>,
    /// Every name of the cRLIssuer field (for IDP name matching).
    crl_issuer_names: Vec<NormGeneralName>,
}

impl Dp {
    fn from_x509_cert(dp: &DistributionPoint, cert_issuer: &NormName) -> Self {
        let crl_issuer_names: Vec<NormGeneralName> = dp
            .crl_issuer
            .as_ref()
            .map(|v| v.iter().map(NormGeneralName::from_x509_cert).collect())
            .unwrap_or_default();
        let crl_issuer = dp.crl_issuer.as_ref().map(|_| {
            crl_issuer_names
                .iter()
                .filter_map(|n| match n {
                    NormGeneralName::Directory(d) => Some(d.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        });
        // RFC 5280 §4.2.1.13: a nameRelativeToCRLIssuer is relative to the cRLIssuer if present,
        // else to the certificate issuer.
        let base = crl_issuer.as_ref().and_then(|v| v.first()).unwrap_or(cert_issuer);
        Dp {
            names: dp.distribution_point.as_ref().map(|n| resolve_dp_name(n, base)),
            reasons: dp.reasons.as_ref().map_or(ALL_REASONS, |r| r.bits() & ALL_REASONS),
            crl_issuer,
            crl_issuer_names,
        }
    }

    /// The distribution point assumed when the certificate has no cRLDistributionPoints: the
    /// certificate issuer's CRLs, all reasons.
    fn default_point() -> Self {
        Dp { names: None, reasons: ALL_REASONS, crl_issuer: None, crl_issuer_names: Vec::new() }
    }
}

/// What one complete CRL (with its delta, if any) said.
enum Outcome {
    /// Not usable for this certificate and distribution point; the note explains why (`None`
    /// when the CRL is simply about something else).
    Skip(Option<Message>),
    /// Covers these reasons and does not list the certificate; the CRLs used.
    Covered(u16, Vec<CrlUse>),
    /// Lists the certificate; the CRLs used.
    Revoked(RevocationStatus, Vec<CrlUse>),
}

/// Shared state of one check.
struct Ctx<'a> {
    cert: &'a Certificate,
    issuer: &'a Certificate,
    cert_issuer: NormName,
    is_ca: bool,
    infos: Vec<CrlInfo<'a>>,
    time: OffsetDateTime,
    allow_legacy: bool,
    resolver: &'a dyn CrlSignerResolver,
    /// Resolver answers per issuer DER, so that it is asked once per name.
    resolved: RefCell<HashMap<Vec<u8>, Vec<Certificate>>>,
}

/// Check `cert` (whose issuer in the path is `issuer`, a full certificate; for a trust anchor
/// issuer the anchor cert) against `crls` at `time`, per RFC 5280 §6.3.3. `issuer` is itself a
/// valid CRL signer for direct CRLs (when its keyUsage, if present, has cRLSign); other signers
/// (indirect CRLs, separate CRL-signing keys, key rollover) come from `resolver`. Never panics on
/// malformed CRLs: they are skipped with the reason recorded.
///
/// Details:
/// - only CRLs current at `time` are used (thisUpdate ≤ time ≤ nextUpdate; a CRL without
///   nextUpdate is taken as current);
/// - CRLs are tried newest first, per distribution point, until every reason is covered (§6.3.3
///   (k)) or one lists the certificate;
/// - a delta CRL is applied to a complete CRL of the same issuer and scope when its BaseCRLNumber
///   is not above the complete CRL's number and its own number is higher; when such deltas
///   exist but none is current, the status is unknown (the newest information is missing);
/// - an entry whose revocation date (or earlier invalidity date) is after `time` does not revoke
///   at `time` (status at signing time);
/// - SHA-1 and DSA CRL signatures are accepted only with `allow_legacy`.
pub fn check_certificate(
    cert: &Certificate,
    issuer: &Certificate,
    crls: &[Crl],
    time: OffsetDateTime,
    allow_legacy: bool,
    resolver: &dyn CrlSignerResolver,
) -> RevocationStatus {
    check_certificate_detailed(cert, issuer, crls, time, allow_legacy, resolver).status
}

/// One CRL that a decision rests on: its position in the `crls` given to
/// [`check_certificate_detailed`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CrlUse {
    /// Index into the caller's `crls`.
    pub index: usize,
    /// Whether it was used as a delta CRL (RFC 5280 §5.2.4) on top of a complete CRL.
    pub delta: bool,
}

/// The status with its evidence, for reports that keep the CRLs a decision used (Circular
/// 15/2025/TT-BKHCN asks to keep the certificate, the CRL and the result).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevocationCheck {
    /// The status.
    pub status: RevocationStatus,
    /// The CRLs that contributed (complete CRLs, and the deltas applied to them), in order of
    /// use; for `Revoked`, the last ones are those listing the certificate.
    pub crls_used: Vec<CrlUse>,
    /// Why other CRLs in scope, or OCSP answers, were not used (expired, bad signature,
    /// unusable extension, unauthorized responder, ...).
    pub notes: Vec<Message>,
    /// The OCSP answer the status rests on, when one does: its index among the OCSP answers
    /// given (in [`SourcedCheck::ocsp`] for [`check_from_sources`]).
    pub ocsp_used: Option<usize>,
}

/// The status decided from [`RevocationSource`]s, with the data it rests on.
#[derive(Clone, Debug)]
pub struct SourcedCheck {
    /// The status and its evidence; [`CrlUse::index`] points into `crls`,
    /// [`RevocationCheck::ocsp_used`] into `ocsp`.
    pub check: RevocationCheck,
    /// The CRLs the sources gave, in source order.
    pub crls: Vec<Crl>,
    /// The OCSP answers the sources gave, in source order.
    pub ocsp: Vec<OcspAnswer>,
    /// What the sources reported (`source-` and `ocsp-` warnings).
    pub findings: Vec<crate::diag::Finding>,
}

/// [`check_data`] on the data of `sources`: every local source first; then, while the status
/// is not established (good or revoked), each network source in the order given (OCSP before
/// CRL distribution points, as the caller orders them), re-checking after each one that gave
/// data.
pub fn check_from_sources(
    cert: &Certificate,
    issuer: &Certificate,
    sources: &[&dyn RevocationSource],
    time: OffsetDateTime,
    allow_legacy: bool,
    resolver: &dyn CrlSignerResolver,
) -> SourcedCheck {
    let ask = |_: &dyn RevocationSource| Ok::<bool, std::convert::Infallible>(true);
    match check_from_sources_metered(cert, issuer, sources, time, allow_legacy, resolver, ask) {
        Ok(c) => c,
        Err(never) => match never {},
    }
}

/// [`check_from_sources`] with `ask` called before each source query: `Ok(true)` to ask it,
/// `Ok(false)` to skip it (a spent network allowance), `Err` to stop the check (a spent budget).
pub fn check_from_sources_metered<E>(
    cert: &Certificate,
    issuer: &Certificate,
    sources: &[&dyn RevocationSource],
    time: OffsetDateTime,
    allow_legacy: bool,
    resolver: &dyn CrlSignerResolver,
    mut ask: impl FnMut(&dyn RevocationSource) -> Result<bool, E>,
) -> Result<SourcedCheck, E> {
    let mut findings = Vec::new();
    let mut data = Vec::new();
    for s in sources.iter().filter(|s| !s.is_network()) {
        if ask(*s)? {
            s.revocation_data(cert, issuer, &mut data, &mut findings);
        }
    }
    let split = |data: &[RevocationData]| {
        let mut crls = Vec::new();
        let mut ocsp = Vec::new();
        for d in data {
            match d {
                RevocationData::Crl(c) => crls.push(c.clone()),
                RevocationData::Ocsp(a) => ocsp.push(a.clone()),
            }
        }
        (crls, ocsp)
    };
    let (mut crls, mut ocsp) = split(&data);
    let mut check = check_data(cert, issuer, &crls, &ocsp, time, allow_legacy, resolver);
    for s in sources.iter().filter(|s| s.is_network()) {
        if !matches!(check.status, RevocationStatus::Unknown { .. }) {
            break;
        }
        if !ask(*s)? {
            continue;
        }
        let before = data.len();
        s.revocation_data(cert, issuer, &mut data, &mut findings);
        if data.len() > before {
            (crls, ocsp) = split(&data);
            check = check_data(cert, issuer, &crls, &ocsp, time, allow_legacy, resolver);
        }
    }
    Ok(SourcedCheck { check, crls, ocsp, findings })
}

/// The status of `cert` (issued by `issuer`) at `time` from `crls` ([`check_certificate_detailed`])
/// and `ocsp` answers (verified by the `ocsp` module, skew tolerance [`ocsp::CLOCK_SKEW`]): a
/// revocation by either wins; otherwise a good answer of either establishes the status;
/// otherwise it is unknown, with why each CRL and answer was not used in the notes.
pub fn check_data(
    cert: &Certificate,
    issuer: &Certificate,
    crls: &[Crl],
    ocsp: &[OcspAnswer],
    time: OffsetDateTime,
    allow_legacy: bool,
    resolver: &dyn CrlSignerResolver,
) -> RevocationCheck {
    let mut notes: Vec<Message> = Vec::new();
    let mut good: Option<usize> = None;
    for (i, a) in ocsp.iter().enumerate() {
        match ocsp::check_answer(a, cert, issuer, time, allow_legacy) {
            ocsp::OcspOutcome::Revoked { date, reason } => {
                return RevocationCheck {
                    status: RevocationStatus::Revoked {
                        reason,
                        date,
                        crl_issuer: cert.issuer_string(),
                        ocsp_responder: Some(a.response.responder()),
                    },
                    crls_used: Vec::new(),
                    notes,
                    ocsp_used: Some(i),
                };
            }
            ocsp::OcspOutcome::Good => {
                good.get_or_insert(i);
            }
            ocsp::OcspOutcome::NotForThis => {}
            ocsp::OcspOutcome::Unusable(m) => {
                if !notes.contains(&m) {
                    notes.push(m);
                }
            }
        }
    }
    if crls.is_empty() && good.is_some() {
        return RevocationCheck {
            status: RevocationStatus::Good,
            crls_used: Vec::new(),
            notes,
            ocsp_used: good,
        };
    }
    let mut c = check_certificate_detailed(cert, issuer, crls, time, allow_legacy, resolver);
    let mut all = notes;
    for n in c.notes.drain(..) {
        if !all.contains(&n) {
            all.push(n);
        }
    }
    c.notes = all;
    match c.status {
        RevocationStatus::Revoked { .. } => c,
        RevocationStatus::Good => c,
        RevocationStatus::Unknown { .. } if good.is_some() => RevocationCheck {
            status: RevocationStatus::Good,
            crls_used: Vec::new(),
            notes: c.notes,
            ocsp_used: good,
        },
        RevocationStatus::Unknown { reason, .. } => {
            // With OCSP answers and no CRL that could decide, say both were tried.
            let reason = if !ocsp.is_empty()
                && (reason.code == rc::NO_CRL_IN_SCOPE || reason.code == rc::NO_USABLE_CRL)
            {
                Message::new(rc::NO_USABLE_DATA)
                    .with("issuer", cert.issuer_string())
                    .with("subject", cert.subject_string())
            } else {
                reason
            };
            RevocationCheck {
                status: RevocationStatus::Unknown { reason, notes: c.notes.clone() },
                crls_used: c.crls_used,
                notes: c.notes,
                ocsp_used: None,
            }
        }
    }
}

/// [`check_certificate`] with the evidence: which CRLs were used and why others were not.
pub fn check_certificate_detailed(
    cert: &Certificate,
    issuer: &Certificate,
    crls: &[Crl],
    time: OffsetDateTime,
    allow_legacy: bool,
    resolver: &dyn CrlSignerResolver,
) -> RevocationCheck {
    let x = cert.x509();
    let cert_issuer = NormName::from_x509(x.issuer());
    let is_ca = matches!(x.basic_constraints(), Ok(Some(bc)) if bc.value.ca);
    let mut dps = Vec::new();
    for ext in x.extensions().iter().filter(|e| crate::crypto::oids::same(&e.oid, &OID_CRL_DP)) {
        match <x509_cert::ext::pkix::CrlDistributionPoints as der::Decode>::from_der(ext.value) {
            Ok(points) => dps.extend(points.0.iter().map(|p| Dp::from_x509_cert(p, &cert_issuer))),
            Err(_) => {
                return RevocationCheck {
                    status: RevocationStatus::Unknown {
                        reason: Message::new(rc::DP_MALFORMED).with("subject", cert.subject_string()),
                        notes: Vec::new(),
                    },
                    crls_used: Vec::new(),
                    notes: Vec::new(),
                    ocsp_used: None,
                };
            }
        }
    }
    if dps.is_empty() {
        dps.push(Dp::default_point());
    }
    let mut infos: Vec<CrlInfo<'_>> = crls.iter().enumerate().map(|(i, c)| CrlInfo::new(c, i)).collect();
    // Newest first (§6.3.3 (a): use the most recent information).
    infos.sort_by(|a, b| b.this_update.cmp(&a.this_update).then(a.index.cmp(&b.index)));
    let ctx = Ctx {
        cert,
        issuer,
        cert_issuer,
        is_ca,
        infos,
        time,
        allow_legacy,
        resolver,
        resolved: RefCell::new(HashMap::new()),
    };
    ctx.run(&dps)
}

impl Ctx<'_> {
    fn run(&self, dps: &[Dp]) -> RevocationCheck {
        let mut reasons_mask: u16 = 0;
        let mut notes: Vec<Message> = Vec::new();
        let mut crls_used: Vec<CrlUse> = Vec::new();
        for dp in dps {
            for crl in self.infos.iter().filter(|c| !c.is_delta()) {
                if reasons_mask == ALL_REASONS {
                    break;
                }
                match self.process(dp, crl, reasons_mask) {
                    Outcome::Skip(Some(note)) => {
                        if !notes.contains(&note) {
                            notes.push(note)
                        }
                    }
                    Outcome::Skip(None) => {}
                    Outcome::Covered(interim, used) => {
                        reasons_mask |= interim;
                        add_uses(&mut crls_used, used);
                    }
                    Outcome::Revoked(status, used) => {
                        add_uses(&mut crls_used, used);
                        return RevocationCheck { status, crls_used, notes, ocsp_used: None };
                    }
                }
            }
        }
        if reasons_mask == ALL_REASONS {
            return RevocationCheck { status: RevocationStatus::Good, crls_used, notes, ocsp_used: None };
        }
        let issuer = self.cert.issuer_string();
        let reason = if reasons_mask == 0 {
            if notes.is_empty() {
                Message::new(rc::NO_CRL_IN_SCOPE).with("issuer", issuer)
            } else {
                Message::new(rc::NO_USABLE_CRL).with("issuer", issuer)
            }
        } else {
            Message::new(rc::REASONS_NOT_COVERED)
                .with("reasons", reason_flags_names(ALL_REASONS & !reasons_mask))
        };
        let reason = reason.with("subject", self.cert.subject_string());
        let status = RevocationStatus::Unknown { reason, notes: notes.clone() };
        RevocationCheck { status, crls_used, notes, ocsp_used: None }
    }

    /// RFC 5280 §6.3.3 (b)–(j) for one complete CRL and one distribution point.
    fn process(&self, dp: &Dp, crl: &CrlInfo<'_>, reasons_mask: u16) -> Outcome {
        // (b)(1): the CRL issuer.
        match &dp.crl_issuer {
            Some(names) => {
                if !names.contains(&crl.issuer) {
                    return Outcome::Skip(None);
                }
                // A cRLIssuer naming the certificate issuer itself breaks RFC 5280 §4.2.1.13
                // ("MUST omit"), but such a CRL is the issuer's own direct CRL: accept it.
                if !crl.is_indirect() && crl.issuer != self.cert_issuer {
                    return Outcome::Skip(Some(Message::new(rc::NOT_INDIRECT).with("crl", crl.label())));
                }
            }
            None => {
                if crl.issuer != self.cert_issuer {
                    return Outcome::Skip(None);
                }
            }
        }
        if let Some(why) = crl.unusable_reason() {
            return Outcome::Skip(Some(why.with("crl", crl.label())));
        }
        // (b)(2): the issuing distribution point.
        if let Some(why) = self.idp_mismatch(dp, crl) {
            return Outcome::Skip(Some(why.with("crl", crl.label())));
        }
        // (a): current at `time`.
        if let Some(why) = self.not_current(crl) {
            return Outcome::Skip(Some(why.with("crl", crl.label())));
        }
        // (c), (d): reasons.
        let idp_reasons = crl
            .idp
            .as_ref()
            .and_then(|i| i.only_some_reasons.as_ref())
            .map_or(ALL_REASONS, |r| *r & ALL_REASONS);
        let interim = dp.reasons & idp_reasons;
        if interim & !reasons_mask == 0 {
            return Outcome::Skip(None);
        }
        // (f): signer and signature.
        let signer = match self.find_signer(crl) {
            Ok(s) => s,
            Err(why) => return Outcome::Skip(Some(why.with("crl", crl.label()))),
        };
        // (g): a delta CRL for this complete CRL.
        let delta = match self.find_delta(crl, &signer) {
            Ok(d) => d,
            Err(why) => return Outcome::Skip(Some(why)),
        };
        // (h), (i), (j): the entry.
        let serial = self.cert.x509().raw_serial();
        let (entry, source) =
            match delta.and_then(|d| d.find_entry(&self.cert_issuer, serial).map(|e| (e, d))) {
                Some((e, d)) => (Some(e), d),
                None => (crl.find_entry(&self.cert_issuer, serial), crl),
            };
        let mut used = vec![CrlUse { index: crl.index, delta: false }];
        if let Some(d) = delta {
            used.push(CrlUse { index: d.index, delta: true });
        }
        match entry {
            Some(e) if e.reason == Some(REASON_REMOVE_FROM_CRL) => Outcome::Covered(interim, used),
            Some(e) if self.revoked_at_time(&e) => Outcome::Revoked(
                RevocationStatus::Revoked {
                    reason: e.reason.map(reason_name),
                    date: e.revocation_date,
                    crl_issuer: source.issuer_string.clone(),
                    ocsp_responder: None,
                },
                used,
            ),
            // Listed, but revoked after `time`: not revoked at `time`. (certificateHold revokes
            // like any other reason; only removeFromCRL in a delta lifts it.)
            Some(_) | None => Outcome::Covered(interim, used),
        }
    }

    /// Whether an entry revokes the certificate at `time`: its revocation date, or the
    /// invalidity date when earlier (RFC 5280 §5.3.2), is not after `time`.
    fn revoked_at_time(&self, e: &Entry) -> bool {
        let effective = match e.invalidity_date {
            Some(d) if d < e.revocation_date => d,
            _ => e.revocation_date,
        };
        effective <= self.time
    }

    /// RFC 5280 §6.3.3 (b)(2): why the CRL's issuingDistributionPoint does not cover the
    /// certificate under this distribution point, if it does not.
    fn idp_mismatch(&self, dp: &Dp, crl: &CrlInfo<'_>) -> Option<Message> {
        let idp = crl.idp.as_ref()?;
        if let Some(name) = &idp.distribution_point {
            let idp_names = resolve_dp_name(name, &crl.issuer);
            let ok = match (&dp.names, &dp.crl_issuer) {
                (Some(names), _) => any_common(&idp_names, names),
                (None, Some(_)) => any_common(&idp_names, &dp.crl_issuer_names),
                // A partitioned CRL with a named distribution point does not cover a
                // certificate that names none (as OpenSSL decides).
                (None, None) => false,
            };
            if !ok {
                let shown: Vec<String> = idp_names.iter().map(|n| n.describe()).collect();
                return Some(Message::new(rc::DP_MISMATCH).with("names", shown.join(", ")));
            }
        }
        if idp.only_contains_user_certs && self.is_ca {
            return Some(Message::new(rc::ONLY_USER_CERTS));
        }
        if idp.only_contains_ca_certs && !self.is_ca {
            return Some(Message::new(rc::ONLY_CA_CERTS));
        }
        if idp.only_contains_attribute_certs {
            return Some(Message::new(rc::ONLY_ATTRIBUTE_CERTS));
        }
        None
    }

    /// Why the CRL is not current at `time`, if it is not.
    fn not_current(&self, crl: &CrlInfo<'_>) -> Option<Message> {
        if crl.this_update > self.time {
            return Some(Message::new(rc::NOT_YET_VALID).with("this_update", fmt_time(crl.this_update)));
        }
        match crl.next_update {
            Some(n) if n < self.time => Some(Message::new(rc::EXPIRED).with("next_update", fmt_time(n))),
            _ => None,
        }
    }

    /// RFC 5280 §6.3.3 (f): a certificate that may sign this CRL (its subject is the CRL issuer;
    /// keyUsage, if present, has cRLSign) and whose key verifies the CRL's signature.
    fn find_signer(&self, crl: &CrlInfo<'_>) -> Result<Certificate, Message> {
        let mut problems: Vec<Message> = Vec::new();
        let direct = NormName::from_x509(self.issuer.x509().subject()) == crl.issuer;
        if direct {
            match self.try_signer(self.issuer, crl) {
                Ok(()) => return Ok(self.issuer.clone()),
                Err(p) => problems.push(p),
            }
        }
        let others = self.resolve(crl.issuer_der);
        if others.iter().all(|c| c == self.issuer) && direct {
            problems.push(Message::new(rc::NO_OTHER_SIGNER).with("issuer", &crl.issuer_string));
        }
        for cand in others {
            if cand == *self.issuer {
                continue;
            }
            match self.try_signer(&cand, crl) {
                Ok(()) => return Ok(cand),
                Err(p) => {
                    if !problems.contains(&p) {
                        problems.push(p)
                    }
                }
            }
        }
        // The first problem is the most direct one (the certificate issuer's own key).
        match problems.into_iter().next() {
            None => Err(Message::new(rc::NO_SIGNER).with("issuer", &crl.issuer_string)),
            Some(p) => Err(p),
        }
    }

    fn resolve(&self, name_der: &[u8]) -> Vec<Certificate> {
        if let Some(v) = self.resolved.borrow().get(name_der) {
            return v.clone();
        }
        let v = self.resolver.validated_signers(name_der);
        self.resolved.borrow_mut().insert(name_der.to_vec(), v.clone());
        v
    }

    fn try_signer(&self, signer: &Certificate, crl: &CrlInfo<'_>) -> Result<(), Message> {
        let x = signer.x509();
        match x.key_usage() {
            Ok(Some(ku)) if !ku.value.crl_sign() => {
                return Err(Message::new(rc::SIGNER_NO_CRL_SIGN));
            }
            Err(_) => return Err(Message::new(rc::SIGNER_KEY_USAGE_MALFORMED)),
            _ => {}
        }
        let spki = x.public_key();
        let inherited = if signature::is_dsa_without_parameters(spki) {
            self.inherited_dsa_parameters(signer)
        } else {
            None
        };
        let parsed = crl.crl.parsed();
        // RFC 5280 §6.3.3 (f), (g): the one verifier of kyso (SHA-1 and DSA are legacy; DSA
        // parameters inherited per RFC 3279 §2.3.2).
        match signature::verify(
            spki,
            inherited.as_deref(),
            &parsed.signature_algorithm,
            &parsed.signature_value.data,
            parsed.tbs_cert_list.as_ref(),
            self.allow_legacy,
        ) {
            SigResult::Valid { .. } => Ok(()),
            SigResult::Invalid(_) => Err(Message::new(rc::SIGNATURE_INVALID)),
            SigResult::Unsupported(m) => {
                use crate::diag::codes::crypto;
                let mut note = if m.code == crypto::LEGACY_REFUSED {
                    Message::new(rc::SIGNATURE_LEGACY_REFUSED)
                } else if m.code == crypto::LEGACY_SHORT_RSA_REFUSED {
                    Message::new(rc::SIGNATURE_LEGACY_SHORT_RSA_REFUSED)
                } else {
                    Message::new(rc::SIGNATURE_UNSUPPORTED).with("cause", m.code.id())
                };
                for (k, v) in m.params.iter() {
                    note.params.set(k, v);
                }
                Err(note)
            }
            SigResult::NeedsInheritedParameters => Err(Message::new(rc::SIGNATURE_DSA_NO_PARAMETERS)),
        }
    }

    /// DSA parameter inheritance (RFC 3279 §2.3.2): the parameters of the signer's issuer key.
    fn inherited_dsa_parameters(&self, signer: &Certificate) -> Option<Vec<u8>> {
        let issuer_name = signer.x509().issuer().as_raw().to_vec();
        let mut candidates = Vec::new();
        if self.issuer.x509().subject().as_raw() == issuer_name.as_slice() && *self.issuer != *signer {
            candidates.push(self.issuer.clone());
        }
        candidates.extend(self.resolve(&issuer_name));
        candidates.iter().find_map(|c| signature::dsa_parameters(c.x509().public_key()))
    }

    /// RFC 5280 §6.3.3 (a)(2), (g): the delta CRL to apply with `complete`, if any. Deltas of
    /// the same issuer and scope based on this complete CRL that are all out of date make the
    /// pair unusable.
    fn find_delta<'c>(
        &'c self,
        complete: &CrlInfo<'_>,
        signer: &Certificate,
    ) -> Result<Option<&'c CrlInfo<'c>>, Message> {
        let Some(number) = &complete.number else {
            return Ok(None);
        };
        let mut stale: Option<Message> = None;
        let mut best: Option<&CrlInfo<'_>> = None;
        for d in self.infos.iter().filter(|d| d.is_delta()) {
            let (Some(base), Some(dnum)) = (&d.delta_base, &d.number) else {
                continue;
            };
            if d.issuer != complete.issuer || d.idp_raw != complete.idp_raw || base > number || dnum <= number
            {
                continue;
            }
            if let Some(why) = d.unusable_reason() {
                stale.get_or_insert(why.with("crl", format!("delta {}", d.label())));
                continue;
            }
            if let Some(why) = self.not_current(d) {
                stale.get_or_insert(why.with("crl", format!("delta {}", d.label())));
                continue;
            }
            if best.is_none_or(|b| b.number.as_ref().is_some_and(|bn| dnum > bn)) {
                best = Some(d);
            }
        }
        match best {
            // (g): the delta is verified with the public key validated in (f) for the complete CRL.
            Some(d) => match self.try_signer(signer, d) {
                Ok(()) => Ok(Some(d)),
                Err(why) => Err(why.with("crl", format!("delta {}", d.label()))),
            },
            None => match stale {
                Some(why) => Err(why),
                None => Ok(None),
            },
        }
    }
}

fn add_uses(to: &mut Vec<CrlUse>, used: Vec<CrlUse>) {
    for u in used {
        if !to.contains(&u) {
            to.push(u);
        }
    }
}

fn fmt_time(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| t.to_string())
}
