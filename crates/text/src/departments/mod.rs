//! Who is responsible: tags a passage with the county-level departments (局) whose remit it
//! describes, from an editable lexicon of signal terms.
//!
//! The lexicon is TOML (`crates/text/data/departments.toml`, compiled in as
//! [`DepartmentLexicon::builtin`], or a user's own file through
//! [`DepartmentLexicon::from_toml_str`]). Each department has a canonical name, short forms
//! (aliases), **strong** terms (unambiguous: one is enough) and **weak** terms (supporting
//! evidence). A top-level `ignore` list holds phrases that contain a term but signal nothing
//! (高速发展 contains 高速).
//!
//! Rules [`DepartmentLexicon::tag`] follows, and why:
//!
//! - **Folding.** Text and terms are compared after folding full-width ASCII to ASCII,
//!   lower-casing ASCII and dropping white space (and zero-width characters), so `５Ｇ基站`,
//!   `5G 基站` and `5g基站` all match the term `5G基站`.
//! - **Longest match wins.** The text is scanned left to right; at each position the longest
//!   term starting there is taken and the scan resumes after it. So 义务教育 in
//!   加大义务教育优质资源供给 counts once, and 养老 does not also count inside 养老保险.
//!   Ignore phrases take part in this and are then dropped.
//! - **Names are strong terms.** A canonical name or alias in the text (市教育局) is strong
//!   evidence for that department.
//! - **Example lists are weak.** A term that is a whole item of an example list closed by 等
//!   (`防范风险、精准脱贫、污染防治、乡村振兴等方面`) counts as weak even if it is strong: such a
//!   list names fields in passing, it does not assign work.
//! - **Qualifying.** A department is tagged when, outside example lists, it has a strong hit or
//!   two weak hits (two different weak terms, or one weak term twice); or when more than half of
//!   the items of one example list (and at least two) are its terms.
//! - **Ranking.** Evidence score = 3 per distinct strong term + 1 per distinct weak term + 1 per
//!   further occurrence of a term (at most 2 per term). Departments are ranked by score, then by
//!   first occurrence, then lexicon order; those scoring below a quarter of the best are dropped
//!   as incidental, and at most [`MAX_DEPARTMENTS`] are kept.
//!
//! Matching uses an index of terms by first character (longest first), so the cost is one hash
//! look-up per character of text plus a prefix comparison per candidate, nearly independent of
//! the size of the lexicon (the builtin one has about 930 distinct terms, names included).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::{Error, Result};

mod lexicon;

/// The shipped lexicon, as TOML. Write it out for users who want to edit their own copy.
pub const BUILTIN_TOML: &str = include_str!("../../data/departments.toml");

/// File name used in errors about the builtin lexicon.
const BUILTIN_NAME: &str = "departments.toml (builtin)";

/// At most this many departments are tagged on one passage.
pub const MAX_DEPARTMENTS: usize = 4;

/// Score of a distinct strong term.
const STRONG_SCORE: u32 = 3;
/// Score of a distinct weak term.
const WEAK_SCORE: u32 = 1;
/// A repeated term adds 1 per further occurrence, up to this many.
const MAX_REPEAT_BONUS: u32 = 2;
/// A department whose score is below `best / RELATIVE_CUT` is dropped as incidental.
const RELATIVE_CUT: u32 = 4;

/// Bump when the matching or scoring rules change, so that [`DepartmentLexicon::fingerprint`]
/// changes and indexes built with the old rules are recognised as stale.
const RULES_VERSION: u32 = 2;

/// The level of government a document speaks for ([`crate::document::infer`] finds it);
/// departments are named as that level names them (教育部, 教育厅, 教育局).
pub use crate::document::Level;

/// Position of a level in [`Department::names`] (top down, as [`Level::ALL`]).
fn level_index(level: Level) -> usize {
    match level {
        Level::National => 0,
        Level::Provincial => 1,
        Level::City => 2,
        Level::County => 3,
    }
}

