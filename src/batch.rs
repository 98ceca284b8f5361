//! Batch work: whole folders of back issues detected or exported at once, in
//! parallel, with a progress bar on a terminal and a summary at the end. One
//! bad file never stops the batch.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::export::Format;
use crate::language::Language;

/// What the batch does to each input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Raw dump → annotated `.ron`.
    Detect,
    /// Raw dump or `.ron` → an archive format.
    Export(Format),
}

impl Work {
    fn input_extensions(self) -> &'static [&'static str] {
        match self {
            Work::Detect => &["txt", "md"],
            Work::Export(_) => &["txt", "md", "ron"],
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Write over outputs that exist.
    pub force: bool,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
}

/// How a batch went.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub done: usize,
    pub failed: Vec<(PathBuf, String)>,
    /// Inputs whose output existed already (not written without `--force`).
    pub existing: Vec<PathBuf>,
    /// Done, but bytes of the file could not be decoded (replaced by U+FFFD and flagged).
    pub damaged: Vec<(PathBuf, String)>,
    /// Inputs whose output name another input's would have taken: named apart.
    pub renamed: Vec<(PathBuf, PathBuf)>,
    /// What the folder walk left out, and why (special files, links back up the tree).
    pub skipped: Vec<String>,
    pub articles: usize,
    pub flags: usize,
    pub elapsed: Duration,
}

impl Summary {
    pub fn report(&self) -> String {
        let mut s = format!(
            "{} done, {} failed, {} skipped (output exists; --force writes over it); {} articles, {} open flags; {:.1} s",
            self.done,
            self.failed.len(),
            self.existing.len(),
            self.articles,
            self.flags,
            self.elapsed.as_secs_f64()
        );
        for (path, why) in &self.failed {
            s.push_str(&format!("\n  failed: {}: {why}", path.display()));
        }
        for (path, encoding) in &self.damaged {
            s.push_str(&format!(
                "\n  damaged: {}: some bytes could not be decoded ({encoding}); flagged in the issue",
                path.display()
            ));
        }
        for (input, output) in &self.renamed {
            s.push_str(&format!(
                "\n  named apart: {} → {} (another input has the same name)",
                input.display(),
                output.display()
            ));
        }
        for why in &self.skipped {
            s.push_str(&format!("\n  skipped: {why}"));
        }
        s
    }
}

/// One input: the file, and the folder given on the command line it was found under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub file: PathBuf,
    pub root: Option<PathBuf>,
}

/// The inputs of a batch, and what the walk left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// Special files, links back up the tree, unreadable entries: said in the summary.
    pub skipped: Vec<String>,
}

impl Collected {
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }
}

/// The inputs: files as given, folders searched recursively for the work's extensions.
/// Only ordinary files are taken (a FIFO would hang the batch); a folder reached twice
/// (a symbolic link back up the tree) and a file reached twice are walked once.
pub fn collect(inputs: &[PathBuf], work: Work) -> Result<Collected, String> {
    let exts = work.input_extensions();
    let mut walk = Walk { exts, ..Walk::default() };
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|_| format!("{}: no such file or folder", input.display()))?;
        if meta.is_dir() {
            let before = walk.files.len();
            walk.dir(input).map_err(|e| format!("{}: {e}", input.display()))?;
            walk.files[before..].sort();
            let found: Vec<PathBuf> = walk.files[before..].to_vec();
            walk.out.extend(found.into_iter().map(|file| Input { file, root: Some(input.clone()) }));
        } else if meta.is_file() {
            if walk.first_time(input) {
                walk.out.push(Input { file: input.clone(), root: None });
            }
        } else {
            walk.skipped.push(format!("{}: not a regular file (a FIFO, socket or device)", input.display()));
        }
    }
    Ok(Collected { inputs: walk.out, skipped: walk.skipped })
}

#[derive(Default)]
struct Walk<'a> {
    exts: &'a [&'a str],
    /// Folders and files already met, by canonical path.
    seen: std::collections::HashSet<PathBuf>,
    files: Vec<PathBuf>,
    out: Vec<Input>,
    skipped: Vec<String>,
}

