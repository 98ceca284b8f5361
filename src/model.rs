//! The annotated issue: the one data model every part of Jianbao shares.
//!
//! Every detected value is a [`Field`]: what the detector proposed, how sure it
//! was, which source lines it came from, and the editor's correction kept
//! beside it (never over it). The effective value is the correction if any.

use serde::{Deserialize, Serialize};

/// Name written in every annotated issue file, so a stray RON file is refused.
pub const FORMAT: &str = "jianbao-issue";
/// Current version of the annotated issue layout (see `store` for migrations).
pub const VERSION: u32 = 1;
/// Identifies the rules that produced the detected values.
pub const DETECTOR: &str = concat!("jianbao-rules/", env!("CARGO_PKG_VERSION"));

/// A 1-based, inclusive span of lines in the decoded source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineSpan {
    pub first: u32,
    pub last: u32,
}

impl LineSpan {
    pub fn new(first: u32, last: u32) -> Self {
        debug_assert!(first <= last, "span {first}..{last}");
        LineSpan { first, last }
    }
    pub fn line(n: u32) -> Self {
        LineSpan { first: n, last: n }
    }
    pub fn contains(&self, line: u32) -> bool {
        self.first <= line && line <= self.last
    }
    /// The smallest span covering both.
    pub fn cover(&self, other: LineSpan) -> LineSpan {
        LineSpan { first: self.first.min(other.first), last: self.last.max(other.last) }
    }
}

/// A detected value with its confidence, its evidence and the editor's correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field<T> {
    pub detected: T,
    /// 0.0 (a guess) ..= 1.0 (certain). Low values are what the editor looks at.
    pub confidence: f32,
    /// The source lines the value was read from; `None` when it was inferred.
    pub evidence: Option<LineSpan>,
    /// The editor's correction; `None` while the detected value stands.
    pub corrected: Option<T>,
}

impl<T> Field<T> {
    pub fn new(detected: T, confidence: f32, evidence: Option<LineSpan>) -> Self {
        // Two decimals are all a confidence means; rounding keeps RON output stable.
        let confidence = (confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0;
        Field { detected, confidence, evidence, corrected: None }
    }
    /// The value in force: the editor's correction, else the detected one.
    pub fn value(&self) -> &T {
        self.corrected.as_ref().unwrap_or(&self.detected)
    }
    pub fn is_corrected(&self) -> bool {
        self.corrected.is_some()
    }
}

impl<T: Default> Field<T> {
    /// Nothing detected, and the detector is sure of that only as far as `confidence`.
    pub fn absent(confidence: f32) -> Self {
        Field::new(T::default(), confidence, None)
    }
}

/// Kind of item (体裁).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    /// 消息
    #[default]
    News,
    /// 通讯 / 特写: signed, longer, often with subheads.
    Feature,
    /// 评论: editorials, columns, signed opinion.
    Commentary,
    /// 图片: a photo with its caption.
    Photo,
    /// 简讯: a one-paragraph item without headline.
    Brief,
    Other,
}

impl Genre {
    pub const ALL: [Genre; 6] =
        [Genre::News, Genre::Feature, Genre::Commentary, Genre::Photo, Genre::Brief, Genre::Other];
    pub fn as_str(self) -> &'static str {
        match self {
            Genre::News => "news",
            Genre::Feature => "feature",
            Genre::Commentary => "commentary",
            Genre::Photo => "photo",
            Genre::Brief => "brief",
            Genre::Other => "other",
        }
    }
}

/// What a contributor did for the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 记者
    Reporter,
    /// 通讯员
    Correspondent,
    /// 摄影 (… 摄)
    Photographer,
    /// 作者: signed articles, commentaries (pen names included).
    Author,
    /// 编辑
    Editor,
    /// 通讯社 (新华社 …) credited as a whole.
    Agency,
    Other,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Reporter,
        Role::Correspondent,
        Role::Photographer,
        Role::Author,
        Role::Editor,
        Role::Agency,
        Role::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reporter => "reporter",
            Role::Correspondent => "correspondent",
            Role::Photographer => "photographer",
            Role::Author => "author",
            Role::Editor => "editor",
            Role::Agency => "agency",
            Role::Other => "other",
        }
    }
}

/// A person (or agency) credited in a byline (署名).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Contributor {
    pub name: String,
    pub role: Role,
}

impl Contributor {
    pub fn new(name: impl Into<String>, role: Role) -> Self {
        Contributor { name: name.into(), role }
    }
}

/// What the detector noticed about the text that an editor should judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// A paragraph broken mid-sentence (and rejoined in the cleaned text).
    BrokenParagraph,
    /// Text seems to be missing at a break (a column jump, an orphan bracket).
    MissingText,
    /// The article stops mid-sentence: continued elsewhere or cut off.
    TruncatedEnd,
    /// Words of another script in Chinese running text (`建成后 will 开辟`).
    ForeignText,
    /// Half-width punctuation in Chinese context, normalised to full width.
    HalfWidthPunctuation,
    /// Brackets or quotation marks that do not pair up.
    UnbalancedBrackets,
    /// An enumeration that skips (一要 … 三要).
    EnumerationGap,
    /// Bytes of the file that could not be decoded, replaced by U+FFFD (�).
    DamagedEncoding,
}

