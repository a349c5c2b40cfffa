//! Input files: certificates, CRLs, BER/DER, PEM-or-DER detection, trust anchors and the
//! untrusted pool, digest names.

catalog! {
    FILE_IS_DIRECTORY = ("file-is-directory", Error, "", "is a directory, expected a file", "là một thư mục, cần một tệp");
    FILE_TOO_LARGE = ("file-too-large", Error, "", "file is too large ({size} bytes; kyso reads at most {limit} MiB for this kind of file)", "tệp quá lớn ({size} byte; kyso chỉ đọc tối đa {limit} MiB cho loại tệp này)");
    FILE_EMPTY = ("file-empty", Error, "", "file is empty", "tệp rỗng");
    FILE_NOT_PEM_OR_DER = ("file-not-pem-or-der", Error, "", "neither PEM nor DER (no PEM header, and not a DER SEQUENCE)", "không phải PEM cũng không phải DER (không có dòng đầu PEM, và không phải DER SEQUENCE)");

    BER_TAG_TOO_LARGE = ("ber-tag-too-large", Error, "X.690 §8.1.2", "malformed BER/DER: tag number too large", "BER/DER sai định dạng: số hiệu thẻ quá lớn");
    BER_INDEFINITE_PRIMITIVE = ("ber-indefinite-primitive", Error, "X.690 §8.1.3.2", "malformed BER/DER: indefinite length on a primitive value", "BER/DER sai định dạng: độ dài không xác định trên một giá trị nguyên thuỷ");
    BER_LENGTH_TOO_LARGE = ("ber-length-too-large", Error, "X.690 §8.1.3", "malformed BER/DER: length too large", "BER/DER sai định dạng: độ dài quá lớn");
    BER_INDEFINITE_LENGTH = ("ber-indefinite-length", Error, "X.690 §10.1", "malformed BER/DER: indefinite length", "BER/DER sai định dạng: độ dài không xác định");
    BER_TRUNCATED = ("ber-truncated", Error, "X.690 §8.1", "malformed BER/DER: truncated", "BER/DER sai định dạng: bị cắt cụt");
    BER_TOO_DEEP = ("ber-too-deep", Error, "", "malformed BER/DER: nested too deeply", "BER/DER sai định dạng: lồng nhau quá sâu");
    BER_NO_END_OF_CONTENTS = ("ber-no-end-of-contents", Error, "X.690 §8.1.5", "malformed BER/DER: truncated (no end-of-contents)", "BER/DER sai định dạng: bị cắt cụt (không có dấu kết thúc nội dung)");
    BER_MIXED_SEGMENTS = ("ber-mixed-segments", Error, "X.690 §8.23.6", "malformed BER/DER: a constructed string holds a segment of another type", "BER/DER sai định dạng: chuỗi cấu trúc chứa một đoạn thuộc kiểu khác");
    BER_TRAILING_DATA = ("ber-trailing-data", Error, "", "malformed BER/DER: trailing data after the value", "BER/DER sai định dạng: có dữ liệu thừa sau giá trị");

    ASN1_UNEXPECTED_TAG = ("asn1-unexpected-tag", Error, "X.690 §8.1.2", "expected {expected}, found {actual}", "cần {expected} nhưng gặp {actual}");
    ASN1_TRUNCATED = ("asn1-truncated", Error, "X.690 §8.1", "the data ends before the structure does (truncated)", "dữ liệu kết thúc trước khi hết cấu trúc (bị cắt cụt)");
    ASN1_TRUNCATED_AT = ("asn1-truncated-at", Error, "X.690 §8.1.3", "truncated at byte {offset} ({missing} more bytes needed)", "bị cắt cụt tại byte {offset} (cần thêm {missing} byte)");
    ASN1_INDEFINITE_LENGTH = ("asn1-indefinite-length", Error, "X.690 §10.1", "an indefinite length, which DER forbids", "độ dài không xác định, điều mà DER không cho phép");
    ASN1_BAD_HEADER = ("asn1-bad-header", Error, "X.690 §8.1.2-§8.1.3", "a malformed tag or length", "thẻ hoặc độ dài sai định dạng");
    ASN1_FIELD_INVALID = ("asn1-field-invalid", Error, "RFC 5280 §4.1", "the {field} field is malformed", "trường {field} sai định dạng");
    ASN1_DUPLICATE = ("asn1-duplicate", Error, "RFC 5280 §4.2", "the {field} contain a duplicate", "{field} có phần tử trùng lặp");
    ASN1_MALFORMED = ("asn1-malformed", Error, "X.690", "malformed ASN.1", "ASN.1 sai định dạng");
    ASN1_AT_BYTE = ("asn1-at-byte", Error, "X.690", "{problem} at byte {offset}", "{problem} tại byte {offset}");
    ASN1_UNEXPECTED_TAG_ANY = ("asn1-unexpected-tag-any", Error, "X.690 §8.1.2", "found {actual}, which does not belong here", "gặp {actual}, không được phép ở vị trí này");
    ASN1_TRAILING_DATA = ("asn1-trailing-data", Error, "X.690 §8.1.1", "trailing data after byte {offset}", "có dữ liệu thừa sau byte {offset}");
    ASN1_BAD_LENGTH = ("asn1-bad-length", Error, "X.690 §8.1.3", "a {tag} with a wrong length", "{tag} có độ dài sai");
    ASN1_NON_CANONICAL = ("asn1-non-canonical", Error, "X.690 §10-§11", "a {tag} not encoded as DER requires", "{tag} không được mã hoá đúng quy tắc DER");
    ASN1_BAD_VALUE = ("asn1-bad-value", Error, "X.690 §8", "a malformed {tag} value", "giá trị {tag} sai định dạng");
    ASN1_OID_MALFORMED = ("asn1-oid-malformed", Error, "X.690 §8.19", "a malformed OBJECT IDENTIFIER", "OBJECT IDENTIFIER sai định dạng");
    ASN1_OID_UNKNOWN = ("asn1-oid-unknown", Error, "", "an unknown object identifier {oid}", "định danh đối tượng {oid} không xác định");
    ASN1_SET_DUPLICATE = ("asn1-set-duplicate", Error, "X.690 §11.6", "a SET OF with a duplicate element", "SET OF có phần tử trùng lặp");
    ASN1_SET_ORDER = ("asn1-set-order", Error, "X.690 §11.6", "a SET OF whose elements are not in DER order", "SET OF có các phần tử không theo thứ tự DER");
    ASN1_TOO_LONG = ("asn1-too-long", Error, "", "a length too large to read", "độ dài quá lớn, không đọc được");
    ASN1_BAD_TIME = ("asn1-bad-time", Error, "X.680 §46-§47", "an invalid date or time", "ngày giờ không hợp lệ");
    ASN1_BAD_UTF8 = ("asn1-bad-utf8", Error, "X.680 §41", "a string that is not valid UTF-8", "chuỗi không phải UTF-8 hợp lệ");
    ASN1_TAG_UNSUPPORTED = ("asn1-tag-unsupported", Error, "X.690 §8.1.2", "an unsupported tag (byte 0x{byte})", "thẻ không được hỗ trợ (byte 0x{byte})");
    CERT_MALFORMED = ("cert-malformed", Error, "RFC 5280 §4.1", "not a valid X.509 certificate: {detail}", "không phải chứng thư số X.509 hợp lệ: {detail}");
    CERT_TRAILING_DATA = ("cert-trailing-data", Error, "RFC 5280 §4.1", "not a certificate: trailing data after the certificate", "không phải chứng thư số: có dữ liệu thừa sau chứng thư");
    CERT_NOT_FOUND = ("cert-not-found", Error, "", "no certificate found (found PEM block(s): {labels})", "không tìm thấy chứng thư số (các khối PEM tìm thấy: {labels})");
    PKCS7_MALFORMED = ("pkcs7-malformed", Error, "RFC 2315 §9.1", "not a valid PKCS#7 certificate bundle: {detail}", "không phải gói chứng thư số PKCS#7 hợp lệ: {detail}");
    PKCS7_PART_MISSING = ("pkcs7-part-missing", Error, "RFC 2315 §9.1", "the {part} is missing or malformed", "thiếu {part} hoặc phần này sai định dạng");
    PKCS7_HAS_SIGNERS = ("pkcs7-has-signers", Error, "RFC 2315 §9.1", "a PKCS#7 SignedData with {count} signer(s) is a signature, not a certificate bundle (certs-only)", "SignedData PKCS#7 có {count} người ký là một chữ ký, không phải gói chứng thư số (chỉ chứa chứng thư)");
    CERT_EXPECTED_ONE = ("cert-expected-one", Error, "", "expected one certificate, found {count}", "cần đúng một chứng thư số, tìm thấy {count}");

    CRL_MALFORMED = ("crl-malformed", Error, "RFC 5280 §5.1", "not a valid X.509 CRL: {detail}", "không phải CRL (danh sách chứng thư bị thu hồi) X.509 hợp lệ: {detail}");
    CRL_TRAILING_DATA = ("crl-trailing-data", Error, "RFC 5280 §5.1", "not a CRL: trailing data after the CRL", "không phải CRL: có dữ liệu thừa sau CRL");
    OCSP_MALFORMED = ("ocsp-response-malformed", Error, "RFC 6960 §4.2.1", "not a valid OCSP response: {detail}", "không phải phản hồi OCSP hợp lệ: {detail}");
    OCSP_REQUEST_ENCODING = ("ocsp-request-encoding", Error, "RFC 6960 §4.1.1", "the OCSP request cannot be encoded: {detail}", "không mã hoá được yêu cầu OCSP: {detail}");
    CRL_NOT_FOUND = ("crl-not-found", Error, "", "no CRL found", "không tìm thấy CRL nào");

    DIGEST_SHA1_REFUSED = ("digest-sha1-refused", Error, "Circular 15/2025/TT-BKHCN", "SHA-1 is not allowed for new signatures", "không được dùng hàm băm SHA-1 cho chữ ký mới");
    DIGEST_UNKNOWN = ("digest-unknown", Error, "", "unknown digest '{name}' (sha256, sha384, sha512)", "hàm băm '{name}' không xác định (sha256, sha384, sha512)");

    TRUST_NO_FILES = ("trust-no-files", Error, "", "no certificate files in this directory", "thư mục này không có tệp chứng thư số nào");
    TRUST_DIR_NO_ANCHOR = ("trust-dir-no-anchor", Error, "", "no usable certificate in this directory ({files} file(s), none holds a certificate that parses)", "thư mục này không có chứng thư số nào dùng được ({files} tệp, không tệp nào chứa chứng thư số đọc được)");
    TRUST_POOL_DIR_EMPTY = ("trust-pool-dir-empty", Warning, "", "{dir}: no usable certificate in this directory", "{dir}: thư mục này không có chứng thư số nào dùng được");
    CRL_DIR_EMPTY = ("crl-dir-empty", Warning, "", "{dir}: no usable CRL in this directory", "{dir}: thư mục này không có CRL nào dùng được");
    TRUST_POOL_FILE_SKIPPED = ("trust-pool-file-skipped", Warning, "", "{file}: skipped: {reason}", "{file}: bỏ qua: {reason}");
    TRUST_POOL_CERT_SKIPPED = ("trust-pool-cert-skipped", Warning, "", "{file}: certificate #{index} skipped: {reason}", "{file}: bỏ qua chứng thư số thứ {index}: {reason}");
    TRUST_POOL_DER_SKIPPED = ("trust-pool-der-skipped", Warning, "", "{source}: certificate skipped: {reason}", "{source}: bỏ qua chứng thư số: {reason}");

    TRUST_LIST_MALFORMED = ("trust-list-malformed", Error, "", "not a kyso trust list (JSON, format kyso.trust-list/1): {detail}", "không phải danh sách tin cậy của kyso (JSON, định dạng kyso.trust-list/1): {detail}");
    TRUST_LIST_NO_DOMAIN = ("trust-list-no-domain", Error, "", "entry {index} ({file}): a trust anchor needs a domain", "mục {index} ({file}): điểm tin cậy cần có miền tin cậy");
    TRUST_LIST_PIN_COUNT = ("trust-list-pin-count", Error, "", "entry {index} ({file}): a pinned entry must hold exactly one certificate, found {count}", "mục {index} ({file}): mục có ghim SHA-256 phải chứa đúng một chứng thư số, tìm thấy {count}");
    TRUST_LIST_PIN_MISMATCH = ("trust-list-pin-mismatch", Error, "", "entry {index} ({file}): the certificate's SHA-256 {actual} is not the pinned {expected}", "mục {index} ({file}): SHA-256 {actual} của chứng thư số khác giá trị ghim {expected}");
    TRUST_BUILTIN_SKIPPED = ("trust-builtin-skipped", Warning, "", "built-in trust list: {file} skipped: {reason}", "danh sách tin cậy tích hợp: bỏ qua {file}: {reason}");
}
