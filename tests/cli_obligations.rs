//! `aims obligations`: every format on a small workspace as exact text, on
//! `workspace-example` against the golden files under `tests/golden/`, the
//! doubts about a role as `aims check` warnings, and the exit statuses.
//!
//! After a deliberate change of the output, `AIMS_BLESS=1 cargo test --test
//! cli_obligations` rewrites the golden files (and fails that run, so that
//! a stale file never passes); read the diff, then run the tests again.

mod common;

use common::{Dir, example_path};

/// A chatbot built in-house on a vendor's model, recorded as if it were
/// bought: the case the doubt about a role is for.
const SUPPORT_BOT: &str = "\
id: support-bot
name: Support chatbot
sourcing: built
vendor: OpenAI (the model)
owner: Priya Shah
lifecycle: operation
eu_ai_act:
  role: deployer
  risk: limited
  gpai: true
";

fn small() -> Dir {
    let dir = Dir::new();
    dir.write("inventory/support-bot.yaml", SUPPORT_BOT);
    dir.write(
        "soa/A.8.2.yaml",
        "control: A.8.2\napplicable: true\njustification: We tell users.\nstatus: implemented\nowner: Priya Shah\n",
    );
    dir.write("soa/7.4.yaml", "control: \"7.4\"\nstatus: partial\n");
    dir
}

const NOTICE: &str = "Indicative, not legal advice: derived from the role, risk tier and GPAI use the inventory records, by rules that simplify the Act. Whether and how a duty applies depends on facts the inventory does not hold; have a lawyer confirm what you rely on.";

const DATES_NOTE: &str = "Dates are those of Art. 113 of the Act as published. The Digital Omnibus on AI (politically agreed on 2026-05-07) moves the Annex III high-risk duties to 2027-12-02 and the Annex I ones to 2028-08-02; until its publication in the Official Journal is confirmed, both dates are shown. Correct `dates` in catalog/eu-ai-act-duties.yaml once it is law.";

const DOUBT: &str = "`support-bot` is built in-house but recorded as deployer: whoever develops a system, or has it developed, and puts it into service under its own name is its provider (Art. 3(3)), even when it runs on another company's model; check `eu_ai_act.role`";

#[test]
fn the_table_shows_the_duties_the_doubt_and_what_each_depends_on() {
    let run = small().cmd(["obligations"]).run();
    run.expect_code(0);
    let expected = format!(
        "\
EU AI Act duties (indicative)
{NOTICE}
Test Org, 2026-11-26. Rules checked on 2026-12-02 against Regulation (EU) 2024/1689 (the AI Act), OJ L, 12.7.2024, https://eur-lex.europa.eu/eli/reg/2024/1689.

Support chatbot (support-bot)
Role: deployer · limited risk (transparency) · GPAI: yes · in use
! {DOUBT}
articles      duty                                    applies from             coverage  ISO controls (state in the SoA)
Art. 4        AI literacy                             2025-02-02               gap       A.4.6 undecided, 7.2 no status, 7.3 no status
Art. 25(1) ?  Repurposing makes you a provider        2026-08-02 (2027-12-02)  gap       A.9.4 undecided, 4.1 no status, 8.1 no status
Art. 50(3) ?  Inform people of emotion recognition    2026-08-02               gap       A.8.2 implemented, A.8.5 undecided, 7.4 partial
Art. 50(4) ?  Disclose deep fakes and generated text  2026-08-02               gap       A.8.2 implemented, A.8.5 undecided, 7.4 partial
? Art. 25(1) only if you use it for a high-risk purpose, such as a use listed in Annex III
? Art. 50(3) only if it recognises emotions or categorises people by biometric data
? Art. 50(4) only if it makes deep fakes, or text you publish to inform the public

? the duty applies only if what follows the table holds.
(date) the later date an amendment would set: {DATES_NOTE}
"
    );
    assert_eq!(run.stdout, expected);
    assert_eq!(run.stderr, "");
}

