//! Plan text in, tagged passages out: pure functions over `&str`, no I/O.
//!
//! The flow is [`decode`] (bytes → text) → [`clean`] (layout repair into paragraphs with source
//! lines) → [`structure`] (headings into a section path) → [`split`] (passages of at most
//! [`split::MAX_PASSAGE_CHARS`] characters) → tags ([`departments`], [`commitments`]).
//! [`normalize`] is the character folding that search uses on both sides; [`document`] infers a
//! document's region, level, kind, issuer and year; [`reuse`] finds the stretches two passages
//! share (text reuse); [`citation`] writes GB/T 7714 references and CSL-JSON items.

// Nothing a user or a file controls may panic: no unwrap/expect outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod citation;
pub mod clean;
pub mod commitments;
pub mod decode;
pub mod departments;
pub mod document;
pub mod normalize;
pub mod period;
pub mod reuse;
pub mod split;
pub mod structure;

pub use split::{passages, Passage};

/// Errors from reading or tagging text.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes look like a binary file (NUL bytes or many control characters).
    #[error("{name}: looks like a binary file, not text")]
    Binary { name: String },
    /// The file holds no text (or only whitespace).
    #[error("{name}: file is empty")]
    Empty { name: String },
    /// The bytes are neither UTF-8 nor GB18030/GBK.
    #[error("{name}: cannot decode as UTF-8 or GB18030/GBK (first bad byte at offset {offset})")]
    Undecodable { name: String, offset: usize },
    /// A lexicon or dictionary file could not be parsed.
    #[error("{name}: {message}")]
    BadLexicon { name: String, message: String },
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
