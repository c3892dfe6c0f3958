//! `qbank fmt`: one canonical layout for question, topics and kit files.
//!
//! [`format()`] reads a file as YAML, keeps its comments, and writes it again in the layout every
//! qbank file has, whoever wrote it:
//!
//! - **The schema modeline first.** The first line is `# yaml-language-server: $schema=…`. A
//!   modeline found anywhere in the file that names the right schema file moves to the top as it
//!   is; a missing or wrong one becomes [`crate::write::modeline`]'s.
//! - **Key order.** Known keys come in a fixed order: for questions that of
//!   [`crate::write::QUESTION_KEYS`] (and [`crate::write::RUBRIC_KEYS`] in `rubric`: `levels`
//!   by level, each `expect` then `anchors`, then `anchors` by point `1`–`4`, `strong`,
//!   `red_flags`; `id`, `reason` in `similar_to`; `rule`, `reason` in `allow`), for topics
//!   `id`, `title`, `description`, `coverage` (`junior`, `mid`, `senior`, `staff`), `synonyms`,
//!   for competencies `id`, `title`, `description`, `coverage`, for kits `title`, `role`,
//!   `level`, `duration_minutes`, `seed`, `description`, `sections` (`title`, `topic`, `topics`,
//!   `tags`, `fixed`, `count`, `minutes`), `exclude`, `edition`. A key qbank does not know stays,
//!   right after the known key it followed (so a misspelt `folow_ups` stays where it was written,
//!   for the linter to point at).
//! - **List style.** Short lists of names are flow lists on one line: a question's `levels`,
//!   `competencies` and `tags`, a topic's or competency's `coverage` (a flow mapping) and each group of `synonyms`, a kit section's
//!   `topics`, `tags` and `fixed`, and a kit's `exclude`. Every other list or mapping is a block,
//!   indented by two spaces, with `- ` items; an empty one is `[]` or `{}`.
//! - **Quoting.** A string is plain when every YAML reader reads it back as the same string,
//!   single-quoted when it fits on one line, double-quoted with escapes otherwise
//!   ([`crate::write::scalar`]); a question's `source`, where it needs quotes, is double-quoted. Numbers, `true`,
//!   `false` and `null` are written as they were.
//! - **No folding.** A long `text`, follow-up or rubric line stays on one line, and a text with
//!   line breaks is one double-quoted line with `\n`. One line per item is what reviews best: a
//!   diff shows exactly the sentence that changed, and `grep` finds a question by any phrase of
//!   it. Editors wrap long lines for reading; the file does not.
//! - **Comments and blank lines.** A comment on its own line stays above the key or item it
//!   precedes and moves with it; a comment at the end of a line stays at the end of that line
//!   (two spaces before the `#`); a comment indented under the last item of a list or mapping
//!   stays at the end of it. Comments above the first key stay at the top. Runs of blank lines
//!   become one; none is kept at the start of a list or mapping.
//!
//! Formatting never changes what a file means: the result is parsed again and compared with the
//! original (the same value, the same comments) before it is returned, and a file that would
//! change is refused with a [`FormatError`]. Files qbank cannot lay out without changing them are
//! refused too: YAML syntax errors, duplicate keys, anchors and aliases. A file with no YAML
//! document (empty, or only comments) is returned as it is. Formatting a formatted file changes
//! nothing.
//!
//! ```
//! use qbank_core::{format::format, FileKind};
//! let messy = "\
//! levels: [ mid ,senior ]
//! ## Written with the platform team.
//! id: canary-deployment
//! topic: deployment
//! text: \"What is a canary deployment?\"   # keep it short
//! kind: concept
//! ";
//! assert_eq!(
//!     format(FileKind::Question, "deployment/canary-deployment.yaml", messy).unwrap(),
//!     "\
//! ## yaml-language-server: $schema=../../schema/question.schema.json
//! ## Written with the platform team.
//! id: canary-deployment
//! text: What is a canary deployment?  # keep it short
//! topic: deployment
//! levels: [mid, senior]
//! kind: concept
//! "
//! );
//! ```

use std::collections::HashMap;

use qbank_schema::FileKind;
use saphyr_parser::{Event, Parser, ScalarStyle, Span as YSpan};
use serde_json::Value;

use crate::diag::{Position, Span};
use crate::fields::{question_field, Style};
use crate::write::{
    self, ANCHOR_KEYS, LEVEL_RUBRIC_KEYS, MODELINE_PREFIX, QUESTION_KEYS, RUBRIC_KEYS,
};
use crate::yaml::{self, LineIndex, YamlWarning};

/// Why a file was left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub message: String,
    /// Where in the file.
    pub span: Span,
    pub help: Option<String>,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}",
            self.span.start.line, self.span.start.column, self.message
        )
    }
}

impl std::error::Error for FormatError {}

