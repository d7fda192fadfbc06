//! Text reuse: which stretches of one passage another one repeats, word for word or nearly.
//!
//! Method (the standard one of plagiarism and text-reuse detection, MOSS's winnowing):
//!
//! - **Comparable text.** Both sides are folded as search folds them ([`crate::normalize`]:
//!   traditional to simplified, full-width to half-width, lower case) and reduced to letters and
//!   digits, so punctuation, spaces and line breaks of a layout do not hide a repeat.
//! - **Shingles** are the [`SHINGLE_CHARS`]-character runs of that text. Two passages share a
//!   stretch where their shingles are equal.
//! - **Fingerprints** for an index: in each window of [`WINDOW`] consecutive shingles the one of
//!   least hash is kept ([`fingerprints`]). Any stretch of at least `SHINGLE_CHARS + WINDOW - 1`
//!   (= [`GUARANTEED_CHARS`]) characters two passages share then yields a fingerprint both have,
//!   so an index of fingerprints finds every such pair, at about a quarter of the shingles' size.
//! - **Exact verification** ([`overlap`]): the stretches both sides contain, found as runs of
//!   consecutive shingles that the other side has at consecutive positions (true common
//!   substrings: two repeated pieces that happen to touch stay two), of at least
//!   [`MIN_SPAN_CHARS`] characters (shorter runs are the stock phrases of every document,
//!   高质量发展, not reuse).
//!   `share` = (covered characters of both sides) / (characters of both sides): 1 for the same
//!   text, ½ when each side repeats half of the other, and small for a short heading that a long
//!   passage contains (containment alone would call that 100 %).

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use crate::normalize::{fold, is_searchable};

/// Characters per shingle. Five characters are two to three Chinese words: short enough to
/// survive an edited word, long enough that chance matches are rare.
pub const SHINGLE_CHARS: usize = 5;

/// Shingles per winnowing window.
pub const WINDOW: usize = 8;

/// A shared stretch at least this long always yields a shared fingerprint.
pub const GUARANTEED_CHARS: usize = SHINGLE_CHARS + WINDOW - 1;

/// Shared runs shorter than this (in comparable characters) are not counted or marked.
pub const MIN_SPAN_CHARS: usize = 10;

/// A text reduced to comparable characters, each with the byte range it came from.
#[derive(Debug, Clone, Default)]
pub struct Comparable {
    /// Folded letters and digits.
    pub chars: Vec<char>,
    /// `origin[i]` is the byte range in the original text of `chars[i]`.
    pub origin: Vec<(usize, usize)>,
}

impl Comparable {
    /// Reduces `text` (see the module documentation).
    pub fn new(text: &str) -> Comparable {
        let folded = fold(text);
        let mut out = Comparable::default();
        for (i, c) in folded.text.char_indices() {
            if !is_searchable(c) {
                continue;
            }
            let start = folded.origin[i];
            // A character that folding expanded (㈠ → (一)) maps several folded bytes to one
            // original character: its end is the next original offset after its start.
            let end = folded.origin[i + c.len_utf8()..].iter().copied().find(|&o| o > start).unwrap_or(text.len());
            out.chars.push(c);
            out.origin.push((start, end));
        }
        out
    }

    /// Number of comparable characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when the text has no letter or digit.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Hash of the shingle starting at each position (none when shorter than a shingle).
    fn shingle_hashes(&self) -> Vec<u64> {
        self.chars.windows(SHINGLE_CHARS).map(hash_chars).collect()
    }

    /// The original byte range of comparable characters `a..b`.
    fn byte_range(&self, a: usize, b: usize) -> (usize, usize) {
        (self.origin[a].0, self.origin[b - 1].1)
    }
}

/// FNV-1a over the characters: stable across runs and builds, which an index on disk needs.
fn hash_chars(chars: &[char]) -> u64 {
    let mut h = fnv::FnvHasher::default();
    for c in chars {
        h.write_u32(*c as u32);
    }
    h.finish()
}

/// The winnowed shingles of `text`, as strings, each once, in order of first appearance: what an
/// index stores per passage to find passages sharing a stretch of [`GUARANTEED_CHARS`] or more.
/// A text shorter than a window gives its least shingle; one shorter than a shingle gives none.
pub fn fingerprints(text: &str) -> Vec<String> {
    let c = Comparable::new(text);
    winnow(&c.shingle_hashes()).into_iter().map(|i| c.chars[i..i + SHINGLE_CHARS].iter().collect()).collect()
}

