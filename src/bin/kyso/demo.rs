//! `kyso demo`: build a Vietnam-shaped demo PKI and say what was made.

use crate::lang::Lang;
use anyhow::Result;
use kyso::demo::{self, Role};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    /// Directory to write into (created; must be empty unless --force).
    #[arg(long, short = 'o', value_name = "DIR", default_value = "kyso-demo")]
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
    let manifest = demo::build_with(&args.out, args.force)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&manifest)?);
        return Ok(ExitCode::SUCCESS);
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
    Ok(ExitCode::SUCCESS)
}
