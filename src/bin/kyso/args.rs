//! Argument parsing shared by every command, one parser each: `DOMAIN=FILE`, `--at`, private
//! keys (plain, encrypted, PKCS#12, with the passphrase sources), trust inputs, the online
//! sources (OCSP, CRL distribution points, AIA), batch inputs.

use crate::error::UsageError;
use crate::lang::Lang;
use crate::secret::PassArgs;
use anyhow::{Context, Result};
use kyso::cms::{self, TsaClient};
use kyso::keys::SoftwareKey;
use kyso::path::{KeyUsageBit, PolicyInput, Profile, ValidationOptions, eku_oid};
use kyso::revocation::{RevocationMode, RevocationSource};
use kyso::trust::{IssuerSource, Pool};
use kyso::{Certificate, Crl, Error, ErrorKind, TrustStore};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use time::OffsetDateTime;
use zeroize::Zeroizing;

// ---------------------------------------------------------------------------------------------
// DOMAIN=FILE
// ---------------------------------------------------------------------------------------------

/// Split `DOMAIN=FILE` when `value` has that shape: a domain name of letters, digits, `-`, `_`
/// and `.`, then a non-empty file. A value naming an existing file is a file even with a `=`.
pub fn split_domain(value: &str) -> Option<(&str, &str)> {
    if Path::new(value).exists() {
        return None;
    }
    let (d, f) = value.split_once('=')?;
    let ok = !d.is_empty()
        && !f.is_empty()
        && d.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
    ok.then_some((d, f))
}

/// `--domain DOMAIN=FILE`: the domain and its file, or a usage error naming `flag`.
pub fn domain_file<'a>(value: &'a str, flag: &str) -> Result<(&'a str, &'a str), UsageError> {
    split_domain(value).ok_or_else(|| {
        UsageError::new(
            format!("{flag}: '{value}' is not DOMAIN=FILE"),
            format!("{flag}: '{value}' không có dạng MIỀN=TỆP"),
        )
        .hint(format!("for example {flag} gov=gov-root.pem"), format!("ví dụ {flag} gov=gov-root.pem"))
    })
}

// ---------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------

/// A time given on the command line (`--at`, `--not-before`...): RFC 3339, or a plain date
/// `YYYY-MM-DD` meaning midnight UTC.
pub fn parse_time(value: &str, flag: &str) -> Result<OffsetDateTime, UsageError> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(t) = OffsetDateTime::parse(value, &Rfc3339) {
        return Ok(t);
    }
    let date_format = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(value, &date_format) {
        return Ok(d.midnight().assume_utc());
    }
    Err(UsageError::new(
        format!("{flag}: '{value}' is neither an RFC 3339 time nor a date YYYY-MM-DD"),
        format!("{flag}: '{value}' không phải thời điểm theo RFC 3339 hay ngày dạng YYYY-MM-DD"),
    )
    .hint(
        format!("for example {flag} 2026-01-01T07:00:00+07:00 or {flag} 2026-01-01 (midnight UTC)"),
        format!("ví dụ {flag} 2026-01-01T07:00:00+07:00 hoặc {flag} 2026-01-01 (0 giờ UTC)"),
    ))
}

