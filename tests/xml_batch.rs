//! Batch verification of XML documents (`kyso::batch::verify_xml_all`, issue #10): one verdict
//! or one error per file, in the order given, one bad file never stopping the others.

#[path = "common/einvoice.rs"]
mod einvoice;

use einvoice::*;
use kyso::cms::VerifyOptions;
use kyso::verdict::Status;
use std::sync::atomic::{AtomicUsize, Ordering};

fn options() -> VerifyOptions {
    verify_options("2026-12-08T00:00:00Z")
}

#[test]
fn each_document_gets_its_verdict_or_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = signed_invoice("0101234567", "2026-12-08T06:30:00", "2026-12-08T06:45:10");
    let files: Vec<_> = ["a.xml", "b.xml", "tampered.xml", "garbage.xml", "unsigned.xml", "missing.xml"]
        .iter()
        .map(|n| dir.path().join(n))
        .collect();
    std::fs::write(&files[0], &good).unwrap();
    std::fs::write(&files[1], signed_invoice("0101234567", "2026-12-08T06:31:00", "2026-12-08T06:46:00"))
        .unwrap();
    std::fs::write(&files[2], good.replacen("<SLuong>1</SLuong>", "<SLuong>9</SLuong>", 1)).unwrap();
    std::fs::write(&files[3], "<HDon><DLHDon>").unwrap();
    std::fs::write(&files[4], invoice("0101234567")).unwrap();

    let calls = AtomicUsize::new(0);
    let items = kyso::batch::verify_xml_all(&files, &options(), 3, &|done, total| {
        assert!(done <= total);
        calls.fetch_add(1, Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(calls.load(Ordering::Relaxed), files.len());
    assert_eq!(items.iter().map(|i| &i.file).collect::<Vec<_>>(), files.iter().collect::<Vec<_>>());

    for it in &items[..2] {
        let v = it.result.as_ref().unwrap();
        assert_eq!(v.status, Status::Valid, "{}", serde_json::to_string_pretty(v).unwrap());
        assert_eq!(v.document.name.as_deref(), Some(it.file.display().to_string().as_str()));
        let roles: Vec<_> = v.signatures.iter().map(|s| s.role.as_deref()).collect();
        assert_eq!(roles, [Some("seller"), Some("tax-authority")]);
    }
    let tampered = items[2].result.as_ref().unwrap();
    assert_eq!(tampered.status, Status::Invalid);
    assert!(tampered.signatures.iter().all(|s| s.status == Status::Invalid));
    assert!(
        tampered.signatures[0].findings.iter().any(|f| f.code().id() == "xmldsig-digest-mismatch"),
        "{}",
        serde_json::to_string_pretty(tampered).unwrap()
    );
    for (it, code) in items[3..].iter().zip(["xml-malformed", "xmldsig-no-signature", "not-found"]) {
        let e = it.result.as_ref().unwrap_err();
        assert_eq!(e.code().id(), code, "{e}");
        assert_eq!(e.file(), Some(it.file.as_path()), "{e}");
    }
}

/// `kyso verify --batch` on a directory holding a CMS-signed file (FILE and FILE.p7s) and an
/// XML invoice: each verified in its format, one JSON entry per file, exit status 0.
#[test]
fn cli_batch_mixes_cms_and_xml() {
    let dir = tempfile::tempdir().unwrap();
    let sample = pki("sample/cong-van-mau.txt");
    std::fs::copy(&sample, dir.path().join("cong-van.txt")).unwrap();
    std::fs::copy(pki("sample/cong-van-mau.txt.business.p7s"), dir.path().join("cong-van.txt.p7s")).unwrap();
    std::fs::write(
        dir.path().join("hdon.xml"),
        signed_invoice("0101234567", "2026-12-08T06:30:00", "2026-12-08T06:45:10"),
    )
    .unwrap();
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_kyso"));
    c.args(["verify", "--batch", "--json", "--lang", "en", "--at", "2026-12-08T00:00:00Z"]).arg(dir.path());
    for d in ["public", "gov"] {
        c.arg("--domain").arg(format!("{d}={}", pki(&format!("{d}/root.pem")).display()));
    }
    for u in ["cross/public-to-gov.pem", "cross/gov-to-public.pem", "public/ca.pem", "gov/ca.pem"] {
        c.arg("--untrusted").arg(pki(u));
    }
    let out = c.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (v["valid"].as_u64(), v["invalid"].as_u64(), v["errors"].as_u64()),
        (Some(2), Some(0), Some(0))
    );
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "FILE.p7s is verified through FILE");
    assert!(files[0]["file"].as_str().unwrap().ends_with("cong-van.txt"));
    assert_eq!(files[0]["report"]["format"], "cms");
    assert!(files[1]["file"].as_str().unwrap().ends_with("hdon.xml"));
    assert_eq!(files[1]["report"]["format"], "xml");
    assert_eq!(files[1]["report"]["signatures"][1]["role"], "tax-authority");
}

/// A `DocumentVerifier` (what a batch shares: path results, parsed certificates) gives each
/// document the verdict `verify_document` gives it at the same time, the first time and when
/// it recalls a result; a revoked tax-authority signer stays invalid.
#[test]
fn document_verifier_agrees_with_verify_document() {
    let good = signed_invoice("0101234567", "2026-12-08T06:30:00", "2026-12-08T06:45:10");
    let tampered = good.replacen("<SLuong>1</SLuong>", "<SLuong>9</SLuong>", 1);
    let seller = sign(
        &invoice("0101234567"),
        "NBan",
        "seller",
        &["data"],
        true,
        &who("public/business"),
        "2026-12-08T06:30:00",
    );
    let revoked =
        sign(&seller, "CQT", "CQT", &["data", "mccqt"], false, &who("gov/revoked"), "2026-12-08T06:45:10");
    let other_seller = signed_invoice("0101234567-001", "2026-12-08T06:30:00", "2026-12-08T06:45:10");
    let opts = options();
    let shared = kyso::xml::DocumentVerifier::new(&opts);
    assert_eq!(Some(shared.time()), opts.at);
    for (name, doc) in [
        ("good", &good),
        ("tampered", &tampered),
        ("revoked", &revoked),
        ("branch", &other_seller),
        ("good again", &good),
        ("revoked again", &revoked),
    ] {
        let alone = kyso::xml::verify_document(doc.as_bytes(), &opts).unwrap();
        let batch = shared.verify(doc.as_bytes()).unwrap();
        assert_eq!(serde_json::to_value(&alone).unwrap(), serde_json::to_value(&batch).unwrap(), "{name}");
        match name {
            "good" | "good again" | "branch" => assert_eq!(batch.status, Status::Valid, "{name}"),
            _ => assert_eq!(batch.status, Status::Invalid, "{name}"),
        }
    }
    let r = shared.verify(revoked.as_bytes()).unwrap();
    assert!(r.signatures[1].findings.iter().any(|f| f.code().id() == "path-revoked"), "{r:?}");
}
