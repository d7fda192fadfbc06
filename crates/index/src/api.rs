//! Request and response types shared by the CLI (`--json`) and the HTTP API.
//!
//! These are the wire format: field names here are the JSON names users see, so change them only
//! with care (and a schema version bump where stored data is involved).

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Default number of hits per page.
pub const DEFAULT_LIMIT: usize = 10;
/// Largest `limit` a caller may ask for.
pub const MAX_LIMIT: usize = 100;
/// Largest `offset` a caller may ask for (deep paging beyond this is refused).
pub const MAX_OFFSET: usize = 10_000;
/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 256;

/// One search: free-text query plus optional facet filters.
///
/// Repeated values of one filter mean "either" (OR); different filters combine with AND.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SearchRequest {
    /// The query: words (all required), `"quoted phrases"`, `-excluded`, `OR`, and
    /// `sector:` / `keyword:` / `doc:` / `department:` / `year:` / `region:` / `level:` / `kind:` /
    /// `issuer:` filters.
    pub q: String,
    /// Keep only passages in these sectors.
    pub sector: Vec<String>,
    /// Keep only passages under these keywords (item titles).
    pub keyword: Vec<String>,
    /// Keep only passages of these documents (document ids).
    pub doc: Vec<String>,
    /// Keep only passages tagged with these departments (canonical names or short forms).
    pub department: Vec<String>,
    /// Keep only passages of documents from these years; `2016..2025` is a range.
    pub year: Vec<String>,
    /// Keep only documents of these regions and the places under them: `广东省` matches its
    /// cities and counties too. A path (`浙江省/金华市`) or a name (`浙江省金华市`, `金华市`).
    pub region: Vec<String>,
    /// Keep only documents issued at these levels: `national`, `provincial`, `city`, `county`.
    pub level: Vec<String>,
    /// Keep only documents of these kinds, e.g. `政府工作报告`.
    pub kind: Vec<String>,
    /// Keep only documents of these issuers, e.g. `国务院`.
    pub issuer: Vec<String>,
    /// Hits per page; default 10, at most 100.
    pub limit: Option<usize>,
    /// Hits to skip; default 0, at most 10000.
    pub offset: Option<usize>,
}

/// Where a passage stands in its source file, for citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SourceLocation {
    /// Source file name, relative to the input folder it was indexed from.
    pub file: String,
    /// First line of the passage in the source file (1-based).
    pub line_start: u32,
    /// Last line of the passage in the source file (1-based, inclusive).
    pub line_end: u32,
}

/// A department held responsible for a passage, with the lexicon terms that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DepartmentHit {
    /// Canonical department name, e.g. `教育局`.
    pub name: String,
    /// The lexicon terms found in the passage, e.g. `["学前教育"]`.
    pub terms: Vec<String>,
}

/// One passage as stored: the fields of a hit without score and snippet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PassageRecord {
    /// Stable id: document id, `-`, and the passage's ordinal in the document (3 digits).
    pub id: String,
    /// Document id.
    pub doc: String,
    /// Document title.
    pub title: String,
    /// Document year, when known.
    pub year: Option<i32>,
    /// Top-level part of the document (篇, 一、…), or `引言` before the first part.
    pub sector: String,
    /// Most specific heading under the sector (关键词 or numbered item title); empty if none.
    pub keyword: String,
    /// Full heading path, outermost first.
    pub section: Vec<String>,
    /// Passage text, as the document wrote it, with layout artifacts removed.
    pub text: String,
    /// Ordinal of the passage within its document (0-based).
    pub ordinal: u32,
    pub source: SourceLocation,
    /// Responsible departments; empty when none is clear.
    #[serde(default)]
    pub departments: Vec<DepartmentHit>,
    /// The document's region as a path of official names, province first
    /// (`浙江省/金华市/永康市`), or `全国`; from the catalog or inferred from title and text.
    #[serde(default)]
    pub region: Option<String>,
    /// Level of the issuing government: `national`, `provincial`, `city` or `county`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub level: Option<plansearch_text::document::Level>,
    /// Kind of the document, e.g. `政府工作报告`, `规划纲要`, `专项规划` (`kind` is the
    /// passage's own: text or note).
    #[serde(default)]
    pub doc_kind: Option<String>,
    /// Issuing body, e.g. `国务院`, `永康市人民政府`.
    #[serde(default)]
    pub issuer: Option<String>,
    /// GB/T 7714 reference of the document with this passage's section path and paragraph, e.g.
    /// `永康市人民政府. 2021年永康市政府工作报告（节选）[R]. 永康: 永康市人民政府, 2021: 二、…, 第12段.`
    /// Made when the passage is read, from its document's entry (the store holds it once per
    /// document, in the manifest).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub citation: String,
    /// `note` for an entry of the document's notes (注释, 名词解释); absent for body text.
    #[serde(default, skip_serializing_if = "PassageKind::is_text")]
    pub kind: PassageKind,
    /// For a note, the term it explains (quotes removed), when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
}

