//! The words and sentences of a text, the one reading every rule and the detector start from.
//!
//! [`tokens`] are a text's whitespace-separated chunks with the punctuation around them trimmed
//! and their byte ranges kept (what the wording rules and the protected-characteristic
//! patterns point at), and [`sentences`] its sentences as byte ranges. The near-duplicate
//! detector reads a text as lowercase stemmed words with the ends of clauses marked
//! (`stemmed`), and a synonym phrase of the vocabulary the same way.

use std::ops::Range;

use qbank_core::hash::FastMap;

use crate::similarity::{americanize, stem};

/// A whitespace-separated chunk of text with the punctuation around it trimmed off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
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
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, at: 0 }
}

/// The iterator [`tokens`] returns: read as it goes, so a rule that looks at a word and the
/// one after it (every rule of a large bank reads every text) needs no list of them.
#[derive(Debug, Clone)]
pub struct Tokens<'t> {
    text: &'t str,
    /// Where the next chunk is looked for.
    at: usize,
}

/// The tokens of `text` from byte `at`, an [`offset`](Tokens::offset) an earlier reading of
/// the same text gave: the same tokens that reading gave from there.
pub fn tokens_from(text: &str, at: usize) -> Tokens<'_> {
    Tokens { text, at }
}

impl Tokens<'_> {
    /// Where the next token is looked for, for [`tokens_from`]: always a character boundary.
    pub fn offset(&self) -> usize {
        self.at
    }

    /// Whether the character at byte `i` is whitespace, and its length: a byte at a time where
    /// the text is ASCII (most of it), by character elsewhere.
    #[inline]
    fn space_at(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes()[i];
        if b.is_ascii() {
            // `char::is_whitespace` has the vertical tab too.
            (b.is_ascii_whitespace() || b == 0x0b, 1)
        } else {
            let c = self.text[i..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        }
    }
}

impl<'t> Iterator for Tokens<'t> {
    type Item = Token<'t>;

    fn next(&mut self) -> Option<Token<'t>> {
        let text = self.text;
        let bytes = text.as_bytes();
        // A printable ASCII byte is never whitespace: most bytes of a text are one.
        let printable = |b: u8| b > b' ' && b.is_ascii();
        loop {
            // The next chunk: past the whitespace, up to the next.
            let start = loop {
                let &b = bytes.get(self.at)?;
                if printable(b) {
                    break self.at;
                }
                if b == b' ' {
                    self.at += 1;
                    continue;
                }
                match self.space_at(self.at) {
                    (true, len) => self.at += len,
                    (false, _) => break self.at,
                }
            };
            while let Some(&b) = bytes.get(self.at) {
                if printable(b) {
                    self.at += 1;
                    continue;
                }
                if b == b' ' {
                    break;
                }
                match self.space_at(self.at) {
                    (false, len) => self.at += len,
                    (true, _) => break,
                }
            }
            if let Some(token) = trimmed(text, start..self.at) {
                return Some(token);
            }
        }
    }
}

/// Each token of `text` with the one after it, in order, and the [`offset`](Tokens::offset)
/// the first of them is read from: [`tokens_from`] there reads the pair again.
pub fn token_pairs(text: &str) -> impl Iterator<Item = (usize, Token<'_>, Token<'_>)> {
    let mut tokens = tokens(text);
    let mut at = tokens.offset();
    let mut previous = tokens.next();
    std::iter::from_fn(move || {
        let next_at = tokens.offset();
        let next = tokens.next()?;
        let pair = (at, previous.replace(next.clone())?, next);
        at = next_at;
        Some(pair)
    })
}

