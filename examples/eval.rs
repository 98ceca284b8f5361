//! Measures the detector against pages with ground truth (`NAME.txt` +
//! `NAME.json`, the layout of ../shared/corpus/pd1998-dev) and prints the
//! article-boundary F1, headline exact match and contributor-name F1.
//!
//!     cargo run --release --example eval -- ../shared/corpus/pd1998-dev [--errors]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: eval DIR [--errors]");
        std::process::exit(2);
    };
    let scores = match jianbao::evaluate::score_dir(std::path::Path::new(dir)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("eval: {e}");
            std::process::exit(1);
        }
    };
    if args.iter().any(|a| a == "--errors") {
        for e in &scores.errors {
            let p = &e.page;
            e.extra_starts.iter().for_each(|l| println!("FP {p}:{l}"));
            e.missed_starts.iter().for_each(|l| println!("FN {p}:{l}"));
            for (l, want, got) in &e.wrong_headlines {
                println!("HEAD {p}:{l} want {want:?} got {got:?}");
            }
            e.extra_names.iter().for_each(|(l, n)| println!("NAME+ {p}:{l} {n}"));
            e.missed_names.iter().for_each(|(l, n)| println!("NAME- {p}:{l} {n}"));
        }
    }
    let b = scores.boundaries;
    let (n, c) = (scores.names, scores.names_clean);
    println!("pages: {}", scores.pages);
    println!(
        "article boundaries: F1 {:.4} (precision {:.3}, recall {:.3}; {} true, {} found)",
        b.f1(),
        b.precision(),
        b.recall(),
        b.tp + b.fn_,
        b.tp + b.fp
    );
    println!(
        "headlines exact:    {:.4} ({}/{})",
        scores.headline_accuracy(),
        scores.headlines_right,
        scores.headlines_total
    );
    println!(
        "contributor names:  F1 {:.4} (precision {:.3}, recall {:.3}) against the truth as given",
        n.f1(),
        n.precision(),
        n.recall()
    );
    println!(
        "contributor names:  F1 {:.4} (precision {:.3}, recall {:.3}) without its non-names (摄, 报道)",
        c.f1(),
        c.precision(),
        c.recall()
    );
}
