//! `kyso sign`, `kyso verify` and `kyso timestamp`: CMS/CAdES signatures and RFC 3161 tokens.

use crate::error::{EXIT_INPUT, EXIT_INVALID};
use crate::lang::Lang;
use crate::secret::PassArgs;
use anyhow::Result;
use kyso::cms::{
    self, Check, CheckStatus, SignOptions, SignerReport, TimestampReport, TsaClient, VerificationReport,
};
use kyso::io::{WriteOptions, write_atomic};
use kyso::keys::SoftwareKey;
use kyso::revocation::RevocationMode;
use kyso::trust::Pool;
use kyso::{Certificate, Crl, Error, ErrorKind, TrustStore};
use rayon::prelude::*;
use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

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
    #[arg(short, long, value_name = "OUT")]
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

/// Trust inputs shared by `verify` and `timestamp verify`.
#[derive(clap::Args, Debug, Clone)]
pub struct TrustArgs {
    /// Trust anchor certificate(s): a file, PEM bundle or directory (repeatable).
    #[arg(long, value_name = "FILE")]
    pub anchor: Vec<PathBuf>,
    /// A named trust domain and its anchors, NAME=FILE (repeatable), e.g. gov=gov-root.pem.
    #[arg(long, value_name = "NAME=FILE")]
    pub domain: Vec<String>,
    /// Untrusted intermediate and cross-certificates for path building (repeatable).
    #[arg(long, value_name = "FILE")]
    pub untrusted: Vec<PathBuf>,
    /// CRLs for revocation checking (repeatable).
    #[arg(long, value_name = "FILE")]
    pub crl: Vec<PathBuf>,
    /// Verification time (RFC 3339), default now.
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    /// Revocation checking: off, soft (unknown status is a warning), require.
    #[arg(long, value_name = "off|soft|require", default_value = "soft")]
    pub revocation: String,
}

/// `kyso verify`.
#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// The signed file (with --sig or FILE.p7s beside it), or an attached signature. With
    /// --batch: several files, directories, or `-` for a list on stdin.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The detached signature (default: FILE.p7s when it exists).
    #[arg(long, value_name = "FILE.p7s")]
    pub sig: Option<PathBuf>,
    #[command(flatten)]
    pub trust: TrustArgs,
    /// JSON output (the full verification report).
    #[arg(long)]
    pub json: bool,
    /// Verify many files in parallel with a summary.
    #[arg(long)]
    pub batch: bool,
}

/// `kyso timestamp`.
#[derive(clap::Subcommand, Debug)]
pub enum TimestampCommand {
    /// Ask a TSA for an RFC 3161 timestamp of a file; writes the response (.tsr).
    Request(TsRequestArgs),
    /// Verify an RFC 3161 token or response (.tsr) against the data.
    Verify(TsVerifyArgs),
}

/// `kyso timestamp request`.
#[derive(clap::Args, Debug)]
pub struct TsRequestArgs {
    /// The file to timestamp.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The TSA (http:// or https://).
    #[arg(long, value_name = "URL")]
    pub tsa: String,
    /// Trust this root certificate (PEM or DER, repeatable) for an https:// TSA, instead of the
    /// built-in public roots.
    #[arg(long, value_name = "FILE")]
    pub tsa_ca_cert: Vec<PathBuf>,
    /// Output (default FILE.tsr).
    #[arg(short, long, value_name = "FILE.tsr")]
    pub output: Option<PathBuf>,
    /// Message imprint digest: sha256, sha384 or sha512.
    #[arg(long, value_name = "sha256|sha384|sha512", default_value = "sha256")]
    pub digest: String,
    /// Timeout in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
}

