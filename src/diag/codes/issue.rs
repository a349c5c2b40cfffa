//! Issuing certificates, CRLs and certification requests (`issue-`), distinguished names
//! (`dn-`) and PKCS#10 requests (`csr-`).

catalog! {
    // Encoding and signing.
    ENCODE_FAILED = ("issue-encode-failed", Error, "", "cannot encode {what}: {detail}", "không thể mã hoá {what}: {detail}");
    NOT_DER = ("issue-not-der", Error, "", "{what} is not valid DER: {detail}", "{what} không phải DER hợp lệ: {detail}");
    SIGNING = ("issue-signing", Error, "", "signing", "đang ký");
    KEY_CANNOT_SIGN = ("issue-key-cannot-sign", Error, "", "the issuer key ({key}) cannot sign with {algorithm}", "khoá của tổ chức cấp ({key}) không thể ký bằng {algorithm}");
    SIGNER_BAD_PUBLIC_KEY = ("issue-signer-bad-public-key", Error, "", "signer has an invalid public key: {detail}", "khoá công khai của người ký không hợp lệ: {detail}");
    UNREADABLE_CERTIFICATE = ("issue-unreadable-certificate", Error, "", "kyso produced an unreadable certificate (bug)", "kyso tạo ra chứng thư không đọc được (lỗi phần mềm)");
    UNREADABLE_CRL = ("issue-unreadable-crl", Error, "", "kyso produced an unreadable CRL (bug)", "kyso tạo ra CRL không đọc được (lỗi phần mềm)");
    RNG_FAILED = ("issue-rng-failed", Error, "", "the system random number generator failed", "bộ sinh số ngẫu nhiên của hệ thống bị lỗi");
    DATE_BEFORE_1970 = ("issue-date-before-1970", Error, "", "dates before 1970 are not supported", "không hỗ trợ ngày trước năm 1970");
    DATE_OUT_OF_RANGE = ("issue-date-out-of-range", Error, "RFC 5280 §4.1.2.5", "date out of range: {detail}", "ngày nằm ngoài phạm vi cho phép: {detail}");
    BAD_SERIAL = ("issue-bad-serial", Error, "RFC 5280 §4.1.2.2", "bad serial number {serial}: {detail}", "số hiệu chứng thư {serial} không hợp lệ: {detail}");

    // The issuer.
    ISSUER_KEY_MISMATCH = ("issue-issuer-key-mismatch", Error, "", "the issuer key does not match the issuer certificate", "khoá của tổ chức cấp không khớp với chứng thư của tổ chức cấp");
    ISSUER_NOT_CA = ("issue-issuer-not-ca", Error, "RFC 5280 §4.2.1.9", "the issuer certificate is not a CA certificate (no basicConstraints cA=TRUE): {subject}", "chứng thư của tổ chức cấp không phải chứng thư CA (không có basicConstraints cA=TRUE): {subject}");
    ISSUER_NO_KEY_CERT_SIGN = ("issue-issuer-no-key-cert-sign", Error, "RFC 5280 §4.2.1.3", "the issuer certificate's key usage does not allow keyCertSign", "mục đích sử dụng khoá của chứng thư tổ chức cấp không cho phép keyCertSign");
    ISSUER_NO_CRL_SIGN = ("issue-issuer-no-crl-sign", Error, "RFC 5280 §4.2.1.3", "the issuer certificate's key usage does not allow cRLSign", "mục đích sử dụng khoá của chứng thư tổ chức cấp không cho phép cRLSign");

    // The subject key.
    BAD_SPKI = ("issue-bad-spki", Error, "", "invalid public key (SubjectPublicKeyInfo): {detail}", "khoá công khai không hợp lệ (SubjectPublicKeyInfo): {detail}");
    RSA_KEY_TOO_SHORT = ("issue-rsa-key-too-short", Error, "Circular 15/2025/TT-BKHCN", "refusing to certify a {bits}-bit RSA key: at least 2048 bits are required", "từ chối chứng nhận khoá RSA {bits} bit: yêu cầu tối thiểu 2048 bit");
    EC_CURVE_UNSUPPORTED = ("issue-ec-curve-unsupported", Error, "", "refusing to certify an EC key on curve {curve}: use P-256, P-384 or P-521", "từ chối chứng nhận khoá EC trên đường cong {curve}: hãy dùng P-256, P-384 hoặc P-521");
    EC_CURVE_UNNAMED = ("issue-ec-curve-unnamed", Error, "RFC 5480 §2.1.1", "refusing to certify an EC key without a named curve: use P-256, P-384 or P-521", "từ chối chứng nhận khoá EC không có đường cong định danh: hãy dùng P-256, P-384 hoặc P-521");
    KEY_ALGORITHM_UNSUPPORTED = ("issue-key-algorithm-unsupported", Error, "", "refusing to certify a key of algorithm {algorithm}: RSA, ECDSA or Ed25519 keys only", "từ chối chứng nhận khoá có thuật toán {algorithm}: chỉ hỗ trợ khoá RSA, ECDSA hoặc Ed25519");

    // Cross-certificates.
    CROSS_SUBJECT_NOT_CA = ("issue-cross-subject-not-ca", Error, "RFC 5280 §3.2", "cannot cross-certify {subject}: it is not a CA certificate", "không thể cấp chứng thư chéo cho {subject}: đó không phải chứng thư CA");
    CROSS_PROFILE_NOT_CA = ("issue-cross-profile-not-ca", Error, "RFC 5280 §3.2", "a cross-certificate must be a CA certificate (use the cross-certificate profile)", "chứng thư chéo phải là chứng thư CA (hãy dùng hồ sơ chứng thư chéo)");
    CROSS_SELF = ("issue-cross-self", Error, "", "a CA cannot cross-certify itself: that is a self-signed certificate", "CA không thể tự cấp chứng thư chéo cho chính mình: đó là chứng thư tự ký");

    // Profiles.
    NOT_AFTER_ORDER = ("issue-not-after-order", Error, "RFC 5280 §4.1.2.5", "notAfter must be later than notBefore", "notAfter phải muộn hơn notBefore");
    SERIAL_LENGTH = ("issue-serial-length", Error, "RFC 5280 §4.1.2.2", "the serial number must be 1 to 20 octets and not zero (RFC 5280 §4.1.2.2)", "số hiệu chứng thư phải dài từ 1 đến 20 octet và khác 0 (RFC 5280 §4.1.2.2)");
    KEY_CERT_SIGN_NOT_CA = ("issue-key-cert-sign-not-ca", Error, "RFC 5280 §4.2.1.3", "keyCertSign is only allowed in a CA certificate", "keyCertSign chỉ được phép trong chứng thư CA");
    CA_EXTENSIONS_IN_LEAF = ("issue-ca-extensions-in-leaf", Error, "RFC 5280 §4.2.1.10", "name constraints, policy mappings, policy constraints and inhibitAnyPolicy belong in CA certificates", "ràng buộc tên, ánh xạ chính sách, ràng buộc chính sách và inhibitAnyPolicy chỉ thuộc về chứng thư CA");
    CA_NEEDS_KEY_CERT_SIGN = ("issue-ca-needs-key-cert-sign", Error, "RFC 5280 §4.2.1.3", "a CA certificate with a key usage extension needs keyCertSign", "chứng thư CA có phần mở rộng keyUsage phải có keyCertSign");
    ANY_POLICY_MAPPED = ("issue-any-policy-mapped", Error, "RFC 5280 §4.2.1.5", "anyPolicy cannot be mapped (RFC 5280 §4.2.1.5)", "không được ánh xạ chính sách anyPolicy (RFC 5280 §4.2.1.5)");
    NAME_CONSTRAINTS_EMPTY = ("issue-name-constraints-empty", Error, "RFC 5280 §4.2.1.10", "name constraints need at least one permitted or excluded subtree", "ràng buộc tên cần ít nhất một cây con được phép hoặc bị loại trừ");
    EMPTY_SUBJECT_NEEDS_SAN = ("issue-empty-subject-needs-san", Error, "RFC 5280 §4.1.2.6", "an empty subject needs a subject alternative name (RFC 5280 §4.1.2.6)", "chủ thể rỗng cần có tên thay thế của chủ thể (RFC 5280 §4.1.2.6)");
    IA5_ONLY = ("issue-ia5-only", Error, "RFC 5280 §4.2.1.6", "{field} \"{value}\": only ASCII is allowed (IA5String)", "{field} \"{value}\": chỉ cho phép ký tự ASCII (IA5String)");
    NC_SYNTAX = ("issue-nc-syntax", Error, "", "name constraint \"{constraint}\": expected KIND:VALUE (dir, dns, email, ip, uri)", "ràng buộc tên \"{constraint}\": cần có dạng LOẠI:GIÁ_TRỊ (dir, dns, email, ip, uri)");
    NC_IP_SYNTAX = ("issue-nc-ip-syntax", Error, "", "name constraint \"{constraint}\": expected ADDRESS/PREFIX", "ràng buộc tên \"{constraint}\": cần có dạng ĐỊA_CHỈ/TIỀN_TỐ");
    NC_BAD_IP = ("issue-nc-bad-ip", Error, "", "name constraint \"{constraint}\": bad IP address", "ràng buộc tên \"{constraint}\": địa chỉ IP không hợp lệ");
    NC_BAD_PREFIX = ("issue-nc-bad-prefix", Error, "", "name constraint \"{constraint}\": bad prefix length", "ràng buộc tên \"{constraint}\": độ dài tiền tố không hợp lệ");
    NC_PREFIX_TOO_LONG = ("issue-nc-prefix-too-long", Error, "", "name constraint \"{constraint}\": prefix longer than {max}", "ràng buộc tên \"{constraint}\": tiền tố dài hơn {max}");
    NC_UNKNOWN_KIND = ("issue-nc-unknown-kind", Error, "", "name constraint kind \"{kind}\" unknown (dir, dns, email, ip, uri)", "loại ràng buộc tên \"{kind}\" không được biết (dir, dns, email, ip, uri)");
    NC_NOT_ASCII = ("issue-nc-not-ascii", Error, "RFC 5280 §4.2.1.10", "\"{constraint}\": the value must be non-empty ASCII (IA5String)", "\"{constraint}\": giá trị phải là chuỗi ASCII không rỗng (IA5String)");

    // OIDs.
    OID_BAD_ARC = ("issue-oid-bad-arc", Error, "X.690 §8.19", "invalid OID \"{oid}\": arcs are decimal numbers without leading zeros", "OID \"{oid}\" không hợp lệ: mỗi thành phần là số thập phân không có số 0 đứng đầu");
    OID_ARC_TOO_LARGE = ("issue-oid-arc-too-large", Error, "", "invalid OID \"{oid}\": arc larger than 128 bits", "OID \"{oid}\" không hợp lệ: thành phần lớn hơn 128 bit");
    OID_TOO_FEW_ARCS = ("issue-oid-too-few-arcs", Error, "X.690 §8.19.4", "invalid OID \"{oid}\": at least two arcs are needed", "OID \"{oid}\" không hợp lệ: cần ít nhất hai thành phần");
    OID_BAD_FIRST_ARCS = ("issue-oid-bad-first-arcs", Error, "X.690 §8.19.4", "invalid OID \"{oid}\": first arc must be 0, 1 or 2, and the second below 40 under 0 and 1", "OID \"{oid}\" không hợp lệ: thành phần đầu phải là 0, 1 hoặc 2, và thành phần thứ hai phải nhỏ hơn 40 khi thành phần đầu là 0 hoặc 1");
    OID_SECOND_ARC_TOO_LARGE = ("issue-oid-second-arc-too-large", Error, "X.690 §8.19.4", "invalid OID \"{oid}\": second arc too large", "OID \"{oid}\" không hợp lệ: thành phần thứ hai quá lớn");
    OID_MALFORMED = ("issue-oid-malformed", Error, "X.690 §8.19", "malformed OBJECT IDENTIFIER", "OBJECT IDENTIFIER sai định dạng");

    // CRLs.
    UNKNOWN_REASON = ("issue-unknown-reason", Error, "RFC 5280 §5.3.1", "unknown revocation reason \"{reason}\" (one of: {known})", "lý do thu hồi \"{reason}\" không được biết (một trong: {known})");
    NEXT_UPDATE_ORDER = ("issue-next-update-order", Error, "RFC 5280 §5.1.2.5", "nextUpdate must be later than thisUpdate", "nextUpdate phải muộn hơn thisUpdate");
    CRL_NUMBER_LENGTH = ("issue-crl-number-length", Error, "RFC 5280 §5.2.3", "the CRL number must be 1 to 20 octets (RFC 5280 §5.2.3)", "số CRL phải dài từ 1 đến 20 octet (RFC 5280 §5.2.3)");

    // Distinguished names.
    DN_EMPTY_COMPONENT = ("dn-empty-component", Error, "", "empty component in distinguished name \"{name}\"", "tên phân biệt \"{name}\" có thành phần rỗng");
    DN_DUPLICATE_ATTRIBUTE = ("dn-duplicate-attribute", Error, "", "duplicate attribute in one RDN \"{rdn}\": {detail}", "thuộc tính lặp lại trong một RDN \"{rdn}\": {detail}");
    DN_MALFORMED = ("dn-malformed", Error, "RFC 5280 §4.1.2.4", "not a valid distinguished name: {detail}", "tên phân biệt không hợp lệ: {detail}");
    DN_LONE_BACKSLASH = ("dn-lone-backslash", Error, "RFC 4514 §3", "distinguished name \"{name}\" ends with a lone backslash", "tên phân biệt \"{name}\" kết thúc bằng một dấu gạch chéo ngược đơn lẻ");
    DN_ESCAPED_NAME = ("dn-escaped-name", Error, "RFC 4514 §3", "escaped character in attribute name of \"{attribute}\"", "tên thuộc tính của \"{attribute}\" chứa ký tự thoát");
    DN_EXPECTED_NAME_VALUE = ("dn-expected-name-value", Error, "RFC 4514 §3", "expected NAME=value, found \"{found}\"", "cần có dạng TÊN=giá trị, nhưng gặp \"{found}\"");
    DN_MISSING_NAME = ("dn-missing-name", Error, "RFC 4514 §3", "missing attribute name before ={value}", "thiếu tên thuộc tính trước ={value}");
    DN_EMPTY_VALUE = ("dn-empty-value", Error, "", "attribute {name} has an empty value", "thuộc tính {name} có giá trị rỗng");
    DN_UNKNOWN_ATTRIBUTE = ("dn-unknown-attribute", Error, "", "unknown attribute \"{name}\" (known: C, ST, L, STREET, O, OU, CN, T, SN, GN, SERIALNUMBER, UID, DC, E, or a dotted OID)", "thuộc tính \"{name}\" không được biết (đã biết: C, ST, L, STREET, O, OU, CN, T, SN, GN, SERIALNUMBER, UID, DC, E, hoặc một OID dạng số chấm)");
    DN_BAD_OID = ("dn-bad-oid", Error, "", "bad attribute OID \"{name}\": {detail}", "OID thuộc tính \"{name}\" không hợp lệ: {detail}");
    DN_COUNTRY = ("dn-country", Error, "RFC 5280 Appendix A", "attribute {name}=\"{value}\": a country must be a two-letter ISO 3166 code", "thuộc tính {name}=\"{value}\": quốc gia phải là mã ISO 3166 gồm hai chữ cái");
    DN_NOT_PRINTABLE = ("dn-not-printable", Error, "RFC 5280 Appendix A", "attribute {name}=\"{value}\": characters not allowed in a PrintableString", "thuộc tính {name}=\"{value}\": có ký tự không được phép trong PrintableString");
    DN_NOT_ASCII = ("dn-not-ascii", Error, "RFC 5280 Appendix A", "attribute {name}=\"{value}\": only ASCII is allowed", "thuộc tính {name}=\"{value}\": chỉ cho phép ký tự ASCII");
    DN_BAD_VALUE = ("dn-bad-value", Error, "", "attribute {name}=\"{value}\": {detail}", "thuộc tính {name}=\"{value}\": {detail}");

    // Certification requests.
    CSR_MALFORMED = ("csr-malformed", Error, "RFC 2986 §4", "not a valid PKCS#10 certification request: {detail}", "không phải yêu cầu chứng thực PKCS#10 hợp lệ: {detail}");
    CSR_TRAILING_DATA = ("csr-trailing-data", Error, "RFC 2986 §4", "not a certification request: trailing data", "không phải yêu cầu chứng thực: có dữ liệu thừa phía sau");
    CSR_SIGNATURE_UNSUPPORTED = ("csr-signature-unsupported", Error, "RFC 2986 §3", "the request's signature algorithm is not supported ({detail})", "thuật toán chữ ký của yêu cầu không được hỗ trợ ({detail})");
    CSR_BAD_SIGNATURE = ("csr-bad-signature", Error, "RFC 2986 §3", "the request's signature does not verify (not signed by its own key)", "chữ ký của yêu cầu không hợp lệ (không được ký bằng chính khoá của nó)");
    CSR_NOT_FOUND = ("csr-not-found", Error, "", "no certification request found (found PEM block(s): {labels})", "không tìm thấy yêu cầu chứng thực (các khối PEM tìm thấy: {labels})");
    CSR_MANY = ("csr-many", Error, "", "expected one certification request, found {count}", "cần đúng một yêu cầu chứng thực, nhưng tìm thấy {count}");
    CSR_ALT_NAME_UNSUPPORTED = ("csr-alt-name-unsupported", Error, "", "subject alternative name {name} cannot be copied", "không thể sao chép tên thay thế của chủ thể {name}");
    CSR_UNREADABLE = ("csr-unreadable", Error, "", "kyso produced an unreadable request (bug)", "kyso tạo ra yêu cầu chứng thực không đọc được (lỗi phần mềm)");
}
