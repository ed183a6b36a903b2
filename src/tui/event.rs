//! Where events come from: a thread reading the terminal, a thread
//! listening for signals, the background loader and the file watcher, all
//! feeding one channel that the loop drains.

use std::sync::mpsc::Sender;

use ratatui::crossterm::event::{self, Event as TermEvent, KeyEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::workspace::Workspace;

/// What arrives on the loop's channel.
pub enum Event {
    Terminal(TermEvent),
    /// The background load finished.
    Loaded(Result<Box<Workspace>, String>),
    /// Files the watcher saw change on disk, relative to the root.
    FilesChanged(Vec<String>),
    /// SIGHUP (the SSH connection dropped), SIGTERM, SIGINT or SIGQUIT.
    Stop,
}

/// Reads the terminal until the loop is gone. Only key presses are kept:
/// some terminals (Windows) also report releases and repeats as keys.
pub fn spawn_input(events: Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(TermEvent::Key(key)) if key.kind != KeyEventKind::Press => continue,
                Ok(event) => {
                    if events.send(Event::Terminal(event)).is_err() {
                        return;
                    }
                }
                // The terminal is gone (a dropped connection): stop cleanly.
                Err(_) => {
                    let _ = events.send(Event::Stop);
                    return;
                }
            }
        }
    });
}

pub fn spawn_signals(events: Sender<Event>) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = events.send(Event::Stop);
        }
    });
    Ok(())
}

pub fn spawn_loader(root: std::path::PathBuf, events: Sender<Event>) {
    std::thread::spawn(move || {
        let result = crate::workspace::load(&root)
            .map(Box::new)
            .map_err(|e| format!("cannot read {}: {e}", root.display()));
        let _ = events.send(Event::Loaded(result));
    });
}
