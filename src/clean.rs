//! Cleaning: an article's body as the archive wants it — paragraphs broken
//! mid-sentence rejoined, half-width punctuation in Chinese text made
//! full-width, markdown gone — and the flags an editor should judge.
//! The source is never changed; this builds new text beside it.

use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::Source;
use crate::language::repair::{self, BreakDecision};
use crate::model::{Flag, FlagKind, LineSpan, Paragraph};
use crate::segment::{ArticleLayout, LineRole};
use crate::text::{ends_sentence, is_chinese_context, is_han, parse_number, printed_text};

/// The cleaned body of one article and what was noticed on the way.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    pub paragraphs: Vec<Paragraph>,
    pub flags: Vec<Flag>,
}

/// Enumerations papers use: `一要…二要`, `一是…二是`.
static ENUMERATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[，,。；;：:！？\s])([一二三四五六七八九十])(要|是)").unwrap());
/// A lower-case Latin word standing in Chinese text (`建成后 will 开辟`).
static LATIN_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]").unwrap());

pub fn clean_article(src: &Source, layout: &ArticleLayout, lang: &crate::language::Language) -> Cleaned {
    clean_article_with(src, layout, lang, &[])
}

/// [`clean_article`], with the breaks at `overruled` decided the other way: the
/// editor rejected the join (or the keep-apart) flagged there.
pub fn clean_article_with(
    src: &Source,
    layout: &ArticleLayout,
    lang: &crate::language::Language,
    overruled: &[LineSpan],
) -> Cleaned {
    let mut out = Cleaned::default();
    // Body lines in order; a subhead or credit ends the paragraph before it.
    let mut pending: Option<(LineSpan, String)> = None;
    let body: Vec<(u32, LineRole)> = layout
        .roles
        .iter()
        .copied()
        .filter(|(_, r)| matches!(r, LineRole::Body | LineRole::Caption | LineRole::Subhead | LineRole::Credit))
        .collect();
    // The tagger's continuation lines and their probability, looked up per line.
    let continuation: std::collections::HashMap<u32, f32> = layout.continuations.iter().copied().collect();
    let mut halfwidth_lines: Vec<u32> = Vec::new();
    let mut halfwidth_count = 0usize;
    for (k, &(line, role)) in body.iter().enumerate() {
        let printed = printed_text(src.line(line));
        let raw: &str = &printed;
        if role != LineRole::Body && role != LineRole::Caption {
            if let Some((span, text)) = pending.take() {
                out.paragraphs.push(Paragraph { lines: span, text });
            }
            // `（作者为云溪师范学院教授）` names no one to credit: the text keeps it, as the
            // paper printed it, or who wrote the piece would be lost.
            if role == LineRole::Credit && crate::features::closing_note(raw) {
                let (text, _) = normalize_punctuation(raw.trim());
                out.paragraphs.push(Paragraph { lines: LineSpan::line(line), text });
            }
            continue;
        }
        let (text, changed) = normalize_punctuation(raw);
        if changed > 0 {
            halfwidth_count += changed;
            halfwidth_lines.push(line);
        }
        let joined = match pending.take() {
            Some((span, mut prev)) => {
                if needs_space(&prev, &text) {
                    prev.push(' ');
                }
                prev.push_str(&text);
                (span.cover(LineSpan::line(line)), prev)
            }
            None => (LineSpan::line(line), text),
        };
        let next_body = body.get(k + 1).filter(|(_, r)| *r == LineRole::Body);
        // A column's edge may fall right after a stop: on a wrapped page the tagger reads the
        // next line as this paragraph's rest (the line fills its column), and only when it is
        // that sure (0.97) does a line that ends a sentence join the next. On the dev pages of
        // every other layout it never is: their figures do not move.
        let wrapped_on = |next_line: u32| layout.tagged && continuation.get(&next_line).is_some_and(|&p| p >= 0.97);
        let runs_on = !ends_sentence(raw) || next_body.is_some_and(|&(next_line, _)| wrapped_on(next_line));
        // A signature, a credit or a writer's note closes its item: nothing runs on from it.
        let closes = raw.ends_with('摄') || crate::features::closes_item(raw);
        if runs_on && !closes && role == LineRole::Body {
            if let Some(&(next_line, _)) = next_body {
                let next_printed = printed_text(src.line(next_line));
                let next_raw: &str = &next_printed;
                let at = format!("“…{}” | “{}…”", tail(raw, 6), head(next_raw, 6));
                let span = LineSpan::new(line, next_line);
                let mut decision = repair::decide(lang, raw, next_raw);
                // With a tagger, a break is rejoined only when the model reads the next line as
                // the rest of this paragraph; otherwise the text stays as it is, and only strong
                // word evidence of a break (a word split across it) is left to the editor as a flag.
                if layout.tagged && !continuation.contains_key(&next_line) {
                    decision = match decision {
                        BreakDecision::Join { evidence, confident: true } if strong_join(&evidence) => {
                            BreakDecision::Keep {
                                evidence: format!("the layout reads a new paragraph, though {evidence}"),
                            }
                        }
                        _ => BreakDecision::Quiet,
                    };
                }
                if overruled.contains(&span) {
                    decision = match decision {
                        BreakDecision::Keep { evidence } => BreakDecision::Join {
                            evidence: format!("the editor joined them (the rules said: {evidence})"),
                            confident: true,
                        },
                        _ => BreakDecision::Keep { evidence: "the editor kept them apart".to_string() },
                    };
                }
                match decision {
                    BreakDecision::Quiet => {}
                    BreakDecision::Keep { evidence } => {
                        out.flags.push(Flag::new(
                            FlagKind::BrokenParagraph,
                            span,
                            format!("No sentence stop at line {line} ({at}), kept apart: {evidence}."),
                        ));
                    }
                    BreakDecision::Join { evidence, confident } => {
                        let how = if confident { "rejoined" } else { "rejoined (check)" };
                        // A line cut at the column's edge right after a stop is not broken
                        // mid-sentence: say what was seen.
                        let message = if ends_sentence(raw) {
                            format!(
                                "Line {line} fills its column and the next goes on with the paragraph ({at}); {how}."
                            )
                        } else {
                            format!("Paragraph broken mid-sentence at line {line} ({at}); {how}: {evidence}.")
                        };
                        out.flags.push(Flag::new(FlagKind::BrokenParagraph, span, message));
                        pending = Some(joined);
                        continue;
                    }
                    BreakDecision::MissingText { evidence } => {
                        out.flags.push(Flag::new(
                            FlagKind::BrokenParagraph,
                            span,
                            format!("Paragraph broken mid-sentence at line {line} ({at}); rejoined."),
                        ));
                        out.flags.push(Flag::new(
                            FlagKind::MissingText,
                            span,
                            format!("Text seems missing: {evidence}."),
                        ));
                        pending = Some(joined);
                        continue;
                    }
                }
            } else if k + 1 == body.len() {
                out.flags.push(Flag::new(
                    FlagKind::TruncatedEnd,
                    LineSpan::line(line),
                    format!("The article stops mid-sentence (“…{}”): continued elsewhere or cut off.", tail(raw, 8)),
                ));
            }
        }
        out.paragraphs.push(Paragraph { lines: joined.0, text: joined.1 });
    }
    if let Some((span, text)) = pending.take() {
        out.paragraphs.push(Paragraph { lines: span, text });
    }
    if halfwidth_count > 0 {
        let span = LineSpan::new(halfwidth_lines[0], *halfwidth_lines.last().unwrap());
        out.flags.push(Flag::new(
            FlagKind::HalfWidthPunctuation,
            span,
            format!(
                "{halfwidth_count} half-width punctuation mark(s) in Chinese text on {} line(s) made full-width.",
                halfwidth_lines.len()
            ),
        ));
    }
    for p in &out.paragraphs {
        if let Some(why) = unbalanced(&p.text) {
            out.flags.push(Flag::new(FlagKind::UnbalancedBrackets, p.lines, why));
        }
        for m in LATIN_WORD.find_iter(&p.text) {
            if is_foreign_intrusion(&p.text, m.start(), m.end()) {
                let line = source_line_of(src, p.lines, m.as_str());
                out.flags.push(Flag::new(
                    FlagKind::ForeignText,
                    LineSpan::line(line),
                    format!("Latin word “{}” in Chinese running text: a stray from another language?", m.as_str()),
                ));
            }
        }
    }
    out.flags.extend(enumeration_gaps(&out.paragraphs));
    out.flags.extend(damaged_encoding(src, layout.lines));
    out.flags.sort_by_key(|f| (f.lines, f.kind.as_str()));
    out
}

