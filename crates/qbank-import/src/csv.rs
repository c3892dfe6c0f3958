//! Reading a CSV file back: the file [`qbank_export::csv`] writes, or one a spreadsheet saved
//! from it.

use qbank_doc::table::Column;
use qbank_export::csv::{restore, BOM};

use crate::sheet::{sheet_from_cells, RowError, Sheet};

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
    // Rows numbered as a spreadsheet shows them: one per record (a cell's line breaks stay in
    // its row), and one per blank line, which the reader skips. The reader's own line count
    // leaves both out, so a record's line is counted from its first character.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1u64);
    let mut line_at = |byte: u64| {
        // The reader's position is where it started reading, before the blank lines it skips.
        let mut byte = (byte as usize).min(bytes.len());
        byte += bytes[byte..]
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        if byte > counted_to {
            line += bytes[counted_to..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            counted_to = byte;
        }
        line
    };
    let breaks = |r: &csv::StringRecord| {
        r.iter()
            .map(|f| f.matches('\n').count() as u64)
            .sum::<u64>()
    };
    let mut last_line = header.position().map_or(1, |p| line_at(p.byte())) + breaks(&header);
    let mut last_row = 1;
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for record in records {
        let start = match &record {
            Ok(r) => r.position().map(|p| line_at(p.byte())),
            Err(e) => e.position().map(|p| line_at(p.byte())),
        };
        let blank = start.map_or(0, |line| line.saturating_sub(last_line + 1));
        let row = last_row + 1 + blank as usize;
        last_row = row;
        match record {
            Ok(r) => {
                last_line = start.unwrap_or(last_line + 1) + breaks(&r);
                rows.push((row, r.iter().map(str::to_owned).collect()));
            }
            Err(e) => {
                last_line = start.unwrap_or(last_line + 1);
                problems.push(RowError::at(row, None, format!("cannot read the row: {e}")));
            }
        }
    }
    let header: Vec<String> = header.iter().map(str::to_owned).collect();
    sheet_from_cells(&header, rows, problems, restore)
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
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        // Blank lines are rows; a cell's line breaks are not.
        let sheet = read_csv(b"id,text\na,\"one\ntwo\"\n\n\nb,x\r\n\r\nc,y\n").unwrap();
        let rows: Vec<usize> = sheet.rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, [2, 5, 7]);
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
