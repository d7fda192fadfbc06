//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK, with clear errors
//! for binary, empty and undecodable files.

use crate::{Error, Result};

/// How many leading bytes are inspected to tell text from binary.
const SNIFF_BYTES: usize = 8192;

/// Which encoding a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Gb18030,
}

impl Encoding {
    /// Name as shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 => "UTF-16",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// Decodes a file's bytes, detecting the encoding. `name` is the file name used in errors.
///
/// UTF-8 is tried first because it is self-validating: GBK text is almost never valid UTF-8,
/// while many UTF-8 byte strings are also valid GB18030.
pub fn decode(bytes: &[u8], name: &str) -> Result<(String, Encoding)> {
    if let Some((enc, rest)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[rest..];
        if enc == encoding_rs::UTF_8 {
            return finish(utf8(body, name)?, Encoding::Utf8, name);
        }
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(Error::Undecodable { name: name.to_string(), offset: rest });
        }
        return finish(text.into_owned(), Encoding::Utf16, name);
    }
    if looks_binary(bytes) {
        return Err(Error::Binary { name: name.to_string() });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text.to_string(), Encoding::Utf8, name),
        // Valid UTF-8 cut inside its last character (an interrupted download or copy): keep
        // what is there rather than misreading the whole file as GB18030.
        Err(utf8_err) if utf8_err.error_len().is_none() && utf8_err.valid_up_to() > 0 => {
            let text = String::from_utf8_lossy(&bytes[..utf8_err.valid_up_to()]).into_owned();
            finish(text, Encoding::Utf8, name)
        }
        Err(utf8_err) => match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(text) => finish(text.into_owned(), Encoding::Gb18030, name),
            None => Err(Error::Undecodable { name: name.to_string(), offset: utf8_err.valid_up_to() }),
        },
    }
}

/// UTF-8 after a BOM. As without one, a file cut inside its last character keeps what is there.
fn utf8(bytes: &[u8], name: &str) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) if e.error_len().is_none() => Ok(String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned()),
        // The offset counts the BOM, so it points into the file as a user sees it.
        Err(e) => Err(Error::Undecodable { name: name.to_string(), offset: e.valid_up_to() + 3 }),
    }
}

fn finish(text: String, enc: Encoding, name: &str) -> Result<(String, Encoding)> {
    if text.trim().is_empty() {
        return Err(Error::Empty { name: name.to_string() });
    }
    if control_ratio_too_high(&text) {
        return Err(Error::Binary { name: name.to_string() });
    }
    Ok((text, enc))
}

/// NUL bytes never occur in UTF-8 or GBK text; they mark binaries (and UTF-16 without a BOM,
/// which we do not guess at).
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(SNIFF_BYTES).any(|&b| b == 0)
}

/// A decoded "text" that is mostly control characters is a binary that happened to decode.
fn control_ratio_too_high(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(SNIFF_BYTES) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    total > 0 && control * 20 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_utf8_after_a_bom_keeps_the_complete_characters() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("无废城市".as_bytes());
        bytes.truncate(bytes.len() - 1);
        assert_eq!(decode(&bytes, "cut.txt").unwrap(), ("无废城".to_string(), Encoding::Utf8));
        let mut bad = vec![0xEF, 0xBB, 0xBF];
        bad.extend_from_slice(b"ab\xFFcd");
        match decode(&bad, "bad.txt") {
            Err(Error::Undecodable { name, offset }) => assert_eq!((name.as_str(), offset), ("bad.txt", 5)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode("无废城市".as_bytes(), "a").unwrap().0, "无废城市");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("未来社区".as_bytes());
        assert_eq!(decode(&with_bom, "a").unwrap(), ("未来社区".to_string(), Encoding::Utf8));
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("十四五期间，我市将建成五金技师学院。");
        let (text, enc) = decode(&bytes, "gbk.txt").unwrap();
        assert_eq!(text, "十四五期间，我市将建成五金技师学院。");
        assert_eq!(enc, Encoding::Gb18030);
    }

    #[test]
    fn binary_empty_and_bad_bytes_name_the_file() {
        let err = decode(&[0x89, b'P', b'N', b'G', 0, 0, 1], "logo.png").unwrap_err();
        assert!(matches!(err, Error::Binary { .. }));
        assert!(err.to_string().contains("logo.png"));
        let err = decode(b"  \n\t ", "empty.txt").unwrap_err();
        assert!(matches!(err, Error::Empty { .. }), "{err}");
        let err = decode(&[0xE4, 0xB8, 0xFF, 0xFF, 0x81, 0x30], "bad.txt").unwrap_err();
        assert!(matches!(err, Error::Undecodable { .. }), "{err}");
        assert!(err.to_string().contains("bad.txt"));
    }
}