/// The text of `text`, a bank file of `kind` at `relative` (a `/`-separated path inside the
/// bank), in the canonical layout.
pub fn format(kind: FileKind, relative: &str, text: &str) -> Result<String, FormatError> {
    let lines = LineIndex::new(text);
    // The layout is read and kept line by line, as `\n` ends them.
    if let Some(at) = text
        .match_indices('\r')
        .map(|(i, _)| i)
        .find(|&i| text.as_bytes().get(i + 1) != Some(&b'\n'))
    {
        return Err(FormatError {
            message: "a line ends with a carriage return alone (old Mac line endings); the \
                      file is left as it is"
                .into(),
            span: Span::point(lines.position_of_offset(text, at)),
            help: Some("end its lines with \\n (or \\r\\n), then format it".into()),
        });
    }
    let original = yaml::parse(text, false).map_err(|e| FormatError {
        message: e.message,
        span: e.span,
        help: None,
    })?;
    for w in &original.warnings {
        if let YamlWarning::DuplicateKey { key, span, .. } = w {
            return Err(FormatError {
                message: format!("`{key}` appears twice in the same mapping"),
                span: *span,
                help: Some("remove one of them, then format the file".into()),
            });
        }
    }
    let Some(value) = original.value else {
        return Ok(text.to_owned());
    };
    let mut doc = Doc::read(text, &lines, kind)?;
    doc.decide_styles();
    let comments = doc.read_comments();
    doc.attach(comments);
    let out = doc.render(relative);

    // The layout must not change what the file says.
    let refuse = |what: &str| FormatError {
        message: format!("formatting would change {what}; the file is left as it is"),
        span: Span::point(Position::START),
        help: Some("this is a bug in qbank fmt: please report it with the file".into()),
    };
    let again = yaml::parse(&out, false).map_err(|_| refuse("the file into invalid YAML"))?;
    if again.value.as_ref() != Some(&value) {
        return Err(refuse("the values of the file"));
    }
    let mut before = comment_texts(text);
    let mut after = comment_texts(&out);
    before.sort_unstable();
    after.sort_unstable();
    if before != after {
        return Err(refuse("the comments of the file"));
    }
    Ok(out)
}

/// The text of a bank file of `kind` at `relative` that holds `value`, in the canonical layout:
/// what [`format()`] makes of any file holding that value and no comments. Every YAML file qbank
/// writes goes through here ([`crate::write::write_question`]), so a written file is already
/// formatted.
pub fn write_value(kind: FileKind, relative: &str, value: &Value) -> String {
    let lines = LineIndex::new("");
    let mut doc = Doc::from_value(&lines, kind, value);
    doc.decide_styles();
    doc.render(relative)
}

/// The comments of a file that parses, modelines left out.
fn comment_texts(text: &str) -> Vec<String> {
    let lines = LineIndex::new(text);
    let Ok(mut doc) = Doc::read(text, &lines, FileKind::Question) else {
        return Vec::new();
    };
    doc.decide_styles();
    doc.read_comments()
        .into_iter()
        .filter(|c| !is_modeline(&c.text))
        .map(|c| c.text)
        .collect()
}

fn is_modeline(comment: &str) -> bool {
    comment.starts_with(MODELINE_PREFIX)
}

/// What is laid out where, by file kind.
struct Policy {
    kind: FileKind,
}

const SIMILAR_KEYS: &[&str] = &["id", "reason"];
const ALLOW_KEYS: &[&str] = &["rule", "reason"];
const TOPICS_KEYS: &[&str] = &["topics"];
const TOPIC_KEYS: &[&str] = &["id", "title", "description", "coverage", "synonyms"];
const COVERAGE_KEYS: &[&str] = &["junior", "mid", "senior", "staff"];
const COMPETENCIES_KEYS: &[&str] = &["competencies"];
const COMPETENCY_KEYS: &[&str] = &["id", "title", "description", "coverage"];
const KIT_KEYS: &[&str] = &[
    "title",
    "role",
    "level",
    "duration_minutes",
    "seed",
    "description",
    "sections",
    "exclude",
    "max_per_kind",
    "edition",
    "layout",
];
const SECTION_KEYS: &[&str] = &[
    "title",
    "topic",
    "topics",
    "tags",
    "kinds",
    "competencies",
    "fixed",
    "count",
    "minutes",
];
const KINDS_KEYS: &[&str] = &["concept", "experience", "tooling", "scenario", "behavioral"];
const LOOP_KEYS: &[&str] = &[
    "title",
    "role",
    "description",
    "competencies",
    "interviews",
    "decision",
];
const INTERVIEW_KEYS: &[&str] = &["kit", "title", "interviewer", "focus", "seed"];

impl Policy {
    /// The order of the known keys of the mapping at `path` (`*` for any list index).
    fn key_order(&self, path: &[&str]) -> Option<&'static [&'static str]> {
        match (self.kind, path) {
            (FileKind::Question, []) => Some(&QUESTION_KEYS),
            (FileKind::Question, ["rubric"]) => Some(&RUBRIC_KEYS),
            (FileKind::Question, ["rubric", "levels"]) => Some(COVERAGE_KEYS),
            (FileKind::Question, ["rubric", "levels", _]) => Some(&LEVEL_RUBRIC_KEYS),
            (FileKind::Question, ["rubric", "anchors"] | ["rubric", "levels", _, "anchors"]) => {
                Some(&ANCHOR_KEYS)
            }
            (FileKind::Question, ["similar_to", "*"]) => Some(SIMILAR_KEYS),
            (FileKind::Question, ["allow", "*"]) => Some(ALLOW_KEYS),
            (FileKind::Topics, []) => Some(TOPICS_KEYS),
            (FileKind::Topics, ["topics", "*"]) => Some(TOPIC_KEYS),
            (FileKind::Topics, ["topics", "*", "coverage"]) => Some(COVERAGE_KEYS),
            (FileKind::Competencies, []) => Some(COMPETENCIES_KEYS),
            (FileKind::Competencies, ["competencies", "*"]) => Some(COMPETENCY_KEYS),
            (FileKind::Competencies, ["competencies", "*", "coverage"]) => Some(COVERAGE_KEYS),
            (FileKind::Kit, []) => Some(KIT_KEYS),
            (FileKind::Kit, ["sections", "*"]) => Some(SECTION_KEYS),
            (FileKind::Kit, ["max_per_kind"]) => Some(KINDS_KEYS),
            (FileKind::Loop, []) => Some(LOOP_KEYS),
            (FileKind::Loop, ["interviews", "*"]) => Some(INTERVIEW_KEYS),
            _ => None,
        }
    }

    /// Whether the collection at `path` is written on one line.
    fn flow(&self, path: &[&str]) -> bool {
        matches!(
            (self.kind, path),
            (FileKind::Question, [key]) if question_field(key)
                .is_some_and(|f| f.style == Style::FlowList)
        ) || matches!(
            (self.kind, path),
            (FileKind::Topics, ["topics", "*", "coverage"])
                | (FileKind::Competencies, ["competencies", "*", "coverage"])
                | (FileKind::Topics, ["topics", "*", "synonyms", "*"])
                | (FileKind::Kit, ["exclude" | "max_per_kind"])
                | (
                    FileKind::Kit,
                    [
                        "sections",
                        "*",
                        "topics" | "tags" | "fixed" | "kinds" | "competencies"
                    ]
                )
                | (FileKind::Loop, ["competencies"])
        )
    }

    /// Whether the string at `path` is double-quoted where it needs quotes at all
    /// ([`write::source_scalar`]).
    fn source_quoting(&self, path: &[&str]) -> bool {
        matches!((self.kind, path), (FileKind::Question, [key])
            if question_field(key).is_some_and(|f| f.style == Style::Source))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Scalar {
        value: Value,
        /// The source text of a plain scalar that is not a string (`5`, `true`, `~`).
        verbatim: Option<String>,
    },
    Seq,
    Map,
}

