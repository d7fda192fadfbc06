//! Which time a passage speaks of: a review of past years (`一、2024年工作回顾`, `过去五年`) or a
//! plan for coming ones (`2025年主要预期目标`, `今年重点工作`, `“十四五”时期主要目标任务`).
//!
//! [`of_section`] reads a passage's section path (headings, outermost first) and the document's
//! own year and returns its [`Period`], or `None` when the headings say nothing either way (then
//! the sentences decide, see [`sentence_cue`]). The rules, in order:
//!
//! - Headings are read **outermost first**; the first heading that says review or plan decides,
//!   so a task `推动重要领域改革取得新突破` under `三、2014年重点工作` stays a plan (its 取得
//!   would say review), and `今年发展主要预期目标` under a mixed
//!   `“十三五”时期发展成就和“十四五”时期主要目标任务` (which decides nothing) is a plan.
//! - A heading is a **review** when it holds a review word (回顾, 过去, 一年来/五年来/年来, 去年,
//!   成就, 执行情况, 决算, 胜利 …) or only names years before the document's year (`1955年国家
//!   决算` in a 1956 report) or a plan period that ended before it (`“十三五”时期` in a 2021
//!   report). It is a **plan** when it holds a plan word (目标, 任务, 重点工作, 工作安排, 总体要求,
//!   政策取向, 建议, 部署, 预算, 今年, 展望 …) or only names the document's year or later years or
//!   a period not yet over. A heading with both (`1998年工作回顾和1999年工作的总体要求`) decides
//!   nothing.
//! - **Years**: a review covers the years it names before the document's year, else the named
//!   period, else 过去五年/五年来 → the five years before the document, 三年来 → three, else the
//!   year before the document. A plan covers the named years from the document's year on, else the
//!   named period, else the document's year.
//!
//! [`sentence_cue`] reads one sentence or clause: reported for 过去一年, 去年, 一年来, 五年来,
//! 初步预计, 已经, 取得了, 实现了 … (a bare 预计 is not a cue: 预计全年退税减税约2.5万亿元 is a
//! plan in a plan part and a result in a review part); planned for 力争, 确保, 争取, 今年, 明年, 预期目标,
//! 目标是, 要, 拟 and `到2027年`; `None` when it has both or neither. Callers let the
//! clause decide first, then the sentence's [`strong_cue`], then the section, then the sentence,
//! then the paragraph's opening.
//!
//! [`facet_value`] normalizes a heading for a facet (white space dropped, full-width digits and
//! letters folded) so `一、2024 年工作回顾` and `一、２０２４年工作回顾` are one value.

use serde::{Deserialize, Serialize};

/// Review of the past or plan for the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Review,
    Plan,
}

/// The time a passage speaks of: its kind and the years it covers (inclusive), when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: Option<i32>,
    pub to: Option<i32>,
}

impl Period {
    /// The facet value, a path of kind then years: `review/2024`, `plan/2021-2025`, `plan` when
    /// the years are unknown. A filter on the kind alone (`plan`) matches every year under it.
    pub fn label(&self) -> String {
        let kind = self.kind.as_str();
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => format!("{kind}/{a}"),
            (Some(a), Some(b)) => format!("{kind}/{a}-{b}"),
            (Some(a), None) | (None, Some(a)) => format!("{kind}/{a}"),
            (None, None) => kind.to_string(),
        }
    }
}

impl PeriodKind {
    /// `review` or `plan`.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Review => "review",
            PeriodKind::Plan => "plan",
        }
    }
}

