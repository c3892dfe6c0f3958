//! Counts that describe a bank: what `qbank stats` prints.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Kind, Level, Status};
use crate::Bank;

/// The figures of a bank. Maps are ordered, so renderings are stable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub questions: usize,
    pub by_status: BTreeMap<&'static str, usize>,
    /// Active questions per topic (every topic of topics.yaml, and unknown ones found in files).
    pub by_topic: BTreeMap<String, usize>,
    /// Active questions per level (a question counts at each of its levels).
    pub by_level: BTreeMap<&'static str, usize>,
    pub by_kind: BTreeMap<&'static str, usize>,
    /// Active questions per competency (every competency of competencies.yaml, and unknown
    /// ones questions name; a question naming two counts for both). Left out of the JSON when
    /// the bank has none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_competency: BTreeMap<String, usize>,
    /// Active questions that name no competency, when the bank declares competencies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_competency: Option<Vec<String>>,
    /// Interview minutes of the active questions per level.
    pub minutes_by_level: BTreeMap<&'static str, u32>,
    /// Active questions with no `rubric.strong` entries.
    pub without_strong_signals: Vec<String>,
    /// Active questions with no `rubric.red_flags` entries.
    pub without_red_flags: Vec<String>,
    /// Active questions with fewer than two follow-ups.
    pub few_follow_ups: Vec<String>,
    /// Active questions last reviewed (or, without `reviewed`, last changed) before the cut-off,
    /// with that date; filled by [`Stats::mark_stale`].
    pub not_reviewed_since: Vec<(String, String)>,
}

impl Stats {
    /// Counts the bank.
    pub fn of(bank: &Bank) -> Stats {
        let mut s = Stats {
            questions: bank.questions.len(),
            by_status: BTreeMap::new(),
            by_topic: bank.topics.iter().map(|t| (t.id.clone(), 0)).collect(),
            by_level: Level::ALL.iter().map(|l| (l.as_str(), 0)).collect(),
            by_kind: Kind::ALL.iter().map(|k| (k.as_str(), 0)).collect(),
            by_competency: bank
                .competencies
                .iter()
                .map(|c| (c.id.clone(), 0))
                .collect(),
            without_competency: bank.competencies_file.map(|_| Vec::new()),
            minutes_by_level: Level::ALL.iter().map(|l| (l.as_str(), 0)).collect(),
            without_strong_signals: Vec::new(),
            without_red_flags: Vec::new(),
            few_follow_ups: Vec::new(),
            not_reviewed_since: Vec::new(),
        };
        for status in [Status::Draft, Status::Active, Status::Retired] {
            s.by_status.insert(status.as_str(), 0);
        }
        for q in &bank.questions {
            *s.by_status.entry(q.status.as_str()).or_default() += 1;
            if !q.is_active() {
                continue;
            }
            *s.by_topic.entry(q.topic.clone()).or_default() += 1;
            *s.by_kind.entry(q.kind.as_str()).or_default() += 1;
            for c in &q.competencies {
                *s.by_competency.entry(c.clone()).or_default() += 1;
            }
            if let Some(without) = &mut s.without_competency {
                if q.competencies.is_empty() {
                    without.push(q.id.clone());
                }
            }
            for l in &q.levels {
                *s.by_level.entry(l.as_str()).or_default() += 1;
                *s.minutes_by_level.entry(l.as_str()).or_default() += q.minutes_or_default();
            }
            if q.rubric.strong.is_empty() {
                s.without_strong_signals.push(q.id.clone());
            }
            if q.rubric.red_flags.is_empty() {
                s.without_red_flags.push(q.id.clone());
            }
            if q.follow_ups.len() < 2 {
                s.few_follow_ups.push(q.id.clone());
            }
        }
        s
    }

    /// Lists the active questions whose review date is before `cutoff` (YYYY-MM-DD). The date
    /// of a question is its `reviewed` field, or else `last_changed(file path inside the bank)`
    /// (the CLI asks git); questions with neither are listed with the date "never".
    pub fn mark_stale(
        &mut self,
        bank: &Bank,
        cutoff: &str,
        last_changed: &dyn Fn(&str) -> Option<String>,
    ) {
        self.not_reviewed_since.clear();
        for q in bank.questions.iter().filter(|q| q.is_active()) {
            let date = q
                .reviewed
                .clone()
                .or_else(|| last_changed(&bank.question_file(q).relative));
            match date {
                Some(d) if d.as_str() >= cutoff => {}
                Some(d) => self.not_reviewed_since.push((q.id.clone(), d)),
                None => self.not_reviewed_since.push((q.id.clone(), "never".into())),
            }
        }
        self.not_reviewed_since
            .sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    }
}
