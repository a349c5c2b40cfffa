//! `kyso chain verify` and `kyso cross-validate`: build and validate certification paths.

use crate::error::EXIT_INVALID;
use crate::lang::Lang;
use anyhow::Result;
use kyso::path::{
    CrossValidationReport, NameCheck, PathValidator, ValidPath, ValidationOptions, ValidationReport,
    cross_validate_with_sources,
};
use kyso::revocation::RevocationMode;
use kyso::{Certificate, Crl, Error, TrustStore};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum ChainCommand {
    /// Build and validate every certification path from a certificate to the trust anchors.
    Verify(VerifyArgs),
}

/// Options shared by `chain verify` and `cross-validate`.
#[derive(clap::Args, Debug)]
pub struct CommonArgs {
    /// Untrusted intermediates and cross-certificates: files, PEM bundles or directories.
    #[arg(long, value_name = "FILE", allow_hyphen_values = true)]
    pub untrusted: Vec<PathBuf>,
    /// CRLs (PEM or DER).
    #[arg(long, value_name = "FILE", allow_hyphen_values = true)]
    pub crl: Vec<PathBuf>,
    /// Validation time, default now: RFC 3339 (2026-01-01T07:00:00+07:00) or a date
    /// (2026-01-01: midnight UTC).
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Revocation checking: off, soft (unknown status is a warning; default) or require.
    #[arg(long, value_name = "off|soft|require", allow_hyphen_values = true)]
    pub revocation: Option<String>,
    /// Trust list (repeatable): `vn` (the built-in Vietnamese list: public and gov roots and the
    /// known intermediates; used by default when no --anchor/--domain is given), `none` (not
    /// the built-in list), or a trust list file of your own (JSON, format kyso.trust-list/1:
    /// entries with file, domain, role anchor|intermediate, optional sha256 pin; see README).
    #[arg(long, value_name = "vn|none|FILE", allow_hyphen_values = true)]
    pub trust: Vec<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub path: crate::args::PathArgs,
    #[command(flatten)]
    pub online: crate::args::OnlineArgs,
}

#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// The end-entity certificate (PEM or DER). In a PEM bundle the first certificate is the
    /// end entity and the others join the untrusted pool.
    #[arg(value_name = "EE", allow_hyphen_values = true)]
    pub ee: PathBuf,
    /// Trust anchor(s): files, PEM bundles or directories; `DOMAIN=FILE` labels a domain.
    /// Without it (and without --trust none), the built-in Vietnamese trust list is used.
    #[arg(long, value_name = "[DOMAIN=]FILE", allow_hyphen_values = true)]
    pub anchor: Vec<String>,
    #[command(flatten)]
    pub common: CommonArgs,
    /// DNS name the certificate must be valid for.
    #[arg(long, value_name = "N", allow_hyphen_values = true, conflicts_with_all = ["ip", "email"])]
    pub dns_name: Option<String>,
    /// IP address the certificate must be valid for.
    #[arg(long, value_name = "ADDR", allow_hyphen_values = true, conflicts_with = "email")]
    pub ip: Option<String>,
    /// Email address the certificate must be valid for.
    #[arg(long, value_name = "ADDR", allow_hyphen_values = true)]
    pub email: Option<String>,
    /// Show every path tried and why it failed.
    #[arg(long)]
    pub explain: bool,
}

#[derive(clap::Args, Debug)]
pub struct CrossValidateArgs {
    /// The certificate to validate (PEM or DER).
    #[arg(value_name = "CERT", allow_hyphen_values = true)]
    pub cert: PathBuf,
    /// A trust domain and its anchors: `DOMAIN=FILE` (repeatable; files, bundles, directories).
    /// Without it (and without --trust none), the domains of the built-in Vietnamese trust list
    /// (public, gov) are used.
    #[arg(long, value_name = "DOMAIN=FILE", allow_hyphen_values = true)]
    pub domain: Vec<String>,
    #[command(flatten)]
    pub common: CommonArgs,
    /// Exit 0 only when every domain accepts (default: at least one).
    #[arg(long)]
    pub require_all: bool,
}

pub fn run(cmd: ChainCommand, lang: Lang) -> Result<ExitCode> {
    match cmd {
        ChainCommand::Verify(a) => run_verify(a, lang),
    }
}

fn options(c: &CommonArgs) -> Result<ValidationOptions> {
    let mut o = crate::args::validation_options(&c.path)?;
    if let Some(at) = &c.at {
        o.time = crate::args::parse_at(at)?;
    }
    if let Some(r) = &c.revocation {
        o.revocation = r.parse::<RevocationMode>()?;
    }
    Ok(o)
}

use crate::args::print_warnings;

