//! Store: the annotated issue as RON on disk — atomic saves, versioned loads.
//!
//! A save writes a temporary file in the destination folder, flushes it to
//! disk and renames it over the destination, so a crash leaves either the old
//! file or the new one, never half of one. A save never writes over the raw
//! dump the issue came from.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Issue, FORMAT, VERSION};

#[derive(Debug)]
pub enum StoreError {
    Io {
        path: String,
        error: std::io::Error,
    },
    /// The RON text does not parse, or does not have the annotated issue's shape.
    Damaged {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    NotAnIssue {
        path: String,
        found: String,
    },
    Newer {
        path: String,
        version: u32,
    },
    Older {
        path: String,
        version: u32,
    },
    WouldOverwriteSource {
        path: String,
    },
    Serialize {
        message: String,
    },
    /// The destination exists and is not an ordinary file (a device, a FIFO, a folder,
    /// a link to one of those or to nothing).
    NotRegular {
        path: String,
        what: String,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io { path, error } => write!(f, "{path}: {error}"),
            StoreError::NotRegular { path, what } => {
                write!(f, "{path}: {what}; Jianbao writes only ordinary files, so it is left as it is")
            }
            StoreError::Damaged { path, line, column, message } => {
                write!(f, "{path}:{line}:{column}: not a readable annotated issue: {message}")
            }
            StoreError::NotAnIssue { path, found } => {
                write!(f, "{path}: not a Jianbao issue file (format is {found:?}, expected {FORMAT:?})")
            }
            StoreError::Newer { path, version } => write!(
                f,
                "{path}: written by a newer Jianbao (issue format version {version}; this one reads up to {VERSION}); update Jianbao to open it"
            ),
            StoreError::Older { path, version } => {
                write!(f, "{path}: issue format version {version} is unknown (no migration from it)")
            }
            StoreError::WouldOverwriteSource { path } => write!(
                f,
                "{path}: refusing to write over the raw dump the issue came from; save as a .ron file"
            ),
            StoreError::Serialize { message } => write!(f, "cannot write the issue: {message}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// The pretty layout every annotated issue is written in (stable, so saves diff well).
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new().indentor("  ".to_string()).struct_names(false).escape_strings(false)
}

/// The annotated issue as RON text.
pub fn to_ron(issue: &Issue) -> Result<String, StoreError> {
    let mut text =
        ron::ser::to_string_pretty(issue, pretty()).map_err(|e| StoreError::Serialize { message: e.to_string() })?;
    text.push('\n');
    Ok(text)
}

/// Just the header, read first so that a newer or foreign file gets the right message.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// Parses an annotated issue, migrating older versions; `path` names it in errors.
pub fn from_ron(text: &str, path: &str) -> Result<Issue, StoreError> {
    let damaged = |e: ron::error::SpannedError| StoreError::Damaged {
        path: path.to_string(),
        line: e.position.line,
        column: e.position.col,
        message: e.code.to_string(),
    };
    let options = ron::Options::default();
    // `Header` ignores every other field, so this reads any version's header.
    let header: Header = options.from_str(text).map_err(damaged)?;
    if header.format != FORMAT {
        return Err(StoreError::NotAnIssue { path: path.to_string(), found: header.format });
    }
    if header.version > VERSION {
        return Err(StoreError::Newer { path: path.to_string(), version: header.version });
    }
    if header.version < 1 {
        return Err(StoreError::Older { path: path.to_string(), version: header.version });
    }
    // Version 1 is the current layout. A later layout adds a `migrate_vN` step here that
    // reads the old shape and returns the current one, so every old file keeps opening.
    let issue: Issue = options.from_str(text).map_err(damaged)?;
    Ok(issue)
}

/// Loads an annotated issue from disk.
pub fn load(path: &Path) -> Result<Issue, StoreError> {
    let name = path.display().to_string();
    let bytes = read_regular(path).map_err(|error| StoreError::Io { path: name.clone(), error })?;
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Damaged {
        path: name.clone(),
        line: 0,
        column: 0,
        message: format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
    })?;
    from_ron(&text, &name)
}

/// Saves the issue to `path` atomically. Refuses to write over the issue's raw dump.
pub fn save(issue: &Issue, path: &Path) -> Result<(), StoreError> {
    let name = path.display().to_string();
    if is_raw_source(issue, path) {
        return Err(StoreError::WouldOverwriteSource { path: name });
    }
    let text = to_ron(issue)?;
    write_atomic(path, text.as_bytes())
}

/// True when `path` is the raw dump the issue was read from (same name beside it, and not RON).
fn is_raw_source(issue: &Issue, path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "ron" {
        return false;
    }
    let same_name = path.file_name().and_then(|n| n.to_str()) == Some(issue.meta.source_file.as_str());
    // Anything that is not a .ron and already exists with text that is not ours is a dump.
    same_name || (path.exists() && !looks_like_issue_file(path))
}

fn looks_like_issue_file(path: &Path) -> bool {
    read_regular(path).map(|t| String::from_utf8_lossy(&t).contains(FORMAT)).unwrap_or(false)
}

/// Reads a file that is an ordinary file. A FIFO, socket or device is refused before it
/// is opened (opening a FIFO waits for a writer: a batch would hang on it).
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "it is a folder, not a file"));
    }
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, socket or device); Jianbao reads only ordinary files",
        ));
    }
    std::fs::read(path)
}

