//! A new workspace folder (`aims init`): the manifest, the empty record
//! folders, a `.gitignore` for aims's temporary files and, if asked, a git
//! repository. All of it is made in a hidden staging folder first and moved
//! into place only once complete, so a failure (a full disk) leaves nothing
//! half-made: a new folder appears whole, with one rename; into a folder
//! that exists, each new entry is renamed in (no new bytes are written
//! there), and everything made is taken out again if a step fails.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::git::{self, Around};
use super::leftovers::TEMP_PATTERN;
use super::{IMPACT_DIR, INVENTORY_DIR, MANIFEST_FILE, SOA_DIR};

const GITIGNORE: &str = ".gitignore";
const RECORD_FOLDERS: [&str; 3] = [INVENTORY_DIR, SOA_DIR, IMPACT_DIR];

/// What `.gitignore` says and why, so that whoever reads it knows the
/// pattern is aims's. Recovery files live outside the workspace.
const GITIGNORE_LINES: &str = "\
# aims writes each file as a temporary file beside it (.aims-<random>.tmp)
# and renames it into place, so one is left only if aims was stopped
# mid-write; `aims fmt` removes it. Unsaved work aims keeps for recovery is
# outside the workspace ($XDG_STATE_HOME/aims), so nothing else needs this.
.aims-*.tmp
";

/// What became of git.
#[derive(Debug, PartialEq, Eq)]
pub enum GitOutcome {
    /// The new workspace is a repository of its own.
    Made,
    /// It is inside a repository already, which keeps it.
    InRepository,
    /// `--no-git`.
    NotAsked,
    NotInstalled,
    /// The folder holds a `.git` that git cannot read; it was left alone.
    UnreadableGitFolder,
    /// git could not tell whether the folder is in a repository, with what
    /// it said; no repository was made, so as not to nest one.
    Unknown(String),
}

/// What became of `.gitignore`.
#[derive(Debug, PartialEq, Eq)]
pub enum Gitignore {
    Written,
    /// An existing one now ignores aims's temporary files too.
    Appended,
    /// An existing one already did; it is unchanged.
    Unchanged,
}

#[derive(Debug)]
pub struct Created {
    pub git: GitOutcome,
    pub gitignore: Gitignore,
}

/// Why no workspace was made, and what could not be taken out again.
#[derive(Debug)]
pub struct CreateError {
    pub dir: PathBuf,
    pub source: io::Error,
    pub left: Vec<PathBuf>,
}

impl fmt::Display for CreateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot create a workspace in {}: {}; ",
            self.dir.display(),
            self.source
        )?;
        if self.left.is_empty() {
            write!(f, "nothing was left behind")
        } else {
            let left: Vec<String> = self.left.iter().map(|p| p.display().to_string()).collect();
            write!(
                f,
                "these could not be removed again, delete them by hand: {}",
                left.join(", ")
            )
        }
    }
}

impl std::error::Error for CreateError {}

/// Makes a workspace in `dir` (made if missing, parents too) with the
/// `manifest` text; a git repository too if `git` and `dir` is in none.
/// The caller has checked that `dir` holds no workspace yet.
pub fn create(dir: &Path, manifest: &str, git: bool) -> Result<Created, CreateError> {
    let mut made = Made::default();
    match build(dir, manifest, git, &mut made) {
        Ok(created) => Ok(created),
        Err(source) => Err(CreateError {
            dir: dir.to_path_buf(),
            source,
            left: made.undo(),
        }),
    }
}

fn build(dir: &Path, manifest: &str, git: bool, made: &mut Made) -> io::Result<Created> {
    let existing = match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => true,
        Ok(_) => return Err(io::Error::other("it exists and is not a folder")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    // The staging folder is made where the workspace will be, so that the
    // final renames stay on one file system.
    let home = if existing {
        dir.to_path_buf()
    } else {
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        make_parents(parent, made)?;
        parent.to_path_buf()
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".aims-init-").suffix(".tmp");
    // The staging folder becomes the workspace: the usual mode (0777 less
    // the umask), not a temporary folder's 0700.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o777));
    }
    let staging = builder.tempdir_in(&home)?.keep();
    made.0.push(Step::Tree(staging.clone()));

    for folder in RECORD_FOLDERS {
        fs::create_dir(staging.join(folder))?;
        // Git keeps no empty folders; the marker keeps the layout in a clone.
        write_new(&staging.join(folder).join(".gitkeep"), b"")?;
    }
    write_new(&staging.join(MANIFEST_FILE), manifest.as_bytes())?;
    let current = match fs::read(dir.join(GITIGNORE)) {
        Ok(bytes) if existing => Some(bytes),
        Err(e) if existing && e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => None,
    };
    let gitignore = match &current {
        Some(bytes) if ignores_temp_files(bytes) => Gitignore::Unchanged,
        Some(_) => Gitignore::Appended,
        None => {
            write_new(&staging.join(GITIGNORE), GITIGNORE_LINES.as_bytes())?;
            Gitignore::Written
        }
    };
    let git = if git {
        match git::around(&home) {
            Around::Repository => GitOutcome::InRepository,
            Around::NoGit => GitOutcome::NotInstalled,
            Around::Unknown(said) => GitOutcome::Unknown(said),
            Around::Nothing if fs::symlink_metadata(dir.join(".git")).is_ok() => {
                GitOutcome::UnreadableGitFolder
            }
            Around::Nothing => {
                git::init(&staging)?;
                GitOutcome::Made
            }
        }
    } else {
        GitOutcome::NotAsked
    };
    sync_folder(&staging);

    if existing {
        move_in(&staging, dir, made)?;
        if let Some(bytes) = current.filter(|_| gitignore == Gitignore::Appended) {
            append_gitignore(&dir.join(GITIGNORE), &bytes, made)?;
        }
        // Empty now; were it left, it is hidden and ignored by git.
        let _ = fs::remove_dir_all(&staging);
        sync_folder(dir);
    } else {
        fs::rename(&staging, dir)?;
        sync_folder(&home);
    }
    Ok(Created { git, gitignore })
}

