//! From a spreadsheet back into the bank.
//!
//! [`plan_import`] checks every row of a [`Sheet`] against the bank and the question schema and
//! returns either the full plan (the files to create, the files to change and their new text)
//! or every problem found, each at its row and column. Nothing is written here: the caller
//! applies the plan all at once, or not at all.
//!
//! - A row whose id is in the bank updates that question. Only the columns the file has are
//!   changed; fields it has no column for keep their value, and the question file keeps its
//!   comments and the style of the keys that did not change
//!   ([`qbank_core::write::update_question`]). An empty cell clears an optional field.
//! - A row with a new id creates `<topic>/<id>.yaml`, written by
//!   [`qbank_core::write::write_question`]; it needs the columns id, text, topic, levels and
//!   kind.
//! - Levels, kind and status are read whatever their case (`Senior`). Levels may be separated
//!   by line breaks, commas or spaces, tags and competencies by line breaks or commas, and the
//!   other lists by line breaks only (an empty line is no item).
//! - A competency must be declared in the bank's `competencies.yaml`, when it has one.
//! - `expect` lines read `level: text`, `level_anchors` lines `level point: text` (see
//!   [`qbank_doc::table`]); the `expect` column sets what meets the bar at every level (a level
//!   it does not list has none), `level_anchors` every level's own scale, `anchor_1` …
//!   `anchor_4` each point of the question's scale (an empty cell leaves the point out).

use std::collections::HashMap;

use qbank_core::fields::{Access, Style};
use qbank_core::write::{update_question, write_question};
use qbank_core::{
    closest, Anchors, Bank, FileKind, Kind, Level, Question, SimilarTo, Status, DEFAULT_MINUTES,
};
use qbank_doc::table::Column;

use qbank_export::csv::ITEM_SEPARATOR;

use crate::sheet::{Place, RowError, Sheet, SheetRow};

/// What an import does to the bank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// New question files.
    pub creates: Vec<FileChange>,
    /// Question files whose content changes.
    pub updates: Vec<FileChange>,
    /// Rows that match their question already.
    pub unchanged: usize,
    /// What the import cannot check, said once (a sheet without a `revision` column).
    pub warnings: Vec<String>,
}

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Import rows whose question changed in the bank since the export.
    pub force: bool,
}

/// A row exported from an older revision of its question, whose values differ from the
/// bank's: importing it would undo the change made in the bank since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    /// The revision the row was exported from.
    pub exported: String,
    /// The revision of the question's file now.
    pub current: String,
    /// Each field whose value differs: (field, the bank's value, the row's value), as the
    /// question file writes them.
    pub fields: Vec<(&'static str, String, String)>,
}

/// Whether a row exported at `revision` may update `current` (a question of `bank`) to
/// `new`, the question as the row has it. `None` when it may: the row carries no revision,
/// the question did not change since, or the row says the same as the bank. This is the
/// check every importer (CSV, XLSX) runs on each row that updates a question.
pub fn stale_row(
    bank: &Bank,
    current: &Question,
    revision: &str,
    new: &Question,
) -> Option<Conflict> {
    let revision = revision.trim();
    let now = bank.question_file(current).revision();
    if revision.is_empty() || revision == now {
        return None;
    }
    let fields: Vec<(&'static str, String, String)> = qbank_core::write::QUESTION_KEYS
        .into_iter()
        .filter_map(|key| {
            let shown = |q: &Question| {
                qbank_core::write::write_field(q, key)
                    .map(|v| {
                        let v = v.trim_end();
                        v.strip_prefix(&format!("{key}:"))
                            .unwrap_or(v)
                            .trim_start_matches(' ')
                            .to_owned()
                    })
                    .unwrap_or_default()
            };
            let (old, new) = (shown(current), shown(new));
            (old != new).then_some((key, old, new))
        })
        .collect();
    (!fields.is_empty()).then(|| Conflict {
        id: current.id.clone(),
        exported: revision.to_owned(),
        current: now,
        fields,
    })
}

impl ImportPlan {
    pub fn is_empty(&self) -> bool {
        self.creates.is_empty() && self.updates.is_empty()
    }
}

/// One file the import writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// The question's id.
    pub id: String,
    /// The row of the sheet it comes from.
    pub row: usize,
    /// The file's path inside the bank, `/`-separated.
    pub relative: String,
    /// The text before, for an update.
    pub old: Option<String>,
    /// The text after.
    pub new: String,
    /// The keys that change (every key written, for a new file).
    pub fields: Vec<&'static str>,
    /// True when an existing file had to be written whole, losing its comments.
    pub rewritten: bool,
    /// The topic changed, and the file stays in the folder of the old one.
    pub moved_topic: bool,
}

