//! The interface's behaviour, driven through actions exactly as the event
//! loop drives it (`aims::tui::process` applies an action and performs its
//! effects), over a copy of the example workspace. Each test names what a
//! user relies on; the files on disk are checked as text.

mod common;

use aims::tui::{Action, App, Command, Focus, Popup, RecordRef, Tab, process};
use common::{Example, KeyCode, code, ctrl, enter, esc, keys, notice, press, select_control};

fn run(app: &mut App, command: Command) {
    assert!(
        process(app, Action::Run(command)),
        "{command:?} quit the app"
    );
}

fn selected(app: &App) -> Option<String> {
    app.selected_control().map(|c| c.id.clone())
}

fn top_text_target(app: &App) -> Option<(RecordRef, &'static str)> {
    app.editing()
}

/// The field `key` of a control's entry, as `top_text_target` names it.
fn soa_field(control: &str, key: &'static str) -> Option<(RecordRef, &'static str)> {
    Some((RecordRef::Soa(control.to_string()), key))
}

fn soa(app: &App, id: &str) -> Option<aims::model::SoaEntry> {
    app.workspace()?.records.soa.get(id).cloned()
}

/// Rows that are controls (not domain or clause headings).
fn control_rows(app: &App) -> usize {
    app.controls()
        .rows
        .iter()
        .filter(|r| format!("{r:?}").starts_with("Control"))
        .count()
}

// ---------------------------------------------------------------- moving

#[test]
fn number_keys_switch_tabs() {
    let example = Example::new();
    let mut app = example.app();
    assert_eq!(app.tab(), Tab::Controls, "the app opens on the controls");
    for (key, tab) in [
        ("1", Tab::Inventory),
        ("3", Tab::Progress),
        ("4", Tab::Gaps),
        ("2", Tab::Controls),
    ] {
        keys(&mut app, key);
        assert_eq!(app.tab(), tab, "after {key}");
        assert_eq!(app.focus(), Focus::List);
    }
}

#[test]
fn tab_moves_through_panes_then_tabs_and_shift_tab_comes_back() {
    let example = Example::new();
    let mut app = example.app();
    let tab = code(KeyCode::Tab);
    let back = code(KeyCode::BackTab);
    press(&mut app, tab);
    assert_eq!((app.tab(), app.focus()), (Tab::Controls, Focus::Detail));
    press(&mut app, tab);
    assert_eq!((app.tab(), app.focus()), (Tab::Progress, Focus::List));
    press(&mut app, tab);
    assert_eq!(app.tab(), Tab::Gaps);
    press(&mut app, tab);
    assert_eq!(app.tab(), Tab::Risks);
    press(&mut app, tab);
    assert_eq!((app.tab(), app.focus()), (Tab::Inventory, Focus::List));
    press(&mut app, back);
    assert_eq!(app.tab(), Tab::Risks);
    press(&mut app, back);
    assert_eq!(app.tab(), Tab::Gaps);
    press(&mut app, back);
    assert_eq!(app.tab(), Tab::Progress);
    press(&mut app, back);
    assert_eq!((app.tab(), app.focus()), (Tab::Controls, Focus::Detail));
    press(&mut app, back);
    assert_eq!((app.tab(), app.focus()), (Tab::Controls, Focus::List));
}

#[test]
fn j_k_g_and_capital_g_move_through_the_controls() {
    let example = Example::new();
    let mut app = example.app();
    assert_eq!(
        app.controls().selected,
        0,
        "the first row (a domain) is selected"
    );
    assert_eq!(selected(&app), None, "a domain row is not a control");
    keys(&mut app, "j");
    assert_eq!(selected(&app).as_deref(), Some("A.2.2"));
    keys(&mut app, "jj");
    assert_eq!(selected(&app).as_deref(), Some("A.2.4"));
    keys(&mut app, "k");
    assert_eq!(selected(&app).as_deref(), Some("A.2.3"));
    keys(&mut app, "kkkk");
    assert_eq!(app.controls().selected, 0, "k stops at the top");
    keys(&mut app, "G");
    assert_eq!(app.controls().selected, app.controls().rows.len() - 1);
    assert_eq!(selected(&app).as_deref(), Some("10.2"));
    keys(&mut app, "j");
    assert_eq!(
        selected(&app).as_deref(),
        Some("10.2"),
        "j stops at the end"
    );
    keys(&mut app, "g");
    assert_eq!(app.controls().selected, 0);
    press(&mut app, code(KeyCode::Down));
    assert_eq!(app.controls().selected, 1, "arrows move too");
    press(&mut app, code(KeyCode::End));
    assert_eq!(app.controls().selected, app.controls().rows.len() - 1);
    press(&mut app, code(KeyCode::Home));
    assert_eq!(app.controls().selected, 0);
}

#[test]
fn page_down_and_up_move_by_a_screenful() {
    let example = Example::new();
    let mut app = example.app();
    assert!(process(&mut app, Action::Resize(80, 24)));
    let page = 24 - 8;
    press(&mut app, code(KeyCode::PageDown));
    assert_eq!(app.controls().selected, page);
    press(&mut app, code(KeyCode::PageDown));
    assert_eq!(app.controls().selected, 2 * page);
    press(&mut app, code(KeyCode::PageUp));
    assert_eq!(app.controls().selected, page);
    press(&mut app, ctrl('u'));
    assert_eq!(app.controls().selected, 0);
    press(&mut app, ctrl('d'));
    assert_eq!(app.controls().selected, page);
    for _ in 0..20 {
        press(&mut app, code(KeyCode::PageDown));
    }
    assert_eq!(
        app.controls().selected,
        app.controls().rows.len() - 1,
        "PgDn stops at the last row"
    );
}

#[test]
fn in_the_detail_pane_j_and_k_scroll_instead_of_moving() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    press(&mut app, code(KeyCode::Tab));
    keys(&mut app, "jjj");
    assert_eq!(selected(&app).as_deref(), Some("A.2.2"));
    assert_eq!(app.detail_scroll(), 3);
    keys(&mut app, "k");
    assert_eq!(app.detail_scroll(), 2);
    keys(&mut app, "g");
    assert_eq!(app.detail_scroll(), 0);
}

/// Paging down a control's entry stops once its last line shows: the
/// wrapped length that limits scrolling is the one drawn.
#[test]
fn paging_down_an_entry_stops_at_its_last_line() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    common::screen(&app, 80, 24);
    press(&mut app, code(KeyCode::Tab));
    let mut shown = common::screen(&app, 80, 24);
    let mut stops = None;
    for _ in 0..50 {
        let before = app.detail_scroll();
        press(&mut app, code(KeyCode::PageDown));
        shown = common::screen(&app, 80, 24);
        if app.detail_scroll() == before {
            stops = Some(before);
            break;
        }
    }
    assert!(stops.is_some_and(|s| s > 0), "paging down stopped");
    assert!(
        shown.contains("EU AI Act (indicative)"),
        "the last line shows:\n{shown}"
    );
}

#[test]
fn j_moves_through_the_inventory() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1");
    let first = app.selected_system_id().map(str::to_string);
    assert_eq!(
        first.as_deref(),
        Some("bid-writer"),
        "systems sorted by name"
    );
    keys(&mut app, "jj");
    assert_eq!(app.selected_system_id(), Some("cv-screening"));
    keys(&mut app, "G");
    assert_eq!(app.selected_system_id(), Some("expenses-ocr"));
}