/// A period filter as users type it, as the path of a [`Period::label`]: `plan`, `plan/2025`,
/// `review 2024`, `计划:2025`, `回顾/2016—2020`, `plan/２０２５` all work (kind words: plan, 计划,
/// 规划, 展望 or review, 回顾, 总结; a space, colon or slash between kind and years; a dash of any
/// width between two years). `None` when it is not one.
pub fn parse_label(text: &str) -> Option<Vec<String>> {
    let folded = facet_value(text).to_lowercase();
    let split = folded.find(|c: char| c.is_ascii_digit()).unwrap_or(folded.len());
    let (kind, years) = folded.split_at(split);
    let kind = match kind.trim_end_matches(['/', ':', '：']) {
        "plan" | "计划" | "规划" | "展望" => PeriodKind::Plan,
        "review" | "回顾" | "总结" => PeriodKind::Review,
        _ => return None,
    };
    let mut out = vec![kind.as_str().to_string()];
    if years.is_empty() {
        return Some(out);
    }
    let bounds: Vec<&str> = years.split(['-', '—', '–', '~', '～', '至']).filter(|y| !y.is_empty()).collect();
    let year = |y: &str| y.trim_end_matches('年').parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
    match bounds.as_slice() {
        [a] => out.push(year(a)?.to_string()),
        [a, b] => {
            let (a, b) = (year(a)?, year(b)?);
            out.push(if a == b { a.to_string() } else { format!("{a}-{b}") });
        }
        _ => return None,
    }
    Some(out)
}

/// Whether a commitment promises something or reports a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A target or project for the future (the default, for rows stored before status existed).
    #[default]
    Planned,
    /// A result of a past period, 预计 figures for it included.
    Reported,
}

impl Status {
    /// `planned` or `reported`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Reported => "reported",
        }
    }

    /// Parses `planned` or `reported` (case-insensitive); `None` otherwise.
    pub fn parse(s: &str) -> Option<Status> {
        match s.trim().to_ascii_lowercase().as_str() {
            "planned" | "plan" => Some(Status::Planned),
            "reported" | "report" | "review" => Some(Status::Reported),
            _ => None,
        }
    }
}

/// Words of a heading that reviews the past.
#[rustfmt::skip]
const REVIEW_HEADING: &[&str] = &[
    "回顾", "过去", "一年来", "年来", "去年", "成就", "执行情况", "决算", "胜利", "取得", "进展",
    "当前的经济形势", "关于经济形势",
];

/// Words of a heading that plans the future.
#[rustfmt::skip]
const PLAN_HEADING: &[&str] = &[
    "目标", "任务", "重点工作", "工作安排", "总体要求", "政策取向", "建议", "部署", "预算", "今年",
    "明年", "展望", "计划", "规划", "方针", "安排", "今后",
];

/// Words of a sentence that reports a result.
#[rustfmt::skip]
const REPORTED_CUES: &[&str] = &[
    "过去一年", "过去五年", "过去的一年", "过去几年", "去年", "一年来", "五年来", "三年来", "年来",
    "初步预计", "已经", "取得了", "实现了", "完成了", "达到了", "增长了",
    "提高了", "下降了", "新增了", "建成了", "减少了", "降低了", "增加了", "超额完成", "胜利完成",
    "提前完成", "同比",
];

/// Words of a sentence that promises.
#[rustfmt::skip]
const PLANNED_CUES: &[&str] = &[
    "将", "计划", "预期",
    "力争", "确保", "争取", "今年", "明年", "预期目标", "主要目标", "目标是", "目标为", "要", "拟",
];

/// Words that contain a planned cue but are not one (主要 holds 要, 将来 and 拟人 rarely matter).
#[rustfmt::skip]
const PLANNED_BLOCKERS: &[&str] = &[
    "主要", "重要", "需要", "要求", "必要", "要素", "纲要", "只要", "将近", "即将", "计划经济",
    "计划生育", "计划单列",
];

/// Document kinds (`document::DocumentMeta::kind`) whose parts order rules, not times: a law's
/// `第二章 规划与建设` is about planning, not a plan period, so their passages get no period.
const NORMATIVE_KINDS: &[&str] = &["法律", "条例", "规定", "办法", "规则", "实施细则", "细则", "解释"];

/// Whether passages of a document of this kind can speak of a period: every kind but the
/// normative ones (laws, regulations, rules); an unknown kind can.
pub fn kind_has_periods(doc_kind: Option<&str>) -> bool {
    doc_kind.is_none_or(|k| !NORMATIVE_KINDS.contains(&k))
}

