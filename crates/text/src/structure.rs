//! Document structure from the document's own headings: Markdown `#`, `第一编/章/节`, `一、`,
//! `（一）`, `1.`, `（1）`, dash points (`——`), `一是`, `关键词:` lines, and the lead-in sentences
//! that introduce a list (`…以下五个方面：`) or define a part (`…的主要目标是：`). The result is a
//! heading path for every body paragraph.

use crate::clean::Block;

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

/// Numbering kinds that open list items, as opposed to volumes, chapters, sections and articles.
fn is_item(kind: Numbering) -> bool {
    !matches!(kind, Numbering::Volume | Numbering::Chapter | Numbering::Section | Numbering::Article)
}

/// True when a numbered line that reads as a heading is a line of running text instead: a list
/// member ending like one (`…；`, `…，`), a title holding `；`, or a list inside an open item of
/// the same numbering (`一、二、…` inside `三、`) — it restarts at or below the open item's
/// number, or continues such a list (`runs`: the lists of this kind in progress, innermost
/// last; a list in progress wins over the open item's next number, since it is the nearer).
fn is_list_line(
    text: &str,
    heading: &Heading,
    kind: Numbering,
    number: Option<u32>,
    run_in: bool,
    stack: &Stack,
    runs: &mut Vec<(Numbering, u32)>,
) -> bool {
    if !is_item(kind) {
        return false;
    }
    let ends_like_member = !run_in && text.trim_end().ends_with(['；', '，', '、', ';', ',']);
    let Some(n) = number else { return ends_like_member || heading.title.contains(['；', ';']) };
    if let Some(at) = runs.iter().rposition(|&(k, last)| k == kind && n == last + 1) {
        runs.truncate(at);
        runs.push((kind, n));
        return true;
    }
    let open = stack.open.iter().rev().find(|o| o.kind_level == Some(heading.level)).and_then(|o| o.number);
    let inside = match open {
        Some(m) => n <= m,
        None => n == 1 && runs.iter().any(|&(k, _)| k == kind),
    };
    if inside || ends_like_member || heading.title.contains(['；', ';']) {
        runs.push((kind, n));
        return true;
    }
    false
}

/// True when no later heading of `level` follows before one of a lower level: the heading
/// being opened is the last item of its list.
fn last_in_list(rest: &[Reading], level: u8) -> bool {
    for r in rest {
        if let Reading::Heading { heading, .. } = r {
            if heading.level > 0 && heading.level <= level {
                return heading.level < level;
            }
        }
    }
    true
}

/// Documents that number their top parts `（一）` and the items inside them `一、` (the reverse of
/// the usual order) put `（一）` first: when the first `一、` heading (numbered 一) comes after a
/// `（一）` heading, `（一）` ranks above `一、` in that document.
fn relevel(readings: &mut [Reading]) {
    let first = |want: Numbering| {
        readings.iter().position(|r| matches!(r, Reading::Heading { kind: Some(k), .. } if *k == want))
    };
    let (Some(paren), Some(major)) = (first(Numbering::Paren), first(Numbering::Major)) else { return };
    if paren > major || !matches!(readings[major], Reading::Heading { number: Some(1), .. }) {
        return;
    }
    for r in readings.iter_mut() {
        if let Reading::Heading { heading, kind: Some(Numbering::Paren), .. } = r {
            heading.level = Numbering::Major.level() - 1;
        }
    }
}

/// Openings of paragraphs that close a part or lead from one part to the next rather than
/// continue the item before them: addresses to the audience, reviews of the past year,
/// summaries and the opening of the next year's work.
const TRANSITIONS: [&str; 22] = [
    "各位代表",
    "同志们",
    "代表们",
    "过去一年",
    "过去的一年",
    "回顾过去",
    "一年来",
    "五年来",
    "过去五年",
    "在肯定成绩的同时",
    "我们也清醒地看到",
    "我们也要清醒看到",
    "我们清醒地认识到",
    "做好今年",
    "做好今年工作",
    "今年是",
    "新的一年",
    "总之",
    "总的来看",
    "总的来说",
    "综上所述",
    "展望未来",
];

/// True for a closing or transition paragraph (see [`TRANSITIONS`]).
pub fn is_transition(text: &str) -> bool {
    TRANSITIONS.iter().any(|t| text.starts_with(t))
}

/// True for a paragraph addressed to the audience (`各位代表！…`, `同志们：…`): it starts a new
/// passage of the speech, so it ends the item before it even in the middle of a list, and it
/// never names a part.
fn is_address(text: &str) -> bool {
    TRANSITIONS[..3].iter().any(|t| text.starts_with(t))
}

fn ends_at_colon(text: &str) -> bool {
    text.trim_end().ends_with(['：', ':'])
}

/// What an open heading is, for the rules that end its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A numbered list item (`一、`, `（一）`, `一是`, `1.`, `——` …).
    Item,
    /// A lead-in (`…以下五个方面：`) that opens a list.
    Lead,
    /// A definition (`…主要目标是：…`): it names its own paragraph and the list inside it.
    Defines,
    /// A Markdown heading, a chapter or section, an article, a `关键词` line.
    Fixed,
}

/// An open heading with the paragraph it came from and what has stood under it.
struct Open {
    heading: Heading,
    block: Block,
    role: Role,
    /// The item's number (`三、` → 3), when it has one.
    number: Option<u32>,
    /// The level of its numbering kind, for list items (to find the open item of a kind).
    kind_level: Option<u8>,
    /// No sibling follows it: it is the last item of its list.
    last: bool,
    /// Body paragraphs that stood under it so far.
    paras: usize,
    /// Earlier siblings in its list, and the most paragraphs any of them had.
    siblings: usize,
    sibling_paras: usize,
}

