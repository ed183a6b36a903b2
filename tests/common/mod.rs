//! Helpers shared by the integration tests: a throw-away workspace folder
//! ([`Dir`]) and a way to run the real `aims` binary in it ([`TestCommand`]),
//! in the manner of ripgrep's `tests/util.rs`.
//!
//! Each test binary includes this module and uses only part of it.
#![allow(dead_code)]

pub mod pty;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use aims::workspace::{Diagnostic, Workspace, load};

/// The date every test pretends is today, so review dates do not age.
pub const TODAY: &str = "2026-11-26";

/// A property-test runner for `PROPTEST_CASES` cases, else `default`. It
/// keeps no file of past failures, so that no test writes into the source
/// tree: a failure prints its minimal case instead.
pub fn proptest_runner(default: u32) -> proptest::test_runner::TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })
}

/// A small manifest, in canonical form.
pub const MANIFEST: &str =
    "aims: 1\norganisation: Test Org\ncatalogs: [iso42001-annex-a, iso42001-clauses]\n";

/// A system file that loads without errors or warnings.
pub fn good_system(id: &str) -> String {
    format!("id: {id}\nname: Good system {id}\nowner: Priya Shah\n")
}

/// A temporary folder, removed when the value is dropped.
pub struct Dir {
    temp: tempfile::TempDir,
}

impl Dir {
    /// An empty folder: not a workspace yet.
    pub fn empty() -> Dir {
        Dir {
            temp: tempfile::Builder::new()
                .prefix("aims-test-")
                .tempdir()
                .expect("a temporary folder can be created"),
        }
    }

    /// A workspace holding only [`MANIFEST`].
    pub fn new() -> Dir {
        Dir::with_manifest(MANIFEST)
    }

    pub fn with_manifest(manifest: &str) -> Dir {
        let dir = Dir::empty();
        dir.write("aims.yaml", manifest);
        dir
    }

    /// A workspace with one good system, `inventory/good.yaml`, so tests can
    /// show that a bad file beside it does not stop the rest loading.
    pub fn with_good_system() -> Dir {
        let dir = Dir::new();
        dir.write("inventory/good.yaml", &good_system("good"));
        dir
    }

    /// A copy of the repository's `workspace-example/`.
    pub fn example() -> Dir {
        let dir = Dir::empty();
        copy_tree(&example_path(), dir.path());
        dir
    }

    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.path().join(rel)
    }

    /// Writes `text` to `rel`, creating folders as needed.
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.join(rel);
        fs::create_dir_all(path.parent().expect("a file has a folder")).expect("mkdir");
        fs::write(&path, bytes).expect("write a test file");
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.join(rel)).expect("read a test file")
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        fs::read(self.join(rel)).expect("read a test file")
    }

    pub fn mkdir(&self, rel: &str) {
        fs::create_dir_all(self.join(rel)).expect("mkdir");
    }

    pub fn load(&self) -> Workspace {
        load(self.path()).expect("the workspace folder can be read")
    }

    /// `aims ARGS...` with the working folder set to this folder.
    pub fn cmd<I, S>(&self, args: I) -> TestCommand
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = TestCommand::new(args);
        cmd.current_dir(self.path());
        cmd
    }
}

/// Where the repository's example workspace is.
pub fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("workspace-example")
}

pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read a folder") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Every diagnostic, as `aims check` prints it (without colour).
pub fn rendered(ws: &Workspace) -> Vec<String> {
    render(&ws.diagnostics)
}

pub fn render(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(ToString::to_string).collect()
}

/// Asserts that `line` is exactly one of the diagnostics.
#[track_caller]
pub fn assert_has(diagnostics: &[String], line: &str) {
    assert!(
        diagnostics.iter().any(|d| d == line),
        "expected the diagnostic\n  {line}\namong\n  {}",
        diagnostics.join("\n  ")
    );
}

/// Asserts that no diagnostic names `path`.
#[track_caller]
pub fn assert_clean(diagnostics: &[String], path: &str) {
    let prefix = format!("{path}:");
    let about: Vec<&String> = diagnostics
        .iter()
        .filter(|d| d.starts_with(&prefix))
        .collect();
    assert!(
        about.is_empty(),
        "expected nothing about {path}, got {about:#?}"
    );
}

/// A command line for the real `aims` binary, with a clean environment:
/// no inherited `AIMS_WORKSPACE`, `NO_COLOR` unset, and a fixed today.
pub struct TestCommand {
    cmd: Command,
}

