//! YAML to JSON values, with the position of every node.
//!
//! One flat pass over the event stream of `saphyr-parser` (or of the module `simple`, which
//! gives the same events for the layout most bank files are in) builds both the
//! `serde_json::Value` that the schema sees and the [`SourceMap`] from JSON pointers to places
//! in the text, so the two can never disagree. The pass keeps an explicit stack instead of
//! recursing, limits nesting depth and the number of nodes that aliases may expand to, and so
//! is safe on hostile input (deep nesting, alias bombs) without ever overflowing the call stack.
//!
//! Scalars resolve as in the YAML 1.2 core schema, which is what `serde_yaml` does too:
//! `yes`, `no`, `on` and `off` are strings. Because YAML 1.1 tools read them as booleans, they
//! are reported as [`YamlWarning::AmbiguousBoolean`].

use crate::hash::FastMap;
use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YSpan};
use serde_json::{Map, Number, Value};

use crate::diag::{Position, Span};

mod simple;

/// How deep mappings and sequences may nest before a file is refused.
pub const MAX_DEPTH: usize = 128;
/// How many nodes a file may hold once its aliases are expanded.
pub const MAX_NODES: usize = 100_000;

/// Byte offsets of line starts, to turn (line, character column) into a [`Position`].
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// How many bytes of the text have been read for line starts: all of it, but while a
    /// parse reads a file ([`Builder::position`]), when only [`LineIndex::position`] is asked
    /// of it, for lines already read.
    read: usize,
}

impl LineIndex {
    /// Lines end as YAML ends them: at `\n`, `\r\n`, or a `\r` alone.
    pub fn new(text: &str) -> LineIndex {
        let mut lines = LineIndex::unread();
        lines.read_to(text, usize::MAX);
        lines
    }

    /// An index of a text not read yet.
    fn unread() -> LineIndex {
        LineIndex {
            starts: vec![0],
            read: 0,
        }
    }

    /// Reads `text` on until the starts of its first `lines` lines are known, or to its end.
    /// By the breaks' bytes: both are ASCII, so never inside a character.
    fn read_to(&mut self, text: &str, lines: usize) {
        let bytes = text.as_bytes();
        let mut i = self.read;
        while i < bytes.len() && self.starts.len() < lines {
            let Some(at) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) else {
                i = bytes.len();
                break;
            };
            let b = i + at;
            if bytes[b] == b'\n' || bytes.get(b + 1) != Some(&b'\n') {
                self.starts.push(b + 1);
            }
            i = b + 1;
        }
        self.read = i;
    }

    /// The position of the character at 1-based `line` and 0-based character `col`.
    pub fn position(&self, text: &str, line: usize, col: usize) -> Position {
        let line = line.clamp(1, self.starts.len());
        let start = self.starts[line - 1];
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        let line_text = &text[start..end];
        // Where the line is ASCII up to the column, the column is the byte count.
        let offset = start
            + match line_text.as_bytes().get(..col) {
                Some(head) if head.is_ascii() => col,
                _ => line_text
                    .char_indices()
                    .nth(col)
                    .map_or(line_text.len(), |(i, _)| i),
            };
        Position {
            line: line as u32,
            column: col as u32 + 1,
            offset,
        }
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    pub fn position_of_offset(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        Position {
            line: line as u32,
            column: text[start..offset].chars().count() as u32 + 1,
            offset,
        }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: u32) -> &'t str {
        let line = (line as usize).clamp(1, self.starts.len());
        let start = self.starts[line - 1];
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Where one node of a YAML document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The key, for a value inside a mapping.
    pub key: Option<Span>,
    /// The value itself.
    pub value: Span,
}

/// JSON pointer (RFC 6901) to place in the source.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: FastMap<String, Located>,
}

impl SourceMap {
    /// The place of the node at `pointer`, or of its nearest ancestor that has one.
    pub fn locate(&self, pointer: &str) -> Option<Located> {
        let mut p = pointer;
        loop {
            if let Some(l) = self.entries.get(p) {
                return Some(*l);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }

    /// The place to point at for `pointer`: the value, or where its nearest ancestor is.
    pub fn value_span(&self, pointer: &str) -> Option<Span> {
        self.locate(pointer).map(|l| l.value)
    }

    /// The key of the mapping entry at `pointer` (falls back to the value's place).
    pub fn key_span(&self, pointer: &str) -> Option<Span> {
        self.locate(pointer).map(|l| l.key.unwrap_or(l.value))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Escapes one JSON pointer segment.
pub fn escape_pointer_segment(segment: &str) -> std::borrow::Cow<'_, str> {
    if segment.contains(['~', '/']) {
        segment.replace('~', "~0").replace('/', "~1").into()
    } else {
        segment.into()
    }
}

/// Something a file can be read as, but should be written differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlWarning {
    /// A plain `yes`/`no`/`on`/`off`: a string in YAML 1.2, a boolean in YAML 1.1.
    AmbiguousBoolean { span: Span, text: String },
    /// The same key twice in one mapping; the first one is kept.
    DuplicateKey {
        key: String,
        span: Span,
        first: Span,
    },
}

/// Why a file could not be read as YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
}

/// A parsed YAML file.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// `None` for a file without a document (empty, or only comments).
    pub value: Option<Value>,
    pub map: SourceMap,
    pub warnings: Vec<YamlWarning>,
}

