//! Where a piece of a string value is in the YAML text that wrote it.
//!
//! A rule that finds a doubled word in a question's `text` wants to underline that word, not the
//! whole value. The loader keeps the span of every value ([`crate::yaml::SourceMap`]); this module
//! maps byte offsets inside the *value* (after quotes, escapes and folding are undone) back to
//! byte offsets inside the *source* of the value.
//!
//! - A one-line plain scalar is its own value.
//! - A one-line single-quoted scalar: `''` is one `'`.
//! - A one-line double-quoted scalar: every YAML escape (`\n`, `\"`, `\x41`, `\u00e9`, …).
//! - Plain, literal (`|`) and folded (`>`) scalars over several lines: the value is aligned with
//!   the source, skipping indentation and treating a line break as the space or newline it
//!   folds to.
//!
//! Whenever the source does not decode to exactly the value (a multi-line quoted scalar, an
//! alias, a tagged value), there is no mapping and callers fall back to the whole value.

/// For every byte offset `0..=value.len()` of `value`, the byte offset inside `raw` (the source
/// text of the scalar, quotes included) where that byte's character is written; `None` when the
/// source cannot be mapped with certainty.
pub fn value_offsets(raw: &str, value: &str) -> Option<Vec<usize>> {
    let one_line = !raw.contains('\n');
    let table = match raw.as_bytes().first() {
        Some(b'\'') if one_line => single_quoted(raw)?,
        Some(b'"') if one_line => double_quoted(raw)?,
        Some(b'\'' | b'"') => return None,
        _ if raw == value => {
            // A plain one-line scalar, or a block scalar whose source is its value.
            return Some((0..=raw.len()).collect());
        }
        _ => return align(raw, value),
    };
    let (decoded, offsets) = table;
    (decoded == value).then_some(offsets)
}

/// Decodes `'…'`; returns the value and its offset table.
fn single_quoted(raw: &str) -> Option<(String, Vec<usize>)> {
    let inner = raw.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::new();
    let mut offsets = Vec::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            // `''` is one quote; a lone quote cannot be inside.
            if chars.next().map(|(_, c)| c) != Some('\'') {
                return None;
            }
        }
        push(&mut out, &mut offsets, c, 1 + i);
    }
    offsets.push(1 + inner.len());
    Some((out, offsets))
}

/// Decodes `"…"` with YAML's escapes; returns the value and its offset table.
fn double_quoted(raw: &str) -> Option<(String, Vec<usize>)> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut offsets = Vec::new();
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        let at = 1 + i;
        if c == '"' {
            return None;
        }
        if c != '\\' {
            push(&mut out, &mut offsets, c, at);
            continue;
        }
        let (_, e) = chars.next()?;
        let decoded = match e {
            '0' => '\0',
            'a' => '\x07',
            'b' => '\x08',
            't' | '\t' => '\t',
            'n' => '\n',
            'v' => '\x0b',
            'f' => '\x0c',
            'r' => '\r',
            'e' => '\x1b',
            ' ' => ' ',
            '"' => '"',
            '/' => '/',
            '\\' => '\\',
            'N' => '\u{85}',
            '_' => '\u{a0}',
            'L' => '\u{2028}',
            'P' => '\u{2029}',
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut code = 0u32;
                for _ in 0..n {
                    let (_, h) = chars.next()?;
                    code = code * 16 + h.to_digit(16)?;
                }
                char::from_u32(code)?
            }
            _ => return None,
        };
        push(&mut out, &mut offsets, decoded, at);
    }
    offsets.push(1 + inner.len());
    Some((out, offsets))
}

fn push(out: &mut String, offsets: &mut Vec<usize>, c: char, at: usize) {
    out.push(c);
    offsets.extend(std::iter::repeat_n(at, c.len_utf8()));
}

/// Aligns a multi-line plain or block scalar with its value: equal characters match, source
/// indentation is skipped, and a line break in the source matches the space or newline it
/// folded into.
fn align(raw: &str, value: &str) -> Option<Vec<usize>> {
    let src: Vec<(usize, char)> = raw.char_indices().collect();
    let mut offsets = Vec::with_capacity(value.len() + 1);
    let mut j = 0;
    for c in value.chars() {
        loop {
            let &(at, s) = src.get(j)?;
            if s == c {
                offsets.extend(std::iter::repeat_n(at, c.len_utf8()));
                j += 1;
                break;
            }
            if c == ' ' && s == '\n' {
                // A folded line break: the space stands for the break and the indentation.
                offsets.push(at);
                j += 1;
                while matches!(src.get(j), Some((_, ' ' | '\t'))) {
                    j += 1;
                }
                break;
            }
            if s == ' ' || s == '\t' || s == '\n' || s == '\r' {
                j += 1;
                continue;
            }
            return None;
        }
    }
    // Whatever is left may only be whitespace (chomped line breaks, indentation).
    if src[j..].iter().any(|(_, s)| !s.is_whitespace()) {
        return None;
    }
    offsets.push(src.get(j).map_or(raw.len(), |&(at, _)| at));
    Some(offsets)
}

#[cfg(test)]
mod tests {
    use super::value_offsets;

    /// The source text that `range` of `value` maps to.
    fn source_of<'r>(raw: &'r str, value: &str, range: std::ops::Range<usize>) -> &'r str {
        let t = value_offsets(raw, value).expect("maps");
        assert_eq!(t.len(), value.len() + 1);
        &raw[t[range.start]..t[range.end]]
    }

    #[test]
    fn plain() {
        assert_eq!(source_of("a the the b", "a the the b", 2..9), "the the");
    }

    #[test]
    fn single_quoted_with_doubled_quote() {
        let value = "it's a a test";
        let raw = "'it''s a a test'";
        let i = value.find("a a").unwrap();
        assert_eq!(source_of(raw, value, i..i + 3), "a a");
        assert_eq!(source_of(raw, value, 0..4), "it''s");
    }

    #[test]
    fn double_quoted_with_escapes() {
        let value = "caf\u{e9} \"x\" \ty";
        let raw = r#""caf\u00e9 \"x\" \ty""#;
        assert_eq!(source_of(raw, value, 0..5), "caf\\u00e9");
        let i = value.find("\"x\"").unwrap();
        assert_eq!(source_of(raw, value, i..i + 3), "\\\"x\\\"");
        let i = value.find('\t').unwrap();
        assert_eq!(source_of(raw, value, i..i + 1), "\\t");
    }

    #[test]
    fn folded_and_literal() {
        // `>-` folds the break into a space.
        let value = "an hour a apple";
        let raw = "an hour\n  a apple";
        let i = value.find("a apple").unwrap();
        assert_eq!(source_of(raw, value, i..i + 7), "a apple");
        assert_eq!(source_of(raw, value, 7..8), "\n  ");
        // `|` keeps it.
        let value = "one\ntwo two\n";
        let raw = "one\n  two two\n";
        let i = value.find("two two").unwrap();
        assert_eq!(source_of(raw, value, i..i + 7), "two two");
    }

    #[test]
    fn no_mapping_when_unsure() {
        assert!(value_offsets("\"a\n  b\"", "a b").is_none());
        assert!(value_offsets("'bad' quote'", "bad' quote").is_none());
        assert!(value_offsets("other", "value").is_none());
        assert!(value_offsets("\"\\q\"", "q").is_none());
        assert!(value_offsets("\"unterminated", "unterminated").is_none());
    }
}
