//! The canonical YAML writer: a [`Question`] as the bank's authors write it.
//!
//! Every tool that writes question files (`qbank import`, `qbank fmt`, `qbank new`) goes through
//! here, so a file looks the same whoever or whatever wrote it:
//!
//! - the first line is the `yaml-language-server` modeline naming the question schema by a path
//!   relative to the file ([`modeline`]);
//! - keys come in the order of [`QUESTION_KEYS`]: `id`, `title`, `text`, `topic`, `levels`,
//!   `kind`, `competencies`, `minutes`, `status`, `source`, `tags`, `follow_ups`, `rubric`
//!   ([`RUBRIC_KEYS`]: `levels`, `anchors`, `strong`, `red_flags`), `similar_to`, `allow`,
//!   `reviewed` (the keys of [`QUESTION_FIELDS`], which also says how each is laid out); empty
//!   lists and absent values are left out, `status` is always written. The
//!   title sits right under the id because both name the question; the competencies sit beside
//!   the kind because both say what the question measures. In the rubric, what meets the bar at
//!   each level and the scale come before the lists, in the order an interviewer reads them:
//!   `rubric.levels` by level (`junior`, `mid`, `senior`, `staff`), each `expect` then
//!   `anchors`, and anchors by point (`1:` … `4:`);
//! - `levels`, `competencies` and `tags` are flow lists (`[mid, senior]`), the other lists
//!   block lists, two spaces deep;
//! - a string is written plain when every YAML reader reads it back as the same string, and
//!   quoted otherwise ([`scalar`]): in single quotes when it is printable on one line, in double
//!   quotes with escapes when it holds a line break, a tab or a character YAML cannot show
//!   as it is. `source`, where it needs quotes, is double-quoted (`source: "seed #8"`);
//! - nothing is folded: a long text stays on one line.
//!
//! [`update_question`] changes an existing file to hold a new version of its question while
//! keeping everything it need not touch (comments, blank lines, the order and style of unchanged
//! keys) byte for byte.
//!
//! ```
//! use qbank_core::{write::write_question, Kind, Level, Question};
//! let q = Question {
//!     text: "What is a canary deployment: when would you use one?".into(),
//!     topic: "deployment".into(),
//!     levels: vec![Level::Mid, Level::Senior],
//!     kind: Kind::Concept,
//!     minutes: Some(5),
//!     source: Some("seed #3".into()),
//!     tags: vec!["canary".into(), "release".into()],
//!     ..Question::new("canary-deployment")
//! };
//! assert_eq!(
//!     write_question(&q, "deployment/canary-deployment.yaml"),
//!     "# yaml-language-server: $schema=../../schema/question.schema.json\n\
//!      id: canary-deployment\n\
//!      text: 'What is a canary deployment: when would you use one?'\n\
//!      topic: deployment\n\
//!      levels: [mid, senior]\n\
//!      kind: concept\n\
//!      minutes: 5\n\
//!      status: active\n\
//!      source: \"seed #3\"\n\
//!      tags: [canary, release]\n"
//! );
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

use qbank_schema::FileKind;
use serde_json::{Map, Value};

use crate::fields::{self, Field, Style, QUESTION_FIELDS};
use crate::format;
use crate::model::{Anchors, Question, SimilarTo};
use crate::yaml;

/// The start of the first line of every bank file, for editors.
pub const MODELINE_PREFIX: &str = "# yaml-language-server: $schema=";

/// The top-level keys of a question file, in the order they are written: those of
/// [`QUESTION_FIELDS`].
pub const QUESTION_KEYS: [&str; QUESTION_FIELDS.len()] = fields::keys(&QUESTION_FIELDS);

/// The keys of a question's `rubric`, in the order they are written.
pub const RUBRIC_KEYS: [&str; 4] = ["levels", "anchors", "strong", "red_flags"];

/// The keys of one level of `rubric.levels`, in the order they are written.
pub const LEVEL_RUBRIC_KEYS: [&str; 2] = ["expect", "anchors"];

/// The keys of an `anchors` mapping, in the order they are written.
pub const ANCHOR_KEYS: [&str; 4] = ["1", "2", "3", "4"];

/// The modeline for a file at `relative` (a `/`-separated path inside the bank), assuming the
/// bank folder sits beside `schema/` at the repository root, as `questions/` does.
pub fn modeline(kind: FileKind, relative: &str) -> String {
    let depth = relative.matches('/').count() + 1;
    format!(
        "{MODELINE_PREFIX}{}schema/{}",
        "../".repeat(depth),
        kind.schema_file()
    )
}