/// Which places a reading records.
#[derive(Debug, Clone, Copy)]
enum Want<'p> {
    /// None: the value alone.
    Nothing,
    /// Every node's ([`Parsed::map`]).
    Map,
    /// The node at this pointer and its ancestors, and no more text is read once the node is
    /// when `stop` (the text repeats no key, so nothing later can take its place).
    Place { pointer: &'p str, stop: bool },
}

impl Want<'_> {
    fn pointers(self) -> bool {
        !matches!(self, Want::Nothing)
    }

    /// Whether the node at `pointer` is one to record.
    fn records(self, pointer: &str) -> bool {
        match self {
            Want::Nothing => false,
            Want::Map => true,
            Want::Place { pointer: p, .. } => p
                .strip_prefix(pointer)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/')),
        }
    }
}

enum Frame<'t> {
    Seq {
        items: Vec<Value>,
        anchor: usize,
        start: YSpan,
    },
    Map {
        map: Map<String, Value>,
        /// The key whose value comes next, and where it is.
        key: Option<(Cow<'t, str>, YSpan)>,
        anchor: usize,
        start: YSpan,
        /// Keys seen so far, for duplicate detection (mappings are small: a list is faster
        /// than hashing).
        keys: Vec<(Cow<'t, str>, YSpan)>,
    },
}

struct Builder<'t> {
    text: &'t str,
    /// Read only as far as a position is asked for: most parses never need one, and one that
    /// stops at the node it wants needs the first lines only.
    lines: std::cell::RefCell<LineIndex>,
    /// Where the text the parser reads differs from `text` (surrogate pairs rewritten).
    shifts: Shifts,
    want: Want<'t>,
    /// Set once the node [`Want::Place`] asks for is read and nothing after it can move it.
    done: bool,
    map: SourceMap,
    warnings: Vec<YamlWarning>,
    stack: Vec<Frame<'t>>,
    /// Pointer of the node being built; segments are pushed as keys and indices are known.
    pointer: String,
    pointer_lens: Vec<usize>,
    anchors: FastMap<usize, (Value, usize)>,
    nodes: usize,
    root: Option<Value>,
    documents: usize,
}

impl<'t> Builder<'t> {
    /// The position of the parser's 1-based `line` and 0-based character `col` (in the text
    /// it reads) in `text`.
    fn position(&self, line: usize, col: usize) -> Position {
        let mut lines = self.lines.borrow_mut();
        // The line's end is the next line's start (`position` reads a line 0 as line 1).
        lines.read_to(self.text, line.max(1).saturating_add(1));
        lines.position(self.text, line, self.shifts.original_col(line, col))
    }

    /// Converts the parser's span; done only where a position is needed, as it costs a scan
    /// of the line.
    fn span(&self, s: &YSpan) -> Span {
        let at = |line: usize, col: usize| self.position(line, col);
        let start = at(s.start.line(), s.start.col());
        let end = if s.end == s.start {
            start
        } else {
            at(s.end.line(), s.end.col())
        };
        Span { start, end }
    }

    fn error(&self, message: impl Into<String>, at: &YSpan) -> YamlError {
        YamlError {
            message: message.into(),
            span: self.span(at),
        }
    }

    /// Pushes the pointer segment for the next child of the innermost container, and returns
    /// the key's place when the child is a mapping value.
    fn enter_child(&mut self) -> Option<YSpan> {
        self.pointer_lens.push(self.pointer.len());
        match self.stack.last() {
            Some(Frame::Seq { items, .. }) => {
                if self.want.pointers() {
                    self.pointer.push('/');
                    self.pointer.push_str(&items.len().to_string());
                }
                None
            }
            Some(Frame::Map {
                key: Some((k, span)),
                ..
            }) => {
                if self.want.pointers() {
                    self.pointer.push('/');
                    self.pointer.push_str(&escape_pointer_segment(k));
                }
                Some(*span)
            }
            _ => None,
        }
    }

