//! The command-line definition (clap): one place for flags, help text and
//! the shell completions generated from them.

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use super::Output;

const AFTER_HELP: &str = "\
Progress measures:
  decided      controls with a decision (applicable or excluded) and a
               justification, out of all controls
  implemented  controls marked implemented, out of applicable controls
               (clauses 4-10 are mandatory: all of them count as applicable)

The workspace is DIR, else --workspace, else $AIMS_WORKSPACE, else the
current folder or its nearest parent holding aims.yaml.";

#[derive(Parser, Debug)]
#[command(
    name = "aims",
    version,
    about = "A terminal workbench for ISO/IEC 42001: AI inventory, impact assessments and the Statement of Applicability",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// The workspace folder (holding aims.yaml)
    #[arg(long, global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    /// Open the full-screen interface on this workspace
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
    Md,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum CatalogFormat {
    Table,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new workspace: manifest and empty record folders, every control undecided
    Init {
        /// Folder to create the workspace in (created if missing)
        dir: PathBuf,
        /// Organisation name for the manifest
        #[arg(long)]
        org: Option<String>,
    },
    /// Validate every file; prints path:line:column: error|warning: message
    #[command(
        after_help = "Exit status: 0 clean, 1 errors (or warnings with --strict), 2 not a workspace."
    )]
    Check {
        dir: Option<PathBuf>,
        /// Treat warnings as errors
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
    },
    /// Progress per domain and clause: decided, applicable, excluded, implemented
    #[command(after_help = AFTER_HELP)]
    Progress {
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Prioritised next steps: undecided controls, missing justifications, owners, overdue reviews
    Gaps {
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
    },
    /// List the controls of the catalogues in use (the built-in ones outside a workspace)
    Catalog {
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: CatalogFormat,
    },
    /// Rewrite every record file in canonical form
    #[command(
        after_help = "Exit status: 0 done (or nothing to change), 1 with --check if any file would change."
    )]
    Fmt {
        dir: Option<PathBuf>,
        /// Change nothing; list the files that would change
        #[arg(long)]
        check: bool,
    },
    /// Export the Statement of Applicability, inventory, impact assessments and progress
    Export {
        dir: Option<PathBuf>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to FILE instead of stdout
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

pub fn print_completions(shell: clap_complete::Shell, out: &mut Output) {
    let mut command = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, "aims", &mut buffer);
    out.data(&String::from_utf8_lossy(&buffer));
}
