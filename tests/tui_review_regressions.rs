//! Regressions a review of the one write path found: each test is a way
//! the reviewer lost typed text or overwrote someone else's change, and
//! names what must hold instead.

mod common;

use aims::tui::{Action, Draft, process};
use aims::workspace::{Base, Fingerprint, Record};
use common::*;

fn soa_disk(example: &Example, id: &str) -> String {
    example.read(&format!("soa/{id}.yaml"))
}

/// A kept folder for recovery files and a way to count them.
fn recovery_folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("a recovery folder")
}

fn count(dir: &tempfile::TempDir) -> usize {
    std::fs::read_dir(dir.path()).map_or(0, |d| d.count())
}

/// A new record whose form is complete but which cannot be written (over
/// 1 MiB) keeps its form, with the reason, instead of vanishing.
#[test]
fn a_new_form_refused_by_the_write_check_stays_open() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n");
    enter(&mut app);
    keys(&mut app, "Big one");
    enter(&mut app);
    keys(&mut app, "jj"); // Description
    enter(&mut app);
    assert_eq!(app.editing().map(|(_, k)| k), Some("description"));
    assert!(process(
        &mut app,
        Action::Paste("Pasted text. ".repeat(90_000))
    ));
    esc(&mut app); // the editor: a new form holds any length
    esc(&mut app); // the form: the write check refuses it
    assert!(!example.exists("inventory/big-one.yaml"));
    assert_eq!(app.popups().len(), 1, "the form stays");
    let draft = app.draft().expect("the form is kept on a hang-up");
    let (_, record, _) = draft.form.expect("the form");
    assert_eq!(record.get("name").unwrap(), "Big one");
}

/// Text under a conflict popup (the field changed on disk while it was
/// typed) is kept on a hang-up, and comes back as the same question.
#[test]
fn text_waiting_in_a_conflict_is_kept_on_a_hang_up() {
    for reloaded_first in [true, false] {
        let example = Example::new();
        let mut app = example.app();
        select_control(&mut app, "A.2.3");
        keys(&mut app, "J");
        keys(&mut app, " MY PRECIOUS TEXT");
        let path = "soa/A.2.3.yaml";
        // Noticed first: a conflict only if they changed the same field.
        let theirs = if reloaded_first {
            soa_disk(&example, "A.2.3")
                .replace("justification: |\n", "justification: |\n  THEIRS\n")
        } else {
            soa_disk(&example, "A.2.3").replace("owner: Daniel Okafor", "owner: Someone Else")
        };
        example.write(path, &theirs);
        if reloaded_first {
            assert!(process(&mut app, Action::FilesChanged(vec![path.into()])));
        }
        esc(&mut app);
        assert!(app.conflict().is_some());
        let draft = app.draft().expect("kept");
        let (record, base) = draft.unsaved.first().expect("the conflicted record");
        assert!(record.to_text().contains("MY PRECIOUS TEXT"));
        assert_eq!(
            *base,
            Base::Ask,
            "it comes back as a question, never written unseen"
        );
    }
}

/// "Keep mine" meets a second change, then the reviewer takes theirs after
/// all: memory must hold theirs, so that the next edit does not write mine.
#[test]
fn taking_theirs_after_a_second_conflict_drops_mine_from_memory() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    let path = "soa/A.2.3.yaml";
    let first = soa_disk(&example, "A.2.3").replace("owner: Daniel Okafor", "owner: First Change");
    example.write(path, &first);
    keys(&mut app, "r");
    assert!(app.conflict().is_some());
    let second = first.replace("First Change", "Second Change");
    example.write(path, &second);
    assert!(process(&mut app, Action::FilesChanged(vec![path.into()])));
    press(&mut app, ctrl('o'));
    assert!(app.conflict().is_some(), "a second conflict");
    press(&mut app, ctrl('t'));
    assert!(app.conflict().is_none());
    let owner = app.workspace().unwrap().records.soa["A.2.3"].owner.clone();
    assert_eq!(owner.as_deref(), Some("Second Change"));
    keys(&mut app, "N");
    keys(&mut app, "note");
    esc(&mut app);
    assert!(soa_disk(&example, "A.2.3").contains("Second Change"));
}