#[test]
fn csv_is_the_export_table_a_notice_row_then_a_row_per_doubt_and_duty() {
    let dir = small();
    let run = dir.cmd(["obligations", "--format", "csv"]).run();
    run.expect_code(0);
    let expected = format!(
        "\u{feff}\
System,Name,EU AI Act role,Risk tier,Kind,Id,Articles,Duty,What it asks,Applies from,Later date if amended,Only if,Coverage,ISO controls (state in the SoA),Source\r
,,,,notice,,,EU AI Act duties (indicative),\"{NOTICE} {DATES_NOTE}\",,,,,,\"Regulation (EU) 2024/1689 (the AI Act), OJ L, 12.7.2024, https://eur-lex.europa.eu/eli/reg/2024/1689\"\r
support-bot,Support chatbot,deployer,limited risk (transparency),doubt,built_but_not_provider,,,\"{DOUBT}\",,,,,,\r
support-bot,Support chatbot,deployer,limited risk (transparency),duty,ai-literacy,Art. 4,AI literacy,\"Make sure the staff and others who operate or use the system for you understand enough about AI, and about this system, to do so safely.\",2025-02-02,,,gap,A.4.6 undecided; 7.2 no status; 7.3 no status,Art. 4 names providers and deployers. The Digital Omnibus on AI would turn it into a duty of the Member States and the Commission to encourage AI literacy; check its final text.\r
support-bot,Support chatbot,deployer,limited risk (transparency),duty,repurposing-into-high-risk,Art. 25(1),Repurposing makes you a provider,\"Putting a general-purpose system to a high-risk use (an Annex III use such as ranking job applicants) makes you the provider of a high-risk system, with every provider duty.\",2026-08-02,2027-12-02,\"you use it for a high-risk purpose, such as a use listed in Annex III\",gap,A.9.4 undecided; 4.1 no status; 8.1 no status,Art. 25(1)(c).\r
support-bot,Support chatbot,deployer,limited risk (transparency),duty,disclose-emotion-recognition,Art. 50(3),Inform people of emotion recognition,Tell the people exposed to it that it recognises emotions or sorts people into categories from biometric data.,2026-08-02,,it recognises emotions or categorises people by biometric data,gap,A.8.2 implemented; A.8.5 undecided; 7.4 partial,Art. 50(3) and (5); emotion recognition at work or in education is prohibited (Art. 5(1)(f)).\r
support-bot,Support chatbot,deployer,limited risk (transparency),duty,disclose-deep-fakes,Art. 50(4),Disclose deep fakes and generated text,\"Say that a deep fake is artificially generated or manipulated, and so is text published to inform the public on matters of public interest, unless a person reviewed it and answers for it.\",2026-08-02,,\"it makes deep fakes, or text you publish to inform the public\",gap,A.8.2 implemented; A.8.5 undecided; 7.4 partial,Art. 50(4) and (5).\r
"
    );
    assert_eq!(run.stdout, expected);
    // The same table is the export's `--table duties`.
    let export = dir
        .cmd(["export", "--format", "csv", "--table", "duties"])
        .run();
    export.expect_code(0);
    assert_eq!(export.stdout, expected);
}

/// A name a spreadsheet would run as a formula is made text, as in every
/// CSV aims writes.
#[test]
fn csv_cells_that_look_like_formulas_are_made_text() {
    let dir = Dir::new();
    dir.write(
        "inventory/sheet.yaml",
        "id: sheet\nname: \"=HYPERLINK(\\\"http://x\\\")\"\nowner: A\neu_ai_act:\n  role: deployer\n  risk: minimal\n",
    );
    let run = dir.cmd(["obligations", "--format", "csv"]).run();
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("\r\nsheet,\"'=HYPERLINK(\"\"http://x\"\")\",deployer,"),
        "{}",
        run.stdout
    );
}

