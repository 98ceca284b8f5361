//! The workstation window: three panes over one open issue.
//!
//! The app is a plain struct of state ([`JianbaoApp`]); the functions in the
//! submodules draw it and return [`Action`]s; the actions are carried out
//! after drawing, through the engine's [`Document`] commands (every change
//! undoable). Opening, detecting, saving and the native file dialog run on
//! worker threads; the window keeps repainting.

mod dialogs;
pub mod fonts;
pub mod i18n;
mod inspector;
mod list;
mod source_view;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::{Duration, Instant};

use eframe::egui;
use serde::{Deserialize, Serialize};

use crate::document::{Document, Edit, FieldName, Origin};
use crate::export::Format;
use crate::fields::FieldValue;
use crate::model::{Genre, Review};
use crate::recovery::{Recovery, RecoveryStore};
use crate::taxonomy::Section;
use i18n::Lang;

/// How long the editor must be idle before the recovery file is written.
const AUTOSAVE_IDLE: Duration = Duration::from_secs(3);
const RECENT_MAX: usize = 10;
const SETTINGS_KEY: &str = "jianbao.settings";

/// When the process started the window (for `JIANBAO_TRACE=1` timing lines on stderr).
static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

fn trace(what: &str) {
    if std::env::var_os("JIANBAO_TRACE").is_some() {
        if let Some(t) = STARTED.get() {
            eprintln!("jianbao: {what} after {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
        }
    }
}

/// Preferences kept between runs (eframe persistence).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub lang: Lang,
    pub dark: bool,
    pub zoom: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { recent: Vec::new(), lang: Lang::from_env(), dark: false, zoom: 1.0 }
    }
}

impl Settings {
    pub fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }
}

/// What the window is started with (tests inject their own folders and files).
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    pub open: Option<PathBuf>,
    /// Where recovery files live; `None` turns autosave off.
    pub recovery_dir: Option<PathBuf>,
    /// Overrides the saved/system language.
    pub lang: Option<Lang>,
    /// Use the system file dialog (off in tests: paths are typed into the window's own prompt).
    pub native_dialogs: bool,
    /// Idle time before the recovery file is written (`None`: the default, a few seconds).
    pub autosave_idle: Option<Duration>,
}

/// Things the panels ask for; carried out after the frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Select(usize),
    Apply(Edit),
    /// Writes the inspector's typed values (and byline rows) into the article.
    CommitFields,
    SetGenre(Genre),
    SetSection(Option<String>),
    SetReview(Review),
    SetFlag(usize, crate::model::FlagStatus),
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
}

/// What a file chooser (native or typed) is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
    Export(Format),
}

/// Results of work done off the UI thread.
enum Job {
    Opened { path: PathBuf, result: Result<Box<Document>, String> },
    Picked { purpose: Purpose, path: Option<PathBuf>, took: Duration },
    Saved { path: PathBuf, generation: u64, result: Result<(), String> },
    Exported { path: PathBuf, result: Result<(), String> },
    Autosaved,
}

/// A question the window is waiting for the editor to answer.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// Unsaved work would be lost by `then`.
    ConfirmDiscard {
        then: Box<Action>,
    },
    /// The `.ron` changed on disk since it was opened: overwrite it?
    ConfirmOverwrite {
        path: PathBuf,
    },
    /// Another editor has the issue open (their lock file is beside it).
    Locked {
        path: PathBuf,
        holder: crate::lock::Holder,
    },
    /// The native dialog could not open (or there is none): type a path.
    PathPrompt {
        purpose: Purpose,
        text: String,
        message: String,
    },
    /// Recovery files from a session that did not end cleanly.
    Recover(Vec<(PathBuf, Recovery)>),
    /// Newspaper, date and pages of the issue.
    IssueDetails,
    Error(String),
}

/// Filters of the article list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListFilter {
    pub review: Option<Review>,
    pub genre: Option<Genre>,
    pub flagged_only: bool,
    pub search: String,
}

