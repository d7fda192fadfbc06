//! Segmentation: sentences, clauses and list items of a passage, and character classes.

pub(super) fn is_sentence_end(_text: &str, _at: usize, c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

pub(super) fn is_clause_end(text: &str, at: usize, c: char) -> bool {
    match c {
        '，' | '；' | '：' | ';' => true,
        // ASCII , and : separate clauses only between non-digits (1,400 and 8:30 stay whole).
        ',' | ':' => {
            let before = text[..at].chars().next_back();
            let after = text[at + 1..].chars().next();
            !(before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit()))
        }
        _ => false,
    }
}

/// Splits `text[start..end]` at separator characters (dropped); empty pieces are kept so spans
/// stay simple.
pub(super) fn split(
    text: &str,
    start: usize,
    end: usize,
    is_separator: fn(&str, usize, char) -> bool,
) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut piece_start = start;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if is_separator(text, at, c) {
            pieces.push((piece_start, at));
            piece_start = at + c.len_utf8();
        }
    }
    pieces.push((piece_start, end));
    pieces
}

/// Splits a clause into 、-separated items, not inside quotes or brackets.
pub(super) fn list_items(text: &str, (start, end): (usize, usize)) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut depth: i32 = 0;
    let mut item_start = start;
    for (i, c) in text[start..end].char_indices() {
        match c {
            '“' | '‘' | '（' | '(' | '《' | '「' | '【' => depth += 1,
            '”' | '’' | '）' | ')' | '》' | '」' | '】' => depth = (depth - 1).max(0),
            '、' if depth == 0 => {
                items.push((item_start, start + i));
                item_start = start + i + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push((item_start, end));
    items
}

/// Trims white space and dashes from both ends of `text[start..end]`.
pub(super) fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let is_pad = |c: char| c.is_whitespace() || matches!(c, '—' | '…' | '\u{200B}');
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start_matches(is_pad).len();
    let trail = piece.len() - piece.trim_end_matches(is_pad).len();
    if lead + trail >= piece.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

/// The longest entry of `list` that `s` starts with.
pub(super) fn longest_prefix(s: &str, list: &[&'static str]) -> Option<&'static str> {
    list.iter().copied().filter(|w| s.starts_with(w)).max_by_key(|w| w.len())
}

/// An ASCII or full-width digit, as ASCII.
pub(super) fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// A Chinese numeral digit (〇/零 … 九).
pub(super) fn chinese_digit(c: char) -> Option<u32> {
    // Called for every character of every sentence: a match, not a search of a string.
    match c {
        '〇' | '零' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

pub(super) fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '『' | '』')
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}
