//! Every screen of the interface as text, at the size it is designed for
//! (80x24) and at a large one (160x48), compared with the snapshots under
//! `tests/snapshots/`. Colour is off, so a snapshot shows what a monochrome
//! terminal shows; the workspace is a copy of the example in a folder named
//! `workspace-example`, with a fixed reviewer and date.
//!
//! Plain text drops styling, so a few snapshots (`*_styled_*`) also mark
//! every cell's modifiers and colours: how the selected row and the focused
//! pane look, with `NO_COLOR` (reverse video and bold only) and with colour.
//!
//! After a deliberate change of a screen, rewrite the snapshots with
//! `INSTA_UPDATE=always cargo test --test tui_snapshots` and read the diff.

mod common;

use aims::tui::App;
use common::{Example, KeyCode, code, press, screen, styled_screen, type_text};

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
        let before = app.controls().selected;
        type_text(&mut app, "j");
        assert_ne!(before, app.controls().selected, "{id} not found");
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

/// A review board on a projector: the bars, the checklist and who owes
/// what, with nothing cut.
#[test]
fn progress_on_a_projector_160x45() {
    let example = Example::new();
    let mut app = example.app();
    type_text(&mut app, "3");
    insta::assert_snapshot!("progress_160x45", screen(&app, 160, 45));
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

/// Snapshots at 80x24 with styling, without colour (`NO_COLOR`: reverse
/// video and bold are all that show the selection and the focus) and with.
fn snapshot_styled(name: &str, app: &App) {
    insta::assert_snapshot!(
        format!("{name}_styled_no_color_80x24"),
        styled_screen(app, 80, 24, false)
    );
    insta::assert_snapshot!(
        format!("{name}_styled_colour_80x24"),
        styled_screen(app, 80, 24, true)
    );
}

#[test]
fn the_selection_and_the_focus_show_in_the_styling() {
    let example = Example::new();
    let mut app = on_control(&example, "A.2.3");
    snapshot_styled("controls_list_focused", &app);
    press(&mut app, code(KeyCode::Tab));
    snapshot_styled("controls_detail_focused", &app);
    let mut app = example.app();
    type_text(&mut app, "1j");
    snapshot_styled("inventory", &app);
}

/// The rows of the list pane (columns 1 to 30 at 80x24) drawn in reverse
/// video from edge to edge, with their text and whether they are bold.
fn reversed_list_rows(app: &App) -> Vec<(String, bool)> {
    use ratatui::style::Modifier;
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|frame| aims::tui::draw(frame, app, aims::tui::Theme { colour: false }))
        .expect("drawing succeeds");
    let buffer = terminal.backend().buffer();
    let text = common::buffer_text(buffer);
    let lines: Vec<&str> = text.split('\n').collect();
    (3..23)
        .filter(|&y| (1..31).all(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED)))
        .map(|y| {
            let bold = (1..31).all(|x| buffer[(x, y)].modifier.contains(Modifier::BOLD));
            (lines[usize::from(y)].to_string(), bold)
        })
        .collect()
}

/// Without colour the selected row, and only it, is reverse video across
/// the list; bold while the list has the focus, not once the detail has it.
#[test]
fn without_colour_the_selected_row_is_reverse_video() {
    let example = Example::new();
    let mut app = on_control(&example, "A.2.3");
    let rows = reversed_list_rows(&app);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert!(rows[0].0.contains("A.2.3 Alignment"), "{rows:#?}");
    assert!(rows[0].1, "the focused list's selection is bold");
    press(&mut app, code(KeyCode::Tab));
    let rows = reversed_list_rows(&app);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert!(rows[0].0.contains("A.2.3 Alignment"), "{rows:#?}");
    assert!(
        !rows[0].1,
        "the selection of a list without focus is not bold"
    );
}
