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

/// `line` without the names of XML elements, which are names, not English words: CamelCase
/// identifiers (`SignatureValue`, `SignedInfo`) and the word after "phần tử" (element).
fn without_element_names(line: &str) -> String {
    let camel = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && w.chars().skip(1).any(|c| c.is_ascii_uppercase())
            && w.chars().any(|c| c.is_ascii_lowercase())
            && w.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let words: Vec<&str> = line.split(' ').collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let after_element = i >= 2 && words[i - 2] == "phần" && words[i - 1] == "tử";
        if !(camel(w) || after_element) {
            out.push(*w);
        }
    }
    out.join(" ")
}

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
            let lower = format!(" {} ", without_element_names(without_names(line)).to_lowercase());
            if let Some(m) = ENGLISH_MARKERS.iter().find(|m| lower.contains(*m)) {
                bad.push(format!("{name}:{}: {m:?} in {line:?}", n + 1));
            }
        }
    }
    assert!(checked > 0, "no Vietnamese transcript found");
    // The exemption for element names does not hide a sentence.
    assert_eq!(
        without_element_names("nội dung của SignatureValue: không có phần tử Signature"),
        "nội dung của không có phần tử"
    );
    assert!(without_element_names("Signature is not valid").contains("Signature is"));
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
