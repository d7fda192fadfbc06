//! DOCX (Office Open XML word processing) to text.
//!
//! Reads the main document part (found through `_rels/.rels`, by default `word/document.xml`)
//! and its styles. Paragraphs come out in order, one block each; a paragraph whose style is a
//! heading (`heading 1`…`heading 6`, `标题 1`…, `Title`, or any style or paragraph with an outline
//! level) becomes a Markdown heading of that level. Table cells' paragraphs come out as
//! paragraphs. Headers, footers, footnotes and comments live in other parts and are not read;
//! deleted text (tracked changes), field codes and the fallback copies of text boxes are skipped.
//! Automatic list numbering is not rendered (its text is not in the document part).
//!
//! Every part is read through a size cap ([`MAX_PART_BYTES`]) so a zip bomb cannot exhaust
//! memory.

use crate::out::Out;
use crate::{corrupt, Error, Format, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Largest decompressed size of one part of the archive (the document, its styles, the
/// relationships) that is read: 64 MiB, far above any real plan's `document.xml` (a few MiB).
pub const MAX_PART_BYTES: usize = 64 << 20;
/// How many `basedOn` links are followed when resolving a style's heading level (a guard against
/// cyclic style chains).
const MAX_STYLE_CHAIN: usize = 16;
/// Word's outline level for body text (levels 0–8 are headings 1–9).
const BODY_OUTLINE_LEVEL: u8 = 9;

/// Converts a DOCX file to text.
pub fn extract(bytes: &[u8], name: &str) -> Result<String> {
    // OLE compound files: legacy .doc, and also encrypted .docx (Office wraps those in OLE).
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Error::Unsupported {
            name: name.to_string(),
            what: "a legacy Word .doc or a password-protected Office file, not a DOCX archive".into(),
        });
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| corrupt(name, Format::Docx, format!("not a readable zip archive ({e})")))?;
    let main = main_part(&mut zip, name)?;
    let xml = read_part(&mut zip, &main, name)?
        .ok_or_else(|| corrupt(name, Format::Docx, format!("no {main} in the archive: not a Word document")))?;
    // Styles only refine headings: a missing or broken styles part is not worth failing over.
    let styles_path = styles_part(&mut zip, &main, name);
    let styles = match read_part(&mut zip, &styles_path, name) {
        Ok(Some(xml)) => parse_styles(&xml).unwrap_or_default(),
        _ => Styles::default(),
    };
    let text = utf8(&xml, &main, name)?;
    document_text(text, &styles)
        .map_err(|e| corrupt(name, Format::Docx, format!("{main}: {e}")))?
        .finish(name, Format::Docx)
}

/// Reads one part through the size cap. `Ok(None)` when the archive has no such part.
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, path: &str, name: &str) -> Result<Option<Vec<u8>>> {
    let file = match zip.by_name(path) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(name, Format::Docx, format!("{path}: {e}"))),
    };
    let mut buf = Vec::new();
    // Never trust the size in the header: read at most one byte past the cap.
    file.take(MAX_PART_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| corrupt(name, Format::Docx, format!("{path}: {e}")))?;
    if buf.len() > MAX_PART_BYTES {
        return Err(Error::TooLarge {
            name: name.to_string(),
            part: format!("{path} (decompressed)"),
            limit: crate::mib(MAX_PART_BYTES),
        });
    }
    Ok(Some(buf))
}

fn utf8<'a>(xml: &'a [u8], part: &str, name: &str) -> Result<&'a str> {
    let xml = xml.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(xml);
    std::str::from_utf8(xml).map_err(|e| corrupt(name, Format::Docx, format!("{part} is not UTF-8 ({e})")))
}

/// The main document part named by the package relationships, or `word/document.xml`.
fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String> {
    const DEFAULT: &str = "word/document.xml";
    let Some(rels) = read_part(zip, "_rels/.rels", name)? else { return Ok(DEFAULT.into()) };
    let Ok(rels) = std::str::from_utf8(&rels) else { return Ok(DEFAULT.into()) };
    Ok(relationship(rels, "/officeDocument").map_or(DEFAULT.into(), |t| resolve("", &t)))
}

/// The styles part of the main document, from its relationships, or `styles.xml` beside it.
fn styles_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, main: &str, name: &str) -> String {
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_path = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
    let target = read_part(zip, &rels_path, name)
        .ok()
        .flatten()
        .and_then(|r| String::from_utf8(r).ok())
        .and_then(|r| relationship(&r, "/styles"))
        .unwrap_or_else(|| "styles.xml".into());
    resolve(dir, &target)
}

