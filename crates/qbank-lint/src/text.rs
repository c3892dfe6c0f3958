//! Small text helpers shared by the wording rules: the prose fields of a question and its
//! words with their byte ranges.

use std::ops::Range;

use qbank_core::Question;

/// A prose field of a question: its JSON pointer and its text.
pub(crate) struct Field<'q> {
    pub pointer: String,
    pub text: &'q str,
}

/// `text`, then every follow-up, then every rubric line.
pub(crate) fn prose_fields(q: &Question) -> Vec<Field<'_>> {
    let mut fields = vec![Field {
        pointer: "/text".to_owned(),
        text: &q.text,
    }];
    for (i, t) in q.follow_ups.iter().enumerate() {
        fields.push(Field {
            pointer: format!("/follow_ups/{i}"),
            text: t,
        });
    }
    for (i, t) in q.rubric.strong.iter().enumerate() {
        fields.push(Field {
            pointer: format!("/rubric/strong/{i}"),
            text: t,
        });
    }
    for (i, t) in q.rubric.red_flags.iter().enumerate() {
        fields.push(Field {
            pointer: format!("/rubric/red_flags/{i}"),
            text: t,
        });
    }
    fields
}

/// A whitespace-separated chunk of text with the punctuation around it trimmed off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'t> {
    /// The word, without surrounding punctuation.
    pub word: &'t str,
    /// Its byte range in the text.
    pub range: Range<usize>,
    /// Whether punctuation stood before or after it in its chunk.
    pub punct_before: bool,
    pub punct_after: bool,
}

fn is_wrapping(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '*'
            | '_'
            | '`'
            | '«'
            | '»'
    )
}

/// The tokens of `text`, in order; chunks made of punctuation only are left out.
pub(crate) fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut push = |s: usize, e: usize| {
        let chunk = &text[s..e];
        let trimmed_start = chunk.trim_start_matches(is_wrapping);
        let lead = chunk.len() - trimmed_start.len();
        let word = trimmed_start.trim_end_matches(is_wrapping);
        if word.is_empty() {
            return;
        }
        out.push(Token {
            word,
            range: s + lead..s + lead + word.len(),
            punct_before: lead > 0,
            punct_after: lead + word.len() < chunk.len(),
        });
    };
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                push(s, i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    out
}

/// The sentences of `text` as byte ranges: split after `.`, `?` or `!` followed by
/// whitespace.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '?' | '!')
            && chars.peek().is_some_and(|(_, n)| n.is_whitespace())
            && !(c == '.' && is_abbreviation(&text[..i]))
        {
            out.push(start..i + c.len_utf8());
            start = i + c.len_utf8();
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out.into_iter()
        .map(|r| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            r.start + lead..r.start + s.trim_end().len()
        })
        .filter(|r| r.start < r.end)
        .collect()
}

/// Whether the word before a full stop is an abbreviation with stops inside ("U.S", "e.g").
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4
}

/// Whether a word is written in capitals as an acronym is: two or more capitals (digits may
/// follow), optionally with a plural `s`: `SLO`, `SLOs`, `K8S`, `GPUs`.
pub(crate) fn acronym_core(word: &str) -> Option<&str> {
    let core = word
        .strip_suffix("s")
        .filter(|c| {
            c.chars()
                .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
        })
        .unwrap_or(word);
    let letters = core.chars().filter(char::is_ascii_uppercase).count();
    let ok = letters >= 2
        && core.len() <= 8
        && core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    ok.then_some(core)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_trim_punctuation_and_keep_ranges() {
        let text = "Is (a) \"one-off\" job, ok?";
        let t = tokens(text);
        let words: Vec<&str> = t.iter().map(|t| t.word).collect();
        assert_eq!(words, ["Is", "a", "one-off", "job", "ok"]);
        assert_eq!(&text[t[2].range.clone()], "one-off");
        assert!(t[2].punct_before && t[2].punct_after);
        assert!(!t[0].punct_before && !t[0].punct_after);
    }

    #[test]
    fn sentences_split_at_end_punctuation() {
        let text = "We ship v1.2 today. Why? Are you a U.S. citizen, e.g. here? Tell me more";
        let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            s,
            [
                "We ship v1.2 today.",
                "Why?",
                "Are you a U.S. citizen, e.g. here?",
                "Tell me more"
            ]
        );
    }

    #[test]
    fn acronyms() {
        assert_eq!(acronym_core("SLOs"), Some("SLO"));
        assert_eq!(acronym_core("K8S"), Some("K8S"));
        assert_eq!(acronym_core("MLOps"), None);
        assert_eq!(acronym_core("A"), None);
        assert_eq!(acronym_core("KServe"), None);
    }
}
