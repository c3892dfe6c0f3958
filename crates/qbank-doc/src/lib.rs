//! The document model between a bank and the formats it is printed in.
//!
//! [`build_document`] turns a kit's [`Selection`] into a [`Document`]: a title, page header
//! and footer text, and a flat list of [`Block`]s (headings, paragraphs, checklists, rating
//! rows, ruled note lines, tables, page breaks and groups kept on one page). The PDF exporter
//! lays it out on pages; a DOCX exporter reads the same blocks. This crate knows no file
//! format, does no I/O and reads no clock: the date, the people's names and the bank revision
//! come in through [`KitOptions`], so the same inputs give the same document.
//!
//! For spreadsheets, [`table`] turns a bank or a kit into a [`Table`]: one row per question,
//! in a documented, stable column order.
//!
//! The document is `serde::Serialize`, which is how its tests snapshot it: a reviewer reads
//! the content of a printed kit without opening a PDF.
//!
//! ```
//! use qbank_core::{Bank, Kit, Level};
//! use qbank_doc::{build_document, Block, KitOptions};
//!
//! let bank = Bank::default();
//! let kit = Kit { seed: 1, ..Kit::new("empty", "An empty kit", Level::Mid) };
//! let selection = qbank_core::select(&bank, &kit, &[]).unwrap();
//! let options = KitOptions { revision: "abc1234".into(), ..KitOptions::default() };
//! let doc = build_document(&bank, &kit, &selection, &options);
//! assert!(matches!(&doc.blocks[0], Block::Title { text, .. } if text == "An empty kit"));
//! ```

pub mod interview_loop;
pub mod table;

pub use interview_loop::{build_debrief, loop_kit_options, DEFAULT_DECISION};
pub use table::{build_table, in_topic_order, BankView, Row, Table};

pub use qbank_core::Layout;
use qbank_core::{Bank, Edition, Kit, Question, SelectedSection, Selection};
use serde::Serialize;

/// A document, ready for an exporter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Document metadata.
    pub meta: Meta,
    /// Text at the top of every page.
    pub header: Running,
    /// Text at the bottom of every page. `{page}` and `{pages}` stand for the page number and
    /// the page count.
    pub footer: Running,
    /// How densely an exporter sets the blocks: the compact layout uses smaller type.
    #[serde(skip_serializing_if = "is_standard")]
    pub layout: Layout,
    pub blocks: Vec<Block>,
}

fn is_standard(layout: &Layout) -> bool {
    *layout == Layout::Standard
}

/// The type size (and the spaces between blocks) an exporter uses for `layout`, relative to
/// the standard layout's: the PDF and the DOCX set the compact layout at the same scale.
pub fn type_scale(layout: Layout) -> f32 {
    match layout {
        Layout::Standard => 1.0,
        Layout::Compact => 0.78,
    }
}

/// Metadata an exporter writes into the file's properties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub title: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// The document date, `YYYY-MM-DD`, when there is one.
    pub date: Option<String>,
    /// BCP 47 language tag of the text.
    pub lang: String,
}

/// A line of running text (header or footer), left- and right-aligned parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Running {
    pub left: String,
    pub right: String,
}

/// A piece of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub text: String,
    #[serde(skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub italic: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    pub fn italic(text: impl Into<String>) -> Run {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphStyle {
    /// Running text.
    Body,
    /// The text of a question: a little larger than the body.
    Lead,
    /// Small, quiet text: a question's topic, level and minutes.
    Meta,
}

/// How the items of a list are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListMarker {
    Bullet,
    /// A warning sign, for red flags.
    Flag,
}

/// A labelled value, or a blank to fill in by hand when the value is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub label: String,
    pub value: Option<String>,
}

/// One box of a rating row: its mark ("1", "Strong yes") and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub mark: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

