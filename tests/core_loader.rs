//! The loader against one broken input per class: each is reported as
//! `path:line:column: severity: message`, the good file beside it still
//! loads, and the broken file is never changed.

mod common;

use aims::model::AiSystem;
use aims::workspace::{Record, SaveError, SaveOutcome};
use common::{Dir, assert_clean, assert_has, good_system, rendered};

/// Loads `dir`, checks the good system is there, and returns the diagnostics.
#[track_caller]
fn load_beside_good(dir: &Dir) -> Vec<String> {
    let ws = dir.load();
    let lines = rendered(&ws);
    assert!(
        ws.records.systems.contains_key("good"),
        "the good system did not load beside the bad file: {lines:#?}"
    );
    assert_clean(&lines, "inventory/good.yaml");
    lines
}

#[test]
fn yaml_syntax_error_is_reported_at_its_position() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/broken.yaml",
        "id: broken\nname: [unclosed\nowner: A\n",
    );
    let lines = load_beside_good(&dir);
    // Inside the unclosed `[`, the colon of `owner:` is where it goes wrong.
    assert_has(
        &lines,
        "inventory/broken.yaml:3:6: error: YAML syntax error: illegal placement of ':' indicator",
    );
    assert!(dir.load().is_broken("inventory/broken.yaml"));
}

#[test]
fn yaml_syntax_error_in_a_flow_list_at_the_end_of_the_file() {
    let dir = Dir::with_good_system();
    dir.write("inventory/broken.yaml", "id: broken\nname: [unclosed\n");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/broken.yaml:3:1: error: YAML syntax error: while parsing a flow sequence, expected ',' or ']'",
    );
}

/// Regression: the fast reader for canonical files took a NUL or a
/// byte-order mark inside a text as part of it, so these files loaded
/// clean although the YAML parser refuses them.
#[test]
fn nul_or_byte_order_mark_inside_a_canonical_looking_file_is_a_syntax_error() {
    for (text, at) in [
        ("id: broken\nname: Broken\ndescription: |\n  a\0b\n", "4:4"),
        ("id: broken\nname: Bro\u{feff}ken\n", "2:10"),
    ] {
        let dir = Dir::with_good_system();
        dir.write("inventory/broken.yaml", text);
        let lines = load_beside_good(&dir);
        let want = format!("inventory/broken.yaml:{at}: error: YAML syntax error:");
        assert!(
            lines.iter().any(|line| line.starts_with(&want)),
            "{want} not in {lines:#?}"
        );
        assert!(dir.load().is_broken("inventory/broken.yaml"));
    }
}

#[test]
fn wrong_enum_value_names_the_allowed_values() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/rented.yaml",
        "id: rented\nname: Rented\nowner: A\nsourcing: rented\n",
    );
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/rented.yaml:4:11: error: `sourcing` must be one of `built`, `bought` or `embedded`, found `rented`",
    );
}

#[test]
fn wrong_enum_value_inside_a_nested_mapping_is_placed_exactly() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/eu.yaml",
        "id: eu\nname: Eu\nowner: A\neu_ai_act:\n  role: user\n",
    );
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/eu.yaml:5:9: error: `eu_ai_act.role` must be one of `provider`, `deployer`, `importer`, `distributor`, `authorised_representative`, `product_manufacturer` or `none`, found `user`",
    );
}

#[test]
fn missing_required_name_is_an_error() {
    let dir = Dir::with_good_system();
    dir.write("inventory/nameless.yaml", "id: nameless\nowner: A\n");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/nameless.yaml:1:1: error: missing required key `name`",
    );
    assert!(!dir.load().records.systems.contains_key("nameless"));
}

#[test]
fn empty_name_is_an_error_at_the_key() {
    let dir = Dir::with_good_system();
    dir.write("inventory/blank.yaml", "id: blank\nname: \"  \"\n");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/blank.yaml:2:1: error: `name` must not be empty",
    );
}

