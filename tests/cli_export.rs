//! `aims export` in every format, as auditors and scripts use it: the real
//! binary over a copy of `workspace-example/`. Each format has the shape it
//! promises, text from the files can neither inject markup nor send escape
//! sequences from a document, legitimate Unicode survives byte for byte,
//! and `-o` writes the file and nothing else.

mod common;

use common::{Dir, Run, TODAY};

/// Annex A (38 controls) and clauses 4 to 10 (32), as the example uses them.
const CONTROLS: usize = 70;

/// A justification that tries everything: HTML, a table cell break, an
/// ANSI colour escape, a quote and an ampersand.
const HOSTILE: &str = "Ok <script>alert(1)</script> | pipe \u{1b}[31mred \"q\" 'a' & b";

fn export(dir: &Dir, format: &str) -> Run {
    let run = dir.cmd(["export", "--format", format]).run();
    run.expect_code(0);
    run
}

/// The example with A.4.2 (undecided there) given the hostile justification.
fn hostile_example() -> Dir {
    let dir = Dir::example();
    dir.write(
        "soa/A.4.2.yaml",
        &format!(
            "control: A.4.2\napplicable: true\njustification: {}\nstatus: planned\n",
            serde_json::to_string(HOSTILE).expect("a string is JSON")
        ),
    );
    // The hostile file loads.
    dir.cmd(["check"]).run().expect_code(0);
    dir
}

#[track_caller]
fn assert_no_raw_escape(format: &str, text: &str) {
    assert!(
        !text.contains('\u{1b}'),
        "{format} export holds a raw ESC byte"
    );
}

fn control_ids(dir: &Dir) -> Vec<String> {
    let catalog = dir.cmd(["catalog", "--format", "json"]).run();
    catalog.expect_code(0);
    let json = catalog.json();
    let mut ids = Vec::new();
    collect_ids(&json, &mut ids);
    ids
}

/// Every `"id"` of a control (ids holding a dot, or clause numbers), found
/// wherever `aims catalog --format json` nests them.
fn collect_ids(value: &serde_json::Value, ids: &mut Vec<String>) {
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_ids(v, ids)),
        serde_json::Value::Object(map) => {
            if let (Some(serde_json::Value::String(id)), Some(_)) =
                (map.get("id"), map.get("title"))
                && map.get("controls").is_none()
                && map.get("groups").is_none()
            {
                ids.push(id.clone());
            }
            map.values().for_each(|v| collect_ids(v, ids));
        }
        _ => {}
    }
}

/// The text from the line `from` up to the line `to`.
fn section<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(&format!("\n{from}\n")).expect("the section");
    let end = text[start..]
        .find(&format!("\n{to}\n"))
        .expect("the next section");
    &text[start..start + end]
}

#[test]
fn markdown_has_every_section_and_a_row_for_every_control() {
    let dir = Dir::example();
    let md = export(&dir, "md").stdout.clone();
    assert!(
        md.starts_with("# DRAFT: Harrow & Vale Consulting LLP: Statement of Applicability"),
        "{md}"
    );
    assert!(
        md.contains("> - 18 of 38 Annex A controls are undecided\n"),
        "{md}"
    );
    assert!(
        md.contains(&format!("| Generated | {TODAY} by aims ")),
        "{md}"
    );
    for heading in [
        "## Document control",
        "## Impact assessments",
        "## Scope",
        "## Accountability",
        "## Progress",
        "## Statement of Applicability",
        "## AI system inventory",
        "## Risk register",
    ] {
        assert!(md.contains(&format!("\n{heading}\n")), "no {heading}");
    }
    assert!(md.contains(aims::model::MEASURES_EXPLAINED));
    assert!(md.contains("| AI governance lead | Daniel Okafor |"));
    let ids = control_ids(&dir);
    assert_eq!(ids.len(), CONTROLS, "{ids:?}");
    let soa = section(
        &md,
        "## Statement of Applicability",
        "## AI system inventory",
    );
    for id in &ids {
        let rows = soa
            .lines()
            .filter(|l| l.starts_with(&format!("| {id} | ")))
            .count();
        assert_eq!(rows, 1, "one SoA row for {id}");
    }
    let undecided = soa
        .lines()
        .filter(|l| l.contains(" | undecided | "))
        .count();
    assert!(undecided > 0, "undecided controls are listed too");
    assert!(md.contains("| Candidex Screen CV ranking | cv-screening | bought |"));
    assert!(md.contains("| high | Candidex Screen CV ranking (cv-screening) | cv-screening-1 | "));
    assert!(
        md.contains("2026-10-31 (overdue)"),
        "an overdue review says so"
    );
}