/// The `Target` of the first relationship whose `Type` ends with `type_suffix`.
fn relationship(rels: &str, type_suffix: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                if attr(&e, "Type").is_some_and(|t| t.ends_with(type_suffix)) {
                    return attr(&e, "Target");
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Resolves a relationship target against the folder of its source part.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { dir.split('/').filter(|p| !p.is_empty()).collect() };
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// An attribute's unescaped value, by local name (prefixes vary between producers).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// What the styles part says about paragraph styles.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    outline: Option<u8>,
    based_on: Option<String>,
}

impl Styles {
    /// Heading level (1 = outermost) of a paragraph style, or `None` for body text: the style's
    /// own outline level, else a heading name, else what it is based on.
    fn heading_level(&self, id: &str) -> Option<u8> {
        let mut id = id.to_string();
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(style) = self.by_id.get(&id) else { return level_from_name(&id) };
            if let Some(o) = style.outline {
                return (o < BODY_OUTLINE_LEVEL).then_some(o + 1);
            }
            if let Some(level) = level_from_name(&style.name).or_else(|| level_from_name(&id)) {
                return Some(level);
            }
            id = style.based_on.clone()?;
        }
        None
    }
}

/// Heading level from a style name or id: `heading 2`, `Heading2`, `标题 2`, `标题2`, and
/// `Title`/`标题` (the document title) as level 1.
fn level_from_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    if lower == "title" || lower == "标题" {
        return Some(1);
    }
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    let digits = rest.trim();
    digits.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
}

fn parse_styles(xml: &[u8]) -> std::result::Result<Styles, quick_xml::Error> {
    let text = std::str::from_utf8(xml.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(xml))
        .map_err(|e| quick_xml::Error::Io(std::sync::Arc::new(std::io::Error::other(e))))?;
    let mut reader = Reader::from_str(text);
    let mut styles = Styles::default();
    let mut current: Option<(String, Style)> = None;
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => {
                    let is_para = attr(&e, "type").is_none_or(|t| t == "paragraph");
                    current = attr(&e, "styleId").filter(|_| is_para).map(|id| (id, Style::default()));
                }
                "name" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.name = attr(&e, "val").unwrap_or_default();
                    }
                }
                "basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(&e, "val");
                    }
                }
                "outlineLvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.outline = attr(&e, "val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some((id, s)) = current.take() {
                    styles.by_id.insert(id, s);
                }
            }
            Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    /// Outline level set on the paragraph itself (overrides its style).
    outline: Option<u8>,
}

/// Elements whose whole content is skipped: deleted text, the fallback copy of alternate content
/// (text boxes are stored twice), old paragraph/run properties of tracked formatting changes (they
/// hold a stale `pStyle`), field instructions.
const SKIPPED: [&str; 6] = ["del", "Fallback", "pPrChange", "rPrChange", "instrText", "delText"];

