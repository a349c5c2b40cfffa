//! `kyso demo`: build a Vietnam-shaped demo PKI and say what was made.

use crate::lang::Lang;
use anyhow::Result;
use kyso::demo::{self, Role};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    /// Directory to write into (created; must be empty unless --force).
    #[arg(long, short = 'o', alias = "output", value_name = "DIR", default_value = "kyso-demo")]
    pub out: PathBuf,
    /// Write into a non-empty directory, replacing files.
    #[arg(long)]
    pub force: bool,
    /// Print the manifest as JSON instead of a summary.
    #[arg(long)]
    pub json: bool,
}

fn role_text(r: Role, lang: Lang) -> &'static str {
    match r {
        Role::Root => lang.t("root CA", "CA gốc"),
        Role::Ca => lang.t("issuing CA", "CA cấp chứng thư"),
        Role::Cross => lang.t("cross-certificate", "chứng thư chéo"),
        Role::Signer => lang.t("signer", "người ký"),
        Role::Tsa => lang.t("timestamp authority", "dịch vụ cấp dấu thời gian"),
        Role::Ocsp => lang.t("OCSP responder", "máy chủ OCSP"),
        Role::Crl => lang.t("CRL", "danh sách thu hồi"),
    }
}

pub fn run(args: DemoArgs, lang: Lang) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let (pki, manifest) = demo::build_pki(&args.out, args.force)?;
    let checks = pki.cross_validate_signers(time::OffsetDateTime::now_utc())?;
    let signatures = pki.sign_and_verify_sample(&args.out, args.force)?;
    let invoice = pki.sign_and_verify_invoice(&args.out, args.force)?;
    let all_accepted = checks.iter().all(|c| c.report.all_accepted())
        && signatures.iter().all(|s| s.report.valid)
        && invoice.verdict.is_valid();
    if args.json {
        let out = serde_json::json!({
            "manifest": manifest,
            "cross_validation": checks,
            "signatures": signatures,
            "invoice": invoice,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(if all_accepted { ExitCode::SUCCESS } else { ExitCode::from(crate::error::EXIT_INVALID) });
    }
    println!(
        "{} {} ({:.1} s)",
        lang.t("Demo PKI written to", "Đã tạo hạ tầng khóa công khai mẫu tại"),
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    for domain in [demo::Domain::Public, demo::Domain::Gov] {
        println!();
        println!(
            "{}",
            match domain {
                demo::Domain::Public => lang.t("Public domain:", "Miền công cộng:"),
                demo::Domain::Gov => lang.t("Government domain:", "Miền chuyên dùng Chính phủ:"),
            }
        );
        for a in manifest.artifacts.iter().filter(|a| a.domain == domain) {
            let file = a.cert.as_deref().or(a.crl.as_deref()).unwrap_or("");
            let mut line = format!("  {:<26} {:<28} {}", role_text(a.role, lang), file, a.subject);
            if let Some(k) = &a.key {
                line.push_str(&format!("\n  {:<26} {k}", ""));
            }
            if a.revoked {
                line.push_str(&format!("  [{}]", lang.t("REVOKED", "ĐÃ THU HỒI")));
            }
            println!("{line}");
        }
    }
    println!();
    println!(
        "{} {}",
        lang.t(
            "Private keys are encrypted with the demo passphrase:",
            "Khóa bí mật được mã hóa bằng mật khẩu mẫu:"
        ),
        manifest.passphrase
    );
    println!(
        "{} {}",
        lang.t("Everything is listed in", "Danh sách đầy đủ trong"),
        args.out.join("manifest.json").display()
    );
    println!(
        "{}",
        lang.t(
            "These certificates are for testing only: every CA name says DEMO.",
            "Các chứng thư này chỉ dùng để thử nghiệm: tên mọi CA đều có chữ DEMO."
        )
    );
    print_cross_validation(&checks, lang);
    print_signatures(&args.out, &signatures, lang);
    print_invoice(&args.out, &invoice, lang);
    Ok(if all_accepted { ExitCode::SUCCESS } else { ExitCode::from(crate::error::EXIT_INVALID) })
}

/// Cross-validation (xác thực chéo): each signer under both roots, with the path taken.
fn print_cross_validation(checks: &[demo::DemoCrossCheck], lang: Lang) {
    println!();
    println!(
        "{}",
        lang.t(
            "Cross-validation (CRLs checked, revocation required):",
            "Xác thực chéo (kiểm tra CRL, bắt buộc trạng thái thu hồi):"
        )
    );
    for c in checks {
        let who = c
            .report
            .domains
            .iter()
            .flat_map(|d| d.paths.first())
            .map(|p| p.certificates[0].subject.clone())
            .next()
            .unwrap_or_else(|| c.id.clone());
        println!("  {who}");
        for d in &c.report.domains {
            let verdict = if d.accepted {
                lang.t("ACCEPTED", "CHẤP NHẬN")
            } else {
                lang.t("REJECTED", "TỪ CHỐI")
            };
            println!("    {} '{}': {verdict}", lang.t("domain", "miền"), d.domain);
            if let Some(p) = d.paths.first() {
                let names: Vec<String> = p
                    .certificates
                    .iter()
                    .enumerate()
                    .map(|(i, cert)| {
                        let cn = short_name(&cert.subject);
                        if p.cross_certificates.contains(&i) {
                            format!("{cn} [{}]", lang.t("cross-certificate", "chứng thư chéo"))
                        } else {
                            cn
                        }
                    })
                    .collect();
                println!("      {}", names.join(" → "));
                if !p.user_constrained_policy_set.is_empty() {
                    println!(
                        "      {}: {}",
                        lang.t("policies", "chính sách"),
                        p.user_constrained_policy_set.join(", ")
                    );
                }
            } else if let Some(e) = &d.error {
                println!("      {e}");
            }
        }
    }
}

/// The CN of an RFC 4514-like subject, or the whole subject.
fn short_name(subject: &str) -> String {
    subject
        .split(", ")
        .find_map(|part| part.strip_prefix("CN="))
        .map(str::to_string)
        .unwrap_or_else(|| subject.to_string())
}

/// The sample document signed by both signers, each signature verified under both domains.
fn print_signatures(dir: &std::path::Path, sigs: &[demo::DemoSignatureCheck], lang: Lang) {
    println!();
    println!(
        "{} {}:",
        lang.t("Signed and verified the sample document", "Đã ký và xác minh văn bản mẫu"),
        dir.join("sample/cong-van-mau.txt").display()
    );
    for s in sigs {
        let signer = s.report.signers.first();
        let who = signer
            .and_then(|r| r.identity.as_ref())
            .and_then(|i| i.common_name.clone())
            .unwrap_or_else(|| s.signer.clone());
        let verdict = if s.report.valid {
            lang.t("VALID", "HỢP LỆ")
        } else {
            lang.t("INVALID", "KHÔNG HỢP LỆ")
        };
        let via = if s.crossed {
            lang.t(" (through the cross-certificate)", " (qua chứng thư chéo)")
        } else {
            ""
        };
        println!(
            "  {:<45} {} '{}'{via}: {verdict}",
            format!("{} — {}", who, s.signature),
            lang.t("under domain", "theo miền"),
            s.domain
        );
        if !s.report.valid {
            for e in signer.map(|r| r.errors.as_slice()).unwrap_or_default() {
                println!("      {}", e.render(lang.into()));
            }
        }
    }
}

/// The sample e-invoice: each signature with its role, verdict and the domains that accept it.
fn print_invoice(dir: &std::path::Path, inv: &demo::DemoInvoiceCheck, lang: Lang) {
    println!();
    println!(
        "{} {}:",
        lang.t("Signed and verified the sample e-invoice", "Đã ký và xác minh hoá đơn điện tử mẫu"),
        dir.join(&inv.file).display()
    );
    for s in &inv.verdict.signatures {
        let role = match s.role.as_deref() {
            Some("seller") => lang.t("seller (NBan)", "người bán (NBan)"),
            Some("tax-authority") => lang.t("tax authority (CQT)", "cơ quan thuế (CQT)"),
            Some("buyer") => lang.t("buyer (NMua)", "người mua (NMua)"),
            _ => lang.t("other", "khác"),
        };
        let who = s.signer.as_ref().and_then(|i| i.common_name.clone()).unwrap_or_default();
        let verdict = match s.status {
            kyso::verdict::Status::Valid => lang.t("VALID", "HỢP LỆ"),
            kyso::verdict::Status::Invalid => lang.t("INVALID", "KHÔNG HỢP LỆ"),
            _ => lang.t("INDETERMINATE", "CHƯA XÁC ĐỊNH"),
        };
        let domains: Vec<String> = s
            .paths
            .iter()
            .map(|p| {
                if p.through_cross_certificate {
                    format!(
                        "'{}'{}",
                        p.domain,
                        lang.t(" (through the cross-certificate)", " (qua chứng thư chéo)")
                    )
                } else {
                    format!("'{}'", p.domain)
                }
            })
            .collect();
        println!(
            "  {role}: {who}: {verdict} — {} {}",
            lang.t("accepted by", "được chấp nhận bởi miền"),
            if domains.is_empty() { "-".to_string() } else { domains.join(", ") }
        );
        if s.status != kyso::verdict::Status::Valid {
            for f in s.findings.iter().filter(|f| f.severity == kyso::diag::Severity::Error) {
                println!("      {}", f.render(lang.into()));
            }
        }
    }
}
