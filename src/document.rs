//! The open issue as an editor works on it: the annotated issue, its decoded
//! source, where it lives on disk, and the history of the editor's changes.
//!
//! Every change is an [`Edit`]: a list of exact replacements (these articles
//! before → these after; this issue metadata before → after). Undo applies the
//! replacements backwards, redo forwards, so undo/redo is exact for every
//! command, splits and merges included. No GUI here: the window only calls it.

use std::path::{Path, PathBuf};

use crate::detect;
pub use crate::fields::FieldName;
use crate::fields::{self, FieldValue};
use crate::ingest::Source;
use crate::model::{Article, FlagStatus, Issue, IssueMeta, LineSpan, Review};
use crate::segment::{self, PageSpan};

/// One exact replacement inside the issue.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// `articles[at..at + before.len()]` was `before` and becomes `after`.
    Articles {
        at: usize,
        before: Vec<Article>,
        after: Vec<Article>,
    },
    Meta {
        before: Box<IssueMeta>,
        after: Box<IssueMeta>,
    },
}

/// One command of the editor, as it can be undone and redone.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// What the command did, in the newsroom's words (`headline`, `split`, …): a
    /// [`FieldName`] key, or one of the commands' own names.
    pub label: String,
    /// The article the command was about (0-based), for "Undo: headline of article 3".
    pub article: Option<usize>,
    pub changes: Vec<Change>,
    /// The article to select after the edit (and after redo).
    pub select_after: usize,
    /// The article to select after undo.
    pub select_before: usize,
}

/// Why a command could not be carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    NoSuchArticle(usize),
    /// A split must leave at least one line on each side.
    SplitOutside {
        line: u32,
        span: LineSpan,
    },
    NothingToMerge,
    /// Articles on different pages are not merged.
    DifferentPages,
    /// Re-detecting the span failed unexpectedly (a bug); the issue is left as it was.
    Failed(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoSuchArticle(i) => write!(f, "there is no article {}", i + 1),
            EditError::SplitOutside { line, span } => write!(
                f,
                "line {line} cannot start a new article: it must lie after the first line of the article ({}–{})",
                span.first, span.last
            ),
            EditError::NothingToMerge => write!(f, "there is no article to merge with"),
            EditError::DifferentPages => write!(f, "the two articles are on different pages"),
            EditError::Failed(why) => write!(f, "re-detecting the articles failed ({why}); the issue is unchanged"),
        }
    }
}

/// The undo and redo stacks, and where the last save was.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Depth of the undo stack when the issue was last saved; `None` when that state is gone.
    saved_depth: Option<usize>,
    /// Counts every change, so autosave can tell whether anything happened.
    pub generation: u64,
}

impl History {
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    /// The edit Undo would undo.
    pub fn undo_edit(&self) -> Option<&Edit> {
        self.undo.last()
    }
    /// The edit Redo would redo.
    pub fn redo_edit(&self) -> Option<&Edit> {
        self.redo.last()
    }
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }
}

/// Where the issue was read from and where Save writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A raw dump: Save must ask for a `.ron` name (the dump is never written over).
    RawDump(PathBuf),
    /// An annotated issue: Save writes here.
    Annotated(PathBuf),
    /// Restored from a recovery file or built in memory.
    Unsaved,
}

/// What a file on disk looked like when the document last read or wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub modified: std::time::SystemTime,
    pub len: u64,
}

impl FileStamp {
    pub fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp { modified: meta.modified().ok()?, len: meta.len() })
    }
}

/// The open issue.
#[derive(Debug, Clone)]
pub struct Document {
    pub issue: Issue,
    pub source: Source,
    pub pages: Vec<PageSpan>,
    pub origin: Origin,
    pub history: History,
    /// The `.ron` as the document last saw it: someone else's save shows up as a difference.
    pub disk_stamp: Option<FileStamp>,
    /// The language layer of the issue's archive folder (re-detection after split and merge).
    pub language: std::sync::Arc<crate::language::Language>,
    /// What loading repaired in a hand-broken annotated issue (shown to the editor).
    pub repairs: Vec<String>,
}

