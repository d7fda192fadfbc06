//! Suggestions for a search box: keyword and sector titles containing what was typed, then the
//! index's frequent words starting with it.

use std::collections::HashMap;

use crate::api::Suggestion;
use crate::{Engine, Error, Result};
/// Completions for a search box: keyword and sector titles containing the text, then frequent
/// words starting with it.
pub(crate) fn suggest(engine: &Engine, q: &str, limit: usize) -> Result<Vec<Suggestion>> {
    let needle = plansearch_text::normalize::fold_str(q.trim());
    if needle.is_empty() {
        return Ok(Vec::new());
    }
    let mut out: Vec<Suggestion> = Vec::new();
    let mut titles: Vec<(bool, u64, &str)> = engine
        .facets()
        .keyword
        .iter()
        .chain(&engine.facets().sector)
        .filter(|f| plansearch_text::normalize::fold_str(&f.value).contains(&needle))
        .map(|f| (!plansearch_text::normalize::fold_str(&f.value).starts_with(&needle), f.count, f.value.as_str()))
        .collect();
    titles.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    for (_, _, t) in titles.into_iter().take(limit) {
        out.push(Suggestion { text: t.to_string(), kind: "keyword".into() });
    }
    if out.len() < limit {
        let searcher = engine.reader.searcher();
        let mut freq: HashMap<String, u64> = HashMap::new();
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(engine.fields.text_words)?;
            let mut stream =
                inv.terms().range().ge(needle.as_bytes()).into_stream().map_err(|e| Error::io(engine.dir(), e))?;
            let mut seen = 0;
            while stream.advance() && seen < 2000 {
                let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
                if !term.starts_with(&needle) {
                    break;
                }
                seen += 1;
                if term != needle {
                    *freq.entry(term.to_string()).or_default() += stream.value().doc_freq as u64;
                }
            }
        }
        let mut terms: Vec<(String, u64)> = freq.into_iter().collect();
        terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (t, _) in terms {
            if out.len() >= limit {
                break;
            }
            if !out.iter().any(|s| s.text == t) {
                out.push(Suggestion { text: t, kind: "term".into() });
            }
        }
    }
    Ok(out)
}
