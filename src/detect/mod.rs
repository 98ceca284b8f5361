//! Detection: the metadata of one laid-out article, each value with its
//! confidence and the lines it came from. A pure function of the source.

pub mod date;

use crate::rules::byline;

use crate::clean;
use crate::ingest::Source;
use crate::model::{Article, Contributor, Field, Genre, LineSpan, Review, Role, Subhead};
use crate::segment::{ArticleLayout, LineRole, PageSpan};

/// Words in a headline that mark a photo or artwork item.
const PHOTO_MARKS: [&str; 8] =
    ["（图片）", "(图片)", "图片新闻", "（图）", "（书法）", "（篆刻）", "（中国画）", "（漫画）"];
/// Words in a headline or kicker that mark opinion.
const COMMENTARY_MARKS: [&str; 7] = ["评论员", "社论", "短评", "时评", "述评", "杂谈", "随笔"];

/// Detects every field of the article laid out in `layout`.
pub fn detect_article(
    src: &Source,
    pages: &[PageSpan],
    layout: &ArticleLayout,
    id: String,
    lang: &crate::language::Language,
) -> Article {
    let text_of = |line: u32| crate::text::printed_text(src.line(line)).into_owned();
    // The tagger's probability is the confidence of a head line it labelled.
    let one = |role: LineRole, conf: f32| -> Field<Option<String>> {
        match layout.lines_with(role).next() {
            Some(l) => Field::new(Some(text_of(l)), layout.confidence_of(l).unwrap_or(conf), Some(LineSpan::line(l))),
            None => Field::absent(conf),
        }
    };
    let markdown = layout.roles.iter().any(|(l, _)| {
        crate::text::heading_level(src.line(*l)).is_some()
            || crate::text::setext_level(src.line(*l), src.line(*l + 1)).is_some()
    });
    let head_conf = if markdown { 0.95 } else { 0.85 };
    let kicker = one(LineRole::Kicker, 0.7);
    let headline = one(LineRole::Headline, head_conf);
    let mut deck = one(LineRole::Deck, 0.75);
    // Several deck lines are one deck.
    let deck_lines: Vec<u32> = layout.lines_with(LineRole::Deck).collect();
    if deck_lines.len() > 1 {
        let text = deck_lines.iter().map(|&l| text_of(l)).collect::<Vec<_>>().join(" ");
        deck = Field::new(Some(text), 0.6, Some(LineSpan::new(deck_lines[0], *deck_lines.last().unwrap())));
    }
    let mut column = one(LineRole::Column, 0.8);
    // A column tag closing the headline: `守护好每一寸蓝天（人民时评）`.
    if column.detected.is_none() {
        if let (Some(h), Some(l)) = (headline.detected.as_deref(), layout.lines_with(LineRole::Headline).next()) {
            if let Some(tag) = crate::features::column_tag(h) {
                column = Field::new(Some(tag.to_string()), 0.8, Some(LineSpan::line(l)));
            }
        }
    }

    // A line with the lines the tagger read as its continuation: a lead or a credit cut
    // across a break (`本报北京１月４日讯记者施` | `明慎报道：…`, `（新华社记者兰` | `红光摄）`)
    // is read whole. On a page with no breaks this is the line itself.
    // (Looked up, not scanned: an article may have thousands of lines.)
    let continued: std::collections::HashSet<u32> = layout.continuations.iter().map(|(l, _)| *l).collect();
    let position: std::collections::HashMap<u32, usize> =
        layout.roles.iter().enumerate().map(|(k, (l, _))| (*l, k)).collect();
    let whole_text = |line: u32| {
        let mut text = text_of(line);
        let after = position.get(&line).map_or(&[][..], |&k| &layout.roles[k + 1..]);
        for (l, _) in after.iter().take_while(|(l, _)| continued.contains(l)) {
            text.push_str(&text_of(*l));
        }
        text
    };

    // Contributors: byline lines, then the lead's byline, then trailing credits.
    let mut people: Vec<Contributor> = Vec::new();
    let mut evidence: Option<LineSpan> = None;
    let mut confidence: f32 = 0.9;
    let mut add = |found: Vec<Contributor>, line: u32, conf: f32, people: &mut Vec<Contributor>| {
        if found.is_empty() {
            return;
        }
        for c in found {
            if !people.iter().any(|p| p.name == c.name) {
                people.push(c);
            }
        }
        evidence = Some(evidence.map_or(LineSpan::line(line), |e| e.cover(LineSpan::line(line))));
        confidence = confidence.min(conf);
    };
    for l in layout.lines_with(LineRole::Byline) {
        let text = text_of(l);
        match byline::parse_byline_line(&text) {
            Some(found) => add(found, l, 0.9, &mut people),
            // A signature the name rules do not know (a pen name such as `今哲`).
            None if (2..=4).contains(&text.chars().count())
                && text.chars().all(crate::text::is_han)
                && !crate::features::box_label(&text)
                && !byline::is_summary_label(&text) =>
            {
                add(vec![Contributor::new(text, Role::Author)], l, 0.6, &mut people)
            }
            None => {}
        }
    }
    let first_paragraphs: Vec<(u32, String)> = layout
        .roles
        .iter()
        .filter(|(l, r)| matches!(r, LineRole::Body | LineRole::Caption) && !continued.contains(l))
        .take(3)
        .map(|(l, _)| (*l, whole_text(*l)))
        .collect();
    let texts: Vec<&str> = first_paragraphs.iter().map(|(_, t)| t.as_str()).collect();
    let lead = first_paragraphs.get(lead_among(&texts)).map(|(l, text)| (*l, byline::parse_lead(text)));
    if let Some((l, opening)) = &lead {
        add(opening.contributors.clone(), *l, 0.9, &mut people);
    }
    let mut trailing_dateline: Option<(String, u32)> = None;
    for &(l, role) in &layout.roles {
        if !matches!(role, LineRole::Credit | LineRole::Caption | LineRole::Body) || continued.contains(&l) {
            continue;
        }
        let text = whole_text(l);
        if role == LineRole::Credit {
            let inner = text.trim_matches(['（', '）', '(', ')']);
            if inner.ends_with('电') || inner.ends_with('讯') {
                let opening = byline::parse_lead(inner);
                if opening.is_wire {
                    trailing_dateline = opening.dateline.map(|d| (d, l));
                    continue;
                }
            }
        } else if let Some(at) = text.rfind(['（', '(']) {
            // `谢谢！（新华社北京１２月３１日电）`
            let inner = text[at..].trim_matches(['（', '）', '(', ')']);
            if text.ends_with(['）', ')']) && (inner.ends_with('电') || inner.ends_with('讯')) {
                let opening = byline::parse_lead(inner);
                if opening.is_wire {
                    trailing_dateline = opening.dateline.map(|d| (d, l));
                    continue;
                }
            }
        }
        // `———王文西（云溪）` signs a reader's piece: its bracket is where the writer lives,
        // not a pen name.
        if let Some(found) = byline::parse_dash_signature(&text) {
            add(found, l, 0.75, &mut people);
        } else if let Some((found, _)) = byline::parse_trailing_credit(&text) {
            add(found, l, 0.75, &mut people);
        }
    }
    let contributors =
        if people.is_empty() { Field::absent(0.6) } else { Field::new(people.clone(), confidence, evidence) };

    // A 电头 wherever it stands beats a time phrase opening the lead (`日前，…` may open
    // a summary box above a story closed by `（本报布鲁塞尔2月24日电）`).
    let dateline = match (&lead, &trailing_dateline) {
        (Some((l, opening)), _) if opening.dateline.is_some() && opening.is_wire => {
            Field::new(opening.dateline.clone(), 0.95, Some(LineSpan::line(*l)))
        }
        (_, Some((d, l))) => Field::new(Some(d.clone()), 0.85, Some(LineSpan::line(*l))),
        (Some((l, opening)), _) if opening.dateline.is_some() => {
            Field::new(opening.dateline.clone(), 0.8, Some(LineSpan::line(*l)))
        }
        _ => Field::absent(0.6),
    };

    let subheads: Vec<Subhead> =
        layout.lines_with(LineRole::Subhead).map(|l| Subhead { line: l, text: text_of(l) }).collect();
    let subhead_field = match (subheads.first(), subheads.last()) {
        (Some(f), Some(la)) => Field::new(subheads.clone(), 0.75, Some(LineSpan::new(f.line, la.line))),
        _ => Field::absent(0.7),
    };

    let cleaned = clean::clean_article(src, layout, lang);
    let genre = detect_genre(
        layout,
        headline.detected.as_deref(),
        kicker.detected.as_deref(),
        layout.has(LineRole::Column),
        &people,
        lead.as_ref().map(|(_, o)| o.news_opener || o.is_wire).unwrap_or(false),
        cleaned.paragraphs.len(),
    );
    // `（作者为云溪师范学院教授）` under the text: a piece an outside writer signed, never a
    // news report (the genre falls back to news only for want of any sign).
    let writers_note = layout.roles.iter().rev().take(3).any(|&(l, _)| {
        let t = text_of(l);
        let inner = t.trim_start_matches(['（', '(']);
        crate::features::closing_note(&t) && (inner.starts_with("作者") || inner.starts_with("本文作者"))
    });
    let genre = if writers_note && *genre.value() == Genre::News && genre.confidence < 0.6 {
        Field::new(Genre::Feature, 0.6, Some(layout.lines))
    } else {
        genre
    };

    let page = &pages[layout.page.min(pages.len().saturating_sub(1))];
    let section = match &page.name {
        Some(name) => Field::new(Some(name.clone()), 0.4, page.marker.map(LineSpan::line)),
        None => Field::absent(0.2),
    };

    Article {
        id,
        lines: layout.lines,
        page: page.number,
        page_name: page.name.clone(),
        genre,
        kicker,
        headline,
        deck,
        contributors,
        dateline,
        section,
        column,
        keywords: Field::absent(0.0),
        people: Field::absent(0.0),
        places: Field::absent(0.0),
        organizations: Field::absent(0.0),
        subheads: subhead_field,
        paragraphs: cleaned.paragraphs,
        paragraphs_corrected: None,
        flags: cleaned.flags,
        review: Review::Unreviewed,
        note: None,
    }
}