/// Checks `sheet` against `bank` and plans the import; every problem in the sheet is reported,
/// in row order. A row whose question changed in the bank since the export is refused
/// ([`stale_row`]).
pub fn plan_import(bank: &Bank, sheet: &Sheet) -> Result<ImportPlan, Vec<RowError>> {
    plan_import_with(bank, sheet, &ImportOptions::default())
}

/// [`plan_import`] with options.
pub fn plan_import_with(
    bank: &Bank,
    sheet: &Sheet,
    options: &ImportOptions,
) -> Result<ImportPlan, Vec<RowError>> {
    let mut errors = sheet.problems.clone();
    let mut plan = ImportPlan::default();
    if !sheet.columns.contains(&Column::Revision) && sheet.columns.contains(&Column::Id) {
        plan.warnings.push(
            "the file has no revision column, so changes made in the bank since it was \
             exported cannot be detected and would be overwritten; export again with \
             `qbank export csv` to get one"
                .to_owned(),
        );
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let topics: Vec<String> = bank.topics.iter().map(|t| t.id.clone()).collect();
    let competencies: Vec<String> = bank.competencies.iter().map(|c| c.id.clone()).collect();
    let known = Known {
        topics: &topics,
        competencies: &competencies,
        declares_competencies: bank.competencies_file.is_some(),
    };
    let mut by_id: HashMap<&str, &Question> = HashMap::new();
    // Ids that more than one file holds, with those files.
    let mut twice: HashMap<&str, Vec<&str>> = HashMap::new();
    for q in &bank.questions {
        if let Some(first) = by_id.insert(q.id.as_str(), q) {
            twice
                .entry(q.id.as_str())
                .or_insert_with(|| vec![bank.question_file(first).path.as_ref()])
                .push(bank.question_file(q).path.as_ref());
        }
    }
    // Question files that did not load, by the id their name gives.
    let unreadable: HashMap<&str, &str> = {
        let loaded: Vec<bool> = {
            let mut v = vec![false; bank.files.len()];
            for q in &bank.questions {
                v[q.file] = true;
            }
            v
        };
        bank.files
            .iter()
            .enumerate()
            .filter(|(i, f)| f.kind == FileKind::Question && !loaded[*i])
            .map(|(_, f)| (f.stem(), f.path.as_ref()))
            .collect()
    };
    let mut new_paths: HashMap<String, usize> = HashMap::new();
    let paths: HashMap<&str, &str> = bank
        .files
        .iter()
        .map(|f| (f.relative.as_str(), f.path.as_ref()))
        .collect();

    // A sheet exported from this bank: some of its rows are questions the bank has. (A
    // sheet none of whose ids the bank holds is another bank's, imported into this one.)
    let from_this_bank = sheet.rows.iter().any(|row| {
        sheet
            .cell(row, Column::Id)
            .is_some_and(|id| by_id.contains_key(id.trim()))
    });
    // The bank's questions by revision, read when a row first needs them.
    let mut revisions: Option<HashMap<String, &str>> = None;
    for row in &sheet.rows {
        let mut ctx = RowCtx {
            sheet,
            row,
            errors: Vec::new(),
        };
        let Some(id) = sheet.cell(row, Column::Id).map(str::trim) else {
            continue;
        };
        // The id as messages show it: a cell can hold any length of text.
        let shown = shorten(id);
        if id.is_empty() {
            ctx.error(
                Column::Id,
                "the id is empty",
                Some("every row needs the id of the question it creates or updates"),
            );
            errors.append(&mut ctx.errors);
            continue;
        }
        if let Some(first) = seen.get(id) {
            ctx.error(
                Column::Id,
                &format!("duplicate id \"{shown}\": row {first} has it too"),
                Some("keep one row per question"),
            );
            errors.append(&mut ctx.errors);
            continue;
        }
        seen.insert(id.to_owned(), row.row);

        if let Some(files) = twice.get(id) {
            errors.push(
                RowError::at(
                    row.row,
                    sheet.place(Column::Id),
                    format!(
                        "question \"{shown}\" is in {} files: {}",
                        files.len(),
                        files.join(", ")
                    ),
                )
                .with_help("give each its own id first (qbank lint reports it as duplicate-id)"),
            );
            continue;
        }
        let existing = by_id.get(id).copied();
        let revision = sheet
            .cell(row, Column::Revision)
            .map(str::trim)
            .filter(|r| !r.is_empty());
        if existing.is_none() && from_this_bank && !options.force && !unreadable.contains_key(id) {
            // A row copied from another question's row (to start a new one) carries that
            // question's revision: a new question, not one brought back.
            let copied_from = revision.and_then(|r| {
                revisions
                    .get_or_insert_with(|| {
                        bank.questions
                            .iter()
                            .map(|q| (bank.question_file(q).revision(), q.id.as_str()))
                            .collect()
                    })
                    .get(r)
                    .copied()
            });
            if let Some(source) = copied_from {
                plan.warnings.push(format!(
                    "row {}: \"{shown}\" carries the revision of \"{source}\"'s row; it is \
                     created as a new question",
                    row.row
                ));
            } else if let Some(revision) = revision {
                // The row was exported from a question the bank no longer has: importing it
                // would bring back what someone deleted or renamed since.
                errors.push(
                    RowError::at(
                        row.row,
                        sheet.place(Column::Revision),
                        format!(
                            "question \"{shown}\" is not in the bank any more, but this row was \
                             exported from it (revision {revision}): it was deleted or renamed \
                             since"
                        ),
                    )
                    .with_help(
                        "leave the row out; to add it as a new question, empty its revision \
                         cell, or import with --force",
                    ),
                );
                continue;
            }
        }
        if existing.is_none() {
            if let Some(path) = unreadable.get(id) {
                errors.push(
                    RowError::at(
                        row.row,
                        sheet.place(Column::Id),
                        format!("question \"{shown}\" is in {path}, which does not load"),
                    )
                    .with_help("fix that file first (qbank lint shows why), then import again"),
                );
                continue;
            }
            let missing: Vec<&str> = [Column::Text, Column::Topic, Column::Levels, Column::Kind]
                .into_iter()
                .filter(|c| !sheet.columns.contains(c))
                .map(Column::name)
                .collect();
            if !missing.is_empty() {
                errors.push(
                    RowError::at(
                        row.row,
                        sheet.place(Column::Id),
                        format!(
                            "\"{shown}\" is not in the bank, and the file has no {} column to \
                             create it from",
                            missing.join(", ")
                        ),
                    )
                    .with_help("add the columns, or correct the id if it should match an existing question"),
                );
                continue;
            }
        }
        let mut q = existing.cloned().unwrap_or_else(|| Question::new(id));
        for (&column, cell) in sheet.columns.iter().zip(&row.cells) {
            let units = cell.encode_utf16().count();
            if units > qbank_export::csv::EXCEL_CELL_LIMIT {
                // What lint would refuse (cell-too-long) and the Excel exports could not write.
                ctx.error(
                    column,
                    &format!(
                        "the cell holds {units} characters, more than the {} a spreadsheet \
                         cell holds",
                        qbank_export::csv::EXCEL_CELL_LIMIT
                    ),
                    Some("shorten it; a longer text would be cut by Excel when it saves"),
                );
                continue;
            }
            ctx.apply(&mut q, column, cell, &known);
        }
        drop_empty_rubric_parts(&mut q);
        ctx.check_schema(&q);
        if !ctx.errors.is_empty() {
            errors.append(&mut ctx.errors);
            continue;
        }

        if let (Some(old), None, false, true) = (
            existing,
            revision,
            options.force,
            sheet.columns.contains(&Column::Revision),
        ) {
            if *old != q {
                plan.warnings.push(format!(
                    "row {}: the revision of \"{shown}\" is empty, so changes made in the bank \
                     since the export cannot be detected for it and would be overwritten",
                    row.row
                ));
            }
        }
        if let (Some(old), Some(revision), false) = (existing, revision, options.force) {
            if let Some(conflict) = stale_row(bank, old, revision, &q) {
                let mut message = format!(
                    "question \"{shown}\" changed in the bank since this row was exported \
                     (revision {} then, {} now):",
                    conflict.exported, conflict.current
                );
                for (field, bank_value, sheet_value) in &conflict.fields {
                    message.push_str(&format!(
                        "\n    {field}: bank {} / spreadsheet {}",
                        one_line(bank_value),
                        one_line(sheet_value)
                    ));
                }
                errors.push(
                    RowError::at(row.row, sheet.place(Column::Revision), message).with_help(
                        "export again and redo this row's edit, or import with --force to \
                         overwrite the bank's changes",
                    ),
                );
                continue;
            }
        }
        match existing {
            Some(old) if *old == q => plan.unchanged += 1,
            Some(old) => {
                let file = bank.question_file(old);
                let updated = update_question(&file.text, &file.relative, &q);
                if updated.changed.is_empty() {
                    plan.unchanged += 1;
                } else {
                    plan.updates.push(FileChange {
                        id: q.id.clone(),
                        row: row.row,
                        relative: file.relative.clone(),
                        old: Some(file.text.clone()),
                        new: updated.text,
                        fields: updated.changed,
                        rewritten: updated.rewritten,
                        moved_topic: old.topic != q.topic,
                    });
                }
            }
            None => {
                let relative = format!("{}/{}.yaml", q.topic, q.id);
                if let Some(path) = paths.get(relative.as_str()) {
                    errors.push(RowError::at(
                        row.row,
                        sheet.place(Column::Id),
                        format!("{path} already exists and does not hold question \"{shown}\""),
                    ));
                    continue;
                }
                if let Some(first) = new_paths.insert(relative.clone(), row.row) {
                    errors.push(RowError::at(
                        row.row,
                        sheet.place(Column::Id),
                        format!("row {first} creates {relative} too"),
                    ));
                    continue;
                }
                let text = write_question(&q, &relative);
                plan.creates.push(FileChange {
                    id: q.id.clone(),
                    row: row.row,
                    relative,
                    old: None,
                    fields: qbank_core::write::QUESTION_KEYS
                        .into_iter()
                        .filter(|k| qbank_core::write::write_field(&q, k).is_some())
                        .collect(),
                    new: text,
                    rewritten: false,
                    moved_topic: false,
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        errors.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
        Err(errors)
    }
}

/// What the bank declares, that cells must name.
struct Known<'k> {
    topics: &'k [String],
    competencies: &'k [String],
    /// Whether the bank has a competencies.yaml (without one, any competency id is taken).
    declares_competencies: bool,
}

/// Leaves out the levels with neither expectation nor anchors, and anchors with no point,
/// which the columns can leave behind.
fn drop_empty_rubric_parts(q: &mut Question) {
    let rubric = &mut q.rubric;
    if rubric.anchors.as_ref().is_some_and(Anchors::is_empty) {
        rubric.anchors = None;
    }
    for l in rubric.levels.values_mut() {
        if l.anchors.as_ref().is_some_and(Anchors::is_empty) {
            l.anchors = None;
        }
    }
    rubric
        .levels
        .retain(|_, l| l.expect.is_some() || l.anchors.is_some());
}

struct RowCtx<'s> {
    sheet: &'s Sheet,
    row: &'s SheetRow,
    errors: Vec<RowError>,
}

impl RowCtx<'_> {
    fn place(&self, column: Column) -> Option<Place> {
        self.sheet.place(column)
    }

    fn error(&mut self, column: Column, message: &str, help: Option<&str>) {
        let mut e = RowError::at(self.row.row, self.place(column), message);
        e.help = help.map(str::to_owned);
        self.errors.push(e);
    }

    fn apply(&mut self, q: &mut Question, column: Column, cell: &str, known: &Known) {
        let topics = known.topics;
        match column {
            Column::Id => {}
            Column::Competencies => {
                let mut ids = Vec::new();
                for id in items(cell) {
                    if known.declares_competencies && !known.competencies.iter().any(|c| c == id) {
                        let help = match closest(id, known.competencies) {
                            Some(c) => format!("did you mean \"{c}\"?"),
                            None if known.competencies.is_empty() => {
                                "the bank's competencies.yaml lists no competencies that load"
                                    .to_owned()
                            }
                            None => format!(
                                "competencies.yaml declares {}",
                                known.competencies.join(", ")
                            ),
                        };
                        self.error(column, &format!("unknown competency \"{id}\""), Some(&help));
                    }
                    ids.push(id.to_owned());
                }
                q.competencies = ids;
            }
            Column::Expect => {
                for l in q.rubric.levels.values_mut() {
                    l.expect = None;
                }
                for line in lines(cell) {
                    let Some((level, text)) = self.level_line(column, &line, false) else {
                        continue;
                    };
                    let entry = q.rubric.levels.entry(level.0).or_default();
                    if entry.expect.is_some() {
                        self.error(
                            column,
                            &format!("level {} has two lines", level.0),
                            Some("give each level one line"),
                        );
                    }
                    entry.expect = Some(text);
                }
            }
            Column::Anchor1 | Column::Anchor2 | Column::Anchor3 | Column::Anchor4 => {
                let Some(point) = column.anchor_point() else {
                    return;
                };
                let text = (!cell.is_empty()).then(|| cell.to_owned());
                q.rubric
                    .anchors
                    .get_or_insert_with(Anchors::default)
                    .set(point, text);
            }
            Column::LevelAnchors => {
                for l in q.rubric.levels.values_mut() {
                    l.anchors = None;
                }
                for line in lines(cell) {
                    let Some(((level, point), text)) = self.level_line(column, &line, true) else {
                        continue;
                    };
                    let anchors = q
                        .rubric
                        .levels
                        .entry(level)
                        .or_default()
                        .anchors
                        .get_or_insert_with(Anchors::default);
                    if anchors.get(point).is_some() {
                        self.error(
                            column,
                            &format!("{level} {point} has two lines"),
                            Some("give each level and point one line"),
                        );
                    }
                    anchors.set(point, Some(text));
                }
            }
            Column::Topic => {
                let topic = cell.trim();
                if topic.is_empty() {
                    self.error(column, "the topic is empty", None);
                } else if !topics.iter().any(|t| t == topic) {
                    let help = match closest(topic, topics) {
                        Some(t) => format!("did you mean \"{t}\"?"),
                        None if topics.is_empty() => {
                            "the bank's topics.yaml lists no topics that load".to_owned()
                        }
                        None => format!("the topics are {}", topics.join(", ")),
                    };
                    self.error(column, &format!("unknown topic \"{topic}\""), Some(&help));
                } else {
                    q.topic = topic.to_owned();
                }
            }
            Column::Levels => {
                let mut levels = Vec::new();
                for word in words(cell) {
                    match Level::parse(&word.to_lowercase()) {
                        Some(l) if levels.contains(&l) => self.error(
                            column,
                            &format!("level {l} is listed twice"),
                            Some("list each level once"),
                        ),
                        Some(l) => levels.push(l),
                        None => {
                            let names: Vec<String> =
                                Level::ALL.iter().map(|l| l.as_str().to_owned()).collect();
                            let help = closest(word, &names)
                                .map(|n| format!("did you mean \"{n}\"?"))
                                .unwrap_or_else(|| {
                                    "the levels are junior, mid, senior and staff".to_owned()
                                });
                            self.error(column, &format!("\"{word}\" is not a level"), Some(&help));
                        }
                    }
                }
                if levels.is_empty() && words(cell).next().is_none() {
                    self.error(
                        column,
                        "no level given",
                        Some("a question needs at least one of junior, mid, senior, staff"),
                    );
                }
                q.levels = levels;
            }
            Column::Kind => {
                let word = cell.trim();
                match Kind::parse(&word.to_lowercase()) {
                    Some(k) => q.kind = k,
                    None => {
                        let names: Vec<String> =
                            Kind::ALL.iter().map(|k| k.as_str().to_owned()).collect();
                        let help = closest(word, &names)
                            .map(|n| format!("did you mean \"{n}\"?"))
                            .unwrap_or_else(|| format!("the kinds are {}", names.join(", ")));
                        let message = if word.is_empty() {
                            "the kind is empty".to_owned()
                        } else {
                            format!("\"{word}\" is not a kind")
                        };
                        self.error(column, &message, Some(&help));
                    }
                }
            }
            Column::Minutes => {
                let text = cell.trim();
                if text.is_empty() {
                    q.minutes = None;
                    return;
                }
                // A spreadsheet may write a whole number as 7.0.
                let whole = text
                    .strip_suffix(".0")
                    .or_else(|| text.strip_suffix(",0"))
                    .unwrap_or(text);
                match whole.parse::<u32>() {
                    Ok(m) => q.minutes = Some(m),
                    Err(_) => self.error(
                        column,
                        &format!("\"{text}\" is not a whole number of minutes"),
                        Some(&format!(
                            "write a number from 1 to 60, or leave the cell empty for the \
                             default of {DEFAULT_MINUTES}"
                        )),
                    ),
                }
            }
            Column::Text => q.text = cell.to_owned(),
            Column::Strong => q.rubric.strong = lines(cell),
            Column::RedFlags => q.rubric.red_flags = lines(cell),
            Column::Status => {
                let word = cell.trim();
                if word.is_empty() {
                    q.status = Status::default();
                    return;
                }
                match Status::parse(&word.to_lowercase()) {
                    Some(s) => q.status = s,
                    None => {
                        let names: Vec<String> =
                            ["draft", "active", "retired"].map(str::to_owned).to_vec();
                        let help = closest(word, &names)
                            .map(|n| format!("did you mean \"{n}\"?"))
                            .unwrap_or_else(|| "the statuses are draft, active, retired".into());
                        self.error(column, &format!("\"{word}\" is not a status"), Some(&help));
                    }
                }
            }
            Column::SimilarTo => {
                q.similar_to = lines(cell)
                    .into_iter()
                    .map(|line| match line.split_once(':') {
                        Some((id, reason)) => SimilarTo {
                            id: id.trim().to_owned(),
                            reason: Some(reason.strip_prefix(' ').unwrap_or(reason).to_owned()),
                        },
                        None => SimilarTo {
                            id: line.trim().to_owned(),
                            reason: None,
                        },
                    })
                    .collect();
            }
            Column::Reviewed => {
                let text = cell.trim();
                q.reviewed = (!text.is_empty()).then(|| text.to_owned());
            }
            // Not a field: checked against the bank before the row is planned.
            Column::Revision => {}
            // A field of free text: set as the description of a question's fields says, a flow
            // list from the items of the cell, a block list from its lines.
            c => {
                if let Some(f) = c.field() {
                    let list = match (f.access, f.style) {
                        (Access::List { .. }, Style::FlowList) => {
                            items(cell).map(str::to_owned).collect()
                        }
                        (Access::List { .. }, _) => lines(cell),
                        _ => Vec::new(),
                    };
                    f.set(q, cell, list);
                }
            }
        }
    }

    /// A line `level: text` (or, `with_point`, `level point: text`) of the `expect` or
    /// `level_anchors` column; a malformed one is reported and gives `None`.
    fn level_line(
        &mut self,
        column: Column,
        line: &str,
        with_point: bool,
    ) -> Option<((Level, u8), String)> {
        let shape = if with_point {
            "`level point: text`, for example `senior 4: Also prices retraining`"
        } else {
            "`level: text`, for example `mid: Names two drift metrics`"
        };
        let Some((head, text)) = line.split_once(':') else {
            self.error(
                column,
                &format!("\"{}\" does not start with a level", shorten(line)),
                Some(&format!("write each line as {shape}")),
            );
            return None;
        };
        let mut words = head.split_whitespace();
        let level_word = words.next().unwrap_or_default();
        let point_word = words.next();
        let extra = words.next();
        let Some(level) = Level::parse(&level_word.to_lowercase()) else {
            let names: Vec<String> = Level::ALL.iter().map(|l| l.as_str().to_owned()).collect();
            let help = closest(level_word, &names)
                .map(|n| format!("did you mean \"{n}\"?"))
                .unwrap_or_else(|| format!("write each line as {shape}"));
            self.error(
                column,
                &format!("\"{}\" is not a level", shorten(level_word)),
                Some(&help),
            );
            return None;
        };
        let point = match (with_point, point_word, extra) {
            (false, None, _) => 0,
            (true, Some(p), None) => match p.parse::<u8>() {
                Ok(p @ 1..=4) => p,
                _ => {
                    self.error(
                        column,
                        &format!("\"{}\" is not a point of the scale", shorten(p)),
                        Some("the points are 1, 2, 3 and 4"),
                    );
                    return None;
                }
            },
            _ => {
                self.error(
                    column,
                    &format!("\"{}\" is not how a line starts here", shorten(head)),
                    Some(&format!("write each line as {shape}")),
                );
                return None;
            }
        };
        let text = text.strip_prefix(' ').unwrap_or(text);
        if text.is_empty() {
            self.error(
                column,
                &format!("the line for {} says nothing", head.trim()),
                Some("write the text after the colon, or remove the line"),
            );
            return None;
        }
        Some(((level, point), text.to_owned()))
    }

    /// The question schema, for what the columns do not check themselves (id and tag
    /// patterns, lengths, minutes' range).
    fn check_schema(&mut self, q: &Question) {
        let Ok(value) = serde_json::to_value(q) else {
            return;
        };
        for v in qbank_schema::validate(FileKind::Question, &value) {
            let field = v.pointer.split('/').nth(1).unwrap_or_default();
            let column = match field {
                "rubric" => match v.pointer.split('/').nth(2) {
                    Some("red_flags") => Some(Column::RedFlags),
                    Some("levels") if v.pointer.contains("/anchors") => Some(Column::LevelAnchors),
                    Some("levels") => Some(Column::Expect),
                    Some("anchors") => Some(
                        v.pointer
                            .split('/')
                            .nth(3)
                            .and_then(|p| Column::anchor(p.parse().ok()?))
                            .unwrap_or(Column::Anchor1),
                    ),
                    _ => Some(Column::Strong),
                },
                f => Column::ALL.into_iter().find(|c| c.name() == f),
            };
            let mut message = v.message.clone();
            if let Some(item) = list_item(&v.pointer) {
                message = format!("item {item}: {message}");
            }
            let place = column.and_then(|c| self.place(c));
            if place.is_some() && self.errors.iter().any(|e| e.column == place) {
                // That cell has been reported already, in the column's own words.
                continue;
            }
            let mut e = RowError::at(
                self.row.row,
                place,
                match column {
                    Some(c) if self.place(c).is_none() => {
                        format!("{message} (in the question's file, which has no {c} column here)")
                    }
                    None => format!("{message} (in the question's file)"),
                    _ => message,
                },
            );
            e.help = v.help.clone();
            self.errors.push(e);
        }
    }
}

/// A value on one line: line breaks shown as `⏎`, empty as `(empty)`.
fn one_line(value: &str) -> String {
    if value.is_empty() {
        return "(empty)".to_owned();
    }
    value.trim().replace('\n', " ⏎ ")
}

/// The 1-based item of a list that a pointer such as `/follow_ups/2` or `/rubric/strong/0`
/// names.
fn list_item(pointer: &str) -> Option<usize> {
    let last = pointer.rsplit('/').next()?;
    let depth = pointer.matches('/').count();
    let in_list = match pointer.split('/').nth(1)? {
        "rubric" => depth == 3 && matches!(pointer.split('/').nth(2), Some("strong" | "red_flags")),
        "similar_to" => depth >= 2,
        _ => depth == 2,
    };
    let index = if pointer.starts_with("/similar_to/") {
        pointer.split('/').nth(2)?
    } else {
        last
    };
    in_list.then(|| index.parse::<usize>().ok().map(|i| i + 1))?
}

/// At most 40 characters of `s`, for a message.
fn shorten(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// The items of a list cell: one per line, empty lines left out.
fn lines(cell: &str) -> Vec<String> {
    cell.split(ITEM_SEPARATOR)
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of a cell of levels: separated by line breaks, commas or spaces.
fn words(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
}

/// The items of a cell of tags: separated by line breaks or commas, so that a tag typed with
/// a space (`model serving`) is reported rather than taken for two.
fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([',', '\n'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
}
