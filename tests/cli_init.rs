//! `aims init`: a workspace that is a git repository with a `.gitignore` for
//! aims's temporary files (unless `--no-git`, or a repository holds it
//! already), an existing `.gitignore` extended rather than replaced, and a
//! failed init (a full disk) that leaves nothing half-made.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Dir, TestCommand};

/// `aims init ARGS` run in `dir`, with git kept from looking for a
/// repository above it (the temporary folder might be inside one).
fn init(dir: &Dir, args: &[&str]) -> TestCommand {
    let mut cmd = dir.cmd(std::iter::once("init").chain(args.iter().copied()));
    cmd.env("GIT_CEILING_DIRECTORIES", ceiling(dir));
    cmd
}

fn ceiling(dir: &Dir) -> &Path {
    dir.path()
        .parent()
        .expect("a temporary folder has a parent")
}

/// `git ARGS` in `dir`, as the tests check what init made.
fn git(dir: &Dir, at: &str, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(dir.join(at))
        .args(args)
        .env("GIT_CEILING_DIRECTORIES", ceiling(dir))
        .output()
        .expect("git runs")
}

/// What `git add -A` would take in the repository at `at`: every file git
/// does not ignore, as `git status` lists them.
fn git_add_would_take(dir: &Dir, at: &str) -> String {
    let status = git(dir, at, &["status", "--porcelain", "--untracked-files=all"]);
    String::from_utf8_lossy(&status.stdout).into_owned()
}

