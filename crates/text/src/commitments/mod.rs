//! What has been promised, by when: quantified targets and named projects in plan text.
//!
//! [`extract`] reads one passage (layout already repaired) and returns a [`Commitment`] per
//! promised quantity (`地区生产总值突破850亿元`) or named project (`建成五金技师学院`), with the
//! clause it came from and its byte span. [`context_year`] supplies the due year implied by the
//! headings around the passage.
//!
//! # Segmentation
//!
//! Sentences end at 。！？ (and line breaks); clauses at ，；： (ASCII `,` and `:` only between
//! non-digits); list items at 、 outside quotes and brackets. A commitment's `text` is one item
//! (a whole clause when it has no 、), trimmed.
//!
//! # Targets
//!
//! - A **quantity** is a number (ASCII or full-width digits, `.`/`,` allowed) followed by a
//!   unit: an optional multiplier (万, 亿, 万亿, 千万, 百万, 千) and/or a counting or measuring
//!   word (%, 元, 家, 个, 项, 名, 条, 岁, 公里, 亩, 人, 所, 个百分点, 大 before a noun as in
//!   `10大应用场景` …). `72％` gives value 72 and unit `%`.
//! - **Not quantities:** years (`2025年`, `2021—2025年`), ordinals (`第十七届`), `N周年`, numbers
//!   touching a Latin letter or `+` (`5G`, `G60`, `5A级`, `PM2.5`, `10+N`, `1+1+5+N`), numbers
//!   without a unit (`2.0版`, `“158”`, `12369`, `老330国道`), Chinese numerals (三大主导产业),
//!   and `N条` right after 新政/政策/措施/意见… (a policy's name, `人才新政20条`).
//! - A quantity is a **target** when, in its item, a comparator precedes it (突破, 达到,
//!   增长, 新增, 控制在 …) or a qualifier follows (以上, 左右, 以内 …), or a commitment verb
//!   precedes it (培育, 引进, 建成, 启动, 做强 …), or it follows a goal frame (`目标是：`) in
//!   its sentence. An item with none of these inherits them from the previous item of the same
//!   clause (`新增国家高新企业 40 家、省科技型中小企业 100 家`). So `紧扣30项关键词` is not a
//!   target. In `从X增加到Y` only Y is.
//! - **Comparator:** the nearest comparator before the number; a weak one (达到, 力争, 实现,
//!   保持在 …) gives way to a following qualifier (`达到3%以上` → 以上), a directional one
//!   (增长, 突破, 新增, 降低 …) does not (`增长7.5%左右` → 增长).
//! - **Metric:** the item text before the number, without leading hedges, subjects, years and
//!   verbs (力争, 全市, 在2025年, 实现, 新增 …) and without a trailing comparator; if nothing
//!   is left (or it ends in 等, an example list), the text after the unit (`启动2个未来乡村试点村`
//!   → 未来乡村试点村). Quote marks are removed.
//!
//! # Projects
//!
//! A **project** is an item that starts (after hedges such as 加快, 全力, 年内) with a building
//! verb — 建成, 建设, 新建, 筹建, 打造, 启动, 开通, 完成, 启用, 开工, 竣工, 投用, 改造提升, or
//! 推进 when the item ends in 建设 — whose object (cut at 等, without a trailing 建设/项目)
//! ends in a facility noun (学院, 医院, 中心, 港, 园, 公园, 机场, 高速, 国道, 馆, 大厦, 广场,
//! 研究院, 水库, 新城, 景区 …) and reads as a name: 2–25 characters, no 的, and none of the
//! vague markers 一批, 体系, 机制, 高地, 区域, 副中心, 综合性, 普通 …. Items of a 、-list after
//! such a verb inherit it (`建成历山国家森林公园、石柱省级湿地公园`). So 建成五金技师学院 and
//! 启动永康通用机场建设 are projects, while 打造五金人才集聚高地, 建成一批公共研发平台 and
//! 打造永武缙区域医疗中心 (a standing, not a building) are not: precision over recall.
//!
//! # Due year
//!
//! An explicit year in the item wins; else the nearest explicit year earlier in the sentence
//! (`建议2021年…目标是：…`); else a plan period named in the sentence (十四五 → 2025, with
//! 开局 → its first year); else the `context_year` argument. Base years (`比2020年`) and vision
//! names (`2035年远景目标`) are not due years.
//!
//! Sentences that read as a review of the past (过去, 年来, 去年, 同比, 已经, 实现了 …) are
//! skipped, and so is a whole paragraph (line) whose first sentence does (`过去五年，…`). Other
//! reports of results are not recognised: callers should treat a commitment whose year is before
//! the document's own year as a reported result, not a promise.
//!
//! The steps live in submodules: `segment` (sentences, clauses, list items), `quantity`
//! (numbers, units, comparators), `metric`, `project`, `years`; `words` holds the word
//! lists. Everything is hand-written scanning over static word lists: no allocation beyond the
//! results and per-sentence bookkeeping, no regular expressions.

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

pub use crate::period::Status;
use crate::period::{sentence_cue, Period, PeriodKind};

mod metric;
mod project;
mod quantity;
mod segment;
mod words;
mod years;

use metric::*;
use project::*;
use quantity::*;
use segment::*;
use words::*;
use years::*;
pub(crate) use years::{heading_years, period_spans};

/// Whether a commitment is a quantity to reach or a named thing to build or open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentKind {
    Target,
    Project,
}

/// One promise found in a passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub kind: CommitmentKind,
    /// The clause (or list item) as written in the passage: `text == passage[span[0]..span[1]]`.
    pub text: String,
    /// What is measured or built, e.g. `地区生产总值`, `国家高新企业`, `五金技师学院`.
    pub metric: Option<String>,
    /// The promised number (targets only), e.g. `850.0`.
    pub value: Option<f64>,
    /// Unit as written, multiplier included (`亿元`, `万人`, `%`, `家`); targets only.
    pub unit: Option<String>,
    /// Comparator (`突破`, `达到`, `增长`, `以上`, `左右` …) for targets; the building verb
    /// (`建成`, `启动` …) for projects.
    pub comparator: Option<String>,
    /// Year the promise is due (planned) or the year the result is reported for (reported),
    /// when known.
    pub year: Option<i32>,
    /// Whether this is a promise or a reported result (see [`extract_with`]).
    #[serde(default)]
    pub status: Status,
    /// Sub-values in parentheses after the value, attached to it rather than listed as rows of
    /// their own: `2000人（含重点产业1000人）` → `含重点产业1000人`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// UTF-8 byte range of `text` in the passage.
    pub span: [usize; 2],
}

/// What [`extract_with`] knows about a passage besides its text.
#[derive(Clone, Copy, Default)]
pub struct Context<'a> {
    /// Due year implied by the headings ([`context_year`]).
    pub year: Option<i32>,
    /// The document's own year (a 2025 work report: 2025).
    pub doc_year: Option<i32>,
    /// The period the passage's section speaks of ([`crate::period::of_section`]).
    pub period: Option<Period>,
    /// The review half of a section that reviews and then plans
    /// ([`crate::period::mixed_review`]): its sentences are results until one plans.
    pub mixed: Option<Period>,
    /// jieba, for word boundaries and parts of speech in metrics. Pass the process's one
    /// instance (the index crate's dictionaries); without it metrics fall back to character
    /// rules only.
    pub jieba: Option<&'a Jieba>,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("year", &self.year)
            .field("doc_year", &self.doc_year)
            .field("period", &self.period)
            .field("mixed", &self.mixed)
            .field("jieba", &self.jieba.is_some())
            .finish()
    }
}

/// Extracts targets and projects from one passage, in text order. `context_year` is the due
/// year implied by the passage's headings (see [`context_year`]); an explicit year or plan
/// period in the sentence overrides it.
///
/// This older entry point knows neither the document's year nor the section's period, and
/// keeps only planned rows (a sentence that reads as a review is skipped, as before status
/// existed).
pub fn extract(text: &str, context_year: Option<i32>) -> Vec<Commitment> {
    let context = Context { year: context_year, ..Context::default() };
    extract_with(text, &context).into_iter().filter(|c| c.status == Status::Planned).collect()
}

/// Extracts targets and projects, planned and reported, from one passage.
///
/// **Status** is decided by the first level that says something: the clause's own words
/// ([`sentence_cue`]), then its sentence's strong words ([`crate::period::strong_cue`]), then
/// the section's period, then its sentence's other words, then the opening
/// sentence of its paragraph (a paragraph that opens with 过去五年，… reports throughout), else
/// planned — except that an explicit due year before the document's year makes a row reported.
/// **Year**: a planned row is due as described in the module docs; a reported row reports on
/// the explicit year in its sentence, else the last year of the section's review, else the
/// year before the document.
pub fn extract_with(text: &str, context: &Context) -> Vec<Commitment> {
    let mut out = Vec::new();
    // What the last sentence that said so said (reported or planned), for the sentences after it
    // that say nothing; a section that reviews and then plans starts as a review.
    let mut state = context.mixed.map(|_| Status::Reported);
    for (start, end) in split(text, 0, text.len(), |_, _, c| c == '\n') {
        let sentences = split(text, start, end, is_sentence_end);
        let opening = sentences.iter().find(|s| !text[s.0..s.1].trim().is_empty());
        let paragraph = opening.and_then(|s| {
            let first = &text[s.0..s.1];
            match sentence_cue(first, context.doc_year) {
                Some(Status::Reported) => Some(Status::Reported),
                _ if is_retrospective(first) => Some(Status::Reported),
                _ => None,
            }
        });
        for sentence in sentences {
            extract_sentence(text, sentence, context, paragraph, &mut state, &mut out);
        }
    }
    out
}

