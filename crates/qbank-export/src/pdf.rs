//! The PDF exporter: a [`Document`] laid out on pages and written with printpdf.
//!
//! The work happens in three steps, all pure:
//! 1. text is checked against the font; characters it lacks become `�` and a [`Warning`];
//! 2. blocks are laid out as items (lines broken by glyph advances) and put on pages:
//!    a heading stays with what follows it, a question block stays on one page;
//! 3. once the page count is known, every page gets its header and footer ("page N of M")
//!    and the document is written, with font subsets named after their content and a
//!    document ID derived from the bytes, so the same document gives the same file.

mod fonts;
mod layout;

use std::collections::{BTreeMap, BTreeSet};

use lopdf::Object;
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};
use qbank_doc::{Block, Cell, Document, Run};

use self::fonts::{FaceId, Faces};
use self::layout::{Draw, Frame, Layout, Rgb, Style, MUTED, RULE};
use crate::{Error, Exported, Warning};

/// The characters each face prints.
type UsedChars = BTreeMap<FaceId, BTreeSet<char>>;

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }
}

/// How to write the PDF.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfOptions {
    pub paper: Paper,
}

/// Side margins, and the body's distance from the top and bottom edges, in points (the DOCX
/// uses the same).
pub(crate) const MARGIN_X: f32 = 56.0;
pub(crate) const TOP: f32 = 68.0;
pub(crate) const BOTTOM: f32 = 60.0;
/// The slant of synthetic italics.
const SLANT: f32 = 0.2;
/// Same length as the 32 hex digits that replace it.
const ID_PLACEHOLDER: &[u8; 32] = b"QBANK-DOCUMENT-ID-PLACEHOLDER-00";

/// Lays `document` out and returns the PDF's bytes, with warnings about what had to be
/// worked around (missing glyphs, words wider than a line, blocks taller than a page).
pub fn export_pdf(document: &Document, options: &PdfOptions) -> Result<Exported, Error> {
    let faces = Faces::get()?;
    let (document, mut warnings) = replace_missing_glyphs(document, faces);
    let (w_mm, h_mm) = options.paper.size_mm();
    let (width, height) = (pt(w_mm), pt(h_mm));
    let frame = Frame {
        width: width - 2.0 * MARGIN_X,
        body_height: height - TOP - BOTTOM,
    };
    let mut layout = match document.layout {
        qbank_doc::Layout::Standard => Layout::new(faces, frame),
        layout @ qbank_doc::Layout::Compact => {
            Layout::new(faces, frame).compact(qbank_doc::type_scale(layout))
        }
    };
    let items = layout.blocks(&document.blocks);
    warnings.append(&mut layout.warnings);
    let pages = layout::paginate(items, frame);

    // Second pass: now that the page count is known, draw every page with its furniture.
    // Pages are drawn on all cores; the result does not depend on how they are shared out.
    let mut pages = pages;
    let count = pages.len();
    let drawn: Vec<(PdfPage, UsedChars)> =
        qbank_core::parallel::map_ordered_mut(&mut pages, 1, |n, page| {
            let mut used = BTreeMap::new();
            let mut draws: Vec<(f32, Draw)> = Vec::new();
            for (y, item) in std::mem::take(page) {
                draws.extend(item.draws.into_iter().map(|d| (y, d)));
            }
            draws.extend(
                furniture(&document, faces, frame, n + 1, count)
                    .into_iter()
                    .map(|d| (0.0, d)),
            );
            let ops = render(&draws, height, &mut used);
            (PdfPage::new(Mm(w_mm), Mm(h_mm), ops), used)
        });
    let mut used = UsedChars::new();
    let mut pdf_pages = Vec::with_capacity(count);
    for (page, chars) in drawn {
        pdf_pages.push(page);
        for (face, set) in chars {
            used.entry(face).or_default().extend(set);
        }
    }

    let mut pdf = PdfDocument::new(&document.meta.title);
    for (face_id, chars) in &used {
        let face = faces.face(*face_id);
        let bytes = face.subset(chars)?;
        let mut font_warnings = Vec::new();
        let mut parsed = printpdf::ParsedFont::from_bytes(&bytes, 0, &mut font_warnings)
            .ok_or_else(|| Error::Font(format!("cannot read the subset of {}", face.name)))?;
        parsed.font_name = Some(format!("{}+{}", subset_tag(chars), face.name));
        pdf.resources
            .fonts
            .map
            .insert(font_id(*face_id), printpdf::PdfFont::new(parsed));
    }
    pdf.pages = pdf_pages;
    let info = &mut pdf.metadata.info;
    let date = printpdf::OffsetDateTime::from_unix_timestamp(
        document.meta.date.as_deref().map_or(0, unix_date),
    )
    .map_err(|e| Error::Write(e.to_owned()))?;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.subject = document.meta.subject.clone();
    info.keywords = document.meta.keywords.clone();
    info.creator = "qbank".to_owned();
    info.producer = format!("qbank {}", env!("CARGO_PKG_VERSION"));

    let mut pdf_warnings = Vec::new();
    let save = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut lo = printpdf::to_lopdf_doc(&pdf, &save, &mut pdf_warnings);
    if let Some(e) = pdf_warnings
        .iter()
        .find(|w| format!("{:?}", w.severity).contains("Error"))
    {
        return Err(Error::Write(e.msg.clone()));
    }
    finish_catalog(&mut lo, &document.meta.lang, document.meta.date.is_some());
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Write(e.to_string()))?;
    // The document ID is a hash of the file itself: stable for the same content, distinct
    // for different content, and no clock or counter involved.
    let id = format!("{:016x}{:016x}", fnv1a(&bytes, 0), fnv1a(&bytes, 1));
    // lopdf writes the trailer last: look there first, then everywhere.
    let tail = bytes.len().saturating_sub(8192);
    let mut replaced = replace_all(&mut bytes[tail..], ID_PLACEHOLDER, id.as_bytes());
    if replaced == 0 {
        replaced = replace_all(&mut bytes, ID_PLACEHOLDER, id.as_bytes());
    }
    if replaced != 2 {
        return Err(Error::Write("the document ID was not written".to_owned()));
    }
    Ok(Exported { bytes, warnings })
}

