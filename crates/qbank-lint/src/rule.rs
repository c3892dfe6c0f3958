//! The [`Rule`] trait, the [`Context`] rules report into, and rule documentation.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use qbank_core::{
    Bank, Conflicts, Diagnostic, Draw, FileId, Label, Question, SelectError, Selection, Severity,
    SourceFile, Text,
};
use qbank_text::similarity::{related_threshold, Detector, Index, Pair, DEFAULT_THRESHOLD};

use crate::rules;
use crate::text::{pairs_of_note, prose_fields, read_pairs, Field, PairAt, PairOfNote};

/// Documentation of a rule, in fixed sections (printed by `qbank rule`, and in docs/rules.md).
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    /// What it does.
    pub what: &'static str,
    /// Why is this bad?
    pub why: &'static str,
    /// An example that the rule flags (YAML).
    pub example: &'static str,
    /// What to write instead (YAML or prose).
    pub instead: &'static str,
}

/// A lint rule. Rules never do I/O and never fail: they read the bank and report.
pub trait Rule: Sync {
    /// The kebab-case name, used in the CLI, the JSON and SARIF output and qbank.toml.
    fn name(&self) -> &'static str;
    /// One line: what the rule finds.
    fn summary(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
    fn doc(&self) -> RuleDoc;
    /// Whether the rule runs while the bank is loaded (syntax, schema) rather than on the
    /// loaded bank; such rules report from `qbank-core` and cannot be turned off.
    fn at_load(&self) -> bool {
        false
    }
    /// What the rule's findings depend on. A rule of [`Scope::File`] finds on a file only what
    /// that file and the settings decide, which lets `--changed-since` skip it on the files a
    /// change did not touch; every other rule is [`Scope::Bank`], the safe default.
    fn scope(&self) -> Scope {
        Scope::Bank
    }
    /// Whether the rule's findings change when the questions are read with sentence vectors
    /// too ([`Settings::embeddings`]): the near-duplicate rule, and every rule that draws a
    /// kit (kit selection keeps apart the pairs related by meaning, as `qbank kit build`
    /// does). The caller embeds the texts when any rule it runs says so ([`reads_meaning`]);
    /// a rule that reads [`Context::meaning_index`] without saying so fails the debug build.
    fn reads_meaning(&self) -> bool {
        false
    }
    /// The settings the rule reads from `[rules.<name>]` in qbank.toml.
    fn options(&self) -> &'static [RuleOption] {
        &[]
    }
    /// Looks at the bank and reports findings into `ctx`.
    fn check(&self, _ctx: &mut Context<'_>) {}
}

/// What a rule's findings depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Each finding is about one file and depends on that file's bytes and the settings
    /// only: the same file gives the same findings in any bank. `tests/scope.rs` lints every
    /// fixture file alone and in its bank and requires the same findings.
    File,
    /// Findings may depend on other files: other questions (pairs, coverage, kit draws),
    /// topics.yaml, competencies.yaml, or what other rules reported.
    Bank,
}

/// A setting of a rule (a threshold, a list of words), set in qbank.toml under
/// `[rules.<rule>]`.
#[derive(Debug, Clone, Copy)]
pub struct RuleOption {
    /// The key, kebab-case: `max`, `allow`.
    pub name: &'static str,
    /// What it changes, one sentence.
    pub description: &'static str,
    pub default: OptionDefault,
}

/// The type and the default value of a [`RuleOption`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionDefault {
    /// A whole number of at least 0.
    Integer(u64),
    /// A list of words or phrases.
    Words(&'static [&'static str]),
}

