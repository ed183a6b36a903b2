//! The recovery file: text from an editor that was open when aims had to
//! stop (SSH dropped, SIGTERM, a crash), offered back on the next start.
//!
//! It lives outside the workspace (in the user's state folder), so that it
//! is never committed by accident, one file per workspace.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::json;

use super::popup::{Draft, TextTarget};
use crate::workspace::write_atomically;

/// The open editor's text, kept current by the loop so that the panic hook
/// and the signal path can save it without reaching into the app.
pub static OPEN_TEXT: Mutex<Option<(TextTarget, String)>> = Mutex::new(None);

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

/// The recovery file of the workspace at `root`.
pub fn recovery_path(root: &Path) -> PathBuf {
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
    state_dir().join(format!("recovery-{name}-{:016x}.json", hasher.finish()))
}

/// `None` for targets that cannot be reopened without their form.
fn target_json(target: &TextTarget) -> Option<serde_json::Value> {
    let (field, control, index) = match target {
        TextTarget::Justification(c) => ("justification", c, None),
        TextTarget::Notes(c) => ("notes", c, None),
        TextTarget::Owner(c) => ("owner", c, None),
        TextTarget::Due(c) => ("due", c, None),
        TextTarget::EvidenceRef(c, i) => ("evidence_ref", c, *i),
        TextTarget::EvidenceNote(c, i) => ("evidence_note", c, Some(*i)),
        TextTarget::FormField(..) => return None,
    };
    Some(json!({ "field": field, "control": control, "index": index }))
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
        _ => return None,
    })
}

/// Writes the open editor's text for `root`, if an editor is open; returns
/// where it went.
pub fn keep_open_text(root: &Path) -> Option<PathBuf> {
    let (target, text) = OPEN_TEXT.lock().ok()?.clone()?;
    let path = recovery_path(root);
    let body = json!({
        "workspace": root.display().to_string(),
        "target": target_json(&target)?,
        "text": text,
        "saved_at": chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
    });
    write_atomically(&path, format!("{body:#}\n").as_bytes()).ok()?;
    Some(path)
}

/// The text kept for `root` by an earlier session, if any.
pub fn find(root: &Path) -> Option<Draft> {
    let text = std::fs::read_to_string(recovery_path(root)).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(Draft {
        target: target_from_json(value.get("target")?)?,
        text: value.get("text")?.as_str()?.to_string(),
        saved_at: value
            .get("saved_at")
            .and_then(|s| s.as_str())
            .unwrap_or("")
            .to_string(),
    })
}

pub fn forget(root: &Path) {
    let _ = std::fs::remove_file(recovery_path(root));
}
