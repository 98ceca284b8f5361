//! Archive exports (every format, NITF validated against the official schema with
//! xmllint) and batch work over folders with a broken file in them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use jianbao::export::{self, Format};
use jianbao::model::Issue;

/// The NITF 3.6 schema beside the checkout, or `None` (said loudly) when ../shared is missing.
fn nitf_schema() -> Option<PathBuf> {
    common::shared_file("schemas/nitf-3.6/nitf-3-6.xsd")
}

/// Validates NITF documents with xmllint. A machine without xmllint fails the test:
/// CI installs it (Debian package libxml2-utils).
fn validate(schema: &Path, files: &[PathBuf]) {
    assert!(!files.is_empty());
    for chunk in files.chunks(200) {
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(schema)
            .args(chunk)
            .output()
            .unwrap_or_else(|e| panic!("xmllint is needed to validate NITF (apt-get install libxml2-utils): {e}"));
        assert!(out.status.success(), "NITF does not validate:\n{}", String::from_utf8_lossy(&out.stderr));
    }
}

fn all_formats(issue: &Issue, dir: &Path, stem: &str) -> Vec<PathBuf> {
    let mut nitf = Vec::new();
    for format in Format::ALL {
        let out = dir.join(format!("{stem}.{}", format.extension()));
        let written = export::write(issue, format, &out).unwrap();
        if format == Format::Nitf {
            assert_eq!(written.len(), issue.articles.len(), "one document per article");
            nitf.extend(written);
        } else {
            let text = std::fs::read_to_string(&out).unwrap();
            assert!(!text.trim().is_empty(), "{format:?} is empty");
            match format {
                Format::Json => {
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                    assert_eq!(v["articles"].as_array().unwrap().len(), issue.articles.len());
                }
                Format::Ron => assert_eq!(&jianbao::store::from_ron(&text, "x.ron").unwrap(), issue),
                Format::CleanRon => {
                    let v: ron::Value = ron::from_str(&text).unwrap();
                    assert!(format!("{v:?}").contains("jianbao-clean"));
                }
                Format::Markdown | Format::Text => {
                    for a in &issue.articles {
                        if let Some(h) = a.headline.value() {
                            // Markdown escapes what it would read as markup (`<`, `&`, …);
                            // Both drop control characters.
                            let shown =
                                if format == Format::Markdown { export::md_text(h) } else { export::plain_text(h) };
                            assert!(text.contains(&shown), "{format:?} lacks the headline {shown}");
                        }
                    }
                }
                Format::OpenSearch => {
                    // An action line and a document line per article, each one JSON object.
                    let lines: Vec<serde_json::Value> =
                        text.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
                    assert_eq!(lines.len(), 2 * issue.articles.len());
                    assert!(out.with_extension("mapping.json").is_file());
                }
                Format::Nitf => unreachable!(),
            }
        }
    }
    nitf
}

#[test]
fn every_format_of_the_real_page_and_nitf_validates() {
    let Some(schema) = nitf_schema() else { return };
    let Some(page) = common::shared_file("samples/qinyang-page.txt") else { return };
    let issue = jianbao::open(&page).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let nitf = all_formats(&issue, dir.path(), "qinyang");
    validate(&schema, &nitf);
    // The mapping, read back from one document.
    let feature = std::fs::read_to_string(nitf.iter().find(|p| p.to_string_lossy().contains("p1-7")).unwrap()).unwrap();
    assert!(feature.contains("<hl1>锚定千亿级产业集群当示范</hl1>"));
    assert!(
        feature.contains("<hl2 class=\"subtitle\">——看沁阳如何以创建国家级经开区挺起新型工业化示范引领“脊梁”</hl2>")
    );
    assert!(feature.contains("<person>郭树勋</person>") && feature.contains("<byttl>记者</byttl>"));
    assert!(feature.contains("<hl2 class=\"subhead\">院地合作赋能,创新驱动发展</hl2>"));
    assert!(feature.contains("<tobject.property tobject.property.type=\"feature\"/>"));
    let md = std::fs::read_to_string(dir.path().join("qinyang.md")).unwrap();
    assert!(md.contains("### 锚定千亿级产业集群当示范") && md.contains("#### 院地合作赋能,创新驱动发展"));
}