/// A join the words demand (a word split across the break), not only a missing stop.
fn strong_join(evidence: &str) -> bool {
    evidence.contains("one word across")
}

fn tail(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Latin on both sides of a join needs a space; Chinese does not.
pub(crate) fn needs_space(prev: &str, next: &str) -> bool {
    let a = prev.chars().last();
    let b = next.chars().next();
    // Two Latin words meet with a space; a number the column cut (`…建议25` | `2件`) does not.
    matches!((a, b), (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()
        && !(a.is_ascii_digit() && b.is_ascii_digit()))
}

/// Turns `,` `;` `:` `(` `)` `?` `!` in Chinese context into their full-width forms
/// (and paired straight quotes `"…"` into `“…”`),
/// never inside numbers (`3,000`, `12:30`), Latin words or URLs. Returns the count changed.
pub fn normalize_punctuation(s: &str) -> (String, usize) {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut changed = 0;
    let url_spans = url_ranges(&chars);
    // Straight double quotes pair up as “…” only when they come in pairs.
    let straight_quotes = chars.iter().filter(|&&c| c == '"').count();
    let mut quote_open = true;
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let chinese = prev.is_some_and(is_chinese_context) || next.is_some_and(is_chinese_context);
            if chinese && straight_quotes % 2 == 0 {
                out.push(if quote_open { '“' } else { '”' });
                changed += 1;
            } else {
                out.push(c);
            }
            quote_open = !quote_open;
            continue;
        }
        let full = match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            '?' => '？',
            '!' => '！',
            _ => {
                out.push(c);
                continue;
            }
        };
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let in_url = url_spans.iter().any(|&(a, b)| a <= i && i < b);
        let in_number = matches!((prev, next), (Some(p), Some(n)) if p.is_ascii_digit() && n.is_ascii_digit());
        let chinese = prev.is_some_and(is_chinese_context) || next.is_some_and(is_chinese_context);
        // An opening bracket takes its context from what it encloses, a closing one from before it.
        let bracket_ok = match c {
            '(' => next.is_some_and(is_chinese_context) || prev.is_some_and(is_han),
            ')' => prev.is_some_and(is_chinese_context) || next.is_some_and(is_han),
            _ => true,
        };
        if chinese && bracket_ok && !in_url && !in_number {
            out.push(full);
            changed += 1;
        } else {
            out.push(c);
        }
    }
    (out, changed)
}

