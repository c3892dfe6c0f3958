//! The JSON output: a stable contract for other tools.
//!
//! ```json
//! {"version": 1,
//!  "summary": {"errors": 1, "warnings": 0, "infos": 0},
//!  "diagnostics": [{"rule": "unknown-topic", "severity": "error",
//!    "file": "questions/x.yaml", "line": 4, "column": 8, "end_line": 4, "end_column": 17,
//!    "message": "…", "help": "…", "related": [], "labels": []}]}
//! ```
//! Under `--changed-since`, each diagnostic also has `"status": "new"` or `"existing"`.
//! Fields are only ever added, never renamed or removed, while `version` is 1.

use std::io::{self, Write};

use qbank_core::{Diagnostic, Label};
use serde::{Serialize, Serializer};

use super::Counts;
use crate::gate::Status;

/// The version of the JSON contract.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Items<'a>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// The findings, written one by one as they are serialised (a bank can have hundreds of
/// thousands; nothing is built for all of them at once).
struct Items<'a> {
    diagnostics: &'a [Diagnostic],
    statuses: Option<&'a [Status]>,
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.diagnostics.iter().enumerate().map(|(i, d)| Item {
            rule: d.rule,
            severity: d.severity.as_str(),
            file: &d.primary.file,
            line: d.primary.span.start.line,
            column: d.primary.span.start.column,
            end_line: d.primary.span.end.line,
            end_column: d.primary.span.end.column,
            message: &d.message,
            help: d.help.as_deref(),
            related: &d.related,
            labels: Labels(&d.secondary),
            status: self.statuses.and_then(|s| s.get(i)).map(|s| s.as_str()),
        }))
    }
}

#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    severity: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
    help: Option<&'a str>,
    related: &'a [String],
    labels: Labels<'a>,
    /// Under `--changed-since`: `new` (the bank before the change did not have it) or
    /// `existing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
}

/// A finding's secondary labels.
struct Labels<'a>(&'a [Label]);

impl Serialize for Labels<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|l| LabelItem {
            file: &l.file,
            line: l.span.start.line,
            column: l.span.start.column,
            message: &l.message,
        }))
    }
}

#[derive(Serialize)]
struct LabelItem<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

/// Writes the report as one JSON document followed by a newline.
pub fn render(diagnostics: &[Diagnostic], w: &mut dyn Write) -> io::Result<()> {
    render_with_status(diagnostics, None, w)
}

/// [`render`], each finding marked with its status (`statuses[i]` for `diagnostics[i]`)
/// under `--changed-since`.
pub fn render_with_status(
    diagnostics: &[Diagnostic],
    statuses: Option<&[Status]>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let c = Counts::of(diagnostics);
    let report = Report {
        version: VERSION,
        summary: Summary {
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
        },
        diagnostics: Items {
            diagnostics,
            statuses,
        },
    };
    serde_json::to_writer_pretty(&mut *w, &report)?;
    writeln!(w)
}
