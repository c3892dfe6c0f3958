//! The DOCX exporter: a [`Document`] as a Word document, built with docx-rs.
//!
//! The DOCX is meant to be edited before the interview, so it is made of styles rather than
//! direct formatting: "Title", "Heading 1" to "Heading 3" (with outline levels, so Word's
//! navigation pane and LibreOffice's navigator list the parts and the questions), "Lead" and
//! "Meta" for a question's text and details, "List Bullet", "List Flag" and "Checklist" for
//! the three kinds of list (each tied to its numbering, so Enter continues the list), "Note
//! Line" for ruled lines to write on, table styles "Kit Table" and "Form Table", and "header"
//! and "footer". Changing a style changes every place that uses it.
//!
//! - **Tick boxes** are the character ☐ (U+2610): the bullet of a "Checklist" item and a
//!   run of the "Checkbox" character style in rating rows and on the scorecard. Word's
//!   clickable content-control checkboxes (`w14:checkbox`) are not used: docx-rs cannot write
//!   them, a character reads the same in every program that opens the file, and on paper a
//!   box is a box.
//! - **Pages**: a page break before the questions and before the scorecard, as in the PDF.
//!   Every paragraph of a question is "keep with next" and "keep lines together", so Word
//!   moves a question whole to the next page rather than split it (unless it is taller than
//!   a page). Tables repeat their header row on each page.
//! - **Header and footer**: the document's running text, with `{page}` and `{pages}` as
//!   Word's `PAGE` and `NUMPAGES` fields.
//! - **Text**: a newline in the text is a line break, a tab a tab. Characters XML 1.0
//!   forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF), which would
//!   make Word and LibreOffice refuse the file, are written as `�` with a warning naming the
//!   place. A paragraph whose first letter is right-to-left (Hebrew, Arabic…) is a
//!   right-to-left paragraph.
//! - **Determinism**: paragraph ids are numbered per document (docx-rs numbers them from a
//!   per-thread counter), the archive is written here with fixed entry times and order, and
//!   the document date comes from the [`Document`]: the same document gives the same bytes,
//!   in one process or across runs.
//!
//! ```
//! use qbank_doc::{Block, Document, Meta, ParagraphStyle, Run, Running};
//! use qbank_export::docx::{export_docx, DocxOptions};
//!
//! let doc = Document {
//!     meta: Meta { title: "Kit".into(), subject: String::new(), keywords: vec![],
//!                  date: None, lang: "en".into() },
//!     header: Running { left: "Kit".into(), right: String::new() },
//!     footer: Running { left: String::new(), right: "page {page} of {pages}".into() },
//!     layout: Default::default(),
//!     blocks: vec![Block::Paragraph { style: ParagraphStyle::Body,
//!                                     runs: vec![Run::plain("Tom & Jerry\u{1}")] }],
//! };
//! let out = export_docx(&doc, &DocxOptions::default()).unwrap();
//! assert!(out.bytes.starts_with(b"PK\x03\x04"));
//! assert_eq!(
//!     out.warnings[0].to_string(),
//!     "the cover has control characters a DOCX cannot hold: U+0001; they are written as \u{FFFD}"
//! );
//! ```

mod order;
mod parts;

use std::io::{Cursor, Write as _};

use docx_rs::{
    BreakType, BuildXML, Docx, Footer, Header, HeightRule, IndentLevel, NumPages, NumberingId,
    PageMargin, PageNum, Paragraph, Shading, ShdType, Tab, TabValueType, Table, TableCell,
    TableCellBorder, TableCellBorderPosition, TableCellBorders, TableLayoutType, TableRow,
    WidthType, XMLDocx,
};
use qbank_doc::{Block, Cell, Choice, Column, Document, Field, ListMarker, ParagraphStyle, Run};

pub use crate::pdf::Paper;
use crate::{Error, Exported, Warning};
use parts::id;

/// How to write the DOCX.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocxOptions {
    pub paper: Paper,
}

