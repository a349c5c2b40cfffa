//! CMS (RFC 5652) / CAdES signatures, RFC 3161 timestamps and the ESS signing-certificate
//! attributes (RFC 2634, RFC 5035): reading, signing and verifying.

catalog! {
    // Reading a SignedData.
    CMS_MALFORMED = ("cms-malformed", Error, "RFC 5652 §5.1", "not a CMS signature: {detail}", "không phải chữ ký CMS: {detail}");
    CMS_STREAM_UNEXPECTED = ("cms-stream-unexpected", Error, "RFC 5652 §5.1", "an unexpected structure before the content", "cấu trúc không mong đợi trước phần nội dung");
    CMS_STREAM_TAIL_TOO_LARGE = ("cms-stream-tail-too-large", Error, "", "more than {limit} MiB after the content", "hơn {limit} MiB sau phần nội dung");
    CMS_NOT_A_SIGNATURE = ("cms-not-a-signature", Error, "RFC 5652 §5.1", "not a CMS signature", "không phải chữ ký CMS");
    CMS_NO_PEM_BLOCK = ("cms-no-pem-block", Error, "", "not a CMS signature: no CMS or PKCS7 PEM block", "không phải chữ ký CMS: không có khối PEM CMS hoặc PKCS7");
    CMS_NOT_DER = ("cms-not-der", Error, "", "not a CMS signature (neither PEM nor a DER SEQUENCE)", "không phải chữ ký CMS (không phải PEM cũng không phải một SEQUENCE DER)");
    CMS_NOT_SIGNED_DATA = ("cms-not-signed-data", Error, "RFC 5652 §5.1", "CMS content type {content_type} is not SignedData", "kiểu nội dung CMS {content_type} không phải SignedData");
    CMS_ECONTENT_CONSTRUCTED = ("cms-econtent-constructed", Error, "RFC 5652 §5.2", "eContent is not a primitive OCTET STRING (BER constructed encoding)", "eContent không phải OCTET STRING nguyên thuỷ (mã hoá BER dạng cấu trúc)");
    CMS_NO_SIGNER = ("cms-no-signer", Error, "RFC 5652 §5.1", "the SignedData has no signer (a certificates-only message?)", "SignedData không có người ký (chỉ chứa chứng thư số?)");
    CMS_READING_SIGNED_DATA = ("cms-reading-signed-data", Error, "", "reading the signed data", "đọc dữ liệu đã ký");
    CMS_DETACHED_NEEDS_DATA = ("cms-detached-needs-data", Error, "", "this is a detached signature: the signed file is needed", "đây là chữ ký tách rời: cần có tệp dữ liệu đã ký");
    CMS_CONTENT_REPLACED = ("cms-content-replaced", Warning, "", "the signature embeds its content; the data given was verified instead", "chữ ký đã chứa nội dung; dữ liệu được cung cấp đã được kiểm tra thay thế");

    // Signer identification and signed attributes.
    CMS_SIGNER_INFO_VERSION = ("cms-signer-info-version", Warning, "RFC 5652 §5.3", "SignerInfo version {version} does not match its signer identifier (RFC 5652 §5.3)", "phiên bản SignerInfo {version} không khớp với kiểu định danh người ký (RFC 5652 §5.3)");
    CMS_SIGNER_FOUND_BY_ISSUER_SERIAL = ("cms-signer-found-by-issuer-serial", Note, "RFC 5652 §5.3", "issuerAndSerialNumber: {subject}", "tìm theo issuerAndSerialNumber: {subject}");
    CMS_SIGNER_FOUND_BY_SKI = ("cms-signer-found-by-ski", Note, "RFC 5652 §5.3", "subjectKeyIdentifier: {subject}", "tìm theo subjectKeyIdentifier: {subject}");
    CMS_SIGNER_CERT_NOT_FOUND = ("cms-signer-cert-not-found", Error, "RFC 5652 §5.3", "the signer's certificate is neither embedded nor among the untrusted certificates given", "chứng thư số của người ký không được đính kèm và không có trong các chứng thư bổ sung được cung cấp");
    CMS_DIGEST_UNSUPPORTED = ("cms-digest-unsupported", Error, "RFC 5652 §5.3", "digest algorithm {oid} is not supported", "không hỗ trợ hàm băm {oid}");
    CMS_SHA1_DIGEST = ("cms-sha1-digest", Warning, "Circular 15/2025/TT-BKHCN", "SHA-1 digest: a legacy algorithm, acceptable only for old documents", "hàm băm SHA-1: thuật toán cũ, chỉ chấp nhận cho văn bản cũ");
    CMS_SHA1_DIGEST_REFUSED = ("cms-sha1-digest-refused", Error, "Circular 15/2025/TT-BKHCN", "SHA-1 digest: a legacy algorithm, refused unless legacy algorithms are allowed", "hàm băm SHA-1: thuật toán cũ, bị từ chối trừ khi cho phép thuật toán cũ");
    CMS_LEGACY_SIGNATURE = ("cms-legacy-signature", Warning, "Circular 15/2025/TT-BKHCN", "legacy algorithm: the signature is verified with {algorithm}", "thuật toán cũ: chữ ký được kiểm tra bằng {algorithm}");
    TSP_SHA1_IMPRINT_REFUSED = ("tsp-sha1-imprint-refused", Error, "Circular 15/2025/TT-BKHCN", "SHA-1 message imprint: a legacy algorithm, refused unless legacy algorithms are allowed", "dấu vết dữ liệu SHA-1: thuật toán cũ, bị từ chối trừ khi cho phép thuật toán cũ");
    CMS_ATTRIBUTE_NOT_SINGLE_VALUED = ("cms-attribute-not-single-valued", Error, "RFC 5652 §11", "the {attribute} attribute must have exactly one value", "thuộc tính {attribute} phải có đúng một giá trị");
    CMS_ATTRIBUTE_REPEATED = ("cms-attribute-repeated", Error, "RFC 5652 §11", "the {attribute} attribute appears more than once", "thuộc tính {attribute} xuất hiện nhiều hơn một lần");
    CMS_ATTRIBUTE_MALFORMED = ("cms-attribute-malformed", Error, "RFC 5652 §11", "malformed {attribute} attribute: {detail}", "thuộc tính {attribute} sai định dạng: {detail}");
    CMS_ATTRIBUTE_MISSING = ("cms-attribute-missing", Error, "RFC 5652 §5.3", "the {attribute} signed attribute is missing (RFC 5652 §5.3)", "thiếu thuộc tính được ký {attribute} (RFC 5652 §5.3)");
    CMS_CONTENT_TYPE_MISMATCH = ("cms-content-type-mismatch", Error, "RFC 5652 §11.1", "the content-type attribute ({attribute}) differs from the eContentType ({econtent_type})", "thuộc tính content-type ({attribute}) khác với eContentType ({econtent_type})");
    CMS_DIGEST_MATCHES = ("cms-digest-matches", Note, "RFC 5652 §11.2", "{digest} digest of the content matches the message-digest attribute", "giá trị băm {digest} của nội dung khớp với thuộc tính message-digest");
    CMS_DIGEST_MISMATCH = ("cms-digest-mismatch", Error, "RFC 5652 §5.6", "the content does not match the signature (message digest differs): the file was modified or is not the signed one", "nội dung không khớp với chữ ký (giá trị băm khác): tệp đã bị sửa đổi hoặc không phải tệp đã ký");
    CMS_SIGNING_TIME_MALFORMED = ("cms-signing-time-malformed", Warning, "RFC 5652 §11.3", "malformed signing-time attribute (ignored)", "thuộc tính signing-time sai định dạng (bỏ qua)");
    CMS_NO_SIGNED_ATTRS_CONTENT_TYPE = ("cms-no-signed-attrs-content-type", Error, "RFC 5652 §5.3", "no signed attributes with content type {content_type} (RFC 5652 §5.3)", "không có thuộc tính được ký với kiểu nội dung {content_type} (RFC 5652 §5.3)");
    CMS_NO_SIGNED_ATTRS_DIRECT = ("cms-no-signed-attrs-direct", Note, "RFC 5652 §5.4", "no signed attributes: the signature covers the content directly", "không có thuộc tính được ký: chữ ký bao trực tiếp nội dung");
    CMS_NO_SIGNED_ATTRS_NO_CONTENT = ("cms-no-signed-attrs-no-content", Error, "RFC 5652 §5.4", "no signed attributes and the content is not available", "không có thuộc tính được ký và không có nội dung");
    CMS_NO_SIGNED_ATTRS_SIGNATURE_FAILS = ("cms-no-signed-attrs-signature-fails", Error, "RFC 5652 §5.6", "no signed attributes and the signature does not verify over this content", "không có thuộc tính được ký và chữ ký không đúng với nội dung này");

    // The signature value.
    CMS_SIGNATURE_VERIFIED = ("cms-signature-verified", Note, "RFC 5652 §5.6", "verified with {algorithm}", "chữ ký đúng, thuật toán {algorithm}");
    CMS_SIGNATURE_ALGORITHM_UNSUPPORTED = ("cms-signature-algorithm-unsupported", Error, "RFC 3370 §3", "signature algorithm {oid} is not supported", "không hỗ trợ thuật toán chữ ký {oid}");
    CMS_RSA_KEY_MALFORMED = ("cms-rsa-key-malformed", Error, "RFC 8017 §A.1.1", "malformed RSA public key", "khoá công khai RSA sai định dạng");
    CMS_RSA_KEY_TOO_SHORT = ("cms-rsa-key-too-short", Error, "Circular 15/2025/TT-BKHCN", "RSA key of {bits} bits is too short (2048 bits at least)", "khoá RSA {bits} bit quá ngắn (tối thiểu 2048 bit)");
    CMS_ALGORITHM_ENCODING = ("cms-algorithm-encoding", Error, "", "cannot encode the signature algorithm: {detail}", "không mã hoá được thuật toán chữ ký: {detail}");
    CMS_ALGORITHM_DECODING = ("cms-algorithm-decoding", Error, "", "cannot decode the signature algorithm: {detail}", "không giải mã được thuật toán chữ ký: {detail}");
    CMS_DSA_NO_PARAMETERS = ("cms-dsa-no-parameters", Error, "RFC 3279 §2.3.2", "DSA key without domain parameters", "khoá DSA không có tham số miền");
    CMS_PSS_NO_PARAMETERS = ("cms-pss-no-parameters", Error, "RFC 4056 §2", "RSASSA-PSS without parameters", "RSASSA-PSS không có tham số");
    CMS_PSS_PARAMS_MALFORMED = ("cms-pss-params-malformed", Error, "RFC 4056 §2", "malformed RSASSA-PSS parameters: {detail}", "tham số RSASSA-PSS sai định dạng: {detail}");
    CMS_PSS_HASH_UNSUPPORTED = ("cms-pss-hash-unsupported", Error, "RFC 4056 §2", "PSS hash {oid} not supported", "không hỗ trợ hàm băm PSS {oid}");
    CMS_PSS_MGF_UNSUPPORTED = ("cms-pss-mgf-unsupported", Error, "RFC 4056 §2", "PSS mask generation {oid} not supported", "không hỗ trợ hàm sinh mặt nạ PSS {oid}");
    CMS_PSS_MGF_HASH_MISMATCH = ("cms-pss-mgf-hash-mismatch", Error, "RFC 4056 §3", "PSS MGF1 hash differs from the message hash", "hàm băm MGF1 của PSS khác với hàm băm thông điệp");

    // The signer's certificate.
    CMS_KEY_USAGE_OK = ("cms-key-usage-ok", Note, "RFC 5280 §4.2.1.3", "keyUsage allows signing", "keyUsage cho phép ký số");
    CMS_KEY_USAGE_NOT_SIGNING = ("cms-key-usage-not-signing", Error, "RFC 5280 §4.2.1.3", "the signer's keyUsage allows neither digitalSignature nor nonRepudiation", "keyUsage của chứng thư người ký không cho phép digitalSignature hay nonRepudiation");
    CMS_KEY_USAGE_ABSENT = ("cms-key-usage-absent", Note, "RFC 5280 §4.2.1.3", "no keyUsage extension (any use allowed)", "không có phần mở rộng keyUsage (cho phép mọi mục đích)");
    CMS_KEY_USAGE_MALFORMED = ("cms-key-usage-malformed", Error, "RFC 5280 §4.2.1.3", "malformed keyUsage extension: {detail}", "phần mở rộng keyUsage sai định dạng: {detail}");
    CMS_SIGNER_NOT_YET_VALID = ("cms-signer-not-yet-valid", Error, "RFC 5280 §4.1.2.5", "the signer's certificate was not yet valid (valid from {not_before})", "chứng thư số của người ký chưa có hiệu lực (hiệu lực từ {not_before})");
    CMS_SIGNER_EXPIRED = ("cms-signer-expired", Error, "RFC 5280 §4.1.2.5", "the signer's certificate had expired (on {not_after})", "chứng thư số của người ký đã hết hạn (ngày {not_after})");
    CMS_SIGNER_VALIDITY_OK = ("cms-signer-validity-ok", Note, "RFC 5280 §4.1.2.5", "valid from {not_before} to {not_after}", "có hiệu lực từ {not_before} đến {not_after}");
    CMS_PATH_INVALID = ("cms-path-invalid", Error, "RFC 5280 §6.1", "certification path: {detail}", "đường dẫn chứng thực: {detail}");
    CMS_NO_VALID_PATH = ("cms-no-valid-path", Error, "RFC 5280 §6.1", "certification path: no valid path", "đường dẫn chứng thực: không có đường dẫn hợp lệ");

    // Signing time and timestamps.
    CMS_MULTIPLE_TIMESTAMPS = ("cms-multiple-timestamps", Warning, "ETSI EN 319 122-1 §5.3", "more than one signature timestamp: only the first is checked", "có nhiều dấu thời gian của chữ ký: chỉ kiểm tra dấu đầu tiên");
    CMS_TIMESTAMP_INVALID = ("cms-timestamp-invalid", Error, "RFC 3161 appendix A", "timestamp: the signature timestamp is invalid", "dấu thời gian: dấu thời gian của chữ ký không hợp lệ");
    CMS_CLAIMED_TIME_AFTER_TIMESTAMP = ("cms-claimed-time-after-timestamp", Warning, "ETSI EN 319 122-1 §5.2.1", "the claimed signing time is later than the timestamp", "thời điểm ký tự khai muộn hơn dấu thời gian");
    CMS_SIGNING_TIME_UNPROVEN = ("cms-signing-time-unproven", Warning, "ETSI EN 319 122-1 §5.2.1", "the signing time is claimed by the signer and not proven (no valid timestamp)", "thời điểm ký do người ký tự khai, chưa được chứng minh (không có dấu thời gian hợp lệ)");

    // Producing signatures.
    CMS_SIGN_REFUSED = ("cms-sign-refused", Error, "Circular 15/2025/TT-BKHCN", "refusing to sign: {problems}", "từ chối ký: {problems}");
    CMS_SIGN_REFUSING = ("cms-sign-refusing", Error, "Circular 15/2025/TT-BKHCN", "refusing to sign", "từ chối ký");
    CMS_SIGN_NOT_YET_VALID = ("cms-sign-not-yet-valid", Error, "RFC 5280 §4.1.2.5", "the certificate is not valid yet (valid from {from})", "chứng thư số chưa có hiệu lực (hiệu lực từ {from})");
    CMS_SIGN_EXPIRED = ("cms-sign-expired", Error, "RFC 5280 §4.1.2.5", "the certificate expired on {on}", "chứng thư số đã hết hạn ngày {on}");
    CMS_SIGN_KEY_USAGE = ("cms-sign-key-usage", Error, "RFC 5280 §4.2.1.3", "the certificate's keyUsage allows neither digitalSignature nor nonRepudiation", "keyUsage của chứng thư số không cho phép digitalSignature hay nonRepudiation");
    CMS_SIGN_MALFORMED_KEY_USAGE = ("cms-sign-malformed-key-usage", Error, "RFC 5280 §4.2.1.3", "the certificate's keyUsage extension is malformed: {detail}", "phần mở rộng keyUsage của chứng thư số sai định dạng: {detail}");
    CMS_SIGN_KEY_MISMATCH = ("cms-sign-key-mismatch", Error, "", "the private key does not match the certificate's public key", "khoá bí mật không khớp với khoá công khai của chứng thư số");
    CMS_SIGN_SHA1_REFUSED = ("cms-sign-sha1-refused", Error, "Circular 15/2025/TT-BKHCN", "SHA-1 is not allowed for new signatures", "không được dùng SHA-1 cho chữ ký mới");
    CMS_SIGN_PSS_NEEDS_RSA = ("cms-sign-pss-needs-rsa", Error, "RFC 4056 §2", "RSA-PSS padding needs an RSA key", "đệm RSA-PSS cần khoá RSA");
    CMS_SIGN_DIGEST_MISMATCH = ("cms-sign-digest-mismatch", Error, "RFC 5652 §5.4", "a {key} key signs with {expected} in CMS, not {digest}", "khoá {key} ký với {expected} trong CMS, không phải {digest}");
    CMS_SIGN_ALGORITHM_UNSUPPORTED = ("cms-sign-algorithm-unsupported", Error, "", "the key cannot produce {algorithm} signatures", "khoá không tạo được chữ ký {algorithm}");
    CMS_ENCODING_FAILED = ("cms-encoding-failed", Error, "", "encoding {structure}: {detail}", "mã hoá {structure}: {detail}");
    CMS_CERT_ISSUER_NAME = ("cms-cert-issuer-name", Error, "RFC 5280 §4.1.2.4", "certificate issuer name: {detail}", "tên tổ chức cấp của chứng thư số: {detail}");
    CMS_SIGN_FORCED = ("cms-sign-forced", Warning, "Circular 15/2025/TT-BKHCN", "signed despite: {problem}", "đã ký dù có vấn đề: {problem}");
    CMS_SIGN_PROBLEMS = ("cms-sign-problems", Error, "", "{problem}; {more}", "{problem}; và {more}");
    CMS_SIGN_TIME_BEFORE_1970 = ("cms-sign-time-before-1970", Error, "RFC 5652 §11.3", "the signing time is before 1970", "thời điểm ký trước năm 1970");
    CMS_CERT_NOT_STRICT_DER = ("cms-cert-not-strict-der", Error, "RFC 5280 §4.1", "certificate not in strict DER ({detail}): {subject}", "chứng thư số không ở dạng DER chặt chẽ ({detail}): {subject}");
    CMS_READ_CONTENT = ("cms-read-content", Error, "", "reading the content: {detail}", "đọc nội dung: {detail}");
    CMS_SIGN_KEY_CANNOT = ("cms-sign-key-cannot", Error, "", "a {key} key cannot make {algorithm} signatures", "khoá {key} không tạo được chữ ký {algorithm}");
    CMS_SIGN_ALGORITHM_DIGEST = ("cms-sign-algorithm-digest", Error, "RFC 5652 §5.4", "{algorithm} signatures use {digest} in CMS, not the digest asked for", "chữ ký {algorithm} dùng hàm băm {digest} trong CMS, không phải hàm băm đã yêu cầu");
    CMS_SIGN_DIGEST_LENGTH = ("cms-sign-digest-length", Error, "", "the message digest has {length} bytes; a {digest} digest has {expected}", "giá trị băm của thông điệp có {length} byte; hàm băm {digest} cho {expected} byte");
    CMS_SIGN_DIGEST_DETACHED_ONLY = ("cms-sign-digest-detached-only", Error, "", "signing a digest makes detached signatures only", "ký một giá trị băm chỉ tạo được chữ ký tách rời");
    CMS_TWO_STEP_DETACHED_ONLY = ("cms-two-step-detached-only", Error, "", "the two-step mode makes detached signatures only", "chế độ ký hai bước chỉ tạo được chữ ký tách rời");
    CMS_STATE_ENCODING = ("cms-state-encoding", Error, "", "encoding the prepared-signature state: {detail}", "mã hoá trạng thái chữ ký đã chuẩn bị: {detail}");
    CMS_STATE_MALFORMED = ("cms-state-malformed", Error, "", "not a prepared-signature state: {detail}", "không phải trạng thái chữ ký đã chuẩn bị: {detail}");
    CMS_STATE_FORMAT = ("cms-state-format", Error, "", "prepared-signature state format {format} (this version reads {supported})", "trạng thái chữ ký đã chuẩn bị có định dạng {format} (phiên bản này đọc định dạng {supported})");
    CMS_STATE_INCONSISTENT = ("cms-state-inconsistent", Error, "", "inconsistent prepared-signature state (altered?)", "trạng thái chữ ký đã chuẩn bị không nhất quán (đã bị sửa?)");
    CMS_STATE_CERTIFICATE = ("cms-state-certificate", Error, "", "the prepared state's certificate", "chứng thư số trong trạng thái đã chuẩn bị");
    CMS_STATE_CHAIN = ("cms-state-chain", Error, "", "the prepared state's chain", "chuỗi chứng thư trong trạng thái đã chuẩn bị");
    CMS_STATE_ATTRIBUTES = ("cms-state-attributes", Error, "RFC 5652 §5.3", "the prepared signed attributes are malformed: {detail}", "các thuộc tính được ký đã chuẩn bị sai định dạng: {detail}");
    CMS_SIGNATURE_VALUE_REFUSED = ("cms-signature-value-refused", Error, "RFC 5652 §5.6", "refusing the signature value: it does not verify with the public key of {subject} ({detail})", "từ chối giá trị chữ ký: không khớp với khoá công khai của {subject} ({detail})");
    CMS_CERT_SERIAL = ("cms-cert-serial", Error, "RFC 5280 §4.1.2.2", "certificate serial number: {detail}", "số hiệu chứng thư số: {detail}");

    // ESS signing-certificate(-v2).
    ESS_ATTRIBUTE_ABSENT = ("ess-attribute-absent", Warning, "ETSI EN 319 122-1 §5.2.2", "no signing-certificate(-v2) attribute: the signer's certificate is not bound to the signature (not CAdES)", "không có thuộc tính signing-certificate(-v2): chứng thư người ký không được gắn với chữ ký (không phải CAdES)");
    ESS_BINDING_MATCHES = ("ess-binding-matches", Note, "RFC 5035 §3", "signing-certificate {version} ({hash}) names the signer's certificate", "signing-certificate {version} ({hash}) trỏ đúng tới chứng thư của người ký");
    ESS_CERT_HASH_MISMATCH = ("ess-cert-hash-mismatch", Error, "RFC 5035 §3", "signing-certificate attribute: certificate hash differs: the attribute names another certificate", "thuộc tính signing-certificate: giá trị băm chứng thư khác: thuộc tính trỏ tới một chứng thư khác");
    ESS_SERIAL_MISMATCH = ("ess-serial-mismatch", Error, "RFC 5035 §4", "signing-certificate attribute: issuerSerial names another serial number", "thuộc tính signing-certificate: issuerSerial ghi số hiệu khác");
    ESS_ISSUER_MISMATCH = ("ess-issuer-mismatch", Error, "RFC 5035 §4", "signing-certificate attribute: issuerSerial names another issuer", "thuộc tính signing-certificate: issuerSerial ghi tổ chức cấp khác");
    ESS_MALFORMED = ("ess-malformed", Error, "RFC 5035 §3", "malformed {attribute} attribute: {detail}", "thuộc tính {attribute} sai định dạng: {detail}");
    ESS_NO_CERTIFICATE = ("ess-no-certificate", Error, "RFC 5035 §3", "{attribute} attribute lists no certificate", "thuộc tính {attribute} không liệt kê chứng thư nào");
    ESS_HASH_UNSUPPORTED = ("ess-hash-unsupported", Error, "RFC 5035 §4", "signing-certificate-v2 hash algorithm {oid} is not supported", "không hỗ trợ hàm băm {oid} của signing-certificate-v2");
}
