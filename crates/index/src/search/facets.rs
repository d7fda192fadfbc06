//! Facet counting over a result set. Every facet of this index but the region is a single path
//! segment (a sector, keyword, document, department, year, level, kind or issuer), and a region
//! document carries one path, so counts are kept per facet ordinal in each
//! segment and turned into names through [`FacetCache`], read once per segment. Tantivy's
//! `FacetCollector` instead maps every ordinal of the segment's facet dictionary on every query,
//! decompressing the whole dictionary (a new zstd context per block): 92% of query time on the
//! laws benchmark before this module, and still 25% when only the hit ordinals were looked up
//! per query (docs/benchmarks.md).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;
use tantivy::schema::{Facet, Field};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema::F_FACET_DOC;

/// Each segment's facet readers and value names, by field, opened and read from the segment's
/// facet dictionary on first use. Segments never change, so an engine keeps one of these for its
/// lifetime (a rebuilt index gets a new engine). Opening a facet column parses its dictionary
/// index, which was 8 % of a small query's CPU when done per query.
///
/// Every value also gets one number per field across all segments ([`SegmentFacet::ids`]), so
/// merging the segments' counts adds arrays instead of hashing names: hashing was 14 % of the CPU
/// of the common-phrase benchmark class (docs/benchmarks.md).
///
/// Facets that are the same for every passage of a document (year, region, level, kind, issuer)
/// are not counted per passage: each segment maps the document's ordinal to their ordinals
/// ([`FacetCache::by_document`]), and the per-document counts are spread over them at the end.
/// Counting a broad query then reads 5 values per passage instead of 10 (of `的`'s 235,788
/// matches on the laws).
#[derive(Default)]
pub struct FacetCache {
    by_segment: Mutex<HashMap<(SegmentId, Field), Arc<SegmentFacet>>>,
    /// Zeroed totals arrays (by value number across segments) handed back by merged searches.
    spare_totals: Mutex<Vec<Vec<u64>>>,
    ids: Mutex<HashMap<Field, FxHashMap<Arc<str>, u32>>>,
    by_document: Mutex<HashMap<(SegmentId, Field), Option<DocumentMap>>>,
}

/// One facet field of one segment: its reader, its values by ordinal, and each ordinal's number
/// across segments ([`NO_ID`] for an ordinal without a name).
pub struct SegmentFacet {
    reader: FacetReader,
    /// Each passage's only ordinal ([`NO_ID`] for none), when no passage of the segment has two:
    /// read once, so counting is one array read per passage instead of a column lookup (the
    /// lookups were 14 % of the CPU of the largest common-word queries). `None` for a field with
    /// several values per passage (departments).
    single: Option<Vec<u32>>,
    /// For a field with several values per passage: every passage's ordinals, read once, as
    /// `ords[starts[doc]..starts[doc + 1]]` (a column lookup per passage was 10 % of the CPU of
    /// the broadest queries once the other fields were arrays).
    multi: Option<Multi>,
    names: Vec<Arc<str>>,
    ids: Vec<u32>,
    /// One more than the largest number in `ids`.
    span: usize,
    /// Zeroed count arrays of this field and segment, handed back by merged searches for the
    /// next ones: allocating and zeroing one per field and segment on every query (the laws
    /// have 7,336 sector values) was most of what merging cost.
    spare: Mutex<Vec<Vec<u32>>>,
}

/// Zeroed count arrays kept per field and segment, at most (one per search running at once).
const SPARE_COUNTS: usize = 4;

impl SegmentFacet {
    /// A zeroed count array, one per ordinal.
    fn take_counts(&self) -> Vec<u32> {
        let spare = self.spare.lock().unwrap_or_else(|e| e.into_inner()).pop();
        spare.unwrap_or_else(|| vec![0; self.names.len()])
    }

    /// Takes back a count array that is all zeros again.
    fn give_back(&self, counts: Vec<u32>) {
        debug_assert!(counts.iter().all(|&n| n == 0));
        let mut spare = self.spare.lock().unwrap_or_else(|e| e.into_inner());
        if spare.len() < SPARE_COUNTS && counts.len() == self.names.len() {
            spare.push(counts);
        }
    }
}