/// Points to twentieths of a point (twips), the unit of DOCX page geometry.
const fn points_to_twips(points: f32) -> i32 {
    (points * 20.0) as i32
}

/// Margins in twips, the PDF's: the body's distance from each edge; header and footer 28 pt
/// from the edge.
const MARGIN_X: i32 = points_to_twips(crate::pdf::MARGIN_X);
const MARGIN_TOP: i32 = points_to_twips(crate::pdf::TOP);
const MARGIN_BOTTOM: i32 = points_to_twips(crate::pdf::BOTTOM);
const MARGIN_RUNNING: i32 = points_to_twips(28.0);
/// The character written in place of one XML cannot hold.
const REPLACEMENT: char = '\u{FFFD}';
/// The tick box.
const BOX: &str = "\u{2610}";
/// A row height no row has but a header row: docx-rs cannot write `w:tblHeader`, so header
/// rows carry this marker, which [`mark_header_rows`] turns into one.
const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

/// Writes `document` as a DOCX and returns its bytes, with warnings about characters that
/// had to be replaced.
pub fn export_docx(document: &Document, options: &DocxOptions) -> Result<Exported, Error> {
    let (w_mm, h_mm) = options.paper.size_mm();
    let page_width = mm_to_twips(w_mm);
    let page_height = mm_to_twips(h_mm);
    let mut writer = Writer {
        width: usize::try_from(page_width - 2 * MARGIN_X).unwrap_or(0),
        next_id: 0,
        page_break: false,
        source: "the cover".to_owned(),
        replaced: Vec::new(),
        out: Vec::new(),
        flushed_table: false,
    };
    let header = writer.running(
        &document.header.left,
        &document.header.right,
        "the page header",
    );
    let footer = writer.running(
        &document.footer.left,
        &document.footer.right,
        "the page footer",
    );
    let mut meta = document.meta.clone();
    writer.source = "the document information".to_owned();
    meta.title = writer.clean(&meta.title).into_owned();
    meta.subject = writer.clean(&meta.subject).into_owned();
    meta.keywords = meta
        .keywords
        .iter()
        .map(|k| writer.clean(k).into_owned())
        .collect();
    meta.lang = writer.clean(&meta.lang).into_owned();
    writer.source = "the cover".to_owned();
    // Each top-level block is written out as XML as soon as it is complete: docx-rs's
    // paragraphs take about 3 KB each in memory, a 5,000-question kit holds 140,000 of them.
    // A page break with nothing after it breaks nothing.
    let mut body = Vec::new();
    let mut pending = Vec::new();
    for block in &document.blocks {
        writer.block(block, &mut pending);
        writer.flush(&mut pending, &mut body)?;
    }

    let mut docx = Docx::new()
        .page_size(page_width as u32, page_height as u32)
        .page_margin(PageMargin {
            top: MARGIN_TOP,
            left: MARGIN_X,
            bottom: MARGIN_BOTTOM,
            right: MARGIN_X,
            header: MARGIN_RUNNING,
            footer: MARGIN_RUNNING,
            gutter: 0,
        })
        .header(Header::new().add_paragraph(header))
        .footer(Footer::new().add_paragraph(footer));
    // The numbering part is written below, whether or not a paragraph refers to it.
    docx.document_rels.has_numberings = true;
    let mut xml = docx.build();
    xml.styles = parts::styles(&meta.lang, qbank_doc::type_scale(document.layout)).into_bytes();
    xml.numberings = parts::numbering().into_bytes();
    xml.settings = parts::SETTINGS.as_bytes().to_vec();
    xml.doc_props.core = parts::core(&meta).into_bytes();
    xml.doc_props.app = parts::app().into_bytes();
    for part in std::iter::once(&mut xml.document)
        .chain(&mut xml.headers)
        .chain(&mut xml.footers)
    {
        *part = reorder(part)?;
    }
    xml.document = splice_body(&xml.document, &body)?;
    drop(body);
    let bytes = pack(xml).map_err(|e| Error::Docx(e.to_string()))?;
    let warnings = writer
        .replaced
        .into_iter()
        .map(|(source, chars)| Warning::ForbiddenCharacters {
            source,
            chars,
            replacement: REPLACEMENT,
        })
        .collect();
    Ok(Exported { bytes, warnings })
}