fn detect_genre(
    layout: &ArticleLayout,
    headline: Option<&str>,
    kicker: Option<&str>,
    has_column: bool,
    people: &[Contributor],
    news_lead: bool,
    paragraphs: usize,
) -> Field<Genre> {
    let span = Some(layout.lines);
    let head = format!("{}{}", kicker.unwrap_or(""), headline.unwrap_or(""));
    let photographed = people.iter().any(|p| p.role == Role::Photographer);
    let captions = layout.lines_with(LineRole::Caption).count();
    if headline.is_none() && captions > 0 {
        return Field::new(Genre::Photo, 0.9, span);
    }
    if PHOTO_MARKS.iter().any(|m| head.contains(m)) {
        return Field::new(Genre::Photo, 0.85, span);
    }
    if has_column
        || layout.roles.iter().any(|(_, r)| *r == LineRole::Byline)
            && people.iter().any(|p| p.role == Role::Author)
            && COMMENTARY_MARKS.iter().any(|m| head.contains(m))
    {
        return Field::new(Genre::Commentary, 0.8, span);
    }
    if COMMENTARY_MARKS.iter().any(|m| head.contains(m)) {
        return Field::new(Genre::Commentary, 0.6, span);
    }
    if headline.is_none() && paragraphs <= 2 {
        return Field::new(Genre::Brief, 0.8, span);
    }
    if photographed && paragraphs <= 2 && !news_lead {
        return Field::new(Genre::Photo, 0.7, span);
    }
    if news_lead {
        return Field::new(Genre::News, 0.85, span);
    }
    let signed_line = layout.has(LineRole::Byline);
    let pen_name = people.iter().any(|p| p.role == Role::Author);
    if signed_line && pen_name && paragraphs <= 12 && layout.has(LineRole::Column) {
        return Field::new(Genre::Commentary, 0.7, span);
    }
    if signed_line || layout.has(LineRole::Subhead) {
        return Field::new(Genre::Feature, 0.7, span);
    }
    Field::new(Genre::News, 0.5, span)
}

