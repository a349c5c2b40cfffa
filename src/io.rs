//! File input and output: PEM/DER detection, and safe writes (temp file + rename, never
//! overwriting unless asked, key files created 0600).

use crate::diag::Hint;
use crate::diag::codes::{input, io, keys};
use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

mod pem_stream;
pub use pem_stream::{PemReader, PemWriter};

/// The largest file of each kind kyso reads whole (bytes): a hostile or mistaken input (a 1 GB
/// PEM file) is refused before it is read, with an error naming the file and the limit.
/// Documents to sign or verify are streamed and have no limit.
pub mod limits {
    const MIB: u64 = 1024 * 1024;
    /// Certificate files (one certificate, or a bundle of them).
    pub const CERTIFICATE: u64 = 8 * MIB;
    /// CRL files (a large CA's CRL can reach tens of MiB).
    pub const CRL: u64 = 64 * MIB;
    /// Private and public key files.
    pub const KEY: u64 = MIB;
    /// Certification requests.
    pub const CSR: u64 = MIB;
    /// PKCS#12 files.
    pub const PKCS12: u64 = 16 * MIB;
    /// Anything else read whole by [`super::read_file`] (signature files, time-stamp tokens,
    /// trust lists).
    pub const DEFAULT: u64 = 64 * MIB;
}

/// Read a whole file of at most [`limits::DEFAULT`] bytes, with an error naming it.
pub fn read_file(path: impl AsRef<Path>) -> Result<Vec<u8>> {
    read_file_limited(path, limits::DEFAULT)
}

/// Read a whole file of at most `max` bytes (see [`limits`]), with an error naming it: a larger
/// file is refused before it is read (or, when its size is not known beforehand, as soon as
/// `max` is passed).
pub fn read_file_limited(path: impl AsRef<Path>, max: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let path = path.as_ref();
    if path.is_dir() {
        return Err(Error::input(input::FILE_IS_DIRECTORY).with_file(path));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let too_large = |size: u64| {
        Error::input(input::FILE_TOO_LARGE)
            .with("size", size)
            .with("limit", max.div_ceil(1024 * 1024))
            .with_file(path)
    };
    let known = file.metadata().map(|m| m.len()).unwrap_or(0);
    if known > max {
        return Err(too_large(known));
    }
    let mut data = Vec::with_capacity(usize::try_from(known).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut data).map_err(|e| Error::io(path, e))?;
    if data.len() as u64 > max {
        return Err(too_large(data.len() as u64));
    }
    if data.is_empty() {
        return Err(Error::input(input::FILE_EMPTY).with_file(path));
    }
    Ok(data)
}

/// One decoded block of a PEM or DER input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The PEM label (`CERTIFICATE`, `PRIVATE KEY`, ...), or `None` for DER input.
    pub label: Option<String>,
    /// The DER bytes.
    pub der: Vec<u8>,
}

/// True when `data` looks like PEM text (a `-----BEGIN ` line, possibly after other text).
pub fn looks_like_pem(data: &[u8]) -> bool {
    data.windows(11).any(|w| w == b"-----BEGIN ")
}

/// Decode PEM (every block, text between blocks ignored) or, when no PEM marker is present, take
/// the bytes as one DER block. Errors say what is wrong (truncated PEM, bad base64, not DER).
pub fn decode_pem_or_der(data: &[u8]) -> Result<Vec<Block>> {
    if looks_like_pem(data) {
        let blocks =
            pem::parse_many(data).map_err(|e| Error::input(keys::PEM_MALFORMED).with("detail", e))?;
        if blocks.is_empty() {
            return Err(Error::input(keys::PEM_NO_BLOCK));
        }
        // pem::parse_many silently drops a trailing BEGIN without END: catch truncation.
        let begins = data.windows(11).filter(|w| *w == b"-----BEGIN ").count();
        if begins != blocks.len() {
            return Err(Error::input(keys::PEM_NO_END));
        }
        Ok(blocks
            .into_iter()
            .map(|b| Block { label: Some(b.tag().to_string()), der: b.into_contents() })
            .collect())
    } else {
        if data.first() != Some(&0x30) {
            return Err(Error::input(input::FILE_NOT_PEM_OR_DER));
        }
        Ok(vec![Block { label: None, der: data.to_vec() }])
    }
}

/// Options for [`write_atomic`].
#[derive(Clone, Copy, Debug, Default)]
#[non_exhaustive]
pub struct WriteOptions {
    /// Replace an existing file.
    pub force: bool,
    /// Create the file with mode 0600 (private keys, PKCS#12).
    pub private: bool,
    /// Do not flush this file to disk before the rename: the caller flushes many outputs at once
    /// afterwards with [`sync_filesystem`] (batch signing). The rename is still atomic: readers
    /// never see a partial file.
    pub defer_sync: bool,
}