    fn leave_child(&mut self) {
        if let Some(len) = self.pointer_lens.pop() {
            self.pointer.truncate(len);
        }
    }

    fn is_key_position(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn count(&mut self, n: usize, at: &YSpan) -> Result<(), YamlError> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(self.error(
                format!("the document expands to more than {MAX_NODES} values (an alias bomb?)"),
                at,
            ));
        }
        Ok(())
    }

    /// Attaches a finished value to its parent (or makes it the root).
    fn attach(&mut self, value: Value, key: Option<YSpan>, start: &YSpan, end: &YSpan) {
        if self.want.records(&self.pointer) {
            if let Want::Place {
                pointer,
                stop: true,
            } = self.want
            {
                self.done = pointer == self.pointer;
            }
            let key = key.map(|k| self.span(&k));
            let value_span = Span {
                start: self.span(start).start,
                end: self.span(end).end,
            };
            self.map.entries.insert(
                self.pointer.clone(),
                Located {
                    key,
                    value: value_span,
                },
            );
        }
        self.leave_child();
        match self.stack.last_mut() {
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, key, .. }) => {
                // The first of a repeated key keeps its value: one look-up either way.
                if let Some((k, _)) = key.take() {
                    if let serde_json::map::Entry::Vacant(slot) = map.entry(k.into_owned()) {
                        slot.insert(value);
                    }
                }
            }
            None => self.root = Some(value),
        }
    }

    /// A scalar (or alias) in key position: records the key.
    fn push_key(&mut self, key: Cow<'t, str>, at: YSpan) {
        let Some(Frame::Map {
            key: slot, keys, ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        let first = keys.iter().find(|(k, _)| *k == key).map(|(_, s)| *s);
        if first.is_none() {
            keys.push((key.clone(), at));
        }
        *slot = Some((key.clone(), at));
        if let Some(first) = first {
            let warning = YamlWarning::DuplicateKey {
                key: key.into_owned(),
                span: self.span(&at),
                first: self.span(&first),
            };
            self.warnings.push(warning);
        }
    }

    fn remember(&mut self, anchor: usize, value: &Value) {
        if anchor != 0 {
            let size = count_nodes(value);
            self.anchors.insert(anchor, (value.clone(), size));
        }
    }

    fn finish(self) -> Parsed {
        Parsed {
            value: self.root,
            map: self.map,
            warnings: self.warnings,
        }
    }

    fn event(&mut self, event: Event<'t>, at: YSpan) -> Result<(), YamlError> {
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(self.error(
                        "the file holds more than one YAML document; a qbank file holds one",
                        &at,
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, &at)?;
                if self.is_key_position() {
                    self.push_key(text, at);
                    return Ok(());
                }
                let tag = tag.map(|t| tag_name(&t));
                if let Some(tag) = tag.as_deref().filter(|t| !SCALAR_TAGS.contains(t)) {
                    return Err(self.error(unknown_tag(tag, "a value"), &at));
                }
                let value = resolve_scalar(&text, style, tag.as_deref());
                if style == ScalarStyle::Plain && tag.is_none() && is_yaml11_bool(&text) {
                    self.warnings.push(YamlWarning::AmbiguousBoolean {
                        span: self.span(&at),
                        text: text.to_string(),
                    });
                }
                let key = self.enter_child();
                self.remember(anchor, &value);
                self.attach(value, key, &at, &at);
            }
            Event::Alias(id) => {
                let Some((value, size)) = self.anchors.get(&id) else {
                    return Err(self.error("alias to an anchor that is not defined", &at));
                };
                let (value, size) = (value.clone(), *size);
                self.count(size, &at)?;
                if self.is_key_position() {
                    let key = match value {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    self.push_key(Cow::Owned(key), at);
                    return Ok(());
                }
                let key = self.enter_child();
                self.attach(value, key, &at, &at);
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                self.count(1, &at)?;
                let (what, core) = if matches!(event, Event::SequenceStart(..)) {
                    ("a list", "!!seq")
                } else {
                    ("a mapping", "!!map")
                };
                if let Some(tag) = tag
                    .as_ref()
                    .map(|t| tag_name(t))
                    .filter(|t| t != core && t != "!")
                {
                    return Err(self.error(unknown_tag(&tag, what), &at));
                }
                if self.is_key_position() {
                    return Err(self.error(
                        "a mapping key must be a plain value, not a list or a mapping",
                        &at,
                    ));
                }
                if self.stack.len() >= MAX_DEPTH {
                    return Err(
                        self.error(format!("values nest deeper than {MAX_DEPTH} levels"), &at)
                    );
                }
                self.enter_child();
                let frame = if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        items: Vec::new(),
                        anchor,
                        start: at,
                    }
                } else {
                    Frame::Map {
                        map: Map::new(),
                        key: None,
                        anchor,
                        start: at,
                        keys: Vec::new(),
                    }
                };
                self.stack.push(frame);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (value, anchor, start) = match frame {
                    Frame::Seq {
                        items,
                        anchor,
                        start,
                    } => (Value::Array(items), anchor, start),
                    Frame::Map {
                        map, anchor, start, ..
                    } => (Value::Object(map), anchor, start),
                };
                // The child segment of this container was pushed by enter_child at its start.
                let key = match self.stack.last() {
                    Some(Frame::Map {
                        key: Some((_, s)), ..
                    }) => Some(*s),
                    _ => None,
                };
                let end = if at.end.index() >= start.end.index() {
                    at
                } else {
                    start
                };
                self.remember(anchor, &value);
                self.attach(value, key, &start, &end);
            }
        }
        Ok(())
    }
}