/// A facet's ordinal per document ordinal of a segment.
type DocumentMap = Arc<[u32]>;

/// Ordinals of several values per passage, flattened.
pub struct Multi {
    starts: Vec<u32>,
    ords: Vec<u32>,
}

/// The number of an ordinal that has no value name.
const NO_ID: u32 = u32::MAX;

impl FacetCache {
    fn get(&self, segment: &SegmentReader, field: &str) -> tantivy::Result<Arc<SegmentFacet>> {
        let key = (segment.segment_id(), segment.schema().get_field(field)?);
        if let Some(found) = self.by_segment.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Ok(found.clone());
        }
        // Read outside the lock: two threads may both read a segment once, which is harmless.
        let reader = segment.facet_reader(field)?;
        let names = read_names(&reader)?;
        let (ids, span) = {
            let mut all = self.ids.lock().unwrap_or_else(|e| e.into_inner());
            let known = all.entry(key.1).or_default();
            let ids: Vec<u32> = names
                .iter()
                .map(|name| {
                    if name.is_empty() {
                        return NO_ID;
                    }
                    let next = known.len() as u32;
                    *known.entry(name.clone()).or_insert(next)
                })
                .collect();
            (ids, known.len())
        };
        let single = single_ordinals(&reader, segment.max_doc());
        let multi = single.is_none().then(|| all_ordinals(&reader, segment.max_doc()));
        let found = Arc::new(SegmentFacet { reader, single, multi, names, ids, span, spare: Mutex::default() });
        self.by_segment.lock().unwrap_or_else(|e| e.into_inner()).insert(key, found.clone());
        Ok(found)
    }
}

impl FacetCache {
    /// For a single-valued `facet` of a segment whose documents are `docs` (the document facet's
    /// ordinal per passage): its ordinal per document ordinal, when every passage of a document
    /// carries the same one (else `None`: the field is counted per passage).
    fn by_document(
        &self,
        segment: &SegmentReader,
        field: Field,
        docs: &SegmentFacet,
        facet: &SegmentFacet,
    ) -> Option<Arc<[u32]>> {
        let key = (segment.segment_id(), field);
        if let Some(found) = self.by_document.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return found.clone();
        }
        let found = document_map(docs, facet);
        self.by_document.lock().unwrap_or_else(|e| e.into_inner()).insert(key, found.clone());
        found
    }
}

/// `facet`'s ordinal per ordinal of the document facet `docs`, if it is a function of it.
fn document_map(docs: &SegmentFacet, facet: &SegmentFacet) -> Option<Arc<[u32]>> {
    const UNSEEN: u32 = u32::MAX - 1;
    let (doc_of, value_of) = (docs.single.as_ref()?, facet.single.as_ref()?);
    let mut map = vec![UNSEEN; docs.names.len()];
    for (&d, &v) in doc_of.iter().zip(value_of) {
        // A passage without a document is counted per passage: no map.
        let slot = map.get_mut(d as usize)?;
        if *slot == UNSEEN {
            *slot = v;
        } else if *slot != v {
            return None;
        }
    }
    Some(map.into())
}

/// Each passage's ordinal, when every passage of the segment has at most one.
fn single_ordinals(reader: &FacetReader, max_doc: DocId) -> Option<Vec<u32>> {
    let mut ords = Vec::with_capacity(max_doc as usize);
    for doc in 0..max_doc {
        let mut it = reader.facet_ords(doc);
        let first = it.next().map_or(NO_ID, |o| u32::try_from(o).unwrap_or(NO_ID));
        if it.next().is_some() {
            return None;
        }
        ords.push(first);
    }
    Some(ords)
}

/// Every passage's ordinals.
fn all_ordinals(reader: &FacetReader, max_doc: DocId) -> Multi {
    let mut starts = Vec::with_capacity(max_doc as usize + 1);
    let mut ords = Vec::new();
    starts.push(0);
    for doc in 0..max_doc {
        ords.extend(reader.facet_ords(doc).map(|o| u32::try_from(o).unwrap_or(NO_ID)));
        starts.push(ords.len() as u32);
    }
    Multi { starts, ords }
}

