//! Scoring the detector against pages with ground truth.
//!
//! The truth format is the one of the development corpus (`NAME.txt` +
//! `NAME.json`: articles with `start_line`, `has_headline`, `headline` and
//! `people`). An article counts as found when its first line is right;
//! headlines must match exactly; contributor names are scored per article.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::Issue;

#[derive(Debug, Deserialize)]
pub struct TruthPage {
    pub articles: Vec<TruthArticle>,
}

#[derive(Debug, Deserialize)]
pub struct TruthArticle {
    pub start_line: u32,
    pub has_headline: bool,
    pub headline: Option<String>,
    #[serde(default)]
    pub people: Vec<TruthPerson>,
}

#[derive(Debug, Deserialize)]
pub struct TruthPerson {
    pub name: String,
}

/// True positives, false positives and false negatives.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
    fn add<T: Ord + Clone>(&mut self, got: &BTreeSet<T>, want: &BTreeSet<T>) {
        self.tp += got.intersection(want).count();
        self.fp += got.difference(want).count();
        self.fn_ += want.difference(got).count();
    }
}

/// What was wrong on one page, for tuning.
#[derive(Debug, Default, Clone)]
pub struct PageErrors {
    pub page: String,
    pub extra_starts: Vec<u32>,
    pub missed_starts: Vec<u32>,
    pub wrong_headlines: Vec<(u32, Option<String>, Option<String>)>,
    pub extra_names: Vec<(u32, String)>,
    pub missed_names: Vec<(u32, String)>,
}

/// The scores over a set of pages.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    pub pages: usize,
    pub boundaries: Counts,
    pub headlines_right: usize,
    pub headlines_total: usize,
    /// Names against the truth exactly as given.
    pub names: Counts,
    /// Names against the truth without its entries that are not names (`摄`, `报道`).
    pub names_clean: Counts,
    pub errors: Vec<PageErrors>,
}

impl Scores {
    pub fn headline_accuracy(&self) -> f64 {
        self.headlines_right as f64 / self.headlines_total.max(1) as f64
    }
}

/// Truth entries that are rule-derivation leftovers, not names.
fn is_truth_non_name(name: &str) -> bool {
    name.chars().count() < 2 || name == "报道" || name == "摄影"
}

/// Scores one detected issue against its truth page.
pub fn score_page(issue: &Issue, truth: &TruthPage, page: &str, scores: &mut Scores) {
    let mut errors = PageErrors { page: page.to_string(), ..Default::default() };
    let predicted: BTreeSet<u32> = issue.articles.iter().map(|a| a.lines.first).collect();
    let truth_starts: BTreeSet<u32> = truth.articles.iter().map(|a| a.start_line).collect();
    scores.boundaries.add(&predicted, &truth_starts);
    errors.extra_starts = predicted.difference(&truth_starts).copied().collect();
    errors.missed_starts = truth_starts.difference(&predicted).copied().collect();
    for t in truth.articles.iter().filter(|t| t.has_headline) {
        scores.headlines_total += 1;
        let found = issue.articles.iter().find(|a| a.lines.first == t.start_line);
        let got = found.and_then(|a| a.headline.value().clone());
        if got.as_deref() == t.headline.as_deref() {
            scores.headlines_right += 1;
        } else if found.is_some() {
            errors.wrong_headlines.push((t.start_line, t.headline.clone(), got));
        }
    }
    // Names are keyed by the truth article that holds the detected article's first line.
    let key_of = |line: u32| truth.articles.iter().rev().find(|t| t.start_line <= line).map_or(0, |t| t.start_line);
    let want: BTreeSet<(u32, String)> =
        truth.articles.iter().flat_map(|t| t.people.iter().map(move |p| (t.start_line, p.name.clone()))).collect();
    let want_clean: BTreeSet<(u32, String)> = want.iter().filter(|(_, n)| !is_truth_non_name(n)).cloned().collect();
    let got = detected_names(issue, key_of);
    scores.names.add(&got, &want);
    scores.names_clean.add(&got, &want_clean);
    errors.extra_names = got.difference(&want_clean).cloned().collect();
    errors.missed_names = want_clean.difference(&got).cloned().collect();
    scores.pages += 1;
    scores.errors.push(errors);
}