/// The same fingerprints as [`fingerprints`], as their 64-bit shingle hashes (stable FNV-1a over
/// the characters), in the same order: what the index stores, 8 bytes a term instead of a
/// shingle's 15 or so bytes of UTF-8.
pub fn fingerprint_hashes(text: &str) -> Vec<u64> {
    let hashes = Comparable::new(text).shingle_hashes();
    winnow(&hashes).into_iter().map(|i| hashes[i]).collect()
}

/// Winnowing: the position of the rightmost least hash of every window of [`WINDOW`] shingle
/// hashes, keeping the first position of each distinct hash.
fn winnow(hashes: &[u64]) -> Vec<usize> {
    let mut picked: Vec<usize> = Vec::new();
    if hashes.is_empty() {
        return Vec::new();
    }
    let w = WINDOW.min(hashes.len());
    for start in 0..=hashes.len() - w {
        // The rightmost least hash of the window (the standard tie rule, which keeps picks
        // shared between overlapping windows).
        let window = &hashes[start..start + w];
        let mut best = 0;
        for (i, h) in window.iter().enumerate() {
            if *h <= window[best] {
                best = i;
            }
        }
        let at = start + best;
        if picked.last() != Some(&at) {
            picked.push(at);
        }
    }
    let mut seen = HashSet::new();
    picked.into_iter().filter(|&i| seen.insert(hashes[i])).collect()
}

/// What two texts share.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// (covered characters of both) / (characters of both), in 0..=1.
    pub share: f32,
    /// Shared stretches of the hit, as UTF-8 byte ranges into the hit's original text.
    pub spans: Vec<(usize, usize)>,
    /// Shared stretches of the query, as byte ranges into the query's text.
    pub query_spans: Vec<(usize, usize)>,
    /// Share of the hit's comparable characters that the query repeats.
    pub hit_covered: f32,
    /// Share of the query's comparable characters that the hit repeats.
    pub query_covered: f32,
}

/// The shingles of a text to compare others against (one passage, or a whole document), with
/// where each occurs, so that a shared stretch is one the two texts have in the same order.
#[derive(Debug, Clone, Default)]
pub struct ShingleSet {
    /// Positions of each shingle, ascending. Texts added with [`ShingleSet::extend`] follow each
    /// other with a gap, so no stretch runs from one into the next.
    positions: HashMap<u64, Vec<u32>>,
    /// Position of the next text's first shingle.
    next: u32,
}

impl ShingleSet {
    /// The shingles of one text.
    pub fn new(text: &str) -> ShingleSet {
        let mut set = ShingleSet::default();
        set.extend(text);
        set
    }

    fn from_comparable(c: &Comparable) -> ShingleSet {
        let mut set = ShingleSet::default();
        set.add(c);
        set
    }

    fn add(&mut self, c: &Comparable) {
        let hashes = c.shingle_hashes();
        for (i, h) in hashes.iter().enumerate() {
            self.positions.entry(*h).or_default().push(self.next + i as u32);
        }
        self.next += hashes.len() as u32 + 1;
    }

    /// Adds the shingles of another text (to compare against a whole document).
    pub fn extend(&mut self, text: &str) {
        self.add(&Comparable::new(text));
    }

