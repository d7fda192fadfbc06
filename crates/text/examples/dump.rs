//! Prints the passages of a file with their tags: a quick look at what the text pipeline makes
//! of a document (`cargo run -p plansearch-text --example dump -- FILE`).

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let text = match plansearch_text::decode::decode(&bytes, &path) {
        Ok((t, _)) => t,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let doc = plansearch_text::passages(&text);
    println!("title: {:?}", doc.title);
    for p in doc.passages {
        println!(
            "[{}] L{}-{} {} › {} ({} chars)\n    {}",
            p.ordinal,
            p.line_start,
            p.line_end,
            p.sector,
            p.keyword,
            p.text.chars().count(),
            p.text.chars().take(60).collect::<String>()
        );
    }
}
