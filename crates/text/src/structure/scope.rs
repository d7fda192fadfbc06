//! Where a heading's scope ends: numbered lines that are list members rather than headings, the
//! last item of a list of one-paragraph items, closing and transition paragraphs that go back to
//! their part, definitions that name their own paragraph, and the stack of open headings that
//! applies these rules while [`super::outline`] reads a document.

use super::*;

/// Numbering kinds that open list items, as opposed to volumes, chapters, sections and articles.
pub(super) fn is_item(kind: Numbering) -> bool {
    !matches!(kind, Numbering::Volume | Numbering::Chapter | Numbering::Section | Numbering::Article)
}

/// True when a numbered line that reads as a heading is a line of running text instead: a list
/// member ending like one (`…；`, `…，`), a title holding `；`, or a list inside an open item of
/// the same numbering (`一、二、…` inside `三、`) — it restarts at or below the open item's
/// number, or continues such a list (`runs`: the lists of this kind in progress, innermost
/// last; a list in progress wins over the open item's next number, since it is the nearer), or an
/// `X是` enumeration whose first member stood inside a paragraph.
pub(super) fn is_list_line(
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
        // `二是…` with no `一是` heading before it continues an enumeration that began inside a
        // paragraph (`…财政政策。一是…`): its members are sentences of running text.
        None => (n == 1 && runs.iter().any(|&(k, _)| k == kind)) || (kind == Numbering::Ordinal && n > 1),
    };
    if inside || ends_like_member || heading.title.contains(['；', ';']) {
        runs.push((kind, n));
        return true;
    }
    false
}

/// True when no later heading of `level` follows before one of a lower level: the heading
/// being opened is the last item of its list.
pub(super) fn last_in_list(rest: &[Reading], level: u8) -> bool {
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
pub(super) fn relevel(readings: &mut [Reading]) {
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
pub(super) const TRANSITIONS: [&str; 22] = [
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

/// True for a closing or transition paragraph: one that opens like `各位代表`, `过去一年`, `在肯定成绩的同时`,
/// `做好今年`, `总之` … (the openings in `TRANSITIONS`).
pub fn is_transition(text: &str) -> bool {
    TRANSITIONS.iter().any(|t| text.starts_with(t))
}

/// True for a paragraph addressed to the audience (`各位代表！…`, `同志们：…`): it starts a new
/// passage of the speech, so it ends the item before it even in the middle of a list, and it
/// never names a part.
pub(super) fn is_address(text: &str) -> bool {
    TRANSITIONS[..3].iter().any(|t| text.starts_with(t))
}

pub(super) fn ends_at_colon(text: &str) -> bool {
    text.trim_end().ends_with(['：', ':'])
}

/// What an open heading is, for the rules that end its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
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
pub(super) struct Open {
    pub(super) heading: Heading,
    pub(super) block: Block,
    pub(super) role: Role,
    /// The item's number (`三、` → 3), when it has one.
    pub(super) number: Option<u32>,
    /// The level of its numbering kind, for list items (to find the open item of a kind).
    pub(super) kind_level: Option<u8>,
    /// No sibling follows it: it is the last item of its list.
    pub(super) last: bool,
    /// Body paragraphs that stood under it so far.
    pub(super) paras: usize,
    /// Earlier siblings in its list, and the most paragraphs any of them had.
    pub(super) siblings: usize,
    pub(super) sibling_paras: usize,
}

impl Open {
    pub(super) fn new(heading: Heading, block: Block, role: Role, number: Option<u32>, last: bool) -> Open {
        let kind_level = (role == Role::Item).then_some(heading.level);
        Open { heading, block, role, number, kind_level, last, paras: 0, siblings: 0, sibling_paras: 0 }
    }
}

/// The open headings, outermost first.
#[derive(Default)]
pub(super) struct Stack {
    pub(super) open: Vec<Open>,
}

impl Stack {
    /// Opens a heading, closing those at its level or deeper, and counts the siblings it follows.
    pub(super) fn push(&mut self, mut h: Open, units: &mut Vec<Unit>) {
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
    pub(super) fn pop(&mut self, units: &mut Vec<Unit>) {
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
    pub(super) fn close_finished(&mut self, text: &str, units: &mut Vec<Unit>) {
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
    pub(super) fn emit(&mut self, body: Block, units: &mut Vec<Unit>) {
        for o in &mut self.open {
            o.paras += 1;
        }
        units.push(Unit { path: self.open.iter().map(|o| o.heading.clone()).collect(), body, kind: UnitKind::Text });
    }
}

/// A definition (`…主要目标是：`) is a sibling of other definitions and lead-ins under the nearest
/// numbered part.
pub(super) fn definition_level(stack: &[Open]) -> u8 {
    stack.iter().rev().find(|o| o.heading.level <= 20).map_or(TOP_LEVEL, |o| o.heading.level + 1)
}
