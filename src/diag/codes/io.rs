//! Reading and writing files.

catalog! {
    NOT_FOUND = ("not-found", Error, "", "no such file or directory", "không có tệp hoặc thư mục này");
    PERMISSION_DENIED = ("permission-denied", Error, "", "permission denied", "không có quyền truy cập");
    ALREADY_EXISTS = ("already-exists", Error, "", "already exists", "đã tồn tại");
    DIRECTORY_NOT_FOUND = ("directory-not-found", Error, "", "directory {dir} does not exist", "thư mục {dir} không tồn tại");
    IS_DIRECTORY = ("is-directory", Error, "", "is a directory", "là một thư mục");
    OUTPUT_REPEATED = ("output-repeated", Error, "", "{first} and {second} are the same file: two outputs of one command must be different files", "{first} và {second} là cùng một tệp: hai tệp đầu ra của một lệnh phải là hai tệp khác nhau");
    OUTPUT_IS_INPUT = ("output-is-input", Error, "", "the output {output} is the input {input}: an input is never overwritten", "tệp đầu ra {output} chính là tệp đầu vào {input}: tệp đầu vào không bao giờ bị ghi đè");
    IN_CONTEXT = ("in-context", Error, "", "{context}: {message}", "{context} – {message}");
    IO_FAILED = ("io-failed", Error, "", "input/output error: {detail}", "lỗi đọc/ghi: {detail}");
}
