//! Relevance of the archive search on real pages: the dev corpora indexed as an
//! archive; for every headline, a query of its first two words must find its article
//! among the first ten.
//!
//!     cargo run --release --example search_relevance -- ../shared/corpus/pd1998-dev ../shared/corpus/pd2019-dev

fn main() {
    let dirs: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if dirs.is_empty() {
        eprintln!("usage: search_relevance CORPUS_DIR...");
        std::process::exit(2);
    }
    for dir in dirs {
        let temp = tempfile::tempdir().expect("temp dir");
        let root = temp.path().join("archive");
        std::fs::create_dir_all(&root).expect("folder");
        for entry in std::fs::read_dir(&dir).expect("corpus folder").filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&path, root.join(path.file_name().unwrap())).expect("copy");
            }
        }
        let started = std::time::Instant::now();
        let report = jianbao::index::index_archive(&root, &|_, _| {}).expect("index");
        let indexed = started.elapsed();
        let (found, asked) = jianbao::index::relevance(&root).expect("relevance");
        println!(
            "{}: {} pages, {} articles indexed in {:.1} s; two words of a headline find its article in the top 10: {found} of {asked} ({:.3})",
            dir.display(),
            report.files_indexed,
            report.articles,
            indexed.as_secs_f64(),
            found as f64 / asked.max(1) as f64
        );
    }
}
