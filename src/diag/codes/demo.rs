//! The demo PKI (`demo-`).

catalog! {
    BAD_MANIFEST = ("demo-bad-manifest", Error, "", "not a kyso demo manifest: {detail}", "không phải tệp manifest demo của kyso: {detail}");
    MANIFEST_ENCODE = ("demo-manifest-encode", Error, "", "cannot encode the manifest: {detail}", "không thể mã hoá manifest: {detail}");
    ENTRY_NO_CERTIFICATE = ("demo-entry-no-certificate", Error, "", "manifest entry {id} has no certificate", "mục {id} của manifest không có chứng thư");
    ENTRY_NO_CRL = ("demo-entry-no-crl", Error, "", "manifest entry {id} has no CRL", "mục {id} của manifest không có CRL");
    NO_CRL_FOUND = ("demo-no-crl-found", Error, "", "no CRL found", "không tìm thấy CRL");
    MISSING_ENTITY = ("demo-missing-entity", Error, "", "demo entity {id} missing (bug)", "thiếu thực thể demo {id} (lỗi phần mềm)");
    NO_KEY = ("demo-no-key", Error, "", "demo entity {id} has no key (bug)", "thực thể demo {id} không có khoá (lỗi phần mềm)");
    NOT_A_DIRECTORY = ("demo-not-a-directory", Error, "", "exists and is not a directory", "đã tồn tại và không phải thư mục");
    DIRECTORY_NOT_EMPTY = ("demo-directory-not-empty", Error, "", "directory is not empty", "thư mục không rỗng");
    SERVE_MISSING = ("demo-serve-missing", Error, "", "the demo has no {role} for the {domain} domain", "bản demo không có {role} cho miền {domain}");
    SERVE_NO_KEY = ("demo-serve-no-key", Error, "", "manifest entry {id} has no private key", "mục {id} của manifest không có khoá bí mật");
    SERVE_NOT_A_RESPONDER = ("demo-serve-not-a-responder", Error, "RFC 6960 §4.2.2.2", "{subject} cannot answer OCSP for {issuer}: {detail}", "{subject} không thể trả lời OCSP thay cho {issuer}: {detail}");
    SERVE_RESPONDER_NOT_ISSUED = ("demo-serve-responder-not-issued", Error, "RFC 6960 §4.2.2.2", "it is not issued by that CA", "chứng thư này không do CA đó cấp");
    SERVE_RESPONDER_NO_EKU = ("demo-serve-responder-no-eku", Error, "RFC 6960 §4.2.2.2", "it lacks the extended key usage id-kp-OCSPSigning", "chứng thư này thiếu mục đích sử dụng mở rộng id-kp-OCSPSigning");
    SERVE_RESPONDER_KEY = ("demo-serve-responder-key", Error, "", "the private key does not match its certificate", "khoá bí mật không khớp với chứng thư");
    SERVE_CRL_ISSUER = ("demo-serve-crl-issuer", Error, "", "the CRL is not issued by {issuer}", "CRL không do {issuer} phát hành");
    SERVE_ENCODE = ("demo-serve-encode", Error, "", "cannot encode {what}: {detail}", "không thể mã hoá {what}: {detail}");
    SERVE_NOT_LOOPBACK = ("demo-serve-not-loopback", Error, "", "the demo server listens on a loopback address only, not {addr}", "máy chủ demo chỉ lắng nghe trên địa chỉ loopback, không phải {addr}");
    SERVE_BIND = ("demo-serve-bind", Error, "", "cannot listen on {addr}: {detail}", "không thể lắng nghe trên {addr}: {detail}");
    SERVE_THREAD = ("demo-serve-thread", Error, "", "cannot start a server thread: {detail}", "không thể khởi động luồng máy chủ: {detail}");
}
