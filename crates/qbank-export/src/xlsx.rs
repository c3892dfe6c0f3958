//! The question table as an Excel workbook.
//!
//! A CSV leaves everything to the program that opens it: the character set (LibreOffice
//! guesses Latin-1 unless told), the column widths, whether `=SUM(…)` is text. A workbook
//! says it all itself:
//!
//! - **One sheet, `Questions`, with a filter on the header** rather than one sheet per topic.
//!   A topic is then one cell, so moving a question to another topic is editing that cell
//!   (with a drop-down), not moving a row between sheets; sorting and filtering work across the
//!   whole bank (all `draft` questions, every `senior` question); and the import reads one
//!   table, whose row numbers are the ones its messages give. The filter gives the per-topic
//!   view in two clicks.
//! - The header row is styled and frozen, and so is the id column: both stay in view while
//!   scrolling. Cells wrap, top-aligned, in columns sized for what they hold; a list is one
//!   item per line, as in the CSV (Alt+Enter in Excel), except `levels` and `competencies`,
//!   written `mid, senior` so that they can be chosen from a list.
//! - **Drop-down lists (data validation) for every closed field**: `levels` (every
//!   combination, in order), `kind`, `status`, `topic` (the bank's topics) and, where the bank
//!   declares them, `competencies`; `minutes` accepts whole numbers from 1 to 60. A value
//!   typed outside the list is refused by Excel and LibreOffice as it is typed. The long lists
//!   live on a hidden sheet, `Lists`, since Excel limits a list written into the rule to 255
//!   characters.
//! - **Every text is stored as text** (a shared string), never as a formula: a question that
//!   starts with `=` is shown and read back exactly as written, with no `'` added.
//! - The same bank gives the same bytes: the creation date comes from the options.
//!
//! The importer (`qbank-import`) reads the sheet named [`QUESTIONS_SHEET`] back.

use qbank_core::{Kind, Level, Status};
use qbank_doc::table::{Cell, Column, Table};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::csv::{column_letter, EXCEL_CELL_LIMIT, ITEM_SEPARATOR};
use crate::Error;

/// The sheet that holds the questions.
pub const QUESTIONS_SHEET: &str = "Questions";
/// The hidden sheet that holds the values of the drop-down lists.
pub const LISTS_SHEET: &str = "Lists";

/// What the workbook needs besides the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XlsxOptions {
    /// The topic ids the `topic` drop-down offers, in the order of `topics.yaml`.
    pub topics: Vec<String>,
    /// The competency ids the `competencies` drop-down offers (empty: no list).
    pub competencies: Vec<String>,
    /// The workbook's creation time, in seconds since 1970 (`SOURCE_DATE_EPOCH`); none: 1980-01-01,
    /// the earliest date a ZIP entry holds, so that the bytes never depend on the clock.
    pub created: Option<i64>,
}

/// How many rows below the last question the drop-down lists still cover, for new rows.
const ROOM_FOR_NEW_ROWS: u32 = 1000;

/// The table as the bytes of an `.xlsx` workbook.
pub fn export_xlsx(table: &Table, options: &XlsxOptions) -> Result<Vec<u8>, Error> {
    write_workbook(table, options).map_err(|e| match e {
        WriteError::Cell(e) => e,
        WriteError::Xlsx(e) => Error::Write(e.to_string()),
    })
}

enum WriteError {
    Cell(Error),
    Xlsx(XlsxError),
}

impl From<XlsxError> for WriteError {
    fn from(e: XlsxError) -> WriteError {
        WriteError::Xlsx(e)
    }
}

/// Every combination of levels, in level order: `junior`, `junior, mid`, … `staff`.
pub fn level_combinations() -> Vec<String> {
    let levels = Level::ALL;
    let mut out = Vec::new();
    for mask in 1u32..(1 << levels.len()) {
        let names: Vec<&str> = levels
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, l)| l.as_str())
            .collect();
        out.push(names.join(", "));
    }
    // Fewer levels first, then in level order: the list reads like the levels themselves.
    out.sort_by_key(|s| {
        let n = s.split(", ").count();
        let rank: Vec<usize> = s
            .split(", ")
            .filter_map(|name| levels.iter().position(|l| l.as_str() == name))
            .collect();
        (n, rank)
    });
    out
}

