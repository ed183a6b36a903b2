//! `aims check` on a generated workspace of 10,000 systems, against the I/O
//! floor and PyYAML's C loader, in one run:
//!
//! ```sh
//! cargo bench --bench check_speed            # 10,000 systems
//! cargo bench --bench check_speed -- 2000    # another size
//! ```
//!
//! The I/O floor is the faster of one `cat` of the same files and a reader
//! that reads them into memory with as many threads as aims loads them
//! with (rayon's pool, as in `workspace::load`). Every contender is a
//! process timed from spawn to exit, the rounds interleaved so that a
//! change of load on the machine falls on all of them alike; its CPU time
//! (user and system) is printed beside the wall time, since it moves less
//! when other work shares the machine, and so is the load average.
//!
//! Every run is checked before it counts: a run that fails or prints the
//! wrong thing aborts the benchmark, and so does a missing baseline
//! (`cat`, `python3` with PyYAML built with libyaml, the peak memory the
//! system reports for a child): a figure that cannot be measured is never
//! printed as 0.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod stats;
use stats::{median_p99_max, ms};

/// Timed runs of each contender, after one untimed run that warms the page
/// cache and checks it works.
const RUNS: usize = 21;

/// The argument that makes this benchmark the parallel reader (see `main`).
const READER_ARG: &str = "--parallel-reader";

const PYYAML_SCRIPT: &str = "\
import sys, yaml
for p in sys.argv[1:]:
    with open(p, 'rb') as f:
        yaml.load(f, Loader=yaml.CLoader)
print(len(sys.argv) - 1)
";

type Outcome<T> = Result<T, String>;

/// Says what is wrong with a run, if anything.
type Check<'a> = Box<dyn Fn(&Run) -> Outcome<()> + 'a>;

/// What one run of a contender left behind.
struct Run {
    wall: Duration,
    /// User plus system time of the process: on a machine that is busy
    /// with other work it moves less than the wall time does.
    cpu: Duration,
    /// Peak resident memory of the process, in KB, as `wait4` reports it.
    peak_kb: u64,
    exit_code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// One program measured against the others.
struct Contender<'a> {
    name: &'static str,
    command: Box<dyn Fn() -> Command + 'a>,
    /// Whether its output is kept for `check` (else it goes to /dev/null, so
    /// that `cat` copies the files nowhere).
    keep_stdout: bool,
    check: Check<'a>,
    runs: Vec<Run>,
}

impl Contender<'_> {
    fn run(&self) -> Outcome<Run> {
        let outputs = tempfile::tempdir().map_err(|e| format!("a temporary folder: {e}"))?;
        let out_path = outputs.path().join("stdout");
        let err_path = outputs.path().join("stderr");
        let create = |path: &Path| File::create(path).map_err(|e| format!("{e}"));
        let stdout = if self.keep_stdout {
            Stdio::from(create(&out_path)?)
        } else {
            Stdio::null()
        };
        let mut command = (self.command)();
        command.stdout(stdout).stderr(create(&err_path)?);
        let ended = spawn_and_wait(&mut command)
            .map_err(|e| format!("{} could not be run: {e}", self.name))?;
        let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
        let run = Run {
            stdout: read(&out_path),
            stderr: read(&err_path),
            ..ended
        };
        (self.check)(&run).map_err(|problem| match run.stderr.trim() {
            "" => format!("{}: {problem}", self.name),
            said => format!("{}: {problem}; on stderr:\n{said}", self.name),
        })?;
        Ok(run)
    }

    /// Median, p99 and max of `measure` over the runs.
    fn figures(&self, measure: impl Fn(&Run) -> f64) -> [f64; 3] {
        median_p99_max(self.runs.iter().map(measure))
    }

    /// Median, p99 and max wall time, in ms.
    fn times(&self) -> [f64; 3] {
        self.figures(|r| ms(r.wall))
    }

    /// Median CPU time, in ms.
    fn cpu(&self) -> f64 {
        self.figures(|r| ms(r.cpu))[0]
    }
}