/// Millimetres to twips.
fn mm_to_twips(mm: f32) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

/// A body element, kept until its top-level block is complete so that a group can be marked
/// "keep with next", then written out.
enum Element {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

struct Writer {
    /// The width of the text, in twips.
    width: usize,
    /// The last paragraph id given.
    next_id: u32,
    /// A page break waits for the next paragraph.
    page_break: bool,
    /// What the blocks being written print, for warnings.
    source: String,
    /// Characters replaced, by place, in document order.
    replaced: Vec<(String, Vec<char>)>,
    /// Reused buffer for cleaning text.
    out: Vec<char>,
    /// Whether the last element written out is a table.
    flushed_table: bool,
}

impl Writer {
    /// Writes the elements out as XML, in order.
    fn flush(&mut self, elements: &mut Vec<Element>, body: &mut Vec<u8>) -> Result<(), Error> {
        for element in elements.drain(..) {
            self.flushed_table = matches!(element, Element::Table(_));
            // `build` is how docx-rs writes any element; it is hidden from its docs, but it
            // is the same code `Docx::build` runs on the body.
            let xml = match element {
                Element::Paragraph(p) => p.build(),
                Element::Table(t) => mark_header_rows(&t.build())?,
            };
            body.extend(reorder(&xml)?);
        }
        Ok(())
    }

    /// Whether the element before the next one is a table.
    fn ends_with_table(&self, out: &[Element]) -> bool {
        match out.last() {
            Some(e) => matches!(e, Element::Table(_)),
            None => self.flushed_table,
        }
    }

    /// A paragraph with the next id and a style. docx-rs numbers paragraphs from a counter
    /// that lives as long as the thread; ids numbered per document keep the bytes stable.
    fn paragraph(&mut self, style: &str) -> Paragraph {
        self.next_id += 1;
        Paragraph::new()
            .id(format!("{:08X}", self.next_id))
            .style(style)
    }

    /// Adds an element, giving it a page break before when one is waiting.
    fn push(&mut self, element: Element, out: &mut Vec<Element>) {
        let page_break = std::mem::take(&mut self.page_break);
        match element {
            Element::Paragraph(p) => {
                out.push(Element::Paragraph(Box::new(
                    p.page_break_before(page_break),
                )));
            }
            Element::Table(t) => {
                // Word ignores "page break before" inside tables, and joins two tables with
                // nothing between them into one: an empty paragraph goes between.
                if page_break || self.ends_with_table(out) {
                    let p = self.paragraph(id::NORMAL).page_break_before(page_break);
                    out.push(Element::Paragraph(Box::new(p)));
                }
                out.push(Element::Table(t));
            }
        }
    }

    fn push_paragraph(&mut self, p: Paragraph, out: &mut Vec<Element>) {
        self.push(Element::Paragraph(Box::new(p)), out);
    }

    fn blocks(&mut self, blocks: &[Block], out: &mut Vec<Element>) {
        for block in blocks {
            self.block(block, out);
        }
    }

