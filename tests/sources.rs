//! Issuer and revocation sources in path validation: a directory of certificates, sources
//! consulted in order with network sources last, the source-query budget, and verdicts that do
//! not depend on the order of the sources.

mod pki_gen;

use kyso::diag::Finding;
use kyso::diag::codes::{path as path_codes, sources as source_codes};
use kyso::path::{Budget, Check, PathValidator, ValidationOptions};
use kyso::revocation::{RevocationData, RevocationMode, RevocationSource};
use kyso::trust::{DirectoryIssuers, IssuerSource, MemoryIssuers};
use kyso::{Certificate, TrustStore};
use pki_gen::{Ca, Opts};
use std::sync::atomic::{AtomicUsize, Ordering};

fn opts() -> ValidationOptions {
    ValidationOptions::default()
        .with_time(time::OffsetDateTime::now_utc())
        .with_revocation(RevocationMode::Off)
}

fn store(root: &Ca) -> TrustStore {
    let mut s = TrustStore::new();
    s.add(root.cert.clone(), "root", "public");
    s
}

/// A source that answers from a list, counting the questions; network or not.
struct Counting {
    certs: Vec<Certificate>,
    network: bool,
    asked: AtomicUsize,
}

impl Counting {
    fn new(certs: Vec<Certificate>, network: bool) -> Self {
        Counting { certs, network, asked: AtomicUsize::new(0) }
    }
}

impl IssuerSource for Counting {
    fn issuers_of(&self, _cert: &Certificate, found: &mut Vec<Certificate>, _findings: &mut Vec<Finding>) {
        self.asked.fetch_add(1, Ordering::SeqCst);
        found.extend(self.certs.iter().cloned());
    }
    fn is_network(&self) -> bool {
        self.network
    }
}

#[test]
fn a_directory_source_supplies_intermediates_and_reports_what_it_skipped() {
    let root = Ca::root("Sources Root", "Kyso Test", &Opts::default());
    let sub = root.sub_ca("Sources Sub", "Kyso Test", &Opts::default());
    let leaf = sub.leaf("leaf.example", "Kyso Test", &Opts::default());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sub.pem"), sub.cert.to_pem()).unwrap();
    std::fs::write(dir.path().join("junk.txt"), "not a certificate").unwrap();
    let source = DirectoryIssuers::open(dir.path()).unwrap();
    assert_eq!(source.certs().len(), 1);
    assert_eq!(source.warnings().len(), 1);
    assert_eq!(source.warnings()[0].code(), source_codes::DIR_FILE_SKIPPED);
    let st = store(&root);

    let without = PathValidator::new(&st).options(opts()).validate(&leaf);
    assert!(!without.valid);
    let with = PathValidator::new(&st).issuer_source(&source).options(opts()).validate(&leaf);
    assert!(with.valid, "{:?}", with.error);
    assert!(with.warnings.iter().any(|w| w.code() == source_codes::DIR_FILE_SKIPPED));
    assert!(DirectoryIssuers::open(dir.path().join("missing")).is_err());
}

#[test]
fn network_sources_are_asked_only_when_local_sources_ran_dry() {
    let root = Ca::root("Net Root", "Kyso Test", &Opts::default());
    let sub = root.sub_ca("Net Sub", "Kyso Test", &Opts::default());
    let leaf = sub.leaf("leaf.example", "Kyso Test", &Opts::default());
    let st = store(&root);
    let pool = [sub.cert.clone()];
    let local = MemoryIssuers::new(&pool);

    let net = Counting::new(vec![sub.cert.clone()], true);
    let r = PathValidator::new(&st).issuer_source(&net).issuer_source(&local).options(opts()).validate(&leaf);
    assert!(r.valid);
    assert_eq!(net.asked.load(Ordering::SeqCst), 0, "a local source had the issuer");

    let net = Counting::new(vec![sub.cert.clone()], true);
    let r = PathValidator::new(&st).pool(&pool).issuer_source(&net).options(opts()).validate(&leaf);
    assert!(r.valid);
    assert_eq!(net.asked.load(Ordering::SeqCst), 0, "the pool had the issuer");

    let net = Counting::new(vec![sub.cert.clone()], true);
    let r = PathValidator::new(&st).issuer_source(&net).options(opts()).validate(&leaf);
    assert!(r.valid, "{:?}", r.error);
    // Asked for the leaf only: the sub CA's issuer is an anchor.
    assert_eq!(net.asked.load(Ordering::SeqCst), 1);
}

