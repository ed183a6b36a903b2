//! The inventory, impact assessment, risk register, roles and readiness
//! features of the interface, driven through keys exactly as the event loop
//! drives them (`aims::tui::process`), over a copy of the example workspace.
//! The files on disk are checked as text: every completed edit is written at
//! once, and only the record it changed.

mod common;

use aims::tui::{Action, App, Popup, Tab, process};
use aims::yaml::Choice;
use common::{
    Dir, Example, KeyCode, code, ctrl, enter, esc, keys, loaded_app, notice, press, screen,
    select_control,
};

// ------------------------------------------------------------------ helpers

fn backspace(app: &mut App, times: usize) {
    for _ in 0..times {
        assert!(press(app, code(KeyCode::Backspace)));
    }
}

fn records(app: &App) -> &aims::model::Records {
    &app.workspace().expect("loaded").records
}

fn system(app: &App, id: &str) -> aims::model::AiSystem {
    records(app).systems[id].clone()
}

/// The inventory rows, as system ids, in the order they show.
fn rows(app: &App) -> Vec<String> {
    app.systems().rows.clone()
}

fn selected_system(app: &App) -> String {
    app.selected_system_id().unwrap_or_default().to_string()
}

/// Tab 1 with `id` selected, moved to with `g` and `j` as a user would.
fn select_system(app: &mut App, id: &str) {
    keys(app, "1g");
    for _ in 0..app.systems().rows.len() {
        if selected_system(app) == id {
            return;
        }
        keys(app, "j");
    }
    panic!("system {id} is not in the inventory: {:?}", rows(app));
}

fn is_form(app: &App) -> bool {
    matches!(app.popups().last(), Some(Popup::Form(_)))
}

fn form_title(app: &App) -> String {
    match app.popups().last() {
        Some(Popup::Form(form)) => form.title(),
        _ => panic!("no form on top"),
    }
}

fn form_error(app: &App) -> Option<String> {
    match app.popups().last() {
        Some(Popup::Form(form)) => form.error.clone(),
        _ => panic!("no form on top"),
    }
}

/// The label of the selected row of the form on top.
fn form_row(app: &App) -> &'static str {
    match app.popups().last() {
        Some(Popup::Form(form)) => form.rows[form.selected].label,
        _ => panic!("no form on top"),
    }
}

/// What the form on top shows for the row labelled `label`.
fn form_value(app: &App, label: &str) -> String {
    match app.popups().last() {
        Some(Popup::Form(form)) => {
            let row = form
                .rows
                .iter()
                .position(|r| r.label == label)
                .unwrap_or_else(|| panic!("no row {label}"));
            form.value(row)
        }
        _ => panic!("no form on top"),
    }
}

/// Moves the form's selection to the row labelled `label` with `k` and `j`.
fn form_goto(app: &mut App, label: &str) {
    for _ in 0..40 {
        keys(app, "k");
    }
    for _ in 0..40 {
        if form_row(app) == label {
            return;
        }
        keys(app, "j");
    }
    panic!("no row {label} in the form");
}

/// The text field on top: its text and its error.
fn text_field(app: &App) -> (String, Option<String>) {
    match app.popups().last() {
        Some(Popup::Text(text)) => (text.text(), text.error.clone()),
        _ => panic!("no text field on top"),
    }
}

/// Opens the row `label`, replaces its text with `value` and presses Enter.
fn set_text(app: &mut App, label: &str, value: &str) {
    form_goto(app, label);
    enter(app);
    let (old, _) = text_field(app);
    backspace(app, old.chars().count());
    keys(app, value);
    enter(app);
}

/// The one-choice list on top: its item values and the highlighted one.
fn choices(app: &App) -> (Vec<String>, usize, bool) {
    match app.popups().last() {
        Some(Popup::Select(select)) => (
            select.items.iter().map(|i| i.value.clone()).collect(),
            select.selected,
            select.single,
        ),
        _ => panic!("no list of choices on top"),
    }
}

/// Moves the highlight of the list of choices on top to `value` with
/// `j`/`k`; whether the list takes one choice.
fn move_to_choice(app: &mut App, value: &str) -> bool {
    let (items, selected, single) = choices(app);
    let target = items
        .iter()
        .position(|v| v == value)
        .unwrap_or_else(|| panic!("{value:?} is not among {items:?}"));
    let key = if target > selected { "j" } else { "k" };
    for _ in 0..target.abs_diff(selected) {
        keys(app, key);
    }
    single
}

/// Opens the choice row `label`, moves to `value` ("" for `(none)`) with
/// `j`/`k` and picks it with Enter.
fn pick(app: &mut App, label: &str, value: &str) {
    form_goto(app, label);
    enter(app);
    assert!(move_to_choice(app, value), "{label} is a one-choice list");
    enter(app);
}

/// Opens the picker row `label`, ticks or unticks each of `values` (moving
/// to it with `j`/`k`) and keeps the ticks with Enter.
fn tick(app: &mut App, label: &str, values: &[&str]) {
    form_goto(app, label);
    enter(app);
    for value in values {
        assert!(!move_to_choice(app, value), "{label} takes several values");
        keys(app, " ");
    }
    enter(app);
}

/// The impact editor on top: its system and selected row.
fn impact_popup(app: &App) -> (String, usize) {
    match app.popups().last() {
        Some(Popup::Impact { system, selected }) => (system.clone(), *selected),
        _ => panic!("no impact assessment on top"),
    }
}

fn impact_goto(app: &mut App, row: usize) {
    for _ in 0..40 {
        keys(app, "k");
    }
    for _ in 0..row {
        keys(app, "j");
    }
    assert_eq!(impact_popup(app).1, row);
}

fn risk_ids(app: &App) -> Vec<String> {
    app.risks()
        .rows
        .iter()
        .map(|row| {
            records(app).impacts[&row.system].risks[row.index]
                .id
                .clone()
        })
        .collect()
}

fn readiness(app: &App) -> aims::model::Readiness {
    aims::model::readiness(records(app), common::today())
}

