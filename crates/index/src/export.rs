//! Export for scaling out: the passages as bulk NDJSON for OpenSearch (with an index mapping that
//! uses the IK analyzer for Chinese text) or as NDJSON for Quickwit (with an index config using its
//! `chinese_compatible` tokenizer). Both carry the same passage ids and tags as this index.
//! For reference managers: the documents as CSL-JSON ([`write_csl_json`]).

use serde::Serialize;
use std::io::Write;

use plansearch_text::citation::{self, Cited, CslItem};

use crate::api::PassageRecord;
use crate::build::manifest::DocInfo;

/// Default name of the exported index.
pub const INDEX_NAME: &str = "plansearch";

/// A passage flattened for external engines: tags as keyword fields, source split out.
#[derive(Debug, Serialize)]
pub struct FlatPassage<'a> {
    pub id: &'a str,
    pub doc: &'a str,
    pub title: &'a str,
    pub year: Option<i32>,
    pub sector: &'a str,
    pub keyword: &'a str,
    /// Heading path, outermost first.
    pub section: &'a [String],
    /// Heading path joined with ` › `, for display and exact filtering.
    pub section_path: String,
    pub text: &'a str,
    pub ordinal: u32,
    pub source_file: &'a str,
    pub line_start: u32,
    pub line_end: u32,
    pub departments: Vec<&'a str>,
    pub region: Option<&'a str>,
    pub level: Option<&'static str>,
    pub doc_kind: Option<&'a str>,
    pub issuer: Option<&'a str>,
}

impl<'a> From<&'a PassageRecord> for FlatPassage<'a> {
    fn from(r: &'a PassageRecord) -> Self {
        FlatPassage {
            id: &r.id,
            doc: &r.doc,
            title: &r.title,
            year: r.year,
            sector: &r.sector,
            keyword: &r.keyword,
            section: &r.section,
            section_path: r.section.join(" › "),
            text: &r.text,
            ordinal: r.ordinal,
            source_file: &r.source.file,
            line_start: r.source.line_start,
            line_end: r.source.line_end,
            departments: r.departments.iter().map(|d| d.name.as_str()).collect(),
            region: r.region.as_deref(),
            level: r.level.map(|l| l.as_str()),
            doc_kind: r.doc_kind.as_deref(),
            issuer: r.issuer.as_deref(),
        }
    }
}

/// Field names and their kind, shared by both mappings so they always match the documents.
const FIELDS: [(&str, FieldKind); 18] = [
    ("id", FieldKind::Keyword),
    ("doc", FieldKind::Keyword),
    ("title", FieldKind::Chinese),
    ("year", FieldKind::Integer),
    ("sector", FieldKind::Keyword),
    ("keyword", FieldKind::Keyword),
    ("section", FieldKind::KeywordArray),
    ("section_path", FieldKind::Keyword),
    ("text", FieldKind::Chinese),
    ("ordinal", FieldKind::Integer),
    ("source_file", FieldKind::Keyword),
    ("line_start", FieldKind::Integer),
    ("line_end", FieldKind::Integer),
    ("departments", FieldKind::KeywordArray),
    ("region", FieldKind::Keyword),
    ("level", FieldKind::Keyword),
    ("doc_kind", FieldKind::Keyword),
    ("issuer", FieldKind::Keyword),
];

#[derive(Clone, Copy)]
enum FieldKind {
    Keyword,
    KeywordArray,
    Chinese,
    Integer,
}

/// Writes one passage as OpenSearch bulk NDJSON: an action line, then the document.
pub fn write_opensearch_bulk(r: &PassageRecord, index: &str, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &serde_json::json!({"index": {"_index": index, "_id": r.id}}))?;
    out.write_all(b"\n")?;
    serde_json::to_writer(&mut *out, &FlatPassage::from(r))?;
    out.write_all(b"\n")
}

/// The OpenSearch index body (settings and mapping): Chinese text with the IK analyzer
/// (`ik_max_word` when indexing, `ik_smart` when searching), tags as keywords.
pub fn opensearch_mapping() -> serde_json::Value {
    let mut props = serde_json::Map::new();
    for (name, kind) in FIELDS {
        let v = match kind {
            FieldKind::Keyword | FieldKind::KeywordArray => serde_json::json!({"type": "keyword"}),
            FieldKind::Integer => serde_json::json!({"type": "integer"}),
            FieldKind::Chinese => serde_json::json!({
                "type": "text", "analyzer": "ik_max_word", "search_analyzer": "ik_smart",
                "fields": {"raw": {"type": "keyword", "ignore_above": 512}}
            }),
        };
        props.insert(name.to_string(), v);
    }
    serde_json::json!({
        "settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}},
        "mappings": {"dynamic": "strict", "properties": props}
    })
}

/// Writes one passage as a line of Quickwit NDJSON.
pub fn write_quickwit_ndjson(r: &PassageRecord, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &FlatPassage::from(r))?;
    out.write_all(b"\n")
}

/// The Quickwit index config (YAML): Chinese text with the `chinese_compatible` tokenizer, tags
/// as raw fast fields for aggregations.
pub fn quickwit_config(index: &str) -> String {
    let mut y = format!(
        "# Quickwit index config for plansearch passages (quickwit index create --index-config FILE)\n\
         version: 0.8\nindex_id: {index}\ndoc_mapping:\n  mode: strict\n  field_mappings:\n"
    );
    for (name, kind) in FIELDS {
        let body = match kind {
            FieldKind::Keyword => "type: text\n      tokenizer: raw\n      fast: true".to_string(),
            FieldKind::KeywordArray => "type: array<text>\n      tokenizer: raw\n      fast: true".to_string(),
            FieldKind::Integer => "type: i64\n      fast: true".to_string(),
            FieldKind::Chinese => "type: text\n      tokenizer: chinese_compatible\n      record: position".to_string(),
        };
        let body = if name == "year" { format!("{body}\n      coerce: true") } else { body };
        y.push_str(&format!("    - name: {name}\n      {body}\n"));
    }
    y.push_str("search_settings:\n  default_search_fields: [text, title]\n");
    y
}

/// Writes the documents as one CSL-JSON array (Zotero, Mendeley and pandoc import it), one item
/// per document with its GB/T 7714 type, issuer, year, place and source.
pub fn write_csl_json(docs: &[DocInfo], out: &mut dyn Write) -> std::io::Result<()> {
    let items: Vec<CslItem> = docs
        .iter()
        .map(|d| citation::csl(&d.id, &Cited { title: &d.title, meta: &d.meta(), source: d.source.as_deref() }))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    out.write_all(b"\n")
}

/// Names of the exported fields, in mapping order.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().map(|(n, _)| *n)
}
