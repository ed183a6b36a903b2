//! The full-screen interface: the only part of aims that knows about a
//! terminal. Keys become actions through the keymap, `App::update` applies
//! them and returns effects, and this loop performs the effects (writes,
//! reloads) and draws, once per batch of input and only after a change.

mod action;
mod app;
pub mod backend;
mod derived;
mod dialog;
mod drafts;
mod edits;
mod event;
mod filter;
mod form;
mod gaps;
mod history;
mod inventory;
pub mod keymap;
mod meeting;
mod merging;
mod popup;
mod recovery;
mod rows;
mod session;
mod state;
mod summary;
mod system_index;
mod terminal;
mod theme;
mod views;
mod watch;

pub use action::{Action, Command};
pub use app::{App, Effect, Focus, Tab};
pub use event::Event;
pub use popup::{Draft, FieldRef, FormRecord, Popup, RecordRef};
pub use recovery::{claim, recovery_path, state_dir};
pub use rows::Column;
pub use session::Session;
pub use theme::Theme;
pub use views::draw;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use ratatui::crossterm::event::Event as TermEvent;

use crate::workspace::{SaveError, SaveOutcome};

/// The name stamped on reviews: `git config user.name`, else `$USER`.
pub fn reviewer_name(root: &Path) -> String {
    std::process::Command::new("git")
        .args(["config", "user.name"])
        .current_dir(root)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|name| !name.is_empty())
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown reviewer".to_string())
}

/// Turns a terminal event into an action, if it means one.
pub fn action_for_event(app: &App, event: TermEvent) -> Option<Action> {
    match event {
        TermEvent::Key(key) => app.action_for_key(key),
        TermEvent::Paste(text) => Some(Action::Paste(text)),
        TermEvent::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    }
}

/// Runs the interface on the workspace at `root` until the user quits.
pub fn run(root: &Path, today: chrono::NaiveDate) -> Result<(), String> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(
            "the full-screen interface needs a terminal, and stdin or stdout is not one; in scripts use `aims check`, `aims progress` or `aims export`"
                .into(),
        );
    }
    let root =
        std::fs::canonicalize(root).map_err(|e| format!("cannot open {}: {e}", root.display()))?;
    let (sender, events) = mpsc::channel();
    event::spawn_loader(root.clone(), sender.clone());

    let mut app = App::new(root.clone(), reviewer_name(&root), today);
    let kept_in = recovery::state_dir();
    app.draft_found = recovery::claim(&kept_in, &root);
    app.recovery_dir = Some(kept_in.clone());
    install_panic_hook(kept_in.clone(), root.clone());
    let terminal = terminal::enter().map_err(|e| format!("cannot start the terminal: {e}"))?;
    let _guard = terminal::Guard;
    event::spawn_input(sender.clone());
    event::spawn_signals(sender.clone()).map_err(|e| format!("cannot listen for signals: {e}"))?;
    let theme = Theme::from_env();
    if let Ok(size) = terminal.size() {
        app.update(Action::Resize(size.width, size.height));
    }
    let mut session = Session::new(app, terminal, theme, events, sender);
    if session.draw() {
        while session.turn() {}
    }
    Ok(())
}

/// Applies an action and performs its effects (and theirs); false to quit.
/// Public so that tests can drive the app exactly as the loop does.
pub fn process(app: &mut App, action: Action) -> bool {
    let mut queue = vec![action];
    while let Some(action) = queue.pop() {
        for effect in app.update(action) {
            match perform(app, effect) {
                Flow::Continue(None) => {}
                Flow::Continue(Some(next)) => queue.push(next),
                Flow::Quit => return false,
            }
        }
    }
    // Only once every write has told how it went: kept work whose write
    // failed again must not lose its recovery file.
    if let Some(effect) = app.settle_recovery() {
        perform(app, effect);
    }
    true
}

enum Flow {
    Continue(Option<Action>),
    Quit,
}