#[track_caller]
fn assert_loads_clean(example: &Example) {
    let workspace = example.load();
    let errors: Vec<String> = workspace
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Every file under `dir`, relative, sorted.
fn files(example: &Example, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(example.join(dir))
        .map(|d| {
            d.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn soa_snapshot(example: &Example) -> Vec<(String, String)> {
    files(example, "soa")
        .into_iter()
        .map(|f| {
            let text = example.read(&format!("soa/{f}"));
            (f, text)
        })
        .collect()
}

// ------------------------------------------------------------ sorting

/// The cells of `column` in row order, as the table sorts on them.
fn column_values(app: &App, f: impl Fn(&aims::model::AiSystem) -> Option<String>) -> Vec<String> {
    rows(app)
        .iter()
        .map(|id| f(&system(app, id)).unwrap_or_default().to_lowercase())
        .collect()
}

#[track_caller]
fn assert_sorted_empty_last(values: &[String], descending: bool) {
    let filled: Vec<&String> = values.iter().take_while(|v| !v.is_empty()).collect();
    assert!(
        values[filled.len()..].iter().all(String::is_empty),
        "empty values come last: {values:?}"
    );
    for pair in filled.windows(2) {
        let ordered = if descending {
            pair[0] >= pair[1]
        } else {
            pair[0] <= pair[1]
        };
        assert!(
            ordered,
            "{values:?} is not sorted (descending {descending})"
        );
    }
}

#[test]
fn the_inventory_starts_sorted_by_name() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1");
    let names = column_values(&app, |s| Some(s.name.clone()));
    assert_sorted_empty_last(&names, false);
    assert_eq!(
        rows(&app).len(),
        13,
        "decommissioned systems are listed too"
    );
    assert_eq!(rows(&app)[0], "bid-writer");
    assert_eq!(rows(&app)[12], "expenses-ocr");
}

#[test]
fn s_sorts_by_the_next_column_and_capital_s_reverses() {
    let example = Example::new();
    let mut app = example.app();
    select_system(&mut app, "cv-screening");
    keys(&mut app, "s");
    assert_eq!(notice(&app), "sorted by sourcing (ascending)");
    let sourcing = column_values(&app, |s| s.sourcing.map(|x| format!("{x:?}")));
    assert_sorted_empty_last(&sourcing, false);
    assert_eq!(
        &sourcing[..3],
        ["bought", "bought", "bought"],
        "bought < built < embedded"
    );
    assert_eq!(sourcing[12], "embedded");
    assert_eq!(
        selected_system(&app),
        "cv-screening",
        "the selection follows its system"
    );

    keys(&mut app, "S");
    assert_eq!(notice(&app), "sorted by sourcing (descending)");
    let sourcing = column_values(&app, |s| s.sourcing.map(|x| format!("{x:?}")));
    assert_sorted_empty_last(&sourcing, true);
    assert_eq!(sourcing[0], "embedded");
    assert_eq!(selected_system(&app), "cv-screening");

    // The next column starts ascending again.
    keys(&mut app, "s");
    assert_eq!(notice(&app), "sorted by vendor (ascending)");
    let vendors = column_values(&app, |s| s.vendor.clone());
    assert_sorted_empty_last(&vendors, false);
    assert_eq!(vendors[0], "candidex ltd");
    assert_eq!(vendors[9], "xero");
    assert_eq!(
        rows(&app)[10..].to_vec(),
        ["bid-writer", "client-attrition-model", "doc-summariser"],
        "the systems built in-house have no vendor: last"
    );
}

#[test]
fn empty_values_stay_last_when_the_order_is_reversed() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1sss");
    assert_eq!(notice(&app), "sorted by owner (ascending)");
    assert_eq!(rows(&app).last().unwrap(), "grammar-assistant", "no owner");
    let owners = column_values(&app, |s| s.owner.clone());
    assert_sorted_empty_last(&owners, false);
    keys(&mut app, "S");
    assert_eq!(rows(&app).last().unwrap(), "grammar-assistant");
    let owners = column_values(&app, |s| s.owner.clone());
    assert_sorted_empty_last(&owners, true);
    assert_eq!(owners[0], "tom brennan");
}

#[test]
fn s_cycles_through_every_column_back_to_the_name() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1");
    let mut seen = Vec::new();
    for _ in 0..10 {
        keys(&mut app, "s");
        seen.push(notice(&app));
    }
    assert_eq!(seen.last().unwrap(), "sorted by name (ascending)");
    assert!(seen.contains(&"sorted by next review (ascending)".to_string()));
    let next_review = column_values(&app, |s| s.next_review.map(|d| d.to_string()));
    assert_eq!(next_review.len(), 13);
    keys(&mut app, "k".repeat(9).as_str());
    keys(&mut app, "s".repeat(9).as_str());
    assert_eq!(notice(&app), "sorted by next review (ascending)");
    let dates = column_values(&app, |s| s.next_review.map(|d| d.to_string()));
    assert_sorted_empty_last(&dates, false);
    assert_eq!(rows(&app).last().unwrap(), "otter-transcription", "no date");
    assert_eq!(rows(&app)[0], "engagement-sentiment", "the oldest date");
}

// ------------------------------------------------------------- filtering

#[test]
fn slash_filters_by_vendor_and_owner_and_esc_clears() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1/candidex");
    assert!(app.systems().filter.editing);
    assert_eq!(rows(&app), ["cv-screening"], "by vendor");
    assert_eq!(selected_system(&app), "cv-screening");
    esc(&mut app);
    assert!(!app.systems().filter.editing);
    assert_eq!(app.systems().filter.query, "");
    assert_eq!(rows(&app).len(), 13, "Esc clears the filter");

    keys(&mut app, "/thornley");
    assert_eq!(rows(&app), ["client-attrition-model"], "by owner");
    enter(&mut app);
    assert!(!app.systems().filter.editing, "Enter keeps the filter");
    assert_eq!(rows(&app), ["client-attrition-model"]);
    assert_eq!(
        form_title(&app),
        "AI system client-attrition-model",
        "one match left: the same Enter opens it"
    );
    esc(&mut app);
    assert!(app.popups().is_empty());
    esc(&mut app);
    assert_eq!(rows(&app).len(), 13, "Esc in the list clears it too");
}

#[test]
fn slash_filter_selects_the_best_match_by_id_and_name() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1/m365");
    assert!(rows(&app).contains(&"m365-copilot".to_string()), "by id");
    assert_eq!(selected_system(&app), "m365-copilot");
    esc(&mut app);
    keys(&mut app, "/microsoft");
    let shown = rows(&app);
    assert!(
        shown.contains(&"m365-copilot".to_string())
            && shown.contains(&"teams-meeting-recap".to_string()),
        "{shown:?}"
    );
    assert!(shown.len() < 13, "{shown:?}");
    assert_eq!(
        selected_system(&app),
        "m365-copilot",
        "its name starts with the query"
    );
    esc(&mut app);
    keys(&mut app, "/zzzz");
    assert!(rows(&app).is_empty());
    keys(&mut app, "\n");
    keys(&mut app, "n");
    assert!(is_form(&app), "n works on an empty filtered list");
}

// ------------------------------------------------------------ system form

#[test]
fn enter_opens_the_selected_systems_form() {
    let example = Example::new();
    let mut app = example.app();
    select_system(&mut app, "cv-screening");
    enter(&mut app);
    assert_eq!(form_title(&app), "AI system cv-screening");
    assert_eq!(form_value(&app, "Name"), "Candidex Screen CV ranking");
    assert_eq!(form_value(&app, "Owner"), "Aisha Rahman");
    assert_eq!(form_value(&app, "Affected"), "third_parties, users");
    assert_eq!(form_value(&app, "GPAI-based"), "false");
    esc(&mut app);
    assert!(app.popups().is_empty());
    keys(&mut app, "E");
    assert_eq!(form_title(&app), "AI system cv-screening", "E edits too");
}

#[test]
fn changing_the_owner_writes_only_that_change_at_once_and_u_undoes_it() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("inventory/grammar-assistant.yaml");
    select_system(&mut app, "grammar-assistant");
    enter(&mut app);
    set_text(&mut app, "Owner", "Megan Doyle");
    assert!(is_form(&app), "the form stays open");
    assert_eq!(form_value(&app, "Owner"), "Megan Doyle");
    assert_eq!(
        example.read("inventory/grammar-assistant.yaml"),
        before.replace(
            "vendor: Grammarly\n",
            "vendor: Grammarly\nowner: Megan Doyle\n"
        ),
        "written at once, before the form closes"
    );
    esc(&mut app);
    assert!(app.popups().is_empty());
    keys(&mut app, "u");
    assert_eq!(example.read("inventory/grammar-assistant.yaml"), before);
    assert_eq!(system(&app, "grammar-assistant").owner, None);
}

#[test]
fn replacing_an_owner_changes_one_line() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("inventory/cv-screening.yaml");
    select_system(&mut app, "cv-screening");
    enter(&mut app);
    set_text(&mut app, "Owner", "Priya Shah");
    assert_eq!(
        example.read("inventory/cv-screening.yaml"),
        before.replace("owner: Aisha Rahman\n", "owner: Priya Shah\n")
    );
    assert_eq!(
        files(&example, "inventory").len(),
        13,
        "no other file appears"
    );
}

#[test]
fn a_choice_field_opens_a_one_choice_list_and_enter_picks() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("inventory/cv-screening.yaml");
    select_system(&mut app, "cv-screening");
    enter(&mut app);
    form_goto(&mut app, "Sourcing");
    enter(&mut app);
    let (items, selected, single) = choices(&app);
    assert!(single);
    assert_eq!(items, ["", "built", "bought", "embedded"]);
    assert_eq!(
        items[selected], "bought",
        "the current value is highlighted"
    );
    keys(&mut app, "k");
    enter(&mut app);
    assert!(is_form(&app), "back in the form");
    assert_eq!(form_value(&app, "Sourcing"), "built");
    assert_eq!(
        example.read("inventory/cv-screening.yaml"),
        before.replace("sourcing: bought\n", "sourcing: built\n")
    );

    // (none) clears the field.
    pick(&mut app, "Sourcing", "");
    assert_eq!(form_value(&app, "Sourcing"), "");
    assert_eq!(
        example.read("inventory/cv-screening.yaml"),
        before.replace("sourcing: bought\n", "")
    );
}

