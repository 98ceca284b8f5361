//! Export: the cleaned issue in the formats other tools read.
//!
//! JSON is a contract (see the README): field names, order and meaning are
//! fixed for `version` 1, and every value is the effective one (the editor's
//! correction where there is one). Cleaned RON carries the same values; Markdown
//! and plain text are for reading; NITF is one XML document per article.

pub mod nitf;
pub mod opensearch;
mod text;

pub use text::{md_text, plain_text};

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::{Article, Issue};

/// Output formats `jianbao export` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    /// The annotated issue itself (detection, corrections and all).
    Ron,
    /// The effective values only, in RON, the JSON contract's shape.
    CleanRon,
    Markdown,
    Text,
    /// NITF 3.6 XML, one document per article (a folder).
    Nitf,
    /// OpenSearch/Elasticsearch bulk NDJSON (and its index mapping beside it).
    OpenSearch,
}

impl Format {
    pub const ALL: [Format; 7] =
        [Format::Json, Format::Ron, Format::CleanRon, Format::Markdown, Format::Text, Format::Nitf, Format::OpenSearch];

    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "ron" | "annotated" => Some(Format::Ron),
            "clean-ron" | "cleaned-ron" => Some(Format::CleanRon),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "nitf" | "xml" => Some(Format::Nitf),
            "opensearch" | "elasticsearch" | "ndjson" | "bulk" => Some(Format::OpenSearch),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ron => "ron",
            Format::CleanRon => "clean-ron",
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Nitf => "nitf",
            Format::OpenSearch => "opensearch",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ron => "ron",
            Format::CleanRon => "clean.ron",
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Nitf => "xml",
            Format::OpenSearch => "ndjson",
        }
    }
    /// The format an output file's name asks for (`.json`, `.md`, `.txt`, `.ron`).
    pub fn from_output(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".clean.ron") {
            return Some(Format::CleanRon);
        }
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "ron" => Some(Format::Ron),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "ndjson" => Some(Format::OpenSearch),
            _ => None,
        }
    }
    /// NITF writes a folder of documents; the others one file.
    pub fn is_folder(self) -> bool {
        self == Format::Nitf
    }
}

pub const JSON_FORMAT: &str = "jianbao-issue";
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonIssue<'a> {
    format: &'static str,
    version: u32,
    meta: JsonMeta<'a>,
    articles: Vec<JsonArticle<'a>>,
}

#[derive(Serialize)]
struct JsonMeta<'a> {
    newspaper: Option<&'a str>,
    date: Option<&'a str>,
    source_file: &'a str,
    source_sha256: &'a str,
    encoding: &'a str,
    detector: &'a str,
}

#[derive(Serialize)]
struct JsonContributor<'a> {
    name: &'a str,
    role: &'static str,
}

#[derive(Serialize)]
struct JsonFlag<'a> {
    kind: &'static str,
    lines: [u32; 2],
    status: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    id: &'a str,
    lines: [u32; 2],
    page: Option<u32>,
    page_name: Option<&'a str>,
    genre: &'static str,
    kicker: Option<&'a str>,
    headline: Option<&'a str>,
    deck: Option<&'a str>,
    contributors: Vec<JsonContributor<'a>>,
    dateline: Option<&'a str>,
    section: Option<&'a str>,
    column: Option<&'a str>,
    keywords: &'a [String],
    people: &'a [String],
    places: &'a [String],
    organizations: &'a [String],
    subheads: Vec<&'a str>,
    paragraphs: Vec<&'a str>,
    flags: Vec<JsonFlag<'a>>,
    review: &'static str,
    note: Option<&'a str>,
}

fn json_article(a: &Article) -> JsonArticle<'_> {
    JsonArticle {
        id: &a.id,
        lines: [a.lines.first, a.lines.last],
        page: a.page,
        page_name: a.page_name.as_deref(),
        genre: a.genre.value().as_str(),
        kicker: a.kicker.value().as_deref(),
        headline: a.headline.value().as_deref(),
        deck: a.deck.value().as_deref(),
        contributors: a
            .contributors
            .value()
            .iter()
            .map(|c| JsonContributor { name: &c.name, role: c.role.as_str() })
            .collect(),
        dateline: a.dateline.value().as_deref(),
        section: a.section.value().as_deref(),
        column: a.column.value().as_deref(),
        keywords: a.keywords.value(),
        people: a.people.value(),
        places: a.places.value(),
        organizations: a.organizations.value(),
        subheads: a.subheads.value().iter().map(|s| s.text.as_str()).collect(),
        paragraphs: a.body().iter().map(|p| p.text.as_str()).collect(),
        flags: a
            .flags
            .iter()
            .map(|f| JsonFlag {
                kind: f.kind.as_str(),
                lines: [f.lines.first, f.lines.last],
                status: f.status.as_str(),
                message: &f.message,
            })
            .collect(),
        review: a.review.as_str(),
        note: a.note.as_deref(),
    }
}

