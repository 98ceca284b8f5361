//! The files and accidents of a real archive: damaged bytes, special files, symlink
//! loops, name collisions, hostile text in exports, damaged annotated issues. Each
//! test reproduces a defect a hostile run found.

use std::path::Path;
use std::process::Command;

const SAMPLE: &str = include_str!("../assets/yunxi-county-news.md");

fn jianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao")).args(args).output().expect("the binary runs")
}

fn text(o: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// 150 copies of the sample page, each missing one byte: every one reads as UTF-8, with
/// the damaged spot flagged, never as mojibake from a Western code page.
#[test]
fn a_page_missing_a_byte_is_read_as_utf8_and_the_spot_flagged() {
    let bytes = SAMPLE.as_bytes();
    let headline = "云溪县委常委会召开扩大会议";
    let mut flagged = 0;
    for k in 0..150 {
        let cut = 40 + (k * 7919) % (bytes.len() - 80);
        let mut damaged = bytes.to_vec();
        damaged.remove(cut);
        let issue = jianbao::detect_bytes(&damaged, "damaged.md").unwrap_or_else(|e| panic!("cut {cut}: {e}"));
        assert!(issue.meta.encoding.starts_with("UTF-8"), "cut {cut}: read as {}", issue.meta.encoding);
        let source_ok = issue.source.contains(headline) || issue.source.contains('\u{FFFD}');
        assert!(source_ok, "cut {cut}: the headline is garbled");
        let replaced = issue.source.contains('\u{FFFD}');
        let flag =
            issue.articles.iter().flat_map(|a| &a.flags).any(|f| f.kind == jianbao::model::FlagKind::DamagedEncoding);
        if replaced {
            assert!(issue.meta.encoding.contains("replaced"), "{}", issue.meta.encoding);
            // The spot is flagged when it lies in an article (not in a page marker or blank line).
            flagged += usize::from(flag);
        }
    }
    assert!(flagged > 50, "the damaged spots are flagged ({flagged} of 150)");
}

#[test]
fn a_gb18030_page_with_bad_bytes_is_gb18030_and_a_batch_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(SAMPLE);
    let mut damaged = gb.to_vec();
    let at = damaged.len() / 2;
    damaged[at] = 0xff;
    std::fs::write(dir.path().join("0314.txt"), &damaged).unwrap();
    let issue = jianbao::open(&dir.path().join("0314.txt")).unwrap();
    assert!(issue.meta.encoding.starts_with("gb18030 (1 bad"), "{}", issue.meta.encoding);
    assert!(issue.source.contains("云溪县委常委会召开扩大会议"));
    let out = dir.path().join("out");
    let o = jianbao(&["detect", p(dir.path()), "-o", p(&out)]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("damaged"), "the summary names the damaged file: {}", text(&o));
}

const PAGE: &str = "县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议。\n";

#[test]
fn two_inputs_with_one_name_get_two_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("page.txt"), PAGE).unwrap();
    std::fs::write(input.join("page.md"), format!("# {PAGE}")).unwrap();
    let out = dir.path().join("out");
    let o = jianbao(&["detect", p(&input), "-o", p(&out)]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(out.join("page.txt.ron").is_file() && out.join("page.md.ron").is_file(), "{}", text(&o));
    assert!(!out.join("page.ron").exists());
    assert!(text(&o).contains("2 done") && text(&o).contains("named apart"), "{}", text(&o));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("archive");
    std::fs::create_dir_all(input.join("1998/01")).unwrap();
    std::fs::write(input.join("1998/01/0101.txt"), PAGE).unwrap();
    // Two links back up the tree.
    std::os::unix::fs::symlink(&input, input.join("1998/01/back")).unwrap();
    std::os::unix::fs::symlink(input.join("1998"), input.join("1998/01/up")).unwrap();
    let out = dir.path().join("out");
    let started = std::time::Instant::now();
    let o = jianbao(&["detect", p(&input), "-o", p(&out)]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "the batch does not hang");
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("1 done"), "{}", text(&o));
    assert!(text(&o).contains("skipped") && text(&o).contains("already walked"), "{}", text(&o));
    let outputs = walk_count(&out);
    assert_eq!(outputs, 1, "one output, no nested duplicates");
}

