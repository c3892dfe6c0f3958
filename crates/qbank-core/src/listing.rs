//! What `qbank kit list` and `qbank loop list` print as JSON: one shape for both lists.
//!
//! ```json
//! {"kits": [{"id", "title", "level", "duration_minutes", "seed", "questions", "error"}]}
//! {"loops": [{"id", "title", "interviews", "questions", "uncovered", "error"}]}
//! ```
//!
//! Each entry names a kit or a loop, says what it is ([`KitFacts`], [`LoopFacts`]), and how a
//! draw went: `questions` is how many it gives and `error` why it cannot be drawn (`null`
//! otherwise); a loop also lists the competencies it asks for that no interview covers
//! (`uncovered`, `null` when it cannot be drawn).

use serde::Serialize;

use crate::loops::LoopSelection;
use crate::model::{Kit, Loop};
use crate::select::Selection;

/// One kit or loop of a list, and how its draw went.
#[derive(Debug, Clone, Serialize)]
pub struct Listed<'b, Facts, Drawn> {
    pub id: &'b str,
    pub title: &'b str,
    #[serde(flatten)]
    pub facts: Facts,
    /// How many questions a draw gives; `None` when it cannot be drawn.
    pub questions: Option<usize>,
    #[serde(flatten)]
    pub drawn: Drawn,
    /// Why it cannot be drawn.
    pub error: Option<&'b str>,
}

/// What a kit is, in a list.
#[derive(Debug, Clone, Serialize)]
pub struct KitFacts {
    pub level: &'static str,
    pub duration_minutes: Option<u32>,
    pub seed: u64,
}

/// What a loop is, in a list.
#[derive(Debug, Clone, Serialize)]
pub struct LoopFacts {
    pub interviews: usize,
}

/// Nothing more about a kit's draw.
#[derive(Debug, Clone, Serialize)]
pub struct KitDrawn {}

/// The competencies a loop asks for that none of its interviews covers; `None` when it cannot
/// be drawn.
#[derive(Debug, Clone, Serialize)]
pub struct LoopDrawn<'b> {
    pub uncovered: Option<Vec<&'b str>>,
}

/// A kit in a list.
pub type ListedKit<'b> = Listed<'b, KitFacts, KitDrawn>;
/// A loop in a list.
pub type ListedLoop<'b> = Listed<'b, LoopFacts, LoopDrawn<'b>>;

/// `qbank kit list --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct KitList<'b> {
    pub kits: Vec<ListedKit<'b>>,
}

/// `qbank loop list --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct LoopList<'b> {
    pub loops: Vec<ListedLoop<'b>>,
}

impl<'b> ListedKit<'b> {
    /// `kit` and its draw (the selection, or the message of why it cannot be drawn).
    pub fn new(kit: &'b Kit, draw: &'b Result<Selection, String>) -> ListedKit<'b> {
        Listed {
            id: &kit.id,
            title: &kit.title,
            facts: KitFacts {
                level: kit.level.as_str(),
                duration_minutes: kit.duration_minutes,
                seed: kit.seed,
            },
            questions: draw.as_ref().ok().map(Selection::len),
            drawn: KitDrawn {},
            error: draw.as_ref().err().map(String::as_str),
        }
    }
}

impl<'b> ListedLoop<'b> {
    /// `interview_loop` and its draw (the selection, or the message of why it cannot be
    /// drawn).
    pub fn new(
        interview_loop: &'b Loop,
        draw: &'b Result<LoopSelection, String>,
    ) -> ListedLoop<'b> {
        Listed {
            id: &interview_loop.id,
            title: &interview_loop.title,
            facts: LoopFacts {
                interviews: interview_loop.interviews.len(),
            },
            questions: draw.as_ref().ok().map(LoopSelection::len),
            drawn: LoopDrawn {
                uncovered: draw.as_ref().ok().map(|s| s.uncovered().collect()),
            },
            error: draw.as_ref().err().map(String::as_str),
        }
    }
}
