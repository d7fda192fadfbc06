//! PDF to text: the text layer, read with `pdf-extract` (on `lopdf`), laid out again from glyph
//! positions.
//!
//! PDF keeps no paragraphs, only glyphs at positions. Glyphs are grouped into lines by baseline
//! and ordered left to right within a line (producers such as LibreOffice draw a line's Latin
//! punctuation after its Chinese text). Lines join into a paragraph unless one of these ends it:
//! a vertical gap clearly larger than the usual line pitch, a line that stops well short of the
//! right margin (a paragraph's last line), a first-line indent, or a change of font size. Joined
//! lines get no space between CJK characters. Page numbers and running headers/footers repeated
//! on many pages are dropped. Headings come from the PDF's outline (bookmarks) when it has one:
//! a paragraph whose text is an outline entry's title becomes a Markdown heading of the entry's
//! depth. Without an outline, short paragraphs set clearly larger than body text become headings,
//! ranked by size. Same-size bold headings cannot be told apart from body text (the text layer
//! does not say which font is bold).
//!
//! A PDF with no letters in its text layer is a scan: [`crate::Error::NoTextLayer`].
//!
//! `pdf-extract` panics on some malformed files, so it runs under `catch_unwind`, and the
//! document is checked first for what would make it recurse forever (cyclic form XObjects) or
//! exhaust memory (compression bombs). A panic message may still be printed to stderr by the
//! default panic hook; this crate does not replace the process-wide hook.

use crate::out::{is_cjk, join_wrapped, Out};
use crate::{corrupt, Error, Format, Result};
use pdf_extract::{Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform};
use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Read;

/// Largest decompressed size of one stream (page content, form, font, CMap): 64 MiB.
pub const MAX_STREAM_BYTES: usize = 64 << 20;
/// Largest decompressed size of all such streams together: 512 MiB. Images are not counted (they
/// are never decoded).
pub const MAX_TOTAL_STREAM_BYTES: usize = 512 << 20;
/// Deepest nesting of form XObjects followed; deeper means a cycle or a hostile file.
const MAX_FORM_DEPTH: usize = 24;
/// Most form XObject invocations followed in the whole document (forms invoking forms can grow
/// exponentially).
const MAX_FORM_VISITS: usize = 100_000;
/// Most glyphs read: 20 million, about 10,000 dense pages.
const MAX_GLYPHS: usize = 20_000_000;
/// Most outline (bookmark) entries read.
const MAX_OUTLINE_ENTRIES: usize = 10_000;

/// Converts a PDF's text layer to text.
pub fn extract(bytes: &[u8], name: &str) -> Result<String> {
    // The header may follow some junk, but within the first KiB.
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(corrupt(name, Format::Pdf, "no %PDF- header"));
    }
    let run = std::panic::AssertUnwindSafe(|| extract_inner(bytes, name));
    match std::panic::catch_unwind(run) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            Err(corrupt(name, Format::Pdf, format!("the PDF reader failed on it ({what})")))
        }
    }
}

fn extract_inner(bytes: &[u8], name: &str) -> Result<String> {
    let mut doc = Document::load_mem(bytes).map_err(|e| corrupt(name, Format::Pdf, e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Error::Unsupported { name: name.to_string(), what: "password-protected PDF".into() });
    }
    if doc.get_pages().is_empty() {
        return Err(corrupt(name, Format::Pdf, "no pages"));
    }
    drop_images(&mut doc);
    check_streams(&doc, name)?;
    check_forms(&doc).map_err(|m| corrupt(name, Format::Pdf, m))?;
    let mut collector = Collector::default();
    match pdf_extract::output_doc(&doc, &mut collector) {
        Err(_) if collector.too_many => {
            return Err(Error::TooLarge {
                name: name.to_string(),
                part: "the text layer".into(),
                limit: format!("{MAX_GLYPHS} characters"),
            })
        }
        Err(e) => return Err(corrupt(name, Format::Pdf, e.to_string())),
        Ok(()) => {}
    }
    if !collector.pages.iter().flat_map(|p| &p.glyphs).any(|g| g.text.chars().any(char::is_alphabetic)) {
        return Err(Error::NoTextLayer { name: name.to_string() });
    }
    let outline = outline(&doc);
    layout(&collector.pages, &outline).finish(name, Format::Pdf)
}