/// The people credited in the detected articles, keyed by `key_of` their first line
/// (the truth article holding it). An agency credited as a whole (`（新华社）`) is not a person.
fn detected_names(issue: &Issue, key_of: impl Fn(u32) -> u32) -> BTreeSet<(u32, String)> {
    issue
        .articles
        .iter()
        .flat_map(|a| {
            let key = key_of(a.lines.first);
            a.contributors
                .value()
                .iter()
                .filter(|c| c.role != crate::model::Role::Agency)
                .map(move |c| (key, c.name.clone()))
        })
        .collect()
}

/// Scores every `NAME.txt` in `dir` that has a `NAME.json` beside it.
pub fn score_dir(dir: &Path) -> Result<Scores, String> {
    let files = crate::corpus::truth_files(dir)?;
    let mut scores = Scores::default();
    for txt in &files {
        let json = txt.with_extension("json");
        let truth_text = crate::store::read_text(&json).map_err(|e| format!("{}: {e}", json.display()))?;
        let truth: TruthPage =
            serde_json::from_str(&truth_text).map_err(|e| format!("{}: not a truth page: {e}", json.display()))?;
        let issue = crate::open(txt).map_err(|e| e.to_string())?;
        let page = txt.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        score_page(&issue, &truth, &page, &mut scores);
    }
    Ok(scores)
}

/// How often each detected field was right in the reviewed articles of some issues:
/// the editors' corrections are the ground truth (a field is right when not corrected).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldAccuracy {
    pub issues: usize,
    pub reviewed: usize,
    /// (field, right, total), in a fixed order.
    pub fields: Vec<(&'static str, usize, usize)>,
}

/// Scores the detector by the corrections in the reviewed articles of `issues`.
pub fn score_corrections(issues: &[Issue]) -> FieldAccuracy {
    let mut acc = FieldAccuracy { issues: issues.len(), ..Default::default() };
    let names = [
        "headline",
        "kicker",
        "deck",
        "contributors",
        "dateline",
        "genre",
        "section",
        "column",
        "keywords",
        "people",
        "places",
        "organizations",
        "subheads",
    ];
    let mut right = [0usize; 13];
    for a in issues.iter().flat_map(|i| i.articles.iter()).filter(|a| a.review == crate::model::Review::Reviewed) {
        acc.reviewed += 1;
        let corrected = [
            a.headline.is_corrected(),
            a.kicker.is_corrected(),
            a.deck.is_corrected(),
            a.contributors.is_corrected(),
            a.dateline.is_corrected(),
            a.genre.is_corrected(),
            a.section.is_corrected(),
            a.column.is_corrected(),
            a.keywords.is_corrected(),
            a.people.is_corrected(),
            a.places.is_corrected(),
            a.organizations.is_corrected(),
            a.subheads.is_corrected(),
        ];
        for (k, c) in corrected.iter().enumerate() {
            if !c {
                right[k] += 1;
            }
        }
    }
    acc.fields = names.iter().zip(right).map(|(n, r)| (*n, r, acc.reviewed)).collect();
    acc
}

/// Loads every `.ron` issue of a folder; unreadable files are reported beside.
pub fn load_folder(folder: &Path) -> Result<(Vec<Issue>, Vec<String>), String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| crate::is_annotated(p))
        .collect();
    paths.sort();
    let mut issues = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        match crate::store::load(&p) {
            Ok(i) => issues.push(i),
            Err(e) => skipped.push(e.to_string()),
        }
    }
    Ok((issues, skipped))
}

