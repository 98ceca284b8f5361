//! The right pane: the selected article's metadata, each field with what was
//! detected, how sure the detector was, where it came from, and an edit box.
//!
//! Typing goes into buffers; a field is committed (one undoable command) when
//! the editor leaves it, presses Enter, or moves to another article.

use eframe::egui;
use egui::{Color32, RichText};

use std::collections::BTreeMap;

use super::i18n::{self, Lang};
use super::{Action, JianbaoApp};
use crate::document::{Document, Edit};
use crate::fields::{self, FieldName, FieldValue, Shape};
use crate::model::{Article, Contributor, Genre, Review, Role};

/// What the editor is typing, for the article `article_id`: one buffer per text, list
/// and note field of the field table, the byline rows, and the issue's details.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Buffers {
    article_id: Option<String>,
    pub texts: BTreeMap<FieldName, String>,
    pub contributors: Vec<(String, Role)>,
    pub newspaper: String,
    pub date: String,
    meta_loaded: bool,
}

/// The fields typed into a text box (one line, a comma list, or the note).
fn typed_fields() -> impl Iterator<Item = FieldName> {
    FieldName::ALL.into_iter().filter(|f| matches!(f.shape(), Shape::Text | Shape::List | Shape::Note))
}

/// A field's value as the editor types it.
fn as_typed(v: &FieldValue) -> String {
    match v {
        FieldValue::Text(t) => t.clone().unwrap_or_default(),
        FieldValue::List(l) => l.join("，"),
        _ => String::new(),
    }
}

/// What the editor typed, as a value of the field's shape.
fn from_typed(f: FieldName, typed: &str) -> FieldValue {
    match f.shape() {
        Shape::List => FieldValue::List(fields::typed_list(typed)),
        _ => FieldValue::Text(fields::typed_text(typed)),
    }
}

impl Buffers {
    /// Forget the buffers: they are reloaded from the issue at the next frame.
    pub fn invalidate(&mut self) {
        self.article_id = None;
        self.meta_loaded = false;
    }

    fn load(&mut self, a: &Article) {
        self.article_id = Some(a.id.clone());
        self.texts = typed_fields().map(|f| (f, as_typed(&fields::value(a, f)))).collect();
        self.contributors = a.contributors.value().iter().map(|c| (c.name.clone(), c.role)).collect();
    }

    /// The buffer of one typed field.
    pub fn text_mut(&mut self, f: FieldName) -> &mut String {
        self.texts.entry(f).or_default()
    }

    /// Makes sure the buffers hold the article at `index`.
    pub fn ensure(&mut self, doc: &Document, index: usize) {
        if let Some(a) = doc.issue.articles.get(index) {
            if self.article_id.as_deref() != Some(a.id.as_str()) {
                self.load(a);
            }
        }
        if !self.meta_loaded {
            self.newspaper = doc.issue.meta.newspaper.value().clone().unwrap_or_default();
            self.date = doc.issue.meta.date.value().clone().unwrap_or_default();
            self.meta_loaded = true;
        }
    }

    fn contributors_value(&self) -> Vec<Contributor> {
        self.contributors.iter().filter_map(|(n, r)| fields::typed_text(n).map(|n| Contributor::new(n, *r))).collect()
    }

    /// One edit carrying every typed value that differs from the article; `None` if nothing
    /// does. Labelled by the field when only one changed ("headline of article 3").
    pub fn commit(&self, doc: &Document, index: usize) -> Option<Edit> {
        let a = doc.issue.articles.get(index)?;
        if self.article_id.as_deref() != Some(a.id.as_str()) {
            return None;
        }
        let mut changed: Vec<(FieldName, FieldValue)> = typed_fields()
            .filter_map(|f| {
                let typed = from_typed(f, self.texts.get(&f).map_or("", String::as_str));
                (typed != fields::value(a, f)).then_some((f, typed))
            })
            .collect();
        let contributors = FieldValue::Contributors(self.contributors_value());
        if contributors != fields::value(a, FieldName::Contributors) {
            changed.push((FieldName::Contributors, contributors));
        }
        let label = match changed.as_slice() {
            [] => return None,
            [(f, _)] => f.key(),
            _ => "edit fields",
        };
        doc.edit_article(index, label, |a| {
            for (f, v) in changed {
                fields::correct(a, f, v);
            }
        })
        .ok()
        .flatten()
    }
}

