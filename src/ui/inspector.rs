//! The right pane: the selected article's metadata, each field with what was
//! detected, how sure the detector was, where it came from, and an edit box.
//!
//! Typing goes into buffers; a field is committed (one undoable command) when
//! the editor leaves it, presses Enter, or moves to another article.

use eframe::egui;
use egui::{Color32, RichText};

use super::i18n::{self, Lang};
use super::{Action, JianbaoApp};
use crate::document::{Document, Edit, FieldName};
use crate::model::{Article, Contributor, Field, Genre, Review, Role};

/// What the editor is typing, for the article `article_id`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Buffers {
    article_id: Option<String>,
    pub kicker: String,
    pub headline: String,
    pub deck: String,
    pub dateline: String,
    pub column: String,
    pub section: String,
    pub keywords: String,
    pub people: String,
    pub places: String,
    pub organizations: String,
    pub note: String,
    pub contributors: Vec<(String, Role)>,
    pub newspaper: String,
    pub date: String,
    meta_loaded: bool,
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl Buffers {
    /// Forget the buffers: they are reloaded from the issue at the next frame.
    pub fn invalidate(&mut self) {
        self.article_id = None;
        self.meta_loaded = false;
    }

    fn load(&mut self, a: &Article) {
        self.article_id = Some(a.id.clone());
        self.kicker = text(a.kicker.value());
        self.headline = text(a.headline.value());
        self.deck = text(a.deck.value());
        self.dateline = text(a.dateline.value());
        self.column = text(a.column.value());
        self.section = text(a.section.value());
        self.keywords = a.keywords.value().join("，");
        self.people = a.people.value().join("，");
        self.places = a.places.value().join("，");
        self.organizations = a.organizations.value().join("，");
        self.note = a.note.clone().unwrap_or_default();
        self.contributors = a.contributors.value().iter().map(|c| (c.name.clone(), c.role)).collect();
    }

    /// Makes sure the buffers hold the article at `index`.
    pub fn ensure(&mut self, doc: &Document, index: usize) {
        if let Some(a) = doc.issue.articles.get(index) {
            if self.article_id.as_deref() != Some(a.id.as_str()) {
                self.load(a);
            }
        }
        if !self.meta_loaded {
            self.newspaper = text(doc.issue.meta.newspaper.value());
            self.date = text(doc.issue.meta.date.value());
            self.meta_loaded = true;
        }
    }

    fn contributors_value(&self) -> Vec<Contributor> {
        self.contributors.iter().filter_map(|(n, r)| opt(n).map(|n| Contributor::new(n, *r))).collect()
    }

    /// One edit carrying every typed value that differs from the article; `None` if nothing does.
    pub fn commit(&self, doc: &Document, index: usize) -> Option<Edit> {
        let a = doc.issue.articles.get(index)?;
        if self.article_id.as_deref() != Some(a.id.as_str()) {
            return None;
        }
        let set = |field: &mut Field<Option<String>>, typed: &str| {
            let typed = opt(typed);
            if typed != *field.value() {
                field.corrected = (typed != field.detected).then_some(typed);
            }
        };
        let list = |s: &str| -> Vec<String> { s.split(['，', ',', '、', ';', '；']).filter_map(opt).collect() };
        let lists = [list(&self.keywords), list(&self.people), list(&self.places), list(&self.organizations)];
        let set_list = |field: &mut Field<Vec<String>>, typed: &Vec<String>| {
            if typed != field.value() {
                field.corrected = (*typed != field.detected).then(|| typed.clone());
            }
        };
        let contributors = self.contributors_value();
        doc.edit_article(index, "edit fields", |a| {
            set(&mut a.kicker, &self.kicker);
            set(&mut a.headline, &self.headline);
            set(&mut a.deck, &self.deck);
            set(&mut a.dateline, &self.dateline);
            set(&mut a.column, &self.column);
            set(&mut a.section, &self.section);
            set_list(&mut a.keywords, &lists[0]);
            set_list(&mut a.people, &lists[1]);
            set_list(&mut a.places, &lists[2]);
            set_list(&mut a.organizations, &lists[3]);
            if contributors != *a.contributors.value() {
                a.contributors.corrected = (contributors != a.contributors.detected).then_some(contributors);
            }
            let note = opt(&self.note);
            if note != a.note {
                a.note = note;
            }
        })
        .ok()
        .flatten()
    }
}

