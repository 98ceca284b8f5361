//! Menu bar, status bar, the welcome screen, and the window's questions
//! (unsaved work, recovery, typed paths, issue details, errors, the keyboard map).

use std::path::PathBuf;

use eframe::egui;
use egui::RichText;

use super::i18n::Lang;
use super::keymap::{self, Command, KEYMAP};
use super::{Action, Dialog, JianbaoApp, Purpose};
use crate::document::{Document, Origin};
use crate::export::Format;

/// A menu item with its shortcut from the keymap table.
fn item(ui: &mut egui::Ui, enabled: bool, label: &str, command: Option<Command>) -> bool {
    let mut button = egui::Button::new(label);
    if let Some(c) = command {
        button = button.shortcut_text(keymap::shortcut_text(c));
    }
    ui.add_enabled(enabled, button).clicked()
}

pub fn menu_bar(app: &mut JianbaoApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    let has_doc = app.doc.is_some();
    let mut actions = Vec::new();
    let mut commands = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(lang.t("File", "文件"), |ui| {
            if item(ui, true, lang.t("Open…", "打开…"), Some(Command::Open)) {
                commands.push(Command::Open);
            }
            if item(ui, true, lang.t("Open Archive…", "打开档案…"), None) {
                actions.push(Action::OpenArchive);
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
            if item(ui, has_doc, lang.t("Save", "保存"), Some(Command::Save)) {
                commands.push(Command::Save);
            }
            if item(ui, has_doc, lang.t("Save As…", "另存为…"), Some(Command::SaveAs)) {
                commands.push(Command::SaveAs);
            }
            ui.menu_button(lang.t("Export", "导出"), |ui| {
                for (format, en, zh) in [
                    (Format::Json, "JSON (archive contract)…", "JSON（归档格式）…"),
                    (Format::CleanRon, "Cleaned RON…", "整理后 RON…"),
                    (Format::Markdown, "Markdown…", "Markdown…"),
                    (Format::Text, "Plain text…", "纯文本…"),
                    (Format::Nitf, "NITF XML (a folder, one file per article)…", "NITF XML（文件夹，每篇一个文件）…"),
                    (Format::Ron, "RON (annotated issue)…", "RON（标注稿）…"),
                    (Format::OpenSearch, "OpenSearch bulk NDJSON…", "OpenSearch 批量 NDJSON…"),
                ] {
                    let command = (format == Format::Json).then_some(Command::ExportJson);
                    if item(ui, has_doc, lang.t(en, zh), command) {
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
            let history = app.doc.as_ref().map(|d| &d.history);
            let undo = history.and_then(|h| h.undo_edit()).map(|e| e.describe());
            let redo = history.and_then(|h| h.redo_edit()).map(|e| e.describe());
            let undo_label = match undo.clone() {
                Some((en, zh)) => format!("{} {}", lang.t("Undo", "撤销"), lang.pick(en, zh)),
                None => lang.t("Undo", "撤销").to_string(),
            };
            let redo_label = match redo.clone() {
                Some((en, zh)) => format!("{} {}", lang.t("Redo", "重做"), lang.pick(en, zh)),
                None => lang.t("Redo", "重做").to_string(),
            };
            if item(ui, undo.is_some(), &undo_label, Some(Command::Undo)) {
                commands.push(Command::Undo);
            }
            if item(ui, redo.is_some(), &redo_label, Some(Command::Redo)) {
                commands.push(Command::Redo);
            }
            ui.separator();
            if item(
                ui,
                has_doc && app.selected_line.is_some(),
                lang.t("Split at selected line", "在所选行拆分"),
                Some(Command::Split),
            ) {
                commands.push(Command::Split);
            }
            if item(ui, has_doc, lang.t("Merge with next", "与下一篇合并"), Some(Command::MergeNext)) {
                commands.push(Command::MergeNext);
            }
            if item(ui, has_doc, lang.t("Merge with previous", "与上一篇合并"), Some(Command::MergePrevious)) {
                commands.push(Command::MergePrevious);
            }
            if item(ui, has_doc, lang.t("Correct the text…", "改正文…"), Some(Command::CorrectText)) {
                commands.push(Command::CorrectText);
            }
            ui.separator();
            if item(ui, has_doc, lang.t("Accept and mark reviewed", "接受并标为已审"), Some(Command::AcceptAndReview))
            {
                commands.push(Command::AcceptAndReview);
            }
            if item(ui, has_doc, lang.t("Issue details…", "报纸信息…"), None) {
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
            for (command, en, zh) in [
                (Command::NextArticle, "Next article", "下一篇"),
                (Command::PreviousArticle, "Previous article", "上一篇"),
                (Command::NextUnreviewed, "Next unreviewed", "下一篇未审"),
                (Command::Search, "Search", "搜索"),
            ] {
                if item(ui, has_doc, lang.t(en, zh), Some(command)) {
                    commands.push(command);
                }
            }
            ui.separator();
            for (command, en, zh) in [
                (Command::ZoomIn, "Larger text", "放大"),
                (Command::ZoomOut, "Smaller text", "缩小"),
                (Command::ZoomReset, "Reset text size", "还原字号"),
            ] {
                if item(ui, true, lang.t(en, zh), Some(command)) {
                    commands.push(command);
                }
            }
        });
        ui.menu_button(lang.t("Help", "帮助"), |ui| {
            if item(ui, true, lang.t("Keyboard map", "快捷键"), Some(Command::Help)) {
                app.show_help = true;
            }
        });
    });
    let ctx = ui.ctx().clone();
    for c in commands {
        app.run_command(&ctx, c);
    }
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
        } else if app.pending_edit.is_some() {
            ui.spinner();
            ui.label(lang.t("Re-detecting…", "正在重新识别…"));
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
            let modal = egui::Modal::new(egui::Id::unique("confirm-discard")).show(ctx, |ui| {
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
            // Esc (or a click outside) is the dialog's cancel.
            if modal.should_close() {
                close = true;
            }
        }
        Dialog::ConfirmOverwrite { path } => {
            let modal = egui::Modal::new(egui::Id::unique("confirm-overwrite")).show(ctx, |ui| {
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
            // Esc (or a click outside) is the dialog's cancel.
            if modal.should_close() {
                close = true;
            }
        }
        Dialog::Locked { path, holder } => {
            let modal = egui::Modal::new(egui::Id::unique("locked")).show(ctx, |ui| {
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
                        actions.push(Action::TakeLock(path.clone()));
                    }
                    if ui.button(lang.t("Close the issue", "关闭这份报纸")).clicked() {
                        close = true;
                        actions.push(Action::CloseIssue);
                    }
                });
            });
            // Esc (or a click outside) is the dialog's cancel.
            if modal.should_close() {
                close = true;
                actions.push(Action::CloseIssue);
            }
        }
        Dialog::PathPrompt { purpose, text, message } => {
            let (purpose, mut text, message) = (*purpose, text.clone(), message.clone());
            let title = match purpose {
                Purpose::Open => lang.t("Open an issue", "打开报纸"),
                Purpose::OpenArchive => lang.t("Open an archive folder", "打开档案文件夹"),
                Purpose::SaveAs => lang.t("Save the annotated issue as", "标注稿另存为"),
                Purpose::Export(_) => lang.t("Export to", "导出到"),
            };
            let modal = egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
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
                            Purpose::OpenArchive => Action::OpenArchivePath(path),
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
            // Esc (or a click outside) is the dialog's cancel.
            if modal.should_close() {
                close = true;
            }
            if !close {
                app.dialog = Some(Dialog::PathPrompt { purpose, text, message });
            }
        }
        Dialog::Recover(found) => {
            let modal = egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
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
                            actions.push(Action::Restore { file: path.clone(), recovery: Box::new(rec.clone()) });
                        }
                        if ui.button(lang.t("Discard", "丢弃")).clicked() {
                            close = true;
                            actions.push(Action::DiscardRecovery(path.clone()));
                        }
                    });
                }
                if ui.button(lang.t("Decide later", "稍后再说")).clicked() {
                    close = true;
                }
            });
            // Esc (or a click outside) is the dialog's cancel.
            if modal.should_close() {
                close = true;
            }
        }
        Dialog::IssueDetails => {
            let Some(doc) = &app.doc else {
                app.dialog = None;
                return;
            };
            app.inspector.ensure(doc, app.selected);
            let meta = doc.issue.meta.clone();
            let modal = egui::Modal::new(egui::Id::unique("issue-details")).show(ctx, |ui| {
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
                if meta.pages.is_empty() {
                    ui.label(lang.t("The dump marks no pages.", "原稿没有标出版面。"));
                }
                for (k, p) in meta.pages.iter().enumerate() {
                    ui.label(page_line(lang, k, p));
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
            // Esc (or a click outside) is the dialog's cancel.
            if modal.should_close() {
                close = true;
                app.inspector.invalidate();
            }
        }
        Dialog::Repaired(message) => {
            let modal = egui::Modal::new(egui::Id::unique("repaired")).show(ctx, |ui| {
                ui.heading(lang.t("The issue file was repaired on opening", "打开时修复了标注稿"));
                ui.label(lang.t(
                    "It did not make sense as saved (changed by hand or by another program?). Jianbao repaired it as follows; saving writes the repaired issue:",
                    "文件内容有不合理之处（可能被手工或其他程序改动过）。剪报已作如下修复，保存时写入修复后的内容：",
                ));
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| ui.label(message.as_str()));
                if ui.button(lang.t("OK", "确定")).clicked() {
                    close = true;
                }
            });
            // Esc (or a click outside) is the dialog's cancel.
            if modal.should_close() {
                close = true;
            }
        }
        Dialog::Error(message) => {
            let modal = egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
                ui.heading(lang.t("Cannot do that", "无法完成"));
                ui.label(message.as_str());
                if ui.button(lang.t("OK", "确定")).clicked() {
                    close = true;
                }
            });
            // Esc (or a click outside) is the dialog's cancel.
            if modal.should_close() {
                close = true;
            }
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

/// The keyboard map (F1): modal, closed by Esc, F1 or a click outside.
pub fn help(app: &mut JianbaoApp, ctx: &egui::Context) {
    let lang = app.lang();
    let response = egui::Modal::new(egui::Id::unique("keyboard-map")).show(ctx, |ui| {
        ui.heading(lang.t("Keyboard map", "快捷键"));
        egui::ScrollArea::vertical().max_height(ctx.content_rect().height() * 0.75).show(ui, |ui| {
            egui::Grid::new("keymap").striped(true).num_columns(2).show(ui, |ui| {
                for b in KEYMAP {
                    ui.label(RichText::new(keymap::keys_text(b, lang)).monospace());
                    ui.label(lang.t(b.en, b.zh));
                    ui.end_row();
                }
            });
        });
        ui.label(lang.t(
            "Shortcuts with Ctrl or Alt work while typing; single keys only outside text fields, so a shortcut never eats what you type.",
            "带 Ctrl 或 Alt 的快捷键在输入时也可用；单键只在文本框外生效，不会吞掉正在输入的文字。",
        ));
        ui.button(lang.t("Close", "关闭")).clicked()
    });
    if response.inner || response.should_close() {
        app.show_help = false;
    }
}

/// A page of the issue as the details list it: `page 2 (要闻) · lines 40–95`; a page the
/// dump does not number is counted in order.
pub fn page_line(lang: Lang, k: usize, p: &crate::model::Page) -> String {
    let number = match p.number {
        Some(n) => format!("{} {n}", lang.t("page", "第")),
        None => format!("{} {} {}", lang.t("page", "第"), k + 1, lang.t("(unnumbered)", "（未编号）")),
    };
    let number = if lang == Lang::Zh { format!("{number}版") } else { number };
    let name = p.name.as_deref().map(|n| format!("（{n}）")).unwrap_or_default();
    format!("{number}{name} · {} {}–{}", lang.t("lines", "行"), p.lines.first, p.lines.last)
}
