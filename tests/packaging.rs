//! The packaging metadata is consistent: every file the Debian package and the
//! Windows/macOS bundles name exists, the identifiers agree, the file
//! associations cover annotated issues, and the window's icon is the installed one.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cargo_toml() -> toml::Table {
    std::fs::read_to_string(root().join("Cargo.toml")).unwrap().parse().unwrap()
}

fn metadata<'a>(t: &'a toml::Table, key: &str) -> &'a toml::Table {
    t["package"]["metadata"][key].as_table().unwrap_or_else(|| panic!("[package.metadata.{key}] is missing"))
}

#[test]
fn every_file_the_deb_installs_exists() {
    let t = cargo_toml();
    let deb = metadata(&t, "deb");
    let assets = deb["assets"].as_array().unwrap();
    let mut targets = Vec::new();
    let mut font_licence = false;
    for a in assets {
        let a = a.as_array().unwrap();
        let (src, dest) = (a[0].as_str().unwrap(), a[1].as_str().unwrap());
        targets.push(dest.to_string());
        font_licence |= src == "fonts/LICENSE-OFL-1.1.txt" && dest.starts_with("usr/share/doc/jianbao");
        if src.starts_with("target/") {
            continue; // built by cargo
        }
        assert!(root().join(src).is_file(), "{src} is named in [package.metadata.deb] but does not exist");
    }
    for needed in
        ["usr/bin/", "usr/share/applications/", "usr/share/metainfo/", "usr/share/icons/hicolor/scalable/apps/"]
    {
        assert!(targets.iter().any(|t| t == needed), "nothing installed into {needed}");
    }
    assert!(font_licence, "the font's licence travels with the package");
}

#[test]
fn the_windows_and_macos_bundle_configuration_is_complete() {
    let t = cargo_toml();
    let p = metadata(&t, "packager");
    assert_eq!(p["identifier"].as_str(), Some("org.jianbao.Jianbao"));
    for icon in p["icons"].as_array().unwrap() {
        assert!(root().join(icon.as_str().unwrap()).is_file(), "{icon}");
    }
    let resources: Vec<&str> = p["resources"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert!(resources.contains(&"fonts/LICENSE-OFL-1.1.txt"));
    for r in &resources {
        assert!(root().join(r).is_file(), "{r}");
    }
    let assoc = p["file-associations"].as_array().unwrap();
    assert!(assoc.iter().any(|a| a["extensions"].as_array().unwrap().iter().any(|e| e.as_str() == Some("ron"))));
    assert!(p["binaries"].as_array().unwrap().iter().any(|b| b["path"].as_str() == Some("jianbao")));
}

#[test]
fn desktop_entry_mime_type_and_metainfo_agree() {
    let desktop = std::fs::read_to_string(root().join("packaging/jianbao.desktop")).unwrap();
    let mime = std::fs::read_to_string(root().join("packaging/jianbao-mime.xml")).unwrap();
    let meta = std::fs::read_to_string(root().join("packaging/org.jianbao.Jianbao.metainfo.xml")).unwrap();
    assert!(desktop.contains("MimeType=application/x-jianbao-issue;"));
    assert!(mime.contains("type=\"application/x-jianbao-issue\"") && mime.contains("jianbao-issue"));
    assert!(meta.contains("<id>org.jianbao.Jianbao</id>") && meta.contains("jianbao.desktop"));
    assert!(desktop.contains("Icon=jianbao") && desktop.contains("Exec=jianbao %f"));
    // The validators run in CI (.ci/run installs them); here when the machine has them.
    for (tool, args, file) in [
        ("desktop-file-validate", vec![], "packaging/jianbao.desktop"),
        ("appstreamcli", vec!["validate", "--no-net"], "packaging/org.jianbao.Jianbao.metainfo.xml"),
    ] {
        match std::process::Command::new(tool).args(&args).arg(root().join(file)).output() {
            Ok(o) => assert!(
                o.status.success(),
                "{tool} rejects {file}:\n{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            ),
            Err(_) => {
                use std::io::Write;
                let _ =
                    writeln!(std::io::stderr(), "SKIPPED: {tool} is not installed here; .ci/run installs and runs it");
            }
        }
    }
}

#[test]
fn the_window_icon_is_the_installed_icon() {
    let icon = jianbao::ui::window_icon();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
}
