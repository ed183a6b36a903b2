//! The command-line definition (clap): one place for flags, help text and
//! the shell completions generated from them.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use super::Output;
use crate::report::TableId;

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
    /// GitHub Actions annotations (`::error file=...::message`)
    Github,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum GapsFormat {
    Text,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
    Md,
}

/// How `aims progress --by` groups what is open.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProgressBy {
    /// Who owes what
    Owner,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum CatalogFormat {
    Table,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A Markdown report for people: document control, scope, roles, progress, SoA, inventory, impact assessments, risks
    Md,
    /// One table (--table, the SoA by default) for spreadsheets: UTF-8 with BOM, CRLF
    Csv,
    /// The Markdown report's content as one standalone, printable page
    Html,
    /// Everything, for other tools (schema_version 2, see the README)
    Json,
    /// One workbook: a cover sheet with document control and a sheet per table
    Xlsx,
}

/// The tables of `export --format csv`, by the words `TableId::key` gives.
impl ValueEnum for TableId {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            TableId::Soa,
            TableId::Inventory,
            TableId::Impact,
            TableId::Risks,
            TableId::Progress,
            TableId::Duties,
            TableId::DutiesBySystem,
            TableId::DutyRules,
            TableId::Crosswalks,
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let help = match self {
            TableId::Duties => Some(
                "The EU AI Act duties of each system in use, a row per duty (indicative; the workbook has the next two instead)",
            ),
            TableId::DutiesBySystem => Some("The same duties, a row per system in use"),
            TableId::DutyRules => Some("What each duty asks, of whom and from when"),
            TableId::Crosswalks => Some("The NIST AI RMF and EU AI Act crosswalks"),
            _ => None,
        };
        let value = clap::builder::PossibleValue::new(self.key());
        Some(match help {
            Some(help) => value.help(help),
            None => value,
        })
    }
}

