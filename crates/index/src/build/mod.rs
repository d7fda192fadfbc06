//! Building an index: inputs → documents → passages with tags → Tantivy documents, written into a
//! fresh generation folder; the manifest is switched to it only once it is complete, so a crash
//! at any moment leaves the previous index intact.

pub mod catalog;
pub mod corpus;
pub mod manifest;
mod pipeline;
pub mod update;

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use plansearch_text::citation::{self, Cited};
use plansearch_text::departments::DepartmentLexicon;
use plansearch_text::document::{self, DocumentMeta};
use tantivy::schema::Facet;
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

use crate::api::{DepartmentHit, PassageKind, PassageRecord, SourceLocation};
use crate::schema::{build_schema, Fields, SCHEMA_VERSION};
use crate::{analysis, Error, Result};
use catalog::Catalog;
use corpus::{Skipped, SourceDoc};
use manifest::{folder_is_empty, is_ours, DocInfo, Manifest, SourceStamp, FORMAT};

/// Name of the copy of the department lexicon kept with each generation.
pub const LEXICON_FILE: &str = "departments.toml";
/// Lock file held while a build runs (a dotfile, so the folder still reads as empty or ours).
pub const LOCK_FILE: &str = ".build.lock";
/// Prefix of generation folders inside the index folder.
pub const GENERATION_PREFIX: &str = "gen-";

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Files or folders to index.
    pub inputs: Vec<PathBuf>,
    /// The index folder.
    pub index_dir: PathBuf,
    /// Indexing threads; default: the number of cores.
    pub threads: usize,
    /// Memory budget of the index writer, in MB; default 256.
    pub memory_mb: usize,
    /// A department lexicon to use instead of the shipped one.
    pub lexicon: Option<PathBuf>,
    /// A jieba dictionary (`word freq tag` per line) used besides the shipped ones.
    pub dictionary: Option<PathBuf>,
}

impl BuildOptions {
    /// Options with defaults for the given inputs and index folder.
    pub fn new(inputs: Vec<PathBuf>, index_dir: PathBuf) -> Self {
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        BuildOptions { inputs, index_dir, threads, memory_mb: 256, lexicon: None, dictionary: None }
    }
}

impl BuildOptions {
    /// Options that rebuild an index the way its manifest says it was built.
    pub fn from_manifest(m: &Manifest, index_dir: PathBuf) -> Self {
        let mut opts = BuildOptions::new(m.inputs.clone(), index_dir);
        opts.lexicon = m.lexicon_path.clone();
        opts.dictionary = m.dictionary_path.clone();
        opts
    }
}

/// Progress events, for a progress bar.
#[derive(Debug, Clone)]
pub enum Progress {
    /// Inputs scanned: how many files and bytes there are to read.
    Scanned { files: u64, bytes: u64 },
    /// One file processed (indexed or skipped).
    File { file: String, bytes: u64 },
    /// All files added; the index is being committed.
    Committing,
}

/// What a build did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BuildReport {
    pub documents: u64,
    pub passages: u64,
    pub bytes: u64,
    pub skipped: Vec<Skipped>,
    pub seconds: f64,
    pub index_dir: String,
}

/// Loads the lexicon named in the options, or the shipped one. Returns it with its source text.
pub fn load_lexicon(path: Option<&Path>) -> Result<(DepartmentLexicon, String)> {
    match path {
        Some(p) => {
            let src = std::fs::read_to_string(p).map_err(|e| Error::BadInput {
                path: p.display().to_string(),
                message: format!("cannot read department lexicon: {e}"),
            })?;
            let lex = DepartmentLexicon::from_toml_str(&src, &p.display().to_string())?;
            Ok((lex, src))
        }
        None => Ok((DepartmentLexicon::builtin().clone(), plansearch_text::departments::BUILTIN_TOML.to_string())),
    }
}

/// Takes the index folder's build lock. One build at a time per index folder: a second builder
/// would delete the first one's unfinished generation. The lock is released when the returned
/// file closes, even on a crash.
pub(crate) fn lock_index(dir: &Path) -> Result<std::fs::File> {
    let lock_path = dir.join(LOCK_FILE);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::BadInput {
            path: dir.display().to_string(),
            message: "another build of this index is running; try again when it has finished".into(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&lock_path, e)),
    }
}