#[test]
fn the_source_query_budget_stops_a_source_with_many_candidates() {
    let root = Ca::root("Budget Root", "Kyso Test", &Opts::default());
    // Many CAs with the same name (each its own key): each is a candidate issuer of the leaf
    // and each is asked about in turn.
    let subs: Vec<Ca> = (0..40).map(|_| root.sub_ca("Budget Sub", "Kyso Test", &Opts::default())).collect();
    let leaf = subs[7].leaf("leaf.example", "Kyso Test", &Opts::default());
    let st = store(&root);
    let many = Counting::new(subs.iter().map(|s| s.cert.clone()).collect(), false);

    let r = PathValidator::new(&st).issuer_source(&many).options(opts()).validate(&leaf);
    assert!(r.valid, "the default budget suffices: {:?}", r.error);

    let tight = opts().with_budget(Budget::default().with_source_queries(5));
    let many = Counting::new(subs.iter().map(|s| s.cert.clone()).collect(), false);
    let r = PathValidator::new(&st).issuer_source(&many).options(tight).validate(&leaf);
    assert!(!r.valid);
    let e = r.error.expect("an error");
    assert_eq!(e.check, Check::Budget);
    assert_eq!(e.code(), path_codes::BUDGET_SOURCE_QUERIES);
    assert_eq!(many.asked.load(Ordering::SeqCst), 5);
}

#[test]
fn the_verdict_does_not_depend_on_the_order_of_the_sources() {
    let root = Ca::root("Order Root", "Kyso Test", &Opts::default());
    let sub = root.sub_ca("Order Sub", "Kyso Test", &Opts::default());
    let other = root.sub_ca("Order Sub", "Kyso Test", &Opts::default()); // same name, other key
    let leaf = sub.leaf("leaf.example", "Kyso Test", &Opts::default());
    let st = store(&root);
    let a = Counting::new(vec![other.cert.clone()], false);
    let b = Counting::new(vec![sub.cert.clone(), other.cert.clone()], false);
    let ab = PathValidator::new(&st).issuer_source(&a).issuer_source(&b).options(opts()).validate(&leaf);
    let ba = PathValidator::new(&st).issuer_source(&b).issuer_source(&a).options(opts()).validate(&leaf);
    assert!(ab.valid && ba.valid);
    assert_eq!(ab.paths.len(), ba.paths.len());
    assert_eq!(ab.paths[0].certificates, ba.paths[0].certificates);
    assert_eq!(ab.tried.len(), ba.tried.len());
}

/// A revocation source that has nothing, metered.
struct Empty;

impl RevocationSource for Empty {
    fn revocation_data(
        &self,
        _cert: &Certificate,
        _issuer: &Certificate,
        _found: &mut Vec<RevocationData>,
        _findings: &mut Vec<Finding>,
    ) {
    }
}

#[test]
fn revocation_sources_are_asked_and_metered() {
    let root = Ca::root("Rev Root", "Kyso Test", &Opts::default());
    let leaf = root.leaf("leaf.example", "Kyso Test", &Opts::default());
    let st = store(&root);
    let soft = opts().with_revocation(RevocationMode::Soft);
    let r = PathValidator::new(&st).revocation_source(&Empty).options(soft.clone()).validate(&leaf);
    assert!(r.valid, "no data is a warning in soft mode: {:?}", r.error);
    assert!(!r.warnings.is_empty());
    let none = soft.with_budget(Budget::default().with_source_queries(0));
    let r = PathValidator::new(&st).revocation_source(&Empty).options(none.clone()).validate(&leaf);
    assert_eq!(r.error.map(|e| e.code()), Some(path_codes::BUDGET_SOURCE_QUERIES));
    // Supplied CRLs are not metered.
    let r = PathValidator::new(&st).crls(&[]).options(none).validate(&leaf);
    assert!(r.valid);
}
