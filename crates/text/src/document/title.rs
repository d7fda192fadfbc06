//! What the words of a title or an opening say besides the place: the kind of document, its
//! issuer and its year.

use super::{speaker_for_state_council, Level, NATIONAL_TEXT};

/// Trailing parentheticals and quotes removed: `（节选）`, `(2021-2025年)`, `（草案）`.
fn strip_trailing_notes(title: &str) -> &str {
    let mut t = title.trim();
    loop {
        let before = t;
        t = t.trim_end_matches(['”', '"', '》', ' ', '。']);
        if t.ends_with(')') {
            if let Some(open) = t.rfind('(') {
                t = &t[..open];
            }
        }
        if t == before {
            return t;
        }
    }
}

/// Kinds recognized by the end of a (cleaned) title, most specific first.
const KIND_SUFFIXES: &[(&str, &str)] = &[
    ("政府工作报告", "政府工作报告"),
    ("工作报告", "工作报告"),
    ("专项规划", "专项规划"),
    ("实施方案", "实施方案"),
    ("行动方案", "行动方案"),
    ("行动计划", "行动计划"),
    ("工作方案", "工作方案"),
    ("方案", "方案"),
    ("实施细则", "实施细则"),
    ("细则", "细则"),
    ("实施意见", "意见"),
    ("指导意见", "意见"),
    ("意见", "意见"),
    ("条例", "条例"),
    ("办法", "办法"),
    ("规定", "规定"),
    ("规则", "规则"),
    ("解释", "解释"),
    ("决定", "决定"),
    ("决议", "决议"),
    ("统计公报", "统计公报"),
    ("公报", "公报"),
    ("白皮书", "白皮书"),
    ("修正案", "法律"),
    ("通知", "通知"),
    ("公告", "公告"),
    ("通告", "通告"),
    ("法", "法律"),
];

/// The kind of document a title names.
pub(super) fn kind_of(title: &str) -> Option<String> {
    let t = strip_trailing_notes(title);
    if t.contains("解读") {
        let kind = if t.contains("纲要") {
            "规划纲要解读"
        } else if t.contains("规划") {
            "规划解读"
        } else {
            "政策解读"
        };
        return Some(kind.to_string());
    }
    if t.contains("政府工作报告") {
        return Some("政府工作报告".to_string());
    }
    // 关于印发《X》的通知 is issued to carry X: its kind is X's.
    if let Some(inner) = carried(t) {
        if let Some(k) = kind_of(inner) {
            return Some(k);
        }
    }
    if t.contains("纲要") && (t.contains("规划") || t.contains("五年")) {
        return Some("规划纲要".to_string());
    }
    if t.ends_with("规划") || t.contains("规划(") {
        let kind = if t.contains("国土空间") {
            "国土空间规划"
        } else if t.contains("总体规划") {
            "总体规划"
        } else {
            "专项规划"
        };
        return Some(kind.to_string());
    }
    KIND_SUFFIXES.iter().find(|(s, _)| t.ends_with(s)).map(|(_, k)| k.to_string())
}

/// X in `关于印发X的通知` / `转发` / `《X》`.
fn carried(title: &str) -> Option<&str> {
    let after = ["印发", "转发", "颁布"].iter().find_map(|w| title.split_once(w).map(|(_, r)| r))?;
    let inner = after.strip_suffix("的通知").or_else(|| after.strip_suffix("的公告"))?;
    let inner = inner.trim_matches(['《', '》', '“', '”', '"']);
    (!inner.is_empty()).then_some(inner)
}

/// Endings of a body's name that can issue a document.
const ORGAN_ENDINGS: &[&str] = &[
    "人民政府",
    "办公厅",
    "办公室",
    "委员会",
    "常委会",
    "国务院",
    "中共中央",
    "厅",
    "局",
    "委",
    "部",
    "院",
    "署",
    "办",
    "政府",
];

