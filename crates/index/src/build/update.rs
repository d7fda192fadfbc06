//! Incremental indexing: re-index only the documents whose content changed (by content hash),
//! add new ones, drop deleted ones, and say what was done. Falls back to a full build when the
//! index is missing or was built with another schema, analysis, lexicon or dictionary.
//!
//! Updates go into the current generation through Tantivy's own atomic commit; the manifest is
//! rewritten after the commit. A crash between the two leaves a manifest that no longer matches
//! the files, which the next run sees as changes and repairs (deleting and re-adding a document
//! is idempotent).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use tantivy::{Index, IndexWriter, Term};

use crate::build::corpus::{self, Skipped};
use crate::build::manifest::{DocInfo, Manifest, SourceStamp};
use crate::build::{
    build, catalog_error, doc_info, load_catalogs, load_lexicon, lock_index, pipeline, prepare, rename, tantivy_doc,
    unique_id, BuildOptions, BuildReport, Prepared, Progress, PIPELINE_WINDOW,
};
use crate::schema::{Fields, F_SEQ};
use crate::{analysis, Error, Result};

/// What an index run did.
#[derive(Debug, Clone, Serialize)]
pub struct IndexReport {
    #[serde(flatten)]
    pub build: BuildReport,
    /// `full` (a new generation) or `incremental` (changes applied to the current one).
    pub mode: &'static str,
    /// Why a full build was needed, when it was.
    pub reason: Option<String>,
    /// Ids of documents added, re-indexed because their content changed, and removed.
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    /// Documents left as they were.
    pub unchanged: u64,
}

/// Brings the index up to date with `opts.inputs`: incrementally when possible, else a full build.
/// `full` forces a full build.
pub fn index(opts: &BuildOptions, full: bool, progress: &mut dyn FnMut(Progress)) -> Result<IndexReport> {
    let previous = match Manifest::load(&opts.index_dir) {
        Ok(m) => m,
        Err(Error::Stale { reason, .. }) => return full_build(opts, Some(reason), progress),
        Err(e) => return Err(e),
    };
    let Some(m) = previous else { return full_build(opts, None, progress) };
    if full {
        return full_build(opts, Some("a full build was asked for".into()), progress);
    }
    if let Some(reason) = config_change(&m, opts) {
        return full_build(opts, Some(reason), progress);
    }
    update_in_place(opts, m, &[], progress)
}

/// Removes documents by id; they stay out of later runs although their files remain.
pub fn remove(index_dir: &Path, ids: &[String]) -> Result<IndexReport> {
    let m = Manifest::load(index_dir)?.ok_or_else(|| Error::Missing { path: index_dir.display().to_string() })?;
    for id in ids {
        if !m.sources.iter().any(|s| &s.doc == id) {
            return Err(Error::NotFound(format!("document `{id}` (see `plansearch facets --field doc`)")));
        }
    }
    let opts = BuildOptions::from_manifest(&m, index_dir.to_path_buf());
    update_in_place(&opts, m, ids, &mut |_| {})
}

/// Adds (or refreshes) single files: they join the index's inputs.
pub fn add(index_dir: &Path, files: &[PathBuf], progress: &mut dyn FnMut(Progress)) -> Result<IndexReport> {
    let m = Manifest::load(index_dir)?.ok_or_else(|| Error::Missing { path: index_dir.display().to_string() })?;
    let mut opts = BuildOptions::from_manifest(&m, index_dir.to_path_buf());
    for f in files {
        let meta = std::fs::metadata(f)
            .map_err(|e| Error::BadInput { path: f.display().to_string(), message: format!("cannot read: {e}") })?;
        if !meta.is_file() || !corpus::is_supported(f) {
            return Err(Error::BadInput {
                path: f.display().to_string(),
                message: "not a .txt, .md, .html, .docx or .pdf file".into(),
            });
        }
        let abs = f.canonicalize().map_err(|e| Error::io(f, e))?;
        if !opts.inputs.iter().any(|i| abs.starts_with(i)) {
            opts.inputs.push(abs);
        }
    }
    let mut m = m;
    let added: Vec<PathBuf> = files.iter().filter_map(|f| f.canonicalize().ok()).collect();
    m.excluded.retain(|p| !added.contains(p));
    if let Some(reason) = config_change(&m, &opts) {
        return full_build(&opts, Some(reason), progress);
    }
    update_in_place(&opts, m, &[], progress)
}

fn full_build(opts: &BuildOptions, reason: Option<String>, progress: &mut dyn FnMut(Progress)) -> Result<IndexReport> {
    let report = build(opts, progress)?;
    let m = Manifest::load(&opts.index_dir)?.ok_or_else(|| Error::Corrupt("manifest missing after a build".into()))?;
    Ok(IndexReport {
        mode: "full",
        reason,
        added: m.docs.iter().map(|d| d.id.clone()).collect(),
        updated: Vec::new(),
        removed: Vec::new(),
        unchanged: 0,
        build: report,
    })
}

