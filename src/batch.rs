//! Signing and verifying many files: in parallel on a thread pool the caller sizes, one result
//! per file (one bad file never stops the others), outputs complete or absent.
//!
//! Signing writes each output atomically ([`crate::io::write_atomic`]: an unnamed `O_TMPFILE`
//! file given its name with `linkat` on Linux) without an fsync per file; while the batch runs a
//! background thread flushes what is written so far every [`FLUSH_EVERY`], and one final
//! `syncfs(2)` per file system ([`crate::io::sync_filesystem`]) puts every output on disk before
//! [`BatchSigner::sign_all`] returns. Verification of CMS signatures ([`verify_all`]) and of
//! signed XML documents ([`verify_xml_all`]) shares one [`cms::VerifyOptions`] (and so its
//! [`crate::crypto::Verifier`]) across every file: a CA's signature is checked once per batch.
//!
//! Progress is reported through a callback `Fn(done, total)`, called from the worker threads.

use crate::certificate::Certificate;
use crate::cms::{self, SignOptions, SignatureOutput, VerificationReport, VerifyOptions, tsp::Timestamper};
use crate::diag::codes::{batch as codes, input};
use crate::error::{Error, ErrorKind, Result};
use crate::io::{WriteOptions, write_atomic};
use crate::keys::Signer;
use crate::verdict::DocumentVerdict;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How often a signing batch flushes its outputs to disk while it runs, off the signing threads,
/// so that the final flush finds little left to write.
pub const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// The default number of worker threads: twice the cores (2 to 64). Reading inputs and writing
/// outputs block, so a few more threads than cores keep the cores busy signing.
pub fn default_threads() -> usize {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    (cores * 2).clamp(2, 64)
}

/// Signature files larger than this (bytes) that are DER, BER or PEM, verified without their data
/// file, are read as a stream ([`cms::verify::verify_attached_stream`]): an attached signature
/// of any size is verified in constant memory.
pub const STREAM_VERIFY_MIN: u64 = 8 << 20;

/// The read buffer of a streamed attached signature: its content is hashed straight from it.
const STREAM_BUFFER_SIZE: usize = 256 * 1024;

/// `FILE.p7s`: where a detached signature of `file` goes by default, and where verification
/// looks for one.
pub fn signature_path(file: &Path) -> PathBuf {
    let mut s = file.as_os_str().to_os_string();
    s.push(".p7s");
    PathBuf::from(s)
}

/// The result of signing one file of a batch.
#[derive(Debug)]
pub struct BatchItem {
    /// The file signed.
    pub input: PathBuf,
    /// The signature file (written only when `result` is `Ok`).
    pub output: PathBuf,
    /// The signature, or what went wrong with this file.
    pub result: Result<SignatureOutput>,
}

/// The result of verifying one XML document of a batch ([`verify_xml_all`]).
#[derive(Debug)]
pub struct XmlVerifyItem {
    /// The XML document.
    pub file: PathBuf,
    /// The verdict (named after `file`), or why the document could not be verified at all.
    pub result: Result<DocumentVerdict>,
}

/// The result of verifying one signature of a batch.
#[derive(Debug)]
pub struct VerifyItem {
    /// The signature file.
    pub signature: PathBuf,
    /// The signed data, for a detached signature.
    pub data: Option<PathBuf>,
    /// The verification report, or why the signature could not be verified at all.
    pub result: Result<VerificationReport>,
}

/// One signer (key, certificate, options) signing many files.
pub struct BatchSigner<'a> {
    /// The key.
    pub signer: &'a dyn Signer,
    /// Its certificate.
    pub cert: &'a Certificate,
    /// How to sign (digest, attached, chain, `force` for policy problems).
    pub options: SignOptions,
    /// Add a signature timestamp from this TSA to every signature (CAdES-T / B-T).
    pub timestamper: Option<&'a dyn Timestamper>,
    /// Write PEM (`-----BEGIN CMS-----`) instead of DER.
    pub pem: bool,
    /// Replace existing output files (never the input itself).
    pub overwrite: bool,
}

