//! The one write path and its invariants, tried the way the issue that
//! asked for them found them broken: a paste past the record size cap, an
//! edit after the workspace folder was renamed, keys typed into a conflict
//! popup, an editor on a file with merge-conflict markers, "keep mine" over
//! a second change, and random records that must read back as written.

mod common;

use aims::model::{AiSystem, Fields, SoaEntry};
use aims::tui::{Action, Popup, RecordRef, process};
use aims::workspace::{Record, SaveError, SaveOutcome};
use common::{Dir, Example, ch, ctrl, enter, esc, keys, notice, press, select_control};
use proptest::prelude::*;

/// A record aims writes must read back as the same record: long,
/// multi-line, Unicode, control characters and text that looks like YAML.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[a-z :#\\-\\[\\]{}|>&*!%@`'\"]{0,30}",
        "(yes|no|null|~|true|1\\.0|0x1F|2026-02-30|- x|a: b|# c|\\? q|--- )",
        "[\\PC\\t]{0,12}\n[\\PC]{0,12}\n?",
        "[\u{0}-\u{1f}\u{7f}\u{200e}\u{202e}\u{feff}]{1,6}",
        "\\PC{200,400}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn every_record_aims_writes_reads_back_equal(
        name in text().prop_filter("a name is not blank", |t| !t.trim().is_empty()),
        description in text(),
        owner in text(),
        justification in text(),
        notes in text(),
    ) {
        let dir = Dir::with_good_system();
        let mut ws = dir.load();
        let mut system = AiSystem { id: "prop".into(), ..AiSystem::default() };
        let mut typed = Vec::new();
        for (key, value) in [("name", &name), ("description", &description), ("owner", &owner)] {
            typed.push((key, system.set(key, value).is_ok()));
        }
        let mut entry = SoaEntry::new("A.5.2");
        for (key, value) in [("justification", &justification), ("notes", &notes)] {
            let _ = entry.set(key, value);
        }
        for record in [Record::System(system), Record::Soa(entry)] {
            match ws.save(&record) {
                Ok(_) => {
                    let back = aims::workspace::parse_record(&record.path(), &dir.read(&record.path()));
                    let back = back.unwrap_or_else(|| panic!("{} does not read back", record.path()));
                    prop_assert_eq!(back.to_text(), record.to_text());
                }
                // Refused before writing: the file must not exist at all.
                Err(SaveError::Unreadable { .. }) => {
                    prop_assert!(!dir.join(&record.path()).exists());
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
        let reloaded = dir.load();
        prop_assert!(!reloaded.has_errors(), "{:?} {:?}", reloaded.diagnostics, typed);
    }
}

#[test]
fn a_record_over_the_size_cap_is_refused_before_anything_is_written() {
    let dir = Dir::with_good_system();
    let mut ws = dir.load();
    let mut system = ws
        .records
        .systems
        .values()
        .next()
        .cloned()
        .expect("a system");
    let path = aims::model::system_path(&system.id);
    let before = dir.read(&path);
    system.description = Some("x".repeat(1024 * 1024 + 100));
    let refused = ws.save(&Record::System(system)).unwrap_err();
    assert!(
        matches!(refused, SaveError::Unreadable { .. }),
        "{refused:?}"
    );
    assert!(
        refused
            .to_string()
            .contains("over the 1 MiB (1048576 bytes)"),
        "{refused}"
    );
    assert_eq!(dir.read(&path), before, "nothing written");
}

#[test]
fn inventory_set_with_nine_large_fields_is_refused_and_writes_nothing() {
    let dir = Dir::with_good_system();
    let id = dir
        .load()
        .records
        .systems
        .keys()
        .next()
        .cloned()
        .expect("a system");
    let path = aims::model::system_path(&id);
    let before = dir.read(&path);
    // Each value stays under the limit of one argument (128 KiB).
    let big = "y".repeat(120 * 1024);
    let assignments: Vec<String> = [
        "description",
        "vendor",
        "business_unit",
        "model",
        "dpia",
        "data",
        "human_oversight",
        "limitations",
        "eu_ai_act.annex_iii",
    ]
    .iter()
    .map(|key| format!("{key}={big}"))
    .collect();
    let mut args = vec!["inventory".to_string(), "set".to_string(), id.clone()];
    args.extend(assignments);
    let run = dir.cmd(args).run();
    run.expect_code(1);
    assert!(run.stderr.contains("1 MiB"), "{}", run.stderr);
    assert_eq!(dir.read(&path), before, "nothing written");
    assert!(
        !dir.load().has_errors(),
        "the system is still in the inventory"
    );
}

#[test]
fn a_huge_paste_is_refused_and_stays_in_the_editor() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "J");
    let paste = "Pasted by mistake. ".repeat(60_000);
    assert!(process(&mut app, Action::Paste(paste.clone())));
    esc(&mut app);
    let Some(Popup::Text(editor)) = app.popups().last() else {
        panic!("the editor closed and its text went nowhere");
    };
    let error = editor.error.clone().expect("the editor says why");
    assert!(error.contains("1 MiB"), "{error}");
    assert_eq!(app.editor_text(), Some(paste.trim_end().to_string()));
    assert!(!example.exists("soa/A.4.2.yaml"), "nothing written");
}