#[test]
fn csv_parses_back_with_one_row_per_control() {
    let dir = Dir::example();
    let text = export(&dir, "csv").stdout.clone();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "Catalogue",
            "Control",
            "Title",
            "Decision",
            "Justification",
            "Basis",
            "Status",
            "Owner",
            "Due",
            "Reviewed by",
            "Reviewed on",
            "Notes",
            "Systems",
            "Evidence (reference: note)",
            "Risks it treats"
        ]
    );
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains("\r\nCatalogue"));
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("every row parses");
    assert_eq!(rows.len(), CONTROLS);
    let ids: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(ids, control_ids(&dir));
    let policy = rows.iter().find(|r| &r[1] == "A.2.2").expect("A.2.2");
    assert_eq!(&policy[3], "applicable");
    assert_eq!(&policy[5], "business, contractual, best practice");
    assert_eq!(&policy[6], "implemented");
    assert_eq!(
        &policy[13],
        "policies/ai-policy-v1.2.pdf: AI policy v1.2, approved at the partners' meeting on 2026-03-14\nhttps://harrowvale.sharepoint.com/sites/Governance/AI-policy: Intranet copy with read receipts from 49 of 51 staff"
    );
    assert_eq!(&policy[10], "2026-03-14");
    assert!(rows.iter().any(|r| &r[3] == "undecided"));
    assert!(rows.iter().any(|r| &r[3] == "excluded"));
    assert!(rows.iter().any(|r| &r[3] == "mandatory"));
}

#[test]
fn html_is_one_standalone_page() {
    let dir = Dir::example();
    let html = export(&dir, "html").stdout.clone();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(
        html.contains("<title>DRAFT: Harrow &amp; Vale Consulting LLP: Statement of Applicability")
    );
    assert!(html.contains("<div class=\"watermark\" aria-hidden=\"true\">DRAFT</div>"));
    assert!(html.contains("thead { display: table-header-group; }"));
    assert!(
        html.contains("<svg class=\"chart\""),
        "progress drawn inline"
    );
    let opened = html.matches("<table>").count();
    assert!(opened >= 5, "progress, SoA, inventory and risk tables");
    assert_eq!(opened, html.matches("</table>").count());
    assert_eq!(html.matches("<tr").count(), html.matches("</tr>").count());
    assert_eq!(html.matches("<td").count(), html.matches("</td>").count());
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "no scripts");
    for external in ["<link", "src=", "href=", "@import", "url("] {
        assert!(!lower.contains(external), "nothing fetched: {external}");
    }
    assert!(html.contains("@media print"));
    assert!(html.contains("break-inside: avoid"));
    for id in control_ids(&dir) {
        assert!(
            html.contains(&format!("<td class=\"id\">{id}</td>")),
            "no row for {id}"
        );
    }
}

#[test]
fn text_from_files_is_made_safe_for_every_format() {
    let dir = hostile_example();

    let md = export(&dir, "md").stdout.clone();
    assert_no_raw_escape("md", &md);
    let row = md
        .lines()
        .find(|l| l.starts_with("| A.4.2 | "))
        .expect("the A.4.2 row");
    assert!(
        row.contains(r"Ok \<script\>alert(1)\</script\> \| pipe ^\[\[31mred"),
        "{row}"
    );
    assert_eq!(
        row.matches(" | ").count(),
        13,
        "the pipe did not add a cell: {row}"
    );

    let html = export(&dir, "html").stdout.clone();
    assert_no_raw_escape("html", &html);
    assert!(!html.to_lowercase().contains("<script"));
    assert!(
        html.contains(
            "Ok &lt;script&gt;alert(1)&lt;/script&gt; | pipe ^[[31mred &quot;q&quot; &#39;a&#39; &amp; b"
        ),
        "escaped in html"
    );

    // CSV is data for other tools: the text as it is, ESC and all (a
    // terminal is shown it visibly, see tests/cli_output.rs).
    let text = export(&dir, "csv").stdout.clone();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader
        .records()
        .map(|r| r.expect("every row parses"))
        .find(|r| &r[1] == "A.4.2")
        .expect("the A.4.2 row");
    assert_eq!(&row[4], HOSTILE);

    let json = export(&dir, "json").stdout.clone();
    assert_no_raw_escape("json", &json);
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = Dir::example();
    for (format, file) in [
        ("md", "soa.md"),
        ("csv", "soa.csv"),
        ("html", "soa.html"),
        ("json", "soa.json"),
    ] {
        let run = dir.cmd(["export", "--format", format, "-o", file]).run();
        run.expect_code(0);
        assert_eq!(run.stdout, "", "{format}: nothing on stdout");
        let written = dir.read(file);
        assert_eq!(
            written,
            export(&dir, format).stdout,
            "{format}: same as stdout"
        );
    }
}

