//! Passages: sentence-aligned pieces of at most [`MAX_PASSAGE_CHARS`] characters that never cross
//! a section boundary and are never empty or punctuation-only, each tagged with its sector,
//! keyword and section path and its source lines.

use crate::clean::{self, Block};
use crate::structure::{self, Heading, UnitKind};

/// Longest passage, in characters. Longer paragraphs are split at sentence ends.
pub const MAX_PASSAGE_CHARS: usize = 400;
/// Passages shorter than this (in characters) are merged into a neighbour in the same section
/// when the result still fits, so that bylines and stray fragments do not stand alone.
pub const MIN_PASSAGE_CHARS: usize = 24;
/// Sector of passages that come before the document's first part.
pub const INTRODUCTION: &str = "引言";

/// One passage with its tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Position in the document, from 0.
    pub ordinal: u32,
    /// Top-level part (numbering kept, e.g. `三、全力以赴做好“十四五”开局工作`), or [`INTRODUCTION`].
    pub sector: String,
    /// Title of the most specific heading under the sector (numbering removed); empty if none.
    pub keyword: String,
    /// Heading path: the sector, then the titles of the headings under it.
    pub section: Vec<String>,
    pub text: String,
    /// Body text, or an entry of the document's notes (注释, 名词解释) with the term it explains.
    /// A note's sector is the notes' title and it has no keyword.
    pub kind: UnitKind,
    /// First and last source line (1-based).
    pub line_start: u32,
    pub line_end: u32,
}

/// A document split into passages.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The document's own title (first top-level Markdown heading), if it has one.
    pub title: Option<String>,
    pub passages: Vec<Passage>,
}

/// Runs the whole text pipeline on decoded text: layout repair, structure, splitting.
pub fn passages(raw: &str) -> Document {
    let outline = structure::outline(clean::repair(raw));
    let mut pieces: Vec<(Vec<Heading>, UnitKind, Block)> = Vec::new();
    for unit in outline.units {
        let start = pieces.len();
        for piece in split_block(&unit.body) {
            pieces.push((unit.path.clone(), unit.kind.clone(), piece));
        }
        merge_short(&mut pieces, start);
    }
    let passages = pieces
        .into_iter()
        .filter(|(_, _, b)| b.text.chars().any(char::is_alphanumeric))
        .enumerate()
        .map(|(i, (path, kind, b))| {
            let section: Vec<String> = path
                .iter()
                .enumerate()
                .map(|(depth, h)| if depth == 0 { h.full.clone() } else { h.title.clone() })
                .collect();
            let sector = section.first().cloned().unwrap_or_else(|| INTRODUCTION.to_string());
            let keyword = if section.len() > 1 { section.last().cloned().unwrap_or_default() } else { String::new() };
            let section = if section.is_empty() { vec![INTRODUCTION.to_string()] } else { section };
            Passage {
                ordinal: i as u32,
                sector,
                keyword,
                section,
                kind,
                line_start: b.line_start(),
                line_end: b.line_end(),
                text: b.text,
            }
        })
        .collect();
    Document { title: outline.title, passages }
}

/// Merges pieces shorter than [`MIN_PASSAGE_CHARS`] (from `start` on, all of one section) into
/// the previous piece of the same section and kind when they fit (two notes never merge: each
/// explains its own term).
fn merge_short(pieces: &mut Vec<(Vec<Heading>, UnitKind, Block)>, start: usize) {
    let mut i = start.max(1);
    while i < pieces.len() {
        let len = pieces[i].2.text.chars().count();
        let prev_len = pieces[i - 1].2.text.chars().count();
        let same_section = pieces[i].0 == pieces[i - 1].0 && pieces[i].1 == pieces[i - 1].1;
        // Keep the paragraph boundary visible between two Latin words, but do not invent
        // characters between ideographs.
        let sep = if pieces[i].2.text.starts_with(|c: char| c.is_ascii_alphanumeric())
            && pieces[i - 1].2.text.ends_with(|c: char| c.is_ascii_alphanumeric())
        {
            " "
        } else {
            ""
        };
        if same_section
            && (len < MIN_PASSAGE_CHARS || prev_len < MIN_PASSAGE_CHARS)
            && len + prev_len + sep.len() <= MAX_PASSAGE_CHARS
        {
            let (_, _, b) = pieces.remove(i);
            let prev = &mut pieces[i - 1].2;
            let base = prev.text.len();
            prev.text.push_str(sep);
            prev.marks.extend(b.marks.into_iter().map(|(o, l)| (o + base + sep.len(), l)));
            prev.text.push_str(&b.text);
            continue;
        }
        i += 1;
    }
}

/// Byte offsets just after each sentence end (`。！？；…` and any closing quotes after them).
fn sentence_ends(text: &str, marks: &[char]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if marks.contains(&c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if matches!(d, '”' | '’' | '」' | '』' | '）' | ')' | '"') || marks.contains(&d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            ends.push(end);
        }
    }
    if ends.last() != Some(&text.len()) {
        ends.push(text.len());
    }
    ends
}

/// Splits one paragraph into pieces of at most [`MAX_PASSAGE_CHARS`], at sentence ends when
/// possible, then at clause ends, and only as a last resort at a character boundary.
fn split_block(block: &Block) -> Vec<Block> {
    let text = &block.text;
    if text.chars().count() <= MAX_PASSAGE_CHARS {
        return vec![block.clone()];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<usize> = None;
    let ends = sentence_ends(text, &['。', '！', '？', '!', '?', '；', ';']);
    let mut k = 0;
    while k < ends.len() {
        let end = ends[k];
        let n = text[start..end].chars().count();
        if n <= MAX_PASSAGE_CHARS {
            last_fit = Some(end);
            k += 1;
            continue;
        }
        match last_fit {
            Some(fit) => {
                out.push(block.range(start, fit));
                start = fit;
                last_fit = None;
            }
            None => {
                // One sentence longer than a passage: cut it at clause ends.
                let cut = clause_cut(&text[start..end]) + start;
                out.push(block.range(start, cut));
                start = cut;
            }
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(block.range(start, text.len()));
    }
    out
}

/// Where to cut an over-long sentence: the last clause end (`，、：`) within the limit, else the
/// limit itself.
fn clause_cut(sentence: &str) -> usize {
    let limit = sentence.char_indices().nth(MAX_PASSAGE_CHARS).map_or(sentence.len(), |(i, _)| i);
    sentence_ends(&sentence[..limit], &['，', '、', '：', ',', ':'])
        .into_iter()
        .rev()
        .find(|&e| e < limit && e > limit / 2)
        .unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_split_at_sentences() {
        let sentence = "我市将加快建设更具发展潜力的匠心城市，推动高质量发展。";
        let para = sentence.repeat(40);
        let doc = passages(&para);
        assert!(doc.passages.len() > 1);
        for p in &doc.passages {
            assert!(p.text.chars().count() <= MAX_PASSAGE_CHARS);
            assert!(p.text.ends_with('。'));
        }
        let joined: String = doc.passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, para);
    }

    #[test]
    fn one_huge_sentence_is_cut_at_clauses() {
        let para = "推进数字化改革，".repeat(200);
        let doc = passages(&para);
        for p in &doc.passages {
            assert!(p.text.chars().count() <= MAX_PASSAGE_CHARS, "{}", p.text.chars().count());
        }
        let joined: String = doc.passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, para);
    }
}
