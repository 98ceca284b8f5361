//! The workstation window: three panes over one open issue.
//!
//! The app is a plain struct of state ([`JianbaoApp`]); the functions in the
//! submodules draw it and return [`Action`]s; the actions are carried out
//! after drawing, through the engine's [`Document`] commands (every change
//! undoable). Opening, detecting, saving and the native file dialog run on
//! worker threads; the window keeps repainting.

mod actions;
mod archive;
mod dialogs;
pub mod fonts;
pub mod i18n;
mod inspector;
mod jobs;
pub mod keymap;
mod list;
mod source_view;

pub use actions::Action;
use jobs::Job;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::{Duration, Instant};

use eframe::egui;
use egui::RichText;
use serde::{Deserialize, Serialize};

use crate::document::{Document, FieldName, Origin};
use crate::export::Format;
use crate::model::{Genre, Review};
use crate::recovery::{Recovery, RecoveryStore};
use crate::taxonomy::Section;
use i18n::Lang;

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

/// What a file chooser (native or typed) is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
    Export(Format),
    /// An archive folder to open in the archive view.
    OpenArchive,
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
    /// What loading repaired in a hand-broken annotated issue.
    Repaired(String),
    Error(String),
}

/// `s` cut to `max` characters with an ellipsis and the count of the rest: a 21 MB
/// headline must not be laid out whole in a list row or a label every frame.
pub fn cut(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(s),
        Some((at, _)) => {
            let rest = s[at..].chars().count();
            std::borrow::Cow::Owned(format!("{}… (+{rest})", &s[..at]))
        }
    }
}

/// An archive folder as the window shows it: its issues with their review progress,
/// and a search over every article (the folder's index, kept in step in the background).
#[derive(Debug, Default)]
pub struct ArchiveView {
    pub root: PathBuf,
    pub issues: Vec<crate::index::IssueSummary>,
    pub query: String,
    pub hits: Vec<crate::index::Hit>,
    /// Files read of the files to index, while indexing runs.
    pub progress: std::sync::Arc<(std::sync::atomic::AtomicUsize, std::sync::atomic::AtomicUsize)>,
    pub indexing: bool,
    /// The last indexing's or search's outcome, in words.
    pub message: Option<String>,
    /// The view is shown (File ▸ Open Archive shows it; its window can be closed).
    pub shown: bool,
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
    /// The split or merge being worked out off the UI thread: its token and the
    /// document generation it was asked on (a result for another state is dropped).
    pending_edit: Option<(u64, u64)>,
    edit_tokens: u64,
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
    /// Where the source view of a long article starts (article id, line).
    pub(crate) source_from: Option<(String, u32)>,
    /// The body text being corrected in the middle pane.
    pub body_edit: Option<source_view::BodyEdit>,
    pub(crate) start_body_edit: bool,
    pub narrow_tab: NarrowTab,
    /// The archive folder opened with File ▸ Open Archive.
    pub archive: Option<ArchiveView>,
    /// The article to select once the issue being opened is there (a search hit's).
    pub(crate) pending_article: Option<String>,
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
            pending_edit: None,
            edit_tokens: 0,
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
            source_from: None,
            start_body_edit: false,
            status_since: None,
            narrow_tab: NarrowTab::default(),
            archive: None,
            pending_article: None,
            status_shown: STATUS_SHOWN,
            applied_zoom: 0.0,
        };
        if let Some(store) = &app.recovery {
            let found = store.list();
            if !found.is_empty() {
                app.dialog = Some(Dialog::Recover(found));
            }
        }
        match options.open {
            // `jianbao ARCHIVE_DIR` opens the archive view of that folder.
            Some(path) if path.is_dir() => app.actions.push(Action::OpenArchivePath(path)),
            Some(path) => app.start_open(ctx, path),
            None => {}
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
        self.busy.is_some() || self.pending_edit.is_some()
    }

    // ---- opening, saving, exporting --------------------------------------------------

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
        self.pending_edit = None;
        self.doc = Some(doc);
        self.selected = 0;
        self.selected_line = None;
        self.selected_flag = None;
        self.inspector = inspector::Buffers::default();
        self.filter = ListFilter::default();
    }

    // ---- actions -------------------------------------------------------------------

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

    // ---- every frame ---------------------------------------------------------------------

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
        archive::archive_window(self, &ctx);
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
