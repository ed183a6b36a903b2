//! End-to-end checks of the promises the README makes about keeping work
//! and about files, each on the real `aims` binary in a pseudo-terminal
//! (80x24) read by a terminal emulator (vt100). Every step waits for
//! something on screen that only the step itself can cause, never for a
//! fixed time, and each test checks the files on disk and the exit code, so
//! that it fails when its promise breaks.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::Example;
use common::pty::{Env, Session};

/// Sends `signal` to aims and waits for it to stop; its exit code.
#[track_caller]
fn stop(aims: &mut Session, signal: i32) -> u32 {
    // SAFETY: kill(2) with the pid of our own child and a valid signal.
    assert_eq!(unsafe { libc::kill(aims.pid(), signal) }, 0, "signal sent");
    aims.wait_exit()
}

/// The names of the files in the recovery folder, `$XDG_STATE_HOME/aims`
/// (every file, so a stray temporary file counts too).
fn kept(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = match fs::read_dir(env.state.path().join("aims")) {
        Ok(entries) => entries
            .map(|e| e.expect("a folder entry").file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => panic!("cannot read the recovery folder: {e}"),
    };
    names.sort();
    names
}

/// Selects control `id` on the Controls tab with the filter, as a person
/// would: `/id`, then Enter keeps the filter with the best match selected.
#[track_caller]
fn select_control(aims: &mut Session, id: &str) {
    aims.send(&format!("/{id}"));
    aims.wait_for(&format!("/{id}"));
    aims.send("\r");
}

/// Opens the justification editor of control `id`.
#[track_caller]
fn justify(aims: &mut Session, id: &str) {
    select_control(aims, id);
    aims.send("J");
    aims.wait_for(&format!("Justification of {id}"));
}

/// Waits for the screen to show the recovery question and answers `y`.
#[track_caller]
fn take_kept_work(aims: &mut Session) {
    aims.wait_for("Work kept from last time");
    aims.send("y");
    aims.wait_gone("Work kept from last time");
}

/// Every file under `root`, by path relative to it, with its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read a folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .expect("under the root")
                    .to_path_buf();
                out.insert(rel, fs::read(&path).expect("read a file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Every cell of the screen, with its row and column.
fn cells(screen: &vt100::Screen) -> impl Iterator<Item = (u16, u16, &vt100::Cell)> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    (0..rows).flat_map(move |row| {
        (0..cols).map(move |col| (row, col, screen.cell(row, col).expect("a cell")))
    })
}

/// 1. A new system's form open at a hang-up comes back on the next start as
///    the same form with what was typed in place, both with no field open
///    and with a field's editor open inside it; closing it creates the file.
#[test]
fn a_new_system_form_open_at_a_hangup_comes_back_with_its_text() {
    let example = Example::new();
    let env = Env::new();

    // No field open: the name was typed and confirmed, the form is open.
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("1");
    aims.wait_for("Inventory: 13 of 13 systems");
    aims.send("n");
    aims.wait_for("New AI system");
    aims.send("\r");
    aims.send("Payroll Anomaly Detector");
    aims.wait_for("Payroll Anomaly Detector");
    aims.send("\r");
    // The id is derived from the name once the name is kept.
    aims.wait_for("payroll-anomaly-detector");
    assert_eq!(stop(&mut aims, libc::SIGHUP), 0);
    drop(aims);
    assert!(!example.exists("inventory/payroll-anomaly-detector.yaml"));
    assert_eq!(kept(&env).len(), 1, "{:?}", kept(&env));

    let mut aims = Session::start(example.root(), &env).loaded();
    take_kept_work(&mut aims);
    let screen = aims.wait_for("New AI system");
    assert!(screen.contains("Payroll Anomaly Detector"), "{screen}");
    assert!(screen.contains("payroll-anomaly-detector"), "{screen}");
    aims.esc();
    aims.wait_for("added inventory/payroll-anomaly-detector.yaml");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("inventory/payroll-anomaly-detector.yaml"),
        "id: payroll-anomaly-detector\nname: Payroll Anomaly Detector\n"
    );
    assert_eq!(kept(&env), Vec::<String>::new());

    // A field's editor open inside the new form: both come back.
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("1");
    aims.wait_for("Inventory: 14 of 14 systems");
    aims.send("n");
    aims.wait_for("New AI system");
    aims.send("\r");
    aims.send("Timesheet Gap Finder");
    aims.wait_for("Timesheet Gap Finder");
    aims.send("\r");
    aims.wait_for("timesheet-gap-finder");
    // Down past the id to the description, and open its editor.
    aims.send("jj\r");
    aims.wait_for("Description of the new system");
    aims.send("Flags weeks with missing hours");
    aims.wait_for("Flags weeks with missing hours");
    assert_eq!(stop(&mut aims, libc::SIGHUP), 0);
    drop(aims);
    assert!(!example.exists("inventory/timesheet-gap-finder.yaml"));
    assert_eq!(kept(&env).len(), 1, "{:?}", kept(&env));

    let mut aims = Session::start(example.root(), &env).loaded();
    take_kept_work(&mut aims);
    // The editor, text in place, over its form.
    let screen = aims.wait_for("Description of the new system");
    assert!(
        screen.contains("Flags weeks with missing hours"),
        "{screen}"
    );
    assert!(screen.contains("New AI system"), "{screen}");
    assert!(screen.contains("Timesheet Gap Finder"), "{screen}");
    // Closing the editor puts its text in the form.
    aims.esc();
    let screen = aims.wait_gone("Description of the new system");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Description") && l.contains("Flags weeks with missing hours")),
        "{screen}"
    );
    assert!(screen.contains("timesheet-gap-finder"), "{screen}");
    aims.esc();
    aims.wait_for("added inventory/timesheet-gap-finder.yaml");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("inventory/timesheet-gap-finder.yaml"),
        "id: timesheet-gap-finder\nname: Timesheet Gap Finder\ndescription: Flags weeks with missing hours\n"
    );
    assert_eq!(kept(&env), Vec::<String>::new());
}

