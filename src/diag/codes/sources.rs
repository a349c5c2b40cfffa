//! Issuer and revocation sources (src/trust/source.rs, src/revocation/source.rs): what a source
//! reports about the data it could not use (`source-`). Always warnings: a source only offers
//! candidates, the path builder decides.

catalog! {
    DIR_FILE_SKIPPED = ("source-dir-file-skipped", Warning, "kyso issuer source", "issuer directory {dir}: file {file} skipped: {reason}", "thư mục tổ chức cấp {dir}: bỏ qua tệp {file}: {reason}");
    DIR_CERT_SKIPPED = ("source-dir-cert-skipped", Warning, "kyso issuer source", "issuer directory {dir}: certificate {index} of {file} skipped: {reason}", "thư mục tổ chức cấp {dir}: bỏ qua chứng thư thứ {index} của tệp {file}: {reason}");
    QUERY_FAILED = ("source-query-failed", Warning, "kyso sources", "source {source} gave nothing for {subject}: {reason}", "nguồn {source} không cung cấp được gì cho {subject}: {reason}");
}
