//! Whether a path a record names (a DPIA, say) is in the workspace. Only
//! paths inside the root are looked up, and a symbolic link that leads out
//! of it is reported as such, never followed to say what is there.

use std::path::{Component, Path};

use super::Workspace;
use crate::model::Lookup;

impl Workspace {
    /// What `relative` (to the root) names: found, missing, or a link out.
    /// An absolute path or one with `..` is never joined to the root.
    pub fn look_up(&self, relative: &str) -> Lookup {
        let path = Path::new(relative);
        let inside = path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !inside {
            return Lookup::LeadsOutside;
        }
        // The root is canonical, so a canonical path under it is inside.
        match std::fs::canonicalize(self.root.join(path)) {
            Ok(real) if real.starts_with(&self.root) => Lookup::Found,
            Ok(_) => Lookup::LeadsOutside,
            Err(_) => Lookup::Missing,
        }
    }
}
