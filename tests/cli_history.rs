//! `aims history`: a git repository scripted in a temporary folder, with
//! known authors and dates, read back as a list of commits and, with
//! `--patch`, as the fields each commit changed; and what is said when there
//! is no history to read (no git, no repository, a file never committed).
//! `aims trend` over a scripted history, against numbers worked out by hand.

mod common;

use common::{Dir, git};

/// Stages everything and commits it.
fn commit(dir: &Dir, author: &str, date: &str, subject: &str) {
    common::git_commit(dir.path(), author, date, subject);
}

/// The example workspace over four commits: the first version, a change of
/// A.6.2.4, a change of another file, and a second change of A.6.2.4.
fn scripted() -> Dir {
    let dir = Dir::example();
    git(dir.path(), "Priya Shah", "2026-01-05", &["init", "-q"]);
    commit(&dir, "Priya Shah", "2026-01-05", "Initial workspace");
    let entry = dir.read("soa/A.6.2.4.yaml");
    dir.write(
        "soa/A.6.2.4.yaml",
        &entry
            .replace("status: partial", "status: implemented")
            .replace("basis: [risk, contractual]", "basis: [risk]"),
    );
    commit(&dir, "Owen Hartley", "2026-02-01", "A.6.2.4 implemented");
    let system = dir.read("inventory/cv-screening.yaml");
    dir.write(
        "inventory/cv-screening.yaml",
        &format!("{system}# reviewed\n"),
    );
    commit(&dir, "Megan Doyle", "2026-02-10", "Review the CV screening");
    let entry = dir.read("soa/A.6.2.4.yaml");
    dir.write(
        "soa/A.6.2.4.yaml",
        &entry
            .replace(
                "    note: Back-test, calibration and subgroup errors for release 1.3\n",
                "    note: Release 1.4\n  - ref: models/digest/acceptance.md\n",
            )
            .replace("owner: Owen Hartley", "owner: Megan Doyle"),
    );
    commit(
        &dir,
        "Megan Doyle",
        "2026-03-03",
        "Digest acceptance criteria",
    );
    dir
}

#[test]
fn the_commits_that_changed_a_control_are_listed_newest_first() {
    let dir = scripted();
    let run = dir.cmd(["history", "A.6.2.4"]).run();
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines[0].starts_with("2026-03-03  "), "{}", lines[0]);
    assert!(lines[0].contains("Megan Doyle   Digest acceptance criteria"));
    assert!(lines[1].starts_with("2026-02-01  "));
    assert!(lines[1].contains("Owen Hartley  A.6.2.4 implemented"));
    assert!(lines[2].starts_with("2026-01-05  "));
    assert!(lines[2].ends_with("Priya Shah    Initial workspace  (new file)"));
}

