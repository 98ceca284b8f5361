//! Training data for the line tagger: truth corpora written out in every form a
//! dump takes (`corpus`), and an archive's reviewed issues, whose article spans,
//! kickers, headlines and decks the editors have checked — the best training
//! data there is. `jianbao train` calls [`train_model`].

use std::path::{Path, PathBuf};

use crate::corpus::{self, CorpusPage, Form, LineLabel};
use crate::ingest::Source;
use crate::language::Language;
use crate::model::{Issue, Review};
use crate::segment;
use crate::tagger::{self, Example, TrainOptions};

/// The examples of one page written out in one form, its features computed with
/// `lang` (whose tagger's standing heads the features name: see `TrainingLanguages`).
pub fn example_of(page: &CorpusPage, form: Form, lang: &Language) -> Example {
    let rendered = corpus::render(page, form);
    let src = Source::from_text(rendered.text, "UTF-8");
    let pages = segment::find_pages(&src);
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for (line, f) in segment::line_features(&src, &pages, lang) {
        let Some(Some((label, _))) = rendered.labels.get(line as usize - 1) else { continue };
        xs.push(f);
        ys.push(*label);
    }
    (xs, ys)
}

/// Every page in every form, each day's features computed with the standing heads
/// as that day sees them (`TrainingLanguages`).
pub fn corpus_examples(pages: &[CorpusPage], forms: &[Form]) -> Vec<Example> {
    let heads = pages.iter().flat_map(|p| p.dated_heads());
    corpus_examples_with(pages, forms, &TrainingLanguages::of(heads))
}

fn corpus_examples_with(pages: &[CorpusPage], forms: &[Form], langs: &TrainingLanguages) -> Vec<Example> {
    use rayon::prelude::*;
    let mut by_day: std::collections::BTreeMap<&str, Vec<&CorpusPage>> = Default::default();
    for p in pages {
        by_day.entry(p.day.as_str()).or_default().push(p);
    }
    let by_day: Vec<(&str, Vec<&CorpusPage>)> = by_day.into_iter().collect();
    by_day
        .par_iter()
        .flat_map_iter(|(day, pages)| {
            let lang = langs.for_day(day);
            // Collected here: `lang` lives only as long as this day's pages are read.
            pages.par_iter().flat_map_iter(|p| forms.iter().map(|&f| example_of(p, f, &lang))).collect::<Vec<Example>>()
        })
        .collect()
}

/// The language layers training pages are read with: the shared one, its tagger
/// replaced by a lexicon of the training days' standing heads (the shipped model's
/// list would tell a fold's training pages the heads of the days held out). The
/// model trained on them carries the list on (`LineTagger::standing_heads`): the heads
/// printed on two training days or more.
///
/// A day's lines carry the `standing-head` cue only for heads printed on two *other*
/// days — as a day the model has not seen finds them: a head printed on that day and
/// one training day is no standing head to it, while read with the whole list a
/// training page would find every head it shares with one other day, and the model
/// would trust the cue more than an unseen day lets it. Every head of the list is
/// still named to the model (`LineTagger::named_heads`), so that its file carries it.
pub struct TrainingLanguages {
    base: Language,
    days: std::collections::HashMap<String, std::collections::BTreeSet<String>>,
    list: std::collections::HashSet<String>,
}

impl TrainingLanguages {
    /// From the `(day, head)` pairs of the training pages.
    pub fn of(heads: impl IntoIterator<Item = (String, String)>) -> TrainingLanguages {
        let days = crate::features::head_days(heads);
        let list = days.iter().filter(|(_, d)| d.len() >= 2).map(|(k, _)| k.clone()).collect();
        let mut base = Language::new(&crate::language::learn::UserDictionary::default());
        base.tagger = None;
        TrainingLanguages { base, days, list }
    }

    /// The standing heads every training day's heads make (the model's list).
    pub fn list(&self) -> &std::collections::HashSet<String> {
        &self.list
    }

