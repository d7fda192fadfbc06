//! A least-recently-used cache bounded by bytes, for what searches read from immutable segments
//! (one-character matches, passage records): a key names its segment, so an entry stays right
//! for as long as the segment exists, and one of a segment merged away just ages out.

use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

use lru::LruCache;

/// Values behind `Arc`, each with the size it was put with; the least recently used are dropped
/// first once their sizes add up to more than the budget. A value larger than a quarter of the
/// budget is not kept (it would push out most of the others).
pub(crate) struct ByteLru<K: Hash + Eq, V> {
    budget: usize,
    inner: Mutex<Entries<K, V>>,
}

struct Entries<K: Hash + Eq, V> {
    entries: LruCache<K, (Arc<V>, usize)>,
    bytes: usize,
}

impl<K: Hash + Eq, V> ByteLru<K, V> {
    /// A cache of at most `budget` bytes (0: nothing kept).
    pub(crate) fn new(budget: usize) -> Self {
        ByteLru { budget, inner: Mutex::new(Entries { entries: LruCache::unbounded(), bytes: 0 }) }
    }

    pub(crate) fn get(&self, key: &K) -> Option<Arc<V>> {
        if self.budget == 0 {
            return None;
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.entries.get(key).map(|(value, _)| value.clone())
    }

    /// Keeps `value`, of about `size` bytes, under `key`.
    pub(crate) fn put(&self, key: K, value: Arc<V>, size: usize) {
        if size > self.budget / 4 {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, old)) = inner.entries.put(key, (value, size)) {
            inner.bytes -= old;
        }
        inner.bytes += size;
        while inner.bytes > self.budget {
            let Some((_, (_, old))) = inner.entries.pop_lru() else { break };
            inner.bytes -= old;
        }
    }

    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner).bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cache hands back what was put, keeps within its budget by dropping the least
    /// recently used, refuses a value too large for it, and keeps nothing with a budget of 0.
    #[test]
    fn it_returns_what_it_kept_within_its_budget() {
        let value = |i: u32| Arc::new("地区生产总值突破850亿元。".repeat(i as usize % 5 + 1));
        let cache: ByteLru<u32, String> = ByteLru::new(2_000);
        for i in 0..100 {
            cache.put(i, value(i), 100 + value(i).len());
            assert_eq!(cache.get(&0), Some(value(0)), "0 is used, so kept, after {i}");
            assert!(cache.bytes() <= 2_000);
        }
        let kept = (0..100).filter(|i| cache.get(i).is_some()).count();
        assert!((5..100).contains(&kept), "{kept}");
        assert_eq!(cache.get(&1), None, "the oldest unused went first");
        assert_eq!(cache.get(&99), Some(value(99)));
        cache.put(100, value(100), 501);
        assert_eq!(cache.get(&100), None, "more than a quarter of the budget");
        let off: ByteLru<u32, String> = ByteLru::new(0);
        off.put(1, value(1), 1);
        assert_eq!(off.get(&1), None);
    }
}