/// Every value of a segment's facet dictionary, by ordinal: its path segments joined with `/`
/// (one segment for every facet but the region's, whose paths `浙江省/金华市` are hierarchical).
fn read_names(reader: &FacetReader) -> tantivy::Result<Vec<Arc<str>>> {
    let empty: Arc<str> = Arc::from("");
    let mut names = vec![empty; reader.num_facets()];
    let mut stream = reader.facet_dict().stream()?;
    while stream.advance() {
        let facet = Facet::from_encoded(stream.key().to_vec())
            .map_err(|e| tantivy::TantivyError::InternalError(format!("unreadable facet: {e}")))?;
        if let Some(slot) = names.get_mut(stream.term_ord() as usize) {
            *slot = Arc::from(facet.to_path().join("/"));
        }
    }
    Ok(names)
}

/// Counts, for each of several facet fields, how many matching documents carry each value.
pub struct FacetCounter {
    fields: Arc<[String]>,
    cache: Arc<FacetCache>,
}

impl FacetCounter {
    /// Counts the facet fields named here (schema field names), in this order, reading segments
    /// through `cache`.
    pub fn new(fields: Arc<[String]>, cache: Arc<FacetCache>) -> Self {
        FacetCounter { fields, cache }
    }
}

/// Per field: each value carried by a matching document, with how many carry it (no order).
pub type FieldCounts = Vec<Vec<(Arc<str>, u64)>>;

/// One segment's counts per field, by ordinal, with the names of the ordinals.
pub type SegmentCounts = Vec<(Arc<SegmentFacet>, Vec<u32>)>;

pub struct SegmentFacetCounter {
    facets: Vec<Arc<SegmentFacet>>,
    counts: Vec<Vec<u32>>,
    /// The fields counted per passage, by index into `facets`.
    per_passage: Vec<usize>,
    /// The fields counted per document: index into `facets` and ordinal per document ordinal.
    per_document: Vec<(usize, Arc<[u32]>)>,
    /// Index into `facets` of the document facet, when some field is counted per document.
    documents: Option<usize>,
}

