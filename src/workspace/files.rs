//! Reading one record file safely: within the workspace, under the size
//! cap, as UTF-8 text. Nothing here knows what the text means.

use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::yaml::Pos;

/// Record files larger than this are refused before they are read.
pub const MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// A cheap identity of a file's bytes, to notice changes made behind our back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The number behind it, to keep it in a recovery file.
    pub fn as_u64(self) -> u64 {
        self.0
    }

    pub fn from_u64(value: u64) -> Fingerprint {
        Fingerprint(value)
    }

    pub fn of(bytes: &[u8]) -> Fingerprint {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Fingerprint(hasher.finish())
    }
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub struct ReadProblem {
    pub pos: Pos,
    pub message: String,
}

/// A file's text (byte-order mark removed) and the fingerprint of its bytes.
pub struct FileText {
    pub text: String,
    pub fingerprint: Fingerprint,
}

fn problem(message: impl Into<String>) -> ReadProblem {
    ReadProblem {
        pos: Pos::START,
        message: message.into(),
    }
}

/// Reads `path`, refusing symlinks that lead outside `root` (which must be
/// canonical), oversized files and text that is not UTF-8. `file_type` is
/// what a directory listing already said about the file, which spares a
/// system call per file on a large workspace.
pub fn read_record_file(
    root: &Path,
    path: &Path,
    file_type: Option<fs::FileType>,
) -> Result<FileText, ReadProblem> {
    read_record_bytes(root, path, file_type).and_then(file_text)
}

