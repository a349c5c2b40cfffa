//! What a user can do about a problem, typed: the library never names a front end's flags.

// The catalog constants of this private module are reached through `Hint::code`.
#![allow(unreachable_pub)]

use super::{Code, Lang, Message};
use serde::Serialize;

/// A typed hint. [`Hint::render`] words it without naming any flag; a front end maps each
/// variant to its own controls (the `kyso` CLI names its options).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Hint {
    /// Supply the issuing CA certificate (an intermediate or cross-certificate).
    SupplyIssuer,
    /// Supply a trust anchor.
    SupplyAnchor,
    /// Allow replacing the existing output, or choose another.
    AllowOverwrite,
    /// Accept legacy algorithms (SHA-1, DSA, short RSA keys), reported as legacy.
    AllowLegacy,
    /// Supply the current CRL of the issuer.
    SupplyCrl,
    /// Accept an unknown revocation status as a warning.
    SoftRevocation,
    /// Check the validation time and the system clock.
    CheckTime,
    /// Validate at a time inside the validity period, or renew the certificate.
    TimeWithinValidity,
    /// Allow longer certification paths.
    RaiseMaxDepth,
    /// Check the timestamp server's address and that it is running.
    CheckTimestampServer,
    /// Give the signed data file with a detached signature.
    GiveDataFile,
    /// Pick a digest that fits the key, or let kyso choose.
    ChooseDigest,
    /// Fix the key or certificate; policy problems may be overridden explicitly.
    FixSigner,
    /// Use only the anchor's name and key, without checking its own certificate.
    AnchorNameAndKeyOnly,
    /// Re-export the PKCS#12 file with current (OpenSSL 3) defaults.
    ReexportPkcs12,
    /// Check the passphrase.
    CheckPassphrase,
    /// Use a SHA-2 digest.
    UseSha2,
    /// Give the private key that belongs to the CA certificate.
    GiveCaKey,
    /// Convert the key to PKCS#8.
    ConvertToPkcs8,
    /// Import the PKCS#12 file as a key and certificates.
    ImportPkcs12,
    /// Re-encrypt the key with PBES2 (AES-256, PBKDF2).
    ReencryptKey,
    /// Use a plain RSA key (rsaEncryption): kyso signs PSS with it.
    UsePlainRsaKey,
    /// Use a larger key (Circular 15/2025/TT-BKHCN: RSA at least 2048 bits, ECDSA at least 256).
    LargerKey,
    /// Choose a passphrase, or ask explicitly for an unencrypted key.
    ChoosePassphrase,
    /// Check the server's address, that it is running and reachable, or allow it more time.
    CheckServer,
    /// Trust the root certificate of the server's TLS certificate, or check the address.
    TrustServerCa,
    /// Check that the signer used this certificate's key and algorithm over the to-be-signed bytes.
    CheckSignerKey,
    /// Supply that self-signed root as a trust anchor of the domain, if it is to be trusted.
    RootAsAnchor,
    /// The rule binds the issuing CA, not path validation: the `document` validation profile
    /// reports it as a warning.
    IssuerRuleAsWarning,
}

