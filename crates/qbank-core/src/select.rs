//! Drawing a kit's questions from a bank.
//!
//! [`select`] is a pure function of the bank's content, the kit definition and its seed: the
//! candidates of each section are sorted by id and then shuffled by a pseudo-random generator
//! seeded from `kit.seed` (SplitMix64, implemented here so that no dependency's algorithm can
//! change a kit). The same bank and kit give the same selection on every machine.
//!
//! The rules a selection keeps:
//! - only active questions at the kit's level, from the section's topics, tags, kinds and
//!   competencies (each filter the section gives must match);
//! - each section's `fixed` questions first, in the order written;
//! - no question in `exclude`, and no question twice;
//! - never both questions of a pair that may not meet: every `similar_to` pair of the bank,
//!   siblings (two questions naming the same `similar_to` question), and the pairs passed in
//!   as `conflicts` (near-duplicates or related questions found by a detector);
//! - no more questions of a kind than the kit's `max_per_kind` allows;
//! - in a loop, nothing an earlier interview drew, nor anything paired with it ([`Draw`]);
//! - each section's questions fit its `minutes`, and all of them fit `duration_minutes`.
//!
//! When the first candidates do not fit, other combinations are tried before giving up; a
//! [`SelectError`] then names the section that falls short and by how much.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use crate::load::Bank;
use crate::model::{Kind, Kit, Level, Question, Section, Status};

/// How many candidate placements the search may try before it gives up.
const MAX_STEPS: u64 = 1_000_000;

/// The questions drawn for a kit, in kit order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub kit_id: String,
    pub seed: u64,
    pub sections: Vec<SelectedSection>,
    /// Minutes of all selected questions.
    pub total_minutes: u32,
    /// Things worth telling the user that do not stop the kit (a section that draws nothing).
    pub warnings: Vec<String>,
}

/// One section of a [`Selection`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectedSection {
    pub title: String,
    /// Indices into [`Bank::questions`], fixed questions first.
    pub questions: Vec<usize>,
    /// Minutes of the selected questions.
    pub minutes: u32,
    /// The section's time slot (`minutes` in the kit), when it has one.
    pub budget: Option<u32>,
}

impl Selection {
    /// Every selected question, in kit order.
    pub fn questions<'s, 'b: 's>(
        &'s self,
        bank: &'b Bank,
    ) -> impl Iterator<Item = &'b Question> + 's {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter())
            .map(move |&i| &bank.questions[i])
    }

    /// How many questions were selected.
    pub fn len(&self) -> usize {
        self.sections.iter().map(|s| s.questions.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where a pair that may not share a kit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PairKind {
    /// Declared in a question's `similar_to`.
    SimilarTo,
    /// Two questions that name the same question in `similar_to`: variations of one template.
    Sibling,
    /// Passed in by the caller (a near-duplicate detector).
    NearDuplicate,
}

impl PairKind {
    pub const ALL: [PairKind; 3] = [
        PairKind::SimilarTo,
        PairKind::Sibling,
        PairKind::NearDuplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PairKind::SimilarTo => "similar_to",
            PairKind::Sibling => "sibling",
            PairKind::NearDuplicate => "near-duplicate",
        }
    }

    /// "a similar_to pair", "siblings"...: the noun for `n` such partners.
    fn noun(self, n: u32) -> &'static str {
        match (self, n) {
            (PairKind::SimilarTo, 1) => "similar_to pair",
            (PairKind::SimilarTo, _) => "similar_to pairs",
            (PairKind::Sibling, 1) => "sibling (same similar_to)",
            (PairKind::Sibling, _) => "siblings (same similar_to)",
            (PairKind::NearDuplicate, 1) => "near-duplicate",
            (PairKind::NearDuplicate, _) => "near-duplicates",
        }
    }
}

/// Two near-duplicate texts: indices into a list of texts (`a < b`; for a bank, its
/// [`Bank::active`] questions' texts) and their score. The subject terms they share are read
/// when a pair is shown: a templated bank of 100,000 questions has over half a million
/// pairs, and most are counted, not shown (so a pair is 12 bytes: [`Pair::first`] and
/// [`Pair::second`] read its indices).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    pub score: f32,
}

impl Pair {
    /// The index of the pair's earlier text, `a`.
    pub fn first(&self) -> usize {
        self.a as usize
    }

    /// The index of the pair's later text, `b`.
    pub fn second(&self) -> usize {
        self.b as usize
    }
}

/// Extra pairs of questions that may not both be drawn (near-duplicates, related questions),
/// on top of the bank's own `similar_to` pairs and siblings.
#[derive(Debug, Clone, Copy)]
pub enum Conflicts<'a> {
    /// By id; unknown ids are ignored.
    Ids(&'a [(&'a str, &'a str)]),
    /// By position among the [`Bank::active`] questions of the bank drawn from, as a
    /// detector finds them: the pairs of a large bank, not copied into pairs of ids.
    Active(&'a [Pair]),
}

impl Default for Conflicts<'_> {
    fn default() -> Self {
        Conflicts::Ids(&[])
    }
}

/// What a draw takes besides the bank and the kit: the pairs to keep apart, the seed, and in
/// a loop what the interviews before it drew.
#[derive(Debug, Clone, Copy, Default)]
pub struct Draw<'a> {
    /// Extra pairs of questions that may not both be drawn.
    pub conflicts: Conflicts<'a>,
    /// The seed; the kit's own when `None`.
    pub seed: Option<u64>,
    /// Questions already asked (indices into [`Bank::questions`]), each with the name of the
    /// interview that asks it: neither they nor anything paired with them is drawn.
    pub taken: &'a [(usize, String)],
}

/// Why a kit cannot be drawn from the bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectError {
    /// A section draws from a topic that topics.yaml does not list.
    UnknownTopic {
        section: usize,
        title: String,
        topic: String,
        suggestion: Option<String>,
    },
    /// A section's `fixed` id is not a question of the bank.
    UnknownQuestion {
        section: usize,
        title: String,
        /// Index in the section's `fixed` list.
        index: usize,
        id: String,
        suggestion: Option<String>,
    },
    /// A fixed question exists but cannot go into this kit.
    UnusableFixed {
        section: usize,
        title: String,
        index: usize,
        id: String,
        reason: String,
    },
    /// A section cannot get as many questions as it wants.
    Shortfall(Box<Shortfall>),
    /// A section's questions cannot fit its `minutes`.
    SectionOverBudget {
        section: usize,
        title: String,
        count: u32,
        budget: u32,
        /// The fewest minutes `count` questions of the section can take.
        least: u32,
    },
    /// The kit's fixed questions already pass a `max_per_kind` cap.
    FixedOverCap { kind: Kind, cap: u32, fixed: u32 },
    /// The sections' questions cannot fit the kit's `duration_minutes`.
    KitOverBudget {
        duration: u32,
        /// The fewest minutes the kit's questions can take.
        least: u32,
    },
}

/// The detail of [`SelectError::Shortfall`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    pub section: usize,
    pub title: String,
    /// Questions the section wants (fixed ones included).
    pub wanted: u32,
    /// Questions it can get.
    pub found: u32,
    pub level: Level,
    /// Where the section draws from, in words ("topics deployment, versioning").
    pub from: String,
    /// Whether the count was reached only when drawing alongside the other sections.
    pub with_other_sections: bool,
    /// Why other matching questions were left out, one entry per reason ("2 more not active").
    pub reasons: Vec<String>,
}

impl SelectError {
    /// The index of the section the error is about, if any.
    pub fn section(&self) -> Option<usize> {
        match self {
            SelectError::UnknownTopic { section, .. }
            | SelectError::UnknownQuestion { section, .. }
            | SelectError::UnusableFixed { section, .. }
            | SelectError::SectionOverBudget { section, .. } => Some(*section),
            SelectError::Shortfall(s) => Some(s.section),
            SelectError::KitOverBudget { .. } | SelectError::FixedOverCap { .. } => None,
        }
    }