/// The chunk `range` of `text` as a token, the punctuation around it trimmed off; `None` when
/// it is all punctuation.
fn trimmed(text: &str, range: Range<usize>) -> Option<Token<'_>> {
    let chunk = &text[range.clone()];
    // Most chunks start and end with a letter or a digit: nothing to trim.
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let trimmed_start = if plain(chunk.as_bytes().first()) {
        chunk
    } else {
        chunk.trim_start_matches(is_wrapping)
    };
    let lead = chunk.len() - trimmed_start.len();
    let word = if plain(trimmed_start.as_bytes().last()) {
        trimmed_start
    } else {
        trimmed_start.trim_end_matches(is_wrapping)
    };
    if word.is_empty() {
        return None;
    }
    let s = range.start;
    Some(Token {
        word,
        range: s + lead..s + lead + word.len(),
        punct_before: lead > 0,
        punct_after: lead + word.len() < chunk.len(),
    })
}

/// The sentences of `text` as byte ranges: split after `.`, `?` or `!` followed by
/// whitespace.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    // The three marks are ASCII, which is never part of another character: look for their
    // bytes (most of a text is neither).
    for i in memchr::memchr3_iter(b'.', b'?', b'!', text.as_bytes()) {
        let next = text[i + 1..].chars().next();
        if next.is_some_and(char::is_whitespace)
            && !(text.as_bytes()[i] == b'.' && is_abbreviation(&text[..i]))
        {
            out.push(start..i + 1);
            start = i + 1;
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

/// A word of a text: its stem, the word as written (lowercased), and whether a clause ends
/// after it.
pub(crate) struct Word {
    pub stem: String,
    pub raw: String,
    pub clause_end: bool,
}

/// The words of a text, in order, as the near-duplicate detector reads them: lowercase runs
/// of letters and digits, British spellings made American and stemmed, each marked where a
/// clause ends after it.
pub(crate) fn stemmed(text: &str) -> Vec<Word> {
    let lower = text.to_lowercase();
    let mut out: Vec<Word> = Vec::new();
    let mut rest = lower.as_str();
    while !rest.is_empty() {
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        let sep = &rest[..start];
        rest = &rest[start..];
        // A clause ends at ? ! ; : ( ) and at a full stop before a space or the end (not in
        // "e.g." or "i.e.").
        if sep.contains(['?', '!', ';', ':', '(', ')'])
            || sep.contains(". ")
            || (sep.ends_with('.') && rest.is_empty())
        {
            if let Some(last) = out.last_mut() {
                last.clause_end = true;
            }
        }
        let end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        let raw = &rest[..end];
        out.push(Word {
            stem: stemmed_word(raw),
            raw: raw.to_owned(),
            clause_end: false,
        });
        rest = &rest[end..];
    }
    out
}

/// The stem of one lowercase word, American spelling: remembered per thread, since a bank
/// repeats its words many times over and stemming one costs a dozen lookups and copies.
fn stemmed_word(raw: &str) -> String {
    /// Words remembered per thread before the memory is started afresh (a few MB).
    const REMEMBERED: usize = 1 << 16;
    thread_local! {
        static STEMS: std::cell::RefCell<FastMap<Box<str>, Box<str>>> =
            std::cell::RefCell::new(FastMap::default());
    }
    STEMS.with_borrow_mut(|stems| {
        if let Some(stem) = stems.get(raw) {
            return String::from(&**stem);
        }
        let stemmed = stem(&americanize(raw));
        if stems.len() >= REMEMBERED {
            stems.clear();
        }
        stems.insert(raw.into(), stemmed.as_str().into());
        stemmed
    })
}

/// The stems of [`stemmed`]'s words.
pub(crate) fn stems(text: &str) -> Vec<String> {
    stemmed(text).into_iter().map(|w| w.stem).collect()
}

/// A text as the exact-duplicate check compares it: lowercase words, punctuation removed,
/// whitespace folded (what the `duplicate-question` rule groups questions by).
pub fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // The same, a byte at a time.
        for word in ascii_words(text) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.make_ascii_lowercase();
    } else {
        out.extend(normalized_chars(text));
    }
    out
}