/// A table column: its title and its share of the text width (the shares add up to 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub title: String,
    pub width: f32,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    Text(Vec<Run>),
    /// A row of small labelled tick boxes ("1 2 3 4").
    Boxes(Vec<String>),
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// The document's title, with an optional subtitle.
    Title {
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        subtitle: Option<String>,
    },
    /// A heading: 1 for a part of the document, 2 for a question, 3 for a label inside one.
    /// An exporter keeps a heading on the same page as what follows it.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        style: ParagraphStyle,
        runs: Vec<Run>,
    },
    List {
        marker: ListMarker,
        items: Vec<Vec<Run>>,
    },
    /// Items with a tick box each.
    Checklist {
        items: Vec<String>,
    },
    /// Labelled values, or blanks to fill in.
    Fields {
        fields: Vec<Field>,
    },
    /// A row of boxes to tick exactly one of, each with its meaning.
    RatingRow {
        label: String,
        choices: Vec<Choice>,
    },
    /// Ruled lines to write on.
    NoteLines {
        lines: u32,
    },
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<Cell>>,
    },
    PageBreak,
    /// Blocks an exporter never splits across pages (unless they are taller than a page).
    /// `source` names what they print, for warnings ("question canary-deployment").
    KeepTogether {
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<String>,
        blocks: Vec<Block>,
    },
}

/// Where a kit stands in an interview loop, printed on its cover.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterviewContext {
    /// The loop's id; the kit's fingerprint names `<loop>/<kit>`, since the loop decides what
    /// the kit draws.
    pub loop_id: String,
    pub loop_title: String,
    /// 1-based position of the interview in the loop, and the number of interviews.
    pub number: usize,
    pub of: usize,
    /// The interview's title.
    pub title: String,
    /// The interviewer's role.
    pub interviewer_role: Option<String>,
    /// What the interviewer listens for.
    pub focus: Option<String>,
    /// What the other interviews of the loop cover, one line each ("2. Technical: ...").
    pub others: Vec<String>,
}

/// The choices a user makes when printing a kit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KitOptions {
    pub candidate: Option<String>,
    pub interviewer: Option<String>,
    /// The interview date, `YYYY-MM-DD`; without one the kit has a blank to fill in.
    pub date: Option<String>,
    pub edition: Edition,
    /// The bank revision the kit was drawn from (a git commit, or
    /// [`qbank_core::content_revision`]).
    pub revision: String,
    pub layout: Layout,
    /// The loop the kit is an interview of, when it is printed as part of one.
    pub interview: Option<InterviewContext>,
}

/// The four points of the rating scale: mark, name, and what the interviewer heard.
pub const RATING_SCALE: [(&str, &str, &str); 4] = [
    (
        "1",
        "No signal",
        "Could not answer, or answered another question; nothing from \"a strong answer shows\".",
    ),
    (
        "2",
        "Weak",
        "Knows the words but not the practice; needed heavy prompting; one or two strong points at most.",
    ),
    (
        "3",
        "Solid",
        "Correct and grounded in real work; most strong points without prompting; no red flags.",
    ),
    (
        "4",
        "Strong",
        "Complete and precise; weighs trade-offs, gives numbers and limits; you learned something.",
    ),
];

/// The overall recommendation, from worst to best.
pub const RECOMMENDATIONS: [&str; 4] = ["Strong no", "No", "Yes", "Strong yes"];

/// Lines left for notes under each question (standard and compact layouts), and on the
/// scorecard.
const NOTE_LINES: u32 = 5;
const COMPACT_NOTE_LINES: u32 = 2;
const ANSWER_LINES: u32 = 8;
const SCORECARD_NOTE_LINES: u32 = 6;
/// Characters of a question's text shown on the scorecard.
const SCORECARD_TEXT: usize = 90;

