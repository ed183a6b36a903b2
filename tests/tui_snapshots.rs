//! Every screen of the interface as text, at the size it is designed for
//! (80x24) and at a large one (160x48), compared with the snapshots under
//! `tests/snapshots/`. Colour is off, so a snapshot shows what a monochrome
//! terminal shows; the workspace is a copy of the example in a folder named
//! `workspace-example`, with a fixed reviewer and date.
//!
//! After a deliberate change of a screen, rewrite the snapshots with
//! `INSTA_UPDATE=always cargo test --test tui_snapshots` and read the diff.

mod common;

use aims::tui::App;
use common::{Example, KeyCode, code, press, screen, type_text};

/// Snapshots the app at 80x24 and at 160x48.
fn snapshot_both(name: &str, app: &App) {
    for (width, height) in [(80, 24), (160, 48)] {
        let text = screen(app, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), text);
    }
}

/// The app with the controls list on `id`.
fn on_control(example: &Example, id: &str) -> App {
    let mut app = example.app();
    type_text(&mut app, "g");
    while app.selected_control().map(|c| c.id.as_str()) != Some(id) {
        let before = app.controls.selected;
        type_text(&mut app, "j");
        assert_ne!(before, app.controls.selected, "{id} not found");
    }
    app
}

#[test]
fn controls_with_a_control_selected() {
    let example = Example::new();
    let app = on_control(&example, "A.2.3");
    snapshot_both("controls", &app);
}

#[test]
fn controls_with_an_undecided_control_and_a_suggestion() {
    let example = Example::new();
    let app = on_control(&example, "A.6.1.2");
    snapshot_both("controls_suggestion", &app);
}

#[test]
fn inventory() {
    let example = Example::new();
    let mut app = example.app();
    type_text(&mut app, "1");
    snapshot_both("inventory", &app);
}

#[test]
fn progress() {
    let example = Example::new();
    let mut app = example.app();
    type_text(&mut app, "3");
    snapshot_both("progress", &app);
}

#[test]
fn gaps() {
    let example = Example::new();
    let mut app = example.app();
    type_text(&mut app, "4");
    snapshot_both("gaps", &app);
}

#[test]
fn help_overlay() {
    let example = Example::new();
    let mut app = on_control(&example, "A.2.3");
    type_text(&mut app, "?");
    snapshot_both("help", &app);
}

#[test]
fn justification_editor_open() {
    let example = Example::new();
    let mut app = on_control(&example, "A.4.2");
    type_text(&mut app, "x");
    type_text(
        &mut app,
        "We hold no AI resources of our own.\nEvery system runs as a vendor service.",
    );
    snapshot_both("justification_editor", &app);
}

#[test]
fn conflict_popup() {
    let example = Example::new();
    let mut app = on_control(&example, "A.4.5");
    let theirs = example
        .read("soa/A.4.5.yaml")
        .replace("basis: [business]", "basis: [business, risk]");
    example.write("soa/A.4.5.yaml", &theirs);
    type_text(&mut app, "r");
    assert!(app.conflict().is_some());
    snapshot_both("conflict", &app);
}

#[test]
fn filter_active() {
    let example = Example::new();
    let mut app = example.app();
    type_text(&mut app, "/provenance");
    snapshot_both("filter_typing", &app);
    press(&mut app, code(KeyCode::Enter));
    snapshot_both("filter_kept", &app);
}

#[test]
fn evidence_and_pickers() {
    let example = Example::new();
    let mut app = on_control(&example, "A.2.2");
    type_text(&mut app, "e");
    insta::assert_snapshot!("evidence_80x24", screen(&app, 80, 24));
    // A.2.3's basis is already in the picker's order, so keeping the
    // pickers unchanged writes nothing and the status line stays empty.
    let mut app = on_control(&example, "A.2.3");
    type_text(&mut app, "b");
    insta::assert_snapshot!("basis_80x24", screen(&app, 80, 24));
    press(&mut app, code(KeyCode::Esc));
    type_text(&mut app, "s");
    insta::assert_snapshot!("systems_80x24", screen(&app, 80, 24));
}

#[test]
fn terminal_too_small() {
    let example = Example::new();
    let app = example.app();
    insta::assert_snapshot!("too_small_50x12", screen(&app, 50, 12));
}

#[test]
fn loading_screen() {
    // Nothing is read before `Loaded` arrives, so a fixed path keeps the
    // snapshot the same on every machine.
    let app = App::new(
        "/srv/aims/workspace-example".into(),
        common::REVIEWER.into(),
        common::today(),
    );
    snapshot_both("loading", &app);
}

#[test]
fn inventory_detail_labels_stand_apart_from_their_values() {
    let example = Example::new();
    let mut app = example.app();
    type_text(&mut app, "1");
    let shown = screen(&app, 160, 48);
    assert!(!shown.contains("Impact assessmentnone"), "{shown}");
}
