//! Documents are read and split on several threads but handed to the index writer in input
//! order, so that sequence numbers, ids, progress events and every output are those of a
//! one-thread build; only a bounded window of documents is in flight at any time.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex, PoisonError};

/// Runs `work` over `items` on `threads` threads and hands each result to `consume` on the
/// calling thread, in input order. A worker starts on item `i` only once fewer than `window`
/// items before it are still waiting to be consumed, so memory stays bounded whatever the number
/// of items and however uneven their cost. The first error of `consume` stops the workers (the
/// items they are on are finished and dropped) and is returned; a panic in `work` or `consume`
/// stops them too and is passed on.
pub(crate) fn ordered<T, R, E>(
    items: &[T],
    threads: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let window = window.max(1);
    let gate = Gate { consumed: Mutex::new(0), moved: Condvar::new(), stop: AtomicBool::new(false) };
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, R)>();
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            let sender = sender.clone();
            let (gate, next, work) = (&gate, &next, &work);
            scope.spawn(move || {
                let _stop = StopOnDrop { gate, only_on_panic: true };
                while !gate.stopped() {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() || !gate.wait_for_room(i, window) {
                        break;
                    }
                    if sender.send((i, work(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Whatever ends this loop (done, an error, a panic in `consume`), the workers stop before
        // the scope waits for them: none is left waiting for room that will never come.
        let _stop = StopOnDrop { gate: &gate, only_on_panic: false };
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut expected = 0;
        while expected < items.len() {
            // Disconnected before the end: a worker panicked, which the scope passes on.
            let Ok((i, result)) = receiver.recv() else { break };
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                consume(&items[expected], result)?;
                expected += 1;
                gate.advance(expected);
            }
        }
        Ok(())
    })
}

/// What the consuming thread tells the workers: how far it got, and whether to stop.
struct Gate {
    consumed: Mutex<usize>,
    moved: Condvar,
    stop: AtomicBool,
}

impl Gate {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Acquire)
    }

    /// Waits until item `i` is within `window` of the next one to consume; false if told to stop.
    fn wait_for_room(&self, i: usize, window: usize) -> bool {
        let mut consumed = self.consumed.lock().unwrap_or_else(PoisonError::into_inner);
        while i >= *consumed + window && !self.stopped() {
            consumed = self.moved.wait(consumed).unwrap_or_else(PoisonError::into_inner);
        }
        !self.stopped()
    }

    fn advance(&self, consumed: usize) {
        *self.consumed.lock().unwrap_or_else(PoisonError::into_inner) = consumed;
        self.moved.notify_all();
    }

    fn halt(&self) {
        // Set under the lock, so that a worker between its check and its wait cannot miss it.
        let _consumed = self.consumed.lock().unwrap_or_else(PoisonError::into_inner);
        self.stop.store(true, Ordering::Release);
        self.moved.notify_all();
    }
}

/// Stops the workers when dropped (only while unwinding, for a worker).
struct StopOnDrop<'a> {
    gate: &'a Gate,
    only_on_panic: bool,
}

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        if !self.only_on_panic || std::thread::panicking() {
            self.gate.halt();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_input_order_whatever_the_cost() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        // Uneven work: early items are the slowest, so later ones finish first.
        let result: Result<(), ()> = ordered(
            &items,
            4,
            3,
            |&n| {
                let spins = (200 - n) * 500;
                (0..spins).fold(n, |a, b| a.wrapping_add(b % 3)) - (0..spins).map(|b| b % 3).sum::<u64>()
            },
            |&item, r| {
                assert_eq!(item, r);
                seen.push(r);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(seen, items);
    }

    #[test]
    fn an_error_stops_the_run_and_is_returned() {
        let items: Vec<u32> = (0..1000).collect();
        let worked = AtomicUsize::new(0);
        let mut consumed = Vec::new();
        let result = ordered(
            &items,
            3,
            4,
            |&n| {
                worked.fetch_add(1, Ordering::Relaxed);
                n
            },
            |_, n| {
                if n == 10 {
                    return Err(format!("stop at {n}"));
                }
                consumed.push(n);
                Ok(())
            },
        );
        assert_eq!(result, Err("stop at 10".to_string()));
        assert_eq!(consumed, (0..10).collect::<Vec<_>>());
        // The window keeps workers from running far ahead of the failed item.
        assert!(worked.load(Ordering::Relaxed) <= 10 + 1 + 4 + 3, "{}", worked.load(Ordering::Relaxed));
    }

    #[test]
    fn no_items_and_one_thread_work() {
        let none: [u8; 0] = [];
        assert_eq!(ordered(&none, 2, 2, |&n| n, |_, _| Err::<(), ()>(())), Ok(()));
        let mut out = Vec::new();
        let result: Result<(), ()> = ordered(
            &[1, 2, 3],
            1,
            1,
            |&n| n * 2,
            |_, n| {
                out.push(n);
                Ok(())
            },
        );
        assert_eq!((result, out), (Ok(()), vec![2, 4, 6]));
    }

    #[test]
    // The scope passes a worker's panic on as its own ("a scoped thread panicked").
    #[should_panic(expected = "panicked")]
    fn a_panicking_worker_is_passed_on_without_hanging() {
        let items: Vec<u32> = (0..100).collect();
        let _ = ordered(
            &items,
            2,
            2,
            |&n| {
                assert!(n != 5, "worker failed");
                n
            },
            |_, _| Ok::<(), ()>(()),
        );
    }
}
