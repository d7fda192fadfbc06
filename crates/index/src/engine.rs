//! Searching an index: opens the current generation, turns a [`SearchRequest`] into a Tantivy
//! query (literal character phrases for recall, jieba words and headings for ranking), collects
//! the page of hits with facet counts over the whole result set, and adds highlights.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use plansearch_text::departments::DepartmentLexicon;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Index, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::analysis::char_tokens;
use crate::api::*;
use crate::build::LEXICON_FILE;
use crate::facets::{FacetCache, FacetCounter, FieldCounts};
use crate::highlight::{highlight_ranges, snippet};
use crate::manifest::Manifest;
use crate::query::{parse, parse_year_filter, Clause, FilterField, ParsedQuery};
use crate::schema::{Fields, F_FACET_DEPARTMENT, F_FACET_DOC, F_FACET_KEYWORD, F_FACET_SECTOR, F_FACET_YEAR, F_SEQ};
use crate::synonyms::Synonyms;
use crate::{analysis, Error, Result};

/// Weight of a literal match in the passage text.
const BOOST_LITERAL: f32 = 2.0;
/// Weight of a literal match in the sector or keyword title.
const BOOST_HEADING: f32 = 3.0;
/// Weight of all of a term's words occurring in the passage, not necessarily together.
const BOOST_WORDS: f32 = 1.0;
/// Weight of the words of a term, or of the terms of a query, occurring close together.
const BOOST_PROXIMITY: f32 = 1.0;
/// How far apart (in characters, all gaps together) the words may be for the proximity bonus.
const PROXIMITY_SLOP: u32 = 8;
/// Score a passage holding a term literally (in its text or headings) gets for that term, on top
/// of BM25. With the two floors below, every term ranks passages in three tiers: the term
/// literally (at least `LITERAL_FLOOR`), one of its synonyms literally (from `SYNONYM_FLOOR`, less
/// than `SYNONYM_FLOOR + SYNONYM_SPAN + WORDS_SPAN` ≤ `LITERAL_FLOOR`), its words apart (less than
/// `WORDS_SPAN`); BM25 orders the passages inside a tier.
const LITERAL_FLOOR: f32 = 20.0;
/// Score of a passage holding a synonym of the term literally.
const SYNONYM_FLOOR: f32 = 10.0;
/// Bound of the BM25 part of a synonym match (saturated: `SPAN × s / (s + HALF)`).
const SYNONYM_SPAN: f32 = 5.0;
/// BM25 score of a synonym match that maps to half of [`SYNONYM_SPAN`].
const SYNONYM_HALF: f32 = 20.0;
/// Bound of the score of a term's words occurring apart (saturated like synonyms).
const WORDS_SPAN: f32 = 5.0;
/// BM25 score of the words that maps to half of [`WORDS_SPAN`].
const WORDS_HALF: f32 = 10.0;
/// Passage length (characters) at which the length prior halves the BM25 score of a term; it
/// offsets the advantage BM25 gives very short passages.
const LENGTH_PIVOT: f32 = 20.0;
/// How many values each facet lists at most.
const FACET_VALUES: usize = 100;
/// Notice shown when no passage has every term.
pub const NOTICE_ANY: &str = "没有同时包含所有词语的段落，已改为显示包含任一词语的段落。";

/// An open index, ready to answer queries. Cheap to share between threads.
pub struct Engine {
    dir: PathBuf,
    manifest: Manifest,
    reader: IndexReader,
    fields: Fields,
    lexicon: DepartmentLexicon,
    /// Facet counts over the whole corpus, computed once at open.
    corpus_facets: Facets,
    /// Position of each document in `manifest.docs`, by id (facet labels and trends look it up).
    doc_index: HashMap<String, usize>,
    /// Every commitment in document order, read on first use.
    commitments: std::sync::OnceLock<Vec<CommitmentRecord>>,
    facet_cache: Arc<FacetCache>,
    /// The five facet fields by name, in the order [`Engine::facets_from`] reads their counts.
    facet_fields: Arc<[String]>,
    /// The word dictionaries of this index (shared with every engine using the same ones).
    dictionaries: Arc<crate::dictionary::Dictionaries>,
    /// How queries are matched and ranked.
    ranking: RankingConfig,
}