fn perform(app: &mut App, effect: Effect) -> Flow {
    let root = app.root.clone();
    let today = app.today;
    let Some(workspace) = app.workspace.as_mut() else {
        return match effect {
            Effect::Quit => Flow::Quit,
            _ => Flow::Continue(None),
        };
    };
    let written = |result: Result<SaveOutcome, SaveError>,
                   record: Option<crate::workspace::Record>,
                   path: String| match result {
        Ok(SaveOutcome::Written(dropped)) => Some(Action::Written {
            path,
            replaced: None,
            dropped,
        }),
        Ok(SaveOutcome::Unchanged) => None,
        Err(SaveError::Conflict { disk, .. }) => Some(match record {
            Some(record) => Action::WriteConflict {
                record: Box::new(record),
                disk,
            },
            // An undo that would remove a file someone changed meanwhile.
            None => Action::WriteFailed(
                path.clone(),
                format!("{path} changed on disk; it was not removed"),
            ),
        }),
        Err(e) => Some(Action::WriteFailed(path.clone(), e.to_string())),
    };
    let next = match effect {
        Effect::Write(record) => {
            let path = record.path();
            match workspace.save_keeping(&record) {
                Ok((SaveOutcome::Written(dropped), replaced)) => Some(Action::Written {
                    path,
                    replaced,
                    dropped,
                }),
                other => written(other.map(|(outcome, _)| outcome), Some(record), path),
            }
        }
        Effect::RestoreText(record, text) => {
            let path = record.path();
            written(workspace.restore_text(&record, &text), Some(record), path)
        }
        Effect::WriteOver(record, seen) => {
            let path = record.path();
            written(
                workspace.save_over(&record, seen.as_deref()),
                Some(record),
                path,
            )
        }
        Effect::WriteSince(record, base) => {
            let path = record.path();
            written(workspace.save_since(&record, base), Some(record), path)
        }
        Effect::Remove(path) => written(workspace.remove(&path), None, path),
        Effect::ResolveMerge(merge, choices) => {
            let path = merge.path.clone();
            let outcome = match workspace.resolve_merge(&merge, &choices) {
                Ok(SaveOutcome::Written(dropped)) => Ok(dropped),
                Ok(SaveOutcome::Unchanged) => Ok(Vec::new()),
                Err(SaveError::Conflict { .. }) => Err(format!(
                    "{path} changed on disk while you chose, so it was not written; press ! to look again"
                )),
                Err(e) => Err(e.to_string()),
            };
            Some(Action::Resolved { path, outcome })
        }
        Effect::ReloadAnyway(path) => {
            let outcome = workspace.reload_anyway(&path);
            Some(Action::Reloaded(path, outcome))
        }
        Effect::Reload(path) => {
            let outcome = workspace.reload(&path);
            Some(Action::Reloaded(path, outcome))
        }
        Effect::ForgetDraft => {
            recovery::forget(&root);
            None
        }
        Effect::ReleaseDraft => {
            recovery::release(&root);
            None
        }
        Effect::ReadMeeting => Some(meeting::read(workspace, today)),
        Effect::ReadHistory(path) => {
            let outcome = crate::workspace::history(&root, &path, true);
            Some(Action::HistoryRead { path, outcome })
        }
        Effect::RemoveLeftovers => {
            Some(Action::LeftoversRemoved(workspace.remove_stale_leftovers()))
        }
        Effect::Quit => {
            // What is open or unwritten is kept for the next start.
            keep_draft(app, &root);
            return Flow::Quit;
        }
    };
    Flow::Continue(next)
}

/// Keeps what is open or unwritten, where the app keeps recoveries.
fn keep_draft(app: &App, root: &Path) {
    if let (Some(dir), Some(draft)) = (&app.recovery_dir, app.draft()) {
        recovery::keep(dir, root, &draft);
    }
}

fn install_panic_hook(kept_in: PathBuf, root: PathBuf) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        terminal::restore();
        let kept = recovery::keep_open(&kept_in, &root);
        default(info);
        if let Some(path) = kept {
            eprintln!(
                "aims stopped on an internal error; the text you were editing is kept in {} and is offered back when you start aims again",
                path.display()
            );
        }
    }));
}
