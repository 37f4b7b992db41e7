//! The fonts a document is set in: a regular and a bold face, parsed once, with the metrics layout needs (advance widths, ascent, descent).

use printpdf::ParsedFont;

use crate::error::{PdfError, Result};

/// BIZ UDPGothic (SIL OFL 1.1), shipped under `assets/fonts/`.
const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/BIZUDPGothic-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/BIZUDPGothic-Bold.ttf");

/// One face with its metrics in font units.
#[derive(Debug)]
pub struct Face {
    pub(crate) parsed: ParsedFont,
    /// Advances already looked up, in font units (`None`: the font has no glyph).
    advances: std::sync::Mutex<std::collections::HashMap<char, Option<u16>>>,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    /// Advance of a glyph the font lacks: the width of the replacement we draw (a full-width space).
    fallback_advance: f32,
}

impl Face {
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Face> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| {
            PdfError::Font(format!(
                "{name}: not a TrueType/OpenType font the engine can read"
            ))
        })?;
        let m = &parsed.font_metrics;
        let units_per_em = f32::from(m.units_per_em.max(1));
        let ascent = m.ascent;
        let descent = m.descent.abs();
        let fallback_advance = parsed
            .lookup_glyph_index(u32::from('　'))
            .map(|g| f32::from(parsed.get_horizontal_advance(g)))
            .unwrap_or(units_per_em);
        Ok(Face {
            parsed,
            advances: Default::default(),
            units_per_em,
            ascent,
            descent,
            fallback_advance,
        })
    }

    /// The advance of `c` in font units, or `None` when the font has no glyph for it (cached).
    fn advance(&self, c: char) -> Option<u16> {
        let lookup = || {
            self.parsed
                .lookup_glyph_index(u32::from(c))
                .map(|g| self.parsed.get_horizontal_advance(g))
        };
        match self.advances.lock() {
            Ok(mut cache) => *cache.entry(c).or_insert_with(lookup),
            Err(_) => lookup(),
        }
    }

    /// Does the font have a glyph for `c`?
    pub fn covers(&self, c: char) -> bool {
        self.advance(c).is_some()
    }

    /// The advance of one character in points at `size`.
    pub fn char_width(&self, c: char, size: f32) -> f32 {
        let units = self.advance(c).map_or(self.fallback_advance, f32::from);
        units * size / self.units_per_em
    }

    /// The width of `text` in points at `size` (no kerning: what the PDF draws).
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| self.advance(c).map_or(self.fallback_advance, f32::from))
            .sum();
        units * size / self.units_per_em
    }

    /// Distance from the top of a line box to the baseline, in points.
    pub fn ascent(&self, size: f32) -> f32 {
        self.ascent * size / self.units_per_em
    }

    pub fn descent(&self, size: f32) -> f32 {
        self.descent * size / self.units_per_em
    }
}

/// The two faces every document uses.
#[derive(Debug)]
pub struct FontSet {
    pub regular: Face,
    pub bold: Face,
}

impl FontSet {
    /// The Japanese fonts shipped with ISMS Desk.
    pub fn builtin() -> Result<FontSet> {
        Ok(FontSet {
            regular: Face::from_bytes("BIZUDPGothic-Regular.ttf", REGULAR)?,
            bold: Face::from_bytes("BIZUDPGothic-Bold.ttf", BOLD)?,
        })
    }

    pub fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}