fn walk_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| if e.path().is_dir() { walk_count(&e.path()) } else { 1 }).sum())
        .unwrap_or(0)
}

#[cfg(unix)]
fn fifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo runs").success();
    assert!(ok, "mkfifo {}", path.display());
}

/// A command that must end by itself within a few seconds (a FIFO must not hang it).
#[cfg(unix)]
fn finishes(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("jianbao {args:?} hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("0101.txt"), PAGE).unwrap();
    fifo(&input.join("0102.txt"));
    let out = dir.path().join("out");
    let o = finishes(&["detect", p(&input), "-o", p(&out)]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("1 done") && text(&o).contains("0102.txt: not a regular file"), "{}", text(&o));
    let o = finishes(&["detect", p(&input.join("0102.txt"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("not a regular file"), "{}", text(&o));
    let o = finishes(&["export", p(&input.join("0102.txt")), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let ron = dir.path().join("x.ron");
    fifo(&ron);
    let o = finishes(&["export", p(&ron), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("not a regular file"), "{}", text(&o));
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_special_file_or_a_link_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("0101.txt");
    std::fs::write(&page, PAGE).unwrap();
    let out_fifo = dir.path().join("out.json");
    fifo(&out_fifo);
    let o = finishes(&["export", p(&page), "-o", p(&out_fifo)]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("not an ordinary file"), "{}", text(&o));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&out_fifo).unwrap().file_type().is_fifo(), "the FIFO is still a FIFO");
    // A link to an ordinary file is written through; the link stays.
    let real = dir.path().join("real.json");
    std::fs::write(&real, "{}").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = finishes(&["export", p(&page), "-o", p(&link)]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("jianbao-issue"));
}

#[test]
fn markdown_and_text_exports_carry_no_markup_or_escape_sequences() {
    let page = "# 县里召开会议<script>alert(1)</script>\n\n本报讯 会议要求<img src=x onerror=alert(1)>，详见<https://evil.example>和[通知](javascript:alert(1))。\u{1b}[31m红字\u{1b}[0m\n";
    let issue = jianbao::detect_bytes(page.as_bytes(), "hostile.md").unwrap();
    let md = jianbao::export::render(&issue, jianbao::export::Format::Markdown).unwrap();
    for (i, c) in md.char_indices() {
        if matches!(c, '<' | '[') {
            assert!(md[..i].ends_with('\\'), "unescaped {c} at {i}: {md}");
        }
    }
    assert!(!md.contains('\u{1b}'), "{md}");
    let txt = jianbao::export::render(&issue, jianbao::export::Format::Text).unwrap();
    assert!(!txt.contains('\u{1b}') && txt.contains("红字"), "{txt}");
}

#[test]
fn a_hand_edited_issue_with_control_characters_still_gives_well_formed_nitf() {
    let mut issue = jianbao::detect_bytes(PAGE.as_bytes(), "0101.txt").unwrap();
    issue.meta.date.corrected = Some(Some("2026-03-14\u{1}".into()));
    issue.articles[0].id = "p1-1\u{2}".into();
    issue.meta.source_sha256 = format!("{}\u{3}", issue.meta.source_sha256);
    for (_, xml) in jianbao::export::render_files(&issue) {
        let bad = xml.chars().find(|&c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}'));
        assert_eq!(bad, None, "{xml}");
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed: {e}\n{xml}"),
            }
        }
    }
}

#[test]
fn exporting_nitf_again_replaces_the_issues_documents_as_a_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nitf");
    let mut issue = jianbao::detect_bytes(SAMPLE.as_bytes(), "yunxi.md").unwrap();
    let first = jianbao::export::write(&issue, jianbao::export::Format::Nitf, &out).unwrap();
    assert_eq!(first.len(), 8);
    // Another issue's document and the editor's own file share the folder.
    let other = jianbao::detect_bytes(PAGE.as_bytes(), "0101.txt").unwrap();
    let (name, xml) = jianbao::export::render_files(&other).remove(0);
    std::fs::write(out.join(format!("other-{name}")), xml).unwrap();
    std::fs::write(out.join("notes.txt"), "编辑的笔记").unwrap();
    // The editor merged two articles: 7 now.
    issue.articles.remove(1);
    let second = jianbao::export::write(&issue, jianbao::export::Format::Nitf, &out).unwrap();
    assert_eq!(second.len(), 7);
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    assert_eq!(names.len(), 7 + 2, "no stale document of this issue is left: {names:?}");
    assert!(names.iter().any(|n| n == "notes.txt") && names.iter().any(|n| n.starts_with("other-")));
    // A folder name that is a file is refused before anything is written.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert!(jianbao::export::write(&issue, jianbao::export::Format::Nitf, &file).is_err());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn a_hand_broken_annotated_issue_is_repaired_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = jianbao::detect_bytes(SAMPLE.as_bytes(), "yunxi.md").unwrap();
    let n = issue.articles.len();
    issue.articles[n - 1].lines.last = 4_000_000;
    issue.articles[0].headline.confidence = f32::NAN;
    issue.articles[2].id = issue.articles[1].id.clone();
    let ron = dir.path().join("yunxi.ron");
    std::fs::write(&ron, jianbao::store::to_ron(&issue).unwrap()).unwrap();
    let out = dir.path().join("yunxi.json");
    let o = jianbao(&["export", p(&ron), "-o", p(&out)]);
    assert!(o.status.success(), "{}", text(&o));
    let said = text(&o);
    assert!(said.contains("repaired on loading") && said.contains("4000000"), "{said}");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let articles = json["articles"].as_array().unwrap();
    let last_line = issue.source.lines().count() as u64;
    assert!(articles.iter().all(|a| a["lines"][1].as_u64().unwrap() <= last_line));
    let ids: std::collections::HashSet<&str> = articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), articles.len(), "ids are unique");
    // Two articles over the same lines cannot be repaired: refused with the reason.
    issue.articles[1].lines = issue.articles[0].lines;
    std::fs::write(&ron, jianbao::store::to_ron(&issue).unwrap()).unwrap();
    let o = jianbao(&["export", p(&ron), "-o", p(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("cover the same lines"), "{}", text(&o));
}

/// A dump with no page markers is one long page: it is tagged in pieces (memory
/// bounded) and gives articles like a short page does. The briefs are on six topics
/// in turn, as a page's are: a story repeating the one before it word for word reads
/// as its continuation (its headline as a subhead), pieces or not. Their leads are of
/// different lengths, as a page's are: leads all set alike would make the page read
/// as a narrow column's text layer, wrapped at every line.
#[test]
fn a_very_long_page_is_detected_in_pieces() {
    const BRIEFS: [(&str, &str); 6] = [
        (
            "县里召开第{k}次春耕动员会",
            "本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议，部署全年农业生产工作。",
        ),
        ("城东新建第{k}座便民菜市场", "本报讯（记者王芳）城东街道新建的便民菜市场日前开业。"),
        ("县医院第{k}期义诊走进山村", "本报讯（通讯员赵亮）县人民医院组织内科、骨科、眼科专家到石门乡义诊，为村民免费测血压、测血糖、送常用药品，还为行动不便的老人上门看病，受到村民欢迎。"),
        ("第{k}届乡村篮球赛开赛", "本报讯（记者周芳）由县体育局主办的乡村篮球赛在县体育馆开幕，十六支村队参赛。"),
        ("县图书馆第{k}次送书下乡", "本报讯（记者孙伟）县图书馆把两千册新书送到柳河村农家书屋，有农业技术、医疗保健、少儿读物等十多个门类，供村民免费借阅，图书馆还将每季度更换一次书目，让农家书屋常看常新。"),
        ("第{k}批高标准农田通过验收", "本报讯（记者刘洋）全县新建成的高标准农田通过省里验收，亩均增产粮食八十公斤。"),
    ];
    let headline = |k: usize| BRIEFS[k % 6].0.replace("{k}", &k.to_string());
    let mut page = String::new();
    for k in 0..1_500 {
        page.push_str(&format!("{}\n\n{}\n\n", headline(k), BRIEFS[k % 6].1));
    }
    let issue = jianbao::detect_bytes(page.as_bytes(), "long.txt").unwrap();
    assert!(issue.source.lines().count() > 4_000);
    assert_eq!(issue.articles.len(), 1_500, "every story found across the pieces");
    for (k, a) in issue.articles.iter().enumerate() {
        assert_eq!(a.headline.value().as_deref(), Some(headline(k).as_str()), "article {k}");
    }
}