#[test]
fn the_eu_ai_act_risk_is_picked_from_its_words() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("inventory/website-chatbot.yaml");
    select_system(&mut app, "website-chatbot");
    enter(&mut app);
    form_goto(&mut app, "EU AI Act risk");
    enter(&mut app);
    let (items, selected, _) = choices(&app);
    assert_eq!(
        items,
        ["", "prohibited", "high", "limited", "minimal", "unassessed"]
    );
    assert_eq!(items[selected], "limited");
    keys(&mut app, "k");
    enter(&mut app);
    assert_eq!(
        example.read("inventory/website-chatbot.yaml"),
        before.replace("  risk: limited\n", "  risk: high\n")
    );
    assert_eq!(
        system(&app, "website-chatbot").eu_risk,
        Some(aims::model::EuRisk::High)
    );
}

#[test]
fn a_yes_no_row_flips_true_false_empty_on_enter() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("inventory/contract-review.yaml");
    assert!(!before.contains("gpai"));
    select_system(&mut app, "contract-review");
    enter(&mut app);
    form_goto(&mut app, "GPAI-based");
    let with = |value: &str| {
        before.replace(
            "  risk: unassessed\n",
            &format!("  risk: unassessed\n  gpai: {value}\n"),
        )
    };
    enter(&mut app);
    assert_eq!(form_value(&app, "GPAI-based"), "true");
    assert_eq!(example.read("inventory/contract-review.yaml"), with("true"));
    enter(&mut app);
    assert_eq!(form_value(&app, "GPAI-based"), "false");
    assert_eq!(
        example.read("inventory/contract-review.yaml"),
        with("false")
    );
    enter(&mut app);
    assert_eq!(form_value(&app, "GPAI-based"), "");
    assert_eq!(example.read("inventory/contract-review.yaml"), before);
    assert!(is_form(&app), "no popup opens for a yes/no row");
}

#[test]
fn an_invalid_next_review_date_keeps_the_field_open_and_writes_nothing() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("inventory/cv-screening.yaml");
    select_system(&mut app, "cv-screening");
    enter(&mut app);
    set_text(&mut app, "Next review", "2027-02-30");
    let (text, error) = text_field(&app);
    assert_eq!(text, "2027-02-30", "the typed text stays");
    assert_eq!(
        error.as_deref(),
        Some("`next_review` must be a real date written YYYY-MM-DD, found `2027-02-30`")
    );
    assert_eq!(example.read("inventory/cv-screening.yaml"), before);
    // The same mistake in the file gets the same words from the loader.
    example.write(
        "inventory/cv-screening.yaml",
        &before.replace("next_review: 2027-01-20", "next_review: 2027-02-30"),
    );
    let loaded: Vec<String> = example
        .load()
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        loaded
            .iter()
            .any(|d| d.contains("must be a real date written YYYY-MM-DD")),
        "{loaded:#?}"
    );
    example.write("inventory/cv-screening.yaml", &before);
    // Correcting it writes it.
    backspace(&mut app, 10);
    keys(&mut app, "2027-02-28\n");
    assert!(is_form(&app));
    assert_eq!(
        example.read("inventory/cv-screening.yaml"),
        before.replace("next_review: 2027-01-20", "next_review: 2027-02-28")
    );
}

#[test]
fn the_id_of_an_existing_system_cannot_be_changed_in_its_form() {
    let example = Example::new();
    let mut app = example.app();
    select_system(&mut app, "cv-screening");
    enter(&mut app);
    let labels: Vec<&str> = match app.popups().last() {
        Some(Popup::Form(form)) => form.rows.iter().map(|r| r.label).collect(),
        _ => unreachable!(),
    };
    assert!(
        !labels.contains(&"Id (file name)"),
        "only a new system has an id row: {labels:?}"
    );
}

#[test]
fn capital_d_decommissions_keeps_the_file_and_u_restores() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("inventory/cv-screening.yaml");
    select_system(&mut app, "cv-screening");
    keys(&mut app, "D");
    assert!(
        example.exists("inventory/cv-screening.yaml"),
        "never deleted"
    );
    assert_eq!(
        example.read("inventory/cv-screening.yaml"),
        before.replace("lifecycle: monitoring\n", "lifecycle: decommissioned\n")
    );
    assert!(notice(&app).contains("decommissioned"), "{}", notice(&app));
    assert!(rows(&app).contains(&"cv-screening".to_string()));
    assert_eq!(readiness(&app).systems, 11, "no longer counted as live");
    keys(&mut app, "D");
    assert_eq!(
        notice(&app),
        "`cv-screening` is already decommissioned",
        "a second D changes nothing"
    );
    keys(&mut app, "u");
    assert_eq!(example.read("inventory/cv-screening.yaml"), before);
    assert_eq!(readiness(&app).systems, 12);
}

// -------------------------------------------------------------- new system

#[test]
fn a_new_system_gets_its_id_from_the_name_and_is_created_on_esc() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n");
    assert_eq!(form_title(&app), "New AI system");
    assert_eq!(form_row(&app), "Name");
    enter(&mut app);
    keys(&mut app, "Payroll Anomaly Detector\n");
    assert_eq!(
        form_value(&app, "Id (file name)"),
        "payroll-anomaly-detector"
    );
    assert!(
        !example.exists("inventory/payroll-anomaly-detector.yaml"),
        "a new system is created when its form closes"
    );
    esc(&mut app);
    assert!(app.popups().is_empty());
    assert_eq!(
        example.read("inventory/payroll-anomaly-detector.yaml"),
        "id: payroll-anomaly-detector\nname: Payroll Anomaly Detector\n"
    );
    assert_loads_clean(&example);
    assert_eq!(app.tab(), Tab::Inventory);
    assert_eq!(selected_system(&app), "payroll-anomaly-detector");
    assert_eq!(
        notice(&app),
        "added inventory/payroll-anomaly-detector.yaml"
    );
    // Undo takes the new file away again.
    keys(&mut app, "u");
    assert!(!example.exists("inventory/payroll-anomaly-detector.yaml"));
}

#[test]
fn fields_set_in_a_new_systems_form_are_written_with_it_canonically() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n");
    pick(&mut app, "Sourcing", "built");
    set_text(&mut app, "Owner", "Rachel Simmons");
    set_text(&mut app, "Tags", "finance,  payroll");
    set_text(&mut app, "Name", "Payroll Anomaly Detector");
    form_goto(&mut app, "Personal data");
    enter(&mut app);
    assert!(
        files(&example, "inventory").len() == 13,
        "nothing is written while the new form is open"
    );
    esc(&mut app);
    let text = example.read("inventory/payroll-anomaly-detector.yaml");
    assert_eq!(
        text,
        "id: payroll-anomaly-detector\nname: Payroll Anomaly Detector\nsourcing: built\nowner: Rachel Simmons\npersonal_data: true\ntags: [finance, payroll]\n"
    );
    assert_loads_clean(&example);
}

#[test]
fn a_name_whose_id_is_taken_is_refused_in_the_form() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("inventory/cv-screening.yaml");
    keys(&mut app, "1n");
    set_text(&mut app, "Name", "CV Screening");
    assert_eq!(form_value(&app, "Id (file name)"), "cv-screening");
    esc(&mut app);
    assert!(is_form(&app), "the form stays open");
    assert_eq!(
        form_error(&app).as_deref(),
        Some("id `cv-screening` is taken: edit Id (Esc again leaves)")
    );
    assert_eq!(example.read("inventory/cv-screening.yaml"), before);
    // Editing the id row lets it through.
    set_text(&mut app, "Id (file name)", "cv-screening-emea");
    assert_eq!(form_value(&app, "Id (file name)"), "cv-screening-emea");
    esc(&mut app);
    assert!(app.popups().is_empty());
    assert_eq!(
        example.read("inventory/cv-screening-emea.yaml"),
        "id: cv-screening-emea\nname: CV Screening\n"
    );
    assert_eq!(example.read("inventory/cv-screening.yaml"), before);
    assert_eq!(selected_system(&app), "cv-screening-emea");
}