/// The formats of the obligations, crosswalk and GDPR views.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    /// Aligned columns for people
    Table,
    /// One row per item, for spreadsheets (BOM, CRLF, formulas made text)
    Csv,
    /// Everything, for other tools (keys in the README)
    Json,
    /// Markdown
    Md,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum CrosswalkFramework {
    /// The NIST AI RMF 1.0: its 72 subcategories
    NistAiRmf,
    /// The EU AI Act: the articles the catalogues cite
    EuAiAct,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// A commit a line (with --patch, its changes below it)
    Table,
    /// Everything, for other tools (keys in the README)
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    /// A day a line: both measures overall, then decided%/implemented% per domain
    Table,
    /// A row per day and scope (all, then each domain), for spreadsheets
    Csv,
    /// Every day with the full progress of `aims progress --format json`
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum InventoryFormat {
    Table,
    Json,
    Csv,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new workspace: manifest, empty record folders (every control undecided), a .gitignore and a git repository
    #[command(
        after_help = "Exit status: 0 created, 1 the folder already holds a workspace, 3 it could not be written (nothing is left half-made)."
    )]
    Init {
        /// Folder to create the workspace in (created if missing)
        dir: PathBuf,
        /// Organisation name for the manifest
        #[arg(long)]
        org: Option<String>,
        /// Make no git repository (one is made unless the folder is already in one)
        #[arg(long)]
        no_git: bool,
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
        /// Per person instead: their open controls, systems, risks and overdue items, overdue first
        #[arg(long, value_enum, conflicts_with = "since")]
        by: Option<ProgressBy>,
        /// What moved since a date (YYYY-MM-DD) or a commit, from git: decisions, statuses, systems, risks, reviews, with who did each
        #[arg(long, value_name = "DATE|COMMIT")]
        since: Option<String>,
    },
    /// Prioritised next steps: undecided controls, missing justifications, owners, overdue reviews
    Gaps {
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: GapsFormat,
        /// Only the gaps of this person (broken files are listed anyway)
        #[arg(long)]
        owner: Option<String>,
    },
    /// List the controls of the catalogues in use (the built-in ones outside a workspace)
    Catalog {
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: CatalogFormat,
        /// Print the certification-readiness guide instead: the documented
        /// information each clause asks for, the two audit stages, and the
        /// EU AI Act (Markdown, or with --format json its data)
        #[arg(long)]
        readiness: bool,
    },
    /// Rewrite every record file in canonical form, keeping its comments
    #[command(
        after_help = "Comments stay at the keys they were written at; one on a key that fmt removes (an empty value) is named on stderr. Also removes the temporary files (.aims-*.tmp) an aims stopped mid-write left, once a minute old.\n\nExit status: 0 done (or nothing to change), 1 with --check if any file would change, 3 a write (or a removal) failed."
    )]
    Fmt {
        dir: Option<PathBuf>,
        /// Change nothing; list the files that would change (and name the temporary files that would be removed)
        #[arg(long)]
        check: bool,
    },
    /// Export the Statement of Applicability, inventory, impact assessments and progress
    #[command(
        after_help = "Exit status: 0 written, 1 the workspace has errors (nothing is exported unless --draft), 3 -o FILE could not be written."
    )]
    Export {
        dir: Option<PathBuf>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Export even though files have errors, under a DRAFT banner that
        /// names each broken file and what is missing because of it
        #[arg(long)]
        draft: bool,
        /// Write to FILE instead of stdout
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// With --format csv: which table
        #[arg(long, value_enum, default_value = "soa")]
        table: TableId,
    },
    /// Import a spreadsheet (CSV, xlsx, ods): SoA decisions or AI systems; a dry run unless --write
    #[command(after_help = IMPORT_HELP)]
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Each item of the NIST AI RMF or the EU AI Act, the ISO controls that cover it, their decision and status, and coverage
    #[command(after_help = super::crosswalk::HELP)]
    Crosswalk {
        /// The workspace (else --workspace, $AIMS_WORKSPACE or the folder around you)
        dir: Option<PathBuf>,
        #[arg(long, value_enum)]
        framework: CrosswalkFramework,
        #[arg(long, value_enum, default_value = "table")]
        format: ViewFormat,
    },
    /// GDPR / UK GDPR (indicative, not legal advice): personal data, DPIAs, automated decisions, the controls behind a DPIA
    #[command(after_help = super::gdpr::HELP)]
    Gdpr {
        /// The workspace (else --workspace, $AIMS_WORKSPACE or the folder around you)
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: ViewFormat,
    },
    /// The AI systems of the inventory: list them, add one, change fields of one
    #[command(after_help = INVENTORY_HELP)]
    Inventory {
        #[command(subcommand)]
        command: InventoryCommand,
    },
    /// The workspace's own record (aims.yaml): organisation, scope, roles, document control
    #[command(after_help = MANIFEST_SET_HELP, after_long_help = format!("{MANIFEST_SET_HELP}\n\n{}", manifest_fields_help()))]
    Manifest {
        /// Fields to change, e.g. document.version=1.2 (see --help for the fields)
        #[arg(value_name = "FIELD=VALUE", required = true, value_parser = parse_assignment)]
        assignments: Vec<(String, String)>,
    },
    /// The Statement of Applicability: list every control, or change fields of one entry
    #[command(after_help = SOA_HELP)]
    Soa {
        #[command(subcommand)]
        command: SoaCommand,
    },
    /// EU AI Act duties per AI system, from its role and risk tier (indicative, not legal advice)
    #[command(after_help = OBLIGATIONS_HELP)]
    Obligations {
        /// One system's id; every system in use when left out
        system: Option<String>,
        /// The workspace (else --workspace, $AIMS_WORKSPACE or the folder around you)
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: ViewFormat,
    },
    /// The commits that changed a control's decision, a system or a record file, newest first (from git)
    #[command(after_help = HISTORY_HELP)]
    History {
        /// A control id (A.6.2.4), a system id (cv-screening) or a file of the workspace (impact/cv-screening.yaml)
        record: String,
        /// The workspace (else --workspace, $AIMS_WORKSPACE or the folder around you)
        dir: Option<PathBuf>,
        /// For each commit, the fields it changed: old -> new, list items added (+) and removed (-)
        #[arg(long)]
        patch: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: HistoryFormat,
    },
    /// Decided and implemented over time, overall and per domain, on each day the SoA changed (from git)
    #[command(after_help = TREND_HELP)]
    Trend {
        /// The workspace (else --workspace, $AIMS_WORKSPACE or the folder around you)
        dir: Option<PathBuf>,
        /// Only the days from DATE on (YYYY-MM-DD); what stood before still counts
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: TrendFormat,
    },
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

