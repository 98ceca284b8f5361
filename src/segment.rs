//! Segmentation: the pages of an issue, the articles of each page, and the
//! role of every line inside an article (kicker, headline, deck, byline, body…).
//!
//! The line tagger (`tagger`, over the named features of `features`) decides
//! where articles start and which lines are kickers, headlines and decks; the
//! hand-written rules below are its features (their verdicts on every line),
//! decide alone where a fact is certain (page markers, `本报讯` briefs, box-signed
//! pieces, unrelated trailing captions), lay out the rest of each article
//! (bylines, credits, captions, subheads), and stand in when no model is loaded.
//!
//! Two kinds of dump are met by the rules. Markdown-style extractions mark
//! headings with `#` (the level means nothing: `###` is a deck right after a
//! headline and a subhead inside a feature). Plain dumps have no markup: a
//! headline is a short line without sentence-ending punctuation that follows the
//! end of an article and is followed by what opens one (a deck, a byline, a
//! lead). `detect` reads the values.

use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::LineLabel;
use crate::features::{self, Verdict};
use crate::ingest::Source;
use crate::language::Language;
use crate::model::LineSpan;
use crate::rules::byline::{is_news_opener, parse_byline_line, parse_trailing_credit};
use crate::rules::shapes::{
    ends_with_credit, has_inner_stop, has_item_mark, is_bare_xun, is_bracketed_line, is_clear_byline,
    is_enumerated_subhead, is_exclaimed_title, is_photo_caption, is_picture_item, is_standing_title, overlap, overlaps,
};
use crate::tagger::{LineTagger, Tagged};
use crate::text::{char_len, emphasized_whole, ends_mid_sentence, ends_sentence, heading_level, parse_number};
use rayon::prelude::*;

/// A page (版) of the dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSpan {
    pub number: Option<u32>,
    pub name: Option<String>,
    /// All lines of the page, its marker line included.
    pub lines: LineSpan,
    /// The `第02版：要闻` line, if the page had one.
    pub marker: Option<u32>,
}

/// What a line is inside an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineRole {
    /// 引题
    Kicker,
    /// 主题
    Headline,
    /// 副题
    Deck,
    /// A line that is only a byline.
    Byline,
    /// 专栏 name printed at the head of a column.
    Column,
    /// 小标题 inside the body.
    Subhead,
    /// A whole-line credit or dateline in brackets: `（陆明沈建国）`, `（新华社北京１２月３１日电）`.
    Credit,
    /// A photo caption paragraph (ends with a photo credit).
    Caption,
    Body,
}

/// One article's lines and their roles (blank lines are left out).
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleLayout {
    /// Index into the page list.
    pub page: usize,
    pub lines: LineSpan,
    pub roles: Vec<(u32, LineRole)>,
    /// The tagger's probability for the kicker, headline and deck lines it labelled
    /// (empty when the rules alone laid the article out).
    pub head_confidence: Vec<(u32, f32)>,
    /// Lines the tagger read as the rest of a paragraph broken across lines, with its probability.
    pub continuations: Vec<(u32, f32)>,
    /// The tagger laid the article out (else the rules alone did).
    pub tagged: bool,
}

impl ArticleLayout {
    pub fn lines_with(&self, role: LineRole) -> impl Iterator<Item = u32> + '_ {
        self.roles.iter().filter(move |(_, r)| *r == role).map(|(l, _)| *l)
    }
    pub fn has(&self, role: LineRole) -> bool {
        self.roles.iter().any(|(_, r)| *r == role)
    }
    /// The tagger's probability for a head line, if the tagger labelled it.
    pub fn confidence_of(&self, line: u32) -> Option<f32> {
        self.head_confidence.iter().find(|(l, _)| *l == line).map(|(_, c)| *c)
    }
}

static PAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\-=—_*#]*第\s*([0-9０-９一二三四五六七八九十]{1,3})\s*版\s*(?:[：:\-—\s　]\s*([^\-=—_*]{1,20}?))?[\s\-=—_*]*$",
    )
    .unwrap()
});
static LETTER_PAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\-=—_*#]*([A-Za-zＡ-Ｚ])\s*([0-9０-９]{1,2})\s*版\s*(?:[：:\-—\s　]\s*([^\-=—_*]{1,20}?))?[\s\-=—_*]*$",
    )
    .unwrap()
});

/// What a folio line (报眉, the running head an e-paper dump prints over each page) sets
/// before its page number: the paper's name, the issue's date, the weekday —
/// `人民日报 2019年2月11日 星期一 `, `2019年02月11日 人民日报 `.
static FOLIO_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\-=—_*#]*(?:[^\s0-9０-９，。：:]{2,12}[\s　]*)?[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日[\s　]*(?:(?:星期|周)[一二三四五六日天][\s　]*)?(?:[^\s0-9０-９，。：:]{2,12}[\s　]+)?",
    )
    .unwrap()
});

/// Reads a page marker line: `第02版：要闻`, `第2版 要闻`, `A2版`, `--- 第3版 ---`, and a
/// folio line that ends on one (`人民日报 2019年2月11日 星期一 第1版 要闻`).
pub fn parse_page_marker(line: &str) -> Option<(u32, Option<String>)> {
    static FULL_DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日").unwrap());
    let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
    let dated = FULL_DATE.is_match(line);
    if char_len(line) > if dated { 48 } else { 30 } {
        return None;
    }
    let line = FOLIO_PREFIX.find(line).map_or(line, |folio| &line[folio.end()..]);
    // A folio that prints the date after the page (`第01版：要闻 2019年2月21日 星期四`):
    // the page's name stops before it.
    let clean_name = |m: Option<regex::Match>| {
        m.map(|m| {
            let name = m.as_str();
            let name = FULL_DATE.find(name).map_or(name, |d| &name[..d.start()]);
            name.trim().to_string()
        })
        .filter(|s| !s.is_empty())
    };
    if let Some(c) = PAGE_MARKER.captures(line) {
        return Some((parse_number(&c[1])?, clean_name(c.get(2))));
    }
    if let Some(c) = LETTER_PAGE_MARKER.captures(line) {
        let letter = crate::text::to_halfwidth(&c[1]).to_uppercase();
        let number = parse_number(&c[2])?;
        let name = clean_name(c.get(3)).or_else(|| Some(format!("{letter}{number}")));
        return Some((number, name));
    }
    None
}

/// Splits the source into pages at form feeds and page-marker lines.
pub fn find_pages(src: &Source) -> Vec<PageSpan> {
    let total = src.line_count().max(1);
    let mut pages: Vec<PageSpan> = Vec::new();
    let mut current = PageSpan { number: None, name: None, lines: LineSpan::new(1, total), marker: None };
    let mut has_content = false;
    for (n, line) in src.lines() {
        let marker = parse_page_marker(line);
        let form_feed = line.starts_with('\u{c}');
        if (marker.is_some() || form_feed) && (has_content || current.marker.is_some()) {
            current.lines.last = n - 1;
            pages.push(current);
            current = PageSpan { number: None, name: None, lines: LineSpan::new(n, total), marker: None };
            has_content = false;
        }
        if let Some((number, name)) = marker {
            current.number = Some(number);
            current.name = name;
            current.marker = Some(n);
        } else if !line.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}').is_empty() {
            has_content = true;
        }
    }
    current.lines.last = total;
    pages.push(current);
    pages
}

/// A non-blank line and what it looks like.
#[derive(Debug, Clone)]
struct Unit<'a> {
    line: u32,
    /// The line as in the source.
    raw: &'a str,
    /// Text as printed: without markdown decoration, a converter's escapes undone
    /// (`1\. 总则` reads `1. 总则`, an enumeration).
    text: std::borrow::Cow<'a, str>,
    /// Markdown heading level (`## …` → 2); a whole line in bold counts as 3.
    heading: Option<u8>,
    chars: usize,
    /// Blank lines right before this one.
    gap: u32,
    /// The byline parser reads names in the line (`本报记者 王锦鹄`, but also the
    /// opening of `据新华社长沙１月８日电（记者段羡菊`): parsed once, asked by the features too.
    parses_as_byline: bool,
    /// The line reads as a byline (it parses as one and opens no lead); asked many times.
    byline: bool,
    /// [`title_like`]: read once, asked for many times.
    title_like: bool,
}

/// A short line without sentence-ending punctuation: a headline, deck or subhead candidate.
/// The title shape the features know, widened to exclaimed titles (`如此美容美发店！`),
/// narrowed by what opens a story or signs it.
fn title_like(text: &str, chars: usize) -> bool {
    let exclaimed = (2..=60).contains(&chars)
        && is_exclaimed_title(text)
        && !ends_mid_sentence(text)
        && !has_inner_stop(text)
        && !is_bracketed_line(text);
    (features::title_shape(text) || exclaimed) && !is_news_opener(text) && !text.starts_with(['□', '■', '（', '('])
}

impl Unit<'_> {
    fn is_title_like(&self) -> bool {
        self.title_like
    }
    /// A short line that can stand in a head or over a signed part (30 characters at most).
    fn could_head(&self) -> bool {
        self.chars <= 30 && (self.is_title_like() || features::dressed_head(&self.text))
    }
    fn is_credit(&self) -> bool {
        is_bracketed_line(&self.text)
    }
    fn is_byline(&self) -> bool {
        self.byline
    }
    fn is_caption(&self) -> bool {
        self.chars > 20 && is_photo_caption(&self.text)
    }
    fn is_opener(&self) -> bool {
        is_news_opener(&self.text)
    }
}

fn units_of<'a>(src: &'a Source, page: &PageSpan) -> Vec<Unit<'a>> {
    units_within(src, page, page)
}

/// The units of `part` of a page, less the margin every line of the `whole` page
/// shares. Measured over the whole page, so that an editor's span of indented
/// paragraphs keeps its indentation (the page's heads stand flush).
fn units_within<'a>(src: &'a Source, whole: &PageSpan, part: &PageSpan) -> Vec<Unit<'a>> {
    let mut units = read_units(src, part);
    let margin = if part.lines == whole.lines { common_margin(&units) } else { common_margin(&read_units(src, whole)) };
    if margin > 0 {
        for u in units.iter_mut() {
            u.raw = &u.raw[margin..];
        }
    }
    units
}

fn read_units<'a>(src: &'a Source, page: &PageSpan) -> Vec<Unit<'a>> {
    let mut units = Vec::new();
    let mut gap = 0;
    for n in page.lines.first..=page.lines.last {
        if Some(n) == page.marker {
            continue;
        }
        let raw = src.line(n).trim_start_matches('\u{c}');
        let text = crate::text::printed_text(raw);
        // A rule (`---`) or a picture a converter left as a reference (`![](p1.jpg)`) parts
        // blocks as a blank line does.
        if text.is_empty()
            || crate::text::thematic_break(&text)
            || crate::text::thematic_break(raw)
            || crate::text::picture_placeholder(&text)
        {
            gap += 1;
            continue;
        }
        // A whole line in bold is a converter's lesser heading (a subhead, most often);
        // an underlined one (Setext) a heading as a `#` marks it.
        let setext = if n < page.lines.last { crate::text::setext_level(raw, src.line(n + 1)) } else { None };
        let heading = heading_level(raw).or(setext).or_else(|| emphasized_whole(raw).then_some(3));
        let chars = char_len(&text);
        units.push(Unit {
            line: n,
            raw,
            chars,
            text,
            heading,
            gap,
            parses_as_byline: false,
            byline: false,
            title_like: false,
        });
        gap = 0;
    }
    // What each line looks like, on all cores (the lines are independent).
    units.par_iter_mut().for_each(|u| {
        // `据新华社长沙１月８日电（记者段羡菊` names a reporter but opens the lead: a break
        // after it is the lead's own (`、陈澎）每天只需…`), and the text needs it whole.
        u.parses_as_byline = parse_byline_line(&u.text).is_some();
        u.byline = u.parses_as_byline && !features::dateline_lead(&u.text);
        u.title_like = title_like(&u.text, u.chars);
    });
    units
}

/// A margin every line of the page shares (a dump that sets heads and paragraphs
/// alike two spaces in) is no indentation: its length in bytes, to be taken off,
/// so that only a line set further in than the others counts as indented.
fn common_margin(units: &[Unit]) -> usize {
    let margin_of = |raw: &str| raw.len() - raw.trim_start().len();
    let Some(first) = units.first().map(|u| &u.raw[..margin_of(u.raw)]) else { return 0 };
    let mut common = first.len();
    for u in units {
        let m = &u.raw[..margin_of(u.raw)];
        common = common.min(first.bytes().zip(m.bytes()).take_while(|(a, b)| a == b).count());
    }
    // Whole characters only (a full-width space is three bytes).
    while !first.is_char_boundary(common) {
        common -= 1;
    }
    common
}

/// The articles of the whole issue, in source order. With a tagger, the model
/// decides where articles start and which lines are kickers, headlines and decks
/// (the rules' verdicts are among its features); without one, the rules decide.
pub fn segment(src: &Source, pages: &[PageSpan], lang: Option<&Language>) -> Vec<ArticleLayout> {
    let tagger = lang.and_then(|l| l.tagger.as_deref());
    // Pages are read independently of one another: an issue's pages on all cores.
    let per_page: Vec<Vec<ArticleLayout>> = pages
        .par_iter()
        .enumerate()
        .map(|(p, page)| {
            // A page with a marker and nothing else holds no article.
            let Some(read) = read_page(src, page, p, lang) else { return Vec::new() };
            let (Some(tagger), Some(lang)) = (tagger, lang) else {
                return read.rules.layouts;
            };
            let (units, markdown) = (&read.units, read.markdown);
            let rules_on = |u: &[Unit]| rule_segment(u, p, markdown, Some(lang)).layouts;
            let first = FirstReading { prejoined: read.prejoined.as_ref(), cues: read.cues.as_ref() };
            let tagged = tag_page(units, first, &read.rules.layouts, rules_on, tagger, lang);
            layouts_from_tags(
                units,
                WholePage { units, habits: &read.habits },
                p,
                markdown,
                &tagged,
                &read.rules.briefs,
                lang,
            )
        })
        .collect();
    per_page.into_iter().flatten().collect()
}

/// What the rules read on a page: its articles, and the units that open the headless
/// briefs (简讯) they split off the page's foot.
struct RuleReading {
    layouts: Vec<ArticleLayout>,
    briefs: Vec<usize>,
}

/// What is read of a page before the tagger reads it.
struct PageRead<'a> {
    units: Vec<Unit<'a>>,
    /// Whether the page is a markdown dump.
    markdown: bool,
    rules: RuleReading,
    /// What the page does throughout, read once on its lines as printed.
    habits: features::PageHabits,
    /// A page wrapped at its column, with its certain continuations joined (`Prejoined`).
    prejoined: Option<Prejoined<'a>>,
    /// The cues of the units the tagger reads first (the prejoined ones on a wrapped
    /// page), less the rules' verdicts; `None` without a tagger, or on a page too long
    /// to be tagged at once (`TAG_PIECE`).
    cues: Option<features::PageCues>,
}