/// A field-level conflict on a hand-written file shows the file as it is
/// (comments too), and "keep mine" writes over exactly that at once.
#[test]
fn a_field_conflict_shows_the_file_and_keep_mine_writes_over_it() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    keys(&mut app, "N");
    keys(&mut app, " mine");
    let path = "soa/A.2.3.yaml";
    let theirs = format!(
        "# a comment\n{}",
        soa_disk(&example, "A.2.3")
            .replace("owner: Daniel Okafor", "owner: Their Owner")
            .replace("notes: |\n", "notes: |\n  THEIRS\n")
    );
    example.write(path, &theirs);
    assert!(process(&mut app, Action::FilesChanged(vec![path.into()])));
    esc(&mut app);
    let (_, disk) = app.conflict().expect("a conflict");
    assert_eq!(
        disk,
        Some(theirs.as_str()),
        "the file as it is, not a rendering"
    );
    press(&mut app, ctrl('o'));
    assert!(app.conflict().is_none(), "no second conflict");
    let disk = soa_disk(&example, "A.2.3");
    assert!(
        disk.contains("owner: Their Owner"),
        "their other change stays"
    );
    assert!(disk.contains(" mine"), "{disk}");
}

/// Work kept by an earlier session is written only over the file as that
/// session read it; a change made between the sessions is shown first.
#[test]
fn kept_work_never_overwrites_a_change_made_between_sessions() {
    let example = Example::new();
    let ws = example.load();
    let mut mine = ws.records.soa["A.2.3"].clone();
    mine.notes = Some("my unsaved note".into());
    let base = Base::File(Fingerprint::of(soa_disk(&example, "A.2.3").as_bytes()));
    let theirs = soa_disk(&example, "A.2.3").replace("owner: Daniel Okafor", "owner: Someone Else");
    example.write("soa/A.2.3.yaml", &theirs);
    let mut app = aims::tui::App::new(example.root().to_path_buf(), REVIEWER.into(), today());
    app.offer_kept_work(Some(Draft {
        form: None,
        field: None,
        unsaved: vec![(Record::Soa(mine), base)],
        saved_at: String::new(),
    }));
    assert!(process(&mut app, Action::Loaded(Box::new(example.load()))));
    assert!(process(&mut app, Action::Settled));
    keys(&mut app, "y");
    assert!(app.conflict().is_some(), "both versions are shown");
    assert_eq!(soa_disk(&example, "A.2.3"), theirs);
}

/// A kept record whose file broke between sessions stays kept (the file is
/// given back), and one whose write fails again keeps its recovery file.
#[test]
fn kept_work_is_not_removed_before_it_is_saved() {
    for broken_between in [true, false] {
        let example = Example::new();
        let state = recovery_folder();
        let mut app = example.app();
        app.keep_recoveries_in(state.path().to_path_buf());
        let moved = example.root().with_file_name("moved");
        std::fs::rename(example.root(), &moved).unwrap();
        select_control(&mut app, "A.2.3");
        keys(&mut app, "r"); // its write fails: the folder is gone
        std::fs::rename(&moved, example.root()).unwrap();
        assert!(!app.unsaved().is_empty());
        assert!(!process(&mut app, Action::Hangup));
        assert_eq!(count(&state), 1, "kept");
        if broken_between {
            example.write(
                "soa/A.2.3.yaml",
                "control: A.2.3\n<<<<<<< HEAD\n=======\n>>>>>>> b\n",
            );
        }
        let draft = aims::tui::claim(state.path(), example.root());
        let mut app = aims::tui::App::new(example.root().to_path_buf(), REVIEWER.into(), today());
        app.keep_recoveries_in(state.path().to_path_buf());
        app.offer_kept_work(draft);
        assert!(process(&mut app, Action::Loaded(Box::new(example.load()))));
        assert!(process(&mut app, Action::Settled));
        if !broken_between {
            std::fs::rename(example.root(), &moved).unwrap();
        }
        keys(&mut app, "y");
        if !broken_between {
            std::fs::rename(&moved, example.root()).unwrap();
        }
        assert_eq!(count(&state), 1, "the kept work is still on disk");
    }
}

