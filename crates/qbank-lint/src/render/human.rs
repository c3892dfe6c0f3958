//! Diagnostics for a person at a terminal: the rule, the message, and the offending line of
//! YAML with the place underlined, like rustc.

use std::io::{self, Write};

use qbank_core::{Diagnostic, Label, Severity};

use super::{Counts, Sources};

/// Options of the human renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// ANSI colours (the CLI turns them on for a terminal without NO_COLOR).
    pub color: bool,
    /// How many files were checked, for the summary line.
    pub files: usize,
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn severity(&self, s: Severity) -> String {
        match s {
            Severity::Error => self.wrap("1;31", "error"),
            Severity::Warning => self.wrap("1;33", "warning"),
            Severity::Info => self.wrap("1;36", "info"),
        }
    }
    fn gutter(&self, text: &str) -> String {
        self.wrap("1;34", text)
    }
    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
}

/// Writes every diagnostic, then a summary line.
pub fn render(
    diagnostics: &[Diagnostic],
    sources: &Sources<'_>,
    options: HumanOptions,
    w: &mut dyn Write,
) -> io::Result<()> {
    let paint = Paint { on: options.color };
    for d in diagnostics {
        render_one(d, sources, &paint, w)?;
    }
    let c = Counts::of(diagnostics);
    let files = match options.files {
        1 => "1 file".to_owned(),
        n => format!("{n} files"),
    };
    if diagnostics.is_empty() {
        writeln!(
            w,
            "{}",
            paint.bold(&format!("checked {files}: no problems found"))
        )?;
    } else {
        let mut parts = Vec::new();
        for (n, word) in [
            (c.errors, "error"),
            (c.warnings, "warning"),
            (c.infos, "hint"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {word}{}", if n == 1 { "" } else { "s" }));
            }
        }
        writeln!(
            w,
            "{}",
            paint.bold(&format!("checked {files}: {}", parts.join(", ")))
        )?;
    }
    Ok(())
}

fn render_one(
    d: &Diagnostic,
    sources: &Sources<'_>,
    paint: &Paint,
    w: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        w,
        "{}{} {}",
        paint.severity(d.severity),
        paint.bold(&format!("[{}]:", d.rule)),
        paint.bold(&d.message)
    )?;
    let mut labels: Vec<(&Label, bool)> = vec![(&d.primary, true)];
    labels.extend(d.secondary.iter().map(|l| (l, false)));
    let width = labels
        .iter()
        .map(|(l, _)| l.span.start.line.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(width);
    let mut last_file: Option<&str> = None;
    for (label, primary) in labels {
        let arrow = if last_file == Some(label.file.as_ref()) {
            None
        } else if primary {
            Some("-->")
        } else {
            Some(":::")
        };
        if let Some(arrow) = arrow {
            writeln!(
                w,
                "{pad}{} {}:{}:{}",
                paint.gutter(arrow),
                label.file,
                label.span.start.line,
                label.span.start.column
            )?;
        }
        last_file = Some(label.file.as_ref());
        let Some(file) = sources.file(&label.file) else {
            continue;
        };
        if file.text.is_empty() {
            continue;
        }
        let line_no = label.span.start.line;
        let line = file.lines().line_text(&file.text, line_no);
        let col = label.span.start.column.max(1) as usize;
        let len = if label.span.end.line == label.span.start.line
            && label.span.end.column > label.span.start.column
        {
            (label.span.end.column - label.span.start.column) as usize
        } else if label.span.end.line > label.span.start.line {
            line.chars().count().saturating_sub(col - 1).max(1)
        } else {
            1
        };
        let (shown, before, len) = window(line, col, len);
        let marker = if primary { "^" } else { "-" };
        let underline = marker.repeat(len);
        let underline = if primary {
            match d.severity {
                Severity::Error => paint.wrap("1;31", &underline),
                Severity::Warning => paint.wrap("1;33", &underline),
                Severity::Info => paint.wrap("1;36", &underline),
            }
        } else {
            paint.gutter(&underline)
        };
        writeln!(w, "{pad} {}", paint.gutter("|"))?;
        writeln!(
            w,
            "{} {} {shown}",
            paint.gutter(&format!("{line_no:>width$}")),
            paint.gutter("|")
        )?;
        let msg = if label.message.is_empty() {
            String::new()
        } else {
            format!(" {}", label.message)
        };
        writeln!(w, "{pad} {} {before}{underline}{msg}", paint.gutter("|"))?;
    }
    if let Some(help) = &d.help {
        writeln!(w, "{pad} {}", paint.gutter("|"))?;
        writeln!(
            w,
            "{pad} {} {} {help}",
            paint.gutter("="),
            paint.bold("help:")
        )?;
    }
    writeln!(w)?;
    Ok(())
}

/// How many characters of a source line a snippet shows at most.
const MAX_LINE: usize = 100;

/// The part of `line` to show around 1-based character column `col` (tabs expanded), the
/// padding before the underline, and the underline's length, so that a long line (minified
/// YAML, a 3,000-character question) prints as a readable window with ellipses.
fn window(line: &str, col: usize, len: usize) -> (String, String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let (start, end, len) = if chars.len() <= MAX_LINE {
        (0, chars.len(), len)
    } else {
        let start = (col - 1).saturating_sub(MAX_LINE / 3).min(chars.len());
        let end = (start + MAX_LINE).min(chars.len());
        (start, end, len.min(end.saturating_sub(col - 1)).max(1))
    };
    // Tabs become spaces; characters a terminal would not show faithfully (direction
    // overrides, zero-width and control characters) become a visible replacement, so the
    // snippet shows what is really in the file.
    let expand = |c: &char| match *c {
        '\t' => "    ".to_owned(),
        c if crate::rules::invisible_character::is_invisible(c) => "\u{FFFD}".to_owned(),
        c => c.to_string(),
    };
    let mut shown: String = chars[start..end].iter().map(expand).collect();
    let mut before: String = chars[start..(col - 1).clamp(start, end)]
        .iter()
        .map(|c| if *c == '\t' { "    " } else { " " })
        .collect();
    if start > 0 {
        shown.insert(0, '…');
        before.insert(0, ' ');
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, before, len)
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn long_lines_are_windowed_around_the_column() {
        let line = "x".repeat(500) + "HERE" + &"y".repeat(500);
        let (shown, before, len) = window(&line, 501, 4);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        let under: String = shown.chars().skip(before.chars().count()).take(4).collect();
        assert_eq!(under, "HERE");
        assert_eq!(len, 4);
        let (shown, _, _) = window("a\u{202E}b", 1, 1);
        assert_eq!(shown, "a\u{FFFD}b");
        let (shown, before, _) = window("a:\tb", 4, 1);
        assert_eq!(shown, "a:    b");
        assert_eq!(before, "      ");
    }
}
