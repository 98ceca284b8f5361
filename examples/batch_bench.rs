//! Batch throughput: the 82 dev pages, and a synthetic archive of 1,000 pages
//! (100 issues of 10 pages), detected to `.ron` and exported to NITF in parallel.
//!
//!     cargo run --release --example batch_bench [-- ../shared/corpus/pd1998-dev]

use std::path::{Path, PathBuf};

use jianbao::batch::{self, Options, Work};
use jianbao::export::Format;

#[path = "common/synthetic.rs"]
mod synthetic;

fn measure(what: &str, inputs: &[PathBuf], out: &Path, work: Work, pages: usize) {
    let found = batch::collect(inputs, work).expect("inputs");
    let summary = batch::run(&found, out, work, &Options { force: true, progress: false });
    assert!(summary.failed.is_empty(), "{}", summary.report());
    let secs = summary.elapsed.as_secs_f64();
    println!(
        "{what:<44} {:>4} files, {pages:>5} pages, {:>6} articles: {:6.2} s, {:7.1} pages/s",
        summary.done,
        summary.articles,
        secs,
        pages as f64 / secs
    );
}

fn main() {
    let corpus = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus/pd1998-dev".into()));
    let out = tempfile::tempdir().unwrap();
    println!("threads: {}", rayon::current_num_threads());
    // Load the language layer once before timing (187 ms, paid once per process).
    let _ = jianbao::language::Language::shared();
    if corpus.is_dir() {
        let pages = std::fs::read_dir(&corpus)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "txt"))
            .count();
        measure("dev corpus → .ron", std::slice::from_ref(&corpus), &out.path().join("dev-ron"), Work::Detect, pages);
        measure(
            "dev corpus → NITF",
            std::slice::from_ref(&corpus),
            &out.path().join("dev-nitf"),
            Work::Export(Format::Nitf),
            pages,
        );
    } else {
        println!("({} missing: dev corpus not measured)", corpus.display());
    }
    let archive = out.path().join("synthetic");
    for i in 0..100 {
        let dir = archive.join(format!("{:02}", i / 30 + 1));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("issue-{i:03}.md")), synthetic::issue(10, 12, i * 7)).unwrap();
    }
    measure(
        "synthetic archive, 100 issues → .ron",
        std::slice::from_ref(&archive),
        &out.path().join("syn-ron"),
        Work::Detect,
        1000,
    );
    measure(
        "synthetic archive, 100 issues → NITF",
        std::slice::from_ref(&archive),
        &out.path().join("syn-nitf"),
        Work::Export(Format::Nitf),
        1000,
    );
}