#[test]
fn an_id_typed_into_the_id_row_that_is_taken_is_refused_and_esc_again_leaves() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("inventory/cv-screening.yaml");
    keys(&mut app, "1n");
    set_text(&mut app, "Name", "Applicant ranking for EU roles");
    set_text(&mut app, "Id (file name)", "cv-screening");
    // A typed id is no longer derived from the name.
    set_text(&mut app, "Name", "Applicant ranking");
    assert_eq!(form_value(&app, "Id (file name)"), "cv-screening");
    esc(&mut app);
    assert!(
        form_error(&app)
            .unwrap_or_default()
            .contains("id `cv-screening` is taken"),
        "{:?}",
        form_error(&app)
    );
    esc(&mut app);
    assert!(app.popups().is_empty(), "Esc again leaves");
    assert_eq!(example.read("inventory/cv-screening.yaml"), before);
    assert_eq!(files(&example, "inventory").len(), 13, "nothing created");
    assert_eq!(
        system(&app, "cv-screening").name,
        "Candidex Screen CV ranking"
    );
}

#[test]
fn an_invalid_id_is_refused_in_the_id_field() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n");
    set_text(&mut app, "Id (file name)", "../escape");
    let (_, error) = text_field(&app);
    assert_eq!(
        error.as_deref(),
        Some("`../escape` is not a valid id: lower-case letters, digits and dashes, at most 64")
    );
    esc(&mut app);
    assert!(
        matches!(app.popups().last(), Some(Popup::Text(_))),
        "the field stays open until the id is valid"
    );
    assert_eq!(files(&example, "inventory").len(), 13);
}

#[test]
fn esc_on_an_untouched_new_system_form_creates_nothing() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n");
    esc(&mut app);
    assert!(app.popups().is_empty());
    assert_eq!(files(&example, "inventory").len(), 13);
    assert_eq!(notice(&app), "");
}

#[test]
fn esc_twice_after_the_required_field_warning_leaves_without_creating() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n");
    set_text(&mut app, "Vendor", "Acme Payroll");
    esc(&mut app);
    assert!(is_form(&app));
    assert_eq!(
        form_error(&app).as_deref(),
        Some("Name is required (Esc again leaves without creating it)")
    );
    esc(&mut app);
    assert!(app.popups().is_empty());
    assert_eq!(
        notice(&app),
        "not created: the form was closed without its required fields"
    );
    assert_eq!(files(&example, "inventory").len(), 13);
}

#[test]
fn a_second_system_with_an_existing_name_gets_an_id_of_its_own() {
    // Names need not be unique (ids are); the id comes from the name.
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1n");
    set_text(&mut app, "Name", "Candidex Screen CV ranking");
    esc(&mut app);
    assert!(app.popups().is_empty());
    assert!(example.exists("inventory/candidex-screen-cv-ranking.yaml"));
    assert_eq!(selected_system(&app), "candidex-screen-cv-ranking");
}

// ------------------------------------------------------- impact assessment

#[test]
fn the_header_row_opens_a_form_and_creates_the_assessment_file() {
    let example = Example::new();
    let mut app = example.app();
    assert!(!example.exists("impact/bid-writer.yaml"));
    select_system(&mut app, "bid-writer");
    keys(&mut app, "i");
    assert_eq!(impact_popup(&app), ("bid-writer".to_string(), 0));
    enter(&mut app);
    assert_eq!(form_title(&app), "Impact assessment of bid-writer");
    set_text(&mut app, "Assessed by", "Sophie Lang");
    assert_eq!(
        example.read("impact/bid-writer.yaml"),
        "system: bid-writer\nassessed_by: Sophie Lang\n",
        "created at once"
    );
    set_text(&mut app, "Assessed on", "2026-11-20");
    set_text(&mut app, "Next review", "2027-05-20");
    assert_eq!(
        example.read("impact/bid-writer.yaml"),
        "system: bid-writer\nassessed_by: Sophie Lang\nassessed_on: 2026-11-20\nnext_review: 2027-05-20\n"
    );
    set_text(&mut app, "Next review", "someday");
    assert!(
        text_field(&app)
            .1
            .unwrap_or_default()
            .contains("`next_review` must be a real date"),
    );
    esc(&mut app); // the field stays: the value is wrong
    backspace(&mut app, 7);
    keys(&mut app, "\n");
    esc(&mut app);
    assert_eq!(impact_popup(&app).0, "bid-writer", "back in the editor");
    assert_eq!(
        example.read("impact/bid-writer.yaml"),
        "system: bid-writer\nassessed_by: Sophie Lang\nassessed_on: 2026-11-20\n"
    );
    assert_loads_clean(&example);
}

#[test]
fn g_adds_an_affected_group_through_a_form_with_a_one_choice_group() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("impact/website-chatbot.yaml");
    select_system(&mut app, "website-chatbot");
    keys(&mut app, "ig");
    assert_eq!(form_title(&app), "New affected group for website-chatbot");
    form_goto(&mut app, "Affected group");
    enter(&mut app);
    let (items, _, single) = choices(&app);
    assert!(single, "the group is one choice");
    assert_eq!(
        items,
        [
            "users",
            "employees",
            "customers",
            "third_parties",
            "society"
        ]
    );
    esc(&mut app);
    pick(&mut app, "Affected group", "society");
    pick(&mut app, "Severity", "low");
    pick(&mut app, "Likelihood", "low");
    assert_eq!(example.read("impact/website-chatbot.yaml"), before);
    esc(&mut app);
    assert_eq!(impact_popup(&app).0, "website-chatbot");
    assert_eq!(
        example.read("impact/website-chatbot.yaml"),
        before.replace(
            "risks:\n",
            "  - group: society\n    severity: low\n    likelihood: low\nrisks:\n"
        )
    );
    assert_loads_clean(&example);
}

#[test]
fn esc_on_an_untouched_new_group_form_adds_nothing() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("impact/website-chatbot.yaml");
    select_system(&mut app, "website-chatbot");
    keys(&mut app, "ig");
    esc(&mut app);
    assert_eq!(impact_popup(&app).0, "website-chatbot");
    assert_eq!(example.read("impact/website-chatbot.yaml"), before);
}

#[test]
fn r_adds_a_risk_with_a_title_and_a_unique_id() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("impact/cv-screening.yaml");
    select_system(&mut app, "cv-screening");
    keys(&mut app, "ir");
    assert_eq!(form_title(&app), "New risk of cv-screening");
    // The title is required.
    pick(&mut app, "Severity", "high");
    esc(&mut app);
    assert_eq!(
        form_error(&app).as_deref(),
        Some("Title is required (Esc again leaves without creating it)")
    );
    set_text(&mut app, "Title", "Vendor bias audit misses ethnicity");
    pick(&mut app, "Likelihood", "medium");
    pick(&mut app, "Status", "open");
    esc(&mut app);
    let (system, selected) = impact_popup(&app);
    assert_eq!(system, "cv-screening");
    assert_eq!(selected, 8, "still on the add-a-risk row");
    assert_eq!(
        example.read("impact/cv-screening.yaml"),
        format!(
            "{before}  - id: cv-screening-5\n    title: Vendor bias audit misses ethnicity\n    severity: high\n    likelihood: medium\n    status: open\n"
        )
    );
    assert_loads_clean(&example);
    assert!(risk_ids(&app).contains(&"cv-screening-5".to_string()));
}