    /// JSON pointer, in the kit file, of the value the error is about.
    pub fn pointer(&self) -> String {
        match self {
            SelectError::UnknownQuestion { section, index, .. }
            | SelectError::UnusableFixed { section, index, .. } => {
                format!("/sections/{section}/fixed/{index}")
            }
            SelectError::SectionOverBudget { section, .. } => {
                format!("/sections/{section}/minutes")
            }
            SelectError::KitOverBudget { .. } => "/duration_minutes".to_owned(),
            SelectError::FixedOverCap { kind, .. } => format!("/max_per_kind/{}", kind.as_str()),
            SelectError::UnknownTopic { section, .. } => format!("/sections/{section}"),
            SelectError::Shortfall(s) => format!("/sections/{}", s.section),
        }
    }

    /// The one sentence that tells a user kit `kit` cannot be drawn, with the help in
    /// parentheses: what `qbank kit` and `qbank export --kit` print.
    pub fn message(&self, kit: &str) -> String {
        let help = self.help().map(|h| format!(" ({h})")).unwrap_or_default();
        format!("kit \"{kit}\" cannot be drawn: {self}{help}")
    }

    /// A suggestion for fixing the kit or the bank.
    pub fn help(&self) -> Option<String> {
        match self {
            SelectError::UnknownTopic { suggestion, .. }
            | SelectError::UnknownQuestion { suggestion, .. } => suggestion
                .as_ref()
                .map(|s| format!("did you mean \"{s}\"?")),
            SelectError::UnusableFixed { .. } => {
                Some("fix the question, or name another one in `fixed`".to_owned())
            }
            SelectError::Shortfall(_) => Some(
                "lower `count`, widen the section's topics or tags, or add questions to the bank"
                    .to_owned(),
            ),
            SelectError::SectionOverBudget { .. } => {
                Some("raise the section's `minutes` or lower its `count`".to_owned())
            }
            SelectError::KitOverBudget { .. } => {
                Some("raise `duration_minutes`, or lower the sections' counts".to_owned())
            }
            SelectError::FixedOverCap { .. } => Some(
                "raise the cap in `max_per_kind`, or fix fewer questions of that kind".to_owned(),
            ),
        }
    }
}

impl fmt::Display for SelectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SelectError::UnknownTopic { title, topic, .. } => write!(
                f,
                "section \"{title}\" draws from topic \"{topic}\", which is not in topics.yaml"
            ),
            SelectError::UnknownQuestion { title, id, .. } => write!(
                f,
                "section \"{title}\" fixes question \"{id}\", which is not in the bank"
            ),
            SelectError::UnusableFixed {
                title, id, reason, ..
            } => write!(
                f,
                "section \"{title}\" fixes question \"{id}\", which {reason}"
            ),
            SelectError::Shortfall(s) => {
                write!(
                    f,
                    "section \"{}\" needs {} at level {} {}; ",
                    s.title,
                    plural(s.wanted, "question"),
                    s.level,
                    s.from
                )?;
                if s.with_other_sections {
                    write!(
                        f,
                        "only {} could be drawn alongside the rest of the kit ({} short)",
                        s.found,
                        s.wanted - s.found
                    )?;
                } else {
                    write!(
                        f,
                        "the bank has {} ({} short)",
                        s.found,
                        s.wanted - s.found
                    )?;
                }
                if !s.reasons.is_empty() {
                    write!(f, "; {}", s.reasons.join(", "))?;
                }
                Ok(())
            }
            SelectError::SectionOverBudget {
                title,
                count,
                budget,
                least,
                ..
            } => write!(
                f,
                "section \"{title}\" must fit {} into {budget} minutes, but the shortest it can draw take {least} ({} over)",
                plural(*count, "question"),
                least - budget
            ),
            SelectError::FixedOverCap { kind, cap, fixed } => write!(
                f,
                "the kit fixes {} of kind {kind}, but max_per_kind allows {cap}",
                plural(*fixed, "question"),
            ),
            SelectError::KitOverBudget { duration, least } => write!(
                f,
                "the kit's questions take at least {least} minutes, more than its duration_minutes of {duration} ({} over)",
                least - duration
            ),
        }
    }
}

impl std::error::Error for SelectError {}

fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "3 more excluded by similar_to with questions already drawn (a, b, c)", one line per kind.
fn pair_reasons(
    paired: &BTreeMap<(PairKind, String), u32>,
    (one, many): (&str, &str),
) -> Vec<String> {
    let mut out = Vec::new();
    for kind in PairKind::ALL {
        let others: Vec<(&String, u32)> = paired
            .iter()
            .filter(|((k, _), _)| *k == kind)
            .map(|((_, o), n)| (o, *n))
            .collect();
        if others.is_empty() {
            continue;
        }
        let n: u32 = others.iter().map(|(_, n)| n).sum();
        let mut names: Vec<String> = others
            .iter()
            .take(3)
            .map(|(o, _)| format!("\"{o}\""))
            .collect();
        if others.len() > 3 {
            names.push(format!("{} more", others.len() - 3));
        }
        let whose = if others.len() == 1 { one } else { many };
        out.push(format!(
            "{n} more excluded by {} with {whose} {}",
            kind.as_str(),
            names.join(", ")
        ));
    }
    out
}

/// SplitMix64: a small, well-known generator whose output never changes between versions.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0), without modulo bias.
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// The generator for one section: independent of the other sections, so that editing one
/// section does not reshuffle the rest.
fn section_rng(seed: u64, section: usize) -> SplitMix64 {
    let mut mix = SplitMix64::new(seed ^ (section as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    SplitMix64::new(mix.next_u64())
}

/// Where a section draws from, in words.
fn describe_source(section: &Section) -> String {
    let topics: Vec<&str> = section.all_topics().collect();
    let mut out = String::new();
    match topics.len() {
        0 => {}
        1 => out.push_str(&format!("from topic {}", topics[0])),
        _ => out.push_str(&format!("from topics {}", topics.join(", "))),
    }
    if !section.tags.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("tagged {}", section.tags.join(" or ")));
    }
    if !section.kinds.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        let kinds: Vec<&str> = section.kinds.iter().map(|k| k.as_str()).collect();
        out.push_str(&format!("of kind {}", kinds.join(" or ")));
    }
    if !section.competencies.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("measuring {}", section.competencies.join(" or ")));
    }
    if out.is_empty() {
        out.push_str("from the whole bank");
    }
    out
}

fn matches_source(q: &Question, section: &Section) -> bool {
    let mut topics = section.all_topics().peekable();
    let topic_ok = topics.peek().is_none() || section.all_topics().any(|t| t == q.topic);
    let tag_ok = section.tags.is_empty() || q.tags.iter().any(|t| section.tags.contains(t));
    let kind_ok = section.kinds.is_empty() || section.kinds.contains(&q.kind);
    let competency_ok = section.competencies.is_empty()
        || question_competencies(q)
            .iter()
            .any(|c| section.competencies.contains(c));
    topic_ok && tag_ok && kind_ok && competency_ok
}

/// Whether `kit` may ever draw `q`: an active question at the kit's level, not excluded, that
/// one of its sections fixes or draws from (when it wants more than its fixed questions).
/// Whatever the seed, the loop or the pairs passed in, a draw takes only such questions, and
/// it reads a pair kept apart only when both questions are such questions of the kit or of an
/// earlier interview of its loop: a detector of those pairs need not look beyond the
/// questions some kit may draw (`qbank_text::pairs::related_pairs`).
pub fn may_draw(kit: &Kit, q: &Question) -> bool {
    q.is_active()
        && q.has_level(kit.level)
        && !kit.exclude.contains(&q.id)
        && kit
            .sections
            .iter()
            .any(|s| s.fixed.contains(&q.id) || (draws_more(s) && matches_source(q, s)))
}

/// Whether a section draws questions besides its fixed ones.
fn draws_more(section: &Section) -> bool {
    section.wanted() as usize > section.fixed.len()
}

