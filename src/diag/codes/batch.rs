//! Codes of the `batch` layer: signing and verifying many files.

catalog! {
    BATCH_OUTPUT_IS_INPUT = ("batch-output-is-input", Error, "", "the output would replace the input", "tệp kết quả sẽ ghi đè lên chính tệp đầu vào");
    BATCH_THREADS = ("batch-threads", Error, "", "cannot start {threads} worker threads: {detail}", "không khởi tạo được {threads} luồng xử lý: {detail}");
}
