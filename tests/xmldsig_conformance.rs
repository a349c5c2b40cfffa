//! XML-DSig and C14N conformance: every case of `$KYSO_SHARED/conformance/xmldsig/cases.json`
//! (the xmlsec test suite's W3C interop vectors, see its SOURCES.md) through `kyso::xml`.
//!
//! - A case whose `needs` names a feature kyso does not support (XPath, XSLT, HMAC, external
//!   or detached references, RetrievalMethod, ...) is counted **unsupported** and printed,
//!   never as a pass.
//! - Every other case must give its expected result (`expect_secure_default` where given);
//!   a signature case is valid when the first `ds:Signature` of the file has status valid.
//!   A result of "unsupported" at run time is a failure: its needs said it was supported.
//! - Divergences are listed in tests/xmldsig-exceptions.json (`{"id": "reason"}`); an
//!   unlisted divergence fails the test, and so does a listed case that no longer diverges.
//!   A reason `unsupported: FEATURE; why` marks a case whose unsupported feature its `needs`
//!   do not name (an ECDSA curve): it must give "unsupported" and is counted as such.
//! - Signature cases run with legacy algorithms allowed (the vectors are SHA-1 era) and with
//!   the case's trusted, untrusted and public-key certificates given to match X509IssuerSerial,
//!   X509SubjectName and X509SKI. Certificate path validation is not part of `kyso::xml` yet:
//!   cases that xmlsec rejects for trust reasons are exceptions.
//! - C14N: the `c14n` cases compare bytes; and where `xmllint` (libxml2-utils) is installed,
//!   every XML file of the corpus without a DOCTYPE is canonicalized whole with C14N 1.0, 1.1
//!   and exclusive C14N (with comments, as xmllint does) and compared with
//!   `xmllint --c14n`/`--c14n11`/`--exc-c14n` (skipped with a notice otherwise).
//!
//! Data: `$KYSO_SHARED` (default `<crate>/../shared`). Skipped with a notice when absent, but
//! fails when the `CI` environment variable is set.

use kyso::Certificate;
use kyso::xml::c14n::{self, Canonicalization, NodeSet};
use kyso::xml::{Document, Limits, Status, VerifyOptions};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn data_dir() -> Option<PathBuf> {
    let shared = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")));
    let dir = shared.join("conformance/xmldsig");
    if dir.join("cases.json").is_file() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("XML-DSig vectors not found under {} (set KYSO_SHARED)", dir.display());
    }
    eprintln!("notice: XML-DSig vectors not found under {} (set KYSO_SHARED): test skipped", dir.display());
    None
}

/// The feature of a `needs` entry kyso does not support, named for the summary.
fn unsupported_feature(need: &str) -> Option<String> {
    let exact = [
        ("XPath", "XPath transform"),
        ("XPathFilter2", "XPath Filter 2.0 transform"),
        ("XSLT", "XSLT transform"),
        ("Base64", "base64 transform"),
        ("XPath:here()", "XPath transform"),
        ("http://www.w3.org/2001/04/xmldsig-more/xptr", "XPointer transform"),
        (
            "http://schemas.openxmlformats.org/package/2006/RelationshipTransform",
            "OPC relationship transform",
        ),
        ("external-URI (map with verify.url_map)", "external reference"),
        ("detached-file-reference", "detached reference"),
        ("CRL", "CRL in KeyInfo"),
    ];
    if let Some((_, f)) = exact.iter().find(|(n, _)| *n == need) {
        return Some(f.to_string());
    }
    if need.contains("hmac") || need.starts_with("HMACOutputLength") {
        return Some("HMAC".into());
    }
    if need.starts_with("KeyInfo:RetrievalMethod") {
        return Some("RetrievalMethod".into());
    }
    if need.starts_with("KeyInfo:KeyInfoReference") {
        return Some("KeyInfoReference".into());
    }
    if need.starts_with("Manifest") {
        return Some("Manifest references".into());
    }
    None
}