/// The workstation.
pub struct JianbaoApp {
    pub doc: Option<Document>,
    pub selected: usize,
    pub settings: Settings,
    pub filter: ListFilter,
    /// The source line the editor clicked (where Split starts a new article).
    pub selected_line: Option<u32>,
    pub selected_flag: Option<usize>,
    pub inspector: inspector::Buffers,
    pub dialog: Option<Dialog>,
    pub show_help: bool,
    pub taxonomy: Vec<Section>,
    /// What is being loaded or saved, for the progress indicator.
    pub busy: Option<String>,
    pub status: Option<String>,
    actions: Vec<Action>,
    jobs_tx: Sender<Job>,
    jobs_rx: Receiver<Job>,
    recovery: Option<RecoveryStore>,
    autosave_idle: Duration,
    native_dialogs: bool,
    last_change: Instant,
    autosaved_generation: u64,
    allow_close: bool,
    /// What to do once the save under way has succeeded (Save in the unsaved-work dialog).
    pub(crate) after_save: Option<Action>,
    /// The editor chose "discard changes": the next open or quit goes ahead without asking.
    pub(crate) discard_confirmed: bool,
    pub(crate) focus_search: bool,
    /// The selection moved: the list scrolls to it.
    pub(crate) scroll_list: bool,
    frames: u64,
    /// The window title last sent (sent again only when it changes).
    shown_title: String,
    pub(crate) focus_field: Option<FieldName>,
    /// A source line to bring into view at the next frame.
    pub(crate) scroll_source_to: Option<u32>,
    applied_zoom: f32,
}

