//! CSV export: the text written, for Excel and for any other spreadsheet. Reading it back is
//! tested in `qbank-import`.

use qbank_doc::{in_topic_order, table::Column};

mod fixtures;

#[test]
fn csv_text() {
    let bank = fixtures::load("bank");
    let all = Column::all_for(in_topic_order(&bank));
    let csv = String::from_utf8(fixtures::csv(&bank, &all, false)).unwrap();
    insta::assert_snapshot!("csv_all_columns", csv);
}

#[test]
fn csv_text_default_columns() {
    let bank = fixtures::load("bank");
    let csv = String::from_utf8(fixtures::csv(&bank, &Column::DEFAULT, false)).unwrap();
    assert!(csv.starts_with(
        "id,topic,levels,kind,minutes,text,follow_ups,strong,red_flags,tags,status,source,revision\n"
    ));
}

#[test]
fn excel_csv_is_the_same_cells_with_bom_and_crlf() {
    let bank = fixtures::load("bank");
    let plain = fixtures::csv(&bank, &Column::ALL, false);
    let excel = fixtures::csv(&bank, &Column::ALL, true);
    assert!(excel.starts_with(b"\xEF\xBB\xBFid,title,topic,"));
    let cells = |bytes: &[u8]| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    };
    assert_eq!(cells(&plain), cells(&excel));
    // One CRLF per record, none inside cells.
    let records = bank.questions.len() + 1;
    assert_eq!(excel.windows(2).filter(|w| w == b"\r\n").count(), records);
    assert_eq!(plain.windows(2).filter(|w| w == b"\r\n").count(), 0);
}

#[test]
fn no_cell_starts_like_a_formula() {
    let bank = fixtures::load("bank");
    let bytes = fixtures::csv(&bank, &Column::ALL, true);
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let mut neutralised = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
            neutralised += usize::from(cell.starts_with('\''));
        }
    }
    // The fixture's formula-like text, source, follow-ups, rubric, plus the hand-quoted ones.
    assert!(neutralised >= 4, "{neutralised}");
}

#[test]
fn structured_fields_have_their_columns() {
    let bank = fixtures::load("structured");
    let columns = Column::defaults_for(in_topic_order(&bank));
    let csv = String::from_utf8(fixtures::csv(&bank, &columns, false)).unwrap();
    insta::assert_snapshot!("structured_default_columns", csv);
}

/// Cells a spreadsheet would read as a number, a date or a truth value are quoted, so that a
/// spreadsheet told to read quoted cells as text keeps them as written; whole numbers as a
/// spreadsheet writes them back are not.
#[test]
fn cells_that_read_as_values_are_quoted() {
    use qbank_export::csv::reads_as_a_value;
    for cell in [
        "00123",
        "1e5",
        "1E5",
        "2026-01-02",
        "1/2",
        "12:30",
        "3.14",
        "-5",
        "+1",
        "50%",
        "TRUE",
        "false",
        "1,000",
        "0747833874",
        "1234567890123456",
        " 5",
    ] {
        assert!(reads_as_a_value(cell), "{cell}");
    }
    for cell in [
        "5",
        "0",
        "123",
        "e5377693e0",
        "canary-release",
        "seed #3",
        "GPT-4",
        "",
    ] {
        assert!(!reads_as_a_value(cell), "{cell}");
    }
}

/// A row of one empty cell is a row: written `""`, since readers skip an empty line.
#[test]
fn a_row_of_one_empty_cell_is_written_as_a_row() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank");
    let (bank, _) = qbank_core::load_bank(&root).unwrap();
    let table = qbank_doc::build_table(
        &bank,
        qbank_doc::in_topic_order(&bank),
        &[qbank_doc::table::Column::Reviewed],
    );
    let bytes = qbank_export::csv::export_csv(&table, &Default::default()).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), table.rows.len(), "{text}");
    assert!(rows.contains(&"\"\""), "{text}");
}