/// The characters of [`normalized`]`(text)`, read one at a time.
fn normalized_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
        .flat_map(|(n, word)| {
            let space = (n > 0).then_some(' ');
            space
                .into_iter()
                .chain(word.chars().flat_map(char::to_lowercase))
        })
}

/// Whether two texts are the same once [`normalized`], compared as they are read: a large
/// bank compares hundreds of thousands of pairs, and most differ within a few words.
pub fn same_normalized(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return ascii_normalized(a).eq(ascii_normalized(b));
    }
    normalized_chars(a).eq(normalized_chars(b))
}

/// A hash of [`normalized`]`(text)`: texts that are [`same_normalized`] have the same key, so
/// a caller comparing many pairs among the same texts hashes each text once and compares
/// the texts of a pair only when their keys are equal.
pub fn normalized_key(text: &str) -> u64 {
    qbank_core::hash::word_id(&normalized(text))
}

/// The bytes of [`normalized`]`(text)` for an ASCII `text`, read one at a time.
fn ascii_normalized(text: &str) -> impl Iterator<Item = u8> + '_ {
    ascii_words(text).enumerate().flat_map(|(n, word)| {
        let space = (n > 0).then_some(b' ');
        space
            .into_iter()
            .chain(word.bytes().map(|b| b.to_ascii_lowercase()))
    })
}

