//! `kyso sign`: CMS/CAdES signatures of one file or of many (`kyso::batch`), and enveloped XML
//! signatures (XML-DSig, XAdES, e-invoices) of an XML file (`kyso::xml::sign_document`).

use crate::args;
use crate::error::{EXIT_INPUT, EXIT_INVALID, UsageError};
use crate::lang::Lang;
use crate::secret::PassArgs;
use anyhow::Result;
use kyso::batch::{self, BatchSigner};
use kyso::cms::{self, SignOptions};
use kyso::{Error, ErrorKind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `kyso sign`.
#[derive(clap::Args, Debug)]
pub struct SignArgs {
    /// Files to sign. An XML file gets an enveloped XML signature (FILE.signed.xml), any other
    /// file a CMS signature (FILE.p7s). With --batch: files, directories (their files), or `-`
    /// to read a list of paths from stdin (CMS signatures).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The signer's private key (PKCS#8, PKCS#1 or SEC1; PEM or DER; encrypted or not).
    #[arg(long, value_name = "KEY", requires = "cert", conflicts_with = "p12")]
    pub key: Option<PathBuf>,
    /// The signer's certificate (a bundle: the first is the signer, the rest its chain).
    #[arg(long, value_name = "CERT", requires = "key")]
    pub cert: Option<PathBuf>,
    /// A PKCS#12 file holding the key, the certificate and its chain.
    #[arg(long, value_name = "FILE")]
    pub p12: Option<PathBuf>,
    /// Certificates of the signer's chain to embed (repeatable).
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// Embed only the signer's certificate, not its chain.
    #[arg(long, conflicts_with = "chain")]
    pub no_chain: bool,
    /// Output file (default: FILE.p7s beside the input; for XML, FILE.signed.xml). Only with a
    /// single file.
    #[arg(short, long = "out", alias = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Embed the content in the signature (attached) instead of a detached signature.
    #[arg(long)]
    pub attached: bool,
    /// Write PEM (`-----BEGIN CMS-----`) instead of DER.
    #[arg(long)]
    pub pem: bool,
    /// Digest algorithm: sha256, sha384 or sha512 (default: the key's natural one).
    #[arg(long, value_name = "sha256|sha384|sha512")]
    pub digest: Option<String>,
    /// Use RSASSA-PSS (RSA keys).
    #[arg(long)]
    pub rsa_pss: bool,
    /// Add an RFC 3161 signature timestamp from this TSA (http:// or https://): CAdES-T / B-T.
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
    /// TSA timeout in seconds (the whole exchange).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub tsa_timeout: u64,
    /// Trust this root certificate (PEM or DER, repeatable) for an https:// TSA, instead of the
    /// built-in public roots.
    #[arg(long, value_name = "FILE", requires = "tsa")]
    pub tsa_ca_cert: Vec<PathBuf>,
    #[command(flatten)]
    pub pass: PassArgs,
    /// Sign even when the certificate check fails (expired, wrong key usage), and replace
    /// existing output files.
    #[arg(long)]
    pub force: bool,
    /// Sign many files in parallel on all cores, with a summary; errors do not stop the rest.
    #[arg(long)]
    pub batch: bool,
    /// Signature format: `cms` (CAdES, FILE.p7s), `xmldsig` (enveloped XML-DSig), `xades`
    /// (XAdES B-B, B-T with --tsa). Default: XML-DSig for an XML file, CMS otherwise.
    #[arg(long, value_name = "cms|xmldsig|xades")]
    pub format: Option<String>,
    /// XML profile: `einvoice` (the QĐ 1450/QĐ-TCT shapes; chosen automatically when the root
    /// is HDon or TDiep) or `none` (a signature over the whole document).
    #[arg(long, value_name = "einvoice|none")]
    pub profile: Option<String>,
    /// E-invoice role to sign as: seller (NBan, default), buyer (NMua), tax-authority (CQT).
    #[arg(long, value_name = "seller|buyer|tax-authority")]
    pub role: Option<String>,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

/// What `--format`/`--profile` ask for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Cms,
    Xml(kyso::xml::XmlSignProfile),
}

fn parse_format(a: &SignArgs, xml_input: bool) -> Result<Format> {
    use kyso::xml::XmlSignProfile as P;
    let einvoice = match a.profile.as_deref() {
        None => None,
        Some("einvoice") => Some(true),
        Some("none") => Some(false),
        Some(other) => {
            return Err(UsageError::new(
                format!("unknown --profile {other}: einvoice or none"),
                format!("--profile {other} không hợp lệ: einvoice hoặc none"),
            )
            .into());
        }
    };
    let f = match (a.format.as_deref(), einvoice) {
        (Some("cms"), None) => Format::Cms,
        (Some("cms"), Some(_)) => {
            return Err(UsageError::new(
                "--profile applies to XML signatures, not to --format cms",
                "--profile chỉ dùng cho chữ ký XML, không dùng với --format cms",
            )
            .into());
        }
        (Some("xades"), Some(true)) => {
            return Err(UsageError::new(
                "an e-invoice signature has the QĐ 1450/QĐ-TCT shape, not XAdES",
                "chữ ký hoá đơn điện tử theo mẫu QĐ 1450/QĐ-TCT, không phải XAdES",
            )
            .hint(
                "use --profile none to sign the whole document as XAdES",
                "dùng --profile none để ký cả tài liệu dạng XAdES",
            )
            .into());
        }
        (Some("xades"), _) => Format::Xml(P::Xades),
        (Some("xmldsig"), Some(true)) => Format::Xml(P::EInvoice),
        (Some("xmldsig"), Some(false)) => Format::Xml(P::XmlDsig),
        (Some("xmldsig"), None) => Format::Xml(P::Auto),
        (None, Some(true)) => Format::Xml(P::EInvoice),
        (None, Some(false)) => Format::Xml(P::XmlDsig),
        (None, None) if xml_input => Format::Xml(P::Auto),
        (None, None) => Format::Cms,
        (Some(other), _) => {
            return Err(UsageError::new(
                format!("unknown --format {other}: cms, xmldsig or xades"),
                format!("--format {other} không hợp lệ: cms, xmldsig hoặc xades"),
            )
            .into());
        }
    };
    Ok(f)
}

fn parse_role(role: Option<&str>) -> Result<Option<kyso::xml::einvoice::Role>> {
    use kyso::xml::einvoice::Role;
    Ok(match role {
        None => None,
        Some("seller" | "nban" | "NBan") => Some(Role::Seller),
        Some("buyer" | "nmua" | "NMua") => Some(Role::Buyer),
        Some("tax-authority" | "cqt" | "CQT") => Some(Role::TaxAuthority),
        Some(other) => {
            return Err(UsageError::new(
                format!("unknown --role {other}: seller, buyer or tax-authority"),
                format!("--role {other} không hợp lệ: seller, buyer hoặc tax-authority"),
            )
            .into());
        }
    })
}

/// Where a signed XML document goes by default: `invoice.xml` → `invoice.signed.xml`.
fn signed_xml_path(file: &Path) -> PathBuf {
    file.with_extension("signed.xml")
}

/// The first bytes of `file` (for sniffing XML); empty when it cannot be read (the real read
/// reports the error).
fn head_of(file: &Path) -> Vec<u8> {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(512);
    if let Ok(f) = std::fs::File::open(file) {
        let _ = f.take(512).read_to_end(&mut head);
    }
    head
}

fn exit_for(err: &Error) -> u8 {
    if err.kind() == ErrorKind::Invalid { EXIT_INVALID } else { EXIT_INPUT }
}

/// `kyso sign`.
pub fn run_sign(a: SignArgs, lang: Lang) -> Result<ExitCode> {
    let digest = a.digest.as_deref().map(str::parse::<cms::DigestAlgorithm>).transpose()?;
    let many = a.batch || a.files.len() > 1;
    if many && a.output.is_some() {
        return Err(UsageError::new("--out takes a single input file", "--out chỉ dùng với một tệp đầu vào")
            .hint("without --out each FILE gets FILE.p7s", "không có --out, mỗi TỆP được ký ra TỆP.p7s")
            .into());
    }
    let xml_input = !many && a.files.first().is_some_and(|f| kyso::xml::looks_like_xml(&head_of(f)));
    let format = parse_format(&a, xml_input)?;
    if many && format != Format::Cms {
        return Err(UsageError::new(
            "XML signatures are made one file at a time (--batch writes CMS signatures)",
            "chữ ký XML được tạo cho từng tệp một (--batch tạo chữ ký CMS)",
        )
        .into());
    }
    if format == Format::Cms && a.role.is_some() {
        return Err(UsageError::new(
            "--role applies to e-invoice (XML) signatures",
            "--role chỉ dùng cho chữ ký hoá đơn điện tử (XML)",
        )
        .into());
    }
    if let Format::Xml(_) = format {
        for (set, flag) in [(a.attached, "--attached"), (a.pem, "--pem"), (a.digest.is_some(), "--digest")] {
            if set {
                return Err(UsageError::new(
                    format!("{flag} applies to CMS signatures, not to XML ones"),
                    format!("{flag} chỉ dùng cho chữ ký CMS, không dùng cho chữ ký XML"),
                )
                .into());
            }
        }
    }
    let tsa = match &a.tsa {
        Some(u) => Some(args::tsa_client(u, a.tsa_timeout, &a.tsa_ca_cert, lang)?),
        None => None,
    };
    let files = if many { args::expand_inputs(&a.files, &["p7s", "p7m", "tsr"])? } else { a.files.clone() };
    if files.is_empty() {
        return Err(UsageError::new("no files to sign", "không có tệp nào để ký").into());
    }
    // No output may be an input (the key, a certificate, the document), --force or not.
    let mut inputs: Vec<&Path> =
        [a.key.as_deref(), a.cert.as_deref(), a.p12.as_deref(), a.pass.pass_file.as_deref()]
            .into_iter()
            .flatten()
            .collect();
    inputs.extend(a.chain.iter().map(PathBuf::as_path));
    inputs.extend(a.tsa_ca_cert.iter().map(PathBuf::as_path));
    if many {
        // Each output against the signer's files (each against its own input: kyso::batch).
        for f in &files {
            kyso::io::check_distinct(&inputs, &[&batch::signature_path(f)])?;
        }
    } else {
        inputs.push(&files[0]);
        let out = a.output.clone().unwrap_or_else(|| match format {
            Format::Cms => batch::signature_path(&files[0]),
            Format::Xml(_) => signed_xml_path(&files[0]),
        });
        kyso::io::check_distinct(&inputs, &[&out])?;
    }
    // Check the input exists before asking for a passphrase.
    if !many {
        if let Some(f) = files.first().filter(|f| !f.is_file()) {
            kyso::io::read_file(f)?;
        }
    }
    let id = args::load_identity(
        a.key.as_deref(),
        a.cert.as_deref(),
        a.p12.as_deref(),
        &a.chain,
        a.no_chain,
        &a.pass,
        lang,
    )?;
    // Circular 15/2025/TT-BKHCN: check the certificate before signing (once for a batch). The
    // library decides; --force overrides policy problems only, never a key that is not the
    // certificate's.
    let problems = cms::check_signer(&id.key, &id.cert, time::OffsetDateTime::now_utc());
    let overridden = cms::decide_signing(problems, a.force)
        .map_err(|e| e.with_file(a.cert.as_deref().or(a.p12.as_deref()).unwrap_or(Path::new("-"))))?;
    for p in &overridden {
        eprintln!(
            "kyso: {}: {} — {}",
            lang.t("warning", "cảnh báo"),
            p.message().render(lang.into()),
            lang.t("signing anyway because of --force", "vẫn ký vì có --force")
        );
    }
    if let Format::Xml(profile) = format {
        let file = &files[0];
        let out = a.output.clone().unwrap_or_else(|| signed_xml_path(file));
        let input = kyso::io::read_file(file)?;
        let opts = kyso::xml::DocumentSignOptions::default()
            .with_profile(profile)
            .with_role(parse_role(a.role.as_deref())?)
            .with_rsa_pss(a.rsa_pss)
            .with_chain(id.chain.clone());
        let signed = kyso::xml::sign_document(
            &input,
            &id.key,
            &id.cert,
            &opts,
            tsa.as_ref().map(|t| t as &dyn cms::tsp::Timestamper),
        )
        .map_err(|e| e.with_file(file))?;
        kyso::io::write_atomic(
            &out,
            &signed.document,
            kyso::io::WriteOptions::default().with_force(a.force),
        )?;
        let role = signed.role.map(|r| r.as_str());
        if a.json {
            let v = serde_json::json!({
                "file": file, "signed": out, "profile": signed.profile.name(), "role": role,
                "signature_id": signed.signature_id, "level": signed.level,
                "algorithm": signed.algorithm.rfc_name(), "signature_method": signed.signature_method,
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        } else {
            use kyso::xml::einvoice::Role;
            let what = match signed.role {
                Some(r) => format!(
                    "{}, {}",
                    lang.t("e-invoice", "hoá đơn điện tử"),
                    match r {
                        Role::Seller => lang.t("seller (NBan)", "người bán (NBan)"),
                        Role::Buyer => lang.t("buyer (NMua)", "người mua (NMua)"),
                        Role::TaxAuthority => lang.t("tax authority (CQT)", "cơ quan thuế (CQT)"),
                        _ => lang.t("other signer", "người ký khác"),
                    }
                ),
                None => signed.level.to_string(),
            };
            println!(
                "{} {} -> {} ({what}, {}, Id \"{}\")",
                lang.t("Signed", "Đã ký"),
                file.display(),
                out.display(),
                signed.signature_method.rsplit('#').next().unwrap_or(signed.signature_method),
                signed.signature_id
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let options = SignOptions::default()
        .with_digest(digest)
        .with_rsa_pss(a.rsa_pss)
        .with_attached(a.attached)
        .with_chain(id.chain.clone())
        .with_force(a.force);
    let mut signer = BatchSigner::new(&id.key, &id.cert, options);
    signer.timestamper = tsa.as_ref().map(|t| t as &dyn cms::tsp::Timestamper);
    signer.pem = a.pem;
    signer.overwrite = a.force;

    if !many {
        let file = &files[0];
        let out = a.output.clone().unwrap_or_else(|| batch::signature_path(file));
        let sig = signer.sign_file(file, &out)?;
        let level = if tsa.is_some() { "CAdES-T (B-T)" } else { "CAdES-BES (B-B)" };
        if a.json {
            let v = serde_json::json!({
                "file": file, "signature": out, "algorithm": sig.algorithm.rfc_name(), "digest": sig.digest,
                "level": level, "attached": a.attached, "content_size": sig.content_len,
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        } else {
            println!(
                "{} {} -> {} ({}, {}, {})",
                lang.t("Signed", "Đã ký"),
                file.display(),
                out.display(),
                level,
                sig.algorithm.rfc_name(),
                if a.attached {
                    lang.t("attached", "đính kèm nội dung")
                } else {
                    lang.t("detached", "tách rời")
                }
            );
        }
        return Ok(ExitCode::SUCCESS);
    }

    let jobs: Vec<(PathBuf, PathBuf)> = files.iter().map(|f| (f.clone(), batch::signature_path(f))).collect();
    let pb = args::progress(jobs.len());
    let started = std::time::Instant::now();
    let items = signer.sign_all(&jobs, args::batch_threads(), &|done, _| pb.set_position(done as u64))?;
    pb.finish_and_clear();
    let elapsed = started.elapsed();
    let mut failures: Vec<(&Path, &Error)> =
        items.iter().filter_map(|it| it.result.as_ref().err().map(|e| (it.input.as_path(), e))).collect();
    failures.sort_by(|x, y| x.0.cmp(y.0));
    let ok = items.len() - failures.len();
    if a.json {
        let v = serde_json::json!({
            "signed": ok,
            "failed": failures.iter().map(|(f, e)| serde_json::json!({"file": f, "error": e.to_string(), "kind": e.kind()})).collect::<Vec<_>>(),
            "seconds": elapsed.as_secs_f64(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        for (f, e) in &failures {
            // The file the error is about: the existing output, or the input that failed.
            let named = e.file().unwrap_or(f);
            eprintln!(
                "kyso: {}: {}: {}",
                lang.t("error", "lỗi"),
                named.display(),
                e.render_message(lang.into())
            );
        }
        println!(
            "{}: {ok}/{} {} ({} {}), {:.2} s",
            lang.t("Summary", "Tổng kết"),
            items.len(),
            lang.t("files signed", "tệp đã ký"),
            failures.len(),
            lang.t("failed", "lỗi"),
            elapsed.as_secs_f64()
        );
    }
    Ok(match failures.iter().map(|(_, e)| exit_for(e)).max() {
        None => ExitCode::SUCCESS,
        Some(c) => ExitCode::from(c),
    })
}
