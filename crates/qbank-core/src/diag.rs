//! The one diagnostic value every part of qbank reports through.
//!
//! A [`Diagnostic`] is plain data: a rule name, a severity, a message and labelled places in
//! source files. Nothing here knows about terminals, JSON or SARIF; the renderers in
//! `qbank-lint` turn diagnostics into text.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// How serious a finding is. Ordered from least to most serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A suggestion; never fails a run.
    Info,
    /// Worth fixing; fails a run only when asked to.
    Warning,
    /// Must be fixed; a run with errors exits with 1.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A position in a text file: 1-based line, 1-based column counted in characters, and the
/// byte offset of that character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

impl Position {
    /// The first character of a file.
    pub const START: Position = Position {
        line: 1,
        column: 1,
        offset: 0,
    };
}

/// A range in a text file, `start` inclusive, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

impl Span {
    /// An empty span at `pos`.
    pub fn point(pos: Position) -> Span {
        Span {
            start: pos,
            end: pos,
        }
    }
}

/// A finding's words (its message, its help, a label's message): written by a rule, read by
/// every renderer as a `str`.
///
/// A bank can have a finding on every file, most of them saying the same, so the words are
/// held three ways: fixed words (`&'static str`) cost nothing per finding, words one rule
/// repeats are shared ([`Text::shared`], an `Arc<str>` cloned), and the rest are owned at
/// their exact length.
#[derive(Clone)]
pub struct Text(Words);

#[derive(Clone)]
enum Words {
    Fixed(&'static str),
    Shared(Arc<str>),
    Owned(Box<str>),
}

impl Text {
    /// No words.
    pub const EMPTY: Text = Text(Words::Fixed(""));

    /// Fixed words, held without a copy.
    pub const fn fixed(words: &'static str) -> Text {
        Text(Words::Fixed(words))
    }

    /// Words held once for every finding given a clone of them.
    pub fn shared(words: &str) -> Text {
        Text(Words::Shared(Arc::from(words)))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Words::Fixed(s) => s,
            Words::Shared(s) => s,
            Words::Owned(s) => s,
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::EMPTY
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Text {
    fn from(words: &'static str) -> Text {
        Text::fixed(words)
    }
}

impl From<String> for Text {
    fn from(words: String) -> Text {
        Text(Words::Owned(words.into_boxed_str()))
    }
}

impl From<&String> for Text {
    fn from(words: &String) -> Text {
        Text(Words::Owned(words.as_str().into()))
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        match text.0 {
            Words::Owned(s) => s.into_string(),
            other => Text(other).as_str().to_owned(),
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A labelled place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The file's path as the user named it (relative to where qbank runs), `/`-separated;
    /// for a file of the bank, the text of its [`crate::SourceFile::path`], shared rather than
    /// copied (a bank can have a finding on every file).
    pub file: Arc<str>,
    pub span: Span,
    /// What this place has to do with the finding; empty for none.
    pub message: Text,
}

impl Label {
    pub fn new(file: impl Into<Arc<str>>, span: Span) -> Label {
        Label {
            file: file.into(),
            span,
            message: Text::EMPTY,
        }
    }

    pub fn with_message(mut self, message: impl Into<Text>) -> Label {
        self.message = message.into();
        self
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The kebab-case name of the rule that found it (`duplicate-id`, `yaml-syntax`, …).
    pub rule: &'static str,
    pub severity: Severity,
    /// One sentence: what is wrong, lowercase, no trailing period.
    pub message: Text,
    /// Where it is.
    pub primary: Label,
    /// Other places that take part (the first definition of a duplicate id, …).
    pub secondary: Vec<Label>,
    /// Ids of the other questions a pair rule relates this one to.
    pub related: Vec<String>,
    /// How to fix it, when there is something useful to say.
    pub help: Option<Text>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        message: impl Into<Text>,
        primary: Label,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            primary,
            secondary: Vec::new(),
            related: Vec::new(),
            help: None,
        }
    }

    pub fn error(rule: &'static str, message: impl Into<Text>, primary: Label) -> Diagnostic {
        Diagnostic::new(rule, Severity::Error, message, primary)
    }

    pub fn warning(rule: &'static str, message: impl Into<Text>, primary: Label) -> Diagnostic {
        Diagnostic::new(rule, Severity::Warning, message, primary)
    }

    /// Where the finding starts (line, column) and what it says: a finding as a reader of the
    /// report compares it, without its help or labels.
    pub fn place_and_message(&self) -> (u32, u32, &str) {
        let at = self.primary.span.start;
        (at.line, at.column, &self.message)
    }

    /// [`Diagnostic::place_and_message`] of each of `diags`, in order.
    pub fn places_and_messages(diags: &[Diagnostic]) -> Vec<(u32, u32, &str)> {
        diags.iter().map(Diagnostic::place_and_message).collect()
    }

    pub fn with_help(mut self, help: impl Into<Text>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_secondary(mut self, label: Label) -> Diagnostic {
        self.secondary.push(label);
        self
    }

    pub fn with_related(mut self, id: impl Into<String>) -> Diagnostic {
        self.related.push(id.into());
        self
    }

    /// Gives back the room its lists were built with beyond what they hold: a
    /// finding is kept until the run prints, and a bank can have one on every file.
    pub fn shrink_to_fit(&mut self) {
        self.secondary.shrink_to_fit();
        self.related.shrink_to_fit();
    }

    /// The order every renderer prints in: file, line, column, rule, message.
    pub fn sort_key_cmp(&self, other: &Diagnostic) -> Ordering {
        (
            &self.primary.file,
            self.primary.span.start.line,
            self.primary.span.start.column,
            self.rule,
            &self.message,
        )
            .cmp(&(
                &other.primary.file,
                other.primary.span.start.line,
                other.primary.span.start.column,
                other.rule,
                &other.message,
            ))
    }
}

/// Sorts diagnostics into the order every renderer prints them in.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key_cmp(b));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// However they are held, words compare, hash, print and serialise as their `str`.
    #[test]
    fn text_is_its_words_however_held() {
        let owned = Text::from(String::from("unknown topic"));
        let shared = Text::shared("unknown topic");
        let fixed = Text::fixed("unknown topic");
        for text in [&owned, &shared, &fixed] {
            assert_eq!(text, &owned);
            assert_eq!(*text, "unknown topic");
            assert_eq!(
                text.cmp(&Text::fixed("unknown")),
                "unknown topic".cmp("unknown")
            );
            let mut of_text = std::collections::hash_map::DefaultHasher::new();
            text.hash(&mut of_text);
            let mut of_str = std::collections::hash_map::DefaultHasher::new();
            "unknown topic".hash(&mut of_str);
            assert_eq!(of_text.finish(), of_str.finish());
            assert_eq!(format!("[{text:>15}]"), "[  unknown topic]");
            assert_eq!(format!("{text:.7}"), "unknown");
            assert_eq!(format!("{text:?}"), "\"unknown topic\"");
            assert_eq!(serde_json::to_string(text).unwrap(), "\"unknown topic\"");
            assert_eq!(String::from(text.clone()), "unknown topic");
        }
        assert_eq!(Text::default().as_str(), "");
    }
}