// --------------------------------------------------------------- filtering

#[test]
fn slash_filter_narrows_the_rows_and_selects_the_best_match() {
    let example = Example::new();
    let mut app = example.app();
    let all = app.controls().rows.len();
    keys(&mut app, "/");
    assert!(app.controls().filter.editing);
    // While the filter is typed, letters are text: `a` and `x` decide nothing.
    keys(&mut app, "provenance");
    assert!(
        app.popups().is_empty(),
        "no editor opened while typing a filter"
    );
    assert_eq!(app.controls().filter.query, "provenance");
    assert!(app.controls().rows.len() < all, "the list narrowed");
    assert!(!app.controls().rows.is_empty());
    assert_eq!(
        control_rows(&app),
        app.controls().rows.len(),
        "a filtered list has no domain rows"
    );
    assert_eq!(
        selected(&app).as_deref(),
        Some("A.7.5"),
        "best match selected"
    );
    assert!(!example.exists("soa/A.7.6.yaml"), "typing wrote nothing");

    enter(&mut app);
    assert!(!app.controls().filter.editing, "Enter returns to the list");
    assert_eq!(
        app.controls().filter.query,
        "provenance",
        "and keeps the filter"
    );
    assert_eq!(selected(&app).as_deref(), Some("A.7.5"));
    let narrowed = app.controls().rows.len();
    assert!(narrowed < all);

    esc(&mut app);
    assert_eq!(app.controls().filter.query, "", "Esc clears the filter");
    assert_eq!(app.controls().rows.len(), all);
    assert_eq!(
        selected(&app).as_deref(),
        Some("A.7.5"),
        "the selection stays on the control"
    );
}

#[test]
fn esc_while_typing_a_filter_clears_it() {
    let example = Example::new();
    let mut app = example.app();
    let all = app.controls().rows.len();
    keys(&mut app, "/impact");
    assert!(app.controls().rows.len() < all);
    esc(&mut app);
    assert!(!app.controls().filter.editing);
    assert_eq!(app.controls().filter.query, "");
    assert_eq!(app.controls().rows.len(), all);
}

#[test]
fn backspace_widens_the_filter_again() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "/zqzqzq");
    assert!(app.controls().rows.is_empty(), "nothing matches a typo");
    assert_eq!(selected(&app), None);
    press(&mut app, code(KeyCode::Backspace));
    assert_eq!(app.controls().filter.query, "zqzqz");
    for _ in 0..5 {
        press(&mut app, code(KeyCode::Backspace));
    }
    assert_eq!(app.controls().filter.query, "");
    assert!(!app.controls().rows.is_empty());
}

#[test]
fn the_inventory_filter_selects_the_best_system() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1/chatbot");
    assert_eq!(app.selected_system_id(), Some("website-chatbot"));
    assert!(app.systems().rows.len() < 13);
    enter(&mut app);
    esc(&mut app);
    assert_eq!(app.systems().rows.len(), 13);
    assert_eq!(app.selected_system_id(), Some("website-chatbot"));
}

#[test]
fn a_paste_into_the_filter_becomes_one_line_of_query() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "/");
    assert!(process(
        &mut app,
        Action::Paste("data\r\nprovenance".into())
    ));
    assert_eq!(app.controls().filter.query, "data  provenance");
    assert_eq!(selected(&app).as_deref(), Some("A.7.5"));
}

// ----------------------------------------------------------- decisions

#[test]
fn x_on_an_undecided_control_opens_the_editor_and_esc_writes_exactly_that() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    assert!(!example.exists("soa/A.4.2.yaml"));
    keys(&mut app, "x");
    assert_eq!(
        top_text_target(&app),
        soa_field("A.4.2", "justification"),
        "a decision without a justification opens its editor"
    );
    keys(&mut app, "We document no AI resources of our own.");
    esc(&mut app);
    assert!(app.popups().is_empty(), "Esc keeps the text and closes");
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\napplicable: false\njustification: We document no AI resources of our own.\n"
    );
    let entry = example.load().records.soa["A.4.2"].clone();
    assert_eq!(entry.applicable, Some(false));
    assert_eq!(
        entry.justification.as_deref(),
        Some("We document no AI resources of our own.")
    );
    assert!(notice(&app).contains("soa/A.4.2.yaml"), "{}", notice(&app));
}

#[test]
fn a_on_an_undecided_control_writes_applicable_and_a_multi_line_justification() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.3");
    keys(&mut app, "a");
    assert_eq!(top_text_target(&app), soa_field("A.4.3", "justification"));
    // Enter is a new line in the editor, not "close".
    keys(&mut app, "Tools are listed.\nEach has an owner.");
    assert!(!app.popups().is_empty());
    press(&mut app, ctrl('s'));
    assert!(app.popups().is_empty(), "Ctrl-s keeps and closes too");
    assert_eq!(
        example.read("soa/A.4.3.yaml"),
        "control: A.4.3\napplicable: true\njustification: |\n  Tools are listed.\n  Each has an owner.\n"
    );
}

#[test]
fn a_decision_on_a_justified_control_opens_no_editor() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.5");
    let before = example.read("soa/A.4.5.yaml");
    keys(&mut app, "a");
    assert!(
        app.popups().is_empty(),
        "the justification is already there"
    );
    assert_eq!(
        example.read("soa/A.4.5.yaml"),
        before.replace("applicable: false", "applicable: true")
    );
}

#[test]
fn c_clears_the_decision() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.5");
    keys(&mut app, "c");
    let text = example.read("soa/A.4.5.yaml");
    assert!(!text.contains("applicable:"), "{text}");
    assert_eq!(soa(&app, "A.4.5").unwrap().applicable, None);
}

#[test]
fn a_mandatory_clause_refuses_a_and_x_with_a_notice() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "6.1.2");
    let before = example.read_bytes("soa/6.1.2.yaml");
    for key in ["a", "x", "c"] {
        keys(&mut app, key);
        assert!(app.popups().is_empty(), "{key} opened a popup");
        assert!(
            notice(&app).contains("6.1.2 is a mandatory requirement"),
            "{key}: {}",
            notice(&app)
        );
        assert_eq!(example.read_bytes("soa/6.1.2.yaml"), before, "{key} wrote");
    }
    keys(&mut app, "J");
    assert!(app.popups().is_empty());
    assert!(notice(&app).contains("needs no justification"));
    assert_eq!(example.read_bytes("soa/6.1.2.yaml"), before);
}

#[test]
fn a_domain_row_asks_for_a_control_first() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "g");
    keys(&mut app, "a");
    assert!(app.popups().is_empty());
    assert!(notice(&app).contains("select a control first"));
}

// ----------------------------------------------------------------- status

#[test]
fn space_cycles_the_status_of_an_applicable_control() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    let before = example.read("soa/A.2.3.yaml");
    keys(&mut app, " ");
    assert_eq!(
        example.read("soa/A.2.3.yaml"),
        before.replace("status: partial", "status: implemented")
    );
    for expected in ["not_started", "planned", "partial"] {
        keys(&mut app, " ");
        assert_eq!(
            example.read("soa/A.2.3.yaml"),
            before.replace("status: partial", &format!("status: {expected}"))
        );
    }
    assert_eq!(example.read("soa/A.2.3.yaml"), before, "round the cycle");
}