#[test]
fn output_onto_a_folder_fails_with_the_reason() {
    let dir = Dir::example();
    let run = dir.cmd(["export", "--format", "md", "-o", "soa"]).run();
    run.expect_code(3); // a write failure, not a usage error
    assert!(run.stderr.contains("cannot write soa"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        dir.join("soa/A.2.2.yaml").is_file(),
        "the folder is untouched"
    );
}

#[test]
fn help_lists_the_formats() {
    let run = Dir::empty().cmd(["export", "--help"]).run();
    run.expect_code(0);
    for format in ["md", "csv", "html", "json", "xlsx"] {
        assert!(
            run.stdout.contains(&format!("- {format}:")),
            "--help names {format}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn an_empty_workspace_still_lists_every_control() {
    let dir = Dir::new();
    let md = export(&dir, "md").stdout.clone();
    assert!(md.contains("No AI systems are recorded."));
    assert!(md.contains("No risks are recorded."));
    assert!(md.contains("No scope is written in aims.yaml."));
    let text = export(&dir, "csv").stdout.clone();
    let rows = csv::Reader::from_reader(text.as_bytes()).records().count();
    assert_eq!(rows, CONTROLS);
}

/// A name and an owner as people write them: a right-to-left mark, Arabic,
/// an emoji joined with a zero-width joiner (U+200D), a zero-width
/// non-joiner in Persian.
const LEGITIMATE: &str = "\u{200f}مرحبا 👩\u{200d}💻 Ops می\u{200c}خواهم";

/// The example with a system named [`LEGITIMATE`] that also owns A.4.2.
fn legitimate_example() -> Dir {
    let dir = Dir::example();
    dir.write(
        "inventory/rtl-ops.yaml",
        &format!("id: rtl-ops\nname: {LEGITIMATE}\nowner: {LEGITIMATE}\n"),
    );
    dir.write(
        "soa/A.4.2.yaml",
        &format!("control: A.4.2\napplicable: true\njustification: Needed.\nstatus: planned\nowner: {LEGITIMATE}\n"),
    );
    dir.cmd(["check"]).run().expect_code(0);
    dir
}

#[test]
fn legitimate_unicode_survives_every_export_byte_for_byte() {
    let dir = legitimate_example();
    for format in ["md", "html", "csv", "json"] {
        let printed = export(&dir, format).stdout.clone();
        let file = format!("out.{format}");
        dir.cmd(["export", "--format", format, "-o", &file])
            .run()
            .expect_code(0);
        for (how, text) in [("stdout", printed), ("-o", dir.read(&file))] {
            assert!(
                !text.contains("<U+") && !text.contains("&lt;U+"),
                "{format} ({how}) rewrote a character"
            );
            // Every format carries the owner of A.4.2; all but the CSV of
            // the SoA carry the system's name too.
            let wanted = if format == "csv" { 1 } else { 3 };
            assert!(
                text.matches(LEGITIMATE).count() >= wanted,
                "{format} ({how}) lost the text as typed:\n{text}"
            );
        }
    }
    let json = export(&dir, "json").json();
    assert_eq!(exported_system(&json, "rtl-ops")["name"], LEGITIMATE);
    for (command, format) in [
        ("inventory", "csv"),
        ("inventory", "json"),
        ("soa", "csv"),
        ("soa", "json"),
    ] {
        let run = dir.cmd([command, "list", "--format", format]).run();
        run.expect_code(0);
        assert!(
            run.stdout.contains(LEGITIMATE),
            "{command} list --format {format}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn bidirectional_controls_cannot_reorder_a_file_yet_mean_the_same() {
    let dir = Dir::example();
    // U+202E (right-to-left override) would show "txt.exe" as "exe.txt"
    // and everything after it on the line reversed.
    dir.write(
        "inventory/spoof.yaml",
        "id: spoof\nname: \"invoice\\u202Etxt.exe\"\nowner: A\n",
    );
    let md = export(&dir, "md").stdout.clone();
    assert!(md.contains("invoice&#x202E;txt.exe"), "{md}");
    let html = export(&dir, "html").stdout.clone();
    assert!(html.contains("invoice&#x202E;txt.exe"), "{html}");
    let json = export(&dir, "json");
    assert!(json.stdout.contains(r"invoice\u202etxt.exe"));
    assert_eq!(
        exported_system(&json.json(), "spoof")["name"],
        "invoice\u{202e}txt.exe",
        "the same text once parsed"
    );
    for text in [&md, &html, &json.stdout] {
        assert!(!text.contains('\u{202e}'));
    }
}

/// The system `id` of a JSON export.
fn exported_system(json: &serde_json::Value, id: &str) -> serde_json::Value {
    json["inventory"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("{id} is exported"))
        .clone()
}

/// Every table as its own CSV, each read back by a CSV reader; a cell that
/// a spreadsheet would run as a formula is made text.
#[test]
fn each_table_is_a_csv_of_its_own_and_formulas_are_neutralised() {
    let dir = Dir::example();
    dir.write(
        "inventory/formula.yaml",
        "id: formula\nname: '=HYPERLINK(\"http://evil\",\"click\")'\nvendor: '@SUM(1+1)'\nowner: Zoë £5\n",
    );
    for (table, rows, first) in [
        ("soa", CONTROLS, "Catalogue"),
        ("inventory", 14, "Id (file name)"),
        ("risks", 0, "Level"),
        ("impact", 0, "System"),
        ("progress", 0, "Catalogue"),
    ] {
        let run = dir
            .cmd(["export", "--format", "csv", "--table", table])
            .run();
        run.expect_code(0);
        let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
        assert_eq!(&reader.headers().expect("a header")[0], first, "{table}");
        let read: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .expect("every row parses");
        assert!(
            rows == 0 || read.len() == rows,
            "{table}: {} rows",
            read.len()
        );
        assert!(!read.is_empty(), "{table} has rows");
    }
    let run = dir
        .cmd(["export", "--format", "csv", "--table", "inventory"])
        .run();
    run.expect_code(0);
    assert!(run.stdout.contains("'=HYPERLINK("), "{}", run.stdout);
    assert!(run.stdout.contains("'@SUM(1+1)"));
    assert!(run.stdout.contains("Zoë £5"));
}

/// The workbook: a cover sheet with document control and a sheet per
/// table, read back by a reader crate, dates as dates.
#[test]
fn the_workbook_has_a_cover_and_a_sheet_per_table() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = Dir::example();
    dir.cmd(["export", "--format", "xlsx", "-o", "pack.xlsx"])
        .run()
        .expect_code(0);
    let mut book: Xlsx<_> = open_workbook(dir.join("pack.xlsx")).expect("an xlsx");
    assert_eq!(
        book.sheet_names(),
        [
            "Document",
            "Statement of Applicability",
            "AI system inventory",
            "Impact assessments",
            "Risk register",
            "Progress",
            "EU AI Act duties by system",
            "EU AI Act duty rules",
            "Crosswalks"
        ]
    );
    // The duties: a row per system in use with the articles it owes, and
    // each rule once with what it asks.
    let duties = book
        .worksheet_range("EU AI Act duties by system")
        .expect("the duties");
    let screening = duties
        .rows()
        .find(|r| r[0] == "cv-screening")
        .expect("cv-screening has a row");
    let in_force = screening[4].to_string();
    assert!(
        in_force.contains("Art. 26") && in_force.contains("Art. 27"),
        "{in_force}"
    );
    let rules = book
        .worksheet_range("EU AI Act duty rules")
        .expect("the rules");
    assert!(
        rules
            .rows()
            .any(|r| r[1] == "Art. 4" && r[2] == "AI literacy")
    );
    let cover = book.worksheet_range("Document").expect("the cover");
    let labels: Vec<String> = cover.rows().map(|r| r[0].to_string()).collect();
    for label in [
        "Organisation",
        "Document version",
        "Approved by",
        "Git commit",
        "Status",
    ] {
        assert!(labels.iter().any(|l| l == label), "{label}: {labels:?}");
    }
    let soa = book
        .worksheet_range("Statement of Applicability")
        .expect("the SoA");
    assert_eq!(soa.height(), CONTROLS + 1);
    let policy = soa.rows().find(|r| r[1] == "A.2.2").expect("A.2.2");
    assert!(
        matches!(policy[10], Data::DateTime(_)),
        "reviewed on is a date: {:?}",
        policy[10]
    );
}

/// Document control is set from the command line and read at the top of
/// every export; an approval older than the last change keeps it a draft.
#[test]
fn approval_set_from_the_command_line_is_shown_and_judged_against_the_last_change() {
    let dir = Dir::example();
    let run = dir
        .cmd([
            "manifest",
            "document.version=1.0",
            "document.approved_by=Daniel Okafor",
            "document.approved_on=2020-01-01",
        ])
        .run();
    run.expect_code(0);
    let md = export(&dir, "md").stdout.clone();
    assert!(md.contains("| Document version | 1.0 |"), "{md}");
    assert!(md.contains("| Approved by | Daniel Okafor |"), "{md}");
    assert!(
        md.contains("> - approved on 2020-01-01, but the workspace changed on "),
        "{md}"
    );
    assert!(!md.contains("no approval by top management"));
    let run = dir.cmd(["manifest", "document.approved_on=soon"]).run();
    run.expect_code(1);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
}

/// The JSON export carries the catalogue's note on excluding each control
/// and its example, for a reader weighing a decision outside aims.
#[test]
fn json_carries_each_controls_exclusion_note_and_example() {
    let dir = Dir::example();
    let run = dir.cmd(["export", "--format", "json"]).run();
    run.expect_code(0);
    let json = run.json();
    let soa = json["soa"].as_array().expect("the SoA");
    let policy = soa.iter().find(|c| c["control"] == "A.2.2").expect("A.2.2");
    assert!(
        policy["catalogue_notes"]["exclusion"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert!(
        policy["catalogue_notes"]["example"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
}

// --- workspace-example, against the golden files ---------------------------

/// Every format of the example, byte for byte. The example is copied to a
/// folder outside git and the date is fixed, so nothing in the files moves
/// from one run to the next.
#[test]
fn every_format_on_the_example_matches_its_golden_file() {
    let dir = Dir::example();
    let mut outputs = Vec::new();
    for (args, file) in [
        (vec!["--format", "md"], "export-example.md"),
        (vec!["--format", "html"], "export-example.html"),
        (vec!["--format", "json"], "export-example.json"),
        (
            vec!["--format", "csv", "--table", "soa"],
            "export-example.soa.csv",
        ),
        (
            vec!["--format", "csv", "--table", "duties-by-system"],
            "export-example.duties-by-system.csv",
        ),
    ] {
        let run = dir.cmd(["export"].into_iter().chain(args)).run();
        run.expect_code(0);
        outputs.push((file, run.stdout.clone()));
    }
    common::assert_golden(&outputs, "cli_export");
}

/// The EU AI Act duties are in every export: a row per system in use with
/// the articles it owes, and what each duty asks.
#[test]
fn every_format_carries_the_duties_of_each_system() {
    let dir = Dir::example();
    let md = export(&dir, "md").stdout.clone();
    let duties = section(
        &md,
        "## EU AI Act duties (indicative)",
        "## Crosswalk to the NIST AI Risk Management Framework 1.0",
    );
    assert!(duties.contains("*Indicative, not legal advice"), "{duties}");
    let screening = duties
        .lines()
        .find(|l| l.starts_with("| cv-screening |"))
        .expect("a row for cv-screening");
    assert!(screening.contains("Art. 26") && screening.contains("Art. 27"));
    assert!(duties.contains("| Art. 4 | AI literacy |"));
    // A decommissioned system owes nothing any more.
    let json: serde_json::Value = serde_json::from_str(&export(&dir, "json").stdout).expect("JSON");
    let duties = &json["eu_ai_act_duties"];
    let systems = duties["systems"].as_array().expect("systems");
    let inventory = json["inventory"].as_array().expect("inventory");
    let current = inventory
        .iter()
        .filter(|s| s["lifecycle"] != "decommissioned")
        .count();
    assert_eq!(systems.len(), current);
    let screening = systems
        .iter()
        .find(|s| s["id"] == "cv-screening")
        .expect("cv-screening");
    let owed: Vec<&str> = screening["duties"]
        .as_array()
        .expect("duty ids")
        .iter()
        .filter_map(|d| d.as_str())
        .collect();
    let rules = duties["rules"].as_array().expect("rules");
    for id in &owed {
        assert!(
            rules.iter().any(|r| r["id"] == *id),
            "{id} is described in rules"
        );
    }
    let fria = rules
        .iter()
        .find(|r| r["articles"][0] == "Art. 27")
        .expect("the FRIA rule");
    assert!(owed.contains(&fria["id"].as_str().expect("an id")));
    let html = export(&dir, "html").stdout.clone();
    assert!(html.contains("EU AI Act duties (indicative)"));
}

/// Names, the organisation and free text that try to inject markup, read
/// back by an HTML parser: the text of each element is the text of the
/// file (controls shown visibly), and nothing became an element or an
/// attribute.
#[test]
fn html_parsed_back_holds_hostile_names_as_text() {
    use scraper::{Html, Selector};
    let dir = hostile_example();
    let quoted = serde_json::to_string(HOSTILE).expect("a string is JSON");
    let manifest = std::fs::read_to_string(dir.join("aims.yaml")).expect("aims.yaml");
    dir.write(
        "aims.yaml",
        &manifest.replace(
            "organisation: Harrow & Vale Consulting LLP",
            &format!("organisation: {quoted}"),
        ),
    );
    let system = std::fs::read_to_string(dir.join("inventory/cv-screening.yaml")).expect("file");
    dir.write(
        "inventory/cv-screening.yaml",
        &system.replace(
            "name: Candidex Screen CV ranking",
            &format!("name: {quoted}"),
        ),
    );
    dir.cmd(["check"]).run().expect_code(0);
    let html = export(&dir, "html").stdout.clone();
    let page = Html::parse_document(&html);
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    let select = |css: &str| Selector::parse(css).expect("a selector");
    assert_eq!(page.select(&select("script")).count(), 0);
    assert_eq!(
        page.select(&select("iframe, img, a, link, object")).count(),
        0
    );
    for element in page.select(&select("*")) {
        for (name, _) in element.value().attrs() {
            assert!(!name.starts_with("on"), "an event attribute: {name}");
        }
    }
    let shown = HOSTILE.replace('\u{1b}', "^[");
    let title: String = page
        .select(&select("title"))
        .next()
        .expect("a title")
        .text()
        .collect();
    assert!(title.contains(&shown), "{title}");
    let cells: Vec<String> = page
        .select(&select("td"))
        .map(|td| td.text().collect())
        .collect();
    // The justification of A.4.2 and the name, in the inventory and in the
    // duties by system.
    let whole = cells.iter().filter(|c| **c == shown).count();
    assert!(whole >= 3, "{shown:?} is the whole text of {whole} cells");
    let headings: Vec<String> = page
        .select(&select("h3"))
        .map(|h| h.text().collect())
        .collect();
    assert!(
        headings
            .iter()
            .any(|h| h == &format!("{shown} (cv-screening)")),
        "{headings:?}"
    );
}

/// A workbook's rows wait in a temporary file; when that cannot be
/// written (a full disk, here a file-size limit), the export says so and
/// exits with the write failure's code, without a crash or a partial file.
#[cfg(unix)]
#[test]
fn a_workbook_whose_rows_cannot_be_written_is_a_write_failure() {
    let dir = Dir::empty();
    aims::sample::generate(&dir.join("large"), 300).expect("a generated workspace");
    let run = dir
        .cmd([
            "export",
            "large",
            "--format",
            "xlsx",
            "--draft",
            "-o",
            "pack.xlsx",
        ])
        .env("TMPDIR", dir.path())
        .file_size_limit(64 * 1024)
        .run();
    run.expect_code(3);
    assert!(
        run.stderr.contains("cannot make the workbook") && run.stderr.contains("TMPDIR"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        !dir.join("pack.xlsx").exists(),
        "no workbook is left behind"
    );
}
