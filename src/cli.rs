//! The command line: `jianbao detect`, `jianbao export`, and the GUI entry.
//!
//! Exit codes: 0 done, 1 an error (the message names the file and the problem),
//! 2 a usage error (clap's own).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::batch::{Options, Work};
use crate::export::{self, Format};

#[derive(Parser, Debug)]
#[command(
    name = "jianbao",
    version,
    about = "Jianbao (剪报): split a newspaper issue's text dump into articles, detect their metadata, export an archive record.",
    long_about = None,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// An issue to open in the workstation window (a raw .txt/.md dump or an annotated .ron).
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Split raw dumps into articles, detect their metadata, write annotated issues (RON).
    /// One file: to -o or stdout. Folders (searched recursively) or several files: into -o OUTDIR.
    Detect {
        /// Raw dumps (.txt, .md; UTF-8, UTF-16 or GB18030) or folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The annotated issue (.ron) for one input; the output folder for a batch.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// In a batch, write over outputs that exist.
        #[arg(long)]
        force: bool,
    },
    /// Learn from the reviewed .ron issues of an archive folder: names, places,
    /// organisations and section cues go into the folder's jianbao-dictionary.txt.
    Learn { folder: PathBuf },
    /// Train the line tagger (kicker, headline, deck, lead, body, broken-paragraph lines)
    /// from truth corpora (folders of NAME.txt + NAME.json, written out in every layout a
    /// dump takes) and from archive folders (their reviewed .ron issues). Put the model in
    /// an archive folder as jianbao-model.crf and Jianbao uses it for that folder.
    Train {
        /// Truth corpora and archive folders.
        #[arg(required = true)]
        folders: Vec<PathBuf>,
        /// The model file to write (e.g. ARCHIVE/jianbao-model.crf).
        #[arg(short, long)]
        output: PathBuf,
        /// Training iterations (L-BFGS).
        #[arg(long, default_value_t = 150)]
        iterations: usize,
    },
    /// How often each detected field was right in the reviewed .ron issues of a folder
    /// (the editors' corrections are the ground truth).
    Eval { folder: PathBuf },
    /// Index every issue under an archive folder (annotated .ron issues, and raw dumps
    /// without one) into ARCHIVE/.jianbao/index/ for `search`. Incremental: only files that
    /// changed are read again; safe to interrupt and run again.
    Index { archive: PathBuf },
    /// Search the articles of an indexed archive, best first.
    ///
    /// QUERY: words (all must occur; Chinese is segmented with jieba and the archive's
    /// dictionary), "a phrase", OR, -word, and field:value — person:张三, place:沁阳,
    /// org:县委, section:时政, column:覃怀之声, genre:commentary, review:reviewed,
    /// headline:…, body:…, byline:…; dates with --from/--to or date:[20260101 TO 20260331].
    Search {
        archive: PathBuf,
        query: String,
        /// Search only this text field (headline, kicker, deck, body, byline); repeatable.
        #[arg(long = "field")]
        fields: Vec<String>,
        /// Issues from this date on (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Issues up to this date (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Only articles of this section.
        #[arg(long)]
        section: Option<String>,
        /// Print the hits as JSON lines.
        #[arg(long)]
        json: bool,
        /// How many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Export issues (raw dumps or annotated .ron) in an archive format: json (the documented
    /// contract), ron (the annotated issue), clean-ron, markdown, text, nitf (a folder of
    /// XML documents, one per article), opensearch (bulk NDJSON, with the index mapping
    /// written beside it as NAME.mapping.json).
    Export {
        /// Issues, or folders of them (searched recursively).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The format; without it, the output file's extension decides (else json).
        #[arg(short, long)]
        format: Option<String>,
        /// Output file (stdout without it), or folder (nitf, or a batch).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// In a batch, write over outputs that exist.
        #[arg(long)]
        force: bool,
    },
}

