//! CSV for spreadsheets, and reading it back.
//!
//! The file is RFC 4180 CSV in UTF-8: a header row of column names ([`qbank_doc::table::Column`]),
//! then one row per question. A list shares one cell, one item per line (`\n`). With
//! [`CsvOptions::excel`] the file starts with a UTF-8 byte-order mark and rows end with CRLF,
//! which is what Excel needs to read UTF-8; line breaks inside cells stay LF, as Excel writes
//! them itself.
//!
//! **Formula injection.** A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a
//! formula (and some also after a tab or carriage return), so a question text such as
//! `=HYPERLINK("http://evil", "click")` would become a live link. Such a cell is written with
//! one `'` in front, the convention OWASP recommends and spreadsheets show as text. To make the
//! way back exact, a cell made of `'`s followed by one of those characters gets one more `'`,
//! and reading removes exactly one `'` from a cell of that shape ([`neutralise`],
//! [`restore`]): `=1` ↔ `'=1`, `'=1` ↔ `''=1`, while `'quoted'` stays as it is both ways.
//!
//! ```
//! use qbank_export::csv::{neutralise, restore};
//! for text in ["=1+1", "'=1+1", "-5", "'plain", "plain"] {
//!     assert_eq!(restore(&neutralise(text)), text);
//! }
//! assert_eq!(neutralise("=1+1"), "'=1+1");
//! ```

use std::borrow::Cow;
use std::fmt;

use qbank_doc::table::{Cell, Column, Table};

use crate::Error;

/// How to write the CSV.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Byte-order mark and CRLF row ends, for Excel; cells longer than Excel keeps are an error.
    pub excel: bool,
}

/// The most characters (UTF-16 units) an Excel cell holds.
pub const EXCEL_CELL_LIMIT: usize = 32_767;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Characters that make a spreadsheet read a cell as a formula when they start it.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The table as CSV bytes.
pub fn export_csv(table: &Table, options: &CsvOptions) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    if options.excel {
        out.extend_from_slice(BOM);
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(if options.excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(&mut out);
    let write_err = |e: csv::Error| Error::Write(e.to_string());
    writer
        .write_record(table.columns.iter().map(|c| c.name()))
        .map_err(write_err)?;
    let mut record: Vec<String> = Vec::with_capacity(table.columns.len());
    for row in &table.rows {
        record.clear();
        for (cell, &column) in row.cells.iter().zip(&table.columns) {
            let text: Cow<str> = match cell {
                Cell::Text(t) => Cow::Borrowed(t),
                Cell::List(items) => {
                    if let Some(i) = items.iter().position(|i| i.contains(['\n', '\r'])) {
                        return Err(Error::LineBreakInItem {
                            id: row.id.clone(),
                            column,
                            item: i + 1,
                        });
                    }
                    Cow::Owned(items.join("\n"))
                }
            };
            let text = neutralise(&text);
            if options.excel {
                let chars = text.encode_utf16().count();
                if chars > EXCEL_CELL_LIMIT {
                    return Err(Error::CellTooLong {
                        id: row.id.clone(),
                        column,
                        chars,
                        limit: EXCEL_CELL_LIMIT,
                    });
                }
            }
            record.push(text.into_owned());
        }
        writer.write_record(&record).map_err(write_err)?;
    }
    writer.flush().map_err(|e| Error::Write(e.to_string()))?;
    drop(writer);
    Ok(out)
}

/// The cell as written: with a `'` in front when a spreadsheet would otherwise run it as a
/// formula, or when it is already such a cell with `'`s in front.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.trim_start_matches('\'').starts_with(FORMULA_START) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before [`neutralise`]: one `'` fewer when it is `'`s followed by a
/// character that starts a formula.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// A CSV file read for import: its columns and its rows of cells, formula neutralisation
/// undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The columns in the order of the header.
    pub columns: Vec<Column>,
    /// The spreadsheet column (0-based) of each of `columns`.
    pub positions: Vec<usize>,
    /// The rows with at least one non-empty cell, except those in `problems`.
    pub rows: Vec<SheetRow>,
    /// Rows that could not be read (a cell too many or too few, a cell in a column without a
    /// name): [`crate::import::plan_import`] reports them with its own findings.
    pub problems: Vec<RowError>,
}

