//! The qbank model: a bank of interview questions as typed values, how a bank folder is read
//! into them, and the [`Diagnostic`] every other crate reports through.
//!
//! This crate does no output: it knows nothing of terminals, JSON renderings or documents.
//! Loading never fails on a bad file; it returns the bank it could read and the diagnostics
//! for the rest:
//!
//! ```no_run
//! let (bank, diagnostics) = qbank_core::load_bank(std::path::Path::new("questions")).unwrap();
//! println!("{} questions, {} findings", bank.questions.len(), diagnostics.len());
//! ```

pub mod date;
pub mod diag;
pub mod fields;
pub mod fingerprint;
pub mod format;
pub mod git;
pub mod hash;
pub mod listing;
pub mod load;
pub mod loops;
pub mod model;
pub mod parallel;
pub mod scalar;
pub mod select;
pub mod stats;
pub mod write;
pub mod yaml;

pub use diag::{sort_diagnostics, Diagnostic, Label, Position, Severity, Span, Text};
pub use fingerprint::{content_revision, fingerprint, question_revision};
pub use load::{
    load_bank, load_bank_at, load_bank_from_files, load_bank_with_progress, Bank, BuiltinData,
    LoadError, Reusable, SourceFile,
};
pub use loops::{
    interview_name, select_loop, CompetencyCoverage, DrawnInterview, LoopError, LoopSelection,
};
pub use model::{
    Allow, Anchors, Competency, Coverage, Edition, FileId, Interview, Kind, Kit, Layout, Level,
    LevelRubric, Loop, Question, Rubric, Section, SimilarTo, Status, Topic, DEFAULT_MINUTES,
};
pub use qbank_schema::{capitalize, closest, is_calendar_date, kebab, levenshtein, FileKind};
pub use select::{
    may_draw, select, select_with, Conflicts, Draw, Pair, PairKind, SelectError, SelectedSection,
    Selection, Shortfall,
};