/// Builds the printable document of a kit selection.
pub fn build_document(
    bank: &Bank,
    kit: &Kit,
    selection: &Selection,
    options: &KitOptions,
) -> Document {
    let interviewer = options.edition == Edition::Interviewer;
    let compact = options.layout == Layout::Compact;
    // In a loop the kit draws around the other interviews: its name says so.
    let kit_id = match &options.interview {
        Some(c) => format!("{}/{}", c.loop_id, kit.id),
        None => kit.id.clone(),
    };
    let fingerprint = qbank_core::fingerprint(&kit_id, selection.seed, &options.revision);
    let edition_name = match options.edition {
        Edition::Interviewer => "Interviewer edition",
        Edition::Candidate => "Candidate edition",
    };
    let count = selection.len();
    let mut blocks = Vec::new();

    // Cover.
    blocks.push(Block::Title {
        text: kit.title.clone(),
        subtitle: Some(edition_name.to_owned()),
    });
    let mut fields = vec![
        field("Role", kit.role.clone()),
        field("Level", Some(qbank_core::capitalize(kit.level.as_str()))),
    ];
    if let Some(c) = &options.interview {
        fields.push(field(
            "Loop",
            Some(format!(
                "{} · interview {} of {}",
                c.loop_title, c.number, c.of
            )),
        ));
        if interviewer {
            fields.push(field("Interviewer role", c.interviewer_role.clone()));
        }
    }
    fields.push(field("Candidate", options.candidate.clone()));
    if interviewer {
        fields.push(field("Interviewer", options.interviewer.clone()));
    }
    fields.push(field("Date", options.date.clone()));
    fields.push(field(
        "Planned duration",
        Some(duration_text(kit, selection, count)),
    ));
    blocks.push(Block::Fields { fields });
    if interviewer {
        if let Some(c) = &options.interview {
            if let Some(focus) = &c.focus {
                blocks.push(Block::Paragraph {
                    style: ParagraphStyle::Body,
                    runs: vec![Run::bold("Your focus: "), Run::plain(focus)],
                });
            }
            if !c.others.is_empty() {
                blocks.push(Block::Paragraph {
                    style: ParagraphStyle::Meta,
                    runs: vec![Run::plain(format!(
                        "The other interviews of the loop, which ask none of these questions: {}",
                        c.others.join("; ")
                    ))],
                });
            }
        }
        if let Some(description) = &kit.description {
            blocks.push(paragraph(ParagraphStyle::Body, description));
        }
    }
    blocks.push(Block::Heading {
        level: 1,
        text: "Time plan".to_owned(),
    });
    blocks.push(time_plan(kit, selection));
    if interviewer && compact {
        // A screen is read in a minute: two lines, and the scale is on every rating row.
        blocks.push(Block::Heading {
            level: 1,
            text: "How to use this kit".to_owned(),
        });
        blocks.push(list(
            ListMarker::Bullet,
            &[
                "For interviewers only: do not hand it to the candidate. Ask each question as written, probe with the follow-ups, tick what you hear.",
                "Rate each question straight after it: each rating row says what a 1, 2, 3 and 4 answer sounds like. Fill in the scorecard before talking to anyone.",
            ],
        ));
    } else if interviewer {
        // The instructions follow the cover: with the time plan they fill one page for a
        // short kit, and run on for a long one.
        blocks.push(Block::Heading {
            level: 1,
            text: "How to use this kit".to_owned(),
        });
        blocks.push(list(
            ListMarker::Bullet,
            &[
                "This edition is for interviewers only: it holds what a strong answer shows and the red flags. Do not hand it to the candidate.",
                "Ask each question as written, then use the follow-ups to dig into the answer; move on when the time plan says so.",
                "Tick each point of \"a strong answer shows\" as you hear it, without prompting for it; note red flags as they come.",
                "Rate each question on the 1–4 scale straight after it, while the answer is fresh.",
                "Fill in the scorecard on your own at the end, before talking to the other interviewers.",
            ],
        ));
        blocks.push(Block::Heading {
            level: 1,
            text: "Rating scale".to_owned(),
        });
        blocks.push(Block::Table {
            columns: vec![
                Column {
                    title: "Rating".to_owned(),
                    width: 0.2,
                },
                Column {
                    title: "What you heard".to_owned(),
                    width: 0.8,
                },
            ],
            rows: RATING_SCALE
                .iter()
                .map(|(mark, name, meaning)| {
                    vec![
                        Cell::Text(vec![Run::bold(format!("{mark} {name}"))]),
                        Cell::Text(vec![Run::plain(*meaning)]),
                    ]
                })
                .collect(),
        });
    } else {
        blocks.push(Block::Heading {
            level: 1,
            text: "Before you start".to_owned(),
        });
        blocks.push(list(
            ListMarker::Bullet,
            &[
                &format!(
                    "There are {} in this kit. The minutes beside each are a guide, not a limit.",
                    plural(count, "question")
                ),
                "Answer in your own words, from your own work where you can. When a question leaves something open, say what you would check or ask.",
                "Expect follow-up questions on your answer: what you measured, what you would do differently, what could go wrong.",
                "Write your answers, or notes for them, in the space under each question.",
            ],
        ));
    }

    // Questions.
    // Sections follow each other, and the first follows the instructions, on the same page:
    // a question moves whole to the next page when it does not fit, and a heading always
    // stays with what follows.
    let mut number = 0;
    for section in &selection.sections {
        if section.questions.is_empty() {
            continue;
        }
        if compact {
            // One small line instead of a heading and a line of detail.
            blocks.push(Block::Heading {
                level: 3,
                text: format!("{} · {}", section.title, section_meta(section, interviewer)),
            });
        } else {
            blocks.push(Block::Heading {
                level: 1,
                text: section.title.clone(),
            });
            blocks.push(paragraph(
                ParagraphStyle::Meta,
                &section_meta(section, interviewer),
            ));
        }
        for &i in &section.questions {
            number += 1;
            let q = &bank.questions[i];
            blocks.push(question_block(
                bank,
                kit,
                q,
                number,
                count,
                interviewer,
                options.layout,
            ));
        }
    }

    // Scorecard.
    if interviewer {
        if !compact {
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::Heading {
            level: 1,
            text: "Scorecard".to_owned(),
        });
        blocks.push(Block::Fields {
            fields: vec![
                field("Candidate", options.candidate.clone()),
                field("Interviewer", options.interviewer.clone()),
            ],
        });
        let marks: Vec<String> = RATING_SCALE.iter().map(|r| r.0.to_owned()).collect();
        let rows = selection
            .questions(bank)
            .enumerate()
            .map(|(n, q)| {
                vec![
                    Cell::Text(vec![Run::plain((n + 1).to_string())]),
                    Cell::Text(vec![Run::plain(scorecard_name(q))]),
                    Cell::Boxes(marks.clone()),
                ]
            })
            .collect();
        blocks.push(Block::Table {
            columns: vec![
                Column {
                    title: "#".to_owned(),
                    width: 0.08,
                },
                Column {
                    title: "Question".to_owned(),
                    width: 0.64,
                },
                Column {
                    title: "Rating".to_owned(),
                    width: 0.28,
                },
            ],
            rows,
        });
        let recommendation = [
            Block::Heading {
                level: 3,
                text: "Overall recommendation".to_owned(),
            },
            recommendation_row(),
        ];
        let notes = |lines| {
            [
                Block::Heading {
                    level: 3,
                    text: "Notes".to_owned(),
                },
                Block::NoteLines { lines },
            ]
        };
        let signature = Block::Fields {
            fields: vec![field("Signature", None), field("Date", None)],
        };
        // The compact scorecard signs before its notes, whose lines then run to the bottom
        // of the page, or give way to keep the scorecard on the page of the last question.
        let blocks_of_scorecard: Vec<Block> = if compact {
            recommendation
                .into_iter()
                .chain([signature])
                .chain(notes(COMPACT_NOTE_LINES + 1))
                .collect()
        } else {
            recommendation
                .into_iter()
                .chain(notes(SCORECARD_NOTE_LINES))
                .chain([signature])
                .collect()
        };
        blocks.push(Block::KeepTogether {
            source: Some("scorecard".to_owned()),
            blocks: blocks_of_scorecard,
        });
    }

    let fingerprint_text = format!(
        "{} · seed {} · bank {} · {}",
        kit_id, selection.seed, options.revision, fingerprint
    );
    Document {
        meta: Meta {
            title: kit.title.clone(),
            subject: format!(
                "{} — {}",
                kit.role.as_deref().unwrap_or(&kit.title),
                edition_name
            ),
            keywords: vec![
                kit_id.clone(),
                format!("seed {}", selection.seed),
                format!("bank {}", options.revision),
                fingerprint.clone(),
            ],
            date: options.date.clone(),
            lang: "en".to_owned(),
        },
        header: Running {
            left: kit.title.clone(),
            right: match &options.candidate {
                Some(name) => format!("{name} · {edition_name}"),
                None => edition_name.to_owned(),
            },
        },
        footer: Running {
            left: fingerprint_text,
            right: "page {page} of {pages}".to_owned(),
        },
        layout: options.layout,
        blocks,
    }
}

