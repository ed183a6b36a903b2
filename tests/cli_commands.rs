//! The commands as people and scripts use them: exit codes from
//! interface.md, data on stdout and diagnostics on stderr, every output
//! format, help and completions.

mod common;

use common::{
    Dir, TestCommand, assert_covers_every_command, command_paths, example_path, good_system,
    leaf_commands,
};

fn example() -> Dir {
    Dir::example()
}

// --- check -------------------------------------------------------------

#[test]
fn check_exits_0_on_a_clean_workspace() {
    let dir = Dir::with_good_system();
    let run = dir.cmd(["check"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "0 errors, 0 warnings (2 records read)\n");
}

#[test]
fn check_exits_0_with_only_warnings() {
    let dir = Dir::new();
    dir.write("inventory/orphan.yaml", "id: orphan\nname: Orphan\n");
    let run = dir.cmd(["check"]).run();
    run.expect_code(0);
    // The findings are data (stdout, for `aims check | grep`); the count
    // says how the run went (stderr).
    assert_eq!(
        run.stdout,
        "inventory/orphan.yaml:1:1: warning: system `orphan` has no owner; name the accountable person\n"
    );
    assert_eq!(run.stderr, "0 errors, 1 warning (2 records read)\n");
}

#[test]
fn check_exits_1_on_errors_and_prints_them_on_stdout() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/rented.yaml",
        "id: rented\nname: Rented\nowner: A\nsourcing: rented\n",
    );
    let run = dir.cmd(["check"]).run();
    run.expect_code(1);
    assert_eq!(
        run.stdout,
        "inventory/rented.yaml:4:11: error: `sourcing` must be one of `built`, `bought` or `embedded`, found `rented`\n"
    );
    assert_eq!(run.stderr, "1 error, 0 warnings (2 records read)\n");
    // The same for a CI's pull request: GitHub annotations on the line.
    let run = dir.cmd(["check", "--format", "github"]).run();
    run.expect_code(1);
    assert_eq!(
        run.stdout,
        "::error file=inventory/rented.yaml,line=4,col=11,title=aims invalid_value::`sourcing` must be one of `built`, `bought` or `embedded`, found `rented`\n"
    );
}

#[test]
fn check_exits_2_when_the_folder_is_not_a_workspace() {
    let dir = Dir::empty();
    let run = TestCommand::new(["check".as_ref(), dir.path().as_os_str()]).run();
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: {0} is not an aims workspace (it has no aims.yaml); create one with `aims init {0}`\n",
            dir.path().display()
        )
    );
}

#[test]
fn missing_folder_exits_2_and_says_it_does_not_exist() {
    let dir = Dir::empty();
    let missing = dir.join("nowhere");
    let run = TestCommand::new(["check".as_ref(), missing.as_os_str()]).run();
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {0} does not exist; create a workspace there with `aims init {0}`\n",
            missing.display()
        )
    );
}

