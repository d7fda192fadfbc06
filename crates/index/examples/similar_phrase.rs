//! Measures whether similar-passage candidates could come from the literal `text_pairs` field
//! instead of the `reuse` field (which costs about 33 MB of the laws index): for each passage of
//! a `bench/similar.py` dump (`SIMILAR_DUMP=FILE`), each fingerprint becomes a 5-character phrase
//! query on `text_pairs` excluding the passage's own document; candidates are scored by the idf
//! of the fingerprints they share (as `similar_eval`), the best 50 verified by the exact
//! overlap, and the hits compared with the dump's (the reuse field's answer).
//! `cargo run --release -p plansearch-index --example similar_phrase -- INDEX_GENERATION_DIR DUMP`

use std::collections::HashMap;
use std::time::Instant;

use plansearch_index::analysis::{literal_terms, LiteralTerms};
use plansearch_text::reuse::{fingerprints, overlap};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Index, TantivyDocument, Term};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let index = Index::open_in_dir(&args[0]).expect("open index generation");
    let schema = index.schema();
    let field = |n: &str| schema.get_field(n).expect("field");
    let (id_f, doc_f, pairs_f, record_f) = (field("id"), field("doc"), field("text_pairs"), field("record"));
    let searcher = index.reader().expect("reader").searcher();
    let n = searcher.num_docs() as f32;
    // BM25's length normalization (k1 1.2, b 0.75) by the candidate's length in characters, as
    // the reuse field's field norms gave it: `SIMILAR_B=0` turns it off.
    let b: f32 = std::env::var("SIMILAR_B").ok().and_then(|v| v.parse().ok()).unwrap_or(0.75);
    let chars_f = field("text_pairs");
    let mut total_chars = 0u64;
    for seg in searcher.segment_readers() {
        total_chars += seg.inverted_index(chars_f).expect("chars").total_num_tokens();
    }
    let avg = total_chars as f32 / n;
    let norms: Vec<_> =
        searcher.segment_readers().iter().map(|s| s.get_fieldnorms_reader(chars_f).expect("norms")).collect();
    let weight = |a: DocAddress| -> f32 {
        let len = norms[a.segment_ord as usize].fieldnorm(a.doc_id) as f32;
        2.2 / (1.0 + 1.2 * (1.0 - b + b * len / avg))
    };
    let read = |a: DocAddress| -> serde_json::Value {
        let d: TantivyDocument = searcher.doc(a).expect("doc");
        serde_json::from_str(d.get_first(record_f).and_then(|v| v.as_str()).unwrap_or("{}")).expect("record json")
    };
    let (mut same, mut lost, mut gained, mut passages) = (0usize, 0usize, 0usize, 0usize);
    // Hits sharing at least half: found by the reuse field, by the phrases, by either.
    let (mut half_reuse, mut half_phrase, mut half_any) = (0usize, 0usize, 0usize);
    let mut took = Vec::new();
    for line in std::fs::read_to_string(&args[1]).expect("dump").lines() {
        let want: serde_json::Value = serde_json::from_str(line).expect("dump line");
        let id = want["id"].as_str().unwrap_or_default();
        let started = Instant::now();
        let q = TermQuery::new(Term::from_field_text(id_f, id), IndexRecordOption::Basic);
        let Some(&addr) = searcher.search(&q, &DocSetCollector).expect("id").iter().next() else { continue };
        let rec = read(addr);
        let (text, doc) = (rec["text"].as_str().unwrap_or_default(), rec["doc"].as_str().unwrap_or_default());
        let mut score: HashMap<DocAddress, f32> = HashMap::new();
        for f in fingerprints(text) {
            let LiteralTerms::Pairs(pairs) = literal_terms(&f) else { continue };
            let terms: Vec<(usize, Term)> =
                pairs.into_iter().map(|(p, t)| (p, Term::from_field_text(pairs_f, &t))).collect();
            let own = Term::from_field_text(doc_f, doc);
            let q = BooleanQuery::new(vec![
                (Occur::Must, Box::new(PhraseQuery::new_with_offset(terms)) as Box<dyn Query>),
                (Occur::MustNot, Box::new(TermQuery::new(own, IndexRecordOption::Basic))),
            ]);
            let hits = searcher.search(&q, &DocSetCollector).expect("phrase");
            let idf = (n / (hits.len() as f32 + 1.0)).ln();
            for h in hits {
                *score.entry(h).or_default() += idf * weight(h);
            }
        }
        let mut ranked: Vec<(DocAddress, f32)> = score.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut got: Vec<(String, f32)> = ranked
            .into_iter()
            .take(50)
            .filter_map(|(a, _)| {
                let r = read(a);
                let o = overlap(text, r["text"].as_str().unwrap_or_default());
                (!o.spans.is_empty()).then(|| (r["id"].as_str().unwrap_or_default().to_string(), o.share))
            })
            .collect();
        got.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        got.truncate(10);
        took.push(started.elapsed().as_secs_f64() * 1000.0);
        passages += 1;
        let want_ids: Vec<&str> = want["hits"].as_array().into_iter().flatten().filter_map(|h| h[0].as_str()).collect();
        let got_ids: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        same += usize::from(want_ids == got_ids);
        let half = |hits: &[(String, f32)]| -> Vec<String> {
            hits.iter().filter(|h| h.1 >= 0.5).map(|h| h.0.clone()).collect()
        };
        let want_hits: Vec<(String, f32)> = want["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|h| (h[0].as_str().unwrap_or_default().to_string(), h[1].as_f64().unwrap_or(0.0) as f32))
            .collect();
        let (hw, hg) = (half(&want_hits), half(&got));
        half_reuse += hw.len();
        half_phrase += hg.len();
        half_any += hw.len() + hg.iter().filter(|g| !hw.contains(g)).count();
        lost += want_ids.iter().filter(|w| !got_ids.contains(w)).count();
        gained += got_ids.iter().filter(|g| !want_ids.contains(g)).count();
    }
    took.sort_by(f64::total_cmp);
    let q = |p: f64| took[((took.len() - 1) as f64 * p) as usize];
    println!(
        "{passages} passages: {same} answers identical, {lost} hits of the reuse field's answers missing, \
         {gained} other hits; sharing half: {half_reuse} by the reuse field, {half_phrase} by the phrases, \
         {half_any} by either; ms p50 {:.2} p90 {:.2} p99 {:.2} max {:.2}",
        q(0.5),
        q(0.9),
        q(0.99),
        q(1.0)
    );
}
