//! Chinese analysis, the same at index and query time: text is folded (traditional to simplified,
//! full-width to half-width, Latin to lower case; see `plansearch_text::normalize`), then cut into
//! words by jieba (search mode, for ranking), into single characters (literal matching of a
//! one-character query) or into overlapping character pairs (literal matching of longer ones, the
//! way Lucene's CJK bigrams do it: a phrase costs what its pairs cost, not what its commonest
//! characters cost).
//! Token offsets always point into the original text, so highlights land on what the document
//! wrote.
//!
//! Jieba uses its own dictionary plus a shipped dictionary of planning terms
//! (`data/dictionary.txt`: 无废城市, 碳达峰, 专精特新, …) and, when an index was built with one, the
//! user's dictionary (a copy is kept in the index generation, [`USER_DICTIONARY_FILE`]). Each
//! distinct set of dictionaries is loaded once per process and shared by every tokenizer clone.

pub mod dictionary;
pub mod synonyms;

use std::path::Path;
use std::sync::Arc;

use plansearch_text::normalize::{fold, fold_char_fast, fold_char_into, fold_str, is_searchable, simplify};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::Directory;
use tantivy_jieba::jieba_rs::TokenizeMode;

use crate::analysis::dictionary::Dictionaries;
use crate::{Error, Result};

/// Name of the word analyzer (folding + jieba search mode).
pub const WORD_TOKENIZER: &str = "plansearch_words";
/// Name of the character-pair analyzer (folding + one token per two consecutive letters, digits
/// or ideographs, at the position of the first, then the last character alone).
pub const PAIR_TOKENIZER: &str = "plansearch_pairs";
/// Name of the query-side analyzer cutting a term into non-overlapping words (jieba default
/// mode, same dictionaries as [`WORD_TOKENIZER`]); used for proximity, never for indexing.
pub const WORD_CUT_TOKENIZER: &str = "plansearch_word_cut";
/// The shipped dictionary of planning terms, in jieba's format (`word freq tag` per line).
pub const DOMAIN_DICTIONARY: &str = include_str!("../../data/dictionary.txt");
/// File name of the copy of the user's dictionary kept in an index generation.
pub const USER_DICTIONARY_FILE: &str = "user_dictionary.txt";

/// Describes the analysis, including a hash of the shipped dictionary; stored in the manifest so
/// a change forces a rebuild. (A user dictionary is recorded in the manifest separately, see
/// [`user_dictionary_fingerprint`].)
pub fn fingerprint() -> String {
    format!(
        "{WORD_TOKENIZER}:jieba-search-hmm+dict-{}+fold-t2s-nfkc-lower;{PAIR_TOKENIZER}:alnum-char-pairs+last-char+fold-t2s-nfkc-lower",
        short_hash(domain_dictionary())
    )
}

/// [`DOMAIN_DICTIONARY`] normalized, once per process. It is compiled in and checked by the
/// tests; should it ever fail to normalize, it is logged and left out, and search still works
/// with jieba's own dictionary.
pub fn domain_dictionary() -> &'static str {
    static NORMALIZED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NORMALIZED.get_or_init(|| {
        normalize_dictionary(DOMAIN_DICTIONARY, "dictionary.txt").unwrap_or_else(|e| {
            tracing::error!("shipped dictionary not loaded: {e}");
            String::new()
        })
    })
}

fn short_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..16].to_string()
}

/// Checks a dictionary in jieba's format and folds its words the way text is folded (so a
/// traditional or upper-case entry matches). Blank lines and `#` comments are dropped.
pub fn normalize_dictionary(src: &str, name: &str) -> Result<String> {
    let mut out = String::with_capacity(src.len());
    for (i, line) in src.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let word = fold_str(parts.next().unwrap_or_default());
        let freq = parts.next();
        let tag = parts.next();
        let bad = |message: String| Error::BadInput { path: name.to_string(), message };
        if parts.next().is_some() {
            return Err(bad(format!("line {}: expected `word [freq] [tag]`, got `{line}`", i + 1)));
        }
        if !word.chars().any(is_searchable) {
            return Err(bad(format!("line {}: `{line}` has no letter or digit", i + 1)));
        }
        out.push_str(&word);
        if let Some(f) = freq {
            let f: usize = f.parse().map_err(|_| bad(format!("line {}: frequency `{f}` is not a number", i + 1)))?;
            out.push_str(&format!(" {f}"));
            if let Some(t) = tag {
                out.push(' ');
                out.push_str(t);
            }
        }
        out.push('\n');
    }
    Ok(out)
}