const HISTORY_HELP: &str = "\
Reads the workspace's git repository: the commits that changed the record's
file, newest first, following renames, with the author date, the author and
the subject. With --patch, both versions of the file are read as aims reads
them and compared field by field, so a reordered or reformatted file shows
no change, and a list shows the items added and removed.

Examples:
  aims history A.6.2.4
  aims history cv-screening --patch
  aims history impact/cv-screening.yaml --format json

Exit status: 0 shown, or no history to show (no git, no repository, a file
never committed: said on stderr); 1 git failed; 2 RECORD is no control,
system or file of the workspace, or not a workspace.";

const TREND_HELP: &str = "\
The two measures of `aims progress` (decided: a decision and a
justification, out of all controls; implemented: out of applicable
controls), overall and per domain, as the Statement of Applicability stood
at the end of each day a commit changed a file under soa/ (the committer's
date, along the first parent). Counted against the catalogues in use now;
a version that does not read (broken YAML) counts as undecided.

Examples:
  aims trend
  aims trend --since 2026-01-01 --format csv > trend.csv

Exit status: 0 shown, or no history (no git, no repository, no commit:
said on stderr); 1 git failed; 2 usage (a bad --since) or not a workspace.";

const OBLIGATIONS_HELP: &str = "\
Each system's duties under the EU AI Act come from the role, risk tier,
Annex III point and GPAI use its inventory file records, by the rules in
catalog/eu-ai-act-duties.yaml: the articles, the date each applies from (and
the later date the Digital Omnibus on AI would set), what must also be true
where the inventory cannot tell (`?` in the table), and the ISO/IEC 42001
controls that help meet it with their state in the Statement of
Applicability. A role or tier that looks wrong for the system (built
in-house yet recorded as deployer) is flagged with `!`, as `aims check`
warns. Indicative, not legal advice.

Decommissioned systems are left out unless named. A single argument that
names a folder holding aims.yaml, or is no valid id, is taken as DIR.

Examples:
  aims obligations
  aims obligations cv-screening
  aims obligations --format csv > duties.csv

Exit status: 0 shown, 1 SYSTEM is not in the inventory, 2 usage or not a
workspace.";

const INVENTORY_HELP: &str = "\
Examples:
  aims inventory list --format csv > inventory.csv
  aims inventory add --name 'CV screening' --sourcing bought --owner 'Priya Shah'
  aims inventory set cv-screening lifecycle=operation next_review=2027-03-31";

/// The fields `--set` and `aims inventory set` accept, made from
/// `AiSystem`'s declaration so the help can never name a field the setter refuses.
fn inventory_fields_help() -> String {
    fields_help::<crate::model::AiSystem>("inventory/<id>.yaml")
}

/// The fields `aims soa set` accepts, from `SoaEntry`'s declaration.
const MANIFEST_SET_HELP: &str = "\
All assignments are checked first, then aims.yaml is written once, in
canonical form, keeping unknown keys and comments. Exports show the document
control at their top, and stay DRAFT until the approval is recorded and is
newer than the last change.

Examples:
  aims manifest document.version=1.0 document.approved_by='Daniel Okafor' document.approved_on=2026-12-01
  aims manifest document.next_review=2027-12-01 roles.governance_lead='Priya Shah'

Exit status: 0 done, 1 a bad value or a file with errors (nothing written),
2 usage or not a workspace, 3 the write failed.";

fn manifest_fields_help() -> String {
    fields_help::<crate::model::Manifest>("aims.yaml")
}

fn soa_fields_help() -> String {
    fields_help::<crate::model::SoaEntry>("soa/<control>.yaml")
}

/// Every editable field of a record type: its key, what it holds and
/// what values it takes, wrapped for an 80-column terminal.
fn fields_help<R: crate::model::Fields>(file: &str) -> String {
    const KEY_WIDTH: usize = 21;
    let specs: Vec<_> = R::specs().filter(|s| s.is_editable()).collect();
    let required: Vec<&str> = specs.iter().filter(|s| s.required).map(|s| s.key).collect();
    let mut help = format!(
        "Fields (FIELD=VALUE; the keys of {file}). An empty VALUE clears a field{}:\n",
        if required.is_empty() {
            String::new()
        } else {
            format!(
                ", except {}, which {} required",
                required.join(", "),
                if required.len() == 1 { "is" } else { "are" }
            )
        }
    );
    for spec in specs {
        let text = format!("{}; {}", spec.help, spec.kind.describe());
        let mut line = format!("  {:<KEY_WIDTH$}", spec.key);
        let mut width = line.chars().count();
        for word in text.split(' ') {
            if width + word.len() + 1 > 78 && width > KEY_WIDTH + 2 {
                help.push_str(line.trim_end());
                help.push('\n');
                line = " ".repeat(KEY_WIDTH + 2);
                width = line.len();
            }
            if width > KEY_WIDTH + 2 {
                line.push(' ');
                width += 1;
            }
            line.push_str(word);
            width += word.chars().count();
        }
        help.push_str(&line);
        help.push('\n');
    }
    help
}