#[test]
fn every_workspace_command_exits_2_outside_a_workspace() {
    let dir = Dir::empty();
    let here: &[&[&str]] = &[
        &["check"],
        &["progress"],
        &["gaps"],
        &["fmt"],
        &["fmt", "--check"],
        &["export", "--format", "json"],
        &["inventory", "list"],
        &["inventory", "add", "--name", "X"],
        &["inventory", "set", "x", "owner=A"],
        &["soa", "list"],
        &["soa", "set", "A.5.2", "owner=A"],
        &["manifest", "document.version=1"],
        &["obligations"],
        &["obligations", "cv-screening"],
        &["crosswalk", "--framework", "nist-ai-rmf"],
        &["gdpr"],
        &["import", "soa", "soa.csv"],
        &["import", "inventory", "register.xlsx"],
        &["history", "A.6.2.4"],
        &["trend"],
    ];
    // `init` makes a workspace, `completions` needs none, and `catalog`
    // shows the built-in catalogues anywhere.
    assert_covers_every_command(here, &["init", "completions", "catalog"]);
    for args in here {
        let run = dir.cmd(*args).run();
        run.expect_code(2);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr
                .starts_with("error: no aims workspace here: neither ")
                && run.stderr.contains(&dir.path().display().to_string()),
            "{args:?}: {}",
            run.stderr
        );
    }
    let missing = dir.join("not-here");
    let missing = missing.to_str().expect("a UTF-8 path");
    let named: &[&[&str]] = &[
        &["check", missing],
        &["progress", missing],
        &["gaps", missing],
        &["catalog", missing],
        &["fmt", missing],
        &["export", "--format", "json", missing],
        &["inventory", "list", missing],
        &["inventory", "add", missing, "--name", "X"],
        &["inventory", "set", "--workspace", missing, "x", "owner=A"],
        &["soa", "list", missing],
        &["soa", "set", "--workspace", missing, "A.5.2", "owner=A"],
        &["manifest", "--workspace", missing, "document.version=1"],
        &["obligations", missing],
        &["obligations", "cv-screening", missing],
        &["crosswalk", "--framework", "eu-ai-act", missing],
        &["gdpr", missing],
        &["import", "soa", "soa.csv", missing],
        &["import", "inventory", "register.csv", missing],
        &["history", "A.6.2.4", missing],
        &["trend", missing],
    ];
    assert_covers_every_command(named, &["init", "completions"]);
    for args in named {
        let run = TestCommand::new(*args).run();
        run.expect_code(2);
        assert!(run.stderr.contains(missing), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn check_format_json_prints_findings_on_stdout() {
    let dir = Dir::with_good_system();
    dir.write("inventory/dup.yaml", "id: dup\nname: A\nname: B\n");
    let run = dir.cmd(["check", "--format", "json"]).run();
    run.expect_code(1);
    assert_eq!(run.stderr, "");
    let json = run.json();
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 0);
    assert_eq!(
        json["diagnostics"][0],
        serde_json::json!({
            "path": "inventory/dup.yaml",
            "line": 3,
            "column": 1,
            "severity": "error",
            "kind": "syntax",
            "message": "duplicate key `name` (first at line 2); keep one of them",
        })
    );
}

// --- init --------------------------------------------------------------

#[test]
fn init_creates_a_workspace_then_refuses_to_overwrite_it() {
    let dir = Dir::empty();
    let target = dir.join("acme");
    let run = TestCommand::new([
        "init".as_ref(),
        target.as_os_str(),
        "--org".as_ref(),
        "Acme Ltd".as_ref(),
    ])
    .run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("created a workspace in "),
        "{}",
        run.stderr
    );
    for sub in ["inventory", "soa", "impact"] {
        assert!(target.join(sub).is_dir(), "{sub}");
    }
    let manifest = std::fs::read_to_string(target.join("aims.yaml")).expect("a manifest");
    assert!(
        manifest.starts_with("aims: 1\norganisation: Acme Ltd\n"),
        "{manifest}"
    );

    // The new workspace is clean and already canonical.
    TestCommand::new(["check".as_ref(), target.as_os_str()])
        .run()
        .expect_code(0);
    let run = TestCommand::new(["fmt".as_ref(), "--check".as_ref(), target.as_os_str()]).run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");

    std::fs::write(target.join("aims.yaml"), "aims: 1\norganisation: Edited\n").expect("write");
    let run = TestCommand::new(["init".as_ref(), target.as_os_str()]).run();
    run.expect_code(1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: {} already holds a workspace (aims.yaml); nothing was changed\n",
            target.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(target.join("aims.yaml")).expect("read"),
        "aims: 1\norganisation: Edited\n"
    );
}

#[test]
fn init_leaves_every_control_undecided() {
    let dir = Dir::empty();
    dir.cmd(["init", "ws"]).run().expect_code(0);
    let run = TestCommand::new([
        "progress".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        dir.join("ws").as_os_str(),
    ])
    .run();
    run.expect_code(0);
    let json = run.json();
    assert_eq!(json[0]["total"]["controls"], 38);
    assert_eq!(json[0]["total"]["undecided"], 38);
    assert_eq!(json[0]["total"]["decided"], 0);
    assert_eq!(json[1]["total"]["controls"], 32);
    assert_eq!(json[1]["total"]["status"]["implemented"], 0);
}

// --- fmt ---------------------------------------------------------------

