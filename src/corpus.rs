//! Truth corpora and the layouts real dumps take.
//!
//! A truth corpus is a folder of pages (`NAME.txt`) with their truth
//! (`NAME.json`): the 1998 blank-line pages and the 2019 e-paper pages of
//! `../shared/corpus`, or any folder in the same shape. Each page is read into
//! its logical lines — kicker 引题, headline 主题, deck 副题, paragraphs — and can
//! then be written out again in every form a dump comes in: blank-line blocks,
//! e-paper indentation, a flat PDF text layer, markdown whose heading levels mean
//! nothing, paragraphs broken mid-sentence (and mid-word), half-width punctuation.
//! The written page keeps its truth line by line, so the detector can be trained
//! and scored on every form of every page.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// What a line of a dump is, as the tagger learns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LineLabel {
    /// 引题: the line over a headline.
    Kicker,
    /// 主题
    Headline,
    /// 副题: the line under a headline.
    Deck,
    /// First line of an item with no headline (a brief, a photo caption).
    Lead,
    /// Any other line of an article: paragraphs, bylines, credits, subheads.
    Body,
    /// The rest of a paragraph broken across lines (joins the line before).
    Continuation,
}

impl LineLabel {
    pub const ALL: [LineLabel; 6] = [
        LineLabel::Kicker,
        LineLabel::Headline,
        LineLabel::Deck,
        LineLabel::Lead,
        LineLabel::Body,
        LineLabel::Continuation,
    ];
    /// The short name used in a model file.
    pub fn code(self) -> &'static str {
        match self {
            LineLabel::Kicker => "K",
            LineLabel::Headline => "H",
            LineLabel::Deck => "D",
            LineLabel::Lead => "L",
            LineLabel::Body => "B",
            LineLabel::Continuation => "C",
        }
    }
    pub fn from_code(code: &str) -> Option<LineLabel> {
        LineLabel::ALL.into_iter().find(|l| l.code() == code)
    }
    /// Kicker, headline and deck: the lines that head an article.
    pub fn is_head(self) -> bool {
        matches!(self, LineLabel::Kicker | LineLabel::Headline | LineLabel::Deck)
    }
}

/// One article's truth.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TruthArticle {
    pub kicker: Option<String>,
    pub headline: Option<String>,
    pub deck: Option<String>,
    pub column: Option<String>,
    pub dateline: Option<String>,
    pub people: Vec<String>,
}

/// One page of a truth corpus as logical lines.
#[derive(Debug, Clone, Default)]
pub struct CorpusPage {
    /// `19980101-01`.
    pub name: String,
    /// The day the page was printed (`19980101`), for cross-validation by day.
    pub day: String,
    /// Logical lines: text, label (never `Continuation`), article index.
    pub lines: Vec<(String, LineLabel, usize)>,
    pub articles: Vec<TruthArticle>,
}

#[derive(Deserialize)]
struct JsonPage {
    #[serde(default)]
    date: Option<String>,
    articles: Vec<JsonArticle>,
}

#[derive(Deserialize)]
struct JsonArticle {
    start_line: u32,
    end_line: u32,
    #[serde(default)]
    has_headline: Option<bool>,
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    kicker: Option<String>,
    #[serde(default)]
    deck: Option<String>,
    #[serde(default)]
    subtitles: Vec<String>,
    #[serde(default)]
    column: Option<String>,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default)]
    people: Vec<JsonPerson>,
}

#[derive(Deserialize)]
struct JsonPerson {
    name: String,
}

/// Reads one truth page; the message names the file and the problem.
pub fn read_page(txt: &Path) -> Result<CorpusPage, String> {
    let json = txt.with_extension("json");
    let text = crate::store::read_text(txt).map_err(|e| format!("{}: {e}", txt.display()))?;
    let truth_text = crate::store::read_text(&json).map_err(|e| format!("{}: {e}", json.display()))?;
    let truth: JsonPage =
        serde_json::from_str(&truth_text).map_err(|e| format!("{}: not a truth page: {e}", json.display()))?;
    let name = txt.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let day = truth.date.clone().unwrap_or_else(|| name.split('-').next().unwrap_or("").to_string());
    page_from_truth(&text, &truth, name, day).map_err(|e| format!("{}: {e}", json.display()))
}