const LIST_HELP: &str = "\
Systems come in id order, decommissioned ones included. Table text is
clipped to fit; json gives every key of each file (unknown keys too), csv
one row per system with the YAML keys as header and lists joined with `;`.

Examples:
  aims inventory list
  aims inventory list ~/aims --format csv > inventory.csv
  aims inventory list --format json | jq -r '.[] | select(.owner == null) | .id'";

const ADD_HELP: &str = "\
The id is made from the name (\"CV Screening (v2)\" gives cv-screening-v2)
unless --id is given; it names the file inventory/<id>.yaml and cannot be
changed later. Every value is checked as the interface's form checks it;
all problems are reported together and nothing is written until there are
none. On success the new id is printed on stdout.

Examples:
  aims inventory add --name 'CV screening' --sourcing bought --vendor Acme \\
      --owner 'Priya Shah' --affected users,third_parties --personal-data true
  aims inventory add --name 'Support copilot' --id support-copilot \\
      --set eu_ai_act.risk=limited --set description='Drafts replies to tickets'

Exit status: 0 added, 1 a bad value or id (nothing written), 2 usage or
not a workspace, 3 the write failed (a full disk, a read-only folder).";

const SET_HELP: &str = "\
All assignments are checked first, then the file is written once, in
canonical form. Keys aims does not know are kept, and so are comments; a
comment on a key the change removes is named on stderr. A file with errors
(see `aims check`) is never written over.

Examples:
  aims inventory set cv-screening owner='Priya Shah' approval=approved
  aims inventory set cv-screening affected=users,employees next_review=2027-03-31
  aims inventory set cv-screening vendor=      # clears the vendor
  aims --workspace ~/aims inventory set cv-screening lifecycle=decommissioned

Exit status: 0 done, 1 an unknown id, a bad value or a file with errors
(nothing written), 2 usage or not a workspace, 3 the write failed (a full
disk, a read-only folder, the workspace folder gone).";

const SOA_HELP: &str = "\
Examples:
  aims soa list --format csv > soa.csv
  aims soa set A.6.2.4 applicable=true status=planned owner='Priya Shah'
  aims soa set A.7.5 applicable=false justification='No system is built in-house'";

const SOA_LIST_HELP: &str = "\
Every control of the catalogues in use comes in catalogue order, decided or
not (a control with no file is undecided). json gives every key of each
entry with the control's title, its decision in a word and whether it is a
mandatory clause; csv one row per control with the YAML keys as header and
lists joined with `;`.";

const SOA_SET_HELP: &str = "\
All assignments are checked first (values, the systems, risks and controls
they name, a status only on an applicable control, no decision on a
mandatory clause), then the file is written once, in canonical form. Keys
aims does not know are kept, and so are comments; a comment on a key the
change removes is named on stderr. A file with errors is never written over.

Examples:
  aims soa set A.5.2 applicable=true justification='We deploy a high-risk CV screener'
  aims soa set A.5.2 status=partial due=2027-02-28 systems=cv-screening
  aims soa set 9.2.1 status=planned owner='Internal audit'
  aims soa set A.5.2 owner=          # clears the owner

Exit status: 0 done, 1 an unknown control, a bad value or a file with
errors (nothing written), 2 usage or not a workspace, 3 the write failed.";

const IMPORT_HELP: &str = "\
Columns are found by their headers (\"Control ID\", \"Applicable? (Y/N)\",
\"Justification\", \"Implementation status\", \"System name\", \"Vendor\", ...;
the README lists them); --map 'HEADER=FIELD' names the rest, and
--map 'HEADER=' leaves a column out. Values are read in their usual wordings
(Y, Yes, N/A, Included; In progress, Done; 31/03/2027). Nothing is written
without --write, and a value the workspace already holds is kept unless
--overwrite, which shows each change.