catalog! {
    SUPPLY_ISSUER = ("hint-supply-issuer", Note, "", "supply the issuing CA certificate (intermediate or cross-certificate), or its root as a trust anchor", "cung cấp chứng thư của CA cấp (CA trung gian hoặc chứng thư chéo), hoặc chứng thư gốc của nó làm điểm tin cậy");
    ROOT_AS_ANCHOR = ("hint-root-as-anchor", Note, "", "if that root is to be trusted, supply it as a trust anchor of this trust domain, not as an intermediate", "nếu tin cậy chứng thư gốc đó, hãy cung cấp nó làm điểm tin cậy của miền tin cậy này, không phải làm chứng thư trung gian");
    SUPPLY_ANCHOR = ("hint-supply-anchor", Note, "", "supply at least one trust anchor", "cung cấp ít nhất một điểm tin cậy");
    ALLOW_OVERWRITE = ("hint-allow-overwrite", Note, "", "allow replacing the existing file, or choose another output", "cho phép ghi đè tệp đã có, hoặc chọn tệp kết quả khác");
    ALLOW_LEGACY = ("hint-allow-legacy", Note, "", "accept legacy algorithms explicitly (they are then reported as legacy)", "cho phép rõ ràng thuật toán cũ (khi đó sẽ được báo là thuật toán cũ)");
    SUPPLY_CRL = ("hint-supply-crl", Note, "", "supply the issuer's current CRL", "cung cấp CRL hiện hành của tổ chức cấp");
    SOFT_REVOCATION = ("hint-soft-revocation", Note, "", "accept an unknown revocation status as a warning", "chấp nhận trạng thái thu hồi không xác định như một cảnh báo");
    CHECK_TIME = ("hint-check-time", Note, "", "check the validation time and the system clock", "kiểm tra thời điểm kiểm tra và đồng hồ hệ thống");
    TIME_WITHIN_VALIDITY = ("hint-time-within-validity", Note, "", "validate at a time within the validity period, or renew the certificate", "kiểm tra tại một thời điểm trong thời hạn hiệu lực, hoặc gia hạn chứng thư");
    RAISE_MAX_DEPTH = ("hint-raise-max-depth", Note, "", "allow longer certification paths if this one is expected", "cho phép đường dẫn chứng thực dài hơn nếu đường dẫn này là đúng");
    CHECK_TIMESTAMP_SERVER = ("hint-check-timestamp-server", Note, "", "check the timestamp server's address and that it is running", "kiểm tra địa chỉ máy chủ dấu thời gian và máy chủ có đang chạy");
    GIVE_DATA_FILE = ("hint-give-data-file", Note, "", "give the signed data file together with the detached signature", "cung cấp tệp dữ liệu đã ký cùng với chữ ký tách rời");
    CHOOSE_DIGEST = ("hint-choose-digest", Note, "", "choose a digest that fits the key, or let kyso choose", "chọn hàm băm phù hợp với khoá, hoặc để kyso tự chọn");
    FIX_SIGNER = ("hint-fix-signer", Note, "", "fix the key or certificate; policy problems (validity, key usage) can be overridden explicitly", "sửa khoá hoặc chứng thư; các vấn đề chính sách (thời hạn, mục đích sử dụng khoá) có thể được bỏ qua một cách rõ ràng");
    ANCHOR_NAME_AND_KEY_ONLY = ("hint-anchor-name-and-key-only", Note, "", "replace the trust anchor, or use only its name and key", "thay điểm tin cậy, hoặc chỉ dùng tên và khoá của nó");
    REEXPORT_PKCS12 = ("hint-reexport-pkcs12", Note, "", "re-export the file with current OpenSSL 3 defaults", "xuất lại tệp với thiết lập mặc định của OpenSSL 3");
    CHECK_PASSPHRASE = ("hint-check-passphrase", Note, "", "check the passphrase", "kiểm tra lại mật khẩu");
    USE_SHA2 = ("hint-use-sha2", Note, "", "use SHA-256, SHA-384 or SHA-512", "dùng SHA-256, SHA-384 hoặc SHA-512");
    GIVE_CA_KEY = ("hint-give-ca-key", Note, "", "give the private key that belongs to the CA certificate", "cung cấp khoá bí mật tương ứng với chứng thư của CA");
    CONVERT_TO_PKCS8 = ("hint-convert-to-pkcs8", Note, "", "convert the key to PKCS#8 (ssh-keygen -p -m PKCS8, or openssl pkcs8 -topk8)", "chuyển khoá sang định dạng PKCS#8 (ssh-keygen -p -m PKCS8, hoặc openssl pkcs8 -topk8)");
    IMPORT_PKCS12 = ("hint-import-pkcs12", Note, "", "import the PKCS#12 file first, or use it as a PKCS#12 key source", "nhập tệp PKCS#12 trước, hoặc dùng nó làm nguồn khoá PKCS#12");
    REENCRYPT_KEY = ("hint-reencrypt-key", Note, "", "re-encrypt the key with PBES2 (openssl pkcs8 -topk8 -v2 aes256)", "mã hoá lại khoá bằng PBES2 (openssl pkcs8 -topk8 -v2 aes256)");
    USE_PLAIN_RSA_KEY = ("hint-use-plain-rsa-key", Note, "", "use a plain RSA key (rsaEncryption); kyso signs RSA-PSS with it", "dùng khoá RSA thông thường (rsaEncryption); kyso ký RSA-PSS bằng khoá đó");
    LARGER_KEY = ("hint-larger-key", Note, "", "use a larger key: Circular 15/2025/TT-BKHCN requires RSA of at least 2048 bits or ECDSA of at least 256 bits", "dùng khoá lớn hơn: Thông tư 15/2025/TT-BKHCN yêu cầu RSA tối thiểu 2048 bit hoặc ECDSA tối thiểu 256 bit");
    CHECK_SERVER = ("hint-check-server", Note, "", "check the server's address, that it is running and reachable, or allow it more time", "kiểm tra địa chỉ máy chủ, máy chủ có đang chạy và truy cập được, hoặc cho phép thời gian chờ dài hơn");
    TRUST_SERVER_CA = ("hint-trust-server-ca", Note, "", "trust the root certificate of the server's TLS certificate, or check the address", "tin cậy chứng thư gốc của chứng thư TLS của máy chủ, hoặc kiểm tra lại địa chỉ");
    CHECK_SIGNER_KEY = ("hint-check-signer-key", Note, "", "check that the signer used this certificate's key and algorithm over the to-be-signed bytes", "kiểm tra người ký đã dùng đúng khoá của chứng thư này và đúng thuật toán trên dữ liệu cần ký");
    ISSUER_RULE_AS_WARNING = ("hint-issuer-rule-as-warning", Note, "", "this rule binds the issuing CA, not path validation: the document validation profile reports it as a warning", "quy tắc này ràng buộc CA cấp chứng thư, không thuộc việc kiểm tra đường dẫn chứng thực: hồ sơ kiểm tra document chỉ báo nó là cảnh báo");
    CHOOSE_PASSPHRASE = ("hint-choose-passphrase", Note, "", "choose a passphrase, or ask explicitly for an unencrypted key", "đặt mật khẩu, hoặc yêu cầu rõ ràng khoá không mã hoá");
}

