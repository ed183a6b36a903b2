//! Random sessions over a copy of the example workspace: keys, pastes of
//! any Unicode text, terminal resizes (from too small to large), and other
//! people changing, hand-editing, creating and deleting files between
//! them, reported at once or a little later as the watcher would. After
//! every step:
//!
//! - nothing panics, in `process` or while drawing at the current size;
//! - every file on disk still loads, with no error that was not already
//!   there after the last outside change;
//! - for every record whose file the app was told about, what the app holds
//!   is what is on disk (unless it says the write failed);
//! - what someone else wrote is still on disk, unless the app showed a
//!   conflict for that file first;
//! - a hang-up keeps exactly what was open (the form, the field and its
//!   text, unwritten records), and the next start opens it again as it was.
//!
//! `PROPTEST_CASES` runs more sessions than the default 64.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use aims::model::Records;
use aims::tui::keymap::BINDINGS;
use aims::tui::{Action, App, Theme, process};
use aims::workspace::{Record, Workspace};
use aims::yaml::{Node, emit_document};
use common::{Example, KeyCode, KeyEvent, KeyModifiers, ch, code, screen_with};
use proptest::prelude::*;
use proptest::sample::select;

#[derive(Clone, Debug)]
enum Step {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// Someone else changes the files (vim, a `git pull`); the watcher
    /// reports it at once, or only at the next `Announce`.
    Outside {
        change: Change,
        announce: bool,
    },
    /// The watcher reports every change it has not reported yet.
    Announce,
    /// The connection drops; aims is started again and the reviewer takes
    /// back what was kept.
    Hangup,
}

#[derive(Clone, Debug)]
enum Change {
    /// Appends a key aims does not know, holding this text, to the n-th
    /// record file (modulo their number).
    AddUnknownKey(usize, String),
    /// The same, to the file of the record the app has selected: the one
    /// most likely to be written next.
    AddUnknownKeyHere(String),
    /// Rewrites the n-th file by hand: a comment, CRLF line ends and a
    /// byte-order mark, the same record.
    HandWrite(usize),
    /// Deletes the n-th record file (never the manifest).
    Delete(usize),
    /// A new system file, written by hand, named with this text.
    Create(String),
}

/// Terminal sizes: the README's 80x24, the smallest that is drawn, below
/// it (the "too small" screen), degenerate, and large.
const SIZES: &[(u16, u16)] = &[
    (80, 24),
    (80, 24),
    (60, 16),
    (59, 15),
    (30, 8),
    (1, 1),
    (100, 30),
    (132, 43),
    (200, 60),
];

/// Every key the keymap binds, as a terminal would send it.
fn keymap_keys() -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    for binding in BINDINGS {
        for key in binding.keys {
            let event = match key.code {
                KeyCode::Char(c) if key.ctrl => {
                    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
                }
                KeyCode::Char(c) => ch(c),
                KeyCode::BackTab => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                other => code(other),
            };
            if !keys.contains(&event) {
                keys.push(event);
            }
        }
    }
    keys
}

