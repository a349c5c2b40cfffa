//! Issuer and revocation sources (src/trust/source.rs, src/revocation/source.rs): what a source
//! reports about the data it could not use (`source-`). Always warnings: a source only offers
//! candidates, the path builder decides.

catalog! {
    DIR_FILE_SKIPPED = ("source-dir-file-skipped", Warning, "kyso issuer source", "issuer directory {dir}: file {file} skipped: {reason}", "thư mục tổ chức cấp {dir}: bỏ qua tệp {file}: {reason}");
    DIR_CERT_SKIPPED = ("source-dir-cert-skipped", Warning, "kyso issuer source", "issuer directory {dir}: certificate {index} of {file} skipped: {reason}", "thư mục tổ chức cấp {dir}: bỏ qua chứng thư thứ {index} của tệp {file}: {reason}");
    UNSUPPORTED_URL = ("source-unsupported-url", Note, "RFC 5280 §4.2.1.13", "{url} (named by {subject}) not fetched: only http:// and https:// URLs are supported (LDAP is not)", "không tải {url} (do {subject} nêu): chỉ hỗ trợ URL http:// và https:// (không hỗ trợ LDAP)");
    CRL_FETCH_FAILED = ("source-crl-fetch-failed", Warning, "RFC 5280 §4.2.1.13", "CRL {url} for {subject} could not be fetched: {reason}", "không tải được CRL {url} cho {subject}: {reason}");
    CRL_UNPARSEABLE = ("source-crl-unparseable", Warning, "RFC 5280 §5", "{url} (CRL for {subject}) is not a CRL: {reason}", "{url} (CRL cho {subject}) không phải CRL: {reason}");
    AIA_FETCH_FAILED = ("source-aia-fetch-failed", Warning, "RFC 5280 §4.2.2.1", "issuer certificate {url} of {subject} could not be fetched: {reason}", "không tải được chứng thư của tổ chức cấp {url} cho {subject}: {reason}");
    AIA_UNPARSEABLE = ("source-aia-unparseable", Warning, "RFC 5280 §4.2.2.1", "{url} (issuer of {subject}) holds no certificate: {reason}", "{url} (tổ chức cấp của {subject}) không chứa chứng thư nào: {reason}");
    NETWORK_QUERIES_SPENT = ("source-network-queries-spent", Note, "kyso sources", "network sources not asked about {subject}: the {limit} network queries of this validation are spent", "không hỏi các nguồn trên mạng về {subject}: đã dùng hết {limit} lượt truy vấn mạng của lần xác thực này");
    QUERY_FAILED = ("source-query-failed", Warning, "kyso sources", "source {source} gave nothing for {subject}: {reason}", "nguồn {source} không cung cấp được gì cho {subject}: {reason}");
}