/// `kyso timestamp verify`.
#[derive(clap::Args, Debug)]
pub struct TsVerifyArgs {
    /// The token or response (.tsr), DER or PEM.
    #[arg(value_name = "FILE.tsr")]
    pub token: PathBuf,
    /// The timestamped data.
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// The nonce of the request, hex, to check it was echoed.
    #[arg(long, value_name = "HEX")]
    pub nonce: Option<String>,
    #[command(flatten)]
    pub trust: TrustArgs,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

// ---------------------------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------------------------

struct Identity {
    key: SoftwareKey,
    cert: Certificate,
    chain: Vec<Certificate>,
}

fn load_identity(a: &SignArgs, lang: Lang) -> Result<Identity> {
    if let Some(p12) = &a.p12 {
        let data = zeroize::Zeroizing::new(kyso::io::read_file(p12)?);
        let pass = a.pass.get(lang.t("PKCS#12 passphrase: ", "Mật khẩu PKCS#12: "), false)?;
        let bundle = kyso::keys::pkcs12::import(&data, pass.as_bytes()).map_err(|e| e.with_file(p12))?;
        let mut chain = bundle.chain;
        for c in &a.chain {
            chain.extend(Certificate::load_all(c)?);
        }
        if a.no_chain {
            chain.clear();
        }
        return Ok(Identity { key: bundle.key, cert: bundle.cert, chain });
    }
    let (Some(key_path), Some(cert_path)) = (&a.key, &a.cert) else {
        return Err(Error::usage("a signing key is needed: --key KEY --cert CERT, or --p12 FILE").into());
    };
    let mut certs = Certificate::load_all(cert_path)?;
    let cert = certs.remove(0);
    let data = zeroize::Zeroizing::new(kyso::io::read_file(key_path)?);
    let key = if kyso::keys::is_encrypted(&data) {
        let pass = a.pass.get(lang.t("Key passphrase: ", "Mật khẩu khóa: "), false)?;
        kyso::keys::read_private_key(&data, Some(pass.as_bytes())).map_err(|e| e.with_file(key_path))?
    } else {
        kyso::keys::read_private_key(&data, None).map_err(|e| e.with_file(key_path))?
    };
    let mut chain = certs;
    for c in &a.chain {
        chain.extend(Certificate::load_all(c)?);
    }
    if a.no_chain {
        chain.clear();
    }
    Ok(Identity { key, cert, chain })
}

fn default_sig_path(file: &Path) -> PathBuf {
    let mut s = file.as_os_str().to_os_string();
    s.push(".p7s");
    PathBuf::from(s)
}

/// Expand batch arguments: files, directories (their regular files, `.p7s` skipped), `-`.
fn expand_inputs(args: &[PathBuf], skip_ext: &[&str]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for a in args {
        if a.as_os_str() == "-" {
            for line in std::io::stdin().lock().lines() {
                let line = line.map_err(|e| {
                    Error::new(ErrorKind::Io, format!("reading the file list from stdin: {e}"))
                })?;
                let t = line.trim_end_matches('\r');
                if !t.is_empty() {
                    out.push(PathBuf::from(t));
                }
            }
        } else if a.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(a)
                .map_err(|e| Error::io(a, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| {
                    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
                    !skip_ext.contains(&ext)
                })
                .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(a.clone());
        }
    }
    Ok(out)
}

/// The TSA client of `--tsa URL`, `--tsa-timeout`/`--timeout` and `--tsa-ca-cert FILE...`.
fn tsa_client(url: &str, timeout: u64, ca_certs: &[PathBuf]) -> kyso::Result<TsaClient> {
    let mut roots = Vec::new();
    for f in ca_certs {
        roots.extend(Certificate::load_all(f)?.into_iter().map(|c| c.der().to_vec()));
    }
    let http = kyso::net::HttpClient::new(kyso::net::HttpOptions {
        timeout: std::time::Duration::from_secs(timeout.max(1)),
        extra_roots: roots,
        ..Default::default()
    })?;
    TsaClient::with_http_client(url, http)
}

struct SignJob<'a> {
    id: &'a Identity,
    opts: SignOptions,
    tsa: Option<TsaClient>,
    pem: bool,
    force: bool,
    /// Batch mode: outputs are flushed together at the end (`kyso::io::sync_filesystem`).
    defer_sync: bool,
}

impl SignJob<'_> {
    fn run(&self, file: &Path, out: &Path) -> kyso::Result<cms::SignatureOutput> {
        let f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
        let input = f.metadata().map_err(|e| Error::io(file, e))?;
        if input.is_dir() {
            return Err(Error::input("is a directory, expected a file").with_file(file));
        }
        // One stat of the output: absent (the usual case), or the input itself, or a file that
        // only --force may replace.
        if out.symlink_metadata().is_ok() {
            if kyso::io::same_file(file, out) {
                return Err(Error::usage("the output would replace the input").with_file(file));
            }
            if !self.force {
                return Err(Error::new(ErrorKind::Io, "already exists")
                    .with_file(out)
                    .with_hint(kyso::diag::Hint::AllowOverwrite));
            }
        }
        let mut reader = std::io::BufReader::with_capacity(kyso::crypto::digest::HASH_BUFFER_SIZE, f);
        let mut sig =
            cms::sign(&self.id.key, &self.id.cert, &mut reader, &self.opts).map_err(|e| e.with_file(file))?;
        if let Some(tsa) = &self.tsa {
            sig.der = cms::tsp::add_timestamps(&sig.der, tsa)?;
        }
        let bytes = if self.pem { sig.to_pem().into_bytes() } else { sig.der.clone() };
        write_atomic(
            out,
            &bytes,
            WriteOptions { force: self.force, defer_sync: self.defer_sync, ..Default::default() },
        )?;
        Ok(sig)
    }
}