fn page_from_truth(text: &str, truth: &JsonPage, name: String, day: String) -> Result<CorpusPage, String> {
    let source: Vec<&str> = text.lines().collect();
    let mut page = CorpusPage { name, day, ..Default::default() };
    for (k, a) in truth.articles.iter().enumerate() {
        let (first, last) = (a.start_line as usize, a.end_line as usize);
        if first == 0 || last < first || last > source.len() {
            return Err(format!("article {} has lines {first}–{last} outside the page", k + 1));
        }
        // Head lines in order: kicker, headline, deck (2019) or subtitles (1998).
        let mut expect: Vec<(String, LineLabel)> = Vec::new();
        let headed = a.has_headline.unwrap_or(a.headline.is_some()) && a.headline.is_some();
        if headed {
            if let Some(kicker) = &a.kicker {
                expect.push((kicker.clone(), LineLabel::Kicker));
            }
            expect.push((a.headline.clone().unwrap_or_default(), LineLabel::Headline));
            if let Some(deck) = &a.deck {
                expect.push((deck.clone(), LineLabel::Deck));
            }
            for s in &a.subtitles {
                expect.push((s.clone(), LineLabel::Deck));
            }
        }
        let mut next_head = 0;
        let mut first_text = true;
        for line in &source[first - 1..last] {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let label = match expect.get(next_head) {
                Some((want, label)) if want.trim() == t => {
                    next_head += 1;
                    *label
                }
                _ => {
                    // Head lines only come first: once the body starts, none follows.
                    next_head = expect.len();
                    if first_text {
                        LineLabel::Lead
                    } else {
                        LineLabel::Body
                    }
                }
            };
            first_text = false;
            page.lines.push((t.to_string(), label, k));
        }
        page.articles.push(TruthArticle {
            kicker: a.kicker.clone(),
            headline: if headed { a.headline.clone() } else { None },
            deck: a.deck.clone().or_else(|| a.subtitles.first().cloned()),
            column: a.column.clone(),
            dateline: a.dateline.clone(),
            people: a.people.iter().map(|p| p.name.clone()).collect(),
        });
    }
    Ok(page)
}

impl CorpusPage {
    /// Every kicker and headline of the page, each with the page's day.
    pub fn dated_heads(&self) -> Vec<(String, String)> {
        let heads = self.articles.iter().flat_map(|a| [&a.kicker, &a.headline].into_iter().flatten());
        heads.map(|h| (self.day.clone(), h.clone())).collect()
    }
}

/// The truth pages of a folder: every `NAME.txt` with a `NAME.json` beside it, sorted by name.
pub fn truth_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.with_extension("json").is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Every truth page of the folders given, read into logical lines.
pub fn read_corpora(dirs: &[PathBuf]) -> Result<Vec<CorpusPage>, String> {
    let mut pages = Vec::new();
    for dir in dirs {
        for f in truth_files(dir)? {
            pages.push(read_page(&f)?);
        }
    }
    Ok(pages)
}