/// `--at`: see [`parse_time`].
pub fn parse_at(value: &str) -> Result<OffsetDateTime, UsageError> {
    parse_time(value, "--at")
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

/// Read a private key file (PKCS#8, PKCS#1, SEC1; PEM or DER), asking for its passphrase only
/// when it is encrypted (three tries when asking on a terminal). With `warn_exposed` (the key
/// commands), warns when an unencrypted key file is readable by others.
pub fn load_key(path: &Path, pass: &PassArgs, lang: Lang, warn_exposed: bool) -> Result<SoftwareKey> {
    let data = Zeroizing::new(kyso::io::read_file(path)?);
    if !kyso::keys::is_encrypted(&data) {
        let key = kyso::keys::read_private_key(&data, None).map_err(|e| e.with_file(path))?;
        if warn_exposed {
            warn_if_exposed(path, lang);
        }
        return Ok(key);
    }
    let prompt = format!("{} {}: ", lang.t("Passphrase for", "Mật khẩu của"), path.display());
    let tries = if pass.given() { 1 } else { 3 };
    let mut attempt = 1;
    loop {
        let passphrase = pass.get(&prompt, false).with_context(|| path.display().to_string())?;
        match kyso::keys::read_private_key(&data, Some(passphrase.as_bytes())) {
            Err(e) if e.kind() == ErrorKind::Passphrase && attempt < tries => {
                eprintln!("kyso: {}", lang.t("wrong passphrase, try again", "sai mật khẩu, hãy thử lại"));
                attempt += 1;
            }
            other => return Ok(other.map_err(|e| e.with_file(path))?),
        }
    }
}

/// Warn (stderr) when an unencrypted private key file can be read by group or others.
fn warn_if_exposed(path: &Path, lang: Lang) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode();
            if mode & 0o077 != 0 {
                eprintln!(
                    "kyso: {}: {}: {} ({:o}); {}",
                    lang.t("warning", "cảnh báo"),
                    path.display(),
                    lang.t(
                        "unencrypted private key readable by others",
                        "khóa bí mật không mã hóa mà người khác đọc được"
                    ),
                    mode & 0o777,
                    lang.t("chmod 600 it or encrypt it", "hãy chmod 600 hoặc mã hóa nó")
                );
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (path, lang);
}

/// A signing key with its certificate and the chain to embed.
pub struct Identity {
    /// The key.
    pub key: SoftwareKey,
    /// Its certificate.
    pub cert: Certificate,
    /// The certificates to embed after it.
    pub chain: Vec<Certificate>,
}

/// The signer of `--key KEY --cert CERT` or `--p12 FILE`, plus `--chain FILE...` (cleared by
/// `no_chain`).
pub fn load_identity(
    key: Option<&Path>,
    cert: Option<&Path>,
    p12: Option<&Path>,
    extra_chain: &[PathBuf],
    no_chain: bool,
    pass: &PassArgs,
    lang: Lang,
) -> Result<Identity> {
    let (key, cert, mut chain) = if let Some(p12) = p12 {
        let data = Zeroizing::new(kyso::io::read_file(p12)?);
        let prompt =
            format!("{} {}: ", lang.t("PKCS#12 passphrase for", "Mật khẩu PKCS#12 của"), p12.display());
        let passphrase = pass.get(&prompt, false).with_context(|| p12.display().to_string())?;
        let bundle =
            kyso::keys::pkcs12::import(&data, passphrase.as_bytes()).map_err(|e| e.with_file(p12))?;
        (bundle.key, bundle.cert, bundle.chain)
    } else {
        let (Some(key_path), Some(cert_path)) = (key, cert) else {
            return Err(UsageError::new(
                "a signing key is needed: --key KEY --cert CERT, or --p12 FILE",
                "cần khoá để ký: --key KHOÁ --cert CHỨNG_THƯ, hoặc --p12 TỆP",
            )
            .into());
        };
        let mut certs = Certificate::load_all(cert_path)?;
        let cert = certs.remove(0);
        (load_key(key_path, pass, lang, false)?, cert, certs)
    };
    chain.extend(load_pool(extra_chain, lang)?);
    if no_chain {
        chain.clear();
    }
    Ok(Identity { key, cert, chain })
}

// ---------------------------------------------------------------------------------------------
// Path validation options
// ---------------------------------------------------------------------------------------------

/// The path-validation options of `chain verify`, `cross-validate` and `verify`: one definition,
/// turned into [`ValidationOptions`] by [`validation_options`].
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PathArgs {
    /// user-initial-policy-set: an acceptable policy OID (repeatable; default anyPolicy).
    #[arg(long, value_name = "OID", allow_hyphen_values = true)]
    pub policy: Vec<String>,
    /// initial-explicit-policy: require a valid policy on the path.
    #[arg(long)]
    pub explicit_policy: bool,
    /// initial-policy-mapping-inhibit.
    #[arg(long)]
    pub inhibit_policy_mapping: bool,
    /// initial-any-policy-inhibit.
    #[arg(long)]
    pub inhibit_any_policy: bool,
    /// Required extended key usage (name or OID; repeatable). Not required by default.
    #[arg(long, value_name = "OID|NAME", allow_hyphen_values = true)]
    pub eku: Vec<String>,
    /// Required key usage bit (RFC 5280 name, e.g. digitalSignature; repeatable).
    #[arg(long = "key-usage", value_name = "NAME", allow_hyphen_values = true)]
    pub key_usage: Vec<String>,
    /// Maximum number of certificates in a path, anchor included.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub max_depth: Option<String>,
    /// Accept SHA-1 and DSA signatures and RSA keys under 2048 bits (reported as legacy), under
    /// any profile.
    #[arg(long)]
    pub allow_legacy: bool,
    /// Validation profile: `document` (default: RFC 5280 path validation; the rules that bind
    /// the issuing CA, such as key identifiers and policyConstraints criticality, are warnings),
    /// `rfc5280-strict` (those rules enforced), `tls-server` (rfc5280-strict plus the
    /// CA/Browser Forum rules for TLS servers, serverAuth required; not for documents).
    #[arg(long, value_name = "document|rfc5280-strict|tls-server", allow_hyphen_values = true)]
    pub profile: Option<String>,
    /// The same as `--profile tls-server`.
    #[arg(long)]
    pub tls_server: bool,
    /// Use the trust anchor's name, key and name constraints only: do not check its validity,
    /// basicConstraints, keyUsage, extensions and key (RFC 5280 §6.1.1 (d) read literally).
    #[arg(long)]
    pub no_anchor_checks: bool,
}

/// The [`ValidationOptions`] of `p` (time and revocation are left at their defaults).
pub fn validation_options(p: &PathArgs) -> Result<ValidationOptions> {
    let mut o = ValidationOptions::default();
    let any = kyso::path::ANY_POLICY;
    let mut set = Vec::new();
    for policy in &p.policy {
        match eku_oid(policy) {
            // eku_oid accepts any dotted OID; names are not policies.
            Some(oid) if oid == *policy => set.push(oid),
            _ => {
                return Err(UsageError::new(
                    format!("--policy: '{policy}' is not a dotted OID"),
                    format!("--policy: '{policy}' không phải OID dạng số chấm"),
                )
                .into());
            }
        }
    }
    if set.iter().any(|p| p == any) {
        set.clear();
    }
    o.policy = PolicyInput::default()
        .with_initial_policy_set(set)
        .with_initial_explicit_policy(p.explicit_policy)
        .with_initial_policy_mapping_inhibit(p.inhibit_policy_mapping)
        .with_initial_any_policy_inhibit(p.inhibit_any_policy);
    for e in &p.eku {
        let oid = eku_oid(e).ok_or_else(|| {
            UsageError::new(
                format!("--eku: unknown extended key usage '{e}'"),
                format!("--eku: mục đích sử dụng khoá mở rộng không xác định '{e}'"),
            )
            .hint(
                "use a dotted OID or one of serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, documentSigning",
                "dùng OID dạng số chấm hoặc một trong serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, documentSigning",
            )
        })?;
        o.required_eku.push(oid);
    }
    for k in &p.key_usage {
        let bit = KeyUsageBit::from_name(k).ok_or_else(|| {
            UsageError::new(
                format!("--key-usage: unknown key usage '{k}'"),
                format!("--key-usage: mục đích sử dụng khoá không xác định '{k}'"),
            )
            .hint(
                "use an RFC 5280 name such as digitalSignature, nonRepudiation, keyEncipherment",
                "dùng tên theo RFC 5280, ví dụ digitalSignature, nonRepudiation, keyEncipherment",
            )
        })?;
        o.required_key_usage.push(bit);
    }
    if let Some(d) = &p.max_depth {
        o.max_depth = match d.parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return Err(UsageError::new(
                    format!("--max-depth: '{d}' is not a positive number"),
                    format!("--max-depth: '{d}' không phải số dương"),
                )
                .into());
            }
        };
    }
    o.allow_legacy = p.allow_legacy;
    o.profile = validation_profile(p)?;
    o.check_anchor_profile = !p.no_anchor_checks;
    Ok(o)
}

