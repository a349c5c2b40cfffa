//! Verify a detached signature and print who signed, when, and the path.
//!
//! ```text
//! cargo run --example verify_file -- FILE FILE.p7s ROOT.pem [INTERMEDIATES.pem...]
//! ```

use kyso::cms::{self, VerifyOptions};
use kyso::{Certificate, Result, TrustStore};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::from(1),
        Err(e) => {
            eprintln!("verify_file: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, sig, root, rest @ ..] = args.as_slice() else {
        eprintln!("usage: verify_file FILE SIG ROOT [INTERMEDIATES...]");
        std::process::exit(2);
    };
    let mut store = TrustStore::new();
    store.add_path(root, "default")?;
    let mut untrusted = Vec::new();
    for r in rest {
        untrusted.extend(Certificate::load_all(r)?);
    }
    let opts = VerifyOptions::default().with_store(store).with_untrusted(untrusted);
    let signature = kyso::io::read_file(sig)?;
    let mut data = std::fs::File::open(file).map_err(|e| kyso::Error::io(file, e))?;
    let report = cms::verify(&signature, Some(&mut data), &opts)?;
    for s in &report.signers {
        let who = s.identity.as_ref().and_then(|i| i.common_name.clone()).unwrap_or_default();
        let mst = s.identity.as_ref().and_then(|i| i.tax_code.clone()).unwrap_or_default();
        println!("signer: {who} (MST {mst}) -> {}", if s.valid { "valid" } else { "INVALID" });
        if let Some(t) = &s.claimed_signing_time {
            println!(
                "  claimed signing time: {} ({}){}",
                t.utc,
                t.vietnam,
                if s.signing_time_proven { "" } else { " unproven" }
            );
        }
        if let Some(p) = s.path.as_ref().and_then(|p| p.paths.first()) {
            let chain: Vec<_> = p.certificates.iter().map(|c| c.subject.as_str()).collect();
            println!("  path [{}]: {}", p.domain, chain.join(" -> "));
        }
        for e in &s.errors {
            println!("  error: {e}");
        }
    }
    Ok(report.valid)
}
