//! `aims crosswalk` and `aims gdpr` as auditors, procurement teams and
//! data protection officers use them: the real binary over a copy of
//! `workspace-example/` (every format compared with its snapshot under
//! `tests/snapshots/`), coverage counted by hand on a workspace small enough
//! to count, and DPIA references that try to lead out of the workspace.
//!
//! After a deliberate change of an output, rewrite the snapshots with
//! `INSTA_UPDATE=always cargo test --test cli_crosswalk` and read the diff.

mod common;

use common::{Dir, Run};

fn run(dir: &Dir, args: &[&str], code: i32) -> Run {
    let run = dir.cmd(args).run();
    run.expect_code(code);
    run
}

/// The output with the version of aims taken out, so that a release does
/// not rewrite every snapshot.
fn versionless(text: &str) -> String {
    text.replace(env!("CARGO_PKG_VERSION"), "VERSION")
}

// ------------------------------------------------ golden outputs, per format

#[test]
fn every_format_of_every_view_matches_its_snapshot_on_the_example() {
    let dir = Dir::example();
    // One DPIA that is there, so the example shows "found" too.
    dir.write("privacy/dpia/cv-screening-dpia-v3.pdf", "%PDF-1.7\n");
    for (name, view) in [
        ("nist", &["crosswalk", "--framework", "nist-ai-rmf"][..]),
        ("eu", &["crosswalk", "--framework", "eu-ai-act"][..]),
        ("gdpr", &["gdpr"][..]),
    ] {
        for format in ["table", "csv", "json", "md"] {
            let mut args = view.to_vec();
            args.extend(["--format", format]);
            let run = run(&dir, &args, 0);
            assert_eq!(run.stderr, "", "{args:?}");
            insta::assert_snapshot!(format!("{name}_{format}"), versionless(&run.stdout));
        }
    }
}

#[test]
fn the_table_is_the_default_and_names_the_coverage_and_its_meaning() {
    let dir = Dir::example();
    let table = run(&dir, &["crosswalk", "--framework", "nist-ai-rmf"], 0);
    let stdout = &table.stdout;
    assert!(stdout.starts_with(
        "ISO/IEC 42001 crosswalk to the NIST AI Risk Management Framework 1.0: 72 subcategories\n"
    ));
    // GOVERN 1.6 is cited only by A.4 controls, undecided or excluded there.
    let govern_16 = stdout
        .lines()
        .find(|l| l.starts_with("GOVERN 1.6 "))
        .expect("a row for GOVERN 1.6");
    assert!(govern_16.contains(" gap "), "{govern_16}");
    assert!(govern_16.contains("A.4.5 X"), "{govern_16}");
    assert!(stdout.contains("covered = at least one ISO control"));
    let eu = run(&dir, &["crosswalk", "--framework", "eu-ai-act"], 0);
    assert!(eu.stdout.contains("32 articles"), "{}", eu.stdout);
    assert!(eu.stdout.contains("Indicative, not an official crosswalk"));
    let line = eu
        .stdout
        .lines()
        .find(|l| l.starts_with("Art. 86 "))
        .expect("a row for Art. 86");
    assert!(line.contains("Right to explanation"), "{line}");
}

#[test]
fn csv_is_rfc_4180_with_a_row_per_item_and_control() {
    let dir = Dir::example();
    let csv = run(
        &dir,
        &["crosswalk", "--framework", "nist-ai-rmf", "--format", "csv"],
        0,
    );
    let text = csv
        .stdout
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark");
    assert!(text.ends_with("\r\n"));
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
            "Framework",
            "Group",
            "Item",
            "Item title",
            "Coverage",
            "Controls that apply",
            "Implemented",
            "ISO control",
            "Control title",
            "Decision",
            "Status"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let items: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(items.len(), 72);
    let a52 = rows
        .iter()
        .find(|r| &r[2] == "MAP 5.1" && &r[7] == "A.5.2")
        .expect("A.5.2 under MAP 5.1");
    assert_eq!(&a52[9], "applicable");
    assert_eq!(&a52[10], "implemented");
    // Statuses as people read them.
    assert!(rows.iter().any(|r| &r[10] == "not started"));
}

