//! Markdown and plain text: one readable file per issue.
//!
//! Page text is text: control characters and terminal escape sequences are dropped
//! from both, and Markdown escapes everything Markdown would interpret (HTML, links,
//! autolinks, emphasis, a heading or list marker opening a line), so an export never
//! carries markup the paper did not print.

use crate::model::{Article, Issue, Role};

/// Text with control characters and terminal escape sequences (`ESC [ … m`, `ESC ] … BEL`)
/// removed; tabs become spaces.
pub fn plain_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.peek() {
                // CSI: parameters and intermediates, then one final byte.
                Some('[') => {
                    chars.next();
                    while let Some(&n) = chars.peek() {
                        chars.next();
                        if ('@'..='~').contains(&n) {
                            break;
                        }
                    }
                }
                // OSC: up to BEL or ESC \.
                Some(']') => {
                    while let Some(n) = chars.next() {
                        if n == '\u{7}' || (n == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {
                    chars.next();
                }
            },
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Page text for Markdown: [`plain_text`], with every character Markdown would read as
/// markup backslash-escaped, and a line-opening heading, list or quote marker too.
pub fn md_text(s: &str) -> String {
    let clean = plain_text(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    let starts_marker = out.starts_with(['#', '-', '+', '=']) || {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && out[digits..].starts_with(['.', ')'])
    };
    if starts_marker {
        out.insert(0, '\\');
    }
    out
}

fn byline(a: &Article) -> Option<String> {
    let people = a.contributors.value();
    if people.is_empty() {
        return None;
    }
    let role = |r: Role| match r {
        Role::Reporter => "记者",
        Role::Correspondent => "通讯员",
        Role::Photographer => "摄影",
        Role::Author => "作者",
        Role::Editor => "编辑",
        Role::Agency => "",
        Role::Other => "",
    };
    Some(people.iter().map(|c| format!("{}{}", role(c.role), c.name)).collect::<Vec<_>>().join("　"))
}

fn title(issue: &Issue) -> String {
    let paper = issue.meta.newspaper.value().clone().unwrap_or_else(|| issue.meta.source_file.clone());
    match issue.meta.date.value() {
        Some(d) => format!("{paper}　{d}"),
        None => paper,
    }
}

fn page_title(a: &Article) -> Option<String> {
    match (a.page, &a.page_name) {
        (Some(n), Some(name)) => Some(format!("第{n}版　{name}")),
        (Some(n), None) => Some(format!("第{n}版")),
        (None, Some(name)) => Some(name.clone()),
        (None, None) => None,
    }
}

/// Body paragraphs (each through `text`) with the subheads in their place.
fn body(a: &Article, subhead: impl Fn(&str) -> String, text: impl Fn(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    let mut subheads = a.subheads.value().iter().peekable();
    for p in a.body() {
        while let Some(s) = subheads.next_if(|s| s.line < p.lines.first) {
            out.push(subhead(&s.text));
        }
        out.push(text(&p.text));
    }
    out.extend(subheads.map(|s| subhead(&s.text)));
    out
}

/// Markdown: `#` issue, `##` page, `###` headline (kicker above in italics, deck
/// below in bold), byline and dateline lines, paragraphs, `####` subheads.
pub fn markdown(issue: &Issue) -> String {
    let mut out = format!("# {}\n", md_text(&title(issue)));
    let mut page = None;
    for a in &issue.articles {
        let p = page_title(a);
        if p.is_some() && p != page {
            out.push_str(&format!("\n## {}\n", md_text(&p.clone().unwrap_or_default())));
            page = p;
        }
        out.push('\n');
        if let Some(k) = a.kicker.value() {
            out.push_str(&format!("*{}*\n\n", md_text(k)));
        }
        let headline = a.headline.value().clone().unwrap_or_else(|| format!("（{}）", a.genre.value().as_str()));
        out.push_str(&format!("### {}\n\n", md_text(&headline)));
        if let Some(d) = a.deck.value() {
            out.push_str(&format!("**{}**\n\n", md_text(d)));
        }
        if let Some(b) = byline(a) {
            out.push_str(&format!("{}\n\n", md_text(&b)));
        }
        if let Some(d) = a.dateline.value() {
            out.push_str(&format!("*{}*\n\n", md_text(d)));
        }
        for para in body(a, |s| format!("#### {}", md_text(s)), md_text) {
            out.push_str(&para);
            out.push_str("\n\n");
        }
    }
    out
}

/// Plain text: headline, deck, byline, dateline, paragraphs; articles between rules.
pub fn plain(issue: &Issue) -> String {
    let mut out = format!("{}\n", plain_text(&title(issue)));
    for a in &issue.articles {
        out.push_str("\n――――――――――――――――\n");
        if let Some(p) = page_title(a) {
            out.push_str(&format!("{}\n", plain_text(&p)));
        }
        for line in [
            a.kicker.value().clone(),
            a.headline.value().clone(),
            a.deck.value().clone(),
            byline(a),
            a.dateline.value().clone(),
        ]
        .into_iter()
        .flatten()
        {
            out.push_str(&plain_text(&line));
            out.push('\n');
        }
        out.push('\n');
        for para in body(a, |s| format!("【{}】", plain_text(s)), plain_text) {
            out.push_str(&para);
            out.push_str("\n\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_page_text_stays_text() {
        let hostile = "<script>alert(1)</script> <img src=x onerror=alert(1)> <https://evil.example> [点此](javascript:alert(1)) **粗** `代码` &amp;";
        let md = md_text(hostile);
        let unescaped = |c: char| md.match_indices(c).any(|(i, _)| !md[..i].ends_with('\\'));
        assert!(!unescaped('<') && !unescaped('[') && !unescaped('*') && !unescaped('&'), "{md}");
        assert!(md.contains("\\[点此\\](javascript:alert(1))"), "{md}");
        assert!(md.contains("\\*\\*粗\\*\\*") && md.contains("\\&amp;"), "{md}");
        assert_eq!(md_text("# 不是标题"), "\\# 不是标题");
        assert_eq!(md_text("1. 不是列表"), "\\1. 不是列表");
        assert_eq!(md_text("县委召开会议。"), "县委召开会议。", "Chinese text is untouched");
    }

    #[test]
    fn control_characters_and_escape_sequences_are_dropped() {
        let s = "县委\u{1b}[31m召开\u{1b}[0m会议\u{7}\u{1b}]0;title\u{7}。\u{0}\u{85}\t完";
        assert_eq!(plain_text(s), "县委召开会议。 完");
    }
}
