//! Loading and saving: an untouched workspace written by aims changes no
//! byte, an edit reads back as written, writes are atomic, and a file
//! changed behind our back is never overwritten.

mod common;

use std::fs;

use aims::model::{Evidence, ImpactAssessment, Lifecycle, SoaEntry, Sourcing, Status};
use aims::workspace::{Record, SaveError, SaveOutcome, Workspace};
use common::{Dir, TestCommand, assert_clean, example_path, rendered};

/// Every record of the workspace, manifest first.
fn all_records(ws: &Workspace) -> Vec<Record> {
    let mut records = vec![Record::Manifest(ws.records.manifest.clone())];
    records.extend(ws.records.systems.values().cloned().map(Record::System));
    records.extend(ws.records.soa.values().cloned().map(Record::Soa));
    records.extend(ws.records.impacts.values().cloned().map(Record::Impact));
    records
}

/// Every file under `root`, relative path and bytes, sorted.
fn snapshot(root: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).expect("read a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("inside");
                out.push((rel.display().to_string(), fs::read(&path).expect("read")));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

fn temp_files(root: &std::path::Path) -> Vec<String> {
    snapshot(root)
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| {
            let name = path.rsplit('/').next().unwrap_or(path);
            name.starts_with(".aims-") || name.ends_with(".tmp")
        })
        .collect()
}

#[test]
fn example_workspace_loads_without_errors() {
    let ws = aims::workspace::load(&example_path()).expect("load");
    assert!(!ws.has_errors(), "{:#?}", rendered(&ws));
    assert_eq!(ws.records.systems.len(), 13);
    assert_eq!(ws.records.soa.len(), 29);
    assert_eq!(ws.records.impacts.len(), 3);
}

#[test]
fn saving_every_record_of_the_example_changes_no_byte() {
    let dir = Dir::example();
    let before = snapshot(dir.path());
    let mut ws = dir.load();
    assert!(!ws.has_errors(), "{:#?}", rendered(&ws));
    let records = all_records(&ws);
    assert_eq!(records.len(), 1 + 13 + 29 + 3);
    for record in &records {
        let outcome = ws
            .save(record)
            .unwrap_or_else(|e| panic!("{}: {e}", record.path()));
        assert_eq!(outcome, SaveOutcome::Unchanged, "{}", record.path());
    }
    assert_eq!(snapshot(dir.path()), before);
    assert!(ws.non_canonical().is_empty());
}

#[test]
fn example_text_is_exactly_the_canonical_text() {
    let ws = aims::workspace::load(&example_path()).expect("load");
    for record in all_records(&ws) {
        let disk = fs::read_to_string(example_path().join(record.path())).expect("read");
        assert_eq!(record.to_text(), disk, "{}", record.path());
    }
}

#[test]
fn fmt_check_on_the_example_exits_0_and_prints_nothing() {
    let run = TestCommand::new(["fmt", "--check"])
        .env("NO_COLOR", "1")
        .current_dir(&example_path())
        .run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    let run = TestCommand::new([
        "fmt".as_ref(),
        "--check".as_ref(),
        example_path().as_os_str(),
    ])
    .run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}

#[test]
fn edited_system_reads_back_as_the_edit() {
    let dir = Dir::example();
    let mut ws = dir.load();
    let mut system = ws.records.systems["cv-screening"].clone();
    system.owner = Some("Fiona McAllister".into());
    system.sourcing = Some(Sourcing::Built);
    system.lifecycle = Some(Lifecycle::Decommissioned);
    system.description = Some("Two lines:\n  the second indented, with a # and a: colon\n".into());
    system.limitations = Some("yes".into());
    system.model = Some("\u{1b}[31m red \"quoted\" \\ back".into());
    system.tags = vec!["4.1".into(), "hr".into(), "- dash".into()];
    system.vendor = None;
    assert_eq!(
        ws.save(&Record::System(system.clone())).expect("saved"),
        SaveOutcome::Written(Vec::new())
    );
    let again = dir.load();
    assert_clean(&rendered(&again), "inventory/cv-screening.yaml");
    let back = &again.records.systems["cv-screening"];
    assert_eq!(back.owner, system.owner);
    assert_eq!(back.sourcing, system.sourcing);
    assert_eq!(back.lifecycle, system.lifecycle);
    assert_eq!(back.description, system.description);
    assert_eq!(back.limitations, system.limitations);
    assert_eq!(back.model, system.model);
    assert_eq!(back.tags, system.tags);
    assert_eq!(back.vendor, None);
    assert_eq!(
        (back.eu_role, back.eu_risk, &back.annex_iii, back.gpai),
        (
            system.eu_role,
            system.eu_risk,
            &system.annex_iii,
            system.gpai
        )
    );
    assert_eq!(back.next_review, system.next_review);
    // Same record, same bytes.
    assert_eq!(
        Record::System(back.clone()).to_text(),
        Record::System(system).to_text()
    );
    assert!(!dir.read("inventory/cv-screening.yaml").contains("vendor:"));
}