/// A department held responsible for a passage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DepartmentTag {
    /// The department as the document's level names it: `教育局` for a county (the default of
    /// [`DepartmentLexicon::tag`]), `教育厅` for a province, `教育部` nationally.
    pub name: String,
    /// Level-independent key, e.g. `教育`; the same at every level.
    #[serde(default)]
    pub key: String,
    /// Lexicon terms found, in order of first occurrence, without duplicates.
    pub terms: Vec<String>,
    /// Why, clause by clause: each clause that gave evidence, with its terms.
    #[serde(default)]
    pub why: Vec<Why>,
}

/// One clause of a passage and the terms in it that point to a department.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Why {
    /// The clause as written (trimmed).
    pub clause: String,
    pub terms: Vec<String>,
}

/// How much one occurrence of a term says about a department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Weak,
    Strong,
}

/// One distinct (folded) term and the departments it speaks for; no owners means "ignore".
#[derive(Debug, Clone)]
struct Term {
    /// The term as the lexicon spells it (first spelling seen), reported in tags.
    display: String,
    /// The folded form that is matched against folded text.
    folded: String,
    owners: Vec<(usize, Strength)>,
}

#[derive(Debug, Clone)]
struct Department {
    /// The county-level name (the lexicon's `name`), which the index stores.
    name: String,
    /// Level-independent key (`key`, else `name` without its 局).
    key: String,
    /// Name at each level ([`level_index`] order).
    names: [String; 4],
    aliases: Vec<String>,
}

/// A parsed department lexicon, ready to tag passages.
#[derive(Debug, Clone)]
pub struct DepartmentLexicon {
    departments: Vec<Department>,
    terms: Vec<Term>,
    /// Term indexes by first character of the folded term, longest term first.
    by_first_char: HashMap<char, Vec<usize>>,
    fingerprint: String,
}

impl DepartmentLexicon {
    /// The canonical name for a canonical name or short form (surrounding white space ignored);
    /// `None` if the lexicon does not know it.
    ///
    /// Any level's name (教育厅, 国家卫生健康委员会) and the level-independent key (教育) are
    /// accepted; the answer is the county-level name the index stores.
    pub fn resolve(&self, name_or_alias: &str) -> Option<&str> {
        self.find(name_or_alias).map(|d| d.name.as_str())
    }

    /// The level-independent key (`教育`) for any name, short form or key.
    pub fn key_of(&self, name_or_alias: &str) -> Option<&str> {
        self.find(name_or_alias).map(|d| d.key.as_str())
    }

    /// The department's name at `level` (教育局 → 教育厅 for [`Level::Provincial`]).
    pub fn name_at(&self, name_or_alias: &str, level: Level) -> Option<&str> {
        self.find(name_or_alias).map(|d| d.names[level_index(level)].as_str())
    }

    fn find(&self, name_or_alias: &str) -> Option<&Department> {
        let wanted = name_or_alias.trim();
        self.departments.iter().find(|d| d.name == wanted || d.key == wanted || d.aliases.iter().any(|a| a == wanted))
    }