/// A page's lines and what is read of them before the tagger; `None` for a page with no text.
fn read_page<'a>(src: &'a Source, page: &PageSpan, p: usize, lang: Option<&Language>) -> Option<PageRead<'a>> {
    let units = units_of(src, page);
    if units.is_empty() {
        return None;
    }
    let markdown = units.iter().any(|u| matches!(u.heading, Some(1..=2)));
    // The rules read the page on one thread; its habits, certain joins and the cues the
    // tagger reads first, none of which depend on the rules, are read meanwhile.
    let tagging = lang.filter(|l| l.tagger.is_some());
    let (rules, (habits, prejoined, cues)) = rayon::join(
        || rule_segment(&units, p, markdown, lang),
        || {
            let (habits, full) = features::PageHabits::with_full_lines(&feature_lines(&units));
            let prejoined = Prejoined::of(&units, &habits, &full);
            let first = prejoined.as_ref().map_or(&units[..], |pre| &pre.units[..]);
            let printed = prejoined.as_ref().map(Prejoined::printed);
            let cues = tagging
                .filter(|_| first.len() <= TAG_PIECE)
                .map(|lang| features::PageCues::read(&feature_lines(first), Some(lang), printed));
            (habits, prejoined, cues)
        },
    );
    Some(PageRead { units, markdown, rules, habits, prejoined, cues })
}

/// The rules alone: where articles start and every line's role.
fn rule_segment(units: &[Unit], p: usize, markdown: bool, lang: Option<&Language>) -> RuleReading {
    let mut starts = if markdown { markdown_starts(units) } else { plain_starts(units) };
    let briefs = split_trailing_briefs(units, &mut starts, markdown, lang);
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(units.len());
        if s < e {
            out.push(lay_out(&units[s..e], p, markdown));
        }
    }
    RuleReading { layouts: out, briefs }
}

/// The units as the features see them.
fn feature_lines<'a>(units: &'a [Unit<'_>]) -> Vec<features::Line<'a>> {
    units
        .iter()
        .map(|u| features::Line {
            raw: u.raw,
            text: &u.text,
            gap: u.gap,
            heading: u.heading.is_some(),
            parses_as_byline: Some(u.parses_as_byline),
        })
        .collect()
}

/// The rules' verdict on every unit, from their layouts.
fn verdicts_of(units: &[Unit], layouts: &[ArticleLayout]) -> Vec<Verdict> {
    let mut verdicts = vec![Verdict { starts_article: false, role: 'B' }; units.len()];
    let index: std::collections::HashMap<u32, usize> = units.iter().enumerate().map(|(k, u)| (u.line, k)).collect();
    for layout in layouts {
        if let Some(&k) = index.get(&layout.lines.first) {
            verdicts[k].starts_article = true;
        }
        for &(line, role) in &layout.roles {
            if let Some(&k) = index.get(&line) {
                verdicts[k].role = match role {
                    LineRole::Kicker => 'K',
                    LineRole::Headline => 'H',
                    LineRole::Deck => 'D',
                    LineRole::Byline => 'Y',
                    LineRole::Column => 'M',
                    LineRole::Subhead => 'S',
                    LineRole::Credit => 'C',
                    LineRole::Caption => 'P',
                    LineRole::Body => 'B',
                };
            }
        }
    }
    verdicts
}

/// Tags a page's lines. A page whose paragraphs are broken across lines (a PDF text
/// layer wrapped at its column, a dump cut mid-sentence) is read twice: first line by
/// line, then with every line the first reading takes for the rest of a paragraph
/// joined to it, so that a head line is read between whole paragraphs as on a clean
/// page — the stop that ends the paragraph above, its lead's dateline and words are one
/// line away again, not a column's fragment. The continuations keep the first reading's
/// labels, so its joins stand; every paragraph's first line takes the second's, which
/// may join it to the paragraph above as well (a join is added, never undone).
/// A page wrapped at its column is read the first time with its certain continuations
/// joined already (`Prejoined`). A clean page, with nothing to join, is read once.
/// `rule_layouts` is the rules' reading of the lines; `rules_on` reads the joined
/// paragraphs the same way (the page's rules, or an editor's span kept as one article).
fn tag_page(
    units: &[Unit],
    read: FirstReading,
    rule_layouts: &[ArticleLayout],
    rules_on: impl Fn(&[Unit]) -> Vec<ArticleLayout> + Sync,
    tagger: &LineTagger,
    lang: &Language,
) -> Tagged {
    let first = match read.prejoined {
        None => tag_units(units, rule_layouts, tagger, lang, None, read.cues),
        Some(pre) => {
            // Each unit read has the rules' verdict on its first line.
            let tagged = tag_units(&pre.units, rule_layouts, tagger, lang, Some(pre.printed()), read.cues);
            pre.spread(tagged, units.len())
        }
    };
    let opens: Vec<usize> =
        (0..units.len()).filter(|&i| i == 0 || first.labels[i] != LineLabel::Continuation).collect();
    if opens.len() == units.len() {
        return first;
    }
    let paragraphs: Vec<Unit> = opens
        .iter()
        .enumerate()
        .map(|(k, &s)| joined_unit(&units[s..opens.get(k + 1).copied().unwrap_or(units.len())]))
        .collect();
    // The rules' reading of the paragraphs and their cues, side by side.
    let (layouts, cues) = rayon::join(
        || rules_on(&paragraphs),
        || {
            (paragraphs.len() <= TAG_PIECE)
                .then(|| features::PageCues::read(&feature_lines(&paragraphs), Some(lang), None))
        },
    );
    let second = tag_units(&paragraphs, &layouts, tagger, lang, None, cues.as_ref());
    let mut out = first;
    for (k, &s) in opens.iter().enumerate() {
        out.labels[s] = second.labels[k];
        out.confidence[s] = second.confidence[k];
        out.marginals[s] = second.marginals[k];
    }
    out
}

/// What the tagger's first reading of a page starts from: the page's certain joins
/// (`None` on a page not wrapped at a column), and the cues of the units it reads when
/// they were read already (`PageRead::cues`).
#[derive(Clone, Copy)]
struct FirstReading<'r, 'a> {
    prejoined: Option<&'r Prejoined<'a>>,
    cues: Option<&'r features::PageCues>,
}

/// A page wrapped at its column, with every line that certainly goes on from the one
/// above (`features::certain_continuations`) joined to it before the tagger reads the
/// page line by line: on the dev pages so wrapped, 45% of all lines, which the model
/// would read as continuations anyway. Its features then weigh only the breaks in
/// doubt, and read what the page does (its habits, its full lines) on its lines as printed.
struct Prejoined<'a> {
    /// The units read: a line, or a line and those joined to it.
    units: Vec<Unit<'a>>,
    /// For each unit read, the index of its first line among the page's units.
    first: Vec<usize>,
    habits: features::PageHabits,
    /// For each unit read, whether the last line it holds fills its column.
    full: Vec<bool>,
}

impl<'a> Prejoined<'a> {
    /// The units' certain joins, given their `habits` and `full_lines`; `None` when
    /// nothing is certain to join (a page that is not wrapped at a column).
    fn of(units: &[Unit<'a>], habits: &features::PageHabits, full: &[bool]) -> Option<Prejoined<'a>> {
        if !habits.wrapped {
            return None;
        }
        let lines = feature_lines(units);
        let joins = features::certain_continuations(&lines, full);
        if !joins.contains(&true) {
            return None;
        }
        let first: Vec<usize> = (0..units.len()).filter(|&i| !joins[i]).collect();
        let end = |k: usize| first.get(k + 1).copied().unwrap_or(units.len());
        Some(Prejoined {
            units: (0..first.len()).map(|k| joined_unit(&units[first[k]..end(k)])).collect(),
            full: (0..first.len()).map(|k| full[end(k) - 1]).collect(),
            first,
            habits: *habits,
        })
    }

    fn printed(&self) -> features::Printed<'_> {
        features::Printed { habits: &self.habits, full: &self.full }
    }

    /// The tags of the units read, spread over the page's `n` units: a line joined
    /// before the reading is a continuation, certainly.
    fn spread(&self, read: Tagged, n: usize) -> Tagged {
        let continuation = LineLabel::ALL.iter().position(|l| *l == LineLabel::Continuation).unwrap_or(5);
        let mut certain = [0.0; 6];
        certain[continuation] = 1.0;
        let mut out =
            Tagged { labels: vec![LineLabel::Continuation; n], confidence: vec![1.0; n], marginals: vec![certain; n] };
        for (k, &i) in self.first.iter().enumerate() {
            out.labels[i] = read.labels[k];
            out.confidence[i] = read.confidence[k];
            out.marginals[i] = read.marginals[k];
        }
        out
    }
}

/// Lines read as one paragraph: the first line's place and look, the text of them all.
fn joined_unit<'a>(lines: &[Unit<'a>]) -> Unit<'a> {
    let mut unit = lines[0].clone();
    if lines.len() == 1 {
        return unit;
    }
    let mut text = unit.text.into_owned();
    for u in &lines[1..] {
        if crate::clean::needs_space(&text, &u.text) {
            text.push(' ');
        }
        text.push_str(&u.text);
    }
    unit.chars = char_len(&text);
    unit.parses_as_byline = parse_byline_line(&text).is_some();
    unit.byline = unit.parses_as_byline && !features::dateline_lead(&text);
    unit.title_like = title_like(&text, unit.chars);
    unit.text = std::borrow::Cow::Owned(text);
    unit
}

/// Longest run of lines tagged at once. Real pages are a few hundred lines; a dump with
/// no page markers can be one "page" of 200,000, whose features at once would take
/// gigabytes. Longer pages are tagged in pieces, each with TAG_CONTEXT lines of context
/// on both sides whose labels are read from the neighbouring piece.
const TAG_PIECE: usize = 2_000;
const TAG_CONTEXT: usize = 60;

fn tag_units(
    units: &[Unit],
    rule_layouts: &[ArticleLayout],
    tagger: &LineTagger,
    lang: &Language,
    printed: Option<features::Printed>,
    cues: Option<&features::PageCues>,
) -> Tagged {
    let lines = feature_lines(units);
    let verdicts = verdicts_of(units, rule_layouts);
    if lines.len() <= TAG_PIECE {
        let read;
        let cues = match cues {
            Some(cues) => cues,
            None => {
                read = features::PageCues::read(&lines, Some(lang), printed);
                &read
            }
        };
        return tagger.tag(&cues.with_verdicts(&lines, &verdicts, Some(lang)));
    }
    let mut all = Tagged { labels: Vec::new(), confidence: Vec::new(), marginals: Vec::new() };
    for start in (0..lines.len()).step_by(TAG_PIECE) {
        let end = (start + TAG_PIECE).min(lines.len());
        let (from, to) = (start.saturating_sub(TAG_CONTEXT), (end + TAG_CONTEXT).min(lines.len()));
        let printed = printed.map(|p| features::Printed { full: &p.full[from..to], ..p });
        let piece = tagger.tag(&features::page_features_as(&lines[from..to], &verdicts[from..to], Some(lang), printed));
        let keep = start - from..end - from;
        all.labels.extend_from_slice(&piece.labels[keep.clone()]);
        all.confidence.extend_from_slice(&piece.confidence[keep.clone()]);
        all.marginals.extend_from_slice(&piece.marginals[keep]);
    }
    all
}

/// The whole page a run of units stands on, and what it does throughout (its habits).
#[derive(Clone, Copy)]
struct WholePage<'p, 'a> {
    units: &'p [Unit<'a>],
    habits: &'p features::PageHabits,
}

/// The probability under which a deck is not taken as one.
const DECK_AT_LEAST: f32 = 0.6;

/// Articles from the tagger's labels: a kicker, a headline not under a kicker, or
/// the lead of a headless item opens an article; its leading kicker, headline and
/// deck lines take those roles; the rest of the article is laid out by the rules.
///
/// `page` is the whole page the units stand on (the units themselves, or the page of
/// an editor's span): what the page does throughout is read there.
fn layouts_from_tags(
    units: &[Unit],
    page: WholePage,
    p: usize,
    markdown: bool,
    tagged: &Tagged,
    briefs: &[usize],
    lang: &Language,
) -> Vec<ArticleLayout> {
    use LineLabel::*;
    let mut labels = tagged.labels.clone();
    let older = page.habits.older_dump;
    heads_the_marginals_favour(units, &mut labels, &tagged.marginals, older);
    apply_certain_facts(units, &mut labels, &tagged.marginals);
    if older {
        briefs_the_rules_split_off(&mut labels, briefs);
    } else {
        kickers_over_wire_reports(units, &mut labels);
        event_kickers(units, &mut labels);
    }
    keep_clean_text_whole(units, page.units, page.habits, &mut labels, lang);
    let labels = &labels;
    // A line's confidence is the probability of the label it ended with (a head line read
    // from the marginals, or set by a rule, has its own label's, not the one it lost).
    let confidence = |i: usize| match LineLabel::ALL.iter().position(|l| *l == labels[i]) {
        Some(at) if labels[i] != tagged.labels[i] => tagged.marginals[i][at],
        _ => tagged.confidence[i],
    };
    let mut starts = vec![0];
    for i in 1..units.len() {
        let prev = labels[i - 1];
        let start = match labels[i] {
            Kicker => prev != Kicker,
            Headline => !matches!(prev, Kicker),
            Lead => true,
            Deck | Body | Continuation => false,
        };
        if start {
            starts.push(i);
        }
    }
    split_unrelated_captions(units, &mut starts);
    // Each article is laid out on its own: on all cores.
    let lay_out_article = |k: usize| {
        let s = starts[k];
        let e = starts.get(k + 1).copied().unwrap_or(units.len());
        let mut head: Vec<(usize, LineRole)> = Vec::new();
        let mut i = s;
        while i < e && labels[i].is_head() && head.len() < 4 {
            // A bracketed note under a headline (`（附图片１张）`) is a note, not a deck.
            if labels[i] == Deck && is_head_note(&units[i]) {
                head.push((i, LineRole::Credit));
                i += 1;
                continue;
            }
            // A deck the model is unsure of is left in the body: an invented deck costs the
            // editor more than a missed one.
            // A line opening with a dash right under its headline (`——记返乡创业青年刘志刚`)
            // is a deck by its shape: the model's argmax is enough there.
            let dashed = features::deck_dash(&units[i].text);
            if labels[i] == Deck && confidence(i) < DECK_AT_LEAST && !dashed {
                break;
            }
            let role = match labels[i] {
                Kicker if !head.iter().any(|(_, r)| *r == LineRole::Headline) => LineRole::Kicker,
                Headline if !head.iter().any(|(_, r)| *r == LineRole::Headline) => LineRole::Headline,
                Kicker | Headline | Deck if head.iter().any(|(_, r)| *r == LineRole::Headline) => LineRole::Deck,
                _ => break,
            };
            head.push((i, role));
            i += 1;
        }
        // Kickers with no headline under them: the last one is the headline.
        if !head.iter().any(|(_, r)| *r == LineRole::Headline) {
            if let Some(h) = head.iter_mut().rev().find(|(_, r)| *r == LineRole::Kicker) {
                h.1 = LineRole::Headline;
            }
        }
        let mut layout = lay_out_after_head(
            &units[s..e],
            p,
            markdown,
            &head.iter().map(|(k, r)| (units[*k].line, *r)).collect::<Vec<_>>(),
        );
        layout.head_confidence = head.iter().map(|(k, _)| (units[*k].line, confidence(*k))).collect();
        layout.tagged = true;
        layout.continuations =
            (s..e).filter(|&k| labels[k] == Continuation).map(|k| (units[k].line, tagged.confidence[k])).collect();
        read_continued_lines_as_body(&mut layout, &units[s..e]);
        layout
    };
    (0..starts.len()).into_par_iter().map(lay_out_article).collect()
}

