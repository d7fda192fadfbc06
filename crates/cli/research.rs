//! Output of the text-reuse commands: `similar` (passages of other documents repeating one
//! passage) and `reuse` (how much of later documents repeats an earlier one), for people, and
//! `reuse` as CSV.

use plansearch_index::api::{ReuseResponse, SimilarResponse};

use crate::output::{csv_field, DIM, MATCH, TITLE};

/// `text` with the byte ranges `spans` highlighted for a terminal.
fn marked(text: &str, spans: &[[usize; 2]]) -> String {
    let mut out = String::with_capacity(text.len() + spans.len() * 16);
    let mut at = 0;
    for &[a, b] in spans {
        // Spans come from the index and are character boundaries of this very text; skip any
        // that is not, rather than cut a character.
        let (Some(before), Some(inside)) = (text.get(at..a), text.get(a..b)) else { continue };
        out.push_str(before);
        out.push_str(&format!("{}{inside}{}", MATCH.render(), MATCH.render_reset()));
        at = b;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

fn percent(share: f32) -> String {
    format!("{:.0}%", share * 100.0)
}

pub fn print_similar(resp: &SimilarResponse) {
    let p = &resp.passage;
    anstream::println!("{}{}{}  {}", TITLE.render(), p.title, TITLE.render_reset(), p.id);
    println!("{}", p.text);
    anstream::println!(
        "\n{}其他文件中的相似表述 ({}){}  {}用时 {:.1} 毫秒{}",
        TITLE.render(),
        resp.hits.len(),
        TITLE.render_reset(),
        DIM.render(),
        resp.took_ms,
        DIM.render_reset()
    );
    for (i, h) in resp.hits.iter().enumerate() {
        let about = [h.region.clone(), h.year.map(|y| y.to_string())].into_iter().flatten().collect::<Vec<_>>();
        anstream::println!(
            "{:>3}. {}{}{} 相同 {}  {}{} · {}{}",
            i + 1,
            TITLE.render(),
            h.title,
            TITLE.render_reset(),
            percent(h.share),
            DIM.render(),
            h.id,
            about.join(" · "),
            DIM.render_reset()
        );
        anstream::println!("     {}", marked(&h.text, &h.spans));
    }
}

pub fn print_reuse(resp: &ReuseResponse) {
    anstream::println!(
        "{}{}{} 被以下文件重复的比例（段落相同比例 ≥ {}）",
        TITLE.render(),
        resp.title,
        TITLE.render_reset(),
        percent(resp.min_share)
    );
    for d in &resp.docs {
        let region = d.region.as_deref().unwrap_or("");
        anstream::println!(
            "\n{}{}{} {region} · 全文 {} 重复 · {} / {} 段",
            TITLE.render(),
            d.title,
            TITLE.render_reset(),
            percent(d.share),
            d.reused_passages,
            d.passages
        );
        for r in &d.rows {
            let source = r.source.as_deref().unwrap_or("-");
            anstream::println!("  {} {}{} ← {source}{}", percent(r.share), DIM.render(), r.id, DIM.render_reset());
            anstream::println!("     {}", marked(&r.text, &r.spans));
        }
    }
}

/// One CSV row per listed passage, with its document's totals; a BOM so spreadsheet programs
/// read the Chinese text as UTF-8.
pub fn reuse_csv(resp: &ReuseResponse) -> String {
    let mut out = String::from(
        "\u{feff}from,doc,title,region,year,doc_share,passages,reused_passages,passage,share,source,source_share,text\r\n",
    );
    for d in &resp.docs {
        for r in &d.rows {
            let cells = [
                resp.from.clone(),
                d.doc.clone(),
                d.title.clone(),
                d.region.clone().unwrap_or_default(),
                d.year.map(|y| y.to_string()).unwrap_or_default(),
                format!("{:.4}", d.share),
                d.passages.to_string(),
                d.reused_passages.to_string(),
                r.id.clone(),
                format!("{:.4}", r.share),
                r.source.clone().unwrap_or_default(),
                r.source_share.map(|s| format!("{s:.4}")).unwrap_or_default(),
                r.text.clone(),
            ];
            out.push_str(&cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_only_the_spans() {
        let s = marked("今年发展主要预期目标是", &[[6, 12], [100, 200]]);
        assert!(s.starts_with("今年") && s.contains("发展") && s.ends_with("预期目标是"));
        assert_eq!(marked("abc", &[]), "abc");
    }
}
