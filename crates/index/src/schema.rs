//! The Tantivy schema: field names as constants, and the [`Fields`] handle used by build and
//! search. Bump [`SCHEMA_VERSION`] whenever fields or their analysis change.

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};

use crate::analysis::{PAIR_TOKENIZER, WORD_TOKENIZER};

/// Version of the schema and analysis; an index with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 9;

pub const F_ID: &str = "id";
pub const F_DOC: &str = "doc";
/// Position of the passage in the whole build (document order, then passage order).
pub const F_SEQ: &str = "seq";
pub const F_YEAR: &str = "year";
/// Passage text analysed into words (jieba), for ranking.
pub const F_TEXT_WORDS: &str = "text_words";
/// Passage text analysed into overlapping character pairs with positions, closed by the last
/// character alone: every literal query (one character reads the terms it begins), so any
/// literal substring is found; its field norm is the passage length in characters (the length
/// prior, similar passages).
pub const F_TEXT_PAIRS: &str = "text_pairs";
/// Sector and keyword titles, analysed into words: a match here ranks high.
pub const F_HEADING_WORDS: &str = "heading_words";
/// Sector and keyword titles, analysed into character pairs with positions (as the text).
pub const F_HEADING_PAIRS: &str = "heading_pairs";
pub const F_FACET_SECTOR: &str = "facet_sector";
pub const F_FACET_KEYWORD: &str = "facet_keyword";
pub const F_FACET_DOC: &str = "facet_doc";
pub const F_FACET_DEPARTMENT: &str = "facet_department";
pub const F_FACET_YEAR: &str = "facet_year";
/// Region path as a hierarchical facet (`/浙江省/金华市/永康市`): a filter on `/浙江省` matches
/// the whole province.
pub const F_FACET_REGION: &str = "facet_region";
pub const F_FACET_LEVEL: &str = "facet_level";
pub const F_FACET_KIND: &str = "facet_kind";
pub const F_FACET_ISSUER: &str = "facet_issuer";
/// The period a passage speaks of as a hierarchical facet (`/plan/2025`, `/review/2020-2024`,
/// `/plan` when the years are unknown): a filter on `/plan` matches every plan.
pub const F_FACET_PERIOD: &str = "facet_period";
/// The whole passage record as JSON (what hits, `show` and `export` return).
pub const F_RECORD: &str = "record";
/// The passage's commitments as JSON.
pub const F_COMMITMENTS: &str = "commitments";
/// For a note, the term it explains, folded to letters and digits (`build::note_key`): a query
/// equal to it ranks the note first.
pub const F_NOTE_TERM: &str = "note_term";

/// Every facet field, in the order searches count them and `Facets` lists them.
pub const FACET_FIELDS: [&str; 10] = [
    F_FACET_SECTOR,
    F_FACET_KEYWORD,
    F_FACET_DOC,
    F_FACET_DEPARTMENT,
    F_FACET_YEAR,
    F_FACET_REGION,
    F_FACET_LEVEL,
    F_FACET_KIND,
    F_FACET_ISSUER,
    F_FACET_PERIOD,
];

/// Handles to every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub doc: Field,
    pub seq: Field,
    pub year: Field,
    pub text_words: Field,
    pub text_pairs: Field,
    pub heading_words: Field,
    pub heading_pairs: Field,
    pub facet_sector: Field,
    pub facet_keyword: Field,
    pub facet_doc: Field,
    pub facet_department: Field,
    pub facet_year: Field,
    pub facet_region: Field,
    pub facet_level: Field,
    pub facet_kind: Field,
    pub facet_issuer: Field,
    pub facet_period: Field,
    pub record: Field,
    pub commitments: Field,
    pub note_term: Field,
}

fn analysed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn analysed_without_positions(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// A raw term per value, without frequencies or field norms: for fields only looked up.
fn lookup_only() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

/// Builds the schema.
pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    // Hits are read from the record JSON; id and doc are indexed only to be looked up (never
    // scored), so they keep no field norms (0.28 MB each on the laws).
    b.add_text_field(F_ID, lookup_only());
    b.add_text_field(F_DOC, lookup_only());
    // Sequence and year are read as columns only (sorting, neighbours, year ranges: tantivy's
    // range query reads a fast field's column), so they have no terms: 3 MB of the laws index.
    b.add_u64_field(F_SEQ, NumericOptions::default().set_fast().set_stored());
    b.add_i64_field(F_YEAR, NumericOptions::default().set_fast());
    // Words are scored as terms, never matched as a phrase (their proximity is read from the
    // pairs), so they keep no positions: 10 MB of the laws index.
    b.add_text_field(F_TEXT_WORDS, analysed_without_positions(WORD_TOKENIZER));
    b.add_text_field(F_TEXT_PAIRS, analysed(PAIR_TOKENIZER));
    // Heading words are matched as a bag (all of them, any order), never as a phrase.
    b.add_text_field(F_HEADING_WORDS, analysed_without_positions(WORD_TOKENIZER));
    b.add_text_field(F_HEADING_PAIRS, analysed(PAIR_TOKENIZER));
    for f in FACET_FIELDS {
        b.add_facet_field(f, FacetOptions::default());
    }
    b.add_text_field(F_RECORD, STORED);
    b.add_text_field(F_COMMITMENTS, STORED);
    b.add_text_field(F_NOTE_TERM, STRING);
    b.build()
}

impl Fields {
    /// Looks up every field in `schema`.
    pub fn new(schema: &Schema) -> crate::Result<Self> {
        let f = |name: &str| {
            schema.get_field(name).map_err(|_| crate::Error::Corrupt(format!("index schema has no field `{name}`")))
        };
        Ok(Fields {
            id: f(F_ID)?,
            doc: f(F_DOC)?,
            seq: f(F_SEQ)?,
            year: f(F_YEAR)?,
            text_words: f(F_TEXT_WORDS)?,
            text_pairs: f(F_TEXT_PAIRS)?,
            heading_words: f(F_HEADING_WORDS)?,
            heading_pairs: f(F_HEADING_PAIRS)?,
            facet_sector: f(F_FACET_SECTOR)?,
            facet_keyword: f(F_FACET_KEYWORD)?,
            facet_doc: f(F_FACET_DOC)?,
            facet_department: f(F_FACET_DEPARTMENT)?,
            facet_year: f(F_FACET_YEAR)?,
            facet_region: f(F_FACET_REGION)?,
            facet_level: f(F_FACET_LEVEL)?,
            facet_kind: f(F_FACET_KIND)?,
            facet_issuer: f(F_FACET_ISSUER)?,
            facet_period: f(F_FACET_PERIOD)?,
            record: f(F_RECORD)?,
            commitments: f(F_COMMITMENTS)?,
            note_term: f(F_NOTE_TERM)?,
        })
    }
}
