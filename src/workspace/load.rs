//! Loading a workspace: every file read and parsed in parallel, then the
//! checks that need more than one file (ids against file names, references
//! between records, catalogues in use).

use crate::model::Fields as _;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use rayon::prelude::*;

use super::files::{FileText, Fingerprint, ReadProblem, RecordFolder, read_record_file};
use super::leftovers::{leftover_warning, root_leftovers};
use super::merge::conflict_hunks;
use super::{CATALOG_DIR, IMPACT_DIR, INVENTORY_DIR, MANIFEST_FILE, Record, SOA_DIR, Workspace};
use crate::catalog::{BUILTIN_IDS, Catalog, Catalogs, builtin_source, parse_catalog};
use crate::model::{
    AiSystem, Diagnostic, ImpactAssessment, Manifest, Records, SoaEntry, is_valid_slug,
};
use crate::model::{FORMAT_VERSION, Kind as Why};
use crate::yaml::{Findings, Limits, Node, Pos, Problem, parse_document};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    System,
    Soa,
    Impact,
}

impl Kind {
    /// In declaration order, so that `kind as usize` indexes it.
    const ALL: [Kind; 3] = [Kind::System, Kind::Soa, Kind::Impact];

    /// The folder that holds records of this kind.
    fn dir(self) -> &'static str {
        match self {
            Kind::System => INVENTORY_DIR,
            Kind::Soa => SOA_DIR,
            Kind::Impact => IMPACT_DIR,
        }
    }
}

pub(super) enum Parsed {
    System(AiSystem),
    Soa(SoaEntry),
    Impact(ImpactAssessment),
}

/// One file to load.
pub(super) struct Job {
    pub path: String,
    pub stem: String,
    pub kind: Kind,
    pub file_type: Option<fs::FileType>,
}

