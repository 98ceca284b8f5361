//! Menu bar, status bar, the welcome screen, and the window's questions
//! (unsaved work, recovery, typed paths, issue details, errors, the keyboard map).

use std::path::PathBuf;

use eframe::egui;
use egui::RichText;

use super::i18n::Lang;
use super::{Action, Dialog, JianbaoApp, Purpose, KEYMAP};
use crate::document::{Document, Origin};
use crate::export::Format;

pub fn menu_bar(app: &mut JianbaoApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    let has_doc = app.doc.is_some();
    let mut actions = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(lang.t("File", "文件"), |ui| {
            if ui.button(lang.t("Open…  Ctrl+O", "打开…  Ctrl+O")).clicked() {
                actions.push(Action::Open);
            }
            ui.menu_button(lang.t("Open Recent", "最近打开"), |ui| {
                if app.settings.recent.is_empty() {
                    ui.label(RichText::new(lang.t("(none yet)", "（暂无）")).weak());
                }
                for path in app.settings.recent.clone() {
                    let name = path.display().to_string();
                    if ui.button(name).clicked() {
                        actions.push(Action::OpenPath(path));
                    }
                }
            });
            ui.separator();
            if ui.add_enabled(has_doc, egui::Button::new(lang.t("Save  Ctrl+S", "保存  Ctrl+S"))).clicked() {
                actions.push(Action::Save);
            }
            if ui
                .add_enabled(has_doc, egui::Button::new(lang.t("Save As…  Ctrl+Shift+S", "另存为…  Ctrl+Shift+S")))
                .clicked()
            {
                actions.push(Action::SaveAs);
            }
            ui.menu_button(lang.t("Export", "导出"), |ui| {
                for (format, en, zh) in [
                    (Format::Json, "JSON (archive contract)…  Ctrl+E", "JSON（归档格式）…  Ctrl+E"),
                    (Format::CleanRon, "Cleaned RON…", "整理后 RON…"),
                    (Format::Markdown, "Markdown…", "Markdown…"),
                    (Format::Text, "Plain text…", "纯文本…"),
                    (Format::Nitf, "NITF XML (a folder, one file per article)…", "NITF XML（文件夹，每篇一个文件）…"),
                    (Format::Ron, "RON (annotated issue)…", "RON（标注稿）…"),
                ] {
                    if ui.add_enabled(has_doc, egui::Button::new(lang.t(en, zh))).clicked() {
                        actions.push(Action::Export(format));
                    }
                }
            });
            ui.separator();
            if ui.button(lang.t("Quit", "退出")).clicked() {
                actions.push(Action::Quit);
            }
        });
        ui.menu_button(lang.t("Edit", "编辑"), |ui| {
            let (can_undo, can_redo) =
                app.doc.as_ref().map_or((false, false), |d| (d.history.can_undo(), d.history.can_redo()));
            if ui.add_enabled(can_undo, egui::Button::new(lang.t("Undo  Ctrl+Z", "撤销  Ctrl+Z"))).clicked() {
                actions.push(Action::Undo);
            }
            if ui.add_enabled(can_redo, egui::Button::new(lang.t("Redo  Ctrl+Shift+Z", "重做  Ctrl+Shift+Z"))).clicked()
            {
                actions.push(Action::Redo);
            }
            ui.separator();
            let split_line = app.selected_line;
            if ui
                .add_enabled(
                    has_doc && split_line.is_some(),
                    egui::Button::new(lang.t("Split at selected line  Alt+S", "在所选行拆分  Alt+S")),
                )
                .clicked()
            {
                if let Some(l) = split_line {
                    actions.push(Action::SplitAt(l));
                }
            }
            if ui
                .add_enabled(has_doc, egui::Button::new(lang.t("Merge with next  Alt+M", "与下一篇合并  Alt+M")))
                .clicked()
            {
                actions.push(Action::MergeNext);
            }
            if ui
                .add_enabled(
                    has_doc,
                    egui::Button::new(lang.t("Merge with previous  Alt+Shift+M", "与上一篇合并  Alt+Shift+M")),
                )
                .clicked()
            {
                actions.push(Action::MergePrevious);
            }
            ui.separator();
            if ui
                .add_enabled(
                    has_doc,
                    egui::Button::new(lang.t("Accept and mark reviewed  Ctrl+Enter", "接受并标为已审  Ctrl+Enter")),
                )
                .clicked()
            {
                actions.push(Action::AcceptAndReview);
            }
            if ui.add_enabled(has_doc, egui::Button::new(lang.t("Issue details…", "报纸信息…"))).clicked() {
                app.dialog = Some(Dialog::IssueDetails);
            }
        });
        ui.menu_button(lang.t("View", "视图"), |ui| {
            ui.menu_button(lang.t("Language", "语言"), |ui| {
                ui.selectable_value(&mut app.settings.lang, Lang::Zh, "中文");
                ui.selectable_value(&mut app.settings.lang, Lang::En, "English");
            });
            ui.menu_button(lang.t("Theme", "主题"), |ui| {
                if ui.selectable_label(!app.settings.dark, lang.t("Light", "浅色")).clicked() {
                    app.settings.dark = false;
                    ui.ctx().set_theme(egui::ThemePreference::Light);
                }
                if ui.selectable_label(app.settings.dark, lang.t("Dark", "深色")).clicked() {
                    app.settings.dark = true;
                    ui.ctx().set_theme(egui::ThemePreference::Dark);
                }
            });
            ui.separator();
            let ctx = ui.ctx().clone();
            if ui.button(lang.t("Larger text  Ctrl+=", "放大  Ctrl+=")).clicked() {
                ctx.set_zoom_factor((ctx.zoom_factor() + 0.1).min(3.0));
            }
            if ui.button(lang.t("Smaller text  Ctrl+-", "缩小  Ctrl+-")).clicked() {
                ctx.set_zoom_factor((ctx.zoom_factor() - 0.1).max(0.5));
            }
            if ui.button(lang.t("Reset text size  Ctrl+0", "还原字号  Ctrl+0")).clicked() {
                ctx.set_zoom_factor(1.0);
            }
        });
        ui.menu_button(lang.t("Help", "帮助"), |ui| {
            if ui.button(lang.t("Keyboard map  F1", "快捷键  F1")).clicked() {
                app.show_help = true;
            }
        });
    });
    for a in actions {
        app.push(a);
    }
}