#[test]
fn fmt_check_exits_1_and_lists_files_that_would_change() {
    let dir = Dir::with_good_system();
    dir.write("inventory/hand.yaml", "name: Hand\nid: hand\nowner: A\n");
    let run = dir.cmd(["fmt", "--check"]).run();
    run.expect_code(1);
    assert_eq!(run.stdout, "inventory/hand.yaml\n");
    assert_eq!(
        run.stderr,
        "1 file is not in canonical form; run `aims fmt`\n"
    );
    assert_eq!(
        dir.read("inventory/hand.yaml"),
        "name: Hand\nid: hand\nowner: A\n"
    );

    let run = dir.cmd(["fmt"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "formatted inventory/hand.yaml\n");
    dir.cmd(["fmt", "--check"]).run().expect_code(0);
}

#[test]
fn fmt_refuses_a_workspace_from_a_newer_aims() {
    let dir = Dir::with_manifest("aims: 2\norganisation: Future\n");
    dir.write("inventory/hand.yaml", "name: Hand\nid: hand\n");
    let run = dir.cmd(["fmt"]).run();
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        "error: the workspace was written by a newer aims; upgrade aims before formatting it\n"
    );
    assert_eq!(dir.read("inventory/hand.yaml"), "name: Hand\nid: hand\n");
}

// --- progress ----------------------------------------------------------

#[test]
fn progress_table_shows_every_group_and_the_totals() {
    let run = TestCommand::new(["progress"])
        .current_dir(&example_path())
        .run();
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    let out = &run.stdout;
    assert!(
        out.starts_with("ISO/IEC 42001:2023 Annex A reference controls\n"),
        "{out}"
    );
    assert!(
        out.contains("\nISO/IEC 42001:2023 clauses 4 to 10\n"),
        "{out}"
    );
    for group in ["A.2", "A.6", "A.10", "4", "10"] {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("  {group} "))),
            "no row for {group}:\n{out}"
        );
    }
    assert_eq!(
        out.lines().filter(|l| l.starts_with("  all ")).count(),
        2,
        "{out}"
    );
    assert!(out.contains("decided = controls with a decision and a justification / all controls"));
}

#[test]
fn progress_json_counts_match_the_example() {
    let run = TestCommand::new(["progress", "--format", "json"])
        .current_dir(&example_path())
        .run();
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    let json = run.json();
    let catalogs = json.as_array().expect("one entry per catalogue");
    assert_eq!(catalogs.len(), 2);
    assert_eq!(catalogs[0]["catalog"], "iso42001-annex-a");
    assert_eq!(catalogs[0]["groups"].as_array().expect("groups").len(), 9);
    assert_eq!(catalogs[0]["total"]["controls"], 38);
    assert_eq!(catalogs[1]["catalog"], "iso42001-clauses");
    assert_eq!(catalogs[1]["groups"].as_array().expect("groups").len(), 7);
    assert_eq!(catalogs[1]["total"]["controls"], 32);
    let annex = &catalogs[0]["total"];
    let sum = ["applicable", "excluded", "undecided"]
        .iter()
        .map(|k| annex[k].as_u64().expect("a count"))
        .sum::<u64>();
    assert_eq!(sum, 38);
}

#[test]
fn progress_markdown_is_a_table_per_catalogue() {
    let run = TestCommand::new(["progress", "--format", "md"])
        .current_dir(&example_path())
        .run();
    run.expect_code(0);
    let out = &run.stdout;
    assert!(
        out.starts_with("## ISO/IEC 42001:2023 Annex A reference controls\n\n| "),
        "{out}"
    );
    assert!(
        out.contains("\n## ISO/IEC 42001:2023 clauses 4 to 10\n\n"),
        "{out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("|---|")).count(),
        2,
        "{out}"
    );
    assert_eq!(out.matches("| **All** |").count(), 2, "{out}");
    assert!(
        out.contains("| A.10 | Third-party and customer relationships | 3 |"),
        "{out}"
    );
    assert!(out.trim_end().ends_with(".*"), "{out}");
}