/// Walks the document part and writes its paragraphs.
fn document_text(xml: &str, styles: &Styles) -> std::result::Result<Out, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = Out::default();
    // Paragraphs nest (a text box's paragraphs sit inside a run of the outer paragraph): the
    // inner one is written when it ends, and the outer one goes on afterwards.
    let mut paras: Vec<Para> = Vec::new();
    let mut depth = 0usize;
    let mut skip_from: Option<usize> = None;
    let mut in_text = false;
    let mut in_ppr = 0usize;
    let mut in_run = 0usize;
    loop {
        let event = reader.read_event()?;
        if let Some(from) = skip_from {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    if depth < from {
                        skip_from = None;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                depth += 1;
                let local = e.local_name();
                let local = local.as_ref();
                if SKIPPED.contains(&local) {
                    skip_from = Some(depth);
                    continue;
                }
                match local {
                    "p" => paras.push(Para::default()),
                    "pPr" => in_ppr += 1,
                    "r" => in_run += 1,
                    "t" if in_run > 0 => in_text = true,
                    _ => empty_element(&e, &mut paras, in_ppr > 0, in_run > 0),
                }
            }
            Event::Empty(e) => empty_element(&e, &mut paras, in_ppr > 0, in_run > 0),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    "p" => {
                        if let Some(p) = paras.pop() {
                            write_paragraph(&mut out, p, styles);
                        }
                    }
                    "pPr" => in_ppr = in_ppr.saturating_sub(1),
                    "r" => in_run = in_run.saturating_sub(1),
                    "t" => in_text = false,
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_text => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                };
                if let (Some(p), Some(c)) = (paras.last_mut(), c) {
                    p.text.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A truncated document may leave paragraphs open: keep what they hold.
    while let Some(p) = paras.pop() {
        write_paragraph(&mut out, p, styles);
    }
    Ok(out)
}

/// Handles an element that carries no text of its own: paragraph style and outline level inside
/// paragraph properties; tabs and breaks inside runs.
fn empty_element(e: &BytesStart, paras: &mut [Para], in_ppr: bool, in_run: bool) {
    let Some(p) = paras.last_mut() else { return };
    match e.local_name().as_ref() {
        "pStyle" if in_ppr => p.style = attr(e, "val"),
        "outlineLvl" if in_ppr => p.outline = attr(e, "val").and_then(|v| v.parse().ok()),
        // `w:tab` also defines tab stops inside paragraph properties: only a run's tab is text.
        "tab" if in_run => p.text.push('\t'),
        "br" | "cr" if in_run => p.text.push('\n'),
        "noBreakHyphen" if in_run => p.text.push('-'),
        _ => {}
    }
}

fn write_paragraph(out: &mut Out, p: Para, styles: &Styles) {
    let level = match p.outline {
        Some(o) => (o < BODY_OUTLINE_LEVEL).then_some(o + 1),
        None => p.style.as_deref().and_then(|s| styles.heading_level(s)),
    };
    match level {
        Some(level) => out.heading(level, &p.text),
        None => out.paragraph(&p.text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn docx(document: &str, styles: Option<&str>) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        if let Some(styles) = styles {
            zip.start_file("word/styles.xml", opts).unwrap();
            zip.write_all(styles.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        buf.into_inner()
    }

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{inner}</w:body></w:document>"#)
    }

    #[test]
    fn headings_paragraphs_tables_and_skipped_parts() {
        let styles = format!(
            r#"<w:styles {W}>
            <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="My Heading"/><w:basedOn w:val="a5"/></w:style>
            <w:style w:type="paragraph" w:styleId="Lvl"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            </w:styles>"#
        );
        let doc = body(
            r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>一、总体要求</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">坚持 </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>A&amp;B&#x4E2D;</w:t></w:r><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del><w:r><w:br/><w:t>下一行</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Mine"/></w:pPr><w:r><w:t>基于标题</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Lvl"/></w:pPr><w:r><w:t>大纲级别</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>正文级别</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格一</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>单元格二</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>结尾</w:t></w:r></w:p>"#,
        );
        let text = extract(&docx(&doc, Some(&styles)), "a.docx").unwrap();
        assert_eq!(
            text,
            "# 一、总体要求\n\n坚持 A&B中\n下一行\n\n## 基于标题\n\n### 大纲级别\n\n正文级别\n\n单元格一\n\n单元格二\n\n结尾\n"
        );
    }

    #[test]
    fn heading_style_ids_work_without_a_styles_part() {
        let doc = body(r#"<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>产业形态篇</w:t></w:r></w:p>"#);
        assert_eq!(extract(&docx(&doc, None), "a.docx").unwrap(), "### 产业形态篇\n");
    }

    #[test]
    fn text_boxes_are_read_once() {
        let doc = body(
            r#"<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="m"><mc:Choice><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>"#,
        );
        assert_eq!(extract(&docx(&doc, None), "a.docx").unwrap(), "框内\n\n前后\n");
    }

    #[test]
    fn bad_archives_are_errors_naming_the_file() {
        let good = docx(&body("<w:p><w:r><w:t>内容</w:t></w:r></w:p>"), None);
        let err = extract(&good[..good.len() / 2], "half.docx").unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }) && err.to_string().contains("half.docx"), "{err}");

        let mut buf = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(b"hi").unwrap();
        zip.finish().unwrap();
        let err = extract(buf.get_ref(), "other.docx").unwrap_err();
        assert!(err.to_string().contains("other.docx") && err.to_string().contains("word/document.xml"), "{err}");

        let err = extract(&docx(&body("<w:p><w:r><w:t>未闭合</w:r></w:p>"), None), "bad.docx").unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }) && err.to_string().contains("bad.docx"), "{err}");

        let err = extract(&docx(&body("<w:p></w:p>"), None), "empty.docx").unwrap_err();
        assert!(matches!(err, Error::NoText { .. }), "{err}");

        let err = extract(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "old.docx").unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
    }

    #[test]
    fn zip_bomb_is_refused() {
        // 65 MiB of one repeated paragraph deflates to well under 1 MiB.
        let para = "<w:p><w:r><w:t>炸弹</w:t></w:r></w:p>";
        let doc = body(&para.repeat((MAX_PART_BYTES + (1 << 20)) / para.len()));
        let mut buf = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(doc.as_bytes()).unwrap();
        zip.finish().unwrap();
        assert!(buf.get_ref().len() < 4 << 20);
        let err = extract(buf.get_ref(), "bomb.docx").unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("bomb.docx") && err.to_string().contains("64 MiB"), "{err}");
    }

    #[test]
    fn relationship_targets_resolve() {
        assert_eq!(resolve("", "/word/document2.xml"), "word/document2.xml");
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word/sub", "../styles.xml"), "word/styles.xml");
        assert_eq!(level_from_name("heading 3"), Some(3));
        assert_eq!(level_from_name("标题 1"), Some(1));
        assert_eq!(level_from_name("Heading2"), Some(2));
        assert_eq!(level_from_name("Body Text"), None);
    }
}
