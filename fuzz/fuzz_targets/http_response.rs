#![no_main]
//! kyso's HTTP client (`kyso::net::HttpClient`, over ureq) reading any bytes as a server's
//! answer: status line, headers, content type, chunked or sized bodies, the body limit, and the
//! mapping of every failure to a typed network error. A loopback server answers each request
//! with the input and closes the connection. Inputs naming a `Location` are sent to a POST
//! (which follows no redirect), so that nothing leaves the loopback interface.
use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

struct Server {
    url: String,
    answer: Arc<Mutex<Vec<u8>>>,
}

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://127.0.0.1:{}/x", l.local_addr().expect("addr").port());
        let answer: Arc<Mutex<Vec<u8>>> = Arc::default();
        let current = answer.clone();
        std::thread::spawn(move || {
            for conn in l.incoming() {
                let Ok(mut s) = conn else { continue };
                let answer = current.lock().map(|a| a.clone()).unwrap_or_default();
                let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
                let mut buf = [0u8; 4096];
                let mut head = Vec::new();
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = s.write_all(&answer);
                let _ = s.shutdown(std::net::Shutdown::Both);
            }
        });
        Server { url, answer }
    })
}

fuzz_target!(|data: &[u8]| {
    let s = server();
    let http = kyso::net::HttpClient::new(
        kyso::net::HttpOptions::default().with_timeout(Duration::from_secs(2)).with_max_body(4096),
    )
    .expect("client");
    let redirect = data.windows(8).any(|w| w.eq_ignore_ascii_case(b"location"));
    let which = if redirect { 2 } else { data.first().copied().unwrap_or(0) };
    *s.answer.lock().expect("lock") = data.to_vec();
    let r = match which % 3 {
        0 => http.get(&s.url, "application/ocsp-response"),
        1 => http.get_any(&s.url, "application/pkix-crl"),
        _ => http.post(&s.url, "application/ocsp-request", "application/ocsp-response", b"request"),
    };
    if let Err(e) = r {
        let _ = (e.kind(), e.message());
    }
});