/// Makes the missing folders up to `folder`, outermost first.
fn make_parents(folder: &Path, made: &mut Made) -> io::Result<()> {
    let missing: Vec<&Path> = folder
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
        .collect();
    for folder in missing.into_iter().rev() {
        fs::create_dir(folder)?;
        made.0.push(Step::Folder(folder.to_path_buf()));
    }
    Ok(())
}

/// Renames each entry of `staging` into `dir`, which exists. A record
/// folder that exists already keeps what it holds and gains its marker.
fn move_in(staging: &Path, dir: &Path, made: &mut Made) -> io::Result<()> {
    let mut names: Vec<_> = fs::read_dir(staging)?
        .map(|entry| entry.map(|e| e.file_name()))
        .collect::<io::Result<_>>()?;
    names.sort();
    for name in names {
        let (from, to) = (staging.join(&name), dir.join(&name));
        let is_folder = fs::symlink_metadata(&from)?.is_dir();
        match fs::symlink_metadata(&to) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::rename(&from, &to)?;
                made.0.push(if is_folder {
                    Step::Tree(to)
                } else {
                    Step::File(to)
                });
            }
            Ok(meta) if meta.is_dir() && is_folder && RECORD_FOLDERS.iter().any(|f| name == *f) => {
                let (from, to) = (from.join(".gitkeep"), to.join(".gitkeep"));
                if fs::symlink_metadata(&to).is_err() {
                    fs::rename(&from, &to)?;
                    made.0.push(Step::File(to));
                }
            }
            Ok(_) => {
                return Err(io::Error::other(format!(
                    "{} is in the way: it exists already",
                    to.display()
                )));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Appends the temporary-file pattern to an existing `.gitignore` that
/// held `bytes`, keeping the file itself (its mode, its links).
fn append_gitignore(path: &Path, bytes: &[u8], made: &mut Made) -> io::Result<()> {
    let mut file = fs::OpenOptions::new().append(true).open(path)?;
    // Recorded first, so that half an append is cut off again.
    made.0
        .push(Step::Appended(path.to_path_buf(), bytes.len() as u64));
    let mut text = String::new();
    if !bytes.is_empty() {
        if !bytes.ends_with(b"\n") {
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str(GITIGNORE_LINES);
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

fn ignores_temp_files(gitignore: &[u8]) -> bool {
    String::from_utf8_lossy(gitignore)
        .lines()
        .any(|line| line.trim() == TEMP_PATTERN)
}

fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes the entries of `folder` durable; a file system that cannot sync
/// a folder still has them.
fn sync_folder(folder: &Path) {
    if let Ok(folder) = fs::File::open(folder) {
        let _ = folder.sync_all();
    }
}

/// One thing this `init` made, to be taken out again if a later step fails.
enum Step {
    /// A folder that did not exist; removed only if still empty.
    Folder(PathBuf),
    /// A folder made whole by this `init`.
    Tree(PathBuf),
    File(PathBuf),
    /// A file that was this long before this `init` appended to it.
    Appended(PathBuf, u64),
}

/// What this `init` made, in order.
#[derive(Default)]
struct Made(Vec<Step>);

impl Made {
    /// Takes out everything made, last first; what could not be.
    fn undo(self) -> Vec<PathBuf> {
        let mut left = Vec::new();
        for step in self.0.into_iter().rev() {
            let (path, result) = match step {
                Step::Folder(path) => {
                    let result = fs::remove_dir(&path);
                    (path, result)
                }
                Step::Tree(path) => {
                    let result = fs::remove_dir_all(&path);
                    (path, result)
                }
                Step::File(path) => {
                    let result = fs::remove_file(&path);
                    (path, result)
                }
                Step::Appended(path, len) => {
                    let result = fs::OpenOptions::new()
                        .write(true)
                        .open(&path)
                        .and_then(|file| file.set_len(len));
                    (path, result)
                }
            };
            if result.is_err_and(|e| e.kind() != io::ErrorKind::NotFound) {
                left.push(path);
            }
        }
        left
    }
}