/// A line the tagger reads as continued on the next one is running text, and so is
/// that next line: the rules' guess of a subhead or credit there (`　　演出结束后，江泽民等党和国家领导`
/// is short, indented and has no stop, like a subhead) would keep the broken
/// paragraph apart. Head lines and bylines keep their roles.
fn read_continued_lines_as_body(layout: &mut ArticleLayout, units: &[Unit]) {
    // One pass over the article (a runaway page may have thousands of continuations).
    let continued: std::collections::HashSet<u32> = layout.continuations.iter().map(|(l, _)| *l).collect();
    let mut running: std::collections::HashSet<u32> = std::collections::HashSet::new();
    for (k, u) in units.iter().enumerate() {
        if continued.contains(&u.line) {
            running.insert(u.line);
            if let Some(before) = k.checked_sub(1) {
                running.insert(units[before].line);
            }
        }
    }
    for (line, role) in layout.roles.iter_mut() {
        if running.contains(line) && matches!(role, LineRole::Subhead | LineRole::Credit) {
            *role = LineRole::Body;
        }
    }
}

/// The tagger's features of every non-blank line of every page, with its line
/// number: what training and evaluation feed the model (the rules' verdicts included).
pub fn line_features(src: &Source, pages: &[PageSpan], lang: &Language) -> Vec<(u32, Vec<String>)> {
    let mut out = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let Some(read) = read_page(src, page, p, Some(lang)) else { continue };
        // As `tag_page` reads the page line by line: a wrapped page's certain continuations
        // joined to the lines above them, each unit with the rules' verdict on its first line.
        let units = match &read.prejoined {
            Some(pre) => &pre.units,
            None => &read.units,
        };
        let lines = feature_lines(units);
        let verdicts = verdicts_of(units, &read.rules.layouts);
        let f = match &read.cues {
            Some(cues) => cues.with_verdicts(&lines, &verdicts, Some(lang)),
            None => {
                let printed = read.prejoined.as_ref().map(Prejoined::printed);
                features::page_features_as(&lines, &verdicts, Some(lang), printed)
            }
        };
        let f = f.into_iter().map(|cues| cues.into_iter().map(|c| c.into_owned()).collect());
        out.extend(units.iter().map(|u| u.line).zip(f));
    }
    out
}

/// Where a fact is certain the rules overrule the model:
/// - `本报讯…` after running text opens a brief of its own (a local news lead
///   never continues another story; under a headline it is that story's lead);
/// - a short line signed right below with a box and a pen name (`□沁声`) is the
///   headline of a signed piece: a subhead is never signed;
/// - a line with a markdown heading mark (`## 沁阳市领导到信访局接待来访群众`) or set
///   whole in bold (`**甘肃定西元古堆村**`) never continues the line before (a converter
///   marks only where a block starts): it takes the model's likeliest other label;
/// - a bullet or bracketed label (`■…`, `【案情】…`) and a line of verse never continue
///   the line before; a line opening with a comma or a semicolon (`，牵动着…`) always does;
/// - a writer's note cut in two (`（作者为…` | `…研究员）`) is one line of text, never a head;
/// - a line wholly in brackets (`（胡静）`), or under a short label closing on a colon
///   (`数据来源：`), never opens an article;
/// - a deck left with no head line above it is a headline.
fn apply_certain_facts(units: &[Unit], labels: &mut [LineLabel], marginals: &[[f32; 6]]) {
    use LineLabel::*;
    let verse = features::verse_lines(&units.iter().map(|u| u.text.as_ref()).collect::<Vec<_>>());
    for i in 1..units.len() {
        // A line of verse stands alone (a poem's lines are not a broken paragraph).
        if labels[i] == Continuation && verse[i] && verse[i - 1] {
            labels[i] = Body;
        }
        // A markdown heading is one line: it neither continues the line before nor is
        // continued by the next (`# 毛里湖水 又见清澈` | `快过年了，客人很多。`).
        let heading_here_or_above = units[i].heading.or(units[i - 1].heading);
        if let (Continuation, Some(_), Some(m)) = (labels[i], heading_here_or_above, marginals.get(i)) {
            let other = LineLabel::ALL
                .iter()
                .zip(m)
                .filter(|(l, _)| **l != Continuation)
                .max_by(|a, b| a.1.total_cmp(b.1))
                .map(|(l, _)| *l);
            labels[i] = other.unwrap_or(Body);
        }
        // A bullet or a bracketed label (`■…`, `【案情】…`) opens an item: never the rest of a paragraph.
        if labels[i] == Continuation && features::opens_with_item_mark(&units[i].text) {
            labels[i] = Body;
        }
        // …and a line opening with a comma (`，牵动着…`) is always the rest of one.
        if features::opens_inside_sentence(&units[i].text) && units[i].heading.is_none() {
            labels[i] = Continuation;
        }
        // `（作者为中国社会科学院习近平` | `思想研究中心顾问）`: a writer's note cut in two is one
        // line of the text that closes the piece, never a head.
        if opens_a_note_left_open(&units[i - 1].text) && closes_a_bracket(&units[i].text) {
            if labels[i - 1].is_head() {
                labels[i - 1] = Body;
            }
            labels[i] = Continuation;
        }
        // `（胡静）`, `（新华社北京１２月３１日电）`, `（作者为…）`, `（新华社记者陈明摄）（传真照片）`:
        // a line wholly in brackets closes the item above it or notes the head it stands
        // under; so does a signature after a dash (`——编者`) or a photo credit on its own
        // line (`张丹摄`), and a layout credit (`版式：蔡华伟`) closes its item. No article
        // opens on one: none of the 532 lines wholly in brackets (a long joint dateline
        // too: `（本报巴黎、东京2月9日电  记者…）`), 174 writers' notes, 3 lines of
        // bracket groups, 57 dash signatures, 130 photo credits and 166 layout credits in
        // the dev truth of both eras does (a converter may mark any of them a heading).
        let opens_here = match labels[i] {
            Lead => true,
            Kicker | Headline => labels[i - 1] != Kicker,
            Deck | Body | Continuation => false,
        };
        let t = &units[i].text;
        let closes_above = features::wholly_bracketed(t)
            || features::closing_note(t)
            || features::bracket_groups(t)
            || features::dash_signature(t)
            || features::photo_credit_line(t)
            || crate::rules::shapes::is_layout_credit(t);
        if opens_here && closes_above {
            labels[i] = Body;
        }
        // `数据来源：` | `商务部和国家邮政局网站`: the line under a short label closing on a
        // colon is what the label announces (none of the 89 such lines in the dev truth
        // opens an article).
        let label_above = units[i - 1].chars <= 10 && units[i - 1].text.trim_end().ends_with(['：', ':']);
        if opens_here && label_above {
            labels[i] = Body;
        }
        // `版式设计：蔡华伟` | `来紫禁城品年味儿`: the e-paper closes an item with its layout
        // credit, so the line under one (not a credit or a caption's note itself) opens the
        // next item — 104 of the 107 such lines in the 2019 dev truth (`版式：…` counted).
        let credit_above = crate::rules::shapes::is_layout_credit(&units[i - 1].text);
        if credit_above && labels[i] == Body && units[i].chars >= 3 && opens_after_credit(units, labels, i) {
            // `四川昭觉县三河村——` over its headline is that headline's kicker.
            let over_title = units.get(i + 1).is_some_and(|n| n.is_title_like());
            labels[i] = if features::kicker_dash(&units[i].text) && over_title {
                Kicker
            } else if units[i].is_title_like() {
                Headline
            } else {
                Lead
            };
        }
        if is_bare_xun(&units[i].text) && matches!(labels[i - 1], Body | Continuation | Lead) {
            labels[i] = Lead;
        }
        let box_signed =
            units.get(i + 1).is_some_and(|n| n.chars <= 10 && n.text.starts_with(['□', '■']) && n.is_byline());
        if box_signed && units[i].is_title_like() && !labels[i].is_head() {
            labels[i] = Headline;
            labels[i + 1] = Body;
        }
    }
    // A deck with no head line above it (a fact above took that line out of the head:
    // `（作者为…` | `…研究员）` | `县城年货市场销售火爆` read as headline, deck, deck) is
    // the headline of what follows.
    for i in 0..labels.len() {
        if labels[i] == Deck && (i == 0 || !labels[i - 1].is_head()) {
            labels[i] = Headline;
        }
    }
}

/// The briefs the rules split off an older page's foot (`split_trailing_briefs`: two or
/// more headless one-paragraph items in a row, each dating itself early, sharing few
/// words with its neighbour) open items of their own even where the tagger read one as
/// the last story's paragraph (the model weighs the rules' start among its cues; the
/// run's test reads the whole column at once, which a line's cues cannot). Only on a
/// page in the older dumps' conventions: the e-paper prints no headless item (none of
/// the 1,723 articles of its dev truth), and there the run only misfires. Unseen, on
/// the 4 fold models: pd1998 markdown + breaks 0.956 → 0.961, blank lines 0.962 →
/// 0.963, indented 0.980 → 0.981, no pd1998 layout down; pd2019 unchanged.
fn briefs_the_rules_split_off(labels: &mut [LineLabel], briefs: &[usize]) {
    for &k in briefs {
        if labels.get(k) == Some(&LineLabel::Body) {
            labels[k] = LineLabel::Lead;
        }
    }
}

/// `世贸组织警告——` | `今年一季度全球贸易增速恐继续放缓` | `据新华社日内瓦2月19日电…`: a
/// line closing on a dash (or on a colon: `国家税务总局：`), a title under it and a
/// dateline lead under that are a kicker and its headline over a wire report — all 20
/// such triples in the 2019 dev truth (a dashed subhead pair inside a feature runs into
/// its text or a byline, never into a dateline lead). Not on a page in the older dumps'
/// conventions, whose truth calls the first head line the headline.
fn kickers_over_wire_reports(units: &[Unit], labels: &mut [LineLabel]) {
    use LineLabel::*;
    for i in 0..units.len().saturating_sub(2) {
        // `国家税务总局：` announces who speaks in the headline as a dash does.
        let announcing =
            units[i].text.trim_end().ends_with(['：', ':']) && !crate::rules::shapes::is_layout_credit(&units[i].text);
        let dashed = (features::kicker_dash(&units[i].text) || announcing) && !features::dash_signature(&units[i].text);
        let under_text = i == 0 || !labels[i - 1].is_head();
        if dashed
            && under_text
            && units[i].chars <= 40
            && matches!(labels[i], Body | Lead)
            && units[i + 1].is_title_like()
            && matches!(labels[i + 1], Body | Headline)
            && features::dateline_lead(&units[i + 2].text)
        {
            labels[i] = Kicker;
            labels[i + 1] = Headline;
        }
    }
}

/// `斯诺克威尔士公开赛` | `丁俊晖赵心童晋级16强`: a sports report's kicker names the
/// competition and its headline the result, so a head read as headline and deck whose
/// first line is only a competition's name is a kicker and its headline. In the 2019
/// truth 17 of the 18 stacked title pairs whose first line names a competition are
/// kicker and headline (the other, `中国男篮完成世预赛比赛`, says what was done).
fn event_kickers(units: &[Unit], labels: &mut [LineLabel]) {
    use LineLabel::*;
    for i in 0..units.len().saturating_sub(1) {
        let under_kicker = i > 0 && labels[i - 1] == Kicker;
        if labels[i] == Headline && labels[i + 1] == Deck && !under_kicker && names_a_competition(&units[i].text) {
            labels[i] = Kicker;
            labels[i + 1] = Headline;
        }
    }
}

/// `女排超级联赛半决赛首回合`, `体操世界杯墨尔本站`, `世界围棋女子最强战` — a line that
/// ends on the name of a competition (a cup, a league, a round, a leg).
fn names_a_competition(text: &str) -> bool {
    static COMPETITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?:[^比参]赛|杯|(?:杯|赛)\S{1,6}站|(?:最强|棋王|名人|天元|棋圣|王座)战",
            r"|首回合|次回合|半决赛|决赛|资格赛|常规赛|季后赛|冬奥会|奥运会|亚运会|全运会)$"
        ))
        .unwrap()
    });
    let t = text.trim();
    features::title_shape(t) && !t.contains(['，', ',', ' ', '\u{3000}']) && COMPETITION.is_match(t)
}

/// Whether the line at `i`, under a layout credit, can open an item: not another credit
/// (`图片来源：人民视觉` | `本版制图：蔡华伟`), a photo credit or a note on the picture
/// (`观看视频，请用手机扫描二维码`) — read whole, with the lines that continue it
/// (`图片由天文台副研究员` | `黎耕提供`).
fn opens_after_credit(units: &[Unit], labels: &[LineLabel], i: usize) -> bool {
    let rest = (i + 1..units.len()).take_while(|&j| labels[j] == LineLabel::Continuation);
    let whole: String = std::iter::once(i).chain(rest).map(|j| units[j].text.trim()).collect();
    !features::box_label(&whole)
        && !features::photo_credit_line(&whole)
        && !features::note_line(&whole)
        && !is_bracketed_line(&whole)
        && !whole.contains("二维码")
        && !whole.starts_with(['（', '('])
}

/// `（作者为中国社会科学院习近平` — a writer's note (`closing_note`) whose bracket the line
/// leaves open.
fn opens_a_note_left_open(text: &str) -> bool {
    let t = text.trim();
    let inner = t.trim_start_matches(['（', '(']);
    inner.len() < t.len() && !t.contains(['）', ')']) && features::closing_note(&format!("{t}）"))
}

/// `思想研究中心顾问、研究员）` — a line that closes a bracket it did not open.
fn closes_a_bracket(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['）', ')']) && !t.contains(['（', '('])
}

