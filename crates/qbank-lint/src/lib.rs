//! qbank's lint rules, and the renderers that print their findings.
//!
//! [`lint`] runs every enabled rule of [`RULES`] over a loaded [`Bank`] and returns the sorted
//! diagnostics, the loader's included. The renderers in [`render`] turn them into text for a
//! terminal, JSON, GitHub workflow commands or SARIF; they all print the same diagnostics in
//! the same order.
//!
//! ```no_run
//! use qbank_lint::{lint, render, Settings};
//! let (bank, load_diagnostics) = qbank_core::load_bank("questions".as_ref()).unwrap();
//! let diagnostics = lint(&bank, load_diagnostics, &Settings::default());
//! render::json::render(&diagnostics, &mut std::io::stdout()).unwrap();
//! ```
//!
//! Rules never do I/O and never fail. Adding a rule means one file in `rules/` and one line in
//! [`RULES`]; the registry test checks its name, its documentation and its fixture.

pub mod config;
pub mod coverage;
pub mod gate;
pub mod render;
mod rule;
pub mod rules;
mod text;
pub mod wording;

use std::collections::HashMap;

use qbank_core::{sort_diagnostics, Bank, Diagnostic, Severity};

pub use rule::{
    reads_meaning, Context, OptionDefault, OptionValue, Rule, RuleDoc, RuleOption, Scope, Settings,
};
// What commands need from single rules, so that they never reach into `rules::*`.
pub use rules::invisible_character::is_invisible;
pub use rules::near_duplicate::{
    acknowledged as similar_to_pair, threshold as near_duplicate_threshold,
    THRESHOLD as NEAR_DUPLICATE_THRESHOLD,
};

/// Every rule, in the order of the documentation.
pub static RULES: &[&dyn Rule] = &[
    // Reported while loading.
    &rules::load::UnreadableFile,
    &rules::load::InvalidYaml,
    &rules::load::DuplicateKey,
    &rules::load::AmbiguousBoolean,
    &rules::load::EmptyFile,
    &rules::load::SchemaViolation,
    &rules::load::SymlinkLoop,
    // Over the loaded bank.
    &rules::missing_schema_modeline::MissingSchemaModeline,
    &rules::duplicate_id::DuplicateId,
    &rules::id_filename_mismatch::IdFilenameMismatch,
    &rules::unknown_topic::UnknownTopic,
    &rules::unknown_competency::UnknownCompetency,
    &rules::duplicate_question::DuplicateQuestion,
    &rules::dangling_similar_to::DanglingSimilarTo,
    &rules::near_duplicate::NearDuplicate,
    &rules::stale_similar_to::StaleSimilarTo,
    &rules::topic_below_coverage::TopicBelowCoverage,
    &rules::competency_below_coverage::CompetencyBelowCoverage,
    &rules::undifferentiated_rubric::UndifferentiatedRubric,
    &rules::level_expectation_outside_levels::LevelExpectationOutsideLevels,
    &rules::incomplete_anchors::IncompleteAnchors,
    &rules::protected_characteristic::ProtectedCharacteristic,
    &rules::invisible_character::InvisibleCharacter,
    // What every command must handle: nothing fmt or an export refuses.
    &rules::unformattable_file::UnformattableFile,
    &rules::line_break_in_item::LineBreakInItem,
    &rules::cell_too_long::CellTooLong,
    &rules::unknown_question::UnknownQuestion,
    &rules::kit_unsatisfiable::KitUnsatisfiable,
    &rules::section_without_time::SectionWithoutTime,
    &rules::unknown_kit::UnknownKit,
    &rules::loop_unsatisfiable::LoopUnsatisfiable,
    &rules::loop_competency_uncovered::LoopCompetencyUncovered,
    // Wording.
    &rules::question_without_question_mark::QuestionWithoutQuestionMark,
    &rules::article_mismatch::ArticleMismatch,
    &rules::doubled_word::DoubledWord,
    &rules::stray_whitespace::StrayWhitespace,
    &rules::text_length::TextLength,
    &rules::closed_question::ClosedQuestion,
    &rules::undefined_acronym::UndefinedAcronym,
    // About `allow:` itself; unused-allow runs last, when every other rule has reported.
    &rules::unknown_allow_rule::UnknownAllowRule,
    &rules::unused_allow::UnusedAllow,
];

