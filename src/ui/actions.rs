//! What the panels and keys ask for ([`Action`]), carried out after the frame is drawn
//! through the engine's `Document` commands, so every change is one undoable edit.

use std::path::{Path, PathBuf};
use std::time::Instant;

use eframe::egui;

use super::jobs::SpanEdit;
use super::{list, Dialog, JianbaoApp, Purpose};
use crate::document::{Document, Edit, Origin};
use crate::export::Format;
use crate::fields::{FieldName, FieldValue};
use crate::model::{Genre, Review};

/// Things the panels ask for; carried out after the frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Select(usize),
    /// The next / previous article the list shows (the filter applies).
    Next,
    Previous,
    /// The next article the search finds, wrapping round (Enter in the search box).
    NextHit,
    Apply(Edit),
    /// Writes the inspector's typed values (and byline rows) into the article.
    CommitFields,
    SetGenre(Genre),
    SetSection(Option<String>),
    SetReview(Review),
    SetFlag(usize, crate::model::FlagStatus),
    /// Accept every open flag of one kind in the article (a wrapped page's rejoined breaks).
    AcceptOpenFlags(crate::model::FlagKind),
    Revert(FieldName),
    SetIssueMeta {
        newspaper: Option<String>,
        date: Option<String>,
    },
    Undo,
    Redo,
    SplitAt(u32),
    MergeNext,
    MergePrevious,
    AcceptAndReview,
    NextUnreviewed,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    Export(Format),
    ExportTo(Format, PathBuf),
    Quit,
    Status(String),
    /// Select a source line and bring it into view (the evidence of a field).
    GoToLine(u32),
    /// Restore the work of a recovery file (a session that did not end cleanly).
    Restore {
        file: PathBuf,
        recovery: Box<crate::recovery::Recovery>,
    },
    DiscardRecovery(PathBuf),
    /// Edit an issue another editor's lock is on (theirs is taken over).
    TakeLock(PathBuf),
    /// Close the open issue without saving (it was just opened: nothing to lose).
    CloseIssue,
    /// Choose an archive folder (the system's folder chooser, or a typed path).
    OpenArchive,
    /// Show this archive folder: index it (what changed) and list its issues.
    OpenArchivePath(PathBuf),
    /// Search the open archive for its query.
    ArchiveSearch,
    /// Open an archive issue at one of its articles (a search hit).
    OpenHit {
        file: PathBuf,
        article: String,
    },
    /// Show the selected article's source from this line (long articles are shown in windows).
    SourceFrom(u32),
    /// The body text as the editor typed it in the middle pane.
    SetBody(String),
    /// Open the body text of the selected article for correction.
    EditBody,
}

impl JianbaoApp {
    pub(super) fn run_actions(&mut self, ctx: &egui::Context) {
        let actions = std::mem::take(&mut self.actions);
        for action in actions {
            self.run_action(ctx, action);
        }
    }