fn url_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    let s: String = chars.iter().collect();
    let mut out = Vec::new();
    for scheme in ["http://", "https://", "www."] {
        let mut from = 0;
        while let Some(pos) = s[from..].find(scheme) {
            let start_byte = from + pos;
            let start = s[..start_byte].chars().count();
            let mut end = start;
            while end < chars.len() && chars[end].is_ascii() && !chars[end].is_whitespace() {
                end += 1;
            }
            out.push((start, end));
            from = start_byte + scheme.len();
        }
    }
    out
}

/// Brackets and quotation marks that do not pair up inside one paragraph.
fn unbalanced(text: &str) -> Option<String> {
    let pairs = [('（', '）'), ('“', '”'), ('《', '》'), ('【', '】'), ('「', '」'), ('『', '』')];
    for (open, close) in pairs {
        let mut depth = 0i32;
        let mut bad = false;
        for c in text.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth < 0 {
                    bad = true;
                }
            }
        }
        if bad || depth != 0 {
            return Some(format!("“{open}” and “{close}” do not pair up in this paragraph."));
        }
    }
    None
}

/// A lower-case Latin word between Chinese characters (acronyms and units are fine).
fn is_foreign_intrusion(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    if word.chars().any(|c| c.is_ascii_uppercase()) || word.len() < 2 {
        return false;
    }
    let before = text[..start].trim_end_matches(' ').chars().last();
    let after = text[end..].trim_start_matches(' ').chars().next();
    before.is_some_and(is_han) && after.is_some_and(is_han)
}

/// The source line (within `span`) that holds `needle`, or the span's first line.
fn source_line_of(src: &Source, span: LineSpan, needle: &str) -> u32 {
    (span.first..=span.last).find(|&l| src.line(l).contains(needle)).unwrap_or(span.first)
}