#[test]
fn unknown_control_id_in_soa_is_an_error() {
    let dir = Dir::with_good_system();
    dir.write("soa/A.99.1.yaml", "control: A.99.1\napplicable: true\n");
    dir.write(
        "soa/A.2.2.yaml",
        "control: A.2.2\napplicable: true\njustification: We need one.\nstatus: planned\nowner: A\n",
    );
    let ws = dir.load();
    let lines = rendered(&ws);
    assert_has(
        &lines,
        "soa/A.99.1.yaml:1:1: error: unknown control id `A.99.1`: no catalogue in use defines it (see `aims catalog`)",
    );
    assert!(!ws.records.soa.contains_key("A.99.1"));
    assert!(ws.records.soa.contains_key("A.2.2"), "{lines:#?}");
    assert_clean(&lines, "soa/A.2.2.yaml");
}

#[test]
fn id_that_does_not_match_the_file_name_is_an_error() {
    let dir = Dir::with_good_system();
    dir.write("inventory/mismatch.yaml", &good_system("other"));
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/mismatch.yaml:1:1: error: `id: other` does not match the file name mismatch.yaml; rename the file or fix the id",
    );
    let ws = dir.load();
    assert!(!ws.records.systems.contains_key("other"));
    assert!(!ws.records.systems.contains_key("mismatch"));
}

#[test]
fn file_name_that_is_not_an_id_is_refused() {
    let dir = Dir::with_good_system();
    dir.write("inventory/Bad Name.yaml", &good_system("bad-name"));
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/Bad Name.yaml:1:1: error: the file name must be a valid id (lower-case letters, digits and dashes, at most 64) followed by .yaml; rename the file",
    );
    assert_eq!(dir.load().records.systems.len(), 1);
}

#[test]
fn soa_control_that_climbs_out_of_the_folder_is_an_error_not_a_path() {
    let dir = Dir::with_good_system();
    dir.write("soa/A.2.2.yaml", "control: ../x\napplicable: true\n");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "soa/A.2.2.yaml:1:1: error: `control: ../x` does not match the file name A.2.2.yaml; rename the file or fix the control",
    );
    let ws = dir.load();
    assert!(ws.records.soa.is_empty());
    assert!(!dir.path().join("x.yaml").exists());
    assert!(
        !dir.path()
            .parent()
            .expect("a parent")
            .join("x.yaml")
            .exists()
    );
}

#[test]
fn system_id_that_climbs_out_of_the_folder_is_an_error_not_a_path() {
    let dir = Dir::with_good_system();
    dir.write("inventory/etc.yaml", "id: ../../etc\nname: Etc\nowner: A\n");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/etc.yaml:1:1: error: `../../etc` is not a valid system id: use lower-case letters, digits and dashes",
    );
    assert_has(
        &lines,
        "inventory/etc.yaml:1:1: error: `id: ../../etc` does not match the file name etc.yaml; rename the file or fix the id",
    );
    assert_eq!(dir.load().records.systems.len(), 1);
}

#[test]
fn saving_a_record_with_an_invalid_id_writes_nothing() {
    // Regression: `Workspace::save` used the id as a path, so a system with
    // id `../../escaped` was written outside the workspace.
    let dir = Dir::with_good_system();
    let mut ws = dir.load();
    let system = AiSystem {
        id: "../../escaped".into(),
        name: "Escaped".into(),
        ..AiSystem::default()
    };
    let err = ws.save(&Record::System(system)).unwrap_err();
    assert!(err.to_string().contains("not a valid id"), "{err}");
    let grandparent = dir
        .path()
        .parent()
        .and_then(|p| p.parent())
        .expect("parents");
    assert!(!grandparent.join("escaped.yaml").exists());
    let entry = aims::model::SoaEntry::new("../x");
    assert!(ws.save(&Record::Soa(entry)).is_err());
    assert!(!dir.join("x.yaml").exists());
}

#[test]
fn duplicate_keys_name_both_lines() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/dup.yaml",
        "id: dup\nname: First\nowner: A\nname: Second\n",
    );
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/dup.yaml:4:1: error: duplicate key `name` (first at line 2); keep one of them",
    );
}

#[test]
fn empty_file_is_an_error() {
    let dir = Dir::with_good_system();
    dir.write("inventory/empty.yaml", "");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/empty.yaml:1:1: error: the file is empty; write the record, or delete the file",
    );
}