/// The whole text of the file for `q` at `relative` inside the bank: the formatter's layout
/// of [`question_value`] ([`crate::format::write_value`]), so that what is written here is
/// already formatted.
pub fn write_question(q: &Question, relative: &str) -> String {
    format::write_value(FileKind::Question, relative, &question_value(q))
}

/// `q` as the value of its file: the keys of [`QUESTION_FIELDS`] it gives, in that order, with
/// absent values and empty lists left out (`status` is always there).
pub fn question_value(q: &Question) -> Value {
    let mut map = Map::new();
    for f in &QUESTION_FIELDS {
        if let Some(v) = field_value(q, f) {
            map.insert(f.key.to_owned(), v);
        }
    }
    Value::Object(map)
}

/// The lines of one top-level key of `q`, each ending with a newline, or `None` when the key
/// is left out (an absent value, an empty list, or a name that is not a question key): the
/// lines [`write_question`] writes for it.
pub fn write_field(q: &Question, key: &str) -> Option<String> {
    let value = field_value(q, fields::question_field(key)?)?;
    let mut map = Map::new();
    map.insert(key.to_owned(), value);
    let text = format::write_value(FileKind::Question, "q.yaml", &Value::Object(map));
    // Everything after the modeline.
    text.split_once('\n').map(|(_, lines)| lines.to_owned())
}

/// The value of one field of `q`, or `None` when the file leaves it out.
fn field_value(q: &Question, field: &Field) -> Option<Value> {
    let string = |s: Cow<'_, str>| Value::String(s.into_owned());
    match (field.style, field.value(q)) {
        (_, Some(v)) if v.is_empty() => None,
        (Style::Number, Some(fields::Value::Text(Some(t)))) => Some(
            t.parse::<serde_json::Number>()
                .map_or_else(|_| string(t.clone()), Value::Number),
        ),
        (_, Some(fields::Value::Text(Some(t)))) => Some(string(t)),
        (_, Some(fields::Value::List(items))) => Some(items.into_iter().map(string).collect()),
        (_, None) => nested_value(q, field.key),
        (_, Some(fields::Value::Text(None))) => None,
    }
}

/// The value of one of the structured keys (the rubric, `similar_to`, `allow`), or `None` when
/// `q` leaves it out.
fn nested_value(q: &Question, key: &str) -> Option<Value> {
    let strings = |items: &[String]| Value::from(items.to_vec());
    let mut out = Map::new();
    match key {
        "rubric" => {
            let r = &q.rubric;
            if r.is_empty() {
                return None;
            }
            if !r.levels.is_empty() {
                let mut levels = Map::new();
                for (level, l) in &r.levels {
                    let mut m = Map::new();
                    if let Some(expect) = &l.expect {
                        m.insert("expect".into(), expect.as_str().into());
                    }
                    if let Some(anchors) = &l.anchors {
                        m.insert("anchors".into(), anchors_value(anchors));
                    }
                    levels.insert(level.as_str().into(), Value::Object(m));
                }
                out.insert("levels".into(), Value::Object(levels));
            }
            if let Some(anchors) = &r.anchors {
                out.insert("anchors".into(), anchors_value(anchors));
            }
            if !r.strong.is_empty() {
                out.insert("strong".into(), strings(&r.strong));
            }
            if !r.red_flags.is_empty() {
                out.insert("red_flags".into(), strings(&r.red_flags));
            }
            Some(Value::Object(out))
        }
        "similar_to" => (!q.similar_to.is_empty()).then(|| {
            q.similar_to
                .iter()
                .map(|SimilarTo { id, reason }| {
                    let mut m = Map::new();
                    m.insert("id".into(), id.as_str().into());
                    if let Some(reason) = reason {
                        m.insert("reason".into(), reason.as_str().into());
                    }
                    Value::Object(m)
                })
                .collect()
        }),
        "allow" => (!q.allow.is_empty()).then(|| {
            q.allow
                .iter()
                .map(|a| {
                    let mut m = Map::new();
                    m.insert("rule".into(), a.rule.as_str().into());
                    m.insert("reason".into(), a.reason.as_str().into());
                    Value::Object(m)
                })
                .collect()
        }),
        _ => unreachable!("{key} is not a structured question key"),
    }
}

