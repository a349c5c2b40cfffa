//! `kyso demo`: build a Vietnam-shaped demo PKI and say what was made; `kyso demo serve`: put it
//! online on 127.0.0.1 (OCSP, CRLs, CA certificates).

use crate::lang::Lang;
use crate::secret::PassArgs;
use anyhow::Result;
use kyso::demo::serve::{DemoServer, DemoSite, Exchange, FileKind};
use kyso::demo::{self, Role};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    #[command(subcommand)]
    pub command: Option<DemoCommand>,
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

#[derive(clap::Subcommand, Debug)]
pub enum DemoCommand {
    /// Serve a demo's OCSP responders, CRLs and CA certificates on 127.0.0.1, at the paths its
    /// certificates name, to watch online checking work (until interrupted, or --for SECONDS).
    Serve(ServeArgs),
}

/// `kyso demo serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The demo directory (written by `kyso demo --out DIR`).
    #[arg(long, short = 'd', value_name = "DIR", default_value = "kyso-demo")]
    pub dir: PathBuf,
    /// Port on 127.0.0.1 (0: any free port). Nothing listens on other addresses.
    #[arg(long, value_name = "PORT", default_value_t = 8787)]
    pub port: u16,
    /// Stop after this many seconds (default: serve until interrupted with Ctrl-C).
    #[arg(long = "for", value_name = "SECONDS")]
    pub duration: Option<u64>,
    /// Do not print each request served.
    #[arg(long, short)]
    pub quiet: bool,
    // The passphrase of the demo OCSP responder keys (`kyso demo` uses kyso-demo).
    #[command(flatten)]
    pub pass: PassArgs,
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
    if let Some(DemoCommand::Serve(a)) = args.command {
        return serve(a, lang);
    }
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

/// `kyso demo serve`: load the demo, serve it, print where and how to use it, log each request.
fn serve(args: ServeArgs, lang: Lang) -> Result<ExitCode> {
    if !args.dir.join("manifest.json").is_file() {
        let dir = args.dir.display();
        return Err(crate::error::UsageError::new(
            format!("{dir} is not a demo directory (no manifest.json)"),
            format!("{dir} không phải thư mục demo (không có manifest.json)"),
        )
        .hint(
            format!("write one first with: kyso demo --out {dir}"),
            format!("hãy tạo trước bằng: kyso demo --out {dir}"),
        )
        .into());
    }
    let pass = args.pass.get(
        lang.t(
            "Passphrase of the demo keys (kyso demo uses kyso-demo): ",
            "Mật khẩu của các khóa demo (kyso demo dùng kyso-demo): ",
        ),
        false,
    )?;
    let site = DemoSite::load(&args.dir, pass.as_bytes())?;
    let observer: Option<kyso::demo::serve::Observer> = if args.quiet {
        None
    } else {
        Some(Arc::new(move |e: &Exchange| eprintln!("{}", exchange_line(e, lang))))
    };
    let server = DemoServer::start(site, args.port, observer)?;
    print_banner(&args, &server, lang);
    match args.duration {
        Some(secs) => std::thread::sleep(Duration::from_secs(secs)),
        // Until Ctrl-C: SIGINT ends the process (nothing to write or clean up).
        None => loop {
            std::thread::sleep(Duration::from_secs(3600));
        },
    }
    server.stop();
    Ok(ExitCode::SUCCESS)
}

