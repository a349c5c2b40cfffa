//! Issue #9 defect 19 (d): `--tsa-timeout` bounds the whole exchange with the TSA, not each
//! read. A server on 127.0.0.1 that drips its answer one byte a second must not hold
//! `kyso sign` past the deadline.

mod cms_common;

use assert_cmd::Command;
use cms_common::Pki;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

/// A server that reads the request head, then sends an HTTP response one byte a second.
fn dripping_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/tsa", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
                let _ = s.read(&mut buf);
                let answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: 4096\r\n\r\n";
                for byte in answer.iter().chain(std::iter::repeat_n(&0x30u8, 4096)) {
                    if s.write_all(&[*byte]).and_then(|()| s.flush()).is_err() {
                        return;
                    }
                    std::thread::sleep(Duration::from_secs(1));
                }
            });
        }
    });
    url
}

#[test]
fn a_dripping_tsa_is_cut_off_at_the_deadline() {
    let p = Pki::new();
    let doc = p.path("doc.txt");
    std::fs::write(&doc, b"van ban\n").unwrap();
    let url = dripping_server();
    let start = Instant::now();
    let out = Command::cargo_bin("kyso")
        .unwrap()
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .arg("sign")
        .arg(&doc)
        .arg("--key")
        .arg(&p.rsa.key_path)
        .arg("--cert")
        .arg(&p.rsa.cert_path)
        .args(["--tsa", &url, "--tsa-timeout", "2"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(elapsed < Duration::from_secs(6), "kyso sign took {elapsed:?} against a 2 s deadline: {stderr}");
    assert!(elapsed >= Duration::from_millis(1500), "{elapsed:?}: {stderr}");
    assert!(!p.path("doc.txt.p7s").exists(), "no partial output");
}