/// Runs the command line; the binary's `main` is only this.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => {
            if let Some(file) = &cli.file {
                // Said here too, for a terminal; the window shows the same error (a desktop
                // launcher has no terminal, so the person sees it there).
                if !file.exists() {
                    eprintln!("jianbao: {}: no such file", file.display());
                }
            }
            crate::ui::run(cli.file)
        }
        Some(Command::Detect { inputs, output, force }) => {
            if is_batch(&inputs) {
                return batch(&inputs, output.as_deref(), Work::Detect, force);
            }
            report(detect(&inputs[0], output.as_deref()))
        }
        Some(Command::Learn { folder }) => report(learn(&folder)),
        Some(Command::Index { archive }) => report(index(&archive)),
        Some(Command::Search { archive, query, fields, from, to, section, json, limit }) => {
            let options = crate::index::SearchOptions { fields, from, to, section, limit };
            report(search(&archive, &query, &options, json))
        }
        Some(Command::Eval { folder }) => report(eval(&folder)),
        Some(Command::Train { folders, output, iterations }) => report(train(&folders, &output, iterations)),
        Some(Command::Export { inputs, format, output, force }) => {
            let format = match (&format, &output) {
                (Some(f), _) => match Format::parse(f) {
                    Some(f) => f,
                    None => {
                        eprintln!("jianbao: unknown export format {f:?}; use json, ron, clean-ron, markdown, text, nitf or opensearch");
                        return ExitCode::from(2);
                    }
                },
                (None, Some(out)) => Format::from_output(out).unwrap_or(Format::Json),
                (None, None) => Format::Json,
            };
            if is_batch(&inputs) {
                return batch(&inputs, output.as_deref(), Work::Export(format), force);
            }
            report(export_file(&inputs[0], format, output.as_deref()))
        }
    }
}

fn index(archive: &Path) -> Result<(), String> {
    if !archive.is_dir() {
        return Err(format!("{}: not a folder; index an archive folder", archive.display()));
    }
    let started = std::time::Instant::now();
    let bar = std::io::stderr().is_terminal().then(|| indicatif::ProgressBar::new(0));
    let progress = |done: usize, total: usize| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let report = crate::index::index_archive(archive, &progress)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    eprintln!("{}; {:.1} s", report.summary(), started.elapsed().as_secs_f64());
    if report.failed.is_empty() {
        Ok(())
    } else {
        Err(format!("{} file(s) could not be indexed", report.failed.len()))
    }
}

fn search(archive: &Path, query: &str, options: &crate::index::SearchOptions, json: bool) -> Result<(), String> {
    let hits = crate::index::search(archive, query, options)?;
    let mut out = std::io::stdout().lock();
    for h in &hits {
        let line = if json {
            serde_json::to_string(h).map_err(|e| e.to_string())?
        } else {
            format!(
                "{}  {}  {}\n    {}\n    {} #{}",
                h.date.as_deref().unwrap_or("----------"),
                h.page.map_or("p?".to_string(), |p| format!("p{p}")),
                if h.headline.is_empty() { "（无标题）" } else { &h.headline },
                h.snippet,
                h.file,
                h.id
            )
        };
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    if hits.is_empty() && !json {
        eprintln!("nothing found");
    }
    Ok(())
}

fn train(folders: &[PathBuf], output: &Path, iterations: usize) -> Result<(), String> {
    let options = crate::tagger::TrainOptions { max_iterations: iterations, ..Default::default() };
    let started = std::time::Instant::now();
    let r = crate::training::train_model(folders, output, options)?;
    for s in &r.skipped {
        eprintln!("jianbao: skipped {s}");
    }
    eprintln!(
        "trained on {} truth pages ({} page forms) and {} runs of reviewed articles, {} lines, in {:.0} s: {} ({} KB)",
        r.corpus_pages,
        r.corpus_sequences,
        r.archive_sequences,
        r.lines,
        started.elapsed().as_secs_f64(),
        output.display(),
        r.model_bytes / 1024
    );
    Ok(())
}

fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("jianbao: {message}");
            ExitCode::from(1)
        }
    }
}

fn detect(file: &Path, output: Option<&Path>) -> Result<(), String> {
    if crate::is_annotated(file) {
        return Err(format!("{}: already an annotated issue; `detect` reads raw dumps (.txt, .md)", file.display()));
    }
    let issue = open_in_archive(file)?;
    match output {
        Some(out) => {
            refuse_input_as_output(file, out)?;
            crate::store::save(&issue, out).map_err(|e| e.to_string())?;
            let flags = issue.open_flags();
            eprintln!("{}: {} articles, {flags} open flags → {}", file.display(), issue.articles.len(), out.display());
            Ok(())
        }
        None => write_stdout(&crate::store::to_ron(&issue).map_err(|e| e.to_string())?),
    }
}

