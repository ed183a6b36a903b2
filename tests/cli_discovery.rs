//! Which workspace a command works on: `--workspace DIR`, a positional
//! DIR, `$AIMS_WORKSPACE`, then the current folder or its nearest parent
//! holding `aims.yaml`.

mod common;

use common::{Dir, TestCommand};

/// A workspace whose organisation names it, so a run shows which one it used.
fn named(org: &str) -> Dir {
    Dir::with_manifest(&format!(
        "aims: 1\norganisation: {org}\ncatalogs: [iso42001-annex-a, iso42001-clauses]\n"
    ))
}

/// The organisation of the workspace `aims export` used.
#[track_caller]
fn organisation(cmd: &mut TestCommand) -> String {
    let run = cmd.run();
    run.expect_code(0);
    run.json()["manifest"]["organisation"]
        .as_str()
        .expect("an organisation")
        .to_string()
}

fn export_args(extra: &[&std::ffi::OsStr]) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec!["export".into(), "--format".into(), "json".into()];
    args.extend(extra.iter().map(|a| a.to_os_string()));
    args
}

#[test]
fn workspace_flag_names_the_folder() {
    let ws = named("Flagged");
    let elsewhere = Dir::empty();
    let mut cmd = elsewhere.cmd(export_args(&[
        "--workspace".as_ref(),
        ws.path().as_os_str(),
    ]));
    assert_eq!(organisation(&mut cmd), "Flagged");
}

#[test]
fn workspace_flag_works_before_the_subcommand() {
    let ws = named("Flagged");
    let elsewhere = Dir::empty();
    let mut args: Vec<std::ffi::OsString> = vec!["--workspace".into(), ws.path().into()];
    args.extend(export_args(&[]));
    assert_eq!(organisation(&mut elsewhere.cmd(args)), "Flagged");
}

#[test]
fn positional_dir_names_the_folder() {
    let ws = named("Positional");
    let elsewhere = Dir::empty();
    let mut cmd = elsewhere.cmd(export_args(&[ws.path().as_os_str()]));
    assert_eq!(organisation(&mut cmd), "Positional");
}

#[test]
fn relative_positional_dir_is_taken_from_the_current_folder() {
    let parent = Dir::empty();
    parent.write(
        "sub/ws/aims.yaml",
        "aims: 1\norganisation: Relative\ncatalogs: [iso42001-annex-a, iso42001-clauses]\n",
    );
    let mut cmd = parent.cmd(export_args(&["sub/ws".as_ref()]));
    assert_eq!(organisation(&mut cmd), "Relative");
}

#[test]
fn aims_workspace_variable_names_the_folder() {
    let ws = named("From the environment");
    let elsewhere = Dir::empty();
    let mut cmd = elsewhere.cmd(export_args(&[]));
    cmd.env("AIMS_WORKSPACE", ws.path());
    assert_eq!(organisation(&mut cmd), "From the environment");
}

#[test]
fn running_inside_a_subfolder_finds_the_workspace_above() {
    let ws = named("Found above");
    ws.mkdir("inventory/deeper/still");
    let mut cmd = TestCommand::new(export_args(&[]));
    cmd.current_dir(&ws.join("inventory/deeper/still"));
    assert_eq!(organisation(&mut cmd), "Found above");
    let run = TestCommand::new(["check"])
        .current_dir(&ws.join("inventory"))
        .run();
    run.expect_code(0);
}

#[test]
fn named_folder_wins_over_the_environment_and_the_current_folder() {
    let named_ws = named("Named");
    let env_ws = named("Environment");
    let cwd_ws = named("Current");
    let mut cmd = cwd_ws.cmd(export_args(&[named_ws.path().as_os_str()]));
    cmd.env("AIMS_WORKSPACE", env_ws.path());
    assert_eq!(organisation(&mut cmd), "Named");

    let mut cmd = cwd_ws.cmd(export_args(&[
        "--workspace".as_ref(),
        named_ws.path().as_os_str(),
    ]));
    cmd.env("AIMS_WORKSPACE", env_ws.path());
    assert_eq!(organisation(&mut cmd), "Named");

    let mut cmd = cwd_ws.cmd(export_args(&[]));
    cmd.env("AIMS_WORKSPACE", env_ws.path());
    assert_eq!(organisation(&mut cmd), "Environment");

    assert_eq!(organisation(&mut cwd_ws.cmd(export_args(&[]))), "Current");
}