/// One file's outcome from the parallel phase.
pub(super) struct Loaded {
    pub path: String,
    pub stem: String,
    pub fingerprint: Option<Fingerprint>,
    pub record: Option<Parsed>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the workspace at `root`. It fails only when the folder cannot be
/// read at all; every problem with a file becomes a diagnostic.
pub fn load(root: &Path) -> std::io::Result<Workspace> {
    let root = fs::canonicalize(root)?;
    let root_id = super::save::FolderId::of(&fs::metadata(&root)?);
    let mut diagnostics = Vec::new();
    let mut loaded = HashMap::new();
    let mut broken = HashSet::new();

    // The catalogues are parsed while the folders are listed.
    let ((manifest, read_only, catalogs), listed) = rayon::join(
        || {
            let (manifest, read_only) =
                load_manifest(&root, &mut diagnostics, &mut loaded, &mut broken);
            let catalogs = load_catalogs(&root, &manifest, &mut diagnostics);
            (manifest, read_only, catalogs)
        },
        || list_all_records(&root),
    );
    let (jobs, listing_diagnostics) = listed?;
    diagnostics.extend(listing_diagnostics);
    let folders = Kind::ALL.map(|kind| RecordFolder::open(root.join(kind.dir())));
    let results: Vec<Loaded> = jobs
        .par_iter()
        .map(|job| load_one(&root, job, Some(&folders[job.kind as usize])))
        .collect();
    loaded.reserve(results.len());
    diagnostics.reserve(results.iter().map(|r| r.diagnostics.len()).sum());

    // Each folder's files are sorted by id, so each map is built in one pass
    // from its sorted pairs rather than by thousands of inserts; the lists
    // are made at their full size, since growing them copies every record.
    let count = |kind| jobs.iter().filter(|job| job.kind == kind).count();
    let mut systems = Vec::with_capacity(count(Kind::System));
    let mut soa = Vec::with_capacity(count(Kind::Soa));
    let mut impacts = Vec::with_capacity(count(Kind::Impact));
    for result in results {
        let Loaded {
            path,
            stem,
            fingerprint,
            record,
            diagnostics: found,
        } = result;
        diagnostics.extend(found);
        let usable = match record {
            None => false,
            Some(Parsed::System(system)) => {
                systems.push((stem, system));
                true
            }
            Some(Parsed::Soa(entry)) if catalogs.control(&entry.control).is_none() => {
                diagnostics.push(Diagnostic::error(
                    Why::UnknownReference,
                    &path,
                    entry.positions.at("control"),
                    format!(
                        "unknown control id `{}`: no catalogue in use defines it (see `aims catalog`)",
                        entry.control
                    ),
                ));
                false
            }
            Some(Parsed::Soa(entry)) => {
                soa.push((stem, entry));
                true
            }
            Some(Parsed::Impact(assessment)) => {
                impacts.push((stem, assessment));
                true
            }
        };
        if !usable {
            broken.insert(path.clone());
        }
        if let Some(fingerprint) = fingerprint {
            loaded.insert(path, fingerprint);
        }
    }
    let mut records = Records::new(manifest);
    records.systems = systems.into_iter().collect();
    records.soa = soa.into_iter().collect();
    records.impacts = impacts.into_iter().collect();
    let mut workspace = Workspace {
        root,
        records,
        catalogs,
        diagnostics: Vec::new(),
        file_diagnostics: diagnostics,
        loaded,
        broken,
        read_only,
        root_id,
        reloaded: HashMap::new(),
    };
    workspace.refresh_diagnostics();
    Ok(workspace)
}

pub(super) fn load_manifest(
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    loaded: &mut HashMap<String, Fingerprint>,
    broken: &mut HashSet<String>,
) -> (Manifest, bool) {
    let path = MANIFEST_FILE;
    let mut findings = Findings::default();
    let manifest = match read_node(
        read_record_file(root, &root.join(path), None),
        &mut findings,
    ) {
        Some((node, fingerprint)) => {
            loaded.insert(path.to_string(), fingerprint);
            Manifest::read(node, &mut findings)
        }
        None => None,
    };
    let newer = manifest
        .as_ref()
        .filter(|m| m.version > FORMAT_VERSION)
        .map(|m| (m.version, m.positions.at("aims")));
    let ok = manifest.is_some() && !findings.has_errors() && newer.is_none();
    push_findings(diagnostics, path, findings);
    if let Some((version, pos)) = newer {
        diagnostics.push(Diagnostic::error(
            Why::NewerFormat,
            path,
            pos,
            format!(
                "this workspace is format {version}, written by a newer aims; this aims reads format {FORMAT_VERSION}: upgrade aims before opening it"
            ),
        ));
    }
    match manifest {
        Some(manifest) if ok => (manifest, false),
        _ => {
            broken.insert(path.to_string());
            (
                Manifest::new("(manifest could not be read)"),
                newer.is_some(),
            )
        }
    }
}

/// Reads and parses one file into a node, reporting every problem.
fn read_node(
    file: Result<FileText, ReadProblem>,
    findings: &mut Findings,
) -> Option<(Node, Fingerprint)> {
    let FileText { text, fingerprint } = match file {
        Ok(file) => file,
        Err(problem) => {
            findings.problem(Problem::Unreadable, problem.pos, problem.message);
            return None;
        }
    };
    let conflicts = merge_conflicts(&text);
    if !conflicts.is_empty() {
        for (pos, message) in conflicts {
            findings.problem(Problem::MergeConflict, pos, message);
        }
        return None;
    }
    match parse_document(&text, Limits::default()) {
        Ok(Some(node)) if node.is_null() => {
            findings.problem(
                Problem::Unreadable,
                Pos::START,
                "the file holds no record (it is empty)",
            );
            None
        }
        Ok(Some(node)) => Some((node, fingerprint)),
        Ok(None) => {
            findings.problem(
                Problem::Unreadable,
                Pos::START,
                "the file is empty; write the record, or delete the file",
            );
            None
        }
        Err(e) => {
            findings.problem(Problem::Syntax, e.pos, e.message);
            None
        }
    }
}

/// Git's conflict markers in `text`, one finding per conflict, naming the
/// lines of each side: a YAML syntax error one line further on would send
/// people looking in the wrong place.
fn merge_conflicts(text: &str) -> Vec<(Pos, String)> {
    match conflict_hunks(text) {
        Ok(hunks) => hunks
            .iter()
            .map(|hunk| {
                let base = hunk
                    .base
                    .as_ref()
                    .map(|base| format!(" ({})", base.describe("the common base")))
                    .unwrap_or_default();
                (
                    Pos::new(hunk.start, 1),
                    format!(
                        "unresolved merge conflict: {}, {}{base}; keep one side (or combine them) and delete the marker lines, or press ! in aims to choose, then run `aims check`",
                        hunk.ours.describe("ours"),
                        hunk.theirs.describe("theirs"),
                    ),
                )
            })
            .collect(),
        Err(start) => vec![(
            Pos::new(start, 1),
            "unresolved merge conflict: a `<<<<<<<` marker with no `>>>>>>>` after it; finish the merge by hand".to_string(),
        )],
    }
}

fn push_findings(diagnostics: &mut Vec<Diagnostic>, path: &str, findings: Findings) {
    diagnostics.extend(findings.0.into_iter().map(|f| {
        if f.is_warning {
            Diagnostic::warning(f.problem.into(), path, f.pos, f.message)
        } else {
            Diagnostic::error(f.problem.into(), path, f.pos, f.message)
        }
    }));
}

fn load_catalogs(root: &Path, manifest: &Manifest, diagnostics: &mut Vec<Diagnostic>) -> Catalogs {
    let mut catalogs: Vec<Catalog> = Vec::new();
    let local_dir = root.join(CATALOG_DIR);
    let ids = manifest.catalog_ids();
    for id in &ids {
        let local = format!("{CATALOG_DIR}/{id}.yaml");
        let from_file = is_valid_slug(id) && local_dir.join(format!("{id}.yaml")).is_file();
        let parsed = if from_file {
            match read_record_file(root, &root.join(&local), None) {
                Ok(file) => parse_catalog(&file.text, &local),
                Err(problem) => {
                    let mut findings = Findings::default();
                    findings.error(problem.pos, problem.message);
                    Err(findings)
                }
            }
        } else if let Some(text) = builtin_source(id) {
            Ok(parse_catalog(text, id).expect("built-in catalogues are checked by tests"))
        } else {
            diagnostics.push(Diagnostic::error(
                Why::Catalogue,
                MANIFEST_FILE,
                manifest.positions.at("catalogs"),
                format!(
                    "unknown catalogue `{id}`: it is not built in ({}) and there is no {local}",
                    BUILTIN_IDS.join(", ")
                ),
            ));
            continue;
        };
        match parsed {
            Ok(catalog) if catalog.id != *id => diagnostics.push(Diagnostic::error(
                Why::Catalogue,
                &local,
                Pos::START,
                format!(
                    "the file says `catalog: {}` but is named {id}.yaml; make them match",
                    catalog.id
                ),
            )),
            Ok(catalog) => catalogs.push(catalog),
            Err(findings) => push_findings(diagnostics, &local, findings),
        }
    }
    if let Ok(entries) = fs::read_dir(&local_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".yaml")
                && !ids.iter().any(|c| c == id)
            {
                diagnostics.push(Diagnostic::warning(
                    Why::Catalogue,
                    &format!("{CATALOG_DIR}/{name}"),
                    Pos::START,
                    format!("this catalogue is not in use: add `{id}` to `catalogs:` in aims.yaml"),
                ));
            }
        }
    }
    let (catalogs, duplicates) = Catalogs::new(catalogs);
    for dup in duplicates {
        diagnostics.push(Diagnostic::error(
            Why::Catalogue,
            MANIFEST_FILE,
            manifest.positions.at("catalogs"),
            format!(
                "control id `{}` is defined by both `{}` and `{}`; give one of them another id",
                dup.id, dup.first, dup.second
            ),
        ));
    }
    catalogs
}

