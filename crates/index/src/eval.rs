//! Ranking evaluation over judged queries (the format of `tests/fixtures/queries.toml`): each
//! query's recall@10, reciprocal rank and nDCG@10, and their means.
//!
//! A passage "holds" an evidence string when its text, NFKC-normalised with all whitespace
//! removed, contains the evidence normalised the same way. Gains are binary and each evidence
//! string is credited once, to the best-ranked passage holding it, so a query is not rewarded for
//! repeating one passage's content.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::api::SearchRequest;
use crate::{Engine, Error, Result};

/// Depth of the ranking that is judged.
pub const K: usize = 10;

/// A judged query file.
#[derive(Debug, Deserialize)]
pub struct JudgedSet {
    pub query: Vec<JudgedQuery>,
}

/// One judged query.
#[derive(Debug, Clone, Deserialize)]
pub struct JudgedQuery {
    pub q: String,
    #[serde(default)]
    pub why: Option<String>,
    /// Evidence strings: each should be held by some top-10 passage.
    pub relevant: Vec<String>,
}

/// Scores of one query.
#[derive(Debug, Clone, Serialize)]
pub struct QueryScore {
    pub q: String,
    pub recall: f64,
    pub reciprocal_rank: f64,
    pub ndcg: f64,
    /// Evidence strings not held by any top-10 passage.
    pub missed: Vec<String>,
}

/// Scores of a whole set.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub queries: Vec<QueryScore>,
    pub mean_recall: f64,
    pub mean_reciprocal_rank: f64,
    pub mean_ndcg: f64,
}

/// Reads a judged query file.
pub fn load(path: &std::path::Path) -> Result<JudgedSet> {
    let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    toml::from_str(&src).map_err(|e| Error::BadInput { path: path.display().to_string(), message: e.to_string() })
}

fn squash(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Scores a ranking (passage texts, best first) against evidence strings.
pub fn score(q: &str, ranked: &[String], relevant: &[String]) -> QueryScore {
    let evidence: Vec<String> = relevant.iter().map(|e| squash(e)).collect();
    let texts: Vec<String> = ranked.iter().take(K).map(|t| squash(t)).collect();
    let mut credited = vec![false; evidence.len()];
    let mut dcg = 0.0;
    let mut first_hit = None;
    for (rank, t) in texts.iter().enumerate() {
        let mut gain = false;
        for (i, e) in evidence.iter().enumerate() {
            if !credited[i] && t.contains(e.as_str()) {
                credited[i] = true;
                gain = true;
            }
        }
        if evidence.iter().any(|e| t.contains(e.as_str())) && first_hit.is_none() {
            first_hit = Some(rank);
        }
        if gain {
            dcg += 1.0 / ((rank + 2) as f64).log2();
        }
    }
    let ideal: f64 = (0..evidence.len().min(K)).map(|r| 1.0 / ((r + 2) as f64).log2()).sum();
    let held = credited.iter().filter(|c| **c).count();
    QueryScore {
        q: q.to_string(),
        recall: if evidence.is_empty() { 1.0 } else { held as f64 / evidence.len() as f64 },
        reciprocal_rank: first_hit.map_or(0.0, |r| 1.0 / (r + 1) as f64),
        ndcg: if ideal > 0.0 { dcg / ideal } else { 1.0 },
        missed: relevant.iter().zip(&credited).filter(|(_, c)| !**c).map(|(e, _)| e.clone()).collect(),
    }
}

/// Runs every judged query against the engine.
pub fn evaluate(engine: &Engine, set: &JudgedSet) -> Result<EvalReport> {
    let mut queries = Vec::with_capacity(set.query.len());
    for jq in &set.query {
        let resp = engine.search(&SearchRequest { q: jq.q.clone(), limit: Some(K), ..Default::default() })?;
        let ranked: Vec<String> = resp.hits.into_iter().map(|h| h.passage.text).collect();
        queries.push(score(&jq.q, &ranked, &jq.relevant));
    }
    let n = queries.len().max(1) as f64;
    Ok(EvalReport {
        mean_recall: queries.iter().map(|q| q.recall).sum::<f64>() / n,
        mean_reciprocal_rank: queries.iter().map(|q| q.reciprocal_rank).sum::<f64>() / n,
        mean_ndcg: queries.iter().map(|q| q.ndcg).sum::<f64>() / n,
        queries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        let ranked = vec!["其他".to_string(), "高标准完成“无废城市”示范市创建".to_string()];
        let s = score("无废城市", &ranked, &["高标准完成“无废城市”示范市创建".into(), "全域开展“无废城市”建设".into()]);
        assert_eq!(s.recall, 0.5);
        assert_eq!(s.reciprocal_rank, 0.5);
        let expected = (1.0 / 3f64.log2()) / (1.0 + 1.0 / 3f64.log2());
        assert!((s.ndcg - expected).abs() < 1e-9);
        assert_eq!(s.missed, ["全域开展“无废城市”建设"]);
        // Whitespace and width do not matter.
        let s = score("q", &["做精做强 10 条".to_string()], &["做精做强１０条".into()]);
        assert_eq!(s.recall, 1.0);
    }
}
