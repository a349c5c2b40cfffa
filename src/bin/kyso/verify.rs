//! `kyso verify`: verify CMS/CAdES signatures, one with a full report or many in a batch
//! (`kyso::batch`).

use crate::args::{self, TrustArgs};
use crate::error::{EXIT_INPUT, EXIT_INVALID, UsageError};
use crate::lang::Lang;
use anyhow::Result;
use kyso::batch;
use kyso::cms::{Check, CheckStatus, SignerReport, TimestampReport, VerificationReport};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `kyso verify`.
#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// The signed file (with --sig or FILE.p7s beside it), or an attached signature. With
    /// --batch: several files, directories, or `-` for a list on stdin.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The detached signature (default: FILE.p7s when it exists).
    #[arg(long, value_name = "FILE.p7s")]
    pub sig: Option<PathBuf>,
    #[command(flatten)]
    pub trust: TrustArgs,
    /// JSON output (the full verification report).
    #[arg(long)]
    pub json: bool,
    /// Verify many files in parallel with a summary.
    #[arg(long)]
    pub batch: bool,
}

/// Resolve (signature file, data file) for `kyso verify FILE [--sig S]`.
fn resolve(file: &Path, sig: Option<&Path>) -> (PathBuf, Option<PathBuf>) {
    if let Some(s) = sig {
        return (s.to_path_buf(), Some(file.to_path_buf()));
    }
    let beside = batch::signature_path(file);
    if beside.is_file() {
        return (beside, Some(file.to_path_buf()));
    }
    (file.to_path_buf(), None)
}

/// One "label: status" line of a report, indented under `indent`.
fn print_check(indent: &str, label: &str, c: &Check, lang: Lang) {
    println!("{indent}  {label}: {}", check_line(c, lang));
}

/// The status of a check, with what was found unless it passed.
fn check_line(c: &Check, lang: Lang) -> String {
    let w = match c.status {
        CheckStatus::Passed => lang.t("OK", "Đạt"),
        CheckStatus::Failed => lang.t("FAILED", "KHÔNG ĐẠT"),
        CheckStatus::Absent => lang.t("absent", "không có"),
        CheckStatus::NotChecked => lang.t("not checked", "chưa kiểm tra"),
        _ => lang.t("unknown status", "trạng thái không xác định"),
    };
    match &c.detail {
        Some(d) if c.status != CheckStatus::Passed => format!("{w} ({})", d.render(lang.into())),
        _ => w.to_string(),
    }
}

/// A time as `kyso verify` prints it, CMS and XML alike: Vietnam time first, then UTC
/// (`2026-12-08T06:30:00+07:00 Vietnam time (2026-12-07T23:30:00Z UTC)`).
fn time_text(t: &kyso::verdict::TimeReport, lang: Lang) -> String {
    format!("{} {} ({} UTC)", t.vietnam, lang.t("Vietnam time", "giờ Việt Nam"), t.utc)
}

pub fn print_timestamp(t: &TimestampReport, lang: Lang, indent: &str) {
    let verdict =
        if t.valid { lang.t("valid", "hợp lệ") } else { lang.t("INVALID", "KHÔNG HỢP LỆ") };
    let when = t.gen_time.as_ref().map(|g| time_text(g, lang)).unwrap_or_default();
    let who = t.tsa.as_ref().and_then(|i| i.common_name.clone()).unwrap_or_else(|| "?".into());
    println!("{indent}{}: {when}, TSA {who} — {verdict}", lang.t("Timestamp", "Dấu thời gian"));
    print_check(indent, lang.t("message imprint", "dấu vết dữ liệu"), &t.imprint, lang);
    print_check(indent, lang.t("token signature", "chữ ký dấu thời gian"), &t.signature, lang);
    print_check(indent, lang.t("TSA certificate", "chứng thư TSA"), &t.tsa_certificate, lang);
    if t.nonce.status != CheckStatus::Absent {
        print_check(indent, "nonce", &t.nonce, lang);
    }
    if let Some(p) = &t.path {
        for vp in per_domain(&p.paths) {
            println!(
                "{indent}  {}: {} ({}: {})",
                lang.t("path", "đường dẫn"),
                path_line(vp),
                lang.t("domain", "miền"),
                vp.domain
            );
        }
    }
    for e in &t.errors {
        println!("{indent}  {}: {}", lang.t("error", "lỗi"), e.render(lang.into()));
    }
}

