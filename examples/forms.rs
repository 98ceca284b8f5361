//! The detector on the truth corpora written out in every layout a dump takes,
//! and cross-validated by day: train on some days, score on the days left out.
//!
//!     cargo run --release --example forms -- ../shared/corpus/pd1998-dev ../shared/corpus/pd2019-dev
//!     cargo run --release --example forms -- --crossval ../shared/corpus/pd1998-dev ../shared/corpus/pd2019-dev
//!     options: --model FILE (instead of the built-in one), --rules (no model), --errors FORM,
//!     --confusion FORM [--want H --got B] (the tagger's labels against the truth, and misses),
//!     --explain FORM PAGE LINE (why the tagger read a line as it did: its features' weights),
//!     --render FORM PAGE (the page as that layout writes it), --only FORM (score that layout alone),
//!     with --crossval: --folds K (by day, 2 by default), --c2 L2 --min-freq N --max-iterations N (the training options),
//!     --reuse (score the fold models an earlier run left in the temp folder: no retraining),
//!     --blocks (hold out runs of consecutive days of each corpus instead of every K-th day)

use std::path::PathBuf;
use std::sync::Arc;

use jianbao::corpus::{self, CorpusPage, Form};
use jianbao::evaluate::{score_form, FormScores};
use jianbao::language::{learn::UserDictionary, Language};
use jianbao::tagger::{LineTagger, TrainOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    // `--explain FORM PAGE LINE` takes three values.
    let explain_at = args.iter().position(|a| a == "--explain");
    let render_at = args.iter().position(|a| a == "--render");
    let dirs: Vec<PathBuf> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.starts_with("--")
                && !explain_at.is_some_and(|at| (at + 1..=at + 3).contains(i))
                && !render_at.is_some_and(|at| (at + 1..=at + 2).contains(i))
                && !matches!(
                    args.get(i.wrapping_sub(1)).map(String::as_str),
                    Some(
                        "--model"
                            | "--errors"
                            | "--only"
                            | "--c2"
                            | "--min-freq"
                            | "--max-iterations"
                            | "--confusion"
                            | "--want"
                            | "--got"
                            | "--folds"
                            | "--explain"
                    )
                )
        })
        .map(|(_, a)| PathBuf::from(a))
        .collect();
    if dirs.is_empty() {
        eprintln!("usage: forms [--crossval] [--model FILE | --rules] [--errors FORM] CORPUS_DIR...");
        std::process::exit(2);
    }
    let corpora: Vec<(String, Vec<CorpusPage>)> = dirs
        .iter()
        .map(|d| {
            let name = d.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            (name, corpus::read_corpora(std::slice::from_ref(d)).unwrap_or_else(|e| panic!("{e}")))
        })
        .collect();
    let mut lang = Language::new(&UserDictionary::default());
    if args.iter().any(|a| a == "--rules") {
        lang.tagger = None;
    } else if let Some(m) = value("--model") {
        lang.tagger = Some(Arc::new(LineTagger::load(std::path::Path::new(&m)).unwrap_or_else(|e| panic!("{e}"))));
    }
    if args.iter().any(|a| a == "--crossval") {
        let mut options = TrainOptions::default();
        if let Some(c2) = value("--c2").and_then(|v| v.parse().ok()) {
            options.c2 = c2;
        }
        if let Some(m) = value("--min-freq").and_then(|v| v.parse().ok()) {
            options.min_freq = m;
        }
        if let Some(n) = value("--max-iterations").and_then(|v| v.parse().ok()) {
            options.max_iterations = n;
        }
        let folds = value("--folds").and_then(|v| v.parse().ok()).unwrap_or(2usize).max(2);
        let split = if args.iter().any(|a| a == "--blocks") { Split::Blocks } else { Split::EveryKth };
        crossval(&corpora, &mut lang, options, folds, split, args.iter().any(|a| a == "--reuse"));
        return;
    }
    if let Some(form) = value("--explain").and_then(|f| Form::by_name(&f)) {
        let at = args.iter().position(|a| a == "--explain").unwrap_or(0);
        let (Some(page), Some(line)) = (args.get(at + 2), args.get(at + 3).and_then(|l| l.parse().ok())) else {
            eprintln!("usage: forms --explain FORM PAGE LINE CORPUS_DIR");
            std::process::exit(2);
        };
        for (_, pages) in &corpora {
            if let Some(p) = pages.iter().find(|p| &p.name == page) {
                explain(p, form, line, &lang);
            }
        }
        return;
    }
    // `--render FORM PAGE`: the page as that layout writes it, to look at.
    if let Some(form) = value("--render").and_then(|f| Form::by_name(&f)) {
        let page = args.iter().position(|a| a == "--render").and_then(|at| args.get(at + 2));
        for (_, pages) in &corpora {
            if let Some(p) = pages.iter().find(|p| Some(&p.name) == page) {
                print!("{}", corpus::render(p, form).text);
            }
        }
        return;
    }
    if let Some(form) = value("--confusion").and_then(|f| Form::by_name(&f)) {
        confusion(&corpora, form, &lang);
        if let (Some(want), Some(got)) = (value("--want"), value("--got")) {
            for (_, pages) in &corpora {
                misses(pages, form, &lang, &want, &got, 30);
            }
        }
        return;
    }
    let errors_for = value("--errors");
    let only = value("--only");
    println!("model: {}", lang.tagger.as_ref().map_or("none (rules only)".to_string(), |t| t.origin.clone()));
    header();
    for (name, pages) in &corpora {
        for form in Form::ALL.into_iter().chain(Form::HELD_OUT) {
            if only.as_deref().is_some_and(|only| only != form.name) {
                continue;
            }
            let s = score_form(pages, form, &lang);
            row(name, form.name, &s);
            if errors_for.as_deref() == Some(form.name) {
                for (p, l, what) in &s.errors {
                    println!("    {p}:{l} {what}");
                }
            }
        }
    }
}