/// Text anyone might type or paste: any printable Unicode, and on purpose
/// multi-byte, right-to-left, emoji with joiners, combining marks, line
/// ends of every kind, escape sequences, YAML-looking and long text.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "\\PC{0,24}",
        1 => "[a-z ]{0,12}",
        2 => select(vec![
            "pasted text".to_string(),
            "two\r\nlines\rand a third\n".to_string(),
            "2026-02-30".to_string(),
            "key: [not yaml\n\t- \"quote".to_string(),
            "Ülf Fjörd ✓ 漢字 \u{1b}[31mred".to_string(),
            "שלום עולם, مرحبا بالعالم".to_string(),
            "\u{202e}txt.exe\u{202c} and \u{200f}rtl".to_string(),
            "family 👨\u{200d}👩\u{200d}👧 flag 🇬🇧 robot 🤖".to_string(),
            "e\u{301}\u{301}\u{301} z\u{35c}\u{35c}".to_string(),
            "- x\n# y\nyes: null\n1.0\n2026-10-12".to_string(),
            "bell\u{7} nul\u{0} del\u{7f} nel\u{85}".to_string(),
            "\u{feff}bom".to_string(),
            "漢字".repeat(120),
            String::new(),
        ]),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let bound = select(keymap_keys()).prop_map(Step::Key);
    let letter = proptest::char::ranges(
        vec![
            'a'..='z',
            'A'..='Z',
            '0'..='9',
            'À'..='ÿ',
            'א'..='ת',
            '\u{4e00}'..='\u{4e2f}',
            '\u{1f600}'..='\u{1f64f}',
        ]
        .into(),
    )
    .prop_map(|c| Step::Key(ch(c)));
    let special = select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::PageDown,
        KeyCode::PageUp,
    ])
    .prop_map(|k| Step::Key(code(k)));
    let change = prop_oneof![
        3 => (any::<usize>(), any_text()).prop_map(|(n, t)| Change::AddUnknownKey(n, t)),
        3 => any_text().prop_map(Change::AddUnknownKeyHere),
        2 => any::<usize>().prop_map(Change::HandWrite),
        2 => any::<usize>().prop_map(Change::Delete),
        1 => any_text().prop_map(Change::Create),
    ];
    prop_oneof![
        10 => bound,
        6 => letter,
        6 => special,
        2 => any_text().prop_map(Step::Paste),
        1 => select(SIZES).prop_map(|(w, h)| Step::Resize(w, h)),
        2 => (change, any::<bool>()).prop_map(|(change, announce)| Step::Outside { change, announce }),
        1 => Just(Step::Announce),
        1 => Just(Step::Hangup),
    ]
}

/// Every record file on disk (the manifest and the three record folders),
/// by relative path.
fn record_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if let Ok(bytes) = fs::read(root.join("aims.yaml")) {
        files.insert("aims.yaml".to_string(), bytes);
    }
    for dir in ["inventory", "soa", "impact"] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".yaml") && !name.starts_with('.') {
                let bytes = fs::read(entry.path()).expect("read a record file");
                files.insert(format!("{dir}/{name}"), bytes);
            }
        }
    }
    files
}

/// The records two workspaces hold differently, by the path of their file,
/// leaving out the paths `skip` names. Records are equal when their
/// canonical text is (positions differ between an edit and a re-read).
fn differences(a: &Records, b: &Records, skip: impl Fn(&str) -> bool) -> Vec<String> {
    fn kind<T: Clone + PartialEq>(
        dir: &str,
        a: &BTreeMap<String, T>,
        b: &BTreeMap<String, T>,
        record: fn(T) -> Record,
        skip: &dyn Fn(&str) -> bool,
        out: &mut Vec<String>,
    ) {
        for id in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
            let path = format!("{dir}/{id}.yaml");
            if skip(&path) {
                continue;
            }
            let text = |r: Option<&T>| r.map(|r| record(r.clone()).to_text());
            match (a.get(id), b.get(id)) {
                (Some(x), Some(y)) if x == y => {}
                (x, y) if text(x) == text(y) => {}
                (x, y) => out.push(format!(
                    "{path}:
{:?}
  versus
{:?}",
                    text(x),
                    text(y)
                )),
            }
        }
    }
    let mut out = Vec::new();
    let manifest = |r: &Records| Record::Manifest(r.manifest.clone()).to_text();
    if !skip("aims.yaml") && a.manifest != b.manifest && manifest(a) != manifest(b) {
        out.push(format!(
            "aims.yaml:
{}
  versus
{}",
            manifest(a),
            manifest(b)
        ));
    }
    kind(
        "inventory",
        &a.systems,
        &b.systems,
        Record::System,
        &skip,
        &mut out,
    );
    kind("soa", &a.soa, &b.soa, Record::Soa, &skip, &mut out);
    kind(
        "impact",
        &a.impacts,
        &b.impacts,
        Record::Impact,
        &skip,
        &mut out,
    );
    out
}