/// The first valid path of each accepting trust domain, in the order found (the paths of the
/// verdict).
fn per_domain(paths: &[kyso::path::ValidPath]) -> Vec<&kyso::path::ValidPath> {
    let mut out: Vec<&kyso::path::ValidPath> = Vec::new();
    for p in paths {
        if !out.iter().any(|d| d.domain == p.domain) {
            out.push(p);
        }
    }
    out
}

/// `leaf -> CA -> root`, cross-certificates marked `[cross]`.
fn path_line(p: &kyso::path::ValidPath) -> String {
    p.certificates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cross = if p.cross_certificates.contains(&i) { " [cross]" } else { "" };
            format!("{}{cross}", short_subject(&c.subject))
        })
        .collect::<Vec<_>>()
        .join(" -> ")
}

fn short_subject(s: &str) -> String {
    s.split(", ").find_map(|p| p.strip_prefix("CN=")).map(str::to_string).unwrap_or_else(|| s.to_string())
}

/// Who signed: name (and organisation and units), the Vietnamese identifiers, the issuer.
fn print_identity(id: &kyso::verdict::Identity, lang: Lang) {
    let mut who = id.common_name.clone().unwrap_or_else(|| id.subject.clone());
    // A company's certificate often repeats its name as CN and O: say it once.
    if let Some(o) = id.organization.as_ref().filter(|o| id.common_name.as_ref() != Some(*o)) {
        who.push_str(&format!(", {o}"));
    }
    for ou in &id.organizational_units {
        who.push_str(&format!(", {ou}"));
    }
    println!("  {}: {who}", lang.t("Signed by", "Người ký"));
    if let Some(t) = &id.tax_code {
        println!("  {}: {t}", lang.t("Tax code (MST)", "Mã số thuế (MST)"));
    }
    if let Some(c) = &id.citizen_id {
        println!("  {}: {c}", lang.t("Citizen ID (CCCD)", "Số CCCD"));
    }
    if let Some(c) = &id.old_id_card {
        println!("  {}: {c}", lang.t("ID card (CMND)", "Số CMND"));
    }
    if let Some(c) = &id.passport {
        println!("  {}: {c}", lang.t("Passport", "Hộ chiếu"));
    }
    println!(
        "  {}: {} ({}: {})",
        lang.t("Issuer", "Tổ chức cấp"),
        short_subject(&id.issuer),
        lang.t("serial", "số hiệu"),
        id.serial
    );
}

