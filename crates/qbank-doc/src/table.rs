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
//! | `revision`   | the revision of the question's file ([`qbank_core::question_revision`]) |
//!
//! Two more columns are available on request ([`Column::ALL`]): `similar_to` (one line per
//! similar question, `id` or `id: reason`) and `reviewed` (`YYYY-MM-DD`).
//!
//! The optional fields of a structured interview have columns of their own, which the default
//! set and `all` include only when at least one of the questions uses the field
//! ([`Column::defaults_for`], [`Column::all_for`]), so that a bank without them exports as it
//! always did; naming one in `--columns` always gives it. Each cell holds plain text a person
//! can edit in a spreadsheet, with no quoting of its own:
//!
//! | column          | holds                                                                 |
//! |-----------------|-----------------------------------------------------------------------|
//! | `title`         | the short title, empty when the question has none                     |
//! | `competencies`  | the competencies it measures, one id per line                         |
//! | `expect`        | what meets the bar at each level, one line per level: `mid: Names two drift metrics` |
//! | `anchor_1` … `anchor_4` | what a 1, 2, 3 or 4 answer sounds like (`rubric.anchors`), one column per point |
//! | `level_anchors` | a level's own scale (`rubric.levels.<level>.anchors`), one line per level and point: `senior 4: Also prices retraining` |
//!
//! One column per point keeps the common case, a question's own scale, a row of four plain
//! cells. A line of `expect` or `level_anchors` starts with a level name (and a point), so no
//! cell starts with a digit, `=` or another character a spreadsheet reads as a number or a
//! formula, and each line reads back on its own.
//!
//! A list is a [`Cell::List`]: how its items share one cell is the output format's business.
//!
//! ```
//! use qbank_doc::{build_table, table::{Cell, Column}};
//! # let q: qbank_core::Question = serde_json::from_value(serde_json::json!({
//! #     "id": "canary", "text": "What is a canary?", "topic": "deployment",
//! #     "levels": ["mid", "senior"], "kind": "concept"})).unwrap();
//! let bank = qbank_core::Bank::default();
//! let table = build_table(&bank, [&q], &[Column::Id, Column::Levels, Column::Minutes]);
//! assert_eq!(table.rows[0].cells, [
//!     Cell::Text("canary".into()),
//!     Cell::List(vec!["mid".into(), "senior".into()]),
//!     Cell::Text(String::new()),
//! ]);
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use qbank_core::fields::{self, Access, Field, Value};
use qbank_core::{Bank, Question};

/// A column of the question table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Id,
    Title,
    Topic,
    Levels,
    Kind,
    Competencies,
    Minutes,
    Text,
    FollowUps,
    Expect,
    Anchor1,
    Anchor2,
    Anchor3,
    Anchor4,
    LevelAnchors,
    Strong,
    RedFlags,
    Tags,
    Status,
    Source,
    SimilarTo,
    Reviewed,
    /// The revision of the question's file when the row was written
    /// ([`qbank_core::question_revision`]): an import refuses a row whose question changed
    /// since.
    Revision,
}

impl Column {
    /// The columns of an export when none are chosen, in their stable order.
    pub const DEFAULT: [Column; 13] = [
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
        Column::Revision,
    ];

    /// Every column, in the order they are shown: the default ones with the columns of the
    /// structured fields at their place, then `similar_to` and `reviewed`, and `revision`
    /// last.
    pub const ALL: [Column; 23] = [
        Column::Id,
        Column::Title,
        Column::Topic,
        Column::Levels,
        Column::Kind,
        Column::Competencies,
        Column::Minutes,
        Column::Text,
        Column::FollowUps,
        Column::Expect,
        Column::Anchor1,
        Column::Anchor2,
        Column::Anchor3,
        Column::Anchor4,
        Column::LevelAnchors,
        Column::Strong,
        Column::RedFlags,
        Column::Tags,
        Column::Status,
        Column::Source,
        Column::SimilarTo,
        Column::Reviewed,
        Column::Revision,
    ];

    /// The columns of the optional structured fields, shown by default (and in `all`) only
    /// when a question uses them.
    pub const WHEN_USED: [Column; 8] = [
        Column::Title,
        Column::Competencies,
        Column::Expect,
        Column::Anchor1,
        Column::Anchor2,
        Column::Anchor3,
        Column::Anchor4,
        Column::LevelAnchors,
    ];

    /// The anchor column of `point` (1–4).
    pub fn anchor(point: u8) -> Option<Column> {
        match point {
            1 => Some(Column::Anchor1),
            2 => Some(Column::Anchor2),
            3 => Some(Column::Anchor3),
            4 => Some(Column::Anchor4),
            _ => None,
        }
    }

    /// The point (1–4) of an anchor column.
    pub fn anchor_point(self) -> Option<u8> {
        match self {
            Column::Anchor1 => Some(1),
            Column::Anchor2 => Some(2),
            Column::Anchor3 => Some(3),
            Column::Anchor4 => Some(4),
            _ => None,
        }
    }

