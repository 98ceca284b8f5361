//! Edit locks for archives on shared drives: while an editor has an annotated
//! issue open, a small `.NAME.ron.lock` file beside it says who and since when,
//! so a second editor opening it is warned before both edit the same issue.
//! A lock is advice, not enforcement: a crashed session's lock is shown with
//! its age and can be overridden.

use std::path::{Path, PathBuf};

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// Seconds since the Unix epoch.
    pub since: u64,
}

impl Holder {
    pub fn me() -> Holder {
        let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into());
        let host = std::env::var("HOSTNAME")
            .ok()
            .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_string()))
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "unknown".into());
        let since =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Holder { user, host, pid: std::process::id(), since }
    }

    fn is_me(&self) -> bool {
        let me = Holder::me();
        self.user == me.user && self.host == me.host && self.pid == me.pid
    }

    fn to_text(&self) -> String {
        format!("user\t{}\nhost\t{}\npid\t{}\nsince\t{}\n", self.user, self.host, self.pid, self.since)
    }

    fn parse(text: &str) -> Option<Holder> {
        let field = |name: &str| {
            text.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix('\t')).map(str::to_string))
        };
        Some(Holder {
            user: field("user")?,
            host: field("host")?,
            pid: field("pid")?.parse().ok()?,
            since: field("since")?.parse().ok()?,
        })
    }

    /// How long ago the lock was taken, in minutes.
    pub fn age_minutes(&self) -> u64 {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        now.saturating_sub(self.since) / 60
    }
}

/// The lock file of an annotated issue: `dir/.NAME.ron.lock`.
pub fn lock_path(issue: &Path) -> PathBuf {
    let name = issue.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    issue.with_file_name(format!(".{name}.lock"))
}

/// Someone else's lock on `issue`, if there is one.
pub fn held_by_other(issue: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(lock_path(issue)).ok()?;
    Holder::parse(&text).filter(|h| !h.is_me())
}

/// Takes (or takes over) the lock of `issue`.
pub fn acquire(issue: &Path) -> Result<(), String> {
    crate::store::write_atomic(&lock_path(issue), Holder::me().to_text().as_bytes()).map_err(|e| e.to_string())
}

/// Gives the lock back, if it is ours.
pub fn release(issue: &Path) {
    let path = lock_path(issue);
    if let Ok(text) = std::fs::read_to_string(&path) {
        if Holder::parse(&text).is_some_and(|h| h.is_me()) {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_is_taken_seen_by_others_and_released() {
        let dir = tempfile::tempdir().unwrap();
        let issue = dir.path().join("0101.ron");
        assert_eq!(held_by_other(&issue), None);
        acquire(&issue).unwrap();
        assert!(lock_path(&issue).exists());
        assert_eq!(held_by_other(&issue), None, "our own lock is no warning");
        // Another editor's lock.
        let other = Holder { user: "lihua".into(), host: "desk-7".into(), pid: 4242, since: 0 };
        std::fs::write(lock_path(&issue), other.to_text()).unwrap();
        assert_eq!(held_by_other(&issue), Some(other));
        release(&issue);
        assert!(lock_path(&issue).exists(), "someone else's lock is not ours to remove");
        acquire(&issue).unwrap();
        release(&issue);
        assert!(!lock_path(&issue).exists());
    }
}
