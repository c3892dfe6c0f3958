//! qbank's output formats, each a pure function from the bank or a document model to bytes,
//! and the way back from a spreadsheet into the bank.
//!
//! - [`csv::export_csv`]: a [`qbank_doc::Table`] as CSV for spreadsheets, formula injection
//!   neutralised; [`csv::read_csv`] reads such a file back.
//! - [`import::plan_import`]: what importing a CSV into a bank would create and change, checked
//!   row by row; applying the plan (writing the files) is the caller's job.
//! - [`json::export_json`]: the whole bank as one JSON document for other tools.
//! - [`markdown::export_markdown`]: the bank as a Markdown page.
//!
//! **Nothing here touches the file system or the clock**: the same input gives the same bytes.

pub mod csv;
pub mod import;
pub mod json;
pub mod markdown;

use std::fmt;

use qbank_doc::Column;

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// An item of a list holds a line break, which in a CSV cell separates items.
    LineBreakInItem {
        id: String,
        column: Column,
        /// 1-based.
        item: usize,
    },
    /// A cell is longer than a spreadsheet keeps.
    CellTooLong {
        id: String,
        column: Column,
        chars: usize,
        limit: usize,
    },
    /// The CSV or JSON writer failed.
    Write(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::LineBreakInItem { id, column, item } => write!(
                f,
                "question \"{id}\": item {item} of {column} holds a line break, and a CSV cell \
                 separates items with line breaks; put the item on one line"
            ),
            Error::CellTooLong {
                id,
                column,
                chars,
                limit,
            } => write!(
                f,
                "question \"{id}\": the {column} cell has {chars} characters, and Excel keeps \
                 only {limit} in a cell; export without --excel, or shorten it"
            ),
            Error::Write(e) => write!(f, "cannot write the export: {e}"),
        }
    }
}

impl std::error::Error for Error {}