/// The period a passage's section speaks of; `labels` outermost first (the section path),
/// `doc_year` the document's own year. The outermost heading that decides wins; `None` when no
/// heading decides.
pub fn of_section(labels: &[&str], doc_year: Option<i32>) -> Option<Period> {
    labels.iter().find_map(|label| of_heading(label, doc_year))
}

/// The period one heading names, if it names one (see the module docs).
pub fn of_heading(heading: &str, doc_year: Option<i32>) -> Option<Period> {
    let h = facet_value(heading);
    let years = crate::commitments::heading_years(&h);
    let spans = crate::commitments::period_spans(&h);
    let past = |y: i32| doc_year.is_some_and(|d| y < d);
    let review_word = REVIEW_HEADING.iter().any(|w| h.contains(w));
    let plan_word = plan_cue(&h, PLAN_HEADING);
    let past_years: Vec<i32> = years.iter().copied().filter(|y| past(*y)).collect();
    let future_years: Vec<i32> = years.iter().copied().filter(|y| !past(*y)).collect();
    let past_spans: Vec<(i32, i32)> = spans.iter().copied().filter(|s| past(s.1)).collect();
    let future_spans: Vec<(i32, i32)> = spans.iter().copied().filter(|s| !past(s.1)).collect();
    let says_past = review_word || (!past_years.is_empty() || !past_spans.is_empty()) && !plan_word;
    let says_future = !review_word && (plan_word || !future_years.is_empty() || !future_spans.is_empty());
    let mixed_years =
        (!past_years.is_empty() || !past_spans.is_empty()) && (!future_years.is_empty() || !future_spans.is_empty());
    if says_past == says_future || mixed_years && review_word && plan_word {
        return None;
    }
    if says_past {
        return Some(review_period(&h, &past_years, &past_spans, doc_year));
    }
    let (from, to) = if let (Some(a), Some(b)) = (future_years.iter().min(), future_years.iter().max()) {
        (Some(*a), Some(*b))
    } else if let Some(s) = future_spans.last() {
        (Some(s.0), Some(s.1))
    } else {
        (doc_year, doc_year)
    };
    Some(Period { kind: PeriodKind::Plan, from, to })
}

/// The years a review heading covers: the past years it names, else the period it names, else
/// 五年/三年 before the document, else the year before it.
fn review_period(h: &str, past_years: &[i32], past_spans: &[(i32, i32)], doc_year: Option<i32>) -> Period {
    let (from, to) = if let (Some(a), Some(b)) = (past_years.iter().min(), past_years.iter().max()) {
        (Some(*a), Some(*b))
    } else if let Some(s) = past_spans.last() {
        (Some(s.0), Some(s.1))
    } else {
        let span = if h.contains("五年") {
            5
        } else if h.contains("三年") {
            3
        } else {
            1
        };
        (doc_year.map(|d| d - span), doc_year.map(|d| d - 1))
    };
    Period { kind: PeriodKind::Review, from, to }
}

/// For a section whose deciding heading reviews one period and plans the next
/// (`一、1993年国内工作的回顾和1994年工作的基本方针`), the review half; `None` otherwise.
/// Such a part reviews first and plans after: callers read its sentences as results until one
/// says it plans. Only the innermost heading counts: a sub-heading under such a part
/// (`“十三五”时期发展成就和“十四五”时期主要目标任务 › 推动绿色发展`) is one of its tasks.
pub fn mixed_review(labels: &[&str], doc_year: Option<i32>) -> Option<Period> {
    if let Some(label) = labels.last() {
        if of_heading(label, doc_year).is_some() {
            return None;
        }
        let h = facet_value(label);
        let past = |y: i32| doc_year.is_some_and(|d| y < d);
        let years = crate::commitments::heading_years(&h);
        let spans = crate::commitments::period_spans(&h);
        let past_years: Vec<i32> = years.iter().copied().filter(|y| past(*y)).collect();
        let past_spans: Vec<(i32, i32)> = spans.iter().copied().filter(|s| past(s.1)).collect();
        let review = REVIEW_HEADING.iter().any(|w| h.contains(w)) || !past_years.is_empty() || !past_spans.is_empty();
        let plan = plan_cue(&h, PLAN_HEADING) || years.iter().any(|y| !past(*y)) || spans.iter().any(|s| !past(s.1));
        if review && plan {
            return Some(review_period(&h, &past_years, &past_spans, doc_year));
        }
    }
    None
}

