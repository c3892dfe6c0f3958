//! A reader for the block layout nearly every bank file is written in, and `qbank fmt` writes:
//! one mapping of plain keys, whose values are one-line scalars (plain, or quoted without
//! escapes), one-line flow lists of such scalars, block lists of them or of mappings, and
//! mappings of the same, with comments and blank lines anywhere.
//!
//! It gives the very events, spans included, that `saphyr-parser` gives for the same text,
//! for about a quarter of the work, and gives up ([`Read::Unknown`]) on anything else: a tab,
//! a carriage return, a control character, an escape, a block scalar, a scalar over more than
//! one line, an anchor, a tag, a document marker, a list in a list, or any layout it is not
//! sure of. The caller then reads the text with `saphyr-parser`, which also words every error,
//! so this reader never has to: whatever it reads whole is valid YAML with one reading. The
//! tests compare the two readers on the project's files, on hand-made edge cases and on random
//! edits of them.

use std::borrow::Cow;

use saphyr_parser::{Event, Marker, ScalarStyle, Span};

/// How a reading ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Read {
    /// Every event of the text was given.
    Whole,
    /// The sink asked for no more.
    Stopped,
    /// The text is not in the layout this reader knows: read it with the parser. The events
    /// given so far may end in the start of a node the parser reads otherwise, but every node
    /// they complete is the parser's, place included: a reading that stopped at a node can
    /// trust it.
    Unknown,
}

/// Gives the events of `text`, as `saphyr-parser` gives them, to `sink`, until it returns
/// `false`.
#[inline(never)]
pub(super) fn read<'t>(text: &'t str, sink: impl FnMut(Event<'t>, Span) -> bool) -> Read {
    let Some(ascii) = check_characters(text) else {
        return Read::Unknown;
    };
    let (lines, breaks) = token_lines(text, ascii);
    // A last line without a line feed is read as if it had one only when it holds a token.
    let last = text.rfind('\n').map_or(0, |i| i + 1);
    if last < text.len() && lines.last().is_none_or(|line| line.start != last) {
        return Read::Unknown;
    }
    let Some(&first) = lines.first().filter(|first| first.indent == 0) else {
        return Read::Unknown;
    };
    let mut reader = Reader {
        text,
        ascii,
        lines,
        at: 0,
        sink,
        stopped: false,
        end: end_marker(text, ascii, breaks),
        depth: 0,
    };
    let whole = reader.document(&first);
    match (whole, reader.stopped) {
        (Some(()), _) => Read::Whole,
        (None, true) => Read::Stopped,
        (None, false) => Read::Unknown,
    }
}

/// Every event of `text`, or `None` when it is not in the layout this reader knows.
#[cfg(test)]
pub(super) fn events(text: &str) -> Option<Vec<(Event<'_>, Span)>> {
    let mut all = Vec::new();
    let read = read(text, |event, span| {
        all.push((event, span));
        true
    });
    (read == Read::Whole).then_some(all)
}

/// Whether the text is ASCII; `None` when it holds a character this reader leaves to the
/// parser: a control character other than the line feed (tabs and carriage returns
/// included), a byte order mark, a C1 control, a line or paragraph separator, or a
/// noncharacter.
fn check_characters(text: &str) -> Option<bool> {
    // No early exit and no branch, so that the loop runs on whole vectors of bytes.
    let (mut control, mut high) = (0u8, 0u8);
    for &b in text.as_bytes() {
        control |= u8::from(b < 0x20) & u8::from(b != b'\n') | u8::from(b == 0x7f);
        high |= b;
    }
    let ascii = high < 0x80;
    if control != 0
        || !ascii
            && text.chars().any(|c| {
                matches!(
                    u32::from(c),
                    0x80..=0x9f | 0x2028 | 0x2029 | 0xfeff | 0xfffe | 0xffff
                )
            })
    {
        return None;
    }
    Some(ascii)
}

/// A line that holds a token: not blank and not a comment.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// 1-based.
    number: usize,
    /// Byte offset of the line's first character.
    start: usize,
    /// Spaces before the content.
    indent: usize,
    /// Byte offset of the line's end, before its line feed.
    end: usize,
    /// Character offset of the line's first character.
    chars: usize,
}

impl Line {
    fn content(&self) -> usize {
        self.start + self.indent
    }
}

