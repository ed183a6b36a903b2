//! The history of one record file from git: the commits that changed it,
//! newest first, following renames, and for each the fields that changed,
//! found by reading both versions with aims's own reader and comparing the
//! declared fields one by one (list items added and removed, entries by
//! their id) rather than by a text diff.
//!
//! git runs in batch mode: one `git log` for the commits, one
//! `git cat-file --batch` for every version read.

use std::path::Path;

use serde_json::Value as Json;

use super::git::{HistoryError, LogEntry, cat_files, file_log};
use super::{Record, record_from_node};
use crate::model::{FieldKind, Fields, node_to_json};
use crate::yaml::{Limits, parse_document};

/// One commit that changed the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    pub log: LogEntry,
    /// What the commit changed in the record, when asked for.
    pub patch: Option<Patch>,
}

/// What one commit did to the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Patch {
    /// The fields that changed; a new file counts from empty fields, a
    /// removed one to empty fields.
    Fields(Vec<FieldChange>),
    /// A version did not read as a record (broken YAML, say): why.
    Unreadable(String),
}

/// One field's change between two versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldChange {
    /// A value changed (empty text for a field with none).
    Value {
        key: String,
        old: String,
        new: String,
    },
    /// An item was added to a list, or an entry to a list of entries.
    Added { key: String, item: String },
    /// An item or entry was removed.
    Removed { key: String, item: String },
}

impl FieldChange {
    pub fn key(&self) -> &str {
        match self {
            FieldChange::Value { key, .. }
            | FieldChange::Added { key, .. }
            | FieldChange::Removed { key, .. } => key,
        }
    }
}

/// The widest a value is shown on a line before it is cut.
const VALUE_WIDTH: usize = 60;

/// A value on one line, cut to fit, `(empty)` for none, control
/// characters shown visibly.
fn shown(value: &str) -> String {
    if value.is_empty() {
        return "(empty)".to_string();
    }
    let line = value.trim_end().replace('\n', " ⏎ ");
    crate::text::clip(&crate::text::visible(&line, false), VALUE_WIDTH)
}

/// `key: old → new`, `key: + item`, `key: - item`, on one line.
impl std::fmt::Display for FieldChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let key = crate::text::visible(self.key(), false);
        match self {
            FieldChange::Value { old, new, .. } => {
                write!(f, "{key}: {} → {}", shown(old), shown(new))
            }
            FieldChange::Added { item, .. } => write!(f, "{key}: + {}", shown(item)),
            FieldChange::Removed { item, .. } => write!(f, "{key}: - {}", shown(item)),
        }
    }
}

/// The commits that changed `path` (relative to `root`), newest first;
/// with `patch`, what each changed. Empty when the file was never committed.
pub fn history(root: &Path, path: &str, patch: bool) -> Result<Vec<Revision>, HistoryError> {
    let mut log = file_log(root, path)?;
    // A merge lists no file; it keeps the path of the commit after it.
    let mut known = path.to_string();
    for entry in &mut log {
        if entry.path.is_empty() {
            entry.path = known.clone();
        }
        known = entry.old_path.clone().unwrap_or_else(|| entry.path.clone());
    }
    if !patch {
        return Ok(log
            .into_iter()
            .map(|log| Revision { log, patch: None })
            .collect());
    }
    // Each commit's version and its parent's, asked of git in one batch.
    let mut names = Vec::with_capacity(log.len() * 2);
    for entry in &log {
        names.push(format!("{}:./{}", entry.commit, entry.path));
        let before = entry.old_path.as_deref().unwrap_or(&entry.path);
        names.push(format!("{}^:./{}", entry.commit, before));
    }
    let blobs = cat_files(root, &names)?;
    let mut changes = Vec::with_capacity(log.len());
    for (i, entry) in log.into_iter().enumerate() {
        let after = match entry.status {
            'D' => None,
            _ => blobs[2 * i].as_deref(),
        };
        let before = match entry.status {
            'A' => None,
            _ => blobs[2 * i + 1].as_deref(),
        };
        let before_path = entry.old_path.as_deref().unwrap_or(&entry.path);
        let patch = match (read(before_path, before), read(&entry.path, after)) {
            (Ok(old), Ok(new)) => Patch::Fields(record_changes(old.as_ref(), new.as_ref())),
            (Err(why), _) => Patch::Unreadable(format!("the version before does not read: {why}")),
            (_, Err(why)) => Patch::Unreadable(format!("this version does not read: {why}")),
        };
        changes.push(Revision {
            log: entry,
            patch: Some(patch),
        });
    }
    Ok(changes)
}

/// A version of the file as a record; `None` for no file.
pub(super) fn read(path: &str, bytes: Option<&[u8]>) -> Result<Option<Record>, String> {
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
    let node = parse_document(text, Limits::default())
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "it is empty".to_string())?;
    record_from_node(path, node).map(Some)
}

