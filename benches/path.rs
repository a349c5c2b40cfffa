//! Path validation benchmarks (criterion):
//! - `rsa3`: a 3-certificate RSA-2048 chain (root anchor, intermediate, leaf), parsed
//!   certificates reused (with their parsed public keys); target ≥ 20,000 validations/s per
//!   core; `rsa3_cold` without the signature-result cache;
//! - `cross`: a gov leaf validated under the public root through a cross-certificate;
//! - `mesh30`: 30 CAs all cross-certifying each other, with no valid path: must end within the
//!   budget, in milliseconds;
//! - `vn/explicit_anchor` vs `vn/builtin_list`: a real Vietnamese chain (the tax authority's
//!   leaf -> CA phục vụ các cơ quan Nhà nước G2 -> RootCA chuyên dùng Chính phủ G2 from
//!   `$KYSO_SHARED/vn-certs` when present, else VNPT-CA SHA2 -> Vietnam National Root CA from
//!   the built-in list itself) validated with one explicit anchor (and the one intermediate it
//!   needs) and with the built-in trust list (`TrustStore::vietnam()` and the whole built-in
//!   pool); target: the built-in list costs at most 10% more.

#[path = "../tests/pki_gen/mod.rs"]
mod pki_gen;

use criterion::{Criterion, criterion_group, criterion_main};
use kyso::path::{ValidationOptions, validate};
use kyso::revocation::RevocationMode;
use kyso::{Certificate, TrustStore};
use pki_gen::{Ca, Opts};
use std::hint::black_box;

fn opts() -> ValidationOptions {
    ValidationOptions::default()
        .with_time(time::macros::datetime!(2026-06-01 00:00:00 UTC))
        .with_revocation(RevocationMode::Off)
        .with_max_paths(1)
}

fn store(anchor: &Certificate) -> TrustStore {
    let mut s = TrustStore::new();
    s.add(anchor.clone(), "root", "bench");
    s
}

/// 30 CAs, each cross-certified by every other one, and a leaf of CA 0; the anchor is unrelated.
pub fn mesh(n: usize) -> (Certificate, Vec<Certificate>, TrustStore) {
    let cas: Vec<Ca> = (0..n).map(|i| Ca::root(&format!("Mesh CA {i}"), "Mesh", &Opts::default())).collect();
    let mut pool = Vec::new();
    for (i, a) in cas.iter().enumerate() {
        for (j, b) in cas.iter().enumerate() {
            if i != j {
                pool.push(a.cross_certify(b, &Opts::default()));
            }
        }
    }
    let leaf = cas[0].leaf("Mesh Leaf", "Mesh", &Opts::default());
    let outsider = Ca::root("Unrelated Root", "Elsewhere", &Opts::default());
    (leaf, pool, store(&outsider.cert))
}

/// CPU time of this thread in nanoseconds (Linux `/proc/thread-self/schedstat`), so that the
/// per-core rate can be reported even on a machine shared with other work.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Run `f` `n` times and print CPU time per call and calls per second per core.
fn cpu_rate(name: &str, n: u32, mut f: impl FnMut()) {
    let (Some(start), wall) = (thread_cpu_ns(), std::time::Instant::now()) else { return };
    for _ in 0..n {
        f();
    }
    if let Some(end) = thread_cpu_ns() {
        let per = (end - start) as f64 / f64::from(n) / 1000.0;
        let wall_per = wall.elapsed().as_secs_f64() * 1e6 / f64::from(n);
        println!(
            "{name}: {per:.1} µs CPU per validation ({:.0}/s per core; wall {wall_per:.1} µs)",
            1e6 / per
        );
    }
}

