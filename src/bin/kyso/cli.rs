//! The command tree (clap) and dispatch. Each command group lives in its own module.

use crate::lang::Lang;
use crate::{cert, chain, demo, key, sign, timestamp, trust, verify};
use anyhow::Result;
use clap::{CommandFactory, Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;

/// kyso: digital signatures and certificates for Vietnam's e-government (ký số).
#[derive(Parser, Debug)]
#[command(name = "kyso", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages: vi or en (default: from LANG).
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
    /// Connect to HOST at a loopback address instead of resolving it, whatever the URL's port
    /// (repeatable, or comma-separated): what `kyso demo serve` prints.
    #[arg(long, global = true, value_name = "HOST=IP:PORT", env = "KYSO_RESOLVE", value_delimiter = ',')]
    pub resolve: Vec<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Generate, inspect and convert keys; import and export PKCS#12.
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Create CSRs, issue, self-sign and cross-certify certificates; inspect certificates.
    #[command(subcommand)]
    Cert(cert::CertCommand),
    /// Issue and inspect CRLs.
    #[command(subcommand)]
    Crl(cert::CrlCommand),
    /// Build a Vietnam-shaped demo PKI (public and government domains, cross-certified); serve
    /// it online (`kyso demo serve`).
    #[command(args_conflicts_with_subcommands = true)]
    Demo(demo::DemoArgs),
    /// Build and validate certification paths.
    #[command(subcommand)]
    Chain(chain::ChainCommand),
    /// Validate a certificate under several trust domains.
    CrossValidate(chain::CrossValidateArgs),
    /// Show the built-in Vietnamese trust list (roots and known intermediates).
    #[command(subcommand)]
    Trust(trust::TrustCommand),
    /// Sign files (CMS/CAdES).
    Sign(sign::SignArgs),
    /// Verify signatures.
    Verify(verify::VerifyArgs),
    /// RFC 3161 timestamps.
    #[command(subcommand)]
    Timestamp(timestamp::TimestampCommand),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout: `kyso man > kyso.1`.
    Man,
}

pub fn run(command: Command, lang: Lang) -> Result<ExitCode> {
    match command {
        Command::Key(c) => key::run(c, lang),
        Command::Cert(c) => cert::run(c, lang),
        Command::Crl(c) => cert::run_crl(c, lang),
        Command::Demo(a) => demo::run(a, lang),
        Command::Chain(c) => chain::run(c, lang),
        Command::CrossValidate(a) => chain::run_cross_validate(a, lang),
        Command::Trust(c) => trust::run(c, lang),
        Command::Sign(a) => sign::run_sign(a, lang),
        Command::Verify(a) => verify::run_verify(a, lang),
        Command::Timestamp(c) => timestamp::run_timestamp(c, lang),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "kyso", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            // Generated from the same clap definitions as --help; the title line first (man(7)),
            // then the apostrophe string the renderer defines for the text.
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            let page = String::from_utf8_lossy(&page);
            let (title, rest): (Vec<&str>, Vec<&str>) = page.lines().partition(|l| l.starts_with(".TH "));
            let mut out = std::io::stdout().lock();
            for line in title.iter().chain(&rest) {
                writeln!(out, "{line}")?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
