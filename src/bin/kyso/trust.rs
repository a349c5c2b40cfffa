//! `kyso trust list`: the built-in Vietnamese trust list (or a trust list file), every entry with
//! its role, domain, subject, validity, SHA-256 pin and legacy flag.

use crate::lang::Lang;
use anyhow::Result;
use kyso::trust::{ListEntry, Role, TrustList};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum TrustCommand {
    /// Show the built-in Vietnamese trust list (or a trust list file): every trust anchor and
    /// intermediate with its domain, subject, validity, SHA-256 pin and legacy flag.
    List(ListArgs),
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// A trust list file of your own to show instead (JSON, format kyso.trust-list/1).
    #[arg(value_name = "FILE", allow_hyphen_values = true)]
    pub file: Option<PathBuf>,
    /// Print the list as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cmd: TrustCommand, lang: Lang) -> Result<ExitCode> {
    match cmd {
        TrustCommand::List(a) => run_list(a, lang),
    }
}

fn run_list(a: ListArgs, lang: Lang) -> Result<ExitCode> {
    let loaded;
    let list: &TrustList = match &a.file {
        Some(f) => {
            loaded = TrustList::load(f)?;
            &loaded
        }
        None => kyso::trust::vn::list(),
    };
    crate::args::print_warnings(list.warnings(), lang);
    if a.json {
        let entries: Vec<serde_json::Value> = list.entries().iter().map(entry_json).collect();
        let doc = serde_json::json!({
            "list": a.file.as_ref().map(|f| f.display().to_string()).unwrap_or_else(|| "vn".into()),
            "entries": entries,
        });
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(ExitCode::SUCCESS);
    }
    let anchors = list.entries().iter().filter(|e| e.role == Role::Anchor).count();
    let intermediates = list.entries().len() - anchors;
    let counts = match lang {
        Lang::En => format!("{anchors} trust anchor(s), {intermediates} intermediate(s)"),
        Lang::Vi => format!("{anchors} điểm tin cậy, {intermediates} CA trung gian"),
    };
    match &a.file {
        None => println!(
            "{}: {counts}",
            lang.t("Built-in Vietnamese trust list", "Danh sách tin cậy tích hợp của Việt Nam")
        ),
        Some(f) => println!("{} {}: {counts}", lang.t("Trust list", "Danh sách tin cậy"), f.display()),
    }
    for (i, e) in list.entries().iter().enumerate() {
        println!();
        println!("{}. {}", i + 1, e.label());
        let role = match e.role {
            Role::Anchor => lang.t("trust anchor", "điểm tin cậy"),
            Role::Intermediate => lang.t("intermediate (issuer pool)", "CA trung gian (nguồn tổ chức cấp)"),
        };
        let v = e.cert.x509().validity();
        let legacy = if e.legacy {
            lang.t(
                "yes (SHA-1 generation, kept for archived documents)",
                "có (thế hệ SHA-1, giữ lại cho tài liệu lưu trữ)",
            )
        } else {
            lang.t("no", "không")
        };
        let rows = [
            (lang.t("Role", "Vai trò"), role.to_string()),
            (lang.t("Domain", "Miền tin cậy"), e.domain.clone()),
            (lang.t("Subject", "Chủ thể"), e.cert.subject_string()),
            (lang.t("Valid from", "Hiệu lực từ"), kyso::vn::format_utc(v.not_before.to_datetime())),
            (lang.t("Valid until", "Hiệu lực đến"), kyso::vn::format_utc(v.not_after.to_datetime())),
            (lang.t("Legacy", "Thế hệ cũ"), legacy.to_string()),
            ("SHA-256", hex::encode(e.cert.sha256())),
        ];
        for (label, value) in rows {
            println!("   {:<14} {value}", format!("{label}:"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn entry_json(e: &ListEntry) -> serde_json::Value {
    let v = e.cert.x509().validity();
    let rfc3339 = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| t.to_string())
    };
    serde_json::json!({
        "label": e.label(),
        "role": e.role.as_str(),
        "domain": e.domain,
        "subject": e.cert.subject_string(),
        "issuer": e.cert.issuer_string(),
        "not_before": rfc3339(v.not_before.to_datetime()),
        "not_after": rfc3339(v.not_after.to_datetime()),
        "sha256": hex::encode(e.cert.sha256()),
        "legacy": e.legacy,
        "file": e.file,
        "source": e.source,
        "note": e.note,
    })
}
