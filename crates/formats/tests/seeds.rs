//! The seed documents converted to DOCX, HTML and PDF (tests/fixtures/formats, made with pandoc
//! and LibreOffice as its README says) give the same passages, with the same tags, as the seeds'
//! own `.txt` files; bad and hostile files give errors that name them, never panics.

use plansearch_formats::{extract, Error, Format};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = workspace().join("tests/fixtures/formats").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seed `.txt` whose name starts with `prefix`.
fn seed(prefix: &str) -> String {
    let dir = workspace().join("seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(".txt")
        })
        .unwrap_or_else(|| panic!("no seed {prefix}_*.txt in {}", dir.display()));
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What must match across formats: the title, and each passage's sector, keyword and text.
/// Whitespace is ignored: converters may keep or drop a layout space (`21 日` from a PDF's
/// Asian/Latin spacing), which search ignores too. Source line numbers are not compared: each
/// format has its own lines.
fn reading(text: &str) -> (Option<String>, Vec<(String, String, String)>) {
    let doc = plansearch_text::passages(text);
    let passages =
        doc.passages.into_iter().map(|p| (compact(&p.sector), compact(&p.keyword), compact(&p.text))).collect();
    (doc.title.map(|t| compact(&t)), passages)
}

fn assert_same_reading(seed_prefix: &str, ext: &str, format: Format) {
    let file = format!("{seed_prefix}.{ext}");
    let text = extract(&fixture(&file), format, &file).unwrap_or_else(|e| panic!("{e}"));
    let (want_title, want) = reading(&seed(seed_prefix));
    let (got_title, got) = reading(&text);
    assert!(want.len() > 10, "the seed should give many passages");
    assert_eq!(got_title, want_title, "{file}: title");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "{file}: passage {i} differs from the .txt seed's");
    }
    assert_eq!(got.len(), want.len(), "{file}: passage count");
}

// 000 is a Markdown article (`#` title, `###` parts, `**关键词:**` lines). DOCX keeps the headings
// as heading styles, HTML as h1–h3, and the PDF as its outline (bookmarks), so all three read
// exactly as the text does.

#[test]
fn article_docx_reads_like_its_text() {
    assert_same_reading("000", "docx", Format::Docx);
}

#[test]
fn article_html_reads_like_its_text() {
    assert_same_reading("000", "html", Format::Html);
}

#[test]
fn article_pdf_reads_like_its_text() {
    assert_same_reading("000", "pdf", Format::Pdf);
}

// 001 is a hard-wrapped newspaper column, one printed line per source line. Converted line for
// line, each format keeps those lines as paragraphs, and the text crate's column joiner rebuilds
// the same paragraphs and numbered headings from them as from the text.

#[test]
fn column_docx_reads_like_its_text() {
    assert_same_reading("001", "docx", Format::Docx);
}

#[test]
fn column_html_reads_like_its_text() {
    assert_same_reading("001", "html", Format::Html);
}

#[test]
fn column_pdf_reads_like_its_text() {
    assert_same_reading("001", "pdf", Format::Pdf);
}

#[test]
fn markdown_seed_is_decoded_as_is() {
    let bytes = seed("000").into_bytes();
    assert_eq!(extract(&bytes, Format::Markdown, "000.md").unwrap().as_bytes(), bytes.as_slice());
}

#[test]
fn hostile_gbk_page_gives_only_its_visible_text() {
    let text = extract(&fixture("hostile.html"), Format::Html, "hostile.html").unwrap();
    assert_eq!(
        text,
        "# 关于加快推进“无废城市”建设的通知\n\n\
         各镇（街道、区）：为深入贯彻落实“绿水青山就是金山银山”理念，现就有关事项通知如下。\n\n\
         ## 一、总体要求\n\n\
         坚持系统观念，推进固体废物源头减量和资源化利用。\n\n\
         ## 二、重点任务\n\n\
         （一）建成“无废工厂”等10大应用场景；\n\n\
         （二）完善一般工业固废处置“五步法”。\n\n\
         指标\n\n2025年目标\n\n资源化利用率\n\n95%以上\n\n\
         特此通知。\n\n永康市人民政府办公室\n\n2021年3月1日\n"
    );
    // Scripts, event handlers, alt text, comments, hidden, navigation and footer text: none.
    assert!(!text.contains("不应出现") && !text.contains("alert") && !text.contains("首页"), "{text}");
}

#[test]
fn pdf_images_are_skipped_and_a_scan_is_reported() {
    let text = extract(&fixture("figure.pdf"), Format::Pdf, "figure.pdf").unwrap();
    assert_eq!(text, "# 图文混排\n\n这是一段带有图片的正文，图片不应影响文字提取。\n\n图片之后的第二段正文。\n");
    let err = extract(&fixture("scanned.pdf"), Format::Pdf, "scanned.pdf").unwrap_err();
    assert!(matches!(err, Error::NoTextLayer { .. }), "{err}");
    assert!(err.to_string().contains("scanned.pdf") && err.to_string().contains("no text layer"), "{err}");
}

#[test]
fn bad_files_are_errors_naming_the_file() {
    let docx = fixture("000.docx");
    let err = extract(&docx[..docx.len() / 2], Format::Docx, "truncated.docx").unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    assert!(err.to_string().starts_with("truncated.docx: "), "{err}");

    let err = extract(b"%PDF-1.7\n\x00\x01garbage that is not a PDF at all", Format::Pdf, "garbage.pdf").unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    assert!(err.to_string().starts_with("garbage.pdf: "), "{err}");
    let err = extract(&docx, Format::Pdf, "renamed.pdf").unwrap_err();
    assert!(err.to_string().starts_with("renamed.pdf: "), "{err}");

    for (bytes, name) in [(&b""[..], "empty.html"), (b"<html><body>\n</body></html>", "blank.html")] {
        let err = extract(bytes, Format::Html, name).unwrap_err();
        assert!(err.to_string().starts_with(&format!("{name}: ")), "{err}");
    }
    let err = extract(&fixture("000.pdf"), Format::Docx, "pdf-named.docx").unwrap_err();
    assert!(err.to_string().starts_with("pdf-named.docx: "), "{err}");
}

/// A small deterministic generator for mutations (no dependency for one test).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Truncated and corrupted copies of every fixture either convert or give an error: the call
/// returning at all (no panic, no hang) is the test. PDF copies are fewer: each takes longer.
#[test]
fn mangled_files_never_panic() {
    let mut rng = Lcg(0x5eed);
    for (file, format, tries) in [
        ("000.docx", Format::Docx, 150),
        ("001.html", Format::Html, 150),
        ("hostile.html", Format::Html, 150),
        ("figure.pdf", Format::Pdf, 60),
        ("001.pdf", Format::Pdf, 20),
    ] {
        let original = fixture(file);
        for i in 0..tries {
            let mut bytes = original.clone();
            if i % 3 == 0 {
                bytes.truncate(rng.below(bytes.len()));
            } else {
                for _ in 0..1 + rng.below(16) {
                    let at = rng.below(bytes.len());
                    bytes[at] = rng.below(256) as u8;
                }
            }
            if let Err(e) = extract(&bytes, format, file) {
                assert!(e.to_string().starts_with(&format!("{file}: ")), "{e}");
            }
        }
    }
}
