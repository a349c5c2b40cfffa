//! `kyso`: the command-line interface. All terminal output lives here.

mod args;
mod cert;
mod chain;
mod cli;
mod demo;
mod error;
mod key;
mod lang;
mod net_args;
mod secret;
mod sign;
mod timestamp;
mod trust;
mod verify;

use clap::Parser;
use std::process::ExitCode;

/// Restore the default SIGPIPE disposition (the Rust runtime ignores it), so `kyso ... | head`
/// ends quietly when the reader goes away, as other Unix tools do, instead of failing to print.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any thread is started; setting a signal's
    // disposition to SIG_DFL installs no handler and touches no Rust state.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = cli::Cli::parse();
    let lang = match lang::Lang::resolve(cli.lang.as_deref()) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("kyso: error: {message}");
            return ExitCode::from(error::EXIT_INPUT);
        }
    };
    if let Err(err) = net_args::init(&cli.resolve) {
        return error::report(&anyhow::Error::from(err), lang);
    }
    match cli::run(cli.command, lang) {
        Ok(code) => code,
        Err(err) => error::report(&err, lang),
    }
}