/// A layout a dump comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub name: &'static str,
    /// Blank lines between paragraphs.
    pub blank_lines: bool,
    /// Paragraphs indented with `　　` (heads flush left).
    pub indent: bool,
    /// Heads marked `#`…`###` at random levels.
    pub markdown: bool,
    /// Some paragraphs broken mid-sentence, some mid-word.
    pub breaks: bool,
    /// Full-width forms written half-width, as a converter that normalises the text
    /// (NFKC) leaves them: punctuation (`，` → `,`), digits and letters (`１９９８` →
    /// `1998`), the ideographic space. A 1998 page then loses its full-width digits, so
    /// the model must not take them for the era.
    pub halfwidth: bool,
    /// Every paragraph wrapped at the column's width, as a PDF text layer gives it:
    /// most lines of a paragraph are the same length, and a line may end on a stop.
    pub wrap: bool,
    /// Markdown whose converter sets a feature's subheads in bold (`**石桥村**`)
    /// rather than as headings.
    pub bold_subheads: bool,
    /// Markdown whose broken paragraphs keep their pieces in one block (soft line
    /// breaks), as a blank-line dump does, rather than a block per piece.
    pub soft_breaks: bool,
    /// What an indented paragraph opens with: `　　` as the e-paper exports it; one
    /// space where a converter made it half-width and collapsed the run (as an HTML
    /// rendering does); two no-break spaces from an HTML page's `&nbsp;&nbsp;`.
    pub indent_with: &'static str,
    /// A blank line left here and there on a page that has none (a PDF text layer's
    /// column and page breaks): one before a line in twelve, heads and bylines too.
    pub stray_blanks: bool,
    /// Markdown whose converter underlines its first two heading levels (`===`, `---`),
    /// as turndown and older pandoc write them; lower levels stay `###`.
    pub setext: bool,
}

