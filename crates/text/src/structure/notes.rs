//! Notes sections: a `注释` / `名词解释` heading (or a numbered run of `“术语”：定义` lines) that
//! ends a document, read as note entries that name their terms instead of as headings.

use super::*;

/// Sector of notes that follow the body without a heading of their own.
pub const NOTES: &str = "注释";

/// Titles of a notes section, once brackets, a leading `附：` and a trailing colon are gone.
pub(super) const NOTE_TITLES: [&str; 10] =
    ["注释", "注解", "注", "附注", "名词解释", "名词注释", "词语解释", "名词释义", "释义", "术语解释"];
/// Endings of longer notes titles (`政府工作报告名词解释`, `有关名词注释`).
pub(super) const NOTE_TITLE_ENDS: [&str; 4] = ["名词解释", "名词注释", "词语解释", "名词释义"];
/// Longest term a note explains, in characters.
pub(super) const MAX_TERM_CHARS: usize = 24;

/// Where the notes section of a document begins.
pub(super) struct NotesAt {
    /// First block of the notes: their heading, or their first entry when they have none.
    pub(super) heading_at: usize,
    /// The sector of the notes: their heading's title, or [`NOTES`].
    pub(super) title: String,
    /// Where the entries begin in the first block (after `注释：`), if it has any.
    pub(super) first_entry_at: Option<usize>,
    /// The first block is a heading only (no entry).
    pub(super) heading_only: bool,
}

/// Recognises a notes heading: `注释`, `注释：`, `【名词解释】`, `附：名词解释`, `## 注释`, and
/// `注释：1.“两重”：…` (entries on the same line). Returns the title and where entries start.
pub(super) fn note_title(text: &str) -> Option<(String, Option<usize>)> {
    let hashes = text.chars().take_while(|c| *c == '#').count();
    let body = text[hashes..].trim_start();
    let skip = text.len() - body.len();
    let (head, rest_at) = match body.find(['：', ':']) {
        Some(c) => {
            let colon_len = body[c..].chars().next().map_or(1, char::len_utf8);
            (&body[..c], Some(skip + c + colon_len))
        }
        None => (body, None),
    };
    let head = head.strip_prefix("附").map(|h| h.trim_start_matches(['：', ':'])).unwrap_or(head);
    let core = head.trim().trim_matches(['【', '】', '[', ']', '〔', '〕', '（', '）', '(', ')', ' ']).trim();
    let is_title = NOTE_TITLES.contains(&core)
        || (char_len(core) <= 16 && NOTE_TITLE_ENDS.iter().any(|e| core.ends_with(e)) && !core.contains(['，', '。']));
    if !is_title {
        return None;
    }
    // `注：文中数据…` is a one-line remark after a table, not a section title.
    let rest_at = rest_at.filter(|&r| !text[r..].trim().is_empty());
    if core == "注" && rest_at.is_some_and(|r| note_entry(&text[r..]).is_none()) {
        return None;
    }
    Some((core.to_string(), rest_at))
}

/// Removes a note's number: `1.` `1、` `１．` `（1）` `(1)` `[1]` `【1】` `〔1〕` `①` `一、` `注1：`.
pub(super) fn strip_note_number(text: &str) -> (&str, bool) {
    let t = text.trim_start();
    let t = t.strip_prefix('注').filter(|r| r.starts_with(|c: char| c.is_ascii_digit() || is_circled(c))).unwrap_or(t);
    if let Some(c) = t.chars().next().filter(|c| is_circled(*c)) {
        return (t[c.len_utf8()..].trim_start_matches(['：', ':', '.', '．', '、', ' ']), true);
    }
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || CN_DIGITS.contains(c);
    for (open, close) in [('（', '）'), ('(', ')'), ('[', ']'), ('【', '】'), ('〔', '〕')] {
        if let Some(rest) = t.strip_prefix(open) {
            let (num, after) = take_while_in(rest, is_digit);
            if let Some(after) = after.strip_prefix(close).filter(|_| !num.is_empty() && char_len(num) <= 3) {
                return (after.trim_start(), true);
            }
        }
    }
    let (num, after) = take_while_in(t, is_digit);
    if !num.is_empty() && char_len(num) <= 3 {
        if let Some(after) = after.strip_prefix(['.', '．', '、']) {
            return (after.trim_start(), true);
        }
    }
    (t, false)
}

pub(super) fn is_circled(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c)
}