/// Due year implied by the section context: `labels` innermost first (e.g. keyword,
/// intermediate heading, sector), then the document title and the document's own year.
///
/// An explicit year in a label wins (innermost label first; the latest year if a label names
/// several). Then a plan period in a label (innermost first): 十四五 → 2025, 十三五 → 2020,
/// 十五五 → 2030 (also 第十四个五年规划), but its first year when the label speaks of the
/// opening (十四五开局, 开局之年 → 2021). Then the title: plan period, then explicit year. Else
/// `doc_year`. Base years (比2020年) and vision names (2035年远景目标) are ignored.
pub fn context_year(labels: &[&str], doc_title: &str, doc_year: Option<i32>) -> Option<i32> {
    labels
        .iter()
        .find_map(|label| explicit_years(label).iter().map(|y| y.1).max())
        .or_else(|| labels.iter().find_map(|label| period_year(label)))
        .or_else(|| period_year(doc_title))
        .or_else(|| explicit_years(doc_title).iter().map(|y| y.1).max())
        .or(doc_year)
}

/// One number with its unit.
#[derive(Debug, Clone)]
struct Quantity {
    start: usize,
    /// End of the unit and any qualifier.
    end: usize,
    value: f64,
    unit: String,
    suffix: Option<&'static str>,
    /// Followed by 的: it qualifies a noun (人口20万以上的县) rather than being counted.
    attribute: bool,
}

/// What the previous item of a clause leaves for the next one.
#[derive(Debug, Clone, Default)]
struct Carry {
    /// The item held a target: its comparator (possibly none, when a verb made it a target).
    target: Option<Option<&'static str>>,
    metric: Option<String>,
    /// The item opened with (or inherited) a project verb.
    project_verb: Option<&'static str>,
}

/// The status of a clause: its own words, else its sentence's strong words (初步预计, 去年,
/// 力争 …), else its section's period, else its sentence's other words, else its paragraph's
/// opening; `None` when nothing says (the caller then applies a mixed section's order, else
/// planned). The section comes before the sentence:
/// `城镇新增就业1312万人，超过全年预期目标` in a review is a result, whatever 预期目标 says.
fn status_of(
    clause: &str,
    (strong, sentence): (Option<Status>, Option<Status>),
    paragraph: Option<Status>,
    context: &Context,
) -> Option<Status> {
    crate::period::clause_cue(clause, context.doc_year)
        .or(strong)
        .or(context.period.map(|p| match p.kind {
            PeriodKind::Review => Status::Reported,
            PeriodKind::Plan => Status::Planned,
        }))
        .or(sentence)
        .or(paragraph)
}

fn extract_sentence(
    text: &str,
    (start, end): (usize, usize),
    context: &Context,
    paragraph: Option<Status>,
    state: &mut Option<Status>,
    out: &mut Vec<Commitment>,
) {
    let sentence = &text[start..end];
    let sentence_status =
        sentence_cue(sentence, context.doc_year).or_else(|| is_retrospective(sentence).then_some(Status::Reported));
    let strong = crate::period::strong_cue(sentence, context.doc_year);
    let doc_year = context.doc_year;
    // `2001年国内生产总值达到95933亿元`: a sentence about past years only reports.
    let years: Vec<(usize, i32)> = explicit_years(sentence).into_iter().map(|(at, y)| (start + at, y)).collect();
    let past_years = doc_year.is_some_and(|d| !years.is_empty() && years.iter().all(|y| y.1 < d));
    if let Some(said) = strong.or(sentence_status).or(past_years.then_some(Status::Reported)) {
        *state = Some(said);
    }
    let carried = *state;
    let review_year = context.period.filter(|p| p.kind == PeriodKind::Review).or(context.mixed).and_then(|p| p.to);
    let periods: Vec<(usize, i32)> = periods(sentence).into_iter().map(|(at, y)| (start + at, y)).collect();
    let goal_frame = GOAL_FRAMES.iter().filter_map(|m| sentence.find(m).map(|at| start + at + m.len())).min();
    let due = |item_start: usize, item_end: usize| -> Option<i32> {
        let inside = years.iter().filter(|y| y.0 >= item_start && y.0 < item_end).map(|y| y.1).max();
        inside
            .or_else(|| years.iter().rev().find(|y| y.0 < item_start).map(|y| y.1))
            .or_else(|| periods.iter().rev().find(|p| p.0 < item_end).map(|p| p.1))
            .or(context.year)
    };
    // The year a reported result is for: an explicit past year in the sentence, else the
    // section's review, else the year before the document.
    let reported_year = |item_start: usize, item_end: usize| -> Option<i32> {
        let past = |y: i32| doc_year.is_none_or(|d| y < d);
        years
            .iter()
            .filter(|y| y.0 < item_end && past(y.1))
            .map(|y| y.1)
            .next_back()
            .filter(|_| item_start >= start)
            .or(review_year)
            .or(doc_year.map(|d| d - 1))
            .or(context.year)
    };

    // The last thing measured in the sentence: a clause that opens with a comparator
    // (`国内生产总值达到39.8万亿元，年均增长11.2%`) measures it again.
    let mut sentence_metric: Option<String> = None;
    for clause in split(text, start, end, is_clause_end) {
        let status = status_of(&text[clause.0..clause.1], (strong, sentence_status), paragraph, context)
            .or(carried)
            .unwrap_or(Status::Planned);
        let mut carry = Carry::default();
        let opening = trim(text, clause.0, clause.1);
        let rest = text[opening.0..opening.1].trim_start_matches(['比', '较']);
        if longest_prefix(rest, STRONG_COMPARATORS).is_some()
            || longest_prefix(rest, WEAK_COMPARATORS).is_some()
            || rest.starts_with("上年")
        {
            carry.metric = sentence_metric.clone();
        }
        // `A、B、C分别下降23%、15%、18%`: the bare items before 分别 and its own metric pair
        // with the values in order. Bare items are kept as spans, their metrics read (a jieba
        // cut each) only when a 分别 pairs them.
        let mut bare: Vec<(usize, usize)> = Vec::new();
        let mut paired: Option<(usize, Vec<String>)> = None;
        for (item_start, item_end) in list_items(text, clause) {
            let (item_start, item_end) = trim(text, item_start, item_end);
            if item_start >= item_end {
                carry = Carry::default();
                continue;
            }
            let item = &text[item_start..item_end];
            let has_quantity = !quantities(text, item_start, item_end).is_empty();
            let planned_year = due(item_start, item_end);
            // An explicit due year before the document's year is a result, whatever the words.
            let status = match (planned_year, doc_year) {
                (Some(y), Some(d)) if y < d && status == Status::Planned && context.year != Some(y) => Status::Reported,
                _ => status,
            };
            let year = match status {
                Status::Planned => planned_year,
                Status::Reported => reported_year(item_start, item_end),
            };
            let in_goal = goal_frame.is_some_and(|g| item_start >= g);
            let before = out.len();
            let row = Row { year, status, jieba: context.jieba };
            let mut next = targets(text, (item_start, item_end), &carry, in_goal, &row, out);
            if out.len() == before {
                next.project_verb = project(text, (item_start, item_end), &carry, &row, out);
            }
            if !has_quantity && out.len() == before && item.chars().count() <= 20 {
                bare.push((item_start, item_end));
            } else if item.contains("分别") && out.len() > before && !bare.is_empty() && paired.is_none() {
                let mut metrics: Vec<String> = std::mem::take(&mut bare)
                    .into_iter()
                    .map(|(s, e)| bare_metric(&text[s..e], context.jieba))
                    .collect();
                metrics.extend(out[before].metric.clone());
                paired = Some((before, metrics));
            } else if has_quantity && paired.is_none() {
                bare.clear();
            }
            if next.metric.is_some() {
                sentence_metric = next.metric.clone();
            }
            carry = next;
        }
        if let Some((first, metrics)) = paired {
            if out.len() - first == metrics.len() {
                for (row, metric) in out[first..].iter_mut().zip(metrics) {
                    row.metric = Some(metric);
                }
            }
        }
    }
}

/// What a bare item (no quantity, nothing found) of a `A、B分别…` list measures: its metric,
/// else the item without quotes and spaces.
fn bare_metric(item: &str, jieba: Option<&Jieba>) -> String {
    metric_before_words(item, jieba)
        .or_else(|| metric_before(item))
        .unwrap_or_else(|| item.chars().filter(|c| !is_quote(*c) && !c.is_whitespace()).collect())
}

/// What every row of one item shares.
struct Row<'a> {
    year: Option<i32>,
    status: Status,
    jieba: Option<&'a Jieba>,
}