/// A failed write of aims.yaml is kept like any other record.
#[test]
fn an_unwritten_manifest_edit_is_kept() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "R");
    enter(&mut app);
    let moved = example.root().with_file_name("moved");
    std::fs::rename(example.root(), &moved).unwrap();
    keys(&mut app, " NEW ORG TEXT");
    enter(&mut app);
    std::fs::rename(&moved, example.root()).unwrap();
    esc(&mut app);
    assert!(app.unsaved().contains("aims.yaml"));
    let draft = app.draft().expect("kept");
    assert_eq!(draft.unsaved.len(), 1);
    assert!(draft.unsaved[0].0.to_text().contains("NEW ORG TEXT"));
}

/// An edit whose write failed is not replaced unseen when someone else's
/// change to the file is reloaded: both are shown.
#[test]
fn a_reload_shows_an_unwritten_edit_against_theirs() {
    let example = Example::new();
    let mut app = example.app();
    let moved = example.root().with_file_name("moved");
    std::fs::rename(example.root(), &moved).unwrap();
    select_control(&mut app, "A.2.3");
    keys(&mut app, "N");
    keys(&mut app, " MINE");
    esc(&mut app);
    std::fs::rename(&moved, example.root()).unwrap();
    assert!(app.unsaved().contains("soa/A.2.3.yaml"));
    let theirs = soa_disk(&example, "A.2.3").replace("owner: Daniel Okafor", "owner: Their Owner");
    example.write("soa/A.2.3.yaml", &theirs);
    assert!(process(
        &mut app,
        Action::FilesChanged(vec!["soa/A.2.3.yaml".into()])
    ));
    let (mine, disk) = app.conflict().expect("both are shown");
    assert!(mine.to_text().contains("MINE"));
    assert_eq!(disk, Some(theirs.as_str()));
}

/// An editor whose record is gone from disk can be closed, deliberately.
#[test]
fn an_editor_whose_record_is_gone_closes_with_ctrl_x() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1");
    let id = app.selected_system_id().unwrap().to_string();
    enter(&mut app);
    keys(&mut app, "j");
    enter(&mut app);
    keys(&mut app, "zz");
    std::fs::remove_file(example.join(&format!("inventory/{id}.yaml"))).unwrap();
    assert!(process(
        &mut app,
        Action::FilesChanged(vec![format!("inventory/{id}.yaml")])
    ));
    esc(&mut app);
    assert!(
        app.editing().is_some(),
        "Esc keeps the text: it cannot be saved"
    );
    press(&mut app, ctrl('x'));
    assert!(
        app.draft().is_some_and(|d| d.field.is_some()),
        "Ctrl-x asks first: the editor is still there"
    );
    keys(&mut app, "y");
    assert!(app.editing().is_none());
    assert!(app.draft().is_none_or(|d| d.field.is_none()));
}

/// A risk's form edits that risk even if the file was re-read with its
/// risks in another order meanwhile.
#[test]
fn an_entry_form_follows_its_entry_when_the_list_is_reordered() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1");
    while app.selected_system_id() != Some("cv-screening") {
        keys(&mut app, "j");
    }
    keys(&mut app, "i");
    let assessment = app.workspace().unwrap().records.impacts["cv-screening"].clone();
    let groups = assessment.impacts.len();
    // Rows: header, the groups, "add a group", then the risks.
    for _ in 0..groups + 2 {
        keys(&mut app, "j");
    }
    enter(&mut app); // the first risk's form
    let first = assessment.risks[0].id.clone();
    // Someone reverses the risks in the file, and aims re-reads it.
    let mut reordered = assessment.clone();
    reordered.risks.reverse();
    example.write(
        "impact/cv-screening.yaml",
        &Record::Impact(reordered).to_text(),
    );
    assert!(process(
        &mut app,
        Action::FilesChanged(vec!["impact/cv-screening.yaml".into()])
    ));
    // The form's Title row: a new title for the risk it was opened on.
    enter(&mut app);
    for _ in 0..80 {
        press(&mut app, code(KeyCode::Backspace));
    }
    keys(&mut app, "Renamed in its form");
    enter(&mut app);
    let after = example.load().records.impacts["cv-screening"].clone();
    let renamed = after
        .risks
        .iter()
        .find(|r| r.title == "Renamed in its form")
        .expect("written");
    assert_eq!(renamed.id, first, "the title went to another risk");
}
