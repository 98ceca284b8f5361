//! Work done off the UI thread: opening and detecting an issue, saving, exporting,
//! the native file chooser and the recovery file. Each job sends its result back
//! as a [`Job`]; the window picks them up at the start of a frame.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;

use super::{trace, with_extension_if_missing, Action, Dialog, JianbaoApp, Purpose};
use crate::document::{Document, Edit, EditError, Origin};
use crate::export::Format;

/// A change of the split that re-detects the article(s) it makes. Worked out off the UI
/// thread: re-detection runs the tagger and the language layer, and reloads the keyword
/// table the window let go after opening (about 120 ms in all).
#[derive(Debug, Clone, Copy)]
pub(super) enum SpanEdit {
    /// A new article starts at source line `line` of article `index`.
    Split { index: usize, line: u32 },
    /// Article `index` and the one after it become one.
    Merge { index: usize },
}

/// Results of work done off the UI thread.
pub(super) enum Job {
    Opened {
        path: PathBuf,
        result: Result<Box<Document>, String>,
    },
    Picked {
        purpose: Purpose,
        path: Option<PathBuf>,
        took: Duration,
    },
    Saved {
        path: PathBuf,
        generation: u64,
        result: Result<(), String>,
    },
    Exported {
        path: PathBuf,
        result: Result<(), String>,
    },
    Autosaved,
    /// A split or merge worked out on a worker thread, for the state `token` names.
    Edited {
        token: u64,
        result: Result<Edit, EditError>,
    },
    Indexed {
        root: PathBuf,
        result: Result<crate::index::IndexReport, String>,
        issues: Vec<crate::index::IssueSummary>,
    },
    Searched {
        root: PathBuf,
        query: String,
        result: Result<Vec<crate::index::Hit>, String>,
    },
}