/// Reads and checks a user dictionary file; returns its normalized text.
pub fn load_user_dictionary(path: &Path) -> Result<String> {
    let src = std::fs::read_to_string(path).map_err(|e| Error::BadInput {
        path: path.display().to_string(),
        message: format!("cannot read dictionary: {e}"),
    })?;
    normalize_dictionary(&src, &path.display().to_string())
}

/// The fingerprint of the user dictionary at `path` as recorded in a manifest (`None` without
/// one), so that editing the file marks the index stale.
pub fn user_dictionary_fingerprint(path: Option<&Path>) -> Result<Option<String>> {
    path.map(|p| load_user_dictionary(p).map(|text| short_hash(&text))).transpose()
}

/// Registers the analyzers on an index, with the user dictionary kept in its folder, if any.
/// The full word dictionary is not built here: a search cuts its short query text without it
/// (see [`crate::analysis::dictionary`]).
pub fn register(index: &tantivy::Index) -> Arc<Dictionaries> {
    let user = index
        .directory()
        .atomic_read(Path::new(USER_DICTIONARY_FILE))
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok());
    let dictionaries = Dictionaries::shared(user.as_deref());
    index.tokenizers().register(
        WORD_TOKENIZER,
        TextAnalyzer::from(WordTokenizer { dictionaries: dictionaries.clone(), mode: TokenizeMode::Search }),
    );
    index.tokenizers().register(
        WORD_CUT_TOKENIZER,
        TextAnalyzer::from(WordTokenizer { dictionaries: dictionaries.clone(), mode: TokenizeMode::Default }),
    );
    index.tokenizers().register(PAIR_TOKENIZER, TextAnalyzer::from(PairTokenizer));
    dictionaries
}

/// Registers the analyzers for writing: passages are long, so the full dictionary is built now
/// rather than by the first indexing thread that needs it.
pub fn register_for_indexing(index: &tantivy::Index) {
    register(index).full();
}

/// A token stream over tokens computed up front: their texts are ranges of one buffer, copied
/// into a single reused `Token` as the stream advances, so indexing does not allocate a `String`
/// per token (allocation was 18 % of indexing CPU).
pub struct SpanTokenStream {
    texts: String,
    spans: Vec<Span>,
    next: usize,
    token: Token,
}

/// One token of a [`SpanTokenStream`]: its text is `texts[text.0..text.1]`.
struct Span {
    text: (usize, usize),
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
}

