//! OCSP (src/revocation/ocsp.rs, src/revocation/online.rs): why an OCSP answer could not be
//! used for a certificate (`ocsp-`, each naming the certificate as `{subject}`). Warnings: the
//! status then comes from the other sources, or stays unknown.

catalog! {
    UNREACHABLE = ("ocsp-unreachable", Warning, "RFC 6960 §A.1", "OCSP responder {url} gave no answer for {subject}: {reason}", "máy chủ OCSP {url} không trả lời cho {subject}: {reason}");
    REQUEST_FAILED = ("ocsp-request-failed", Warning, "RFC 6960 §4.1", "no OCSP request can be made for {subject}: {detail}", "không tạo được yêu cầu OCSP cho {subject}: {detail}");
    MALFORMED = ("ocsp-malformed", Warning, "RFC 6960 §4.2.1", "OCSP responder {url}: the answer for {subject} is not an OCSP response ({detail})", "máy chủ OCSP {url}: câu trả lời cho {subject} không phải phản hồi OCSP ({detail})");
    RESPONSE_STATUS = ("ocsp-response-status", Warning, "RFC 6960 §4.2.1", "OCSP responder {url} did not answer for {subject}: {status}", "máy chủ OCSP {url} không trả lời cho {subject}: {status}");
    UNSUPPORTED_TYPE = ("ocsp-unsupported-response-type", Warning, "RFC 6960 §4.2.1", "OCSP response for {subject}: response type {oid} is not id-pkix-ocsp-basic", "phản hồi OCSP cho {subject}: kiểu phản hồi {oid} không phải id-pkix-ocsp-basic");
    NO_ANSWER = ("ocsp-no-answer", Warning, "RFC 6960 §4.2.2.3", "OCSP response from {responder} has no answer for {subject}", "phản hồi OCSP của {responder} không có câu trả lời cho {subject}");
    NONCE_MISMATCH = ("ocsp-nonce-mismatch", Warning, "RFC 8954 §2.1", "OCSP response from {responder} for {subject}: its nonce is not the one sent (a replayed answer?)", "phản hồi OCSP của {responder} cho {subject}: nonce không khớp với nonce đã gửi (câu trả lời bị phát lại?)");
    BAD_SIGNATURE = ("ocsp-bad-signature", Warning, "RFC 6960 §3.2", "OCSP response from {responder} for {subject}: the responder's signature does not verify", "phản hồi OCSP của {responder} cho {subject}: chữ ký của máy chủ OCSP không hợp lệ");
    SIGNATURE_UNSUPPORTED = ("ocsp-signature-unsupported", Warning, "RFC 6960 §3.2", "OCSP response from {responder} for {subject}: signature not checked: {reason}", "phản hồi OCSP của {responder} cho {subject}: chưa kiểm tra chữ ký: {reason}");
    UNAUTHORIZED_RESPONDER = ("ocsp-unauthorized-responder", Warning, "RFC 6960 §4.2.2.2", "OCSP response for {subject} signed by {responder}, who may not answer for {issuer}: {reason}", "phản hồi OCSP cho {subject} được ký bởi {responder}, bên không được phép trả lời thay {issuer}: {reason}");
    RESPONDER_NOT_FOUND = ("ocsp-responder-not-found", Note, "RFC 6960 §4.2.2.2", "neither the CA nor a certificate in the response is the responder", "cả CA lẫn các chứng thư trong phản hồi đều không phải máy chủ OCSP đã ký");
    RESPONDER_NOT_ISSUED_BY_CA = ("ocsp-responder-not-issued-by-ca", Note, "RFC 6960 §4.2.2.2", "its certificate is not issued by that CA", "chứng thư của nó không do CA đó cấp");
    RESPONDER_NO_OCSP_SIGNING = ("ocsp-responder-no-ocsp-signing", Note, "RFC 6960 §4.2.2.2", "its certificate lacks the id-kp-OCSPSigning extended key usage", "chứng thư của nó thiếu mục đích sử dụng khoá mở rộng id-kp-OCSPSigning");
    RESPONDER_NOT_VALID = ("ocsp-responder-not-valid", Note, "RFC 5280 §4.1.2.5", "its certificate is not valid at {time}", "chứng thư của nó không có hiệu lực tại {time}");
    STALE = ("ocsp-stale", Warning, "RFC 6960 §4.2.2.1; RFC 5019 §4", "OCSP response from {responder} for {subject} is stale: nextUpdate {next_update} is before {time}", "phản hồi OCSP của {responder} cho {subject} đã cũ: nextUpdate {next_update} trước thời điểm {time}");
    NOT_YET_VALID = ("ocsp-not-yet-valid", Warning, "RFC 6960 §4.2.2.1", "OCSP response from {responder} for {subject}: thisUpdate {this_update} is after the time it was received ({received})", "phản hồi OCSP của {responder} cho {subject}: thisUpdate {this_update} sau thời điểm nhận ({received})");
    STATUS_UNKNOWN = ("ocsp-status-unknown", Warning, "RFC 6960 §2.2", "OCSP responder {responder} does not know {subject} (status unknown)", "máy chủ OCSP {responder} không biết {subject} (trạng thái không xác định)");
    CRITICAL_EXTENSION = ("ocsp-unrecognised-critical-extension", Warning, "RFC 6960 §4.4", "OCSP response from {responder} for {subject}: unrecognised critical extension {oid}", "phản hồi OCSP của {responder} cho {subject}: phần mở rộng bắt buộc (critical) không được nhận biết {oid}");
}