impl Form {
    /// What every form below is unless it says otherwise: flush, unbroken, full-width
    /// paragraphs with neither blank lines nor markdown (the e-paper's `　　` where a
    /// form indents).
    const FLAT_DEFAULTS: Form = Form {
        name: "",
        blank_lines: false,
        indent: false,
        markdown: false,
        breaks: false,
        halfwidth: false,
        wrap: false,
        bold_subheads: false,
        soft_breaks: false,
        indent_with: "\u{3000}\u{3000}",
        stray_blanks: false,
        setext: false,
    };
    /// The People's Daily 1998 corpus as given: paragraphs between blank lines.
    pub const BLANK: Form = Form { name: "blank", blank_lines: true, ..Form::FLAT_DEFAULTS };
    /// The e-paper text export: paragraphs indented, no blank lines.
    pub const INDENTED: Form = Form { name: "indented", indent: true, ..Form::FLAT_DEFAULTS };
    /// A PDF text layer: no indentation, no blank lines.
    pub const FLAT: Form = Form { name: "flat", ..Form::FLAT_DEFAULTS };
    /// An extraction tool's markdown: headings at meaningless levels, paragraphs broken, half-width marks.
    pub const MARKDOWN_BROKEN: Form = Form { name: "markdown+breaks", breaks: true, halfwidth: true, ..Form::MARKDOWN };
    /// A PDF text layer whose lines break inside paragraphs, half-width marks.
    pub const FLAT_BROKEN: Form = Form { name: "flat+breaks", breaks: true, halfwidth: true, ..Form::FLAT };
    /// Indented paragraphs broken across lines (the continuation is flush left).
    pub const INDENTED_BROKEN: Form = Form { name: "indented+breaks", breaks: true, ..Form::INDENTED };
    /// Plain markdown: headings at meaningless levels, paragraphs whole.
    pub const MARKDOWN: Form = Form { name: "markdown", blank_lines: true, markdown: true, ..Form::FLAT_DEFAULTS };
    /// Blank-line blocks whose paragraphs are broken inside the block, half-width marks.
    pub const BLANK_BROKEN: Form = Form { name: "blank+breaks", breaks: true, halfwidth: true, ..Form::BLANK };
    /// The e-paper export with half-width punctuation.
    pub const INDENTED_HALFWIDTH: Form = Form { name: "indented+half", halfwidth: true, ..Form::INDENTED };
    /// A PDF text layer of a narrow column: every paragraph wrapped at the page's column width.
    pub const FLAT_WRAPPED: Form = Form { name: "flat+wrapped", wrap: true, ..Form::FLAT };
    /// The e-paper export wrapped at the column width (continued lines flush left).
    pub const INDENTED_WRAPPED: Form = Form { name: "indented+wrapped", wrap: true, ..Form::INDENTED };
    /// A PDF converter's markdown: every wrapped line a paragraph of its own, half-width marks.
    pub const MARKDOWN_WRAPPED: Form = Form { name: "markdown+wrapped", halfwidth: true, wrap: true, ..Form::MARKDOWN };
    /// A PDF text layer with half-width punctuation, paragraphs whole.
    pub const FLAT_HALFWIDTH: Form = Form { name: "flat+half", halfwidth: true, ..Form::FLAT };
    /// A converter's markdown of the e-paper: paragraphs keep their indentation, heads
    /// and most subheads are marked as headings (flush, levels meaningless).
    pub const MARKDOWN_INDENTED: Form = Form { name: "markdown+indented", indent: true, ..Form::MARKDOWN };
    /// The same with paragraphs broken mid-sentence and half-width marks.
    pub const MARKDOWN_INDENTED_BROKEN: Form =
        Form { name: "markdown+indented+breaks", breaks: true, halfwidth: true, ..Form::MARKDOWN_INDENTED };
    /// Plain markdown whose subheads are set in bold, heads still marked as headings.
    pub const MARKDOWN_BOLD: Form = Form { name: "markdown+bold", bold_subheads: true, ..Form::MARKDOWN };
    /// Blank-line blocks whose paragraphs are also indented (a word processor's export).
    pub const BLANK_INDENTED: Form = Form { name: "blank+indented", indent: true, ..Form::BLANK };
    /// Markdown that marks heads as headings but writes paragraphs one per line, no blank lines.
    pub const MARKDOWN_TIGHT: Form = Form { name: "markdown+tight", blank_lines: false, ..Form::MARKDOWN };
    /// The same, paragraphs broken mid-sentence, half-width marks.
    pub const MARKDOWN_TIGHT_BROKEN: Form =
        Form { name: "markdown+tight+breaks", breaks: true, halfwidth: true, ..Form::MARKDOWN_TIGHT };
    /// Markdown with paragraphs broken, each paragraph's pieces on consecutive lines of its block.
    pub const MARKDOWN_SOFT_BROKEN: Form =
        Form { name: "markdown+soft-breaks", soft_breaks: true, ..Form::MARKDOWN_BROKEN };
    /// The e-paper export made half-width, its indentation collapsed to one space.
    pub const INDENTED_ONE_SPACE: Form =
        Form { name: "indented+one-space", indent_with: " ", ..Form::INDENTED_HALFWIDTH };
    /// The e-paper as an HTML page's text: paragraphs set in by `&nbsp;&nbsp;`.
    pub const INDENTED_NBSP: Form = Form { name: "indented+nbsp", indent_with: "\u{a0}\u{a0}", ..Form::INDENTED };
    /// A PDF text layer with stray blank lines.
    pub const FLAT_STRAY_BLANKS: Form = Form { name: "flat+stray-blanks", stray_blanks: true, ..Form::FLAT };
    /// Markdown with headings underlined (Setext) rather than marked with `#`.
    pub const MARKDOWN_SETEXT: Form = Form { name: "markdown+setext", setext: true, ..Form::MARKDOWN };
    /// Forms the tagger is never trained on, scored to see it hold on a layout it has not met.
    pub const HELD_OUT: [Form; 13] = [
        Form::MARKDOWN,
        Form::INDENTED_HALFWIDTH,
        Form::MARKDOWN_WRAPPED,
        Form::FLAT_HALFWIDTH,
        Form::MARKDOWN_INDENTED_BROKEN,
        Form::MARKDOWN_BOLD,
        Form::BLANK_INDENTED,
        Form::MARKDOWN_TIGHT,
        Form::MARKDOWN_SOFT_BROKEN,
        Form::INDENTED_ONE_SPACE,
        Form::INDENTED_NBSP,
        Form::FLAT_STRAY_BLANKS,
        Form::MARKDOWN_SETEXT,
    ];
    /// Every form the tagger is trained on and scored in.
    pub const ALL: [Form; 11] = [
        Form::BLANK,
        Form::INDENTED,
        Form::FLAT,
        Form::MARKDOWN_BROKEN,
        Form::FLAT_BROKEN,
        Form::INDENTED_BROKEN,
        Form::BLANK_BROKEN,
        Form::FLAT_WRAPPED,
        Form::INDENTED_WRAPPED,
        Form::MARKDOWN_INDENTED,
        Form::MARKDOWN_TIGHT_BROKEN,
    ];

