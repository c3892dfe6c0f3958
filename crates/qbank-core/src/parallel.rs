//! The one thread-pool helper: work shared out over the machine's cores, with results in
//! input order, so that what the caller gets never depends on how many threads ran.
//!
//! Nothing else in qbank spawns threads. Loading reads files with [`map_ordered`], the
//! near-duplicate index analyses texts with it, the PDF exporter draws pages and compresses
//! streams with [`map_ordered_mut`], lint runs its independent rules with
//! [`map_each`] (and writes a large JSON report with it, a run of findings a thread), and
//! `lint --changed-since` lints the bank before and after at once with [`join`].

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `f` applied to every item, on up to one thread per core, each thread taking the next run
/// of at least `min_per_thread` consecutive items (a few runs a core, so that a core whose
/// runs cost less takes more of them); the results in the order of `items`. `f` gets each
/// item's index. A panic in `f` is resumed in the caller.
pub fn map_ordered<T: Sync, U: Send>(
    items: &[T],
    min_per_thread: usize,
    f: impl Fn(usize, &T) -> U + Sync,
) -> Vec<U> {
    let chunk = chunk_len(items.len(), min_per_thread);
    let parts: Vec<(usize, &[T])> = items
        .chunks(chunk)
        .enumerate()
        .map(|(c, part)| (c * chunk, part))
        .collect();
    run(parts, |(start, part)| {
        part.iter()
            .enumerate()
            .map(|(i, item)| f(start + i, item))
            .collect()
    })
}

/// [`map_ordered`] for work that takes its items apart or changes them in place: `f` gets
/// each item mutably.
pub fn map_ordered_mut<T: Send, U: Send>(
    items: &mut [T],
    min_per_thread: usize,
    f: impl Fn(usize, &mut T) -> U + Sync,
) -> Vec<U> {
    let chunk = chunk_len(items.len(), min_per_thread);
    let parts: Vec<(usize, &mut [T])> = items
        .chunks_mut(chunk)
        .enumerate()
        .map(|(c, part)| (c * chunk, part))
        .collect();
    run(parts, |(start, part)| {
        part.iter_mut()
            .enumerate()
            .map(|(i, item)| f(start + i, item))
            .collect()
    })
}

/// `f` applied to every item, each item taken by the next free thread: for a few tasks of
/// very different cost (lint's rules), where runs of consecutive items would leave a core
/// idle. The results in the order of `items`.
pub fn map_each<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    run(items.iter().collect(), |item| vec![f(item)])
}

/// [`map_each`] with scratch space: each thread makes a state once with `init` and lends it
/// to `f` for every item it takes, so that large buffers are made once a thread rather than
/// once an item (a fresh buffer is fresh pages, which the system fills in one at a time).
pub fn map_each_with<T: Sync, S, U: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> U + Sync,
) -> Vec<U> {
    run_with(items.iter().collect(), init, |state, item| {
        vec![f(state, item)]
    })
}

