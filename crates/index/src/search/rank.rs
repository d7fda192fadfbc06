//! Ranking: the weights and tiers of a match (a term literally, one of its synonyms literally, its
//! words apart; see [`LITERAL_FLOOR`]), the [`RankingConfig`] switches, and the two Tantivy
//! queries that compute the tiers without evaluating a phrase twice ([`TierQuery`],
//! [`ScoreMapQuery`]). The plan step ([`super::plan`]) builds queries from these parts.

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::Term;

use super::probe::Sides;
use crate::{Error, Result};

/// Weight of a literal match in the passage text.
pub(crate) const BOOST_LITERAL: f32 = 2.0;
/// Weight of a literal match in the sector or keyword title.
pub(crate) const BOOST_HEADING: f32 = 3.0;
/// Weight of all of a term's words occurring in the passage, not necessarily together.
pub(crate) const BOOST_WORDS: f32 = 1.0;
/// Weight of the words of a term, or of the terms of a query, occurring close together.
pub(crate) const BOOST_PROXIMITY: f32 = 1.0;
/// How far apart (in characters, all gaps together) the words may be for the proximity bonus.
pub(crate) const PROXIMITY_SLOP: u32 = 8;
/// Score a passage holding a term literally in its own text gets for that term, on top of BM25.
/// With the floor below, every term ranks passages in tiers: the term literally in the text (at
/// least `LITERAL_FLOOR`), one of its synonyms literally (from `SYNONYM_FLOOR`, less than
/// `SYNONYM_FLOOR + SYNONYM_SPAN + WORDS_SPAN` ≤ `LITERAL_FLOOR`), the term only in an inherited
/// heading and its words apart (less than `HEADING_SPAN + WORDS_SPAN` < `SYNONYM_FLOOR`); BM25
/// orders the passages inside a tier.
pub(crate) const LITERAL_FLOOR: f32 = 20.0;
/// Score of a passage holding a synonym of the term literally.
pub(crate) const SYNONYM_FLOOR: f32 = 10.0;
/// Bound of the BM25 part of a synonym match (saturated: `SPAN × s / (s + HALF)`).
pub(crate) const SYNONYM_SPAN: f32 = 5.0;
/// BM25 score of a synonym match that maps to half of [`SYNONYM_SPAN`].
pub(crate) const SYNONYM_HALF: f32 = 20.0;
/// Bound of the score of a term found only in a passage's inherited heading (saturated like
/// synonyms): with the words apart it stays below [`SYNONYM_FLOOR`].
pub(crate) const HEADING_SPAN: f32 = 4.0;
/// Heading score of a heading-only match that maps to half of [`HEADING_SPAN`].
pub(crate) const HEADING_HALF: f32 = 20.0;
/// Bound of the score of a term's words occurring apart (saturated like synonyms).
pub(crate) const WORDS_SPAN: f32 = 5.0;
/// BM25 score of the words that maps to half of [`WORDS_SPAN`].
pub(crate) const WORDS_HALF: f32 = 10.0;
/// Score added to a note whose term equals the whole query: above any sum of tiers, so the
/// definition the user looked up comes first.
pub(crate) const NOTE_SCORE: f32 = 1000.0;
/// Passage length (characters) at which the length prior halves the BM25 score of a term; it
/// offsets the advantage BM25 gives very short passages.
pub(crate) const LENGTH_PIVOT: f32 = 20.0;

/// The literal matches of a clause (`literal`, their union) as its top tier: their summed scores
/// plus [`LITERAL_FLOOR`], each query evaluated once.
pub(crate) fn lifted(literal: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ScoreMapQuery::floor(literal, LITERAL_FLOOR))
}

/// `max × score / (score + half)`: grows with `score` but stays below `max`.
pub(crate) fn saturate(score: f32, max: f32, half: f32) -> f32 {
    max * score / (score + half)
}