#[test]
fn positional_dir_wins_over_the_workspace_flag() {
    let positional = named("Positional");
    let flagged = named("Flagged");
    let elsewhere = Dir::empty();
    let mut cmd = elsewhere.cmd(export_args(&[
        positional.path().as_os_str(),
        "--workspace".as_ref(),
        flagged.path().as_os_str(),
    ]));
    assert_eq!(organisation(&mut cmd), "Positional");
}

#[test]
fn aims_workspace_that_is_not_a_workspace_exits_2_naming_it() {
    let not_a_workspace = Dir::empty();
    let cwd_ws = named("Current");
    let run = cwd_ws
        .cmd(["check"])
        .env("AIMS_WORKSPACE", not_a_workspace.path())
        .run();
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {0} is not an aims workspace (it has no aims.yaml); create one with `aims init {0}`\n",
            not_a_workspace.path().display()
        )
    );
}

#[test]
fn workspace_flag_that_is_not_a_workspace_exits_2_naming_it() {
    let not_a_workspace = Dir::empty();
    let run = TestCommand::new([
        "progress".as_ref(),
        "--workspace".as_ref(),
        not_a_workspace.path().as_os_str(),
    ])
    .run();
    run.expect_code(2);
    assert!(
        run.stderr
            .contains(&not_a_workspace.path().display().to_string()),
        "{}",
        run.stderr
    );
}

#[test]
fn outside_any_workspace_the_message_says_how_to_name_one() {
    let elsewhere = Dir::empty();
    elsewhere.mkdir("a/b");
    let run = TestCommand::new(["check"])
        .current_dir(&elsewhere.join("a/b"))
        .run();
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: no aims workspace here: neither {} nor any parent holds aims.yaml; name one (`aims check DIR`), set AIMS_WORKSPACE, or create one with `aims init DIR`\n",
            std::fs::canonicalize(elsewhere.join("a/b"))
                .expect("canonical")
                .display()
        )
    );
}

#[test]
fn folder_named_aims_yaml_is_not_a_manifest() {
    let dir = Dir::empty();
    dir.mkdir("aims.yaml");
    let run = TestCommand::new(["check".as_ref(), dir.path().as_os_str()]).run();
    run.expect_code(2);
}

#[test]
fn bare_aims_on_a_folder_that_is_not_a_workspace_exits_2() {
    let dir = Dir::empty();
    let run = TestCommand::new([dir.path().as_os_str()]).run();
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}

#[test]
fn workspace_flag_before_the_subcommand_is_not_taken_for_a_folder() {
    // Regression: with `args_conflicts_with_subcommands`, clap read
    // `aims --workspace DIR check` as two folders and no subcommand.
    let ws = named("Flagged");
    ws.write(
        "inventory/bad.yaml",
        "id: bad\nname: Bad\nsourcing: rented\n",
    );
    let elsewhere = Dir::empty();
    let run = elsewhere
        .cmd([
            "--workspace".as_ref(),
            ws.path().as_os_str(),
            "check".as_ref(),
        ])
        .run();
    run.expect_code(1);
    assert!(
        run.stdout.starts_with("inventory/bad.yaml:3:11: error: "),
        "{}",
        run.stdout
    );
}

#[test]
fn folder_before_the_subcommand_names_the_workspace() {
    let ws = named("Before");
    let elsewhere = Dir::empty();
    let mut args: Vec<std::ffi::OsString> = vec![ws.path().into()];
    args.extend(export_args(&[]));
    assert_eq!(organisation(&mut elsewhere.cmd(args)), "Before");
}