/// An `anchors` mapping: its points as keys `"1"` … `"4"`.
fn anchors_value(anchors: &Anchors) -> Value {
    Value::Object(
        anchors
            .iter()
            .map(|(point, text)| (point.to_string(), Value::from(text)))
            .collect(),
    )
}

#[cfg(test)]
fn flow_list(items: &[&str]) -> String {
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&flow_scalar(item));
    }
    out.push(']');
    out
}

/// A question's `source`: plain where YAML allows it (`PR review`), and where it needs quotes,
/// double quotes rather than single (`"seed #8"`), the way sources have always been written.
pub fn source_scalar(s: &str) -> String {
    match quoting(s) {
        Quoting::Plain => s.to_owned(),
        Quoting::Single | Quoting::Double => double_quoted(s),
    }
}

/// How a string is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    Plain,
    Single,
    Double,
}

/// How `s` is written as a value in block context (after `key: ` or `- `).
pub fn quoting(s: &str) -> Quoting {
    quoting_in(s, false)
}

fn quoting_in(s: &str, flow: bool) -> Quoting {
    if s.chars().any(needs_escape) {
        Quoting::Double
    } else if is_plain_safe(s, flow) {
        Quoting::Plain
    } else {
        Quoting::Single
    }
}

/// `s` as a YAML scalar in block context: plain, single- or double-quoted ([`quoting`]).
pub fn scalar(s: &str) -> String {
    render(s, quoting(s))
}

/// `s` as a mapping key in block context: a whole number such as an anchor point (`1:`) is
/// written plain, since every qbank reader takes a key as the text written; any other key as
/// [`scalar`] writes it.
pub fn key(s: &str) -> String {
    if is_point_key(s) {
        s.to_owned()
    } else {
        scalar(s)
    }
}

/// `s` as a mapping key inside a flow collection ([`key`], with [`flow_scalar`]'s quoting).
pub fn flow_key(s: &str) -> String {
    if is_point_key(s) {
        s.to_owned()
    } else {
        flow_scalar(s)
    }
}

/// A short whole number without a leading zero (`1`, `4`, `12`).
fn is_point_key(s: &str) -> bool {
    (1..=3).contains(&s.len()) && !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit())
}

/// `s` as a YAML scalar inside a flow collection (`[a, 'b, c']`), where `,[]{}` and `:` or `#`
/// also need quotes.
pub fn flow_scalar(s: &str) -> String {
    render(s, quoting_in(s, true))
}

fn render(s: &str, quoting: Quoting) -> String {
    match quoting {
        Quoting::Plain => s.to_owned(),
        Quoting::Single => format!("'{}'", s.replace('\'', "''")),
        Quoting::Double => double_quoted(s),
    }
}

