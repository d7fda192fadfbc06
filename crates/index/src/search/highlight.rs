//! Highlights and snippets: where the query matched in a passage (UTF-8 byte ranges into the
//! passage text) and the best short window of the passage with matches in `<mark>`.
//!
//! Matching follows the character analysis (folded, punctuation and spaces skipped), so a
//! highlight covers exactly what made the passage match literally; words of a query that did not
//! match literally are highlighted where each word occurs.

use crate::analysis::{folded_chars, words, FoldedChar};
use crate::search::parse::Clause;

/// Characters shown in a snippet when the passage is longer.
pub const SNIPPET_CHARS: usize = 120;
/// Characters of context kept before the first match in a snippet.
const LEAD_CHARS: usize = 24;

/// Byte ranges `[start, end)` in `text` where the clauses match, sorted and merged.
pub fn highlight_ranges<'a>(text: &str, clauses: impl Iterator<Item = &'a Clause>) -> Vec<[usize; 2]> {
    let hay = folded_chars(text);
    let mut ranges = Vec::new();
    for clause in clauses {
        let needle = folded_chars(clause.text());
        let literal = find_all(&hay, &needle);
        if literal.is_empty() {
            if let Clause::Term(t) = clause {
                for w in words(t) {
                    ranges.extend(find_all(&hay, &folded_chars(&w.text)));
                }
            }
        }
        ranges.extend(literal);
    }
    merge(ranges)
}

fn find_all(hay: &[FoldedChar], needle: &[FoldedChar]) -> Vec<[usize; 2]> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()].iter().zip(needle).all(|(h, n)| h.folded == n.folded) {
            out.push([hay[i].from, hay[i + needle.len() - 1].to]);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

fn merge(mut ranges: Vec<[usize; 2]>) -> Vec<[usize; 2]> {
    ranges.sort_unstable();
    let mut out: Vec<[usize; 2]> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r[0] <= last[1] => last[1] = last[1].max(r[1]),
            _ => out.push(r),
        }
    }
    out
}

/// Escapes text for HTML.
pub fn escape_html(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// The snippet: a window of about [`SNIPPET_CHARS`] characters around the densest matches, HTML
/// escaped, with matches wrapped in `<mark>…</mark>` and `…` where text was cut.
pub fn snippet(text: &str, ranges: &[[usize; 2]]) -> String {
    let char_starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let n = char_starts.len();
    let byte_at = |ci: usize| if ci >= n { text.len() } else { char_starts[ci] };
    let char_of = |b: usize| char_starts.partition_point(|&s| s < b);
    let (from, to) = if n <= SNIPPET_CHARS {
        (0, n)
    } else {
        // The window start that covers the most highlighted characters, starting a little
        // before a match.
        let mut best = (0usize, 0usize);
        for r in ranges {
            let start = char_of(r[0]).saturating_sub(LEAD_CHARS);
            let end = (start + SNIPPET_CHARS).min(n);
            let (ws, we) = (byte_at(start), byte_at(end));
            let covered: usize = ranges.iter().map(|x| x[1].min(we).saturating_sub(x[0].max(ws))).sum();
            if covered > best.1 {
                best = (start, covered);
            }
        }
        let start = best.0.min(n.saturating_sub(SNIPPET_CHARS));
        (start, (start + SNIPPET_CHARS).min(n))
    };
    let (ws, we) = (byte_at(from), byte_at(to));
    let mut out = String::with_capacity((we - ws) * 2);
    if from > 0 {
        out.push('…');
    }
    let mut at = ws;
    for r in ranges {
        let (s, e) = (r[0].max(ws), r[1].min(we));
        if s >= e {
            continue;
        }
        escape_html(&text[at..s], &mut out);
        out.push_str("<mark>");
        escape_html(&text[s..e], &mut out);
        out.push_str("</mark>");
        at = e;
    }
    escape_html(&text[at..we], &mut out);
    if to < n {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_byte_offsets_of_the_literal() {
        let text = "实施碧水清流行动，推进全域“污水零直排区”建设";
        let clauses = [Clause::Term("零直排".into())];
        let r = highlight_ranges(text, clauses.iter());
        assert_eq!(r.len(), 1);
        assert_eq!(&text[r[0][0]..r[0][1]], "零直排");
        assert_eq!(snippet(text, &r), "实施碧水清流行动，推进全域“污水<mark>零直排</mark>区”建设");
    }

    #[test]
    fn case_width_and_spaces_are_folded() {
        let text = "推动五金涂装企业ＶＯＣｓ污染治理，做精做强 10 条产业链";
        let clauses = [Clause::Term("vocs".into()), Clause::Phrase("强10".into())];
        let r = highlight_ranges(text, clauses.iter());
        let hl: Vec<&str> = r.iter().map(|x| &text[x[0]..x[1]]).collect();
        assert_eq!(hl, ["ＶＯＣｓ", "强 10"]);
    }

    #[test]
    fn snippet_escapes_html_and_windows_long_text() {
        let text = format!("{}<script>alert(1)</script>无废城市{}", "前".repeat(200), "后".repeat(200));
        let clauses = [Clause::Term("无废城市".into())];
        let r = highlight_ranges(&text, clauses.iter());
        let s = snippet(&text, &r);
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains("&lt;/script&gt;") && !s.contains("<script>") && !s.contains("</script>"));
        assert!(s.contains("<mark>无废城市</mark>"));
    }
}
