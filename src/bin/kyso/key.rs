//! `kyso key`: generate, inspect and convert private keys; import and export PKCS#12.

use crate::lang::Lang;
use crate::secret::{OutPassArgs, PassArgs};
use anyhow::Result;
use kyso::io::{WriteOptions, write_atomic};
use kyso::keys::{self, KeyAlgorithm, KeyFormat, SoftwareKey, pkcs12};
use kyso::{Certificate, Error};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zeroize::Zeroizing;

#[derive(clap::Subcommand, Debug)]
pub enum KeyCommand {
    /// Generate a key pair (encrypted PKCS#8, mode 0600).
    Generate(Box<GenerateArgs>),
    /// Show a key's type, size, encryption and public key fingerprint (never private material).
    Inspect(Box<InspectArgs>),
    /// Convert a key (PKCS#1, SEC1, PKCS#8; PEM or DER) to PKCS#8, re-encrypting it.
    Convert(Box<ConvertArgs>),
    /// Extract the key, certificate and chain from a PKCS#12 (.p12/.pfx) file.
    P12Import(Box<P12ImportArgs>),
    /// Bundle a key, its certificate and a chain into a PKCS#12 (.p12/.pfx) file.
    P12Export(Box<P12ExportArgs>),
}

/// Output encoding of a private key.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutForm {
    /// PEM text (`PRIVATE KEY` / `ENCRYPTED PRIVATE KEY`).
    #[default]
    Pem,
    /// DER bytes.
    Der,
}

fn parse_key_type(s: &str) -> Result<KeyAlgorithm, String> {
    let alg: KeyAlgorithm = s.parse().map_err(|e: Error| e.message().to_string())?;
    match alg {
        KeyAlgorithm::Rsa { bits } if !keys::RSA_GENERATE_SIZES.contains(&bits) => {
            Err(format!("RSA size {bits} is not offered (use rsa2048, rsa3072 or rsa4096)"))
        }
        other => Ok(other),
    }
}

#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    /// Key type: rsa2048, rsa3072, rsa4096, p256, p384 or ed25519.
    #[arg(long = "type", short = 't', value_name = "TYPE", value_parser = parse_key_type)]
    pub key_type: KeyAlgorithm,
    /// Where to write the private key.
    #[arg(short, long, alias = "output", value_name = "FILE")]
    pub out: PathBuf,
    /// Also write the public key (PEM `PUBLIC KEY`) here.
    #[arg(long, value_name = "FILE")]
    pub pub_out: Option<PathBuf>,
    /// Write the private key unencrypted (not recommended).
    #[arg(long, conflicts_with_all = ["pass_env", "pass_file"])]
    pub no_encrypt: bool,
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
    /// Passphrase for the new key.
    #[command(flatten)]
    pub pass: PassArgs,
}

#[derive(clap::Args, Debug)]
pub struct InspectArgs {
    /// A private key (any supported format), a public key, a certificate or a CSR.
    pub file: PathBuf,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    /// Passphrase of an encrypted key.
    #[command(flatten)]
    pub pass: PassArgs,
}

#[derive(clap::Args, Debug)]
pub struct ConvertArgs {
    /// The key to convert.
    pub input: PathBuf,
    /// Where to write the converted key.
    #[arg(short, long, alias = "output", value_name = "FILE")]
    pub out: PathBuf,
    /// Output encoding.
    #[arg(long, value_enum, default_value_t = OutForm::Pem)]
    pub to: OutForm,
    /// Write the key unencrypted (not recommended).
    #[arg(long, conflicts_with_all = ["out_pass_env", "out_pass_file"])]
    pub no_encrypt: bool,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
    /// Passphrase of the input key (when encrypted).
    #[command(flatten)]
    pub pass: PassArgs,
    /// Passphrase for the output key.
    #[command(flatten)]
    pub out_pass: OutPassArgs,
}

#[derive(clap::Args, Debug)]
pub struct P12ImportArgs {
    /// The PKCS#12 file.
    pub file: PathBuf,
    /// Where to write the private key (encrypted PKCS#8 unless --no-encrypt).
    #[arg(long, value_name = "FILE")]
    pub key_out: PathBuf,
    /// Where to write the certificate (PEM).
    #[arg(long, value_name = "FILE")]
    pub cert_out: PathBuf,
    /// Where to write the other certificates (PEM bundle).
    #[arg(long, value_name = "FILE")]
    pub chain_out: Option<PathBuf>,
    /// Write the private key unencrypted (not recommended).
    #[arg(long, conflicts_with_all = ["out_pass_env", "out_pass_file"])]
    pub no_encrypt: bool,
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
    /// Passphrase of the PKCS#12 file.
    #[command(flatten)]
    pub pass: PassArgs,
    /// Passphrase for the extracted key.
    #[command(flatten)]
    pub out_pass: OutPassArgs,
}