/// The bytes of `path`, with the checks of [`read_record_file`] but for
/// the one that they are UTF-8 text.
pub fn read_record_bytes(
    root: &Path,
    path: &Path,
    file_type: Option<fs::FileType>,
) -> Result<Vec<u8>, ReadProblem> {
    let file_type = match file_type {
        Some(file_type) => file_type,
        None => fs::symlink_metadata(path)
            .map_err(|e| problem(format!("cannot read: {e}")))?
            .file_type(),
    };
    if file_type.is_symlink() {
        let target = fs::canonicalize(path)
            .map_err(|e| problem(format!("a symlink that leads nowhere ({e})")))?;
        if !target.starts_with(root) {
            return Err(problem(format!(
                "a symlink that leads outside the workspace (to {}); aims does not follow it: copy the file in instead",
                target.display()
            )));
        }
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // A named pipe would otherwise hold the open until something writes
    // to it; it is refused below, as soon as it is open.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options
        .open(path)
        .map_err(|e| problem(format!("cannot read: {e}")))?;
    let metadata = file
        .metadata()
        .map_err(|e| problem(format!("cannot read: {e}")))?;
    if !metadata.is_file() {
        return Err(not_a_file());
    }
    let len = metadata.len();
    if len > MAX_RECORD_BYTES {
        return Err(too_large(len));
    }
    read_rest(file, Vec::with_capacity(len as usize))
}

/// Reads what is left of `file` after `bytes`, refusing a file that grew
/// past the cap since its size was looked at.
fn read_rest(mut file: fs::File, mut bytes: Vec<u8>) -> Result<Vec<u8>, ReadProblem> {
    let room = (MAX_RECORD_BYTES + 1).saturating_sub(bytes.len() as u64);
    file.by_ref()
        .take(room)
        .read_to_end(&mut bytes)
        .map_err(|e| problem(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Err(problem(
            "the file is larger than 1 MiB, the cap for a record file",
        ));
    }
    Ok(bytes)
}

fn not_a_file() -> ReadProblem {
    problem(
        "not a regular file; a record must be a file: remove it, or rename it so it does not end in .yaml",
    )
}

fn too_large(len: u64) -> ReadProblem {
    problem(format!(
        "the file is {len} bytes; a record file may hold at most {MAX_RECORD_BYTES} bytes (1 MiB)"
    ))
}

/// A file's bytes as text, with their fingerprint.
fn file_text(mut bytes: Vec<u8>) -> Result<FileText, ReadProblem> {
    let fingerprint = Fingerprint::of(&bytes);
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(FileText { text, fingerprint }),
        Err(e) => {
            let body = e.as_bytes();
            let e = e.utf8_error();
            let valid = &body[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(ReadProblem {
                pos: Pos::new(line, col),
                message: format!(
                    "the file is not UTF-8 text (byte 0x{:02x}); save it as UTF-8",
                    body[e.valid_up_to()]
                ),
            })
        }
    }
}

/// A record folder, opened once to read the files a listing found in it.
///
/// On Unix each file is then opened by its name relative to the folder, so
/// the kernel does not walk the workspace's path again for every one of
/// thousands of files, and read without asking its size first: reading a
/// large workspace takes about a third less time than [`read_record_file`]
/// on each full path.
pub struct RecordFolder {
    path: PathBuf,
    #[cfg(unix)]
    handle: Option<std::os::fd::OwnedFd>,
}

impl RecordFolder {
    /// The folder at `path`; if it cannot be opened, its files are read by
    /// their full paths.
    pub fn open(path: PathBuf) -> RecordFolder {
        #[cfg(unix)]
        let handle = {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            rustix::fs::open(&path, flags, Mode::empty()).ok()
        };
        RecordFolder {
            path,
            #[cfg(unix)]
            handle,
        }
    }

    /// Reads the file `name` of this folder with the same checks as
    /// [`read_record_file`]; `file_type` is what the listing said of it.
    pub fn read(
        &self,
        root: &Path,
        name: &str,
        file_type: Option<fs::FileType>,
    ) -> Result<FileText, ReadProblem> {
        if file_type.is_some_and(|t| !t.is_file() && !t.is_symlink()) {
            return Err(not_a_file());
        }
        #[cfg(unix)]
        if let Some(handle) = &self.handle
            && file_type.is_some_and(|t| t.is_file())
        {
            // A file that cannot be opened here (gone, or replaced by a
            // symlink since the folder was listed) is looked at afresh by
            // its full path, whose checks and messages then apply.
            if let Ok(read) = read_in_folder(handle, name) {
                return read.and_then(file_text);
            }
            return read_record_file(root, &self.path.join(name), None);
        }
        read_record_file(root, &self.path.join(name), file_type)
    }
}

/// The bytes of the regular file `name` in `folder`, with the checks of
/// [`read_record_file`]; the outer error is one from opening the file.
#[cfg(unix)]
fn read_in_folder(
    folder: &std::os::fd::OwnedFd,
    name: &str,
) -> rustix::io::Result<Result<Vec<u8>, ReadProblem>> {
    use rustix::buffer::spare_capacity;
    use rustix::fs::{Mode, OFlags};
    /// Larger than nearly every record file, so that one read takes it all.
    const FIRST_READ: usize = 16 * 1024;
    // NOFOLLOW: a symlink is the full path's to check. NONBLOCK: a file
    // replaced by a named pipe since the listing must not hang the load.
    let flags = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW | OFlags::NONBLOCK;
    let file = rustix::fs::openat(folder, name, flags, Mode::empty())?;
    let cannot_read =
        |e: rustix::io::Errno| problem(format!("cannot read: {}", std::io::Error::from(e)));
    let mut bytes = Vec::with_capacity(FIRST_READ);
    let first = loop {
        match rustix::io::read(&file, spare_capacity(&mut bytes)) {
            Err(rustix::io::Errno::INTR) => continue,
            read => break read,
        }
    };
    match first {
        // A read of a regular file stops short only at its end: the kernel
        // fills the buffer whole from the page cache. Taking that as given
        // spares asking for the size and a second call that reads nothing.
        Ok(read) if read < FIRST_READ => return Ok(Ok(bytes)),
        Ok(_) => {}
        Err(e) => return Ok(Err(cannot_read(e))),
    }
    // A large file: its size decides whether it is read on.
    let len = match rustix::fs::fstat(&file) {
        Ok(stat) => u64::try_from(stat.st_size).unwrap_or(0),
        Err(e) => return Ok(Err(cannot_read(e))),
    };
    if len > MAX_RECORD_BYTES {
        return Ok(Err(too_large(len)));
    }
    Ok(read_rest(fs::File::from(file), bytes))
}