/// A place in the text: 1-based line, 0-based character column, byte offset.
#[derive(Debug, Clone, Copy, Default)]
struct At {
    line: usize,
    col: usize,
    offset: usize,
}

#[derive(Debug)]
struct Node {
    shape: Shape,
    parent: Option<usize>,
    /// The key, for a mapping value.
    key: Option<String>,
    children: Vec<usize>,
    /// Where the item starts: its key, its `- `, or the value itself.
    start: At,
    /// Where the value starts and ends (after a closing quote or bracket).
    value_start: At,
    value_end: At,
    /// Written on one line in the output.
    flow_out: bool,
    leading: Vec<Trivia>,
    trailing: Vec<String>,
    /// Comments after the last item of a block collection, indented under it.
    end: Vec<Trivia>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Trivia {
    Blank,
    Comment(String),
}

/// A comment found in the text.
#[derive(Debug, Clone)]
struct Comment {
    line: usize,
    col: usize,
    text: String,
    /// Something other than white space comes before it on its line.
    after_content: bool,
}

/// Where a comment or blank line is written.
#[derive(Debug, Clone, Copy)]
enum Place {
    Header,
    Footer,
    Leading(usize),
    End(usize),
}

/// One line of trivia between items: a blank line or a comment on its own.
enum LineKind {
    Blank,
    Comment(usize),
}

struct Doc<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    policy: Policy,
    nodes: Vec<Node>,
    /// Byte ranges of scalars, where a `#` is text and not a comment.
    scalars: Vec<(usize, usize)>,
    header: Vec<Trivia>,
    footer: Vec<Trivia>,
    modeline: Option<String>,
}

impl<'t> Doc<'t> {
    fn at(&self, m: &saphyr_parser::Marker) -> At {
        let p = self.lines.position(self.text, m.line(), m.col());
        At {
            line: p.line as usize,
            col: p.column as usize - 1,
            offset: p.offset,
        }
    }

    fn at_offset(&self, offset: usize) -> At {
        let p = self.lines.position_of_offset(self.text, offset);
        At {
            line: p.line as usize,
            col: p.column as usize - 1,
            offset: p.offset,
        }
    }

    fn error(&self, message: impl Into<String>, at: At) -> FormatError {
        FormatError {
            message: message.into(),
            span: Span::point(self.lines.position_of_offset(self.text, at.offset)),
            help: None,
        }
    }