#[test]
fn edited_soa_entry_reads_back_as_the_edit() {
    let dir = Dir::example();
    let mut ws = dir.load();
    let mut entry = ws.records.soa["A.6.2.4"].clone();
    entry.status = Some(Status::Partial);
    entry.justification = Some("Because: we test.\nEvery release.".into());
    entry.systems = Some(vec![]);
    entry.evidence.push(Evidence {
        reference: "tests/report.pdf".into(),
        note: Some("Signed: yes".into()),
        ..Evidence::default()
    });
    ws.save(&Record::Soa(entry.clone())).expect("saved");
    let again = dir.load();
    let back = &again.records.soa["A.6.2.4"];
    assert_eq!(back.status, entry.status);
    assert_eq!(back.justification, entry.justification);
    assert_eq!(back.systems, Some(vec![]), "an explicit empty list is kept");
    assert_eq!(back.evidence.len(), entry.evidence.len());
    let last = back.evidence.last().expect("evidence");
    assert_eq!(last.reference, "tests/report.pdf");
    assert_eq!(last.note.as_deref(), Some("Signed: yes"));
    assert_eq!(
        Record::Soa(back.clone()).to_text(),
        Record::Soa(entry).to_text()
    );
}

#[test]
fn new_records_are_written_in_canonical_form() {
    let dir = Dir::new();
    let mut ws = dir.load();
    let mut entry = SoaEntry::new("6.1.2");
    entry.status = Some(Status::Planned);
    entry.owner = Some("Priya Shah".into());
    assert_eq!(
        ws.save(&Record::Soa(entry)).expect("saved"),
        SaveOutcome::Written(Vec::new())
    );
    assert_eq!(
        dir.read("soa/6.1.2.yaml"),
        "control: \"6.1.2\"\nstatus: planned\nowner: Priya Shah\n"
    );
    let assessment = ImpactAssessment {
        system: "bot".into(),
        assessed_by: Some("Priya Shah".into()),
        ..ImpactAssessment::default()
    };
    ws.save(&Record::Impact(assessment)).expect("saved");
    assert_eq!(
        dir.read("impact/bot.yaml"),
        "system: bot\nassessed_by: Priya Shah\n"
    );
    let again = dir.load();
    assert_eq!(again.records.soa["6.1.2"].status, Some(Status::Planned));
}

#[test]
fn writing_leaves_no_temporary_files_behind() {
    let dir = Dir::example();
    let mut ws = dir.load();
    for record in all_records(&ws) {
        let record = match record {
            Record::System(mut s) => {
                s.owner = Some("Someone New".into());
                Record::System(s)
            }
            Record::Soa(mut e) => {
                e.notes = Some("Touched.".into());
                Record::Soa(e)
            }
            other => other,
        };
        ws.save(&record).expect("saved");
    }
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    assert!(
        dir.read("inventory/bid-writer.yaml")
            .contains("owner: Someone New\n")
    );
}

#[test]
fn saving_twice_writes_once() {
    let dir = Dir::example();
    let mut ws = dir.load();
    let mut system = ws.records.systems["bid-writer"].clone();
    system.owner = Some("Someone New".into());
    let record = Record::System(system);
    assert_eq!(
        ws.save(&record).expect("saved"),
        SaveOutcome::Written(Vec::new())
    );
    assert_eq!(ws.save(&record).expect("saved"), SaveOutcome::Unchanged);
}

