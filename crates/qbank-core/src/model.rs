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
    /// Every status, in the order of a question's life.
    pub const ALL: [Status; 3] = [Status::Draft, Status::Active, Status::Retired];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Active => "active",
            Status::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What the interviewer listens for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rubric {
    /// What meets the bar at each level (`rubric.levels.<level>`), in level order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub levels: BTreeMap<Level, LevelRubric>,
    /// The question's own 1–4 scale (`rubric.anchors`), for every level that has none of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Anchors>,
    #[serde(default)]
    pub strong: Vec<String>,
    #[serde(default)]
    pub red_flags: Vec<String>,
}

impl Rubric {
    /// Whether the rubric says nothing at all (no `rubric:` key is written).
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
            && self.anchors.is_none()
            && self.strong.is_empty()
            && self.red_flags.is_empty()
    }

    /// The anchors that apply at `level`: the level's own (`rubric.levels.<level>.anchors`),
    /// else the question's (`rubric.anchors`), else none (print the generic scale).
    pub fn anchors_for(&self, level: Level) -> Option<&Anchors> {
        self.levels
            .get(&level)
            .and_then(|l| l.anchors.as_ref())
            .or(self.anchors.as_ref())
    }

    /// What meets the bar at `level` (`rubric.levels.<level>.expect`), if the question says.
    pub fn expect(&self, level: Level) -> Option<&str> {
        self.levels.get(&level).and_then(|l| l.expect.as_deref())
    }
}

/// What meets the bar at one level of a question (`rubric.levels.<level>`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LevelRubric {
    /// What an answer must show at this level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<String>,
    /// This level's own scale, in place of [`Rubric::anchors`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Anchors>,
}

/// What an answer at each point of the 1–4 rating scale sounds like, written as a mapping from
/// the point (`1:` … `4:`) to the text. The points mean 1 no signal, 2 weak, 3 solid, 4 strong
/// ([`Anchors::POINT_NAMES`]). Any point may be missing here (the `incomplete-anchors` rule asks
/// for all four); a point outside 1–4 never passes the schema.
///
/// The four texts are held out of line: most questions of a bank adopted from elsewhere have
/// no anchors, and an `Option<Anchors>` is then one pointer in each [`Question`] rather than
/// room for four texts (96 bytes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Anchors {
    points: Box<[Option<String>; 4]>,
}

impl Anchors {
    /// The points of the scale.
    pub const POINTS: [u8; 4] = [1, 2, 3, 4];
    /// The generic name of each point, in order.
    pub const POINT_NAMES: [&'static str; 4] = ["No signal", "Weak", "Solid", "Strong"];

    /// Anchors with the text of each point given, in order from 1; `None` leaves a point out.
    pub fn new(points: [Option<String>; 4]) -> Anchors {
        Anchors {
            points: Box::new(points),
        }
    }

    /// The text of `point` (1–4), if given.
    pub fn get(&self, point: u8) -> Option<&str> {
        let i = usize::from(point).checked_sub(1)?;
        self.points.get(i)?.as_deref()
    }

    /// Sets the text of `point` (1–4); other numbers are ignored.
    pub fn set(&mut self, point: u8, text: Option<String>) {
        if let Some(slot) = usize::from(point)
            .checked_sub(1)
            .and_then(|i| self.points.get_mut(i))
        {
            *slot = text;
        }
    }

    /// The points given, with their text, from 1 to 4.
    pub fn iter(&self) -> impl Iterator<Item = (u8, &str)> {
        Anchors::POINTS
            .into_iter()
            .zip(self.points.iter())
            .filter_map(|(p, t)| Some((p, t.as_deref()?)))
    }

    /// The points not given, from 1 to 4.
    pub fn missing(&self) -> Vec<u8> {
        Anchors::POINTS
            .into_iter()
            .zip(self.points.iter())
            .filter(|(_, t)| t.is_none())
            .map(|(p, _)| p)
            .collect()
    }

    /// Whether all four points are given.
    pub fn is_complete(&self) -> bool {
        self.points.iter().all(Option::is_some)
    }

    /// Whether no point is given.
    pub fn is_empty(&self) -> bool {
        self.points.iter().all(Option::is_none)
    }
}

impl Serialize for Anchors {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.iter().count()))?;
        for (point, text) in self.iter() {
            map.serialize_entry(&point.to_string(), text)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Anchors {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(d)?;
        let mut anchors = Anchors::default();
        for (key, text) in map {
            match key.parse::<u8>() {
                Ok(point @ 1..=4) if key.len() == 1 => anchors.set(point, Some(text)),
                _ => {
                    return Err(serde::de::Error::custom(format!(
                        "unknown anchor point \"{key}\": the points are 1, 2, 3 and 4"
                    )))
                }
            }
        }
        Ok(anchors)
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
    /// A short name for scorecards and tables (one line, at most 60 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub text: String,
    pub topic: String,
    pub levels: Vec<Level>,
    pub kind: Kind,
    /// Ids of the competencies (from `competencies.yaml`) the question measures: one or two.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<String>,
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
    /// Whether this question or `other` names the other in `similar_to`: a pair someone
    /// looked at and kept.
    pub fn acknowledges(&self, other: &Question) -> bool {
        self.similar_to.iter().any(|s| s.id == other.id)
            || other.similar_to.iter().any(|s| s.id == self.id)
    }

    /// A question with this id and nothing else: no text, topic or levels, a concept
    /// question, the default status, empty lists. Fill in the rest with struct update
    /// syntax (`Question { text, ..Question::new(id) }`).
    pub fn new(id: impl Into<String>) -> Question {
        Question {
            id: id.into(),
            title: None,
            text: String::new(),
            topic: String::new(),
            levels: Vec::new(),
            kind: Kind::Concept,
            competencies: Vec::new(),
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

/// A competency of the bank, declared in `competencies.yaml`: something a question measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competency {
    pub id: String,
    pub title: String,
    /// What the competency means: what a candidate who has it does.
    #[serde(default)]
    pub description: String,
    /// Minimum number of active questions measuring it at each level.
    #[serde(default)]
    pub coverage: Coverage,
    /// Index of the competency in competencies.yaml (for positions).
    #[serde(skip)]
    pub index: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub(crate) struct CompetenciesFile {
    pub competencies: Vec<Competency>,
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

/// How much room a printed kit gives each question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// A question to a page, with room for notes; the instructions and the rating scale before
    /// the questions, the scorecard on a page of its own.
    #[default]
    Standard,
    /// For screens: two or three questions to a page with a few lines for notes, short
    /// instructions, no separate rating scale (each rating row carries its anchors) and the
    /// scorecard straight after the last question.
    Compact,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Standard => "standard",
            Layout::Compact => "compact",
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
    /// The layout `qbank kit build` prints unless told otherwise.
    #[serde(default)]
    pub layout: Layout,
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
            layout: Layout::Standard,
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