/// The probability a line heads an article, split between kicker and headline (`北京举行新年音乐会`
/// over its deck: K 0.26, H 0.32, B 0.42), may be the larger part though neither label alone
/// beats body: the best labelling then leaves the head in the text. Where kicker and headline
/// together hold more than `head_at_least`, the line is a head line (the likelier of the two),
/// and the lines under it whose headline and deck together do are its head too (at most two).
///
/// On a page in the older dumps' conventions (`older`) that share is 0.45, not a half:
/// there a short line under a paragraph's stop opens an article three times in five (466
/// of 785 such lines in the 1998 truth; 814 of 3,477 in the e-paper's, whose features
/// carry subheads), and the tagger, unsure of the lone headline over a brief
/// (`郑州建大型污水处理厂`, H 0.46), left it in the text. Chosen by cross-validation by
/// day: 0.45 gained 0.001–0.003 boundary and 0.005–0.008 headline on every 1998 layout
/// without a heading mark and lost nothing; 0.4 lost 0.001 on the indented ones; lowered
/// on the e-paper's pages it cost 0.003–0.004.
fn heads_the_marginals_favour(units: &[Unit], labels: &mut [LineLabel], m: &[[f32; 6]], older: bool) {
    use LineLabel::*;
    let head_at_least: f32 = if older { 0.45 } else { 0.5 };
    let (k, h, d) = (0, 1, 2);
    let mut i = 0;
    while i < labels.len() {
        if labels[i] == Body && m[i][k] + m[i][h] > head_at_least && units[i].heading.is_none() {
            labels[i] = if m[i][h] >= m[i][k] { Headline } else { Kicker };
            let mut j = i + 1;
            while j < labels.len() && j < i + 3 && labels[j] == Body && m[j][h] + m[j][d] > head_at_least {
                labels[j] = if labels[j - 1] == Kicker && m[j][h] >= m[j][d] { Headline } else { Deck };
                j += 1;
            }
            i = j;
            continue;
        }
        i += 1;
    }
}

/// On a page whose paragraphs are not broken (nearly every running line ends with a
/// stop, or no break anywhere shows its cut: `has_evident_cut`), a line that runs on
/// is the page's own text — a poem line, a summary, a long subhead — and a join there
/// would corrupt it: a continuation needs the sentence visibly cut (a comma before the
/// break) or a word split across it.
///
/// On a page that indents its paragraphs, a flush line under an indented one that runs
/// on is the layout's own evidence of a break (`　　演出结束后，县委书记等领导` |
/// `走上舞台，…`): the model's continuation stands there.
///
/// Whether the page is broken is read on the whole `page` (an editor's span of a broken
/// page may hold no visible cut of its own).
fn keep_clean_text_whole(
    units: &[Unit],
    page: &[Unit],
    habits: &features::PageHabits,
    labels: &mut [LineLabel],
    lang: &Language,
) {
    // Lines running on without a stop may be a feature's long subheads (`以市值为基础，
    // 不以持续盈利为唯一指标`) or kickers: a page whose paragraphs are really broken shows
    // a cut somewhere that no head makes. Without one, the page is read as clean.
    if habits.broken && (habits.wrapped || has_evident_cut(page, lang)) {
        return;
    }
    for i in 1..units.len() {
        if labels[i] == LineLabel::Continuation {
            let prev: &str = &units[i - 1].text;
            // …but never a head line (`除夕正当红`) under a box label or credit (`图片来源：人民视觉`).
            let flush_under_indented = habits.indents
                && habits.indented(units[i - 1].raw)
                && !habits.indented(units[i].raw)
                && !features::title_shape(&units[i].text)
                && !features::box_label(prev)
                && !units[i - 1].is_byline();
            let cut_before_its_mark = opens_on_a_closing_mark(&units[i].text);
            let note_cut_in_two = opens_a_note_left_open(prev) && closes_a_bracket(&units[i].text);
            if !flush_under_indented
                && !cut_before_its_mark
                && !note_cut_in_two
                && !ends_mid_sentence(prev)
                && !features::word_across(lang, prev, &units[i].text)
            {
                labels[i] = LineLabel::Body;
            }
        }
    }
}

/// `，牵动着…`, `”、讲“干货”，直奔主题` — a line opening on a comma, a stop or a closing
/// quote or bracket, with text after it: no paragraph opens so, the break before it cut a
/// sentence. (A lone `？` under a cartoon is no cut, nor the apostrophe of a year, `’９９昆明…`.)
fn opens_on_a_closing_mark(text: &str) -> bool {
    let mut chars = text.trim_start().chars();
    let (first, second) = (chars.next(), chars.next());
    let year =
        matches!(first, Some('’' | '\'')) && second.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    features::opens_inside_sentence(text)
        || features::opens_with_closing_mark(text) && !year && text.chars().skip(1).any(|c| c.is_alphanumeric())
}

/// Whether some break of the page shows its cut: a line of running text (twelve
/// characters or more, not a kicker closing on `——`) stops on a comma or an opening
/// mark, or the next line opens on a comma or a closing mark, or a word or a number runs across
/// (`…吴丽娜说，每次听说丈夫升` | `空训练，…`). Clean text has none: a subhead or kicker
/// stops without a mark, a verse line on a comma is short.
fn has_evident_cut(units: &[Unit], lang: &Language) -> bool {
    (1..units.len()).any(|i| {
        let (prev, next) = (&units[i - 1].text, &units[i].text);
        !ends_sentence(prev)
            && !prev.trim_end().ends_with('—')
            && char_len(prev) >= 12
            && (ends_mid_sentence(prev)
                || opens_on_a_closing_mark(next)
                || features::number_across(prev, next)
                || features::word_across(lang, prev, next))
    })
}

/// A photo caption closing an article but about something else is a picture item of
/// its own (`11月30日，县西镇高速公路工地，工人们在加紧施工。杨松摄` after a story on a
/// meeting): it shares almost no words with the story. A caption of the story's own
/// picture repeats its words and stays.
fn split_unrelated_captions(units: &[Unit], starts: &mut Vec<usize>) {
    let mut extra = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(units.len());
        if e < s + 3 {
            continue;
        }
        let last = &units[e - 1];
        let ends_sentence_before = ends_sentence(&units[e - 2].text);
        if last.is_caption()
            && !last.is_credit()
            && ends_sentence_before
            && overlap(&[&last.text], units[s..e - 1].iter().map(|u| u.text.as_ref())) < 0.1
        {
            extra.push(e - 1);
        }
    }
    starts.extend(extra);
    starts.sort_unstable();
    starts.dedup();
}

/// Lays out a span the editor has fixed as one article (after a split or a merge).
pub fn layout_span(src: &Source, pages: &[PageSpan], span: LineSpan, lang: Option<&Language>) -> Option<ArticleLayout> {
    let p = pages.iter().position(|pg| pg.lines.contains(span.first)).unwrap_or(0);
    let whole = pages.get(p)?;
    let page = PageSpan { lines: span, ..whole.clone() };
    let units = units_within(src, whole, &page);
    if units.is_empty() {
        return None;
    }
    let markdown = units.iter().any(|u| u.heading.is_some());
    let whole = lay_out(&units, p, markdown);
    let (Some(lang), Some(tagger)) = (lang, lang.and_then(|l| l.tagger.as_deref())) else { return Some(whole) };
    // The span is one article whatever the tagger thinks of its lines: keep only its head.
    let span_as_one = |u: &[Unit]| vec![lay_out(u, p, markdown)];
    let (habits, full) = features::PageHabits::with_full_lines(&feature_lines(&units));
    let prejoined = Prejoined::of(&units, &habits, &full);
    let first = FirstReading { prejoined: prejoined.as_ref(), cues: None };
    let tagged = tag_page(&units, first, std::slice::from_ref(&whole), span_as_one, tagger, lang);
    let page_units = units_within(src, &pages[p], &pages[p]);
    let page_habits = features::PageHabits::of(&feature_lines(&page_units));
    let mut layouts = layouts_from_tags(
        &units,
        WholePage { units: &page_units, habits: &page_habits },
        p,
        markdown,
        &tagged,
        &[],
        lang,
    );
    // Breaks the tagger (and the clean-page check) read as continuations, in every part.
    let continuations: Vec<(u32, f32)> = layouts.iter().flat_map(|l| l.continuations.iter().copied()).collect();
    let first = layouts.swap_remove(0);
    let is_head = |r: &LineRole| matches!(r, LineRole::Kicker | LineRole::Headline | LineRole::Deck);
    let mut heads: Vec<(u32, LineRole)> = first.roles.iter().copied().filter(|(_, r)| is_head(r)).collect();
    let mut confidence = first.head_confidence;
    // The editor says an article starts here: when the tagger saw no headline at the
    // top of the span, the rules' reading of its first lines stands (a title-like line).
    if !heads.iter().any(|(_, r)| *r == LineRole::Headline) && whole.has(LineRole::Headline) {
        heads = whole.roles.iter().copied().filter(|(_, r)| is_head(r)).collect();
        confidence = Vec::new();
    }
    let mut layout = lay_out_after_head(&units, p, markdown, &heads);
    layout.head_confidence = confidence;
    layout.tagged = true;
    layout.continuations = continuations;
    read_continued_lines_as_body(&mut layout, &units);
    Some(layout)
}

/// Markdown dumps: a `#`/`##` heading opens an article; a standalone photo caption is an item.
fn markdown_starts(units: &[Unit]) -> Vec<usize> {
    let mut starts = vec![0];
    let mut body_seen = false;
    let mut after_caption = false;
    for (i, u) in units.iter().enumerate().skip(1) {
        let prev = &units[i - 1];
        let new = match u.heading {
            Some(1..=2) => !matches!(prev.heading, Some(3..)) || body_seen,
            Some(_) => false,
            None => {
                (u.is_caption() && body_seen && ends_sentence_or_credit(prev))
                    || (after_caption && !u.is_credit())
                    || (u.is_opener() && body_seen && prev.heading.is_none())
            }
        };
        if new {
            // A kicker heading right before this heading belongs to the new article.
            starts.push(i);
            body_seen = false;
            after_caption = false;
        }
        if u.heading.is_none() && !u.is_byline() {
            body_seen = true;
            if u.is_caption() && starts.last() == Some(&i) {
                after_caption = true;
            }
        }
    }
    starts
}

fn ends_sentence_or_credit(u: &Unit) -> bool {
    ends_sentence(&u.text) || u.is_credit() || u.text.ends_with('摄')
}

/// `JIANBAO_DEBUG_SEGMENT=1` prints the rules' reasoning on stderr (read once, not per line).
static DEBUG_SEGMENT: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("JIANBAO_DEBUG_SEGMENT").is_some());

/// Plain dumps: headlines, news openers, captions and credits mark the starts.
fn plain_starts(units: &[Unit]) -> Vec<usize> {
    let mut starts = vec![0];
    let mut state = ArticleState::opened_at(units, 0, false);
    let mut i = state.head_end;
    while i < units.len() {
        let u = &units[i];
        let prev = &units[i - 1];
        if *DEBUG_SEGMENT && u.is_title_like() {
            eprintln!("title-like line {} body {} head_end {}", u.line, state.body, state.head_end);
        }
        let new = if i < state.head_end {
            false
        } else if u.is_title_like() {
            state.body > 0 && headline_here(units, i, &state, *starts.last().unwrap())
        } else if u.is_opener() {
            // `本报讯` after running text opens a brief; a 电头 with a place inside a
            // headlined article is usually one part of a round-up under that headline.
            // (A picture item is done once its caption is there.)
            (state.body_text > 0 || state.picture && state.body > 0)
                && !prev.is_title_like()
                && (is_bare_xun(&u.text) || state.headless || state.ended_with_credit || state.picture)
        } else if u.is_credit() {
            false
        } else if u.is_caption() && u.gap >= 2 {
            state.body > 0
        } else {
            // Among briefs (no headline), every paragraph is an item of its own;
            // a picture item is done after its caption.
            (state.brief && state.body_text > 0) || (state.picture && (prev.is_caption() || prev.is_credit()))
        };
        if new {
            starts.push(i);
            state = ArticleState::opened_at(units, i, state.brief);
            i = state.head_end;
            continue;
        }
        state.take(u, i);
        i += 1;
    }
    starts
}

/// How a news brief dates itself early on: a day (`１月９日`), a recent time (`日前`,
/// `去年`), a year (`１９９７年`), or the years an achievement took (`七年来`, `５年来`).
static TIME_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9０-９一二三四五六七八九十]{1,3}日|日前|近日|最近|目前|去年|今年|截至|截止|[0-9０-９一二三四五六七八九十〇]{2,4}年|[0-9０-９一二三四五六七八九十]{1,3}年来").unwrap()
});

/// The brief column at the foot of a page (简讯): single-paragraph items with no
/// headline, printed after the page's last article. Walking back from the end, a
/// paragraph is a brief while it opens like a news lead (a time phrase early on)
/// and shares few words with the article's headline and lead and with its
/// neighbour. Two or more such paragraphs in a row are split off as briefs.
///
/// A paragraph a dump broke mid-sentence is read whole (see `paragraphs_of`), and
/// in a markdown dump the article the briefs would close is the last one a heading
/// opens (a 电头 lead below it may already have started another story).
fn split_trailing_briefs(
    units: &[Unit],
    starts: &mut Vec<usize>,
    markdown: bool,
    lang: Option<&Language>,
) -> Vec<usize> {
    let last_start = if markdown {
        starts.iter().rev().copied().find(|&s| matches!(units[s].heading, Some(1..=2)))
    } else {
        starts.last().copied()
    };
    let Some(last_start) = last_start else { return Vec::new() };
    let article = &units[last_start..];
    if !article[0].is_title_like() || article.len() < 5 {
        return Vec::new();
    }
    // What the briefs must not repeat: the head, and the lead of any later story the
    // markdown rules opened at a 电头 under it (its paragraphs are that story's, not briefs).
    let mut head: Vec<&str> = article.iter().take(3).map(|u| u.text.as_ref()).collect();
    for &s in starts.iter().filter(|&&s| s > last_start) {
        head.extend(units[s..].iter().take(2).map(|u| u.text.as_ref()));
    }
    let paragraphs = paragraphs_of(article, lang);
    let mut run: Vec<usize> = Vec::new();
    // The head's lines (up to three) are never a brief.
    for k in (1..paragraphs.len()).rev() {
        let (first, text) = (paragraphs[k].0, paragraphs[k].1.as_str());
        // A line that runs on into the next is no headline, whatever its shape.
        let whole_line = paragraphs.get(k + 1).map_or(article.len(), |p| p.0) == first + 1;
        if first < 3 {
            break;
        }
        let u = &article[first];
        let early: String = text.chars().take(60).collect();
        let credited = ends_with_credit(text);
        let self_contained = char_len(text) >= 40
            && (closes_paragraph(text) || credited)
            && (TIME_PHRASE.is_match(&early) || credited)
            && !(whole_line && u.is_title_like())
            && !u.is_credit()
            && u.heading.is_none()
            && overlap(&[text], head.iter().copied()) < 0.12
            && overlap(&[text], std::iter::once(paragraphs[k - 1].1.as_str())) < 0.15;
        if *DEBUG_SEGMENT {
            eprintln!(
                "brief? line {} {self_contained} head {:.2} prev {:.2} time {}",
                u.line,
                overlap(&[text], head.iter().copied()),
                overlap(&[text], std::iter::once(paragraphs[k - 1].1.as_str())),
                TIME_PHRASE.is_match(&early)
            );
        }
        if !self_contained {
            break;
        }
        run.push(last_start + first);
    }
    // A headline-like line right above the run means the run is an article's body.
    let above = run.last().and_then(|&first| first.checked_sub(1)).map(|k| &units[k]);
    if run.len() >= 2 && !above.is_some_and(|u| u.is_title_like()) {
        starts.extend(&run);
        starts.sort_unstable();
        starts.dedup();
        run
    } else {
        Vec::new()
    }
}

