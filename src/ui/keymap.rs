//! The keyboard map, defined once: the shortcut handler, the menus' shortcut
//! hints and the F1 map are all read from [`KEYMAP`].

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::i18n::Lang;
use super::{Action, JianbaoApp, NarrowTab};
use crate::export::Format;
use crate::fields::FieldName;

/// Everything a key can ask the window to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    NextArticle,
    PreviousArticle,
    NextUnreviewed,
    AcceptAndReview,
    FocusHeadline,
    FocusByline,
    FocusSection,
    CorrectText,
    Search,
    Undo,
    Redo,
    Split,
    MergeNext,
    MergePrevious,
    Save,
    SaveAs,
    Open,
    ExportJson,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Help,
    /// In a narrow window: the text or the metadata beside the list.
    SwitchPane,
}

/// One key combination.
#[derive(Debug, Clone, Copy)]
pub struct Chord {
    pub modifiers: Modifiers,
    pub key: Key,
    /// Only outside a text field: a bare key, or one the field uses itself (Ctrl+Z undoes typing).
    pub outside_text: bool,
}

const fn chord(modifiers: Modifiers, key: Key) -> Chord {
    Chord { modifiers, key, outside_text: false }
}

const fn bare(modifiers: Modifiers, key: Key) -> Chord {
    Chord { modifiers, key, outside_text: true }
}

/// A command, its keys and what it does in both languages.
pub struct Binding {
    pub command: Command,
    pub chords: &'static [Chord],
    pub en: &'static str,
    pub zh: &'static str,
    /// Also while a dialog is open (saving, opening, the keyboard map).
    pub in_dialogs: bool,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };
const ALT_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::ALT };

pub const KEYMAP: &[Binding] = &[
    Binding {
        command: Command::NextArticle,
        chords: &[
            chord(Modifiers::ALT, Key::ArrowDown),
            bare(Modifiers::NONE, Key::ArrowDown),
            bare(Modifiers::NONE, Key::J),
        ],
        en: "Next article (of those the list shows)",
        zh: "下一篇（列表中显示的）",
        in_dialogs: false,
    },
    Binding {
        command: Command::PreviousArticle,
        chords: &[
            chord(Modifiers::ALT, Key::ArrowUp),
            bare(Modifiers::NONE, Key::ArrowUp),
            bare(Modifiers::NONE, Key::K),
        ],
        en: "Previous article",
        zh: "上一篇",
        in_dialogs: false,
    },
    Binding {
        command: Command::NextUnreviewed,
        chords: &[chord(Modifiers::ALT, Key::N), bare(Modifiers::NONE, Key::N)],
        en: "Next unreviewed article",
        zh: "下一篇未审",
        in_dialogs: false,
    },
    Binding {
        command: Command::AcceptAndReview,
        chords: &[chord(CTRL, Key::Enter)],
        en: "Accept detected values, mark reviewed, go to the next unreviewed",
        zh: "接受检测结果、标为已审并转到下一篇未审",
        in_dialogs: false,
    },
    Binding {
        command: Command::FocusHeadline,
        chords: &[chord(CTRL, Key::Num1)],
        en: "Focus the headline",
        zh: "定位到主题",
        in_dialogs: false,
    },
    Binding {
        command: Command::FocusByline,
        chords: &[chord(CTRL, Key::Num2)],
        en: "Focus the byline",
        zh: "定位到署名",
        in_dialogs: false,
    },
    Binding {
        command: Command::FocusSection,
        chords: &[chord(CTRL, Key::Num3)],
        en: "Focus the section",
        zh: "定位到栏目",
        in_dialogs: false,
    },
    Binding {
        command: Command::CorrectText,
        chords: &[chord(CTRL, Key::T)],
        en: "Correct the cleaned text (Esc when done)",
        zh: "改正文（改完按 Esc）",
        in_dialogs: false,
    },
    Binding {
        command: Command::SwitchPane,
        chords: &[chord(Modifiers::NONE, Key::F6)],
        en: "Narrow window: switch between the text and the metadata",
        zh: "窄窗口：在正文和元数据之间切换",
        in_dialogs: false,
    },
    Binding {
        command: Command::Search,
        chords: &[chord(CTRL, Key::F)],
        en: "Search headlines and text (Enter: next hit)",
        zh: "搜索标题和正文（回车：下一处）",
        in_dialogs: false,
    },
    Binding {
        command: Command::Redo,
        chords: &[bare(CTRL_SHIFT, Key::Z), bare(CTRL, Key::Y)],
        en: "Redo",
        zh: "重做",
        in_dialogs: false,
    },
    Binding {
        command: Command::Undo,
        chords: &[bare(CTRL, Key::Z)],
        en: "Undo (in a text field: undo typing)",
        zh: "撤销（文本框内撤销输入）",
        in_dialogs: false,
    },
    Binding {
        command: Command::Split,
        chords: &[chord(Modifiers::ALT, Key::S)],
        en: "Split the article at the selected source line",
        zh: "在所选原文行处拆分稿件",
        in_dialogs: false,
    },
    Binding {
        command: Command::MergePrevious,
        chords: &[chord(ALT_SHIFT, Key::M)],
        en: "Merge with the previous article",
        zh: "与上一篇合并",
        in_dialogs: false,
    },
    Binding {
        command: Command::MergeNext,
        chords: &[chord(Modifiers::ALT, Key::M)],
        en: "Merge with the next article",
        zh: "与下一篇合并",
        in_dialogs: false,
    },
    Binding {
        command: Command::SaveAs,
        chords: &[chord(CTRL_SHIFT, Key::S)],
        en: "Save as",
        zh: "另存为",
        in_dialogs: true,
    },
    Binding { command: Command::Save, chords: &[chord(CTRL, Key::S)], en: "Save", zh: "保存", in_dialogs: true },
    Binding {
        command: Command::Open,
        chords: &[chord(CTRL, Key::O)],
        en: "Open an issue",
        zh: "打开报纸",
        in_dialogs: true,
    },
    Binding {
        command: Command::ExportJson,
        chords: &[chord(CTRL, Key::E)],
        en: "Export as JSON",
        zh: "导出为 JSON",
        in_dialogs: true,
    },
    Binding {
        command: Command::ZoomIn,
        chords: &[chord(CTRL, Key::Equals), chord(CTRL, Key::Plus)],
        en: "Larger text",
        zh: "放大",
        in_dialogs: true,
    },
    Binding {
        command: Command::ZoomOut,
        chords: &[chord(CTRL, Key::Minus)],
        en: "Smaller text",
        zh: "缩小",
        in_dialogs: true,
    },
    Binding {
        command: Command::ZoomReset,
        chords: &[chord(CTRL, Key::Num0)],
        en: "Reset text size",
        zh: "还原字号",
        in_dialogs: true,
    },
    Binding {
        command: Command::Help,
        chords: &[chord(Modifiers::NONE, Key::F1), bare(Modifiers::SHIFT, Key::Questionmark)],
        en: "This keyboard map (Esc closes it and any dialog)",
        zh: "快捷键一览（Esc 关闭它和任何对话框）",
        in_dialogs: true,
    },
];

