//! Sign a file with a detached CAdES-BES signature (`FILE.p7s`).
//!
//! ```text
//! cargo run --example sign_file -- KEY.pem CERT.pem FILE [CHAIN.pem]
//! ```
//! An encrypted key takes its passphrase from the `KYSO_PASS` environment variable.

use kyso::cms::{self, SignOptions};
use kyso::io::{WriteOptions, write_atomic};
use kyso::{Certificate, Result};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sign_file: {e}");
            std::process::ExitCode::from(if e.kind() == kyso::ErrorKind::Invalid { 1 } else { 2 })
        }
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [key, cert, file, rest @ ..] = args.as_slice() else {
        eprintln!("usage: sign_file KEY CERT FILE [CHAIN]");
        std::process::exit(2);
    };
    let pass = std::env::var("KYSO_PASS").ok();
    let key = kyso::keys::load_private_key(key, pass.as_deref().map(str::as_bytes))?;
    let cert = Certificate::load(cert)?;
    let mut chain = Vec::new();
    for c in rest {
        chain.extend(Certificate::load_all(c)?);
    }
    // Refuses an expired certificate, a key usage without digitalSignature/nonRepudiation and
    // a key that is not the certificate's (Circular 15/2025/TT-BKHCN).
    let mut data = std::fs::File::open(file).map_err(|e| kyso::Error::io(file, e))?;
    let sig = cms::sign(&key, &cert, &mut data, &SignOptions::default().with_chain(chain))?;
    let out = format!("{file}.p7s");
    write_atomic(&out, &sig.der, WriteOptions::default())?;
    println!("{file} -> {out} ({}, {} bytes signed)", sig.algorithm.rfc_name(), sig.content_len);
    Ok(())
}
