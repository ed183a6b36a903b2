//! What reaches the terminal: text from files never carries a raw escape
//! byte, colour appears only on a terminal, and `NO_COLOR` turns it off.
//! CSV is data for other tools and carries the text as it is to a file or
//! a pipe; on a terminal it is shown visibly like everything else.

mod common;

use std::io::Read;

use common::{Dir, TODAY, assert_covers_every_command, good_system};

const ESC: char = '\u{1b}';

/// A workspace whose files carry escape sequences in a name, an id, an
/// enum value, a key, a file name and a risk title, each of which ends up
/// in a message.
fn hostile() -> Dir {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/evil.yaml",
        "id: \"\\e[31mevil\"\nname: \"\\e[31mRed \\e]0;title\\a name\"\nowner: A\nsourcing: \"\\e[31mbuilt\"\n",
    );
    dir.write(
        "inventory/tricky.yaml",
        "id: tricky\nname: \"\\e[31mTricky\"\nowner: A\n\"\\e[2Jower\": x\n",
    );
    dir.write("inventory/\u{1b}[31mfile.yaml", &good_system("file"));
    // An open high risk is a gap, and `aims gaps` prints its title.
    dir.write(
        "impact/good.yaml",
        "system: good\nrisks:\n  - id: good-1\n    title: \"\\e[31mRed risk\\x07\"\n    severity: high\n    likelihood: high\n",
    );
    dir
}

#[track_caller]
fn assert_no_escape(what: &str, text: &str) {
    assert!(!text.contains(ESC), "raw ESC in {what}:\n{text:?}");
    assert!(!text.contains('\u{9b}'), "raw CSI in {what}:\n{text:?}");
    assert!(!text.contains('\u{7}'), "raw BEL in {what}:\n{text:?}");
}

#[test]
fn escape_sequences_in_files_are_shown_visibly_in_check_output() {
    let dir = hostile();
    let run = dir.cmd(["check"]).run();
    run.expect_code(1);
    assert_no_escape("stdout", &run.stdout);
    assert_no_escape("stderr", &run.stderr);
    let lines: Vec<String> = run.stdout.lines().map(str::to_string).collect();
    common::assert_has(
        &lines,
        "inventory/evil.yaml:1:1: error: `^[[31mevil` is not a valid system id: use lower-case letters, digits and dashes",
    );
    common::assert_has(
        &lines,
        "inventory/evil.yaml:4:11: error: `sourcing` must be one of `built`, `bought` or `embedded`, found `^[[31mbuilt`",
    );
    common::assert_has(
        &lines,
        "inventory/^[[31mfile.yaml:1:1: error: the file name must be a valid id (lower-case letters, digits and dashes, at most 64) followed by .yaml; rename the file",
    );
}