#[test]
fn a_new_risk_id_is_unique_in_the_whole_workspace() {
    let example = Example::new();
    // Someone used the next number in another assessment.
    let chatbot = example.read("impact/website-chatbot.yaml");
    example.write(
        "impact/website-chatbot.yaml",
        &format!("{chatbot}  - id: cv-screening-5\n    title: Borrowed number\n"),
    );
    let mut app = example.app();
    select_system(&mut app, "cv-screening");
    keys(&mut app, "ir");
    set_text(&mut app, "Title", "Another risk");
    esc(&mut app);
    let ids: Vec<String> = records(&app).impacts["cv-screening"]
        .risks
        .iter()
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids.last().unwrap(), "cv-screening-6");
    // And the first risk of a system without an assessment is `<id>-1`.
    esc(&mut app);
    select_system(&mut app, "bid-writer");
    keys(&mut app, "ir");
    set_text(&mut app, "Title", "Reuses a client name it may not cite");
    esc(&mut app);
    assert_eq!(
        example.read("impact/bid-writer.yaml"),
        "system: bid-writer\nrisks:\n  - id: bid-writer-1\n    title: Reuses a client name it may not cite\n"
    );
}

#[test]
fn enter_edits_a_group_and_a_risk_and_capital_d_removes_them() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("impact/cv-screening.yaml");
    select_system(&mut app, "cv-screening");
    keys(&mut app, "i");
    // Rows: 0 header, 1-2 groups, 3 add a group, 4-7 risks, 8 add a risk.
    impact_goto(&mut app, 2);
    enter(&mut app);
    assert_eq!(form_title(&app), "Affected group of cv-screening");
    assert_eq!(form_value(&app, "Affected group"), "users");
    pick(&mut app, "Residual", "medium");
    let after_group = before.replace(
        "      shortlist export sent to hiring managers.\n    residual: low\n",
        "      shortlist export sent to hiring managers.\n    residual: medium\n",
    );
    assert_ne!(after_group, before);
    assert_eq!(example.read("impact/cv-screening.yaml"), after_group);
    esc(&mut app);

    impact_goto(&mut app, 6);
    enter(&mut app);
    assert_eq!(form_title(&app), "Risk cv-screening-3");
    pick(&mut app, "Status", "treating");
    let after_risk = after_group.replace(
        "    controls: [A.6.2.8]\n    status: open\n",
        "    controls: [A.6.2.8]\n    status: treating\n",
    );
    assert_eq!(example.read("impact/cv-screening.yaml"), after_risk);
    esc(&mut app);

    // D on a risk removes it.
    impact_goto(&mut app, 7);
    keys(&mut app, "D");
    let text = example.read("impact/cv-screening.yaml");
    assert!(!text.contains("cv-screening-4"), "{text}");
    assert!(text.contains("cv-screening-3"));
    assert_eq!(records(&app).impacts["cv-screening"].risks.len(), 3);
    // D on a group removes it.
    impact_goto(&mut app, 1);
    keys(&mut app, "D");
    let assessment = example.load().records.impacts["cv-screening"].clone();
    assert_eq!(assessment.impacts.len(), 1);
    assert_eq!(assessment.impacts[0].group.as_str(), "users");
    // D on the header or an add row removes nothing.
    impact_goto(&mut app, 0);
    keys(&mut app, "D");
    impact_goto(&mut app, 2);
    keys(&mut app, "D");
    assert_eq!(example.load().records.impacts["cv-screening"], assessment);
    assert_loads_clean(&example);
}

#[test]
fn enter_on_the_add_rows_opens_the_new_forms() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("impact/cv-screening.yaml");
    select_system(&mut app, "cv-screening");
    keys(&mut app, "i");
    impact_goto(&mut app, 8);
    enter(&mut app);
    assert_eq!(form_title(&app), "New risk of cv-screening");
    esc(&mut app);
    assert_eq!(impact_popup(&app).0, "cv-screening");
    assert_eq!(
        example.read("impact/cv-screening.yaml"),
        before,
        "an untouched risk form adds nothing"
    );
    impact_goto(&mut app, 3);
    enter(&mut app);
    assert_eq!(form_title(&app), "New affected group for cv-screening");
    // The group is required: the list offers no "(none)", and starts on
    // the group the form holds.
    form_goto(&mut app, "Affected group");
    enter(&mut app);
    let (items, selected, _) = choices(&app);
    assert!(!items.contains(&String::new()), "{items:?}");
    assert_eq!(items[selected], "users");
    esc(&mut app);
    assert!(is_form(&app));
    assert_eq!(form_value(&app, "Affected group"), "users");
}

#[test]
fn a_risks_controls_must_be_known_control_ids() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("impact/cv-screening.yaml");
    select_system(&mut app, "cv-screening");
    keys(&mut app, "i");
    impact_goto(&mut app, 7);
    enter(&mut app);
    assert_eq!(form_title(&app), "Risk cv-screening-4");
    // The picker offers the controls of the catalogues in use, so an
    // unknown id cannot be entered; the ones named are ticked.
    form_goto(&mut app, "Treated by controls");
    enter(&mut app);
    let Some(Popup::Select(select)) = app.popups().last() else {
        panic!("no picker");
    };
    let ticked: Vec<&str> = select
        .items
        .iter()
        .filter(|i| i.checked)
        .map(|i| i.value.as_str())
        .collect();
    assert_eq!(ticked, ["A.10.3"]);
    assert!(select.items.iter().all(|i| i.value != "A.99.1"));
    esc(&mut app);
    assert_eq!(example.read("impact/cv-screening.yaml"), before);
    tick(&mut app, "Treated by controls", &["A.10.2"]);
    assert!(is_form(&app));
    assert_eq!(
        example.read("impact/cv-screening.yaml"),
        before.replace(
            "    controls: [A.10.3]\n",
            "    controls: [A.10.3, A.10.2]\n"
        )
    );
}

/// bid-writer has no assessment and the inventory says `impact: unassessed`.
fn bid_writer_with_a_high_group(example: &Example) -> App {
    let mut app = example.app();
    select_system(&mut app, "bid-writer");
    keys(&mut app, "ig");
    pick(&mut app, "Affected group", "customers");
    pick(&mut app, "Severity", "high");
    esc(&mut app);
    assert_eq!(impact_popup(&app).0, "bid-writer");
    app
}

#[test]
fn closing_an_assessment_that_implies_another_impact_asks_and_y_sets_it() {
    let example = Example::new();
    let before = example.read("inventory/bid-writer.yaml");
    let mut app = bid_writer_with_a_high_group(&example);
    esc(&mut app);
    assert!(
        matches!(
            app.popups().last(),
            Some(Popup::ConfirmImpact { system, implied })
                if system == "bid-writer" && implied.as_str() == "high"
        ),
        "a question"
    );
    assert_eq!(example.read("inventory/bid-writer.yaml"), before);
    keys(&mut app, "y");
    assert!(app.popups().is_empty());
    assert_eq!(
        example.read("inventory/bid-writer.yaml"),
        before.replace("impact: unassessed\n", "impact: high\n")
    );
    assert_eq!(
        notice(&app),
        "`bid-writer` impact set to high, as its assessment implies"
    );
}

#[test]
fn n_to_the_impact_question_leaves_the_inventory_as_it_is() {
    let example = Example::new();
    let before = example.read("inventory/bid-writer.yaml");
    let mut app = bid_writer_with_a_high_group(&example);
    esc(&mut app);
    assert!(matches!(
        app.popups().last(),
        Some(Popup::ConfirmImpact { .. })
    ));
    keys(&mut app, "n");
    assert!(app.popups().is_empty());
    assert_eq!(example.read("inventory/bid-writer.yaml"), before);
}

#[test]
fn closing_an_assessment_that_agrees_with_the_inventory_asks_nothing() {
    let example = Example::new();
    let mut app = example.app();
    select_system(&mut app, "cv-screening");
    keys(&mut app, "i");
    esc(&mut app);
    assert!(app.popups().is_empty(), "high and high: no question");
    // Nor does an assessment without severities.
    select_system(&mut app, "bid-writer");
    keys(&mut app, "i");
    esc(&mut app);
    assert!(app.popups().is_empty());
    assert!(
        !example.exists("impact/bid-writer.yaml"),
        "opening wrote nothing"
    );
}

