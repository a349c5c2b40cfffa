//! `kyso key` (placeholder until its work item lands).

use crate::lang::Lang;
use anyhow::{Result, bail};
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum KeyCommand {
    /// Not available yet.
    Placeholder,
}

pub fn run(_cmd: KeyCommand, _lang: Lang) -> Result<ExitCode> {
    bail!(kyso::Error::unsupported("not available yet"))
}
