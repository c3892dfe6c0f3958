//! The documents of an interview loop: every interviewer's kit, and the debrief sheet.
//!
//! [`loop_kit_options`] gives each interview's kit its place in the loop (printed on its
//! cover: the interviewer's role and focus, what the other interviews cover), and
//! [`build_debrief`] the sheet the interviewers fill in together afterwards: the competency ×
//! interview grid with a rating to tick where an interview covers the competency, the
//! decision rule and the decision.

use qbank_core::{Bank, Loop, LoopSelection};

use crate::{
    field, paragraph, plural, recommendation_row, Block, Cell, Column, Document, KitOptions, Meta,
    ParagraphStyle, Run, Running, RATING_SCALE,
};

/// The decision rule printed when the loop file gives none.
pub const DEFAULT_DECISION: &str = "Each interviewer rates on their own before the debrief. \
Hire when every competency of the loop has at least one rating of 3 or 4, no competency is rated \
1, and no interviewer recommends \"Strong no\". A split on a competency is settled by the evidence \
in the notes, not by averaging: if the evidence is missing, the answer is no.";

/// Lines left for the debrief's notes.
const DEBRIEF_NOTE_LINES: u32 = 6;

/// The options of interview `n` (0-based) of the loop: `base` plus the loop context.
pub fn loop_kit_options(
    bank: &Bank,
    lp: &Loop,
    selection: &LoopSelection,
    n: usize,
    base: &KitOptions,
) -> KitOptions {
    let drawn = &selection.interviews[n];
    let others = selection
        .interviews
        .iter()
        .enumerate()
        .filter(|(m, _)| *m != n)
        .map(|(m, i)| {
            let what = if i.competencies.is_empty() {
                bank.kits[i.kit].title.clone()
            } else {
                competency_titles(bank, &i.competencies).join(", ")
            };
            format!("{}. {}: {what}", m + 1, i.title)
        })
        .collect();
    KitOptions {
        interview: Some(crate::InterviewContext {
            loop_id: lp.id.clone(),
            loop_title: lp.title.clone(),
            number: n + 1,
            of: selection.interviews.len(),
            title: drawn.title.clone(),
            interviewer_role: drawn.interviewer.clone(),
            focus: drawn.focus.clone(),
            others,
        }),
        ..base.clone()
    }
}

use crate::competency_title;

fn competency_titles(bank: &Bank, ids: &[String]) -> Vec<String> {
    ids.iter().map(|c| competency_title(bank, c)).collect()
}

