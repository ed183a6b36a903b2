//! Who owes what: `aims progress --by owner` and the owner of each gap
//! (`aims gaps --format json`, `--owner`), on the example as of the test
//! date (2026-11-26).

mod common;

use common::Dir;

fn json(dir: &Dir, args: &[&str]) -> serde_json::Value {
    let run = dir.cmd(args).run();
    run.expect_code(0);
    serde_json::from_str(&run.stdout).expect("JSON")
}

#[test]
fn each_person_has_their_open_items_overdue_first_and_no_one_last() {
    let dir = Dir::example();
    let report = json(&dir, &["progress", "--by", "owner", "--format", "json"]);
    let owners = report["owners"].as_array().expect("owners");
    // Aisha Rahman's Culture Amp review was due on 2026-10-31: the only
    // overdue item, so she comes first, and it comes first in her list.
    let first = &owners[0];
    assert_eq!(first["owner"], "Aisha Rahman");
    assert_eq!(first["overdue"], 1);
    assert_eq!(first["items"][0]["id"], "engagement-sentiment");
    assert_eq!(first["items"][0]["overdue_since"], "2026-10-31");
    assert_eq!(
        first["items"][0]["path"],
        "inventory/engagement-sentiment.yaml"
    );
    // What nobody owns is last, and holds the clauses with no owner yet.
    let last = owners.last().expect("someone");
    assert!(last["owner"].is_null());
    let unowned: Vec<&str> = last["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert!(unowned.contains(&"4.2") && unowned.contains(&"grammar-assistant"));
    // An implemented control is not open; an open risk is its owner's.
    let graham = owners
        .iter()
        .find(|o| o["owner"] == "Graham Pettit")
        .expect("Graham Pettit");
    let ids: Vec<&str> = graham["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert!(ids.contains(&"cv-screening-3"), "{ids:?}");
    assert!(ids.contains(&"A.6.2.6"));
    for owner in owners {
        for item in owner["items"].as_array().expect("items") {
            assert_ne!(item["id"], "A.2.2", "A.2.2 is implemented");
        }
    }
}

#[test]
fn the_table_and_markdown_name_each_person_with_a_tally() {
    let dir = Dir::example();
    let run = dir.cmd(["progress", "--by", "owner"]).run();
    run.expect_code(0);
    assert!(
        run.stdout
            .starts_with("Aisha Rahman: 3 open, 1 overdue\n  overdue system"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\nno one: "));
    let md = dir
        .cmd(["progress", "--by", "owner", "--format", "md"])
        .run();
    md.expect_code(0);
    assert!(md.stdout.contains("## Aisha Rahman (3 open, 1 overdue)"));
    assert!(
        md.stdout
            .contains("| **overdue** | system | engagement-sentiment |")
    );
}

#[test]
fn every_gap_names_who_is_to_close_it_and_can_be_filtered_by_person() {
    let dir = Dir::example();
    let report = json(&dir, &["gaps", "--format", "json"]);
    let gaps = report["gaps"].as_array().expect("gaps");
    let find = |needle: &str| {
        gaps.iter()
            .find(|g| g["message"].as_str().is_some_and(|m| m.contains(needle)))
            .unwrap_or_else(|| panic!("a gap about {needle}"))
    };
    // A risk: its own owner, not the system's.
    assert_eq!(find("high risk `cv-screening-3`")["owner"], "Graham Pettit");
    // Undecided controls nobody owns yet: the AI governance lead.
    assert_eq!(
        find("A.4 Resources for AI systems")["owner"],
        "Daniel Okafor"
    );
    // A system's gap: the system's owner.
    assert_eq!(
        find("`doc-summariser` has no impact")["owner"],
        "Owen Hartley"
    );
    let run = dir.cmd(["gaps", "--owner", "owen  HARTLEY"]).run();
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "normal  `doc-summariser` has no impact assessment yet  (impact/doc-summariser.yaml, Owen Hartley)\n"
    );
}
