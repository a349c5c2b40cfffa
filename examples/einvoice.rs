//! A Vietnamese e-invoice (hoá đơn điện tử, QĐ 1450/QĐ-TCT) signed by the seller and
//! counter-signed by the tax authority, then verified under each trust domain alone: the
//! seller's signature (public PKI) and the tax authority's (government PKI) are each accepted by
//! their own root directly and by the other root through the cross-certificates.
//!
//! Everything is generated in memory by the demo PKI (demo names, not real CAs); the signed
//! invoice is written to the file given, if any.
//!
//! ```text
//! cargo run --example einvoice [-- signed.xml]
//! ```

use kyso::cms::VerifyOptions;
use kyso::demo::{self, DemoPki};
use kyso::revocation::RevocationMode;
use kyso::verdict::Status;
use kyso::xml::einvoice::Role;
use kyso::xml::{DocumentSignOptions, sign_document, verify_document};

/// Sign `doc` as `role` with the demo entity `id` (its issuing CA as the chain in KeyInfo).
fn sign_as(pki: &DemoPki, doc: &[u8], id: &str, role: Role) -> kyso::Result<Vec<u8>> {
    let e = pki.get(id).expect("demo entity");
    let ca = pki.get(&e.issuer).expect("its CA");
    let key = e.key.as_ref().expect("a signer has a key");
    // Circular 15/2025/TT-BKHCN: check the certificate before signing.
    let problems = kyso::cms::check_signer(key, &e.cert, time::OffsetDateTime::now_utc());
    kyso::cms::decide_signing(problems, false)?;
    let opts = DocumentSignOptions::default().with_role(Some(role)).with_chain(vec![ca.cert.clone()]);
    Ok(sign_document(doc, key, &e.cert, &opts, None)?.document)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pki = demo::generate()?;
    // 1. The seller signs (NBan), 2. the tax authority counter-signs (CQT).
    let signed = sign_as(&pki, demo::SAMPLE_INVOICE.as_bytes(), "public-business", Role::Seller)?;
    let signed = sign_as(&pki, &signed, "gov-agency", Role::TaxAuthority)?;
    if let Some(out) = std::env::args_os().nth(1) {
        kyso::io::write_atomic(&out, &signed, kyso::io::WriteOptions::default())?;
        println!("signed invoice written to {}", std::path::Path::new(&out).display());
    }
    // 3. Verify under each domain alone: the relying party trusts one root and holds the
    //    issuing CAs and the cross-certificates as untrusted certificates.
    let mut all_valid = true;
    for (domain, store) in pki.trust_domains()? {
        let opts = VerifyOptions::default()
            .with_store(store)
            .with_untrusted(pki.pool())
            .with_crls(pki.all_crls())
            .with_revocation(RevocationMode::Require);
        let verdict = verify_document(&signed, &opts)?;
        println!("trusting only the '{domain}' root:");
        for s in &verdict.signatures {
            let who = s.signer.as_ref().and_then(|i| i.common_name.clone()).unwrap_or_default();
            let cross = s.paths.iter().any(|p| p.through_cross_certificate);
            println!(
                "  {:<14} {who}: {:?}{}",
                s.role.as_deref().unwrap_or("-"),
                s.status,
                if cross { " (through the cross-certificate)" } else { "" }
            );
            for f in s.findings.iter().filter(|f| f.severity == kyso::diag::Severity::Error) {
                println!("      {}", f.render(kyso::diag::Lang::En));
            }
            all_valid &= s.status == Status::Valid;
        }
    }
    if !all_valid {
        return Err("a signature was not valid".into());
    }
    Ok(())
}
