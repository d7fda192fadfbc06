//! Years: explicit due years, plan periods (十四五 → 2025) and sentences that review the past.

use super::*;

/// Explicit due years in `text`: (byte offset, year). Four ASCII/full-width digits or Chinese
/// numerals (二〇三五) followed by 年, between 1900 and 2100; not base years (比/较/与/同/自/从
/// 2020年, 2020年以来/基础上) or vision names (2035年远景目标).
pub(super) fn explicit_years(text: &str) -> Vec<(usize, i32)> {
    let mut years = Vec::new();
    // Every year is followed by 年: most sentences and headings have none to look for.
    if !text.contains('年') {
        return years;
    }
    let mut iter = text.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        let chinese = chinese_digit(c).is_some();
        if digit(c).is_none() && !chinese {
            continue;
        }
        let previous = text[..at].chars().next_back();
        let mut year: i64 = 0;
        let mut count = 0;
        let mut end = at;
        for (i, d) in text[at..].char_indices() {
            let v = if chinese { chinese_digit(d) } else { digit(d).and_then(|a| a.to_digit(10)) };
            match v {
                Some(v) => {
                    year = year.saturating_mul(10).saturating_add(i64::from(v));
                    count += 1;
                    end = at + i + d.len_utf8();
                }
                None => break,
            }
        }
        // Skip the rest of this digit run.
        while iter.peek().is_some_and(|&(i, _)| i < end) {
            iter.next();
        }
        let continues =
            |p: Option<char>| p.is_some_and(|p| digit(p).is_some() || chinese_digit(p).is_some() || p == '.');
        if count != 4 || continues(previous) || !(1900..=2100).contains(&year) {
            continue;
        }
        let rest = text[end..].trim_start();
        let Some(after) = rest.strip_prefix('年') else {
            continue;
        };
        let base = text[..at].trim_end().ends_with(['比', '较', '与', '同', '自', '从']);
        let not_due = ["以来", "为基", "基础上", "的基础上", "远景", "同期"].iter().any(|m| after.starts_with(m));
        if !base && !not_due {
            years.push((at, year as i32));
        }
    }
    years
}

/// Plan periods named in `text` (十四五, 第十四个五年规划): (byte offset, due year). If the
/// text speaks of the opening (开局, 开好局, 第一年, 首年), the period's first year instead.
pub(super) fn periods(text: &str) -> Vec<(usize, i32)> {
    // Both forms (十四五, 第十四个五年) hold a 五.
    if !text.contains('五') {
        return Vec::new();
    }
    let opening = ["开局", "开好局", "第一年", "首年"].iter().any(|m| text.contains(m));
    let mut found = Vec::new();
    for (at, _) in text.match_indices('十') {
        let previous = text[..at].chars().next_back();
        if previous.is_some_and(|p| chinese_digit(p).is_some() || matches!(p, '十' | '百' | '两')) {
            continue; // 三十四五岁
        }
        let rest = &text[at + '十'.len_utf8()..];
        let mut chars = rest.chars();
        let Some(n) = chars.next().and_then(chinese_digit).filter(|n| *n > 0) else {
            continue;
        };
        let tail = chars.as_str();
        let is_period = (tail.starts_with('五')
            && !tail['五'.len_utf8()..].starts_with(['岁', '万', '亿', '元', '个', '%', '人', '年']))
            || tail.starts_with("个五年");
        if is_period {
            let last_year = 1955 + 5 * (10 + n as i32);
            found.push((at, if opening { last_year - 4 } else { last_year }));
        }
    }
    found
}

/// Every explicit year named in a heading or sentence, base years and vision names excepted
/// (used by [`crate::period`]).
pub(crate) fn heading_years(text: &str) -> Vec<i32> {
    explicit_years(text).into_iter().map(|y| y.1).collect()
}

/// Plan periods named in `text` as (first year, last year): 十四五 → (2021, 2025), and the
/// quoted short names of earlier ones (“六五” … “九五”, or followed by 时期/期间/计划).
pub(crate) fn period_spans(text: &str) -> Vec<(i32, i32)> {
    let mut spans: Vec<(i32, i32)> = Vec::new();
    // Every period named (十四五, 第十四个五年, “九五”) holds a 五.
    if !text.contains('五') {
        return spans;
    }
    let named = text.contains("开局") || text.contains("开好局") || text.contains("第一年") || text.contains("首年");
    for (_, due) in periods(text) {
        // periods() gives the first year for an opening; a span is the whole period either way.
        let last = if named && (due - 1955) % 5 == 1 { due + 4 } else { due };
        spans.push((last - 4, last));
    }
    for (at, c) in text.char_indices() {
        let Some(n) = chinese_digit(c).filter(|n| (6..=9).contains(n)) else { continue };
        let rest = &text[at + c.len_utf8()..];
        let Some(tail) = rest.strip_prefix('五') else { continue };
        let quoted = text[..at].ends_with(['“', '"', '‘']) && tail.starts_with(['”', '"', '’']);
        let framed = ["时期", "期间", "计划"].iter().any(|w| tail.trim_start_matches(['”', '"', '’']).starts_with(w));
        let inside_number = text[..at].chars().next_back().is_some_and(|p| chinese_digit(p).is_some() || p == '十');
        if (quoted || framed) && !inside_number {
            let last = 1955 + 5 * n as i32;
            spans.push((last - 4, last));
        }
    }
    spans
}

/// The latest plan period's due year in a label or title.
pub(super) fn period_year(text: &str) -> Option<i32> {
    periods(text).into_iter().map(|p| p.1).max()
}

// ---------------------------------------------------------------------------------------------
// Segmentation and characters

pub(super) fn is_retrospective(sentence: &str) -> bool {
    RETROSPECTIVE.iter().any(|m| sentence.contains(m))
}
