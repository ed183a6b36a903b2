//! `aims check` on a generated workspace of 10,000 systems, against the I/O
//! floor (`cat` of the same files) and PyYAML's C loader, in one run:
//!
//! ```sh
//! cargo bench --bench check_speed            # 10,000 systems
//! cargo bench --bench check_speed -- 2000    # another size
//! ```
//!
//! Needs `cat` and, for the PyYAML figure, `python3` with PyYAML built with
//! libyaml (`pip install pyyaml`); without them those rows are skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time_command(make: impl Fn() -> Command) -> Option<Duration> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let status = make()
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        let elapsed = start.elapsed();
        if !status.success() && status.code() != Some(1) {
            return None;
        }
        times.push(elapsed);
    }
    Some(median(times))
}

/// Peak resident memory of the largest child waited for so far, in MB.
fn children_peak_mb() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

fn record_files(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("aims.yaml")];
    for dir in ["inventory", "soa", "impact"] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("the generated folder exists")
            .map(|e| e.expect("readable entry").path())
            .collect();
        entries.sort();
        files.extend(entries);
    }
    files
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    aims::sample::generate(root, count).expect("generate the workspace");
    let files = record_files(root);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "workspace: {count} systems, {} files, {:.1} MB, {} cores",
        files.len(),
        bytes as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    let aims = env!("CARGO_BIN_EXE_aims");
    let cat = || {
        let mut c = Command::new("cat");
        c.args(&files);
        c
    };
    // Warm the page cache so every contender reads from memory.
    let _ = time_command(cat);

    let check = time_command(|| {
        let mut c = Command::new(aims);
        c.arg("check").arg(root);
        c
    })
    .expect("aims check runs");
    let peak = children_peak_mb();
    let floor = time_command(cat);

    let script = "import sys, yaml\nfor p in sys.argv[1:]:\n    with open(p, 'rb') as f:\n        yaml.load(f, Loader=yaml.CLoader)\n";
    let pyyaml = Command::new("python3")
        .args(["-c", "import yaml; yaml.CLoader"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        .then(|| {
            time_command(|| {
                let mut c = Command::new("python3");
                c.arg("-c").arg(script).args(&files);
                c
            })
        })
        .flatten();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("median of {RUNS} runs:");
    println!("  aims check         {:8.1} ms", ms(check));
    match floor {
        Some(floor) => println!(
            "  cat (I/O floor)    {:8.1} ms   aims check / cat = {:.2}x (target <= 1.5x)",
            ms(floor),
            ms(check) / ms(floor)
        ),
        None => println!("  cat (I/O floor)    not available"),
    }
    match pyyaml {
        Some(py) => println!(
            "  PyYAML CLoader     {:8.1} ms   PyYAML / aims check = {:.1}x (target >= 10x)",
            ms(py),
            ms(py) / ms(check)
        ),
        None => println!("  PyYAML CLoader     not available (pip install pyyaml)"),
    }
    println!("  aims check peak memory {peak:.1} MB (target < 100 MB)");
}