/// The competencies a question measures.
pub(crate) fn question_competencies(q: &Question) -> &[String] {
    &q.competencies
}

/// The pairs that may not share a kit, for each question (by index into [`Bank::questions`]):
/// each question's partners in index order, with the strongest kind of pair they form. One
/// list for the whole bank (a bank of 100,000 templated questions has a million partners).
struct PairMap {
    /// Where each question's partners start in `partners`; one more entry than questions.
    starts: Vec<u32>,
    partners: Vec<(u32, PairKind)>,
}

impl PairMap {
    /// Question `i`'s entries of `partners`.
    fn list(&self, i: usize) -> &[(u32, PairKind)] {
        &self.partners[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The partners of question `i`, in index order.
    fn of(&self, i: usize) -> impl Iterator<Item = (usize, PairKind)> + '_ {
        self.list(i).iter().map(|&(o, kind)| (o as usize, kind))
    }

    /// The kind of pair `i` and `j` form, if they form one.
    fn kind(&self, i: usize, j: usize) -> Option<PairKind> {
        let list = self.list(i);
        list.binary_search_by_key(&j, |&(o, _)| o as usize)
            .ok()
            .map(|k| list[k].1)
    }
}

/// The pairs that may not share a kit.
fn conflict_map(bank: &Bank, index: &HashMap<&str, usize>, conflicts: Conflicts<'_>) -> PairMap {
    // Both directions of every pair: (question, partner, kind).
    let mut edges: Vec<(u32, u32, PairKind)> = Vec::new();
    let mut add = |a: usize, b: usize, kind: PairKind| {
        if a != b {
            edges.push((a as u32, b as u32, kind));
            edges.push((b as u32, a as u32, kind));
        }
    };
    // Questions that name the same question in similar_to are variations of one template.
    let mut siblings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, q) in bank.questions.iter().enumerate() {
        for s in &q.similar_to {
            if let Some(&j) = index.get(s.id.as_str()) {
                add(i, j, PairKind::SimilarTo);
            }
            siblings.entry(s.id.as_str()).or_default().push(i);
        }
    }
    for group in siblings.values() {
        for (n, &a) in group.iter().enumerate() {
            for &b in &group[n + 1..] {
                add(a, b, PairKind::Sibling);
            }
        }
    }
    match conflicts {
        Conflicts::Ids(pairs) => {
            for (a, b) in pairs {
                if let (Some(&i), Some(&j)) = (index.get(*a), index.get(*b)) {
                    add(i, j, PairKind::NearDuplicate);
                }
            }
        }
        Conflicts::Active(pairs) => {
            // Each active question's place in the bank, through its id as for pairs of ids
            // (with duplicate ids, the first in path order).
            let active: Vec<usize> = bank.active().map(|q| index[q.id.as_str()]).collect();
            for pair in pairs {
                if let (Some(&i), Some(&j)) = (active.get(pair.first()), active.get(pair.second()))
                {
                    add(i, j, PairKind::NearDuplicate);
                }
            }
        }
    }
    // A pair found more than once keeps its strongest kind: similar_to is the stronger
    // statement, and it sorts first.
    edges.sort_unstable();
    edges.dedup_by_key(|&mut (a, b, _)| (a, b));
    let mut starts = Vec::with_capacity(bank.questions.len() + 1);
    let mut partners = Vec::with_capacity(edges.len());
    let mut next = 0;
    for i in 0..bank.questions.len() as u32 {
        starts.push(partners.len() as u32);
        while next < edges.len() && edges[next].0 == i {
            partners.push((edges[next].1, edges[next].2));
            next += 1;
        }
    }
    starts.push(partners.len() as u32);
    PairMap { starts, partners }
}

/// A section after the static checks: its fixed questions and its shuffled candidates.
struct Plan {
    fixed: Vec<usize>,
    /// Candidates in draw order.
    pool: Vec<usize>,
    /// How many questions to draw from `pool`.
    draw: usize,
    budget: Option<u32>,
    fixed_minutes: u32,
    /// The fewest minutes `draw` candidates take (ignoring pairs).
    least_draw: u32,
}

/// Draws the questions of `kit` from `bank`.
///
/// `conflicts` are extra pairs of question ids that may not both be selected, on top of the
/// bank's own `similar_to` pairs: near-duplicates found by a detector (unknown ids are ignored).
pub fn select(
    bank: &Bank,
    kit: &Kit,
    conflicts: &[(&str, &str)],
) -> Result<Selection, SelectError> {
    select_with(
        bank,
        kit,
        &Draw {
            conflicts: Conflicts::Ids(conflicts),
            ..Draw::default()
        },
    )
}

