//! Writing records: canonical bytes, written atomically (a temporary file in
//! the same folder, synced, then renamed over the old one), and only when
//! they differ from what is on disk.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::Workspace;
use super::files::{Fingerprint, MAX_RECORD_BYTES};
use super::leftovers::{TEMP_PREFIX, TEMP_SUFFIX};
use crate::catalog::is_valid_control_id;
use crate::model::Fields;
use crate::model::{
    AiSystem, ImpactAssessment, MANIFEST_PATH, Manifest, SoaEntry, impact_path, is_valid_slug,
    soa_path, system_path,
};
use crate::yaml::{Carried, DroppedComment, carry_comments, emit_document};

/// One record, ready to be written to its own file.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Manifest(Manifest),
    System(AiSystem),
    Soa(SoaEntry),
    Impact(ImpactAssessment),
}

impl Record {
    /// The file, relative to the workspace root.
    pub fn path(&self) -> String {
        match self {
            Record::Manifest(_) => MANIFEST_PATH.to_string(),
            Record::System(s) => system_path(&s.id),
            Record::Soa(e) => soa_path(&e.control),
            Record::Impact(a) => impact_path(&a.system),
        }
    }

    /// The record's id when it could not safely name a file.
    fn invalid_id(&self) -> Option<&str> {
        match self {
            Record::Manifest(_) => None,
            Record::System(s) => (!is_valid_slug(&s.id)).then_some(s.id.as_str()),
            Record::Soa(e) => (!is_valid_control_id(&e.control)).then_some(e.control.as_str()),
            Record::Impact(a) => (!is_valid_slug(&a.system)).then_some(a.system.as_str()),
        }
    }

    /// What the record is called in a message: its id, or the file.
    pub fn label(&self) -> String {
        match self {
            Record::Manifest(_) => MANIFEST_PATH.to_string(),
            Record::System(s) => s.id.clone(),
            Record::Soa(e) => e.control.clone(),
            Record::Impact(a) => format!("the assessment of {}", a.system),
        }
    }

    /// The fields whose value differs between two versions of a record,
    /// with the value before and after, as text.
    pub fn changes(before: &Record, after: &Record) -> Vec<(&'static str, String, String)> {
        fn differ<R: Fields>(a: &R, b: &R) -> Vec<(&'static str, String, String)> {
            R::FIELDS
                .iter()
                .filter_map(|f| {
                    let (old, new) = ((f.get)(a), (f.get)(b));
                    (old != new).then_some((f.spec.key, old, new))
                })
                .collect()
        }
        match (before, after) {
            (Record::Manifest(a), Record::Manifest(b)) => differ(a, b),
            (Record::System(a), Record::System(b)) => differ(a, b),
            (Record::Soa(a), Record::Soa(b)) => differ(a, b),
            (Record::Impact(a), Record::Impact(b)) => differ(a, b),
            _ => Vec::new(),
        }
    }

