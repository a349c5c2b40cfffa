//! Reading and writing files.

catalog! {
    NOT_FOUND = ("not-found", Error, "", "no such file or directory", "không có tệp hoặc thư mục này");
    PERMISSION_DENIED = ("permission-denied", Error, "", "permission denied", "không có quyền truy cập");
    ALREADY_EXISTS = ("already-exists", Error, "", "already exists", "đã tồn tại");
    IO_FAILED = ("io-failed", Error, "", "input/output error: {detail}", "lỗi đọc/ghi: {detail}");
}
