//! HTML to text, with the `html5ever` parser (through `scraper`), so malformed pages parse the
//! way browsers parse them.
//!
//! The bytes are decoded by BOM, else by the page's own `<meta charset>` (or `http-equiv`
//! content type, or XML declaration) within its first [`PRESCAN_BYTES`] bytes, else by the text
//! crate's UTF-8-then-GB18030 detection. Text is taken from `<main>` (or `role="main"`) if the
//! page has one, else from its outermost `<article>`s, else from `<body>`. Scripts, styles,
//! navigation, asides, page headers and footers, forms' widgets and hidden elements are dropped
//! (a `<header>` inside `<main>`/`<article>` is the article's own and is kept). `h1`–`h6` become
//! Markdown headings; block elements (`p`, `div`, `li`, `br`, `tr`, table cells, …) end
//! paragraphs. Entities are decoded by the parser; no attribute text (`alt`, `title`, event
//! handlers) is ever emitted.

use crate::out::Out;
use crate::{corrupt, Error, Format, Result};
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

/// Largest page read: 64 MiB. Pages are a few hundred KiB; much larger ones are not plans, and
/// the parser's work on pathological markup grows faster than its size.
pub const MAX_HTML_BYTES: usize = 64 << 20;
/// Deepest element nesting accepted, as estimated by [`nesting_depth`]. Real pages nest a few
/// dozen levels; the parser's time grows with the square of the depth (100,000 nested `<div>`s, a
/// 1 MiB file, take a minute), so deeper pages are refused.
pub const MAX_NESTING: usize = 4096;
/// How far into the page its character set declaration is looked for. The HTML standard's
/// prescan reads 1024 bytes; many Chinese pages put the `<meta>` after long comments, so more.
const PRESCAN_BYTES: usize = 4096;

/// Elements dropped with everything inside them.
const DROPPED: [&str; 14] = [
    "script", "style", "nav", "aside", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select",
    "button", "head",
];
/// Elements that end the paragraph before and after them.
const BLOCKS: [&str; 34] = [
    "p",
    "div",
    "li",
    "br",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "hr",
    "form",
    "fieldset",
    "details",
    "summary",
    "center",
    "body",
];

/// Converts an HTML page to text.
pub fn extract(bytes: &[u8], name: &str) -> Result<String> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(Error::TooLarge {
            name: name.to_string(),
            part: "the page".into(),
            limit: crate::mib(MAX_HTML_BYTES),
        });
    }
    let text = decode(bytes, name)?;
    let depth = nesting_depth(&text);
    if depth > MAX_NESTING {
        return Err(corrupt(
            name,
            Format::Html,
            format!("elements nest about {depth} deep, more than the {MAX_NESTING} this reader accepts"),
        ));
    }
    let doc = Html::parse_document(&text);
    let roots = content_roots(&doc);
    let mut walker = Walker::default();
    for root in &roots {
        let in_article = matches!(root.value().name(), "main" | "article") || root.value().attr("role") == Some("main");
        walker.walk(*root, in_article);
    }
    walker.flush();
    walker.out.finish(name, Format::Html)
}

/// Decodes the page: BOM, then declared charset, then detection.
fn decode(bytes: &[u8], name: &str) -> Result<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok(enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned());
    }
    // A declared UTF-16 is read as UTF-8, as browsers do: the declaration itself was ASCII.
    let declared = declared_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]).map(|e| e.output_encoding());
    if let Some(enc) = declared {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return Ok(text.into_owned());
        }
    }
    // No declaration, or a wrong one (a GBK page labelled UTF-8 is common): detect.
    match plansearch_text::decode::decode(bytes, name) {
        Ok((text, _)) => Ok(text),
        // The declared encoding with replacement characters beats nothing.
        Err(plansearch_text::Error::Undecodable { .. }) if declared.is_some() => {
            Ok(declared.map(|e| e.decode_without_bom_handling(bytes).0.into_owned()).unwrap_or_default())
        }
        Err(e) => Err(e.into()),
    }
}

