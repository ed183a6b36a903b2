//! Noticing files changed behind our back (a `git pull`, vim in another
//! pane): a background thread compares the size and modification time of
//! every record file every second and reports the ones that differ.
//!
//! Polling, not inotify, because it works the same on every filesystem
//! (network mounts, containers) and costs a few milliseconds a second even
//! on a 10,000-system workspace.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, SystemTime};

use super::event::Event;
use crate::workspace::{IMPACT_DIR, INVENTORY_DIR, MANIFEST_FILE, SOA_DIR};

type Stamp = (u64, Option<SystemTime>);

fn snapshot(root: &Path) -> HashMap<String, Stamp> {
    let mut files = HashMap::new();
    let stamp = |path: &Path| {
        std::fs::metadata(path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()))
    };
    if let Some(s) = stamp(&root.join(MANIFEST_FILE)) {
        files.insert(MANIFEST_FILE.to_string(), s);
    }
    for dir in [INVENTORY_DIR, SOA_DIR, IMPACT_DIR] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".yaml") || name.starts_with('.') {
                continue;
            }
            if let Some(s) = stamp(&entry.path()) {
                files.insert(format!("{dir}/{name}"), s);
            }
        }
    }
    files
}

/// Starts the watcher; it stops when the receiving side is gone.
pub fn spawn(root: PathBuf, events: Sender<Event>) {
    std::thread::spawn(move || {
        let mut before = snapshot(&root);
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let now = snapshot(&root);
            let mut changed: Vec<String> = now
                .iter()
                .filter(|(path, stamp)| before.get(*path) != Some(stamp))
                .map(|(path, _)| path.clone())
                .chain(before.keys().filter(|p| !now.contains_key(*p)).cloned())
                .collect();
            before = now;
            if changed.is_empty() {
                continue;
            }
            changed.sort();
            if events.send(Event::FilesChanged(changed)).is_err() {
                return;
            }
        }
    });
}
