//! PEM as a stream (RFC 7468): one block written or read in constant memory whatever its size,
//! so an attached signature of a large document can be written and verified as PEM as well as
//! DER. [`super::decode_pem_or_der`] reads small files whole; these adapters are for documents.

use crate::diag::codes::keys;
use crate::error::Error;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::io::{BufRead, Read, Write};

/// Bytes of content per line: 48 bytes are 64 base64 characters (RFC 7468 §2).
const LINE_BYTES: usize = 48;
/// The longest BEGIN or END line read (a label is a short word).
const MAX_MARKER_LINE: usize = 128;
/// Base64 characters gathered before each decode.
const CHUNK_CHARS: usize = 256 * 1024;

/// A [`Write`] that encodes what is written to it as one PEM block with `label`: the BEGIN
/// line on creation, base64 in lines of 64 characters, and the END line at [`PemWriter::finish`]
/// (a block without it is truncated, which readers detect).
pub struct PemWriter<'a> {
    out: &'a mut dyn Write,
    label: String,
    pending: Vec<u8>,
    line: Vec<u8>,
}

impl std::fmt::Debug for PemWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PemWriter").field("label", &self.label).finish_non_exhaustive()
    }
}

impl<'a> PemWriter<'a> {
    /// Start a block: writes the BEGIN line to `out`.
    pub fn new(out: &'a mut dyn Write, label: &str) -> std::io::Result<Self> {
        writeln!(out, "-----BEGIN {label}-----")?;
        Ok(PemWriter { out, label: label.to_string(), pending: Vec::new(), line: Vec::new() })
    }

    fn encode_lines(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.line.clear();
        for chunk in data.chunks(LINE_BYTES) {
            let start = self.line.len();
            self.line.resize(start + 4 * chunk.len().div_ceil(3), 0);
            let n = STANDARD.encode_slice(chunk, &mut self.line[start..]).map_err(std::io::Error::other)?;
            self.line.truncate(start + n);
            self.line.push(b'\n');
        }
        self.out.write_all(&self.line)
    }

    /// End the block: the last (short) line and the END line.
    pub fn finish(mut self) -> std::io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        if !rest.is_empty() {
            self.encode_lines(&rest)?;
        }
        writeln!(self.out, "-----END {}-----", self.label)?;
        self.out.flush()
    }
}

impl Write for PemWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut data = buf;
        if !self.pending.is_empty() {
            let take = (LINE_BYTES - self.pending.len()).min(data.len());
            self.pending.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.pending.len() < LINE_BYTES {
                return Ok(buf.len());
            }
            let line = std::mem::take(&mut self.pending);
            self.encode_lines(&line)?;
        }
        let whole = data.len() / LINE_BYTES * LINE_BYTES;
        if whole > 0 {
            self.encode_lines(&data[..whole])?;
        }
        self.pending.extend_from_slice(&data[whole..]);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A [`Read`] of the content of the first PEM block of `inner`, decoded as it is read: the
/// BEGIN line is read by [`PemReader::new`], the block must end with the END line of the same
/// label, and whitespace between base64 characters is ignored (any line length). Errors are
/// [`std::io::Error`]s of kind `InvalidData` that carry a typed [`Error`] (`pem-*` codes);
/// [`PemReader::typed_error`] recovers it.
pub struct PemReader<R> {
    inner: R,
    label: String,
    chars: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    done: bool,
    padded: bool,
    decoded: u64,
}

impl<R> std::fmt::Debug for PemReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PemReader").field("label", &self.label).finish_non_exhaustive()
    }
}

fn invalid(e: Error) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e)
}

/// One line of at most [`MAX_MARKER_LINE`] bytes, without its line ending.
fn marker_line(r: &mut dyn BufRead) -> std::io::Result<String> {
    let mut line = Vec::new();
    r.take(MAX_MARKER_LINE as u64).read_until(b'\n', &mut line)?;
    while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        line.pop();
    }
    Ok(String::from_utf8_lossy(&line).into_owned())
}