impl Open {
    fn new(heading: Heading, block: Block, role: Role, number: Option<u32>, last: bool) -> Open {
        let kind_level = (role == Role::Item).then_some(heading.level);
        Open { heading, block, role, number, kind_level, last, paras: 0, siblings: 0, sibling_paras: 0 }
    }
}

/// The open headings, outermost first.
#[derive(Default)]
struct Stack {
    open: Vec<Open>,
}

impl Stack {
    /// Opens a heading, closing those at its level or deeper, and counts the siblings it follows.
    fn push(&mut self, mut h: Open, units: &mut Vec<Unit>) {
        while let Some(top) = self.open.last() {
            if top.heading.level < h.heading.level {
                break;
            }
            if top.heading.level == h.heading.level {
                h.siblings = top.siblings + 1;
                h.sibling_paras = top.sibling_paras.max(top.paras);
            }
            self.pop(units);
        }
        self.open.push(h);
    }

    /// Closes the innermost heading. A heading that nothing stood under (the last line of a
    /// document, or one directly followed by a sibling) becomes a passage of its own, so that
    /// its text is not lost.
    fn pop(&mut self, units: &mut Vec<Unit>) {
        if let Some(top) = self.open.pop() {
            if top.paras == 0 {
                let mut path: Vec<Heading> = self.open.iter().map(|o| o.heading.clone()).collect();
                path.push(top.heading);
                units.push(Unit { path, body: top.block, kind: UnitKind::Text });
            }
        }
    }

    /// Before body paragraph `text`: closes the last item of a list when the list is over, so
    /// that the paragraph goes to the part around the list. A list of one-paragraph items (at
    /// least three) ends after its last item's paragraph; a closing or transition paragraph ends
    /// every finished list around it. The outermost heading (the part) always stays open.
    fn close_finished(&mut self, text: &str, units: &mut Vec<Unit>) {
        let transition = is_transition(text);
        let address = is_address(text);
        let mut closed_item = false;
        while self.open.len() > 1 {
            let Some(top) = self.open.last() else { break };
            let finished = match top.role {
                Role::Item => {
                    address
                        || (top.last && top.paras >= 1 && (transition || (top.siblings >= 2 && top.sibling_paras <= 1)))
                }
                // A lead-in or definition ends with the list it opened.
                Role::Lead => closed_item || (transition && top.paras >= 1),
                // A definition names its own paragraph (and the items under it), not the
                // paragraphs after it; one that stops at its colon names the next paragraph too.
                Role::Defines => top.paras > usize::from(ends_at_colon(&top.block.text)),
                Role::Fixed => false,
            };
            if !finished {
                break;
            }
            closed_item |= top.role == Role::Item;
            self.pop(units);
        }
    }

    /// Adds body text under the open headings.
    fn emit(&mut self, body: Block, units: &mut Vec<Unit>) {
        for o in &mut self.open {
            o.paras += 1;
        }
        units.push(Unit { path: self.open.iter().map(|o| o.heading.clone()).collect(), body, kind: UnitKind::Text });
    }
}

/// A definition (`…主要目标是：`) is a sibling of other definitions and lead-ins under the nearest
/// numbered part.
fn definition_level(stack: &[Open]) -> u8 {
    stack.iter().rev().find(|o| o.heading.level <= 20).map_or(TOP_LEVEL, |o| o.heading.level + 1)
}

/// Sector of notes that follow the body without a heading of their own.
pub const NOTES: &str = "注释";

/// Titles of a notes section, once brackets, a leading `附：` and a trailing colon are gone.
const NOTE_TITLES: [&str; 10] =
    ["注释", "注解", "注", "附注", "名词解释", "名词注释", "词语解释", "名词释义", "释义", "术语解释"];
/// Endings of longer notes titles (`政府工作报告名词解释`, `有关名词注释`).
const NOTE_TITLE_ENDS: [&str; 4] = ["名词解释", "名词注释", "词语解释", "名词释义"];
/// Longest term a note explains, in characters.
const MAX_TERM_CHARS: usize = 24;

/// Where the notes section of a document begins.
struct NotesAt {
    /// First block of the notes: their heading, or their first entry when they have none.
    heading_at: usize,
    /// The sector of the notes: their heading's title, or [`NOTES`].
    title: String,
    /// Where the entries begin in the first block (after `注释：`), if it has any.
    first_entry_at: Option<usize>,
    /// The first block is a heading only (no entry).
    heading_only: bool,
}

/// Recognises a notes heading: `注释`, `注释：`, `【名词解释】`, `附：名词解释`, `## 注释`, and
/// `注释：1.“两重”：…` (entries on the same line). Returns the title and where entries start.
fn note_title(text: &str) -> Option<(String, Option<usize>)> {
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
fn strip_note_number(text: &str) -> (&str, bool) {
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

fn is_circled(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c)
}

/// A note entry: `[number] 术语：定义`, `“术语”：定义`, or `“术语”是指定义`. Returns the term
/// (quotes removed) and whether the entry was numbered.
fn note_entry(text: &str) -> Option<(String, bool)> {
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
    let term = term.trim().trim_matches(quotes).trim();
    let ok = !term.is_empty()
        && char_len(term) <= MAX_TERM_CHARS
        && !term.contains(['。', '；', '！', '？', '，'])
        && term.chars().any(char::is_alphanumeric);
    ok.then(|| (term.to_string(), numbered))
}

/// The notes section: the last notes heading after which only note entries and their
/// continuation paragraphs follow, or else a run of at least two numbered entries (numbered from
/// 1, most terms in quotes) that ends the document.
fn notes_section(blocks: &[Block], start: usize) -> Option<NotesAt> {
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
fn note_units(blocks: &[Block], notes: &NotesAt) -> Vec<Unit> {
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
            if level > 2 {
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