// ------------------------------------------- coverage, counted by hand

/// A workspace whose only catalogues are two small ones of its own, so
/// that every item's coverage can be worked out by hand.
fn small_workspace() -> Dir {
    let dir =
        Dir::with_manifest("aims: 1\norganisation: Small Ltd\ncatalogs: [mini, mini-clauses]\n");
    dir.write(
        "catalog/mini.yaml",
        "catalog: mini\ntitle: Mini controls\nkind: controls\ngroups:\n  - id: M\n    title: Mini\n    controls:\n\
         \x20     - id: C1\n        title: One\n        nist_ai_rmf: [GOVERN 1.1, GOVERN 1.2]\n        eu_ai_act: [Art. 26(5), Annex III]\n\
         \x20     - id: C2\n        title: Two\n        nist_ai_rmf: [GOVERN 1.2, MAP 1.1]\n        eu_ai_act: [Arts. 22-25]\n\
         \x20     - id: C3\n        title: Three\n        nist_ai_rmf: [MAP 1.1, MAP 1.2, GOVERN 9.9]\n        eu_ai_act: [Art. 4]\n\
         \x20     - id: C4\n        title: Four\n        nist_ai_rmf: [MAP 1.3]\n",
    );
    dir.write(
        "catalog/mini-clauses.yaml",
        "catalog: mini-clauses\ntitle: Mini clauses\nkind: requirements\ngroups:\n  - id: \"1\"\n    title: Clause\n    controls:\n\
         \x20     - id: R1\n        title: Met when implemented\n        nist_ai_rmf: [MAP 1.2]\n        eu_ai_act: [Art. 4]\n\
         \x20     - id: R2\n        title: Implemented\n        nist_ai_rmf: [MAP 1.3]\n",
    );
    let entry = |id: &str, rest: &str| {
        dir.write(&format!("soa/{id}.yaml"), &format!("control: {id}\n{rest}"))
    };
    entry(
        "C1",
        "applicable: true\njustification: Needed.\nstatus: implemented\nowner: A\n",
    );
    entry(
        "C2",
        "applicable: true\njustification: Needed.\nstatus: planned\nowner: A\n",
    );
    entry("C3", "applicable: false\njustification: Not here.\n");
    entry("R2", "status: implemented\n");
    dir
}

fn item<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn coverage_is_counted_per_item_and_overall_as_the_help_defines_it() {
    let dir = small_workspace();
    let json = run(
        &dir,
        &[
            "crosswalk",
            "--framework",
            "nist-ai-rmf",
            "--format",
            "json",
        ],
        0,
    )
    .json();
    // C1 applies and is implemented.
    assert_eq!(item(&json, "GOVERN 1.1")["coverage"], "covered");
    let govern_12 = item(&json, "GOVERN 1.2");
    assert_eq!(govern_12["coverage"], "covered");
    assert_eq!(govern_12["applicable"], 2);
    assert_eq!(govern_12["implemented"], 1);
    // C2 applies but is only planned; C3 is excluded.
    let map_11 = item(&json, "MAP 1.1");
    assert_eq!(map_11["coverage"], "partial");
    assert_eq!(map_11["controls"][1]["decision"], "excluded");
    assert_eq!(map_11["controls"][1]["status"], serde_json::Value::Null);
    // A mandatory clause always applies, even with no status yet.
    assert_eq!(item(&json, "MAP 1.2")["coverage"], "partial");
    // An implemented clause covers what an undecided control leaves open.
    let map_13 = item(&json, "MAP 1.3");
    assert_eq!(map_13["coverage"], "covered");
    assert_eq!(map_13["controls"][0]["decision"], "undecided");
    // No control cites it: a gap.
    let measure_21 = item(&json, "MEASURE 2.1");
    assert_eq!(measure_21["coverage"], "gap");
    assert_eq!(measure_21["controls"], serde_json::json!([]));
    // An id the list does not know still shows, untitled, at the end.
    let unknown = item(&json, "GOVERN 9.9");
    assert_eq!(unknown["coverage"], "gap");
    assert_eq!(unknown["title"], "");
    assert_eq!(json["items"][72]["id"], "GOVERN 9.9");
    assert_eq!(
        json["coverage"],
        serde_json::json!({
            "items": 73,
            "covered": 3,
            "partial": 2,
            "gap": 68,
            "covered_percent": 4.1,
            "partial_percent": 2.7,
            "gap_percent": 93.2,
        })
    );
    let table = run(&dir, &["crosswalk", "--framework", "nist-ai-rmf"], 0);
    assert!(
        table
            .stdout
            .contains("covered 3 of 73 (4%) · partial 2 (3%) · gap 68 (93%)."),
        "{}",
        table.stdout
    );
}