/// The lines that hold a token, and how many line feeds the text holds.
fn token_lines(text: &str, ascii: bool) -> (Vec<Line>, usize) {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 32 + 1);
    let (mut start, mut chars, mut number) = (0, 0, 1);
    while start < bytes.len() {
        let mut indent = 0;
        while bytes.get(start + indent) == Some(&b' ') {
            indent += 1;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        if end > start + indent && bytes[start + indent] != b'#' {
            lines.push(Line {
                number,
                start,
                indent,
                end,
                chars,
            });
        }
        let next = (end + 1).min(bytes.len());
        chars += if ascii {
            next - start
        } else {
            char_count(&text[start..next])
        };
        start = next;
        number += usize::from(end < bytes.len());
    }
    (lines, number - 1)
}

fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Where the parser places the end of the stream: after the last character, on the line after
/// the last one (a last line without a line feed counts as if it had one).
fn end_marker(text: &str, ascii: bool, breaks: usize) -> Marker {
    let unterminated = !text.is_empty() && !text.ends_with('\n');
    let chars = if ascii { text.len() } else { char_count(text) };
    Marker::new(chars, breaks + 1 + usize::from(unterminated), 0)
}

struct Reader<'t, S> {
    text: &'t str,
    ascii: bool,
    lines: Vec<Line>,
    /// The next token line to read.
    at: usize,
    sink: S,
    /// Whether the sink asked for no more.
    stopped: bool,
    end: Marker,
    /// Blocks open: the reader recurses, so it leaves deeper files to the parser.
    depth: usize,
}

/// How deep blocks may nest in a file this reader reads (bank files nest four deep).
const MAX_DEPTH: usize = 16;

