//! The `kyso.verdict/1` report model: a CMS verification of the demo officer's signature (in
//! `testdata/pki`) under both trust domains, as a library call and through `kyso verify --json`.

use assert_cmd::Command;
use kyso::cms::{self, VerifyOptions};
use kyso::verdict::{DocumentVerdict, Format, RevocationOutcome, SCHEMA, Status};
use kyso::{Certificate, Crl, TrustStore};
use std::path::{Path, PathBuf};

fn pki(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pki").join(p)
}

const AT: &str = "2026-12-08T00:00:00Z";

fn options(crls: &[&str]) -> VerifyOptions {
    let mut store = TrustStore::new();
    store.add(Certificate::load(pki("public/root.pem")).unwrap(), "public root", "public");
    store.add(Certificate::load(pki("gov/root.pem")).unwrap(), "gov root", "gov");
    let untrusted = ["cross/public-to-gov.pem", "cross/gov-to-public.pem"]
        .iter()
        .map(|p| Certificate::load(pki(p)).unwrap())
        .collect();
    let crls = crls.iter().flat_map(|c| Crl::load_all(pki(c)).unwrap()).collect();
    let at = time::OffsetDateTime::parse(AT, &time::format_description::well_known::Rfc3339).unwrap();
    VerifyOptions::default().with_store(store).with_untrusted(untrusted).with_crls(crls).with_at(Some(at))
}

fn officer_verdict(opts: &VerifyOptions) -> DocumentVerdict {
    let sig = std::fs::read(pki("sample/cong-van-mau.txt.officer.p7s")).unwrap();
    let mut data = std::fs::File::open(pki("sample/cong-van-mau.txt")).unwrap();
    cms::verify_document(&sig, Some(&mut data), opts).unwrap()
}