/// One question: number, meta, text, follow-ups, and for interviewers the rubric, the rating
/// row and room for notes; all kept on one page.
fn question_block(
    bank: &Bank,
    kit: &Kit,
    q: &Question,
    number: usize,
    count: usize,
    interviewer: bool,
    layout: Layout,
) -> Block {
    let topic = bank
        .topic(&q.topic)
        .map_or_else(|| q.topic.clone(), |t| t.title.clone());
    let mut blocks = vec![
        Block::Heading {
            level: 2,
            text: format!("Question {number} of {count}"),
        },
        paragraph(
            ParagraphStyle::Meta,
            &if interviewer {
                format!(
                    "{topic} · {} · {} min · {}",
                    qbank_core::capitalize(kit.level.as_str()),
                    q.minutes_or_default(),
                    q.id
                )
            } else {
                format!(
                    "{topic} · {} · {} min",
                    qbank_core::capitalize(kit.level.as_str()),
                    q.minutes_or_default()
                )
            },
        ),
        paragraph(ParagraphStyle::Lead, &q.text),
    ];
    // The competencies the question measures: what the interviewer is rating. On a line of
    // its own, or at the end of the details line in the compact layout.
    if interviewer && !q.competencies.is_empty() {
        let names: Vec<String> = q
            .competencies
            .iter()
            .map(|c| competency_title(bank, c))
            .collect();
        if layout == Layout::Compact {
            if let Block::Paragraph { runs, .. } = &mut blocks[1] {
                runs.push(Run::plain(" · "));
                runs.push(Run::bold("Measures: "));
                runs.push(Run::plain(names.join(" · ")));
            }
        } else {
            blocks.insert(
                2,
                Block::Paragraph {
                    style: ParagraphStyle::Meta,
                    runs: vec![Run::bold("Measures: "), Run::plain(names.join(" · "))],
                },
            );
        }
    }
    // Follow-ups are the interviewer's probes: in a scenario they often reveal what the
    // candidate is meant to find out, so the candidate's edition leaves them out.
    if interviewer && !q.follow_ups.is_empty() && layout == Layout::Compact {
        // One paragraph: a compact page holds two or three questions.
        let mut runs = vec![Run::bold("Follow-ups: ")];
        for (n, f) in q.follow_ups.iter().enumerate() {
            if n > 0 {
                runs.push(Run::plain(" · "));
            }
            runs.push(Run::plain(f));
        }
        blocks.push(Block::Paragraph {
            style: ParagraphStyle::Body,
            runs,
        });
    } else if interviewer && !q.follow_ups.is_empty() {
        blocks.push(Block::Heading {
            level: 3,
            text: "Follow-ups".to_owned(),
        });
        blocks.push(list(
            ListMarker::Bullet,
            &q.follow_ups.iter().map(String::as_str).collect::<Vec<_>>(),
        ));
    }
    if interviewer {
        if let Some(expect) = q.rubric.expect(kit.level) {
            blocks.push(Block::Paragraph {
                style: ParagraphStyle::Body,
                runs: vec![
                    Run::bold(format!("At {} level: ", kit.level.as_str())),
                    Run::plain(expect),
                ],
            });
        }
        if !q.rubric.strong.is_empty() {
            blocks.push(Block::Heading {
                level: 3,
                text: "A strong answer shows".to_owned(),
            });
            blocks.push(Block::Checklist {
                items: q.rubric.strong.clone(),
            });
        }
        if !q.rubric.red_flags.is_empty() && layout == Layout::Compact {
            // One paragraph instead of a list: a compact page holds two or three questions.
            let mut runs = vec![Run::bold("Red flags: ")];
            runs.push(Run::plain(q.rubric.red_flags.join(" · ")));
            blocks.push(Block::Paragraph {
                style: ParagraphStyle::Body,
                runs,
            });
        } else if !q.rubric.red_flags.is_empty() {
            blocks.push(Block::Heading {
                level: 3,
                text: "Red flags".to_owned(),
            });
            blocks.push(list(
                ListMarker::Flag,
                &q.rubric
                    .red_flags
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            ));
        }
        blocks.push(rating_row(q, kit.level));
        match layout {
            Layout::Standard => {
                blocks.push(Block::Heading {
                    level: 3,
                    text: "Notes".to_owned(),
                });
                blocks.push(Block::NoteLines { lines: NOTE_LINES });
            }
            Layout::Compact => blocks.push(Block::NoteLines {
                lines: COMPACT_NOTE_LINES,
            }),
        }
    } else {
        blocks.push(Block::Heading {
            level: 3,
            text: "Your answer".to_owned(),
        });
        blocks.push(Block::NoteLines {
            lines: ANSWER_LINES,
        });
    }
    Block::KeepTogether {
        source: Some(format!("question {}", q.id)),
        blocks,
    }
}