/// Why qbank-lint could not do what it was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// qbank.toml is not valid, with the place of the mistake.
    Config {
        file: String,
        line: u32,
        column: u32,
        message: String,
        help: Option<String>,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Config {
                file,
                line,
                column,
                message,
                help,
            } => {
                write!(f, "{file}:{line}:{column}: {message}")?;
                if let Some(help) = help {
                    write!(f, "; {help}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// The rule called `name`.
pub fn rule(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.name() == name)
}

/// Runs the enabled rules over `bank`, adds the loader's diagnostics (with the configured
/// severities), and returns them all in print order.
pub fn lint(
    bank: &Bank,
    load_diagnostics: Vec<Diagnostic>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    lint_rules(bank, load_diagnostics, settings, |_| true)
}

/// [`lint`] with only the rules `wanted` accepts among the enabled ones (the loader's
/// diagnostics are all kept, and the vocabulary's reading of topics.yaml's `synonyms` is added
/// to them when `wanted` accepts `schema-violation`).
pub fn lint_rules(
    bank: &Bank,
    load_diagnostics: Vec<Diagnostic>,
    settings: &Settings,
    wanted: impl Fn(&dyn Rule) -> bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut used_allows = rule::UsedAllows::new();
    let questions_by_file: HashMap<&str, &qbank_core::Question> = bank
        .questions
        .iter()
        .map(|q| (bank.question_file(q).path.as_ref(), q))
        .collect();
    // The loader reads `synonyms` as text; what the vocabulary cannot read in them is a
    // `schema-violation` reported with the loader's findings, by the checks that read the
    // built-in vocabulary (where `wanted` runs the rules of the whole bank).
    let topics = if wanted(&rules::load::SchemaViolation) {
        qbank_text::similarity::topic_diagnostics(bank)
    } else {
        Vec::new()
    };
    for mut d in load_diagnostics.into_iter().chain(topics) {
        let Some(r) = rule(d.rule) else {
            out.push(d);
            continue;
        };
        let Some(severity) = settings.severity_of(r) else {
            continue;
        };
        // A file that loaded as a question can silence what the loader warned about.
        if let Some(q) = questions_by_file
            .get(d.primary.file.as_ref())
            .filter(|q| q.allows(r.name()))
        {
            used_allows.insert((q.file, r.name()));
            continue;
        }
        d.severity = severity;
        out.push(d);
    }
    let enabled: Vec<(&'static dyn Rule, Severity)> = RULES
        .iter()
        .filter(|r| !r.at_load() && wanted(**r))
        .filter_map(|r| settings.severity_of(*r).map(|s| (*r, s)))
        .collect();
    // unused-allow judges what the other rules silenced, so it runs after all of them; the
    // others are independent and run on all cores, each into its own list.
    let (last, independent): (Vec<_>, Vec<_>) = enabled
        .into_iter()
        .partition(|(r, _)| r.name() == rules::unused_allow::UnusedAllow.name());
    // Each rule's findings. The texts' index, the pairs and the kit draws the rules share go
    // at the end of this block, before the findings are gathered into one list, which is then
    // sized once: on a bank with findings on every file, those are the largest things a run
    // holds.
    let founds = {
        let detectors = rule::Detectors::new(bank, settings);
        let shared = rule::Shared::new(&detectors);
        // One rule's findings, and the `allow:` entries used so far once it has run.
        let run = |r: &'static dyn Rule, severity: Severity, used: rule::UsedAllows| {
            let mut ctx = Context::new(bank, settings, &shared, r, severity, used);
            r.check(&mut ctx);
            ctx.finish()
        };
        let results = qbank_core::parallel::map_each(&independent, |&(r, severity)| {
            run(r, severity, rule::UsedAllows::new())
        });
        let mut founds = Vec::with_capacity(results.len() + last.len());
        for (found, used) in results {
            founds.push(found);
            used_allows.extend(used);
        }
        for (r, severity) in last {
            let (found, used) = run(r, severity, std::mem::take(&mut used_allows));
            founds.push(found);
            used_allows = used;
        }
        founds
    };
    let mut out = gather(founds, out);
    sort_diagnostics(&mut out);
    out
}

/// The findings of every rule (and the loader's, `more`) in one list, sized once: the largest
/// list grows to hold the others, each let go as soon as it has moved, so that a bank with
/// findings on every file does not hold them all twice while they are gathered.
fn gather(mut founds: Vec<Vec<Diagnostic>>, more: Vec<Diagnostic>) -> Vec<Diagnostic> {
    founds.push(more);
    let largest = (0..founds.len())
        .max_by_key(|&i| founds[i].len())
        .unwrap_or_default();
    let mut out = founds.swap_remove(largest);
    out.reserve_exact(founds.iter().map(Vec::len).sum());
    for found in founds {
        out.extend(found);
    }
    out
}

/// A question left out of what commands draw, with the first error lint reports on it.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub question: qbank_core::Question,
    pub finding: Diagnostic,
}

/// Lints `bank` and takes out of it every question with an error-level finding on its file,
/// so that nothing drawn from it (a kit, a loop, an export of a kit) is something lint
/// rejects. Returns the questions taken out, in path order, each with its first error
/// ([`put_back`] makes the bank whole again).
/// The files stay in the bank; only `bank.questions` shrinks.
///
/// The rules that read the questions' meaning (the costliest) take no question out: a
/// `near-duplicate` finding is lawful on its own, and selection already keeps the pair apart
/// (`qbank_text::pairs::related_pairs`); the rules that draw kits and loops report on the
/// kit's or loop's file. So they do not run here, unless `unused-allow` is an error and a
/// question has an `allow:` entry naming one of them: whether that entry silences anything,
/// and so whether lint rejects the question, depends on their findings.
pub fn keep_lawful(
    bank: &mut Bank,
    load_diagnostics: Vec<Diagnostic>,
    settings: &Settings,
) -> Vec<Rejected> {
    let mut settings = settings.clone();
    let judges = settings.severity_of(&rules::unused_allow::UnusedAllow) == Some(Severity::Error);
    for r in RULES.iter().filter(|r| r.reads_meaning()) {
        if !(judges && bank.questions.iter().any(|q| q.allows(r.name()))) {
            settings.severity.insert(r.name().to_owned(), None);
        }
    }
    let diagnostics = lint(bank, load_diagnostics, &settings);
    let mut first_error: HashMap<&str, &Diagnostic> = HashMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        first_error.entry(d.primary.file.as_ref()).or_insert(d);
    }
    let mut rejected = Vec::new();
    let mut kept = Vec::with_capacity(bank.questions.len());
    for q in std::mem::take(&mut bank.questions) {
        match first_error.get(bank.files[q.file].path.as_ref()) {
            Some(d) => rejected.push(Rejected {
                question: q,
                finding: (*d).clone(),
            }),
            None => kept.push(q),
        }
    }
    bank.questions = kept;
    rejected
}

/// Puts the questions [`keep_lawful`] took out back into `bank`, in path order.
pub fn put_back(bank: &mut Bank, rejected: Vec<Rejected>) {
    bank.questions
        .extend(rejected.into_iter().map(|r| r.question));
    bank.questions.sort_by_key(|q| q.file);
}

/// A help line suggesting the closest of `candidates` to `word`, or listing a few of them.
pub(crate) fn suggest(word: &str, candidates: &[String], what: &str) -> String {
    if let Some(best) = qbank_schema_closest(word, candidates) {
        return format!("did you mean \"{best}\"?");
    }
    let mut shown: Vec<&str> = candidates.iter().map(String::as_str).take(12).collect();
    shown.sort_unstable();
    let more = if candidates.len() > shown.len() {
        format!(", … ({} in all)", candidates.len())
    } else {
        String::new()
    };
    format!("{what}: {}{more}", shown.join(", "))
}

fn qbank_schema_closest<'c>(word: &str, candidates: &'c [String]) -> Option<&'c str> {
    qbank_core::closest(word, candidates)
}