impl<'t, S: FnMut(Event<'t>, Span) -> bool> Reader<'t, S> {
    /// Gives an event to the sink; `None` when it wants no more.
    fn push(&mut self, event: Event<'t>, span: Span) -> Option<()> {
        self.stopped = !(self.sink)(event, span);
        (!self.stopped).then_some(())
    }

    /// The whole stream, whose first token line is `first`.
    fn document(&mut self, first: &Line) -> Option<()> {
        let start = self.marker(first, first.content());
        self.push(Event::StreamStart, Span::empty(Marker::new(0, 1, 0)))?;
        self.push(Event::DocumentStart(false), Span::empty(start))?;
        self.mapping(0)?;
        let end = Span::empty(self.end);
        self.push(Event::DocumentEnd, end)?;
        self.push(Event::StreamEnd, end)
    }

    /// The marker of byte offset `at` on `line`.
    fn marker(&self, line: &Line, at: usize) -> Marker {
        let col = if self.ascii {
            at - line.start
        } else {
            char_count(&self.text[line.start..at])
        };
        Marker::new(line.chars + col, line.number, col)
    }

    fn span(&self, line: &Line, start: usize, end: usize) -> Span {
        Span::new(self.marker(line, start), self.marker(line, end))
    }

    fn line(&self) -> Option<Line> {
        self.lines.get(self.at).copied()
    }

    /// Where the next token starts, which is where the parser ends blocks; `None` unless that
    /// token is a plain key or a list item's dash (or the end), the tokens whose place is a
    /// point: after another (a `?`, say) the parser's end runs over it.
    fn next_token(&self) -> Option<Span> {
        let Some(line) = self.line() else {
            return Some(Span::empty(self.end));
        };
        let body = &self.text[line.content()..line.end];
        (key_length(body).is_some() || is_item(self.text, &line))
            .then(|| Span::empty(self.marker(&line, line.content())))
    }

    /// Opens a block; `None` past [`MAX_DEPTH`] (the reader recurses).
    fn open(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// The next line of a block whose lines stand at `indent`: `Some(None)` where the block
    /// ends (a line less indented, or the end of the text), `None` for a line deeper than
    /// the block that no node of it has taken.
    fn next_in_block(&self, indent: usize) -> Option<Option<Line>> {
        match self.line() {
            Some(line) if line.indent > indent => None,
            Some(line) if line.indent == indent => Some(Some(line)),
            _ => Some(None),
        }
    }

    /// Whether the token line after the current one is indented deeper than `indent` (a
    /// scalar's continuation, or a node this reader does not take).
    fn deeper_after(&self, indent: usize) -> bool {
        self.lines
            .get(self.at + 1)
            .is_some_and(|line| line.indent > indent)
    }

    /// A block mapping whose keys stand at `indent`; the current line is its first key.
    fn mapping(&mut self, indent: usize) -> Option<()> {
        self.open()?;
        let first = self.line()?;
        self.push(
            Event::MappingStart(0, None),
            Span::empty(self.marker(&first, first.content())),
        )?;
        while let Some(line) = self.next_in_block(indent)? {
            let text = self.text;
            let body = &text[line.content()..line.end];
            let key_len = key_length(body)?;
            let key_end = line.content() + key_len;
            self.push(
                Event::Scalar(Cow::Borrowed(&body[..key_len]), ScalarStyle::Plain, 0, None),
                self.span(&line, line.content(), key_end),
            )?;
            // The colon, then at least one space or the end of the line.
            let after = &text[key_end + 1..line.end];
            let value = after.trim_start_matches(' ');
            if value.is_empty() || value.starts_with('#') {
                self.at += 1;
                match self.line() {
                    Some(next) if next.indent > indent => {
                        if is_item(text, &next) {
                            self.sequence(next.indent, false)?;
                        } else {
                            self.mapping(next.indent)?;
                        }
                    }
                    Some(next) if next.indent == indent && is_item(text, &next) => {
                        self.sequence(indent, true)?;
                    }
                    _ => {
                        // An empty value: the parser places it at the colon, once it has read
                        // the next token.
                        self.next_token()?;
                        let colon = Span::empty(self.marker(&line, key_end));
                        self.push(
                            Event::Scalar(Cow::Borrowed(""), ScalarStyle::Plain, 0, None),
                            colon,
                        )?;
                    }
                }
            } else {
                // A deeper line after it would continue the value: looked at before the value
                // is given, so that a node given is never one the parser reads otherwise.
                if self.deeper_after(indent) {
                    return None;
                }
                self.inline(&line, line.end - value.len())?;
                self.at += 1;
            }
        }
        let end = self.next_token()?;
        self.push(Event::MappingEnd, end)?;
        self.depth -= 1;
        Some(())
    }

    /// A block list whose dashes stand at `indent` (`indentless`: at its key's indent); the
    /// current line is its first item.
    fn sequence(&mut self, indent: usize, indentless: bool) -> Option<()> {
        self.open()?;
        let first = self.line()?;
        let start = if indentless {
            item_value(self.text, &first)?
        } else {
            first.content()
        };
        self.push(
            Event::SequenceStart(0, None),
            Span::empty(self.marker(&first, start)),
        )?;
        while let Some(line) = self.next_in_block(indent)? {
            if !is_item(self.text, &line) {
                if indentless {
                    break;
                }
                return None;
            }
            let value = item_value(self.text, &line)?;
            if key_length(&self.text[value..line.end]).is_some() {
                // A mapping whose keys stand where the item's value starts.
                let keys = value - line.start;
                self.lines[self.at].indent = keys;
                self.mapping(keys)?;
                continue;
            }
            if self.deeper_after(indent) {
                return None;
            }
            self.inline(&line, value)?;
            self.at += 1;
        }
        let end = self.next_token()?;
        self.push(Event::SequenceEnd, end)?;
        self.depth -= 1;
        Some(())
    }

    /// A value that starts at byte `at` of `line` and ends on it.
    fn inline(&mut self, line: &Line, at: usize) -> Option<()> {
        let rest = &self.text[at..line.end];
        match rest.as_bytes()[0] {
            b'"' | b'\'' => {
                let (value, style, len) = quoted(rest)?;
                if !only_comment(&rest[len..]) {
                    return None;
                }
                // The parser's span of a quoted scalar runs over the spaces and the comment
                // after it, to the end of the line.
                let span = self.span(line, at, line.end);
                self.push(Event::Scalar(value, style, 0, None), span)?;
            }
            b'[' => self.flow(line, at)?,
            _ => {
                let len = plain_length(rest)?;
                let span = self.span(line, at, at + len);
                self.push(
                    Event::Scalar(Cow::Borrowed(&rest[..len]), ScalarStyle::Plain, 0, None),
                    span,
                )?;
            }
        }
        Some(())
    }

    /// A flow list on one line, starting at byte `at` (its `[`).
    fn flow(&mut self, line: &Line, at: usize) -> Option<()> {
        let text = self.text;
        let skip_spaces = |mut i: usize| {
            while text.as_bytes().get(i) == Some(&b' ') {
                i += 1;
            }
            i
        };
        // The parser's span of the `[` runs over the spaces after it.
        let mut i = skip_spaces(at + 1);
        self.push(Event::SequenceStart(0, None), self.span(line, at, i))?;
        let mut first = true;
        loop {
            let rest = &text[i..line.end];
            match rest.as_bytes().first()? {
                b']' if first => break,
                b'"' | b'\'' => {
                    let (value, style, len) = quoted(rest)?;
                    if !matches!(rest.as_bytes().get(len), Some(b',' | b']')) {
                        return None;
                    }
                    let span = self.span(line, i, i + len);
                    self.push(Event::Scalar(value, style, 0, None), span)?;
                    i += len;
                }
                _ => {
                    let len = flow_plain_length(rest)?;
                    let item = rest[..len].trim_end_matches(' ');
                    let span = self.span(line, i, i + item.len());
                    self.push(
                        Event::Scalar(Cow::Borrowed(item), ScalarStyle::Plain, 0, None),
                        span,
                    )?;
                    i += len;
                }
            }
            first = false;
            match text.as_bytes().get(i)? {
                b']' => break,
                b',' => i = skip_spaces(i + 1),
                _ => return None,
            }
        }
        // `i` is at the closing bracket.
        if !only_comment(&text[i + 1..line.end]) {
            return None;
        }
        let span = self.span(line, i, line.end);
        self.push(Event::SequenceEnd, span)?;
        Some(())
    }
}

