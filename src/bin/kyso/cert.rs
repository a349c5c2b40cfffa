//! `kyso cert request | issue | self-sign | cross-certify | inspect` and `kyso crl issue | inspect`.

use crate::lang::Lang;
use crate::secret::PassArgs;
use anyhow::Result;
use kyso::inspect::{self, CertificateInfo, CrlInfo};
use kyso::io::{WriteOptions, write_atomic};
use kyso::issue::{
    self, AltName, CertProfile, CrlProfile, Csr, DistinguishedName, Issuer, KeyUsageBit, NameConstraints,
    Oid, RevocationReason, Subtree, oids,
};
use kyso::keys::SignatureAlgorithm;
use kyso::{Certificate, Crl, Error, ErrorKind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use time::OffsetDateTime;

/// Where the output goes and in which encoding.
#[derive(clap::Args, Debug)]
pub struct OutArgs {
    /// Output file.
    #[arg(long, short = 'o', alias = "output", value_name = "FILE")]
    pub out: PathBuf,
    /// Write DER instead of PEM.
    #[arg(long)]
    pub der: bool,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

impl OutArgs {
    /// Fail early, before any key is read or passphrase asked for, when the output cannot be
    /// written: it is one of the command's `inputs` (whatever --force says), its directory is
    /// missing, or it exists and --force was not given.
    pub fn precheck(&self, inputs: &[Option<&Path>]) -> Result<()> {
        let inputs: Vec<&Path> = inputs.iter().flatten().copied().collect();
        kyso::io::check_distinct(&inputs, &[&self.out])?;
        let dir = match self.out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(Error::new(ErrorKind::Io, kyso::diag::codes::io::DIRECTORY_NOT_FOUND)
                .with("dir", dir.display())
                .with_file(&self.out)
                .into());
        }
        if !self.force && self.out.exists() {
            return Err(Error::new(ErrorKind::Io, kyso::diag::codes::io::ALREADY_EXISTS)
                .with_file(&self.out)
                .with_hint(kyso::diag::Hint::AllowOverwrite)
                .into());
        }
        Ok(())
    }

    fn write(&self, label: &str, der: &[u8]) -> Result<()> {
        let data = if self.der { der.to_vec() } else { kyso::io::to_pem(label, der).into_bytes() };
        write_atomic(&self.out, &data, WriteOptions::default().with_force(self.force))?;
        Ok(())
    }
}

/// Validity, serial and extensions shared by the issuing commands.
#[derive(clap::Args, Debug, Default)]
pub struct ProfileArgs {
    /// Validity in days from now (default: the profile's).
    #[arg(long, value_name = "N")]
    pub days: Option<i64>,
    /// notBefore: RFC 3339 (`2026-01-01T00:00:00Z`) or a date (`2026-01-01`: midnight UTC).
    #[arg(long, value_name = "TIME")]
    pub not_before: Option<String>,
    /// notAfter: RFC 3339 or a date (midnight UTC).
    #[arg(long, value_name = "TIME")]
    pub not_after: Option<String>,
    /// Serial number in hex (default: 16 random bytes).
    #[arg(long, value_name = "HEX")]
    pub serial: Option<String>,
    /// Certificate policy: OID, or OID=CPS-URI. Repeatable.
    #[arg(long, value_name = "OID[=URI]")]
    pub policy: Vec<String>,
    /// Extended key usage: clientAuth, emailProtection, codeSigning, serverAuth, timeStamping,
    /// OCSPSigning, documentSigning, adobe, or an OID. Repeatable.
    #[arg(long, value_name = "NAME|OID")]
    pub eku: Vec<String>,
    /// Subject alternative name: email:ADDR, dns:NAME, uri:URI, ip:ADDR. Repeatable.
    #[arg(long, value_name = "KIND:VALUE")]
    pub san: Vec<String>,
    /// CRL distribution point URI. Repeatable.
    #[arg(long, value_name = "URI")]
    pub crl_url: Vec<String>,
    /// AIA OCSP responder URI. Repeatable.
    #[arg(long, value_name = "URI")]
    pub ocsp_url: Vec<String>,
    /// AIA caIssuers URI. Repeatable.
    #[arg(long, value_name = "URI")]
    pub ca_issuers_url: Vec<String>,
    /// Key usage bits replacing the profile's, comma-separated: digitalSignature,
    /// nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign.
    #[arg(long, value_name = "BITS", value_delimiter = ',')]
    pub key_usage: Vec<String>,
    /// Sign with RSA-PSS (SHA-256) instead of PKCS#1 v1.5 (RSA issuer keys only).
    #[arg(long)]
    pub pss: bool,
}

/// CA-only extensions.
#[derive(clap::Args, Debug, Default)]
pub struct CaArgs {
    /// basicConstraints pathLenConstraint.
    #[arg(long, value_name = "N")]
    pub path_len: Option<u8>,
    /// Permitted name-constraints subtree: dir:DN, dns:NAME, email:NAME, ip:ADDR/PREFIX, uri:HOST. Repeatable.
    #[arg(long, value_name = "KIND:VALUE")]
    pub permit: Vec<String>,
    /// Excluded name-constraints subtree (same forms as --permit). Repeatable.
    #[arg(long, value_name = "KIND:VALUE")]
    pub exclude: Vec<String>,
    /// Policy mapping ISSUER-DOMAIN-OID=SUBJECT-DOMAIN-OID. Repeatable.
    #[arg(long = "map-policy", value_name = "OID=OID")]
    pub map_policy: Vec<String>,
    /// policyConstraints requireExplicitPolicy.
    #[arg(long, value_name = "N")]
    pub require_explicit_policy: Option<u32>,
    /// policyConstraints inhibitPolicyMapping.
    #[arg(long, value_name = "N")]
    pub inhibit_policy_mapping: Option<u32>,
    /// inhibitAnyPolicy.
    #[arg(long, value_name = "N")]
    pub inhibit_any_policy: Option<u32>,
}

/// The issuing CA.
#[derive(clap::Args, Debug)]
pub struct CaKeyArgs {
    /// The issuing CA's certificate.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: PathBuf,
    /// The issuing CA's private key.
    #[arg(long, value_name = "FILE")]
    pub ca_key: PathBuf,
    #[command(flatten)]
    pub pass: PassArgs,
}

/// Certificate profile presets for `cert issue`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueProfile {
    /// Document-signing end entity (digitalSignature + nonRepudiation).
    Signer,
    /// Subordinate CA.
    SubCa,
    /// Time-stamping authority (critical EKU timeStamping only).
    Tsa,
    /// OCSP responder (EKU OCSPSigning, ocsp-nocheck).
    Ocsp,
}