/// Load the pool and CRLs (warnings about skipped directory members are printed).
fn load_pool_and_crls(c: &CommonArgs, lang: Lang) -> Result<(Vec<Certificate>, Vec<Crl>)> {
    Ok((crate::args::load_pool(&c.untrusted, lang)?, crate::args::load_crls(&c.crl, lang)?))
}

fn run_verify(a: VerifyArgs, lang: Lang) -> Result<ExitCode> {
    let opts0 = options(&a.common)?;
    let mut opts = opts0;
    opts.name_check = match (&a.dns_name, &a.ip, &a.email) {
        (Some(d), _, _) => Some(NameCheck::Dns(d.clone())),
        (_, Some(ip), _) => Some(NameCheck::Ip(ip.parse().map_err(|_| {
            crate::error::UsageError::new(
                format!("--ip: '{ip}' is not an IP address"),
                format!("--ip: '{ip}' không phải địa chỉ IP"),
            )
        })?)),
        (_, _, Some(e)) => Some(NameCheck::Email(e.clone())),
        _ => None,
    };
    let mut ee_certs = Certificate::load_all(&a.ee)?.into_iter();
    let leaf = ee_certs.next().ok_or_else(|| {
        Error::input(kyso::diag::codes::input::CERT_EXPECTED_ONE).with("count", 0).with_file(&a.ee)
    })?;
    let mut store = TrustStore::new();
    for spec in &a.anchor {
        match crate::args::split_domain(spec) {
            Some((domain, file)) => store.add_path(file, domain)?,
            None => store.add_path(spec, "default")?,
        };
    }
    let (mut pool, crls) = load_pool_and_crls(&a.common, lang)?;
    pool.extend(ee_certs);
    crate::args::apply_trust(&a.common.trust, !a.anchor.is_empty(), &mut store, &mut pool)?;
    print_warnings(store.warnings(), lang);
    if store.is_empty() {
        return Err(crate::args::no_anchor_error().into());
    }
    let online = crate::args::online_sources(&a.common.online)?;
    let mut validator = PathValidator::new(&store).pool(&pool).crls(&crls).options(opts);
    for s in online.issuers() {
        validator = validator.issuer_source(s);
    }
    for s in online.revocation() {
        validator = validator.revocation_source(s);
    }
    let report = validator.validate(&leaf);
    if a.common.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report, lang, a.explain);
    }
    Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::from(EXIT_INVALID) })
}

fn print_path(p: &ValidPath, lang: Lang) {
    println!(
        "  {}: {} ({}: {})",
        lang.t("anchor", "điểm neo tin cậy"),
        p.anchor,
        lang.t("domain", "miền"),
        p.domain
    );
    for (i, c) in p.certificates.iter().enumerate() {
        let cross = if p.cross_certificates.contains(&i) {
            lang.t(" [cross-certificate]", " [chứng thư chéo]")
        } else {
            ""
        };
        println!("    {}: {}{cross}", i + 1, c.subject);
        println!(
            "       {}: {}  {}: {}",
            lang.t("issuer", "bên cấp"),
            c.issuer,
            lang.t("serial", "số hiệu"),
            c.serial
        );
        println!("       SHA-256: {}", c.sha256);
    }
    println!(
        "  {}: {}",
        lang.t("user-constrained policies", "chính sách hợp lệ"),
        policies(&p.user_constrained_policy_set)
    );
}