    pub fn by_name(name: &str) -> Option<Form> {
        Form::ALL.into_iter().chain(Form::HELD_OUT).find(|f| f.name == name)
    }
}

/// A page written out in one form, with its truth per line.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    pub text: String,
    /// For each line (index = line number − 1): its label and article, `None` for blank lines.
    pub labels: Vec<Option<(LineLabel, usize)>>,
    /// First line of each article.
    pub starts: Vec<u32>,
    /// Lines that continue the paragraph of the line before (the breaks to repair).
    pub breaks: Vec<u32>,
}

/// A small deterministic generator (xorshift), so a form of a page is always the same text.
struct Dice(u64);

impl Dice {
    fn new(seed: &str) -> Dice {
        // FNV-1a of the seed, never zero.
        let mut h: u64 = 0xcbf29ce484222325;
        for b in seed.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        Dice(h | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Chinese punctuation as a half-width dump writes it.
pub fn to_halfwidth_punctuation(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            '！' => '!',
            '？' => '?',
            c => c,
        })
        .collect()
}

/// Where a paragraph may be broken: inside a sentence, never right after a stop
/// (a break there cannot be told from a paragraph end, by a reader or a tagger).
fn break_points(text: &str, dice: &mut Dice) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 24 {
        return Vec::new();
    }
    let pieces = if chars.len() > 160 && dice.chance(40) { 2 } else { 1 };
    let mut points = Vec::new();
    for p in 0..pieces {
        let lo = 8 + p * chars.len() / pieces;
        let hi = ((p + 1) * chars.len() / pieces).saturating_sub(6);
        if hi <= lo {
            continue;
        }
        let at = lo + dice.below((hi - lo) as u64) as usize;
        let before = chars[at - 1];
        if crate::text::ends_sentence(&before.to_string()) || chars[at].is_whitespace() || before.is_whitespace() {
            continue;
        }
        points.push(at);
    }
    points
}

/// Where a paragraph wraps in a column `width` half-cells wide (`display_width`) when
/// its first line already holds `indent` half-cells. As typesetters do, a closing mark
/// never starts a line: it stays at the end of the line before, past the margin.
fn wrap_points(text: &str, width: usize, indent: usize) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let cell = |c: char| crate::text::display_width(c.encode_utf8(&mut [0; 4]));
    let mut points = Vec::new();
    let mut used = indent;
    for (k, &c) in chars.iter().enumerate() {
        let closing = crate::features::opens_with_closing_mark(c.encode_utf8(&mut [0; 4]));
        if used + cell(c) > width && k > 0 && !closing {
            points.push(k);
            used = 0;
        }
        used += cell(c);
    }
    points
}

/// A short body line that heads the paragraphs after it (`院地合作赋能，创新驱动发展`),
/// not a byline or a bracketed credit.
fn looks_like_subhead(text: &str) -> bool {
    let n = crate::text::char_len(text);
    (2..=30).contains(&n)
        && crate::features::title_shape(text)
        && crate::features::byline_shape(text).is_none()
        && !crate::features::box_label(text)
}