impl JianbaoApp {
    /// Indexes the open archive (what changed) on a worker thread, with progress.
    pub(super) fn start_indexing(&mut self, ctx: &egui::Context) {
        let Some(view) = self.archive.as_mut() else { return };
        if view.indexing {
            return;
        }
        view.indexing = true;
        let root = view.root.clone();
        let progress = view.progress.clone();
        let tx = self.jobs_tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let report = |done: usize, total: usize| {
                progress.0.store(done, std::sync::atomic::Ordering::Relaxed);
                progress.1.store(total, std::sync::atomic::Ordering::Relaxed);
                ctx.request_repaint();
            };
            let result = crate::index::index_archive(&root, &report);
            // Read here, not on the UI thread: a long archive's list is a large file.
            let issues = crate::index::overview(&root);
            let _ = tx.send(Job::Indexed { root, result, issues });
            ctx.request_repaint();
        });
    }

    /// Searches the open archive for its query on a worker thread.
    pub(super) fn start_archive_search(&mut self, ctx: &egui::Context) {
        let Some(view) = self.archive.as_ref() else { return };
        let (root, query) = (view.root.clone(), view.query.clone());
        if query.trim().is_empty() {
            return;
        }
        let tx = self.jobs_tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let options = crate::index::SearchOptions { limit: 50, ..Default::default() };
            let result = crate::index::search(&root, &query, &options);
            let _ = tx.send(Job::Searched { root, query, result });
            ctx.request_repaint();
        });
    }

    /// Works out a split or merge on a snapshot of the issue; the result is applied when it
    /// comes back, unless the issue was changed meanwhile (then nothing changes and the
    /// editor is told).
    pub(super) fn start_span_edit(&mut self, ctx: &egui::Context, edit: SpanEdit) {
        let Some(doc) = &self.doc else { return };
        if self.pending_edit.is_some() {
            self.status =
                Some(self.lang().t("Still working on the last split or merge", "上一次拆分或合并还在进行").into());
            return;
        }
        let snapshot = doc.snapshot();
        self.edit_tokens += 1;
        let token = self.edit_tokens;
        self.pending_edit = Some((token, doc.history.generation));
        let tx = self.jobs_tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // A panic here must not leave the window waiting for a result forever.
            let worked_out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match edit {
                SpanEdit::Split { index, line } => snapshot.split(index, line),
                SpanEdit::Merge { index } => snapshot.merge_with_next(index),
            }));
            let result = worked_out.unwrap_or_else(|panic| {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "internal error".into());
                Err(EditError::Failed(why))
            });
            let _ = tx.send(Job::Edited { token, result });
            ctx.request_repaint();
        });
    }

    pub(super) fn start_open(&mut self, ctx: &egui::Context, path: PathBuf) {
        let lang = self.lang();
        self.busy = Some(format!("{} {}", lang.t("Opening", "正在打开"), path.display()));
        let tx = self.jobs_tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The archive folder's user dictionary teaches the segmenter its names.
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
            let result = crate::language::Language::for_folder(&folder)
                .and_then(|lang| Document::open_with(&path, lang).map_err(|e| e.to_string()))
                .map(Box::new);
            // The keyword table is wanted again only when a split or merge re-detects.
            crate::language::keywords::release_table();
            let _ = tx.send(Job::Opened { path, result });
            ctx.request_repaint();
        });
    }

    pub(super) fn start_save(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.doc.is_none() {
            return;
        }
        self.inspector_commit_pending();
        let Some(doc) = &self.doc else { return };
        let issue = doc.issue.clone();
        let generation = doc.history.generation;
        self.busy = Some(format!("{} {}", self.lang().t("Saving", "正在保存"), path.display()));
        let tx = self.jobs_tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = crate::store::save(&issue, &path).map_err(|e| e.to_string());
            if result.is_ok() {
                // What the editors confirmed in this folder's issues improves the next ones.
                let _ = update_dictionary(&path);
            }
            let _ = tx.send(Job::Saved { path, generation, result });
            ctx.request_repaint();
        });
    }

    pub(super) fn start_export(&mut self, ctx: &egui::Context, format: Format, path: PathBuf) {
        let Some(doc) = &self.doc else { return };
        let issue = doc.issue.clone();
        self.busy = Some(format!("{} {}", self.lang().t("Exporting", "正在导出"), path.display()));
        let tx = self.jobs_tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = crate::export::write(&issue, format, &path).map(|_| ());
            let _ = tx.send(Job::Exported { path, result });
            ctx.request_repaint();
        });
    }

    /// Opens the native file dialog on a worker thread. On Linux rfd needs the XDG
    /// desktop portal or zenity; when neither is there it returns at once, and the
    /// window falls back to a typed path.
    pub(super) fn start_pick(&mut self, ctx: &egui::Context, purpose: Purpose) {
        if !self.native_dialogs || !native_dialog_available() {
            self.dialog = Some(self.path_prompt(purpose, None));
            return;
        }
        let start_dir = self.current_dir();
        let suggested = self.doc.as_ref().map(|d| match purpose {
            Purpose::Export(f) if f.is_folder() => d.proposed_save_path().with_extension(""),
            Purpose::Export(f) => d.proposed_save_path().with_extension(f.extension()),
            _ => d.proposed_save_path(),
        });
        let lang = self.lang();
        let tx = self.jobs_tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new();
            if let Some(dir) = &start_dir {
                dialog = dialog.set_directory(dir);
            }
            let path = match purpose {
                Purpose::Open => dialog
                    .add_filter(lang.t("Issues (.txt, .md, .ron)", "报纸（.txt、.md、.ron）"), &["txt", "md", "ron"])
                    .add_filter(lang.t("All files", "所有文件"), &["*"])
                    .pick_file(),
                Purpose::SaveAs => {
                    if let Some(name) = suggested.as_ref().and_then(|p| p.file_name()) {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                    dialog.add_filter(lang.t("Annotated issue (.ron)", "标注稿（.ron）"), &["ron"]).save_file()
                }
                Purpose::OpenArchive => dialog.pick_folder(),
                // NITF is a folder of documents, one per article.
                Purpose::Export(format) if format.is_folder() => dialog.pick_folder(),
                Purpose::Export(format) => {
                    if let Some(name) = suggested.as_ref().and_then(|p| p.file_name()) {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                    dialog.add_filter(format.extension(), &[format.extension()]).save_file()
                }
            };
            let _ = tx.send(Job::Picked { purpose, path, took: started.elapsed() });
            ctx.request_repaint();
        });
    }

    pub(super) fn current_dir(&self) -> Option<PathBuf> {
        let doc = self.doc.as_ref()?;
        match &doc.origin {
            Origin::Annotated(p) | Origin::RawDump(p) => p.parent().map(Path::to_path_buf),
            Origin::Unsaved => None,
        }
    }

    pub(super) fn path_prompt(&self, purpose: Purpose, message: Option<String>) -> Dialog {
        let lang = self.lang();
        let text = match (purpose, &self.doc) {
            (Purpose::Open | Purpose::OpenArchive, _) | (_, None) => String::new(),
            (Purpose::SaveAs, Some(d)) => d.proposed_save_path().display().to_string(),
            (Purpose::Export(f), Some(d)) if f.is_folder() => {
                d.proposed_save_path().with_extension("").display().to_string()
            }
            (Purpose::Export(f), Some(d)) => d.proposed_save_path().with_extension(f.extension()).display().to_string(),
        };
        let message = message.unwrap_or_else(|| {
            if !self.native_dialogs {
                return lang.t("Type the path:", "请输入路径：").to_string();
            }
            lang.t(
                "No system file dialog is available (it needs the XDG desktop portal or zenity). Type the path instead:",
                "系统文件对话框不可用（需要 XDG 桌面门户或 zenity），请直接输入路径：",
            )
            .to_string()
        });
        Dialog::PathPrompt { purpose, text, message }
    }

    pub(super) fn receive_jobs(&mut self, ctx: &egui::Context) {
        while let Ok(job) = self.jobs_rx.try_recv() {
            let lang = self.lang();
            match job {
                Job::Opened { path, result } => {
                    self.busy = None;
                    match result {
                        Ok(doc) => {
                            trace("issue opened and detected");
                            self.settings.remember(&path);
                            self.status = Some(format!(
                                "{} {}: {} {}",
                                lang.t("Opened", "已打开"),
                                doc.display_name(),
                                doc.issue.articles.len(),
                                lang.t("articles", "篇")
                            ));
                            let repairs = doc.repairs.clone();
                            let wanted = self.pending_article.take();
                            self.set_document(*doc);
                            if let Some(id) = wanted {
                                let at =
                                    self.doc.as_ref().and_then(|d| d.issue.articles.iter().position(|a| a.id == id));
                                if let Some(i) = at {
                                    self.selected = i;
                                    self.scroll_list = true;
                                }
                            }
                            if !repairs.is_empty() && self.dialog.is_none() {
                                let list: Vec<String> = repairs.iter().map(|r| format!("• {r}")).collect();
                                self.dialog = Some(Dialog::Repaired(list.join("\n")));
                            }
                        }
                        Err(e) => self.dialog = Some(Dialog::Error(e)),
                    }
                }
                Job::Picked { purpose, path, took } => match path {
                    Some(path) => self.picked(ctx, purpose, path),
                    // A "cancel" faster than a person can click means the dialog never showed.
                    None if took < Duration::from_millis(250) => {
                        let message = lang.t(
                            "The system file dialog did not open (on Linux it needs the XDG desktop portal or zenity). Type the path instead:",
                            "系统文件对话框没有打开（Linux 上需要 XDG 桌面门户或 zenity），请直接输入路径：",
                        );
                        self.dialog = Some(self.path_prompt(purpose, Some(message.to_string())));
                    }
                    None => {}
                },
                Job::Saved { path, generation, result } => {
                    self.busy = None;
                    match result {
                        Ok(()) => {
                            // Saved under a new name: the lock moves with the issue.
                            if self.doc.as_ref().is_some_and(|d| d.save_path() != Some(path.as_path())) {
                                self.release_lock();
                            }
                            let _ = crate::lock::acquire(&path);
                            if let Some(doc) = &mut self.doc {
                                doc.mark_saved(&path, generation);
                                if let Some(store) = &self.recovery {
                                    store.discard(&doc.issue);
                                }
                            }
                            self.settings.remember(&path);
                            self.status = Some(format!("{} {}", lang.t("Saved", "已保存"), path.display()));
                            // A save inside the open archive reaches its index in the background.
                            let inside = self
                                .archive
                                .as_ref()
                                .is_some_and(|a| path.canonicalize().is_ok_and(|p| p.starts_with(&a.root)));
                            if inside {
                                self.start_indexing(ctx);
                            }
                            // A quit or open that waited for this save can go ahead now.
                            if let Some(next) = self.after_save.take() {
                                self.actions.push(next);
                            }
                        }
                        Err(e) => {
                            self.after_save = None;
                            self.dialog = Some(Dialog::Error(e));
                        }
                    }
                }
                Job::Exported { path, result } => {
                    self.busy = None;
                    match result {
                        Ok(()) => self.status = Some(format!("{} {}", lang.t("Exported", "已导出"), path.display())),
                        Err(e) => self.dialog = Some(Dialog::Error(e)),
                    }
                }
                Job::Autosaved => {}
                Job::Edited { token, result } => {
                    let Some((_, generation)) = self.pending_edit.filter(|(t, _)| *t == token) else {
                        continue;
                    };
                    self.pending_edit = None;
                    let Some(doc) = &mut self.doc else { continue };
                    if doc.history.generation != generation {
                        self.status = Some(
                            lang.t(
                                "The issue changed while the split or merge was worked out: nothing was done, do it again",
                                "拆分或合并期间稿件有改动：未做更改，请再操作一次",
                            )
                            .into(),
                        );
                        continue;
                    }
                    match result {
                        Ok(edit) => {
                            self.selected = doc.apply(edit);
                            self.selected_line = None;
                            self.changed();
                        }
                        Err(e) => self.status = Some(e.to_string()),
                    }
                }
                Job::Indexed { root, result, issues } => {
                    let Some(view) = self.archive.as_mut().filter(|a| a.root == root) else { continue };
                    view.indexing = false;
                    view.issues = issues;
                    view.message = Some(match result {
                        Ok(report) => report.summary(),
                        Err(e) => e,
                    });
                    // A search typed while indexing runs again on the fresh index.
                    if !view.query.trim().is_empty() {
                        self.start_archive_search(ctx);
                    }
                }
                Job::Searched { root, query, result } => {
                    let Some(view) = self.archive.as_mut().filter(|a| a.root == root && a.query == query) else {
                        continue;
                    };
                    match result {
                        Ok(hits) => {
                            view.message = Some(format!("{} {}", hits.len(), lang.t("articles found", "篇命中")));
                            view.hits = hits;
                        }
                        Err(e) => view.message = Some(e),
                    }
                }
            }
        }
    }

    /// What the file chooser returned: carries out what it was opened for.
    pub fn picked(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.actions.push(Action::OpenPath(path)),
            Purpose::OpenArchive => self.actions.push(Action::OpenArchivePath(path)),
            Purpose::SaveAs => self.start_save(ctx, with_extension_if_missing(path, "ron")),
            // A folder format (NITF) writes into the folder chosen, as chosen.
            Purpose::Export(format) if format.is_folder() => self.start_export(ctx, format, path),
            Purpose::Export(format) => {
                self.start_export(ctx, format, with_extension_if_missing(path, format.extension()))
            }
        }
    }

    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let (Some(store), Some(doc)) = (&self.recovery, &self.doc) else { return };
        if !doc.is_dirty() || doc.history.generation == self.autosaved_generation {
            return;
        }
        let idle = self.last_change.elapsed();
        if idle < self.autosave_idle {
            ctx.request_repaint_after(self.autosave_idle - idle);
            return;
        }
        self.autosaved_generation = doc.history.generation;
        let issue = doc.issue.clone();
        let original = match &doc.origin {
            Origin::Annotated(p) | Origin::RawDump(p) => Some(p.clone()),
            Origin::Unsaved => None,
        };
        let store = store.clone();
        let tx = self.jobs_tx.clone();
        std::thread::spawn(move || {
            // A failed autosave is retried at the next change; the editor's work is still in memory.
            let _ = store.write(&issue, original.as_deref());
            let _ = tx.send(Job::Autosaved);
        });
    }
}

/// Relearns the user dictionary of the folder `saved` is in from its `.ron` issues.
fn update_dictionary(saved: &Path) -> Result<(), String> {
    use crate::language::learn;
    let folder = saved.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let path = learn::dictionary_path(folder);
    let existing = learn::UserDictionary::load(&path)?;
    let (dict, _) = learn::learn_folder(folder, existing)?;
    if dict.is_empty() {
        return Ok(());
    }
    dict.save(&path)
}

/// The window's own file dialog works where the portal or zenity exists.
fn native_dialog_available() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let has_zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    has_bus || has_zenity
}