#[test]
fn comment_only_file_counts_as_empty() {
    let dir = Dir::with_good_system();
    dir.write("inventory/comment.yaml", "# to be written\n# by Priya\n");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/comment.yaml:1:1: error: the file is empty; write the record, or delete the file",
    );
}

#[test]
fn file_that_is_not_utf8_names_the_bad_byte_position() {
    let dir = Dir::with_good_system();
    dir.write_bytes("inventory/latin1.yaml", b"id: latin1\nname: Caf\xe9 bot\n");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/latin1.yaml:2:10: error: the file is not UTF-8 text (byte 0xe9); save it as UTF-8",
    );
}

#[test]
fn non_utf8_column_counts_characters_not_bytes() {
    let dir = Dir::with_good_system();
    dir.write_bytes(
        "inventory/mixed.yaml",
        "id: mixed\nname: Ülf \u{e9}".as_bytes(),
    );
    let mut bytes = dir.read_bytes("inventory/mixed.yaml");
    bytes.extend_from_slice(b"\xff\n");
    dir.write_bytes("inventory/mixed.yaml", &bytes);
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/mixed.yaml:2:12: error: the file is not UTF-8 text (byte 0xff); save it as UTF-8",
    );
}

#[test]
fn utf8_bom_and_crlf_line_ends_load_with_correct_positions() {
    let dir = Dir::with_good_system();
    dir.write_bytes(
        "inventory/windows.yaml",
        b"\xEF\xBB\xBFid: windows\r\nname: Written on Windows\r\nowner: A\r\n",
    );
    dir.write_bytes(
        "inventory/windows-bad.yaml",
        b"\xEF\xBB\xBFid: windows-bad\r\nname: W\r\nowner: A\r\nlifecycle: retired\r\n",
    );
    let ws = dir.load();
    let lines = rendered(&ws);
    assert_clean(&lines, "inventory/windows.yaml");
    let system = &ws.records.systems["windows"];
    assert_eq!(system.name, "Written on Windows");
    assert_eq!(system.owner.as_deref(), Some("A"));
    assert_has(
        &lines,
        "inventory/windows-bad.yaml:4:12: error: `lifecycle` must be one of `concept`, `procurement`, `development`, `deployment`, `operation`, `monitoring` or `decommissioned`, found `retired`",
    );
}

#[test]
fn crlf_file_is_left_alone_until_edited() {
    let dir = Dir::with_good_system();
    let bytes = b"\xEF\xBB\xBFid: windows\r\nname: W\r\nowner: A\r\n";
    dir.write_bytes("inventory/windows.yaml", bytes);
    let ws = dir.load();
    assert!(ws.records.systems.contains_key("windows"));
    assert_eq!(dir.read_bytes("inventory/windows.yaml"), bytes);
}

#[test]
fn alias_bomb_is_refused() {
    let dir = Dir::with_good_system();
    let mut text = String::from("id: bomb\nname: Bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        prev = name;
    }
    dir.write("inventory/bomb.yaml", &text);
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/bomb.yaml:8:8: error: the document expands to more than 200000 values (aliases that repeat each other?); write the values out",
    );
}

#[test]
fn deep_nesting_is_refused() {
    let dir = Dir::with_good_system();
    let text = format!(
        "id: deep\nname: Deep\nx: {}{}\n",
        "[".repeat(100),
        "]".repeat(100)
    );
    dir.write("inventory/deep.yaml", &text);
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/deep.yaml:3:67: error: nesting is deeper than 64 levels; records are never this deep",
    );
}

#[test]
fn very_deep_nesting_does_not_crash() {
    let dir = Dir::with_good_system();
    let text = format!("x: {}{}\n", "[".repeat(200_000), "]".repeat(200_000));
    dir.write("inventory/deeper.yaml", &text);
    let lines = load_beside_good(&dir);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("inventory/deeper.yaml:") && l.contains(": error: ")),
        "{lines:#?}"
    );
}

#[test]
fn oversized_file_is_refused_before_it_is_read() {
    let dir = Dir::with_good_system();
    // A sparse file: its size comes from the folder entry, so a loader that
    // read it first would have to pull in a gigabyte of zeros.
    let path = dir.join("inventory/huge.yaml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(1 << 30).expect("set length");
    drop(file);
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/huge.yaml:1:1: error: the file is 1073741824 bytes; a record file may hold at most 1048576 bytes (1 MiB)",
    );
}