/// The validation profile of `--profile NAME` (`--tls-server` is `--profile tls-server`).
fn validation_profile(p: &PathArgs) -> Result<Profile> {
    let tls = "tls-server";
    let name = match (p.profile.as_deref(), p.tls_server) {
        (Some(n), true) if n != tls => {
            return Err(UsageError::new(
                format!("--tls-server means --profile {tls}, not --profile {n}"),
                format!("--tls-server nghĩa là --profile {tls}, không phải --profile {n}"),
            )
            .into());
        }
        (Some(n), _) => n,
        (None, true) => tls,
        (None, false) => return Ok(Profile::default()),
    };
    Profile::named(name).ok_or_else(|| {
        let names = Profile::NAMES.join(", ");
        UsageError::new(
            format!("--profile: unknown validation profile '{name}'"),
            format!("--profile: hồ sơ kiểm tra không xác định '{name}'"),
        )
        .hint(format!("use one of {names}"), format!("dùng một trong {names}"))
        .into()
    })
}

// ---------------------------------------------------------------------------------------------
// Online sources
// ---------------------------------------------------------------------------------------------

/// The online checking of `verify`, `chain verify` and `cross-validate`: on by default for the
/// certificates that name a URL (OCSP responder, CRL distribution point, caIssuers).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct OnlineArgs {
    /// No network at all: no OCSP, no CRL download, no issuer fetched over AIA (also
    /// KYSO_OFFLINE=1).
    #[arg(long, env = "KYSO_OFFLINE", value_parser = clap::builder::FalseyValueParser::new())]
    pub offline: bool,
    /// Online revocation sources, in the order asked: ocsp, crl (comma-separated; `none`:
    /// neither). A source is asked only while the status is not established.
    #[arg(long, value_name = "ocsp,crl", default_value = "ocsp,crl")]
    pub revocation_source: String,
    /// Seconds one network request may take.
    #[arg(long, value_name = "SECS", default_value = "5")]
    pub net_timeout: String,
    /// Seconds all the network requests of the command may take together.
    #[arg(long, value_name = "SECS", default_value = "30")]
    pub net_budget: String,
    /// OCSP: send a nonce and require it back (RFC 8954; many responders ignore nonces).
    #[arg(long)]
    pub ocsp_nonce: bool,
    /// OCSP: the CertID hash, sha1 (what most responders expect) or sha256.
    #[arg(long, value_name = "sha1|sha256", default_value = "sha1")]
    pub ocsp_hash: String,
}

