//! The Gaps tab as a list to work through in a meeting: a gap is selected
//! with the usual keys, Enter goes to the record that closes it, and `o`
//! shows one owner's gaps at a time. Driven through actions over a copy of
//! the example, on the test date (2026-11-26).

mod common;

use aims::tui::{App, Focus, Popup, Tab};
use common::{Example, enter, esc, keys, notice};

fn impact_open(app: &App) -> Option<String> {
    match app.popups().last() {
        Some(Popup::Impact { system, .. }) => Some(system.clone()),
        _ => None,
    }
}

#[test]
fn enter_on_the_first_gap_opens_the_assessment_holding_the_open_high_risk() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "4");
    enter(&mut app);
    assert_eq!(impact_open(&app).as_deref(), Some("cv-screening"));
}

#[test]
fn enter_on_a_system_gap_goes_to_the_system() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "4j");
    enter(&mut app);
    assert_eq!(app.tab(), Tab::Inventory);
    assert_eq!(app.selected_system_id(), Some("bid-writer"));
    assert_eq!(app.focus(), Focus::Detail);
}

#[test]
fn each_owner_in_turn_then_everyone_and_a_domain_gap_goes_to_its_first_undecided_control() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "4o");
    assert!(
        notice(&app).starts_with("Aisha Rahman's gaps"),
        "{}",
        notice(&app)
    );
    enter(&mut app);
    assert_eq!(app.selected_system_id(), Some("engagement-sentiment"));

    keys(&mut app, "4o");
    assert!(
        notice(&app).starts_with("Daniel Okafor's gaps"),
        "{}",
        notice(&app)
    );
    // His second gap: the undecided controls of A.4.
    keys(&mut app, "j");
    enter(&mut app);
    assert_eq!(app.tab(), Tab::Controls);
    assert_eq!(app.selected_control().map(|c| c.id.as_str()), Some("A.4.2"));

    keys(&mut app, "4");
    esc(&mut app);
    assert_eq!(notice(&app), "every owner's gaps");
    enter(&mut app);
    assert_eq!(impact_open(&app).as_deref(), Some("cv-screening"));
}

#[test]
fn moving_stops_at_both_ends_of_the_list() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "4kkk");
    enter(&mut app);
    assert_eq!(
        impact_open(&app).as_deref(),
        Some("cv-screening"),
        "k stops at the top"
    );
    let mut app = example.app();
    keys(&mut app, "4G");
    for _ in 0..5 {
        keys(&mut app, "j");
    }
    enter(&mut app);
    // The last gap of the example: a system with no assessment yet.
    assert!(
        impact_open(&app).is_some(),
        "the last gap opens an assessment"
    );
}
