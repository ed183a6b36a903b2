//! Recovery files: the form and the editor that were open when aims had to
//! stop (SSH dropped, SIGTERM, SIGQUIT, a crash), and edits whose write
//! failed, offered back on the next start.
//!
//! They live outside the workspace, in `$XDG_STATE_HOME/aims` (else
//! `~/.local/state/aims`), so they are never committed by accident. Each
//! session writes a file of its own, so two aims on one workspace never
//! write over each other's; a starting aims takes one by renaming it
//! (atomic, so two starting together never take the same one), and
//! removes it only once its content is saved or the reviewer drops it.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde_json::{Value, json};

use super::popup::{Draft, FieldRef, FormRecord, RecordRef};
use crate::workspace::{Base, Fingerprint, Record, parse_record, write_atomically};

/// What to keep if aims stops now, kept current by the loop so that the
/// panic hook and the signal path can save it without reaching into the app.
pub static OPEN_DRAFT: Mutex<Option<Draft>> = Mutex::new(None);

/// The file this session took at start for each workspace (one, in the
/// program; several in tests), until it is dealt with.
static CLAIMED: Mutex<Vec<(PathBuf, PathBuf)>> = Mutex::new(Vec::new());

/// Takes the file claimed for `root` out of the list.
fn take_claimed(root: &Path) -> Option<PathBuf> {
    let mut claimed = CLAIMED.lock().ok()?;
    let at = claimed.iter().position(|(r, _)| r == root)?;
    Some(claimed.remove(at).1)
}

const CLAIM: &str = ".claimed-";

/// `$XDG_STATE_HOME/aims`, else `~/.local/state/aims`.
pub fn state_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("aims");
    }
    let home = std::env::var_os("HOME").map_or_else(std::env::temp_dir, PathBuf::from);
    home.join(".local/state/aims")
}

/// The start of the name of every recovery file of the workspace at `root`.
fn prefix(root: &Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut hasher);
    let name: String = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("recovery-{name}-{:016x}", hasher.finish())
}

/// This process's part of its file name: its id and when it started.
fn session() -> &'static str {
    static SESSION: OnceLock<String> = OnceLock::new();
    SESSION.get_or_init(|| {
        let millis = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        format!("{millis:015}-{}", std::process::id())
    })
}

/// This session's recovery file for `root`, in the folder `dir`.
pub fn recovery_path(dir: &Path, root: &Path) -> PathBuf {
    dir.join(format!("{}-{}.json", prefix(root), session()))
}

/// Writes what `draft` holds for `root` to this session's file (again, if
/// it was written before: one file per session). The file this session
/// took at start is removed once its content is safe in the new one.
pub fn keep(dir: &Path, root: &Path, draft: &Draft) -> Option<PathBuf> {
    let path = recovery_path(dir, root);
    let body = json!({
        "format": 2,
        "workspace": root.display().to_string(),
        "saved_at": chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        "form": draft.form.as_ref().map(|(target, record, selected)| json!({
            "record": target.to_json(),
            "values": record_values(target, record),
            "selected": selected,
        })),
        "field": draft.field.as_ref().map(|(field, text, original)| json!({
            "record": field.record.to_json(),
            "key": field.key(),
            "text": text,
            "original": original,
        })),
        "unsaved": draft.unsaved.iter().map(|(r, base)| json!({
            "path": r.path(),
            "text": r.to_text(),
            "base": base_json(*base),
        })).collect::<Vec<_>>(),
    });
    std::fs::create_dir_all(dir).ok()?;
    write_atomically(&path, format!("{body:#}\n").as_bytes()).ok()?;
    forget(root);
    Some(path)
}

/// Keeps the draft the loop last published, if there is one.
pub fn keep_open(dir: &Path, root: &Path) -> Option<PathBuf> {
    let draft = OPEN_DRAFT.lock().ok()?.clone()?;
    keep(dir, root, &draft)
}

/// The editable values of a form's record, and a new system's id, which
/// names its file and is not editable once it exists.
fn record_values(target: &RecordRef, record: &FormRecord) -> Value {
    let mut values = record.to_json();
    if let (RecordRef::NewSystem, FormRecord::System(system), Value::Object(map)) =
        (target, record, &mut values)
    {
        map.insert("id".into(), Value::String(system.id.clone()));
    }
    values
}

/// Takes the oldest recovery file of `root` in `dir` that no running aims
/// holds, and returns what it kept; it stays on disk until `forget` or
/// `release`.
pub fn claim(dir: &Path, root: &Path) -> Option<Draft> {
    let prefix = prefix(root);
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let base = name.split(CLAIM).next().unwrap_or_default().to_string();
            (name.starts_with(&prefix) && base.ends_with(".json") && !claimed_by_live(&name))
                .then(|| (base, entry.path()))
        })
        .collect();
    // The names hold the time the session started, so this is oldest first.
    files.sort();
    for (base, path) in files {
        let taken = dir.join(format!("{base}{CLAIM}{}", std::process::id()));
        if std::fs::rename(&path, &taken).is_err() {
            // Another aims took it first.
            continue;
        }
        let draft = std::fs::read_to_string(&taken)
            .ok()
            .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            .and_then(|value| parse(&value));
        if let Some(draft) = draft {
            if let Ok(mut claimed) = CLAIMED.lock() {
                claimed.retain(|(r, _)| r != root);
                claimed.push((root.to_path_buf(), taken));
            }
            return Some(draft);
        }
        // Not a file this aims can read: left as it was, for a newer aims.
        let _ = std::fs::rename(&taken, &path);
    }
    None
}

