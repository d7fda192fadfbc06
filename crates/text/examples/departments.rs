//! Prints the departments of every passage of the given files at a level of government, with
//! the clauses that gave the evidence, and the average number per passage at the end
//! (`cargo run --release -p plansearch-text --example departments -- national FILE…`).

use plansearch_text::departments::{DepartmentLexicon, Level};

fn main() {
    let mut args = std::env::args().skip(1);
    let level = match args.next().as_deref() {
        Some("national") => Level::National,
        Some("province") | Some("provincial") => Level::Provincial,
        Some("city") => Level::City,
        Some("county") => Level::County,
        _ => {
            eprintln!("usage: departments national|province|city|county FILE…");
            std::process::exit(2);
        }
    };
    let lexicon = DepartmentLexicon::builtin();
    let jieba = jieba_rs::Jieba::new();
    let (mut passages, mut tags) = (0usize, 0usize);
    for path in args {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let Ok((text, _)) = plansearch_text::decode::decode(&bytes, &path) else {
            eprintln!("{path}: cannot decode");
            continue;
        };
        let name = std::path::Path::new(&path).file_stem().map_or(String::new(), |s| s.to_string_lossy().into_owned());
        for p in plansearch_text::passages(&text).passages {
            passages += 1;
            let found = lexicon.tag_with(&p.text, level, Some(&jieba));
            tags += found.len();
            for t in found {
                let why: Vec<String> = t.why.iter().map(|w| format!("{} [{}]", w.clause, w.terms.join(","))).collect();
                println!("{name}#{}\t{}\t{}", p.ordinal, t.name, why.join(" | "));
            }
        }
    }
    eprintln!("{passages} passages, {tags} tags, {:.2} per passage", tags as f64 / passages.max(1) as f64);
}
