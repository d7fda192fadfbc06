//! Human-readable output: styles (coloured on a terminal, plain when piped, via anstream) and
//! turning `<mark>` snippets into terminal highlights.

use anstyle::{AnsiColor, Color, Style};
use plansearch_index::api::TrendResponse;

pub const ERROR: Style = Style::new().bold().fg_color(Some(Color::Ansi(AnsiColor::Red)));
pub const WARN: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Yellow)));
pub const MATCH: Style = Style::new().bold().fg_color(Some(Color::Ansi(AnsiColor::Red)));
pub const TITLE: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();
pub const TAG: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Cyan)));

/// Renders an HTML snippet (escaped text with `<mark>` around matches) for a terminal.
pub fn snippet_for_terminal(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find("<mark>") {
        out.push_str(&unescape(&rest[..open]));
        let after = &rest[open + "<mark>".len()..];
        let close = after.find("</mark>").unwrap_or(after.len());
        out.push_str(&format!("{}{}{}", MATCH.render(), unescape(&after[..close]), MATCH.render_reset()));
        rest = after.get(close + "</mark>".len()..).unwrap_or("");
    }
    out.push_str(&unescape(rest));
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// One CSV cell: quoted when it holds a comma, quote or line break (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `sector › keyword`, or just the sector when there is no keyword.
pub fn place(sector: &str, keyword: &str) -> String {
    if keyword.is_empty() {
        sector.to_string()
    } else {
        format!("{sector} › {keyword}")
    }
}

/// A trend as a text bar chart, then one line per region group.
pub fn print_trend(t: &TrendResponse) {
    anstream::println!("{}“{}” 共 {} 个段落{}", TITLE.render(), t.query, t.total, TITLE.render_reset());
    let max = t.series.iter().map(|p| p.passages).max().unwrap_or(0).max(1);
    for p in &t.series {
        let width = ((p.passages as f64 / max as f64) * 40.0).round() as usize;
        println!("{} {:<40} {:>4} 段 / {} 篇", p.year, "█".repeat(width.max(1)), p.passages, p.documents);
    }
    for g in &t.groups {
        let years: Vec<String> = g.series.iter().map(|p| format!("{} {}", p.year, p.passages)).collect();
        anstream::println!(
            "{}{}{} {} 段：{}",
            TITLE.render(),
            g.region,
            TITLE.render_reset(),
            g.total,
            years.join(" · ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_unescapes() {
        let s = snippet_for_terminal("a &lt;b&gt; <mark>无废城市</mark> &amp;");
        assert!(s.contains("<b>") && s.contains("无废城市") && s.ends_with('&'));
    }
}
