//! The word dictionaries behind the word analyzer, and how a short text (a query) is cut without
//! loading them in full.
//!
//! Building jieba's dictionary (349,045 words) takes ~170 ms, which a one-shot `plansearch search`
//! would otherwise spend before its first result. Jieba only ever consults words that occur in
//! the text being cut (the DAG is built from dictionary words found at each character, search mode
//! adds the 2- and 3-character sub-words found in the dictionary, and the HMM model is compiled
//! in), and the only global figure it uses is the total of all frequencies. So a short text is cut
//! with a dictionary holding just the words that occur in it, plus one filler entry that makes the
//! total equal, and gets exactly the tokens the full dictionary gives (tested on every seed
//! passage). Words are found by binary search in a sorted copy of jieba's own `dict.txt`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy_jieba::jieba_rs::Jieba;

use crate::analysis::domain_dictionary;

/// jieba-rs 0.11's `dict.txt` (MIT, see `data/README.md`): one `word freq tag` per line, sorted by
/// the bytes of the word, no word twice. The tests check it cuts text exactly as jieba-rs's
/// embedded copy does.
const JIEBA_DICTIONARY: &str = include_str!("../../data/jieba_dict.txt");
/// Sum of the frequencies in [`JIEBA_DICTIONARY`] (checked by a test).
const JIEBA_TOTAL: usize = 60_101_964;
/// Longest word in [`JIEBA_DICTIONARY`], in characters (checked by a test).
const JIEBA_LONGEST: usize = 16;
/// Texts up to this many bytes (queries, headings) are cut with a dictionary of their own words
/// while the full one is not loaded; a longer text loads it. Default 512.
const SMALL_TEXT_BYTES: usize = 512;
/// The filler word that brings a small dictionary's total up to the full one's. A noncharacter,
/// so no text holds it (a text that does is cut with the full dictionary).
const FILLER: &str = "\u{10FFFF}";

/// One set of word dictionaries: jieba's, the shipped planning terms and optionally a user's
/// (normalized text). The full jieba dictionary is built on first need.
pub struct Dictionaries {
    user: Option<String>,
    /// Words of the shipped and user dictionaries with their frequencies, later entries replacing
    /// earlier ones (as jieba's `load_dict` does).
    added: HashMap<String, usize>,
    total: usize,
    longest: usize,
    full: OnceLock<Jieba>,
}

impl Dictionaries {
    /// The dictionaries with the shipped planning terms and `user` (normalized text), one shared
    /// instance per process for each distinct `user`.
    pub fn shared(user: Option<&str>) -> Arc<Dictionaries> {
        static BASE: OnceLock<Arc<Dictionaries>> = OnceLock::new();
        static WITH_USER: Mutex<Vec<(String, Arc<Dictionaries>)>> = Mutex::new(Vec::new());
        let base = BASE.get_or_init(|| Arc::new(Dictionaries::new(None)));
        let Some(user) = user.filter(|u| !u.trim().is_empty()) else {
            return base.clone();
        };
        let mut cache = WITH_USER.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, d)) = cache.iter().find(|(k, _)| k == user) {
            return d.clone();
        }
        let d = Arc::new(Dictionaries::new(Some(user.to_string())));
        cache.push((user.to_string(), d.clone()));
        d
    }

    fn new(user: Option<String>) -> Dictionaries {
        let mut d = Dictionaries {
            user: None,
            added: HashMap::new(),
            total: JIEBA_TOTAL,
            longest: JIEBA_LONGEST,
            full: OnceLock::new(),
        };
        d.add(domain_dictionary());
        if let Some(user) = user {
            d.add(&user);
            d.user = Some(user);
        }
        d
    }

    /// Adds the entries of a normalized dictionary: a missing frequency counts as 0, as in
    /// jieba's `load_dict`.
    fn add(&mut self, dict: &str) {
        for line in dict.lines() {
            let mut parts = line.split_whitespace();
            let Some(word) = parts.next() else { continue };
            let freq = parts.next().and_then(|f| f.parse().ok()).unwrap_or(0);
            let old = self.freq(word).unwrap_or(0);
            self.total = self.total - old + freq;
            self.longest = self.longest.max(word.chars().count());
            self.added.insert(word.to_string(), freq);
        }
    }

    /// The frequency of `word`, if it is in the dictionaries.
    fn freq(&self, word: &str) -> Option<usize> {
        self.added.get(word).copied().or_else(|| jieba_freq(word))
    }

    /// The full dictionary, built on first use (~170 ms for jieba's own words).
    pub fn full(&self) -> &Jieba {
        self.full.get_or_init(|| match &self.user {
            None => {
                let mut j = Jieba::new();
                if let Err(e) = j.load_dict(&mut domain_dictionary().as_bytes()) {
                    tracing::error!("shipped dictionary not loaded: {e}");
                }
                j
            }
            Some(user) => {
                let base = Dictionaries::shared(None);
                let mut j = Jieba::clone(base.full());
                if let Err(e) = j.load_dict(&mut user.as_bytes()) {
                    tracing::warn!("user dictionary ignored: {e}");
                    return Jieba::clone(base.full());
                }
                j
            }
        })
    }

    /// Whether the full dictionary has been built.
    pub fn is_loaded(&self) -> bool {
        self.full.get().is_some()
    }

    /// The dictionary to cut `text` with: the full one when it is built or `text` is long,
    /// otherwise one holding just the words that occur in `text`.
    pub fn for_text(&self, text: &str) -> Cow<'_, Jieba> {
        if let Some(full) = self.full.get() {
            return Cow::Borrowed(full);
        }
        if text.len() <= SMALL_TEXT_BYTES && !text.contains(FILLER) {
            if let Some(small) = self.small(text) {
                return Cow::Owned(small);
            }
        }
        Cow::Borrowed(self.full())
    }

    /// A dictionary of the words occurring in `text` with the full dictionary's total, or `None`
    /// if those words alone add up to more than it (then the full one must be used).
    fn small(&self, text: &str) -> Option<Jieba> {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut j = Jieba::empty();
        let mut seen = HashSet::new();
        let mut sum = 0usize;
        for (a, &start) in bounds.iter().enumerate() {
            for &end in bounds.iter().skip(a + 1).take(self.longest) {
                let word = &text[start..end];
                if !seen.insert(word) {
                    continue;
                }
                if let Some(freq) = self.freq(word) {
                    j.add_word(word, Some(freq), None);
                    sum += freq;
                }
            }
        }
        let rest = self.total.checked_sub(sum)?;
        j.add_word(FILLER, Some(rest), None);
        Some(j)
    }
}

