//! Measures the detector against pages with ground truth (the pd1998-dev layout:
//! `NAME.txt` + `NAME.json`). Prints article-boundary F1, headline exact match
//! and contributor-name F1.
//!
//! cargo run --release --example eval -- ../shared/corpus/pd1998-dev [--errors]

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Deserialize;

#[derive(Deserialize)]
struct Truth {
    articles: Vec<TruthArticle>,
}

#[derive(Deserialize)]
struct TruthArticle {
    start_line: u32,
    has_headline: bool,
    headline: Option<String>,
    people: Vec<TruthPerson>,
}

#[derive(Deserialize)]
struct TruthPerson {
    name: String,
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn f1(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: eval DIR [--errors]");
        std::process::exit(2);
    };
    let show = args.iter().any(|a| a == "--errors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| {
            eprintln!("{dir}: {e}");
            std::process::exit(1)
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let (mut bounds, mut names, mut names_clean) = (Counts::default(), Counts::default(), Counts::default());
    let (mut heads_ok, mut heads_all) = (0usize, 0usize);
    for txt in &files {
        let truth: Truth = match std::fs::read_to_string(txt.with_extension("json")) {
            Ok(t) => serde_json::from_str(&t).expect("truth json"),
            Err(_) => continue,
        };
        let issue = jianbao::open(txt).expect("page opens");
        let stem = txt.file_stem().unwrap().to_string_lossy().to_string();
        let predicted: BTreeSet<u32> = issue.articles.iter().map(|a| a.lines.first).collect();
        let truth_starts: BTreeSet<u32> = truth.articles.iter().map(|a| a.start_line).collect();
        bounds.tp += predicted.intersection(&truth_starts).count();
        bounds.fp += predicted.difference(&truth_starts).count();
        bounds.fn_ += truth_starts.difference(&predicted).count();
        if show {
            for l in predicted.difference(&truth_starts) {
                println!("FP {stem}:{l}");
            }
            for l in truth_starts.difference(&predicted) {
                println!("FN {stem}:{l}");
            }
        }
        for t in &truth.articles {
            let found = issue.articles.iter().find(|a| a.lines.first == t.start_line);
            if t.has_headline {
                heads_all += 1;
                let got = found.and_then(|a| a.headline.value().clone());
                if got.as_deref() == t.headline.as_deref() {
                    heads_ok += 1;
                } else if show && found.is_some() {
                    println!("HEAD {stem}:{} want {:?} got {:?}", t.start_line, t.headline, got);
                }
            }
        }
        // Names are scored per article, keyed by the truth article's first line.
        let key_of = |line: u32| truth.articles.iter().rev().find(|t| t.start_line <= line).map_or(0, |t| t.start_line);
        let mut want: BTreeSet<(u32, String)> = BTreeSet::new();
        for t in &truth.articles {
            for p in &t.people {
                want.insert((t.start_line, p.name.clone()));
            }
        }
        let want_clean: BTreeSet<(u32, String)> =
            want.iter().filter(|(_, n)| n.chars().count() >= 2 && n != "报道").cloned().collect();
        let mut got: BTreeSet<(u32, String)> = BTreeSet::new();
        for a in &issue.articles {
            for c in a.contributors.value() {
                got.insert((key_of(a.lines.first), c.name.clone()));
            }
        }
        for (counts, want) in [(&mut names, &want), (&mut names_clean, &want_clean)] {
            counts.tp += got.intersection(want).count();
            counts.fp += got.difference(want).count();
            counts.fn_ += want.difference(&got).count();
        }
        if show {
            for (l, n) in got.difference(&want_clean) {
                println!("NAME+ {stem}:{l} {n}");
            }
            for (l, n) in want_clean.difference(&got) {
                println!("NAME- {stem}:{l} {n}");
            }
        }
    }
    let (bp, br, bf) = bounds.f1();
    let (np, nr, nf) = names.f1();
    let (cp, cr, cf) = names_clean.f1();
    println!("pages: {}", files.len());
    println!("article boundaries: F1 {bf:.4} (precision {bp:.3}, recall {br:.3}; {} true, {} found)", bounds.tp + bounds.fn_, bounds.tp + bounds.fp);
    println!("headlines exact:    {:.4} ({heads_ok}/{heads_all})", heads_ok as f64 / heads_all.max(1) as f64);
    println!("contributor names:  F1 {nf:.4} (precision {np:.3}, recall {nr:.3}) against the truth as given");
    println!("contributor names:  F1 {cf:.4} (precision {cp:.3}, recall {cr:.3}) without its non-names (摄, 报道)");
}
