//! From blocks to positioned drawings on pages: line breaking by glyph advances, the look of
//! each block, and pagination that keeps headings with what follows and questions in one piece.
//!
//! Coordinates here run down the page: x from the left margin, y from the top of an item.
//! Only the final rendering turns them into PDF coordinates.

use std::sync::Arc;

use qbank_doc::{Block, Cell, Choice, Column, Field, ListMarker, ParagraphStyle, Run};

use super::fonts::{FaceId, Faces};
use crate::Warning;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub f32, pub f32, pub f32);

pub(crate) const INK: Rgb = Rgb(0.11, 0.12, 0.14);
pub(crate) const ACCENT: Rgb = Rgb(0.09, 0.25, 0.42);
pub(crate) const MUTED: Rgb = Rgb(0.40, 0.43, 0.48);
pub(crate) const RULE: Rgb = Rgb(0.74, 0.76, 0.80);
pub(crate) const BAND: Rgb = Rgb(0.93, 0.95, 0.97);
/// The red of a red flag's marker.
const FLAG: Rgb = Rgb(0.70, 0.16, 0.12);

/// A thing to draw, relative to its item (y down from the item's top).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draw {
    /// Text on a baseline at `y`.
    Text {
        x: f32,
        y: f32,
        face: FaceId,
        size: f32,
        color: Rgb,
        italic: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
    /// A rectangle with its top-left corner at (x, y).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
}

impl Draw {
    /// The topmost y the drawing reaches: where it goes when an item is split.
    fn top(&self) -> f32 {
        match self {
            Draw::Text { y, size, .. } => y - size * 0.8,
            Draw::Line { y1, y2, .. } => y1.min(*y2),
            Draw::Rect { y, .. } => *y,
        }
    }

    /// The drawing `dx` to the right.
    fn moved(mut self, dx: f32) -> Draw {
        match &mut self {
            Draw::Text { x, .. } | Draw::Rect { x, .. } => *x += dx,
            Draw::Line { x1, x2, .. } => {
                *x1 += dx;
                *x2 += dx;
            }
        }
        self
    }

    fn shifted(mut self, dy: f32) -> Draw {
        match &mut self {
            Draw::Text { y, .. } | Draw::Rect { y, .. } => *y += dy,
            Draw::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
        }
        self
    }
}

/// A unit of pagination.
#[derive(Debug, Clone, Default)]
pub(crate) struct Item {
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    pub draws: Vec<Draw>,
    /// Never the last thing on a page (headings).
    pub keep_with_next: bool,
    /// May be split across pages at `breaks` even when it would fit on the next page.
    pub splittable: bool,
    /// Offsets (ascending) at which the item may be split: between lines, rows, items.
    pub breaks: Vec<f32>,
    /// Drawn again at the top of a continuation (a table's header row).
    pub repeat: Option<Arc<Item>>,
    /// Forces a new page (the item itself is empty).
    pub page_break: bool,
    /// The item ends with ruled lines this far apart: when it is the last on its page, more
    /// lines fill the page below it.
    pub extend_lines: Option<f32>,
    /// How much of the height is ruled lines that may be dropped to make the item fit.
    pub shrink: f32,
    /// A group kept together that may still be split when it takes most of a page and the
    /// page has much room left (the standard layout's questions; a compact one never is).
    pub split_if_big: bool,
    pub source: Option<String>,
}

impl Item {
    fn break_at(mut self, page_break: bool) -> Item {
        self.page_break = page_break;
        self
    }

    /// Splits at `at` (one of `breaks`): the part above, and the rest with the repeated
    /// header on top.
    fn split(self, at: f32) -> (Item, Item) {
        let mut first = Item {
            height: at,
            space_before: self.space_before,
            source: self.source.clone(),
            ..Item::default()
        };
        let header_h = self.repeat.as_ref().map_or(0.0, |h| h.height);
        let mut rest = Item {
            height: self.height - at + header_h,
            splittable: self.splittable,
            extend_lines: self.extend_lines,
            // The ruled lines that may give way are at the end: they go with the rest.
            shrink: self.shrink,
            repeat: self.repeat.clone(),
            source: self.source.clone(),
            ..Item::default()
        };
        if let Some(h) = &self.repeat {
            rest.draws.extend(h.draws.iter().cloned());
        }
        for d in self.draws {
            if d.top() < at - 0.01 {
                first.draws.push(d);
            } else {
                rest.draws.push(d.shifted(header_h - at));
            }
        }
        first.breaks = self.breaks.iter().copied().filter(|&b| b < at).collect();
        rest.breaks = self
            .breaks
            .iter()
            .filter(|&&b| b > at + 0.01)
            .map(|&b| b - at + header_h)
            .collect();
        (first, rest)
    }
}

/// One laid-out page: items at their y offsets in the body.
pub(crate) type Page = Vec<(f32, Item)>;

/// Sizes and spaces of the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub width: f32,
    pub body_height: f32,
}

/// A style of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub face: FaceId,
    pub size: f32,
    pub leading: f32,
    pub color: Rgb,
    pub italic: bool,
}

impl Style {
    const fn new(face: FaceId, size: f32, leading: f32, color: Rgb) -> Style {
        Style {
            face,
            size,
            leading,
            color,
            italic: false,
        }
    }

    fn bold(self) -> Style {
        Style {
            face: FaceId::Bold,
            ..self
        }
    }

    /// Where the baseline sits below the top of a line.
    fn baseline(&self) -> f32 {
        (self.leading - self.size) / 2.0 + self.size * 0.8
    }
}

const BODY: Style = Style::new(FaceId::Regular, 10.0, 14.5, INK);
const LEAD: Style = Style::new(FaceId::Regular, 11.5, 16.0, INK);
const META: Style = Style::new(FaceId::Regular, 8.5, 12.0, MUTED);
const TITLE: Style = Style::new(FaceId::Bold, 24.0, 30.0, ACCENT);
const SUBTITLE: Style = Style::new(FaceId::Regular, 13.0, 18.0, MUTED);
const H1: Style = Style::new(FaceId::Bold, 14.5, 19.0, ACCENT);
const H2: Style = Style::new(FaceId::Bold, 11.0, 15.0, INK);
const H3: Style = Style::new(FaceId::Bold, 7.5, 11.0, MUTED);
const LABEL: Style = Style::new(FaceId::Bold, 8.5, 12.0, MUTED);
const CELL: Style = Style::new(FaceId::Regular, 9.5, 13.0, INK);
const CELL_HEAD: Style = Style::new(FaceId::Bold, 8.0, 11.0, MUTED);
const FIELD: Style = Style::new(FaceId::Regular, 10.5, 14.0, INK);