/// 2. SIGTERM and SIGQUIT keep an open justification like SIGHUP does.
#[test]
fn sigterm_and_sigquit_keep_an_open_justification() {
    let example = Example::new();
    let env = Env::new();
    for (signal, control, text) in [
        (libc::SIGTERM, "A.4.2", "Kept through a SIGTERM"),
        (libc::SIGQUIT, "A.4.3", "Kept through a SIGQUIT"),
    ] {
        let path = format!("soa/{control}.yaml");
        let mut aims = Session::start(example.root(), &env).loaded();
        justify(&mut aims, control);
        aims.send(text);
        aims.wait_for(text);
        assert_eq!(stop(&mut aims, signal), 0, "signal {signal}");
        drop(aims);
        assert!(!example.exists(&path), "nothing saved to the workspace");
        assert_eq!(kept(&env).len(), 1, "{:?}", kept(&env));

        let mut aims = Session::start(example.root(), &env).loaded();
        aims.wait_for("Work kept from last time");
        aims.wait_for(text);
        take_kept_work(&mut aims);
        let screen = aims.wait_for(&format!("Justification of {control}"));
        assert!(screen.contains(text), "{screen}");
        aims.esc();
        aims.wait_for(&format!("saved {path}"));
        assert_eq!(aims.quit(), 0);
        assert_eq!(
            example.read(&path),
            format!("control: {control}\njustification: {text}\n")
        );
        assert_eq!(kept(&env), Vec::<String>::new());
    }
}

/// 3. A panic restores the terminal, says where the open text is kept, and
///    the text comes back on the next start. The panic comes from the
///    debug-only `AIMS_TEST_PANIC_AFTER_KEYS` trigger in `src/tui/mod.rs`.
#[test]
fn a_panic_restores_the_terminal_and_keeps_the_open_text() {
    let example = Example::new();
    let env = Env::new();
    let text = "Kept through a crash";
    // The keys handled before the crash: select A.4.2, open its editor, type.
    let keys: usize = ["/A.4.2", "\r", "J", text]
        .iter()
        .map(|k| k.chars().count())
        .sum();
    let mut aims = Session::start_with(
        example.root(),
        &env,
        &[("AIMS_TEST_PANIC_AFTER_KEYS", &keys.to_string())],
    )
    .loaded();
    justify(&mut aims, "A.4.2");
    aims.send(text);
    aims.wait_for(text);
    // The next key panics.
    aims.send("!");
    assert_eq!(aims.wait_exit(), 101, "a panic's exit code");
    aims.assert_restored();
    let files = kept(&env);
    assert_eq!(files.len(), 1, "{files:?}");
    let path = env.state.path().join("aims").join(&files[0]);
    let said = aims.wait_for("stopped on an internal error");
    let unwrapped: String = said.chars().filter(|c| *c != '\n').collect();
    assert!(
        unwrapped.contains(&format!("kept in {}", path.display())),
        "the message names {}:\n{said}",
        path.display()
    );
    drop(aims);
    assert!(!example.exists("soa/A.4.2.yaml"));

    let mut aims = Session::start(example.root(), &env).loaded();
    aims.wait_for("Work kept from last time");
    aims.wait_for(text);
    take_kept_work(&mut aims);
    let screen = aims.wait_for("Justification of A.4.2");
    assert!(screen.contains(text), "{screen}");
    assert!(!screen.contains(&format!("{text}!")), "{screen}");
    aims.esc();
    aims.wait_for("saved soa/A.4.2.yaml");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        format!("control: A.4.2\njustification: {text}\n")
    );
    assert_eq!(kept(&env), Vec::<String>::new());
}