fn print_signer(s: &SignerReport, lang: Lang) {
    let verdict =
        if s.valid { lang.t("VALID", "HỢP LỆ") } else { lang.t("INVALID", "KHÔNG HỢP LỆ") };
    println!("{} #{}: {verdict} [{}]", lang.t("Signer", "Người ký"), s.index + 1, s.level);
    if let Some(id) = &s.identity {
        print_identity(id, lang);
    }
    match &s.claimed_signing_time {
        Some(t) => println!(
            "  {}: {}{}",
            lang.t("Signing time (claimed)", "Thời điểm ký (tự khai)"),
            time_text(t, lang),
            if s.signing_time_proven {
                ""
            } else {
                lang.t(" — unproven", " — chưa được chứng minh")
            }
        ),
        None => {
            println!("  {}: {}", lang.t("Signing time", "Thời điểm ký"), lang.t("not stated", "không có"))
        }
    }
    println!(
        "  {}: {} [{}]",
        lang.t("Validated at", "Kiểm tra tại thời điểm"),
        time_text(&s.validation_time, lang),
        if s.validation_time_source == "timestamp" {
            lang.t("timestamp", "theo dấu thời gian")
        } else {
            lang.t("verification time", "thời điểm kiểm tra")
        }
    );
    print_check("", lang.t("Integrity", "Toàn vẹn dữ liệu"), &s.integrity, lang);
    println!(
        "  {}: {} [{}]",
        lang.t("Signature", "Chữ ký"),
        check_line(&s.signature, lang),
        s.signature_algorithm
    );
    print_check(
        "",
        lang.t("Signing certificate binding", "Ràng buộc chứng thư ký"),
        &s.signing_certificate,
        lang,
    );
    print_check("", lang.t("Key usage", "Mục đích sử dụng khóa"), &s.key_usage, lang);
    print_check(
        "",
        lang.t("Certificate valid at signing time", "Chứng thư còn hiệu lực khi ký"),
        &s.certificate_validity,
        lang,
    );
    if let Some(p) = &s.path {
        let accepting = per_domain(&p.paths);
        for vp in &accepting {
            println!(
                "  {}: {} ({}: {})",
                lang.t("Certification path", "Đường dẫn chứng thực"),
                path_line(vp),
                lang.t("domain", "miền"),
                vp.domain
            );
        }
        if accepting.is_empty() {
            println!(
                "  {}: {} ({})",
                lang.t("Certification path", "Đường dẫn chứng thực"),
                lang.t("FAILED", "KHÔNG ĐẠT"),
                p.error.as_ref().map(|e| e.to_string()).unwrap_or_default()
            );
        }
    }
    if let Some(t) = &s.timestamp {
        print_timestamp(t, lang, "  ");
    } else {
        println!("  {}: {}", lang.t("Timestamp", "Dấu thời gian"), lang.t("none", "không có"));
    }
    for w in &s.warnings {
        println!("  {}: {}", lang.t("warning", "cảnh báo"), w.render(lang.into()));
    }
    for e in &s.errors {
        println!("  {}: {}", lang.t("error", "lỗi"), e.render(lang.into()));
    }
}

fn print_report(sig: &Path, data: Option<&Path>, r: &VerificationReport, lang: Lang) {
    let kind = if r.attached {
        lang.t("attached", "đính kèm nội dung")
    } else {
        lang.t("detached", "tách rời")
    };
    match data {
        Some(d) => println!(
            "{}: {} ({kind}; {}: {})",
            lang.t("Signature", "Chữ ký"),
            sig.display(),
            lang.t("data", "dữ liệu"),
            d.display()
        ),
        None => println!("{}: {} ({kind})", lang.t("Signature", "Chữ ký"), sig.display()),
    }
    for w in &r.warnings {
        println!("{}: {}", lang.t("warning", "cảnh báo"), w.render(lang.into()));
    }
    for s in &r.signers {
        print_signer(s, lang);
    }
    let verdict =
        if r.valid { lang.t("VALID", "HỢP LỆ") } else { lang.t("INVALID", "KHÔNG HỢP LỆ") };
    println!(
        "{}: {verdict} ({} {})",
        lang.t("Result", "Kết quả"),
        r.signers.len(),
        lang.t("signer(s)", "người ký")
    );
}