impl Document {
    /// Wraps an issue (raw or loaded); the source and pages are rebuilt from its text.
    pub fn new(issue: Issue, origin: Origin) -> Document {
        let source = Source::from_text(issue.source.clone(), &issue.meta.encoding);
        let pages = segment::find_pages(&source);
        let mut history = History::default();
        // Nothing is unsaved in a file just opened; restored or built-in-memory work is.
        if !matches!(origin, Origin::Unsaved) {
            history.saved_depth = Some(0);
        }
        let disk_stamp = match &origin {
            Origin::Annotated(p) => FileStamp::of(p),
            _ => None,
        };
        Document {
            issue,
            source,
            pages,
            origin,
            history,
            disk_stamp,
            language: crate::language::Language::shared(),
            repairs: Vec::new(),
        }
    }

    /// A copy of what a split or merge needs (issue, source, pages, language layer), to
    /// work one out off the UI thread; the undo history stays behind.
    pub fn snapshot(&self) -> Document {
        Document {
            issue: self.issue.clone(),
            source: self.source.clone(),
            pages: self.pages.clone(),
            origin: self.origin.clone(),
            history: History::default(),
            disk_stamp: None,
            language: self.language.clone(),
            repairs: Vec::new(),
        }
    }

    /// True when the `.ron` Save would write was changed on disk since it was opened or saved
    /// here (another editor on a shared drive, another program).
    pub fn changed_on_disk(&self) -> bool {
        match (&self.origin, self.disk_stamp) {
            (Origin::Annotated(p), Some(stamp)) => FileStamp::of(p) != Some(stamp),
            _ => false,
        }
    }

    /// Opens a raw dump or an annotated `.ron` with the shared language layer.
    pub fn open(path: &Path) -> Result<Document, crate::OpenError> {
        Self::open_with(path, crate::language::Language::shared())
    }

    /// Opens an issue with the language layer of its archive (user dictionary).
    pub fn open_with(
        path: &Path,
        language: std::sync::Arc<crate::language::Language>,
    ) -> Result<Document, crate::OpenError> {
        let (issue, repairs) = crate::open_checked(path, &language)?;
        let origin = if crate::is_annotated(path) {
            Origin::Annotated(path.to_path_buf())
        } else {
            Origin::RawDump(path.to_path_buf())
        };
        let mut doc = Document::new(issue, origin);
        doc.language = language;
        doc.repairs = repairs;
        Ok(doc)
    }

    /// True when there is work that is not in the file Save would write.
    pub fn is_dirty(&self) -> bool {
        self.history.saved_depth != Some(self.history.undo.len())
    }