/// Indent of list and checklist text.
const INDENT: f32 = 16.0;
/// Space between ruled note lines.
const NOTE_LINE: f32 = 21.0;
/// Ruled lines a block keeps when lines are dropped to fit it on a page.
const MIN_NOTE_LINES: u32 = 2;
const BOX: f32 = 9.0;
/// A group kept together that is taller than this share of the page body may be split...
const BIG_GROUP: f32 = 0.5;
/// ...when the page has at least this share of its body left.
const ROOM_WORTH_FILLING: f32 = 0.3;

/// A piece of text in one style.
#[derive(Debug, Clone)]
struct Piece {
    style: Style,
    text: String,
}

/// A line of text: pieces at x offsets.
#[derive(Debug, Clone, Default)]
struct Line {
    pieces: Vec<(f32, Piece)>,
    width: f32,
}

/// Lays blocks out as items.
pub(crate) struct Layout<'a> {
    faces: &'a Faces,
    frame: Frame,
    /// Type size relative to the standard layout (smaller for the compact one).
    scale: f32,
    /// The compact layout: besides smaller type, checklists in two columns and rating rows
    /// with their anchors side by side under the boxes.
    compact: bool,
    pub warnings: Vec<Warning>,
    /// What the blocks being laid out print, for warnings.
    source: String,
}

impl<'a> Layout<'a> {
    pub fn new(faces: &'a Faces, frame: Frame) -> Layout<'a> {
        Layout {
            faces,
            frame,
            scale: 1.0,
            compact: false,
            warnings: Vec::new(),
            source: "the cover".to_owned(),
        }
    }

    /// The compact layout: type `scale` times the standard size, checklists in two columns,
    /// anchors of a rating row side by side.
    pub fn compact(self, scale: f32) -> Layout<'a> {
        Layout {
            scale,
            compact: true,
            ..self
        }
    }

    /// Spaces between blocks relative to the standard layout: tighter than the type in the
    /// compact layout.
    fn space(&self) -> f32 {
        if self.compact {
            self.scale * 0.75
        } else {
            1.0
        }
    }

    /// A style at this layout's scale.
    fn s(&self, style: Style) -> Style {
        Style {
            size: style.size * self.scale,
            leading: style.leading * self.scale,
            ..style
        }
    }

    fn width_of(&self, style: Style, text: &str) -> f32 {
        self.faces.face(style.face).width(text, style.size)
    }

