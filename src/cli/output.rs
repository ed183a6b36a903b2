//! Where command output goes: data to stdout, diagnostics and messages to
//! stderr, colour only on a terminal and never with `NO_COLOR`.

use std::io::{IsTerminal, Write};

use crate::model::{Diagnostic, Severity};
use crate::text::visible;

pub struct Output {
    /// Whether stdout is a terminal, where a document's control characters
    /// would act instead of being read.
    stdout_terminal: bool,
    colour: bool,
    /// Colour for data on stdout, which may be a terminal when stderr is not.
    colour_stdout: bool,
    /// Buffered, because a check of a large workspace prints thousands of
    /// lines and unbuffered stderr makes a system call for each.
    stderr: std::io::BufWriter<std::io::Stderr>,
}

impl Output {
    pub fn from_env() -> Output {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let stdout_terminal = std::io::stdout().is_terminal();
        Output {
            stdout_terminal,
            colour: !no_colour && std::io::stderr().is_terminal(),
            colour_stdout: !no_colour && stdout_terminal,
            stderr: std::io::BufWriter::new(std::io::stderr()),
        }
    }

    /// Data for stdout, written as given (callers make file text visible).
    pub fn data(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    /// Bytes for stdout, as they are (a workbook for a pipe).
    pub fn bytes(&mut self, bytes: &[u8]) {
        let _ = self.stderr.flush();
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`aims export | head`) is not an error worth a panic.
        let _ = stdout.write_all(bytes);
        let _ = stdout.flush();
    }

    /// A document for stdout (an export, a CSV listing): to a file or a
    /// pipe exactly as it is, and on a terminal with its control characters
    /// and invisible marks shown, as the rest of aims shows them there.
    pub fn document(&mut self, text: &str) {
        if self.stdout_terminal {
            self.data(&visible(text, true));
        } else {
            self.data(text);
        }
    }

    /// A JSON document for stdout, pretty-printed; it escapes what could
    /// act on a terminal itself, so it is the same everywhere.
    pub fn json(&mut self, value: &serde_json::Value) {
        self.data(&crate::report::json_text(value));
    }

    fn paint(&self, code: &str, text: &str) -> String {
        paint(self.colour, code, text)
    }

    /// A finding of `aims check`, as a line for stdout: findings are its
    /// data (`aims check | grep`), coloured only when stdout is a terminal.
    pub fn finding_line(&self, d: &Diagnostic) -> String {
        let mut line = finding(d, self.colour_stdout);
        line.push('\n');
        line
    }

    pub fn diagnostic(&mut self, d: &Diagnostic) {
        let line = finding(d, self.colour);
        let _ = writeln!(self.stderr, "{line}");
    }

    pub fn error(&mut self, message: &str) {
        let label = self.paint("1;31", "error");
        let _ = writeln!(self.stderr, "{label}: {}", visible(message, false));
    }

    pub fn note(&mut self, message: &str) {
        let _ = writeln!(self.stderr, "{}", visible(message, false));
    }
}

/// `path:line:column: severity: message`, the form every compiler user knows.
fn finding(d: &Diagnostic, colour: bool) -> String {
    let label = match d.severity {
        Severity::Error => paint(colour, "1;31", "error"),
        Severity::Warning => paint(colour, "1;33", "warning"),
    };
    format!(
        "{}:{}:{}: {label}: {}",
        visible(&d.path, false),
        d.pos.line,
        d.pos.col,
        visible(&d.message, false)
    )
}

fn paint(colour: bool, code: &str, text: &str) -> String {
    if colour {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        let _ = self.stderr.flush();
    }
}
