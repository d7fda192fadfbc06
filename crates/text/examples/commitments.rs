//! Prints every commitment of the given files, planned and reported, one tab-separated row each
//! (`status year kind metric value unit comparator | text | section`): what the extraction makes
//! of documents, to read (`cargo run --release -p plansearch-text --example commitments -- FILE…`).
//! The document's year is the first four digits of the file name, as the indexer takes it.

use plansearch_text::commitments::{context_year, extract_with, Context};
use plansearch_text::period;

fn main() {
    let jieba = jieba_rs::Jieba::new();
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let text = match plansearch_text::decode::decode(&bytes, &path) {
            Ok((t, _)) => t,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let name = std::path::Path::new(&path).file_stem().map_or(String::new(), |s| s.to_string_lossy().into_owned());
        let doc_year = name.get(..4).and_then(|y| y.parse().ok());
        let doc = plansearch_text::passages(&text);
        let title = doc.title.clone().unwrap_or_else(|| name.clone());
        for p in doc.passages {
            let labels: Vec<&str> = p.section.iter().rev().map(String::as_str).collect();
            let outer: Vec<&str> = p.section.iter().map(String::as_str).collect();
            let context = Context {
                year: context_year(&labels, &title, doc_year),
                doc_year,
                period: period::of_section(&outer, doc_year),
                mixed: period::mixed_review(&outer, doc_year),
                jieba: Some(&jieba),
            };
            for c in extract_with(&p.text, &context) {
                let value = c.value.map_or(String::new(), |v| v.to_string());
                println!(
                    "{name}\t{}\t{}\t{:?}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    c.status.as_str(),
                    c.year.map_or(String::new(), |y| y.to_string()),
                    c.kind,
                    c.metric.unwrap_or_default(),
                    value,
                    c.unit.unwrap_or_default(),
                    c.comparator.unwrap_or_default(),
                    c.note.unwrap_or_default(),
                    c.text,
                    p.section.join(" › "),
                );
            }
        }
    }
}
