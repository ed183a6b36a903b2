//! One turn of the interface's loop: wait for an event, apply it and
//! everything queued behind it, and draw the frame. `run` turns it until
//! the user quits; the `tui_speed` benchmark turns it after sending keys of
//! its own, so what it times is what a key press costs in the program: the
//! keymap, the event channel, the update and the bytes of the frame.

use std::io::Write;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

use ratatui::Terminal;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{execute, queue};

use super::action::Action;
use super::app::App;
use super::backend::CompactBackend;
use super::event::Event;
use super::theme::Theme;
use super::{action_for_event, keep_draft, process, recovery, views, watch};

pub struct Session<W: Write> {
    app: App,
    terminal: Terminal<CompactBackend<W>>,
    theme: Theme,
    events: Receiver<Event>,
    /// An event taken off the channel while working ahead, to handle first.
    waiting: Option<Event>,
    /// Given to the file watcher once the workspace has loaded, so that it
    /// compares the files with what was read rather than with nothing.
    watcher: Option<Sender<Event>>,
    #[cfg(debug_assertions)]
    crash: test_crash::CrashAfterKeys,
}

impl<W: Write> Session<W> {
    /// `watcher` is the sender the file watcher reports on: the one that
    /// feeds `events`.
    pub fn new(
        app: App,
        terminal: Terminal<CompactBackend<W>>,
        theme: Theme,
        events: Receiver<Event>,
        watcher: Sender<Event>,
    ) -> Session<W> {
        Session {
            app,
            terminal,
            theme,
            events,
            waiting: None,
            watcher: Some(watcher),
            #[cfg(debug_assertions)]
            crash: test_crash::CrashAfterKeys::from_env(),
        }
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    /// Draws the frame; false when the terminal is gone, like after
    /// SIGHUP, and then what is open or unwritten has been kept.
    pub fn draw(&mut self) -> bool {
        if draw_frame(&mut self.terminal, &self.app, self.theme) {
            return true;
        }
        keep_draft(&self.app, &self.app.root);
        false
    }

    /// Waits for an event, applies it and every event queued behind it,
    /// draws once if any of them changed something, then works ahead until
    /// an event arrives. False once the loop should end (a quit, a lost
    /// terminal, no event source left).
    pub fn turn(&mut self) -> bool {
        let Some(first) = self.waiting.take().or_else(|| self.events.recv().ok()) else {
            return false;
        };
        // Take everything already queued, so a burst of keys (a paste
        // without bracketed paste, a held arrow key) costs one frame.
        let batch: Vec<Event> = std::iter::once(first)
            .chain(self.events.try_iter())
            .collect();
        let mut dirty = false;
        for event in batch {
            let Some(action) = self.action_for(event) else {
                continue;
            };
            dirty = true;
            if !process(&mut self.app, action) {
                return false;
            }
        }
        process(&mut self.app, Action::Settled);
        if let Ok(mut open) = recovery::OPEN_DRAFT.lock() {
            *open = self.app.draft();
        }
        if dirty && !self.draw() {
            return false;
        }
        self.work_ahead();
        true
    }

    /// Does what a later key would otherwise wait for, a piece at a time,
    /// until an event arrives or nothing is left.
    fn work_ahead(&mut self) {
        while self.app.has_work_ahead() {
            match self.events.try_recv() {
                Ok(event) => {
                    self.waiting = Some(event);
                    return;
                }
                // With no sender left, the next turn ends the loop.
                Err(TryRecvError::Disconnected) => return,
                Err(TryRecvError::Empty) => {
                    process(&mut self.app, Action::Idle);
                }
            }
        }
    }

    fn action_for(&mut self, event: Event) -> Option<Action> {
        #[cfg(debug_assertions)]
        if matches!(
            event,
            Event::Terminal(ratatui::crossterm::event::Event::Key(_))
        ) {
            self.crash.key();
        }
        match event {
            Event::Terminal(event) => action_for_event(&self.app, event),
            Event::Loaded(Ok(workspace)) => {
                if let Some(sender) = self.watcher.take() {
                    watch::spawn(self.app.root.clone(), sender);
                }
                Some(Action::Loaded(workspace))
            }
            Event::Loaded(Err(message)) => Some(Action::LoadFailed(message)),
            Event::FilesChanged(paths) => Some(Action::FilesChanged(paths)),
            Event::Stop => Some(Action::Hangup),
        }
    }
}

/// Draws one frame inside a synchronized update, so a slow link shows the
/// whole frame at once instead of tearing. False when the terminal is gone.
fn draw_frame<W: Write>(
    terminal: &mut Terminal<CompactBackend<W>>,
    app: &App,
    theme: Theme,
) -> bool {
    if queue!(terminal.backend_mut().inner_mut(), BeginSynchronizedUpdate).is_err() {
        return false;
    }
    if terminal
        .draw(|frame| views::draw(frame, app, theme))
        .is_err()
    {
        return false;
    }
    let backend = terminal.backend_mut().inner_mut();
    execute!(backend, EndSynchronizedUpdate).is_ok() && Write::flush(backend).is_ok()
}

/// A way to make aims crash, which exists only for the end-to-end test of
/// recovery after a panic (`tests/tui_promises_e2e.rs`): aims has no known
/// panic to trigger, and the panic hook's promise (terminal restored, open
/// text kept and offered back) needs one. Only debug builds have it, and
/// only when `AIMS_TEST_PANIC_AFTER_KEYS=N` is set: once N key presses have
/// been handled, the next one panics before it is handled.
#[cfg(debug_assertions)]
mod test_crash {
    pub struct CrashAfterKeys {
        left: Option<u64>,
    }

    impl CrashAfterKeys {
        pub fn from_env() -> CrashAfterKeys {
            CrashAfterKeys {
                left: std::env::var("AIMS_TEST_PANIC_AFTER_KEYS")
                    .ok()
                    .and_then(|n| n.parse().ok()),
            }
        }

        /// Called for each key press the loop takes, before handling it.
        pub fn key(&mut self) {
            match &mut self.left {
                Some(0) => panic!("AIMS_TEST_PANIC_AFTER_KEYS: the panic asked for by the test"),
                Some(left) => *left -= 1,
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};

    /// Once the loaded workspace is drawn and no key is waiting, the sort
    /// ranks and the gaps are made, so that no key has to make them.
    #[test]
    fn the_turn_that_shows_the_workspace_works_ahead() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/workspace-example"));
        let terminal = Terminal::with_options(
            CompactBackend::new(CrosstermBackend::new(Vec::new())),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
            },
        )
        .expect("a terminal");
        let app = App::new(root.to_path_buf(), "Tester".into(), chrono::NaiveDate::MIN);
        let (sender, events) = std::sync::mpsc::channel();
        let workspace = crate::workspace::load(root).expect("the example loads");
        sender
            .send(Event::Loaded(Ok(Box::new(workspace))))
            .expect("the channel is open");
        let mut session = Session::new(app, terminal, Theme { colour: false }, events, sender);
        assert!(session.turn());
        assert!(!session.app.has_work_ahead());
        assert!(session.app.gaps.is_some());
    }
}