// ------------------------------------------------------------ risk register

#[test]
fn the_risk_register_lists_high_first_then_open_before_treated() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "5");
    assert_eq!(app.tab(), Tab::Risks);
    assert_eq!(
        risk_ids(&app),
        [
            "cv-screening-3",
            "cv-screening-1",
            "cv-screening-2",
            "client-attrition-model-1",
            "client-attrition-model-2",
            "website-chatbot-2",
            "client-attrition-model-3",
            "website-chatbot-3",
            "cv-screening-4",
            "client-attrition-model-4",
            "website-chatbot-1",
        ]
    );
}

/// The risks the filter leaves, and the one selected.
fn filtered(app: &App) -> (Vec<String>, String) {
    let ids = risk_ids(app);
    let selected = ids.get(app.risks().selected).cloned().unwrap_or_default();
    (ids, selected)
}

#[test]
fn slash_filters_the_register_by_owner_status_system_and_title() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "5/graham pettit");
    let (ids, _) = filtered(&app);
    assert!(
        ids.contains(&"cv-screening-3".to_string()) && ids.contains(&"cv-screening-4".to_string()),
        "owner: {ids:?}"
    );
    assert!(ids.len() < 11, "{ids:?}");
    esc(&mut app);
    assert_eq!(risk_ids(&app).len(), 11, "Esc clears");
    keys(&mut app, "/accepted");
    let (ids, _) = filtered(&app);
    assert!(
        ids.contains(&"client-attrition-model-4".to_string()),
        "status: {ids:?}"
    );
    assert!(ids.len() < 11, "{ids:?}");
    esc(&mut app);
    keys(&mut app, "/website-chatbot");
    let (ids, _) = filtered(&app);
    assert_eq!(
        ids,
        [
            "website-chatbot-2",
            "website-chatbot-3",
            "website-chatbot-1"
        ],
        "system"
    );
    esc(&mut app);
    keys(&mut app, "/invents a service");
    let (ids, _) = filtered(&app);
    assert!(
        ids.contains(&"website-chatbot-2".to_string()),
        "title: {ids:?}"
    );
    assert!(ids.len() < 11, "{ids:?}");
    enter(&mut app);
    assert_eq!(filtered(&app).0, ids, "Enter keeps it");
    esc(&mut app);
    assert_eq!(risk_ids(&app).len(), 11);
}

#[test]
fn the_register_filter_selects_the_best_match() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "5/drift");
    let (ids, selected) = filtered(&app);
    assert!(
        ids.contains(&"client-attrition-model-4".to_string()),
        "{ids:?}"
    );
    assert_eq!(selected, "client-attrition-model-4", "among {ids:?}");
    esc(&mut app);
    keys(&mut app, "/closed");
    let (ids, selected) = filtered(&app);
    let status = |id: &str| {
        records(&app)
            .risks()
            .find(|(_, r)| r.id == id)
            .and_then(|(_, r)| r.status)
            .map(|s| s.as_str())
    };
    assert_eq!(
        status(&selected),
        Some("closed"),
        "{selected} among {ids:?}"
    );
}

#[test]
fn enter_on_a_risk_selects_its_system_in_the_inventory() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "1/thornley\n");
    esc(&mut app); // the one match's form
    keys(&mut app, "5");
    keys(&mut app, "jjj");
    assert_eq!(
        risk_ids(&app)[app.risks().selected],
        "client-attrition-model-1"
    );
    enter(&mut app);
    assert_eq!(app.tab(), Tab::Inventory);
    assert_eq!(
        app.systems().filter.query,
        "",
        "the inventory filter is cleared"
    );
    assert_eq!(selected_system(&app), "client-attrition-model");
    keys(&mut app, "5G");
    enter(&mut app);
    assert_eq!(selected_system(&app), "website-chatbot");
}

#[test]
fn c_on_a_risk_jumps_to_the_first_control_that_treats_it() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "5j");
    assert_eq!(risk_ids(&app)[app.risks().selected], "cv-screening-1");
    keys(&mut app, "c");
    assert_eq!(app.tab(), Tab::Controls);
    assert_eq!(app.selected_control().map(|c| c.id.as_str()), Some("A.5.4"));
    assert_eq!(notice(&app), "treated by A.5.4, A.6.2.6, A.9.4");
    // A risk without controls says so and stays.
    let assessment = example
        .read("impact/website-chatbot.yaml")
        .replace("    controls: [A.6.2.6, A.9.4]\n", "");
    example.write("impact/website-chatbot.yaml", &assessment);
    let mut app = example.app();
    keys(&mut app, "5jjjjj");
    assert_eq!(risk_ids(&app)[app.risks().selected], "website-chatbot-2");
    keys(&mut app, "c");
    assert_eq!(app.tab(), Tab::Risks);
    assert!(notice(&app).starts_with("no control treats this risk yet"));
}

#[test]
fn i_on_a_risk_opens_the_assessment_holding_it_on_its_row() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "5");
    assert_eq!(risk_ids(&app)[0], "cv-screening-3");
    keys(&mut app, "i");
    assert_eq!(
        impact_popup(&app),
        ("cv-screening".to_string(), 6),
        "header, 2 groups, add row, then the third risk"
    );
    enter(&mut app);
    assert_eq!(form_title(&app), "Risk cv-screening-3");
}

#[test]
fn the_register_follows_edits_made_in_an_assessment() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "5");
    keys(&mut app, "i");
    enter(&mut app);
    pick(&mut app, "Likelihood", "low");
    esc(&mut app);
    esc(&mut app);
    // medium x low = low, open: the first of the low rows.
    assert_eq!(
        risk_ids(&app)[5..8],
        [
            "client-attrition-model-3",
            "cv-screening-3",
            "website-chatbot-3"
        ]
    );
}

// --------------------------------------------------------------- the roles

#[test]
fn capital_r_edits_the_roles_and_the_header_shows_the_lead() {
    let example = Example::new();
    let mut app = example.app();
    let before = example.read("aims.yaml");
    assert!(screen(&app, 160, 48).contains("AI governance lead: Daniel Okafor"));
    keys(&mut app, "R");
    assert_eq!(
        form_title(&app),
        "The workspace: organisation, scope, who decides what, document control"
    );
    assert_eq!(form_value(&app, "AI governance lead"), "Daniel Okafor");
    set_text(&mut app, "AI governance lead", "Priya Shah");
    assert_eq!(
        example.read("aims.yaml"),
        before.replace(
            "  governance_lead: Daniel Okafor\n",
            "  governance_lead: Priya Shah\n"
        )
    );
    esc(&mut app);
    assert!(app.popups().is_empty());
    let shown = screen(&app, 160, 48);
    assert!(shown.contains("AI governance lead: Priya Shah"), "{shown}");
    keys(&mut app, "u");
    assert_eq!(example.read("aims.yaml"), before);
}

/// The document-control block is a block of the manifest declared like
/// any other field: the form edits it and the file nests it.
#[test]
fn capital_r_edits_document_control_in_its_own_block() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "R");
    set_text(&mut app, "Document version", "1.3");
    set_text(&mut app, "Approved on", "2026-11-20");
    let text = example.read("aims.yaml");
    assert!(
        text.ends_with("document:\n  version: \"1.3\"\n  approved_on: 2026-11-20\n"),
        "{text}"
    );
    let manifest = example.load().records.manifest;
    assert_eq!(manifest.document_version.as_deref(), Some("1.3"));
    set_text(&mut app, "Approved on", "2026-02-30");
    let (_, error) = text_field(&app);
    assert!(
        error
            .unwrap_or_default()
            .contains("`document.approved_on` must be a real date"),
    );
}

#[test]
fn capital_r_works_from_every_tab() {
    let example = Example::new();
    let mut app = example.app();
    for tab in ["1", "2", "3", "4", "5"] {
        keys(&mut app, tab);
        keys(&mut app, "R");
        assert_eq!(
            form_title(&app),
            "The workspace: organisation, scope, who decides what, document control",
            "tab {tab}"
        );
        esc(&mut app);
    }
}

