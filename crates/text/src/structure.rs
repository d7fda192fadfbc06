//! Document structure from the document's own headings: Markdown `#`, `第一编/章/节`, `一、`,
//! `（一）`, `1.`, `（1）`, dash points (`——`), `一是`, `关键词:` lines, and the lead-in sentences
//! that introduce a list (`…以下五个方面：`) or define a part (`…的主要目标是：`). The result is a
//! heading path for every body paragraph. Where each heading's scope ends is in `scope`; notes
//! sections at the end of a document (注释, 名词解释) are read by `notes`.

use crate::clean::Block;

mod notes;
mod scope;

pub use notes::NOTES;
use notes::{note_units, notes_section};
pub use scope::is_transition;
use scope::{definition_level, is_address, is_item, is_list_line, last_in_list, relevel, Open, Role, Stack};

/// Longest first sentence (in characters) that still reads as an item title.
const MAX_TITLE_CHARS: usize = 64;
/// Longest lead-in (`…以下五个方面：`) or definition subject (`…主要目标是：`), in characters.
const MAX_LEAD_CHARS: usize = 48;
/// Level given to parts that are not under any numbered heading (as if under an invisible `一、`).
const TOP_LEVEL: u8 = 21;

/// What kind of numbering opens a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Numbering {
    /// `第一编`
    Volume,
    /// `第一章`
    Chapter,
    /// `第一节`
    Section,
    /// `第一条` (articles of laws)
    Article,
    /// `一、`
    Major,
    /// `（一）` or `(一)`
    Paren,
    /// `——`
    Dash,
    /// `一是`
    Ordinal,
    /// `1.` `1、` `１．`
    Arabic,
    /// `（1）` or `(1)`
    ParenArabic,
}

impl Numbering {
    fn level(self) -> u8 {
        match self {
            Numbering::Volume => 3,
            Numbering::Chapter => 5,
            Numbering::Section => 7,
            Numbering::Major => 20,
            Numbering::Paren | Numbering::Dash => 22,
            Numbering::Ordinal => 23,
            Numbering::Arabic => 24,
            Numbering::ParenArabic => 26,
            Numbering::Article => 28,
        }
    }
    /// Kinds that also occur as ordinary prose and count as headings only when repeated.
    fn needs_siblings(self) -> bool {
        matches!(self, Numbering::Dash | Numbering::Ordinal)
    }
}

const CN_DIGITS: &str = "一二三四五六七八九十百零〇两";

fn take_while_in(s: &str, set: impl Fn(char) -> bool) -> (&str, &str) {
    let end = s.char_indices().find(|(_, c)| !set(*c)).map_or(s.len(), |(i, _)| i);
    s.split_at(end)
}

/// Recognises the numbering that opens `s`, returning its kind and its length in bytes.
pub fn numbering(s: &str) -> Option<(Numbering, usize)> {
    if let Some(rest) = s.strip_prefix('第') {
        let (num, after) = take_while_in(rest, |c| CN_DIGITS.contains(c) || c.is_ascii_digit());
        if !num.is_empty() {
            let kind = match after.chars().next()? {
                '编' => Numbering::Volume,
                '章' => Numbering::Chapter,
                '节' => Numbering::Section,
                '条' => Numbering::Article,
                _ => return None,
            };
            return Some((kind, s.len() - after.len() + '章'.len_utf8()));
        }
        return None;
    }
    if s.starts_with("——") {
        let rest = s.trim_start_matches('—');
        return rest
            .chars()
            .next()
            .filter(|c| c.is_alphanumeric() || *c == '“')
            .map(|_| (Numbering::Dash, s.len() - rest.len()));
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = s.strip_prefix(open) {
            let (num, after) =
                take_while_in(rest, |c| CN_DIGITS.contains(c) || c.is_ascii_digit() || ('０'..='９').contains(&c));
            if let Some(after) = after.strip_prefix(close) {
                if num.is_empty() || num.chars().count() > 3 {
                    return None;
                }
                let kind =
                    if num.chars().all(|c| CN_DIGITS.contains(c)) { Numbering::Paren } else { Numbering::ParenArabic };
                return Some((kind, s.len() - after.len()));
            }
            return None;
        }
    }
    let (num, after) = take_while_in(s, |c| CN_DIGITS.contains(c));
    if !num.is_empty() && num.chars().count() <= 3 {
        if let Some(after) = after.strip_prefix('、') {
            return Some((Numbering::Major, s.len() - after.len()));
        }
        if let Some(after) = after.strip_prefix('是') {
            if after.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '“' || c == '要') {
                return Some((Numbering::Ordinal, s.len() - after.len()));
            }
        }
        return None;
    }
    let (num, after) = take_while_in(s, |c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if !num.is_empty() && num.chars().count() <= 2 {
        for sep in ['.', '、', '．'] {
            if let Some(after) = after.strip_prefix(sep) {
                // "1.5亿" is a number, not a list item.
                if after.chars().next().is_some_and(|c| !c.is_ascii_digit() && !('０'..='９').contains(&c)) {
                    return Some((Numbering::Arabic, s.len() - after.len()));
                }
            }
        }
    }
    None
}

