//! The index manifest (`manifest.json`): what built the index (schema version, analysis,
//! lexicon, inputs and the hash of every source file) and which generation folder is current.
//! Writing the manifest is the atomic switch from one generation to the next.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::build::corpus::Skipped;
use crate::{Error, Result};

/// File name of the manifest inside the index folder.
pub const MANIFEST_FILE: &str = "manifest.json";
/// Marks the manifest as ours.
pub const FORMAT: &str = "plansearch-index";

/// A source file as it was when indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStamp {
    /// Absolute path.
    pub path: PathBuf,
    pub hash: String,
    /// Id of the document read from it.
    #[serde(default)]
    pub doc: String,
}

/// A document in the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocInfo {
    pub id: String,
    pub title: String,
    pub year: Option<i32>,
    pub kind: Option<String>,
    /// Region path (`浙江省/金华市/永康市`, `全国`), from the catalog or inferred.
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub level: Option<plansearch_text::document::Level>,
    #[serde(default)]
    pub issuer: Option<String>,
    /// Where the text came from (catalog `source`).
    #[serde(default)]
    pub source: Option<String>,
    /// GB/T 7714 reference of the document.
    #[serde(default)]
    pub citation: String,
    /// Display path of the source file.
    pub file: String,
    pub passages: u64,
}

impl DocInfo {
    /// The document's region, level, kind, issuer and year.
    pub fn meta(&self) -> plansearch_text::document::DocumentMeta {
        plansearch_text::document::DocumentMeta {
            region: self.region.clone(),
            level: self.level,
            kind: self.kind.clone(),
            issuer: self.issuer.clone(),
            year: self.year,
        }
    }
}

/// What built an index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub schema_version: u32,
    pub analysis: String,
    /// Fingerprint of the department lexicon used for tagging.
    pub lexicon: String,
    /// The user's lexicon file, if one replaced the shipped lexicon.
    #[serde(default)]
    pub lexicon_path: Option<PathBuf>,
    /// Fingerprint of the user's jieba dictionary, if one was used besides the shipped ones.
    #[serde(default)]
    pub dictionary: Option<String>,
    /// The user's jieba dictionary file, if any.
    #[serde(default)]
    pub dictionary_path: Option<PathBuf>,
    /// Folder (inside the index folder) holding the current Tantivy index.
    pub generation: String,
    /// Inputs as absolute paths, to rebuild with.
    pub inputs: Vec<PathBuf>,
    pub sources: Vec<SourceStamp>,
    /// Documents in build order.
    #[serde(default)]
    pub docs: Vec<DocInfo>,
    /// Bumped by every incremental update of the current generation, so readers know to reload.
    #[serde(default)]
    pub revision: u64,
    /// Source files removed with `plansearch remove`: not indexed again although an input
    /// folder still holds them.
    #[serde(default)]
    pub excluded: Vec<PathBuf>,
    pub documents: u64,
    pub passages: u64,
    pub bytes: u64,
    /// Seconds since the Unix epoch.
    pub built_at: u64,
    pub skipped: Vec<Skipped>,
}