/// Detects one span the editor has fixed as an article (after a split or a merge)
/// through the same pipeline as a whole issue: layout (tagger and rules), fields,
/// cleaning, the language layer. `None` when the span holds no text.
pub fn detect_span(
    src: &Source,
    pages: &[PageSpan],
    span: LineSpan,
    id: String,
    lang: &crate::language::Language,
) -> Option<Article> {
    let layout = crate::segment::layout_span(src, pages, span, Some(lang))?;
    let mut article = detect_article(src, pages, &layout, id, lang);
    crate::language::annotate(std::slice::from_mut(&mut article), lang);
    Some(article)
}

/// Splits the source into articles and detects the metadata of each: the raw dump → annotated issue.
pub fn detect_issue(src: &Source, source_file: &str, source_sha256: &str) -> crate::model::Issue {
    detect_issue_with(src, source_file, source_sha256, &crate::language::Language::shared())
}

/// [`detect_issue`] with the language layer of a particular archive (its user dictionary).
pub fn detect_issue_with(
    src: &Source,
    source_file: &str,
    source_sha256: &str,
    lang: &crate::language::Language,
) -> crate::model::Issue {
    // Run on one of the pool's threads: the loops over lines and articles below then
    // share their work with the other threads without each one being handed over from
    // outside the pool and waited for (that hand-over cost more than a small page gains).
    rayon::scope(|_| detect_issue_in_pool(src, source_file, source_sha256, lang))
}