#[test]
fn space_on_an_undecided_or_excluded_control_is_refused_with_a_notice() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, " ");
    assert!(
        notice(&app).contains("A.4.2 is not applicable; mark it applicable (a)"),
        "{}",
        notice(&app)
    );
    assert!(!example.exists("soa/A.4.2.yaml"));

    select_control(&mut app, "A.4.5");
    let before = example.read_bytes("soa/A.4.5.yaml");
    keys(&mut app, " ");
    assert!(notice(&app).contains("A.4.5 is not applicable"));
    assert_eq!(example.read_bytes("soa/A.4.5.yaml"), before);
}

#[test]
fn space_on_a_mandatory_clause_cycles_its_status() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "6.1.2");
    let before = example.read("soa/6.1.2.yaml");
    keys(&mut app, " ");
    assert_eq!(
        example.read("soa/6.1.2.yaml"),
        before.replace("status: partial", "status: implemented")
    );
}

// ------------------------------------------------------------- undo, redo

#[test]
fn u_restores_the_file_byte_for_byte_and_ctrl_r_redoes() {
    let example = Example::new();
    // Written by hand, far from the canonical form: a byte-order mark,
    // comments, CRLF line ends, keys in another order, quoting aims would
    // not use. An undo must put back these bytes, not their canonical form.
    let by_hand = "\u{feff}# Decided at the partners' meeting.\r\n\
                   owner: Daniel Okafor   # acting until June\r\n\
                   control: \"A.2.2\"\r\n\
                   status: implemented\r\n\
                   applicable: true\r\n\
                   justification: 'Clients ask for our AI position in every tender.'\r\n\
                   reviewed_by: Eleanor Whitcombe\r\n\
                   reviewed_on: 2026-03-14\r\n";
    example.write("soa/A.2.2.yaml", by_hand);
    let mut app = example.app();
    let loaded = app.workspace().expect("loaded");
    assert!(
        !loaded
            .diagnostics
            .iter()
            .any(|d| d.path == "soa/A.2.2.yaml"),
        "the hand-written file loads clean: {:?}",
        loaded.diagnostics
    );
    select_control(&mut app, "A.2.2");
    keys(&mut app, "r");
    let stamped = example.read_bytes("soa/A.2.2.yaml");
    assert!(
        String::from_utf8_lossy(&stamped)
            .starts_with("# Decided at the partners' meeting.\ncontrol: A.2.2\napplicable: true\n")
            && String::from_utf8_lossy(&stamped)
                .contains("\nowner: Daniel Okafor # acting until June\n"),
        "the edit writes the canonical form, comments kept: {:?}",
        String::from_utf8_lossy(&stamped)
    );
    keys(&mut app, "u");
    assert_eq!(
        String::from_utf8_lossy(&example.read_bytes("soa/A.2.2.yaml")),
        by_hand
    );
    assert_eq!(example.read_bytes("soa/A.2.2.yaml"), by_hand.as_bytes());
    assert_eq!(
        soa(&app, "A.2.2").unwrap().reviewed_by.as_deref(),
        Some("Eleanor Whitcombe"),
        "memory follows the undo"
    );
    press(&mut app, ctrl('r'));
    assert_eq!(example.read_bytes("soa/A.2.2.yaml"), stamped);
    press(&mut app, ctrl('r'));
    assert_eq!(notice(&app), "nothing to redo");
}

#[test]
fn undo_removes_a_file_the_edit_created_and_redo_brings_it_back() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "x");
    keys(&mut app, "Not needed.");
    esc(&mut app);
    let written = example.read("soa/A.4.2.yaml");
    // Two edits: the decision, then its justification.
    keys(&mut app, "u");
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\napplicable: false\n"
    );
    keys(&mut app, "u");
    assert!(
        !example.exists("soa/A.4.2.yaml"),
        "the created file is gone"
    );
    assert_eq!(soa(&app, "A.4.2"), None);
    keys(&mut app, "u");
    assert_eq!(notice(&app), "nothing to undo");
    press(&mut app, ctrl('r'));
    press(&mut app, ctrl('r'));
    assert_eq!(example.read("soa/A.4.2.yaml"), written);
    // The undone-and-redone files still load cleanly.
    assert!(!example.load().has_errors());
}

#[test]
fn a_new_edit_after_undo_forgets_the_redo() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    keys(&mut app, " ");
    keys(&mut app, "u");
    keys(&mut app, "r");
    press(&mut app, ctrl('r'));
    assert_eq!(notice(&app), "nothing to redo");
    assert!(example.read("soa/A.2.3.yaml").contains("status: partial"));
}

// ----------------------------------------------------------- review stamp

#[test]
fn r_stamps_reviewed_by_and_reviewed_on() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    let before = example.read("soa/A.2.2.yaml");
    keys(&mut app, "r");
    assert_eq!(
        example.read("soa/A.2.2.yaml"),
        before
            .replace(
                "reviewed_by: Eleanor Whitcombe",
                "reviewed_by: Test Reviewer"
            )
            .replace("reviewed_on: 2026-03-14", "reviewed_on: 2026-11-26")
    );
}

#[test]
fn r_on_a_control_without_a_file_creates_one() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.4");
    keys(&mut app, "r");
    assert_eq!(
        example.read("soa/A.4.4.yaml"),
        "control: A.4.4\nreviewed_by: Test Reviewer\nreviewed_on: 2026-11-26\n"
    );
}

// ------------------------------------------------------------ owner, due

#[test]
fn o_edits_the_owner_in_a_one_line_field() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "o");
    assert_eq!(top_text_target(&app), soa_field("A.4.2", "owner"));
    keys(&mut app, "Priya Shah");
    enter(&mut app);
    assert!(app.popups().is_empty(), "Enter keeps a one-line value");
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\nowner: Priya Shah\n"
    );
}

#[test]
fn the_owner_field_opens_with_the_current_owner_and_esc_keeps_the_change() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    let before = example.read("soa/A.2.3.yaml");
    keys(&mut app, "o");
    for _ in 0.."Okafor".len() {
        press(&mut app, code(KeyCode::Backspace));
    }
    keys(&mut app, "Mensah");
    esc(&mut app);
    assert_eq!(
        example.read("soa/A.2.3.yaml"),
        before.replace("owner: Daniel Okafor", "owner: Daniel Mensah")
    );
}

#[test]
fn an_invalid_due_date_keeps_the_field_open_with_an_error_and_writes_nothing() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "d");
    assert_eq!(top_text_target(&app), soa_field("A.4.2", "due"));
    keys(&mut app, "2026-02-30");
    enter(&mut app);
    let Some(Popup::Text(popup)) = app.popups().last() else {
        panic!("the due-date field closed on an invalid date");
    };
    let error = popup.error.clone().expect("an error is shown");
    assert!(
        error.contains("`due` must be a real date written YYYY-MM-DD, found `2026-02-30`"),
        "{error}"
    );
    assert!(!example.exists("soa/A.4.2.yaml"), "nothing written");
    let shown = common::screen(&app, 80, 24);
    assert!(shown.contains("must be a real date"), "{shown}");

    press(&mut app, code(KeyCode::Backspace));
    let Some(Popup::Text(popup)) = app.popups().last() else {
        panic!("the field closed");
    };
    assert_eq!(popup.error, None, "typing clears the error");
    press(&mut app, code(KeyCode::Backspace));
    keys(&mut app, "28");
    enter(&mut app);
    assert!(app.popups().is_empty());
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\ndue: 2026-02-28\n"
    );
}

