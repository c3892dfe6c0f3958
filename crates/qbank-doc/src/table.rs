//! The table model: one row per question, one column per field.
//!
//! This is what a spreadsheet export shows and what a spreadsheet import reads back. The columns
//! have stable names, used as the header row of a CSV file and by `--columns`; the default set
//! and its order are [`Column::DEFAULT`]:
//!
//! | column       | holds                                                        |
//! |--------------|--------------------------------------------------------------|
//! | `id`         | the question's id                                            |
//! | `topic`      | the id of its topic                                          |
//! | `levels`     | its levels, one per line (`junior`, `mid`, `senior`, `staff`) |
//! | `kind`       | `concept`, `experience`, `tooling`, `scenario` or `behavioral` |
//! | `minutes`    | minutes it takes, empty when the question does not say       |
//! | `text`       | the question                                                 |
//! | `follow_ups` | follow-up questions, one per line                            |
//! | `strong`     | the rubric's signals of a strong answer, one per line        |
//! | `red_flags`  | the rubric's red flags, one per line                         |
//! | `tags`       | its tags, one per line                                       |
//! | `status`     | `draft`, `active` or `retired`                               |
//! | `source`     | where it comes from, empty when unknown                      |
//!
//! Two more columns are available on request ([`Column::ALL`]): `similar_to` (one line per
//! similar question, `id` or `id: reason`) and `reviewed` (`YYYY-MM-DD`).
//!
//! A list is a [`Cell::List`]: how its items share one cell is the output format's business.
//!
//! ```
//! use qbank_doc::{build_table, table::{Cell, Column}};
//! # let q: qbank_core::Question = serde_json::from_value(serde_json::json!({
//! #     "id": "canary", "text": "What is a canary?", "topic": "deployment",
//! #     "levels": ["mid", "senior"], "kind": "concept"})).unwrap();
//! let table = build_table([&q], &[Column::Id, Column::Levels, Column::Minutes]);
//! assert_eq!(table.rows[0].cells, [
//!     Cell::Text("canary".into()),
//!     Cell::List(vec!["mid".into(), "senior".into()]),
//!     Cell::Text(String::new()),
//! ]);
//! ```

use std::collections::HashMap;
use std::fmt;

use qbank_core::{Bank, Question};

/// A column of the question table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Id,
    Topic,
    Levels,
    Kind,
    Minutes,
    Text,
    FollowUps,
    Strong,
    RedFlags,
    Tags,
    Status,
    Source,
    SimilarTo,
    Reviewed,
}

impl Column {
    /// The columns of an export when none are chosen, in their stable order.
    pub const DEFAULT: [Column; 12] = [
        Column::Id,
        Column::Topic,
        Column::Levels,
        Column::Kind,
        Column::Minutes,
        Column::Text,
        Column::FollowUps,
        Column::Strong,
        Column::RedFlags,
        Column::Tags,
        Column::Status,
        Column::Source,
    ];

    /// Every column: the default ones, then `similar_to` and `reviewed`.
    pub const ALL: [Column; 14] = {
        let mut all = [Column::Id; 14];
        let mut i = 0;
        while i < Column::DEFAULT.len() {
            all[i] = Column::DEFAULT[i];
            i += 1;
        }
        all[12] = Column::SimilarTo;
        all[13] = Column::Reviewed;
        all
    };

    /// The stable name: the header of the column and its name in `--columns`.
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Topic => "topic",
            Column::Levels => "levels",
            Column::Kind => "kind",
            Column::Minutes => "minutes",
            Column::Text => "text",
            Column::FollowUps => "follow_ups",
            Column::Strong => "strong",
            Column::RedFlags => "red_flags",
            Column::Tags => "tags",
            Column::Status => "status",
            Column::Source => "source",
            Column::SimilarTo => "similar_to",
            Column::Reviewed => "reviewed",
        }
    }

    /// The column named `name`. Case, spaces and hyphens do not matter (`Follow-ups` is
    /// `follow_ups`), and `strong_signals` is accepted for `strong`.
    pub fn parse(name: &str) -> Option<Column> {
        let normal: String = name
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '-' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        if normal == "strong_signals" {
            return Some(Column::Strong);
        }
        Column::ALL.into_iter().find(|c| c.name() == normal)
    }

    /// Whether the column holds a list.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Column::Levels
                | Column::FollowUps
                | Column::Strong
                | Column::RedFlags
                | Column::Tags
                | Column::SimilarTo
        )
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// A single value; empty for an absent one.
    Text(String),
    /// A list of values, possibly empty.
    List(Vec<String>),
}

/// One question's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The question's id, whether or not it has a column, so that problems can name it.
    pub id: String,
    /// One cell per column of the table.
    pub cells: Vec<Cell>,
}

/// Questions as rows and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// The table of `questions` (one row each, in the order given) with `columns`.
pub fn build_table<'q>(
    questions: impl IntoIterator<Item = &'q Question>,
    columns: &[Column],
) -> Table {
    let rows = questions
        .into_iter()
        .map(|q| Row {
            id: q.id.clone(),
            cells: columns.iter().map(|&c| cell(q, c)).collect(),
        })
        .collect();
    Table {
        columns: columns.to_vec(),
        rows,
    }
}

/// The cell of `q` in `column`.
pub fn cell(q: &Question, column: Column) -> Cell {
    let text = |s: &str| Cell::Text(s.to_owned());
    match column {
        Column::Id => text(&q.id),
        Column::Topic => text(&q.topic),
        Column::Levels => Cell::List(q.levels.iter().map(|l| l.as_str().to_owned()).collect()),
        Column::Kind => text(q.kind.as_str()),
        Column::Minutes => Cell::Text(q.minutes.map(|m| m.to_string()).unwrap_or_default()),
        Column::Text => text(&q.text),
        Column::FollowUps => Cell::List(q.follow_ups.clone()),
        Column::Strong => Cell::List(q.rubric.strong.clone()),
        Column::RedFlags => Cell::List(q.rubric.red_flags.clone()),
        Column::Tags => Cell::List(q.tags.clone()),
        Column::Status => text(q.status.as_str()),
        Column::Source => text(q.source.as_deref().unwrap_or_default()),
        Column::SimilarTo => Cell::List(
            q.similar_to
                .iter()
                .map(|s| match &s.reason {
                    Some(reason) => format!("{}: {reason}", s.id),
                    None => s.id.clone(),
                })
                .collect(),
        ),
        Column::Reviewed => text(q.reviewed.as_deref().unwrap_or_default()),
    }
}

/// The bank's questions grouped by topic in the order of `topics.yaml` (questions of topics it
/// does not list come last), each group in path order.
pub fn in_topic_order(bank: &Bank) -> Vec<&Question> {
    let rank: HashMap<&str, usize> = bank
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut questions: Vec<&Question> = bank.questions.iter().collect();
    questions.sort_by_key(|q| rank.get(q.topic.as_str()).copied().unwrap_or(usize::MAX));
    questions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_parse_back() {
        for c in Column::ALL {
            assert_eq!(Column::parse(c.name()), Some(c));
        }
        let mut names: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Column::ALL.len());
        assert_eq!(Column::ALL[..12], Column::DEFAULT);
    }

    #[test]
    fn header_names_are_forgiving() {
        assert_eq!(Column::parse("Follow-ups"), Some(Column::FollowUps));
        assert_eq!(Column::parse(" Red flags "), Some(Column::RedFlags));
        assert_eq!(Column::parse("Strong signals"), Some(Column::Strong));
        assert_eq!(Column::parse("similar to"), Some(Column::SimilarTo));
        assert_eq!(Column::parse("folow_ups"), None);
    }
}