/// Every record file of the workspace to load, and the findings about
/// names and leftovers met on the way.
fn list_all_records(root: &Path) -> std::io::Result<(Vec<Job>, Vec<Diagnostic>)> {
    let mut diagnostics = root_leftovers(root);
    let mut jobs = Vec::new();
    for kind in Kind::ALL {
        let start = jobs.len();
        list_records(root, kind.dir(), kind, &mut jobs, &mut diagnostics)?;
        jobs[start..].sort_unstable_by(|a, b| a.stem.cmp(&b.stem));
    }
    Ok((jobs, diagnostics))
}

/// Lists the `.yaml` files of one record folder. A missing folder is fine
/// (a new workspace needs only aims.yaml).
fn list_records(
    root: &Path,
    dir: &str,
    kind: Kind,
    jobs: &mut Vec<Job>,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::io::Result<()> {
    let folder = root.join(dir);
    // Files are checked one by one for symlinks, so a linked folder would
    // let every file in it in from outside: refuse the folder instead.
    if fs::symlink_metadata(&folder).is_ok_and(|m| m.file_type().is_symlink())
        && !fs::canonicalize(&folder).is_ok_and(|target| target.starts_with(root))
    {
        diagnostics.push(Diagnostic::error(
            Why::Unreadable,
            dir,
            Pos::START,
            "a symlink that leads outside the workspace (or nowhere); aims does not follow it: make it a folder",
        ));
        return Ok(());
    }
    let entries = match fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{dir}/{name}");
        if name.starts_with('.') {
            diagnostics.extend(leftover_warning(dir, &name, entry.file_type().ok()));
            continue;
        }
        if let Some(stem) = name.strip_suffix(".yaml") {
            let valid = match kind {
                Kind::System | Kind::Impact => is_valid_slug(stem),
                Kind::Soa => crate::catalog::is_valid_control_id(stem),
            };
            if valid {
                jobs.push(Job {
                    path,
                    stem: stem.to_string(),
                    kind,
                    file_type: entry.file_type().ok(),
                });
            } else {
                let what = if kind == Kind::Soa {
                    "a control id (like A.6.2.4)"
                } else {
                    "a valid id (lower-case letters, digits and dashes, at most 64)"
                };
                diagnostics.push(Diagnostic::error(
                    Why::BadId,
                    &path,
                    Pos::START,
                    format!("the file name must be {what} followed by .yaml; rename the file"),
                ));
            }
        } else if name.ends_with(".yml") {
            diagnostics.push(Diagnostic::warning(
                Why::IgnoredFile,
                &path,
                Pos::START,
                "ignored: record files end in .yaml; rename it",
            ));
        }
    }
    Ok(())
}