#[test]
fn an_emptied_due_date_removes_it() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    let before = example.read("soa/A.2.3.yaml");
    keys(&mut app, "d");
    for _ in 0.."2027-01-31".len() {
        press(&mut app, code(KeyCode::Backspace));
    }
    enter(&mut app);
    assert!(app.popups().is_empty());
    assert_eq!(
        example.read("soa/A.2.3.yaml"),
        before.replace("due: 2027-01-31\n", "")
    );
}

// ---------------------------------------------------------------- pickers

#[test]
fn b_picks_the_basis_of_a_decision() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "b");
    let Some(Popup::Select(select)) = app.popups().last() else {
        panic!("no picker");
    };
    let labels: Vec<&str> = select.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(
        labels,
        ["risk", "legal", "contractual", "business", "best practice"]
    );
    // Space ticks the first, j moves, x ticks too.
    keys(&mut app, " jjjx");
    enter(&mut app);
    assert!(app.popups().is_empty());
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\nbasis: [risk, business]\n"
    );
    // Opened again, it shows what is ticked; unticking writes it.
    keys(&mut app, "b");
    let Some(Popup::Select(select)) = app.popups().last() else {
        panic!("no picker");
    };
    let ticked: Vec<bool> = select.items.iter().map(|i| i.checked).collect();
    assert_eq!(ticked, [true, false, false, true, false]);
    keys(&mut app, " ");
    esc(&mut app);
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\nbasis: [business]\n"
    );
}

#[test]
fn s_picks_the_systems_a_control_applies_to() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "s");
    let Some(Popup::Select(select)) = app.popups().last() else {
        panic!("no picker");
    };
    assert_eq!(select.items[0].label, "All systems in scope");
    assert!(select.items[0].checked, "no list means every system");
    assert_eq!(select.items[1].value, "bid-writer");
    // Ticking a system unticks "all".
    keys(&mut app, "j ");
    let Some(Popup::Select(select)) = app.popups().last() else {
        panic!("no picker");
    };
    assert!(!select.items[0].checked);
    enter(&mut app);
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\nsystems: [bid-writer]\n"
    );
    // Back to all: ticking "all" unticks the systems and drops the key.
    keys(&mut app, "s ");
    enter(&mut app);
    assert_eq!(soa(&app, "A.4.2").unwrap().systems, None);
    assert_eq!(example.read("soa/A.4.2.yaml"), "control: A.4.2\n");
}

#[test]
fn the_systems_picker_filters_its_items() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "s/chatbot");
    let Some(Popup::Select(select)) = app.popups().last() else {
        panic!("no picker");
    };
    let shown: Vec<&str> = select
        .visible()
        .iter()
        .map(|&i| select.items[i].value.as_str())
        .collect();
    assert_eq!(shown, ["website-chatbot"]);
    enter(&mut app); // keeps the filter
    keys(&mut app, " ");
    enter(&mut app); // keeps the choice
    assert!(app.popups().is_empty());
    assert_eq!(
        soa(&app, "A.4.2").unwrap().systems,
        Some(vec!["website-chatbot".to_string()])
    );
}

// --------------------------------------------------------------- evidence

#[test]
fn evidence_is_added_edited_and_removed() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "e");
    assert!(matches!(app.popups().last(), Some(Popup::Evidence { .. })));
    // A new piece of evidence is a form: its reference, then its note.
    keys(&mut app, "n");
    assert!(matches!(app.popups().last(), Some(Popup::Form(_))));
    enter(&mut app);
    assert_eq!(
        top_text_target(&app),
        Some((RecordRef::Evidence("A.4.2".into(), None), "ref"))
    );
    keys(&mut app, "registers/ai-resources.xlsx");
    enter(&mut app);
    keys(&mut app, "j");
    enter(&mut app);
    assert_eq!(
        top_text_target(&app),
        Some((RecordRef::Evidence("A.4.2".into(), None), "note"))
    );
    keys(&mut app, "Resource register");
    enter(&mut app);
    assert!(
        !example.exists("soa/A.4.2.yaml"),
        "a new piece is written when its form closes"
    );
    esc(&mut app);
    assert!(matches!(app.popups().last(), Some(Popup::Evidence { .. })));
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\nevidence:\n  - ref: registers/ai-resources.xlsx\n    note: Resource register\n"
    );

    // Edit the reference of the first piece: written at once.
    enter(&mut app);
    enter(&mut app);
    assert_eq!(
        top_text_target(&app),
        Some((RecordRef::Evidence("A.4.2".into(), Some(0)), "ref"))
    );
    for _ in 0.."xlsx".len() {
        press(&mut app, code(KeyCode::Backspace));
    }
    keys(&mut app, "csv");
    enter(&mut app);
    esc(&mut app);
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\nevidence:\n  - ref: registers/ai-resources.csv\n    note: Resource register\n"
    );

    // A second item, then remove the first.
    keys(&mut app, "n");
    enter(&mut app);
    keys(&mut app, "https://example.com/x");
    enter(&mut app);
    esc(&mut app); // no note
    assert_eq!(soa(&app, "A.4.2").unwrap().evidence.len(), 2);
    keys(&mut app, "gkD");
    let evidence = soa(&app, "A.4.2").unwrap().evidence;
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].reference, "https://example.com/x");
    esc(&mut app);
    assert!(app.popups().is_empty(), "Esc closes the evidence list");
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\nevidence:\n  - ref: https://example.com/x\n"
    );
}

#[test]
fn an_empty_evidence_reference_adds_nothing() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "en");
    enter(&mut app);
    enter(&mut app); // an empty reference
    esc(&mut app);
    assert!(matches!(app.popups().last(), Some(Popup::Evidence { .. })));
    assert!(!example.exists("soa/A.4.2.yaml"));
}

// ------------------------------------------------------------------ paste

#[test]
fn a_paste_arrives_whole_with_line_ends_made_newlines() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "J");
    assert_eq!(top_text_target(&app), soa_field("A.4.2", "justification"));
    assert!(process(
        &mut app,
        Action::Paste("First line.\r\nSecond line.\rThird line: q, a, x and u.".into())
    ));
    assert_eq!(
        app.editor_text(),
        Some("First line.\nSecond line.\nThird line: q, a, x and u.\n".to_string()),
        "letters in a paste are text, never keys"
    );
    esc(&mut app);
    assert_eq!(
        example.read("soa/A.4.2.yaml"),
        "control: A.4.2\njustification: |\n  First line.\n  Second line.\n  Third line: q, a, x and u.\n"
    );
}

#[test]
fn a_paste_into_a_one_line_field_stays_on_one_line() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "o");
    assert!(process(&mut app, Action::Paste("Priya\r\nShah".into())));
    enter(&mut app);
    assert_eq!(
        soa(&app, "A.4.2").unwrap().owner.as_deref(),
        Some("Priya Shah")
    );
}

#[test]
fn a_paste_with_no_text_box_open_changes_nothing() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    assert!(process(&mut app, Action::Paste("ax q".into())));
    assert!(app.popups().is_empty());
    assert!(!example.exists("soa/A.4.2.yaml"));
}

// ------------------------------------------------------ changes on disk