/// Builds (or rebuilds) the index described by `opts`.
pub fn build(opts: &BuildOptions, progress: &mut dyn FnMut(Progress)) -> Result<BuildReport> {
    let started = Instant::now();
    if opts.inputs.is_empty() {
        return Err(Error::BadInput { path: String::new(), message: "no input files or folders given".into() });
    }
    let (lexicon, lexicon_src) = load_lexicon(opts.lexicon.as_deref())?;
    let user_dictionary = opts.dictionary.as_deref().map(analysis::load_user_dictionary).transpose()?;
    let dir = &opts.index_dir;
    // Refuse a folder that is not ours before touching anything in it.
    let previous = match Manifest::load(dir) {
        Ok(m) => m,
        // Ours, from another version: it will be replaced.
        Err(Error::Stale { .. }) => None,
        Err(e) => return Err(e),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    if previous.is_none() && !is_ours(dir) && !folder_is_empty(dir)? {
        return Err(Error::ForeignIndex { path: dir.display().to_string() });
    }

    let _lock = lock_index(dir)?;

    let (candidates, mut skipped) = corpus::scan(&opts.inputs)?;
    let total_bytes: u64 = candidates.iter().map(|c| c.bytes).sum();
    progress(Progress::Scanned { files: candidates.len() as u64, bytes: total_bytes });

    let generation = new_generation_name();
    let gen_dir = dir.join(&generation);
    remove_unreferenced_generations(dir, previous.as_ref().map(|m| m.generation.as_str()))?;
    std::fs::create_dir_all(&gen_dir).map_err(|e| Error::io(&gen_dir, e))?;
    if let Some(text) = &user_dictionary {
        // Read back by `analysis::register`, at build and at search time.
        let copy = gen_dir.join(analysis::USER_DICTIONARY_FILE);
        std::fs::write(&copy, text).map_err(|e| Error::io(&copy, e))?;
    }
    let result = write_generation(opts, &gen_dir, &candidates, &lexicon, progress);
    let (docs, passages, bytes, mut sources, read_skips, doc_infos) = match result {
        Ok(r) => r,
        Err(e) => return Err(abandon(dir, &gen_dir, e)),
    };
    skipped.extend(read_skips);
    if docs == 0 {
        let _ = std::fs::remove_dir_all(&gen_dir);
        let reasons: Vec<String> = skipped.iter().take(5).map(|s| format!("{}: {}", s.file, s.reason)).collect();
        return Err(Error::BadInput {
            path: opts.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
            message: if reasons.is_empty() {
                "no .txt or .md documents found".into()
            } else {
                format!("no document could be indexed ({})", reasons.join("; "))
            },
        });
    }
    let lexicon_copy = gen_dir.join(LEXICON_FILE);
    if let Err(e) = std::fs::write(&lexicon_copy, &lexicon_src) {
        return Err(abandon(dir, &gen_dir, Error::io(&lexicon_copy, e)));
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));

    let manifest = Manifest {
        format: FORMAT.into(),
        schema_version: SCHEMA_VERSION,
        analysis: analysis::fingerprint(),
        lexicon: lexicon.fingerprint(),
        lexicon_path: opts.lexicon.as_ref().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())),
        dictionary: analysis::user_dictionary_fingerprint(opts.dictionary.as_deref())?,
        dictionary_path: opts.dictionary.as_ref().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())),
        generation: generation.clone(),
        inputs: opts.inputs.iter().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())).collect(),
        sources,
        docs: doc_infos,
        revision: 0,
        excluded: previous.as_ref().map(|m| m.excluded.clone()).unwrap_or_default(),
        documents: docs,
        passages,
        bytes,
        built_at: SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
        skipped: skipped.clone(),
    };
    if let Err(e) = manifest.store(dir) {
        return Err(abandon(dir, &gen_dir, e));
    }
    // The switch is done; older generations are no longer referenced.
    remove_unreferenced_generations(dir, Some(&generation))?;
    Ok(BuildReport {
        documents: docs,
        passages,
        bytes,
        skipped,
        seconds: started.elapsed().as_secs_f64(),
        index_dir: dir.display().to_string(),
    })
}