impl TestCommand {
    pub fn new<I, S>(args: I) -> TestCommand
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_aims"));
        cmd.args(args)
            .env_remove("AIMS_WORKSPACE")
            .env_remove("NO_COLOR")
            .env("AIMS_TODAY", TODAY)
            .stdin(Stdio::null());
        TestCommand { cmd }
    }

    pub fn current_dir(&mut self, dir: &Path) -> &mut TestCommand {
        self.cmd.current_dir(dir);
        self
    }

    pub fn env(&mut self, key: &str, value: impl AsRef<OsStr>) -> &mut TestCommand {
        self.cmd.env(key, value);
        self
    }

    /// Runs the binary as on a disk with room for only `bytes` in any one
    /// file: a write past that fails as on a full disk (EFBIG rather than
    /// ENOSPC), with no mount or privilege needed. The limit is inherited
    /// by what aims runs (git), and the signal that would otherwise end the
    /// process at the limit is ignored, so the write returns the error.
    #[cfg(unix)]
    pub fn file_size_limit(&mut self, bytes: u64) -> &mut TestCommand {
        use std::os::unix::process::CommandExt;
        let limit = libc::rlimit {
            rlim_cur: bytes,
            rlim_max: bytes,
        };
        // SAFETY: between fork and exec the closure calls only setrlimit
        // and signal, both async-signal-safe, and allocates nothing.
        unsafe {
            self.cmd.pre_exec(move || {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        self
    }

    /// Runs the binary. The test must then check the exit status with
    /// [`Run::expect_code`]: a run whose status nobody checked fails the
    /// test when it is dropped, so that output tests cannot pass on a
    /// command that failed.
    pub fn run(&mut self) -> Run {
        let output = self.cmd.output().expect("the aims binary runs");
        let args = self
            .cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        Run {
            args,
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            status_checked: std::cell::Cell::new(false),
        }
    }
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    status_checked: std::cell::Cell<bool>,
}

impl Drop for Run {
    fn drop(&mut self) {
        if !self.status_checked.get() && !std::thread::panicking() {
            panic!(
                "the exit status of `aims {}` ({:?}) was never checked; call expect_code",
                self.args.join(" "),
                self.code
            );
        }
    }
}

impl Run {
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        self.status_checked.set(true);
        assert_eq!(
            self.code,
            Some(code),
            "exit code of `aims {}`\n--- stdout\n{}\n--- stderr\n{}",
            self.args.join(" "),
            self.stdout,
            self.stderr
        );
        self
    }

    /// The stderr lines, for diagnostics.
    pub fn stderr_lines(&self) -> Vec<String> {
        self.stderr.lines().map(str::to_string).collect()
    }

    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Every command and subcommand of the binary, as the words that name it
/// (`["inventory", "add"]`), parents before their children. Taken from the
/// clap definition, so that a new command cannot be left out of the tests
/// that go over all of them.
pub fn command_paths() -> Vec<Vec<String>> {
    use clap::CommandFactory;
    fn walk(command: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in command.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            out.push(path.clone());
            walk(sub, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&aims::cli::Cli::command(), &[], &mut out);
    out
}

/// The commands that do something themselves (`inventory add`, not
/// `inventory`), joined by spaces.
pub fn leaf_commands() -> Vec<String> {
    let paths = command_paths();
    paths
        .iter()
        .filter(|path| {
            !paths
                .iter()
                .any(|p| p.len() > path.len() && p.starts_with(path))
        })
        .map(|path| path.join(" "))
        .collect()
}

/// Asserts that the argument lists in `runs` run every command of the
/// binary, except those in `exempt` (each with its reason in the caller).
#[track_caller]
pub fn assert_covers_every_command(runs: &[&[&str]], exempt: &[&str]) {
    let missing: Vec<String> = leaf_commands()
        .into_iter()
        .filter(|command| !exempt.contains(&command.as_str()))
        .filter(|command| {
            let words: Vec<&str> = command.split(' ').collect();
            !runs.iter().any(|args| args.starts_with(&words))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "commands this test leaves out: {missing:?}"
    );
}

// ---------------------------------------------------------------------------
// The full-screen interface: an app driven by keys exactly as the loop does,
// over a copy of the example in a folder named `workspace-example` (the
// header shows the folder's name), and the screen it draws as plain text.

/// The reviewer every interface test stamps with.
pub const REVIEWER: &str = "Test Reviewer";

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("TODAY is a date")
}

/// A copy of `workspace-example/` at `<temp>/workspace-example`.
pub struct Example {
    _temp: tempfile::TempDir,
    root: PathBuf,
}

impl Example {
    pub fn new() -> Example {
        let temp = tempfile::Builder::new()
            .prefix("aims-tui-")
            .tempdir()
            .expect("a temporary folder can be created");
        let root = temp.path().join("workspace-example");
        copy_tree(&example_path(), &root);
        let root = fs::canonicalize(&root).expect("the copy exists");
        Example { _temp: temp, root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        fs::read(self.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.join(rel).exists()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.join(rel);
        fs::create_dir_all(path.parent().expect("a file has a folder")).expect("mkdir");
        fs::write(&path, text).expect("write a test file");
    }

    pub fn load(&self) -> Workspace {
        load(&self.root).expect("the workspace folder can be read")
    }

    /// An app that has finished loading this workspace.
    pub fn app(&self) -> aims::tui::App {
        loaded_app(&self.root)
    }
}

/// `App::new` with the fixed reviewer and date, then the workspace loaded.
pub fn loaded_app(root: &Path) -> aims::tui::App {
    let mut app = aims::tui::App::new(root.to_path_buf(), REVIEWER.into(), today());
    // The header shows the path; a temporary folder's name changes each run.
    app.set_root_label("workspace-example");
    let workspace = load(root).expect("the workspace folder can be read");
    assert!(aims::tui::process(
        &mut app,
        aims::tui::Action::Loaded(Box::new(workspace))
    ));
    app
}

pub use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as a terminal reports it: upper-case letters and symbols that need
/// Shift come with the Shift flag, like crossterm sends them.
pub fn ch(c: char) -> KeyEvent {
    let shift = c.is_ascii_uppercase();
    KeyEvent::new(
        KeyCode::Char(c),
        if shift {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        },
    )
}

pub fn code(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses one key as the loop does (keymap, then `process`); false when
/// the app asked to quit.
/// Presses one key as the loop would handle a key pressed on its own:
/// the key, then the end of the batch (which lets a popup that appeared
/// take answers from the next key on).
pub fn press(app: &mut aims::tui::App, key: KeyEvent) -> bool {
    let going = match app.action_for_key(key) {
        Some(action) => aims::tui::process(app, action),
        None => true,
    };
    going && aims::tui::process(app, aims::tui::Action::Settled)
}

/// Presses each character of `text` in turn.
pub fn type_text(app: &mut aims::tui::App, text: &str) {
    for c in text.chars() {
        let key = match c {
            '\n' => code(KeyCode::Enter),
            c => ch(c),
        };
        assert!(press(app, key), "typing {c:?} quit the app");
    }
}

/// Draws the app on a `width` x `height` test terminal and returns the
/// screen as lines of text (trailing blanks trimmed).
pub fn screen(app: &aims::tui::App, width: u16, height: u16) -> String {
    screen_with(width, height, |frame| {
        aims::tui::draw(frame, app, aims::tui::Theme { colour: false })
    })
}

pub fn screen_with(width: u16, height: u16, draw: impl FnOnce(&mut ratatui::Frame)) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal.draw(draw).expect("drawing succeeds");
    buffer_text(terminal.backend().buffer())
}

/// The buffer's text, one line per row; the second cell of a wide
/// character is skipped so the line reads as it shows.
pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut lines = Vec::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            let width = unicode_width::UnicodeWidthStr::width(symbol);
            skip = width.saturating_sub(1);
            line.push_str(if symbol.is_empty() { " " } else { symbol });
        }
        lines.push(line.trim_end().to_string());
    }
    lines.join("\n")
}

/// Draws the app like [`screen`], with colour on or off (`NO_COLOR`), and
/// returns the screen with its styling: see [`buffer_styled`].
pub fn styled_screen(app: &aims::tui::App, width: u16, height: u16, colour: bool) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|frame| aims::tui::draw(frame, app, aims::tui::Theme { colour }))
        .expect("drawing succeeds");
    buffer_styled(terminal.backend().buffer(), colour)
}