    /// The heads a page of `day` reads as standing: those printed on two other days.
    pub fn standing_on(&self, day: &str) -> std::collections::HashSet<String> {
        let others = |d: &std::collections::BTreeSet<String>| d.iter().filter(|x| x.as_str() != day).count();
        self.days.iter().filter(|(_, d)| others(d) >= 2).map(|(k, _)| k.clone()).collect()
    }

    /// The language layer a page of `day` is read with.
    pub fn for_day(&self, day: &str) -> Language {
        let mut lang = self.base.clone();
        lang.tagger = Some(std::sync::Arc::new(tagger::LineTagger::lexicon_for_training(
            self.standing_on(day),
            self.list.clone(),
        )));
        lang
    }
}

/// The examples an annotated issue gives: each run of consecutive reviewed
/// articles is a sequence; an article's first line is its kicker, headline or
/// lead as the editor left them, lines matching its deck are decks.
pub fn issue_examples(issue: &Issue, lang: &Language) -> Vec<Example> {
    let src = Source::from_text(issue.source.clone(), "UTF-8");
    let pages = segment::find_pages(&src);
    let features: std::collections::HashMap<u32, Vec<String>> =
        segment::line_features(&src, &pages, lang).into_iter().collect();
    let mut out = Vec::new();
    let mut current: Example = (Vec::new(), Vec::new());
    for a in &issue.articles {
        if a.review != Review::Reviewed {
            if !current.0.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let kicker = a.kicker.value().as_deref().map(norm);
        let headline = a.headline.value().as_deref().map(norm);
        let deck = a.deck.value().as_deref().map(norm);
        let mut in_head = true;
        let mut first = true;
        for n in a.lines.first..=a.lines.last {
            let Some(f) = features.get(&n) else { continue };
            let text = norm(&crate::text::printed_text(src.line(n)));
            let label = if in_head && kicker.as_deref() == Some(text.as_str()) {
                LineLabel::Kicker
            } else if in_head && headline.as_deref() == Some(text.as_str()) {
                LineLabel::Headline
            } else if in_head && deck.as_deref().is_some_and(|d| !text.is_empty() && d.contains(text.as_str())) {
                LineLabel::Deck
            } else {
                in_head = false;
                if first {
                    LineLabel::Lead
                } else {
                    LineLabel::Body
                }
            };
            first = false;
            current.0.push(f.clone());
            current.1.push(label);
        }
    }
    if !current.0.is_empty() {
        out.push(current);
    }
    out
}

/// The reviewed articles of every `.ron` issue under `folder` (recursively), and the files skipped.
pub fn archive_examples(folder: &Path, langs: &TrainingLanguages) -> Result<(Vec<Example>, Vec<String>), String> {
    let mut files = Vec::new();
    collect_ron(folder, &mut files, 0)?;
    files.sort();
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for f in files {
        match crate::store::load(&f) {
            Ok(issue) => out.extend(issue_examples(&issue, &langs.for_day(&issue_day(&issue, &f)))),
            Err(e) => skipped.push(e.to_string()),
        }
    }
    Ok((out, skipped))
}

/// The day an archived issue counts for among standing heads: the date the editor
/// gave it, else its file.
fn issue_day(issue: &Issue, file: &Path) -> String {
    issue.meta.date.value().clone().unwrap_or_else(|| file.display().to_string())
}

/// The kickers and headlines of the reviewed articles of every `.ron` issue under
/// `folder`, each with its issue (the date the editor gave it, else its file): the
/// archive's own standing heads are among them. Unreadable files are left to
/// `archive_examples` to report.
fn archive_heads(folder: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    collect_ron(folder, &mut files, 0)?;
    let mut out = Vec::new();
    for f in files {
        let Ok(issue) = crate::store::load(&f) else { continue };
        let day = issue_day(&issue, &f);
        for a in issue.articles.iter().filter(|a| a.review == Review::Reviewed) {
            for head in [a.kicker.value(), a.headline.value()].into_iter().flatten() {
                out.push((day.clone(), head.clone()));
            }
        }
    }
    Ok(out)
}

fn collect_ron(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), String> {
    if depth > 16 {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let Ok(entry) = entry else { continue };
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        if kind.is_dir() && !entry.file_name().to_string_lossy().starts_with('.') {
            collect_ron(&path, out, depth + 1)?;
        } else if kind.is_file() && crate::is_annotated(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// What a training run read and wrote.
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub corpus_pages: usize,
    pub corpus_sequences: usize,
    pub archive_sequences: usize,
    pub lines: usize,
    pub skipped: Vec<String>,
    pub model_bytes: u64,
}

/// Trains a model from truth corpora (in every form) and archive folders (their
/// reviewed issues), and writes it to `out`. A folder holding truth pages
/// (`NAME.txt` + `NAME.json`) is read as a corpus; any other folder as an archive.
pub fn train_model(folders: &[PathBuf], out: &Path, options: TrainOptions) -> Result<TrainReport, String> {
    let mut report = TrainReport::default();
    let mut examples: Vec<Example> = Vec::new();
    // Truth corpora first: their standing heads are what every example's features name.
    let mut corpus_pages = Vec::new();
    let mut archives = Vec::new();
    for folder in folders {
        if !folder.is_dir() {
            return Err(format!("{}: not a folder", folder.display()));
        }
        let pages = corpus::read_corpora(std::slice::from_ref(folder))?;
        if pages.is_empty() {
            archives.push(folder);
        }
        corpus_pages.extend(pages);
    }
    // A standing head counts on any two days, of the corpora and the archives alike.
    let mut heads: Vec<(String, String)> = corpus_pages.iter().flat_map(|p| p.dated_heads()).collect();
    for folder in &archives {
        heads.extend(archive_heads(folder)?);
    }
    let langs = TrainingLanguages::of(heads);
    if !corpus_pages.is_empty() {
        report.corpus_pages = corpus_pages.len();
        let ex = corpus_examples_with(&corpus_pages, &Form::ALL, &langs);
        report.corpus_sequences = ex.len();
        examples.extend(ex);
    }
    for folder in archives {
        let (ex, skipped) = archive_examples(folder, &langs)?;
        report.archive_sequences += ex.len();
        report.skipped.extend(skipped);
        // An editor's reviewed page counts as much as a truth page in every form.
        for e in ex {
            for _ in 0..Form::ALL.len() {
                examples.push(e.clone());
            }
        }
    }
    report.lines = examples.iter().map(|e| e.0.len()).sum();
    if examples.is_empty() {
        return Err("nothing to train on: no truth pages and no reviewed articles in the folders given".into());
    }
    tagger::train(&examples, out, options)?;
    report.model_bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(d, h)| (d.to_string(), h.to_string())).collect()
    }

    #[test]
    fn a_training_day_reads_as_standing_only_the_heads_of_two_other_days() {
        // `数读` heads an item on three days, `来论` on two, a story's head on one.
        let langs = TrainingLanguages::of(heads(&[
            ("20240301", "数读"),
            ("20240302", "数 读"),
            ("20240303", "数读"),
            ("20240301", "来论"),
            ("20240302", "来论"),
            ("20240301", "城关大桥建成通车"),
        ]));
        // The model carries every head of two days or more.
        let mut list: Vec<&str> = langs.list().iter().map(String::as_str).collect();
        list.sort();
        assert_eq!(list, ["数读", "来论"]);
        // On the first day, `来论` was printed on one other day only: a day the model has
        // not seen would not know it either. `数读` was printed on two others.
        let first = langs.standing_on("20240301");
        assert!(first.contains("数读") && !first.contains("来论"), "{first:?}");
        // A day with none of these heads sees the whole list as an unseen day does.
        let later = langs.standing_on("20240310");
        assert_eq!(later.len(), 2, "{later:?}");
        // Its lines are still named to the model, so that the model file keeps `来论`.
        let lang = langs.for_day("20240301");
        let tagger = lang.tagger.as_ref().unwrap();
        assert!(tagger.named_heads.contains("来论") && !tagger.standing_heads.contains("来论"));
    }
}