impl Engine {
    /// Opens the current generation of the index at `dir`.
    pub fn open(dir: &Path) -> Result<Engine> {
        let manifest = Manifest::load(dir)?.ok_or_else(|| Error::Missing { path: dir.display().to_string() })?;
        if manifest.schema_version != crate::schema::SCHEMA_VERSION || manifest.analysis != analysis::fingerprint() {
            return Err(Error::Stale { path: dir.display().to_string(), reason: "built by another version".into() });
        }
        let gen_dir = dir.join(&manifest.generation);
        let index = Index::open_in_dir(&gen_dir)?;
        let dictionaries = analysis::register(&index);
        let fields = Fields::new(&index.schema())?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let lexicon_path = gen_dir.join(LEXICON_FILE);
        let lexicon = match std::fs::read_to_string(&lexicon_path) {
            Ok(src) => DepartmentLexicon::from_toml_str(&src, &lexicon_path.display().to_string())?,
            Err(_) => DepartmentLexicon::builtin().clone(),
        };
        let doc_index = manifest.docs.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        let mut engine = Engine {
            dir: dir.to_path_buf(),
            manifest,
            reader,
            fields,
            lexicon,
            corpus_facets: Facets::default(),
            doc_index,
            commitments: std::sync::OnceLock::new(),
            facet_cache: Arc::default(),
            facet_fields: [F_FACET_SECTOR, F_FACET_KEYWORD, F_FACET_DOC, F_FACET_DEPARTMENT, F_FACET_YEAR]
                .map(String::from)
                .into(),
            dictionaries,
            ranking: RankingConfig::default(),
        };
        let searcher = engine.reader.searcher();
        let counts = searcher.search(&AllQuery, &engine.facet_counter())?;
        engine.corpus_facets = engine.facets_from(counts, FACET_VALUES);
        Ok(engine)
    }

    /// Builds the full word dictionary now (~0.2 s), for a long-running process: a query is then
    /// cut with it directly instead of with a dictionary made for that query (see
    /// [`crate::dictionary`]; both give the same words).
    pub fn preload_dictionary(&self) {
        self.dictionaries.full();
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What built this index.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The department lexicon the index was tagged with.
    pub fn lexicon(&self) -> &DepartmentLexicon {
        &self.lexicon
    }

    /// Document and passage counts.
    pub fn stats(&self) -> IndexStats {
        IndexStats { documents: self.manifest.documents, passages: self.reader.searcher().num_docs() }
    }

    /// Facet counts over the whole corpus.
    pub fn facets(&self) -> &Facets {
        &self.corpus_facets
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        let chars = req.q.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(Error::QueryTooLong { chars, max: MAX_QUERY_CHARS });
        }
        let limit = req.limit.unwrap_or(DEFAULT_LIMIT);
        if limit > MAX_LIMIT {
            return Err(Error::BadParameter { name: "limit".into(), message: format!("must be at most {MAX_LIMIT}") });
        }
        let offset = req.offset.unwrap_or(0);
        if offset > MAX_OFFSET {
            return Err(Error::BadParameter {
                name: "offset".into(),
                message: format!("must be at most {MAX_OFFSET}"),
            });
        }
        let parsed = parse(&req.q)?;
        self.search_parsed(req, parsed, started)
    }

