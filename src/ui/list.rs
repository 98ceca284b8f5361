//! The left pane: the issue's articles, filtered and searched.

use eframe::egui;
use egui::{Color32, RichText};

use super::i18n::{self, Lang};
use super::{Action, JianbaoApp, ListFilter};
use crate::model::{Article, Genre, Review};

/// Does the article pass the filters? Search looks in headline, deck, kicker and text.
pub fn matches(a: &Article, f: &ListFilter) -> bool {
    if f.review.is_some_and(|r| a.review != r) {
        return false;
    }
    if f.genre.is_some_and(|g| *a.genre.value() != g) {
        return false;
    }
    if f.flagged_only && a.open_flags() == 0 {
        return false;
    }
    let q = f.search.trim();
    if q.is_empty() {
        return true;
    }
    let in_opt = |v: &Option<String>| v.as_deref().is_some_and(|s| s.contains(q));
    in_opt(a.headline.value())
        || in_opt(a.deck.value())
        || in_opt(a.kicker.value())
        || a.body().iter().any(|p| p.text.contains(q))
        || a.contributors.value().iter().any(|c| c.name.contains(q))
}

/// The headline to show, or a placeholder for headline-less items (briefs, photos).
pub fn title(a: &Article, lang: Lang) -> String {
    match a.headline.value() {
        // A row shows a line; a runaway headline is cut before it is copied.
        Some(h) => super::cut(h, 200).into_owned(),
        None => {
            let start: String = a.body().first().map(|p| p.text.chars().take(18).collect()).unwrap_or_default();
            format!("{}{start}…", lang.t("(no headline) ", "（无标题）"))
        }
    }
}

fn review_mark(r: Review) -> (&'static str, Color32) {
    match r {
        Review::Unreviewed => ("○", Color32::GRAY),
        Review::Reviewed => ("✓", Color32::from_rgb(0x20, 0x90, 0x40)),
        Review::NeedsWork => ("◐", Color32::from_rgb(0xd0, 0x60, 0x10)),
    }
}

pub fn article_list(app: &mut JianbaoApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    ui.horizontal(|ui| {
        let l = ui.label(lang.t("Search", "搜索"));
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut app.filter.search)
                    .desired_width(f32::INFINITY)
                    .hint_text(lang.t("Enter: next hit", "回车：下一处")),
            )
            .labelled_by(l.id);
        // Enter goes to the next article found and keeps the search box for the next Enter.
        if resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            app.push(Action::NextHit);
            app.focus_search = true;
        }
        if std::mem::take(&mut app.focus_search) {
            resp.request_focus();
        }
    });
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(lang.t("Show", "显示"));
        egui::ComboBox::from_id_salt("filter-review")
            .selected_text(app.filter.review.map_or(lang.t("all states", "全部状态"), |r| i18n::review(lang, r)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut app.filter.review, None, lang.t("all states", "全部状态"));
                for r in [Review::Unreviewed, Review::Reviewed, Review::NeedsWork] {
                    ui.selectable_value(&mut app.filter.review, Some(r), i18n::review(lang, r));
                }
            })
            .response
            .labelled_by(l.id);
        egui::ComboBox::from_id_salt("filter-genre")
            .selected_text(app.filter.genre.map_or(lang.t("all genres", "全部体裁"), |g| i18n::genre(lang, g)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut app.filter.genre, None, lang.t("all genres", "全部体裁"));
                for g in Genre::ALL {
                    ui.selectable_value(&mut app.filter.genre, Some(g), i18n::genre(lang, g));
                }
            })
            .response
            .labelled_by(l.id);
        ui.checkbox(&mut app.filter.flagged_only, lang.t("flagged", "有标记"));
    });
    ui.separator();
    let Some(doc) = &app.doc else { return };
    let visible: Vec<usize> =
        doc.issue.articles.iter().enumerate().filter(|(_, a)| matches(a, &app.filter)).map(|(i, _)| i).collect();
    if visible.is_empty() {
        ui.label(RichText::new(lang.t("No article matches.", "没有符合条件的稿件。")).weak());
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut clicked = None;
    let selected = app.selected;
    let mut area = egui::ScrollArea::vertical().id_salt("article-list").auto_shrink([false, false]);
    // Keep the selected article in view when the keyboard moves the selection.
    if std::mem::take(&mut app.scroll_list) {
        if let Some(row) = visible.iter().position(|&i| i == selected) {
            let pitch = row_height + ui.spacing().item_spacing.y;
            let top = row as f32 * pitch;
            let view = ui.available_height();
            let id = ui.make_persistent_id(egui::IdSalt::new("article-list"));
            let offset = egui::scroll_area::State::load(ui.ctx(), id).map_or(0.0, |s| s.clamped_offset().y);
            if top < offset {
                area = area.vertical_scroll_offset(top);
            } else if top + pitch > offset + view {
                area = area.vertical_scroll_offset(top + pitch - view);
            }
        }
    }
    let wide = ui.available_width() > 260.0;
    area.show_rows(ui, row_height, visible.len(), |ui, range| {
        for &i in &visible[range] {
            let a = &doc.issue.articles[i];
            let (mark, color) = review_mark(a.review);
            let flags = a.open_flags();
            let mut job = egui::text::LayoutJob::default();
            let body = egui::TextFormat { color: ui.visuals().text_color(), ..Default::default() };
            let weak = egui::TextFormat { color: ui.visuals().weak_text_color(), ..Default::default() };
            job.append(&format!("{mark} "), 0.0, egui::TextFormat { color, ..Default::default() });
            job.append(&format!("{:>3} ", i + 1), 0.0, weak.clone());
            // Open flags before the headline, so truncation never hides them.
            let warn = egui::TextFormat { color: Color32::from_rgb(0xd0, 0x60, 0x10), ..Default::default() };
            job.append(&if flags > 0 { format!("⚠{flags} ") } else { "    ".to_string() }, 0.0, warn);
            // A narrow list keeps its room for the headline.
            if wide {
                job.append(&format!("[{}] ", i18n::genre(lang, *a.genre.value())), 0.0, weak.clone());
            }
            job.append(&title(a, lang), 0.0, body);
            // One line per row: the list is virtualised on a fixed row height.
            let button = egui::Button::selectable(i == selected, job).wrap_mode(egui::TextWrapMode::Truncate);
            let resp = ui.add(button.min_size(egui::vec2(ui.available_width(), row_height)));
            if resp.clicked() {
                clicked = Some(i);
            }
        }
    });
    if let Some(i) = clicked {
        app.push(Action::Select(i));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_search() {
        let issue = crate::detect_bytes(
            "# 县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开会议。\n\n## 县图书馆开展读书活动\n\n本报讯 县图书馆启动全民阅读活动。\n".as_bytes(),
            "t.md",
        )
        .unwrap();
        let f = ListFilter { search: "图书馆".into(), ..Default::default() };
        let hits: Vec<bool> = issue.articles.iter().map(|a| matches(a, &f)).collect();
        assert_eq!(hits, [false, true]);
        let f = ListFilter { search: "李明".into(), ..Default::default() };
        assert!(matches(&issue.articles[0], &f));
        let f = ListFilter { review: Some(Review::Reviewed), ..Default::default() };
        assert!(!matches(&issue.articles[0], &f));
    }
}
