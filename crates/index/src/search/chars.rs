//! One-character literal matching on the pair field: [`CharQuery`] finds a character as the
//! first character of a pair, or as the lone last character of a field (the pair analyzer ends
//! every field with it), so no separate field of single characters is indexed. It scores like
//! a term query on such a field would: BM25 of the character's count in the passage, its
//! document frequency and the field's length, all of which the pairs give exactly.
//! Reading the terms of a common character costs a few milliseconds (的 begins 5,223 terms
//! over the 4 segments of a laws index), so what was read is kept per segment for the process ([`cached_matches`]).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::postings::Postings;
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use crate::cache::ByteLru;

/// The passages whose `field` holds the character `char`, scored by BM25 of its count.
#[derive(Debug, Clone)]
pub(crate) struct CharQuery {
    field: Field,
    char: char,
}

impl CharQuery {
    pub(crate) fn new(field: Field, char: char) -> Self {
        CharQuery { field, char }
    }
}

/// One segment's passages holding the character, in order, and its count in each.
#[derive(Debug, Default)]
struct Matches {
    docs: Vec<DocId>,
    counts: Vec<u32>,
}

impl Query for CharQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // The document frequency (for the idf) is only known once every segment has been read,
        // so they all are now, and the scorers hand out what was read.
        let mut by_segment = HashMap::new();
        let mut doc_freq = 0u64;
        if let Some(searcher) = enable_scoring.searcher() {
            for reader in searcher.segment_readers() {
                let m = cached_matches(reader, self.field, self.char)?;
                doc_freq += m.docs.len() as u64;
                by_segment.insert(reader.segment_id(), m);
            }
        }
        let bm25 = match &enable_scoring {
            EnableScoring::Enabled { statistics_provider, .. } => {
                let docs = statistics_provider.total_num_docs()?;
                let tokens = statistics_provider.total_num_tokens(self.field)?;
                let average = if docs == 0 { 0.0 } else { tokens as Score / docs as Score };
                Some(Bm25Weight::for_one_term(doc_freq, docs, average))
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(CharWeight { field: self.field, char: self.char, by_segment, bm25 }))
    }

    fn query_terms<'a>(&'a self, _visitor: &mut dyn FnMut(&'a Term, bool)) {
        // No single term stands for the character: highlighting finds it in the text itself.
    }
}

/// Bytes of matches kept per process (8 per passage holding a character: 的 in the laws is
/// 1.8 MB): 64 MB.
const MATCH_CACHE_BYTES: usize = 64 << 20;

impl Matches {
    fn bytes(&self) -> usize {
        self.docs.len() * (size_of::<DocId>() + size_of::<u32>()) + 64
    }
}

/// The matches of `c` in one segment, from the process's cache (by segment, field and
/// character) or read now and kept.
fn cached_matches(reader: &SegmentReader, field: Field, c: char) -> tantivy::Result<Arc<Matches>> {
    static CACHE: OnceLock<ByteLru<(SegmentId, Field, char), Matches>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| ByteLru::new(MATCH_CACHE_BYTES));
    let key = (reader.segment_id(), field, c);
    if let Some(m) = cache.get(&key) {
        return Ok(m);
    }
    // Read outside the cache's lock: two searches may read the same character at once, and one
    // of the two equal results is kept.
    let matches = Arc::new(read_matches(reader, field, c)?);
    cache.put(key, matches.clone(), matches.bytes());
    Ok(matches)
}

/// Reads every term of `field` beginning with `c` (its pairs, and `c` alone) and adds up the
/// count of each passage.
fn read_matches(reader: &SegmentReader, field: Field, c: char) -> tantivy::Result<Matches> {
    let inverted = reader.inverted_index(field)?;
    let mut buf = [0u8; 4];
    let low = c.encode_utf8(&mut buf).as_bytes().to_vec();
    // UTF-8 is prefix-free: the terms starting with `c` are those from its bytes up to (not
    // including) the same bytes with the last one raised; a last byte of 0xFF does not occur.
    let mut high = low.clone();
    if let Some(last) = high.last_mut() {
        *last += 1;
    }
    let mut terms = Vec::new();
    let mut postings = 0u64;
    let mut stream = inverted.terms().range().ge(&low).lt(&high).into_stream()?;
    while stream.advance() {
        let info = stream.value().clone();
        postings += u64::from(info.doc_freq);
        terms.push(info);
    }
    let max_doc = reader.max_doc() as usize;
    let mut out = Matches::default();
    // Few postings: gathered and sorted. Many (a common character is in most passages): counted
    // in an array over the segment, which costs its length but no sorting.
    if postings.saturating_mul(16) < max_doc as u64 {
        let mut pairs: Vec<(DocId, u32)> = Vec::with_capacity(postings as usize);
        for info in &terms {
            let mut p = inverted.read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
            while p.doc() != TERMINATED {
                pairs.push((p.doc(), p.term_freq()));
                p.advance();
            }
        }
        pairs.sort_unstable_by_key(|(d, _)| *d);
        for (doc, count) in pairs {
            match (out.docs.last(), out.counts.last_mut()) {
                (Some(last), Some(sum)) if *last == doc => *sum += count,
                _ => {
                    out.docs.push(doc);
                    out.counts.push(count);
                }
            }
        }
    } else {
        let mut counts = vec![0u32; max_doc];
        for info in &terms {
            let mut p = inverted.read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
            while p.doc() != TERMINATED {
                counts[p.doc() as usize] += p.term_freq();
                p.advance();
            }
        }
        for (doc, count) in counts.into_iter().enumerate() {
            if count > 0 {
                out.docs.push(doc as DocId);
                out.counts.push(count);
            }
        }
    }
    Ok(out)
}

