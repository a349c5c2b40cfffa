//! Typed diagnostics: every finding kyso reports (errors, warnings, notes) is a [`Code`] with
//! structured [`Params`], never free text. A code has a stable kebab-case identifier (part of
//! the JSON reports), a [`Severity`], the rule it comes from (RFC, ETSI or Circular section),
//! and its words in Vietnamese and English, which live in one catalog ([`codes`]).
//!
//! What the user can do about a problem is a typed [`Hint`]: the library words it without
//! naming any command-line flag; a front end (the `kyso` CLI, a service) maps hints to its own
//! controls.
//!
//! ```
//! use kyso::diag::{Lang, Message, codes};
//! let m = Message::new(codes::io::NOT_FOUND);
//! assert_eq!(m.render(Lang::En), "no such file or directory");
//! assert_eq!(m.render(Lang::Vi), "không có tệp hoặc thư mục này");
//! ```
//!
//! This module imports nothing from kyso: it is the bottom of the layers with [`crate::error`].

#[macro_use]
pub mod codes;
mod hint;

pub use hint::Hint;

use serde::Serialize;
use std::fmt;

/// The language of rendered messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Vietnamese (tiếng Việt).
    Vi,
}

impl Lang {
    /// The languages the catalog has, as their codes.
    pub const ACCEPTED: &'static [&'static str] = &["vi", "en"];

    /// Parse a language code: `vi`, `en`, or a locale such as `vi_VN.UTF-8` or `en_US`.
    /// Anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let lower = s.to_ascii_lowercase();
        let base = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
        match base {
            "vi" => Some(Lang::Vi),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// Pick the English or the Vietnamese text.
    pub fn pick<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            _ => en,
        }
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Severity {
    /// Information worth keeping (legacy algorithm accepted on request, ...).
    Note,
    /// A problem that does not by itself make the result invalid (revocation status unknown
    /// under the soft policy, ...).
    Warning,
    /// A problem that makes the signature, certificate or input unusable.
    Error,
}

/// One catalog entry: what a [`Code`] stands for.
#[derive(Debug)]
pub struct Entry {
    /// The stable identifier (kebab-case), as in JSON reports.
    pub id: &'static str,
    /// The severity of a finding with this code.
    pub severity: Severity,
    /// The rule the finding comes from (`RFC 5280 §6.1.3 (a)(2)`), or `""` for input and usage
    /// problems that no standard names.
    pub rule: &'static str,
    /// The English template; `{name}` is replaced by the parameter `name`.
    pub en: &'static str,
    /// The Vietnamese template.
    pub vi: &'static str,
}

/// A diagnostic code: a reference to its catalog [`Entry`]. Codes are compared by identifier.
#[derive(Clone, Copy)]
pub struct Code(pub(crate) &'static Entry);

impl Code {
    /// The stable identifier.
    pub fn id(self) -> &'static str {
        self.0.id
    }
    /// The severity.
    pub fn severity(self) -> Severity {
        self.0.severity
    }
    /// The rule it comes from (may be empty).
    pub fn rule(self) -> &'static str {
        self.0.rule
    }
    /// The catalog entry.
    pub fn entry(self) -> &'static Entry {
        self.0
    }
    /// The template in `lang`.
    pub fn template(self, lang: Lang) -> &'static str {
        lang.pick(self.0.en, self.0.vi)
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}
impl Eq for Code {}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.id.hash(state)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.id)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.id)
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.id)
    }
}

/// Structured parameters of a finding, in insertion order (a JSON object). A parameter is
/// text, or a typed [`Message`] of its own (a problem inside a finding: "signed despite:
/// {problem}"), rendered in the same language as the message that holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, String, Option<Box<Message>>)>);

