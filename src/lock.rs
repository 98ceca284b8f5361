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
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .ok()
            .filter(|u| !u.is_empty())
            .or_else(user_from_system)
            .unwrap_or_else(|| "unknown".into());
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

    /// A lock left by a session on this machine whose process is gone (a crash, `kill -9`):
    /// nobody is editing under it. (Only where the process table can be read.)
    fn is_dead_here(&self) -> bool {
        let proc = Path::new("/proc");
        self.host == Holder::me().host && proc.join("self").exists() && !proc.join(self.pid.to_string()).exists()
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

/// Someone else's live lock on `issue`, if there is one. A lock whose session on this
/// machine has ended (its process is gone) is no one's: it is not reported.
pub fn held_by_other(issue: &Path) -> Option<Holder> {
    let text = crate::store::read_text(&lock_path(issue)).ok()?;
    Holder::parse(&text).filter(|h| !h.is_me() && !h.is_dead_here())
}

/// The login name of the user running Jianbao, from the system's user database
/// (`USER` is unset under some launchers and services).
fn user_from_system() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status.lines().find_map(|l| l.strip_prefix("Uid:"))?.split_whitespace().next()?.to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut parts = l.split(':');
        let name = parts.next()?;
        (parts.nth(1)? == uid).then(|| name.to_string())
    })
}

/// Takes (or takes over) the lock of `issue`.
pub fn acquire(issue: &Path) -> Result<(), String> {
    crate::store::write_atomic(&lock_path(issue), Holder::me().to_text().as_bytes()).map_err(|e| e.to_string())
}

/// Gives the lock back, if it is ours.
pub fn release(issue: &Path) {
    let path = lock_path(issue);
    if let Ok(text) = crate::store::read_text(&path) {
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

    #[test]
    fn our_own_crashed_session_is_no_other_editor() {
        let dir = tempfile::tempdir().unwrap();
        let issue = dir.path().join("0102.ron");
        // A session of this machine whose process has ended (pids never reach u32::MAX - 1).
        let crashed = Holder { pid: u32::MAX - 1, ..Holder::me() };
        std::fs::write(lock_path(&issue), crashed.to_text()).unwrap();
        if Path::new("/proc/self").exists() {
            assert_eq!(held_by_other(&issue), None);
        }
        // A live session of this machine (this test's parent, say) is still a warning.
        let parent = Holder { pid: std::os::unix::process::parent_id(), ..Holder::me() };
        std::fs::write(lock_path(&issue), parent.to_text()).unwrap();
        assert_eq!(held_by_other(&issue), Some(parent));
    }

    #[test]
    fn the_user_comes_from_the_system_when_user_is_unset() {
        if Path::new("/proc/self/status").exists() && Path::new("/etc/passwd").exists() {
            let name = user_from_system().expect("the running user is in /etc/passwd");
            assert!(!name.is_empty() && name != "unknown");
        }
    }
}