/// The buffer's text with, under every row that has any styling, a line
/// marking each cell (so `insta` snapshots record what selection and focus
/// look like, which plain text drops):
///
/// - `> ` then one character per cell for its modifiers: `#` reversed and
///   bold (the focused selection), `=` reversed, `*` bold, `_` underlined,
///   `~` any other modifier, space for none;
/// - with `colour`, `c ` then one character per cell for its foreground:
///   `r g y b m c w k` for red, green, yellow, blue, magenta, cyan, white,
///   black (upper case for the light variants), `d` dark grey, `?` any
///   other, space for the default; a set background adds a line `bg`.
pub fn buffer_styled(buffer: &ratatui::buffer::Buffer, colour: bool) -> String {
    use ratatui::style::{Color, Modifier};
    fn modifier(m: Modifier) -> char {
        let reversed = m.contains(Modifier::REVERSED);
        let bold = m.contains(Modifier::BOLD);
        match () {
            _ if reversed && bold => '#',
            _ if reversed => '=',
            _ if m.contains(Modifier::UNDERLINED) => '_',
            _ if bold => '*',
            _ if m.is_empty() => ' ',
            _ => '~',
        }
    }
    fn colour_mark(c: Color) -> char {
        match c {
            Color::Reset => ' ',
            Color::Black => 'k',
            Color::Red => 'r',
            Color::Green => 'g',
            Color::Yellow => 'y',
            Color::Blue => 'b',
            Color::Magenta => 'm',
            Color::Cyan => 'c',
            Color::Gray => 'w',
            Color::DarkGray => 'd',
            Color::LightRed => 'R',
            Color::LightGreen => 'G',
            Color::LightYellow => 'Y',
            Color::LightBlue => 'B',
            Color::LightMagenta => 'M',
            Color::LightCyan => 'C',
            Color::White => 'W',
            _ => '?',
        }
    }
    let area = buffer.area;
    let text = buffer_text(buffer);
    let mut out = Vec::new();
    for (y, line) in (area.top()..area.bottom()).zip(text.split('\n')) {
        out.push(format!("  {line}").trim_end().to_string());
        let cells = || (area.left()..area.right()).map(|x| &buffer[(x, y)]);
        let marks: String = cells().map(|c| modifier(c.modifier)).collect();
        if !marks.trim().is_empty() {
            out.push(format!("> {}", marks.trim_end()));
        }
        if colour {
            let fg: String = cells().map(|c| colour_mark(c.fg)).collect();
            if !fg.trim().is_empty() {
                out.push(format!("c {}", fg.trim_end()));
            }
            let bg: String = cells().map(|c| colour_mark(c.bg)).collect();
            if !bg.trim().is_empty() {
                out.push(format!("bg{}", bg.trim_end()));
            }
        }
    }
    out.join("\n")
}