fn count_nodes(value: &Value) -> usize {
    // Iterative, so a deep value cannot overflow the stack.
    let mut n = 0;
    let mut todo = vec![value];
    while let Some(v) = todo.pop() {
        n += 1;
        match v {
            Value::Array(a) => todo.extend(a.iter()),
            Value::Object(m) => todo.extend(m.values()),
            _ => {}
        }
    }
    n
}

fn is_yaml11_bool(s: &str) -> bool {
    matches!(
        s,
        "yes" | "Yes" | "YES" | "no" | "No" | "NO" | "on" | "On" | "ON" | "off" | "Off" | "OFF"
    )
}

/// The tags of values qbank reads: the YAML core schema's. Any other (`!!binary`, `!custom`)
/// would be read as plain text here and dropped by `qbank fmt`, so a file with one is refused.
const SCALAR_TAGS: [&str; 6] = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!"];

fn unknown_tag(tag: &str, what: &str) -> String {
    format!(
        "the tag `{tag}` on {what} is not one qbank reads (only the core `!!str`, `!!int`, \
         `!!float`, `!!bool`, `!!null`, `!!seq` and `!!map`); remove it"
    )
}

/// A tag as written in short form: `!!str` for the YAML core tags, which the parser hands over
/// with their full prefix.
pub(crate) fn tag_name(tag: &saphyr_parser::Tag) -> String {
    let name = match tag.handle.as_str() {
        "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
        handle => format!("{handle}{}", tag.suffix),
    };
    // The verbatim form of a core tag (`!<tag:yaml.org,2002:int>`) is that tag.
    match name.strip_prefix("tag:yaml.org,2002:") {
        Some(core) => format!("!!{core}"),
        None => name,
    }
}

pub(crate) fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&str>) -> Value {
    match tag {
        // `!`, the non-specific tag, makes a scalar text.
        Some("!!str" | "!") => return Value::String(text.to_owned()),
        Some("!!null") => return Value::Null,
        Some("!!bool") | Some("!!int") | Some("!!float") => {
            return resolve_plain(text).unwrap_or_else(|| Value::String(text.to_owned()))
        }
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.to_owned());
    }
    resolve_plain(text).unwrap_or_else(|| Value::String(text.to_owned()))
}

/// The YAML 1.2 core schema's resolution of a plain scalar; `None` for a string.
pub(crate) fn resolve_plain(s: &str) -> Option<Value> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Value::from);
    }
    if let Some(oct) = s.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok().map(Value::from);
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()) {
        // `007`: YAML 1.1 reads octal, YAML 1.2 decimal; like serde_yaml, keep it as text.
        return None;
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = s.parse::<i64>() {
            return Some(Value::from(i));
        }
        if let Ok(u) = s.parse::<u64>() {
            return Some(Value::from(u));
        }
        return s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    match digits {
        ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN" => {
            // JSON has no infinities; keep the text so the schema reports a non-number.
            return Some(Value::String(s.to_owned()));
        }
        _ => {}
    }
    let float_like = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.bytes().any(|b| b.is_ascii_digit());
    if float_like {
        return s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    None
}

/// Parses `text`, building the value and (when `want_map`) the source map.
///
/// Never panics and never recurses; errors carry the place where reading stopped.
///
/// YAML 1.2 is a superset of JSON, and JSON writes a character outside the Basic
/// Multilingual Plane as a UTF-16 surrogate pair (`"\ud83e\udd80"`, as `json.dumps` does).
/// The parser rejects a `\u` escape of a surrogate; when it does, the pairs of that
/// double-quoted scalar are rewritten as the one `\U` escape they stand for and the text is
/// read again (positions still point into `text`). A lone surrogate is an error that says so.
pub fn parse(text: &str, want_map: bool) -> Result<Parsed, YamlError> {
    read(text, if want_map { Want::Map } else { Want::Nothing })
}