with_setters!(WriteOptions {
    force: bool => with_force,
    private: bool => with_private,
    defer_sync: bool => with_defer_sync,
});

/// Write `data` to `path` through a temporary file in the same directory that gets its name only
/// once complete (on Linux an unnamed `O_TMPFILE` file and `linkat`, elsewhere or with `force`
/// a named temporary file and a rename), so a failure never leaves a partial output. Refuses to
/// replace an existing file unless `opts.force`. With `opts.private` the file is created with
/// mode 0600 on Unix.
pub fn write_atomic(path: impl AsRef<Path>, data: &[u8], opts: WriteOptions) -> Result<()> {
    let path = path.as_ref();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    #[cfg(target_os = "linux")]
    if !opts.force {
        match linux::write_new(dir, path, data, opts) {
            Ok(()) => return Ok(()),
            Err(linux::Fallback::No(e)) => return Err(e),
            Err(linux::Fallback::Yes) => {}
        }
    }
    let mut tmp = temp_beside(dir, path, opts)?;
    tmp.write_all(data).map_err(|e| Error::io(path, e))?;
    persist(tmp, path, opts)
}

/// A temporary file in `dir` (the directory of `path`) with the output's mode, after the checks
/// every atomic write makes: the directory exists, `path` is not a directory, and it does not exist
/// unless `opts.force`.
fn temp_beside(dir: &Path, path: &Path, opts: WriteOptions) -> Result<tempfile::NamedTempFile> {
    if !dir.is_dir() {
        return Err(missing_dir(dir, path));
    }
    if path.is_dir() {
        return Err(Error::input(io::IS_DIRECTORY).with_file(path));
    }
    if !opts.force && path.exists() {
        return Err(Error::new(crate::ErrorKind::Io, io::ALREADY_EXISTS)
            .with_file(path)
            .with_hint(Hint::AllowOverwrite));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kyso-tmp-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if opts.private { 0o600 } else { 0o644 };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    builder.tempfile_in(dir).map_err(|e| Error::io(path, e))
}

/// Like [`write_atomic`], for an output produced as a stream: `produce` writes it (buffered)
/// into a named temporary file in `path`'s directory, which gets its name only once `produce`
/// succeeded and the file is complete; on any error the temporary file is removed.
pub fn write_atomic_with<T>(
    path: impl AsRef<Path>,
    opts: WriteOptions,
    produce: &mut dyn FnMut(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let path = path.as_ref();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = temp_beside(dir, path, opts)?;
    let mut w = std::io::BufWriter::with_capacity(256 * 1024, tmp);
    let value = produce(&mut w)?;
    let tmp = w.into_inner().map_err(|e| Error::io(path, e.into_error()))?;
    persist(tmp, path, opts)?;
    Ok(value)
}

/// Flush a complete temporary file (unless `opts.defer_sync`) and give it `path`'s name;
/// without `opts.force`, `persist_noclobber` fails if the file appeared meanwhile.
fn persist(tmp: tempfile::NamedTempFile, path: &Path, opts: WriteOptions) -> Result<()> {
    if !opts.defer_sync {
        tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    }
    if opts.force {
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| Error::io(path, e.error))?;
    }
    Ok(())
}

fn missing_dir(dir: &Path, path: &Path) -> Error {
    Error::new(crate::ErrorKind::Io, io::DIRECTORY_NOT_FOUND).with("dir", dir.display()).with_file(path)
}

/// Linux: create the output as an unnamed file in its directory (`O_TMPFILE`) and give it its
/// name with `linkat(2)` once complete. One directory update instead of two (create + rename),
/// and `linkat` refuses an existing name, so no file is ever replaced. File systems without
/// `O_TMPFILE`, or a system without `/proc`, fall back to a named temporary file.
#[cfg(target_os = "linux")]
mod linux {
    use super::WriteOptions;
    use crate::diag::Hint;
    use crate::diag::codes::io;
    use crate::error::Error;
    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use rustix::io::Errno;
    use std::io::Write;
    use std::os::fd::AsRawFd;
    use std::path::Path;

    pub(super) enum Fallback {
        Yes,
        No(Error),
    }

    pub(super) fn write_new(
        dir: &Path,
        path: &Path,
        data: &[u8],
        opts: WriteOptions,
    ) -> Result<(), Fallback> {
        let mode = Mode::from_raw_mode(if opts.private { 0o600 } else { 0o644 });
        let fd = match rustix::fs::open(dir, OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC, mode) {
            Ok(fd) => fd,
            // EOPNOTSUPP: the file system has no O_TMPFILE; EISDIR/EINVAL: an older kernel.
            Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL) => return Err(Fallback::Yes),
            Err(Errno::NOENT | Errno::NOTDIR) => return Err(Fallback::No(super::missing_dir(dir, path))),
            Err(e) => return Err(Fallback::No(Error::io(path, e.into()))),
        };
        let mut file = std::fs::File::from(fd);
        file.write_all(data).map_err(|e| Fallback::No(Error::io(path, e)))?;
        if !opts.defer_sync {
            file.sync_all().map_err(|e| Fallback::No(Error::io(path, e)))?;
        }
        let proc_path = format!("/proc/self/fd/{}", file.as_raw_fd());
        match rustix::fs::linkat(CWD, proc_path.as_str(), CWD, path, AtFlags::SYMLINK_FOLLOW) {
            Ok(()) => Ok(()),
            Err(Errno::EXIST) if path.is_dir() => {
                Err(Fallback::No(Error::input(io::IS_DIRECTORY).with_file(path)))
            }
            Err(Errno::EXIST) => Err(Fallback::No(
                Error::new(crate::ErrorKind::Io, io::ALREADY_EXISTS)
                    .with_file(path)
                    .with_hint(Hint::AllowOverwrite),
            )),
            // No /proc: name the file the portable way.
            Err(Errno::NOENT) if !Path::new("/proc/self/fd").is_dir() => Err(Fallback::Yes),
            Err(e) => Err(Fallback::No(Error::io(path, e.into()))),
        }
    }
}