impl Walk<'_> {
    fn first_time(&mut self, path: &Path) -> bool {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.seen.insert(canonical)
    }

    fn dir(&mut self, dir: &Path) -> std::io::Result<()> {
        if !self.first_time(dir) {
            self.skipped
                .push(format!("{}: a link to a folder already walked (a loop or a second way in)", dir.display()));
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            // Follows links: a link to a file is that file, a link to a folder that folder.
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    if !hidden {
                        self.skipped.push(format!("{}: {e} (a dangling link?)", path.display()));
                    }
                    continue;
                }
            };
            let wanted = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| self.exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
                && !hidden;
            if meta.is_dir() {
                if !hidden {
                    self.dir(&path)?;
                }
            } else if !wanted {
                continue;
            } else if !meta.is_file() {
                self.skipped.push(format!("{}: not a regular file (a FIFO, socket or device)", path.display()));
            } else if self.first_time(&path) {
                self.files.push(path);
            } else {
                self.skipped.push(format!("{}: the same file as one already taken (a link)", path.display()));
            }
        }
        Ok(())
    }
}

/// Where an input's output goes: its path under its root, mirrored under `out_dir`.
pub fn output_path(input: &Input, out_dir: &Path, work: Work) -> PathBuf {
    let relative = match &input.root {
        Some(root) => input.file.strip_prefix(root).unwrap_or(&input.file).to_path_buf(),
        None => PathBuf::from(input.file.file_name().unwrap_or_default()),
    };
    let stem = relative.with_extension("");
    let target = out_dir.join(stem);
    match work {
        Work::Detect => with_suffix(&target, "ron"),
        Work::Export(f) if f.is_folder() => target,
        Work::Export(f) => with_suffix(&target, f.extension()),
    }
}

