//! `--resolve HOST=IP:PORT` (global, repeatable) and `KYSO_RESOLVE`: the host mappings every HTTP
//! client of the CLI uses (`kyso demo serve` prints the ones that send the demo's host names to it).

use kyso::net::{HostMapping, HttpOptions};
use std::sync::OnceLock;

static RESOLVE: OnceLock<Vec<HostMapping>> = OnceLock::new();

/// Parse the values of `--resolve` (or of `KYSO_RESOLVE`, split on commas by clap; white space
/// separates too) once, before any command runs.
pub fn init(values: &[String]) -> kyso::Result<()> {
    let mut list = Vec::new();
    for v in values {
        list.extend(HostMapping::parse_list(v)?);
    }
    let _ = RESOLVE.set(list);
    Ok(())
}

/// The mappings given.
pub fn mappings() -> &'static [HostMapping] {
    RESOLVE.get().map(Vec::as_slice).unwrap_or_default()
}

/// The options every HTTP client of the CLI starts from: the defaults with the mappings given.
pub fn http_options() -> HttpOptions {
    HttpOptions::default().with_resolve(mappings().to_vec())
}