/// A.2.2 as someone else saved it after we loaded it.
fn change_a22_on_disk(example: &Example) -> String {
    let theirs = example
        .read("soa/A.2.2.yaml")
        .replace("owner: Daniel Okafor", "owner: Eleanor Whitcombe (acting)");
    example.write("soa/A.2.2.yaml", &theirs);
    theirs
}

#[test]
fn an_edit_of_a_file_changed_on_disk_asks_and_m_writes_mine() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    let original = example.read("soa/A.2.2.yaml");
    let theirs = change_a22_on_disk(&example);
    keys(&mut app, "r");
    let Some((record, disk)) = app.conflict() else {
        panic!("no conflict popup; popups: {}", app.popups().len());
    };
    assert_eq!(record.path(), "soa/A.2.2.yaml");
    assert_eq!(disk, Some(theirs.as_str()));
    assert_eq!(
        example.read("soa/A.2.2.yaml"),
        theirs,
        "nothing overwritten"
    );
    let shown = common::screen(&app, 80, 24);
    assert!(shown.contains("soa/A.2.2.yaml changed on disk"), "{shown}");

    keys(&mut app, "qmt"); // letters never answer it: the popup stays
    assert!(app.conflict().is_some());
    press(&mut app, ctrl('o'));
    assert!(app.popups().is_empty());
    let mine = original
        .replace(
            "reviewed_by: Eleanor Whitcombe",
            "reviewed_by: Test Reviewer",
        )
        .replace("reviewed_on: 2026-03-14", "reviewed_on: 2026-11-26");
    assert_eq!(example.read("soa/A.2.2.yaml"), mine);
    // Later edits of the same file go through without asking again.
    keys(&mut app, " ");
    assert!(app.popups().is_empty());
    assert!(
        example
            .read("soa/A.2.2.yaml")
            .contains("status: not_started")
    );
}

#[test]
fn t_takes_theirs_and_reloads_the_file() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    let theirs = change_a22_on_disk(&example);
    keys(&mut app, "r");
    assert!(app.conflict().is_some());
    press(&mut app, ctrl('t'));
    assert!(app.popups().is_empty());
    assert_eq!(example.read("soa/A.2.2.yaml"), theirs);
    let entry = soa(&app, "A.2.2").unwrap();
    assert_eq!(entry.owner.as_deref(), Some("Eleanor Whitcombe (acting)"));
    assert_eq!(entry.reviewed_by.as_deref(), Some("Eleanor Whitcombe"));
    assert!(
        notice(&app).contains("reloaded soa/A.2.2.yaml"),
        "{}",
        notice(&app)
    );
}

#[test]
fn undo_after_taking_theirs_does_not_overwrite_theirs() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    let theirs = change_a22_on_disk(&example);
    keys(&mut app, "r");
    keys(&mut app, "t");
    assert_eq!(example.read("soa/A.2.2.yaml"), theirs);
    keys(&mut app, "u");
    assert_eq!(
        example.read("soa/A.2.2.yaml"),
        theirs,
        "the edit was dropped, so undo must not silently put the old file back"
    );
}

#[test]
fn files_changed_reloads_a_file_edited_behind_our_back() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    let theirs = change_a22_on_disk(&example);
    assert!(process(
        &mut app,
        Action::FilesChanged(vec!["soa/A.2.2.yaml".into()])
    ));
    assert_eq!(
        notice(&app),
        "reloaded soa/A.2.2.yaml: it changed on disk",
        "the user is told"
    );
    assert_eq!(
        soa(&app, "A.2.2").unwrap().owner.as_deref(),
        Some("Eleanor Whitcombe (acting)")
    );
    assert_eq!(selected(&app).as_deref(), Some("A.2.2"), "selection kept");
    // Now an edit builds on theirs, without a conflict.
    keys(&mut app, "r");
    assert!(app.popups().is_empty());
    assert_eq!(
        example.read("soa/A.2.2.yaml"),
        theirs
            .replace(
                "reviewed_by: Eleanor Whitcombe",
                "reviewed_by: Test Reviewer"
            )
            .replace("reviewed_on: 2026-03-14", "reviewed_on: 2026-11-26")
    );
}

#[test]
fn files_changed_picks_up_new_and_removed_files() {
    let example = Example::new();
    let mut app = example.app();
    example.write(
        "soa/A.4.2.yaml",
        "control: A.4.2\napplicable: false\njustification: Decided elsewhere.\n",
    );
    assert!(process(
        &mut app,
        Action::FilesChanged(vec!["soa/A.4.2.yaml".into()])
    ));
    assert_eq!(soa(&app, "A.4.2").unwrap().applicable, Some(false));
    std::fs::remove_file(example.join("soa/A.4.5.yaml")).unwrap();
    assert!(process(
        &mut app,
        Action::FilesChanged(vec!["soa/A.4.5.yaml".into()])
    ));
    assert_eq!(soa(&app, "A.4.5"), None);
    assert!(notice(&app).contains("soa/A.4.5.yaml was removed on disk"));
}

#[test]
fn a_file_broken_on_disk_keeps_the_last_good_version_and_is_not_written() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    let broken = "control: A.2.3\napplicable: [oops\n";
    example.write("soa/A.2.3.yaml", broken);
    assert!(process(
        &mut app,
        Action::FilesChanged(vec!["soa/A.2.3.yaml".into()])
    ));
    let warning = app.notice().expect("a warning");
    assert!(warning.is_error);
    assert!(warning.text.contains("now has errors"), "{}", warning.text);
    assert_eq!(
        soa(&app, "A.2.3").unwrap().status,
        Some(aims::model::Status::Partial),
        "the last good version stays in memory"
    );
    keys(&mut app, " r");
    assert_eq!(example.read("soa/A.2.3.yaml"), broken, "never written");
    // No editor opens on it: its text would have nowhere to go.
    for key in ["o", "J", "a", "e", "E"] {
        keys(&mut app, key);
        assert!(app.popups().is_empty(), "{key} opened a popup");
        let said = notice(&app);
        assert!(
            said.starts_with("soa/A.2.3.yaml:3:1 has an error; fix the file first")
                && said.contains("YAML syntax error"),
            "{key}: {said}"
        );
    }
    assert_eq!(example.read("soa/A.2.3.yaml"), broken, "never written");
}

#[test]
fn an_edit_in_an_editor_while_the_field_changed_on_disk_asks_first() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    keys(&mut app, "o");
    keys(&mut app, " Jr");
    // Meanwhile someone else changes the owner and we notice.
    let theirs = example
        .read("soa/A.2.3.yaml")
        .replace("owner: Daniel Okafor", "owner: Aisha Rahman");
    example.write("soa/A.2.3.yaml", &theirs);
    assert!(process(
        &mut app,
        Action::FilesChanged(vec!["soa/A.2.3.yaml".into()])
    ));
    assert_eq!(
        top_text_target(&app),
        soa_field("A.2.3", "owner"),
        "the open field stays open"
    );
    enter(&mut app);
    assert!(app.conflict().is_some(), "both changed the owner: ask");
    assert_eq!(example.read("soa/A.2.3.yaml"), theirs);
    press(&mut app, ctrl('o'));
    assert!(
        example
            .read("soa/A.2.3.yaml")
            .contains("owner: Daniel Okafor Jr\n")
    );
}

