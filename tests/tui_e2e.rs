//! End-to-end runs of the real `aims` binary in a pseudo-terminal (80x24),
//! with a terminal emulator (vt100) reading its output on a thread. Each
//! test waits for text on the screen, never for a fixed time, so a slow
//! machine makes them slower, not flaky; and each wait after keys is for
//! text only those keys bring (see `send_and_wait`).

mod common;

use std::time::{Duration, Instant};

use common::Example;
use common::pty::{Env, PATIENCE, Session};

/// From the first row, down to A.4.2 (an undecided control).
#[track_caller]
fn go_to_a42(aims: &mut Session) {
    // At 80x24 the list clips the title; the detail shows it whole.
    aims.send_and_wait(
        &format!("g{}", "j".repeat(8)),
        "A.4.2 Resource documentation",
    );
}

#[test]
fn x_then_a_justification_then_esc_and_q_writes_the_file_and_exits_0() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    go_to_a42(&mut aims);
    aims.send_and_wait("x", "Justification of A.4.2");
    aims.send_and_wait(
        "We keep no AI resources of our own.",
        "We keep no AI resources of our own.",
    );
    // `x` saved the decision already, so "saved soa/A.4.2.yaml" is on the
    // status line before Esc; what only Esc brings is the editor gone and
    // the text in the control's detail.
    aims.esc_and_wait_gone("Justification of A.4.2");
    aims.wait_for("We keep no AI resources of our own.");
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
    aims.send_and_wait("gj", "Eleanor Whitcombe on");
    // Someone else edits A.2.2 while we have its owner field open.
    aims.send_and_wait("o", "Owner of A.2.2");
    let theirs = example
        .read("soa/A.2.2.yaml")
        .replace("owner: Daniel Okafor", "owner: Aisha Rahman, acting owner");
    aims.act_and_wait(
        |_| example.write("soa/A.2.2.yaml", &theirs),
        &["reloaded soa/A.2.2.yaml"],
    );
    aims.send_and_wait(" Jr\r", "soa/A.2.2.yaml changed on disk");
    assert_eq!(
        example.read("soa/A.2.2.yaml"),
        theirs,
        "nothing overwritten"
    );
    // The comparison shows "Daniel Okafor Jr" already; what only Ctrl-o
    // (keep mine) brings is the write.
    aims.send_and_wait("\x0f", "saved soa/A.2.2.yaml");
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
    go_to_a42(&mut aims);
    aims.act_and_wait(
        |_| {
            example.write(
                "soa/A.4.2.yaml",
                "control: A.4.2\napplicable: false\njustification: Decided in another window.\n",
            )
        },
        &["reloaded soa/A.4.2.yaml", "Decided in another window."],
    );
    aims.send("q");
    assert_eq!(aims.wait_exit(), 0);
}

#[test]
fn text_open_at_a_hangup_is_offered_back_on_the_next_start() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    go_to_a42(&mut aims);
    aims.send_and_wait("J", "Justification of A.4.2");
    aims.send_and_wait(
        "Half a thought about resources",
        "Half a thought about resources",
    );
    // SAFETY: kill(2) with the pid of our own child and a valid signal.
    let sent = unsafe { libc::kill(aims.pid(), libc::SIGHUP) };
    assert_eq!(sent, 0, "SIGHUP sent");
    assert_eq!(
        aims.wait_exit(),
        0,
        "a hangup ends aims normally, its text kept"
    );
    drop(aims);
    assert!(
        !example.exists("soa/A.4.2.yaml"),
        "text in an open editor is not saved to the workspace"
    );
    let kept = std::fs::read_dir(env.state.path().join("aims"))
        .expect("the state folder")
        .count();
    assert_eq!(kept, 1, "one recovery file");

    let mut aims = Session::start(example.root(), &env);
    aims.wait_for("Work kept from last time");
    aims.wait_for("Half a thought about resources");
    // The question names the editor and shows the text; what only `y`
    // brings is the editor itself.
    let screen = aims.send_and_wait("y", "Esc or Ctrl-s keeps the text");
    assert!(!screen.contains("Work kept from last time"), "{screen}");
    assert!(screen.contains("Justification of A.4.2"), "{screen}");
    assert!(
        screen.contains("Half a thought about resources"),
        "{screen}"
    );
    aims.send_and_wait(", now whole.", "resources, now whole.");
    aims.esc_and_wait_gone("Justification of A.4.2");
    aims.send("q");
    assert_eq!(aims.wait_exit(), 0);
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\njustification: Half a thought about resources, now whole.\n"
    );
    let left = std::fs::read_dir(env.state.path().join("aims"))
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
    aims.act_and_wait(
        |aims| aims.resize(12, 50),
        &["Terminal too small", "50x12 here"],
    );
    aims.act_and_wait_gone(|aims| aims.resize(24, 80), "Terminal too small");
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
    let mut previous = String::new();
    for keys in ["", "jjjjjjjj", "jjjjjjjj3", "jjjjjjjj31", "jjjjjjjj312"] {
        let expected = trimmed(&drawn(&example, keys));
        // Otherwise the wait below would pass before the keys are read.
        assert_ne!(expected, previous, "{keys:?} changes nothing on screen");
        previous = expected.clone();
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

/// Two stops in a row with an editor open: the second does not replace
/// the text kept from the first; both are offered, oldest first.
#[test]
fn text_kept_from_two_hangups_is_offered_one_after_the_other() {
    let example = Example::new();
    let env = Env::new();
    for text in ["First kept thought", "Second kept thought"] {
        let mut aims = Session::start(example.root(), &env).loaded();
        if aims.screen().contains("Work kept from last time") {
            aims.esc_and_wait_gone("Work kept from last time");
        }
        go_to_a42(&mut aims);
        aims.send_and_wait("J", "Justification of A.4.2");
        aims.send_and_wait(text, text);
        // SAFETY: kill(2) with the pid of our own child and a valid signal.
        assert_eq!(unsafe { libc::kill(aims.pid(), libc::SIGHUP) }, 0);
        assert_eq!(
            aims.wait_exit(),
            0,
            "a hangup ends aims normally, its text kept"
        );
    }
    for text in ["First kept thought", "Second kept thought"] {
        let mut aims = Session::start(example.root(), &env);
        aims.wait_for("Work kept from last time");
        aims.wait_for(text);
        // Ctrl-x drops it: a deliberate key, so typing cannot.
        aims.send_and_wait_gone("\x18", "Work kept from last time");
        aims.send("q");
        assert_eq!(aims.wait_exit(), 0);
    }
}