/// Scores over pages written out in one form (`corpus::render`): boundaries,
/// kickers, headlines and decks, invented heads, names, and break repair.
#[derive(Debug, Default, Clone)]
pub struct FormScores {
    pub pages: usize,
    pub boundaries: Counts,
    pub headlines_right: usize,
    pub headlines_total: usize,
    pub kickers_right: usize,
    pub kickers_total: usize,
    pub decks_right: usize,
    pub decks_total: usize,
    /// Articles with no kicker or no deck in the truth that got one.
    pub heads_invented: usize,
    pub heads_absent: usize,
    pub names: Counts,
    /// Lines rejoined to the line before: right (a true break) and all.
    pub joins_right: usize,
    pub joins: usize,
    /// True breaks in the pages.
    pub breaks: usize,
    /// Mismatches for tuning: (page, line, what).
    pub errors: Vec<(String, u32, String)>,
}

impl FormScores {
    pub fn headline_accuracy(&self) -> f64 {
        self.headlines_right as f64 / self.headlines_total.max(1) as f64
    }
    pub fn kicker_accuracy(&self) -> f64 {
        self.kickers_right as f64 / self.kickers_total.max(1) as f64
    }
    pub fn deck_accuracy(&self) -> f64 {
        self.decks_right as f64 / self.decks_total.max(1) as f64
    }
    pub fn invented_rate(&self) -> f64 {
        self.heads_invented as f64 / self.heads_absent.max(1) as f64
    }
    pub fn join_precision(&self) -> f64 {
        if self.joins == 0 {
            1.0
        } else {
            self.joins_right as f64 / self.joins as f64
        }
    }
    pub fn join_recall(&self) -> f64 {
        if self.breaks == 0 {
            1.0
        } else {
            self.joins_right as f64 / self.breaks as f64
        }
    }
    pub fn joins_per_page(&self) -> f64 {
        self.joins as f64 / self.pages.max(1) as f64
    }
    pub fn add(&mut self, o: &FormScores) {
        self.pages += o.pages;
        self.boundaries.tp += o.boundaries.tp;
        self.boundaries.fp += o.boundaries.fp;
        self.boundaries.fn_ += o.boundaries.fn_;
        self.headlines_right += o.headlines_right;
        self.headlines_total += o.headlines_total;
        self.kickers_right += o.kickers_right;
        self.kickers_total += o.kickers_total;
        self.decks_right += o.decks_right;
        self.decks_total += o.decks_total;
        self.heads_invented += o.heads_invented;
        self.heads_absent += o.heads_absent;
        self.names.tp += o.names.tp;
        self.names.fp += o.names.fp;
        self.names.fn_ += o.names.fn_;
        self.joins_right += o.joins_right;
        self.joins += o.joins;
        self.breaks += o.breaks;
        self.errors.extend(o.errors.iter().cloned());
    }
}

