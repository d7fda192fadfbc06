//! Documents in other formats to the plain text that `plansearch-text` reads.
//!
//! [`extract`] turns the bytes of a DOCX, HTML or PDF file into text laid out the way the text
//! pipeline expects: one paragraph per line or block, paragraphs separated by blank lines, and
//! headings the format marks as headings written as Markdown `#` lines of their level. The text
//! then goes through [`plansearch_text::passages`] like any `.txt` file, so a document gives the
//! same passages and tags whatever format it came in, within what that format keeps.
//!
//! Plain text and Markdown are only decoded ([`plansearch_text::decode::decode`]). Every error
//! names the file, and hostile input (truncated archives, zip bombs, malformed XML, garbage PDFs,
//! deeply nested HTML) gives an [`Error`], never a panic.

// Nothing a user or a file controls may panic: no unwrap/expect outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod docx;
mod html;
mod out;
mod pdf;

use std::path::Path;

/// A document format this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Docx,
    Pdf,
}

impl Format {
    /// Every format, in the order shown to users.
    pub const ALL: [Format; 5] = [Format::Text, Format::Markdown, Format::Html, Format::Docx, Format::Pdf];

    /// The format of a file by its extension, case-insensitive: `txt`/`text`, `md`/`markdown`,
    /// `html`/`htm`/`xhtml`, `docx`, `pdf`. `None` for anything else (including legacy `.doc`).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// The file extensions (lower case, without the dot) that [`Format::from_path`] maps to this
    /// format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt", "text"],
            Format::Markdown => &["md", "markdown"],
            Format::Html => &["html", "htm", "xhtml"],
            Format::Docx => &["docx"],
            Format::Pdf => &["pdf"],
        }
    }

    /// Name as shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Docx => "DOCX",
            Format::Pdf => "PDF",
        }
    }
}

/// Errors from reading a document. Every variant names the file (`name`, as given to
/// [`extract`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Decoding text (plain text, Markdown, or an HTML page's bytes) failed.
    #[error(transparent)]
    Text(#[from] plansearch_text::Error),
    /// The file is damaged or is not what its extension says.
    #[error("{name}: damaged or not a valid {format} file: {message}")]
    Corrupt { name: String, format: &'static str, message: String },
    /// A PDF whose pages carry no text, only images (a scan): it needs OCR first.
    #[error("{name}: PDF has no text layer (a scanned document?); run OCR on it first")]
    NoTextLayer { name: String },
    /// The file is readable but holds no text.
    #[error("{name}: no text found in this {format} file")]
    NoText { name: String, format: &'static str },
    /// A part of the file would decompress to more than the limit (a zip bomb, or a file far
    /// larger than any plan).
    #[error("{name}: {part} is larger than the limit of {limit}; refusing to read it")]
    TooLarge { name: String, part: String, limit: String },
    /// The file is of a kind this crate does not read (e.g. a legacy `.doc` or an encrypted file).
    #[error("{name}: unsupported: {what}")]
    Unsupported { name: String, what: String },
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Turns a file's bytes into plain text for [`plansearch_text::passages`]. `name` is the file
/// name used in errors.
///
/// - Text and Markdown: decoded as they are (UTF-8, UTF-16 with BOM, or GB18030/GBK).
/// - HTML: decoded by BOM, `<meta charset>` or detection; text of `<main>`, else the outermost
///   `<article>`s, else `<body>`, without scripts, styles, navigation, asides, page header and
///   footer, or hidden elements; `h1`–`h6` become `#` headings, block elements end paragraphs.
///   Pages over 64 MiB or nesting elements over 4096 deep are refused.
/// - DOCX: the main document's paragraphs in order (table cells' paragraphs included), heading
///   styles and outline levels as `#` headings; headers, footers, footnotes, comments, deleted
///   text and automatic list numbers are not read. A part decompressing past 64 MiB is refused.
/// - PDF: the text layer, re-flowed into paragraphs from glyph positions, without page numbers
///   and running headers/footers; headings from the outline (bookmarks), else from font sizes
///   larger than the body's. No text layer gives [`Error::NoTextLayer`].
///
/// Paragraphs are separated by blank lines, so the text pipeline reads one block per paragraph.
pub fn extract(bytes: &[u8], format: Format, name: &str) -> Result<String> {
    match format {
        Format::Text | Format::Markdown => Ok(plansearch_text::decode::decode(bytes, name)?.0),
        Format::Html => html::extract(bytes, name),
        Format::Docx => docx::extract(bytes, name),
        Format::Pdf => pdf::extract(bytes, name),
    }
}

/// A size limit in bytes as shown in errors.
fn mib(bytes: usize) -> String {
    format!("{} MiB", bytes >> 20)
}

/// Shorthand for [`Error::Corrupt`].
fn corrupt(name: &str, format: Format, message: impl Into<String>) -> Error {
    Error::Corrupt { name: name.to_string(), format: format.name(), message: message.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/plan.TXT"), Some(Format::Text));
        assert_eq!(f("plan.text"), Some(Format::Text));
        assert_eq!(f("plan.Markdown"), Some(Format::Markdown));
        assert_eq!(f("plan.md"), Some(Format::Markdown));
        assert_eq!(f("page.HTM"), Some(Format::Html));
        assert_eq!(f("page.xhtml"), Some(Format::Html));
        assert_eq!(f("plan.DocX"), Some(Format::Docx));
        assert_eq!(f("plan.pdf"), Some(Format::Pdf));
        assert_eq!(f("plan.doc"), None);
        assert_eq!(f("plan"), None);
        assert_eq!(f(".pdf"), None);
        assert_eq!(Format::Docx.name(), "DOCX");
    }

    #[test]
    fn text_is_decoded_and_errors_name_the_file() {
        let (gbk, _, _) = encoding_rs::GBK.encode("十四五规划");
        assert_eq!(extract(&gbk, Format::Text, "a.txt").unwrap(), "十四五规划");
        let err = extract(b"  ", Format::Markdown, "blank.md").unwrap_err();
        assert!(err.to_string().contains("blank.md"), "{err}");
    }
}
