//! End-to-end runs of the real `aims` binary in a pseudo-terminal (80x24)
//! for the inventory, impact assessment and suggestion features: keys go in
//! as a person types them, and the files on disk are checked after `q`.
//! Each step waits for text on the screen, never for a fixed time, and a
//! wait after keys is for text only those keys bring (`send_and_wait`).

mod common;

use common::Example;
use common::pty::{Env, Session};

#[test]
fn a_system_added_through_the_form_is_a_file_after_quitting() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send_and_wait("1", "Inventory: 13 of 13 systems");
    aims.send_and_wait("n", "New AI system");
    aims.send_and_wait("\r", "Enter or Esc keeps the value");
    aims.send_and_wait("Payroll Anomaly Detector", "Payroll Anomaly Detector");
    aims.send_and_wait("\r", "payroll-anomaly-detector");
    aims.act_and_wait(
        Session::esc,
        &[
            "added inventory/payroll-anomaly-detector.yaml",
            "Inventory: 14 of 14 systems",
        ],
    );
    aims.wait_gone("New AI system");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("inventory/payroll-anomaly-detector.yaml"),
        "id: payroll-anomaly-detector\nname: Payroll Anomaly Detector\n"
    );
    let named: Vec<String> = example
        .load()
        .records
        .systems
        .values()
        .filter(|s| s.name == "Payroll Anomaly Detector")
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(named, ["payroll-anomaly-detector"]);
}

#[test]
fn a_risk_added_in_an_impact_assessment_is_in_its_file_after_quitting() {
    let example = Example::new();
    let env = Env::new();
    assert!(!example.exists("impact/bid-writer.yaml"));
    let mut aims = Session::start(example.root(), &env).loaded();
    // Sorted by name, the bid drafting assistant is the first row.
    aims.send_and_wait("1g", "Bid drafting assistant (bid-writer)");
    aims.send_and_wait("i", "Impact assessment of bid-writer");
    aims.send_and_wait("r", "New risk of bid-writer");
    aims.send_and_wait("\r", "Enter or Esc keeps the value");
    aims.send_and_wait(
        "Cites a lost bid as a credential",
        "Cites a lost bid as a credential",
    );
    aims.send_and_wait_gone("\r", "Enter or Esc keeps the value");
    aims.esc_and_wait("bid-writer-1 · Cites a lost bid as a credential");
    aims.wait_gone("New risk of bid-writer");
    aims.esc_and_wait_gone("Impact assessment of bid-writer");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("impact/bid-writer.yaml"),
        "system: bid-writer\nrisks:\n  - id: bid-writer-1\n    title: Cites a lost bid as a credential\n"
    );
}

#[test]
fn a_suggestion_accepted_with_capital_a_is_in_the_soa_file_after_quitting() {
    let example = Example::new();
    let env = Env::new();
    assert!(!example.exists("soa/A.6.1.2.yaml"));
    let mut aims = Session::start(example.root(), &env).loaded();
    // The best match is selected, and its detail shown, while typing.
    aims.act_and_wait(
        |aims| aims.send("/A.6.1.2"),
        &[
            "/A.6.1.2",
            "Suggestion from the inventory",
            "Decision  undecided",
        ],
    );
    // Enter keeps the filter: the footer offers the control's keys again.
    aims.send_and_wait("\r", "a applicable");
    // The kept filter holds the status line, so the detail is what shows it.
    aims.act_and_wait(
        |aims| aims.send("A"),
        &[
            "Decision  applicable",
            "development objectives are needed to steer",
        ],
    );
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("soa/A.6.1.2.yaml"),
        "control: A.6.1.2\napplicable: true\njustification: |\n  At least one system in the inventory is built in-house, which suggests responsible development objectives are needed to steer that work.\n  Based on: Bid drafting assistant (bid-writer, in development); Calder Freight attrition risk model (client-attrition-model, in use, monitored); Digest document summariser (doc-summariser, in use).\n"
    );
}

/// Text typed into a field of a form (here a system's description) when
/// the connection drops is offered back, in the same form, on the next start.
#[test]
fn a_form_field_open_at_a_hangup_is_offered_back_in_its_form() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send_and_wait("1", "Inventory: 13 of 13 systems");
    aims.send_and_wait("\r", "AI system bid-writer");
    aims.send_and_wait("j\r", "Esc or Ctrl-s keeps the text");
    // The editor wraps the end of the text, so look for its start.
    aims.send_and_wait("Half a description", "Half a");
    // SAFETY: kill(2) with the pid of our own child and a valid signal.
    assert_eq!(unsafe { libc::kill(aims.pid(), libc::SIGHUP) }, 0);
    assert_eq!(
        aims.wait_exit(),
        0,
        "a hangup ends aims normally, its text kept"
    );
    drop(aims);

    let mut aims = Session::start(example.root(), &env).loaded();
    aims.wait_for("Work kept from last time");
    // The form, around the description's editor, holding the kept text.
    let screen = aims.send_and_wait("y", "Esc or Ctrl-s keeps the text");
    assert!(!screen.contains("Work kept from last time"), "{screen}");
    assert!(screen.contains("AI system bid-writer"), "{screen}");
    assert!(screen.contains("Description"), "{screen}");
    assert!(screen.contains("Half a"), "{screen}");
    // Esc keeps the text and returns to the form (its own keys in the
    // footer), a second closes the form.
    aims.esc_and_wait("Enter edit  Esc done");
    aims.esc_and_wait_gone("AI system bid-writer");
    assert_eq!(aims.quit(), 0);
    assert!(
        example
            .read("inventory/bid-writer.yaml")
            .contains("Half a description"),
        "{}",
        example.read("inventory/bid-writer.yaml")
    );
}