    /// The canonical text of the record.
    pub fn to_text(&self) -> String {
        let node = match self {
            Record::Manifest(m) => m.to_node(),
            Record::System(s) => s.to_node(),
            Record::Soa(e) => e.to_node(),
            Record::Impact(a) => a.to_node(),
        };
        emit_document(&node)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written, keeping the old file's comments but these, whose keys are gone.
    Written(Vec<DroppedComment>),
    /// The file already held exactly these bytes.
    Unchanged,
}

#[derive(Debug)]
pub enum SaveError {
    /// The file changed on disk since it was loaded (or since the user saw
    /// it); `disk` is what it holds now (`None`: it was deleted).
    Conflict { path: String, disk: Option<String> },
    /// The file failed to load, so writing it would lose what is there.
    Broken(String),
    /// The workspace is from a newer aims.
    ReadOnly,
    /// The workspace folder is no longer the one that was opened.
    WorkspaceGone(PathBuf),
    /// aims could not read the record back: it breaks a read limit.
    Unreadable { path: String, reason: String },
    /// The id cannot name a file.
    InvalidId(String),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Conflict { path, .. } => write!(
                f,
                "{path} changed on disk since it was loaded; not overwritten"
            ),
            SaveError::Broken(path) => write!(
                f,
                "{path} has errors (see `aims check`); fix it by hand first, aims will not overwrite it"
            ),
            SaveError::ReadOnly => write!(
                f,
                "the workspace was written by a newer aims; nothing is written"
            ),
            SaveError::WorkspaceGone(root) => write!(
                f,
                "the workspace folder {} is gone (renamed, moved or replaced); nothing was written: start aims again in its new place",
                root.display()
            ),
            SaveError::Unreadable { path, reason } => {
                write!(f, "{path} was not written: {reason}")
            }
            SaveError::InvalidId(id) => {
                write!(f, "`{id}` is not a valid id, so it cannot name a file")
            }
            SaveError::Io { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for SaveError {}

/// Writes `bytes` to `path` atomically: readers see the old file or the new
/// one, never half of either, and a crash leaves the old file in place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // A record that is a symlink (allowed inside the workspace) is written
    // where it points, so the link stays a link.
    let resolved;
    let path = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600) and the rename would keep that, so
    // a new file gets the usual mode (0666 less the umask) and a replaced
    // one keeps its own: otherwise every save would hide files from the
    // rest of the team on a shared machine.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    if let Ok(meta) = fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    // The rename itself is durable only once the folder is synced.
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// What the file on disk must hold for a write to go ahead.
pub(super) enum Expect<'a> {
    /// What aims last loaded or wrote.
    Loaded,
    /// The text the user was shown in a conflict (`None`: no file).
    Seen(Option<&'a str>),
    /// The file as another session read it.
    Base(Base),
}

/// What the file of a record kept by an earlier session held when that
/// session read it: a write goes ahead only if it still does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    File(Fingerprint),
    /// There was no file (the record was new).
    NoFile,
    /// Unknown, or the user had not chosen yet: always ask first.
    Ask,
}

impl Workspace {
    /// Writes one record if its canonical text differs from the file. If the
    /// file changed since it was loaded, nothing is written and the caller
    /// gets what is on disk now, to show the user.
    pub fn save(&mut self, record: &Record) -> Result<SaveOutcome, SaveError> {
        self.write_record(record, None, Expect::Loaded)
            .map(|(outcome, _)| outcome)
    }

    /// Like [`Workspace::save`], for when the user has seen the file as it
    /// changed on disk (`seen`, `None`: deleted) and chosen theirs: it is
    /// written over that version only, never over a newer one.
    pub fn save_over(
        &mut self,
        record: &Record,
        seen: Option<&str>,
    ) -> Result<SaveOutcome, SaveError> {
        self.write_record(record, None, Expect::Seen(seen))
            .map(|(outcome, _)| outcome)
    }

    /// Writes a record kept by an earlier session, if its file still holds
    /// what that session read (`base`); otherwise, or with no base, the
    /// caller gets a conflict with what is on disk now, to show the user.
    pub fn save_since(&mut self, record: &Record, base: Base) -> Result<SaveOutcome, SaveError> {
        self.write_record(record, None, Expect::Base(base))
            .map(|(outcome, _)| outcome)
    }

    /// Like [`Workspace::save`], and also returns the text the write
    /// replaced, so that an undo can put back exactly those bytes (comments
    /// and all) rather than their canonical form.
    pub fn save_keeping(
        &mut self,
        record: &Record,
    ) -> Result<(SaveOutcome, Option<String>), SaveError> {
        self.write_record(record, None, Expect::Loaded)
    }

    /// Puts `text` back as the file of `record` (an undo of its first edit),
    /// with the same checks as a save; `record` is what the text holds.
    pub fn restore_text(&mut self, record: &Record, text: &str) -> Result<SaveOutcome, SaveError> {
        self.write_record(record, Some(text), Expect::Loaded)
            .map(|(outcome, _)| outcome)
    }