Examples:
  aims import soa draft-soa.xlsx
  aims import soa draft-soa.csv --date-format dmy --write
  aims import inventory register.xlsx --sheet 'AI systems' --map 'Tool owner=owner' --write

Exit status: 0 every row usable, 1 some rows skipped (each with its reason)
or refused, 2 usage (an unreadable file, dates that need --date-format, an
unknown --map field, not a workspace), 3 a write failed.";

/// The order of day, month and year in dates written with numbers.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum DateFormat {
    /// 31/12/2027
    Dmy,
    /// 12/31/2027
    Mdy,
    /// 2027-12-31
    Ymd,
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import SoA decisions: a row per control (control id, applicability, justification, status, owner, target date)
    #[command(after_help = IMPORT_HELP)]
    Soa(ImportArgs),
    /// Import AI systems: a row per system (name or id, vendor, sourcing, owner, lifecycle, ...)
    #[command(after_help = IMPORT_HELP)]
    Inventory(ImportArgs),
}

/// The flags of `aims import soa|inventory`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The spreadsheet: .csv (UTF-8), .xlsx, .xlsm, .xls or .ods
    pub file: PathBuf,
    /// The workspace (else --workspace, $AIMS_WORKSPACE or the folder around you)
    pub dir: Option<PathBuf>,
    /// A column's field by its header, e.g. --map 'Tool owner=owner'; an empty FIELD leaves the column out (repeatable)
    #[arg(long, value_name = "HEADER=FIELD", value_parser = parse_map)]
    pub map: Vec<(String, String)>,
    /// How dates written with numbers are ordered, when the file does not settle it
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_format: Option<DateFormat>,
    /// The sheet of a workbook to read (the first by default)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Write the records (without it, only show what would be written)
    #[arg(long)]
    pub write: bool,
    /// Replace values the workspace already holds, showing each change
    #[arg(long)]
    pub overwrite: bool,
}

/// `HEADER=FIELD`, split at the last `=` (a header may hold one).
fn parse_map(text: &str) -> Result<(String, String), String> {
    match text.rsplit_once('=') {
        Some((header, _)) if header.trim().is_empty() => Err(format!(
            "`{text}` names no column; write HEADER=FIELD, e.g. 'Tool owner=owner'"
        )),
        Some((header, field)) => Ok((header.trim().to_string(), field.trim().to_string())),
        None => Err(format!(
            "`{text}` is not HEADER=FIELD; write '{text}=FIELD' (or '{text}=' to leave the column out)"
        )),
    }
}

#[derive(Subcommand, Debug)]
pub enum SoaCommand {
    /// List every control with its decision: a table, JSON or CSV
    #[command(after_help = SOA_LIST_HELP)]
    List {
        /// The workspace (else --workspace, $AIMS_WORKSPACE or the folder around you)
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: InventoryFormat,
    },
    /// Change fields of one control's entry: aims soa set CONTROL FIELD=VALUE...
    #[command(after_help = SOA_SET_HELP, after_long_help = format!("{SOA_SET_HELP}\n\n{}", soa_fields_help()))]
    Set {
        /// The control's id, e.g. A.6.2.4 or 9.2.1 (its file is soa/<CONTROL>.yaml)
        control: String,
        /// Fields to change, e.g. status=planned (see --help for the fields)
        #[arg(value_name = "FIELD=VALUE", required = true, value_parser = parse_assignment)]
        assignments: Vec<(String, String)>,
    },
}

#[derive(Subcommand, Debug)]
pub enum InventoryCommand {
    /// List the AI systems: a table, JSON or CSV
    #[command(after_help = LIST_HELP)]
    List {
        /// The workspace (else --workspace, $AIMS_WORKSPACE or the folder around you)
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: InventoryFormat,
    },
    /// Add an AI system: checks every value, then writes inventory/<id>.yaml
    #[command(after_help = ADD_HELP, after_long_help = format!("{ADD_HELP}\n\n{}", inventory_fields_help()))]
    Add(Box<AddArgs>),
    /// Change fields of one AI system: aims inventory set ID FIELD=VALUE...
    #[command(after_help = SET_HELP, after_long_help = format!("{SET_HELP}\n\n{}", inventory_fields_help()))]
    Set {
        /// The system's id (its file is inventory/<ID>.yaml)
        id: String,
        /// Fields to change, e.g. owner='Priya Shah' (see --help for the fields)
        #[arg(value_name = "FIELD=VALUE", required = true, value_parser = parse_assignment)]
        assignments: Vec<(String, String)>,
    },
}