// -------------------------------------------------------------- readiness

/// The progress tab, tall and narrow enough that the checklist follows the
/// bars without wrapping or scrolling.
fn progress_text(app: &mut App) -> String {
    keys(app, "3");
    screen(app, 100, 140)
}

#[test]
fn the_progress_tab_shows_the_readiness_checklist_with_its_counts() {
    let example = Example::new();
    let mut app = example.app();
    let shown = progress_text(&mut app);
    for line in [
        "READINESS: THE FIRST STEPS",
        "[ ] Inventory: 12 AI systems, 1 without an owner",
        "[ ] Impact assessments: 3 of 12 systems, 0 overdue for review",
        "[x] Roles named: 4 of 4 (R edits them)",
        "[x] AI policy (A.2.2): decided, implemented",
        "AI governance lead: Daniel Okafor",
    ] {
        assert!(shown.contains(line), "{line:?} missing from\n{shown}");
    }
    // At 160x48 the checklist stands beside the bars.
    let wide = screen(&app, 160, 48);
    assert!(wide.contains("Readiness"), "{wide}");
    assert!(wide.contains("READINESS: THE FIRST STEPS"), "{wide}");
}

#[test]
fn readiness_counts_follow_the_edits() {
    let example = Example::new();
    let mut app = example.app();
    // Give the owner-less system an owner.
    select_system(&mut app, "grammar-assistant");
    enter(&mut app);
    set_text(&mut app, "Owner", "Megan Doyle");
    esc(&mut app);
    let shown = progress_text(&mut app);
    assert!(
        shown.contains("[x] Inventory: 12 AI systems, 0 without an owner"),
        "{shown}"
    );
    // Assess another system.
    select_system(&mut app, "bid-writer");
    keys(&mut app, "i");
    enter(&mut app);
    set_text(&mut app, "Assessed by", "Sophie Lang");
    // One assessment is past its review date.
    set_text(&mut app, "Next review", "2026-11-01");
    esc(&mut app);
    esc(&mut app);
    let shown = progress_text(&mut app);
    assert!(
        shown.contains("[ ] Impact assessments: 4 of 12 systems, 1 overdue for review"),
        "{shown}"
    );
    // Leave a role unnamed.
    keys(&mut app, "R");
    set_text(&mut app, "Vendor selection", "");
    esc(&mut app);
    let shown = progress_text(&mut app);
    assert!(shown.contains("[ ] Roles named: 3 of 4"), "{shown}");
    assert!(shown.contains("Vendor selection: not named"), "{shown}");
    // A decommissioned system no longer counts.
    select_system(&mut app, "grammar-assistant");
    keys(&mut app, "D");
    let shown = progress_text(&mut app);
    assert!(
        shown.contains("Inventory: 11 AI systems, 0 without an owner"),
        "{shown}"
    );
    let ready = readiness(&app);
    assert_eq!(
        (ready.systems, ready.assessed, ready.assessments_overdue),
        (11, 4, 1)
    );
}

#[test]
fn readiness_names_the_ai_policy_state() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    // implemented -> not_started: decided, not implemented.
    keys(&mut app, " ");
    let shown = progress_text(&mut app);
    assert!(
        shown.contains("[ ] AI policy (A.2.2): decided, not implemented"),
        "{shown}"
    );
    select_control(&mut app, "A.2.2");
    keys(&mut app, "c");
    let shown = progress_text(&mut app);
    assert!(
        shown.contains("[ ] AI policy (A.2.2): not decided, not implemented"),
        "{shown}"
    );
}

// ------------------------------------------------------------ suggestions

#[test]
fn the_detail_shows_a_suggestion_with_its_reason_and_systems() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.6.1.2");
    let workspace = example.load();
    let control = workspace.catalogs.control("A.6.1.2").expect("A.6.1.2");
    let found = aims::model::suggestions(control, &workspace.records);
    assert_eq!(found.len(), 1);
    let shown = screen(&app, 160, 48).replace('\n', " ");
    let flat: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Suggestion from the inventory (A accepts)"),
        "{flat}"
    );
    assert!(
        flat.contains("applicable: At least one system in the inventory is built in-house"),
        "{flat}"
    );
    assert!(flat.contains("bid-writer"), "{flat}");
}

#[test]
fn suggestions_are_never_applied_without_the_key() {
    let example = Example::new();
    let before = soa_snapshot(&example);
    let mut app = example.app();
    for id in ["A.6.1.2", "A.8.3", "A.10.2"] {
        select_control(&mut app, id);
        keys(&mut app, "jk");
    }
    // A change to the inventory that creates a new suggestion decides nothing.
    select_system(&mut app, "crm-lead-scoring");
    enter(&mut app);
    pick(&mut app, "EU AI Act risk", "high");
    esc(&mut app);
    keys(&mut app, "3452");
    assert_eq!(soa_snapshot(&example), before);
}

#[test]
fn capital_a_accepts_an_applicable_suggestion_with_its_reason() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.10.2");
    keys(&mut app, "A");
    assert_eq!(
        example.read("soa/A.10.2.yaml"),
        "control: A.10.2\napplicable: true\njustification: |\n  At least one system in the inventory is bought or embedded in a supplier's product, which suggests responsibilities with that supplier should be agreed and written down.\n  Based on: Contract review assistant (Luminance) (contract-review, being procured); HubSpot predictive lead scoring (crm-lead-scoring, being deployed); Candidex Screen CV ranking (cv-screening, in use, monitored); Culture Amp comment sentiment (engagement-sentiment, in use); Xero bill and receipt capture (expenses-ocr, in use); Grammarly Business (grammar-assistant, in use); Microsoft 365 Copilot (m365-copilot, in use); Teams Premium intelligent recap (teams-meeting-recap, in use); Website enquiry assistant (Intercom Fin) (website-chatbot, in use).\n",
        "the reason, and the systems it rests on with their actual lifecycle"
    );
    assert!(app.popups().is_empty());
    keys(&mut app, "u");
    assert!(!example.exists("soa/A.10.2.yaml"));
}

#[test]
fn capital_a_accepts_an_excluded_suggestion_when_nothing_is_built() {
    let dir = Dir::new();
    dir.write(
        "inventory/chat.yaml",
        "id: chat\nname: Chat\nsourcing: bought\nowner: Priya Shah\n",
    );
    let mut app = loaded_app(dir.path());
    select_control(&mut app, "A.6.1.2");
    keys(&mut app, "A");
    let entry = aims::workspace::load(dir.path())
        .expect("loads")
        .records
        .soa["A.6.1.2"]
        .clone();
    assert_eq!(entry.applicable, Some(false));
    assert!(
        entry
            .justification
            .as_deref()
            .unwrap_or_default()
            .starts_with("No system in the inventory (decommissioned ones aside) is recorded as built in-house"),
        "{:?}",
        entry.justification
    );
    assert!(
        notice(&app).contains("A.6.1.2 marked excluded"),
        "{}",
        notice(&app)
    );
}

#[test]
fn capital_a_on_a_justified_control_changes_only_the_decision() {
    let example = Example::new();
    let mut app = example.app();
    // A.7.3 is excluded with a justification; the inventory suggests applicable.
    let before = example.read("soa/A.7.3.yaml");
    assert!(before.contains("applicable: false"));
    select_control(&mut app, "A.7.3");
    keys(&mut app, "A");
    assert_eq!(
        example.read("soa/A.7.3.yaml"),
        before.replace("applicable: false", "applicable: true")
    );
}

// --------------------------------------------------- controls and risks