/// Emits the targets of one item; returns what the next item inherits.
fn targets(
    text: &str,
    (start, end): (usize, usize),
    carry: &Carry,
    in_goal: bool,
    row: &Row,
    out: &mut Vec<Commitment>,
) -> Carry {
    let item = &text[start..end];
    let mut next = Carry::default();
    let mut window_start = start;
    // Comparator and metric of the previous target in this item, then of the previous item.
    let mut inherited = carry.target;
    let mut last_metric = carry.metric.clone();
    let found = quantities(text, start, end);
    // Quantities in parentheses right after a value belong to it: (quantity index, note).
    let mut skip_until = start;
    for (index, q) in found.iter().enumerate() {
        if q.start < skip_until {
            continue;
        }
        let window = &text[window_start..q.start];
        window_start = q.end;
        let after_unit = text[q.end..end].trim_start();
        let note = parenthesis(after_unit).map(|(inner, len)| {
            skip_until = end - after_unit.len() + len;
            window_start = skip_until;
            inner.to_string()
        });
        if BASELINE_FOLLOWERS.iter().any(|f| after_unit.starts_with(f)) {
            // 从X增加到Y: X is where we start, not a promise; what precedes 从 names Y.
            let subject = window.rfind(['从', '由']).map_or(window, |i| &window[..i]);
            if let Some(m) = metric_before(subject) {
                last_metric = Some(m);
            }
            continue;
        }
        if q.unit == "条" && POLICY_NAMES.iter().any(|p| window.trim_end().ends_with(p)) {
            continue;
        }
        // Up to the next quantity outside the parentheses: the text a metric may come from.
        let after_end = found[index + 1..]
            .iter()
            .find(|n| n.start >= skip_until.max(q.end) && !n.attribute)
            .map_or(end, |n| n.start);
        let after_start = if note.is_some() { skip_until } else { q.end };
        let after = &text[after_start.min(after_end)..after_end];
        let prefix = last_comparator(window);
        let verb = COMMITMENT_VERBS.iter().any(|v| window.contains(v));
        // 在9个县建成特殊教育学校: the verb after the count makes it a promise.
        let verb_after = object_of_verb(after);
        let comparator = match prefix {
            Some((c, true)) => Some(c),
            Some((c, false)) => q.suffix.or(Some(c)),
            None => q.suffix,
        };
        // 人口20万以上的县: a quantity that qualifies a noun (…的) is an attribute, unless a
        // comparator or verb before it makes it the promise (实现5%左右的增长).
        // 3岁以下婴幼儿: a bound that qualifies the noun right after it, with nothing before
        // that promises, is an attribute too.
        let bound_of_noun = q.suffix.is_some() && noun_follows(&text[q.end..end], row.jieba);
        if (q.attribute || bound_of_noun) && prefix.is_none() && !verb {
            continue;
        }
        let comparator = if prefix.is_none() && q.suffix.is_none() && !verb && verb_after.is_none() {
            match inherited {
                Some(c) => c,
                None if in_goal => None,
                None => {
                    // A number mentioned, not promised; a following 比上年增加… still names it.
                    if let Some(m) = metric_before(window) {
                        last_metric = Some(m);
                        next.metric = last_metric.clone();
                    }
                    continue;
                }
            }
        } else {
            comparator
        };
        let metric = match verb_after.filter(|_| !verb && prefix.is_none()) {
            Some(object) => metric_after(object),
            None if row.jieba.is_some() => metric_before_words(window, row.jieba)
                .or_else(|| metric_after(after))
                .or_else(|| metric_before(window).filter(|m| !no_noun(m, row.jieba))),
            None => metric_before(window).or_else(|| metric_after(after)),
        }
        .or_else(|| last_metric.clone());
        out.push(Commitment {
            kind: CommitmentKind::Target,
            text: item.to_string(),
            metric: metric.clone(),
            value: Some(q.value),
            unit: Some(q.unit.clone()),
            comparator: comparator.map(str::to_string),
            year: row.year,
            status: row.status,
            note,
            span: [start, end],
        });
        inherited = Some(comparator);
        last_metric = metric;
        next.target = Some(comparator);
        next.metric = last_metric.clone();
    }
    next
}

#[cfg(test)]
mod tests {
    use super::seeds::{Y000, Y000_TITLE, Y001_2021, Y001_PLAN};
    use super::*;

    /// One line per commitment: `kind text | metric | value+unit | comparator | year`, with `-`
    /// for an absent field.
    fn rows(found: &[Commitment]) -> Vec<String> {
        let or_dash = |s: Option<String>| s.unwrap_or_else(|| "-".to_string());
        found
            .iter()
            .map(|c| {
                let kind = match c.kind {
                    CommitmentKind::Target => "target",
                    CommitmentKind::Project => "project",
                };
                let amount = c.value.map(|v| format!("{v}{}", c.unit.as_deref().unwrap_or("")));
                format!(
                    "{kind} {} | {} | {} | {} | {}",
                    c.text,
                    or_dash(c.metric.clone()),
                    or_dash(amount),
                    or_dash(c.comparator.clone()),
                    or_dash(c.year.map(|y| y.to_string())),
                )
            })
            .collect()
    }

    fn assert_spans(passage: &str, found: &[Commitment]) {
        for c in found {
            assert_eq!(&passage[c.span[0]..c.span[1]], c.text, "span of {c:?}");
        }
    }

    fn targets_only(found: &[Commitment]) -> Vec<&Commitment> {
        found.iter().filter(|c| c.kind == CommitmentKind::Target).collect()
    }

    #[test]
    fn seed_000_full_list() {
        let mut all = Vec::new();
        for (sector, keyword, text) in Y000 {
            let year = context_year(&[keyword, sector], Y000_TITLE, Some(2021));
            let found = extract(text, year);
            assert_spans(text, &found);
            all.extend(found);
        }
        let expected = [
            "target 力争在2025年实现地区生产总值突破850亿元 | 地区生产总值 | 850亿元 | 突破 | 2025",
            "project 建设中国(永康)五金物流港 | 中国(永康)五金物流港 | - | 建设 | 2025",
            "project 开通新330国道等项目建设 | 新330国道 | - | 开通 | 2025",
            "project 启动永康通用机场建设 | 永康通用机场 | - | 启动 | 2025",
            "project 建设产业大数据处理中心 | 产业大数据处理中心 | - | 建设 | 2025",
            "project 全国五金行业大数据运营服务中心 | 全国五金行业大数据运营服务中心 | - | 建设 | 2025",
            "project 水土流失中型监测站等重大工程建设 | 水土流失中型监测站 | - | 推进 | 2025",
            "project 建成五金技师学院 | 五金技师学院 | - | 建成 | 2025",
            "project 建设五金人力资源服务产业园 | 五金人力资源服务产业园 | - | 建设 | 2025",
            "project 打造五金技师学院 | 五金技师学院 | - | 打造 | 2025",
            "project 建成多功能市民中心 | 多功能市民中心 | - | 建成 | 2025",
            "project 四方老厂区综合文创中心 | 四方老厂区综合文创中心 | - | 建设 | 2025",
            "target 启动2个未来乡村试点村 | 未来乡村试点村 | 2个 | - | 2025",
            "target 1条乡村振兴示范带建设 | 乡村振兴示范带 | 1条 | - | 2025",
            "target 力争消除60%以上集体经济相对薄弱村 | 集体经济相对薄弱村 | 60% | 以上 | 2025",
            "target 低收入农户年人均收入增幅10%以上 | 低收入农户年人均收入 | 10% | 增幅 | 2025",
        ];
        assert_eq!(rows(&all), expected);
    }

    #[test]
    fn seed_001_plan_goals_and_tasks() {
        // The excerpt sits in part two of the report, about the 十四五 period (its heading is
        // not in the excerpt); the title alone would say 2021.
        let year = context_year(&["二、“十四五”时期的奋斗目标"], "永康市政府工作报告", Some(2021));
        assert_eq!(year, Some(2025));
        let found = extract(Y001_PLAN, year);
        assert_spans(Y001_PLAN, &found);
        let expected = [
            "target 全市地区生产总值突破850亿元 | 地区生产总值 | 850亿元 | 突破 | 2025",
            "target 数字经济增加值占地区生产总值比重达到 20% | 数字经济增加值占地区生产总值比重 | 20% | 达到 | 2025",
            "target 研发经费占比达到3%以上 | 研发经费占比 | 3% | 以上 | 2025",
            "target 城市化率达到 72％左右 | 城市化率 | 72% | 左右 | 2025",
            "target 人均预期寿命超过80岁 | 人均预期寿命 | 80岁 | 超过 | 2025",
            "project 推进国家林草装备科创园等重大平台建设 | 国家林草装备科创园 | - | 推进 | 2025",
            "project 打造城北高教园区 | 城北高教园区 | - | 打造 | 2025",
            "target 做精做强 10 条标志性产业链 | 标志性产业链 | 10条 | - | 2025",
            "project 改造提升金胜山公园 | 金胜山公园 | - | 改造提升 | 2025",
            "project 建设中国（永康）五金物流港 | 中国（永康）五金物流港 | - | 建设 | 2025",
            "project 建成万达广场 | 万达广场 | - | 建成 | 2025",
            "target 建成“无废工厂”等 10 大应用场景 | 应用场景 | 10大 | - | 2025",
            "project 建成历山国家森林公园 | 历山国家森林公园 | - | 建成 | 2025",
            "project 石柱省级湿地公园 | 石柱省级湿地公园 | - | 建成 | 2025",
            "project 南溪湾公园 | 南溪湾公园 | - | 建成 | 2025",
            "project 永祥美丽风景带 | 永祥美丽风景带 | - | 建成 | 2025",
            "project 建成五金技师学院 | 五金技师学院 | - | 建成 | 2025",
            "project 建成公共卫生临床中心 | 公共卫生临床中心 | - | 建成 | 2025",
            "target 争创三甲综合（专科）医院2家 | 三甲综合（专科）医院 | 2家 | - | 2025",
            "target 三乙专科医院 1 家以上 | 三乙专科医院 | 1家 | 以上 | 2025",
        ];
        assert_eq!(rows(&found), expected);
    }

