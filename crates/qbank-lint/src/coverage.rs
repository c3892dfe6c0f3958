//! The coverage matrices: how many active questions each topic ([`coverage_matrix`]) and each
//! competency ([`competency_matrix`]) has at each level, against the minimum topics.yaml and
//! competencies.yaml ask for. `qbank coverage` prints them; the `topic-below-coverage` and
//! `competency-below-coverage` rules report their gaps.
//!
//! Behind them is the cube ([`cube`]): active questions by topic × level × kind × competency.
//! [`crossed_matrix`] reads any crossing of topic, kind and competency off it, level by level
//! ("topic × kind": one row per topic and kind that has questions).

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
    /// The topic's (or competency's) id; in a crossing, the ids joined by " · ".
    pub id: String,
    /// In a crossing, the id of each dimension of [`Matrix::crossing`]; the id alone otherwise.
    pub keys: Vec<String>,
    pub title: String,
    /// Index of the topic in topics.yaml (of the competency in competencies.yaml).
    pub index: usize,
    /// One cell per level of [`Matrix::levels`].
    pub cells: Vec<Cell>,
    /// Active questions of the topic (measuring the competency), at any level.
    pub questions: u32,
}

/// What the rows of a matrix are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// What the rows are: the first of [`Matrix::crossing`].
    pub dimension: Dimension,
    /// The dimensions a row is a combination of, in order: one for the plain matrices,
    /// several for a [`crossed_matrix`].
    pub crossing: Vec<Dimension>,
    pub levels: Vec<Level>,
    pub rows: Vec<Row>,
}

impl Matrix {
    /// "topic", or "topic × kind" for a crossing.
    pub fn noun(&self) -> String {
        let nouns: Vec<&str> = self.crossing.iter().map(|d| d.noun()).collect();
        nouns.join(" × ")
    }

    /// Whether the rows are combinations of several dimensions.
    pub fn is_crossed(&self) -> bool {
        self.crossing.len() > 1
    }

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
        crossing: vec![Dimension::Topic],
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
        crossing: vec![Dimension::Kind],
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
        crossing: vec![Dimension::Competency],
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
        keys: vec![id.to_owned()],
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

/// One cell of the cube: active questions of a topic, kind and competency at a level. A
/// question counts once in every cell it belongs to: at each of its levels, for each of its
/// competencies (under `None` when it names none).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CubeCell {
    pub topic: String,
    pub level: Level,
    pub kind: Kind,
    pub competency: Option<String>,
    pub count: u32,
}

/// The cells of the cube that hold questions, ordered by topic, level, kind and competency
/// as the bank declares them (topics.yaml, [`Level::ALL`], [`Kind::ALL`], competencies.yaml;
/// undeclared ids after the declared ones, by name).
pub fn cube(bank: &Bank) -> Vec<CubeCell> {
    use std::collections::BTreeMap;
    type Key = ((usize, String), Level, Kind, (usize, Option<String>));
    let topic_key = |id: &str| {
        let at = bank.topics.iter().position(|t| t.id == id);
        (at.unwrap_or(usize::MAX), id.to_owned())
    };
    let competency_key = |id: Option<&String>| match id {
        Some(id) => {
            let at = bank.competencies.iter().position(|c| &c.id == id);
            (at.unwrap_or(usize::MAX - 1), Some(id.clone()))
        }
        None => (usize::MAX, None),
    };
    let mut cells: BTreeMap<Key, u32> = BTreeMap::new();
    for q in bank.questions.iter().filter(|q| q.is_active()) {
        let competencies: Vec<Option<&String>> = if q.competencies.is_empty() {
            vec![None]
        } else {
            q.competencies.iter().map(Some).collect()
        };
        for &level in Level::ALL.iter().filter(|&&l| q.has_level(l)) {
            for c in &competencies {
                *cells
                    .entry((topic_key(&q.topic), level, q.kind, competency_key(*c)))
                    .or_default() += 1;
            }
        }
    }
    cells
        .into_iter()
        .map(|((topic, level, kind, competency), count)| CubeCell {
            topic: topic.1,
            level,
            kind,
            competency: competency.1,
            count,
        })
        .collect()
}

/// The active questions at each level of every combination of `crossing` (topic, kind,
/// competency, in the order given) that has questions; one dimension gives the plain matrix
/// with its minimums. A question with two competencies counts in both of their rows. The
/// minimums of topics.yaml and competencies.yaml are for a topic or a competency as a whole,
/// so the rows of a crossing have none.
pub fn crossed_matrix(bank: &Bank, crossing: &[Dimension]) -> Matrix {
    let mut crossing: Vec<Dimension> = crossing.to_vec();
    let mut seen = std::collections::HashSet::new();
    crossing.retain(|d| seen.insert(*d));
    match crossing[..] {
        [] | [Dimension::Topic] => return coverage_matrix(bank),
        [Dimension::Competency] => return competency_matrix(bank),
        [Dimension::Kind] => return kind_matrix(bank),
        _ => {}
    }
    let levels = Level::ALL.to_vec();
    // Every value of each dimension, in the bank's order, with its title.
    let values = |d: Dimension| -> Vec<(String, String)> {
        match d {
            Dimension::Topic => bank
                .topics
                .iter()
                .map(|t| (t.id.clone(), t.title.clone()))
                .collect(),
            Dimension::Kind => Kind::ALL
                .iter()
                .map(|k| (k.as_str().to_owned(), k.as_str().to_owned()))
                .collect(),
            Dimension::Competency => bank
                .competencies
                .iter()
                .map(|c| (c.id.clone(), c.title.clone()))
                .collect(),
        }
    };
    let matches = |q: &Question, d: Dimension, id: &str| match d {
        Dimension::Topic => q.topic == id,
        Dimension::Kind => q.kind.as_str() == id,
        Dimension::Competency => q.competencies.iter().any(|c| c == id),
    };
    let active: Vec<&Question> = bank.questions.iter().filter(|q| q.is_active()).collect();
    // Combinations in order: the first dimension varies slowest.
    let mut combos: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for &d in &crossing {
        let vs = values(d);
        combos = combos
            .into_iter()
            .flat_map(|c| {
                vs.iter().map(move |v| {
                    let mut c = c.clone();
                    c.push(v.clone());
                    c
                })
            })
            .collect();
    }
    let rows = combos
        .into_iter()
        .enumerate()
        .filter_map(|(index, combo)| {
            let questions: Vec<&Question> = active
                .iter()
                .copied()
                .filter(|q| {
                    crossing
                        .iter()
                        .zip(&combo)
                        .all(|(&d, (id, _))| matches(q, d, id))
                })
                .collect();
            if questions.is_empty() {
                return None;
            }
            let ids: Vec<&str> = combo.iter().map(|(id, _)| id.as_str()).collect();
            let titles: Vec<&str> = combo.iter().map(|(_, t)| t.as_str()).collect();
            let mut row = row(
                &ids.join(" · "),
                &titles.join(" · "),
                index,
                &Coverage::default(),
                &questions,
                &levels,
            );
            row.keys = ids.iter().map(|id| (*id).to_owned()).collect();
            Some(row)
        })
        .collect();
    Matrix {
        dimension: crossing[0],
        crossing,
        levels,
        rows,
    }
}
