//! End-to-end runs of the real `aims` binary in a pseudo-terminal (80x24)
//! for the inventory, impact assessment and suggestion features: keys go in
//! as a person types them, and the files on disk are checked after `q`.
//! Each step waits for text on the screen, never for a fixed time.

mod common;

use common::Example;
use common::pty::{Env, Session};

#[test]
fn a_system_added_through_the_form_is_a_file_after_quitting() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("1");
    aims.wait_for("Inventory: 13 of 13 systems");
    aims.send("n");
    aims.wait_for("New AI system");
    aims.send("\r");
    aims.send("Payroll Anomaly Detector");
    aims.wait_for("Payroll Anomaly Detector");
    aims.send("\r");
    aims.wait_for("payroll-anomaly-detector");
    aims.esc();
    aims.wait_gone("New AI system");
    aims.wait_for("added inventory/payroll-anomaly-detector.yaml");
    aims.wait_for("Inventory: 14 of 14 systems");
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
    aims.send("1g");
    aims.wait_for("Bid drafting assistant (bid-writer)");
    aims.send("i");
    aims.wait_for("Impact assessment of bid-writer");
    aims.send("r");
    aims.wait_for("New risk of bid-writer");
    aims.send("\r");
    aims.send("Cites a lost bid as a credential");
    aims.wait_for("Cites a lost bid as a credential");
    aims.send("\r");
    aims.esc();
    aims.wait_gone("New risk of bid-writer");
    aims.wait_for("bid-writer-1 · Cites a lost bid as a credential");
    aims.esc();
    aims.wait_gone("Impact assessment of bid-writer");
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
    aims.send("/A.6.1.2");
    aims.wait_for("/A.6.1.2");
    aims.send("\r");
    aims.wait_for("Suggestion from the inventory");
    aims.wait_for("Decision  undecided");
    aims.send("A");
    // The kept filter holds the status line, so the detail is what shows it.
    aims.wait_for("Decision  applicable");
    aims.wait_for("objectives are needed to steer that work.");
    assert_eq!(aims.quit(), 0);
    assert_eq!(
        example.read("soa/A.6.1.2.yaml"),
        "control: A.6.1.2\napplicable: true\njustification: At least one live system is built in-house, which suggests responsible development objectives are needed to steer that work.\n"
    );
}

/// Text typed into a field of a form (here a system's description) when
/// the connection drops is offered back, in the same form, on the next start.
#[test]
fn a_form_field_open_at_a_hangup_is_offered_back_in_its_form() {
    let example = Example::new();
    let env = Env::new();
    let mut aims = Session::start(example.root(), &env).loaded();
    aims.send("1");
    aims.wait_for("Inventory: 13 of 13 systems");
    aims.send("\r");
    aims.wait_for("AI system bid-writer");
    aims.send("j\r");
    aims.send("Half a description");
    // The editor wraps the end of the text, so look for its start.
    aims.wait_for("Half a");
    // SAFETY: kill(2) with the pid of our own child and a valid signal.
    assert_eq!(unsafe { libc::kill(aims.pid(), libc::SIGHUP) }, 0);
    assert_eq!(
        aims.wait_exit(),
        0,
        "a hangup ends aims normally, its text kept"
    );
    drop(aims);

    let mut aims = Session::start(example.root(), &env).loaded();
    aims.wait_for("Text kept from last time");
    aims.send("y");
    aims.wait_gone("Text kept from last time");
    let screen = aims.wait_for("Half a");
    assert!(screen.contains("Description"), "{screen}");
    aims.esc();
    aims.wait_for("AI system bid-writer");
    aims.esc();
    assert_eq!(aims.quit(), 0);
    assert!(
        example
            .read("inventory/bid-writer.yaml")
            .contains("Half a description"),
        "{}",
        example.read("inventory/bid-writer.yaml")
    );
}
