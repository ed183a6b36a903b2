//! The `git` command, for the little a new workspace asks of it: whether a
//! folder is already inside a work tree, and a new repository. Run in batch
//! mode with its output captured, so nothing of git's reaches the terminal
//! unasked.

use std::io;
use std::path::Path;
use std::process::{Command, Output};

/// Whether a folder is in a git work tree, as git sees it.
#[derive(Debug, PartialEq, Eq)]
pub enum Around {
    /// In a work tree (or a repository's own folder): no new repository.
    Repository,
    /// In none.
    Nothing,
    /// git is not installed (not on `PATH`).
    NoGit,
    /// git could not tell (a repository of another user, say), with what
    /// it said.
    Unknown(String),
}

/// git in batch mode, in English (its messages are read below), and aimed
/// at `dir` whatever `GIT_DIR` a hook may have set.
pub(super) fn git(dir: &Path, args: &[&str]) -> io::Result<Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("LC_ALL", "C")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
}

/// What holds `dir`, which must exist.
pub fn around(dir: &Path) -> Around {
    let output = match git(dir, &["rev-parse", "--is-inside-work-tree"]) {
        Ok(output) => output,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Around::NoGit,
        Err(e) => return Around::Unknown(e.to_string()),
    };
    let said = said(&output);
    if output.status.success() {
        // "true" in a work tree, "false" inside a `.git` folder: a
        // repository either way.
        Around::Repository
    } else if said.contains("not a git repository") {
        Around::Nothing
    } else {
        Around::Unknown(said)
    }
}

/// Makes `dir` a new repository, with the user's own defaults (initial
/// branch, templates).
pub fn init(dir: &Path) -> io::Result<()> {
    let output = git(dir, &["init", "--quiet"])?;
    if output.status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "`git init` failed: {}",
            said(&output)
        )))
    }
}

/// What git said on stderr, on one line.
fn said(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("; ")
}

/// Where the workspace stands in git, for a document's provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    pub commit: String,
    /// The commit's date, as git gives it (ISO 8601).
    pub date: String,
    pub author: String,
    /// Files under the workspace folder differ from the commit.
    pub uncommitted: bool,
}

/// The last commit that touched `dir`, and whether anything under it has
/// changed since; `None` outside a repository, without git, or before the
/// first commit.
pub fn provenance(dir: &Path) -> Option<Provenance> {
    let log = git(dir, &["log", "-1", "--format=%H%x00%cI%x00%an", "--", "."]).ok()?;
    if !log.status.success() {
        return None;
    }
    let line = String::from_utf8_lossy(&log.stdout).trim().to_string();
    let mut parts = line.split('\0');
    let (commit, date, author) = (parts.next()?, parts.next()?, parts.next()?);
    if commit.is_empty() {
        return None;
    }
    let status = git(dir, &["status", "--porcelain", "--", "."]).ok()?;
    Some(Provenance {
        commit: commit.to_string(),
        date: date.to_string(),
        author: author.to_string(),
        uncommitted: !status.stdout.is_empty(),
    })
}

/// Why a folder's history could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum HistoryError {
    /// git is not installed (not on `PATH`).
    NoGit,
    /// The folder is in no git repository.
    NotARepository,
    /// git failed otherwise, with what it said.
    Git(String),
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HistoryError::NoGit => f.write_str("git is not installed (not found on PATH)"),
            HistoryError::NotARepository => f.write_str("the workspace is not in a git repository"),
            HistoryError::Git(said) => write!(f, "git failed: {said}"),
        }
    }
}

impl std::error::Error for HistoryError {}

/// One commit of `git log`, with how it touched the file followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    pub commit: String,
    /// The author date, as git gives it (ISO 8601, the author's offset).
    pub date: String,
    pub author: String,
    pub subject: String,
    /// git's status letter: `A`dded, `M`odified, `D`eleted, `R`enamed...
    pub status: char,
    /// The file's path in this commit, relative to the folder asked about.
    pub path: String,
    /// The path it had before, for a rename or copy.
    pub old_path: Option<String>,
}

/// Runs git for history, turning "no git" and "no repository" into errors
/// of their own.
fn git_for_history(dir: &Path, args: &[&str]) -> Result<Output, HistoryError> {
    let output = match git(dir, args) {
        Ok(output) => output,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(HistoryError::NoGit),
        Err(e) => return Err(HistoryError::Git(e.to_string())),
    };
    if output.status.success() {
        return Ok(output);
    }
    let said = said(&output);
    if said.contains("not a git repository") {
        Err(HistoryError::NotARepository)
    } else {
        Err(HistoryError::Git(said))
    }
}

