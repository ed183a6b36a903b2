//! The README's key table is generated from the keymap; this test fails
//! whenever they drift apart. `AIMS_BLESS=1 cargo test --test readme_keys`
//! rewrites the table in place, and still fails that run, so that a stale
//! README never passes; the next run checks the rewritten file.

const START: &str = "<!-- keys:start (generated from src/tui/keymap.rs) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn readme_key_table_matches_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md exists");
    let start = readme
        .find(START)
        .expect("README has the keys:start marker")
        + START.len();
    let end = readme[start..]
        .find(END)
        .expect("README has the keys:end marker")
        + start;
    let table = aims::tui::keymap::markdown_table();
    if readme[start..end] == table {
        return;
    }
    if std::env::var_os("AIMS_BLESS").is_some() {
        let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
        std::fs::write(path, updated).expect("README.md is writable");
        panic!(
            "the README's key table was out of date and has been rewritten; review the diff and run the tests again"
        );
    }
    assert_eq!(
        &readme[start..end],
        table,
        "the README's key table is out of date: run AIMS_BLESS=1 cargo test --test readme_keys, then the tests again"
    );
}