#[test]
fn ai_act_references_become_one_item_per_article() {
    let dir = small_workspace();
    let json = run(
        &dir,
        &["crosswalk", "--framework", "eu-ai-act", "--format", "json"],
        0,
    )
    .json();
    // "Arts. 22-25" names four articles, all partly covered by planned C2.
    for article in ["Art. 22", "Art. 23", "Art. 24", "Art. 25"] {
        let item = item(&json, article);
        assert_eq!(item["coverage"], "partial", "{article}");
        assert_eq!(item["controls"][0]["id"], "C2", "{article}");
    }
    // "Art. 26(5)" is Art. 26; the annex names no article.
    assert_eq!(item(&json, "Art. 26")["coverage"], "covered");
    assert_eq!(item(&json, "Art. 4")["coverage"], "partial");
    assert_eq!(item(&json, "Art. 4")["group_title"], "General provisions");
    assert_eq!(json["coverage"]["items"], 32);
    assert_eq!(json["coverage"]["covered"], 1);
    assert_eq!(json["coverage"]["partial"], 5);
}

// ------------------------------------------------------------ exit codes

#[test]
fn a_workspace_with_errors_is_refused_with_exit_1_and_bad_usage_exits_2() {
    let dir = Dir::example();
    dir.write(
        "inventory/bad.yaml",
        "id: bad\nname: Bad\nsourcing: rented\n",
    );
    for args in [
        &["crosswalk", "--framework", "nist-ai-rmf"][..],
        &["crosswalk", "--framework", "eu-ai-act", "--format", "json"][..],
        &["gdpr"][..],
        &["gdpr", "--format", "csv"][..],
    ] {
        let run = run(&dir, args, 1);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(run.stderr.contains("inventory/bad.yaml"), "{}", run.stderr);
        assert!(run.stderr.contains("fix them first"), "{}", run.stderr);
    }
    let run = run(&dir, &["crosswalk", "--framework", "iso27001"], 2);
    assert!(run.stderr.contains("nist-ai-rmf"), "{}", run.stderr);
    let missing = dir.cmd(["crosswalk"]).run();
    missing.expect_code(2);
    assert!(missing.stderr.contains("--framework"), "{}", missing.stderr);
}

// --------------------------------------------------------------- GDPR

/// A workspace with one system per way a DPIA can be referenced.
fn privacy_workspace() -> (Dir, Dir) {
    let outside = Dir::empty();
    outside.write("secret-dpia.pdf", "not to be looked at");
    let dir = Dir::new();
    dir.write("privacy/cv-dpia.pdf", "%PDF\n");
    let system = |id: &str, extra: &str| {
        dir.write(
            &format!("inventory/{id}.yaml"),
            &format!(
                "id: {id}\nname: System {id}\nowner: A\npersonal_data: true\naffected: [employees]\nhuman_oversight: A manager decides.\n{extra}"
            ),
        )
    };
    system("found", "dpia: ./privacy//cv-dpia.pdf\n");
    system("missing", "dpia: privacy/none.pdf\n");
    system("up", "dpia: ../secret-dpia.pdf\n");
    let absolute = outside.join("secret-dpia.pdf");
    system("absolute", &format!("dpia: {}\n", absolute.display()));
    system("link", "dpia: https://dms.example/dpia/17\n");
    system("none", "");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path(), dir.join("privacy/elsewhere"))
            .expect("a symlink can be made");
        system("linked", "dpia: privacy/elsewhere/secret-dpia.pdf\n");
    }
    dir.write(
        "inventory/no-data.yaml",
        "id: no-data\nname: No data\nowner: A\npersonal_data: false\n",
    );
    (dir, outside)
}

