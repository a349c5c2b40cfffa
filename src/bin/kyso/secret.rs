//! Passphrases: from an environment variable, a file, or a no-echo prompt; never only on argv.

use anyhow::{Result, bail};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
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
        resolve(
            self.pass_env.as_deref(),
            self.pass_file.as_deref(),
            prompt,
            confirm,
            "use --pass-env VAR or --pass-file FILE",
        )
    }
}

/// Where the passphrase for a new output (a re-encrypted key, a PKCS#12 file) comes from, when the
/// command also reads an input passphrase with [`PassArgs`].
#[derive(clap::Args, Clone, Debug, Default)]
pub struct OutPassArgs {
    /// Read the passphrase for the output from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "out_pass_file")]
    pub out_pass_env: Option<String>,
    /// Read the passphrase for the output from the first line of this file.
    #[arg(long, value_name = "FILE")]
    pub out_pass_file: Option<PathBuf>,
}

impl OutPassArgs {
    /// Get the output passphrase (see [`PassArgs::get`]).
    pub fn get(&self, prompt: &str, confirm: bool) -> Result<Zeroizing<String>> {
        resolve(
            self.out_pass_env.as_deref(),
            self.out_pass_file.as_deref(),
            prompt,
            confirm,
            "use --out-pass-env VAR or --out-pass-file FILE",
        )
    }
}

fn resolve(
    env: Option<&str>,
    file: Option<&Path>,
    prompt: &str,
    confirm: bool,
    hint: &str,
) -> Result<Zeroizing<String>> {
    if let Some(var) = env {
        let v = std::env::var(var).map_err(|e| match e {
            std::env::VarError::NotPresent => crate::error::UsageError::new(
                format!("environment variable {var} is not set"),
                format!("biến môi trường {var} chưa được đặt"),
            ),
            std::env::VarError::NotUnicode(_) => crate::error::UsageError::new(
                format!("environment variable {var} is not valid UTF-8"),
                format!("biến môi trường {var} không phải UTF-8 hợp lệ"),
            ),
        })?;
        return Ok(Zeroizing::new(v));
    }
    if let Some(file) = file {
        let data = Zeroizing::new(std::fs::read(file).map_err(|e| {
            kyso::Error::io(file, e).context(kyso::diag::codes::keys::KEY_READING_PASSPHRASE_FILE)
        })?);
        let text = std::str::from_utf8(&data).map_err(|_| {
            crate::error::UsageError::new(
                format!("{}: the passphrase file is not valid UTF-8 text", file.display()),
                format!("{}: tệp mật khẩu không phải văn bản UTF-8 hợp lệ", file.display()),
            )
        })?;
        // The first line, without its line ending (LF or CRLF).
        let line = text.split('\n').next().unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        return Ok(Zeroizing::new(line.to_string()));
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            crate::error::UsageError::new(
                "a passphrase is needed and no terminal is available to ask for it",
                "cần mật khẩu nhưng không có thiết bị đầu cuối để hỏi",
            )
            .hint(hint, hint)
        );
    }
    let first = Zeroizing::new(rpassword::prompt_password(prompt)?);
    if confirm {
        let again = Zeroizing::new(rpassword::prompt_password("Confirm / Nhập lại: ")?);
        if *first != *again {
            bail!(crate::error::UsageError::new(
                "the passphrases do not match",
                "hai lần nhập mật khẩu không khớp"
            ));
        }
    }
    Ok(first)
}
