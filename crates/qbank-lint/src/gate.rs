//! What a change introduces: the findings of the bank now compared with the findings of the
//! bank before the change (`qbank lint --changed-since REF`).
//!
//! A finding's identity is its rule, the files it involves (its primary and secondary
//! labels, in any order, each by its name without folder and extension: a question's id, a
//! kit's id, `topics`), and its message key: the message with numbers and the involved
//! questions' ids taken out. Lines, columns and folders are not part of it, so a finding
//! that merely moves (within its file, or with its file to another folder) is the same
//! finding; a pair reported on the other side is the same pair.
//!
//! A finding of now is *new* when the bank before the change did not have it (counting
//! copies: two identical findings now and one before make one new). The gate reports every
//! new finding wherever it lands, and every finding on a file the change touched.
//!
//! The bank before is linted only where its findings can differ from now's ([`lint_before`]):
//! with the same settings, a rule of [`Scope::File`] finds on a file the change did not touch
//! exactly what it finds there now, so those findings are taken from now instead of being
//! found again.

use qbank_core::hash::{FastMap, FastSet};
use qbank_core::{Bank, Diagnostic};

use crate::{Scope, Settings};

/// The findings of the bank before the change, as [`compare`] reads them.
#[derive(Debug, Clone, Default)]
pub struct Before {
    findings: Vec<Diagnostic>,
    /// Whether the file rules' findings on untouched files were left out (they are now's).
    partial: bool,
}

impl Before {
    /// Findings of the whole bank before the change, every rule run.
    pub fn whole(findings: Vec<Diagnostic>) -> Before {
        Before {
            findings,
            partial: false,
        }
    }
}

/// Lints the bank before the change. With `touched`, the same bank holding only the files
/// the change touched (as they were, with topics.yaml, which a bank needs), and settings
/// that are the same as now's: the other rules run on `whole`, the rules of
/// [`Scope::File`] on `touched` only, and [`compare`] takes their findings on every other
/// file from now. Without it, every rule runs on `whole`. `changed` names the touched files
/// as the diagnostics do.
pub fn lint_before(
    whole: &Bank,
    load_diagnostics: Vec<Diagnostic>,
    touched: Option<&Bank>,
    settings: &Settings,
    changed: &FastSet<String>,
) -> Before {
    let Some(touched) = touched else {
        return Before::whole(crate::lint(whole, load_diagnostics, settings));
    };
    let (mut findings, on_touched) = qbank_core::parallel::join(
        || {
            crate::lint_rules(whole, load_diagnostics, settings, |r| {
                r.scope() != Scope::File
            })
        },
        || crate::lint_rules(touched, Vec::new(), settings, |r| r.scope() == Scope::File),
    );
    findings.extend(
        on_touched
            .into_iter()
            .filter(|d| changed.contains(&*d.primary.file)),
    );
    Before {
        findings,
        partial: true,
    }
}

/// Whether `d` is a finding [`lint_before`] takes from now: a file rule's (not the loader's)
/// on a file the change did not touch.
fn carried_over(d: &Diagnostic, changed: &FastSet<String>) -> bool {
    crate::rule(d.rule).is_some_and(|r| r.scope() == Scope::File && !r.at_load())
        && !changed.contains(&*d.primary.file)
}

/// Whether a finding was already there before the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The bank before the change did not have it.
    New,
    /// The bank before the change had it too (reported because its file changed).
    Existing,
}

impl Status {
    /// The lowercase name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Existing => "existing",
        }
    }
}

/// What identifies a finding across two versions of a bank (borrowing the finding's file
/// names).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity<'d> {
    rule: &'static str,
    files: Vec<&'d str>,
    key: String,
}

/// The identity of `d`.
pub fn identity(d: &Diagnostic) -> Identity<'_> {
    let mut files: Vec<&str> = std::iter::once(&d.primary)
        .chain(&d.secondary)
        .map(|l| stem(&l.file))
        .collect();
    files.sort_unstable();
    files.dedup();
    Identity {
        rule: d.rule,
        files,
        key: message_key(d),
    }
}

/// The message without what varies while the finding stays the same: numbers (scores,
/// counts), parenthesised details (the subjects a pair shares), and the ids of the questions
/// involved (which of the two a pair finding names depends on which side it lands).
fn message_key(d: &Diagnostic) -> String {
    let mut ids: Vec<&str> = d.related.iter().map(String::as_str).collect();
    for label in std::iter::once(&d.primary).chain(&d.secondary) {
        ids.push(stem(&label.file));
    }
    let mut key = String::with_capacity(d.message.len());
    let mut depth = 0usize;
    let mut chars = d.message.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '"' => {
                let mut quoted = String::new();
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    quoted.push(q);
                }
                if ids.contains(&quoted.as_str()) {
                    key.push_str("\"…\"");
                } else {
                    key.push('"');
                    key.push_str(&quoted);
                    key.push('"');
                }
            }
            c if c.is_ascii_digit() => {
                while chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_digit() || *n == '.')
                {
                    chars.next();
                }
                key.push('#');
            }
            c => key.push(c),
        }
    }
    key
}

/// A file's name without its folder and extension.
fn stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(name)
}

/// The fewest findings whose identities one thread makes at a time ([`compare`]).
const IDENTITIES_PER_RUN: usize = 4096;

