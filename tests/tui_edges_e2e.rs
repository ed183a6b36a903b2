//! End-to-end runs of the real binary in a pseudo-terminal for the breaks
//! that asked for one write path: a paste past the record size cap, keys
//! typed on into a conflict that appeared meanwhile, an edit after the
//! workspace folder was renamed, and `a` on a file with merge-conflict
//! markers. Each checks the screen, the files and the exit code.

mod common;

use common::Example;
use common::pty::{Env, Session};

/// Selects control `id` with the filter; one match, so Enter keeps it.
fn select_control(aims: &mut Session, id: &str) {
    aims.send_and_wait(&format!("/{id}"), &format!("/{id}"));
    aims.send("\r");
    aims.wait_for(&format!("{id} "));
}

#[test]
fn a_huge_paste_is_refused_with_the_text_kept_in_the_editor() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    select_control(&mut aims, "A.4.2");
    aims.send_and_wait("J", "Justification of A.4.2");
    // A bracketed paste, as a terminal sends one: 1.1 MB in one piece.
    let line = "Pasted by mistake, far too long for one record. ";
    let paste = line.repeat(1_100_000 / line.len());
    aims.send(&format!("\x1b[200~{paste}\x1b[201~"));
    aims.wait_for("Pasted by mistake");
    aims.esc();
    aims.wait_for("Not saved: the text stays here");
    aims.wait_for("over the 1 MiB");
    let screen = aims.screen();
    assert!(screen.contains("Justification of A.4.2"), "{screen}");
    assert!(!example.exists("soa/A.4.2.yaml"), "nothing written");
    // The text is still there to shorten: select it all away, and a short
    // one goes through.
    aims.send("\x01"); // Ctrl-a: to the start of the line
    aims.send("\x0b"); // Ctrl-k: cut to its end
    aims.send_and_wait("Short.", "Short.");
    aims.esc_and_wait_gone("Justification of A.4.2");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\njustification: Short.\n"
    );
}

#[test]
fn typing_on_into_a_conflict_never_answers_it() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    select_control(&mut aims, "A.2.3");
    // Someone changes the file, and before aims has noticed, the reviewer
    // stamps the review and goes on typing words full of m and t.
    let theirs = example
        .read("soa/A.2.3.yaml")
        .replace("owner: Daniel Okafor", "owner: Someone Else");
    example.write("soa/A.2.3.yaml", &theirs);
    aims.send("rImmaterial, mostly; that is it");
    aims.wait_for("soa/A.2.3.yaml changed on disk");
    aims.send("mmm ttt");
    aims.wait_for("Ctrl-o keeps yours");
    aims.wait_gone("Someone else changed this file");
    assert_eq!(
        example.read("soa/A.2.3.yaml"),
        theirs,
        "nothing overwritten"
    );
    assert!(aims.screen().contains("changed on disk"));
    aims.send_and_wait("\x14", "reloaded soa/A.2.3.yaml"); // Ctrl-t: theirs
    assert_eq!(aims.quit(), 0);
    assert_eq!(example.read("soa/A.2.3.yaml"), theirs);
}

#[test]
fn an_edit_after_the_folder_was_renamed_is_refused_and_recreates_nothing() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    select_control(&mut aims, "A.2.3");
    let moved = example.root().with_file_name("renamed-meanwhile");
    std::fs::rename(example.root(), &moved).expect("rename the workspace");
    aims.send(" ");
    aims.wait_for("is gone");
    assert!(
        !example.root().exists(),
        "the old path was created again to make the write succeed"
    );
    // q asks, because what is shown is not on disk; y quits.
    aims.send_and_wait("q", "Quit?");
    aims.send("y");
    assert_eq!(aims.wait_exit(), 0);
    assert!(!example.root().exists());
    std::fs::rename(&moved, example.root()).expect("rename back");
}

#[test]
fn no_editor_opens_on_a_file_with_merge_conflict_markers() {
    let example = Example::new();
    let env = Env::new();
    let conflicted = "control: A.4.2\n<<<<<<< HEAD\napplicable: true\n=======\napplicable: false\n>>>>>>> theirs\n";
    example.write("soa/A.4.2.yaml", conflicted);
    let mut aims = Session::start(example.root(), &env).loaded();
    select_control(&mut aims, "A.4.2");
    aims.send("a");
    aims.wait_for("soa/A.4.2.yaml:");
    let screen = aims.wait_for("fix the file first");
    assert!(!screen.contains("Justification of A.4.2"), "{screen}");
    // Typing goes nowhere it could be lost: no editor is open to take it.
    aims.send("Some text");
    assert_eq!(aims.quit(), 0);
    assert_eq!(example.read("soa/A.4.2.yaml"), conflicted);
}

/// After a `git merge` leaves markers in a record, the real binary shows
/// both sides from `!`, takes theirs for one key, and writes the file clean.
#[test]
fn a_merge_conflict_is_resolved_in_the_running_binary() {
    let example = Example::new();
    let env = Env::new();
    example.write(
        "soa/A.5.2.yaml",
        "control: A.5.2\napplicable: true\n<<<<<<< HEAD\nstatus: partial\n=======\nstatus: implemented\n>>>>>>> review\n",
    );
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.wait_for("1 broken file");
    aims.send_and_wait("!", "Files with errors");
    aims.send_and_wait("\r", "Merge conflict in soa/A.5.2.yaml");
    aims.send_and_wait("l", "● implemented");
    aims.send("\r");
    aims.wait_for("resolved the merge conflict in soa/A.5.2.yaml");
    assert_eq!(
        example.read("soa/A.5.2.yaml"),
        "control: A.5.2\napplicable: true\nstatus: implemented\n"
    );
    aims.wait_gone("1 broken file");
    assert_eq!(aims.quit(), 0);
}
