//! CSV for spreadsheets.
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
//! This module is where the format is defined: the importer (`qbank-import`) reads the file
//! back with [`restore`], [`BOM`] and [`ITEM_SEPARATOR`] from here.
//!
//! ```
//! use qbank_export::csv::{neutralise, restore};
//! for text in ["=1+1", "'=1+1", "-5", "'plain", "plain"] {
//!     assert_eq!(restore(&neutralise(text)), text);
//! }
//! assert_eq!(neutralise("=1+1"), "'=1+1");
//! ```

use std::borrow::Cow;

use qbank_doc::table::{Cell, Table};

use crate::Error;

/// How to write the CSV.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Byte-order mark and CRLF row ends, for Excel; cells longer than Excel keeps are an error.
    pub excel: bool,
}

/// The most characters (UTF-16 units) an Excel cell holds.
pub const EXCEL_CELL_LIMIT: usize = 32_767;

/// The UTF-8 byte-order mark an Excel CSV starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What separates the items of a list that share one cell: a line break.
pub const ITEM_SEPARATOR: &str = "\n";

/// Characters that make a spreadsheet read a cell as a formula when they start it.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The table as CSV bytes.
pub fn export_csv(table: &Table, options: &CsvOptions) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    if options.excel {
        out.extend_from_slice(BOM);
    }
    let terminator: &[u8] = if options.excel { b"\r\n" } else { b"\n" };
    write_record(&mut out, table.columns.iter().map(|c| c.name()), terminator);
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
                    Cow::Owned(items.join(ITEM_SEPARATOR))
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
        write_record(&mut out, record.iter().map(String::as_str), terminator);
    }
    Ok(out)
}

/// One row of RFC 4180 CSV: a cell in double quotes when it holds a comma, a quote or a line
/// break, or when a spreadsheet would read it as a number, a date or a truth value and so
/// change it (`00123` → 123, `1e5` → 100000, `2026-01-02` → a date). A spreadsheet told to read
/// quoted cells as text (LibreOffice's "Format quoted field as text") keeps those as written.
fn write_record<'a>(out: &mut Vec<u8>, cells: impl Iterator<Item = &'a str>, terminator: &[u8]) {
    let start = out.len();
    let mut count = 0;
    for (i, cell) in cells.enumerate() {
        count += 1;
        if i > 0 {
            out.push(b',');
        }
        if cell.contains([',', '"', '\n', '\r']) || reads_as_a_value(cell) {
            out.push(b'"');
            out.extend_from_slice(cell.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(cell.as_bytes());
        }
    }
    // A row of one empty cell is written `""`: an empty line is no row to a reader.
    if count == 1 && out.len() == start {
        out.extend_from_slice(b"\"\"");
    }
    out.extend_from_slice(terminator);
}

/// Whether a spreadsheet would read `cell` as something other than its text: a digit, a sign
/// or a point first, then digits with signs, separators, an exponent or a percent sign (a number, a date, a time, a fraction),
/// or a truth value. A whole number as a spreadsheet writes it back (no leading zero, at most
/// 15 digits) reads back the same, and is left as it is.
pub fn reads_as_a_value(cell: &str) -> bool {
    let t = cell.trim();
    if t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") {
        return true;
    }
    let numeric = t.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c))
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || " .,:/-+eE%".contains(c));
    let plain_whole = t == cell
        && t.len() <= 15
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t == "0" || !t.starts_with('0'));
    numeric && !plain_whole
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

#[cfg(test)]
mod tests {
    use super::*;
    use qbank_doc::table::Column;
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
}