/// `一要 … 三要` with no `二要` between: an item is missing (or was lost at a break).
fn enumeration_gaps(paragraphs: &[Paragraph]) -> Vec<Flag> {
    let mut flags = Vec::new();
    for marker in ["要", "是"] {
        let mut seen: Vec<(u32, LineSpan)> = Vec::new();
        for p in paragraphs {
            for c in ENUMERATION.captures_iter(&p.text) {
                if &c[2] != marker {
                    continue;
                }
                if let Some(n) = parse_number(&c[1]) {
                    seen.push((n, p.lines));
                }
            }
        }
        // Only a run that starts at one counts as an enumeration.
        if seen.first().map(|s| s.0) != Some(1) {
            continue;
        }
        for w in seen.windows(2) {
            let (a, sa) = w[0];
            let (b, sb) = w[1];
            if b > a + 1 && b <= a + 3 {
                let missing: Vec<String> = (a + 1..b).map(chinese_numeral).collect();
                flags.push(Flag::new(
                    FlagKind::EnumerationGap,
                    sa.cover(sb),
                    format!(
                        "The enumeration skips from {}{marker} to {}{marker}: {} missing?",
                        chinese_numeral(a),
                        chinese_numeral(b),
                        missing.iter().map(|m| format!("{m}{marker}")).collect::<Vec<_>>().join("、")
                    ),
                ));
            }
        }
    }
    flags
}

fn chinese_numeral(n: u32) -> String {
    const D: [&str; 11] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    D.get(n as usize).map_or_else(|| n.to_string(), |s| s.to_string())
}

/// Lines of the article holding U+FFFD: bytes `ingest` could not decode and replaced.
/// Consecutive lines are one flag.
fn damaged_encoding(src: &Source, span: LineSpan) -> Vec<Flag> {
    let mut flags: Vec<Flag> = Vec::new();
    for line in span.first..=span.last {
        if !src.line(line).contains('\u{FFFD}') {
            continue;
        }
        match flags.last_mut() {
            Some(f) if f.lines.last + 1 == line => f.lines.last = line,
            _ => flags.push(Flag::new(
                FlagKind::DamagedEncoding,
                LineSpan::line(line),
                "Bytes here could not be decoded and show as �: the file is damaged at this spot; check the original.",
            )),
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_meet_with_a_space_and_numbers_without() {
        assert!(needs_space("记者采访了China", "Daily的编辑"));
        assert!(!needs_space("全国人大代表建议25", "2件"));
        assert!(!needs_space("会议强调，", "要认清形势"));
    }

    #[test]
    fn halfwidth_in_chinese_becomes_fullwidth() {
        let (s, n) = normalize_punctuation("本报讯(记者李明 通讯员王伟)11月29日下午,县委召开会议:");
        assert_eq!(s, "本报讯（记者李明 通讯员王伟）11月29日下午，县委召开会议：");
        assert_eq!(n, 4);
    }

    #[test]
    fn paired_straight_quotes_become_chinese_quotes() {
        assert_eq!(normalize_punctuation("以\"增绿添彩\"为主题").0, "以“增绿添彩”为主题");
        // An odd count cannot be paired safely: left as printed.
        assert_eq!(normalize_punctuation("他说\"好的").0, "他说\"好的");
        assert_eq!(normalize_punctuation("say \"yes\" now").0, "say \"yes\" now");
    }

    #[test]
    fn numbers_latin_and_urls_keep_their_marks() {
        assert_eq!(normalize_punctuation("产值3,000万元").0, "产值3,000万元");
        assert_eq!(normalize_punctuation("会议12:30开始").0, "会议12:30开始");
        assert_eq!(normalize_punctuation("见https://example.com/a,b页面").0, "见https://example.com/a,b页面");
        assert_eq!(normalize_punctuation("He said: (yes), fine").0, "He said: (yes), fine");
    }

    #[test]
    fn enumeration_gap_is_found() {
        let p = |t: &str, l| Paragraph { lines: LineSpan::line(l), text: t.into() };
        let flags = enumeration_gaps(&[p("他表示，一要坚持方向。要紧跟需求。", 5), p("三要创建平安校园。", 7)]);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].lines, LineSpan::new(5, 7));
        assert!(enumeration_gaps(&[p("一要学习，二要落实，三要总结。", 3)]).is_empty());
    }

    #[test]
    fn foreign_words_and_acronyms() {
        let t = "建成后 will 开辟一条通道";
        let m = LATIN_WORD.find(t).unwrap();
        assert!(is_foreign_intrusion(t, m.start(), m.end()));
        let t = "通过ISO认证";
        let m = LATIN_WORD.find(t).unwrap();
        assert!(!is_foreign_intrusion(t, m.start(), m.end()));
    }

    #[test]
    fn unbalanced_brackets() {
        assert!(unbalanced("党委（党组）书记").is_none());
        assert!(unbalanced("三要组）要严格落实").is_some());
        assert!(unbalanced("“蓝领”闯“蓝海").is_some());
    }
}