/// Runs `command` to its end: a run without its output. `wait4` rather
/// than `wait`, because it reports the CPU time and peak memory of this
/// very child.
fn spawn_and_wait(command: &mut Command) -> std::io::Result<Run> {
    let start = Instant::now();
    let child = command.spawn()?;
    let pid = i32::try_from(child.id()).expect("a process id fits an i32");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are to live locals; `child` is ours and not yet
    // reaped, and is never waited for again (dropping a Child does not wait).
    if unsafe { libc::wait4(pid, &mut status, 0, &mut usage) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let wall = start.elapsed();
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.unsigned_abs())
            + Duration::from_micros(t.tv_usec.unsigned_abs())
    };
    Ok(Run {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_kb: u64::try_from(usage.ru_maxrss).unwrap_or(0),
        // `None` when a signal ended it.
        exit_code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stdout: String::new(),
        stderr: String::new(),
    })
}

fn exited_cleanly(run: &Run) -> Outcome<()> {
    match run.exit_code {
        Some(0) => Ok(()),
        Some(code) => Err(format!("exited with {code}")),
        None => Err("was killed by a signal".to_string()),
    }
}

/// Median, p99 and max of `values`; p99 is the nearest rank, so with
/// fewer than a hundred runs it is one of the slowest.
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

/// The parallel reader: reads every file named into memory on rayon's pool
/// and prints how many bytes it read.
fn read_in_parallel(files: &[String]) -> Outcome<()> {
    let sizes: Vec<usize> = files
        .par_iter()
        .map(|path| std::fs::read(path).map(|bytes| bytes.len()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("cannot read: {e}"))?;
    println!("{}", sizes.iter().sum::<usize>());
    Ok(())
}

/// `aims check` of the generated workspace: it has warnings but no errors,
/// reads every file, and prints one line per warning on stdout.
fn check_aims_output(run: &Run, files: usize) -> Outcome<()> {
    exited_cleanly(run)?;
    let summary = run
        .stderr
        .lines()
        .find(|line| line.starts_with("0 errors, ") && line.ends_with(" records read)"))
        .ok_or("no summary `0 errors, N warnings (M records read)` on stderr")?;
    let numbers: Vec<usize> = summary
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let [_, warnings, read] = numbers[..] else {
        return Err(format!("cannot read the summary `{summary}`"));
    };
    if read != files {
        return Err(format!("read {read} records, not the {files} files"));
    }
    let lines = run.stdout.lines().count();
    if lines != warnings {
        return Err(format!(
            "printed {lines} findings but counted {warnings} warnings"
        ));
    }
    Ok(())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".to_string(),
        |text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        },
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.split_first() {
        Some((first, files)) if first == READER_ARG => read_in_parallel(files),
        _ => benchmark(&args),
    };
    if let Err(message) = outcome {
        eprintln!("check_speed: {message}");
        std::process::exit(1);
    }
}