    pub(super) fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        let lang = self.lang();
        match action {
            Action::Select(i) => {
                self.inspector_commit_pending();
                let n = self.doc.as_ref().map_or(0, |d| d.issue.articles.len());
                if n > 0 {
                    self.selected = i.min(n - 1);
                    self.selected_line = None;
                    self.selected_flag = None;
                    self.scroll_list = true;
                }
            }
            Action::Next | Action::Previous | Action::NextHit => {
                let found = match action {
                    Action::Next => self.step(true, false),
                    Action::Previous => self.step(false, false),
                    _ => self.step(true, true),
                };
                match found {
                    Some(i) => {
                        self.run_action(ctx, Action::Select(i));
                        self.scroll_source_to = self.first_hit_line();
                    }
                    None if action == Action::NextHit => {
                        self.status = Some(lang.t("The search finds nothing.", "没有找到。").to_string())
                    }
                    None => {}
                }
            }
            Action::Apply(edit) => {
                if let Some(doc) = &mut self.doc {
                    self.selected = doc.apply(edit);
                    self.changed();
                }
            }
            Action::CommitFields => self.inspector_commit_pending(),
            Action::SetGenre(g) => self.apply_with(|d, i| d.set_field(i, FieldName::Genre, FieldValue::Genre(g))),
            Action::SetSection(v) => {
                self.inspector_commit_pending();
                self.apply_with(|d, i| d.set_field(i, FieldName::Section, FieldValue::Text(v)));
            }
            Action::SetReview(r) => {
                self.inspector_commit_pending();
                self.apply_with(|d, i| d.set_review(i, r));
            }
            Action::SetFlag(flag, status) => self.apply_with(|d, i| d.set_flag_status(i, flag, status)),
            Action::AcceptOpenFlags(kind) => self.apply_with(|d, i| d.accept_open_flags(i, kind)),
            Action::Revert(field) => {
                self.inspector_commit_pending();
                self.apply_with(|d, i| d.revert_field(i, field));
            }
            Action::SetIssueMeta { newspaper, date } => {
                let Some(doc) = &mut self.doc else { return };
                let edit = doc.edit_meta("issue details", |m| {
                    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
                    let (newspaper, date) = (clean(newspaper), clean(date));
                    m.newspaper.corrected = (newspaper != m.newspaper.detected).then_some(newspaper);
                    m.date.corrected = (date != m.date.detected).then_some(date);
                });
                if let Some(edit) = edit {
                    let keep = self.selected;
                    doc.apply(edit);
                    self.selected = keep;
                    self.changed();
                }
            }
            Action::Undo => self.step_history(false),
            Action::Redo => self.step_history(true),
            Action::SplitAt(line) => {
                self.inspector_commit_pending();
                self.start_span_edit(ctx, SpanEdit::Split { index: self.selected, line });
            }
            Action::MergeNext | Action::MergePrevious => {
                self.inspector_commit_pending();
                let index =
                    if action == Action::MergeNext { Some(self.selected) } else { self.selected.checked_sub(1) };
                match index {
                    Some(index) => self.start_span_edit(ctx, SpanEdit::Merge { index }),
                    None => self.status = Some(crate::document::EditError::NothingToMerge.to_string()),
                }
            }
            Action::AcceptAndReview => {
                self.inspector_commit_pending();
                let Some(doc) = &mut self.doc else { return };
                if let Ok(Some(edit)) = doc.accept_and_review(self.selected) {
                    doc.apply(edit);
                    self.changed();
                }
                if let Some(next) = self.next_unreviewed_shown() {
                    self.selected = next;
                    self.scroll_list = true;
                }
            }
            Action::NextUnreviewed => {
                self.inspector_commit_pending();
                if let Some(next) = self.next_unreviewed_shown() {
                    self.selected = next;
                    self.scroll_list = true;
                }
            }
            Action::Open => {
                if self.unsaved_work() {
                    self.dialog = Some(Dialog::ConfirmDiscard { then: Box::new(Action::Open) });
                } else {
                    self.start_pick(ctx, Purpose::Open);
                }
            }
            Action::OpenPath(path) => {
                if self.unsaved_work() {
                    self.dialog = Some(Dialog::ConfirmDiscard { then: Box::new(Action::OpenPath(path)) });
                } else {
                    self.discard_recovery();
                    self.discard_confirmed = false;
                    self.start_open(ctx, path);
                }
            }
            Action::Save => {
                self.inspector_commit_pending();
                match self.doc.as_ref().and_then(|d| d.save_path().map(Path::to_path_buf)) {
                    Some(path) if self.doc.as_ref().is_some_and(Document::changed_on_disk) => {
                        self.dialog = Some(Dialog::ConfirmOverwrite { path });
                    }
                    Some(path) => self.start_save(ctx, path),
                    // A raw dump is never written over: Save asks for a .ron name beside it.
                    None if self.doc.is_some() => self.start_pick(ctx, Purpose::SaveAs),
                    None => {}
                }
            }
            Action::SaveAs => {
                if self.doc.is_some() {
                    self.inspector_commit_pending();
                    self.start_pick(ctx, Purpose::SaveAs);
                }
            }
            Action::SaveTo(path) => self.start_save(ctx, path),
            Action::Export(format) => {
                if self.doc.is_some() {
                    self.inspector_commit_pending();
                    self.start_pick(ctx, Purpose::Export(format));
                }
            }
            Action::ExportTo(format, path) => self.start_export(ctx, format, path),
            Action::Quit => {
                if self.unsaved_work() && !self.allow_close {
                    self.dialog = Some(Dialog::ConfirmDiscard { then: Box::new(Action::Quit) });
                } else {
                    self.discard_recovery();
                    self.release_lock();
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Action::Status(s) => self.status = Some(s),
            Action::Restore { file, recovery } => self.restore(file, *recovery),
            Action::DiscardRecovery(file) => {
                let _ = std::fs::remove_file(&file);
                let rest = self.recovery.as_ref().map(|s| s.list()).unwrap_or_default();
                if !rest.is_empty() {
                    self.dialog = Some(Dialog::Recover(rest));
                }
            }
            Action::TakeLock(path) => {
                if let Err(e) = crate::lock::acquire(&path) {
                    self.status = Some(e);
                }
            }
            Action::CloseIssue => {
                self.doc = None;
                self.pending_edit = None;
                self.body_edit = None;
            }
            Action::OpenArchive => self.start_pick(ctx, Purpose::OpenArchive),
            Action::OpenArchivePath(root) => {
                let root = root.canonicalize().unwrap_or(root);
                if !root.is_dir() {
                    self.dialog = Some(Dialog::Error(format!("{}: not a folder", root.display())));
                    return;
                }
                // The issues are listed once the (incremental) indexing job has read them.
                self.archive = Some(super::ArchiveView { root, shown: true, ..Default::default() });
                self.start_indexing(ctx);
            }
            Action::ArchiveSearch => self.start_archive_search(ctx),
            Action::OpenHit { file, article } => {
                // The issue already open: only the article changes.
                let same = self.doc.as_ref().and_then(|d| {
                    d.save_path().or(match &d.origin {
                        crate::document::Origin::RawDump(p) => Some(p.as_path()),
                        _ => None,
                    })
                });
                let same = same.is_some_and(|p| p.canonicalize().ok() == file.canonicalize().ok());
                let at = self.doc.as_ref().and_then(|d| d.issue.articles.iter().position(|a| a.id == article));
                if let (true, Some(i)) = (same, at) {
                    self.run_action(ctx, Action::Select(i));
                    return;
                }
                self.pending_article = Some(article);
                self.run_action(ctx, Action::OpenPath(file));
            }
            Action::SourceFrom(line) => {
                if let Some(a) = self.doc.as_ref().and_then(|d| d.issue.articles.get(self.selected)) {
                    self.source_from = Some((a.id.clone(), line));
                }
            }
            Action::SetBody(typed) => self.apply_with(|d, i| d.set_body_text(i, &typed)),
            Action::EditBody => self.start_body_edit = true,
            Action::GoToLine(line) => {
                self.selected_line = Some(line);
                self.scroll_source_to = Some(line);
            }
        }
        let _ = lang;
    }

    /// Runs one article command on the selected article and records it.
    pub(super) fn apply_with(
        &mut self,
        command: impl FnOnce(&Document, usize) -> Result<Option<Edit>, crate::document::EditError>,
    ) {
        let Some(doc) = &mut self.doc else { return };
        match command(doc, self.selected) {
            Ok(Some(edit)) => {
                self.selected = doc.apply(edit);
                self.changed();
            }
            Ok(None) => {}
            Err(e) => self.status = Some(e.to_string()),
        }
    }

    /// After any change to the issue: reload the inspector, restart the autosave clock.
    pub(super) fn changed(&mut self) {
        self.last_change = Instant::now();
        self.inspector.invalidate();
        if let Some(doc) = &self.doc {
            let n = doc.issue.articles.len();
            if n > 0 && self.selected >= n {
                self.selected = n - 1;
            }
        }
    }

    /// The articles the list shows (the filters and search applied), in issue order.
    pub fn shown_articles(&self) -> Vec<usize> {
        let Some(doc) = &self.doc else { return Vec::new() };
        doc.issue.articles.iter().enumerate().filter(|(_, a)| list::matches(a, &self.filter)).map(|(i, _)| i).collect()
    }

    /// The shown article after (or before) the selected one; `wrap` goes round the ends.
    pub(super) fn step(&self, forward: bool, wrap: bool) -> Option<usize> {
        let shown = self.shown_articles();
        let next = if forward {
            shown.iter().copied().find(|&i| i > self.selected)
        } else {
            shown.iter().rev().copied().find(|&i| i < self.selected)
        };
        match (next, wrap) {
            (Some(i), _) => Some(i),
            (None, true) => shown.first().copied().filter(|&i| i != self.selected || shown.len() == 1),
            (None, false) => None,
        }
    }

    /// The next unreviewed article the list shows, wrapping round.
    pub(super) fn next_unreviewed_shown(&self) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        let shown = self.shown_articles();
        let unreviewed = |i: &usize| doc.issue.articles[*i].review != Review::Reviewed;
        shown
            .iter()
            .copied()
            .filter(unreviewed)
            .find(|&i| i > self.selected)
            .or_else(|| shown.iter().copied().find(unreviewed))
    }

