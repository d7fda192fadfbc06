//! Prints the text a document converts to, or with `--passages` its passages and tags.
//!
//! `cargo run --release -p plansearch-formats --example extract -- [--passages] FILE...`

use plansearch_formats::{extract, Format};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let passages = args.iter().any(|a| a == "--passages");
    for file in args.iter().filter(|a| !a.starts_with("--")) {
        let path = Path::new(file);
        let Some(format) = Format::from_path(path) else {
            eprintln!("{file}: unsupported extension");
            continue;
        };
        let started = std::time::Instant::now();
        let result = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| extract(&bytes, format, file).map_err(|e| e.to_string()));
        eprintln!("{file}: {} in {:?}", format.name(), started.elapsed());
        match result {
            Err(e) => eprintln!("error: {e}"),
            Ok(text) if passages => {
                for p in plansearch_text::passages(&text).passages {
                    println!("[{} | {}] {}", p.sector, p.keyword, p.text);
                }
            }
            Ok(text) => print!("{text}"),
        }
    }
}