#[derive(clap::Args, Debug)]
pub struct P12ExportArgs {
    /// The private key.
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    /// The key's certificate.
    #[arg(long, value_name = "FILE")]
    pub cert: PathBuf,
    /// Certificates to include after it (repeatable; each file may hold several).
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// Where to write the PKCS#12 file (mode 0600).
    #[arg(short, long, alias = "output", value_name = "FILE")]
    pub out: PathBuf,
    /// Friendly name stored with the key and certificate.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Use 3DES and an HMAC-SHA1 MAC instead of AES-256 and HMAC-SHA256, for readers that need
    /// it (Windows before 10 1709, macOS Keychain, Java before 8u301). Weaker: only when needed.
    #[arg(long)]
    pub legacy: bool,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
    /// Passphrase of the private key (when encrypted).
    #[command(flatten)]
    pub pass: PassArgs,
    /// Passphrase for the PKCS#12 file.
    #[command(flatten)]
    pub out_pass: OutPassArgs,
}

pub fn run(cmd: KeyCommand, lang: Lang) -> Result<ExitCode> {
    match cmd {
        KeyCommand::Generate(a) => generate(*a, lang),
        KeyCommand::Inspect(a) => inspect(*a, lang),
        KeyCommand::Convert(a) => convert(*a, lang),
        KeyCommand::P12Import(a) => p12_import(*a, lang),
        KeyCommand::P12Export(a) => p12_export(*a, lang),
    }
}

/// Several output files written all or nothing: checked before any work, and the files already
/// written are removed if a later one fails.
struct Outputs {
    force: bool,
    created: Vec<PathBuf>,
}

impl Outputs {
    /// Check that every path can be written: distinct, not the input, parent directory present,
    /// absent unless `force`.
    fn check(paths: &[&Path], inputs: &[&Path], force: bool) -> Result<Self> {
        // Distinct files, none of them an input (device and inode, not names), --force or not.
        kyso::io::check_distinct(inputs, paths)?;
        for path in paths {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            if !dir.is_dir() {
                return Err(Error::new(kyso::ErrorKind::Io, kyso::diag::codes::io::DIRECTORY_NOT_FOUND)
                    .with("dir", dir.display())
                    .with_file(path)
                    .into());
            }
            if path.is_dir() {
                return Err(Error::input(kyso::diag::codes::io::IS_DIRECTORY).with_file(path).into());
            }
            if !force && path.exists() {
                return Err(Error::new(kyso::ErrorKind::Io, kyso::diag::codes::io::ALREADY_EXISTS)
                    .with_file(path)
                    .with_hint(kyso::diag::Hint::AllowOverwrite)
                    .into());
            }
        }
        Ok(Outputs { force, created: Vec::new() })
    }

    fn write(&mut self, path: &Path, data: &[u8], private: bool) -> Result<()> {
        let existed = path.exists();
        match write_atomic(path, data, WriteOptions::default().with_force(self.force).with_private(private)) {
            Ok(()) => {
                if !existed {
                    self.created.push(path.to_path_buf());
                }
                Ok(())
            }
            Err(e) => {
                self.rollback();
                Err(e.into())
            }
        }
    }

