//! Chinese analysis, the same at index and query time: text is folded (full-width to half-width,
//! Latin to lower case; see `plansearch_text::normalize`), then cut into words by jieba (search
//! mode, for ranking) or into single characters (for literal matching). Token offsets always
//! point into the original text, so highlights land on what the document wrote.

use plansearch_text::normalize::{fold, fold_char_into, is_searchable, simplify};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Name of the word analyzer (folding + jieba search mode).
pub const WORD_TOKENIZER: &str = "plansearch_words";
/// Name of the character analyzer (folding + one token per letter, digit or ideograph).
pub const CHAR_TOKENIZER: &str = "plansearch_chars";

/// Describes the analysis; stored in the manifest so a change forces a rebuild.
pub fn fingerprint() -> String {
    format!("{WORD_TOKENIZER}:jieba-search-hmm+fold-t2s-nfkc-lower;{CHAR_TOKENIZER}:alnum-chars+fold-t2s-nfkc-lower")
}

/// Registers both analyzers on an index.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(WORD_TOKENIZER, TextAnalyzer::from(WordTokenizer::default()));
    index.tokenizers().register(CHAR_TOKENIZER, TextAnalyzer::from(CharTokenizer));
}

/// A token stream over tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Folding, then jieba in search mode (overlapping words, positions at character offsets so
/// phrases line up across the overlaps). Tokens without a letter or digit are dropped.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    jieba: tantivy_jieba::JiebaTokenizer,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream { tokens: word_tokens(&mut self.jieba, text), next: 0 }
    }
}

fn word_tokens(jieba: &mut tantivy_jieba::JiebaTokenizer, text: &str) -> Vec<Token> {
    let folded = fold(text);
    let mut out = Vec::new();
    let mut stream = jieba.token_stream(&folded.text);
    while stream.advance() {
        let t = stream.token();
        if !t.text.chars().any(is_searchable) {
            continue;
        }
        let (from, to) = folded.original_range(t.offset_from, t.offset_to);
        out.push(Token {
            offset_from: from,
            offset_to: to,
            position: t.position,
            text: t.text.clone(),
            position_length: t.position_length,
        });
    }
    out
}

/// Folding, then one token per letter, digit or ideograph, at consecutive positions.
/// Punctuation and spaces are skipped, so `做精做强 10 条` matches the query `强10`.
#[derive(Clone, Copy, Default)]
pub struct CharTokenizer;

impl Tokenizer for CharTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream { tokens: char_tokens(text), next: 0 }
    }
}

/// The character tokens of `text` (also used to build literal queries).
pub fn char_tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let mut buf = String::new();
    // Simplification keeps byte offsets, so offsets into it are offsets into `text`.
    for (i, c) in simplify(text).char_indices() {
        buf.clear();
        fold_char_into(c, &mut buf);
        for f in buf.chars().filter(|f| is_searchable(*f)) {
            let position = out.len();
            out.push(Token {
                offset_from: i,
                offset_to: i + c.len_utf8(),
                position,
                text: f.to_string(),
                position_length: 1,
            });
        }
    }
    out
}

/// The word tokens of `text` (also used to build ranking queries).
pub fn words(text: &str) -> Vec<Token> {
    word_tokens(&mut tantivy_jieba::JiebaTokenizer::default(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
