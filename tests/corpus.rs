//! The development corpora must stay above the bar the detector is held to, in
//! every layout a dump takes (`corpus::Form`: the pages written out blank-line,
//! indented, flat, as markdown with broken paragraphs and half-width marks, wrapped
//! at a column's width as a PDF text layer gives them).
//! `cargo run --release --example forms -- DIRS…` prints the same figures for
//! every form, and `--crossval` the figures on days left out of training.

mod common;

use jianbao::corpus::{self, Form};
use jianbao::evaluate::{score_form, FormScores};
use jianbao::language::Language;

fn scores(corpus_dir: &str, form: Form) -> Option<FormScores> {
    let dir = common::shared_file(corpus_dir)?;
    let pages = corpus::read_corpora(&[dir]).expect("the corpus reads");
    assert!(pages.len() >= 80, "only {} pages", pages.len());
    let lang = Language::shared();
    assert!(lang.tagger.is_some(), "the built-in line model loads");
    let s = score_form(&pages, form, &lang);
    eprintln!(
        "{corpus_dir} {}: boundaries F1 {:.4}, headlines {:.4}, kickers {:.4}, invented {:.4}, names F1 {:.4}, joins P {:.3} R {:.3}, {:.2}/page",
        form.name,
        s.boundaries.f1(),
        s.headline_accuracy(),
        s.kicker_accuracy(),
        s.invented_rate(),
        s.names.f1(),
        s.join_precision(),
        s.join_recall(),
        s.joins_per_page()
    );
    Some(s)
}

/// The floor for one corpus in one form (what the built-in model reaches, less a
/// small margin; the README shows the figures and the issue's targets beside them).
struct Floor {
    corpus: &'static str,
    form: Form,
    boundaries: f64,
    headlines: f64,
    kickers: Option<f64>,
    names: Option<f64>,
    invented_at_most: f64,
    join_precision: Option<f64>,
    join_recall: Option<f64>,
    joins_per_clean_page_at_most: Option<f64>,
}

/// The e-paper as exported (indented, paragraphs whole): the floor the layouts that
/// read as it does share.
const E_PAPER_INDENTED: Floor = Floor {
    corpus: "corpus/pd2019-dev",
    form: Form::INDENTED,
    boundaries: 0.99,
    headlines: 0.98,
    kickers: Some(0.98),
    names: None,
    invented_at_most: 0.02,
    join_precision: None,
    join_recall: None,
    joins_per_clean_page_at_most: Some(0.2),
};

