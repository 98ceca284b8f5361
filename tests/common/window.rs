//! Helpers of the tests that drive the window (egui_kittest).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use jianbao::ui::i18n::Lang;
use jianbao::ui::{JianbaoApp, StartOptions};

/// The bundled sample issue, copied into `dir` as `yunxi.md`.
pub fn sample_in(dir: &Path) -> PathBuf {
    let path = dir.join("yunxi.md");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/yunxi-county-news.md"), &path).unwrap();
    path
}

/// The window of `size`, opening `open`, its recovery files in `recovery`.
pub fn start_window(
    open: Option<PathBuf>,
    recovery: &Path,
    lang: Lang,
    size: egui::Vec2,
) -> Harness<'static, JianbaoApp> {
    let options = StartOptions {
        open,
        recovery_dir: Some(recovery.to_path_buf()),
        lang: Some(lang),
        native_dialogs: false,
        autosave_idle: Some(Duration::ZERO),
    };
    Harness::builder().with_size(size).build_eframe(move |cc| JianbaoApp::new(&cc.egui_ctx, None, options))
}

/// Steps the window until `done` holds (work runs on threads), or fails after a while.
pub fn wait_until(h: &mut Harness<'static, JianbaoApp>, what: &str, done: impl Fn(&JianbaoApp) -> bool) {
    let started = Instant::now();
    while !done(h.state()) {
        assert!(started.elapsed() < Duration::from_secs(20), "timed out waiting for: {what}");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_steps(2);
}

pub fn opened(h: &mut Harness<'static, JianbaoApp>) {
    wait_until(h, "the issue to open", |app| app.doc.is_some() && !app.is_busy());
}

pub fn article(app: &JianbaoApp, i: usize) -> &jianbao::model::Article {
    &app.doc.as_ref().unwrap().issue.articles[i]
}

/// Replaces the text of the field labelled `label` and leaves it with Enter.
pub fn retype(h: &mut Harness<'static, JianbaoApp>, label: &str, text: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, label).focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, label).type_text(text);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
}
