//! Export: the cleaned issue in the formats other tools read.
//!
//! JSON is a contract (see the README): field names, order and meaning are
//! fixed for `version` 1, and every value is the effective one (the editor's
//! correction where there is one).

use serde::Serialize;

use crate::model::{Article, Issue};

/// Output formats `jianbao export` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    /// The annotated issue itself (detection, corrections and all).
    Ron,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "ron" => Some(Format::Ron),
            _ => None,
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ron => "ron",
        }
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
        paragraphs: a.paragraphs.iter().map(|p| p.text.as_str()).collect(),
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

/// The issue as JSON text (the documented contract), pretty-printed, ending with a newline.
pub fn to_json(issue: &Issue) -> String {
    let doc = JsonIssue {
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
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("plain data always serialises");
    text.push('\n');
    text
}

/// The issue in `format`, as the text to write.
pub fn render(issue: &Issue, format: Format) -> Result<String, crate::store::StoreError> {
    match format {
        Format::Json => Ok(to_json(issue)),
        Format::Ron => crate::store::to_ron(issue),
    }
}