/// [`detect_issue_with`] for a dump read as `bytes`: their SHA-256, which the issue
/// records, is taken on one thread while the detection runs on the others.
pub fn detect_dump(
    src: &Source,
    bytes: &[u8],
    source_file: &str,
    lang: &crate::language::Language,
) -> crate::model::Issue {
    let (sha256, mut issue) = rayon::join(|| sha256_hex(bytes), || detect_issue_with(src, source_file, "", lang));
    issue.meta.source_sha256 = sha256;
    issue
}

fn detect_issue_in_pool(
    src: &Source,
    source_file: &str,
    source_sha256: &str,
    lang: &crate::language::Language,
) -> crate::model::Issue {
    use crate::model::{Issue, IssueMeta, Page, DETECTOR, FORMAT, VERSION};
    let pages = crate::segment::find_pages(src);
    let layouts = crate::segment::segment(src, &pages, Some(lang));
    let mut counters = vec![0u32; pages.len()];
    let ids: Vec<String> = layouts
        .iter()
        .map(|layout| {
            counters[layout.page] += 1;
            article_id(&pages, layout.page, counters[layout.page])
        })
        .collect();
    // Articles are read independently of one another: on all cores, each article's
    // words by the thread that detected it (one long article then weighs on one
    // task, not on two in turn).
    use rayon::prelude::*;
    let read: Vec<(Article, crate::language::ArticleWords)> = layouts
        .par_iter()
        .zip(ids)
        .map(|(layout, id)| {
            let article = detect_article(src, &pages, layout, id, lang);
            let words = crate::language::read_words(&article, lang);
            (article, words)
        })
        .collect();
    let (mut articles, words): (Vec<Article>, Vec<_>) = read.into_iter().unzip();
    crate::language::annotate_read(&mut articles, words, lang);
    let date = date::propose_issue_date(src, source_file);
    Issue {
        format: FORMAT.to_string(),
        version: VERSION,
        meta: IssueMeta {
            newspaper: Field::absent(0.0),
            date,
            pages: pages.iter().map(|p| Page { number: p.number, name: p.name.clone(), lines: p.lines }).collect(),
            source_file: source_file.to_string(),
            source_sha256: source_sha256.to_string(),
            encoding: src.encoding.clone(),
            detector: DETECTOR.to_string(),
        },
        source: src.text.clone(),
        articles,
    }
}

/// Which of an article's first body paragraphs is its lead: the first — or a 电头 lead
/// under at most two head-shaped lines left in the body (a deck the tagger was not
/// sure enough of stays text, but the dateline and the reporters are under it).
fn lead_among(first_paragraphs: &[&str]) -> usize {
    let heads = first_paragraphs.iter().take(2).take_while(|t| crate::features::head_like(t)).count();
    match first_paragraphs.get(heads) {
        Some(t) if heads > 0 && byline::parse_lead(t).news_opener => heads,
        _ => 0,
    }
}

/// `p2-3`: the third article of page 2 (`p1-…` when the dump has no page markers).
pub fn article_id(pages: &[PageSpan], page: usize, n: u32) -> String {
    let number = pages.get(page).and_then(|p| p.number).unwrap_or(page as u32 + 1);
    format!("p{number}-{n}")
}

/// SHA-256 of the file's bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_under_a_deck_left_in_the_body() {
        let deck = "两万群众喝上放心水 日供水能力提高一倍";
        let lead = "本报云溪3月5日电  （记者林海峰）3月4日，云溪县三座新建水厂全部通水。";
        assert_eq!(lead_among(&[deck, lead, "县水利局负责人介绍，日供水能力达到3万吨。"]), 1);
        assert_eq!(lead_among(&[lead, "县水利局负责人介绍，日供水能力达到3万吨。"]), 0);
        // A short first paragraph over ordinary text: the first is still the lead.
        assert_eq!(lead_among(&["从今年一月开始，每逢周日", "本版刊出《乡村新闻》。"]), 0);
        assert_eq!(lead_among(&[]), 0);
    }
}
