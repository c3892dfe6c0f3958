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
            // An ASCII text can only hold control characters: a byte at a time.
            let clean = if field.text.is_ascii() {
                !field.text.bytes().any(|b| is_invisible(char::from(b)))
            } else {
                !field.text.chars().any(is_invisible)
            };
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

/// Whether `c` is a character a reader of the text cannot see.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}'
        | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFFE}' | '\u{FFFF}')
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}
