//! Collecting: one pass over the matches of a planned query gives the total, the page of hits in
//! rank order (or document order when browsing by filters alone) and the facet counts over every
//! match ([`super::facets`]).

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DocAddress, Order, Searcher};

use super::facets::{FacetCounter, FieldCounts};
use super::parse::ParsedQuery;
use crate::schema::F_SEQ;
use crate::Result;

/// What one pass over a query's matches gives.
pub(crate) struct Found {
    pub(crate) total: u64,
    /// The page of hits, best first, with their scores (0 when browsing).
    pub(crate) top: Vec<(f32, DocAddress)>,
    pub(crate) counts: FieldCounts,
}

/// One pass over the matches of `query`: how many, the page of hits (`limit` after `offset`)
/// and the facet counts.
pub(crate) fn collect(
    searcher: &Searcher,
    query: &dyn Query,
    parsed: &ParsedQuery,
    limit: usize,
    offset: usize,
    facets: FacetCounter,
) -> Result<Found> {
    let (total, top, counts) = if limit == 0 {
        let (total, counts) = searcher.search(query, &(Count, facets))?;
        (total, Vec::new(), counts)
    } else if parsed.is_empty() {
        // Browsing (filters only): document order reads best.
        let top = TopDocs::with_limit(limit).and_offset(offset).order_by_fast_field::<u64>(F_SEQ, Order::Asc);
        let (total, top, counts) = searcher.search(query, &(Count, top, facets))?;
        (total, top.into_iter().map(|(_, a)| (0.0, a)).collect(), counts)
    } else {
        // Ties are broken by document order, so equal scores rank the same way however the
        // passages were spread over segments by the indexing threads.
        let top = TopDocs::with_limit(limit).and_offset(offset).order_by((
            (SortBySimilarityScore, Order::Desc),
            (SortByStaticFastValue::<u64>::for_field(F_SEQ), Order::Asc),
        ));
        let (total, top, counts) = searcher.search(query, &(Count, top, facets))?;
        (total, top.into_iter().map(|((score, _), a)| (score, a)).collect(), counts)
    };
    Ok(Found { total: total as u64, top, counts })
}