/// A change that the current generation cannot absorb: another schema, analysis, lexicon or
/// dictionary, or a manifest from before documents were recorded with their files.
fn config_change(m: &Manifest, opts: &BuildOptions) -> Option<String> {
    if m.schema_version != crate::schema::SCHEMA_VERSION || m.analysis != analysis::fingerprint() {
        return Some("the index was built by another version".into());
    }
    let canon = |p: &Option<PathBuf>| p.as_ref().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()));
    if canon(&opts.lexicon) != m.lexicon_path {
        return Some("another department lexicon was given".into());
    }
    if canon(&opts.dictionary) != m.dictionary_path {
        return Some("another user dictionary was given".into());
    }
    match load_lexicon(m.lexicon_path.as_deref()) {
        Ok((lexicon, _)) if lexicon.fingerprint() == m.lexicon => {}
        _ => return Some("the department lexicon changed".into()),
    }
    match analysis::user_dictionary_fingerprint(m.dictionary_path.as_deref()) {
        Ok(fp) if fp == m.dictionary => {}
        _ => return Some("the user dictionary changed".into()),
    }
    if m.sources.iter().any(|s| s.doc.is_empty()) {
        return Some("the index predates incremental updates".into());
    }
    let inputs: HashSet<PathBuf> = opts.inputs.iter().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())).collect();
    let before: HashSet<PathBuf> = m.inputs.iter().cloned().collect();
    if !inputs.is_superset(&before) {
        return Some("the inputs are not the ones the index was built from".into());
    }
    None
}