/// An article's lines as paragraphs: (index of the first line, the text). A line
/// continues the one above when that one stops mid-sentence and is no heading,
/// credit or title-shaped line (`…用酒瓶、灭火器等器具攻` / `击警察，…`; over thirty
/// characters with a comma is text), or when it opens on a clause mark (`，以求公正…`).
/// A short title-shaped fragment stays alone (a headline looks the same, and the brief
/// run stops there) unless a word or a date runs across the break
/// (`县妇联积极组建妇女发` | `展互助组…`, `新一届县人大常委会７` | `日选出…`).
fn paragraphs_of(units: &[Unit], lang: Option<&Language>) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let continues = i > 0 && {
            let prev = &units[i - 1];
            let open = !closes_paragraph(&prev.text)
                && !ends_with_credit(&prev.text)
                && !prev.is_credit()
                && !features::closes_item(&prev.text);
            let markless = prev.heading.is_none() && u.heading.is_none() && !prev.is_byline();
            // A headline may hold a comma, rarely over thirty characters of clauses.
            let clauses = prev.chars > 30 && prev.text.contains(['，', ',', '、']);
            // A short piece saying the news is recent is a sentence a break cut
            // (`中科院微生物研究所最近选育` | `出一株…`), however title-like.
            let sentence = clauses || features::recent_adverb(&prev.text);
            let across = features::number_across(&prev.text, &u.text)
                || lang.is_some_and(|lang| features::word_across(lang, &prev.text, &u.text));
            let sentence = sentence || across;
            open && markless && (!prev.is_title_like() || sentence || features::opens_inside_sentence(&u.text))
        };
        match out.last_mut() {
            Some((_, text)) if continues => text.push_str(&u.text),
            _ => out.push((i, u.text.to_string())),
        }
    }
    out
}

/// A paragraph's last sentence is done: it ends on a stop, or on a stop and then the
/// source in brackets (`…证书费。（均据新华社）`).
fn closes_paragraph(text: &str) -> bool {
    let t = text.trim_end();
    ends_sentence(t) || (t.ends_with(['）', ')']) && t.rfind(['（', '(']).is_some_and(|open| ends_sentence(&t[..open])))
}

/// What the current article holds so far (plain dumps).
struct ArticleState {
    /// First unit after the headline group and bylines.
    head_end: usize,
    headless: bool,
    signed: bool,
    /// The headline group announces photos (`（附图片１张）`).
    photo_note: bool,
    /// A headless item opened by a news opener (`本报讯…`) or following one: a run of briefs.
    brief: bool,
    /// The headline names a picture or artwork (`（图片）`, `（书法）`): a caption is all it holds.
    picture: bool,
    /// Body paragraphs (captions and credits included).
    body: usize,
    /// Body paragraphs that are running text (not captions, credits or subheads).
    body_text: usize,
    subheads: usize,
    short_lines: usize,
    /// Body paragraphs that open with a 电头 or 本报讯 (a round-up has several).
    openers: usize,
    ended_with_credit: bool,
}

impl ArticleState {
    fn opened_at(units: &[Unit], i: usize, follows_brief: bool) -> ArticleState {
        let (head_end, headless, signed) = head_group(units, i);
        ArticleState {
            head_end,
            headless,
            signed,
            picture: !headless && is_picture_item(&units[i].text),
            brief: headless && (units[i].is_opener() || follows_brief),
            photo_note: units[i..head_end].iter().any(|u| u.text.contains("附图")),
            // A headless item's first paragraph is already running text.
            body: usize::from(headless),
            body_text: usize::from(headless && !units[i].is_caption() && !units[i].is_credit()),
            subheads: 0,
            short_lines: 0,
            openers: 0,
            ended_with_credit: false,
        }
    }

    fn take(&mut self, u: &Unit, _i: usize) {
        self.body += 1;
        if u.is_opener() {
            self.openers += 1;
        }
        // A photo credit closes a caption, not the article, when the headline announced a photo.
        self.ended_with_credit = u.is_credit()
            && !u.text.contains("附图")
            && !(self.photo_note && u.text.trim_end_matches(['）', ')']).ends_with('摄'));
        if u.is_title_like() {
            self.short_lines += 1;
            // A short unpunctuated line ends a run of briefs.
            self.brief = false;
        } else if !u.is_credit() && !u.is_caption() {
            self.body_text += 1;
        }
    }
}

/// The headline group opening at `i`: its end, whether it has no headline, whether it is signed.
fn head_group(units: &[Unit], i: usize) -> (usize, bool, bool) {
    let mut j = i;
    let headless = !units[i].is_title_like() || units[i].is_byline();
    // An exclamation (`珠琴，明天更辉煌！`) takes no deck: the short line after it is a headline of its own.
    let exclaimed = units[i].text.ends_with(['！', '？']);
    if !headless && exclaimed {
        j += 1;
    } else if !headless {
        j += 1;
        // Decks: up to two more short lines, when running text (or a byline) follows them.
        let mut k = j;
        while k < units.len()
            && k - j < 3
            && units[k].is_title_like()
            && !units[k].is_byline()
            && !is_signature(units, k)
        {
            k += 1;
        }
        let lines = k - j;
        let opens = units.get(k).is_none_or(|n| !n.is_title_like() || n.is_byline() || is_signature(units, k));
        if lines > 0 && lines <= 2 && opens {
            j = k;
        } else if lines > 0 && units[j].text.starts_with("——") {
            j += 1;
        }
    }
    let mut signed = false;
    loop {
        if !headless && j < units.len() && is_head_note(&units[j]) {
            j += 1;
        } else if j < units.len()
            && (units[j].is_byline() && units[j].chars <= 30 || !headless && is_signature(units, j))
        {
            signed = true;
            j += 1;
        } else {
            break;
        }
    }
    (j.max(i + 1), headless, signed)
}

/// Is the short line at `i` the headline of a new article (rather than a subhead or a poem line)?
///
/// Weighs what ends an article before it (a closing credit), what opens one
/// after it (deck, byline, 电头, a photo caption, an artwork credit), what the
/// line itself says (`（图片）`, its length, an enumeration like `二、`), and
/// whether the text after it carries on the words of the article so far.
fn headline_here(units: &[Unit], i: usize, state: &ArticleState, start: usize) -> bool {
    let u = &units[i];
    let prev = &units[i - 1];
    // A head line never says the news is recent (1 of the 3,163 head lines of both dev
    // corpora): `中科院微生物研究所最近选育` is a sentence a break cut short.
    if features::recent_adverb(&u.text) {
        return false;
    }
    let (head_end, _, signed) = head_group(units, i);
    let Some(next) = units.get(head_end) else {
        // A short line at the very end of a page opens nothing.
        return false;
    };
    // An artwork or picture item followed by its credit: `迎虎年（书法）` / `（关山月）`.
    if has_item_mark(&u.text) && next.is_credit() {
        return true;
    }
    // A short line signed on the next line is a headline: a subhead is never signed.
    // (Inside a poem, `和鞋子` under a line is verse, not a signature: prose must follow the byline.)
    let prose_after_byline = !prev.is_title_like() || units.get(i + 2).is_some_and(|n| !n.is_title_like());
    if units.get(i + 1).is_some_and(|x| x.is_byline() && x.chars <= 20)
        && !is_enumerated_subhead(&u.text)
        && prose_after_byline
    {
        return true;
    }
    // Inside a poem or list only a real byline (not a short line that could be one) opens an article.
    if prev.is_title_like() && !units.get(i + 1).is_some_and(|x| x.is_byline()) {
        return false;
    }
    // Under a `图片：` label come the captions of the article's pictures.
    if prev.text.ends_with("图片：") || prev.text.ends_with("图片:") {
        return false;
    }
    let decks = units[i + 1..head_end]
        .iter()
        .enumerate()
        .filter(|(k, x)| !x.is_byline() && !is_signature(units, i + 1 + k) && !is_head_note(x))
        .count();
    let mut score = 0i32;
    // What opens an article after it.
    if signed {
        // A subhead is never signed.
        score += 5;
    } else if next.is_opener() {
        score += 3;
    }
    if decks > 0 {
        score += 2;
    }
    if next.is_caption() || (next.is_credit() && decks == 0) {
        score += 2;
    }
    // What closes the article before it.
    if prev.is_credit() || state.ended_with_credit || ends_with_credit(&prev.text) {
        score += 2;
    }
    // What the line says of itself.
    if has_item_mark(&u.text) || is_standing_title(&u.text) {
        score += 3;
    }
    if is_enumerated_subhead(&u.text) {
        score -= 6;
    }
    // A byline here, right after running text, would have no headline: only a clear
    // one counts (a role word, a pen-name box, a single name), not a run of characters
    // that merely splits into names (`陈方安生启程赴京`).
    if u.is_byline() && is_clear_byline(&u.text) {
        return false;
    }
    if u.chars >= 12 {
        score += 1;
    }
    // A line that is one whole quotation is a subhead quoting the story.
    if u.text.starts_with(['“', '『']) && u.text.ends_with(['”', '』']) {
        score -= 2;
    }
    // Poems and lists: short lines among short lines.
    if prev.is_title_like() {
        score -= 3;
    }
    if next.is_title_like() && !signed && !next.is_credit() {
        score -= 2;
    }
    // Features carry subheads; news items rarely do.
    if state.signed || state.subheads > 0 {
        score -= 2;
    }
    // In a round-up of wire items, a place name over each item is a subhead:
    // `日本` / `新华社东京１月６日电…` after earlier items with their own 电头.
    if u.chars <= 4 && next.is_opener() && state.openers > 0 {
        score -= 4;
    }
    if state.short_lines > 1 {
        score -= 1;
    }
    // Lexical cohesion: a new story rarely repeats the words of the one before.
    // (A headline that echoes the story before it, below, is asked of the same lines.)
    let (cohesion, echoes) = overlaps(&u.text, &next.text, units[start..i].iter().map(|x| x.text.as_ref()));
    if cohesion < 0.1 {
        score += 1;
    } else if cohesion > 0.3 {
        score -= 1;
    }
    // A headline announces its lead: its words come back in the paragraph under it
    // (`天然物质催熟保鲜` → `…发现一种天然催熟保鲜剂`) more than in the story before.
    let announces = overlap(&[&u.text], std::iter::once(next.text.as_ref()));
    if announces >= 0.4 && announces > echoes + 0.2 {
        score += 1;
    }
    if *DEBUG_SEGMENT {
        eprintln!("candidate line {} score {score} cohesion {cohesion:.2}: {}", u.line, u.text);
    }
    score >= 1
}

/// A pen name or signature on its own line under a headline (`果永毅`, `今哲`):
/// two to four Han characters followed by running text.
fn is_signature(units: &[Unit], j: usize) -> bool {
    let u = &units[j];
    (2..=4).contains(&u.chars)
        && u.text.chars().all(crate::text::is_han)
        && !is_standing_title(&u.text)
        && !features::box_label(&u.text)
        && units.get(j + 1).is_some_and(|n| !n.is_title_like() && !n.is_credit())
}

/// A bracketed note under a headline: `（一九九七年十二月三十一日）`, `（附图片１张）`.
fn is_head_note(u: &Unit) -> bool {
    let t = u.text.trim();
    // One or more bracketed groups: `（一九九八年一月一日）`, `（一九九八年一月一日）（附图片１张）`.
    let groups_only = features::bracketed(t) || (features::bracket_groups(t) && char_len(t) <= 40);
    (u.is_credit() || groups_only) && parse_trailing_credit(t).is_none() && !t.contains('电')
}

/// An article's first line that merely splits into names (`陈方安生启程赴京`) is its
/// headline when a dateline lead follows: a byline would not stand above a 电头 alone.
fn names_a_headline(units: &[Unit]) -> bool {
    !is_clear_byline(&units[0].text) && units.get(1).is_some_and(|next| next.is_opener())
}

/// Gives every unit of one article its role.
fn lay_out(units: &[Unit], page: usize, markdown: bool) -> ArticleLayout {
    let mut roles = Vec::with_capacity(units.len());
    let mut i = 0;
    if markdown {
        // Headings opening the article: kicker? headline, deck.
        let mut heads: Vec<usize> = Vec::new();
        while i < units.len() && units[i].heading.is_some() && heads.len() < 3 {
            let is_sub = matches!(units[i].heading, Some(3..));
            if !heads.is_empty() && is_sub && !units[i].text.starts_with("——") && heads.len() > 1 {
                break;
            }
            heads.push(i);
            i += 1;
        }
        match heads.len() {
            0 => {}
            1 => roles.push((units[heads[0]].line, LineRole::Headline)),
            _ => {
                // The top-level heading is the headline; a lower one before it is the kicker.
                let main =
                    heads.iter().copied().min_by_key(|&h| (units[h].heading.unwrap_or(9), h)).unwrap_or(heads[0]);
                for &h in &heads {
                    let role = if h == main {
                        LineRole::Headline
                    } else if h < main {
                        LineRole::Kicker
                    } else {
                        LineRole::Deck
                    };
                    roles.push((units[h].line, role));
                }
            }
        }
    } else if units[0].is_title_like() && (!units[0].is_byline() || names_a_headline(units)) {
        let (head_end, _, _) = head_group(units, 0);
        roles.push((units[0].line, LineRole::Headline));
        i = 1;
        while i < head_end && !units[i].is_byline() && !is_signature(units, i) {
            let role = if is_head_note(&units[i]) { LineRole::Credit } else { LineRole::Deck };
            roles.push((units[i].line, role));
            i += 1;
        }
    }
    lay_out_rest(units, page, markdown, roles, i)
}

/// Lays out an article whose head lines (kicker, headline, deck) are already known.
fn lay_out_after_head(units: &[Unit], page: usize, markdown: bool, head: &[(u32, LineRole)]) -> ArticleLayout {
    lay_out_rest(units, page, markdown, head.to_vec(), head.len())
}

/// Gives the units from `i` on their roles, after the head roles already in `roles`.
fn lay_out_rest(
    units: &[Unit],
    page: usize,
    markdown: bool,
    mut roles: Vec<(u32, LineRole)>,
    mut i: usize,
) -> ArticleLayout {
    let first = units.first().map_or(1, |u| u.line);
    let last = units.last().map_or(first, |u| u.line);
    // Bylines and a column name right under the headline group.
    let mut signed_with_box = false;
    while i < units.len() && units[i].heading.is_none() && units[i].chars <= 30 {
        if units[i].is_byline() || (!markdown && is_signature(units, i) && !roles.is_empty()) {
            signed_with_box |= units[i].text.starts_with(['□', '■', '◎', '△']);
            roles.push((units[i].line, LineRole::Byline));
        } else if !markdown && is_head_note(&units[i]) && roles.iter().any(|(_, r)| *r == LineRole::Headline) {
            roles.push((units[i].line, LineRole::Credit));
        } else {
            break;
        }
        i += 1;
    }
    if signed_with_box && i + 1 < units.len() && is_column_name(&units[i]) {
        roles.push((units[i].line, LineRole::Column));
        i += 1;
    }
    let has_head = roles.iter().any(|(_, r)| *r == LineRole::Headline);
    let late_byline =
        if has_head && !roles.iter().any(|(_, r)| *r == LineRole::Byline) { late_byline(units, i) } else { None };
    let feature_like = late_byline.is_some() || roles.iter().any(|(_, r)| *r == LineRole::Byline);
    for (k, u) in units.iter().enumerate().skip(i) {
        let role = if Some(k) == late_byline || k > i && has_head && signs_a_part(units, k) {
            LineRole::Byline
        } else if u.is_credit() {
            LineRole::Credit
        } else if u.is_caption() && (k == i || !has_head) {
            LineRole::Caption
        } else if k > i && (u.heading.is_some() || !markdown && has_head && is_plain_subhead(units, k, feature_like)) {
            LineRole::Subhead
        } else {
            LineRole::Body
        };
        roles.push((u.line, role));
    }
    ArticleLayout {
        page,
        lines: LineSpan::new(first, last),
        roles,
        head_confidence: Vec::new(),
        continuations: Vec::new(),
        tagged: false,
    }
}

