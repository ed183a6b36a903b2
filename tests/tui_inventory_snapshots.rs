//! The screens of the inventory, its forms, the impact assessment, the risk
//! register, the roles and the readiness checklist as text, at 80x24 and at
//! 160x48, compared with the snapshots under `tests/snapshots/`. Colour is
//! off (`Theme { colour: false }`), over a copy of the example workspace.
//!
//! After a deliberate change of a screen, rewrite the snapshots with
//! `INSTA_UPDATE=always cargo test --test tui_inventory_snapshots` and read
//! the diff.

mod common;

use aims::tui::{App, Popup};
use common::{Example, KeyCode, code, press, screen, type_text};

/// Snapshots the app at 80x24 and at 160x48.
fn snapshot_both(name: &str, app: &App) {
    for (width, height) in [(80, 24), (160, 48)] {
        let text = screen(app, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), text);
    }
}

fn keys(app: &mut App, keys: &str) {
    type_text(app, keys);
}

/// Tab 1 with `id` selected.
fn on_system(example: &Example, id: &str) -> App {
    let mut app = example.app();
    keys(&mut app, "1g");
    while app.selected_system_id() != Some(id) {
        let before = app.systems().selected;
        keys(&mut app, "j");
        assert_ne!(before, app.systems().selected, "{id} not found");
    }
    app
}

/// Moves the form on top to the row labelled `label`.
fn form_goto(app: &mut App, label: &str) {
    for _ in 0..40 {
        let Some(Popup::Form(form)) = app.popups().last() else {
            panic!("no form on top");
        };
        if form.rows[form.selected].label == label {
            return;
        }
        keys(app, "j");
    }
    panic!("no row {label}");
}

#[test]
fn inventory_sorted_by_vendor_descending() {
    let example = Example::new();
    let mut app = on_system(&example, "cv-screening");
    keys(&mut app, "ssS");
    assert!(app.sort().1, "descending");
    snapshot_both("inventory_sorted_vendor", &app);
}

#[test]
fn inventory_filtered() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1/microsoft");
    snapshot_both("inventory_filtered", &app);
}

#[test]
fn system_form() {
    let example = Example::new();
    let mut app = on_system(&example, "cv-screening");
    press(&mut app, code(KeyCode::Enter));
    form_goto(&mut app, "Owner");
    snapshot_both("system_form", &app);
}

#[test]
fn system_form_with_a_choice_open() {
    let example = Example::new();
    let mut app = on_system(&example, "cv-screening");
    press(&mut app, code(KeyCode::Enter));
    form_goto(&mut app, "EU AI Act risk");
    press(&mut app, code(KeyCode::Enter));
    insta::assert_snapshot!("system_form_choice_80x24", screen(&app, 80, 24));
}

#[test]
fn system_form_with_an_invalid_date() {
    let example = Example::new();
    let mut app = on_system(&example, "cv-screening");
    press(&mut app, code(KeyCode::Enter));
    form_goto(&mut app, "Next review");
    press(&mut app, code(KeyCode::Enter));
    for _ in 0..10 {
        press(&mut app, code(KeyCode::Backspace));
    }
    keys(&mut app, "2027-02-30\n");
    insta::assert_snapshot!("system_form_bad_date_80x24", screen(&app, 80, 24));
}

#[test]
fn new_system_form() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n\nPayroll Anomaly Detector\n");
    snapshot_both("new_system_form", &app);
}

#[test]
fn new_system_form_with_a_taken_id() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n\nCV Screening\n");
    press(&mut app, code(KeyCode::Esc));
    snapshot_both("new_system_form_taken", &app);
}

#[test]
fn impact_editor() {
    let example = Example::new();
    let mut app = on_system(&example, "cv-screening");
    keys(&mut app, "ijjjj");
    snapshot_both("impact_editor", &app);
}

#[test]
fn impact_editor_of_a_system_without_an_assessment() {
    let example = Example::new();
    let mut app = on_system(&example, "bid-writer");
    keys(&mut app, "i");
    insta::assert_snapshot!("impact_editor_empty_80x24", screen(&app, 80, 24));
}

#[test]
fn impact_question() {
    let example = Example::new();
    let mut app = on_system(&example, "bid-writer");
    keys(&mut app, "ig");
    form_goto(&mut app, "Severity");
    keys(&mut app, "\njjj\n");
    press(&mut app, code(KeyCode::Esc));
    press(&mut app, code(KeyCode::Esc));
    assert!(matches!(
        app.popups().last(),
        Some(Popup::ConfirmImpact { .. })
    ));
    snapshot_both("impact_question", &app);
}

#[test]
fn new_risk_form() {
    let example = Example::new();
    let mut app = on_system(&example, "cv-screening");
    keys(&mut app, "ir\nVendor bias audit misses ethnicity\n");
    insta::assert_snapshot!("new_risk_form_80x24", screen(&app, 80, 24));
}

#[test]
fn risk_register() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "5j");
    snapshot_both("risk_register", &app);
}

#[test]
fn risk_register_filtered() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "5/fiona");
    insta::assert_snapshot!("risk_register_filtered_80x24", screen(&app, 80, 24));
}

#[test]
fn roles_form() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "R");
    snapshot_both("roles_form", &app);
}

#[test]
fn progress_with_readiness() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "3");
    // At 160x48 the checklist stands beside the bars.
    insta::assert_snapshot!("progress_readiness_160x48", screen(&app, 160, 48));
    // At 80x24 it opens the page, above the bars: a meeting sees the first
    // steps without scrolling. The roles follow the bars.
    let shown = screen(&app, 80, 24);
    assert!(
        shown
            .lines()
            .nth(3)
            .is_some_and(|l| l.contains("READINESS")),
        "{shown}"
    );
    insta::assert_snapshot!("progress_readiness_80x24", screen(&app, 80, 24));
}

#[test]
fn controls_with_the_risks_they_treat() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "2g");
    while app.selected_control().map(|c| c.id.as_str()) != Some("A.9.4") {
        let before = app.controls().selected;
        keys(&mut app, "j");
        assert_ne!(before, app.controls().selected, "A.9.4 not found");
    }
    insta::assert_snapshot!("controls_risks_160x48", screen(&app, 160, 48));
}

/// The page of a high-risk system, scrolled to its end: its EU AI Act
/// duties (paging stops at the last line).
#[test]
fn system_duties() {
    let example = Example::new();
    let mut app = on_system(&example, "cv-screening");
    press(&mut app, code(KeyCode::Tab));
    for _ in 0..20 {
        press(&mut app, code(KeyCode::PageDown));
    }
    snapshot_both("system_duties", &app);
}
