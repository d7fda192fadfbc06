//! Facet counting over a result set. Every facet of this index is a single path segment (a
//! sector, keyword, document, department or year), so counts are kept per facet ordinal in each
//! segment and only the ordinals that occur are turned into names. Tantivy's `FacetCollector`
//! instead maps every ordinal of the segment's facet dictionary up front, which decompresses the
//! whole dictionary on every query and was 92% of query time on the laws benchmark
//! (docs/benchmarks.md).

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts, for each of several facet fields, how many matching documents carry each value.
pub struct FacetCounter {
    fields: Vec<String>,
}

impl FacetCounter {
    /// Counts the facet fields named here (schema field names), in this order.
    pub fn new(fields: Vec<String>) -> Self {
        FacetCounter { fields }
    }
}

/// Per field: value → number of matching documents carrying it.
pub type FieldCounts = Vec<HashMap<String, u64>>;

pub struct SegmentFacetCounter {
    readers: Vec<FacetReader>,
    counts: Vec<Vec<u64>>,
}

impl Collector for FacetCounter {
    type Fruit = FieldCounts;
    type Child = SegmentFacetCounter;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacetCounter> {
        let mut readers = Vec::with_capacity(self.fields.len());
        let mut counts = Vec::with_capacity(self.fields.len());
        for name in &self.fields {
            let reader = segment.facet_reader(name)?;
            counts.push(vec![0u64; reader.num_facets()]);
            readers.push(reader);
        }
        Ok(SegmentFacetCounter { readers, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FieldCounts>) -> tantivy::Result<FieldCounts> {
        let mut merged: FieldCounts = vec![HashMap::new(); self.fields.len()];
        for seg in segments {
            for (into, from) in merged.iter_mut().zip(seg) {
                for (value, n) in from {
                    *into.entry(value).or_default() += n;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = FieldCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (reader, counts) in self.readers.iter().zip(&mut self.counts) {
            for ord in reader.facet_ords(doc) {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> FieldCounts {
        let mut out = Vec::with_capacity(self.readers.len());
        for (reader, counts) in self.readers.iter().zip(self.counts) {
            out.push(names_of(reader, counts));
        }
        out
    }
}

/// Looks up the names of the ordinals that were counted. A few are looked up one by one; when many
/// are (a broad query, or the corpus counts at open), one sequential pass over the dictionary is
/// much cheaper than a block decompression per ordinal.
fn names_of(reader: &FacetReader, counts: Vec<u64>) -> HashMap<String, u64> {
    let mut values = HashMap::new();
    let mut add = |facet: &Facet, n: u64| {
        if let Some(first) = facet.to_path().first() {
            *values.entry(first.to_string()).or_default() += n;
        }
    };
    let hits = counts.iter().filter(|n| **n > 0).count();
    if hits > SEQUENTIAL_LOOKUP_AFTER {
        if let Ok(mut stream) = reader.facet_dict().stream() {
            while stream.advance() {
                let n = counts.get(stream.term_ord() as usize).copied().unwrap_or(0);
                if n > 0 {
                    if let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) {
                        add(&facet, n);
                    }
                }
            }
            return values;
        }
    }
    let mut facet = Facet::root();
    for (ord, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
        // A facet that cannot be read back is skipped rather than failing the query.
        if reader.facet_from_ord(ord as u64, &mut facet).is_ok() {
            add(&facet, n);
        }
    }
    values
}

/// Above this many distinct values in a segment, names are read by one pass over the dictionary.
const SEQUENTIAL_LOOKUP_AFTER: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::FacetCollector;
    use tantivy::query::{AllQuery, Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, STRING};
    use tantivy::{doc, Index, Term};

    /// Counts from `FacetCounter` must equal tantivy's own `FacetCollector`, both when few values
    /// are hit (lookup by ordinal) and when many are (one pass over the dictionary).
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
        for query in [&AllQuery as &dyn Query, &rare] {
            let ours = searcher.search(query, &FacetCounter::new(vec!["f".into()])).unwrap().remove(0);
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
    }
}
