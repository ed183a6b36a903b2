//! End-to-end runs of the real `aims` binary in a pseudo-terminal (80x24),
//! with a terminal emulator (vt100) reading its output on a thread. Each
//! test waits for text on the screen, never for a fixed time, so a slow
//! machine makes them slower, not flaky.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Example;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for a screen or an exit before giving up.
const PATIENCE: Duration = Duration::from_secs(10);

/// The running binary, its terminal and what the terminal shows.
struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
}

/// The folders a run keeps its state and home in.
struct Env {
    state: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            state: tempfile::tempdir().expect("a state folder"),
            home: tempfile::tempdir().expect("a home folder"),
        }
    }
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size is not zero")
}

impl Session {
    /// Starts `aims ROOT` in an 80x24 terminal.
    fn start(root: &Path, env: &Env) -> Session {
        let pair = native_pty_system()
            .openpty(size(24, 80))
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_aims"));
        cmd.arg(root);
        cmd.cwd(root);
        cmd.env("AIMS_STATE_DIR", env.state.path());
        cmd.env("AIMS_TODAY", common::TODAY);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", env.home.path());
        cmd.env("USER", "tester");
        cmd.env("GIT_CONFIG_NOSYSTEM", "1");
        for key in [
            "AIMS_WORKSPACE",
            "NO_COLOR",
            "XDG_STATE_HOME",
            "XDG_CONFIG_HOME",
        ] {
            cmd.env_remove(key);
        }
        let child = pair.slave.spawn_command(cmd).expect("aims starts");
        // Only the child holds the terminal's other end now, so the reader
        // sees the end of output when the child exits.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(24), nonzero(80), 0)));
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => feed.lock().expect("the parser").process(&buf[..n]),
                }
            }
        });
        let writer = pair.master.take_writer().expect("a writer");
        Session {
            master: pair.master,
            child,
            writer,
            parser,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("the parser").screen().contents()
    }

    /// Waits until the screen shows `text`; the screen then.
    #[track_caller]
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |screen| screen.contains(text))
    }

    #[track_caller]
    fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("no {text}"), |screen| !screen.contains(text))
    }

    #[track_caller]
    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("waited {PATIENCE:?} for {what:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to the terminal");
        self.writer.flush().expect("flush the terminal");
    }

    /// A bare Esc, on its own so it is not read as the start of a sequence.
    fn esc(&mut self) {
        std::thread::sleep(Duration::from_millis(50));
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(50));
    }

    fn resize(&self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .expect("the parser")
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(rows, cols)).expect("resize");
    }

    fn pid(&self) -> i32 {
        self.child.process_id().expect("the child has a pid") as i32
    }

    /// Waits for the process to end; its exit code.
    #[track_caller]
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the child's status") {
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "aims did not exit within {PATIENCE:?}; the screen shows:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is back as it was: main screen, cursor shown, no
    /// bracketed paste (checked once the output has been read).
    #[track_caller]
    fn assert_restored(&self) {
        let start = Instant::now();
        loop {
            let restored = {
                let parser = self.parser.lock().expect("the parser");
                let screen = parser.screen();
                !screen.alternate_screen() && !screen.hide_cursor() && !screen.bracketed_paste()
            };
            if restored {
                return;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the terminal was not restored after exit"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the workspace and waits until the controls are on screen.
    #[track_caller]
    fn loaded(self) -> Session {
        self.wait_for("A.2.2 AI policy");
        self
    }

    /// From the first row, down to A.4.2 (an undecided control).
    #[track_caller]
    fn go_to_a42(&mut self) {
        self.send("g");
        self.send(&"j".repeat(8));
        self.wait_for("A.4.2 Resource documentation");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn x_then_a_justification_then_esc_and_q_writes_the_file_and_exits_0() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.go_to_a42();
    aims.send("x");
    aims.wait_for("Justification for A.4.2");
    aims.send("We keep no AI resources of our own.");
    aims.wait_for("We keep no AI resources of our own.");
    aims.esc();
    aims.wait_gone("Justification for A.4.2");
    aims.wait_for("saved soa/A.4.2.yaml");
    aims.send("q");
    assert_eq!(aims.wait_exit(), 0);
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\napplicable: false\njustification: We keep no AI resources of our own.\n"
    );
    aims.assert_restored();
}

#[test]
fn a_file_changed_behind_our_back_is_reloaded_and_an_edit_of_it_asks_first() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("gj");
    aims.wait_for("Eleanor Whitcombe on");
    // Someone else edits A.2.2 while we have its owner field open.
    aims.send("o");
    aims.wait_for("Owner of A.2.2");
    let theirs = example
        .read("soa/A.2.2.yaml")
        .replace("owner: Daniel Okafor", "owner: Aisha Rahman, acting owner");
    example.write("soa/A.2.2.yaml", &theirs);
    aims.wait_for("reloaded soa/A.2.2.yaml");
    aims.send(" Jr\r");
    aims.wait_for("soa/A.2.2.yaml changed on disk");
    assert_eq!(
        example.read("soa/A.2.2.yaml"),
        theirs,
        "nothing overwritten"
    );
    aims.send("m");
    aims.wait_gone("changed on disk");
    aims.wait_for("Daniel Okafor Jr");
    aims.send("q");
    assert_eq!(aims.wait_exit(), 0);
    let mine = example.read("soa/A.2.2.yaml");
    assert_eq!(
        mine,
        theirs.replace(
            "owner: Aisha Rahman, acting owner",
            "owner: Daniel Okafor Jr"
        )
    );
}

#[test]
fn a_file_changed_behind_our_back_shows_its_new_content() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.go_to_a42();
    example.write(
        "soa/A.4.2.yaml",
        "control: A.4.2\napplicable: false\njustification: Decided in another window.\n",
    );
    aims.wait_for("reloaded soa/A.4.2.yaml");
    aims.wait_for("Decided in another window.");
    aims.send("q");
    assert_eq!(aims.wait_exit(), 0);
}

