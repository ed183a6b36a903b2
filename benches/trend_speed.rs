//! `aims trend` over a generated repository of 1,000 commits (or the count
//! given), against `git log --raw` over the same commits, measured side by
//! side (interleaved, so a slow moment of the machine falls on both):
//!
//! ```sh
//! cargo bench --bench trend_speed            # 1,000 commits
//! cargo bench --bench trend_speed -- 5000    # another size
//! ```
//!
//! The targets: under a second for 1,000 commits, and within 10x the time
//! of `git log --raw`. The repository is written with one `git
//! fast-import`, so making it takes well under a second.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod stats;
use stats::{median_p99_max, ms};

const RUNS: usize = 15;

/// A small deterministic generator (xorshift), so every run builds the
/// same history.
struct Random(u64);

impl Random {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

/// One version of a control's entry, different each time.
fn entry(control: &str, version: usize, random: &mut Random) -> String {
    let status = ["not_started", "planned", "partial", "implemented"][random.next(4)];
    match random.next(5) {
        0 => format!(
            "control: {control}\napplicable: false\njustification: Not in scope, version {version}\n"
        ),
        1 => format!("control: {control}\napplicable: true\nstatus: {status}\n"),
        _ => format!(
            "control: {control}\napplicable: true\njustification: |\n  We do this, version {version}.\n  Reviewed with the owner.\nstatus: {status}\nowner: Person {}\n",
            random.next(7)
        ),
    }
}

/// `count` commits on the workspace at `root`: the first adds an entry
/// for every control, each later one changes one to three entries; a few
/// commits a day.
fn build(root: &Path, controls: &[String], count: usize) {
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"]);
    let mut stream = String::new();
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let manifest = std::fs::read_to_string(root.join("aims.yaml")).expect("aims init wrote it");
    let start = 1_767_600_000u64; // 2026-01-05
    for n in 0..count {
        let when = start + (n as u64) * 7_200; // every two hours
        let message = format!("change {n}");
        stream.push_str(&format!(
            "commit refs/heads/main\ncommitter Bench <bench@example.com> {when} +0000\ndata {}\n{message}\n",
            message.len()
        ));
        let mut files = Vec::new();
        if n == 0 {
            files.push(("aims.yaml".to_string(), manifest.clone()));
            for control in controls {
                files.push((
                    format!("soa/{control}.yaml"),
                    entry(control, n, &mut random),
                ));
            }
        } else {
            for _ in 0..1 + random.next(3) {
                let control = &controls[random.next(controls.len())];
                files.push((
                    format!("soa/{control}.yaml"),
                    entry(control, n, &mut random),
                ));
            }
        }
        for (path, text) in files {
            stream.push_str(&format!(
                "M 100644 inline {path}\ndata {}\n{text}\n",
                text.len()
            ));
        }
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(stream.as_bytes())
        .expect("the stream is written");
    assert!(child.wait().expect("fast-import ends").success());
}

fn timed(command: &mut Command) -> Duration {
    let start = Instant::now();
    let output = command.output().expect("the command runs");
    let elapsed = start.elapsed();
    assert!(
        output.status.success() && !output.stdout.is_empty(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    elapsed
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("ws");
    let aims = env!("CARGO_BIN_EXE_aims");
    let init = Command::new(aims)
        .args(["init", "--no-git"])
        .arg(&root)
        .output()
        .expect("aims init runs");
    assert!(init.status.success(), "aims init failed");
    let controls: Vec<String> = aims::catalog::Catalogs::builtin()
        .controls()
        .filter(|c| c.id.starts_with("A."))
        .map(|c| c.id.clone())
        .collect();
    let made = Instant::now();
    build(&root, &controls, count);
    println!(
        "{count} commits over {} controls, made in {:.0} ms",
        controls.len(),
        ms(made.elapsed())
    );

    let mut trend = Vec::with_capacity(RUNS);
    let mut log = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        trend.push(timed(
            Command::new(aims)
                .arg("trend")
                .arg(&root)
                .args(["--format", "csv"]),
        ));
        log.push(timed(Command::new("git").arg("-C").arg(&root).args([
            "log",
            "--raw",
            "--no-abbrev",
            "--",
            "soa",
        ])));
    }
    let trend = median_p99_max(trend.iter().map(|d| ms(*d)));
    let log = median_p99_max(log.iter().map(|d| ms(*d)));
    println!("| | median | p99 | max |");
    println!("|---|---|---|---|");
    for (name, [median, p99, max]) in [("aims trend", trend), ("git log --raw", log)] {
        println!("| {name} | {median:.1} ms | {p99:.1} ms | {max:.1} ms |");
    }
    let ratio = trend[0] / log[0];
    println!(
        "ratio (median): {ratio:.2}x git log --raw (target: within 10x); under a second: {}",
        if trend[1] < 1000.0 { "yes" } else { "NO" }
    );
}
