//! The coverage matrices as aligned tables, JSON, or Markdown for a pull-request comment.
//!
//! A cell reads `count/minimum`; a topic (competency) without a minimum at a level shows the
//! count alone, as do kinds, which have no minimums. A cell below its minimum is marked (`!`
//! in the table, ❌ in Markdown, `"gap"` in JSON). Several matrices (topics, competencies,
//! kinds) are printed one after the other; the JSON document holds the topics under `topics`
//! and, when asked for, the others under `competencies` and `kinds`, rows of the same shape.
//!
//! A crossing ("topic × kind") is a matrix whose rows are combinations; its rows have no
//! minimums. The JSON document lists crossings under `crossings`, and the whole cube of
//! topic × level × kind × competency under `cube`.

use std::io::{self, Write};

use serde::Serialize;

use crate::coverage::{Cell, CubeCell, Dimension, Matrix};

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
    if m.is_crossed() {
        let combos = m.rows.len();
        return format!(
            "{combos} combination{} of {} with questions; minimums are for a topic or a \
             competency as a whole",
            if combos == 1 { "" } else { "s" },
            m.noun()
        );
    }
    match gap_count(m) {
        (0, _) if m.dimension == Dimension::Kind => {
            format!("{} kinds, no minimums", m.rows.len())
        }
        (0, _) => format!(
            "every {} meets its minimum ({} {})",
            m.dimension.noun(),
            m.rows.len(),
            m.dimension.plural()
        ),
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

/// Aligned tables for a terminal, one per matrix, a blank line between them.
pub fn human_all(matrices: &[Matrix], color: bool, w: &mut dyn Write) -> io::Result<()> {
    for (i, m) in matrices.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        human(m, color, w)?;
    }
    Ok(())
}

/// Markdown tables, one per matrix.
pub fn markdown_all(matrices: &[Matrix], w: &mut dyn Write) -> io::Result<()> {
    for (i, m) in matrices.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        markdown(m, w)?;
    }
    Ok(())
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
    let mut header = vec![m.noun()];
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
    // A crossing counts a question in several rows: its totals would mislead.
    if !m.is_crossed() {
        let mut totals = vec![(format!("all {}", m.dimension.plural()), false)];
        totals.extend(m.level_totals().iter().map(|n| (n.to_string(), false)));
        totals.push((
            m.rows.iter().map(|r| r.questions).sum::<u32>().to_string(),
            false,
        ));
        rows.push(totals);
    }
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
        if i + 1 == n && !m.is_crossed() {
            writeln!(
                w,
                "{}",
                "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
            )?;
        }
        writeln!(w, "{}", line(r))?;
    }
    writeln!(w)?;
    if m.is_crossed() {
        writeln!(
            w,
            "active questions per level of each {} that has any; a question with two \
             competencies counts in both rows",
            m.noun()
        )?;
    } else if m.dimension == Dimension::Kind {
        writeln!(w, "active questions of each kind per level")?;
    } else {
        writeln!(
            w,
            "count/minimum of active questions per level; ! marks a level below its minimum"
        )?;
    }
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
    match m.dimension {
        _ if m.is_crossed() => writeln!(w, "### Question bank coverage by {}", m.noun())?,
        Dimension::Topic => writeln!(w, "### Question bank coverage")?,
        d => writeln!(w, "### Question bank coverage by {}", d.noun())?,
    }
    writeln!(w)?;
    let levels: Vec<String> = m.levels.iter().map(|l| l.to_string()).collect();
    writeln!(w, "| {} | {} | questions |", m.noun(), levels.join(" | "))?;
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
        let title = if r.title == r.id {
            String::new()
        } else {
            format!(" {}", escape(&r.title))
        };
        let ids: Vec<String> = r.keys.iter().map(|k| format!("`{k}`")).collect();
        writeln!(
            w,
            "| {}{title} | {} | {} |",
            ids.join(" · "),
            cells.join(" | "),
            r.questions
        )?;
    }
    if !m.is_crossed() {
        let totals: Vec<String> = m.level_totals().iter().map(u32::to_string).collect();
        writeln!(
            w,
            "| **all {}** | {} | {} |",
            m.dimension.plural(),
            totals.join(" | "),
            m.rows.iter().map(|r| r.questions).sum::<u32>()
        )?;
    }
    writeln!(w)?;
    match m.dimension.minimums_file() {
        _ if m.is_crossed() => writeln!(
            w,
            "Cells show active questions; a question with two competencies counts in both rows."
        )?,
        Some(file) => writeln!(
            w,
            "Cells show active questions / the minimum from `{file}`; ❌ marks a level below its minimum."
        )?,
        None => writeln!(w, "Cells show active questions.")?,
    }
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
    /// With a competency matrix only; rows shaped as topics.
    #[serde(skip_serializing_if = "Option::is_none")]
    competencies: Option<Vec<TopicItem<'a>>>,
    /// With a kind matrix only.
    #[serde(skip_serializing_if = "Option::is_none")]
    kinds: Option<Vec<TopicItem<'a>>>,
    /// The crossings asked for ("topic × kind"), each with its rows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    crossings: Vec<CrossingItem<'a>>,
    /// Every topic × level × kind × competency cell that holds questions.
    #[serde(skip_serializing_if = "Option::is_none")]
    cube: Option<Vec<CubeItem<'a>>>,
    totals: Totals,
}

