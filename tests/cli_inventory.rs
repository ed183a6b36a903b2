//! `aims inventory list|add|set` as people and scripts use them: the real
//! binary over throw-away workspaces. Every bad value is checked by the one
//! setter the interface's forms use, every problem is reported at once, and
//! a refused command leaves every byte on disk as it was.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{Dir, Run, TestCommand, good_system};

/// `aims inventory ARGS...` run inside `dir`.
fn inventory(dir: &Dir, args: &[&str]) -> Run {
    let mut all = vec!["inventory"];
    all.extend_from_slice(args);
    dir.cmd(all).run()
}

/// Every file under the workspace and its bytes, to show nothing changed.
fn snapshot(dir: &Dir) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, at: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(at).expect("read a folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let rel = path.strip_prefix(root).expect("under root").to_path_buf();
                files.insert(rel, fs::read(&path).expect("read a file"));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir.path(), dir.path(), &mut files);
    files
}

/// The stderr lines that start with `error: `, without the prefix.
fn errors(run: &Run) -> Vec<String> {
    run.stderr_lines()
        .iter()
        .filter_map(|l| l.strip_prefix("error: ").map(str::to_string))
        .collect()
}

/// Asserts the workspace is canonical and has no errors, as `aims fmt
/// --check` and `aims check` see it.
#[track_caller]
fn assert_canonical_and_clean(dir: &Dir) {
    dir.cmd(["fmt", "--check"]).run().expect_code(0);
    let check = dir.cmd(["check"]).run();
    check.expect_code(0);
    assert!(
        check.stderr.contains("0 errors"),
        "check found errors: {}",
        check.stderr
    );
}

/// A system file in canonical form with most fields set and keys aims does
/// not know, at the top level and inside `eu_ai_act`.
const FULL_SYSTEM: &str = "\
id: cv-screening
name: CV screening
description: |
  Ranks applicants.
  Used for graduate roles.
sourcing: bought
vendor: Candidex Ltd
owner: Aisha Rahman
business_unit: People
lifecycle: monitoring
approval: restricted
eu_ai_act:
  role: deployer
  risk: high
  annex_iii: 4(a)
  gpai: false
  notified_body: none yet
affected: [third_parties, users]
personal_data: true
dpia: privacy/dpia.pdf
impact: high
reviewed: 2026-09-01
next_review: 2027-03-01
tags: [hr, recruitment]
cost_centre: 4410
";

fn with_full_system() -> Dir {
    let dir = Dir::new();
    dir.write("inventory/cv-screening.yaml", FULL_SYSTEM);
    dir
}

// --- list ----------------------------------------------------------------