/// Longest value edited in a text box (bytes).
const LONGEST_FIELD: usize = 4_000;

const WARN: Color32 = Color32::from_rgb(0xd0, 0x60, 0x10);

/// The detected value shown under a field.
fn detected_text(a: &Article, f: FieldName, lang: Lang) -> String {
    let none = || lang.t("(none)", "（无）").to_string();
    match fields::detected(a, f) {
        FieldValue::Text(t) => t.unwrap_or_else(none),
        FieldValue::List(l) if l.is_empty() => none(),
        FieldValue::List(l) => l.join("，"),
        FieldValue::Genre(g) => i18n::genre(lang, g).to_string(),
        FieldValue::Contributors(c) if c.is_empty() => none(),
        FieldValue::Contributors(c) => {
            c.iter().map(|c| format!("{}（{}）", c.name, i18n::role(lang, c.role))).collect::<Vec<_>>().join("、")
        }
        FieldValue::Review(_) | FieldValue::Paragraphs(_) => String::new(),
    }
}

/// What a confidence means, for the tooltip on it.
fn confidence_help(lang: Lang, found: bool) -> &'static str {
    if found {
        lang.t(
            "How sure the detector is that this value is right (the line tagger's probability). Below 60% it is shown in orange: check it against the source.",
            "检测器认为该值正确的把握（行标注模型给出的概率）。低于 60% 显示为橙色：请对照原文核实。",
        )
    } else {
        lang.t(
            "Nothing was detected; the percentage is how sure the detector is that the article has none. Below 60% it is shown in orange: the source may have one.",
            "没有检测到该项；百分比是检测器认为稿件确实没有该项的把握。低于 60% 显示为橙色：原文中可能有。",
        )
    }
}

/// Detected value, confidence (low ones stand out, the tooltip says what it means) and
/// the evidence lines (a click shows them in the source) under a field.
fn field_info(ui: &mut egui::Ui, lang: Lang, a: &Article, f: FieldName) -> Option<Action> {
    let mut action = None;
    let (confidence, evidence) = fields::confidence(a, f)?;
    let found = match fields::detected(a, f) {
        FieldValue::Text(t) => t.is_some(),
        FieldValue::List(l) => !l.is_empty(),
        FieldValue::Contributors(c) => !c.is_empty(),
        _ => true,
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        let text_color = ui.visuals().text_color().gamma_multiply(0.8);
        let detected = detected_text(a, f, lang);
        ui.label(
            RichText::new(format!("{} {}", lang.t("detected:", "检测："), super::cut(&detected, 300)))
                .color(text_color),
        );
        let conf = format!("{:.0}%", confidence * 100.0);
        let conf = if confidence < 0.6 {
            RichText::new(conf).color(WARN).strong()
        } else {
            RichText::new(conf).color(text_color)
        };
        ui.label(conf).on_hover_text(confidence_help(lang, found));
        if let Some(ev) = evidence {
            let lines = if ev.first == ev.last {
                format!("{} {}", lang.t("line", "行"), ev.first)
            } else {
                format!("{} {}–{}", lang.t("lines", "行"), ev.first, ev.last)
            };
            if ui.link(lines).on_hover_text(lang.t("Show in the source", "在原文中显示")).clicked() {
                action = Some(Action::GoToLine(ev.first));
            }
        }
        if fields::is_corrected(a, f) {
            ui.label(RichText::new(lang.t("corrected", "已更正")).color(Color32::from_rgb(0x20, 0x80, 0x40)));
            if ui.small_button(lang.t("revert to detected", "恢复检测值")).clicked() {
                action = Some(Action::Revert(f));
            }
        }
    });
    action
}

fn field_label(lang: Lang, f: FieldName) -> String {
    let (en, zh) = f.names();
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => format!("{}{}", en[..1].to_uppercase(), &en[1..]),
    }
}