/// Replaces every occurrence of `from` in `bytes` by `to` (of the same length); returns how many.
fn replace_all(bytes: &mut [u8], from: &[u8], to: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if bytes[i] == from[0] && &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            n += 1;
            i += from.len();
        } else {
            i += 1;
        }
    }
    n
}

fn pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

fn font_id(face: FaceId) -> FontId {
    FontId(match face {
        FaceId::Regular => "F1".to_owned(),
        FaceId::Bold => "F2".to_owned(),
    })
}

/// Six capital letters naming a subset (ISO 32000-1, 9.6.4), derived from its characters.
fn subset_tag(chars: &BTreeSet<char>) -> String {
    let text: String = chars.iter().collect();
    let mut h = fnv1a(text.as_bytes(), 0);
    (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
}

/// 64-bit FNV-1a, with `salt` mixed into the offset basis.
fn fnv1a(bytes: &[u8], salt: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Seconds since 1970 at midnight UTC of a `YYYY-MM-DD` date (0 when it is not one).
fn unix_date(date: &str) -> i64 {
    let parts: Vec<i64> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = parts[..] else { return 0 };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1970..=9999).contains(&y) {
        return 0;
    }
    qbank_core::date::days_from_civil(y, m, d) * 86_400
}

/// Compresses every stream that may be compressed (and gains from it), on all cores. The
/// output does not depend on the number of threads: each stream is compressed on its own.
fn compress(lo: &mut lopdf::Document) {
    use std::io::Write as _;
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    qbank_core::parallel::map_ordered_mut(&mut streams, 1, |_, stream| {
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 3),
            flate2::Compression::default(),
        );
        if encoder.write_all(&stream.content).is_err() {
            return;
        }
        let Ok(compressed) = encoder.finish() else {
            return;
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    });
}

/// Declares the language, asks viewers to show the title rather than the file name, and
/// drops the dates from the document information when the document has none.
fn finish_catalog(lo: &mut lopdf::Document, lang: &str, dated: bool) {
    if let Ok(info) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(dict) = lo.get_object_mut(info).and_then(Object::as_dict_mut) {
            // printpdf fills in PDF/X and trapping keys; this file claims no such conformance.
            for key in [
                &b"GTS_PDFXVersion"[..],
                b"Trapped",
                b"Identifier",
                b"Author",
            ] {
                dict.remove(key);
            }
            if !dated {
                dict.remove(b"CreationDate");
                dict.remove(b"ModDate");
            }
        }
    }
    let Ok(root) = lo.trailer.get(b"Root").and_then(Object::as_reference) else {
        return;
    };
    if let Ok(catalog) = lo.get_object_mut(root).and_then(Object::as_dict_mut) {
        catalog.set(
            "Lang",
            Object::String(lang.as_bytes().to_vec(), lopdf::StringFormat::Literal),
        );
        let mut prefs = lopdf::Dictionary::new();
        prefs.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    }
}