#[test]
fn list_table_shows_every_system_in_id_order_decommissioned_included() {
    let dir = Dir::new();
    dir.write("inventory/zeta.yaml", &good_system("zeta"));
    dir.write(
        "inventory/alpha.yaml",
        "id: alpha\nname: Alpha\nowner: Priya Shah\nlifecycle: decommissioned\n",
    );
    let run = inventory(&dir, &["list"]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    for title in [
        "id",
        "name",
        "sourcing",
        "vendor",
        "owner",
        "lifecycle",
        "approval",
        "EU role",
        "EU risk",
        "impact",
        "next review",
    ] {
        assert!(lines[0].contains(title), "no column {title}: {}", lines[0]);
    }
    assert!(lines[1].starts_with("alpha "));
    assert!(lines[1].contains("decommissioned"));
    assert!(lines[2].starts_with("zeta "));
    assert_eq!(run.stderr, "");
}

#[test]
fn list_table_clips_long_text_and_keeps_columns_aligned() {
    let dir = Dir::new();
    let long = "A very long system name that goes on and on well past any sensible width";
    dir.write(
        "inventory/long.yaml",
        &format!("id: long\nname: {long}\nowner: Priya Shah\nsourcing: built\n"),
    );
    dir.write("inventory/short.yaml", &good_system("short"));
    let run = inventory(&dir, &["list"]);
    run.expect_code(0);
    assert!(!run.stdout.contains(long));
    assert!(run.stdout.contains('…'));
    // The owner column starts at the same place on every line (in
    // characters: the `…` is one character but three bytes).
    let column = |line: &str, word: &str| {
        line[..line.find(word).expect("the word is on the line")]
            .chars()
            .count()
    };
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(column(lines[1], "Priya"), column(lines[0], "owner"));
    assert_eq!(column(lines[2], "Priya"), column(lines[0], "owner"));
}

#[test]
fn list_json_is_an_array_of_the_files_keys_unknown_ones_included() {
    let dir = with_full_system();
    dir.write("inventory/other.yaml", &good_system("other"));
    let run = inventory(&dir, &["list", "--format", "json"]);
    run.expect_code(0);
    let json = run.json();
    let list = json.as_array().expect("an array");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], "cv-screening");
    assert_eq!(list[1]["id"], "other");
    let cv = &list[0];
    assert_eq!(cv["eu_ai_act"]["risk"], "high");
    assert_eq!(cv["eu_ai_act"]["notified_body"], "none yet");
    assert_eq!(cv["personal_data"], true);
    assert_eq!(
        cv["affected"],
        serde_json::json!(["third_parties", "users"])
    );
    assert_eq!(cv["next_review"], "2027-03-01");
    assert_eq!(cv["cost_centre"], 4410);
}

#[test]
fn list_csv_parses_back_with_the_yaml_keys_as_header() {
    let dir = with_full_system();
    dir.write(
        "inventory/quoted.yaml",
        "id: quoted\nname: 'Says \"hi\", twice'\nowner: Priya Shah\n",
    );
    let run = inventory(&dir, &["list", "--format", "csv"]);
    run.expect_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "name",
            "description",
            "sourcing",
            "vendor",
            "owner",
            "business_unit",
            "model",
            "lifecycle",
            "approval",
            "eu_ai_act.role",
            "eu_ai_act.risk",
            "eu_ai_act.annex_iii",
            "eu_ai_act.gpai",
            "affected",
            "personal_data",
            "dpia",
            "impact",
            "data",
            "human_oversight",
            "limitations",
            "reviewed",
            "next_review",
            "tags",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 2);
    let cell = |row: &csv::StringRecord, key: &str| {
        let i = header.iter().position(|h| h == key).expect("a column");
        row[i].to_string()
    };
    assert_eq!(cell(&rows[0], "id"), "cv-screening");
    // A block scalar keeps its final line break, and the CSV keeps it too.
    assert_eq!(
        cell(&rows[0], "description"),
        "Ranks applicants.\nUsed for graduate roles.\n"
    );
    assert_eq!(cell(&rows[0], "affected"), "third_parties;users");
    assert_eq!(cell(&rows[0], "tags"), "hr;recruitment");
    assert_eq!(cell(&rows[0], "eu_ai_act.risk"), "high");
    assert_eq!(cell(&rows[0], "eu_ai_act.gpai"), "false");
    assert_eq!(cell(&rows[0], "vendor"), "Candidex Ltd");
    assert_eq!(cell(&rows[1], "name"), "Says \"hi\", twice");
    assert_eq!(cell(&rows[1], "vendor"), "");
}