impl TokenStream for SpanTokenStream {
    fn advance(&mut self) -> bool {
        let Some(span) = self.spans.get(self.next) else {
            return false;
        };
        self.next += 1;
        let t = &mut self.token;
        t.offset_from = span.offset_from;
        t.offset_to = span.offset_to;
        t.position = span.position;
        t.position_length = span.position_length;
        t.text.clear();
        t.text.push_str(&self.texts[span.text.0..span.text.1]);
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl SpanTokenStream {
    fn new(texts: String, spans: Vec<Span>) -> Self {
        SpanTokenStream { texts, spans, next: 0, token: Token::default() }
    }

    /// The tokens as a list (for query building and tests).
    fn into_tokens(mut self) -> Vec<Token> {
        let mut out = Vec::with_capacity(self.spans.len());
        while self.advance() {
            out.push(self.token.clone());
        }
        out
    }
}

/// Folding, then jieba in search mode (overlapping words, positions at character offsets so
/// phrases line up across the overlaps). Tokens without a letter or digit are dropped. Clones
/// share one dictionary.
#[derive(Clone)]
pub struct WordTokenizer {
    dictionaries: Arc<Dictionaries>,
    mode: TokenizeMode,
}

impl Default for WordTokenizer {
    fn default() -> Self {
        WordTokenizer { dictionaries: Dictionaries::shared(None), mode: TokenizeMode::Search }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = SpanTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanTokenStream {
        word_stream(&self.dictionaries, self.mode, text)
    }
}

fn word_tokens(dictionaries: &Dictionaries, mode: TokenizeMode, text: &str) -> Vec<Token> {
    word_stream(dictionaries, mode, text).into_tokens()
}

/// The word tokens of `text`; their texts are ranges of the folded text.
fn word_stream(dictionaries: &Dictionaries, mode: TokenizeMode, text: &str) -> SpanTokenStream {
    let folded = fold(text);
    let mut spans = Vec::new();
    for t in dictionaries.for_text(&folded.text).tokenize(&folded.text, mode, true) {
        if !t.word.chars().any(is_searchable) {
            continue;
        }
        let (from, to) = folded.original_range(t.byte_start, t.byte_end);
        spans.push(Span {
            text: (t.byte_start, t.byte_end),
            offset_from: from,
            offset_to: to,
            position: t.start,
            position_length: t.end - t.start,
        });
    }
    SpanTokenStream::new(folded.text, spans)
}

/// One token per letter, digit or ideograph of `text` after folding, at consecutive positions.
/// Punctuation and spaces are skipped, so `做精做强 10 条` matches the query `强10`.
pub fn char_tokens(text: &str) -> Vec<Token> {
    char_stream(text).into_tokens()
}

/// The character tokens of `text`, at consecutive positions.
fn char_stream(text: &str) -> SpanTokenStream {
    let chars = folded_chars(text);
    let mut texts = String::with_capacity(chars.len() * 3);
    let mut spans = Vec::with_capacity(chars.len());
    for (position, c) in chars.into_iter().enumerate() {
        let start = texts.len();
        texts.push(c.folded);
        spans.push(Span {
            text: (start, texts.len()),
            offset_from: c.from,
            offset_to: c.to,
            position,
            position_length: 1,
        });
    }
    SpanTokenStream::new(texts, spans)
}

/// Folding, then one token per two consecutive characters of [`char_tokens`] (`数字经济` → 数字, 字经,
/// 经济 at positions 0, 1, 2), spanning both characters, and last the last character alone (济
/// at 3). So every character begins exactly one token, and a text of n characters has n tokens:
/// a one-character query reads the terms beginning with it ([`crate::search::chars`]) and the
/// field's length is its length in characters, with no field of single characters indexed.
///
/// Pairs make literal matching cost what the phrase asks: `应当` is one term (in 42 % of the
/// laws' passages) instead of the positions of 应 and 当 intersected, and a longer phrase is a
/// phrase of pairs, each far rarer than its characters.
#[derive(Clone, Copy, Default)]
pub struct PairTokenizer;

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = SpanTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanTokenStream {
        pair_stream(text)
    }
}

/// The character pairs of `text`, at the positions of their first characters, then its last
/// character alone.
fn pair_stream(text: &str) -> SpanTokenStream {
    let chars = folded_chars(text);
    let mut texts = String::with_capacity(chars.len() * 6);
    let mut spans = Vec::with_capacity(chars.len());
    for (position, c) in chars.iter().enumerate() {
        // Each character with the next one; the last has none and stands alone.
        let next = chars.get(position + 1);
        let start = texts.len();
        texts.push(c.folded);
        texts.extend(next.map(|n| n.folded));
        spans.push(Span {
            text: (start, texts.len()),
            offset_from: c.from,
            offset_to: next.map_or(c.to, |n| n.to),
            position,
            position_length: if next.is_some() { 2 } else { 1 },
        });
    }
    SpanTokenStream::new(texts, spans)
}

/// What a literal query looks up: nothing (no searchable character), one character, or the
/// pairs that cover the phrase, each with its position in the phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiteralTerms {
    None,
    Char(char),
    Pairs(Vec<(usize, String)>),
}

/// The terms a literal query for `text` looks up: its one character, or a cover of its pairs.
/// Every other pair is enough (`人民政府` → 人民 at 0, 政府 at 2: both at those distances
/// means the four characters in order), plus the last one for an odd length, so a phrase of
/// n characters reads ⌈(n−1)/2⌉ + 1 position lists at most instead of n.
pub fn literal_terms(text: &str) -> LiteralTerms {
    let chars: Vec<char> = folded_chars(text).into_iter().map(|c| c.folded).collect();
    match chars.len() {
        0 => LiteralTerms::None,
        1 => LiteralTerms::Char(chars[0]),
        n => {
            let pair = |p: usize| (p, [chars[p], chars[p + 1]].iter().collect::<String>());
            let mut pairs: Vec<(usize, String)> = (0..n - 1).step_by(2).map(pair).collect();
            if (n - 1) % 2 == 0 {
                pairs.push(pair(n - 2));
            }
            LiteralTerms::Pairs(pairs)
        }
    }
}

/// One searchable character after folding, with the byte range in the original text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldedChar {
    pub folded: char,
    pub from: usize,
    pub to: usize,
}

