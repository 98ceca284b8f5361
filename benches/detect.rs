//! Detection speed: median time to detect a typical page, in a release build.
//!
//!     cargo bench --bench detect
//!
//! Pages: the bundled sample issue, and, when ../shared is beside the
//! checkout, the real county page and every page of the dev corpus.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Median of `runs` detections of `bytes`.
fn time_detect(bytes: &[u8], runs: usize) -> Duration {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let issue = jianbao::detect_bytes(bytes, "bench.txt").expect("detects");
        std::hint::black_box(&issue);
        times.push(t.elapsed());
    }
    median(times)
}

/// Median time of the language layer alone (people, places, organisations, keywords, sections).
fn time_language(bytes: &[u8], runs: usize) -> Duration {
    let issue = jianbao::detect_bytes(bytes, "bench.txt").expect("detects");
    let lang = jianbao::language::Language::shared();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let mut articles = issue.articles.clone();
        let t = Instant::now();
        jianbao::language::annotate(&mut articles, &lang);
        times.push(t.elapsed());
        std::hint::black_box(&articles);
    }
    median(times)
}

fn report(name: &str, bytes: &[u8]) {
    let issue = jianbao::detect_bytes(bytes, name).expect("detects");
    let m = time_detect(bytes, 101);
    let l = time_language(bytes, 101);
    println!(
        "{name}: {} KB, {} articles, median {:.3} ms per page, of which the language layer {:.3} ms",
        bytes.len() / 1024,
        issue.articles.len(),
        m.as_secs_f64() * 1e3,
        l.as_secs_f64() * 1e3
    );
}

fn main() {
    let t = Instant::now();
    let _ = jianbao::language::Language::shared();
    println!(
        "loading the language layer once (jieba dictionary, place names, TF-IDF): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // The line model: its size, and the time to read it (median of 21 loads).
    let model = std::fs::read(root.join("assets/model/lines.crf")).expect("the built-in model");
    let loads: Vec<Duration> = (0..21)
        .map(|_| {
            let t = Instant::now();
            let tagger = jianbao::tagger::LineTagger::from_bytes(&model, "built-in").expect("the model loads");
            std::hint::black_box(&tagger);
            t.elapsed()
        })
        .collect();
    let tagger = jianbao::tagger::LineTagger::from_bytes(&model, "built-in").unwrap();
    println!(
        "line model: {} KB, {} attributes, loads in {:.2} ms (median of 21)",
        model.len() / 1024,
        tagger.attributes(),
        median(loads).as_secs_f64() * 1e3
    );
    let sample = std::fs::read(root.join("assets/yunxi-county-news.md")).expect("bundled sample");
    report("assets/yunxi-county-news.md", &sample);
    let shared = root.join("../shared");
    if let Ok(page) = std::fs::read(shared.join("samples/qinyang-page.txt")) {
        report("shared/samples/qinyang-page.txt", &page);
    } else {
        println!("(../shared missing: real pages not measured)");
    }
    for name in ["pd1998-dev", "pd2019-dev"] {
        corpus_speed(&shared.join("corpus").join(name));
    }
    // A page whose paragraphs are broken across lines is read twice (line by line, then
    // with its paragraphs joined): the same pages broken mid-sentence, and wrapped at a column.
    for name in ["pd1998-dev", "pd2019-dev"] {
        for form in ["flat+breaks", "flat+wrapped"] {
            broken_speed(&shared.join("corpus").join(name), form);
        }
    }
}

/// Median and slowest detection time over a dev corpus's pages written out in `form`.
fn broken_speed(corpus: &Path, form_name: &str) {
    let (Ok(pages), Some(form)) =
        (jianbao::corpus::read_corpora(&[corpus.to_path_buf()]), jianbao::corpus::Form::by_name(form_name))
    else {
        return;
    };
    let texts: Vec<String> = pages.iter().map(|p| jianbao::corpus::render(p, form).text).collect();
    let per_page: Vec<Duration> = texts.iter().map(|t| time_detect(t.as_bytes(), 11)).collect();
    if per_page.is_empty() {
        return;
    }
    println!(
        "{} as {form_name}: {} pages, median page {:.3} ms, slowest page {:.3} ms",
        corpus.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
        pages.len(),
        median(per_page.clone()).as_secs_f64() * 1e3,
        per_page.iter().max().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
}

/// Median and slowest detection time over the pages of a dev corpus.
fn corpus_speed(corpus: &Path) {
    if corpus.is_dir() {
        let mut pages: Vec<PathBuf> = std::fs::read_dir(corpus)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        pages.sort();
        let per_page: Vec<Duration> = pages.iter().map(|p| time_detect(&read(p), 11)).collect();
        let language: Vec<Duration> = pages.iter().map(|p| time_language(&read(p), 11)).collect();
        let total: usize = pages.iter().map(|p| read(p).len()).sum();
        let worst = per_page.iter().max().copied().unwrap_or_default();
        println!(
            "{}: {} pages, {} KB, median page {:.3} ms (language layer {:.3} ms), slowest page {:.3} ms",
            corpus.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
            pages.len(),
            total / 1024,
            median(per_page).as_secs_f64() * 1e3,
            median(language).as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3
        );
    }
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).expect("page reads")
}