/// The findings a gate reports, each with its status, in `now`'s order: those `before` did
/// not have, and those with a label on one of `changed` (files as the diagnostics name them).
pub fn compare(
    now: Vec<Diagnostic>,
    before: &Before,
    changed: &FastSet<String>,
) -> Vec<(Diagnostic, Status)> {
    // Whether each finding of now is reported, and as what.
    let statuses: Vec<Option<Status>> = {
        // Every finding's identity, on all cores: a large bank has hundreds of thousands on
        // each side, and an identity's key is made from the message. (The threads get the
        // findings by reference, so that an identity can borrow its finding's file names.)
        let before_findings: Vec<&Diagnostic> = before.findings.iter().collect();
        let now_findings: Vec<&Diagnostic> = now.iter().collect();
        let (before_ids, now_ids) = qbank_core::parallel::join(
            || {
                qbank_core::parallel::map_ordered(&before_findings, IDENTITIES_PER_RUN, |_, d| {
                    identity(d)
                })
            },
            || {
                qbank_core::parallel::map_ordered(&now_findings, IDENTITIES_PER_RUN, |_, d| {
                    identity(d)
                })
            },
        );
        // The findings the base takes from now count for the base too, with now's identities.
        let carried = now
            .iter()
            .zip(&now_ids)
            .filter(|(d, _)| before.partial && carried_over(d, changed))
            .map(|(_, id)| id);
        let mut seen: FastMap<&Identity, usize> = FastMap::default();
        seen.reserve(before_ids.len());
        for id in before_ids.iter().chain(carried) {
            *seen.entry(id).or_default() += 1;
        }
        now.iter()
            .zip(&now_ids)
            .map(|(d, id)| {
                let status = match seen.get_mut(id) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        Status::Existing
                    }
                    _ => Status::New,
                };
                let touches_change = std::iter::once(&d.primary)
                    .chain(&d.secondary)
                    .any(|l| changed.contains(&*l.file));
                (status == Status::New || touches_change).then_some(status)
            })
            .collect()
    };
    now.into_iter()
        .zip(statuses)
        .filter_map(|(d, status)| Some((d, status?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use qbank_core::{Label, Position, Span};

    use super::*;

    fn at(file: &str, line: u32) -> Label {
        Label::new(
            file,
            Span::point(Position {
                line,
                column: 1,
                offset: 0,
            }),
        )
    }

    fn pair(on: &str, other: &str, score: &str) -> Diagnostic {
        let id = |f: &str| {
            f.rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".yaml")
                .to_owned()
        };
        Diagnostic::error(
            "near-duplicate",
            format!(
                "question asks the same as \"{}\" (similarity {score}; shared subject: x)",
                id(other)
            ),
            at(on, 3),
        )
        .with_secondary(at(other, 7))
        .with_related(id(other))
    }

    #[test]
    fn a_pair_is_the_same_whichever_side_and_score() {
        assert_eq!(
            identity(&pair("b/x.yaml", "b/y.yaml", "0.41")),
            identity(&pair("b/y.yaml", "b/x.yaml", "0.57"))
        );
        assert_ne!(
            identity(&pair("b/x.yaml", "b/y.yaml", "0.41")),
            identity(&pair("b/x.yaml", "b/z.yaml", "0.41"))
        );
    }

    #[test]
    fn other_words_are_other_findings() {
        let a = Diagnostic::error("unknown-topic", "unknown topic \"ops\"", at("b/t.yaml", 1));
        let b = Diagnostic::error("unknown-topic", "unknown topic \"dev\"", at("b/t.yaml", 9));
        assert_ne!(identity(&a), identity(&b));
        let moved = Diagnostic::error("unknown-topic", "unknown topic \"ops\"", at("b/t.yaml", 5));
        assert_eq!(identity(&a), identity(&moved));
    }

    #[test]
    fn new_findings_anywhere_and_all_findings_on_changed_files() {
        let before = vec![pair("b/x.yaml", "b/y.yaml", "0.5")];
        let now = vec![
            pair("b/x.yaml", "b/y.yaml", "0.5"),
            pair("b/p.yaml", "b/q.yaml", "0.4"),
        ];
        let changed = FastSet::default();
        let got = compare(now.clone(), &Before::whole(before.clone()), &changed);
        assert_eq!(got.len(), 1);
        assert_eq!(&*got[0].0.primary.file, "b/p.yaml");
        assert_eq!(got[0].1, Status::New);

        let changed: FastSet<String> = ["b/y.yaml".to_owned()].into_iter().collect();
        let got = compare(now, &Before::whole(before), &changed);
        let statuses: Vec<Status> = got.iter().map(|(_, s)| *s).collect();
        assert_eq!(statuses, [Status::Existing, Status::New]);
    }

    #[test]
    fn a_partial_lint_before_takes_file_findings_on_untouched_files_from_now() {
        let doubled = |file: &str| Diagnostic::warning("doubled-word", "\"the the\"", at(file, 2));
        let before = Before {
            findings: Vec::new(),
            partial: true,
        };
        let now = vec![
            doubled("b/x.yaml"),
            doubled("b/y.yaml"),
            pair("b/p.yaml", "b/q.yaml", "0.4"),
        ];
        let changed: FastSet<String> = ["b/y.yaml".to_owned()].into_iter().collect();
        let got: Vec<(String, &str, Status)> = compare(now.clone(), &before, &changed)
            .into_iter()
            .map(|(d, s)| (d.primary.file.to_string(), d.rule, s))
            .collect();
        assert_eq!(
            got,
            [
                ("b/y.yaml".to_owned(), "doubled-word", Status::New),
                ("b/p.yaml".to_owned(), "near-duplicate", Status::New),
            ]
        );
        // A whole lint before proves nothing by itself: the same findings are all new.
        assert_eq!(compare(now, &Before::whole(Vec::new()), &changed).len(), 3);
    }

    #[test]
    fn copies_are_counted() {
        let d = Diagnostic::warning("doubled-word", "\"the the\"", at("b/x.yaml", 2));
        let got = compare(
            vec![d.clone(), d.clone()],
            &Before::whole(vec![d]),
            &FastSet::default(),
        );
        assert_eq!(got.len(), 1);
    }
}