impl OptionDefault {
    /// The TOML type name, for messages.
    pub fn type_name(self) -> &'static str {
        match self {
            OptionDefault::Integer(_) => "a whole number",
            OptionDefault::Words(_) => "a list of strings",
        }
    }

    /// The default as TOML.
    pub fn to_toml(self) -> String {
        match self {
            OptionDefault::Integer(n) => n.to_string(),
            OptionDefault::Words(w) => format!(
                "[{}]",
                w.iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// A configured value of a [`RuleOption`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionValue {
    Integer(u64),
    Words(Vec<String>),
}

/// How each rule is configured for a run.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Per-rule severity; `None` turns a rule off. Rules not listed keep their default.
    pub severity: HashMap<String, Option<Severity>>,
    /// Only run these rules (all when empty).
    pub select: Vec<String>,
    /// Rule settings by (rule, option); options not listed keep their default.
    pub options: HashMap<(String, String), OptionValue>,
    /// The files a change touched (paths inside the bank, `/`-separated), under
    /// `--changed-since`: a finding about a pair of questions lands on the one that changed.
    /// `None` outside a comparison: it lands on the later file.
    pub changed: Option<HashSet<String>>,
    /// Sentence vectors of the question texts, when the caller computed them with a model:
    /// `near-duplicate` then compares questions by meaning as well as by their words.
    pub embeddings: Option<std::sync::Arc<qbank_text::similarity::Embeddings>>,
}

impl Settings {
    /// The value of `rule`'s integer option `name` (configured, or its default).
    pub fn integer(&self, rule: &dyn Rule, name: &str) -> u64 {
        let key = (rule.name().to_owned(), name.to_owned());
        if let Some(OptionValue::Integer(n)) = self.options.get(&key) {
            return *n;
        }
        match default_of(rule, name) {
            Some(OptionDefault::Integer(n)) => n,
            _ => 0,
        }
    }

    /// The severity `rule` reports at, or `None` when it is off.
    pub fn severity_of(&self, rule: &dyn Rule) -> Option<Severity> {
        if !self.select.is_empty() && !self.select.iter().any(|s| s == rule.name()) {
            return None;
        }
        match self.severity.get(rule.name()) {
            Some(s) => *s,
            None => Some(rule.default_severity()),
        }
    }
}

/// Whether a run with `settings` reads the questions' sentence vectors: some rule it runs
/// [`Rule::reads_meaning`]. The texts are worth embedding then, and only then; turning the
/// `near-duplicate` rule off does not make the kit rules draw differently from `qbank kit`.
pub fn reads_meaning(settings: &Settings) -> bool {
    crate::RULES
        .iter()
        .any(|r| r.reads_meaning() && settings.severity_of(*r).is_some())
}

/// The default of `rule`'s option `name`.
fn default_of(rule: &dyn Rule, name: &str) -> Option<OptionDefault> {
    let option = rule.options().iter().find(|o| o.name == name);
    debug_assert!(option.is_some(), "{} has no option {name}", rule.name());
    option.map(|o| o.default)
}

/// Which `allow:` entries silenced a finding: (question file, rule).
pub(crate) type UsedAllows = HashSet<(FileId, &'static str)>;

/// The near-duplicate detectors of one run: the bank's by words alone, and by meaning too when
/// a model gave the questions' vectors. The threshold they were made with is never used: each
/// rule asks an index at its own.
pub(crate) struct Detectors {
    words: Detector,
    meaning: Option<Detector>,
}

impl Detectors {
    pub(crate) fn new(bank: &Bank, settings: &Settings) -> Detectors {
        let words = Detector::for_bank(bank, DEFAULT_THRESHOLD);
        let meaning = settings
            .embeddings
            .clone()
            .map(|e| words.clone().with_meaning(Some(e)));
        Detectors { words, meaning }
    }
}

/// What several rules of one run need and compute once, whichever asks first.
pub(crate) struct Shared<'d> {
    detectors: &'d Detectors,
    /// The active questions' texts read by words alone, and with their vectors: each read
    /// once per run, whatever the thresholds asked.
    words: OnceLock<Index<'d>>,
    meaning: OnceLock<Option<Index<'d>>>,
    /// The word pairs of the active questions, by threshold.
    word_pairs: Mutex<Vec<(f32, Arc<Vec<Pair>>)>>,
    /// Kit selection's related pairs, among the active questions: by words alone, the word
    /// pairs of the same threshold, held once.
    related_pairs: OnceLock<Arc<Vec<Pair>>>,
    /// Each kit's draw, in the order of [`Bank::kits`].
    draws: OnceLock<Vec<Result<Selection, SelectError>>>,
    /// Where the pairs of words the wording rules look at start ([`pairs_of_note`]).
    pairs_of_note: OnceLock<Vec<PairAt>>,
}

impl<'d> Shared<'d> {
    pub(crate) fn new(detectors: &'d Detectors) -> Shared<'d> {
        Shared {
            detectors,
            words: OnceLock::new(),
            meaning: OnceLock::new(),
            word_pairs: Mutex::default(),
            related_pairs: OnceLock::new(),
            draws: OnceLock::new(),
            pairs_of_note: OnceLock::new(),
        }
    }
}

/// What a rule sees and reports into.
pub struct Context<'a> {
    pub bank: &'a Bank,
    pub settings: &'a Settings,
    shared: &'a Shared<'a>,
    severity: Severity,
    rule: &'a dyn Rule,
    out: Vec<Diagnostic>,
    used_allows: UsedAllows,
}

impl<'a> Context<'a> {
    /// The context `rule` runs in, starting from the `allow:` entries `used_allows` that
    /// silenced a finding so far.
    pub(crate) fn new(
        bank: &'a Bank,
        settings: &'a Settings,
        shared: &'a Shared<'a>,
        rule: &'a dyn Rule,
        severity: Severity,
        used_allows: UsedAllows,
    ) -> Context<'a> {
        Context {
            bank,
            settings,
            shared,
            severity,
            rule,
            out: Vec::new(),
            used_allows,
        }
    }

    /// What the rule found, and the `allow:` entries that silenced a finding, those it started
    /// from included.
    ///
    /// A list grown by doubling can hold up to twice the room its findings need, kept until
    /// the run prints; shrinking it in place gives nothing back (mimalloc keeps a block
    /// shrunk by less than half), so such a list's findings move into one of their size.
    pub(crate) fn finish(mut self) -> (Vec<Diagnostic>, UsedAllows) {
        if self.out.capacity() - self.out.len() > self.out.len() / 8 {
            let mut exact = Vec::with_capacity(self.out.len());
            exact.append(&mut self.out);
            self.out = exact;
        }
        (self.out, self.used_allows)
    }

    /// The `allow:` entries that silenced a finding so far.
    pub(crate) fn used_allows(&self) -> &UsedAllows {
        &self.used_allows
    }

    /// The value of the rule's integer option `name` (configured, or its default).
    pub fn integer(&self, name: &str) -> u64 {
        self.settings.integer(self.rule, name)
    }

    /// The value of the rule's list option `name` (configured, or its default).
    pub fn words(&self, name: &str) -> Vec<String> {
        let key = (self.rule.name().to_owned(), name.to_owned());
        if let Some(OptionValue::Words(w)) = self.settings.options.get(&key) {
            return w.clone();
        }
        match default_of(self.rule, name) {
            Some(OptionDefault::Words(w)) => w.iter().map(|w| (*w).to_owned()).collect(),
            _ => Vec::new(),
        }
    }

    /// A finding of this rule, at the severity it runs at: the one way a rule makes a
    /// [`Diagnostic`]. Add labels, related ids and help to it, then [`report`](Self::report)
    /// it.
    pub fn diagnostic(&self, message: impl Into<Text>, primary: Label) -> Diagnostic {
        Diagnostic::new(self.rule.name(), self.severity, message, primary)
    }

    /// Makes room for `findings` more findings at once, for a rule that knows how many it
    /// will report: a list that grows by doubling holds up to twice what it needs, and a rule
    /// can report one finding per question of a large bank.
    pub fn reserve(&mut self, findings: usize) {
        self.out.reserve_exact(findings);
    }

    /// Reports a finding made by [`diagnostic`](Self::diagnostic). A finding on a question that
    /// allows this rule (`allow:` with a reason) is dropped.
    pub fn report(&mut self, question: Option<&Question>, mut diagnostic: Diagnostic) {
        let rule = self.rule.name();
        debug_assert_eq!(diagnostic.rule, rule, "a rule reports its own findings");
        if let Some(q) = question.filter(|q| q.allows(rule)) {
            self.used_allows.insert((q.file, rule));
            return;
        }
        diagnostic.shrink_to_fit();
        self.out.push(diagnostic);
    }

    /// Whether `question` silences this rule with an `allow:` entry; the entry then counts as
    /// used. For pair rules, whose finding is reported on one question of the pair.
    pub fn allowed_on(&mut self, question: &Question) -> bool {
        let rule = self.rule.name();
        if question.allows(rule) {
            self.used_allows.insert((question.file, rule));
            true
        } else {
            false
        }
    }

    /// Every prose field of every question (its text, follow-ups and rubric lines), with the
    /// question and its file: what the wording rules read.
    pub(crate) fn prose_fields(
        &self,
    ) -> impl Iterator<Item = (&'a Question, &'a SourceFile, Field<'a>)> + 'a {
        let bank = self.bank;
        bank.questions.iter().flat_map(move |q| {
            let file = bank.question_file(q);
            prose_fields(q)
                .into_iter()
                .map(move |field| (q, file, field))
        })
    }

    /// Each pair of neighbouring words in the prose fields that `article-mismatch` or
    /// `doubled-word` reports, with its question, file and field: the bank's words read once
    /// per run for both rules, each of which then makes its findings from these pairs.
    pub(crate) fn pairs_of_note(&self) -> impl Iterator<Item = PairOfNote<'a>> + 'a {
        let bank = self.bank;
        let marks = self.shared.pairs_of_note.get_or_init(|| {
            pairs_of_note(bank, |a, b| {
                rules::article_mismatch::mismatch(a, b).is_some()
                    || rules::doubled_word::doubled(a, b)
            })
        });
        read_pairs(bank, marks)
    }

    /// The pairs of questions kit and loop selection keep apart
    /// ([`qbank_text::pairs::related_pairs`]), computed once per run for every rule that
    /// draws: indices among the [`active`](Self::active) questions, as
    /// [`qbank_core::Conflicts::Active`] reads them.
    pub fn related_pairs(&self) -> &'a [Pair] {
        self.shared.related_pairs.get_or_init(|| {
            let index = self.meaning_index();
            let threshold = related_threshold(index.is_some());
            // Among the questions some kit may draw: when that is every active question, the
            // pairs the run has or will have anyway; else a search of their own.
            let drawable = qbank_text::pairs::drawable(self.bank);
            let every = drawable.len() == self.active().count();
            match index {
                Some(index) if every => Arc::new(index.near_duplicates_at(threshold)),
                // By words alone, the pairs the `near-duplicate` rule searched for at the
                // same threshold, unless qbank.toml moved its threshold.
                None if every => self.word_pairs(threshold),
                _ => Arc::new(qbank_text::pairs::related_among(
                    self.bank,
                    self.settings.embeddings.clone(),
                    &drawable,
                )),
            }
        })
    }

    /// Each kit of the bank drawn as `qbank kit build` draws it (keeping
    /// [`related_pairs`](Self::related_pairs) apart), in the order of [`Bank::kits`]: drawn once
    /// per run for every rule that needs a kit's draw.
    pub fn kit_draws(&self) -> &'a [Result<Selection, SelectError>] {
        self.shared.draws.get_or_init(|| {
            let pairs = self.related_pairs();
            self.bank
                .kits
                .iter()
                .map(|kit| {
                    let draw = Draw {
                        conflicts: Conflicts::Active(pairs),
                        ..Draw::default()
                    };
                    qbank_core::select_with(self.bank, kit, &draw)
                })
                .collect()
        })
    }

    /// The pairs of active questions (in [`active`](Self::active) order) scoring at least
    /// `threshold` by their words, computed once per run for each threshold asked.
    pub fn word_pairs(&self, threshold: f32) -> Arc<Vec<Pair>> {
        // Held while the pairs are searched for, so that a second rule asking waits for them
        // instead of searching too.
        let mut cache = self
            .shared
            .word_pairs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, pairs)) = cache.iter().find(|(t, _)| *t == threshold) {
            return pairs.clone();
        }
        let pairs = Arc::new(self.word_index().near_duplicates_at(threshold));
        cache.push((threshold, pairs.clone()));
        pairs
    }

    /// The vocabulary the bank's texts are read with: the built-in one and `topics.yaml`'s
    /// synonyms.
    pub fn vocabulary(&self) -> &'a qbank_text::similarity::Vocabulary {
        self.shared.detectors.words.vocabulary()
    }

    /// The active questions' texts (in [`active`](Self::active) order) read by their words
    /// alone, once per run.
    pub fn word_index(&self) -> &'a Index<'a> {
        self.shared
            .words
            .get_or_init(|| self.shared.detectors.words.index(&self.bank.active_texts()))
    }

    /// The active questions' texts read with their sentence vectors too, once per run; `None`
    /// without a model.
    pub fn meaning_index(&self) -> Option<&'a Index<'a>> {
        debug_assert!(
            self.rule.reads_meaning(),
            "rule {} reads the questions' meaning but its reads_meaning() says no",
            self.rule.name()
        );
        self.shared
            .meaning
            .get_or_init(|| {
                let detector = self.shared.detectors.meaning.as_ref()?;
                Some(detector.index(&self.bank.active_texts()))
            })
            .as_ref()
    }

    /// Whether `question`'s file is one the change under comparison touched; `false` when
    /// nothing is being compared.
    pub fn changed(&self, question: &Question) -> bool {
        self.settings
            .changed
            .as_ref()
            .is_some_and(|c| c.contains(&self.bank.question_file(question).relative))
    }

    /// Whether a finding about the pair `earlier`, `later` (in path order) lands on `earlier`
    /// instead of `later`: when only `earlier` changed, the finding belongs on the diff.
    pub fn lands_on_earlier(&self, earlier: &Question, later: &Question) -> bool {
        self.changed(earlier) && !self.changed(later)
    }

    /// The active questions.
    pub fn active(&self) -> impl Iterator<Item = &'a Question> {
        self.bank.active()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbank_text::similarity::Embeddings;

    /// The project's bank, with made-up sentence vectors: questions of one topic point the
    /// same way, give or take a little, so that many pairs are close by meaning.
    fn bank_with_vectors() -> (Bank, Arc<Embeddings>) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questions");
        let (bank, _) = qbank_core::load_bank(&root).expect("the project's bank loads");
        let topics: Vec<&str> = bank.active().map(|q| q.topic.as_str()).collect();
        let mut embeddings = Embeddings::new("test", 8);
        for (i, q) in bank.active().enumerate() {
            let t = topics.iter().position(|t| *t == q.topic).unwrap_or(0) as f32;
            let v = [
                t.cos(),
                t.sin(),
                (t * 0.7).cos(),
                (t * 0.7).sin(),
                0.1 * (i % 3) as f32,
                0.1 * (i % 5) as f32,
                0.05 * (i % 7) as f32,
                0.2,
            ];
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            embeddings.insert(&q.text, v.iter().map(|x| x / norm).collect());
        }
        (bank, Arc::new(embeddings))
    }

    /// Each rule alone, with sentence vectors, on the project's bank (which has kits and
    /// loops to draw): a rule that reads the meaning without saying so fails the debug
    /// assertion in `Context::meaning_index`, so the CLI would have linted it by words alone.
    /// The list is also what `keep_lawful` leaves out: `near-duplicate`, whose findings take
    /// no question out, and rules that report on kit and loop files. A rule added to it that
    /// reports on question files must run there.
    #[test]
    fn every_rule_that_reads_the_meaning_says_so() {
        let (bank, embeddings) = bank_with_vectors();
        let mut reading = Vec::new();
        for rule in crate::RULES {
            let settings = Settings {
                select: vec![rule.name().to_owned()],
                embeddings: Some(embeddings.clone()),
                ..Settings::default()
            };
            crate::lint(&bank, Vec::new(), &settings);
            if rule.reads_meaning() {
                reading.push(rule.name());
            }
        }
        assert_eq!(
            reading,
            [
                "near-duplicate",
                "kit-unsatisfiable",
                "section-without-time",
                "loop-unsatisfiable",
                "loop-competency-uncovered"
            ]
        );
    }

    /// The vectors are worth computing when a rule that reads them runs, whichever others
    /// are turned off: with `near-duplicate` off, the kit rules still draw as `qbank kit`.
    #[test]
    fn a_run_reads_the_meaning_when_any_rule_that_needs_it_runs() {
        let with = |select: &[&str], off: &[&str]| Settings {
            select: select.iter().map(|s| s.to_string()).collect(),
            severity: off.iter().map(|s| (s.to_string(), None)).collect(),
            ..Settings::default()
        };
        assert!(reads_meaning(&with(&[], &[])));
        assert!(reads_meaning(&with(&[], &["near-duplicate"])));
        assert!(reads_meaning(&with(&["kit-unsatisfiable"], &[])));
        assert!(reads_meaning(&with(
            &["doubled-word", "loop-unsatisfiable"],
            &[]
        )));
        assert!(!reads_meaning(&with(&["doubled-word"], &[])));
        assert!(!reads_meaning(&with(
            &["near-duplicate", "kit-unsatisfiable"],
            &["near-duplicate", "kit-unsatisfiable"]
        )));
    }

    /// What `f` makes of a run's context for `rule` on `bank` with `settings`, as `lint`
    /// makes it.
    fn in_run<R>(
        bank: &Bank,
        settings: &Settings,
        rule: &str,
        f: impl FnOnce(&Context<'_>) -> R,
    ) -> R {
        let detectors = Detectors::new(bank, settings);
        let shared = Shared::new(&detectors);
        let rule = crate::rule(rule).unwrap();
        let ctx = Context::new(
            bank,
            settings,
            &shared,
            rule,
            Severity::Warning,
            UsedAllows::new(),
        );
        f(&ctx)
    }

    /// A run's related pairs are what `qbank kit` draws with
    /// (`qbank_text::pairs::related_pairs`), by meaning and by words, whether the kits may
    /// draw every active question (the run's own pairs serve) or only some (a search of
    /// their own).
    #[test]
    fn a_runs_related_pairs_are_the_kits_whatever_they_may_draw() {
        use qbank_core::{Kit, Level, Section};
        let any = |topic: Option<&str>| Section {
            topic: topic.map(str::to_owned),
            count: Some(1),
            ..Section::new("Any")
        };
        for by_meaning in [true, false] {
            let mut found = Vec::new();
            for every in [true, false] {
                let (mut bank, embeddings) = bank_with_vectors();
                let embeddings = by_meaning.then_some(embeddings);
                let topic = bank.topics[0].id.clone();
                if !by_meaning {
                    // The project's bank has no pair by words: two copies of a question in
                    // the topic the one kit draws from, and two in another.
                    let mid = |q: &Question| q.is_active() && q.levels.contains(&Level::Mid);
                    let (inside, outside): (Vec<usize>, Vec<usize>) = (0..bank.questions.len())
                        .filter(|&i| mid(&bank.questions[i]))
                        .partition(|&i| bank.questions[i].topic == topic);
                    for two in [&inside[..2], &outside[..2]] {
                        bank.questions[two[1]].text = bank.questions[two[0]].text.clone();
                    }
                }
                bank.kits = if every {
                    Level::ALL
                        .iter()
                        .map(|&l| Kit {
                            sections: vec![any(None)],
                            ..Kit::new(l.as_str(), "Any", l)
                        })
                        .collect()
                } else {
                    vec![Kit {
                        sections: vec![any(Some(&topic))],
                        ..Kit::new("one", "One topic", Level::Mid)
                    }]
                };
                let drawable = qbank_text::pairs::drawable(&bank);
                assert_eq!(drawable.len() == bank.active().count(), every);
                let settings = Settings {
                    embeddings: embeddings.clone(),
                    ..Settings::default()
                };
                let run = in_run(&bank, &settings, "kit-unsatisfiable", |ctx| {
                    ctx.related_pairs().to_vec()
                });
                let related = qbank_text::pairs::related_pairs(&bank, embeddings);
                assert!(!related.is_empty());
                assert_eq!(qbank_text::pairs::pair_ids(&bank, &run), related);
                let pairs: Vec<(usize, usize)> =
                    run.iter().map(|p| (p.first(), p.second())).collect();
                assert!(pairs
                    .iter()
                    .all(|(a, b)| drawable.contains(a) && drawable.contains(b)));
                found.push(pairs);
            }
            assert_ne!(found[0], found[1], "by meaning: {by_meaning}");
        }
    }

    /// The one index a run shares gives every rule what a detector of its own threshold
    /// would: the near-duplicate rule's pairs, by words and by meaning, and kit selection's
    /// related pairs (`qbank_text::pairs::related_pairs`, what `qbank kit` draws with).
    #[test]
    fn the_shared_index_finds_what_each_threshold_would() {
        let (bank, embeddings) = bank_with_vectors();
        let texts = bank.active_texts();
        for meaning in [None, Some(embeddings)] {
            let settings = Settings {
                embeddings: meaning.clone(),
                ..Settings::default()
            };
            let own = |threshold: f32| {
                Detector::for_bank(&bank, threshold)
                    .with_meaning(meaning.clone())
                    .near_duplicates(&texts)
            };
            let shared_related = in_run(&bank, &settings, "near-duplicate", |ctx| {
                for threshold in [0.3, 0.4, 0.55] {
                    let shared_pairs = match ctx.meaning_index() {
                        Some(index) => index.near_duplicates_at(threshold),
                        None => ctx.word_pairs(threshold).to_vec(),
                    };
                    assert_eq!(shared_pairs, own(threshold), "threshold {threshold}");
                }
                ctx.related_pairs().to_vec()
            });
            let related = qbank_text::pairs::related_pairs(&bank, meaning.clone());
            assert_eq!(qbank_text::pairs::pair_ids(&bank, &shared_related), related);
            if meaning.is_some() {
                // The related level finds more than the near-duplicate level here, so the
                // comparison above tells the two apart.
                let at_default = qbank_text::pairs::pair_ids(&bank, &own(DEFAULT_THRESHOLD));
                assert!(related.len() > at_default.len());
            }
        }
    }
}