/// Writes `page` out in `form`.
pub fn render(page: &CorpusPage, form: Form) -> RenderedPage {
    let mut dice = Dice::new(&format!("{}/{}", page.name, form.name));
    let mut out = RenderedPage { text: String::new(), labels: Vec::new(), starts: Vec::new(), breaks: Vec::new() };
    let push = |out: &mut RenderedPage, text: &str, label: Option<(LineLabel, usize)>| {
        out.text.push_str(text);
        out.text.push('\n');
        out.labels.push(label);
    };
    let mut last_article = usize::MAX;
    // The column width of the article when paragraphs are wrapped: articles on a page
    // are set in columns of different widths. Drawn only then, so that every other
    // form of a page stays the text it has always been.
    let mut column = 0;
    for (text, label, article) in &page.lines {
        let text = if form.halfwidth { crate::text::to_halfwidth(text) } else { text.clone() };
        if !out.labels.is_empty() && form.blank_lines {
            push(&mut out, "", None);
            // Extraction tools leave extra blank lines here and there.
            if form.markdown && dice.chance(5) {
                push(&mut out, "", None);
            }
        } else if !out.labels.is_empty() && form.stray_blanks && dice.chance(8) {
            push(&mut out, "", None);
        }
        if *article != last_article {
            out.starts.push(out.labels.len() as u32 + 1);
            last_article = *article;
            if form.wrap {
                column = 2 * (12 + dice.below(17) as usize);
            }
        }
        // A converter escapes the ASCII marks markdown would read as markup, line by line
        // (after the breaks are drawn, so the dice draw what they always drew).
        let escaped = |piece: &str| if form.markdown { escape_markdown(piece) } else { piece.to_string() };
        if label.is_head() {
            if form.markdown {
                let level = 1 + dice.below(3) as usize;
                push_heading(&mut out, &escaped(&text), level, form, Some((*label, *article)));
            } else {
                push(&mut out, &text, Some((*label, *article)));
            }
            continue;
        }
        // Extraction tools mark a feature's subheads as headings too (levels mean nothing).
        if form.markdown && *label == LineLabel::Body && looks_like_subhead(&text) && dice.chance(85) {
            let level = 1 + dice.below(3) as usize;
            if form.bold_subheads {
                push(&mut out, &format!("**{}**", escaped(&text)), Some((*label, *article)));
            } else {
                push_heading(&mut out, &escaped(&text), level, form, Some((*label, *article)));
            }
            continue;
        }
        let indent = if form.indent { form.indent_with } else { "" };
        let points = if form.wrap {
            wrap_points(&text, column, if form.indent { 4 } else { 0 })
        } else if form.breaks && dice.chance(35) {
            break_points(&text, &mut dice)
        } else {
            Vec::new()
        };
        let chars: Vec<char> = text.chars().collect();
        let mut from = 0;
        for (k, &at) in points.iter().chain(std::iter::once(&chars.len())).enumerate() {
            let piece = escaped(&chars[from..at].iter().collect::<String>());
            if k == 0 {
                push(&mut out, &format!("{indent}{piece}"), Some((*label, *article)));
            } else {
                // A markdown extractor writes every line it saw as a paragraph of its own; a
                // blank-line dump keeps a broken paragraph's pieces in their block.
                if form.blank_lines && form.markdown && !form.soft_breaks {
                    push(&mut out, "", None);
                }
                out.breaks.push(out.labels.len() as u32 + 1);
                push(&mut out, &piece, Some((LineLabel::Continuation, *article)));
            }
            from = at;
        }
    }
    out
}

/// A markdown heading: `## 县里召开春耕动员会`, or with `setext` the first two levels
/// underlined (`县里召开春耕动员会` over `===`), the underline a line of no article.
fn push_heading(out: &mut RenderedPage, text: &str, level: usize, form: Form, label: Option<(LineLabel, usize)>) {
    let mut push = |line: &str, label| {
        out.text.push_str(line);
        out.text.push('\n');
        out.labels.push(label);
    };
    if form.setext && level <= 2 {
        push(text, label);
        // turndown writes a mark per character, pandoc a mark per half-cell.
        let underline = if level == 1 {
            "=".repeat(crate::text::char_len(text))
        } else {
            "-".repeat(crate::text::display_width(text))
        };
        push(&underline, None);
    } else {
        push(&format!("{} {text}", "#".repeat(level)), label);
    }
}