type Written = (u64, u64, u64, Vec<SourceStamp>, Vec<Skipped>, Vec<DocInfo>);

fn write_generation(
    opts: &BuildOptions,
    gen_dir: &Path,
    candidates: &[corpus::Candidate],
    lexicon: &DepartmentLexicon,
    progress: &mut dyn FnMut(Progress),
) -> Result<Written> {
    let schema = build_schema();
    let fields = Fields::new(&schema)?;
    let index = Index::builder().schema(schema).settings(index_settings()).create_in_dir(gen_dir)?;
    analysis::register_for_indexing(&index);
    let threads = opts.threads.clamp(1, 8);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, opts.memory_mb.max(16 * threads) * 1_000_000)?;

    let (catalogs, mut catalog_errors) = load_catalogs(candidates);
    let mut used_ids = std::collections::HashSet::new();
    let mut skipped = Vec::new();
    let mut sources = Vec::new();
    let mut infos = Vec::new();
    let (mut docs, mut passages, mut bytes) = (0u64, 0u64, 0u64);
    let mut seq = 0u64;
    let prepare = |c: &corpus::Candidate| prepare(c, &catalogs, lexicon);
    pipeline::ordered(candidates, threads, PIPELINE_WINDOW * threads, prepare, |c, prepared| {
        let read = match prepared {
            Prepared::NoCatalog => return Err(catalog_error(&mut catalog_errors, &c.root)),
            Prepared::Read(read) => *read,
        };
        let (mut source, mut records) = match read {
            Ok(read) => read,
            Err(skip) => {
                skipped.push(skip);
                progress(Progress::File { file: c.display.clone(), bytes: c.bytes });
                return Ok(());
            }
        };
        let id = unique_id(&source.id, &mut used_ids);
        rename(&mut source, &mut records, id);
        if records.is_empty() {
            skipped.push(Skipped { file: source.file.clone(), reason: "no text passages found".into() });
            progress(Progress::File { file: c.display.clone(), bytes: c.bytes });
            return Ok(());
        }
        for (record, commitments) in &records {
            writer.add_document(tantivy_doc(&fields, record, commitments, seq)?)?;
            seq += 1;
        }
        docs += 1;
        passages += records.len() as u64;
        bytes += source.bytes;
        sources.push(SourceStamp { path: source.path.clone(), hash: source.hash.clone(), doc: source.id.clone() });
        if let Some(info) = doc_info(&source, &records) {
            infos.push(info);
        }
        progress(Progress::File { file: c.display.clone(), bytes: c.bytes });
        Ok(())
    })?;
    progress(Progress::Committing);
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok((docs, passages, bytes, sources, skipped, infos))
}

/// Documents in flight per text thread: enough to keep the threads busy when documents differ
/// in size, few enough that memory does not grow with the corpus.
pub(crate) const PIPELINE_WINDOW: usize = 8;

/// The passages of one document with their commitments, as [`passages_of`] makes them.
pub(crate) type Records = Vec<(PassageRecord, Vec<plansearch_text::commitments::Commitment>)>;

/// One candidate read and split on a text thread, before the writer numbers it.
pub(crate) enum Prepared {
    /// Its folder's catalog could not be loaded; the build fails when it reaches this file.
    NoCatalog,
    /// Read and split under the id it asks for (made unique, in order, by the caller), or not
    /// readable (the reason goes to the skip list).
    Read(Box<std::result::Result<(SourceDoc, Records), Skipped>>),
}

/// Reads and splits one candidate: the part of a build that runs on several threads.
pub(crate) fn prepare(
    c: &corpus::Candidate,
    catalogs: &std::collections::HashMap<PathBuf, Catalog>,
    lexicon: &DepartmentLexicon,
) -> Prepared {
    let Some(catalog) = catalogs.get(&c.root) else { return Prepared::NoCatalog };
    Prepared::Read(Box::new(corpus::read(c, catalog).map(|source| {
        let records = passages_of(&source, lexicon);
        (source, records)
    })))
}

type CatalogErrors = std::collections::HashMap<PathBuf, Error>;