    #[test]
    fn seed_001_goals_sentence_names_its_period() {
        // Even with a 2021 context, the sentence "“十四五”时期…主要目标是：" is due 2025.
        let found = extract(Y001_PLAN, Some(2021));
        let gdp = &found[0];
        assert_eq!(gdp.text, "全市地区生产总值突破850亿元");
        assert_eq!(gdp.year, Some(2025));
    }

    #[test]
    fn seed_001_opening_year() {
        let year = context_year(&["三、全力以赴做好“十四五”开局工作"], "永康市政府工作报告", None);
        assert_eq!(year, Some(2021));
        let found = extract(Y001_2021, year);
        assert_spans(Y001_2021, &found);
        let expected = [
            "target 地区生产总值增长 7.5%左右 | 地区生产总值 | 7.5% | 增长 | 2021",
            "target 一般公共预算收入增长 7.5% | 一般公共预算收入 | 7.5% | 增长 | 2021",
            "target 研发经费占比达到 2.4% | 研发经费占比 | 2.4% | 达到 | 2021",
            "project 加快建设公共卫生临床中心 | 公共卫生临床中心 | - | 建设 | 2021",
            "project 建设世界五金精品展示馆 | 世界五金精品展示馆 | - | 建设 | 2021",
            "target 新增“品字标”企业 8 家 | 品字标企业 | 8家 | 新增 | 2021",
            "target “浙江制造”标准 6 项 | 浙江制造标准 | 6项 | 新增 | 2021",
            "project 启用上海“中国永康五金大厦” | 上海中国永康五金大厦 | - | 启用 | 2021",
            "project 启动丽州研究院建设 | 丽州研究院 | - | 启动 | 2021",
            "target 新增国家高新企业 40 家 | 国家高新企业 | 40家 | 新增 | 2021",
            "target 省科技型中小企业 100 家 | 省科技型中小企业 | 100家 | 新增 | 2021",
            "target 省企业研发机构 6 家 | 省企业研发机构 | 6家 | 新增 | 2021",
            "target 培育引进高层次人才 30 名 | 高层次人才 | 30名 | - | 2021",
            "target 高技能人才 1400 名 | 高技能人才 | 1400名 | - | 2021",
        ];
        assert_eq!(rows(&found), expected);
    }

    #[test]
    fn numbers_that_are_not_targets() {
        for text in [
            "本篇报道将从六大版块出发,紧扣30项关键词,全面解读十四五规划内容。",
            "十四五期间,我市将通过构建3+2现代制造业体系,实施数字经济一号工程2.0版。",
            "打造1+1+5+N创新体系，推进“1818+N”多业务协同应用落地。",
            "完成5G基站布局，依托 G60科创大走廊，支持方岩创建国家 5A 级景区。",
            "升级实施“158”碧水蓝天工程，推广小微企业危废收运“12369”模式。",
            "2021 年是建党 100 周年，21日,我市第十七届人民代表大会第五次会议召开。",
            "实施人才新政 20 条，实施老 330 国道和老金温铁路改造。",
            "实施优化营商环境10+N便利化行动2.0版，全面推行智能制造2.0。",
            "完成上述目标，要认真抓好以下11方面工作。",
        ] {
            let found = extract(text, Some(2025));
            assert!(targets_only(&found).is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn values_parse_from_full_width_and_grouped_digits() {
        let found = extract("地区生产总值增长７．５％，引进人才1,400名。", None);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].value, found[0].unit.as_deref()), (Some(7.5), Some("%")));
        assert_eq!((found[1].value, found[1].unit.as_deref()), (Some(1400.0), Some("名")));
    }

    #[test]
    fn spaced_digits_and_middle_dot_points() {
        let found = extract("经济增长8 ．8 ％，全社会固定资产投资增长14· 1％，地区要增加到全国人口的7 2 ％。", None);
        let values: Vec<_> = found.iter().map(|c| c.value).collect();
        assert_eq!(values, [Some(8.8), Some(14.1), Some(72.0)]);
    }

    #[test]
    fn explicit_year_in_clause_beats_context() {
        let found = extract("力争在2025年实现地区生产总值突破850亿元。", Some(2030));
        assert_eq!(found[0].year, Some(2025));
        // A year earlier in the sentence covers the goal list after it.
        let found = extract("2022年主要目标是：地区生产总值增长6%，城镇新增就业5000人。", Some(2021));
        assert_eq!(found.iter().map(|c| c.year).collect::<Vec<_>>(), [Some(2022), Some(2022)]);
        // A base year is not a due year.
        let found = extract("单位GDP能耗比2020年下降15%。", Some(2025));
        assert_eq!(found[0].year, Some(2025));
    }

    #[test]
    fn goal_frame_makes_bare_quantities_targets() {
        let found = extract("主要目标是：城乡居民人均可支配收入6万元，人均公园绿地面积15平方米。", None);
        assert_eq!(
            found.iter().map(|c| (c.value, c.unit.as_deref())).collect::<Vec<_>>(),
            [(Some(6.0), Some("万元")), (Some(15.0), Some("平方米"))]
        );
    }

    #[test]
    fn baseline_of_a_from_to_pair_is_skipped() {
        let found = extract("常住人口城镇化率从60%提高到65%。", None);
        assert_eq!(rows(&found), ["target 常住人口城镇化率从60%提高到65% | 常住人口城镇化率 | 65% | 提高到 | -"]);
    }

    #[test]
    fn reviews_of_the_past_are_skipped() {
        assert!(extract("过去五年，城镇新增就业超过6000万人。", Some(2020)).is_empty());
        // A paragraph that opens as a review reports results throughout.
        let review = "过去五年，我国经济社会发展取得新的历史性成就。国内生产总值从不到70万亿元增加到超过100万亿元。";
        assert!(extract(review, Some(2025)).is_empty());
        assert!(extract("全年国内生产总值同比增长2.3%。", None).is_empty());
    }

    #[test]
    fn national_2021_targets_paragraph() {
        let text = "今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；进出口量稳质升，国际收支基本平衡；居民收入稳步增长；生态环境质量进一步改善，单位国内生产总值能耗降低3%左右，主要污染物排放量继续下降；粮食产量保持在1.3万亿斤以上。";
        let year = context_year(&["三、2021年重点工作"], "2021年国务院政府工作报告", Some(2021));
        let found = extract(text, year);
        assert_spans(text, &found);
        let expected = [
            "target 国内生产总值增长6%以上 | 国内生产总值 | 6% | 增长 | 2021",
            "target 城镇新增就业1100万人以上 | 城镇新增就业 | 1100万人 | 新增 | 2021",
            "target 城镇调查失业率5.5%左右 | 城镇调查失业率 | 5.5% | 左右 | 2021",
            "target 居民消费价格涨幅3%左右 | 居民消费价格 | 3% | 涨幅 | 2021",
            "target 单位国内生产总值能耗降低3%左右 | 单位国内生产总值能耗 | 3% | 降低 | 2021",
            "target 粮食产量保持在1.3万亿斤以上 | 粮食产量 | 1.3万亿斤 | 以上 | 2021",
        ];
        assert_eq!(rows(&found), expected);
    }