/// `kyso verify`.
pub fn run_verify(a: VerifyArgs, lang: Lang) -> Result<ExitCode> {
    let batch = a.batch || a.files.len() > 1;
    if batch && a.sig.is_some() {
        return Err(UsageError::new("--sig takes a single data file", "--sig chỉ dùng với một tệp dữ liệu")
            .hint(
                "without --sig each FILE is verified with FILE.p7s",
                "không có --sig, mỗi TỆP được kiểm tra với TỆP.p7s",
            )
            .into());
    }
    let opts = args::verify_options(&a.trust, lang)?;
    // An XML document signed inside (not a data file with FILE.p7s beside it).
    if !batch && a.sig.is_none() && !batch::signature_path(&a.files[0]).is_file() {
        // Sniff the first bytes only: an attached CMS signature may be large and is streamed.
        let mut head = Vec::with_capacity(512);
        if let Ok(f) = std::fs::File::open(&a.files[0]) {
            use std::io::Read as _;
            let _ = f.take(512).read_to_end(&mut head);
        }
        if looks_like_xml(&head) || has_xml_extension(&a.files[0]) {
            let bytes = kyso::io::read_file(&a.files[0])?;
            let name = a.files[0].display().to_string();
            let v = kyso::xml::verify_document(&bytes, &opts)
                .map_err(|e| e.with_file(&a.files[0]))?
                .with_document_name(&name);
            if a.json {
                println!("{}", serde_json::to_string_pretty(&v)?);
            } else {
                print_xml_verdict(&v, lang);
            }
            return Ok(if v.is_valid() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_INVALID) });
        }
    }
    if !batch {
        let (sig, data) = resolve(&a.files[0], a.sig.as_deref());
        let report = batch::verify_file(&sig, data.as_deref(), &opts)?;
        if a.json {
            println!("{}", serde_json::to_string_pretty(&kyso::cms::verdict(&report, &opts))?);
        } else {
            print_report(&sig, data.as_deref(), &report, lang);
        }
        return Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::from(EXIT_INVALID) });
    }
    // Batch: each input is a data file with FILE.p7s beside it, a signature file, or an XML
    // document signed inside.
    let inputs: Vec<PathBuf> = args::expand_inputs(&a.files, &[])?;
    let names: std::collections::HashSet<PathBuf> = inputs.iter().cloned().collect();
    // In a directory listing, FILE.p7s next to FILE is verified through FILE.
    let inputs: Vec<PathBuf> = inputs
        .into_iter()
        .filter(|p| {
            !(p.extension().is_some_and(|e| e == "p7s")
                && p.to_str()
                    .and_then(|s| s.strip_suffix(".p7s"))
                    .is_some_and(|d| names.contains(Path::new(d))))
        })
        .collect();
    let xml: Vec<bool> = inputs.iter().map(|f| is_signed_xml(f)).collect();
    let pairs: Vec<(PathBuf, Option<PathBuf>)> =
        inputs.iter().zip(&xml).filter(|(_, x)| !**x).map(|(f, _)| resolve(f, None)).collect();
    let xml_files: Vec<PathBuf> =
        inputs.iter().zip(&xml).filter(|(_, x)| **x).map(|(f, _)| f.clone()).collect();
    let pb = args::progress(inputs.len());
    let started = std::time::Instant::now();
    let threads = args::batch_threads();
    let items = if pairs.is_empty() {
        Vec::new()
    } else {
        batch::verify_all(&pairs, &opts, threads, &|done, _| pb.set_position(done as u64))?
    };
    let xml_items = if xml_files.is_empty() {
        Vec::new()
    } else {
        batch::verify_xml_all(&xml_files, &opts, threads, &|done, _| {
            pb.set_position((pairs.len() + done) as u64)
        })?
    };
    // Each line names the file given (the data file when there is one), in the order given.
    let (mut items, mut xml_items) = (items.into_iter(), xml_items.into_iter());
    let results: Vec<(PathBuf, BatchResult)> = inputs
        .into_iter()
        .zip(xml)
        .filter_map(|(f, x)| {
            let r = if x {
                BatchResult::Xml(xml_items.next()?.result)
            } else {
                BatchResult::Cms(items.next()?.result)
            };
            Some((f, r))
        })
        .collect();
    pb.finish_and_clear();
    let elapsed = started.elapsed();
    let valid = results.iter().filter(|(_, r)| r.valid() == Some(true)).count();
    let invalid = results.iter().filter(|(_, r)| r.valid() == Some(false)).count();
    let errors = results.len() - valid - invalid;
    if a.json {
        let v: Vec<_> = results
            .iter()
            .map(|(f, r)| match r {
                BatchResult::Cms(Ok(rep)) => {
                    serde_json::json!({"file": f, "valid": rep.valid, "report": kyso::cms::verdict(rep, &opts)})
                }
                BatchResult::Xml(Ok(v)) => serde_json::json!({"file": f, "valid": v.is_valid(), "report": v}),
                BatchResult::Cms(Err(e)) | BatchResult::Xml(Err(e)) => {
                    serde_json::json!({"file": f, "valid": false, "error": e.to_string(), "kind": e.kind()})
                }
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({"valid": valid, "invalid": invalid, "errors": errors, "files": v})
            )?
        );
    } else {
        for (f, r) in &results {
            match r {
                BatchResult::Cms(Ok(rep)) if rep.valid => {
                    let who = rep
                        .signers
                        .iter()
                        .filter_map(|s| s.identity.as_ref()?.common_name.clone())
                        .collect::<Vec<_>>()
                        .join(", ");
                    println!("{} {} ({who})", lang.t("VALID  ", "HỢP LỆ "), f.display());
                }
                BatchResult::Cms(Ok(rep)) => {
                    let why = rep
                        .signers
                        .iter()
                        .flat_map(|s| s.errors.first().map(|e| e.render(lang.into())))
                        .collect::<Vec<_>>()
                        .join("; ");
                    println!("{} {}: {why}", lang.t("INVALID", "KHÔNG HỢP LỆ"), f.display());
                }
                BatchResult::Xml(Ok(v)) => print_xml_batch_line(f, v, lang),
                BatchResult::Cms(Err(e)) | BatchResult::Xml(Err(e)) => {
                    println!("{} {}", lang.t("ERROR  ", "LỖI    "), e.render(lang.into()))
                }
            }
        }
        println!(
            "{}: {valid} {}, {invalid} {}, {errors} {} ({:.2} s)",
            lang.t("Summary", "Tổng kết"),
            lang.t("valid", "hợp lệ"),
            lang.t("invalid", "không hợp lệ"),
            lang.t("errors", "lỗi"),
            elapsed.as_secs_f64()
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(EXIT_INPUT)
    } else if invalid > 0 {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    })
}

