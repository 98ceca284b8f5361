//! Memory and time of detection on the inputs a hostile test found freezing the
//! window: a 200,000-line dump with no page markers, and a 21 MB single line.
//!
//!     cargo run --release --example huge_input -- lines
//!     cargo run --release --example huge_input -- headline
//!
//! Prints the file size, the time to detect, and the peak resident memory above what
//! the language layer alone takes (`VmHWM` of this process), as a multiple of the file.

use std::time::Instant;

fn kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()).unwrap_or(0)
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "lines".into());
    let text = match which.as_str() {
        // Two-word lines from a small newsroom vocabulary, as a runaway export produces.
        "lines" => {
            let words = ["县委", "会议", "召开", "农业", "春耕", "工作", "要求", "本报讯", "记者", "发展"];
            let mut s = String::new();
            let mut x: u64 = 7;
            for _ in 0..200_000 {
                for _ in 0..2 {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    s.push_str(words[(x >> 33) as usize % words.len()]);
                }
                s.push('\n');
            }
            s
        }
        _ => format!("{}\n\n本报讯 会议召开。\n", "县".repeat(7_000_000)),
    };
    // The language layer and the keyword table loaded first: the baseline.
    let lang = jianbao::language::Language::shared();
    let _ = jianbao::language::keywords::table();
    let base = kb("VmHWM:");
    let started = Instant::now();
    let issue = jianbao::detect_bytes(text.as_bytes(), "huge.txt").expect("detects");
    let took = started.elapsed();
    let peak = kb("VmHWM:");
    let mb = |k: u64| k as f64 / 1024.0;
    let file = text.len() as f64 / 1_048_576.0;
    println!(
        "{which}: {:.1} MB, {} lines, {} articles in {:.1} s; peak {:.0} MB, {:.0} MB above the language layer ({:.1}× the file)",
        file,
        issue.source.lines().count(),
        issue.articles.len(),
        took.as_secs_f64(),
        mb(peak),
        mb(peak.saturating_sub(base)),
        mb(peak.saturating_sub(base)) / file
    );
    drop((issue, lang));
}
