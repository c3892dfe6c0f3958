//! The whole bank as one JSON document, for other tools.
//!
//! The document is a contract: its shape is declared here by wire types, separate from the
//! model, and changes only with [`FORMAT_VERSION`]. Every key is always present (`null` for an
//! absent value, `[]` for an empty list), so a consumer never has to guess a default:
//!
//! ```json
//! {
//!   "format": "qbank-bank",
//!   "version": 1,
//!   "topics": [{"id", "title", "description", "coverage": {"junior", "mid", "senior", "staff"},
//!               "synonyms": [["…"]]}],
//!   "questions": [{"id", "file", "text", "topic", "levels", "kind", "minutes", "status",
//!                  "source", "tags", "follow_ups", "rubric": {"strong", "red_flags"},
//!                  "similar_to": [{"id", "reason"}], "allow": [{"rule", "reason"}],
//!                  "reviewed"}],
//!   "kits": [{"id", "file", "title", "role", "level", "duration_minutes", "seed",
//!             "description", "edition", "exclude",
//!             "sections": [{"title", "topics", "tags", "count", "fixed", "minutes"}]}]
//! }
//! ```
//!
//! Keys added after version 1 was first published are left out when they would be empty, so
//! that the document of a bank that does not use them is unchanged; where present, they follow
//! the same rule inside (every key, `null` for an absent value):
//!
//! ```json
//! {
//!   "competencies": [{"id", "title", "description", "coverage": {"junior", "mid", "senior", "staff"}}],
//!   "questions": [{"title",              // after "id"
//!                  "competencies",       // after "kind": ["id", …]
//!                  "rubric": {"levels": {"mid": {"expect", "anchors"}, …},
//!                             "anchors": {"1", "2", "3", "4"}, "strong", "red_flags"}}],
//!   "kits": [{"max_per_kind": {"scenario": 2, …},   // after "exclude"
//!             "layout": "compact",                 // when not "standard"
//!             "sections": [{"kinds": ["…"], "competencies": ["…"]}]}],  // after "tags"
//!   "loops": [{"id", "file", "title", "role", "description", "competencies",
//!              "interviews": [{"kit", "title", "interviewer", "focus", "seed"}], "decision"}]
//! }
//! ```
//!
//! `competencies` (the bank's, after `topics`) is there when the bank has a `competencies.yaml`.
//! `rubric.levels` lists only the levels the question writes something for; an `anchors`
//! object always has the four points, `null` for a point the question leaves out. A field of
//! text added to questions later ([`qbank_core::fields::Json::Added`]) comes last, a string or
//! a list of strings, and is left out when empty.
//!
//! Topics are in the order of `topics.yaml`, questions grouped by topic in that order (then
//! by path), kits by path. `file` is the path inside the bank; `minutes` is what the question
//! says (`null` when it does not: kits count it as [`qbank_core::DEFAULT_MINUTES`]); a kit
//! section's `topics` joins its `topic` and `topics`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use qbank_core::fields::{Json, Value, QUESTION_FIELDS};
use qbank_core::{Anchors, Bank, Competency, Kit, Question, Topic};
use serde::Serialize;

use crate::Error;

/// The `format` value of the document.
pub const FORMAT: &str = "qbank-bank";
/// The `version` value; it changes when the shape changes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct BankJson<'b> {
    format: &'static str,
    version: u32,
    topics: Vec<TopicJson<'b>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    competencies: Option<Vec<CompetencyJson<'b>>>,
    questions: Vec<QuestionJson<'b>>,
    kits: Vec<KitJson<'b>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    loops: Vec<LoopJson<'b>>,
}

#[derive(Serialize)]
struct LoopJson<'b> {
    id: &'b str,
    file: &'b str,
    title: &'b str,
    role: Option<&'b str>,
    description: Option<&'b str>,
    competencies: &'b [String],
    interviews: Vec<InterviewJson<'b>>,
    decision: Option<&'b str>,
}

#[derive(Serialize)]
struct InterviewJson<'b> {
    kit: &'b str,
    title: Option<&'b str>,
    interviewer: Option<&'b str>,
    focus: Option<&'b str>,
    seed: Option<u64>,
}