fn contract(issue: &Issue) -> JsonIssue<'_> {
    JsonIssue {
        format: JSON_FORMAT,
        version: JSON_VERSION,
        meta: JsonMeta {
            newspaper: issue.meta.newspaper.value().as_deref(),
            date: issue.meta.date.value().as_deref(),
            source_file: &issue.meta.source_file,
            source_sha256: &issue.meta.source_sha256,
            encoding: &issue.meta.encoding,
            detector: &issue.meta.detector,
        },
        articles: issue.articles.iter().map(json_article).collect(),
    }
}

/// The issue as JSON text (the documented contract), pretty-printed, ending with a newline.
pub fn to_json(issue: &Issue) -> String {
    let mut text = serde_json::to_string_pretty(&contract(issue)).expect("plain data always serialises");
    text.push('\n');
    text
}

/// The effective values in RON: the JSON contract's shape, `format: "jianbao-clean"`.
pub fn to_clean_ron(issue: &Issue) -> String {
    let mut doc = contract(issue);
    doc.format = CLEAN_RON_FORMAT;
    let config = ron::ser::PrettyConfig::new().indentor("  ".to_string()).struct_names(false).escape_strings(false);
    let mut text = ron::ser::to_string_pretty(&doc, config).expect("plain data always serialises");
    text.push('\n');
    text
}

pub const CLEAN_RON_FORMAT: &str = "jianbao-clean";

/// The issue in a one-file `format`, as the text to write (NITF: see [`render_files`]).
pub fn render(issue: &Issue, format: Format) -> Result<String, crate::store::StoreError> {
    match format {
        Format::Json => Ok(to_json(issue)),
        Format::Ron => crate::store::to_ron(issue),
        Format::CleanRon => Ok(to_clean_ron(issue)),
        Format::Markdown => Ok(text::markdown(issue)),
        Format::Text => Ok(text::plain(issue)),
        Format::OpenSearch => Ok(opensearch::bulk(issue)),
        Format::Nitf => Err(crate::store::StoreError::Serialize {
            message: "NITF is one document per article: export it to a folder".into(),
        }),
    }
}

/// The NITF documents of an issue: (file name, XML), named to sort in page order.
pub fn render_files(issue: &Issue) -> Vec<(String, String)> {
    issue.articles.iter().enumerate().map(|(i, a)| (nitf::file_name(a, i), nitf::article(issue, a))).collect()
}

/// Writes the issue in `format` to `out` (a file, or for NITF a folder), each file
/// atomically. Returns the files written.
pub fn write(issue: &Issue, format: Format, out: &Path) -> Result<Vec<PathBuf>, String> {
    if format.is_folder() {
        return write_folder(issue, out);
    }
    let text = render(issue, format).map_err(|e| e.to_string())?;
    crate::store::write_atomic(out, text.as_bytes()).map_err(|e| e.to_string())?;
    if format == Format::OpenSearch {
        // The bulk file's index mapping, beside it: NAME.ndjson → NAME.mapping.json.
        let mapping = out.with_extension("mapping.json");
        let text = serde_json::to_string_pretty(&opensearch::mapping()).map_err(|e| e.to_string())? + "\n";
        crate::store::write_atomic(&mapping, text.as_bytes()).map_err(|e| e.to_string())?;
        return Ok(vec![out.to_path_buf(), mapping]);
    }
    Ok(vec![out.to_path_buf()])
}

/// NITF into a folder, replacing this issue's previous documents there as a whole: the
/// new documents are written into a temporary folder first (a failure leaves the old
/// export as it was), then this issue's old documents go and the new ones move in.
/// Other files in the folder — another issue's documents, anything else — stay.
fn write_folder(issue: &Issue, out: &Path) -> Result<Vec<PathBuf>, String> {
    let shown = out.display();
    if out.exists() && !out.is_dir() {
        return Err(format!("{shown}: exists and is not a folder; NITF is written into a folder"));
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{shown}: cannot create the folder: {e}"))?;
    let staging = out.join(format!(".jianbao-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging).map_err(|e| format!("{}: {e}", staging.display()))?;
    let staged: Result<Vec<(PathBuf, String)>, String> = render_files(issue)
        .into_iter()
        .map(|(name, xml)| {
            let path = staging.join(&name);
            crate::store::write_atomic(&path, xml.as_bytes()).map_err(|e| e.to_string())?;
            Ok((path, name))
        })
        .collect();
    let staged = match staged {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let mark = nitf::issue_mark(issue);
    for old in std::fs::read_dir(out).map_err(|e| format!("{shown}: {e}"))?.filter_map(|e| e.ok()) {
        let path = old.path();
        let is_ours = path.extension().is_some_and(|e| e == "xml")
            && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
            && crate::store::read_text(&path).is_ok_and(|t| t.contains(&mark));
        if is_ours {
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    let mut written = Vec::new();
    for (from, name) in staged {
        let to = out.join(name);
        std::fs::rename(&from, &to).map_err(|e| format!("{}: {e}", to.display()))?;
        written.push(to);
    }
    let _ = std::fs::remove_dir_all(&staging);
    Ok(written)
}