#[test]
fn system_name_with_escapes_never_reaches_the_terminal_raw() {
    let dir = hostile();
    let runs: &[(&[&str], i32)] = &[
        (&["check"], 1),
        (&["check", "--strict"], 1),
        (&["check", "--format", "json"], 1),
        // The reports refuse a workspace with broken files, naming them;
        // a draft export says what is missing.
        (&["progress"], 1),
        (&["progress", "--format", "md"], 1),
        (&["progress", "--format", "json"], 1),
        (&["gaps"], 1),
        (&["gaps", "--format", "json"], 1),
        (&["catalog"], 0),
        (&["export", "--format", "json"], 1),
        (&["export", "--format", "json", "--draft"], 0),
        (&["export", "--format", "md", "--draft"], 0),
        (&["export", "--format", "csv", "--draft"], 0),
        (&["export", "--format", "html", "--draft"], 0),
        // A file with errors is not canonical: --check fails on it.
        (&["fmt", "--check"], 1),
        (&["inventory", "list"], 0),
        (&["inventory", "list", "--format", "json"], 0),
        (&["inventory", "list", "--format", "csv"], 0),
        (&["soa", "list"], 0),
        (&["soa", "list", "--format", "json"], 0),
        (&["soa", "list", "--format", "csv"], 0),
        (&["soa", "set", "A.5.2", "owner=\u{1b}[31mB\u{7}"], 0),
        (&["manifest", "document.approved_by=\u{1b}[31mB\u{7}"], 0),
        (&["obligations"], 0),
        (&["obligations", "tricky", "--format", "json"], 0),
        (&["obligations", "--format", "csv"], 0),
        (&["obligations", "--format", "md"], 0),
        // Refused, like progress, while a file has errors.
        (&["crosswalk", "--framework", "nist-ai-rmf"], 1),
        (&["gdpr", "--format", "csv"], 1),
        // Outside git: a note naming the file, shown visibly.
        (&["history", "tricky"], 0),
        (&["trend"], 0),
        (&["completions", "bash"], 0),
        (&["init", "fresh", "--org", "\u{1b}[31mOrg\u{7}"], 0),
        // Dry runs: the names and values of the sheet are shown visibly.
        (&["import", "soa", "evil-soa.csv"], 1),
        (&["import", "inventory", "evil-register.csv"], 1),
        // Refused: evil.yaml has errors, which the message names.
        (&["inventory", "set", "evil", "owner=B"], 1),
        (&["inventory", "add", "--name", "\u{1b}[31mNew\u{7}"], 0),
        // Last, because it rewrites a file the others read.
        (&["inventory", "set", "tricky", "owner=\u{1b}[31mB"], 0),
        (&["fmt"], 0),
    ];
    dir.write(
        "evil-soa.csv",
        "Control ID,Applicable,Justification,Control owner\nA.5.2,Y,\u{1b}[31mwhy,\u{1b}[31mB\u{7}\n\u{1b}[2JA.9,Y,x,y\n",
    );
    dir.write(
        "evil-register.csv",
        "System name,Type\n\u{1b}[31mEvil tool\u{7},built\nOther,\u{1b}[31mrented\n",
    );
    let args: Vec<&[&str]> = runs.iter().map(|(args, _)| *args).collect();
    assert_covers_every_command(&args, &[]);
    for (args, code) in runs {
        let run = dir.cmd(*args).run();
        run.expect_code(*code);
        assert_no_escape(&format!("stderr of {args:?}"), &run.stderr);
        if args.contains(&"csv") {
            #[cfg(unix)]
            assert_no_escape(
                &format!("{args:?} on a terminal"),
                &on_terminal(&dir, args, true, *code as u32),
            );
        } else {
            assert_no_escape(&format!("stdout of {args:?}"), &run.stdout);
        }
    }
    // In JSON the name survives intact, escaped the JSON way.
    let run = dir.cmd(["export", "--format", "json", "--draft"]).run();
    run.expect_code(0);
    assert!(
        run.stdout.contains(r#""name": "\u001b[31mTricky""#),
        "{}",
        run.stdout
    );
    let json = run.json();
    let tricky = json["inventory"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|s| s["id"] == "tricky")
        .expect("tricky is exported");
    assert_eq!(tricky["name"], "\u{1b}[31mTricky");
}

#[test]
fn no_color_leaves_no_escape_in_any_output() {
    let dir = Dir::example();
    dir.write(
        "inventory/bad.yaml",
        "id: bad\nname: Bad\nsourcing: rented\n",
    );
    let runs: &[(&[&str], i32)] = &[
        (&["check"], 1),
        (&["check", "--strict"], 1),
        (&["progress"], 1),
        (&["progress", "--format", "md"], 1),
        (&["gaps"], 1),
        (&["catalog"], 0),
        (&["export", "--format", "json", "--draft"], 0),
        // A file with errors is not canonical: --check fails on it.
        (&["fmt", "--check"], 1),
        (&["inventory", "list"], 0),
        (&["inventory", "set", "bad", "owner=B"], 1),
        (&["inventory", "add", "--name", "New"], 0),
        (&["soa", "list"], 0),
        (&["soa", "set", "A.5.2", "status=finished"], 1),
        (&["manifest", "document.approved_on=later"], 1),
        (&["obligations"], 0),
        (&["crosswalk", "--framework", "eu-ai-act"], 1),
        (&["gdpr"], 1),
        (&["history", "A.5.2"], 0),
        (&["trend"], 0),
        (&["init", "fresh"], 0),
        (&["import", "soa", "soa.csv"], 1),
        (&["import", "inventory", "soa.csv"], 2),
        (&["--help"], 0),
        (&["check", "--help"], 0),
        (&["inventory", "add", "--help"], 0),
        (&["completions", "bash"], 0),
    ];
    dir.write(
        "soa.csv",
        "Control ID,Applicable,Status\nA.4.2,Y,Sort of\nA.99,Y,Done\n",
    );
    let args: Vec<&[&str]> = runs.iter().map(|(args, _)| *args).collect();
    assert_covers_every_command(&args, &[]);
    for (args, code) in runs {
        let run = dir.cmd(*args).env("NO_COLOR", "1").run();
        run.expect_code(*code);
        assert_no_escape(&format!("stdout of {args:?}"), &run.stdout);
        assert_no_escape(&format!("stderr of {args:?}"), &run.stderr);
    }
    let run = dir.cmd(["check"]).env("NO_COLOR", "1").run();
    run.expect_code(1);
    assert!(
        run.stdout
            .contains("inventory/bad.yaml:3:11: error: `sourcing` must be one of"),
        "{}",
        run.stdout
    );
}

/// Runs `aims args` on a pseudo-terminal, checks it exits with `code`, and
/// returns what it printed.
#[cfg(unix)]
fn on_terminal(dir: &Dir, args: &[&str], no_color: bool, code: u32) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 250,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_aims"));
    cmd.args(args);
    cmd.cwd(dir.path());
    cmd.env_remove("AIMS_WORKSPACE");
    cmd.env_remove("NO_COLOR");
    cmd.env("AIMS_TODAY", TODAY);
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let mut child = pair.slave.spawn_command(cmd).expect("aims runs");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    let status = child.wait().expect("aims ends");
    let out = String::from_utf8_lossy(&out).into_owned();
    assert_eq!(status.exit_code(), code, "exit code of {args:?}:\n{out}");
    out
}