    /// True when no shingle is in the set.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    fn at(&self, h: u64) -> &[u32] {
        self.positions.get(&h).map_or(&[], Vec::as_slice)
    }

    /// The stretches of `text` this set repeats, as (first, end) comparable-character indices:
    /// runs of consecutive shingles found at consecutive positions of the set (so each is a true
    /// common substring of the two texts, not two repeats that happen to touch), of at least
    /// [`MIN_SPAN_CHARS`] characters. Runs that overlap are cut apart, so no character is
    /// counted twice.
    fn covered_runs(&self, c: &Comparable) -> Vec<(usize, usize)> {
        let hashes = c.shingle_hashes();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut push = |first: usize, last: usize| {
            let (a, b) = (first, last + SHINGLE_CHARS);
            if b - a < MIN_SPAN_CHARS {
                return;
            }
            match runs.last() {
                // The overlap belongs to the earlier run; what follows is still a substring.
                Some(&(_, end)) if a < end => {
                    if b > end {
                        runs.push((end, b));
                    }
                }
                _ => runs.push((a, b)),
            }
        };
        // Positions in the set where the current run's alignments stand, and where it began.
        let mut active: Vec<u32> = Vec::new();
        let mut start = 0;
        for (i, &h) in hashes.iter().enumerate() {
            let here = self.at(h);
            let cont: Vec<u32> =
                here.iter().copied().filter(|&p| p > 0 && active.binary_search(&(p - 1)).is_ok()).collect();
            if !cont.is_empty() {
                active = cont;
                continue;
            }
            if !active.is_empty() {
                push(start, i - 1);
            }
            active = here.to_vec();
            // A new alignment may have begun inside the run that just ended: trace it back.
            start = i;
            for &p in here {
                let mut j = 0;
                while j < i && p as usize > j && self.at(hashes[i - j - 1]).binary_search(&(p - j as u32 - 1)).is_ok() {
                    j += 1;
                }
                start = start.min(i - j);
            }
        }
        if !active.is_empty() {
            push(start, hashes.len() - 1);
        }
        runs
    }

    /// The stretches of `text` this set repeats, as byte ranges into `text`, and the share of
    /// `text`'s comparable characters they cover (0 for a text without letters or digits).
    pub fn containment(&self, text: &str) -> (Vec<(usize, usize)>, f32) {
        let c = Comparable::new(text);
        let runs = self.covered_runs(&c);
        let covered: usize = runs.iter().map(|(a, b)| b - a).sum();
        let share = if c.is_empty() { 0.0 } else { covered as f32 / c.len() as f32 };
        (runs.iter().map(|&(a, b)| c.byte_range(a, b)).collect(), share)
    }
}