/// Draws the questions of `kit` from `bank`, with a seed and the questions of earlier
/// interviews of a loop ([`Draw`]).
pub fn select_with(bank: &Bank, kit: &Kit, draw: &Draw<'_>) -> Result<Selection, SelectError> {
    let conflicts = draw.conflicts;
    let seed = draw.seed.unwrap_or(kit.seed);
    let mut taken: HashMap<usize, &str> = HashMap::new();
    for (i, by) in draw.taken {
        taken.entry(*i).or_insert(by.as_str());
    }
    let mut by_id: Vec<(&str, usize)> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    // Sorted by id so that the order of files on disk never matters; with duplicate ids the
    // first in path order wins, as everywhere else.
    by_id.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    let mut index: HashMap<&str, usize> = HashMap::new();
    for &(id, i) in &by_id {
        index.entry(id).or_insert(i);
    }
    let sorted: Vec<usize> = {
        let mut seen = HashSet::new();
        by_id
            .iter()
            .filter(|(id, _)| seen.insert(*id))
            .map(|&(_, i)| i)
            .collect()
    };
    let topic_ids: Vec<String> = bank.topics.iter().map(|t| t.id.clone()).collect();
    let pairs = conflict_map(bank, &index, conflicts);
    let excluded: HashSet<&str> = kit.exclude.iter().map(String::as_str).collect();
    let minutes = |i: usize| bank.questions[i].minutes_or_default();

    // Fixed questions: known, usable, not twice, not a pair.
    let mut fixed_at: HashMap<usize, (usize, usize)> = HashMap::new();
    for (s, section) in kit.sections.iter().enumerate() {
        if !bank.topics.is_empty() {
            if let Some(topic) = section.all_topics().find(|t| bank.topic(t).is_none()) {
                return Err(SelectError::UnknownTopic {
                    section: s,
                    title: section.title.clone(),
                    topic: topic.to_owned(),
                    suggestion: crate::closest(topic, &topic_ids).map(str::to_owned),
                });
            }
        }
        for (k, id) in section.fixed.iter().enumerate() {
            let unusable = |reason: String| SelectError::UnusableFixed {
                section: s,
                title: section.title.clone(),
                index: k,
                id: id.clone(),
                reason,
            };
            let Some(&i) = index.get(id.as_str()) else {
                return Err(SelectError::UnknownQuestion {
                    section: s,
                    title: section.title.clone(),
                    index: k,
                    id: id.clone(),
                    suggestion: {
                        let ids: Vec<String> = sorted
                            .iter()
                            .map(|&i| bank.questions[i].id.clone())
                            .collect();
                        crate::closest(id, &ids).map(str::to_owned)
                    },
                });
            };
            let q = &bank.questions[i];
            if q.status != Status::Active {
                return Err(unusable(format!(
                    "is {}; only active questions go into kits",
                    q.status.as_str()
                )));
            }
            if !q.has_level(kit.level) {
                let levels: Vec<&str> = q.levels.iter().map(|l| l.as_str()).collect();
                return Err(unusable(format!(
                    "is for level {}, not {}",
                    levels.join(", "),
                    kit.level
                )));
            }
            if excluded.contains(id.as_str()) {
                return Err(unusable("the kit also excludes".to_owned()));
            }
            if let Some(by) = taken.get(&i) {
                return Err(unusable(format!(
                    "{by} already asks; a loop asks a question once"
                )));
            }
            if let Some((other, kind, by)) = pairs
                .of(i)
                .find_map(|(o, k)| taken.get(&o).map(|by| (o, k, *by)))
            {
                return Err(unusable(format!(
                    "is a {} pair with \"{}\", which {by} asks; a loop holds only one of a pair",
                    kind.as_str(),
                    bank.questions[other].id,
                )));
            }
            if let Some(&(s2, _)) = fixed_at.get(&i) {
                return Err(unusable(if s2 == s {
                    "is listed twice".to_owned()
                } else {
                    format!("section \"{}\" already fixes", kit.sections[s2].title)
                }));
            }
            for (&other, &(s2, _)) in &fixed_at {
                if let Some(kind) = pairs.kind(i, other) {
                    return Err(unusable(format!(
                        "is a {} pair with \"{}\", fixed in section \"{}\"; a kit holds only one of a pair",
                        kind.as_str(),
                        bank.questions[other].id,
                        kit.sections[s2].title
                    )));
                }
            }
            fixed_at.insert(i, (s, k));
        }
    }
    let mut fixed_kinds: BTreeMap<Kind, u32> = BTreeMap::new();
    for &i in fixed_at.keys() {
        *fixed_kinds.entry(bank.questions[i].kind).or_default() += 1;
    }
    for (&kind, &cap) in &kit.max_per_kind {
        let fixed = fixed_kinds.get(&kind).copied().unwrap_or(0);
        if fixed > cap {
            return Err(SelectError::FixedOverCap { kind, cap, fixed });
        }
    }

    // Each section's candidates, and what it cannot get even on its own.
    let mut plans = Vec::with_capacity(kit.sections.len());
    let mut warnings = Vec::new();
    for (s, section) in kit.sections.iter().enumerate() {
        let fixed: Vec<usize> = section.fixed.iter().map(|id| index[id.as_str()]).collect();
        let wanted = section.wanted();
        let draw = wanted as usize - fixed.len();
        let mut pool = Vec::new();
        let mut not_active = 0u32;
        let mut other_level = 0u32;
        let mut excluded_n = 0u32;
        let mut fixed_elsewhere = 0u32;
        let mut paired: BTreeMap<(PairKind, String), u32> = BTreeMap::new();
        let mut asked: BTreeMap<&str, u32> = BTreeMap::new();
        let mut paired_asked: BTreeMap<(PairKind, String), u32> = BTreeMap::new();
        let mut over_cap = 0u32;
        for &i in &sorted {
            let q = &bank.questions[i];
            if !matches_source(q, section) {
                continue;
            }
            if let Some(&(s2, _)) = fixed_at.get(&i) {
                if s2 != s {
                    fixed_elsewhere += 1;
                }
                continue;
            }
            if q.status != Status::Active {
                not_active += 1;
            } else if !q.has_level(kit.level) {
                other_level += 1;
            } else if excluded.contains(q.id.as_str()) {
                excluded_n += 1;
            } else if let Some(by) = taken.get(&i) {
                *asked.entry(by).or_default() += 1;
            } else if let Some((other, kind)) = pairs.of(i).find(|(o, _)| taken.contains_key(o)) {
                *paired_asked
                    .entry((kind, bank.questions[other].id.clone()))
                    .or_default() += 1;
            } else if kit
                .max_per_kind
                .get(&q.kind)
                .is_some_and(|&cap| fixed_kinds.get(&q.kind).copied().unwrap_or(0) >= cap)
            {
                over_cap += 1;
            } else if let Some((other, kind)) = pairs.of(i).find(|(o, _)| fixed_at.contains_key(o))
            {
                *paired
                    .entry((kind, bank.questions[other].id.clone()))
                    .or_default() += 1;
            } else {
                pool.push(i);
            }
        }
        if pool.len() < draw {
            let mut reasons = Vec::new();
            reasons.extend(pair_reasons(&paired, ("fixed question", "fixed questions")));
            for (by, n) in &asked {
                reasons.push(format!("{n} more asked in {by}"));
            }
            reasons.extend(pair_reasons(
                &paired_asked,
                (
                    "a question asked earlier in the loop",
                    "questions asked earlier in the loop",
                ),
            ));
            if over_cap > 0 {
                reasons.push(format!("{over_cap} more over the kit's max_per_kind"));
            }
            if excluded_n > 0 {
                reasons.push(format!("{excluded_n} more excluded by the kit"));
            }
            if fixed_elsewhere > 0 {
                reasons.push(format!("{fixed_elsewhere} more fixed in other sections"));
            }
            if not_active > 0 {
                reasons.push(format!("{not_active} more not active"));
            }
            if other_level > 0 {
                reasons.push(format!("{other_level} more only for other levels"));
            }
            for tag in &section.tags {
                if !bank.questions.iter().any(|q| q.tags.contains(tag)) {
                    reasons.push(format!("no question is tagged \"{tag}\""));
                }
            }
            return Err(SelectError::Shortfall(Box::new(Shortfall {
                section: s,
                title: section.title.clone(),
                wanted,
                found: (fixed.len() + pool.len()) as u32,
                level: kit.level,
                from: describe_source(section),
                with_other_sections: false,
                reasons,
            })));
        }
        if wanted == 0 {
            warnings.push(format!(
                "section \"{}\" draws no questions (its count is 0); it is left out",
                section.title
            ));
        }
        let mut rng = section_rng(seed, s);
        rng.shuffle(&mut pool);
        let fixed_minutes: u32 = fixed.iter().map(|&i| minutes(i)).sum();
        let mut by_minutes: Vec<u32> = pool.iter().map(|&i| minutes(i)).collect();
        by_minutes.sort_unstable();
        let least_draw: u32 = by_minutes.iter().take(draw).sum();
        if let Some(budget) = section.minutes {
            if fixed_minutes + least_draw > budget {
                return Err(SelectError::SectionOverBudget {
                    section: s,
                    title: section.title.clone(),
                    count: wanted,
                    budget,
                    least: fixed_minutes + least_draw,
                });
            }
        }
        plans.push(Plan {
            fixed,
            pool,
            draw,
            budget: section.minutes,
            fixed_minutes,
            least_draw,
        });
    }
    let least_total: u32 = plans.iter().map(|p| p.fixed_minutes + p.least_draw).sum();
    if let Some(duration) = kit.duration_minutes {
        if least_total > duration {
            return Err(SelectError::KitOverBudget {
                duration,
                least: least_total,
            });
        }
    }

    let mut search = Search::new(bank, kit, &plans, &pairs, &fixed_at);
    if search.run() {
        let sections = kit
            .sections
            .iter()
            .zip(&plans)
            .zip(search.picked)
            .map(|((section, plan), drawn)| {
                let questions: Vec<usize> = plan.fixed.iter().copied().chain(drawn).collect();
                SelectedSection {
                    title: section.title.clone(),
                    minutes: questions.iter().map(|&i| minutes(i)).sum(),
                    questions,
                    budget: plan.budget,
                }
            })
            .collect::<Vec<_>>();
        let total_minutes = sections.iter().map(|s| s.minutes).sum();
        return Ok(Selection {
            kit_id: kit.id.clone(),
            seed,
            sections,
            total_minutes,
            warnings,
        });
    }
    // Explain the failure from a greedy draw (the search's first path): it shows what a
    // section can get, and why the rest are left out, without the search's pruning.
    let mut greedy = Search::new(bank, kit, &plans, &pairs, &fixed_at);
    if !greedy.greedy() {
        return Err(greedy.explain());
    }
    Err(search.explain())
}

/// The depth-first search over sections and their shuffled candidates.
struct Search<'a> {
    bank: &'a Bank,
    kit: &'a Kit,
    plans: &'a [Plan],
    pairs: &'a PairMap,
    /// How many chosen questions block each question (through a pair).
    blocked: HashMap<usize, u32>,
    chosen: HashMap<usize, usize>,
    picked: Vec<Vec<usize>>,
    total: u32,
    /// The fewest minutes the sections after each index take.
    least_after: Vec<u32>,
    /// Questions chosen of each kind, for `max_per_kind`.
    kinds: BTreeMap<Kind, u32>,
    steps: u64,
    /// The deepest dead end: (section, questions it got), and why the rest were left out.
    worst: Option<(usize, usize, Vec<String>)>,
}