fn benches(c: &mut Criterion) {
    let rsa = Opts { rsa: true, ..Opts::default() };
    let root = Ca::root("Bench Root", "Bench", &rsa);
    let sub = root.sub_ca("Bench Intermediate", "Bench", &rsa);
    let leaf = sub.leaf("Bench Leaf", "Bench", &Opts::default());
    let pool = vec![sub.cert.clone()];
    let st = store(&root.cert);
    let o = opts();
    assert!(validate(&leaf, &pool, &[], &st, &o).valid);
    let cold = opts();
    let verifier = kyso::crypto::Verifier::default();
    let warm = kyso::path::PathValidator::new(&st).pool(&pool).options(o.clone()).verifier(&verifier);
    // The floor: the two RSA-2048 signature verifications a cold validation must do (with the
    // issuers' keys parsed once, as a reused parsed certificate keeps them).
    let verify_two = || {
        for (issuer, cert) in [(&sub.cert, &leaf), (&root.cert, &sub.cert)] {
            let x = cert.x509();
            let r = kyso::crypto::verify::verify_with(
                issuer.parsed_keys(),
                issuer.x509().public_key(),
                None,
                &x.signature_algorithm,
                &x.signature_value.data,
                x.tbs_certificate.as_ref(),
                false,
            );
            assert!(r.is_valid());
        }
    };
    cpu_rate("rsa3 floor: 2 RSA-2048 verifications alone", 3000, verify_two);
    cpu_rate("rsa3 (no shared signature cache)", 3000, || {
        assert!(validate(&leaf, &pool, &[], &st, &cold).valid)
    });
    cpu_rate("rsa3", 3000, || assert!(warm.validate(&leaf).valid));
    // Nothing reused: the three certificates parsed from DER for every validation.
    let ders = [leaf.der().to_vec(), sub.cert.der().to_vec(), root.cert.der().to_vec()];
    cpu_rate("rsa3 (certificates parsed for every validation, no cache)", 3000, || {
        let [l, s, r] = ders.clone().map(|d| Certificate::from_der(d).unwrap());
        assert!(validate(&l, &[s], &[], &store(&r), &cold).valid)
    });
    c.bench_function("rsa3_cold", |b| b.iter(|| black_box(validate(&leaf, &pool, &[], &st, &cold)).valid));
    c.bench_function("rsa3", |b| b.iter(|| black_box(warm.validate(&leaf)).valid));

    let public = Ca::root("Public Root", "Public", &Opts::default());
    let gov = Ca::root("Gov Root", "Gov", &Opts::default());
    let gov_sub = gov.sub_ca("Gov CA", "Gov", &Opts::default());
    let cross = public.cross_certify(&gov, &Opts::default());
    let gov_leaf = gov_sub.leaf("Officer", "Gov", &Opts::default());
    let pool2 = vec![gov_sub.cert.clone(), cross, gov.cert.clone()];
    let st2 = store(&public.cert);
    assert!(validate(&gov_leaf, &pool2, &[], &st2, &o).valid);
    cpu_rate("cross (no shared signature cache)", 1000, || {
        assert!(validate(&gov_leaf, &pool2, &[], &st2, &cold).valid)
    });
    let warm2 = kyso::path::PathValidator::new(&st2).pool(&pool2).options(o.clone()).verifier(&verifier);
    cpu_rate("cross", 1000, || assert!(warm2.validate(&gov_leaf).valid));
    c.bench_function("cross", |b| b.iter(|| black_box(warm2.validate(&gov_leaf)).valid));

    let (mleaf, mpool, mstore) = mesh(30);
    let r = validate(&mleaf, &mpool, &[], &mstore, &o);
    assert!(!r.valid);
    cpu_rate("mesh30 (no shared signature cache)", 5, || {
        assert!(!validate(&mleaf, &mpool, &[], &mstore, &cold).valid)
    });
    let warm3 = kyso::path::PathValidator::new(&mstore).pool(&mpool).options(o.clone()).verifier(&verifier);
    cpu_rate("mesh30", 5, || assert!(!warm3.validate(&mleaf).valid));
    let mut g = c.benchmark_group("mesh");
    g.sample_size(10);
    g.bench_function("mesh30", |b| b.iter(|| black_box(warm3.validate(&mleaf)).valid));
    g.finish();

    vn_benches(c, &verifier);
}

/// One explicit anchor vs the built-in Vietnamese trust list, on a real chain.
fn vn_benches(c: &mut Criterion, verifier: &kyso::crypto::Verifier) {
    use kyso::path::PathValidator;
    use kyso::trust::vn;
    let o = opts().with_time(time::macros::datetime!(2025-06-01 00:00:00 UTC));
    let find = |file: &str| {
        vn::list().entries().iter().find(|e| e.file == file).expect("a built-in entry").cert.clone()
    };
    let shared = std::env::var_os("KYSO_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("vn-certs/leaf-example-tong-cuc-thue-btc-issued-by-cpca-g2.pem");
    let (chain, leaf, explicit_store, explicit_pool) = match Certificate::load(&shared) {
        Ok(leaf) => (
            "vn3 tax leaf -> CA Nha nuoc G2 -> RootCA G2",
            leaf,
            store(&find("vgca-rootca-chuyen-dung-chinh-phu-g2.pem")),
            vec![find("vgca-ca-phuc-vu-cac-co-quan-nha-nuoc-g2.pem")],
        ),
        Err(_) => (
            "vn2 VNPT-CA SHA2 -> Vietnam National Root CA",
            find("vnpt-ca-sha2.pem"),
            store(&find("vietnam-national-root-ca-sha256-g2.pem")),
            Vec::new(),
        ),
    };
    let explicit = |v: Option<&kyso::crypto::Verifier>| {
        let mut p = PathValidator::new(&explicit_store).pool(&explicit_pool).options(o.clone());
        if let Some(v) = v {
            p = p.verifier(v);
        }
        p.validate(&leaf)
    };
    // The store is taken once, as the explicit one is (a caller keeps it; `TrustStore::vietnam()`
    // alone is timed below).
    let vn_store = kyso::TrustStore::vietnam();
    let builtin = |v: Option<&kyso::crypto::Verifier>| {
        let mut p = PathValidator::new(&vn_store).pool(vn::pool()).options(o.clone());
        if let Some(v) = v {
            p = p.verifier(v);
        }
        p.validate(&leaf)
    };
    assert!(explicit(None).valid);
    assert!(builtin(None).valid);
    cpu_rate(&format!("{chain}: one explicit anchor (no shared signature cache)"), 300, || {
        assert!(explicit(None).valid)
    });
    cpu_rate(&format!("{chain}: built-in trust list (no shared signature cache)"), 300, || {
        assert!(builtin(None).valid)
    });
    for _ in 0..2 {
        cpu_rate(&format!("{chain}: one explicit anchor"), 50000, || assert!(explicit(Some(verifier)).valid));
        cpu_rate(&format!("{chain}: built-in trust list"), 50000, || assert!(builtin(Some(verifier)).valid));
    }
    cpu_rate("TrustStore::vietnam() alone (after the first call)", 100000, || {
        black_box(kyso::TrustStore::vietnam());
    });
    let mut g = c.benchmark_group("vn");
    g.bench_function("explicit_anchor", |b| b.iter(|| black_box(explicit(Some(verifier))).valid));
    g.bench_function("builtin_list", |b| b.iter(|| black_box(builtin(Some(verifier))).valid));
    g.bench_function("explicit_anchor_cold", |b| b.iter(|| black_box(explicit(None)).valid));
    g.bench_function("builtin_list_cold", |b| b.iter(|| black_box(builtin(None)).valid));
    g.finish();
}

criterion_group!(path, benches);
criterion_main!(path);
