//! Prints the metadata `document::infer` gives each file, one tab-separated line per file (file,
//! region, level, kind, issuer, year), the title taken as the index takes it for a file without a
//! catalog entry: `cargo run -p plansearch-text --example meta -- FILE…`.

fn main() {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| plansearch_text::decode::decode(&b, &path).map_err(|e| e.to_string()))
        {
            Ok((t, _)) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let stem = std::path::Path::new(&path).file_stem().map(|s| s.to_string_lossy().into_owned());
        let stem = stem.unwrap_or_default();
        // The index's title for a file without a catalog: `2021-X` → `2021年X`.
        let title = match stem.split_once('-') {
            Some((y, rest)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => format!("{y}年{rest}"),
            _ => stem.clone(),
        };
        let m = plansearch_text::document::infer(&title, &text);
        let show = |v: Option<String>| v.unwrap_or_else(|| "-".into());
        println!(
            "{stem}\t{}\t{}\t{}\t{}\t{}",
            show(m.region),
            show(m.level.map(|l| l.to_string())),
            show(m.kind),
            show(m.issuer),
            show(m.year.map(|y| y.to_string()))
        );
    }
}