/// The online sources of a command, shared by all its validations (and their caches).
#[derive(Clone, Default)]
pub struct Online {
    /// AIA caIssuers.
    pub issuer_sources: Vec<Arc<dyn IssuerSource>>,
    /// OCSP and CRL distribution points, in the order asked.
    pub revocation_sources: Vec<Arc<dyn RevocationSource>>,
}

impl Online {
    /// The issuer sources as the path validator takes them.
    pub fn issuers(&self) -> Vec<&dyn IssuerSource> {
        self.issuer_sources.iter().map(|s| s.as_ref()).collect()
    }
    /// The revocation sources as the path validator takes them.
    pub fn revocation(&self) -> Vec<&dyn RevocationSource> {
        self.revocation_sources.iter().map(|s| s.as_ref()).collect()
    }
}

fn seconds(value: &str, flag: &str) -> Result<std::time::Duration, UsageError> {
    match value.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 86_400.0 => Ok(std::time::Duration::from_secs_f64(s)),
        _ => Err(UsageError::new(
            format!("{flag}: '{value}' is not a number of seconds between 0 and 86400"),
            format!("{flag}: '{value}' không phải số giây trong khoảng 0 đến 86400"),
        )),
    }
}

/// The one construction of the online sources of `verify`, `chain verify` and
/// `cross-validate`: none with `--offline`; otherwise AIA caIssuers and the revocation sources
/// of `--revocation-source`, all drawing on one HTTP client (keep-alive connections, the
/// per-request time-out) and one network budget.
pub fn online_sources(a: &OnlineArgs) -> Result<Online> {
    use kyso::revocation::{CertIdHash, CrlFetcher, OcspSource, OcspSourceOptions};
    let timeout = seconds(&a.net_timeout, "--net-timeout")?;
    let budget = seconds(&a.net_budget, "--net-budget")?;
    let hash: CertIdHash = a.ocsp_hash.parse().map_err(|()| {
        UsageError::new(
            format!("--ocsp-hash: '{}' is neither sha1 nor sha256", a.ocsp_hash),
            format!("--ocsp-hash: '{}' không phải sha1 hay sha256", a.ocsp_hash),
        )
    })?;
    let mut kinds = Vec::new();
    for k in a.revocation_source.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        match k {
            "ocsp" | "crl" if !kinds.contains(&k) => kinds.push(k),
            "ocsp" | "crl" => {}
            "none" => kinds.clear(),
            other => {
                return Err(UsageError::new(
                    format!("--revocation-source: unknown source '{other}'"),
                    format!("--revocation-source: nguồn không xác định '{other}'"),
                )
                .hint(
                    "use ocsp, crl, ocsp,crl, crl,ocsp or none",
                    "dùng ocsp, crl, ocsp,crl, crl,ocsp hoặc none",
                )
                .into());
            }
        }
    }
    if a.offline {
        return Ok(Online::default());
    }
    let http = kyso::net::HttpClient::new(crate::net_args::http_options().with_timeout(timeout))?
        .with_budget(kyso::net::NetBudget::new(budget));
    let mut online = Online {
        issuer_sources: vec![Arc::new(kyso::trust::AiaIssuers::new(http.clone()))],
        revocation_sources: Vec::new(),
    };
    for k in kinds {
        online.revocation_sources.push(match k {
            "ocsp" => Arc::new(
                OcspSource::new(http.clone())
                    .with_options(OcspSourceOptions::default().with_hash(hash).with_nonce(a.ocsp_nonce)),
            ),
            _ => Arc::new(CrlFetcher::new(http.clone())),
        });
    }
    Ok(online)
}

