//! Character folding for search, applied identically to documents and queries: traditional
//! characters to simplified (OpenCC's tables, through `fast2s`), full-width forms to half-width
//! (NFKC), Latin to lower case. Folding keeps a map back to the original text so that highlights
//! point at what the document wrote, which is never changed for display.

use unicode_normalization::UnicodeNormalization;

/// Text after folding, with the original byte offset of every folded byte.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `origin[i]` is the byte offset in the original text of the character that produced folded
    /// byte `i`; `origin[text.len()]` is the original length.
    pub origin: Vec<usize>,
}

impl Folded {
    /// Maps a folded byte range back to the original text.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let last = self.origin.len().saturating_sub(1);
        (self.origin[start.min(last)], self.origin[end.min(last)])
    }
}

/// The CJK Unified Ideographs block: the bulk of the text, which folding leaves alone.
const CJK_UNIFIED: std::ops::RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';

/// The folded form of `c` when it is one character found without a table lookup (ASCII and the
/// CJK unified block, the bulk of the text); `None` for everything else.
pub fn fold_char_fast(c: char) -> Option<char> {
    if c.is_ascii() {
        Some(c.to_ascii_lowercase())
    } else if CJK_UNIFIED.contains(&c) {
        Some(c)
    } else {
        None
    }
}

/// Folds one character into `out`. CJK ideographs, the bulk of the text, take the fast path.
pub fn fold_char_into(c: char, out: &mut String) {
    if let Some(f) = fold_char_fast(c) {
        out.push(f);
    } else if c == '\u{3000}' {
        out.push(' ');
    } else {
        for n in std::iter::once(c).nfkc() {
            for l in n.to_lowercase() {
                out.push(l);
            }
        }
    }
}

/// Traditional to simplified. The conversion is character for character and keeps every
/// character's UTF-8 length, so byte offsets into the result are byte offsets into `text`.
pub fn simplify(text: &str) -> String {
    fast2s::convert(text)
}

/// Folds a whole string, keeping the offset map.
pub fn fold(text: &str) -> Folded {
    let simplified = simplify(text);
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (i, c) in simplified.char_indices() {
        let before = out.len();
        fold_char_into(c, &mut out);
        origin.resize(origin.len() + (out.len() - before), i);
    }
    origin.push(text.len());
    Folded { text: out, origin }
}

/// Folds a string without the offset map (for queries and keys).
pub fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in simplify(text).chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// True for characters that carry meaning for search: letters (any script, CJK included) and
/// digits. Punctuation, symbols and spaces are not searchable on their own.
pub fn is_searchable(c: char) -> bool {
    // The common cases first: Unicode's alphanumeric table lookup is slow for ideographs.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        CJK_UNIFIED.contains(&c) || c.is_alphanumeric()
    }
}

/// True for CJK ideographs (the unified block and its extensions used in practice).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0xF900..=0xFAFF | 0x3007)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_case_and_maps_back() {
        let f = fold("ＶＯＣｓ污染２０２５年");
        assert_eq!(f.text, "vocs污染2025年");
        let start = f.text.find("污染").unwrap();
        let (s, e) = f.original_range(start, start + "污染".len());
        assert_eq!(&"ＶＯＣｓ污染２０２５年"[s..e], "污染");
        assert_eq!(fold_str("72％"), "72%");
        assert_eq!(fold_str("無廢城市"), "无废城市");
        assert_eq!(fold_str("憲法"), "宪法");
        let t = "中華人民共和國憲法";
        let f = fold(t);
        let at = f.text.find("宪法").unwrap();
        let (s, e) = f.original_range(at, at + "宪法".len());
        assert_eq!(&t[s..e], "憲法");
    }
}