/// The encoding named by `charset=` in a `<meta>` tag or by `encoding=` in an XML declaration.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(open) = find(&lower[at..], b"<") {
        let start = at + open;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        let key: &[u8] = if tag.starts_with(b"<meta") {
            b"charset"
        } else if tag.starts_with(b"<?xml") {
            b"encoding"
        } else {
            at = start + 1;
            continue;
        };
        if let Some(k) = find(tag, key) {
            let rest = &tag[k + key.len()..];
            let rest = rest.trim_ascii_start().strip_prefix(b"=").map(<[u8]>::trim_ascii_start).unwrap_or(b"");
            let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
            let label_len = rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
                .unwrap_or(rest.len());
            if let Some(enc) = encoding_rs::Encoding::for_label(&rest[..label_len]) {
                return Some(enc);
            }
        }
        at = start + 1;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Elements that never have content (no end tag).
const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "basefont", "frame",
];
/// Elements whose end tag may be left out (the parser closes them), so their start tags do not
/// nest.
const OPTIONAL_END: [&str; 17] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "colgroup", "caption",
    "html", "head", "body",
];

/// Estimates the page's deepest element nesting from its tags, before parsing: start tags minus
/// end tags, not counting void elements, elements whose end tag is optional, self-closed tags,
/// comments, and script and style contents. It over-counts only when a page leaves other end tags
/// out, which real pages do a few times, not thousands.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i += find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let self_closed = tag_end > 0 && rest[tag_end - 1] == b'/';
        let name = std::str::from_utf8(&name).unwrap_or("");
        if VOID.contains(&name) || OPTIONAL_END.contains(&name) || self_closed {
            i += tag_end;
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
            // Script and style contents are text, whatever they look like.
            if matches!(name, "script" | "style" | "textarea" | "title" | "xmp" | "plaintext") {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                if let Some(end) = find(&lower, close.as_bytes()) {
                    i += end;
                    continue;
                }
            }
        }
        i += tag_end;
    }
    max
}

/// Where the page's own content is: `<main>`, else the outermost `<article>`s, else `<body>`.
fn content_roots(doc: &Html) -> Vec<ElementRef<'_>> {
    let select = |css: &str| -> Vec<ElementRef<'_>> {
        Selector::parse(css).map(|s| doc.select(&s).collect()).unwrap_or_default()
    };
    if let Some(main) = select("main, [role=main]").into_iter().next() {
        return vec![main];
    }
    let articles: Vec<ElementRef> = select("article")
        .into_iter()
        .filter(|a| !a.ancestors().any(|n| n.value().as_element().is_some_and(|e| e.name() == "article")))
        .collect();
    if !articles.is_empty() {
        return articles;
    }
    select("body").into_iter().next().map_or_else(|| vec![doc.root_element()], |b| vec![b])
}

/// True for an element the page hides: `hidden`, `aria-hidden="true"`, or an inline style with
/// `display:none` / `visibility:hidden`.
fn is_hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Walks the tree without recursion (pages can nest elements thousands deep).
#[derive(Default)]
struct Walker {
    out: Out,
    para: String,
    /// Level of the heading being read, if inside `h1`–`h6`.
    heading: Option<u8>,
    /// Depth of `<pre>` elements: inside, line breaks in text are kept.
    pre: usize,
}

impl Walker {
    fn walk(&mut self, root: ElementRef, in_article: bool) {
        let mut skipping: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(e) => {
                            let tag = e.name();
                            // A page's header and footer are furniture; an article's own header
                            // holds its title, its footer only bylines and share links.
                            let furniture = tag == "footer" || (tag == "header" && !in_article);
                            if DROPPED.contains(&tag) || furniture || is_hidden(e) {
                                skipping = Some(node.id());
                                continue;
                            }
                            self.open(tag);
                        }
                        Node::Text(t) => self.text(t),
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skipping {
                        if id == node.id() {
                            skipping = None;
                        }
                        continue;
                    }
                    if let Node::Element(e) = node.value() {
                        self.close(e.name());
                    }
                }
            }
        }
    }

    fn open(&mut self, tag: &str) {
        if let Some(level) = heading_level(tag) {
            self.flush();
            self.heading = Some(level);
        } else if tag == "pre" {
            self.flush();
            self.pre += 1;
        } else if BLOCKS.contains(&tag) && self.heading.is_none() {
            self.flush();
        }
    }

    fn close(&mut self, tag: &str) {
        if let Some(level) = heading_level(tag) {
            if self.heading.is_some() {
                self.out.heading(level, &self.para);
                self.para.clear();
                self.heading = None;
            }
        } else if tag == "pre" {
            self.flush();
            self.pre = self.pre.saturating_sub(1);
        } else if BLOCKS.contains(&tag) && self.heading.is_none() {
            self.flush();
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 && self.heading.is_none() {
            self.para.push_str(text);
            return;
        }
        // Outside <pre>, runs of HTML whitespace are one space (non-breaking spaces and U+3000,
        // used for indentation, are not HTML whitespace and stay for the text crate to trim).
        let mut last_space = self.para.ends_with(' ');
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                if !last_space {
                    self.para.push(' ');
                    last_space = true;
                }
            } else {
                self.para.push(c);
                last_space = false;
            }
        }
    }

    fn flush(&mut self) {
        if let Some(level) = self.heading.take() {
            self.out.heading(level, &self.para);
        } else {
            self.out.paragraph(&self.para);
        }
        self.para.clear();
    }
}

