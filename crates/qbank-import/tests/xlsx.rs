//! XLSX import: the workbook read back cell for cell (its hidden list sheet too), texts that
//! look like formulas kept as text, and bad workbooks reported at their row and column through
//! the same checks as the CSV import.

use qbank_core::Topic;
use qbank_doc::table::{Cell, Column};
use qbank_doc::{build_table, in_topic_order};
use qbank_export::xlsx::export_xlsx;
use qbank_import::plan::plan_import;
use qbank_import::xlsx::read_xlsx;
use rust_xlsxwriter::Workbook;

#[path = "../../qbank-export/tests/fixtures/mod.rs"]
mod fixtures;
mod support;

use support::shown;

/// A workbook with one sheet holding `rows` as strings, as a user's edit would leave it.
fn workbook(rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Questions").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn every_cell_reads_back_as_exported() {
    let bank = fixtures::load("bank");
    let table = build_table(&bank, in_topic_order(&bank), &Column::ALL);
    let bytes = export_xlsx(&table, &fixtures::xlsx_options(&bank)).unwrap();
    let sheet = read_xlsx(&bytes).unwrap_or_else(|e| panic!("{}", shown(&e)));
    assert_eq!(sheet.columns, table.columns);
    assert_eq!(sheet.rows.len(), table.rows.len());
    for (got, want) in sheet.rows.iter().zip(&table.rows) {
        for ((cell, expected), column) in got.cells.iter().zip(&want.cells).zip(&table.columns) {
            let expected = match expected {
                Cell::Text(t) => t.clone(),
                Cell::List(items) if matches!(column, Column::Levels | Column::Competencies) => {
                    items.join(", ")
                }
                Cell::List(items) => items.join("\n"),
            };
            assert_eq!(cell, &expected, "{} {column}", want.id);
        }
    }
    // Formula-looking texts of the fixture come back exactly, with no ' added.
    let texts: Vec<&str> = sheet
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(String::as_str))
        .collect();
    assert!(
        texts.iter().any(|t| t.starts_with('=')),
        "the fixture has a text starting with ="
    );
}

#[test]
fn export_then_import_into_the_same_bank_changes_nothing() {
    let bank = fixtures::load("bank");
    let sheet = read_xlsx(&fixtures::xlsx(&bank)).unwrap();
    let plan = plan_import(&bank, &sheet).unwrap_or_else(|e| panic!("{}", shown(&e)));
    assert!(plan.is_empty(), "{plan:#?}");
    assert_eq!(plan.unchanged, bank.questions.len());
}

#[test]
fn an_edited_cell_changes_that_field_only() {
    let bank = fixtures::load("bank");
    let sheet = read_xlsx(&fixtures::xlsx(&bank)).unwrap();
    let header: Vec<&str> = sheet.columns.iter().map(|c| c.name()).collect();
    let mut rows: Vec<Vec<String>> = sheet.rows.iter().map(|r| r.cells.clone()).collect();
    let levels = sheet
        .columns
        .iter()
        .position(|&c| c == Column::Levels)
        .unwrap();
    let id = rows[0][0].clone();
    rows[0][levels] = "senior, staff".into();
    let mut all: Vec<Vec<&str>> = vec![header];
    all.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
    let refs: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
    let sheet = read_xlsx(&workbook(&refs)).unwrap();
    let plan = plan_import(&bank, &sheet).unwrap_or_else(|e| panic!("{}", shown(&e)));
    assert_eq!(plan.updates.len(), 1, "{plan:#?}");
    assert_eq!(plan.updates[0].id, id);
    assert_eq!(plan.updates[0].fields, ["levels"]);
    assert!(plan.updates[0].new.contains("levels: [senior, staff]"));
}

