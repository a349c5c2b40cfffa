//! Certification path building and validation (src/path): the path builder and RFC 5280 §6.1
//! validation (`path-`), name constraints and name checks (`nc-`), certificate policies
//! (`policy-`).

catalog! {
    // Building.
    NO_ANCHOR = ("path-no-anchor", Error, "RFC 5280 §6.1.1 (d)", "no trust anchor was given", "không có điểm tin cậy nào được cung cấp");
    NO_PATH = ("path-no-path", Error, "RFC 5280 §6.1", "no path found", "không tìm thấy đường dẫn chứng thực");
    BUDGET_SIGNATURES = ("path-budget-signatures", Error, "kyso work budget", "path building stopped: the budget of {limit} signature checks ran out", "dừng xây dựng đường dẫn chứng thực: đã hết ngân sách {limit} lần kiểm tra chữ ký");
    BUDGET_BUILD_CALLS = ("path-budget-build-calls", Error, "kyso work budget", "path building stopped: the budget of {limit} path-building steps ran out", "dừng xây dựng đường dẫn chứng thực: đã hết ngân sách {limit} bước xây dựng");
    BUDGET_NC_COMPARISONS = ("path-budget-nc-comparisons", Error, "kyso work budget", "path building stopped: the budget of {limit} name-constraint comparisons ran out", "dừng xây dựng đường dẫn chứng thực: đã hết ngân sách {limit} phép so sánh ràng buộc tên");
    BUDGET_POLICY_NODES = ("path-budget-policy-nodes", Error, "kyso work budget", "path building stopped: the budget of {limit} policy-tree nodes ran out", "dừng xây dựng đường dẫn chứng thực: đã hết ngân sách {limit} nút của cây chính sách");
    BUDGET_SOURCE_QUERIES = ("path-budget-source-queries", Error, "kyso work budget", "path building stopped: the budget of {limit} issuer and revocation source queries ran out", "dừng xây dựng đường dẫn chứng thực: đã hết ngân sách {limit} lần hỏi nguồn tổ chức cấp và nguồn thu hồi");
    LOOP = ("path-loop", Error, "RFC 5280 §6.1", "this issuer is already in the path (a loop of cross-certificates)", "tổ chức cấp này đã có trong đường dẫn chứng thực (vòng lặp chứng thư chéo)");
    MAX_DEPTH = ("path-max-depth", Error, "kyso max depth", "the path would exceed the maximum depth of {max} certificates", "đường dẫn chứng thực sẽ vượt quá độ dài tối đa {max} chứng thư");
    NOT_CA = ("path-not-ca", Error, "RFC 5280 §6.1.4 (k)", "an intermediate certificate is not a CA certificate (basicConstraints cA is not set)", "chứng thư trung gian không phải chứng thư CA (basicConstraints không đặt cA)");
    UNREACHABLE_ISSUERS = ("path-unreachable-issuers", Error, "RFC 5280 §6.1", "{count} candidate issuer(s) of this certificate lead to no trust anchor within {max} certificates", "{count} tổ chức cấp ứng viên của chứng thư này không dẫn tới điểm tin cậy nào trong vòng {max} chứng thư");
    ISSUER_NOT_FOUND = ("path-issuer-not-found", Error, "RFC 5280 §6.1", "no issuer found for this certificate (issuer {issuer})", "không tìm thấy tổ chức cấp của chứng thư này (tổ chức cấp {issuer})");
    HOOK_REJECTED = ("path-hook-rejected", Error, "caller policy", "the caller's policy rejected this path: {reason}", "chính sách của bên gọi từ chối đường dẫn chứng thực này: {reason}");
    // RFC 5280 §6.1 validation.
    SIGNATURE_ALGORITHM_MISMATCH = ("path-signature-algorithm-mismatch", Error, "RFC 5280 §4.1.1.2", "signatureAlgorithm differs from tbsCertificate.signature", "signatureAlgorithm khác với tbsCertificate.signature");
    DSA_NO_INHERITED_PARAMETERS = ("path-dsa-no-inherited-parameters", Error, "RFC 5280 §6.1.4 (e)", "the issuer's DSA key has no parameters to inherit", "khoá DSA của tổ chức cấp không có tham số để kế thừa");
    NOT_YET_VALID = ("path-not-yet-valid", Error, "RFC 5280 §6.1.3 (a)(2)", "not yet valid (notBefore {not_before})", "chưa có hiệu lực (notBefore {not_before})");
    EXPIRED = ("path-expired", Error, "RFC 5280 §6.1.3 (a)(2)", "expired (notAfter {not_after})", "đã hết hạn (notAfter {not_after})");
    NAME_CHAINING = ("path-name-chaining", Error, "RFC 5280 §6.1.3 (a)(4)", "issuer name does not match the subject of the issuing certificate", "tên tổ chức cấp không khớp với chủ thể của chứng thư cấp");
    MALFORMED_EXTENSION = ("path-malformed-extension", Error, "RFC 5280 §4.2", "malformed extension {oid}: {detail}", "phần mở rộng {oid} sai định dạng: {detail}");
    PATH_LENGTH = ("path-length-exceeded", Error, "RFC 5280 §6.1.4 (l)", "the path is longer than a pathLenConstraint allows", "đường dẫn chứng thực dài hơn mức pathLenConstraint cho phép");
    NO_KEY_CERT_SIGN = ("path-no-key-cert-sign", Error, "RFC 5280 §6.1.4 (n)", "a CA certificate's keyUsage lacks keyCertSign", "keyUsage của chứng thư CA thiếu keyCertSign");
    MALFORMED_KEY_USAGE = ("path-malformed-key-usage", Error, "RFC 5280 §4.2.1.3", "malformed keyUsage: {detail}", "keyUsage sai định dạng: {detail}");
    KEY_USAGE_LACKS = ("path-key-usage-lacks", Error, "RFC 5280 §4.2.1.3", "keyUsage lacks {usage}", "keyUsage thiếu {usage}");
    MALFORMED_EKU = ("path-malformed-eku", Error, "RFC 5280 §4.2.1.12", "malformed extKeyUsage: {detail}", "extKeyUsage sai định dạng: {detail}");
    EKU_NOT_ALLOWED = ("path-eku-not-allowed", Error, "RFC 5280 §4.2.1.12", "extKeyUsage does not allow {usage}", "extKeyUsage không cho phép {usage}");
    UNKNOWN_CRITICAL_EXTENSION = ("path-unknown-critical-extension", Error, "RFC 5280 §6.1.4 (o)", "unknown critical extension {oid}", "phần mở rộng bắt buộc (critical) không xác định {oid}");
    LEGACY_SIGNATURE = ("path-legacy-signature", Warning, "Circular 15/2025/TT-BKHCN", "legacy algorithm: certificate {subject} is verified with {algorithm}", "thuật toán cũ: chứng thư {subject} được kiểm tra bằng {algorithm}");
    LEGACY_KEY = ("path-legacy-key", Warning, "Circular 15/2025/TT-BKHCN", "legacy algorithm: certificate {subject} has a {algorithm}", "thuật toán cũ: chứng thư {subject} có khoá {algorithm}");
    LEGACY_ANCHOR_KEY = ("path-legacy-anchor-key", Warning, "Circular 15/2025/TT-BKHCN", "legacy algorithm: trust anchor {subject} has a {algorithm}", "thuật toán cũ: điểm tin cậy {subject} có khoá {algorithm}");
    // Revocation during validation.
    REVOKED = ("path-revoked", Error, "RFC 5280 §6.3.3", "revoked on {date} ({reason}) according to a CRL of {crl_issuer}", "bị thu hồi ngày {date} ({reason}) theo CRL của {crl_issuer}");
    REVOKED_NO_REASON = ("path-revoked-no-reason", Error, "RFC 5280 §6.3.3", "revoked on {date} (no reason given) according to a CRL of {crl_issuer}", "bị thu hồi ngày {date} (không nêu lý do) theo CRL của {crl_issuer}");
    // Certificate profile (RFC 5280 §4 MUSTs, CA/B Baseline Requirements).
    SERIAL_TOO_LONG = ("path-serial-too-long", Error, "RFC 5280 §4.1.2.2", "serial number of {octets} octets (20 at most)", "số hiệu chứng thư dài {octets} octet (tối đa 20)");
    SERIAL_ZERO = ("path-serial-zero", Error, "RFC 5280 §4.1.2.2", "serial number is zero", "số hiệu chứng thư bằng 0");
    CA_EMPTY_SUBJECT = ("path-ca-empty-subject", Error, "RFC 5280 §4.1.2.6", "a CA certificate has an empty subject", "chứng thư CA có chủ thể rỗng");
    EXTENSION_MUST_BE_CRITICAL = ("path-extension-must-be-critical", Error, "RFC 5280 §4.2", "extension {oid} must be critical", "phần mở rộng {oid} phải được đánh dấu critical");
    EXTENSION_MUST_NOT_BE_CRITICAL = ("path-extension-must-not-be-critical", Error, "RFC 5280 §4.2", "extension {oid} must not be critical", "phần mở rộng {oid} không được đánh dấu critical");
    EE_KEY_CERT_SIGN_WITHOUT_CA = ("path-ee-key-cert-sign-without-ca", Error, "RFC 5280 §4.2.1.3", "the end-entity certificate asserts keyCertSign without basicConstraints cA", "chứng thư thuê bao khai báo keyCertSign mà không có basicConstraints cA");
    KEY_CERT_SIGN_WITHOUT_CA = ("path-key-cert-sign-without-ca", Error, "RFC 5280 §4.2.1.3", "the certificate asserts keyCertSign without basicConstraints cA", "chứng thư khai báo keyCertSign mà không có basicConstraints cA");
    EXTENSION_MISSING = ("path-extension-missing", Error, "RFC 5280 §4.2", "the {extension} extension is missing", "thiếu phần mở rộng {extension}");
    NAMED_EXTENSION_MUST_BE_CRITICAL = ("path-named-extension-must-be-critical", Error, "RFC 5280 §4.2", "the {extension} extension must be critical", "phần mở rộng {extension} phải được đánh dấu critical");
    AKI_NO_KEY_IDENTIFIER = ("path-aki-no-key-identifier", Error, "RFC 5280 §4.2.1.1", "the authorityKeyIdentifier has no keyIdentifier", "authorityKeyIdentifier không có keyIdentifier");
    ANCHOR_NOT_YET_VALID = ("path-anchor-not-yet-valid", Error, "RFC 5280 §4.1.2.5", "the trust anchor is not yet valid (notBefore {not_before})", "điểm tin cậy chưa có hiệu lực (notBefore {not_before})");
    ANCHOR_EXPIRED = ("path-anchor-expired", Error, "RFC 5280 §4.1.2.5", "the trust anchor has expired (notAfter {not_after})", "điểm tin cậy đã hết hạn (notAfter {not_after})");
    ANCHOR_EMPTY_SUBJECT = ("path-anchor-empty-subject", Error, "RFC 5280 §4.1.2.6", "the trust anchor has an empty subject", "điểm tin cậy có chủ thể rỗng");
    ANCHOR_EXTENSION_MUST_BE_CRITICAL = ("path-anchor-extension-must-be-critical", Error, "RFC 5280 §4.2", "the trust anchor's extension {oid} must be critical", "phần mở rộng {oid} của điểm tin cậy phải được đánh dấu critical");
    ANCHOR_EXTENSION_MUST_NOT_BE_CRITICAL = ("path-anchor-extension-must-not-be-critical", Error, "RFC 5280 §4.2", "the trust anchor's extension {oid} must not be critical", "phần mở rộng {oid} của điểm tin cậy không được đánh dấu critical");
    ANCHOR_BASIC_CONSTRAINTS_NOT_CRITICAL = ("path-anchor-basic-constraints-not-critical", Error, "RFC 5280 §4.2.1.9", "the trust anchor's basicConstraints is not critical", "basicConstraints của điểm tin cậy không được đánh dấu critical");
    ANCHOR_NOT_CA = ("path-anchor-not-ca", Error, "RFC 5280 §4.2.1.9", "the trust anchor is not a CA certificate (basicConstraints cA is not set)", "điểm tin cậy không phải chứng thư CA (basicConstraints không đặt cA)");
    MALFORMED_BASIC_CONSTRAINTS = ("path-malformed-basic-constraints", Error, "RFC 5280 §4.2.1.9", "malformed basicConstraints: {detail}", "basicConstraints sai định dạng: {detail}");
    ANCHOR_NO_KEY_CERT_SIGN = ("path-anchor-no-key-cert-sign", Error, "RFC 5280 §4.2.1.3", "the trust anchor's keyUsage lacks keyCertSign", "keyUsage của điểm tin cậy thiếu keyCertSign");
    CN_NON_ASCII_HOST = ("path-cn-non-ascii-host", Error, "CA/B BR 7.1.4.3", "the commonName '{cn}' is a host name with non-ASCII characters, so it cannot copy a dNSName (IA5String): write it as the A-label", "commonName '{cn}' là tên máy chủ có ký tự ngoài ASCII nên không thể sao chép một dNSName (IA5String): hãy viết dưới dạng A-label");
    ROOT_WITH_EKU = ("path-root-with-eku", Error, "CA/B BR 7.1.2.1.2", "a root CA certificate must not carry extKeyUsage", "chứng thư CA gốc không được có extKeyUsage");
    MALFORMED_AKI = ("path-malformed-aki", Error, "CA/B BR 7.1.2.1.3", "malformed authorityKeyIdentifier", "authorityKeyIdentifier sai định dạng");
    ROOT_AKI_NOT_KEY_ID_ONLY = ("path-root-aki-not-key-id-only", Error, "CA/B BR 7.1.2.1.3", "a root's authorityKeyIdentifier must hold a keyIdentifier only", "authorityKeyIdentifier của chứng thư gốc chỉ được chứa keyIdentifier");
    ROOT_AKI_NO_KEY_ID = ("path-root-aki-no-key-id", Error, "CA/B BR 7.1.2.1.3", "a root's authorityKeyIdentifier has no keyIdentifier", "authorityKeyIdentifier của chứng thư gốc không có keyIdentifier");
    ROOT_AKI_DIFFERS = ("path-root-aki-differs", Error, "CA/B BR 7.1.2.1.3", "a root's authorityKeyIdentifier differs from its subjectKeyIdentifier", "authorityKeyIdentifier của chứng thư gốc khác subjectKeyIdentifier của nó");
    CA_EKU_NO_SERVER_AUTH = ("path-ca-eku-no-server-auth", Error, "CA/B BR 7.1.2.10.6", "the CA certificate's extKeyUsage does not allow serverAuth", "extKeyUsage của chứng thư CA không cho phép serverAuth");
    TLS_EKU_CRITICAL = ("path-tls-eku-critical", Error, "CA/B BR 7.1.2.7.6", "the extKeyUsage extension must not be critical", "phần mở rộng extKeyUsage không được đánh dấu critical");
    TLS_ANY_EKU = ("path-tls-any-eku", Error, "CA/B BR 7.1.2.7.10", "a TLS server certificate must not assert anyExtendedKeyUsage", "chứng thư máy chủ TLS không được khai báo anyExtendedKeyUsage");
    TLS_EKU_NO_SERVER_AUTH = ("path-tls-eku-no-server-auth", Error, "CA/B BR 7.1.2.7.10", "the extKeyUsage lacks serverAuth", "extKeyUsage thiếu serverAuth");
    TLS_NO_EKU = ("path-tls-no-eku", Error, "CA/B BR 7.1.2.7.6", "a TLS server certificate must carry extKeyUsage with serverAuth", "chứng thư máy chủ TLS phải có extKeyUsage với serverAuth");
    TLS_CA = ("path-tls-ca", Error, "CA/B BR 7.1.2.7.8", "a TLS server certificate must not have cA = TRUE", "chứng thư máy chủ TLS không được có cA = TRUE");
    TLS_KEY_CERT_SIGN = ("path-tls-key-cert-sign", Error, "CA/B BR 7.1.2.7.11", "a TLS server certificate must not assert keyCertSign", "chứng thư máy chủ TLS không được khai báo keyCertSign");
    // Name constraints.
    NC_SAN_DUPLICATE = ("nc-san-duplicate", Error, "RFC 5280 §4.2", "the subjectAltName extension appears more than once", "phần mở rộng subjectAltName xuất hiện nhiều lần");
    NC_IN_END_ENTITY = ("nc-in-end-entity", Error, "RFC 5280 §4.2.1.10", "an end-entity certificate carries a nameConstraints extension, which is allowed only in CA certificates", "chứng thư thuê bao có phần mở rộng nameConstraints, vốn chỉ được phép trong chứng thư CA");
    NC_MALFORMED_SUBJECT = ("nc-malformed-subject", Error, "RFC 5280 §4.2.1.10", "malformed subject name: {detail}", "tên chủ thể sai định dạng: {detail}");
    NC_EMAIL_NOT_STRING = ("nc-email-not-string", Error, "RFC 5280 §4.2.1.10", "subject emailAddress is not a string, under rfc822Name constraints", "emailAddress của chủ thể không phải chuỗi ký tự, trong khi có ràng buộc tên rfc822Name");
    NC_MALFORMED_SAN = ("nc-malformed-san", Error, "RFC 5280 §4.2.1.6", "malformed subjectAltName extension: {detail}", "phần mở rộng subjectAltName sai định dạng: {detail}");
    NC_UNSUPPORTED_FORM = ("nc-unsupported-form", Error, "RFC 5280 §4.2.1.10", "the certificate has a {form} subjectAltName and the path constrains that name form, which kyso does not process", "chứng thư có subjectAltName dạng {form} và đường dẫn chứng thực ràng buộc dạng tên đó, dạng mà kyso không hỗ trợ");
    NC_BUDGET = ("nc-budget", Error, "kyso work budget", "too many name-constraint comparisons (limit {limit}): refusing hostile input", "quá nhiều phép so sánh ràng buộc tên (giới hạn {limit}): từ chối dữ liệu có hại");
    NC_EXCLUDED = ("nc-excluded", Error, "RFC 5280 §6.1.3 (c)", "{name} is within the excluded subtree {subtree}", "{name} nằm trong cây con bị loại trừ {subtree}");
    NC_NOT_PERMITTED = ("nc-not-permitted", Error, "RFC 5280 §6.1.3 (b)", "{name} is not within the permitted subtrees", "{name} không nằm trong các cây con được phép");
    NC_DUPLICATE = ("nc-duplicate", Error, "RFC 5280 §4.2", "the nameConstraints extension appears more than once", "phần mở rộng nameConstraints xuất hiện nhiều lần");
    NC_NOT_CRITICAL = ("nc-not-critical", Error, "RFC 5280 §4.2.1.10", "the nameConstraints extension is not critical (conforming CAs MUST mark it critical)", "phần mở rộng nameConstraints không được đánh dấu critical (CA tuân thủ PHẢI đánh dấu critical)");
    NC_MALFORMED = ("nc-malformed", Error, "RFC 5280 §4.2.1.10", "malformed nameConstraints extension: {detail}", "phần mở rộng nameConstraints sai định dạng: {detail}");
    NC_MALFORMED_DNS_CONSTRAINT = ("nc-malformed-dns-constraint", Error, "RFC 5280 §4.2.1.10", "malformed dNSName constraint '{value}'", "ràng buộc dNSName '{value}' sai định dạng");
    NC_MALFORMED_EMAIL_CONSTRAINT = ("nc-malformed-email-constraint", Error, "RFC 5280 §4.2.1.10", "malformed rfc822Name constraint '{value}'", "ràng buộc rfc822Name '{value}' sai định dạng");
    NC_MALFORMED_URI_CONSTRAINT = ("nc-malformed-uri-constraint", Error, "RFC 5280 §4.2.1.10", "malformed URI constraint '{value}'", "ràng buộc URI '{value}' sai định dạng");
    NC_MALFORMED_IP_CONSTRAINT = ("nc-malformed-ip-constraint", Error, "RFC 5280 §4.2.1.10", "malformed iPAddress constraint ({octets} octets, hex {hex}): expected an IPv4 (8 octets) or IPv6 (32 octets) address and CIDR mask", "ràng buộc iPAddress sai định dạng ({octets} octet, hex {hex}): cần địa chỉ IPv4 (8 octet) hoặc IPv6 (32 octet) kèm mặt nạ CIDR");
    NC_MALFORMED_NAME = ("nc-malformed-name", Error, "RFC 5280 §4.2.1.10", "{place} {name} is malformed and cannot be checked against the name constraints of the path", "{place} {name} sai định dạng, không thể kiểm tra theo ràng buộc tên của đường dẫn chứng thực");
    // Name checks of the end entity (host name, IP address, e-mail address).
    NC_SUBJECT_EMPTY_SAN_NOT_CRITICAL = ("nc-subject-empty-san-not-critical", Error, "RFC 5280 §4.2.1.6", "the subject is empty and the subjectAltName extension is not critical (it MUST be)", "chủ thể rỗng và phần mở rộng subjectAltName không được đánh dấu critical (PHẢI đánh dấu)");
    NC_DNS_MISMATCH = ("nc-dns-mismatch", Error, "RFC 6125 §6.4", "the certificate is not valid for DNS name '{name}' (no matching dNSName in subjectAltName)", "chứng thư không hợp lệ cho tên miền '{name}' (không có dNSName khớp trong subjectAltName)");
    NC_IP_MISMATCH = ("nc-ip-mismatch", Error, "RFC 6125 §6.2.1, RFC 5280 §4.2.1.6", "the certificate is not valid for IP address {ip} (no matching iPAddress in subjectAltName)", "chứng thư không hợp lệ cho địa chỉ IP {ip} (không có iPAddress khớp trong subjectAltName)");
    NC_INVALID_EMAIL = ("nc-invalid-email", Error, "RFC 8550 §3, RFC 5280 §4.2.1.6", "'{name}' is not a valid email address", "'{name}' không phải địa chỉ email hợp lệ");
    NC_EMAIL_MISMATCH = ("nc-email-mismatch", Error, "RFC 8550 §3, RFC 5280 §4.2.1.6", "the certificate is not valid for email address '{name}'", "chứng thư không hợp lệ cho địa chỉ email '{name}'");
    NC_DNS_IS_IP = ("nc-dns-is-ip", Error, "RFC 6125 §6.4", "'{name}' is an IP address: check it as an IP address, not a DNS name", "'{name}' là địa chỉ IP: hãy kiểm tra như địa chỉ IP, không phải tên miền");
    NC_INVALID_DNS = ("nc-invalid-dns", Error, "RFC 6125 §6.4", "'{name}' is not a valid DNS name", "'{name}' không phải tên miền hợp lệ");
    NC_INVALID_DNS_NON_ASCII = ("nc-invalid-dns-non-ascii", Error, "RFC 6125 §6.4", "'{name}' is not a valid DNS name (write an internationalised name in its A-label form, xn--…)", "'{name}' không phải tên miền hợp lệ (hãy viết tên miền quốc tế hoá dưới dạng A-label, xn--…)");
    NC_NO_SAN = ("nc-no-san", Error, "RFC 6125 §6.4", "the certificate has no subjectAltName extension, so it is not valid for {name} (the subject commonName is not consulted)", "chứng thư không có phần mở rộng subjectAltName nên không hợp lệ cho {name} (không xét commonName của chủ thể)");
    NC_SAN_CRITICAL = ("nc-san-critical", Error, "CA/Browser Forum BR §7.1.2.7.12", "the subjectAltName extension is critical although the subject is not empty", "phần mở rộng subjectAltName được đánh dấu critical mặc dù chủ thể không rỗng");
    NC_CN_IP_NOT_CANONICAL = ("nc-cn-ip-not-canonical", Error, "CA/Browser Forum BR §7.1.4.3", "the subject commonName '{cn}' reads as an IP address but is not in canonical form (dotted decimal, RFC 5952)", "commonName '{cn}' của chủ thể trông như địa chỉ IP nhưng không ở dạng chuẩn (thập phân có dấu chấm, RFC 5952)");
    NC_CN_CASE_DIFFERS = ("nc-cn-case-differs", Error, "CA/Browser Forum BR §7.1.4.3", "the subject commonName '{cn}' differs from its dNSName SAN in letter case (it must be an exact copy)", "commonName '{cn}' của chủ thể khác dNSName trong SAN về chữ hoa/thường (phải sao chép chính xác)");
    // Certificate policies.
    POLICY_BUDGET = ("policy-budget", Error, "kyso work budget", "certificate {i}: the policy tree needs more than {limit} nodes (node budget exhausted)", "chứng thư {i}: cây chính sách cần hơn {limit} nút (đã hết ngân sách nút)");
    POLICY_OUT_OF_ORDER = ("policy-out-of-order", Error, "RFC 5280 §6.1", "certificate {i}: processed out of order (expected certificate {expected} of {n})", "chứng thư {i}: được xử lý sai thứ tự (cần chứng thư {expected} trên {n})");
    POLICY_NONE_LEFT = ("policy-none-left", Error, "RFC 5280 §6.1.3 (f)", "no valid policy is left from the previous certificates, but an explicit policy is required", "không còn chính sách hợp lệ nào từ các chứng thư trước, nhưng cần một chính sách tường minh");
    POLICY_NO_EXTENSION = ("policy-no-extension", Error, "RFC 5280 §6.1.3 (f)", "certificate {i} has no certificatePolicies extension, but an explicit policy is required", "chứng thư {i} không có phần mở rộng certificatePolicies, nhưng cần một chính sách tường minh");
    POLICY_ANY_INHIBITED = ("policy-any-inhibited", Error, "RFC 5280 §6.1.3 (f)", "certificate {i} relies on anyPolicy, which an inhibitAnyPolicy constraint (or initial-any-policy-inhibit) no longer allows, but an explicit policy is required", "chứng thư {i} dựa vào anyPolicy, điều mà ràng buộc inhibitAnyPolicy (hoặc initial-any-policy-inhibit) không còn cho phép, nhưng cần một chính sách tường minh");
    POLICY_NOT_CONTINUED = ("policy-not-continued", Error, "RFC 5280 §6.1.3 (f)", "none of the policies of certificate {i} continues a valid policy of its issuers, but an explicit policy is required", "không chính sách nào của chứng thư {i} tiếp nối một chính sách hợp lệ của các tổ chức cấp, nhưng cần một chính sách tường minh");
    POLICY_EXPLICIT_NOW_REQUIRED = ("policy-explicit-now-required", Error, "RFC 5280 §6.1.3 (f)", "certificate {i}: an explicit policy is now required (explicit_policy = 0), but the path has no valid policy", "chứng thư {i}: từ đây cần chính sách tường minh (explicit_policy = 0), nhưng đường dẫn chứng thực không có chính sách hợp lệ");
    POLICY_MAPPING_INHIBITED = ("policy-mapping-inhibited", Error, "RFC 5280 §6.1.4 (b)(2)", "certificate {i}: policy mapping is inhibited, so its mapped policies are deleted and no valid policy remains, but an explicit policy is required", "chứng thư {i}: ánh xạ chính sách bị cấm nên các chính sách được ánh xạ bị xoá và không còn chính sách hợp lệ, nhưng cần một chính sách tường minh");
    POLICY_MAPS_ANY = ("policy-maps-any", Error, "RFC 5280 §6.1.4 (a)", "certificate {i}: policyMappings maps {from} to {to}, which involves anyPolicy", "chứng thư {i}: policyMappings ánh xạ {from} sang {to}, có liên quan tới anyPolicy");
    POLICY_FINISHED_EARLY = ("policy-finished-early", Error, "RFC 5280 §6.1", "policy processing finished after {processed} of {n} certificates", "xử lý chính sách kết thúc sau {processed} trên {n} chứng thư");
    POLICY_NONE_VALID = ("policy-none-valid", Error, "RFC 5280 §6.1.5 (g)", "no certificate policy is valid for the path, but an explicit policy is required", "không có chính sách chứng thư nào hợp lệ cho đường dẫn chứng thực, nhưng cần một chính sách tường minh");
    POLICY_NOT_IN_USER_SET = ("policy-not-in-user-set", Error, "RFC 5280 §6.1.5 (g)", "none of the path's policies ({policies}) is in the user-initial-policy-set ({user_policies}), but an explicit policy is required", "không chính sách nào của đường dẫn chứng thực ({policies}) nằm trong user-initial-policy-set ({user_policies}), nhưng cần một chính sách tường minh");
    POLICY_EXTENSION_DUPLICATE = ("policy-extension-duplicate", Error, "RFC 5280 §4.2", "certificate {i}: the {extension} extension appears more than once", "chứng thư {i}: phần mở rộng {extension} xuất hiện nhiều lần");
    POLICY_EMPTY_SEQUENCE = ("policy-empty-sequence", Error, "RFC 5280 §4.2.1.4", "certificate {i}: malformed {extension}: empty sequence", "chứng thư {i}: {extension} sai định dạng: dãy rỗng");
    POLICY_OID_NOT_DER = ("policy-oid-not-der", Error, "RFC 5280 §4.2.1.4", "certificate {i}: malformed certificatePolicies: policy identifier {oid} is not DER-encoded", "chứng thư {i}: certificatePolicies sai định dạng: định danh chính sách {oid} không được mã hoá DER");
    POLICY_OID_DUPLICATE = ("policy-oid-duplicate", Error, "RFC 5280 §4.2.1.4", "certificate {i}: malformed certificatePolicies: policy {oid} appears more than once", "chứng thư {i}: certificatePolicies sai định dạng: chính sách {oid} xuất hiện nhiều lần");
    POLICY_EMPTY_QUALIFIERS = ("policy-empty-qualifiers", Error, "RFC 5280 §4.2.1.4", "certificate {i}: malformed certificatePolicies: empty policyQualifiers for {oid}", "chứng thư {i}: certificatePolicies sai định dạng: policyQualifiers rỗng cho {oid}");
    POLICY_MALFORMED_EXTENSION = ("policy-malformed-extension", Error, "RFC 5280 §4.2", "certificate {i}: malformed {extension} extension: {detail}", "chứng thư {i}: phần mở rộng {extension} sai định dạng: {detail}");
    POLICY_UNDECODABLE_EXTENSION = ("policy-undecodable-extension", Error, "RFC 5280 §4.2", "certificate {i}: malformed {extension} extension: not decodable", "chứng thư {i}: phần mở rộng {extension} sai định dạng: không giải mã được");
}
