//! The command line as a newsroom script uses it: good files, bad files, and round trips.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn jianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao")).args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A small issue in GB18030, as older newsroom systems export it.
const COUNTY_PAGE: &str = "第01版：要闻\r\n\r\n# 县里召开春耕生产动员会\r\n\r\n本报讯（记者李明 通讯员赵刚）３月２日上午，县委召开春耕生产动员会议，部署全年农业生产工作。\r\n\r\n会议要求各乡镇压实责任，确保春耕\r\n\r\n生产顺利推进。\r\n";

#[test]
fn version_and_help_exit_zero() {
    let o = jianbao(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));
    let o = jianbao(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("detect") && stdout(&o).contains("export"));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(jianbao(&["detect"]).status.code(), Some(2));
    assert_eq!(jianbao(&["export", "x.txt", "--bogus"]).status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, COUNTY_PAGE).unwrap();
    let o = jianbao(&["export", path_str(&f), "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("pdf"));
}

#[test]
fn the_window_without_a_display_fails_with_a_message_not_a_panic() {
    let o = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("the window could not start"), "{}", stderr(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("/no/such/issue.txt")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/issue.txt") && stderr(&o).contains("no such file"));
}

#[test]
fn an_empty_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty-issue.txt");
    std::fs::write(&f, "").unwrap();
    let o = jianbao(&["export", path_str(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("empty-issue.txt") && stderr(&o).contains("empty"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_binary_file_renamed_txt_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("scan.txt");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    std::fs::write(&f, bytes).unwrap();
    let o = jianbao(&["detect", path_str(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("scan.txt") && stderr(&o).contains("not a text"), "{}", stderr(&o));
}

#[test]
fn a_file_too_large_for_an_issue_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("archive-dump.txt");
    let file = std::fs::File::create(&f).unwrap();
    file.set_len(jianbao::ingest::MAX_ISSUE_BYTES + 1).unwrap();
    let o = jianbao(&["export", path_str(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("archive-dump.txt") && stderr(&o).contains("larger"), "{}", stderr(&o));
}

#[test]
fn a_missing_file_is_named() {
    let o = jianbao(&["export", "/no/such/issue.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/issue.txt"));
}

#[test]
fn gb18030_with_crlf_is_read_and_exported_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("county.txt");
    let (bytes, _, _) = encoding_rs::GB18030.encode(COUNTY_PAGE);
    std::fs::write(&f, &bytes).unwrap();
    let o = jianbao(&["export", path_str(&f), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["format"], "jianbao-issue");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["meta"]["encoding"], "gb18030");
    assert_eq!(doc["meta"]["source_file"], "county.txt");
    assert_eq!(doc["meta"]["source_sha256"].as_str().unwrap().len(), 64);
    let a = &doc["articles"][0];
    assert_eq!(a["lines"], serde_json::json!([3, 9]));
    assert_eq!(a["page"], 1);
    assert_eq!(a["page_name"], "要闻");
    assert_eq!(a["headline"], "县里召开春耕生产动员会");
    assert_eq!(a["dateline"], "３月２日上午");
    assert_eq!(
        a["contributors"],
        serde_json::json!([{"name":"李明","role":"reporter"},{"name":"赵刚","role":"correspondent"}])
    );
    assert_eq!(a["paragraphs"][1], "会议要求各乡镇压实责任，确保春耕生产顺利推进。");
    assert_eq!(a["flags"][0]["kind"], "broken_paragraph");
    assert_eq!(a["flags"][0]["status"], "open");
    assert_eq!(a["review"], "unreviewed");
}

#[test]
fn detect_then_export_from_ron_gives_the_same_json_and_never_touches_the_dump() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("issue.md");
    std::fs::copy(common::asset("yunxi-county-news.md"), &raw).unwrap();
    let before = std::fs::read(&raw).unwrap();
    let ron = dir.path().join("issue.ron");
    let o = jianbao(&["detect", path_str(&raw), "-o", path_str(&ron)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let from_raw = jianbao(&["export", path_str(&raw), "--format", "json"]);
    let from_ron = jianbao(&["export", path_str(&ron), "--format", "json"]);
    assert_eq!(from_raw.status.code(), Some(0));
    assert_eq!(stdout(&from_raw), stdout(&from_ron));
    // RON export of the .ron is the .ron itself: load → save is byte-identical.
    let again = jianbao(&["export", path_str(&ron), "--format", "ron"]);
    assert_eq!(again.stdout, std::fs::read(&ron).unwrap());
    // -o to a file writes it whole.
    let json = dir.path().join("issue.json");
    let o = jianbao(&["export", path_str(&ron), "-o", path_str(&json)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&json).unwrap(), stdout(&from_ron));
    // The dump is never written over.
    let o = jianbao(&["detect", path_str(&raw), "-o", path_str(&raw)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&raw).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn a_damaged_ron_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("damaged.ron");
    std::fs::write(&f, "(\n  format: \"jianbao-issue\",\n  version: 1,\n  meta: (newspaper: ]]\n").unwrap();
    let o = jianbao(&["export", path_str(&f)]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("damaged.ron:4:"), "{e}");
}

#[test]
fn a_ron_from_a_newer_jianbao_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("future.ron");
    std::fs::write(&f, "(format: \"jianbao-issue\", version: 7, meta: (), source: \"\", articles: [])").unwrap();
    let o = jianbao(&["export", path_str(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("newer"), "{}", stderr(&o));
}

#[test]
fn detect_refuses_an_annotated_issue() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("a.txt");
    std::fs::write(&raw, COUNTY_PAGE).unwrap();
    let ron = dir.path().join("a.ron");
    assert_eq!(jianbao(&["detect", path_str(&raw), "-o", path_str(&ron)]).status.code(), Some(0));
    let o = jianbao(&["detect", path_str(&ron)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already an annotated issue"));
}