// ---------------------------------------------------------------------------------------------
// Trust inputs
// ---------------------------------------------------------------------------------------------

/// Print the library's warnings (skipped pool members, ...) to stderr in `lang`.
pub fn print_warnings(ws: &[kyso::diag::Finding], lang: Lang) {
    for w in ws {
        eprintln!("kyso: {}: {}", lang.t("warning", "cảnh báo"), w.render(lang.into()));
    }
}

/// The certificates of a pool of candidates (`--untrusted`, `--chain`): files, bundles and
/// directories by the library's one rule (`kyso::trust::load_certificates`): a named file must
/// parse; a directory's unparseable members, or a directory with none, are warnings.
pub fn load_pool(paths: &[PathBuf], lang: Lang) -> Result<Vec<Certificate>> {
    let mut pool = Pool::new();
    for p in paths {
        pool.add_path(p)?;
    }
    print_warnings(pool.warnings(), lang);
    Ok(pool.certs().to_vec())
}

/// The CRLs of `--crl` files and directories, by the same rule (`kyso::trust::load_crls`).
pub fn load_crls(paths: &[PathBuf], lang: Lang) -> Result<Vec<Crl>> {
    let mut crls = Vec::new();
    for p in paths {
        let loaded = kyso::trust::load_crls(p)?;
        print_warnings(&loaded.warnings, lang);
        crls.extend(loaded.items.into_iter().map(|(c, _)| c));
    }
    Ok(crls)
}

/// The usage error of a validation without any trust anchor.
pub fn no_anchor_error() -> UsageError {
    UsageError::new("no trust anchor given", "chưa cung cấp điểm tin cậy").hint(
        "use --anchor ROOT.pem, --domain DOMAIN=ROOT.pem, or the built-in Vietnamese list (--trust vn)",
        "dùng --anchor ROOT.pem, --domain MIỀN=ROOT.pem, hoặc danh sách tin cậy tích hợp của Việt Nam (--trust vn)",
    )
}