fn header() {
    println!(
        "{:<12} {:<24} {:>5} {:>7} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7} {:>7} {:>9}",
        "corpus",
        "form",
        "pages",
        "bndF1",
        "head",
        "kicker",
        "deck",
        "invented",
        "namesF1",
        "joinP",
        "joinR",
        "joins/pg"
    );
}

fn row(corpus: &str, form: &str, s: &FormScores) {
    // Names are scored only where the truth lists them (pd2019 lists lead credits of 2 articles).
    let names = if s.names.tp + s.names.fn_ >= 20 { format!("{:.4}", s.names.f1()) } else { "-".into() };
    println!(
        "{:<12} {:<24} {:>5} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>8.4} {:>7} {:>7.3} {:>7.3} {:>9.2}",
        corpus,
        form,
        s.pages,
        s.boundaries.f1(),
        s.headline_accuracy(),
        s.kicker_accuracy(),
        s.deck_accuracy(),
        s.invented_rate(),
        names,
        s.join_precision(),
        s.join_recall(),
        s.joins_per_page()
    );
}

/// Which days a fold holds out.
#[derive(Clone, Copy, PartialEq)]
enum Split {
    /// Every K-th day: each held-out day has training days on both sides of it.
    EveryKth,
    /// A run of consecutive days of each corpus (its first quarter, its second…): the
    /// held-out week shares less with the training days (a running series, the
    /// week's news), nearer to pages of another month.
    Blocks,
}

/// The fold each day is held out in: by its place among its own corpus's days, so that
/// every fold holds out days of both eras.
fn day_folds(corpora: &[(String, Vec<CorpusPage>)], folds: usize, split: Split) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut all_days: Vec<String> = corpora.iter().flat_map(|(_, p)| p.iter().map(|p| p.day.clone())).collect();
    all_days.sort();
    all_days.dedup();
    for (_, pages) in corpora {
        let mut days: Vec<String> = pages.iter().map(|p| p.day.clone()).collect();
        days.sort();
        days.dedup();
        for (j, day) in days.iter().enumerate() {
            let fold = match split {
                // As before `--blocks` existed: the day's place among all days.
                Split::EveryKth => all_days.iter().position(|d| d == day).unwrap_or(0) % folds,
                Split::Blocks => j * folds / days.len(),
            };
            out.push((day.clone(), fold));
        }
    }
    out
}

