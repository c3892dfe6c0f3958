//! GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message` line per
//! finding, which GitHub shows as an annotation on that line of the pull request.

use std::io::{self, Write};

use qbank_core::{Diagnostic, Severity};

/// Writes one workflow command per diagnostic.
pub fn render(diagnostics: &[Diagnostic], w: &mut dyn Write) -> io::Result<()> {
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let s = d.primary.span;
        let mut message = d.message.to_string();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        for l in &d.secondary {
            message.push_str(&format!(
                "\nsee {}:{}:{}{}",
                l.file,
                l.span.start.line,
                l.span.start.column,
                if l.message.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", l.message)
                }
            ));
        }
        let mut props = format!(
            "file={},line={},col={}",
            escape_property(&d.primary.file),
            s.start.line,
            s.start.column
        );
        if s.end.line >= s.start.line && s.end.line > 0 {
            props.push_str(&format!(",endLine={}", s.end.line));
            if s.end.line == s.start.line && s.end.column > s.start.column {
                props.push_str(&format!(",endColumn={}", s.end.column));
            }
        }
        props.push_str(&format!(
            ",title={}",
            escape_property(&format!("qbank {}", d.rule))
        ));
        writeln!(w, "::{command} {props}::{}", escape_data(&message))?;
    }
    Ok(())
}

/// Escapes a message as the workflow command syntax requires.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (which also may not hold `:` or `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(super::escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