/// Whether a claimed file's name says a running process holds it.
fn claimed_by_live(name: &str) -> bool {
    let Some((_, pid)) = name.split_once(CLAIM) else {
        return false;
    };
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

fn parse(value: &Value) -> Option<Draft> {
    let saved_at = value
        .get("saved_at")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if value.get("format").and_then(Value::as_u64) != Some(2) {
        return parse_first_format(value, saved_at);
    }
    let form = match value.get("form") {
        Some(Value::Object(form)) => {
            let target = RecordRef::from_json(form.get("record")?)?;
            let mut record = target.blank();
            let values = form.get("values").cloned().unwrap_or(Value::Null);
            if let (FormRecord::System(system), Some(id)) =
                (&mut record, values.get("id").and_then(Value::as_str))
            {
                system.id = id.to_string();
            }
            record.fill_from_json(&values);
            let selected = form
                .get("selected")
                .and_then(Value::as_u64)
                .and_then(|s| usize::try_from(s).ok())
                .unwrap_or(0);
            Some((target, record, selected))
        }
        _ => None,
    };
    let field = match value.get("field") {
        Some(Value::Object(field)) => {
            let target = RecordRef::from_json(field.get("record")?)?;
            let field_ref = FieldRef::new(target, field.get("key")?.as_str()?)?;
            let text = field.get("text")?.as_str()?.to_string();
            let original = field
                .get("original")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            Some((field_ref, text, original))
        }
        _ => None,
    };
    let unsaved: Vec<(Record, Base)> = value
        .get("unsaved")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let record = parse_record(r.get("path")?.as_str()?, r.get("text")?.as_str()?)?;
            Some((record, base_from_json(r.get("base"))))
        })
        .collect();
    Some(Draft {
        form,
        field,
        unsaved,
        saved_at,
    })
}

/// A record's base as kept: the fingerprint of its file, `"none"` for no
/// file, `"ask"` when the user must see both versions first.
fn base_json(base: Base) -> Value {
    match base {
        Base::File(fingerprint) => json!(fingerprint.as_u64()),
        Base::NoFile => json!("none"),
        Base::Ask => json!("ask"),
    }
}

fn base_from_json(value: Option<&Value>) -> Base {
    match value {
        Some(Value::Number(n)) => n
            .as_u64()
            .map_or(Base::Ask, |n| Base::File(Fingerprint::from_u64(n))),
        Some(Value::String(s)) if s == "none" => Base::NoFile,
        // Anything else is unknown: the user sees both versions first.
        _ => Base::Ask,
    }
}

/// Files kept by aims before per-session files: one text of one field.
fn parse_first_format(value: &Value, saved_at: String) -> Option<Draft> {
    let target = value.get("target")?;
    let control = target.get("control")?.as_str()?.to_string();
    let index = target
        .get("index")
        .and_then(Value::as_u64)
        .and_then(|i| usize::try_from(i).ok());
    let (record, key) = match target.get("field")?.as_str()? {
        "evidence_ref" => (RecordRef::Evidence(control, index), "ref".to_string()),
        "evidence_note" => (RecordRef::Evidence(control, index), "note".to_string()),
        "form" => {
            let form = value.get("form")?;
            let kind = form.get("kind")?.as_str()?;
            let record = if kind == "roles" {
                RecordRef::Manifest
            } else {
                RecordRef::from_json(&json!({
                    "kind": kind,
                    "id": form.get("system")?,
                    "index": form.get("index"),
                }))?
            };
            (record, form.get("key")?.as_str()?.to_string())
        }
        field => (RecordRef::Soa(control), field.to_string()),
    };
    let field = FieldRef::new(record, &key)?;
    let text = value.get("text")?.as_str()?.to_string();
    Some(Draft {
        form: None,
        field: Some((field, text, String::new())),
        unsaved: Vec::new(),
        saved_at,
    })
}

/// Removes the file this session took: its content is saved, kept anew,
/// or the reviewer dropped it.
pub fn forget(root: &Path) {
    if let Some(path) = take_claimed(root) {
        let _ = std::fs::remove_file(path);
    }
}

/// Gives the file this session took back, to be offered next time.
pub fn release(root: &Path) {
    if let Some(path) = take_claimed(root) {
        let name = path.to_string_lossy().into_owned();
        if let Some((base, _)) = name.split_once(CLAIM) {
            let _ = std::fs::rename(&path, base);
        }
    }
}
