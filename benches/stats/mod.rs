//! The figures every benchmark prints of its timings.

use std::time::Duration;

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The median, p99 and max of `values`, each the nearest-rank value: with
/// a few dozen runs, the p99 is the slowest of them.
pub fn median_p99_max(values: impl IntoIterator<Item = f64>) -> [f64; 3] {
    let mut sorted: Vec<f64> = values.into_iter().collect();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| sorted[((sorted.len() - 1) as f64 * p).round() as usize];
    [at(0.5), at(0.99), at(1.0)]
}