/// The frequency of `word` in jieba's dictionary, by binary search over its sorted lines.
fn jieba_freq(word: &str) -> Option<usize> {
    let text = JIEBA_DICTIONARY;
    let bytes = text.as_bytes();
    // `lo` is always the start of a line; `hi` the end of the range still to search.
    let (mut lo, mut hi) = (0usize, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid].iter().rposition(|&b| b == b'\n').map_or(lo, |p| lo + p + 1);
        let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| start + p);
        let line = &text[start..end];
        let mut parts = line.split(' ');
        let key = parts.next().unwrap_or_default();
        match key.cmp(word) {
            std::cmp::Ordering::Equal => return parts.next().and_then(|f| f.parse().ok()),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::normalize_dictionary;
    use tantivy_jieba::jieba_rs::TokenizeMode;

    #[test]
    fn the_copy_of_jiebas_dictionary_is_sorted_and_its_constants_hold() {
        let mut previous = "";
        let (mut total, mut longest) = (0usize, 0usize);
        for line in JIEBA_DICTIONARY.lines() {
            let parts: Vec<&str> = line.split(' ').collect();
            assert_eq!(parts.len(), 3, "{line}");
            assert!(previous < parts[0], "not sorted at {line}");
            previous = parts[0];
            total += parts[1].parse::<usize>().unwrap();
            longest = longest.max(parts[0].chars().count());
        }
        assert_eq!(total, JIEBA_TOTAL);
        assert_eq!(longest, JIEBA_LONGEST);
        assert_eq!(jieba_freq("1号店"), Some(3), "first line");
        let last: Vec<&str> = JIEBA_DICTIONARY.lines().last().unwrap().split(' ').collect();
        assert_eq!(jieba_freq(last[0]), last[1].parse().ok(), "last line");
        for line in JIEBA_DICTIONARY.lines().step_by(997) {
            let parts: Vec<&str> = line.split(' ').collect();
            assert_eq!(jieba_freq(parts[0]), parts[1].parse().ok(), "{line}");
        }
        assert!(jieba_freq("无此词语甲乙").is_none() && jieba_freq("").is_none() && jieba_freq("\u{10FFFF}").is_none());
    }

    /// Every short text cuts the same with a small dictionary as with the full one, in both
    /// modes: all seed passages, and windows of them.
    #[test]
    fn small_dictionaries_cut_exactly_like_the_full_one() {
        small_cuts_match_full(&Dictionaries::new(None));
    }

    #[test]
    fn with_a_user_dictionary_too() {
        // Replaces a jieba word's frequency, adds a new word, and one without a frequency.
        let user = normalize_dictionary("城市 5\n永康五金 20000 n\n全域旅游\n", "user.txt").unwrap();
        let d = Dictionaries::new(Some(user));
        assert_eq!(d.freq("城市"), Some(5));
        small_cuts_match_full(&d);
        let small = d.small("打造永康五金之都").unwrap();
        assert!(small.cut("打造永康五金之都", true).iter().any(|t| t.word == "永康五金"));
    }

    fn small_cuts_match_full(d: &Dictionaries) {
        let full = d.full();
        let seeds = [
            include_str!("../../../../seeds/000_1a100416ab643aa2.txt"),
            include_str!("../../../../seeds/001_3b74ba35d8e38cd2.txt"),
        ];
        let mut texts = 0;
        for seed in seeds {
            let folded = plansearch_text::normalize::fold(seed).text;
            let chars: Vec<(usize, char)> = folded.char_indices().collect();
            for (n, window) in chars.chunks(24).enumerate() {
                let from = window[0].0;
                let to = chars.get((n + 1) * 24 + 40).map_or(folded.len(), |c| c.0);
                let text = &folded[from..to];
                let small = d.small(text).unwrap();
                for mode in [TokenizeMode::Search, TokenizeMode::Default] {
                    let a: Vec<_> = small.tokenize(text, mode, true).into_iter().map(|t| t.word).collect();
                    let b: Vec<_> = full.tokenize(text, mode, true).into_iter().map(|t| t.word).collect();
                    assert_eq!(a, b, "{text}");
                }
                texts += 1;
            }
        }
        assert!(texts > 300, "{texts}");
    }
}
