//! Planning: a parsed query and the request's filters become one Tantivy query. Each clause is
//! matched literally on the character fields (for recall) and by its jieba words (for ranking),
//! scored in the tiers of [`super::rank`], with synonyms below the term itself and a bonus when
//! the words or terms occur close together; filters become facet-term and year-range clauses.

use plansearch_text::departments::DepartmentLexicon;
use plansearch_text::document::{region_path, Level};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{Index, Term};

use super::chars::CharQuery;
use super::parse::{parse_year_filter, Clause, FilterField, ParsedQuery};
use super::probe::AnyQuery;
use super::rank::{
    lifted, RankingConfig, ScoreMapQuery, TierQuery, BOOST_HEADING, BOOST_LITERAL, BOOST_PROXIMITY, BOOST_WORDS,
    NOTE_SCORE, PROXIMITY_SLOP, SYNONYM_FLOOR, SYNONYM_HALF, SYNONYM_SPAN,
};
use crate::analysis::synonyms::Synonyms;
use crate::analysis::{literal_terms, LiteralTerms};
use crate::api::{Expansion, SearchRequest};
use crate::build::note_key;
use crate::schema::Fields;
use crate::{analysis, Error, Result};

/// The path segments a region filter names: `浙江省金华市`, `金华市` and `浙江省/金华市` all give
/// 浙江省, 金华市; a name the gazetteer does not know is taken as a path as written (a catalog
/// may name a place the gazetteer lacks).
pub(crate) fn region_filter(value: &str) -> Vec<String> {
    let path = match region_path(value) {
        Some((path, _)) => path,
        None => value.trim().trim_matches('/').to_string(),
    };
    path.split('/').filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// What planning needs from the open index: its fields, analyzers, department names and the
/// ranking configuration.
pub(crate) struct Planner<'a> {
    pub(crate) index: &'a Index,
    pub(crate) fields: &'a Fields,
    pub(crate) lexicon: &'a DepartmentLexicon,
    pub(crate) ranking: RankingConfig,
}