    /// The columns of an export of `questions` when none are chosen: [`Column::DEFAULT`], plus
    /// the columns of [`Column::WHEN_USED`] that some question fills, in the order of
    /// [`Column::ALL`].
    pub fn defaults_for<'q>(questions: impl IntoIterator<Item = &'q Question>) -> Vec<Column> {
        let used = used_columns(questions);
        Column::ALL
            .into_iter()
            .filter(|c| Column::DEFAULT.contains(c) || used.contains(c))
            .collect()
    }

    /// What `all` means for an export of `questions`: every column, but those of
    /// [`Column::WHEN_USED`] only when some question fills them.
    pub fn all_for<'q>(questions: impl IntoIterator<Item = &'q Question>) -> Vec<Column> {
        let used = used_columns(questions);
        Column::ALL
            .into_iter()
            .filter(|c| !Column::WHEN_USED.contains(c) || used.contains(c))
            .collect()
    }

    /// The stable name: the header of the column and its name in `--columns`.
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Title => "title",
            Column::Topic => "topic",
            Column::Levels => "levels",
            Column::Kind => "kind",
            Column::Competencies => "competencies",
            Column::Minutes => "minutes",
            Column::Text => "text",
            Column::FollowUps => "follow_ups",
            Column::Expect => "expect",
            Column::Anchor1 => "anchor_1",
            Column::Anchor2 => "anchor_2",
            Column::Anchor3 => "anchor_3",
            Column::Anchor4 => "anchor_4",
            Column::LevelAnchors => "level_anchors",
            Column::Strong => "strong",
            Column::RedFlags => "red_flags",
            Column::Tags => "tags",
            Column::Status => "status",
            Column::Source => "source",
            Column::SimilarTo => "similar_to",
            Column::Reviewed => "reviewed",
            Column::Revision => "revision",
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

    /// The question field the column shows as it is, when there is one: a column named after a
    /// field of text or of a list of texts ([`qbank_core::fields::QUESTION_FIELDS`]). Its cell
    /// is the field's value, and an import sets the field from it.
    pub fn field(self) -> Option<&'static Field> {
        fields::question_field(self.name()).filter(|f| !matches!(f.access, Access::Nested))
    }

    /// Whether the column holds a list.
    pub fn is_list(self) -> bool {
        if let Some(f) = self.field() {
            return matches!(f.access, Access::List { .. });
        }
        matches!(
            self,
            Column::Expect
                | Column::LevelAnchors
                | Column::Strong
                | Column::RedFlags
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

/// The table of `questions` of `bank` (one row each, in the order given) with `columns`.
pub fn build_table<'q>(
    bank: &Bank,
    questions: impl IntoIterator<Item = &'q Question>,
    columns: &[Column],
) -> Table {
    let rows = questions
        .into_iter()
        .map(|q| Row {
            id: q.id.clone(),
            cells: columns
                .iter()
                .map(|&c| match c {
                    Column::Revision => revision_cell(bank, q),
                    c => cell(q, c),
                })
                .collect(),
        })
        .collect();
    Table {
        columns: columns.to_vec(),
        rows,
    }
}

/// The revision of `q`'s file in `bank` ([`qbank_core::question_revision`]); empty for a
/// question that was not read from a file of `bank` (one built in memory).
pub fn revision_cell(bank: &Bank, q: &Question) -> Cell {
    Cell::Text(
        bank.files
            .get(q.file)
            .map(|f| f.revision())
            .unwrap_or_default(),
    )
}

/// The cell of `q` in `column`. The revision comes from the question's file, which a
/// question alone does not hold: [`build_table`] fills it ([`revision_cell`]); here it is
/// empty.
pub fn cell(q: &Question, column: Column) -> Cell {
    match column.field().and_then(|f| f.value(q)) {
        Some(Value::Text(t)) => return Cell::Text(t.map(Cow::into_owned).unwrap_or_default()),
        Some(Value::List(items)) => {
            return Cell::List(items.into_iter().map(Cow::into_owned).collect())
        }
        None => {}
    }
    let text = |s: &str| Cell::Text(s.to_owned());
    match column {
        Column::Expect => Cell::List(
            q.rubric
                .levels
                .iter()
                .filter_map(|(level, l)| Some(format!("{level}: {}", l.expect.as_deref()?)))
                .collect(),
        ),
        Column::Anchor1 | Column::Anchor2 | Column::Anchor3 | Column::Anchor4 => text(
            column
                .anchor_point()
                .and_then(|p| q.rubric.anchors.as_ref()?.get(p))
                .unwrap_or_default(),
        ),
        Column::LevelAnchors => Cell::List(
            q.rubric
                .levels
                .iter()
                .filter_map(|(level, l)| Some((level, l.anchors.as_ref()?)))
                .flat_map(|(level, a)| a.iter().map(move |(p, t)| format!("{level} {p}: {t}")))
                .collect(),
        ),
        Column::Strong => Cell::List(q.rubric.strong.clone()),
        Column::RedFlags => Cell::List(q.rubric.red_flags.clone()),
        Column::SimilarTo => Cell::List(
            q.similar_to
                .iter()
                .map(|s| match &s.reason {
                    Some(reason) => format!("{}: {reason}", s.id),
                    None => s.id.clone(),
                })
                .collect(),
        ),
        // The revision comes from the file, and the other columns are fields.
        _ => Cell::Text(String::new()),
    }
}

/// The columns of [`Column::WHEN_USED`] that at least one of `questions` fills.
fn used_columns<'q>(questions: impl IntoIterator<Item = &'q Question>) -> Vec<Column> {
    let mut used = Vec::new();
    for q in questions {
        for c in Column::WHEN_USED {
            if !used.contains(&c) && !is_empty(&cell(q, c)) {
                used.push(c);
            }
        }
        if used.len() == Column::WHEN_USED.len() {
            break;
        }
    }
    used
}