#[test]
fn text_open_at_a_hangup_is_offered_back_on_the_next_start() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.go_to_a42();
    aims.send("J");
    aims.wait_for("Justification for A.4.2");
    aims.send("Half a thought about resources");
    aims.wait_for("Half a thought about resources");
    // SAFETY: kill(2) with the pid of our own child and a valid signal.
    let sent = unsafe { libc::kill(aims.pid(), libc::SIGHUP) };
    assert_eq!(sent, 0, "SIGHUP sent");
    aims.wait_exit();
    drop(aims);
    assert!(
        !example.exists("soa/A.4.2.yaml"),
        "text in an open editor is not saved to the workspace"
    );
    let kept = std::fs::read_dir(env.state.path())
        .expect("the state folder")
        .count();
    assert_eq!(kept, 1, "one recovery file");

    let mut aims = Session::start(example.root(), &env);
    aims.wait_for("Text kept from last time");
    aims.wait_for("Half a thought about resources");
    aims.send("y");
    aims.wait_gone("Text kept from last time");
    let screen = aims.wait_for("Justification for A.4.2");
    assert!(
        screen.contains("Half a thought about resources"),
        "{screen}"
    );
    aims.send(", now whole.");
    aims.wait_for("resources, now whole.");
    aims.esc();
    aims.wait_gone("Justification for A.4.2");
    aims.send("q");
    assert_eq!(aims.wait_exit(), 0);
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\njustification: Half a thought about resources, now whole.\n"
    );
    let left = std::fs::read_dir(env.state.path())
        .expect("the state folder")
        .count();
    assert_eq!(left, 0, "the recovery file is gone once used");
}

#[test]
fn without_a_terminal_aims_exits_2_and_says_why() {
    let example = Example::new();
    let run = common::TestCommand::new([example.root()]).run();
    run.expect_code(2);
    assert!(run.stderr.contains("terminal"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn a_small_terminal_shows_a_notice_until_it_is_enlarged() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.resize(12, 50);
    aims.wait_for("Terminal too small");
    aims.wait_for("50x12 here");
    aims.resize(24, 80);
    aims.wait_gone("Terminal too small");
    aims.wait_for("A.2.2 AI policy");
    aims.wait_for("2 Controls");
    aims.send("q");
    assert_eq!(aims.wait_exit(), 0);
    aims.assert_restored();
}

/// The screen as the app draws it in-process (reviewer `tester`, as the
/// binary finds it from `$USER`), for comparing with the real terminal.
fn drawn(example: &Example, keys: &str) -> String {
    let mut app = aims::tui::App::new(
        example.root().to_path_buf(),
        "tester".into(),
        common::today(),
    );
    aims::tui::process(
        &mut app,
        aims::tui::Action::Loaded(Box::new(example.load())),
    );
    aims::tui::process(&mut app, aims::tui::Action::Resize(80, 24));
    common::type_text(&mut app, keys);
    common::screen(&app, 80, 24)
}

fn trimmed(screen: &str) -> String {
    screen
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

#[test]
fn the_terminal_shows_exactly_what_the_app_draws() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    let mut sent = "";
    for keys in ["", "jjjjjjjj", "jjjjjjjj3", "jjjjjjjj31", "jjjjjjjj312"] {
        let expected = trimmed(&drawn(&example, keys));
        // Each step sends only the keys the previous one had not.
        aims.send(&keys[sent.len()..]);
        sent = keys;
        let start = Instant::now();
        loop {
            let shown = trimmed(&aims.screen());
            if shown == expected {
                break;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "after {keys:?} the terminal shows\n{shown}\n\nbut the app drew\n{expected}"
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    aims.send("q");
    assert_eq!(aims.wait_exit(), 0);
}