/// The place of the node at `pointer` in `text`, or of its nearest ancestor that has one:
/// what [`SourceMap::locate`] gives on the map of `parse(text, true)`, without mapping the
/// rest of the file. `None` for a text that does not parse.
///
/// With `unique_keys` (the caller knows the text parses and no mapping in it repeats a key),
/// reading stops at the end of the node: nothing after it can be the same pointer.
pub fn locate(text: &str, pointer: &str, unique_keys: bool) -> Option<Located> {
    let want = Want::Place {
        pointer,
        stop: unique_keys,
    };
    read(text, want).ok()?.map.locate(pointer)
}

fn read(text: &str, want: Want<'_>) -> Result<Parsed, YamlError> {
    read_with(text, want, true)
}

/// [`read`], with the simple reader first (`simple`) or the parser alone.
fn read_with(text: &str, want: Want<'_>, simple: bool) -> Result<Parsed, YamlError> {
    let mut shifts = Shifts::default();
    let mut rewritten: Option<String> = None;
    // Each retry rewrites at least one scalar, so this ends.
    loop {
        let source = rewritten.as_deref().unwrap_or(text);
        match parse_once(text, source, &shifts, want, simple) {
            Err(Retry::Escapes { line, col }) => {
                let (next, added) = rewrite_surrogates(source, line, col, text, &shifts)?;
                shifts.0.extend(added);
                rewritten = Some(next);
            }
            Err(Retry::Fail(e)) => return Err(e),
            Ok(parsed) => return Ok(parsed),
        }
    }
}

/// Why one reading stopped.
enum Retry {
    /// A double-quoted scalar starting at (line, 0-based char col of the parser's text) has
    /// an escape the parser refused: maybe surrogates.
    Escapes {
        line: usize,
        col: usize,
    },
    Fail(YamlError),
}

impl From<YamlError> for Retry {
    fn from(e: YamlError) -> Retry {
        Retry::Fail(e)
    }
}

/// Column differences between the original text and the text the parser reads: (line,
/// char column in the parser's text just after a rewritten escape, chars removed there).
#[derive(Debug, Default, Clone)]
struct Shifts(Vec<Shift>);

/// (line, char column in the parser's text just after a rewritten escape, chars removed).
type Shift = (usize, usize, usize);

impl Shifts {
    /// The 0-based char column in the original text of `col` on `line` of the parser's text.
    fn original_col(&self, line: usize, col: usize) -> usize {
        col + self
            .0
            .iter()
            .filter(|(l, c, _)| *l == line && *c <= col)
            .map(|(_, _, n)| n)
            .sum::<usize>()
    }
}

fn parse_once<'t>(
    text: &'t str,
    source: &'t str,
    shifts: &Shifts,
    want: Want<'t>,
    simple: bool,
) -> Result<Parsed, Retry> {
    let fresh = || Builder {
        text,
        lines: std::cell::RefCell::new(LineIndex::unread()),
        shifts: shifts.clone(),
        want,
        done: false,
        map: SourceMap::default(),
        warnings: Vec::new(),
        stack: Vec::new(),
        pointer: String::new(),
        pointer_lens: Vec::new(),
        anchors: FastMap::default(),
        nodes: 0,
        root: None,
        documents: 0,
    };
    let mut builder = fresh();
    // Most files are in the layout the simple reader knows, which gives the parser's events
    // at a fraction of the cost; it leaves every other file, and every error, to the parser.
    if simple {
        let mut failed = None;
        let read = simple::read(source, |event, span| match builder.event(event, span) {
            Ok(()) => !builder.done,
            Err(e) => {
                failed = Some(e);
                false
            }
        });
        if let Some(e) = failed {
            return Err(Retry::Fail(e));
        }
        if read != simple::Read::Unknown {
            return Ok(builder.finish());
        }
        builder = fresh();
    }
    let mut parser = Parser::new_from_str(source);
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => {
                builder.event(event, span)?;
                if builder.done {
                    break;
                }
            }
            Err(e) => {
                let m = e.marker();
                if e.info().contains("invalid Unicode character escape code") {
                    return Err(Retry::Escapes {
                        line: m.line(),
                        col: m.col(),
                    });
                }
                let pos = builder.position(m.line(), m.col());
                let message = match e.info() {
                    "recursion limit exceeded" => {
                        format!("values nest deeper than {MAX_DEPTH} levels")
                    }
                    info => info.to_owned(),
                };
                return Err(Retry::Fail(YamlError {
                    message,
                    span: Span::point(pos),
                }));
            }
        }
    }
    Ok(builder.finish())
}

