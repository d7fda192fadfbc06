//! Metrics: the thing a quantity measures, from the words before (or after) the number.

use super::*;

/// Metric from the text before a number; `None` if nothing specific is left or the text ends
/// in 等 (an example list: the metric is then after the unit).
pub(super) fn metric_before(window: &str) -> Option<String> {
    let cleaned: String = window.chars().filter(|c| !is_quote(*c) && !c.is_whitespace()).collect();
    if cleaned.ends_with('等') {
        return None;
    }
    let mut s = cleaned.as_str();
    loop {
        let before = s.len();
        s = strip_year_prefix(s);
        for list in [METRIC_LEAD, COMMITMENT_VERBS, STRONG_COMPARATORS, WEAK_COMPARATORS] {
            if longest_prefix(s, COMPARATOR_BLOCKERS).is_some() {
                break; // 增加值… is a metric, not "increase"
            }
            if let Some(p) = longest_prefix(s, list) {
                s = &s[p.len()..];
            }
        }
        for list in [METRIC_TRAIL, STRONG_COMPARATORS, WEAK_COMPARATORS] {
            if let Some(t) = list.iter().filter(|t| s.ends_with(*t)).max_by_key(|t| t.len()) {
                s = &s[..s.len() - t.len()];
            }
        }
        if s.len() == before {
            break;
        }
    }
    (s.chars().count() >= 2).then(|| s.to_string())
}

/// Parts of speech (jieba's tags) that never start a metric: prepositions, verbs, adverbs,
/// conjunctions, pronouns, times, numerals, measure words, particles, punctuation.
pub(super) const NOT_METRIC_START: &[&str] = &["p", "v", "vd", "d", "ad", "c", "r", "t", "m", "q", "x", "y", "e", "o"];

/// Metric from the text before a number, cut at jieba's word boundaries: after the character
/// rules of [`metric_before`], leading words whose part of speech cannot start a noun phrase
/// (在, 引进, 留用, 今年 …) are dropped too. A one-character verb or adverb is kept (jieba cuts
/// 可再生能源 as 可/v 再生能源). `None` without jieba or when nothing is left (the caller then
/// looks after the unit: `引进留用1万名左右高层次银龄人才` → 高层次银龄人才).
pub(super) fn metric_before_words(window: &str, jieba: Option<&Jieba>) -> Option<String> {
    let jieba = jieba?;
    let metric = metric_before(window)?;
    let tags = jieba.tag(&metric, true);
    let is_verb = |tag: &str| matches!(tag, "v" | "vd");
    let mut from = 0;
    for (i, t) in tags.iter().enumerate() {
        let tag = t.tag;
        if t.word.chars().count() == 1 && matches!(tag, "v" | "d" | "vd" | "ad") {
            break;
        }
        if is_verb(tag) {
            // A verb before a noun qualifies it (脱贫人口); a verb before a verb or at the end
            // is the action (引进留用…).
            let next = tags.get(i + 1).map(|n| n.tag);
            if next.is_some_and(|n| !is_verb(n) && n != "d") {
                break;
            }
        } else if !(NOT_METRIC_START.contains(&tag) || tag.starts_with('u') || METRIC_LEAD.contains(&t.word)) {
            break;
        }
        from = t.byte_end;
    }
    let rest = &metric[from..];
    (rest.chars().count() >= 2).then(|| rest.to_string())
}

/// Whether jieba reads `metric` as times, numbers and function words only (`五年`, `十年来`):
/// no thing measured.
pub(super) fn no_noun(metric: &str, jieba: Option<&Jieba>) -> bool {
    jieba.is_some_and(|j| {
        j.tag(metric, true)
            .iter()
            .all(|t| matches!(t.tag, "t" | "m" | "q" | "f" | "p" | "c" | "r" | "d" | "x") || t.tag.starts_with('u'))
    })
}

/// Metric from the text after a unit (`2个未来乡村试点村` → 未来乡村试点村).
pub(super) fn metric_after(after: &str) -> Option<String> {
    let cleaned: String = after.chars().filter(|c| !is_quote(*c) && !c.is_whitespace()).collect();
    if cleaned.starts_with('等') {
        return None; // …等税收优惠政策: the rest of an example list, not what was counted
    }
    let mut s = cleaned.trim_start_matches('的');
    while let Some(t) = AFTER_TRAIL.iter().find(|t| s.ends_with(*t)) {
        s = &s[..s.len() - t.len()];
    }
    (s.chars().count() >= 2).then(|| s.to_string())
}

/// Strips a leading due-year phrase: `在2025年`, `到2025年底`, `2021 年`.
pub(super) fn strip_year_prefix(s: &str) -> &str {
    let body = s.trim_start_matches(['在', '到', '至', '于']);
    let digits = body.chars().take_while(|c| digit(*c).is_some()).count();
    if digits != 4 {
        return s;
    }
    let after: &str = &body[body.char_indices().nth(digits).map_or(body.len(), |(i, _)| i)..];
    match after.trim_start().strip_prefix('年') {
        Some(rest) => rest.trim_start_matches(['底', '末', '前', '内', '，']).trim_start(),
        None => s,
    }
}

// ---------------------------------------------------------------------------------------------
// Years