/// The searchable characters of `text` after folding, as the character analyzer sees them,
/// without a `String` per character (highlighting compares many of these per hit).
pub fn folded_chars(text: &str) -> Vec<FoldedChar> {
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let mut buf = String::new();
    // Simplification keeps byte offsets, so offsets into it are offsets into `text`.
    for (i, c) in simplify(text).char_indices() {
        let to = i + c.len_utf8();
        if let Some(f) = fold_char_fast(c) {
            // One character in, one out: no buffer needed.
            if is_searchable(f) {
                out.push(FoldedChar { folded: f, from: i, to });
            }
            continue;
        }
        buf.clear();
        fold_char_into(c, &mut buf);
        for f in buf.chars().filter(|f| is_searchable(*f)) {
            out.push(FoldedChar { folded: f, from: i, to });
        }
    }
    out
}

/// The word tokens of `text` with the shipped dictionaries (no user dictionary).
pub fn words(text: &str) -> Vec<Token> {
    word_tokens(&Dictionaries::shared(None), TokenizeMode::Search, text)
}

/// The tokens of `text` by the analyzer `name` registered on `index` (so with the dictionaries the
/// index was built with); empty if there is no such analyzer.
pub fn tokens_in(index: &tantivy::Index, name: &str, text: &str) -> Vec<Token> {
    let Some(mut analyzer) = index.tokenizers().get(name) else {
        return Vec::new();
    };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streams hand out, one reused token at a time, exactly the words jieba cut from the
    /// folded text (texts, positions, offsets into the original) and one token per character.
    #[test]
    fn token_streams_give_jiebas_words_and_every_character() {
        let text = include_str!("../../../../seeds/001_3b74ba35d8e38cd2.txt");
        let dictionaries = Dictionaries::shared(None);
        for mode in [TokenizeMode::Search, TokenizeMode::Default] {
            let folded = fold(text);
            let expected: Vec<(String, usize, usize, usize)> = dictionaries
                .full()
                .tokenize(&folded.text, mode, true)
                .into_iter()
                .filter(|t| t.word.chars().any(is_searchable))
                .map(|t| {
                    let (from, to) = folded.original_range(t.byte_start, t.byte_end);
                    (t.word.to_string(), t.start, from, to)
                })
                .collect();
            let mut stream = word_stream(&dictionaries, mode, text);
            let mut got = Vec::new();
            while stream.advance() {
                let t = stream.token();
                got.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
            }
            assert!(expected.len() > 1000);
            assert_eq!(got, expected);
        }
        let chars: Vec<(String, usize)> = char_tokens(text).into_iter().map(|t| (t.text, t.position)).collect();
        let expected: Vec<(String, usize)> =
            folded_chars(text).into_iter().enumerate().map(|(i, c)| (c.folded.to_string(), i)).collect();
        assert_eq!(chars, expected);
    }

    /// Pairs are every two consecutive characters of the character analyzer, at its positions,
    /// spanning both characters' bytes in the original text, then the last character.
    #[test]
    fn pairs_follow_the_characters() {
        let text = "推进全域“污水零直排区”建设，ＶＯＣｓ治理";
        let chars = char_tokens(text);
        let mut pairs = pair_stream(text).into_tokens();
        // As many tokens as characters: the last character closes the stream alone.
        assert_eq!(pairs.len(), chars.len());
        let last = pairs.pop().unwrap();
        let last_char = chars.last().unwrap();
        assert_eq!(
            (&last.text, last.position, last.offset_from, last.offset_to),
            (&last_char.text, last_char.position, last_char.offset_from, last_char.offset_to)
        );
        for (p, w) in pairs.iter().zip(chars.windows(2)) {
            assert_eq!(p.text, format!("{}{}", w[0].text, w[1].text));
            assert_eq!((p.position, p.offset_from, p.offset_to), (w[0].position, w[0].offset_from, w[1].offset_to));
        }
        // Punctuation is skipped as for characters: the pair 域污 spans the opening quote.
        let across = pairs.iter().find(|p| p.text == "域污").unwrap();
        assert_eq!(&text[across.offset_from..across.offset_to], "域“污");
        let alone: Vec<String> = pair_stream("“法”").into_tokens().into_iter().map(|t| t.text).collect();
        assert_eq!(alone, ["法"]);
        assert!(pair_stream("，。").into_tokens().is_empty());
    }

    /// A literal query reads one character, one pair, or every other pair plus the last.
    #[test]
    fn literal_terms_cover_the_phrase() {
        let pairs = |v: &[(usize, &str)]| LiteralTerms::Pairs(v.iter().map(|(p, t)| (*p, t.to_string())).collect());
        assert_eq!(literal_terms("，"), LiteralTerms::None);
        assert_eq!(literal_terms("“法”"), LiteralTerms::Char('法'));
        assert_eq!(literal_terms("應當"), pairs(&[(0, "应当")]));
        assert_eq!(literal_terms("人民法院"), pairs(&[(0, "人民"), (2, "法院")]));
        assert_eq!(literal_terms("法律责任"), pairs(&[(0, "法律"), (2, "责任")]));
        assert_eq!(literal_terms("碳达峰"), pairs(&[(0, "碳达"), (1, "达峰")]));
        assert_eq!(
            literal_terms("县级以上地方人民政府"),
            pairs(&[(0, "县级"), (2, "以上"), (4, "地方"), (6, "人民"), (8, "政府")])
        );
        assert_eq!(literal_terms("无废城市5G"), pairs(&[(0, "无废"), (2, "城市"), (4, "5g")]));
        // Every character is covered, for any length.
        let text = "一二三四五六七八九十";
        for n in 2..=text.chars().count() {
            let part: String = text.chars().take(n).collect();
            let LiteralTerms::Pairs(p) = literal_terms(&part) else { panic!("{part}") };
            let mut covered = vec![false; n];
            for (pos, _) in &p {
                covered[*pos] = true;
                covered[pos + 1] = true;
            }
            assert!(covered.iter().all(|c| *c), "{part}: {p:?}");
            assert!(p.len() <= n / 2 + 1, "{part}: {p:?}");
        }
    }

    #[test]
    fn chars_fold_and_skip_punctuation() {
        let toks: Vec<String> = char_tokens("ＶＯＣｓ污染，5G").into_iter().map(|t| t.text).collect();
        assert_eq!(toks, ["v", "o", "c", "s", "污", "染", "5", "g"]);
    }

    #[test]
    fn word_offsets_point_into_original_text() {
        let text = "推进全域“污水零直排区”建设，ＶＯＣｓ治理";
        for t in words(text) {
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            let original = &text[t.offset_from..t.offset_to];
            assert_eq!(plansearch_text::normalize::fold_str(original), t.text);
        }
        assert!(words(text).iter().any(|t| t.text == "vocs"));
    }

    #[test]
    fn the_domain_dictionary_keeps_planning_terms_whole() {
        let has = |text: &str, word: &str| words(text).iter().any(|t| t.text == word);
        for (text, word) in [
            ("扎实做好碳达峰碳中和各项工作", "碳中和"),
            ("高标准完成无废城市示范市创建", "无废城市"),
            ("推进全域污水零直排区建设", "零直排"),
            ("鼓励中小企业专精特新发展", "专精特新"),
            ("加快发展新质生产力", "新质生产力"),
            ("十三五时期", "十三五"),
            ("租购并举的住房制度", "租购并举"),
            ("優化營商環境", "营商环境"),
        ] {
            assert!(has(text, word), "{text}: {:?}", words(text).iter().map(|t| &t.text).collect::<Vec<_>>());
        }
        // Search mode still gives the parts.
        assert!(has("高标准完成无废城市示范市创建", "城市"));
        // Every entry is valid and cuts as one word on its own.
        let dict = normalize_dictionary(DOMAIN_DICTIONARY, "dictionary.txt").unwrap();
        assert!(dict.lines().count() >= 100);
        for line in dict.lines() {
            let word = line.split_whitespace().next().unwrap();
            assert!(has(word, word), "{word}");
        }
    }

    #[test]
    fn one_jieba_per_dictionary_set() {
        assert!(Arc::ptr_eq(&Dictionaries::shared(None), &Dictionaries::shared(None)));
        let tokenizer = WordTokenizer::default();
        assert!(Arc::ptr_eq(&tokenizer.clone().dictionaries, &Dictionaries::shared(None)));
        let user = normalize_dictionary("# mine\n\n甲乙丙丁 1000 n\nＡＢＣ词\n", "user.txt").unwrap();
        assert_eq!(user, "甲乙丙丁 1000 n\nabc词\n");
        let with_user = Dictionaries::shared(Some(&user));
        assert!(Arc::ptr_eq(&with_user, &Dictionaries::shared(Some(&user))));
        assert!(!Arc::ptr_eq(&with_user, &Dictionaries::shared(None)));
        let cut: Vec<String> =
            word_tokens(&with_user, TokenizeMode::Search, "推进甲乙丙丁").into_iter().map(|t| t.text).collect();
        assert!(cut.contains(&"甲乙丙丁".to_string()), "{cut:?}");
        assert!(normalize_dictionary("词 many n", "x").is_err());
        assert!(normalize_dictionary("词 1 n extra", "x").is_err());
    }
}