/// Rewrites the surrogate pairs of the double-quoted scalar that starts at (`line`, `col`)
/// of `source` as `\U` escapes. Returns the new text and the shifts it adds; a lone
/// surrogate, or a scalar without any pair to rewrite, is an error placed in `text`.
fn rewrite_surrogates(
    source: &str,
    line: usize,
    col: usize,
    text: &str,
    shifts: &Shifts,
) -> Result<(String, Vec<Shift>), YamlError> {
    let lines = LineIndex::new(source);
    let start = lines.position(source, line, col).offset;
    let error_at = |line: usize, col: usize, message: String| {
        let original = LineIndex::new(text);
        YamlError {
            message,
            span: Span::point(original.position(text, line, shifts.original_col(line, col))),
        }
    };
    let hex4 = |at: usize| -> Option<u32> {
        let digits = source.get(at..at + 4)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
            .then(|| u32::from_str_radix(digits, 16).ok())?
    };
    let mut out = String::with_capacity(source.len());
    out.push_str(&source[..start]);
    let mut added = Vec::new();
    let bytes = source.as_bytes();
    // Skip to the opening quote (the scalar may start at a tag or anchor).
    let mut i = start;
    while i < bytes.len() && bytes[i] != b'"' {
        i += 1;
    }
    out.push_str(&source[start..(i + 1).min(source.len())]);
    i += 1;
    let (mut cur_line, mut cur_col) = {
        let p = lines.position_of_offset(source, i.min(source.len()));
        (p.line as usize, p.column as usize - 1)
    };
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'"' {
            break;
        }
        if c == b'\\' && bytes.get(i + 1) == Some(&b'u') {
            if let Some(high) = hex4(i + 2) {
                if (0xD800..0xDC00).contains(&high) {
                    let low = (bytes.get(i + 6) == Some(&b'\\') && bytes.get(i + 7) == Some(&b'u'))
                        .then(|| hex4(i + 8))
                        .flatten()
                        .filter(|l| (0xDC00..0xE000).contains(l));
                    let Some(low) = low else {
                        return Err(error_at(
                            cur_line,
                            cur_col,
                            format!(
                                "\\u{high:04x} is half of a UTF-16 surrogate pair and the other half \
                                 does not follow; write the character itself, or its \\U escape"
                            ),
                        ));
                    };
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    out.push_str(&format!("\\U{code:08x}"));
                    // 12 characters became 10.
                    cur_col += 10;
                    added.push((cur_line, cur_col, 2));
                    i += 12;
                    continue;
                }
                if (0xDC00..0xE000).contains(&high) {
                    return Err(error_at(
                        cur_line,
                        cur_col,
                        format!(
                            "\\u{high:04x} is the second half of a UTF-16 surrogate pair without \
                             its first half; write the character itself, or its \\U escape"
                        ),
                    ));
                }
            }
        }
        // Copy one character (an escape's backslash and the character after it together).
        let len = if c == b'\\' {
            1 + utf8_len(bytes.get(i + 1).copied())
        } else {
            utf8_len(Some(c))
        };
        let end = (i + len).min(source.len());
        let piece = &source[i..end];
        out.push_str(piece);
        for ch in piece.chars() {
            if ch == '\n' {
                cur_line += 1;
                cur_col = 0;
            } else {
                cur_col += 1;
            }
        }
        i = end;
    }
    if added.is_empty() {
        return Err(error_at(
            line,
            col,
            "while parsing a quoted scalar, found invalid Unicode character escape code".to_owned(),
        ));
    }
    out.push_str(&source[i.min(source.len())..]);
    Ok((out, added))
}