    /// Breaks styled runs into lines no wider than `width`.
    fn break_lines(&mut self, runs: &[(Style, &str)], width: f32) -> Vec<Line> {
        // Words: maximal runs of non-space characters, possibly in several styles.
        let mut words: Vec<Vec<Piece>> = Vec::new();
        let mut hard_breaks: Vec<usize> = Vec::new();
        let mut in_word = false;
        for (style, text) in runs {
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    hard_breaks.push(words.len());
                    in_word = false;
                }
                let mut chars = part.char_indices().peekable();
                while let Some(&(start, c)) = chars.peek() {
                    if c.is_whitespace() {
                        in_word = false;
                        chars.next();
                        continue;
                    }
                    let mut end = start;
                    while let Some(&(j, c)) = chars.peek() {
                        if c.is_whitespace() {
                            break;
                        }
                        end = j + c.len_utf8();
                        chars.next();
                    }
                    let piece = Piece {
                        style: *style,
                        text: part[start..end].to_owned(),
                    };
                    match words.last_mut() {
                        Some(w) if in_word => w.push(piece),
                        _ => words.push(vec![piece]),
                    }
                    // A word that reaches the end of its run continues into the next run.
                    in_word = end == part.len();
                }
            }
        }
        let mut lines = vec![Line::default()];
        for (n, word) in words.into_iter().enumerate() {
            if hard_breaks.contains(&n) && !lines.last().is_some_and(|l| l.pieces.is_empty()) {
                lines.push(Line::default());
            }
            let word_width: f32 = word.iter().map(|p| self.width_of(p.style, &p.text)).sum();
            let line = lines.last_mut().expect("one line at least");
            let gap = if line.pieces.is_empty() {
                0.0
            } else {
                self.width_of(word[0].style, " ")
            };
            if line.width + gap + word_width <= width + 0.01 {
                place_word(line, gap, word, self);
                continue;
            }
            if word_width <= width + 0.01 {
                let mut fresh = Line::default();
                place_word(&mut fresh, 0.0, word, self);
                lines.push(fresh);
                continue;
            }
            // Wider than a line: break it into pieces that fit.
            self.break_long_word(&mut lines, word, width);
        }
        if lines.len() > 1 && lines.last().is_some_and(|l| l.pieces.is_empty()) {
            lines.pop();
        }
        lines
    }

    /// Breaks a word wider than a line: after `/ - _ . ? & = #` when there is such a place in
    /// the second half of the part that fits, otherwise anywhere, with a hyphen.
    fn break_long_word(&mut self, lines: &mut Vec<Line>, word: Vec<Piece>, width: f32) {
        let chars: Vec<(Style, char)> = word
            .iter()
            .flat_map(|p| p.text.chars().map(move |c| (p.style, c)))
            .collect();
        let natural = chars
            .iter()
            .any(|(_, c)| matches!(c, '/' | '-' | '_' | '.' | '?' | '&' | '=' | '#'));
        // One warning per place is enough to find the word.
        let reported = self
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::LongWord { source, .. } if *source == self.source));
        if !natural && !reported {
            let start: String = chars.iter().take(24).map(|(_, c)| c).collect();
            self.warnings.push(Warning::LongWord {
                source: self.source.clone(),
                start,
                chars: chars.len(),
            });
        }
        // Start on a fresh line unless the current one is mostly empty.
        if lines.last().is_some_and(|l| l.width > width * 0.5) {
            lines.push(Line::default());
        }
        let mut i = 0;
        while i < chars.len() {
            let line = lines.last_mut().expect("one line at least");
            let gap = if line.pieces.is_empty() {
                0.0
            } else {
                self.width_of(chars[i].0, " ")
            };
            let room = width - line.width - gap;
            let hyphen = self.width_of(chars[i].0, "-");
            // The longest prefix that fits, leaving room for a hyphen.
            let mut w = 0.0;
            let mut end = i;
            while end < chars.len() {
                let (s, c) = chars[end];
                let cw = self.faces.face(s.face).advance(c) * s.size;
                let need = if end + 1 == chars.len() { 0.0 } else { hyphen };
                if w + cw + need > room + 0.01 {
                    break;
                }
                w += cw;
                end += 1;
            }
            if end == i {
                if line.pieces.is_empty() {
                    // Not even one character fits: place it anyway rather than loop.
                    end = i + 1;
                } else {
                    lines.push(Line::default());
                    continue;
                }
            }
            let mut hyphenate = end < chars.len();
            if hyphenate {
                if let Some(p) = (i + (end - i) / 2..end)
                    .rev()
                    .find(|&p| matches!(chars[p].1, '/' | '-' | '_' | '.' | '?' | '&' | '=' | '#'))
                {
                    end = p + 1;
                    hyphenate = false;
                } else if !(chars[end - 1].1.is_alphanumeric() && chars[end].1.is_alphanumeric()) {
                    hyphenate = false;
                }
            }
            let mut pieces: Vec<Piece> = Vec::new();
            for &(s, c) in &chars[i..end] {
                match pieces.last_mut() {
                    Some(p) if p.style == s => p.text.push(c),
                    _ => pieces.push(Piece {
                        style: s,
                        text: c.to_string(),
                    }),
                }
            }
            if hyphenate {
                if let Some(p) = pieces.last_mut() {
                    p.text.push('-');
                }
            }
            place_word(line, gap, pieces, self);
            i = end;
            if i < chars.len() {
                lines.push(Line::default());
            }
        }
    }

    /// Text set in lines at (x, top) with `style`; returns the draws and the height.
    fn text_block(
        &mut self,
        runs: &[Run],
        style: Style,
        x: f32,
        width: f32,
    ) -> (Vec<Draw>, f32, Vec<f32>) {
        let styled: Vec<(Style, &str)> = runs
            .iter()
            .map(|r| {
                let mut s = if r.bold { style.bold() } else { style };
                s.italic = r.italic;
                (s, r.text.as_str())
            })
            .collect();
        self.lines_to_draws(&styled, style, x, width)
    }

    fn lines_to_draws(
        &mut self,
        styled: &[(Style, &str)],
        style: Style,
        x: f32,
        width: f32,
    ) -> (Vec<Draw>, f32, Vec<f32>) {
        let lines = self.break_lines(styled, width);
        let mut draws = Vec::new();
        let mut breaks = Vec::new();
        for (n, line) in lines.iter().enumerate() {
            let top = n as f32 * style.leading;
            if n > 0 {
                breaks.push(top);
            }
            // Pieces of one style are drawn as one string, spaces included: the gaps between
            // words are exactly one space wide, and readers extract the text with its spaces.
            let mut end_x = f32::NEG_INFINITY;
            let mut last_style = None;
            for (px, piece) in &line.pieces {
                if last_style == Some(piece.style) {
                    if let Some(Draw::Text { text, .. }) = draws.last_mut() {
                        if (px - end_x).abs() > 0.01 {
                            text.push(' ');
                        }
                        text.push_str(&piece.text);
                        end_x = px + self.width_of(piece.style, &piece.text);
                        continue;
                    }
                }
                draws.push(Draw::Text {
                    x: x + px,
                    y: top + style.baseline(),
                    face: piece.style.face,
                    size: piece.style.size,
                    color: piece.style.color,
                    italic: piece.style.italic,
                    text: piece.text.clone(),
                });
                end_x = px + self.width_of(piece.style, &piece.text);
                last_style = Some(piece.style);
            }
        }
        (draws, lines.len() as f32 * style.leading, breaks)
    }

    fn plain(&mut self, text: &str, style: Style, x: f32, width: f32) -> (Vec<Draw>, f32) {
        let (d, h, _) = self.lines_to_draws(&[(style, text)], style, x, width);
        (d, h)
    }

    /// Lays out the document's blocks as items.
    pub fn blocks(&mut self, blocks: &[Block]) -> Vec<Item> {
        let mut items = Vec::new();
        for b in blocks {
            self.block(b, &mut items);
        }
        items
    }

    fn block(&mut self, block: &Block, items: &mut Vec<Item>) {
        let w = self.frame.width;
        match block {
            Block::Title { text, subtitle } => {
                let (mut draws, mut h) = self.plain(text, self.s(TITLE), 0.0, w);
                if let Some(sub) = subtitle {
                    h += 2.0;
                    let (d, sh) = self.plain(sub, self.s(SUBTITLE), 0.0, w);
                    draws.extend(d.into_iter().map(|d| d.shifted(h)));
                    h += sh;
                }
                h += 8.0;
                draws.push(Draw::Line {
                    x1: 0.0,
                    y1: h,
                    x2: 56.0,
                    y2: h,
                    width: 2.5,
                    color: ACCENT,
                });
                items.push(Item {
                    height: h + 12.0,
                    draws,
                    ..Item::default()
                });
            }
            Block::Heading { level, text } => {
                if *level <= 1 {
                    self.source = format!("the part headed \"{text}\"");
                }
                items.push(self.heading(*level, text));
            }
            Block::Paragraph { style, runs } => {
                let (s, before) = match style {
                    ParagraphStyle::Body => (self.s(BODY), 6.0 * self.space()),
                    ParagraphStyle::Lead => (self.s(LEAD), 5.0 * self.space()),
                    ParagraphStyle::Meta => (self.s(META), 1.0),
                };
                let (draws, h, breaks) = self.text_block(runs, s, 0.0, w);
                items.push(Item {
                    height: h,
                    space_before: before,
                    draws,
                    breaks,
                    splittable: *style != ParagraphStyle::Meta && h > 6.0 * s.leading,
                    keep_with_next: *style == ParagraphStyle::Meta,
                    ..Item::default()
                });
            }
            Block::List {
                marker,
                items: entries,
            } if self.compact && entries.len() > 1 => {
                let mark = match marker {
                    ListMarker::Bullet => ("•", INK),
                    ListMarker::Flag => ("⚑", FLAG),
                };
                items.push(self.two_columns(entries, Some(mark)));
            }
            Block::List {
                marker,
                items: entries,
            } => {
                let mut item = Item {
                    space_before: 3.0 * self.scale,
                    ..Item::default()
                };
                for (n, runs) in entries.iter().enumerate() {
                    if n > 0 {
                        item.height += 3.0;
                        item.breaks.push(item.height);
                    }
                    let (marker_text, marker_style) = match marker {
                        ListMarker::Bullet => ("•", self.s(BODY)),
                        ListMarker::Flag => (
                            "⚑",
                            Style {
                                color: FLAG,
                                ..self.s(BODY)
                            },
                        ),
                    };
                    item.draws.push(Draw::Text {
                        x: 4.0,
                        y: item.height + self.s(BODY).baseline(),
                        face: marker_style.face,
                        size: marker_style.size * 0.9,
                        color: marker_style.color,
                        italic: false,
                        text: marker_text.to_owned(),
                    });
                    let (d, h, br) = self.text_block(runs, self.s(BODY), INDENT, w - INDENT);
                    let top = item.height;
                    item.draws.extend(d.into_iter().map(|d| d.shifted(top)));
                    item.breaks.extend(br.into_iter().map(|b| b + top));
                    item.height += h;
                }
                item.splittable = true;
                items.push(item);
            }
            Block::Checklist { items: entries } if self.compact && entries.len() > 1 => {
                let runs: Vec<Vec<Run>> = entries.iter().map(|t| vec![Run::plain(t)]).collect();
                items.push(self.two_columns(&runs, None));
            }
            Block::Checklist { items: entries } => {
                let mut item = Item {
                    space_before: 3.0 * self.scale,
                    splittable: true,
                    ..Item::default()
                };
                for (n, text) in entries.iter().enumerate() {
                    if n > 0 {
                        item.height += 3.0;
                        item.breaks.push(item.height);
                    }
                    let top = item.height;
                    let box_top = top + self.s(BODY).baseline() - BOX + 0.5;
                    item.draws.push(Draw::Rect {
                        x: 2.0,
                        y: box_top,
                        w: BOX,
                        h: BOX,
                        fill: None,
                        stroke: Some((MUTED, 0.7)),
                    });
                    let (d, h, br) = self.text_block(
                        &[Run::plain(text.clone())],
                        self.s(BODY),
                        INDENT,
                        w - INDENT,
                    );
                    item.draws.extend(d.into_iter().map(|d| d.shifted(top)));
                    item.breaks.extend(br.into_iter().map(|b| b + top));
                    item.height += h;
                }
                items.push(item);
            }
            Block::Fields { fields } if self.compact && fields.len() > 1 => {
                // Two columns of fields, the first half on the left.
                let gap = 18.0;
                let full = self.frame.width;
                let half = (full - gap) / 2.0;
                let split = fields.len().div_ceil(2);
                self.frame.width = half;
                let left = self.fields(&fields[..split]);
                let right = self.fields(&fields[split..]);
                self.frame.width = full;
                let mut item = Item {
                    height: left.height.max(right.height),
                    space_before: left.space_before,
                    draws: left.draws,
                    ..Item::default()
                };
                let dx = half + gap;
                item.draws
                    .extend(right.draws.into_iter().map(|d| d.moved(dx)));
                items.push(item);
            }
            Block::Fields { fields } => items.push(self.fields(fields)),
            Block::RatingRow { label, choices } => items.push(self.rating_row(label, choices)),
            Block::NoteLines { lines } => {
                let mut item = Item {
                    space_before: 2.0 * self.scale,
                    splittable: true,
                    ..Item::default()
                };
                for n in 0..*lines {
                    let y = (n + 1) as f32 * NOTE_LINE;
                    if n > 0 {
                        item.breaks.push(n as f32 * NOTE_LINE + 2.0);
                    }
                    item.draws.push(Draw::Line {
                        x1: 0.0,
                        y1: y,
                        x2: w,
                        y2: y,
                        width: 0.5,
                        color: RULE,
                    });
                }
                item.height = *lines as f32 * NOTE_LINE + 4.0;
                item.extend_lines = Some(NOTE_LINE);
                // In the compact layout every line may give way to fit one more question on
                // the page; the last question on a page is ruled down to its bottom anyway.
                let keep = if self.compact { 0 } else { MIN_NOTE_LINES };
                item.shrink = lines.saturating_sub(keep) as f32 * NOTE_LINE;
                items.push(item);
            }
            Block::Table { columns, rows } => items.push(self.table(columns, rows)),
            Block::PageBreak => items.push(Item::default().break_at(true)),
            Block::KeepTogether { source, blocks } => {
                let saved = self.source.clone();
                if let Some(s) = source {
                    self.source = s.clone();
                }
                let mut inner = Vec::new();
                for b in blocks {
                    self.block(b, &mut inner);
                }
                let mut group = merge(inner);
                group.source = Some(self.source.clone());
                group.split_if_big = !self.compact;
                // Ruled note lines give way before a group is split: only what is left
                // when they are gone has to fit. A question that fits a page only without
                // any note lines loses them all rather than leave a page of lines behind.
                if fit_height(&group) > self.frame.body_height && group.extend_lines.is_some() {
                    let all = group.shrink + MIN_NOTE_LINES as f32 * NOTE_LINE;
                    if group.height - all <= self.frame.body_height {
                        group.shrink = all;
                    }
                }
                if fit_height(&group) > self.frame.body_height {
                    self.warnings.push(Warning::SplitBlock {
                        source: self.source.clone(),
                    });
                    group.splittable = true;
                }
                items.push(group);
                self.source = saved;
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str) -> Item {
        let w = self.frame.width;
        match level {
            0 | 1 => {
                let (mut draws, h) = self.plain(text, self.s(H1), 0.0, w);
                draws.push(Draw::Line {
                    x1: 0.0,
                    y1: h + 3.0,
                    x2: w,
                    y2: h + 3.0,
                    width: 0.6,
                    color: RULE,
                });
                Item {
                    height: h + 9.0,
                    space_before: 16.0 * self.scale,
                    draws,
                    keep_with_next: true,
                    ..Item::default()
                }
            }
            2 => {
                let (d, h) = self.plain(text, self.s(H2), 7.0, w - 14.0);
                let pad = if self.compact { 3.0 } else { 4.0 };
                let band = h + 2.0 * pad;
                let mut draws = vec![Draw::Rect {
                    x: 0.0,
                    y: 0.0,
                    w,
                    h: band,
                    fill: Some(BAND),
                    stroke: None,
                }];
                draws.push(Draw::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: 2.5,
                    h: band,
                    fill: Some(ACCENT),
                    stroke: None,
                });
                draws.extend(d.into_iter().map(|d| d.shifted(pad)));
                Item {
                    height: band + 3.0,
                    space_before: 16.0 * self.space(),
                    draws,
                    keep_with_next: true,
                    ..Item::default()
                }
            }
            _ => {
                let upper = text.to_uppercase();
                let (draws, h) = self.plain(&upper, self.s(H3), 0.0, w);
                Item {
                    height: h + 1.0,
                    space_before: 8.0 * self.space(),
                    draws,
                    keep_with_next: true,
                    ..Item::default()
                }
            }
        }
    }

    fn fields(&mut self, fields: &[Field]) -> Item {
        let w = self.frame.width;
        let label_w = fields
            .iter()
            .map(|f| self.width_of(self.s(LABEL), &f.label))
            .fold(0.0, f32::max)
            .min(w * 0.35)
            + 14.0;
        let mut item = Item {
            space_before: 8.0 * self.scale,
            splittable: true,
            ..Item::default()
        };
        for (n, f) in fields.iter().enumerate() {
            if n > 0 {
                item.breaks.push(item.height);
            }
            let top = item.height;
            let row = self.s(FIELD).leading + 6.0;
            let baseline = top + row - 6.0;
            let (d, _) = self.plain(&f.label, self.s(LABEL), 0.0, label_w - 8.0);
            // Align the label's baseline with the value's.
            item.draws.extend(
                d.into_iter()
                    .map(|d| d.shifted(baseline - self.s(LABEL).baseline())),
            );
            match &f.value {
                Some(v) => {
                    let (d, h) = self.plain(v, self.s(FIELD), label_w, w - label_w);
                    item.draws.extend(
                        d.into_iter()
                            .map(|d| d.shifted(baseline - self.s(FIELD).baseline())),
                    );
                    item.height += row + (h - self.s(FIELD).leading).max(0.0);
                }
                None => {
                    item.draws.push(Draw::Line {
                        x1: label_w,
                        y1: baseline + 2.0,
                        x2: w.min(label_w + 260.0),
                        y2: baseline + 2.0,
                        width: 0.6,
                        color: RULE,
                    });
                    item.height += row;
                }
            }
        }
        item.height += 4.0;
        item
    }

    /// A list or a checklist in two columns, the first half of the items on the left: a
    /// compact page holds more questions. `marker` is a bullet's text and colour, or `None`
    /// for a tick box.
    fn two_columns(&mut self, entries: &[Vec<Run>], marker: Option<(&str, Rgb)>) -> Item {
        let gap = 14.0;
        let col = (self.frame.width - gap) / 2.0;
        let body = self.s(BODY);
        let box_size = BOX * self.scale;
        let mut draws = Vec::new();
        let mut height: f32 = 0.0;
        let half = entries.len().div_ceil(2).max(1);
        for (c, column) in entries.chunks(half).enumerate() {
            let x0 = c as f32 * (col + gap);
            let mut y = 0.0;
            for (n, runs) in column.iter().enumerate() {
                if n > 0 {
                    y += 1.0;
                }
                match marker {
                    None => draws.push(Draw::Rect {
                        x: x0 + 1.0,
                        y: y + body.baseline() - box_size + 0.5,
                        w: box_size,
                        h: box_size,
                        fill: None,
                        stroke: Some((MUTED, 0.6)),
                    }),
                    Some((text, color)) => draws.push(Draw::Text {
                        x: x0 + 2.0,
                        y: y + body.baseline(),
                        face: body.face,
                        size: body.size * 0.9,
                        color,
                        italic: false,
                        text: text.to_owned(),
                    }),
                }
                let indent = box_size + 5.0;
                let (d, h, _) = self.text_block(runs, body, x0 + indent, col - indent);
                draws.extend(d.into_iter().map(|d| d.shifted(y)));
                y += h;
            }
            height = height.max(y);
        }
        Item {
            height,
            space_before: 3.0 * self.space(),
            draws,
            ..Item::default()
        }
    }

    /// A rating row whose anchors are sentences, in the compact layout: the four boxes in a
    /// row, each point's anchor wrapped under its mark, in small type.
    fn rating_grid(&mut self, choices: &[Choice]) -> Item {
        let w = self.frame.width;
        let gap = 6.0;
        let cell = (w - gap * (choices.len().max(1) - 1) as f32) / choices.len().max(1) as f32;
        let mark_style = self.s(Style::new(FaceId::Bold, 9.0, 10.0, INK));
        let anchor_style = self.s(Style::new(FaceId::Regular, 8.5, 10.0, INK));
        let box_size = BOX * self.scale + 1.0;
        let mut draws = Vec::new();
        let mut height: f32 = 0.0;
        for (n, c) in choices.iter().enumerate() {
            let x = n as f32 * (cell + gap);
            draws.push(Draw::Rect {
                x,
                y: mark_style.baseline() - box_size + 1.0,
                w: box_size,
                h: box_size,
                fill: None,
                stroke: Some((INK, 0.8)),
            });
            let text_x = x + box_size + 4.0;
            let room = (cell - box_size - 4.0).max(1.0);
            // The point's name in bold ("3 Solid"), then what such an answer sounds like.
            let (name, anchor) = match c.anchor.as_deref().map(|a| a.split_once(": ")) {
                Some(Some((name, rest))) => (format!("{} {name}", c.mark), Some(rest)),
                Some(None) => (
                    format!("{} {}", c.mark, c.anchor.as_deref().unwrap_or("")),
                    None,
                ),
                None => (c.mark.clone(), None),
            };
            let mut runs = vec![(mark_style, name.as_str())];
            let rest;
            if let Some(a) = anchor {
                rest = format!(" {a}");
                runs.push((anchor_style, rest.as_str()));
            }
            let (d, h, _) = self.lines_to_draws(&runs, anchor_style, text_x, room);
            let shift = mark_style.baseline() - anchor_style.baseline();
            draws.extend(d.into_iter().map(|d| d.shifted(shift)));
            height = height.max(h.max(mark_style.leading));
        }
        Item {
            height: height + 2.0,
            space_before: 6.0 * self.scale,
            draws,
            ..Item::default()
        }
    }

    fn rating_row(&mut self, label: &str, choices: &[Choice]) -> Item {
        let w = self.frame.width;
        let label_w = if label.is_empty() {
            0.0
        } else {
            (self.width_of(self.s(LABEL), label) + 14.0).clamp(64.0, w * 0.3)
        };
        let cell = (w - label_w) / choices.len().max(1) as f32;
        let row = 22.0;
        let baseline = 15.0;
        // Anchors that say what an answer sounds like do not fit beside their box: one line
        // per point, the anchor wrapped beside it.
        let mark_style = Style::new(FaceId::Bold, 9.5, 12.0, INK);
        let anchor_style = Style::new(FaceId::Regular, 8.5, 12.0, MUTED);
        let too_long = choices.iter().any(|c| {
            let used = BOX + 10.0 + self.width_of(mark_style, &c.mark) + 4.0;
            c.anchor
                .as_ref()
                .is_some_and(|a| self.width_of(anchor_style, a) > cell - used)
        });
        if too_long && self.compact {
            return self.rating_grid(choices);
        }
        if too_long {
            return self.rating_column(label, label_w, choices);
        }
        let mut draws = Vec::new();
        let (d, _) = self.plain(label, self.s(LABEL), 0.0, label_w - 6.0);
        draws.extend(
            d.into_iter()
                .map(|d| d.shifted(baseline - self.s(LABEL).baseline())),
        );
        for (n, c) in choices.iter().enumerate() {
            let x = label_w + n as f32 * cell;
            draws.push(Draw::Rect {
                x,
                y: baseline - BOX - 0.5,
                w: BOX + 2.0,
                h: BOX + 2.0,
                fill: None,
                stroke: Some((INK, 0.8)),
            });
            let mark_style = Style::new(FaceId::Bold, 9.5, 12.0, INK);
            let mut text_x = x + BOX + 7.0;
            let room = cell - (BOX + 10.0);
            let mark = fit(self, &c.mark, mark_style, room);
            draws.push(text_draw(text_x, baseline, mark_style, &mark));
            text_x += self.width_of(mark_style, &mark) + 4.0;
            if let Some(anchor) = &c.anchor {
                let room = x + cell - 4.0 - text_x;
                let s = Style::new(FaceId::Regular, 8.5, 12.0, MUTED);
                let anchor = fit(self, anchor, s, room);
                draws.push(text_draw(text_x, baseline, s, &anchor));
            }
        }
        Item {
            height: row,
            space_before: 8.0 * self.scale,
            draws,
            ..Item::default()
        }
    }

    /// A rating row whose anchors are sentences: a box, the mark and the anchor on a line of
    /// their own for each point, the anchor wrapped.
    fn rating_column(&mut self, label: &str, label_w: f32, choices: &[Choice]) -> Item {
        let w = self.frame.width;
        let label_style = self.s(LABEL);
        let mark_style = Style::new(FaceId::Bold, 9.5 * self.scale, 12.0 * self.scale, INK);
        let anchor_style = self.s(Style::new(FaceId::Regular, 8.5, 12.0, INK));
        let mut draws = Vec::new();
        let (d, _) = self.plain(label, label_style, 0.0, (label_w - 6.0).max(1.0));
        draws.extend(d.into_iter().map(|d| d.shifted(2.0)));
        let mark_w = choices
            .iter()
            .map(|c| self.width_of(mark_style, &c.mark))
            .fold(0.0, f32::max);
        let text_x = label_w + BOX + 8.0 + mark_w + 6.0;
        let mut y = 0.0;
        let mut breaks = Vec::new();
        for (n, c) in choices.iter().enumerate() {
            if n > 0 {
                breaks.push(y);
            }
            let line = mark_style.leading.max(anchor_style.leading);
            let top = y + (line - BOX) / 2.0 - 1.0;
            draws.push(Draw::Rect {
                x: label_w,
                y: top,
                w: BOX + 2.0,
                h: BOX + 2.0,
                fill: None,
                stroke: Some((INK, 0.8)),
            });
            draws.push(text_draw(
                label_w + BOX + 8.0,
                y + mark_style.baseline(),
                mark_style,
                &c.mark,
            ));
            let (d, h) = match &c.anchor {
                Some(anchor) => self.plain(anchor, anchor_style, text_x, (w - text_x).max(1.0)),
                None => (Vec::new(), line),
            };
            draws.extend(d.into_iter().map(|d| d.shifted(y)));
            y += h.max(line) + 3.0;
        }
        Item {
            height: y,
            space_before: 8.0 * self.scale,
            draws,
            breaks,
            ..Item::default()
        }
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>]) -> Item {
        let w = self.frame.width;
        let total: f32 = columns.iter().map(|c| c.width).sum::<f32>().max(0.001);
        let mut xs = Vec::with_capacity(columns.len() + 1);
        let mut x = 0.0;
        for c in columns {
            xs.push(x);
            x += c.width / total * w;
        }
        xs.push(w);
        let pad = 4.0;
        // Header row.
        let mut head = Item::default();
        let mut head_h: f32 = 0.0;
        let mut head_draws = Vec::new();
        for (i, c) in columns.iter().enumerate() {
            let cw = xs[i + 1] - xs[i] - 2.0 * pad;
            let (d, h) = self.plain(&c.title.to_uppercase(), self.s(CELL_HEAD), xs[i] + pad, cw);
            head_h = head_h.max(h);
            head_draws.extend(d.into_iter().map(|d| d.shifted(pad)));
        }
        head_h += 2.0 * pad;
        head.draws.push(Draw::Rect {
            x: 0.0,
            y: 0.0,
            w,
            h: head_h,
            fill: Some(BAND),
            stroke: None,
        });
        head.draws.extend(head_draws);
        head.height = head_h;
        let head = Arc::new(head);

        let mut item = Item {
            space_before: 6.0 * self.scale,
            splittable: true,
            draws: head.draws.clone(),
            height: head.height,
            repeat: Some(head.clone()),
            ..Item::default()
        };
        for row in rows {
            let top = item.height;
            let mut row_h: f32 = 0.0;
            let mut draws = Vec::new();
            for (i, cell) in row.iter().enumerate().take(columns.len()) {
                let cx = xs[i] + pad;
                let cw = xs[i + 1] - xs[i] - 2.0 * pad;
                match cell {
                    Cell::Text(runs) => {
                        let (d, h, _) = self.text_block(runs, self.s(CELL), cx, cw);
                        row_h = row_h.max(h);
                        draws.extend(d.into_iter().map(|d| d.shifted(top + pad)));
                    }
                    Cell::Boxes(marks) => {
                        let step = (cw / marks.len().max(1) as f32).min(30.0);
                        for (n, m) in marks.iter().enumerate() {
                            let bx = cx + n as f32 * step;
                            let baseline = top + pad + self.s(CELL).baseline();
                            draws.push(Draw::Rect {
                                x: bx,
                                y: baseline - BOX + 0.5,
                                w: BOX,
                                h: BOX,
                                fill: None,
                                stroke: Some((INK, 0.7)),
                            });
                            let s = Style::new(FaceId::Regular, 8.0, 11.0, MUTED);
                            draws.push(text_draw(bx + BOX + 2.5, baseline, s, m));
                        }
                        row_h = row_h.max(self.s(CELL).leading);
                    }
                }
            }
            row_h += 2.0 * pad;
            item.breaks.push(top);
            item.draws.extend(draws);
            item.draws.push(Draw::Line {
                x1: 0.0,
                y1: top + row_h,
                x2: w,
                y2: top + row_h,
                width: 0.4,
                color: RULE,
            });
            item.height += row_h;
        }
        // The first break (right under the header) would leave a header alone on a page.
        if !item.breaks.is_empty() {
            item.breaks.remove(0);
        }
        item
    }
}

