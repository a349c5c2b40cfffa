//! `kyso sign`: CMS/CAdES signatures of one file or of many (`kyso::batch`).

use crate::args;
use crate::error::{EXIT_INPUT, EXIT_INVALID, UsageError};
use crate::lang::Lang;
use crate::secret::PassArgs;
use anyhow::Result;
use kyso::batch::{self, BatchSigner};
use kyso::cms::{self, SignOptions};
use kyso::{Error, ErrorKind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `kyso sign`.
#[derive(clap::Args, Debug)]
pub struct SignArgs {
    /// Files to sign. With --batch: files, directories (their files), or `-` to read a list of
    /// paths from stdin.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The signer's private key (PKCS#8, PKCS#1 or SEC1; PEM or DER; encrypted or not).
    #[arg(long, value_name = "KEY", requires = "cert", conflicts_with = "p12")]
    pub key: Option<PathBuf>,
    /// The signer's certificate (a bundle: the first is the signer, the rest its chain).
    #[arg(long, value_name = "CERT", requires = "key")]
    pub cert: Option<PathBuf>,
    /// A PKCS#12 file holding the key, the certificate and its chain.
    #[arg(long, value_name = "FILE")]
    pub p12: Option<PathBuf>,
    /// Certificates of the signer's chain to embed (repeatable).
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// Embed only the signer's certificate, not its chain.
    #[arg(long, conflicts_with = "chain")]
    pub no_chain: bool,
    /// Output file (default: FILE.p7s beside the input). Only with a single file.
    #[arg(short, long = "out", alias = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Embed the content in the signature (attached) instead of a detached signature.
    #[arg(long)]
    pub attached: bool,
    /// Write PEM (`-----BEGIN CMS-----`) instead of DER.
    #[arg(long)]
    pub pem: bool,
    /// Digest algorithm: sha256, sha384 or sha512 (default: the key's natural one).
    #[arg(long, value_name = "sha256|sha384|sha512")]
    pub digest: Option<String>,
    /// Use RSASSA-PSS (RSA keys).
    #[arg(long)]
    pub rsa_pss: bool,
    /// Add an RFC 3161 signature timestamp from this TSA (http:// or https://): CAdES-T / B-T.
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
    /// TSA timeout in seconds (the whole exchange).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub tsa_timeout: u64,
    /// Trust this root certificate (PEM or DER, repeatable) for an https:// TSA, instead of the
    /// built-in public roots.
    #[arg(long, value_name = "FILE", requires = "tsa")]
    pub tsa_ca_cert: Vec<PathBuf>,
    #[command(flatten)]
    pub pass: PassArgs,
    /// Sign even when the certificate check fails (expired, wrong key usage), and replace
    /// existing output files.
    #[arg(long)]
    pub force: bool,
    /// Sign many files in parallel on all cores, with a summary; errors do not stop the rest.
    #[arg(long)]
    pub batch: bool,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

fn exit_for(err: &Error) -> u8 {
    if err.kind() == ErrorKind::Invalid { EXIT_INVALID } else { EXIT_INPUT }
}

/// `kyso sign`.
pub fn run_sign(a: SignArgs, lang: Lang) -> Result<ExitCode> {
    let digest = a.digest.as_deref().map(str::parse::<cms::DigestAlgorithm>).transpose()?;
    let many = a.batch || a.files.len() > 1;
    if many && a.output.is_some() {
        return Err(UsageError::new("--out takes a single input file", "--out chỉ dùng với một tệp đầu vào")
            .hint("without --out each FILE gets FILE.p7s", "không có --out, mỗi TỆP được ký ra TỆP.p7s")
            .into());
    }
    let tsa = match &a.tsa {
        Some(u) => Some(args::tsa_client(u, a.tsa_timeout, &a.tsa_ca_cert, lang)?),
        None => None,
    };
    let files = if many { args::expand_inputs(&a.files, &["p7s", "p7m", "tsr"])? } else { a.files.clone() };
    if files.is_empty() {
        return Err(UsageError::new("no files to sign", "không có tệp nào để ký").into());
    }
    // No output may be an input (the key, a certificate, the document), --force or not.
    let mut inputs: Vec<&Path> =
        [a.key.as_deref(), a.cert.as_deref(), a.p12.as_deref(), a.pass.pass_file.as_deref()]
            .into_iter()
            .flatten()
            .collect();
    inputs.extend(a.chain.iter().map(PathBuf::as_path));
    inputs.extend(a.tsa_ca_cert.iter().map(PathBuf::as_path));
    if many {
        // Each output against the signer's files (each against its own input: kyso::batch).
        for f in &files {
            kyso::io::check_distinct(&inputs, &[&batch::signature_path(f)])?;
        }
    } else {
        inputs.push(&files[0]);
        let out = a.output.clone().unwrap_or_else(|| batch::signature_path(&files[0]));
        kyso::io::check_distinct(&inputs, &[&out])?;
    }
    // Check the input exists before asking for a passphrase.
    if !many {
        if let Some(f) = files.first().filter(|f| !f.is_file()) {
            kyso::io::read_file(f)?;
        }
    }
    let id = args::load_identity(
        a.key.as_deref(),
        a.cert.as_deref(),
        a.p12.as_deref(),
        &a.chain,
        a.no_chain,
        &a.pass,
        lang,
    )?;
    // Circular 15/2025/TT-BKHCN: check the certificate before signing (once for a batch). The
    // library decides; --force overrides policy problems only, never a key that is not the
    // certificate's.
    let problems = cms::check_signer(&id.key, &id.cert, time::OffsetDateTime::now_utc());
    let overridden = cms::decide_signing(problems, a.force)
        .map_err(|e| e.with_file(a.cert.as_deref().or(a.p12.as_deref()).unwrap_or(Path::new("-"))))?;
    for p in &overridden {
        eprintln!(
            "kyso: {}: {} — {}",
            lang.t("warning", "cảnh báo"),
            p.message().render(lang.into()),
            lang.t("signing anyway because of --force", "vẫn ký vì có --force")
        );
    }
    let options = SignOptions::default()
        .with_digest(digest)
        .with_rsa_pss(a.rsa_pss)
        .with_attached(a.attached)
        .with_chain(id.chain.clone())
        .with_force(a.force);
    let mut signer = BatchSigner::new(&id.key, &id.cert, options);
    signer.timestamper = tsa.as_ref().map(|t| t as &dyn cms::tsp::Timestamper);
    signer.pem = a.pem;
    signer.overwrite = a.force;

    if !many {
        let file = &files[0];
        let out = a.output.clone().unwrap_or_else(|| batch::signature_path(file));
        let sig = signer.sign_file(file, &out)?;
        let level = if tsa.is_some() { "CAdES-T (B-T)" } else { "CAdES-BES (B-B)" };
        if a.json {
            let v = serde_json::json!({
                "file": file, "signature": out, "algorithm": sig.algorithm.rfc_name(), "digest": sig.digest,
                "level": level, "attached": a.attached, "content_size": sig.content_len,
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        } else {
            println!(
                "{} {} -> {} ({}, {}, {})",
                lang.t("Signed", "Đã ký"),
                file.display(),
                out.display(),
                level,
                sig.algorithm.rfc_name(),
                if a.attached {
                    lang.t("attached", "đính kèm nội dung")
                } else {
                    lang.t("detached", "tách rời")
                }
            );
        }
        return Ok(ExitCode::SUCCESS);
    }

    let jobs: Vec<(PathBuf, PathBuf)> = files.iter().map(|f| (f.clone(), batch::signature_path(f))).collect();
    let pb = args::progress(jobs.len());
    let started = std::time::Instant::now();
    let items = signer.sign_all(&jobs, args::batch_threads(), &|done, _| pb.set_position(done as u64))?;
    pb.finish_and_clear();
    let elapsed = started.elapsed();
    let mut failures: Vec<(&Path, &Error)> =
        items.iter().filter_map(|it| it.result.as_ref().err().map(|e| (it.input.as_path(), e))).collect();
    failures.sort_by(|x, y| x.0.cmp(y.0));
    let ok = items.len() - failures.len();
    if a.json {
        let v = serde_json::json!({
            "signed": ok,
            "failed": failures.iter().map(|(f, e)| serde_json::json!({"file": f, "error": e.to_string(), "kind": e.kind()})).collect::<Vec<_>>(),
            "seconds": elapsed.as_secs_f64(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        for (f, e) in &failures {
            // The file the error is about: the existing output, or the input that failed.
            let named = e.file().unwrap_or(f);
            eprintln!(
                "kyso: {}: {}: {}",
                lang.t("error", "lỗi"),
                named.display(),
                e.render_message(lang.into())
            );
        }
        println!(
            "{}: {ok}/{} {} ({} {}), {:.2} s",
            lang.t("Summary", "Tổng kết"),
            items.len(),
            lang.t("files signed", "tệp đã ký"),
            failures.len(),
            lang.t("failed", "lỗi"),
            elapsed.as_secs_f64()
        );
    }
    Ok(match failures.iter().map(|(_, e)| exit_for(e)).max() {
        None => ExitCode::SUCCESS,
        Some(c) => ExitCode::from(c),
    })
}