impl std::fmt::Debug for BatchSigner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchSigner").field("cert", &self.cert).finish_non_exhaustive()
    }
}

impl<'a> BatchSigner<'a> {
    /// A batch signer with `options`, DER outputs, no timestamp, no overwriting.
    pub fn new(signer: &'a dyn Signer, cert: &'a Certificate, options: SignOptions) -> Self {
        BatchSigner { signer, cert, options, timestamper: None, pem: false, overwrite: false }
    }

    /// Sign `input` into `output`, flushed to disk before returning. The output is complete or
    /// absent.
    pub fn sign_file(&self, input: &Path, output: &Path) -> Result<SignatureOutput> {
        self.sign_one(input, output, false)
    }

    fn sign_one(&self, input: &Path, output: &Path, defer_sync: bool) -> Result<SignatureOutput> {
        let f = std::fs::File::open(input).map_err(|e| Error::io(input, e))?;
        let meta = f.metadata().map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            return Err(Error::input(input::FILE_IS_DIRECTORY).with_file(input));
        }
        // One stat of the output: absent (the usual case), or the input itself, or a file that
        // only `overwrite` may replace.
        if output.symlink_metadata().is_ok() {
            if crate::io::same_file(input, output) {
                return Err(Error::usage(codes::BATCH_OUTPUT_IS_INPUT).with_file(input));
            }
            // Refused before signing (and before asking a TSA), not only when writing.
            if !self.overwrite {
                return Err(Error::new(ErrorKind::Io, crate::diag::codes::io::ALREADY_EXISTS)
                    .with_file(output)
                    .with_hint(crate::diag::Hint::AllowOverwrite));
            }
        }
        let mut reader = std::io::BufReader::with_capacity(crate::crypto::digest::HASH_BUFFER_SIZE, f);
        if self.options.attached {
            // Streamed (DER, or PEM as it is encoded): the content goes to the output as it is
            // hashed, never held in memory.
            let builder = cms::builder::builder_for(self.cert, &self.options);
            let tsa = self.timestamper;
            return crate::io::write_atomic_with(
                output,
                WriteOptions { force: self.overwrite, defer_sync, ..Default::default() },
                &mut |out| {
                    let mut amend = |der: Vec<u8>| match tsa {
                        Some(tsa) => cms::tsp::add_timestamps(&der, tsa),
                        None => Ok(der),
                    };
                    if !self.pem {
                        return builder
                            .sign_attached_to(self.signer, &mut reader, out, &mut amend)
                            .map_err(|e| e.with_file(input));
                    }
                    let write_err = |e| Error::io(output, e);
                    let mut pem = crate::io::PemWriter::new(out, "CMS").map_err(write_err)?;
                    let sig = builder
                        .sign_attached_to(self.signer, &mut reader, &mut pem, &mut amend)
                        .map_err(|e| e.with_file(input))?;
                    pem.finish().map_err(write_err)?;
                    Ok(sig)
                },
            );
        }
        let mut sig =
            cms::sign(self.signer, self.cert, &mut reader, &self.options).map_err(|e| e.with_file(input))?;
        if let Some(tsa) = self.timestamper {
            sig.der = cms::tsp::add_timestamps(&sig.der, tsa).map_err(|e| e.with_file(input))?;
        }
        let bytes = if self.pem { sig.to_pem().into_bytes() } else { sig.der.clone() };
        write_atomic(
            output,
            &bytes,
            WriteOptions { force: self.overwrite, defer_sync, ..Default::default() },
        )?;
        Ok(sig)
    }

    /// Sign every `(input, output)` pair on `threads` worker threads (0: [`default_threads`]),
    /// calling `progress(done, total)` after each file. Returns one [`BatchItem`] per pair, in
    /// the order given; every output of an `Ok` item is complete and on disk. Fails as a whole
    /// only when the worker threads cannot be started.
    pub fn sign_all(
        &self,
        jobs: &[(PathBuf, PathBuf)],
        threads: usize,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Vec<BatchItem>> {
        let pool = pool(threads)?;
        let total = jobs.len();
        let done = AtomicUsize::new(0);
        let mut dirs: Vec<PathBuf> = jobs.iter().map(|(_, o)| parent(o).to_path_buf()).collect();
        dirs.sort();
        dirs.dedup();
        let mut results: Vec<Result<SignatureOutput>> = std::thread::scope(|scope| {
            // While the batch runs, flush what is written so far every FLUSH_EVERY.
            let (stop, stopped) = std::sync::mpsc::channel::<()>();
            let dirs = &dirs;
            scope.spawn(move || {
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(FLUSH_EVERY)
                {
                    for d in dirs {
                        let _ = crate::io::sync_filesystem(d);
                    }
                }
            });
            let results = pool.install(|| {
                jobs.par_iter()
                    .map(|(input, output)| {
                        let r = self.sign_one(input, output, true);
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                        r
                    })
                    .collect()
            });
            drop(stop);
            results
        });
        // Every output is on disk before returning: one flush per file system for the whole
        // batch instead of an fsync per file. A directory that cannot be flushed fails its files.
        for d in &dirs {
            if let Err(e) = crate::io::sync_filesystem(d) {
                for ((_, output), r) in jobs.iter().zip(results.iter_mut()) {
                    if r.is_ok() && parent(output) == d.as_path() {
                        *r = Err(Error::new(ErrorKind::Io, e.typed_message().clone()).with_file(output));
                    }
                }
            }
        }
        Ok(jobs
            .iter()
            .zip(results)
            .map(|((input, output), result)| BatchItem {
                input: input.clone(),
                output: output.clone(),
                result,
            })
            .collect())
    }
}

