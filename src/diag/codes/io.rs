//! Reading and writing files.

catalog! {
    NOT_FOUND = ("not-found", Error, "", "no such file or directory", "không có tệp hoặc thư mục này");
    PERMISSION_DENIED = ("permission-denied", Error, "", "permission denied", "không có quyền truy cập");
    ALREADY_EXISTS = ("already-exists", Error, "", "already exists", "đã tồn tại");
    DIRECTORY_NOT_FOUND = ("directory-not-found", Error, "", "directory {dir} does not exist", "thư mục {dir} không tồn tại");
    IS_DIRECTORY = ("is-directory", Error, "", "is a directory", "là một thư mục");
    IO_FAILED = ("io-failed", Error, "", "input/output error: {detail}", "lỗi đọc/ghi: {detail}");
}