#[test]
fn file_just_over_one_mib_is_refused_and_one_just_under_loads() {
    let dir = Dir::with_good_system();
    let head = "id: big\nname: Big\nowner: A\nnotes: ";
    let cap = aims::workspace::MAX_RECORD_BYTES as usize;
    dir.write(
        "inventory/big.yaml",
        &format!("{head}{}\n", "x".repeat(cap - head.len())),
    );
    dir.write(
        "inventory/fits.yaml",
        &format!(
            "{}{}\n",
            head.replace("big", "fits"),
            "x".repeat(cap - head.len() - 2)
        ),
    );
    let ws = dir.load();
    let lines = rendered(&ws);
    assert_has(
        &lines,
        "inventory/big.yaml:1:1: error: the file is 1048577 bytes; a record file may hold at most 1048576 bytes (1 MiB)",
    );
    assert_clean(&lines, "inventory/fits.yaml");
    assert!(ws.records.systems.contains_key("fits"));
}

#[test]
fn file_larger_than_one_read_loads_whole() {
    // Record files are read with one call when they are small; a long one
    // takes several, and must come out whole.
    let dir = Dir::with_good_system();
    let words = "word ".repeat(8_000);
    let description = words.trim_end();
    dir.write(
        "inventory/long.yaml",
        &format!("id: long\nname: Long\nowner: A\ndescription: {description}\n"),
    );
    let ws = dir.load();
    assert_clean(&rendered(&ws), "inventory/long.yaml");
    let system = &ws.records.systems["long"];
    assert_eq!(system.description.as_deref(), Some(description));
}

#[cfg(unix)]
#[test]
fn named_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = Dir::with_good_system();
    let path = std::ffi::CString::new(dir.join("inventory/pipe.yaml").to_str().expect("utf-8"))
        .expect("no NUL");
    // SAFETY: a plain C call with a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0, "mkfifo");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/pipe.yaml:1:1: error: not a regular file; a record must be a file: remove it, or rename it so it does not end in .yaml",
    );
}

#[test]
fn folder_named_like_a_record_is_refused() {
    let dir = Dir::with_good_system();
    std::fs::create_dir(dir.join("inventory/folder.yaml")).expect("mkdir");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/folder.yaml:1:1: error: not a regular file; a record must be a file: remove it, or rename it so it does not end in .yaml",
    );
}

#[cfg(unix)]
#[test]
fn symlink_to_a_named_pipe_is_refused_without_waiting() {
    let dir = Dir::with_good_system();
    let pipe = std::ffi::CString::new(dir.join("pipe").to_str().expect("utf-8")).expect("no NUL");
    // SAFETY: a plain C call with a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(pipe.as_ptr(), 0o644) }, 0, "mkfifo");
    std::os::unix::fs::symlink("../pipe", dir.join("inventory/piped.yaml")).expect("symlink");
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/piped.yaml:1:1: error: not a regular file; a record must be a file: remove it, or rename it so it does not end in .yaml",
    );
}

#[cfg(unix)]
#[test]
fn symlink_leading_outside_the_workspace_is_refused() {
    let outside = Dir::empty();
    outside.write("secret.yaml", &good_system("secret"));
    let dir = Dir::with_good_system();
    std::os::unix::fs::symlink(
        outside.join("secret.yaml"),
        dir.join("inventory/secret.yaml"),
    )
    .expect("symlink");
    let lines = load_beside_good(&dir);
    let target = std::fs::canonicalize(outside.join("secret.yaml")).expect("canonical");
    assert_has(
        &lines,
        &format!(
            "inventory/secret.yaml:1:1: error: a symlink that leads outside the workspace (to {}); aims does not follow it: copy the file in instead",
            target.display()
        ),
    );
    assert!(!dir.load().records.systems.contains_key("secret"));
}