#[test]
fn list_never_prints_a_raw_escape_from_a_file() {
    let dir = Dir::new();
    dir.write(
        "inventory/evil.yaml",
        "id: evil\nname: \"\\e[31mRed\\e[0m \\u202Ename\"\nowner: \"\\e]0;title\\a\"\n",
    );
    let loaded = dir.load();
    assert!(
        loaded.records.systems["evil"].name.contains('\u{1b}'),
        "the test file must hold a real ESC"
    );
    // CSV carries the text as it is (shown visibly only on a terminal, see
    // tests/cli_output.rs); the table and JSON never hold it raw.
    for format in ["table", "json"] {
        let run = inventory(&dir, &["list", "--format", format]);
        run.expect_code(0);
        assert!(!run.stdout.contains('\u{1b}'), "{format}: {:?}", run.stdout);
        assert!(!run.stdout.contains('\u{7}'), "{format}: {:?}", run.stdout);
        assert!(
            !run.stdout.contains('\u{202e}'),
            "{format}: {:?}",
            run.stdout
        );
        assert!(!run.stderr.contains('\u{1b}'), "{format}: {:?}", run.stderr);
    }
    let table = inventory(&dir, &["list"]);
    table.expect_code(0);
    assert!(table.stdout.contains("^[[31mRed"), "{}", table.stdout);
    let csv = inventory(&dir, &["list", "--format", "csv"]);
    csv.expect_code(0);
    assert!(
        csv.stdout
            .contains("evil,\u{1b}[31mRed\u{1b}[0m \u{202e}name,"),
        "{}",
        csv.stdout
    );
    // JSON escapes the character itself, so the data survives a round trip.
    let json = inventory(&dir, &["list", "--format", "json"])
        .expect_code(0)
        .json();
    assert_eq!(json[0]["name"], "\u{1b}[31mRed\u{1b}[0m \u{202e}name");
}

#[test]
fn list_says_which_files_it_left_out() {
    let dir = Dir::with_good_system();
    dir.write("inventory/bad.yaml", "id: bad\nname: [unclosed\n");
    let run = inventory(&dir, &["list", "--format", "json"]);
    run.expect_code(0);
    assert_eq!(run.json().as_array().map(Vec::len), Some(1));
    assert!(
        run.stderr
            .contains("1 inventory file has errors and is not listed; run `aims check`"),
        "{}",
        run.stderr
    );
}

#[test]
fn list_of_an_empty_inventory() {
    let dir = Dir::new();
    let table = inventory(&dir, &["list"]);
    table.expect_code(0);
    assert_eq!(table.stdout, "");
    assert!(table.stderr.contains("aims inventory add"));
    let json = inventory(&dir, &["list", "--format", "json"]);
    json.expect_code(0);
    assert_eq!(json.json(), serde_json::json!([]));
    let csv = inventory(&dir, &["list", "--format", "csv"]);
    csv.expect_code(0);
    assert_eq!(csv.stdout.lines().count(), 1, "only the header");
}

#[test]
fn list_outside_a_workspace_exits_2() {
    let dir = Dir::empty();
    let run = TestCommand::new([
        "inventory".as_ref(),
        "list".as_ref(),
        dir.path().as_os_str(),
    ])
    .run();
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("is not an aims workspace"));
}

// --- add -----------------------------------------------------------------

#[test]
fn add_derives_the_id_from_the_name_and_prints_it() {
    let dir = Dir::new();
    let run = inventory(
        &dir,
        &[
            "add",
            "--name",
            "CV Screening (v2)",
            "--owner",
            "Priya Shah",
        ],
    );
    run.expect_code(0);
    assert_eq!(run.stdout, "cv-screening-v2\n");
    assert!(run.stderr.contains("added inventory/cv-screening-v2.yaml"));
    assert_eq!(
        dir.read("inventory/cv-screening-v2.yaml"),
        "id: cv-screening-v2\nname: CV Screening (v2)\nowner: Priya Shah\n"
    );
    assert_canonical_and_clean(&dir);
}

#[test]
fn add_takes_the_id_from_id() {
    let dir = Dir::new();
    let run = inventory(
        &dir,
        &["add", "--name", "Support copilot", "--id", "copilot"],
    );
    run.expect_code(0);
    assert_eq!(run.stdout, "copilot\n");
    assert!(dir.join("inventory/copilot.yaml").is_file());
    assert!(!dir.join("inventory/support-copilot.yaml").exists());
}