/// The time plan: when each section starts, with introductions before and the candidate's
/// questions after when the kit has a duration.
fn time_plan(kit: &Kit, selection: &Selection) -> Block {
    let slots: Vec<(String, usize, u32, u32)> = selection
        .sections
        .iter()
        .filter(|s| !s.questions.is_empty())
        .map(|s| {
            (
                s.title.clone(),
                s.questions.len(),
                s.budget.unwrap_or(s.minutes),
                slack(s),
            )
        })
        .collect();
    let planned: u32 = slots.iter().map(|s| s.2).sum();
    let spare = kit
        .duration_minutes
        .map_or(0, |d| d.saturating_sub(planned));
    let intro = spare / 2;
    let mut rows = Vec::new();
    let mut at = 0;
    let mut row = |at: &mut u32, what: &str, questions: String, minutes: u32, bold: bool| {
        let style = if bold { Run::bold } else { Run::plain };
        rows.push(vec![
            Cell::Text(vec![Run::plain(clock(*at))]),
            Cell::Text(vec![style(what.to_owned())]),
            Cell::Text(vec![Run::plain(questions)]),
            Cell::Text(vec![Run::plain(format!("{minutes} min"))]),
        ]);
        *at += minutes;
    };
    if intro > 0 {
        row(&mut at, "Introductions", String::new(), intro, false);
    }
    for (title, n, minutes, slack) in &slots {
        let what = match slack {
            0 => title.clone(),
            s => format!("{title} ({s} min for probing and follow-ups)"),
        };
        row(&mut at, &what, n.to_string(), *minutes, true);
    }
    if spare > intro {
        row(
            &mut at,
            "Candidate's questions and wrap-up",
            String::new(),
            spare - intro,
            false,
        );
    }
    let total = at;
    rows.push(vec![
        Cell::Text(vec![Run::plain(clock(total))]),
        Cell::Text(vec![Run::bold("End")]),
        Cell::Text(vec![Run::plain(selection.len().to_string())]),
        Cell::Text(vec![Run::bold(format!("{total} min"))]),
    ]);
    Block::Table {
        columns: vec![
            Column {
                title: "Start".to_owned(),
                width: 0.12,
            },
            Column {
                title: "Section".to_owned(),
                width: 0.58,
            },
            Column {
                title: "Questions".to_owned(),
                width: 0.15,
            },
            Column {
                title: "Time".to_owned(),
                width: 0.15,
            },
        ],
        rows,
    }
}