/// One row of a [`Sheet`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// The row number a spreadsheet shows: the header is row 1.
    pub row: usize,
    /// One cell per column of the sheet.
    pub cells: Vec<String>,
}

impl Sheet {
    /// The cell of `column` in `row`, if the sheet has that column.
    pub fn cell<'r>(&self, row: &'r SheetRow, column: Column) -> Option<&'r str> {
        let i = self.columns.iter().position(|&c| c == column)?;
        Some(row.cells[i].as_str())
    }

    /// Where `column` is, for messages: its letter and name.
    pub fn place(&self, column: Column) -> Option<Place> {
        let i = self.columns.iter().position(|&c| c == column)?;
        Some(Place {
            index: self.positions[i],
            name: column.name().to_owned(),
        })
    }
}

/// A column of the file as a spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// 0-based.
    pub index: usize,
    /// The header text.
    pub name: String,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.is_empty() {
            write!(f, "column {}", column_letter(self.index))
        } else {
            write!(f, "column {} ({})", column_letter(self.index), self.name)
        }
    }
}

/// The spreadsheet letter of 0-based column `index`: A … Z, AA, AB …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A problem with the CSV file, at a row and column when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row as a spreadsheet numbers it (the header is 1); `None` for the file as a whole.
    pub row: Option<usize>,
    pub column: Option<Place>,
    /// What is wrong: lowercase, no trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl RowError {
    pub fn file(message: impl Into<String>) -> RowError {
        RowError {
            row: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(row: usize, column: Option<Place>, message: impl Into<String>) -> RowError {
        RowError {
            row: Some(row),
            column,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> RowError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "row {r}, {c}: ")?,
            (Some(r), None) => write!(f, "row {r}: ")?,
            (None, Some(c)) => write!(f, "{c}: ")?,
            (None, None) => {}
        }
        f.write_str(&self.message)
    }
}

/// Reads CSV bytes: UTF-8 with or without a byte-order mark, rows ending in LF or CRLF, cells
/// separated by commas (or semicolons or tabs, as Excel writes in some locales: the header row
/// decides). Every problem is returned, not just the first.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, Vec<RowError>> {
    let text = decode(bytes).map_err(|e| vec![e])?;
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .find(|&d| header_line.as_bytes().contains(&d))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    let mut problems = Vec::new();
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![RowError::file(format!("cannot read the header: {e}"))]),
        None => {
            return Err(vec![RowError::file("file is empty").with_help(format!(
                "a CSV to import starts with a header row such as {}",
                Column::DEFAULT.map(|c| c.name()).join(",")
            ))])
        }
    };
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, record) in records.enumerate() {
        let row = i + 2;
        match record {
            Ok(r) => rows.push((row, r.iter().map(str::to_owned).collect())),
            Err(e) => problems.push(RowError::at(row, None, format!("cannot read the row: {e}"))),
        }
    }
    let header: Vec<String> = header.iter().map(str::to_owned).collect();
    sheet_from_cells(&header, rows, problems, restore)
}

