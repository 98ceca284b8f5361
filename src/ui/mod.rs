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
pub mod keymap;
mod list;
mod source_view;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::{Duration, Instant};

use eframe::egui;
use egui::RichText;
use serde::{Deserialize, Serialize};

use crate::document::{Document, Edit, FieldName, Origin};
use crate::export::Format;
use crate::fields::FieldValue;
use crate::model::{Genre, Review};
use crate::recovery::{Recovery, RecoveryStore};
use crate::taxonomy::Section;
use i18n::Lang;
use keymap::Command;

/// How long the editor must be idle before the recovery file is written.
const AUTOSAVE_IDLE: Duration = Duration::from_secs(3);
const RECENT_MAX: usize = 10;
/// How long a status message stays in the status bar.
pub const STATUS_SHOWN: Duration = Duration::from_secs(8);
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
    /// The body text as the editor typed it in the middle pane.
    SetBody(String),
    /// Open the body text of the selected article for correction.
    EditBody,
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

/// Below this width the metadata is a tab beside the text instead of a third pane.
pub const WIDE_LAYOUT: f32 = 1100.0;

/// What a narrow window shows beside the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NarrowTab {
    #[default]
    Text,
    Metadata,
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
    /// The body text being corrected in the middle pane.
    pub body_edit: Option<source_view::BodyEdit>,
    pub(crate) start_body_edit: bool,
    pub narrow_tab: NarrowTab,
    /// How long a status message stays ([`STATUS_SHOWN`]; tests shorten it).
    pub status_shown: Duration,
    /// The status message as first shown, and when: it goes after [`STATUS_SHOWN`].
    status_since: Option<(String, Instant)>,
    applied_zoom: f32,
}

