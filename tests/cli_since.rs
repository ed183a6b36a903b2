//! What changed since the last meeting (`aims progress --since`), on a
//! git repository scripted with known authors and dates.

mod common;

use common::Dir;

/// Commits everything in `dir` as `who` on `date`.
fn commit(dir: &Dir, who: &str, date: &str, message: &str) {
    common::git_commit(dir.path(), who, date, message);
}

fn edit(dir: &Dir, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(dir.join(path)).expect("the file");
    assert!(text.contains(from), "{path} has {from:?}");
    dir.write(path, &text.replacen(from, to, 1));
}

/// The example as Alice left it on 1 October, then Bob's changes of
/// 15 November, then one change not committed yet.
fn history() -> Dir {
    let dir = Dir::example();
    commit(&dir, "Alice", "2026-10-01", "the workspace");
    edit(
        &dir,
        "soa/A.6.2.4.yaml",
        "status: partial",
        "status: implemented",
    );
    edit(
        &dir,
        "impact/cv-screening.yaml",
        "    controls: [A.6.2.8]\n    status: open",
        "    controls: [A.6.2.8]\n    status: closed",
    );
    dir.write(
        "inventory/new-bot.yaml",
        "id: new-bot\nname: New bot\nlifecycle: concept\n",
    );
    commit(&dir, "Bob", "2026-11-15", "the November meeting's work");
    dir.write(
        "soa/A.4.2.yaml",
        "control: A.4.2\napplicable: true\njustification: We keep a list of the resources each system needs.\n",
    );
    dir
}

#[test]
fn each_change_since_a_date_is_listed_with_who_made_it() {
    let dir = history();
    let run = dir
        .cmd(["progress", "--since", "2026-11-01", "--format", "json"])
        .run();
    run.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["commit_date"], "2026-10-01");
    let found: Vec<(String, String, String)> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap_or_default().to_string(),
                c["id"].as_str().unwrap_or_default().to_string(),
                c["by"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let expected = [
        ("decision_made", "A.4.2", "not committed yet"),
        ("status_moved", "A.6.2.4", "Bob"),
        ("system_added", "new-bot", "Bob"),
        ("risk_closed", "cv-screening-3", "Bob"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(k, i, b)| (k.to_string(), i.to_string(), b.to_string()))
        .collect();
    assert_eq!(found, expected);
    let table = dir.cmd(["progress", "--since", "2026-11-01"]).run();
    table.expect_code(0);
    assert!(
        table
            .stdout
            .starts_with("4 changes, since 2026-11-01 (commit ")
    );
    assert!(table.stdout.contains(
        "status moved           A.6.2.4 AI system verification and validation: partial → implemented  (Bob)"
    ));
}

#[test]
fn a_commit_names_the_meeting_too_and_a_date_before_any_commit_makes_everything_new() {
    let dir = history();
    let run = dir.cmd(["progress", "--since", "HEAD"]).run();
    run.expect_code(0);
    assert!(
        run.stdout.starts_with("1 change, since HEAD"),
        "{}",
        run.stdout
    );
    let all = dir
        .cmd(["progress", "--since", "2026-01-01", "--format", "json"])
        .run();
    all.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&all.stdout).expect("JSON");
    assert!(report["commit"].is_null());
    let added = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| c["kind"] == "system_added")
        .count();
    assert_eq!(added, 14, "every system of the example, and new-bot");
}

#[test]
fn outside_git_or_with_a_name_git_does_not_know_it_says_so() {
    let dir = Dir::example();
    let run = dir.cmd(["progress", "--since", "2026-11-01"]).run();
    run.expect_code(2);
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
    let dir = history();
    let run = dir.cmd(["progress", "--since", "last-meeting"]).run();
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("`last-meeting` is neither a date (YYYY-MM-DD) nor a commit git knows"),
        "{}",
        run.stderr
    );
}