    fn rollback(&mut self) {
        for p in self.created.drain(..) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The new passphrase for an output, unless `no_encrypt`.
fn new_passphrase(
    no_encrypt: bool,
    get: impl FnOnce(&str, bool) -> Result<Zeroizing<String>>,
    what: &Path,
    lang: Lang,
) -> Result<Option<Zeroizing<String>>> {
    if no_encrypt {
        return Ok(None);
    }
    let prompt = format!("{} {}: ", lang.t("New passphrase for", "Mật khẩu mới cho"), what.display());
    let pass = get(&prompt, true)?;
    if pass.is_empty() {
        return Err(Error::new(
            kyso::ErrorKind::Passphrase,
            kyso::diag::codes::keys::KEY_NEW_PASSPHRASE_EMPTY,
        )
        .with_hint(kyso::diag::Hint::ChoosePassphrase)
        .into());
    }
    Ok(Some(pass))
}

fn encode_key(
    key: &SoftwareKey,
    pass: Option<&Zeroizing<String>>,
    form: OutForm,
) -> Result<Zeroizing<Vec<u8>>> {
    let pass = pass.map(|p| p.as_bytes());
    Ok(match form {
        OutForm::Pem => Zeroizing::new(key.to_pkcs8_pem(pass)?.as_bytes().to_vec()),
        OutForm::Der => key.to_pkcs8_der(pass)?,
    })
}

fn fingerprint(key_spki: &[u8]) -> String {
    hex::encode(ring::digest::digest(&ring::digest::SHA256, key_spki))
}

fn encrypted_label(encrypted: bool, lang: Lang) -> &'static str {
    if encrypted { lang.t("encrypted", "đã mã hóa") } else { lang.t("NOT encrypted", "KHÔNG mã hóa") }
}

fn generate(a: GenerateArgs, lang: Lang) -> Result<ExitCode> {
    let mut paths = vec![a.out.as_path()];
    if let Some(p) = &a.pub_out {
        paths.push(p);
    }
    let inputs: Vec<&Path> = a.pass.pass_file.iter().map(PathBuf::as_path).collect();
    let mut outputs = Outputs::check(&paths, &inputs, a.force)?;
    let pass = new_passphrase(a.no_encrypt, |p, c| a.pass.get(p, c), &a.out, lang)?;
    let key = SoftwareKey::generate(a.key_type)?;
    let pem = encode_key(&key, pass.as_ref(), OutForm::Pem)?;
    outputs.write(&a.out, &pem, true)?;
    if let Some(p) = &a.pub_out {
        outputs.write(p, key.public_key_pem().as_bytes(), false)?;
    }
    println!(
        "{} {} → {} ({})",
        lang.t("Generated", "Đã tạo khóa"),
        key.key_algorithm(),
        a.out.display(),
        encrypted_label(pass.is_some(), lang)
    );
    if let Some(p) = &a.pub_out {
        println!("{}: {}", lang.t("Public key", "Khóa công khai"), p.display());
    }
    println!("{}: {}", lang.t("SPKI SHA-256", "SHA-256 khóa công khai"), fingerprint(key.public_key_spki()));
    Ok(ExitCode::SUCCESS)
}

fn inspect(a: InspectArgs, lang: Lang) -> Result<ExitCode> {
    let data = Zeroizing::new(kyso::io::read_file_limited(&a.file, kyso::io::limits::KEY)?);
    // A public key (PEM `PUBLIC KEY` or DER SubjectPublicKeyInfo) is shown as such.
    let (kind, format, encrypted, encryption, spki) = match keys::sniff(&data) {
        Ok(format) => {
            let key = crate::args::load_key(&a.file, &a.pass, lang, true)?;
            let encryption = keys::describe_encryption(&data);
            (
                "private-key",
                Some(format),
                format == KeyFormat::EncryptedPkcs8,
                encryption,
                key.public_key_spki().to_vec(),
            )
        }
        Err(e) => match public_key_of(&data) {
            Some((kind, spki)) => (kind, None, false, None, spki),
            None => return Err(e.with_file(&a.file).into()),
        },
    };
    let algorithm = keys::spki_key_algorithm(&spki).map_err(|e| e.with_file(&a.file))?;
    let bits = match algorithm {
        KeyAlgorithm::Rsa { bits } => bits,
        KeyAlgorithm::EcP256 => 256,
        KeyAlgorithm::EcP384 => 384,
        KeyAlgorithm::Ed25519 => 256,
        _ => 0,
    };
    let public_pem = kyso::io::to_pem("PUBLIC KEY", &spki);
    let fp = fingerprint(&spki);
    let key_id = hex::encode(keys::key_identifier(&spki).map_err(|e| e.with_file(&a.file))?);
    if a.json {
        let v = serde_json::json!({
            "file": a.file.display().to_string(),
            "kind": kind,
            "algorithm": algorithm.to_string(),
            "key_type": algorithm,
            "bits": bits,
            "format": format,
            "encrypted": encrypted,
            // An English string, as before typed messages (compatibility).
            "encryption": encryption.as_ref().map(|m| m.render(kyso::diag::Lang::En)),
            "spki_sha256": fp,
            "key_identifier": key_id,
            "public_key_pem": public_pem,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    let label = |en, vi| lang.t(en, vi);
    println!("{}: {}", label("File", "Tệp"), a.file.display());
    let kind_text = match kind {
        "private-key" => label("private key", "khóa bí mật"),
        "certificate" => label("public key of a certificate", "khóa công khai của chứng thư số"),
        "csr" => label("public key of a certificate request", "khóa công khai của yêu cầu cấp chứng thư"),
        _ => label("public key", "khóa công khai"),
    };
    println!("{}: {kind_text}", label("Kind", "Loại"));
    println!("{}: {} ({} bits)", label("Algorithm", "Thuật toán"), algorithm, bits);
    if let Some(f) = format {
        println!("{}: {}", label("Format", "Định dạng"), f.describe());
        let enc = match &encryption {
            Some(d) => format!("{} — {}", encrypted_label(true, lang), d.render(lang.into())),
            None => encrypted_label(encrypted, lang).to_string(),
        };
        println!("{}: {enc}", label("Protection", "Bảo vệ"));
    }
    println!("{}: {fp}", label("SPKI SHA-256", "SHA-256 khóa công khai"));
    println!(
        "{}: {key_id}",
        label("Key identifier (SHA-1, RFC 5280 4.2.1.2)", "Định danh khóa (SHA-1, RFC 5280 4.2.1.2)")
    );
    print!("{public_pem}");
    Ok(ExitCode::SUCCESS)
}

/// The DER SubjectPublicKeyInfo in `data` when it holds a public key (PEM `PUBLIC KEY` or DER),
/// a certificate or a CSR, with the kind of file.
fn public_key_of(data: &[u8]) -> Option<(&'static str, Vec<u8>)> {
    use x509_parser::prelude::FromDer;
    let blocks = kyso::io::decode_pem_or_der(data).ok()?;
    blocks.into_iter().find_map(|b| {
        let label = b.label.as_deref();
        if matches!(label, None | Some("PUBLIC KEY"))
            && spki::SubjectPublicKeyInfoRef::try_from(b.der.as_slice()).is_ok()
        {
            return Some(("public-key", b.der));
        }
        if matches!(
            label,
            None | Some("CERTIFICATE") | Some("X509 CERTIFICATE") | Some("TRUSTED CERTIFICATE")
        ) {
            if let Ok((_, cert)) = x509_parser::certificate::X509Certificate::from_der(&b.der) {
                return Some(("certificate", cert.public_key().raw.to_vec()));
            }
        }
        if matches!(label, None | Some("CERTIFICATE REQUEST") | Some("NEW CERTIFICATE REQUEST")) {
            if let Ok((_, csr)) =
                x509_parser::certification_request::X509CertificationRequest::from_der(&b.der)
            {
                return Some(("csr", csr.certification_request_info.subject_pki.raw.to_vec()));
            }
        }
        None
    })
}

fn convert(a: ConvertArgs, lang: Lang) -> Result<ExitCode> {
    let mut inputs = vec![a.input.as_path()];
    inputs.extend(a.pass.pass_file.as_deref());
    inputs.extend(a.out_pass.out_pass_file.as_deref());
    let mut outputs = Outputs::check(&[&a.out], &inputs, a.force)?;
    let key = crate::args::load_key(&a.input, &a.pass, lang, true)?;
    let pass = new_passphrase(a.no_encrypt, |p, c| a.out_pass.get(p, c), &a.out, lang)?;
    let out = encode_key(&key, pass.as_ref(), a.to)?;
    outputs.write(&a.out, &out, true)?;
    println!(
        "{} {} → {} (PKCS#8 {}, {})",
        lang.t("Converted", "Đã chuyển đổi"),
        key.key_algorithm(),
        a.out.display(),
        if a.to == OutForm::Pem { "PEM" } else { "DER" },
        encrypted_label(pass.is_some(), lang)
    );
    Ok(ExitCode::SUCCESS)
}

fn p12_import(a: P12ImportArgs, lang: Lang) -> Result<ExitCode> {
    let mut paths = vec![a.key_out.as_path(), a.cert_out.as_path()];
    if let Some(p) = &a.chain_out {
        paths.push(p);
    }
    let mut inputs = vec![a.file.as_path()];
    inputs.extend(a.pass.pass_file.as_deref());
    inputs.extend(a.out_pass.out_pass_file.as_deref());
    let mut outputs = Outputs::check(&paths, &inputs, a.force)?;
    let data = kyso::io::read_file_limited(&a.file, kyso::io::limits::PKCS12)?;
    let prompt = format!("{} {}: ", lang.t("Passphrase for", "Mật khẩu của"), a.file.display());
    let tries = if a.pass.given() { 1 } else { 3 };
    let mut attempt = 1;
    let bundle = loop {
        let p12_pass = a.pass.get(&prompt, false)?;
        match pkcs12::import(&data, p12_pass.as_bytes()) {
            Err(e) if e.kind() == kyso::ErrorKind::Passphrase && attempt < tries => {
                eprintln!("kyso: {}", lang.t("wrong passphrase, try again", "sai mật khẩu, hãy thử lại"));
                attempt += 1;
            }
            other => break other.map_err(|e| e.with_file(&a.file))?,
        }
    };
    let key_pass = new_passphrase(a.no_encrypt, |p, c| a.out_pass.get(p, c), &a.key_out, lang)?;
    let key_pem = encode_key(&bundle.key, key_pass.as_ref(), OutForm::Pem)?;
    outputs.write(&a.key_out, &key_pem, true)?;
    outputs.write(&a.cert_out, kyso::io::to_pem("CERTIFICATE", bundle.cert.der()).as_bytes(), false)?;
    let chain_pem: String = bundle.chain.iter().map(|c| kyso::io::to_pem("CERTIFICATE", c.der())).collect();
    match &a.chain_out {
        Some(p) if !bundle.chain.is_empty() => outputs.write(p, chain_pem.as_bytes(), false)?,
        Some(p) => eprintln!(
            "kyso: {}: {}",
            p.display(),
            lang.t(
                "no other certificates in the file; nothing written",
                "tệp không có chứng thư khác; không ghi"
            )
        ),
        None if !bundle.chain.is_empty() => eprintln!(
            "kyso: {} {} ({})",
            bundle.chain.len(),
            lang.t("chain certificate(s) not written", "chứng thư trong chuỗi không được ghi"),
            lang.t("use --chain-out FILE", "dùng --chain-out TỆP")
        ),
        None => {}
    }
    println!(
        "{} {}: {} → {} ({}), {} → {}",
        lang.t("Imported", "Đã nhập"),
        a.file.display(),
        bundle.key.key_algorithm(),
        a.key_out.display(),
        encrypted_label(key_pass.is_some(), lang),
        bundle.cert.subject_string(),
        a.cert_out.display()
    );
    if let (Some(p), false) = (&a.chain_out, bundle.chain.is_empty()) {
        println!("{}: {} → {}", lang.t("Chain", "Chuỗi"), bundle.chain.len(), p.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn p12_export(a: P12ExportArgs, lang: Lang) -> Result<ExitCode> {
    let mut inputs = vec![a.key.as_path(), a.cert.as_path()];
    inputs.extend(a.chain.iter().map(PathBuf::as_path));
    inputs.extend(a.pass.pass_file.as_deref());
    inputs.extend(a.out_pass.out_pass_file.as_deref());
    let mut outputs = Outputs::check(&[&a.out], &inputs, a.force)?;
    let cert = Certificate::load(&a.cert)?;
    let chain = crate::args::load_pool(&a.chain, lang)?;
    let key = crate::args::load_key(&a.key, &a.pass, lang, true)?;
    if !key.matches_public_key(cert.x509().public_key().raw) {
        return Err(Error::input(kyso::diag::codes::keys::KEY_CERT_MISMATCH).with_file(&a.cert).into());
    }
    let prompt = format!("{} {}: ", lang.t("New passphrase for", "Mật khẩu mới cho"), a.out.display());
    let pass = a.out_pass.get(&prompt, true)?;
    if pass.is_empty() {
        return Err(Error::new(
            kyso::ErrorKind::Passphrase,
            kyso::diag::codes::keys::KEY_NEW_PASSPHRASE_EMPTY,
        )
        .into());
    }
    let p12 = if a.legacy {
        pkcs12::export_legacy(&key, &cert, &chain, pass.as_bytes(), a.name.as_deref())?
    } else {
        pkcs12::export(&key, &cert, &chain, pass.as_bytes(), a.name.as_deref())?
    };
    outputs.write(&a.out, &p12, true)?;
    println!(
        "{} {} ({} + {} {}) → {}",
        lang.t("Exported", "Đã xuất"),
        key.key_algorithm(),
        cert.subject_string(),
        chain.len(),
        lang.t("chain certificate(s)", "chứng thư trong chuỗi"),
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