/// What a sentence or clause's own words say: reported, planned, or `None` (both or neither).
pub fn sentence_cue(text: &str, doc_year: Option<i32>) -> Option<Status> {
    // A plan period named in the sentence: over before the document (“十三五”时期) or not.
    let spans = crate::commitments::period_spans(text);
    let past_span = spans.iter().any(|s| doc_year.is_some_and(|d| s.1 < d));
    let future_span = spans.iter().any(|s| doc_year.is_some_and(|d| s.1 >= d));
    let reported = past_span || REPORTED_CUES.iter().any(|w| text.contains(w));
    let future_year = (text.contains('到') || text.contains('至'))
        && crate::commitments::heading_years(text).into_iter().any(|y| doc_year.is_some_and(|d| y > d));
    let planned = future_span || future_year || plan_cue(text, PLANNED_CUES);
    match (reported, planned) {
        (true, false) => Some(Status::Reported),
        (false, true) => Some(Status::Planned),
        _ => None,
    }
}

/// Sentence words strong enough to override the section: a sentence that opens 初步预计 or
/// speaks of 过去一年/去年 in a plan part reports; one with 力争 or a future `到2027年` in a
/// review part plans. `None` for both or neither.
pub fn strong_cue(text: &str, doc_year: Option<i32>) -> Option<Status> {
    const REPORTED: &[&str] = &["初步预计", "过去一年", "过去的一年", "过去五年", "一年来", "五年来", "去年"];
    // 比去年 is a base of comparison, not the time spoken of.
    // Every base holds 去年: without it there is nothing to remove (no copy of each clause).
    let unbased = if text.contains("去年") {
        std::borrow::Cow::Owned(
            ["比去年", "较去年", "与去年", "同去年"].iter().fold(text.to_string(), |t, b| t.replace(b, "")),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let reported = REPORTED.iter().any(|w| unbased.contains(w));
    let future_year = (text.contains('到') || text.contains('至'))
        && crate::commitments::heading_years(text).into_iter().any(|y| doc_year.is_some_and(|d| y > d));
    let planned = future_year || text.contains("力争");
    match (reported, planned) {
        (true, false) => Some(Status::Reported),
        (false, true) => Some(Status::Planned),
        _ => None,
    }
}

/// What a clause's own words say, strongly enough to override its section: the
/// [`strong_cue`]s and 已经 for a result, and 今年, 明年, 预期目标, 目标是 for a plan (`去年增长5.2%，今年预期增长5%`).
/// Weaker words (将, 计划, 要) speak for their sentence only, after the section:
/// `完成年度计划的102%` in a review is a result.
pub fn clause_cue(text: &str, doc_year: Option<i32>) -> Option<Status> {
    // 已经 speaks for its own clause only: `已经超过2万亿元` states a fact, but a sentence may
    // mix facts and plans (`…已经完工…，本年内开始建设的22个`).
    let strong = strong_cue(text, doc_year).or(text.contains("已经").then_some(Status::Reported));
    let planned =
        ["今年", "明年", "预期目标", "目标是", "目标为"].iter().any(|w| text.contains(w)) && !text.contains("今年以来");
    match (strong, planned) {
        (Some(Status::Reported), true) => None,
        (None, true) => Some(Status::Planned),
        (s, _) => s,
    }
}

/// Whether `text` holds one of `cues` ([`PLANNED_CUES`] or [`PLAN_HEADING`], whose first
/// characters [`may_start_cue`] knows) outside the blocker words (主要 is not 要).
fn plan_cue(text: &str, cues: &[&str]) -> bool {
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let c = rest.chars().next().unwrap_or_default();
        if !may_start_cue(c) {
            // Neither a blocker nor a cue starts here: the words are only compared where one can.
            at += c.len_utf8().max(1);
            continue;
        }
        if let Some(b) = PLANNED_BLOCKERS.iter().filter(|b| rest.starts_with(*b)).max_by_key(|b| b.len()) {
            at += b.len();
            continue;
        }
        if cues.iter().any(|c| rest.starts_with(c)) {
            return true;
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether a word of [`PLANNED_BLOCKERS`], [`PLANNED_CUES`] or [`PLAN_HEADING`] starts with `c`.
fn may_start_cue(c: char) -> bool {
    static FIRST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let mut first: Vec<char> =
            [PLANNED_BLOCKERS, PLANNED_CUES, PLAN_HEADING].concat().iter().filter_map(|w| w.chars().next()).collect();
        first.sort_unstable();
        first.dedup();
        first
    });
    first.binary_search(&c).is_ok()
}

/// A heading as a facet value: white space (ASCII, ideographic, zero-width) dropped and
/// full-width digits, letters and punctuation folded to ASCII; numbering such as `一、` kept.
pub fn facet_value(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}'))
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(labels: &[&str], year: i32) -> Option<(PeriodKind, Option<i32>, Option<i32>)> {
        of_section(labels, Some(year)).map(|p| (p.kind, p.from, p.to))
    }

    #[test]
    fn work_report_parts() {
        use PeriodKind::*;
        assert_eq!(kind(&["一、2024年工作回顾"], 2025), Some((Review, Some(2024), Some(2024))));
        assert_eq!(kind(&["一、2024 年工作回顾", "（一）稳定经济"], 2025), Some((Review, Some(2024), Some(2024))));
        assert_eq!(kind(&["二、2025年经济社会发展总体要求和政策取向"], 2025), Some((Plan, Some(2025), Some(2025))));
        assert_eq!(kind(&["三、2025年政府工作任务", "大力提振消费"], 2025), Some((Plan, Some(2025), Some(2025))));
        assert_eq!(kind(&["一、过去五年工作回顾"], 2018), Some((Review, Some(2013), Some(2017))));
        assert_eq!(kind(&["一、过去一年和五年工作回顾"], 2023), Some((Review, Some(2018), Some(2022))));
        assert_eq!(kind(&["一、一年来工作回顾"], 2004), Some((Review, Some(2003), Some(2003))));
        assert_eq!(kind(&["二、今年主要任务"], 2006), Some((Plan, Some(2006), Some(2006))));
        assert_eq!(kind(&["一、１９５５年国家决算"], 1956), Some((Review, Some(1955), Some(1955))));
        assert_eq!(kind(&["二、１９５６年的国家预算"], 1956), Some((Plan, Some(1956), Some(1956))));
        assert_eq!(kind(&["一、“十一五”时期国民经济和社会发展的回顾"], 2011), Some((Review, Some(2006), Some(2010))));
        assert_eq!(kind(&["二、“十二五”时期的主要目标和任务"], 2011), Some((Plan, Some(2011), Some(2015))));
        // Both in one heading: the heading decides nothing, an inner one may.
        assert_eq!(kind(&["一、1998年工作回顾和1999年工作的总体要求"], 1999), None);
        assert_eq!(
            kind(&["二、“十三五”时期发展成就和“十四五”时期主要目标任务", "今年发展主要预期目标"], 2021),
            Some((Plan, Some(2021), Some(2021)))
        );
        // The part decides over a task heading's own words (取得 reads as a review).
        assert_eq!(
            kind(&["三、2014年重点工作", "推动重要领域改革取得新突破"], 2014),
            Some((Plan, Some(2014), Some(2014)))
        );
        assert_eq!(
            kind(&["一、2020年工作回顾", "坚决打好三大攻坚战，主要目标任务如期完成"], 2021),
            Some((Review, Some(2020), Some(2020)))
        );
        // A heading about a field says nothing.
        assert_eq!(kind(&["三、繁荣社会主义科学教育文化事业"], 1978), None);
        assert_eq!(kind(&[], 2025), None);
    }

    #[test]
    fn mixed_parts_review_first() {
        let mixed = ["一、１９９３年国内工作的回顾和１９９４年工作的基本方针"];
        assert_eq!(of_section(&mixed, Some(1994)), None);
        let review = mixed_review(&mixed, Some(1994)).expect("mixed");
        assert_eq!((review.kind, review.from, review.to), (PeriodKind::Review, Some(1993), Some(1993)));
        // A task under such a part, or a part that decides, is not mixed.
        assert_eq!(
            mixed_review(&["二、“十三五”时期发展成就和“十四五”时期主要目标任务", "推动绿色发展"], Some(2021)),
            None
        );
        assert_eq!(mixed_review(&["一、2024年工作回顾"], Some(2025)), None);
        // A period named in a sentence is a cue: over before the document, or not yet.
        assert_eq!(sentence_cue("“十三五”规划主要目标任务胜利完成", Some(2021)), Some(Status::Reported));
        assert_eq!(sentence_cue("“十四五”时期经济社会发展主要目标", Some(2021)), Some(Status::Planned));
    }

    #[test]
    fn cue_words_start_where_the_scan_looks() {
        for word in [PLANNED_BLOCKERS, PLANNED_CUES, PLAN_HEADING].concat() {
            assert!(word.chars().next().is_some_and(may_start_cue), "{word}");
        }
        assert!(!may_start_cue('的') && !may_start_cue('a'));
        // A blocker still shields its cue when the scan skips the characters before it.
        assert!(!plan_cue("这是主要的", PLANNED_CUES) && plan_cue("的的要", PLANNED_CUES));
        // Without 去年 there is no base to remove; with one, it is removed.
        assert_eq!(strong_cue("过去一年增长5%", Some(2025)), Some(Status::Reported));
        assert_eq!(strong_cue("比去年增长5%", Some(2025)), None);
        assert_eq!(strong_cue("去年增长5%", Some(2025)), Some(Status::Reported));
    }

    #[test]
    fn sentence_cues() {
        assert_eq!(sentence_cue("过去一年，国内生产总值增长5%", Some(2025)), Some(Status::Reported));
        assert_eq!(sentence_cue("初步预计全年粮食产量1.4万亿斤", Some(2025)), Some(Status::Reported));
        assert_eq!(sentence_cue("力争粮食产量1.4万亿斤左右", Some(2025)), Some(Status::Planned));
        assert_eq!(sentence_cue("到2027年建成150个基层消防站", Some(2025)), Some(Status::Planned));
        assert_eq!(sentence_cue("国内生产总值增长5%", Some(2025)), None);
        // 主要 is not 要; both cues decide nothing.
        assert_eq!(sentence_cue("主要指标完成良好", Some(2025)), None);
        assert_eq!(sentence_cue("去年增长5.2%，今年预期增长5%", Some(2025)), None);
    }

    #[test]
    fn facet_values_fold_spaces_and_digits() {
        assert_eq!(facet_value("一、2024 年工作回顾"), "一、2024年工作回顾");
        assert_eq!(facet_value("一、２０２４年\u{3000}工作回顾"), "一、2024年工作回顾");
        assert_eq!(Period { kind: PeriodKind::Plan, from: Some(2021), to: Some(2025) }.label(), "plan/2021-2025");
        assert_eq!(Period { kind: PeriodKind::Review, from: Some(2024), to: Some(2024) }.label(), "review/2024");
        assert_eq!(Period { kind: PeriodKind::Plan, from: None, to: None }.label(), "plan");
        assert!(!kind_has_periods(Some("条例")) && !kind_has_periods(Some("法律")));
        assert!(kind_has_periods(Some("政府工作报告")) && kind_has_periods(Some("专项规划")) && kind_has_periods(None));
        for (typed, path) in [
            ("plan", vec!["plan"]),
            ("计划 2025", vec!["plan", "2025"]),
            ("review/2024", vec!["review", "2024"]),
            ("回顾:２０２４", vec!["review", "2024"]),
            ("规划2021—2025", vec!["plan", "2021-2025"]),
            ("Plan/2025年", vec!["plan", "2025"]),
        ] {
            assert_eq!(parse_label(typed), Some(path.iter().map(|s| s.to_string()).collect()), "{typed}");
        }
        for bad in ["", "2025", "目标/2025", "plan/25", "plan/2020-2021-2022"] {
            assert_eq!(parse_label(bad), None, "{bad}");
        }
    }
}
