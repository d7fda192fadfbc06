//! Text reuse across documents: the passages of other documents that repeat a passage
//! ([`similar`]), and how much of later documents repeats an earlier one ([`reuse`]).
//!
//! A similar-passages request looks up the passage's winnowed shingles
//! ([`plansearch_text::reuse::fingerprints`], five characters each) as phrases of character pairs
//! in the literal text field, scores the passages of other documents by the fingerprints they
//! share (BM25 without term frequency: rarer fingerprints count more, long passages less), takes
//! the best [`CANDIDATES`], and verifies each exactly ([`plansearch_text::reuse::overlap`]): only
//! passages that truly share a stretch are returned, ranked by their share. (A field of the
//! fingerprints themselves found the same: 277 of the 278 passages sharing half their text among
//! 300 sampled laws, against 278 here, and cost 33 MB of the laws index; docs/benchmarks.md.) On the 52 national reports the
//! verified top 5 of 50 candidates holds every passage sharing half its text (of 10: 99.4 %;
//! docs/research.md).

use std::collections::HashMap;
use std::time::Instant;

use plansearch_text::reuse::{fingerprint_hashes, fingerprints, overlap, ShingleSet};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use crate::analysis::{literal_terms, LiteralTerms};
use crate::api::{
    PassageRecord, ReuseDoc, ReuseResponse, ReuseRow, SimilarHit, SimilarResponse, DEFAULT_SIMILAR_LIMIT, MAX_LIMIT,
};
use crate::records::{find_id, record};
use crate::{Engine, Error, Result};

/// Candidates verified per request: 10 find 99.4 % of the half-sharing passages on the national
/// reports, 50 all of them, and leave room for corpora where many documents repeat one text.
pub const CANDIDATES: usize = 50;

/// Default `min_share` of [`reuse`]: passages at least half of which repeat the earlier document.
pub const DEFAULT_MIN_SHARE: f32 = 0.5;

fn spans(ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    ranges.iter().map(|&(a, b)| [a, b]).collect()
}

/// The passages of other documents that say the same as passage `id`, best share first.
pub(crate) fn similar(engine: &Engine, id: &str, limit: Option<usize>) -> Result<SimilarResponse> {
    let started = Instant::now();
    let limit = limit.unwrap_or(DEFAULT_SIMILAR_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::BadParameter { name: "limit".into(), message: format!("must be 1 to {MAX_LIMIT}") });
    }
    let searcher = engine.reader.searcher();
    let (addr, _) = find_id(engine, &searcher, id)?.ok_or_else(|| Error::NotFound(format!("passage `{id}`")))?;
    let passage = record(engine, &searcher, addr)?;
    let mut hits = Vec::new();
    for other in candidates(engine, &searcher, &passage, CANDIDATES.max(limit))? {
        let o = overlap(&passage.text, &other.text);
        if o.spans.is_empty() {
            continue;
        }
        hits.push(SimilarHit {
            id: other.id,
            doc: other.doc,
            title: other.title,
            region: other.region,
            year: other.year,
            share: o.share,
            spans: spans(&o.spans),
            query_spans: spans(&o.query_spans),
            text: other.text,
        });
    }
    hits.sort_by(|a, b| b.share.total_cmp(&a.share).then_with(|| a.id.cmp(&b.id)));
    hits.truncate(limit);
    Ok(SimilarResponse { passage, hits, took_ms: started.elapsed().as_secs_f64() * 1000.0 })
}

/// BM25's `k1` and `b` for candidate scores. `b` is 1 (full length normalization): it found the
/// most half-sharing passages on the laws (278 of 300 sampled, against 275 with 0.75).
const K1: f32 = 1.2;
const B: f32 = 1.0;

/// The passages of other documents with the most fingerprints in common with `passage`, best
/// first (ties in passage order, so every build of a corpus gives the same candidates).
fn candidates(engine: &Engine, searcher: &Searcher, passage: &PassageRecord, n: usize) -> Result<Vec<PassageRecord>> {
    let mut prints = fingerprints(&passage.text);
    prints.sort_unstable();
    prints.dedup();
    if prints.is_empty() {
        return Ok(Vec::new());
    }
    let f = &engine.fields;
    let own = TermQuery::new(Term::from_field_text(f.doc, &passage.doc), IndexRecordOption::Basic);
    let passages = searcher.num_docs().max(1) as f32;
    let mut chars = 0u64;
    let mut norms = Vec::new();
    for seg in searcher.segment_readers() {
        // The pairs' field norm is the passage length in characters.
        chars += seg.inverted_index(f.text_pairs)?.total_num_tokens();
        norms.push(seg.get_fieldnorms_reader(f.text_pairs)?);
    }
    let average = (chars as f32 / passages).max(1.0);
    let mut scores: HashMap<DocAddress, f32> = HashMap::new();
    for print in prints {
        // A fingerprint is five characters, so always a phrase of several pairs.
        let LiteralTerms::Pairs(pairs) = literal_terms(&print) else { continue };
        if pairs.len() < 2 {
            continue;
        }
        let phrase = PhraseQuery::new_with_offset(
            pairs.into_iter().map(|(p, t)| (p, Term::from_field_text(f.text_pairs, &t))).collect(),
        );
        let q = BooleanQuery::new(vec![
            (Occur::Must, Box::new(phrase) as Box<dyn Query>),
            (Occur::MustNot, Box::new(own.clone())),
        ]);
        let found = searcher.search(&q, &DocSetCollector)?;
        let idf = (passages / (found.len() as f32 + 1.0)).ln().max(0.0);
        for a in found {
            let len = norms[a.segment_ord as usize].fieldnorm(a.doc_id) as f32;
            *scores.entry(a).or_default() += idf * (K1 + 1.0) / (1.0 + K1 * (1.0 - B + B * len / average));
        }
    }
    let mut ranked: Vec<(f32, u64, DocAddress)> = Vec::with_capacity(scores.len());
    let seqs: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|s| s.fast_fields().u64(crate::schema::F_SEQ))
        .collect::<std::result::Result<_, _>>()?;
    for (a, score) in scores {
        let seq = seqs[a.segment_ord as usize].first(a.doc_id).unwrap_or(u64::MAX);
        ranked.push((score, seq, a));
    }
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.into_iter().take(n).map(|(_, _, a)| record(engine, searcher, a)).collect()
}