    /// Canonical names, in lexicon order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.departments.iter().map(|d| d.name.as_str())
    }

    /// Short forms of a department (given by canonical name or alias); empty if unknown.
    pub fn aliases(&self, name_or_alias: &str) -> &[String] {
        self.resolve(name_or_alias)
            .and_then(|name| self.departments.iter().find(|d| d.name == name))
            .map_or(&[], |d| d.aliases.as_slice())
    }

    /// Number of distinct terms, including names, aliases and ignore phrases.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Departments responsible for this passage text, strongest evidence first, named at
    /// county level (see [`DepartmentLexicon::tag_at`]).
    pub fn tag(&self, text: &str) -> Vec<DepartmentTag> {
        self.tag_at(text, Level::County)
    }

    /// Departments responsible for this passage text, strongest evidence first, named as
    /// `level` names them; empty when none is clear (see the module docs for the rules).
    pub fn tag_at(&self, text: &str, level: Level) -> Vec<DepartmentTag> {
        self.tag_with(text, level, None)
    }

    /// [`DepartmentLexicon::tag_at`], with terms starting on jieba's word boundaries when `jieba`
    /// is given (pass the process's one instance): 预算外资金 is not 外资, 国内外贸易 not 外贸.
    pub fn tag_with(&self, text: &str, level: Level, jieba: Option<&jieba_rs::Jieba>) -> Vec<DepartmentTag> {
        let mut hits: Vec<Hit> = Vec::new();
        let mut clauses: Vec<&str> = Vec::new();
        // Clauses are folded one by one; offsets are made global by a running base, so example
        // lists and first occurrences stay comparable across clauses.
        let mut base = 0;
        for (sentence, (sentence_start, sentence_end)) in
            pieces(text, 0, text.len(), is_sentence_end).into_iter().enumerate()
        {
            for (start, end) in pieces(text, sentence_start, sentence_end, is_clause_end) {
                let clause = text[start..end].trim();
                if clause.is_empty() {
                    continue;
                }
                let folded = fold(clause);
                // Word boundaries only ever rule a match out: a clause in which no term occurs
                // at all (most of them) is not cut.
                if self.scan(&folded, None).next().is_none() {
                    base += folded.len() + 1;
                    clauses.push(clause);
                    continue;
                }
                let bounds: Option<Vec<usize>> = jieba.map(|j| {
                    let mut b: Vec<usize> = j.cut(&folded, true).iter().map(|w| w.byte_start).collect();
                    b.push(folded.len());
                    b
                });
                for (start, end, term) in self.scan(&folded, bounds.as_deref()) {
                    let owners = &self.terms[term].owners;
                    if owners.is_empty() {
                        continue; // an ignore phrase: it only shields its words from shorter terms
                    }
                    let list = example_list(&folded, start, end)
                        .map(|l| ExampleList { closing: l.closing + base, items: l.items });
                    for &(department, strength) in owners {
                        hits.push(Hit {
                            department,
                            term,
                            strength: if list.is_some() { Strength::Weak } else { strength },
                            list,
                            start: start + base,
                            sentence,
                            clause: clauses.len(),
                        });
                    }
                }
                base += folded.len() + 1;
                clauses.push(clause);
            }
        }

        // (department, score, first position, clauses with evidence) of those that qualify:
        // per sentence, by the rules of `qualifies`; scores add up over sentences.
        let mut ranked: Vec<(usize, u32, usize, Vec<usize>)> = Vec::new();
        for department in 0..self.departments.len() {
            let own: Vec<&Hit> = hits.iter().filter(|h| h.department == department).collect();
            let mut total = 0;
            let mut first = None;
            let mut evidence: Vec<usize> = Vec::new();
            let mut sentences: Vec<usize> = own.iter().map(|h| h.sentence).collect();
            sentences.dedup();
            for sentence in sentences {
                let in_sentence: Vec<&Hit> = own.iter().copied().filter(|h| h.sentence == sentence).collect();
                if !qualifies(&in_sentence) {
                    continue;
                }
                total += score(&in_sentence);
                first = first.or(in_sentence.first().map(|h| h.start));
                for h in &in_sentence {
                    if !evidence.contains(&h.clause) {
                        evidence.push(h.clause);
                    }
                }
            }
            if let Some(first) = first {
                ranked.push((department, total, first, evidence));
            }
        }
        // Stable sort keeps lexicon order among equal scores and positions.
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let best = ranked.first().map_or(0, |r| r.1);
        ranked
            .into_iter()
            .filter(|r| r.1 * RELATIVE_CUT >= best)
            .take(MAX_DEPARTMENTS)
            .map(|(department, _, _, evidence)| {
                let own = || hits.iter().filter(move |h| h.department == department);
                let display = |h: &Hit| self.terms[h.term].display.clone();
                let mut terms: Vec<String> = Vec::new();
                for hit in own().filter(|h| evidence.contains(&h.clause)) {
                    if !terms.contains(&display(hit)) {
                        terms.push(display(hit));
                    }
                }
                let why = evidence
                    .iter()
                    .map(|&clause| {
                        let mut terms: Vec<String> = Vec::new();
                        for hit in own().filter(|h| h.clause == clause) {
                            if !terms.contains(&display(hit)) {
                                terms.push(display(hit));
                            }
                        }
                        Why { clause: clauses[clause].to_string(), terms }
                    })
                    .collect();
                let d = &self.departments[department];
                DepartmentTag { name: d.names[level_index(level)].clone(), key: d.key.clone(), terms, why }
            })
            .collect()
    }

    /// A stable hex string that changes whenever the lexicon's content (or the tagging rules)
    /// change, but not with comments or formatting; stored by the index to detect staleness.
    pub fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    /// Leftmost-longest, non-overlapping matches over folded text: (start, end, term index).
    ///
    /// With `bounds` (jieba's word boundaries in `folded`), a term must start on one, so 外资
    /// does not match inside 预算外/资金 nor 外贸 inside 国内外/贸易. It may end inside a word
    /// (财政 in 财政管理, 长期护理保险 in 保险制度): jieba's words are often longer than terms.
    fn scan<'a>(
        &'a self,
        folded: &'a str,
        bounds: Option<&'a [usize]>,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let mut position = 0;
        let on_bound = move |at: usize| bounds.is_none_or(|b| b.binary_search(&at).is_ok());
        std::iter::from_fn(move || {
            while let Some(c) = folded[position..].chars().next() {
                let here = position;
                let hit = self.by_first_char.get(&c).filter(|_| on_bound(here)).and_then(|candidates| {
                    candidates.iter().copied().find(|&i| folded[here..].starts_with(self.terms[i].folded.as_str()))
                });
                match hit {
                    Some(i) => {
                        position = here + self.terms[i].folded.len();
                        return Some((here, position, i));
                    }
                    None => position = here + c.len_utf8(),
                }
            }
            None
        })
    }
}