    /// The `.ron` Save writes to, if the document has one.
    pub fn save_path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Annotated(p) => Some(p),
            _ => None,
        }
    }

    /// The `.ron` name proposed for a raw dump: beside it, same stem.
    pub fn proposed_save_path(&self) -> PathBuf {
        match &self.origin {
            Origin::Annotated(p) => p.clone(),
            Origin::RawDump(p) => p.with_extension("ron"),
            Origin::Unsaved => PathBuf::from(&self.issue.meta.source_file)
                .with_extension("ron")
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("issue.ron")),
        }
    }

    /// A name for the title bar and status bar.
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::Annotated(p) | Origin::RawDump(p) => {
                p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| p.display().to_string())
            }
            Origin::Unsaved => self.issue.meta.source_file.clone(),
        }
    }

    /// Saves the annotated issue to `path` (atomically) and makes it the document's file.
    pub fn save_as(&mut self, path: &Path) -> Result<(), crate::store::StoreError> {
        crate::store::save(&self.issue, path)?;
        self.origin = Origin::Annotated(path.to_path_buf());
        self.history.saved_depth = Some(self.history.undo.len());
        self.disk_stamp = FileStamp::of(path);
        Ok(())
    }

    /// Marks the current state as saved (after a save done elsewhere, e.g. off the UI thread).
    pub fn mark_saved(&mut self, path: &Path, generation: u64) {
        if self.history.generation == generation {
            self.history.saved_depth = Some(self.history.undo.len());
        }
        self.origin = Origin::Annotated(path.to_path_buf());
        self.disk_stamp = FileStamp::of(path);
    }

    // ---- applying and reverting -------------------------------------------------------

    fn apply_changes(&mut self, changes: &[Change], forward: bool) {
        let mut apply = |change: &Change| match change {
            Change::Articles { at, before, after } => {
                let (old, new) = if forward { (before, after) } else { (after, before) };
                self.issue.articles.splice(*at..*at + old.len(), new.iter().cloned());
            }
            Change::Meta { before, after } => {
                self.issue.meta = if forward { (**after).clone() } else { (**before).clone() };
            }
        };
        if forward {
            changes.iter().for_each(&mut apply);
        } else {
            changes.iter().rev().for_each(&mut apply);
        }
    }

    /// Carries out an edit and records it for undo. Returns the article to select.
    pub fn apply(&mut self, edit: Edit) -> usize {
        self.apply_changes(&edit.changes, true);
        let select = edit.select_after;
        // The saved state can no longer be reached by redo once a new branch starts.
        if let Some(d) = self.history.saved_depth {
            if d > self.history.undo.len() {
                self.history.saved_depth = None;
            }
        }
        self.history.undo.push(edit);
        self.history.redo.clear();
        self.history.generation += 1;
        select
    }

    /// Undoes the last edit; returns the article to select.
    pub fn undo(&mut self) -> Option<usize> {
        let edit = self.history.undo.pop()?;
        self.apply_changes(&edit.changes, false);
        let select = edit.select_before;
        self.history.redo.push(edit);
        self.history.generation += 1;
        Some(select)
    }

    /// Redoes the last undone edit; returns the article to select.
    pub fn redo(&mut self) -> Option<usize> {
        let edit = self.history.redo.pop()?;
        self.apply_changes(&edit.changes, true);
        let select = edit.select_after;
        self.history.undo.push(edit);
        self.history.generation += 1;
        Some(select)
    }

    // ---- commands ------------------------------------------------------------------------

    fn article(&self, index: usize) -> Result<&Article, EditError> {
        self.issue.articles.get(index).ok_or(EditError::NoSuchArticle(index))
    }

    /// An edit of one article through `f`; `None` when `f` changed nothing.
    pub fn edit_article(
        &self,
        index: usize,
        label: &str,
        f: impl FnOnce(&mut Article),
    ) -> Result<Option<Edit>, EditError> {
        let before = self.article(index)?.clone();
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return Ok(None);
        }
        Ok(Some(Edit {
            label: label.to_string(),
            article: Some(index),
            changes: vec![Change::Articles { at: index, before: vec![before], after: vec![after] }],
            select_after: index,
            select_before: index,
        }))
    }

    /// An edit of the issue metadata through `f`.
    pub fn edit_meta(&self, label: &str, f: impl FnOnce(&mut IssueMeta)) -> Option<Edit> {
        let before = self.issue.meta.clone();
        let mut after = before.clone();
        f(&mut after);
        (after != before).then(|| Edit {
            label: label.to_string(),
            article: None,
            changes: vec![Change::Meta { before: Box::new(before), after: Box::new(after) }],
            select_after: 0,
            select_before: 0,
        })
    }

    /// Splits the article at `index` so that a new article starts at source line `line`.
    /// The first part keeps the article's id, corrections, review state and note; both
    /// parts are laid out and detected afresh for the fields the editor had not corrected.
    pub fn split(&self, index: usize, line: u32) -> Result<Edit, EditError> {
        let article = self.article(index)?;
        let span = article.lines;
        if line <= span.first || line > span.last {
            return Err(EditError::SplitOutside { line, span });
        }
        // The first part ends at its last non-blank line before `line`.
        let first_last =
            (span.first..line).rev().find(|&l| !self.source.line(l).trim().is_empty()).unwrap_or(span.first);
        let second_first = (line..=span.last).find(|&l| !self.source.line(l).trim().is_empty()).unwrap_or(line);
        let mut first = self.redetect(LineSpan::new(span.first, first_last), article.id.clone())?;
        fields::carry(&[article], &mut first, true);
        let mut second = self.redetect(LineSpan::new(second_first, span.last), self.fresh_id(&article.id))?;
        fields::carry(&[article], &mut second, false);
        Ok(Edit {
            label: "split".into(),
            article: Some(index),
            changes: vec![Change::Articles { at: index, before: vec![article.clone()], after: vec![first, second] }],
            select_after: index + 1,
            select_before: index,
        })
    }

    /// Merges the article at `index` with the one after it. The merged article keeps the
    /// first one's id and corrections (the second's where the first has none); the notes
    /// are joined and both articles' corrected text is kept.
    pub fn merge_with_next(&self, index: usize) -> Result<Edit, EditError> {
        let first = self.article(index)?;
        let second = self.issue.articles.get(index + 1).ok_or(EditError::NothingToMerge)?;
        if first.page != second.page {
            return Err(EditError::DifferentPages);
        }
        let span = LineSpan::new(first.lines.first, second.lines.last.max(first.lines.last));
        let mut merged = self.redetect(span, first.id.clone())?;
        fields::carry(&[first, second], &mut merged, true);
        Ok(Edit {
            label: "merge".into(),
            article: Some(index),
            changes: vec![Change::Articles {
                at: index,
                before: vec![first.clone(), second.clone()],
                after: vec![merged],
            }],
            select_after: index,
            select_before: index,
        })
    }

    fn redetect(&self, span: LineSpan, id: String) -> Result<Article, EditError> {
        detect::detect_span(&self.source, &self.pages, span, id, &self.language)
            .ok_or(EditError::SplitOutside { line: span.first, span })
    }

    /// An id not yet used in the issue, derived from `base` (`p1-3` → `p1-3.1`).
    fn fresh_id(&self, base: &str) -> String {
        (1..)
            .map(|n| format!("{base}.{n}"))
            .find(|id| !self.issue.articles.iter().any(|a| &a.id == id))
            .expect("an unused id exists")
    }

    /// Accepts every detected value of the article as it stands, accepts its open flags
    /// and marks it reviewed: the editor's one-key "this is right".
    pub fn accept_and_review(&self, index: usize) -> Result<Option<Edit>, EditError> {
        self.edit_article(index, "accept", |a| {
            for f in a.flags.iter_mut().filter(|f| f.status == FlagStatus::Open) {
                f.status = FlagStatus::Accepted;
            }
            a.review = Review::Reviewed;
        })
    }

    /// Index of the next article after `from` that is not reviewed (wrapping round).
    pub fn next_unreviewed(&self, from: usize) -> Option<usize> {
        let n = self.issue.articles.len();
        (1..=n).map(|k| (from + k) % n).find(|&i| self.issue.articles[i].review != Review::Reviewed)
    }
}