/// The runs of letters and digits of an ASCII `text`: the words [`normalized`] keeps. Read
/// by bytes; every run starts and ends at an ASCII byte, so at a character's edge whatever
/// the text holds.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        (start < i).then(|| &text[start..i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`tokens`] as its contract reads, a character at a time: the chunks between whitespace,
    /// trimmed of wrapping punctuation, the empty ones left out.
    fn tokens_by_chars(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_whitespace(), start) {
                (true, Some(s)) => {
                    out.extend(trimmed(text, s..i));
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        out
    }

    /// [`sentences`] as its contract reads, a character at a time.
    fn sentences_by_chars(text: &str) -> Vec<Range<usize>> {
        let mut ends = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if matches!(c, '.' | '?' | '!')
                && chars.peek().is_some_and(|(_, n)| n.is_whitespace())
                && !(c == '.' && is_abbreviation(&text[..i]))
            {
                ends.push(i + 1);
            }
        }
        let starts = std::iter::once(0).chain(ends.iter().copied());
        starts
            .zip(ends.iter().copied().chain([text.len()]))
            .map(|(s, e)| {
                let lead = text[s..e].len() - text[s..e].trim_start().len();
                s + lead..s + text[s..e].trim_end().len()
            })
            .filter(|r| r.start < r.end)
            .collect()
    }

    /// Texts made of words, punctuation and every kind of space, ASCII and not.
    fn texts() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "How",
            "e.g.",
            "U.S.",
            "v1.2",
            "é",
            "straße",
            "\u{1f980}",
            "(a)",
            "\"x\"",
            "“y”",
            "’s",
            "...",
            "?",
            "!",
            ".",
            ",",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{b}",
            "\u{c}",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{200b}",
            "\u{85}",
            "--",
            "*",
            "«",
            "»",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        /// An ASCII text, normalized a byte at a time, reads as any text does.
        #[test]
        fn ascii_normalized_is_normalized_chars(text in "[ -~\t\n]{0,60}") {
            let by_chars: String = normalized_chars(&text).collect();
            prop_assert_eq!(normalized(&text), by_chars);
        }

        /// The byte-at-a-time tokens are those of the plain reading; a reading started from
        /// any offset a reading passed gives the tokens that reading gave from there; the
        /// pairs are the tokens two by two, each read again from its offset.
        #[test]
        fn tokens_are_the_chunks_between_spaces(text in texts()) {
            let found: Vec<Token> = tokens(&text).collect();
            prop_assert_eq!(&found, &tokens_by_chars(&text));
            let mut reading = tokens(&text);
            for i in 0..=found.len() {
                let rest: Vec<Token> = tokens_from(&text, reading.offset()).collect();
                prop_assert_eq!(&rest[..], &found[i..]);
                reading.next();
            }
            let pairs: Vec<(usize, Token, Token)> = token_pairs(&text).collect();
            let windows: Vec<(Token, Token)> =
                found.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect();
            prop_assert_eq!(pairs.len(), windows.len());
            for ((at, a, b), (first, second)) in pairs.into_iter().zip(windows) {
                prop_assert_eq!((&a, &b), (&first, &second));
                let again: Vec<Token> = tokens_from(&text, at).take(2).collect();
                prop_assert_eq!(again, vec![first, second]);
            }
        }

        /// The sentences are those of the plain reading.
        #[test]
        fn sentences_end_at_the_marks_before_a_space(text in texts()) {
            prop_assert_eq!(sentences(&text), sentences_by_chars(&text));
        }
    }

    #[test]
    fn same_normalized_is_equal_normalized_texts() {
        let texts = [
            "How do you handle  Model-Drift?",
            "how do you handle model drift",
            "how do you handle model drifts",
            "How do you handle model-drift",
            " How do you handle model drift ",
            "how do you handle modeldrift",
            "ÉTÉ, İstanbul; straße",
            "été istanbul straße",
            "été i̇stanbul straße",
            "",
            "?!",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    same_normalized(a, b),
                    normalized(a) == normalized(b),
                    "{a:?} and {b:?}"
                );
                // The key never tells two same texts apart (it may, rarely, join two others).
                if same_normalized(a, b) {
                    assert_eq!(normalized_key(a), normalized_key(b), "{a:?} and {b:?}");
                }
            }
        }
        // Different texts of this list have different keys.
        assert_ne!(
            normalized_key("model drift"),
            normalized_key("model drifts")
        );
        assert!(same_normalized(
            "How do you handle  Model-Drift?",
            "how do you handle model drift"
        ));
        assert!(!same_normalized("model drift", "model drifts"));
    }

    #[test]
    fn ascii_texts_normalize_as_any_text_does() {
        for text in [
            "How do you handle  Model-Drift?",
            " --A/B testing: v2.0 ",
            "",
            "?!",
            "x",
        ] {
            let by_chars: String = normalized_chars(text).collect();
            assert_eq!(normalized(text), by_chars, "{text:?}");
            let by_bytes: Vec<u8> = ascii_normalized(text).collect();
            assert_eq!(by_bytes, by_chars.as_bytes(), "{text:?}");
        }
    }

    #[test]
    fn normalized_folds_case_space_punctuation() {
        assert_eq!(
            super::normalized("How do you handle  Model-Drift?"),
            super::normalized("how do you handle model drift")
        );
        assert_ne!(
            super::normalized("model drift"),
            super::normalized("model rift")
        );
    }

    #[test]
    fn tokens_split_at_every_kind_of_space() {
        // ASCII spaces (the vertical tab too, as `char::is_whitespace` has it) and Unicode
        // ones; other characters are parts of words.
        let text = "a\tb\u{b}c\u{c}d\re\nf g\u{a0}h\u{2003}i\u{3000}j é\u{200b}k \u{1f980}";
        let words: Vec<&str> = tokens(text).map(|t| t.word).collect();
        assert_eq!(
            words,
            [
                "a",
                "b",
                "c",
                "d",
                "e",
                "f",
                "g",
                "h",
                "i",
                "j",
                "é\u{200b}k",
                "\u{1f980}"
            ]
        );
        let expected: Vec<&str> = text.split(char::is_whitespace).collect();
        assert_eq!(words, expected);
    }

    #[test]
    fn tokens_trim_punctuation_and_keep_ranges() {
        let text = "Is (a) \"one-off\" job, ok?";
        let t: Vec<Token> = tokens(text).collect();
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
}