    fn block(&mut self, block: &Block, out: &mut Vec<Element>) {
        match block {
            Block::Title { text, subtitle } => {
                let p = self.text_paragraph(id::TITLE, &[Run::plain(text.clone())]);
                self.push_paragraph(p, out);
                if let Some(sub) = subtitle {
                    let p = self.text_paragraph(id::SUBTITLE, &[Run::plain(sub.clone())]);
                    self.push_paragraph(p, out);
                }
            }
            Block::Heading { level, text } => {
                if *level <= 1 {
                    self.source = format!("the part headed \"{text}\"");
                }
                let style = id::HEADING[usize::from(level.clamp(&1, &3) - 1)];
                let p = self.text_paragraph(style, &[Run::plain(text.clone())]);
                self.push_paragraph(p, out);
            }
            Block::Paragraph { style, runs } => {
                let style = match style {
                    ParagraphStyle::Body => id::NORMAL,
                    ParagraphStyle::Lead => id::LEAD,
                    ParagraphStyle::Meta => id::META,
                };
                let p = self.text_paragraph(style, runs);
                self.push_paragraph(p, out);
            }
            Block::List { marker, items } => {
                let (style, num) = match marker {
                    ListMarker::Bullet => (id::LIST_BULLET, parts::NUM_BULLET),
                    ListMarker::Flag => (id::LIST_FLAG, parts::NUM_FLAG),
                };
                for runs in items {
                    let p = self
                        .text_paragraph(style, runs)
                        .numbering(NumberingId::new(num), IndentLevel::new(0));
                    self.push_paragraph(p, out);
                }
            }
            Block::Checklist { items } => {
                for item in items {
                    let p = self
                        .text_paragraph(id::CHECKLIST, &[Run::plain(item.clone())])
                        .numbering(NumberingId::new(parts::NUM_CHECKBOX), IndentLevel::new(0));
                    self.push_paragraph(p, out);
                }
            }
            Block::Fields { fields } if !fields.is_empty() => {
                let t = self.fields(fields);
                self.push(Element::Table(Box::new(t)), out);
            }
            Block::RatingRow { label, choices } => {
                let t = self.rating_row(label, choices);
                self.push(Element::Table(Box::new(t)), out);
            }
            Block::NoteLines { lines } => {
                for _ in 0..*lines {
                    let p = self.paragraph(id::NOTE_LINE);
                    self.push_paragraph(p, out);
                }
            }
            Block::Table { columns, rows } if !columns.is_empty() => {
                let t = self.data_table(columns, rows);
                self.push(Element::Table(Box::new(t)), out);
            }
            // Word refuses a table without rows or a row without cells: nothing to print.
            Block::Fields { .. } | Block::Table { .. } => {}
            Block::PageBreak => self.page_break = true,
            Block::KeepTogether { source, blocks } => {
                let saved = self.source.clone();
                if let Some(s) = source {
                    self.source = s.clone();
                }
                let mut group = Vec::new();
                self.blocks(blocks, &mut group);
                if self.ends_with_table(out) && matches!(group.first(), Some(Element::Table(_))) {
                    let p = self.paragraph(id::NORMAL);
                    out.push(Element::Paragraph(Box::new(p)));
                }
                keep_together(&mut group);
                out.append(&mut group);
                self.source = saved;
            }
        }
    }

    /// A paragraph of runs; right-to-left when its first letter is.
    fn text_paragraph(&mut self, style: &str, runs: &[Run]) -> Paragraph {
        let mut p = self.paragraph(style);
        if runs.iter().find_map(|r| first_strong(&r.text)) == Some(Direction::Rtl) {
            p.property = std::mem::take(&mut p.property).bidi(true);
        }
        for run in runs {
            for r in self.runs(run) {
                p = p.add_run(r);
            }
        }
        p
    }

    /// docx-rs runs for a run of the model: text cleaned, newlines as line breaks, tabs as
    /// tabs.
    fn runs(&mut self, run: &Run) -> Vec<docx_rs::Run> {
        let text = self.clean(&run.text).into_owned();
        let base = || {
            let mut r = docx_rs::Run::new();
            if run.bold {
                r = r.bold();
            }
            if run.italic {
                r = r.italic();
            }
            r
        };
        let mut out = Vec::new();
        let mut r = base();
        let mut empty = true;
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for (n, line) in text.split('\n').enumerate() {
            if n > 0 {
                r = r.add_break(BreakType::TextWrapping);
                empty = false;
            }
            for (k, piece) in line.split('\t').enumerate() {
                if k > 0 {
                    r = r.add_tab();
                    empty = false;
                }
                if !piece.is_empty() {
                    r = r.add_text(piece);
                    empty = false;
                }
            }
        }
        if !empty {
            out.push(r);
        }
        out
    }

