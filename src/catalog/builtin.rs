//! The catalogues shipped inside the binary, from the repository's `catalog/`.

/// Ids of the built-in catalogues, in the order they are shown.
pub const BUILTIN_IDS: &[&str] = &["iso42001-annex-a", "iso42001-clauses"];

/// The YAML text of a built-in catalogue.
pub fn builtin_source(id: &str) -> Option<&'static str> {
    match id {
        "iso42001-annex-a" => Some(include_str!("../../catalog/iso42001-annex-a.yaml")),
        "iso42001-clauses" => Some(include_str!("../../catalog/iso42001-clauses.yaml")),
        _ => None,
    }
}
