//! The interface on a generated workspace of 10,000 systems:
//!
//! ```sh
//! cargo bench --bench tui_speed            # 10,000 systems
//! cargo bench --bench tui_speed -- 2000    # another size
//! ```
//!
//! * first frame: the real binary in a pseudo-terminal, from spawn until the
//!   first frame has been written, and until the loaded workspace shows;
//! * peak memory of the real binary once the workspace is shown;
//! * key to finished frame: a key event sent on the loop's channel, then one
//!   turn of the loop (`Session::turn`, what `aims` runs): the keymap, the
//!   update and the frame written through the real backend, synchronized-
//!   update sequences included, to a sink standing in for the terminal;
//! * bytes written to the terminal when the selection moves one row.
//!
//! Each key is checked to have done what it is for before its time counts,
//! so a key that silently does nothing cannot make the figures look good.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::rc::Rc;
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use aims::tui::backend::CompactBackend;
use aims::tui::{App, Event, Popup, Session, Tab, Theme};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};

mod stats;
use stats::{median_p99_max, ms};

/// The allocator `aims` itself uses, so allocation costs what it costs there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What the terminal would receive: the bytes of the last frame.
#[derive(Clone, Default)]
struct Wire(Rc<RefCell<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const BEGIN_UPDATE: &[u8] = b"\x1b[?2026h";
const END_UPDATE: &[u8] = b"\x1b[?2026l";

/// The interface as `aims` runs it, with the bench in the terminal's place.
struct Bench {
    session: Session<Wire>,
    keys: Sender<Event>,
    wire: Wire,
}

impl Bench {
    fn app(&self) -> &App {
        self.session.app()
    }

    /// Sends `code` as the terminal reader would and runs one turn of the
    /// loop; the time until the frame is written, and its size in bytes.
    fn press(&mut self, code: KeyCode) -> (Duration, usize) {
        let modifiers = match code {
            KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        self.wire.0.borrow_mut().clear();
        let start = Instant::now();
        self.keys
            .send(Event::Terminal(TermEvent::Key(KeyEvent::new(
                code, modifiers,
            ))))
            .expect("the loop's channel is open");
        assert!(self.session.turn(), "{code:?} ended the interface");
        let took = start.elapsed();
        let wire = self.wire.0.borrow();
        assert!(
            wire.starts_with(BEGIN_UPDATE) && wire.ends_with(END_UPDATE),
            "{code:?} drew no frame inside a synchronized update"
        );
        (took, wire.len())
    }

    fn char(&mut self, c: char) -> Duration {
        self.press(KeyCode::Char(c)).0
    }

    fn selected_row(&self) -> usize {
        match self.app().tab() {
            Tab::Controls => self.app().controls().selected,
            _ => self.app().systems().selected,
        }
    }

    /// Closes popups until none is left, answering "no" to any question.
    fn close_popups(&mut self) {
        while let Some(top) = self.app().popups().last() {
            let key = match top {
                Popup::ConfirmImpact { .. } => KeyCode::Char('n'),
                _ => KeyCode::Esc,
            };
            self.press(key);
        }
    }
}

/// The times of one kind of key, in the order they were pressed.
struct Times {
    name: &'static str,
    times: Vec<Duration>,
}

impl Times {
    fn new(name: &'static str) -> Times {
        Times {
            name,
            times: Vec::new(),
        }
    }

    fn print(&self) {
        let [median, p99, max] = median_p99_max(self.times.iter().map(|d| ms(*d)));
        println!(
            "  {:<36} {:>4} {:>8.2} {median:>8.2} {p99:>8.2} {max:>8.2}",
            self.name,
            self.times.len(),
            ms(self.times[0]),
        );
    }
}

fn print_bytes(name: &str, mut bytes: Vec<usize>) {
    bytes.sort();
    println!(
        "  {name:<36} median {} max {} (target under 2048)",
        bytes[bytes.len() / 2],
        bytes[bytes.len() - 1]
    );
}

/// The peak memory of the process `pid` so far, in MB.
fn peak_memory(pid: u32) -> f64 {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {path} for the peak memory: {e}"));
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{path} has no VmHWM line"));
    kb / 1024.0
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
    let peak = peak_memory(pid);
    let _ = writer.write_all(b"q");
    let _ = child.wait();
    (first.expect("a first frame"), loaded, peak)
}

/// The interface on the workspace at `root`, loaded and drawn at 80x24.
fn start(root: &std::path::Path) -> Bench {
    let (keys, events) = mpsc::channel();
    let wire = Wire::default();
    let terminal = Terminal::with_options(
        CompactBackend::new(CrosstermBackend::new(wire.clone())),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        },
    )
    .expect("a terminal");
    let today = chrono::Local::now().date_naive();
    let app = App::new(root.to_path_buf(), "Bench".into(), today);
    let mut session = Session::new(app, terminal, Theme { colour: true }, events, keys.clone());
    keys.send(Event::Terminal(TermEvent::Resize(80, 24)))
        .expect("the loop's channel is open");
    let workspace = aims::workspace::load(root).expect("load the workspace");
    keys.send(Event::Loaded(Ok(Box::new(workspace))))
        .expect("the loop's channel is open");
    assert!(session.draw() && session.turn(), "the interface started");
    Bench {
        session,
        keys,
        wire,
    }
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
        "  first frame {:.1} ms (target 100 ms); workspace shown after {:.1} ms",
        ms(first),
        ms(loaded)
    );
    println!("  peak memory {peak:.1} MB (target 150 MB)");

    // Other work on the machine shows in the times, so it is printed too.
    let load_before = load_average();
    let mut bench = start(&root);
    let mut figures: Vec<Times> = Vec::new();

    // Controls: down through the whole catalogue and back up.
    bench.char('2');
    assert_eq!(bench.app().tab(), Tab::Controls);
    let mut moves = Times::new("controls: move (j, k)");
    let mut bytes = Vec::new();
    let last = bench.app().controls().rows.len() - 1;
    for key in ['j', 'k'] {
        for _ in 0..last {
            let before = bench.selected_row();
            let (took, sent) = bench.press(KeyCode::Char(key));
            assert_ne!(bench.selected_row(), before, "{key} moved");
            moves.times.push(took);
            bytes.push(sent);
        }
    }
    figures.push(moves);
    print_bytes("controls: bytes per move", bytes);

    // Controls: scroll the longest page, of the control most risks name.
    let named_most = {
        let records = &bench.app().workspace().expect("loaded").records;
        let mut named: std::collections::BTreeMap<&str, usize> = Default::default();
        for (_, risk) in records.risks() {
            for control in &risk.controls {
                *named.entry(control.as_str()).or_default() += 1;
            }
        }
        let most = named.into_iter().max_by_key(|(_, n)| *n);
        most.expect("the workspace has risks").0.to_string()
    };
    while bench.app().selected_control().map(|c| c.id.as_str()) != Some(named_most.as_str()) {
        bench.char('j');
    }
    let mut scrolling = Times::new("controls: scroll a long page");
    scrolling.times.push(bench.press(KeyCode::Tab).0);
    for _ in 0..40 {
        let before = bench.app().detail_scroll();
        let took = bench.char('j');
        if bench.app().detail_scroll() == before {
            // The end of the page (a small workspace).
            break;
        }
        assert_eq!(bench.app().detail_scroll(), before + 1, "j scrolled");
        scrolling.times.push(took);
    }
    assert!(scrolling.times.len() > 1, "the longest page scrolls");
    figures.push(scrolling);
    bench.press(KeyCode::BackTab);

    // Inventory: move, filter, sort.
    bench.char('1');
    assert_eq!(bench.app().tab(), Tab::Inventory);
    let mut moves = Times::new("inventory: move (j)");
    let mut bytes = Vec::new();
    for _ in 0..300.min(count - 1) {
        let before = bench.selected_row();
        let (took, sent) = bench.press(KeyCode::Char('j'));
        assert_eq!(bench.selected_row(), before + 1, "j moved");
        moves.times.push(took);
        bytes.push(sent);
    }
    figures.push(moves);
    print_bytes("inventory: bytes per move", bytes);

    let mut typing = Times::new("inventory: filter, each character");
    let mut erasing = Times::new("inventory: filter, Backspace");
    let mut clearing = Times::new("inventory: filter, Esc clears it");
    let queries = [
        "system 12",
        "owner 7",
        "vendor 42",
        "generated 999",
        "people",
        "model-3",
        "finance 5",
        "zzz",
    ];
    for query in queries {
        bench.char('/');
        let mut typed = String::new();
        for c in query.chars() {
            typing.times.push(bench.char(c));
            typed.push(c);
            assert_eq!(bench.app().systems().filter.query, typed);
        }
        erasing.times.push(bench.press(KeyCode::Backspace).0);
        typed.pop();
        assert_eq!(bench.app().systems().filter.query, typed);
        clearing.times.push(bench.press(KeyCode::Esc).0);
        assert!(bench.app().systems().filter.query.is_empty());
        assert_eq!(bench.app().systems().rows.len(), count);
    }
    figures.extend([typing, erasing, clearing]);

    let mut sorting = Times::new("inventory: sort (s, S)");
    for _ in 0..3 {
        for _ in 0..aims::tui::Column::ALL.len() {
            let (column, _) = bench.app().sort();
            sorting.times.push(bench.char('s'));
            assert_ne!(bench.app().sort(), (column, false), "s sorted");
            sorting.times.push(bench.char('S'));
            assert!(bench.app().sort().1, "S reversed the order");
        }
    }
    figures.push(sorting);

    // Open systems, then the assessments of systems that have one.
    let mut opening = Times::new("inventory: open a system (Enter)");
    bench.char('g');
    for _ in 0..40 {
        for _ in 0..7 {
            bench.char('j');
        }
        opening.times.push(bench.press(KeyCode::Enter).0);
        assert!(matches!(bench.app().popups(), [Popup::Form(_)]));
        bench.close_popups();
    }
    figures.push(opening);
    let mut assessing = Times::new("inventory: open an assessment (i)");
    let assessed = |app: &App| {
        app.selected_system_id().is_some_and(|id| {
            app.workspace()
                .is_some_and(|w| w.records.impacts.contains_key(id))
        })
    };
    while assessing.times.len() < 40 {
        let before = bench.selected_row();
        bench.char('j');
        if bench.selected_row() == before {
            // The last row: on from the first.
            bench.char('g');
        }
        if !assessed(bench.app()) {
            continue;
        }
        assessing.times.push(bench.char('i'));
        assert!(
            matches!(bench.app().popups(), [Popup::Impact { .. }]),
            "i opened the assessment"
        );
        bench.close_popups();
    }
    figures.push(assessing);

    let mut switching = Times::new("switch tab (1 to 5)");
    for tab in ['3', '4', '5', '2', '1'].iter().cycle().take(100) {
        switching.times.push(bench.char(*tab));
        let expected = Tab::ALL[tab.to_digit(10).expect("a digit") as usize - 1];
        assert_eq!(bench.app().tab(), expected);
    }
    figures.push(switching);

    println!(
        "  {:<36} {:>4} {:>8} {:>8} {:>8} {:>8}  (ms; target: p99 at most 16)",
        "key to finished frame", "keys", "first", "median", "p99", "max"
    );
    for times in &figures {
        times.print();
    }
    println!(
        "  load average over the last minute: {load_before} before the keys, {} after",
        load_average()
    );
}

/// The system's load average over the last minute, as `uptime` shows it.
fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_else(|e| panic!("cannot read /proc/loadavg for the load: {e}"));
    let first = text.split_whitespace().next();
    first
        .expect("/proc/loadavg starts with a number")
        .to_string()
}
