//! Probing unions: [`AnyQuery`], a union of queries that an intersection can ask about one
//! passage without it moving ahead ([`tantivy::DocSet::seek_danger`]), and [`Sides`], the union
//! logic it shares with the ranking tiers of [`super::rank`].

use tantivy::query::Query;
use tantivy::Term;

use super::rank::score_of;

/// Matches where any of its queries matches, scored by the sum of the scores of those that
/// match (in order): what a boolean query of should clauses computes, but it can be probed one
/// passage at a time. Inside an intersection (the required terms of a query) the other terms are
/// asked whether they match the candidate passage with `seek_danger`; tantivy's union answers
/// that with `seek`, which moves each phrase inside it to its next match, checking the
/// positions of every passage holding the phrase's characters on the way.
#[derive(Debug)]
pub(crate) struct AnyQuery(pub(crate) Vec<Box<dyn Query>>);

impl Clone for AnyQuery {
    fn clone(&self) -> Self {
        AnyQuery(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl Query for AnyQuery {
    fn weight(
        &self,
        enable_scoring: tantivy::query::EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
        let weights = self.0.iter().map(|q| q.weight(enable_scoring)).collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyWeight(weights)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.0 {
            q.query_terms(visitor);
        }
    }
}

struct AnyWeight(Vec<Box<dyn tantivy::query::Weight>>);

impl tantivy::query::Weight for AnyWeight {
    fn scorer(
        &self,
        reader: &tantivy::SegmentReader,
        boost: tantivy::Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        let scorers = self.0.iter().map(|w| w.scorer(reader, boost)).collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyScorer(Sides::new(scorers))))
    }

    fn explain(
        &self,
        reader: &tantivy::SegmentReader,
        doc: tantivy::DocId,
    ) -> tantivy::Result<tantivy::query::Explanation> {
        Ok(tantivy::query::Explanation::new("sum of the matching alternatives", score_of(self, reader, doc)?))
    }
}

struct AnyScorer(Sides);

impl tantivy::DocSet for AnyScorer {
    fn advance(&mut self) -> tantivy::DocId {
        self.0.advance()
    }
    fn seek(&mut self, target: tantivy::DocId) -> tantivy::DocId {
        self.0.seek(target)
    }
    fn seek_danger(&mut self, target: tantivy::DocId) -> tantivy::SeekDangerResult {
        self.0.seek_danger(target)
    }
    fn doc(&self) -> tantivy::DocId {
        self.0.doc
    }
    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl tantivy::query::Scorer for AnyScorer {
    fn score(&mut self) -> tantivy::Score {
        let mut sum = 0.0;
        for i in 0..self.0.sides.len() {
            if let Some(s) = self.0.score_of(i) {
                sum += s;
            }
        }
        sum
    }
}

/// The union of several scorers, each of which may be probed with `seek_danger` and so be left
/// between passages ([`Side`]); `doc` is the union's passage when it is in a valid state.
pub(super) struct Sides {
    sides: Vec<Side>,
    pub(super) doc: tantivy::DocId,
}

/// One scorer of a union, and the lower bound of its next match when a `seek_danger` that
/// missed left it in an invalid state (only `seek_danger` to a later passage may follow then).
struct Side {
    scorer: Box<dyn tantivy::query::Scorer>,
    danger: Option<tantivy::DocId>,
}

impl Side {
    /// No passage before this one can match.
    fn next(&self) -> tantivy::DocId {
        self.danger.unwrap_or_else(|| self.scorer.doc())
    }

    fn at(&self, doc: tantivy::DocId) -> bool {
        self.danger.is_none() && self.scorer.doc() == doc
    }

    /// Whether the scorer matches `target`, moving it only as far as `seek_danger` does.
    fn probe(&mut self, target: tantivy::DocId) -> bool {
        if target == tantivy::TERMINATED || self.next() > target {
            return false;
        }
        if self.at(target) {
            return true;
        }
        match self.scorer.seek_danger(target) {
            tantivy::SeekDangerResult::Found => {
                self.danger = None;
                true
            }
            tantivy::SeekDangerResult::SeekLowerBound(bound) => {
                self.danger = Some(bound);
                false
            }
        }
    }

    /// Moves the scorer to its first match at or after `target`, as `seek` does, back to a
    /// valid state.
    fn settle(&mut self, target: tantivy::DocId) -> tantivy::DocId {
        let Some(bound) = self.danger else {
            let doc = self.scorer.doc();
            return if doc < target { self.scorer.seek(target) } else { doc };
        };
        let mut t = target.max(bound);
        while t != tantivy::TERMINATED {
            match self.scorer.seek_danger(t) {
                tantivy::SeekDangerResult::Found => {
                    self.danger = None;
                    return t;
                }
                tantivy::SeekDangerResult::SeekLowerBound(next) => t = next,
            }
        }
        self.danger = Some(tantivy::TERMINATED);
        tantivy::TERMINATED
    }
}

impl Sides {
    pub(super) fn new(scorers: Vec<Box<dyn tantivy::query::Scorer>>) -> Sides {
        let sides: Vec<Side> = scorers.into_iter().map(|scorer| Side { scorer, danger: None }).collect();
        let doc = sides.iter().map(Side::next).min().unwrap_or(tantivy::TERMINATED);
        Sides { sides, doc }
    }

    pub(super) fn advance(&mut self) -> tantivy::DocId {
        let doc = self.doc;
        if doc == tantivy::TERMINATED {
            return doc;
        }
        let mut next = tantivy::TERMINATED;
        for side in &mut self.sides {
            // `advance` is cheaper than `seek(doc + 1)` for the sides on the current passage.
            let at = if side.at(doc) { side.scorer.advance() } else { side.settle(doc + 1) };
            next = next.min(at);
        }
        self.doc = next;
        next
    }

    pub(super) fn seek(&mut self, target: tantivy::DocId) -> tantivy::DocId {
        self.doc = self.sides.iter_mut().map(|s| s.settle(target)).min().unwrap_or(tantivy::TERMINATED);
        self.doc
    }

    pub(super) fn seek_danger(&mut self, target: tantivy::DocId) -> tantivy::SeekDangerResult {
        let mut found = false;
        for side in &mut self.sides {
            // Every side is probed, so each is either at `target` or known to be past it.
            found |= side.probe(target);
        }
        if found {
            self.doc = target;
            return tantivy::SeekDangerResult::Found;
        }
        let bound = self.sides.iter().map(Side::next).min().unwrap_or(tantivy::TERMINATED);
        tantivy::SeekDangerResult::SeekLowerBound(bound.max(target.saturating_add(1)))
    }

    /// The score of side `i` when it matches the current passage.
    pub(super) fn score_of(&mut self, i: usize) -> Option<tantivy::Score> {
        let doc = self.doc;
        self.sides.get_mut(i).filter(|s| s.at(doc)).map(|s| s.scorer.score())
    }

    pub(super) fn size_hint(&self) -> u32 {
        self.sides.iter().map(|s| s.scorer.size_hint()).max().unwrap_or(0)
    }

    pub(super) fn cost(&self) -> u64 {
        self.sides.iter().map(|s| s.scorer.cost()).sum()
    }
}