/// Field commands, through the field table: each returns the edit to apply.
impl Document {
    /// Sets one field of the article to `value` (stored as a correction beside the detection).
    pub fn set_field(&self, index: usize, field: FieldName, value: FieldValue) -> Result<Option<Edit>, EditError> {
        self.edit_article(index, field.key(), |a| fields::correct(a, field, value))
    }
    /// Drops the editor's correction of one field: back to what was detected.
    pub fn revert_field(&self, index: usize, field: FieldName) -> Result<Option<Edit>, EditError> {
        self.edit_article(index, field.key(), |a| fields::revert(a, field))
    }
    pub fn set_headline(&self, index: usize, value: Option<String>) -> Result<Option<Edit>, EditError> {
        self.set_field(index, FieldName::Headline, FieldValue::Text(value))
    }
    pub fn set_review(&self, index: usize, value: Review) -> Result<Option<Edit>, EditError> {
        self.set_field(index, FieldName::Review, FieldValue::Review(value))
    }
    /// The body as the editor typed it (paragraphs between blank lines).
    pub fn set_body_text(&self, index: usize, typed: &str) -> Result<Option<Edit>, EditError> {
        let article = self.article(index)?;
        let body = fields::paragraphs_from_typed(article.body(), typed);
        self.set_field(index, FieldName::Paragraphs, FieldValue::Paragraphs(body))
    }
    /// Accepts, rejects or reopens a flag. Rejecting a break decision (a join, or a
    /// keep-apart) rebuilds the cleaned paragraphs with that break decided the other way.
    pub fn set_flag_status(&self, index: usize, flag: usize, status: FlagStatus) -> Result<Option<Edit>, EditError> {
        let article = self.article(index)?;
        let layout = segment::layout_span(&self.source, &self.pages, article.lines, Some(&self.language));
        self.edit_article(index, "flag", |a| {
            let Some(f) = a.flags.get_mut(flag) else { return };
            f.status = status;
            if f.kind != crate::model::FlagKind::BrokenParagraph {
                return;
            }
            let Some(layout) = &layout else { return };
            let overruled: Vec<LineSpan> = a
                .flags
                .iter()
                .filter(|f| f.kind == crate::model::FlagKind::BrokenParagraph && f.status == FlagStatus::Rejected)
                .map(|f| f.lines)
                .collect();
            let cleaned = crate::clean::clean_article_with(&self.source, layout, &self.language, &overruled);
            a.paragraphs = cleaned.paragraphs;
        })
    }