/// 4. One hang-up, with a form and a field's editor open, writes exactly one
///    recovery file; once its work is offered and saved, none remain (even
///    before aims quits).
#[test]
fn one_hangup_writes_one_recovery_file_and_none_remain_once_saved() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("1");
    aims.wait_for("Inventory: 13 of 13 systems");
    aims.send("n");
    aims.wait_for("New AI system");
    aims.send("\r");
    aims.send("Rota Planner");
    aims.wait_for("Rota Planner");
    aims.send("\r");
    aims.wait_for("rota-planner");
    aims.send("jj\r");
    aims.wait_for("Description of the new system");
    aims.send("Plans the rota");
    aims.wait_for("Plans the rota");
    assert_eq!(stop(&mut aims, libc::SIGHUP), 0);
    drop(aims);
    let files = kept(&env);
    assert_eq!(files.len(), 1, "exactly one recovery file: {files:?}");
    assert!(
        files[0].starts_with("recovery-workspace-example-") && files[0].ends_with(".json"),
        "{files:?}"
    );

    let mut aims = Session::start(example.root(), &env).loaded();
    aims.wait_for("Work kept from last time");
    assert_eq!(kept(&env).len(), 1, "taken, not copied: {:?}", kept(&env));
    take_kept_work(&mut aims);
    aims.wait_for("Description of the new system");
    aims.esc();
    aims.wait_gone("Description of the new system");
    aims.esc();
    aims.wait_for("added inventory/rota-planner.yaml");
    assert_eq!(
        kept(&env),
        Vec::<String>::new(),
        "the file goes once its work is saved"
    );
    assert_eq!(aims.quit(), 0);
    assert_eq!(kept(&env), Vec::<String>::new());
    assert_eq!(
        example.read("inventory/rota-planner.yaml"),
        "id: rota-planner\nname: Rota Planner\ndescription: Plans the rota\n"
    );
}

/// Waits until a session has loaded the workspace; whether it offers kept work.
#[track_caller]
fn offers_kept_work(aims: &Session) -> bool {
    // The question comes in the same frame as the loaded workspace.
    let screen = aims.wait_until("the workspace loaded", |s| {
        s.contains("A.2.2 AI policy") || s.contains("Work kept from last time")
    });
    screen.contains("Work kept from last time")
}