/// The commits that changed `path` (relative to `dir`), newest first,
/// following renames; empty when the file was never committed (or the
/// repository has no commit yet).
pub fn file_log(dir: &Path, path: &str) -> Result<Vec<LogEntry>, HistoryError> {
    if !has_commits(dir)? {
        return Ok(Vec::new());
    }
    let output = git_for_history(
        dir,
        &[
            "log",
            "--follow",
            "--relative",
            "-M",
            "--no-color",
            "--format=%x01%H%x00%aI%x00%an%x00%s",
            "--name-status",
            "-z",
            "--",
            path,
        ],
    )?;
    Ok(parse_log(&String::from_utf8_lossy(&output.stdout)))
}

/// Whether the repository around `dir` has a commit yet (`git log` fails
/// on an unborn branch).
fn has_commits(dir: &Path) -> Result<bool, HistoryError> {
    git_for_history(dir, &["rev-parse", "--is-inside-work-tree"])?;
    Ok(git(dir, &["rev-parse", "--verify", "--quiet", "HEAD"])
        .map(|o| o.status.success())
        .unwrap_or(false))
}

/// One commit of a `git log --raw` pass: when, and the files it changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawCommit {
    pub commit: String,
    /// The committer date, as git gives it (ISO 8601, the committer's offset).
    pub date: String,
    pub files: Vec<RawFile>,
}

/// One file a commit changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawFile {
    /// git's status letter: `A`, `M`, `D`, `T`...
    pub status: char,
    /// The blob the file holds after the commit (all zeros when deleted).
    pub blob: String,
    /// Relative to the folder asked about.
    pub path: String,
}

/// Every commit that changed a file under `paths` (relative to `dir`),
/// oldest first, along the first parent (a merge counts as the change it
/// brought to the branch), in one `git log --raw` pass. Empty before the
/// first commit.
pub fn raw_log(dir: &Path, paths: &[&str]) -> Result<Vec<RawCommit>, HistoryError> {
    if !has_commits(dir)? {
        return Ok(Vec::new());
    }
    let mut args = vec![
        "log",
        "--reverse",
        "--first-parent",
        "-m",
        "--no-renames",
        "--relative",
        "--no-abbrev",
        "--no-color",
        "--format=%x01%H%x00%cI%x00",
        "--raw",
        "-z",
        "--",
    ];
    args.extend_from_slice(paths);
    let output = git_for_history(dir, &args)?;
    Ok(parse_raw(&String::from_utf8_lossy(&output.stdout)))
}

/// Parses `--format=%x01%H%x00%cI%x00 --raw -z`: after each header, pairs
/// of `:mode mode blob blob status` and a path, NUL-separated.
fn parse_raw(text: &str) -> Vec<RawCommit> {
    let mut commits = Vec::new();
    for chunk in text.split('\x01').filter(|c| !c.is_empty()) {
        let mut parts = chunk.split('\0');
        let (Some(commit), Some(date)) = (parts.next(), parts.next()) else {
            continue;
        };
        let mut files = Vec::new();
        // The header's own NUL and the line end after it leave empty parts.
        let mut parts = parts
            .map(|part| part.trim_start_matches('\n'))
            .filter(|part| !part.is_empty());
        while let (Some(meta), Some(path)) = (parts.next(), parts.next()) {
            let words: Vec<&str> = meta.split(' ').collect();
            if let [_, _, _, blob, status, ..] = words.as_slice() {
                files.push(RawFile {
                    status: status.chars().next().unwrap_or('M'),
                    blob: blob.to_string(),
                    path: path.to_string(),
                });
            }
        }
        commits.push(RawCommit {
            commit: commit.to_string(),
            date: date.to_string(),
            files,
        });
    }
    commits
}