/// The rating row of a question: the anchors of the kit's level (`rubric.levels.<level>.anchors`),
/// else the question's (`rubric.anchors`), point by point; the generic scale's names where the
/// question has none.
fn rating_row(q: &Question, level: qbank_core::Level) -> Block {
    let anchors = q.rubric.anchors_for(level);
    Block::RatingRow {
        label: "Rating".to_owned(),
        choices: RATING_SCALE
            .iter()
            .zip(qbank_core::Anchors::POINTS)
            .map(|((mark, name, _), point)| Choice {
                mark: (*mark).to_owned(),
                anchor: Some(match anchors.and_then(|a| a.get(point)) {
                    Some(text) => format!("{name}: {text}"),
                    None => (*name).to_owned(),
                }),
            })
            .collect(),
    }
}

/// A competency's title, from competencies.yaml; its id when the bank does not declare it.
pub(crate) fn competency_title(bank: &Bank, id: &str) -> String {
    bank.competency(id)
        .map_or_else(|| id.to_owned(), |c| c.title.clone())
}

/// Minutes of a section's slot that its questions leave over.
fn slack(section: &SelectedSection) -> u32 {
    section
        .budget
        .map_or(0, |b| b.saturating_sub(section.minutes))
}

/// "2 questions · 14 minutes: 9 for the questions, 5 for probing and follow-ups".
fn section_meta(section: &SelectedSection, interviewer: bool) -> String {
    let n = plural(section.questions.len(), "question");
    let slot = section.budget.unwrap_or(section.minutes);
    match slack(section) {
        0 => format!("{n} · {slot} minutes"),
        s if interviewer => format!(
            "{n} · {slot} minutes: {} for the questions, {s} for probing and follow-ups",
            section.minutes
        ),
        _ => format!("{n} · {slot} minutes"),
    }
}

