//! `aims history`: a git repository scripted in a temporary folder, with
//! known authors and dates, read back as a list of commits and, with
//! `--patch`, as the fields each commit changed; and what is said when there
//! is no history to read (no git, no repository, a file never committed).

mod common;

use std::path::Path;
use std::process::Command;

use common::Dir;

/// Runs git in `dir` as `author` on `date` (midday UTC), with no user or
/// system configuration, so the commits are the same on every machine.
fn git(dir: &Path, author: &str, date: &str, args: &[&str]) {
    let when = format!("{date}T12:00:00Z");
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", "someone@example.com")
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", "someone@example.com")
        .env("GIT_AUTHOR_DATE", &when)
        .env("GIT_COMMITTER_DATE", &when)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Stages everything and commits it.
fn commit(dir: &Dir, author: &str, date: &str, subject: &str) {
    git(dir.path(), author, date, &["add", "-A"]);
    git(dir.path(), author, date, &["commit", "-q", "-m", subject]);
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