/// How queries are matched and ranked. [`RankingConfig::default`] is what searches use, the
/// configuration measured best (docs/relevance.md); the others exist to compare against
/// (`plansearch eval FILE --config NAME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankingConfig {
    /// Match unquoted terms by their jieba words (`text_words`).
    pub words: bool,
    /// Match literally, character by character (`text_pairs`, `heading_pairs`).
    pub chars: bool,
    /// Expand unquoted terms with synonyms and abbreviations (`data/synonyms.toml`).
    pub synonyms: bool,
    /// Bonus when the words of a term, or the terms of a query, occur close together.
    pub proximity: bool,
    /// Damp the advantage BM25 gives very short passages.
    pub length_prior: bool,
}

impl Default for RankingConfig {
    fn default() -> Self {
        RankingConfig { words: true, chars: true, synonyms: true, proximity: true, length_prior: true }
    }
}

impl RankingConfig {
    /// The configurations compared in docs/relevance.md, by name.
    pub const NAMED: [&'static str; 4] = ["words", "chars", "both", "both+synonyms"];

    /// Parses a name: `words`, `chars` or `both`, then any of `+synonyms`, `-proximity`,
    /// `-prior` (or their opposites), e.g. `both+synonyms-prior`.
    pub fn parse(name: &str) -> Result<RankingConfig> {
        let bad = || Error::BadParameter {
            name: "config".into(),
            message: format!(
                "`{name}` is not a ranking configuration; use words, chars, both or both+synonyms, \
                 optionally followed by -proximity or -prior"
            ),
        };
        let name = name.trim();
        let end = name.find(['+', '-']).unwrap_or(name.len());
        let (words, chars) = match &name[..end] {
            "words" => (true, false),
            "chars" => (false, true),
            "both" => (true, true),
            _ => return Err(bad()),
        };
        let mut c = RankingConfig { words, chars, synonyms: false, proximity: true, length_prior: true };
        let mut rest = &name[end..];
        while let Some(sign) = rest.chars().next() {
            rest = &rest[1..];
            let end = rest.find(['+', '-']).unwrap_or(rest.len());
            let on = sign == '+';
            match &rest[..end] {
                "synonyms" => c.synonyms = on,
                "proximity" => c.proximity = on,
                "prior" => c.length_prior = on,
                _ => return Err(bad()),
            }
            rest = &rest[end..];
        }
        Ok(c)
    }

    /// The canonical name, as [`RankingConfig::parse`] reads it.
    pub fn name(&self) -> String {
        let mut s = match (self.words, self.chars) {
            (true, false) => "words",
            (false, true) => "chars",
            _ => "both",
        }
        .to_string();
        if self.synonyms {
            s.push_str("+synonyms");
        }
        if !self.proximity {
            s.push_str("-proximity");
        }
        if !self.length_prior {
            s.push_str("-prior");
        }
        s
    }
}

/// One term's literal tiers and its words, evaluated once each. A passage holding the term
/// literally in its own text scores [`LITERAL_FLOOR`] + the text's literal score + the heading's
/// literal score (a heading match raises a passage that also matches in its text) + the words'
/// score in full (when its words match) + the saturated words' score. A passage holding it only
/// in an inherited heading (sector or keyword title) scores the saturated heading score (below
/// [`HEADING_SPAN`]) + the saturated words' score: below every text match and every synonym
/// match, since its text may be about something else. A passage with only the words scores the
/// saturated words' score (the bottom tier).
#[derive(Debug)]
pub(crate) struct TierQuery {
    text: Box<dyn Query>,
    heading: Box<dyn Query>,
    words: Box<dyn Query>,
}

impl TierQuery {
    pub(crate) fn new(text: Box<dyn Query>, heading: Box<dyn Query>, words: Option<Box<dyn Query>>) -> TierQuery {
        TierQuery { text, heading, words: words.unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery)) }
    }
}

impl Clone for TierQuery {
    fn clone(&self) -> Self {
        TierQuery { text: self.text.box_clone(), heading: self.heading.box_clone(), words: self.words.box_clone() }
    }
}