    /// The text with every character XML 1.0 forbids replaced, and the place recorded.
    fn clean<'t>(&mut self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if !text.chars().any(forbidden) {
            return std::borrow::Cow::Borrowed(text);
        }
        self.out.clear();
        let mut bad = Vec::new();
        for c in text.chars() {
            if forbidden(c) {
                if !bad.contains(&c) {
                    bad.push(c);
                }
                self.out.push(REPLACEMENT);
            } else {
                self.out.push(c);
            }
        }
        match self.replaced.iter_mut().find(|(s, _)| *s == self.source) {
            Some((_, chars)) => {
                for c in bad {
                    if !chars.contains(&c) {
                        chars.push(c);
                    }
                }
                chars.sort_unstable();
            }
            None => {
                bad.sort_unstable();
                self.replaced.push((self.source.clone(), bad));
            }
        }
        std::borrow::Cow::Owned(self.out.iter().collect())
    }

    /// A header or footer line: `left`, a right-aligned tab, `right`; `{page}` and `{pages}`
    /// become page number fields.
    fn running(&mut self, left: &str, right: &str, source: &str) -> Paragraph {
        self.source = source.to_owned();
        let style = if source.contains("header") {
            id::HEADER
        } else {
            id::FOOTER
        };
        let mut p = self
            .paragraph(style)
            .add_tab(Tab::new().val(TabValueType::Right).pos(self.width));
        p = self.running_text(p, left);
        if !right.is_empty() {
            p = p.add_run(docx_rs::Run::new().add_tab());
            p = self.running_text(p, right);
        }
        p
    }

    fn running_text(&mut self, mut p: Paragraph, text: &str) -> Paragraph {
        let text = self.clean(text).into_owned();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let next = [("{page}", false), ("{pages}", true)]
                .into_iter()
                .filter_map(|(tag, count)| rest.find(tag).map(|at| (at, tag, count)))
                .min_by_key(|(at, _, _)| *at);
            let (literal, field) = match next {
                Some((at, tag, count)) => (&rest[..at], Some((tag, count))),
                None => (rest, None),
            };
            for r in self.runs(&Run::plain(literal)) {
                p = p.add_run(r);
            }
            match field {
                Some((tag, count)) => {
                    p = if count {
                        p.add_num_pages(NumPages::new())
                    } else {
                        p.add_page_num(PageNum::new())
                    };
                    rest = &rest[literal.len() + tag.len()..];
                }
                None => rest = "",
            }
        }
        p
    }

    /// A table with a style and fixed column widths, no borders of its own (docx-rs writes
    /// black borders on every table unless told otherwise; the style draws them).
    fn table(&self, rows: Vec<TableRow>, grid: Vec<usize>, style: &str) -> Table {
        Table::without_borders(rows)
            .set_grid(grid)
            .style(style)
            .width(self.width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
    }

    fn cell(&self, width: usize, p: Paragraph) -> TableCell {
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(p)
    }

    /// Labels and values; a blank to fill in is a ruled empty cell.
    fn fields(&mut self, fields: &[Field]) -> Table {
        let longest = fields
            .iter()
            .map(|f| f.label.chars().count())
            .max()
            .unwrap_or(0);
        let label_w = (longest * 110 + 300).clamp(1400, self.width * 35 / 100);
        let value_w = self.width - label_w;
        let rows = fields
            .iter()
            .map(|f| {
                let label = self.text_paragraph(id::FIELD_LABEL, &[Run::plain(f.label.clone())]);
                let label = self.cell(label_w, label);
                let value = match &f.value {
                    Some(v) => {
                        let p = self.text_paragraph(id::FIELD_VALUE, &[Run::plain(v.clone())]);
                        self.cell(value_w, p)
                    }
                    None => {
                        let p = self.paragraph(id::FIELD_VALUE);
                        self.cell(value_w, p).set_borders(
                            TableCellBorders::with_empty().set(
                                TableCellBorder::new(TableCellBorderPosition::Bottom)
                                    .size(4)
                                    .color(parts::RULE),
                            ),
                        )
                    }
                };
                TableRow::new(vec![label, value]).cant_split()
            })
            .collect();
        self.table(rows, vec![label_w, value_w], id::FORM_TABLE)
    }

    /// A label and a tick box per choice, with its mark and meaning, on one row; when the
    /// meanings are sentences (anchors), one row per choice, the sentence beside its box.
    fn rating_row(&mut self, label: &str, choices: &[Choice]) -> Table {
        let label_w = if label.is_empty() { 0 } else { 1300 };
        if choices
            .iter()
            .any(|c| c.anchor.as_ref().is_some_and(|a| a.chars().count() > 24))
        {
            return self.rating_column(label, label_w, choices);
        }
        let n = choices.len().max(1);
        let choice_w = (self.width - label_w) / n;
        let mut grid = Vec::new();
        let mut cells = Vec::new();
        if label_w > 0 {
            let p = self.text_paragraph(id::FIELD_LABEL, &[Run::plain(label)]);
            cells.push(self.cell(label_w, p));
            grid.push(label_w);
        }
        for c in choices {
            let mut p = self.paragraph(id::TABLE_TEXT).add_run(checkbox());
            for r in self.runs(&Run::bold(format!(" {}", c.mark))) {
                p = p.add_run(r);
            }
            if let Some(anchor) = &c.anchor {
                for r in self.runs(&Run::plain(format!(" {anchor}"))) {
                    p = p.add_run(r.style(id::META_CHAR));
                }
            }
            cells.push(self.cell(choice_w, p));
            grid.push(choice_w);
        }
        if cells.is_empty() {
            // Word refuses a row without cells.
            let p = self.paragraph(id::TABLE_TEXT);
            cells.push(self.cell(self.width, p));
            grid.push(self.width);
        }
        self.table(
            vec![TableRow::new(cells).cant_split()],
            grid,
            id::FORM_TABLE,
        )
    }

    /// A rating row whose anchors are sentences: per choice, a row with the box and mark,
    /// then what such an answer sounds like; the label beside the first.
    fn rating_column(&mut self, label: &str, label_w: usize, choices: &[Choice]) -> Table {
        let mark_w = 700;
        let anchor_w = self.width - label_w - mark_w;
        let mut rows = Vec::new();
        for (n, c) in choices.iter().enumerate() {
            let mut cells = Vec::new();
            if label_w > 0 {
                let text = if n == 0 { label } else { "" };
                let p = self.text_paragraph(id::FIELD_LABEL, &[Run::plain(text)]);
                cells.push(self.cell(label_w, p));
            }
            let mut p = self.paragraph(id::TABLE_TEXT).add_run(checkbox());
            for r in self.runs(&Run::bold(format!("\u{A0}{}", c.mark))) {
                p = p.add_run(r);
            }
            cells.push(self.cell(mark_w, p));
            let anchor = c.anchor.clone().unwrap_or_default();
            let p = self.text_paragraph(id::TABLE_TEXT, &[Run::plain(anchor)]);
            cells.push(self.cell(anchor_w, p));
            rows.push(TableRow::new(cells).cant_split());
        }
        let mut grid = Vec::new();
        if label_w > 0 {
            grid.push(label_w);
        }
        grid.extend([mark_w, anchor_w]);
        self.table(rows, grid, id::FORM_TABLE)
    }

    /// A table of the model: a shaded header row repeated on every page, then the rows.
    fn data_table(&mut self, columns: &[Column], rows: &[Vec<Cell>]) -> Table {
        let total: f32 = columns.iter().map(|c| c.width.max(0.0)).sum::<f32>();
        let mut grid: Vec<usize> = columns
            .iter()
            .map(|c| {
                let share = if total > 0.0 {
                    c.width.max(0.0) / total
                } else {
                    1.0 / columns.len() as f32
                };
                (share * self.width as f32).floor() as usize
            })
            .collect();
        let rest = self.width - grid.iter().sum::<usize>().min(self.width);
        if let Some(last) = grid.last_mut() {
            *last += rest;
        }
        let header_cells = columns
            .iter()
            .zip(&grid)
            .map(|(c, &w)| {
                let p = self.text_paragraph(id::TABLE_HEADING, &[Run::plain(c.title.clone())]);
                self.cell(w, p).shading(
                    Shading::new()
                        .shd_type(ShdType::Clear)
                        .color("auto")
                        .fill(parts::BAND),
                )
            })
            .collect();
        let mut table_rows = vec![TableRow::new(header_cells)
            .row_height(1.0)
            .height_rule(HeightRule::AtLeast)
            .cant_split()];
        for row in rows {
            let cells = grid
                .iter()
                .enumerate()
                .map(|(i, &w)| {
                    let p = match row.get(i) {
                        Some(Cell::Text(runs)) => self.text_paragraph(id::TABLE_TEXT, runs),
                        Some(Cell::Boxes(marks)) => {
                            let mut p = self.paragraph(id::TABLE_TEXT);
                            for (n, m) in marks.iter().enumerate() {
                                if n > 0 {
                                    p = p.add_run(docx_rs::Run::new().add_text(" "));
                                }
                                // Smaller than a checklist's box: four of them fit a
                                // narrow column on one line (the debrief's interviews).
                                p = p.add_run(checkbox().size(BOX_IN_TABLE));
                                for r in self.runs(&Run::plain(format!("\u{A0}{m}"))) {
                                    p = p.add_run(r);
                                }
                            }
                            p
                        }
                        None => self.paragraph(id::TABLE_TEXT),
                    };
                    self.cell(w, p)
                })
                .collect();
            // A row is a few lines: it moves to the next page whole.
            table_rows.push(TableRow::new(cells).cant_split());
        }
        self.table(table_rows, grid, id::KIT_TABLE)
    }
}

