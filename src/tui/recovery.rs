//! The recovery file: text from an editor that was open when aims had to
//! stop (SSH dropped, SIGTERM, a crash), offered back on the next start.
//!
//! It lives outside the workspace (in the user's state folder), so that it
//! is never committed by accident, one file per workspace.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::json;

use super::popup::{Draft, FormTarget, TextTarget};
use crate::workspace::write_atomically;

/// The open editor's text, kept current by the loop so that the panic hook
/// and the signal path can save it without reaching into the app.
pub static OPEN_TEXT: Mutex<Option<Draft>> = Mutex::new(None);

/// `$AIMS_STATE_DIR`, else `$XDG_STATE_HOME/aims`, else `~/.local/state/aims`.
fn state_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AIMS_STATE_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("aims");
    }
    let home = std::env::var_os("HOME").map_or_else(std::env::temp_dir, PathBuf::from);
    home.join(".local/state/aims")
}

/// The recovery file of the workspace at `root`. If it already holds text
/// from an earlier stop, a newer file beside it is used instead (see
/// [`keep_open_text`]), so no kept text is ever replaced.
pub fn recovery_path(root: &Path) -> PathBuf {
    state_dir().join(format!("{}.json", recovery_prefix(root)))
}

fn recovery_prefix(root: &Path) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut hasher);
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("recovery-{name}-{:016x}", hasher.finish())
}

/// Every recovery file of `root`, oldest first.
fn kept_files(root: &Path) -> Vec<PathBuf> {
    let prefix = recovery_prefix(root);
    let mut files: Vec<PathBuf> = std::fs::read_dir(state_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".json"))
        })
        .collect();
    // The plain name sorts before the numbered ones (`.` < `-`), and the
    // numbers are times, so this is the order the texts were kept in.
    files.sort_by_key(|p| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (name.len(), name)
    });
    files
}

fn target_json(target: &TextTarget) -> serde_json::Value {
    let (field, control, index) = match target {
        TextTarget::Justification(c) => ("justification", c.as_str(), None),
        TextTarget::Notes(c) => ("notes", c.as_str(), None),
        TextTarget::Owner(c) => ("owner", c.as_str(), None),
        TextTarget::Due(c) => ("due", c.as_str(), None),
        TextTarget::EvidenceRef(c, i) => ("evidence_ref", c.as_str(), *i),
        TextTarget::EvidenceNote(c, i) => ("evidence_note", c.as_str(), Some(*i)),
        TextTarget::FormField(_, label) => ("form", *label, None),
    };
    json!({ "field": field, "control": control, "index": index })
}

fn form_json(target: &FormTarget, key: &str) -> serde_json::Value {
    let (kind, system, index) = match target {
        FormTarget::NewSystem => ("new_system", "", None),
        FormTarget::System(id) => ("system", id.as_str(), None),
        FormTarget::Roles => ("roles", "", None),
        FormTarget::Assessment(id) => ("assessment", id.as_str(), None),
        FormTarget::ImpactEntry(id, i) => ("impact_entry", id.as_str(), *i),
        FormTarget::Risk(id, i) => ("risk", id.as_str(), *i),
    };
    json!({ "kind": kind, "system": system, "index": index, "key": key })
}

fn form_from_json(value: &serde_json::Value) -> Option<(FormTarget, String)> {
    let system = value.get("system")?.as_str()?.to_string();
    let index = value
        .get("index")
        .and_then(|i| i.as_u64())
        .map(|i| i as usize);
    let target = match value.get("kind")?.as_str()? {
        "system" => FormTarget::System(system),
        "roles" => FormTarget::Roles,
        "assessment" => FormTarget::Assessment(system),
        "impact_entry" => FormTarget::ImpactEntry(system, index),
        "risk" => FormTarget::Risk(system, index),
        _ => return None,
    };
    Some((target, value.get("key")?.as_str()?.to_string()))
}

fn target_from_json(value: &serde_json::Value) -> Option<TextTarget> {
    let control = value.get("control")?.as_str()?.to_string();
    let index = value
        .get("index")
        .and_then(|i| i.as_u64())
        .map(|i| i as usize);
    Some(match value.get("field")?.as_str()? {
        "justification" => TextTarget::Justification(control),
        "notes" => TextTarget::Notes(control),
        "owner" => TextTarget::Owner(control),
        "due" => TextTarget::Due(control),
        "evidence_ref" => TextTarget::EvidenceRef(control, index),
        "evidence_note" => TextTarget::EvidenceNote(control, index?),
        // The label names the field for the user; the form is reopened
        // from the draft's `form`, which holds its row by key.
        "form" => TextTarget::FormField(0, "Kept text"),
        _ => return None,
    })
}

/// Writes the open editor's text for `root`, if an editor is open; returns
/// where it went.
pub fn keep_open_text(root: &Path) -> Option<PathBuf> {
    let draft = OPEN_TEXT.lock().ok()?.clone()?;
    let mut path = recovery_path(root);
    if path.exists() {
        // Text from an earlier stop is still waiting: keep both.
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        path = state_dir().join(format!("{}-{stamp:015}.json", recovery_prefix(root)));
    }
    let body = json!({
        "workspace": root.display().to_string(),
        "target": target_json(&draft.target),
        "form": draft.form.as_ref().map(|(target, key)| form_json(target, key)),
        "text": draft.text,
        "saved_at": chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
    });
    write_atomically(&path, format!("{body:#}\n").as_bytes()).ok()?;
    Some(path)
}

/// The text kept for `root` by an earlier session, if any.
pub fn find(root: &Path) -> Option<Draft> {
    let text = std::fs::read_to_string(kept_files(root).first()?).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(Draft {
        target: target_from_json(value.get("target")?)?,
        text: value.get("text")?.as_str()?.to_string(),
        saved_at: value
            .get("saved_at")
            .and_then(|s| s.as_str())
            .unwrap_or("")
            .to_string(),
        form: value.get("form").and_then(form_from_json),
    })
}

/// Removes the kept text [`find`] offered (the oldest).
pub fn forget(root: &Path) {
    if let Some(oldest) = kept_files(root).first() {
        let _ = std::fs::remove_file(oldest);
    }
}