/// A labelled text field (one line, or a few wrapped lines for lists); committing when
/// the editor leaves it (or presses Enter in a one-line field).
fn text_field(ui: &mut egui::Ui, label: &str, buffer: &mut String, multiline: bool, focus: bool) -> bool {
    let l = ui.label(RichText::new(label).strong());
    // A value of tens of thousands of characters (a whole page read as a headline) is
    // shown cut, not laid out in an edit box every frame; it can be cleared.
    if buffer.len() > LONGEST_FIELD {
        ui.label(super::cut(buffer, 300));
        if ui.small_button("× clear (too long to edit here) / 清空（太长，无法在此编辑）").clicked() {
            buffer.clear();
            return true;
        }
        return false;
    }
    let edit =
        if multiline { egui::TextEdit::multiline(buffer).desired_rows(2) } else { egui::TextEdit::singleline(buffer) };
    let resp = ui.add(edit.desired_width(f32::INFINITY)).labelled_by(l.id);
    if focus {
        resp.request_focus();
    }
    resp.lost_focus()
}

pub fn inspector(app: &mut JianbaoApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    let index = app.selected;
    // Taken out while drawn (and put back below) so the article is read in place, not
    // copied every frame: the panels below need the rest of the app mutably.
    let Some(doc) = app.doc.take() else { return };
    let Some(article) = doc.issue.articles.get(index) else {
        ui.label(lang.t("No article", "没有稿件"));
        app.doc = Some(doc);
        return;
    };
    app.inspector.ensure(&doc, index);
    let focus = app.focus_field.take();
    let mut actions: Vec<Action> = Vec::new();
    let mut commit = false;
    ui.heading(lang.t("Metadata", "元数据"));
    // One scroll position per article: a new article starts at its top (kicker, headline, byline).
    egui::ScrollArea::vertical().id_salt(("inspector", &article.id)).auto_shrink([false, false]).show(ui, |ui| {
        for f in FieldName::ALL {
            match f.shape() {
                Shape::Text if f == FieldName::Section => {
                    commit |= section_field(app, ui, article, focus == Some(f), &mut actions);
                }
                Shape::Text | Shape::List => {
                    let multiline = f.shape() == Shape::List;
                    let buffer = app.inspector.text_mut(f);
                    commit |= text_field(ui, &field_label(lang, f), buffer, multiline, focus == Some(f));
                }
                Shape::Contributors => {
                    ui.separator();
                    commit |= byline_rows(app, ui, focus == Some(f));
                }
                Shape::Genre => {
                    let l = ui.label(RichText::new(field_label(lang, f)).strong());
                    let mut genre = *article.genre.value();
                    egui::ComboBox::from_id_salt("genre")
                        .selected_text(i18n::genre(lang, genre))
                        .show_ui(ui, |ui| {
                            for g in Genre::ALL {
                                ui.selectable_value(&mut genre, g, i18n::genre(lang, g));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    if genre != *article.genre.value() {
                        actions.push(Action::SetGenre(genre));
                    }
                }
                Shape::Review => {
                    ui.separator();
                    ui.label(RichText::new(field_label(lang, f)).strong());
                    ui.horizontal_wrapped(|ui| {
                        for r in [Review::Unreviewed, Review::Reviewed, Review::NeedsWork] {
                            if ui.selectable_label(article.review == r, i18n::review(lang, r)).clicked()
                                && article.review != r
                            {
                                actions.push(Action::SetReview(r));
                            }
                        }
                    });
                }
                Shape::Note => {
                    let l = ui.label(RichText::new(lang.t("Editor's note", "编辑备注")).strong());
                    let buffer = app.inspector.text_mut(f);
                    let resp = ui
                        .add(egui::TextEdit::multiline(buffer).desired_rows(3).desired_width(f32::INFINITY))
                        .labelled_by(l.id);
                    commit |= resp.lost_focus();
                }
                // The body is corrected in the middle pane, beside its source.
                Shape::Paragraphs => continue,
            }
            actions.extend(field_info(ui, lang, article, f));
            if f == FieldName::Deck {
                ui.separator();
            }
        }
        ui.separator();
        if ui.button(lang.t("Accept all and mark reviewed (Ctrl+Enter)", "全部接受并标为已审（Ctrl+Enter）")).clicked()
        {
            actions.push(Action::AcceptAndReview);
        }
        ui.label(RichText::new(format!(
            "{} {} · {} {}–{}",
            lang.t("id", "编号"),
            article.id,
            lang.t("lines", "行"),
            article.lines.first,
            article.lines.last
        )));
    });
    app.doc = Some(doc);
    if commit {
        app.push(Action::CommitFields);
    }
    for a in actions {
        app.push(a);
    }
}

/// Section: the taxonomy's names, or any name typed.
fn section_field(
    app: &mut JianbaoApp,
    ui: &mut egui::Ui,
    article: &Article,
    focus: bool,
    actions: &mut Vec<Action>,
) -> bool {
    let lang = app.lang();
    let mut commit = false;
    let l = ui.label(RichText::new(field_label(lang, FieldName::Section)).strong());
    ui.horizontal(|ui| {
        let current = article.section.value().clone();
        let mut chosen = current.clone();
        let shown = current.clone().unwrap_or_else(|| lang.t("(none)", "（无）").to_string());
        egui::ComboBox::from_id_salt("section")
            .selected_text(shown)
            .width(120.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, lang.t("(none)", "（无）"));
                for s in &app.taxonomy {
                    ui.selectable_value(&mut chosen, Some(s.name.clone()), &s.name).on_hover_text(&s.description);
                }
            })
            .response
            .labelled_by(l.id);
        if chosen != current {
            actions.push(Action::SetSection(chosen));
        }
        let resp = ui
            .add(
                egui::TextEdit::singleline(app.inspector.text_mut(FieldName::Section))
                    .desired_width(f32::INFINITY)
                    .hint_text(lang.t("or type a section", "或输入栏目")),
            )
            .labelled_by(l.id);
        if focus {
            resp.request_focus();
        }
        commit |= resp.lost_focus();
    });
    commit
}

/// Byline: a list of name + role rows.
fn byline_rows(app: &mut JianbaoApp, ui: &mut egui::Ui, focus: bool) -> bool {
    let lang = app.lang();
    let mut commit = false;
    ui.label(RichText::new(field_label(lang, FieldName::Contributors)).strong());
    let b = &mut app.inspector;
    let mut remove = None;
    let mut swap = None;
    let rows = b.contributors.len();
    for (k, (name, role)) in b.contributors.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(format!("{}.", k + 1));
            let resp = ui
                .add(egui::TextEdit::singleline(name).desired_width(110.0).id_salt(("contributor", k)))
                .labelled_by(l.id)
                .on_hover_text(lang.t("Name", "姓名"));
            if k == 0 && focus {
                resp.request_focus();
            }
            commit |= resp.lost_focus();
            let before = *role;
            egui::ComboBox::from_id_salt(("role", k))
                .selected_text(i18n::role(lang, *role))
                .width(100.0)
                .show_ui(ui, |ui| {
                    for r in Role::ALL {
                        ui.selectable_value(role, r, i18n::role(lang, r));
                    }
                })
                .response
                .labelled_by(l.id);
            commit |= *role != before;
            if ui.small_button("↑").on_hover_text(lang.t("Move up", "上移")).clicked() && k > 0 {
                swap = Some((k - 1, k));
            }
            if ui.small_button("↓").on_hover_text(lang.t("Move down", "下移")).clicked() && k + 1 < rows {
                swap = Some((k, k + 1));
            }
            if ui.small_button("×").on_hover_text(lang.t("Remove", "删除")).clicked() {
                remove = Some(k);
            }
        });
    }
    if let Some((x, y)) = swap {
        b.contributors.swap(x, y);
        commit = true;
    }
    if let Some(k) = remove {
        b.contributors.remove(k);
        commit = true;
    }
    if ui.button(lang.t("+ Add contributor", "+ 添加署名")).clicked() {
        b.contributors.push((String::new(), Role::Reporter));
        if rows == 0 {
            app.focus_field = Some(FieldName::Contributors);
        }
    }
    commit
}
