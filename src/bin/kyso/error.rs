//! Error reporting and exit statuses: 0 success, 1 signature or certificate invalid, 2 usage or
//! input error.

use crate::lang::Lang;
use kyso::ErrorKind;
use std::process::ExitCode;

/// Exit status for "signature or certificate invalid".
pub const EXIT_INVALID: u8 = 1;
/// Exit status for usage and input errors.
pub const EXIT_INPUT: u8 = 2;

/// Print `err` (one line, then a hint line when there is one) and return its exit status.
pub fn report(err: &anyhow::Error, lang: Lang) -> ExitCode {
    let (kind, hint) = match err.chain().find_map(|e| e.downcast_ref::<kyso::Error>()) {
        Some(e) => (Some(e.kind()), e.hint().map(str::to_string)),
        None => (None, None),
    };
    let label = lang.t("error", "lỗi");
    eprintln!("kyso: {label}: {}", one_line(err));
    if let Some(h) = hint {
        eprintln!("kyso: {}: {h}", lang.t("hint", "gợi ý"));
    }
    match kind {
        Some(ErrorKind::Invalid) => ExitCode::from(EXIT_INVALID),
        _ => ExitCode::from(EXIT_INPUT),
    }
}

/// The context chain on one line, stopping at the first `kyso::Error`: its message already says
/// what its source (an `io::Error`, ...) would repeat.
fn one_line(err: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for cause in err.chain() {
        parts.push(cause.to_string());
        if cause.downcast_ref::<kyso::Error>().is_some() {
            break;
        }
    }
    parts.join(": ")
}
