//! The open index: [`Engine`] opens the current generation and holds what every request needs
//! (reader, fields, lexicon, manifest, caches), and hands each request to its stage: searches
//! and trends to [`crate::search`], passages, exports and commitments to [`crate::records`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use plansearch_text::departments::DepartmentLexicon;
use tantivy::query::AllQuery;
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::api::*;
use crate::build::manifest::{DocInfo, Manifest};
use crate::build::LEXICON_FILE;
use crate::schema::{Fields, FACET_FIELDS};
use crate::search::facets::{FacetCache, FacetCounter};
use crate::search::plan::Planner;
use crate::search::present::{self, FACET_VALUES};
use crate::search::rank::RankingConfig;
use crate::{analysis, records, search, Error, Result};

/// An open index, ready to answer queries. Cheap to share between threads.
pub struct Engine {
    dir: PathBuf,
    pub(crate) manifest: Manifest,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) lexicon: DepartmentLexicon,
    /// Facet counts over the whole corpus, computed once at open.
    corpus_facets: Facets,
    /// Position of each document in `manifest.docs`, by id (facet labels and trends look it up).
    doc_index: HashMap<String, usize>,
    /// Every commitment in document order, read on first use.
    pub(crate) commitments: std::sync::OnceLock<Vec<CommitmentRecord>>,
    facet_cache: Arc<FacetCache>,
    /// Passages read lately ([`records::RecordCache`]).
    pub(crate) record_cache: records::RecordCache,
    /// The facet fields by name, in the order [`present::facet_lists`] reads their counts.
    facet_fields: Arc<[String]>,
    /// The word dictionaries of this index (shared with every engine using the same ones).
    dictionaries: Arc<crate::analysis::dictionary::Dictionaries>,
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
        let mut index = Index::open_in_dir(&gen_dir)?;
        // One query's segments are searched in parallel, by default one thread per core: a
        // request alone on the machine uses the idle cores (the laws index has 2 segments of
        // equal size). `PLANSEARCH_SEARCH_THREADS=1` searches them one after the other.
        let threads = search_threads();
        if threads > 1 && index.searchable_segment_ids()?.len() > 1 {
            index.set_multithread_executor(threads)?;
        }
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
            record_cache: records::RecordCache::new(record_cache_bytes()),
            facet_fields: FACET_FIELDS.map(String::from).into(),
            dictionaries,
            ranking: RankingConfig::default(),
        };
        let searcher = engine.reader.searcher();
        let counts = searcher.search(&AllQuery, &engine.facet_counter())?;
        engine.corpus_facets = present::facet_lists(&engine, counts, FACET_VALUES);
        Ok(engine)
    }

    /// Builds the full word dictionary now (~0.2 s), for a long-running process: a query is then
    /// cut with it directly instead of with a dictionary made for that query (see
    /// [`crate::analysis::dictionary`]; both give the same words).
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

    /// Runs a search (see [`crate::search`]).
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        search::search(self, req)
    }

    /// Matching passages and documents per year, for the query and filters of `req`; every term
    /// counts only where it occurs literally.
    pub fn trend(&self, req: &SearchRequest) -> Result<TrendResponse> {
        search::trend(self, req, false)
    }

    /// [`Engine::trend`] with one series per region as well (provinces and 全国, or one level
    /// below the request's region filter).
    pub fn trend_by_region(&self, req: &SearchRequest) -> Result<TrendResponse> {
        search::trend(self, req, true)
    }

    /// Completions for a search box: keyword and sector titles containing the text, then frequent
    /// words starting with it.
    pub fn suggest(&self, q: &str, limit: usize) -> Result<Vec<Suggestion>> {
        search::suggest::suggest(self, q, limit)
    }

    /// One passage with up to two neighbours on each side.
    pub fn passage(&self, id: &str) -> Result<PassageView> {
        records::passage(self, id)
    }

    /// Every passage in document order.
    pub fn export(&self) -> Result<Vec<PassageRecord>> {
        Ok(self.export_with_commitments()?.into_iter().map(|(r, _)| r).collect())
    }

    /// Every passage in document order, with the commitments extracted from it.
    pub fn export_with_commitments(
        &self,
    ) -> Result<Vec<(PassageRecord, Vec<plansearch_text::commitments::Commitment>)>> {
        records::export_with_commitments(self)
    }

    /// Every passage in document order, with its commitments, handed to `f` one at a time (what
    /// `export` streams: memory stays flat however large the index).
    pub fn for_each_passage<E: From<Error>>(
        &self,
        f: impl FnMut(PassageRecord, Vec<plansearch_text::commitments::Commitment>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        records::for_each_passage(self, f)
    }

    /// Commitments matching the filters, in document order.
    pub fn commitments(&self, req: &CommitmentRequest) -> Result<Vec<CommitmentRecord>> {
        records::commitments(self, req)
    }

    /// The passages of other documents that say the same or nearly the same as passage `id`, best
    /// share first; `limit` default [`DEFAULT_SIMILAR_LIMIT`], at most [`MAX_LIMIT`] (see
    /// [`crate::reuse`]).
    pub fn similar(&self, id: &str, limit: Option<usize>) -> Result<SimilarResponse> {
        crate::reuse::similar(self, id, limit)
    }

    /// Which passages of each `to` document repeat document `from`, and how much of each `to`
    /// document does (see [`crate::reuse`]).
    pub fn reuse(&self, from: &str, to: &[String], min_share: Option<f32>) -> Result<ReuseResponse> {
        crate::reuse::reuse(self, from, to, min_share)
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

    /// What the plan step needs of this engine, for the searcher's index.
    pub(crate) fn planner<'a>(&'a self, index: &'a Index) -> Planner<'a> {
        Planner { index, fields: &self.fields, lexicon: &self.lexicon, ranking: self.ranking }
    }

    /// Counts the facet fields, in the order [`present::facet_lists`] reads them.
    pub(crate) fn facet_counter(&self) -> FacetCounter {
        FacetCounter::new(self.facet_fields.clone(), self.facet_cache.clone())
    }

    /// A document's entry in the manifest, by id.
    pub(crate) fn doc_info(&self, id: &str) -> Option<&DocInfo> {
        self.doc_index.get(id).and_then(|&i| self.manifest.docs.get(i))
    }
}

/// Bytes of passages [`records::RecordCache`] keeps: `PLANSEARCH_RECORD_CACHE_MB` (0 turns it
/// off), by default 32 MB (tens of thousands of passages: a laws record is under 1 KB).
fn record_cache_bytes() -> usize {
    env_number("PLANSEARCH_RECORD_CACHE_MB").unwrap_or(32).saturating_mul(1 << 20)
}

/// Threads searching one query's segments: `PLANSEARCH_SEARCH_THREADS` when it is a positive
/// number, else the number of cores.
fn search_threads() -> usize {
    env_number("PLANSEARCH_SEARCH_THREADS")
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The environment variable `name` as a number, if it is set to one.
fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.trim().parse::<usize>().ok())
}