fn text_draw(x: f32, baseline: f32, s: Style, text: &str) -> Draw {
    Draw::Text {
        x,
        y: baseline,
        face: s.face,
        size: s.size,
        color: s.color,
        italic: s.italic,
        text: text.to_owned(),
    }
}

/// `text` cut with an ellipsis to fit `room` points.
pub(crate) fn fit_text(faces: &Faces, text: &str, s: Style, room: f32) -> String {
    let face = faces.face(s.face);
    if face.width(text, s.size) <= room {
        return text.to_owned();
    }
    let ell = face.width("…", s.size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = face.advance(c) * s.size;
        if w + cw + ell > room {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

fn fit(layout: &Layout<'_>, text: &str, s: Style, room: f32) -> String {
    fit_text(layout.faces, text, s, room)
}

fn place_word(line: &mut Line, gap: f32, word: Vec<Piece>, layout: &Layout<'_>) {
    let mut x = line.width + gap;
    for p in word {
        let w = layout.width_of(p.style, &p.text);
        line.pieces.push((x, p));
        x += w;
    }
    line.width = x;
}

/// One item from several: stacked with their spaces, keeping their break points.
fn merge(items: Vec<Item>) -> Item {
    let mut out = Item::default();
    let mut after_heading = false;
    for (n, it) in items.into_iter().enumerate() {
        if it.page_break {
            continue;
        }
        if n == 0 {
            out.space_before = it.space_before;
        } else {
            // Should the group ever be split, never right under a heading.
            if !after_heading {
                out.breaks.push(out.height);
            }
            out.height += it.space_before;
        }
        let top = out.height;
        out.draws
            .extend(it.draws.into_iter().map(|d| d.shifted(top)));
        out.breaks.extend(it.breaks.iter().map(|b| b + top));
        out.height += it.height;
        after_heading = it.keep_with_next;
        out.extend_lines = it.extend_lines;
        out.shrink = it.shrink;
    }
    out
}

/// Puts items on pages.
pub(crate) fn paginate(items: Vec<Item>, frame: Frame) -> Vec<Page> {
    let body = frame.body_height;
    let new_page = |pages: &mut Vec<Page>| {
        if let Some(page) = pages.last_mut() {
            fill_with_lines(page, frame);
        }
        pages.push(Vec::new());
    };
    let mut pages: Vec<Page> = vec![Vec::new()];
    let mut y = 0.0f32;
    let mut queue: std::collections::VecDeque<Item> = items.into();
    while let Some(item) = queue.pop_front() {
        if item.page_break {
            if !pages.last().is_some_and(Vec::is_empty) {
                new_page(&mut pages);
                y = 0.0;
            }
            continue;
        }
        let at_top = pages.last().is_some_and(Vec::is_empty);
        // Right under a heading: breaking the page here would orphan the heading.
        let glued = pages
            .last()
            .and_then(|p| p.last())
            .is_some_and(|(_, it)| it.keep_with_next);
        let before = if at_top { 0.0 } else { item.space_before };
        // A heading needs the start of what follows on the same page.
        let mut need = before + fit_height(&item);
        if item.keep_with_next {
            for next in queue.iter() {
                if next.page_break {
                    break;
                }
                let least = min_height(next, body, body - y);
                need += next.space_before + least;
                if !next.keep_with_next {
                    break;
                }
                need += fit_height(next) - least;
            }
        }
        let room = body - y;
        if need <= room + 0.01 {
            place(&mut pages, &mut y, before, shrink_to(item, room - before));
            continue;
        }
        // A group kept together (a question) that takes most of a page may still be split
        // rather than leave much of this page blank: at the lowest break that fits, which is
        // never above the end of the question's text.
        let big = may_split_group(&item, body, room - before);
        let can_split = (item.splittable || big) && !item.keep_with_next;
        if !at_top && !glued && (!can_split || first_break(&item) + before > room) {
            new_page(&mut pages);
            y = 0.0;
            queue.push_front(item);
            continue;
        }
        if before + fit_height(&item) <= room + 0.01 {
            // At the top of a page (or under a heading) and still not enough room for its
            // followers: place it.
            place(&mut pages, &mut y, before, shrink_to(item, room - before));
            continue;
        }
        // A block that fits without any of its note lines keeps its place and loses them,
        // rather than leave its lines alone on the next page.
        if let Some(lines) = item.extend_lines {
            let all = item.shrink + MIN_NOTE_LINES as f32 * lines;
            if item.shrink > 0.0 || item.height - all > 0.0 {
                let mut whole = item.clone();
                whole.shrink = all;
                if before + fit_height(&whole) <= room + 0.01 {
                    place(&mut pages, &mut y, before, shrink_to(whole, room - before));
                    continue;
                }
            }
        }
        // Split at the lowest break that fits.
        match item
            .breaks
            .iter()
            .copied()
            .filter(|&b| b > 0.0 && before + b <= room + 0.01)
            .fold(None, |a: Option<f32>, b| Some(a.map_or(b, |a| a.max(b))))
        {
            Some(at) => {
                let (first, rest) = item.split(at);
                place(&mut pages, &mut y, before, first);
                new_page(&mut pages);
                y = 0.0;
                queue.push_front(rest);
            }
            None if !at_top => {
                new_page(&mut pages);
                y = 0.0;
                queue.push_front(item);
            }
            None => {
                // Nothing fits even on an empty page: place it and let it run over.
                place(&mut pages, &mut y, before, item);
                new_page(&mut pages);
                y = 0.0;
            }
        }
    }
    if pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    if let Some(page) = pages.last_mut() {
        fill_with_lines(page, frame);
    }
    pages
}

/// Continues the ruled lines of the page's last item down to the bottom of the page.
fn fill_with_lines(page: &mut Page, frame: Frame) {
    let Some((top, item)) = page.last_mut() else {
        return;
    };
    let Some(step) = item.extend_lines else {
        return;
    };
    item.extend_lines = None;
    let mut y = item.height - 4.0 + step;
    while *top + y <= frame.body_height - 4.0 {
        item.draws.push(Draw::Line {
            x1: 0.0,
            y1: y,
            x2: frame.width,
            y2: y,
            width: 0.5,
            color: RULE,
        });
        y += step;
    }
}

fn place(pages: &mut [Page], y: &mut f32, before: f32, item: Item) {
    *y += before;
    let h = item.height;
    if let Some(p) = pages.last_mut() {
        p.push((*y, item));
    }
    *y += h;
}

/// Whether a group kept together may be split with `room` left on the page: when it takes
/// most of a page and the page has enough left to be worth filling.
fn may_split_group(item: &Item, body: f32, room: f32) -> bool {
    item.split_if_big
        && !item.keep_with_next
        && fit_height(item) > body * BIG_GROUP
        && room >= body * ROOM_WORTH_FILLING
}

/// The least of an item that must go on a page with what precedes it (with `room` left).
fn min_height(item: &Item, body: f32, room: f32) -> f32 {
    if item.splittable || may_split_group(item, body, room) {
        first_break(item).min(fit_height(item))
    } else {
        fit_height(item)
    }
}

/// The height of an item with its optional ruled lines dropped.
fn fit_height(item: &Item) -> f32 {
    item.height - item.shrink
}

/// Drops trailing ruled lines until the item fits `room` (or has none left to drop).
fn shrink_to(mut item: Item, room: f32) -> Item {
    while item.height > room + 0.01 && item.shrink >= NOTE_LINE - 0.01 {
        match item
            .draws
            .iter()
            .rposition(|d| matches!(d, Draw::Line { .. }))
        {
            Some(i) => {
                item.draws.remove(i);
            }
            None => break,
        }
        item.height -= NOTE_LINE;
        item.shrink -= NOTE_LINE;
    }
    item
}

fn first_break(item: &Item) -> f32 {
    item.breaks.first().copied().unwrap_or(item.height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbank_doc::Cell;

    const FRAME: Frame = Frame {
        width: 480.0,
        body_height: 700.0,
    };

    fn layout() -> Layout<'static> {
        Layout::new(Faces::get().unwrap(), FRAME)
    }

    fn para(text: &str) -> Block {
        Block::Paragraph {
            style: ParagraphStyle::Body,
            runs: vec![Run::plain(text)],
        }
    }

    /// Every text drawing ends inside the text width.
    fn assert_inside(l: &Layout<'_>, items: &[Item]) {
        for item in items {
            for d in &item.draws {
                if let Draw::Text {
                    x,
                    face,
                    size,
                    text,
                    ..
                } = d
                {
                    let right = x + l.faces.face(*face).width(text, *size);
                    assert!(
                        *x >= -0.01 && right <= FRAME.width + 0.01,
                        "{text:?} ends at {right}"
                    );
                }
            }
        }
    }

    #[test]
    fn lines_break_by_glyph_width_and_stay_inside_the_margins() {
        let mut l = layout();
        let text = "Which metrics would you compare between the canary and the current model, \
                    and how long would you wait before sending it more traffic? ";
        let items = l.blocks(&[para(&text.repeat(6))]);
        assert_inside(&l, &items);
        let lines: Vec<f32> = items[0]
            .draws
            .iter()
            .map(|d| match d {
                Draw::Text { y, .. } => *y,
                _ => 0.0,
            })
            .collect();
        assert!(lines.len() > 6, "{} lines", lines.len());
        // Lines are filled: each but the last is wider than 85% of the measure.
        for d in &items[0].draws[..items[0].draws.len() - 1] {
            if let Draw::Text { text, size, .. } = d {
                let w = l.faces.regular.width(text, *size);
                assert!(w > FRAME.width * 0.85, "{text:?} is {w} wide");
            }
        }
    }

    #[test]
    fn long_words_and_urls_are_broken_inside_the_margins() {
        let mut l = layout();
        let word = "x".repeat(300);
        let url = format!("https://example.com/{}", "segment/".repeat(40));
        let items = l.blocks(&[
            para(&format!("A {word} b")),
            para(&url),
            Block::Table {
                columns: vec![
                    Column {
                        title: "#".into(),
                        width: 0.1,
                    },
                    Column {
                        title: "Text".into(),
                        width: 0.9,
                    },
                ],
                rows: vec![vec![
                    Cell::Text(vec![Run::plain(word.clone())]),
                    Cell::Text(vec![Run::plain(url.clone())]),
                ]],
            },
        ]);
        assert_inside(&l, &items);
        let text: String = items
            .iter()
            .flat_map(|i| &i.draws)
            .filter_map(|d| match d {
                Draw::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        // The URL breaks after slashes, without hyphens; the word with hyphens.
        assert!(text.contains("segment/segment/"));
        assert!(!text.contains(&word), "hyphens break the word");
        assert_eq!(text.replace(['-', ' '], "").matches(&word).count(), 2);
        // One warning for the place, however many long words it has.
        assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    }

    #[test]
    fn a_word_of_wide_characters_in_a_narrow_column_does_not_loop() {
        let mut l = Layout::new(
            Faces::get().unwrap(),
            Frame {
                width: 3.0,
                body_height: 700.0,
            },
        );
        let items = l.blocks(&[para("WWW")]);
        assert_eq!(items[0].draws.len(), 3);
    }

    fn block_of(height: f32, keep_with_next: bool) -> Item {
        Item {
            height,
            keep_with_next,
            draws: vec![Draw::Rect {
                x: 0.0,
                y: 0.0,
                w: 10.0,
                h: height,
                fill: None,
                stroke: None,
            }],
            ..Item::default()
        }
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        let items = vec![
            block_of(600.0, false),
            block_of(30.0, true),
            block_of(200.0, false),
        ];
        let pages = paginate(items, FRAME);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 1);
        assert_eq!(pages[1].len(), 2, "the heading moved with its block");
    }

    #[test]
    fn a_block_that_does_not_fit_moves_whole_to_the_next_page() {
        let mut second = block_of(300.0, false);
        second.breaks = vec![100.0, 200.0];
        let pages = paginate(vec![block_of(500.0, false), second], FRAME);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1][0].0, 0.0);
        assert_eq!(pages[1][0].1.height, 300.0);
    }

    #[test]
    fn a_splittable_block_is_split_at_a_break_and_its_header_repeats() {
        let mut l = layout();
        let rows: Vec<Vec<Cell>> = (0..120)
            .map(|i| vec![Cell::Text(vec![Run::plain(format!("row {i}"))])])
            .collect();
        let items = l.blocks(&[Block::Table {
            columns: vec![Column {
                title: "Question".into(),
                width: 1.0,
            }],
            rows,
        }]);
        let pages = paginate(items, FRAME);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for page in &pages {
            let (top, item) = &page[0];
            assert!(item.height <= FRAME.body_height - top + 0.01);
            let first_text = item.draws.iter().find_map(|d| match d {
                Draw::Text { text, .. } => Some(text.clone()),
                _ => None,
            });
            assert_eq!(
                first_text.as_deref(),
                Some("QUESTION"),
                "header on every page"
            );
        }
        let rows_drawn = pages
            .iter()
            .flat_map(|p| p.iter().flat_map(|(_, i)| &i.draws))
            .filter(|d| matches!(d, Draw::Text { text, .. } if text.starts_with("row ")))
            .count();
        assert_eq!(rows_drawn, 120);
    }

    #[test]
    fn note_lines_give_way_and_then_fill_the_page() {
        let mut l = layout();
        let question = Block::KeepTogether {
            source: Some("question q".into()),
            blocks: vec![para("A question?"), Block::NoteLines { lines: 10 }],
        };
        let items = l.blocks(&[
            Block::Heading {
                level: 1,
                text: "Section".into(),
            },
            para(&"Filler text for the page. ".repeat(150)),
            question.clone(),
            question,
        ]);
        let pages = paginate(items, FRAME);
        for page in &pages {
            let (top, last) = page.last().unwrap();
            assert!(top + last.height <= FRAME.body_height + 0.01);
            // The last block on a page is ruled down to the bottom.
            let lowest = last
                .draws
                .iter()
                .filter_map(|d| match d {
                    Draw::Line { y1, .. } => Some(*y1),
                    _ => None,
                })
                .fold(0.0f32, f32::max);
            if last.source.is_some() {
                assert!(
                    top + lowest > FRAME.body_height - NOTE_LINE - 5.0,
                    "{}",
                    top + lowest
                );
            }
        }
    }
}