/// Whether `line` is a block list item: a dash, then a space or the line's end.
fn is_item(text: &str, line: &Line) -> bool {
    let body = &text.as_bytes()[line.content()..line.end];
    body[0] == b'-' && body.get(1).is_none_or(|&b| b == b' ')
}

/// Where an item's value starts; `None` for an item without one.
fn item_value(text: &str, line: &Line) -> Option<usize> {
    let body = &text[line.content() + 1..line.end];
    let value = body.trim_start_matches(' ');
    (!value.is_empty() && !value.starts_with('#')).then(|| line.end - value.len())
}

/// The length of a plain key followed by `:` and then a space or the line's end: ASCII
/// letters, digits, `_` and `-`, not starting with `-`.
fn key_length(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let len = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    let ok = len > 0
        && len <= 128
        && bytes[0] != b'-'
        && bytes[len] == b':'
        && bytes.get(len + 1).is_none_or(|&b| b == b' ');
    ok.then_some(len)
}

/// Whether what follows a value on its line is nothing, spaces, or spaces and a comment.
fn only_comment(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.len() < rest.len() && trimmed.starts_with('#'))
}

/// A one-line quoted scalar at the start of `rest`, without escapes: its value, style and
/// length with the quotes.
fn quoted(rest: &str) -> Option<(Cow<'_, str>, ScalarStyle, usize)> {
    let bytes = rest.as_bytes();
    if bytes[0] == b'"' {
        let close = 1 + rest[1..].find('"')?;
        if rest[1..close].contains('\\') {
            return None;
        }
        return Some((
            Cow::Borrowed(&rest[1..close]),
            ScalarStyle::DoubleQuoted,
            close + 1,
        ));
    }
    let mut i = 1;
    let mut doubled = false;
    loop {
        i += bytes.get(i..)?.iter().position(|&b| b == b'\'')?;
        if bytes.get(i + 1) == Some(&b'\'') {
            doubled = true;
            i += 2;
        } else {
            break;
        }
    }
    let inner = &rest[1..i];
    let value = if doubled {
        Cow::Owned(inner.replace("''", "'"))
    } else {
        Cow::Borrowed(inner)
    };
    Some((value, ScalarStyle::SingleQuoted, i + 1))
}

/// Characters that may not start a plain scalar here (the quotes and `[` are read on their
/// own; `-`, `?` and `:` could start one, but are left to the parser, except a `-` before a
/// letter or digit).
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b' '
    )
}

/// The length of a one-line plain scalar in block context at the start of `rest`, without
/// trailing spaces, up to a comment; `None` where a `: ` makes it a mapping.
fn plain_length(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let negative = bytes[0] == b'-' && bytes.get(1).is_some_and(u8::is_ascii_alphanumeric);
    if is_indicator(bytes[0]) && !negative {
        return None;
    }
    let mut end = bytes.len();
    for i in memchr::memchr2_iter(b':', b'#', &bytes[1..]).map(|i| i + 1) {
        if bytes[i] == b':' {
            if bytes.get(i + 1).is_none_or(|&b| b == b' ') {
                return None;
            }
        } else if bytes[i - 1] == b' ' {
            end = i;
            break;
        }
    }
    Some(rest[..end].trim_end_matches(' ').len())
}

/// The length of a plain item of a flow list at the start of `rest`, to the `,` or `]` that
/// ends it (trailing spaces included); `None` for anything but words of letters, digits and
/// `_ . / + -`.
fn flow_plain_length(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    if is_indicator(bytes[0]) {
        return None;
    }
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b',' | b']' => return Some(i),
            b'-' if !bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric()) => return None,
            b'-' | b'_' | b'.' | b'/' | b'+' | b' ' | 0x80.. => {}
            _ if b.is_ascii_alphanumeric() => {}
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests;