/// The errors of a workspace, without positions: an edit may move an
/// error that an outside change caused, without it being a new one.
fn errors(ws: &Workspace) -> BTreeSet<(String, String)> {
    ws.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.path.clone(), d.message.clone()))
        .collect()
}

/// One session: the app, and beside it what is on disk, read the way the
/// app reads it (`shadow`, kept up to date by reloading changed files).
struct Session {
    example: Example,
    app: App,
    shadow: Workspace,
    disk: BTreeMap<String, Vec<u8>>,
    /// Errors the outside changes caused; the app may add none.
    allowed: BTreeSet<(String, String)>,
    /// Changed files the watcher has not reported yet.
    pending: BTreeSet<String>,
    size: (u16, u16),
    colour: bool,
    made: usize,
    log: Vec<String>,
    /// Where the app keeps work when it has to stop.
    kept: tempfile::TempDir,
    /// Keys someone else added, by file: they must stay on disk.
    theirs: BTreeMap<String, Vec<String>>,
    /// Files the app showed a conflict for: there, mine may replace theirs.
    conflicts: BTreeSet<String>,
}

impl Session {
    fn new(size: (u16, u16), colour: bool) -> Session {
        let example = Example::new();
        let kept = tempfile::tempdir().expect("a recovery folder");
        let mut app = example.app();
        app.keep_recoveries_in(kept.path().to_path_buf());
        let shadow = example.load();
        let disk = record_files(example.root());
        let allowed = errors(&shadow);
        let mut session = Session {
            example,
            app,
            shadow,
            disk,
            allowed,
            pending: BTreeSet::new(),
            size,
            colour,
            made: 0,
            log: Vec::new(),
            kept,
            theirs: BTreeMap::new(),
            conflicts: BTreeSet::new(),
        };
        session.process(Action::Resize(size.0, size.1));
        session
    }

    fn process(&mut self, action: Action) -> bool {
        let running = process(&mut self.app, action);
        if let Some((record, _)) = self.app.conflict() {
            self.conflicts.insert(record.path());
        }
        let (width, height) = self.size;
        let theme = Theme {
            colour: self.colour,
        };
        screen_with(width, height, |frame| {
            aims::tui::draw(frame, &self.app, theme)
        });
        running
    }

    /// Re-reads the files that changed on disk since the last look.
    fn sync_shadow(&mut self) {
        let now = record_files(self.example.root());
        let changed: BTreeSet<&String> = now
            .iter()
            .filter(|(path, bytes)| self.disk.get(*path) != Some(bytes))
            .map(|(path, _)| path)
            .chain(self.disk.keys().filter(|path| !now.contains_key(*path)))
            .collect();
        for path in changed {
            self.shadow.reload(path);
        }
        self.disk = now;
    }

    fn rel_path(&self, n: usize, manifest_too: bool) -> Option<String> {
        let paths: Vec<&String> = self
            .disk
            .keys()
            .filter(|p| manifest_too || p.as_str() != "aims.yaml")
            .collect();
        (!paths.is_empty()).then(|| paths[n % paths.len()].clone())
    }