fn parent(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    let threads = if threads == 0 { default_threads() } else { threads };
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| {
        Error::new(ErrorKind::Io, codes::BATCH_THREADS).with("threads", threads).with("detail", e)
    })
}

/// Verify the signature in `signature` over `data` (a detached signature), or alone (an attached
/// one; a detached `DATA.p7s` is verified over `DATA` when that file exists).
pub fn verify_file(
    signature: &Path,
    data: Option<&Path>,
    opts: &VerifyOptions,
) -> Result<VerificationReport> {
    if data.is_none() {
        // A large DER/BER/PEM signature is an attached one: its content is hashed as it is read.
        let f = std::fs::File::open(signature).map_err(|e| Error::io(signature, e))?;
        let meta = f.metadata().map_err(|e| Error::io(signature, e))?;
        if meta.is_file() && meta.len() > STREAM_VERIFY_MIN {
            use std::io::BufRead;
            let mut r = std::io::BufReader::with_capacity(STREAM_BUFFER_SIZE, f);
            let start = r.fill_buf().map_err(|e| Error::io(signature, e))?;
            let streamed = if start.first() == Some(&0x30) {
                Some(cms::verify::verify_attached_stream(&mut r, opts))
            } else if start.starts_with(b"-----BEGIN ") {
                let pem = crate::io::PemReader::new(r);
                let mut pem = match pem {
                    Ok(p) => std::io::BufReader::with_capacity(STREAM_BUFFER_SIZE, p),
                    Err(e) => {
                        return Err(crate::io::PemReader::<&[u8]>::typed_error(e)
                            .unwrap_or_else(|e| Error::io(signature, e))
                            .with_file(signature));
                    }
                };
                Some(cms::verify::verify_attached_stream(&mut pem, opts))
            } else {
                None
            };
            if let Some(streamed) = streamed {
                match streamed {
                    // A large detached signature: verified over its data file below.
                    Err(e) if e.typed_message().code == crate::diag::codes::cms::CMS_DETACHED_NEEDS_DATA => {}
                    other => return other.map_err(|e| e.with_file(signature)),
                }
            }
        }
    }
    let sig = crate::io::read_file(signature)?;
    match data {
        Some(d) => {
            if d.is_dir() {
                return Err(Error::input(input::FILE_IS_DIRECTORY).with_file(d));
            }
            let f = std::fs::File::open(d).map_err(|e| Error::io(d, e))?;
            let mut r = std::io::BufReader::with_capacity(crate::crypto::digest::HASH_BUFFER_SIZE, f);
            cms::verify(&sig, Some(&mut r), opts).map_err(|e| e.with_file(signature))
        }
        None => {
            let parsed = cms::parse(&sig).map_err(|e| e.with_file(signature))?;
            if parsed.embedded_content().is_none() {
                if let Some(stem) = signature.to_str().and_then(|s| s.strip_suffix(".p7s")) {
                    let data = Path::new(stem);
                    if data.is_file() {
                        return verify_file(signature, Some(data), opts);
                    }
                }
            }
            cms::verify(&sig, None, opts).map_err(|e| e.with_file(signature))
        }
    }
}