/// The issuer a title names before 关于 or 印发 (`浙江省人民政府办公厅关于…`).
pub(super) fn issuer_in_title(title: &str) -> Option<String> {
    let t = title.trim();
    let head = ["关于", "印发"].iter().filter_map(|w| t.find(w).map(|i| &t[..i])).min_by_key(|h| h.len())?;
    let head = head.trim().trim_end_matches(['、', ',', ' ']);
    // Drop a leading year (2025年国务院关于…).
    let head = match head.find('年') {
        Some(i) if head[..i].chars().all(|c| c.is_ascii_digit()) => &head[i + '年'.len_utf8()..],
        _ => head,
    };
    (!head.is_empty() && head.chars().count() <= 40 && ORGAN_ENDINGS.iter().any(|e| head.ends_with(e)))
        .then(|| head.to_string())
}

/// The issuer the opening text names: `我代表X人民政府` (X may be just 省/市/县/区: then the
/// region's own name is put in front).
pub(super) fn issuer_in_text(opening: &str, region: Option<&str>, level: Option<Level>) -> Option<String> {
    if let Some((_, issuer)) = NATIONAL_TEXT.iter().find(|(m, _)| opening.contains(m)) {
        return Some(issuer.to_string());
    }
    if let Some((_, issuer)) = speaker_for_state_council(opening) {
        return Some(issuer.to_string());
    }
    let after = opening.split_once("我代表")?.1;
    let end = after.find("人民政府")?;
    let who = &after[..end];
    if who.chars().count() > 20 || who.contains(['，', ',', '。']) {
        return None;
    }
    let own = region.and_then(|r| r.rsplit('/').next()).filter(|_| level != Some(Level::National));
    match (who, own) {
        ("省" | "市" | "县" | "区" | "自治区" | "州" | "旗" | "盟", Some(name)) => {
            Some(format!("{name}人民政府"))
        }
        ("省" | "市" | "县" | "区" | "自治区" | "州" | "旗" | "盟", None) => None,
        ("中央", _) => Some("中央人民政府".to_string()),
        _ => Some(format!("{who}人民政府")),
    }
}

/// The issuer a kind implies: a government work report or an outline plan is the government's.
pub(super) fn implied_issuer(kind: Option<&str>, region: Option<&str>, level: Option<Level>) -> Option<String> {
    if !matches!(kind, Some("政府工作报告" | "规划纲要")) {
        return None;
    }
    match (region, level) {
        (_, Some(Level::National)) => Some("国务院".to_string()),
        (Some(r), Some(_)) => r.rsplit('/').next().map(|n| format!("{n}人民政府")),
        _ => None,
    }
}

/// A year in a title: `2025年`, `（2021-2025年）` (the first), `2021-06-27`, a leading
/// `2021-`, `二〇二一年`; else the start of a five-year plan (`十四五` → 2021). Not a target
/// year (`到2035年`, `二〇三五年远景目标`).
pub(super) fn year_in(title: &str) -> Option<i32> {
    let chars: Vec<char> = title.chars().collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let digits: Option<i32> = four_digit_year(&chars[i..i + 4]);
        if let Some(year) = digits {
            let before = i.checked_sub(1).map(|b| chars[b]);
            let after: String = chars[i + 4..chars.len().min(i + 8)].iter().collect();
            let target = matches!(before, Some('到' | '至')) || after.starts_with("年远景");
            let bounded =
                before.is_none_or(|b| !b.is_ascii_digit()) && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
            let dated = after.starts_with('年')
                || after.chars().next().is_some_and(|c| "-—–~_至".contains(c))
                    && after.chars().nth(1).is_some_and(|c| c.is_ascii_digit() || c == '年')
                || (i == 0 && after.starts_with(['-', '_', ' ']));
            if !target && bounded && dated && (1949..=2100).contains(&year) {
                return Some(year);
            }
        }
        i += 1;
    }
    five_year_plan_start(title)
}

