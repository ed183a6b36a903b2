//! Entering and leaving full-screen mode. One `restore` undoes everything
//! `enter` turned on, and it runs on every way out: a normal quit, an error,
//! a panic (from the hook) and a dropped guard.

use std::io::{Stdout, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::backend::CompactBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

pub type Tui = Terminal<CompactBackend<Stdout>>;

/// Whether the terminal is in full-screen mode, so restore runs once.
static ACTIVE: AtomicBool = AtomicBool::new(false);

pub fn enter() -> std::io::Result<Tui> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    // Mouse capture stays off, so people can select and copy text.
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    Terminal::new(CompactBackend::new(CrosstermBackend::new(stdout())))
}

/// Leaves full-screen mode; safe to call more than once and from a panic.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = stdout();
        // Errors are ignored: after a dropped SSH connection there is no
        // terminal left to restore, and that must not stop the exit.
        let _ = execute!(
            out,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = disable_raw_mode();
        let _ = out.flush();
    }
}

/// Restores the terminal when dropped, whatever path leaves the loop.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
