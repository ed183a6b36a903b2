//! `aims soa list|set`: the Statement of Applicability from the command
//! line, with the interface's checks and messages, on the example
//! workspace. Every run's exit code is checked, and a refused `set` must
//! leave every file byte for byte as it was.

mod common;

use std::collections::BTreeMap;

use common::{Dir, copy_tree, example_path};

fn example() -> Dir {
    let dir = Dir::empty();
    copy_tree(&example_path(), dir.path());
    dir
}

/// Every file of the workspace and its bytes.
fn snapshot(dir: &Dir) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for sub in ["", "inventory", "soa", "impact"] {
        let folder = dir.join(sub);
        for entry in std::fs::read_dir(&folder).expect("a folder").flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                let rel = format!("{sub}/{}", entry.file_name().to_string_lossy());
                files.insert(rel, std::fs::read(entry.path()).expect("read"));
            }
        }
    }
    files
}

fn soa(dir: &Dir, args: &[&str]) -> common::Run {
    let mut all = vec!["soa"];
    all.extend_from_slice(args);
    dir.cmd(all).run()
}

#[test]
fn list_shows_every_control_of_the_catalogues_decided_or_not() {
    let dir = example();
    let run = soa(&dir, &["list"]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("control  title"), "{}", lines[0]);
    // 38 Annex A controls and 32 clause requirements, and the header.
    assert_eq!(lines.len(), 38 + 32 + 1, "{}", run.stdout);
    assert!(run.stdout.contains("A.4.2    Resource documentation"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("A.4.2") && l.contains("undecided"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("4.1 ") && l.contains("mandatory"))
    );

    let run = soa(&dir, &["list", "--format", "json"]);
    run.expect_code(0);
    let json = run.json();
    let list = json.as_array().expect("a list");
    assert_eq!(list.len(), 70);
    let a52 = list
        .iter()
        .find(|c| c["control"] == "A.5.2")
        .expect("A.5.2");
    assert_eq!(a52["decision"], "applicable");
    assert_eq!(a52["mandatory"], false);
    assert!(a52["justification"].is_string());

    let run = soa(&dir, &["list", "--format", "csv"]);
    run.expect_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "control",
            "title",
            "applicable",
            "justification",
            "basis",
            "status",
            "owner",
            "systems",
            "evidence",
            "due",
            "reviewed_by",
            "reviewed_on",
            "risks",
            "notes"
        ]
    );
    assert_eq!(reader.records().count(), 70);
}

#[test]
fn set_changes_the_fields_it_names_and_nothing_else() {
    let dir = example();
    assert!(
        !dir.join("soa/A.4.2.yaml").exists(),
        "A.4.2 starts undecided"
    );
    let run = soa(
        &dir,
        &[
            "set",
            "A.4.2",
            "applicable=true",
            "justification=We keep a register of every tool and dataset.",
            "status=planned",
            "owner=Aisha Rahman",
            "systems=cv-screening,website-chatbot",
            "due=2027-03-31",
        ],
    );
    run.expect_code(0);
    assert_eq!(
        dir.read("soa/A.4.2.yaml"),
        "control: A.4.2\napplicable: true\njustification: We keep a register of every tool and dataset.\nstatus: planned\nowner: Aisha Rahman\nsystems: [cv-screening, website-chatbot]\ndue: 2027-03-31\n"
    );
    assert!(
        run.stderr.contains("updated soa/A.4.2.yaml"),
        "{}",
        run.stderr
    );
    let check = dir.cmd(["check"]).run();
    check.expect_code(0);
    // Clearing a field, and a mandatory clause's status.
    soa(&dir, &["set", "A.4.2", "owner="]).expect_code(0);
    assert!(!dir.read("soa/A.4.2.yaml").contains("owner"));
    soa(&dir, &["set", "9.1", "status=partial"]).expect_code(0);
    assert!(dir.read("soa/9.1.yaml").contains("status: partial"));
}

#[test]
fn set_refuses_what_the_interface_refuses_and_writes_nothing() {
    let dir = example();
    let before = snapshot(&dir);
    let cases: &[(&[&str], &str)] = &[
        (
            &["set", "A.9.9", "status=planned"],
            "unknown control `A.9.9`",
        ),
        (&["set", "../x", "status=planned"], "unknown control `../x`"),
        (
            &["set", "A.4.2", "status=planned"],
            "A.4.2 is undecided; only an applicable control has a status",
        ),
        (
            &["set", "A.4.2", "applicable=false", "status=planned"],
            "A.4.2 is excluded; only an applicable control has a status",
        ),
        (
            &["set", "A.4.2", "due=2026-02-30"],
            "`due` must be a real date written YYYY-MM-DD, found `2026-02-30`",
        ),
        (
            &["set", "A.4.2", "colour=red"],
            "unknown field `colour`; the fields are applicable, justification,",
        ),
        (
            &["set", "A.4.2", "control=A.4.3"],
            "`control` names the file and cannot be changed here",
        ),
        (
            &["set", "A.4.2", "status=finished"],
            "`status` must be one of `not_started`, `planned`, `partial` or `implemented`, found `finished`",
        ),
        (
            &["set", "A.4.2", "systems=no-such-system"],
            "unknown system `no-such-system`",
        ),
        (
            &["set", "A.4.2", "risks=no-such-risk"],
            "unknown risk `no-such-risk`",
        ),
        (
            &["set", "4.1", "applicable=false"],
            "4.1 is a mandatory requirement",
        ),
        (
            &["set", "A.4.2", "owner=A", "owner=B"],
            "`owner` is given more than once",
        ),
    ];
    for (args, message) in cases {
        let run = soa(&dir, args);
        run.expect_code(1);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(snapshot(&dir), before, "{args:?} wrote something");
    }
    // Usage: no assignment, or one without `=`.
    for args in [&["set", "A.4.2"][..], &["set", "A.4.2", "status"][..]] {
        soa(&dir, args).expect_code(2);
    }
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn set_refuses_a_file_with_errors_and_names_the_line() {
    let dir = example();
    let conflicted = "control: A.5.2\n<<<<<<< HEAD\napplicable: true\n=======\napplicable: false\n>>>>>>> theirs\n";
    dir.write("soa/A.5.2.yaml", conflicted);
    let run = soa(&dir, &["set", "A.5.2", "owner=Someone"]);
    run.expect_code(1);
    assert!(run.stderr.contains("soa/A.5.2.yaml:"), "{}", run.stderr);
    assert_eq!(dir.read("soa/A.5.2.yaml"), conflicted);
}

#[test]
fn set_help_lists_every_field_from_the_declaration() {
    let run = common::TestCommand::new(["soa", "set", "--help"]).run();
    run.expect_code(0);
    // The help is wrapped to the terminal, so compare words, not lines.
    let words = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for spec in <aims::model::SoaEntry as aims::model::Fields>::specs().filter(|s| s.is_editable())
    {
        assert!(
            run.stdout.contains(&format!("  {}", spec.key)),
            "{} missing from\n{}",
            spec.key,
            run.stdout
        );
        let help = spec.help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(&help), "{help}");
    }
}
