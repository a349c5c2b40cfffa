//! `kyso chain` (placeholder until its work item lands).

use crate::lang::Lang;
use anyhow::{Result, bail};
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum ChainCommand {
    /// Not available yet.
    Placeholder,
}

pub fn run(_cmd: ChainCommand, _lang: Lang) -> Result<ExitCode> {
    bail!(kyso::Error::unsupported("not available yet"))
}

#[derive(clap::Args, Debug)]
pub struct CrossValidateArgs {}

pub fn run_cross_validate(_args: CrossValidateArgs, _lang: Lang) -> Result<ExitCode> {
    bail!(kyso::Error::unsupported("not available yet"))
}
