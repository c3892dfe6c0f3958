use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc, Scope};

/// Leading, trailing, doubled or unusual whitespace in a question's prose.
pub struct StrayWhitespace;

impl Rule for StrayWhitespace {
    fn name(&self) -> &'static str {
        "stray-whitespace"
    }
    fn summary(&self) -> &'static str {
        "Space at the start or end of a text, two spaces in a row, a tab, or a no-break or other unusual space."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Looks at the text, follow-ups and rubric lines for spaces or tabs at the start \
                   or end (the one line break a `|` or `>` block ends with is fine), two or more \
                   spaces in a row, tabs, and spaces that only look ordinary (no-break space, \
                   thin and other typographic spaces). It points at each one; zero-width and \
                   control characters are reported by `invisible-character`.",
            why: "Stray spaces end up in printed kits and exports as uneven gaps, make two \
                  equal questions look different to search and duplicate detection, and \
                  no-break spaces pasted from documents break both.",
            example: "text: \"How do you  roll back a model? \"",
            instead: "text: How do you roll back a model?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        for (q, file, field) in ctx.prose_fields() {
            for (range, what) in find(field.text) {
                let d = ctx
                    .diagnostic(what, file.label_in(&field.pointer(), field.text, range))
                    .with_help("remove it, or replace it with one ordinary space");
                ctx.report(Some(q), d);
            }
        }
    }
}

/// Spaces that look like an ordinary space but are not one. Zero-width and control
/// characters are `invisible-character`'s.
fn unusual_space(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' => "a no-break space",
        '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            "an unusual space character"
        }
        _ => return None,
    })
}

/// The stray whitespace in `text`: byte ranges and what each is.
fn find(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    // The single line break that ends a block scalar is how YAML writes it, not a mistake.
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lead = body.len() - body.trim_start().len();
    if lead > 0 && lead < body.len() {
        out.push((0..lead, "text starts with whitespace".to_owned()));
    }
    let trimmed_end = body.trim_end().len();
    if trimmed_end < body.len() && trimmed_end > 0 {
        out.push((
            trimmed_end..body.len(),
            "text ends with whitespace".to_owned(),
        ));
    }
    let inner = lead..trimmed_end.max(lead);
    let within = &body[inner.clone()];
    // Most texts are ASCII with neither a tab nor two spaces in a row: nothing to look for
    // a character at a time.
    if within.is_ascii() && !within.as_bytes().contains(&b'\t') && !within.contains("  ") {
        return out;
    }
    let mut chars = within.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = inner.start + i;
        if let Some(name) = unusual_space(c) {
            out.push((
                at..at + c.len_utf8(),
                format!("text holds {name} (U+{:04X})", c as u32),
            ));
        } else if c == '\t' {
            out.push((at..at + 1, "text holds a tab".to_owned()));
        } else if c == ' ' && chars.peek().is_some_and(|&(_, n)| n == ' ') {
            let mut end = at + 1;
            while let Some(&(j, ' ')) = chars.peek() {
                end = inner.start + j + 1;
                chars.next();
            }
            out.push((at..end, format!("{} spaces in a row", end - at)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_each_kind() {
        let found: Vec<String> = super::find(" a  b\tc\u{a0}d ")
            .into_iter()
            .map(|(r, w)| format!("{}..{} {w}", r.start, r.end))
            .collect();
        assert_eq!(
            found,
            [
                "0..1 text starts with whitespace",
                "10..11 text ends with whitespace",
                "2..4 2 spaces in a row",
                "5..6 text holds a tab",
                "7..9 text holds a no-break space (U+00A0)",
            ]
        );
        assert_eq!(super::find("a\tb").len(), 1);
        assert_eq!(super::find("a  b").len(), 1);
        assert!(super::find("Fine as it is?\n").is_empty());
        assert!(super::find("Fine as it is?").is_empty());
    }
}