/// A heading on the path of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Nesting level: smaller is outer.
    pub level: u8,
    /// The heading as written (numbering kept), e.g. `三、全力以赴做好“十四五”开局工作`.
    pub full: String,
    /// The title without numbering or dashes, e.g. `全力以赴做好“十四五”开局工作`.
    pub title: String,
    /// Came from a `关键词:` line, which is placed one below the nearest other heading.
    pub keyword_line: bool,
}

/// A body paragraph with the headings it stands under, outermost first.
#[derive(Debug, Clone)]
pub struct Unit {
    pub path: Vec<Heading>,
    pub body: Block,
    pub kind: UnitKind,
}

/// What a unit of text is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// Body text of the document (the default).
    #[default]
    Text,
    /// An entry of a notes section (注释, 名词解释) or a paragraph continuing one; `term` is the
    /// term it explains (quotes removed), when the entry names one.
    Note { term: Option<String> },
}

/// The structure of a document.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// The document's own title: the first top-level Markdown heading of its title block.
    pub title: Option<String>,
    pub units: Vec<Unit>,
}

/// How a block reads.
enum Reading {
    /// A heading, possibly followed by body text in the same paragraph.
    Heading {
        heading: Heading,
        /// The numbering that opened it, for numbered headings.
        kind: Option<Numbering>,
        /// The value of that numbering (`三、` → 3), when it has one.
        number: Option<u32>,
        body_at: Option<usize>,
    },
    /// Body text that also names the part it opens (`…的主要目标是：…`).
    Defines(Heading),
    Body,
}

fn md_heading(text: &str) -> Option<(u8, &str)> {
    let hashes = text.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &text[hashes..];
        if rest.starts_with([' ', '\t']) || rest.is_empty() {
            return Some((hashes as u8, rest.trim()));
        }
    }
    None
}