/// `[十三届]第五号` → `\[十三届\]第五号`, `1. 总则` → `1\. 总则`: how pandoc and its kind
/// write a text's ASCII marks that markdown would read as a link, emphasis, code, a heading,
/// a quotation or a list. Applied to each line written (a line-start mark is escaped where
/// a break left it at the start).
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let list_number = text
        .find(['.', ')'])
        .filter(|&at| at > 0 && text[..at].chars().all(|c| c.is_ascii_digit()) && text[at + 1..].starts_with(' '));
    for (at, c) in text.char_indices() {
        let line_mark = at == 0 && matches!(c, '#' | '>' | '+' | '-') || Some(at) == list_number;
        if line_mark || matches!(c, '[' | ']' | '*' | '_' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The days of a set of pages, sorted.
pub fn days(pages: &[CorpusPage]) -> Vec<String> {
    let mut d: Vec<String> = pages.iter().map(|p| p.day.clone()).collect();
    d.sort();
    d.dedup();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> CorpusPage {
        let text = "县城修通最后一条村道\n　　本报讯（记者李明）３月２日，云溪县最后一条村道建成通车，村民们敲锣打鼓迎来了第一辆客车。\n　　县交通局说，明年还要修三条。\n春耕正当时\n新农机下田\n　　时下正值春耕，各乡镇的农机合作社忙着调试新买的插秧机。\n";
        let truth = r#"{"articles":[
            {"start_line":1,"end_line":3,"headline":"县城修通最后一条村道","kicker":null,"deck":null},
            {"start_line":4,"end_line":6,"headline":"新农机下田","kicker":"春耕正当时","deck":null}]}"#;
        let truth: JsonPage = serde_json::from_str(truth).unwrap();
        page_from_truth(text, &truth, "20190301-05".into(), "20190301".into()).unwrap()
    }

    #[test]
    fn a_truth_page_reads_into_labelled_lines() {
        let p = page();
        let labels: Vec<LineLabel> = p.lines.iter().map(|l| l.1).collect();
        use LineLabel::*;
        assert_eq!(labels, [Headline, Body, Body, Kicker, Headline, Body]);
        assert_eq!(p.articles[1].kicker.as_deref(), Some("春耕正当时"));
    }

    #[test]
    fn every_form_keeps_the_truth_of_every_line() {
        let p = page();
        for form in Form::ALL.into_iter().chain(Form::HELD_OUT) {
            let r = render(&p, form);
            let lines: Vec<&str> = r.text.lines().collect();
            assert_eq!(lines.len(), r.labels.len(), "{}", form.name);
            assert_eq!(r.starts.len(), 2, "{}", form.name);
            // The kicker opens the second article in every form.
            let second = r.starts[1] as usize - 1;
            assert_eq!(r.labels[second].map(|l| l.0), Some(LineLabel::Kicker), "{}", form.name);
            assert!(lines[second].contains("春耕正当时"), "{}", form.name);
            // A heading is marked with `#`, or underlined (Setext): the underline is no line of the truth.
            let underlined =
                lines.get(second + 1).is_some_and(|u| crate::text::setext_level(lines[second], u).is_some());
            assert_eq!(form.markdown, lines[second].starts_with('#') || underlined, "{}", form.name);
            assert_eq!(form.setext && !lines[second].starts_with('#'), underlined, "{}", form.name);
            if underlined {
                assert_eq!(r.labels[second + 1], None, "{}", form.name);
            }
            for &b in &r.breaks {
                assert_eq!(r.labels[b as usize - 1].map(|l| l.0), Some(LineLabel::Continuation));
            }
        }
    }

    #[test]
    fn markdown_forms_escape_the_marks_a_converter_escapes_and_the_reading_undoes_them() {
        assert_eq!(escape_markdown("1. 总则"), "1\\. 总则");
        assert_eq!(escape_markdown("[十三届]第五号"), "\\[十三届\\]第五号");
        assert_eq!(escape_markdown("-3℃ 到 5℃"), "\\-3℃ 到 5℃");
        // Not a list: no space after the number's point.
        assert_eq!(escape_markdown("1.5万人参加"), "1.5万人参加");
        for line in ["1. 总则", "[十三届]第五号", "*注：以上为估计数", "-3℃ 到 5℃"] {
            assert_eq!(crate::text::printed_text(&escape_markdown(line)), line);
        }
    }

    #[test]
    fn indentation_and_stray_blank_lines_as_the_layouts_write_them() {
        let p = page();
        let second_line = |form: Form| render(&p, form).text.lines().nth(1).unwrap().to_string();
        assert!(second_line(Form::INDENTED).starts_with("\u{3000}\u{3000}本报讯"));
        assert!(second_line(Form::INDENTED_NBSP).starts_with("\u{a0}\u{a0}本报讯"));
        assert!(second_line(Form::INDENTED_ONE_SPACE).starts_with(" 本报讯"));
        // Stray blank lines are the flat page's lines with blanks between, nothing else.
        let flat = render(&p, Form::FLAT).text;
        let stray = render(&p, Form::FLAT_STRAY_BLANKS);
        let kept: Vec<&str> = stray.text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(kept, flat.lines().collect::<Vec<_>>());
        for (line, label) in stray.text.lines().zip(&stray.labels) {
            assert_eq!(line.is_empty(), label.is_none());
        }
    }

    #[test]
    fn a_broken_paragraph_never_breaks_after_a_stop() {
        let mut dice = Dice::new("x");
        let text =
            "时下正值春耕，各乡镇的农机合作社忙着调试新买的插秧机。种粮大户们说，今年的收成有盼头了，大家干劲十足。";
        for _ in 0..50 {
            for at in break_points(text, &mut dice) {
                let before = text.chars().nth(at - 1).unwrap();
                assert!(!"。！？；：".contains(before));
            }
        }
    }

    #[test]
    fn a_wrapped_paragraph_fills_its_column_and_never_opens_a_line_with_a_stop() {
        let text = "云溪县最后一条村道建成通车，村民们敲锣打鼓迎来了第一辆客车。县交通局说，明年还要修3条。";
        let chars: Vec<char> = text.chars().collect();
        // Ten cells wide, the first line indented by two.
        let points = wrap_points(text, 20, 4);
        let mut from = 0;
        let mut lines = Vec::new();
        for &at in points.iter().chain(std::iter::once(&chars.len())) {
            lines.push(chars[from..at].iter().collect::<String>());
            from = at;
        }
        assert_eq!(lines.concat(), text);
        assert_eq!(lines[0], "云溪县最后一条村");
        for (k, line) in lines.iter().enumerate() {
            assert!(!crate::features::opens_with_closing_mark(line), "{line}");
            if k > 0 && k + 1 < lines.len() {
                let w = crate::text::display_width(line);
                assert!((19..=22).contains(&w), "{line} is {w} half-cells");
            }
        }
    }

    #[test]
    fn half_width_forms_change_the_marks_and_digits_not_the_words() {
        assert_eq!(
            to_halfwidth_punctuation("本报讯（记者李明）３月２日，县里开会。"),
            "本报讯(记者李明)３月２日,县里开会。"
        );
        // A half-width form is what normalising the text (NFKC) leaves: the 1998 page's
        // full-width digits go too, and the words stay.
        let r = render(&page(), Form::FLAT_HALFWIDTH);
        assert!(r.text.contains("本报讯(记者李明)3月2日,云溪县最后一条村道建成通车"), "{}", r.text);
        assert!(!r.text.contains(['，', '（', '３']));
    }
}
