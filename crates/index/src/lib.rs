//! The search index: Tantivy schema and Chinese analyzers, building an index from plan documents,
//! and searching it (query parsing, ranking, facets, highlighted snippets).
//!
//! The folders follow the data flow:
//! - [`build`]: input files → documents ([`build::corpus`], [`build::catalog`]) → passages with
//!   tags → Tantivy documents in a new generation, switched to atomically by the
//!   [`build::manifest`]; [`build::update`] re-indexes only what changed.
//! - [`analysis`]: the same folding and cutting at index and query time: jieba words
//!   ([`analysis::dictionary`]) and single characters; [`analysis::synonyms`] for expansion.
//! - [`search`]: one request, one way: [`search::parse`] → [`search::plan`] (scored by
//!   [`search::rank`]) → [`search::collect`] (with [`search::facets`]) → [`search::present`]
//!   (with [`search::highlight`]).
//! - [`engine::Engine`] opens an index and is the facade the CLI and server call; it answers
//!   [`api::SearchRequest`]s with [`api::SearchResponse`]s and reads stored passages through
//!   [`records`]. [`eval`] scores rankings against judged queries, [`export`] writes the passages
//!   for OpenSearch or Quickwit.

// Nothing a user or a file controls may panic: no unwrap/expect outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod analysis;
pub mod api;
pub mod build;
mod cache;
pub mod engine;
pub mod eval;
pub mod export;
pub mod records;
pub mod reuse;
pub mod schema;
pub mod search;

pub use engine::Engine;
pub use search::rank::RankingConfig;

/// Errors of the index crate. User errors (bad query, bad parameter, unknown id, bad input
/// folder) are distinct from internal ones so callers can map them to the right status.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The query could not be parsed.
    #[error("bad query: {0}")]
    BadQuery(String),
    /// A parameter is out of range or malformed.
    #[error("bad parameter `{name}`: {message}")]
    BadParameter { name: String, message: String },
    /// The query is longer than [`api::MAX_QUERY_CHARS`].
    #[error("query is too long: {chars} characters, at most {max}")]
    QueryTooLong { chars: usize, max: usize },
    /// No passage or document has this id.
    #[error("not found: {0}")]
    NotFound(String),
    /// An input path cannot be used (missing, not a folder or file, nothing indexable in it).
    #[error("{path}: {message}")]
    BadInput { path: String, message: String },
    /// The index folder holds something that is not a plansearch index; it is left untouched.
    #[error("{path}: not a plansearch index (no manifest.json); refusing to use or overwrite it")]
    ForeignIndex { path: String },
    /// The index was built by another version or with other settings and must be rebuilt.
    #[error("{path}: index is stale or incompatible ({reason}); rebuild it with `plansearch index`")]
    Stale { path: String, reason: String },
    /// No index exists at the path.
    #[error("{path}: no index here; build one with `plansearch index`")]
    Missing { path: String },
    /// The disk holding the index ran out of space while the new index was written. The partial
    /// generation is removed; the previous one, if any, is untouched and still serves.
    #[error(
        "{path}: the disk is full ({free_mb} MB free when writing failed): the new index could not be \
         written; the previous index, if any, is unchanged and still serves; free some space (a build \
         needs about 2.5 times the size of the input text) and run `plansearch index` again ({cause})"
    )]
    DiskFull { path: String, free_mb: u64, cause: String },
    /// A file or folder operation failed.
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    /// Tantivy failed.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// Stored data could not be decoded (a bug or a damaged index).
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Text(#[from] plansearch_text::Error),
}

impl Error {
    /// True when the caller (user, request, input file) is at fault rather than the system.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::BadQuery(_)
                | Error::BadParameter { .. }
                | Error::QueryTooLong { .. }
                | Error::NotFound(_)
                | Error::BadInput { .. }
                | Error::Text(_)
        )
    }

    pub(crate) fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().display().to_string(), source }
    }
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
