//! The middle pane: the article's source lines beside its cleaned text, with the
//! detected parts highlighted, and its flags with their explanation.

use eframe::egui;
use egui::{Color32, RichText};

use super::i18n::{self, Lang};
use super::{Action, JianbaoApp};
use crate::model::{Article, FlagKind, FlagStatus, LineSpan};

/// What a source line was detected as, for its highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Kicker,
    Headline,
    Deck,
    Byline,
    Dateline,
    Column,
    Subhead,
    Flagged,
    Plain,
}

fn mark_of(a: &Article, line: u32) -> Mark {
    let on = |ev: Option<LineSpan>| ev.is_some_and(|e| e.contains(line));
    if on(a.headline.evidence) {
        Mark::Headline
    } else if on(a.kicker.evidence) {
        Mark::Kicker
    } else if on(a.deck.evidence) {
        Mark::Deck
    } else if a.subheads.value().iter().any(|s| s.line == line) {
        Mark::Subhead
    } else if on(a.column.evidence) {
        Mark::Column
    } else if on(a.contributors.evidence) {
        Mark::Byline
    } else if on(a.dateline.evidence) {
        Mark::Dateline
    } else if a.flags.iter().any(|f| {
        // Normalised punctuation is routine: it does not colour whole articles.
        f.status == FlagStatus::Open && f.kind != FlagKind::HalfWidthPunctuation && f.lines.contains(line)
    }) {
        Mark::Flagged
    } else {
        Mark::Plain
    }
}

fn mark_color(m: Mark, dark: bool) -> Option<Color32> {
    let (light, dim) = match m {
        Mark::Headline => (Color32::from_rgb(0xfd, 0xe6, 0x8a), Color32::from_rgb(0x6b, 0x55, 0x10)),
        Mark::Kicker | Mark::Deck => (Color32::from_rgb(0xfe, 0xf3, 0xc7), Color32::from_rgb(0x55, 0x48, 0x18)),
        Mark::Byline => (Color32::from_rgb(0xd1, 0xfa, 0xe5), Color32::from_rgb(0x1c, 0x4d, 0x35)),
        Mark::Dateline => (Color32::from_rgb(0xdb, 0xea, 0xfe), Color32::from_rgb(0x1e, 0x3a, 0x5f)),
        Mark::Column | Mark::Subhead => (Color32::from_rgb(0xed, 0xe9, 0xfe), Color32::from_rgb(0x3b, 0x30, 0x64)),
        Mark::Flagged => (Color32::from_rgb(0xfe, 0xe2, 0xe2), Color32::from_rgb(0x5f, 0x1e, 0x1e)),
        Mark::Plain => return None,
    };
    Some(if dark { dim } else { light })
}

fn mark_name(m: Mark, lang: Lang) -> &'static str {
    match m {
        Mark::Kicker => lang.t("kicker", "引题"),
        Mark::Headline => lang.t("headline", "主题"),
        Mark::Deck => lang.t("deck", "副题"),
        Mark::Byline => lang.t("byline", "署名"),
        Mark::Dateline => lang.t("dateline", "电头"),
        Mark::Column => lang.t("column", "专栏"),
        Mark::Subhead => lang.t("subhead", "小标题"),
        Mark::Flagged => lang.t("flagged", "有标记"),
        Mark::Plain => "",
    }
}

