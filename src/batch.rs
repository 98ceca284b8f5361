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
        s
    }
}

/// One input: the file, and the folder given on the command line it was found under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub file: PathBuf,
    pub root: Option<PathBuf>,
}

/// The inputs: files as given, folders searched recursively for the work's extensions.
pub fn collect(inputs: &[PathBuf], work: Work) -> Result<Vec<Input>, String> {
    let exts = work.input_extensions();
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut files = Vec::new();
            walk(input, exts, &mut files).map_err(|e| format!("{}: {e}", input.display()))?;
            files.sort();
            out.extend(files.into_iter().map(|file| Input { file, root: Some(input.clone()) }));
        } else if input.exists() {
            out.push(Input { file: input.clone(), root: None });
        } else {
            return Err(format!("{}: no such file or folder", input.display()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, exts, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
            && !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            out.push(path);
        }
    }
    Ok(())
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
pub fn run(inputs: &[Input], out_dir: &Path, work: Work, options: &Options) -> Summary {
    let started = Instant::now();
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
        .map(|input| {
            let outcome = one(input, out_dir, work, options, &languages);
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
    let mut summary = Summary::default();
    for (file, outcome) in results {
        match outcome {
            Outcome::Done { articles, flags } => {
                summary.done += 1;
                summary.articles += articles;
                summary.flags += flags;
            }
            Outcome::Exists => summary.existing.push(file),
            Outcome::Failed(why) => summary.failed.push((file, why)),
        }
    }
    summary.elapsed = started.elapsed();
    summary
}

enum Outcome {
    Done { articles: usize, flags: usize },
    Exists,
    Failed(String),
}

fn one(
    input: &Input,
    out_dir: &Path,
    work: Work,
    options: &Options,
    languages: &Mutex<HashMap<PathBuf, Arc<Language>>>,
) -> Outcome {
    let out = output_path(input, out_dir, work);
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
        Work::Detect => crate::store::save(&issue, &out).map_err(|e| e.to_string()),
        Work::Export(f) => crate::export::write(&issue, f, &out).map(|_| ()),
    };
    match written {
        Ok(()) => Outcome::Done { articles: issue.articles.len(), flags: issue.open_flags() },
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
        let single = Input { file: PathBuf::from("a/b.v2.md"), root: None };
        assert_eq!(output_path(&single, Path::new("o"), Work::Detect), PathBuf::from("o/b.v2.ron"));
    }
}
