//! Passphrases: from an environment variable, a file, or a no-echo prompt; never only on argv.

use anyhow::{Context, Result, bail};
use std::io::IsTerminal;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Where a passphrase comes from.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct PassArgs {
    /// Read the passphrase from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "pass_file")]
    pub pass_env: Option<String>,
    /// Read the passphrase from the first line of this file.
    #[arg(long, value_name = "FILE")]
    pub pass_file: Option<PathBuf>,
}

impl PassArgs {
    /// True when a non-interactive source was given.
    #[allow(dead_code)]
    pub fn given(&self) -> bool {
        self.pass_env.is_some() || self.pass_file.is_some()
    }

    /// Get the passphrase: env var, file, or prompt (`prompt` text) on a terminal. `confirm` asks
    /// twice (for new keys).
    #[allow(dead_code)] // used by the key and sign commands
    pub fn get(&self, prompt: &str, confirm: bool) -> Result<Zeroizing<String>> {
        if let Some(var) = &self.pass_env {
            let v = std::env::var(var)
                .map_err(|_| kyso::Error::usage(format!("environment variable {var} is not set")))?;
            return Ok(Zeroizing::new(v));
        }
        if let Some(file) = &self.pass_file {
            let data = Zeroizing::new(
                std::fs::read_to_string(file)
                    .map_err(|e| kyso::Error::io(file, e))
                    .with_context(|| "reading passphrase file".to_string())?,
            );
            let line = data.lines().next().unwrap_or("").to_string();
            return Ok(Zeroizing::new(line));
        }
        if !std::io::stdin().is_terminal() {
            bail!(
                kyso::Error::usage("a passphrase is needed and no terminal is available to ask for it")
                    .with_hint("use --pass-env VAR or --pass-file FILE")
            );
        }
        let first = Zeroizing::new(rpassword::prompt_password(prompt)?);
        if confirm {
            let again = Zeroizing::new(rpassword::prompt_password("Confirm / Nhập lại: ")?);
            if *first != *again {
                bail!(kyso::Error::usage("the passphrases do not match"));
            }
        }
        Ok(first)
    }
}