impl Planner<'_> {
    /// Filters from the request parameters and from the query text. Values of one field are
    /// alternatives; fields combine with AND.
    pub(crate) fn filter_query(&self, req: &SearchRequest, parsed: &ParsedQuery) -> Result<Option<Box<dyn Query>>> {
        let mut by_field: Vec<(FilterField, Vec<String>)> = vec![
            (FilterField::Sector, req.sector.clone()),
            (FilterField::Keyword, req.keyword.clone()),
            (FilterField::Doc, req.doc.clone()),
            (FilterField::Department, req.department.clone()),
            (FilterField::Year, req.year.clone()),
            (FilterField::Region, req.region.clone()),
            (FilterField::Level, req.level.clone()),
            (FilterField::Kind, req.kind.clone()),
            (FilterField::Issuer, req.issuer.clone()),
            (FilterField::Period, req.period.clone()),
        ];
        for (field, value) in &parsed.filters {
            if let Some(slot) = by_field.iter_mut().find(|(f, _)| f == field) {
                slot.1.push(value.clone());
            }
        }
        let mut musts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, values) in by_field {
            let values: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
            if values.is_empty() {
                continue;
            }
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for v in values {
                let v = v.trim();
                let q: Box<dyn Query> = match field {
                    FilterField::Sector => {
                        self.facet_term(self.fields.facet_sector, &plansearch_text::period::facet_value(v))
                    }
                    FilterField::Keyword => self.facet_term(self.fields.facet_keyword, v),
                    FilterField::Doc => self.facet_term(self.fields.facet_doc, v),
                    FilterField::Department => {
                        let name = self.lexicon.resolve(v).ok_or_else(|| Error::BadParameter {
                            name: "department".into(),
                            message: format!(
                                "unknown department `{v}`; known: {}",
                                self.lexicon.names().collect::<Vec<_>>().join("、")
                            ),
                        })?;
                        // The index names departments at each document's level: any of the
                        // department's names matches.
                        let mut names: Vec<&str> =
                            Level::ALL.iter().filter_map(|l| self.lexicon.name_at(name, *l)).collect();
                        names.sort_unstable();
                        names.dedup();
                        let terms: Vec<(Occur, Box<dyn Query>)> = names
                            .into_iter()
                            .map(|n| (Occur::Should, self.facet_term(self.fields.facet_department, n)))
                            .collect();
                        Box::new(BooleanQuery::new(terms))
                    }
                    FilterField::Year => {
                        let (lo, hi) = parse_year_filter(v)?;
                        let lo = lo.map_or(std::ops::Bound::Unbounded, |y| {
                            std::ops::Bound::Included(Term::from_field_i64(self.fields.year, y))
                        });
                        let hi = hi.map_or(std::ops::Bound::Unbounded, |y| {
                            std::ops::Bound::Included(Term::from_field_i64(self.fields.year, y))
                        });
                        Box::new(RangeQuery::new(lo, hi))
                    }
                    // A facet term on a path matches every facet below it: the whole subtree.
                    FilterField::Region => {
                        let path = region_filter(v);
                        if path.is_empty() {
                            return Err(Error::BadParameter {
                                name: "region".into(),
                                message: format!("`{v}` names no region"),
                            });
                        }
                        let facet = Facet::from_path(path);
                        Box::new(TermQuery::new(
                            Term::from_facet(self.fields.facet_region, &facet),
                            IndexRecordOption::Basic,
                        ))
                    }
                    FilterField::Level => {
                        let level = Level::parse(v).ok_or_else(|| Error::BadParameter {
                            name: "level".into(),
                            message: format!("unknown level `{v}`; known: national, provincial, city, county"),
                        })?;
                        self.facet_term(self.fields.facet_level, level.as_str())
                    }
                    FilterField::Kind => self.facet_term(self.fields.facet_kind, v),
                    FilterField::Issuer => self.facet_term(self.fields.facet_issuer, v),
                    // `plan` matches plan/2025 and every other plan: a facet term matches its subtree.
                    FilterField::Period => {
                        let path = plansearch_text::period::parse_label(v).ok_or_else(|| Error::BadParameter {
                            name: "period".into(),
                            message: format!(
                                "`{v}` is no period; e.g. plan, review, plan/2025, review/2024, plan/2021-2025"
                            ),
                        })?;
                        Box::new(TermQuery::new(
                            Term::from_facet(self.fields.facet_period, &Facet::from_path(path)),
                            IndexRecordOption::Basic,
                        ))
                    }
                };
                alternatives.push((Occur::Should, q));
            }
            musts.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
        }
        Ok((!musts.is_empty()).then(|| Box::new(BooleanQuery::new(musts)) as Box<dyn Query>))
    }

    fn facet_term(&self, field: Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_facet(field, &Facet::from_path([value])), IndexRecordOption::Basic))
    }

    /// The synonyms each unquoted term of the query is expanded with.
    pub(crate) fn expansions(&self, parsed: &ParsedQuery) -> Vec<Expansion> {
        let mut out: Vec<Expansion> = Vec::new();
        if !self.ranking.synonyms {
            return out;
        }
        for c in parsed.positive() {
            if let Clause::Term(t) = c {
                if let Some(list) = Synonyms::builtin().lookup(t) {
                    if !out.iter().any(|e| e.term == *t) {
                        out.push(Expansion { term: t.clone(), synonyms: list.to_vec() });
                    }
                }
            }
        }
        out
    }

    /// The text part of the query: every group required (or, with `any`, at least one).
    pub(crate) fn text_query(&self, parsed: &ParsedQuery, any: bool, filter: Option<Box<dyn Query>>) -> Box<dyn Query> {
        let index = self.index;
        // Several required parts make an intersection, which probes all but one of them.
        let required = if any { 1 } else { parsed.required.len() } + usize::from(filter.is_some());
        let probed = required >= 2;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut groups: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &parsed.required {
            let alts: Vec<(Occur, Box<dyn Query>)> =
                group.iter().filter_map(|c| self.clause_query(index, c, probed)).map(|q| (Occur::Should, q)).collect();
            if alts.is_empty() {
                continue;
            }
            groups.push((if any { Occur::Should } else { Occur::Must }, any_of(alts, probed)));
        }
        let has_text = !groups.is_empty();
        if any && has_text {
            clauses.push((Occur::Must, any_of(groups, probed)));
        } else {
            clauses.extend(groups);
        }
        if !has_text {
            if !parsed.is_empty() {
                // Every term was punctuation only: nothing can match.
                return Box::new(EmptyQuery);
            }
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        if has_text && !any && self.ranking.proximity {
            if let Some(q) = self.terms_near(parsed) {
                clauses.push((Occur::Should, q));
            }
        }
        // A query that is one term equal to a note's term: the note (its definition) comes first.
        if let [group] = parsed.required.as_slice() {
            if let [clause] = group.as_slice() {
                let key = note_key(clause.text());
                if !key.is_empty() {
                    let term =
                        TermQuery::new(Term::from_field_text(self.fields.note_term, &key), IndexRecordOption::Basic);
                    clauses.push((Occur::Should, Box::new(ConstScoreQuery::new(Box::new(term), NOTE_SCORE))));
                }
            }
        }
        for c in &parsed.excluded {
            if let Some(q) = self.literal(self.fields.text_pairs, c.text()) {
                clauses.push((Occur::MustNot, q));
            }
        }
        if let Some(f) = filter {
            clauses.push((Occur::Must, f));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// One clause, scored in tiers (see [`LITERAL_FLOOR`]): the term literally in the text
    /// (BM25, damped for very short passages, raised by a heading that holds it too); for an
    /// unquoted term, one of its synonyms literally; the term only in an inherited heading; all of
    /// its words anywhere in the passage (with a bonus when they are close together).
    fn clause_query(&self, index: &Index, clause: &Clause, probed: bool) -> Option<Box<dyn Query>> {
        let r = self.ranking;
        let f = &self.fields;
        let text = clause.text();
        let is_term = matches!(clause, Clause::Term(_));
        let should = |q: Box<dyn Query>| -> (Occur, Box<dyn Query>) { (Occur::Should, q) };
        let boosted = |q: Box<dyn Query>, boost: f32| should(Box::new(BoostQuery::new(q, boost)));
        let prior = |q: Box<dyn Query>| -> Box<dyn Query> {
            if r.length_prior {
                Box::new(ScoreMapQuery::length_prior(q, f.text_pairs))
            } else {
                q
            }
        };
        // Without literal matching, the words (and the headings' words) make the top tier.
        let mut literal: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // With literal matching, the term in the passage's own text and in its headings are
        // kept apart: the text match makes the top tier, a heading match alone does not.
        let mut own: Option<(Box<dyn Query>, Box<dyn Query>)> = None;
        if r.chars {
            let (Some(body), Some(heading)) = (self.literal(f.text_pairs, text), self.literal(f.heading_pairs, text))
            else {
                return None;
            };
            own = Some((
                prior(Box::new(BoostQuery::new(body, BOOST_LITERAL))),
                Box::new(BoostQuery::new(heading, BOOST_HEADING)),
            ));
        }
        let tier = |own: (Box<dyn Query>, Box<dyn Query>), words: Option<Box<dyn Query>>| -> Box<dyn Query> {
            self.with_synonyms(Box::new(TierQuery::new(own.0, own.1, words)), text, is_term, probed)
        };
        if r.words && (is_term || !r.chars) {
            let words = analysis::tokens_in(index, analysis::WORD_TOKENIZER, text);
            let Some(all) = all_words(f.text_words, &words) else {
                return own.map(|own| tier(own, None));
            };
            let mut scored = vec![boosted(all.box_clone(), BOOST_WORDS)];
            if r.proximity {
                scored.extend(self.words_near(index, text).map(|q| boosted(q, BOOST_PROXIMITY)));
            }
            let scored = prior(any_of(scored, probed));
            if let Some(own) = own {
                // Where the term is found literally, its words count in full (term frequency)
                // on top; where they are only found apart, they make the bottom tier.
                return Some(tier(own, Some(scored)));
            }
            literal.push(should(scored));
            if let Some(h) = all_words(f.heading_words, &words) {
                literal.push(boosted(h, BOOST_HEADING));
            }
        }
        if let Some(own) = own {
            return Some(tier(own, None));
        }
        if literal.is_empty() {
            return None;
        }
        Some(self.with_synonyms(lifted(any_of(literal, probed)), text, is_term, probed))
    }

    /// A clause: its own matches (`top`, already lifted into the top tier), or one of the
    /// synonyms of `text` in the tier below.
    fn with_synonyms(&self, top: Box<dyn Query>, text: &str, is_term: bool, probed: bool) -> Box<dyn Query> {
        let f = &self.fields;
        let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, top)];
        if let Some(list) = Synonyms::builtin().lookup(text).filter(|_| self.ranking.synonyms && is_term) {
            let mut syn: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for s in list {
                syn.extend(
                    self.literal(f.text_pairs, s)
                        .map(|q| (Occur::Should, Box::new(BoostQuery::new(q, BOOST_LITERAL)) as Box<dyn Query>)),
                );
                syn.extend(
                    self.literal(f.heading_pairs, s)
                        .map(|q| (Occur::Should, Box::new(BoostQuery::new(q, BOOST_HEADING)) as Box<dyn Query>)),
                );
            }
            if !syn.is_empty() {
                let saturated = ScoreMapQuery::saturate(any_of(syn, probed), SYNONYM_SPAN, SYNONYM_HALF);
                parts.push((Occur::Should, Box::new(ScoreMapQuery::floor(Box::new(saturated), SYNONYM_FLOOR))));
            }
        }
        if parts.len() == 1 {
            return parts.remove(0).1;
        }
        any_of(parts, probed)
    }

    /// The words of `text` (jieba default mode) within [`PROXIMITY_SLOP`] characters of each
    /// other, matched on the character pairs that cover each word (words have no positions in
    /// the index: pairs carry every position already); `None` for fewer than two words of two
    /// or more characters.
    fn words_near(&self, index: &Index, text: &str) -> Option<Box<dyn Query>> {
        let field = self.fields.text_pairs;
        let mut terms: Vec<(usize, Term)> = Vec::new();
        let mut words = 0;
        for word in analysis::tokens_in(index, analysis::WORD_CUT_TOKENIZER, text) {
            if let LiteralTerms::Pairs(pairs) = literal_terms(&word.text) {
                words += 1;
                terms.extend(pairs.into_iter().map(|(p, t)| (word.position + p, Term::from_field_text(field, &t))));
            }
        }
        (words >= 2).then(|| Box::new(PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP)) as Box<dyn Query>)
    }

    /// For a query of several terms (no `OR`): a bonus, weighted [`BOOST_PROXIMITY`], for passages
    /// where the terms occur literally within [`PROXIMITY_SLOP`] characters of each other (two
    /// terms: in either order). Matched on character pairs, so a term of one character takes no
    /// part (it has no pair; the bonus then needs two longer terms).
    fn terms_near(&self, parsed: &ParsedQuery) -> Option<Box<dyn Query>> {
        if parsed.required.len() < 2 || parsed.required.len() > 4 || parsed.has_or() {
            return None;
        }
        let field = self.fields.text_pairs;
        // Each term as its pairs (offsets inside the term) and its length in characters.
        let parts: Vec<(Vec<(usize, Term)>, usize)> = parsed
            .positive()
            .filter_map(|c| match literal_terms(c.text()) {
                LiteralTerms::Pairs(pairs) => {
                    let len = pairs.last().map_or(0, |(p, _)| p + 2);
                    let terms = pairs.into_iter().map(|(p, t)| (p, Term::from_field_text(field, &t))).collect();
                    Some((terms, len))
                }
                _ => None,
            })
            .collect();
        if parts.len() < 2 {
            return None;
        }
        let slop = PROXIMITY_SLOP * (parts.len() as u32 - 1);
        let phrase = |order: &mut dyn Iterator<Item = &(Vec<(usize, Term)>, usize)>| -> Box<dyn Query> {
            let mut terms: Vec<(usize, Term)> = Vec::new();
            let mut start = 0;
            for (pairs, len) in order {
                terms.extend(pairs.iter().map(|(p, t)| (start + p, t.clone())));
                start += len;
            }
            Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
        };
        let mut alts = vec![(Occur::Should, phrase(&mut parts.iter()))];
        if parts.len() == 2 {
            alts.push((Occur::Should, phrase(&mut parts.iter().rev())));
        }
        Some(Box::new(BoostQuery::new(Box::new(BooleanQuery::new(alts)), BOOST_PROXIMITY)))
    }

    /// `text` literally on one side of the passage (the pair field of its text or of its
    /// headings): its one character (the terms it begins), its one pair (two characters), or a
    /// phrase of the pairs that cover it.
    fn literal(&self, pairs_field: Field, text: &str) -> Option<Box<dyn Query>> {
        let term = |t: &str| Term::from_field_text(pairs_field, t);
        match literal_terms(text) {
            LiteralTerms::None => None,
            LiteralTerms::Char(c) => Some(Box::new(CharQuery::new(pairs_field, c))),
            LiteralTerms::Pairs(pairs) if pairs.len() == 1 => {
                Some(Box::new(TermQuery::new(term(&pairs[0].1), IndexRecordOption::WithFreqs)))
            }
            LiteralTerms::Pairs(pairs) => {
                Some(Box::new(PhraseQuery::new_with_offset(pairs.iter().map(|(p, t)| (*p, term(t))).collect())))
            }
        }
    }
}

/// The should clauses `alternatives` as one query. Where it is `probed` (it is one of several
/// required parts, so an intersection asks it about candidate passages), an [`AnyQuery`], which
/// answers without moving its phrases ahead; otherwise tantivy's boolean query, whose buffered
/// union is faster to run through (25 % on `的`). Both give the same matches and scores.
fn any_of(alternatives: Vec<(Occur, Box<dyn Query>)>, probed: bool) -> Box<dyn Query> {
    if probed {
        Box::new(AnyQuery(alternatives.into_iter().map(|(_, q)| q).collect()))
    } else {
        Box::new(BooleanQuery::new(alternatives))
    }
}

/// Every distinct word of `words` on `field`, all required.
fn all_words(field: Field, words: &[tantivy::tokenizer::Token]) -> Option<Box<dyn Query>> {
    let mut seen = std::collections::HashSet::new();
    let terms: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .filter(|t| seen.insert(t.text.as_str()))
        .map(|t| {
            let term = Term::from_field_text(field, &t.text);
            (Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)) as Box<dyn Query>)
        })
        .collect();
    (!terms.is_empty()).then(|| Box::new(BooleanQuery::new(terms)) as Box<dyn Query>)
}
