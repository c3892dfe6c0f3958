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

impl Summary {
    fn of(diagnostics: &[Diagnostic]) -> Summary {
        let c = Counts::of(diagnostics);
        Summary {
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
        }
    }
}

/// The findings, written one by one as they are serialised (a bank can have hundreds of
/// thousands; nothing is built for all of them at once, and at most [`RUNS_AT_ONCE`] runs
/// of [`RUN`] findings are held written).
struct Items<'a> {
    diagnostics: &'a [Diagnostic],
    statuses: Option<&'a [Status]>,
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((0..self.diagnostics.len()).map(|i| self.item(i)))
    }
}

impl Items<'_> {
    fn item(&self, i: usize) -> Item<'_> {
        let d = &self.diagnostics[i];
        Item {
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
        }
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
    let summary = Summary::of(diagnostics);
    let items = Items {
        diagnostics,
        statuses,
    };
    if diagnostics.len() < PARALLEL_FROM {
        return write_at_once(summary, items, w);
    }
    // What `to_writer_pretty` writes for the report, with the findings written on all cores,
    // a run at a time: a large bank's report is over a hundred megabytes.
    w.write_all(b"{\n  \"version\": ")?;
    serde_json::to_writer(&mut *w, &VERSION)?;
    w.write_all(b",\n  \"summary\": ")?;
    summary.serialize(&mut Nested::serializer(&mut *w, 1))?;
    w.write_all(b",\n  \"diagnostics\": [")?;
    let runs: Vec<std::ops::Range<usize>> = (0..diagnostics.len())
        .step_by(RUN)
        .map(|start| start..(start + RUN).min(diagnostics.len()))
        .collect();
    // The runs' buffers, used again once written: a buffer of a few megabytes is fresh pages
    // each time it is made anew.
    let spare: std::sync::Mutex<Vec<Vec<u8>>> = std::sync::Mutex::new(Vec::new());
    let take = || spare.lock().unwrap_or_else(|e| e.into_inner()).pop();
    for batch in runs.chunks(RUNS_AT_ONCE) {
        let written = qbank_core::parallel::map_each(batch, |run| {
            let mut out = take().unwrap_or_else(|| Vec::with_capacity(run.len() * 1024));
            for i in run.clone() {
                out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                items
                    .item(i)
                    .serialize(&mut Nested::serializer(&mut out, 2))?;
            }
            Ok::<_, serde_json::Error>(out)
        });
        for out in written {
            let mut out = out?;
            w.write_all(&out)?;
            out.clear();
            spare.lock().unwrap_or_else(|e| e.into_inner()).push(out);
        }
    }
    w.write_all(b"\n  ]\n}\n")
}

/// The report as `serde_json`'s pretty printer writes it, in one pass on this thread.
fn write_at_once(summary: Summary, items: Items<'_>, w: &mut dyn Write) -> io::Result<()> {
    let report = Report {
        version: VERSION,
        summary,
        diagnostics: items,
    };
    serde_json::to_writer_pretty(&mut *w, &report)?;
    writeln!(w)
}

/// From how many findings the report is written on all cores.
const PARALLEL_FROM: usize = 4096;
/// How many findings one thread writes at a time, and how many such runs are held at once.
const RUN: usize = 2048;
const RUNS_AT_ONCE: usize = 4;

/// serde_json's pretty printer for a value written `depth` levels inside the report: the
/// same bytes as `to_vec_pretty` gives for the value alone, with every line after the first
/// indented by `depth` more levels, written as they go.
struct Nested {
    depth: usize,
    /// Whether the innermost array or object open has a value yet.
    has_value: bool,
}

impl Nested {
    fn serializer<W: Write>(w: W, depth: usize) -> serde_json::Serializer<W, Nested> {
        serde_json::Serializer::with_formatter(
            w,
            Nested {
                depth,
                has_value: false,
            },
        )
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }

    /// A line break (after a comma unless `first`) and the indent of the current depth.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbank_core::{Position, Span};

    /// `count` findings of every shape the report holds: with and without help, related ids
    /// and labels, and words that JSON escapes.
    fn findings(count: usize) -> Vec<Diagnostic> {
        (0..count)
            .map(|i| {
                let at = Position {
                    line: i as u32 + 1,
                    column: 3,
                    offset: 0,
                };
                let label = Label::new(format!("bank/q{i}.yaml"), Span::point(at));
                let d = match i % 3 {
                    0 => Diagnostic::error("near-duplicate", "asks \"the same\"\nas é 🦀", label),
                    1 => Diagnostic::warning("missing-schema-modeline", "no schema line", label),
                    _ => Diagnostic::warning("doubled-word", "the the", label).with_help("once"),
                };
                if i % 4 == 0 {
                    let other = Label::new("bank/other.yaml", Span::point(at));
                    d.with_related(format!("q{}", i + 1))
                        .with_related("r")
                        .with_secondary(other.with_message("this one\ttoo"))
                } else {
                    d
                }
            })
            .collect()
    }

    fn as_serde_writes_it(diagnostics: &[Diagnostic], statuses: Option<&[Status]>) -> Vec<u8> {
        let items = Items {
            diagnostics,
            statuses,
        };
        let mut out = Vec::new();
        write_at_once(Summary::of(diagnostics), items, &mut out).unwrap();
        out
    }

    #[test]
    fn a_large_report_is_the_bytes_one_printer_would_write() {
        for count in [
            0,
            1,
            PARALLEL_FROM - 1,
            PARALLEL_FROM,
            (RUNS_AT_ONCE + 1) * RUN + 7,
        ] {
            let diagnostics = findings(count);
            let statuses: Vec<Status> = (0..count)
                .map(|i| {
                    if i % 2 == 0 {
                        Status::New
                    } else {
                        Status::Existing
                    }
                })
                .collect();
            for statuses in [None, Some(statuses.as_slice())] {
                let mut out = Vec::new();
                render_with_status(&diagnostics, statuses, &mut out).unwrap();
                assert!(
                    out == as_serde_writes_it(&diagnostics, statuses),
                    "{count} findings, statuses: {}",
                    statuses.is_some()
                );
            }
        }
    }
}
