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
}