/// Single competencies, then pairs in both orders (a question names its two in its own
/// order, and its cell must be one of the list's values).
fn competency_choices(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = ids.to_vec();
    for a in ids {
        for b in ids {
            if a != b {
                out.push(format!("{a}, {b}"));
            }
        }
    }
    out
}

/// Whether a list column is written `a, b` (so that a drop-down list can offer it) rather than
/// one item per line: levels and competencies.
fn comma_list(column: Column) -> bool {
    matches!(column, Column::Levels | Column::Competencies)
}

fn width(column: Column) -> f64 {
    match column {
        Column::Id => 30.0,
        Column::Title => 30.0,
        Column::Competencies => 26.0,
        Column::Expect => 50.0,
        Column::Anchor1 | Column::Anchor2 | Column::Anchor3 | Column::Anchor4 => 36.0,
        Column::LevelAnchors => 44.0,
        Column::Revision => 12.0,
        Column::Topic => 18.0,
        Column::Levels => 16.0,
        Column::Kind => 12.0,
        Column::Minutes => 9.0,
        Column::Text => 60.0,
        Column::FollowUps | Column::Strong => 50.0,
        Column::RedFlags => 42.0,
        Column::Tags => 18.0,
        Column::Status => 10.0,
        Column::SimilarTo => 36.0,
        Column::Reviewed => 12.0,
        // `source`, and a column with no width of its own.
        _ => 20.0,
    }
}

fn write_workbook(table: &Table, options: &XlsxOptions) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let created = match options.created {
        Some(secs) => ExcelDateTime::from_timestamp(secs)?,
        None => ExcelDateTime::from_ymd(1980, 1, 1)?,
    };
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Question bank")
            .set_creation_datetime(&created),
    );

    let header = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x1F_4E_79))
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border_bottom(FormatBorder::Medium);
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number = Format::new().set_align(FormatAlign::Top);

    let lists = ListColumns::new(options);
    let sheet = workbook.add_worksheet();
    sheet.set_name(QUESTIONS_SHEET)?;
    for (c, &column) in table.columns.iter().enumerate() {
        let c = col(c)?;
        sheet.set_column_width(c, width(column))?;
        sheet.write_string_with_format(0, c, column.name(), &header)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| too_many_rows())?;
        for (c, (cell, &column)) in row.cells.iter().zip(&table.columns).enumerate() {
            let c = col(c)?;
            let text = match cell {
                Cell::Text(t) => t.clone(),
                Cell::List(items) if comma_list(column) => items.join(", "),
                Cell::List(items) => {
                    if let Some(i) = items.iter().position(|i| i.contains(['\n', '\r'])) {
                        return Err(WriteError::Cell(Error::LineBreakInItem {
                            id: row.id.clone(),
                            column,
                            item: i + 1,
                        }));
                    }
                    items.join(ITEM_SEPARATOR)
                }
            };
            if text.is_empty() {
                continue;
            }
            let chars = text.encode_utf16().count();
            if chars > EXCEL_CELL_LIMIT {
                return Err(WriteError::Cell(Error::WorkbookCellTooLong {
                    id: row.id.clone(),
                    column,
                    chars,
                    limit: EXCEL_CELL_LIMIT,
                }));
            }
            match (column, text.parse::<u32>()) {
                (Column::Minutes, Ok(n)) => {
                    sheet.write_number_with_format(r, c, f64::from(n), &number)?;
                }
                _ => {
                    sheet.write_string_with_format(r, c, &text, &body)?;
                }
            }
        }
    }
    let last_row = u32::try_from(table.rows.len()).map_err(|_| too_many_rows())?;
    let last_col = col(table.columns.len().saturating_sub(1))?;
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, last_row.max(1), last_col)?;
    validations(sheet, table, &lists, last_row + ROOM_FOR_NEW_ROWS)?;

    let list_sheet = workbook.add_worksheet();
    list_sheet.set_name(LISTS_SHEET)?;
    for (c, (title, values)) in lists.columns.iter().enumerate() {
        let c = col(c)?;
        list_sheet.set_column_width(c, 24)?;
        list_sheet.write_string_with_format(0, c, *title, &header)?;
        for (r, v) in values.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| too_many_rows())?;
            list_sheet.write_string(r, c, v)?;
        }
    }
    list_sheet.set_hidden(true);
    Ok(workbook.save_to_buffer()?)
}