#[derive(Serialize)]
struct CrossingItem<'a> {
    /// The dimensions, in order: `topic`, `kind`, `competency`.
    by: Vec<&'static str>,
    rows: Vec<CrossedRow<'a>>,
}

#[derive(Serialize)]
struct CrossedRow<'a> {
    /// The id of each dimension of `by`.
    keys: Vec<&'a str>,
    title: &'a str,
    questions: u32,
    levels: Vec<CellItem>,
}

#[derive(Serialize)]
struct CubeItem<'a> {
    topic: &'a str,
    level: &'static str,
    kind: &'static str,
    /// `null` for questions that name no competency.
    competency: Option<&'a str>,
    count: u32,
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
    json_all(std::slice::from_ref(m), None, None, w)
}

/// The matrices as one JSON document: the topics' under `topics` (empty when not given),
/// the others under `competencies` and `kinds`, crossings under `crossings`, and the cube
/// under `cube` when given. `totals` counts the `active` questions (when not given, by the
/// topic table, else the kind table) and the gaps of every matrix.
pub fn json_all(
    matrices: &[Matrix],
    cube: Option<&[CubeCell]>,
    active: Option<usize>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let find = |d: Dimension| {
        matrices
            .iter()
            .find(|m| m.dimension == d && !m.is_crossed())
    };
    fn cells(r: &crate::coverage::Row) -> Vec<CellItem> {
        r.cells
            .iter()
            .map(|c| CellItem {
                level: c.level.as_str(),
                count: c.count,
                minimum: c.minimum,
                gap: c.gap(),
            })
            .collect()
    }
    let crossings = matrices
        .iter()
        .filter(|m| m.is_crossed())
        .map(|m| CrossingItem {
            by: m.crossing.iter().map(|d| d.noun()).collect(),
            rows: m
                .rows
                .iter()
                .map(|r| CrossedRow {
                    keys: r.keys.iter().map(String::as_str).collect(),
                    title: &r.title,
                    questions: r.questions,
                    levels: cells(r),
                })
                .collect(),
        })
        .collect();
    let cube = cube.map(|cells| {
        cells
            .iter()
            .map(|c| CubeItem {
                topic: &c.topic,
                level: c.level.as_str(),
                kind: c.kind.as_str(),
                competency: c.competency.as_deref(),
                count: c.count,
            })
            .collect()
    });
    fn rows(m: &Matrix) -> Vec<TopicItem<'_>> {
        m.rows
            .iter()
            .map(|r| TopicItem {
                id: &r.id,
                title: &r.title,
                questions: r.questions,
                levels: cells(r),
            })
            .collect()
    }
    let (gaps, missing) = matrices
        .iter()
        .filter(|m| !m.is_crossed())
        .map(gap_count)
        .fold((0, 0), |(g, m), (g2, m2)| (g + g2, m + m2));
    let levels = matrices
        .first()
        .map(|m| m.levels.iter().map(|l| l.as_str()).collect())
        .unwrap_or_default();
    let report = Report {
        version: VERSION,
        levels,
        topics: find(Dimension::Topic).map(rows).unwrap_or_default(),
        competencies: find(Dimension::Competency).map(rows),
        kinds: find(Dimension::Kind).map(rows),
        crossings,
        cube,
        totals: Totals {
            // The bank's count when given; else each question has one topic and one kind,
            // so either table counts each once.
            questions: active.map_or_else(
                || {
                    find(Dimension::Topic)
                        .or_else(|| find(Dimension::Kind))
                        .map(|m| m.rows.iter().map(|r| r.questions).sum())
                        .unwrap_or(0)
                },
                |n| n as u32,
            ),
            gaps,
            missing,
        },
    };
    serde_json::to_writer_pretty(&mut *w, &report)?;
    writeln!(w)
}