#[cfg(unix)]
#[test]
fn symlink_inside_the_workspace_is_followed() {
    let dir = Dir::with_good_system();
    dir.write("shared/linked.yaml", &good_system("linked"));
    std::os::unix::fs::symlink("../shared/linked.yaml", dir.join("inventory/linked.yaml"))
        .expect("symlink");
    let ws = dir.load();
    let lines = rendered(&ws);
    assert_clean(&lines, "inventory/linked.yaml");
    assert_eq!(ws.records.systems["linked"].name, "Good system linked");
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_reported() {
    let dir = Dir::with_good_system();
    std::os::unix::fs::symlink("nowhere.yaml", dir.join("inventory/dangling.yaml"))
        .expect("symlink");
    let lines = load_beside_good(&dir);
    assert!(
        lines
            .iter()
            .any(|l| l
                .starts_with("inventory/dangling.yaml:1:1: error: a symlink that leads nowhere")),
        "{lines:#?}"
    );
}

#[test]
fn manifest_from_a_newer_aims_is_an_error_and_makes_the_workspace_read_only() {
    let dir = Dir::with_manifest("aims: 2\norganisation: Future Org\n");
    dir.write("inventory/good.yaml", &good_system("good"));
    let before = dir.read_bytes("aims.yaml");
    let mut ws = dir.load();
    let lines = rendered(&ws);
    assert_has(
        &lines,
        "aims.yaml:1:1: error: this workspace is format 2, written by a newer aims; this aims reads format 1: upgrade aims before opening it",
    );
    assert!(ws.is_read_only());
    assert!(ws.records.systems.contains_key("good"));
    let mut system = ws.records.systems["good"].clone();
    system.owner = Some("Someone else".into());
    assert!(matches!(
        ws.save(&Record::System(system)),
        Err(SaveError::ReadOnly)
    ));
    let manifest = ws.records.manifest.clone();
    assert!(matches!(
        ws.save(&Record::Manifest(manifest)),
        Err(SaveError::ReadOnly)
    ));
    assert_eq!(dir.read("inventory/good.yaml"), good_system("good"));
    assert_eq!(dir.read_bytes("aims.yaml"), before);
}

#[test]
fn format_version_that_is_not_a_number_is_an_error() {
    let dir = Dir::with_manifest("aims: one\norganisation: O\n");
    dir.write("inventory/good.yaml", &good_system("good"));
    let ws = dir.load();
    assert_has(
        &rendered(&ws),
        "aims.yaml:1:1: error: `aims` is the format version and must be 1, found `one`",
    );
    assert!(!ws.is_read_only());
    assert!(ws.is_broken("aims.yaml"));
    assert!(ws.records.systems.contains_key("good"));
}

#[test]
fn impossible_date_is_an_error() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/dated.yaml",
        "id: dated\nname: D\nowner: A\nreviewed: 2026-02-30\n",
    );
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/dated.yaml:4:11: error: `reviewed` must be a real date written YYYY-MM-DD, found `2026-02-30`",
    );
}

#[test]
fn unknown_system_in_soa_systems_is_an_error_at_the_list_item() {
    let dir = Dir::with_good_system();
    dir.write(
        "soa/A.2.2.yaml",
        "control: A.2.2\napplicable: true\njustification: Yes.\nstatus: planned\nowner: A\nsystems:\n  - good\n  - ghost\n",
    );
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "soa/A.2.2.yaml:8:5: error: unknown system `ghost`: there is no inventory/ghost.yaml",
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("soa/A.2.2.yaml:"))
            .count(),
        1,
        "{lines:#?}"
    );
}

#[test]
fn duplicate_risk_ids_across_two_impact_files_are_an_error() {
    let dir = Dir::with_good_system();
    dir.write("inventory/other.yaml", &good_system("other"));
    dir.write(
        "impact/good.yaml",
        "system: good\nrisks:\n  - id: shared-1\n    title: First\n    owner: A\n",
    );
    dir.write(
        "impact/other.yaml",
        "system: other\nrisks:\n  - id: other-1\n    title: Own\n    owner: A\n  - id: shared-1\n    title: Second\n    owner: A\n",
    );
    let ws = dir.load();
    let lines = rendered(&ws);
    assert_has(
        &lines,
        "impact/other.yaml:6:5: error: risk id `shared-1` is already used in impact/good.yaml; risk ids are unique across the workspace",
    );
    assert_clean(&lines, "impact/good.yaml");
    assert_eq!(ws.records.impacts.len(), 2);
}