/// 5. Two aims started together after a hang-up: exactly one offers the kept
///    work; Esc there leaves it for the next start; neither removes the
///    other's.
#[test]
fn two_aims_started_together_offer_kept_work_once() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    justify(&mut aims, "A.4.2");
    aims.send("Kept before the two");
    aims.wait_for("Kept before the two");
    assert_eq!(stop(&mut aims, libc::SIGHUP), 0);
    drop(aims);
    let first = kept(&env);
    assert_eq!(first.len(), 1, "{first:?}");

    let one = Session::start(example.root(), &env);
    let two = Session::start(example.root(), &env);
    let offers = [offers_kept_work(&one), offers_kept_work(&two)];
    assert_eq!(
        offers.iter().filter(|o| **o).count(),
        1,
        "exactly one offers the kept work: {offers:?}\n{}\n{}",
        one.screen(),
        two.screen()
    );
    let (mut offering, mut other) = if offers[0] { (one, two) } else { (two, one) };
    let screen = offering.wait_for("Kept before the two");
    assert!(screen.contains("Work kept from last time"), "{screen}");
    assert!(!other.screen().contains("Kept before the two"));

    // The other stops with work of its own while the first still holds
    // the file: it keeps its own and leaves the first's alone.
    justify(&mut other, "A.4.3");
    other.send("The other's own");
    other.wait_for("The other's own");
    assert_eq!(stop(&mut other, libc::SIGHUP), 0);
    drop(other);
    let now = kept(&env);
    assert_eq!(now.len(), 2, "{now:?}");
    assert!(
        now.iter()
            .any(|n| n.starts_with(&first[0]) && n.contains(".claimed-")),
        "the first file is still there, held by the first aims: {now:?}"
    );

    // Esc: later. The file is back under its name, for the next start.
    offering.esc();
    offering.wait_for("offered again next time");
    let now = kept(&env);
    assert!(now.contains(&first[0]), "{now:?}");
    assert_eq!(now.len(), 2, "{now:?}");
    assert_eq!(offering.quit(), 0);
    assert_eq!(kept(&env), now, "quitting removes nothing");
    assert!(!example.exists("soa/A.4.2.yaml"));
    assert!(!example.exists("soa/A.4.3.yaml"));

    // The next start offers the oldest again, and the one after it the
    // other's; each is dropped with Ctrl-x here.
    for text in ["Kept before the two", "The other's own"] {
        let mut aims = Session::start(example.root(), &env);
        aims.wait_for("Work kept from last time");
        aims.wait_for(text);
        aims.send("\x18");
        aims.wait_for("the kept work was discarded");
        assert_eq!(aims.quit(), 0);
    }
    assert_eq!(kept(&env), Vec::<String>::new());
}

/// 6. Escape sequences and bidirectional controls in file text are shown
///    visibly and never reach the terminal: no title set, no colour changed.
#[test]
fn escape_sequences_in_file_text_are_shown_not_sent() {
    let example = Example::new();
    let env = Env::new();
    // YAML's own escapes put ESC (\e), BEL (\a) and U+202E in the name.
    example.write(
        "inventory/aaa-evil.yaml",
        "id: aaa-evil\nname: \"Aardvark \\e]0;pwned\\a \\e[31mRED\\e[0m \\u202Eflipped\"\nowner: Priya Shah\n",
    );
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("1");
    aims.wait_for("Inventory: 14 of 14 systems");
    // Only the evil system in the table, so nothing else is coloured red.
    aims.send("/Aardvark");
    aims.wait_for("/Aardvark");
    // One match left: Enter opens its form, which shows the name too.
    aims.send("\r");
    let form = aims.wait_for("Enter edits a field");
    assert!(
        form.contains("Aardvark ^[]0;pwned^G ^[[31mRED^[[0m <U+202E>fl"),
        "{form}"
    );
    aims.esc();
    aims.wait_gone("Enter edits a field");
    let screen = aims.wait_for("flipped (aaa-evil)");
    assert!(
        screen.contains("Aardvark ^[]0;pwned^G ^[[31mRED^[[0m <U+202E>flipped"),
        "{screen}"
    );
    assert!(!screen.contains('\u{202E}'), "{screen}");
    aims.inspect(|screen, seen| {
        for (what, set) in [("title", &seen.title), ("icon name", &seen.icon_name)] {
            assert!(
                set.as_deref()
                    .is_none_or(|t| !t.windows(5).any(|w| w == b"pwned")),
                "the {what} was set from file text: {set:?}"
            );
        }
        for (row, col, cell) in cells(screen) {
            for colour in [cell.fgcolor(), cell.bgcolor()] {
                assert!(
                    !matches!(colour, vt100::Color::Idx(1 | 9)),
                    "cell {row},{col} ({:?}) is red:\n{}",
                    cell.contents(),
                    screen.contents()
                );
            }
        }
    });
    assert_eq!(aims.quit(), 0);
    aims.assert_restored();
}