/// One occurrence of a term, as evidence for one department.
#[derive(Debug, Clone, Copy)]
struct Hit {
    department: usize,
    term: usize,
    /// The term's strength for this department, or weak if it is an example-list item.
    strength: Strength,
    /// The example list the occurrence is an item of, if any.
    list: Option<ExampleList>,
    /// Byte offset in the folded text (clauses laid end to end).
    start: usize,
    /// Sentence and clause of the passage the occurrence is in.
    sentence: usize,
    clause: usize,
}

/// An example list "A、B、C等": identified by the offset of its 等, with its number of items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ExampleList {
    closing: usize,
    items: usize,
}

/// Whether one department's hits (in text order) are enough to tag it: a strong term outside
/// example lists; or two weak occurrences outside example lists; or at least two items of one
/// example list, making up more than half of its items (a list of education stages is about
/// education; a list of public places that includes a library is not about culture).
fn qualifies(hits: &[&Hit]) -> bool {
    let plain = || hits.iter().filter(|h| h.list.is_none());
    if plain().any(|h| h.strength == Strength::Strong) || plain().count() >= 2 {
        return true;
    }
    hits.iter().filter_map(|h| h.list).any(|list| {
        let mut terms: Vec<usize> = hits.iter().filter(|h| h.list == Some(list)).map(|h| h.term).collect();
        terms.dedup();
        terms.len() >= 2 && terms.len() * 2 > list.items
    })
}

/// Evidence score of one department's hits: per distinct term, [`STRONG_SCORE`] if any
/// occurrence counted strong, else [`WEAK_SCORE`]; plus one per further occurrence, at most
/// [`MAX_REPEAT_BONUS`] per term.
fn score(hits: &[&Hit]) -> u32 {
    let mut seen: Vec<usize> = Vec::new();
    let mut total = 0;
    for hit in hits {
        if seen.contains(&hit.term) {
            continue;
        }
        seen.push(hit.term);
        let same: Vec<&&Hit> = hits.iter().filter(|h| h.term == hit.term).collect();
        let strong = same.iter().any(|h| h.strength == Strength::Strong);
        let repeats = u32::try_from(same.len() - 1).unwrap_or(u32::MAX);
        total += if strong { STRONG_SCORE } else { WEAK_SCORE } + repeats.min(MAX_REPEAT_BONUS);
    }
    total
}