/// The size of a tick box in a table cell, in half-points.
const BOX_IN_TABLE: usize = 18;

/// A tick box in the "Checkbox" character style.
fn checkbox() -> docx_rs::Run {
    docx_rs::Run::new().style(id::CHECKBOX).add_text(BOX)
}

/// Marks a group of elements to stay on one page: every paragraph but the last "keep with
/// next" and "keep lines together", every table row unsplit.
fn keep_together(group: &mut [Element]) {
    let last = group.len().saturating_sub(1);
    for (i, element) in group.iter_mut().enumerate() {
        match element {
            Element::Paragraph(p) => {
                let prop = std::mem::take(&mut p.property).keep_lines(true);
                p.property = if i < last { prop.keep_next(true) } else { prop };
            }
            Element::Table(t) => {
                for docx_rs::TableChild::TableRow(row) in &mut t.rows {
                    row.property = std::mem::take(&mut row.property).cant_split();
                    for docx_rs::TableRowChild::TableCell(cell) in &mut row.cells {
                        for content in &mut cell.children {
                            if let docx_rs::TableCellContent::Paragraph(p) = content {
                                let prop = std::mem::take(&mut p.property).keep_lines(true);
                                p.property = if i < last { prop.keep_next(true) } else { prop };
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether XML 1.0 forbids the character (its `Char` production).
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Ltr,
    Rtl,
}

/// The direction of the first letter with a strong direction (Unicode bidi classes L, R and
/// AL, approximated by script blocks).
fn first_strong(text: &str) -> Option<Direction> {
    text.chars().find_map(|c| {
        let u = u32::from(c);
        if matches!(u, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
        {
            if c.is_alphabetic() {
                Some(Direction::Rtl)
            } else {
                None
            }
        } else if c.is_alphabetic() {
            Some(Direction::Ltr)
        } else {
            None
        }
    })
}

/// [`order::reorder`], with its error as ours.
fn reorder(xml: &[u8]) -> Result<Vec<u8>, Error> {
    order::reorder(xml).map_err(|e| Error::Docx(e.to_string()))
}

/// docx-rs's `word/document.xml` of an empty body with `body` put in it, before the section
/// properties.
fn splice_body(document: &[u8], body: &[u8]) -> Result<Vec<u8>, Error> {
    const OPEN: &[u8] = b"<w:body>";
    let at = document
        .windows(OPEN.len())
        .position(|w| w == OPEN)
        .ok_or_else(|| Error::Docx("docx-rs wrote no <w:body>".to_owned()))?
        + OPEN.len();
    let mut out = Vec::with_capacity(document.len() + body.len());
    out.extend_from_slice(&document[..at]);
    out.extend_from_slice(body);
    out.extend_from_slice(&document[at..]);
    Ok(out)
}

/// Turns the header-row marker into `w:tblHeader`, so that Word and LibreOffice repeat the
/// header row on every page a table spans. The marker cannot come from the text: `<` in text
/// is always escaped.
fn mark_header_rows(document: &[u8]) -> Result<Vec<u8>, Error> {
    let xml = std::str::from_utf8(document).map_err(|e| Error::Docx(e.to_string()))?;
    Ok(xml.replace(HEADER_ROW_MARK, "<w:tblHeader />").into_bytes())
}

/// Writes the parts as a ZIP archive: deflated, entries in a fixed order with a fixed time
/// (1980-01-01, the earliest a ZIP can hold) and fixed permissions, so the same parts give
/// the same bytes. docx-rs's own packer stores entries uncompressed and adds folder entries.
fn pack(xml: XMLDocx) -> zip::result::ZipResult<Vec<u8>> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    // As docx-rs's own packer does: each header and footer with its relationships.
    for (i, h) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(r) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), r.clone()));
        }
    }
    for (i, f) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(r) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), r.clone()));
        }
    }
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_forbids_most_control_characters_and_two_noncharacters() {
        for c in [
            '\u{0}', '\u{1}', '\u{8}', '\u{B}', '\u{C}', '\u{E}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            assert!(forbidden(c), "U+{:04X}", u32::from(c));
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            '\u{7F}',
            '\u{85}',
            '\u{FFFD}',
            '\u{10FFFF}',
            '☐',
        ] {
            assert!(!forbidden(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn the_first_letter_decides_the_direction() {
        assert_eq!(first_strong("מה זה?"), Some(Direction::Rtl));
        assert_eq!(first_strong("«ما هو» model?"), Some(Direction::Rtl));
        assert_eq!(first_strong("1. What is מודל?"), Some(Direction::Ltr));
        assert_eq!(first_strong("ߊ"), Some(Direction::Rtl));
        assert_eq!(first_strong("12 — ?"), None);
    }

    #[test]
    fn paper_sizes_in_twips() {
        assert_eq!(mm_to_twips(210.0), 11906);
        assert_eq!(mm_to_twips(297.0), 16838);
        assert_eq!(mm_to_twips(215.9), 12240);
        assert_eq!(mm_to_twips(279.4), 15840);
    }

    #[test]
    fn header_rows_are_marked_once_per_marker() {
        let xml =
            format!("<w:tr><w:trPr>{HEADER_ROW_MARK}</w:trPr></w:tr><w:t>&lt;w:trHeight</w:t>");
        let marked = String::from_utf8(mark_header_rows(xml.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            marked,
            "<w:tr><w:trPr><w:tblHeader /></w:trPr></w:tr><w:t>&lt;w:trHeight</w:t>"
        );
    }
}