/// The fields that differ between two versions of a record (`None`: no
/// file), in the order the fields are declared.
pub fn record_changes(before: Option<&Record>, after: Option<&Record>) -> Vec<FieldChange> {
    fn typed<R: Fields>(a: Option<&R>, b: Option<&R>) -> Vec<FieldChange> {
        let empty = R::default();
        differ(a.unwrap_or(&empty), b.unwrap_or(&empty))
    }
    // Two kinds of record under one history (a file moved between
    // folders) have nothing to compare field by field.
    if let (Some(a), Some(b)) = (before, after)
        && std::mem::discriminant(a) != std::mem::discriminant(b)
    {
        return Vec::new();
    }
    macro_rules! compare {
        ($kind:ident) => {
            typed(
                before.and_then(|r| match r {
                    Record::$kind(x) => Some(x),
                    _ => None,
                }),
                after.and_then(|r| match r {
                    Record::$kind(x) => Some(x),
                    _ => None,
                }),
            )
        };
    }
    match before.or(after) {
        Some(Record::Manifest(_)) => compare!(Manifest),
        Some(Record::System(_)) => compare!(System),
        Some(Record::Soa(_)) => compare!(Soa),
        Some(Record::Impact(_)) => compare!(Impact),
        None => Vec::new(),
    }
}

/// Compares two records of one type field by field.
fn differ<R: Fields>(a: &R, b: &R) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    // The written form of each, for the insides of entries.
    let (node_a, node_b) = (node_to_json(&a.to_node()), node_to_json(&b.to_node()));
    for field in R::FIELDS {
        let key = field.spec.key;
        let (old, new) = ((field.get)(a), (field.get)(b));
        match ((field.items)(a), (field.items)(b)) {
            (Some(old_items), Some(new_items)) => {
                for item in old_items.iter().filter(|i| !new_items.contains(i)) {
                    changes.push(FieldChange::Removed {
                        key: key.to_string(),
                        item: item.clone(),
                    });
                }
                for item in new_items.iter().filter(|i| !old_items.contains(i)) {
                    changes.push(FieldChange::Added {
                        key: key.to_string(),
                        item: item.clone(),
                    });
                }
                if field.spec.kind == FieldKind::Entries {
                    entry_changes(key, &old_items, &new_items, &node_a, &node_b, &mut changes);
                }
            }
            _ if old != new => changes.push(FieldChange::Value {
                key: key.to_string(),
                old,
                new,
            }),
            _ => {}
        }
    }
    changes
}

/// The entries kept under one id whose other fields changed, as
/// `key[id].field` changes.
fn entry_changes(
    key: &str,
    old_ids: &[String],
    new_ids: &[String],
    node_a: &Json,
    node_b: &Json,
    changes: &mut Vec<FieldChange>,
) {
    let entries = |node: &Json| -> Vec<Json> {
        node.get(key)
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (old_entries, new_entries) = (entries(node_a), entries(node_b));
    for (j, id) in new_ids.iter().enumerate() {
        let Some(i) = old_ids.iter().position(|old| old == id) else {
            continue;
        };
        let (Some(Json::Object(old)), Some(Json::Object(new))) =
            (old_entries.get(i), new_entries.get(j))
        else {
            continue;
        };
        let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
        keys.dedup();
        let mut seen = Vec::new();
        for sub in keys {
            if seen.contains(&sub) {
                continue;
            }
            seen.push(sub);
            let (was, is) = (old.get(sub), new.get(sub));
            if was != is {
                changes.push(FieldChange::Value {
                    key: format!("{key}[{id}].{sub}"),
                    old: was.map(json_text).unwrap_or_default(),
                    new: is.map(json_text).unwrap_or_default(),
                });
            }
        }
    }
}

/// A value of a written record as text, the way a form shows it.
fn json_text(value: &Json) -> String {
    match value {
        Json::Null => String::new(),
        Json::String(text) => text.clone(),
        Json::Array(items) => items.iter().map(json_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::parse_record;

    fn soa(text: &str) -> Record {
        parse_record("soa/A.6.2.4.yaml", text).expect("a valid entry")
    }

    #[test]
    fn values_list_items_and_entry_insides_are_compared_one_by_one() {
        let old = soa(
            "control: A.6.2.4\napplicable: true\njustification: We build it\nbasis: [risk]\n\
             evidence:\n  - ref: a.pdf\n    note: first\n  - ref: b.pdf\n",
        );
        let new = soa(
            "control: A.6.2.4\napplicable: true\njustification: We build it\nbasis: [risk, contractual]\n\
             status: partial\nevidence:\n  - ref: a.pdf\n    note: second\n  - ref: c.pdf\n",
        );
        let changes = record_changes(Some(&old), Some(&new));
        assert!(changes.contains(&FieldChange::Added {
            key: "basis".into(),
            item: "contractual".into()
        }));
        assert!(changes.contains(&FieldChange::Value {
            key: "status".into(),
            old: String::new(),
            new: "partial".into()
        }));
        assert!(changes.contains(&FieldChange::Removed {
            key: "evidence".into(),
            item: "b.pdf".into()
        }));
        assert!(changes.contains(&FieldChange::Added {
            key: "evidence".into(),
            item: "c.pdf".into()
        }));
        assert!(changes.contains(&FieldChange::Value {
            key: "evidence[a.pdf].note".into(),
            old: "first".into(),
            new: "second".into()
        }));
        assert!(!changes.iter().any(|c| c.key() == "justification"));
    }

    #[test]
    fn a_new_file_counts_from_empty_fields() {
        let new = soa("control: A.6.2.4\napplicable: false\njustification: Not ours\n");
        let changes = record_changes(None, Some(&new));
        assert_eq!(changes[0].key(), "control");
        assert!(changes.contains(&FieldChange::Value {
            key: "applicable".into(),
            old: String::new(),
            new: "false".into()
        }));
    }
}