impl<R: BufRead> PemReader<R> {
    /// Read the BEGIN line (`inner` must start with it) and keep its label.
    pub fn new(mut inner: R) -> std::io::Result<Self> {
        let line = marker_line(&mut inner)?;
        let label = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.trim_end().strip_suffix("-----"))
            .ok_or_else(|| invalid(Error::input(keys::PEM_NO_BLOCK)))?
            .to_string();
        if !label.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
            return Err(invalid(Error::input(keys::PEM_LABEL_NOT_TEXT)));
        }
        Ok(PemReader {
            inner,
            label,
            chars: Vec::new(),
            out: Vec::new(),
            pos: 0,
            done: false,
            padded: false,
            decoded: 0,
        })
    }

    /// The block's label (`CMS`, `PKCS7`, ...).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The typed error an [`std::io::Error`] of this reader carries, if it carries one.
    pub fn typed_error(e: std::io::Error) -> std::result::Result<Error, std::io::Error> {
        if !e.get_ref().is_some_and(|inner| inner.is::<Error>()) {
            return Err(e);
        }
        let kind = e.kind();
        match e.into_inner() {
            Some(inner) => inner
                .downcast::<Error>()
                .map(|typed| *typed)
                .map_err(|other| std::io::Error::new(kind, other)),
            None => Err(std::io::Error::from(kind)),
        }
    }

    fn bad_base64(&self) -> std::io::Error {
        invalid(
            Error::input(keys::PEM_STREAM_BAD_BASE64).with("label", &self.label).with("offset", self.decoded),
        )
    }

    /// Gather base64 characters up to [`CHUNK_CHARS`] or the END line, and decode them.
    fn refill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.pos = 0;
        while !self.done && self.chars.len() < CHUNK_CHARS {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Err(invalid(Error::input(keys::PEM_NO_END)));
            }
            let mut used = 0;
            let mut at_end = false;
            while used < buf.len() {
                let run = buf[used..]
                    .iter()
                    .position(|b| matches!(b, b'-' | b' ' | b'\t' | b'\r' | b'\n'))
                    .unwrap_or(buf.len() - used);
                self.chars.extend_from_slice(&buf[used..used + run]);
                used += run;
                match buf.get(used) {
                    Some(b'-') => {
                        at_end = true;
                        break;
                    }
                    Some(_) => used += 1,
                    None => {}
                }
            }
            self.inner.consume(used);
            if at_end {
                let line = marker_line(&mut self.inner)?;
                if line.trim_end() != format!("-----END {}-----", self.label) {
                    return Err(invalid(Error::input(keys::PEM_WRONG_END).with("label", &self.label)));
                }
                self.done = true;
            }
        }
        let whole = if self.done { self.chars.len() } else { self.chars.len() / 4 * 4 };
        if whole == 0 {
            return Ok(());
        }
        if self.padded {
            return Err(self.bad_base64());
        }
        self.out.resize(whole / 4 * 3 + 3, 0);
        let n = STANDARD.decode_slice(&self.chars[..whole], &mut self.out).map_err(|_| self.bad_base64())?;
        self.out.truncate(n);
        self.decoded += n as u64;
        self.padded = self.chars[..whole].last() == Some(&b'=');
        self.chars.drain(..whole);
        Ok(())
    }
}

impl<R: BufRead> Read for PemReader<R> {
    fn read(&mut self, dst: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.out.len() {
            if self.done && self.chars.is_empty() {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = dst.len().min(self.out.len() - self.pos);
        dst[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(label: &str, data: &[u8], pieces: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = PemWriter::new(&mut out, label).unwrap();
        for part in data.chunks(pieces.max(1)) {
            w.write_all(part).unwrap();
        }
        w.finish().unwrap();
        out
    }

    fn decode(pem: &[u8]) -> std::io::Result<Vec<u8>> {
        let mut r = PemReader::new(std::io::BufReader::with_capacity(7, pem))?;
        let mut out = Vec::new();
        r.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn round_trips_and_matches_the_whole_file_encoder() {
        for len in [0usize, 1, 2, 3, 47, 48, 49, 95, 96, 97, 1000, 100_000] {
            let data: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            for pieces in [1, 5, 48, 4096] {
                let pem = encode("CMS", &data, pieces);
                assert_eq!(String::from_utf8(pem.clone()).unwrap(), crate::io::to_pem("CMS", &data));
                assert_eq!(decode(&pem).unwrap(), data, "len {len} pieces {pieces}");
            }
        }
    }

    #[test]
    fn any_line_length_and_crlf_are_read() {
        let data: Vec<u8> = (0..5000u32).map(|i| i as u8).collect();
        let b64 = STANDARD.encode(&data);
        let one_line = format!("-----BEGIN PKCS7-----\r\n{b64}\r\n-----END PKCS7-----\r\n");
        assert_eq!(decode(one_line.as_bytes()).unwrap(), data);
        let wrapped: Vec<&str> = b64.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap()).collect();
        let pem = format!("-----BEGIN CMS-----\n{}\n-----END CMS-----", wrapped.join("\n"));
        assert_eq!(decode(pem.as_bytes()).unwrap(), data);
    }

    fn code_of(e: std::io::Error) -> crate::diag::Code {
        PemReader::<&[u8]>::typed_error(e).unwrap().code()
    }

    #[test]
    fn malformed_blocks_are_typed_errors() {
        let pem = encode("CMS", &[1, 2, 3, 4, 5], 1);
        // Truncated: no END line.
        let cut = &pem[..pem.len() - 18];
        assert_eq!(code_of(decode(cut).unwrap_err()), keys::PEM_NO_END);
        // Another label at the end.
        let s = String::from_utf8(pem.clone()).unwrap().replace("END CMS", "END PKCS7");
        assert_eq!(code_of(decode(s.as_bytes()).unwrap_err()), keys::PEM_WRONG_END);
        // Bad characters, and data after the padding.
        let s = String::from_utf8(pem.clone()).unwrap().replacen("AQID", "AQ*D", 1);
        assert_eq!(code_of(decode(s.as_bytes()).unwrap_err()), keys::PEM_STREAM_BAD_BASE64);
        let s = "-----BEGIN CMS-----\nAQ==\nAQID\n-----END CMS-----\n";
        assert_eq!(code_of(decode(s.as_bytes()).unwrap_err()), keys::PEM_STREAM_BAD_BASE64);
        // Not PEM at all.
        assert_eq!(code_of(decode(b"\x30\x03\x02\x01\x01").unwrap_err()), keys::PEM_NO_BLOCK);
        // A BEGIN line without an end of line, as long as you like: bounded.
        let long = format!("-----BEGIN {}", "A".repeat(10_000));
        assert!(decode(long.as_bytes()).is_err());
    }
}