#[test]
fn a_broken_file_at_load_is_reported_and_never_written() {
    let example = Example::new();
    let broken = "control: A.4.2\napplicable: maybe\njustification: half done\n";
    example.write("soa/A.4.2.yaml", broken);
    let mut app = example.app();
    let warning = app.notice().expect("the load warns");
    assert!(warning.is_error);
    assert!(warning.text.contains("problem"), "{}", warning.text);
    select_control(&mut app, "A.4.2");
    for key in ["a", "x", "r", "c", "A"] {
        keys(&mut app, key);
        // Close whatever opened, keeping its (empty) text.
        while !app.popups().is_empty() {
            esc(&mut app);
        }
    }
    keys(&mut app, "J");
    keys(&mut app, "Overwrite?");
    esc(&mut app);
    keys(&mut app, "u");
    assert_eq!(example.read("soa/A.4.2.yaml"), broken);
}

/// What an edit tells the user on the status line is the message its
/// command wrote, not only "saved <file>".
#[test]
fn the_notice_of_an_edit_survives_its_write() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.3");
    keys(&mut app, " ");
    assert_eq!(notice(&app), "A.2.3: implemented");
    keys(&mut app, "r");
    assert_eq!(
        notice(&app),
        "A.2.3 reviewed by Test Reviewer on 2026-11-26"
    );
    keys(&mut app, "u");
    assert_eq!(
        notice(&app),
        "undone: A.2.3: reviewed_by, reviewed_on changed"
    );
    keys(&mut app, "u");
    assert_eq!(
        notice(&app),
        "undone: A.2.3: status \"implemented\" -> \"partial\""
    );
    press(&mut app, ctrl('r'));
    assert_eq!(
        notice(&app),
        "redone: A.2.3: status \"partial\" -> \"implemented\""
    );
    select_control(&mut app, "A.6.1.2");
    keys(&mut app, "A");
    assert!(
        notice(&app).contains("A.6.1.2 marked applicable"),
        "{}",
        notice(&app)
    );
}

// ---------------------------------------------------------- suggestions

#[test]
fn capital_a_accepts_the_suggestion_and_its_reason() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.6.1.2");
    keys(&mut app, "A");
    assert!(app.popups().is_empty(), "the reason is the justification");
    let text = example.read("soa/A.6.1.2.yaml");
    assert!(
        text.starts_with("control: A.6.1.2\napplicable: true\njustification: "),
        "{text}"
    );
    let entry = example.load().records.soa["A.6.1.2"].clone();
    assert_eq!(
        entry.justification.as_deref(),
        Some(
            "At least one system in the inventory is built in-house, which suggests responsible development objectives are needed to steer that work.\nBased on: Bid drafting assistant (bid-writer, in development); Calder Freight attrition risk model (client-attrition-model, in use, monitored); Digest document summariser (doc-summariser, in use).\n"
        ),
        "the reason, and the systems it rests on with their lifecycle"
    );
}

#[test]
fn capital_a_keeps_an_existing_justification() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.5.5");
    let before = example.read("soa/A.5.5.yaml");
    keys(&mut app, "A");
    assert_eq!(
        example.read("soa/A.5.5.yaml"),
        before.replace("applicable: false", "applicable: true")
    );
}

#[test]
fn capital_a_without_a_suggestion_says_so() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "A");
    assert_eq!(notice(&app), "no suggestion for A.4.2 from the inventory");
    assert!(!example.exists("soa/A.4.2.yaml"));
}

// ------------------------------------------------------- help and quitting

#[test]
fn question_mark_opens_help_and_esc_closes_it() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "?");
    assert!(matches!(
        app.popups().last(),
        Some(Popup::Help { scroll: 0 })
    ));
    keys(&mut app, "jj");
    assert!(matches!(
        app.popups().last(),
        Some(Popup::Help { scroll: 2 })
    ));
    // Keys of the pane do nothing under the help.
    keys(&mut app, "1");
    assert_eq!(app.tab(), Tab::Controls);
    esc(&mut app);
    assert!(app.popups().is_empty());
}

#[test]
fn q_quits_at_once_when_everything_is_saved() {
    let example = Example::new();
    let mut app = example.app();
    assert!(!press(&mut app, common::ch('q')));
}

#[test]
fn q_is_text_inside_an_editor() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "J");
    assert!(press(&mut app, common::ch('q')));
    assert_eq!(app.editor_text(), Some("q".to_string()));
}

#[test]
fn q_after_a_failed_write_asks_before_quitting() {
    let example = Example::new();
    let mut app = example.app();
    assert!(process(
        &mut app,
        Action::WriteFailed("soa/A.2.2.yaml".into(), "disk full".into())
    ));
    assert_eq!(app.unsaved().len(), 1);
    assert!(press(&mut app, common::ch('q')), "asks instead of quitting");
    assert!(matches!(app.popups().last(), Some(Popup::ConfirmQuit)));
    esc(&mut app);
    assert!(app.popups().is_empty(), "Esc stays");
    keys(&mut app, "q");
    assert!(!press(&mut app, common::ch('y')), "y quits");
}

#[test]
fn a_later_successful_write_of_the_same_file_stops_the_question() {
    let example = Example::new();
    let mut app = example.app();
    process(
        &mut app,
        Action::WriteFailed("soa/A.2.2.yaml".into(), "disk full".into()),
    );
    process(
        &mut app,
        Action::Written {
            path: "soa/A.2.2.yaml".into(),
            replaced: None,
            dropped: Vec::new(),
        },
    );
    assert!(app.unsaved().is_empty());
    assert!(!press(&mut app, common::ch('q')), "q quits at once");
}

#[test]
fn hangup_quits() {
    let example = Example::new();
    let mut app = example.app();
    assert!(!process(&mut app, Action::Hangup));
}

#[test]
fn a_failed_load_is_shown() {
    let example = Example::new();
    let mut app = App::new(example.root().to_path_buf(), "T".into(), common::today());
    assert!(process(
        &mut app,
        Action::LoadFailed("cannot read /nowhere: gone".into())
    ));
    assert_eq!(app.load_error(), Some("cannot read /nowhere: gone"));
    assert!(common::screen(&app, 80, 24).contains("cannot read /nowhere: gone"));
    // Edits before a workspace is loaded do nothing and never panic.
    run(&mut app, Command::MarkApplicable);
    run(&mut app, Command::Undo);
}

#[test]
fn undo_restores_a_hand_written_file_byte_for_byte() {
    let example = Example::new();
    // Written by hand: a comment, another key order, a quoted id.
    let by_hand = "# Decided at the March review.\nowner: Daniel Okafor   # acting\ncontrol: \"A.4.5\"\napplicable: false\njustification: No compute of our own.\n";
    example.write("soa/A.4.5.yaml", by_hand);
    let mut app = example.app();
    select_control(&mut app, "A.4.5");
    keys(&mut app, "r");
    assert_ne!(example.read("soa/A.4.5.yaml"), by_hand);
    keys(&mut app, "u");
    assert_eq!(example.read("soa/A.4.5.yaml"), by_hand);
}

#[test]
fn closing_the_basis_picker_unchanged_writes_nothing() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    let before = example.read("soa/A.2.2.yaml");
    keys(&mut app, "b");
    esc(&mut app);
    assert_eq!(example.read("soa/A.2.2.yaml"), before);
    keys(&mut app, "u");
    assert_eq!(notice(&app), "nothing to undo");
}

#[test]
fn closing_the_systems_picker_unchanged_writes_nothing() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.7.5");
    let before = example.read("soa/A.7.5.yaml");
    keys(&mut app, "s");
    esc(&mut app);
    assert_eq!(example.read("soa/A.7.5.yaml"), before);
}