    /// Runs a search whose query text is already parsed (limits on `req` already checked).
    fn search_parsed(&self, req: &SearchRequest, parsed: ParsedQuery, started: Instant) -> Result<SearchResponse> {
        let limit = req.limit.unwrap_or(DEFAULT_LIMIT);
        let offset = req.offset.unwrap_or(0);
        let filter = self.filter_query(req, &parsed)?;
        let searcher = self.reader.searcher();

        let mut notices = Vec::new();
        for c in parsed.positive() {
            if char_tokens(c.text()).is_empty() {
                notices.push(format!("“{}”不含可检索的文字，已忽略。", c.text()));
            }
        }
        let expansions = self.expansions(&parsed);
        for e in &expansions {
            notices.push(format!(
                "“{}”同时检索了同义词或全称：{}（这些匹配排在字面匹配之后）。",
                e.term,
                e.synonyms.join("、")
            ));
        }
        let synonym_clauses: Vec<Clause> =
            expansions.iter().flat_map(|e| e.synonyms.iter().map(|s| Clause::Phrase(s.clone()))).collect();
        let facet_limit = req_facet_limit(req);
        let mut matched = "all";
        let query = self.text_query(&parsed, false, filter.as_ref().map(|f| f.box_clone()));
        let mut found = self.collect(&searcher, &*query, &parsed, limit, offset)?;
        if found.total == 0 && parsed.required.len() > 1 {
            let any = self.text_query(&parsed, true, filter.as_ref().map(|f| f.box_clone()));
            let found_any = self.collect(&searcher, &*any, &parsed, limit, offset)?;
            if found_any.total > 0 {
                found = found_any;
                matched = "any";
                notices.push(NOTICE_ANY.to_string());
            }
        }
        let Found { total, top: addresses, counts } = found;
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, addr) in addresses {
            let passage = self.record(&searcher, addr)?;
            let highlights = highlight_ranges(&passage.text, parsed.positive().chain(&synonym_clauses));
            let snippet = snippet(&passage.text, &highlights);
            hits.push(Hit { passage, snippet, highlights, score });
        }
        let facets = self.facets_from(counts, facet_limit);
        Ok(SearchResponse {
            query: req.q.clone(),
            total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            limit,
            offset,
            matched: matched.to_string(),
            notices,
            expansions,
            hits,
            facets,
        })
    }

    /// One passage with up to two neighbours on each side.
    pub fn passage(&self, id: &str) -> Result<PassageView> {
        let searcher = self.reader.searcher();
        let (addr, seq) = self.find_id(&searcher, id)?.ok_or_else(|| Error::NotFound(format!("passage `{id}`")))?;
        let passage = self.record(&searcher, addr)?;
        let mut before = Vec::new();
        let mut after = Vec::new();
        for s in seq.saturating_sub(2)..=seq + 2 {
            if s == seq {
                continue;
            }
            let q = TermQuery::new(Term::from_field_u64(self.fields.seq, s), IndexRecordOption::Basic);
            if let Some((_, a)) = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?.into_iter().next() {
                let r = self.record(&searcher, a)?;
                if r.doc == passage.doc {
                    if s < seq {
                        before.push(r);
                    } else {
                        after.push(r);
                    }
                }
            }
        }
        Ok(PassageView { passage, before, after })
    }

    /// Every passage in document order.
    pub fn export(&self) -> Result<Vec<PassageRecord>> {
        Ok(self.export_with_commitments()?.into_iter().map(|(r, _)| r).collect())
    }

    /// Every passage in document order, with the commitments extracted from it.
    pub fn export_with_commitments(
        &self,
    ) -> Result<Vec<(PassageRecord, Vec<plansearch_text::commitments::Commitment>)>> {
        let searcher = self.reader.searcher();
        let all = searcher.search(&AllQuery, &DocSetCollector)?;
        let mut rows = Vec::with_capacity(all.len());
        for addr in all {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let seq = doc.get_first(self.fields.seq).and_then(|v| v.as_u64()).unwrap_or(0);
            let record = decode_record(&doc, self.fields.record)?;
            let commitments = match doc.get_first(self.fields.commitments).and_then(|v| v.as_str()) {
                Some(json) => serde_json::from_str(json).map_err(|e| Error::Corrupt(e.to_string()))?,
                None => Vec::new(),
            };
            rows.push((seq, record, commitments));
        }
        rows.sort_by_key(|r| r.0);
        Ok(rows.into_iter().map(|(_, r, c)| (r, c)).collect())
    }

    /// Commitments matching the filters, in document order.
    pub fn commitments(&self, req: &CommitmentRequest) -> Result<Vec<CommitmentRecord>> {
        let all = match self.commitments.get() {
            Some(all) => all,
            None => {
                let computed = self.all_commitments()?;
                self.commitments.get_or_init(|| computed)
            }
        };
        let departments: Vec<&str> = req
            .department
            .iter()
            .filter(|d| !d.trim().is_empty())
            .map(|d| {
                self.lexicon.resolve(d).ok_or_else(|| Error::BadParameter {
                    name: "department".into(),
                    message: format!("unknown department `{d}`"),
                })
            })
            .collect::<Result<_>>()?;
        let years: Vec<(Option<i64>, Option<i64>)> =
            req.year.iter().filter(|y| !y.trim().is_empty()).map(|y| parse_year_filter(y)).collect::<Result<_>>()?;
        let kind = match req.kind.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(k @ ("target" | "project")) => Some(k),
            Some(other) => {
                return Err(Error::BadParameter {
                    name: "kind".into(),
                    message: format!("`{other}` is not `target` or `project`"),
                })
            }
        };
        let keep = |c: &&CommitmentRecord| {
            (departments.is_empty() || c.departments.iter().any(|d| departments.contains(&d.as_str())))
                && (req.sector.is_empty() || req.sector.iter().any(|s| s == &c.sector))
                && (req.doc.is_empty() || req.doc.iter().any(|d| d == &c.doc))
                && kind.is_none_or(|k| k == c.kind)
                && (years.is_empty()
                    || c.year.is_some_and(|y| {
                        years
                            .iter()
                            .any(|(lo, hi)| lo.is_none_or(|l| y as i64 >= l) && hi.is_none_or(|h| y as i64 <= h))
                    }))
        };
        Ok(all.iter().filter(keep).cloned().collect())
    }

    fn all_commitments(&self) -> Result<Vec<CommitmentRecord>> {
        let mut out = Vec::new();
        for (p, list) in self.export_with_commitments()? {
            for (i, c) in list.into_iter().enumerate() {
                out.push(CommitmentRecord {
                    id: format!("{}#{}", p.id, i + 1),
                    passage_id: p.id.clone(),
                    kind: match c.kind {
                        plansearch_text::commitments::CommitmentKind::Target => "target".into(),
                        plansearch_text::commitments::CommitmentKind::Project => "project".into(),
                    },
                    text: c.text,
                    metric: c.metric,
                    value: c.value,
                    unit: c.unit,
                    comparator: c.comparator,
                    year: c.year,
                    doc: p.doc.clone(),
                    title: p.title.clone(),
                    sector: p.sector.clone(),
                    keyword: p.keyword.clone(),
                    departments: p.departments.iter().map(|d| d.name.clone()).collect(),
                    source: p.source.clone(),
                });
            }
        }
        Ok(out)
    }

    /// Matching passages and documents per year, for the query and filters of `req`.
    ///
    /// Unlike search, every term counts only where it occurs literally: a trend answers "when did
    /// this phrase appear", and passages that merely hold its words apart would blur the answer.
    pub fn trend(&self, req: &SearchRequest) -> Result<TrendResponse> {
        let mut req = req.clone();
        req.limit = Some(0);
        req.offset = None;
        let chars = req.q.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(Error::QueryTooLong { chars, max: MAX_QUERY_CHARS });
        }
        let mut parsed = parse(&req.q)?;
        for group in &mut parsed.required {
            for clause in group.iter_mut() {
                *clause = Clause::Phrase(clause.text().to_string());
            }
        }
        let resp = self.search_parsed(&req, parsed, Instant::now())?;
        let mut by_year: std::collections::BTreeMap<i32, TrendPoint> = std::collections::BTreeMap::new();
        for f in &resp.facets.year {
            if let Ok(y) = f.value.parse::<i32>() {
                by_year.insert(y, TrendPoint { year: y, passages: f.count, documents: 0 });
            }
        }
        for d in &resp.facets.doc {
            let year = self.doc_info(&d.value).and_then(|i| i.year);
            if let Some(point) = year.and_then(|y| by_year.get_mut(&y)) {
                point.documents += 1;
            }
        }
        Ok(TrendResponse { query: resp.query, total: resp.total, series: by_year.into_values().collect() })
    }

    /// Completions for a search box: keyword and sector titles containing the text, then frequent
    /// words starting with it.
    pub fn suggest(&self, q: &str, limit: usize) -> Result<Vec<Suggestion>> {
        let needle = plansearch_text::normalize::fold_str(q.trim());
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let mut out: Vec<Suggestion> = Vec::new();
        let mut titles: Vec<(bool, u64, &str)> = self
            .corpus_facets
            .keyword
            .iter()
            .chain(&self.corpus_facets.sector)
            .filter(|f| plansearch_text::normalize::fold_str(&f.value).contains(&needle))
            .map(|f| (!plansearch_text::normalize::fold_str(&f.value).starts_with(&needle), f.count, f.value.as_str()))
            .collect();
        titles.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        for (_, _, t) in titles.into_iter().take(limit) {
            out.push(Suggestion { text: t.to_string(), kind: "keyword".into() });
        }
        if out.len() < limit {
            let searcher = self.reader.searcher();
            let mut freq: HashMap<String, u64> = HashMap::new();
            for seg in searcher.segment_readers() {
                let inv = seg.inverted_index(self.fields.text_words)?;
                let mut stream = inv
                    .terms()
                    .range()
                    .ge(needle.as_bytes())
                    .into_stream()
                    .map_err(|e| Error::io(self.dir.as_path(), e))?;
                let mut seen = 0;
                while stream.advance() && seen < 2000 {
                    let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
                    if !term.starts_with(&needle) {
                        break;
                    }
                    seen += 1;
                    if term != needle {
                        *freq.entry(term.to_string()).or_default() += stream.value().doc_freq as u64;
                    }
                }
            }
            let mut terms: Vec<(String, u64)> = freq.into_iter().collect();
            terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for (t, _) in terms {
                if out.len() >= limit {
                    break;
                }
                if !out.iter().any(|s| s.text == t) {
                    out.push(Suggestion { text: t, kind: "term".into() });
                }
            }
        }
        Ok(out)
    }

    fn find_id(&self, searcher: &Searcher, id: &str) -> Result<Option<(DocAddress, u64)>> {
        let q = TermQuery::new(Term::from_field_text(self.fields.id, id), IndexRecordOption::Basic);
        let Some((_, addr)) = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?.into_iter().next() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        let seq = doc.get_first(self.fields.seq).and_then(|v| v.as_u64()).unwrap_or(0);
        Ok(Some((addr, seq)))
    }

    fn record(&self, searcher: &Searcher, addr: DocAddress) -> Result<PassageRecord> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        decode_record(&doc, self.fields.record)
    }

    /// Filters from the request parameters and from the query text. Values of one field are
    /// alternatives; fields combine with AND.
    fn filter_query(&self, req: &SearchRequest, parsed: &ParsedQuery) -> Result<Option<Box<dyn Query>>> {
        let mut by_field: Vec<(FilterField, Vec<String>)> = vec![
            (FilterField::Sector, req.sector.clone()),
            (FilterField::Keyword, req.keyword.clone()),
            (FilterField::Doc, req.doc.clone()),
            (FilterField::Department, req.department.clone()),
            (FilterField::Year, req.year.clone()),
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
                    FilterField::Sector => self.facet_term(self.fields.facet_sector, v),
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
                        self.facet_term(self.fields.facet_department, name)
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

    /// The ranking configuration searches use.
    pub fn ranking(&self) -> RankingConfig {
        self.ranking
    }

    /// The same engine, searching with another ranking configuration (to compare configurations).
    pub fn with_ranking(mut self, ranking: RankingConfig) -> Engine {
        self.ranking = ranking;
        self
    }

    /// The synonyms each unquoted term of the query is expanded with.
    fn expansions(&self, parsed: &ParsedQuery) -> Vec<Expansion> {
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
    fn text_query(&self, parsed: &ParsedQuery, any: bool, filter: Option<Box<dyn Query>>) -> Box<dyn Query> {
        let searcher = self.reader.searcher();
        let index = searcher.index();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut groups: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &parsed.required {
            let alts: Vec<(Occur, Box<dyn Query>)> =
                group.iter().filter_map(|c| self.clause_query(index, c)).map(|q| (Occur::Should, q)).collect();
            if alts.is_empty() {
                continue;
            }
            groups.push((if any { Occur::Should } else { Occur::Must }, Box::new(BooleanQuery::new(alts))));
        }
        let has_text = !groups.is_empty();
        if any && has_text {
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(groups))));
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
        for c in &parsed.excluded {
            if let Some(q) = self.literal(self.fields.text_chars, c.text()) {
                clauses.push((Occur::MustNot, q));
            }
        }
        if let Some(f) = filter {
            clauses.push((Occur::Must, f));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// One clause, scored in tiers (see [`LITERAL_FLOOR`]): the term literally in the text
    /// (BM25, damped for very short passages) or headings; for an unquoted term, one of its
    /// synonyms literally, or all of its words anywhere in the passage (with a bonus when they are
    /// close together).
    fn clause_query(&self, index: &Index, clause: &Clause) -> Option<Box<dyn Query>> {
        let r = self.ranking;
        let f = &self.fields;
        let text = clause.text();
        let is_term = matches!(clause, Clause::Term(_));
        let should = |q: Box<dyn Query>| -> (Occur, Box<dyn Query>) { (Occur::Should, q) };
        let boosted = |q: Box<dyn Query>, boost: f32| should(Box::new(BoostQuery::new(q, boost)));
        let prior = |q: Box<dyn Query>| -> Box<dyn Query> {
            if r.length_prior {
                Box::new(ScoreMapQuery::length_prior(q, f.text_chars))
            } else {
                q
            }
        };
        // The scores of what makes a passage match the term itself: the top tier, evaluated
        // once and lifted into the tier by `tiers` (or by `TierQuery` with the term's words).
        let mut literal: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if r.chars {
            let (Some(body), Some(heading)) = (self.literal(f.text_chars, text), self.literal(f.heading_chars, text))
            else {
                return None;
            };
            literal.push(should(prior(Box::new(BoostQuery::new(body, BOOST_LITERAL)))));
            literal.push(boosted(heading, BOOST_HEADING));
        }
        if r.words && (is_term || !r.chars) {
            let words = analysis::tokens_in(index, analysis::WORD_TOKENIZER, text);
            let Some(all) = all_words(f.text_words, &words) else {
                return (!literal.is_empty()).then(|| self.with_synonyms(lifted(literal), text, is_term));
            };
            let mut scored = vec![boosted(all.box_clone(), BOOST_WORDS)];
            if r.proximity {
                scored.extend(self.words_near(index, text).map(|q| boosted(q, BOOST_PROXIMITY)));
            }
            let scored = prior(Box::new(BooleanQuery::new(scored)));
            if r.chars {
                // Where the term is found literally, its words count in full (term frequency)
                // on top; where they are only found apart, they make the bottom tier.
                let tier = TierQuery { literal: Box::new(BooleanQuery::new(literal)), words: scored };
                return Some(self.with_synonyms(Box::new(tier), text, is_term));
            } else {
                // Without literal matching, having all the words is the top tier.
                literal.push(should(scored));
                if let Some(h) = all_words(f.heading_words, &words) {
                    literal.push(boosted(h, BOOST_HEADING));
                }
            }
        }
        if literal.is_empty() {
            return None;
        }
        Some(self.with_synonyms(lifted(literal), text, is_term))
    }

    /// A clause: its own matches (`top`, already lifted into the top tier), or one of the
    /// synonyms of `text` in the tier below.
    fn with_synonyms(&self, top: Box<dyn Query>, text: &str, is_term: bool) -> Box<dyn Query> {
        let f = &self.fields;
        let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, top)];
        if let Some(list) = Synonyms::builtin().lookup(text).filter(|_| self.ranking.synonyms && is_term) {
            let mut syn: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for s in list {
                syn.extend(
                    self.literal(f.text_chars, s)
                        .map(|q| (Occur::Should, Box::new(BoostQuery::new(q, BOOST_LITERAL)) as Box<dyn Query>)),
                );
                syn.extend(
                    self.literal(f.heading_chars, s)
                        .map(|q| (Occur::Should, Box::new(BoostQuery::new(q, BOOST_HEADING)) as Box<dyn Query>)),
                );
            }
            if !syn.is_empty() {
                let saturated = ScoreMapQuery::saturate(Box::new(BooleanQuery::new(syn)), SYNONYM_SPAN, SYNONYM_HALF);
                parts.push((Occur::Should, Box::new(ScoreMapQuery::floor(Box::new(saturated), SYNONYM_FLOOR))));
            }
        }
        if parts.len() == 1 {
            return parts.remove(0).1;
        }
        Box::new(BooleanQuery::new(parts))
    }

    /// The words of `text` (jieba default mode) within [`PROXIMITY_SLOP`] characters of each
    /// other, in the word field; `None` for fewer than two words.
    fn words_near(&self, index: &Index, text: &str) -> Option<Box<dyn Query>> {
        let words = analysis::tokens_in(index, analysis::WORD_CUT_TOKENIZER, text);
        if words.len() < 2 {
            return None;
        }
        let terms: Vec<(usize, Term)> =
            words.iter().map(|t| (t.position, Term::from_field_text(self.fields.text_words, &t.text))).collect();
        Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP)))
    }

    /// For a query of several terms (no `OR`): a bonus, weighted [`BOOST_PROXIMITY`], for passages
    /// where the terms occur literally within [`PROXIMITY_SLOP`] characters of each other (two
    /// terms: in either order).
    fn terms_near(&self, parsed: &ParsedQuery) -> Option<Box<dyn Query>> {
        if parsed.required.len() < 2 || parsed.required.len() > 4 || parsed.has_or() {
            return None;
        }
        let field = self.fields.text_chars;
        let parts: Vec<Vec<Term>> = parsed
            .positive()
            .map(|c| char_tokens(c.text()).iter().map(|t| Term::from_field_text(field, &t.text)).collect::<Vec<_>>())
            .filter(|t| !t.is_empty())
            .collect();
        if parts.len() < 2 {
            return None;
        }
        let slop = PROXIMITY_SLOP * (parts.len() as u32 - 1);
        let phrase = |order: &mut dyn Iterator<Item = &Vec<Term>>| -> Box<dyn Query> {
            let terms: Vec<(usize, Term)> = order.flatten().cloned().enumerate().collect();
            Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
        };
        let mut alts = vec![(Occur::Should, phrase(&mut parts.iter()))];
        if parts.len() == 2 {
            alts.push((Occur::Should, phrase(&mut parts.iter().rev())));
        }
        Some(Box::new(BoostQuery::new(Box::new(BooleanQuery::new(alts)), BOOST_PROXIMITY)))
    }

    /// The characters of `text` in order, as a phrase on a character field.
    fn literal(&self, field: Field, text: &str) -> Option<Box<dyn Query>> {
        let terms: Vec<Term> = char_tokens(text).into_iter().map(|t| Term::from_field_text(field, &t.text)).collect();
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::WithFreqs))),
            _ => Some(Box::new(PhraseQuery::new(terms))),
        }
    }

    /// One pass over the matches of `query`: how many, the page of hits (`limit` after `offset`)
    /// and the facet counts.
    fn collect(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        parsed: &ParsedQuery,
        limit: usize,
        offset: usize,
    ) -> Result<Found> {
        let facets = self.facet_counter();
        let (total, top, counts) = if limit == 0 {
            let (total, counts) = searcher.search(query, &(Count, facets))?;
            (total, Vec::new(), counts)
        } else if parsed.is_empty() {
            // Browsing (filters only): document order reads best.
            let top = TopDocs::with_limit(limit).and_offset(offset).order_by_fast_field::<u64>(F_SEQ, Order::Asc);
            let (total, top, counts) = searcher.search(query, &(Count, top, facets))?;
            (total, top.into_iter().map(|(_, a)| (0.0, a)).collect(), counts)
        } else {
            // Ties are broken by document order, so equal scores rank the same way however the
            // passages were spread over segments by the indexing threads.
            let top = TopDocs::with_limit(limit).and_offset(offset).order_by((
                (SortBySimilarityScore, Order::Desc),
                (SortByStaticFastValue::<u64>::for_field(F_SEQ), Order::Asc),
            ));
            let (total, top, counts) = searcher.search(query, &(Count, top, facets))?;
            (total, top.into_iter().map(|((score, _), a)| (score, a)).collect(), counts)
        };
        Ok(Found { total: total as u64, top, counts })
    }

    /// Counts the five facet fields, in the order [`Engine::facets_from`] reads them.
    fn facet_counter(&self) -> FacetCounter {
        FacetCounter::new(self.facet_fields.clone(), self.facet_cache.clone())
    }

    /// Facet lists from counts: years by value, the rest by count, `limit` values each.
    fn facets_from(&self, counts: FieldCounts, limit: usize) -> Facets {
        let mut counts = counts.into_iter();
        let mut list = |by_value: bool| {
            let mut v = counts.next().unwrap_or_default();
            if by_value {
                v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            } else {
                // A broad query can hit thousands of values; only the first `limit` are sorted.
                let by_count = |a: &(Arc<str>, u64), b: &(Arc<str>, u64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
                if v.len() > limit {
                    v.select_nth_unstable_by(limit, by_count);
                    v.truncate(limit);
                }
                v.sort_unstable_by(by_count);
            }
            v.into_iter()
                .map(|(value, count)| FacetCount { value: value.to_string(), count, label: None })
                .collect::<Vec<_>>()
        };
        let (sector, keyword, mut doc, department, year) =
            (list(false), list(false), list(false), list(false), list(true));
        for d in &mut doc {
            d.label = self.doc_info(&d.value).map(|i| i.title.clone());
        }
        Facets { sector, keyword, doc, department, year }
    }

    /// A document's entry in the manifest, by id.
    fn doc_info(&self, id: &str) -> Option<&crate::manifest::DocInfo> {
        self.doc_index.get(id).and_then(|&i| self.manifest.docs.get(i))
    }
}

