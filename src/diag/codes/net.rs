//! The HTTP client (`net`): URLs, connections, TLS and answers of network services (TSAs, ...).

catalog! {
    NET_NOT_A_URL = ("net-not-a-url", Error, "RFC 3986 §3", "'{url}' is not a URL ({detail})", "'{url}' không phải là một URL ({detail})");
    NET_NOT_HTTP = ("net-not-http", Error, "", "'{url}' is not an http:// or https:// URL", "'{url}' không phải là URL http:// hoặc https://");
    NET_BAD_PORT = ("net-bad-port", Error, "RFC 3986 §3.2.3", "bad port in '{url}'", "cổng không hợp lệ trong '{url}'");
    NET_BAD_HOST = ("net-bad-host", Error, "RFC 3986 §3.2.2", "bad host in '{url}'", "máy chủ không hợp lệ trong '{url}'");
    NET_ROOT_NOT_DER = ("net-root-not-der", Error, "", "trusted TLS root certificate #{index} is not a DER certificate: {detail}", "chứng thư số gốc TLS tin cậy thứ {index} không phải chứng thư DER: {detail}");
    NET_HTTP_STATUS = ("net-http-status", Error, "RFC 9110 §15", "{url}: HTTP status '{status}'", "{url}: mã trạng thái HTTP '{status}'");
    NET_CONTENT_TYPE = ("net-content-type", Error, "RFC 9110 §8.3", "{url}: unexpected content type '{content_type}' (expected {expected})", "{url}: kiểu nội dung '{content_type}' không như mong đợi (cần {expected})");
    NET_TIMEOUT = ("net-timeout", Error, "", "{url}: no complete answer within {seconds} s", "{url}: không nhận được câu trả lời đầy đủ trong {seconds} giây");
    NET_HOST_NOT_FOUND = ("net-host-not-found", Error, "", "{url}: cannot resolve host", "{url}: không phân giải được tên máy chủ");
    NET_CANNOT_CONNECT = ("net-cannot-connect", Error, "", "{url}: cannot connect", "{url}: không kết nối được");
    NET_CONNECTION_REFUSED = ("net-connection-refused", Error, "", "{url}: cannot connect: {detail}", "{url}: không kết nối được: {detail}");
    NET_CONNECTION_FAILED = ("net-connection-failed", Error, "", "{url}: connection failed: {detail}", "{url}: kết nối thất bại: {detail}");
    NET_BODY_TOO_LARGE = ("net-body-too-large", Error, "", "{url}: response larger than the limit of {limit} bytes", "{url}: câu trả lời lớn hơn giới hạn {limit} byte");
    NET_TLS = ("net-tls", Error, "RFC 8446", "{url}: TLS: {detail}", "{url}: lỗi TLS: {detail}");
    NET_REDIRECT_FAILED = ("net-redirect-failed", Error, "RFC 9110 §15.4", "{url}: redirect failed: {detail}", "{url}: chuyển hướng thất bại: {detail}");
    NET_RESOLVE_SYNTAX = ("net-resolve-syntax", Error, "", "'{mapping}' is not a host mapping HOST=IP:PORT", "'{mapping}' không phải ánh xạ tên máy HOST=IP:PORT");
    NET_RESOLVE_BAD_HOST = ("net-resolve-bad-host", Error, "RFC 1123 §2.1", "'{host}' is not a host name", "'{host}' không phải tên máy chủ");
    NET_RESOLVE_NOT_LOOPBACK = ("net-resolve-not-loopback", Error, "", "host {host} may only be mapped to a loopback address, not {addr}", "tên máy {host} chỉ được ánh xạ tới địa chỉ loopback, không phải {addr}");
    NET_BUDGET_SPENT = ("net-budget-spent", Error, "", "{url}: not fetched: the network time budget of {seconds} s is spent", "{url}: không tải: đã dùng hết thời gian mạng cho phép ({seconds} giây)");
    NET_FAILED = ("net-failed", Error, "", "{url}: request failed: {detail}", "{url}: yêu cầu thất bại: {detail}");
}