#[test]
fn a_system_and_a_path_name_their_files() {
    let dir = scripted();
    let run = dir.cmd(["history", "cv-screening"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert!(run.stdout.contains("Review the CV screening"));
    let run = dir.cmd(["history", "impact/cv-screening.yaml"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
}

#[test]
fn patch_shows_each_changed_field_old_to_new_and_list_items() {
    let dir = scripted();
    let run = dir.cmd(["history", "A.6.2.4", "--patch"]).run();
    run.expect_code(0);
    let out = &run.stdout;
    let newest = out
        .split("A.6.2.4 implemented")
        .next()
        .expect("two commits");
    assert!(
        newest.contains("    evidence: + models/digest/acceptance.md\n"),
        "{out}"
    );
    assert!(
        newest.contains(
            "    evidence[models/calder-attrition/validation-report-v1.3.pdf].note: Back-test, calibration and subgroup errors for release 1.3 → Release 1.4\n"
        ),
        "{out}"
    );
    assert!(
        newest.contains("    owner: Owen Hartley → Megan Doyle\n"),
        "{out}"
    );
    let middle = out
        .split("A.6.2.4 implemented")
        .nth(1)
        .and_then(|rest| rest.split("Initial workspace").next())
        .expect("three commits");
    assert!(
        middle.starts_with(
            "\n    basis: - contractual\n    status: partial → implemented\n2026-01-05  "
        ),
        "{out}"
    );
    assert!(out.contains("    applicable: (empty) → true\n"), "{out}");
}

#[test]
fn a_change_of_comments_only_says_no_field_changed() {
    let dir = scripted();
    let run = dir.cmd(["history", "cv-screening", "--patch"]).run();
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("Review the CV screening\n    (no field changed: layout, comments or unknown keys only)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_carries_every_commit_and_change() {
    let dir = scripted();
    let run = dir
        .cmd(["history", "A.6.2.4", "--patch", "--format", "json"])
        .run();
    run.expect_code(0);
    let json = run.json();
    assert_eq!(json["record"], "soa/A.6.2.4.yaml");
    let commits = json["commits"].as_array().expect("a list");
    assert_eq!(commits.len(), 3);
    assert_eq!(commits[1]["author"], "Owen Hartley");
    assert_eq!(commits[1]["date"], "2026-02-01T12:00:00Z");
    assert_eq!(commits[1]["subject"], "A.6.2.4 implemented");
    assert_eq!(commits[1]["status"], "modified");
    assert_eq!(
        commits[1]["changes"],
        serde_json::json!([
            {"field": "basis", "change": "removed", "item": "contractual"},
            {"field": "status", "change": "set", "old": "partial", "new": "implemented"},
        ])
    );
    assert_eq!(commits[2]["status"], "added");
}

#[test]
fn a_renamed_file_is_followed_to_its_old_name() {
    let dir = Dir::new();
    git(dir.path(), "Ann", "2026-04-01", &["init", "-q"]);
    let system = "id: old-bot\nname: Support chatbot on the website\nowner: Priya Shah\nsourcing: built\n\
                  description: Answers questions from visitors about our services and opening hours\n";
    dir.write("inventory/old-bot.yaml", system);
    commit(&dir, "Ann", "2026-04-01", "Add the chatbot");
    std::fs::remove_file(dir.join("inventory/old-bot.yaml")).expect("remove");
    dir.write(
        "inventory/new-bot.yaml",
        &system.replace("old-bot", "new-bot"),
    );
    commit(&dir, "Bob", "2026-04-02", "Rename the chatbot");
    let run = dir.cmd(["history", "new-bot", "--patch"]).run();
    run.expect_code(0);
    let out = &run.stdout;
    assert!(out.starts_with("2026-04-02  "), "{out}");
    assert!(
        out.contains(
            "Rename the chatbot  (from inventory/old-bot.yaml)\n    id: old-bot → new-bot\n"
        ),
        "{out}"
    );
    assert!(out.contains("Add the chatbot  (new file)\n"), "{out}");
}

#[test]
fn outside_a_repository_there_is_no_history_and_it_is_said() {
    let dir = Dir::example();
    let run = dir
        .cmd(["history", "A.6.2.4"])
        .env(
            "GIT_CEILING_DIRECTORIES",
            dir.path().parent().expect("a parent"),
        )
        .run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("no history of soa/A.6.2.4.yaml:")
            && run.stderr.contains("is not in a git repository"),
        "{}",
        run.stderr
    );
}

#[test]
fn without_git_there_is_no_history_and_it_is_said() {
    let dir = Dir::example();
    let empty = Dir::empty();
    let run = dir
        .cmd(["history", "A.6.2.4", "--format", "json"])
        .env("PATH", empty.path())
        .run();
    run.expect_code(0);
    assert_eq!(run.json()["commits"], serde_json::json!([]));
    assert!(
        run.stderr
            .contains("no history of soa/A.6.2.4.yaml: git is not installed"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_never_committed_has_no_history() {
    let dir = Dir::example();
    git(dir.path(), "Ann", "2026-04-01", &["init", "-q"]);
    let run = dir.cmd(["history", "A.6.2.4"]).run();
    run.expect_code(0);
    assert!(
        run.stderr.contains("it was never committed"),
        "{}",
        run.stderr
    );
    commit(&dir, "Ann", "2026-04-01", "All");
    dir.write("inventory/late.yaml", &common::good_system("late"));
    let run = dir.cmd(["history", "late"]).run();
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("no history of inventory/late.yaml: it was never committed")
    );
}

#[test]
fn an_unknown_record_is_a_usage_error_with_a_suggestion() {
    let dir = scripted();
    let run = dir.cmd(["history", "cv-screenin"]).run();
    run.expect_code(2);
    assert!(
        run.stderr.contains("did you mean `cv-screening`?"),
        "{}",
        run.stderr
    );
    let run = dir.cmd(["history", "../elsewhere.yaml"]).run();
    run.expect_code(2);
}

// ------------------------------------------------------------------ trend

/// A history of the SoA over four days, each step's numbers in the comment
/// (Annex A has 38 controls; A.5 has 4, A.6 has 9):
///
/// * 2026-01-05, 10:00: A.5.2 applicable, justified, implemented; A.5.3
///   excluded, justified. 15:00: A.6.2.4 applicable, planned, no
///   justification. End of day: decided 2/38 (5.3%), implemented 1 of 2
///   applicable (50%); A.5 decided 2/4, implemented 1/1; A.6 0/9, 0/1.
/// * 2026-01-07: A.6.2.4 justified and implemented; A.5.3 removed. Decided
///   2/38, implemented 2/2; A.5 1/4 and 1/1; A.6 1/9 (11.1%) and 1/1.
/// * 2026-01-09: only the inventory changes: no day of its own.
/// * 2026-01-10: A.5.2 broken (counts as undecided). Decided 1/38 (2.6%),
///   implemented 1/1; A.5 0/4 and no applicable control.
fn trended() -> Dir {
    let dir = Dir::new();
    git(dir.path(), "Ann", "2026-01-05", &["init", "-q"]);
    dir.write(
        "soa/A.5.2.yaml",
        "control: A.5.2\napplicable: true\njustification: We assess every system\nstatus: implemented\n",
    );
    dir.write(
        "soa/A.5.3.yaml",
        "control: A.5.3\napplicable: false\njustification: Not for us\n",
    );
    commit(&dir, "Ann", "2026-01-05T10:00:00Z", "Decide A.5");
    dir.write(
        "soa/A.6.2.4.yaml",
        "control: A.6.2.4\napplicable: true\nstatus: planned\n",
    );
    commit(&dir, "Ann", "2026-01-05T15:00:00Z", "A.6.2.4 planned");
    dir.write(
        "soa/A.6.2.4.yaml",
        "control: A.6.2.4\napplicable: true\njustification: We build models\nstatus: implemented\n",
    );
    std::fs::remove_file(dir.join("soa/A.5.3.yaml")).expect("remove");
    commit(&dir, "Bob", "2026-01-07", "A.6.2.4 done; A.5.3 reopened");
    dir.write("inventory/bot.yaml", &common::good_system("bot"));
    commit(&dir, "Bob", "2026-01-09", "Add the bot");
    dir.write("soa/A.5.2.yaml", "control: A.5.2\napplicable: [\n");
    commit(&dir, "Bob", "2026-01-10", "Broken by a bad merge");
    dir
}

#[test]
fn trend_counts_both_measures_at_the_end_of_each_day_the_soa_changed() {
    let dir = trended();
    let run = dir.cmd(["trend"]).run();
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[1].starts_with("date        decided  implemented      A.2"),
        "{}",
        run.stdout
    );
    let day = |date: &str| -> Vec<&str> {
        lines
            .iter()
            .find(|l| l.starts_with(date))
            .unwrap_or_else(|| panic!("no {date}:\n{}", run.stdout))
            .split_whitespace()
            .collect()
    };
    // date, decided, implemented, then A.2 ... A.10 as decided/implemented.
    let first = day("2026-01-05");
    assert_eq!(&first[1..3], ["5%", "50%"]);
    assert_eq!(first[3 + 3], "50/100", "A.5");
    assert_eq!(first[3 + 4], "0/0", "A.6");
    assert_eq!(first[3], "0/-", "A.2: nothing applicable");
    let second = day("2026-01-07");
    assert_eq!(&second[1..3], ["5%", "100%"]);
    assert_eq!(second[3 + 3], "25/100");
    assert_eq!(second[3 + 4], "11/100");
    assert!(!run.stdout.contains("2026-01-09"), "{}", run.stdout);
    let last = day("2026-01-10");
    assert_eq!(&last[1..3], ["3%", "100%"]);
    assert_eq!(last[3 + 3], "0/-");
    assert!(
        run.stderr.contains("1 version of SoA files did not read"),
        "{}",
        run.stderr
    );
}

#[test]
fn trend_csv_has_a_row_per_day_and_scope_and_since_drops_earlier_days() {
    let dir = trended();
    let run = dir
        .cmd(["trend", "--format", "csv", "--since", "2026-01-06"])
        .run();
    run.expect_code(0);
    let rows: Vec<Vec<&str>> = run
        .stdout
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.trim_end_matches('\r').split(',').collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "date",
            "commit",
            "catalog",
            "scope",
            "controls",
            "decided",
            "decided_percent",
            "applicable",
            "implemented",
            "implemented_percent"
        ]
    );
    // Two days, each the whole catalogue and its nine domains.
    assert_eq!(rows.len(), 1 + 2 * 10);
    let find = |date: &str, scope: &str| {
        rows.iter()
            .find(|r| r[0] == date && r[3] == scope)
            .unwrap_or_else(|| panic!("no {date} {scope}"))
            .clone()
    };
    assert_eq!(
        &find("2026-01-07", "all")[4..],
        ["38", "2", "5.3", "2", "2", "100.0"]
    );
    assert_eq!(
        &find("2026-01-07", "A.6")[4..],
        ["9", "1", "11.1", "1", "1", "100.0"]
    );
    assert_eq!(
        &find("2026-01-10", "all")[4..],
        ["38", "1", "2.6", "1", "1", "100.0"]
    );
    assert_eq!(
        &find("2026-01-10", "A.5")[4..],
        ["4", "0", "0.0", "0", "0", ""]
    );
}

#[test]
fn trend_json_gives_the_progress_of_each_day() {
    let dir = trended();
    let run = dir.cmd(["trend", "--format", "json"]).run();
    run.expect_code(0);
    let json = run.json();
    let days = json["days"].as_array().expect("a list");
    let dates: Vec<&str> = days.iter().filter_map(|d| d["date"].as_str()).collect();
    assert_eq!(dates, ["2026-01-05", "2026-01-07", "2026-01-10"]);
    let annex = &days[0]["progress"][0];
    assert_eq!(annex["total"]["decided"], 2);
    assert_eq!(annex["total"]["applicable"], 2);
    assert_eq!(annex["total"]["implemented_percent"], 50.0);
}

#[test]
fn trend_outside_a_repository_says_so() {
    let dir = Dir::new();
    let run = dir
        .cmd(["trend"])
        .env(
            "GIT_CEILING_DIRECTORIES",
            dir.path().parent().expect("a parent"),
        )
        .run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("no trend:") && run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
    let run = dir.cmd(["trend", "--since", "yesterday"]).run();
    run.expect_code(2);
}

/// A workspace in a folder of a larger repository: paths are the
/// workspace's own, and the versions are read from that folder.
#[test]
fn a_workspace_inside_a_larger_repository_has_its_history() {
    let dir = Dir::empty();
    common::copy_tree(&common::example_path(), &dir.join("compliance/aims"));
    dir.write("README.md", "Other work\n");
    git(dir.path(), "Ann", "2026-05-01", &["init", "-q"]);
    commit(&dir, "Ann", "2026-05-01", "Everything");
    let entry = dir.read("compliance/aims/soa/A.6.2.4.yaml");
    dir.write(
        "compliance/aims/soa/A.6.2.4.yaml",
        &entry.replace("status: partial", "status: implemented"),
    );
    commit(&dir, "Ann", "2026-05-02", "Done");
    let run = dir
        .cmd(["history", "A.6.2.4", "compliance/aims", "--patch"])
        .run();
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("Done\n    status: partial → implemented\n"),
        "{}",
        run.stdout
    );
    let run = dir
        .cmd(["trend", "compliance/aims", "--format", "csv"])
        .run();
    run.expect_code(0);
    assert_eq!(run.stdout.lines().count(), 1 + 2 * 10, "{}", run.stdout);
}