/// A byline one or two lines further down than the head lines, under short lines
/// the tagger left in the body (`湖南衡南县滨河村——` / `“回乡创业，咱有信心！”` /
/// `本报记者  杜若原`): the article is signed all the same. Only a byline with a
/// role word (`本报记者`, `记者…通讯员…`), and only under lines that could stand in
/// a head — a story's first paragraph is never skipped over.
fn late_byline(units: &[Unit], from: usize) -> Option<usize> {
    (from + 1..units.len().min(from + 3))
        .take_while(|&j| units[j - 1].could_head())
        .find(|&j| units[j].is_byline() && is_clear_byline(&units[j].text))
}

/// A reporter's byline under a subhead inside a feature made of several reports
/// (`修好一条路` / `关系更密了` / `本报记者 李茂颖` / `在外务工的涂进林…`): the part is
/// signed, and its reporter is the article's too. Only a line with a reporter's or
/// correspondent's title, under a line that could head it, with text after it.
fn signs_a_part(units: &[Unit], k: usize) -> bool {
    let u = &units[k];
    let under_a_head = units[k - 1].could_head();
    u.is_byline()
        && u.heading.is_none()
        && (u.text.contains("记者") || u.text.contains("通讯员"))
        && is_clear_byline(&u.text)
        && under_a_head
        && units.get(k + 1).is_some_and(|n| !n.is_title_like() && !n.is_byline())
}

/// A short line inside a plain article that heads the paragraphs after it: after a
/// finished sentence and before running text; in a signed feature a little longer.
///
/// A subhead may take two lines, a place over what happened there (`石桥村` /
/// `年货网上买`): both are subheads when they stand together so. A signature
/// (`北京大学艺术学院院长  王一川`, `本报驻法国记者果永毅`) is never a subhead.
fn is_plain_subhead(units: &[Unit], k: usize, feature_like: bool) -> bool {
    let longest = if feature_like { 30 } else { 20 };
    let short = |u: &Unit| u.is_title_like() && u.chars <= longest && !signs_off(&u.text);
    let paired = |u: &Unit| short(u) && !u.is_byline();
    let body_at = |j: usize| units.get(j).is_some_and(|n| !n.is_title_like());
    let closes = |p: &Unit| {
        if feature_like {
            ends_sentence_or_credit(p)
        } else {
            ends_sentence(&p.text) && p.chars > 40
        }
    };
    let u = &units[k];
    if !short(u) {
        return false;
    }
    if body_at(k + 1) {
        if closes(&units[k - 1]) {
            return true;
        }
        // The second line of a two-line subhead.
        return k >= 2 && paired(&units[k - 1]) && paired(u) && closes(&units[k - 2]);
    }
    // The first line of a two-line subhead.
    closes(&units[k - 1]) && paired(u) && units.get(k + 1).is_some_and(paired) && body_at(k + 2)
}