/// Parses `--format=%x01...` with `--name-status -z`: each commit starts with
/// `\x01`, its header fields end at the first NUL after the subject, then
/// NUL-separated status and paths.
fn parse_log(text: &str) -> Vec<LogEntry> {
    let mut entries = Vec::new();
    for chunk in text.split('\x01').filter(|c| !c.is_empty()) {
        let mut parts = chunk.split('\0');
        let (Some(commit), Some(date), Some(author), Some(rest)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        // The subject runs to the end of its line; the name-status follows.
        let (subject, first) = rest.split_once('\n').unwrap_or((rest, ""));
        let mut fields: Vec<&str> = std::iter::once(first.trim_start_matches('\n'))
            .chain(parts)
            .map(|f| f.trim_start_matches('\n'))
            .filter(|f| !f.is_empty())
            .collect();
        let mut entry = LogEntry {
            commit: commit.to_string(),
            date: date.to_string(),
            author: author.to_string(),
            subject: subject.to_string(),
            status: 'M',
            path: String::new(),
            old_path: None,
        };
        if let Some(status) = fields.first().copied() {
            entry.status = status.chars().next().unwrap_or('M');
            fields.remove(0);
            match (entry.status, fields.as_slice()) {
                ('R' | 'C', [old, new, ..]) => {
                    entry.old_path = Some(old.to_string());
                    entry.path = new.to_string();
                }
                (_, [path, ..]) => entry.path = path.to_string(),
                _ => {}
            }
        }
        entries.push(entry);
    }
    entries
}

/// The contents of many objects at once (`rev:path` names, relative paths
/// read from `dir`), through one `git cat-file --batch`; `None` for a
/// name that names nothing (a file before it existed).
pub fn cat_files(dir: &Path, names: &[String]) -> Result<Vec<Option<Vec<u8>>>, HistoryError> {
    use std::io::{Read, Write};
    use std::process::Stdio;
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch"])
        .env("LC_ALL", "C")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => HistoryError::NoGit,
            _ => HistoryError::Git(e.to_string()),
        })?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let mut input = String::new();
    for name in names {
        // A relative path is read from `dir`, as `git -C dir` sees it.
        input.push_str(name);
        input.push('\n');
    }
    // Written on a thread of its own, because git answers while it reads
    // and a full pipe either way would stop both.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut bytes = Vec::new();
    let read = child
        .stdout
        .take()
        .expect("stdout was piped")
        .read_to_end(&mut bytes);
    let _ = writer.join();
    let _ = child.wait();
    read.map_err(|e| HistoryError::Git(e.to_string()))?;
    parse_batch(&bytes, names.len())
}

/// Splits `git cat-file --batch` output into one answer per name asked.
fn parse_batch(bytes: &[u8], count: usize) -> Result<Vec<Option<Vec<u8>>>, HistoryError> {
    let mut answers = Vec::with_capacity(count);
    let mut at = 0;
    while answers.len() < count {
        let end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| at + i)
            .ok_or_else(|| HistoryError::Git("`git cat-file` ended early".to_string()))?;
        let header = String::from_utf8_lossy(&bytes[at..end]);
        at = end + 1;
        let mut words = header.split(' ');
        let (_, kind, size) = (words.next(), words.next(), words.next());
        match (kind, size.and_then(|s| s.parse::<usize>().ok())) {
            (Some("blob"), Some(size)) if at + size <= bytes.len() => {
                answers.push(Some(bytes[at..at + size].to_vec()));
                // The content is followed by a line end.
                at += size + 1;
            }
            (Some(_), Some(size)) if at + size <= bytes.len() => {
                // A tree or a commit: not a file.
                answers.push(None);
                at += size + 1;
            }
            _ => answers.push(None),
        }
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_with_a_rename_and_a_plain_change_is_read() {
        // As git writes it: the subject ends in NUL, then a line end and
        // the NUL-separated status and paths.
        let text = "\x01aaa\x002026-01-02T10:00:00+00:00\x00Ann\x00Rename it\x00\nR100\x00soa/old.yaml\x00soa/new.yaml\x00\
                    \x01bbb\x002026-01-01T10:00:00+00:00\x00Bob\x00First\x00\nA\x00soa/old.yaml\x00";
        let log = parse_log(text);
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].subject, "Rename it");
        assert_eq!(log[0].status, 'R');
        assert_eq!(log[0].old_path.as_deref(), Some("soa/old.yaml"));
        assert_eq!(log[0].path, "soa/new.yaml");
        assert_eq!(log[1].author, "Bob");
        assert_eq!(log[1].status, 'A');
        assert_eq!(log[1].path, "soa/old.yaml");
    }

    #[test]
    fn a_raw_log_gives_each_commit_its_files_and_blobs() {
        let text = "\x01aaa\x002026-01-02T10:00:00Z\x00\x00\n:000000 100644 0000 1111 A\x00soa/A.5.2.yaml\x00\
                    :100644 000000 2222 0000 D\x00soa/A.5.3.yaml\x00\x01bbb\x002026-01-03T10:00:00Z\x00";
        let log = parse_raw(text);
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].files.len(), 2);
        assert_eq!(log[0].files[0].blob, "1111");
        assert_eq!(log[0].files[0].path, "soa/A.5.2.yaml");
        assert_eq!(log[0].files[1].status, 'D');
        assert!(log[1].files.is_empty());
    }

    #[test]
    fn a_batch_answer_with_a_missing_object_is_split() {
        let bytes = b"abc blob 3\nxyz\nfoo missing\ndef blob 0\n\n";
        let answers = parse_batch(bytes, 3).expect("well formed");
        assert_eq!(answers, vec![Some(b"xyz".to_vec()), None, Some(Vec::new())]);
    }
}