/// How the scorecard names a question: its `title`, else its text cut at a word boundary.
fn scorecard_name(q: &Question) -> String {
    match &q.title {
        Some(title) if !title.trim().is_empty() => short(title, SCORECARD_TEXT),
        _ => short(&q.text, SCORECARD_TEXT),
    }
}

fn duration_text(kit: &Kit, selection: &Selection, count: usize) -> String {
    let questions = plural(count, "question");
    match kit.duration_minutes {
        Some(d) => format!(
            "{d} minutes: {questions} taking {} minutes",
            selection.total_minutes
        ),
        None => format!("{} minutes: {questions}", selection.total_minutes),
    }
}

/// `h:mm` from minutes.
fn clock(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// The text cut at a word boundary to at most `max` characters (the ellipsis included), with
/// an ellipsis when cut. A word is never cut, unless the first word alone is longer than `max`.
pub fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    // Room for the ellipsis.
    let room = max.saturating_sub(1).max(1);
    let chars: Vec<char> = text.chars().collect();
    // The last space such that everything before it fits; a word boundary only where the
    // next character starts a new word.
    let mut end = None;
    for (i, c) in chars.iter().enumerate().take(room + 1) {
        if c.is_whitespace() {
            end = Some(i);
        }
    }
    let kept: String = match end {
        Some(i) => chars[..i].iter().collect(),
        None => chars[..room].iter().collect(),
    };
    let kept = kept.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | '-' | '–' | '—')
    });
    format!("{kept}…")
}