/// A character that no quoting but double quotes can carry: line breaks, tabs and the
/// characters YAML does not allow as they are (C0 and C1 controls, DEL, U+FFFE, U+FFFF), plus
/// the byte-order mark and the Unicode line and paragraph separators, which some readers take
/// for something else.
fn needs_escape(c: char) -> bool {
    matches!(c,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// `s` in double quotes, every character that needs it escaped.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\x1b' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if (c as u32) <= 0xff && needs_escape(c) => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` (free of characters that need escapes) reads back as the same string when
/// written plain, by qbank and by YAML 1.1 readers such as PyYAML alike.
fn is_plain_safe(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.starts_with([' ', '\u{a0}']) || s.ends_with([' ', '\u{a0}']) {
        return false;
    }
    // Indicators that start something else than a plain scalar.
    if matches!(
        first,
        '-' | '?'
            | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    ) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if flow && s.contains([',', '[', ']', '{', '}', ':', '#']) {
        return false;
    }
    // `[a -]`: a dash after a space, right before the end of the item, is taken for the start
    // of a new node.
    if flow && s.ends_with(" -") {
        return false;
    }
    !reads_as_other(s)
}

/// Whether a plain `s` would be read as something else than a string: by the YAML 1.2 core
/// schema (qbank) or by YAML 1.1 (booleans such as `yes`, numbers with `_`, sexagesimals).
fn reads_as_other(s: &str) -> bool {
    if !matches!(yaml::resolve_plain(s), None | Some(Value::String(_))) {
        return true;
    }
    if matches!(
        s,
        "y" | "Y"
            | "n"
            | "N"
            | "yes"
            | "Yes"
            | "YES"
            | "no"
            | "No"
            | "NO"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
            | "<<"
            | "="
    ) {
        return true;
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let lower = unsigned.to_ascii_lowercase();
    if matches!(lower.as_str(), ".inf" | ".nan") {
        return true;
    }
    // YAML 1.1 numbers: 1_000, 0b1010, 0x_FF, 190:20:30, 1_000.5e+3, .5
    let digits = |t: &str, ok: fn(char) -> bool| !t.is_empty() && t.chars().all(ok);
    if let Some(hex) = unsigned.strip_prefix("0x") {
        return digits(hex, |c| c.is_ascii_hexdigit() || c == '_');
    }
    if let Some(bin) = unsigned.strip_prefix("0b") {
        return digits(bin, |c| matches!(c, '0' | '1' | '_'));
    }
    let numeric_start = unsigned.starts_with(|c: char| c.is_ascii_digit())
        || (unsigned.starts_with('.') && unsigned[1..].starts_with(|c: char| c.is_ascii_digit()));
    numeric_start
        && (digits(unsigned, |c| c.is_ascii_digit() || matches!(c, '_' | ':'))
            || (unsigned.contains('.')
                && digits(unsigned, |c| {
                    c.is_ascii_digit() || matches!(c, '_' | ':' | '.' | 'e' | 'E' | '+' | '-')
                })))
}

/// The result of [`update_question`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    /// The new text of the file.
    pub text: String,
    /// The top-level keys whose value changed, in canonical order.
    pub changed: Vec<&'static str>,
    /// True when the file could not be edited in place and was written whole by
    /// [`write_question`]: its comments are gone.
    pub rewritten: bool,
}

/// Changes `text`, the file of a question at `relative`, so that it holds `new`.
///
/// Only the top-level keys whose value changed are rewritten, each in canonical form; keys
/// that appear are inserted at their canonical place and keys that go away are removed.
/// Everything else (comments, blank lines, unchanged keys in whatever style they are written)
/// stays byte for byte; a comment at the end of a one-line value's line is kept too. When the
/// file cannot be edited that way (it is not a block mapping with its keys at the start of
/// lines, or the edited text would not read back as `new`), it is written whole and
/// [`Updated::rewritten`] says so.
pub fn update_question(text: &str, relative: &str, new: &Question) -> Updated {
    let whole = |changed: Vec<&'static str>| Updated {
        text: write_question(new, relative),
        changed,
        rewritten: true,
    };
    let Some((old, value, map)) = read_question(text) else {
        return whole(QUESTION_KEYS.to_vec());
    };
    let changed: Vec<&'static str> = QUESTION_KEYS
        .into_iter()
        .filter(|k| write_field(&old, k) != write_field(new, k))
        .collect();
    if changed.is_empty() {
        return Updated {
            text: text.to_owned(),
            changed,
            rewritten: false,
        };
    }
    match edit_in_place(text, &value, &map, new, &changed) {
        Some(edited) if read_question(&edited).is_some_and(|(q, ..)| same(&q, new)) => Updated {
            text: edited,
            changed,
            rewritten: false,
        },
        _ => whole(changed),
    }
}

fn same(a: &Question, b: &Question) -> bool {
    QUESTION_KEYS
        .into_iter()
        .all(|k| write_field(a, k) == write_field(b, k))
}

fn read_question(
    text: &str,
) -> Option<(Question, serde_json::Map<String, Value>, yaml::SourceMap)> {
    let parsed = yaml::parse(text, true).ok()?;
    let Some(Value::Object(value)) = parsed.value else {
        return None;
    };
    let q = serde_json::from_value(Value::Object(value.clone())).ok()?;
    Some((q, value, parsed.map))
}

/// One top-level key as it sits in the text.
struct KeyRegion {
    name: String,
    /// Byte range of its lines, without trailing blank and comment lines.
    start: usize,
    end: usize,
}

fn edit_in_place(
    text: &str,
    value: &serde_json::Map<String, Value>,
    map: &yaml::SourceMap,
    new: &Question,
    changed: &[&'static str],
) -> Option<String> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len())
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset) - 1;

    // The keys in document order, each at the start of its own line.
    let mut keys: Vec<(String, usize)> = Vec::new();
    for name in value.keys() {
        let pointer = format!("/{}", yaml::escape_pointer_segment(name));
        let located = map.locate(&pointer)?;
        let key = located.key?;
        if key.start.column != 1 {
            return None;
        }
        keys.push((name.clone(), line_of(key.start.offset)));
    }
    if keys.windows(2).any(|w| w[0].1 >= w[1].1) {
        return None;
    }
    let mut regions = Vec::new();
    for (i, (name, first)) in keys.iter().enumerate() {
        let next = keys.get(i + 1).map_or(line_starts.len(), |k| k.1);
        let mut last = next;
        while last > first + 1 {
            let start = line_starts[last - 1];
            let end = line_starts.get(last).copied().unwrap_or(text.len());
            let t = text[start..end].trim();
            if t.is_empty() || t.starts_with('#') {
                last -= 1;
            } else {
                break;
            }
        }
        regions.push(KeyRegion {
            name: name.clone(),
            start: line_starts[*first],
            end: line_starts.get(last).copied().unwrap_or(text.len()),
        });
    }

    // (start, end, rank, replacement), applied from the end of the text backwards; at one
    // place, a replacement before an insertion and insertions last key first, so that they
    // end up in canonical order.
    let mut edits: Vec<(usize, usize, usize, String)> = Vec::new();
    for (rank, &key) in changed.iter().enumerate() {
        let new_text = write_field(new, key).unwrap_or_default();
        if let Some(region) = regions.iter().find(|r| r.name == key) {
            let region_text = &text[region.start..region.end];
            let one_line = !region_text.trim_end_matches('\n').contains('\n');
            let new_one_line = new_text.matches('\n').count() == 1;
            if one_line && new_one_line {
                // Replace the value only, keeping a comment after it.
                let span = map.value_span(&format!("/{key}"))?;
                let (s, mut e) = (span.start.offset, span.end.offset);
                if s > e || e > text.len() {
                    return None;
                }
                if text[s..e].starts_with(['[', '{']) {
                    // The parser's span of a flow collection runs on over a comment after it.
                    e = s + flow_end(&text[s..e])?;
                }
                if s < region.start || e > region.end || s > e {
                    return None;
                }
                let prefix = format!("{key}: ");
                let value_text = new_text.trim_end_matches('\n').strip_prefix(&prefix)?;
                edits.push((s, e, rank, value_text.to_owned()));
            } else {
                let mut replacement = new_text;
                if !text[..region.end].ends_with('\n') && !replacement.is_empty() {
                    // The region ran to the end of a file without a final newline.
                    replacement.pop();
                }
                edits.push((region.start, region.end, rank, replacement));
            }
        } else if !new_text.is_empty() {
            // Insert after the last key that comes before it in canonical order.
            let key_rank = |name: &str| QUESTION_KEYS.iter().position(|k| *k == name);
            let mine = key_rank(key)?;
            let at = regions
                .iter()
                .filter(|r| key_rank(&r.name).is_some_and(|r| r < mine))
                .map(|r| r.end)
                .max()
                .or_else(|| regions.first().map(|r| r.start))?;
            let mut insertion = new_text;
            if at > 0 && !text[..at].ends_with('\n') {
                insertion.insert(0, '\n');
            }
            edits.push((at, at, rank, insertion));
        }
    }
    edits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let mut out = text.to_owned();
    for (s, e, _, replacement) in edits {
        out.replace_range(s..e, &replacement);
    }
    Some(out)
}

