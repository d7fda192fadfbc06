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

/// Each segment's facet readers and value names, by field, opened and read from the segment's
/// facet dictionary on first use. Segments never change, so an engine keeps one of these for its
/// lifetime (a rebuilt index gets a new engine). Opening a facet column parses its dictionary
/// index, which was 8 % of a small query's CPU when done per query.
#[derive(Default)]
pub struct FacetCache {
    by_segment: Mutex<HashMap<(SegmentId, Field), Arc<SegmentFacet>>>,
}

/// One facet field of one segment: its reader and its values by ordinal.
pub struct SegmentFacet {
    reader: FacetReader,
    names: Vec<Arc<str>>,
}

impl FacetCache {
    fn get(&self, segment: &SegmentReader, field: &str) -> tantivy::Result<Arc<SegmentFacet>> {
        let key = (segment.segment_id(), segment.schema().get_field(field)?);
        if let Some(found) = self.by_segment.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Ok(found.clone());
        }
        // Read outside the lock: two threads may both read a segment once, which is harmless.
        let reader = segment.facet_reader(field)?;
        let names = read_names(&reader)?;
        let found = Arc::new(SegmentFacet { reader, names });
        self.by_segment.lock().unwrap_or_else(|e| e.into_inner()).insert(key, found.clone());
        Ok(found)
    }
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
}

impl Collector for FacetCounter {
    type Fruit = FieldCounts;
    type Child = SegmentFacetCounter;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacetCounter> {
        let mut facets = Vec::with_capacity(self.fields.len());
        let mut counts = Vec::with_capacity(self.fields.len());
        for field in self.fields.iter() {
            let facet = self.cache.get(segment, field)?;
            counts.push(vec![0u32; facet.names.len()]);
            facets.push(facet);
        }
        Ok(SegmentFacetCounter { facets, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentCounts>) -> tantivy::Result<FieldCounts> {
        let mut merged: FieldCounts = Vec::with_capacity(self.fields.len());
        for field in 0..self.fields.len() {
            let per_segment = segments.iter().filter_map(|seg| seg.get(field));
            let counted = |(facet, counts): &(Arc<SegmentFacet>, Vec<u32>)| {
                let names = &facet.names;
                counts
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .filter_map(move |(ord, n)| {
                        names.get(ord).filter(|v| !v.is_empty()).map(|v| (v.clone(), u64::from(*n)))
                    })
                    .collect::<Vec<_>>()
            };
            // With one segment the ordinals are the values; only across segments must equal
            // names be added up.
            let list = if segments.len() == 1 {
                per_segment.flat_map(counted).collect()
            } else {
                let mut by_value: FxHashMap<Arc<str>, u64> = FxHashMap::default();
                for (value, n) in per_segment.flat_map(counted) {
                    *by_value.entry(value).or_default() += n;
                }
                by_value.into_iter().collect()
            };
            merged.push(list);
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (facet, counts) in self.facets.iter().zip(&mut self.counts) {
            for ord in facet.reader.facet_ords(doc) {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> SegmentCounts {
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
