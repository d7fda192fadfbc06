//! How much of each later file repeats an earlier one, passage by passage, with the text
//! pipeline alone (no index): `cargo run -p plansearch-text --example reuse -- FROM TO…`.
//! Prints per TO file its reused share and its passages repeating FROM by at least half.

use plansearch_text::reuse::{fingerprints, overlap, ShingleSet};
use std::collections::HashMap;

fn read(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    plansearch_text::decode::decode(&bytes, path).map(|(t, _)| t).map_err(|e| e.to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((from, to)) = args.split_first() else {
        eprintln!("usage: reuse FROM TO…");
        std::process::exit(2);
    };
    let from_text = read(from).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let from_passages: Vec<String> =
        plansearch_text::passages(&from_text).passages.into_iter().map(|p| p.text).collect();
    let mut by_fp: HashMap<String, Vec<usize>> = HashMap::new();
    let mut whole = ShingleSet::default();
    for (i, p) in from_passages.iter().enumerate() {
        whole.extend(p);
        for f in fingerprints(p) {
            by_fp.entry(f).or_default().push(i);
        }
    }
    for path in to {
        let Ok(text) = read(path) else { continue };
        let passages = plansearch_text::passages(&text).passages;
        let (mut covered, mut total) = (0.0f32, 0usize);
        let mut lines = Vec::new();
        for p in &passages {
            let n = p.text.chars().filter(|c| plansearch_text::normalize::is_searchable(*c)).count();
            let (_, share) = whole.containment(&p.text);
            covered += share * n as f32;
            total += n;
            let mut cands: HashMap<usize, usize> = HashMap::new();
            for f in fingerprints(&p.text) {
                for &i in by_fp.get(&f).into_iter().flatten() {
                    *cands.entry(i).or_default() += 1;
                }
            }
            let best = cands
                .keys()
                .map(|&i| (i, overlap(&p.text, &from_passages[i]).share))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((i, s)) = best.filter(|b| b.1 >= 0.5) {
                lines.push(format!(
                    "  [{}] {:.2} ~ [{i}] {}",
                    p.ordinal,
                    s,
                    p.text.chars().take(40).collect::<String>()
                ));
            }
        }
        println!(
            "{path}: {:.1}% of {total} characters repeat {from}; {} of {} passages share ≥ 50% with one passage",
            100.0 * covered / total.max(1) as f32,
            lines.len(),
            passages.len()
        );
        for l in lines.iter().take(8) {
            println!("{l}");
        }
    }
}