/// What a passage is: body text (the default) or a note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    #[default]
    Text,
    Note,
}

impl PassageKind {
    fn is_text(&self) -> bool {
        *self == PassageKind::Text
    }
}

/// One ranked hit.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Hit {
    #[serde(flatten)]
    pub passage: PassageRecord,
    /// The best window of the text with matches wrapped in `<mark>…</mark>`; everything else is
    /// HTML-escaped, so it can be inserted as HTML.
    pub snippet: String,
    /// Matches in `text` as UTF-8 byte ranges `[start, end)`.
    pub highlights: Vec<[usize; 2]>,
    pub score: f32,
}

/// A facet value and how many passages of the result set carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
    /// Display label where the value is an id (document titles for the `doc` facet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Facet counts over a whole result set (or the whole corpus).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Facets {
    pub sector: Vec<FacetCount>,
    pub keyword: Vec<FacetCount>,
    pub doc: Vec<FacetCount>,
    pub department: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    /// Region paths with every ancestor: `广东省` (all its documents' passages), then
    /// `广东省/广州市` …; `全国` for national documents.
    #[serde(default)]
    pub region: Vec<FacetCount>,
    #[serde(default)]
    pub level: Vec<FacetCount>,
    #[serde(default)]
    pub kind: Vec<FacetCount>,
    #[serde(default)]
    pub issuer: Vec<FacetCount>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SearchResponse {
    pub query: String,
    /// Number of passages matching (all pages).
    pub total: u64,
    pub took_ms: f64,
    pub limit: usize,
    pub offset: usize,
    /// `all` when every term was required; `any` when nothing matched all terms and the search
    /// fell back to passages matching any term.
    pub matched: String,
    /// Human-readable notes about how the query was interpreted (fallbacks, ignored parts).
    pub notices: Vec<String>,
    /// Synonyms and abbreviations the query also searched for (they rank below literal matches).
    #[serde(default)]
    pub expansions: Vec<Expansion>,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// A query term and the synonyms or full forms it was expanded with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Expansion {
    /// The term as the query wrote it.
    pub term: String,
    /// What it also matched, e.g. `["碳排放达峰", "二氧化碳排放达峰"]` for `碳达峰`.
    pub synonyms: Vec<String>,
}

/// A passage with the passages around it, for reading and citing.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PassageView {
    pub passage: PassageRecord,
    /// Up to two passages before, in document order.
    pub before: Vec<PassageRecord>,
    /// Up to two passages after, in document order.
    pub after: Vec<PassageRecord>,
}

/// Size of the index, for health checks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IndexStats {
    pub documents: u64,
    pub passages: u64,
}

/// One completion for the search box.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Suggestion {
    pub text: String,
    /// `keyword` (a heading title) or `term` (a frequent word).
    pub kind: String,
}

/// Filters for listing commitments. Repeated values of one filter mean "either".
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CommitmentRequest {
    /// Departments, by canonical name or short form.
    pub department: Vec<String>,
    pub sector: Vec<String>,
    /// Due years; `2021..2025` is a range.
    pub year: Vec<String>,
    /// `target` (quantitative) or `project` (named project or milestone).
    pub kind: Option<String>,
    pub doc: Vec<String>,
    /// `planned` (the default: targets and projects for the future), `reported` (results of a
    /// past period, 预计 figures included) or `all`.
    pub status: Option<String>,
}

