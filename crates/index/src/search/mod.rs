//! The search path, one way through its steps: [`parse`] the query text, [`plan`] it into a
//! Tantivy query (ranked by the tiers of [`rank`], its unions probed through [`probe`]),
//! [`collect`] the page of hits and the [`facets`] counts in one pass, then [`present`] them with
//! [`highlight`]s and snippets.
//! [`suggest`] completes what a user is typing from the same index.

pub mod chars;
pub mod collect;
pub mod facets;
pub mod highlight;
pub mod parse;
pub mod plan;
pub mod present;
pub mod probe;
pub mod rank;
pub mod suggest;

use std::time::Instant;

use crate::analysis::char_tokens;
use crate::api::*;
use crate::{Engine, Error, Result};
use collect::{collect, Found};
use parse::{parse, Clause, FilterField, ParsedQuery};

/// Notice shown when no passage has every term.
pub const NOTICE_ANY: &str = "没有同时包含所有词语的段落，已改为显示包含任一词语的段落。";

/// Runs a search: checks the request's limits, parses its query and runs it.
pub(crate) fn search(engine: &Engine, req: &SearchRequest) -> Result<SearchResponse> {
    let started = Instant::now();
    check_query_length(&req.q)?;
    let limit = req.limit.unwrap_or(DEFAULT_LIMIT);
    if limit > MAX_LIMIT {
        return Err(Error::BadParameter { name: "limit".into(), message: format!("must be at most {MAX_LIMIT}") });
    }
    let offset = req.offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(Error::BadParameter { name: "offset".into(), message: format!("must be at most {MAX_OFFSET}") });
    }
    let parsed = parse(&req.q)?;
    run(engine, req, parsed, started)
}

/// Matching passages and documents per year, for the query and filters of `req`; with
/// `by_region`, also one series per region (see [`TrendResponse::groups`]).
///
/// Unlike search, every term counts only where it occurs literally: a trend answers "when did
/// this phrase appear", and passages that merely hold its words apart would blur the answer.
pub(crate) fn trend(engine: &Engine, req: &SearchRequest, by_region: bool) -> Result<TrendResponse> {
    let mut req = req.clone();
    req.limit = Some(0);
    req.offset = None;
    check_query_length(&req.q)?;
    let mut parsed = parse(&req.q)?;
    for group in &mut parsed.required {
        for clause in group.iter_mut() {
            *clause = Clause::Phrase(clause.text().to_string());
        }
    }
    // Regions are grouped one level below the deepest region filter.
    let depth = req
        .region
        .iter()
        .map(String::as_str)
        .chain(parsed.filters.iter().filter(|(f, _)| *f == FilterField::Region).map(|(_, v)| v.as_str()))
        .map(|v| plan::region_filter(v).len())
        .max()
        .unwrap_or(0);
    let resp = run(engine, &req, parsed, Instant::now())?;
    let groups = if by_region { region_groups(engine, &resp.facets.doc, depth + 1) } else { Vec::new() };
    let mut by_year: std::collections::BTreeMap<i32, TrendPoint> = std::collections::BTreeMap::new();
    for f in &resp.facets.year {
        if let Ok(y) = f.value.parse::<i32>() {
            by_year.insert(y, TrendPoint { year: y, passages: f.count, documents: 0 });
        }
    }
    for d in &resp.facets.doc {
        let year = engine.doc_info(&d.value).and_then(|i| i.year);
        if let Some(point) = year.and_then(|y| by_year.get_mut(&y)) {
            point.documents += 1;
        }
    }
    Ok(TrendResponse { query: resp.query, total: resp.total, series: by_year.into_values().collect(), groups })
}

/// Region of documents without one, in trend groups.
pub const UNKNOWN_REGION: &str = "未知";

/// Per region (its path cut to `depth` names), matching passages and documents per year, from
/// the per-document counts of a trend's search.
fn region_groups(engine: &Engine, docs: &[FacetCount], depth: usize) -> Vec<TrendGroup> {
    use std::collections::{BTreeMap, HashMap};
    let mut groups: HashMap<String, BTreeMap<i32, TrendPoint>> = HashMap::new();
    for d in docs {
        let Some(info) = engine.doc_info(&d.value) else { continue };
        let Some(year) = info.year else { continue };
        let region = match &info.region {
            Some(r) => r.split('/').take(depth).collect::<Vec<_>>().join("/"),
            None => UNKNOWN_REGION.to_string(),
        };
        let point =
            groups.entry(region).or_default().entry(year).or_insert(TrendPoint { year, passages: 0, documents: 0 });
        point.passages += d.count;
        point.documents += 1;
    }
    let mut out: Vec<TrendGroup> = groups
        .into_iter()
        .map(|(region, series)| {
            let series: Vec<TrendPoint> = series.into_values().collect();
            TrendGroup { region, total: series.iter().map(|p| p.passages).sum(), series }
        })
        .collect();
    out.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.region.cmp(&b.region)));
    out
}

fn check_query_length(q: &str) -> Result<()> {
    let chars = q.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Error::QueryTooLong { chars, max: MAX_QUERY_CHARS });
    }
    Ok(())
}

/// Runs a parsed query (limits on `req` already checked): plan, collect (again with any term
/// instead of all when nothing has every term), present.
fn run(engine: &Engine, req: &SearchRequest, parsed: ParsedQuery, started: Instant) -> Result<SearchResponse> {
    let limit = req.limit.unwrap_or(DEFAULT_LIMIT);
    let offset = req.offset.unwrap_or(0);
    let searcher = engine.reader.searcher();
    let planner = engine.planner(searcher.index());
    let filter = planner.filter_query(req, &parsed)?;

    let mut notices = Vec::new();
    for c in parsed.positive() {
        if char_tokens(c.text()).is_empty() {
            notices.push(format!("“{}”不含可检索的文字，已忽略。", c.text()));
        }
    }
    let expansions = planner.expansions(&parsed);
    for e in &expansions {
        notices.push(format!(
            "“{}”同时检索了同义词或全称：{}（这些匹配排在字面匹配之后）。",
            e.term,
            e.synonyms.join("、")
        ));
    }
    let synonym_clauses: Vec<Clause> =
        expansions.iter().flat_map(|e| e.synonyms.iter().map(|s| Clause::Phrase(s.clone()))).collect();
    let mut matched = "all";
    let query = planner.text_query(&parsed, false, filter.as_ref().map(|f| f.box_clone()));
    let mut found = collect(&searcher, &*query, &parsed, limit, offset, engine.facet_counter())?;
    if found.total == 0 && parsed.required.len() > 1 {
        let any = planner.text_query(&parsed, true, filter.as_ref().map(|f| f.box_clone()));
        let found_any = collect(&searcher, &*any, &parsed, limit, offset, engine.facet_counter())?;
        if found_any.total > 0 {
            found = found_any;
            matched = "any";
            notices.push(NOTICE_ANY.to_string());
        }
    }
    let Found { total, top, counts } = found;
    let clauses: Vec<&Clause> = parsed.positive().chain(&synonym_clauses).collect();
    let hits = present::hits(engine, &searcher, top, &clauses)?;
    let facets = present::facet_lists(engine, counts, present::facet_limit(req));
    Ok(SearchResponse {
        query: req.q.clone(),
        total,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        limit,
        offset,
        matched: matched.to_string(),
        notices,
        expansions,
        hits,
        facets,
    })
}
