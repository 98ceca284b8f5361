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

/// Most source lines one frame lays out.
pub const SOURCE_WINDOW: u32 = 400;
/// Most flags the list below the source shows.
const FLAGS_SHOWN: usize = 300;
/// Longest source line or paragraph laid out whole (characters); longer ones are cut.
const LONGEST_LINE_SHOWN: usize = 5_000;
/// Longest body text the middle pane opens for editing (bytes).
pub const LONGEST_EDITABLE: usize = 200_000;

/// The lines of `span` shown: SOURCE_WINDOW of them from `from`, moved to hold `wanted`.
pub fn source_window(span: LineSpan, from: Option<u32>, wanted: Option<u32>) -> LineSpan {
    let size = SOURCE_WINDOW.saturating_sub(1);
    let mut first = from.unwrap_or(span.first).clamp(span.first, span.last);
    if let Some(w) = wanted {
        if w < first || w > first.saturating_add(size) {
            first = w.saturating_sub(SOURCE_WINDOW / 4).max(span.first);
        }
    }
    LineSpan { first, last: first.saturating_add(size).min(span.last) }
}

/// The cleaned text being corrected in the middle pane.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyEdit {
    pub article_id: String,
    /// Paragraphs between blank lines, as typed.
    pub text: String,
}

pub fn source_view(app: &mut JianbaoApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    let dark = ui.visuals().dark_mode;
    let mut body_edit = app.body_edit.take();
    let start_editing = std::mem::take(&mut app.start_body_edit);
    let Some(doc) = &app.doc else { return };
    let Some(a) = doc.issue.articles.get(app.selected) else {
        ui.label(lang.t("This issue has no articles.", "这份报纸没有稿件。"));
        return;
    };
    let mut actions = Vec::new();
    if body_edit.as_ref().is_some_and(|b| b.article_id != a.id) {
        body_edit = None;
    }
    let too_long = a.body().iter().map(|p| p.text.len()).sum::<usize>() > LONGEST_EDITABLE;
    if start_editing && body_edit.is_none() {
        if too_long {
            actions.push(Action::Status(
                lang.t("This text is too long to edit in the window.", "这篇正文太长，无法在窗口中编辑。").to_string(),
            ));
        } else {
            body_edit = Some(BodyEdit { article_id: a.id.clone(), text: crate::fields::typed_body(a.body()) });
        }
    }
    ui.horizontal(|ui| {
        ui.heading(super::cut(&super::list::title(a, lang), 200));
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
        if body_edit.is_none()
            && !too_long
            && ui.button(lang.t("Correct the text (Ctrl+T)", "改正文（Ctrl+T）")).clicked()
        {
            body_edit = Some(BodyEdit { article_id: a.id.clone(), text: crate::fields::typed_body(a.body()) });
        }
        if a.paragraphs_corrected.is_some() {
            ui.label(RichText::new(lang.t("text corrected", "正文已改")).color(Color32::from_rgb(0x20, 0x80, 0x40)));
            if ui.small_button(lang.t("revert text", "恢复检测正文")).clicked() {
                actions.push(Action::Revert(crate::fields::FieldName::Paragraphs));
                body_edit = None;
            }
        }
    });
    ui.separator();
    if let Some(edit) = &mut body_edit {
        let done = body_editor(ui, lang, doc, a, edit, &mut actions);
        app.body_edit = if done { None } else { body_edit };
        for action in actions {
            app.push(action);
        }
        return;
    }

    // A window of the article's lines: a frame never walks more than SOURCE_WINDOW lines,
    // however long the article (a dump with no headlines can be one 200,000-line span).
    let wanted = app.scroll_source_to.filter(|l| a.lines.contains(*l));
    let from = app.source_from.as_ref().filter(|(id, _)| *id == a.id).map(|(_, f)| *f);
    let window = source_window(a.lines, from, wanted);
    if wanted.is_some() && Some(window.first) != from {
        actions.push(Action::SourceFrom(window.first));
    }
    if window != a.lines {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} {}–{} {} {}–{}",
                lang.t("Showing lines", "显示第"),
                window.first,
                window.last,
                lang.t("of the article's", "行，稿件共"),
                a.lines.first,
                a.lines.last
            ));
            if ui.add_enabled(window.first > a.lines.first, egui::Button::new(lang.t("◀ earlier", "◀ 前面"))).clicked()
            {
                let from = window.first.saturating_sub(SOURCE_WINDOW).max(a.lines.first);
                actions.push(Action::SourceFrom(from));
            }
            if ui.add_enabled(window.last < a.lines.last, egui::Button::new(lang.t("later ▶", "后面 ▶"))).clicked()
            {
                actions.push(Action::SourceFrom(window.last + 1));
            }
        });
    }
    // Where each shown line's cleaned paragraph starts (the body is in line order).
    let body = a.body();
    let shown_body = {
        let start = body.partition_point(|p| p.lines.first < window.first);
        let end = body.partition_point(|p| p.lines.first <= window.last);
        &body[start..end]
    };
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
    let query = app.filter.search.trim();
    egui::ScrollArea::vertical()
        .id_salt(("source", &a.id))
        .auto_shrink([false, false])
        .max_height(ui.available_height() - flags_height)
        .show(ui, |ui| {
            for line in window.first..=window.last {
                let text = doc.source.line(line);
                let paragraph = shown_body.iter().find(|p| p.lines.first == line);
                if text.trim().is_empty() && paragraph.is_none() {
                    continue;
                }
                let mark = mark_of(a, line);
                let selected = app.selected_line == Some(line);
                ui.horizontal_top(|ui| {
                    let num = RichText::new(format!("{line:>4}")).monospace().weak();
                    let num = if selected { num.strong().color(ui.visuals().selection.stroke.color) } else { num };
                    ui.add_sized([40.0, 0.0], egui::Label::new(num));
                    let text = super::cut(text.trim_end(), LONGEST_LINE_SHOWN);
                    let text = text.as_ref();
                    let shown: egui::WidgetText = if !query.is_empty() && text.contains(query) {
                        highlighted(ui, text, query, mark_color(mark, dark), selected).into()
                    } else {
                        let mut rich = RichText::new(text);
                        if let Some(c) = mark_color(mark, dark) {
                            rich = rich.background_color(c);
                        }
                        if selected {
                            rich = rich.underline();
                        }
                        rich.into()
                    };
                    let resp = ui
                        .allocate_ui(egui::vec2(half, 0.0), |ui| {
                            ui.set_width(half);
                            ui.add(egui::Label::new(shown).wrap().sense(egui::Sense::click()))
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
                            ui.add(egui::Label::new(super::cut(&p.text, LONGEST_LINE_SHOWN)).wrap());
                        }
                    });
                });
            }
        });
    if !a.flags.is_empty() {
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{} ({})", lang.t("Flags", "标记"), a.flags.len())).strong());
            // A page wrapped at its column leaves a rejoined break at nearly every line:
            // read the paragraphs, then accept the joins together (one undo step).
            let open_joins =
                a.flags.iter().filter(|f| f.kind == FlagKind::BrokenParagraph && f.status == FlagStatus::Open).count();
            if open_joins >= 2
                && ui
                    .button(format!("{} ({open_joins})", lang.t("Accept all joins", "接受全部接行")))
                    .on_hover_text(lang.t(
                        "Accept every open rejoined break of this article; the text stays as shown",
                        "接受本篇所有待定的接行，正文保持现状",
                    ))
                    .clicked()
            {
                actions.push(Action::AcceptOpenFlags(FlagKind::BrokenParagraph));
            }
        });
        egui::ScrollArea::vertical().id_salt(("flags", &a.id)).auto_shrink([false, true]).show(ui, |ui| {
            // The first few hundred: a list an editor reads, bounded per frame.
            for (k, f) in a.flags.iter().enumerate().take(FLAGS_SHOWN) {
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

/// The body as editable text beside the article's source: paragraphs between blank lines.
/// Returns true when the editor is done (the text is committed as one undoable command).
fn body_editor(
    ui: &mut egui::Ui,
    lang: Lang,
    doc: &crate::document::Document,
    a: &Article,
    edit: &mut BodyEdit,
    actions: &mut Vec<Action>,
) -> bool {
    let mut done = false;
    let editor_id = ui.make_persistent_id(egui::IdSalt::new(("body-editor", &a.id)));
    ui.horizontal_wrapped(|ui| {
        if ui.button(lang.t("Done (Ctrl+Enter keeps it, Esc too)", "完成")).clicked() {
            actions.push(Action::SetBody(edit.text.clone()));
            done = true;
        }
        if ui
            .button(lang.t("Mark lost text […]", "标出缺失文字 […]"))
            .on_hover_text(lang.t(
                "Inserts […] where the cursor is: text lost at a column break",
                "在光标处插入 […]：转版处丢失的文字",
            ))
            .clicked()
        {
            let mut state = egui::text_edit::TextEditState::load(ui.ctx(), editor_id).unwrap_or_default();
            let at = state.cursor.char_range().map_or(edit.text.chars().count(), |r| r.primary.index.into());
            let byte = edit.text.char_indices().nth(at).map_or(edit.text.len(), |(b, _)| b);
            edit.text.insert_str(byte, "[…]");
            let after = egui::text::CCursor::new(at + 3);
            state.cursor.set_char_range(Some(egui::text::CCursorRange::one(after)));
            state.store(ui.ctx(), editor_id);
            ui.ctx().memory_mut(|m| m.request_focus(editor_id));
        }
        if ui.button(lang.t("Cancel", "取消")).clicked() {
            done = true;
        }
        ui.label(RichText::new(lang.t(
            "A blank line separates paragraphs: add one to split a paragraph, remove it to join two.",
            "空行分隔段落：加空行即拆段，删空行即并段。",
        )));
    });
    let height = ui.available_height();
    ui.columns(2, |cols| {
        egui::ScrollArea::vertical().id_salt(("edit-source", &a.id)).max_height(height).show(&mut cols[0], |ui| {
            let last = a.lines.last.min(a.lines.first.saturating_add(SOURCE_WINDOW * 5));
            for line in a.lines.first..=last {
                let text = doc.source.line(line);
                if text.trim().is_empty() {
                    continue;
                }
                ui.horizontal_top(|ui| {
                    ui.label(RichText::new(format!("{line:>4}")).monospace().weak());
                    ui.add(egui::Label::new(text.trim_end()).wrap());
                });
            }
        });
        egui::ScrollArea::vertical().id_salt(("edit-body", &a.id)).max_height(height).show(&mut cols[1], |ui| {
            let l = ui.label(RichText::new(lang.t("Cleaned text", "整理后正文")).strong());
            ui.add(
                egui::TextEdit::multiline(&mut edit.text).id(editor_id).desired_width(f32::INFINITY).desired_rows(12),
            )
            .labelled_by(l.id);
        });
    });
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        actions.push(Action::SetBody(edit.text.clone()));
        done = true;
    }
    done
}

/// A source line with the search's hits marked (and the line's own highlight elsewhere).
fn highlighted(
    ui: &egui::Ui,
    text: &str,
    query: &str,
    background: Option<Color32>,
    underline: bool,
) -> egui::text::LayoutJob {
    let color = ui.visuals().text_color();
    let plain = egui::TextFormat {
        font_id: egui::TextStyle::Body.resolve(ui.style()),
        color,
        background: background.unwrap_or(Color32::TRANSPARENT),
        underline: if underline { egui::Stroke::new(1.0, color) } else { egui::Stroke::NONE },
        ..Default::default()
    };
    hits_marked(text, query, plain)
}

/// The search's hit colour: dark text on amber, legible on every line highlight.
const HIT: Color32 = Color32::from_rgb(0xff, 0xb0, 0x20);

fn hits_marked(text: &str, query: &str, plain: egui::TextFormat) -> egui::text::LayoutJob {
    let hit = egui::TextFormat { background: HIT, color: Color32::BLACK, ..plain.clone() };
    let mut job = egui::text::LayoutJob::default();
    let mut rest = text;
    while let Some(at) = rest.find(query).filter(|_| !query.is_empty()) {
        job.append(&rest[..at], 0.0, plain.clone());
        job.append(query, 0.0, hit.clone());
        rest = &rest[at + query.len()..];
    }
    job.append(rest, 0.0, plain);
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hit_of_the_search_is_marked_in_the_source_line() {
        let job = hits_marked("县领导到溪口镇调研，县领导要求", "县领导", egui::TextFormat::default());
        let marked: Vec<&str> = job
            .sections
            .iter()
            .filter(|s| s.format.background == HIT)
            .map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(marked, ["县领导", "县领导"]);
        assert_eq!(job.text, "县领导到溪口镇调研，县领导要求");
        let none = hits_marked("县图书馆", "县领导", egui::TextFormat::default());
        assert!(none.sections.iter().all(|s| s.format.background != HIT));
    }
}