impl Params {
    /// No parameters.
    pub fn new() -> Self {
        Params(Vec::new())
    }
    /// Set `name` (replacing an earlier value).
    pub fn set(&mut self, name: &'static str, value: impl fmt::Display) {
        self.put(name, value.to_string(), None);
    }
    /// Set `name` to a typed message, rendered in the language of the message holding it (its
    /// English words are the parameter's text value).
    pub fn set_message(&mut self, name: &'static str, message: Message) {
        self.put(name, message.render(Lang::En), Some(Box::new(message)));
    }
    fn put(&mut self, name: &'static str, value: String, message: Option<Box<Message>>) {
        match self.0.iter_mut().find(|(n, _, _)| *n == name) {
            Some(slot) => {
                slot.1 = value;
                slot.2 = message;
            }
            None => self.0.push((name, value, message)),
        }
    }
    /// The value of `name` (a typed message's English words).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _, _)| *n == name).map(|(_, v, _)| v.as_str())
    }
    /// The typed message of `name`, when it is one.
    pub fn message(&self, name: &str) -> Option<&Message> {
        self.0.iter().find(|(n, _, _)| *n == name).and_then(|(_, _, m)| m.as_deref())
    }
    /// Every (name, value) pair.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(n, v, _)| (*n, v.as_str()))
    }
    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The parameters with typed messages rendered in `lang`.
    fn in_lang(&self, lang: Lang) -> Params {
        Params(
            self.0
                .iter()
                .map(|(n, v, m)| (*n, m.as_ref().map_or_else(|| v.clone(), |m| m.render(lang)), None))
                .collect(),
        )
    }
}

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v, msg) in &self.0 {
            match msg {
                Some(msg) => m.serialize_entry(k, msg)?,
                None => m.serialize_entry(k, v)?,
            }
        }
        m.end()
    }
}

/// Replace every `{name}` of `template` with the parameter `name` (`{{` and `}}` are literal
/// braces). A placeholder without a parameter is kept as written.
pub fn render_template(template: &str, params: &Params) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            out.push_str(&tail[..1]);
            rest = after;
            continue;
        }
        if tail.starts_with('{') {
            if let Some(end) = tail.find('}') {
                let name = &tail[1..end];
                match params.get(name) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&tail[..=end]),
                }
                rest = &tail[end + 1..];
                continue;
            }
        }
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

/// The placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        match tail.find('}') {
            Some(end) => {
                out.push(&tail[1..end]);
                rest = &tail[end + 1..];
            }
            None => break,
        }
    }
    out
}

/// A code with its parameters: one message, renderable in either language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Message {
    /// What it is.
    pub code: Code,
    /// Its parameters.
    #[serde(skip_serializing_if = "Params::is_empty")]
    pub params: Params,
}

impl Message {
    /// A message without parameters.
    pub fn new(code: Code) -> Self {
        Message { code, params: Params::new() }
    }
    /// Add a parameter.
    pub fn with(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.params.set(name, value);
        self
    }
    /// Add a typed message as a parameter (see [`Params::set_message`]).
    pub fn with_message(mut self, name: &'static str, message: Message) -> Self {
        self.params.set_message(name, message);
        self
    }
    /// The words in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        render_template(self.code.template(lang), &self.params.in_lang(lang))
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<Code> for Message {
    fn from(code: Code) -> Self {
        Message::new(code)
    }
}

/// A finding of a verification or validation: a message, its severity (the code's), and what
/// the user can do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The code and parameters.
    #[serde(flatten)]
    pub message: Message,
    /// The severity.
    pub severity: Severity,
    /// The rule it comes from, when one does.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub rule: &'static str,
    /// What the user can do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Hint>,
    /// The English text (for readers of the JSON; programs use `code` and `params`).
    pub text: String,
}

impl Finding {
    /// A finding with the code's own severity.
    pub fn new(message: impl Into<Message>) -> Self {
        let message = message.into();
        Finding {
            severity: message.code.severity(),
            rule: message.code.rule(),
            hint: None,
            text: message.render(Lang::En),
            message,
        }
    }
    /// With a hint.
    pub fn with_hint(mut self, hint: Hint) -> Self {
        self.hint = Some(hint);
        self
    }
    /// The code.
    pub fn code(&self) -> Code {
        self.message.code
    }
    /// The words in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.message.render(lang)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<T: Into<Message>> From<T> for Finding {
    fn from(m: T) -> Self {
        Finding::new(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_render_and_keep_unknown_placeholders() {
        let mut p = Params::new();
        p.set("file", "a.pem");
        assert_eq!(render_template("{file}: {x} {{y}}", &p), "a.pem: {x} {y}");
        assert_eq!(placeholders("{a} and {b}, {{c}}"), vec!["a", "b"]);
    }

    #[test]
    fn languages_parse() {
        assert_eq!(Lang::parse("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