/// The length of the flow collection that `text` starts with, up to its closing bracket.
fn flow_end(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut depth = 0usize;
    // Whether the next character starts a scalar, where a quote opens a quoted scalar.
    let mut at_start = true;
    let mut after_colon = false;
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        match c {
            '[' | '{' => {
                depth += 1;
                at_start = true;
            }
            ']' | '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(offset + 1);
                }
                at_start = false;
            }
            ',' => at_start = true,
            ':' => after_colon = true,
            ' ' | '\t' | '\r' | '\n' => {
                if after_colon {
                    at_start = true;
                }
            }
            '\'' if at_start => {
                // To the closing quote; '' inside is an escaped quote.
                i += 1;
                loop {
                    match chars.get(i)?.1 {
                        '\'' if chars.get(i + 1).is_some_and(|n| n.1 == '\'') => i += 2,
                        '\'' => break,
                        _ => i += 1,
                    }
                }
                at_start = false;
            }
            '"' if at_start => {
                i += 1;
                loop {
                    match chars.get(i)?.1 {
                        '\\' => i += 2,
                        '"' => break,
                        _ => i += 1,
                    }
                }
                at_start = false;
            }
            _ => at_start = false,
        }
        if c != ':' {
            after_colon = false;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Allow, Kind, Level, LevelRubric, Rubric, Status};

    fn question() -> Question {
        Question {
            text: "How do you alert on drift?".into(),
            topic: "monitoring".into(),
            levels: vec![Level::Mid, Level::Senior],
            kind: Kind::Experience,
            minutes: Some(6),
            status: Status::Active,
            source: Some("seed #8".into()),
            tags: vec!["drift".into(), "alerting".into()],
            follow_ups: vec!["Which metric?".into()],
            rubric: Rubric {
                strong: vec!["Names PSI: and a threshold".into()],
                red_flags: vec!["Alerts on everything".into()],
                ..Rubric::default()
            },
            similar_to: vec![SimilarTo {
                id: "data-drift-experience".into(),
                reason: Some("One incident versus a pipeline".into()),
            }],
            allow: vec![Allow {
                rule: "near-duplicate".into(),
                reason: "reviewed".into(),
            }],
            reviewed: Some("2025-01-10".into()),
            ..Question::new("drift-alerts")
        }
    }

    fn parse_question(text: &str) -> Question {
        serde_json::from_value(yaml::parse(text, false).unwrap().value.unwrap()).unwrap()
    }

    #[test]
    fn writes_every_key_in_order() {
        insta::assert_snapshot!(write_question(&question(), "monitoring/drift-alerts.yaml"), @r#"
        # yaml-language-server: $schema=../../schema/question.schema.json
        id: drift-alerts
        text: How do you alert on drift?
        topic: monitoring
        levels: [mid, senior]
        kind: experience
        minutes: 6
        status: active
        source: "seed #8"
        tags: [drift, alerting]
        follow_ups:
          - Which metric?
        rubric:
          strong:
            - 'Names PSI: and a threshold'
          red_flags:
            - Alerts on everything
        similar_to:
          - id: data-drift-experience
            reason: One incident versus a pipeline
        allow:
          - rule: near-duplicate
            reason: reviewed
        reviewed: 2025-01-10
        "#);
    }

    #[test]
    fn writes_titles_competencies_and_rubrics_by_level() {
        let mut q = question();
        q.title = Some("Alerting on drift".into());
        q.competencies = vec!["production-operations".into(), "monitoring".into()];
        q.rubric.levels.insert(
            Level::Senior,
            LevelRubric {
                expect: Some("Also prices a false alarm: who is paged".into()),
                anchors: Some(Anchors::new([
                    None,
                    None,
                    Some("Thresholds from history".into()),
                    Some("3, plus paging cost".into()),
                ])),
            },
        );
        q.rubric.levels.insert(
            Level::Mid,
            LevelRubric {
                expect: Some("Names two drift metrics".into()),
                anchors: None,
            },
        );
        q.rubric.anchors = Some(Anchors::new([
            Some("No metric".into()),
            Some("One metric, no threshold".into()),
            Some("Two metrics and thresholds".into()),
            Some("4".into()),
        ]));
        let text = write_question(&q, "monitoring/drift-alerts.yaml");
        insta::assert_snapshot!(text, @r#"
        # yaml-language-server: $schema=../../schema/question.schema.json
        id: drift-alerts
        title: Alerting on drift
        text: How do you alert on drift?
        topic: monitoring
        levels: [mid, senior]
        kind: experience
        competencies: [production-operations, monitoring]
        minutes: 6
        status: active
        source: "seed #8"
        tags: [drift, alerting]
        follow_ups:
          - Which metric?
        rubric:
          levels:
            mid:
              expect: Names two drift metrics
            senior:
              expect: 'Also prices a false alarm: who is paged'
              anchors:
                3: Thresholds from history
                4: 3, plus paging cost
          anchors:
            1: No metric
            2: One metric, no threshold
            3: Two metrics and thresholds
            4: '4'
          strong:
            - 'Names PSI: and a threshold'
          red_flags:
            - Alerts on everything
        similar_to:
          - id: data-drift-experience
            reason: One incident versus a pipeline
        allow:
          - rule: near-duplicate
            reason: reviewed
        reviewed: 2025-01-10
        "#);
        assert_eq!(parse_question(&text), q);
        assert_eq!(
            q.rubric.anchors_for(Level::Senior).and_then(|a| a.get(3)),
            Some("Thresholds from history")
        );
        assert_eq!(
            q.rubric.anchors_for(Level::Mid).and_then(|a| a.get(3)),
            Some("Two metrics and thresholds")
        );
        assert_eq!(
            q.rubric.anchors_for(Level::Junior),
            q.rubric.anchors.as_ref()
        );
        assert_eq!(q.rubric.expect(Level::Mid), Some("Names two drift metrics"));
        assert_eq!(q.rubric.expect(Level::Staff), None);
    }

    #[test]
    fn quotes_only_what_needs_it() {
        let cases = [
            ("plain text, with commas", "plain text, with commas"),
            ("yes", "'yes'"),
            ("No", "'No'"),
            ("null", "'null'"),
            ("~", "'~'"),
            ("1.0", "'1.0'"),
            ("42", "'42'"),
            ("0x1F", "'0x1F'"),
            ("1_000", "'1_000'"),
            ("12:30", "'12:30'"),
            (".inf", "'.inf'"),
            ("-.NaN", "'-.NaN'"),
            ("2025-01-10", "2025-01-10"),
            ("3 questions", "3 questions"),
            (" leading", "' leading'"),
            ("trailing ", "'trailing '"),
            ("a: b", "'a: b'"),
            ("a #b", "'a #b'"),
            ("a#b", "a#b"),
            ("ends:", "'ends:'"),
            ("it's", "it's"),
            ("'quoted'", "'''quoted'''"),
            ("\"quoted\" start", "'\"quoted\" start'"),
            ("- dash", "'- dash'"),
            ("-dash", "'-dash'"),
            ("@handle", "'@handle'"),
            ("`code`", "'`code`'"),
            ("%x", "'%x'"),
            ("[x]", "'[x]'"),
            ("{x}", "'{x}'"),
            ("& x", "'& x'"),
            ("*x", "'*x'"),
            ("!x", "'!x'"),
            ("|x", "'|x'"),
            (">x", "'>x'"),
            ("?x", "'?x'"),
            (",x", "',x'"),
            ("#x", "'#x'"),
            ("x > y < z & \"w\"", "x > y < z & \"w\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("tab\there", "\"tab\\there\""),
            ("bell\u{1}", "\"bell\\x01\""),
            ("vt\u{b}", "\"vt\\v\""),
            ("nonchar\u{fffe}", "\"nonchar\\uFFFE\""),
            ("bom\u{feff}", "\"bom\\uFEFF\""),
            ("nel\u{85}", "\"nel\\N\""),
            ("ls\u{2028}", "\"ls\\L\""),
            ("back\\slash \"q\"\n", "\"back\\\\slash \\\"q\\\"\\n\""),
            ("שלום עולם", "שלום עולם"),
            ("مرحبا: بالعالم", "'مرحبا: بالعالم'"),
            ("", "''"),
        ];
        for (input, want) in cases {
            assert_eq!(scalar(input), want, "{input:?}");
            let doc = format!("v: {}\n", scalar(input));
            let v = yaml::parse(&doc, false).unwrap().value.unwrap();
            assert_eq!(v["v"], input, "{doc}");
        }
    }

    #[test]
    fn flow_lists_quote_flow_indicators() {
        assert_eq!(
            flow_list(&["a", "b,c", "2024", "x]"]),
            "[a, 'b,c', '2024', 'x]']"
        );
        assert_eq!(flow_list(&["a -", "a - b", "a-"]), "['a -', a - b, a-]");
        let v = yaml::parse(&flow_list(&["a -", "a - b", "a-"]), false).unwrap();
        assert_eq!(v.value.unwrap(), serde_json::json!(["a -", "a - b", "a-"]));
    }

    #[test]
    fn reads_back_what_it_writes() {
        let q = question();
        let text = write_question(&q, "monitoring/drift-alerts.yaml");
        assert_eq!(parse_question(&text), q);
    }

    #[test]
    fn flow_collection_ends() {
        let cases = [
            ("[a, b]   # c]", "[a, b]"),
            ("['it''s ]', b] # x", "['it''s ]', b]"),
            ("[\"a\\\"]\", b]  # ]", "[\"a\\\"]\", b]"),
            ("[🌀\", x'] # ]", "[🌀\", x']"),
            ("{a: 'b]', c: [d]} # }", "{a: 'b]', c: [d]}"),
        ];
        for (text, want) in cases {
            assert_eq!(flow_end(text).map(|e| &text[..e]), Some(want), "{text}");
        }
        assert_eq!(flow_end("[a, b"), None);
    }

    #[test]
    fn modeline_depends_on_depth() {
        assert_eq!(
            modeline(FileKind::Question, "a.yaml"),
            "# yaml-language-server: $schema=../schema/question.schema.json"
        );
        assert_eq!(
            modeline(FileKind::Question, "t/sub/a.yaml"),
            "# yaml-language-server: $schema=../../../schema/question.schema.json"
        );
    }

    const COMMENTED: &str = "\
# yaml-language-server: $schema=../../schema/question.schema.json
# Written by the panel in March.
id: drift-alerts
text: How do you alert on drift?   # keep it short
topic: monitoring
levels: [mid, senior]  # not 'staff' [yet]
kind: experience
status: active               # draft | active | retired
source: 'seed #8'
tags: [drift, alerting]
follow_ups:
  # the first one matters most
  - Which metric?

# Rubric agreed with the team.
rubric:
  strong:
    - 'Names PSI: and a threshold'
  red_flags:
    - Alerts on everything
";

    #[test]
    fn unchanged_question_keeps_the_text() {
        let q = parse_question(COMMENTED);
        let u = update_question(COMMENTED, "monitoring/drift-alerts.yaml", &q);
        assert_eq!(u.text, COMMENTED);
        assert!(u.changed.is_empty());
    }

    #[test]
    fn update_changes_only_the_changed_keys() {
        let mut q = parse_question(COMMENTED);
        q.text = "How do you alert on drift: which signal?".into();
        q.status = Status::Draft;
        q.levels.push(Level::Staff);
        q.minutes = Some(7);
        q.follow_ups.push("And who gets paged?".into());
        q.rubric.red_flags.clear();
        let u = update_question(COMMENTED, "monitoring/drift-alerts.yaml", &q);
        assert!(!u.rewritten);
        assert_eq!(
            u.changed,
            [
                "text",
                "levels",
                "minutes",
                "status",
                "follow_ups",
                "rubric"
            ]
        );
        insta::assert_snapshot!(u.text, @r"
        # yaml-language-server: $schema=../../schema/question.schema.json
        # Written by the panel in March.
        id: drift-alerts
        text: 'How do you alert on drift: which signal?'   # keep it short
        topic: monitoring
        levels: [mid, senior, staff]  # not 'staff' [yet]
        kind: experience
        minutes: 7
        status: draft               # draft | active | retired
        source: 'seed #8'
        tags: [drift, alerting]
        follow_ups:
          - Which metric?
          - And who gets paged?

        # Rubric agreed with the team.
        rubric:
          strong:
            - 'Names PSI: and a threshold'
        ");
        assert_eq!(parse_question(&u.text), q);
    }

    #[test]
    fn update_removes_keys_that_go_away() {
        let mut q = parse_question(COMMENTED);
        q.tags.clear();
        q.source = None;
        q.rubric = Rubric::default();
        let u = update_question(COMMENTED, "monitoring/drift-alerts.yaml", &q);
        assert!(!u.rewritten);
        assert!(!u.text.contains("tags:") && !u.text.contains("source:"));
        assert!(!u.text.contains("rubric:"));
        assert!(u.text.contains("# Rubric agreed with the team."));
        assert_eq!(parse_question(&u.text), q);
    }

    #[test]
    fn file_in_flow_style_is_rewritten_whole() {
        let text = "{id: a, text: Why?, topic: t, levels: [mid], kind: concept}\n";
        let mut q = parse_question(text);
        q.text = "Why not?".into();
        let u = update_question(text, "t/a.yaml", &q);
        assert!(u.rewritten);
        assert_eq!(u.text, write_question(&q, "t/a.yaml"));
    }

    #[test]
    fn block_scalar_edits_read_back_or_rewrite() {
        let text =
            "id: a\ntext: |\n  Why?\n  # not a comment\ntopic: t\nlevels: [mid]\nkind: concept\n";
        let mut q = parse_question(text);
        assert_eq!(q.text, "Why?\n# not a comment\n");
        q.text = "Why not?".into();
        let u = update_question(text, "t/a.yaml", &q);
        assert_eq!(parse_question(&u.text), q);
    }

    #[test]
    fn indentless_sequences_and_missing_final_newline() {
        let text =
            "id: a\ntext: Why?\ntopic: t\nlevels: [mid]\nkind: concept\nfollow_ups:\n- one\n- two";
        let mut q = parse_question(text);
        q.follow_ups = vec!["three".into()];
        q.minutes = Some(3);
        let u = update_question(text, "t/a.yaml", &q);
        assert!(!u.rewritten, "{}", u.text);
        assert_eq!(
            u.text,
            "id: a\ntext: Why?\ntopic: t\nlevels: [mid]\nkind: concept\nminutes: 3\nfollow_ups:\n  - three"
        );
        assert_eq!(parse_question(&u.text), q);
    }
}