fn has_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Every path under `root`, relative to it, sorted: what a folder holds.
fn listing(root: &Path) -> Vec<String> {
    fn walk(root: &Path, at: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(at).expect("a folder").flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(root).expect("under the root");
            out.push(rel.to_string_lossy().into_owned());
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                walk(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

const PATTERN_LINE: &str = "\n.aims-*.tmp\n";

#[test]
fn init_makes_a_git_repository_that_ignores_temporary_files() {
    if !has_git() {
        return;
    }
    let dir = Dir::empty();
    let run = init(&dir, &["ws"]).run();
    run.expect_code(0);
    assert_eq!(
        run.stderr,
        "made ws a git repository\ncreated a workspace in ws: edit aims.yaml (organisation, scope, roles), then run `aims ws`\n"
    );
    assert!(dir.join("ws/.git").is_dir());
    let top = git(&dir, "ws", &["rev-parse", "--show-toplevel"]);
    assert_eq!(
        Path::new(String::from_utf8_lossy(&top.stdout).trim()),
        fs::canonicalize(dir.join("ws")).expect("the workspace")
    );
    let gitignore = dir.read("ws/.gitignore");
    assert!(
        gitignore.starts_with("# aims writes each file"),
        "{gitignore}"
    );
    assert!(gitignore.contains("$XDG_STATE_HOME/aims"), "{gitignore}");
    assert!(gitignore.ends_with(PATTERN_LINE), "{gitignore}");
    // A leftover is ignored: `git add -A` would not commit it.
    dir.write("ws/inventory/.aims-Ab12Cd.tmp", "half a record");
    dir.write("ws/.aims-Xy34Zw.tmp", "half a manifest");
    let status = git_add_would_take(&dir, "ws");
    assert!(!status.contains(".aims-"), "{status}");
    for kept in [
        ".gitignore",
        "aims.yaml",
        "inventory/.gitkeep",
        "soa/.gitkeep",
    ] {
        assert!(status.contains(kept), "{kept} is offered to git:\n{status}");
    }
}

#[test]
fn no_git_makes_no_repository_but_still_writes_the_gitignore() {
    let dir = Dir::empty();
    let run = init(&dir, &["ws", "--no-git"]).run();
    run.expect_code(0);
    assert_eq!(
        run.stderr,
        "created a workspace in ws: edit aims.yaml (organisation, scope, roles), then run `aims ws`\n"
    );
    assert!(!dir.join("ws/.git").exists());
    assert!(dir.read("ws/.gitignore").ends_with(PATTERN_LINE));
    assert_eq!(
        listing(&dir.join("ws")),
        [
            ".gitignore",
            "aims.yaml",
            "impact",
            "impact/.gitkeep",
            "inventory",
            "inventory/.gitkeep",
            "soa",
            "soa/.gitkeep"
        ]
    );
}

#[test]
fn init_inside_a_repository_does_not_nest_another() {
    if !has_git() {
        return;
    }
    let dir = Dir::empty();
    let made = git(&dir, "", &["init", "--quiet"]);
    assert!(made.status.success());
    let run = init(&dir, &["governance"]).run();
    run.expect_code(0);
    assert!(
        run.stderr.starts_with(
            "governance is inside a git repository already, which keeps it; no repository of its own was made\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!dir.join("governance/.git").exists());
    // The outer repository sees the workspace, and ignores its leftovers.
    dir.write("governance/soa/.aims-Ab12Cd.tmp", "half a record");
    let status = git_add_would_take(&dir, "");
    assert!(status.contains("governance/aims.yaml"), "{status}");
    assert!(!status.contains(".aims-"), "{status}");
    // Run from the repository's root folder itself, too.
    let dir = Dir::empty();
    assert!(git(&dir, "", &["init", "--quiet"]).status.success());
    init(&dir, &["."]).run().expect_code(0);
    assert!(dir.join("aims.yaml").is_file());
    assert!(
        dir.join(".git/HEAD").is_file(),
        "the repository is untouched"
    );
}

#[test]
fn an_existing_gitignore_gains_the_missing_lines_only() {
    let dir = Dir::empty();
    dir.write("ws/.gitignore", "target/");
    dir.write("ws/notes.txt", "mine");
    let run = init(&dir, &["ws", "--no-git"]).run();
    run.expect_code(0);
    assert!(
        run.stderr.starts_with(
            "added `.aims-*.tmp` (aims's temporary files) to the existing .gitignore\n"
        ),
        "{}",
        run.stderr
    );
    let gitignore = dir.read("ws/.gitignore");
    assert!(
        gitignore.starts_with("target/\n\n# aims writes"),
        "{gitignore}"
    );
    assert!(gitignore.ends_with(PATTERN_LINE), "{gitignore}");
    assert_eq!(dir.read("ws/notes.txt"), "mine");

    // One that already ignores them is left byte for byte.
    let dir = Dir::empty();
    let mine = "# ours\n.aims-*.tmp\n*.log\n";
    dir.write("ws/.gitignore", mine);
    let run = init(&dir, &["ws", "--no-git"]).run();
    run.expect_code(0);
    assert!(!run.stderr.contains(".gitignore"), "{}", run.stderr);
    assert_eq!(dir.read("ws/.gitignore"), mine);
}

#[test]
fn init_into_a_folder_keeps_what_its_record_folders_hold() {
    let dir = Dir::empty();
    dir.write(
        "ws/inventory/cv-screening.yaml",
        &common::good_system("cv-screening"),
    );
    init(&dir, &["ws", "--no-git"]).run().expect_code(0);
    assert_eq!(
        dir.read("ws/inventory/cv-screening.yaml"),
        common::good_system("cv-screening")
    );
    assert!(dir.join("ws/inventory/.gitkeep").is_file());
    assert!(dir.join("ws/soa/.gitkeep").is_file());
    let leftovers: Vec<String> = listing(&dir.join("ws"))
        .into_iter()
        .filter(|p| p.contains(".aims-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn without_git_installed_init_says_so_and_carries_on() {
    let dir = Dir::empty();
    // A PATH with no git on it.
    dir.mkdir("no-programs");
    let run = init(&dir, &["ws"])
        .env("PATH", dir.join("no-programs"))
        .run();
    run.expect_code(0);
    assert!(
        run.stderr.starts_with(
            "note: git is not installed, so ws is not a git repository; run `git init` there once it is\n"
        ),
        "{}",
        run.stderr
    );
    assert!(dir.join("ws/aims.yaml").is_file());
    assert!(dir.join("ws/.gitignore").is_file());
    assert!(!dir.join("ws/.git").exists());
}

/// Each way an `init` can run out of room: the folder is as it was.
#[cfg(unix)]
#[test]
fn a_failed_init_leaves_nothing_behind() {
    // A new folder, and its missing parents.
    for target in ["ws", "a/b/ws"] {
        let dir = Dir::empty();
        let run = init(&dir, &[target, "--no-git"]).file_size_limit(0).run();
        run.expect_code(3);
        assert_eq!(
            run.stderr,
            format!(
                "error: cannot create a workspace in {target}: File too large (os error 27); nothing was left behind\n"
            )
        );
        assert_eq!(listing(dir.path()), Vec::<String>::new(), "{target}");
    }

    // git itself runs out of room (its templates are larger than 2 KB).
    if has_git() {
        let dir = Dir::empty();
        let run = init(&dir, &["ws"]).file_size_limit(2048).run();
        run.expect_code(3);
        assert!(
            run.stderr.contains("`git init` failed: ")
                && run.stderr.ends_with("; nothing was left behind\n"),
            "{}",
            run.stderr
        );
        assert_eq!(listing(dir.path()), Vec::<String>::new());
    }

    // A folder that exists: its .gitignore is cut back to what it held,
    // after a part of the appended lines was written.
    let dir = Dir::empty();
    let gitignore = format!("{}\n", "x".repeat(1999));
    dir.write("ws/.gitignore", &gitignore);
    dir.write("ws/inventory/mine.yaml", &common::good_system("mine"));
    let before = listing(dir.path());
    let run = init(&dir, &["ws", "--no-git"]).file_size_limit(2048).run();
    run.expect_code(3);
    assert_eq!(
        run.stderr,
        "error: cannot create a workspace in ws: File too large (os error 27); nothing was left behind\n"
    );
    assert_eq!(listing(dir.path()), before);
    assert_eq!(dir.read("ws/.gitignore"), gitignore);
    assert_eq!(
        dir.read("ws/inventory/mine.yaml"),
        common::good_system("mine")
    );

    // Given room, the same init succeeds.
    init(&dir, &["ws", "--no-git"]).run().expect_code(0);
    assert!(dir.join("ws/aims.yaml").is_file());
}
