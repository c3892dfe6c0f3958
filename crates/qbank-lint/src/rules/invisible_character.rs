use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc, Scope};

/// Text with characters a reader cannot see: bidirectional overrides, zero-width characters,
/// control characters.
pub struct InvisibleCharacter;

impl Rule for InvisibleCharacter {
    fn name(&self) -> &'static str {
        "invisible-character"
    }
    fn summary(&self) -> &'static str {
        "A question's text holds invisible, control or direction-changing characters."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Finds characters in a question's text, follow-ups and rubric that a reader \
                   cannot see: bidirectional overrides and isolates (U+202A–U+202E, \
                   U+2066–U+2069), zero-width characters (U+200B–U+200D, U+2060, U+FEFF), and \
                   control characters other than tab and line breaks (U+0001, U+000B, …).",
            why: "Direction overrides make a line display differently from what it says (the \
                  \"Trojan Source\" trick), zero-width characters defeat duplicate detection \
                  and search, and control characters are not allowed in XML, so Word and \
                  LibreOffice refuse a document that holds them.",
            example: "text: \"How do you roll\\u200B back a model?\"",
            instead: "text: How do you roll back a model?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        for (q, file, field) in ctx.prose_fields() {
            let clean = plain_ascii(field.text) || !field.text.chars().any(is_invisible);
            if clean {
                continue;
            }
            let found: Vec<char> = field.text.chars().filter(|c| is_invisible(*c)).collect();
            let mut names: Vec<String> = found
                .iter()
                .map(|c| format!("U+{:04X}", *c as u32))
                .collect();
            names.dedup();
            let d = ctx
                .diagnostic(
                    format!(
                        "text holds {} invisible character{}: {}",
                        found.len(),
                        if found.len() == 1 { "" } else { "s" },
                        names.join(", ")
                    ),
                    file.label(&field.pointer()),
                )
                .with_help("delete them; retype the text if you pasted it from elsewhere");
            ctx.report(Some(q), d);
        }
    }
}

/// Whether `text` is printable ASCII, tabs and line breaks only: none of it is invisible.
/// Read in blocks without stopping early, which the compiler turns into wide compares; most
/// texts are such.
fn plain_ascii(text: &str) -> bool {
    text.as_bytes().chunks(32).all(|block| {
        block.iter().fold(true, |plain, &b| {
            plain & ((b' '..0x7f).contains(&b) | (b == b'\t') | (b == b'\n') | (b == b'\r'))
        })
    })
}

/// Whether `c` is a character a reader of the text cannot see.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}'
        | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFFE}' | '\u{FFFF}')
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_is_ascii_with_nothing_invisible() {
        // Every ASCII byte alone, and in a block of more than 32 bytes at each place.
        for b in 0u8..=0x7f {
            let c = char::from(b);
            assert_eq!(
                plain_ascii(c.encode_utf8(&mut [0; 4])),
                !is_invisible(c),
                "{b:#04x}"
            );
            for at in [0, 31, 32, 40] {
                let mut text = vec![b'a'; 41];
                text[at] = b;
                let text = String::from_utf8(text).unwrap();
                assert_eq!(plain_ascii(&text), !is_invisible(c), "{b:#04x} at {at}");
            }
        }
        assert!(!plain_ascii("caf\u{e9}"));
        assert!(plain_ascii(""));
    }
}