fn benchmark(args: &[String]) -> Outcome<()> {
    let count: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().map_err(|e| format!("a temporary folder: {e}"))?;
    let root = dir.path();
    aims::sample::generate(root, count).map_err(|e| format!("generate the workspace: {e}"))?;
    let files = record_files(root);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    let threads = rayon::current_num_threads();
    println!(
        "workspace: {count} systems, {} files, {:.1} MB; aims loads with {threads} threads",
        files.len(),
        bytes as f64 / 1e6,
    );
    python_has_pyyaml()?;

    let aims = env!("CARGO_BIN_EXE_aims");
    let this = std::env::current_exe().map_err(|e| format!("this benchmark's path: {e}"))?;
    let expected_bytes = bytes.to_string();
    let mut contenders = [
        Contender {
            name: "aims check",
            command: Box::new(|| {
                let mut c = Command::new(aims);
                c.arg("check").arg(root);
                c
            }),
            keep_stdout: true,
            check: Box::new(|run| check_aims_output(run, files.len())),
            runs: Vec::new(),
        },
        Contender {
            name: "cat",
            command: Box::new(|| {
                let mut c = Command::new("cat");
                c.args(&files);
                c
            }),
            keep_stdout: false,
            check: Box::new(|run| {
                exited_cleanly(run)?;
                if run.stderr.is_empty() {
                    Ok(())
                } else {
                    Err("complained on stderr".to_string())
                }
            }),
            runs: Vec::new(),
        },
        Contender {
            name: "parallel reader",
            command: Box::new(|| {
                let mut c = Command::new(&this);
                c.arg(READER_ARG).args(&files);
                c
            }),
            keep_stdout: true,
            check: Box::new(|run| {
                exited_cleanly(run)?;
                if run.stdout.trim() == expected_bytes {
                    Ok(())
                } else {
                    Err(format!(
                        "read {} bytes, not {expected_bytes}",
                        run.stdout.trim()
                    ))
                }
            }),
            runs: Vec::new(),
        },
        Contender {
            name: "PyYAML CLoader",
            command: Box::new(|| {
                let mut c = Command::new("python3");
                c.arg("-c").arg(PYYAML_SCRIPT).args(&files);
                c
            }),
            keep_stdout: true,
            check: Box::new(|run| {
                exited_cleanly(run)?;
                match run.stdout.trim().parse::<usize>() {
                    Ok(n) if n == files.len() => Ok(()),
                    _ => Err(format!("loaded `{}` files", run.stdout.trim())),
                }
            }),
            runs: Vec::new(),
        },
    ];

    let load_before = load_average();
    for contender in &contenders {
        contender.run()?;
    }
    for _ in 0..RUNS {
        for contender in &mut contenders {
            let run = contender.run()?;
            contender.runs.push(run);
        }
    }
    let [aims_check, cat, reader, pyyaml] = &contenders;
    report(aims_check, cat, reader, pyyaml, threads)?;
    println!(
        "load average (1, 5, 15 min): {load_before} before, {} after",
        load_average()
    );
    Ok(())
}

/// Fails unless `python3` can load YAML with PyYAML's C loader.
fn python_has_pyyaml() -> Outcome<()> {
    let output = Command::new("python3")
        .args(["-c", "import yaml; yaml.CLoader"])
        .output()
        .map_err(|e| format!("the PyYAML baseline needs python3, which cannot be run: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "the PyYAML baseline needs PyYAML built with libyaml (`pip install pyyaml`): `python3 -c 'import yaml; yaml.CLoader'` ended with {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    ))
}

fn report(
    aims_check: &Contender,
    cat: &Contender,
    reader: &Contender,
    pyyaml: &Contender,
    threads: usize,
) -> Outcome<()> {
    let check = aims_check.times();
    let (cat_times, reader_times) = (cat.times(), reader.times());
    let (floor_name, floor) = if cat_times[0] <= reader_times[0] {
        ("cat", cat_times)
    } else {
        ("the parallel readers", reader_times)
    };
    let py = pyyaml.times();
    let row = |name: &str, [median, p99, max]: [f64; 3], cpu: String, note: String| {
        let line = format!("  {name:<26} {median:8.1} {p99:8.1} {max:8.1} {cpu:>8}   {note}");
        println!("{}", line.trim_end());
    };
    let cpu = |contender: &Contender| format!("{:.1}", contender.cpu());
    println!(
        "{RUNS} runs of each, interleaved:\n  {:<26} {:>8} {:>8} {:>8} {:>8}",
        "wall time (ms)", "median", "p99", "max", "cpu"
    );
    row(
        "aims check",
        check,
        cpu(aims_check),
        format!(
            "{:.2}x / {:.2}x / {:.2}x the I/O floor, {floor_name} (target <= 1.5x)",
            check[0] / floor[0],
            check[1] / floor[1],
            check[2] / floor[2]
        ),
    );
    row("cat", cat_times, cpu(cat), String::new());
    row(
        &format!("{threads} parallel readers"),
        reader_times,
        cpu(reader),
        String::new(),
    );
    row(
        "PyYAML CLoader",
        py,
        cpu(pyyaml),
        format!("{:.1}x aims check (target >= 10x)", py[0] / check[0]),
    );
    if aims_check.runs.iter().any(|r| r.peak_kb == 0) {
        return Err(
            "the system reported no peak memory for aims check (wait4's ru_maxrss is 0)".into(),
        );
    }
    row(
        "aims check memory (MB)",
        aims_check.figures(|r| r.peak_kb as f64 / 1024.0),
        String::new(),
        "peak resident memory (target < 100 MB)".to_string(),
    );
    Ok(())
}