#[derive(Serialize)]
struct TopicJson<'b> {
    id: &'b str,
    title: &'b str,
    description: &'b str,
    coverage: CoverageJson,
    synonyms: &'b [Vec<String>],
}

#[derive(Serialize)]
struct CompetencyJson<'b> {
    id: &'b str,
    title: &'b str,
    description: &'b str,
    coverage: CoverageJson,
}

#[derive(Serialize)]
struct CoverageJson {
    junior: u32,
    mid: u32,
    senior: u32,
    staff: u32,
}

#[derive(Serialize)]
struct QuestionJson<'b> {
    id: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'b str>,
    file: &'b str,
    text: &'b str,
    topic: &'b str,
    levels: Vec<&'static str>,
    kind: &'static str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    competencies: &'b [String],
    minutes: Option<u32>,
    status: &'static str,
    source: Option<&'b str>,
    tags: &'b [String],
    follow_ups: &'b [String],
    rubric: RubricJson<'b>,
    similar_to: Vec<SimilarJson<'b>>,
    allow: Vec<AllowJson<'b>>,
    reviewed: Option<&'b str>,
    /// The fields the description of a question's fields marks [`Json::Added`], in its order.
    #[serde(flatten)]
    added: serde_json::Map<String, serde_json::Value>,
}

/// The fields of `q` that the JSON export writes from the description of a question's fields
/// ([`Json::Added`]): a string or a list of strings, left out when empty.
fn added_fields(q: &Question) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    for f in QUESTION_FIELDS.iter().filter(|f| f.json == Json::Added) {
        let value = match f.value(q) {
            Some(Value::Text(Some(t))) => serde_json::Value::from(t.into_owned()),
            Some(Value::List(items)) if !items.is_empty() => {
                items.into_iter().map(Cow::into_owned).collect()
            }
            _ => continue,
        };
        out.insert(f.key.to_owned(), value);
    }
    out
}

#[derive(Serialize)]
struct RubricJson<'b> {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    levels: BTreeMap<&'static str, LevelRubricJson<'b>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anchors: Option<AnchorsJson<'b>>,
    strong: &'b [String],
    red_flags: &'b [String],
}

#[derive(Serialize)]
struct LevelRubricJson<'b> {
    expect: Option<&'b str>,
    anchors: Option<AnchorsJson<'b>>,
}

#[derive(Serialize)]
struct AnchorsJson<'b> {
    #[serde(rename = "1")]
    one: Option<&'b str>,
    #[serde(rename = "2")]
    two: Option<&'b str>,
    #[serde(rename = "3")]
    three: Option<&'b str>,
    #[serde(rename = "4")]
    four: Option<&'b str>,
}

fn anchors(a: &Anchors) -> AnchorsJson<'_> {
    AnchorsJson {
        one: a.get(1),
        two: a.get(2),
        three: a.get(3),
        four: a.get(4),
    }
}

#[derive(Serialize)]
struct SimilarJson<'b> {
    id: &'b str,
    reason: Option<&'b str>,
}

#[derive(Serialize)]
struct AllowJson<'b> {
    rule: &'b str,
    reason: &'b str,
}

#[derive(Serialize)]
struct KitJson<'b> {
    id: &'b str,
    file: &'b str,
    title: &'b str,
    role: Option<&'b str>,
    level: &'static str,
    duration_minutes: Option<u32>,
    seed: u64,
    description: Option<&'b str>,
    edition: &'static str,
    exclude: &'b [String],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    max_per_kind: BTreeMap<&'static str, u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    layout: Option<&'static str>,
    sections: Vec<SectionJson<'b>>,
}

#[derive(Serialize)]
struct SectionJson<'b> {
    title: &'b str,
    topics: Vec<&'b str>,
    tags: &'b [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    kinds: Vec<&'static str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    competencies: &'b [String],
    count: Option<u32>,
    fixed: &'b [String],
    minutes: Option<u32>,
}

fn topic(t: &Topic) -> TopicJson<'_> {
    TopicJson {
        id: &t.id,
        title: &t.title,
        description: &t.description,
        coverage: CoverageJson {
            junior: t.coverage.junior,
            mid: t.coverage.mid,
            senior: t.coverage.senior,
            staff: t.coverage.staff,
        },
        synonyms: &t.synonyms,
    }
}