    #[test]
    fn list_items_share_comparator_and_metric() {
        let found = extract("单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。", None);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].text, "18%");
        assert_eq!(found[1].comparator.as_deref(), Some("降低"));
        assert_eq!(found[1].metric.as_deref(), Some("单位国内生产总值能耗和二氧化碳排放"));
    }

    #[test]
    fn vague_objects_are_not_projects() {
        for text in [
            "打造五金人才集聚高地",
            "建成一批公共研发平台",
            "全力打造永武缙区域医疗中心",
            "建设普通公路服务站",
            "打造浙中交通枢纽副中心",
            "建设舒展城区交通的解放南路等路网",
            "推进市民中心公建群项目",
        ] {
            assert!(extract(text, None).is_empty(), "{text}");
        }
    }

    #[test]
    fn context_year_rules() {
        // Explicit year in a label wins, innermost first.
        assert_eq!(context_year(&["（一）2022年重点任务", "三、2021年工作安排"], "", None), Some(2022));
        assert_eq!(context_year(&["加快实现教育现代化", "2021 年工作"], "十四五规划", None), Some(2021));
        // Explicit years beat plan periods at any depth.
        assert_eq!(context_year(&["“十四五”目标", "三、2021年重点工作"], "", None), Some(2021));
        // Plan periods.
        assert_eq!(context_year(&["十三五回顾"], "", Some(2016)), Some(2020));
        assert_eq!(context_year(&["“十四五”时期主要目标"], "", Some(2021)), Some(2025));
        assert_eq!(context_year(&["展望“十五五”"], "", None), Some(2030));
        assert_eq!(context_year(&["二、“十三五”时期发展成就和“十四五”时期主要目标任务"], "", None), Some(2025));
        // The opening year of a period.
        assert_eq!(context_year(&["三、全力以赴做好“十四五”开局工作"], "", None), Some(2021));
        assert_eq!(context_year(&["2021年是“十四五”开局之年"], "", None), Some(2021));
        // The title: plan period first; a vision year is not a due year.
        let title = "永康市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要";
        assert_eq!(context_year(&["产业形态篇"], title, Some(2021)), Some(2025));
        assert_eq!(context_year(&[], "永康市2021年政府工作报告", Some(2020)), Some(2021));
        // A base year is not a due year; then the document year; else nothing.
        assert_eq!(context_year(&["比2020年翻一番"], "", Some(2021)), Some(2021));
        assert_eq!(context_year(&["三十四五岁青年"], "", None), None);
        assert_eq!(context_year(&[], "", None), None);
    }

    fn with_jieba(text: &str, doc_year: i32, labels: &[&str]) -> Vec<Commitment> {
        static JIEBA: std::sync::OnceLock<Jieba> = std::sync::OnceLock::new();
        let jieba = JIEBA.get_or_init(Jieba::new);
        let context = Context {
            year: context_year(&labels.iter().rev().copied().collect::<Vec<_>>(), "", Some(doc_year)),
            doc_year: Some(doc_year),
            period: crate::period::of_section(labels, Some(doc_year)),
            mixed: crate::period::mixed_review(labels, Some(doc_year)),
            jieba: Some(jieba),
        };
        extract_with(text, &context)
    }

    #[test]
    fn metrics_are_the_thing_measured() {
        let plan = ["三、2025年政府工作任务"];
        let found = with_jieba("在9个人口20万以上的县建成特殊教育学校。", 2025, &plan);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].metric.as_deref(), found[0].value), (Some("特殊教育学校"), Some(9.0)));
        let found = with_jieba("引进留用1万名左右高层次银龄人才。", 2025, &plan);
        assert_eq!(found[0].metric.as_deref(), Some("高层次银龄人才"));
        assert_eq!((found[0].value, found[0].unit.as_deref()), (Some(1.0), Some("万名")));
        // A sub-value in parentheses is attached to its parent row, not a row of its own.
        let found = with_jieba("培训新型职业农民2000人（含重点产业1000人）。", 2025, &plan);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].value, Some(2000.0));
        assert_eq!(found[0].note.as_deref(), Some("含重点产业1000人"));
        // Leading verbs and prepositions go, a verb that qualifies a noun stays.
        let found = with_jieba("安排超长期特别国债3000亿元，今年中央预算内投资拟安排7350亿元。", 2025, &plan);
        let metrics: Vec<_> = found.iter().map(|c| c.metric.as_deref()).collect();
        assert_eq!(metrics, [Some("超长期特别国债"), Some("中央预算内投资")]);
        let found = with_jieba("脱贫人口务工规模超过3000万人。", 2025, &plan);
        assert_eq!(found[0].metric.as_deref(), Some("脱贫人口务工规模"));
        // 比上年增加… names the quantity before it, even one that is not a target.
        let found = with_jieba("赤字规模5.66万亿元、比上年增加1.6万亿元。", 2025, &plan);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].metric.as_deref(), Some("赤字规模"));
    }

    #[test]
    fn review_parts_report_results() {
        let review = ["一、2024年工作回顾"];
        let found = with_jieba("国内生产总值达到134.9万亿元、增长5%。", 2025, &review);
        assert!(found.iter().all(|c| c.status == Status::Reported && c.year == Some(2024)), "{found:?}");
        // 预计 figures of the past year are results too, in whatever part they stand.
        let found = with_jieba("初步预计，全年粮食产量达到1.4万亿斤。", 2025, &["二、2025年主要任务"]);
        assert_eq!((found[0].status, found[0].year), (Status::Reported, Some(2024)));
        // The plan part promises; a clause's own words win over its section.
        let plan = ["二、2025年经济社会发展总体要求和政策取向", "今年发展主要预期目标"];
        let found = with_jieba("国内生产总值增长5%左右。", 2025, &plan);
        assert_eq!((found[0].status, found[0].year), (Status::Planned, Some(2025)));
        let found = with_jieba("去年国内生产总值增长5.2%，今年预期增长5%左右。", 2025, &plan);
        let rows: Vec<_> = found.iter().map(|c| (c.status, c.year, c.value)).collect();
        assert_eq!(rows, [(Status::Reported, Some(2024), Some(5.2)), (Status::Planned, Some(2025), Some(5.0))]);
        // A paragraph that opens with 过去五年 reports throughout, in a section that says nothing.
        let found = with_jieba("过去五年，我们攻坚克难。国内生产总值增加到121万亿元。", 2023, &["引言"]);
        assert_eq!((found[0].status, found[0].year), (Status::Reported, Some(2022)));
        // The old entry point keeps planned rows only.
        assert!(extract("过去一年，国内生产总值增长5%。", Some(2025)).is_empty());
    }

    #[test]
    fn explicit_year_detection() {
        assert_eq!(explicit_years("到二〇三五年基本实现"), [(3, 2035)]);
        assert_eq!(explicit_years("2021—2025年"), [(7, 2025)]);
        assert!(explicit_years("2035年远景目标").is_empty());
        assert!(explicit_years("2020年以来").is_empty());
        assert!(explicit_years("12025年").is_empty());
        // No 年, no year (the scan is skipped); no 五, no plan period.
        assert!(explicit_years("2025").is_empty() && explicit_years("").is_empty());
        assert_eq!(explicit_years("２０２５ 年"), [(0, 2025)]);
        assert!(periods("十四个规划").is_empty() && period_spans("“九”时期").is_empty());
        assert_eq!(periods("十四五"), [(0, 2025)]);
        assert_eq!(period_spans("“九五”时期"), [(1996, 2000)]);
    }

    #[test]
    fn chinese_digits() {
        let digits: Vec<Option<u32>> = "〇一二三四五六七八九零".chars().map(chinese_digit).collect();
        assert_eq!(digits, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0].map(Some));
        assert!("十百千万两壹5a".chars().all(|c| chinese_digit(c).is_none()));
    }

    #[test]
    fn bare_items_pair_with_the_values_after_fenbie() {
        let found = extract("单位能耗、碳排放分别下降13.5%、18%。", Some(2025));
        let metrics: Vec<_> = found.iter().map(|c| c.metric.as_deref()).collect();
        assert_eq!(metrics, [Some("单位能耗"), Some("碳排放")], "{found:?}");
    }
}

/// Seed passages shared by the tests of this crate's taggers (layout already repaired, as the
/// taggers receive it).
#[cfg(test)]
pub(crate) mod seeds {
    /// Title of seed 000.
    pub(crate) const Y000_TITLE: &str = "奋力绘就世界五金之都、品质活力永康宏伟画卷";

