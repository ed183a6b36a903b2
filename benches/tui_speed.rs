//! The interface on a generated workspace of 10,000 systems:
//!
//! ```sh
//! cargo bench --bench tui_speed            # 10,000 systems
//! cargo bench --bench tui_speed -- 2000    # another size
//! ```
//!
//! * first frame: the real binary in a pseudo-terminal, from spawn until the
//!   first frame has been written, and until the loaded workspace shows;
//! * key to finished frame: `process` (what the loop does with an action)
//!   plus a full draw, for moving, filtering and switching tabs;
//! * bytes written to the terminal when the selection moves one row;
//! * peak memory of the real binary once the workspace is shown.

use std::cell::Cell;
use std::io::{Read, Write};
use std::rc::Rc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use aims::tui::backend::CompactBackend;
use aims::tui::{Action, App, Command, Theme, process};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};

/// Counts the bytes the backend writes, as a terminal would receive them.
#[derive(Clone)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn percentile(mut times: Vec<Duration>, p: f64) -> Duration {
    times.sort();
    let index = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[index]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the real binary in a pseudo-terminal; returns the time to the first
/// frame, to the loaded screen, and the peak memory (MB) then.
fn real_binary(root: &std::path::Path) -> (Duration, Duration, f64) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_aims"));
    command.arg(root);
    command.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(command).expect("spawn aims");
    let pid = child.process_id().expect("a pid");
    let mut reader = pty.master.try_clone_reader().expect("a reader");
    let mut writer = pty.master.take_writer().expect("a writer");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 || sender.send(buffer[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let size = |n: u16| std::num::NonZero::new(n).expect("a non-zero size");
    let mut parser = vt100::Parser::new(size(24), size(80), 0);
    let mut first = None;
    let loaded;
    loop {
        let bytes = receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("aims draws within 30 s");
        parser.process(&bytes);
        let screen = parser.screen().contents();
        if first.is_none() && screen.contains("Inventory") {
            first = Some(start.elapsed());
        }
        if screen.contains("A.2 Policies") {
            loaded = start.elapsed();
            break;
        }
    }
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let peak_kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let _ = writer.write_all(b"q");
    let _ = child.wait();
    (first.expect("a first frame"), loaded, peak_kb / 1024.0)
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("bench");
    aims::sample::generate(&root, count).expect("generate the workspace");
    println!("workspace: {count} systems");

    let (first, loaded, peak) = real_binary(&root);
    println!(
        "  first frame            {:8.1} ms (target 100 ms); workspace shown after {:.1} ms",
        ms(first),
        ms(loaded)
    );
    println!("  peak memory            {peak:8.1} MB (target 150 MB)");

    let workspace = aims::workspace::load(&root).expect("load");
    let mut app = App::new(root.clone(), "Bench".into(), chrono::NaiveDate::MIN);
    process(&mut app, Action::Resize(80, 24));
    process(&mut app, Action::Loaded(Box::new(workspace)));
    let counter = Counter(Rc::new(Cell::new(0)));
    let backend = CompactBackend::new(CrosstermBackend::new(counter.clone()));
    let mut terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        },
    )
    .expect("a terminal");
    let theme = Theme { colour: true };
    let mut frame = |app: &mut App, action: Action| {
        let start = Instant::now();
        process(app, action);
        terminal
            .draw(|f| aims::tui::draw(f, app, theme))
            .expect("draw");
        start.elapsed()
    };
    let key = |c: char| Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));

    let report = |name: &str, times: Vec<Duration>| {
        println!(
            "  {name:<22} median {:6.2} ms  p99 {:6.2} ms  max {:6.2} ms (target 16 ms)",
            ms(percentile(times.clone(), 0.5)),
            ms(percentile(times.clone(), 0.99)),
            ms(percentile(times, 1.0))
        );
    };

    // Controls: move down through the whole catalogue, bytes per move.
    frame(&mut app, Action::Run(Command::ShowControls));
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..60 {
        counter.0.set(0);
        times.push(frame(&mut app, Action::Run(Command::SelectNext)));
        bytes.push(counter.0.get());
    }
    report("controls: move", times);
    bytes.sort();
    println!(
        "  controls: bytes/move   median {} max {} (target under 2048)",
        bytes[bytes.len() / 2],
        bytes[bytes.len() - 1]
    );

    // Inventory of 10,000 systems: move, bytes per move, filter per key.
    frame(&mut app, Action::Run(Command::ShowInventory));
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..200 {
        counter.0.set(0);
        times.push(frame(&mut app, Action::Run(Command::SelectNext)));
        bytes.push(counter.0.get());
    }
    report("inventory: move", times);
    bytes.sort();
    println!(
        "  inventory: bytes/move  median {} max {} (target under 2048)",
        bytes[bytes.len() / 2],
        bytes[bytes.len() - 1]
    );
    let mut times = Vec::new();
    for _ in 0..5 {
        frame(&mut app, Action::Run(Command::StartFilter));
        for c in "system 12".chars() {
            times.push(frame(&mut app, key(c)));
        }
        times.push(frame(&mut app, Action::Run(Command::Back)));
    }
    report("inventory: filter key", times);
    let mut times = Vec::new();
    for _ in 0..20 {
        times.push(frame(&mut app, Action::Run(Command::SortNext)));
    }
    times.push(frame(&mut app, Action::Run(Command::SortReverse)));
    report("inventory: sort key", times);
    let mut open = Vec::new();
    let mut impact = Vec::new();
    for _ in 0..20 {
        frame(&mut app, Action::Run(Command::SelectNext));
        open.push(frame(&mut app, Action::Run(Command::EditSystem)));
        frame(&mut app, Action::Run(Command::Confirm));
        impact.push(frame(&mut app, Action::Run(Command::EditImpact)));
        frame(&mut app, Action::Run(Command::Confirm));
    }
    report("inventory: open system", open);
    report("inventory: open impact", impact);
    let mut times = Vec::new();
    for tab in [
        Command::ShowProgress,
        Command::ShowGaps,
        Command::ShowRisks,
        Command::ShowControls,
        Command::ShowInventory,
    ]
    .iter()
    .cycle()
    .take(40)
    {
        times.push(frame(&mut app, Action::Run(*tab)));
    }
    report("switch tab", times);
}