/// What one pass over a query's matches gives.
struct Found {
    total: u64,
    top: Vec<(f32, DocAddress)>,
    counts: FieldCounts,
}

/// Facet values listed per field: [`FACET_VALUES`], or all of them for a trend (limit 0 asks for
/// counts only, which is how [`Engine::trend`] calls search).
fn req_facet_limit(req: &SearchRequest) -> usize {
    if req.limit == Some(0) {
        usize::MAX
    } else {
        FACET_VALUES
    }
}

fn decode_record(doc: &TantivyDocument, field: Field) -> Result<PassageRecord> {
    let json =
        doc.get_first(field).and_then(|v| v.as_str()).ok_or_else(|| Error::Corrupt("passage without record".into()))?;
    serde_json::from_str(json).map_err(|e| Error::Corrupt(e.to_string()))
}

/// Every distinct word of `words` on `field`, all required.
/// The literal matches of a clause as its top tier: their summed scores plus [`LITERAL_FLOOR`],
/// each query evaluated once.
fn lifted(literal: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    Box::new(ScoreMapQuery::floor(Box::new(BooleanQuery::new(literal)), LITERAL_FLOOR))
}

/// `max × score / (score + half)`: grows with `score` but stays below `max`.
fn saturate(score: f32, max: f32, half: f32) -> f32 {
    max * score / (score + half)
}

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