/// Folds text for matching: full-width ASCII to ASCII, ASCII lower case, no white space or
/// zero-width characters.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}') {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The example list closed by 等 of which the match `start..end` (in folded text) is a whole
/// item, if any: the match is followed (after closing quotes or brackets) by 、 or 等, and a
/// run of 、-separated items reaches 等 before the clause ends.
fn example_list(folded: &str, start: usize, end: usize) -> Option<ExampleList> {
    const CLOSERS: &[char] = &['”', '’', '"', '\'', ')', '）', '》', '」', '】'];
    const CLAUSE_END: &[char] = &['，', ',', '。', '；', ';', '：', ':', '！', '？', '!', '?', '\n'];
    let after = folded[end..].trim_start_matches(CLOSERS);
    let closing = match after.chars().next()? {
        '等' => folded.len() - after.len(),
        '、' => {
            let rest = &after['、'.len_utf8()..];
            let clause = rest.find(CLAUSE_END).map_or(rest, |i| &rest[..i]);
            folded.len() - rest.len() + clause.find('等')?
        }
        _ => return None,
    };
    let clause_start =
        folded[..start].rfind(CLAUSE_END).map_or(0, |i| i + folded[i..].chars().next().map_or(1, char::len_utf8));
    let separators = folded[clause_start..closing].matches('、').count();
    (separators > 0).then_some(ExampleList { closing, items: separators + 1 })
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n')
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':')
}

