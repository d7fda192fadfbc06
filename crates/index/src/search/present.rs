//! Presenting: the collected page becomes the response's hits (stored record, byte-exact
//! highlights, snippet) and the facet counts become sorted, labelled facet lists.

use std::sync::Arc;

use tantivy::{DocAddress, Searcher};

use super::facets::FieldCounts;
use super::highlight::{highlight_ranges, snippet};
use super::parse::Clause;
use crate::api::{FacetCount, Facets, Hit, SearchRequest};
use crate::records::record;
use crate::{Engine, Result};
use plansearch_text::document::region_prefixes;

/// How many values each facet lists at most.
pub(crate) const FACET_VALUES: usize = 100;

/// The hits of a page: each passage's record with where `clauses` match it and its snippet.
pub(crate) fn hits(
    engine: &Engine,
    searcher: &Searcher,
    top: Vec<(f32, DocAddress)>,
    clauses: &[&Clause],
) -> Result<Vec<Hit>> {
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let passage = record(engine, searcher, addr)?;
        let highlights = highlight_ranges(&passage.text, clauses.iter().copied());
        let snippet = snippet(&passage.text, &highlights);
        hits.push(Hit { passage, snippet, highlights, score });
    }
    Ok(hits)
}

/// Facet lists from counts: years by value, the rest by count, `limit` values each.
pub(crate) fn facet_lists(engine: &Engine, counts: FieldCounts, limit: usize) -> Facets {
    let mut counts = counts.into_iter();
    let mut next = move || counts.next().unwrap_or_default();
    let list = |by_value: bool, mut v: Vec<(Arc<str>, u64)>| {
        if by_value {
            v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        } else {
            // A broad query can hit thousands of values; only the first `limit` are sorted.
            let by_count = |a: &(Arc<str>, u64), b: &(Arc<str>, u64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
            if v.len() > limit {
                v.select_nth_unstable_by(limit, by_count);
                v.truncate(limit);
            }
            v.sort_unstable_by(by_count);
        }
        v.into_iter()
            .map(|(value, count)| FacetCount { value: value.to_string(), count, label: None })
            .collect::<Vec<_>>()
    };
    let (sector, keyword, mut doc) = (list(false, next()), list(false, next()), list(false, next()));
    let (departments, labels) = departments_by_key(engine, next());
    let mut department = list(false, departments);
    for d in &mut department {
        d.label = labels.get(d.value.as_str()).cloned();
    }
    let year = list(true, next());
    for d in &mut doc {
        d.label = engine.doc_info(&d.value).map(|i| i.title.clone());
    }
    let region = tree_list(next(), limit);
    let (level, kind, issuer) = (list(false, next()), list(false, next()), list(false, next()));
    let period = tree_list(next(), limit);
    Facets { sector, keyword, doc, department, year, region, level, kind, issuer, period }
}

/// Facet values with their counts, as the counter gives them.
type FacetValues = Vec<(Arc<str>, u64)>;
/// Display labels by facet value.
type Labels = std::collections::HashMap<String, String>;

/// Department counts merged across levels: the index names a department at each document's level
/// (公安部, 公安厅, 公安局), and a filter by any of those names matches them all, so the facet
/// counts the department once, under its most frequent name, with the names seen as its label
/// (`公安部 · 公安厅 · 公安局`). A passage names a department at one level only, so the counts add.
fn departments_by_key(engine: &Engine, counts: FacetValues) -> (FacetValues, Labels) {
    let mut by_key: std::collections::HashMap<&str, Vec<(Arc<str>, u64)>> = std::collections::HashMap::new();
    for (name, n) in &counts {
        let key = engine.lexicon.key_of(name).unwrap_or(name);
        by_key.entry(key).or_default().push((name.clone(), *n));
    }
    let mut merged = Vec::with_capacity(by_key.len());
    let mut labels = std::collections::HashMap::new();
    for (_, mut names) in by_key {
        names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let total = names.iter().map(|(_, n)| n).sum();
        if names.len() > 1 {
            let all: Vec<&str> = names.iter().map(|(name, _)| &**name).collect();
            labels.insert(names[0].0.to_string(), all.join(" · "));
        }
        merged.push((names[0].0.clone(), total));
    }
    (merged, labels)
}

/// Counts of a hierarchical facet (region, period) with every ancestor counted too: `plan`
/// counts all of `plan/2025`, `plan/2021-2025` …, and a passage of `浙江省/金华市/永康市` counts
/// for 浙江省, 浙江省/金华市 and itself, so the page can show provinces, then their cities. Most
/// passages first, `limit` values.
fn tree_list(leaves: Vec<(Arc<str>, u64)>, limit: usize) -> Vec<FacetCount> {
    let mut totals: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for (path, count) in &leaves {
        for prefix in region_prefixes(path) {
            *totals.entry(prefix).or_default() += count;
        }
    }
    let mut out: Vec<FacetCount> =
        totals.into_iter().map(|(value, count)| FacetCount { value: value.to_string(), count, label: None }).collect();
    out.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out.truncate(limit);
    out
}

/// Facet values listed per field: [`FACET_VALUES`], or all of them for a trend (limit 0 asks for
/// counts only, which is how [`Engine::trend`] calls search).
pub(crate) fn facet_limit(req: &SearchRequest) -> usize {
    if req.limit == Some(0) {
        usize::MAX
    } else {
        FACET_VALUES
    }
}