fn with_suffix(path: &Path, ext: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// Runs the batch. Each file is read, detected (with its folder's user dictionary)
/// and written on its own; failures are collected, never fatal.
pub fn run(collected: &Collected, out_dir: &Path, work: Work, options: &Options) -> Summary {
    let started = Instant::now();
    let (plan, renamed) = plan_outputs(&collected.inputs, out_dir, work);
    let inputs = &collected.inputs;
    let languages: Mutex<HashMap<PathBuf, Arc<Language>>> = Mutex::new(HashMap::new());
    let bar = options.progress.then(|| {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let results: Vec<(PathBuf, Outcome)> = inputs
        .par_iter()
        .zip(plan.par_iter())
        .map(|(input, out)| {
            let outcome = one(input, out, work, options, &languages);
            if let Some(bar) = &bar {
                bar.set_message(input.file.display().to_string());
                bar.inc(1);
            }
            (input.file.clone(), outcome)
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut summary = Summary { renamed, skipped: collected.skipped.clone(), ..Summary::default() };
    for (file, outcome) in results {
        match outcome {
            Outcome::Done { articles, flags, damaged } => {
                summary.done += 1;
                summary.articles += articles;
                summary.flags += flags;
                if let Some(encoding) = damaged {
                    summary.damaged.push((file, encoding));
                }
            }
            Outcome::Exists => summary.existing.push(file),
            Outcome::Failed(why) => summary.failed.push((file, why)),
        }
    }
    summary.elapsed = started.elapsed();
    summary
}

/// Every input's output path. Inputs whose outputs would be the same file (`page.txt` and
/// `page.md` → `page.ron`) keep their extension in the name (`page.txt.ron`,
/// `page.md.ron`), so no output is written twice and none is counted for another.
fn plan_outputs(inputs: &[Input], out_dir: &Path, work: Work) -> (Vec<PathBuf>, Vec<(PathBuf, PathBuf)>) {
    let plain: Vec<PathBuf> = inputs.iter().map(|i| output_path(i, out_dir, work)).collect();
    let mut count: HashMap<&PathBuf, usize> = HashMap::new();
    for p in &plain {
        *count.entry(p).or_default() += 1;
    }
    let mut renamed = Vec::new();
    let mut taken: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let plan = inputs
        .iter()
        .zip(&plain)
        .map(|(input, out)| {
            if count[out] == 1 {
                taken.insert(out.clone());
                return out.clone();
            }
            // The extension kept; when even that is shared (`2026/03/01.ron` and `2026/04/01.ron`
            // given as files), a number.
            let apart = output_path_keeping_extension(input, out_dir, work);
            let apart = (1..)
                .map(|k| if k == 1 { apart.clone() } else { numbered(&apart, k) })
                .find(|p| !taken.contains(p) && !count.contains_key(p))
                .unwrap_or(apart);
            taken.insert(apart.clone());
            renamed.push((input.file.clone(), apart.clone()));
            apart
        })
        .collect();
    (plan, renamed)
}

/// `dir/01.ron.ndjson` → `dir/01.ron-2.ndjson`.
fn numbered(path: &Path, k: usize) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let renamed = match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{k}.{ext}"),
        None => format!("{name}-{k}"),
    };
    path.with_file_name(renamed)
}

/// [`output_path`] with the input's extension kept: `page.txt` → `page.txt.ron`.
fn output_path_keeping_extension(input: &Input, out_dir: &Path, work: Work) -> PathBuf {
    let relative = match &input.root {
        Some(root) => input.file.strip_prefix(root).unwrap_or(&input.file).to_path_buf(),
        None => PathBuf::from(input.file.file_name().unwrap_or_default()),
    };
    let target = out_dir.join(relative);
    match work {
        Work::Detect => with_suffix(&target, "ron"),
        Work::Export(f) if f.is_folder() => with_suffix(&target, "nitf"),
        Work::Export(f) => with_suffix(&target, f.extension()),
    }
}

enum Outcome {
    Done { articles: usize, flags: usize, damaged: Option<String> },
    Exists,
    Failed(String),
}

fn one(
    input: &Input,
    out: &Path,
    work: Work,
    options: &Options,
    languages: &Mutex<HashMap<PathBuf, Arc<Language>>>,
) -> Outcome {
    if out.exists() && !options.force {
        return Outcome::Exists;
    }
    let folder = input.file.parent().map(Path::to_path_buf).unwrap_or_default();
    let lang = {
        let cached = languages.lock().map(|m| m.get(&folder).cloned()).ok().flatten();
        match cached {
            Some(l) => l,
            None => match Language::for_folder(&folder) {
                Ok(l) => {
                    if let Ok(mut m) = languages.lock() {
                        m.insert(folder.clone(), l.clone());
                    }
                    l
                }
                Err(e) => return Outcome::Failed(e),
            },
        }
    };
    let issue = match crate::open_with(&input.file, &lang) {
        Ok(i) => i,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    if let Some(parent) = out.parent() {
        if let Err(e) = std::fs::create_dir_all(parent) {
            return Outcome::Failed(format!("{}: {e}", parent.display()));
        }
    }
    let written = match work {
        Work::Detect => crate::store::save(&issue, out).map_err(|e| e.to_string()),
        Work::Export(f) => crate::export::write(&issue, f, out).map(|_| ()),
    };
    let damaged = issue.meta.encoding.contains("replaced").then(|| issue.meta.encoding.clone());
    match written {
        Ok(()) => Outcome::Done { articles: issue.articles.len(), flags: issue.open_flags(), damaged },
        Err(e) => Outcome::Failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_mirror_the_input_tree() {
        let input = Input { file: PathBuf::from("/archive/1998/01/0101.txt"), root: Some(PathBuf::from("/archive")) };
        assert_eq!(output_path(&input, Path::new("/out"), Work::Detect), PathBuf::from("/out/1998/01/0101.ron"));
        assert_eq!(
            output_path(&input, Path::new("/out"), Work::Export(Format::Json)),
            PathBuf::from("/out/1998/01/0101.json")
        );
        assert_eq!(
            output_path(&input, Path::new("/out"), Work::Export(Format::Nitf)),
            PathBuf::from("/out/1998/01/0101")
        );
        // Files of the same name from different folders, given as files: numbered apart.
        let same = [
            Input { file: PathBuf::from("2026/03/01.ron"), root: None },
            Input { file: PathBuf::from("2026/04/01.ron"), root: None },
        ];
        let (plan, renamed) = plan_outputs(&same, Path::new("o"), Work::Export(Format::Json));
        assert_eq!(plan, [PathBuf::from("o/01.ron.json"), PathBuf::from("o/01.ron-2.json")]);
        assert_eq!(renamed.len(), 2);
        let single = Input { file: PathBuf::from("a/b.v2.md"), root: None };
        assert_eq!(output_path(&single, Path::new("o"), Work::Detect), PathBuf::from("o/b.v2.ron"));
    }
}
