//! The archive view: an archive folder's issues by date with their review progress,
//! and a search over every article of the archive. Choosing an issue or a hit opens
//! it (at that article). Indexing runs in the background with its progress shown.

use eframe::egui;
use egui::RichText;

use super::{Action, JianbaoApp};

pub fn archive_window(app: &mut JianbaoApp, ctx: &egui::Context) {
    let lang = app.lang();
    let Some(view) = app.archive.as_mut() else { return };
    if !view.shown {
        return;
    }
    let mut actions = Vec::new();
    let mut shown = true;
    let title = format!("{} — {}", lang.t("Archive", "档案"), view.root.display());
    egui::Window::new(title)
        .id(egui::Id::unique("archive-view"))
        .open(&mut shown)
        .default_size([720.0, 520.0])
        .default_pos([60.0, 60.0])
        .resizable(true)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let l = ui.label(lang.t("Search the archive", "搜索档案"));
                let resp = ui
                    .add(
                        egui::TextEdit::singleline(&mut view.query)
                            .desired_width(360.0)
                            .hint_text(lang.t("words, \"a phrase\", person:张三 …", "词语、\"短语\"、person:张三 …")),
                    )
                    .labelled_by(l.id);
                let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button(lang.t("Search", "搜索")).clicked() || enter {
                    actions.push(Action::ArchiveSearch);
                }
            });
            if view.indexing {
                ui.horizontal(|ui| {
                    ui.spinner();
                    let done = view.progress.0.load(std::sync::atomic::Ordering::Relaxed);
                    let total = view.progress.1.load(std::sync::atomic::Ordering::Relaxed);
                    ui.label(format!("{} {done} / {total}", lang.t("Indexing", "正在建索引")));
                });
            }
            if let Some(m) = &view.message {
                ui.label(RichText::new(m.as_str()).weak());
            }
            ui.separator();
            if !view.hits.is_empty() {
                ui.label(RichText::new(lang.t("Found", "搜索结果")).strong());
                egui::ScrollArea::vertical().id_salt("archive-hits").max_height(220.0).show(ui, |ui| {
                    for h in &view.hits {
                        let head = if h.headline.is_empty() {
                            lang.t("(no headline)", "（无标题）")
                        } else {
                            &h.headline
                        };
                        let label = format!(
                            "{}  {}  {}\n{}",
                            h.date.as_deref().unwrap_or("----------"),
                            h.page.map_or(String::new(), |p| format!("p{p}")),
                            super::cut(head, 80),
                            super::cut(&h.snippet, 120)
                        );
                        if ui.add(egui::Button::new(label).wrap()).on_hover_text(&h.file).clicked() {
                            actions.push(Action::OpenHit { file: view.root.join(&h.file), article: h.id.clone() });
                        }
                    }
                });
                ui.separator();
            }
            ui.label(RichText::new(format!("{} ({})", lang.t("Issues", "各期"), view.issues.len())).strong());
            let row = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
            egui::ScrollArea::vertical().id_salt("archive-issues").show_rows(
                ui,
                row,
                view.issues.len(),
                |ui, range| {
                    for issue in &view.issues[range] {
                        let label = format!(
                            "{}  {}  {} {}/{}  ⚠{}",
                            issue.date.as_deref().unwrap_or("----------"),
                            issue.file,
                            lang.t("reviewed", "已审"),
                            issue.reviewed,
                            issue.articles,
                            issue.open_flags
                        );
                        if ui.add(egui::Button::new(label).truncate()).clicked() {
                            actions.push(Action::OpenPath(view.root.join(&issue.file)));
                        }
                    }
                },
            );
        });
    view.shown = shown;
    for a in actions {
        app.push(a);
    }
}