/// Empties image XObjects: they hold no text, and `pdf-extract` would otherwise parse their
/// pixels as page content (it does not check an XObject's subtype), wasting time or failing.
fn drop_images(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        if let Object::Stream(s) = obj {
            let subtype = s.dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
            if subtype == b"Image" || subtype == b"PS" {
                s.set_plain_content(Vec::new());
            }
        }
    }
}

/// Refuses compression bombs: every Flate stream is inflated once into a counter, with caps per
/// stream and in total, before anything keeps the inflated bytes.
fn check_streams(doc: &Document, name: &str) -> Result<()> {
    let mut total = 0usize;
    for obj in doc.objects.values() {
        let Object::Stream(s) = obj else { continue };
        let first = s.filters().ok().and_then(|f| f.first().map(|f| f.to_vec()));
        if first.as_deref() != Some(b"FlateDecode".as_slice()) {
            continue;
        }
        let decoder = flate2::read::ZlibDecoder::new(s.content.as_slice());
        // A stream that fails to inflate is left to the reader, which falls back to raw bytes.
        let n = std::io::copy(&mut decoder.take(MAX_STREAM_BYTES as u64 + 1), &mut std::io::sink()).unwrap_or(0);
        let n = n as usize;
        if n > MAX_STREAM_BYTES {
            return Err(Error::TooLarge {
                name: name.to_string(),
                part: "a compressed stream".into(),
                limit: crate::mib(MAX_STREAM_BYTES),
            });
        }
        total += n;
        if total > MAX_TOTAL_STREAM_BYTES {
            return Err(Error::TooLarge {
                name: name.to_string(),
                part: "the decompressed streams".into(),
                limit: crate::mib(MAX_TOTAL_STREAM_BYTES),
            });
        }
    }
    Ok(())
}

/// Follows every `Do` of a form XObject from every page, as `pdf-extract` will, and refuses
/// documents where that nests too deep (a cycle, which would overflow the stack) or too often.
fn check_forms(doc: &Document) -> std::result::Result<(), String> {
    let mut visits = 0usize;
    for (_, page) in doc.get_pages() {
        let resources = page_resources(doc, page);
        let content = doc.get_page_content(page).unwrap_or_default();
        let mut stack: Vec<(Vec<u8>, Option<&Dictionary>, usize)> = vec![(content, resources, 0)];
        while let Some((content, resources, depth)) = stack.pop() {
            for name in invoked_xobjects(&content) {
                let Some((stream_dict, stream_content)) = xobject(doc, resources, &name) else { continue };
                if stream_dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
                    continue;
                }
                visits += 1;
                if depth + 1 > MAX_FORM_DEPTH {
                    return Err(format!("form XObjects nest deeper than {MAX_FORM_DEPTH} (a cycle?)"));
                }
                if visits > MAX_FORM_VISITS {
                    return Err(format!("more than {MAX_FORM_VISITS} form XObject invocations"));
                }
                let own = stream_dict.get(b"Resources").ok().and_then(|r| deref_dict(doc, r));
                stack.push((stream_content, own.or(resources), depth + 1));
            }
        }
    }
    Ok(())
}

/// A page's resources, inherited from its ancestors when it has none of its own.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..64 {
        if let Some(r) = dict.get(b"Resources").ok().and_then(|r| deref_dict(doc, r)) {
            return Some(r);
        }
        dict = doc.get_dictionary(dict.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
    None
}

fn deref_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(obj).ok()?.1.as_dict().ok()
}

