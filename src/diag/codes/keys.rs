//! Private and public keys: reading (PKCS#8, PKCS#1, SEC1, PEM, PKCS#12), protecting with a
//! passphrase, generating and signing.

catalog! {
    // Encoding and generation (internal failures).
    KEY_PUBLIC_ENCODING_FAILED = ("key-public-encoding-failed", Error, "", "encoding public key: {detail}", "lỗi mã hoá khoá công khai: {detail}");
    KEY_CURVE_ENCODING_FAILED = ("key-curve-encoding-failed", Error, "", "encoding curve OID: {detail}", "lỗi mã hoá OID của đường cong elliptic: {detail}");
    KEY_ENCODING_FAILED = ("key-encoding-failed", Error, "", "encoding {algorithm} key: {detail}", "lỗi mã hoá khoá {algorithm}: {detail}");
    KEY_GENERATION_FAILED = ("key-generation-failed", Error, "", "{algorithm} key generation failed: {detail}", "tạo khoá {algorithm} thất bại: {detail}");
    KEY_ENCRYPTION_FAILED = ("key-encryption-failed", Error, "", "encrypting the key: {detail}", "lỗi khi mã hoá khoá: {detail}");
    KEY_RNG_FAILED = ("key-rng-failed", Error, "", "the system random number generator failed", "bộ sinh số ngẫu nhiên của hệ thống bị lỗi");
    KEY_CIPHER_SETUP_FAILED = ("key-cipher-setup-failed", Error, "", "cipher key setup failed", "thiết lập khoá cho thuật toán mã hoá thất bại");

    // Public keys.
    KEY_SPKI_MALFORMED = ("key-spki-malformed", Error, "RFC 5280 §4.1.2.7", "not a valid public key (SubjectPublicKeyInfo): {detail}", "không phải khoá công khai hợp lệ (SubjectPublicKeyInfo): {detail}");
    KEY_PUBLIC_UNUSED_BITS = ("key-public-unused-bits", Error, "RFC 5280 §4.1.2.7", "malformed public key: unused bits in the key BIT STRING", "khoá công khai sai định dạng: có bit thừa trong BIT STRING của khoá");
    KEY_RSA_PUBLIC_MALFORMED = ("key-rsa-public-malformed", Error, "RFC 8017 Appendix A.1.1", "malformed RSA public key: {detail}", "khoá công khai RSA sai định dạng: {detail}");
    KEY_EC_NO_NAMED_CURVE = ("key-ec-no-named-curve", Error, "RFC 5480 §2.1.1", "EC public key without a named curve", "khoá công khai EC không có tên đường cong");
    KEY_EC_POINT_INVALID = ("key-ec-point-invalid", Error, "", "invalid {curve} public key point", "điểm khoá công khai {curve} không hợp lệ");
    KEY_CURVE_UNSUPPORTED = ("key-curve-unsupported", Error, "", "unsupported elliptic curve {curve} (kyso supports P-256 and P-384)", "không hỗ trợ đường cong elliptic {curve} (kyso hỗ trợ P-256 và P-384)");
    KEY_ED25519_PUBLIC_MALFORMED = ("key-ed25519-public-malformed", Error, "RFC 8410 §4", "malformed Ed25519 public key", "khoá công khai Ed25519 sai định dạng");
    KEY_PUBLIC_ALGORITHM_UNSUPPORTED = ("key-public-algorithm-unsupported", Error, "", "unsupported public key algorithm {algorithm}", "không hỗ trợ thuật toán khoá công khai {algorithm}");
    KEY_TYPE_UNKNOWN = ("key-type-unknown", Error, "", "unknown key type {value} (use rsa2048, rsa3072, rsa4096, p256, p384 or ed25519)", "loại khoá {value} không xác định (dùng rsa2048, rsa3072, rsa4096, p256, p384 hoặc ed25519)");

    // Passphrase-protected keys.
    KEY_WRONG_PASSPHRASE = ("key-wrong-passphrase", Error, "", "wrong passphrase or corrupted key", "sai mật khẩu hoặc khoá bị hỏng");
    KEY_PASSPHRASE_NEEDED = ("key-passphrase-needed", Error, "", "encrypted key: a passphrase is needed", "khoá đã được mã hoá: cần mật khẩu");
    KEY_NEW_PASSPHRASE_EMPTY = ("key-new-passphrase-empty", Error, "", "the new passphrase is empty", "mật khẩu mới để trống");
    KEY_PBKDF2_ITERATIONS_TOO_HIGH = ("key-pbkdf2-iterations-too-high", Error, "RFC 8018 §5.2", "PBKDF2 iteration count {count} is above kyso's limit of {limit}", "số vòng lặp PBKDF2 {count} vượt quá giới hạn {limit} của kyso");
    KEY_PBKDF2_ITERATIONS_TOO_LOW = ("key-pbkdf2-iterations-too-low", Error, "RFC 8018 §5.2", "PBKDF2 iteration count {count} is below the minimum of {minimum}", "số vòng lặp PBKDF2 {count} thấp hơn mức tối thiểu {minimum}");
    KEY_SCRYPT_TOO_COSTLY = ("key-scrypt-too-costly", Error, "RFC 7914 §2", "scrypt parameters (N={n}, r={r}, p={p}) are above kyso's limits ({memory} MiB, p <= 16)", "tham số scrypt (N={n}, r={r}, p={p}) vượt quá giới hạn của kyso ({memory} MiB, p <= 16)");
    KEY_SCRYPT_WORK_TOO_HIGH = ("key-scrypt-work-too-high", Error, "RFC 7914 §2", "scrypt parameters (N={n}, r={r}, p={p}) ask for {work} units of work (N·r·p); kyso refuses more than {limit}", "tham số scrypt (N={n}, r={r}, p={p}) đòi {work} đơn vị công việc (N·r·p); kyso từ chối khi vượt quá {limit}");
    KEY_KDF_UNSUPPORTED = ("key-kdf-unsupported", Error, "RFC 8018 §6.2", "unsupported key derivation function", "không hỗ trợ hàm dẫn xuất khoá này");
    KEY_ENCRYPTED_MALFORMED = ("key-encrypted-malformed", Error, "RFC 5208 §6", "malformed encrypted private key: {detail}", "khoá bí mật đã mã hoá sai định dạng: {detail}");
    KEY_ENCRYPTION_SCHEME_UNSUPPORTED = ("key-encryption-scheme-unsupported", Error, "", "unsupported key encryption scheme {scheme}", "không hỗ trợ lược đồ mã hoá khoá {scheme}");
    KEY_PBES1_UNSUPPORTED = ("key-pbes1-unsupported", Error, "RFC 8018 §6.1", "PBES1 key encryption (DES or RC2 with MD5 or SHA-1) is not supported", "không hỗ trợ mã hoá khoá PBES1 (DES hoặc RC2 với MD5 hoặc SHA-1)");
    KEY_ENCRYPTION_ALGORITHM_UNSUPPORTED = ("key-encryption-algorithm-unsupported", Error, "", "unsupported key encryption algorithm {algorithm}", "không hỗ trợ thuật toán mã hoá khoá {algorithm}");
    KEY_ENCRYPTION_PARAMS_MALFORMED = ("key-encryption-params-malformed", Error, "RFC 8018 Appendix A", "malformed key encryption parameters for {algorithm}", "tham số mã hoá khoá của {algorithm} sai định dạng");
    KEY_PEM_NO_DEK_INFO = ("key-pem-no-dek-info", Error, "RFC 1421 §4.6.1.3", "malformed encrypted PEM key: no DEK-Info header", "khoá PEM đã mã hoá sai định dạng: không có trường DEK-Info");
    KEY_DEK_INFO_MALFORMED = ("key-dek-info-malformed", Error, "RFC 1421 §4.6.1.3", "malformed DEK-Info header", "trường DEK-Info sai định dạng");
    KEY_DEK_INFO_BAD_IV = ("key-dek-info-bad-iv", Error, "RFC 1421 §4.6.1.3", "malformed DEK-Info header (IV)", "trường DEK-Info sai định dạng (IV)");
    KEY_DEK_INFO_IV_LENGTH = ("key-dek-info-iv-length", Error, "RFC 1421 §4.6.1.3", "malformed DEK-Info header (IV length)", "trường DEK-Info sai định dạng (độ dài IV)");
    KEY_LEGACY_PEM_CIPHER_UNSUPPORTED = ("key-legacy-pem-cipher-unsupported", Error, "", "unsupported legacy PEM encryption {cipher}", "không hỗ trợ kiểu mã hoá PEM cũ {cipher}");

    // What a key file holds.
    KEY_FILE_IS_CERTIFICATE = ("key-file-is-certificate", Error, "", "this file holds a certificate, not a private key", "tệp này chứa chứng thư số, không phải khoá bí mật");
    KEY_FILE_IS_PUBLIC_KEY = ("key-file-is-public-key", Error, "", "this file holds a public key, not a private key", "tệp này chứa khoá công khai, không phải khoá bí mật");
    KEY_FILE_IS_CSR = ("key-file-is-csr", Error, "", "this file holds a certificate signing request (CSR), not a private key", "tệp này chứa yêu cầu cấp chứng thư số (CSR), không phải khoá bí mật");
    KEY_FILE_IS_CRL = ("key-file-is-crl", Error, "", "this file holds a certificate revocation list (CRL), not a private key", "tệp này chứa CRL (danh sách chứng thư bị thu hồi), không phải khoá bí mật");
    KEY_FILE_IS_CMS = ("key-file-is-cms", Error, "", "this file holds a CMS/PKCS#7 structure, not a private key", "tệp này chứa cấu trúc CMS/PKCS#7, không phải khoá bí mật");
    KEY_FILE_IS_PKCS12 = ("key-file-is-pkcs12", Error, "", "this file is a PKCS#12 (.p12/.pfx) bundle, not a bare private key", "tệp này là gói PKCS#12 (.p12/.pfx), không phải khoá bí mật đơn lẻ");
    KEY_OPENSSH_UNSUPPORTED = ("key-openssh-unsupported", Error, "", "OpenSSH private key format is not supported", "không hỗ trợ định dạng khoá bí mật OpenSSH");
    KEY_DSA_UNSUPPORTED = ("key-dsa-unsupported", Error, "Circular 15/2025/TT-BKHCN", "DSA keys are not supported", "không hỗ trợ khoá DSA");
    KEY_MANY_KEYS = ("key-many-keys", Error, "", "more than one private key in the file", "tệp chứa nhiều hơn một khoá bí mật");
    KEY_NOT_FOUND = ("key-not-found", Error, "", "no private key found (PEM block(s): {labels})", "không tìm thấy khoá bí mật (các khối PEM: {labels})");
    KEY_NOT_FOUND_NO_BLOCK = ("key-not-found-no-block", Error, "", "no private key found (PEM block(s): none)", "không tìm thấy khoá bí mật (không có khối PEM nào)");
    KEY_NO_PUBLIC_KEY = ("key-no-public-key", Error, "RFC 7468 §13", "no public key or certificate found (PEM block(s): {labels})", "không tìm thấy khoá công khai hay chứng thư số (các khối PEM: {labels})");
    KEY_PRIVATE_WHERE_PUBLIC = ("key-private-where-public", Error, "", "this is a private key: give its public key or its certificate", "đây là khoá bí mật: hãy cung cấp khoá công khai hoặc chứng thư số của nó");
    KEY_PUBLIC_MALFORMED = ("key-public-malformed", Error, "RFC 5280 §4.1.2.7", "not a public key (SubjectPublicKeyInfo): {detail}", "không phải khoá công khai (SubjectPublicKeyInfo): {detail}");
    KEY_UNRECOGNISED_DER = ("key-unrecognised-der", Error, "", "not a private key (unrecognised DER structure)", "không phải khoá bí mật (cấu trúc DER không nhận dạng được)");

    // Private keys.
    KEY_PKCS8_MALFORMED = ("key-pkcs8-malformed", Error, "RFC 5208 §5", "not a valid PKCS#8 private key: {detail}", "không phải khoá bí mật PKCS#8 hợp lệ: {detail}");
    KEY_ALGORITHM_UNSUPPORTED = ("key-algorithm-unsupported", Error, "", "unsupported key algorithm {algorithm}", "không hỗ trợ thuật toán khoá {algorithm}");
    KEY_EC_EXPLICIT_CURVE = ("key-ec-explicit-curve", Error, "RFC 5480 §2.1.1", "EC key with explicit curve parameters (only named curves are supported)", "khoá EC có tham số đường cong tường minh (chỉ hỗ trợ đường cong có tên)");
    KEY_RSA_PSS_UNSUPPORTED = ("key-rsa-pss-unsupported", Error, "", "RSA-PSS-restricted keys (id-RSASSA-PSS) are not supported", "không hỗ trợ khoá RSA bị giới hạn cho RSA-PSS (id-RSASSA-PSS)");
    KEY_RSA_SIZE_NOT_GENERATED = ("key-rsa-size-not-generated", Error, "", "RSA key size {bits} is not supported for generation (use 2048, 3072 or 4096)", "không hỗ trợ tạo khoá RSA {bits} bit (dùng 2048, 3072 hoặc 4096)");
    KEY_RSA_TOO_SMALL = ("key-rsa-too-small", Error, "Circular 15/2025/TT-BKHCN", "RSA keys smaller than 2048 bits are not supported", "không hỗ trợ khoá RSA nhỏ hơn 2048 bit");
    KEY_RSA_TOO_LARGE = ("key-rsa-too-large", Error, "", "RSA keys larger than 8192 bits are not supported", "không hỗ trợ khoá RSA lớn hơn 8192 bit");
    KEY_RSA_SIZE_NOT_MULTIPLE = ("key-rsa-size-not-multiple", Error, "", "RSA keys whose size is not a multiple of 512 bits are not supported", "không hỗ trợ khoá RSA có độ dài không phải bội số của 512 bit");
    KEY_RSA_MULTI_PRIME = ("key-rsa-multi-prime", Error, "RFC 8017 Appendix A.1.2", "multi-prime RSA keys are not supported", "không hỗ trợ khoá RSA đa thừa số nguyên tố (multi-prime)");
    KEY_RSA_PRIVATE_INVALID = ("key-rsa-private-invalid", Error, "RFC 8017 Appendix A.1.2", "not a valid RSA private key ({detail})", "không phải khoá bí mật RSA hợp lệ ({detail})");
    KEY_REJECTED_ENCODING = ("key-rejected-encoding", Error, "", "the key's encoding is malformed", "mã hoá của khoá sai định dạng");
    KEY_REJECTED_INCONSISTENT = ("key-rejected-inconsistent", Error, "", "the key's components do not match each other", "các thành phần của khoá không khớp nhau");
    KEY_REJECTED_WRONG_ALGORITHM = ("key-rejected-wrong-algorithm", Error, "", "the key is for another algorithm", "khoá thuộc về thuật toán khác");
    KEY_REJECTED_OTHER = ("key-rejected-other", Error, "", "the cryptographic library rejected the key", "thư viện mật mã từ chối khoá này");
    KEY_EC_PRIVATE_MALFORMED = ("key-ec-private-malformed", Error, "RFC 5915 §3", "not a valid EC private key: {detail}", "không phải khoá bí mật EC hợp lệ: {detail}");
    KEY_EC_TWO_CURVES = ("key-ec-two-curves", Error, "RFC 5915 §3", "malformed EC private key: two different curves are named", "khoá bí mật EC sai định dạng: có hai tên đường cong khác nhau");
    KEY_EC_CURVE_NOT_NAMED = ("key-ec-curve-not-named", Error, "RFC 5915 §3", "malformed EC private key: the curve is not named", "khoá bí mật EC sai định dạng: không có tên đường cong");
    KEY_EC_PUBLIC_MISMATCH = ("key-ec-public-mismatch", Error, "RFC 5915 §3", "corrupted EC private key: the public key does not match the private key", "khoá bí mật EC bị hỏng: khoá công khai không khớp với khoá bí mật");
    KEY_EC_SCALAR_INVALID = ("key-ec-scalar-invalid", Error, "", "invalid {curve} private key value", "giá trị khoá bí mật {curve} không hợp lệ");
    KEY_EC_PRIVATE_INVALID = ("key-ec-private-invalid", Error, "", "invalid EC private key ({detail})", "khoá bí mật EC không hợp lệ ({detail})");
    KEY_ED25519_PRIVATE_MALFORMED = ("key-ed25519-private-malformed", Error, "RFC 8410 §7", "malformed Ed25519 private key: {detail}", "khoá bí mật Ed25519 sai định dạng: {detail}");
    KEY_ED25519_SEED_LENGTH = ("key-ed25519-seed-length", Error, "RFC 8410 §7", "malformed Ed25519 private key: {length} bytes instead of 32", "khoá bí mật Ed25519 sai định dạng: {length} byte thay vì 32");
    KEY_ED25519_PRIVATE_INVALID = ("key-ed25519-private-invalid", Error, "", "invalid Ed25519 private key ({detail})", "khoá bí mật Ed25519 không hợp lệ ({detail})");
    KEY_ED25519_PUBLIC_MISMATCH = ("key-ed25519-public-mismatch", Error, "RFC 8410 §7", "corrupted Ed25519 private key: the public key does not match the private key", "khoá bí mật Ed25519 bị hỏng: khoá công khai không khớp với khoá bí mật");
    KEY_CERT_MISMATCH = ("key-cert-mismatch", Error, "", "the certificate does not belong to this private key (public keys differ)", "chứng thư số không thuộc về khoá bí mật này (khoá công khai khác nhau)");
    KEY_CANNOT_SIGN = ("key-cannot-sign", Error, "", "a {key} key cannot make {algorithm} signatures", "khoá {key} không thể tạo chữ ký {algorithm}");
    KEY_SIGNING_FAILED = ("key-signing-failed", Error, "", "{algorithm} signing failed", "ký {algorithm} thất bại");

    // PEM.
    PEM_MALFORMED = ("pem-malformed", Error, "RFC 7468 §2", "malformed PEM: {detail}", "PEM sai định dạng: {detail}");
    PEM_LABEL_NOT_TEXT = ("pem-label-not-text", Error, "RFC 7468 §2", "malformed PEM: non-text label", "PEM sai định dạng: nhãn không phải văn bản");
    PEM_WRONG_END = ("pem-wrong-end", Error, "RFC 7468 §2", "malformed PEM: the {label} block ends with a wrong line (truncated?)", "PEM sai định dạng: khối {label} kết thúc bằng một dòng sai (tệp bị cắt cụt?)");
    PEM_NO_END = ("pem-no-end", Error, "RFC 7468 §2", "malformed PEM: a BEGIN line has no matching END line (truncated?)", "PEM sai định dạng: dòng BEGIN không có dòng END tương ứng (tệp bị cắt cụt?)");
    PEM_BAD_BASE64 = ("pem-bad-base64", Error, "RFC 7468 §2", "malformed PEM: bad base64 in the {label} block: {detail}", "PEM sai định dạng: base64 sai trong khối {label}: {detail}");
    PEM_STREAM_BAD_BASE64 = ("pem-stream-bad-base64", Error, "RFC 7468 §2", "malformed PEM: bad base64 in the {label} block after {offset} decoded bytes", "PEM sai định dạng: base64 sai trong khối {label} sau {offset} byte đã giải mã");
    PEM_NO_BLOCK = ("pem-no-block", Error, "RFC 7468 §2", "malformed PEM: no complete BEGIN/END block (truncated?)", "PEM sai định dạng: không có khối BEGIN/END hoàn chỉnh (tệp bị cắt cụt?)");

    // PKCS#12.
    PKCS12_MALFORMED = ("pkcs12-malformed", Error, "RFC 7292 §4", "malformed PKCS#12 file: {detail}", "tệp PKCS#12 sai định dạng: {detail}");
    PKCS12_TOO_DEEP = ("pkcs12-too-deep", Error, "RFC 7292 §4.2", "malformed PKCS#12 file: safe contents nested too deeply", "tệp PKCS#12 sai định dạng: SafeContents lồng nhau quá sâu");
    PKCS12_BAD_IV_LENGTH = ("pkcs12-bad-iv-length", Error, "RFC 7292 Appendix B.2", "malformed PKCS#12 file: the IV has the wrong length", "tệp PKCS#12 sai định dạng: IV có độ dài sai");
    PKCS12_ENCRYPTED_DATA_MISSING = ("pkcs12-encrypted-data-missing", Error, "RFC 5652 §8", "malformed PKCS#12 file: EncryptedData without its {part}", "tệp PKCS#12 sai định dạng: EncryptedData thiếu {part}");
    PKCS12_ENCRYPTED_CONTENT_FORM = ("pkcs12-encrypted-content-form", Error, "RFC 5652 §8", "malformed PKCS#12 file: encryptedContent is not an [0] IMPLICIT OCTET STRING", "tệp PKCS#12 sai định dạng: encryptedContent không phải [0] IMPLICIT OCTET STRING");
    PKCS12_PBE_NO_PARAMS = ("pkcs12-pbe-no-params", Error, "RFC 7292 Appendix C", "malformed PKCS#12 file: {cipher} PBE without parameters", "tệp PKCS#12 sai định dạng: PBE {cipher} không có tham số");
    PKCS12_IN_CERTIFICATE = ("pkcs12-in-certificate", Error, "RFC 7292 §4.2.3", "malformed PKCS#12 file: certificate", "tệp PKCS#12 sai định dạng: chứng thư số");
    PKCS12_UNEXPECTED_AUTHSAFE_TYPE = ("pkcs12-unexpected-authsafe-type", Error, "RFC 7292 §4", "malformed PKCS#12 file: unexpected authSafe content type {oid}", "tệp PKCS#12 sai định dạng: kiểu nội dung authSafe {oid} không mong đợi");
    PKCS12_UNEXPECTED_CONTENT_TYPE = ("pkcs12-unexpected-content-type", Error, "RFC 7292 §4.1", "malformed PKCS#12 file: unexpected content type {oid}", "tệp PKCS#12 sai định dạng: kiểu nội dung {oid} không mong đợi");
    PKCS12_NOT_PKCS12 = ("pkcs12-not-pkcs12", Error, "RFC 7292 §4", "not a PKCS#12 file", "không phải tệp PKCS#12");
    PKCS12_NOT_PFX = ("pkcs12-not-pfx", Error, "RFC 7292 §4", "not a PKCS#12 file: {detail}", "không phải tệp PKCS#12: {detail}");
    PKCS12_IS_PEM = ("pkcs12-is-pem", Error, "", "this is a PEM file, not a PKCS#12 (.p12/.pfx) file", "đây là tệp PEM, không phải tệp PKCS#12 (.p12/.pfx)");
    PKCS12_TOO_LARGE = ("pkcs12-too-large", Error, "", "too large for a PKCS#12 file ({size} bytes; kyso reads up to {limit} MiB)", "quá lớn đối với một tệp PKCS#12 ({size} byte; kyso đọc tối đa {limit} MiB)");
    PKCS12_VERSION_UNSUPPORTED = ("pkcs12-version-unsupported", Error, "RFC 7292 §4", "PKCS#12 version {version} is not supported", "không hỗ trợ PKCS#12 phiên bản {version}");
    PKCS12_SIGNED_UNSUPPORTED = ("pkcs12-signed-unsupported", Error, "RFC 7292 §3.1", "PKCS#12 public-key integrity mode (signed) is not supported", "không hỗ trợ chế độ toàn vẹn bằng khoá công khai (signed) của PKCS#12");
    PKCS12_ENVELOPED_UNSUPPORTED = ("pkcs12-enveloped-unsupported", Error, "RFC 7292 §3.1", "PKCS#12 public-key privacy mode (enveloped) is not supported", "không hỗ trợ chế độ bảo mật bằng khoá công khai (enveloped) của PKCS#12");
    PKCS12_PBMAC1_UNSUPPORTED = ("pkcs12-pbmac1-unsupported", Error, "RFC 9579", "PKCS#12 PBMAC1 integrity (RFC 9579) is not supported", "không hỗ trợ cơ chế toàn vẹn PBMAC1 của PKCS#12 (RFC 9579)");
    PKCS12_MAC_DIGEST_UNSUPPORTED = ("pkcs12-mac-digest-unsupported", Error, "RFC 7292 §5.1", "unsupported PKCS#12 MAC digest {oid}", "không hỗ trợ hàm băm {oid} cho MAC của PKCS#12");
    PKCS12_ITERATIONS_TOO_HIGH = ("pkcs12-iterations-too-high", Error, "RFC 7292 Appendix B.2", "PKCS#12 iteration count {count} is above kyso's limit of {limit}", "số vòng lặp PKCS#12 {count} vượt quá giới hạn {limit} của kyso");
    PKCS12_ITERATIONS_TOO_LOW = ("pkcs12-iterations-too-low", Error, "RFC 7292 Appendix B.2", "iteration count {count} is below the minimum of {minimum}", "số vòng lặp {count} thấp hơn mức tối thiểu {minimum}");
    PKCS12_MAC_FAILED = ("pkcs12-mac-failed", Error, "RFC 7292 §5.1", "wrong passphrase or corrupted PKCS#12 file (MAC check failed)", "sai mật khẩu hoặc tệp PKCS#12 bị hỏng (kiểm tra MAC thất bại)");
    PKCS12_PBES2_PARAMS_UNSUPPORTED = ("pkcs12-pbes2-params-unsupported", Error, "RFC 8018 §6.2", "unsupported PBES2 parameters in the PKCS#12 file (cipher or key derivation)", "không hỗ trợ tham số PBES2 trong tệp PKCS#12 (thuật toán mã hoá hoặc dẫn xuất khoá)");
    PKCS12_PBES2_ALGORITHM_UNSUPPORTED = ("pkcs12-pbes2-algorithm-unsupported", Error, "RFC 8018 §6.2", "unsupported PBES2 algorithm {oid} in the PKCS#12 file", "không hỗ trợ thuật toán PBES2 {oid} trong tệp PKCS#12");
    PKCS12_RC4_UNSUPPORTED = ("pkcs12-rc4-unsupported", Error, "RFC 7292 Appendix C", "RC4-based PKCS#12 encryption is not supported", "không hỗ trợ mã hoá PKCS#12 dựa trên RC4");
    PKCS12_ENCRYPTION_UNSUPPORTED = ("pkcs12-encryption-unsupported", Error, "", "unsupported encryption {oid} in the PKCS#12 file", "không hỗ trợ kiểu mã hoá {oid} trong tệp PKCS#12");
    PKCS12_NO_KEY = ("pkcs12-no-key", Error, "", "the PKCS#12 file holds no private key", "tệp PKCS#12 không chứa khoá bí mật nào");
    PKCS12_MANY_KEYS = ("pkcs12-many-keys", Error, "", "the PKCS#12 file holds {count} private keys; kyso reads one", "tệp PKCS#12 chứa {count} khoá bí mật; kyso chỉ đọc một khoá");
    PKCS12_WORK_BUDGET_EXCEEDED = ("pkcs12-work-budget-exceeded", Error, "RFC 7292 §5", "the PKCS#12 file asks for {total} key-derivation iterations in all (MAC, keys and encrypted parts); kyso refuses more than {limit} per file", "tệp PKCS#12 đòi tổng cộng {total} vòng lặp dẫn xuất khoá (MAC, khoá và các phần đã mã hoá); kyso từ chối khi vượt quá {limit} cho mỗi tệp");
    PKCS12_NO_CERTIFICATE = ("pkcs12-no-certificate", Error, "", "the PKCS#12 file holds no certificate for its private key", "tệp PKCS#12 không chứa chứng thư số của khoá bí mật");
    PKCS12_FRIENDLY_NAME = ("pkcs12-friendly-name", Error, "RFC 7292 §4.2", "the friendly name has characters PKCS#12 cannot hold", "tên hiển thị (friendly name) có ký tự mà PKCS#12 không biểu diễn được");
    PKCS12_BUILD_FAILED = ("pkcs12-build-failed", Error, "", "building the PKCS#12 file: {detail}", "lỗi khi tạo tệp PKCS#12: {detail}");

    // How an encrypted key file is protected (`describe_encryption`).
    KEY_ENCRYPTION_LEGACY_PEM = ("key-encryption-legacy-pem", Note, "RFC 1421 §4.6.1.1", "legacy PEM encryption ({cipher}, one-pass MD5 key derivation: weak)", "mã hoá PEM kiểu cũ ({cipher}, dẫn xuất khoá bằng MD5 một lượt: yếu)");
    KEY_ENCRYPTION_SCHEME = ("key-encryption-scheme", Note, "RFC 8018 §6", "{scheme}", "lược đồ mã hoá {scheme}");
    KEY_ENCRYPTION_PBKDF2 = ("key-encryption-pbkdf2", Note, "RFC 8018 §6.2", "PBES2 (PBKDF2-{prf}, {iterations} iterations, {cipher})", "PBES2 (PBKDF2-{prf}, {iterations} vòng lặp, {cipher})");
    KEY_ENCRYPTION_SCRYPT = ("key-encryption-scrypt", Note, "RFC 7914 §7", "PBES2 (scrypt N={n} r={r} p={p}, {cipher})", "PBES2 (scrypt với N={n} r={r} p={p}, {cipher})");
    KEY_ENCRYPTION_PBES2_UNKNOWN = ("key-encryption-pbes2-unknown", Note, "RFC 8018 §6.2", "PBES2 (unknown key derivation or cipher)", "PBES2 (hàm dẫn xuất khoá hoặc thuật toán mã hoá không xác định)");
    KEY_READING_PASSPHRASE_FILE = ("key-reading-passphrase-file", Error, "", "reading the passphrase file", "đọc tệp mật khẩu");
}