/// The debrief sheet of a drawn loop.
pub fn build_debrief(
    bank: &Bank,
    lp: &Loop,
    selection: &LoopSelection,
    options: &KitOptions,
) -> Document {
    let seeds: Vec<String> = selection
        .interviews
        .iter()
        .map(|i| i.selection.seed.to_string())
        .collect();
    let fingerprint = qbank_core::fingerprint(&lp.id, selection.seed, &options.revision);
    let mut blocks = vec![
        Block::Title {
            text: lp.title.clone(),
            subtitle: Some("Debrief sheet".to_owned()),
        },
        Block::Fields {
            fields: vec![
                field("Role", lp.role.clone()),
                field("Candidate", options.candidate.clone()),
                field("Date", options.date.clone()),
                field(
                    "Loop",
                    Some(format!(
                        "{}, {}",
                        plural(selection.interviews.len(), "interview"),
                        plural(selection.len(), "question")
                    )),
                ),
            ],
        },
    ];
    if let Some(d) = &lp.description {
        blocks.push(paragraph(ParagraphStyle::Body, d));
    }

    blocks.push(Block::Heading {
        level: 1,
        text: "Interviews".to_owned(),
    });
    blocks.push(Block::Table {
        columns: vec![
            column("#", 0.06),
            column("Interview", 0.3),
            column("Interviewer", 0.22),
            column("Focus", 0.42),
        ],
        rows: selection
            .interviews
            .iter()
            .enumerate()
            .map(|(n, i)| {
                let kit = &bank.kits[i.kit];
                vec![
                    text_cell((n + 1).to_string()),
                    Cell::Text(vec![
                        Run::bold(i.title.clone()),
                        Run::plain(format!(
                            " ({} · {})",
                            plural(i.selection.len(), "question"),
                            kit.duration_minutes.map_or_else(
                                || format!("{} min", i.selection.total_minutes),
                                |d| { format!("{d} min") }
                            )
                        )),
                    ]),
                    text_cell(i.interviewer.clone().unwrap_or_default()),
                    text_cell(i.focus.clone().unwrap_or_default()),
                ]
            })
            .collect(),
    });

    // The grid: a rating to tick where an interview covers a competency.
    blocks.push(Block::Heading {
        level: 1,
        text: "Ratings by competency".to_owned(),
    });
    blocks.push(paragraph(
        ParagraphStyle::Meta,
        "Each interviewer ticks their own column, from their kit's ratings, before the debrief. \
         \"—\": the interview does not cover the competency. \"not covered\": no interview does; \
         decide how to get the evidence before deciding.",
    ));
    let count = selection.interviews.len();
    let first = if count > 3 { 0.28 } else { 0.34 };
    let mut columns = vec![column("Competency", first)];
    let each = (1.0 - first) / count.max(1) as f32;
    for (n, i) in selection.interviews.iter().enumerate() {
        columns.push(column(&format!("{}. {}", n + 1, i.title), each));
    }
    let marks: Vec<String> = RATING_SCALE.iter().map(|r| r.0.to_owned()).collect();
    let mut rows = Vec::new();
    for c in &selection.coverage {
        let mut name = vec![Run::bold(competency_title(bank, &c.competency))];
        if !c.required {
            name.push(Run::italic(" (not in the loop's list)"));
        } else if c.interviews.is_empty() {
            name.push(Run::italic(" (not covered)"));
        }
        let mut row = vec![Cell::Text(name)];
        for n in 0..count {
            row.push(if c.interviews.contains(&n) {
                Cell::Boxes(marks.clone())
            } else {
                text_cell("—".to_owned())
            });
        }
        rows.push(row);
    }
    let mut overall = vec![Cell::Text(vec![Run::bold("Overall")])];
    overall.extend((0..count).map(|_| Cell::Boxes(marks.clone())));
    rows.push(overall);
    blocks.push(Block::Table { columns, rows });

    blocks.push(Block::KeepTogether {
        source: Some("debrief decision".to_owned()),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "Decision rule".to_owned(),
            },
            paragraph(
                ParagraphStyle::Body,
                lp.decision.as_deref().unwrap_or(DEFAULT_DECISION),
            ),
            Block::Heading {
                level: 3,
                text: "Decision".to_owned(),
            },
            recommendation_row(),
            Block::Heading {
                level: 3,
                text: "Evidence and open questions".to_owned(),
            },
            Block::NoteLines {
                lines: DEBRIEF_NOTE_LINES,
            },
            Block::Fields {
                fields: vec![field("Decided by", None), field("Date", None)],
            },
        ],
    });

    let fingerprint_text = format!(
        "{} · seeds {} · bank {} · {}",
        lp.id,
        seeds.join(", "),
        options.revision,
        fingerprint
    );
    Document {
        meta: Meta {
            title: format!("{} — debrief", lp.title),
            subject: format!(
                "{} — Debrief sheet",
                lp.role.as_deref().unwrap_or(&lp.title)
            ),
            keywords: vec![
                lp.id.clone(),
                format!("seeds {}", seeds.join(", ")),
                format!("bank {}", options.revision),
                fingerprint,
            ],
            date: options.date.clone(),
            lang: "en".to_owned(),
        },
        header: Running {
            left: lp.title.clone(),
            right: match &options.candidate {
                Some(name) => format!("{name} · Debrief sheet"),
                None => "Debrief sheet".to_owned(),
            },
        },
        footer: Running {
            left: fingerprint_text,
            right: "page {page} of {pages}".to_owned(),
        },
        layout: crate::Layout::Standard,
        blocks,
    }
}

fn column(title: &str, width: f32) -> Column {
    Column {
        title: title.to_owned(),
        width,
    }
}

fn text_cell(text: String) -> Cell {
    Cell::Text(vec![Run::plain(text)])
}