impl JianbaoApp {
    /// Builds the app; `storage` holds the settings of earlier runs.
    pub fn new(ctx: &egui::Context, storage: Option<&dyn eframe::Storage>, options: StartOptions) -> JianbaoApp {
        fonts::install(ctx);
        // Zoom keys come from the keymap table like every other key.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
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
            body_edit: None,
            start_body_edit: false,
            status_since: None,
            narrow_tab: NarrowTab::default(),
            status_shown: STATUS_SHOWN,
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

    /// What the file chooser returned: carries out what it was opened for.
    pub fn picked(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.actions.push(Action::OpenPath(path)),
            Purpose::SaveAs => self.start_save(ctx, with_extension_if_missing(path, "ron")),
            // A folder format (NITF) writes into the folder chosen, as chosen.
            Purpose::Export(format) if format.is_folder() => self.start_export(ctx, format, path),
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
                let what = self.doc.as_ref().and_then(|d| d.history.undo_edit()).map(|e| e.describe());
                if let Some(sel) = self.doc.as_mut().and_then(Document::undo) {
                    self.selected = sel;
                    self.changed();
                    if let Some((en, zh)) = what {
                        self.status = Some(format!("{} {}", lang.t("Undone:", "已撤销："), lang.pick(en, zh)));
                    }
                }
            }
            Action::Redo => {
                let what = self.doc.as_ref().and_then(|d| d.history.redo_edit()).map(|e| e.describe());
                if let Some(sel) = self.doc.as_mut().and_then(Document::redo) {
                    self.selected = sel;
                    self.changed();
                    if let Some((en, zh)) = what {
                        self.status = Some(format!("{} {}", lang.t("Redone:", "已重做："), lang.pick(en, zh)));
                    }
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

    /// The articles the list shows (the filters and search applied), in issue order.
    pub fn shown_articles(&self) -> Vec<usize> {
        let Some(doc) = &self.doc else { return Vec::new() };
        doc.issue.articles.iter().enumerate().filter(|(_, a)| list::matches(a, &self.filter)).map(|(i, _)| i).collect()
    }

    /// The shown article after (or before) the selected one; `wrap` goes round the ends.
    fn step(&self, forward: bool, wrap: bool) -> Option<usize> {
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
    fn next_unreviewed_shown(&self) -> Option<usize> {
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
    fn first_hit_line(&self) -> Option<u32> {
        let q = self.filter.search.trim();
        let doc = self.doc.as_ref()?;
        let a = doc.issue.articles.get(self.selected)?;
        if q.is_empty() {
            return None;
        }
        (a.lines.first..=a.lines.last).find(|&l| doc.source.line(l).contains(q))
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

    /// Commits any field (or body text) the editor typed into but did not leave yet.
    fn inspector_commit_pending(&mut self) {
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

    /// The three panes on a wide screen; on a narrow one (a laptop at 800–1100 px) the list
    /// and one of text / metadata, switched by tabs (F6), so no pane covers another.
    fn panes(&mut self, ui: &mut egui::Ui) {
        let width = ui.ctx().content_rect().width();
        let wide = width >= WIDE_LAYOUT;
        // Side panels never take the middle pane below its minimum.
        let list_max = (width * 0.3).max(180.0);
        egui::Panel::left("articles")
            .resizable(true)
            .default_size((width * 0.22).clamp(180.0, 360.0))
            .size_range(180.0..=list_max)
            .show(ui, |ui| list::article_list(self, ui));
        if wide {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size((width * 0.27).clamp(280.0, 480.0))
                .size_range(260.0..=(width * 0.35).max(260.0))
                .show(ui, |ui| inspector::inspector(self, ui));
            egui::CentralPanel::default().show(ui, |ui| source_view::source_view(self, ui));
            return;
        }
        // A field focused by its key, or the text opened for correction, brings its tab forward.
        if self.focus_field.is_some() {
            self.narrow_tab = NarrowTab::Metadata;
        }
        if self.start_body_edit {
            self.narrow_tab = NarrowTab::Text;
        }
        let lang = self.lang();
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut self.narrow_tab, NarrowTab::Text, lang.t("Source and text", "原文与正文"));
                ui.selectable_value(&mut self.narrow_tab, NarrowTab::Metadata, lang.t("Metadata", "元数据"));
                ui.label(RichText::new("F6").weak());
            });
            ui.separator();
            match self.narrow_tab {
                NarrowTab::Text => source_view::source_view(self, ui),
                NarrowTab::Metadata => inspector::inspector(self, ui),
            }
        });
    }

    /// A status message is news: it goes once it has been read (a few seconds).
    fn expire_status(&mut self, ctx: &egui::Context) {
        let Some(message) = &self.status else {
            self.status_since = None;
            return;
        };
        match &self.status_since {
            Some((shown, since)) if shown == message => {
                if since.elapsed() >= self.status_shown {
                    self.status = None;
                    self.status_since = None;
                } else {
                    ctx.request_repaint_after(self.status_shown - since.elapsed());
                }
            }
            _ => {
                self.status_since = Some((message.clone(), Instant::now()));
                ctx.request_repaint_after(self.status_shown);
            }
        }
    }

    fn title(&self) -> String {
        match &self.doc {
            Some(doc) => format!("{}{} — Jianbao 剪报", if doc.is_dirty() { "● " } else { "" }, doc.display_name()),
            None => "Jianbao 剪报".to_string(),
        }
    }
}

impl JianbaoApp {
    /// Keyboard shortcuts, from the one keymap table (see [`keymap::pressed`]).
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        for command in keymap::pressed(ctx, self.dialog.is_some() || self.show_help) {
            self.run_command(ctx, command);
        }
    }

    /// What a command of the keymap (a key, or a menu item) does.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        let action = match command {
            Command::NextArticle => Action::Next,
            Command::PreviousArticle => Action::Previous,
            Command::NextUnreviewed => Action::NextUnreviewed,
            Command::AcceptAndReview => Action::AcceptAndReview,
            Command::FocusHeadline | Command::FocusByline | Command::FocusSection => {
                self.focus_field = Some(match command {
                    Command::FocusHeadline => FieldName::Headline,
                    Command::FocusByline => FieldName::Contributors,
                    _ => FieldName::Section,
                });
                return;
            }
            Command::CorrectText => Action::EditBody,
            Command::Search => {
                self.focus_search = true;
                return;
            }
            Command::Undo => Action::Undo,
            Command::Redo => Action::Redo,
            Command::Split => match self.selected_line {
                Some(line) => Action::SplitAt(line),
                None => {
                    let lang = self.lang();
                    Action::Status(lang.t("Click a source line first", "先点击一行原文").to_string())
                }
            },
            Command::MergeNext => Action::MergeNext,
            Command::MergePrevious => Action::MergePrevious,
            Command::Save => Action::Save,
            Command::SaveAs => Action::SaveAs,
            Command::Open => Action::Open,
            Command::ExportJson => Action::Export(Format::Json),
            Command::ZoomIn | Command::ZoomOut | Command::ZoomReset => {
                let zoom = match command {
                    Command::ZoomIn => ctx.zoom_factor() + 0.1,
                    Command::ZoomOut => ctx.zoom_factor() - 0.1,
                    _ => 1.0,
                };
                ctx.set_zoom_factor(zoom.clamp(0.5, 3.0));
                return;
            }
            Command::Help => {
                self.show_help = !self.show_help;
                return;
            }
            Command::SwitchPane => {
                self.narrow_tab = match self.narrow_tab {
                    NarrowTab::Text => NarrowTab::Metadata,
                    NarrowTab::Metadata => NarrowTab::Text,
                };
                return;
            }
        };
        self.actions.push(action);
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
            self.panes(ui);
        } else {
            egui::CentralPanel::default().show(ui, |ui| dialogs::welcome(self, ui));
        }
        dialogs::dialogs(self, &ctx);
        if self.show_help {
            dialogs::help(self, &ctx);
        }
        self.run_actions(&ctx);
        self.expire_status(&ctx);
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

/// The window's first size: `JIANBAO_WINDOW_SIZE=1366x768` (screenshots, small screens),
/// else 1400×900.
fn start_size() -> [f32; 2] {
    std::env::var("JIANBAO_WINDOW_SIZE")
        .ok()
        .and_then(|v| {
            let (w, h) = v.split_once('x')?;
            Some([w.trim().parse::<f32>().ok()?.max(800.0), h.trim().parse::<f32>().ok()?.max(500.0)])
        })
        .unwrap_or([1400.0, 900.0])
}

/// Starts the window; `open` is the issue given on the command line.
pub fn run(open: Option<PathBuf>) -> std::process::ExitCode {
    STARTED.get_or_init(Instant::now);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Jianbao 剪报")
            .with_app_id("jianbao")
            .with_inner_size(start_size())
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