/// The catalogs of the candidates' folders, loaded up front for the text threads; the folders
/// whose catalog cannot be loaded are kept with their error, reported when the build reaches
/// their first file (as when catalogs were loaded one by one).
pub(crate) fn load_catalogs<'a>(
    candidates: impl IntoIterator<Item = &'a corpus::Candidate>,
) -> (std::collections::HashMap<PathBuf, Catalog>, CatalogErrors) {
    let mut catalogs = std::collections::HashMap::new();
    let mut errors = std::collections::HashMap::new();
    for c in candidates {
        if !catalogs.contains_key(&c.root) && !errors.contains_key(&c.root) {
            match Catalog::load(&c.root) {
                Ok(cat) => {
                    catalogs.insert(c.root.clone(), cat);
                }
                Err(e) => {
                    errors.insert(c.root.clone(), e);
                }
            }
        }
    }
    (catalogs, errors)
}

/// The error of a folder whose catalog could not be loaded ([`load_catalogs`]).
pub(crate) fn catalog_error(errors: &mut CatalogErrors, root: &Path) -> Error {
    errors.remove(root).unwrap_or_else(|| Error::Corrupt(format!("{}: catalog not loaded", root.display())))
}

/// Gives a document prepared under the id it asked for the id the build assigned: the
/// passages' ids and document field are those [`passages_of`] would have made with it.
pub(crate) fn rename(source: &mut SourceDoc, records: &mut Records, id: String) {
    if source.id != id {
        for (record, _) in records.iter_mut() {
            record.id = passage_id(&id, record.ordinal);
            record.doc = id.clone();
        }
        source.id = id;
    }
}

/// A passage's id: its document's id and its ordinal.
fn passage_id(doc: &str, ordinal: u32) -> String {
    format!("{doc}-{ordinal:03}")
}

pub(crate) fn unique_id(id: &str, used: &mut std::collections::HashSet<String>) -> String {
    let mut candidate = id.to_string();
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{id}~{n}");
        n += 1;
    }
    candidate
}

/// The manifest entry of a document, from its passages (which carry its metadata).
pub(crate) fn doc_info(source: &SourceDoc, records: &Records) -> Option<DocInfo> {
    let (first, _) = records.first()?;
    let meta = DocumentMeta {
        region: first.region.clone(),
        level: first.level,
        kind: first.doc_kind.clone(),
        issuer: first.issuer.clone(),
        year: first.year,
    };
    let cited = Cited { title: &first.title, meta: &meta, source: source.source.as_deref() };
    Some(DocInfo {
        id: source.id.clone(),
        title: first.title.clone(),
        year: first.year,
        kind: first.doc_kind.clone(),
        region: first.region.clone(),
        level: first.level,
        issuer: first.issuer.clone(),
        source: source.source.clone(),
        citation: citation::reference(&cited, None),
        file: source.file.clone(),
        passages: records.len() as u64,
    })
}

/// A document's region, level, kind, issuer and year: the catalog's fields (the region
/// normalized to a path), completed by inference from the title, the text and the file name.
pub fn document_meta(source: &SourceDoc, title: &str) -> DocumentMeta {
    let (region, region_level) = match source.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => match document::region_path(r) {
            Some((path, level)) => (Some(path), Some(level)),
            None => (Some(r.to_string()), None),
        },
        None => (None, None),
    };
    let catalog = DocumentMeta {
        region,
        level: source.level.or(region_level),
        kind: source.kind.clone(),
        issuer: source.issuer.clone(),
        year: source.year,
    };
    catalog.or(document::infer(title, &source.text)).or(document::infer(&source.title_from_name, ""))
}