fn progress(n: usize) -> indicatif::ProgressBar {
    if std::io::stderr().is_terminal() {
        let pb = indicatif::ProgressBar::new(n as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} {msg}")
        {
            pb.set_style(style);
        }
        pb
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// The batch thread pool. Outputs are flushed to disk once at the end of the batch, but reading
/// inputs and writing outputs still block: a few more threads than cores keep the cores busy
/// signing. `RAYON_NUM_THREADS` overrides.
fn batch_pool() -> Result<rayon::ThreadPool> {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let threads = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| (cores * 2).clamp(2, 64));
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot start worker threads: {e}")).into())
}

/// How often a batch flushes its outputs to disk while it runs (see [`run_sign`]).
const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

fn exit_for(err: &Error) -> u8 {
    if err.kind() == ErrorKind::Invalid { EXIT_INVALID } else { EXIT_INPUT }
}

/// `kyso sign`.
pub fn run_sign(a: SignArgs, lang: Lang) -> Result<ExitCode> {
    let digest = a.digest.as_deref().map(str::parse::<cms::DigestAlgorithm>).transpose()?;
    let batch = a.batch || a.files.len() > 1;
    if batch && a.output.is_some() {
        return Err(crate::error::UsageError::new(
            "-o/--output takes a single input file",
            "-o/--output chỉ dùng với một tệp đầu vào",
        )
        .hint("without -o each FILE gets FILE.p7s", "không có -o, mỗi TỆP được ký ra TỆP.p7s")
        .into());
    }
    let tsa = match &a.tsa {
        Some(u) => Some(tsa_client(u, a.tsa_timeout, &a.tsa_ca_cert)?),
        None => None,
    };
    let files = if batch { expand_inputs(&a.files, &["p7s", "p7m", "tsr"])? } else { a.files.clone() };
    if files.is_empty() {
        return Err(Error::usage("no files to sign").into());
    }
    // Check the inputs exist before asking for a passphrase.
    if !batch {
        if let Some(f) = files.first() {
            if !f.is_file() {
                return Err(kyso::io::read_file(f)
                    .err()
                    .unwrap_or_else(|| Error::input("not a regular file").with_file(f))
                    .into());
            }
        }
    }
    let id = load_identity(&a, lang)?;
    // Circular 15/2025/TT-BKHCN: check the certificate before signing (once for a batch).
    let problems = cms::check_signer(&id.key, &id.cert, time::OffsetDateTime::now_utc());
    if !problems.is_empty() {
        let text: Vec<String> = problems.iter().map(|p| p.message().render(lang.into())).collect();
        if !a.force {
            let kind = if problems.iter().any(cms::SignerProblem::is_key_mismatch) {
                ErrorKind::Input
            } else {
                ErrorKind::Invalid
            };
            return Err(Error::new(
                kind,
                kyso::diag::Message::new(kyso::diag::codes::cms::CMS_SIGN_REFUSED)
                    .with("problems", text.join("; ")),
            )
            .with_file(a.cert.as_deref().or(a.p12.as_deref()).unwrap_or(Path::new("-")))
            .with_hint(kyso::diag::Hint::FixSigner)
            .into());
        }
        for p in &text {
            eprintln!(
                "kyso: {}: {p} — {}",
                lang.t("warning", "cảnh báo"),
                lang.t("signing anyway because of --force", "vẫn ký vì có --force")
            );
        }
    }
    let job = SignJob {
        id: &id,
        opts: SignOptions {
            digest,
            rsa_pss: a.rsa_pss,
            attached: a.attached,
            chain: id.chain.clone(),
            signing_time: None,
            // Already checked and reported above.
            force: true,
        },
        tsa,
        pem: a.pem,
        force: a.force,
        defer_sync: batch,
    };

    if !batch {
        let file = &files[0];
        let out = a.output.clone().unwrap_or_else(|| default_sig_path(file));
        let sig = job.run(file, &out)?;
        let level = if job.tsa.is_some() { "CAdES-T (B-T)" } else { "CAdES-BES (B-B)" };
        if a.json {
            let v = serde_json::json!({
                "file": file, "signature": out, "algorithm": sig.algorithm, "digest": sig.digest,
                "level": level, "attached": a.attached, "content_size": sig.content_len,
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        } else {
            println!(
                "{} {} -> {} ({}, {:?}, {})",
                lang.t("Signed", "Đã ký"),
                file.display(),
                out.display(),
                level,
                sig.algorithm,
                if a.attached {
                    lang.t("attached", "đính kèm nội dung")
                } else {
                    lang.t("detached", "tách rời")
                }
            );
        }
        return Ok(ExitCode::SUCCESS);
    }

    let pb = progress(files.len());
    let failures: Mutex<Vec<(PathBuf, Error)>> = Mutex::new(Vec::new());
    let started = std::time::Instant::now();
    let mut dirs: Vec<PathBuf> =
        files.iter().map(|f| f.parent().map(Path::to_path_buf).unwrap_or_default()).collect();
    dirs.sort();
    dirs.dedup();
    let pool = batch_pool()?;
    std::thread::scope(|scope| {
        // While the batch runs, flush what is written so far every FLUSH_EVERY, off the signing
        // threads, so that the final flush below finds little left to write.
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let dirs = &dirs;
        scope.spawn(move || {
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(FLUSH_EVERY) {
                for d in dirs {
                    let _ = kyso::io::sync_filesystem(d);
                }
            }
        });
        pool.install(|| {
            files.par_iter().for_each(|f| {
                let out = default_sig_path(f);
                if let Err(e) = job.run(f, &out) {
                    if let Ok(mut v) = failures.lock() {
                        v.push((f.clone(), e));
                    }
                }
                pb.inc(1);
            })
        });
        drop(stop);
    });
    pb.finish_and_clear();
    // Every output is on disk before the summary: one flush per file system for the whole batch
    // instead of an fsync per file.
    for d in &dirs {
        kyso::io::sync_filesystem(d)?;
    }
    let elapsed = started.elapsed();
    let mut failures = failures.into_inner().unwrap_or_default();
    failures.sort_by(|x, y| x.0.cmp(&y.0));
    let ok = files.len() - failures.len();
    if a.json {
        let v = serde_json::json!({
            "signed": ok,
            "failed": failures.iter().map(|(f, e)| serde_json::json!({"file": f, "error": e.to_string(), "kind": e.kind()})).collect::<Vec<_>>(),
            "seconds": elapsed.as_secs_f64(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        for (f, e) in &failures {
            eprintln!("kyso: {}: {}: {}", lang.t("error", "lỗi"), f.display(), e.message());
        }
        println!(
            "{}: {ok}/{} {} ({} {}), {:.2} s",
            lang.t("Summary", "Tổng kết"),
            files.len(),
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

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

fn parse_time(at: &str) -> Result<time::OffsetDateTime, crate::error::UsageError> {
    time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).map_err(|e| {
        crate::error::UsageError::new(
            format!("--at: '{at}' is not an RFC 3339 time: {e}"),
            format!("--at: '{at}' không phải thời điểm theo RFC 3339"),
        )
        .hint(
            "for example --at 2026-01-01T00:00:00Z or 2026-01-01T07:00:00+07:00",
            "ví dụ --at 2026-01-01T00:00:00Z hoặc 2026-01-01T07:00:00+07:00",
        )
    })
}

fn split_domain(value: &str) -> Result<(&str, &str), crate::error::UsageError> {
    let (d, f) = value.split_once('=').filter(|(d, f)| !d.is_empty() && !f.is_empty()).ok_or_else(|| {
        crate::error::UsageError::new(
            format!("--domain: '{value}' is not NAME=FILE"),
            format!("--domain: '{value}' không có dạng MIỀN=TỆP"),
        )
        .hint("for example --domain gov=gov-root.pem", "ví dụ --domain gov=gov-root.pem")
    })?;
    Ok((d, f))
}

fn verify_options(t: &TrustArgs, lang: Lang) -> Result<cms::VerifyOptions> {
    let mut store = TrustStore::new();
    for a in &t.anchor {
        store.add_path(a, "default")?;
    }
    for d in &t.domain {
        let (name, file) = split_domain(d)?;
        store.add_path(file, name)?;
    }
    if store.is_empty() {
        return Err(crate::error::UsageError::new("no trust anchor given", "chưa cung cấp điểm tin cậy")
            .hint(
                "use --anchor ROOT.pem or --domain NAME=ROOT.pem",
                "dùng --anchor ROOT.pem hoặc --domain MIỀN=ROOT.pem",
            )
            .into());
    }
    let mut pool = Pool::new();
    for u in &t.untrusted {
        pool.add_path(u)?;
    }
    for w in pool.warnings() {
        eprintln!("kyso: {}: {}", lang.t("warning", "cảnh báo"), w.render(lang.into()));
    }
    let mut crls = Vec::new();
    for c in &t.crl {
        crls.extend(Crl::load_all(c)?);
    }
    Ok(cms::VerifyOptions {
        store,
        untrusted: pool.certs().to_vec(),
        crls,
        at: t.at.as_deref().map(parse_time).transpose()?,
        revocation: t.revocation.parse::<RevocationMode>()?,
        validation: None,
        verifier: Default::default(),
    })
}

/// Resolve (signature file, data file) for `kyso verify FILE [--sig S]`.
fn resolve(file: &Path, sig: Option<&Path>) -> (PathBuf, Option<PathBuf>) {
    if let Some(s) = sig {
        return (s.to_path_buf(), Some(file.to_path_buf()));
    }
    let beside = default_sig_path(file);
    if beside.is_file() {
        return (beside, Some(file.to_path_buf()));
    }
    (file.to_path_buf(), None)
}

fn verify_one(
    sig_path: &Path,
    data: Option<&Path>,
    opts: &cms::VerifyOptions,
) -> kyso::Result<VerificationReport> {
    let sig = kyso::io::read_file(sig_path)?;
    match data {
        Some(d) => {
            if d.is_dir() {
                return Err(Error::input("is a directory, expected a file").with_file(d));
            }
            let f = std::fs::File::open(d).map_err(|e| Error::io(d, e))?;
            let mut r = std::io::BufReader::with_capacity(kyso::crypto::digest::HASH_BUFFER_SIZE, f);
            cms::verify(&sig, Some(&mut r), opts).map_err(|e| e.with_file(sig_path))
        }
        None => {
            // A detached signature named DATA.p7s: use DATA when it exists.
            let parsed = cms::parse(&sig).map_err(|e| e.with_file(sig_path))?;
            if parsed.embedded_content().is_none() {
                if let Some(stem) = sig_path.to_str().and_then(|s| s.strip_suffix(".p7s")) {
                    let data = Path::new(stem);
                    if data.is_file() {
                        return verify_one(sig_path, Some(data), opts);
                    }
                }
            }
            cms::verify(&sig, None, opts).map_err(|e| e.with_file(sig_path))
        }
    }
}

/// One "label: status" line of a report, indented under `indent`.
fn print_check(indent: &str, label: &str, c: &Check, lang: Lang) {
    println!("{indent}  {label}: {}", check_line(c, lang));
}

/// The status of a check, with what was found unless it passed.
fn check_line(c: &Check, lang: Lang) -> String {
    let w = match c.status {
        CheckStatus::Passed => lang.t("OK", "Đạt"),
        CheckStatus::Failed => lang.t("FAILED", "KHÔNG ĐẠT"),
        CheckStatus::Absent => lang.t("absent", "không có"),
        CheckStatus::NotChecked => lang.t("not checked", "chưa kiểm tra"),
    };
    match &c.detail {
        Some(d) if c.status != CheckStatus::Passed => format!("{w} ({})", d.render(lang.into())),
        _ => w.to_string(),
    }
}

fn print_timestamp(t: &TimestampReport, lang: Lang, indent: &str) {
    let verdict =
        if t.valid { lang.t("valid", "hợp lệ") } else { lang.t("INVALID", "KHÔNG HỢP LỆ") };
    let when = t
        .gen_time
        .as_ref()
        .map(|g| format!("{} ({} {})", g.utc, g.vietnam, lang.t("Vietnam time", "giờ Việt Nam")))
        .unwrap_or_default();
    let who = t.tsa.as_ref().and_then(|i| i.common_name.clone()).unwrap_or_else(|| "?".into());
    println!("{indent}{}: {when}, TSA {who} — {verdict}", lang.t("Timestamp", "Dấu thời gian"));
    print_check(indent, lang.t("message imprint", "dấu vết dữ liệu"), &t.imprint, lang);
    print_check(indent, lang.t("token signature", "chữ ký dấu thời gian"), &t.signature, lang);
    print_check(indent, lang.t("TSA certificate", "chứng thư TSA"), &t.tsa_certificate, lang);
    if t.nonce.status != CheckStatus::Absent {
        print_check(indent, "nonce", &t.nonce, lang);
    }
    if let Some(p) = &t.path {
        if let Some(vp) = p.paths.first() {
            println!(
                "{indent}  {}: {} ({}: {})",
                lang.t("path", "đường dẫn"),
                path_line(vp),
                lang.t("domain", "miền"),
                vp.domain
            );
        }
    }
    for e in &t.errors {
        println!("{indent}  {}: {}", lang.t("error", "lỗi"), e.render(lang.into()));
    }
}

/// `leaf -> CA -> root`, cross-certificates marked `[cross]`.
fn path_line(p: &kyso::path::ValidPath) -> String {
    p.certificates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cross = if p.cross_certificates.contains(&i) { " [cross]" } else { "" };
            format!("{}{cross}", short_subject(&c.subject))
        })
        .collect::<Vec<_>>()
        .join(" -> ")
}

fn short_subject(s: &str) -> String {
    s.split(", ").find_map(|p| p.strip_prefix("CN=")).map(str::to_string).unwrap_or_else(|| s.to_string())
}

fn print_signer(s: &SignerReport, lang: Lang) {
    let verdict =
        if s.valid { lang.t("VALID", "HỢP LỆ") } else { lang.t("INVALID", "KHÔNG HỢP LỆ") };
    println!("{} #{}: {verdict} [{}]", lang.t("Signer", "Người ký"), s.index + 1, s.level);
    if let Some(id) = &s.identity {
        let mut who = id.common_name.clone().unwrap_or_else(|| id.subject.clone());
        // A company's certificate often repeats its name as CN and O: say it once.
        if let Some(o) = id.organization.as_ref().filter(|o| id.common_name.as_ref() != Some(*o)) {
            who.push_str(&format!(", {o}"));
        }
        for ou in &id.organizational_units {
            who.push_str(&format!(", {ou}"));
        }
        println!("  {}: {who}", lang.t("Signed by", "Người ký"));
        if let Some(t) = &id.tax_code {
            println!("  {}: {t}", lang.t("Tax code (MST)", "Mã số thuế (MST)"));
        }
        if let Some(c) = &id.citizen_id {
            println!("  {}: {c}", lang.t("Citizen ID (CCCD)", "Số CCCD"));
        }
        if let Some(c) = &id.old_id_card {
            println!("  {}: {c}", lang.t("ID card (CMND)", "Số CMND"));
        }
        if let Some(c) = &id.passport {
            println!("  {}: {c}", lang.t("Passport", "Hộ chiếu"));
        }
        println!(
            "  {}: {} ({}: {})",
            lang.t("Issuer", "Tổ chức cấp"),
            short_subject(&id.issuer),
            lang.t("serial", "số hiệu"),
            id.serial
        );
    }
    match &s.claimed_signing_time {
        Some(t) => println!(
            "  {}: {} ({} {}){}",
            lang.t("Signing time (claimed)", "Thời điểm ký (tự khai)"),
            t.utc,
            t.vietnam,
            lang.t("Vietnam time", "giờ Việt Nam"),
            if s.signing_time_proven {
                ""
            } else {
                lang.t(" — unproven", " — chưa được chứng minh")
            }
        ),
        None => {
            println!("  {}: {}", lang.t("Signing time", "Thời điểm ký"), lang.t("not stated", "không có"))
        }
    }
    println!(
        "  {}: {} ({} {}) [{}]",
        lang.t("Validated at", "Kiểm tra tại thời điểm"),
        s.validation_time.utc,
        s.validation_time.vietnam,
        lang.t("Vietnam time", "giờ Việt Nam"),
        if s.validation_time_source == "timestamp" {
            lang.t("timestamp", "theo dấu thời gian")
        } else {
            lang.t("verification time", "thời điểm kiểm tra")
        }
    );
    print_check("", lang.t("Integrity", "Toàn vẹn dữ liệu"), &s.integrity, lang);
    println!(
        "  {}: {} [{}]",
        lang.t("Signature", "Chữ ký"),
        check_line(&s.signature, lang),
        s.signature_algorithm
    );
    print_check(
        "",
        lang.t("Signing certificate binding", "Ràng buộc chứng thư ký"),
        &s.signing_certificate,
        lang,
    );
    print_check("", lang.t("Key usage", "Mục đích sử dụng khóa"), &s.key_usage, lang);
    print_check(
        "",
        lang.t("Certificate valid at signing time", "Chứng thư còn hiệu lực khi ký"),
        &s.certificate_validity,
        lang,
    );
    if let Some(p) = &s.path {
        match p.paths.first() {
            Some(vp) => println!(
                "  {}: {} ({}: {})",
                lang.t("Certification path", "Đường dẫn chứng thực"),
                path_line(vp),
                lang.t("domain", "miền"),
                vp.domain
            ),
            None => println!(
                "  {}: {} ({})",
                lang.t("Certification path", "Đường dẫn chứng thực"),
                lang.t("FAILED", "KHÔNG ĐẠT"),
                p.error.as_ref().map(|e| e.to_string()).unwrap_or_default()
            ),
        }
    }
    if let Some(t) = &s.timestamp {
        print_timestamp(t, lang, "  ");
    } else {
        println!("  {}: {}", lang.t("Timestamp", "Dấu thời gian"), lang.t("none", "không có"));
    }
    for w in &s.warnings {
        println!("  {}: {}", lang.t("warning", "cảnh báo"), w.render(lang.into()));
    }
    for e in &s.errors {
        println!("  {}: {}", lang.t("error", "lỗi"), e.render(lang.into()));
    }
}

fn print_report(sig: &Path, data: Option<&Path>, r: &VerificationReport, lang: Lang) {
    let kind = if r.attached {
        lang.t("attached", "đính kèm nội dung")
    } else {
        lang.t("detached", "tách rời")
    };
    match data {
        Some(d) => println!(
            "{}: {} ({kind}; {}: {})",
            lang.t("Signature", "Chữ ký"),
            sig.display(),
            lang.t("data", "dữ liệu"),
            d.display()
        ),
        None => println!("{}: {} ({kind})", lang.t("Signature", "Chữ ký"), sig.display()),
    }
    for w in &r.warnings {
        println!("{}: {}", lang.t("warning", "cảnh báo"), w.render(lang.into()));
    }
    for s in &r.signers {
        print_signer(s, lang);
    }
    let verdict =
        if r.valid { lang.t("VALID", "HỢP LỆ") } else { lang.t("INVALID", "KHÔNG HỢP LỆ") };
    println!(
        "{}: {verdict} ({} {})",
        lang.t("Result", "Kết quả"),
        r.signers.len(),
        lang.t("signer(s)", "người ký")
    );
}

/// `kyso verify`.
pub fn run_verify(a: VerifyArgs, lang: Lang) -> Result<ExitCode> {
    let batch = a.batch || a.files.len() > 1;
    if batch && a.sig.is_some() {
        return Err(Error::usage("--sig takes a single data file").into());
    }
    let opts = verify_options(&a.trust, lang)?;
    if !batch {
        let (sig, data) = resolve(&a.files[0], a.sig.as_deref());
        let report = verify_one(&sig, data.as_deref(), &opts)?;
        if a.json {
            println!("{}", serde_json::to_string_pretty(&cms::verdict(&report, &opts))?);
        } else {
            print_report(&sig, data.as_deref(), &report, lang);
        }
        return Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::from(EXIT_INVALID) });
    }
    // Batch: each input is a data file with FILE.p7s beside it, or a signature file.
    let inputs: Vec<PathBuf> = expand_inputs(&a.files, &[])?;
    let names: std::collections::HashSet<PathBuf> = inputs.iter().cloned().collect();
    // In a directory listing, FILE.p7s next to FILE is verified through FILE.
    let inputs: Vec<PathBuf> = inputs
        .into_iter()
        .filter(|p| {
            !(p.extension().is_some_and(|e| e == "p7s")
                && p.to_str()
                    .and_then(|s| s.strip_suffix(".p7s"))
                    .is_some_and(|d| names.contains(Path::new(d))))
        })
        .collect();
    let pb = progress(inputs.len());
    let started = std::time::Instant::now();
    let results: Vec<(PathBuf, kyso::Result<VerificationReport>)> = inputs
        .par_iter()
        .map(|f| {
            let (sig, data) = resolve(f, None);
            let r = verify_one(&sig, data.as_deref(), &opts);
            pb.inc(1);
            (f.clone(), r)
        })
        .collect();
    pb.finish_and_clear();
    let elapsed = started.elapsed();
    let valid = results.iter().filter(|(_, r)| matches!(r, Ok(r) if r.valid)).count();
    let invalid = results.iter().filter(|(_, r)| matches!(r, Ok(r) if !r.valid)).count();
    let errors = results.len() - valid - invalid;
    if a.json {
        let v: Vec<_> = results
            .iter()
            .map(|(f, r)| match r {
                Ok(rep) => {
                    serde_json::json!({"file": f, "valid": rep.valid, "report": cms::verdict(rep, &opts)})
                }
                Err(e) => {
                    serde_json::json!({"file": f, "valid": false, "error": e.to_string(), "kind": e.kind()})
                }
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({"valid": valid, "invalid": invalid, "errors": errors, "files": v})
            )?
        );
    } else {
        for (f, r) in &results {
            match r {
                Ok(rep) if rep.valid => {
                    let who = rep
                        .signers
                        .iter()
                        .filter_map(|s| s.identity.as_ref()?.common_name.clone())
                        .collect::<Vec<_>>()
                        .join(", ");
                    println!("{} {} ({who})", lang.t("VALID  ", "HỢP LỆ "), f.display());
                }
                Ok(rep) => {
                    let why = rep
                        .signers
                        .iter()
                        .flat_map(|s| s.errors.first().map(|e| e.render(lang.into())))
                        .collect::<Vec<_>>()
                        .join("; ");
                    println!("{} {}: {why}", lang.t("INVALID", "KHÔNG HỢP LỆ"), f.display());
                }
                Err(e) => println!("{} {}", lang.t("ERROR  ", "LỖI    "), e),
            }
        }
        println!(
            "{}: {valid} {}, {invalid} {}, {errors} {} ({:.2} s)",
            lang.t("Summary", "Tổng kết"),
            lang.t("valid", "hợp lệ"),
            lang.t("invalid", "không hợp lệ"),
            lang.t("errors", "lỗi"),
            elapsed.as_secs_f64()
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(EXIT_INPUT)
    } else if invalid > 0 {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    })
}

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

/// `kyso timestamp`.
pub fn run_timestamp(cmd: TimestampCommand, lang: Lang) -> Result<ExitCode> {
    match cmd {
        TimestampCommand::Request(a) => {
            let digest = a.digest.parse::<cms::DigestAlgorithm>()?;
            let out = a.output.clone().unwrap_or_else(|| {
                let mut s = a.file.as_os_str().to_os_string();
                s.push(".tsr");
                PathBuf::from(s)
            });
            if !a.force && out.exists() {
                return Err(Error::new(ErrorKind::Io, "already exists")
                    .with_file(&out)
                    .with_hint(kyso::diag::Hint::AllowOverwrite)
                    .into());
            }
            let f = std::fs::File::open(&a.file).map_err(|e| Error::io(&a.file, e))?;
            let mut r = std::io::BufReader::with_capacity(kyso::crypto::digest::HASH_BUFFER_SIZE, f);
            let (mut d, _) =
                kyso::crypto::digest::digest_reader(&mut r, &[digest]).map_err(|e| Error::io(&a.file, e))?;
            let hash = d.pop().unwrap_or_default();
            let client = tsa_client(&a.tsa, a.timeout, &a.tsa_ca_cert)?;
            let resp = cms::Timestamper::timestamp(&client, digest, &hash)?;
            write_atomic(
                &out,
                &resp.response_der,
                WriteOptions { force: a.force, private: false, ..Default::default() },
            )?;
            let t = cms::TimeReport::of(resp.gen_time);
            println!(
                "{} {} -> {} (genTime: {} UTC, {} {}; nonce {})",
                lang.t("Timestamped", "Đã gắn dấu thời gian"),
                a.file.display(),
                out.display(),
                t.utc,
                t.vietnam,
                lang.t("Vietnam time", "giờ Việt Nam"),
                hex::encode(&resp.nonce)
            );
            Ok(ExitCode::SUCCESS)
        }
        TimestampCommand::Verify(a) => {
            let opts = verify_options(&a.trust, lang)?;
            let token = kyso::io::read_file(&a.token)?;
            let nonce = a
                .nonce
                .as_deref()
                .map(|n| hex::decode(n).map_err(|_| Error::usage(format!("--nonce: '{n}' is not hex"))))
                .transpose()?;
            if a.data.is_dir() {
                return Err(Error::input("is a directory, expected a file").with_file(&a.data).into());
            }
            let f = std::fs::File::open(&a.data).map_err(|e| Error::io(&a.data, e))?;
            let mut r = std::io::BufReader::with_capacity(kyso::crypto::digest::HASH_BUFFER_SIZE, f);
            let report = cms::tsp::verify_token(&token, &mut r, nonce.as_deref(), &opts)
                .map_err(|e| e.with_file(&a.token))?;
            if a.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print_timestamp(&report, lang, "");
                for w in &report.warnings {
                    println!("  {}: {}", lang.t("warning", "cảnh báo"), w.render(lang.into()));
                }
            }
            Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::from(EXIT_INVALID) })
        }
    }
}
