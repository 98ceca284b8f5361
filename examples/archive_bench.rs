//! The archive index on a generated archive: ten years of a daily 8-page county paper
//! (3,650 issues, about 30,000 pages), written as raw dumps `YYYY/MM/DD.txt`.
//!
//!     cargo run --release --example archive_bench [-- --years 10] [--dir DIR]
//!
//! Prints: the time to index it from nothing, the index's size against the text's,
//! the time to index it again unchanged, and the latency of 200 queries (words, names,
//! phrases, date ranges): median and 95th percentile.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jianbao::index::{self, SearchOptions};

#[path = "common/synthetic.rs"]
mod synthetic;

fn size_of(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        size_of(&p)
                    } else {
                        e.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let years: i32 = value("--years").and_then(|v| v.parse().ok()).unwrap_or(10);
    let temp = tempfile::tempdir().expect("temp dir");
    let root: PathBuf = value("--dir").map(PathBuf::from).unwrap_or_else(|| temp.path().join("archive"));

    // The archive: one issue a day, eight pages of eight articles, dated by its datelines.
    let started = Instant::now();
    let mut issues = 0;
    for year in 2016..2016 + years {
        for day in 0..365 {
            let (month, dom) = (1 + day / 31 % 12, 1 + day % 28);
            let path = root.join(format!("{year}/{month:02}/{dom:02}-{day:03}.txt"));
            if path.exists() {
                issues += 1;
                continue;
            }
            std::fs::create_dir_all(path.parent().unwrap()).expect("folder");
            let text = synthetic::issue(8, 8, (year as usize) * 1000 + day as usize)
                .replace("3月", &format!("{month}月"))
                .replace("会议还研究了其他事项", &format!("会议还研究了{year}年的其他事项"));
            std::fs::write(&path, text).expect("write");
            issues += 1;
        }
    }
    let _ = std::fs::remove_dir_all(root.join(index::INDEX_DIR));
    let text_bytes = size_of(&root);
    println!(
        "archive: {issues} issues, {:.0} MB of text, written in {:.0} s",
        text_bytes as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let report = index::index_archive(&root, &|_, _| {}).expect("index");
    let took = started.elapsed();
    let index_bytes = size_of(&root.join(index::INDEX_DIR));
    println!(
        "index from nothing: {} files, {} articles in {:.0} s ({:.1} min); index {:.0} MB = {:.2} of the text",
        report.files_indexed,
        report.articles,
        took.as_secs_f64(),
        took.as_secs_f64() / 60.0,
        index_bytes as f64 / 1_048_576.0,
        index_bytes as f64 / text_bytes as f64
    );
    let started = Instant::now();
    let again = index::index_archive(&root, &|_, _| {}).expect("index again");
    println!(
        "index again, unchanged: {} unchanged, {} indexed in {:.2} s",
        again.files_unchanged,
        again.files_indexed,
        started.elapsed().as_secs_f64()
    );

    // 200 queries: words, names, phrases, date ranges.
    let words = ["春耕备耕", "项目建设", "信访接待", "乡村振兴", "安全生产", "环境整治", "职业教育", "文化惠民"];
    let places = ["云溪", "青石", "溪口", "南岭", "白沙", "临江", "东坪", "西河"];
    let names = ["林海峰", "许晴", "陶然", "周晓", "何丽", "宋建国", "沈青", "方明远"];
    let mut times: Vec<Duration> = Vec::new();
    let mut found = 0usize;
    for k in 0..200 {
        let (query, options) = match k % 4 {
            0 => (format!("{} {}", places[k % 8], words[(k / 4) % 8]), SearchOptions::default()),
            1 => (format!("person:{}", names[k % 8]), SearchOptions::default()),
            2 => (format!("\"{}\"", words[k % 8]), SearchOptions::default()),
            _ => {
                let year = 2016 + (k as i32 / 4) % years;
                (
                    words[k % 8].to_string(),
                    SearchOptions {
                        from: Some(format!("{year}-03-01")),
                        to: Some(format!("{year}-05-31")),
                        ..SearchOptions::default()
                    },
                )
            }
        };
        let options = SearchOptions { limit: 20, ..options };
        let started = Instant::now();
        let hits = index::search(&root, &query, &options).expect("search");
        times.push(started.elapsed());
        found += usize::from(!hits.is_empty());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "200 queries ({found} with hits): median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        ms(times[100]),
        ms(times[190]),
        ms(times[199])
    );
}
