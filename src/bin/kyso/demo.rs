//! `kyso demo` (placeholder until its work item lands).

use crate::lang::Lang;
use anyhow::{Result, bail};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct DemoArgs {}

pub fn run(_args: DemoArgs, _lang: Lang) -> Result<ExitCode> {
    bail!(kyso::Error::unsupported("not available yet"))
}