fn too_many_rows() -> XlsxError {
    XlsxError::RowColumnLimitError
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

/// The columns of the `Lists` sheet: a title and the values.
struct ListColumns {
    columns: Vec<(&'static str, Vec<String>)>,
}

impl ListColumns {
    fn new(options: &XlsxOptions) -> ListColumns {
        let mut columns = vec![
            ("levels", level_combinations()),
            ("topic", options.topics.clone()),
        ];
        if !options.competencies.is_empty() {
            columns.push(("competencies", competency_choices(&options.competencies)));
        }
        ListColumns { columns }
    }

    /// `=Lists!$A$2:$A$16` for the list titled `title`, if it has values.
    fn range(&self, title: &str) -> Option<String> {
        let (i, (_, values)) = self
            .columns
            .iter()
            .enumerate()
            .find(|(_, (t, _))| *t == title)?;
        if values.is_empty() {
            return None;
        }
        let letter = column_letter(i);
        Some(format!(
            "={LISTS_SHEET}!${letter}$2:${letter}${}",
            values.len() + 1
        ))
    }
}

fn validations(
    sheet: &mut Worksheet,
    table: &Table,
    lists: &ListColumns,
    last_row: u32,
) -> Result<(), XlsxError> {
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    for (c, &column) in table.columns.iter().enumerate() {
        let c = col(c)?;
        let (rule, message) = match column {
            Column::Kind => (
                DataValidation::new().allow_list_strings(&kinds)?,
                "Choose a kind from the list.",
            ),
            Column::Status => (
                DataValidation::new().allow_list_strings(&statuses)?,
                "Choose a status from the list.",
            ),
            Column::Levels => match lists.range("levels") {
                Some(range) => (
                    DataValidation::new().allow_list_formula(Formula::new(range)),
                    "Choose the levels from the list (several: \"mid, senior\").",
                ),
                None => continue,
            },
            Column::Topic => match lists.range("topic") {
                Some(range) => (
                    DataValidation::new().allow_list_formula(Formula::new(range)),
                    "Choose a topic of topics.yaml from the list.",
                ),
                None => continue,
            },
            Column::Minutes => (
                DataValidation::new().allow_whole_number(DataValidationRule::Between(1, 60)),
                "Minutes are a whole number from 1 to 60.",
            ),
            Column::Competencies => match lists.range("competencies") {
                Some(range) => (
                    DataValidation::new().allow_list_formula(Formula::new(range)),
                    "Choose one or two competencies from the list.",
                ),
                None => continue,
            },
            _ => continue,
        };
        let rule = rule
            .set_error_title(format!("Not a valid {}", column.name()))?
            .set_error_message(message)?;
        sheet.add_data_validation(1, c, last_row, c, &rule)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_combinations_read_like_levels() {
        let all = level_combinations();
        assert_eq!(all.len(), 15);
        assert_eq!(&all[..4], ["junior", "mid", "senior", "staff"]);
        assert_eq!(all[4], "junior, mid");
        assert_eq!(all[14], "junior, mid, senior, staff");
    }

    #[test]
    fn competency_choices_are_singles_then_pairs_both_ways() {
        let ids = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(
            competency_choices(&ids),
            ["a", "b", "c", "a, b", "a, c", "b, a", "b, c", "c, a", "c, b"]
        );
    }
}