#[test]
fn unknown_keys_are_kept_and_written_back_unchanged() {
    let dir = Dir::with_good_system();
    let text = "id: custom\nname: Custom\nowner: A\nx-cost-centre: \"4711\"\nx-contacts:\n  - name: Ülf\n    phone: 0113 496 0000\n";
    dir.write("inventory/custom.yaml", text);
    let mut ws = dir.load();
    assert_clean(&rendered(&ws), "inventory/custom.yaml");
    let mut system = ws.records.systems["custom"].clone();
    assert_eq!(system.extra.entries.len(), 2);
    assert_eq!(
        ws.save(&Record::System(system.clone())).expect("saved"),
        SaveOutcome::Unchanged
    );
    system.owner = Some("B".into());
    assert_eq!(
        ws.save(&Record::System(system)).expect("saved"),
        SaveOutcome::Written(Vec::new())
    );
    assert_eq!(
        dir.read("inventory/custom.yaml"),
        text.replace("owner: A", "owner: B")
    );
}

#[test]
fn near_typo_key_gives_a_warning_and_is_kept() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/typo.yaml",
        "id: typo\nname: Typo\nower: Priya Shah\n",
    );
    let ws = dir.load();
    let lines = rendered(&ws);
    assert_has(
        &lines,
        "inventory/typo.yaml:3:1: warning: unknown key `ower` (kept as written); did you mean `owner`?",
    );
    let system = &ws.records.systems["typo"];
    assert_eq!(system.owner, None);
    assert_eq!(system.extra.entries[0].0.text, "ower");
    assert!(!ws.has_errors(), "{lines:#?}");
}

#[test]
fn yml_extension_is_ignored_with_a_warning() {
    let dir = Dir::with_good_system();
    dir.write("inventory/old.yml", &good_system("old"));
    let lines = load_beside_good(&dir);
    assert_has(
        &lines,
        "inventory/old.yml:1:1: warning: ignored: record files end in .yaml; rename it",
    );
}

#[test]
fn missing_record_folders_are_fine() {
    let dir = Dir::new();
    let ws = dir.load();
    assert!(ws.diagnostics.is_empty(), "{:#?}", rendered(&ws));
    assert_eq!(ws.records.manifest.organisation, "Test Org");
    assert_eq!(
        ws.records.manifest.catalog_ids(),
        ["iso42001-annex-a", "iso42001-clauses"]
    );
}

/// Every class of broken file, in one workspace.
fn broken_files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("inventory/syntax.yaml", b"id: syntax\nname: [x\n".to_vec()),
        (
            "inventory/enum.yaml",
            b"id: enum\nname: E\nsourcing: rented\n".to_vec(),
        ),
        ("inventory/nameless.yaml", b"id: nameless\n".to_vec()),
        ("inventory/mismatch.yaml", b"id: other\nname: M\n".to_vec()),
        (
            "inventory/dup.yaml",
            b"id: dup\nname: A\nname: B\n".to_vec(),
        ),
        ("inventory/empty.yaml", b"".to_vec()),
        ("inventory/comment.yaml", b"# nothing yet\n".to_vec()),
        (
            "inventory/latin1.yaml",
            b"id: latin1\nname: Caf\xe9\n".to_vec(),
        ),
        (
            "inventory/date.yaml",
            b"id: date\nname: D\nreviewed: 2026-02-30\n".to_vec(),
        ),
        ("soa/A.2.3.yaml", b"control: ../x\n".to_vec()),
        (
            "soa/A.2.4.yaml",
            b"control:   A.2.4   # odd spacing\napplicable: maybe\n".to_vec(),
        ),
    ]
}