/// A line that signs what stands above it rather than heading what follows: a
/// reporter's or narrator's title over a name (`本报驻法国记者果永毅`, `讲述人：薛景为…`),
/// the editors' `——编 者`,
/// or a name set apart at its end by a wide space, as the e-paper pads signatures
/// (`北京大学艺术学院院长  王一川`, `导演  韩  延`; a subhead's two halves stand one
/// space apart: `刷脸进站 省事省心`).
fn signs_off(text: &str) -> bool {
    const ROLES: [&str; 5] = ["记者", "通讯员", "讲述人", "作者", "口述"];
    // A name right after the title (`讲述人：薛景为，…`).
    let name_at = |rest: &str| {
        // Names come padded too (`本报记者 银 燕`).
        let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
        let rest = rest.trim_start_matches(['：', ':']);
        let han: Vec<char> = rest.chars().take_while(|&c| crate::text::is_han(c)).take(4).collect();
        (2..=han.len()).any(|n| crate::rules::names::looks_like_name(&han[..n].iter().collect::<String>()))
    };
    // A box label (`记者手记`) heads what follows; `——编 者` closes an editor's note.
    if crate::rules::shapes::is_box_label(text) {
        return false;
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.ends_with("编者") {
        return true;
    }
    if ROLES.iter().any(|r| text.find(r).is_some_and(|at| name_at(&text[at + r.len()..]))) {
        return true;
    }
    // A staff reporter's title closed by a short name, whatever its surname (`本报记者 银 燕`).
    if let Some(at) = compact.find("记者").filter(|_| compact.starts_with("本报") || compact.starts_with("新华社"))
    {
        let name = &compact[at + "记者".len()..];
        if (2..=4).contains(&char_len(name)) && name.chars().all(crate::text::is_han) {
            return true;
        }
    }
    // A name after a wide space, its characters spaced out or not.
    let t = text.trim_end();
    wide_space_ends(t).into_iter().any(|at| {
        let tail: String = t[at..].chars().filter(|c| !c.is_whitespace()).collect();
        (2..=4).contains(&char_len(&tail))
            && tail.chars().all(crate::text::is_han)
            && crate::rules::names::looks_like_name(&tail)
    })
}

/// Where each run of two or more spaces ends (byte offsets into `t`).
fn wide_space_ends(t: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut run = 0;
    for (i, c) in t.char_indices() {
        if c.is_whitespace() {
            run += 1;
        } else {
            if run >= 2 {
                ends.push(i);
            }
            run = 0;
        }
    }
    ends
}

/// A column's name printed as a line of its own: short, no punctuation.
fn is_column_name(u: &Unit) -> bool {
    (2..=8).contains(&u.chars) && u.text.chars().all(crate::text::is_han) && u.heading.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source::from_text(text.to_string(), "UTF-8")
    }

    #[test]
    fn a_line_reads_as_printed_without_a_converters_escapes() {
        // pandoc escapes a leading `1.` and brackets: the features must see the enumeration.
        let s = src("## 县人大常委会公告\\[第五号\\]\n\n1\\. 批准县人民政府的报告。\n");
        let pages = find_pages(&s);
        let units = units_of(&s, &pages[0]);
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_ref()).collect();
        assert_eq!(texts, ["县人大常委会公告[第五号]", "1. 批准县人民政府的报告。"]);
        assert!(features::enumeration(&units[1].text));
        assert_eq!(units[1].raw, "1\\. 批准县人民政府的报告。", "the source line stays as it is");
    }

    #[test]
    fn a_wrapped_page_is_read_with_its_certain_continuations_joined() {
        // A PDF text layer wrapped at seventeen characters.
        let s = src("县城修通最后一条村道\n本报讯（记者李明）３月２日，云溪县\n最后一条村道建成通车，村民们敲锣打\n鼓迎来了第一辆客车。\n县交通局局长王建国说，明年县里还要\n再修三条通往山里的村道，让全县每个\n村都通上客车，山里的核桃和板栗也能\n当天运到县城的集市上去卖个好价钱。\n");
        let pages = find_pages(&s);
        let units = units_of(&s, &pages[0]);
        let (habits, full) = features::PageHabits::with_full_lines(&feature_lines(&units));
        let pre = Prejoined::of(&units, &habits, &full).expect("a wrapped page");
        let texts: Vec<&str> = pre.units.iter().map(|u| u.text.as_ref()).collect();
        assert_eq!(
            texts,
            [
                "县城修通最后一条村道",
                "本报讯（记者李明）３月２日，云溪县",
                "最后一条村道建成通车，村民们敲锣打鼓迎来了第一辆客车。",
                "县交通局局长王建国说，明年县里还要",
                "再修三条通往山里的村道，让全县每个村都通上客车，山里的核桃和板栗也能当天运到县城的集市上去卖个好价钱。",
            ]
        );
        assert_eq!(pre.first, [0, 1, 2, 4, 5]);
        // What follows a unit is weighed by its last line: `…第一辆客车。` is short,
        // `…卖个好价钱。` fills its column.
        assert_eq!(pre.full, [false, true, false, true, true]);
        assert!(pre.habits.wrapped, "the habits of the page as printed");
        // The model's reading of the five units, spread back over the eight lines.
        let body = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0];
        let read = Tagged { labels: vec![LineLabel::Body; 5], confidence: vec![0.9; 5], marginals: vec![body; 5] };
        let tagged = pre.spread(read, units.len());
        use LineLabel::{Body, Continuation};
        assert_eq!(tagged.labels, [Body, Body, Body, Continuation, Body, Body, Continuation, Continuation]);
        assert_eq!(tagged.confidence[3], 1.0, "a certain join");
        // A page of whole paragraphs has nothing certain to join.
        let s = src("县城修通最后一条村道\n本报讯（记者李明）３月２日，云溪县最后一条村道建成通车。\n县交通局说，明年还要修三条。\n");
        let units = units_of(&s, &find_pages(&s)[0]);
        let (habits, full) = features::PageHabits::with_full_lines(&feature_lines(&units));
        assert!(Prejoined::of(&units, &habits, &full).is_none());
    }

    #[test]
    fn a_writers_note_cut_in_two() {
        assert!(opens_a_note_left_open("（作者为云溪师范学院马克思主义"));
        assert!(!opens_a_note_left_open("（作者为云溪师范学院教授）"), "closed on its line");
        assert!(!opens_a_note_left_open("（二〇一九年二月三日"), "no note");
        assert!(closes_a_bracket("学院院长、研究员）"));
        assert!(!closes_a_bracket("县里印发了管理办法（试行）"));
    }

    #[test]
    fn a_line_opening_on_a_closing_mark_shows_a_cut() {
        assert!(opens_on_a_closing_mark("”、讲“干货”，直奔主题"));
        assert!(opens_on_a_closing_mark("，牵动着全县人民的心"));
        assert!(!opens_on_a_closing_mark("’９９云溪物资交流会日前开幕"), "a year's apostrophe");
        assert!(!opens_on_a_closing_mark("？"), "a cartoon's caption");
        assert!(!opens_on_a_closing_mark("“我们一定能做到。”"));
    }

    #[test]
    fn page_markers_in_their_common_forms() {
        assert_eq!(parse_page_marker("第02版：要闻"), Some((2, Some("要闻".into()))));
        assert_eq!(parse_page_marker("第2版 要闻"), Some((2, Some("要闻".into()))));
        assert_eq!(parse_page_marker("--- 第3版 ---"), Some((3, None)));
        assert_eq!(parse_page_marker("A2版"), Some((2, Some("A2".into()))));
        assert_eq!(parse_page_marker("第十二版：国际"), Some((12, Some("国际".into()))));
        assert_eq!(parse_page_marker("本报第2版刊登了这篇文章的全文。"), None);
        // The folio line over each page of an e-paper dump: paper, date, weekday, page.
        assert_eq!(parse_page_marker("云溪日报 2019年2月11日 星期一 第1版 要闻"), Some((1, Some("要闻".into()))));
        assert_eq!(parse_page_marker("2019年02月11日  云溪日报  第 03 版"), Some((3, None)));
        assert_eq!(parse_page_marker("第01版：要闻 2019年2月21日 星期四"), Some((1, Some("要闻".into()))));
        assert_eq!(parse_page_marker("第4版 2019年2月21日"), Some((4, None)));
        assert_eq!(parse_page_marker("云溪日报２０１９年２月１１日　第０５版：经济"), Some((5, Some("经济".into()))));
        // A sentence naming a date and a page is no folio.
        assert_eq!(parse_page_marker("2019年2月11日，本报第2版刊登了这篇文章的全文。"), None);
        assert_eq!(parse_page_marker("2019年2月11日 星期一"), None);
    }

    #[test]
    fn pages_split_at_markers_and_form_feeds() {
        let s = src("第01版：要闻\n\n县里开会\n\n会议决定了三件事。\n第02版：经济\n\n物价平稳\n\n本月物价平稳。\n\u{c}第三页的内容。\n");
        let pages = find_pages(&s);
        assert_eq!(pages.len(), 3);
        assert_eq!((pages[0].number, pages[0].name.as_deref()), (Some(1), Some("要闻")));
        assert_eq!(pages[1].lines, LineSpan::new(6, 10));
        assert_eq!(pages[2].lines.first, 11);
    }

    #[test]
    fn a_file_without_markers_is_one_page() {
        let s = src("县里开会\n\n会议决定了三件事。\n");
        let pages = find_pages(&s);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].number, None);
    }

    #[test]
    fn plain_headlines_openers_and_bylines() {
        let text = "县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议，部署农业生产。\n\n会议要求各乡镇抓好落实。\n\n小城春色\n\n本报记者 王芳\n\n春天来了，小城的街道两旁开满了花，市民们纷纷走出家门踏青赏花。\n";
        let s = src(text);
        let pages = find_pages(&s);
        let arts = segment(&s, &pages, None);
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].lines, LineSpan::new(1, 5));
        assert_eq!(arts[1].roles[0], (7, LineRole::Headline));
        assert_eq!(arts[1].roles[1], (9, LineRole::Byline));
    }

    #[test]
    fn bylines_under_head_lines_the_tagger_left_in_the_body_and_in_signed_parts() {
        // A kicker ending on a dash and a quoted headline above the byline; then a
        // feature whose parts each have their subhead and reporter.
        let text = "走基层\n\u{3000}\u{3000}云溪县石桥村——\n\u{3000}\u{3000}“回乡创业，咱有信心！”\n\u{3000}\u{3000}本报记者\u{a0}\u{a0}乔\u{a0}\u{a0}栋\n\u{3000}\u{3000}从县城往江边走，便来到石桥村。村里的新广场上，几位老人正在晒太阳。\n\u{3000}\u{3000}修好一条路\n\u{3000}\u{3000}关系更密了\n\u{3000}\u{3000}本报记者 周云鹏\n\u{3000}\u{3000}在外务工的老周返乡过年，差点找不到回家的路。村里的土路已经修成了水泥路。\n";
        let s = src(text);
        let pages = find_pages(&s);
        let units = units_of(&s, &pages[0]);
        // The headline alone is the head: the byline three lines down is found all the same.
        let layout = lay_out_after_head(&units, 0, false, &[(1, LineRole::Headline)]);
        assert!(layout.roles.contains(&(4, LineRole::Byline)), "{:?}", layout.roles);
        assert!(layout.roles.contains(&(8, LineRole::Byline)), "{:?}", layout.roles);
        // Text between the head and a byline is never skipped over.
        assert_eq!(late_byline(&units, 4), None);
    }

    #[test]
    fn markdown_deck_subhead_and_caption() {
        let text = "# 开发区当示范\n\n### ——看县城如何挺起工业“脊梁”\n\n本报记者 王芳\n\n走进开发区，一系列成绩见证蓬勃成长。\n\n### 创新驱动发展\n\n今年以来，科创园捷报频传。\n\n\n\n11月30日，县西镇高速公路工地，工人们在加紧施工，保障项目进度。杨松摄\n\n## 县领导接待来访群众\n\n本报讯（记者李明）11月26日，县长到信访局接待群众来访。\n";
        let s = src(text);
        let arts = segment(&s, &find_pages(&s), None);
        assert_eq!(arts.len(), 3);
        let a = &arts[0];
        assert_eq!(a.roles[..3], [(1, LineRole::Headline), (3, LineRole::Deck), (5, LineRole::Byline)]);
        assert!(a.roles.contains(&(9, LineRole::Subhead)));
        assert_eq!(arts[1].roles, [(15, LineRole::Caption)]);
        assert_eq!(arts[2].lines.first, 17);
    }

    /// An invented county story: a head, a 本报讯 lead and two paragraphs, each with a
    /// blank line after it — what the briefs of the tests below follow.
    const COUNTY_STORY: &str = "云溪县举行冬季运动会 全县三千人参赛\n\n\
            本报讯（记者李明）12月2日，云溪县第五届冬季全民运动会在县体育中心开幕，全县十二个乡镇的三千多名运动员参加比赛。\n\n\
            本届运动会设拔河、长跑、跳绳等十个项目，比赛将持续三天。县体育局负责人介绍，今年参赛人数比去年增加了一成。\n\n\
            开幕式上，城关镇的腰鼓队和石桥村的舞龙队进行了表演，赢得观众阵阵掌声。\n\n";

    /// Two briefs that close the page in several tests below (the second credited).
    const LAST_TWO_BRIEFS: &str = "截至11月底，全县今年已新建农村公路八十六公里，比计划多出六公里，所有行政村都通上了硬化路。\n\n\
        青龙乡中心小学近日收到一批爱心图书，共计两千余册，由县图书馆和妇联联合捐赠，将用于充实学校的阅览室。（县教育局供稿）\n";

    /// The articles of `page` open on these lines, as plain text and with the story's
    /// head marked as a markdown heading.
    fn assert_starts_plain_and_marked(page: &str, expected: &[u32]) {
        for text in [page.to_string(), format!("## {page}")] {
            let s = src(&text);
            let firsts: Vec<u32> = segment(&s, &find_pages(&s), None).iter().map(|a| a.lines.first).collect();
            assert_eq!(firsts, expected, "{text}");
        }
    }

    #[test]
    fn briefs_at_a_pages_foot_are_items_even_when_a_dump_broke_one_mid_sentence() {
        // One story, then three headless briefs (简讯); the first brief is broken in two.
        let page = format!(
            "{COUNTY_STORY}\
            县供销社日前在东门市场开设年货专柜，销售本地出产的腊肉、香菇和茶叶等二十多种特产，\n\n\
            方便群众采购年货。\n\n\
            {LAST_TWO_BRIEFS}"
        );
        assert_starts_plain_and_marked(&page, &[1, 9, 13, 15]);
        // Without the time phrases that open a news brief, the paragraphs are the story's own.
        let told = page.replace("日前", "").replace("截至11月底，", "").replace("近日", "");
        let s = src(&told);
        assert_eq!(segment(&s, &find_pages(&s), None).len(), 1);
    }

    #[test]
    fn a_brief_that_opens_with_how_many_years_it_took_is_a_brief() {
        // `七年来，…` / `实施“供水解困”工程５年来，…`: an achievement brief dates itself by
        // the years it took, not by a day.
        let page = format!(
            "{COUNTY_STORY}\
            五年来，溪口镇在荒山上种下油茶两万亩，挂果面积已经过半，茶农户均增收四千元，油茶成了山里人的摇钱树。\n\n\
            实施饮水安全工程三年来，县水利局在缺水村打井一百二十眼、修建蓄水池八十座，山区群众喝上了放心水。\n"
        );
        assert_starts_plain_and_marked(&page, &[1, 9, 11]);
    }

    #[test]
    fn a_brief_whose_first_piece_a_break_left_title_shaped_stays_a_brief() {
        // `县农科所最近选育` | `出两个…`: short and without a stop, like a headline, but a head
        // line never says the news is recent.
        let page = format!(
            "{COUNTY_STORY}\
            县农科所最近选育\n\n\
            出两个耐寒油菜新品种，亩产比老品种高出一成，明年开春起推广种植，良种供应工作已着手准备。\n\n\
            {LAST_TWO_BRIEFS}"
        );
        assert_starts_plain_and_marked(&page, &[1, 9, 13, 15]);
    }

    #[test]
    fn a_brief_cut_inside_a_word_or_a_date_stays_a_brief() {
        // `…组建妇女发` | `展互助组…`, `…常委会７` | `日选出…`: title-shaped first pieces a
        // word (the dictionary's `发展`) or a date runs across, on a markdown page (where
        // only a heading opens a story; on a plain page the rules read such a piece over
        // three paragraphs as a headline, and the tagger decides).
        let lang = crate::language::Language::shared();
        for (first, rest) in [
            ("县妇联积极组建妇女发", "展互助组，日前已有一百二十名留守妇女加入，学习种植和手工编织技术。"),
            ("新一届县人大常委会７", "日选出第一任主任，原城关镇党委书记王建国当选，任期五年，全县干部群众表示拥护。"),
        ] {
            let text = format!("## {COUNTY_STORY}{first}\n\n{rest}\n\n{LAST_TWO_BRIEFS}");
            let s = src(&text);
            let units = units_of(&s, &find_pages(&s)[0]);
            let firsts: Vec<u32> =
                rule_segment(&units, 0, true, Some(&lang)).layouts.iter().map(|a| a.lines.first).collect();
            assert_eq!(firsts, [1, 9, 13, 15], "{text}");
        }
    }

    #[test]
    fn briefs_the_rules_split_off_an_older_page_stand_whatever_the_tagger_read() {
        use LineLabel::*;
        // The county story and three briefs under it, its digits full-width as the older
        // dumps print them; the tagger read the briefs as the story's last paragraphs.
        let e_paper = format!(
            "{COUNTY_STORY}县供销社日前在东门市场开设年货专柜，销售本地出产的腊肉、香菇和茶叶等二十多种特产。\n\n{LAST_TWO_BRIEFS}"
        );
        let page: String = e_paper
            .chars()
            .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
            .collect();
        let lang = crate::language::Language::shared();
        let starts_of = |text: &str| -> Vec<u32> {
            let s = src(text);
            let units = units_of(&s, &find_pages(&s)[0]);
            let rules = rule_segment(&units, 0, false, Some(&lang));
            let mut labels = vec![Body; units.len()];
            labels[0] = Headline;
            let tagged =
                Tagged {
                    confidence: vec![0.9; units.len()],
                    marginals: labels
                        .iter()
                        .map(|l| {
                            if *l == Headline {
                                [0.0, 0.9, 0.0, 0.0, 0.1, 0.0]
                            } else {
                                [0.0, 0.0, 0.0, 0.3, 0.7, 0.0]
                            }
                        })
                        .collect(),
                    labels,
                };
            let habits = features::PageHabits::of(&feature_lines(&units));
            layouts_from_tags(
                &units,
                WholePage { units: &units, habits: &habits },
                0,
                false,
                &tagged,
                &rules.briefs,
                &lang,
            )
            .iter()
            .map(|a| a.lines.first)
            .collect()
        };
        assert_eq!(starts_of(&page), [1, 9, 11, 13]);
        // The e-paper prints no headless item: there the tagger's reading stands.
        assert_eq!(starts_of(&e_paper), [1]);
    }

    #[test]
    fn notes_under_a_headline_are_bracketed_groups_without_a_dateline() {
        let text = "（一九九八年一月一日）\n（一九九八年一月一日）（附图片１张）\n（新华社北京１月１日电）\n县里召开春耕动员会\n";
        let s = src(text);
        let units = units_of(&s, &find_pages(&s)[0]);
        let notes: Vec<bool> = units.iter().map(is_head_note).collect();
        assert_eq!(notes, [true, true, false, false]);
    }

    #[test]
    fn an_editors_notice_title_is_not_a_pen_name() {
        let text = "乡村教师今何在（１）\n\n开栏的话\n\n从今天起，本版开设专栏，回访近年受到表彰的乡村教师，看看他们的近况。\n";
        let s = src(text);
        let arts = segment(&s, &find_pages(&s), None);
        assert_eq!(arts.len(), 1);
        assert!(!arts[0].roles.iter().any(|(_, r)| *r == LineRole::Byline), "{:?}", arts[0].roles);
    }

    #[test]
    fn a_headline_that_splits_into_names_stays_a_headline() {
        let text = "县里修通了最后一条村道\n\n本报讯（记者李明）３月２日，云溪县最后一条村道建成通车。\n\n宋林安生启程赴港\n\n本报云溪３月２日电（记者李明）县长宋林安生今天启程赴港考察。\n";
        let s = src(text);
        let arts = segment(&s, &find_pages(&s), None);
        assert_eq!(arts.len(), 2, "{:?}", arts.iter().map(|a| a.lines).collect::<Vec<_>>());
        assert_eq!(arts[1].roles[0], (5, LineRole::Headline));
    }

    #[test]
    fn a_question_headline_with_a_dashed_subtitle() {
        let text = "县里修通了最后一条村道\n\n本报讯（记者李明）３月２日，云溪县最后一条村道建成通车。\n\n村民们敲锣打鼓迎来了第一辆客车。\n\n山货怎样走出大山？——访县供销社主任王海清\n\n本报记者 周芳\n\n今年开春，县供销社在各乡镇设立收购点，山里的核桃、木耳有了稳定的销路。\n";
        let s = src(text);
        let arts = segment(&s, &find_pages(&s), None);
        assert_eq!(arts.len(), 2, "{:?}", arts.iter().map(|a| a.lines).collect::<Vec<_>>());
        assert_eq!(arts[1].lines.first, 7);
    }

    #[test]
    fn a_round_up_of_wire_items_keeps_its_place_subheads() {
        let text = "亚洲股市普遍下跌\n\n新华社曼谷１月６日电　曼谷股市今天继续下跌，泰铢对美元汇率再创新低。\n\n分析人士认为，市场信心仍未恢复。\n\n日本\n\n新华社东京１月６日电　东京股市今天开盘后继续下跌，日经平均指数收盘时下跌二百点。\n\n印尼\n\n新华社雅加达１月６日电　雅加达股市今天小幅回落，交易清淡。\n";
        let s = src(text);
        let arts = segment(&s, &find_pages(&s), None);
        assert_eq!(arts.len(), 1, "{:?}", arts.iter().map(|a| a.lines).collect::<Vec<_>>());
    }

    #[test]
    fn a_span_the_editor_split_off_keeps_its_title_as_headline() {
        // The editor splits a feature at a subhead: the new article's first line heads it.
        let text = "院地合作赋能，创新驱动发展\n\n今年以来，县科创园捷报频传，三个中试项目先后落地投产。\n\n园区负责人介绍，明年还将引进五家研发机构。\n";
        let s = src(text);
        let pages = find_pages(&s);
        let lang = crate::language::Language::shared();
        let layout = layout_span(&s, &pages, LineSpan::new(1, 5), Some(&lang)).unwrap();
        assert_eq!(layout.roles[0], (1, LineRole::Headline), "{:?}", layout.roles);
        assert!(layout.continuations.is_empty(), "clean text is not joined: {:?}", layout.continuations);
    }

    #[test]
    fn a_subhead_of_two_lines_heads_the_paragraphs_under_it() {
        let text = "山乡过大年\n\n本报记者 周芳\n\n腊月以来，云溪县各乡镇张灯结彩，赶集的、办年货的、走亲访友的，处处热闹。\n\n石桥村\n\n年货网上买\n\n一进石桥村，就看见快递员骑着三轮车挨家挨户送包裹，村民的年货大多是网上买的。\n\n北京大学中文系教授  王明\n\n村里的电商服务站每天要收发三百多件包裹。\n";
        let s = src(text);
        let pages = find_pages(&s);
        let lang = crate::language::Language::shared();
        let layout = layout_span(&s, &pages, LineSpan::new(1, 15), Some(&lang)).unwrap();
        let subheads: Vec<u32> =
            layout.roles.iter().filter(|(_, r)| *r == LineRole::Subhead).map(|(l, _)| *l).collect();
        assert_eq!(subheads, [7, 9], "{:?}", layout.roles);
    }

    /// The labels `apply_certain_facts` leaves on a page of `text` the tagger read as `labels`.
    fn after_certain_facts(text: &str, mut labels: Vec<LineLabel>, marginals: &[[f32; 6]]) -> Vec<LineLabel> {
        let s = src(text);
        let pages = find_pages(&s);
        let units = units_of(&s, &pages[0]);
        apply_certain_facts(&units, &mut labels, &marginals[..units.len()]);
        labels
    }

    #[test]
    fn a_markdown_heading_is_never_continued_by_the_next_line() {
        use LineLabel::*;
        // Markdown written without blank lines: the tagger may read the line under a
        // marked subhead as its rest; a heading is one line.
        let marginals =
            [[0.0, 0.0, 0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.3, 0.7], [0.0, 0.0, 0.0, 0.0, 1.0, 0.0]];
        let text = "## 毛里湖水 又见清澈\n快过年了，客人很多。\n湖南津市毛里湖镇田家山村，临近中午，渔乐山庄的“庄主”正在忙碌。\n";
        assert_eq!(after_certain_facts(text, vec![Body, Continuation, Body], &marginals), [Body, Body, Body]);
        // Under running text the same continuation stands.
        let text = "快过年了，客人很多，\n湖南津市毛里湖镇田家山村，临近中午，渔乐山庄的“庄主”正在忙碌。\n";
        assert_eq!(after_certain_facts(text, vec![Body, Continuation], &marginals), [Body, Continuation]);
    }

    #[test]
    fn a_credit_in_brackets_between_briefs_closes_the_one_above() {
        use LineLabel::*;
        // A run of briefs on a 1998 page: the tagger, unsure (lead 0.45, body 0.49), may
        // open an item on the credit; it belongs to the brief it closes.
        let marginals =
            [[0.0, 0.0, 0.0, 1.0, 0.0, 0.0], [0.0, 0.04, 0.01, 0.45, 0.49, 0.01], [0.0, 0.0, 0.0, 0.8, 0.2, 0.0]];
        let text = "本报讯截至去年底，云溪县提拔交流了四十九名年轻干部。\n\n（陈立）\n\n本报讯为了保证春运安全，云溪车站加大了危险品查堵力度。\n";
        assert_eq!(after_certain_facts(text, vec![Lead; 3], &marginals), [Lead, Body, Lead]);
        // Nor does a writer's note open an article when read as a headline.
        let text = "这是一篇评论的最后一段。\n（作者为云溪师范学院教授）\n";
        assert_eq!(after_certain_facts(text, vec![Body, Headline], &marginals), [Body, Body]);
        // A joint dateline in brackets closing a round-up, longer than any credit, read as a lead.
        let text = "各地春节市场供应充足，物价总体平稳。\n（本报巴黎、墨西哥城、东京、约翰内斯堡2月9日电  记者龚鸣、刘旭霞、刘军国、李滢嫣）\n";
        assert_eq!(after_certain_facts(text, vec![Body, Lead], &marginals), [Body, Body]);
        // A converter may set an editor's signature or a picture's credits as a heading:
        // they close what is above them all the same.
        for closing in ["### ——编  者", "## （新华社记者陈明摄）（传真照片）", "# 张丹摄"] {
            let text = format!("欢迎读者来信来稿，说说家乡的新变化。\n\n{closing}\n");
            assert_eq!(after_certain_facts(&text, vec![Body, Headline], &marginals), [Body, Body], "{closing}");
        }
    }

    #[test]
    fn the_line_under_a_short_label_is_what_the_label_announces() {
        use LineLabel::*;
        // A chart's source under a story: the model, reading a short stopless line, may
        // open an article on it.
        let marginals =
            [[0.0, 0.0, 0.0, 0.0, 1.0, 0.0], [0.0, 0.1, 0.0, 0.0, 0.9, 0.0], [0.1, 0.5, 0.0, 0.0, 0.4, 0.0]];
        let text = "全县快递业务量同比增长三成，农产品上行势头良好。\n数据来源：\n县商务局和县邮政分公司\n";
        assert_eq!(after_certain_facts(text, vec![Body, Body, Headline], &marginals), [Body; 3]);
    }

    #[test]
    fn a_layout_credit_closes_its_item_and_the_dashed_line_under_it_is_a_kicker() {
        use LineLabel::*;
        // Flat e-paper text: the model read the short credit as the next item's headline
        // (0.68) and the dashed line under it as text; the credit closes the brief above,
        // the dashed line over a title is the next item's kicker.
        let marginals = [
            [0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
            [0.0, 0.68, 0.0, 0.0, 0.32, 0.0],
            [0.31, 0.0, 0.01, 0.0, 0.67, 0.0],
            [0.0, 0.61, 0.0, 0.0, 0.39, 0.0],
        ];
        let text = "据新华社北京2月10日电  记者10日从国家移民管理局获悉，春节期间出入境人员增长。\n版式：王小明\n云溪县石桥村——\n年货网上买 日子节节高\n";
        assert_eq!(
            after_certain_facts(text, vec![Body, Headline, Body, Headline], &marginals),
            [Body, Body, Kicker, Headline]
        );
        for credit in ["版式：王小明", "责任编辑：李明", "美编：张丹"] {
            assert!(crate::rules::shapes::is_layout_credit(credit), "{credit}");
        }
    }

    #[test]
    fn the_line_under_a_layout_credit_opens_the_next_item() {
        use LineLabel::*;
        // A themed page of short pieces with the indentation gone: the model read the
        // next piece's headline as a subhead of the editor's note the credit closes.
        let body = [0.0, 0.1, 0.0, 0.0, 0.9, 0.0];
        let marginals = [body; 4];
        let text = "这个春节，一起去县博物馆过大年吧！\n——编  者\n版式设计：李晓明\n来古城品年味儿\n";
        assert_eq!(after_certain_facts(text, vec![Body; 4], &marginals), [Body, Body, Body, Headline]);
        // A second credit, a picture's note or the rest of a credit cut by the layout stay
        // where they are.
        let text = "这个春节，一起去县博物馆过大年吧！\n版式设计：李晓明\n图片来源：云溪县融媒体中心\n";
        assert_eq!(after_certain_facts(text, vec![Body; 3], &marginals), [Body; 3]);
        let text = "这个春节，一起去县博物馆过大年吧！\n版式设计：李晓明\n观看视频，请用手机扫描二维码\n";
        assert_eq!(after_certain_facts(text, vec![Body; 3], &marginals), [Body; 3]);
        let text = "这个春节，一起去县博物馆过大年吧！\n制图：李晓明\n图片由县博物馆研究员\n王立新提供\n";
        assert_eq!(
            after_certain_facts(text, vec![Body, Body, Body, Continuation], &marginals),
            [Body, Body, Body, Continuation]
        );
        // A data source is part of the story above it, not its end.
        let text = "全县快递业务量同比增长三成。\n数据来源：县商务局\n农产品上行势头良好\n";
        assert_eq!(after_certain_facts(text, vec![Body; 3], &marginals), [Body; 3]);
    }

    /// The labels a head rule read after the tagger (`rule`) leaves on a page of `text`
    /// the tagger read as `labels`.
    fn after_head_rule(text: &str, mut labels: Vec<LineLabel>, rule: fn(&[Unit], &mut [LineLabel])) -> Vec<LineLabel> {
        let s = src(text);
        let pages = find_pages(&s);
        let units = units_of(&s, &pages[0]);
        rule(&units, &mut labels);
        labels
    }

    #[test]
    fn a_dashed_line_and_a_title_over_a_wire_report_are_its_kicker_and_headline() {
        use LineLabel::*;
        let labels_of = |text: &str, labels: Vec<LineLabel>| after_head_rule(text, labels, kickers_over_wire_reports);
        // The tagger left both lines in the text of the report above.
        let text = "县里还将新建三座污水处理厂。\n省气象台提醒——\n周末寒潮将至注意防冻\n本报云溪3月2日电  （记者何丽）省气象台今天发布寒潮预警。\n";
        assert_eq!(labels_of(text, vec![Body; 4]), [Body, Kicker, Headline, Body]);
        // A colon announces who speaks in the headline as a dash does.
        let text = "县里还将新建三座污水处理厂。\n县气象局：\n周末寒潮将至注意防冻\n本报云溪3月2日电  （记者何丽）省气象台今天发布寒潮预警。\n";
        assert_eq!(labels_of(text, vec![Body; 4]), [Body, Kicker, Headline, Body]);
        // A dashed pair inside a feature runs into its text: a subhead pair, left alone.
        let text = "县里还将新建三座污水处理厂。\n石桥村——\n路灯亮了 夜市火了\n入冬以来，村里新装路灯四十余盏。\n";
        assert_eq!(labels_of(text, vec![Body; 4]), [Body; 4]);
        // A reader's signature is no kicker.
        let text = "县里还将新建三座污水处理厂。\n———王文西（云溪）\n周末寒潮将至注意防冻\n本报云溪3月2日电  （记者何丽）省气象台今天发布寒潮预警。\n";
        assert_eq!(labels_of(text, vec![Body; 4]), [Body; 4]);
    }

    #[test]
    fn a_competitions_name_over_a_result_is_a_kicker() {
        use LineLabel::*;
        assert!(names_a_competition("县中学生篮球联赛半决赛首回合"));
        assert!(names_a_competition("乒乓球世界杯成都站"));
        assert!(names_a_competition("全省围棋最强战"));
        assert!(names_a_competition("2021年高山滑雪世锦赛"));
        // What was done, not where: a headline.
        assert!(!names_a_competition("云溪男篮完成全部比赛"));
        assert!(!names_a_competition("高质量打赢脱贫攻坚战"));
        assert!(!names_a_competition("北京队胜上海队  天津队胜江苏队"));
        let labels_of = |text: &str, labels: Vec<LineLabel>| after_head_rule(text, labels, event_kickers);
        let text = "县中学生篮球联赛半决赛首回合\n一中队胜二中队\n本报云溪3月2日电  比赛在县体育馆进行。\n";
        assert_eq!(labels_of(text, vec![Headline, Deck, Body]), [Kicker, Headline, Body]);
        // A headline that names no competition keeps its deck.
        let text = "县城新建三座体育馆\n一中队胜二中队\n本报云溪3月2日电  比赛在县体育馆进行。\n";
        assert_eq!(labels_of(text, vec![Headline, Deck, Body]), [Headline, Deck, Body]);
        // Under a kicker the competition is the headline already.
        let text = "全县中小学生冬季运动会\n县中学生篮球联赛半决赛首回合\n一中队胜二中队\n";
        assert_eq!(labels_of(text, vec![Kicker, Headline, Deck]), [Kicker, Headline, Deck]);
    }

    #[test]
    fn a_head_line_whose_probability_is_split_between_kicker_and_headline_stays_a_head() {
        let s = src("北京举行新年音乐会\n首都各界群众与劳动模范代表一起辞旧迎新\n新华社北京１２月３１日电　今晚，首都举行新年音乐会。\n");
        let pages = find_pages(&s);
        let units = units_of(&s, &pages[0]);
        let mut labels = vec![LineLabel::Body; 3];
        let marginals =
            [[0.26, 0.32, 0.0, 0.0, 0.42, 0.0], [0.0, 0.39, 0.28, 0.0, 0.33, 0.0], [0.0, 0.0, 0.0, 0.1, 0.9, 0.0]];
        heads_the_marginals_favour(&units, &mut labels, &marginals, false);
        assert_eq!(labels, [LineLabel::Headline, LineLabel::Deck, LineLabel::Body]);
        // Less than half for a head: the text stays text.
        let mut labels = vec![LineLabel::Body; 3];
        let marginals = [[0.2, 0.2, 0.0, 0.0, 0.6, 0.0], marginals[1], marginals[2]];
        heads_the_marginals_favour(&units, &mut labels, &marginals, false);
        assert_eq!(labels, [LineLabel::Body; 3]);
    }

    #[test]
    fn a_lone_headline_over_a_brief_is_a_head_on_an_older_page() {
        use LineLabel::*;
        let s =
            src("全县节水灌溉面积突破十万亩。\n县城建大型污水处理厂\n县城污水处理厂工程日前开工，总投资１．２亿元。\n");
        let pages = find_pages(&s);
        let units = units_of(&s, &pages[0]);
        let marginals =
            [[0.0, 0.0, 0.0, 0.0, 1.0, 0.0], [0.0, 0.46, 0.0, 0.0, 0.54, 0.0], [0.02, 0.0, 0.0, 0.0, 0.97, 0.01]];
        // In the older dumps' conventions a short line under a stop opens an article three
        // times in five: the tagger's 0.46 is enough there…
        let mut labels = vec![Body; 3];
        heads_the_marginals_favour(&units, &mut labels, &marginals, true);
        assert_eq!(labels, [Body, Headline, Body]);
        // …not on the e-paper's, whose features carry subheads of the same shape.
        let mut labels = vec![Body; 3];
        heads_the_marginals_favour(&units, &mut labels, &marginals, false);
        assert_eq!(labels, [Body; 3]);
    }

    #[test]
    fn an_editors_span_of_a_broken_page_keeps_its_joins() {
        // A text layer with paragraphs broken; the only visible cut (a comma before the
        // break) stands above the span the editor split off.
        let text = "县里召开春耕生产动员会议，县委书记在会上强调，\n要抓好春耕备耕各项工作。\n会议指出，今年是全县产业转型的关键一年，全县上下要\n把春季农业生产摆在突出位置。\n会议要求各乡镇认真做好农资供应工作确保不误农时\n各部门要加强协作形成合力。\n";
        let s = src(text);
        let pages = find_pages(&s);
        let page = units_of(&s, &pages[0]);
        let span = &page[2..];
        let lang = Language::shared();
        assert!(has_evident_cut(&page, &lang) && !has_evident_cut(span, &lang));
        let tagged = [LineLabel::Body, LineLabel::Continuation, LineLabel::Body, LineLabel::Continuation];
        let mut labels = tagged.to_vec();
        let habits = features::PageHabits::of(&feature_lines(&page));
        keep_clean_text_whole(span, &page, &habits, &mut labels, &lang);
        assert_eq!(labels, tagged, "read on the whole page, the span's breaks stay joined");
        let mut labels = tagged.to_vec();
        let habits = features::PageHabits::of(&feature_lines(span));
        keep_clean_text_whole(span, span, &habits, &mut labels, &lang);
        assert_eq!(labels, [LineLabel::Body; 4], "read on the span alone, it would look clean");
    }

    #[test]
    fn a_margin_every_line_shares_is_no_indentation() {
        let page = |text: &str| {
            let s = src(text);
            let pages = find_pages(&s);
            units_of(&s, &pages[0]).iter().map(|u| u.raw.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(
            page("  县里开会\n  \u{3000}\u{3000}会议决定了三件事。\n"),
            ["县里开会", "\u{3000}\u{3000}会议决定了三件事。"]
        );
        // The e-paper: heads flush, so nothing is shared and nothing taken off.
        assert_eq!(
            page("县里开会\n\u{3000}\u{3000}会议决定了三件事。\n"),
            ["县里开会", "\u{3000}\u{3000}会议决定了三件事。"]
        );
        assert_eq!(page("\u{3000}县里开会\n  会议决定了三件事。\n"), ["\u{3000}县里开会", "  会议决定了三件事。"]);
    }

    #[test]
    fn an_editors_span_of_indented_paragraphs_keeps_its_indentation() {
        // The page's headline stands flush, so the page has no common margin, though
        // every line of the span the editor split off is indented.
        let s = src("县里开会\n\u{3000}\u{3000}会议决定了三件事。\n\u{3000}\u{3000}第一件是修路。\n");
        let pages = find_pages(&s);
        let span = PageSpan { lines: LineSpan::new(2, 3), ..pages[0].clone() };
        let raws: Vec<&str> = units_within(&s, &pages[0], &span).iter().map(|u| u.raw).collect();
        assert_eq!(raws, ["\u{3000}\u{3000}会议决定了三件事。", "\u{3000}\u{3000}第一件是修路。"]);
    }

    #[test]
    fn lines_that_sign_rather_than_head() {
        assert!(signs_off("北京大学艺术学院院长\u{a0}\u{a0}王一川"));
        assert!(signs_off("导演  韩  延"));
        assert!(signs_off("本报驻法国记者果永毅"));
        assert!(!signs_off("记者留言板"));
        assert!(!signs_off("记者手记"));
        assert!(!signs_off("年货网上买"));
        assert!(!signs_off("刷脸进站 省事省心"));
        assert!(!signs_off("传播：多终端\u{a0}全覆盖"));
        assert!(!signs_off("老船长的记事本（记者手记）"));
        assert!(signs_off("讲述人：薛景为，高级工程师"));
        assert!(signs_off("本报记者\u{a0}银\u{a0}燕"));
        assert!(signs_off("——编\u{a0}者"));
    }

    #[test]
    fn a_poem_is_not_split_at_its_short_lines() {
        let text = "故乡的水\n\n李明\n\n普通的水\n\n比骨头还硬\n\n隐身于我们的血肉之中\n\n努力把天空支撑\n";
        let s = src(text);
        let arts = segment(&s, &find_pages(&s), None);
        assert_eq!(arts.len(), 1);
    }
}