/// The flags of `aims inventory add`: one per field, named as the YAML key
/// with dashes (`--eu-risk` for `eu_ai_act.risk`). Values stay text here so
/// that every one is checked by `AiSystem::set`, with the same messages as
/// the interface's form.
#[derive(Args, Debug)]
pub struct AddArgs {
    /// The workspace (else --workspace, $AIMS_WORKSPACE or the folder around you)
    pub dir: Option<PathBuf>,
    /// The system's name (required)
    #[arg(long)]
    pub name: String,
    /// The id, instead of one made from the name
    #[arg(long)]
    pub id: Option<String>,
    /// What it does, for whom
    #[arg(long)]
    pub description: Option<String>,
    /// built | bought | embedded
    #[arg(long, value_name = "S")]
    pub sourcing: Option<String>,
    #[arg(long)]
    pub vendor: Option<String>,
    /// The accountable person
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long, value_name = "B")]
    pub business_unit: Option<String>,
    /// Underlying model or product version
    #[arg(long)]
    pub model: Option<String>,
    /// concept | procurement | development | deployment | operation | monitoring | decommissioned
    #[arg(long, value_name = "L")]
    pub lifecycle: Option<String>,
    /// pending | approved | restricted | rejected
    #[arg(long, value_name = "A")]
    pub approval: Option<String>,
    /// EU AI Act role: provider | deployer | importer | distributor | authorised_representative | product_manufacturer | none
    #[arg(long, value_name = "R")]
    pub eu_role: Option<String>,
    /// EU AI Act risk: prohibited | high | limited | minimal | unassessed
    #[arg(long, value_name = "R")]
    pub eu_risk: Option<String>,
    /// EU AI Act Annex III area and point, e.g. 4(a)
    #[arg(long, value_name = "P")]
    pub annex_iii: Option<String>,
    /// Built on a general-purpose AI model: true | false
    #[arg(long, value_name = "BOOL")]
    pub gpai: Option<String>,
    /// Who it can affect, comma-separated: users, employees, customers, third_parties, society
    #[arg(long, value_name = "a,b")]
    pub affected: Option<String>,
    /// Processes personal data: true | false
    #[arg(long, value_name = "BOOL")]
    pub personal_data: Option<String>,
    /// Where the data-protection impact assessment is (path or URL)
    #[arg(long, value_name = "D")]
    pub dpia: Option<String>,
    /// low | medium | high | unassessed
    #[arg(long, value_name = "I")]
    pub impact: Option<String>,
    /// Data it uses or was trained on
    #[arg(long, value_name = "D")]
    pub data: Option<String>,
    /// Who can override or stop it, and how
    #[arg(long, value_name = "H")]
    pub human_oversight: Option<String>,
    /// Known limitations and biases
    #[arg(long, value_name = "L")]
    pub limitations: Option<String>,
    /// Last reviewed, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub reviewed: Option<String>,
    /// Next review due, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub next_review: Option<String>,
    /// Comma-separated tags
    #[arg(long, value_name = "a,b")]
    pub tags: Option<String>,
    /// Any field by its YAML key, e.g. --set eu_ai_act.risk=limited (repeatable)
    #[arg(long = "set", value_name = "FIELD=VALUE", value_parser = parse_assignment)]
    pub set: Vec<(String, String)>,
}

/// `FIELD=VALUE` split at the first `=`; the value may be empty (it clears
/// the field) and may itself hold `=`.
fn parse_assignment(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((field, _)) if field.trim().is_empty() => Err(format!(
            "`{text}` names no field; write FIELD=VALUE, e.g. owner='Priya Shah'"
        )),
        Some((field, value)) => Ok((field.trim().to_string(), value.to_string())),
        None => Err(format!(
            "`{text}` is not FIELD=VALUE; write {text}=VALUE (an empty VALUE clears the field)"
        )),
    }
}

pub fn print_completions(shell: clap_complete::Shell, out: &mut Output) {
    let mut command = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, "aims", &mut buffer);
    out.data(&String::from_utf8_lossy(&buffer));
}