/// Reads and checks the record file of `job`, through `folder` (the one
/// the file was listed in) when the folder is open.
pub(super) fn load_one(root: &Path, job: &Job, folder: Option<&RecordFolder>) -> Loaded {
    let (path, stem, kind) = (job.path.as_str(), job.stem.as_str(), job.kind);
    let mut findings = Findings::default();
    let mut fingerprint = None;
    let mut record = None;
    let file = match (folder, path.split_once('/')) {
        (Some(folder), Some((_, name))) => folder.read(root, name, job.file_type),
        _ => read_record_file(root, &root.join(path), job.file_type),
    };
    if let Some((node, print)) = read_node(file, &mut findings) {
        fingerprint = Some(print);
        record = match kind {
            Kind::System => AiSystem::read(node, &mut findings).map(|s| {
                check_id(&s.id, stem, s.positions.at("id"), "id", &mut findings);
                if !is_valid_slug(&s.id) {
                    findings.problem(
                        Problem::Id,
                        s.positions.at("id"),
                        format!("`{}` is not a valid system id: use lower-case letters, digits and dashes", s.id),
                    );
                }
                Parsed::System(s)
            }),
            Kind::Soa => SoaEntry::read(node, &mut findings).map(|e| {
                check_id(&e.control, stem, e.positions.at("control"), "control", &mut findings);
                Parsed::Soa(e)
            }),
            Kind::Impact => ImpactAssessment::read(node, &mut findings).map(|a| {
                check_id(&a.system, stem, a.positions.at("system"), "system", &mut findings);
                Parsed::Impact(a)
            }),
        };
    }
    if findings.has_errors() {
        record = None;
    }
    let mut diagnostics = Vec::new();
    push_findings(&mut diagnostics, path, findings);
    Loaded {
        path: path.to_string(),
        stem: stem.to_string(),
        fingerprint,
        record,
        diagnostics,
    }
}

fn check_id(id: &str, stem: &str, pos: Pos, key: &str, findings: &mut Findings) {
    if id != stem {
        findings.problem(
            Problem::Id,
            pos,
            format!("`{key}: {id}` does not match the file name {stem}.yaml; rename the file or fix the {key}"),
        );
    }
}