#[test]
fn file_changed_on_disk_since_load_is_a_conflict_and_is_not_overwritten() {
    let dir = Dir::example();
    let mut ws = dir.load();
    let theirs = dir
        .read("inventory/bid-writer.yaml")
        .replace("owner: ", "owner: Changed by a colleague, was ");
    dir.write("inventory/bid-writer.yaml", &theirs);
    let mut system = ws.records.systems["bid-writer"].clone();
    system.owner = Some("Our edit".into());
    let record = Record::System(system);
    match ws.save(&record) {
        Err(SaveError::Conflict { path, disk }) => {
            assert_eq!(path, "inventory/bid-writer.yaml");
            assert_eq!(disk.as_deref(), Some(theirs.as_str()));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(dir.read("inventory/bid-writer.yaml"), theirs);
    assert_eq!(
        ws.save(&record).unwrap_err().to_string(),
        "inventory/bid-writer.yaml changed on disk since it was loaded; not overwritten"
    );
    // Once the user has seen both and chosen ours, it is written over
    // what they saw, but not over a later change.
    dir.write(
        "inventory/bid-writer.yaml",
        &theirs.replace("a colleague", "a second colleague"),
    );
    assert!(matches!(
        ws.save_over(&record, Some(&theirs)),
        Err(SaveError::Conflict { .. })
    ));
    dir.write("inventory/bid-writer.yaml", &theirs);
    assert_eq!(
        ws.save_over(&record, Some(&theirs)).expect("saved"),
        SaveOutcome::Written(Vec::new())
    );
    assert!(
        dir.read("inventory/bid-writer.yaml")
            .contains("owner: Our edit\n")
    );
    assert_eq!(ws.save(&record).expect("saved"), SaveOutcome::Unchanged);
}

#[test]
fn file_deleted_since_load_is_a_conflict() {
    let dir = Dir::example();
    let mut ws = dir.load();
    fs::remove_file(dir.join("soa/A.2.2.yaml")).expect("remove");
    let mut entry = ws.records.soa["A.2.2"].clone();
    entry.notes = Some("Edited.".into());
    match ws.save(&Record::Soa(entry)) {
        Err(SaveError::Conflict { path, disk }) => {
            assert_eq!(path, "soa/A.2.2.yaml");
            assert_eq!(disk, None);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(!dir.join("soa/A.2.2.yaml").exists());
}

#[test]
fn file_created_by_someone_else_since_load_is_a_conflict() {
    let dir = Dir::new();
    let mut ws = dir.load();
    dir.write("soa/A.2.2.yaml", "control: A.2.2\nnotes: Theirs.\n");
    let mut entry = SoaEntry::new("A.2.2");
    entry.notes = Some("Ours.".into());
    assert!(matches!(
        ws.save(&Record::Soa(entry)),
        Err(SaveError::Conflict { .. })
    ));
    assert_eq!(
        dir.read("soa/A.2.2.yaml"),
        "control: A.2.2\nnotes: Theirs.\n"
    );
}

#[test]
fn fmt_rewrites_hand_written_files_and_then_has_nothing_to_do() {
    let dir = Dir::with_manifest("# our AIMS\naims: 1\norganisation:   Test Org\n");
    dir.write(
        "inventory/hand.yaml",
        "name: 'Hand'\nid: hand\nowner: A\ntags:\n  - b\n  - a\n",
    );
    let run = dir.cmd(["fmt", "--check"]).run();
    run.expect_code(1);
    assert_eq!(run.stdout, "aims.yaml\ninventory/hand.yaml\n");
    assert_eq!(
        run.stderr,
        "2 files are not in canonical form; run `aims fmt`\n"
    );
    assert!(dir.read("inventory/hand.yaml").starts_with("name: 'Hand'"));

    let run = dir.cmd(["fmt"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(
        dir.read("aims.yaml"),
        // A manifest that names no catalogues keeps following the default;
        // its comment stays.
        "# our AIMS\naims: 1\norganisation: Test Org\n"
    );
    assert_eq!(
        dir.read("inventory/hand.yaml"),
        "id: hand\nname: Hand\nowner: A\ntags: [b, a]\n"
    );
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    let run = dir.cmd(["fmt", "--check"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_permissions_of_the_file_it_replaces() {
    // Regression: files were written through a 0600 temporary file, so
    // every save made the record unreadable to the rest of the team.
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::example();
    let path = dir.join("inventory/bid-writer.yaml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    let mut ws = dir.load();
    let mut system = ws.records.systems["bid-writer"].clone();
    system.owner = Some("Someone New".into());
    assert_eq!(
        ws.save(&Record::System(system)).expect("saved"),
        SaveOutcome::Written(Vec::new())
    );
    let mode = fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[cfg(unix)]
#[test]
fn new_files_get_the_same_permissions_as_any_other_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    dir.write(
        "reference.txt",
        "made by std::fs::write, under the same umask\n",
    );
    let mut ws = dir.load();
    ws.save(&Record::Soa(SoaEntry::new("A.2.2")))
        .expect("saved");
    let mode = |rel: &str| {
        fs::metadata(dir.join(rel))
            .expect("stat")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("soa/A.2.2.yaml"), mode("reference.txt"));
    let run = dir.cmd(["init", "fresh"]).run();
    run.expect_code(0);
    assert_eq!(mode("fresh/aims.yaml"), mode("reference.txt"));
}
