//! CMS signing and verification benchmarks (criterion).
//!
//! `cargo bench --bench cms`. scripts/bench-sign.sh compares the CLI with OpenSSL in one run.

#[path = "../tests/cms_common/mod.rs"]
mod cms_common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kyso::cms::{self, DigestAlgorithm, SignOptions};
use rayon::prelude::*;
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let p = cms_common::Pki::new();
    let data = vec![0x5au8; 4096];
    let opts = SignOptions::default().with_chain(vec![p.ca.clone()]);

    let mut g = c.benchmark_group("sign-4KiB");
    g.throughput(Throughput::Elements(1));
    for (name, leaf) in [("rsa2048", &p.rsa), ("p256", &p.p256), ("ed25519", &p.ed25519)] {
        g.bench_function(name, |b| {
            b.iter(|| cms::sign(leaf.key.as_ref(), &leaf.cert, &mut &data[..], &opts).unwrap())
        });
    }
    g.finish();

    // Raw RSA-2048 signature versus a whole CMS signature: the overhead of CMS.
    let mut g = c.benchmark_group("rsa2048");
    g.throughput(Throughput::Elements(1));
    g.bench_function("raw-signature", |b| {
        b.iter(|| {
            kyso::Signer::sign(p.rsa.key.as_ref(), kyso::SignatureAlgorithm::RsaPkcs1Sha256, black_box(&data))
        })
    });
    g.bench_function("batch-1000-parallel", |b| {
        b.iter(|| {
            (0..1000).into_par_iter().for_each(|_| {
                black_box(cms::sign(p.rsa.key.as_ref(), &p.rsa.cert, &mut &data[..], &opts).unwrap());
            })
        })
    });
    g.finish();

    let mut g = c.benchmark_group("verify-4KiB-full-path");
    g.throughput(Throughput::Elements(1));
    let vopts = p.verify_options();
    for (name, leaf) in [("rsa2048", &p.rsa), ("p256", &p.p256)] {
        let sig = cms::sign(leaf.key.as_ref(), &leaf.cert, &mut &data[..], &opts).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| {
                let r = cms::verify(&sig.der, Some(&mut &data[..]), &vopts).unwrap();
                assert!(r.valid);
            })
        });
    }
    g.finish();

    let big = vec![0xa5u8; 16 << 20];
    let mut g = c.benchmark_group("digest-16MiB");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    for d in [DigestAlgorithm::Sha256, DigestAlgorithm::Sha512] {
        g.bench_function(d.name(), |b| {
            b.iter(|| kyso::crypto::digest::digest_reader(&mut &big[..], &[d]).unwrap())
        });
    }
    g.finish();
}

criterion_group!(cms_benches, benches);
criterion_main!(cms_benches);
