//! The one list of output formats: what each is written from, the file name extensions that
//! name it, and the one function that writes it.
//!
//! Every format is a pure function from one model to bytes, with the shared [`Options`]:
//! a kit's printable [`Document`] for PDF and DOCX, a [`BankView`] (the bank and the table of
//! its questions) for CSV, XLSX, JSON, Markdown and HTML. `qbank kit build` offers the document
//! formats of [`FORMATS`], `qbank export` the bank formats; adding a format is its module,
//! one entry here, and its subcommand or `--format` value.
//!
//! ```
//! use qbank_export::formats::{self, Writer};
//! let csv = formats::format("csv").unwrap();
//! assert_eq!(csv.extensions[0], "csv");
//! assert!(matches!(csv.write, Writer::Bank(_)));
//! assert_eq!(formats::by_extension("DOCX").map(|f| f.name), Some("DOCX"));
//! ```

use qbank_doc::{BankView, Document};

use crate::csv::{export_csv, CsvOptions};
use crate::docx::{export_docx, DocxOptions};
use crate::html::{export_html, HtmlOptions, KitDraw, LoopDraw};
use crate::pdf::{export_pdf, Paper, PdfOptions};
use crate::xlsx::{export_xlsx, XlsxOptions};
use crate::{Error, Exported};

/// What a format may be told; each reads what concerns it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The title of a page (HTML) [default: "Question bank"].
    pub title: Option<String>,
    /// What each kit draws, for formats that show kits (HTML); the caller draws them.
    pub kits: Vec<KitDraw>,
    /// What each loop draws, for formats that show loops (HTML); the caller draws them.
    pub loops: Vec<LoopDraw>,
    /// The bank's revision, for formats that show it (HTML).
    pub revision: Option<String>,
    /// The paper of the document formats.
    pub paper: Paper,
    /// CSV for Excel: a UTF-8 byte-order mark and CRLF line ends.
    pub excel: bool,
    /// When the file was made, in seconds since 1970, for formats that stamp it (XLSX); none
    /// keeps the bytes independent of the clock.
    pub created: Option<i64>,
}

/// An output format.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    /// How the command line names it: `pdf`, `md`.
    pub id: &'static str,
    /// How messages name it: `PDF`, `Markdown`.
    pub name: &'static str,
    /// The file name extensions that name it, lowercase; qbank names files with the first.
    pub extensions: &'static [&'static str],
    pub write: Writer,
}

/// What a format is written from, and the function that writes it.
#[derive(Debug, Clone, Copy)]
pub enum Writer {
    /// A kit's printable document.
    Document(fn(&Document, &Options) -> Result<Exported, Error>),
    /// A bank, or a kit's questions, with the table of them.
    Bank(fn(&BankView<'_>, &Options) -> Result<Exported, Error>),
}

/// Every output format, document formats first.
pub static FORMATS: &[Format] = &[
    Format {
        id: "pdf",
        name: "PDF",
        extensions: &["pdf"],
        write: Writer::Document(pdf),
    },
    Format {
        id: "docx",
        name: "DOCX",
        extensions: &["docx", "doc"],
        write: Writer::Document(docx),
    },
    Format {
        id: "csv",
        name: "CSV",
        extensions: &["csv", "tsv"],
        write: Writer::Bank(csv),
    },
    Format {
        id: "json",
        name: "JSON",
        extensions: &["json"],
        write: Writer::Bank(json),
    },
    Format {
        id: "md",
        name: "Markdown",
        extensions: &["md", "markdown"],
        write: Writer::Bank(markdown),
    },
    Format {
        id: "xlsx",
        name: "XLSX",
        extensions: &["xlsx", "xls", "ods"],
        write: Writer::Bank(xlsx),
    },
    Format {
        id: "html",
        name: "HTML",
        extensions: &["html", "htm"],
        write: Writer::Bank(html),
    },
];

/// The format the command line calls `id`.
pub fn format(id: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.id == id)
}

/// The format a file name extension names (in any case), when it is one of qbank's.
pub fn by_extension(extension: &str) -> Option<&'static Format> {
    let extension = extension.to_ascii_lowercase();
    FORMATS
        .iter()
        .find(|f| f.extensions.contains(&extension.as_str()))
}

/// Bytes without warnings: what the table formats give.
fn plain(bytes: Vec<u8>) -> Exported {
    Exported {
        bytes,
        warnings: Vec::new(),
    }
}

fn pdf(document: &Document, options: &Options) -> Result<Exported, Error> {
    export_pdf(
        document,
        &PdfOptions {
            paper: options.paper,
        },
    )
}

fn docx(document: &Document, options: &Options) -> Result<Exported, Error> {
    export_docx(
        document,
        &DocxOptions {
            paper: options.paper,
        },
    )
}

fn csv(view: &BankView<'_>, options: &Options) -> Result<Exported, Error> {
    export_csv(
        &view.table(),
        &CsvOptions {
            excel: options.excel,
        },
    )
    .map(plain)
}

fn json(view: &BankView<'_>, _: &Options) -> Result<Exported, Error> {
    crate::json::export_json(view.bank).map(plain)
}

fn markdown(view: &BankView<'_>, _: &Options) -> Result<Exported, Error> {
    Ok(plain(
        crate::markdown::export_markdown(view.bank).into_bytes(),
    ))
}

fn xlsx(view: &BankView<'_>, options: &Options) -> Result<Exported, Error> {
    let xlsx = XlsxOptions {
        topics: view.bank.topics.iter().map(|t| t.id.clone()).collect(),
        competencies: view
            .bank
            .competencies
            .iter()
            .map(|c| c.id.clone())
            .collect(),
        created: options.created,
    };
    export_xlsx(&view.table(), &xlsx).map(plain)
}

fn html(view: &BankView<'_>, options: &Options) -> Result<Exported, Error> {
    let html = HtmlOptions {
        title: options.title.clone(),
        kits: options.kits.clone(),
        loops: options.loops.clone(),
        revision: options.revision.clone(),
    };
    export_html(view.bank, &html).map(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_extensions_name_one_format_each() {
        let mut ids = std::collections::HashSet::new();
        let mut extensions = std::collections::HashSet::new();
        for f in FORMATS {
            assert!(ids.insert(f.id), "{} is listed twice", f.id);
            assert!(!f.extensions.is_empty(), "{} has no extension", f.id);
            for e in f.extensions {
                assert_eq!(*e, e.to_ascii_lowercase());
                assert!(extensions.insert(*e), "extension {e} names two formats");
            }
        }
    }
}
