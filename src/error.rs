//! The library's error type: a kind (which decides the CLI exit status), a message, and optional
//! context (the file it concerns) and a hint for the user.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, coarsely. The CLI maps kinds to exit statuses: [`ErrorKind::Invalid`] is 1
/// ("signature or certificate invalid"), everything else is 2 (usage or input error).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    Io,
    /// An input is malformed or of the wrong type (not a certificate, truncated PEM, ...).
    Input,
    /// A passphrase was missing or wrong.
    Passphrase,
    /// The request itself makes no sense (conflicting options, unsupported combination).
    Usage,
    /// The algorithm or feature is not supported.
    Unsupported,
    /// A cryptographic operation failed (key generation, signing).
    Crypto,
    /// A signature, certificate or path is invalid.
    Invalid,
    /// A work budget (signature checks, path builder calls, ...) ran out.
    Budget,
    /// A network peer (TSA, ...) could not be reached or answered badly.
    Network,
}

/// An error with its kind, a message, and optional file and hint.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    file: Option<PathBuf>,
    hint: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), file: None, hint: None, source: None }
    }
    /// A malformed or unexpected input.
    pub fn input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Input, message)
    }
    /// A usage problem.
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    /// An invalid signature, certificate or path.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, message)
    }
    /// An unsupported algorithm or feature.
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unsupported, message)
    }
    /// A failed cryptographic operation.
    pub fn crypto(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Crypto, message)
    }
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, err: std::io::Error) -> Self {
        let message = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::AlreadyExists => "already exists".to_string(),
            _ => err.to_string(),
        };
        Error { source: Some(Box::new(err)), ..Self::new(ErrorKind::Io, message) }.with_file(path)
    }
    /// Attach the file this error concerns (kept if one is already set).
    pub fn with_file(mut self, path: impl AsRef<Path>) -> Self {
        if self.file.is_none() {
            self.file = Some(path.as_ref().to_path_buf());
        }
        self
    }
    /// Attach a hint: what the user can do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    /// Attach an underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }
    /// Prefix the message with context (`"reading key: " + message`).
    pub fn context(mut self, context: impl fmt::Display) -> Self {
        self.message = format!("{context}: {}", self.message);
        self
    }
    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The message without file or hint.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The file this error concerns, if any.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }
    /// A hint for the user, if any.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}
