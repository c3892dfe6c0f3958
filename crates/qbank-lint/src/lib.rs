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

pub mod render;
mod rule;
pub mod rules;

use qbank_core::{sort_diagnostics, Bank, Diagnostic};

pub use rule::{Context, Rule, RuleDoc, Settings};

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
    &rules::duplicate_question::DuplicateQuestion,
    &rules::dangling_similar_to::DanglingSimilarTo,
    &rules::invisible_character::InvisibleCharacter,
];

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
    let mut out = Vec::new();
    for mut d in load_diagnostics {
        match rule(d.rule).map(|r| settings.severity_of(r)) {
            Some(Some(severity)) => {
                d.severity = severity;
                out.push(d);
            }
            Some(None) => {}
            None => out.push(d),
        }
    }
    for r in RULES.iter().filter(|r| !r.at_load()) {
        if let Some(severity) = settings.severity_of(*r) {
            let mut ctx = Context::new(bank, r.name(), severity, &mut out);
            r.check(&mut ctx);
        }
    }
    sort_diagnostics(&mut out);
    out
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