#[test]
fn add_with_every_flag_writes_a_canonical_file_that_checks_clean() {
    let dir = Dir::new();
    let run = inventory(
        &dir,
        &[
            "add",
            "--name",
            "CV screening",
            "--id",
            "cv-screening",
            "--description",
            "Ranks applicants.\nUsed for graduate roles.",
            "--sourcing",
            "bought",
            "--vendor",
            "Candidex Ltd",
            "--owner",
            "Aisha Rahman",
            "--business-unit",
            "People",
            "--model",
            "Candidex Screen 4.2",
            "--lifecycle",
            "monitoring",
            "--approval",
            "restricted",
            "--eu-role",
            "deployer",
            "--eu-risk",
            "high",
            "--annex-iii",
            "4(a)",
            "--gpai",
            "false",
            "--affected",
            "third_parties, users",
            "--personal-data",
            "true",
            "--dpia",
            "privacy/dpia.pdf",
            "--impact",
            "high",
            "--data",
            "CVs and cover letters",
            "--human-oversight",
            "A recruiter reads every ranking",
            "--limitations",
            "Weak on career breaks",
            "--reviewed",
            "2026-09-01",
            "--next-review",
            "2027-03-01",
            "--tags",
            "hr,recruitment",
        ],
    );
    run.expect_code(0);
    let system = &dir.load().records.systems["cv-screening"];
    assert_eq!(system.vendor.as_deref(), Some("Candidex Ltd"));
    assert_eq!(system.annex_iii.as_deref(), Some("4(a)"));
    assert_eq!(system.gpai, Some(false));
    assert_eq!(system.affected.len(), 2);
    assert_eq!(system.tags, ["hr", "recruitment"]);
    assert_eq!(
        system.description.as_deref(),
        Some("Ranks applicants.\nUsed for graduate roles.\n"),
        "several lines end with a line end, as a `|` block"
    );
    assert_canonical_and_clean(&dir);
}

#[test]
fn add_sets_any_field_with_set() {
    let dir = Dir::new();
    let run = inventory(
        &dir,
        &[
            "add",
            "--name",
            "Copilot",
            "--set",
            "eu_ai_act.risk=limited",
            "--set",
            "owner=Priya Shah",
            "--set",
            "limitations=a=b is kept whole",
        ],
    );
    run.expect_code(0);
    let system = &dir.load().records.systems["copilot"];
    assert_eq!(system.owner.as_deref(), Some("Priya Shah"));
    assert_eq!(system.limitations.as_deref(), Some("a=b is kept whole"));
    assert_eq!(
        system.eu_risk.map(|r| format!("{r:?}")),
        Some("Limited".into())
    );
}

