//! Section proposals with and without learning from the editors' corrections.
//!
//! The editor's sections for two days of the dev corpus are in
//! `tests/data/pd1998-sections.tsv`. The first day's pages are detected, the
//! editor's sections are set on them as corrections, the articles are marked
//! reviewed and saved as `.ron` in an archive folder; `learn` reads that folder
//! into a user dictionary; the second day is then detected without and with
//! that dictionary, and its proposals are compared with the editor's sections.
//!
//!     cargo run --release --example section_learning [-- ../shared/corpus/pd1998-dev]

use std::collections::BTreeMap;
use std::path::PathBuf;

use jianbao::language::{learn, Language, UserDictionary};
use jianbao::model::Review;

type Labels = BTreeMap<(String, u32), String>;

fn labels() -> Labels {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/pd1998-sections.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            ((c[0].to_string(), c[1].parse().unwrap()), c[2].to_string())
        })
        .collect()
}

fn pages(labels: &Labels, day: &str) -> Vec<String> {
    let mut p: Vec<String> = labels.keys().filter(|(f, _)| f.starts_with(day)).map(|(f, _)| f.clone()).collect();
    p.dedup();
    p
}

/// (right, total) of section proposals against the editor's sections.
fn accuracy(corpus: &std::path::Path, labels: &Labels, day: &str, lang: &Language) -> (usize, usize) {
    let (mut right, mut total) = (0, 0);
    for page in pages(labels, day) {
        let issue = jianbao::open_with(&corpus.join(format!("{page}.txt")), lang).unwrap();
        for a in &issue.articles {
            if let Some(want) = labels.get(&(page.clone(), a.lines.first)) {
                total += 1;
                if a.section.value().as_deref() == Some(want.as_str()) {
                    right += 1;
                }
            }
        }
    }
    (right, total)
}

fn main() {
    let corpus = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus/pd1998-dev".into()));
    if !corpus.is_dir() {
        eprintln!("{}: missing (the dev corpus lives in ../shared)", corpus.display());
        std::process::exit(1);
    }
    let labels = labels();
    let archive = tempfile::tempdir().unwrap();
    let shared = Language::shared();
    // The editors review the first day: correct the sections, mark reviewed, save.
    let mut corrected = 0;
    for page in pages(&labels, "19980105") {
        let mut issue = jianbao::open_with(&corpus.join(format!("{page}.txt")), &shared).unwrap();
        for a in issue.articles.iter_mut() {
            if let Some(want) = labels.get(&(page.clone(), a.lines.first)) {
                if a.section.value().as_deref() != Some(want.as_str()) {
                    a.section.corrected = Some(Some(want.clone()));
                    corrected += 1;
                }
                a.review = Review::Reviewed;
            }
        }
        jianbao::store::save(&issue, &archive.path().join(format!("{page}.ron"))).unwrap();
    }
    let (dict, stats) = learn::learn_folder(archive.path(), UserDictionary::default()).unwrap();
    let cues: usize = dict.section_cues.values().map(|c| c.len()).sum();
    println!(
        "learned from {} issues, {} reviewed articles ({corrected} sections corrected): {cues} section cues, {} people",
        stats.issues,
        stats.reviewed_articles,
        dict.people.len()
    );
    let learned = Language::new(&dict);
    for (day, what) in [("19980105", "training day (resubstitution)"), ("19980106", "next day (held out)")] {
        let (r0, t0) = accuracy(&corpus, &labels, day, &shared);
        let (r1, t1) = accuracy(&corpus, &labels, day, &learned);
        println!(
            "{what:<30} without learning {:.1}% ({r0}/{t0}), with learning {:.1}% ({r1}/{t1})",
            100.0 * r0 as f64 / t0 as f64,
            100.0 * r1 as f64 / t1 as f64
        );
    }
    let out = archive.path().join(learn::FILE_NAME);
    dict.save(&out).unwrap();
    let sample: Vec<String> =
        dict.to_text().lines().filter(|l| l.starts_with("cue")).take(8).map(String::from).collect();
    println!("some learned cues:\n  {}", sample.join("\n  "));
}