/// Splits and tags one document.
pub fn passages_of(source: &SourceDoc, lexicon: &DepartmentLexicon) -> Records {
    let doc = plansearch_text::passages(&source.text);
    let title = source.title.clone().or(doc.title.clone()).unwrap_or_else(|| source.title_from_name.clone());
    let meta = document_meta(source, &title);
    // Departments are named as the document's level names them (商务部 in a national report,
    // 商务局 in a county's; county names when the level is unknown); filters compare
    // level-independent keys. Terms and metrics are cut on jieba's word boundaries (the process's
    // one dictionary, taken once per document).
    let dictionaries = crate::analysis::dictionary::Dictionaries::shared(None);
    let jieba = dictionaries.full();
    let level = meta.level.unwrap_or(plansearch_text::document::Level::County);
    let mut context: Option<SectionContext> = None;
    doc.passages
        .into_iter()
        .map(|p| {
            // Consecutive passages mostly share their section: its reading is reused.
            if context.as_ref().is_some_and(|c| c.section != p.section) {
                context = None;
            }
            let section = context.get_or_insert_with(|| SectionContext::of(&p.section, &title, &meta));
            let departments = lexicon
                .tag_with(&p.text, level, Some(jieba))
                .into_iter()
                .map(|d| DepartmentHit { name: d.name, terms: d.terms })
                .collect();
            let commitments = plansearch_text::commitments::extract_with(
                &p.text,
                &plansearch_text::commitments::Context {
                    year: section.year,
                    doc_year: meta.year,
                    period: section.period,
                    mixed: section.mixed,
                    jieba: Some(jieba),
                },
            );
            let period = section.label.clone();
            let (kind, term) = match p.kind {
                plansearch_text::structure::UnitKind::Note { term } => (PassageKind::Note, term),
                plansearch_text::structure::UnitKind::Text => (PassageKind::Text, None),
            };
            // A note defines a term; its figures (`10种有色金属`) are no commitments.
            let commitments = if kind == PassageKind::Note { Vec::new() } else { commitments };
            let record = PassageRecord {
                id: passage_id(&source.id, p.ordinal),
                doc: source.id.clone(),
                title: title.clone(),
                year: meta.year,
                sector: p.sector,
                keyword: p.keyword,
                section: p.section,
                text: p.text,
                ordinal: p.ordinal,
                source: SourceLocation { file: source.file.clone(), line_start: p.line_start, line_end: p.line_end },
                departments,
                region: meta.region.clone(),
                level: meta.level,
                doc_kind: meta.kind.clone(),
                issuer: meta.issuer.clone(),
                // Filled when read, from the document's entry (`records::cite`): not stored per
                // passage.
                citation: String::new(),
                kind,
                term,
                period,
            };
            (record, commitments)
        })
        .collect()
}

/// What a section's headings tell its passages: the due year and periods (review or plan) of
/// their commitments, and the period facet.
struct SectionContext {
    section: Vec<String>,
    year: Option<i32>,
    period: Option<plansearch_text::period::Period>,
    mixed: Option<plansearch_text::period::Period>,
    /// The period facet value: the section's period (outermost deciding heading), so a passage
    /// under `一、2024年工作回顾` of a 2025 report is review/2024 whatever its sentences say. A
    /// law's chapters (`第二章 规划与建设`) name subjects, not periods: none.
    label: Option<String>,
}

impl SectionContext {
    fn of(section: &[String], title: &str, meta: &DocumentMeta) -> Self {
        use plansearch_text::{commitments, period};
        let outer: Vec<&str> = section.iter().map(String::as_str).collect();
        let inner: Vec<&str> = outer.iter().rev().copied().collect();
        let of_section = period::of_section(&outer, meta.year);
        let label =
            period::kind_has_periods(meta.kind.as_deref()).then(|| of_section.as_ref().map(|p| p.label())).flatten();
        SectionContext {
            section: section.to_vec(),
            year: commitments::context_year(&inner, title, meta.year),
            period: of_section,
            mixed: period::mixed_review(&outer, meta.year),
            label,
        }
    }
}