#[test]
fn bad_cells_are_reported_at_their_row_and_column() {
    let bank = fixtures::load("bank");
    let bytes = workbook(&[
        &["id", "topic", "levels", "kind", "text", "statuss"],
        &[
            "a-new-one",
            "deployment",
            "seniour",
            "concept",
            "What is a canary?",
            "",
        ],
    ]);
    let errors = read_xlsx(&bytes)
        .and_then(|s| plan_import(&bank, &s))
        .unwrap_err();
    insta::assert_snapshot!(shown(&errors), @r#"
    row 1, column F (statuss): unknown column "statuss"
      help: did you mean "status"? the columns are id, title, topic, levels, kind, competencies, minutes, text, follow_ups, expect, anchor_1, anchor_2, anchor_3, anchor_4, level_anchors, strong, red_flags, tags, status, source, similar_to, reviewed, revision
    "#);
    let bytes = workbook(&[
        &["id", "topic", "levels", "kind", "text"],
        &[
            "a-new-one",
            "deployment",
            "seniour",
            "concept",
            "What is a canary?",
        ],
    ]);
    let errors = read_xlsx(&bytes)
        .and_then(|s| plan_import(&bank, &s))
        .unwrap_err();
    insta::assert_snapshot!(shown(&errors), @r#"
    row 2, column C (levels): "seniour" is not a level
      help: did you mean "senior"?
    "#);
}

#[test]
fn not_a_workbook_and_misplaced_header_are_refused() {
    let errors = read_xlsx(b"id,text\n").unwrap_err();
    assert!(
        shown(&errors).starts_with("cannot read the workbook: "),
        "{}",
        shown(&errors)
    );
    let bytes = workbook(&[&[], &["id", "text"], &["a", "b?"]]);
    insta::assert_snapshot!(shown(&read_xlsx(&bytes).unwrap_err()), @r"
    row 2: the header is not in row 1
      help: delete the rows above the header, so that row numbers stay those of the export
    ");
    let empty = workbook(&[]);
    assert!(shown(&read_xlsx(&empty).unwrap_err()).starts_with("sheet Questions is empty"));
}

#[test]
fn a_formula_is_refused_at_its_place() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Questions").unwrap();
    for (c, name) in ["id", "topic", "text"].iter().enumerate() {
        ws.write_string(0, c as u16, *name).unwrap();
    }
    ws.write_string(1, 0, "q").unwrap();
    ws.write_string(1, 1, "deployment").unwrap();
    ws.write_formula(1, 2, "=HYPERLINK(\"http://x\", \"Why?\")")
        .unwrap();
    let errors = read_xlsx(&wb.save_to_buffer().unwrap()).unwrap_err();
    insta::assert_snapshot!(shown(&errors), @r#"
    row 2, column C (text): the cell holds the formula =HYPERLINK("http://x", "Why?"), not a text
      help: type the text with a ' in front (Excel and LibreOffice then keep it as text)
    "#);
}

#[test]
fn numbers_and_dates_typed_in_a_spreadsheet_read_as_text() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, name) in ["id", "minutes", "reviewed"].iter().enumerate() {
        ws.write_string(0, c as u16, *name).unwrap();
    }
    ws.write_string(1, 0, "q").unwrap();
    ws.write_number(1, 1, 6.0).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 1).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 2, &date, &format).unwrap();
    let sheet = read_xlsx(&wb.save_to_buffer().unwrap()).unwrap();
    assert_eq!(sheet.rows[0].cells, ["q", "6", "2026-03-01"]);
}

/// `xlsx` with its workbook set to the 1904 date system (a Mac workbook's): the same day
/// numbers then mean days 1,462 later.
fn in_the_1904_date_system(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name == "xl/workbook.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            assert!(xml.contains("<workbookPr"), "{xml}");
            bytes = xml
                .replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn dates_read_in_the_workbooks_date_system() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "id").unwrap();
    ws.write_string(0, 1, "reviewed").unwrap();
    ws.write_string(1, 0, "q").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 1).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 1, &date, &format).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    assert_eq!(
        read_xlsx(&bytes).unwrap().rows[0].cells,
        ["q", "2026-03-01"]
    );
    // The same day number in a 1904 workbook is 1,462 days later, as a spreadsheet shows it.
    let mac = in_the_1904_date_system(&bytes);
    assert_eq!(read_xlsx(&mac).unwrap().rows[0].cells, ["q", "2030-03-02"]);
}

#[test]
fn topics_feed_the_topic_list() {
    let mut bank = fixtures::load("bank");
    bank.topics.push(Topic {
        id: "extra".into(),
        title: "Extra".into(),
        description: String::new(),
        coverage: Default::default(),
        synonyms: Vec::new(),
        index: 9,
    });
    // The hidden list sheet holds every topic, in order, and the 15 level combinations.
    use calamine::Reader;
    let bytes = fixtures::xlsx(&bank);
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let lists = wb.worksheet_range("Lists").unwrap();
    let column = |c: usize| -> Vec<String> {
        lists
            .rows()
            .map(|r| r[c].to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let mut topics = vec!["topic".to_owned()];
    topics.extend(bank.topics.iter().map(|t| t.id.clone()));
    assert_eq!(column(1), topics);
    assert_eq!(column(0).len(), 16);
}