#[test]
fn add_refuses_an_id_already_taken() {
    let dir = Dir::with_good_system();
    let before = snapshot(&dir);
    let run = inventory(&dir, &["add", "--name", "Good"]);
    run.expect_code(1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        errors(&run),
        [
            "inventory/good.yaml already exists; the id was made from the name; choose another with --id"
        ]
    );
    let run = inventory(&dir, &["add", "--name", "Other", "--id", "good"]);
    run.expect_code(1);
    assert!(errors(&run)[0].contains("choose another id with --id"));
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn add_refuses_the_id_of_a_broken_file_and_leaves_it_alone() {
    let dir = Dir::new();
    let broken = "id: broken\nname: [unclosed\n";
    dir.write("inventory/broken.yaml", broken);
    let run = inventory(&dir, &["add", "--name", "Broken"]);
    run.expect_code(1);
    assert_eq!(
        errors(&run),
        [
            "inventory/broken.yaml already exists (it has errors; see `aims check`); the id was made from the name; choose another with --id"
        ]
    );
    assert_eq!(dir.read("inventory/broken.yaml"), broken);
}

#[test]
fn add_refuses_an_id_that_is_not_a_slug() {
    let dir = Dir::new();
    let before = snapshot(&dir);
    for id in ["../x", "Upper", "-dash", "a/b", ""] {
        let flag = format!("--id={id}");
        let run = inventory(&dir, &["add", "--name", "X", &flag]);
        run.expect_code(1);
        let errors = errors(&run);
        assert_eq!(errors.len(), 1, "{id}: {errors:?}");
        assert!(errors[0].contains("is not a valid system id"), "{errors:?}");
    }
    assert_eq!(snapshot(&dir), before);
    assert!(!dir.path().join("x.yaml").exists());
    assert!(!dir.path().join("../x.yaml").exists());
}

#[test]
fn add_asks_for_an_id_when_the_name_makes_none() {
    let dir = Dir::new();
    let run = inventory(&dir, &["add", "--name", "日本語"]);
    run.expect_code(1);
    assert_eq!(
        errors(&run),
        ["cannot make an id from the name `日本語`; give one with --id"]
    );
    let run = inventory(&dir, &["add", "--name", "日本語", "--id", "nihongo"]);
    run.expect_code(0);
}

#[test]
fn add_refuses_each_kind_of_bad_value_with_the_setters_message() {
    let dir = Dir::new();
    let before = snapshot(&dir);
    let cases: &[(&[&str], &str)] = &[
        (
            &["--sourcing", "rented"],
            "`sourcing` must be one of `built`, `bought` or `embedded`, found `rented`",
        ),
        (
            &["--eu-risk", "huge"],
            "`eu_ai_act.risk` must be one of `prohibited`, `high`, `limited`, `minimal` or `unassessed`, found `huge`",
        ),
        (
            &["--next-review", "2026-02-30"],
            "`next_review` must be a real date written YYYY-MM-DD, found `2026-02-30`",
        ),
        (
            &["--reviewed", "1/2/2026"],
            "`reviewed` must be a real date written YYYY-MM-DD, found `1/2/2026`",
        ),
        (
            &["--personal-data", "yes"],
            "`personal_data` must be `true` or `false`, found `yes`",
        ),
        (
            &["--gpai", "maybe"],
            "`eu_ai_act.gpai` must be `true` or `false`, found `maybe`",
        ),
        (
            &["--affected", "users,aliens"],
            "`affected` must be one of `users`, `employees`, `customers`, `third_parties` or `society`, found `aliens`",
        ),
        (
            &["--set", "colour=red"],
            "unknown field `colour`; the fields are name, description, sourcing, vendor, owner, business_unit, model, lifecycle, approval, eu_ai_act.role, eu_ai_act.risk, eu_ai_act.annex_iii, eu_ai_act.gpai, affected, personal_data, dpia, impact, data, human_oversight, limitations, reviewed, next_review, tags",
        ),
        (
            &["--set", "id=other"],
            "the id is not a field to --set; give it with --id",
        ),
        (
            &["--owner", "A", "--set", "owner=B"],
            "`owner` is given more than once; give each field once",
        ),
    ];
    for (flags, message) in cases {
        let mut args = vec!["add", "--name", "Some system"];
        args.extend_from_slice(flags);
        let run = inventory(&dir, &args);
        run.expect_code(1);
        assert_eq!(run.stdout, "", "{flags:?}");
        assert_eq!(errors(&run), [*message], "{flags:?}");
        assert!(run.stderr.ends_with("nothing was written\n"));
    }
    assert_eq!(snapshot(&dir), before, "a refused add wrote something");
}

#[test]
fn add_refuses_an_empty_name() {
    let dir = Dir::new();
    for name in ["", "   "] {
        let run = inventory(&dir, &["add", "--name", name]);
        run.expect_code(1);
        assert_eq!(errors(&run), ["`name` must not be empty"]);
    }
    assert!(!dir.join("inventory").exists());
}

#[test]
fn add_without_name_is_a_usage_error() {
    let dir = Dir::new();
    let run = inventory(&dir, &["add", "--owner", "Priya"]);
    run.expect_code(2);
    assert!(run.stderr.contains("--name"), "{}", run.stderr);
}

#[test]
fn add_reports_every_problem_together_and_writes_nothing() {
    let dir = Dir::with_good_system();
    let before = snapshot(&dir);
    let run = inventory(
        &dir,
        &[
            "add",
            "--name",
            "Good",
            "--sourcing",
            "rented",
            "--next-review",
            "2026-02-30",
            "--personal-data",
            "yes",
            "--affected",
            "users,aliens",
            "--set",
            "colour=red",
        ],
    );
    run.expect_code(1);
    let errors = errors(&run);
    assert_eq!(errors.len(), 6, "{errors:#?}");
    assert!(errors[0].starts_with("inventory/good.yaml already exists"));
    assert!(errors[1].contains("`sourcing`"));
    // In field order, whatever the order on the command line.
    assert!(errors[2].contains("`affected`"));
    assert!(errors[3].contains("`personal_data`"));
    assert!(errors[4].contains("`next_review`"));
    assert!(errors[5].contains("unknown field `colour`"));
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn add_outside_a_workspace_exits_2() {
    let dir = Dir::empty();
    let run = inventory(&dir, &["add", "--name", "X"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no aims workspace here"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("inventory").exists());
}

// --- set -----------------------------------------------------------------

#[test]
fn set_changes_only_the_named_fields() {
    let dir = with_full_system();
    let run = inventory(
        &dir,
        &[
            "set",
            "cv-screening",
            "owner=Priya Shah",
            "lifecycle=operation",
        ],
    );
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "updated inventory/cv-screening.yaml\n");
    let expected = FULL_SYSTEM
        .replace("owner: Aisha Rahman", "owner: Priya Shah")
        .replace("lifecycle: monitoring", "lifecycle: operation");
    assert_eq!(dir.read("inventory/cv-screening.yaml"), expected);
    assert_canonical_and_clean(&dir);
}

#[test]
fn set_keeps_keys_aims_does_not_know() {
    let dir = with_full_system();
    inventory(&dir, &["set", "cv-screening", "eu_ai_act.risk=limited"]).expect_code(0);
    let text = dir.read("inventory/cv-screening.yaml");
    assert!(text.contains("  notified_body: none yet\n"), "{text}");
    assert!(text.contains("cost_centre: 4410\n"), "{text}");
    assert!(text.contains("  risk: limited\n"), "{text}");
}

#[test]
fn set_with_an_empty_value_clears_the_field() {
    let dir = with_full_system();
    inventory(
        &dir,
        &["set", "cv-screening", "vendor=", "tags=", "eu_ai_act.gpai="],
    )
    .expect_code(0);
    let text = dir.read("inventory/cv-screening.yaml");
    assert!(!text.contains("vendor"), "{text}");
    assert!(!text.contains("tags"), "{text}");
    assert!(!text.contains("gpai"), "{text}");
    let system = &dir.load().records.systems["cv-screening"];
    assert_eq!(system.vendor, None);
    assert!(system.tags.is_empty());
}

#[test]
fn set_refuses_each_kind_of_bad_value_and_leaves_the_file_alone() {
    let dir = with_full_system();
    let before = snapshot(&dir);
    let cases: &[(&str, &str)] = &[
        ("approval=maybe", "`approval` must be one of"),
        ("next_review=2026-02-30", "must be a real date"),
        (
            "personal_data=yes",
            "`personal_data` must be `true` or `false`, found `yes`",
        ),
        ("affected=users,aliens", "found `aliens`"),
        ("name=", "`name` must not be empty"),
        (
            "colour=red",
            "unknown field `colour`; the fields are name, description,",
        ),
        (
            "id=other",
            "`id` names the file and cannot be changed here; add a new record and retire this one",
        ),
    ];
    for (assignment, message) in cases {
        let run = inventory(&dir, &["set", "cv-screening", assignment]);
        run.expect_code(1);
        let errors = errors(&run);
        assert_eq!(errors.len(), 1, "{assignment}: {errors:?}");
        assert!(errors[0].contains(message), "{assignment}: {errors:?}");
    }
    assert_eq!(snapshot(&dir), before, "a refused set wrote something");
}

#[test]
fn set_reports_every_problem_together_and_writes_nothing() {
    let dir = with_full_system();
    let before = snapshot(&dir);
    let run = inventory(
        &dir,
        &[
            "set",
            "cv-screening",
            "owner=Fine Value",
            "sourcing=rented",
            "reviewed=2026-13-01",
            "gpai=true",
            "name=",
        ],
    );
    run.expect_code(1);
    let errors = errors(&run);
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors[0].contains("`sourcing`"));
    assert!(errors[1].contains("`reviewed`"));
    assert!(errors[2].contains("unknown field `gpai`"));
    assert!(errors[3].contains("`name`"));
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn set_of_an_unknown_id_names_inventory_list() {
    let dir = with_full_system();
    let run = inventory(&dir, &["set", "nope", "owner=X"]);
    run.expect_code(1);
    assert_eq!(errors(&run).len(), 1);
    assert!(errors(&run)[0].contains("no system `nope`"));
    assert!(errors(&run)[0].contains("aims inventory list"));
    let run = inventory(&dir, &["set", "../x", "owner=X"]);
    run.expect_code(1);
    assert!(errors(&run)[0].contains("aims inventory list"));
}

#[test]
fn set_without_equals_is_a_usage_error() {
    let dir = with_full_system();
    let before = snapshot(&dir);
    let run = inventory(&dir, &["set", "cv-screening", "owner=X", "owner"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("`owner` is not FIELD=VALUE"),
        "{}",
        run.stderr
    );
    let run = inventory(&dir, &["set", "cv-screening"]);
    run.expect_code(2);
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn set_refuses_a_file_with_errors_and_leaves_it_byte_identical() {
    let dir = Dir::new();
    let broken = "id: shaky\nname: Shaky\n# hand-edited\nsourcing: rented\ncustom: [1, 2]\n";
    dir.write("inventory/shaky.yaml", broken);
    let run = inventory(&dir, &["set", "shaky", "sourcing=bought"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("inventory/shaky.yaml:4:11: error: `sourcing` must be one of"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("has errors (see `aims check`)"),
        "{}",
        run.stderr
    );
    assert_eq!(dir.read_bytes("inventory/shaky.yaml"), broken.as_bytes());
}

#[test]
fn set_notes_when_a_hand_written_file_is_rewritten_and_keeps_its_comments() {
    let dir = Dir::new();
    dir.write(
        "inventory/hand.yaml",
        "# written by hand\nid: hand\nname: Hand   # working title\nowner:   Priya Shah\n",
    );
    let run = inventory(&dir, &["set", "hand", "vendor=Acme"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "updated inventory/hand.yaml, rewritten in aims's layout (its comments are kept)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        dir.read("inventory/hand.yaml"),
        "# written by hand\nid: hand\nname: Hand # working title\nvendor: Acme\nowner: Priya Shah\n"
    );
}

#[test]
fn set_names_each_comment_whose_key_it_removed() {
    let dir = Dir::new();
    let text = "id: hand\nname: Hand\n# the contract says so\nvendor: Acme # until 2027\nowner: Priya Shah\n";
    dir.write("inventory/hand.yaml", text);
    let run = inventory(&dir, &["set", "hand", "vendor="]);
    run.expect_code(0);
    assert_eq!(
        run.stderr,
        "updated inventory/hand.yaml\n\
         dropped a comment of inventory/hand.yaml, line 3: `# the contract says so` (on `vendor`, which is gone)\n\
         dropped a comment of inventory/hand.yaml, line 4: `# until 2027` (on `vendor`, which is gone)\n"
    );
    assert_eq!(
        dir.read("inventory/hand.yaml"),
        "id: hand\nname: Hand\nowner: Priya Shah\n"
    );
}

#[test]
fn set_to_the_same_value_writes_nothing() {
    let dir = with_full_system();
    let run = inventory(&dir, &["set", "cv-screening", "owner=Aisha Rahman"]);
    run.expect_code(0);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(dir.read("inventory/cv-screening.yaml"), FULL_SYSTEM);
}

#[test]
fn set_finds_the_workspace_from_workspace_env_or_the_folder_around() {
    let dir = with_full_system();
    let elsewhere = Dir::empty();
    let run = elsewhere
        .cmd([
            "inventory".as_ref(),
            "set".as_ref(),
            "cv-screening".as_ref(),
            "owner=One".as_ref(),
            "--workspace".as_ref(),
            dir.path().as_os_str(),
        ])
        .run();
    run.expect_code(0);
    assert!(
        dir.read("inventory/cv-screening.yaml")
            .contains("owner: One\n")
    );

    let run = elsewhere
        .cmd(["inventory", "set", "cv-screening", "owner=Two"])
        .env("AIMS_WORKSPACE", dir.path())
        .run();
    run.expect_code(0);
    assert!(
        dir.read("inventory/cv-screening.yaml")
            .contains("owner: Two\n")
    );

    let run = TestCommand::new(["inventory", "set", "cv-screening", "owner=Three"])
        .current_dir(&dir.join("inventory"))
        .run();
    run.expect_code(0);
    assert!(
        dir.read("inventory/cv-screening.yaml")
            .contains("owner: Three\n")
    );

    let run = elsewhere
        .cmd(["inventory", "set", "cv-screening", "owner=Four"])
        .run();
    run.expect_code(2);
}

#[test]
fn add_then_set_then_list_round_trip() {
    let dir = Dir::new();
    let id = inventory(
        &dir,
        &["add", "--name", "Meeting notes", "--sourcing", "embedded"],
    );
    id.expect_code(0);
    let id = id.stdout.trim();
    inventory(
        &dir,
        &["set", id, "owner=Priya Shah", "lifecycle=decommissioned"],
    )
    .expect_code(0);
    let json = inventory(&dir, &["list", "--format", "json"])
        .expect_code(0)
        .json();
    assert_eq!(json[0]["id"], "meeting-notes");
    assert_eq!(json[0]["lifecycle"], "decommissioned");
    assert_eq!(json[0]["sourcing"], "embedded");
    assert_canonical_and_clean(&dir);
}

// --- help ----------------------------------------------------------------

#[test]
fn every_inventory_subcommand_has_help_with_an_example() {
    let dir = Dir::new();
    for sub in [
        &["--help"][..],
        &["list", "--help"],
        &["add", "--help"],
        &["set", "--help"],
    ] {
        let run = inventory(&dir, sub);
        run.expect_code(0);
        assert!(run.stdout.contains("aims inventory"), "{sub:?}");
        assert!(run.stdout.contains("Example"), "{sub:?}");
    }
    let set = inventory(&dir, &["set", "--help"]);
    set.expect_code(0);
    // The field list is made from the setter's fields.
    for key in ["eu_ai_act.risk", "next_review", "authorised_representative"] {
        assert!(set.stdout.contains(key), "{key}");
    }
}

/// Regression: a name of emoji with variation selectors is wider than its
/// characters, and the table's padding underflowed and panicked.
#[test]
fn list_table_copes_with_names_wider_than_their_characters() {
    let dir = Dir::new();
    let hearts = "\u{2764}\u{fe0f}".repeat(40);
    dir.write(
        "inventory/heart.yaml",
        &format!("id: heart\nname: \"{hearts}\"\nowner: A\n"),
    );
    let run = inventory(&dir, &["list"]);
    run.expect_code(0);
    assert!(run.stdout.contains('…'));
}