/// References between records: systems named in SoA entries and impact
/// assessments, risks named by controls, controls named by risks.
pub(super) fn check_references(
    records: &Records,
    catalogs: &Catalogs,
    broken: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // A system whose file has errors is not in the records, but it is not
    // missing either: say which file to fix, once, as a warning here (the
    // errors are that file's).
    let broken_system = |id: &str| broken.contains(&crate::model::system_path(id));
    let broken_note = |id: &str| {
        format!(
            "system `{id}`: its file inventory/{id}.yaml has errors, so it is left out until they are fixed (see that file's findings)"
        )
    };
    let mut risk_ids: HashMap<&str, &str> = HashMap::new();
    for assessment in records.impacts.values() {
        let path = crate::model::impact_path(&assessment.system);
        if broken_system(&assessment.system) {
            diagnostics.push(Diagnostic::warning(
                Why::UnknownReference,
                &path,
                assessment.positions.at("system"),
                broken_note(&assessment.system),
            ));
        } else if !records.systems.contains_key(&assessment.system) {
            diagnostics.push(Diagnostic::error(
                Why::UnknownReference,
                &path,
                assessment.positions.at("system"),
                format!(
                    "no system `{}` in the inventory; add inventory/{}.yaml or rename this file",
                    assessment.system, assessment.system
                ),
            ));
        }
        for risk in &assessment.risks {
            let pos = risk.positions.at("id");
            if let Some(first) = risk_ids.insert(risk.id.as_str(), assessment.system.as_str()) {
                diagnostics.push(Diagnostic::error(
                    Why::DuplicateId,
                    &path,
                    pos,
                    format!(
                        "risk id `{}` is already used in impact/{first}.yaml; risk ids are unique across the workspace",
                        risk.id
                    ),
                ));
            }
            for (j, control) in risk.controls.iter().enumerate() {
                if catalogs.control(control).is_none() {
                    diagnostics.push(Diagnostic::error(
                        Why::UnknownReference,
                        &path,
                        risk.positions.at(&format!("controls.{j}")),
                        format!("unknown control id `{control}` in risk `{}`", risk.id),
                    ));
                }
            }
        }
    }
    for entry in records.soa.values() {
        let path = crate::model::soa_path(&entry.control);
        for (i, system) in entry.systems.iter().flatten().enumerate() {
            if broken_system(system) {
                diagnostics.push(Diagnostic::warning(
                    Why::UnknownReference,
                    &path,
                    entry.positions.at(&format!("systems.{i}")),
                    broken_note(system),
                ));
            } else if !records.systems.contains_key(system) {
                diagnostics.push(Diagnostic::error(
                    Why::UnknownReference,
                    &path,
                    entry.positions.at(&format!("systems.{i}")),
                    format!("unknown system `{system}`: there is no inventory/{system}.yaml"),
                ));
            }
        }
        // A warning, not an error: removing a risk from its assessment
        // leaves these references behind, and the entry itself is sound.
        for (i, risk) in entry.risks.iter().enumerate() {
            if !risk_ids.contains_key(risk.as_str()) {
                diagnostics.push(Diagnostic::warning(
                    Why::UnknownReference,
                    &path,
                    entry.positions.at(&format!("risks.{i}")),
                    format!(
                        "unknown risk `{risk}`: no impact assessment records it; remove it from `risks:`"
                    ),
                ));
            }
        }
    }
}

/// A record from text aims wrote for the file at `path` (relative to the
/// root), as recovery keeps it; `None` unless it reads back without errors
/// and its id matches the file name.
pub fn parse_record(path: &str, text: &str) -> Option<Record> {
    let node = parse_document(text, Limits::default()).ok()??;
    record_from_node(path, node).ok()
}

/// The record a document holds for the file at `path`, or the first
/// problem with it (`line:col: message`).
pub fn record_from_node(path: &str, node: Node) -> Result<Record, String> {
    let mut findings = Findings::default();
    let stem = path
        .split_once('/')
        .and_then(|(_, name)| name.strip_suffix(".yaml"));
    let named = |id: &str| {
        format!("it names `{id}`, but the file is {path}; it must name the file's record")
    };
    let record = match (path.split_once('/').map(|(dir, _)| dir), stem) {
        _ if path == MANIFEST_FILE => Manifest::read(node, &mut findings).map(Record::Manifest),
        (Some(INVENTORY_DIR), Some(stem)) => match AiSystem::read(node, &mut findings) {
            Some(s) if s.id != stem => return Err(named(&s.id)),
            other => other.map(Record::System),
        },
        (Some(SOA_DIR), Some(stem)) => match SoaEntry::read(node, &mut findings) {
            Some(e) if e.control != stem => return Err(named(&e.control)),
            other => other.map(Record::Soa),
        },
        (Some(IMPACT_DIR), Some(stem)) => match ImpactAssessment::read(node, &mut findings) {
            Some(a) if a.system != stem => return Err(named(&a.system)),
            other => other.map(Record::Impact),
        },
        _ => return Err(format!("{path} is not a record file")),
    };
    let first_error = findings.0.iter().find(|f| !f.is_warning);
    match (record, first_error) {
        (Some(record), None) => Ok(record),
        (_, Some(f)) => Err(format!("{}:{}: {}", f.pos.line, f.pos.col, f.message)),
        (None, None) => Err("it does not read as a record".to_string()),
    }
}
