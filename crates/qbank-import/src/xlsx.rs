//! Reading an XLSX workbook back: the one [`qbank_export::xlsx`] writes, or one Excel or
//! LibreOffice saved from it.
//!
//! [`read_xlsx`] reads the first sheet named `Questions` (or else the first sheet) into the
//! same [`Sheet`] the CSV reader makes, through the same header and row checks, so the import
//! ([`crate::plan::plan_import`]) cannot tell the two apart: the same diagnostics at the same
//! rows and columns, the same all-or-nothing plan.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use qbank_doc::table::Column;
use qbank_export::xlsx::QUESTIONS_SHEET;

use crate::sheet::{sheet_from_cells, Place, RowError, Sheet};

/// Reads a workbook written by [`qbank_export::xlsx::export_xlsx`], or saved by Excel or LibreOffice from one
/// (or from a CSV), into a [`Sheet`]: the sheet `Questions`, or else the first one. Numbers
/// come back as they are shown (`6`, not `6.0`), dates as `YYYY-MM-DD`, and a cell holding an
/// error (`#N/A`) is reported at its row and column.
pub fn read_xlsx(bytes: &[u8]) -> Result<Sheet, Vec<RowError>> {
    let not_a_workbook = |e: &dyn std::fmt::Display| {
        vec![RowError::file(format!("cannot read the workbook: {e}"))
            .with_help("save it as an Excel workbook (.xlsx)")]
    };
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| not_a_workbook(&e))?;
    let names = workbook.sheet_names();
    let name = names
        .iter()
        .find(|n| n.as_str() == QUESTIONS_SHEET)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| vec![RowError::file("the workbook has no sheet")])?;
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| not_a_workbook(&e))?;
    let Some((first_row, first_col)) = range.start() else {
        return Err(vec![RowError::file(format!("sheet {name} is empty"))
            .with_help(format!(
                "a sheet to import starts with a header row such as {}",
                Column::DEFAULT.map(|c| c.name()).join(", ")
            ))]);
    };
    let (first_row, first_col) = (first_row as usize, first_col as usize);
    let mut problems = Vec::new();
    let mut rows_iter = range.rows();
    let mut header: Vec<String> = vec![String::new(); first_col];
    let header_row = first_row + 1;
    if let Some(cells) = rows_iter.next() {
        for (i, cell) in cells.iter().enumerate() {
            header.push(text(cell, header_row, first_col + i, &mut problems));
        }
    }
    if header_row != 1 {
        return Err(vec![RowError::at(
            header_row,
            None,
            "the header is not in row 1",
        )
        .with_help(
            "delete the rows above the header, so that row numbers stay those of the export",
        )]);
    }
    let mut rows = Vec::new();
    for (i, cells) in rows_iter.enumerate() {
        let row = header_row + 1 + i;
        let mut out: Vec<String> = vec![String::new(); first_col];
        for (j, cell) in cells.iter().enumerate() {
            out.push(text(cell, row, first_col + j, &mut problems));
        }
        rows.push((row, out));
    }
    // A formula is read as its last computed value, which is not what was typed: `=Why?`
    // typed in Excel is a formula, and its value an error or nothing. Refuse it at its place.
    if let Ok(formulas) = workbook.worksheet_formula(&name) {
        let (row0, col0) = formulas.start().unwrap_or((0, 0));
        for (i, cells) in formulas.rows().enumerate() {
            for (j, f) in cells.iter().enumerate() {
                if f.is_empty() {
                    continue;
                }
                let column = col0 as usize + j;
                let name = header.get(column).cloned().unwrap_or_default();
                problems.push(
                    RowError::at(
                        row0 as usize + i + 1,
                        Some(Place { index: column, name }),
                        format!("the cell holds the formula ={f}, not a text"),
                    )
                    .with_help("type the text with a ' in front (Excel and LibreOffice then keep it as text)"),
                );
            }
        }
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
        return Err(problems);
    }
    sheet_from_cells(&header, rows, Vec::new(), |s| s)
}

/// A cell as the text the import reads (formulas are refused before, in [`read_xlsx`]).
fn text(cell: &Data, row: usize, column: usize, problems: &mut Vec<RowError>) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => {
            // The day in the workbook's own date system: 1900's, or 1904's (a Mac workbook's,
            // whose day numbers are 1,462 days fewer).
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            problems.push(
                RowError::at(
                    row,
                    Some(Place {
                        index: column,
                        name: String::new(),
                    }),
                    format!("the cell holds the error {e}"),
                )
                .with_help("type the value itself, not a formula"),
            );
            String::new()
        }
    }
}
