//! Prints a dump's lines with the article each starts and the detected head:
//! what the tagger and the rules made of a page, for looking at errors.
//!
//!     cargo run --release --example show -- FILE

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: show FILE");
        std::process::exit(2);
    };
    let issue = jianbao::open(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let src = jianbao::ingest::Source::from_text(issue.source.clone(), "UTF-8");
    for a in &issue.articles {
        println!(
            "── {} lines {}–{} genre {:?} kicker {:?} headline {:?} ({:.2}) deck {:?} column {:?}",
            a.id,
            a.lines.first,
            a.lines.last,
            a.genre.value(),
            a.kicker.value(),
            a.headline.value(),
            a.headline.confidence,
            a.deck.value(),
            a.column.value()
        );
        for n in a.lines.first..=a.lines.last {
            let t: String = src.line(n).chars().take(50).collect();
            if !t.trim().is_empty() {
                println!("{n:>4} {t}");
            }
        }
        for p in a.paragraphs.iter().filter(|p| p.lines.first != p.lines.last) {
            println!("     joined {}–{}", p.lines.first, p.lines.last);
        }
    }
}