impl JianbaoApp {
    /// Builds the app; `storage` holds the settings of earlier runs.
    pub fn new(ctx: &egui::Context, storage: Option<&dyn eframe::Storage>, options: StartOptions) -> JianbaoApp {
        fonts::install(ctx);
        let mut settings: Settings = storage.and_then(|s| eframe::get_value(s, SETTINGS_KEY)).unwrap_or_default();
        if let Some(lang) = options.lang {
            settings.lang = lang;
        }
        settings.zoom = settings.zoom.clamp(0.5, 3.0);
        ctx.set_theme(if settings.dark { egui::ThemePreference::Dark } else { egui::ThemePreference::Light });
        let (jobs_tx, jobs_rx) = channel();
        let recovery = options.recovery_dir.map(RecoveryStore::new);
        let mut app = JianbaoApp {
            doc: None,
            selected: 0,
            settings,
            filter: ListFilter::default(),
            selected_line: None,
            selected_flag: None,
            inspector: inspector::Buffers::default(),
            dialog: None,
            show_help: false,
            taxonomy: crate::taxonomy::builtin(),
            busy: None,
            status: None,
            actions: Vec::new(),
            jobs_tx,
            jobs_rx,
            recovery,
            autosave_idle: options.autosave_idle.unwrap_or(AUTOSAVE_IDLE),
            native_dialogs: options.native_dialogs,
            last_change: Instant::now(),
            autosaved_generation: 0,
            allow_close: false,
            after_save: None,
            discard_confirmed: false,
            focus_search: false,
            scroll_list: false,
            frames: 0,
            shown_title: String::new(),
            focus_field: None,
            scroll_source_to: None,
            applied_zoom: 0.0,
        };
        if let Some(store) = &app.recovery {
            let found = store.list();
            if !found.is_empty() {
                app.dialog = Some(Dialog::Recover(found));
            }
        }
        if let Some(path) = options.open {
            app.start_open(ctx, path);
        }
        app
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Queues an action as if a panel had asked for it (tests use this too).
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    pub fn is_busy(&self) -> bool {
        self.busy.is_some()
    }

    // ---- opening, saving, exporting --------------------------------------------------

    fn start_open(&mut self, ctx: &egui::Context, path: PathBuf) {
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
            let _ = tx.send(Job::Opened { path, result });
            ctx.request_repaint();
        });
    }

    fn start_save(&mut self, ctx: &egui::Context, path: PathBuf) {
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

    fn start_export(&mut self, ctx: &egui::Context, format: Format, path: PathBuf) {
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
    fn start_pick(&mut self, ctx: &egui::Context, purpose: Purpose) {
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

    fn current_dir(&self) -> Option<PathBuf> {
        let doc = self.doc.as_ref()?;
        match &doc.origin {
            Origin::Annotated(p) | Origin::RawDump(p) => p.parent().map(Path::to_path_buf),
            Origin::Unsaved => None,
        }
    }

    fn path_prompt(&self, purpose: Purpose, message: Option<String>) -> Dialog {
        let lang = self.lang();
        let text = match (purpose, &self.doc) {
            (Purpose::Open, _) | (_, None) => String::new(),
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

    fn receive_jobs(&mut self, ctx: &egui::Context) {
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
                            self.set_document(*doc);
                        }
                        Err(e) => self.dialog = Some(Dialog::Error(e)),
                    }
                }
                Job::Picked { purpose, path, took } => match path {
                    Some(path) => self.after_pick(ctx, purpose, path),
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
            }
        }
    }

    fn after_pick(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.actions.push(Action::OpenPath(path)),
            Purpose::SaveAs => self.start_save(ctx, with_extension_if_missing(path, "ron")),
            Purpose::Export(format) => {
                self.start_export(ctx, format, with_extension_if_missing(path, format.extension()))
            }
        }
    }

    /// Makes `doc` the open issue.
    pub fn set_document(&mut self, doc: Document) {
        self.release_lock();
        if let Origin::Annotated(path) = &doc.origin {
            match crate::lock::held_by_other(path) {
                Some(holder) => self.dialog = Some(Dialog::Locked { path: path.clone(), holder }),
                None => {
                    let _ = crate::lock::acquire(path);
                }
            }
        }
        self.autosaved_generation = doc.history.generation;
        self.doc = Some(doc);
        self.selected = 0;
        self.selected_line = None;
        self.selected_flag = None;
        self.inspector = inspector::Buffers::default();
        self.filter = ListFilter::default();
    }

    // ---- actions -------------------------------------------------------------------

    fn run_actions(&mut self, ctx: &egui::Context) {
        let actions = std::mem::take(&mut self.actions);
        for action in actions {
            self.run_action(ctx, action);
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
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
            Action::Undo => {
                if let Some(sel) = self.doc.as_mut().and_then(Document::undo) {
                    self.selected = sel;
                    self.changed();
                }
            }
            Action::Redo => {
                if let Some(sel) = self.doc.as_mut().and_then(Document::redo) {
                    self.selected = sel;
                    self.changed();
                }
            }
            Action::SplitAt(line) => {
                self.inspector_commit_pending();
                let Some(doc) = &mut self.doc else { return };
                match doc.split(self.selected, line) {
                    Ok(edit) => {
                        self.selected = doc.apply(edit);
                        self.selected_line = None;
                        self.changed();
                    }
                    Err(e) => self.status = Some(e.to_string()),
                }
            }
            Action::MergeNext | Action::MergePrevious => {
                self.inspector_commit_pending();
                let Some(doc) = &mut self.doc else { return };
                let index =
                    if action == Action::MergeNext { Some(self.selected) } else { self.selected.checked_sub(1) };
                match index.ok_or(crate::document::EditError::NothingToMerge).and_then(|i| doc.merge_with_next(i)) {
                    Ok(edit) => {
                        self.selected = doc.apply(edit);
                        self.changed();
                    }
                    Err(e) => self.status = Some(e.to_string()),
                }
            }
            Action::AcceptAndReview => {
                self.inspector_commit_pending();
                let Some(doc) = &mut self.doc else { return };
                if let Ok(Some(edit)) = doc.accept_and_review(self.selected) {
                    doc.apply(edit);
                    self.changed();
                }
                if let Some(next) = self.doc.as_ref().and_then(|d| d.next_unreviewed(self.selected)) {
                    self.selected = next;
                    self.scroll_list = true;
                }
            }
            Action::NextUnreviewed => {
                self.inspector_commit_pending();
                if let Some(next) = self.doc.as_ref().and_then(|d| d.next_unreviewed(self.selected)) {
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
            Action::GoToLine(line) => {
                self.selected_line = Some(line);
                self.scroll_source_to = Some(line);
            }
        }
        let _ = lang;
    }

    /// Runs one article command on the selected article and records it.
    fn apply_with(
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
    fn changed(&mut self) {
        self.last_change = Instant::now();
        self.inspector.invalidate();
        if let Some(doc) = &self.doc {
            let n = doc.issue.articles.len();
            if n > 0 && self.selected >= n {
                self.selected = n - 1;
            }
        }
    }

    /// Gives back the edit lock of the open issue, if it has one.
    fn release_lock(&self) {
        if let Some(Origin::Annotated(path)) = self.doc.as_ref().map(|d| &d.origin) {
            crate::lock::release(path);
        }
    }

    /// True when an open or quit would lose work the editor has not saved or discarded.
    fn unsaved_work(&self) -> bool {
        self.doc.as_ref().is_some_and(Document::is_dirty) && !self.discard_confirmed
    }

    fn discard_recovery(&mut self) {
        if let (Some(store), Some(doc)) = (&self.recovery, &self.doc) {
            store.discard(&doc.issue);
        }
    }

    /// Commits any field the editor typed into but did not leave yet.
    fn inspector_commit_pending(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        if let Some(edit) = self.inspector.commit(doc, self.selected) {
            self.selected = doc.apply(edit);
            self.changed();
        }
    }

    // ---- every frame ---------------------------------------------------------------------

    fn autosave(&mut self, ctx: &egui::Context) {
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

    /// Drag and drop: the first dropped file is opened.
    fn handle_drops(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.actions.push(Action::OpenPath(path));
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.unsaved_work() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::ConfirmDiscard { then: Box::new(Action::Quit) });
            } else {
                self.discard_recovery();
                self.release_lock();
            }
        }
    }

    fn apply_preferences(&mut self, ctx: &egui::Context) {
        let zoom = ctx.zoom_factor();
        if self.applied_zoom == 0.0 {
            ctx.set_zoom_factor(self.settings.zoom);
            self.applied_zoom = self.settings.zoom;
        } else if (zoom - self.applied_zoom).abs() > f32::EPSILON {
            // Changed with Ctrl +/−/0 (egui's own zoom keys): remember it.
            self.settings.zoom = zoom;
            self.applied_zoom = zoom;
        }
    }

    fn title(&self) -> String {
        match &self.doc {
            Some(doc) => format!("{}{} — Jianbao 剪报", if doc.is_dirty() { "● " } else { "" }, doc.display_name()),
            None => "Jianbao 剪报".to_string(),
        }
    }
}