#[test]
fn the_systems_picker_keeps_systems_it_does_not_list() {
    let example = Example::new();
    example.write(
        "soa/A.4.2.yaml",
        "control: A.4.2\nsystems: [otter-transcription, bid-writer]\n",
    );
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "s");
    // Tick one more live system, then keep.
    keys(&mut app, "jj ");
    enter(&mut app);
    let systems = soa(&app, "A.4.2").unwrap().systems.unwrap();
    assert!(
        systems.contains(&"otter-transcription".to_string()),
        "{systems:?}"
    );
}

/// The ids of the controls the list shows, read by moving through it as a
/// user would: `g`, then `j` row by row (the selection ends on the last).
fn shown_controls(app: &mut App) -> Vec<String> {
    keys(app, "g");
    let mut ids = Vec::new();
    for _ in 0..app.controls().rows.len() {
        ids.extend(app.selected_control().map(|c| c.id.clone()));
        keys(app, "j");
    }
    ids
}

#[test]
fn a_word_from_one_title_narrows_the_list_to_that_control_and_its_mentions() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "/provenance");
    assert_eq!(selected(&app).as_deref(), Some("A.7.5"), "the title match");
    enter(&mut app);
    // A.7.5 Data provenance by its title; A.4.3 Data resources because its
    // guidance speaks of provenance. Nothing else, and no domain rows.
    assert_eq!(shown_controls(&mut app), ["A.4.3", "A.7.5"]);
    assert_eq!(app.controls().rows.len(), 2);
}

// ------------------------------------------------------------- people

#[test]
fn an_owner_field_offers_the_people_already_named_and_takes_a_new_name() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "o");
    keys(&mut app, "ais");
    let shown = common::screen(&app, 80, 24);
    assert!(shown.contains("Aisha Rahman"), "{shown}");
    press(&mut app, code(KeyCode::Down));
    enter(&mut app);
    assert_eq!(
        soa(&app, "A.4.2").unwrap().owner.as_deref(),
        Some("Aisha Rahman")
    );
    // A name nobody has used yet is taken as typed.
    keys(&mut app, "o");
    for _ in 0.."Aisha Rahman".len() {
        press(&mut app, code(KeyCode::Backspace));
    }
    keys(&mut app, "Zoë Newcomer");
    enter(&mut app);
    assert_eq!(
        soa(&app, "A.4.2").unwrap().owner.as_deref(),
        Some("Zoë Newcomer")
    );
}

#[test]
fn the_justification_editor_keeps_the_guidance_in_view() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "J");
    // Wide: side by side at once.
    let wide = common::screen(&app, 160, 48);
    assert!(wide.contains("Guidance (F2 hides it)"), "{wide}");
    assert!(wide.contains("An example to adapt"), "{wide}");
    // Narrow: a key shows it, and hides it again.
    let narrow = common::screen(&app, 80, 24);
    assert!(!narrow.contains("Guidance (F2"), "{narrow}");
    assert!(narrow.contains("F2: guidance"), "{narrow}");
    press(&mut app, code(KeyCode::F(2)));
    let narrow = common::screen(&app, 80, 24);
    assert!(narrow.contains("Guidance (F2 hides it)"), "{narrow}");
    assert_eq!(app.editor_text(), Some(String::new()), "F2 typed nothing");
    press(&mut app, code(KeyCode::F(2)));
    assert!(!common::screen(&app, 80, 24).contains("Guidance (F2"));
}

/// Kept work is offered once the workspace has loaded; keys typed before
/// the question was drawn must not answer it (`n` would drop the work).
#[test]
fn keys_typed_before_the_recovery_question_never_answer_it() {
    let example = Example::new();
    let kept = tempfile::tempdir().expect("a recovery folder");
    let mut app = example.app();
    app.keep_recoveries_in(kept.path().to_path_buf());
    select_control(&mut app, "A.4.2");
    keys(&mut app, "JHalf a thought");
    assert!(!process(&mut app, Action::Hangup));
    let draft = aims::tui::claim(kept.path(), example.root()).expect("kept");

    let mut app = aims::tui::App::new(
        example.root().to_path_buf(),
        common::REVIEWER.into(),
        common::today(),
    );
    app.keep_recoveries_in(kept.path().to_path_buf());
    app.offer_kept_work(Some(draft));
    assert!(process(&mut app, Action::Loaded(Box::new(example.load()))));
    // Typed in the same batch as the load: not an answer.
    for c in "nnyn".chars() {
        if let Some(action) = app.action_for_key(common::ch(c)) {
            assert!(process(&mut app, action));
        }
    }
    assert!(matches!(app.popups().last(), Some(Popup::Recovery { .. })));
    assert!(process(&mut app, Action::Settled));
    keys(&mut app, "y");
    assert_eq!(app.editor_text().as_deref(), Some("Half a thought"));
}

/// Broken files are counted in the header, where no width clips them, and
/// `!` lists them with their errors and what each leaves out.
#[test]
fn the_header_counts_broken_files_and_bang_lists_them() {
    let example = Example::new();
    example.write(
        "soa/A.5.2.yaml",
        "control: A.5.2\n<<<<<<< HEAD\napplicable: true\n=======\napplicable: false\n>>>>>>> theirs\n",
    );
    let mut app = example.app();
    let shown = common::screen(&app, 80, 24);
    assert!(
        shown
            .lines()
            .next()
            .unwrap_or_default()
            .contains("1 broken file (! lists)"),
        "{shown}"
    );
    keys(&mut app, "!");
    let shown = common::screen(&app, 80, 24);
    assert!(shown.contains("Files with errors"), "{shown}");
    assert!(shown.contains("soa/A.5.2.yaml"), "{shown}");
    assert!(shown.contains("unresolved merge conflict"), "{shown}");
    assert!(shown.contains("the decision on A.5.2"), "{shown}");
    esc(&mut app);
    assert!(app.popups().is_empty());
    // With none, `!` says so.
    let clean = Example::new();
    let mut app = clean.app();
    keys(&mut app, "!");
    assert!(app.popups().is_empty());
    assert_eq!(notice(&app), "no file has errors");
}

/// A file left with git's conflict markers: `!` lists it, Enter shows both
/// sides key by key, a side is chosen for each key, and Enter writes the
/// record clean (and it loads again, editable as usual).
#[test]
fn a_merge_conflict_is_resolved_side_by_side_and_written_clean() {
    let example = Example::new();
    let conflicted = "control: A.5.2\n# decided in the October review\napplicable: true\n<<<<<<< HEAD\nstatus: partial\nowner: Aisha Rahman # HR lead\n=======\nstatus: implemented\nowner: Priya Shah\n>>>>>>> review-branch\njustification: We deploy a high-risk CV screener.\n";
    example.write("soa/A.5.2.yaml", conflicted);
    let mut app = example.app();
    keys(&mut app, "!");
    enter(&mut app);
    assert!(matches!(app.popups().last(), Some(Popup::Merge(_))));
    let shown = common::screen(&app, 80, 24);
    println!("{shown}");
    assert!(
        shown.contains("Merge conflict in soa/A.5.2.yaml"),
        "{shown}"
    );
    assert!(shown.contains("ours (HEAD)"), "{shown}");
    assert!(shown.contains("theirs (review-branch)"), "{shown}");
    assert!(shown.contains("● partial"), "{shown}");
    assert!(shown.contains("implemented"), "{shown}");
    // Ours for the status, theirs for the owner.
    keys(&mut app, "jl");
    let shown = common::screen(&app, 80, 24);
    assert!(shown.contains("● Priya Shah"), "{shown}");
    enter(&mut app);
    assert_eq!(
        example.read("soa/A.5.2.yaml"),
        "control: A.5.2\n# decided in the October review\napplicable: true\njustification: We deploy a high-risk CV screener.\nstatus: partial\nowner: Priya Shah\n"
    );
    assert_eq!(
        notice(&app),
        "resolved the merge conflict in soa/A.5.2.yaml: written clean; edit it as usual"
    );
    assert!(
        app.popups().is_empty(),
        "the list closes when nothing is broken"
    );
    let ws = app.workspace().expect("loaded");
    assert!(ws.broken_files().is_empty());
    assert_eq!(ws.records.soa["A.5.2"].owner.as_deref(), Some("Priya Shah"));
    // And it is an ordinary record again.
    select_control(&mut app, "A.5.2");
    keys(&mut app, "r");
    assert!(example.read("soa/A.5.2.yaml").contains("reviewed_by: "));
}