/// A commitment found in a passage: a quantitative target or a named project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CommitmentRecord {
    /// Passage id, `#`, and the commitment's position in the passage (1-based).
    pub id: String,
    pub passage_id: String,
    /// `target` or `project`.
    pub kind: String,
    /// The clause as written.
    pub text: String,
    pub metric: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub comparator: Option<String>,
    /// Year the commitment is due (planned) or reports on (reported).
    pub year: Option<i32>,
    /// `planned` or `reported`.
    pub status: String,
    /// Sub-values in parentheses after the value (`含重点产业1000人`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub doc: String,
    pub title: String,
    /// The document's region (`浙江省/金华市/永康市`, `全国`): the catalog's, else inferred.
    pub region: Option<String>,
    /// The document's level of government: `national`, `provincial`, `city` or `county`.
    pub level: Option<String>,
    pub sector: String,
    pub keyword: String,
    /// Departments of the passage, named as the document's level names them (教育厅 for a
    /// province, 教育局 for a county).
    pub departments: Vec<String>,
    pub source: SourceLocation,
}

/// How often a query matches, year by year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrendResponse {
    pub query: String,
    pub total: u64,
    pub series: Vec<TrendPoint>,
    /// With `by=region`: one series per region, one level below the region filter (provinces
    /// and 全国 without one), most matching passages first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<TrendGroup>,
}

/// The trend of one region.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrendGroup {
    /// Region path, or `未知` for documents without one.
    pub region: String,
    /// Matching passages in this region.
    pub total: u64,
    pub series: Vec<TrendPoint>,
}

/// Default number of similar passages returned.
pub const DEFAULT_SIMILAR_LIMIT: usize = 10;

/// A passage of another document that repeats the requested one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SimilarHit {
    pub id: String,
    pub doc: String,
    pub title: String,
    pub region: Option<String>,
    pub year: Option<i32>,
    /// Characters of both passages inside shared stretches over characters of both (0 to 1).
    pub share: f32,
    /// Shared stretches in this hit's `text`, as UTF-8 byte ranges `[start, end)`.
    pub spans: Vec<[usize; 2]>,
    /// The same stretches in the requested passage's text.
    pub query_spans: Vec<[usize; 2]>,
    pub text: String,
}

/// Passages of other documents saying the same or nearly the same, best share first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SimilarResponse {
    pub passage: PassageRecord,
    pub hits: Vec<SimilarHit>,
    pub took_ms: f64,
}

/// A passage of a later document that repeats the earlier one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReuseRow {
    /// Passage id in the later document.
    pub id: String,
    /// Share of this passage's characters that repeat the earlier document (0 to 1).
    pub share: f32,
    /// The repeated stretches in `text`, as UTF-8 byte ranges.
    pub spans: Vec<[usize; 2]>,
    /// The earlier document's passage it repeats most, and their share.
    pub source: Option<String>,
    pub source_share: Option<f32>,
    pub text: String,
}

/// How much of one later document repeats the earlier one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReuseDoc {
    pub doc: String,
    pub title: String,
    pub region: Option<String>,
    pub year: Option<i32>,
    pub passages: usize,
    /// Passages listed in `rows` (share at least `min_share`).
    pub reused_passages: usize,
    /// Share of the document's characters that repeat the earlier document (0 to 1).
    pub share: f32,
    pub rows: Vec<ReuseRow>,
}

/// Which passages of later documents repeat an earlier one: the table of a policy-diffusion study.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReuseResponse {
    /// The earlier document's id.
    pub from: String,
    pub title: String,
    pub region: Option<String>,
    pub year: Option<i32>,
    pub min_share: f32,
    pub docs: Vec<ReuseDoc>,
}

/// Matches in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TrendPoint {
    pub year: i32,
    /// Matching passages.
    pub passages: u64,
    /// Documents with at least one matching passage.
    pub documents: u64,
}