pub fn source_view(app: &mut JianbaoApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    let dark = ui.visuals().dark_mode;
    let Some(doc) = &app.doc else { return };
    let Some(a) = doc.issue.articles.get(app.selected) else {
        ui.label(lang.t("This issue has no articles.", "这份报纸没有稿件。"));
        return;
    };
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(super::list::title(a, lang));
    });
    ui.horizontal_wrapped(|ui| {
        if let Some(name) = &a.page_name {
            ui.label(
                RichText::new(format!(
                    "{} {} · {}",
                    lang.t("page", "版"),
                    a.page.map_or("?".into(), |p| p.to_string()),
                    name
                ))
                .weak(),
            );
        }
        for m in [Mark::Headline, Mark::Deck, Mark::Byline, Mark::Dateline, Mark::Subhead, Mark::Flagged] {
            if let Some(c) = mark_color(m, dark) {
                ui.label(RichText::new(format!(" {} ", mark_name(m, lang))).background_color(c).small());
            }
        }
        let can_split = app.selected_line.is_some_and(|l| l > a.lines.first && l <= a.lines.last);
        if ui
            .add_enabled(
                can_split,
                egui::Button::new(lang.t("Split at selected line (Alt+S)", "在所选行拆分（Alt+S）")),
            )
            .on_disabled_hover_text(lang.t("Click a source line inside the article first", "先点击稿件内的一行原文"))
            .clicked()
        {
            if let Some(l) = app.selected_line {
                actions.push(Action::SplitAt(l));
            }
        }
        if ui.button(lang.t("Merge with next (Alt+M)", "与下一篇合并（Alt+M）")).clicked() {
            actions.push(Action::MergeNext);
        }
        if ui.button(lang.t("Merge with previous", "与上一篇合并")).clicked() {
            actions.push(Action::MergePrevious);
        }
    });
    ui.separator();

    let flags_height = if a.flags.is_empty() { 0.0 } else { (ui.available_height() * 0.3).clamp(80.0, 260.0) };
    let width = ui.available_width();
    let half = ((width - 60.0) / 2.0).max(120.0);
    ui.horizontal(|ui| {
        ui.add_sized([40.0, 0.0], egui::Label::new(RichText::new("#").weak()));
        ui.add_sized([half, 0.0], egui::Label::new(RichText::new(lang.t("Source", "原文")).strong()));
        ui.add_sized([half, 0.0], egui::Label::new(RichText::new(lang.t("Cleaned text", "整理后正文")).strong()));
    });
    let mut clicked_line = None;
    let mut scrolled = false;
    egui::ScrollArea::vertical()
        .id_salt(("source", &a.id))
        .auto_shrink([false, false])
        .max_height(ui.available_height() - flags_height)
        .show(ui, |ui| {
            for line in a.lines.first..=a.lines.last {
                let text = doc.source.line(line);
                let paragraph = a.paragraphs.iter().find(|p| p.lines.first == line);
                if text.trim().is_empty() && paragraph.is_none() {
                    continue;
                }
                let mark = mark_of(a, line);
                let selected = app.selected_line == Some(line);
                ui.horizontal_top(|ui| {
                    let num = RichText::new(format!("{line:>4}")).monospace().weak();
                    let num = if selected { num.strong().color(ui.visuals().selection.stroke.color) } else { num };
                    ui.add_sized([40.0, 0.0], egui::Label::new(num));
                    let mut rich = RichText::new(text.trim_end());
                    if let Some(c) = mark_color(mark, dark) {
                        rich = rich.background_color(c);
                    }
                    if selected {
                        rich = rich.underline();
                    }
                    let resp = ui
                        .allocate_ui(egui::vec2(half, 0.0), |ui| {
                            ui.set_width(half);
                            ui.add(egui::Label::new(rich).wrap().sense(egui::Sense::click()))
                        })
                        .inner;
                    let resp = if mark != Mark::Plain { resp.on_hover_text(mark_name(mark, lang)) } else { resp };
                    if resp.clicked() {
                        clicked_line = Some(line);
                    }
                    if app.scroll_source_to == Some(line) {
                        resp.scroll_to_me(Some(egui::Align::Center));
                        scrolled = true;
                    }
                    ui.allocate_ui(egui::vec2(half, 0.0), |ui| {
                        ui.set_width(half);
                        if let Some(p) = paragraph {
                            ui.add(egui::Label::new(&p.text).wrap());
                        }
                    });
                });
            }
        });
    if !a.flags.is_empty() {
        ui.separator();
        ui.label(RichText::new(format!("{} ({})", lang.t("Flags", "标记"), a.flags.len())).strong());
        egui::ScrollArea::vertical().id_salt(("flags", &a.id)).auto_shrink([false, true]).show(ui, |ui| {
            for (k, f) in a.flags.iter().enumerate() {
                let open = app.selected_flag == Some(k);
                let lines = if f.lines.first == f.lines.last {
                    format!("{}", f.lines.first)
                } else {
                    format!("{}–{}", f.lines.first, f.lines.last)
                };
                let label = format!(
                    "⚠ {} · {} {} · {}",
                    i18n::flag_kind(lang, f.kind),
                    lang.t("lines", "行"),
                    lines,
                    i18n::flag_status(lang, f.status)
                );
                let color = match f.status {
                    FlagStatus::Open => Color32::from_rgb(0xd0, 0x60, 0x10),
                    FlagStatus::Accepted => Color32::from_rgb(0x20, 0x90, 0x40),
                    FlagStatus::Rejected => Color32::GRAY,
                    FlagStatus::Fixed => Color32::from_rgb(0x20, 0x70, 0xb0),
                };
                if ui.selectable_label(open, RichText::new(label).color(color)).clicked() {
                    app.selected_flag = if open { None } else { Some(k) };
                }
                if open {
                    ui.indent(("flag", k), |ui| {
                        ui.label(&f.message);
                        ui.horizontal(|ui| {
                            if ui.button(lang.t("Accept", "接受")).clicked() {
                                actions.push(Action::SetFlag(k, FlagStatus::Accepted));
                            }
                            if ui.button(lang.t("Reject", "驳回")).clicked() {
                                actions.push(Action::SetFlag(k, FlagStatus::Rejected));
                            }
                            if f.status != FlagStatus::Open && ui.button(lang.t("Reopen", "重新待定")).clicked() {
                                actions.push(Action::SetFlag(k, FlagStatus::Open));
                            }
                        });
                    });
                }
            }
        });
    }
    if scrolled {
        app.scroll_source_to = None;
    }
    if let Some(l) = clicked_line {
        app.selected_line = if app.selected_line == Some(l) { None } else { Some(l) };
    }
    for action in actions {
        app.push(action);
    }
}