#[test]
fn progress_refuses_while_files_have_errors_and_names_what_they_hide() {
    let dir = Dir::with_good_system();
    dir.write("soa/A.2.2.yaml", "control: A.2.2\napplicable: perhaps\n");
    let run = dir.cmd(["progress", "--format", "json"]).run();
    run.expect_code(1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr_lines(),
        [
            "soa/A.2.2.yaml:2:13: error: `applicable` must be `true` or `false`, found `perhaps`",
            "error: soa/A.2.2.yaml has errors, so the decision on A.2.2 (counted as undecided) is missing",
            "no progress is reported while files have errors: it would count what is missing as undecided; fix them first (`aims check`)",
        ]
    );
}

#[test]
fn gaps_lists_broken_files_first_and_fails() {
    let dir = Dir::with_good_system();
    dir.write(
        "soa/A.2.2.yaml",
        "control: A.2.2\n<<<<<<< HEAD\n=======\n>>>>>>> x\n",
    );
    let run = dir.cmd(["gaps"]).run();
    run.expect_code(1);
    let first = run.stdout.lines().next().unwrap_or_default().to_string();
    assert!(
        first.starts_with("broken  soa/A.2.2.yaml has errors, so the decision on A.2.2"),
        "{}",
        run.stdout
    );
}

// --- catalog -----------------------------------------------------------

