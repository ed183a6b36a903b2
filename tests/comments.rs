//! Comments of hand-written files survive every write aims makes: `fmt`,
//! `inventory set`, `soa set` and edits in the interface. Comments whose key
//! an edit removed are named, never dropped silently.

mod common;

use common::{Dir, Example, KeyCode, code, esc, keys, notice, press, select_control};

/// A system written by hand, with comments in every place YAML allows
/// them: a header, above keys, at the ends of lines, inside a block, above
/// and after list items, after the last key, and `#` inside text that is
/// not a comment. Keys are out of aims's order and quoted by hand.
const HAND_SYSTEM: &str = "\
# Register entry for the CV screening tool.
# Owner: People team.

name: 'CV screening'   # the vendor's product name
id: cv-screening
# who answers for it
owner:   Aisha Rahman
description: |
  Ranks applicants. # this is text, not a comment
  Second line.
sourcing: bought # from Candidex
eu_ai_act:   # as assessed in October
  # we only use it
  role: deployer
  risk: high   # Annex III 4(a)
tags:
  # for the HR dashboard
  - hr
  - recruitment   # added in March
# end of file: keep this
";

/// The same file as aims writes it: canonical order and quoting, every
/// comment at its key.
const FORMATTED_SYSTEM: &str = "\
# Register entry for the CV screening tool.
# Owner: People team.
id: cv-screening
name: CV screening # the vendor's product name
description: |
  Ranks applicants. # this is text, not a comment
  Second line.
sourcing: bought # from Candidex
# who answers for it
owner: Aisha Rahman
eu_ai_act: # as assessed in October
  # we only use it
  role: deployer
  risk: high # Annex III 4(a)
# for the HR dashboard
tags: [hr, recruitment] # added in March
# end of file: keep this
";

fn hand_workspace() -> Dir {
    let dir = Dir::new();
    dir.write("inventory/cv-screening.yaml", HAND_SYSTEM);
    dir
}

#[test]
fn fmt_keeps_every_comment_in_its_place_and_is_then_stable() {
    let dir = hand_workspace();
    let run = dir.cmd(["fmt"]).run();
    run.expect_code(0);
    assert_eq!(run.stderr, "formatted inventory/cv-screening.yaml\n");
    assert_eq!(dir.read("inventory/cv-screening.yaml"), FORMATTED_SYSTEM);
    dir.cmd(["fmt", "--check"]).run().expect_code(0);
    dir.cmd(["check"]).run().expect_code(0);
}

#[test]
fn inventory_set_keeps_the_comments_of_keys_it_did_not_touch_and_of_the_one_it_did() {
    let dir = hand_workspace();
    dir.cmd(["fmt"]).run().expect_code(0);
    let run = dir
        .cmd(["inventory", "set", "cv-screening", "owner=Priya Shah"])
        .run();
    run.expect_code(0);
    assert_eq!(run.stderr, "updated inventory/cv-screening.yaml\n");
    assert_eq!(
        dir.read("inventory/cv-screening.yaml"),
        FORMATTED_SYSTEM.replace("owner: Aisha Rahman", "owner: Priya Shah")
    );
}

#[test]
fn a_set_that_removes_a_commented_key_names_each_comment_it_dropped() {
    let dir = hand_workspace();
    let run = dir
        .cmd(["inventory", "set", "cv-screening", "owner="])
        .run();
    run.expect_code(0);
    assert_eq!(
        run.stderr,
        "updated inventory/cv-screening.yaml, rewritten in aims's layout (its comments are kept)\n\
         dropped a comment of inventory/cv-screening.yaml, line 6: `# who answers for it` (on `owner`, which is gone)\n"
    );
    let text = dir.read("inventory/cv-screening.yaml");
    assert!(!text.contains("owner"), "{text}");
    assert!(text.contains("risk: high # Annex III 4(a)\n"), "{text}");
}

#[test]
fn fmt_names_a_comment_on_an_empty_key_that_it_removes() {
    let dir = Dir::new();
    dir.write(
        "inventory/bot.yaml",
        "id: bot\nname: Bot\nvendor:   # not chosen yet\nowner: Ana\n",
    );
    let run = dir.cmd(["fmt"]).run();
    run.expect_code(0);
    assert_eq!(
        run.stderr,
        "formatted inventory/bot.yaml\n\
         dropped a comment of inventory/bot.yaml, line 3: `# not chosen yet` (on `vendor`, which is gone)\n"
    );
    assert_eq!(
        dir.read("inventory/bot.yaml"),
        "id: bot\nname: Bot\nowner: Ana\n"
    );
}

#[test]
fn soa_set_keeps_comments_on_evidence_items() {
    let dir = Dir::new();
    let hand = "\
control: A.2.2
applicable: true   # agreed by the partners
justification: We write AI policy.
evidence:
  # the signed copy
  - ref: policies/ai-policy.pdf
    note: v1.2   # superseded in 2027?
  - ref: minutes.md
";
    dir.write("soa/A.2.2.yaml", hand);
    let run = dir.cmd(["soa", "set", "A.2.2", "status=implemented"]).run();
    run.expect_code(0);
    assert_eq!(
        dir.read("soa/A.2.2.yaml"),
        "\
control: A.2.2
applicable: true # agreed by the partners
justification: We write AI policy.
status: implemented
evidence:
  # the signed copy
  - ref: policies/ai-policy.pdf
    note: v1.2 # superseded in 2027?
  - ref: minutes.md
"
    );
}

#[test]
fn an_edit_in_the_interface_keeps_comments_and_warns_of_one_it_dropped() {
    let example = Example::new();
    let hand = format!(
        "# Decided at the partners' meeting.\n{}",
        example
            .read("soa/A.2.2.yaml")
            .replace("owner: Daniel Okafor", "owner: Daniel Okafor # acting")
            .replace(
                "status: implemented",
                "# since the March meeting\nstatus: implemented"
            )
    );
    example.write("soa/A.2.2.yaml", &hand);
    let mut app = example.app();
    select_control(&mut app, "A.2.2");
    keys(&mut app, "r");
    let stamped = example.read("soa/A.2.2.yaml");
    assert!(
        stamped.starts_with("# Decided at the partners' meeting.\ncontrol: A.2.2\n"),
        "{stamped}"
    );
    assert!(
        stamped.contains(
            "# since the March meeting\nstatus: implemented\nowner: Daniel Okafor # acting\n"
        ),
        "{stamped}"
    );

    // Clearing the owner removes its key, and so its comment: said aloud.
    keys(&mut app, "o");
    for _ in 0.."Daniel Okafor".len() {
        assert!(press(&mut app, code(KeyCode::Backspace)));
    }
    esc(&mut app);
    let cleared = example.read("soa/A.2.2.yaml");
    assert!(!cleared.contains("owner"), "{cleared}");
    assert!(cleared.contains("# since the March meeting\n"), "{cleared}");
    assert_eq!(
        notice(&app),
        "saved soa/A.2.2.yaml; dropped its comment line 12: `# acting` (on `owner`, which is gone)"
    );
}
