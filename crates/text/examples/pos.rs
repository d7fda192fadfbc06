//! Prints jieba's words and parts of speech for each argument (a look at what metrics are cut
//! from): `cargo run --release -p plansearch-text --example pos -- 可再生能源新增装机`.
fn main() {
    let jieba = jieba_rs::Jieba::new();
    for s in std::env::args().skip(1) {
        let tags: Vec<String> = jieba.tag(&s, true).iter().map(|t| format!("{}/{}", t.word, t.tag)).collect();
        println!("{}", tags.join(" "));
    }
}