/// The part of reading a spreadsheet that does not depend on its file format: the header row
/// (`header`, spreadsheet column A first) and the rows below it (each with the row number a
/// spreadsheet shows, and its cells from column A), checked the same way for CSV and XLSX.
/// `problems` are the rows the format could not read; `unescape` undoes what the writer did to a
/// cell ([`restore`] for CSV).
pub(crate) fn sheet_from_cells(
    header: &[String],
    rows: Vec<(usize, Vec<String>)>,
    mut problems: Vec<RowError>,
    unescape: fn(&str) -> &str,
) -> Result<Sheet, Vec<RowError>> {
    let mut errors = Vec::new();
    // The header: known names, each once; an unnamed column is allowed only when it is empty.
    let mut columns = Vec::new();
    let mut positions = Vec::new();
    let known: Vec<String> = Column::ALL.iter().map(|c| c.name().to_owned()).collect();
    let mut unnamed = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let place = Place {
            index: i,
            name: name.to_owned(),
        };
        if name.trim().is_empty() {
            unnamed.push(i);
            continue;
        }
        match Column::parse(name) {
            Some(c) if columns.contains(&c) => errors.push(
                RowError::at(1, Some(place), format!("column {c} appears twice"))
                    .with_help("keep one of them"),
            ),
            Some(c) => {
                columns.push(c);
                positions.push(i);
            }
            None => {
                let hint = qbank_core::closest(&name.trim().to_lowercase(), &known)
                    .map(|c| format!("did you mean \"{c}\"? "))
                    .unwrap_or_default();
                errors.push(
                    RowError::at(1, Some(place), format!("unknown column \"{name}\""))
                        .with_help(format!("{hint}the columns are {}", known.join(", "))),
                );
            }
        }
    }
    if !columns.contains(&Column::Id) && errors.is_empty() {
        errors.push(
            RowError::at(1, None, "the header has no id column")
                .with_help("every row needs the id of the question it creates or updates"),
        );
    }
    if !errors.is_empty() {
        // Without a header to go by, the rows cannot be checked.
        errors.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
        return Err(errors);
    }

    let width = header.len();
    let mut sheet_rows = Vec::new();
    for (row, record) in rows {
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != width {
            let extra_empty =
                record.len() > width && record.iter().skip(width).all(|c| c.is_empty());
            if !extra_empty {
                let help = if record.len() < width {
                    "a cell is missing; check for a quote that is opened and not closed"
                } else {
                    "a cell holds an unquoted comma; put the cell in double quotes"
                };
                problems.push(
                    RowError::at(
                        row,
                        None,
                        format!(
                            "the row has {} cells, and the header has {width}",
                            record.len()
                        ),
                    )
                    .with_help(help),
                );
                continue;
            }
        }
        unnamed.retain(|&i| {
            if record.get(i).is_some_and(|c| !c.is_empty()) {
                let place = Place {
                    index: i,
                    name: String::new(),
                };
                problems.push(
                    RowError::at(row, Some(place), "this cell is in a column without a name")
                        .with_help("name the column in row 1, or delete the column"),
                );
                false
            } else {
                true
            }
        });
        let cells = positions
            .iter()
            .map(|&i| unescape(record.get(i).map_or("", String::as_str)).to_owned())
            .collect();
        sheet_rows.push(SheetRow { row, cells });
    }
    Ok(Sheet {
        columns,
        positions,
        rows: sheet_rows,
        problems,
    })
}