/// How a note's term is looked up: folded (simplified, half-width, lower case), letters and digits
/// only, so that `“两重”`, `两重` and `兩重` are one key.
pub(crate) fn note_key(term: &str) -> String {
    plansearch_text::normalize::fold_str(term).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn facet(value: &str) -> Facet {
    // A facet path segment may not be empty; '/' inside a value is escaped by from_path.
    Facet::from_path([if value.is_empty() { "-" } else { value }])
}

pub(crate) fn tantivy_doc(
    f: &Fields,
    r: &PassageRecord,
    commitments: &[plansearch_text::commitments::Commitment],
    seq: u64,
) -> Result<TantivyDocument> {
    let record = serde_json::to_string(r).map_err(|e| Error::Corrupt(e.to_string()))?;
    let commitments = serde_json::to_string(commitments).map_err(|e| Error::Corrupt(e.to_string()))?;
    // A note's text is indexed with the headings: it matches like an inherited heading, below
    // every passage that says the query in its text, and ranks first only for its own term.
    let (heading, text) = match r.kind {
        PassageKind::Note => (format!("{} {}", r.sector, r.text), String::new()),
        PassageKind::Text => (format!("{} {}", r.sector, r.keyword), r.text.clone()),
    };
    let mut d = doc!(
        f.id => r.id.clone(),
        f.doc => r.doc.clone(),
        f.seq => seq,
        f.text_words => text.clone(),
        f.text_pairs => text,
        f.heading_words => heading.clone(),
        f.heading_pairs => heading,
        // `一、2024 年工作回顾` and `一、２０２４年工作回顾` are one facet value.
        f.facet_sector => facet(&plansearch_text::period::facet_value(&r.sector)),
        f.facet_doc => facet(&r.doc),
        f.record => record,
        f.commitments => commitments,
    );
    if !r.keyword.is_empty() {
        d.add_facet(f.facet_keyword, facet(&r.keyword));
    }
    if let Some(term) = &r.term {
        d.add_text(f.note_term, note_key(term));
    }
    for dep in &r.departments {
        d.add_facet(f.facet_department, facet(&dep.name));
    }
    if let Some(y) = r.year {
        d.add_i64(f.year, y as i64);
        d.add_facet(f.facet_year, facet(&y.to_string()));
    }
    if let Some(region) = &r.region {
        let parts: Vec<&str> = region.split('/').filter(|s| !s.is_empty()).collect();
        if !parts.is_empty() {
            d.add_facet(f.facet_region, Facet::from_path(parts));
        }
    }
    if let Some(level) = r.level {
        d.add_facet(f.facet_level, facet(level.as_str()));
    }
    if let Some(kind) = &r.doc_kind {
        d.add_facet(f.facet_kind, facet(kind));
    }
    if let Some(issuer) = &r.issuer {
        d.add_facet(f.facet_issuer, facet(issuer));
    }
    if let Some(period) = &r.period {
        d.add_facet(f.facet_period, Facet::from_path(period.split('/')));
    }
    Ok(d)
}

/// The stored passages (record JSON) are 40% of the index; zstd makes them about a quarter
/// smaller than tantivy's default lz4, at a few tens of microseconds per hit read.
pub(crate) fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..Default::default()
    }
}

/// Bytes of passage records compressed together (tantivy's default is 16 KB).
const DOCSTORE_BLOCK_BYTES: usize = 65_536;

/// zstd level for the document store (3 is zstd's default: higher levels cost build time for
/// little gain on short JSON blocks).
const DOCSTORE_ZSTD_LEVEL: i32 = 3;

fn new_generation_name() -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{GENERATION_PREFIX}{nanos}-{}", std::process::id())
}

/// Removes generation folders other than `keep`: leftovers of crashed builds or generations
/// replaced by a newer one. Only folders named like ours are touched.
fn remove_unreferenced_generations(dir: &Path, keep: Option<&str>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(_) => return Ok(()),
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(GENERATION_PREFIX) && Some(name.as_str()) != keep {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
    Ok(())
}

/// Free space under which a failed write is taken for a full disk: Tantivy's writer threads
/// report only that they died, not the `ENOSPC` behind it.
const FULL_DISK_BYTES: u64 = 16 << 20;

/// Removes the unfinished generation `gen_dir` after `e`, and returns `e`, as
/// [`Error::DiskFull`] when it came from a lack of space (the error says so, or the disk has
/// less than [`FULL_DISK_BYTES`] left, measured before the removal frees space again).
fn abandon(dir: &Path, gen_dir: &Path, e: Error) -> Error {
    let text = e.to_string();
    let free = fs4::available_space(dir).ok();
    let no_space = text.contains("No space left") || text.contains("os error 28");
    let _ = std::fs::remove_dir_all(gen_dir);
    if no_space || free.is_some_and(|f| f < FULL_DISK_BYTES) {
        Error::DiskFull { path: dir.display().to_string(), free_mb: free.unwrap_or(0) / 1_000_000, cause: text }
    } else {
        e
    }
}