    fn change(&mut self, change: &Change) -> Option<String> {
        let root = self.example.root().to_path_buf();
        match change {
            Change::AddUnknownKeyHere(text) => {
                let here = self
                    .app
                    .selected_control()
                    .map(|c| format!("soa/{}.yaml", c.id))
                    .filter(|_| self.app.tab() == aims::tui::Tab::Controls)
                    .or_else(|| {
                        self.app
                            .selected_system_id()
                            .map(|id| format!("inventory/{id}.yaml"))
                    })?;
                let n = self.disk.keys().position(|p| *p == here)?;
                self.change(&Change::AddUnknownKey(n, text.clone()))
            }
            Change::AddUnknownKey(n, text) => {
                let path = self.rel_path(*n, true)?;
                self.made += 1;
                let entry = emit_document(&Node::map(vec![(
                    format!("x_outside_{}", self.made),
                    Node::string(text.clone()),
                )]));
                let mut bytes = fs::read(root.join(&path)).ok()?;
                self.theirs
                    .entry(path.clone())
                    .or_default()
                    .push(format!("x_outside_{}", self.made));
                let crlf = bytes.windows(2).any(|w| w == b"\r\n");
                let entry = if crlf {
                    entry.replace('\n', "\r\n")
                } else {
                    entry
                };
                bytes.extend_from_slice(entry.as_bytes());
                fs::write(root.join(&path), bytes).expect("write");
                Some(path)
            }
            Change::HandWrite(n) => {
                let path = self.rel_path(*n, true)?;
                let text = fs::read_to_string(root.join(&path)).ok()?;
                if text.starts_with('\u{feff}') {
                    return None;
                }
                let hand = format!("\u{feff}# edited by hand\n{text}").replace('\n', "\r\n");
                fs::write(root.join(&path), hand).expect("write");
                Some(path)
            }
            Change::Delete(n) => {
                let path = self.rel_path(*n, false)?;
                fs::remove_file(root.join(&path)).expect("remove");
                self.theirs.remove(&path);
                Some(path)
            }
            Change::Create(text) => {
                self.made += 1;
                let id = format!("outside-{}", self.made);
                let path = format!("inventory/{id}.yaml");
                let body = emit_document(&Node::map(vec![(
                    "name".to_string(),
                    Node::string(format!("Outside {} {text}", self.made)),
                )]));
                fs::write(root.join(&path), format!("# by hand\nid: {id}\n{body}")).expect("write");
                Some(path)
            }
        }
    }