/// [`read_regular`] as UTF-8 text.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read_regular(path)?).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Where a write to `path` lands: the path itself when it is free or an ordinary file; the
/// file a symbolic link points at (written through, the link kept); refused otherwise.
fn write_target(path: &Path) -> Result<PathBuf, StoreError> {
    let refuse = |what: &str| StoreError::NotRegular { path: path.display().to_string(), what: what.to_string() };
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(path.to_path_buf()),
        Ok(m) if m.file_type().is_symlink() => match std::fs::metadata(path) {
            Ok(t) if t.is_file() => {
                std::fs::canonicalize(path).map_err(|error| StoreError::Io { path: path.display().to_string(), error })
            }
            Ok(_) => Err(refuse("it is a link to something that is not an ordinary file")),
            Err(_) => Err(refuse("it is a link to nothing (a dangling link)")),
        },
        Ok(m) if m.is_file() => Ok(path.to_path_buf()),
        Ok(m) if m.is_dir() => Err(refuse("it is a folder")),
        Ok(_) => Err(refuse("it exists and is not an ordinary file (a device, FIFO or socket)")),
    }
}

/// Writes `bytes` to `path` via a temporary file in the same folder, fsync and rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let path = &write_target(path)?;
    let name = path.display().to_string();
    let io = |error| StoreError::Io { path: name.clone(), error };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("issue");
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        // The rename is durable only once the folder itself is flushed.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_and_newer_files_get_clear_errors() {
        let e = from_ron("(format: \"other\", version: 1)", "x.ron").unwrap_err();
        assert!(matches!(e, StoreError::NotAnIssue { .. }), "{e}");
        let e = from_ron("(format: \"jianbao-issue\", version: 99)", "x.ron").unwrap_err();
        assert!(e.to_string().contains("newer"), "{e}");
    }

    #[test]
    fn damaged_file_reports_line_and_column() {
        let e = from_ron("(format: \"jianbao-issue\",\n version: 1,\n meta: (oops", "bad.ron").unwrap_err();
        match e {
            StoreError::Damaged { line, .. } => assert!(line >= 1),
            other => panic!("{other}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn writes_go_through_links_and_never_replace_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new", "written through");
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(matches!(write_atomic(&dangling, b"x"), Err(StoreError::NotRegular { .. })));
        let e = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(e.to_string().contains("not an ordinary file"), "{e}");
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }
}