    /// Whether `record` may be written, checked without touching the disk:
    /// the workspace is writable, its file is not broken, and aims could
    /// read the record back. The interface asks before it closes an
    /// editor, so a refused edit keeps its text.
    pub fn check_writable(&self, record: &Record) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        if let Some(id) = record.invalid_id() {
            // An id is never a path: `../x` must not climb out of the folder.
            return Err(SaveError::InvalidId(id.to_string()));
        }
        let path = record.path();
        if self.broken.contains(&path) {
            return Err(SaveError::Broken(path));
        }
        check_reads_back(record, &record.to_text())
    }

    /// What writing `record` would put in its file: its canonical text,
    /// with the comments of the file there now.
    pub fn text_to_write(&self, record: &Record) -> Carried {
        let disk = fs::read(self.root.join(record.path())).ok();
        text_over(record, disk.as_deref())
    }

    /// The one write of a record file, holding every invariant: the
    /// workspace is writable and still the folder that was opened, the
    /// record reads back, the file is not broken, and it holds what was
    /// expected (else a conflict, with what it holds now).
    pub(super) fn write_record(
        &mut self,
        record: &Record,
        text: Option<&str>,
        expect: Expect,
    ) -> Result<(SaveOutcome, Option<String>), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        if let Some(id) = record.invalid_id() {
            return Err(SaveError::InvalidId(id.to_string()));
        }
        self.check_root()?;
        let path = record.path();
        let full = self.root.join(&path);
        let disk = match fs::read(&full) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(SaveError::Io { path: full, source }),
        };
        let carried;
        let (text, dropped) = match text {
            Some(text) => (text, Vec::new()),
            None => {
                carried = text_over(record, disk.as_deref());
                (carried.text.as_str(), carried.dropped.clone())
            }
        };
        check_reads_back(record, text)?;
        if let Some((dir, _)) = path.split_once('/') {
            // A workspace needs only aims.yaml, so a record folder may be
            // missing. It is made one level deep inside the folder checked
            // above, never anywhere else: a write never recreates a path.
            let folder = self.root.join(dir);
            if !folder.is_dir() {
                fs::create_dir(&folder).map_err(|source| SaveError::Io {
                    path: folder,
                    source,
                })?;
            }
        }
        let previous = disk
            .as_deref()
            .map(|b| String::from_utf8_lossy(b).into_owned());
        let as_expected = match expect {
            Expect::Loaded => {
                if self.broken.contains(&path) {
                    return Err(SaveError::Broken(path));
                }
                disk.as_deref().map(Fingerprint::of) == self.loaded.get(&path).copied()
            }
            // The user saw this text, broken or not, and chose to replace it.
            Expect::Seen(seen) => previous.as_deref() == seen,
            Expect::Base(base) => {
                if self.broken.contains(&path) {
                    return Err(SaveError::Broken(path));
                }
                match base {
                    Base::File(base) => disk.as_deref().map(Fingerprint::of) == Some(base),
                    Base::NoFile => disk.is_none(),
                    Base::Ask => false,
                }
            }
        };
        if disk.as_deref() == Some(text.as_bytes()) {
            self.loaded.insert(path, Fingerprint::of(text.as_bytes()));
            return Ok((SaveOutcome::Unchanged, None));
        }
        if !as_expected {
            return Err(SaveError::Conflict {
                path,
                disk: previous,
            });
        }
        write_atomically(&full, text.as_bytes())
            .map_err(|source| SaveError::Io { path: full, source })?;
        self.broken.remove(&path);
        self.loaded.insert(path, Fingerprint::of(text.as_bytes()));
        Ok((SaveOutcome::Written(dropped), previous))
    }

    /// Fails when the workspace folder is gone or is another folder now
    /// (renamed, moved, replaced), so that a write never recreates a path.
    fn check_root(&self) -> Result<(), SaveError> {
        let same = fs::metadata(&self.root)
            .ok()
            .filter(|meta| meta.is_dir())
            .is_some_and(|meta| FolderId::of(&meta) == self.root_id);
        if same {
            Ok(())
        } else {
            Err(SaveError::WorkspaceGone(self.root.clone()))
        }
    }

    /// Removes a record file that an edit created, for undo. Like a write,
    /// it refuses when the file changed since we last wrote it.
    pub fn remove(&mut self, path: &str) -> Result<SaveOutcome, SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        self.check_root()?;
        let full = self.root.join(path);
        let disk = match fs::read(&full) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.loaded.remove(path);
                return Ok(SaveOutcome::Unchanged);
            }
            Err(source) => return Err(SaveError::Io { path: full, source }),
        };
        if Some(Fingerprint::of(&disk)) != self.loaded.get(path).copied() {
            return Err(SaveError::Conflict {
                path: path.to_string(),
                disk: Some(String::from_utf8_lossy(&disk).into_owned()),
            });
        }
        fs::remove_file(&full).map_err(|source| SaveError::Io { path: full, source })?;
        self.loaded.remove(path);
        Ok(SaveOutcome::Written(Vec::new()))
    }

    /// Records whose file is not in canonical form: what `aims fmt` would
    /// write, through [`Workspace::save`] like any other edit.
    pub fn non_canonical(&self) -> Vec<Record> {
        let mut records: Vec<Record> = vec![Record::Manifest(self.records.manifest.clone())];
        records.extend(self.records.systems.values().cloned().map(Record::System));
        records.extend(self.records.soa.values().cloned().map(Record::Soa));
        records.extend(self.records.impacts.values().cloned().map(Record::Impact));
        records
            .into_iter()
            .filter(|r| !self.broken.contains(&r.path()))
            .filter(|r| {
                let disk = fs::read(self.root.join(r.path())).ok();
                disk.as_deref() != Some(text_over(r, disk.as_deref()).text.as_bytes())
            })
            .collect()
    }
}