/// Names given to `Do` in a content stream.
fn invoked_xobjects(content: &[u8]) -> Vec<Vec<u8>> {
    let Ok(content) = pdf_extract::content::Content::decode(content) else { return Vec::new() };
    content
        .operations
        .iter()
        .filter(|op| op.operator == "Do")
        .filter_map(|op| op.operands.first().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec))
        .collect()
}

/// The dictionary and decoded content of the XObject called `name` in `resources`.
fn xobject<'a>(doc: &'a Document, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<(&'a Dictionary, Vec<u8>)> {
    let xobjects = deref_dict(doc, resources?.get(b"XObject").ok()?)?;
    let stream = doc.dereference(xobjects.get(name).ok()?).ok()?.1.as_stream().ok()?;
    let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    Some((&stream.dict, content))
}

/// One glyph of the text layer, in page coordinates with y growing downwards.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    /// Where the glyph's advance ends.
    end: f64,
    size: f64,
    text: String,
}

#[derive(Debug, Default)]
struct PageGlyphs {
    width: f64,
    glyphs: Vec<Glyph>,
}

/// Receives glyphs from `pdf-extract`.
#[derive(Default)]
struct Collector {
    pages: Vec<PageGlyphs>,
    left: f64,
    top: f64,
    count: usize,
    too_many: bool,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.left = media_box.llx;
        self.top = media_box.ury;
        self.pages.push(PageGlyphs { width: (media_box.urx - media_box.llx).abs(), glyphs: Vec::new() });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.count += 1;
        if self.count > MAX_GLYPHS {
            self.too_many = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The text rendering matrix excludes the font size: scale it by the matrix's own scale.
        let size = font_size.abs() * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let (x, y) = (trm.m31 - self.left, self.top - trm.m32);
        if !(size.is_finite() && x.is_finite() && y.is_finite()) || size <= 0.0 || text.is_empty() {
            return Ok(());
        }
        let end = x + width.max(0.0) * size;
        if let Some(page) = self.pages.last_mut() {
            page.glyphs.push(Glyph { x, y, end, size, text: text.to_string() });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A line of text on a page.
#[derive(Debug, Clone)]
struct Line {
    page: usize,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// Groups a page's glyphs into lines: a glyph whose baseline is within half its size of the
/// current line's joins it; each line is then read left to right.
fn page_lines(page_no: usize, glyphs: &[Glyph]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut cur: Vec<&Glyph> = Vec::new();
    for g in glyphs {
        if let Some(first) = cur.first() {
            if (g.y - first.y).abs() > 0.5 * g.size.max(first.size) {
                lines.extend(make_line(page_no, &mut cur));
            }
        }
        cur.push(g);
    }
    lines.extend(make_line(page_no, &mut cur));
    lines
}

fn make_line(page: usize, glyphs: &mut Vec<&Glyph>) -> Option<Line> {
    let mut gs = std::mem::take(glyphs);
    gs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut x1 = f64::MIN;
    for g in &gs {
        if let Some(p) = prev {
            // The same glyph drawn twice, slightly offset, is fake bold: keep one.
            if p.text == g.text && (g.x - p.x).abs() < 0.15 * g.size {
                continue;
            }
        }
        if g.text.trim().is_empty() {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
        } else {
            let gap = prev.map_or(0.0, |p| g.x - p.end);
            let last = text.chars().last();
            let first = g.text.chars().next();
            // A gap between two Latin words is a space the PDF did not draw; between CJK
            // characters it is only justification or Asian/Latin spacing.
            if gap > 0.25 * g.size
                && last.is_some_and(|c| !c.is_whitespace() && !is_cjk(c))
                && first.is_some_and(|c| !is_cjk(c))
            {
                text.push(' ');
            }
            text.push_str(&g.text);
            x1 = x1.max(g.end);
        }
        prev = Some(g);
    }
    let text = text.trim().to_string();
    let inked: Vec<&&Glyph> = gs.iter().filter(|g| !g.text.trim().is_empty()).collect();
    let first = inked.first()?;
    if text.is_empty() {
        return None;
    }
    let size = inked.iter().map(|g| g.size).fold(0.0, f64::max);
    Some(Line { page, x0: first.x, x1, y: first.y, size, text })
}

/// True for a page number line: `3`, `- 3 -`, `— 3 —`, `第 3 页`, `第3页 共10页`, `3 / 10`, `Page 3 of 10`.
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase().replace("page", "").replace("of", "");
    let rest: String = lower.chars().filter(|c| !c.is_whitespace() && !"-—–_·/|第页共()（）".contains(*c)).collect();
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())
}

/// Drops page furniture: page numbers at the top or bottom of a page, and lines repeated at the
/// top or bottom of at least half the pages (three or more): running headers and footers.
fn drop_furniture(pages: &mut [Vec<Line>]) {
    let edge = |lines: &Vec<Line>| -> Vec<usize> {
        let n = lines.len();
        let mut by_y: Vec<usize> = (0..n).collect();
        by_y.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
        let mut idx: Vec<usize> = by_y.iter().take(2).chain(by_y.iter().rev().take(2)).copied().collect();
        idx.sort_unstable();
        idx.dedup();
        idx
    };
    let key = |t: &str| -> String {
        t.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for lines in pages.iter() {
        let keys: HashSet<String> = edge(lines).into_iter().map(|i| key(&lines[i].text)).collect();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let repeated = |k: &str| pages.len() >= 3 && counts.get(k).is_some_and(|&n| n >= 3 && n * 2 >= pages.len());
    let mut drop: Vec<Vec<usize>> = Vec::with_capacity(pages.len());
    for lines in pages.iter() {
        drop.push(
            edge(lines)
                .into_iter()
                .filter(|&i| is_page_number(&lines[i].text) || repeated(&key(&lines[i].text)))
                .collect(),
        );
    }
    for (lines, drop) in pages.iter_mut().zip(drop) {
        let mut i = 0;
        lines.retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
    }
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// Rounds a font size to half points, to compare sizes.
fn size_key(size: f64) -> i64 {
    (size * 2.0).round() as i64
}

/// A paragraph rebuilt from lines.
struct Para {
    size: f64,
    text: String,
}

/// Rebuilds paragraphs and headings from the pages' glyphs.
fn layout(pages: &[PageGlyphs], outline: &[(String, u8)]) -> Out {
    let mut page_lines: Vec<Vec<Line>> = pages.iter().enumerate().map(|(i, p)| page_lines(i, &p.glyphs)).collect();
    drop_furniture(&mut page_lines);
    let lines: Vec<Line> = page_lines.into_iter().flatten().collect();

    // Body text size: the size that sets the most characters.
    let mut by_size: HashMap<i64, usize> = HashMap::new();
    for l in &lines {
        *by_size.entry(size_key(l.size)).or_default() += l.text.chars().count();
    }
    let body_key = by_size.iter().max_by_key(|(k, n)| (**n, -**k)).map_or(0, |(k, _)| *k);
    let body = body_key as f64 / 2.0;
    let is_body = |l: &Line| size_key(l.size) == body_key;

    // Usual distance between consecutive body lines on a page.
    let pitches: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page && is_body(&w[0]) && is_body(&w[1]))
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 0.0 && *d < 3.0 * body)
        .collect();
    let pitch = median(pitches).unwrap_or(1.2 * body);

    // Margins per page: the left one from body lines; the right one from the longest body line,
    // or, when every line is short, as wide as the left one (pages usually have even margins).
    let mut left = vec![f64::MAX; pages.len()];
    let mut right = vec![f64::MIN; pages.len()];
    for l in lines.iter().filter(|l| is_body(l)) {
        left[l.page] = left[l.page].min(l.x0);
        right[l.page] = right[l.page].max(l.x1);
    }
    for (p, page) in pages.iter().enumerate() {
        if left[p] < f64::MAX {
            right[p] = right[p].max(page.width - left[p]);
        }
    }
    let short = |l: &Line| right[l.page] > f64::MIN && l.x1 < right[l.page] - 2.5 * l.size.max(body);

    let mut paras: Vec<Para> = Vec::new();
    let mut cur: Option<Para> = None;
    for (i, line) in lines.iter().enumerate() {
        let breaks = match i.checked_sub(1).map(|j| &lines[j]) {
            None => true,
            Some(prev) => {
                let size = line.size.max(prev.size);
                let next_indented_too = lines.get(i + 1).is_some_and(|n| n.x0 >= line.x0 - 0.5 * size);
                let indented = line.x0 - prev.x0 > 1.5 * size && !next_indented_too;
                let resized = size_key(line.size) != size_key(prev.size);
                let gap = if line.page == prev.page {
                    let dy = line.y - prev.y;
                    dy > 1.35 * pitch * (size / body.max(1.0)).max(1.0) || dy < -0.5 * size
                } else {
                    false
                };
                short(prev) || indented || resized || gap
            }
        };
        if breaks {
            paras.extend(cur.take());
        }
        match cur.as_mut() {
            Some(p) => join_wrapped(&mut p.text, &line.text),
            None => cur = Some(Para { size: line.size, text: line.text.clone() }),
        }
    }
    paras.extend(cur);

    let mut out = Out::default();
    let heading_levels = if outline.is_empty() { size_levels(&paras, body) } else { HashMap::new() };
    let mut titles: HashMap<String, VecDeque<u8>> = HashMap::new();
    for (title, level) in outline {
        titles.entry(compact(title)).or_default().push_back(*level);
    }
    for p in &paras {
        let outline_level = titles.get_mut(&compact(&p.text)).and_then(VecDeque::pop_front);
        let size_level = heading_levels.get(&size_key(p.size)).copied().filter(|_| p.text.chars().count() <= 80);
        match outline_level.or(size_level) {
            Some(level) => out.heading(level, &p.text),
            None => out.paragraph(&p.text),
        }
    }
    out
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Heading levels by font size for PDFs without an outline: sizes at least 20% larger than body
/// text, largest first, as levels 1, 2, …
fn size_levels(paras: &[Para], body: f64) -> HashMap<i64, u8> {
    let mut sizes: Vec<i64> = paras
        .iter()
        .filter(|p| p.size >= body * 1.2 && p.text.chars().count() <= 80)
        .map(|p| size_key(p.size))
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.dedup();
    sizes.into_iter().enumerate().map(|(i, k)| (k, (i + 1).min(6) as u8)).collect()
}

/// The document outline (bookmarks) in order, as (title, depth from 1).
fn outline(doc: &Document) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    let Some(root) = doc.catalog().ok().and_then(|c| c.get(b"Outlines").ok()).and_then(|o| deref_dict(doc, o)) else {
        return out;
    };
    let mut seen: HashSet<ObjectId> = HashSet::new();
    // Depth-first with an explicit stack of "next sibling to visit" at each depth.
    let mut stack: Vec<(Option<&Object>, u8)> = vec![(root.get(b"First").ok(), 1)];
    while let Some((item, depth)) = stack.pop() {
        let Some(item) = item else { continue };
        let Ok((id, obj)) = doc.dereference(item) else { continue };
        if id.is_some_and(|id| !seen.insert(id)) || out.len() >= MAX_OUTLINE_ENTRIES {
            continue;
        }
        let Ok(dict) = obj.as_dict() else { continue };
        if let Some(title) =
            dict.get(b"Title").ok().and_then(|t| doc.dereference(t).ok()).and_then(|t| t.1.as_str().ok())
        {
            out.push((pdf_string(title), depth));
        }
        stack.push((dict.get(b"Next").ok(), depth));
        stack.push((dict.get(b"First").ok(), depth.saturating_add(1)));
    }
    out
}

/// Decodes a PDF text string: UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding (read as
/// Latin-1, which it matches for letters).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0.into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(y: f64, x: f64, size: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                let x = x + i as f64 * size;
                Glyph { x, y, end: x + size, size, text: c.to_string() }
            })
            .collect()
    }

    #[test]
    fn lines_join_into_paragraphs_by_gap_shortness_and_indent() {
        // A page 300 wide with 50-point margins: 20 characters of 10 points per full line.
        let mut g = Vec::new();
        g.extend(glyphs(100.0, 50.0, 16.0, "一级标题"));
        g.extend(glyphs(130.0, 50.0, 10.0, "甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲"));
        g.extend(glyphs(142.0, 50.0, 10.0, "乙乙乙。"));
        // Same pitch, but the previous line was short: a new paragraph.
        g.extend(glyphs(154.0, 70.0, 10.0, "丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙"));
        g.extend(glyphs(166.0, 50.0, 10.0, "丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁"));
        // Indented first line after a full line.
        g.extend(glyphs(178.0, 70.0, 10.0, "戊戊戊戊戊戊戊戊戊戊戊戊戊戊戊戊戊戊"));
        g.extend(glyphs(190.0, 50.0, 10.0, "己己"));
        // Page number.
        g.extend(glyphs(280.0, 145.0, 10.0, "1"));
        let pages = [PageGlyphs { width: 300.0, glyphs: g }];
        let text = layout(&pages, &[]).finish("a.pdf", Format::Pdf).unwrap();
        assert_eq!(
            text,
            "# 一级标题\n\n甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲乙乙乙。\n\n丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁\n\n戊戊戊戊戊戊戊戊戊戊戊戊戊戊戊戊戊戊己己\n"
        );
    }

    #[test]
    fn glyphs_are_read_left_to_right_with_latin_spaces() {
        // The quote is drawn after the Chinese text, at its own position.
        let mut g = glyphs(100.0, 60.0, 10.0, "率先形");
        g.extend(glyphs(100.0, 100.0, 10.0, "成"));
        g.extend(glyphs(100.0, 90.0, 10.0, "“"));
        let line = make_line(0, &mut g.iter().collect()).unwrap();
        assert_eq!(line.text, "率先形“成");
        let mut latin = glyphs(100.0, 0.0, 10.0, "5G");
        latin.extend(glyphs(100.0, 25.0, 10.0, "base"));
        assert_eq!(make_line(0, &mut latin.iter().collect()).unwrap().text, "5G base");
    }

    #[test]
    fn page_numbers() {
        for t in ["3", "- 3 -", "— 12 —", "第 3 页", "第3页 共10页", "3 / 10", "Page 3 of 10"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2021年", "一、总体要求", "第三章"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    use pdf_extract::Stream;

    fn name(n: &str) -> Object {
        Object::Name(n.as_bytes().to_vec())
    }

    fn dict(entries: Vec<(&str, Object)>) -> Dictionary {
        let mut d = Dictionary::new();
        for (k, v) in entries {
            d.set(k, v);
        }
        d
    }

    /// A one-page PDF with Helvetica as `/F1`, the given page content and extra resources.
    fn pdf(content: Stream, xobjects: impl FnOnce(&mut Document) -> Option<Dictionary>) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("Type1")),
            ("BaseFont", name("Helvetica")),
        ]));
        let mut resources = dict(vec![("Font", Object::Dictionary(dict(vec![("F1", Object::Reference(font))])))]);
        if let Some(x) = xobjects(&mut doc) {
            resources.set("XObject", Object::Dictionary(x));
        }
        let resources = doc.add_object(resources);
        let content = doc.add_object(content);
        let page = doc.add_object(dict(vec![
            ("Type", name("Page")),
            ("Parent", Object::Reference(pages_id)),
            ("Contents", Object::Reference(content)),
            ("Resources", Object::Reference(resources)),
        ]));
        let media_box: Vec<Object> = vec![0.into(), 0.into(), 612.into(), 792.into()];
        let pages = dict(vec![
            ("Type", name("Pages")),
            ("Kids", Object::Array(vec![Object::Reference(page)])),
            ("Count", 1.into()),
            ("MediaBox", Object::Array(media_box)),
        ]);
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let catalog = doc.add_object(dict(vec![("Type", name("Catalog")), ("Pages", Object::Reference(pages_id))]));
        doc.trailer.set("Root", Object::Reference(catalog));
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn text_content(ops: &str) -> Stream {
        Stream::new(Dictionary::new(), ops.as_bytes().to_vec())
    }

    #[test]
    fn a_minimal_text_pdf_reads() {
        let bytes =
            pdf(text_content("BT /F1 12 Tf 72 700 Td (Hello plan world) Tj 0 -14 Td (second line.) Tj ET"), |_| None);
        // The first line stops far short of the right margin: it ends its paragraph.
        assert_eq!(extract(&bytes, "hello.pdf").unwrap(), "Hello plan world\n\nsecond line.\n");
    }

    #[test]
    fn cyclic_forms_are_refused_not_followed_forever() {
        let bytes = pdf(text_content("BT /F1 12 Tf 72 700 Td (text) Tj ET /X1 Do"), |doc| {
            // A form whose own resources name itself, and which draws itself.
            let id = doc.new_object_id();
            let own = dict(vec![("XObject", Object::Dictionary(dict(vec![("X1", Object::Reference(id))])))]);
            let form = Stream::new(
                dict(vec![
                    ("Type", name("XObject")),
                    ("Subtype", name("Form")),
                    ("BBox", Object::Array(vec![0.into(), 0.into(), 10.into(), 10.into()])),
                    ("Resources", Object::Dictionary(own)),
                ]),
                b"/X1 Do".to_vec(),
            );
            doc.objects.insert(id, Object::Stream(form));
            Some(dict(vec![("X1", Object::Reference(id))]))
        });
        let err = extract(&bytes, "cycle.pdf").unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }) && err.to_string().contains("nest deeper"), "{err}");
    }

    #[test]
    fn compression_bombs_are_refused() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..(MAX_STREAM_BYTES >> 20) + 1 {
            z.write_all(&chunk).unwrap();
        }
        let packed = z.finish().unwrap();
        assert!(packed.len() < 1 << 20);
        let bytes = pdf(Stream::new(dict(vec![("Filter", name("FlateDecode"))]), packed), |_| None);
        let err = extract(&bytes, "bomb.pdf").unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }) && err.to_string().contains("64 MiB"), "{err}");
    }

    #[test]
    fn deeply_nested_objects_do_not_overflow_the_stack() {
        // Runs on a test thread (2 MiB of stack, like a server's worker threads).
        for (open, close) in [("[", "]"), ("<</A ", ">>")] {
            let depth = 50_000;
            let body = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            // A well-formed file around the deep object, so the reader gets as far as parsing it.
            let head = "%PDF-1.4\n";
            let obj = format!("1 0 obj\n{body}\nendobj\n");
            let xref_at = head.len() + obj.len();
            let pdf = format!(
                "{head}{obj}xref\n0 2\n0000000000 65535 f \n{:010} 00000 n \ntrailer\n<</Size 2/Root 1 0 R>>\nstartxref\n{xref_at}\n%%EOF\n",
                head.len()
            );
            let err = extract(pdf.as_bytes(), "deep.pdf").unwrap_err();
            assert!(err.to_string().starts_with("deep.pdf: "), "{err}");
        }
    }

    #[test]
    fn garbage_is_an_error() {
        let err = extract(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "junk.pdf").unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }) && err.to_string().contains("junk.pdf"), "{err}");
        let err = extract(b"hello", "hello.pdf").unwrap_err();
        assert!(err.to_string().contains("hello.pdf") && err.to_string().contains("%PDF-"), "{err}");
    }
}