/// [`map_each`] for long work that someone watches: `progress` is called on the calling
/// thread with the sum of `weight` over the items done so far, each time one is done.
pub fn map_each_watched<T: Sync, U: Send>(
    items: &[T],
    f: impl Fn(&T) -> U + Sync,
    weight: impl Fn(&T) -> usize + Sync,
    progress: &mut dyn FnMut(usize),
) -> Vec<U> {
    let (done_tx, done_rx) = std::sync::mpsc::channel::<usize>();
    std::thread::scope(|scope| {
        let (f, weight) = (&f, &weight);
        let work = scope.spawn(move || {
            map_each(items, move |item| {
                let out = f(item);
                // The caller stops listening only once every item is done.
                let _ = done_tx.send(weight(item));
                out
            })
        });
        // Ends when the work is over and its sender dropped, panic or not.
        let mut done = 0;
        for n in done_rx {
            done += n;
            progress(done);
        }
        work.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// `a` and `b` at once, `b` on a thread of its own when there is more than one core; both
/// results. For two large jobs that share nothing (`lint --changed-since` lints the bank as it
/// is and as it was). A panic in either is resumed in the caller.
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if cores() <= 1 {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(b);
        let first = a();
        let second = other
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (first, second)
    })
}

/// Runs a core: with one run a core, the run that costs the most sets the time, while the
/// other cores wait (loading a bank whose second half has longer files did).
const RUNS_PER_CORE: usize = 4;

/// How long a run of consecutive items a thread takes at a time, so that there are at most
/// [`RUNS_PER_CORE`] runs a core and none shorter than `min_per_thread` (but for the last).
fn chunk_len(len: usize, min_per_thread: usize) -> usize {
    let runs = (RUNS_PER_CORE * cores()).min(len.div_ceil(min_per_thread.max(1)).max(1));
    len.div_ceil(runs).max(1)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `f` on every part, on up to one thread per core, each thread taking the next part
/// not yet taken; the parts' results concatenated in the order of `parts`.
fn run<P: Send, U: Send>(parts: Vec<P>, f: impl Fn(P) -> Vec<U> + Sync) -> Vec<U> {
    run_with(parts, || (), |(), part| f(part))
}

/// [`run`], each thread lending `f` the state it made with `init` once.
fn run_with<P: Send, S, U: Send>(
    parts: Vec<P>,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, P) -> Vec<U> + Sync,
) -> Vec<U> {
    let count = parts.len();
    let threads = cores().min(count);
    if threads <= 1 {
        let mut state = init();
        return parts
            .into_iter()
            .flat_map(|part| f(&mut state, part))
            .collect();
    }
    let parts: Vec<Mutex<Option<P>>> = parts.into_iter().map(|p| Mutex::new(Some(p))).collect();
    let next = AtomicUsize::new(0);
    let (parts, next, f, init) = (&parts, &next, &f, &init);
    let mut done: Vec<(usize, Vec<U>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut state = init();
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(slot) = parts.get(i) else {
                            break;
                        };
                        let part = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                        if let Some(part) = part {
                            out.push((i, f(&mut state, part)));
                        }
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    // Sized once: a list grown by doubling would hold up to twice the room, and copy each
    // result once per doubling.
    let mut out = Vec::with_capacity(done.iter().map(|(_, results)| results.len()).sum());
    for (_, results) in done {
        out.extend(results);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order() {
        let items: Vec<usize> = (0..10_000).collect();
        let out = map_ordered(&items, 7, |i, x| (i, x * 2));
        assert!(out
            .iter()
            .enumerate()
            .all(|(k, &(i, y))| i == k && y == 2 * k));
        assert!(map_ordered(&[] as &[u8], 1, |_, x| *x).is_empty());
    }

    #[test]
    fn runs_are_a_few_a_core_and_never_shorter_than_asked() {
        for (len, min) in [(100_000, 256), (1000, 1), (10, 256), (0, 8), (7, 0)] {
            let chunk = chunk_len(len, min);
            let runs = len.div_ceil(chunk);
            assert!(
                chunk >= 1,
                "{len} items, at least {min} a run: runs of {chunk}"
            );
            assert!(
                runs <= RUNS_PER_CORE * cores(),
                "{len} items in {runs} runs"
            );
            // Only the last run may be shorter than asked.
            assert!(
                runs <= 1 || chunk >= min,
                "{len} items, at least {min} a run: runs of {chunk}"
            );
        }
        // More runs than cores where there are items enough: a thread whose runs cost less
        // takes more of them.
        assert!(100_000usize.div_ceil(chunk_len(100_000, 256)) > cores());
    }

    #[test]
    fn mutable_items_are_changed_in_place_and_results_ordered() {
        let mut items: Vec<usize> = (0..1000).collect();
        let out = map_ordered_mut(&mut items, 1, |i, x| {
            *x += 1;
            i
        });
        assert_eq!(out, (0..1000).collect::<Vec<_>>());
        assert_eq!(items, (1..=1000).collect::<Vec<_>>());
    }

    #[test]
    fn each_thread_keeps_its_state_across_items() {
        // Each thread counts the items it has taken; each result is in input order whatever
        // thread made it.
        let items: Vec<usize> = (0..500).collect();
        let out = map_each_with(
            &items,
            || 0usize,
            |taken, &n| {
                *taken += 1;
                (n, *taken)
            },
        );
        assert!(out.iter().enumerate().all(|(k, &(n, _))| n == k));
        // One fresh state a thread, not one an item.
        let fresh = out.iter().filter(|&&(_, taken)| taken == 1).count();
        assert!((1..=cores()).contains(&fresh), "{fresh} fresh states");
    }

    #[test]
    fn each_item_one_task_in_input_order() {
        let items: Vec<u64> = (0..50).collect();
        let out = map_each(&items, |&n| {
            // Uneven work: later items finish first on a busy core.
            (0..(50 - n) * 1000).fold(n, |a, b| a.wrapping_add(b % 3))
        });
        let expected: Vec<u64> = items
            .iter()
            .map(|&n| (0..(50 - n) * 1000).fold(n, |a, b| a.wrapping_add(b % 3)))
            .collect();
        assert_eq!(out, expected);
        assert!(map_each(&[] as &[u8], |x| *x).is_empty());
    }

    #[test]
    fn watched_work_reports_every_item_in_the_callers_thread() {
        let items: Vec<u64> = (0..200).collect();
        let caller = std::thread::current().id();
        let mut seen = Vec::new();
        let out = map_each_watched(
            &items,
            |&n| (0..(200 - n) * 100).fold(n, |a, b| a.wrapping_add(b % 7)),
            |&n| n as usize + 1,
            &mut |done| {
                assert_eq!(std::thread::current().id(), caller);
                seen.push(done);
            },
        );
        let expected: Vec<u64> = items
            .iter()
            .map(|&n| (0..(200 - n) * 100).fold(n, |a, b| a.wrapping_add(b % 7)))
            .collect();
        assert_eq!(out, expected);
        // One report per item, rising to the whole weight.
        assert_eq!(seen.len(), items.len());
        assert!(seen.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(seen.last(), Some(&(200 * 201 / 2)));
        assert!(map_each_watched(&[] as &[u8], |x| *x, |_| 1, &mut |_| unreachable!()).is_empty());
    }

    #[test]
    #[should_panic(expected = "watched boom")]
    fn a_panic_in_watched_work_reaches_the_caller() {
        let items: Vec<usize> = (0..100).collect();
        map_each_watched(
            &items,
            |&i| {
                if i == 57 {
                    panic!("watched boom");
                }
            },
            |_| 1,
            &mut |_| {},
        );
    }

    #[test]
    fn join_returns_both_results() {
        let (a, b) = join(|| (0..1000u64).sum::<u64>(), || "done".to_owned());
        assert_eq!((a, b.as_str()), (499_500, "done"));
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn a_panic_reaches_the_caller() {
        let items: Vec<usize> = (0..100).collect();
        map_ordered(&items, 1, |i, _| {
            if i == 57 {
                panic!("boom");
            }
        });
    }
}