#[test]
fn broken_files_are_byte_identical_after_load_save_and_fmt() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/hand.yaml",
        "name: Hand written\nid: hand\nowner:   A\n",
    );
    let files = broken_files();
    for (path, bytes) in &files {
        dir.write_bytes(path, bytes);
    }
    let mut ws = dir.load();
    for (path, bytes) in &files {
        assert!(ws.is_broken(path), "{path} should be broken");
        assert_eq!(&dir.read_bytes(path), bytes, "{path} changed on load");
    }
    // Saving over a broken file is refused.
    let err = ws
        .save(&Record::System(AiSystem {
            id: "enum".into(),
            name: "E".into(),
            ..AiSystem::default()
        }))
        .unwrap_err();
    assert!(
        matches!(&err, SaveError::Broken(p) if p == "inventory/enum.yaml"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "inventory/enum.yaml has errors (see `aims check`); fix it by hand first, aims will not overwrite it"
    );

    let run = dir.cmd(["fmt"]).run();
    run.expect_code(0);
    for (path, bytes) in &files {
        assert_eq!(&dir.read_bytes(path), bytes, "{path} changed by aims fmt");
    }
    // The good, hand-written file was formatted.
    assert_eq!(
        dir.read("inventory/hand.yaml"),
        "id: hand\nname: Hand written\nowner: A\n"
    );
    assert!(
        run.stderr.contains("formatted inventory/hand.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("inventory/enum.yaml:3:11: error: `sourcing` must be one of"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn record_folder_that_is_a_symlink_to_outside_is_refused() {
    // Regression: only files were checked for symlinks, so a linked
    // `inventory/` folder let every file in it in from outside.
    let outside = Dir::empty();
    outside.write("secret.yaml", &good_system("secret"));
    let dir = Dir::new();
    std::os::unix::fs::symlink(outside.path(), dir.join("inventory")).expect("symlink");
    let ws = dir.load();
    assert_has(
        &rendered(&ws),
        "inventory:1:1: error: a symlink that leads outside the workspace (or nowhere); aims does not follow it: make it a folder",
    );
    assert!(ws.records.systems.is_empty());
}

#[cfg(unix)]
#[test]
fn record_folder_that_is_a_symlink_inside_the_workspace_is_followed() {
    let dir = Dir::new();
    dir.write("records/systems/linked.yaml", &good_system("linked"));
    std::os::unix::fs::symlink("records/systems", dir.join("inventory")).expect("symlink");
    let ws = dir.load();
    assert!(ws.diagnostics.is_empty(), "{:#?}", rendered(&ws));
    assert!(ws.records.systems.contains_key("linked"));
}

/// Git's conflict markers are named as a merge to finish, with the lines
/// of each side, not as a YAML syntax error a line further on.
#[test]
fn merge_conflict_markers_are_named_with_the_lines_of_each_side() {
    let dir = Dir::with_good_system();
    dir.write(
        "soa/A.5.2.yaml",
        "control: A.5.2\n<<<<<<< HEAD\napplicable: true\nstatus: partial\n=======\napplicable: false\n>>>>>>> feature/x\n",
    );
    let ws = dir.load();
    let lines = rendered(&ws);
    assert_has(
        &lines,
        "soa/A.5.2.yaml:2:1: error: unresolved merge conflict: ours (HEAD) is lines 3-4, theirs (feature/x) is line 6; keep one side (or combine them) and delete the marker lines, or press ! in aims to choose, then run `aims check`",
    );
    assert_eq!(
        ws.diagnostics
            .iter()
            .filter(|d| d.path == "soa/A.5.2.yaml")
            .count(),
        1,
        "{lines:#?}"
    );
    assert!(ws.is_broken("soa/A.5.2.yaml"));
}

/// A reference to a system whose file is broken says so, rather than
/// telling the user to add a file that exists.
#[test]
fn a_reference_to_a_broken_system_names_its_file_not_a_missing_one() {
    let dir = Dir::with_good_system();
    dir.write(
        "inventory/cv.yaml",
        "id: cv\n<<<<<<< HEAD\nname: A\n=======\nname: B\n>>>>>>> x\n",
    );
    dir.write(
        "soa/A.5.2.yaml",
        "control: A.5.2\napplicable: true\njustification: Needed.\nsystems: [cv]\n",
    );
    let lines = rendered(&dir.load());
    assert!(
        lines
            .iter()
            .all(|l| !l.contains("there is no inventory/cv.yaml")),
        "{lines:#?}"
    );
    assert_has(
        &lines,
        "soa/A.5.2.yaml:4:11: warning: system `cv`: its file inventory/cv.yaml has errors, so it is left out until they are fixed (see that file's findings)",
    );
}