/// The keyboard map, shared by the handler and the F1 help.
pub struct Shortcut {
    pub keys: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

pub const KEYMAP: &[Shortcut] = &[
    Shortcut { keys: "Alt+↓  (or ↓ / J outside a text field)", en: "Next article", zh: "下一篇" },
    Shortcut { keys: "Alt+↑  (or ↑ / K outside a text field)", en: "Previous article", zh: "上一篇" },
    Shortcut { keys: "Alt+N  (or N outside a text field)", en: "Next unreviewed article", zh: "下一篇未审" },
    Shortcut {
        keys: "Ctrl+Enter",
        en: "Accept detected values, mark reviewed, go to the next unreviewed",
        zh: "接受检测结果、标为已审并转到下一篇未审",
    },
    Shortcut {
        keys: "Ctrl+1 / Ctrl+2 / Ctrl+3",
        en: "Focus headline / byline / section",
        zh: "定位到主题 / 署名 / 栏目",
    },
    Shortcut { keys: "Ctrl+F", en: "Search headlines and text", zh: "搜索标题和正文" },
    Shortcut { keys: "Ctrl+Z", en: "Undo (in a text field: undo typing)", zh: "撤销（文本框内撤销输入）" },
    Shortcut { keys: "Ctrl+Shift+Z / Ctrl+Y", en: "Redo", zh: "重做" },
    Shortcut {
        keys: "Alt+S", en: "Split the article at the selected source line", zh: "在所选原文行处拆分稿件"
    },
    Shortcut {
        keys: "Alt+M / Alt+Shift+M", en: "Merge with the next / previous article", zh: "与下一篇 / 上一篇合并"
    },
    Shortcut { keys: "Ctrl+S / Ctrl+Shift+S", en: "Save / Save as", zh: "保存 / 另存为" },
    Shortcut { keys: "Ctrl+O", en: "Open an issue", zh: "打开报纸" },
    Shortcut { keys: "Ctrl+E", en: "Export as JSON", zh: "导出为 JSON" },
    Shortcut {
        keys: "Ctrl+= / Ctrl+- / Ctrl+0",
        en: "Text size larger / smaller / reset",
        zh: "放大 / 缩小 / 还原字号",
    },
    Shortcut { keys: "F1  (or ? outside a text field)", en: "This keyboard map", zh: "快捷键一览" },
];

impl JianbaoApp {
    /// Keyboard shortcuts. Those with Ctrl/Alt never insert text, so they work while a
    /// field has focus; bare keys (J, K, N, ?, arrows) only when no text field has focus,
    /// and Ctrl+Z is the field's own undo while typing: a shortcut never eats typing.
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut as S, Modifiers as M};
        let typing = ctx.text_edit_focused();
        let modal = self.dialog.is_some();
        let act = |a: Action, list: &mut Vec<Action>| list.push(a);
        let mut list = Vec::new();
        ctx.input_mut(|i| {
            let shift_cmd = M::COMMAND | M::SHIFT;
            if i.consume_shortcut(&S::new(shift_cmd, Key::S)) {
                act(Action::SaveAs, &mut list);
            }
            if i.consume_shortcut(&S::new(M::COMMAND, Key::S)) {
                act(Action::Save, &mut list);
            }
            if i.consume_shortcut(&S::new(M::COMMAND, Key::O)) {
                act(Action::Open, &mut list);
            }
            if i.consume_shortcut(&S::new(M::COMMAND, Key::E)) {
                act(Action::Export(Format::Json), &mut list);
            }
            if i.consume_shortcut(&S::new(M::NONE, Key::F1)) || (!typing && i.consume_key(M::SHIFT, Key::Questionmark))
            {
                self.show_help = !self.show_help;
            }
            if modal {
                return;
            }
            if i.consume_shortcut(&S::new(M::COMMAND, Key::Enter)) {
                act(Action::AcceptAndReview, &mut list);
            }
            if i.consume_shortcut(&S::new(M::COMMAND, Key::F)) {
                self.focus_search = true;
            }
            for (key, field) in [
                (Key::Num1, FieldName::Headline),
                (Key::Num2, FieldName::Contributors),
                (Key::Num3, FieldName::Section),
            ] {
                if i.consume_shortcut(&S::new(M::COMMAND, key)) {
                    self.focus_field = Some(field);
                }
            }
            if !typing {
                if i.consume_shortcut(&S::new(shift_cmd, Key::Z)) || i.consume_shortcut(&S::new(M::COMMAND, Key::Y)) {
                    act(Action::Redo, &mut list);
                }
                if i.consume_shortcut(&S::new(M::COMMAND, Key::Z)) {
                    act(Action::Undo, &mut list);
                }
            }
            let next = i.consume_shortcut(&S::new(M::ALT, Key::ArrowDown))
                || (!typing && (i.consume_key(M::NONE, Key::ArrowDown) || i.consume_key(M::NONE, Key::J)));
            let prev = i.consume_shortcut(&S::new(M::ALT, Key::ArrowUp))
                || (!typing && (i.consume_key(M::NONE, Key::ArrowUp) || i.consume_key(M::NONE, Key::K)));
            if next {
                act(Action::Select(self.selected + 1), &mut list);
            }
            if prev {
                act(Action::Select(self.selected.saturating_sub(1)), &mut list);
            }
            if i.consume_shortcut(&S::new(M::ALT, Key::N)) || (!typing && i.consume_key(M::NONE, Key::N)) {
                act(Action::NextUnreviewed, &mut list);
            }
            if i.consume_shortcut(&S::new(M::ALT, Key::S)) {
                if let Some(line) = self.selected_line {
                    act(Action::SplitAt(line), &mut list);
                }
            }
            if i.consume_shortcut(&S::new(M::ALT | M::SHIFT, Key::M)) {
                act(Action::MergePrevious, &mut list);
            }
            if i.consume_shortcut(&S::new(M::ALT, Key::M)) {
                act(Action::MergeNext, &mut list);
            }
        });
        self.actions.extend(list);
    }
}

