//! The layering ARCHITECTURE.md states, checked on the sources: no module imports one above it,
//! no two files import each other (directly or in a cycle), and no library string names a CLI
//! flag (the library reports typed hints; the CLI maps them to its flags).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules by layer, lowest first (ARCHITECTURE.md). A module may import modules of
/// its own layer or below.
const LAYERS: &[&[&str]] = &[
    &["diag", "error"],
    &["crypto", "io", "ber", "name", "vn", "net"],
    &["certificate", "crl"],
    &["keys", "issue"],
    &["trust", "revocation"],
    &["path"],
    &["verdict"],
    &["cms", "pdf", "xml"],
    &["batch"],
    &["demo", "inspect"],
];

/// Pairs within one layer that are allowed one way (importer, imported).
const SAME_LAYER: &[(&str, &str)] = &[
    ("error", "diag"),
    ("issue", "keys"),
    ("revocation", "trust"),
    ("certificate", "crl"),
    ("crl", "certificate"),
    ("inspect", "demo"),
    ("xml", "cms"),
    ("demo", "inspect"),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "bin") {
                continue;
            }
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a source file: `src/cms/tsp.rs` → [cms, tsp]; `src/path/mod.rs` → [path].
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix("src").unwrap();
    let mut parts: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a line without comments (a crude but sufficient filter: doc and line comments).
fn code_of(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if t.starts_with("//") {
        return None;
    }
    Some(line.split(" //").next().unwrap_or(line))
}

/// Every `crate::a::b` path in the code of `text`, as its segments. Unit tests (from the first
/// `#[cfg(test)]` on) may use the whole crate and are not scanned.
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    for line in code.lines().filter_map(code_of) {
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            let before = rest[..i].chars().last();
            rest = &rest[i + 7..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `kyso_crate::`, not ours
            }
            let segs: Vec<String> = rest
                .split("::")
                .map(|s| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>())
                .take_while(|s| !s.is_empty() && s.chars().next().is_some_and(|c| c.is_lowercase()))
                .collect();
            if !segs.is_empty() {
                out.push(segs);
            }
        }
    }
    out
}

fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    files.into_iter().map(|f| (f.clone(), std::fs::read_to_string(&f).unwrap())).collect()
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let mut violations = Vec::new();
    for (file, text) in sources() {
        let module = module_of(&file);
        let Some(top) = module.first() else { continue };
        let Some(own) = layer_of(top) else {
            if top != "lib" {
                violations.push(format!("{}: module {top} has no layer in ARCHITECTURE.md", file.display()));
            }
            continue;
        };
        for path in crate_paths(&text) {
            let target = &path[0];
            if target == top {
                continue;
            }
            let Some(theirs) = layer_of(target) else { continue };
            let allowed = theirs < own || SAME_LAYER.contains(&(top.as_str(), target.as_str()));
            if !allowed {
                violations.push(format!("{}: {top} imports crate::{}", file.display(), path.join("::")));
            }
        }
    }
    assert!(violations.is_empty(), "layering violations:\n{}", violations.join("\n"));
}

#[test]
fn no_two_files_import_each_other() {
    // Edges between files' modules, from `crate::` paths resolved to the longest existing module.
    let srcs = sources();
    let modules: BTreeSet<Vec<String>> = srcs.iter().map(|(f, _)| module_of(f)).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (file, text) in &srcs {
        let from = module_of(file);
        for path in crate_paths(text) {
            let to = (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|m| modules.contains(m));
            let Some(to) = to else { continue };
            // A module's own children and parents are its implementation and its facade.
            if to.starts_with(&from) || from.starts_with(&to) {
                continue;
            }
            edges.entry(from.clone()).or_default().insert(to);
        }
    }
    let mut cycles = Vec::new();
    for (a, targets) in &edges {
        for b in targets {
            if edges.get(b).is_some_and(|t| t.contains(a)) && a < b {
                cycles.push(format!("{} <-> {}", a.join("::"), b.join("::")));
            }
        }
    }
    assert!(cycles.is_empty(), "files that import each other:\n{}", cycles.join("\n"));
}

#[test]
fn no_library_string_names_a_cli_flag() {
    let mut found = Vec::new();
    for (file, text) in sources() {
        let mut in_tests = false;
        for (n, line) in text.lines().enumerate() {
            if line.contains("#[cfg(test)]") {
                in_tests = true;
            }
            let Some(code) = code_of(line) else { continue };
            if in_tests || !code.contains('"') {
                continue;
            }
            let bytes = code.as_bytes();
            for i in 1..bytes.len().saturating_sub(2) {
                let flag = bytes[i] == b'-' && bytes[i + 1] == b'-' && bytes[i + 2].is_ascii_lowercase();
                let boundary = matches!(bytes[i - 1], b' ' | b'"' | b'(' | b'`' | b'\'');
                if flag && boundary {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                    break;
                }
            }
        }
    }
    assert!(found.is_empty(), "library strings naming CLI flags (use a typed Hint):\n{}", found.join("\n"));
}

/// The library constructs errors from catalog codes, never from free text: no
/// `Error::<ctor>("..")`, `Error::<ctor>(format!(..))`, `Error::new(ErrorKind::X, "..")` or
/// `.context("..")` outside unit tests (the CLI, `src/bin/`, is not scanned).
#[test]
fn no_library_error_is_built_from_free_text() {
    const CTORS: &[&str] = &["new", "input", "usage", "invalid", "unsupported", "crypto", "io"];
    let mut found = Vec::new();
    for (file, text) in sources() {
        if file.starts_with("src/bin") {
            continue;
        }
        // The code before the unit tests, without whitespace, each byte with its line.
        let mut code = String::new();
        let mut line_of = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.contains("#[cfg(test)]") {
                break;
            }
            let Some(c) = code_of(line) else { continue };
            for ch in c.chars().filter(|c| !c.is_whitespace()) {
                code.push(ch);
                line_of.extend(std::iter::repeat_n(n + 1, ch.len_utf8()));
            }
        }
        let free_text = |args: &str| {
            let args = match args.split_once(',') {
                // `Error::new(ErrorKind::X, ..)`: the message is the second argument.
                Some((kind, rest)) if kind.starts_with("ErrorKind::") => rest,
                _ => args,
            };
            args.starts_with('"') || args.starts_with("format!")
        };
        let mut report = |at: usize| {
            let n = line_of[at];
            found.push(format!("{}:{}: {}", file.display(), n, text.lines().nth(n - 1).unwrap_or("").trim()));
        };
        let mut from = 0;
        while let Some(i) = code[from..].find("Error::") {
            let at = from + i;
            from = at + 7;
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `PathError::`, another type
            }
            let rest = &code[at + 7..];
            for ctor in CTORS {
                if let Some(args) = rest.strip_prefix(ctor).and_then(|r| r.strip_prefix('(')) {
                    if free_text(args) {
                        report(at);
                    }
                }
            }
        }
        let mut from = 0;
        while let Some(i) = code[from..].find(".context(") {
            let at = from + i;
            from = at + 9;
            if free_text(&code[from..]) {
                report(at);
            }
        }
    }
    assert!(
        found.is_empty(),
        "library errors built from free text (use a catalog code):\n{}",
        found.join("\n")
    );
}