pub fn status_bar(app: &mut JianbaoApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    ui.horizontal(|ui| {
        if let Some(busy) = &app.busy {
            ui.spinner();
            ui.label(busy);
            ui.separator();
        }
        match &app.doc {
            Some(doc) => {
                ui.label(doc.display_name());
                if doc.is_dirty() {
                    ui.label(
                        RichText::new(lang.t("● unsaved", "● 未保存")).color(egui::Color32::from_rgb(0xd0, 0x60, 0x10)),
                    );
                } else if matches!(doc.origin, Origin::RawDump(_)) {
                    ui.label(RichText::new(lang.t("raw dump (Save writes a .ron)", "原始稿（保存为 .ron）")).weak());
                }
                ui.separator();
                let total = doc.issue.articles.len();
                ui.label(format!("{} {} / {}", lang.t("reviewed", "已审"), doc.issue.reviewed_count(), total));
                ui.separator();
                ui.label(format!("{} {}", lang.t("open flags", "待定标记"), doc.issue.open_flags()));
                ui.separator();
                ui.label(format!("{} {}", lang.t("article", "稿件"), app.selected + 1));
            }
            None => {
                ui.label(lang.t("No issue open", "未打开报纸"));
            }
        }
        if let Some(s) = &app.status {
            ui.separator();
            ui.label(RichText::new(s).weak());
        }
    });
}