/// Every passage of document `doc`, in document order.
fn doc_passages(engine: &Engine, searcher: &Searcher, doc: &str) -> Result<Vec<PassageRecord>> {
    if engine.doc_info(doc).is_none() {
        return Err(Error::NotFound(format!("document `{doc}`")));
    }
    let q = TermQuery::new(Term::from_field_text(engine.fields.doc, doc), IndexRecordOption::Basic);
    let mut out: Vec<PassageRecord> = searcher
        .search(&q, &DocSetCollector)?
        .into_iter()
        .map(|a| record(engine, searcher, a))
        .collect::<Result<_>>()?;
    out.sort_by_key(|p| p.ordinal);
    Ok(out)
}

/// Comparable characters of a text (letters and digits), the unit of every share.
fn comparable_len(text: &str) -> usize {
    plansearch_text::reuse::Comparable::new(text).len()
}

/// Which passages of each `to` document repeat document `from`, and how much of each `to`
/// document does: a row per passage whose share repeating `from` is at least `min_share`
/// (default [`DEFAULT_MIN_SHARE`]), with the passage of `from` it repeats most.
pub(crate) fn reuse(engine: &Engine, from: &str, to: &[String], min_share: Option<f32>) -> Result<ReuseResponse> {
    let min_share = min_share.unwrap_or(DEFAULT_MIN_SHARE);
    if !(0.0..=1.0).contains(&min_share) {
        return Err(Error::BadParameter { name: "min_share".into(), message: "must be between 0 and 1".into() });
    }
    if to.is_empty() {
        return Err(Error::BadParameter { name: "to".into(), message: "name at least one document".into() });
    }
    let searcher = engine.reader.searcher();
    let source = doc_passages(engine, &searcher, from)?;
    let mut whole = ShingleSet::default();
    let mut by_fingerprint: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, p) in source.iter().enumerate() {
        whole.extend(&p.text);
        for f in fingerprint_hashes(&p.text) {
            by_fingerprint.entry(f).or_default().push(i);
        }
    }
    let mut docs = Vec::with_capacity(to.len());
    for doc in to {
        let passages = doc_passages(engine, &searcher, doc)?;
        let (mut covered, mut total) = (0.0f64, 0usize);
        let mut rows = Vec::new();
        for p in &passages {
            let (spans_in, share) = whole.containment(&p.text);
            let n = comparable_len(&p.text);
            covered += f64::from(share) * n as f64;
            total += n;
            if share < min_share || spans_in.is_empty() {
                continue;
            }
            // The passage of `from` this one repeats most, among those sharing a fingerprint.
            let mut seen: Vec<usize> =
                fingerprint_hashes(&p.text).iter().filter_map(|f| by_fingerprint.get(f)).flatten().copied().collect();
            seen.sort_unstable();
            seen.dedup();
            let best = seen
                .into_iter()
                .map(|i| (i, overlap(&p.text, &source[i].text).share))
                .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
            rows.push(ReuseRow {
                id: p.id.clone(),
                share,
                spans: spans(&spans_in),
                source: best.map(|(i, _)| source[i].id.clone()),
                source_share: best.map(|(_, s)| s),
                text: p.text.clone(),
            });
        }
        let info = engine.doc_info(doc);
        docs.push(ReuseDoc {
            doc: doc.clone(),
            title: info.map(|i| i.title.clone()).unwrap_or_default(),
            region: info.and_then(|i| i.region.clone()),
            year: info.and_then(|i| i.year),
            passages: passages.len(),
            reused_passages: rows.len(),
            share: if total == 0 { 0.0 } else { (covered / total as f64) as f32 },
            rows,
        });
    }
    let info = engine.doc_info(from);
    Ok(ReuseResponse {
        from: from.to_string(),
        title: info.map(|i| i.title.clone()).unwrap_or_default(),
        region: info.and_then(|i| i.region.clone()),
        year: info.and_then(|i| i.year),
        min_share,
        docs,
    })
}