    fn announce(&mut self) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        let paths = std::mem::take(&mut self.pending).into_iter().collect();
        self.process(Action::FilesChanged(paths))
    }

    /// Runs one step; false when the app quit.
    fn step(&mut self, step: &Step) -> bool {
        self.log.push(format!("{step:?}"));
        let running = match step {
            Step::Key(key) => match self.app.action_for_key(*key) {
                Some(action) => self.process(action),
                None => true,
            },
            Step::Paste(text) => self.process(Action::Paste(text.clone())),
            Step::Resize(width, height) => {
                self.size = (*width, *height);
                self.process(Action::Resize(*width, *height))
            }
            Step::Outside { change, announce } => {
                if let Some(path) = self.change(change) {
                    self.pending.insert(path);
                    self.sync_shadow();
                    // What the outside change broke is theirs, not the app's.
                    self.allowed.extend(errors(&self.shadow));
                }
                if *announce { self.announce() } else { true }
            }
            Step::Announce => self.announce(),
            Step::Hangup => self.hang_up_and_come_back(),
        };
        self.check();
        running
    }

    /// The line drops: what was open is kept, and a new start offers it
    /// back and opens it as it was.
    fn hang_up_and_come_back(&mut self) -> bool {
        let before = self.app.draft();
        assert!(!self.process(Action::Hangup), "a hang-up ends the session");
        let root = self.example.root().to_path_buf();
        let claimed = aims::tui::claim(self.kept.path(), &root);
        assert_eq!(
            claimed.as_ref().map(kept_work),
            before.as_ref().map(kept_work),
            "what was kept is not what was open\nafter {:#?}",
            self.log
        );
        // A new start: the app loads and asks about the kept work.
        let mut app = aims::tui::App::new(root.clone(), common::REVIEWER.into(), common::today());
        app.keep_recoveries_in(self.kept.path().to_path_buf());
        app.offer_kept_work(claimed);
        assert!(process(
            &mut app,
            Action::Loaded(Box::new(self.example.load()))
        ));
        self.app = app;
        self.pending.clear();
        self.process(Action::Resize(self.size.0, self.size.1));
        if let Some(before) = before {
            // The question answers keys pressed after it was drawn.
            assert!(self.process(Action::Settled));
            assert!(self.process(Action::Run(aims::tui::Command::Confirm)));
            let after = self.app.draft();
            // A form of an existing record opens on the record as it is
            // now; the field's text, and a new record's form, as kept.
            let field = |d: &Option<aims::tui::Draft>| d.as_ref().and_then(|d| d.field.clone());
            if before.field.as_ref().is_some_and(|(f, _, _)| {
                !f.record.is_new() && self.shadow.is_broken(&f.record.path().unwrap_or_default())
            }) {
                return true;
            }
            assert_eq!(
                field(&after).map(|(f, text, _)| (f, text)),
                before.field.clone().map(|(f, text, _)| (f, text)),
                "the editor did not come back as it was\nafter {:#?}",
                self.log
            );
            if let Some((target, record, _)) = &before.form
                && target.is_new()
            {
                let form = after.and_then(|d| d.form).expect("the new form is back");
                assert_eq!(form.1.to_json(), record.to_json(), "the new form's values");
            }
        }
        true
    }

    fn check(&mut self) {
        self.sync_shadow();
        for (path, keys) in &self.theirs {
            if self.conflicts.contains(path) {
                continue;
            }
            let text = self
                .disk
                .get(path)
                .map(|b| String::from_utf8_lossy(b).into_owned());
            let text = text.unwrap_or_else(|| {
                panic!(
                    "{path}, changed by someone else, was removed unseen\nafter {:#?}",
                    self.log
                )
            });
            for key in keys {
                assert!(
                    text.contains(key.as_str()),
                    "{path}: their `{key}` was overwritten without a conflict shown\nafter {:#?}",
                    self.log
                );
            }
        }
        let new: Vec<_> = errors(&self.shadow)
            .difference(&self.allowed)
            .cloned()
            .collect();
        assert!(
            new.is_empty(),
            "the app's writes made errors {new:#?}\nafter {:#?}",
            self.log
        );
        let workspace = self.app.workspace().expect("loaded");
        // A file with a conflict still open holds my version in memory
        // until the reviewer chooses; that is the question, not a drift.
        let asked: BTreeSet<String> = self
            .app
            .popups()
            .iter()
            .filter_map(|p| match p {
                aims::tui::Popup::Conflict { record, .. } => Some(record.path()),
                _ => None,
            })
            .collect();
        let differ = differences(&workspace.records, &self.shadow.records, |path| {
            self.pending.contains(path)
                || asked.contains(path)
                || self.app.unsaved().contains(path)
                || self.shadow.is_broken(path)
                || workspace.is_broken(path)
        });
        assert!(
            differ.is_empty(),
            "the app holds (first) other than the disk (second): {differ:#?}\nafter {:#?}",
            self.log
        );
    }

    /// At the end: everything reported, and a fresh load agrees with the
    /// files as the session read them.
    fn finish(&mut self) {
        self.announce();
        self.check();
        let fresh = self.example.load();
        let new: Vec<_> = errors(&fresh).difference(&self.allowed).cloned().collect();
        assert!(
            new.is_empty(),
            "errors on a fresh load {new:#?}\nafter {:#?}",
            self.log
        );
        let differ = differences(&fresh.records, &self.shadow.records, |_| false);
        assert!(
            differ.is_empty(),
            "a fresh load reads other records than reloading did: {differ:#?}"
        );
    }
}

/// What a draft keeps, comparable: the form (by its values), the field
/// and its text, and the unwritten records' text.
type KeptWork = (
    Option<(aims::tui::RecordRef, serde_json::Value, usize)>,
    Option<(aims::tui::FieldRef, String, String)>,
    Vec<String>,
);

fn kept_work(draft: &aims::tui::Draft) -> KeptWork {
    (
        draft
            .form
            .as_ref()
            .map(|(target, record, selected)| (target.clone(), record.to_json(), *selected)),
        draft.field.clone(),
        draft.unsaved.iter().map(|(r, _)| r.to_text()).collect(),
    )
}

#[test]
fn random_sessions_never_panic_and_keep_disk_and_app_in_step() {
    let mut runner = common::proptest_runner(64);
    let session = (
        select(SIZES),
        any::<bool>(),
        proptest::collection::vec(step(), 0..=48),
    );
    let result = runner.run(&session, |(size, colour, steps)| {
        let mut session = Session::new(size, colour);
        for step in &steps {
            if !session.step(step) {
                break;
            }
        }
        session.finish();
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