impl FlagKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::BrokenParagraph => "broken_paragraph",
            FlagKind::MissingText => "missing_text",
            FlagKind::TruncatedEnd => "truncated_end",
            FlagKind::ForeignText => "foreign_text",
            FlagKind::HalfWidthPunctuation => "half_width_punctuation",
            FlagKind::UnbalancedBrackets => "unbalanced_brackets",
            FlagKind::EnumerationGap => "enumeration_gap",
            FlagKind::DamagedEncoding => "damaged_encoding",
        }
    }
}

/// The editor's decision on a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FlagStatus {
    #[default]
    Open,
    Accepted,
    Rejected,
    /// Settled by the editor's own correction of the text it points at.
    Fixed,
}

impl FlagStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FlagStatus::Open => "open",
            FlagStatus::Accepted => "accepted",
            FlagStatus::Rejected => "rejected",
            FlagStatus::Fixed => "fixed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub lines: LineSpan,
    pub status: FlagStatus,
    pub message: String,
}

impl Flag {
    pub fn new(kind: FlagKind, lines: LineSpan, message: impl Into<String>) -> Self {
        Flag { kind, lines, status: FlagStatus::Open, message: message.into() }
    }
}

/// Where the editor is with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Review {
    #[default]
    Unreviewed,
    Reviewed,
    NeedsWork,
}

impl Review {
    pub fn as_str(self) -> &'static str {
        match self {
            Review::Unreviewed => "unreviewed",
            Review::Reviewed => "reviewed",
            Review::NeedsWork => "needs_work",
        }
    }
}

/// A cleaned body paragraph and the source lines it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub lines: LineSpan,
    pub text: String,
}

/// A subhead (小标题) inside a long article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subhead {
    pub line: u32,
    pub text: String,
}

/// One article (or photo caption, or brief) of the issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable within the issue: `p{page}-{n}`, kept when articles are split or merged.
    pub id: String,
    /// First line (kicker or headline if any) ..= last non-blank line.
    pub lines: LineSpan,
    pub page: Option<u32>,
    pub page_name: Option<String>,
    pub genre: Field<Genre>,
    /// 引题: the line above the headline.
    pub kicker: Field<Option<String>>,
    /// 主题: the headline proper.
    pub headline: Field<Option<String>>,
    /// 副题: the line under the headline, often opening with `——`.
    pub deck: Field<Option<String>>,
    pub contributors: Field<Vec<Contributor>>,
    /// 电头 (`新华社北京１月４日电`) or the time phrase opening the lead (`11月29日下午`).
    pub dateline: Field<Option<String>>,
    /// 栏目类别: the archive's section taxonomy.
    pub section: Field<Option<String>>,
    /// 专栏: a named recurring column (`覃怀之声`).
    pub column: Field<Option<String>>,
    pub keywords: Field<Vec<String>>,
    pub people: Field<Vec<String>>,
    pub places: Field<Vec<String>>,
    pub organizations: Field<Vec<String>>,
    pub subheads: Field<Vec<Subhead>>,
    /// The cleaned paragraphs as detected.
    pub paragraphs: Vec<Paragraph>,
    /// The editor's text of the body, when corrected (the detected paragraphs stay beside it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraphs_corrected: Option<Vec<Paragraph>>,
    pub flags: Vec<Flag>,
    pub review: Review,
    pub note: Option<String>,
}

impl Article {
    /// The body text in force: the editor's paragraphs, else the detected ones.
    pub fn body(&self) -> &[Paragraph] {
        self.paragraphs_corrected.as_deref().unwrap_or(&self.paragraphs)
    }
    pub fn open_flags(&self) -> usize {
        self.flags.iter().filter(|f| f.status == FlagStatus::Open).count()
    }
}

/// A page (版) of the issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub number: Option<u32>,
    /// 版名, e.g. `要闻`.
    pub name: Option<String>,
    pub lines: LineSpan,
}

/// Facts about the issue as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueMeta {
    pub newspaper: Field<Option<String>>,
    /// `YYYY-MM-DD`, proposed from datelines and year hints, set by the editor.
    pub date: Field<Option<String>>,
    pub pages: Vec<Page>,
    pub source_file: String,
    pub source_sha256: String,
    pub encoding: String,
    pub detector: String,
}

/// The annotated issue, as saved in `.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    pub format: String,
    pub version: u32,
    pub meta: IssueMeta,
    /// The whole decoded source text, exactly as read: a `.ron` is self-contained.
    pub source: String,
    pub articles: Vec<Article>,
}

impl Issue {
    pub fn reviewed_count(&self) -> usize {
        self.articles.iter().filter(|a| a.review == Review::Reviewed).count()
    }
    pub fn open_flags(&self) -> usize {
        self.articles.iter().map(Article::open_flags).sum()
    }
}