fn competency(c: &Competency) -> CompetencyJson<'_> {
    CompetencyJson {
        id: &c.id,
        title: &c.title,
        description: &c.description,
        coverage: CoverageJson {
            junior: c.coverage.junior,
            mid: c.coverage.mid,
            senior: c.coverage.senior,
            staff: c.coverage.staff,
        },
    }
}

fn question<'b>(bank: &'b Bank, q: &'b Question) -> QuestionJson<'b> {
    QuestionJson {
        id: &q.id,
        title: q.title.as_deref(),
        file: &bank.question_file(q).relative,
        text: &q.text,
        topic: &q.topic,
        levels: q.levels.iter().map(|l| l.as_str()).collect(),
        kind: q.kind.as_str(),
        competencies: &q.competencies,
        minutes: q.minutes,
        status: q.status.as_str(),
        source: q.source.as_deref(),
        tags: &q.tags,
        follow_ups: &q.follow_ups,
        rubric: RubricJson {
            levels: q
                .rubric
                .levels
                .iter()
                .map(|(level, l)| {
                    (
                        level.as_str(),
                        LevelRubricJson {
                            expect: l.expect.as_deref(),
                            anchors: l.anchors.as_ref().map(anchors),
                        },
                    )
                })
                .collect(),
            anchors: q.rubric.anchors.as_ref().map(anchors),
            strong: &q.rubric.strong,
            red_flags: &q.rubric.red_flags,
        },
        similar_to: q
            .similar_to
            .iter()
            .map(|s| SimilarJson {
                id: &s.id,
                reason: s.reason.as_deref(),
            })
            .collect(),
        allow: q
            .allow
            .iter()
            .map(|a| AllowJson {
                rule: &a.rule,
                reason: &a.reason,
            })
            .collect(),
        reviewed: q.reviewed.as_deref(),
        added: added_fields(q),
    }
}

fn kit<'b>(bank: &'b Bank, k: &'b Kit) -> KitJson<'b> {
    KitJson {
        id: &k.id,
        file: &bank.file(k.file).relative,
        title: &k.title,
        role: k.role.as_deref(),
        level: k.level.as_str(),
        duration_minutes: k.duration_minutes,
        seed: k.seed,
        description: k.description.as_deref(),
        edition: k.edition.as_str(),
        exclude: &k.exclude,
        max_per_kind: k
            .max_per_kind
            .iter()
            .map(|(kind, &n)| (kind.as_str(), n))
            .collect(),
        layout: (k.layout != qbank_core::Layout::default()).then(|| k.layout.as_str()),
        sections: k
            .sections
            .iter()
            .map(|s| SectionJson {
                title: &s.title,
                topics: s.all_topics().collect(),
                tags: &s.tags,
                kinds: s.kinds.iter().map(|k| k.as_str()).collect(),
                competencies: &s.competencies,
                count: s.count,
                fixed: &s.fixed,
                minutes: s.minutes,
            })
            .collect(),
    }
}

/// The bank as a JSON document (pretty-printed, ending with a newline).
pub fn export_json(bank: &Bank) -> Result<Vec<u8>, Error> {
    let doc = BankJson {
        format: FORMAT,
        version: FORMAT_VERSION,
        topics: bank.topics.iter().map(topic).collect(),
        competencies: bank
            .competencies_file
            .map(|_| bank.competencies.iter().map(competency).collect()),
        questions: qbank_doc::in_topic_order(bank)
            .into_iter()
            .map(|q| question(bank, q))
            .collect(),
        kits: bank.kits.iter().map(|k| kit(bank, k)).collect(),
        loops: bank
            .loops
            .iter()
            .map(|l| LoopJson {
                id: &l.id,
                file: &bank.file(l.file).relative,
                title: &l.title,
                role: l.role.as_deref(),
                description: l.description.as_deref(),
                competencies: &l.competencies,
                interviews: l
                    .interviews
                    .iter()
                    .map(|i| InterviewJson {
                        kit: &i.kit,
                        title: i.title.as_deref(),
                        interviewer: i.interviewer.as_deref(),
                        focus: i.focus.as_deref(),
                        seed: i.seed,
                    })
                    .collect(),
                decision: l.decision.as_deref(),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).map_err(|e| Error::Write(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}