/// 7. Undo of an edit of a file someone else changed meanwhile does not
///    write over their change, whether aims noticed the change first or
///    the undo reaches the file first.
#[test]
fn undo_over_a_file_changed_by_someone_else_keeps_their_text() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("gj");
    aims.wait_for("Eleanor Whitcombe on");
    aims.send("o");
    aims.wait_for("Owner of A.2.2");
    aims.send(" Jr\r");
    aims.wait_for("saved soa/A.2.2.yaml");
    let mine = example.read("soa/A.2.2.yaml");
    assert!(mine.contains("owner: Daniel Okafor Jr\n"), "{mine}");

    // The undo reaches the file before aims notices the change. A change
    // to another file, once reported, shows the watcher has seen our
    // write; their change then keeps the size and time, so the watcher
    // never reports it.
    example.write(
        "soa/A.2.3.yaml",
        &format!("{}# touched\n", example.read("soa/A.2.3.yaml")),
    );
    aims.wait_for("reloaded soa/A.2.3.yaml");
    let path = example.join("soa/A.2.2.yaml");
    let stamp = fs::metadata(&path)
        .expect("the file")
        .modified()
        .expect("a time");
    let theirs = mine.replace("owner: Daniel Okafor Jr", "owner: Graham Pettit Jr");
    assert_eq!(theirs.len(), mine.len());
    // Written beside it with the same time, then renamed over it, so the
    // watcher never sees a moment where size or time differ.
    let beside = example.join("soa/.theirs.tmp");
    fs::write(&beside, &theirs).expect("their change");
    fs::File::options()
        .write(true)
        .open(&beside)
        .and_then(|f| f.set_modified(stamp))
        .expect("keep the time");
    fs::rename(&beside, &path).expect("their change in place");
    aims.send("u");
    // What the undo's write found comes in the frame after the key: the
    // conflict, or its notice if it wrote.
    let screen = aims.wait_until("the answer to u", |s| {
        s.contains("undone:") || s.contains("soa/A.2.2.yaml changed on disk")
    });
    assert_eq!(example.read("soa/A.2.2.yaml"), theirs, "not overwritten");
    assert!(
        screen.contains("soa/A.2.2.yaml changed on disk"),
        "the conflict is shown:\n{screen}"
    );
    aims.send("\x14"); // Ctrl-t: take theirs
    let screen = aims.wait_gone("soa/A.2.2.yaml changed on disk");
    assert!(screen.contains("Owner     Graham Pettit Jr"), "{screen}");
    assert_eq!(example.read("soa/A.2.2.yaml"), theirs);

    // aims notices the change first: undo has nothing of that file left.
    aims.send("o");
    aims.wait_for("Owner of A.2.2");
    aims.send(" II\r");
    aims.wait_for("saved soa/A.2.2.yaml");
    let mine = example.read("soa/A.2.2.yaml");
    let theirs = mine.replace("owner: Graham Pettit Jr II", "owner: Aisha Rahman, acting");
    assert_ne!(theirs, mine);
    example.write("soa/A.2.2.yaml", &theirs);
    aims.wait_for("reloaded soa/A.2.2.yaml");
    aims.send("u");
    let screen = aims.wait_until("the answer to u", |s| {
        s.contains("nothing to undo") || s.contains("undone:")
    });
    assert_eq!(example.read("soa/A.2.2.yaml"), theirs, "not overwritten");
    assert!(screen.contains("nothing to undo"), "{screen}");
    assert_eq!(aims.quit(), 0);
    assert_eq!(example.read("soa/A.2.2.yaml"), theirs);
}

/// Makes creating files in a folder fail (root: `chattr +i`; otherwise
/// mode 0555), and undoes it when dropped, so the temporary folder can be
/// removed whatever happens.
struct Unwritable {
    dir: PathBuf,
    immutable: bool,
    mode: Option<u32>,
}

impl Unwritable {
    #[track_caller]
    fn new(dir: &Path) -> Unwritable {
        use std::os::unix::fs::PermissionsExt;
        let mut guard = Unwritable {
            dir: dir.to_path_buf(),
            immutable: false,
            mode: None,
        };
        guard.immutable = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if guard.blocks() {
            return guard;
        }
        let mode = fs::metadata(dir).expect("the folder").permissions().mode();
        guard.mode = Some(mode);
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).expect("chmod");
        if guard.blocks() {
            return guard;
        }
        panic!(
            "cannot make {} unwritable here (chattr +i failed or did nothing, and mode 0555 does not stop this user): the write-failure test cannot run on this machine",
            dir.display()
        );
    }

    /// Whether creating a file in the folder fails now.
    fn blocks(&self) -> bool {
        let probe = self.dir.join(".probe");
        match fs::write(&probe, "x") {
            Ok(()) => {
                let _ = fs::remove_file(&probe);
                false
            }
            Err(_) => true,
        }
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.dir)
                .status();
        }
        if let Some(mode) = self.mode {
            let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(mode));
        }
    }
}