const FLOORS: [Floor; 15] = [
    Floor {
        corpus: "corpus/pd1998-dev",
        form: Form::BLANK,
        boundaries: 0.96,
        headlines: 0.955,
        kickers: None,
        names: Some(0.94),
        invented_at_most: 0.02,
        join_precision: None,
        join_recall: None,
        joins_per_clean_page_at_most: Some(0.2),
    },
    Floor {
        corpus: "corpus/pd1998-dev",
        form: Form::MARKDOWN_BROKEN,
        // 0.9700 with the shipped model: the briefs at a page's foot are split off on a
        // broken markdown page too (0.9528 before session 17), the page's era read through
        // half-width marks and round-ups' place heads kept in their story (0.9575 before
        // session 18), no story opened on a signature or a credit set as a heading, briefs
        // cut inside a word read whole and the rules' briefs kept whatever the tagger read
        // (0.9642 before session 19).
        boundaries: 0.965,
        // 0.9728 with the session 19 model (0.9637 before session 18; unseen 0.948 → 0.961).
        headlines: 0.968,
        kickers: None,
        names: Some(0.935),
        invented_at_most: 0.02,
        join_precision: Some(0.985),
        join_recall: Some(0.97),
        joins_per_clean_page_at_most: None,
    },
    E_PAPER_INDENTED,
    // The e-paper's indentation collapsed to one space (never trained): 0.9977 / 0.9878 /
    // 0.9865 with the shipped model; read as flat text, as before session 16, 0.944.
    Floor { form: Form::INDENTED_ONE_SPACE, ..E_PAPER_INDENTED },
    // The e-paper as an HTML page's text, `&nbsp;&nbsp;` before each paragraph (never
    // trained): 0.9988 / 0.9884 / 0.9887 with the shipped model; read as flat text, as
    // before session 16, 0.944.
    Floor { form: Form::INDENTED_NBSP, ..E_PAPER_INDENTED },
    // Markdown whose first two heading levels are underlined (Setext, never trained):
    // 0.9652 / 0.9425 / 0.9572 with the shipped model (0.9600 / 0.9333 before the text
    // around a lone title, session 23; 0.9501 / 0.9170 before the standing heads, session
    // 21); the underlines read as rules, as before session 17, 0.865 / 0.758 / 0.689.
    Floor { form: Form::MARKDOWN_SETEXT, boundaries: 0.955, headlines: 0.93, kickers: Some(0.94), ..E_PAPER_INDENTED },
    Floor {
        corpus: "corpus/pd2019-dev",
        form: Form::MARKDOWN_BROKEN,
        // 0.9683 / 0.9449 / 0.9662, break recall 0.975 with the shipped model (0.9625 /
        // 0.9402 / 0.9617 before a broken page was read a second time with its paragraphs
        // joined, session 27; 0.9574 / 0.9321 before the text around a lone title, session
        // 23; 0.9493 / 0.9216 before the standing heads, session 21).
        boundaries: 0.96,
        headlines: 0.935,
        kickers: Some(0.955),
        names: None,
        invented_at_most: 0.02,
        join_precision: Some(0.97),
        join_recall: Some(0.965),
        joins_per_clean_page_at_most: None,
    },
    Floor {
        // The hardest form: no indentation, no blank lines, nothing but the words. Its long
        // stopless subheads made pages look broken (0.16 joins per page before a page had
        // to show a cut somewhere). 0.9629 / 0.9414 with the shipped model (0.9441 / 0.9135
        // before a paper's standing heads, `数读`, `速览`, were learnt, session 21; 0.9505 /
        // 0.9228 before a picture's credit under a title, session 22; 0.9553 / 0.9298 before
        // the text around a lone title, session 23).
        corpus: "corpus/pd2019-dev",
        form: Form::FLAT,
        boundaries: 0.955,
        headlines: 0.933,
        kickers: Some(0.94),
        names: None,
        invented_at_most: 0.02,
        join_precision: None,
        join_recall: None,
        joins_per_clean_page_at_most: Some(0.05),
    },
    Floor {
        // The same with paragraphs broken mid-sentence and half-width marks: 0.9594 /
        // 0.9385 / 0.9482, break precision 0.980, recall 0.959 with the shipped model
        // (0.9543 / 0.9257 / 0.9414 before the second reading with paragraphs joined,
        // session 27; 0.9511 / 0.9211 before the text around a lone title, session 23)
        // (recall 0.942 before the strings a page prints read across a break and how soon
        // a line closes its first clause, session 22;
        // 0.9388 / 0.9060 before the standing heads, session 21)
        // (recall 0.936 before a piece that leaves a quotation or bracket open stopped
        // reading as a title, session 19; precision 0.976 before a piece whose last
        // clause has three characters at most was marked as cut, session 20).
        corpus: "corpus/pd2019-dev",
        form: Form::FLAT_BROKEN,
        boundaries: 0.95,
        headlines: 0.928,
        kickers: Some(0.94),
        names: None,
        invented_at_most: 0.02,
        join_precision: Some(0.977),
        join_recall: Some(0.95),
        joins_per_clean_page_at_most: None,
    },
    Floor {
        // A converter's markdown of the e-paper: subheads marked as headings, flush like
        // the heads, paragraphs still indented (while a marked line counted as flush,
        // every marked subhead opened an article: boundary F1 0.68). 0.9688 / 0.9524 with the
        // shipped model (0.9539 / 0.9298 before the standing heads; 0.9625 / 0.9420 before
        // the text around a lone title, session 23).
        corpus: "corpus/pd2019-dev",
        form: Form::MARKDOWN_INDENTED,
        boundaries: 0.96,
        headlines: 0.943,
        kickers: Some(0.965),
        names: None,
        invented_at_most: 0.02,
        join_precision: None,
        join_recall: None,
        joins_per_clean_page_at_most: Some(0.05),
    },
    Floor {
        // Indented paragraphs broken across lines: the flush continuation is the cue.
        corpus: "corpus/pd2019-dev",
        form: Form::INDENTED_BROKEN,
        boundaries: 0.99,
        headlines: 0.98,
        kickers: Some(0.97),
        names: None,
        invented_at_most: 0.02,
        join_precision: Some(0.995),
        join_recall: Some(0.99),
        joins_per_clean_page_at_most: None,
    },
    Floor {
        // Blank-line blocks whose paragraphs wrap inside the block (a PDF copied with
        // paragraph spacing): the lines of a block are one paragraph, heads stay apart.
        corpus: "corpus/pd1998-dev",
        form: Form::BLANK_BROKEN,
        // 0.9735 / 0.9715 with the shipped model (0.9647 before the second reading with
        // paragraphs joined, session 27; 0.9615 / 0.9624 before session 18).
        boundaries: 0.965,
        headlines: 0.96,
        kickers: None,
        names: Some(0.925),
        invented_at_most: 0.02,
        join_precision: Some(0.99),
        join_recall: Some(0.99),
        joins_per_clean_page_at_most: None,
    },
    Floor {
        // A PDF text layer of narrow columns: every paragraph wrapped at its column's
        // width, lines ending anywhere (after a stop too), no indentation left. 0.9514 /
        // 0.9193 / 0.9144 with the shipped model; read line by line only, as before
        // session 27, 0.9295 / 0.8897 / 0.8986.
        corpus: "corpus/pd2019-dev",
        form: Form::FLAT_WRAPPED,
        boundaries: 0.94,
        headlines: 0.905,
        kickers: Some(0.90),
        names: None,
        invented_at_most: 0.025,
        join_precision: Some(0.99),
        join_recall: Some(0.95),
        joins_per_clean_page_at_most: None,
    },
    Floor {
        // The e-paper wrapped the same way: only a paragraph's first line is indented.
        // 0.9904 with the shipped model; read line by line only, as before session 27, 0.9630.
        corpus: "corpus/pd1998-dev",
        form: Form::INDENTED_WRAPPED,
        boundaries: 0.98,
        headlines: 0.99,
        kickers: None,
        names: Some(0.91),
        invented_at_most: 0.02,
        join_precision: Some(0.995),
        join_recall: Some(0.99),
        joins_per_clean_page_at_most: None,
    },
    Floor {
        // Markdown without blank lines, paragraphs broken: before the form was trained
        // on, every line under a marked subhead and every stopless line read as the rest
        // of the one before (join precision 0.890 unseen).
        corpus: "corpus/pd2019-dev",
        form: Form::MARKDOWN_TIGHT_BROKEN,
        // 0.9684 / 0.9466 with the shipped model (0.9607 / 0.9373 before session 27).
        boundaries: 0.955,
        headlines: 0.935,
        kickers: Some(0.95),
        names: None,
        invented_at_most: 0.02,
        join_precision: Some(0.955),
        join_recall: Some(0.98),
        joins_per_clean_page_at_most: None,
    },
];

