//! Recall of fingerprint candidates for similar passages, without an index: every passage of the
//! given files is fingerprinted; for each passage, the passages of other files sharing at least
//! half their text (exact `overlap`, all pairs) are the truth, and the top K candidates by shared
//! fingerprints (weighted by rarity, like BM25's idf) must contain them.
//! `cargo run --release -p plansearch-text --example similar_eval -- K FILE…`

use plansearch_text::reuse::{fingerprints, overlap};
use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let k: usize = args[0].parse().unwrap_or(5);
    let mut passages: Vec<(usize, String)> = Vec::new();
    for (d, path) in args[1..].iter().enumerate() {
        let bytes = std::fs::read(path).unwrap_or_default();
        let Ok((text, _)) = plansearch_text::decode::decode(&bytes, path) else { continue };
        for p in plansearch_text::passages(&text).passages {
            passages.push((d, p.text));
        }
    }
    let fps: Vec<Vec<String>> = passages.iter().map(|(_, t)| fingerprints(t)).collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in fps.iter().enumerate() {
        for s in f {
            postings.entry(s).or_default().push(i);
        }
    }
    let n = passages.len() as f32;
    let (mut pairs, mut found, mut queries_with_truth) = (0, 0, 0);
    let started = std::time::Instant::now();
    for (qi, (qd, qt)) in passages.iter().enumerate() {
        let mut score: HashMap<usize, f32> = HashMap::new();
        for s in &fps[qi] {
            let post = &postings[s.as_str()];
            let idf = (n / post.len() as f32).ln();
            for &c in post {
                if passages[c].0 != *qd {
                    *score.entry(c).or_default() += idf;
                }
            }
        }
        let mut ranked: Vec<(usize, f32)> = score.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let top: Vec<usize> = ranked.iter().take(k).map(|r| r.0).collect();
        // Truth: all passages of other documents sharing at least half, by exact overlap, among
        // those sharing any fingerprint (a pair sharing half shares a 12-character stretch).
        let truth: Vec<usize> =
            ranked.iter().map(|r| r.0).filter(|&c| overlap(qt, &passages[c].1).share >= 0.5).collect();
        if !truth.is_empty() {
            queries_with_truth += 1;
        }
        // Verified top-k: candidates re-ranked by exact share.
        let mut verified: Vec<(usize, f32)> = top.iter().map(|&c| (c, overlap(qt, &passages[c].1).share)).collect();
        verified.sort_by(|a, b| b.1.total_cmp(&a.1));
        // A query succeeds when its verified top 5 holds as many truth passages as it can.
        if !truth.is_empty() {
            pairs += 1;
            let got = verified.iter().take(5).filter(|v| truth.contains(&v.0)).count();
            if got == truth.len().min(5) {
                found += 1;
            }
        }
    }
    println!(
        "{} passages, {} with a half-sharing passage elsewhere; of these {}, {} ({:.1}%) have min(5, truth) of them in the verified top 5 of {} candidates; {:.1} s",
        passages.len(),
        queries_with_truth,
        pairs,
        found,
        100.0 * found as f32 / pairs.max(1) as f32,
        k,
        started.elapsed().as_secs_f32()
    );
}
