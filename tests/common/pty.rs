//! Running the real `aims` binary in a pseudo-terminal (portable-pty) and
//! reading its screen (vt100), for the end-to-end tests. Every wait is for
//! text on the screen or for the exit, never for a fixed time; a wait after
//! keys or a change of files is for text that only they bring (or take
//! away), checked to be absent (or present) before, since a wait for text
//! already shown passes before the keys are even read.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for a screen or an exit before giving up.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// The running binary, its terminal and what the terminal shows.
pub struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser<Seen>>>,
}

/// What the program asked of the terminal besides drawing cells: the
/// window title and icon name (an escape sequence from file text that
/// reached the terminal would show here).
#[derive(Default)]
pub struct Seen {
    pub title: Option<Vec<u8>>,
    pub icon_name: Option<Vec<u8>>,
}

impl vt100::Callbacks for Seen {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.title = Some(title.to_vec());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, icon_name: &[u8]) {
        self.icon_name = Some(icon_name.to_vec());
    }
}

/// The folders a run keeps its state and home in.
pub struct Env {
    pub state: tempfile::TempDir,
    pub home: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
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
    pub fn start(root: &Path, env: &Env) -> Session {
        Session::start_with(root, env, &[])
    }

    /// Starts `aims ROOT` in an 80x24 terminal with `vars` set on top of
    /// the clean environment (e.g. `NO_COLOR`).
    pub fn start_with(root: &Path, env: &Env, vars: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(size(24, 80))
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_aims"));
        cmd.arg(root);
        cmd.cwd(root);
        // The documented recovery folder, $XDG_STATE_HOME/aims.
        cmd.env("XDG_STATE_HOME", env.state.path());
        cmd.env("AIMS_TODAY", super::TODAY);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", env.home.path());
        cmd.env("USER", "tester");
        cmd.env("GIT_CONFIG_NOSYSTEM", "1");
        for key in [
            "AIMS_WORKSPACE",
            "NO_COLOR",
            "XDG_CONFIG_HOME",
            "AIMS_TEST_PANIC_AFTER_KEYS",
        ] {
            cmd.env_remove(key);
        }
        for (key, value) in vars {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("aims starts");
        // Only the child holds the terminal's other end now, so the reader
        // sees the end of output when the child exits.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            nonzero(24),
            nonzero(80),
            0,
            Seen::default(),
        )));
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    // A test that failed while looking at the screen
                    // poisons the lock; the output is still worth reading.
                    Ok(n) => feed
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .process(&buf[..n]),
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

    pub fn screen(&self) -> String {
        self.parser.lock().expect("the parser").screen().contents()
    }

    /// Looks at the emulated terminal (cells, their attributes and
    /// colours) and at what else it was asked to do.
    pub fn inspect<T>(&self, look: impl FnOnce(&vt100::Screen, &Seen) -> T) -> T {
        let parser = self.parser.lock().expect("the parser");
        look(parser.screen(), parser.callbacks())
    }

    /// Waits until the screen shows `text`; the screen then.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |screen| screen.contains(text))
    }

    #[track_caller]
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("no {text}"), |screen| !screen.contains(text))
    }

    #[track_caller]
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
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

    /// Does `act` (keys, a resize, a change of files) and waits until the
    /// screen shows every one of `texts`, none of which may be on it before.
    #[track_caller]
    pub fn act_and_wait(&mut self, act: impl FnOnce(&mut Session), texts: &[&str]) -> String {
        let before = self.screen();
        for text in texts {
            assert!(
                !before.contains(text),
                "{text:?} is on the screen already, so waiting for it proves nothing:\n{before}"
            );
        }
        act(self);
        self.wait_until(&format!("{texts:?}"), |screen| {
            texts.iter().all(|text| screen.contains(text))
        })
    }

    /// Does `act` and waits until `text`, which must be on the screen
    /// before, is gone.
    #[track_caller]
    pub fn act_and_wait_gone(&mut self, act: impl FnOnce(&mut Session), text: &str) -> String {
        let before = self.screen();
        assert!(
            before.contains(text),
            "{text:?} is not on the screen, so waiting for it to go proves nothing:\n{before}"
        );
        act(self);
        self.wait_gone(text)
    }

    /// Sends `keys` and waits for `text`, which only they can bring.
    #[track_caller]
    pub fn send_and_wait(&mut self, keys: &str, text: &str) -> String {
        self.act_and_wait(|aims| aims.send(keys), &[text])
    }

    /// Sends `keys` and waits until `text`, on the screen before, is gone.
    #[track_caller]
    pub fn send_and_wait_gone(&mut self, keys: &str, text: &str) -> String {
        self.act_and_wait_gone(|aims| aims.send(keys), text)
    }

    /// A bare Esc, then waits for `text`, which only it can bring.
    #[track_caller]
    pub fn esc_and_wait(&mut self, text: &str) -> String {
        self.act_and_wait(Session::esc, &[text])
    }

    /// A bare Esc, then waits until `text`, on the screen before, is gone.
    #[track_caller]
    pub fn esc_and_wait_gone(&mut self, text: &str) -> String {
        self.act_and_wait_gone(Session::esc, text)
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to the terminal");
        self.writer.flush().expect("flush the terminal");
    }

    /// A bare Esc, on its own so it is not read as the start of a sequence.
    pub fn esc(&mut self) {
        std::thread::sleep(Duration::from_millis(50));
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(50));
    }

    pub fn resize(&self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .expect("the parser")
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(rows, cols)).expect("resize");
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("the child has a pid") as i32
    }

    /// Waits for the process to end; its exit code.
    #[track_caller]
    #[must_use = "a test that runs the binary asserts its exit code"]
    pub fn wait_exit(&mut self) -> u32 {
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
    pub fn assert_restored(&self) {
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

    /// Presses `q` and waits for the exit; its exit code.
    #[track_caller]
    #[must_use = "a test that runs the binary asserts its exit code"]
    pub fn quit(&mut self) -> u32 {
        self.send("q");
        self.wait_exit()
    }

    /// Opens the workspace and waits until the controls are on screen.
    #[track_caller]
    pub fn loaded(self) -> Session {
        self.wait_for("A.2.2 AI policy");
        self
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