    /// A tree with no nodes yet.
    fn empty(text: &'t str, lines: &'t LineIndex, kind: FileKind) -> Doc<'t> {
        Doc {
            text,
            lines,
            policy: Policy { kind },
            nodes: Vec::new(),
            scalars: Vec::new(),
            header: Vec::new(),
            footer: Vec::new(),
            modeline: None,
        }
    }

    /// Builds the tree of nodes from the parser's events.
    fn read(text: &'t str, lines: &'t LineIndex, kind: FileKind) -> Result<Doc<'t>, FormatError> {
        let mut doc = Doc::empty(text, lines, kind);
        let mut stack: Vec<usize> = Vec::new();
        // The key waiting for its value in each open mapping, with where it starts.
        let mut pending: HashMap<usize, (String, At)> = HashMap::new();
        let mut parser = Parser::new_from_str(text);
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| {
                let m = e.marker();
                let p = lines.position(text, m.line(), m.col());
                FormatError {
                    message: e.info().to_owned(),
                    span: Span::point(p),
                    help: None,
                }
            })?;
            match event {
                Event::Alias(_) => {
                    return Err(doc.error(
                        "the file uses an alias (`*name`); qbank fmt does not lay out anchors \
                         and aliases",
                        doc.at(&span.start),
                    ));
                }
                Event::Scalar(value_text, style, anchor, tag) => {
                    let start = doc.at(&span.start);
                    if anchor != 0 {
                        return Err(doc.anchor_error(start));
                    }
                    let end = doc.scalar_end(&span, style, start);
                    doc.scalars.push((start.offset, end.offset));
                    let parent = stack.last().copied();
                    if let Some(p) = parent {
                        if doc.nodes[p].shape == Shape::Map && !pending.contains_key(&p) {
                            pending.insert(p, (value_text.into_owned(), start));
                            continue;
                        }
                    }
                    let tag = tag.map(|t| yaml::tag_name(&t));
                    let value = yaml::resolve_scalar(&value_text, style, tag.as_deref());
                    let verbatim =
                        (style == ScalarStyle::Plain && tag.is_none() && !value.is_string())
                            .then(|| value_text.into_owned());
                    let id = doc.push_node(
                        Shape::Scalar { value, verbatim },
                        parent,
                        &mut pending,
                        start,
                    );
                    doc.nodes[id].value_end = end;
                }
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    let start = doc.at(&span.start);
                    if anchor != 0 {
                        return Err(doc.anchor_error(start));
                    }
                    let shape = if matches!(event, Event::SequenceStart(..)) {
                        Shape::Seq
                    } else {
                        Shape::Map
                    };
                    let parent = stack.last().copied();
                    let id = doc.push_node(shape, parent, &mut pending, start);
                    // A flow collection's start event covers its bracket; a block one's is empty.
                    let flow = span.end.index() > span.start.index();
                    doc.nodes[id].value_end = if flow { doc.at(&span.end) } else { start };
                    doc.nodes[id].flow_out = flow;
                    stack.push(id);
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(id) = stack.pop() else { continue };
                    pending.remove(&id);
                    let flow = doc.nodes[id].flow_out;
                    let end = if flow {
                        // The end event starts at the closing bracket.
                        let b = doc.at(&span.start);
                        doc.at_offset(b.offset + 1)
                    } else {
                        doc.nodes[id]
                            .children
                            .last()
                            .map_or(doc.nodes[id].value_start, |&c| doc.nodes[c].value_end)
                    };
                    doc.nodes[id].value_end = end;
                }
                Event::StreamStart
                | Event::StreamEnd
                | Event::DocumentStart(_)
                | Event::DocumentEnd
                | Event::Nothing => {}
            }
        }
        doc.scalars.sort_unstable();
        Ok(doc)
    }

    /// The tree of a value, with no text behind it: no positions and no comments. Built with an
    /// explicit stack, depth first, so that each node's children come in the value's order.
    fn from_value(lines: &'t LineIndex, kind: FileKind, value: &Value) -> Doc<'t> {
        let mut doc = Doc::empty("", lines, kind);
        let mut stack: Vec<(&Value, Option<usize>, Option<&str>)> = vec![(value, None, None)];
        while let Some((v, parent, key)) = stack.pop() {
            let shape = match v {
                Value::Array(_) => Shape::Seq,
                Value::Object(_) => Shape::Map,
                other => Shape::Scalar {
                    value: other.clone(),
                    verbatim: None,
                },
            };
            let id = doc.nodes.len();
            if let Some(p) = parent {
                doc.nodes[p].children.push(id);
            }
            doc.nodes.push(Node {
                shape,
                parent,
                key: key.map(str::to_owned),
                children: Vec::new(),
                start: At::default(),
                value_start: At::default(),
                value_end: At::default(),
                flow_out: false,
                leading: Vec::new(),
                trailing: Vec::new(),
                end: Vec::new(),
            });
            match v {
                Value::Array(items) => {
                    stack.extend(items.iter().rev().map(|item| (item, Some(id), None)));
                }
                Value::Object(map) => {
                    stack.extend(
                        map.iter()
                            .rev()
                            .map(|(k, item)| (item, Some(id), Some(k.as_str()))),
                    );
                }
                _ => {}
            }
        }
        doc
    }

    fn anchor_error(&self, at: At) -> FormatError {
        self.error(
            "the file uses an anchor (`&name`); qbank fmt does not lay out anchors and aliases",
            at,
        )
    }

    fn push_node(
        &mut self,
        shape: Shape,
        parent: Option<usize>,
        pending: &mut HashMap<usize, (String, At)>,
        value_start: At,
    ) -> usize {
        let id = self.nodes.len();
        let mut key = None;
        let mut start = value_start;
        if let Some(p) = parent {
            match self.nodes[p].shape {
                Shape::Map => {
                    if let Some((k, at)) = pending.remove(&p) {
                        key = Some(k);
                        start = at;
                    }
                }
                Shape::Seq => {
                    if !self.nodes[p].flow_out {
                        start = self.dash_before(value_start);
                    }
                }
                Shape::Scalar { .. } => {}
            }
            self.nodes[p].children.push(id);
        }
        self.nodes.push(Node {
            shape,
            parent,
            key,
            children: Vec::new(),
            start,
            value_start,
            value_end: value_start,
            flow_out: false,
            leading: Vec::new(),
            trailing: Vec::new(),
            end: Vec::new(),
        });
        id
    }

    /// The `-` of a block sequence item whose value starts at `value`.
    fn dash_before(&self, value: At) -> At {
        let before = &self.text[..value.offset];
        let trimmed = before.trim_end_matches([' ', '\t', '\r', '\n']);
        if trimmed.ends_with('-') {
            self.at_offset(trimmed.len() - 1)
        } else {
            value
        }
    }

    /// Where a scalar really ends: the parser's span of a quoted scalar runs on over the
    /// white space and comment after it.
    fn scalar_end(&self, span: &YSpan, style: ScalarStyle, start: At) -> At {
        let quote = match style {
            ScalarStyle::SingleQuoted => '\'',
            ScalarStyle::DoubleQuoted => '"',
            _ => return self.at(&span.end),
        };
        let rest = &self.text[start.offset..];
        let mut chars = rest.char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            if quote == '"' && c == '\\' {
                chars.next();
            } else if c == quote {
                if quote == '\'' && rest[i + 1..].starts_with('\'') {
                    chars.next();
                } else {
                    return self.at_offset(start.offset + i + 1);
                }
            }
        }
        self.at(&span.end)
    }

    /// The path of `id` from the root: keys, and `*` for list items.
    fn path(&self, id: usize) -> Vec<&str> {
        let mut path = Vec::new();
        let mut n = id;
        while let Some(p) = self.nodes[n].parent {
            path.push(match self.nodes[p].shape {
                Shape::Map => self.nodes[n].key.as_deref().unwrap_or(""),
                _ => "*",
            });
            n = p;
        }
        path.reverse();
        path
    }

    /// Decides which collections are written on one line.
    fn decide_styles(&mut self) {
        for id in 0..self.nodes.len() {
            if matches!(self.nodes[id].shape, Shape::Scalar { .. }) {
                continue;
            }
            let empty = self.nodes[id].children.is_empty();
            let scalars_only = self.nodes[id]
                .children
                .iter()
                .all(|&c| matches!(self.nodes[c].shape, Shape::Scalar { .. }));
            let flow = empty || (scalars_only && self.policy.flow(&self.path(id)));
            self.nodes[id].flow_out = flow;
        }
    }

    /// Whether `id` sits on lines of its own in the output: a key or item of a block
    /// collection.
    fn owns_lines(&self, id: usize) -> bool {
        self.nodes[id]
            .parent
            .is_some_and(|p| !self.nodes[p].flow_out)
    }

    /// Whether `id` is written as a block collection below its key or dash.
    fn is_block(&self, id: usize) -> bool {
        !matches!(self.nodes[id].shape, Shape::Scalar { .. }) && !self.nodes[id].flow_out
    }

    fn in_scalar(&self, offset: usize) -> bool {
        let i = self.scalars.partition_point(|&(s, _)| s <= offset);
        i > 0 && offset < self.scalars[i - 1].1
    }

    /// Every comment of the text, in order.
    fn read_comments(&self) -> Vec<Comment> {
        let mut out = Vec::new();
        let mut line_start = 0;
        for (n, line) in self.text.split('\n').enumerate() {
            let mut prev_space = true;
            let mut content = false;
            for (i, c) in line.char_indices() {
                let offset = line_start + i;
                if c == '#' && prev_space && !self.in_scalar(offset) {
                    out.push(Comment {
                        line: n + 1,
                        col: line[..i].chars().count(),
                        text: line[i..].trim_end().to_owned(),
                        after_content: content,
                    });
                    break;
                }
                prev_space = matches!(c, ' ' | '\t');
                if !c.is_whitespace() && c != '\u{feff}' {
                    content = true;
                }
            }
            line_start += line.len() + 1;
        }
        out
    }

    /// Which lines are blank (outside any scalar) or hold only a comment.
    fn trivia_lines(&self, comments: &[Comment]) -> Vec<Option<LineKind>> {
        let count = self.lines.line_count();
        let mut kinds: Vec<Option<LineKind>> = (0..=count).map(|_| None).collect();
        let mut line_start = 0;
        for (n, line) in self.text.split('\n').enumerate() {
            if line.trim().is_empty() && !self.in_scalar(line_start) {
                kinds[n + 1] = Some(LineKind::Blank);
            }
            line_start += line.len() + 1;
        }
        for (i, c) in comments.iter().enumerate() {
            if !c.after_content {
                kinds[c.line] = Some(LineKind::Comment(i));
            }
        }
        kinds
    }

    /// Gives every comment and blank line a place in the output.
    fn attach(&mut self, comments: Vec<Comment>) {
        if self.nodes.is_empty() {
            return;
        }
        let (places, trailing, modeline) = self.places(&comments);
        self.modeline = modeline;
        for (place, t) in places {
            match place {
                Place::Header => self.header.push(t),
                Place::Footer => self.footer.push(t),
                Place::Leading(id) => self.nodes[id].leading.push(t),
                Place::End(id) => self.nodes[id].end.push(t),
            }
        }
        let mut by_node: Vec<Vec<String>> = vec![Vec::new(); self.nodes.len()];
        for (id, text) in trailing {
            by_node[id].push(text);
        }
        for (id, mut texts) in by_node.into_iter().enumerate() {
            // Several comments for one line (a value written on several lines): the last one
            // stays at the end of the line, the others go above it.
            if let Some(last) = texts.pop() {
                self.nodes[id]
                    .leading
                    .extend(texts.into_iter().map(Trivia::Comment));
                self.nodes[id].trailing.push(last);
            }
        }
        // A sequence item holding a block collection starts on the line of its first child:
        // its end-of-line comment goes with that child.
        for id in 0..self.nodes.len() {
            if self.nodes[id].key.is_none() && self.owns_lines(id) && self.is_block(id) {
                if let Some(first) = self.ordered(id).first().copied() {
                    let moved = std::mem::take(&mut self.nodes[id].trailing);
                    if self.nodes[first].trailing.is_empty() && moved.len() == 1 {
                        self.nodes[first].trailing = moved;
                    } else {
                        let leading = &mut self.nodes[first].leading;
                        leading.extend(moved.into_iter().map(Trivia::Comment));
                    }
                }
            }
        }
    }

    /// Where each comment on a line of its own and each blank line goes, which item each
    /// end-of-line comment belongs to, and the modeline.
    #[allow(clippy::type_complexity)]
    fn places(
        &self,
        comments: &[Comment],
    ) -> (Vec<(Place, Trivia)>, Vec<(usize, String)>, Option<String>) {
        let root = 0;
        let kinds = self.trivia_lines(comments);
        let count = self.lines.line_count();

        // Items on lines of their own, in document order (so by starting line), and the
        // item each line belongs to.
        let owners: Vec<usize> = (0..self.nodes.len())
            .filter(|&id| self.owns_lines(id))
            .collect();
        let mut owner_at: Vec<Option<usize>> = vec![None; count + 2];
        for &id in &owners {
            let n = &self.nodes[id];
            let last = if self.is_block(id) {
                n.start.line
            } else {
                n.value_end.line.max(n.start.line)
            };
            for slot in owner_at
                .iter_mut()
                .take(last.min(count) + 1)
                .skip(n.start.line)
            {
                *slot = Some(id);
            }
        }
        let first_root_line = owners
            .iter()
            .find(|&&id| self.nodes[id].parent == Some(root))
            .map_or(self.nodes[root].value_start.line, |&id| {
                self.nodes[id].start.line
            });
        // The item whose value spans `line` without starting on it.
        let inside = |line: usize| {
            owner_at
                .get(line)
                .copied()
                .flatten()
                .filter(|&id| self.nodes[id].start.line < line)
        };

        // Where a comment on a line of its own at (line, col) goes.
        let place_of = |line: usize, col: usize| -> Place {
            if line < first_root_line {
                return Place::Header;
            }
            if let Some(id) = inside(line) {
                return Place::Leading(id);
            }
            let i = owners.partition_point(|&id| self.nodes[id].start.line <= line);
            let next = owners.get(i).copied();
            let next_col = next.map_or(0, |id| self.nodes[id].start.col);
            if col > next_col && i > 0 {
                // Indented deeper than what follows: the end of a collection before it.
                let prev = owners[i - 1];
                let next_ancestors: Vec<usize> =
                    next.map_or(Vec::new(), |id| self.ancestors(id).collect());
                for a in self.ancestors(prev) {
                    if next_ancestors.contains(&a) {
                        break;
                    }
                    let item_col = self.nodes[a]
                        .children
                        .first()
                        .map_or(0, |&c| self.nodes[c].start.col);
                    if self.is_block(a) && item_col <= col {
                        return Place::End(a);
                    }
                }
            }
            match next {
                Some(id) => Place::Leading(id),
                None => Place::Footer,
            }
        };

        let mut modeline: Option<String> = None;
        let mut places: Vec<(usize, Place, Trivia)> = Vec::new();
        let mut trailing: Vec<(usize, String)> = Vec::new();
        let mut blanks: Vec<usize> = Vec::new();
        for line in 1..=count {
            match kinds.get(line) {
                Some(Some(LineKind::Blank)) => {
                    if inside(line).is_none() {
                        blanks.push(line);
                    }
                }
                Some(Some(LineKind::Comment(i))) => {
                    let c = &comments[*i];
                    let place = place_of(line, c.col);
                    // Blank lines before a comment go where the comment goes.
                    for l in blanks.drain(..) {
                        places.push((l, place, Trivia::Blank));
                    }
                    if is_modeline(&c.text) {
                        modeline.get_or_insert_with(|| c.text.clone());
                        continue;
                    }
                    places.push((line, place, Trivia::Comment(c.text.clone())));
                }
                _ => {
                    for l in blanks.drain(..) {
                        places.push((l, place_of(l, 0), Trivia::Blank));
                    }
                }
            }
        }
        for l in blanks.drain(..) {
            places.push((l, Place::Footer, Trivia::Blank));
        }
        for c in comments.iter().filter(|c| c.after_content) {
            if is_modeline(&c.text) {
                modeline.get_or_insert_with(|| c.text.clone());
                continue;
            }
            match owner_at.get(c.line).copied().flatten() {
                Some(id) => trailing.push((id, c.text.clone())),
                None => places.push((
                    c.line,
                    place_of(c.line, c.col),
                    Trivia::Comment(c.text.clone()),
                )),
            }
        }
        places.sort_by_key(|p| p.0);
        let places = places.into_iter().map(|(_, p, t)| (p, t)).collect();
        (places, trailing, modeline)
    }

    fn ancestors(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes[id].parent, move |&p| self.nodes[p].parent)
    }

    /// The children of `id` in output order.
    fn ordered(&self, id: usize) -> Vec<usize> {
        let children = self.nodes[id].children.clone();
        if self.nodes[id].shape != Shape::Map {
            return children;
        }
        let Some(order) = self.policy.key_order(&self.path(id)) else {
            return children;
        };
        let rank = |c: usize| {
            let key = self.nodes[c].key.as_deref().unwrap_or("");
            order.iter().position(|k| *k == key)
        };
        // A key qbank does not know follows the known key before it.
        let mut after: Option<usize> = None;
        let mut keyed: Vec<(Option<usize>, bool, usize)> = Vec::new();
        for &c in &children {
            match rank(c) {
                Some(r) => {
                    after = Some(r);
                    keyed.push((Some(r), false, c));
                }
                None => keyed.push((after, true, c)),
            }
        }
        keyed.sort_by_key(|&(r, unknown, _)| (r, unknown));
        keyed.into_iter().map(|(_, _, c)| c).collect()
    }

    fn render(&self, relative: &str) -> String {
        let kind = self.policy.kind;
        let mut out = match &self.modeline {
            Some(m)
                if m[MODELINE_PREFIX.len()..]
                    .trim()
                    .ends_with(kind.schema_file()) =>
            {
                m.clone()
            }
            _ => write::modeline(kind, relative),
        };
        out.push('\n');
        let header = normalize(&self.header, true, false);
        write_trivia(&mut out, &header, 0);
        if !self.nodes.is_empty() {
            if self.is_block(0) {
                self.block(&mut out, 0, 0, false);
            } else {
                out.push_str(&self.inline(0));
                out.push('\n');
            }
        }
        let footer = normalize(&self.footer, false, true);
        write_trivia(&mut out, &footer, 0);
        out
    }

    /// Writes the items of the block collection `id` at `indent`; with `inline_first`, the
    /// first item continues the line already started (after `- `), its comments already
    /// written above.
    fn block(&self, out: &mut String, id: usize, indent: usize, inline_first: bool) {
        let is_map = self.nodes[id].shape == Shape::Map;
        for (i, c) in self.ordered(id).into_iter().enumerate() {
            if !(i == 0 && inline_first) {
                write_trivia(out, &normalize(&self.hoisted(c), i == 0, false), indent);
                push_indent(out, indent);
            }
            if is_map {
                out.push_str(&write::key(self.nodes[c].key.as_deref().unwrap_or("")));
                out.push(':');
            } else {
                out.push('-');
            }
            if self.is_block(c) && is_map {
                self.trailing(out, c);
                out.push('\n');
                self.block(out, c, indent + 2, false);
            } else if self.is_block(c) {
                // `- key: value`: the first child on the dash's line.
                out.push(' ');
                self.block(out, c, indent + 2, true);
            } else {
                let value = self.inline(c);
                if !value.is_empty() {
                    out.push(' ');
                    out.push_str(&value);
                }
                self.trailing(out, c);
                out.push('\n');
            }
        }
        let end = normalize(&self.nodes[id].end, false, true);
        write_trivia(out, &end, indent);
    }

    /// The comments above `id`: its own, and for a list item holding a block collection,
    /// those of the collection's first item, which shares the dash's line.
    fn hoisted(&self, id: usize) -> Vec<Trivia> {
        let mut trivia = self.nodes[id].leading.clone();
        let mut n = id;
        while self.nodes[n].key.is_none() && self.is_block(n) {
            let Some(first) = self.ordered(n).first().copied() else {
                break;
            };
            trivia.extend(self.nodes[first].leading.iter().cloned());
            n = first;
        }
        trivia
    }

    fn trailing(&self, out: &mut String, id: usize) {
        if let Some(comment) = self.nodes[id].trailing.first() {
            out.push_str("  ");
            out.push_str(comment);
        }
    }

    /// `id` written on one line (a scalar or a flow collection).
    fn inline(&self, id: usize) -> String {
        let flow_parent = self.nodes[id]
            .parent
            .is_some_and(|p| self.nodes[p].flow_out);
        match &self.nodes[id].shape {
            Shape::Scalar { value, verbatim } => {
                if let Some(v) = verbatim {
                    if v.is_empty() && flow_parent {
                        return "null".into();
                    }
                    return v.clone();
                }
                match value {
                    Value::String(s) if self.policy.source_quoting(&self.path(id)) => {
                        write::source_scalar(s)
                    }
                    Value::String(s) if flow_parent => write::flow_scalar(s),
                    Value::String(s) => write::scalar(s),
                    other => other.to_string(),
                }
            }
            Shape::Seq => {
                let items: Vec<String> = self.nodes[id]
                    .children
                    .iter()
                    .map(|&c| self.inline(c))
                    .collect();
                format!("[{}]", items.join(", "))
            }
            Shape::Map => {
                let items: Vec<String> = self
                    .ordered(id)
                    .iter()
                    .map(|&c| {
                        let key = write::flow_key(self.nodes[c].key.as_deref().unwrap_or(""));
                        format!("{key}: {}", self.inline(c))
                    })
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Runs of blank lines become one; none at the start (`at_start`) or end (`at_end`).
fn normalize(trivia: &[Trivia], at_start: bool, at_end: bool) -> Vec<Trivia> {
    let mut out: Vec<Trivia> = Vec::new();
    for t in trivia {
        if *t == Trivia::Blank
            && (out.last() == Some(&Trivia::Blank) || (out.is_empty() && at_start))
        {
            continue;
        }
        out.push(t.clone());
    }
    if at_end && out.last() == Some(&Trivia::Blank) {
        out.pop();
    }
    out
}

fn write_trivia(out: &mut String, trivia: &[Trivia], indent: usize) {
    for t in trivia {
        match t {
            Trivia::Blank => out.push('\n'),
            Trivia::Comment(c) => {
                push_indent(out, indent);
                out.push_str(c);
                out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(kind: FileKind, text: &str) -> String {
        let out = format(kind, "t/a.yaml", text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert_eq!(format(kind, "t/a.yaml", &out).unwrap(), out, "idempotent");
        out
    }

    #[test]
    fn comments_follow_their_keys() {
        let text = "\
rubric:   # the rubric
  red_flags: [Blames the data]
  # about strong

  strong:
  - Names a metric   # the key one
  - Sets a threshold
  # end of strong


# before status
status: draft
folow_ups:
- one
text: >-
  How do you
  alert on drift?
id: drift-alerts
similar_to:
  # sim
  - id: drift-pipeline  # o
    reason: one incident versus a pipeline
levels:
  - mid
  - senior
# the end
";
        insta::assert_snapshot!(fmt(FileKind::Question, text), @r"
        # yaml-language-server: $schema=../../schema/question.schema.json
        id: drift-alerts
        text: How do you alert on drift?
        levels: [mid, senior]

        # before status
        status: draft
        folow_ups:
          - one
        rubric:  # the rubric
          # about strong

          strong:
            - Names a metric  # the key one
            - Sets a threshold
            # end of strong
          red_flags:
            - Blames the data
        similar_to:
          # sim
          - id: drift-pipeline  # o
            reason: one incident versus a pipeline
        # the end
        ");
    }

    #[test]
    fn competencies_and_rubrics_by_level_have_their_layout() {
        let competencies = "\
# yaml-language-server: $schema=../schema/competencies.schema.json
competencies:
- coverage:
    senior: 2
    mid: 1
  description: Runs models in production.
  title: Production operations
  id: production-operations
";
        insta::assert_snapshot!(fmt(FileKind::Competencies, competencies), @r"
        # yaml-language-server: $schema=../schema/competencies.schema.json
        competencies:
          - id: production-operations
            title: Production operations
            description: Runs models in production.
            coverage: {mid: 1, senior: 2}
        ");
        let question = "\
id: drift-policy
competencies:
  - production-operations
text: How do you decide when to retrain?
title: Drift and retraining policy
rubric:
  strong: [Holdout gate]
  anchors: {'4': All of 3, \"3\": Holdout gate, 1: Nothing}
  levels:
    senior:
      anchors:
        '2': Timer only
      expect: Prices retraining
    mid: {expect: Holdout gate}
";
        insta::assert_snapshot!(fmt(FileKind::Question, question), @r"
        # yaml-language-server: $schema=../../schema/question.schema.json
        id: drift-policy
        title: Drift and retraining policy
        text: How do you decide when to retrain?
        competencies: [production-operations]
        rubric:
          levels:
            mid:
              expect: Holdout gate
            senior:
              expect: Prices retraining
              anchors:
                2: Timer only
          anchors:
            1: Nothing
            3: Holdout gate
            4: All of 3
          strong:
            - Holdout gate
        ");
    }

    #[test]
    fn topics_and_kits_have_their_own_layout() {
        let topics = "\
# yaml-language-server: $schema=../schema/topics.schema.json
topics:
- title: Deployment
  synonyms: [[canary release, canary rollout], [blue-green, 'blue/green']]
  id: deployment
  coverage:
    senior: 1
    junior: 2
  owner: platform team
";
        insta::assert_snapshot!(fmt(FileKind::Topics, topics), @r"
        # yaml-language-server: $schema=../schema/topics.schema.json
        topics:
          - id: deployment
            title: Deployment
            coverage: {junior: 2, senior: 1}
            owner: platform team
            synonyms:
              - [canary release, canary rollout]
              - [blue-green, blue/green]
        ");
        let kit = "\
edition: interviewer
sections:
  - minutes: 10
    fixed:
      - incident-command
    title: Warm-up
    count: 1
level: senior
title: Senior interview
exclude: []
seed: 7
";
        insta::assert_snapshot!(fmt(FileKind::Kit, kit), @r"
        # yaml-language-server: $schema=../../schema/kit.schema.json
        title: Senior interview
        level: senior
        seed: 7
        sections:
          - title: Warm-up
            fixed: [incident-command]
            count: 1
            minutes: 10
        exclude: []
        edition: interviewer
        ");
    }

    #[test]
    fn modeline_moves_to_the_top_or_is_replaced() {
        let moved =
            "id: a\n# yaml-language-server: $schema=https://example.com/question.schema.json\n";
        assert_eq!(
            fmt(FileKind::Question, moved),
            "# yaml-language-server: $schema=https://example.com/question.schema.json\nid: a\n"
        );
        let wrong = "# yaml-language-server: $schema=../../schema/kit.schema.json\nid: a\n";
        assert_eq!(
            fmt(FileKind::Question, wrong),
            "# yaml-language-server: $schema=../../schema/question.schema.json\nid: a\n"
        );
    }

    #[test]
    fn scalars_keep_their_values() {
        let text = "minutes: 0x1F\nok: yes\nn: ~\nempty:\nf: 1.50\ns: !!str 5\nq: \"plain\"\nlines: |\n  one\n  two\nsource: seed 3\n";
        insta::assert_snapshot!(fmt(FileKind::Question, text), @r#"
        # yaml-language-server: $schema=../../schema/question.schema.json
        minutes: 0x1F
        ok: 'yes'
        'n': ~
        empty:
        f: 1.50
        s: '5'
        q: plain
        lines: "one\ntwo\n"
        source: seed 3
        "#);
    }

    #[test]
    fn blank_lines_and_line_ends_are_tidied() {
        let text = "\r\n\r\nid: a\r\n\r\n\r\n\r\ntext: b\r\n\r\n";
        assert_eq!(
            fmt(FileKind::Question, text),
            "# yaml-language-server: $schema=../../schema/question.schema.json\nid: a\n\ntext: b\n"
        );
    }

    #[test]
    fn files_without_a_document_are_left_alone() {
        for text in ["", "# only a comment\n", "\n\n"] {
            assert_eq!(format(FileKind::Question, "a.yaml", text).unwrap(), text);
        }
    }

    #[test]
    fn what_cannot_be_laid_out_is_refused_with_a_place() {
        let cases = [
            ("id: a\ntext: [b\n", "3:1"),
            ("id: a\nid: b\n", "2:1"),
            ("id: &x a\ntext: *x\n", "1:5"),
            ("id: a\ntext: *x\n", "2:7"),
        ];
        for (text, at) in cases {
            let e = format(FileKind::Question, "a.yaml", text).unwrap_err();
            assert_eq!(
                format!("{}:{}", e.span.start.line, e.span.start.column),
                at,
                "{text}: {e}"
            );
        }
        let e = format(FileKind::Question, "a.yaml", "id: a\nid: b\n").unwrap_err();
        assert_eq!(e.message, "`id` appears twice in the same mapping");
    }
}
