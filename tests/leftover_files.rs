//! Temporary files left by an aims stopped mid-write (`.aims-*.tmp`):
//! `aims check` warns about each, `aims fmt` and the interface remove those
//! a minute old and say so, and nothing else is ever touched: not a fresh
//! one a running aims may be writing, not a folder or a link of that name,
//! not a file in a folder aims does not write.

mod common;

use std::fs;
use std::time::{Duration, SystemTime};

use common::{Dir, loaded_app, notice};

const WARNING: &str = "warning: a temporary file left by an aims that was stopped mid-write; delete it (`aims fmt` and the interface remove it once it is a minute old)";

/// Writes `rel` and dates it `age` back.
fn leftover(dir: &Dir, rel: &str, age: Duration) {
    dir.write(rel, "half a rec");
    let file = fs::File::options()
        .write(true)
        .open(dir.join(rel))
        .expect("the file just written");
    file.set_modified(SystemTime::now() - age)
        .expect("a modification time can be set");
}

const OLD: Duration = Duration::from_secs(120);
const FRESH: Duration = Duration::from_secs(0);

/// Files with the name but not aims's (a folder, a link), and aims's name
/// where aims writes nothing; all old enough to be removed if they were.
fn decoys(dir: &Dir) -> Vec<&'static str> {
    leftover(dir, "notes/.aims-Nn11Nn.tmp", OLD);
    leftover(dir, "catalog/.aims-Cc22Cc.tmp", OLD);
    leftover(dir, "inventory/.aims-Ab12Cd.tmp.keep", OLD);
    leftover(dir, "inventory/aims-Ab12Cd.tmp", OLD);
    dir.mkdir("impact/.aims-Dd33Dd.tmp");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.join("notes/.aims-Nn11Nn.tmp"),
        dir.join("soa/.aims-Ll44Ll.tmp"),
    )
    .expect("a link");
    vec![
        "notes/.aims-Nn11Nn.tmp",
        "catalog/.aims-Cc22Cc.tmp",
        "inventory/.aims-Ab12Cd.tmp.keep",
        "inventory/aims-Ab12Cd.tmp",
        "impact/.aims-Dd33Dd.tmp",
        #[cfg(unix)]
        "soa/.aims-Ll44Ll.tmp",
    ]
}

#[test]
fn check_warns_about_each_leftover_and_still_passes() {
    let dir = Dir::with_good_system();
    leftover(&dir, ".aims-Rr00Rr.tmp", FRESH);
    leftover(&dir, "inventory/.aims-Ii11Ii.tmp", OLD);
    leftover(&dir, "soa/.aims-Ss22Ss.tmp", OLD);
    leftover(&dir, "impact/.aims-Mm33Mm.tmp", FRESH);
    decoys(&dir);
    let run = dir.cmd(["check"]).run();
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        format!(
            ".aims-Rr00Rr.tmp:1:1: {WARNING}\nimpact/.aims-Mm33Mm.tmp:1:1: {WARNING}\ninventory/.aims-Ii11Ii.tmp:1:1: {WARNING}\nsoa/.aims-Ss22Ss.tmp:1:1: {WARNING}\n"
        )
    );
    assert!(
        run.stderr.starts_with("0 errors, 4 warnings"),
        "{}",
        run.stderr
    );
    dir.cmd(["check", "--strict"]).run().expect_code(1);
    let json = dir.cmd(["check", "--format", "json"]).run();
    json.expect_code(0);
    let json = json.json();
    assert_eq!(json["diagnostics"][0]["kind"], "leftover_temp_file");
    assert_eq!(json["diagnostics"][0]["path"], ".aims-Rr00Rr.tmp");
}

/// A workspace with two old leftovers, a fresh one and the decoys.
fn two_old_one_fresh() -> (Dir, Vec<&'static str>) {
    let dir = Dir::with_good_system();
    leftover(&dir, ".aims-Rr00Rr.tmp", OLD);
    leftover(&dir, "inventory/.aims-Ii11Ii.tmp", OLD);
    leftover(&dir, "soa/.aims-Ss22Ss.tmp", FRESH);
    let decoys = decoys(&dir);
    (dir, decoys)
}

/// The old leftovers are gone; the fresh one and the decoys are not.
#[track_caller]
fn assert_only_old_leftovers_removed(dir: &Dir, decoys: &[&str]) {
    assert!(!dir.join(".aims-Rr00Rr.tmp").exists());
    assert!(!dir.join("inventory/.aims-Ii11Ii.tmp").exists());
    assert!(
        dir.join("soa/.aims-Ss22Ss.tmp").is_file(),
        "a running aims may still be writing a fresh one"
    );
    for decoy in decoys {
        assert!(
            fs::symlink_metadata(dir.join(decoy)).is_ok(),
            "{decoy} is not aims's to remove"
        );
    }
}

#[test]
fn fmt_removes_old_leftovers_and_keeps_fresh_ones_and_everything_else() {
    let (dir, decoys) = two_old_one_fresh();

    // --check changes nothing and does not fail on them: it names them.
    let run = dir.cmd(["fmt", "--check"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "would remove .aims-Rr00Rr.tmp: a temporary file left by an aims that was stopped mid-write\nwould remove inventory/.aims-Ii11Ii.tmp: a temporary file left by an aims that was stopped mid-write\n"
    );
    assert!(dir.join(".aims-Rr00Rr.tmp").is_file());

    let run = dir.cmd(["fmt"]).run();
    run.expect_code(0);
    assert_eq!(
        run.stderr,
        "removed .aims-Rr00Rr.tmp: a temporary file left by an aims that was stopped mid-write\nremoved inventory/.aims-Ii11Ii.tmp: a temporary file left by an aims that was stopped mid-write\n"
    );
    assert_only_old_leftovers_removed(&dir, &decoys);
    let run = dir.cmd(["check"]).run();
    run.expect_code(0);
    assert_eq!(run.stdout, format!("soa/.aims-Ss22Ss.tmp:1:1: {WARNING}\n"));
}

#[test]
fn the_interface_removes_old_leftovers_when_it_opens_and_says_so() {
    let (dir, decoys) = two_old_one_fresh();
    let app = loaded_app(dir.path());
    assert_eq!(
        notice(&app),
        "removed 2 temporary files left by an aims stopped mid-write: .aims-Rr00Rr.tmp, inventory/.aims-Ii11Ii.tmp"
    );
    assert_only_old_leftovers_removed(&dir, &decoys);
    // With nothing to remove, nothing is said.
    let app = loaded_app(dir.path());
    assert_eq!(notice(&app), "");
}

#[test]
fn a_workspace_of_a_newer_aims_is_left_as_it_is() {
    let dir = Dir::with_manifest("aims: 99\norganisation: Future\n");
    leftover(&dir, "inventory/.aims-Ii11Ii.tmp", OLD);
    let app = loaded_app(dir.path());
    assert!(!notice(&app).contains("removed"), "{}", notice(&app));
    assert!(dir.join("inventory/.aims-Ii11Ii.tmp").is_file());
    dir.cmd(["fmt"]).run().expect_code(2);
    assert!(dir.join("inventory/.aims-Ii11Ii.tmp").is_file());
}
