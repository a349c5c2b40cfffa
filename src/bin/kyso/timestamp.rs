//! `kyso timestamp`: RFC 3161 timestamp requests and token verification.

use crate::args::{self, TrustArgs};
use crate::error::{EXIT_INVALID, UsageError};
use crate::lang::Lang;
use anyhow::Result;
use kyso::cms;
use kyso::diag::codes::{input, io};
use kyso::io::{WriteOptions, write_atomic};
use kyso::{Error, ErrorKind};
use std::path::PathBuf;
use std::process::ExitCode;

/// `kyso timestamp`.
#[derive(clap::Subcommand, Debug)]
pub enum TimestampCommand {
    /// Ask a TSA for an RFC 3161 timestamp of a file; writes the response (.tsr).
    Request(TsRequestArgs),
    /// Verify an RFC 3161 token or response (.tsr) against the data.
    Verify(Box<TsVerifyArgs>),
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
    #[arg(short, long = "out", alias = "output", value_name = "FILE.tsr")]
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
            let mut inputs = vec![a.file.as_path()];
            inputs.extend(a.tsa_ca_cert.iter().map(PathBuf::as_path));
            kyso::io::check_distinct(&inputs, &[&out])?;
            if !a.force && out.exists() {
                return Err(Error::new(ErrorKind::Io, io::ALREADY_EXISTS)
                    .with_file(&out)
                    .with_hint(kyso::diag::Hint::AllowOverwrite)
                    .into());
            }
            let f = std::fs::File::open(&a.file).map_err(|e| Error::io(&a.file, e))?;
            let mut r = std::io::BufReader::with_capacity(kyso::crypto::digest::HASH_BUFFER_SIZE, f);
            let (mut d, _) =
                kyso::crypto::digest::digest_reader(&mut r, &[digest]).map_err(|e| Error::io(&a.file, e))?;
            let hash = d.pop().unwrap_or_default();
            let client = args::tsa_client(&a.tsa, a.timeout, &a.tsa_ca_cert, lang)?;
            let resp = client.timestamp_hash(digest, &hash)?;
            write_atomic(&out, &resp.response_der, WriteOptions::default().with_force(a.force))?;
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
            let opts = args::verify_options(&a.trust, lang)?;
            let token = kyso::io::read_file(&a.token)?;
            let nonce = a
                .nonce
                .as_deref()
                .map(|n| {
                    hex::decode(n).map_err(|_| {
                        UsageError::new(
                            format!("--nonce: '{n}' is not hex"),
                            format!("--nonce: '{n}' không phải chuỗi hex"),
                        )
                    })
                })
                .transpose()?;
            if a.data.is_dir() {
                return Err(Error::input(input::FILE_IS_DIRECTORY).with_file(&a.data).into());
            }
            let f = std::fs::File::open(&a.data).map_err(|e| Error::io(&a.data, e))?;
            let mut r = std::io::BufReader::with_capacity(kyso::crypto::digest::HASH_BUFFER_SIZE, f);
            let report = cms::tsp::verify_token(&token, &mut r, nonce.as_deref(), &opts)
                .map_err(|e| e.with_file(&a.token))?;
            if a.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                crate::verify::print_timestamp(&report, lang, "");
                for w in &report.warnings {
                    println!("  {}: {}", lang.t("warning", "cảnh báo"), w.render(lang.into()));
                }
            }
            Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::from(EXIT_INVALID) })
        }
    }
}