#[test]
fn the_dev_corpora_in_every_layout_stay_above_their_floor() {
    for floor in &FLOORS {
        let Some(s) = scores(floor.corpus, floor.form) else { return };
        let at = format!("{} {}", floor.corpus, floor.form.name);
        assert!(s.boundaries.f1() >= floor.boundaries, "{at}: boundary F1 {:.4}", s.boundaries.f1());
        assert!(s.headline_accuracy() >= floor.headlines, "{at}: headlines {:.4}", s.headline_accuracy());
        if let Some(k) = floor.kickers {
            assert!(s.kicker_accuracy() >= k, "{at}: kickers {:.4}", s.kicker_accuracy());
        }
        if let Some(n) = floor.names {
            assert!(s.names.f1() >= n, "{at}: names F1 {:.4}", s.names.f1());
        }
        assert!(s.invented_rate() <= floor.invented_at_most, "{at}: heads invented on {:.4}", s.invented_rate());
        if let Some(p) = floor.join_precision {
            assert!(s.join_precision() >= p, "{at}: join precision {:.3}", s.join_precision());
        }
        if let Some(r) = floor.join_recall {
            assert!(s.join_recall() >= r, "{at}: join recall {:.3}", s.join_recall());
        }
        if let Some(j) = floor.joins_per_clean_page_at_most {
            assert!(s.joins_per_page() <= j, "{at}: {:.2} joins per clean page", s.joins_per_page());
        }
    }
}

#[test]
fn every_dev_page_decodes_and_round_trips() {
    let Some(dir) = common::shared_file("corpus/pd1998-dev") else { return };
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let issue = jianbao::open(&path).unwrap();
        let ron = jianbao::store::to_ron(&issue).unwrap();
        let back = jianbao::store::from_ron(&ron, "page.ron").unwrap();
        assert_eq!(back, issue, "{}", path.display());
        assert_eq!(jianbao::store::to_ron(&back).unwrap(), ron, "{}", path.display());
        pages += 1;
    }
    assert!(pages >= 80);
}