#[test]
fn markdown_gives_a_section_per_system_with_the_notice_first() {
    let run = small()
        .cmd(["obligations", "support-bot", "--format", "md"])
        .run();
    run.expect_code(0);
    let expected = format!(
        "\
# EU AI Act duties (indicative)

*{NOTICE}*

Test Org, 2026-11-26. Rules checked on 2026-12-02 against Regulation (EU) 2024/1689 (the AI Act), OJ L, 12.7.2024, https://eur-lex.europa.eu/eli/reg/2024/1689.

{}

## Support chatbot (support-bot)

Role: deployer · limited risk (transparency) · GPAI: yes · in use

- **Check:** {}

| Articles | Duty | Applies from | Supporting ISO controls | Coverage |
|---|---|---|---|---|
| Art. 4 | **AI literacy**: Make sure the staff and others who operate or use the system for you understand enough about AI, and about this system, to do so safely.<br>Source: Art. 4 names providers and deployers. The Digital Omnibus on AI would turn it into a duty of the Member States and the Commission to encourage AI literacy; check its final text. | 2025-02-02, in force | A.4.6 undecided, 7.2 no status, 7.3 no status | gap |
| Art. 25(1) | **Repurposing makes you a provider**: Putting a general-purpose system to a high-risk use (an Annex III use such as ranking job applicants) makes you the provider of a high-risk system, with every provider duty.<br>*Only if* you use it for a high-risk purpose, such as a use listed in Annex III<br>Source: Art. 25(1)(c). | 2026-08-02 (2027-12-02 under the Digital Omnibus on AI), in force | A.9.4 undecided, 4.1 no status, 8.1 no status | gap |
| Art. 50(3) | **Inform people of emotion recognition**: Tell the people exposed to it that it recognises emotions or sorts people into categories from biometric data.<br>*Only if* it recognises emotions or categorises people by biometric data<br>Source: Art. 50(3) and (5); emotion recognition at work or in education is prohibited (Art. 5(1)(f)). | 2026-08-02, in force | A.8.2 implemented, A.8.5 undecided, 7.4 partial | gap |
| Art. 50(4) | **Disclose deep fakes and generated text**: Say that a deep fake is artificially generated or manipulated, and so is text published to inform the public on matters of public interest, unless a person reviewed it and answers for it.<br>*Only if* it makes deep fakes, or text you publish to inform the public<br>Source: Art. 50(4) and (5). | 2026-08-02, in force | A.8.2 implemented, A.8.5 undecided, 7.4 partial | gap |
",
        DATES_NOTE.replace('`', "\\`"),
        DOUBT.replace('`', "\\`").replace('_', "\\_")
    );
    assert_eq!(run.stdout, expected);
}

#[test]
fn json_carries_every_fact_under_documented_keys() {
    let run = small().cmd(["obligations", "--format", "json"]).run();
    run.expect_code(0);
    let json = run.json();
    assert_eq!(json["notice"], NOTICE);
    assert_eq!(json["organisation"], "Test Org");
    assert_eq!(json["generated_on"], "2026-11-26");
    assert_eq!(json["rules_checked"], "2026-12-02");
    let system = &json["systems"][0];
    assert_eq!(system["id"], "support-bot");
    assert_eq!(system["role"], "deployer");
    assert_eq!(system["risk"], "limited");
    assert_eq!(system["gpai"], true);
    assert_eq!(system["route"], serde_json::Value::Null);
    assert_eq!(system["doubts"][0]["code"], "built_but_not_provider");
    assert_eq!(system["doubts"][0]["message"], DOUBT);
    let duty = &system["duties"][1];
    assert_eq!(duty["id"], "repurposing-into-high-risk");
    assert_eq!(duty["articles"], serde_json::json!(["Art. 25(1)"]));
    assert_eq!(duty["applies_from"], "2026-08-02");
    assert_eq!(duty["pending_from"], "2027-12-02");
    assert_eq!(duty["pending_by"], "the Digital Omnibus on AI");
    assert_eq!(duty["in_force"], true);
    assert_eq!(duty["coverage"], "gap");
    assert_eq!(
        duty["controls"][0],
        serde_json::json!({"id": "A.9.4", "title": "Intended use of the AI system", "state": "undecided"})
    );
    assert_eq!(
        system["duties"][2]["controls"][0]["state"], "implemented",
        "A.8.2"
    );
}

// --- workspace-example, against the golden files ---------------------------

