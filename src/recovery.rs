//! Crash recovery: the open issue is written to a recovery file a few seconds
//! after the editor stops changing it, and removed when the issue is saved or
//! closed cleanly. A recovery file found at start means work was not saved.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Issue;

/// What a recovery file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// The file the issue was opened from (a dump or a `.ron`), if any.
    pub original: Option<PathBuf>,
    /// Seconds since the Unix epoch when the file was written.
    pub written_at: u64,
    pub issue: Issue,
}

/// The folder recovery files live in.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    pub dir: PathBuf,
}

impl RecoveryStore {
    pub fn new(dir: PathBuf) -> Self {
        RecoveryStore { dir }
    }

    /// The recovery file for an issue: one per source file (by its SHA-256 and name).
    pub fn path_for(&self, issue: &Issue) -> PathBuf {
        let key =
            crate::detect::sha256_hex(format!("{}\n{}", issue.meta.source_sha256, issue.meta.source_file).as_bytes());
        self.dir.join(format!("{}.recovery.ron", &key[..16]))
    }

    /// Writes the recovery file atomically.
    pub fn write(&self, issue: &Issue, original: Option<&Path>) -> Result<PathBuf, String> {
        std::fs::create_dir_all(&self.dir).map_err(|e| format!("{}: {e}", self.dir.display()))?;
        let written_at =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        // Absolute and canonical: a restore from another working folder saves to the same file.
        let original =
            original.map(|p| p.canonicalize().unwrap_or_else(|_| std::path::absolute(p).unwrap_or(p.to_path_buf())));
        let record = Recovery { original, written_at, issue: issue.clone() };
        let text = ron::ser::to_string_pretty(&record, ron::ser::PrettyConfig::new().escape_strings(false))
            .map_err(|e| format!("cannot write the recovery file: {e}"))?;
        let path = self.path_for(issue);
        crate::store::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
        Ok(path)
    }

    /// Removes the recovery file of an issue (after a save or a clean close).
    pub fn discard(&self, issue: &Issue) {
        let _ = std::fs::remove_file(self.path_for(issue));
    }

    /// Every recovery file that can be read, newest first. Unreadable ones are skipped.
    pub fn list(&self) -> Vec<(PathBuf, Recovery)> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut found: Vec<(PathBuf, Recovery)> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".recovery.ron"))
            .filter_map(|p| {
                let text = crate::store::read_text(&p).ok()?;
                let record: Recovery = ron::from_str(&text).ok()?;
                Some((p, record))
            })
            .collect();
        found.sort_by_key(|r| std::cmp::Reverse(r.1.written_at));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_list_and_discard() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let issue = crate::detect_bytes("县里开会\n\n本报讯 会议决定了三件事。\n".as_bytes(), "a.txt").unwrap();
        assert!(store.list().is_empty());
        store.write(&issue, Some(Path::new("/archive/a.txt"))).unwrap();
        let found = store.list();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.issue, issue);
        assert_eq!(found[0].1.original.as_deref(), Some(Path::new("/archive/a.txt")));
        store.discard(&issue);
        assert!(store.list().is_empty());
    }
}
