//! Every export format on a generated workspace of 10,000 systems, against
//! `aims check` on the same workspace, measured side by side (interleaved,
//! so a slow moment of the machine falls on both):
//!
//! ```sh
//! cargo bench --bench export_speed            # 10,000 systems
//! cargo bench --bench export_speed -- 2000    # another size
//! ```
//!
//! The target: each format within 3x the time of `aims check`. A run that
//! fails aborts the benchmark rather than being timed.

use std::process::Command;
use std::time::{Duration, Instant};

mod stats;
use stats::{median_p99_max, ms};

const RUNS: usize = 9;

/// Runs `args` once and times it; a failure (other than the exit 1 that
/// a generated workspace's findings or draft give) aborts.
fn timed(aims: &str, args: &[&str]) -> Duration {
    let start = Instant::now();
    let output = Command::new(aims)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run aims {args:?}: {e}"));
    let elapsed = start.elapsed();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "aims {args:?} failed ({:?}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    elapsed
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("large");
    aims::sample::generate(&root, count).expect("the workspace is generated");
    let aims = env!("CARGO_BIN_EXE_aims");
    let root_arg = root.to_str().expect("a UTF-8 path");
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let runs: Vec<(&str, Vec<String>)> = vec![
        ("check", vec!["check".into(), root_arg.into()]),
        ("md", export_args(root_arg, "md", &out("e.md"))),
        ("html", export_args(root_arg, "html", &out("e.html"))),
        ("csv", export_args(root_arg, "csv", &out("e.csv"))),
        ("json", export_args(root_arg, "json", &out("e.json"))),
        ("xlsx", export_args(root_arg, "xlsx", &out("e.xlsx"))),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); runs.len()];
    // One warm-up round fills the page cache for every command alike.
    for (_, args) in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        timed(aims, &args);
    }
    for _ in 0..RUNS {
        for (i, (_, args)) in runs.iter().enumerate() {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            times[i].push(timed(aims, &args));
        }
    }
    let figures: Vec<[f64; 3]> = times
        .iter()
        .map(|t| median_p99_max(t.iter().map(|d| ms(*d))))
        .collect();
    let check = figures[0][0];
    println!(
        "{count} systems, {RUNS} interleaved runs each (median / p99 / max, ms; ratio of medians to check)"
    );
    let mut over = Vec::new();
    for ((name, _), [median, p99, max]) in runs.iter().zip(&figures) {
        let ratio = median / check;
        println!("  {name:<6} {median:>8.1} {p99:>8.1} {max:>8.1}   {ratio:>5.2}x");
        if ratio > 3.0 {
            over.push(*name);
        }
    }
    assert!(over.is_empty(), "over 3x `aims check`: {over:?}");
}

fn export_args(root: &str, format: &str, file: &str) -> Vec<String> {
    ["export", root, "--format", format, "--draft", "-o", file]
        .map(String::from)
        .to_vec()
}
