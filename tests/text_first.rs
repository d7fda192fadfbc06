//! Text first: for literal queries that at least [`MIN_HOLDERS`] passages hold in their own text,
//! the top 10 hits should hold the query in their text, not only in an inherited heading
//! (issue 16). The queries are not picked by hand: they are every jieba word of the corpus's
//! heading titles (where a heading-only match could outrank text) and the most frequent words of
//! the passage texts, over the seeds and the 52 national government work reports. The figures are
//! in docs/relevance.md.
//!
//! Without the shared corpus beside the repository the test prints `skipped`; in CI (`CI` set) it
//! fails instead.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use plansearch_index::api::SearchRequest;
use plansearch_index::Engine;

/// A query counts when at least this many passages hold it literally in their text.
const MIN_HOLDERS: usize = 10;
/// How many of the most frequent text words join the heading words.
const FREQUENT_TEXT_WORDS: usize = 200;
/// Share of top-10 hits that must hold the query in their text (issue 16's target).
const MIN_SHARE: f64 = 0.98;

/// The jieba words of `text` of at least two characters, all ideographs.
fn cjk_words(text: &str) -> Vec<String> {
    plansearch_index::analysis::words(text)
        .into_iter()
        .map(|t| t.text)
        .filter(|w| w.chars().count() >= 2 && w.chars().all(plansearch_text::normalize::is_cjk))
        .collect()
}

#[test]
fn literal_queries_rank_passages_holding_them_in_their_text() {
    let Some(national) = national_dir() else { return };
    let index = TempIndex::build(&[&seeds(), &national]);
    let passages = index.export();
    let texts: Vec<String> = passages.iter().map(|p| letters(s(p, "text"))).collect();

    let mut heading_words = BTreeSet::new();
    let mut text_counts: BTreeMap<String, usize> = BTreeMap::new();
    for p in &passages {
        for title in p["section"].as_array().expect("section is a list") {
            heading_words.extend(cjk_words(title.as_str().expect("a section title")));
        }
        for w in cjk_words(s(p, "text")).into_iter().collect::<BTreeSet<_>>() {
            *text_counts.entry(w).or_default() += 1;
        }
    }
    let mut frequent: Vec<(&String, &usize)> = text_counts.iter().collect();
    frequent.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut queries: BTreeSet<String> = heading_words;
    queries.extend(frequent.iter().take(FREQUENT_TEXT_WORDS).map(|(w, _)| (*w).clone()));

    let engine = Engine::open(&index.path()).expect("open index");
    let (mut held, mut shown, mut counted) = (0usize, 0usize, 0usize);
    let mut worst: Vec<(usize, String, usize)> = Vec::new();
    for q in &queries {
        let folded = letters(q);
        let holders = texts.iter().filter(|t| t.contains(&folded)).count();
        if holders < MIN_HOLDERS {
            continue;
        }
        let req = SearchRequest { q: q.clone(), limit: Some(10), ..Default::default() };
        let hits = engine.search(&req).expect("search runs").hits;
        let ok = hits.iter().filter(|h| letters(&h.passage.text).contains(&folded)).count();
        counted += 1;
        held += ok;
        shown += hits.len();
        if ok < hits.len() {
            worst.push((hits.len() - ok, q.clone(), holders));
        }
    }
    worst.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let share = held as f64 / shown.max(1) as f64;
    println!(
        "{counted} literal queries held by >= {MIN_HOLDERS} passages: {held} of {shown} top-10 hits hold the query \
         in their text ({:.1} %); queries with a miss: {}",
        share * 100.0,
        worst.len()
    );
    for (missing, q, holders) in worst.iter().take(40) {
        println!("  {q}: {missing} of the top 10 lack it in their text ({holders} passages hold it)");
    }
    assert!(counted >= 200, "only {counted} queries qualified");
    assert!(share >= MIN_SHARE, "{:.1} % of the top-10 hits hold the query in their text", share * 100.0);
}

/// A note ranks first for a query equal to its term, and below every passage holding the query
/// in its text for any other query (tests/fixtures/notes: provincial-style reports with 注释 and
/// 名词解释 sections).
#[test]
fn notes_rank_first_for_their_term_and_after_the_text_elsewhere() {
    let index = TempIndex::build(&[&seeds(), &root().join("tests/fixtures/notes")]);
    for (q, term) in [
        ("两重", "两重"),
        ("兩重", "两重"),
        ("“两新”", "两新"),
        ("10种有色金属", "10种有色金属"),
        ("科创飞地", "科创飞地"),
    ] {
        let r = index.search(&[q]);
        let first = &r["hits"][0];
        assert_eq!((s(first, "kind"), s(first, "term")), ("note", term), "{q}: {first}");
        assert_eq!(s(first, "keyword"), "", "{q}: a note belongs to no keyword");
    }
    // 以旧换新 is in the 两新 note's text: the note comes after every passage that says it.
    for q in ["以旧换新", "设备更新", "人工智能"] {
        let r = index.search(&[q, "--limit", "50"]);
        let hits = r["hits"].as_array().expect("hits");
        let kinds: Vec<bool> = hits.iter().map(|h| h["kind"].as_str() == Some("note")).collect();
        let first_note = kinds.iter().position(|n| *n).unwrap_or(kinds.len());
        let texts_after =
            hits[first_note..].iter().filter(|h| h["kind"].is_null() && letters(s(h, "text")).contains(&letters(q)));
        assert_eq!(texts_after.count(), 0, "{q}: a note ranks above a passage holding the query");
    }
}
