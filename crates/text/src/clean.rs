//! Layout repair: turns raw document text into paragraphs, removing what the layout added
//! (hard wraps, spaces between Chinese characters, page-jump markers, Markdown emphasis,
//! zero-width characters) and keeping the document's own characters and punctuation. Every
//! paragraph remembers which source lines it came from, so passages can be cited.

use crate::normalize::is_cjk;

/// A paragraph after layout repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The repaired text, trimmed.
    pub text: String,
    /// `(byte offset in text, 1-based source line)`: where each source line's contribution starts.
    pub marks: Vec<(usize, u32)>,
}

impl Block {
    /// First source line.
    pub fn line_start(&self) -> u32 {
        self.marks.first().map_or(1, |m| m.1)
    }
    /// Last source line.
    pub fn line_end(&self) -> u32 {
        self.marks.last().map_or(1, |m| m.1)
    }
    /// The part of the block from byte offset `at` on (trimmed), with its line marks.
    pub fn slice(&self, at: usize) -> Block {
        self.range(at, self.text.len())
    }
    /// The part of the block in `[start, end)` (trimmed), with its line marks.
    pub fn range(&self, start: usize, end: usize) -> Block {
        let piece = &self.text[start..end];
        let lead = piece.len() - piece.trim_start().len();
        let start = start + lead;
        let text = piece.trim().to_string();
        let mut marks = vec![(0, self.line_at(start))];
        marks.extend(self.marks.iter().filter(|m| m.0 > start && m.0 < start + text.len()).map(|m| (m.0 - start, m.1)));
        Block { text, marks }
    }
    /// Source line of the character at byte offset `at`.
    pub fn line_at(&self, at: usize) -> u32 {
        match self.marks.binary_search_by(|m| m.0.cmp(&at)) {
            Ok(i) => self.marks[i].1,
            Err(0) => self.line_start(),
            Err(i) => self.marks[i - 1].1,
        }
    }
}

/// Builds text while recording which source line each piece came from.
#[derive(Default)]
struct Builder {
    text: String,
    marks: Vec<(usize, u32)>,
}

impl Builder {
    fn push(&mut self, s: &str, line: u32) {
        if s.is_empty() {
            return;
        }
        if self.marks.last().is_none_or(|m| m.1 != line) {
            self.marks.push((self.text.len(), line));
        }
        self.text.push_str(s);
    }
    fn push_char(&mut self, c: char, line: u32) {
        let mut buf = [0u8; 4];
        self.push(c.encode_utf8(&mut buf), line);
    }
    fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
    fn take(&mut self) -> Option<Block> {
        let b = std::mem::take(self);
        let block = Block { text: b.text, marks: b.marks };
        let block = squeeze_spaces(&block);
        (!block.text.is_empty()).then_some(block)
    }
}

/// One source line after per-line cleanup.
struct Line {
    no: u32,
    text: String,
    /// Began with indentation (spaces or U+3000), which marks a new paragraph in wrapped text.
    indented: bool,
}

/// Repairs the layout of a whole document and returns its paragraphs in order.
pub fn repair(raw: &str) -> Vec<Block> {
    let lines: Vec<Line> = raw
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let l = strip_invisible(l.trim_end_matches('\r'));
            let indented = l.starts_with([' ', '\u{3000}', '\t']) && !l.trim().is_empty();
            let text = clean_line(&l);
            Line { no: i as u32 + 1, text, indented }
        })
        .collect();
    if let Some(width) = column_width(&lines) {
        join_columns(&lines, width)
    } else {
        join_paragraphs(&lines)
    }
}

/// Removes characters that never carry meaning and often split words: zero-width spaces,
/// joiners, BOMs, soft hyphens.
fn strip_invisible(line: &str) -> String {
    line.chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
        .collect()
}

/// Per-line cleanup: Markdown emphasis markers and page-jump markers go, whitespace is trimmed.
fn clean_line(line: &str) -> String {
    // `**` is the emphasis marker these documents use; `__` is left alone because it also
    // occurs in quoted code and identifiers.
    let no_emphasis = line.replace("**", "");
    let no_jumps = remove_page_jumps(&no_emphasis);
    no_jumps.trim_matches(|c: char| c.is_whitespace()).to_string()
}

