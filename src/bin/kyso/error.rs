//! Error reporting and exit statuses: 0 success, 1 signature or certificate invalid, 2 usage or
//! input error. Library errors are rendered from their typed messages in the user's language,
//! and their typed hints are mapped to this CLI's flags here.

use crate::lang::Lang;
use kyso::ErrorKind;
use kyso::diag::Hint;
use std::fmt;
use std::process::ExitCode;

/// Exit status for "signature or certificate invalid".
pub const EXIT_INVALID: u8 = 1;
/// Exit status for usage and input errors.
pub const EXIT_INPUT: u8 = 2;

/// A problem with the command line itself, worded by the CLI in both languages.
#[derive(Debug)]
pub struct UsageError {
    en: String,
    vi: String,
    hint: Option<(String, String)>,
}

impl UsageError {
    /// A usage error in English and Vietnamese.
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Self {
        UsageError { en: en.into(), vi: vi.into(), hint: None }
    }
    /// With a hint in English and Vietnamese.
    pub fn hint(mut self, en: impl Into<String>, vi: impl Into<String>) -> Self {
        self.hint = Some((en.into(), vi.into()));
        self
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for UsageError {}

/// A library hint in this CLI's words: which flag to use.
pub fn hint_text(hint: Hint, lang: Lang) -> String {
    let t = |en: &str, vi: &str| lang.t(en, vi).to_string();
    match hint {
        Hint::SupplyIssuer => t(
            "add the issuing CA with --untrusted, or its root with --anchor",
            "thêm CA cấp bằng --untrusted, hoặc chứng thư gốc của nó bằng --anchor",
        ),
        Hint::RootAsAnchor => t(
            "if you trust this root, give it with --anchor (or --domain NAME=ROOT.pem), not --untrusted",
            "nếu tin cậy chứng thư gốc này, hãy cung cấp nó bằng --anchor (hoặc --domain TÊN=ROOT.pem), không phải --untrusted",
        ),
        Hint::SupplyAnchor => t(
            "give at least one --anchor ROOT.pem or --domain NAME=ROOT.pem",
            "cung cấp ít nhất một --anchor ROOT.pem hoặc --domain TÊN=ROOT.pem",
        ),
        Hint::AllowOverwrite => t(
            "use --force to replace it, or choose another output",
            "dùng --force để ghi đè, hoặc chọn tệp kết quả khác",
        ),
        Hint::AllowLegacy => t(
            "use --allow-legacy to accept it (it is then reported as legacy)",
            "dùng --allow-legacy để chấp nhận (khi đó sẽ được báo là thuật toán cũ)",
        ),
        Hint::SupplyCrl => t(
            "supply the current CRL with --crl, or use --revocation soft",
            "cung cấp CRL hiện hành bằng --crl, hoặc dùng --revocation soft",
        ),
        Hint::CheckTime => t(
            "check the validation time (--at) and the system clock",
            "kiểm tra thời điểm kiểm tra (--at) và đồng hồ hệ thống",
        ),
        Hint::TimeWithinValidity => t(
            "validate at a time within the validity period with --at, or renew the certificate",
            "kiểm tra tại thời điểm trong thời hạn hiệu lực bằng --at, hoặc gia hạn chứng thư",
        ),
        Hint::RaiseMaxDepth => {
            t("raise --max-depth if this path is expected", "tăng --max-depth nếu đường dẫn này là đúng")
        }
        Hint::CheckTimestampServer => t(
            "check the --tsa URL and that the timestamp server is running",
            "kiểm tra địa chỉ --tsa và máy chủ dấu thời gian có đang chạy",
        ),
        Hint::GiveDataFile => t(
            "give the data file: kyso verify DATA --sig DATA.p7s",
            "cung cấp tệp dữ liệu: kyso verify DỮ_LIỆU --sig DỮ_LIỆU.p7s",
        ),
        Hint::ChooseDigest => t(
            "omit --digest (kyso picks the key's own), or give one that fits the key",
            "bỏ --digest (kyso tự chọn theo khoá), hoặc chọn hàm băm phù hợp với khoá",
        ),
        Hint::FixSigner => t(
            "fix the key or certificate, or use --force to sign anyway (expiry, key usage only)",
            "sửa khoá hoặc chứng thư, hoặc dùng --force để vẫn ký (chỉ với thời hạn, mục đích sử dụng khoá)",
        ),
        Hint::AnchorNameAndKeyOnly => t(
            "replace the trust anchor, or use only its name and key with --no-anchor-checks",
            "thay điểm tin cậy, hoặc chỉ dùng tên và khoá của nó với --no-anchor-checks",
        ),
        Hint::IssuerRuleAsWarning => t(
            "this rule binds the issuing CA: --profile document (the default) reports it as a warning",
            "quy tắc này ràng buộc CA cấp chứng thư: --profile document (mặc định) chỉ báo nó là cảnh báo",
        ),
        Hint::ChoosePassphrase => t(
            "choose a passphrase, or pass --no-encrypt to write the key unencrypted",
            "đặt mật khẩu, hoặc dùng --no-encrypt để ghi khoá không mã hoá",
        ),
        Hint::ImportPkcs12 => t(
            "import it with kyso key p12-import, or sign with --p12",
            "nhập bằng kyso key p12-import, hoặc ký với --p12",
        ),
        other => other.render(lang.into()),
    }
}

/// Print `err` (one line, then a hint line when there is one) and return its exit status.
pub fn report(err: &anyhow::Error, lang: Lang) -> ExitCode {
    let label = lang.t("error", "lỗi");
    let mut kind = None;
    let mut hint = None;
    let mut parts = Vec::new();
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<kyso::Error>() {
            kind = Some(e.kind());
            hint = e.hint().map(|h| hint_text(h, lang));
            parts.push(e.render(lang.into()));
            // Its message already says what its source (an io::Error, ...) would repeat.
            break;
        }
        if let Some(u) = cause.downcast_ref::<UsageError>() {
            kind = Some(ErrorKind::Usage);
            hint = u.hint.as_ref().map(|(en, vi)| lang.t(en, vi).to_string());
            parts.push(lang.t(&u.en, &u.vi).to_string());
            break;
        }
        parts.push(cause.to_string());
    }
    eprintln!("kyso: {label}: {}", parts.join(": "));
    if let Some(h) = hint {
        eprintln!("kyso: {}: {h}", lang.t("hint", "gợi ý"));
    }
    match kind {
        Some(ErrorKind::Invalid) => ExitCode::from(EXIT_INVALID),
        _ => ExitCode::from(EXIT_INPUT),
    }
}
