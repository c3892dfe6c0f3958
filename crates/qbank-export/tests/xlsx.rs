//! XLSX export: the same bytes twice, and cells longer than a workbook holds refused. Reading
//! the workbook back (and its hidden list sheet, with calamine) is tested in `qbank-import`.

use qbank_core::Question;
use qbank_doc::table::Column;
use qbank_doc::{build_table, in_topic_order};
use qbank_export::xlsx::{export_xlsx, XlsxOptions};
use qbank_export::Error;

mod fixtures;

#[test]
fn the_same_bank_gives_the_same_bytes() {
    let bank = fixtures::load("bank");
    assert_eq!(fixtures::xlsx(&bank), fixtures::xlsx(&bank));
    let table = build_table(&bank, in_topic_order(&bank), &Column::DEFAULT);
    let dated = |secs| {
        export_xlsx(
            &table,
            &XlsxOptions {
                created: Some(secs),
                ..fixtures::xlsx_options(&bank)
            },
        )
        .unwrap()
    };
    assert_eq!(dated(1_700_000_000), dated(1_700_000_000));
    assert_ne!(dated(1_700_000_000), dated(1_800_000_000));
}

#[test]
fn a_cell_longer_than_excel_holds_is_an_error() {
    let bank = fixtures::load("bank");
    let mut q: Question = bank.questions[0].clone();
    q.text = "x".repeat(40_000);
    let table = build_table(&bank, [&q], &Column::DEFAULT);
    let e = export_xlsx(&table, &XlsxOptions::default()).unwrap_err();
    assert!(
        matches!(e, Error::WorkbookCellTooLong { chars: 40_000, .. }),
        "{e}"
    );
}
