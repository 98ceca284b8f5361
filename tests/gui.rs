//! The workstation driven headlessly, as an editor uses it: open an issue, walk it
//! with the keyboard, correct a headline, a byline role and a section, undo and
//! redo, split and merge, mark reviewed, save, reopen and find every change.
//! No GPU is needed (egui_kittest without a renderer).

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::{by, Queryable};
use egui_kittest::Harness;
use jianbao::model::{Review, Role};
use jianbao::ui::i18n::Lang;
use jianbao::ui::{Action, Dialog, JianbaoApp};

#[path = "common/window.rs"]
mod window;
use window::{article, opened, retype, sample_in, start_window, wait_until};

fn start(open: Option<PathBuf>, recovery: &Path, lang: Lang) -> Harness<'static, JianbaoApp> {
    start_window(open, recovery, lang, egui::vec2(1500.0, 950.0))
}

/// Clicks the drop-down showing `value` (combo boxes are found by their current value).
fn click_combo(h: &mut Harness<'static, JianbaoApp>, value: &str) {
    h.get(by().role(egui::accesskit::Role::ComboBox).value(value)).click();
    h.run_steps(2);
}

#[test]
fn an_editors_session_survives_save_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let raw = sample_in(dir.path());
    let recovery = dir.path().join("recovery");
    let mut h = start(Some(raw.clone()), &recovery, Lang::En);
    opened(&mut h);
    assert_eq!(article(h.state(), 0).headline.value().as_deref(), Some("云溪县委常委会召开扩大会议"));
    assert_eq!(h.state().doc.as_ref().unwrap().issue.articles.len(), 8);
    assert!(!h.state().doc.as_ref().unwrap().is_dirty(), "a file just opened has nothing unsaved");

    // Walk the articles with the keyboard.
    h.key_press(Key::J);
    h.run_steps(2);
    assert_eq!(h.state().selected, 1);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run_steps(2);
    assert_eq!(h.state().selected, 2);
    h.key_press(Key::K);
    h.key_press(Key::K);
    h.run_steps(2);
    assert_eq!(h.state().selected, 0);

    // Correct the headline.
    retype(&mut h, "Headline", "县委常委会部署春季重点工作");
    assert_eq!(article(h.state(), 0).headline.value().as_deref(), Some("县委常委会部署春季重点工作"));
    assert_eq!(article(h.state(), 0).headline.detected.as_deref(), Some("云溪县委常委会召开扩大会议"));
    assert!(h.state().doc.as_ref().unwrap().is_dirty());

    // Typing a letter shortcut inside a field types it: J stays in the headline.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Headline").focus();
    h.run_steps(1);
    h.key_press(Key::End);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Headline").type_text("J");
    h.run_steps(1);
    assert_eq!(h.state().selected, 0, "J in a text field does not move to the next article");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(2);

    // Change the second contributor's role: correspondent → photographer.
    click_combo(&mut h, "correspondent");
    h.get_by_label("photographer").click();
    h.run_steps(3);
    let roles: Vec<Role> = article(h.state(), 0).contributors.value().iter().map(|c| c.role).collect();
    assert_eq!(roles, [Role::Reporter, Role::Photographer]);

    // Change the section from the taxonomy: the meeting story is filed under 经济 instead.
    let proposed = article(h.state(), 0).section.value().clone().expect("a section is proposed");
    assert_ne!(proposed, "经济");
    click_combo(&mut h, &proposed);
    h.get_by_label("经济").click();
    h.run_steps(3);
    assert_eq!(article(h.state(), 0).section.value().as_deref(), Some("经济"));

    // Undo and redo the section change (no text field has focus).
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(article(h.state(), 0).section.value().as_deref(), Some(proposed.as_str()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(article(h.state(), 0).section.value().as_deref(), Some("经济"));

    // Split the first article where the attendee paragraph starts (line 14), then merge back.
    let line14 = "会议还研究了其他事项。县领导吴建华、郑秀兰、冯志刚、蒋明亮出席会议,何丽、许国栋等列席会议。";
    h.get_by_label(line14).click();
    h.run_steps(2);
    assert_eq!(h.state().selected_line, Some(14));
    h.key_press_modifiers(Modifiers::ALT, Key::S);
    // The split is worked out off the UI thread; the window stays live meanwhile.
    h.run_steps(1);
    wait_until(&mut h, "the split", |app| !app.is_busy());
    assert_eq!(h.state().doc.as_ref().unwrap().issue.articles.len(), 9);
    assert_eq!(article(h.state(), 0).lines.last, 12);
    assert_eq!(article(h.state(), 1).lines.first, 14);
    assert_eq!(h.state().selected, 1);
    assert_eq!(
        article(h.state(), 0).headline.value().as_deref(),
        Some("县委常委会部署春季重点工作"),
        "the first part keeps the corrections"
    );
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::M);
    h.run_steps(1);
    wait_until(&mut h, "the merge", |app| !app.is_busy());
    assert_eq!(h.state().doc.as_ref().unwrap().issue.articles.len(), 8);
    assert_eq!(article(h.state(), 0).lines.last, 14);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.as_ref().unwrap().issue.articles.len(), 9);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(h.state().doc.as_ref().unwrap().issue.articles.len(), 8);

    // Accept and mark reviewed: the selection moves on to the next unreviewed article.
    h.state_mut().push(Action::Select(0));
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(3);
    assert_eq!(article(h.state(), 0).review, Review::Reviewed);
    assert_eq!(h.state().selected, 1);
    assert!(h.get_by_label("reviewed 1 / 8").rect().is_positive());

    // Save: a raw dump is never written over, Save asks for a .ron beside it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(matches!(h.state().dialog, Some(Dialog::PathPrompt { .. })));
    h.get_by_label("OK").click();
    wait_until(&mut h, "the save", |app| !app.is_busy() && !app.doc.as_ref().unwrap().is_dirty());
    let saved = dir.path().join("yunxi.ron");
    assert!(saved.exists());
    assert_eq!(
        std::fs::read(&raw).unwrap(),
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/yunxi-county-news.md")).unwrap()
    );
    assert!(std::fs::read_dir(&recovery).map(|d| d.count()).unwrap_or(0) == 0, "saving removes the recovery file");
    // Saving teaches the folder's user dictionary what the editor confirmed.
    let dict = std::fs::read_to_string(dir.path().join("jianbao-dictionary.txt")).unwrap();
    assert!(dict.contains("person\t周晓"), "{dict}");
    drop(h);

    // Reopen the .ron: every change is there.
    let mut h = start(Some(saved.clone()), &recovery, Lang::En);
    opened(&mut h);
    let a = article(h.state(), 0);
    assert_eq!(a.headline.value().as_deref(), Some("县委常委会部署春季重点工作"));
    assert_eq!(a.contributors.value()[1].role, Role::Photographer);
    assert_eq!(a.section.value().as_deref(), Some("经济"));
    assert_eq!(a.review, Review::Reviewed);
    assert_eq!(a.lines.last, 14);
    assert_eq!(h.state().doc.as_ref().unwrap().issue.articles.len(), 8);
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
}