const WARN: Color32 = Color32::from_rgb(0xd0, 0x60, 0x10);

/// Detected value, confidence (low ones stand out) and evidence lines under a field.
fn field_info<T>(
    ui: &mut egui::Ui,
    lang: Lang,
    field: &Field<T>,
    detected: String,
    revert: FieldName,
) -> Option<Action> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        let conf = format!("{:.0}%", field.confidence * 100.0);
        let low = field.confidence < 0.6;
        let conf_text = if low { RichText::new(conf).color(WARN).strong() } else { RichText::new(conf).weak() };
        ui.label(RichText::new(format!("{} {}", lang.t("detected:", "检测："), detected)).weak().small());
        ui.label(conf_text.small()).on_hover_text(lang.t("How sure the detector was", "检测置信度"));
        if let Some(ev) = field.evidence {
            let lines = if ev.first == ev.last {
                format!("{} {}", lang.t("line", "行"), ev.first)
            } else {
                format!("{} {}–{}", lang.t("lines", "行"), ev.first, ev.last)
            };
            ui.label(RichText::new(lines).weak().small());
        }
        if field.is_corrected() {
            ui.label(RichText::new(lang.t("corrected", "已更正")).small().color(Color32::from_rgb(0x20, 0x80, 0x40)));
            if ui.small_button(lang.t("revert to detected", "恢复检测值")).clicked() {
                action = Some(Action::Revert(revert));
            }
        }
    });
    action
}

fn show_opt(v: &Option<String>, lang: Lang) -> String {
    v.clone().unwrap_or_else(|| lang.t("(none)", "（无）").to_string())
}

/// A labelled one-line text field; committing when the editor leaves it or presses Enter.
fn text_field(ui: &mut egui::Ui, label: &str, buffer: &mut String, focus: bool) -> bool {
    let l = ui.label(RichText::new(label).strong());
    let resp = ui.add(egui::TextEdit::singleline(buffer).desired_width(f32::INFINITY)).labelled_by(l.id);
    if focus {
        resp.request_focus();
    }
    resp.lost_focus()
}