impl eframe::App for JianbaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        if self.frames == 1 {
            trace("first frame");
        }
        self.receive_jobs(&ctx);
        self.apply_preferences(&ctx);
        self.handle_close_request(&ctx);
        self.handle_drops(&ctx);
        self.handle_shortcuts(&ctx);
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }

        egui::Panel::top("menu").show(ui, |ui| dialogs::menu_bar(self, ui));
        egui::Panel::bottom("status").show(ui, |ui| dialogs::status_bar(self, ui));
        if self.doc.is_some() {
            egui::Panel::left("articles")
                .resizable(true)
                .default_size(320.0)
                .size_range(200.0..=700.0)
                .show(ui, |ui| list::article_list(self, ui));
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(380.0)
                .size_range(260.0..=800.0)
                .show(ui, |ui| inspector::inspector(self, ui));
            egui::CentralPanel::default().show(ui, |ui| source_view::source_view(self, ui));
        } else {
            egui::CentralPanel::default().show(ui, |ui| dialogs::welcome(self, ui));
        }
        dialogs::dialogs(self, &ctx);
        if self.show_help {
            dialogs::help(self, &ctx);
        }
        self.run_actions(&ctx);
        self.autosave(&ctx);
        if self.busy.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
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

fn with_extension_if_missing(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(ext)
    }
}

/// The application icon (the same one the desktop entry installs).
pub fn window_icon() -> egui::IconData {
    const PNG: &[u8] = include_bytes!("../../packaging/icons/hicolor/256x256/apps/jianbao.png");
    eframe::icon_data::from_png_bytes(PNG).unwrap_or_default()
}

/// Starts the window; `open` is the issue given on the command line.
pub fn run(open: Option<PathBuf>) -> std::process::ExitCode {
    STARTED.get_or_init(Instant::now);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Jianbao 剪报")
            .with_app_id("jianbao")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true)
            .with_icon(window_icon()),
        ..Default::default()
    };
    let recovery_dir = eframe::storage_dir("jianbao").map(|d| d.join("recovery"));
    let result = eframe::run_native(
        "jianbao",
        options,
        Box::new(move |cc| {
            let start = StartOptions { open, recovery_dir, lang: None, native_dialogs: true, autosave_idle: None };
            Ok(Box::new(JianbaoApp::new(&cc.egui_ctx, cc.storage, start)))
        }),
    );
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jianbao: the window could not start: {e}");
            std::process::ExitCode::from(1)
        }
    }
}