#[test]
fn closing_with_unsaved_work_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let raw = sample_in(dir.path());
    let mut h = start(Some(raw), &dir.path().join("recovery"), Lang::En);
    opened(&mut h);
    retype(&mut h, "Deck", "——一篇副题");
    h.state_mut().push(Action::Quit);
    h.run_steps(4);
    assert!(matches!(h.state().dialog, Some(Dialog::ConfirmDiscard { .. })));
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().dialog.is_none());
    assert!(h.state().doc.as_ref().unwrap().is_dirty(), "cancel keeps the work");
    // Opening another issue asks too.
    h.state_mut().push(Action::OpenPath(dir.path().join("other.md")));
    h.run_steps(2);
    assert!(matches!(h.state().dialog, Some(Dialog::ConfirmDiscard { .. })));
}

#[test]
fn a_crash_leaves_a_recovery_file_that_the_next_start_restores() {
    let dir = tempfile::tempdir().unwrap();
    let raw = sample_in(dir.path());
    let recovery = dir.path().join("recovery");
    let mut h = start(Some(raw), &recovery, Lang::En);
    opened(&mut h);
    retype(&mut h, "Headline", "恢复测试标题");
    let written = |dir: &Path| {
        std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().ends_with(".recovery.ron")))
            .unwrap_or(false)
    };
    wait_until(&mut h, "the recovery file", |_| written(&recovery));
    // The window "crashes": it is dropped without closing.
    drop(h);
    let mut h = start(None, &recovery, Lang::En);
    h.run_steps(2);
    assert!(matches!(h.state().dialog, Some(Dialog::Recover(_))));
    h.get_by_label("Restore").click();
    h.run_steps(3);
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.issue.articles[0].headline.value().as_deref(), Some("恢复测试标题"));
    assert!(doc.is_dirty(), "restored work is not saved yet");
    // A second crash right after the restore loses nothing: the restored state is on disk
    // at once, under the original's absolute path.
    assert!(written(&recovery), "the restored work is protected at once");
    drop(h);
    let found = jianbao::recovery::RecoveryStore::new(recovery.clone()).list();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1.issue.articles[0].headline.value().as_deref(), Some("恢复测试标题"));
    let original = found[0].1.original.clone().unwrap();
    assert!(original.is_absolute() && original.ends_with("yunxi.md"), "{}", original.display());
}

