//! `kyso`: the command-line interface. All terminal output lives here.

mod args;
mod cert;
mod chain;
mod cli;
mod demo;
mod error;
mod key;
mod lang;
mod secret;
mod sign;
mod timestamp;
mod verify;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let lang = match lang::Lang::resolve(cli.lang.as_deref()) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("kyso: error: {message}");
            return ExitCode::from(error::EXIT_INPUT);
        }
    };
    match cli::run(cli.command, lang) {
        Ok(code) => code,
        Err(err) => error::report(&err, lang),
    }
}