fn strip_terminal(s: &str) -> &str {
    s.trim_end_matches(['。', '！', '？', '；', '：', '，', '.', '!', '?', ';', ':', ' '])
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Splits `s` after its first sentence end, returning (sentence without its end mark, offset of
/// the rest).
fn first_sentence(s: &str) -> (&str, Option<usize>) {
    match s.char_indices().find(|(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?')) {
        Some((i, c)) => {
            let rest = i + c.len_utf8();
            let rest = if s[rest..].trim().is_empty() { None } else { Some(rest) };
            (&s[..i], rest)
        }
        None => (s, None),
    }
}

/// Labels a lead-in like "“十四五”期间，我们要重点抓好七个方面的大事：" by its whole text: the
/// opening clause often carries the period the list belongs to.
fn lead_label(text: &str) -> String {
    strip_terminal(text).trim().to_string()
}

const DEFINED_WORDS: [&str; 8] = ["要求", "目标", "任务", "方针", "思路", "原则", "重点", "安排"];

/// `…的总体要求是：…` names the part it opens.
fn definition_subject(text: &str) -> Option<&str> {
    let colon = text.find(['：', ':'])?;
    let head = &text[..colon];
    let subject = head.strip_suffix('是').or_else(|| head.strip_suffix('为'))?;
    let n = char_len(subject);
    ((4..=MAX_LEAD_CHARS).contains(&n)
        && !subject.contains(['。', '；'])
        && DEFINED_WORDS.iter().any(|w| subject.contains(w)))
    .then_some(subject)
}

fn read_block(text: &str, kinds_seen: &std::collections::HashMap<Numbering, usize>) -> Reading {
    if let Some((level, title)) = md_heading(text) {
        let title = title.to_string();
        return Reading::Heading {
            heading: Heading { level: level * 2, full: title.clone(), title, keyword_line: false },
            kind: None,
            number: None,
            body_at: None,
        };
    }
    if let Some(title) = keyword_line(text) {
        let title = title.to_string();
        // Level is relative to the enclosing heading; 0 means "one below whatever is open".
        return Reading::Heading {
            heading: Heading { level: 0, full: title.clone(), title, keyword_line: true },
            kind: None,
            number: None,
            body_at: None,
        };
    }
    if let Some((kind, len)) = numbering(text) {
        if kind.needs_siblings() && kinds_seen.get(&kind).copied().unwrap_or(0) < 2 {
            return Reading::Body;
        }
        let after = &text[len..];
        let after_trim = after.trim_start();
        let after_at = text.len() - after_trim.len();
        if kind == Numbering::Article {
            let full = text[..len].to_string();
            return Reading::Heading {
                heading: Heading { level: kind.level(), title: full.clone(), full, keyword_line: false },
                kind: Some(kind),
                number: number_value(text),
                body_at: (!after_trim.is_empty()).then_some(after_at),
            };
        }
        let (sentence, rest) = first_sentence(after_trim);
        let title = strip_terminal(sentence).trim();
        if !title.is_empty() && char_len(title) <= MAX_TITLE_CHARS {
            let full_end = after_at + sentence.len();
            return Reading::Heading {
                heading: Heading {
                    level: kind.level(),
                    full: strip_terminal(text[..full_end].trim()).to_string(),
                    title: title.to_string(),
                    keyword_line: false,
                },
                kind: Some(kind),
                number: number_value(text),
                body_at: rest.map(|r| after_at + r),
            };
        }
        return Reading::Body;
    }
    if let Some(subject) = definition_subject(text).filter(|_| !is_address(text)) {
        let title = subject.trim().to_string();
        return Reading::Defines(Heading { level: 0, full: title.clone(), title, keyword_line: false });
    }
    Reading::Body
}

/// True for a short paragraph that introduces a list: it ends with a colon and has no sentence
/// end before it.
fn is_lead_in(text: &str) -> bool {
    let t = text.trim_end();
    match t.strip_suffix(['：', ':']) {
        Some(head) => char_len(t) <= MAX_LEAD_CHARS && !head.contains(['。', '：', ':']),
        None => false,
    }
}

/// Reads the heading structure of repaired paragraphs.
///
/// Besides the headings' own levels, four rules keep a heading's scope to the text it heads:
/// numbered lines inside running text (a restarted or continued list inside an item, lines ending
/// like list members with `；`) are body text, not headings; the last item of a list of
/// one-paragraph items is one paragraph too; a closing or transition paragraph after the last
/// item of a list (`各位代表！…`, `过去一年，…`, see [`is_transition`]) belongs to the enclosing
/// part; a notes section at the end (`注释`, `名词解释`, numbered `“术语”：定义` lines) becomes
/// [`UnitKind::Note`] units outside every part.
pub fn outline(blocks: Vec<Block>) -> Outline {
    let mut kinds_seen = std::collections::HashMap::new();
    for b in &blocks {
        if let Some((kind, _)) = numbering(&b.text) {
            *kinds_seen.entry(kind).or_insert(0usize) += 1;
        }
    }
    let (title, start) = title_block(&blocks);
    let notes = notes_section(&blocks, start);
    let end = notes.as_ref().map_or(blocks.len(), |n| n.heading_at);
    let mut readings: Vec<Reading> = blocks[..end].iter().map(|b| read_block(&b.text, &kinds_seen)).collect();
    relevel(&mut readings[start..]);

    let mut out = Outline { title, units: Vec::new() };
    let mut stack = Stack::default();
    let mut list_runs: Vec<(Numbering, u32)> = Vec::new();
    for i in start..end {
        let block = &blocks[i];
        let reading = match &readings[i] {
            Reading::Heading { heading, kind: Some(kind), number, body_at }
                if is_list_line(&block.text, heading, *kind, *number, body_at.is_some(), &stack, &mut list_runs) =>
            {
                &Reading::Body
            }
            r => r,
        };
        match reading {
            Reading::Heading { heading, kind, number, body_at } => {
                list_runs.clear();
                let mut h = heading.clone();
                if h.keyword_line {
                    // A 关键词 line sits under the nearest heading that is not itself a 关键词.
                    while stack.open.last().is_some_and(|t| t.heading.keyword_line) {
                        stack.pop(&mut out.units);
                    }
                    h.level = stack.open.last().map_or(TOP_LEVEL, |t| t.heading.level + 1);
                }
                let last = last_in_list(&readings[i + 1..], h.level);
                let role = match kind {
                    Some(k) if is_item(*k) => Role::Item,
                    _ => Role::Fixed,
                };
                stack.push(Open::new(h, block.clone(), role, *number, last), &mut out.units);
                if let Some(at) = body_at {
                    stack.emit(block.slice(*at), &mut out.units);
                }
            }
            Reading::Defines(h) => {
                let mut h = h.clone();
                h.level = definition_level(&stack.open);
                stack.push(Open::new(h, block.clone(), Role::Defines, None, true), &mut out.units);
                stack.emit(block.clone(), &mut out.units);
            }
            Reading::Body => {
                // A numbered paragraph too long to be a title is a list member: later items of
                // its list are list members too.
                if let Some((kind, _)) = numbering(&block.text).filter(|(k, _)| is_item(*k)) {
                    if let Some(n) = number_value(&block.text) {
                        if let Some(at) = list_runs.iter().rposition(|&(k, last)| k == kind && n == last + 1) {
                            list_runs.truncate(at);
                        }
                        list_runs.push((kind, n));
                    }
                }
                let next_heading = readings.get(i + 1).and_then(|r| match r {
                    Reading::Heading { heading, .. } if heading.level > 0 => Some(heading.level),
                    _ => None,
                });
                match next_heading {
                    Some(next_level) if is_lead_in(&block.text) && next_level > 1 && !is_address(&block.text) => {
                        let title = lead_label(&block.text);
                        let h = Heading { level: next_level - 1, full: title.clone(), title, keyword_line: false };
                        stack.push(Open::new(h, block.clone(), Role::Lead, None, true), &mut out.units);
                    }
                    _ => {
                        stack.close_finished(&block.text, &mut out.units);
                        stack.emit(block.clone(), &mut out.units);
                    }
                }
            }
        }
    }
    while !stack.open.is_empty() {
        stack.pop(&mut out.units);
    }
    if let Some(notes) = notes {
        out.units.extend(note_units(&blocks, &notes));
    }
    // A heading that nothing stood under is emitted when it closes, after what closed it: put
    // every unit back in source order (the sort is stable, so units of one line keep theirs).
    out.units.sort_by_key(|u| u.body.line_start());
    out
}

/// The value of the number that opens `s`: `三、` → 3, `（12）` → 12, `十一是` → 11, `２．` → 2.
pub fn number_value(s: &str) -> Option<u32> {
    let s = s.trim_start_matches(['第', '（', '(', '[', '【', '〔']);
    let digits: String = s
        .chars()
        .map_while(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let (mut total, mut cur, mut any) = (0u32, 0u32, false);
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' => {
                total += cur.max(1) * 10;
                cur = 0;
                any = true;
                continue;
            }
            '百' => {
                total += cur.max(1) * 100;
                cur = 0;
                any = true;
                continue;
            }
            _ => break,
        };
        cur = d;
        any = true;
    }
    any.then_some(total + cur)
}

/// The title block: the run of short, sentence-less lines and Markdown headings that open a
/// document (kicker, title, subtitle, date line). Returns the title and where the body starts.
fn title_block(blocks: &[Block]) -> (Option<String>, usize) {
    let mut title: Option<(u8, String)> = None;
    let mut end = 0;
    for (i, b) in blocks.iter().enumerate() {
        if let Some((level, text)) = md_heading(&b.text) {
            // A numbered `## 一、…` is the first part, not a subtitle.
            if level > 2 || numbering(text).is_some() {
                break;
            }
            if title.as_ref().is_none_or(|(l, _)| level < *l) {
                title = Some((level, text.to_string()));
            }
            end = i + 1;
            continue;
        }
        let t = b.text.trim();
        let sentence_like = t.contains(['。', '！', '？', '：', ':', '；']);
        if char_len(t) <= 40 && !sentence_like && numbering(t).is_none_or(|(k, _)| k == Numbering::Dash) {
            end = i + 1;
            continue;
        }
        break;
    }
    // A title block with nothing after it is the whole document: keep it as body.
    if end >= blocks.len() {
        return (title.map(|t| t.1), 0);
    }
    (title.map(|t| t.1), end)
}

/// The title of a `关键词: 标题` line (a news layout's label for the item that follows).
pub(crate) fn keyword_line(text: &str) -> Option<&str> {
    let title = text.strip_prefix("关键词")?.strip_prefix([':', '：'])?.trim();
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_kinds() {
        assert_eq!(numbering("一、总体要求").map(|n| n.0), Some(Numbering::Major));
        assert_eq!(numbering("（一）锚定").map(|n| n.0), Some(Numbering::Paren));
        assert_eq!(numbering("(2)任务").map(|n| n.0), Some(Numbering::ParenArabic));
        assert_eq!(numbering("第三章 发展").map(|n| n.0), Some(Numbering::Chapter));
        assert_eq!(numbering("第十二条 为了").map(|n| n.0), Some(Numbering::Article));
        assert_eq!(numbering("1. 目标").map(|n| n.0), Some(Numbering::Arabic));
        assert_eq!(numbering("1.5亿元"), None);
        assert_eq!(numbering("一是围绕").map(|n| n.0), Some(Numbering::Ordinal));
        assert_eq!(numbering("——必须更加注重").map(|n| n.0), Some(Numbering::Dash));
        assert_eq!(numbering("一批企业"), None);
        assert_eq!(numbering("（永康）"), None);
    }

    #[test]
    fn definition_subjects() {
        assert_eq!(
            definition_subject("“十四五”时期经济社会发展的主要目标是：全市地区生产总值突破850亿元"),
            Some("“十四五”时期经济社会发展的主要目标")
        );
        assert_eq!(definition_subject("数字化是大势所趋。"), None);
    }
}