/// 8. A write that really fails: the notice says so, `q` asks before
///    quitting, and the next start offers the unwritten edit and writes it.
#[test]
fn a_failed_write_is_reported_asked_about_and_offered_back() {
    let example = Example::new();
    let env = Env::new();
    let blocked = Unwritable::new(&example.join("soa"));
    let mut aims = Session::start(example.root(), &env).loaded();
    select_control(&mut aims, "A.4.2");
    aims.wait_for("Decision  undecided");
    assert!(!aims.screen().contains("cannot write"));
    aims.send("a");
    aims.wait_for("Justification of A.4.2");
    aims.wait_for("cannot write");
    aims.send("Needed for the audit");
    aims.wait_for("Needed for the audit");
    aims.esc();
    let screen = aims.wait_gone("Justification of A.4.2");
    assert!(screen.contains("cannot write"), "{screen}");
    assert!(!example.exists("soa/A.4.2.yaml"));
    aims.send("q");
    aims.wait_for("could not be written");
    aims.send("y");
    assert_eq!(aims.wait_exit(), 0);
    aims.assert_restored();
    drop(aims);
    assert!(!example.exists("soa/A.4.2.yaml"));
    assert_eq!(kept(&env).len(), 1, "{:?}", kept(&env));
    drop(blocked);

    let mut aims = Session::start(example.root(), &env).loaded();
    aims.wait_for("Work kept from last time");
    aims.wait_for("could not be written to soa/A.4.2.yaml");
    take_kept_work(&mut aims);
    aims.wait_for("saved soa/A.4.2.yaml");
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\napplicable: true\njustification: Needed for the audit\n"
    );
    assert_eq!(kept(&env), Vec::<String>::new());
    assert_eq!(aims.quit(), 0);
}

