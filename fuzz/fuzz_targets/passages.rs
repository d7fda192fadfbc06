//! Layout repair, structure, splitting and tagging on arbitrary text: no panic, and every
//! passage keeps the contract (at most `MAX_PASSAGE_CHARS` characters, not empty, not
//! punctuation-only, source lines in order).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plansearch_text::departments::DepartmentLexicon;
use plansearch_text::split::MAX_PASSAGE_CHARS;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = plansearch_text::passages(text);
    let lexicon = DepartmentLexicon::builtin();
    for (i, p) in doc.passages.iter().enumerate() {
        assert_eq!(p.ordinal as usize, i);
        let n = p.text.chars().count();
        assert!(n <= MAX_PASSAGE_CHARS, "passage of {n} characters");
        assert!(p.text.chars().any(char::is_alphanumeric), "passage without letters: {:?}", p.text);
        assert!(p.line_start >= 1 && p.line_start <= p.line_end, "lines {}..{}", p.line_start, p.line_end);
        assert!(!p.section.is_empty() && p.section[0] == p.sector);
        let _ = lexicon.tag(&p.text);
        let _ = plansearch_text::commitments::extract(&p.text, Some(2021));
        let _ = plansearch_text::commitments::extract(&p.text, None);
    }
});
