//! CLI transcripts: real command lines on the fixtures in `testdata/` and their full output, in
//! English and Vietnamese (`tests/cmd/NAME.en.toml`, `NAME.vi.toml`, with `.stdout`/`.stderr`
//! beside them). They are the documentation of what users see. Regenerate after a deliberate
//! change with `TRYCMD=overwrite cargo test --test cli_transcripts` and review the diff.

#[test]
fn transcripts() {
    trycmd::TestCases::new().register_bin("kyso", trycmd::cargo::cargo_bin!("kyso")).case("tests/cmd/*.toml");
}

/// English words that a Vietnamese sentence never needs. Product names, algorithm names, flags,
/// file names and certificate contents (which are data, in whatever language their issuer chose)
/// are not sentences and do not contain these.
const ENGLISH_MARKERS: &[&str] = &[
    " the ",
    " is ",
    " are ",
    " not ",
    " was ",
    " with ",
    " without ",
    " from ",
    " this ",
    " could ",
    " cannot ",
    " failed",
    " found",
    " valid",
    " invalid",
    " certificate",
    " signature",
    " error",
    " warning",
    " passphrase",
    " issuer",
    " expired",
    " unknown",
    " missing",
    " already",
    " given",
    " check",
];

#[test]
fn vietnamese_transcripts_contain_no_english_sentence() {
    let mut bad = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/cmd").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.ends_with(".vi.stdout") || name.ends_with(".vi.stderr")) {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let lower = format!(" {} ", line.to_lowercase());
            if let Some(m) = ENGLISH_MARKERS.iter().find(|m| lower.contains(*m)) {
                bad.push(format!("{name}:{}: {m:?} in {line:?}", n + 1));
            }
        }
    }
    assert!(checked > 0, "no Vietnamese transcript found");
    assert!(bad.is_empty(), "English in Vietnamese output:\n{}", bad.join("\n"));
}
