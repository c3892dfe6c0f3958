//! Drawing a whole interview loop: one kit per interview, none repeating a question of another.
//!
//! [`select_loop`] draws the interviews of a [`Loop`] in the order written. Each draw is the
//! kit's own ([`crate::select_with`]), with its seed (the interview's `seed`, else the kit's),
//! and it takes nothing an earlier interview drew, nor anything paired with it (`similar_to`,
//! siblings, the `conflicts` passed in). The result is a pure function of the bank, the loop
//! and the conflict pairs, like a kit's selection.
//!
//! It also says which interview covers which competency: an interview covers the
//! competencies its drawn questions measure.

use std::collections::BTreeSet;
use std::fmt;

use crate::load::Bank;
use crate::model::Loop;
use crate::select::{select_with, Conflicts, Draw, SelectError, Selection};

/// The interviews of a loop, drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopSelection {
    pub loop_id: String,
    /// One number for the loop's draw: a hash of every interview's kit and seed, for the
    /// debrief sheet's fingerprint.
    pub seed: u64,
    pub interviews: Vec<DrawnInterview>,
    /// Every competency of the loop (its list first, in its order; then the others its
    /// questions measure, by id) and the interviews that cover it.
    pub coverage: Vec<CompetencyCoverage>,
}

/// One interview of a [`LoopSelection`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawnInterview {
    /// Index of the kit in [`Bank::kits`].
    pub kit: usize,
    /// The interview's title: its own, else the kit's.
    pub title: String,
    pub interviewer: Option<String>,
    pub focus: Option<String>,
    pub selection: Selection,
    /// The competencies its questions measure, by id.
    pub competencies: Vec<String>,
}

/// Which interviews of a loop cover a competency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetencyCoverage {
    pub competency: String,
    /// Whether the loop lists it in `competencies`.
    pub required: bool,
    /// Indices into [`LoopSelection::interviews`].
    pub interviews: Vec<usize>,
}

impl LoopSelection {
    /// The competencies the loop lists that no interview covers.
    pub fn uncovered(&self) -> impl Iterator<Item = &str> {
        self.coverage
            .iter()
            .filter(|c| c.required && c.interviews.is_empty())
            .map(|c| c.competency.as_str())
    }

    /// How many questions the loop asks.
    pub fn len(&self) -> usize {
        self.interviews.iter().map(|i| i.selection.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Why a loop cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoopError {
    /// An interview names a kit the bank does not have.
    UnknownKit {
        interview: usize,
        kit: String,
        suggestion: Option<String>,
    },
    /// An interview's kit cannot be drawn after the interviews before it.
    Interview {
        interview: usize,
        title: String,
        kit: String,
        error: Box<SelectError>,
    },
}

impl LoopError {
    /// The index of the interview the error is about.
    pub fn interview(&self) -> usize {
        match self {
            LoopError::UnknownKit { interview, .. } | LoopError::Interview { interview, .. } => {
                *interview
            }
        }
    }

    /// JSON pointer, in the loop file, of the value the error is about.
    pub fn pointer(&self) -> String {
        format!("/interviews/{}/kit", self.interview())
    }

    /// A suggestion for fixing the loop, its kits or the bank.
    pub fn help(&self) -> Option<String> {
        match self {
            LoopError::UnknownKit { suggestion, .. } => suggestion
                .as_ref()
                .map(|s| format!("did you mean \"{s}\"?")),
            LoopError::Interview { error, .. } => match error.as_ref() {
                SelectError::UnusableFixed { .. } => Some(
                    "fix another question in one of the two kits, or let one of them draw it"
                        .to_owned(),
                ),
                SelectError::Shortfall(_) => Some(match error.help() {
                    Some(h) => format!(
                        "{h}; or give this interview another `seed`, or move it earlier in the loop"
                    ),
                    None => "give this interview another `seed`, or move it earlier in the loop"
                        .to_owned(),
                }),
                other => other.help(),
            },
        }
    }
}

impl fmt::Display for LoopError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoopError::UnknownKit { interview, kit, .. } => write!(
                f,
                "interview {} names kit \"{kit}\", which is not in kits/",
                interview + 1
            ),
            LoopError::Interview {
                interview,
                title,
                kit,
                error,
            } => write!(
                f,
                "interview {} ({title}, kit \"{kit}\") cannot be drawn{}: {error}",
                interview + 1,
                if *interview == 0 {
                    ""
                } else {
                    " after the interviews before it"
                }
            ),
        }
    }
}

