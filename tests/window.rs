//! The window on a working day, driven headlessly with egui_kittest: each test is
//! one thing an editor found broken, done as the editor does it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{self, accesskit::Role, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use jianbao::export::Format;
use jianbao::ui::i18n::Lang;
use jianbao::ui::{Action, Dialog, JianbaoApp, NarrowTab, Purpose};

#[path = "common/window.rs"]
mod helpers;
use helpers::{article, opened, retype, sample_in, start_window, wait_until};

fn start_sized(open: Option<PathBuf>, dir: &Path, size: egui::Vec2) -> Harness<'static, JianbaoApp> {
    start_window(open, &dir.join("recovery"), Lang::En, size)
}

fn start(open: Option<PathBuf>, dir: &Path) -> Harness<'static, JianbaoApp> {
    start_sized(open, dir, egui::vec2(1500.0, 950.0))
}

#[test]
fn nitf_export_writes_into_the_folder_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(Some(sample_in(dir.path())), dir.path());
    opened(&mut h);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // What the system folder chooser returns: the folder itself.
    let ctx = h.ctx.clone();
    h.state_mut().picked(&ctx, Purpose::Export(Format::Nitf), out.clone());
    wait_until(&mut h, "the export", |app| !app.is_busy());
    let written = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(written, 8, "one document per article in the chosen folder");
    assert!(!dir.path().join("out.xml").exists(), "no new folder beside it");
}

#[test]
fn walking_the_articles_stays_inside_the_search() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(Some(sample_in(dir.path())), dir.path());
    opened(&mut h);
    // 县领导到 opens the headlines of articles 2 and 5 (0-based 1 and 4), and nothing else.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Search").type_text("县领导到");
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().selected, 1, "Enter goes to the first hit");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().selected, 4, "and the next");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().selected, 1, "round again");
    // Alt+↓ walks the hits only; past the last one it stays.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run_steps(2);
    assert_eq!(h.state().selected, 4, "articles 3 and 4 are hidden by the search");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run_steps(2);
    assert_eq!(h.state().selected, 4, "nothing after the last hit");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run_steps(2);
    assert_eq!(h.state().selected, 1);
}

#[test]
fn our_own_crashed_session_does_not_warn_of_another_editor() {
    let dir = tempfile::tempdir().unwrap();
    let raw = sample_in(dir.path());
    let ron = dir.path().join("yunxi.ron");
    jianbao::store::save(&jianbao::open(&raw).unwrap(), &ron).unwrap();
    // The lock a `kill -9`ed window of this machine left behind.
    let me = jianbao::lock::Holder::me();
    let dead = format!("user\t{}\nhost\t{}\npid\t{}\nsince\t0\n", me.user, me.host, u32::MAX - 1);
    std::fs::write(jianbao::lock::lock_path(&ron), dead).unwrap();
    let mut h = start(Some(ron.clone()), dir.path());
    opened(&mut h);
    assert!(h.state().dialog.is_none(), "{:?}", h.state().dialog);
    let lock = std::fs::read_to_string(jianbao::lock::lock_path(&ron)).unwrap();
    assert!(lock.contains(&format!("pid\t{}", std::process::id())), "the lock is taken over: {lock}");
}

#[test]
fn a_missing_file_at_start_opens_the_window_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("2026-03-14.txt");
    let mut h = start(Some(missing), dir.path());
    wait_until(&mut h, "the error", |app| !app.is_busy());
    match &h.state().dialog {
        Some(Dialog::Error(m)) => assert!(m.contains("2026-03-14.txt"), "{m}"),
        other => panic!("expected the error in the window, got {other:?}"),
    }
    assert!(h.query_by_label_contains("2026-03-14.txt").is_some(), "the message is on screen");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().dialog.is_none(), "Esc closes it");
}

#[test]
fn escape_closes_dialogs_and_the_keyboard_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(Some(sample_in(dir.path())), dir.path());
    opened(&mut h);
    h.key_press(Key::F1);
    h.run_steps(2);
    assert!(h.state().show_help);
    // The map is modal: J does not walk the articles behind it.
    h.key_press(Key::J);
    h.run_steps(2);
    assert_eq!(h.state().selected, 0);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().show_help);
    h.state_mut().dialog = Some(Dialog::IssueDetails);
    h.run_steps(2);
    assert!(h.query_by_label("Issue details").is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().dialog.is_none());
}

#[test]
fn undo_says_what_it_undoes_and_the_status_goes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(Some(sample_in(dir.path())), dir.path());
    opened(&mut h);
    h.state_mut().status_shown = Duration::from_millis(300);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run_steps(2);
    assert_eq!(h.state().selected, 2);
    retype(&mut h, "Headline", "云溪县与青石科技签约");
    let undo = h.state().doc.as_ref().unwrap().history.undo_edit().unwrap().describe().0;
    assert_eq!(undo, "headline of article 3");
    h.get_by_label("Edit").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("Undo headline of article 3").is_some(), "the Edit menu names it");
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().status.as_deref(), Some("Undone: headline of article 3"));
    std::thread::sleep(Duration::from_millis(400));
    h.run_steps(2);
    assert_eq!(h.state().status, None, "the status message expires");
}