    /// Accepts every open flag of `kind` in article `index` at once, one undoable edit:
    /// a page wrapped at a narrow column leaves a rejoined break at nearly every line,
    /// and an editor who has read the paragraphs accepts them together. Accepting keeps
    /// the text as it is, so nothing is cleaned again.
    pub fn accept_open_flags(&self, index: usize, kind: crate::model::FlagKind) -> Result<Option<Edit>, EditError> {
        self.edit_article(index, "flag", |a| {
            for f in a.flags.iter_mut().filter(|f| f.kind == kind && f.status == FlagStatus::Open) {
                f.status = FlagStatus::Accepted;
            }
        })
    }
}

impl Edit {
    /// What undo or redo would do, in English and Chinese: `headline of article 3`.
    pub fn describe(&self) -> (String, String) {
        let (en, zh) = match FieldName::from_key(&self.label) {
            Some(f) => f.names(),
            None => match self.label.as_str() {
                "split" => ("split", "拆分"),
                "merge" => ("merge", "合并"),
                "flag" => ("flag decision", "标记处理"),
                "accept" => ("accept and mark reviewed", "接受并标为已审"),
                "issue details" => ("issue details", "报纸信息"),
                "edit fields" => ("field edits", "字段修改"),
                other => (other, other),
            },
        };
        match self.article {
            Some(i) => (format!("{en} of article {}", i + 1), format!("第 {} 篇的{zh}", i + 1)),
            None => (en.to_string(), zh.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let text = "# 县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议。\n\n会议要求各乡镇抓好落实。\n\n小城春色\n\n春天来了，小城的街道两旁开满了花。\n\n## 县图书馆开展读书活动\n\n本报讯（通讯员何丽）3月10日，县图书馆启动全民阅读活动。\n";
        Document::new(crate::detect_bytes(text.as_bytes(), "t.md").unwrap(), Origin::Unsaved)
    }

    #[test]
    fn a_snapshot_works_out_the_same_split_and_merge() {
        let mut d = doc();
        let e = d.set_headline(0, Some("县委部署春耕".into())).unwrap().unwrap();
        d.apply(e);
        let snap = d.snapshot();
        assert_eq!(snap.history.generation, 0, "the undo history stays behind");
        let line = d.issue.articles[0].lines.first + 4;
        assert!(d.split(0, line).is_ok());
        assert_eq!(snap.split(0, line), d.split(0, line));
        assert_eq!(snap.merge_with_next(0), d.merge_with_next(0));
        assert!(EditError::Failed("index out of bounds".into()).to_string().ends_with("the issue is unchanged"));
    }

    #[test]
    fn a_correction_is_undone_and_redone_exactly() {
        let mut d = doc();
        let original = d.issue.clone();
        let e = d.set_headline(0, Some("县委部署春耕".into())).unwrap().unwrap();
        d.apply(e);
        assert_eq!(d.issue.articles[0].headline.value().as_deref(), Some("县委部署春耕"));
        assert!(d.is_dirty());
        d.undo();
        assert_eq!(d.issue, original);
        d.redo();
        assert_eq!(d.issue.articles[0].headline.value().as_deref(), Some("县委部署春耕"));
        assert_eq!(d.issue.articles[0].headline.detected.as_deref(), Some("县里召开春耕动员会"));
    }

    #[test]
    fn typing_the_detected_value_back_is_no_correction() {
        let d = doc();
        assert_eq!(d.set_headline(0, Some(" 县里召开春耕动员会 ".into())).unwrap(), None);
    }

    #[test]
    fn split_and_merge_round_trip() {
        let mut d = doc();
        assert_eq!(d.issue.articles.len(), 2);
        let original = d.issue.clone();
        // The editor sees that 小城春色 (line 7) starts another story.
        let e = d.split(0, 7).unwrap();
        let sel = d.apply(e);
        assert_eq!(sel, 1);
        assert_eq!(d.issue.articles.len(), 3);
        assert_eq!(d.issue.articles[0].lines, LineSpan::new(1, 5));
        assert_eq!(d.issue.articles[1].lines, LineSpan::new(7, 9));
        assert_eq!(d.issue.articles[1].headline.value().as_deref(), Some("小城春色"));
        assert_eq!(d.issue.articles[1].id, "p1-1.1");
        let e = d.merge_with_next(0).unwrap();
        d.apply(e);
        assert_eq!(d.issue.articles.len(), 2);
        assert_eq!(d.issue.articles[0].lines, LineSpan::new(1, 9));
        d.undo();
        d.undo();
        assert_eq!(d.issue, original);
    }

    #[test]
    fn split_outside_the_article_is_refused() {
        let d = doc();
        assert!(matches!(d.split(0, 1), Err(EditError::SplitOutside { .. })));
        assert!(matches!(d.split(0, 40), Err(EditError::SplitOutside { .. })));
        assert_eq!(d.merge_with_next(1), Err(EditError::NothingToMerge));
    }

    #[test]
    fn accept_marks_reviewed_and_next_unreviewed_skips_it() {
        let mut d = doc();
        let e = d.accept_and_review(0).unwrap().unwrap();
        d.apply(e);
        assert_eq!(d.issue.articles[0].review, Review::Reviewed);
        assert_eq!(d.next_unreviewed(0), Some(1));
        assert_eq!(d.next_unreviewed(1), Some(1));
    }

    #[test]
    fn rejecting_a_join_keeps_the_paragraphs_apart_and_undo_joins_them_again() {
        let text = "# 县里召开会议\n\n本报讯 会议强调,\n\n要认清形势,提高认识。\n";
        let mut d = Document::new(crate::detect_bytes(text.as_bytes(), "t.md").unwrap(), Origin::Unsaved);
        assert_eq!(d.issue.articles[0].paragraphs.len(), 1);
        let flag =
            d.issue.articles[0].flags.iter().position(|f| f.kind == crate::model::FlagKind::BrokenParagraph).unwrap();
        let e = d.set_flag_status(0, flag, FlagStatus::Rejected).unwrap().unwrap();
        d.apply(e);
        assert_eq!(d.issue.articles[0].paragraphs.len(), 2, "the editor said the break is real");
        d.undo();
        assert_eq!(d.issue.articles[0].paragraphs.len(), 1);
    }

    #[test]
    fn the_joins_of_a_wrapped_article_are_accepted_together_and_undone_together() {
        // A column fourteen characters wide: the paragraph is cut at every line.
        let text = "# 县里召开会议\n\n本报讯 会议强调，要认清\n形势，提高认识，把春耕\n生产的各项工作落到实处\n，不误农时。\n\n会上还表彰了先进个人。\n";
        let mut d = Document::new(crate::detect_bytes(text.as_bytes(), "t.md").unwrap(), Origin::Unsaved);
        let open_joins = |d: &Document| {
            d.issue.articles[0]
                .flags
                .iter()
                .filter(|f| f.kind == crate::model::FlagKind::BrokenParagraph && f.status == FlagStatus::Open)
                .count()
        };
        assert!(open_joins(&d) >= 2, "{:#?}", d.issue.articles[0].flags);
        let paragraphs = d.issue.articles[0].paragraphs.clone();
        let e = d.accept_open_flags(0, crate::model::FlagKind::BrokenParagraph).unwrap().unwrap();
        d.apply(e);
        assert_eq!(open_joins(&d), 0);
        assert_eq!(d.issue.articles[0].paragraphs, paragraphs, "accepting keeps the text");
        d.undo();
        assert!(open_joins(&d) >= 2);
    }

    #[test]
    fn a_save_by_someone_else_is_noticed() {
        let mut d = doc();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.ron");
        d.save_as(&path).unwrap();
        assert!(!d.changed_on_disk());
        std::thread::sleep(std::time::Duration::from_millis(20));
        let mut other = d.issue.clone();
        other.articles[0].note = Some("另一位编辑的修改".into());
        crate::store::save(&other, &path).unwrap();
        assert!(d.changed_on_disk());
    }

    #[test]
    fn saving_clears_dirty_and_undo_past_it_dirties_again() {
        let mut d = doc();
        let dir = tempfile::tempdir().unwrap();
        let e = d.set_review(0, Review::NeedsWork).unwrap().unwrap();
        d.apply(e);
        d.save_as(&dir.path().join("t.ron")).unwrap();
        assert!(!d.is_dirty());
        d.undo();
        assert!(d.is_dirty());
        d.redo();
        assert!(!d.is_dirty());
    }
}