/// Every certificate of the case's key material (DER or PEM; public keys that are not
/// certificates are left out).
fn certificates(dir: &Path, verify: &Value) -> Vec<Certificate> {
    let mut paths: Vec<String> = Vec::new();
    for field in ["trusted", "untrusted"] {
        if let Some(list) = verify.get(field).and_then(Value::as_array) {
            paths.extend(list.iter().filter_map(|v| v.as_str().map(str::to_string)));
        }
    }
    if let Some(list) = verify.get("public_keys").and_then(Value::as_array) {
        paths.extend(list.iter().filter_map(|k| k.get("path").and_then(Value::as_str).map(str::to_string)));
    }
    let mut out = Vec::new();
    for p in paths {
        let Ok(bytes) = std::fs::read(dir.join(&p)) else { continue };
        if let Ok(c) = Certificate::from_der(bytes.clone()) {
            out.push(c);
        } else if let Ok(many) = Certificate::parse_many(&bytes) {
            out.extend(many);
        }
    }
    out
}

fn verify_case(dir: &Path, case: &Value) -> (&'static str, String) {
    let file = dir.join(case["file"].as_str().unwrap_or_default());
    let input = std::fs::read(&file).unwrap_or_default();
    let mut opts = VerifyOptions::default();
    opts.allow_legacy = true;
    opts.certificates = certificates(dir, &case["verify"]);
    match kyso::xml::verify(&input, &opts) {
        Err(e) => ("invalid", format!("error: {}", e.message())),
        Ok(reports) => {
            let r = &reports[0];
            let detail = r.findings.iter().map(|f| f.text.clone()).collect::<Vec<_>>().join("; ");
            match r.status() {
                Status::Valid => ("valid", detail),
                Status::Invalid => ("invalid", detail),
                _ => ("unsupported", detail),
            }
        }
    }
}

fn c14n_case(dir: &Path, case: &Value) -> (&'static str, String) {
    let input = std::fs::read(dir.join(case["file"].as_str().unwrap_or_default())).unwrap_or_default();
    let expected =
        std::fs::read(dir.join(case["expected_output"].as_str().unwrap_or_default())).unwrap_or_default();
    let doc = match Document::parse(&input, &Limits::default()) {
        Ok(d) => d,
        Err(e) => return ("invalid", format!("error: {}", e.message())),
    };
    let alg = case["input"]["algorithm"].as_str().unwrap_or_default();
    let Some(method) = Canonicalization::from_uri(alg) else {
        return ("unsupported", format!("algorithm {alg}"));
    };
    let node = case["input"]["node"].as_str().unwrap_or_default();
    if !node.contains("SignedInfo") {
        return ("unsupported", format!("node {node}"));
    }
    let si = doc.elements_named(kyso::xml::algorithms::NS_DSIG, "SignedInfo");
    let Some(si) = si.first() else { return ("invalid", "no SignedInfo".into()) };
    let out = c14n::canonicalize(&doc, &NodeSet::subtree(*si, true), &method);
    if out == expected {
        ("valid", String::new())
    } else {
        ("invalid", format!("got {:?}", String::from_utf8_lossy(&out)))
    }
}