#[test]
fn the_window_speaks_chinese_and_shows_the_keyboard_map() {
    let dir = tempfile::tempdir().unwrap();
    let raw = sample_in(dir.path());
    let mut h = start(Some(raw), &dir.path().join("recovery"), Lang::Zh);
    opened(&mut h);
    // Chinese labels render with the bundled font (a missing glyph would fail the test).
    assert!(h.get_by_role_and_label(egui::accesskit::Role::TextInput, "主题").rect().is_positive());
    h.get_by_label("文件").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("另存为…").is_some());
    assert!(h.query_by_label_contains("Ctrl+Shift+S").is_some(), "the shortcut from the keymap is shown");
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.key_press(Key::F1);
    h.run_steps(2);
    assert!(h.state().show_help);
    assert!(h.query_by_label_contains("快捷键一览").is_some());
}

#[test]
fn a_bad_file_gets_a_message_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("empty.txt");
    std::fs::write(&bad, "").unwrap();
    let mut h = start(Some(bad), &dir.path().join("recovery"), Lang::En);
    wait_until(&mut h, "the error", |app| !app.is_busy());
    match &h.state().dialog {
        Some(Dialog::Error(m)) => assert!(m.contains("empty.txt") && m.contains("empty"), "{m}"),
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert!(h.state().doc.is_none());
}

#[test]
fn saving_over_a_file_someone_else_changed_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let raw = sample_in(dir.path());
    let ron = dir.path().join("yunxi.ron");
    let issue = jianbao::open(&raw).unwrap();
    jianbao::store::save(&issue, &ron).unwrap();
    let mut h = start(Some(ron.clone()), &dir.path().join("recovery"), Lang::En);
    opened(&mut h);
    // Another editor saves the same file meanwhile.
    std::thread::sleep(Duration::from_millis(20));
    let mut theirs = issue.clone();
    theirs.articles[1].note = Some("另一位编辑的备注".into());
    jianbao::store::save(&theirs, &ron).unwrap();
    retype(&mut h, "Headline", "我的修改");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(4);
    assert!(matches!(h.state().dialog, Some(Dialog::ConfirmOverwrite { .. })));
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(jianbao::store::load(&ron).unwrap(), theirs, "their save is untouched");
}

