//! Finding the workspace: an explicit folder, then `$AIMS_WORKSPACE`, then
//! the current folder or its nearest parent that holds `aims.yaml`.

use std::fmt;
use std::path::{Path, PathBuf};

use super::MANIFEST_FILE;

#[derive(Debug, PartialEq, Eq)]
pub enum DiscoverError {
    /// A folder was named but holds no manifest.
    NotAWorkspace(PathBuf),
    /// Nothing was named and no parent holds a manifest.
    NotFound(PathBuf),
}

impl fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiscoverError::NotAWorkspace(dir) if !dir.exists() => write!(
                f,
                "{} does not exist; create a workspace there with `aims init {}`",
                dir.display(),
                dir.display()
            ),
            DiscoverError::NotAWorkspace(dir) => write!(
                f,
                "{} is not an aims workspace (it has no {MANIFEST_FILE}); create one with `aims init {}`",
                dir.display(),
                dir.display()
            ),
            DiscoverError::NotFound(dir) => write!(
                f,
                "no aims workspace here: neither {} nor any parent holds {MANIFEST_FILE}; name one (`aims check DIR`), set AIMS_WORKSPACE, or create one with `aims init DIR`",
                dir.display()
            ),
        }
    }
}

impl std::error::Error for DiscoverError {}

pub fn is_workspace(dir: &Path) -> bool {
    dir.join(MANIFEST_FILE).is_file()
}

/// `explicit` is the folder given on the command line, if any.
pub fn discover(explicit: Option<&Path>) -> Result<PathBuf, DiscoverError> {
    let named = explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("AIMS_WORKSPACE").map(PathBuf::from));
    if let Some(dir) = named {
        return if is_workspace(&dir) {
            Ok(dir)
        } else {
            Err(DiscoverError::NotAWorkspace(dir))
        };
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    cwd.ancestors()
        .find(|dir| is_workspace(dir))
        .map(Path::to_path_buf)
        .ok_or(DiscoverError::NotFound(cwd))
}
