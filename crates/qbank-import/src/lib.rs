//! qbank's importers: the way back from a spreadsheet into the bank.
//!
//! - [`csv::read_csv`] and [`xlsx::read_xlsx`] read the files `qbank export csv` and
//!   `qbank export xlsx` write (or a spreadsheet saved from them) into the same [`Sheet`]:
//!   named columns and rows of text cells, through the same header and row checks
//!   ([`sheet`]), so that what follows cannot tell the formats apart.
//! - [`plan::plan_import`] checks every row of a [`Sheet`] against the bank and the question
//!   schema, and plans the question files to create and to change; applying the plan (writing
//!   the files, all or none) is the caller's job.
//!
//! Every problem is returned, each at its row and column ([`RowError`]), never just the first;
//! nothing here panics on a file's content or touches the filesystem. What a format's cells
//! mean (the CSV formula escape, the line break between the items of a list, the sheet name)
//! is defined once, by the exporter that writes them (`qbank_export::csv`,
//! `qbank_export::xlsx`), and read from there.
//!
//! ```
//! use qbank_import::csv::read_csv;
//! use qbank_import::plan::plan_import;
//!
//! let sheet = read_csv(b"id,text\nno-such-question,Why?\n").unwrap();
//! let errors = plan_import(&qbank_core::Bank::default(), &sheet).unwrap_err();
//! assert_eq!(errors[0].row, Some(2));
//! ```

pub mod csv;
pub mod plan;
pub mod sheet;
pub mod xlsx;

pub use sheet::{Place, RowError, Sheet, SheetRow};