/// How queries are matched and ranked. [`RankingConfig::default`] is what searches use, the
/// configuration measured best (docs/relevance.md); the others exist to compare against
/// (`plansearch eval FILE --config NAME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankingConfig {
    /// Match unquoted terms by their jieba words (`text_words`).
    pub words: bool,
    /// Match literally, character by character (`text_chars`, `heading_chars`).
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

/// One unquoted term's literal tier and its words, evaluated once each: a passage matching the
/// term literally scores [`LITERAL_FLOOR`] + the literal scores + the words' score in full (when
/// its words match) + the saturated words' score; a passage with only the words scores the
/// saturated words' score (the bottom tier). Equivalent to summing a constant-score copy of the
/// literal queries, a literal-and-words conjunction and the saturated words, which evaluated
/// the literal phrases three times.
#[derive(Debug)]
struct TierQuery {
    literal: Box<dyn Query>,
    words: Box<dyn Query>,
}

impl Clone for TierQuery {
    fn clone(&self) -> Self {
        TierQuery { literal: self.literal.box_clone(), words: self.words.box_clone() }
    }
}

impl Query for TierQuery {
    fn weight(
        &self,
        enable_scoring: tantivy::query::EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
        Ok(Box::new(TierWeight {
            literal: self.literal.weight(enable_scoring)?,
            words: self.words.weight(enable_scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.literal.query_terms(visitor);
        self.words.query_terms(visitor);
    }
}

struct TierWeight {
    literal: Box<dyn tantivy::query::Weight>,
    words: Box<dyn tantivy::query::Weight>,
}

impl tantivy::query::Weight for TierWeight {
    fn scorer(
        &self,
        reader: &tantivy::SegmentReader,
        boost: tantivy::Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        let literal = self.literal.scorer(reader, boost)?;
        let words = self.words.scorer(reader, boost)?;
        let doc = literal.doc().min(words.doc());
        Ok(Box::new(TierScorer { literal, words, doc }))
    }

    fn explain(
        &self,
        reader: &tantivy::SegmentReader,
        doc: tantivy::DocId,
    ) -> tantivy::Result<tantivy::query::Explanation> {
        Ok(tantivy::query::Explanation::new("literal tier and words", score_of(self, reader, doc)?))
    }
}

/// The score `weight` gives `doc`, for explanations; an error if `doc` does not match.
fn score_of(
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

struct TierScorer {
    literal: Box<dyn tantivy::query::Scorer>,
    words: Box<dyn tantivy::query::Scorer>,
    doc: tantivy::DocId,
}

impl tantivy::DocSet for TierScorer {
    fn advance(&mut self) -> tantivy::DocId {
        if self.literal.doc() == self.doc {
            self.literal.advance();
        }
        if self.words.doc() == self.doc {
            self.words.advance();
        }
        self.doc = self.literal.doc().min(self.words.doc());
        self.doc
    }
    fn seek(&mut self, target: tantivy::DocId) -> tantivy::DocId {
        if self.literal.doc() < target {
            self.literal.seek(target);
        }
        if self.words.doc() < target {
            self.words.seek(target);
        }
        self.doc = self.literal.doc().min(self.words.doc());
        self.doc
    }
    fn doc(&self) -> tantivy::DocId {
        self.doc
    }
    fn size_hint(&self) -> u32 {
        self.literal.size_hint().max(self.words.size_hint())
    }
    fn cost(&self) -> u64 {
        self.literal.cost() + self.words.cost()
    }
}

impl tantivy::query::Scorer for TierScorer {
    fn score(&mut self) -> tantivy::Score {
        let literal = (self.literal.doc() == self.doc).then(|| self.literal.score());
        let words = (self.words.doc() == self.doc).then(|| self.words.score());
        let words_apart = |w: f32| saturate(w, WORDS_SPAN, WORDS_HALF);
        match (literal, words) {
            (Some(l), Some(w)) => LITERAL_FLOOR + l + w + words_apart(w),
            (Some(l), None) => LITERAL_FLOOR + l,
            (None, Some(w)) => words_apart(w),
            (None, None) => 0.0,
        }
    }
}

/// A query whose scores are those of another query, transformed: the length prior and the
/// saturation of synonym scores. Matching is unchanged.
#[derive(Debug)]
struct ScoreMapQuery {
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
    fn length_prior(inner: Box<dyn Query>, field: Field) -> ScoreMapQuery {
        ScoreMapQuery { inner, map: ScoreMap::LengthPrior(field) }
    }
    fn saturate(inner: Box<dyn Query>, max: f32, half: f32) -> ScoreMapQuery {
        ScoreMapQuery { inner, map: ScoreMap::Saturate { max, half } }
    }
    fn floor(inner: Box<dyn Query>, floor: f32) -> ScoreMapQuery {
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
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, DocId};

    /// `TierQuery` matches the union of its literal and word queries and scores each passage as
    /// the sum it replaces: the literal tier (floor + literal score), plus the words in full where
    /// the literal matched, plus the saturated words everywhere they match.
    #[test]
    fn tier_query_scores_the_sum_it_replaces() {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in ["literal only", "words only", "literal and words", "neither"] {
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
        let tier = scores(&TierQuery { literal: term("literal"), words: term("words") });
        let words_apart = |w: f32| saturate(w, WORDS_SPAN, WORDS_HALF);
        let expected: HashMap<DocId, f32> = [
            (0, LITERAL_FLOOR + literal[&0]),
            (1, words_apart(words[&1])),
            (2, LITERAL_FLOOR + literal[&2] + words[&2] + words_apart(words[&2])),
        ]
        .into_iter()
        .collect();
        assert_eq!(tier.len(), 3, "{tier:?}");
        for (doc, score) in expected {
            assert!((tier[&doc] - score).abs() < 1e-4, "doc {doc}: {} vs {score}", tier[&doc]);
        }
        assert!(tier[&2] > tier[&0] && tier[&0] > tier[&1], "literal tiers outrank words only");
        assert_eq!(searcher.search(&TierQuery { literal: term("literal"), words: term("words") }, &Count).unwrap(), 3);
    }
}