/// Verify every `(signature, data)` pair with one shared `opts` on `threads` worker threads
/// (0: [`default_threads`]), calling `progress(done, total)` after each. Returns one
/// [`VerifyItem`] per pair, in the order given. Fails as a whole only when the worker threads
/// cannot be started.
pub fn verify_all(
    pairs: &[(PathBuf, Option<PathBuf>)],
    opts: &VerifyOptions,
    threads: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<VerifyItem>> {
    let pool = pool(threads)?;
    let total = pairs.len();
    let done = AtomicUsize::new(0);
    Ok(pool.install(|| {
        pairs
            .par_iter()
            .map(|(signature, data)| {
                let result = verify_file(signature, data.as_deref(), opts);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                VerifyItem { signature: signature.clone(), data: data.clone(), result }
            })
            .collect()
    }))
}

/// Verify the signatures of the XML document `file` ([`crate::xml::verify_document`]); the
/// verdict is named after `file`, an error names it.
pub fn verify_xml_file(file: &Path, opts: &VerifyOptions) -> Result<DocumentVerdict> {
    verify_xml_with(file, |bytes| crate::xml::verify_document(bytes, opts))
}

fn verify_xml_with(
    file: &Path,
    verify: impl Fn(&[u8]) -> Result<DocumentVerdict>,
) -> Result<DocumentVerdict> {
    let bytes = crate::io::read_file(file)?;
    verify(&bytes).map(|v| v.with_document_name(file.display().to_string())).map_err(|e| e.with_file(file))
}

/// Verify every XML document of `files` ([`crate::xml::verify_document`]) with one shared
/// `opts` through one [`crate::xml::DocumentVerifier`] (every document validated at `opts.at`,
/// or at the time the batch starts; a signer's paths validated and its certificates parsed once
/// for the documents that carry the same certificates; a CA's signature checked once) on `threads` worker threads (0:
/// [`default_threads`]), calling `progress(done, total)` after each. Returns one [`XmlVerifyItem`] per file, in the
/// order given. Fails as a whole only when the worker threads cannot be started.
pub fn verify_xml_all(
    files: &[PathBuf],
    opts: &VerifyOptions,
    threads: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<XmlVerifyItem>> {
    let pool = pool(threads)?;
    let total = files.len();
    let done = AtomicUsize::new(0);
    let verifier = crate::xml::DocumentVerifier::new(opts);
    Ok(pool.install(|| {
        files
            .par_iter()
            .map(|file| {
                let result = verify_xml_with(file, |bytes| verifier.verify(bytes));
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                XmlVerifyItem { file: file.clone(), result }
            })
            .collect()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SoftwareKey;

    fn signer() -> (SoftwareKey, Certificate, Certificate) {
        let key = SoftwareKey::generate(crate::KeyAlgorithm::EcP256).unwrap();
        let kp = rcgen::KeyPair::try_from(key.pkcs8_der().as_slice()).unwrap();
        let cert = rcgen::CertificateParams::new(vec!["kyso.test".into()]).unwrap().self_signed(&kp).unwrap();
        let cert = Certificate::from_der(cert.der().to_vec()).unwrap();
        (key, cert.clone(), cert)
    }

    fn intact(r: &VerificationReport) -> bool {
        !r.signers.is_empty() && r.signers.iter().all(|s| s.integrity.status == cms::CheckStatus::Passed)
    }

    #[test]
    fn per_file_errors_do_not_stop_the_others_and_outputs_are_complete_or_absent() {
        let (key, cert, root) = signer();
        let dir = tempfile::tempdir().unwrap();
        let mut jobs = Vec::new();
        for i in 0..8 {
            let f = dir.path().join(format!("f{i}.txt"));
            std::fs::write(&f, format!("document {i}")).unwrap();
            jobs.push((f.clone(), signature_path(&f)));
        }
        // A missing input, a directory as input, an existing output, an output in a missing
        // directory, and an output that is the input.
        let missing = dir.path().join("missing.txt");
        jobs.insert(2, (missing.clone(), signature_path(&missing)));
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        jobs.push((sub.clone(), signature_path(&sub)));
        let taken = dir.path().join("taken.txt");
        std::fs::write(&taken, "x").unwrap();
        std::fs::write(signature_path(&taken), "old").unwrap();
        jobs.push((taken.clone(), signature_path(&taken)));
        jobs.push((jobs[0].0.clone(), dir.path().join("nope").join("out.p7s")));
        jobs.push((jobs[1].0.clone(), jobs[1].0.clone()));

        let calls = AtomicUsize::new(0);
        let b = BatchSigner::new(&key, &cert, SignOptions::default());
        let items = b
            .sign_all(&jobs, 3, &|done, total| {
                assert!(done <= total);
                calls.fetch_add(1, Ordering::Relaxed);
            })
            .unwrap();
        assert_eq!(items.len(), jobs.len());
        assert_eq!(calls.load(Ordering::Relaxed), jobs.len());
        let ok = items.iter().filter(|i| i.result.is_ok()).count();
        assert_eq!(ok, 8, "{items:#?}");
        for it in &items {
            match &it.result {
                Ok(_) => {
                    let report = verify_file(&it.output, Some(&it.input), &opts(&root)).unwrap();
                    assert!(intact(&report));
                }
                Err(e) => {
                    assert!(e.file().is_some(), "{e}");
                    if it.input == taken {
                        assert_eq!(std::fs::read(&it.output).unwrap(), b"old");
                    } else if it.output != it.input {
                        assert!(!it.output.exists(), "{}", it.output.display());
                    }
                }
            }
        }
        let same = items.last().unwrap();
        assert_eq!(same.result.as_ref().unwrap_err().code(), codes::BATCH_OUTPUT_IS_INPUT);
        // No temporary file left behind.
        assert!(
            std::fs::read_dir(dir.path())
                .unwrap()
                .all(|e| { !e.unwrap().file_name().to_string_lossy().starts_with(".kyso-tmp") })
        );
    }

    fn opts(root: &Certificate) -> VerifyOptions {
        let mut store = crate::TrustStore::new();
        store.add(root.clone(), "root", "default");
        VerifyOptions::default().with_store(store).with_revocation(crate::revocation::RevocationMode::Off)
    }

    #[test]
    fn verify_all_reports_each_file() {
        let (key, cert, root) = signer();
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "a").unwrap();
        BatchSigner::new(&key, &cert, SignOptions::default()).sign_file(&a, &signature_path(&a)).unwrap();
        let garbage = dir.path().join("g.p7s");
        std::fs::write(&garbage, "not a signature").unwrap();
        let pairs = vec![
            (signature_path(&a), Some(a.clone())),
            (signature_path(&a), None),
            (garbage.clone(), None),
            (dir.path().join("missing.p7s"), None),
        ];
        let items = verify_all(&pairs, &opts(&root), 2, &|_, _| {}).unwrap();
        assert!(intact(items[0].result.as_ref().unwrap()));
        assert!(intact(items[1].result.as_ref().unwrap()));
        assert!(items[2].result.is_err());
        assert!(items[3].result.is_err());
    }

    #[test]
    fn a_key_that_is_not_the_certificates_is_never_signed() {
        let (_, cert, _) = signer();
        let other = SoftwareKey::generate(crate::KeyAlgorithm::EcP256).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "a").unwrap();
        let b = BatchSigner::new(&other, &cert, SignOptions { force: true, ..Default::default() });
        let err = b.sign_file(&a, &signature_path(&a)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Input);
        assert!(!signature_path(&a).exists());
    }
}