impl Manifest {
    /// Reads the manifest of `dir`. `Ok(None)` when the folder is missing or empty (dotfiles
    /// aside); an error when it holds something that is not ours.
    pub fn load(dir: &Path) -> Result<Option<Manifest>> {
        let path = dir.join(MANIFEST_FILE);
        match std::fs::read_to_string(&path) {
            Ok(src) => {
                let m: Manifest =
                    serde_json::from_str(&src).map_err(|_| Error::ForeignIndex { path: dir.display().to_string() })?;
                if m.format != FORMAT {
                    return Err(Error::ForeignIndex { path: dir.display().to_string() });
                }
                Ok(Some(m))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if folder_is_empty(dir)? {
                    Ok(None)
                } else {
                    Err(Error::ForeignIndex { path: dir.display().to_string() })
                }
            }
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Writes the manifest atomically: a temporary file, flushed, then renamed over the old one.
    pub fn store(&self, dir: &Path) -> Result<()> {
        let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
        let json = serde_json::to_vec_pretty(self).map_err(|e| Error::Corrupt(e.to_string()))?;
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
            f.write_all(&json).map_err(|e| Error::io(&tmp, e))?;
            f.sync_all().map_err(|e| Error::io(&tmp, e))?;
        }
        let dest = dir.join(MANIFEST_FILE);
        std::fs::rename(&tmp, &dest).map_err(|e| Error::io(&dest, e))?;
        if let Ok(d) = std::fs::File::open(dir) {
            // Make the rename itself durable; not all platforms allow syncing a folder.
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// Why this index cannot be used as it is, or `None` when it is current: another schema or
    /// analysis, another lexicon, or source files added, removed or changed.
    pub fn staleness(&self) -> Option<String> {
        if self.schema_version != crate::schema::SCHEMA_VERSION {
            return Some(format!(
                "schema version {} (this build uses {})",
                self.schema_version,
                crate::schema::SCHEMA_VERSION
            ));
        }
        if self.analysis != crate::analysis::fingerprint() {
            return Some("built with other analysis settings".into());
        }
        match crate::build::load_lexicon(self.lexicon_path.as_deref()) {
            Ok((lexicon, _)) if lexicon.fingerprint() == self.lexicon => {}
            Ok(_) => return Some("the department lexicon changed".into()),
            Err(e) => return Some(format!("the department lexicon cannot be read ({e})")),
        }
        match crate::analysis::user_dictionary_fingerprint(self.dictionary_path.as_deref()) {
            Ok(fp) if fp == self.dictionary => {}
            Ok(_) => return Some("the user dictionary changed".into()),
            Err(e) => return Some(format!("the user dictionary cannot be read ({e})")),
        }
        let (candidates, _) = match crate::build::corpus::scan(&self.inputs) {
            Ok(found) => found,
            Err(e) => return Some(format!("inputs no longer readable ({e})")),
        };
        let mut indexed: Vec<&SourceStamp> = self.sources.iter().collect();
        indexed.sort_by(|a, b| a.path.cmp(&b.path));
        let skipped_paths: std::collections::HashSet<&str> = self.skipped.iter().map(|s| s.file.as_str()).collect();
        let mut current = Vec::new();
        for c in &candidates {
            let path = c.path.canonicalize().unwrap_or_else(|_| c.path.clone());
            if skipped_paths.contains(c.display.as_str()) || self.excluded.contains(&path) {
                continue;
            }
            current.push(path);
        }
        current.sort();
        if current.len() != indexed.len() || current.iter().zip(&indexed).any(|(a, b)| *a != b.path) {
            return Some("source files were added or removed".into());
        }
        for s in &self.sources {
            match crate::build::corpus::hash_file(&s.path) {
                Ok(h) if h == s.hash => {}
                _ => return Some(format!("{} changed", s.path.display())),
            }
        }
        None
    }
}

/// True when the manifest text is one of ours, whatever version wrote it.
fn is_our_manifest(src: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(src)
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_str()).map(|f| f == FORMAT))
        .unwrap_or(false)
}

/// True when `dir` holds an index of ours, readable by this version or not.
pub fn is_ours(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(MANIFEST_FILE)).is_ok_and(|s| is_our_manifest(&s))
}

/// The inputs recorded in a manifest, even one this version cannot fully read, so that an index
/// written by another version can be rebuilt from the same inputs.
pub fn recorded_inputs(dir: &Path) -> Option<Vec<PathBuf>> {
    let src = std::fs::read_to_string(dir.join(MANIFEST_FILE)).ok()?;
    let v: serde_json::Value = serde_json::from_str(&src).ok()?;
    v.get("inputs")?.as_array()?.iter().map(|p| p.as_str().map(PathBuf::from)).collect()
}

/// True when `dir` is missing or holds nothing but dotfiles (such as a `.gitkeep`).
pub fn folder_is_empty(dir: &Path) -> Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for e in entries {
                let e = e.map_err(|e| Error::io(dir, e))?;
                if !e.file_name().to_string_lossy().starts_with('.') {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(Error::io(dir, e)),
    }
}