/// Four characters as a year: ASCII digits or Chinese numerals (二〇二一).
fn four_digit_year(c: &[char]) -> Option<i32> {
    let mut y = 0;
    for &ch in c {
        let d = match ch {
            '0'..='9' => ch as i32 - '0' as i32,
            '〇' | '○' | '零' | 'o' => 0,
            _ => "一二三四五六七八九".chars().position(|n| n == ch)? as i32 + 1,
        };
        y = y * 10 + d;
    }
    // Mixed forms (2〇21) are not years.
    let ascii = c.iter().filter(|ch| ch.is_ascii_digit()).count();
    (ascii == 0 || ascii == 4).then_some(y)
}

/// `十四五` → 2021: the first year of the n-th five-year plan (一五 1953-57, 二五 1958-62, then a
/// gap until 三五 1966-70, five years each since). A line naming several (回眸十三五 展望十四五)
/// is about the latest.
fn five_year_plan_start(title: &str) -> Option<i32> {
    const DIGITS: &str = "一二三四五六七八九十";
    let chars: Vec<char> = title.chars().collect();
    let mut best = None;
    for (i, &c) in chars.iter().enumerate() {
        if c != '五' {
            continue;
        }
        // A plan word or a closing quote after 五 (spaces between, as in scanned headlines).
        let rest: String = chars[i + 1..].iter().skip_while(|c| c.is_whitespace()).take(2).collect();
        let after_ok = rest.is_empty()
            || rest.starts_with(['”', '"', '’', '」'])
            || ["规划", "时期", "期间", "展望", "系列"].iter().any(|w| rest.starts_with(w));
        // The ordinal right before 五 (十四 in 十四五), after an optional opening quote.
        let mut j = i;
        while j > 0 && matches!(chars[j - 1], '“' | '"' | '‘' | '「') {
            j -= 1;
        }
        let mut k = j;
        while k > 0 && DIGITS.contains(chars[k - 1]) && j - k < 2 {
            k -= 1;
        }
        if !after_ok || k == j || (k > 0 && DIGITS.contains(chars[k - 1])) {
            continue;
        }
        let ordinal: String = chars[k..j].iter().collect();
        let Some(n) = chinese_small(&ordinal) else { continue };
        let start = match n {
            1 => 1953,
            2 => 1958,
            n => 1966 + 5 * (n - 3),
        };
        best = best.max(Some(start));
    }
    // 十五 alone (the tenth plan) has no ordinal before its 五.
    if best.is_none() && (title.contains("“十五”") || title.contains("十五”规划") || title.contains("十五计划"))
    {
        best = Some(2001);
    }
    best
}

/// 一 … 十五 as a number.
fn chinese_small(s: &str) -> Option<i32> {
    let digit = |c: char| "一二三四五六七八九".chars().position(|n| n == c).map(|p| p as i32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars[..] {
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(d)?),
        [d] => digit(d),
        _ => None,
    }
}

/// The year of the first full date (`2025年3月5日`) in the opening text: the date a report was
/// delivered or a document issued.
pub(super) fn date_year(opening: &str) -> Option<i32> {
    let chars: Vec<char> = opening.chars().collect();
    for i in 0..chars.len().saturating_sub(6) {
        let Some(year) = four_digit_year(&chars[i..i + 4]) else { continue };
        if chars.get(i + 4) != Some(&'年') || !(1949..=2100).contains(&year) {
            continue;
        }
        if i > 0 && (chars[i - 1].is_ascii_digit() || matches!(chars[i - 1], '到' | '至')) {
            continue;
        }
        let rest: String = chars[i + 5..chars.len().min(i + 12)].iter().collect();
        let month_end = rest.find('月');
        let day = rest.find('日');
        if let (Some(m), Some(d)) = (month_end, day) {
            if m > 0 && m <= 6 && d > m && d <= m + 9 {
                return Some(year);
            }
        }
    }
    None
}