/// `text[start..end]` cut at separator characters (dropped).
fn pieces(text: &str, start: usize, end: usize, is_separator: fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut piece_start = start;
    for (i, c) in text[start..end].char_indices() {
        if is_separator(c) {
            out.push((piece_start, start + i));
            piece_start = start + i + c.len_utf8();
        }
    }
    out.push((piece_start, end));
    out
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::lexicon::LexiconFile;
    use super::*;
    use crate::commitments::seeds::{Y000, Y001_2021, Y001_PLAN};

    fn lexicon() -> &'static DepartmentLexicon {
        DepartmentLexicon::builtin()
    }

    /// Seed 000 paragraph under a keyword.
    fn y000(keyword: &str) -> &'static str {
        Y000.iter()
            .find(|(_, k, _)| *k == keyword)
            .map(|(_, _, text)| *text)
            .unwrap_or_else(|| panic!("no seed paragraph {keyword}"))
    }

    fn names(text: &str) -> Vec<String> {
        lexicon().tag(text).into_iter().map(|t| t.name).collect()
    }

    fn first(text: &str) -> String {
        names(text).into_iter().next().unwrap_or_default()
    }

    fn bad(src: &str) -> String {
        let result = DepartmentLexicon::from_toml_str(src, "my.toml");
        let Err(Error::BadLexicon { name, message }) = result else {
            panic!("expected BadLexicon for {src:?}, got {result:?}");
        };
        assert_eq!(name, "my.toml");
        message
    }

    const CANONICAL: [&str; 24] = [
        "发展和改革局",
        "经济和信息化局",
        "科学技术局",
        "教育局",
        "公安局",
        "民政局",
        "司法局",
        "财政局",
        "人力资源和社会保障局",
        "自然资源和规划局",
        "生态环境局",
        "住房和城乡建设局",
        "交通运输局",
        "水务局",
        "农业农村局",
        "商务局",
        "文化和广电旅游体育局",
        "卫生健康局",
        "退役军人事务局",
        "应急管理局",
        "市场监督管理局",
        "综合行政执法局",
        "医疗保障局",
        "大数据发展管理局",
    ];

    #[test]
    fn builtin_has_every_department_with_enough_terms() {
        let lexicon = lexicon();
        assert_eq!(lexicon.names().collect::<Vec<_>>(), CANONICAL);
        let file: LexiconFile = toml::from_str(BUILTIN_TOML).expect("builtin parses");
        let rich = file.departments.iter().filter(|d| d.strong.len() + d.weak.len() >= 15).count();
        assert!(rich >= 22, "only {rich} departments have 15+ terms");
        assert!(lexicon.term_count() > 600);
    }

    #[test]
    fn every_alias_resolves() {
        let pairs = [
            ("发改局", "发展和改革局"),
            ("经信局", "经济和信息化局"),
            ("科技局", "科学技术局"),
            ("人社局", "人力资源和社会保障局"),
            ("资规局", "自然资源和规划局"),
            ("环保局", "生态环境局"),
            ("住建局", "住房和城乡建设局"),
            ("交通局", "交通运输局"),
            ("水利局", "水务局"),
            ("农业局", "农业农村局"),
            ("文广旅体局", "文化和广电旅游体育局"),
            ("卫健局", "卫生健康局"),
            ("应急局", "应急管理局"),
            ("市场监管局", "市场监督管理局"),
            ("综合执法局", "综合行政执法局"),
            ("医保局", "医疗保障局"),
            ("数据局", "大数据发展管理局"),
        ];
        for (alias, name) in pairs {
            assert_eq!(lexicon().resolve(alias), Some(name), "{alias}");
            assert!(lexicon().aliases(name).iter().any(|a| a == alias));
        }
        for name in CANONICAL {
            assert_eq!(lexicon().resolve(name), Some(name));
        }
        assert_eq!(lexicon().resolve("  教育局\t"), Some("教育局"));
        // Every level's name and the key resolve to the same department.
        for name in ["教育部", "教育厅", "教育"] {
            assert_eq!(lexicon().resolve(name), Some("教育局"), "{name}");
        }
        assert_eq!(lexicon().resolve("工业和信息化厅"), Some("经济和信息化局"));
        assert_eq!(lexicon().resolve("国家卫生健康委员会"), Some("卫生健康局"));
        assert_eq!(lexicon().resolve("教育委员会"), None);
        assert_eq!(lexicon().resolve(""), None);
    }

    #[test]
    fn seed_000_every_sector() {
        // 产业形态
        assert_eq!(names(y000("加快制造业高质量发展")), ["经济和信息化局"]);
        assert_eq!(first(y000("提升高效生态农业发展水平")), "农业农村局");
        // 基础设施
        assert_eq!(names(y000("打造浙中交通枢纽副中心")), ["交通运输局"]);
        assert_eq!(names(y000("优化安全美丽水网")), ["水务局"]);
        assert_eq!(first(y000("完善能源安全保障体系")), "发展和改革局");
        assert_eq!(first(y000("构筑全面对外开放新格局")), "商务局");
        // 民生实事
        assert_eq!(names(y000("加快实现教育现代化")), ["教育局"]);
        assert_eq!(first(y000("打造永武缙区域医疗中心")), "卫生健康局");
        assert_eq!(first(y000("打造五金人才集聚高地")), "人力资源和社会保障局");
        // 生态环境
        assert_eq!(names(y000("打造天蓝地绿水清美丽生态")), ["生态环境局"]);
        assert_eq!(first(y000("系统推进生态保护治理")), "自然资源和规划局");
        assert_eq!(names(y000("千方百计提高就业质量")), ["人力资源和社会保障局"]);
        assert_eq!(names(y000("完善社会保险兜底服务")), ["民政局", "人力资源和社会保障局", "退役军人事务局"]);
        assert_eq!(names(y000("强化生态环境应急安全监管体系")), ["应急管理局", "生态环境局"]);
        // 文化建设
        assert_eq!(names(y000("推进公共文化服务设施提标提质")), ["文化和广电旅游体育局"]);
        assert_eq!(names(y000("积极推动文旅融合发展")), ["文化和广电旅游体育局"]);
        assert_eq!(names(y000("打造县域社会治理新高地")), ["司法局", "应急管理局", "公安局"]);
        // 城乡面貌
        assert_eq!(names(y000("升级活力多彩乡村")), ["农业农村局"]);
        assert_eq!(names(y000("建设现代美丽城镇")), ["住房和城乡建设局"]);
        assert_eq!(first(y000("建设品质中心城区")), "住房和城乡建设局");
    }

    #[test]
    fn digital_infrastructure_is_not_every_bureau_it_lists() {
        // 智慧教育, 智慧医疗, 智慧交通 … are application scenes here: weak, one each.
        let tags = names(y000("布局新型信息基础设施"));
        assert_eq!(tags, ["经济和信息化局", "大数据发展管理局"]);
    }

    #[test]
    fn passages_that_must_not_carry_a_department() {
        let culture = names(y000("擦亮“永康文化”金名片"));
        assert_eq!(culture, ["文化和广电旅游体育局"]);
        assert!(!culture.iter().any(|n| n == "公安局"));
        // 青少年思想道德教育 is moral education, not the education bureau's.
        assert!(names(y000("深入践行社会主义核心价值观")).is_empty());
        // 景区、医院、图书馆、公共交通等 is an example list of public places.
        let business = names(y000("打造营商环境最优市"));
        for absent in ["文化和广电旅游体育局", "卫生健康局", "交通运输局"] {
            assert!(!business.iter().any(|n| n == absent), "{business:?}");
        }
        assert_eq!(business[0], "发展和改革局");
        // 防范风险、精准脱贫、污染防治、乡村振兴等方面 names fields in passing.
        let craftsman = names(y000("打造“匠心永康”"));
        assert!(!craftsman.iter().any(|n| n == "农业农村局" || n == "生态环境局"), "{craftsman:?}");
        // The opening summary of the article is nobody's in particular.
        assert!(names(Y000[0].2).is_empty());
    }

    #[test]
    fn seed_001_passages() {
        let epidemic_start = Y001_2021.find("（一）着力精密智控").expect("seed text");
        let science_start = Y001_2021.find("（二）着力科技与品牌").expect("seed text");
        let epidemic = &Y001_2021[epidemic_start..science_start];
        let science = &Y001_2021[science_start..];
        let tags = names(epidemic);
        assert_eq!(tags, ["卫生健康局"], "学校、养老院 are an example list");
        let tags = names(science);
        assert_eq!(tags[0], "科学技术局");
        assert!(tags.iter().any(|n| n == "市场监督管理局"));
        let task_seven = &Y001_PLAN[Y001_PLAN.find("（七）").expect("seed text")..];
        let tags = names(task_seven);
        assert!(tags.len() <= MAX_DEPARTMENTS);
        assert!(tags[..2].contains(&"教育局".to_string()), "{tags:?}");
        assert!(tags[..2].contains(&"卫生健康局".to_string()), "{tags:?}");
    }

    #[test]
    fn names_follow_the_level_of_government() {
        let text = "推进制造业数字化转型，加快工业互联网建设";
        let at = |level| lexicon().tag_at(text, level).into_iter().map(|t| t.name).collect::<Vec<_>>();
        assert_eq!(at(Level::County), ["经济和信息化局"]);
        assert_eq!(at(Level::City), ["工业和信息化局"]);
        assert_eq!(at(Level::Provincial), ["工业和信息化厅"]);
        assert_eq!(at(Level::National), ["工业和信息化部"]);
        let health = lexicon().tag_at("加强公共卫生体系建设", Level::Provincial);
        assert_eq!((health[0].name.as_str(), health[0].key.as_str()), ("卫生健康委员会", "卫生健康"));
        for level in Level::ALL {
            let name = lexicon().name_at("教育", level).expect("known");
            assert_eq!(lexicon().key_of(name), Some("教育"), "{name}");
        }
        assert_eq!(lexicon().name_at("教育局", Level::Provincial), Some("教育厅"));
    }

    #[test]
    fn each_clause_gets_its_own_departments() {
        // A list of livelihood projects: each clause's department, each with its clause.
        let text = "建成150个基层消防站；推动长期护理保险扩大覆盖面；加强校园食品安全监管。";
        let tags = lexicon().tag_at(text, Level::Provincial);
        let keys: Vec<&str> = tags.iter().map(|t| t.key.as_str()).collect();
        for key in ["应急管理", "医疗保障", "市场监管"] {
            assert!(keys.contains(&key), "{key} missing from {keys:?}");
        }
        let fire = tags.iter().find(|t| t.key == "应急管理").expect("tagged");
        assert_eq!(fire.why, [Why { clause: "建成150个基层消防站".to_string(), terms: vec!["消防".to_string()] }]);
        // Two weak terms in different sentences are not evidence together.
        assert!(names("建设一所新学校。扩大学位供给。").is_empty());
    }

    #[test]
    fn longest_match_counts_once() {
        let tags = lexicon().tag("加大义务教育优质资源供给，提升高中教育质量");
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].name, "教育局");
        assert_eq!(tags[0].terms, ["义务教育", "高中教育"]);
        // 养老 (民政, weak) does not also count inside 养老保险 (人社).
        let tags = lexicon().tag("规范企业职工基本养老保险省级统筹，提高养老保险待遇");
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].name, "人力资源和社会保障局");
        assert_eq!(tags[0].terms, ["基本养老保险", "养老保险"]);
    }

    #[test]
    fn weak_terms_need_company() {
        assert!(names("建设一所新学校").is_empty());
        assert_eq!(names("建设一所新学校，扩大学位供给"), ["教育局"]);
        assert_eq!(names("学校、幼儿园等场所"), ["教育局"]);
        assert_eq!(names("学前教育、义务教育、高中教育等"), ["教育局"]);
    }

    #[test]
    fn ignore_phrases_and_folding() {
        assert!(names("推动经济高速发展").is_empty());
        assert_eq!(names("加快义龙高速建设"), ["交通运输局"]);
        let tags = lexicon().tag("加快５Ｇ 基站建设和vocs治理");
        assert_eq!(tags[0].terms, ["5G基站"]);
        assert_eq!(tags[1].terms, ["VOCs"]);
        assert_eq!(names("由市教育局牵头"), ["教育局"]);
    }

    #[test]
    fn at_most_four_departments() {
        let text = "加强义务教育，完善公共卫生，推进污染防治，建设高速公路，实施乡村振兴，\
                    加强社会救助，扩大外贸出口，推进数字化改革";
        let tags = lexicon().tag(text);
        assert_eq!(tags.len(), MAX_DEPARTMENTS);
    }

    #[test]
    fn lexicon_errors_name_the_file() {
        assert!(bad("[[department]\nname = 1").contains("line"));
        assert!(bad("").contains("no [[department]]"));
        let message = bad("[[department]]\nname = \"甲局\"\naliases = [\"简称\"]\n\
             [[department]]\nname = \"乙局\"\naliases = [\"简称\"]\n");
        assert!(message.contains("简称") && message.contains("甲局") && message.contains("乙局"));
        assert!(bad("[[department]]\nname = \"甲局\"\naliases = [\"乙局\"]\n[[department]]\nname = \"乙局\"\n")
            .contains("乙局"));
        assert!(bad("[[department]]\nname = \"甲局\"\nstrong = [\"水\"]\n").contains("single character"));
        assert!(bad("[[department]]\nname = \"甲局\"\nstrong = [\"水库\"]\nweak = [\"水库\"]\n").contains("twice"));
        assert!(bad("[[department]]\nname = \"甲局\"\nterms = [\"水库\"]\n").contains("terms"));
        assert!(bad("ignore = [\"水库\"]\n[[department]]\nname = \"甲局\"\nstrong = [\"水库\"]\n").contains("ignored"));
        assert!(bad("[[department]]\nname = \" \"\n").contains("empty name"));
    }

    #[test]
    fn shared_terms_and_labels() {
        let src = "[[department]]\nname = \"甲局\"\naliases = [\"甲局简\"]\nstrong = [\"河长制\", \"甲局\"]\n\
                   [[department]]\nname = \"乙局\"\nstrong = [\"河长制\"]\n";
        let lexicon = DepartmentLexicon::from_toml_str(src, "shared.toml").expect("valid");
        let tags = lexicon.tag("全面落实河长制");
        assert_eq!(tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["甲局", "乙局"]);
        assert_eq!(lexicon.resolve("甲局简"), Some("甲局"));
    }

    #[test]
    fn fingerprint_follows_content_not_layout() {
        let a = "[[department]]\nname = \"甲局\"\nstrong = [\"水库\"]\n";
        let b = "# comment\n[[department]]\nname = \"甲局\"\nstrong = [ \"水库\" ]\n";
        let c = "[[department]]\nname = \"甲局\"\nstrong = [\"水库\", \"山塘\"]\n";
        let fp = |src| DepartmentLexicon::from_toml_str(src, "x.toml").expect("valid").fingerprint();
        assert_eq!(fp(a), fp(b));
        assert_ne!(fp(a), fp(c));
        let builtin = lexicon().fingerprint();
        assert_eq!(builtin.len(), 16);
        assert!(builtin.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn tags_serialize_for_the_index() {
        let tag = DepartmentTag {
            name: "教育局".to_string(),
            key: "教育".to_string(),
            terms: vec!["学前教育".to_string()],
            why: vec![Why { clause: "普及学前教育".to_string(), terms: vec!["学前教育".to_string()] }],
        };
        let toml = toml::to_string(&tag).expect("serializes");
        assert_eq!(toml::from_str::<DepartmentTag>(&toml).expect("parses"), tag);
    }
}