/// `--trust vn|none|FILE` (repeatable) of `verify`, `timestamp verify`, `chain verify` and
/// `cross-validate`: add the trust lists it names to `store` (anchors) and `pool` (their
/// intermediates). The built-in Vietnamese list is used when `--trust vn` is given, or when
/// neither `--trust none` nor an explicit anchor (`explicit`: `--anchor`, `--domain`) is;
/// every other value is a trust list file of the user's own (JSON, `kyso.trust-list/1`).
pub fn apply_trust(
    values: &[String],
    explicit: bool,
    store: &mut TrustStore,
    pool: &mut Vec<Certificate>,
) -> Result<()> {
    let named = |v: &str| values.iter().any(|x| x == v);
    if named("vn") && named("none") {
        return Err(UsageError::new(
            "--trust vn and --trust none contradict each other",
            "--trust vn và --trust none mâu thuẫn nhau",
        )
        .into());
    }
    if named("vn") || (!named("none") && !explicit) {
        kyso::trust::vn::list().add_anchors_to(store);
        pool.extend(kyso::trust::vn::pool().iter().cloned());
    }
    for file in values.iter().filter(|v| *v != "vn" && *v != "none") {
        let list = kyso::trust::TrustList::load(file)?;
        list.add_anchors_to(store);
        pool.extend(list.intermediates());
    }
    Ok(())
}

/// Trust inputs shared by `verify` and `timestamp verify`.
#[derive(clap::Args, Debug, Clone)]
pub struct TrustArgs {
    /// Trust anchor certificate(s): a file, PEM bundle or directory (repeatable).
    #[arg(long, value_name = "FILE")]
    pub anchor: Vec<PathBuf>,
    /// A named trust domain and its anchors, DOMAIN=FILE (repeatable), e.g. gov=gov-root.pem.
    #[arg(long, value_name = "DOMAIN=FILE")]
    pub domain: Vec<String>,
    /// Trust list (repeatable): `vn` (the built-in Vietnamese list: public and gov roots and the
    /// known intermediates; used by default when no --anchor/--domain is given), `none` (not
    /// the built-in list), or a trust list file of your own (JSON, format kyso.trust-list/1:
    /// entries with file, domain, role anchor|intermediate, optional sha256 pin; see README).
    #[arg(long, value_name = "vn|none|FILE")]
    pub trust: Vec<String>,
    /// Untrusted intermediate and cross-certificates for path building (repeatable).
    #[arg(long, value_name = "FILE")]
    pub untrusted: Vec<PathBuf>,
    /// CRLs for revocation checking (repeatable).
    #[arg(long, value_name = "FILE")]
    pub crl: Vec<PathBuf>,
    /// Verification time, default now: RFC 3339 (2026-01-01T07:00:00+07:00) or a date
    /// (2026-01-01: midnight UTC).
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    /// Revocation checking: off, soft (unknown status is a warning), require.
    #[arg(long, value_name = "off|soft|require", default_value = "soft")]
    pub revocation: String,
    #[command(flatten)]
    pub path: PathArgs,
    #[command(flatten)]
    pub online: OnlineArgs,
}

/// The verification options of `t` (pool warnings go to stderr), with the online sources of
/// [`online_sources`].
pub fn verify_options(t: &TrustArgs, lang: Lang) -> Result<cms::VerifyOptions> {
    let mut store = TrustStore::new();
    for a in &t.anchor {
        store.add_path(a, "default")?;
    }
    for d in &t.domain {
        let (name, file) = domain_file(d, "--domain")?;
        store.add_path(file, name)?;
    }
    let mut untrusted = load_pool(&t.untrusted, lang)?;
    apply_trust(&t.trust, !store.is_empty(), &mut store, &mut untrusted)?;
    print_warnings(store.warnings(), lang);
    if store.is_empty() {
        return Err(no_anchor_error().into());
    }
    let online = online_sources(&t.online)?;
    Ok(cms::VerifyOptions::default()
        .with_store(store)
        .with_untrusted(untrusted)
        .with_crls(load_crls(&t.crl, lang)?)
        .with_at(t.at.as_deref().map(parse_at).transpose()?)
        .with_revocation(t.revocation.parse::<RevocationMode>()?)
        .with_validation(Some(validation_options(&t.path)?))
        .with_issuer_sources(online.issuer_sources)
        .with_revocation_sources(online.revocation_sources))
}

