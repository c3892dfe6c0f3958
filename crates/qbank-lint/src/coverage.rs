//! The topic × level coverage matrix: how many active questions each topic has at each level,
//! against the minimum topics.yaml asks for. `qbank coverage` prints it and the
//! `topic-below-coverage` rule reports its gaps.

use qbank_core::{Bank, Level};

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

/// One topic's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub topic: String,
    pub title: String,
    /// Index of the topic in topics.yaml.
    pub index: usize,
    /// One cell per level of [`Matrix::levels`].
    pub cells: Vec<Cell>,
    /// Active questions of the topic, at any level.
    pub questions: u32,
}

/// The whole matrix, topics in the order of topics.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
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
            Row {
                topic: t.id.clone(),
                title: t.title.clone(),
                index: t.index,
                cells: levels
                    .iter()
                    .map(|&level| Cell {
                        level,
                        count: questions.iter().filter(|q| q.has_level(level)).count() as u32,
                        minimum: t.coverage.get(level),
                    })
                    .collect(),
                questions: questions.len() as u32,
            }
        })
        .collect();
    Matrix { levels, rows }
}