#[test]
fn xmldsig_conformance() {
    let Some(dir) = data_dir() else { return };
    let cases: Vec<Value> = serde_json::from_slice(&std::fs::read(dir.join("cases.json")).unwrap()).unwrap();
    let exceptions: BTreeMap<String, String> =
        serde_json::from_str(include_str!("xmldsig-exceptions.json")).expect("tests/xmldsig-exceptions.json");
    let mut failures = Vec::new();
    let mut diverging = BTreeSet::new();
    // (pass, total, unsupported, fail, excepted) per kind.
    let mut counts: BTreeMap<&str, [usize; 5]> = BTreeMap::new();
    let mut unsupported: BTreeMap<String, usize> = BTreeMap::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap_or_default().to_string();
        let kind = if case["kind"] == "c14n" { "C14N" } else { "XMLDSIG" };
        let count = counts.entry(kind).or_default();
        count[1] += 1;
        let needs: Vec<&str> = case["needs"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let missing: BTreeSet<String> = needs.iter().filter_map(|n| unsupported_feature(n)).collect();
        if !missing.is_empty() {
            count[2] += 1;
            for f in &missing {
                *unsupported.entry(f.clone()).or_default() += 1;
            }
            continue;
        }
        let expect = case
            .get("expect_secure_default")
            .and_then(Value::as_str)
            .unwrap_or_else(|| case["expect"].as_str().unwrap_or_default());
        let (got, detail) = if kind == "C14N" { c14n_case(&dir, case) } else { verify_case(&dir, case) };
        if got == expect {
            count[0] += 1;
            if exceptions.contains_key(&id) {
                failures.push(format!(
                    "{id}: listed in xmldsig-exceptions.json but now gives the expected {expect}"
                ));
            }
        } else if let Some(reason) = exceptions.get(&id) {
            // "unsupported: FEATURE; why" lists a feature the needs do not name.
            match reason.strip_prefix("unsupported: ") {
                Some(feature) if got == "unsupported" => {
                    count[2] += 1;
                    let feature = feature.split(';').next().unwrap_or(feature);
                    *unsupported.entry(format!("{feature} (found at run time)")).or_default() += 1;
                }
                Some(_) => failures.push(format!("{id}: listed as unsupported but gives {got}: {detail}")),
                None => count[4] += 1,
            }
            diverging.insert(id);
        } else {
            count[3] += 1;
            failures.push(format!("{id}: expected {expect}, got {got}: {detail}"));
        }
    }
    for (kind, [pass, total, unsup, fail, excepted]) in &counts {
        let applicable = total - unsup;
        println!(
            "{kind}: {pass}/{total} pass ({pass}/{applicable} applicable), {unsup} unsupported, {fail} fail, \
             {excepted} known divergences"
        );
    }
    for (feature, n) in &unsupported {
        println!("  unsupported: {feature}: {n} cases");
    }
    for id in exceptions.keys() {
        if !diverging.contains(id) && !cases.iter().any(|c| c["id"] == id.as_str()) {
            failures.push(format!("{id}: listed in xmldsig-exceptions.json but not a case"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} XML-DSig conformance failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Whole-document C14N against xmllint, over every XML file of the corpus without a DOCTYPE.
#[test]
fn c14n_matches_xmllint() {
    let Some(dir) = data_dir() else { return };
    let have =
        std::process::Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success());
    if !have {
        eprintln!("notice: xmllint (libxml2-utils) not found: C14N comparison with xmllint skipped");
        return;
    }
    let mut files = Vec::new();
    let mut stack = vec![dir.join("tests")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml") {
                files.push(p);
            }
        }
    }
    files.sort();
    let (mut agree, mut total, mut skipped) = (0, 0, 0);
    let mut failures = Vec::new();
    for f in &files {
        let input = std::fs::read(f).unwrap();
        let Ok(doc) = Document::parse(&input, &Limits::default()) else {
            skipped += 1; // a DOCTYPE (refused by design) or another encoding
            continue;
        };
        for (flag, uri) in [
            ("--c14n", c14n::C14N_10_COMMENTS),
            ("--c14n11", c14n::C14N_11_COMMENTS),
            ("--exc-c14n", c14n::EXC_C14N_COMMENTS),
        ] {
            let out = std::process::Command::new("xmllint").arg(flag).arg(f).output().unwrap();
            if !out.status.success() {
                continue;
            }
            total += 1;
            let method = Canonicalization::from_uri(uri).unwrap();
            let ours = c14n::canonicalize(&doc, &NodeSet::document(true), &method);
            if ours == out.stdout {
                agree += 1;
            } else {
                failures.push(format!("{} {flag}", f.display()));
            }
        }
    }
    println!("C14N vs xmllint: {agree}/{total} agree ({skipped} files not read: DOCTYPE or encoding)");
    assert!(failures.is_empty(), "C14N differs from xmllint:\n{}", failures.join("\n"));
}