/// The TSA client of `--tsa URL`, `--tsa-timeout`/`--timeout` and `--tsa-ca-cert FILE...`. The
/// CA certificates are roots the TLS connection trusts: read as anchors (a directory without a
/// usable certificate is an error, like `--anchor`).
pub fn tsa_client(url: &str, timeout: u64, ca_certs: &[PathBuf], lang: Lang) -> Result<TsaClient> {
    let mut store = TrustStore::new();
    for f in ca_certs {
        store.add_path(f, "tls")?;
    }
    print_warnings(store.warnings(), lang);
    let roots = store.anchors().iter().map(|a| a.cert.der().to_vec()).collect();
    let http = kyso::net::HttpClient::new(
        crate::net_args::http_options()
            .with_timeout(std::time::Duration::from_secs(timeout.max(1)))
            .with_extra_roots(roots),
    )?;
    Ok(TsaClient::with_http_client(url, http)?)
}

// ---------------------------------------------------------------------------------------------
// Batch inputs
// ---------------------------------------------------------------------------------------------

/// Expand batch arguments: files, directories (their regular files, hidden files and the
/// extensions `skip_ext` skipped), `-` (a list of paths on stdin).
pub fn expand_inputs(args: &[PathBuf], skip_ext: &[&str]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for a in args {
        if a.as_os_str() == "-" {
            for line in std::io::stdin().lock().lines() {
                let line = line.map_err(|e| Error::io("-", e))?;
                let t = line.trim_end_matches('\r');
                if !t.is_empty() {
                    out.push(PathBuf::from(t));
                }
            }
        } else if a.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(a)
                .map_err(|e| Error::io(a, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| {
                    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
                    !skip_ext.contains(&ext)
                })
                .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(a.clone());
        }
    }
    Ok(out)
}

/// The worker threads of a batch: `RAYON_NUM_THREADS` when set, else the library's default.
pub fn batch_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(kyso::batch::default_threads)
}

/// A progress bar on stderr when it is a terminal (hidden otherwise).
pub fn progress(n: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        let pb = indicatif::ProgressBar::new(n as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} {msg}")
        {
            pb.set_style(style);
        }
        pb
    } else {
        indicatif::ProgressBar::hidden()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_domains() {
        assert_eq!(parse_at("2026-01-01").unwrap(), time::macros::datetime!(2026-01-01 0:00 UTC));
        assert_eq!(
            parse_at("2026-01-01T07:00:00+07:00").unwrap(),
            time::macros::datetime!(2026-01-01 0:00 UTC)
        );
        assert!(parse_at("yesterday").is_err());
        assert_eq!(domain_file("gov=root.pem", "--domain").unwrap(), ("gov", "root.pem"));
        assert!(domain_file("=root.pem", "--domain").is_err());
        assert!(domain_file("gov=", "--domain").is_err());
        assert!(split_domain("root.pem").is_none());
    }

    fn online(offline: bool, sources: &str, timeout: &str) -> OnlineArgs {
        OnlineArgs {
            offline,
            revocation_source: sources.into(),
            net_timeout: timeout.into(),
            net_budget: "30".into(),
            ocsp_nonce: false,
            ocsp_hash: "sha1".into(),
        }
    }

    #[test]
    fn online_sources_follow_the_flags() {
        let o = online_sources(&online(false, "ocsp,crl", "5")).unwrap();
        assert_eq!((o.issuer_sources.len(), o.revocation_sources.len()), (1, 2));
        assert!(o.revocation().iter().all(|s| s.is_network()));
        let o = online_sources(&online(false, "crl", "0.5")).unwrap();
        assert_eq!(o.revocation_sources.len(), 1);
        assert_eq!(online_sources(&online(false, "none", "5")).unwrap().revocation_sources.len(), 0);
        let o = online_sources(&online(true, "ocsp,crl", "5")).unwrap();
        assert!(o.issuer_sources.is_empty() && o.revocation_sources.is_empty());
        // Bad values are usage errors, offline or not.
        assert!(online_sources(&online(true, "ocsp,ldap", "5")).is_err());
        assert!(online_sources(&online(false, "ocsp", "0")).is_err());
        assert!(online_sources(&online(false, "ocsp", "soon")).is_err());
        let mut a = online(false, "ocsp", "5");
        a.ocsp_hash = "md5".into();
        assert!(online_sources(&a).is_err());
    }
}