/// Removes newspaper page-jump markers such as `（下转 4 版）`, `(上接第2版)`, `（转第三版）`.
pub fn remove_page_jumps(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find(['（', '(']) {
        out.push_str(&rest[..open]);
        let after_open = &rest[open..];
        let open_len = after_open.chars().next().map_or(1, char::len_utf8);
        let inner_and_rest = &after_open[open_len..];
        match inner_and_rest.find(['）', ')']) {
            Some(close) if is_page_jump(&inner_and_rest[..close]) => {
                let close_len = inner_and_rest[close..].chars().next().map_or(1, char::len_utf8);
                rest = &inner_and_rest[close + close_len..];
            }
            _ => {
                out.push_str(&after_open[..open_len]);
                rest = inner_and_rest;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_page_jump(inner: &str) -> bool {
    let compact: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    let n = compact.chars().count();
    if !(3..=10).contains(&n) || !compact.ends_with('版') {
        return false;
    }
    let head = compact.trim_end_matches('版');
    let head = head
        .strip_prefix("下转")
        .or_else(|| head.strip_prefix("上接"))
        .or_else(|| head.strip_prefix("紧接"))
        .or_else(|| head.strip_prefix("接"))
        .or_else(|| head.strip_prefix("转"));
    match head {
        Some(h) => {
            let h = h.trim_start_matches('第');
            !h.is_empty()
                && h.chars().all(|c| c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十上".contains(c))
        }
        None => false,
    }
}

/// Display width in a Chinese column: ideographs and full-width punctuation count 1; ASCII and
/// curly quotes, which Chinese typesetting sets at half width, count ½.
fn width(s: &str) -> f32 {
    s.chars().map(|c| if c.is_ascii() || matches!(c, '“' | '”' | '‘' | '’') { 0.5 } else { 1.0 }).sum()
}

/// Detects a hard-wrapped column layout (newspaper columns: every line about the same short
/// width). Returns the typical width, or `None` for ordinary one-paragraph-per-line text.
fn column_width(lines: &[Line]) -> Option<f32> {
    let mut widths: Vec<f32> =
        lines.iter().filter(|l| !l.text.is_empty() && !l.text.starts_with('#')).map(|l| width(&l.text)).collect();
    if widths.len() < 12 {
        return None;
    }
    widths.sort_by(f32::total_cmp);
    let median = widths[widths.len() / 2];
    if median > 40.0 {
        return None;
    }
    let near = widths.iter().filter(|w| (**w - median).abs() <= 2.0).count();
    (near * 10 >= widths.len() * 6).then_some(median)
}

/// True when a line opens a new paragraph by its own marker: numbered headings, dash points,
/// Markdown headings, `关键词:` lines.
fn starts_paragraph(s: &str) -> bool {
    s.starts_with('#') || s.starts_with("——") || is_heading_line(s) || crate::structure::numbering(s).is_some()
}

/// A line that is a whole heading by itself, so the next line never joins it: a Markdown
/// heading or a `关键词:` line, even without a blank line around it.
fn is_heading_line(s: &str) -> bool {
    s.starts_with('#') || crate::structure::keyword_line(s).is_some()
}

/// Joins a hard-wrapped column layout back into paragraphs. Blank lines carry no meaning there
/// (the layout puts them anywhere). The column's own typesetting tells where paragraphs are: a
/// paragraph's first line is indented by two characters (so it is two characters narrower than
/// the column once the indent is gone), and its last line is usually clearly shorter. A numbered
/// heading that wraps keeps going while its lines stay short.
fn join_columns(lines: &[Line], column: f32) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut cur = Builder::default();
    let content: Vec<&Line> = lines.iter().filter(|l| !l.text.is_empty()).collect();
    let indent_width = |w: f32| (column - 3.0..=column - 1.5).contains(&w);
    let is_short = |w: f32| w < column - 3.0;
    let mut lines_in_block = 0;
    for (i, line) in content.iter().enumerate() {
        let w = width(&line.text);
        let opens = line.indented || starts_paragraph(&line.text) || indent_width(w);
        if opens && !cur.is_empty() {
            blocks.extend(cur.take());
            lines_in_block = 0;
        }
        cur.push(&line.text, line.no);
        lines_in_block += 1;
        let next = content.get(i + 1);
        let next_opens = next.is_some_and(|n| n.indented || starts_paragraph(&n.text));
        let heading_goes_on = lines_in_block == 1
            && starts_paragraph(&line.text)
            && !ends_with_punct(&line.text)
            && next.is_some_and(|n| is_short(width(&n.text)) && !starts_paragraph(&n.text));
        if is_heading_line(&line.text) || next_opens || (is_short(w) && !heading_goes_on) {
            blocks.extend(cur.take());
            lines_in_block = 0;
        }
    }
    blocks.extend(cur.take());
    blocks
}

fn ends_with_punct(s: &str) -> bool {
    s.chars().last().is_some_and(|c| !c.is_alphanumeric())
}

/// Ordinary text: a paragraph per line or per run of lines between blank lines. Runs of lines
/// are joined (web copies break lines around links). A paragraph that stops in the middle of a
/// word, before a blank line, is joined with the next one.
fn join_paragraphs(lines: &[Line]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut cur = Builder::default();
    for line in lines {
        if line.text.is_empty() {
            blocks.extend(cur.take());
            continue;
        }
        if starts_paragraph(&line.text) && !cur.is_empty() {
            blocks.extend(cur.take());
        }
        if is_heading_line(&line.text) {
            cur.push(&line.text, line.no);
            blocks.extend(cur.take());
            continue;
        }
        cur.push(&line.text, line.no);
    }
    blocks.extend(cur.take());
    rejoin_broken(blocks)
}

/// Rejoins paragraphs split mid-sentence: a long paragraph ending in an ideograph, followed by one
/// starting with an ideograph (and not a heading), was one paragraph.
fn rejoin_broken(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Some(prev) = out.last_mut() {
            let prev_ends_mid = prev.text.chars().last().is_some_and(is_cjk) && prev.text.chars().count() > 40;
            let next_continues = b.text.chars().next().is_some_and(is_cjk) && !starts_paragraph(&b.text);
            if prev_ends_mid && next_continues && !is_heading_line(&prev.text) {
                let base = prev.text.len();
                prev.text.push_str(&b.text);
                prev.marks.extend(b.marks.into_iter().map(|(o, l)| (o + base, l)));
                continue;
            }
        }
        out.push(b);
    }
    out
}

/// Characters next to which a layout space is noise: ideographs and CJK punctuation.
fn is_cjk_or_cjk_punct(c: char) -> bool {
    is_cjk(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Removes whitespace between two CJK characters (`标 志 性` → `标志性`) and collapses other
/// whitespace runs to one space, keeping line marks aligned.
fn squeeze_spaces(block: &Block) -> Block {
    let text = block.text.trim();
    let lead = block.text.len() - block.text.trim_start().len();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Builder::default();
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        let line = block.line_at(off + lead);
        if c.is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_whitespace() {
                j += 1;
            }
            let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
            let next = chars.get(j).map(|x| x.1);
            let drop = match (prev, next) {
                (Some(p), Some(n)) => is_cjk_or_cjk_punct(p) && is_cjk_or_cjk_punct(n),
                _ => true,
            };
            if !drop {
                out.push_char(' ', line);
            }
            i = j;
            continue;
        }
        out.push_char(c, line);
        i += 1;
    }
    Block { text: out.text, marks: out.marks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_jumps_go_and_other_brackets_stay() {
        assert_eq!(remove_page_jumps("大动能。（下转 4 版）"), "大动能。");
        assert_eq!(remove_page_jumps("（上接第2版）文字"), "文字");
        assert_eq!(remove_page_jumps("中国（永康）五金物流港"), "中国（永康）五金物流港");
        assert_eq!(remove_page_jumps("三甲综合（专科）医院"), "三甲综合（专科）医院");
    }

    #[test]
    fn spaces_between_cjk_go() {
        let b = repair("做精做强 10 条\n标 志 性 产 业 链 ，组 建 一 批\n");
        assert_eq!(b[0].text, "做精做强 10 条标志性产业链，组建一批");
    }

    #[test]
    fn a_keyword_line_stands_alone_without_blank_lines() {
        let b = repair("上一段的正文。\n关键词: 未来社区\n建设未来社区试点,打造15分钟生活圈。\n");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["上一段的正文。", "关键词: 未来社区", "建设未来社区试点,打造15分钟生活圈。"]);
        assert_eq!((b[1].line_start(), b[2].line_start()), (2, 3));
    }

    #[test]
    fn markdown_emphasis_goes_and_lines_are_kept() {
        let b = repair("第一段。\n\n**关键词:** 加快发展\n\n第二段**《纲要》**明确。\n");
        assert_eq!(b.len(), 3);
        assert_eq!(b[1].text, "关键词: 加快发展");
        assert_eq!(b[2].text, "第二段《纲要》明确。");
        assert_eq!((b[2].line_start(), b[2].line_end()), (5, 5));
    }
}
