//! The Progress tab for a review board on a projector: the trend of each
//! domain and what moved in the last 30 days, read from git once the tab
//! is shown, on a repository scripted with known authors and dates (the
//! test date is 2026-11-26).

mod common;

use common::{Example, git_commit, keys, screen};

#[test]
fn a_wide_progress_tab_shows_the_trend_and_the_changes_of_the_last_30_days() {
    let example = Example::new();
    git_commit(example.root(), "Alice", "2026-10-01", "the workspace");
    let entry = example.read("soa/A.6.2.4.yaml");
    example.write(
        "soa/A.6.2.4.yaml",
        &entry.replacen("status: partial", "status: implemented", 1),
    );
    example.write(
        "soa/A.4.2.yaml",
        "control: A.4.2\napplicable: true\njustification: We keep a list of the resources each system needs.\n",
    );
    git_commit(example.root(), "Bob", "2026-11-15", "the November work");
    let mut app = example.app();
    keys(&mut app, "3");
    let shown = screen(&app, 160, 45);
    assert!(
        shown.contains("TREND, DECIDED: 2 DAYS since 2026-10-01"),
        "{shown}"
    );
    assert!(shown.contains("A.4  ▂▄ 40%"), "{shown}");
    assert!(
        shown.contains("SINCE 2026-10-27 (30 DAYS): 2 CHANGES"),
        "{shown}"
    );
    assert!(shown.contains("decision made: A.4.2 Resource documentation"));
    assert!(shown.contains("status moved: A.6.2.4 AI system verificat"));
}

#[test]
fn outside_git_the_tab_says_why_there_is_no_trend() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "3");
    let shown = screen(&app, 160, 45);
    assert!(
        shown.contains("No trend: the workspace is not in a git"),
        "{shown}"
    );
    assert!(shown.contains("WHO OWES WHAT"));
}

/// `w` on the Progress tab lists each person's open items, overdue first,
/// as `aims progress --by owner` does; Esc closes it.
#[test]
fn w_lists_who_owes_what_and_esc_closes_it() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "3w");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Who owes what"), "{shown}");
    assert!(shown.contains("Aisha Rahman: 3 open, 1 overdue"), "{shown}");
    assert!(
        shown.contains("overdue system     engagement-sentiment"),
        "{shown}"
    );
    common::esc(&mut app);
    assert!(app.popups().is_empty());
}

/// On a narrow screen the page continues below the bars; `G` goes to its
/// end, where the recent changes are.
#[test]
fn g_goes_to_the_end_of_a_narrow_progress_page() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "3");
    assert!(!screen(&app, 80, 24).contains("No changes to show"));
    keys(&mut app, "G");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("No changes to show"), "{shown}");
}