impl Hint {
    /// Every hint.
    pub const ALL_HINTS: &'static [Hint] = &[
        Hint::SupplyIssuer,
        Hint::SupplyAnchor,
        Hint::AllowOverwrite,
        Hint::AllowLegacy,
        Hint::SupplyCrl,
        Hint::SoftRevocation,
        Hint::CheckTime,
        Hint::TimeWithinValidity,
        Hint::RaiseMaxDepth,
        Hint::CheckTimestampServer,
        Hint::GiveDataFile,
        Hint::ChooseDigest,
        Hint::FixSigner,
        Hint::AnchorNameAndKeyOnly,
        Hint::ReexportPkcs12,
        Hint::CheckPassphrase,
        Hint::UseSha2,
        Hint::GiveCaKey,
        Hint::ConvertToPkcs8,
        Hint::ImportPkcs12,
        Hint::ReencryptKey,
        Hint::UsePlainRsaKey,
        Hint::LargerKey,
        Hint::ChoosePassphrase,
        Hint::CheckServer,
        Hint::TrustServerCa,
        Hint::CheckSignerKey,
        Hint::RootAsAnchor,
        Hint::IssuerRuleAsWarning,
    ];

    /// The catalog code of its words.
    pub fn code(self) -> Code {
        match self {
            Hint::SupplyIssuer => SUPPLY_ISSUER,
            Hint::SupplyAnchor => SUPPLY_ANCHOR,
            Hint::AllowOverwrite => ALLOW_OVERWRITE,
            Hint::AllowLegacy => ALLOW_LEGACY,
            Hint::SupplyCrl => SUPPLY_CRL,
            Hint::SoftRevocation => SOFT_REVOCATION,
            Hint::CheckTime => CHECK_TIME,
            Hint::TimeWithinValidity => TIME_WITHIN_VALIDITY,
            Hint::RaiseMaxDepth => RAISE_MAX_DEPTH,
            Hint::CheckTimestampServer => CHECK_TIMESTAMP_SERVER,
            Hint::GiveDataFile => GIVE_DATA_FILE,
            Hint::ChooseDigest => CHOOSE_DIGEST,
            Hint::FixSigner => FIX_SIGNER,
            Hint::AnchorNameAndKeyOnly => ANCHOR_NAME_AND_KEY_ONLY,
            Hint::ReexportPkcs12 => REEXPORT_PKCS12,
            Hint::CheckPassphrase => CHECK_PASSPHRASE,
            Hint::UseSha2 => USE_SHA2,
            Hint::GiveCaKey => GIVE_CA_KEY,
            Hint::ConvertToPkcs8 => CONVERT_TO_PKCS8,
            Hint::ImportPkcs12 => IMPORT_PKCS12,
            Hint::ReencryptKey => REENCRYPT_KEY,
            Hint::UsePlainRsaKey => USE_PLAIN_RSA_KEY,
            Hint::LargerKey => LARGER_KEY,
            Hint::ChoosePassphrase => CHOOSE_PASSPHRASE,
            Hint::CheckServer => CHECK_SERVER,
            Hint::TrustServerCa => TRUST_SERVER_CA,
            Hint::CheckSignerKey => CHECK_SIGNER_KEY,
            Hint::RootAsAnchor => ROOT_AS_ANCHOR,
            Hint::IssuerRuleAsWarning => ISSUER_RULE_AS_WARNING,
        }
    }

    /// The hint in words (no flag named).
    pub fn render(self, lang: Lang) -> String {
        Message::new(self.code()).render(lang)
    }
}