struct CharWeight {
    field: Field,
    char: char,
    by_segment: HashMap<SegmentId, Arc<Matches>>,
    /// `None` when scoring is disabled (every match scores 1).
    bm25: Option<Bm25Weight>,
}

impl CharWeight {
    fn char_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<CharScorer> {
        let matches = match self.by_segment.get(&reader.segment_id()) {
            Some(m) => m.clone(),
            None => cached_matches(reader, self.field, self.char)?,
        };
        let scoring = match &self.bm25 {
            Some(bm25) => Some((bm25.boost_by(boost), reader.get_fieldnorms_reader(self.field)?)),
            None => None,
        };
        Ok(CharScorer { matches, at: 0, scoring })
    }
}

impl Weight for CharWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(self.char_scorer(reader, boost)?))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.char_scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!("document #{doc} does not match")));
        }
        let what = format!("character {} counted {} times", self.char, scorer.char_count());
        Ok(Explanation::new_with_string(what, scorer.score()))
    }
}

struct CharScorer {
    matches: Arc<Matches>,
    at: usize,
    scoring: Option<(Bm25Weight, FieldNormReader)>,
}

impl CharScorer {
    fn char_count(&self) -> u32 {
        self.matches.counts[self.at]
    }
}

impl DocSet for CharScorer {
    fn advance(&mut self) -> DocId {
        if self.at < self.matches.docs.len() {
            self.at += 1;
        }
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        // Galloping from the current place: seeks in an intersection are mostly short.
        let docs = &self.matches.docs;
        let mut step = 1;
        let mut high = self.at + 1;
        while high < docs.len() && docs[high] < target {
            self.at = high;
            high += step;
            step *= 2;
        }
        let high = high.min(docs.len());
        self.at += docs[self.at..high].partition_point(|d| *d < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.matches.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        (self.matches.docs.len() - self.at) as u32
    }
}

impl Scorer for CharScorer {
    fn score(&mut self) -> Score {
        match &self.scoring {
            Some((bm25, norms)) => bm25.score(norms.fieldnorm_id(self.doc()), self.char_count()),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{char_tokens, PairTokenizer, PAIR_TOKENIZER};
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::{Schema, TextFieldIndexing, TextOptions};
    use tantivy::tokenizer::PreTokenizedString;
    use tantivy::{Index, TantivyDocument};

    /// On the seed passages, a character read from the pairs matches the passages and gives the
    /// scores that a term query on a field of single characters gives (what the index kept
    /// before): same document frequency, counts and lengths.
    #[test]
    fn a_character_from_the_pairs_scores_as_a_field_of_characters_would() {
        let mut b = Schema::builder();
        let indexed = |tokenizer: &str, option| {
            TextOptions::default()
                .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(option))
        };
        let pairs = b.add_text_field("pairs", indexed(PAIR_TOKENIZER, IndexRecordOption::WithFreqsAndPositions));
        let chars = b.add_text_field("chars", indexed("default", IndexRecordOption::WithFreqs));
        let index = Index::create_in_ram(b.build());
        index.tokenizers().register(PAIR_TOKENIZER, PairTokenizer);
        let mut writer = index.writer_with_num_threads(1, 20_000_000).unwrap();
        let seed = include_str!("../../../../seeds/001_3b74ba35d8e38cd2.txt");
        let passages: Vec<&str> = seed.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
        assert!(passages.len() > 20);
        for (i, text) in passages.iter().enumerate() {
            let mut doc = TantivyDocument::new();
            doc.add_text(pairs, text);
            doc.add_pre_tokenized_text(chars, PreTokenizedString { text: text.to_string(), tokens: char_tokens(text) });
            writer.add_document(doc).unwrap();
            if i % 7 == 6 {
                writer.commit().unwrap(); // several segments
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 1);
        let mut checked = 0;
        for c in "的发展永康市5g，".chars() {
            let term = TermQuery::new(Term::from_field_text(chars, &c.to_string()), IndexRecordOption::WithFreqs);
            let want = searcher.search(&term, &TopDocs::with_limit(1_000).order_by_score()).unwrap();
            let got = searcher.search(&CharQuery::new(pairs, c), &TopDocs::with_limit(1_000).order_by_score()).unwrap();
            assert_eq!(got.len(), want.len(), "{c}");
            for ((gs, ga), (ws, wa)) in got.iter().zip(&want) {
                assert!((gs - ws).abs() < 1e-4, "{c}: {gs} vs {ws}");
                assert_eq!(ga, wa, "{c}");
            }
            checked += usize::from(!want.is_empty());
        }
        assert!(checked >= 6);
    }

    fn scorer(docs: Vec<DocId>) -> CharScorer {
        let counts = vec![1; docs.len()];
        CharScorer { matches: Arc::new(Matches { docs, counts }), at: 0, scoring: None }
    }

    /// Seeking lands on the first match at or after the target, from anywhere, and never moves
    /// back.
    #[test]
    fn seek_finds_the_next_match() {
        let docs: Vec<DocId> = (0..500).map(|i| i * 3 + 1).collect();
        for target in 0..1_600 {
            let mut s = scorer(docs.clone());
            let want = docs.iter().copied().find(|d| *d >= target).unwrap_or(TERMINATED);
            assert_eq!(s.seek(target), want, "seek({target})");
        }
        let mut s = scorer(docs.clone());
        assert_eq!(s.seek(700), 700);
        assert_eq!(s.seek(10), 700);
        assert_eq!(s.advance(), 703);
        assert_eq!(s.seek(1_498), 1_498);
        assert_eq!(s.advance(), TERMINATED);
        assert_eq!(s.advance(), TERMINATED);
        assert_eq!(scorer(Vec::new()).doc(), TERMINATED);
    }
}
