//! Work shared out over the machine's cores, with results in input order, so that what the
//! caller gets never depends on how many threads ran.

/// `f` applied to every item, on up to one thread per core, each thread taking one run of at
/// least `min_per_thread` consecutive items; the results in the order of `items`. `f` gets
/// each item's index. A panic in `f` is resumed in the caller.
pub fn map_ordered<T: Sync, U: Send>(
    items: &[T],
    min_per_thread: usize,
    f: impl Fn(usize, &T) -> U + Sync,
) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().div_ceil(min_per_thread.max(1)).max(1));
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                scope.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(i, item)| f(c * chunk + i, item))
                        .collect::<Vec<U>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
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
}