#[test]
fn every_format_of_the_dev_corpus_and_all_its_nitf_validates() {
    let Some(schema) = nitf_schema() else { return };
    let Some(corpus) = common::shared_file("corpus/pd1998-dev") else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut nitf = Vec::new();
    let mut pages = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let issue = jianbao::open(&path).unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            nitf.extend(all_formats(&issue, dir.path(), &stem));
            pages += 1;
        }
    }
    assert!(pages >= 80);
    validate(&schema, &nitf);
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let hostile_headline = "县里<开会>&“报告”'引号'\"双引\"😀𠀀𪚥";
    let text = format!(
        "# {hostile_headline}\u{1}\n\n本报讯（记者李明）３月２日，<script>alert(1)</script> &amp; 控制字符\u{7}在此，生僻字𠀀𠁀𪚥，表情😀。\n"
    );
    let issue = jianbao::detect_bytes(text.as_bytes(), "hostile.md").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let nitf = all_formats(&issue, dir.path(), "hostile");
    // JSON carries every character back.
    let json: serde_json::Value = serde_json::from_str(&export::to_json(&issue)).unwrap();
    assert!(json["articles"][0]["headline"].as_str().unwrap().starts_with(hostile_headline));
    // NITF: escaped by the writer, controls dropped, and read back intact.
    let xml = std::fs::read_to_string(&nitf[0]).unwrap();
    assert!(
        xml.contains("&lt;script&gt;") && xml.contains("&amp;amp;") && !xml.contains('\u{7}') && !xml.contains('\u{1}')
    );
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut in_hl1 = false;
    let mut hl1 = String::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"hl1" => in_hl1 = true,
            quick_xml::events::Event::Text(t) if in_hl1 => hl1.push_str(&t.decode().unwrap()),
            quick_xml::events::Event::GeneralRef(r) if in_hl1 => {
                let name = r.decode().unwrap();
                hl1.push_str(quick_xml::escape::resolve_xml_entity(&name).unwrap());
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == b"hl1" => break,
            quick_xml::events::Event::Eof => panic!("no hl1"),
            _ => {}
        }
    }
    assert_eq!(hl1, hostile_headline);
    if let Some(schema) = nitf_schema() {
        validate(&schema, &nitf);
    }
}

fn jianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao")).args(args).output().unwrap()
}

#[test]
fn a_batch_with_a_broken_file_goes_on_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(archive.join("1998/01")).unwrap();
    let sample = std::fs::read(common::asset("yunxi-county-news.md")).unwrap();
    std::fs::write(archive.join("1998/01/0101.md"), &sample).unwrap();
    std::fs::write(archive.join("1998/01/0102.md"), &sample).unwrap();
    std::fs::write(archive.join("1998/01/0103.txt"), "").unwrap();
    std::fs::write(archive.join("1998/01/scan.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::write(archive.join("notes.docx"), "not an issue").unwrap();
    let out = dir.path().join("out");
    let a = archive.to_str().unwrap();
    let o = out.to_str().unwrap();

    let r = jianbao(&["detect", a, "-o", o]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "a failed file makes the exit code 1\n{err}");
    assert!(err.contains("2 done, 2 failed"), "{err}");
    assert!(err.contains("0103.txt") && err.contains("empty"), "{err}");
    assert!(err.contains("scan.txt") && err.contains("not a text"), "{err}");
    assert!(out.join("1998/01/0101.ron").exists() && out.join("1998/01/0102.ron").exists());

    // Existing outputs are kept unless --force.
    let before = std::fs::metadata(out.join("1998/01/0101.ron")).unwrap().modified().unwrap();
    let r = jianbao(&["detect", a, "-o", o]);
    assert!(String::from_utf8_lossy(&r.stderr).contains("2 skipped"));
    assert_eq!(std::fs::metadata(out.join("1998/01/0101.ron")).unwrap().modified().unwrap(), before);
    let r = jianbao(&["detect", a, "-o", o, "--force"]);
    assert!(String::from_utf8_lossy(&r.stderr).contains("2 done"));

    // Exporting the detected folder to NITF: a folder of documents per issue.
    let nitf = dir.path().join("nitf");
    let r = jianbao(&["export", o, "--format", "nitf", "-o", nitf.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    let docs: Vec<PathBuf> = std::fs::read_dir(nitf.join("1998/01/0101")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(docs.len(), 8);
    if let Some(schema) = nitf_schema() {
        validate(&schema, &docs);
    }
    // Several files given one by one are a batch too.
    let md = dir.path().join("md");
    let r = jianbao(&[
        "export",
        out.join("1998/01/0101.ron").to_str().unwrap(),
        out.join("1998/01/0102.ron").to_str().unwrap(),
        "--format",
        "markdown",
        "-o",
        md.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(0));
    assert!(md.join("0101.md").exists() && md.join("0102.md").exists());
    // A batch without an output folder is a usage error.
    assert_eq!(jianbao(&["detect", a]).status.code(), Some(2));
}

#[test]
fn the_output_extension_chooses_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let src = common::asset("yunxi-county-news.md");
    for (name, check) in [
        ("a.md", "### "),
        ("a.txt", "――――"),
        ("a.json", "\"format\": \"jianbao-issue\""),
        ("a.clean.ron", "jianbao-clean"),
    ] {
        let out = dir.path().join(name);
        let r = jianbao(&["export", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(r.status.code(), Some(0));
        assert!(std::fs::read_to_string(&out).unwrap().contains(check), "{name}");
    }
    let r = jianbao(&["export", src.to_str().unwrap(), "--format", "nitf"]);
    assert_eq!(r.status.code(), Some(1), "NITF needs a folder");
}