/// A file as the desktop hands it over when dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let dir = tempfile::tempdir().unwrap();
    let raw = sample_in(dir.path());
    let mut h = start(None, &dir.path().join("recovery"), Lang::En);
    h.run_steps(2);
    assert!(h.state().doc.is_none());
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(raw)));
    h.step();
    opened(&mut h);
    assert_eq!(h.state().doc.as_ref().unwrap().issue.articles.len(), 8);
    assert!(h.state().settings.recent[0].ends_with("yunxi.md"), "and it is remembered in Open Recent");
}

#[test]
fn file_export_writes_nitf_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let raw = sample_in(dir.path());
    let mut h = start(Some(raw), &dir.path().join("recovery"), Lang::En);
    opened(&mut h);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export").click();
    h.run_steps(2);
    h.get_by_label("NITF XML (a folder, one file per article)…").click();
    h.run_steps(4);
    assert!(matches!(h.state().dialog, Some(Dialog::PathPrompt { .. })));
    h.get_by_label("OK").click();
    wait_until(&mut h, "the export", |app| {
        !app.is_busy() && app.status.as_deref().is_some_and(|s| s.starts_with("Exported"))
    });
    let docs = std::fs::read_dir(dir.path().join("yunxi")).unwrap().count();
    assert_eq!(docs, 8, "one NITF document per article");
    h.state_mut().push(Action::ExportTo(jianbao::export::Format::Markdown, dir.path().join("yunxi.md.out")));
    wait_until(&mut h, "the markdown", |_| dir.path().join("yunxi.md.out").exists());
    assert!(std::fs::read_to_string(dir.path().join("yunxi.md.out")).unwrap().contains("### 一条老街的新生"));
}

#[test]
fn an_issue_another_editor_has_open_warns_and_the_lock_is_given_back() {
    let dir = tempfile::tempdir().unwrap();
    let raw = sample_in(dir.path());
    let ron = dir.path().join("yunxi.ron");
    jianbao::store::save(&jianbao::open(&raw).unwrap(), &ron).unwrap();
    // A colleague on another machine has it open.
    std::fs::write(jianbao::lock::lock_path(&ron), "user\tlihua\nhost\tdesk-7\npid\t4242\nsince\t0\n").unwrap();
    let mut h = start(Some(ron.clone()), &dir.path().join("recovery"), Lang::En);
    opened(&mut h);
    h.run_steps(3);
    assert!(matches!(h.state().dialog, Some(Dialog::Locked { .. })));
    assert!(h.query_by_label_contains("lihua@desk-7").is_some());
    h.get_by_label("Edit anyway").click();
    h.run_steps(2);
    assert_eq!(jianbao::lock::held_by_other(&ron), None, "the lock is ours now");
    h.state_mut().push(Action::Quit);
    h.run_steps(2);
    assert!(!jianbao::lock::lock_path(&ron).exists(), "quitting gives the lock back");
}

#[test]
fn the_joins_of_a_wrapped_article_are_accepted_with_one_click_and_one_undo() {
    // A PDF text layer set in a column fourteen characters wide: every line is a join.
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("wrapped.md");
    std::fs::write(
        &raw,
        "# 县里召开会议\n\n本报讯 会议强调，要认清\n形势，提高认识，把春耕\n生产的各项工作落到实处\n，不误农时。\n\n会上还表彰了先进个人。\n",
    )
    .unwrap();
    let mut h = start(Some(raw), &dir.path().join("recovery"), Lang::En);
    opened(&mut h);
    let open_joins = |app: &JianbaoApp| {
        article(app, 0)
            .flags
            .iter()
            .filter(|f| {
                f.kind == jianbao::model::FlagKind::BrokenParagraph && f.status == jianbao::model::FlagStatus::Open
            })
            .count()
    };
    assert!(open_joins(h.state()) >= 2, "{:#?}", article(h.state(), 0).flags);
    h.get_by_label_contains("Accept all joins").click();
    h.run_steps(2);
    assert_eq!(open_joins(h.state()), 0);
    assert!(h.query_by_label_contains("Accept all joins").is_none(), "nothing left to accept");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(open_joins(h.state()) >= 2, "one undo reopens them all");
}