#[test]
fn catalog_table_lists_groups_and_controls() {
    let dir = Dir::empty();
    let run = dir.cmd(["catalog"]).run();
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    let out = &run.stdout;
    assert!(
        out.starts_with(
            "ISO/IEC 42001:2023 Annex A reference controls (iso42001-annex-a, controls)\n  A.2      Policies related to AI\n    A.2.2      AI policy\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("\n    9.2.1      General (Internal audit)\n"),
        "{out}"
    );
    assert_eq!(out.lines().filter(|l| l.starts_with("    ")).count(), 70);
}

#[test]
fn catalog_json_in_a_workspace_includes_its_own_catalogue() {
    let dir = Dir::with_manifest("aims: 1\norganisation: O\ncatalogs: [house]\n");
    dir.write(
        "catalog/house.yaml",
        "catalog: house\ntitle: House\ngroups:\n  - id: H\n    title: H\n    controls:\n      - id: H.1\n        title: One\n",
    );
    let run = dir.cmd(["catalog", "--format", "json"]).run();
    run.expect_code(0);
    let json = run.json();
    assert_eq!(json["catalogs"].as_array().expect("a list").len(), 1);
    assert_eq!(json["catalogs"][0]["groups"][0]["controls"][0]["id"], "H.1");
}

// --- export ------------------------------------------------------------

fn assert_full_export(json: &serde_json::Value) {
    for key in [
        "manifest",
        "inventory",
        "soa",
        "impact_assessments",
        "progress",
    ] {
        assert!(json.get(key).is_some(), "no `{key}` in the export");
    }
    assert_eq!(
        json["manifest"]["organisation"],
        "Harrow & Vale Consulting LLP"
    );
    assert_eq!(json["inventory"].as_array().expect("a list").len(), 13);
    let soa = json["soa"].as_array().expect("a list");
    assert_eq!(soa.len(), 38 + 32);
    assert_eq!(soa[0]["control"], "A.2.2");
    assert_eq!(soa[38]["control"], "4.1");
    assert_eq!(
        json["impact_assessments"].as_array().expect("a list").len(),
        3
    );
    assert_eq!(json["progress"].as_array().expect("a list").len(), 2);
    assert_eq!(json["generated_on"], common::TODAY);
}

#[test]
fn export_json_goes_to_stdout() {
    let dir = example();
    let run = dir.cmd(["export", "--format", "json"]).run();
    run.expect_code(0);
    // Nothing but the note that says the export is a draft, and why.
    assert!(
        run.stderr.starts_with("exported a DRAFT: ") && run.stderr.lines().count() == 1,
        "{}",
        run.stderr
    );
    assert_full_export(&run.json());
}

#[test]
fn export_to_a_file_prints_nothing_on_stdout() {
    let dir = example();
    let out = Dir::empty();
    let file = out.join("soa.json");
    let run = dir
        .cmd([
            "export".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            "-o".as_ref(),
            file.as_os_str(),
        ])
        .run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    let text = std::fs::read_to_string(&file).expect("the export file");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_full_export(&json);
    let run = dir.cmd(["export", "--format", "json"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout, text, "-o writes what stdout would show");
}

#[test]
fn export_refuses_a_workspace_with_errors_unless_draft_which_says_what_is_missing() {
    let dir = Dir::with_good_system();
    dir.write("inventory/bad.yaml", "id: bad\nname: Bad\nimpact: huge\n");
    let run = dir.cmd(["export", "--format", "json"]).run();
    run.expect_code(1);
    assert_eq!(run.stdout, "", "nothing exported");
    assert!(
        run.stderr.starts_with(
            "inventory/bad.yaml:3:9: error: `impact` must be one of `low`, `medium`, `high` or `unassessed`, found `huge`\nerror: inventory/bad.yaml has errors, so the AI system `bad` is missing\n"
        ),
        "{}",
        run.stderr
    );
    let run = dir.cmd(["export", "--format", "json", "--draft"]).run();
    run.expect_code(0);
    let json = run.json();
    assert_eq!(json["inventory"].as_array().expect("a list").len(), 1);
    assert_eq!(json["draft"]["is_draft"], true);
    assert_eq!(
        json["draft"]["reasons"][0],
        "inventory/bad.yaml has errors, so the AI system `bad` is missing"
    );
    let run = dir.cmd(["export", "--format", "md", "--draft"]).run();
    run.expect_code(0);
    assert!(
        run.stdout.starts_with("# DRAFT: ")
            && run.stdout.contains(
                "> **DRAFT**, because:\n>\n> - inventory/bad.yaml has errors, so the AI system \\`bad\\` is missing\n"
            ),
        "{}",
        run.stdout
    );
    for (format, draft) in [
        ("html", "<strong>DRAFT</strong>, because:"),
        ("csv", "DRAFT: the workspace has errors"),
    ] {
        let run = dir.cmd(["export", "--format", format, "--draft"]).run();
        run.expect_code(0);
        assert!(run.stdout.contains(draft), "{format}");
        assert!(
            run.stdout.contains("the AI system `bad` is missing"),
            "{format}"
        );
    }
}

#[test]
fn export_needs_a_format() {
    let run = example().cmd(["export"]).run();
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("--format"), "{}", run.stderr);
}

// --- help, version, completions ---------------------------------------

#[test]
fn the_command_list_comes_from_the_definition() {
    let commands: Vec<String> = command_paths().iter().map(|p| p.join(" ")).collect();
    for command in [
        "init",
        "check",
        "progress",
        "gaps",
        "inventory",
        "inventory list",
        "inventory add",
        "inventory set",
        "catalog",
        "fmt",
        "export",
        "completions",
    ] {
        assert!(
            commands.iter().any(|c| c == command),
            "{command}: {commands:?}"
        );
    }
    assert!(!leaf_commands().contains(&"inventory".to_string()));
}

#[test]
fn every_subcommand_prints_help() {
    let run = TestCommand::new(["--help"]).run();
    run.expect_code(0);
    assert!(
        run.stdout
            .starts_with("A terminal workbench for ISO/IEC 42001"),
        "{}",
        run.stdout
    );
    let top = run.stdout.clone();
    for path in command_paths() {
        let name = path.join(" ");
        let (last, parent) = path.split_last().expect("a command has a name");
        let listed_in = if parent.is_empty() {
            top.clone()
        } else {
            let run = TestCommand::new(parent.iter().chain([&"--help".to_string()])).run();
            run.expect_code(0);
            run.stdout.clone()
        };
        assert!(
            listed_in.contains(&format!("  {last} ")),
            "{name} missing from the help of {parent:?}:\n{listed_in}"
        );
        let run = TestCommand::new(path.iter().map(String::as_str).chain(["--help"])).run();
        run.expect_code(0);
        assert_eq!(run.stderr, "", "{name}");
        assert!(
            run.stdout.contains(&format!("Usage: aims {name}")),
            "{name}: {}",
            run.stdout
        );
        let short =
            TestCommand::new(["help"].into_iter().chain(path.iter().map(String::as_str))).run();
        short.expect_code(0);
        assert_eq!(
            short.stdout, run.stdout,
            "`aims help {name}` and `aims {name} --help`"
        );
    }
}

#[test]
fn help_states_exit_codes_where_they_matter() {
    let run = TestCommand::new(["check", "--help"]).run();
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "Exit status: 0 clean, 1 errors (or warnings with --strict), 2 not a workspace."
        ),
        "{}",
        run.stdout
    );
    let run = TestCommand::new(["fmt", "--help"]).run();
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("1 with --check if any file would change"),
        "{}",
        run.stdout
    );
}