pub fn welcome(app: &mut JianbaoApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.25);
        ui.heading("Jianbao 剪报");
        ui.label(lang.t(
            "Open an issue: a raw dump (.txt, .md) or an annotated issue (.ron). You can also drop a file on this window.",
            "打开一份报纸：原始稿（.txt、.md）或标注稿（.ron）。也可以把文件拖到窗口里。",
        ));
        ui.add_space(12.0);
        if app.busy.is_some() {
            ui.spinner();
        } else if ui.button(lang.t("Open…  Ctrl+O", "打开…  Ctrl+O")).clicked() {
            app.push(Action::Open);
        }
        ui.add_space(12.0);
        if !app.settings.recent.is_empty() {
            ui.label(RichText::new(lang.t("Recent", "最近打开")).strong());
            for path in app.settings.recent.clone() {
                if ui.link(path.display().to_string()).clicked() {
                    app.push(Action::OpenPath(path));
                }
            }
        }
        ui.add_space(12.0);
        ui.label(RichText::new(lang.t("F1 shows the keyboard map.", "按 F1 查看快捷键。")).weak());
    });
}

/// The current dialog, if any, as a modal window.
pub fn dialogs(app: &mut JianbaoApp, ctx: &egui::Context) {
    let lang = app.lang();
    // Taken out while drawn (no copy of recovery issues every frame), put back unless answered.
    let Some(dialog) = app.dialog.take() else { return };
    let mut close = false;
    let mut actions = Vec::new();
    match &dialog {
        Dialog::ConfirmDiscard { then } => {
            let name = app.doc.as_ref().map(Document::display_name).unwrap_or_default();
            egui::Modal::new(egui::Id::unique("confirm-discard")).show(ctx, |ui| {
                ui.heading(lang.t("Unsaved work", "有未保存的修改"));
                ui.label(format!(
                    "{} {}",
                    name,
                    lang.t("has changes that are not saved. Save them first?", "有尚未保存的修改。先保存吗？")
                ));
                ui.horizontal(|ui| {
                    if ui.button(lang.t("Save", "保存")).clicked() {
                        close = true;
                        app.after_save = Some(*then.clone());
                        actions.push(Action::Save);
                    }
                    if ui.button(lang.t("Discard changes", "放弃修改")).clicked() {
                        close = true;
                        // The follow-up must not ask again.
                        app.discard_confirmed = true;
                        actions.push(*then.clone());
                    }
                    if ui.button(lang.t("Cancel", "取消")).clicked() {
                        close = true;
                    }
                });
            });
        }
        Dialog::ConfirmOverwrite { path } => {
            egui::Modal::new(egui::Id::unique("confirm-overwrite")).show(ctx, |ui| {
                ui.heading(lang.t("The file changed on disk", "文件已被改动"));
                ui.label(format!(
                    "{} {}",
                    path.display(),
                    lang.t(
                        "was changed by someone else (another editor, another program) since you opened it. Overwrite it with your version?",
                        "在您打开之后被他人（其他编辑或程序）改动过。要用您的版本覆盖吗？"
                    )
                ));
                ui.horizontal(|ui| {
                    if ui.button(lang.t("Overwrite", "覆盖")).clicked() {
                        close = true;
                        actions.push(Action::SaveTo(path.clone()));
                    }
                    if ui.button(lang.t("Save As…", "另存为…")).clicked() {
                        close = true;
                        actions.push(Action::SaveAs);
                    }
                    if ui.button(lang.t("Cancel", "取消")).clicked() {
                        close = true;
                    }
                });
            });
        }
        Dialog::Locked { path, holder } => {
            egui::Modal::new(egui::Id::unique("locked")).show(ctx, |ui| {
                ui.heading(lang.t("Another editor has this issue open", "另一位编辑正在编辑这份报纸"));
                ui.label(format!(
                    "{}: {}@{} {} {} {}",
                    path.display(),
                    holder.user,
                    holder.host,
                    lang.t("has had it open for", "已打开"),
                    holder.age_minutes(),
                    lang.t(
                        "minutes (or their session ended without closing it).",
                        "分钟（也可能是对方的程序异常退出后留下的）。"
                    ),
                ));
                ui.horizontal(|ui| {
                    if ui.button(lang.t("Edit anyway", "仍然编辑")).clicked() {
                        close = true;
                        let _ = crate::lock::acquire(path);
                    }
                    if ui.button(lang.t("Close the issue", "关闭这份报纸")).clicked() {
                        close = true;
                        app.doc = None;
                    }
                });
            });
        }
        Dialog::PathPrompt { purpose, text, message } => {
            let (purpose, mut text, message) = (*purpose, text.clone(), message.clone());
            let title = match purpose {
                Purpose::Open => lang.t("Open an issue", "打开报纸"),
                Purpose::SaveAs => lang.t("Save the annotated issue as", "标注稿另存为"),
                Purpose::Export(_) => lang.t("Export to", "导出到"),
            };
            egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
                ui.heading(title);
                ui.label(&message);
                let l = ui.label(lang.t("Path", "路径"));
                let resp = ui.add(egui::TextEdit::singleline(&mut text).desired_width(480.0)).labelled_by(l.id);
                resp.request_focus();
                let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    if (ui.button(lang.t("OK", "确定")).clicked() || enter) && !text.trim().is_empty() {
                        close = true;
                        let path = PathBuf::from(text.trim());
                        actions.push(match purpose {
                            Purpose::Open => Action::OpenPath(path),
                            Purpose::SaveAs => Action::SaveTo(super::with_extension_if_missing(path, "ron")),
                            Purpose::Export(f) if f.is_folder() => Action::ExportTo(f, path),
                            Purpose::Export(f) => {
                                Action::ExportTo(f, super::with_extension_if_missing(path, f.extension()))
                            }
                        });
                    }
                    if ui.button(lang.t("Cancel", "取消")).clicked() {
                        close = true;
                    }
                });
            });
            if !close {
                app.dialog = Some(Dialog::PathPrompt { purpose, text, message });
            }
        }
        Dialog::Recover(found) => {
            egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
                ui.heading(lang.t("Recover unsaved work?", "恢复未保存的工作？"));
                ui.label(lang.t(
                    "Jianbao did not close cleanly last time. These issues had changes that were not saved:",
                    "剪报上次没有正常关闭。以下报纸有未保存的修改：",
                ));
                for (path, rec) in found {
                    ui.horizontal(|ui| {
                        let name = rec
                            .original
                            .as_ref()
                            .map_or(rec.issue.meta.source_file.clone(), |p| p.display().to_string());
                        ui.label(name);
                        if ui.button(lang.t("Restore", "恢复")).clicked() {
                            close = true;
                            let origin = match &rec.original {
                                Some(p) if crate::is_annotated(p) => Origin::Annotated(p.clone()),
                                Some(p) => Origin::RawDump(p.clone()),
                                None => Origin::Unsaved,
                            };
                            let mut doc = Document::new(rec.issue.clone(), origin);
                            // Restored work is not on disk yet: it must read as unsaved.
                            doc.history = crate::document::History::default();
                            doc.history.generation = 1;
                            app.set_document(doc);
                            let _ = std::fs::remove_file(path);
                            app.status = Some(
                                lang.t("Restored unsaved work; save it now.", "已恢复未保存的工作，请及时保存。")
                                    .to_string(),
                            );
                        }
                        if ui.button(lang.t("Discard", "丢弃")).clicked() {
                            let _ = std::fs::remove_file(path);
                            let rest: Vec<_> = found.iter().filter(|(p, _)| p != path).cloned().collect();
                            if rest.is_empty() {
                                close = true;
                            } else {
                                app.dialog = Some(Dialog::Recover(rest));
                            }
                        }
                    });
                }
                if ui.button(lang.t("Decide later", "稍后再说")).clicked() {
                    close = true;
                }
            });
        }
        Dialog::IssueDetails => {
            let Some(doc) = &app.doc else {
                app.dialog = None;
                return;
            };
            app.inspector.ensure(doc, app.selected);
            let meta = doc.issue.meta.clone();
            egui::Modal::new(egui::Id::unique("issue-details")).show(ctx, |ui| {
                ui.heading(lang.t("Issue details", "报纸信息"));
                egui::Grid::new("meta").num_columns(2).show(ui, |ui| {
                    let l = ui.label(lang.t("Newspaper", "报名"));
                    ui.add(egui::TextEdit::singleline(&mut app.inspector.newspaper)).labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(lang.t("Date (YYYY-MM-DD)", "日期（年-月-日）"));
                    ui.add(egui::TextEdit::singleline(&mut app.inspector.date)).labelled_by(l.id);
                    ui.end_row();
                    ui.label(lang.t("Proposed date", "推测日期"));
                    ui.label(format!(
                        "{} ({:.0}%)",
                        meta.date.detected.clone().unwrap_or_else(|| "—".into()),
                        meta.date.confidence * 100.0
                    ));
                    ui.end_row();
                    ui.label(lang.t("Source file", "原始文件"));
                    ui.label(format!("{} · {}", meta.source_file, meta.encoding));
                    ui.end_row();
                    ui.label("SHA-256");
                    ui.label(RichText::new(&meta.source_sha256).monospace().small());
                    ui.end_row();
                    ui.label(lang.t("Detector", "检测器"));
                    ui.label(&meta.detector);
                    ui.end_row();
                });
                ui.label(RichText::new(lang.t("Pages", "版面")).strong());
                for p in &meta.pages {
                    ui.label(format!(
                        "{} {} · {} · {} {}–{}",
                        lang.t("page", "第"),
                        p.number.map_or("?".into(), |n| n.to_string()),
                        p.name.clone().unwrap_or_default(),
                        lang.t("lines", "行"),
                        p.lines.first,
                        p.lines.last
                    ));
                }
                ui.horizontal(|ui| {
                    if ui.button(lang.t("Apply", "应用")).clicked() {
                        close = true;
                        actions.push(Action::SetIssueMeta {
                            newspaper: Some(app.inspector.newspaper.clone()),
                            date: Some(app.inspector.date.clone()),
                        });
                    }
                    if ui.button(lang.t("Close", "关闭")).clicked() {
                        close = true;
                        app.inspector.invalidate();
                    }
                });
            });
        }
        Dialog::Error(message) => {
            egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
                ui.heading(lang.t("Cannot do that", "无法完成"));
                ui.label(message.as_str());
                if ui.button(lang.t("OK", "确定")).clicked() {
                    close = true;
                }
            });
        }
    }
    // A branch may have replaced the dialog (the typed path, fewer recovery files): keep that.
    if !close && app.dialog.is_none() {
        app.dialog = Some(dialog);
    }
    for a in actions {
        app.push(a);
    }
}

pub fn help(app: &mut JianbaoApp, ctx: &egui::Context) {
    let lang = app.lang();
    let mut open = true;
    egui::Window::new(lang.t("Keyboard map", "快捷键"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            egui::Grid::new("keymap").striped(true).num_columns(2).show(ui, |ui| {
                for s in KEYMAP {
                    ui.label(RichText::new(s.keys).monospace());
                    ui.label(lang.t(s.en, s.zh));
                    ui.end_row();
                }
            });
            ui.label(RichText::new(lang.t(
                "Shortcuts with Ctrl or Alt work while typing; single keys only outside text fields, so a shortcut never eats what you type.",
                "带 Ctrl 或 Alt 的快捷键在输入时也可用；单键只在文本框外生效，不会吞掉正在输入的文字。",
            )).weak());
        });
    if !open {
        app.show_help = false;
    }
}