fn policies(set: &[String]) -> String {
    if set.is_empty() {
        "(none)".into()
    } else {
        set.iter()
            .map(|p| if p == kyso::path::ANY_POLICY { "anyPolicy".to_string() } else { p.clone() })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn print_report(r: &ValidationReport, lang: Lang, explain: bool) {
    if r.valid {
        println!(
            "{}",
            lang.t("VALID: the certificate path is valid", "HỢP LỆ: đường dẫn chứng thư số hợp lệ")
        );
        for (i, p) in r.paths.iter().enumerate() {
            println!("{} {}:", lang.t("Path", "Đường dẫn"), i + 1);
            print_path(p, lang);
        }
    } else {
        println!(
            "{}",
            lang.t(
                "INVALID: no valid certificate path",
                "KHÔNG HỢP LỆ: không có đường dẫn chứng thư số hợp lệ"
            )
        );
        if let Some(e) = &r.error {
            print_error(e, lang, "  ");
        }
        if let Some(best) = &r.best_invalid_path {
            println!("  {}:", lang.t("best path tried", "đường dẫn tốt nhất đã thử"));
            for (i, c) in best.iter().enumerate() {
                println!("    {}: {}", i + 1, c.subject);
            }
        }
    }
    for w in &r.warnings {
        println!("{}: {}", finding_label(w, lang), w.render(lang.into()));
    }
    // Only when something was tried and failed: a valid first path leaves nothing to explain.
    if explain && !r.tried.is_empty() {
        println!("{} ({}):", lang.t("Paths tried", "Các đường dẫn đã thử"), r.tried.len());
        for (i, t) in r.tried.iter().enumerate() {
            let chain: Vec<&str> = t.certificates.iter().map(|c| c.subject.as_str()).collect();
            match &t.anchor {
                Some(a) => {
                    println!(
                        "  {}. {} ({}: {a})",
                        i + 1,
                        chain.join(" -> "),
                        lang.t("anchor", "điểm neo tin cậy")
                    )
                }
                None => println!("  {}. {}", i + 1, chain.join(" -> ")),
            }
            println!("     {}: {}", lang.t("failed", "thất bại"), path_error_text(&t.error, lang));
        }
    }
}

pub fn run_cross_validate(a: CrossValidateArgs, lang: Lang) -> Result<ExitCode> {
    let opts = options(&a.common)?;
    let leaf = Certificate::load(&a.cert)?;
    let mut domains: Vec<(String, TrustStore)> = Vec::new();
    for spec in &a.domain {
        let (d, f) = crate::args::domain_file(spec, "--domain")?;
        match domains.iter_mut().find(|(n, _)| n == d) {
            Some((_, s)) => {
                s.add_path(f, d)?;
            }
            None => {
                let mut s = TrustStore::new();
                s.add_path(f, d)?;
                domains.push((d.to_string(), s));
            }
        }
    }
    let (mut pool, crls) = load_pool_and_crls(&a.common, lang)?;
    let mut listed = TrustStore::new();
    crate::args::apply_trust(&a.common.trust, !a.domain.is_empty(), &mut listed, &mut pool)?;
    for d in listed.domains() {
        let extra = listed.domain(&d);
        match domains.iter_mut().find(|(n, _)| *n == d) {
            Some((_, s)) => {
                for anchor in extra.anchors() {
                    s.add(anchor.cert.clone(), anchor.label.clone(), d.clone());
                }
            }
            None => domains.push((d, extra)),
        }
    }
    for (_, s) in &domains {
        print_warnings(s.warnings(), lang);
    }
    print_warnings(listed.warnings(), lang);
    if domains.is_empty() {
        return Err(crate::args::no_anchor_error().into());
    }
    let online = crate::args::online_sources(&a.common.online)?;
    let report = cross_validate_with_sources(
        &leaf,
        &pool,
        &crls,
        &domains,
        &opts,
        &online.issuers(),
        &online.revocation(),
    );
    if a.common.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_cross(&report, lang);
    }
    let ok = if a.require_all { report.all_accepted() } else { report.any_accepted() };
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(EXIT_INVALID) })
}

fn print_cross(r: &CrossValidationReport, lang: Lang) {
    for d in &r.domains {
        if d.accepted {
            println!("{} '{}': {}", lang.t("domain", "miền"), d.domain, lang.t("ACCEPTED", "CHẤP NHẬN"));
            for (i, p) in d.paths.iter().enumerate() {
                println!("{} {}:", lang.t("Path", "Đường dẫn"), i + 1);
                print_path(p, lang);
            }
        } else {
            println!(
                "{} '{}': {}",
                lang.t("domain", "miền"),
                d.domain,
                lang.t("NOT ACCEPTED", "KHÔNG CHẤP NHẬN")
            );
            if let Some(e) = &d.error {
                print_error(e, lang, "  ");
            }
        }
        for w in &d.warnings {
            println!("  {}: {}", finding_label(w, lang), w.render(lang.into()));
        }
    }
}

/// A path error in `lang`: `certificate #i (subject): <check> check failed: message [rule]`.
fn path_error_text(e: &kyso::path::PathError, lang: Lang) -> String {
    let subject = e.subject.as_ref().map(|s| format!(" ({s})")).unwrap_or_default();
    let mut out = match lang {
        Lang::Vi => format!("chứng thư #{}{subject}: kiểm tra [{}] không đạt", e.number(), e.check),
        Lang::En => format!("certificate #{}{subject}: {} check failed", e.number(), e.check),
    };
    out.push_str(": ");
    out.push_str(&e.render_message(lang.into()));
    if !e.rule.is_empty() {
        out.push_str(&format!(" [{}]", e.rule));
    }
    out
}

/// The reason and hint of a failed validation.
fn print_error(e: &kyso::path::PathError, lang: Lang, indent: &str) {
    println!("{indent}{}: {}", lang.t("reason", "lý do"), path_error_text(e, lang));
    if let Some(h) = e.hint {
        println!("{indent}{}: {}", lang.t("hint", "gợi ý"), crate::error::hint_text(h, lang));
    }
}

/// `warning` or `note`, by the finding's severity.
fn finding_label(f: &kyso::diag::Finding, lang: Lang) -> &'static str {
    match f.severity {
        kyso::diag::Severity::Note => lang.t("note", "ghi chú"),
        _ => lang.t("warning", "cảnh báo"),
    }
}
