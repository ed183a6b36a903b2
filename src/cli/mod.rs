//! The command line: one file per subcommand. Each command loads what it
//! needs through the core, prints data on stdout and diagnostics on stderr,
//! and returns its exit code.

pub mod args;
mod catalog;
mod check;
mod crosswalk;
mod export;
mod fmt;
mod gaps;
mod gdpr;
mod history;
mod import;
mod init;
mod inventory;
mod listing;
mod manifest;
mod obligations;
mod output;
mod owners;
mod progress;
mod setting;
mod since;
mod soa;
mod trend;

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::workspace::{Workspace, discover, load};
use args::ProgressBy;
pub use args::{Cli, Command, ImportCommand, InventoryCommand, SoaCommand};
pub use output::Output;

/// Exit codes, as the interface promises them.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
/// A write failed: the disk is full, the folder read-only or gone.
pub const EXIT_WRITE: u8 = 3;

/// A failure that ends a command with a message and an exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_USAGE,
            message: message.into(),
        }
    }
}

/// Today's date, or `AIMS_TODAY` (YYYY-MM-DD) when set, so that reports and
/// tests can be reproduced on another day.
pub fn today() -> NaiveDate {
    std::env::var("AIMS_TODAY")
        .ok()
        .and_then(|d| crate::yaml::parse_date(&d))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Finds and loads the workspace a command names (or the one around us).
pub fn open_workspace(dir: Option<&Path>) -> Result<Workspace, Failure> {
    open_workspace_alongside(dir, |_| ()).map(|(workspace, ())| workspace)
}

/// Like [`open_workspace`], running `alongside` on the workspace's folder
/// while the workspace loads.
pub fn open_workspace_alongside<T: Send>(
    dir: Option<&Path>,
    alongside: impl FnOnce(&Path) -> T + Send,
) -> Result<(Workspace, T), Failure> {
    let root = discover(dir).map_err(|e| Failure::usage(e.to_string()))?;
    let (loaded, beside) = rayon::join(|| load(&root), || alongside(&root));
    let workspace =
        loaded.map_err(|e| Failure::usage(format!("cannot read {}: {e}", root.display())))?;
    Ok((workspace, beside))
}

pub fn run(cli: Cli, out: &mut Output) -> Result<u8, Failure> {
    // `aims DIR check` names the workspace too, so it is never silently ignored.
    let dir = |d: &Option<std::path::PathBuf>| {
        d.clone()
            .or_else(|| cli.workspace.clone())
            .or_else(|| cli.dir.clone())
    };
    match &cli.command {
        Some(Command::Init { dir, org, no_git }) => init::run(dir, org.as_deref(), !no_git, out),
        Some(Command::Check {
            dir: d,
            strict,
            format,
        }) => check::run(dir(d).as_deref(), *strict, *format, out),
        Some(Command::Progress {
            dir: d,
            format,
            by: Some(ProgressBy::Owner),
            ..
        }) => owners::run(dir(d).as_deref(), *format, out),
        Some(Command::Progress {
            dir: d,
            format,
            since: Some(when),
            ..
        }) => since::run(dir(d).as_deref(), when, *format, out),
        Some(Command::Progress { dir: d, format, .. }) => {
            progress::run(dir(d).as_deref(), *format, out)
        }
        Some(Command::Gaps {
            dir: d,
            format,
            owner,
        }) => gaps::run(dir(d).as_deref(), *format, owner.as_deref(), out),
        Some(Command::Catalog {
            format,
            readiness: true,
            ..
        }) => catalog::readiness(*format, out),
        Some(Command::Catalog { dir: d, format, .. }) => {
            catalog::run(dir(d).as_deref(), *format, out)
        }
        Some(Command::Fmt { dir: d, check }) => fmt::run(dir(d).as_deref(), *check, out),
        Some(Command::Export {
            dir: d,
            format,
            draft,
            output,
            table,
        }) => export::run(
            dir(d).as_deref(),
            export::Request {
                format: *format,
                table: *table,
                draft: *draft,
                output: output.as_deref(),
            },
            out,
        ),
        Some(Command::Import { command }) => {
            let (kind, args) = match command {
                ImportCommand::Soa(args) => (crate::import::Kind::Soa, args),
                ImportCommand::Inventory(args) => (crate::import::Kind::Inventory, args),
            };
            import::run(kind, dir(&args.dir).as_deref(), args, out)
        }
        Some(Command::Crosswalk {
            dir: d,
            framework,
            format,
        }) => crosswalk::run(dir(d).as_deref(), *framework, *format, out),
        Some(Command::Gdpr { dir: d, format }) => gdpr::run(dir(d).as_deref(), *format, out),
        Some(Command::Inventory { command }) => match command {
            InventoryCommand::List { dir: d, format } => {
                inventory::list(dir(d).as_deref(), *format, out)
            }
            InventoryCommand::Add(add) => inventory::add(dir(&add.dir).as_deref(), add, out),
            // The positionals are the id and the assignments, so the
            // workspace comes from --workspace, $AIMS_WORKSPACE or discovery.
            InventoryCommand::Set { id, assignments } => {
                inventory::set(dir(&None).as_deref(), id, assignments, out)
            }
        },
        Some(Command::Soa { command }) => match command {
            SoaCommand::List { dir: d, format } => soa::list(dir(d).as_deref(), *format, out),
            SoaCommand::Set {
                control,
                assignments,
            } => soa::set(dir(&None).as_deref(), control, assignments, out),
        },
        Some(Command::Manifest { assignments }) => {
            manifest::set(dir(&None).as_deref(), assignments, out)
        }
        Some(Command::Obligations {
            system,
            dir: d,
            format,
        }) => {
            let (system, d) = obligations::system_and_dir(system.as_deref(), d.as_deref());
            obligations::run(system, dir(&d).as_deref(), *format, out)
        }
        Some(Command::History {
            record,
            dir: d,
            patch,
            format,
        }) => history::run(record, dir(d).as_deref(), *patch, *format, out),
        Some(Command::Trend {
            dir: d,
            since,
            format,
        }) => trend::run(dir(d).as_deref(), since.as_deref(), *format, out),
        Some(Command::Completions { shell }) => {
            args::print_completions(*shell, out);
            Ok(EXIT_OK)
        }
        None => {
            if let Some(typo) = cli.dir.as_deref().and_then(mistyped_command) {
                return Err(Failure::usage(typo));
            }
            let root = crate::workspace::discover(cli.dir.as_deref().or(cli.workspace.as_deref()))
                .map_err(|e| Failure::usage(e.to_string()))?;
            crate::tui::run(&root, today()).map_err(Failure::usage)?;
            Ok(EXIT_OK)
        }
    }
}

/// A folder name that does not exist and is a slip of a command's name
/// (`aims chek`) is taken for the command it nearly is, not for a folder.
fn mistyped_command(dir: &Path) -> Option<String> {
    use clap::CommandFactory;
    let typed = dir.to_str()?;
    if dir.exists() || typed.contains(std::path::MAIN_SEPARATOR) || typed.contains('/') {
        return None;
    }
    let command = Cli::command();
    let near = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| edit_distance(name, typed) <= 2 && typed.len() >= 2)
        .min_by_key(|name| edit_distance(name, typed))?;
    Some(format!(
        "unknown command `{typed}`; did you mean `{near}`? (`aims --help` lists the commands)"
    ))
}

/// The number of single-letter edits that turn `a` into `b`.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut next = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            next.push((row[j] + cost).min(row[j + 1] + 1).min(next[j] + 1));
        }
        row = next;
    }
    row[b.len()]
}

/// Runs the command line and turns failures into messages and exit codes.
pub fn main_with(cli: Cli) -> ExitCode {
    let mut out = Output::from_env();
    match run(cli, &mut out) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            out.error(&failure.message);
            ExitCode::from(failure.code)
        }
    }
}
