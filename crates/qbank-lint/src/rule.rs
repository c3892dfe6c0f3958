//! The [`Rule`] trait, the [`Context`] rules report into, and rule documentation.

use std::collections::HashMap;

use qbank_core::{Bank, Diagnostic, Question, Severity};

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
    /// Looks at the bank and reports findings into `ctx`.
    fn check(&self, _ctx: &mut Context<'_>) {}
}

/// How each rule is configured for a run.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Per-rule severity; `None` turns a rule off. Rules not listed keep their default.
    pub severity: HashMap<String, Option<Severity>>,
    /// Only run these rules (all when empty).
    pub select: Vec<String>,
}

impl Settings {
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

/// What a rule sees and reports into.
pub struct Context<'a> {
    pub bank: &'a Bank,
    severity: Severity,
    rule: &'static str,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        bank: &'a Bank,
        rule: &'static str,
        severity: Severity,
        out: &'a mut Vec<Diagnostic>,
    ) -> Context<'a> {
        Context {
            bank,
            severity,
            rule,
            out,
        }
    }

    /// Reports a finding, at the configured severity. A finding on a question that allows this
    /// rule (`allow:` with a reason) is dropped.
    pub fn report(&mut self, question: Option<&Question>, mut diagnostic: Diagnostic) {
        if question.is_some_and(|q| q.allows(self.rule)) {
            return;
        }
        diagnostic.rule = self.rule;
        diagnostic.severity = self.severity;
        self.out.push(diagnostic);
    }

    /// The active questions.
    pub fn active(&self) -> impl Iterator<Item = &'a Question> {
        self.bank.questions.iter().filter(|q| q.is_active())
    }
}