#[test]
fn every_format_on_the_example_matches_its_golden_file() {
    let mut outputs = Vec::new();
    for (format, file) in [
        ("table", "obligations-example.txt"),
        ("csv", "obligations-example.csv"),
        ("json", "obligations-example.json"),
        ("md", "obligations-example.md"),
    ] {
        let run = Dir::example()
            .cmd(["obligations", "--format", format])
            .run();
        run.expect_code(0);
        assert_eq!(
            run.stderr,
            "note: 1 decommissioned system is left out; name one to see its duties\n"
        );
        outputs.push((file, run.stdout.clone()));
    }
    common::assert_golden(&outputs, "cli_obligations");
}

#[test]
fn the_example_folder_can_be_named_alone_and_a_system_in_it() {
    let example = example_path();
    let example = example.to_str().expect("a UTF-8 path");
    let all = common::TestCommand::new(["obligations", example]).run();
    all.expect_code(0);
    assert!(
        all.stdout
            .contains("Candidex Screen CV ranking (cv-screening)")
    );
    let one = common::TestCommand::new(["obligations", "cv-screening", example]).run();
    one.expect_code(0);
    assert!(one.stdout.contains("Art. 26       Deployer's obligations"));
    assert!(!one.stdout.contains("(bid-writer)"));
    // A decommissioned system is shown when named.
    let old = common::TestCommand::new(["obligations", "otter-transcription", example]).run();
    old.expect_code(0);
    assert!(old.stdout.contains("· decommissioned\n"), "{}", old.stdout);
    assert_eq!(old.stderr, "");
}

// --- aims check and the exit statuses -------------------------------------

#[test]
fn check_warns_about_a_doubtful_role_with_its_kind() {
    let dir = small();
    let run = dir.cmd(["check"]).run();
    run.expect_code(0);
    assert!(
        run.stdout.contains(&format!(
            "inventory/support-bot.yaml:8:3: warning: {DOUBT}\n"
        )),
        "{}",
        run.stdout
    );
    dir.cmd(["check", "--strict"]).run().expect_code(1);
    let json = dir.cmd(["check", "--format", "json"]).run();
    json.expect_code(0);
    assert!(
        json.stdout
            .contains("\"kind\": \"doubtful_classification\""),
        "{}",
        json.stdout
    );
}

#[test]
fn an_unknown_system_exits_1_with_the_nearest_id() {
    let dir = small();
    let run = dir.cmd(["obligations", "support-boot"]).run();
    run.expect_code(1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: unknown system `support-boot`: there is no inventory/support-boot.yaml; did you mean `support-bot`?\n"
    );
    let far = dir.cmd(["obligations", "payroll"]).run();
    far.expect_code(1);
    assert_eq!(
        far.stderr,
        "error: unknown system `payroll`: there is no inventory/payroll.yaml (see `aims inventory list`)\n"
    );
}

#[test]
fn a_usage_error_exits_2() {
    let dir = small();
    let run = dir.cmd(["obligations", "--format", "xlsx"]).run();
    run.expect_code(2);
    assert!(
        run.stderr.contains("invalid value 'xlsx'"),
        "{}",
        run.stderr
    );
    dir.cmd(["obligations", "a", "b", "c"]).run().expect_code(2);
}

#[test]
fn text_from_files_reaches_the_table_visibly() {
    let dir = Dir::new();
    dir.write(
        "inventory/bought.yaml",
        "id: bought\nname: \"Bought \\e[31mtool\"\nsourcing: bought\nvendor: \"Acme\\e]0;x\\a\"\nowner: A\neu_ai_act:\n  role: provider\n  risk: minimal\n",
    );
    let run = dir.cmd(["obligations"]).run();
    run.expect_code(0);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    assert!(
        run.stdout.contains("Bought ^[[31mtool (bought)\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("! `bought` is bought from Acme^[]0;x^G but recorded as its provider"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_empty_inventory_says_so() {
    let run = Dir::new().cmd(["obligations"]).run();
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("No AI system to show: the inventory has none in use."),
        "{}",
        run.stdout
    );
    let json = Dir::new().cmd(["obligations", "--format", "json"]).run();
    json.expect_code(0);
    assert_eq!(json.json()["systems"], serde_json::json!([]));
}
