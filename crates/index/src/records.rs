//! Reading stored passages: one passage with its neighbours, every passage in document order
//! (with the commitments extracted from it, for exports), and the commitments table.

use std::ops::Bound;
use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::index::SegmentId;
use tantivy::query::{RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocId, Order, Searcher, TantivyDocument, Term};

use plansearch_text::citation::{self, Cited, Position};
use plansearch_text::period::facet_value;

use crate::api::{CommitmentRecord, CommitmentRequest, PassageRecord, PassageView};
use crate::cache::ByteLru;
use crate::search::parse::parse_year_filter;
use crate::{Engine, Error, Result};
/// One passage with up to two neighbours on each side.
pub(crate) fn passage(engine: &Engine, id: &str) -> Result<PassageView> {
    let searcher = engine.reader.searcher();
    let (addr, seq) = find_id(engine, &searcher, id)?.ok_or_else(|| Error::NotFound(format!("passage `{id}`")))?;
    let passage = record(engine, &searcher, addr)?;
    let mut before = Vec::new();
    let mut after = Vec::new();
    let seq_term = |s: u64| Bound::Included(Term::from_field_u64(engine.fields.seq, s));
    let near = RangeQuery::new(seq_term(seq.saturating_sub(2)), seq_term(seq + 2));
    let neighbours =
        searcher.search(&near, &TopDocs::with_limit(5).order_by_fast_field::<u64>(crate::schema::F_SEQ, Order::Asc))?;
    for (s, a) in neighbours {
        let Some(s) = s.filter(|s| *s != seq) else { continue };
        let r = record(engine, &searcher, a)?;
        if r.doc == passage.doc {
            if s < seq {
                before.push(r);
            } else {
                after.push(r);
            }
        }
    }
    Ok(PassageView { passage, before, after })
}

/// Every passage in document order, with the commitments extracted from it.
pub(crate) fn export_with_commitments(
    engine: &Engine,
) -> Result<Vec<(PassageRecord, Vec<plansearch_text::commitments::Commitment>)>> {
    let mut rows = Vec::new();
    for_each_passage(engine, |r, c| {
        rows.push((r, c));
        Ok::<(), Error>(())
    })?;
    Ok(rows)
}

/// Hands every passage, in document order, with its commitments, to `f`, one at a time: only the
/// order (a position and an address per passage) is held, so exporting laws ×10 (2.8 million
/// passages) does not hold every record in memory (5.8 GB when it did).
pub(crate) fn for_each_passage<E: From<Error>>(
    engine: &Engine,
    mut f: impl FnMut(PassageRecord, Vec<plansearch_text::commitments::Commitment>) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let searcher = engine.reader.searcher();
    let mut order: Vec<(u64, DocAddress)> = Vec::with_capacity(searcher.num_docs() as usize);
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let seqs = seg.fast_fields().u64(crate::schema::F_SEQ).map_err(Error::from)?;
        for doc in seg.doc_ids_alive() {
            order.push((seqs.first(doc).unwrap_or(u64::MAX), DocAddress::new(ord as u32, doc)));
        }
    }
    order.sort_unstable();
    for (_, addr) in order {
        let doc: TantivyDocument = searcher.doc(addr).map_err(Error::from)?;
        let mut record = decode_record(&doc, engine.fields.record)?;
        cite(engine, &mut record);
        let commitments = match doc.get_first(engine.fields.commitments).and_then(|v| v.as_str()) {
            Some(json) => serde_json::from_str(json).map_err(|e| Error::Corrupt(e.to_string()))?,
            None => Vec::new(),
        };
        f(record, commitments)?;
    }
    Ok(())
}

/// Commitments matching the filters, in document order.
pub(crate) fn commitments(engine: &Engine, req: &CommitmentRequest) -> Result<Vec<CommitmentRecord>> {
    let all = match engine.commitments.get() {
        Some(all) => all,
        None => {
            let computed = all_commitments(engine)?;
            engine.commitments.get_or_init(|| computed)
        }
    };
    let departments: Vec<&str> = req
        .department
        .iter()
        .filter(|d| !d.trim().is_empty())
        .map(|d| {
            engine.lexicon.resolve(d).ok_or_else(|| Error::BadParameter {
                name: "department".into(),
                message: format!("unknown department `{d}`"),
            })
        })
        .collect::<Result<_>>()?;
    let years: Vec<(Option<i64>, Option<i64>)> =
        req.year.iter().filter(|y| !y.trim().is_empty()).map(|y| parse_year_filter(y)).collect::<Result<_>>()?;
    let kind = match req.kind.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(k @ ("target" | "project")) => Some(k),
        Some(other) => {
            return Err(Error::BadParameter {
                name: "kind".into(),
                message: format!("`{other}` is not `target` or `project`"),
            })
        }
    };
    let status = match req.status.as_deref().map(str::trim) {
        None | Some("") => Some("planned"),
        Some("all") => None,
        Some(s) => match plansearch_text::commitments::Status::parse(s) {
            Some(s) => Some(s.as_str()),
            None => {
                return Err(Error::BadParameter {
                    name: "status".into(),
                    message: format!("`{s}` is not `planned`, `reported` or `all`"),
                })
            }
        },
    };
    // Rows name departments at their document's level: compare level-independent keys, so a
    // filter by any level's name (教育厅, 教育局, 教育部) finds them all.
    let departments: Vec<&str> = departments.iter().filter_map(|d| engine.lexicon.key_of(d)).collect();
    let keep = |c: &&CommitmentRecord| {
        status.is_none_or(|s| s == c.status)
            && (departments.is_empty()
                || c.departments.iter().any(|d| engine.lexicon.key_of(d).is_some_and(|k| departments.contains(&k))))
            && (req.sector.is_empty() || req.sector.iter().any(|s| facet_value(s) == facet_value(&c.sector)))
            && (req.doc.is_empty() || req.doc.iter().any(|d| d == &c.doc))
            && kind.is_none_or(|k| k == c.kind)
            && (years.is_empty()
                || c.year.is_some_and(|y| {
                    years.iter().any(|(lo, hi)| lo.is_none_or(|l| y as i64 >= l) && hi.is_none_or(|h| y as i64 <= h))
                }))
    };
    Ok(all.iter().filter(keep).cloned().collect())
}

