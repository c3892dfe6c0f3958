//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run, the full rule list
//! with documentation, one result per diagnostic.

use std::io::{self, Write};

use qbank_core::{Diagnostic, Severity};
use serde_json::{json, Value};

use crate::RULES;

/// The SARIF schema this output follows.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: `/`-separated, with every byte outside the unreserved
/// set percent-encoded (`my bank/café.yaml` → `my%20bank/caf%C3%A9.yaml`).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Writes one SARIF log.
pub fn render(diagnostics: &[Diagnostic], w: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let doc = r.doc();
            json!({
                "id": r.name(),
                "name": r.name(),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": doc.what},
                "help": {
                    "text": format!("{}\n\nWhy: {}", doc.what, doc.why),
                    "markdown": format!(
                        "{}\n\n**Why is this bad?** {}\n\n**Example**\n```yaml\n{}\n```\n\n**Use instead**\n```yaml\n{}\n```",
                        doc.what, doc.why, doc.example, doc.instead
                    ),
                },
                "defaultConfiguration": {"level": level(r.default_severity())},
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let rule_index = RULES.iter().position(|r| r.name() == d.rule);
            let s = d.primary.span;
            let mut region = json!({
                "startLine": s.start.line.max(1),
                "startColumn": s.start.column.max(1),
            });
            if s.end.line >= s.start.line && s.end.line > 0 {
                region["endLine"] = json!(s.end.line);
                region["endColumn"] = json!(s.end.column.max(1));
                if s.end.line == s.start.line && s.end.column <= s.start.column {
                    region["endColumn"] = json!(s.start.column.max(1) + 1);
                }
            }
            let mut text = d.message.to_string();
            if let Some(help) = &d.help {
                text.push_str(&format!(" (help: {help})"));
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&d.primary.file)},
                        "region": region,
                    }
                }],
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            if !d.secondary.is_empty() {
                result["relatedLocations"] = Value::Array(
                    d.secondary
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            json!({
                                "id": i,
                                "message": {"text": if l.message.is_empty() { "related" } else { l.message.as_str() }},
                                "physicalLocation": {
                                    "artifactLocation": {"uri": uri(&l.file)},
                                    "region": {"startLine": l.span.start.line.max(1), "startColumn": l.span.start.column.max(1)},
                                }
                            })
                        })
                        .collect(),
                );
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "qbank",
                "informationUri": "https://github.com/qbank-dev/qbank",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *w, &log)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            super::uri("q/my bank/café.yaml"),
            "q/my%20bank/caf%C3%A9.yaml"
        );
        assert_eq!(super::uri("q/a-b_c.yaml"), "q/a-b_c.yaml");
    }
}
