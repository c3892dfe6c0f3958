//! The coverage matrix as an aligned table, JSON, or Markdown for a pull-request comment.
//!
//! A cell reads `count/minimum`; a topic without a minimum at a level shows the count alone.
//! A cell below its minimum is marked (`!` in the table, ❌ in Markdown, `"gap"` in JSON).

use std::io::{self, Write};

use serde::Serialize;

use crate::coverage::{Cell, Matrix};

/// The version of the JSON contract; fields are only added while it is 1.
pub const VERSION: u32 = 1;

fn cell_text(c: &Cell) -> String {
    if c.minimum == 0 {
        c.count.to_string()
    } else {
        format!("{}/{}", c.count, c.minimum)
    }
}

fn gap_count(m: &Matrix) -> (usize, u32) {
    m.gaps().fold((0, 0), |(cells, missing), (_, c)| {
        (cells + 1, missing + c.gap())
    })
}

fn summary(m: &Matrix) -> String {
    match gap_count(m) {
        (0, _) => format!("every topic meets its minimum ({} topics)", m.rows.len()),
        (1, missing) => format!(
            "1 level below its minimum: {missing} question{} missing",
            if missing == 1 { "" } else { "s" }
        ),
        (cells, missing) => format!(
            "{cells} levels below their minimum: {missing} question{} missing",
            if missing == 1 { "" } else { "s" }
        ),
    }
}

/// An aligned table for a terminal.
pub fn human(m: &Matrix, color: bool, w: &mut dyn Write) -> io::Result<()> {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    };
    let mut header = vec!["topic".to_owned()];
    header.extend(m.levels.iter().map(|l| l.to_string()));
    header.push("questions".to_owned());
    let mut rows: Vec<Vec<(String, bool)>> = m
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![(r.id.clone(), false)];
            cells.extend(r.cells.iter().map(|c| {
                let gap = c.gap() > 0;
                (
                    format!("{}{}", cell_text(c), if gap { " !" } else { "" }),
                    gap,
                )
            }));
            cells.push((r.questions.to_string(), false));
            cells
        })
        .collect();
    let mut totals = vec![("all topics".to_owned(), false)];
    totals.extend(m.level_totals().iter().map(|n| (n.to_string(), false)));
    totals.push((
        m.rows.iter().map(|r| r.questions).sum::<u32>().to_string(),
        false,
    ));
    rows.push(totals);
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].0.chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[(String, bool)]| -> String {
        let mut out = String::new();
        for (i, (text, gap)) in cells.iter().enumerate() {
            let pad = widths[i] - text.chars().count();
            let shown = if *gap {
                paint("1;31", text)
            } else {
                text.clone()
            };
            if i == 0 {
                out.push_str(&shown);
                out.push_str(&" ".repeat(pad));
            } else {
                out.push_str("  ");
                out.push_str(&" ".repeat(pad));
                out.push_str(&shown);
            }
        }
        out.trim_end().to_owned()
    };
    let head: Vec<(String, bool)> = header.into_iter().map(|h| (h, false)).collect();
    writeln!(w, "{}", paint("1", &line(&head)))?;
    let n = rows.len();
    for (i, r) in rows.iter().enumerate() {
        if i + 1 == n {
            writeln!(
                w,
                "{}",
                "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
            )?;
        }
        writeln!(w, "{}", line(r))?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "count/minimum of active questions per level; ! marks a level below its minimum"
    )?;
    writeln!(w, "{}", paint("1", &summary(m)))?;
    for (row, c) in m.gaps() {
        writeln!(
            w,
            "  {} {}: {} of {} ({} missing)",
            row.id,
            c.level,
            c.count,
            c.minimum,
            c.gap()
        )?;
    }
    Ok(())
}

/// A Markdown table, for a pull-request comment.
pub fn markdown(m: &Matrix, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "### Question bank coverage")?;
    writeln!(w)?;
    let levels: Vec<String> = m.levels.iter().map(|l| l.to_string()).collect();
    writeln!(w, "| topic | {} | questions |", levels.join(" | "))?;
    writeln!(w, "| --- |{} ---: |", " ---: |".repeat(m.levels.len()))?;
    for r in &m.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| {
                if c.gap() > 0 {
                    format!("❌ **{}**", cell_text(c))
                } else {
                    cell_text(c)
                }
            })
            .collect();
        writeln!(
            w,
            "| `{}` {} | {} | {} |",
            r.id,
            escape(&r.title),
            cells.join(" | "),
            r.questions
        )?;
    }
    let totals: Vec<String> = m.level_totals().iter().map(u32::to_string).collect();
    writeln!(
        w,
        "| **all topics** | {} | {} |",
        totals.join(" | "),
        m.rows.iter().map(|r| r.questions).sum::<u32>()
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "Cells show active questions / the minimum from `topics.yaml`; ❌ marks a level below its minimum."
    )?;
    writeln!(w)?;
    let (cells, _) = gap_count(m);
    writeln!(w, "{} {}", if cells == 0 { "✅" } else { "❌" }, summary(m))?;
    if cells > 0 {
        writeln!(w)?;
        for (row, c) in m.gaps() {
            writeln!(
                w,
                "- `{}` at {}: {} of {}, {} missing",
                row.id,
                c.level,
                c.count,
                c.minimum,
                c.gap()
            )?;
        }
    }
    Ok(())
}

/// Escapes what would break a table cell.
fn escape(s: &str) -> String {
    format!("({})", s.replace('|', "\\|"))
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    levels: Vec<&'static str>,
    topics: Vec<TopicItem<'a>>,
    totals: Totals,
}

#[derive(Serialize)]
struct TopicItem<'a> {
    id: &'a str,
    title: &'a str,
    questions: u32,
    levels: Vec<CellItem>,
}

#[derive(Serialize)]
struct CellItem {
    level: &'static str,
    count: u32,
    minimum: u32,
    gap: u32,
}

#[derive(Serialize)]
struct Totals {
    questions: u32,
    /// Levels below their minimum.
    gaps: usize,
    /// Questions missing across those levels.
    missing: u32,
}

/// The matrix as one JSON document.
pub fn json(m: &Matrix, w: &mut dyn Write) -> io::Result<()> {
    let (gaps, missing) = gap_count(m);
    let report = Report {
        version: VERSION,
        levels: m.levels.iter().map(|l| l.as_str()).collect(),
        topics: m
            .rows
            .iter()
            .map(|r| TopicItem {
                id: &r.id,
                title: &r.title,
                questions: r.questions,
                levels: r
                    .cells
                    .iter()
                    .map(|c| CellItem {
                        level: c.level.as_str(),
                        count: c.count,
                        minimum: c.minimum,
                        gap: c.gap(),
                    })
                    .collect(),
            })
            .collect(),
        totals: Totals {
            questions: m.rows.iter().map(|r| r.questions).sum(),
            gaps,
            missing,
        },
    };
    serde_json::to_writer_pretty(&mut *w, &report)?;
    writeln!(w)
}
