//! Quantities: a number, its unit and qualifier, and the comparator before it.

use super::*;

/// Whether `rest` starts with a noun: by jieba's part of speech when it is there (安排 after
/// `4%左右` is a verb), else any ideograph.
pub(super) fn noun_follows(rest: &str, jieba: Option<&Jieba>) -> bool {
    if !rest.chars().next().is_some_and(is_han) {
        return false;
    }
    let Some(jieba) = jieba else {
        return true;
    };
    let head: String = rest.chars().take(8).collect();
    jieba.tag(&head, true).first().is_some_and(|t| t.tag.starts_with('n') || t.tag == "zg")
}

/// Quantities (number + unit) in `text[start..end]`, in order.
pub(super) fn quantities(text: &str, start: usize, end: usize) -> Vec<Quantity> {
    let mut found = Vec::new();
    let mut at = start;
    while at < end {
        let Some(c) = text[at..end].chars().next() else {
            break;
        };
        if digit(c).is_none() {
            at += c.len_utf8();
            continue;
        }
        let (number, number_end) = read_number(text, at, end);
        match quantity_at(text, at, number_end, end, &number) {
            Some(q) => {
                at = q.end;
                found.push(q);
            }
            None => at = number_end,
        }
    }
    found
}

/// Reads digits with an optional thousands separator (`1,400`) and decimal part, starting at
/// a digit; returns the number in ASCII and where it ends.
pub(super) fn read_number(text: &str, start: usize, end: usize) -> (String, usize) {
    let mut number = String::new();
    let mut at = start;
    let mut seen_point = false;
    while let Some(c) = text[at..end].chars().next() {
        if let Some(d) = digit(c) {
            number.push(d);
            at += c.len_utf8();
            continue;
        }
        let next_is_digit = text[at + c.len_utf8()..end].chars().next().is_some_and(|n| digit(n).is_some());
        // Some reports space their digits (`7 2 ％`, `1 9 9 8 年`) or write the point as ·
        // (`14· 1％`): one space between digits, or after a ·, continues the number.
        let next_is_point = !seen_point
            && text[at + c.len_utf8()..end].starts_with(['.', '．', '·'])
            && text[at + c.len_utf8()..end].chars().nth(1).is_some_and(|n| digit(n).is_some());
        if c == ' ' && (next_is_digit || next_is_point) && !number.is_empty() {
            at += 1;
            continue;
        }
        if matches!(c, '.' | '．' | '·')
            && !seen_point
            && (next_is_digit || text[at + c.len_utf8()..end].starts_with(' '))
        {
            let after = at + c.len_utf8();
            let after = if text[after..end].starts_with(' ') { after + 1 } else { after };
            if text[after..end].chars().next().is_none_or(|n| digit(n).is_none()) {
                break;
            }
            seen_point = true;
            number.push('.');
            at = after;
            continue;
        }
        if matches!(c, '.' | '．') && !seen_point && next_is_digit {
            seen_point = true;
            number.push('.');
            at += c.len_utf8();
        } else if c == ',' && !seen_point && next_is_digit && thousands_group(&text[at + 1..end]) {
            at += 1;
        } else {
            break;
        }
    }
    (number, at)
}

/// Whether `rest` starts with exactly three digits (a thousands group after a comma).
pub(super) fn thousands_group(rest: &str) -> bool {
    let mut chars = rest.chars();
    (0..3).all(|_| chars.next().is_some_and(|c| digit(c).is_some())) && chars.next().is_none_or(|c| digit(c).is_none())
}

/// The quantity whose number spans `start..number_end`, if the number is one (see module docs).
pub(super) fn quantity_at(text: &str, start: usize, number_end: usize, end: usize, number: &str) -> Option<Quantity> {
    let previous = text[..start].chars().next_back();
    if previous.is_some_and(|p| p.is_ascii_alphabetic() || matches!(p, '+' | '＋' | '.' | '第' | '/')) {
        return None; // G60, 1+1, v1.2, 第5, PM2.5 read as "5" after "."
    }
    let rest = &text[number_end..end];
    if rest.chars().next().is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '+' | '＋')) {
        return None; // 5G, 5A级, 10+N
    }
    let after_space = rest.trim_start();
    let is_year_like = number.len() == 4 && number.parse::<i32>().is_ok_and(|y| (1900..=2100).contains(&y));
    if is_year_like && after_space.starts_with(['年', '—', '-', '～', '~', '至', '－']) {
        return None; // 2025年, 2021—2025年
    }
    if after_space.starts_with("周年") {
        return None;
    }
    let value: f64 = number.parse().ok()?;

    let mut unit = String::new();
    let mut tail = after_space;
    tail = tail.strip_prefix(['多', '余']).unwrap_or(tail);
    if let Some(m) = longest_prefix(tail, MULTIPLIERS) {
        unit.push_str(m);
        tail = tail[m.len()..].trim_start();
    }
    if let Some(u) = longest_prefix(tail, UNITS) {
        // 大 counts only as in 10大应用场景 (a noun follows).
        let noun_follows = tail[u.len()..].chars().next().is_some_and(is_han);
        let in_noun = UNIT_BLOCKERS.iter().any(|b| tail.starts_with(b));
        if (u != "大" || noun_follows) && !in_noun {
            unit.push_str(if u == "％" { "%" } else { u });
            tail = &tail[u.len()..];
        }
    }
    if unit.is_empty() || (unit == "大" && value.fract() != 0.0) {
        return None;
    }
    let after_unit = tail.trim_start();
    let suffix = longest_prefix(after_unit, SUFFIX_COMPARATORS);
    let consumed = match suffix {
        Some(s) => &after_unit[s.len()..],
        None => tail,
    };
    let attribute = consumed.trim_start().starts_with('的');
    Some(Quantity { start, end: end - consumed.len(), value, unit, suffix, attribute })
}

// ---------------------------------------------------------------------------------------------
// Metric and comparator

/// The last comparator in `window`: (word, is strong).
pub(super) fn last_comparator(window: &str) -> Option<(&'static str, bool)> {
    let mut found = None;
    let mut at = 0;
    while at < window.len() {
        let rest = &window[at..];
        if let Some(b) = longest_prefix(rest, COMPARATOR_BLOCKERS) {
            at += b.len();
            continue;
        }
        let strong = longest_prefix(rest, STRONG_COMPARATORS);
        let weak = longest_prefix(rest, WEAK_COMPARATORS);
        let hit = match (strong, weak) {
            (Some(s), Some(w)) if w.len() > s.len() => Some((w, false)),
            (Some(s), _) => Some((s, true)),
            (None, Some(w)) => Some((w, false)),
            (None, None) => None,
        };
        match hit {
            Some((word, is_strong)) => {
                found = Some((word, is_strong));
                at += word.len();
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}