impl Collector for FacetCounter {
    type Fruit = FieldCounts;
    type Child = SegmentFacetCounter;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacetCounter> {
        let mut facets = Vec::with_capacity(self.fields.len());
        let mut counts = Vec::with_capacity(self.fields.len());
        for field in self.fields.iter() {
            let facet = self.cache.get(segment, field)?;
            counts.push(facet.take_counts());
            facets.push(facet);
        }
        let documents = self.fields.iter().position(|f| f == F_FACET_DOC).filter(|&i| facets[i].single.is_some());
        let mut per_document = Vec::new();
        let mut per_passage = Vec::new();
        for (i, name) in self.fields.iter().enumerate() {
            let grouped = documents.filter(|&d| d != i).and_then(|d| {
                let field = segment.schema().get_field(name).ok()?;
                self.cache.by_document(segment, field, &facets[d], &facets[i])
            });
            match grouped {
                Some(map) => per_document.push((i, map)),
                None => per_passage.push(i),
            }
        }
        let documents = documents.filter(|_| !per_document.is_empty());
        Ok(SegmentFacetCounter { facets, counts, per_passage, per_document, documents })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, mut segments: Vec<SegmentCounts>) -> tantivy::Result<FieldCounts> {
        let mut merged: FieldCounts = Vec::with_capacity(self.fields.len());
        // Totals by value number, zeroed again after each field (only where something was
        // counted), so one array serves every field and the next searches.
        let mut totals = self.cache.spare_totals.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default();
        for field in 0..self.fields.len() {
            let span = segments.iter().filter_map(|seg| seg.get(field)).map(|(f, _)| f.span).max().unwrap_or(0);
            if totals.len() < span {
                totals.resize(span, 0);
            }
            // Each value is listed when first counted.
            let mut list: Vec<(Arc<str>, u64)> = Vec::new();
            let mut slot_of: Vec<u32> = Vec::new();
            for (facet, counts) in segments.iter_mut().filter_map(|seg| seg.get_mut(field)) {
                for (ord, n) in counts.iter_mut().enumerate().filter(|(_, n)| **n > 0) {
                    let count = std::mem::take(n);
                    let Some(&id) = facet.ids.get(ord).filter(|id| **id != NO_ID) else { continue };
                    let id = id as usize;
                    if totals[id] == 0 {
                        slot_of.push(id as u32);
                        list.push((facet.names[ord].clone(), 0));
                    }
                    totals[id] += u64::from(count);
                }
            }
            for (entry, id) in list.iter_mut().zip(&slot_of) {
                entry.1 = std::mem::take(&mut totals[*id as usize]);
            }
            merged.push(list);
        }
        // Every count array is zero again: kept for the next searches.
        for (facet, counts) in segments.into_iter().flatten() {
            facet.give_back(counts);
        }
        let mut spare = self.cache.spare_totals.lock().unwrap_or_else(|e| e.into_inner());
        if spare.len() < SPARE_COUNTS {
            spare.push(totals);
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for &i in &self.per_passage {
            let (facet, counts) = (&self.facets[i], &mut self.counts[i]);
            if let Some(single) = &facet.single {
                if let Some(c) = single.get(doc as usize).and_then(|&o| counts.get_mut(o as usize)) {
                    *c += 1;
                }
                continue;
            }
            if let Some(m) = &facet.multi {
                let (from, to) = (m.starts[doc as usize] as usize, m.starts[doc as usize + 1] as usize);
                for &ord in &m.ords[from..to] {
                    if let Some(c) = counts.get_mut(ord as usize) {
                        *c += 1;
                    }
                }
                continue;
            }
            for ord in facet.reader.facet_ords(doc) {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(mut self) -> SegmentCounts {
        if let Some(d) = self.documents {
            let per_doc = std::mem::take(&mut self.counts[d]);
            for (i, map) in &self.per_document {
                let counts = &mut self.counts[*i];
                for (&n, &ord) in per_doc.iter().zip(map.iter()) {
                    if let Some(c) = counts.get_mut(ord as usize).filter(|_| n > 0) {
                        *c += n;
                    }
                }
            }
            self.counts[d] = per_doc;
        }
        self.facets.into_iter().zip(self.counts).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::FacetCollector;
    use tantivy::query::{AllQuery, Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, STRING};
    use tantivy::{doc, Index, Term};

    /// Counts from `FacetCounter` must equal tantivy's own `FacetCollector`, over two segments,
    /// for a broad and a narrow query, with the names read once and then reused.
    #[test]
    fn counts_match_tantivys_facet_collector() {
        let mut b = Schema::builder();
        let facet = b.add_facet_field("f", tantivy::schema::FacetOptions::default());
        let group = b.add_text_field("g", STRING);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..1_000u32 {
            let value = format!("/值{}", (i * 7) % 300);
            let g = if i % 50 == 0 { "rare" } else { "common" };
            writer.add_document(doc!(facet => Facet::from(value.as_str()), group => g)).unwrap();
            if i == 500 {
                writer.commit().unwrap(); // two segments
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let rare = TermQuery::new(Term::from_field_text(group, "rare"), IndexRecordOption::Basic);
        let names = Arc::new(FacetCache::default());
        for query in [&AllQuery as &dyn Query, &rare, &AllQuery] {
            let ours: HashMap<String, u64> = searcher
                .search(query, &FacetCounter::new(Arc::from(["f".to_string()]), names.clone()))
                .unwrap()
                .remove(0)
                .into_iter()
                .map(|(v, n)| (v.to_string(), n))
                .collect();
            let mut theirs = FacetCollector::for_field("f");
            theirs.add_facet("/");
            let theirs: HashMap<String, u64> = searcher
                .search(query, &theirs)
                .unwrap()
                .get("/")
                .map(|(f, n)| (f.to_path()[0].to_string(), n))
                .collect();
            assert!(!ours.is_empty());
            assert_eq!(ours, theirs);
        }
        assert_eq!(names.by_segment.lock().unwrap().len(), 2);
    }
}