/// One file's result in `kyso verify --batch`: a CMS signature's report or an XML document's
/// verdict, or why it could not be verified.
enum BatchResult {
    Cms(kyso::Result<VerificationReport>),
    Xml(kyso::Result<kyso::verdict::DocumentVerdict>),
}

impl BatchResult {
    /// Valid or not; `None` when the file could not be verified at all.
    fn valid(&self) -> Option<bool> {
        match self {
            BatchResult::Cms(r) => r.as_ref().ok().map(|r| r.valid),
            BatchResult::Xml(r) => r.as_ref().ok().map(|v| v.is_valid()),
        }
    }
}

/// In a batch, an input verified as an XML document: no `FILE.p7s` beside it and XML by its
/// first bytes ([`looks_like_xml`]).
fn is_signed_xml(file: &Path) -> bool {
    if batch::signature_path(file).is_file() {
        return false;
    }
    let mut head = Vec::with_capacity(512);
    match std::fs::File::open(file) {
        Ok(f) => {
            use std::io::Read as _;
            let _ = f.take(512).read_to_end(&mut head);
            looks_like_xml(&head)
        }
        Err(_) => false,
    }
}

/// The batch line of an XML document: VALID with each signature's role and signer, or
/// INVALID with the first error of each signature that is not valid.
fn print_xml_batch_line(file: &Path, v: &kyso::verdict::DocumentVerdict, lang: Lang) {
    if v.is_valid() {
        let who = v
            .signatures
            .iter()
            .map(|s| {
                let name = s
                    .signer
                    .as_ref()
                    .map(|id| id.common_name.clone().unwrap_or_else(|| id.subject.clone()))
                    .unwrap_or_else(|| "?".into());
                match s.role.as_deref() {
                    Some(r) => format!("{}: {name}", role_label(r, lang)),
                    None => name,
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        println!("{} {} ({who})", lang.t("VALID  ", "HỢP LỆ "), file.display());
        return;
    }
    let mut why: Vec<String> = v
        .signatures
        .iter()
        .filter(|s| s.status != kyso::verdict::Status::Valid)
        .map(|s| {
            let label = match s.role.as_deref() {
                Some(r) => role_label(r, lang).to_string(),
                None => format!("{} #{}", lang.t("signature", "chữ ký"), s.index + 1),
            };
            let reason = s
                .findings
                .iter()
                .find(|f| f.severity == kyso::diag::Severity::Error)
                .map(|f| f.render(lang.into()))
                .unwrap_or_else(|| status_word(s.status, lang).to_string());
            format!("{label}: {reason}")
        })
        .collect();
    if why.is_empty() {
        why = v.findings.iter().map(|f| f.render(lang.into())).collect();
    }
    println!("{} {}: {}", lang.t("INVALID", "KHÔNG HỢP LỆ"), file.display(), why.join("; "));
}

/// XML by content: after an optional UTF-8 byte-order mark and whitespace, a `<` (a CMS
/// signature is DER, starting with 0x30, or PEM, starting with `-----`).
fn looks_like_xml(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<')
}

/// A `.xml` file is read as XML whatever it holds, so that a broken one is reported as broken
/// XML, not as "not a CMS signature".
fn has_xml_extension(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

fn role_label(role: &str, lang: Lang) -> &'static str {
    match role {
        "seller" => lang.t("seller (NBan)", "người bán (NBan)"),
        "buyer" => lang.t("buyer (NMua)", "người mua (NMua)"),
        "tax-authority" => lang.t("tax authority (CQT)", "cơ quan thuế (CQT)"),
        "other" => lang.t("other signer (CCKSKhac)", "người ký khác (CCKSKhac)"),
        _ => lang.t("other role", "vai trò khác"),
    }
}

fn check_label(name: &str, lang: Lang) -> &'static str {
    match name {
        "signer-identification" => lang.t("Signer identification", "Xác định người ký"),
        "signature-value" => lang.t("Signature", "Chữ ký"),
        "certificate-validity" => {
            lang.t("Certificate valid at validation time", "Chứng thư còn hiệu lực khi kiểm tra")
        }
        "einvoice-coverage" => lang.t("E-invoice coverage", "Phạm vi ký của hoá đơn"),
        "einvoice-seller-tax-code" => lang.t("Seller's tax code", "Mã số thuế người bán"),
        "einvoice-role" => lang.t("E-invoice role", "Vai trò trong hoá đơn"),
        "einvoice-structure" => lang.t("E-invoice structure", "Cấu trúc hoá đơn"),
        "einvoice-same-document" => {
            lang.t("Same invoice as the seller signed", "Cùng hoá đơn người bán đã ký")
        }
        "signing-certificate" => lang.t("Signing certificate binding", "Ràng buộc chứng thư ký"),
        _ => lang.t("Check", "Kiểm tra"),
    }
}

fn status_word(s: kyso::verdict::Status, lang: Lang) -> &'static str {
    match s {
        kyso::verdict::Status::Valid => lang.t("VALID", "HỢP LỆ"),
        kyso::verdict::Status::Invalid => lang.t("INVALID", "KHÔNG HỢP LỆ"),
        _ => lang.t("INDETERMINATE", "CHƯA XÁC ĐỊNH"),
    }
}

/// `kyso verify FILE.xml`: every signature of the verdict, with its role, signer, signing time
/// (Vietnam time and UTC), integrity, coverage, checks, paths per domain and findings.
fn print_xml_verdict(v: &kyso::verdict::DocumentVerdict, lang: Lang) {
    println!("{}: {} (XML)", lang.t("Document", "Tài liệu"), v.document.name.as_deref().unwrap_or("-"));
    for f in &v.findings {
        println!("  {}", f.render(lang.into()));
    }
    for s in &v.signatures {
        let role = s.role.as_deref().map(|r| format!(" — {}", role_label(r, lang))).unwrap_or_default();
        println!(
            "{} #{} [{}]{role}: {} [{}]",
            lang.t("Signature", "Chữ ký"),
            s.index + 1,
            s.id,
            status_word(s.status, lang),
            s.level
        );
        if let Some(id) = &s.signer {
            print_identity(id, lang);
        }
        match &s.signing_time.claimed {
            Some(t) => println!(
                "  {}: {}{}",
                lang.t("Signing time (claimed)", "Thời điểm ký (tự khai)"),
                time_text(t, lang),
                if s.signing_time.proven_by_timestamp.is_some() {
                    ""
                } else {
                    lang.t(" — unproven", " — chưa được chứng minh")
                }
            ),
            None => {
                println!("  {}: {}", lang.t("Signing time", "Thời điểm ký"), lang.t("not stated", "không có"))
            }
        }
        println!(
            "  {}: {} [{}]",
            lang.t("Validated at", "Kiểm tra tại thời điểm"),
            time_text(&s.signing_time.used_for_validation, lang),
            if s.signing_time.source == "timestamp" {
                lang.t("timestamp", "theo dấu thời gian")
            } else {
                lang.t("verification time", "thời điểm kiểm tra")
            }
        );
        let integrity = kyso::cms::Check { status: s.integrity.status, detail: s.integrity.detail.clone() };
        println!(
            "  {}: {} [{}]",
            lang.t("Integrity", "Toàn vẹn dữ liệu"),
            check_line(&integrity, lang),
            s.integrity.digest_algorithm
        );
        if let kyso::verdict::Coverage::XmlReferences { references } = &s.integrity.covers {
            for r in references {
                println!("  {}: {r}", lang.t("Covers", "Bao phủ"));
            }
        }
        for c in &s.checks {
            print_check("", check_label(c.name, lang), &c.check, lang);
        }
        if !s.signature_algorithm.is_empty() {
            println!("  {}: {}", lang.t("Signature algorithm", "Thuật toán chữ ký"), s.signature_algorithm);
        }
        let mut seen = Vec::new();
        for p in &s.paths {
            if seen.contains(&&p.domain) {
                continue;
            }
            seen.push(&p.domain);
            let chain = p
                .certificates
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let cross = if p.cross_certificates.contains(&i) { " [cross]" } else { "" };
                    format!("{}{cross}", short_subject(&c.subject))
                })
                .collect::<Vec<_>>()
                .join(" -> ");
            println!(
                "  {}: {chain} ({}: {})",
                lang.t("Certification path", "Đường dẫn chứng thực"),
                lang.t("domain", "miền"),
                p.domain
            );
        }
        if s.paths.is_empty() {
            println!(
                "  {}: {}",
                lang.t("Certification path", "Đường dẫn chứng thực"),
                lang.t("none valid", "không có đường dẫn hợp lệ")
            );
        }
        for f in &s.findings {
            let label = match f.severity {
                kyso::diag::Severity::Error => lang.t("error", "lỗi"),
                kyso::diag::Severity::Warning => lang.t("warning", "cảnh báo"),
                _ => lang.t("note", "ghi chú"),
            };
            println!("  {label}: {}", f.render(lang.into()));
        }
    }
    println!(
        "{}: {} ({} {})",
        lang.t("Result", "Kết quả"),
        status_word(v.status, lang),
        v.signatures.len(),
        lang.t("signature(s)", "chữ ký")
    );
}