/// K folds by day (every K-th day held out, or with `--blocks` runs of consecutive days;
/// `--folds K`, 2 by default): train on the
/// other days, score on both. Summed over the folds, every page is scored unseen once
/// (its day left out of training) and seen K−1 times; the gap between the two on the
/// same pages shows what the model learnt by heart.
fn crossval(
    corpora: &[(String, Vec<CorpusPage>)],
    lang: &mut Language,
    options: TrainOptions,
    folds: usize,
    split: Split,
    reuse: bool,
) {
    let all: Vec<&CorpusPage> = corpora.iter().flat_map(|(_, p)| p.iter()).collect();
    let day_fold = day_folds(corpora, folds, split);
    let days: std::collections::BTreeSet<&String> = day_fold.iter().map(|(d, _)| d).collect();
    let mut unseen: Vec<Vec<FormScores>> = vec![vec![FormScores::default(); Form::ALL.len()]; corpora.len()];
    let mut seen = unseen.clone();
    let mut held_out: Vec<Vec<FormScores>> = vec![vec![FormScores::default(); Form::HELD_OUT.len()]; corpora.len()];
    for fold in 0..folds {
        let held: std::collections::BTreeSet<&String> =
            day_fold.iter().filter(|(_, f)| *f == fold).map(|(d, _)| d).collect();
        let train_pages: Vec<CorpusPage> =
            all.iter().filter(|p| !held.contains(&p.day)).map(|p| (*p).clone()).collect();
        let started = std::time::Instant::now();
        let kind = if split == Split::Blocks { "blocks-" } else { "" };
        let path = std::env::temp_dir().join(format!("jianbao-crossval-{kind}{folds}-{fold}.crf"));
        // `--reuse` scores the fold models of an earlier run again: for changes after the tagger
        // (thresholds, rules that read its labels), which need no retraining.
        if !(reuse && path.exists()) {
            let examples = jianbao::training::corpus_examples(&train_pages, &Form::ALL);
            jianbao::tagger::train(&examples, &path, options).unwrap_or_else(|e| panic!("{e}"));
        }
        println!(
            "fold {}: trained on {} pages ({} days) in {:.0} s",
            fold + 1,
            train_pages.len(),
            days.len() - held.len(),
            started.elapsed().as_secs_f64()
        );
        lang.tagger = Some(Arc::new(LineTagger::load(&path).unwrap()));
        for (c, (_, pages)) in corpora.iter().enumerate() {
            let (held_pages, seen_pages): (Vec<CorpusPage>, Vec<CorpusPage>) =
                pages.iter().cloned().partition(|p| held.contains(&p.day));
            for (f, form) in Form::ALL.into_iter().enumerate() {
                unseen[c][f].add(&score_form(&held_pages, form, lang));
                seen[c][f].add(&score_form(&seen_pages, form, lang));
            }
            for (f, form) in Form::HELD_OUT.into_iter().enumerate() {
                held_out[c][f].add(&score_form(&held_pages, form, lang));
            }
        }
    }
    println!(
        "{folds} folds by day{}; options: c2 {} min-freq {} max-iterations {}",
        if split == Split::Blocks { " (runs of consecutive days)" } else { "" },
        options.c2,
        options.min_freq,
        options.max_iterations
    );
    header();
    for (c, (name, _)) in corpora.iter().enumerate() {
        for (f, form) in Form::ALL.into_iter().enumerate() {
            row(name, &format!("{} unseen", form.name), &unseen[c][f]);
            row(name, &format!("{} seen", form.name), &seen[c][f]);
            println!(
                "{:<12} {:<24} gap: boundary F1 {:+.4}, headlines {:+.4}",
                "",
                "",
                seen[c][f].boundaries.f1() - unseen[c][f].boundaries.f1(),
                seen[c][f].headline_accuracy() - unseen[c][f].headline_accuracy()
            );
        }
        for (f, form) in Form::HELD_OUT.into_iter().enumerate() {
            row(name, &format!("{} never trained", form.name), &held_out[c][f]);
        }
    }
}

