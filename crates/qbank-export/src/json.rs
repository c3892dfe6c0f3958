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
//! Topics are in the order of `topics.yaml`, questions grouped by topic in that order (then
//! by path), kits by path. `file` is the path inside the bank; `minutes` is what the question
//! says (`null` when it does not: kits count it as [`qbank_core::DEFAULT_MINUTES`]); a kit
//! section's `topics` joins its `topic` and `topics`.

use qbank_core::{Bank, Kit, Question, Topic};
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
    questions: Vec<QuestionJson<'b>>,
    kits: Vec<KitJson<'b>>,
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
struct CoverageJson {
    junior: u32,
    mid: u32,
    senior: u32,
    staff: u32,
}

#[derive(Serialize)]
struct QuestionJson<'b> {
    id: &'b str,
    file: &'b str,
    text: &'b str,
    topic: &'b str,
    levels: Vec<&'static str>,
    kind: &'static str,
    minutes: Option<u32>,
    status: &'static str,
    source: Option<&'b str>,
    tags: &'b [String],
    follow_ups: &'b [String],
    rubric: RubricJson<'b>,
    similar_to: Vec<SimilarJson<'b>>,
    allow: Vec<AllowJson<'b>>,
    reviewed: Option<&'b str>,
}

#[derive(Serialize)]
struct RubricJson<'b> {
    strong: &'b [String],
    red_flags: &'b [String],
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
    sections: Vec<SectionJson<'b>>,
}

#[derive(Serialize)]
struct SectionJson<'b> {
    title: &'b str,
    topics: Vec<&'b str>,
    tags: &'b [String],
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

fn question<'b>(bank: &'b Bank, q: &'b Question) -> QuestionJson<'b> {
    QuestionJson {
        id: &q.id,
        file: &bank.question_file(q).relative,
        text: &q.text,
        topic: &q.topic,
        levels: q.levels.iter().map(|l| l.as_str()).collect(),
        kind: q.kind.as_str(),
        minutes: q.minutes,
        status: q.status.as_str(),
        source: q.source.as_deref(),
        tags: &q.tags,
        follow_ups: &q.follow_ups,
        rubric: RubricJson {
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
        sections: k
            .sections
            .iter()
            .map(|s| SectionJson {
                title: &s.title,
                topics: s.all_topics().collect(),
                tags: &s.tags,
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
        questions: qbank_doc::in_topic_order(bank)
            .into_iter()
            .map(|q| question(bank, q))
            .collect(),
        kits: bank.kits.iter().map(|k| kit(bank, k)).collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).map_err(|e| Error::Write(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}