/// The length in bytes of the UTF-8 character whose first byte is `b` (1 at the end).
fn utf8_len(b: Option<u8>) -> usize {
    match b {
        Some(b) if b >= 0xF0 => 4,
        Some(b) if b >= 0xE0 => 3,
        Some(b) if b >= 0xC0 => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_each_break_yaml_knows() {
        // `\n`, `\r\n` (one break), a `\r` alone, and none inside a character.
        let text = "a\nbé\r\nc\rd\u{2028}e\r\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.starts, [0, 2, 7, 9, text.len()]);
        assert_eq!(lines.line_text(text, 2), "bé");
        assert_eq!(lines.line_text(text, 4), "d\u{2028}e");
        assert_eq!(LineIndex::new("").starts, [0]);
        assert_eq!(LineIndex::new("\r").starts, [0, 1]);
        // Read a line at a time: the same starts, and the same positions once a line's end
        // is known.
        let mut part = LineIndex::unread();
        for count in 1..8 {
            part.read_to(text, count);
            assert_eq!(part.starts, lines.starts[..count.min(lines.starts.len())]);
            if count >= 3 {
                assert_eq!(part.position(text, 2, 1), lines.position(text, 2, 1));
            }
        }
        assert_eq!(part.read, text.len());
        // A parse asks for two lines before a place on line 0 or 1 (read as line 1).
        let mut first = LineIndex::unread();
        first.read_to(text, 2);
        assert_eq!(first.position(text, 0, 9), lines.position(text, 0, 9));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The line starts and the positions, read by the breaks' bytes and counted in bytes
        /// where a line is ASCII, are those of a character-at-a-time reading.
        #[test]
        fn positions_are_counted_in_characters(text in "[a-cé\u{2028}\r\n ]{0,40}") {
            let mut starts = vec![0];
            let bytes = text.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    starts.push(i + 1);
                }
            }
            let lines = LineIndex::new(&text);
            proptest::prop_assert_eq!(&lines.starts, &starts);
            for line in 1..=starts.len() {
                let start = starts[line - 1];
                let end = starts.get(line).copied().unwrap_or(text.len());
                let line_text = &text[start..end];
                for col in 0..line_text.len() + 2 {
                    let offset = start
                        + line_text
                            .char_indices()
                            .nth(col)
                            .map_or(line_text.len(), |(i, _)| i);
                    proptest::prop_assert_eq!(lines.position(&text, line, col).offset, offset);
                }
            }
        }
    }

    #[test]
    fn one_place_is_where_the_whole_map_puts_it() {
        let text =
            "# a comment\nid: x\ntext: \"crab \\ud83e\\udd80 here\"\nlevels: [mid, senior]\n\
                    rubric:\n  strong:\n    - one\n    - two\n  red_flags: []\nsimilar_to:\n  \
                    - id: y\n    reason: \"a/b ~ c\"\n\"a/b\": 1\n";
        let map = parse(text, true).unwrap().map;
        for pointer in [
            "",
            "/id",
            "/text",
            "/levels/1",
            "/levels/7",
            "/rubric",
            "/rubric/strong/1",
            "/rubric/red_flags/0",
            "/similar_to/0/reason",
            "/a~1b",
            "/missing/deeper",
            "/textual",
        ] {
            for unique_keys in [false, true] {
                assert_eq!(
                    locate(text, pointer, unique_keys),
                    map.locate(pointer),
                    "{pointer}"
                );
            }
        }
        // A repeated key: the map keeps the place of the last one, and so does `locate`
        // when not told the keys are unique.
        let text = "id: x\ntext: a\ntext: b\n";
        let map = parse(text, true).unwrap().map;
        assert_eq!(locate(text, "/text", false), map.locate("/text"));
        assert_eq!(locate("id: [\n", "/id", true), None);
    }

    #[test]
    fn surrogate_pairs_read_as_one_character() {
        let text = "text: \"crab \\ud83e\\udd80 and \\ud83d\\ude00!\"\nid: \"x\\ud83e\\udd80\"\n";
        let parsed = parse(text, true).unwrap();
        let v = parsed.value.unwrap();
        assert_eq!(v["text"], "crab \u{1f980} and \u{1f600}!");
        assert_eq!(v["id"], "x\u{1f980}");
        // Positions still point into the text as written.
        assert_eq!(at(&parsed.map, "/id"), (2, 5));
        // Not an escape outside double quotes.
        let plain = parse("text: a \\ud83e b\n", true).unwrap();
        assert_eq!(plain.value.unwrap()["text"], "a \\ud83e b");
    }

    #[test]
    fn lone_surrogates_are_named() {
        let e = parse("id: a\ntext: \"x \\ud83e y\"\n", true).unwrap_err();
        assert!(
            e.message
                .contains("\\ud83e is half of a UTF-16 surrogate pair"),
            "{}",
            e.message
        );
        assert_eq!((e.span.start.line, e.span.start.column), (2, 10));
        let e = parse("text: \"\\udd80\"\n", true).unwrap_err();
        assert!(
            e.message.contains("without its first half"),
            "{}",
            e.message
        );
    }

    fn at(map: &SourceMap, p: &str) -> (u32, u32) {
        let s = map.value_span(p).unwrap();
        (s.start.line, s.start.column)
    }

    #[test]
    fn values_and_positions() {
        let text = "id: a-b\nlevels: [mid, senior]\nrubric:\n  strong:\n    - one\n    - \"two\"\nminutes: 5\nok: yes\n";
        let parsed = parse(text, true).unwrap();
        let v = parsed.value.unwrap();
        assert_eq!(v["levels"][1], "senior");
        assert_eq!(v["minutes"], 5);
        assert_eq!(v["ok"], "yes");
        assert_eq!(v["rubric"]["strong"][1], "two");
        assert_eq!(at(&parsed.map, "/id"), (1, 5));
        assert_eq!(at(&parsed.map, "/levels/1"), (2, 15));
        assert_eq!(at(&parsed.map, "/rubric/strong/1"), (6, 7));
        assert_eq!(at(&parsed.map, "/minutes"), (7, 10));
        let key = parsed.map.key_span("/minutes").unwrap();
        assert_eq!((key.start.line, key.start.column), (7, 1));
        assert_eq!(
            parsed.warnings,
            vec![YamlWarning::AmbiguousBoolean {
                span: parsed.map.value_span("/ok").unwrap(),
                text: "yes".into()
            }]
        );
    }

    #[test]
    fn unicode_columns_are_characters_and_offsets_bytes() {
        let text = "text: «é» x\nid: b\n";
        let parsed = parse(text, true).unwrap();
        let s = parsed.map.value_span("/id").unwrap();
        assert_eq!((s.start.line, s.start.column), (2, 5));
        assert_eq!(&text[s.start.offset..s.start.offset + 1], "b");
    }

    #[test]
    fn duplicate_keys_keep_the_first_and_warn() {
        let parsed = parse("a: 1\na: 2\n", true).unwrap();
        assert_eq!(parsed.value.unwrap()["a"], 1);
        assert!(matches!(
            parsed.warnings[0],
            YamlWarning::DuplicateKey { ref key, .. } if key == "a"
        ));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = parse(&text, true).unwrap_err();
        assert!(err.message.contains("alias bomb"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        let err = parse(&text, true).unwrap_err();
        assert!(err.message.contains("deeper than"), "{}", err.message);
        let text = "a:\n".to_string()
            + &(1..5000)
                .map(|i| format!("{}a:\n", " ".repeat(i)))
                .collect::<String>();
        assert!(parse(&text, true).is_err());
    }

    #[test]
    fn scalars_resolve_like_yaml_1_2() {
        let v = parse(
            "[1, -2, 0x1f, 1.5, ~, true, 'true', no, 0123, 1e3, .inf]",
            false,
        )
        .unwrap()
        .value
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!([1, -2, 31, 1.5, null, true, "true", "no", "0123", 1000.0, ".inf"])
        );
    }

    #[test]
    fn core_tags_decide_the_type() {
        let v = parse("a: !!str 5\nb: !!int '7'\nc: !!null ''\n", false)
            .unwrap()
            .value
            .unwrap();
        assert_eq!(v, serde_json::json!({"a": "5", "b": 7, "c": null}));
    }

    #[test]
    fn other_tags_are_refused_where_they_stand() {
        for (text, tag, line) in [
            ("id: x\ntext: !!binary aGVsbG8=\n", "!!binary", 2),
            ("id: x\ntags: !custom [a]\n", "!custom", 2),
            ("id: x\nrubric: !!set {a: null}\n", "!!set", 2),
        ] {
            let err = parse(text, true).unwrap_err();
            assert!(err.message.contains(&format!("`{tag}`")), "{err:?}");
            assert_eq!(err.span.start.line, line, "{err:?}");
        }
        assert!(parse("a: !!seq [1]\nb: !!map {c: 1}\n", true).is_ok());
        // The verbatim form of a core tag, and the non-specific `!` (text).
        let v = parse("a: !<tag:yaml.org,2002:int> 8\nb: ! 12\n", true)
            .unwrap()
            .value
            .unwrap();
        assert_eq!(v, serde_json::json!({"a": 8, "b": "12"}));
    }

    #[test]
    fn syntax_error_has_a_position() {
        let err = parse("a: [1, 2\nb: 3\n", true).unwrap_err();
        assert!(err.span.start.line >= 1);
        let err = parse("a:\n\tb: 1\n", true).unwrap_err();
        assert_eq!(err.span.start.line, 2, "{err:?}");
    }

    #[test]
    fn empty_and_comment_only_files_have_no_value() {
        assert!(parse("", true).unwrap().value.is_none());
        assert!(parse("# just a comment\n", true).unwrap().value.is_none());
    }
}