    /// Seed 000 (news article on the 十四五 plan): (sector, keyword, paragraph).
    pub(crate) const Y000: &[(&str, &str, &str)] = &[
        ("引言", "", "21日,我市第十七届人民代表大会第五次会议审议通过了《永康市国民经济和社会发展第十四个五年规划和二〇三五远景目标纲要》(以下简称《纲要》)。**《纲要》**不仅明确了我市在十四五时期的阶段性目标任务,还清晰描绘了2035年的远景目标和发展蓝图,深刻回答了在新时代背景下我市该如何开展现代化建设的重大命题,具有重要历史意义。**《纲要》**明确,十四五期间,我市将聚力高质量、竞争力、现代化,坚持永立潮头、强改革,永争第一、强发展,永不懈怠、强落实,永葆安康、强民生,充分发挥制度优势、转化治理效能、打造硬核成果、形成发展胜势,高质量培育产业链群,率先建立现代化经济体系,高水平提升区域协调能力,率先融入新发展格局,高标准增强品牌创新实力,率先形成“双轮驱动”发展体系,高起点升级生态城乡品质,率先实现“颜值”“内涵”双提升,高品质保障民生福祉水平,率先构筑人的全面发展和社会全面进步的美好家园,高要求实施数字赋能行动,率先走出治理体系和治理能力现代化、永康路径,力争在2025年实现地区生产总值突破850亿元,基本实现社会主义现代化。"),
        ("引言", "", "本篇报道将从产业形态、基础设施、民生实事、生态环境、城乡面貌、文化建设六大版块出发,紧扣30项关键词,全面解读十四五规划内容,看我市在未来五年内如何将“世界五金之都、品质活力永康”的发展主旋律演奏得更加强劲有力,让人民群众收获更多的幸福感和获得感。"),
        ("产业形态篇", "加快制造业高质量发展", "十四五期间,我市将通过构建3+2现代制造业体系,做大做强现代五金、高端装备和新材料产业三大主导产业2.0版,培育做好五金电子信息、生命健康两大新兴产业,实施数字经济一号工程2.0版,推进产业数字化、数字产业化,扶持一批冠军企业,鼓励中小企业专精特新发展,实现制造业高质量发展。"),
        ("产业形态篇", "加快服务业高品质发展", "十四五期间,我市将通过构建5+4现代服务业发展体系,全面升级数字服务、商务服务、现代物流、金融服务、科技服务为主体的生产性服务业,做优做强现代商贸、休闲旅游、健康养老、品质人居为主体的生活性服务业,加快总部中心能级提升,建设中国(永康)五金物流港,推动服务业与制造业融合发展,加快服务业高品质发展。"),
        ("产业形态篇", "提升高效生态农业发展水平", "十四五期间,我市将通过提升农产品生产经营效益和品牌影响力,推动特色优势农产品提档升级,培育一批农产品数字工厂,推动农产品生产、加工、物流、销售、服务有机结合,促进农村一二三产业融合发展,培养更多爱农业、懂技术、善经营的新型职业农民,全面提升高校生态农业发展水平。"),
        ("基础设施篇", "打造浙中交通枢纽副中心", "十四五期间,我市通过谋划实施永康南站存车线建设,增加永康高铁运行密度,提升金台铁路货运功能,构建“融杭联甬”客货运铁路网络,实施义龙高速及东永高速连接线、开通新330国道等项目建设,构建“外联内畅”公路网络,实施东永一线美丽经济带连接工程,改造提升方岩大道及连接线等通景公路,建设普通公路服务站,推进城乡客运公交一体化,完善“美丽通行”城乡交通网络,启动永康通用机场建设,升级绿道网络,打造浙中交通枢纽副中心。"),
        ("基础设施篇", "布局新型信息基础设施", "十四五期间,我市通过完成5G基站布局及企业内部试验网建设,推行5G+业务试点,布局数字基础设施,聚焦人工智能、物联网、区块链、无人驾驶等信息技术,加快建成集AI指挥、决策、联动“多位一体”城市大脑,开展智慧城管、智慧交通、智慧应急、智慧能源、智慧医疗、智慧教育、智慧民政等应用场景建设,建设产业大数据处理中心、全国五金行业大数据运营服务中心,集成智能化基础设施,全面布局新型信息基础设施。"),
        ("基础设施篇", "聚力加速创新驱动新发展", "十四五期间,我市将通过打造1+1+5+N创新体系,建立健全创新平台体系,培育一批关键核心技术、高素质创新主体,增强科技创新攻关能力,深入推进“标准强市、质量强市、品牌强市”建设,开展“世界五金之都”形象塑造行动,打响“永康五金”区域公共品牌,聚力加速创新驱动新发展。"),
        ("基础设施篇", "构筑全面对外开放新格局", "十四五期间,我市将在积极参与“一带一路”建设、区域全面经济伙伴关系协定(RCEP)、长三角一体化发展的基础上,加快对接新型国际贸易体系,大力发展跨境电子商务、加快贸易数字化场景应用,营造数字贸易发展多元场景,落实“融金(义)接杭、通甬联沪”开放合作战略,打造国家外贸转型示范基地,构筑全面对外开放新格局。"),
        ("基础设施篇", "激活释放投资消费新需求", "十四五期间,我市将通过树立“外拓内”试点典范,打造内贸市场联盟,推动展会上线下融合发展,打造现代五金物流贸易枢纽,增强内生循环动力,建设世界五金消费区域中心,持续深化需求侧结构性改革,创新投融资机制,拓展有效投资空间,不断激发新消费引领作用,加快实现永康五金卖全球、买全球。"),
        ("基础设施篇", "优化安全美丽水网", "十四五期间,我市将通过实施规模水厂联网工程,加快城市防洪工程建设,完成水库除险加固和山塘整治建设,高标准织好防洪保安网,全域创建美丽河湖,落实水生态保护与修复,高品质织好幸福河湖网,构建城乡一体化供水体系,高水平织好水资源配置网,推进山洪灾害监测预警平台、智慧水务管理平台、水文管理中心数字化、杨溪水库数字化管理平台、水土流失中型监测站等重大工程建设,高效能织好智慧水利网。"),
        ("基础设施篇", "完善能源安全保障体系", "十四五期间,我市将通过完善电力、天然气的输配体系,实施新一轮农村电网升级改造,加快天然气管网和城镇配气管网建设,发展光伏、生物质等非水可再生能源发电项目,开展重点用能单位节能降耗行动,完成一批节能改造工程,建设重点用能企业智慧能源监测综合系统,加大高效能产品推广,加强全社会节能降耗宣传,优化全社会能源利用结构,完善能源安全保障体系。"),
        ("民生实事篇", "打造五金人才集聚高地", "十四五期间,我市将通过加大“千人计划”“万人计划”“智汇丽州”引育力度,建成五金技师学院,持续引育高层次创新人才,开展“永康工匠”“匠型企业”“匠人新秀”评选和“工匠创作室”建设,办好技能大比武、中国五金产业高峰论坛、工程师(技师)大会,培育高技能产业工人队伍,实施永康籍人才回归计划,建设五金人力资源服务产业园,打造五金人才集聚高地。"),
        ("民生实事篇", "加快实现教育现代化", "十四五期间,我市将通过建成学前教育体系,普及15年教育,完善特殊教育,推进基础教育优质均衡,深化“产教融合”“双师培养”“合作办学”三大模式,打造五金技师学院,实现产教融合,吸引永康籍名师回乡发展,加强高质量师资队伍队伍建设,加快发展“互联网+教育”,加快实现教育现代化。"),
        ("民生实事篇", "打造永武缙区域医疗中心", "十四五期间,我市将通过建成整合型县域医疗卫生服务体系,加强公共卫生服务,有序推进“健康永康”建设,开展“三医联动、六医统筹”综合改革,规划建设一批基层医疗卫生机构,深化医疗卫生体制改革,打造“互联网+医疗健康”模式,强化公共卫生应急体系建设,打造综合性体育公园和全民健身中心,加快体教医融合,全力打造永武缙区域医疗中心。"),
        ("生态环境篇", "打造天蓝地绿水清美丽生态", "十四五期间,我市将通过实施蓝天保卫行动,推动五金涂装、包装印刷企业VOCs污染深化治理,优化“秸秆换肥”“收贮运模式”,实现环境空气质量稳步提升,实施碧水清流行动,推进全域“污水零直排区”建设,推进污水处理厂新(扩)建及配套管网建设,加强饮用水水源地生态环境保护和规范化建设,形成国家重点项目水资源高效利用永康经验,实施净土清废行动,完善土壤环境监测网络,加强污染地块风险管控和治理修复,真正实现天蓝、地绿、水清。"),
        ("生态环境篇", "系统推进生态保护治理", "十四五期间,我市将通过科学划定落实生态保护、永久基本农田、城镇开发边界三条控制线,实现森林覆盖率、树木蓄积量、森林固碳能力“三增长”,深化重点生态功能区保护与管理,推进绿色矿山建设,加大水土流失治理力度,落实生态产品价值实现机制,健全自然资源资产产权制度,建立完善自然资源资产负债统计和监测制度,完善生态文明绩效评价考核和责任追究制度,系统推进生态保护治理。"),
        ("生态环境篇", "千方百计提高就业质量", "十四五期间,我市将通过不断完善就业优先、就业吸纳补贴、培训补贴等政策,挖掘就业新增长点,促进创业带就业,开展就业技能、岗位技能提升培训,完善对农村转移劳动力、就业困难人员等重点群体就业促进机制,扩大失业保险稳岗返还受益面,加强对就业困难人员托底帮扶,拓宽居民劳动收入和财产性收入渠道,千方百计提高就业质量。"),
        ("生态环境篇", "完善社会保险兜底服务", "十四五期间,我市将通过建立符合实际的居民基本养老保险制度,规范企业职工基本养老保险省级统筹,建立工伤控预防常态化工作机制,深化“1+8+X”大救助体系建设,完善社会福利、慈善事业、优抚安置、住房制度,推行生态殡葬,健全退役军人工作体系和保障制度,促进青年、妇女儿童事业发展,健全养老服务体系,持续完善多层次社会保障体系。"),
        ("生态环境篇", "打造营商环境最优市", "十四五期间,我市将通过实施优化营商环境10+N便利化行动2.0版,完善涉企减负降本政策落实机制,违规涉企收费联动处置机制和政府降本减负责任机制,精简涉企经营许可事项,实施惠企政策“免申即享”,加快刷脸通办向景区、医院、图书馆、公共交通等公共服务领域延伸,加强经济安全风险预警、防控机制和能力建设,力争打造营商环境最优市。"),
        ("生态环境篇", "倡导绿色低碳生产生活方式", "十四五期间,我市将通过升级园区循环化改造,创建美丽工厂,深化“腾笼换鸟”“区域环评+环境标准”改革,大力发展循环经济,推进资源循环利用产业集聚区建设,推广一般工业固废处置“五步法”、小微企业危废收运“12369”模式,扎实开展“无废永康”十大场景应用建设,高标准完成“无废城市”示范市创建,全面推进生产制造绿色升级,实施二氧化碳排放达峰行动,倡导消费者选择绿色低碳产品,倡导绿色低碳出行,推进生活方式向绿色低碳转型。"),
        ("生态环境篇", "强化生态环境应急安全监管体系", "十四五期间,我市将通过建立危化品突发事件预警应急机制,增强危险化学品运输安全管理,加强重点水源保护区防护与应急处置,配全应急物资,打造生态环境智慧监管平台,建立大数据资源信息库,建立全方位立体监控网络,全面智能监控各类污染源,实现监控一体化,有效强化生态环境应急安全监管体系。"),
        ("文化建设篇", "深入践行社会主义核心价值观", "十四五期间,我市将通过推进“宣讲365”品牌工程和“燕入万家”党的创新理论文艺宣传,开展新时代文明实践中心国家级试点建设,推进群众性精神文明创建活动,提升文明单位(村镇、校园)创建水平,丰富家庭、家教、家风建设活动,加强青少年思想道德教育,广泛开展道德模范、身边的感动、最美公务员等选树活动,深入践行社会主义核心价值观。"),
        ("文化建设篇", "推进公共文化服务设施提标提质", "十四五期间,我市将通过深入开展“五个百”文化惠民工程,建成多功能市民中心,提升基层综合性文化服务中心,实现农村文化礼堂行政村全覆盖,建设一批公共阅读服务场所,开展优秀传统文化和高雅艺术进校园、进社区活动,建设“文明大脑”综合数字平台,推进公共文化服务设施提标提质。"),
        ("文化建设篇", "擦亮“永康文化”金名片", "十四五期间,我市将通过挖掘好胡公文化、陈亮文化、五金文化、上山文化四大文化,统筹推进胡公文化、陈亮文化品牌工程,做好名人故居保护利用、名人史料挖掘研究、名人资源开发等工作,加大永康文化题材的影视产品创作与演绎展示,扩大特色文化节庆、展会等活动影响力,推动永康文化走出浙江、走向全国,不断擦亮“文化永康”金名片。"),
        ("文化建设篇", "积极推动文旅融合发展", "十四五期间,我市将通过建设“五金耀山水”文旅产业融合改革试验区,建设方岩旅游景区核心区、四方老厂区综合文创中心、城北文教聚集区块,打造解放街特色文化街区、民国风情岩下老街,支持芝英镇打造“千年古镇、缙州古城”,支持厚吴村建设,推出五金文化工业游,推进文化创意与五金产业融合,积极推动我市文旅产业融合发展。"),
        ("文化建设篇", "打造“匠心永康”", "十四五期间,我市将通过弘扬新时代永康企业家精神,鼓励企业家在防范风险、精准脱贫、污染防治、乡村振兴等方面贡献力量,办好民营企业家节,举办工业发展大会,营造尊重、爱护、支持企业和企业家的良好营商环境,培养选树一批具有全球视野和创新意识的新时代永康企业家,全面打造“匠心永康”。"),
        ("文化建设篇", "打造县域社会治理新高地", "十四五期间,我市将通过加强基层治理队伍、高素质专业化干部队伍建设,构建多元共建社会治理生态,完善法治政府、市镇村三级公共法律服务体系,推进法治永康建设,深化安全生产领域改革,完善自然灾害防治体系,巩固扫黑除恶专项斗争,保障人民生命安全;深化“龙山经验”,创新“基层党建+社会治理”建设“红色云治理”“智安小区”,打造县域社会治理新高地。"),
        ("城乡面貌篇", "优化城乡发展空间", "十四五期间,我市将通过构建“一带三区、一轴两片”的城乡发展总体格局,串联市域南北山体、村庄、田园等形成生态休闲花园带,建设北部现代农业示范区、中部高效农业发展区、东部生态农业示范区,沿东永一线两侧构建产城融合发展轴,发展中心城区、古山小城市片区,不断优化城乡发展空间。"),
        ("城乡面貌篇", "建设现代美丽城镇", "十四五期间,我市将全力对接大花园耀眼明珠,以诗路文化带、美丽城镇、千年古城建设为重点,强化产镇融合,提升小城镇竞争力和现代化水平,支持古山小城市培育试点,升级城镇综合整治与宜居宜业宜游水平,实现美丽城镇全覆盖,挖掘芝英、前仓、象珠、唐先、古山等历史文化名镇、名村文化内涵,开发生态小流域,升级做优休闲旅游,引入优秀工商资本参与城镇建设,增强乡镇内生发展动力,帮助我市建成一批现代美丽城镇。"),
        ("城乡面貌篇", "建设品质中心城区", "十四五期间,我市将通过高质量编制国土空间规划,高标准布局教育、医疗、文化、体育、休闲等公共服务设施,推进重点商圈、专业市场、步行街、商业街融合发展,提升中心城区能级,推进未来社区建设,实施城市设计优化和内涵提升九大行动,加快城区老旧小区蝶变行动,建设舒展城区交通的解放南路等路网,加快城市有机更新,建设品质中心城区。"),
        ("城乡面貌篇", "升级活力多彩乡村", "十四五期间,我市将通过创建省美丽乡村示范县市,启动2个未来乡村试点村、1条乡村振兴示范带建设,深化农村集体产权制度改革,盘活利用闲置宅基地和闲置农房,深化农村综合集成改革,推动资源要素双向流动,深化“千万工程”牵引新时代美丽乡村建设,持续优化乡村布局,开展消薄三年行动,力争消除60%以上集体经济相对薄弱村,低收入农户年人均收入增幅10%以上,全面升级我市活力多彩乡村。"),
    ];