#[test]
fn a_controls_detail_lists_the_risks_it_treats() {
    let example = Example::new();
    let mut app = example.app();
    select_control(&mut app, "A.9.4");
    let shown = screen(&app, 160, 48);
    assert!(shown.contains("Risks it treats (4) (tab 5)"), "{shown}");
    for line in [
        "HIGH cv-screening-1 (cv-screening, treating)",
        "HIGH cv-screening-2 (cv-screening, treating)",
        "MEDIUM client-attrition-model-2 (client-attrition-model, treating)",
        "MEDIUM website-chatbot-2 (website-chatbot, treating)",
    ] {
        assert!(shown.contains(line), "{line:?} missing from\n{shown}");
    }
    // A control no risk names shows no such section.
    select_control(&mut app, "A.2.3");
    assert!(!screen(&app, 160, 48).contains("Risks it treats"));
}

#[test]
fn a_risk_added_in_an_assessment_shows_under_its_control() {
    let example = Example::new();
    let mut app = example.app();
    select_system(&mut app, "bid-writer");
    keys(&mut app, "ir");
    set_text(&mut app, "Title", "Cites a lost bid as a credential");
    tick(&mut app, "Treated by controls", &["A.2.3"]);
    esc(&mut app);
    esc(&mut app);
    select_control(&mut app, "A.2.3");
    let shown = screen(&app, 160, 48);
    assert!(shown.contains("Risks it treats (1) (tab 5)"), "{shown}");
    assert!(
        shown.contains("— bid-writer-1 (bid-writer, open): Cites a lost bid"),
        "{shown}"
    );
}

// -------------------------------------------------------- keys in popups

#[test]
fn u_and_q_inside_a_form_neither_undo_nor_quit() {
    let example = Example::new();
    let mut app = example.app();
    select_system(&mut app, "cv-screening");
    enter(&mut app);
    set_text(&mut app, "Owner", "Quinn");
    keys(&mut app, "uq");
    assert!(is_form(&app));
    assert_eq!(system(&app, "cv-screening").owner.as_deref(), Some("Quinn"));
    assert!(
        example
            .read("inventory/cv-screening.yaml")
            .contains("owner: Quinn\n")
    );
}

// ------------------------------------------- regressions from the review

/// Regression: a form kept its record from when it opened and wrote all
/// of it back on each change, so a field someone else changed on disk
/// meanwhile was silently put back.
#[test]
fn a_form_open_across_a_reload_keeps_the_other_persons_change() {
    let example = Example::new();
    let mut app = example.app();
    select_system(&mut app, "bid-writer");
    enter(&mut app);
    assert!(is_form(&app));
    let theirs = example
        .read("inventory/bid-writer.yaml")
        .replace("owner: Sophie Lang", "owner: Someone Else");
    example.write("inventory/bid-writer.yaml", &theirs);
    process(
        &mut app,
        Action::FilesChanged(vec!["inventory/bid-writer.yaml".into()]),
    );
    set_text(&mut app, "Vendor", "Acme AI");
    let text = example.read("inventory/bid-writer.yaml");
    assert!(text.contains("owner: Someone Else"), "{text}");
    assert!(text.contains("vendor: Acme AI"), "{text}");
}

/// Regression, as above, when both changed the same field: they choose.
#[test]
fn a_form_field_changed_on_disk_meanwhile_asks_whose_to_keep() {
    let example = Example::new();
    let mut app = example.app();
    select_system(&mut app, "bid-writer");
    enter(&mut app);
    let theirs = example
        .read("inventory/bid-writer.yaml")
        .replace("owner: Sophie Lang", "owner: Someone Else");
    example.write("inventory/bid-writer.yaml", &theirs);
    process(
        &mut app,
        Action::FilesChanged(vec!["inventory/bid-writer.yaml".into()]),
    );
    set_text(&mut app, "Owner", "Me Myself");
    assert!(app.conflict().is_some(), "a conflict, not a silent write");
    assert_eq!(example.read("inventory/bid-writer.yaml"), theirs);
}

/// Regression: a manifest upgraded on disk by a newer aims did not stop
/// writes in a running session.
#[test]
fn a_manifest_from_a_newer_aims_reloaded_stops_every_write() {
    let example = Example::new();
    let mut app = example.app();
    let manifest = example.read("aims.yaml").replace("aims: 1", "aims: 2");
    example.write("aims.yaml", &manifest);
    process(&mut app, Action::FilesChanged(vec!["aims.yaml".into()]));
    let before = example.read("inventory/bid-writer.yaml");
    select_system(&mut app, "bid-writer");
    keys(&mut app, "D");
    assert_eq!(example.read("inventory/bid-writer.yaml"), before);
}

/// Regression: opening and closing the systems picker turned an explicit
/// `systems: []` ("no system") into "all in scope".
#[test]
fn the_systems_picker_keeps_an_explicit_empty_list() {
    let example = Example::new();
    example.write(
        "soa/A.4.2.yaml",
        "control: A.4.2\napplicable: true\njustification: Needed.\nsystems: []\n",
    );
    let mut app = example.app();
    select_control(&mut app, "A.4.2");
    keys(&mut app, "s");
    esc(&mut app);
    assert!(
        example.read("soa/A.4.2.yaml").contains("systems: []"),
        "{}",
        example.read("soa/A.4.2.yaml")
    );
}

/// Regression: taking theirs when their file is broken kept my dropped
/// edit in memory instead of the last good version.
#[test]
fn taking_a_broken_file_of_theirs_keeps_the_last_good_version_in_memory() {
    let example = Example::new();
    let mut app = example.app();
    let before = system(&app, "bid-writer");
    example.write(
        "inventory/bid-writer.yaml",
        "id: bid-writer\nname: [broken\n",
    );
    select_system(&mut app, "bid-writer");
    keys(&mut app, "D");
    assert!(app.conflict().is_some(), "the file changed: a conflict");
    press(&mut app, ctrl('t'));
    assert_eq!(system(&app, "bid-writer").lifecycle, before.lifecycle);
}

// ------------------------------------------------------- EU AI Act duties

/// The page a wide terminal shows of the selected system, scrolled to its
/// end, where its EU AI Act duties are (`1` puts the focus on the list,
/// `Tab` moves it to the page).
fn duties_page(app: &mut App) -> String {
    keys(app, "1");
    press(app, code(KeyCode::Tab));
    for _ in 0..20 {
        press(app, code(KeyCode::PageDown));
    }
    screen(app, 160, 60)
}

#[test]
fn a_systems_page_ends_with_its_duties_and_the_state_of_their_controls() {
    let example = Example::new();
    let mut app = example.app();
    select_system(&mut app, "cv-screening");
    let page = duties_page(&mut app);
    for line in [
        "EU AI Act duties (indicative, not legal advice)",
        "Art. 26 Deployer's obligations",
        "Art. 27 Fundamental rights impact assessment",
        "A.5.2 implemented, A.5.3 partial, A.5.4 partial, A.5.5",
        "only if the decision has legal or similarly significant",
    ] {
        assert!(page.contains(line), "{line:?} is not on the page:\n{page}");
    }
}

#[test]
fn a_doubtful_role_is_flagged_on_the_systems_page_and_a_fix_clears_it() {
    let example = Example::new();
    example.write(
        "inventory/support-bot.yaml",
        "id: support-bot\nname: Support chatbot\nsourcing: built\nowner: Priya Shah\nlifecycle: operation\neu_ai_act:\n  role: deployer\n  risk: limited\n  gpai: true\n",
    );
    let mut app = example.app();
    select_system(&mut app, "support-bot");
    let page = duties_page(&mut app);
    assert!(
        page.contains("! `support-bot` is built in-house but recorded as deployer"),
        "{page}"
    );
    assert!(
        page.contains("Art. 50(4) Disclose deep fakes and generated text"),
        "{page}"
    );
    // Recorded as its provider in the form, the doubt goes at once and the
    // provider's transparency duties come.
    keys(&mut app, "1");
    enter(&mut app);
    pick(&mut app, "EU AI Act role", "provider");
    esc(&mut app);
    assert_eq!(
        system(&app, "support-bot").eu_role,
        Some(aims::model::EuRole::Provider)
    );
    let page = duties_page(&mut app);
    assert!(!page.contains("! `support-bot`"), "{page}");
    assert!(
        page.contains("Art. 50(1) Tell people they are dealing with AI"),
        "{page}"
    );
}