/// Exactly what `query` and `hit` share (see the module documentation for `share`).
pub fn overlap(query: &str, hit: &str) -> Overlap {
    let q = Comparable::new(query);
    let h = Comparable::new(hit);
    let q_runs = ShingleSet::from_comparable(&h).covered_runs(&q);
    let h_runs = ShingleSet::from_comparable(&q).covered_runs(&h);
    let sum = |runs: &[(usize, usize)]| runs.iter().map(|(a, b)| b - a).sum::<usize>();
    let (qc, hc) = (sum(&q_runs), sum(&h_runs));
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f32 / d as f32 };
    Overlap {
        share: ratio(qc + hc, q.len() + h.len()),
        spans: h_runs.iter().map(|&(a, b)| h.byte_range(a, b)).collect(),
        query_spans: q_runs.iter().map(|&(a, b)| q.byte_range(a, b)).collect(),
        hit_covered: ratio(hc, h.len()),
        query_covered: ratio(qc, q.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Real wording: the 2024 and 2025 national reports' opening of the plan part, and a
    // province's rewording of the second.
    const N2024: &str = "今年经济社会发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。";
    const N2025: &str = "今年发展主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右，城镇新增就业1200万人以上；居民消费价格涨幅2%左右。";

    #[test]
    fn identical_texts_share_everything() {
        let o = overlap(N2025, N2025);
        assert!((o.share - 1.0).abs() < 1e-6, "{o:?}");
        assert_eq!(o.spans.len(), 1);
        // The span covers the text from its first letter to its last (the closing 。 is not a
        // comparable character).
        assert_eq!(o.spans[0], (0, N2025.len() - "。".len()));
    }

    #[test]
    fn consecutive_years_share_most_and_spans_point_at_the_text() {
        let o = overlap(N2024, N2025);
        assert!(o.share > 0.5 && o.share < 1.0, "{o:?}");
        for &(a, b) in &o.spans {
            let s = &N2025[a..b];
            assert!(N2025.is_char_boundary(a) && N2025.is_char_boundary(b));
            // Every marked stretch, reduced to letters and digits, occurs in the other text.
            let strip = |t: &str| t.chars().filter(|c| is_searchable(*c)).collect::<String>();
            assert!(strip(N2024).contains(&strip(s)), "{s}");
        }
        let marked: Vec<&str> = o.spans.iter().map(|&(a, b)| &N2025[a..b]).collect();
        assert!(marked.iter().any(|s| s.contains("国内生产总值增长5%左右")), "{marked:?}");
        // The changed figure (3% → 2%) is not inside a span that crosses it.
        assert!(!marked.iter().any(|s| s.contains("涨幅2%")), "{marked:?}");
    }

    #[test]
    fn spans_are_common_substrings_even_when_pieces_are_reordered() {
        // The 2024 and 2025 reports list 就业 and 失业率 in opposite orders; every shingle of
        // `增长5%左右；城镇新增就业` occurs in the other text, but not in that order.
        let o = overlap(N2025, N2024);
        let strip = |t: &str| t.chars().filter(|c| is_searchable(*c)).collect::<String>();
        for &(a, b) in &o.spans {
            assert!(strip(N2025).contains(&strip(&N2024[a..b])), "{}", &N2024[a..b]);
        }
        for &(a, b) in &o.query_spans {
            assert!(strip(N2024).contains(&strip(&N2025[a..b])), "{}", &N2025[a..b]);
        }
        assert!(o.spans.len() >= 3, "{:?}", o.spans);
    }

    #[test]
    fn layout_width_and_script_do_not_hide_a_repeat() {
        let o = overlap(
            "国内生产总值增长５％左右，城镇新增就业\n1200万人以上",
            "國內生產總值增長5%左右；城鎮新增就業1200萬人以上",
        );
        assert!(o.share > 0.99, "{o:?}");
    }

    #[test]
    fn unrelated_texts_and_stock_phrases_share_nothing() {
        let o = overlap(N2025, "坚持以习近平新时代中国特色社会主义思想为指导，推动高质量发展。");
        assert_eq!(o.share, 0.0, "{o:?}");
        assert!(o.spans.is_empty());
        // A short heading inside a long passage: fully contained, yet a small share.
        let o = overlap("城镇调查失业率5.5%左右", N2025);
        assert!(o.query_covered > 0.99 && o.share < 0.4, "{o:?}");
        let o = overlap("", N2025);
        assert_eq!((o.share, o.spans.len()), (0.0, 0));
    }

    #[test]
    fn fingerprints_find_every_long_shared_stretch() {
        // Two texts sharing one stretch of GUARANTEED_CHARS characters, padded with different
        // text, always share a fingerprint (the winnowing guarantee).
        let shared = "城镇调查失业率5.5%左右城镇新增就业";
        assert!(shared.chars().filter(|c| is_searchable(*c)).count() >= GUARANTEED_CHARS);
        let a = format!("深化农村改革巩固拓展脱贫攻坚成果{shared}推进乡村全面振兴");
        let b = format!("加快建设现代化产业体系发展新质生产力{shared}扩大高水平对外开放");
        let fa: HashSet<String> = fingerprints(&a).into_iter().collect();
        assert!(fingerprints(&b).iter().any(|f| fa.contains(f)));
        // Fingerprints are far fewer than shingles, each once, and SHINGLE_CHARS long.
        let f = fingerprints(N2024);
        let shingles = Comparable::new(N2024).len() - SHINGLE_CHARS + 1;
        assert!(f.len() * 2 < shingles, "{} of {shingles}", f.len());
        assert!(f.iter().all(|s| s.chars().count() == SHINGLE_CHARS));
        assert_eq!(f.iter().collect::<HashSet<_>>().len(), f.len());
        assert!(fingerprints("五个字以下").len() == 1 && fingerprints("四个字").is_empty());
        // The hashes the index stores are those of the same shingles, in the same order, and
        // keep the guarantee.
        let by_hash: Vec<u64> = f.iter().map(|s| hash_chars(&s.chars().collect::<Vec<_>>())).collect();
        assert_eq!(fingerprint_hashes(N2024), by_hash);
        let ha: HashSet<u64> = fingerprint_hashes(&a).into_iter().collect();
        assert!(fingerprint_hashes(&b).iter().any(|h| ha.contains(h)));
    }

    #[test]
    fn containment_against_a_whole_document() {
        let mut doc = ShingleSet::new(N2024);
        doc.extend("扎实推进绿色低碳发展，积极稳妥推进碳达峰碳中和。");
        let text = "各地要积极稳妥推进碳达峰碳中和，国内生产总值增长5%左右。";
        let (spans, share) = doc.containment(text);
        let marked: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(marked, ["积极稳妥推进碳达峰碳中和", "国内生产总值增长5%左右"]);
        assert!(share > 0.7 && share < 1.0, "{share}");
    }
}