fn update_in_place(
    opts: &BuildOptions,
    mut m: Manifest,
    remove_ids: &[String],
    progress: &mut dyn FnMut(Progress),
) -> Result<IndexReport> {
    let started = Instant::now();
    let dir = &opts.index_dir;
    let _lock = lock_index(dir)?;
    let (lexicon, _) = load_lexicon(m.lexicon_path.as_deref())?;
    for id in remove_ids {
        if let Some(s) = m.sources.iter().find(|s| &s.doc == id) {
            if !m.excluded.contains(&s.path) {
                m.excluded.push(s.path.clone());
            }
        }
    }
    let (candidates, mut skipped) = corpus::scan(&opts.inputs)?;
    let candidates: Vec<corpus::Candidate> = candidates
        .into_iter()
        .filter(|c| !m.excluded.contains(&c.path.canonicalize().unwrap_or_else(|_| c.path.clone())))
        .collect();
    progress(Progress::Scanned { files: candidates.len() as u64, bytes: candidates.iter().map(|c| c.bytes).sum() });

    let old: HashMap<PathBuf, SourceStamp> = m.sources.iter().map(|s| (s.path.clone(), s.clone())).collect();
    let hashes: Vec<Option<String>> = candidates
        .iter()
        .map(|c| corpus::hash_file(&c.path.canonicalize().unwrap_or_else(|_| c.path.clone())).ok())
        .collect();
    let current: HashSet<PathBuf> =
        candidates.iter().map(|c| c.path.canonicalize().unwrap_or_else(|_| c.path.clone())).collect();
    let nothing_changed = candidates.len() == old.len()
        && candidates.iter().zip(&hashes).all(|(c, h)| {
            let path = c.path.canonicalize().unwrap_or_else(|_| c.path.clone());
            old.get(&path).is_some_and(|s| h.as_deref() == Some(s.hash.as_str()))
        })
        && old.keys().all(|p| current.contains(p));
    if nothing_changed {
        // The common case of re-running on an unchanged corpus: no index to open, no dictionary
        // to load.
        for c in &candidates {
            progress(Progress::File { file: c.display.clone(), bytes: c.bytes });
        }
        return Ok(IndexReport {
            build: BuildReport {
                documents: m.documents,
                passages: m.passages,
                bytes: m.bytes,
                skipped: m.skipped.clone(),
                seconds: started.elapsed().as_secs_f64(),
                index_dir: dir.display().to_string(),
            },
            mode: "incremental",
            reason: None,
            added: Vec::new(),
            updated: Vec::new(),
            removed: Vec::new(),
            unchanged: candidates.len() as u64,
        });
    }

    let gen_dir = dir.join(&m.generation);
    let index = Index::open_in_dir(&gen_dir)?;
    analysis::register_for_indexing(&index);
    let fields = Fields::new(&index.schema())?;
    let reader = index.reader()?;
    let mut next_seq = 0u64;
    for seg in reader.searcher().segment_readers() {
        if let Ok(col) = seg.fast_fields().u64(F_SEQ) {
            next_seq = next_seq.max(col.max_value() + 1);
        }
    }
    let threads = opts.threads.clamp(1, 8);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, opts.memory_mb.max(16 * threads) * 1_000_000)?;

    let old_docs: HashMap<String, DocInfo> = m.docs.iter().map(|d| (d.id.clone(), d.clone())).collect();
    let mut used_ids: HashSet<String> = m.sources.iter().map(|s| s.doc.clone()).collect();
    let (mut added, mut updated, mut removed) = (Vec::new(), Vec::new(), Vec::new());
    let mut unchanged = 0u64;
    let mut sources = Vec::new();
    let mut docs = Vec::new();
    let mut seen = HashSet::new();
    let mut changed = false;

    // Unchanged files are not read; the others are read and split on the text threads.
    let work: Vec<(&corpus::Candidate, PathBuf, Option<&SourceStamp>)> = candidates
        .iter()
        .zip(&hashes)
        .map(|(c, hash)| {
            let path = c.path.canonicalize().unwrap_or_else(|_| c.path.clone());
            let same = old.get(&path).filter(|prev| hash.as_deref() == Some(prev.hash.as_str()));
            (c, path, same)
        })
        .collect();
    let (catalogs, mut catalog_errors) = load_catalogs(work.iter().filter(|w| w.2.is_none()).map(|w| w.0));
    let prepare = |&(c, _, same): &(&corpus::Candidate, PathBuf, Option<&SourceStamp>)| {
        same.is_none().then(|| prepare(c, &catalogs, &lexicon))
    };
    pipeline::ordered(&work, threads, PIPELINE_WINDOW * threads, prepare, |(c, path, same), prepared| {
        seen.insert(path.clone());
        let Some(prepared) = prepared else {
            let prev = same.ok_or_else(|| Error::Corrupt("an unchanged file without its stamp".into()))?;
            unchanged += 1;
            sources.push(prev.clone());
            if let Some(d) = old_docs.get(&prev.doc) {
                docs.push(d.clone());
            }
            progress(Progress::File { file: c.display.clone(), bytes: c.bytes });
            return Ok(());
        };
        let read = match prepared {
            Prepared::NoCatalog => return Err(catalog_error(&mut catalog_errors, &c.root)),
            Prepared::Read(read) => *read,
        };
        let previous_id = old.get(path).map(|s| s.doc.clone());
        if let Some(id) = &previous_id {
            writer.delete_term(Term::from_field_text(fields.doc, id));
            changed = true;
        }
        let (mut source, mut records) = match read {
            Ok(read) => read,
            Err(skip) => {
                if let Some(id) = previous_id {
                    removed.push(id);
                }
                skipped.push(skip);
                progress(Progress::File { file: c.display.clone(), bytes: c.bytes });
                return Ok(());
            }
        };
        let id = match &previous_id {
            Some(id) => id.clone(),
            None => unique_id(&source.id, &mut used_ids),
        };
        rename(&mut source, &mut records, id);
        if records.is_empty() {
            skipped.push(Skipped { file: source.file.clone(), reason: "no text passages found".into() });
            if let Some(id) = previous_id {
                removed.push(id);
            }
            return Ok(());
        }
        for (record, commitments) in &records {
            writer.add_document(tantivy_doc(&fields, record, commitments, next_seq)?)?;
            next_seq += 1;
        }
        changed = true;
        docs.extend(doc_info(&source, &records));
        sources.push(SourceStamp { path: source.path.clone(), hash: source.hash.clone(), doc: source.id.clone() });
        if previous_id.is_some() {
            updated.push(source.id.clone());
        } else {
            added.push(source.id.clone());
        }
        progress(Progress::File { file: c.display.clone(), bytes: c.bytes });
        Ok(())
    })?;
    for (path, stamp) in &old {
        if !seen.contains(path) {
            writer.delete_term(Term::from_field_text(fields.doc, &stamp.doc));
            removed.push(stamp.doc.clone());
            changed = true;
        }
    }
    if changed {
        progress(Progress::Committing);
        writer.commit()?;
        writer.wait_merging_threads()?;
    } else {
        // Nothing to write: leave the index files untouched.
        drop(writer);
    }
    removed.sort();
    removed.dedup();
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    // Keep documents in their indexed order: unchanged ones where they were, new ones last.
    let order: HashMap<&str, usize> = m.docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    docs.sort_by_key(|d| order.get(d.id.as_str()).copied().unwrap_or(usize::MAX));
    let passages: u64 = docs.iter().map(|d| d.passages).sum();
    let bytes: u64 = sources.iter().filter_map(|s| std::fs::metadata(&s.path).ok()).map(|md| md.len()).sum();
    m.inputs = opts.inputs.iter().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())).collect();
    m.sources = sources;
    m.documents = docs.len() as u64;
    m.docs = docs;
    m.passages = passages;
    m.bytes = bytes;
    m.skipped = skipped.clone();
    if changed {
        m.revision += 1;
    }
    m.store(dir)?;
    Ok(IndexReport {
        build: BuildReport {
            documents: m.documents,
            passages,
            bytes,
            skipped,
            seconds: started.elapsed().as_secs_f64(),
            index_dir: dir.display().to_string(),
        },
        mode: "incremental",
        reason: None,
        added,
        updated,
        removed,
        unchanged,
    })
}