/// Types `keys` one after another, as `type_text` does.
pub fn keys(app: &mut aims::tui::App, keys: &str) {
    type_text(app, keys);
}

pub fn esc(app: &mut aims::tui::App) {
    assert!(press(app, code(KeyCode::Esc)));
}

pub fn enter(app: &mut aims::tui::App) {
    assert!(press(app, code(KeyCode::Enter)));
}

/// The notice on the status line, or nothing.
pub fn notice(app: &aims::tui::App) -> String {
    app.notice().map(|n| n.text.clone()).unwrap_or_default()
}

/// Moves the controls list to `id` with `g` and `j`, as a user would.
pub fn select_control(app: &mut aims::tui::App, id: &str) {
    if app.tab() != aims::tui::Tab::Controls {
        keys(app, "2");
    }
    if app.focus() == aims::tui::Focus::Detail {
        // Shift-Tab from the entry goes back to the list.
        assert!(press(
            app,
            KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
        ));
    }
    keys(app, "g");
    for _ in 0..app.controls().rows.len() {
        if app.selected_control().map(|c| c.id.as_str()) == Some(id) {
            return;
        }
        keys(app, "j");
    }
    panic!("control {id} is not in the list");
}

/// Compares each output with its file under `tests/golden/`; with
/// `AIMS_BLESS` set, rewrites those that differ and fails, so that the next
/// run checks what was written. `test` names the test binary to rerun.
#[track_caller]
pub fn assert_golden(outputs: &[(&str, String)], test: &str) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut stale = Vec::new();
    for (name, actual) in outputs {
        let path = folder.join(name);
        let expected = fs::read_to_string(&path).unwrap_or_default();
        if expected == *actual {
            continue;
        }
        if std::env::var_os("AIMS_BLESS").is_some() {
            fs::create_dir_all(&folder).expect("mkdir tests/golden");
            fs::write(&path, actual).expect("the golden file is writable");
            stale.push(*name);
        } else {
            assert_eq!(
                *actual, expected,
                "{name} differs: if the change is meant, run AIMS_BLESS=1 cargo test --test {test}"
            );
        }
    }
    assert!(
        stale.is_empty(),
        "rewritten: {}; review the diff and run the tests again",
        stale.join(", ")
    );
}

/// Runs git in `dir` as `author` on `date` (midday UTC, unless a time is
/// given: `2026-01-05T15:00:00Z`), with no user or system configuration,
/// so the commits are the same on every machine.
pub fn git(dir: &Path, author: &str, date: &str, args: &[&str]) {
    let when = if date.contains('T') {
        date.to_string()
    } else {
        format!("{date}T12:00:00Z")
    };
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", "someone@example.com")
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", "someone@example.com")
        .env("GIT_AUTHOR_DATE", &when)
        .env("GIT_COMMITTER_DATE", &when)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Stages everything in `dir` and commits it (making the repository first
/// if there is none).
pub fn git_commit(dir: &Path, author: &str, date: &str, subject: &str) {
    if !dir.join(".git").exists() {
        git(dir, author, date, &["init", "-q"]);
    }
    git(dir, author, date, &["add", "-A"]);
    git(
        dir,
        author,
        date,
        &["commit", "-q", "--allow-empty", "-m", subject],
    );
}