#[test]
fn officer_signature_under_both_domains() {
    let v = officer_verdict(&options(&[]));
    assert_eq!(
        (v.schema, v.format, v.status, v.indication),
        (SCHEMA, Format::Cms, Status::Valid, "TOTAL-PASSED")
    );
    let size = std::fs::metadata(pki("sample/cong-van-mau.txt")).unwrap().len();
    assert_eq!(v.document.size, Some(size));
    assert_eq!(v.document.attached, Some(false));
    assert_eq!(v.signatures.len(), 1);
    let s = &v.signatures[0];
    assert_eq!((s.index, s.id.as_str(), s.status), (0, "signer-info-0", Status::Valid));
    let signer = s.signer.as_ref().unwrap();
    assert_eq!(signer.common_name.as_deref(), Some("Nguyễn Văn A"));
    assert_eq!(signer.organization.as_deref(), Some("BỘ CÔNG THƯƠNG"));
    assert_eq!(signer.organizational_units, ["Cục Thương mại điện tử và Kinh tế số"]);
    assert!(s.signing_time.claimed.is_some());
    assert!(s.signing_time.proven_by_timestamp.is_none());
    assert_eq!(s.signing_time.source, "verification-time");
    assert_eq!(s.signing_time.used_for_validation.utc, AT);
    assert_eq!(s.integrity.status, cms::CheckStatus::Passed);
    assert_eq!(s.integrity.covers, kyso::verdict::Coverage::Content { length: Some(size) });
    assert_eq!(s.signature_algorithm, "ecdsa-with-SHA256");
    // One path per domain: gov directly, public through the gov-to-public cross-certificate.
    let mut domains: Vec<(&str, bool)> =
        s.paths.iter().map(|p| (p.domain.as_str(), p.through_cross_certificate)).collect();
    domains.sort();
    assert_eq!(domains, [("gov", false), ("public", true)]);
    let public = s.paths.iter().find(|p| p.domain == "public").unwrap();
    let cross = &public.certificates[public.cross_certificates[0]];
    assert!(cross.subject.contains("DEMO RootCA chuyên dùng Chính phủ"), "{}", cross.subject);
    assert!(cross.issuer.contains("DEMO National Root CA"), "{}", cross.issuer);
    // Without CRLs (soft mode), every non-anchor certificate's status is unknown.
    assert!(!s.revocation.is_empty());
    assert!(s.revocation.iter().all(|r| r.status == RevocationOutcome::Unknown && r.source.is_none()));
    assert!(s.timestamps.is_empty());

    // The JSON shape.
    let j = serde_json::to_value(&v).unwrap();
    assert_eq!(j["schema"], "kyso.verdict/1");
    assert_eq!(j["format"], "cms");
    assert_eq!(j["status"], "valid");
    assert_eq!(j["indication"], "TOTAL-PASSED");
    let s = &j["signatures"][0];
    assert_eq!(s["status"], "valid");
    assert_eq!(s["signer"]["common_name"], "Nguyễn Văn A");
    assert_eq!(s["signing_time"]["proven_by_timestamp"], serde_json::Value::Null);
    assert_eq!(s["integrity"]["covers"]["kind"], "content");
    assert_eq!(s["integrity"]["digest_algorithm"], "sha256");
    assert_eq!(s["paths"].as_array().unwrap().len(), 2);
    assert!(s["paths"].as_array().unwrap().iter().any(|p| p["through_cross_certificate"] == true));
    assert_eq!(s["revocation"][0]["status"], "unknown");
    assert!(
        s["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "signature-value" && c["status"] == "passed")
    );
    assert!(s["findings"].as_array().unwrap().iter().any(|f| f["code"] == "cms-signing-time-unproven"));
}

#[test]
fn crls_are_named_as_revocation_evidence() {
    let v = officer_verdict(&options(&["gov/ca.crl.pem", "gov/root.crl.pem", "public/root.crl.pem"]));
    let s = &v.signatures[0];
    let leaf = s.revocation.iter().find(|r| r.certificate.subject.contains("Nguyễn Văn A")).unwrap();
    assert_eq!(leaf.status, RevocationOutcome::Good);
    match leaf.source.as_ref().unwrap() {
        kyso::verdict::RevocationSource::Crl { issuer, this_update, .. } => {
            assert!(issuer.contains("DEMO CA phục vụ các cơ quan Nhà nước"), "{issuer}");
            assert!(this_update.unix > 0);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn revoked_signer_is_total_failed() {
    // The demo's revoked signer has no sample signature: sign one now with the demo key.
    let cert = Certificate::load(pki("gov/revoked.pem")).unwrap();
    let key = kyso::keys::load_private_key(pki("gov/revoked.key.pem"), Some(b"kyso-demo")).unwrap();
    let sign_opts =
        cms::SignOptions::default().with_chain(vec![Certificate::load(pki("gov/ca.pem")).unwrap()]);
    let out = cms::sign(&key, &cert, &mut &b"x\n"[..], &sign_opts).unwrap();
    let opts = options(&["gov/ca.crl.pem", "gov/root.crl.pem"]);
    let v = cms::verify_document(&out.der, Some(&mut &b"x\n"[..]), &opts).unwrap();
    assert_eq!((v.status, v.indication), (Status::Invalid, "TOTAL-FAILED"));
    assert!(v.signatures[0].revocation.iter().any(|r| r.status == RevocationOutcome::Revoked));
}

#[test]
fn cli_verify_json_prints_the_verdict() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let run = |extra: &[&str]| {
        let mut c = Command::cargo_bin("kyso").unwrap();
        c.current_dir(&root).env("LANG", "C").args(["verify"]).args(extra).args([
            "--domain",
            "public=pki/public/root.pem",
            "--domain",
            "gov=pki/gov/root.pem",
            "--untrusted",
            "pki/cross/public-to-gov.pem",
            "--untrusted",
            "pki/cross/gov-to-public.pem",
            "--at",
            AT,
            "--json",
        ]);
        let out = c.assert().code(0).get_output().stdout.clone();
        serde_json::from_slice::<serde_json::Value>(&out).unwrap()
    };
    let v = run(&["pki/sample/cong-van-mau.txt", "--sig", "pki/sample/cong-van-mau.txt.officer.p7s"]);
    assert_eq!(v["schema"], "kyso.verdict/1");
    assert_eq!(v["status"], "valid");
    assert_eq!(v["signatures"][0]["signer"]["organization"], "BỘ CÔNG THƯƠNG");
    assert_eq!(v["signatures"][0]["paths"].as_array().unwrap().len(), 2);
    // The business signature decodes its tax code.
    let v = run(&["pki/sample/cong-van-mau.txt", "--sig", "pki/sample/cong-van-mau.txt.business.p7s"]);
    assert_eq!(v["signatures"][0]["signer"]["tax_code"], "0101234567");
    assert_eq!(v["signatures"][0]["signer"]["vn_id"]["kind"], "tax-code");
}