/// Flush every file written under `dir` to disk: one `syncfs(2)` for the file system holding
/// `dir` on Linux (after a batch of [`WriteOptions::defer_sync`] writes), an fsync of the
/// directory elsewhere.
pub fn sync_filesystem(dir: impl AsRef<Path>) -> Result<()> {
    let dir = dir.as_ref();
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let f = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
    #[cfg(target_os = "linux")]
    rustix::fs::syncfs(&f).map_err(|e| Error::io(dir, e.into()))?;
    #[cfg(not(target_os = "linux"))]
    f.sync_all().map_err(|e| Error::io(dir, e))?;
    Ok(())
}

/// True when `a` and `b` name the same existing file (after following links): same device and
/// inode on Unix, same canonical path elsewhere.
pub fn same_file(a: impl AsRef<Path>, b: impl AsRef<Path>) -> bool {
    let (a, b) = (a.as_ref(), b.as_ref());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// What makes two paths one file: device and inode for an existing file (after following links),
/// the canonical parent directory and the file name for one not yet written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    Name(std::path::PathBuf),
}

fn file_id(path: &Path) -> FileId {
    #[cfg(unix)]
    if let Ok(m) = std::fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        return FileId::Inode(m.dev(), m.ino());
    }
    #[cfg(not(unix))]
    if let Ok(p) = std::fs::canonicalize(path) {
        return FileId::Name(p);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(dir), path.file_name()) {
        (Ok(d), Some(name)) => FileId::Name(d.join(name)),
        _ => FileId::Name(path.to_path_buf()),
    }
}

/// Refuse a command whose outputs are not distinct files, or where an output is one of its
/// inputs (key, certificate, chain, document), whatever the names: compared by device and inode
/// for existing files, by canonical directory and name for outputs not yet written. Checked
/// before any work and regardless of overwriting, so no input is ever replaced and no output
/// silently overwrites another. Errors: [`io::OUTPUT_REPEATED`], [`io::OUTPUT_IS_INPUT`] (usage).
pub fn check_distinct(inputs: &[&Path], outputs: &[&Path]) -> Result<()> {
    let input_ids: Vec<FileId> = inputs.iter().map(|p| file_id(p)).collect();
    let mut seen: std::collections::HashMap<FileId, &Path> = std::collections::HashMap::new();
    for &out in outputs {
        let id = file_id(out);
        if let Some(i) = input_ids.iter().position(|x| *x == id) {
            return Err(Error::usage(io::OUTPUT_IS_INPUT)
                .with("output", out.display())
                .with("input", inputs[i].display()));
        }
        if let Some(first) = seen.insert(id, out) {
            return Err(Error::usage(io::OUTPUT_REPEATED)
                .with("first", first.display())
                .with("second", out.display()));
        }
    }
    Ok(())
}