#[test]
fn the_evidence_line_is_readable_clickable_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(Some(sample_in(dir.path())), dir.path());
    opened(&mut h);
    let evidence = article(h.state(), 0).headline.evidence.unwrap().first;
    h.get_by_label(&format!("line {evidence}")).click();
    h.run_steps(3);
    assert_eq!(h.state().selected_line, Some(evidence));
    // Lists wrap over several lines instead of one cut-off line.
    assert!(h.query_by_role_and_label(Role::MultilineTextInput, "People").is_some());
    assert!(h.query_by_role_and_label(Role::TextInput, "People").is_none());
}

#[test]
fn issue_details_number_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议。\n")
        .unwrap();
    let mut h = start(Some(plain), dir.path());
    opened(&mut h);
    h.state_mut().dialog = Some(Dialog::IssueDetails);
    h.run_steps(2);
    assert!(h.query_by_label_contains("page 1 (unnumbered)").is_some());
    assert!(h.query_by_label_contains("page ?").is_none());
    h.state_mut().dialog = None;
    let dir2 = tempfile::tempdir().unwrap();
    let mut h = start(Some(sample_in(dir2.path())), dir2.path());
    opened(&mut h);
    h.state_mut().dialog = Some(Dialog::IssueDetails);
    h.run_steps(2);
    assert!(h.query_by_label_contains("page 1（要闻）").is_some());
}

#[test]
fn the_editor_corrects_the_text_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(Some(sample_in(dir.path())), dir.path());
    opened(&mut h);
    let before = article(h.state(), 0).body().to_vec();
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run_steps(3);
    assert!(h.state().body_edit.is_some(), "Ctrl+T opens the text");
    // The editor replaces the whole text: two paragraphs, text lost at a break marked.
    let editor = h.get_by_role_and_label(Role::MultilineTextInput, "Cleaned text");
    editor.focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::MultilineTextInput, "Cleaned text")
        .type_text(&format!("{}\n\n会议要求各乡镇抓好落实。[…]", before[0].text));
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.state().body_edit.is_none());
    let a = article(h.state(), 0);
    assert_eq!(a.body().len(), 2);
    assert_eq!(a.body()[1].text, "会议要求各乡镇抓好落实。[…]");
    assert_eq!(a.paragraphs, before, "the detected text stays beside the correction");
    assert!(h.query_by_label("text corrected").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(article(h.state(), 0).body(), &before[..]);
    assert_eq!(h.state().status.as_deref(), Some("Undone: text of article 1"));
}

#[test]
fn a_laptop_window_shows_text_and_metadata_as_tabs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start_sized(Some(sample_in(dir.path())), dir.path(), egui::vec2(800.0, 600.0));
    opened(&mut h);
    assert_eq!(h.state().narrow_tab, NarrowTab::Text);
    assert!(h.query_by_role_and_label(Role::TextInput, "Headline").is_none(), "no pane over the text");
    assert!(h.query_by_label("Source").is_some());
    h.key_press(Key::F6);
    h.run_steps(3);
    assert_eq!(h.state().narrow_tab, NarrowTab::Metadata);
    assert!(h.query_by_role_and_label(Role::TextInput, "Headline").is_some());
    // Ctrl+1 from the text tab brings the headline forward.
    h.key_press(Key::F6);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(3);
    assert_eq!(h.state().narrow_tab, NarrowTab::Metadata);
    assert!(h.get_by_role_and_label(Role::TextInput, "Headline").is_focused());
}

#[test]
fn the_next_article_opens_its_metadata_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start_sized(Some(sample_in(dir.path())), dir.path(), egui::vec2(1366.0, 768.0));
    opened(&mut h);
    // Scroll the inspector to its bottom on article 1.
    let note = h.get_by_role_and_label(Role::MultilineTextInput, "Editor's note");
    note.scroll_to_me();
    h.run_steps(3);
    assert!(h.query_by_role_and_label(Role::TextInput, "Headline").is_none_or(|n| n.rect().max.y < 60.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().selected, 1);
    let headline = h.get_by_role_and_label(Role::TextInput, "Headline").rect();
    assert!(headline.min.y > 0.0 && headline.max.y < 768.0, "the new headline is on screen: {headline:?}");
}

#[test]
fn a_huge_article_is_shown_in_windows_and_runaway_values_cut() {
    let dir = tempfile::tempdir().unwrap();
    let text = "县委召开会议，部署春耕工作。\n".repeat(30_000);
    let mut issue = jianbao::detect_bytes(text.as_bytes(), "long.txt").unwrap();
    let last = issue.source.lines().count() as u32;
    issue.articles.truncate(1);
    issue.articles[0].lines = jianbao::model::LineSpan::new(1, last);
    issue.articles[0].headline.corrected = Some(Some("县".repeat(100_000)));
    let ron = dir.path().join("long.ron");
    jianbao::store::save(&issue, &ron).unwrap();
    let mut h = start(Some(ron), dir.path());
    opened(&mut h);
    assert!(h.state().dialog.is_none(), "{:?}", h.state().dialog);
    // The source view lays out a window of the span, not 30,000 lines a frame.
    assert!(h.query_by_label_contains("Showing lines 1–400").is_some());
    h.get_by_label("later ▶").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("Showing lines 401–800").is_some());
    // The runaway headline is shown cut, in the list and the inspector, and can be cleared.
    assert!(h.query_all_by_label_contains("… (+").count() >= 2, "the list row and the heading");
    assert!(h.query_by_role_and_label(Role::TextInput, "Headline").is_none());
    h.get_by_label_contains("clear (too long to edit here)").click();
    h.run_steps(3);
    assert_eq!(article(h.state(), 0).headline.value(), &None);
}