impl Query for TierQuery {
    fn weight(
        &self,
        enable_scoring: tantivy::query::EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
        Ok(Box::new(TierWeight {
            text: self.text.weight(enable_scoring)?,
            heading: self.heading.weight(enable_scoring)?,
            words: self.words.weight(enable_scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.text.query_terms(visitor);
        self.heading.query_terms(visitor);
        self.words.query_terms(visitor);
    }
}

struct TierWeight {
    text: Box<dyn tantivy::query::Weight>,
    heading: Box<dyn tantivy::query::Weight>,
    words: Box<dyn tantivy::query::Weight>,
}

impl tantivy::query::Weight for TierWeight {
    fn scorer(
        &self,
        reader: &tantivy::SegmentReader,
        boost: tantivy::Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        let parts = vec![
            self.text.scorer(reader, boost)?,
            self.heading.scorer(reader, boost)?,
            self.words.scorer(reader, boost)?,
        ];
        Ok(Box::new(TierScorer { parts: Sides::new(parts) }))
    }

    fn explain(
        &self,
        reader: &tantivy::SegmentReader,
        doc: tantivy::DocId,
    ) -> tantivy::Result<tantivy::query::Explanation> {
        Ok(tantivy::query::Explanation::new("literal tiers and words", score_of(self, reader, doc)?))
    }
}

/// The score `weight` gives `doc`, for explanations; an error if `doc` does not match.
pub(super) fn score_of(
    weight: &dyn tantivy::query::Weight,
    reader: &tantivy::SegmentReader,
    doc: tantivy::DocId,
) -> tantivy::Result<tantivy::Score> {
    use tantivy::DocSet;
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.doc() > doc || scorer.seek(doc) != doc {
        return Err(tantivy::TantivyError::InvalidArgument(format!("document #{doc} does not match")));
    }
    Ok(tantivy::query::Scorer::score(scorer.as_mut()))
}

/// The scorers of the text literal, the heading literal and the words, in that order, as a
/// union that an intersection can probe ([`Sides`]).
struct TierScorer {
    parts: Sides,
}

impl tantivy::DocSet for TierScorer {
    fn advance(&mut self) -> tantivy::DocId {
        self.parts.advance()
    }
    fn seek(&mut self, target: tantivy::DocId) -> tantivy::DocId {
        self.parts.seek(target)
    }
    fn seek_danger(&mut self, target: tantivy::DocId) -> tantivy::SeekDangerResult {
        self.parts.seek_danger(target)
    }
    fn doc(&self) -> tantivy::DocId {
        self.parts.doc
    }
    fn size_hint(&self) -> u32 {
        self.parts.size_hint()
    }
    fn cost(&self) -> u64 {
        self.parts.cost()
    }
}

impl tantivy::query::Scorer for TierScorer {
    fn score(&mut self) -> tantivy::Score {
        let [text, heading, words] = [0, 1, 2].map(|i| self.parts.score_of(i));
        let words_apart = |w: f32| saturate(w, WORDS_SPAN, WORDS_HALF);
        match (text, heading) {
            (Some(t), h) => LITERAL_FLOOR + t + h.unwrap_or(0.0) + words.map_or(0.0, |w| w + words_apart(w)),
            (None, Some(h)) => saturate(h, HEADING_SPAN, HEADING_HALF) + words.map_or(0.0, words_apart),
            (None, None) => words.map_or(0.0, words_apart),
        }
    }
}

/// A query whose scores are those of another query, transformed: the length prior and the
/// saturation of synonym scores. Matching is unchanged.
#[derive(Debug)]
pub(crate) struct ScoreMapQuery {
    inner: Box<dyn Query>,
    map: ScoreMap,
}

#[derive(Debug, Clone, Copy)]
enum ScoreMap {
    /// `score × len / (len + LENGTH_PIVOT)`, `len` the passage's length in `field` tokens.
    LengthPrior(Field),
    /// `max × score / (score + half)`: bounded by `max`.
    Saturate { max: f32, half: f32 },
    /// `score + floor`: lifts every match of the inner query into a tier.
    Floor(f32),
}

impl ScoreMapQuery {
    pub(crate) fn length_prior(inner: Box<dyn Query>, field: Field) -> ScoreMapQuery {
        ScoreMapQuery { inner, map: ScoreMap::LengthPrior(field) }
    }
    pub(crate) fn saturate(inner: Box<dyn Query>, max: f32, half: f32) -> ScoreMapQuery {
        ScoreMapQuery { inner, map: ScoreMap::Saturate { max, half } }
    }
    pub(crate) fn floor(inner: Box<dyn Query>, floor: f32) -> ScoreMapQuery {
        ScoreMapQuery { inner, map: ScoreMap::Floor(floor) }
    }
}

impl Clone for ScoreMapQuery {
    fn clone(&self) -> Self {
        ScoreMapQuery { inner: self.inner.box_clone(), map: self.map }
    }
}

impl Query for ScoreMapQuery {
    fn weight(
        &self,
        enable_scoring: tantivy::query::EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
        let inner = self.inner.weight(enable_scoring)?;
        if !enable_scoring.is_scoring_enabled() {
            return Ok(inner);
        }
        Ok(Box::new(ScoreMapWeight { inner, map: self.map }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct ScoreMapWeight {
    inner: Box<dyn tantivy::query::Weight>,
    map: ScoreMap,
}

impl tantivy::query::Weight for ScoreMapWeight {
    fn scorer(
        &self,
        reader: &tantivy::SegmentReader,
        boost: tantivy::Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        let norms = match self.map {
            ScoreMap::LengthPrior(field) => Some(reader.get_fieldnorms_reader(field)?),
            ScoreMap::Saturate { .. } | ScoreMap::Floor(_) => None,
        };
        Ok(Box::new(ScoreMapScorer { inner: self.inner.scorer(reader, boost)?, map: self.map, norms }))
    }

    fn explain(
        &self,
        reader: &tantivy::SegmentReader,
        doc: tantivy::DocId,
    ) -> tantivy::Result<tantivy::query::Explanation> {
        let mut e = tantivy::query::Explanation::new(
            match self.map {
                ScoreMap::LengthPrior(_) => "length prior",
                ScoreMap::Saturate { .. } => "saturated score",
                ScoreMap::Floor(_) => "tier floor plus score",
            },
            score_of(self, reader, doc)?,
        );
        e.add_detail(self.inner.explain(reader, doc)?);
        Ok(e)
    }

    fn count(&self, reader: &tantivy::SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }
}

struct ScoreMapScorer {
    inner: Box<dyn tantivy::query::Scorer>,
    map: ScoreMap,
    norms: Option<tantivy::fieldnorm::FieldNormReader>,
}

impl tantivy::DocSet for ScoreMapScorer {
    fn advance(&mut self) -> tantivy::DocId {
        self.inner.advance()
    }
    fn seek(&mut self, target: tantivy::DocId) -> tantivy::DocId {
        self.inner.seek(target)
    }
    fn seek_danger(&mut self, target: tantivy::DocId) -> tantivy::SeekDangerResult {
        self.inner.seek_danger(target)
    }
    fn doc(&self) -> tantivy::DocId {
        self.inner.doc()
    }
    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl tantivy::query::Scorer for ScoreMapScorer {
    fn score(&mut self) -> tantivy::Score {
        let score = self.inner.score();
        match self.map {
            ScoreMap::LengthPrior(_) => {
                let len = self.norms.as_ref().map_or(LENGTH_PIVOT, |n| n.fieldnorm(self.inner.doc()) as f32);
                score * len / (len + LENGTH_PIVOT)
            }
            ScoreMap::Saturate { max, half } => saturate(score, max, half),
            ScoreMap::Floor(floor) => floor + score,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::probe::AnyQuery;
    use std::collections::HashMap;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::Index;
    use tantivy::{doc, DocId};

    /// `TierQuery` matches the union of its text, heading and word queries and scores each
    /// passage by tier: a text match gets the floor + its literal score, plus the words in full
    /// and saturated; a heading match alone only its saturated score (below every text match).
    #[test]
    fn tier_query_scores_the_sum_it_replaces() {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in ["literal only", "words only", "literal and words", "neither", "heading only"] {
            writer.add_document(doc!(body => text)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |t: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(body, t), IndexRecordOption::WithFreqs))
        };
        let scores = |q: &dyn Query| -> HashMap<DocId, f32> {
            searcher
                .search(q, &TopDocs::with_limit(10).order_by_score())
                .unwrap()
                .into_iter()
                .map(|(s, a)| (a.doc_id, s))
                .collect()
        };
        let (literal, words) = (scores(&*term("literal")), scores(&*term("words")));
        let heading = scores(&*term("heading"));
        let tier_query = || TierQuery::new(term("literal"), term("heading"), Some(term("words")));
        let tier = scores(&tier_query());
        let words_apart = |w: f32| saturate(w, WORDS_SPAN, WORDS_HALF);
        let expected: HashMap<DocId, f32> = [
            (0, LITERAL_FLOOR + literal[&0]),
            (1, words_apart(words[&1])),
            (2, LITERAL_FLOOR + literal[&2] + words[&2] + words_apart(words[&2])),
            (4, saturate(heading[&4], HEADING_SPAN, HEADING_HALF)),
        ]
        .into_iter()
        .collect();
        assert_eq!(tier.len(), 4, "{tier:?}");
        for (doc, score) in expected {
            assert!((tier[&doc] - score).abs() < 1e-4, "doc {doc}: {} vs {score}", tier[&doc]);
        }
        assert!(tier[&2] > tier[&0] && tier[&0] > tier[&1], "literal tiers outrank words only");
        assert!(tier[&0] > tier[&4] && tier[&4] < SYNONYM_FLOOR, "a heading match alone ranks below text matches");
        assert_eq!(searcher.search(&tier_query(), &Count).unwrap(), 4);
    }

    /// `AnyQuery` matches and scores exactly as a boolean query of should clauses, alone (driven)
    /// and as a required part of an intersection (probed with `seek_danger`), with phrases that
    /// have candidates (all their words) without a match in between, and inside a `TierQuery`.
    #[test]
    fn any_query_equals_a_boolean_union_driven_and_probed() {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..400u32 {
            // Every passage has the words of both phrases; only some have them in order.
            let text = match i % 7 {
                0 => "red apple green pear x",
                1 => "apple red pear green x",
                2 => "green pear",
                3 => "apple red green pear",
                4 => "red apple y x",
                5 => "pear green red apple y",
                _ => "red green apple pear x red apple",
            };
            writer.add_document(doc!(body => text)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let t = |w: &str| Term::from_field_text(body, w);
        let phrase =
            |a: &str, b: &str| -> Box<dyn Query> { Box::new(tantivy::query::PhraseQuery::new(vec![t(a), t(b)])) };
        let term = |w: &str| -> Box<dyn Query> { Box::new(TermQuery::new(t(w), IndexRecordOption::WithFreqs)) };
        let scores = |q: &dyn Query| -> Vec<(DocId, f32)> {
            let mut v: Vec<(DocId, f32)> = searcher
                .search(q, &TopDocs::with_limit(1000).order_by_score())
                .unwrap()
                .into_iter()
                .map(|(s, a)| (a.doc_id, s))
                .collect();
            v.sort_by_key(|(d, _)| *d);
            v
        };
        let union = || vec![phrase("red", "apple"), phrase("green", "pear")];
        let boolean = |qs: Vec<Box<dyn Query>>| -> Box<dyn Query> {
            Box::new(tantivy::query::BooleanQuery::new(
                qs.into_iter().map(|q| (tantivy::query::Occur::Should, q)).collect(),
            ))
        };
        let must = |a: Box<dyn Query>, b: Box<dyn Query>| -> Box<dyn Query> {
            Box::new(tantivy::query::BooleanQuery::new(vec![
                (tantivy::query::Occur::Must, a),
                (tantivy::query::Occur::Must, b),
            ]))
        };
        let driven = scores(&AnyQuery(union()));
        assert!(!driven.is_empty());
        assert_eq!(driven, scores(&*boolean(union())));
        for other in ["x", "y"] {
            let probed = scores(&*must(term(other), Box::new(AnyQuery(union()))));
            assert!(!probed.is_empty(), "{other}");
            assert_eq!(probed, scores(&*must(term(other), boolean(union()))), "{other}");
            let tier = |literal: Box<dyn Query>| -> Box<dyn Query> {
                must(term(other), Box::new(TierQuery::new(literal, term("green"), Some(term("pear")))))
            };
            assert_eq!(scores(&*tier(Box::new(AnyQuery(union())))), scores(&*tier(boolean(union()))), "{other}");
        }
    }
}