/// Encode DER as PEM with `label`, LF line endings.
pub fn to_pem(label: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(label, der.to_vec()),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_pem_is_an_error() {
        let full = to_pem("CERTIFICATE", &[0x30, 0x03, 0x02, 0x01, 0x01]);
        let cut = &full.as_bytes()[..full.len() - 20];
        let err = decode_pem_or_der(cut).unwrap_err();
        assert_eq!(err.code(), keys::PEM_NO_BLOCK, "{err}");
        assert_eq!(decode_pem_or_der(full.as_bytes()).unwrap().len(), 1);
    }

    #[test]
    fn files_above_the_limit_are_refused_before_reading() {
        // Issue #9 defect 19: a 1 GB PEM file was read whole (2.9 GB RSS). A sparse file costs
        // no disk; refusing it must not read it.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("huge.pem");
        std::fs::File::create(&p).unwrap().set_len(1 << 30).unwrap();
        let start = std::time::Instant::now();
        let err = read_file(&p).unwrap_err();
        assert_eq!(err.code(), input::FILE_TOO_LARGE, "{err}");
        let text = err.to_string();
        assert!(text.contains("huge.pem") && text.contains("64 MiB"), "{text}");
        let err = read_file_limited(&p, limits::CERTIFICATE).unwrap_err();
        assert!(err.to_string().contains("8 MiB"), "{err}");
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
        // At the limit a file is read.
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read_file_limited(&p, 5).unwrap(), b"12345");
        assert_eq!(read_file_limited(&p, 4).unwrap_err().code(), input::FILE_TOO_LARGE);
    }

    #[cfg(unix)]
    #[test]
    fn files_of_unknown_size_stop_at_the_limit() {
        // /dev/zero reports size 0 and never ends.
        let err = read_file_limited("/dev/zero", 1024).unwrap_err();
        assert_eq!(err.code(), input::FILE_TOO_LARGE, "{err}");
    }

    #[test]
    fn random_bytes_are_neither_pem_nor_der() {
        let err = decode_pem_or_der(&[0xde, 0xad, 0xbe, 0xef]).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Input);
    }

    #[test]
    fn write_atomic_refuses_overwrite_and_missing_dir() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.bin");
        write_atomic(&p, b"one", WriteOptions::default()).unwrap();
        assert!(write_atomic(&p, b"two", WriteOptions::default()).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", WriteOptions { force: true, private: false, ..Default::default() }).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let missing = dir.path().join("nope").join("out.bin");
        assert!(write_atomic(&missing, b"x", WriteOptions::default()).is_err());
        // no temp files left behind
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn deferred_writes_are_complete_after_sync_filesystem() {
        let dir = tempfile::tempdir().unwrap();
        let opts = WriteOptions { defer_sync: true, ..Default::default() };
        for i in 0..10 {
            write_atomic(dir.path().join(format!("f{i}")), format!("data {i}").as_bytes(), opts).unwrap();
        }
        sync_filesystem(dir.path()).unwrap();
        for i in 0..10 {
            assert_eq!(
                std::fs::read(dir.path().join(format!("f{i}"))).unwrap(),
                format!("data {i}").as_bytes()
            );
        }
        assert!(sync_filesystem(dir.path().join("missing")).is_err());
    }

    #[test]
    fn same_file_follows_links_and_names() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::write(&a, b"x").unwrap();
        std::fs::write(dir.path().join("b"), b"x").unwrap();
        assert!(same_file(&a, dir.path().join(".").join("a")));
        assert!(!same_file(&a, dir.path().join("b")));
        assert!(!same_file(&a, dir.path().join("missing")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&a, dir.path().join("link")).unwrap();
            assert!(same_file(dir.path().join("link"), &a));
        }
    }

    #[test]
    fn check_distinct_compares_files_not_names() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("key.pem");
        std::fs::write(&key, b"k").unwrap();
        let other = dir.path().join("other.pem");
        // An existing input under another spelling.
        let dotted = dir.path().join(".").join("key.pem");
        let err = check_distinct(&[&key], &[&dotted]).unwrap_err();
        assert_eq!(err.code(), io::OUTPUT_IS_INPUT);
        assert_eq!(err.kind(), crate::ErrorKind::Usage);
        let text = err.to_string();
        assert!(text.contains("key.pem"), "{text}");
        // Two outputs not yet written, spelled differently.
        std::fs::create_dir(dir.path().join("x")).unwrap();
        let again = dir.path().join("x").join("..").join("other.pem");
        assert_eq!(check_distinct(&[&key], &[&other, &again]).unwrap_err().code(), io::OUTPUT_REPEATED);
        // And once written.
        std::fs::write(&other, b"o").unwrap();
        assert_eq!(check_distinct(&[], &[&other, &again]).unwrap_err().code(), io::OUTPUT_REPEATED);
        check_distinct(&[&key], &[&other, &dir.path().join("third.pem")]).unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.pem");
            std::os::unix::fs::symlink(&key, &link).unwrap();
            assert_eq!(check_distinct(&[&key], &[&link]).unwrap_err().code(), io::OUTPUT_IS_INPUT);
            std::fs::hard_link(&key, dir.path().join("hard.pem")).unwrap();
            let hard = dir.path().join("hard.pem");
            assert_eq!(check_distinct(&[&key], &[&hard]).unwrap_err().code(), io::OUTPUT_IS_INPUT);
        }
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("key.pem");
        write_atomic(&p, b"secret", WriteOptions { force: false, private: true, ..Default::default() })
            .unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