/// The text of the file: UTF-8 with an optional byte-order mark, anything else refused with
/// the place of the first bad byte.
fn decode(bytes: &[u8]) -> Result<&str, RowError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(RowError::file("file is UTF-16 text, not UTF-8").with_help(
            "save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or as Text CSV with the \
             UTF-8 character set in LibreOffice",
        ));
    }
    let (body, skipped) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    std::str::from_utf8(body).map_err(|e| {
        let valid = &body[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = std::str::from_utf8(&valid[line_start..]).map_or(0, |s| s.chars().count()) + 1;
        let byte = body[e.valid_up_to()];
        RowError::file(format!(
            "file is not UTF-8: byte {byte:#04X} at line {line}, column {column} (offset {}) \
             is not valid UTF-8",
            e.valid_up_to() + skipped
        ))
        .with_help(
            "save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or as Text CSV with the \
             UTF-8 character set in LibreOffice",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbank_doc::Row;

    #[test]
    fn neutralise_and_restore_are_exact_inverses() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-x", "'-x"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=1", "''=1"),
            ("''-", "'''-"),
            ("'quoted'", "'quoted'"),
            ("'", "'"),
            ("''", "''"),
            ("a=b", "a=b"),
            (" =1", " =1"),
            ("", ""),
        ];
        for (text, written) in cases {
            assert_eq!(neutralise(text), written, "{text:?}");
            assert_eq!(restore(written), text, "{written:?}");
        }
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(3), "D");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    fn table(cells: Vec<Cell>) -> Table {
        Table {
            columns: vec![Column::Id, Column::FollowUps],
            rows: vec![Row {
                id: "q".into(),
                cells,
            }],
        }
    }

    #[test]
    fn item_with_a_line_break_is_refused() {
        let t = table(vec![
            Cell::Text("q".into()),
            Cell::List(vec!["one".into(), "two\nlines".into()]),
        ]);
        let e = export_csv(&t, &CsvOptions::default()).unwrap_err();
        assert_eq!(
            e,
            Error::LineBreakInItem {
                id: "q".into(),
                column: Column::FollowUps,
                item: 2
            }
        );
    }

    #[test]
    fn excel_refuses_cells_it_would_cut() {
        let long = "x".repeat(EXCEL_CELL_LIMIT + 1);
        let t = table(vec![Cell::Text("q".into()), Cell::List(vec![long])]);
        assert!(export_csv(&t, &CsvOptions::default()).is_ok());
        assert!(matches!(
            export_csv(&t, &CsvOptions { excel: true }),
            Err(Error::CellTooLong { chars: 32_768, .. })
        ));
    }

    #[test]
    fn excel_flavour_has_bom_and_crlf_but_lf_in_cells() {
        let t = table(vec![
            Cell::Text("q".into()),
            Cell::List(vec!["a".into(), "b".into()]),
        ]);
        let bytes = export_csv(&t, &CsvOptions { excel: true }).unwrap();
        assert_eq!(bytes, b"\xEF\xBB\xBFid,follow_ups\r\nq,\"a\nb\"\r\n");
        let plain = export_csv(&t, &CsvOptions::default()).unwrap();
        assert_eq!(plain, b"id,follow_ups\nq,\"a\nb\"\n");
    }

    fn errors(bytes: &[u8]) -> Vec<String> {
        let errors = match read_csv(bytes) {
            Ok(sheet) => sheet.problems,
            Err(errors) => errors,
        };
        errors
            .iter()
            .map(|e| match &e.help {
                Some(h) => format!("{e} (help: {h})"),
                None => e.to_string(),
            })
            .collect()
    }

    #[test]
    fn reads_bom_crlf_semicolons_and_restores_cells() {
        let sheet = read_csv(b"\xEF\xBB\xBFid;Text\r\na;'=1+1\r\n;\r\nb;\"x\r\ny\"\r\n").unwrap();
        assert_eq!(sheet.columns, [Column::Id, Column::Text]);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].cells, ["a", "=1+1"]);
        assert_eq!(sheet.rows[1].row, 4);
        assert_eq!(sheet.rows[1].cells, ["b", "x\r\ny"]);
    }

    #[test]
    fn bad_headers_are_all_reported() {
        let columns = "the columns are id, title, topic, levels, kind, competencies, minutes, \
                       text, follow_ups, expect, anchor_1, anchor_2, anchor_3, anchor_4, \
                       level_anchors, strong, red_flags, tags, status, source, similar_to, \
                       reviewed, revision";
        assert_eq!(
            errors(b"id,folow_ups,text,text,,zzz\na,b,c,d,,\n"),
            [
                format!("row 1, column B (folow_ups): unknown column \"folow_ups\" (help: did you mean \"follow_ups\"? {columns})"),
                "row 1, column D (text): column text appears twice (help: keep one of them)".into(),
                format!("row 1, column F (zzz): unknown column \"zzz\" (help: {columns})"),
            ]
        );
    }

    #[test]
    fn bad_rows_are_all_reported() {
        assert_eq!(
            errors(b"id,text,\na,b,\na,b\na,b,c,d\na,b,note\na,b,again\n"),
            [
                "row 3: the row has 2 cells, and the header has 3 (help: a cell is missing; check for a quote that is opened and not closed)",
                "row 4: the row has 4 cells, and the header has 3 (help: a cell holds an unquoted comma; put the cell in double quotes)",
                "row 5, column C: this cell is in a column without a name (help: name the column in row 1, or delete the column)",
            ]
        );
    }

    #[test]
    fn missing_id_column() {
        assert_eq!(
            errors(b"text,topic\nWhy?,t\n"),
            ["row 1: the header has no id column (help: every row needs the id of the question it creates or updates)"]
        );
    }

    #[test]
    fn encodings_are_checked() {
        assert_eq!(
            errors(b"id,text\nq,caf\xE9\n"),
            ["file is not UTF-8: byte 0xE9 at line 2, column 6 (offset 13) is not valid UTF-8 (help: save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or as Text CSV with the UTF-8 character set in LibreOffice)"]
        );
        assert_eq!(
            errors(b"\xFF\xFEi\0d\0")[0],
            "file is UTF-16 text, not UTF-8 (help: save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or as Text CSV with the UTF-8 character set in LibreOffice)"
        );
        assert!(errors(b"")[0].starts_with("file is empty"));
    }

    #[test]
    fn trailing_empty_cells_from_spreadsheets_are_fine() {
        let sheet = read_csv(b"id,text\na,b,,\n,,,\n").unwrap();
        assert_eq!(sheet.rows.len(), 1);
    }
}
