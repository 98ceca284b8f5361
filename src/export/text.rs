//! Markdown and plain text: one readable file per issue.

use crate::model::{Article, Issue, Role};

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

/// Body paragraphs with the subheads in their place.
fn body(a: &Article, subhead: impl Fn(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    let mut subheads = a.subheads.value().iter().peekable();
    for p in a.body() {
        while let Some(s) = subheads.next_if(|s| s.line < p.lines.first) {
            out.push(subhead(&s.text));
        }
        out.push(p.text.clone());
    }
    out.extend(subheads.map(|s| subhead(&s.text)));
    out
}

/// Markdown: `#` issue, `##` page, `###` headline (kicker above in italics, deck
/// below in bold), byline and dateline lines, paragraphs, `####` subheads.
pub fn markdown(issue: &Issue) -> String {
    let mut out = format!("# {}\n", title(issue));
    let mut page = None;
    for a in &issue.articles {
        let p = page_title(a);
        if p.is_some() && p != page {
            out.push_str(&format!("\n## {}\n", p.clone().unwrap_or_default()));
            page = p;
        }
        out.push('\n');
        if let Some(k) = a.kicker.value() {
            out.push_str(&format!("*{k}*\n\n"));
        }
        let headline = a.headline.value().clone().unwrap_or_else(|| format!("（{}）", a.genre.value().as_str()));
        out.push_str(&format!("### {headline}\n\n"));
        if let Some(d) = a.deck.value() {
            out.push_str(&format!("**{d}**\n\n"));
        }
        if let Some(b) = byline(a) {
            out.push_str(&format!("{b}\n\n"));
        }
        if let Some(d) = a.dateline.value() {
            out.push_str(&format!("*{d}*\n\n"));
        }
        for para in body(a, |s| format!("#### {s}")) {
            out.push_str(&para);
            out.push_str("\n\n");
        }
    }
    out
}

/// Plain text: headline, deck, byline, dateline, paragraphs; articles between rules.
pub fn plain(issue: &Issue) -> String {
    let mut out = format!("{}\n", title(issue));
    for a in &issue.articles {
        out.push_str("\n――――――――――――――――\n");
        if let Some(p) = page_title(a) {
            out.push_str(&format!("{p}\n"));
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
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
        for para in body(a, |s| format!("【{s}】")) {
            out.push_str(&para);
            out.push_str("\n\n");
        }
    }
    out
}