/// The header and footer of page `n` of `count`.
fn furniture(doc: &Document, faces: &Faces, frame: Frame, n: usize, count: usize) -> Vec<Draw> {
    let small = Style {
        face: FaceId::Regular,
        size: 7.5,
        leading: 10.0,
        color: MUTED,
        italic: false,
    };
    let w = frame.width;
    let fill = |s: &str| {
        s.replace("{page}", &n.to_string())
            .replace("{pages}", &count.to_string())
    };
    let mut draws = Vec::new();
    // Header: above the body, with a hairline under it. Footer: below the body.
    let header_y = -(TOP - 38.0);
    let footer_y = frame.body_height + (BOTTOM - 30.0);
    for (y, left, right) in [
        (header_y, fill(&doc.header.left), fill(&doc.header.right)),
        (footer_y, fill(&doc.footer.left), fill(&doc.footer.right)),
    ] {
        let right_w = faces
            .face(small.face)
            .width(&right, small.size)
            .min(w * 0.5);
        let right = layout::fit_text(faces, &right, small, right_w + 0.5);
        let right_w = faces.face(small.face).width(&right, small.size);
        let left = layout::fit_text(faces, &left, small, w - right_w - 18.0);
        draws.push(Draw::Text {
            x: 0.0,
            y,
            face: small.face,
            size: small.size,
            color: small.color,
            italic: false,
            text: left,
        });
        draws.push(Draw::Text {
            x: w - right_w,
            y,
            face: small.face,
            size: small.size,
            color: small.color,
            italic: false,
            text: right,
        });
    }
    draws.push(Draw::Line {
        x1: 0.0,
        y1: header_y + 6.0,
        x2: w,
        y2: header_y + 6.0,
        width: 0.4,
        color: RULE,
    });
    draws
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(c.0, c.1, c.2, None))
}

/// printpdf operations for one page's drawings, shapes first and then all text in one text
/// object; records the characters each face prints.
fn render(draws: &[(f32, Draw)], page_height: f32, used: &mut UsedChars) -> Vec<Op> {
    let to_x = |x: f32| MARGIN_X + x;
    let to_y = |top: f32, y: f32| page_height - TOP - (top + y);
    let mut ops = Vec::new();
    let mut stroke: Option<(Rgb, f32)> = None;
    let mut fill_color: Option<Rgb> = None;
    let mut set_stroke = |ops: &mut Vec<Op>, c: Rgb, w: f32| {
        if stroke != Some((c, w)) {
            ops.push(Op::SetOutlineColor { col: color(c) });
            ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            stroke = Some((c, w));
        }
    };
    for (top, d) in draws {
        match d {
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color: c,
            } => {
                set_stroke(&mut ops, *c, *width);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(to_x(*x1)),
                                    y: Pt(to_y(*top, *y1)),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(to_x(*x2)),
                                    y: Pt(to_y(*top, *y2)),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Draw::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke: edge,
            } => {
                let rect = |mode| Rect {
                    x: Pt(to_x(*x)),
                    y: Pt(to_y(*top, y + h)),
                    width: Pt(*w),
                    height: Pt(*h),
                    mode: Some(mode),
                    winding_order: None,
                };
                if let Some(c) = fill {
                    if fill_color != Some(*c) {
                        ops.push(Op::SetFillColor { col: color(*c) });
                        fill_color = Some(*c);
                    }
                    ops.push(Op::DrawRectangle {
                        rectangle: rect(PaintMode::Fill),
                    });
                }
                if let Some((c, width)) = edge {
                    set_stroke(&mut ops, *c, *width);
                    ops.push(Op::DrawRectangle {
                        rectangle: rect(PaintMode::Stroke),
                    });
                }
            }
            Draw::Text { .. } => {}
        }
    }
    let mut font: Option<(FaceId, f32)> = None;
    let mut started = false;
    // Where the current text line starts, when the text matrix is a plain translation.
    let mut line_start: Option<(f32, f32)> = None;
    for (top, d) in draws {
        let Draw::Text {
            x,
            y,
            face,
            size,
            color: c,
            italic,
            text,
        } = d
        else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        if !started {
            ops.push(Op::StartTextSection);
            started = true;
        }
        if font != Some((*face, *size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(*face)),
                size: Pt(*size),
            });
            font = Some((*face, *size));
        }
        if fill_color != Some(*c) {
            ops.push(Op::SetFillColor { col: color(*c) });
            fill_color = Some(*c);
        }
        let (px, py) = (to_x(*x), to_y(*top, *y));
        // Upright text moves relative to the previous line (Td, two numbers); slanted text,
        // and the first text after it, set the whole matrix (Tm, six).
        match (italic, line_start) {
            (false, Some((lx, ly))) => ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt(px - lx),
                    y: Pt(py - ly),
                },
            }),
            (false, None) => ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(px), Pt(py)),
            }),
            (true, _) => ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Raw([1.0, 0.0, SLANT, 1.0, px, py]),
            }),
        }
        line_start = (!italic).then_some((px, py));
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.clone())],
        });
        used.entry(*face).or_default().extend(text.chars());
    }
    if started {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// The document with every character the fonts lack replaced by `�` (or `?`), and a warning
/// per place that had any.
fn replace_missing_glyphs(doc: &Document, faces: &Faces) -> (Document, Vec<Warning>) {
    let replacement = if faces.covers('\u{FFFD}') {
        '\u{FFFD}'
    } else {
        '?'
    };
    let mut missing: Vec<(String, BTreeSet<char>)> = Vec::new();
    let mut right_to_left: Vec<String> = Vec::new();
    let mut fix = |text: &mut String, source: &str| {
        if text.chars().any(is_right_to_left) && !right_to_left.iter().any(|s| s == source) {
            right_to_left.push(source.to_owned());
        }
        if text.chars().all(|c| c == '\n' || faces.covers(c)) {
            return;
        }
        let mut out = String::with_capacity(text.len());
        let mut bad = BTreeSet::new();
        for c in text.chars() {
            if c == '\t' {
                out.push(' ');
            } else if c == '\n' || faces.covers(c) {
                out.push(c);
            } else {
                bad.insert(c);
                out.push(replacement);
            }
        }
        *text = out;
        if bad.is_empty() {
            return;
        }
        match missing.iter_mut().find(|(s, _)| s == source) {
            Some((_, set)) => set.extend(bad),
            None => missing.push((source.to_owned(), bad)),
        }
    };
    let mut doc = doc.clone();
    fix(&mut doc.header.left, "the page header");
    fix(&mut doc.header.right, "the page header");
    fix(&mut doc.footer.left, "the page footer");
    fix(&mut doc.footer.right, "the page footer");
    let mut source = "the cover".to_owned();
    fix_blocks(&mut doc.blocks, &mut source, &mut fix);
    let warnings = missing
        .into_iter()
        .map(|(source, chars)| Warning::MissingGlyphs {
            source,
            chars: chars.into_iter().collect(),
            replacement,
        })
        .chain(
            right_to_left
                .into_iter()
                .map(|source| Warning::RightToLeft { source }),
        )
        .collect();
    (doc, warnings)
}

/// A letter of a script written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms, the byte-order mark U+FEFF aside): the layout writes every line left
/// to right, one glyph per character.
fn is_right_to_left(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
    )
}

