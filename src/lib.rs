//! Jianbao (剪报): turns a newspaper issue's raw text dump into an article-level,
//! annotated archive record.
//!
//! The engine is a pure core with no GUI dependency:
//! `ingest` (bytes → text) → `segment` (pages, articles, line roles: the
//! `tagger` over the `features` of every line, with the shared knowledge of
//! `rules`) → `detect` (metadata with confidence and evidence) → `clean`
//! (paragraphs, flags) = [`model::Issue`] ⇄ `store` (RON) → `export` (JSON …).
//! `corpus` and `training` turn truth pages and reviewed issues into training data.

pub mod batch;
pub mod clean;
pub mod cli;
pub mod corpus;
pub mod detect;
pub mod document;
pub mod evaluate;
pub mod export;
pub mod features;
pub mod fields;
pub mod index;
pub mod ingest;
pub mod language;
pub mod lock;
pub mod model;
pub mod recovery;
pub mod rules;
pub mod segment;
pub mod store;
pub mod tagger;
pub mod taxonomy;
pub mod text;
pub mod training;
pub mod ui;

use std::fmt;
use std::path::Path;

use model::Issue;

/// Why an issue could not be opened.
#[derive(Debug)]
pub enum OpenError {
    Ingest(ingest::IngestError),
    Store(store::StoreError),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Ingest(e) => e.fmt(f),
            OpenError::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for OpenError {}

/// Detects a raw dump given as bytes; `file_name` is recorded in the issue and named in errors.
pub fn detect_bytes(bytes: &[u8], file_name: &str) -> Result<Issue, ingest::IngestError> {
    let src = ingest::decode(bytes, file_name)?;
    let base = Path::new(file_name).file_name().and_then(|n| n.to_str()).unwrap_or(file_name);
    Ok(detect::detect_dump(&src, bytes, base, &language::Language::shared()))
}

/// True when the path names an annotated issue (`.ron`) rather than a raw dump.
pub fn is_annotated(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Opens an issue: a `.ron` is loaded as saved, anything else is read as a raw dump and detected.
pub fn open(path: &Path) -> Result<Issue, OpenError> {
    open_with(path, &language::Language::shared())
}

/// [`open`] with the language layer of a particular archive.
pub fn open_with(path: &Path, lang: &language::Language) -> Result<Issue, OpenError> {
    open_checked(path, lang).map(|(issue, _)| issue)
}

/// [`open_with`], also saying what was repaired in an annotated issue that a hand edit
/// broke (spans past the end, overlaps, duplicate ids, confidences that are no numbers).
pub fn open_checked(path: &Path, lang: &language::Language) -> Result<(Issue, Vec<String>), OpenError> {
    if is_annotated(path) {
        return store::load_checked(path).map_err(OpenError::Store);
    }
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|error| OpenError::Ingest(ingest::IngestError::Io { path: name.clone(), error }))?;
    if meta.is_dir() {
        return Err(OpenError::Ingest(ingest::IngestError::NotText { path: name, reason: "it is a folder".into() }));
    }
    if !meta.is_file() {
        // A FIFO would block the read until someone writes to it; a device never ends.
        return Err(OpenError::Ingest(ingest::IngestError::NotText {
            path: name,
            reason: "it is not a regular file (a FIFO, socket or device)".into(),
        }));
    }
    if meta.len() > ingest::MAX_ISSUE_BYTES {
        return Err(OpenError::Ingest(ingest::IngestError::TooLarge { path: name, bytes: meta.len() }));
    }
    let bytes = store::read_regular(path)
        .map_err(|error| OpenError::Ingest(ingest::IngestError::Io { path: name.clone(), error }))?;
    let src = ingest::decode(&bytes, &name).map_err(OpenError::Ingest)?;
    let base = path.file_name().and_then(|n| n.to_str()).unwrap_or(&name).to_string();
    Ok((detect::detect_dump(&src, &bytes, &base, lang), Vec::new()))
}