fn heading_level(tag: &str) -> Option<u8> {
    match tag.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html.as_bytes(), "t.html").unwrap()
    }

    #[test]
    fn blocks_headings_and_dropped_parts() {
        let page = r#"<!doctype html><html><head><title>标题栏</title><style>p{}</style></head><body>
            <header><nav><a href="/">首页</a></nav></header>
            <h1>永康市“十四五”规划</h1>
            <p>第一段&nbsp;文字&amp;符号<br>换行后</p>
            <script>document.write("脚本")</script>
            <ul><li>一、总体要求</li><li>（一）锚定<b>创新</b>驱动</li></ul>
            <table><tr><td>项目</td><td>投资</td></tr></table>
            <div hidden>隐藏</div><p style="DISPLAY: none">也隐藏</p>
            <aside>侧栏</aside><footer>版权所有</footer></body></html>"#;
        assert_eq!(
            text(page),
            "# 永康市“十四五”规划\n\n第一段\u{a0}文字&符号\n\n换行后\n\n一、总体要求\n\n（一）锚定创新驱动\n\n项目\n\n投资\n"
        );
    }

    #[test]
    fn main_or_article_wins_over_body() {
        let page = "<body><div>菜单</div><main><h2>正文</h2><p>内容</p></main><div>页脚</div></body>";
        assert_eq!(text(page), "## 正文\n\n内容\n");
        let page = "<body><p>外</p><article><header><h1>文章</h1></header><p>甲</p><footer>分享</footer></article>\
                    <article><p>乙</p></article></body>";
        assert_eq!(text(page), "# 文章\n\n甲\n\n乙\n");
    }

    #[test]
    fn charset_from_meta_and_detection() {
        let body = "<p>十四五期间，我市将建成五金技师学院。</p>";
        let (gbk, _, _) = encoding_rs::GBK.encode(body);
        for head in [
            r#"<meta charset="gb2312">"#,
            r#"<META http-equiv="Content-Type" content="text/html; charset=GBK">"#,
            r#"<meta charset="utf-8">"#, // wrong label: detection corrects it
            "",
        ] {
            let mut page = format!("<html><head>{head}</head><body>").into_bytes();
            page.extend_from_slice(&gbk);
            assert_eq!(extract(&page, "gbk.html").unwrap(), "十四五期间，我市将建成五金技师学院。\n", "{head}");
        }
    }

    #[test]
    fn empty_and_scriptonly_pages_are_errors() {
        let err = extract(b"", "empty.html").unwrap_err();
        assert!(err.to_string().contains("empty.html"), "{err}");
        let err = extract(b"<html><body><script>alert(1)</script></body></html>", "js.html").unwrap_err();
        assert!(matches!(err, Error::NoText { .. }) && err.to_string().contains("js.html"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused_quickly_and_sloppy_markup_is_not() {
        let depth = 100_000;
        let started = std::time::Instant::now();
        let page = format!("{}<p>深处</p>{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let err = extract(page.as_bytes(), "deep.html").unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }) && err.to_string().contains("deep.html"), "{err}");
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        // Nesting up to the limit is read; unclosed paragraphs, items and cells do not nest.
        for page in [
            format!("{}字", "<b><i>".repeat(MAX_NESTING / 2)),
            format!("{}字", "<div>".repeat(MAX_NESTING)),
            format!("{}字", "<table><tr><td>".repeat(MAX_NESTING / 2)),
            format!("<div>{}</div>", "<p>段<li>项<td>格<br>".repeat(depth / 10)),
        ] {
            assert!(extract(page.as_bytes(), "ok.html").is_ok());
        }
        assert_eq!(nesting_depth("<div><p><img src=x><br/><!-- <div> --><script>'<div>'</script></div>"), 2);
    }
}