    /// Seed 001 (2021 work report), part two: the 十四五 goals and the seven tasks, joined.
    pub(crate) const Y001_PLAN: &str = "“十四五”时期经济社会发展的总体要求是：以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的十九大和十九届二中、三中、四中、五中全会精神，以及省委省政府、金华市委市政府决策部署，统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局，坚持党的全面领导，坚持以人民为中心，坚持新发展理念，坚持深化改革开放，坚持系统观念，坚持稳中求进工作总基调，以推动高质量发展为主题，以深化供给侧结构性改革为主线，以改革创新为根本动力，以满足人民日益增长的美好生活需要为根本目的，紧扣忠实践行“八八战略”、奋力打造“重要窗口”，紧扣“打造增长极、共建都市区、当好答卷人”，围绕“打造中国乃至世界先进制造业基地”总目标，奋力推进“世界五金之都、品质活力永康”建设，实现更高质量、更有效率、更加公平、更可持续、更为安全的发展，努力以县域治理现代化为全国现代化建设探路。“十四五”时期经济社会发展的主要目标是：全市地区生产总值突破850亿元，数字经济增加值占地区生产总值比重达到 20%，研发经费占比达到3%以上，城市化率达到 72％左右，人均预期寿命超过80岁。实现上述目标，要把握好以下五个方面：——必须更加注重高质量发展。以高质量发展为“十四五”开好局，是党中央确定的政策取向。对永康来说，必须紧紧抓住宝贵的时间窗口，以改革创新为根本动力，以满足人民群众对美好生活的向往为根本目的，解放思想、凝心聚力，推动经济发展质量变革、效率变革、动力变革，探索出一条符合新时代要求、具有社会主义现代化先行市特色的高质量发展之路。——必须更加注重数字化改革。数字化是大势所趋。数字化改革是事关未来的重大改革和集成创新，是对治理体制、治理手段、治理模式的系统性重塑。对永康来说，要以满腔热忱拥抱数字化，以“全企上云”链接数字化，以“一件事”集成改革融入数字化，让数字化成为构建现代五金产业体系的关键力量，让数字化成为推进政府治理体系和治理能力现代化的硬核支撑。——必须更加注重融入新发展格局。构建新发展格局，是以习近平同志为核心的党中央根据我国发展阶段、环境、条件变化，审时度势作出的重大决策。对永康来说，要不断增强产业链供应链的自主可控，在优势细分行业精耕细作，激活线下线上“浪潮经济”基因，加快培育根植永康、走向全球的产业链供应链创新链，打造现代五金先进制造业集群。要扭住供给侧结构性改革这条主线，打通研发创新堵点、贯通生产消费环节，以占领市场的能力提升创造需求的能力，以产品的升级助推产能的释放，让企业创新有条件、干部创业有舞台、群众创富有机会。——必须更加注重系统观念。系统观念是具有基础性的思想和工作方法。善于运用系统方法抓改革、谋创新、促发展，既是马克思主义的观点和方法，也是时代发展的客观要求。对永康来说，要树立“一盘棋”思想，注重工作的系统性、整体性、协同性。要抓住“牵一发动全身”的工作重点，全局谋划，战略布局。要抓住“一子落满盘活”的关键环节，把发展主动权牢牢把握在自己手中，不断增强工作的科学性、协同性、能动性，努力打牢高质量之基、激活竞争力之源、走好现代化之路。——必须更加注重形成“重要窗口”的标志性成果。形成具有永康辨识度的重大标志性成果是我们的政治责任与政治担当，是忠实践行“八八战略”、奋力打造“重要窗口”的应有之义。对永康来说，要始终坚持省市所需、永康所能、群众所盼、未来所向，争先突破。要强化基层首创，在“龙山经验”的深化推广提炼中，不断擦亮社会治理的“窗口”成色。要重点突破、系统集成，在县域经济治理现代化中，不断完善“窗口”的基层场景。要拉高标杆、对标赶超，在传统产业向现代产业集群迭代升级中，不断丰富“窗口”的内涵。“十四五”期间，我们要重点抓好七个方面的大事：（一）锚定创新驱动战略，加快建设更具发展潜力的匠心城市。始终把创新摆在发展全局的核心位置。深化创新平台建设，打造“1+1+5+N”创新体系，建成一批公共研发平台，推进国家林草装备科创园等重大平台建设，办好五金工业设计大赛等标志性活动。突出企业主体地位，加强知识产权保护，实施新一轮科技企业“双倍增”行动，推进科技型企业增量提质，建成一批高等级企业研究院。优化人才发展机制，实施工匠培育工程、蓝领技能提升工程，打造城北高教园区，建成一批“工程师协同创新中心”，多渠道壮大技能人才队伍。（二）聚力完善现代产业体系，加快建设更具世界影响力的先进制造业基地。始终把经济发展着力点聚焦在实体经济上。实施“永康五金”区域品牌提升工程，深入推进“质量革命”“品牌点亮”行动，大力培育“隐形冠军”“单项冠军”，推进“品字标”“浙江制造”提质扩面，构建一批区域品牌质量标准体系。实施“强链永康”工程，协同推进产业链强链稳链畅链和供应链重组备份替代，做精做强 10 条标志性产业链，组建一批企业共同体。实施“千帆计划”，重点扶持一批有竞争优势、成长性好、具有关键核心技术的优质企业，形成梯度分布、结构合理的企业群体。实施产业集群升级行动，围绕现代五金、电子信息、生命健康产业，集聚具有全国影响力的研发制造企业，打造一批拥有较强竞争力创造力的“新星”企业群体。实施数字赋能行动，全面推行智能制造2.0，加快工业互联网平台建设，加快设备联网上云、数据集成上云、工业整体云监管等深度云应用，打造省数字经济创新示范市、智能制造示范市。（三）全面推动城乡协同，加快建设更具吸引力的现代化城市。优化功能布局，拓展中心城区规模，以总部中心、田川未来社区为核心，构筑高端商务功能区；以江南山水新城为依托，打造生产生活生态融合、“人、城、境、业”协调发展的未来新城；以四方集团老厂区为基础，打造城市创意休闲区。完善基础设施建设，推进市民中心公建群项目，改造提升金胜山公园，实施老 330 国道和老金温铁路改造，进一步拉开城市框架、打通城区断头路。加快城区有机更新，大力推进城中村改造，优化城市建设模式和实施机制，有序推进老旧小区改造，建成一批未来社区。深化城乡融合，支持古山深化省级小城市培育试点，支持石柱融城发展，支持花街、象珠、唐先依托大寒山打造“十里康养”走廊。支持方岩创建国家 5A 级景区，支持芝英建设千年古城。大力弘扬“胡公文化”“陈亮文化”“五金文化”，构建“一山两地两条街，一村一镇五条线”的文旅融合发展新格局。聚力乡村振兴，深化“千万工程”，推动乡村“五化”融合发展，创建省美丽乡村示范市。（四）深度融入新发展格局，加快建设更具包容性的开放型城市。实施新一轮扩大有效投资行动，加大科创平台、战略性新兴产业、现代化产业链、高等级物流平台投资，健全重大项目投融资、招引落地机制，树立“大财政”理念，盘活国有资产。积极融入长三角一体化，加快义龙高速及连接线等重大交通项目建设，形成“一绕一环三纵三横”路网。打造“四港”联运物流体系，畅通宁波舟山港、台州港、温州港货运通道，谋划通用航空机场，建设中国（永康）五金物流港。依托 G60科创大走廊，用好上海“中国永康五金大厦”，探索“沪杭研发、永康转化”产业合作模式。激活多层次消费，完善商业配套，建成万达广场，赋能中国科技五金城，提质改造步行街、巴黎商街、高镇商业区等夜间经济集聚区。大力推进数字化贸易，探索研究RCEP经贸合作，积极对接浙江自贸区，深化省供应链创新应用试点，推动电商繁荣发展。（五）更加注重绿色低碳发展，加快建设更具承载力的生态文明城市。深入践行“绿水青山就是金山银山”理念。大力推进经济生态化，持续淘汰落后产能，拓宽固废综合利用渠道，开发区争创国家级循环化改造示范园区。实施碳排放达峰行动，持续推进全社会节能降耗。打好污染防治攻坚战，升级实施“158”碧水蓝天工程，实现细颗粒物和臭氧“双控双减”。全域开展“无废城市”建设，建成“无废工厂”等 10 大应用场景，打造全省标杆。加强生态系统化培育，完善“一带七廊”生态空间主格局，构建生态廊道和生物多样性保护网络，加强水域生态系统保护，建成历山国家森林公园、石柱省级湿地公园、南溪湾公园、永祥美丽风景带。开展全域土地综合整治，实施生态系统保护与修复，深化国土绿化行动，高标准推进废弃矿山综合利用。（六）着力深化省级县域经济治理改革试点，加快建设更具引领性的营商环境示范城市。创造性落实国家治理体系和治理能力现代化战略。建设“云上永康”，围绕民生“零次跑”、政务“一件事”，加大数据归集共享。以“全生命周期一件事”的视角，丰富应用场景，推进“1818+N”多业务协同应用落地。建设信义之城，创新“大数据+信用监管”，健全信息互联共享机制。持续丰富“民营企业家节”内涵，全面开展驻企服务、联企纾困、代跑代办，不断深化“三服务”，努力做到“企业吹哨、部门报到”。建设法治政府，构建全方位政府监管、全闭环行政执法、全链条企业保障“三大体系”，总结推广“综合查一次”实践经验，深化行政复议体制改革，加快打造市场化、法治化、国际化营商环境。（七）不断满足人民群众对美好生活的向往，加快建设更具幸福感的和谐家园。坚持“群众有所呼，政府有所应”。全领域守好民生底线，加大退役军人等重点人群就业创业帮扶力度，实现零就业家庭动态清零。逐步提高低保补助标准，有序扩大社会救助范围。深化多层次特色养老服务，支持社会力量兴办养老机构，发展养老产业。高质量实现教育“普惠共享”，织密学前教育“网底”，加大义务教育优质资源供给，提升高中教育质量，擦亮职业教育名片，加快高等教育谋划，建成五金技师学院，健全教师多元化配给体系，争创全国义务教育优质均衡发展市、省教育现代化市。高水平推进“健康永康”建设，加大优质医疗资源供给，加快完善公共卫生体系、疾病预防控制体系和重大疫情常态化防控机制，全域发展智慧医疗，规范发展社会办医，建成公共卫生临床中心，争创三甲综合（专科）医院2家、三乙专科医院 1 家以上，打造永武缙医疗服务高地。高标准推进社会治理，坚持和发展新时代“枫桥经验”，创新发展“龙山经验”，深化“一月一镇平安大会战”等工作抓手，守好安全底线，建设“平安永康”。";

