//! End-to-end runs of the real `aims` binary in a pseudo-terminal (80x24)
//! for the inventory, impact assessment and suggestion features: keys go in
//! as a person types them, and the files on disk are checked after `q`.
//! Each step waits for text on the screen, never for a fixed time.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Example;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for a screen or an exit before giving up.
const PATIENCE: Duration = Duration::from_secs(10);

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

/// The running binary, its terminal and what the terminal shows.
struct Session {
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size is not zero")
}

impl Session {
    /// Starts `aims ROOT` in an 80x24 terminal and waits for the controls.
    fn start(root: &Path, env: &Env) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
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
        let session = Session {
            _master: pair.master,
            child,
            writer,
            parser,
        };
        session.wait_for("A.2.2 AI policy");
        session
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("the parser").screen().contents()
    }

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

    /// `q`, then waits for the exit; its code.
    #[track_caller]
    fn quit(&mut self) -> u32 {
        self.send("q");
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
fn a_system_added_through_the_form_is_a_file_after_quitting() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env);
    aims.send("1");
    aims.wait_for("Inventory: 13 of 13 systems");
    aims.send("n");
    aims.wait_for("New AI system");
    aims.send("\r");
    aims.send("Payroll Anomaly Detector");
    aims.wait_for("Payroll Anomaly Detector");
    aims.send("\r");
    aims.wait_for("payroll-anomaly-detector");
    aims.esc();
    aims.wait_gone("New AI system");
    aims.wait_for("added inventory/payroll-anomaly-detector.yaml");
    aims.wait_for("Inventory: 14 of 14 systems");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("inventory/payroll-anomaly-detector.yaml"),
        "id: payroll-anomaly-detector\nname: Payroll Anomaly Detector\n"
    );
    let named: Vec<String> = example
        .load()
        .records
        .systems
        .values()
        .filter(|s| s.name == "Payroll Anomaly Detector")
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(named, ["payroll-anomaly-detector"]);
}

#[test]
fn a_risk_added_in_an_impact_assessment_is_in_its_file_after_quitting() {
    let example = Example::new();
    let env = Env::new();
    assert!(!example.exists("impact/bid-writer.yaml"));
    let mut aims = Session::start(example.root(), &env);
    // Sorted by name, the bid drafting assistant is the first row.
    aims.send("1g");
    aims.wait_for("Bid drafting assistant (bid-writer)");
    aims.send("i");
    aims.wait_for("Impact assessment of bid-writer");
    aims.send("r");
    aims.wait_for("New risk of bid-writer");
    aims.send("\r");
    aims.send("Cites a lost bid as a credential");
    aims.wait_for("Cites a lost bid as a credential");
    aims.send("\r");
    aims.esc();
    aims.wait_gone("New risk of bid-writer");
    aims.wait_for("bid-writer-1 · Cites a lost bid as a credential");
    aims.esc();
    aims.wait_gone("Impact assessment of bid-writer");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("impact/bid-writer.yaml"),
        "system: bid-writer\nrisks:\n  - id: bid-writer-1\n    title: Cites a lost bid as a credential\n"
    );
}

#[test]
fn a_suggestion_accepted_with_capital_a_is_in_the_soa_file_after_quitting() {
    let example = Example::new();
    let env = Env::new();
    assert!(!example.exists("soa/A.6.1.2.yaml"));
    let mut aims = Session::start(example.root(), &env);
    aims.send("/A.6.1.2");
    aims.wait_for("/A.6.1.2");
    aims.send("\r");
    aims.wait_for("Suggestion from the inventory");
    aims.wait_for("Decision  undecided");
    aims.send("A");
    // The kept filter holds the status line, so the detail is what shows it.
    aims.wait_for("Decision  applicable");
    aims.wait_for("objectives are needed to steer that work.");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("soa/A.6.1.2.yaml"),
        "control: A.6.1.2\napplicable: true\njustification: At least one live system is built in-house, which suggests responsible development objectives are needed to steer that work.\n"
    );
}

/// Text typed into a field of a form (here a system's description) when
/// the connection drops is offered back, in the same form, on the next start.
#[test]
fn a_form_field_open_at_a_hangup_is_offered_back_in_its_form() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env);
    aims.send("1");
    aims.wait_for("Inventory: 13 of 13 systems");
    aims.send("\r");
    aims.wait_for("AI system bid-writer");
    aims.send("j\r");
    aims.send("Half a description");
    // The editor wraps the end of the text, so look for its start.
    aims.wait_for("Half a");
    let pid = aims.child.process_id().expect("a pid") as i32;
    // SAFETY: kill(2) with the pid of our own child and a valid signal.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    let start = Instant::now();
    while aims.child.try_wait().expect("the status").is_none() {
        assert!(start.elapsed() < PATIENCE, "aims exits on SIGHUP");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(aims);

    let mut aims = Session::start(example.root(), &env);
    aims.wait_for("Text kept from last time");
    aims.send("y");
    aims.wait_gone("Text kept from last time");
    let screen = aims.wait_for("Half a");
    assert!(screen.contains("Description"), "{screen}");
    aims.esc();
    aims.wait_for("AI system bid-writer");
    aims.esc();
    assert_eq!(aims.quit(), 0);
    assert!(
        example
            .read("inventory/bid-writer.yaml")
            .contains("Half a description"),
        "{}",
        example.read("inventory/bid-writer.yaml")
    );
}