#[cfg(unix)]
#[test]
fn colour_is_used_on_a_terminal_unless_no_color_is_set() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/bad.yaml",
        "id: bad\nname: Bad\nsourcing: rented\n",
    );
    let coloured = on_terminal(&dir, &["check"], false, 1);
    assert!(
        coloured.contains("\u{1b}[1;31merror\u{1b}[0m: `sourcing` must be one of"),
        "{coloured:?}"
    );
    let plain = on_terminal(&dir, &["check"], true, 1);
    assert_no_escape("check under NO_COLOR on a terminal", &plain);
    assert!(
        plain.contains("inventory/bad.yaml:3:11: error: `sourcing`"),
        "{plain:?}"
    );
}

#[cfg(unix)]
#[test]
fn escape_sequences_stay_visible_on_a_real_terminal() {
    let dir = hostile();
    let out = on_terminal(&dir, &["check"], true, 1);
    assert_no_escape("check on a terminal", &out);
    assert!(out.contains("found `^[[31mbuilt`"), "{out:?}");
}

#[cfg(unix)]
#[test]
fn no_escape_from_a_file_reaches_the_terminal_in_lists_and_exports() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/loud.yaml",
        "id: loud\nname: \"\\e[31mLoud\\e[0m \\e]0;title\\a\"\nowner: \"\\e[2JOwner\"\n",
    );
    dir.write(
        "soa/A.5.2.yaml",
        "control: A.5.2\napplicable: true\njustification: \"\\e[31mWhy\\x9b2J\"\nstatus: planned\nowner: \"\\e[31mB\"\n",
    );
    dir.cmd(["check"]).run().expect_code(0);
    let runs: &[&[&str]] = &[
        &["inventory", "list"],
        &["inventory", "list", "--format", "csv"],
        &["inventory", "list", "--format", "json"],
        &["soa", "list"],
        &["soa", "list", "--format", "csv"],
        &["soa", "list", "--format", "json"],
        &["export", "--format", "md"],
        &["export", "--format", "csv"],
        &["export", "--format", "html"],
        &["export", "--format", "json"],
    ];
    for args in runs {
        let shown = on_terminal(&dir, args, true, 0);
        assert_no_escape(&format!("{args:?} on a terminal"), &shown);
        let piped = dir.cmd(*args).run();
        piped.expect_code(0);
        // Shown in caret form (Markdown escapes the brackets).
        if !args.contains(&"json") {
            assert!(
                shown.contains("^[[31m") || shown.contains(r"^\[\[31m"),
                "{args:?} shows it: {shown:?}"
            );
        }
        if args.contains(&"csv") {
            // To a pipe or a file, CSV is the data as it is.
            assert!(
                piped.stdout.contains('\u{1b}'),
                "{args:?}: {:?}",
                piped.stdout
            );
        } else {
            assert_no_escape(&format!("{args:?} to a pipe"), &piped.stdout);
        }
    }
}
