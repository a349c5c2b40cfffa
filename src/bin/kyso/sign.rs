//! `kyso sign` (placeholder until its work item lands).

use crate::lang::Lang;
use anyhow::{Result, bail};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct SignArgs {}

pub fn run_sign(_args: SignArgs, _lang: Lang) -> Result<ExitCode> {
    bail!(kyso::Error::unsupported("not available yet"))
}

#[derive(clap::Args, Debug)]
pub struct VerifyArgs {}

pub fn run_verify(_args: VerifyArgs, _lang: Lang) -> Result<ExitCode> {
    bail!(kyso::Error::unsupported("not available yet"))
}

#[derive(clap::Subcommand, Debug)]
pub enum TimestampCommand {
    /// Not available yet.
    Placeholder,
}

pub fn run_timestamp(_cmd: TimestampCommand, _lang: Lang) -> Result<ExitCode> {
    bail!(kyso::Error::unsupported("not available yet"))
}