/// A side that is not a record is shown line by line and cannot be
/// written; the other side can be taken whole. A typed-ahead Enter never
/// writes; Esc leaves the file as it is.
#[test]
fn a_conflict_whose_side_does_not_read_is_taken_whole_or_left() {
    let example = Example::new();
    let conflicted = "control: A.5.2\n<<<<<<< HEAD\napplicable: true\nstatus: partial\n=======\napplicable: maybe\n>>>>>>> theirs\n";
    example.write("soa/A.5.2.yaml", conflicted);
    let mut app = example.app();
    keys(&mut app, "!");
    // Enter arrives in the same batch as the key that opened the view.
    let open = app.action_for_key(code(KeyCode::Enter)).expect("bound");
    assert!(process(&mut app, open));
    let write = app.action_for_key(code(KeyCode::Enter)).expect("bound");
    assert!(process(&mut app, write));
    assert_eq!(example.read("soa/A.5.2.yaml"), conflicted, "not armed yet");
    assert!(process(&mut app, Action::Settled));
    let shown = common::screen(&app, 80, 24);
    println!("{shown}");
    assert!(
        shown.contains("theirs (theirs) does not read as a record"),
        "{shown}"
    );
    assert!(shown.contains("applicable: maybe"), "{shown}");
    keys(&mut app, "l");
    enter(&mut app);
    let shown = common::screen(&app, 80, 24);
    assert!(
        shown.contains("theirs (theirs) does not read as a record"),
        "{shown}"
    );
    assert_eq!(example.read("soa/A.5.2.yaml"), conflicted);
    esc(&mut app);
    assert!(matches!(app.popups().last(), Some(Popup::Broken { .. })));
    enter(&mut app);
    keys(&mut app, "h");
    enter(&mut app);
    assert_eq!(
        example.read("soa/A.5.2.yaml"),
        "control: A.5.2\napplicable: true\nstatus: partial\n"
    );
}

/// Excluding a control opens its justification with the catalogue's note
/// on whether an exclusion is credible first, shown even at 80x24.
#[test]
fn excluding_a_control_shows_whether_exclusion_is_credible() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.7.6");
    keys(&mut app, "x");
    let shown = common::screen(&app, 80, 24);
    assert!(shown.contains("Excluding it from the SoA"), "{shown}");
    let panel_start = shown.find("Excluding it from the SoA").unwrap();
    assert!(
        !shown[..panel_start].contains("An example to adapt"),
        "the note on exclusion comes first: {shown}"
    );
    // Marking it applicable instead shows the guidance as before: hidden
    // on a narrow screen until asked for.
    esc(&mut app);
    select_control(&mut app, "A.7.5");
    keys(&mut app, "a");
    let shown = common::screen(&app, 80, 24);
    assert!(!shown.contains("Excluding it from the SoA"), "{shown}");
}

/// The certification-readiness guide opens from the Progress tab and says
/// what each audit stage needs; Esc closes it.
#[test]
fn the_progress_tab_opens_the_certification_readiness_guide() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "3");
    let shown = common::screen(&app, 80, 24);
    assert!(shown.contains("c certification guide"), "{shown}");
    keys(&mut app, "c");
    assert!(matches!(app.popups().last(), Some(Popup::Guide { .. })));
    let shown = common::screen(&app, 160, 48);
    assert!(shown.contains("Certification readiness"), "{shown}");
    assert!(
        shown.contains("Scope of the AI management system (clause 4.3)"),
        "{shown}"
    );
    for _ in 0..200 {
        keys(&mut app, "j");
    }
    let shown = common::screen(&app, 160, 48);
    assert!(
        shown.contains("Art. 63"),
        "scrolled to the small firms: {shown}"
    );
    esc(&mut app);
    assert!(app.popups().is_empty());
}

// ---------------------------------------------------------------- history

/// Runs git in `dir` with a fixed author and date and no user configuration.
fn git_in(dir: &std::path::Path, args: &[&str]) {
    common::git(dir, "Priya Shah", "2026-01-05", args);
}

/// `H` on a control or a system shows the commits that changed its file,
/// read by the loop (not by `update`), with the fields each changed; Esc
/// closes it.
#[test]
fn h_shows_the_git_history_of_the_selected_control_or_system() {
    let example = Example::new();
    git_in(example.root(), &["init", "-q"]);
    git_in(example.root(), &["add", "-A"]);
    git_in(example.root(), &["commit", "-q", "-m", "Initial workspace"]);
    let mut app = example.app();
    select_control(&mut app, "A.6.2.4");
    keys(&mut app, "H");
    let Some(Popup::History { path, outcome, .. }) = app.popups().last() else {
        panic!("no history popup: {:?}", app.popups().len());
    };
    assert_eq!(path, "soa/A.6.2.4.yaml");
    let changes = outcome.as_ref().expect("a history");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].log.subject, "Initial workspace");
    assert_eq!(changes[0].log.author, "Priya Shah");
    let shown = common::screen(&app, 120, 40);
    assert!(shown.contains("History of soa/A.6.2.4.yaml"), "{shown}");
    assert!(shown.contains("2026-01-05"), "{shown}");
    assert!(shown.contains("status: (empty) → partial"), "{shown}");
    esc(&mut app);
    assert!(app.popups().is_empty());

    keys(&mut app, "1");
    let system = app.selected_system_id().expect("a system").to_string();
    keys(&mut app, "H");
    let Some(Popup::History { path, outcome, .. }) = app.popups().last() else {
        panic!("no history popup on the inventory");
    };
    assert_eq!(path, &format!("inventory/{system}.yaml"));
    assert_eq!(outcome.as_ref().map(Vec::len), Ok(1));
}

/// Outside a repository the popup says so instead of a list.
#[test]
fn h_outside_a_repository_says_there_is_no_history() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.6.2.4");
    keys(&mut app, "H");
    let Some(Popup::History { outcome, .. }) = app.popups().last() else {
        panic!("no history popup");
    };
    assert!(
        outcome
            .as_ref()
            .is_err_and(|why| why.contains("not in a git repository")),
        "{outcome:?}"
    );
    let shown = common::screen(&app, 100, 30);
    assert!(shown.contains("No history:"), "{shown}");
}