impl std::error::Error for LoopError {}

/// How an interview is named in explanations: `interview 2 (Technical deep dive)`.
pub fn interview_name(index: usize, title: &str) -> String {
    format!("interview {} ({title})", index + 1)
}

/// Draws every interview of `lp`, in order, each excluding what the ones before it drew.
///
/// `conflicts` are pairs of questions that may not meet anywhere in the loop, on top of the
/// bank's `similar_to` pairs and siblings (near-duplicates, related questions).
pub fn select_loop(
    bank: &Bank,
    lp: &Loop,
    conflicts: Conflicts<'_>,
) -> Result<LoopSelection, LoopError> {
    let kit_ids: Vec<String> = bank.kits.iter().map(|k| k.id.clone()).collect();
    let mut taken: Vec<(usize, String)> = Vec::new();
    let mut interviews = Vec::with_capacity(lp.interviews.len());
    for (n, interview) in lp.interviews.iter().enumerate() {
        let Some(k) = bank.kits.iter().position(|k| k.id == interview.kit) else {
            return Err(LoopError::UnknownKit {
                interview: n,
                kit: interview.kit.clone(),
                suggestion: crate::closest(&interview.kit, &kit_ids).map(str::to_owned),
            });
        };
        let kit = &bank.kits[k];
        let title = interview.title.clone().unwrap_or_else(|| kit.title.clone());
        let selection = select_with(
            bank,
            kit,
            &Draw {
                conflicts,
                seed: interview.seed,
                taken: &taken,
            },
        )
        .map_err(|error| LoopError::Interview {
            interview: n,
            title: title.clone(),
            kit: kit.id.clone(),
            error: Box::new(error),
        })?;
        let name = interview_name(n, &title);
        let mut competencies = BTreeSet::new();
        for &i in selection.sections.iter().flat_map(|s| s.questions.iter()) {
            taken.push((i, name.clone()));
            competencies.extend(
                crate::select::question_competencies(&bank.questions[i])
                    .iter()
                    .cloned(),
            );
        }
        interviews.push(DrawnInterview {
            kit: k,
            title,
            interviewer: interview.interviewer.clone(),
            focus: interview.focus.clone(),
            selection,
            competencies: competencies.into_iter().collect(),
        });
    }
    let mut coverage: Vec<CompetencyCoverage> = Vec::new();
    let mut listed = BTreeSet::new();
    for c in &lp.competencies {
        if listed.insert(c.as_str()) {
            coverage.push(CompetencyCoverage {
                competency: c.clone(),
                required: true,
                interviews: Vec::new(),
            });
        }
    }
    let others: BTreeSet<&str> = interviews
        .iter()
        .flat_map(|i| i.competencies.iter().map(String::as_str))
        .filter(|c| !listed.contains(c))
        .collect();
    coverage.extend(others.into_iter().map(|c| CompetencyCoverage {
        competency: c.to_owned(),
        required: false,
        interviews: Vec::new(),
    }));
    for c in &mut coverage {
        c.interviews = interviews
            .iter()
            .enumerate()
            .filter(|(_, i)| i.competencies.contains(&c.competency))
            .map(|(n, _)| n)
            .collect();
    }
    let seeds: Vec<String> = interviews
        .iter()
        .map(|i| format!("{}:{}", bank.kits[i.kit].id, i.selection.seed))
        .collect();
    let seed = crate::fingerprint::fnv1a(seeds.iter().map(|s| s.as_bytes()));
    Ok(LoopSelection {
        loop_id: lp.id.clone(),
        seed,
        interviews,
        coverage,
    })
}