fn print_banner(args: &ServeArgs, server: &DemoServer, lang: Lang) {
    let base = server.base_url();
    let dir = args.dir.display();
    let until = match args.duration {
        Some(s) => format!("{} {s} {}", lang.t("for", "trong"), lang.t("s", "giây")),
        None => lang.t("until Ctrl-C", "đến khi nhấn Ctrl-C").to_string(),
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{} {dir} {} {base} ({until})",
        lang.t("Serving the demo PKI in", "Đang phục vụ hạ tầng khóa công khai mẫu trong"),
        lang.t("on", "tại"),
    );
    for (domain, host) in server.site().hosts() {
        let _ = writeln!(out);
        let _ = writeln!(out, "  http://{host}/  ({} {base}/{}/)", lang.t("also", "hoặc"), domain.as_str());
        let _ = writeln!(
            out,
            "    {:<9} {}",
            "ocsp",
            lang.t(
                "OCSP responder (RFC 6960 POST, RFC 5019 GET)",
                "máy chủ OCSP (RFC 6960 POST, RFC 5019 GET)"
            )
        );
        for f in server.site().files().iter().filter(|f| f.domain == domain) {
            let root = f.name.starts_with("root.");
            let what = match (f.kind, root) {
                (FileKind::Crl, true) => lang.t("CRL of the root", "danh sách thu hồi (CRL) của CA gốc"),
                (FileKind::Crl, false) => {
                    lang.t("CRL of the issuing CA", "danh sách thu hồi (CRL) của CA cấp")
                }
                (FileKind::Certificate, true) => lang.t("root certificate", "chứng thư CA gốc"),
                (FileKind::Certificate, false) => lang.t("issuing CA certificate", "chứng thư CA cấp"),
                (FileKind::Bundle, true) => lang.t(
                    "certificates issued to the root (self-signed, cross-certificate)",
                    "các chứng thư cấp cho CA gốc (tự ký, chứng thư chéo)",
                ),
                (FileKind::Bundle, false) => {
                    lang.t("certificates issued to the issuing CA", "các chứng thư cấp cho CA cấp")
                }
            };
            let _ = writeln!(out, "    {:<9} {what}", f.name);
        }
    }
    let maps: Vec<String> = server.host_mappings().iter().map(|m| m.to_string()).collect();
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        lang.t(
            "The demo certificates name these hosts; send kyso's requests for them here:",
            "Các chứng thư demo ghi các tên máy chủ này; để kyso gửi yêu cầu tới đây:"
        )
    );
    let _ = writeln!(out, "  export KYSO_RESOLVE={}", maps.join(","));
    let flags: Vec<String> = maps.iter().map(|m| format!("--resolve {m}")).collect();
    let _ = writeln!(out, "  {} {}", lang.t("or on each command:", "hoặc trên mỗi lệnh:"), flags.join(" "));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        lang.t(
            "Ask about the revoked signer with OpenSSL:",
            "Hỏi trạng thái người ký đã bị thu hồi bằng OpenSSL:"
        )
    );
    let p = |rel: &str| args.dir.join(rel).display().to_string();
    let _ = writeln!(
        out,
        "  openssl ocsp -issuer {} -cert {} -url {base}/gov/ocsp -CAfile {}",
        p("gov/ca.pem"),
        p("gov/revoked.pem"),
        p("gov/root.pem")
    );
    let _ = out.flush();
}

/// One line per request: `POST /gov/ocsp 200 [gov] OCSP 23788C4A...: revoked`.
fn exchange_line(e: &Exchange, lang: Lang) -> String {
    let mut target = e.target.clone();
    if target.chars().count() > 48 {
        target = target.chars().take(45).chain("...".chars()).collect();
    }
    let mut line = format!("{} {}", e.method, target);
    if let Some(h) = &e.host {
        if !h.starts_with("127.") && h != "localhost" {
            line.push_str(&format!(" (Host: {h})"));
        }
    }
    line.push_str(&format!(" {}", e.status));
    if let Some(d) = e.domain {
        line.push_str(&format!(" [{}]", d.as_str()));
    }
    match e.ocsp_status {
        Some("successful") => {
            let answers: Vec<String> = e
                .answers
                .iter()
                .map(|a| {
                    let status = match a.status.as_str() {
                        "good" => lang.t("good", "tốt"),
                        "revoked" => lang.t("revoked", "đã thu hồi"),
                        _ => lang.t("unknown", "không rõ"),
                    };
                    format!("{} {}: {status}", lang.t("serial", "số hiệu"), a.serial)
                })
                .collect();
            line.push_str(&format!(" OCSP {}", answers.join(", ")));
        }
        Some(other) => line.push_str(&format!(" OCSP {other}")),
        None => line.push_str(&format!(" ({} {})", e.bytes, lang.t("bytes", "byte"))),
    }
    line
}