impl Workspace {
    /// What the file of `path` holds as far as this session knows, for a
    /// record kept to be written by a later one.
    pub fn base_of(&self, path: &str) -> Base {
        match self.loaded.get(path) {
            Some(fingerprint) => Base::File(*fingerprint),
            None => Base::NoFile,
        }
    }
}

/// The identity of a folder on its file system, to notice that the path
/// now names another folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FolderId(u64, u64);

impl FolderId {
    pub fn of(meta: &fs::Metadata) -> FolderId {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FolderId(meta.dev(), meta.ino())
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FolderId(0, 0)
        }
    }
}

/// The canonical text of `record`, with the comments of `disk`, the file it
/// replaces.
fn text_over(record: &Record, disk: Option<&[u8]>) -> Carried {
    let canonical = record.to_text();
    match disk.map(std::str::from_utf8) {
        Some(Ok(old)) => carry_comments(old, &canonical),
        _ => Carried {
            text: canonical,
            dropped: Vec::new(),
        },
    }
}

/// Refuses text that aims would refuse to read back as this record: over
/// the size cap or the parser's limits, or reading back as another record.
fn check_reads_back(record: &Record, text: &str) -> Result<(), SaveError> {
    let path = record.path();
    let refuse = |reason: String| SaveError::Unreadable {
        path: path.clone(),
        reason,
    };
    if text.len() as u64 > MAX_RECORD_BYTES {
        return Err(refuse(format!(
            "too long: {} bytes, over the 1 MiB ({MAX_RECORD_BYTES} bytes) a record file may hold; shorten the longest text",
            text.len()
        )));
    }
    match super::parse_record(&path, text) {
        // The text must give back the same record: the same canonical bytes.
        Some(read) if Record::to_text(&read) != record.to_text() => Err(refuse(
            "it would not read back as written (please report this as a bug in aims)".into(),
        )),
        Some(_) => Ok(()),
        None => Err(refuse(
            "aims could not read it back (a read limit: nesting, aliases or control characters); change the text"
                .into(),
        )),
    }
}