impl<'a> Search<'a> {
    fn new(
        bank: &'a Bank,
        kit: &'a Kit,
        plans: &'a [Plan],
        pairs: &'a PairMap,
        fixed_at: &HashMap<usize, (usize, usize)>,
    ) -> Search<'a> {
        let mut least_after = vec![0; plans.len() + 1];
        for s in (0..plans.len()).rev() {
            least_after[s] = least_after[s + 1] + plans[s].fixed_minutes + plans[s].least_draw;
        }
        let mut search = Search {
            bank,
            kit,
            plans,
            pairs,
            blocked: HashMap::new(),
            chosen: HashMap::new(),
            picked: vec![Vec::new(); plans.len()],
            total: 0,
            least_after,
            kinds: BTreeMap::new(),
            steps: 0,
            worst: None,
        };
        let mut fixed: Vec<(usize, usize)> = fixed_at.iter().map(|(&i, &(s, _))| (i, s)).collect();
        fixed.sort_unstable();
        for (i, s) in fixed {
            search.take(i, s);
        }
        search
    }

    fn minutes(&self, i: usize) -> u32 {
        self.bank.questions[i].minutes_or_default()
    }

    fn take(&mut self, i: usize, section: usize) {
        self.chosen.insert(i, section);
        self.total += self.minutes(i);
        *self.kinds.entry(self.bank.questions[i].kind).or_default() += 1;
        for (o, _) in self.pairs.of(i) {
            *self.blocked.entry(o).or_default() += 1;
        }
    }

    fn give_back(&mut self, i: usize) {
        self.chosen.remove(&i);
        self.total -= self.minutes(i);
        if let Some(n) = self.kinds.get_mut(&self.bank.questions[i].kind) {
            *n -= 1;
        }
        for (o, _) in self.pairs.of(i) {
            if let Some(n) = self.blocked.get_mut(&o) {
                *n -= 1;
            }
        }
    }

    fn section_minutes(&self, s: usize) -> u32 {
        self.plans[s].fixed_minutes + self.picked[s].iter().map(|&i| self.minutes(i)).sum::<u32>()
    }

    /// Whether one more question of `i`'s kind passes the kit's `max_per_kind`.
    fn over_cap(&self, i: usize) -> bool {
        let kind = self.bank.questions[i].kind;
        self.kit
            .max_per_kind
            .get(&kind)
            .is_some_and(|&cap| self.kinds.get(&kind).copied().unwrap_or(0) >= cap)
    }

    /// Whether candidate `i` may join section `s` now.
    fn fits(&self, i: usize, s: usize) -> bool {
        if self.chosen.contains_key(&i) || self.blocked.get(&i).copied().unwrap_or(0) > 0 {
            return false;
        }
        if self.over_cap(i) {
            return false;
        }
        let m = self.minutes(i);
        if let Some(budget) = self.plans[s].budget {
            if self.section_minutes(s) + m > budget {
                return false;
            }
        }
        if let Some(duration) = self.kit.duration_minutes {
            if self.total + m + self.least_after[s + 1] > duration {
                return false;
            }
        }
        true
    }

    fn run(&mut self) -> bool {
        self.fill(0, 0)
    }

    /// Fills section `s` from candidate position `from` on, then the sections after it.
    fn fill(&mut self, s: usize, from: usize) -> bool {
        if s == self.plans.len() {
            return true;
        }
        let plan = &self.plans[s];
        if self.picked[s].len() == plan.draw {
            return self.fill(s + 1, 0);
        }
        let left = plan.draw - self.picked[s].len();
        let mut tried_any = false;
        for pos in from..plan.pool.len() {
            if plan.pool.len() - pos < left {
                break;
            }
            self.steps += 1;
            if self.steps > MAX_STEPS {
                break;
            }
            let i = plan.pool[pos];
            if !self.fits(i, s) {
                continue;
            }
            tried_any = true;
            self.take(i, s);
            self.picked[s].push(i);
            if self.fill(s, pos + 1) {
                return true;
            }
            self.picked[s].pop();
            self.give_back(i);
            if self.steps > MAX_STEPS {
                return false;
            }
        }
        if !tried_any {
            self.note_dead_end(s);
        }
        false
    }

    /// Remembers the deepest place the search got stuck, and why.
    fn note_dead_end(&mut self, s: usize) {
        let got = self.plans[s].fixed.len() + self.picked[s].len();
        if self
            .worst
            .as_ref()
            .is_some_and(|(ws, wg, _)| (*ws, *wg) >= (s, got))
        {
            return;
        }
        let mut in_other: BTreeMap<String, u32> = BTreeMap::new();
        let mut paired: BTreeMap<(PairKind, String), u32> = BTreeMap::new();
        let mut over_section = 0u32;
        let mut over_kit = 0u32;
        let mut over_cap: BTreeMap<Kind, u32> = BTreeMap::new();
        let mut among: BTreeMap<PairKind, u32> = BTreeMap::new();
        for &i in &self.plans[s].pool {
            if self.picked[s].contains(&i) {
                continue;
            }
            if let Some(&s2) = self.chosen.get(&i) {
                *in_other
                    .entry(self.kit.sections[s2].title.clone())
                    .or_default() += 1;
            } else if let Some((other, kind)) =
                self.pairs.of(i).find(|(o, _)| self.chosen.contains_key(o))
            {
                *paired
                    .entry((kind, self.bank.questions[other].id.clone()))
                    .or_default() += 1;
            } else if self.over_cap(i) {
                *over_cap.entry(self.bank.questions[i].kind).or_default() += 1;
            } else if self.plans[s]
                .budget
                .is_some_and(|b| self.section_minutes(s) + self.minutes(i) > b)
            {
                over_section += 1;
            } else if !self.fits(i, s) {
                over_kit += 1;
            } else if let Some((_, kind)) = self
                .pairs
                .of(i)
                .find(|(o, _)| self.plans[s].pool.contains(o))
            {
                // Free on its own, but it pairs with another candidate: only one of them
                // can be drawn, and the search tried them all.
                *among.entry(kind).or_default() += 1;
            }
        }
        let mut reasons = Vec::new();
        if in_other.len() > 3 {
            let n: u32 = in_other.values().sum();
            reasons.push(format!(
                "{n} more drawn by {} other sections",
                in_other.len()
            ));
        } else {
            for (title, n) in in_other {
                reasons.push(format!("{n} more drawn by section \"{title}\""));
            }
        }
        reasons.extend(pair_reasons(
            &paired,
            ("the question already drawn", "the questions already drawn"),
        ));
        for (kind, n) in among {
            reasons.push(format!(
                "{n} more {} {} of other candidates",
                if n == 1 { "is a" } else { "are" },
                kind.noun(n)
            ));
        }
        for (kind, n) in over_cap {
            let cap = self.kit.max_per_kind.get(&kind).copied().unwrap_or(0);
            reasons.push(format!(
                "{n} more would pass the kit's cap of {cap} {kind} {}",
                if cap == 1 { "question" } else { "questions" }
            ));
        }
        if over_section > 0 {
            reasons.push(format!(
                "{over_section} more would not fit the section's {} minutes",
                self.plans[s].budget.unwrap_or(0)
            ));
        }
        if over_kit > 0 {
            reasons.push(format!(
                "{over_kit} more would not fit the kit's {} minutes",
                self.kit.duration_minutes.unwrap_or(0)
            ));
        }
        self.worst = Some((s, got, reasons));
    }

    /// Draws each section's first fitting candidates in order; false (with the dead end noted)
    /// when a section cannot be filled that way.
    fn greedy(&mut self) -> bool {
        for s in 0..self.plans.len() {
            for pos in 0..self.plans[s].pool.len() {
                if self.picked[s].len() == self.plans[s].draw {
                    break;
                }
                let i = self.plans[s].pool[pos];
                if self.fits(i, s) {
                    self.take(i, s);
                    self.picked[s].push(i);
                }
            }
            if self.picked[s].len() < self.plans[s].draw {
                self.note_dead_end(s);
                return false;
            }
        }
        true
    }

    fn explain(&self) -> SelectError {
        let (s, got, reasons) = self.worst.clone().unwrap_or_else(|| {
            (
                0,
                self.plans[0].fixed.len(),
                vec!["the search took too long".to_owned()],
            )
        });
        let section = &self.kit.sections[s];
        SelectError::Shortfall(Box::new(Shortfall {
            section: s,
            title: section.title.clone(),
            wanted: section.wanted(),
            found: got as u32,
            level: self.kit.level,
            from: describe_source(section),
            with_other_sections: true,
            reasons,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SimilarTo, Topic};

    fn q(id: &str, topic: &str, minutes: u32) -> Question {
        Question {
            text: format!("Question {id}?"),
            topic: topic.to_owned(),
            levels: vec![Level::Mid],
            minutes: Some(minutes),
            status: Status::Active,
            ..Question::new(id)
        }
    }

    fn topic(id: &str) -> Topic {
        Topic {
            id: id.to_owned(),
            title: id.to_owned(),
            description: String::new(),
            coverage: Default::default(),
            synonyms: Vec::new(),
            index: 0,
        }
    }

    fn bank(questions: Vec<Question>) -> Bank {
        Bank {
            topics: vec![topic("deploy"), topic("data"), topic("ops")],
            questions,
            ..Bank::default()
        }
    }

    fn section(title: &str, topic: &str, count: u32) -> Section {
        Section {
            topic: Some(topic.to_owned()),
            count: Some(count),
            ..Section::new(title)
        }
    }

    fn kit(seed: u64, sections: Vec<Section>) -> Kit {
        Kit {
            seed,
            sections,
            ..Kit::new("k", "K", Level::Mid)
        }
    }

    fn ten(topic: &str) -> Vec<Question> {
        (0..10)
            .map(|i| q(&format!("{topic}-{i}"), topic, 5))
            .collect()
    }

    fn ids(bank: &Bank, sel: &Selection) -> Vec<String> {
        sel.questions(bank).map(|q| q.id.clone()).collect()
    }

    #[test]
    fn splitmix_matches_reference_output() {
        // The first outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
    }

    #[test]
    fn same_seed_same_kit_different_seed_other_kit() {
        let b = bank(ten("deploy"));
        let k = kit(7, vec![section("S", "deploy", 3)]);
        let a = ids(&b, &select(&b, &k, &[]).unwrap());
        assert_eq!(a, ids(&b, &select(&b, &k, &[]).unwrap()));
        assert_eq!(a.len(), 3);
        let others: HashSet<Vec<String>> = (0..20)
            .map(|seed| {
                ids(
                    &b,
                    &select(&b, &kit(seed, k.sections.clone()), &[]).unwrap(),
                )
            })
            .collect();
        assert!(
            others.len() > 10,
            "seeds should give varied kits: {others:?}"
        );
    }

    #[test]
    fn order_of_files_does_not_matter() {
        let mut questions = ten("deploy");
        let b1 = bank(questions.clone());
        questions.reverse();
        let b2 = bank(questions);
        let k = kit(3, vec![section("S", "deploy", 4)]);
        assert_eq!(
            ids(&b1, &select(&b1, &k, &[]).unwrap()),
            ids(&b2, &select(&b2, &k, &[]).unwrap())
        );
    }

    #[test]
    fn only_active_questions_at_the_level_not_excluded() {
        let mut questions = ten("deploy");
        questions[0].status = Status::Draft;
        questions[1].status = Status::Retired;
        questions[2].levels = vec![Level::Senior];
        let b = bank(questions);
        let mut k = kit(1, vec![section("S", "deploy", 5)]);
        k.exclude = vec!["deploy-3".to_owned(), "deploy-4".to_owned()];
        let got = ids(&b, &select(&b, &k, &[]).unwrap());
        let mut sorted = got.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            ["deploy-5", "deploy-6", "deploy-7", "deploy-8", "deploy-9"]
        );
        k.sections[0].count = Some(6);
        assert_eq!(
            select(&b, &k, &[]).unwrap_err().to_string(),
            "section \"S\" needs 6 questions at level mid from topic deploy; the bank has 5 \
             (1 short); 2 more excluded by the kit, 2 more not active, 1 more only for other levels"
        );
    }

    #[test]
    fn fixed_questions_come_first_in_their_order() {
        let b = bank(ten("deploy"));
        let mut s = section("S", "deploy", 4);
        s.fixed = vec!["deploy-9".to_owned(), "deploy-2".to_owned()];
        for seed in 0..20 {
            let got = ids(&b, &select(&b, &kit(seed, vec![s.clone()]), &[]).unwrap());
            assert_eq!(&got[..2], ["deploy-9", "deploy-2"]);
            assert_eq!(got.len(), 4);
            assert_eq!(got.iter().collect::<HashSet<_>>().len(), 4);
        }
    }

    #[test]
    fn never_both_of_a_pair() {
        let mut questions = ten("deploy");
        // Pairs 0-1, 2-3, 4-5, 6-7, 8-9: a kit of five must take exactly one of each.
        for i in (0..10).step_by(2) {
            questions[i].similar_to = vec![SimilarTo {
                id: format!("deploy-{}", i + 1),
                reason: None,
            }];
        }
        let b = bank(questions);
        for seed in 0..50 {
            let sel = select(&b, &kit(seed, vec![section("S", "deploy", 5)]), &[]).unwrap();
            let got: HashSet<usize> = sel.sections[0].questions.iter().copied().collect();
            for i in (0..10).step_by(2) {
                assert!(
                    got.contains(&i) != got.contains(&(i + 1)),
                    "seed {seed}: {got:?}"
                );
            }
        }
        let err = select(&b, &kit(1, vec![section("S", "deploy", 6)]), &[]).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "section \"S\" needs 6 questions at level mid from topic deploy; only 5 could be \
                 drawn alongside the rest of the kit (1 short); 5 more excluded by similar_to \
                 with the questions already drawn \""
            ),
            "{err}"
        );
    }

    /// A kit draws only what [`may_draw`] allows, and pairs with any other question change
    /// nothing it draws, nor why it cannot draw.
    #[test]
    fn pairs_beyond_what_a_kit_may_draw_change_nothing() {
        let mut questions = ten("deploy");
        questions.extend(ten("data"));
        questions[1].status = Status::Retired;
        questions[2].levels = vec![Level::Senior];
        questions[12].levels = vec![Level::Senior];
        let b = bank(questions);
        let fixed = Section {
            fixed: vec!["data-3".to_owned()],
            ..Section::new("Fixed")
        };
        let k = |seed: u64, count: u32| Kit {
            exclude: vec!["deploy-3".to_owned()],
            ..kit(seed, vec![section("S", "deploy", count), fixed.clone()])
        };
        let drawable: Vec<&str> = b
            .questions
            .iter()
            .filter(|q| may_draw(&k(0, 1), q))
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(
            drawable,
            [
                "deploy-0", "deploy-4", "deploy-5", "deploy-6", "deploy-7", "deploy-8", "deploy-9",
                "data-3"
            ]
        );
        // Every question the kit may not draw paired with every one it may.
        let others: Vec<&str> = b
            .questions
            .iter()
            .map(|q| q.id.as_str())
            .filter(|id| !drawable.contains(id))
            .collect();
        let pairs: Vec<(&str, &str)> = others
            .iter()
            .flat_map(|&o| drawable.iter().map(move |&d| (o, d)))
            .collect();
        for seed in 0..20 {
            let alone = select(&b, &k(seed, 4), &[]).unwrap();
            assert!(alone.questions(&b).all(|q| may_draw(&k(seed, 4), q)));
            assert_eq!(select(&b, &k(seed, 4), &pairs).unwrap(), alone);
        }
        let short = select(&b, &k(0, 8), &[]).unwrap_err();
        assert_eq!(select(&b, &k(0, 8), &pairs).unwrap_err(), short);
    }

    #[test]
    fn near_duplicate_pairs_from_the_caller_count_too() {
        let b = bank((0..3).map(|i| q(&format!("d-{i}"), "deploy", 5)).collect());
        let pairs = [("d-0", "d-1")];
        let k = kit(1, vec![section("S", "deploy", 2)]);
        for seed in 0..20 {
            let mut k = k.clone();
            k.seed = seed;
            let got = ids(&b, &select(&b, &k, &pairs).unwrap());
            assert!(got.contains(&"d-2".to_owned()), "{got:?}");
        }
        let mut k3 = k.clone();
        k3.sections[0].count = Some(3);
        let err = select(&b, &k3, &pairs).unwrap_err().to_string();
        assert!(err.contains("excluded by near-duplicate with"), "{err}");
    }

    #[test]
    fn a_pair_across_sections_is_avoided_by_trying_alternatives() {
        // Section A draws one of a-0, a-1; both are paired with b-0, except a-1 ... only b-0
        // or b-1 can follow depending on A. Whatever A draws first, B must still be filled.
        let mut questions = vec![
            q("a-0", "deploy", 5),
            q("a-1", "deploy", 5),
            q("b-0", "data", 5),
        ];
        questions[0].similar_to = vec![SimilarTo {
            id: "b-0".to_owned(),
            reason: None,
        }];
        let b = bank(questions);
        for seed in 0..20 {
            let k = kit(
                seed,
                vec![section("A", "deploy", 1), section("B", "data", 1)],
            );
            assert_eq!(ids(&b, &select(&b, &k, &[]).unwrap()), ["a-1", "b-0"]);
        }
    }

    #[test]
    fn time_budgets_are_kept_by_trying_other_questions() {
        let mut questions: Vec<Question> = (0..6)
            .map(|i| q(&format!("long-{i}"), "deploy", 10))
            .collect();
        questions.push(q("short-0", "deploy", 3));
        questions.push(q("short-1", "deploy", 3));
        let b = bank(questions);
        for seed in 0..20 {
            let mut s = section("S", "deploy", 2);
            s.minutes = Some(13);
            let sel = select(&b, &kit(seed, vec![s]), &[]).unwrap();
            assert!(sel.total_minutes <= 13, "{sel:?}");
            let mut k = kit(seed, vec![section("S", "deploy", 3)]);
            k.duration_minutes = Some(16);
            let sel = select(&b, &k, &[]).unwrap();
            assert_eq!(sel.total_minutes, 16, "one long and two short: {sel:?}");
        }
        let mut s = section("S", "deploy", 3);
        s.minutes = Some(15);
        assert_eq!(
            select(&b, &kit(1, vec![s]), &[]).unwrap_err().to_string(),
            "section \"S\" must fit 3 questions into 15 minutes, but the shortest it can draw \
             take 16 (1 over)"
        );
        let mut k = kit(
            1,
            vec![section("S", "deploy", 3), section("T", "deploy", 1)],
        );
        k.duration_minutes = Some(18);
        assert_eq!(
            select(&b, &k, &[]).unwrap_err().to_string(),
            "the kit's questions take at least 19 minutes, more than its duration_minutes of 18 \
             (1 over)"
        );
        // Each section alone fits in 19 minutes, but not both from one pool of two short ones.
        k.duration_minutes = Some(20);
        assert_eq!(
            select(&b, &k, &[]).unwrap_err().to_string(),
            "section \"T\" needs 1 question at level mid from topic deploy; only 0 could be \
             drawn alongside the rest of the kit (1 short); 3 more drawn by section \"S\", 5 more \
             would not fit the kit's 20 minutes"
        );
    }

    #[test]
    fn sections_can_draw_by_tags() {
        let mut questions = ten("deploy");
        questions[4].tags = vec!["screening".to_owned()];
        questions[7].tags = vec!["screening".to_owned(), "x".to_owned()];
        let b = bank(questions);
        let s = Section {
            tags: vec!["screening".to_owned()],
            topic: None,
            ..section("S", "deploy", 2)
        };
        let mut got = ids(&b, &select(&b, &kit(1, vec![s.clone()]), &[]).unwrap());
        got.sort();
        assert_eq!(got, ["deploy-4", "deploy-7"]);
        let err = select(
            &b,
            &kit(
                1,
                vec![Section {
                    tags: vec!["scrn".to_owned()],
                    ..s
                }],
            ),
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(err.ends_with("no question is tagged \"scrn\""), "{err}");
    }

    #[test]
    fn a_question_is_drawn_once_across_sections() {
        let b = bank(ten("deploy"));
        let k = kit(
            2,
            vec![section("A", "deploy", 5), section("B", "deploy", 5)],
        );
        let got = ids(&b, &select(&b, &k, &[]).unwrap());
        assert_eq!(got.iter().collect::<HashSet<_>>().len(), 10);
        let k = kit(
            2,
            vec![section("A", "deploy", 5), section("B", "deploy", 6)],
        );
        let err = select(&b, &k, &[]).unwrap_err().to_string();
        assert!(
            err.contains("only 5 could be drawn alongside the rest of the kit (1 short); 5 more drawn by section \"A\""),
            "{err}"
        );
    }

    #[test]
    fn bad_fixed_ids_are_named() {
        let mut questions = ten("deploy");
        questions[1].status = Status::Retired;
        questions[2].levels = vec![Level::Staff];
        questions[3].similar_to = vec![SimilarTo {
            id: "deploy-4".to_owned(),
            reason: None,
        }];
        let b = bank(questions);
        let fixed = |ids: &[&str]| {
            let mut s = section("S", "deploy", 2);
            s.fixed = ids.iter().map(|s| s.to_string()).collect();
            select(&b, &kit(1, vec![s]), &[]).unwrap_err()
        };
        let e = fixed(&["deploy-O"]);
        assert_eq!(
            e.to_string(),
            "section \"S\" fixes question \"deploy-O\", which is not in the bank"
        );
        assert_eq!(e.help().unwrap(), "did you mean \"deploy-0\"?");
        assert_eq!(e.pointer(), "/sections/0/fixed/0");
        assert_eq!(
            fixed(&["deploy-0", "deploy-1"]).to_string(),
            "section \"S\" fixes question \"deploy-1\", which is retired; only active questions go into kits"
        );
        assert_eq!(
            fixed(&["deploy-2"]).to_string(),
            "section \"S\" fixes question \"deploy-2\", which is for level staff, not mid"
        );
        assert_eq!(
            fixed(&["deploy-3", "deploy-4"]).to_string(),
            "section \"S\" fixes question \"deploy-4\", which is a similar_to pair with \"deploy-3\", fixed in section \"S\"; a kit holds only one of a pair"
        );
        assert_eq!(
            fixed(&["deploy-0", "deploy-0"]).to_string(),
            "section \"S\" fixes question \"deploy-0\", which is listed twice"
        );
    }

    #[test]
    fn unknown_topic_is_named() {
        let b = bank(ten("deploy"));
        let e = select(&b, &kit(1, vec![section("S", "deplyo", 1)]), &[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "section \"S\" draws from topic \"deplyo\", which is not in topics.yaml"
        );
        assert_eq!(e.help().unwrap(), "did you mean \"deploy\"?");
    }

    #[test]
    fn near_duplicates_of_the_bank_keep_apart() {
        let mut questions = vec![
            q("a", "deploy", 5),
            q("b", "deploy", 5),
            q("c", "deploy", 5),
        ];
        questions[0].text = "How do you version your ML models?".to_owned();
        questions[1].text =
            "How do you handle version control for machine learning models?".to_owned();
        questions[2].text = "How do you version your training data?".to_owned();
        let b = bank(questions);
        // The pair the near-duplicate detector finds among these three texts (the example of
        // `qbank_text::similarity`, which asserts it).
        let pairs = [("a", "b")];
        for seed in 0..20 {
            let got = ids(
                &b,
                &select(&b, &kit(seed, vec![section("S", "deploy", 2)]), &pairs).unwrap(),
            );
            assert!(got.contains(&"c".to_owned()), "{got:?}");
        }
    }

    #[test]
    fn an_empty_section_is_a_warning() {
        let b = bank(ten("deploy"));
        let sel = select(&b, &kit(1, vec![section("Empty", "deploy", 0)]), &[]).unwrap();
        assert!(sel.is_empty());
        assert_eq!(
            sel.warnings,
            ["section \"Empty\" draws no questions (its count is 0); it is left out"]
        );
    }

    #[test]
    fn invariants_hold_for_many_seeds() {
        let mut questions = Vec::new();
        for t in ["deploy", "data", "ops"] {
            for i in 0..12 {
                let mut x = q(&format!("{t}-{i}"), t, 3 + (i as u32 * 7) % 6);
                if i % 3 == 0 {
                    x.similar_to = vec![SimilarTo {
                        id: format!("{}-{}", if t == "deploy" { "data" } else { "ops" }, i + 1),
                        reason: None,
                    }];
                }
                questions.push(x);
            }
        }
        let b = bank(questions);
        let mut sections = vec![
            section("A", "deploy", 3),
            section("B", "data", 3),
            section("C", "ops", 2),
        ];
        sections[0].minutes = Some(16);
        sections[1].fixed = vec!["data-4".to_owned()];
        for seed in 0..200 {
            let mut k = kit(seed, sections.clone());
            k.duration_minutes = Some(40);
            let sel = select(&b, &k, &[]).unwrap();
            let chosen: Vec<usize> = sel
                .sections
                .iter()
                .flat_map(|s| s.questions.clone())
                .collect();
            assert_eq!(chosen.len(), 8);
            assert_eq!(chosen.iter().collect::<HashSet<_>>().len(), 8);
            assert!(sel.total_minutes <= 40);
            assert!(sel.sections[0].minutes <= 16);
            assert_eq!(b.questions[sel.sections[1].questions[0]].id, "data-4");
            for &i in &chosen {
                for s in &b.questions[i].similar_to {
                    assert!(!chosen.iter().any(|&j| b.questions[j].id == s.id));
                }
            }
        }
    }

    #[test]
    fn sections_draw_by_kind_and_the_kit_caps_kinds() {
        let mut questions = ten("deploy");
        for (i, q) in questions.iter_mut().enumerate() {
            q.kind = match i % 3 {
                0 => Kind::Concept,
                1 => Kind::Scenario,
                _ => Kind::Behavioral,
            };
        }
        let b = bank(questions);
        let scenario = Section {
            kinds: vec![Kind::Scenario],
            ..section("Scenario", "deploy", 2)
        };
        for seed in 0..20 {
            let sel = select(&b, &kit(seed, vec![scenario.clone()]), &[]).unwrap();
            assert!(sel.questions(&b).all(|q| q.kind == Kind::Scenario));
        }
        // Concept 0, 3, 6, 9: a cap of two holds across sections.
        let mut k = kit(
            1,
            vec![section("A", "deploy", 4), section("B", "deploy", 4)],
        );
        k.max_per_kind.insert(Kind::Concept, 2);
        for seed in 0..30 {
            k.seed = seed;
            let sel = select(&b, &k, &[]).unwrap();
            let concepts = sel
                .questions(&b)
                .filter(|q| q.kind == Kind::Concept)
                .count();
            assert!(concepts <= 2, "seed {seed}: {concepts} concept questions");
        }
        let mut k = kit(
            1,
            vec![Section {
                kinds: vec![Kind::Concept],
                ..section("Definitions", "deploy", 3)
            }],
        );
        k.max_per_kind.insert(Kind::Concept, 2);
        assert_eq!(
            select(&b, &k, &[]).unwrap_err().to_string(),
            "section \"Definitions\" needs 3 questions at level mid from topic deploy of kind \
             concept; only 2 could be drawn alongside the rest of the kit (1 short); 2 more would \
             pass the kit's cap of 2 concept questions"
        );
        k.sections[0].fixed = vec!["deploy-0".into(), "deploy-3".into(), "deploy-6".into()];
        let err = select(&b, &k, &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the kit fixes 3 questions of kind concept, but max_per_kind allows 2"
        );
        assert_eq!(err.pointer(), "/max_per_kind/concept");
    }

    #[test]
    fn siblings_of_one_template_never_share_a_kit() {
        let mut questions = ten("deploy");
        // 1, 2 and 3 all name 0: they are siblings, and each is paired with 0.
        for q in &mut questions[1..4] {
            q.similar_to = vec![SimilarTo {
                id: "deploy-0".into(),
                reason: None,
            }];
        }
        let b = bank(questions);
        for seed in 0..40 {
            let sel = select(&b, &kit(seed, vec![section("S", "deploy", 7)]), &[]).unwrap();
            let got: HashSet<String> = sel.questions(&b).map(|q| q.id.clone()).collect();
            let family = ["deploy-0", "deploy-1", "deploy-2", "deploy-3"];
            assert_eq!(
                family.iter().filter(|f| got.contains(**f)).count(),
                1,
                "seed {seed}: {got:?}"
            );
        }
        let err = select(&b, &kit(1, vec![section("S", "deploy", 8)]), &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("sibling"), "{err}");
    }

    #[test]
    fn a_loop_draw_skips_what_earlier_interviews_asked_and_their_pairs() {
        let mut questions = ten("deploy");
        questions[5].similar_to = vec![SimilarTo {
            id: "deploy-6".into(),
            reason: None,
        }];
        let b = bank(questions);
        let taken: Vec<(usize, String)> = [0, 1, 2, 3, 4, 5]
            .into_iter()
            .map(|i| (i, "interview 1 (Phone screen)".to_owned()))
            .collect();
        let draw = Draw {
            taken: &taken,
            ..Draw::default()
        };
        for seed in 0..20 {
            let k = kit(seed, vec![section("S", "deploy", 3)]);
            let mut got = ids(&b, &select_with(&b, &k, &draw).unwrap());
            got.sort();
            assert_eq!(got, ["deploy-7", "deploy-8", "deploy-9"]);
        }
        let k = kit(1, vec![section("S", "deploy", 4)]);
        assert_eq!(
            select_with(&b, &k, &draw).unwrap_err().to_string(),
            "section \"S\" needs 4 questions at level mid from topic deploy; the bank has 3 \
             (1 short); 6 more asked in interview 1 (Phone screen), 1 more excluded by \
             similar_to with a question asked earlier in the loop \"deploy-5\""
        );
        let mut s = section("S", "deploy", 1);
        s.fixed = vec!["deploy-6".into()];
        assert_eq!(
            select_with(&b, &kit(1, vec![s.clone()]), &draw)
                .unwrap_err()
                .to_string(),
            "section \"S\" fixes question \"deploy-6\", which is a similar_to pair with \
             \"deploy-5\", which interview 1 (Phone screen) asks; a loop holds only one of a pair"
        );
        s.fixed = vec!["deploy-2".into()];
        assert_eq!(
            select_with(&b, &kit(1, vec![s]), &draw)
                .unwrap_err()
                .to_string(),
            "section \"S\" fixes question \"deploy-2\", which interview 1 (Phone screen) \
             already asks; a loop asks a question once"
        );
        // The seed of the draw replaces the kit's.
        let k = kit(1, vec![section("S", "deploy", 3)]);
        let with_seed = |seed| {
            ids(
                &b,
                &select_with(
                    &b,
                    &k,
                    &Draw {
                        seed: Some(seed),
                        ..Draw::default()
                    },
                )
                .unwrap(),
            )
        };
        assert_eq!(
            with_seed(9),
            ids(&b, &select(&b, &kit(9, k.sections.clone()), &[]).unwrap())
        );
    }
}