fn is_empty(cell: &Cell) -> bool {
    match cell {
        Cell::Text(t) => t.is_empty(),
        Cell::List(items) => items.is_empty(),
    }
}

/// A bank as the bank formats (CSV, XLSX, JSON, Markdown) export it: the bank, its questions in
/// the order a table lists them, and the table's columns. Formats that write the whole bank
/// (JSON, Markdown) read [`BankView::bank`]; the spreadsheet formats read [`BankView::table`].
#[derive(Debug, Clone)]
pub struct BankView<'b> {
    pub bank: &'b Bank,
    /// The table's rows: the whole bank in topic order, or a kit's questions in kit order.
    pub questions: Vec<&'b Question>,
    pub columns: Vec<Column>,
}

impl<'b> BankView<'b> {
    /// The whole bank, its questions in topic order ([`in_topic_order`]).
    pub fn whole(bank: &'b Bank, columns: &[Column]) -> BankView<'b> {
        BankView {
            bank,
            questions: in_topic_order(bank),
            columns: columns.to_vec(),
        }
    }

    /// A bank narrowed to a kit's questions: they keep the order they have in `bank`.
    pub fn drawn(bank: &'b Bank, columns: &[Column]) -> BankView<'b> {
        BankView {
            bank,
            questions: bank.questions.iter().collect(),
            columns: columns.to_vec(),
        }
    }

    /// The table of the questions with the columns.
    pub fn table(&self) -> Table {
        build_table(self.bank, self.questions.iter().copied(), &self.columns)
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
        let classic: Vec<Column> = Column::ALL
            .into_iter()
            .filter(|c| !Column::WHEN_USED.contains(c))
            .collect();
        assert_eq!(classic[..12], Column::DEFAULT[..12]);
        assert_eq!(Column::ALL.last(), Column::DEFAULT.last());
    }

    #[test]
    fn header_names_are_forgiving() {
        assert_eq!(Column::parse("Follow-ups"), Some(Column::FollowUps));
        assert_eq!(Column::parse(" Red flags "), Some(Column::RedFlags));
        assert_eq!(Column::parse("Strong signals"), Some(Column::Strong));
        assert_eq!(Column::parse("similar to"), Some(Column::SimilarTo));
        assert_eq!(Column::parse("folow_ups"), None);
        assert_eq!(Column::parse("Anchor 3"), Some(Column::Anchor3));
        assert_eq!(Column::parse("Level anchors"), Some(Column::LevelAnchors));
    }

    #[test]
    fn structured_columns_show_when_used() {
        let plain: Question = serde_json::from_value(serde_json::json!({
            "id": "a", "text": "What?", "topic": "t", "levels": ["mid", "senior"],
            "kind": "concept"}))
        .unwrap();
        assert_eq!(Column::defaults_for([&plain]), Column::DEFAULT);
        assert!(Column::all_for([&plain])
            .iter()
            .all(|c| !Column::WHEN_USED.contains(c)));
        let rich: Question = serde_json::from_value(serde_json::json!({
            "id": "b", "title": "B", "text": "What?", "topic": "t", "levels": ["mid", "senior"],
            "kind": "concept", "rubric": {
                "levels": {"senior": {"expect": "More", "anchors": {"4": "All", "1": "None"}},
                           "mid": {"expect": "Some"}},
                "anchors": {"2": "Weak"}}}))
        .unwrap();
        let columns = Column::defaults_for([&plain, &rich]);
        assert_eq!(
            columns[..4],
            [Column::Id, Column::Title, Column::Topic, Column::Levels]
        );
        assert!(columns.contains(&Column::Anchor2) && !columns.contains(&Column::Anchor1));
        assert!(!columns.contains(&Column::Competencies));
        let row = &build_table(&Bank::default(), [&rich], &columns).rows[0];
        let at = |c: Column| &row.cells[columns.iter().position(|&x| x == c).unwrap()];
        assert_eq!(
            at(Column::Expect),
            &Cell::List(vec!["mid: Some".into(), "senior: More".into()])
        );
        assert_eq!(at(Column::Anchor2), &Cell::Text("Weak".into()));
        assert_eq!(
            at(Column::LevelAnchors),
            &Cell::List(vec!["senior 1: None".into(), "senior 4: All".into()])
        );
    }
}