/// How a chord is written: `Ctrl+Shift+S`, `Alt+↓`, `J`.
pub fn chord_text(c: &Chord) -> String {
    let mut s = String::new();
    if c.modifiers.command || c.modifiers.ctrl {
        s.push_str("Ctrl+");
    }
    if c.modifiers.alt {
        s.push_str("Alt+");
    }
    if c.modifiers.shift && c.key != Key::Questionmark {
        s.push_str("Shift+");
    }
    s.push_str(key_name(c.key));
    s
}

/// A key as printed on the keyboard (arrows as arrows every font here has).
fn key_name(key: Key) -> &'static str {
    match key {
        Key::ArrowDown => "↓",
        Key::ArrowUp => "↑",
        Key::Questionmark => "?",
        Key::Equals => "=",
        Key::Plus => "+",
        Key::Minus => "-",
        other => other.name(),
    }
}

/// The first key of a command, for a menu's shortcut hint; empty when it has none.
pub fn shortcut_text(command: Command) -> String {
    KEYMAP.iter().find(|b| b.command == command).and_then(|b| b.chords.first()).map(chord_text).unwrap_or_default()
}

/// Every key of a binding, for the F1 map: `Alt+↓, or ↓ / J outside a text field`.
pub fn keys_text(b: &Binding, lang: Lang) -> String {
    let with: Vec<String> = b.chords.iter().filter(|c| !c.outside_text).map(chord_text).collect();
    let outside: Vec<String> = b.chords.iter().filter(|c| c.outside_text).map(chord_text).collect();
    let (with, outside) = (with.join(" / "), outside.join(" / "));
    match (with.is_empty(), outside.is_empty(), lang) {
        (_, true, _) => with,
        (true, false, Lang::En) => format!("{outside} outside a text field"),
        (true, false, Lang::Zh) => format!("文本框外 {outside}"),
        (false, false, Lang::En) => format!("{with}, or {outside} outside a text field"),
        (false, false, Lang::Zh) => format!("{with}，或文本框外 {outside}"),
    }
}

