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
/// are not sentences and do not contain these; a distinguished name (from its first `TYPE=`, see
/// [`without_names`]) is such data even when its issuer wrote it in English ("National Centre of
/// Digital Signature Authentication").
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
            let lower = format!(" {} ", without_names(line).to_lowercase());
            if let Some(m) = ENGLISH_MARKERS.iter().find(|m| lower.contains(*m)) {
                bad.push(format!("{name}:{}: {m:?} in {line:?}", n + 1));
            }
        }
    }
    assert!(checked > 0, "no Vietnamese transcript found");
    assert!(bad.is_empty(), "English in Vietnamese output:\n{}", bad.join("\n"));
}

/// `line` up to the first attribute of a distinguished name: an RFC 4514 attribute type (1 to 22
/// upper-case ASCII letters) followed by `=`, at the start of the line or after a space.
fn without_names(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, _) in line.match_indices('=') {
        let start = b[..i].iter().rposition(|c| !c.is_ascii_uppercase()).map_or(0, |p| p + 1);
        let n = i - start;
        if (1..=22).contains(&n) && (start == 0 || b[start - 1] == b' ') {
            return &line[..start];
        }
    }
    line
}

#[test]
fn distinguished_names_are_data() {
    assert_eq!(without_names("   Chủ thể:   C=VN, O=Digital Signature, CN=x"), "   Chủ thể:   ");
    assert_eq!(without_names("CN=x"), "");
    assert_eq!(without_names("dùng --max-depth=3 the"), "dùng --max-depth=3 the");
    assert_eq!(without_names("không có tên"), "không có tên");
}
