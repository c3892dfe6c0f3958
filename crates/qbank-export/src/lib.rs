//! qbank's exporters: pure functions from a document model to the bytes of a file. Reading a
//! spreadsheet back into the bank is `qbank-import`'s.
//!
//! - [`pdf::export_pdf`]: a printed kit.
//! - [`csv::export_csv`]: a [`qbank_doc::Table`] as CSV for spreadsheets, formula injection
//!   neutralised.
//! - [`json::export_json`]: the whole bank as one JSON document for other tools.
//! - [`markdown::export_markdown`]: the bank as a Markdown page.
//! - [`html::export_html`]: the bank as one self-contained web page to browse, filter and
//!   search (inline CSS and script, no request ever leaves it).
//! - [`xlsx::export_xlsx`]: the [`qbank_doc::Table`] as an Excel workbook (drop-down lists for
//!   the closed fields, frozen header, texts stored as text).
//!
//! [`pdf::export_pdf`] lays a [`qbank_doc::Document`] out on A4 or US Letter pages and returns
//! the PDF; [`docx::export_docx`] writes the same document as a Word file made of styles, to
//! edit before printing. Exporters never touch the filesystem or the clock: everything that varies (the
//! date, the paper) comes in through the document and the options, so the same input gives
//! byte-identical output, in one process or across runs. Writing the bytes to a file, and
//! doing it atomically, is the caller's job.
//!
//! The PDF is set in DejaVu Sans (regular and bold, shipped in `fonts/` with its licence and
//! embedded as subsets of the glyphs used). Lines are broken by the real glyph advances;
//! words longer than a line are broken, at a `/`, `-` or `.` when there is one; a question is
//! never split from its heading or across pages unless it is taller than a page. Characters
//! the font lacks are printed as `�` and reported, never left blank.
//!
//! ```
//! use qbank_doc::{Block, Document, Meta, ParagraphStyle, Run, Running};
//! use qbank_export::pdf::{export_pdf, PdfOptions};
//!
//! let doc = Document {
//!     meta: Meta { title: "Kit".into(), subject: String::new(), keywords: vec![],
//!                  date: None, lang: "en".into() },
//!     header: Running { left: "Kit".into(), right: String::new() },
//!     footer: Running { left: String::new(), right: "page {page} of {pages}".into() },
//!     layout: Default::default(),
//!     blocks: vec![Block::Paragraph { style: ParagraphStyle::Body, runs: vec![Run::plain("Hello")] }],
//! };
//! let out = export_pdf(&doc, &PdfOptions::default()).unwrap();
//! assert!(out.bytes.starts_with(b"%PDF-"));
//! assert!(out.warnings.is_empty());
//! ```

use std::fmt;

pub mod csv;
pub mod docx;
pub mod formats;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod xlsx;

use qbank_doc::table::Column;

/// An exported file, and what the user should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub warnings: Vec<Warning>,
}

/// Something the exporter worked around; the file is still complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Characters the font cannot draw, printed as `replacement` instead.
    MissingGlyphs {
        /// What holds them: "question canary-deployment", "the page header"…
        source: String,
        chars: Vec<char>,
        replacement: char,
    },
    /// A word wider than a line, with no place to break it: broken with hyphens.
    LongWord {
        source: String,
        /// The start of the word.
        start: String,
        chars: usize,
    },
    /// A block that should stay on one page is taller than a page: it is split.
    SplitBlock { source: String },
    /// Characters a file format cannot hold at all (XML 1.0 forbids most control
    /// characters, and Word and LibreOffice refuse a DOCX that has one), written as
    /// `replacement` instead.
    ForbiddenCharacters {
        source: String,
        chars: Vec<char>,
        replacement: char,
    },
    /// Right-to-left text (Arabic, Hebrew…) that the PDF prints left to right, its letters
    /// unjoined: it does not read right there (the DOCX keeps it).
    RightToLeft { source: String },
}

/// `chars`, each as `show` writes it, separated by commas.
fn code_points(chars: &[char], show: impl Fn(char) -> String) -> String {
    chars
        .iter()
        .map(|&c| show(c))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::MissingGlyphs {
                source,
                chars,
                replacement,
            } => write!(
                f,
                "{source} uses characters the font cannot print: {}; they are printed as {replacement}",
                code_points(chars, |c| format!("{c} (U+{:04X})", u32::from(c)))
            ),
            Warning::LongWord {
                source,
                start,
                chars,
            } => write!(
                f,
                "{source} has a {chars}-character word (\"{start}…\") wider than a line; it is broken across lines"
            ),
            Warning::SplitBlock { source } => write!(
                f,
                "{source} is taller than a page; it is split across pages"
            ),
            Warning::ForbiddenCharacters {
                source,
                chars,
                replacement,
            } => write!(
                f,
                "{source} has control characters a DOCX cannot hold: {}; they are written as {replacement}",
                // Control characters are named by code point only: printed, they would act.
                code_points(chars, |c| format!("U+{:04X}", u32::from(c)))
            ),
            Warning::RightToLeft { source } => write!(
                f,
                "{source} has right-to-left text (such as Arabic or Hebrew), which the PDF prints \
                 left to right with its letters unjoined; print it as DOCX, which keeps it"
            ),
        }
    }
}

/// Why an export failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The embedded font could not be read or subset.
    Font(String),
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
    /// A cell is longer than an Excel workbook holds.
    WorkbookCellTooLong {
        id: String,
        column: Column,
        chars: usize,
        limit: usize,
    },
    /// The file could not be assembled.
    Write(String),
    /// The DOCX could not be assembled.
    Docx(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Font(m) => write!(f, "font: {m}"),
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
            Error::WorkbookCellTooLong {
                id,
                column,
                chars,
                limit,
            } => write!(
                f,
                "question \"{id}\": the {column} cell has {chars} characters, and an Excel \
                 cell holds only {limit}; shorten it, or export CSV without --excel"
            ),
            Error::Write(m) => write!(f, "cannot write the file: {m}"),
            Error::Docx(m) => write!(f, "cannot write the DOCX: {m}"),
        }
    }
}

impl std::error::Error for Error {}