/// The tagger's labels against the truth, line by line (rows: truth, columns: tagged).
fn confusion(corpora: &[(String, Vec<CorpusPage>)], form: Form, lang: &Language) {
    use jianbao::corpus::LineLabel;
    let Some(tagger) = lang.tagger.as_ref() else { return };
    for (name, pages) in corpora {
        let mut m = [[0usize; 6]; 6];
        for page in pages {
            let (xs, ys) = jianbao::training::example_of(page, form, lang);
            let got = tagger.tag(&xs).labels;
            for (g, y) in got.iter().zip(&ys) {
                let gi = LineLabel::ALL.iter().position(|l| l == g).unwrap();
                let yi = LineLabel::ALL.iter().position(|l| l == y).unwrap();
                m[yi][gi] += 1;
            }
        }
        println!("{name} {}: rows truth, columns tagged", form.name);
        println!("      {}", LineLabel::ALL.map(|l| format!("{:>7}", l.code())).join(""));
        for (i, row) in m.iter().enumerate() {
            println!("{:>5} {}", LineLabel::ALL[i].code(), row.map(|v| format!("{v:>7}")).join(""));
        }
    }
}

/// Lines the tagger got wrong, with the lines around them.
fn misses(pages: &[CorpusPage], form: Form, lang: &Language, want: &str, got: &str, limit: usize) {
    let Some(tagger) = lang.tagger.as_ref() else { return };
    let mut shown = 0;
    for page in pages {
        let r = corpus::render(page, form);
        let text: Vec<&str> = r.text.lines().filter(|l| !l.trim().is_empty()).collect();
        let (xs, ys) = jianbao::training::example_of(page, form, lang);
        let tagged = tagger.tag(&xs);
        for (i, (g, y)) in tagged.labels.iter().zip(&ys).enumerate() {
            if y.code() == want && g.code() == got && shown < limit {
                shown += 1;
                println!("== {} line {i} ({:.2})", page.name, tagged.confidence[i]);
                for k in i.saturating_sub(2)..(i + 3).min(text.len()) {
                    let t: String = text[k].chars().take(40).collect();
                    println!("  {}{} {t}", if k == i { ">" } else { " " }, ys[k].code());
                }
            }
        }
    }
}

/// A line's label and marginals, and the weights its features give each label, strongest first.
fn explain(page: &CorpusPage, form: Form, line: usize, lang: &Language) {
    let Some(tagger) = lang.tagger.as_ref() else { return };
    let (xs, ys) = jianbao::training::example_of(page, form, lang);
    if line >= xs.len() {
        eprintln!("{} has {} lines in {}", page.name, xs.len(), form.name);
        return;
    }
    let tagged = tagger.tag(&xs);
    let codes = jianbao::corpus::LineLabel::ALL.map(|l| l.code());
    let around = line.saturating_sub(1)..(line + 2).min(xs.len());
    for (i, (truth, (label, m))) in
        ys.iter().zip(tagged.labels.iter().zip(&tagged.marginals)).enumerate().skip(around.start).take(around.len())
    {
        let marginals: Vec<String> = codes.iter().zip(m).map(|(c, m)| format!("{c} {m:.2}")).collect();
        println!("line {i}: truth {} tagged {}  ({})", truth.code(), label.code(), marginals.join(", "));
    }
    for (name, weights) in tagger.explain(&xs[line]).iter().take(30) {
        let w: Vec<String> = codes.iter().zip(weights).map(|(c, w)| format!("{c} {w:+.2}")).collect();
        println!("  {name:<40} {}", w.join("  "));
    }
}
