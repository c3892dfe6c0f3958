//! The typed bank: topics, questions and kits as they are after loading.
//!
//! Every [`Question`], [`Topic`] and [`Kit`] here passed its JSON Schema: a file that did not
//! is reported and left out, so the rest of qbank can trust these types.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Index of a file in [`crate::Bank::files`].
pub type FileId = usize;

/// A seniority level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Junior,
    Mid,
    Senior,
    Staff,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Junior, Level::Mid, Level::Senior, Level::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What sort of answer a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Concept,
    Experience,
    Tooling,
    Scenario,
    Behavioral,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Concept,
        Kind::Experience,
        Kind::Tooling,
        Kind::Scenario,
        Kind::Behavioral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Concept => "concept",
            Kind::Experience => "experience",
            Kind::Tooling => "tooling",
            Kind::Scenario => "scenario",
            Kind::Behavioral => "behavioral",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a question is in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    #[default]
    Active,
    Retired,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Active => "active",
            Status::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [Status::Draft, Status::Active, Status::Retired]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// What the interviewer listens for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rubric {
    #[serde(default)]
    pub strong: Vec<String>,
    #[serde(default)]
    pub red_flags: Vec<String>,
}

impl Rubric {
    pub fn is_empty(&self) -> bool {
        self.strong.is_empty() && self.red_flags.is_empty()
    }
}

/// An acknowledged similar question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SimilarTo {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl<'de> Deserialize<'de> for SimilarTo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Form {
            Id(String),
            Full { id: String, reason: Option<String> },
        }
        Ok(match Form::deserialize(d)? {
            Form::Id(id) => SimilarTo { id, reason: None },
            Form::Full { id, reason } => SimilarTo { id, reason },
        })
    }
}

/// A lint finding silenced on one question, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allow {
    pub rule: String,
    pub reason: String,
}

/// One interview question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub topic: String,
    pub levels: Vec<Level>,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub follow_ups: Vec<String>,
    #[serde(default)]
    pub rubric: Rubric,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub similar_to: Vec<SimilarTo>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Allow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
    /// The file the question was read from.
    #[serde(skip)]
    pub file: FileId,
}

impl Question {
    /// A question with this id and nothing else: no text, topic or levels, a concept
    /// question, the default status, empty lists. Fill in the rest with struct update
    /// syntax (`Question { text, ..Question::new(id) }`).
    pub fn new(id: impl Into<String>) -> Question {
        Question {
            id: id.into(),
            text: String::new(),
            topic: String::new(),
            levels: Vec::new(),
            kind: Kind::Concept,
            minutes: None,
            status: Status::default(),
            source: None,
            tags: Vec::new(),
            follow_ups: Vec::new(),
            rubric: Rubric::default(),
            similar_to: Vec::new(),
            allow: Vec::new(),
            reviewed: None,
            file: 0,
        }
    }

    /// Minutes the question takes, with the default for questions that do not say.
    pub fn minutes_or_default(&self) -> u32 {
        self.minutes.unwrap_or(DEFAULT_MINUTES)
    }

    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }

    pub fn has_level(&self, level: Level) -> bool {
        self.levels.contains(&level)
    }

    /// Whether the question silences `rule` (with a reason, as the schema requires).
    pub fn allows(&self, rule: &str) -> bool {
        self.allow.iter().any(|a| a.rule == rule)
    }
}

/// Minutes assumed for a question without `minutes`.
pub const DEFAULT_MINUTES: u32 = 5;

/// Minimum number of active questions a topic needs per level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Coverage {
    #[serde(default)]
    pub junior: u32,
    #[serde(default)]
    pub mid: u32,
    #[serde(default)]
    pub senior: u32,
    #[serde(default)]
    pub staff: u32,
}

impl Coverage {
    pub fn get(&self, level: Level) -> u32 {
        match level {
            Level::Junior => self.junior,
            Level::Mid => self.mid,
            Level::Senior => self.senior,
            Level::Staff => self.staff,
        }
    }
}

/// A topic of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub coverage: Coverage,
    /// Groups of phrases that name the same subject; the first is the canonical one.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    /// Index of the topic in topics.yaml (for positions).
    #[serde(skip)]
    pub index: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub(crate) struct TopicsFile {
    pub topics: Vec<Topic>,
}

/// Which edition of a kit to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// Everything: rubric, red flags, notes space.
    #[default]
    Interviewer,
    /// The questions only, for a handout.
    Candidate,
}

impl Edition {
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::Interviewer => "interviewer",
            Edition::Candidate => "candidate",
        }
    }
}

/// A section of a kit: which questions it draws and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Kinds of question the section draws (any of them); empty for every kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<Kind>,
    /// Competencies the section draws (a question measuring any of them); empty for all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixed: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

impl Section {
    /// The topics the section draws from (`topic` and `topics` together).
    pub fn all_topics(&self) -> impl Iterator<Item = &str> {
        self.topic
            .iter()
            .chain(self.topics.iter())
            .map(String::as_str)
    }

    /// How many questions the section holds: `count`, or its fixed questions when it has none.
    pub fn wanted(&self) -> u32 {
        self.count
            .unwrap_or(self.fixed.len() as u32)
            .max(self.fixed.len() as u32)
    }
}

/// A kit definition, as written in `kits/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kit {
    /// The file stem.
    #[serde(skip_deserializing, default)]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub role: Option<String>,
    pub level: Level,
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    #[serde(default)]
    pub seed: u64,
    #[serde(default)]
    pub description: Option<String>,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub exclude: Vec<String>,
    /// At most this many questions of a kind in the whole kit (fixed questions count).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub max_per_kind: BTreeMap<Kind, u32>,
    #[serde(default)]
    pub edition: Edition,
    #[serde(skip)]
    pub file: FileId,
}

impl Section {
    /// A section with this title that draws nothing yet: fill in the rest with struct update
    /// syntax (`Section { topic: Some(t), count: Some(2), ..Section::new("Deployment") }`).
    pub fn new(title: impl Into<String>) -> Section {
        Section {
            title: title.into(),
            topic: None,
            topics: Vec::new(),
            tags: Vec::new(),
            kinds: Vec::new(),
            competencies: Vec::new(),
            count: None,
            fixed: Vec::new(),
            minutes: None,
        }
    }
}

impl Kit {
    /// A kit with this id, title and level and nothing else: no sections, seed 0. Fill in the
    /// rest with struct update syntax.
    pub fn new(id: impl Into<String>, title: impl Into<String>, level: Level) -> Kit {
        Kit {
            id: id.into(),
            title: title.into(),
            role: None,
            level,
            duration_minutes: None,
            seed: 0,
            description: None,
            sections: Vec::new(),
            exclude: Vec::new(),
            max_per_kind: BTreeMap::new(),
            edition: Edition::Interviewer,
            file: 0,
        }
    }
}

/// One interview of a [`Loop`]: a kit, and who asks it with what focus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interview {
    /// The kit's id (`kits/<id>.yaml`).
    pub kit: String,
    /// The interview's name; the kit's title when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The interviewer's role ("Senior MLOps engineer").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interviewer: Option<String>,
    /// What this interviewer listens for, in a sentence or two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// The seed of this interview's draw; the kit's own seed when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

/// A loop definition, as written in `loops/<id>.yaml`: the interviews one candidate has for
/// one role, drawn in order so that no question (nor a related pair) is asked twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loop {
    /// The file stem.
    #[serde(skip_deserializing, default)]
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The competencies the loop must cover, each by at least one interview.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<String>,
    pub interviews: Vec<Interview>,
    /// How the debrief reaches a decision; a default rule is printed when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(skip)]
    pub file: FileId,
}