#[test]
fn dpia_files_are_looked_up_only_inside_the_workspace() {
    let (dir, _outside) = privacy_workspace();
    let json = run(&dir, &["gdpr", "--format", "json"], 0).json();
    let dpia_file = |id: &str| {
        json["systems"]
            .as_array()
            .expect("systems")
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("no system {id}"))["dpia_file"]
            .clone()
    };
    assert_eq!(dpia_file("found"), "found");
    assert_eq!(dpia_file("missing"), "not_found");
    assert_eq!(dpia_file("up"), "outside");
    assert_eq!(dpia_file("absolute"), "outside");
    assert_eq!(dpia_file("link"), "link");
    assert_eq!(dpia_file("none"), "none");
    #[cfg(unix)]
    assert_eq!(dpia_file("linked"), "outside");
    assert_eq!(
        json["without_personal_data"],
        serde_json::json!(["no-data"])
    );
    let table = run(&dir, &["gdpr"], 0);
    let line = |id: &str| {
        table
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no row for {id}:\n{}", table.stdout))
            .to_string()
    };
    assert!(line("up").contains("outside the workspace, not checked"));
    assert!(line("absolute").contains("outside the workspace, not checked"));
    assert!(line("missing").contains("not found in the workspace"));
    assert!(line("link").contains("a link, not checked"));
    assert!(table.stdout.contains("Indicative, not legal advice"));
}

#[test]
fn automated_decisions_are_flagged_by_the_stated_rule() {
    let dir = Dir::new();
    let system = |id: &str, extra: &str| {
        dir.write(
            &format!("inventory/{id}.yaml"),
            &format!("id: {id}\nname: System {id}\nowner: A\npersonal_data: true\n{extra}"),
        )
    };
    system("unwatched", "affected: [customers]\n");
    system(
        "screening",
        "affected: [third_parties]\nhuman_oversight: A recruiter reads each CV.\neu_ai_act:\n  risk: high\n  annex_iii: 4(a)\n",
    );
    system(
        "watched",
        "affected: [users]\nhuman_oversight: Staff check replies.\n",
    );
    system("diffuse", "affected: [society]\n");
    system("unsaid", "");
    let json = run(&dir, &["gdpr", "--format", "json"], 0).json();
    let art22: Vec<(String, String, bool)> = json["systems"]
        .as_array()
        .expect("systems")
        .iter()
        .map(|s| {
            (
                s["id"].as_str().expect("an id").to_string(),
                s["art22"].as_str().expect("a word").to_string(),
                s["art22_flagged"].as_bool().expect("a flag"),
            )
        })
        .collect();
    let expected = [
        ("diffuse", "no_individuals", false),
        ("screening", "confirm", true),
        ("unsaid", "unknown", true),
        ("unwatched", "check", true),
        ("watched", "overseen", false),
    ];
    assert_eq!(
        art22,
        expected.map(|(a, b, c)| (a.to_string(), b.to_string(), c))
    );
    let csv = run(&dir, &["gdpr", "--format", "csv"], 0);
    assert!(
        csv.stdout
            .contains("screening,System screening,yes,,no DPIA recorded,third parties,recorded,confirm,\"confirm oversight: high-risk, Annex III 4(a)\"\r\n"),
        "{}",
        csv.stdout
    );
}

