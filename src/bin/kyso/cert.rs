//! `kyso cert` (placeholder until its work item lands).

use crate::lang::Lang;
use anyhow::{Result, bail};
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum CertCommand {
    /// Not available yet.
    Placeholder,
}

pub fn run(_cmd: CertCommand, _lang: Lang) -> Result<ExitCode> {
    bail!(kyso::Error::unsupported("not available yet"))
}

#[derive(clap::Subcommand, Debug)]
pub enum CrlCommand {
    /// Not available yet.
    Placeholder,
}

pub fn run_crl(_cmd: CrlCommand, _lang: Lang) -> Result<ExitCode> {
    bail!(kyso::Error::unsupported("not available yet"))
}