pub fn inspector(app: &mut JianbaoApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    let index = app.selected;
    let Some(doc) = &app.doc else { return };
    let Some(article) = doc.issue.articles.get(index).cloned() else {
        ui.label(lang.t("No article", "没有稿件"));
        return;
    };
    app.inspector.ensure(doc, index);
    let focus = app.focus_field.take();
    let mut actions: Vec<Action> = Vec::new();
    let mut commit = false;
    ui.heading(lang.t("Metadata", "元数据"));
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let b = &mut app.inspector;
        // The headline group: one text field each, with what was detected under it.
        for (label, buffer, field, name) in [
            (lang.t("Kicker", "引题"), &mut b.kicker, &article.kicker, FieldName::Kicker),
            (lang.t("Headline", "主题"), &mut b.headline, &article.headline, FieldName::Headline),
            (lang.t("Deck", "副题"), &mut b.deck, &article.deck, FieldName::Deck),
        ] {
            commit |= text_field(ui, label, buffer, focus == Some(name));
            actions.extend(field_info(ui, lang, field, show_opt(&field.detected, lang), name));
        }
        ui.separator();

        // Byline: a list of name + role rows.
        ui.label(RichText::new(lang.t("Byline", "署名")).strong());
        let mut remove = None;
        let mut swap = None;
        let rows = b.contributors.len();
        for (k, (name, role)) in b.contributors.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let l = ui.label(format!("{}.", k + 1));
                let resp = ui
                    .add(egui::TextEdit::singleline(name).desired_width(110.0).id_salt(("contributor", k)))
                    .labelled_by(l.id)
                    .on_hover_text(lang.t("Name", "姓名"));
                if k == 0 && focus == Some(FieldName::Contributors) {
                    resp.request_focus();
                }
                commit |= resp.lost_focus();
                let before = *role;
                egui::ComboBox::from_id_salt(("role", k))
                    .selected_text(i18n::role(lang, *role))
                    .width(110.0)
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
            if rows == 0 && focus.is_none() {
                app.focus_field = Some(FieldName::Contributors);
            }
        }
        let detected: Vec<String> = article
            .contributors
            .detected
            .iter()
            .map(|c| format!("{}（{}）", c.name, i18n::role(lang, c.role)))
            .collect();
        let detected =
            if detected.is_empty() { lang.t("(none)", "（无）").to_string() } else { detected.join("、") };
        actions.extend(field_info(ui, lang, &article.contributors, detected, FieldName::Contributors));
        ui.separator();

        commit |= text_field(ui, lang.t("Dateline", "电头 / 导语时间"), &mut b.dateline, false);
        actions.extend(field_info(
            ui,
            lang,
            &article.dateline,
            show_opt(&article.dateline.detected, lang),
            FieldName::Dateline,
        ));

        // Genre.
        let l = ui.label(RichText::new(lang.t("Genre", "体裁")).strong());
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
        actions.extend(field_info(
            ui,
            lang,
            &article.genre,
            i18n::genre(lang, article.genre.detected).to_string(),
            FieldName::Genre,
        ));

        // Section: the taxonomy's names, or any name typed.
        let l = ui.label(RichText::new(lang.t("Section", "栏目")).strong());
        ui.horizontal(|ui| {
            let current = article.section.value().clone();
            let mut chosen = current.clone();
            egui::ComboBox::from_id_salt("section")
                .selected_text(show_opt(&current, lang))
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
                    egui::TextEdit::singleline(&mut b.section)
                        .desired_width(f32::INFINITY)
                        .hint_text(lang.t("or type a section", "或输入栏目")),
                )
                .labelled_by(l.id);
            if focus == Some(FieldName::Section) {
                resp.request_focus();
            }
            commit |= resp.lost_focus();
        });
        actions.extend(field_info(
            ui,
            lang,
            &article.section,
            show_opt(&article.section.detected, lang),
            FieldName::Section,
        ));

        commit |= text_field(ui, lang.t("Column", "专栏"), &mut b.column, false);
        actions.extend(field_info(
            ui,
            lang,
            &article.column,
            show_opt(&article.column.detected, lang),
            FieldName::Column,
        ));
        // Lists typed comma-separated.
        for (label, buffer, field, name) in [
            (lang.t("Keywords", "关键词"), &mut b.keywords, &article.keywords, FieldName::Keywords),
            (lang.t("People", "人物"), &mut b.people, &article.people, FieldName::People),
            (lang.t("Places", "地点"), &mut b.places, &article.places, FieldName::Places),
            (lang.t("Organisations", "机构"), &mut b.organizations, &article.organizations, FieldName::Organizations),
        ] {
            commit |= text_field(ui, label, buffer, false);
            actions.extend(field_info(ui, lang, field, field.detected.join("，"), name));
        }
        ui.separator();

        // Review state and note.
        ui.label(RichText::new(lang.t("Review", "审校状态")).strong());
        ui.horizontal(|ui| {
            for r in [Review::Unreviewed, Review::Reviewed, Review::NeedsWork] {
                if ui.selectable_label(article.review == r, i18n::review(lang, r)).clicked() && article.review != r {
                    actions.push(Action::SetReview(r));
                }
            }
        });
        let l = ui.label(RichText::new(lang.t("Editor's note", "编辑备注")).strong());
        let resp = ui
            .add(egui::TextEdit::multiline(&mut b.note).desired_rows(3).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        commit |= resp.lost_focus();
        ui.separator();
        if ui.button(lang.t("Accept all and mark reviewed (Ctrl+Enter)", "全部接受并标为已审（Ctrl+Enter）")).clicked()
        {
            actions.push(Action::AcceptAndReview);
        }
        ui.label(
            RichText::new(format!(
                "{} {} · {} {}–{}",
                lang.t("id", "编号"),
                article.id,
                lang.t("lines", "行"),
                article.lines.first,
                article.lines.last
            ))
            .weak()
            .small(),
        );
    });
    if commit {
        app.push(Action::CommitFields);
    }
    for a in actions {
        app.push(a);
    }
}
