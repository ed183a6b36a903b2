//! Reading one record file safely: within the workspace, under the size
//! cap, as UTF-8 text. Nothing here knows what the text means.

use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::Path;

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
    let mut file = fs::File::open(path).map_err(|e| problem(format!("cannot read: {e}")))?;
    let len = file
        .metadata()
        .map_err(|e| problem(format!("cannot read: {e}")))?
        .len();
    if len > MAX_RECORD_BYTES {
        return Err(problem(format!(
            "the file is {len} bytes; a record file may hold at most {MAX_RECORD_BYTES} bytes (1 MiB)"
        )));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // Read one byte past the cap so a file that grew since `metadata` is caught.
    file.by_ref()
        .take(MAX_RECORD_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| problem(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Err(problem(
            "the file is larger than 1 MiB, the cap for a record file",
        ));
    }
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