#[test]
fn version_is_the_crate_version() {
    let run = TestCommand::new(["--version"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout, format!("aims {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn unknown_subcommand_or_flag_exits_2() {
    let run = TestCommand::new(["check", "--no-such-flag"]).run();
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("--no-such-flag"), "{}", run.stderr);
    let run = TestCommand::new(["progress", "--format", "xml"]).run();
    run.expect_code(2);
    assert!(run.stderr.contains("xml"), "{}", run.stderr);
}

#[test]
fn bash_completions_name_every_subcommand() {
    let run = TestCommand::new(["completions", "bash"]).run();
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("_aims()"), "{}", run.stdout);
    assert!(run.stdout.contains("complete -F _aims"), "{}", run.stdout);
    for path in command_paths() {
        let sub = path.last().expect("a command has a name");
        assert!(
            run.stdout.contains(&format!("{sub})")),
            "{sub} missing from completions"
        );
    }
    for flag in ["--strict", "--format", "--workspace", "--org", "--check"] {
        assert!(run.stdout.contains(flag), "{flag} missing from completions");
    }
}

#[test]
fn other_shells_get_completions_too() {
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let run = TestCommand::new(["completions", shell]).run();
        run.expect_code(0);
        assert!(run.stdout.contains("aims"), "{shell}");
    }
}

// --- stdout and stderr -------------------------------------------------

#[test]
fn json_outputs_parse_even_when_the_workspace_has_errors() {
    let dir = Dir::with_good_system();
    dir.write("inventory/broken.yaml", "id: [\n");
    dir.write("inventory/other.yaml", &good_system("other"));
    for (args, code) in [
        // The broken file is an error, so check exits 1; the others
        // report on what loaded.
        (&["check", "--format", "json"][..], 1),
        (&["catalog", "--format", "json"], 0),
        (&["export", "--format", "json", "--draft"], 0),
    ] {
        let run = dir.cmd(args).run();
        run.expect_code(code);
        let _ = run.json();
        assert!(
            !run.stdout.contains("broken.yaml:"),
            "{args:?}: diagnostics on stdout"
        );
    }
}

#[test]
fn a_mistyped_command_gets_a_suggestion_not_a_folder() {
    let dir = Dir::with_good_system();
    for (typed, meant) in [("chek", "check"), ("invntory", "inventory"), ("sao", "soa")] {
        let run = dir.cmd([typed]).run();
        run.expect_code(2);
        assert_eq!(
            run.stderr,
            format!(
                "error: unknown command `{typed}`; did you mean `{meant}`? (`aims --help` lists the commands)\n"
            )
        );
    }
    // A folder that exists is a folder, whatever its name.
    dir.mkdir("chek");
    let run = dir.cmd(["chek"]).run();
    run.expect_code(2);
    assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
}

#[test]
fn fmt_check_fails_on_a_file_it_cannot_read() {
    let dir = Dir::with_good_system();
    let conflicted = "id: cv\n<<<<<<< HEAD\nname: A\n=======\nname: B\n>>>>>>> x\n";
    dir.write("inventory/cv.yaml", conflicted);
    let run = dir.cmd(["fmt", "--check"]).run();
    run.expect_code(1);
    assert_eq!(run.stdout, "inventory/cv.yaml\n");
    assert!(
        run.stderr.contains("1 file has errors and was left alone"),
        "{}",
        run.stderr
    );
    // Formatting leaves it as it is.
    dir.cmd(["fmt"]).run().expect_code(0);
    assert_eq!(dir.read("inventory/cv.yaml"), conflicted);
}
