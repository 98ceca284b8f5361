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

/// Loads an annotated issue from disk (repaired where a hand edit broke it; see
/// [`load_checked`] for what was repaired).
pub fn load(path: &Path) -> Result<Issue, StoreError> {
    load_checked(path).map(|(issue, _)| issue)
}

/// Loads an annotated issue and checks it for sense: what was repaired, in words.
pub fn load_checked(path: &Path) -> Result<(Issue, Vec<String>), StoreError> {
    let mut issue = load_unchecked(path)?;
    let name = path.display().to_string();
    let repairs = repair(&mut issue).map_err(|message| StoreError::Damaged {
        path: name.clone(),
        line: 0,
        column: 0,
        message,
    })?;
    Ok((issue, repairs))
}

/// Makes a loaded issue make sense, or says why it cannot: spans inside the source and in
/// order, no two articles over the same lines, confidences between 0 and 1, one article
/// per id. Returns what was repaired (empty for every file Jianbao wrote itself).
pub fn repair(issue: &mut Issue) -> Result<Vec<String>, String> {
    use crate::model::{Field, LineSpan};
    let n = crate::ingest::Source::from_text(issue.source.clone(), &issue.meta.encoding).line_count();
    let mut notes = Vec::new();
    let fit = |span: &mut LineSpan| -> bool {
        if span.first > span.last {
            std::mem::swap(&mut span.first, &mut span.last);
        }
        span.first = span.first.max(1);
        span.last = span.last.min(n);
        span.first <= span.last
    };
    fn confidence<T>(f: &mut Field<T>, bad: &mut usize) {
        if !f.confidence.is_finite() || !(0.0..=1.0).contains(&f.confidence) {
            *bad += 1;
            f.confidence = if f.confidence.is_finite() { f.confidence.clamp(0.0, 1.0) } else { 0.0 };
        }
    }
    let mut bad_confidences = 0;
    confidence(&mut issue.meta.newspaper, &mut bad_confidences);
    confidence(&mut issue.meta.date, &mut bad_confidences);
    issue.meta.pages.retain_mut(|p| fit(&mut p.lines));
    let before = issue.articles.len();
    let mut kept = Vec::with_capacity(before);
    for mut a in std::mem::take(&mut issue.articles) {
        let original = a.lines;
        if !fit(&mut a.lines) {
            notes.push(format!(
                "article {} (lines {}–{}) lies past the end of the source ({n} lines): dropped",
                a.id, original.first, original.last
            ));
            continue;
        }
        if a.lines != original {
            notes.push(format!(
                "article {}: lines {}–{} made {}–{} (inside the source, in order)",
                a.id, original.first, original.last, a.lines.first, a.lines.last
            ));
        }
        let span = a.lines;
        let inside = |l: &mut LineSpan| fit(l) && l.first >= span.first && l.last <= span.last;
        a.paragraphs.retain_mut(|p| inside(&mut p.lines));
        if let Some(ps) = &mut a.paragraphs_corrected {
            ps.retain_mut(|p| inside(&mut p.lines));
        }
        a.flags.retain_mut(|f| inside(&mut f.lines));
        macro_rules! each_field {
            ($($f:ident),*) => {$(
                confidence(&mut a.$f, &mut bad_confidences);
                if let Some(e) = &mut a.$f.evidence {
                    if !fit(e) {
                        a.$f.evidence = None;
                    }
                }
            )*};
        }
        each_field!(
            genre,
            kicker,
            headline,
            deck,
            contributors,
            dateline,
            section,
            column,
            keywords,
            people,
            places,
            organizations,
            subheads
        );
        kept.push(a);
    }
    kept.sort_by_key(|a| a.lines.first);
    for i in 1..kept.len() {
        let (prev, next) = (kept[i - 1].lines, kept[i].lines);
        if next.first <= prev.last {
            if next.first <= prev.first {
                return Err(format!(
                    "articles {} and {} cover the same lines ({}–{} and {}–{}); the file was changed by hand?",
                    kept[i - 1].id,
                    kept[i].id,
                    prev.first,
                    prev.last,
                    next.first,
                    next.last
                ));
            }
            kept[i - 1].lines.last = next.first - 1;
            notes.push(format!(
                "article {} overlapped article {}: it now ends at line {}",
                kept[i - 1].id,
                kept[i].id,
                next.first - 1
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for a in &mut kept {
        if !seen.insert(a.id.clone()) {
            let fresh = (2..).map(|k| format!("{}~{k}", a.id)).find(|id| !seen.contains(id)).unwrap_or_default();
            notes.push(format!("two articles had the id {}: the second is now {fresh}", a.id));
            a.id = fresh.clone();
            seen.insert(fresh);
        }
    }
    if bad_confidences > 0 {
        notes.push(format!("{bad_confidences} confidence(s) were not numbers between 0 and 1: set within range"));
    }
    issue.articles = kept;
    Ok(notes)
}

fn load_unchecked(path: &Path) -> Result<Issue, StoreError> {
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

    #[test]
    fn a_hand_broken_issue_is_repaired_with_a_message_or_refused() {
        let text = "县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开会议。\n\n县图书馆开展读书活动\n\n本报讯 县图书馆启动全民阅读活动。\n";
        let good = crate::detect_bytes(text.as_bytes(), "a.txt").unwrap();
        assert_eq!(good.articles.len(), 2);
        let mut issue = good.clone();
        assert!(repair(&mut issue).unwrap().is_empty(), "a file Jianbao wrote needs nothing");
        assert_eq!(issue, good);
        issue.articles[1].lines.last = 9_999_999;
        issue.articles[0].headline.confidence = f32::NAN;
        issue.articles[1].id = issue.articles[0].id.clone();
        let notes = repair(&mut issue).unwrap();
        assert_eq!(issue.articles[1].lines.last, 7);
        assert_eq!(issue.articles[0].headline.confidence, 0.0);
        assert_ne!(issue.articles[0].id, issue.articles[1].id);
        assert_eq!(notes.len(), 3, "{notes:?}");
        let mut past = good.clone();
        past.articles[1].lines = crate::model::LineSpan { first: 500, last: 600 };
        assert!(repair(&mut past).unwrap()[0].contains("past the end"));
        assert_eq!(past.articles.len(), 1);
        let mut same = good.clone();
        same.articles[1].lines = same.articles[0].lines;
        assert!(repair(&mut same).unwrap_err().contains("cover the same lines"));
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