    /// The first source line of the selected article that the search finds.
    pub(super) fn first_hit_line(&self) -> Option<u32> {
        let q = self.filter.search.trim();
        let doc = self.doc.as_ref()?;
        let a = doc.issue.articles.get(self.selected)?;
        if q.is_empty() {
            return None;
        }
        (a.lines.first..=a.lines.last).find(|&l| doc.source.line(l).contains(q))
    }

    /// Commits any field (or body text) the editor typed into but did not leave yet.
    pub(super) fn inspector_commit_pending(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        if let Some(body) = self.body_edit.take() {
            let index = doc.issue.articles.iter().position(|a| a.id == body.article_id);
            if let Some(Ok(Some(edit))) = index.map(|i| doc.set_body_text(i, &body.text)) {
                doc.apply(edit);
                self.changed();
            }
        }
        let Some(doc) = &mut self.doc else { return };
        if let Some(edit) = self.inspector.commit(doc, self.selected) {
            self.selected = doc.apply(edit);
            self.changed();
        }
    }

    /// Makes a recovery file's issue the open document, unsaved, and protects it at once:
    /// the recovery file is written again before anything else can happen, so a second
    /// crash right after the restore loses nothing.
    pub(super) fn restore(&mut self, file: PathBuf, recovery: crate::recovery::Recovery) {
        let lang = self.lang();
        let origin = match &recovery.original {
            Some(p) if crate::is_annotated(p) => Origin::Annotated(p.clone()),
            Some(p) => Origin::RawDump(p.clone()),
            None => Origin::Unsaved,
        };
        let mut doc = Document::new(recovery.issue, origin);
        // Restored work is not on disk yet: it must read as unsaved.
        doc.history = crate::document::History::default();
        doc.history.generation = 1;
        if let Some(store) = &self.recovery {
            match store.write(&doc.issue, recovery.original.as_deref()) {
                Ok(written) if written != file => {
                    let _ = std::fs::remove_file(&file);
                }
                Ok(_) => {}
                Err(e) => self.status = Some(e),
            }
        }
        self.set_document(doc);
        self.autosaved_generation = 1;
        if self.status.is_none() {
            self.status =
                Some(lang.t("Restored unsaved work; save it now.", "已恢复未保存的工作，请及时保存。").to_string());
        }
    }

    /// Undo (or redo) the last edit, and say which: "Undone: headline of article 3".
    fn step_history(&mut self, redo: bool) {
        let lang = self.lang();
        let Some(doc) = self.doc.as_mut() else { return };
        let what = if redo { doc.history.redo_edit() } else { doc.history.undo_edit() }.map(|e| e.describe());
        let selected = if redo { doc.redo() } else { doc.undo() };
        let (Some(sel), Some((en, zh))) = (selected, what) else { return };
        self.selected = sel;
        self.changed();
        let done = if redo { lang.t("Redone:", "已重做：") } else { lang.t("Undone:", "已撤销：") };
        self.status = Some(format!("{done} {}", lang.pick(en, zh)));
    }
}
