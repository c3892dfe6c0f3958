use qbank_core::{Question, Severity};

use crate::rule::{Context, Rule, RuleDoc, Scope};

/// A line break inside one item of a list that a spreadsheet export writes as one cell.
pub struct LineBreakInItem;

impl Rule for LineBreakInItem {
    fn name(&self) -> &'static str {
        "line-break-in-item"
    }
    fn summary(&self) -> &'static str {
        "An item of a list (a follow-up, a rubric line, an expectation, a level's anchor, a similar_to reason) holds a line break, which the CSV and XLSX exports cannot write."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Looks at every item of a question's lists as the CSV and XLSX exports \
                   write them, one cell per list with one item a line: `follow_ups`, \
                   `rubric.strong`, `rubric.red_flags`, each `rubric.levels.<level>.expect`, \
                   each anchor of `rubric.levels.<level>.anchors`, each `similar_to` reason \
                   and each tag. It points at the first line break of an item, including the \
                   one a `|` block ends with. An `allow:` entry does not silence it: the \
                   export would still refuse the question.",
            why: "In a spreadsheet cell the items of a list are separated by line breaks, so \
                  an item holding one would come back from `qbank import` as two items. The \
                  exports refuse such a question rather than change it, so a bank that lints \
                  clean could not be exported.",
            example:
                "follow_ups:\n  - |\n    Which metric do you watch first?\n    And why that one?",
            instead: "follow_ups:\n  - Which metric do you watch first?\n  - And why that one?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        for q in &bank.questions {
            for (place, text) in items(q) {
                // Both breaks are ASCII: looked for by their bytes.
                let Some(at) = memchr::memchr2(b'\n', b'\r', text.as_bytes()) else {
                    continue;
                };
                let (pointer, what) = (place.pointer(), place.what());
                let d = ctx
                    .diagnostic(
                        format!("{what} holds a line break, which a spreadsheet cell cannot keep inside one item"),
                        bank.question_file(q)
                            .label_in(&pointer, text, at..at + 1)
                            .with_message("line break"),
                    )
                    .with_help(
                        "write the item on one line (a `>-` block folds its lines into one), or \
                         make it two items",
                    );
                // Not silenced by `allow:`: the exports refuse the question either way.
                ctx.report(None, d);
            }
        }
    }
}

/// Where an item is, named only for an item that holds a line break: every item of a bank
/// is looked at, few are reported.
enum Place<'q> {
    /// Item `i` (from 0) of a list field.
    List {
        field: &'static str,
        name: &'static str,
        i: usize,
    },
    Expect(&'q str),
    Anchor(&'q str, u8),
    Reason(usize, &'q str),
}

impl Place<'_> {
    fn pointer(&self) -> String {
        match self {
            Place::List { field, i, .. } => format!("/{field}/{i}"),
            Place::Expect(level) => format!("/rubric/levels/{level}/expect"),
            Place::Anchor(level, point) => format!("/rubric/levels/{level}/anchors/{point}"),
            Place::Reason(i, _) => format!("/similar_to/{i}/reason"),
        }
    }

    fn what(&self) -> String {
        match self {
            Place::List { name, i, .. } => format!("{name} {}", i + 1),
            Place::Expect(level) => format!("the {level} expectation"),
            Place::Anchor(level, point) => format!("anchor {point} at {level}"),
            Place::Reason(_, id) => format!("the reason of similar_to \"{id}\""),
        }
    }
}

/// Every item of `q` that a spreadsheet export writes as one line of a list cell: where it
/// is, and its text.
fn items(q: &Question) -> Vec<(Place<'_>, &str)> {
    let mut out = Vec::new();
    for (field, name, items) in [
        ("follow_ups", "follow-up", &q.follow_ups),
        ("rubric/strong", "strong-answer line", &q.rubric.strong),
        ("rubric/red_flags", "red flag", &q.rubric.red_flags),
        ("tags", "tag", &q.tags),
    ] {
        for (i, t) in items.iter().enumerate() {
            out.push((Place::List { field, name, i }, t.as_str()));
        }
    }
    for (level, l) in &q.rubric.levels {
        let level = level.as_str();
        if let Some(expect) = &l.expect {
            out.push((Place::Expect(level), expect.as_str()));
        }
        if let Some(anchors) = &l.anchors {
            for (point, text) in anchors.iter() {
                out.push((Place::Anchor(level, point), text));
            }
        }
    }
    for (i, s) in q.similar_to.iter().enumerate() {
        if let Some(reason) = &s.reason {
            out.push((Place::Reason(i, &s.id), reason.as_str()));
        }
    }
    out
}