fn export_file(file: &Path, format: Format, output: Option<&Path>) -> Result<(), String> {
    let issue = open_in_archive(file)?;
    match output {
        Some(out) => {
            refuse_input_as_output(file, out)?;
            let written = export::write(&issue, format, out)?;
            if format.is_folder() {
                eprintln!("{}: {} NITF documents → {}", file.display(), written.len(), out.display());
            }
            Ok(())
        }
        None if format.is_folder() => {
            Err(format!("{}: NITF is one document per article; give the output folder with -o", file.display()))
        }
        None => write_stdout(&export::render(&issue, format).map_err(|e| e.to_string())?),
    }
}

/// Several inputs, or a folder: a batch into an output folder.
fn is_batch(inputs: &[PathBuf]) -> bool {
    inputs.len() > 1 || inputs.first().is_some_and(|p| p.is_dir())
}

fn batch(inputs: &[PathBuf], output: Option<&Path>, work: Work, force: bool) -> ExitCode {
    let Some(out_dir) = output else {
        eprintln!("jianbao: several inputs or a folder need an output folder: -o OUTDIR");
        return ExitCode::from(2);
    };
    if out_dir.is_file() {
        eprintln!("jianbao: {}: is a file; a batch writes into a folder", out_dir.display());
        return ExitCode::from(2);
    }
    let found = match crate::batch::collect(inputs, work) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("jianbao: {e}");
            return ExitCode::from(1);
        }
    };
    if found.is_empty() {
        eprintln!(
            "jianbao: no issue files (.txt, .md{}) in the inputs",
            if work == Work::Detect { "" } else { ", .ron" }
        );
        return ExitCode::from(1);
    }
    let options = Options { force, progress: std::io::stderr().is_terminal() };
    let summary = crate::batch::run(&found, out_dir, work, &options);
    eprintln!("{}", summary.report());
    if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Opens an issue with the language layer of its folder (the archive's user dictionary).
fn open_in_archive(file: &Path) -> Result<crate::model::Issue, String> {
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let lang = crate::language::Language::for_folder(folder)?;
    let (issue, repairs) = crate::open_checked(file, &lang).map_err(|e| e.to_string())?;
    for r in repairs {
        eprintln!("jianbao: {}: repaired on loading: {r}", file.display());
    }
    Ok(issue)
}

fn learn(folder: &Path) -> Result<(), String> {
    use crate::language::learn;
    let path = learn::dictionary_path(folder);
    let existing = learn::UserDictionary::load(&path)?;
    let (dict, stats) = learn::learn_folder(folder, existing)?;
    for skipped in &stats.skipped_files {
        eprintln!("jianbao: skipped {skipped}");
    }
    dict.save(&path)?;
    let cues: usize = dict.section_cues.values().map(|c| c.len()).sum();
    eprintln!(
        "{}: {} issues, {} reviewed articles → {} people, {} places, {} organisations, {} section cues in {}",
        folder.display(),
        stats.issues,
        stats.reviewed_articles,
        dict.people.len(),
        dict.places.len(),
        dict.organizations.len(),
        cues,
        path.display()
    );
    Ok(())
}

fn eval(folder: &Path) -> Result<(), String> {
    let (issues, skipped) = crate::evaluate::load_folder(folder)?;
    for s in &skipped {
        eprintln!("jianbao: skipped {s}");
    }
    let acc = crate::evaluate::score_corrections(&issues);
    if acc.reviewed == 0 {
        return Err(format!(
            "{}: no reviewed articles in {} issue(s); nothing to measure",
            folder.display(),
            acc.issues
        ));
    }
    let mut out = format!(
        "{} issues, {} reviewed articles; a field is right when the editor did not correct it\n",
        acc.issues, acc.reviewed
    );
    for (field, right, total) in &acc.fields {
        out.push_str(&format!(
            "{field:<14} {:>6.1}%  ({right}/{total})\n",
            100.0 * *right as f64 / (*total).max(1) as f64
        ));
    }
    write_stdout(&out)
}

/// Never write over the file being read.
fn refuse_input_as_output(input: &Path, output: &Path) -> Result<(), String> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == output,
    };
    if same {
        return Err(format!("{}: the output would overwrite the input; choose another -o", output.display()));
    }
    Ok(())
}

fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to stdout: {e}")),
    }
}