fn all_commitments(engine: &Engine) -> Result<Vec<CommitmentRecord>> {
    let mut out = Vec::new();
    for (p, list) in export_with_commitments(engine)? {
        // The passage carries its document's region and level (catalog first, then inference).
        let (region, level) = (p.region.clone(), p.level);
        let name_level = level.unwrap_or(plansearch_text::document::Level::County);
        for (i, c) in list.into_iter().enumerate() {
            out.push(CommitmentRecord {
                id: format!("{}#{}", p.id, i + 1),
                passage_id: p.id.clone(),
                kind: match c.kind {
                    plansearch_text::commitments::CommitmentKind::Target => "target".into(),
                    plansearch_text::commitments::CommitmentKind::Project => "project".into(),
                },
                text: c.text,
                metric: c.metric,
                value: c.value,
                unit: c.unit,
                comparator: c.comparator,
                year: c.year,
                status: c.status.as_str().to_string(),
                note: c.note,
                doc: p.doc.clone(),
                title: p.title.clone(),
                region: region.clone(),
                level: level.map(|l| l.as_str().to_string()),
                sector: p.sector.clone(),
                keyword: p.keyword.clone(),
                departments: p
                    .departments
                    .iter()
                    .map(|d| engine.lexicon.name_at(&d.name, name_level).unwrap_or(&d.name).to_string())
                    .collect(),
                source: p.source.clone(),
            });
        }
    }
    Ok(out)
}

pub(crate) fn find_id(engine: &Engine, searcher: &Searcher, id: &str) -> Result<Option<(DocAddress, u64)>> {
    let q = TermQuery::new(Term::from_field_text(engine.fields.id, id), IndexRecordOption::Basic);
    let Some((_, addr)) = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?.into_iter().next() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(addr)?;
    let seq = doc.get_first(engine.fields.seq).and_then(|v| v.as_u64()).unwrap_or(0);
    Ok(Some((addr, seq)))
}

pub(crate) fn record(engine: &Engine, searcher: &Searcher, addr: DocAddress) -> Result<PassageRecord> {
    let key = (searcher.segment_reader(addr.segment_ord).segment_id(), addr.doc_id);
    if let Some(r) = engine.record_cache.get(&key) {
        return Ok(PassageRecord::clone(&r));
    }
    let doc: TantivyDocument = searcher.doc(addr)?;
    let mut r = decode_record(&doc, engine.fields.record)?;
    cite(engine, &mut r);
    engine.record_cache.put(key, Arc::new(r.clone()), record_bytes(&r));
    Ok(r)
}

/// Passages read lately, by segment and document. Reading a hit from the store decompresses
/// its whole block (64 KB, with a new zstd context each time): 10 % of the server's CPU under
/// load on the laws, where the hits of popular queries are read again and again.
pub(crate) type RecordCache = ByteLru<(SegmentId, DocId), PassageRecord>;

/// About what a record holds in memory: its strings and a fixed part.
fn record_bytes(r: &PassageRecord) -> usize {
    512 + r.text.len() + r.citation.len() + r.title.len() + r.section.iter().map(String::len).sum::<usize>()
}

/// Fills in a passage's citation: its document's GB/T 7714 reference with the passage's section
/// path and paragraph. Made on reading rather than stored, since every passage of a document
/// shares the reference (7 MB of the laws index when stored per passage).
fn cite(engine: &Engine, r: &mut PassageRecord) {
    let Some(info) = engine.doc_info(&r.doc) else { return };
    let meta = info.meta();
    let cited = Cited { title: &info.title, meta: &meta, source: info.source.as_deref() };
    r.citation = citation::reference(&cited, Some(Position { section: &r.section, paragraph: r.ordinal + 1 }));
}

fn decode_record(doc: &TantivyDocument, field: Field) -> Result<PassageRecord> {
    let json =
        doc.get_first(field).and_then(|v| v.as_str()).ok_or_else(|| Error::Corrupt("passage without record".into()))?;
    serde_json::from_str(json).map_err(|e| Error::Corrupt(e.to_string()))
}