#[test]
fn the_controls_behind_a_dpia_show_their_decision_and_status() {
    let dir = Dir::example();
    let json = run(&dir, &["gdpr", "--format", "json"], 0).json();
    let art35 = &json["articles"][0];
    assert_eq!(art35["id"], "Art. 35");
    let a52 = art35["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .find(|c| c["id"] == "A.5.2")
        .expect("A.5.2 supports a DPIA");
    assert_eq!(a52["decision"], "applicable");
    assert_eq!(a52["status"], "implemented");
    assert_eq!(json["articles"][1]["id"], "Art. 22");
}

// ------------------------------------------------------------- exports

#[test]
fn every_export_carries_both_crosswalks() {
    let dir = Dir::example();
    let md = run(&dir, &["export", "--format", "md"], 0);
    assert!(
        md.stdout
            .contains("\n## Crosswalk to the NIST AI Risk Management Framework 1.0\n")
    );
    assert!(
        md.stdout
            .contains("\n## Crosswalk to the EU AI Act, Regulation (EU) 2024/1689\n")
    );
    assert!(
        md.stdout
            .contains("| Subcategory | Title | Coverage | Implemented | ISO/IEC 42001 controls |")
    );
    assert!(md.stdout.contains("| MAP 5.1 | "), "{}", md.stdout);
    let html = run(&dir, &["export", "--format", "html"], 0);
    assert!(
        html.stdout
            .contains("<h2>Crosswalk to the EU AI Act, Regulation (EU) 2024/1689</h2>")
    );
    assert!(html.stdout.contains("<th>Article</th>"));
    let json = run(&dir, &["export", "--format", "json"], 0).json();
    assert_eq!(json["crosswalks"]["nist-ai-rmf"]["coverage"]["items"], 72);
    assert_eq!(json["crosswalks"]["eu-ai-act"]["coverage"]["items"], 32);
}

// ------------------------------------------------------- hostile text

#[test]
fn escape_sequences_in_names_and_references_never_reach_the_terminal_raw() {
    let dir = Dir::new();
    dir.write(
        "inventory/evil.yaml",
        "id: evil\nname: \"\\e[31mEvil\\a\"\nowner: A\npersonal_data: true\naffected: [users]\ndpia: \"privacy/\\e]0;pwned\\a.pdf\"\n",
    );
    dir.cmd(["check"]).run().expect_code(0);
    for format in ["table", "json", "md"] {
        for args in [
            &["gdpr", "--format", format][..],
            &[
                "crosswalk",
                "--framework",
                "nist-ai-rmf",
                "--format",
                format,
            ][..],
        ] {
            let run = run(&dir, args, 0);
            assert!(!run.stdout.contains('\u{1b}'), "{args:?}: {}", run.stdout);
        }
    }
    let table = run(&dir, &["gdpr"], 0);
    assert!(
        table.stdout.contains("privacy/^[]0;pwned^G.pdf"),
        "{}",
        table.stdout
    );
    // JSON keeps the text, escaped the JSON way.
    let json = run(&dir, &["gdpr", "--format", "json"], 0).json();
    assert_eq!(json["systems"][0]["name"], "\u{1b}[31mEvil\u{7}");
}

#[test]
fn the_export_has_a_crosswalks_table_for_spreadsheets() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = Dir::example();
    let csv = run(
        &dir,
        &["export", "--format", "csv", "--table", "crosswalks"],
        0,
    );
    let frameworks: std::collections::BTreeSet<&str> = csv
        .stdout
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').next())
        .collect();
    assert_eq!(
        frameworks,
        ["eu-ai-act", "nist-ai-rmf"].into_iter().collect()
    );
    run(&dir, &["export", "--format", "xlsx", "-o", "pack.xlsx"], 0);
    let mut book: Xlsx<_> = open_workbook(dir.join("pack.xlsx")).expect("an xlsx");
    let sheet = book
        .worksheet_range("Crosswalks")
        .expect("a crosswalks sheet");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .expect("a header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[0], "Framework");
    assert_eq!(header[7], "ISO control");
}
