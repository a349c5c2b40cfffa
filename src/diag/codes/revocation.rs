//! Revocation checking with CRLs (src/revocation): the status of a certificate (`revocation-`)
//! and why a CRL in scope could not be used (`crl-check-`, each naming the CRL as `{crl}`).

catalog! {
    UNKNOWN_MODE = ("revocation-unknown-mode", Error, "", "unknown revocation mode '{mode}' (off, soft, require)", "chế độ kiểm tra thu hồi không xác định '{mode}' (off, soft, require)");
    // Why the status is unknown (each names the certificate as {subject}).
    DP_MALFORMED = ("revocation-dp-malformed", Warning, "RFC 5280 §4.2.1.13", "revocation status unknown for {subject}: the certificate's cRLDistributionPoints extension is malformed", "trạng thái thu hồi của {subject} không xác định: phần mở rộng cRLDistributionPoints của chứng thư sai định dạng");
    NO_CRL_IN_SCOPE = ("revocation-no-crl-in-scope", Warning, "RFC 5280 §6.3.3", "revocation status unknown for {subject}: no CRL in scope for {issuer}", "trạng thái thu hồi của {subject} không xác định: không có CRL (danh sách chứng thư bị thu hồi) nào áp dụng cho {issuer}");
    NO_USABLE_CRL = ("revocation-no-usable-crl", Warning, "RFC 5280 §6.3.3", "revocation status unknown for {subject}: no usable CRL for {issuer}", "trạng thái thu hồi của {subject} không xác định: không có CRL dùng được cho {issuer}");
    NO_USABLE_DATA = ("revocation-no-usable-data", Warning, "RFC 5280 §6.3; RFC 6960", "revocation status unknown for {subject}: no usable CRL or OCSP response for {issuer}", "trạng thái thu hồi của {subject} không xác định: không có CRL hay phản hồi OCSP dùng được cho {issuer}");
    REASONS_NOT_COVERED = ("revocation-reasons-not-covered", Warning, "RFC 5280 §6.3.3 (i)", "revocation status unknown for {subject}: reasons not fully covered: {reasons}", "trạng thái thu hồi của {subject} không xác định: các lý do thu hồi chưa được bao phủ đủ: {reasons}");
    // Why a CRL in scope was not used.
    NOT_INDIRECT = ("crl-check-not-indirect", Note, "RFC 5280 §6.3.3 (b)(1)", "{crl}: named as cRLIssuer but not an indirect CRL", "{crl}: được nêu là cRLIssuer nhưng không phải CRL gián tiếp");
    SIGNATURE_ALGORITHM_MISMATCH = ("crl-check-signature-algorithm-mismatch", Note, "RFC 5280 §5.1.1.2", "{crl}: signature algorithm differs from the one inside the CRL", "{crl}: thuật toán chữ ký khác với thuật toán ghi bên trong CRL");
    DUPLICATE_EXTENSION = ("crl-check-duplicate-extension", Note, "RFC 5280 §4.2", "{crl}: duplicate CRL extension {oid}", "{crl}: phần mở rộng CRL {oid} bị lặp");
    CRL_NUMBER_CRITICAL = ("crl-check-crl-number-critical", Note, "RFC 5280 §5.2.3", "{crl}: cRLNumber marked critical (RFC 5280 §5.2.3)", "{crl}: cRLNumber bị đánh dấu critical (RFC 5280 §5.2.3)");
    MALFORMED_EXTENSION = ("crl-check-malformed-extension", Note, "RFC 5280 §5.2", "{crl}: malformed {extension} extension", "{crl}: phần mở rộng {extension} sai định dạng");
    UNRECOGNISED_CRITICAL_EXTENSION = ("crl-check-unrecognised-critical-extension", Note, "RFC 5280 §5.2", "{crl}: unrecognised critical CRL extension {oid}", "{crl}: phần mở rộng CRL bắt buộc (critical) không được nhận biết {oid}");
    NO_CRL_NUMBER = ("crl-check-no-crl-number", Note, "RFC 5280 §5.2.3", "{crl}: no cRLNumber extension (RFC 5280 §5.2.3)", "{crl}: không có phần mở rộng cRLNumber (RFC 5280 §5.2.3)");
    UNRECOGNISED_CRITICAL_ENTRY_EXTENSION = ("crl-check-unrecognised-critical-entry-extension", Note, "RFC 5280 §5.3", "{crl}: unrecognised critical CRL entry extension {oid}", "{crl}: phần mở rộng bắt buộc (critical) không được nhận biết trong mục CRL {oid}");
    MALFORMED_ENTRY_EXTENSION = ("crl-check-malformed-entry-extension", Note, "RFC 5280 §5.3", "{crl}: malformed CRL entry extension {oid}", "{crl}: phần mở rộng của mục CRL {oid} sai định dạng");
    DP_MISMATCH = ("crl-check-dp-mismatch", Note, "RFC 5280 §6.3.3 (b)(2)", "{crl}: its distribution point ({names}) is not the certificate's", "{crl}: điểm phân phối của nó ({names}) không phải của chứng thư");
    ONLY_USER_CERTS = ("crl-check-only-user-certs", Note, "RFC 5280 §6.3.3 (b)(2)", "{crl}: onlyContainsUserCerts, but the certificate is a CA", "{crl}: onlyContainsUserCerts, nhưng chứng thư là CA");
    ONLY_CA_CERTS = ("crl-check-only-ca-certs", Note, "RFC 5280 §6.3.3 (b)(2)", "{crl}: onlyContainsCACerts, but the certificate is not a CA", "{crl}: onlyContainsCACerts, nhưng chứng thư không phải CA");
    ONLY_ATTRIBUTE_CERTS = ("crl-check-only-attribute-certs", Note, "RFC 5280 §6.3.3 (b)(2)", "{crl}: onlyContainsAttributeCerts", "{crl}: onlyContainsAttributeCerts (chỉ chứa chứng thư thuộc tính)");
    NOT_YET_VALID = ("crl-check-not-yet-valid", Note, "RFC 5280 §6.3.3 (a)", "{crl}: not yet valid (thisUpdate {this_update})", "{crl}: chưa có hiệu lực (thisUpdate {this_update})");
    EXPIRED = ("crl-check-expired", Note, "RFC 5280 §6.3.3 (a)", "{crl}: CRL expired at {next_update}", "{crl}: CRL đã hết hạn lúc {next_update}");
    NO_OTHER_SIGNER = ("crl-check-no-other-signer", Note, "RFC 5280 §6.3.3 (f)", "{crl}: no other validated signer of {issuer}", "{crl}: không có người ký đã được xác thực nào khác của {issuer}");
    NO_SIGNER = ("crl-check-no-signer", Note, "RFC 5280 §6.3.3 (f)", "{crl}: no validated certificate of {issuer} to check its signature", "{crl}: không có chứng thư đã được xác thực nào của {issuer} để kiểm tra chữ ký");
    SIGNER_NO_CRL_SIGN = ("crl-check-signer-no-crl-sign", Note, "RFC 5280 §6.3.3 (f)", "{crl}: signer's keyUsage lacks cRLSign", "{crl}: keyUsage của người ký thiếu cRLSign");
    SIGNER_KEY_USAGE_MALFORMED = ("crl-check-signer-key-usage-malformed", Note, "RFC 5280 §4.2.1.3", "{crl}: signer's keyUsage is malformed", "{crl}: keyUsage của người ký sai định dạng");
    SIGNATURE_INVALID = ("crl-check-signature-invalid", Note, "RFC 5280 §6.3.3 (f)", "{crl}: CRL signature invalid", "{crl}: chữ ký của CRL không hợp lệ");
    SIGNATURE_UNSUPPORTED = ("crl-check-signature-unsupported", Note, "RFC 5280 §6.3.3 (f)", "{crl}: CRL signature not checked: unsupported algorithm ({cause})", "{crl}: chưa kiểm tra chữ ký của CRL: thuật toán không hỗ trợ ({cause})");
    SIGNATURE_LEGACY_REFUSED = ("crl-check-signature-legacy-refused", Note, "Circular 15/2025/TT-BKHCN", "{crl}: CRL signature not checked: legacy signature algorithm {algorithm} refused", "{crl}: chưa kiểm tra chữ ký của CRL: thuật toán chữ ký cũ {algorithm} bị từ chối");
    SIGNATURE_LEGACY_SHORT_RSA_REFUSED = ("crl-check-signature-legacy-short-rsa-refused", Note, "Circular 15/2025/TT-BKHCN", "{crl}: CRL signature not checked: legacy signature algorithm {algorithm} with a {bits}-bit RSA key refused", "{crl}: chưa kiểm tra chữ ký của CRL: thuật toán chữ ký cũ {algorithm} với khoá RSA {bits} bit bị từ chối");
    SIGNATURE_DSA_NO_PARAMETERS = ("crl-check-signature-dsa-no-parameters", Note, "RFC 3279 §2.3.2", "{crl}: CRL signature not checked: DSA key without parameters and none to inherit", "{crl}: chưa kiểm tra chữ ký của CRL: khoá DSA không có tham số và không có tham số để kế thừa");
}
