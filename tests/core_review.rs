//! The judgement calls of `aims::model::review`: each gap in a decision,
//! owner or date is a warning at the line that needs attention, and
//! `aims check --strict` turns them into a failing exit code.

mod common;

use aims::model::{review, sort_diagnostics};
use chrono::NaiveDate;
use common::{Dir, assert_has, render};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("a real date")
}

/// Loads `dir` (which must load cleanly) and returns the review warnings.
#[track_caller]
fn reviewed(dir: &Dir) -> Vec<String> {
    let ws = dir.load();
    assert!(ws.diagnostics.is_empty(), "{:#?}", render(&ws.diagnostics));
    let mut found = review(&ws.catalogs, &ws.records, today());
    sort_diagnostics(&mut found);
    assert!(
        found.iter().all(|d| !d.is_error()),
        "review gives warnings only: {:#?}",
        render(&found)
    );
    render(&found)
}

#[test]
fn decided_control_without_justification_is_a_warning() {
    let dir = Dir::new();
    dir.write(
        "soa/A.2.2.yaml",
        "control: A.2.2\napplicable: true\nstatus: planned\nowner: Priya Shah\n",
    );
    dir.write("soa/A.2.3.yaml", "control: A.2.3\napplicable: false\n");
    let found = reviewed(&dir);
    assert_has(
        &found,
        "soa/A.2.2.yaml:2:1: warning: A.2.2 is applicable but has no justification; the Statement of Applicability needs one either way",
    );
    assert_has(
        &found,
        "soa/A.2.3.yaml:2:1: warning: A.2.3 is excluded but has no justification; the Statement of Applicability needs one either way",
    );
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn blank_justification_counts_as_missing() {
    let dir = Dir::new();
    dir.write(
        "soa/A.2.3.yaml",
        "control: A.2.3\napplicable: false\njustification: \"   \"\n",
    );
    let found = reviewed(&dir);
    assert_has(
        &found,
        "soa/A.2.3.yaml:2:1: warning: A.2.3 is excluded but has no justification; the Statement of Applicability needs one either way",
    );
}

#[test]
fn applicable_control_without_status_or_owner_is_a_warning() {
    let dir = Dir::new();
    dir.write(
        "soa/A.6.2.4.yaml",
        "# verification\ncontrol: A.6.2.4\napplicable: true\njustification: We build models.\n",
    );
    let found = reviewed(&dir);
    assert_eq!(
        found,
        [
            "soa/A.6.2.4.yaml:2:1: warning: A.6.2.4 applies but has no owner",
            "soa/A.6.2.4.yaml:2:1: warning: A.6.2.4 applies but has no status (not_started, planned, partial or implemented)",
        ]
    );
}

#[test]
fn mandatory_clause_without_status_or_owner_is_a_warning() {
    let dir = Dir::new();
    dir.write("soa/4.1.yaml", "control: \"4.1\"\nnotes: Started.\n");
    let found = reviewed(&dir);
    assert_has(
        &found,
        "soa/4.1.yaml:1:1: warning: 4.1 applies but has no owner",
    );
    assert_has(
        &found,
        "soa/4.1.yaml:1:1: warning: 4.1 applies but has no status (not_started, planned, partial or implemented)",
    );
}

#[test]
fn excluded_or_undecided_control_needs_no_status_or_owner() {
    let dir = Dir::new();
    dir.write(
        "soa/A.10.4.yaml",
        "control: A.10.4\napplicable: false\njustification: We have no customers for AI.\n",
    );
    dir.write("soa/A.10.3.yaml", "control: A.10.3\nnotes: To discuss.\n");
    assert_eq!(reviewed(&dir), Vec::<String>::new());
}

#[test]
fn fully_decided_control_has_no_warnings() {
    let dir = Dir::new();
    dir.write(
        "soa/A.2.2.yaml",
        "control: A.2.2\napplicable: true\njustification: Required.\nstatus: implemented\nowner: Priya Shah\ndue: 2020-01-01\n",
    );
    assert_eq!(reviewed(&dir), Vec::<String>::new());
}

#[test]
fn overdue_applicable_control_is_a_warning() {
    let dir = Dir::new();
    dir.write(
        "soa/A.2.2.yaml",
        "control: A.2.2\napplicable: true\njustification: Required.\nstatus: partial\nowner: Priya Shah\ndue: 2026-11-25\n",
    );
    assert_eq!(
        reviewed(&dir),
        ["soa/A.2.2.yaml:6:1: warning: A.2.2 was due on 2026-11-25 and is not implemented"]
    );
}

#[test]
fn system_without_owner_is_a_warning() {
    let dir = Dir::new();
    dir.write("inventory/orphan.yaml", "id: orphan\nname: Orphan\n");
    dir.write(
        "inventory/blank.yaml",
        "name: Blank\nid: blank\nowner: \"\"\n",
    );
    let found = reviewed(&dir);
    assert_eq!(
        found,
        [
            "inventory/blank.yaml:2:1: warning: system `blank` has no owner; name the accountable person",
            "inventory/orphan.yaml:1:1: warning: system `orphan` has no owner; name the accountable person",
        ]
    );
}

#[test]
fn decommissioned_system_without_owner_is_not_a_warning() {
    let dir = Dir::new();
    dir.write(
        "inventory/old.yaml",
        "id: old\nname: Old\nlifecycle: decommissioned\nnext_review: 2020-01-01\n",
    );
    assert_eq!(reviewed(&dir), Vec::<String>::new());
}

#[test]
fn review_date_in_the_past_is_a_warning() {
    let dir = Dir::new();
    dir.write(
        "inventory/late.yaml",
        "id: late\nname: Late\nowner: A\nnext_review: 2026-11-25\n",
    );
    dir.write(
        "inventory/today.yaml",
        "id: today\nname: Today\nowner: A\nnext_review: 2026-11-26\n",
    );
    dir.write(
        "impact/late.yaml",
        "system: late\nassessed_on: 2025-11-01\nnext_review: 2026-05-01\n",
    );
    let found = reviewed(&dir);
    assert_eq!(
        found,
        [
            "impact/late.yaml:3:1: warning: this impact assessment was due for review on 2026-05-01",
            "inventory/late.yaml:4:1: warning: the review of `late` was due on 2026-11-25",
        ]
    );
}

#[test]
fn risk_without_owner_is_a_warning_at_the_risk() {
    let dir = Dir::new();
    dir.write("inventory/bot.yaml", "id: bot\nname: Bot\nowner: A\n");
    dir.write(
        "impact/bot.yaml",
        "system: bot\nrisks:\n  - id: bot-1\n    title: Owned\n    owner: A\n  - title: Orphaned\n    id: bot-2\n",
    );
    assert_eq!(
        reviewed(&dir),
        ["impact/bot.yaml:7:5: warning: risk `bot-2` has no owner"]
    );
}

#[test]
fn check_strict_turns_review_warnings_into_exit_1() {
    let dir = Dir::new();
    dir.write(
        "inventory/late.yaml",
        "id: late\nname: Late\nnext_review: 2026-11-25\n",
    );
    let run = dir.cmd(["check"]).run();
    run.expect_code(0);
    assert_eq!(run.stderr, "0 errors, 2 warnings (2 records read)\n");
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        [
            "inventory/late.yaml:1:1: warning: system `late` has no owner; name the accountable person",
            "inventory/late.yaml:3:1: warning: the review of `late` was due on 2026-11-25",
        ]
    );

    let run = dir.cmd(["check", "--strict"]).run();
    run.expect_code(1);
    assert_eq!(run.stderr, "2 errors, 0 warnings (2 records read)\n");
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        [
            "inventory/late.yaml:1:1: error: system `late` has no owner; name the accountable person",
            "inventory/late.yaml:3:1: error: the review of `late` was due on 2026-11-25",
        ]
    );
}

#[test]
fn aims_today_decides_what_is_overdue() {
    let dir = Dir::new();
    dir.write(
        "inventory/late.yaml",
        "id: late\nname: Late\nowner: A\nnext_review: 2026-11-25\n",
    );
    let run = dir
        .cmd(["check", "--strict"])
        .env("AIMS_TODAY", "2026-11-25")
        .run();
    run.expect_code(0);
    assert_eq!(run.stderr, "0 errors, 0 warnings (2 records read)\n");
    dir.cmd(["check", "--strict"]).run().expect_code(1);
}

#[test]
fn check_strict_passes_on_a_workspace_without_gaps() {
    let dir = Dir::new();
    dir.write(
        "inventory/fine.yaml",
        "id: fine\nname: Fine\nowner: A\nnext_review: 2027-01-01\n",
    );
    dir.write(
        "soa/A.2.2.yaml",
        "control: A.2.2\napplicable: true\njustification: Required.\nstatus: planned\nowner: A\n",
    );
    let run = dir.cmd(["check", "--strict"]).run();
    run.expect_code(0);
    assert_eq!(run.stderr, "0 errors, 0 warnings (3 records read)\n");
}
