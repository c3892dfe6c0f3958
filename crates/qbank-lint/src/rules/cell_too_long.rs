use qbank_core::Severity;
use qbank_doc::table::{self, Cell, Column};

use crate::rule::{Context, Rule, RuleDoc, Scope};

/// The most characters (UTF-16 code units, as Excel counts them) a spreadsheet cell holds.
pub const CELL_LIMIT: usize = 32_767;

/// More than the characters a spreadsheet cell adds to what the file holds: the level and
/// point written before each of at most sixteen level anchors (`senior 4: `), separators.
const SLACK: usize = 1024;

/// A question whose spreadsheet cell would be longer than Excel and XLSX allow.
pub struct CellTooLong;

impl Rule for CellTooLong {
    fn name(&self) -> &'static str {
        "cell-too-long"
    }
    fn summary(&self) -> &'static str {
        "A field of a question fills a spreadsheet cell past the 32,767 characters Excel and XLSX allow."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Measures every cell of a question's row as the spreadsheet exports write \
                   it (`qbank export xlsx`, `qbank export csv --excel`): a text field alone, \
                   a list with its items joined, counted in UTF-16 code units as Excel counts \
                   them, with room for the separator and the `'` a formula-looking cell gets. \
                   A cell past 32,767 is reported on its field. An `allow:` entry does not \
                   silence it: the export would still refuse the question.",
            why: "Excel holds at most 32,767 characters in a cell and cuts the rest when it \
                  saves, so the text would come back shortened from a round trip. The \
                  exports refuse such a question rather than write a cell Excel cuts, so a \
                  bank that lints clean could not be exported.",
            example: "follow_ups:\n  - (forty thousand characters of pasted notes)",
            instead: "follow_ups:\n  - Which metric do you watch first?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        for q in &bank.questions {
            // A cell holds what the file says, decoded (never longer than its UTF-8 bytes),
            // plus at most a few characters a list item: a file well under the limit cannot
            // fill a cell past it, and most files are a few kilobytes.
            if bank.question_file(q).text.len() + SLACK <= CELL_LIMIT {
                continue;
            }
            for column in Column::ALL {
                let n = longest(&table::cell(q, column));
                if n <= CELL_LIMIT {
                    continue;
                }
                let d = ctx
                    .diagnostic(
                        format!(
                            "the {column} cell of this question would hold {n} characters; a \
                             spreadsheet cell holds {CELL_LIMIT}"
                        ),
                        bank.question_file(q).label(pointer(column)),
                    )
                    .with_help(
                        "shorten it, or move the detail into a document the question links to",
                    );
                // Not silenced by `allow:`: the exports refuse the question either way.
                ctx.report(None, d);
            }
        }
    }
}

/// The most UTF-16 code units any spreadsheet export writes `cell` as: the items of a list
/// joined by the longer separator (`", "`), plus a `'` in front of a formula-looking cell.
fn longest(cell: &Cell) -> usize {
    let units = |s: &str| s.encode_utf16().count();
    match cell {
        Cell::Text(t) if t.is_empty() => 0,
        Cell::Text(t) => units(t) + 1,
        Cell::List(items) if items.is_empty() => 0,
        Cell::List(items) => {
            items.iter().map(|i| units(i)).sum::<usize>() + 2 * (items.len() - 1) + 1
        }
    }
}

/// Where the field of `column` is written in a question file.
fn pointer(column: Column) -> &'static str {
    match column {
        Column::Title => "/title",
        Column::Text => "/text",
        Column::FollowUps => "/follow_ups",
        Column::Strong => "/rubric/strong",
        Column::RedFlags => "/rubric/red_flags",
        Column::Expect | Column::LevelAnchors => "/rubric/levels",
        Column::Anchor1 => "/rubric/anchors/1",
        Column::Anchor2 => "/rubric/anchors/2",
        Column::Anchor3 => "/rubric/anchors/3",
        Column::Anchor4 => "/rubric/anchors/4",
        Column::Tags => "/tags",
        Column::Source => "/source",
        Column::SimilarTo => "/similar_to",
        Column::Reviewed => "/reviewed",
        Column::Competencies => "/competencies",
        Column::Levels => "/levels",
        Column::Topic => "/topic",
        Column::Kind => "/kind",
        Column::Minutes => "/minutes",
        Column::Status => "/status",
        Column::Id | Column::Revision => "/id",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_excel_does_with_room_for_separators_and_the_quote() {
        assert_eq!(longest(&Cell::Text(String::new())), 0);
        assert_eq!(longest(&Cell::Text("ab".into())), 3);
        // An emoji is two UTF-16 code units.
        assert_eq!(longest(&Cell::Text("🦀".into())), 3);
        assert_eq!(
            longest(&Cell::List(vec!["ab".into(), "c".into()])),
            3 + 2 + 1
        );
        assert_eq!(longest(&Cell::List(Vec::new())), 0);
    }
}
