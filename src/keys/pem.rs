//! PEM (RFC 7468) for private keys, with every buffer that holds key material or its base64 in
//! zeroizing memory (the general-purpose `pem` crate leaves copies behind when it frees them).

use crate::diag::codes::keys;
use crate::error::{Error, Result};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

/// One PEM block whose contents may be secret.
pub(crate) struct SecretBlock {
    pub(crate) label: String,
    /// RFC 1421 header lines (`Proc-Type`, `DEK-Info`), name and value trimmed.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) der: Zeroizing<Vec<u8>>,
}

/// Every `-----BEGIN X-----` ... `-----END X-----` block in `data` (text between blocks ignored;
/// RFC 1421 header lines such as `Proc-Type:` skipped). Errors match [`crate::io::decode_pem_or_der`]:
/// a BEGIN without its END is reported as truncated.
pub(crate) fn decode(data: &[u8]) -> Result<Vec<SecretBlock>> {
    let mut blocks = Vec::new();
    let mut lines = data.split(|b| *b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    while let Some(line) = lines.next() {
        let line = trim(line);
        let Some(label) = line.strip_prefix(b"-----BEGIN ").and_then(|l| l.strip_suffix(b"-----")) else {
            continue;
        };
        let label = String::from_utf8(label.to_vec()).map_err(|_| Error::input(keys::PEM_LABEL_NOT_TEXT))?;
        let end = format!("-----END {label}-----");
        let mut b64 = Zeroizing::new(Vec::with_capacity(data.len()));
        let mut closed = false;
        let mut headers = Vec::new();
        for line in lines.by_ref() {
            let line = trim(line);
            if line == end.as_bytes() {
                closed = true;
                break;
            }
            if line.starts_with(b"-----") {
                return Err(Error::input(keys::PEM_WRONG_END).with("label", &label));
            }
            if let Some(colon) = line.iter().position(|b| *b == b':') {
                // RFC 1421 header
                let text = |b: &[u8]| String::from_utf8_lossy(trim(b)).into_owned();
                headers.push((text(&line[..colon]), text(&line[colon + 1..])));
                continue;
            }
            b64.extend_from_slice(line);
        }
        if !closed {
            return Err(Error::input(keys::PEM_NO_END));
        }
        let mut der = Zeroizing::new(Vec::with_capacity(b64.len() / 4 * 3 + 3));
        STANDARD
            .decode_vec(&*b64, &mut der)
            .map_err(|e| Error::input(keys::PEM_BAD_BASE64).with("label", &label).with("detail", e))?;
        blocks.push(SecretBlock { label, headers, der });
    }
    if blocks.is_empty() {
        return Err(Error::input(keys::PEM_NO_BLOCK));
    }
    Ok(blocks)
}

fn trim(line: &[u8]) -> &[u8] {
    let start = line.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(line.len());
    let end = line.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |e| e + 1);
    line.get(start..end).unwrap_or_default()
}

/// Encode `der` as PEM with `label` (64-character lines, LF), into zeroizing memory.
pub(crate) fn encode(label: &str, der: &[u8]) -> Zeroizing<String> {
    let mut b64 = Zeroizing::new(String::with_capacity(der.len().div_ceil(3) * 4));
    STANDARD.encode_string(der, &mut b64);
    let mut out = Zeroizing::new(String::with_capacity(b64.len() + b64.len() / 64 + 2 * label.len() + 40));
    out.push_str("-----BEGIN ");
    out.push_str(label);
    out.push_str("-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        // base64 output is ASCII.
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END ");
    out.push_str(label);
    out.push_str("-----\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_same_text_as_the_pem_crate() {
        for len in [0usize, 1, 47, 48, 49, 100, 1217] {
            let der: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let ours = encode("PRIVATE KEY", &der);
            assert_eq!(*ours, crate::io::to_pem("PRIVATE KEY", &der), "{len}");
            let back = decode(ours.as_bytes()).unwrap();
            assert_eq!(back.len(), 1);
            assert_eq!(back[0].label, "PRIVATE KEY");
            assert_eq!(*back[0].der, der);
        }
    }

    #[test]
    fn text_around_blocks_and_crlf_are_accepted() {
        let text = "Bag Attributes\r\n    localKeyID: 01 02\r\n-----BEGIN PRIVATE KEY-----\r\nAQID\r\n-----END PRIVATE KEY-----\r\ntrailer\n";
        let blocks = decode(text.as_bytes()).unwrap();
        assert_eq!(*blocks[0].der, [1, 2, 3]);
    }

    #[test]
    fn truncation_and_bad_base64_are_errors() {
        let full = encode("PRIVATE KEY", &[9u8; 200]);
        let cut = &full.as_bytes()[..full.len() / 2];
        assert_eq!(decode(cut).err().unwrap().code(), keys::PEM_NO_END);
        let bad = "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n";
        let err = decode(bad.as_bytes()).err().unwrap();
        assert_eq!(err.code(), keys::PEM_BAD_BASE64);
        assert_eq!(err.typed_message().params.get("label"), Some("PRIVATE KEY"));
        let mixed = "-----BEGIN PRIVATE KEY-----\nAQID\n-----END CERTIFICATE-----\n";
        assert!(decode(mixed.as_bytes()).is_err());
        assert!(decode(b"no pem here").is_err());
    }
}