/// Arguments of `kyso cert issue`.
#[derive(clap::Args, Debug)]
pub struct IssueArgs {
    /// The certificate request (its signature is verified).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["subject", "public_key"], required_unless_present = "subject")]
    pub csr: Option<PathBuf>,
    /// Subject, when issuing without a request (needs --public-key).
    #[arg(long, value_name = "DN", requires = "public_key")]
    pub subject: Option<String>,
    /// The subject's public key (PEM `PUBLIC KEY` or DER), or a certificate holding it, with --subject.
    #[arg(long, value_name = "FILE", requires = "subject")]
    pub public_key: Option<PathBuf>,
    /// What to issue.
    #[arg(long, value_enum, default_value = "signer")]
    pub profile: IssueProfile,
    #[command(flatten)]
    pub ca: CaKeyArgs,
    #[command(flatten)]
    pub profile_args: ProfileArgs,
    #[command(flatten)]
    pub ca_args: CaArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// Arguments of `kyso cert self-sign`.
#[derive(clap::Args, Debug)]
pub struct SelfSignArgs {
    /// The root's private key.
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    #[command(flatten)]
    pub pass: PassArgs,
    /// Subject (and issuer) name.
    #[arg(long, value_name = "DN")]
    pub subject: String,
    #[command(flatten)]
    pub profile_args: ProfileArgs,
    #[command(flatten)]
    pub ca_args: CaArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// Arguments of `kyso cert cross-certify`.
#[derive(clap::Args, Debug)]
pub struct CrossArgs {
    /// The other CA's certificate (subject of the cross-certificate).
    #[arg(long, value_name = "FILE")]
    pub subject_cert: PathBuf,
    #[command(flatten)]
    pub ca: CaKeyArgs,
    #[command(flatten)]
    pub profile_args: ProfileArgs,
    #[command(flatten)]
    pub ca_args: CaArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

#[derive(clap::Subcommand, Debug)]
pub enum CertCommand {
    /// Create a PKCS#10 certificate request signed by the subject's key.
    Request {
        /// The subject's private key.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        #[command(flatten)]
        pass: PassArgs,
        /// Subject, e.g. "C=VN, O=BỘ CÔNG THƯƠNG, OU=..., CN=..., UID=MST:0101234567" (`\,` escapes a comma).
        #[arg(long, value_name = "DN")]
        subject: String,
        /// Subject alternative name: email:ADDR, dns:NAME, uri:URI, ip:ADDR. Repeatable.
        #[arg(long, value_name = "KIND:VALUE")]
        san: Vec<String>,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Issue a certificate from a request (or a subject and public key), signed by a CA.
    Issue(Box<IssueArgs>),
    /// Make a self-signed root CA certificate.
    SelfSign(Box<SelfSignArgs>),
    /// Cross-certify another CA: its name and key, issued by this CA.
    CrossCertify(Box<CrossArgs>),
    /// Show a readable summary of certificates (PEM bundle or DER), or of a certificate request.
    Inspect {
        /// The certificate file.
        file: PathBuf,
        /// Print JSON (an array, one object per certificate).
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Subcommand, Debug)]
pub enum CrlCommand {
    /// Issue a CRL.
    Issue {
        #[command(flatten)]
        ca: CaKeyArgs,
        /// CRL number (increase it with every CRL).
        #[arg(long, value_name = "N")]
        number: u64,
        /// Days until nextUpdate.
        #[arg(long, value_name = "N", default_value_t = 7)]
        days: i64,
        /// Revoke a serial: HEX[:REASON[:TIME]] (reason e.g. keyCompromise, superseded; RFC 3339 time). Repeatable.
        #[arg(long, value_name = "HEX[:REASON[:TIME]]")]
        revoke: Vec<String>,
        /// Revoke the certificate in FILE (now, no reason). Repeatable.
        #[arg(long, value_name = "FILE")]
        revoke_cert: Vec<PathBuf>,
        /// Sign with RSA-PSS (SHA-256) (RSA issuer keys only).
        #[arg(long)]
        pss: bool,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Show a readable summary of CRLs.
    Inspect {
        /// The CRL file.
        file: PathBuf,
        /// Print JSON (an array, one object per CRL).
        #[arg(long)]
        json: bool,
    },
}

fn parse_eku(s: &str) -> Result<Oid> {
    // The names of kyso::path::EKU_NAMES (any case), `adobe`, or a dotted OID.
    let known = if s.eq_ignore_ascii_case("adobe") {
        oids::ADOBE_AUTHENTIC_DOCUMENTS.to_string()
    } else {
        kyso::path::eku_oid(s).unwrap_or_else(|| s.to_string())
    };
    Ok(Oid::parse(&known)?)
}

fn parse_san(s: &str) -> Result<AltName> {
    let (kind, value) = s.split_once(':').ok_or_else(|| {
        crate::error::UsageError::new(
            format!("--san {s:?}: expected KIND:VALUE (email, dns, uri, ip)"),
            format!("--san {s:?}: cần dạng LOẠI:GIÁ_TRỊ (email, dns, uri, ip)"),
        )
    })?;
    Ok(match kind.to_ascii_lowercase().as_str() {
        "email" => AltName::Email(value.to_string()),
        "dns" => AltName::Dns(value.to_string()),
        "uri" => AltName::Uri(value.to_string()),
        "ip" => AltName::Ip(value.parse().map_err(|_| {
            crate::error::UsageError::new(
                format!("--san {s:?}: bad IP address"),
                format!("--san {s:?}: địa chỉ IP không hợp lệ"),
            )
        })?),
        "dir" => AltName::Directory(DistinguishedName::parse(value)?),
        other => {
            return Err(crate::error::UsageError::new(
                format!("--san kind {other:?} unknown (email, dns, uri, ip, dir)"),
                format!("--san: loại {other:?} không xác định (email, dns, uri, ip, dir)"),
            )
            .into());
        }
    })
}

fn parse_hex(s: &str, what: &str) -> Result<Vec<u8>> {
    let clean: String = s.chars().filter(|c| *c != ':' && !c.is_whitespace()).collect();
    let clean = clean.trim_start_matches("0x");
    let padded = if clean.len() % 2 == 1 { format!("0{clean}") } else { clean.to_string() };
    hex::decode(&padded).map_err(|_| {
        crate::error::UsageError::new(
            format!("{what} {s:?}: not hexadecimal"),
            format!("{what} {s:?}: không phải số thập lục phân"),
        )
        .into()
    })
}

fn apply_profile_args(mut p: CertProfile, a: &ProfileArgs) -> Result<CertProfile> {
    if let Some(days) = a.days {
        if days <= 0 {
            return Err(
                crate::error::UsageError::new("--days must be positive", "--days phải là số dương").into()
            );
        }
        p = p.with_days(days);
    }
    if let Some(nb) = &a.not_before {
        p.not_before = crate::args::parse_time(nb, "--not-before")?;
    }
    if let Some(na) = &a.not_after {
        p.not_after = crate::args::parse_time(na, "--not-after")?;
    }
    if let Some(s) = &a.serial {
        p = p.with_serial(&parse_hex(s, "--serial")?);
    }
    for pol in &a.policy {
        let (oid, cps) = match pol.split_once('=') {
            Some((o, u)) => (o, Some(u)),
            None => (pol.as_str(), None),
        };
        p = p.with_policy(Oid::parse(oid)?, cps);
    }
    for e in &a.eku {
        p = p.with_eku(parse_eku(e)?);
    }
    for s in &a.san {
        p = p.with_alt_name(parse_san(s)?);
    }
    for u in &a.crl_url {
        p = p.with_crl_distribution_point(u);
    }
    for u in &a.ocsp_url {
        p = p.with_ocsp_url(u);
    }
    for u in &a.ca_issuers_url {
        p = p.with_ca_issuers(u);
    }
    if !a.key_usage.is_empty() {
        p.key_usage = a
            .key_usage
            .iter()
            .map(|n| {
                KeyUsageBit::from_name(n.trim()).ok_or_else(|| {
                    crate::error::UsageError::new(
                        format!("--key-usage: unknown bit {n:?}"),
                        format!("--key-usage: bit {n:?} không xác định"),
                    )
                })
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
    }
    if a.pss {
        p = p.with_signature_algorithm(SignatureAlgorithm::RsaPssSha256);
    }
    Ok(p)
}

fn apply_ca_args(mut p: CertProfile, a: &CaArgs) -> Result<CertProfile> {
    let is_ca = p.ca.is_some();
    let any_ca_option = a.path_len.is_some()
        || !a.permit.is_empty()
        || !a.exclude.is_empty()
        || !a.map_policy.is_empty()
        || a.require_explicit_policy.is_some()
        || a.inhibit_policy_mapping.is_some()
        || a.inhibit_any_policy.is_some();
    if !is_ca && any_ca_option {
        return Err(crate::error::UsageError::new(
            "--path-len, --permit, --exclude, --map-policy and the policy constraints apply to CA certificates only",
            "--path-len, --permit, --exclude, --map-policy và các ràng buộc chính sách chỉ áp dụng cho chứng thư CA",
        )
        .hint("use --profile sub-ca, self-sign or cross-certify", "dùng --profile sub-ca, self-sign hoặc cross-certify")
        .into());
    }
    if let Some(n) = a.path_len {
        p.ca = Some(Some(n));
    }
    if !a.permit.is_empty() || !a.exclude.is_empty() {
        let permitted = a.permit.iter().map(|s| Subtree::parse(s)).collect::<kyso::Result<Vec<_>>>()?;
        let excluded = a.exclude.iter().map(|s| Subtree::parse(s)).collect::<kyso::Result<Vec<_>>>()?;
        p = p.with_name_constraints(NameConstraints { permitted, excluded });
    }
    for m in &a.map_policy {
        let (i, s) = m.split_once('=').ok_or_else(|| {
            crate::error::UsageError::new(
                format!("--map-policy {m:?}: expected ISSUER-OID=SUBJECT-OID"),
                format!("--map-policy {m:?}: cần dạng OID-BÊN-CẤP=OID-CHỦ-THỂ"),
            )
        })?;
        p = p.with_policy_mapping(Oid::parse(i)?, Oid::parse(s)?);
    }
    if a.require_explicit_policy.is_some() || a.inhibit_policy_mapping.is_some() {
        p = p.with_policy_constraints(a.require_explicit_policy, a.inhibit_policy_mapping);
    }
    if let Some(n) = a.inhibit_any_policy {
        p = p.with_inhibit_any_policy(n);
    }
    Ok(p)
}

/// Warn about a `UID` that is not a well-formed Vietnamese identifier (`MST:` 10 digits with an
/// optional `-NNN` branch, `CCCD:` 12 digits, `CMND:` 9 or 12 digits, `HC:` passport number).
fn warn_uid(dn: &DistinguishedName, lang: Lang) {
    for uid in dn.values("UID") {
        let ok = kyso::vn::decode_uid(&uid).is_some_and(|id| id.well_formed);
        if !ok {
            eprintln!(
                "kyso: {}: UID={uid}: {}",
                lang.t("warning", "cảnh báo"),
                lang.t(
                    "not a well-formed MST:/CCCD:/CMND:/HC: identifier",
                    "không đúng định dạng định danh MST:/CCCD:/CMND:/HC:"
                )
            );
        }
    }
}

/// Warn when the new certificate outlives its issuer: relying parties reject it once the
/// issuer has expired (RFC 5280 §6.1.3 (a)(2)), whatever its own notAfter says.
fn warn_outlives(cert: &Certificate, issuer: &Certificate, lang: Lang) {
    let na = cert.x509().validity().not_after.timestamp();
    let ia = issuer.x509().validity().not_after.timestamp();
    if na > ia {
        eprintln!(
            "kyso: {}: {}",
            lang.t("warning", "cảnh báo"),
            lang.t(
                "the certificate is valid longer than its issuer's certificate (use --days or --not-after)",
                "chứng thư có thời hạn dài hơn chứng thư của tổ chức cấp (dùng --days hoặc --not-after)"
            )
        );
    }
}

fn done(lang: Lang, what_en: &str, what_vi: &str, out: &Path, cert: Option<&Certificate>) {
    eprintln!("{} {}", lang.t(what_en, what_vi), out.display());
    if let Some(c) = cert {
        let subject = DistinguishedName::from_der(c.x509().subject().as_raw())
            .map(|d| d.to_string())
            .unwrap_or_else(|_| c.subject_string());
        eprintln!("  {}: {subject}", lang.t("subject", "chủ thể"));
        eprintln!("  {}: {}", lang.t("serial", "số hiệu"), c.serial_hex());
    }
}

pub fn run(cmd: CertCommand, lang: Lang) -> Result<ExitCode> {
    match cmd {
        CertCommand::Request { key, pass, subject, san, out } => {
            out.precheck(&[Some(&key), pass.pass_file.as_deref()])?;
            let subject = DistinguishedName::parse(&subject)?;
            warn_uid(&subject, lang);
            let sans = san.iter().map(|s| parse_san(s)).collect::<Result<Vec<_>>>()?;
            let key = crate::args::load_key(&key, &pass, lang, false)?;
            let csr = Csr::create(&subject, &key, &sans, None)?;
            out.write("CERTIFICATE REQUEST", csr.der())?;
            done(lang, "wrote certificate request", "đã ghi yêu cầu cấp chứng thư số", &out.out, None);
        }
        CertCommand::Issue(args) => {
            let IssueArgs { csr, subject, public_key, profile, ca, profile_args, ca_args, out } = *args;
            out.precheck(&[
                csr.as_deref(),
                public_key.as_deref(),
                Some(&ca.ca_cert),
                Some(&ca.ca_key),
                ca.pass.pass_file.as_deref(),
            ])?;
            let base = match profile {
                IssueProfile::Signer => CertProfile::document_signer(),
                IssueProfile::SubCa => CertProfile::sub_ca(None),
                IssueProfile::Tsa => CertProfile::tsa(),
                IssueProfile::Ocsp => CertProfile::ocsp_responder(),
            };
            let p = apply_ca_args(apply_profile_args(base, &profile_args)?, &ca_args)?;
            // Read every input before asking for a passphrase.
            let request = match &csr {
                Some(path) => Some(Csr::load(path)?),
                None => None,
            };
            let direct = match (&subject, &public_key) {
                (Some(s), Some(k)) => Some((DistinguishedName::parse(s)?, kyso::keys::load_public_key(k)?)),
                _ => None,
            };
            let ca_cert = Certificate::load(&ca.ca_cert)?;
            let ca_key = crate::args::load_key(&ca.ca_key, &ca.pass, lang, false)?;
            let issuer = Issuer::new(&ca_cert, &ca_key).map_err(|e| e.with_file(&ca.ca_key))?;
            let cert = match (request, direct) {
                (Some(r), _) => {
                    warn_uid(r.subject(), lang);
                    issue::issue_from_csr(&p, &r, &issuer)?
                }
                (None, Some((dn, spki))) => {
                    warn_uid(&dn, lang);
                    issue::issue(&p, &dn, &spki, &issuer)?
                }
                (None, None) => {
                    return Err(crate::error::UsageError::new(
                        "give --csr, or --subject with --public-key",
                        "cần --csr, hoặc --subject cùng --public-key",
                    )
                    .into());
                }
            };
            out.write("CERTIFICATE", cert.der())?;
            warn_outlives(&cert, &ca_cert, lang);
            done(lang, "wrote certificate", "đã ghi chứng thư số", &out.out, Some(&cert));
        }
        CertCommand::SelfSign(args) => {
            let SelfSignArgs { key, pass, subject, profile_args, ca_args, out } = *args;
            out.precheck(&[Some(&key), pass.pass_file.as_deref()])?;
            let p = apply_ca_args(apply_profile_args(CertProfile::root_ca(), &profile_args)?, &ca_args)?;
            let subject = DistinguishedName::parse(&subject)?;
            let key = crate::args::load_key(&key, &pass, lang, false)?;
            let cert = issue::self_sign(&p, &subject, &key)?;
            out.write("CERTIFICATE", cert.der())?;
            done(lang, "wrote self-signed certificate", "đã ghi chứng thư số tự ký", &out.out, Some(&cert));
        }
        CertCommand::CrossCertify(args) => {
            let CrossArgs { subject_cert, ca, profile_args, ca_args, out } = *args;
            out.precheck(&[
                Some(&subject_cert),
                Some(&ca.ca_cert),
                Some(&ca.ca_key),
                ca.pass.pass_file.as_deref(),
            ])?;
            let p = apply_ca_args(
                apply_profile_args(CertProfile::cross_certificate(None), &profile_args)?,
                &ca_args,
            )?;
            let other = Certificate::load(&subject_cert)?;
            let ca_cert = Certificate::load(&ca.ca_cert)?;
            let ca_key = crate::args::load_key(&ca.ca_key, &ca.pass, lang, false)?;
            let issuer = Issuer::new(&ca_cert, &ca_key).map_err(|e| e.with_file(&ca.ca_key))?;
            let cert = issue::cross_certify(&p, &other, &issuer).map_err(|e| e.with_file(&subject_cert))?;
            out.write("CERTIFICATE", cert.der())?;
            warn_outlives(&cert, &ca_cert, lang);
            done(lang, "wrote cross-certificate", "đã ghi chứng thư số chéo", &out.out, Some(&cert));
        }
        CertCommand::Inspect { file, json } => {
            if let Some(csr) = as_request(&file)? {
                let info = inspect::inspect_csr(&csr);
                if json {
                    println!("{}", serde_json::to_string_pretty(&[&info])?);
                } else {
                    print!("{}", render_csr(&info, lang));
                }
                return Ok(ExitCode::SUCCESS);
            }
            let certs = Certificate::load_all(&file)?;
            let now = OffsetDateTime::now_utc();
            let infos: Vec<CertificateInfo> =
                certs.iter().map(|c| inspect::inspect_certificate(c, now)).collect();
            if json {
                println!("{}", serde_json::to_string_pretty(&infos)?);
            } else {
                let n = infos.len();
                for (i, info) in infos.iter().enumerate() {
                    if i > 0 {
                        println!();
                    }
                    print!("{}", render_cert(info, lang, (n > 1).then_some((i + 1, n))));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_crl(cmd: CrlCommand, lang: Lang) -> Result<ExitCode> {
    match cmd {
        CrlCommand::Issue { ca, number, days, revoke, revoke_cert, pss, out } => {
            let mut inputs =
                vec![Some(ca.ca_cert.as_path()), Some(ca.ca_key.as_path()), ca.pass.pass_file.as_deref()];
            inputs.extend(revoke_cert.iter().map(|p| Some(p.as_path())));
            out.precheck(&inputs)?;
            if days <= 0 {
                return Err(crate::error::UsageError::new(
                    "--days must be positive",
                    "--days phải là số dương",
                )
                .into());
            }
            let mut p = CrlProfile::new(number, days);
            if pss {
                p.signature_algorithm = Some(SignatureAlgorithm::RsaPssSha256);
            }
            for r in &revoke {
                let mut parts = r.splitn(3, ':');
                let serial = parse_hex(parts.next().unwrap_or(""), "--revoke")?;
                let reason = match parts.next() {
                    Some("") | None => None,
                    Some(s) => Some(RevocationReason::parse(s)?),
                };
                let date = match parts.next() {
                    Some(t) => crate::args::parse_time(t, "--revoke time")?,
                    None => p.this_update,
                };
                p = p.revoke(&serial, date, reason);
            }
            for f in &revoke_cert {
                let c = Certificate::load(f)?;
                let now = p.this_update;
                p = p.revoke(c.x509().raw_serial(), now, None);
            }
            let ca_cert = Certificate::load(&ca.ca_cert)?;
            let ca_key = crate::args::load_key(&ca.ca_key, &ca.pass, lang, false)?;
            let issuer = Issuer::new(&ca_cert, &ca_key).map_err(|e| e.with_file(&ca.ca_key))?;
            let crl = issue::issue_crl(&p, &issuer)?;
            out.write("X509 CRL", crl.der())?;
            eprintln!(
                "{} {} ({} {})",
                lang.t("wrote CRL", "đã ghi danh sách thu hồi"),
                out.out.display(),
                p.revoked.len(),
                lang.t("revoked", "chứng thư bị thu hồi")
            );
        }
        CrlCommand::Inspect { file, json } => {
            let crls = Crl::load_all(&file)?;
            let now = OffsetDateTime::now_utc();
            let infos: Vec<CrlInfo> = crls.iter().map(|c| inspect::inspect_crl(c, now)).collect();
            if json {
                println!("{}", serde_json::to_string_pretty(&infos)?);
            } else {
                for (i, info) in infos.iter().enumerate() {
                    if i > 0 {
                        println!();
                    }
                    print!("{}", render_crl(info, lang));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

struct Out {
    text: String,
}

impl Out {
    fn line(&mut self, label: &str, value: impl std::fmt::Display) {
        self.text.push_str(&format!("  {label:<28} {value}\n"));
    }
    fn list(&mut self, label: &str, values: &[String]) {
        if !values.is_empty() {
            self.line(label, values.join(", "));
        }
    }
}

fn when(i: &inspect::TimeInfo, lang: Lang) -> String {
    let t = i.datetime();
    format!(
        "{} ({} {})",
        kyso::vn::format_utc(t),
        lang.t("Vietnam time", "giờ Việt Nam"),
        kyso::vn::format_vietnam(t)
    )
}

fn id_text(id: &kyso::vn::VnId, lang: Lang) -> String {
    let label = lang.t(id.kind.label_en(), id.kind.label_vi());
    let mut s = format!("{label} {}", id.main.as_deref().unwrap_or(&id.value));
    if let Some(b) = &id.branch {
        s.push_str(&format!(", {} {b}", lang.t("branch", "đơn vị phụ thuộc")));
    }
    if !id.well_formed {
        s.push_str(&format!(" ({})", lang.t("unusual format", "định dạng bất thường")));
    }
    s
}

fn status_text(s: &str, lang: Lang) -> &'static str {
    match s {
        "valid" => lang.t("valid now", "đang có hiệu lực"),
        "expired" => lang.t("EXPIRED", "ĐÃ HẾT HẠN"),
        "not-yet-valid" => lang.t("NOT YET VALID", "CHƯA CÓ HIỆU LỰC"),
        "current" => lang.t("current", "còn hiệu lực"),
        _ => lang.t("unknown", "không rõ"),
    }
}

/// The human summary of a certificate.
pub fn render_cert(info: &CertificateInfo, lang: Lang, index: Option<(usize, usize)>) -> String {
    let mut o = Out { text: String::new() };
    let title = lang.t("Certificate", "Chứng thư số");
    match index {
        Some((i, n)) => o.text.push_str(&format!("{title} {i}/{n}\n")),
        None => o.text.push_str(&format!("{title}\n")),
    }
    o.line(lang.t("Subject:", "Chủ thể:"), &info.subject);
    for id in &info.identifiers {
        o.line(lang.t("Identifier:", "Định danh:"), id_text(id, lang));
    }
    o.line(lang.t("Issuer:", "Tổ chức cấp:"), &info.issuer);
    o.line(lang.t("Serial number:", "Số hiệu:"), &info.serial);
    o.line(lang.t("Valid from:", "Có hiệu lực từ:"), when(&info.not_before, lang));
    o.line(lang.t("Valid until:", "Hết hiệu lực:"), when(&info.not_after, lang));
    o.line(lang.t("Status:", "Tình trạng:"), status_text(&info.time_status, lang));
    let key = match &info.key.curve {
        Some(c) => format!("{} {c}", info.key.algorithm),
        None => format!("{} {} bit", info.key.algorithm, info.key.bits),
    };
    o.line(lang.t("Public key:", "Khóa công khai:"), key);
    o.line(lang.t("Signature algorithm:", "Thuật toán ký:"), &info.signature_algorithm);
    let kind = if info.is_ca {
        let mut s = lang.t("CA", "CA (tổ chức cấp)").to_string();
        if let Some(n) = info.path_len {
            s.push_str(&format!(", pathLen {n}"));
        }
        if info.self_issued {
            s.push_str(lang.t(", self-issued (root)", ", tự cấp (gốc)"));
        }
        s
    } else {
        lang.t("end entity", "thuê bao (không phải CA)").to_string()
    };
    o.line(lang.t("Type:", "Loại:"), kind);
    o.list(lang.t("Key usage:", "Mục đích sử dụng khóa:"), &info.key_usage);
    if !info.extended_key_usage.is_empty() {
        let ekus: Vec<String> =
            info.extended_key_usage.iter().map(|e| e.name.clone().unwrap_or_else(|| e.oid.clone())).collect();
        let crit =
            if info.extended_key_usage_critical { lang.t(" (critical)", " (bắt buộc)") } else { "" };
        o.line(lang.t("Extended key usage:", "Mục đích mở rộng:"), format!("{}{crit}", ekus.join(", ")));
    }
    for p in &info.policies {
        let cps = if p.cps.is_empty() { String::new() } else { format!(" (CPS {})", p.cps.join(", ")) };
        o.line(lang.t("Policy:", "Chính sách:"), format!("{}{cps}", p.oid));
    }
    for m in &info.policy_mappings {
        o.line(
            lang.t("Policy mapping:", "Ánh xạ chính sách:"),
            format!("{} → {}", m.issuer_domain, m.subject_domain),
        );
    }
    if let Some(n) = info.require_explicit_policy {
        o.line(lang.t("Require explicit policy:", "Yêu cầu chính sách:"), n);
    }
    if let Some(n) = info.inhibit_policy_mapping {
        o.line(lang.t("Inhibit policy mapping:", "Cấm ánh xạ chính sách:"), n);
    }
    if let Some(n) = info.inhibit_any_policy {
        o.line(lang.t("Inhibit anyPolicy:", "Cấm anyPolicy:"), n);
    }
    o.list(lang.t("Permitted names:", "Tên được phép:"), &info.permitted_subtrees);
    o.list(lang.t("Excluded names:", "Tên bị loại trừ:"), &info.excluded_subtrees);
    o.list(lang.t("Alternative names:", "Tên thay thế:"), &info.subject_alt_names);
    o.list(lang.t("CRL distribution:", "Điểm phân phối CRL:"), &info.crl_distribution_points);
    o.list(lang.t("CA issuers:", "Chứng thư CA cấp:"), &info.ca_issuers);
    o.list("OCSP:", &info.ocsp);
    if info.ocsp_nocheck {
        o.line("OCSP no-check:", lang.t("yes", "có"));
    }
    if let Some(k) = &info.subject_key_id {
        o.line(lang.t("Subject key ID:", "Định danh khóa chủ thể:"), k);
    }
    if let Some(k) = &info.authority_key_id {
        o.line(lang.t("Authority key ID:", "Định danh khóa CA:"), k);
    }
    // Extensions not shown above (qcStatements, private ones, ...), critical ones marked.
    const SHOWN: &[&str] = &[
        "2.5.29.14",
        "2.5.29.15",
        "2.5.29.17",
        "2.5.29.19",
        "2.5.29.30",
        "2.5.29.31",
        "2.5.29.32",
        "2.5.29.33",
        "2.5.29.35",
        "2.5.29.36",
        "2.5.29.37",
        "2.5.29.54",
        "1.3.6.1.5.5.7.1.1",
        "1.3.6.1.5.5.7.48.1.5",
    ];
    let others: Vec<String> = info
        .extensions
        .iter()
        .filter(|e| !SHOWN.contains(&e.oid.as_str()))
        .map(|e| {
            let name = e.name.clone().unwrap_or_else(|| e.oid.clone());
            if e.critical { format!("{name} ({})", lang.t("critical", "bắt buộc")) } else { name }
        })
        .collect();
    o.list(lang.t("Other extensions:", "Phần mở rộng khác:"), &others);
    o.line(lang.t("SHA-256 fingerprint:", "Dấu vân tay SHA-256:"), &info.sha256);
    o.text
}

/// When `file` holds a certification request (PEM `CERTIFICATE REQUEST`, or DER that is not a
/// certificate but parses as a request), the verified request; `None` otherwise (errors then come
/// from reading it as certificates).
fn as_request(file: &Path) -> Result<Option<Csr>> {
    let Ok(data) = kyso::io::read_file_limited(file, kyso::io::limits::CERTIFICATE) else { return Ok(None) };
    let Ok(blocks) = kyso::io::decode_pem_or_der(&data) else { return Ok(None) };
    let is_req =
        |l: &Option<String>| matches!(l.as_deref(), Some("CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST"));
    let is_cert = |l: &Option<String>| {
        matches!(l.as_deref(), Some("CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE"))
    };
    if blocks.iter().any(|b| is_req(&b.label)) && !blocks.iter().any(|b| is_cert(&b.label)) {
        return Ok(Some(Csr::parse(&data).map_err(|e| e.with_file(file))?));
    }
    if let [b] = blocks.as_slice() {
        if b.label.is_none() && Certificate::from_der(b.der.clone()).is_err() {
            if let Ok(csr) = Csr::from_der(&b.der) {
                return Ok(Some(csr));
            }
        }
    }
    Ok(None)
}

/// The human summary of a certification request.
pub fn render_csr(info: &inspect::CsrInfo, lang: Lang) -> String {
    let mut o = Out {
        text: format!(
            "{}
",
            lang.t("Certificate request (PKCS#10)", "Yêu cầu cấp chứng thư số (PKCS#10)")
        ),
    };
    o.line(lang.t("Subject:", "Chủ thể:"), &info.subject);
    for id in &info.identifiers {
        o.line(lang.t("Identifier:", "Định danh:"), id_text(id, lang));
    }
    let key = match &info.key.curve {
        Some(c) => format!("{} {c}", info.key.algorithm),
        None => format!("{} {} bit", info.key.algorithm, info.key.bits),
    };
    o.line(lang.t("Public key:", "Khóa công khai:"), key);
    o.line(
        lang.t("Signature:", "Chữ ký:"),
        format!("{} ({})", info.signature_algorithm, lang.t("verified", "hợp lệ")),
    );
    o.list(lang.t("Alternative names:", "Tên thay thế:"), &info.subject_alt_names);
    o.line(lang.t("SHA-256 fingerprint:", "Dấu vân tay SHA-256:"), &info.sha256);
    o.text
}

/// The human summary of a CRL.
pub fn render_crl(info: &CrlInfo, lang: Lang) -> String {
    let mut o = Out {
        text: format!("{}\n", lang.t("Certificate revocation list", "Danh sách chứng thư số bị thu hồi")),
    };
    o.line(lang.t("Issuer:", "Tổ chức cấp:"), &info.issuer);
    if let Some(n) = &info.crl_number {
        o.line(lang.t("CRL number:", "Số CRL:"), n);
    }
    o.line(lang.t("This update:", "Ngày cập nhật:"), when(&info.this_update, lang));
    if let Some(n) = &info.next_update {
        o.line(lang.t("Next update:", "Cập nhật tiếp theo:"), when(n, lang));
    }
    o.line(lang.t("Status:", "Tình trạng:"), status_text(&info.time_status, lang));
    o.line(lang.t("Signature algorithm:", "Thuật toán ký:"), &info.signature_algorithm);
    if let Some(k) = &info.authority_key_id {
        o.line(lang.t("Authority key ID:", "Định danh khóa CA:"), k);
    }
    o.line(lang.t("Revoked:", "Số chứng thư bị thu hồi:"), info.revoked.len());
    for r in &info.revoked {
        let reason = r.reason.as_deref().map(|x| format!(", {x}")).unwrap_or_default();
        o.text.push_str(&format!("    {}  {}{reason}\n", r.serial, when(&r.date, lang)));
    }
    o.line(lang.t("SHA-256 fingerprint:", "Dấu vân tay SHA-256:"), &info.sha256);
    o.text
}
