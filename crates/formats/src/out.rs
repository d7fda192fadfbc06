//! The text every converter writes: paragraphs separated by blank lines and headings as Markdown
//! `#` lines, which is the layout `plansearch_text::clean` reads as "one paragraph per block".

use crate::{Error, Format, Result};

/// Deepest Markdown heading the structure step reads (`######`).
pub const MAX_HEADING_LEVEL: u8 = 6;

/// Collects paragraphs and headings into text.
#[derive(Debug, Default)]
pub struct Out {
    text: String,
}

impl Out {
    /// Adds a paragraph. Line breaks inside it are kept as single newlines (the text pipeline
    /// joins such lines into one paragraph); blank lines inside it are dropped so that it stays
    /// one block. Whitespace-only paragraphs are skipped.
    pub fn paragraph(&mut self, text: &str) {
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            return;
        }
        self.separate();
        self.text.push_str(&lines.join("\n"));
    }

    /// Adds a heading of `level` (1 = outermost; deeper levels are written as level
    /// [`MAX_HEADING_LEVEL`]). A heading must be one line, so line breaks in it become spaces.
    pub fn heading(&mut self, level: u8, text: &str) {
        let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            return;
        }
        self.separate();
        let level = level.clamp(1, MAX_HEADING_LEVEL) as usize;
        self.text.push_str(&"#".repeat(level));
        self.text.push(' ');
        self.text.push_str(&title);
    }

    fn separate(&mut self) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
    }

    /// The text, or [`Error::NoText`] when it holds no letter or digit at all.
    pub fn finish(mut self, name: &str, format: Format) -> Result<String> {
        if !self.text.chars().any(char::is_alphanumeric) {
            return Err(Error::NoText { name: name.to_string(), format: format.name() });
        }
        self.text.push('\n');
        Ok(self.text)
    }
}

/// True for ideographs, kana, hangul and CJK punctuation: characters written without spaces
/// between them, so a line break between two of them must not become a space.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Appends the next line of a hard-wrapped paragraph to `line`, with a space between them only
/// where a Latin word or number ends and another begins; never next to a CJK character (a
/// wrapped Chinese line has no space at its break) nor after a hyphen.
pub fn join_wrapped(line: &mut String, next: &str) {
    let next = next.trim();
    let before = line.chars().last();
    let after = next.chars().next();
    if let (Some(b), Some(a)) = (before, after) {
        let word_end = (b.is_alphanumeric() || ",.;:!?)%".contains(b)) && !is_cjk(b);
        let word_start = (a.is_alphanumeric() || "(".contains(a)) && !is_cjk(a);
        if word_end && word_start {
            line.push(' ');
        }
    }
    line.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_headings() {
        let mut out = Out::default();
        out.paragraph("  \n ");
        out.heading(2, " 一、 总体\n要求 ");
        out.paragraph("第一行\n\n 第二行 ");
        out.heading(9, "深");
        assert_eq!(out.finish("a", Format::Docx).unwrap(), "## 一、 总体 要求\n\n第一行\n第二行\n\n###### 深\n");
        let err = Out::default().finish("x.docx", Format::Docx).unwrap_err();
        assert_eq!(err.to_string(), "x.docx: no text found in this DOCX file");
    }

    #[test]
    fn wrapped_lines_join_without_spaces_between_cjk() {
        let mut s = "建设更具".to_string();
        join_wrapped(&mut s, "发展潜力");
        join_wrapped(&mut s, "5G");
        join_wrapped(&mut s, "base station");
        join_wrapped(&mut s, "。");
        assert_eq!(s, "建设更具发展潜力5G base station。");
    }
}
