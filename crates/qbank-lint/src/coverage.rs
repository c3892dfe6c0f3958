//! The coverage matrices: how many active questions each topic ([`coverage_matrix`]) and each
//! competency ([`competency_matrix`]) has at each level, against the minimum topics.yaml and
//! competencies.yaml ask for. `qbank coverage` prints them; the `topic-below-coverage` and
//! `competency-below-coverage` rules report their gaps.

use qbank_core::{Bank, Coverage, Kind, Level, Question};

/// One cell: active questions of a topic at a level, and the minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub level: Level,
    pub count: u32,
    pub minimum: u32,
}

impl Cell {
    /// How many questions are missing (0 when the minimum is met).
    pub fn gap(&self) -> u32 {
        self.minimum.saturating_sub(self.count)
    }
}

/// One topic's (or competency's) row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The topic's (or competency's) id.
    pub id: String,
    pub title: String,
    /// Index of the topic in topics.yaml (of the competency in competencies.yaml).
    pub index: usize,
    /// One cell per level of [`Matrix::levels`].
    pub cells: Vec<Cell>,
    /// Active questions of the topic (measuring the competency), at any level.
    pub questions: u32,
}

/// What the rows of a matrix are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Topics of topics.yaml, with its minimums.
    Topic,
    /// Competencies of competencies.yaml, with its minimums.
    Competency,
    /// Kinds of question; no minimums.
    Kind,
}

impl Dimension {
    /// The word for one row: `topic`, `competency`, `kind`.
    pub fn noun(self) -> &'static str {
        match self {
            Dimension::Topic => "topic",
            Dimension::Competency => "competency",
            Dimension::Kind => "kind",
        }
    }

    /// The word for several rows.
    pub fn plural(self) -> &'static str {
        match self {
            Dimension::Topic => "topics",
            Dimension::Competency => "competencies",
            Dimension::Kind => "kinds",
        }
    }

    /// The file that sets the minimums, if any.
    pub fn minimums_file(self) -> Option<&'static str> {
        match self {
            Dimension::Topic => Some("topics.yaml"),
            Dimension::Competency => Some("competencies.yaml"),
            Dimension::Kind => None,
        }
    }
}

/// The whole matrix, rows in the order of topics.yaml (competencies.yaml, [`Kind::ALL`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// What the rows are.
    pub dimension: Dimension,
    pub levels: Vec<Level>,
    pub rows: Vec<Row>,
}

impl Matrix {
    /// The cells below their minimum, with their topic.
    pub fn gaps(&self) -> impl Iterator<Item = (&Row, &Cell)> {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().map(move |c| (r, c)))
            .filter(|(_, c)| c.gap() > 0)
    }

    /// Active questions at each level across all topics (a question with two levels counts
    /// at both).
    pub fn level_totals(&self) -> Vec<u32> {
        (0..self.levels.len())
            .map(|i| self.rows.iter().map(|r| r.cells[i].count).sum())
            .collect()
    }
}

/// Counts the active questions of every topic at every level. Questions whose topic is not
/// in topics.yaml are counted nowhere (`unknown-topic` reports them).
pub fn coverage_matrix(bank: &Bank) -> Matrix {
    let levels = Level::ALL.to_vec();
    let rows = bank
        .topics
        .iter()
        .map(|t| {
            let questions: Vec<_> = bank
                .questions
                .iter()
                .filter(|q| q.is_active() && q.topic == t.id)
                .collect();
            row(&t.id, &t.title, t.index, &t.coverage, &questions, &levels)
        })
        .collect();
    Matrix {
        dimension: Dimension::Topic,
        levels,
        rows,
    }
}

/// Counts the active questions of every kind at every level. Kinds have no minimums.
pub fn kind_matrix(bank: &Bank) -> Matrix {
    let levels = Level::ALL.to_vec();
    let rows = Kind::ALL
        .iter()
        .enumerate()
        .map(|(index, &kind)| {
            let questions: Vec<&Question> = bank
                .questions
                .iter()
                .filter(|q| q.is_active() && q.kind == kind)
                .collect();
            let title = kind.as_str();
            row(
                title,
                title,
                index,
                &Coverage::default(),
                &questions,
                &levels,
            )
        })
        .collect();
    Matrix {
        dimension: Dimension::Kind,
        levels,
        rows,
    }
}

/// Counts the active questions measuring each competency of competencies.yaml at every level
/// (a question naming two competencies counts for both). Empty when the bank declares none.
pub fn competency_matrix(bank: &Bank) -> Matrix {
    let levels = Level::ALL.to_vec();
    let rows = bank
        .competencies
        .iter()
        .map(|c| {
            let questions: Vec<&Question> = bank
                .questions
                .iter()
                .filter(|q| q.is_active() && q.competencies.contains(&c.id))
                .collect();
            row(&c.id, &c.title, c.index, &c.coverage, &questions, &levels)
        })
        .collect();
    Matrix {
        dimension: Dimension::Competency,
        levels,
        rows,
    }
}

fn row(
    id: &str,
    title: &str,
    index: usize,
    coverage: &Coverage,
    questions: &[&Question],
    levels: &[Level],
) -> Row {
    Row {
        id: id.to_owned(),
        title: title.to_owned(),
        index,
        cells: levels
            .iter()
            .map(|&level| Cell {
                level,
                count: questions.iter().filter(|q| q.has_level(level)).count() as u32,
                minimum: coverage.get(level),
            })
            .collect(),
        questions: questions.len() as u32,
    }
}