#[test]
fn the_archive_view_lists_issues_searches_and_opens_a_hit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    std::fs::create_dir_all(root.join("2026/03")).unwrap();
    sample_in(&root.join("2026/03"));
    std::fs::write(
        root.join("2026/03/0315.txt"),
        "县图书馆开展读书活动\n\n本报讯（记者何丽）３月15日，县图书馆启动全民阅读活动。\n",
    )
    .unwrap();
    let mut h = start(None, dir.path());
    h.run_steps(2);
    h.state_mut().push(jianbao::ui::Action::OpenArchivePath(root.clone()));
    h.run_steps(2);
    wait_until(&mut h, "the archive to be indexed", |app| app.archive.as_ref().is_some_and(|a| !a.indexing));
    assert_eq!(h.state().archive.as_ref().unwrap().issues.len(), 2, "both issues listed");
    assert_eq!(h.query_all_by_label_contains("reviewed 0/").count(), 2, "with their review progress");
    h.get_by_role_and_label(Role::TextInput, "Search the archive").focus();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Search the archive").type_text("全民阅读");
    h.key_press(Key::Enter);
    wait_until(&mut h, "the hits", |app| app.archive.as_ref().is_some_and(|a| !a.hits.is_empty()));
    let hit = h.state().archive.as_ref().unwrap().hits[0].clone();
    assert!(hit.snippet.contains("【全民阅读】") || hit.headline.contains("读书"), "{hit:?}");
    h.get_by_label_contains(&hit.headline).click();
    h.run_steps(2);
    wait_until(&mut h, "the hit's issue to open", |app| app.doc.is_some() && !app.is_busy());
    let a = article(h.state(), h.state().selected);
    assert_eq!(a.id, hit.id, "opened at the article found");
}

#[test]
fn saving_an_issue_of_the_archive_updates_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    std::fs::create_dir_all(&root).unwrap();
    let raw = sample_in(&root);
    let ron = root.join("yunxi.ron");
    jianbao::store::save(&jianbao::open(&raw).unwrap(), &ron).unwrap();
    std::fs::remove_file(&raw).unwrap();
    let mut h = start(None, dir.path());
    h.state_mut().push(jianbao::ui::Action::OpenArchivePath(root.clone()));
    h.run_steps(2);
    wait_until(&mut h, "the archive to be indexed", |app| app.archive.as_ref().is_some_and(|a| !a.indexing));
    h.state_mut().push(jianbao::ui::Action::OpenPath(ron.clone()));
    opened(&mut h);
    retype(&mut h, "Headline", "县委部署春季茶叶采摘");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_until(&mut h, "the save and the re-index", |app| {
        !app.is_busy() && app.archive.as_ref().is_some_and(|a| !a.indexing) && !app.doc.as_ref().unwrap().is_dirty()
    });
    wait_until(&mut h, "the re-index", |app| app.archive.as_ref().is_some_and(|a| !a.indexing));
    let options = jianbao::index::SearchOptions { limit: 5, ..Default::default() };
    let hits = jianbao::index::search(&root, "茶叶 采摘", &options).unwrap();
    assert_eq!(hits.first().map(|h| h.headline.as_str()), Some("县委部署春季茶叶采摘"), "{hits:?}");
}

#[test]
fn a_split_worked_out_while_the_issue_changed_is_dropped_with_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start(Some(sample_in(dir.path())), dir.path());
    opened(&mut h);
    let before = h.state().doc.as_ref().unwrap().issue.articles.len();
    // Line 14 opens the attendee paragraph of the first article.
    assert!(article(h.state(), 0).lines.last >= 14);
    // The split goes to a worker thread; the editor's next change lands before it is back.
    h.state_mut().push(Action::SplitAt(14));
    h.state_mut().push(Action::SetIssueMeta { newspaper: Some("云溪县报".into()), date: None });
    h.run_steps(1);
    wait_until(&mut h, "the split", |app| !app.is_busy());
    let app = h.state();
    assert_eq!(app.doc.as_ref().unwrap().issue.articles.len(), before, "a split for an older state is not applied");
    assert!(app.status.as_deref().is_some_and(|s| s.contains("do it again")), "status: {:?}", app.status);
    // Asked again on the state as it is, it goes through.
    h.state_mut().push(Action::SplitAt(14));
    h.run_steps(1);
    wait_until(&mut h, "the split", |app| !app.is_busy());
    assert_eq!(h.state().doc.as_ref().unwrap().issue.articles.len(), before + 1);
}