#[test]
fn writes_after_the_folder_was_renamed_are_refused_and_recreate_nothing() {
    let example = Example::new();
    let mut app = example.app();
    let moved = example.root().with_file_name("renamed-workspace");
    std::fs::rename(example.root(), &moved).expect("rename the workspace");
    select_control(&mut app, "A.2.3");
    keys(&mut app, " ");
    assert!(notice(&app).contains("is gone"), "{}", notice(&app));
    assert!(
        !example.root().exists(),
        "the old path was created again to make the write succeed"
    );
    // The same, from the core: a save refuses.
    let dir = Dir::with_good_system();
    let mut ws = dir.load();
    let system = ws
        .records
        .systems
        .values()
        .next()
        .cloned()
        .expect("a system");
    let away = dir.path().with_file_name("aims-moved-away");
    std::fs::rename(dir.path(), &away).expect("rename");
    let refused = ws.save(&Record::System(system));
    std::fs::rename(&away, dir.path()).expect("rename back");
    assert!(
        matches!(refused, Err(SaveError::WorkspaceGone(_))),
        "{refused:?}"
    );
    std::fs::rename(&moved, example.root()).expect("rename back");
}

/// "a" marks a control applicable and opens its justification editor; the
/// write finds the file changed on disk, and the reviewer, who has not seen
/// the popup yet, goes on typing "Immaterial". Nothing typed may answer it.
#[test]
fn keys_queued_when_a_conflict_appears_never_answer_it() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    let theirs = example
        .read("soa/A.2.3.yaml")
        .replace("owner: Daniel Okafor", "owner: Someone Else");
    example.write("soa/A.2.3.yaml", &theirs);
    // One batch: the key that writes, then the typing, before a frame.
    for c in "rImmaterial, mostly".chars() {
        if let Some(action) = app.action_for_key(ch(c)) {
            assert!(process(&mut app, action));
        }
    }
    assert!(app.conflict().is_some(), "the conflict is still asked");
    assert_eq!(
        example.read("soa/A.2.3.yaml"),
        theirs,
        "nothing overwritten"
    );
    // After the frame, letters still do not answer; a deliberate key does.
    keys(&mut app, "mmmttt");
    assert!(app.conflict().is_some());
    assert_eq!(example.read("soa/A.2.3.yaml"), theirs);
    press(&mut app, ctrl('t'));
    assert!(app.conflict().is_none());
    assert_eq!(example.read("soa/A.2.3.yaml"), theirs, "theirs was taken");
}