    /// Seed 001, part three ("三、全力以赴做好“十四五”开局工作"), joined.
    pub(crate) const Y001_2021: &str = "2021 年是建党 100 周年，是“十四五”开局之年，也是我市争创社会主义现代化先行市启动实施之年，意义重大、责任重大。2021 年工作的总体要求是：高举习近平新时代中国特色社会主义思想伟大旗帜，紧扣“忠实践行‘八八战略’、奋力打造‘重要窗口’”要求，围绕“九市建设”部署，聚焦“四攻坚四争先”，突出“数字赋能、拼搏实干”，坚决落实市委决策部署，立足新发展阶段，坚持新发展理念，融入新发展格局，聚焦品质永康、活力永康、匠心永康、文化永康建设，对标发力、积极作为，为“十四五”经济社会高质量发展开好局、起好步。建议 2021 年经济社会发展主要预期目标是：地区生产总值增长 7.5%左右，一般公共预算收入增长 7.5%，城乡收入与经济增长基本同步，研发经费占比达到 2.4%，完成省市下达的能源和环境指标计划。完成上述目标，要认真抓好以下11方面工作：（一）着力精密智控，持续抓好常态化疫情防控聚焦“外防输入、内防反弹”，坚决做到“四个确保、一个力争”。深化“四色预警”工作机制，加强医疗机构、学校、养老院等特殊场所防控，严格落实“亮码+测温”。坚持人防物防成闭环，构建中高风险地区来永返永人员管控机制，严格控制聚集性活动规模，引导务工人员留永过年、错峰返乡返岗；全面落实进口冷链食品“全受控、无遗漏”，从严从紧加强入境物品规范管理。坚持信息共享抓联动，平战结合完善重大公共卫生突发事件处置机制。稳妥有序推进新冠疫苗接种，加快建设公共卫生临床中心，深入开展爱国卫生运动，宣教卫生健康知识，毫不放松疫情防控。（二）着力科技与品牌双轮驱动，持续激发区域创新动能大力推进“永康五金”区域品牌建设，实体化运行“品牌办”，建设世界五金精品展示馆，提升“永康五金”区域品牌知名度和影响力。加强企业品牌建设，新增“品字标”企业 8 家、“浙江制造”标准 6 项，争取承办全省“品字标”建设现场会。实施科创廊道新三年行动，不断加大科技投入，启用上海“中国永康五金大厦”，筹建杭州、深圳科创飞地，启动丽州研究院建设。开展新一轮科技企业“双倍增”计划，新增国家高新企业 40 家、省科技型中小企业 100 家、省企业研发机构 6 家。实施人才新政 20 条，深化“揭榜挂帅”技术攻关，培育引进高层次人才 30 名、高技能人才 1400 名，让科技人才成为永康高质量发展的强大动能。（下转 4 版）";
}
