//! Input files to documents: walks the input folders, reads and decodes each supported file,
//! applies the folder's catalog, and reports every file it could not use (with the reason)
//! without stopping the others.

use crate::build::catalog::{title_from_name, year_from_name, Catalog};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A document read from disk, ready to be split into passages.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    pub id: String,
    /// Display path: the input folder's name, then the path inside it.
    pub file: String,
    /// Absolute path on disk.
    pub path: PathBuf,
    pub title: Option<String>,
    pub title_from_name: String,
    pub year: Option<i32>,
    pub kind: Option<String>,
    /// Catalog fields as written (the build normalizes and completes them).
    pub issuer: Option<String>,
    pub region: Option<String>,
    pub level: Option<plansearch_text::document::Level>,
    /// Where the text came from (URL or publication), for citations.
    pub source: Option<String>,
    pub text: String,
    pub bytes: u64,
    pub hash: String,
}

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// A candidate file found by [`scan`], before reading.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub display: String,
    pub root: PathBuf,
    pub bytes: u64,
}

/// Lists the indexable files under the inputs, sorted, with problems found while walking.
pub fn scan(inputs: &[PathBuf]) -> crate::Result<(Vec<Candidate>, Vec<Skipped>)> {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = HashSet::new();
    for input in inputs {
        // Inputs are recorded in the manifest as UTF-8 text, to be read again on the next run.
        if input.to_str().is_none() {
            return Err(crate::Error::BadInput {
                path: input.to_string_lossy().into_owned(),
                message: "the path is not valid UTF-8; rename it (or name the folder that holds it)".into(),
            });
        }
        let meta = std::fs::metadata(input).map_err(|e| crate::Error::BadInput {
            path: input.display().to_string(),
            message: format!("cannot read input: {e}"),
        })?;
        let root_name = input
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| input.display().to_string());
        if meta.is_file() {
            let display =
                input.file_name().map_or_else(|| input.display().to_string(), |n| n.to_string_lossy().into_owned());
            if !is_supported(input) {
                skipped.push(Skipped { file: input.display().to_string(), reason: "unsupported file type".into() });
                continue;
            }
            let root = input.parent().map(Path::to_path_buf).unwrap_or_default();
            push_unique(&mut found, &mut seen, Candidate { path: input.clone(), display, root, bytes: meta.len() });
            continue;
        }
        let mut walk: Vec<Candidate> = Vec::new();
        for entry in walkdir::WalkDir::new(input).follow_links(true) {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let file = e.path().map_or_else(|| input.display().to_string(), |p| p.display().to_string());
                    let reason =
                        if e.loop_ancestor().is_some() { "symbolic link loop".to_string() } else { e.to_string() };
                    skipped.push(Skipped { file, reason });
                    continue;
                }
            };
            if !entry.file_type().is_file() || !is_supported(entry.path()) || is_hidden(entry.path()) {
                continue;
            }
            // The manifest records paths as UTF-8 text; a name in another encoding is reported.
            if entry.path().to_str().is_none() {
                skipped.push(Skipped {
                    file: entry.path().to_string_lossy().into_owned(),
                    reason: "file name is not valid UTF-8; rename the file".into(),
                });
                continue;
            }
            let rel = entry.path().strip_prefix(input).unwrap_or(entry.path());
            let display = format!("{root_name}/{}", rel.display());
            let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
            walk.push(Candidate { path: entry.path().to_path_buf(), display, root: input.clone(), bytes });
        }
        walk.sort_by(|a, b| a.path.cmp(&b.path));
        for c in walk {
            push_unique(&mut found, &mut seen, c);
        }
    }
    Ok((found, skipped))
}

fn push_unique(found: &mut Vec<Candidate>, seen: &mut HashSet<PathBuf>, c: Candidate) {
    let key = c.path.canonicalize().unwrap_or_else(|_| c.path.clone());
    if seen.insert(key) {
        found.push(c);
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// True for files this build can read: text, Markdown, HTML, DOCX and PDF, by extension.
pub fn is_supported(path: &Path) -> bool {
    plansearch_formats::Format::from_path(path).is_some()
}

/// Reads and decodes one candidate, applying its folder's catalog.
pub fn read(c: &Candidate, catalog: &Catalog) -> Result<SourceDoc, Skipped> {
    let skip = |reason: String| Skipped { file: c.display.clone(), reason };
    let bytes = std::fs::read(&c.path).map_err(|e| skip(format!("cannot read: {e}")))?;
    let format = plansearch_formats::Format::from_path(&c.path).ok_or_else(|| skip("unsupported file type".into()))?;
    let text = plansearch_formats::extract(&bytes, format, &c.display).map_err(|e| {
        let msg = e.to_string();
        // The error already names the file; keep only the reason.
        skip(msg.strip_prefix(&format!("{}: ", c.display)).unwrap_or(&msg).to_string())
    })?;
    let file_name = c.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = c.path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let entry = catalog.get(&file_name);
    Ok(SourceDoc {
        id: entry.and_then(|e| e.id.clone()).unwrap_or_else(|| stem.clone()),
        file: c.display.clone(),
        path: c.path.canonicalize().unwrap_or_else(|_| c.path.clone()),
        title: entry.and_then(|e| e.title.clone()),
        title_from_name: title_from_name(&stem),
        year: entry.and_then(|e| e.year).or_else(|| year_from_name(&stem)),
        kind: entry.and_then(|e| e.kind.clone()),
        issuer: entry.and_then(|e| e.issuer.clone()),
        region: entry.and_then(|e| e.region.clone()),
        // Checked when the catalog was loaded.
        level: entry.and_then(|e| e.level.as_deref()).and_then(plansearch_text::document::Level::parse),
        source: entry.and_then(|e| e.source.clone()),
        text,
        bytes: bytes.len() as u64,
        hash: blake3::hash(&bytes).to_hex().to_string(),
    })
}

/// Hashes a file's bytes the way the manifest records them.
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    Ok(blake3::hash(&std::fs::read(path)?).to_hex().to_string())
}