#[test]
fn keep_mine_never_writes_over_a_change_made_while_the_popup_was_open() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    let first = example
        .read("soa/A.2.3.yaml")
        .replace("owner: Daniel Okafor", "owner: First Change");
    example.write("soa/A.2.3.yaml", &first);
    keys(&mut app, "r");
    assert!(app.conflict().is_some());
    let second = first.replace("First Change", "Second Change");
    example.write("soa/A.2.3.yaml", &second);
    press(&mut app, ctrl('o'));
    assert_eq!(
        example.read("soa/A.2.3.yaml"),
        second,
        "the second change was overwritten unseen"
    );
    let Some((_, disk)) = app.conflict() else {
        panic!("the popup does not come back with the new change");
    };
    assert_eq!(disk, Some(second.as_str()));
    // Seen now: mine, as the popup showed it, is written over it.
    press(&mut app, ctrl('o'));
    assert!(app.conflict().is_none());
    assert!(
        example
            .read("soa/A.2.3.yaml")
            .contains("reviewed_by: Test Reviewer")
    );
}

#[test]
fn no_editor_opens_on_a_file_with_merge_conflict_markers() {
    let example = Example::new();
    let conflicted = "control: A.5.2\n<<<<<<< HEAD\napplicable: true\n=======\napplicable: false\n>>>>>>> theirs\n";
    example.write("soa/A.5.2.yaml", conflicted);
    let mut app = example.app();
    select_control(&mut app, "A.5.2");
    for key in ["a", "x", "J", "o", "d", "N", "b", "s", "e", "E", "r", " "] {
        keys(&mut app, key);
        assert!(app.popups().is_empty(), "{key:?} opened a popup");
        let said = notice(&app);
        assert!(
            said.starts_with("soa/A.5.2.yaml:") && said.contains("fix the file first"),
            "{key:?}: {said}"
        );
    }
    assert_eq!(example.read("soa/A.5.2.yaml"), conflicted);
    // The same for a system's form.
    let system = "id: bid-writer\n<<<<<<< HEAD\nname: Ours\n=======\nname: Theirs\n>>>>>>> b\n";
    example.write("inventory/bid-writer.yaml", system);
    let mut app = example.app();
    keys(&mut app, "1");
    let row = app.systems().rows.iter().position(|id| id == "bid-writer");
    assert_eq!(
        row, None,
        "a broken system is not listed as if it were fine"
    );
}

#[test]
fn a_new_system_form_is_kept_whole_with_or_without_a_field_open() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n");
    enter(&mut app);
    keys(&mut app, "Résumé screener ✓");
    enter(&mut app);
    let draft = app.draft().expect("an unsaved new form is kept");
    let (target, record, _) = draft.form.clone().expect("the form");
    assert_eq!(target, RecordRef::NewSystem);
    assert_eq!(record.get("name").unwrap(), "Résumé screener ✓");
    assert_eq!(draft.field, None, "no field was open");
    // With a field open, both the form and the text are kept.
    keys(&mut app, "jjjj");
    enter(&mut app);
    keys(&mut app, "Acme Hiring");
    let draft = app.draft().expect("kept");
    assert!(draft.form.is_some());
    let (field, text, _) = draft.field.expect("the open field");
    assert_eq!((field.key(), text.as_str()), ("vendor", "Acme Hiring"));
}

#[test]
fn undo_and_redo_say_what_they_changed() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "a");
    keys(&mut app, "Needed for the resource register.");
    esc(&mut app);
    keys(&mut app, "c");
    keys(&mut app, "u");
    assert_eq!(notice(&app), "undone: A.4.2: undecided -> applicable");
    press(&mut app, ctrl('r'));
    assert_eq!(notice(&app), "redone: A.4.2: applicable -> undecided");
}

#[test]
fn a_save_over_what_was_seen_writes_once_and_reports_it() {
    let dir = Dir::with_good_system();
    let mut ws = dir.load();
    let mut system = ws
        .records
        .systems
        .values()
        .next()
        .cloned()
        .expect("a system");
    let path = aims::model::system_path(&system.id);
    let seen = dir.read(&path).replace("name: ", "name: Theirs ");
    dir.write(&path, &seen);
    system.owner = Some("Mine".into());
    assert_eq!(
        ws.save_over(&Record::System(system.clone()), Some(&seen))
            .expect("written"),
        SaveOutcome::Written(Vec::new())
    );
    assert!(dir.read(&path).contains("owner: Mine"));
}
