//! RFC 3161 timestamps: the client that asks a TSA, and reading timestamp responses and tokens.

catalog! {
    TSP_NO_RANDOMNESS = ("tsp-no-randomness", Error, "RFC 3161 §2.4.1", "no randomness for the timestamp request's nonce", "không có nguồn ngẫu nhiên cho số nonce của yêu cầu dấu thời gian");
    TSP_REQUEST_ENCODING = ("tsp-request-encoding", Error, "RFC 3161 §2.4.1", "encoding the timestamp request: {detail}", "mã hoá yêu cầu dấu thời gian: {detail}");
    TSP_SERVER = ("tsp-server", Error, "", "timestamp server", "máy chủ dấu thời gian");
    TSP_BAD_ANSWER = ("tsp-bad-answer", Error, "RFC 3161 §2.4.2", "timestamp server {url}: {problem}", "máy chủ dấu thời gian {url}: {problem}");
    TSP_BAD_TOKEN = ("tsp-bad-token", Error, "RFC 3161 §2.4.2", "bad token: {problem}", "token dấu thời gian sai: {problem}");
    TSP_IMPRINT_MISMATCH = ("tsp-imprint-mismatch", Error, "RFC 3161 §2.4.2", "the token's message imprint is not the one requested", "giá trị băm trong token dấu thời gian không phải giá trị đã yêu cầu");
    TSP_NONCE_MISMATCH = ("tsp-nonce-mismatch", Error, "RFC 3161 §2.4.2", "the token's nonce is not the one sent (replay?)", "số nonce trong token dấu thời gian không phải số đã gửi (phát lại?)");
    TSP_BAD_GEN_TIME = ("tsp-bad-gen-time", Error, "RFC 3161 §2.4.2", "bad genTime in the token", "genTime trong token dấu thời gian sai");
    TSP_NOT_A_RESPONSE = ("tsp-not-a-response", Error, "RFC 3161 §2.4.2", "not a timestamp response: {detail}", "không phải câu trả lời dấu thời gian: {detail}");
    TSP_STATUS_MALFORMED = ("tsp-status-malformed", Error, "RFC 3161 §2.4.2", "malformed PKIStatusInfo: {detail}", "PKIStatusInfo sai định dạng: {detail}");
    TSP_REFUSED = ("tsp-refused", Error, "RFC 3161 §2.4.2", "the TSA refused the request (status {status})", "máy chủ dấu thời gian từ chối yêu cầu (trạng thái {status})");
    TSP_REFUSED_TEXT = ("tsp-refused-text", Error, "RFC 3161 §2.4.2", "the TSA refused the request (status {status}: {text})", "máy chủ dấu thời gian từ chối yêu cầu (trạng thái {status}: {text})");
    TSP_NO_TOKEN = ("tsp-no-token", Error, "RFC 3161 §2.4.2", "the timestamp response holds no token", "câu trả lời dấu thời gian không chứa token");
    TSP_TOKEN_MALFORMED = ("tsp-token-malformed", Error, "RFC 3161 §2.4.2", "malformed timestamp token: {detail}", "token dấu thời gian sai định dạng: {detail}");
    TSP_NOT_TOKEN_OR_RESPONSE = ("tsp-not-token-or-response", Error, "RFC 3161 §2.4.2", "not a timestamp token or response", "không phải token hay câu trả lời dấu thời gian");
    TSP_NOT_TOKEN_OR_RESPONSE_DETAIL = ("tsp-not-token-or-response-detail", Error, "RFC 3161 §2.4.2", "not a timestamp token or response: {detail}", "không phải token hay câu trả lời dấu thời gian: {detail}");
    TSP_NOT_TST_INFO = ("tsp-not-tst-info", Error, "RFC 3161 §2.4.2", "token content type {content_type} is not TSTInfo", "kiểu nội dung {content_type} của token không phải TSTInfo");
    TSP_NO_TST_INFO = ("tsp-no-tst-info", Error, "RFC 3161 §2.4.2", "the token has no TSTInfo content", "token không có nội dung TSTInfo");
    TSP_TST_INFO_MALFORMED = ("tsp-tst-info-malformed", Error, "RFC 3161 §2.4.2", "malformed TSTInfo: {detail}", "TSTInfo sai định dạng: {detail}");
    TSP_READ_DATA = ("tsp-read-data", Error, "", "reading the data: {detail}", "đọc dữ liệu: {detail}");
    TSP_NO_DATA = ("tsp-no-data", Error, "", "no data to check the timestamp against", "không có dữ liệu để đối chiếu dấu thời gian");
    TSP_ADD_FAILED = ("tsp-add-failed", Error, "RFC 3161 appendix A", "adding the timestamp: {detail}", "thêm dấu thời gian: {detail}");
    TSP_TSA_NO_EKU = ("tsp-tsa-no-eku", Error, "RFC 3161 §2.3", "the TSA certificate has no extendedKeyUsage extension", "chứng thư số của máy chủ dấu thời gian không có phần mở rộng extendedKeyUsage");
    TSP_TSA_EKU_NOT_CRITICAL = ("tsp-tsa-eku-not-critical", Error, "RFC 3161 §2.3", "the TSA certificate's extendedKeyUsage is not critical", "extendedKeyUsage của chứng thư số máy chủ dấu thời gian không được đánh dấu critical");
    TSP_TSA_EKU_OK = ("tsp-tsa-eku-ok", Note, "RFC 3161 §2.3", "critical extendedKeyUsage with timeStamping only", "extendedKeyUsage critical, chỉ có timeStamping");
    TSP_TSA_EKU_NOT_ONLY = ("tsp-tsa-eku-not-only", Error, "RFC 3161 §2.3", "the TSA certificate's extendedKeyUsage must hold timeStamping only", "extendedKeyUsage của chứng thư số máy chủ dấu thời gian chỉ được có timeStamping");
    TSP_TSA_EKU_MALFORMED = ("tsp-tsa-eku-malformed", Error, "RFC 3161 §2.3", "malformed extendedKeyUsage extension", "phần mở rộng extendedKeyUsage sai định dạng");
    TSP_NOT_A_TOKEN = ("tsp-not-a-token", Error, "RFC 3161 §2.4.2", "not a timestamp token: {problem}", "không phải token dấu thời gian: {problem}");
    TSP_GEN_TIME_MALFORMED = ("tsp-gen-time-malformed", Error, "RFC 3161 §2.4.2", "malformed genTime", "genTime sai định dạng");
    TSP_GEN_TIME_FUTURE = ("tsp-gen-time-future", Warning, "RFC 3161 §2.4.2", "genTime {gen_time} is in the future: check the TSA's clock", "genTime {gen_time} ở thời điểm tương lai: hãy kiểm tra đồng hồ của máy chủ dấu thời gian");
    TSP_VERSION = ("tsp-version", Error, "RFC 3161 §2.4.2", "TSTInfo version {version} is not 1", "phiên bản TSTInfo {version} không phải 1");
    TSP_SIGNER_COUNT = ("tsp-signer-count", Error, "RFC 3161 §2.4.2", "a timestamp token must have one signer, this one has {count}", "token dấu thời gian phải có đúng một người ký, token này có {count}");
    TSP_IMPRINT_ALGORITHM_UNSUPPORTED = ("tsp-imprint-algorithm-unsupported", Error, "RFC 3161 §2.4.2", "unsupported message imprint algorithm {algorithm}", "hàm băm {algorithm} của giá trị băm trong token dấu thời gian không được hỗ trợ");
    TSP_IMPRINT_MATCHES = ("tsp-imprint-matches", Note, "RFC 3161 §2.4.2", "{algorithm} imprint matches the data", "giá trị băm {algorithm} khớp với dữ liệu");
    TSP_IMPRINT_DIFFERS = ("tsp-imprint-differs", Error, "RFC 3161 §2.4.2", "the message imprint does not match the data: the token is for other data", "giá trị băm trong token không khớp với dữ liệu: token dấu thời gian này dành cho dữ liệu khác");
    TSP_IMPRINT_NO_HASH = ("tsp-imprint-no-hash", Error, "", "cannot hash the data: {problem}", "không tính được giá trị băm của dữ liệu: {problem}");
    TSP_IMPRINT_LEGACY = ("tsp-imprint-legacy", Warning, "RFC 3161 §2.4.2", "{algorithm} message imprint (legacy)", "giá trị băm trong token dùng hàm băm {algorithm} (thuật toán cũ)");
    TSP_NONCE_NOT_COMPARED = ("tsp-nonce-not-compared", Note, "RFC 3161 §2.4.2", "no nonce to compare", "không có số nonce để đối chiếu");
    TSP_NONCE_MATCHES = ("tsp-nonce-matches", Note, "RFC 3161 §2.4.2", "nonce matches the request", "số nonce khớp với yêu cầu");
    TSP_NONCE_DIFFERS = ("tsp-nonce-differs", Error, "RFC 3161 §2.4.2", "the nonce differs from the request", "số nonce khác với số trong yêu cầu");
    TSP_NO_ESS_ATTRIBUTE = ("tsp-no-ess-attribute", Error, "RFC 3161 §2.4.1", "the token lacks the ESS signing-certificate attribute", "token dấu thời gian thiếu thuộc tính ESS signing-certificate");
    TSP_TSA_PATH_INVALID = ("tsp-tsa-path-invalid", Error, "RFC 5280 §6.1", "TSA certification path: {problem}", "đường dẫn chứng thực của máy chủ dấu thời gian: {problem}");
    TSP_TSA_NO_VALID_PATH = ("tsp-tsa-no-valid-path", Error, "RFC 5280 §6.1", "TSA certification path: no valid path", "đường dẫn chứng thực của máy chủ dấu thời gian: không có đường dẫn hợp lệ");
}