/// Text compared the way the judge compares it: full-width forms folded
/// (NFKC's effect on Chinese punctuation and digits), white space removed.
pub fn comparable(s: &str) -> String {
    crate::corpus::to_halfwidth_punctuation(&crate::text::to_halfwidth(s))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Scores a detected issue against a page written out in a form.
pub fn score_rendered(
    issue: &Issue,
    rendered: &crate::corpus::RenderedPage,
    page: &crate::corpus::CorpusPage,
) -> FormScores {
    let mut s = FormScores { pages: 1, ..Default::default() };
    let predicted: BTreeSet<u32> = issue.articles.iter().map(|a| a.lines.first).collect();
    let truth: BTreeSet<u32> = rendered.starts.iter().copied().collect();
    s.boundaries.add(&predicted, &truth);
    for l in predicted.difference(&truth) {
        s.errors.push((page.name.clone(), *l, "extra start".into()));
    }
    for l in truth.difference(&predicted) {
        s.errors.push((page.name.clone(), *l, "missed start".into()));
    }
    let same =
        |want: &Option<String>, got: &Option<String>| want.as_deref().map(comparable) == got.as_deref().map(comparable);
    for (t, &start) in page.articles.iter().zip(&rendered.starts) {
        let found = issue.articles.iter().find(|a| a.lines.first == start);
        let got = |f: fn(&crate::model::Article) -> &Option<String>| found.and_then(|a| f(a).clone());
        if t.headline.is_some() {
            s.headlines_total += 1;
            let g = got(|a| a.headline.value());
            if same(&t.headline, &g) {
                s.headlines_right += 1;
            } else if found.is_some() {
                s.errors.push((page.name.clone(), start, format!("headline want {:?} got {:?}", t.headline, g)));
            }
        }
        let gk = got(|a| a.kicker.value());
        let gd = got(|a| a.deck.value());
        if t.kicker.is_some() {
            s.kickers_total += 1;
            if same(&t.kicker, &gk) {
                s.kickers_right += 1;
            } else if found.is_some() {
                s.errors.push((page.name.clone(), start, format!("kicker want {:?} got {:?}", t.kicker, gk)));
            }
        }
        if t.deck.is_some() {
            s.decks_total += 1;
            if same(&t.deck, &gd) {
                s.decks_right += 1;
            }
        }
        if t.kicker.is_none() || t.deck.is_none() {
            s.heads_absent += 1;
            let invented = (t.kicker.is_none() && gk.is_some()) || (t.deck.is_none() && gd.is_some());
            if invented {
                s.heads_invented += 1;
                s.errors.push((page.name.clone(), start, format!("invented kicker {gk:?} / deck {gd:?}")));
            }
        }
    }
    // Names, keyed by the truth article holding each detected article's first line.
    let key_of = |line: u32| rendered.starts.iter().rev().find(|&&st| st <= line).copied().unwrap_or(0);
    let want: BTreeSet<(u32, String)> = page
        .articles
        .iter()
        .zip(&rendered.starts)
        .flat_map(|(t, &st)| t.people.iter().filter(|n| !is_truth_non_name(n)).map(move |n| (st, n.clone())))
        .collect();
    let got = detected_names(issue, key_of);
    s.names.add(&got, &want);
    for (line, name) in want.difference(&got) {
        s.errors.push((page.name.clone(), *line, format!("missed name {name}")));
    }
    for (line, name) in got.difference(&want) {
        s.errors.push((page.name.clone(), *line, format!("extra name {name}")));
    }
    // Break repair: every non-blank line inside a cleaned paragraph after its first was joined to it.
    let breaks: BTreeSet<u32> = rendered.breaks.iter().copied().collect();
    s.breaks = breaks.len();
    let blank = |n: u32| rendered.labels.get(n as usize - 1).is_none_or(|l| l.is_none());
    let mut joined = BTreeSet::new();
    for a in &issue.articles {
        for p in &a.paragraphs {
            for n in p.lines.first + 1..=p.lines.last {
                if blank(n) {
                    continue;
                }
                s.joins += 1;
                joined.insert(n);
                if breaks.contains(&n) {
                    s.joins_right += 1;
                } else {
                    s.errors.push((page.name.clone(), n, "wrong join".into()));
                }
            }
        }
    }
    for n in breaks.difference(&joined) {
        s.errors.push((page.name.clone(), *n, "missed join".into()));
    }
    s
}

/// Detects every page written out in `form` with the language layer (and tagger) given, and scores it.
pub fn score_form(
    pages: &[crate::corpus::CorpusPage],
    form: crate::corpus::Form,
    lang: &crate::language::Language,
) -> FormScores {
    use rayon::prelude::*;
    let per_page: Vec<FormScores> = pages
        .par_iter()
        .map(|page| {
            let rendered = crate::corpus::render(page, form);
            let src = crate::ingest::Source::from_text(rendered.text.clone(), "UTF-8");
            let issue = crate::detect::detect_issue_with(&src, &page.name, "", lang);
            score_rendered(&issue, &rendered, page)
        })
        .collect();
    let mut total = FormScores::default();
    for s in &per_page {
        total.add(s);
    }
    total
}