fn fix_blocks(blocks: &mut [Block], source: &mut String, fix: &mut dyn FnMut(&mut String, &str)) {
    let runs = |runs: &mut Vec<Run>, source: &str, fix: &mut dyn FnMut(&mut String, &str)| {
        for r in runs {
            fix(&mut r.text, source);
        }
    };
    for b in blocks {
        match b {
            Block::Title { text, subtitle } => {
                fix(text, source);
                if let Some(s) = subtitle {
                    fix(s, source);
                }
            }
            Block::Heading { level, text } => {
                if *level <= 1 {
                    *source = format!("the part headed \"{text}\"");
                }
                fix(text, source);
            }
            Block::Paragraph { runs: r, .. } => runs(r, source, fix),
            Block::List { items, .. } => {
                for item in items {
                    runs(item, source, fix);
                }
            }
            Block::Checklist { items } => {
                for item in items {
                    fix(item, source);
                }
            }
            Block::Fields { fields } => {
                for f in fields {
                    fix(&mut f.label, source);
                    if let Some(v) = &mut f.value {
                        fix(v, source);
                    }
                }
            }
            Block::RatingRow { label, choices } => {
                fix(label, source);
                for c in choices {
                    fix(&mut c.mark, source);
                    if let Some(a) = &mut c.anchor {
                        fix(a, source);
                    }
                }
            }
            Block::Table { columns, rows } => {
                for c in columns {
                    fix(&mut c.title, source);
                }
                for row in rows {
                    for cell in row {
                        match cell {
                            Cell::Text(r) => runs(r, source, fix),
                            Cell::Boxes(marks) => marks.iter_mut().for_each(|m| fix(m, source)),
                        }
                    }
                }
            }
            Block::KeepTogether {
                source: inner,
                blocks,
            } => {
                let mut s = inner.clone().unwrap_or_else(|| source.clone());
                fix_blocks(blocks, &mut s, fix);
            }
            Block::NoteLines { .. } | Block::PageBreak => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_unix_time() {
        assert_eq!(unix_date("1970-01-01"), 0);
        assert_eq!(unix_date("2000-03-01"), 951_868_800);
        assert_eq!(unix_date("2026-03-01"), 1_772_323_200);
        assert_eq!(unix_date("yesterday"), 0);
        assert_eq!(unix_date("2026-13-01"), 0);
    }
}
