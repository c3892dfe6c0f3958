//! The two embedded faces (DejaVu Sans and DejaVu Sans Bold): glyph coverage, advance widths
//! for line breaking, and subsetting to the glyphs a document uses.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};

use crate::Error;

const REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// Which of the two faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FaceId {
    Regular,
    Bold,
}

/// A parsed face: glyph ids and advances of the Basic Multilingual Plane, in a flat table.
pub(crate) struct Face {
    pub bytes: &'static [u8],
    pub name: &'static str,
    /// Per code point below 0x10000: (glyph id, advance in font units); glyph 0 = missing.
    table: Vec<(u16, u16)>,
    units_per_em: f32,
}

impl Face {
    fn load(bytes: &'static [u8], name: &'static str) -> Result<Face, Error> {
        let mut warnings = Vec::new();
        let parsed = printpdf::ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| Error::Font(format!("cannot read the embedded font {name}")))?;
        let mut table = vec![(0u16, 0u16); 0x10000];
        for (&cp, &gid) in &parsed.codepoint_to_glyph {
            if cp < 0x10000 && gid != 0 {
                let advance = parsed.glyph_widths.get(&gid).copied().unwrap_or(0);
                table[cp as usize] = (gid, advance);
            }
        }
        Ok(Face {
            bytes,
            name,
            table,
            units_per_em: f32::from(parsed.units_per_em.max(1)),
        })
    }

    pub fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as usize;
        (cp < self.table.len() && self.table[cp].0 != 0).then(|| self.table[cp].0)
    }

    pub fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// Advance of `c` at 1 pt, in points.
    pub fn advance(&self, c: char) -> f32 {
        let cp = c as usize;
        if cp < self.table.len() {
            f32::from(self.table[cp].1) / self.units_per_em
        } else {
            0.0
        }
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The face cut down to the glyphs of `chars` (and .notdef), keeping a Unicode cmap so
    /// that text still maps to glyphs.
    pub fn subset(&self, chars: &BTreeSet<char>) -> Result<Vec<u8>, Error> {
        let mut gids: Vec<u16> = chars.iter().filter_map(|&c| self.glyph(c)).collect();
        gids.sort_unstable();
        gids.dedup();
        gids.insert(0, 0);
        let font = ReadScope::new(self.bytes)
            .read::<FontData<'_>>()
            .map_err(|e| Error::Font(format!("cannot read {}: {e}", self.name)))?;
        let provider = font
            .table_provider(0)
            .map_err(|e| Error::Font(format!("cannot read {}: {e}", self.name)))?;
        subset(&provider, &gids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| Error::Font(format!("cannot subset {}: {e}", self.name)))
    }
}

/// Both faces, parsed once per process.
pub(crate) struct Faces {
    pub regular: Face,
    pub bold: Face,
}

impl Faces {
    pub fn get() -> Result<&'static Faces, Error> {
        static FACES: OnceLock<Result<Faces, Error>> = OnceLock::new();
        FACES
            .get_or_init(|| {
                Ok(Faces {
                    regular: Face::load(REGULAR, "DejaVuSans")?,
                    bold: Face::load(BOLD, "DejaVuSans-Bold")?,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn face(&self, id: FaceId) -> &Face {
        match id {
            FaceId::Regular => &self.regular,
            FaceId::Bold => &self.bold,
        }
    }

    /// Whether both faces can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        self.regular.has(c) && self.bold.has(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_cover_latin_greek_cyrillic_but_not_cjk_or_emoji() {
        let f = Faces::get().unwrap();
        for c in "Aé€–“”…łαжΩ≥→•□\u{FFFD}".chars() {
            assert!(f.covers(c), "{c}");
        }
        for c in "漢字😀".chars() {
            assert!(!f.covers(c), "{c}");
        }
    }

    #[test]
    fn widths_come_from_the_font() {
        let f = Faces::get().unwrap();
        // DejaVu Sans: "i" is much narrower than "W"; bold is wider than regular.
        assert!(f.regular.width("i", 10.0) < f.regular.width("W", 10.0) / 2.0);
        assert!(f.bold.width("Interview", 10.0) > f.regular.width("Interview", 10.0));
        // The advance of a space in DejaVu Sans is 651/2048 em.
        assert!((f.regular.width(" ", 2048.0) - 651.0).abs() < 0.01);
    }

    #[test]
    fn a_subset_keeps_the_used_glyphs_only() {
        let f = Faces::get().unwrap();
        let chars: BTreeSet<char> = "Hello".chars().collect();
        let bytes = f.regular.subset(&chars).unwrap();
        assert!(bytes.len() < 20_000, "{} bytes", bytes.len());
        let mut w = Vec::new();
        let parsed = printpdf::ParsedFont::from_bytes(&bytes, 0, &mut w).unwrap();
        for c in chars {
            assert!(parsed.lookup_glyph_index(c as u32).is_some(), "{c}");
        }
        assert!(parsed.lookup_glyph_index('Z' as u32).is_none());
    }
}