/// 9. On a workspace of hand-written files (comments, odd layout), one edit
///    changes the bytes of exactly one file, and nothing else on disk.
#[test]
fn one_edit_writes_only_its_own_file() {
    let example = Example::new();
    let env = Env::new();
    let hand = |rel: &str, edit: &dyn Fn(String) -> String| {
        let text = example.read(rel);
        let changed = edit(text.clone());
        assert_ne!(changed, text, "{rel} was made hand-written");
        example.write(rel, &changed);
    };
    hand("aims.yaml", &|t| {
        format!("# Our AI management system\n\n{t}# end\n")
    });
    hand("soa/A.2.2.yaml", &|t| {
        format!("# Agreed by the partners\n{t}").replace(
            "status: implemented",
            "status:   implemented   # since March",
        )
    });
    hand("soa/A.2.3.yaml", &|t| {
        t.replace(
            "basis: [risk, best_practice]",
            "basis:\n- risk\n- 'best_practice'\n\n",
        )
    });
    hand("inventory/bid-writer.yaml", &|t| {
        t.replace(
            "name: Bid drafting assistant",
            "name: 'Bid drafting assistant'  # working title",
        )
    });
    hand("impact/cv-screening.yaml", &|t| {
        format!("\n\n# Reviewed by HR\n{t}\n")
    });
    let ws = example.load();
    let errors: Vec<String> = ws
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let before = files(example.root());

    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("gj");
    aims.wait_for("Eleanor Whitcombe on");
    aims.send("r");
    aims.wait_for("A.2.2 reviewed by tester on 2026-11-26");
    let after = files(example.root());
    let changed: Vec<&PathBuf> = after
        .keys()
        .chain(before.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(changed, [Path::new("soa/A.2.2.yaml")]);
    assert!(
        example
            .read("soa/A.2.2.yaml")
            .contains("reviewed_by: tester\n"),
        "{}",
        example.read("soa/A.2.2.yaml")
    );
    assert_eq!(aims.quit(), 0);
    assert_eq!(files(example.root()), after, "quitting writes nothing");
}

/// 10. A hand-written file with a byte-order mark and CRLF line ends loads,
///     can be edited, and undo puts back its exact bytes.
#[test]
fn undo_puts_back_a_crlf_file_with_a_bom_byte_for_byte() {
    let example = Example::new();
    let env = Env::new();
    let original: Vec<u8> = [
        b"\xEF\xBB\xBF".as_slice(),
        example
            .read("soa/A.2.3.yaml")
            .replace('\n', "\r\n")
            .as_bytes(),
    ]
    .concat();
    fs::write(example.join("soa/A.2.3.yaml"), &original).expect("write");

    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("gjj");
    let screen = aims.wait_for("The AI policy overlaps our");
    assert!(
        !screen.contains("^M"),
        "no carriage return in the text:\n{screen}"
    );
    assert!(!screen.contains("problem"), "{screen}");
    aims.send("r");
    aims.wait_for("A.2.3 reviewed by tester on 2026-11-26");
    let edited = example.read("soa/A.2.3.yaml");
    assert!(edited.contains("reviewed_by: tester\n"), "{edited}");
    let ws = example.load();
    let entry = ws
        .records
        .soa
        .get("A.2.3")
        .expect("A.2.3 loads after the edit");
    assert_eq!(entry.reviewed_by.as_deref(), Some("tester"));
    assert!(
        !ws.diagnostics
            .iter()
            .any(|d| d.to_string().starts_with("soa/A.2.3.yaml")),
        "{:?}",
        common::rendered(&ws)
    );

    aims.send("u");
    aims.wait_for("undone:");
    assert_eq!(
        example.read_bytes("soa/A.2.3.yaml"),
        original,
        "the byte-order mark and CRLF are back"
    );
    assert_eq!(aims.quit(), 0);
    assert_eq!(example.read_bytes("soa/A.2.3.yaml"), original);
}

/// Asserts that on the emulated screen the row showing `selected` (in the
/// first `width` columns) is in reverse video or bold across its first
/// 20 cells, that the row showing `other` is neither, and that no cell
/// anywhere has a colour.
#[track_caller]
fn assert_plain_with_selection(aims: &Session, selected: &str, other: &str, width: usize) {
    aims.inspect(|screen, _| {
        let contents = screen.contents();
        let row_of = |text: &str| {
            contents
                .lines()
                .position(|l| l.chars().take(width).collect::<String>().contains(text))
                .unwrap_or_else(|| panic!("{text} is on screen:\n{contents}")) as u16
        };
        // A row's first 20 cells (after the border) as text, `r` marking
        // reverse video and `b` bold.
        let marks = |row: u16| -> Vec<String> {
            (1..21)
                .map(|col| {
                    let cell = screen.cell(row, col).expect("a cell");
                    let r = if cell.inverse() { "r" } else { "" };
                    let b = if cell.bold() { "b" } else { "" };
                    format!("{}{r}{b}", cell.contents())
                })
                .collect()
        };
        let all = |row: u16, marked: bool| {
            (1..21).all(|col| {
                let cell = screen.cell(row, col).expect("a cell");
                (cell.inverse() || cell.bold()) == marked
            })
        };
        let (selected, other) = (row_of(selected), row_of(other));
        assert!(
            all(selected, true),
            "the selected row shows: {:?}\n{contents}",
            marks(selected)
        );
        assert!(
            all(other, false),
            "other rows are plain: {:?}\n{contents}",
            marks(other)
        );
        for (row, col, cell) in cells(screen) {
            assert_eq!(
                (cell.fgcolor(), cell.bgcolor()),
                (vt100::Color::Default, vt100::Color::Default),
                "cell {row},{col} ({:?}) has a colour:\n{contents}",
                cell.contents()
            );
        }
    });
}

/// 11. With NO_COLOR, the selection still shows (reverse video or bold)
///     and no cell has a colour, in the controls list and the inventory
///     table. (crossterm itself drops colours under NO_COLOR by sending a
///     full attribute reset instead, so a colour that slipped past the
///     theme would show here as a selection that breaks off mid-row.)
#[test]
fn no_color_leaves_no_colour_and_the_selection_still_shows() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start_with(example.root(), &env, &[("NO_COLOR", "1")]).loaded();
    aims.send("gj");
    aims.wait_for("Eleanor Whitcombe on");
    assert_plain_with_selection(&aims, "A.2.2 AI policy", "A.2.3", 32);
    aims.send("1");
    aims.wait_for("Inventory: 13 of 13 systems");
    assert_plain_with_selection(&aims, "Bid drafting assistant", "Calder Freight", 80);
    assert_eq!(aims.quit(), 0);
}