/// A note entry: `[number] 术语：定义`, `“术语”：定义`, or `“术语”是指定义`. Returns the term
/// (quotes removed) and whether the entry was numbered.
pub(super) fn note_entry(text: &str) -> Option<(String, bool)> {
    let (body, numbered) = strip_note_number(text);
    let quotes: &[char] = &['“', '”', '"', '‘', '’', '「', '」', '『', '』'];
    let term = match body.find(['：', ':']) {
        Some(c) if char_len(&body[..c]) <= MAX_TERM_CHARS + 2 => &body[..c],
        _ => {
            // `“两重”是指…`: a quoted term followed by 是指 / 指 / 即.
            let rest = body.strip_prefix('“')?;
            let close = rest.find('”')?;
            let after = &rest[close + '”'.len_utf8()..];
            if !["是指", "指", "即"].iter().any(|w| after.starts_with(w)) {
                return None;
            }
            &body[..close + '“'.len_utf8() + '”'.len_utf8()]
        }
    };
    // Quotes go wherever they are: `“人工智能+”行动` explains 人工智能+行动.
    let term: String = term.chars().filter(|c| !quotes.contains(c)).collect();
    let term = term.trim();
    let ok = !term.is_empty()
        && char_len(term) <= MAX_TERM_CHARS
        && !term.contains(['。', '；', '！', '？', '，'])
        && term.chars().any(char::is_alphanumeric);
    ok.then(|| (term.to_string(), numbered))
}

/// The notes section: the last notes heading after which only note entries and their
/// continuation paragraphs follow, or else a run of at least two numbered entries (numbered from
/// 1, most terms in quotes) that ends the document.
pub(super) fn notes_section(blocks: &[Block], start: usize) -> Option<NotesAt> {
    // What cannot stand inside a notes section: another heading or a numbered line that is no
    // note entry.
    let is_structure = |t: &str| {
        md_heading(t).is_some()
            || note_title(t).is_some()
            || (numbering(t).is_some() && note_entry(t).is_none())
            || keyword_line(t).is_some()
    };
    for k in (start..blocks.len()).rev() {
        if let Some((title, rest_at)) = note_title(&blocks[k].text) {
            let after = &blocks[k + 1..];
            let entries = after.iter().filter(|b| note_entry(&b.text).is_some()).count()
                + usize::from(rest_at.is_some_and(|r| note_entry(&blocks[k].text[r..]).is_some()));
            let starts_with_entry = after.first().is_none_or(|b| note_entry(&b.text).is_some());
            let continuations = after.len() + 1 - entries;
            if entries >= 1
                && starts_with_entry
                && continuations <= entries
                && !after.iter().any(|b| is_structure(&b.text))
            {
                return Some(NotesAt {
                    heading_at: k,
                    title,
                    first_entry_at: rest_at,
                    heading_only: rest_at.is_none(),
                });
            }
            return None;
        }
        if is_structure(&blocks[k].text) {
            break;
        }
    }
    // Entries without a heading: the numbered run that ends the document.
    let mut first = blocks.len();
    let mut quoted = 0;
    while first > start {
        let b = &blocks[first - 1];
        match note_entry(&b.text) {
            Some((_, true)) => {
                quoted += usize::from(strip_note_number(&b.text).0.starts_with(['“', '"', '「']));
                first -= 1;
            }
            _ => break,
        }
    }
    let count = blocks.len() - first;
    let numbered_from_one = blocks.get(first).and_then(|b| number_value(b.text.trim_start())) == Some(1);
    (count >= 2 && numbered_from_one && quoted * 2 >= count).then(|| NotesAt {
        heading_at: first,
        title: NOTES.to_string(),
        first_entry_at: Some(0),
        heading_only: false,
    })
}

/// The notes as units of kind [`UnitKind::Note`], under the notes title alone. A paragraph that
/// opens no entry continues the note before it.
pub(super) fn note_units(blocks: &[Block], notes: &NotesAt) -> Vec<Unit> {
    let path = vec![Heading { level: 1, full: notes.title.clone(), title: notes.title.clone(), keyword_line: false }];
    let mut bodies: Vec<Block> = Vec::new();
    if let Some(at) = notes.first_entry_at {
        bodies.push(blocks[notes.heading_at].slice(at));
    } else if !notes.heading_only {
        bodies.push(blocks[notes.heading_at].clone());
    }
    bodies.extend(blocks[notes.heading_at + 1..].iter().cloned());
    let mut term: Option<String> = None;
    bodies
        .into_iter()
        .filter(|b| !b.text.is_empty())
        .map(|body| {
            if let Some((t, _)) = note_entry(&body.text) {
                term = Some(t);
            }
            Unit { path: path.clone(), body, kind: UnitKind::Note { term: term.clone() } }
        })
        .collect()
}
