//! One XML operation per process, for scripts/bench-xml.sh to time and to measure the memory of
//! (`/usr/bin/time -v`):
//!
//! ```text
//! xml_cost c14n FILE [N]
//!     read FILE, parse it and canonicalize the whole document (inclusive C14N 1.0) into a sink
//!     that counts the bytes (`c14n::canonicalize_to`, as a digest is computed), N times
//!     (default 1); prints the size, the time of parse + C14N (the best of the N runs, file
//!     reading excluded; wall clock, and the thread's CPU time, which other load on the machine
//!     does not inflate) and the throughput in MB/s (10^6 bytes of input per second).
//! xml_cost sign KEY.pem CERT.pem IN OUT
//!     sign the e-invoice IN as the seller (`xml::sign_invoice_seller`, the certificate alone
//!     in KeyInfo, signing time now) into OUT: what a one-invoice signing process does. KEY is
//!     read without a passphrase (KYSO_PASS when it is encrypted).
//! ```

use kyso::xml::c14n::{C14N_10, Canonicalization, NodeSet, canonicalize_to};
use kyso::xml::{Document, Limits};
use std::time::{Duration, Instant};

/// CPU time used by this thread so far (other load on the machine does not count).
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn usage() -> ! {
    eprintln!("usage: xml_cost c14n FILE [N]\n       xml_cost sign KEY.pem CERT.pem IN OUT");
    std::process::exit(2);
}

fn main() -> kyso::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["c14n", file, rest @ ..] => {
            let n: u32 = match rest {
                [] => 1,
                [n] => n.parse().unwrap_or_else(|_| usage()),
                _ => usage(),
            };
            let input = kyso::io::read_file(file)?;
            let method = Canonicalization::from_uri(C14N_10).unwrap_or_else(|| usage());
            let (mut best, mut best_cpu) = (Duration::MAX, Duration::MAX);
            let mut out_len = 0;
            for _ in 0..n.max(1) {
                let (t0, c0) = (Instant::now(), thread_cpu());
                let doc = Document::parse(&input, &Limits::default())?;
                let mut len = 0;
                canonicalize_to(&doc, &NodeSet::document(false), &method, &mut |piece| len += piece.len());
                drop(doc);
                best = best.min(t0.elapsed());
                best_cpu = best_cpu.min(thread_cpu() - c0);
                out_len = len;
            }
            let mbs = |d: Duration| input.len() as f64 / d.as_secs_f64() / 1e6;
            println!(
                "c14n: {} bytes in, {out_len} bytes out, wall {:.2} ms = {:.1} MB/s, CPU {:.2} ms = {:.1} MB/s",
                input.len(),
                best.as_secs_f64() * 1e3,
                mbs(best),
                best_cpu.as_secs_f64() * 1e3,
                mbs(best_cpu)
            );
        }
        ["sign", key, cert, input, output] => {
            let pass = std::env::var("KYSO_PASS").ok();
            let key = kyso::keys::load_private_key(key, pass.as_deref().map(str::as_bytes))?;
            let cert = kyso::Certificate::load(cert)?;
            let xml = kyso::io::read_file(input)?;
            let signed =
                kyso::xml::sign_invoice_seller(&xml, &key, &cert, &[], time::OffsetDateTime::now_utc())?;
            std::fs::write(output, signed).map_err(|e| kyso::Error::io(output, e))?;
        }
        _ => usage(),
    }
    Ok(())
}
