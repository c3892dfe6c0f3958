//! What every spreadsheet reader gives the import: a [`Sheet`] of named columns and rows of
//! text cells, and the [`RowError`]s found on the way, each at its row and column.

use std::fmt;

use qbank_doc::table::Column;
use qbank_export::csv::column_letter;

/// A spreadsheet read for import: its columns and its rows of cells, as they were before the
/// export wrote them (a CSV's formula escape undone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The columns in the order of the header.
    pub columns: Vec<Column>,
    /// The spreadsheet column (0-based) of each of `columns`.
    pub positions: Vec<usize>,
    /// The rows with at least one non-empty cell, except those in `problems`.
    pub rows: Vec<SheetRow>,
    /// Rows that could not be read (a cell too many or too few, a cell in a column without a
    /// name): [`crate::plan::plan_import`] reports them with its own findings.
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

/// A problem with the spreadsheet, at a row and column when it has one.
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

/// The part of reading a spreadsheet that does not depend on its file format: the header row
/// (`header`, spreadsheet column A first) and the rows below it (each with the row number a
/// spreadsheet shows, and its cells from column A), checked the same way for CSV and XLSX.
/// `problems` are the rows the format could not read; `unescape` undoes what the writer did to a
/// cell ([`qbank_export::csv::restore`] for CSV).
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
