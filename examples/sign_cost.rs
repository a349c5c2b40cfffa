//! CPU time of one signature on one thread: the raw RSA (or other) signature through
//! `Signer::sign`, and a whole detached CAdES signature of 4 KiB in memory (`cms::sign`, with
//! the chain embedded). Measured with the thread's CPU clock, so other load on the machine does
//! not count. scripts/bench-batch.sh compares it with `openssl speed`.
//!
//! With `SIGN_COST_FILES=DIR`, it also measures the file work of a batch without any signing:
//! for each `*.bin` file of DIR, read it and write a 2 KiB `.p7s` beside it the way the batch
//! signer does (`io::write_atomic`, flushed later): the floor under a signed file's cost.
//!
//! ```text
//! cargo run --release --example sign_cost -- KEY.pem CERT.pem [CHAIN.pem] [N]
//! ```

use kyso::cms::{self, SignOptions};
use kyso::{Certificate, Signer};
use std::hint::black_box;
use std::time::Duration;

/// CPU time used by this thread so far.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn per_op(n: u32, mut f: impl FnMut()) -> Duration {
    for _ in 0..n / 10 {
        f();
    }
    let t0 = thread_cpu();
    for _ in 0..n {
        f();
    }
    (thread_cpu() - t0) / n
}

fn main() -> kyso::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (key, cert) = match args.as_slice() {
        [k, c, ..] => (k, c),
        _ => {
            eprintln!("usage: sign_cost KEY CERT [CHAIN] [N]");
            std::process::exit(2);
        }
    };
    let chain = match args.get(2) {
        Some(c) if c.parse::<u32>().is_err() => Certificate::load_all(c)?,
        _ => Vec::new(),
    };
    let n = args.last().and_then(|a| a.parse::<u32>().ok()).unwrap_or(2000);
    let key = kyso::keys::load_private_key(key, None)?;
    let cert = Certificate::load(cert)?;
    let data = vec![0x5au8; 4096];
    let alg = key.default_algorithm();
    let raw = per_op(n, || {
        black_box(key.sign(alg, black_box(&data)).unwrap());
    });
    let opts = SignOptions::default().with_chain(chain);
    let whole = per_op(n, || {
        black_box(cms::sign(&key, &cert, &mut &data[..], &opts).unwrap());
    });
    println!("raw {alg} signature: {:.3} ms CPU", raw.as_secs_f64() * 1e3);
    println!("cms::sign 4 KiB:     {:.3} ms CPU", whole.as_secs_f64() * 1e3);
    if let Some(dir) = std::env::var_os("SIGN_COST_FILES") {
        let mut inputs = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(|e| kyso::Error::io(std::path::Path::new(&dir), e))? {
            let path = entry.map_err(|e| kyso::Error::io(std::path::Path::new(&dir), e))?.path();
            if path.extension().is_some_and(|x| x == "bin") {
                inputs.push(path);
            }
        }
        let signature = vec![0x30u8; 2048];
        let options = kyso::io::WriteOptions::default().with_defer_sync(true);
        let t0 = thread_cpu();
        for input in &inputs {
            black_box(kyso::io::read_file(input)?);
            let mut out = input.clone().into_os_string();
            out.push(".p7s");
            kyso::io::write_atomic(out, &signature, options)?;
        }
        let per_file = (thread_cpu() - t0) / inputs.len().max(1) as u32;
        println!("file work per file:  {:.3} ms CPU", per_file.as_secs_f64() * 1e3);
    }
    Ok(())
}