/// The commands whose keys were pressed this frame. Chords with more modifiers are tried
/// first (Ctrl+Shift+S before Ctrl+S); bare keys never fire while a text field has focus,
/// so a shortcut never eats typing; only `in_dialogs` commands fire under a dialog.
pub fn pressed(ctx: &egui::Context, dialog_open: bool) -> Vec<Command> {
    let typing = ctx.text_edit_focused();
    let mut chords: Vec<(&Binding, &Chord)> =
        KEYMAP.iter().flat_map(|b| b.chords.iter().map(move |c| (b, c))).collect();
    let weight = |m: Modifiers| m.command as u8 + m.ctrl as u8 + m.alt as u8 + m.shift as u8;
    chords.sort_by_key(|(_, c)| std::cmp::Reverse(weight(c.modifiers)));
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (b, c) in chords {
            if (c.outside_text && typing) || (dialog_open && !b.in_dialogs) || out.contains(&b.command) {
                continue;
            }
            let hit = if weight(c.modifiers) == 0 || c.key == Key::Questionmark {
                i.consume_key(c.modifiers, c.key)
            } else {
                i.consume_shortcut(&KeyboardShortcut::new(c.modifiers, c.key))
            };
            if hit {
                out.push(b.command);
            }
        }
    });
    out
}

impl JianbaoApp {
    /// Keyboard shortcuts, from the one keymap table (see [`keymap::pressed`]).
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        for command in pressed(ctx, self.dialog.is_some() || self.show_help) {
            self.run_command(ctx, command);
        }
    }

    /// What a command of the keymap (a key, or a menu item) does.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        let action = match command {
            Command::NextArticle => Action::Next,
            Command::PreviousArticle => Action::Previous,
            Command::NextUnreviewed => Action::NextUnreviewed,
            Command::AcceptAndReview => Action::AcceptAndReview,
            Command::FocusHeadline | Command::FocusByline | Command::FocusSection => {
                self.focus_field = Some(match command {
                    Command::FocusHeadline => FieldName::Headline,
                    Command::FocusByline => FieldName::Contributors,
                    _ => FieldName::Section,
                });
                return;
            }
            Command::CorrectText => Action::EditBody,
            Command::Search => {
                self.focus_search = true;
                return;
            }
            Command::Undo => Action::Undo,
            Command::Redo => Action::Redo,
            Command::Split => match self.selected_line {
                Some(line) => Action::SplitAt(line),
                None => {
                    let lang = self.lang();
                    Action::Status(lang.t("Click a source line first", "先点击一行原文").to_string())
                }
            },
            Command::MergeNext => Action::MergeNext,
            Command::MergePrevious => Action::MergePrevious,
            Command::Save => Action::Save,
            Command::SaveAs => Action::SaveAs,
            Command::Open => Action::Open,
            Command::ExportJson => Action::Export(Format::Json),
            Command::ZoomIn | Command::ZoomOut | Command::ZoomReset => {
                let zoom = match command {
                    Command::ZoomIn => ctx.zoom_factor() + 0.1,
                    Command::ZoomOut => ctx.zoom_factor() - 0.1,
                    _ => 1.0,
                };
                ctx.set_zoom_factor(zoom.clamp(0.5, 3.0));
                return;
            }
            Command::Help => {
                self.show_help = !self.show_help;
                return;
            }
            Command::SwitchPane => {
                self.narrow_tab = match self.narrow_tab {
                    NarrowTab::Text => NarrowTab::Metadata,
                    NarrowTab::Metadata => NarrowTab::Text,
                };
                return;
            }
        };
        self.actions.push(action);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_key_and_keys_read_as_on_the_keyboard() {
        assert_eq!(shortcut_text(Command::SaveAs), "Ctrl+Shift+S");
        assert_eq!(shortcut_text(Command::NextArticle), "Alt+↓");
        assert_eq!(shortcut_text(Command::Help), "F1");
        for b in KEYMAP {
            assert!(!b.chords.is_empty(), "{:?}", b.command);
        }
        // No two commands share a chord.
        let all: Vec<String> = KEYMAP.iter().flat_map(|b| b.chords.iter().map(chord_text)).collect();
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(all.len(), unique.len(), "{all:?}");
    }

    #[test]
    fn the_readme_shows_the_keymap_of_the_window() {
        let readme = include_str!("../../README.md");
        let table: String = KEYMAP.iter().map(|b| format!("| {} | {} |\n", keys_text(b, Lang::En), b.en)).collect();
        assert!(readme.contains(&table), "README's keyboard map must read:\n{table}");
    }
}
