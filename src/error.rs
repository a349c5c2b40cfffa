//! The library's error type: a kind (which decides the CLI exit status), a typed message (a
//! [`Code`] with parameters, worded by the catalog in Vietnamese or English), and optional
//! context (the file it concerns) and a typed [`Hint`] for the user.

use crate::diag::{Code, Hint, Lang, Message};
use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, coarsely. The CLI maps kinds to exit statuses: [`ErrorKind::Invalid`] is 1
/// ("signature or certificate invalid"), everything else is 2 (usage or input error).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
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

/// An error with its kind, a typed message, and optional file and hint.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: Message,
    /// What the operation was doing when it failed (outermost last).
    context: Vec<Message>,
    file: Option<PathBuf>,
    hint: Option<Hint>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<Message>) -> Self {
        Error { kind, message: message.into(), context: Vec::new(), file: None, hint: None, source: None }
    }
    /// A malformed or unexpected input.
    pub fn input(message: impl Into<Message>) -> Self {
        Self::new(ErrorKind::Input, message)
    }
    /// A usage problem.
    pub fn usage(message: impl Into<Message>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    /// An invalid signature, certificate or path.
    pub fn invalid(message: impl Into<Message>) -> Self {
        Self::new(ErrorKind::Invalid, message)
    }
    /// An unsupported algorithm or feature.
    pub fn unsupported(message: impl Into<Message>) -> Self {
        Self::new(ErrorKind::Unsupported, message)
    }
    /// A failed cryptographic operation.
    pub fn crypto(message: impl Into<Message>) -> Self {
        Self::new(ErrorKind::Crypto, message)
    }
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, err: std::io::Error) -> Self {
        use crate::diag::codes::io;
        let message = match err.kind() {
            std::io::ErrorKind::NotFound => Message::new(io::NOT_FOUND),
            std::io::ErrorKind::PermissionDenied => Message::new(io::PERMISSION_DENIED),
            std::io::ErrorKind::AlreadyExists => Message::new(io::ALREADY_EXISTS),
            _ => Message::new(io::IO_FAILED).with("detail", &err),
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
    pub fn with_hint(mut self, hint: Hint) -> Self {
        self.hint = Some(hint);
        self
    }
    /// Add a parameter to the message.
    pub fn with(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.message.params.set(name, value);
        self
    }
    /// Add a typed message as a parameter, rendered in the error's language (see
    /// [`Message::with_message`]).
    pub fn with_message(mut self, name: &'static str, message: Message) -> Self {
        self.message.params.set_message(name, message);
        self
    }
    /// Attach an underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }
    /// Say what the operation was doing (rendered before the message: `"signing: " + message`).
    pub fn context(mut self, context: impl Into<Message>) -> Self {
        self.context.push(context.into());
        self
    }
    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The message in English, with its context, without file or hint.
    pub fn message(&self) -> String {
        self.render_message(Lang::En)
    }
    /// The message in `lang`, with its context, without file or hint.
    pub fn render_message(&self, lang: Lang) -> String {
        let mut out = String::new();
        for c in self.context.iter().rev() {
            out.push_str(&c.render(lang));
            out.push_str(": ");
        }
        out.push_str(&self.message.render(lang));
        out
    }
    /// The message in `lang` after the file it concerns (`file: message`).
    pub fn render(&self, lang: Lang) -> String {
        match &self.file {
            Some(f) => format!("{}: {}", f.display(), self.render_message(lang)),
            None => self.render_message(lang),
        }
    }
    /// The message with its context as one typed message (`"signing: " + message`), for an error
    /// reported inside another finding (a skipped file's reason).
    pub fn to_message(&self) -> Message {
        self.context.iter().fold(self.message.clone(), |inner, c| {
            Message::new(crate::diag::codes::io::IN_CONTEXT)
                .with_message("context", c.clone())
                .with_message("message", inner)
        })
    }
    /// The code of the message.
    pub fn code(&self) -> Code {
        self.message.code
    }
    /// The typed message (code and parameters).
    pub fn typed_message(&self) -> &Message {
        &self.message
    }
    /// The context messages, innermost first.
    pub fn contexts(&self) -> &[Message] {
        &self.context
    }
    /// The file this error concerns, if any.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }
    /// A hint for the user, if any.
    pub fn hint(&self) -> Option<Hint> {
        self.hint
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}