fn field(label: &str, value: Option<String>) -> Field {
    Field {
        label: label.to_owned(),
        value: value.filter(|v| !v.trim().is_empty()),
    }
}

/// The row to mark the overall recommendation on, one box for each of [`RECOMMENDATIONS`].
fn recommendation_row() -> Block {
    Block::RatingRow {
        label: String::new(),
        choices: RECOMMENDATIONS
            .iter()
            .map(|r| Choice {
                mark: (*r).to_owned(),
                anchor: None,
            })
            .collect(),
    }
}

fn paragraph(style: ParagraphStyle, text: &str) -> Block {
    Block::Paragraph {
        style,
        runs: vec![Run::plain(text)],
    }
}

fn list(marker: ListMarker, items: &[&str]) -> Block {
    Block::List {
        marker,
        items: items.iter().map(|t| vec![Run::plain(*t)]).collect(),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Document {
    /// All the text of the document's blocks, in order (for tests and search).
    pub fn text(&self) -> String {
        fn walk(blocks: &[Block], out: &mut String) {
            for b in blocks {
                match b {
                    Block::Title { text, subtitle } => {
                        out.push_str(text);
                        out.push('\n');
                        if let Some(s) = subtitle {
                            out.push_str(s);
                            out.push('\n');
                        }
                    }
                    Block::Heading { text, .. } => {
                        out.push_str(text);
                        out.push('\n');
                    }
                    Block::Paragraph { runs, .. } => {
                        runs.iter().for_each(|r| out.push_str(&r.text));
                        out.push('\n');
                    }
                    Block::List { items, .. } => {
                        for item in items {
                            item.iter().for_each(|r| out.push_str(&r.text));
                            out.push('\n');
                        }
                    }
                    Block::Checklist { items } => {
                        for item in items {
                            out.push_str(item);
                            out.push('\n');
                        }
                    }
                    Block::Fields { fields } => {
                        for f in fields {
                            out.push_str(&f.label);
                            out.push_str(": ");
                            out.push_str(f.value.as_deref().unwrap_or(""));
                            out.push('\n');
                        }
                    }
                    Block::RatingRow { label, choices } => {
                        out.push_str(label);
                        for c in choices {
                            out.push(' ');
                            out.push_str(&c.mark);
                        }
                        out.push('\n');
                    }
                    Block::Table { columns, rows } => {
                        let titles: Vec<&str> = columns.iter().map(|c| c.title.as_str()).collect();
                        out.push_str(&titles.join(" | "));
                        out.push('\n');
                        for row in rows {
                            let cells: Vec<String> = row
                                .iter()
                                .map(|c| match c {
                                    Cell::Text(runs) => {
                                        runs.iter().map(|r| r.text.as_str()).collect()
                                    }
                                    Cell::Boxes(b) => b.join(" "),
                                })
                                .collect();
                            out.push_str(&cells.join(" | "));
                            out.push('\n');
                        }
                    }
                    Block::NoteLines { .. } | Block::PageBreak => {}
                    Block::KeepTogether { blocks, .. } => walk(blocks, out),
                }
            }
        }
        let mut out = String::new();
        walk(&self.blocks, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn short_cuts_at_a_word_boundary_never_inside_a_word() {
        let text = "How would you monitor a recommendation model whose labels arrive weeks after its predictions?";
        for max in 10..text.len() {
            let cut = short(text, max);
            assert!(cut.chars().count() <= max, "{max}: {cut}");
            let kept = cut.trim_end_matches('…');
            assert!(text.starts_with(kept), "{max}: {cut}");
            let next = text[kept.len()..].chars().next();
            assert!(next.is_none_or(|c| c == ' '), "{max}: {cut:?} cuts a word");
        }
        assert_eq!(short(text, 200), text);
        assert_eq!(short(text, 30), "How would you monitor a…");
        assert_eq!(short("Supercalifragilistic", 8), "Superca…");
        assert_eq!(short("Drift, retraining and rollback", 16), "Drift…");
    }
}
