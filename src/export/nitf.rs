//! NITF 3.6: one XML document per article, in the IPTC namespace, valid against
//! the official schema. Written with quick-xml (every text and attribute escaped
//! by the writer); characters XML 1.0 cannot carry at all (C0 controls other
//! than tab and line ends, U+FFFE/U+FFFF) are dropped first.

use std::io::Cursor;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::model::{Article, Issue, Role};

pub const NAMESPACE: &str = "http://iptc.org/std/NITF/2006-10-18/";
const VERSION: &str = "-//IPTC//DTD NITF 3.6//EN";

/// Text XML 1.0 can hold: C0 controls other than tab, LF, CR and the non-characters go.
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'))
        .collect()
}

/// The byline title (`byttl`) for a role, in the paper's words.
fn role_title(role: Role) -> &'static str {
    match role {
        Role::Reporter => "记者",
        Role::Correspondent => "通讯员",
        Role::Photographer => "摄影",
        Role::Author => "作者",
        Role::Editor => "编辑",
        Role::Agency => "通讯社",
        Role::Other => "",
    }
}

fn text_element(
    w: &mut Writer<Cursor<Vec<u8>>>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> std::io::Result<()> {
    let mut el = w.create_element(name);
    for (k, v) in attrs {
        el = el.with_attribute((*k, xml_safe(v).as_str()));
    }
    el.write_text_content(BytesText::new(&xml_safe(text)))?;
    Ok(())
}

/// The NITF document of one article, with the issue's metadata.
pub fn article(issue: &Issue, a: &Article) -> String {
    write(issue, a).expect("writing XML to memory cannot fail")
}

fn write(issue: &Issue, a: &Article) -> std::io::Result<String> {
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let headline = a.headline.value().clone();
    let genre = a.genre.value().as_str();
    let date = issue.meta.date.value().clone();
    let newspaper = issue.meta.newspaper.value().clone();
    w.create_element("nitf")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("version", VERSION))
        .with_attribute(("xml:lang", "zh-CN"))
        .write_inner_content(|w| {
            w.create_element("head").write_inner_content(|w| {
                let title = headline.clone().or_else(|| a.body().first().map(|p| p.text.chars().take(30).collect()));
                text_element(w, "title", &[], title.as_deref().unwrap_or(""))?;
                w.create_element("meta")
                    .with_attribute(("name", "jianbao-id"))
                    .with_attribute(("content", xml_safe(&a.id).as_str()))
                    .write_empty()?;
                let lines = format!("{}-{}", a.lines.first, a.lines.last);
                w.create_element("meta")
                    .with_attribute(("name", "source-lines"))
                    .with_attribute(("content", lines.as_str()))
                    .write_empty()?;
                if let Some(column) = a.column.value() {
                    w.create_element("meta")
                        .with_attribute(("name", "column_name"))
                        .with_attribute(("content", xml_safe(column).as_str()))
                        .write_empty()?;
                }
                if let Some(section) = a.section.value() {
                    w.create_element("meta")
                        .with_attribute(("name", "section"))
                        .with_attribute(("content", xml_safe(section).as_str()))
                        .write_empty()?;
                }
                w.create_element("meta")
                    .with_attribute(("name", "review"))
                    .with_attribute(("content", a.review.as_str()))
                    .write_empty()?;
                w.create_element("tobject").with_attribute(("tobject.type", "news")).write_inner_content(|w| {
                    w.create_element("tobject.property")
                        .with_attribute(("tobject.property.type", genre))
                        .write_empty()?;
                    Ok(())
                })?;
                w.create_element("docdata").write_inner_content(|w| {
                    let doc_id = format!("{}:{}", issue.meta.source_sha256.get(..16).unwrap_or(""), a.id);
                    w.create_element("doc-id")
                        .with_attribute(("id-string", xml_safe(&doc_id).as_str()))
                        .write_empty()?;
                    if let Some(d) = &date {
                        w.create_element("date.issue")
                            .with_attribute(("norm", xml_safe(&d.replace('-', "")).as_str()))
                            .write_empty()?;
                    }
                    if !a.keywords.value().is_empty() {
                        w.create_element("key-list").write_inner_content(|w| {
                            for k in a.keywords.value() {
                                w.create_element("keyword")
                                    .with_attribute(("key", xml_safe(k).as_str()))
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                    }
                    let (people, orgs, places) = (a.people.value(), a.organizations.value(), a.places.value());
                    if !people.is_empty() || !orgs.is_empty() || !places.is_empty() {
                        w.create_element("identified-content").write_inner_content(|w| {
                            for p in people {
                                text_element(w, "person", &[], p)?;
                            }
                            for o in orgs {
                                text_element(w, "org", &[], o)?;
                            }
                            for l in places {
                                text_element(w, "location", &[], l)?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
                let mut pubdata = w.create_element("pubdata").with_attribute(("type", "print"));
                let sequence = a.page.map(|p| p.to_string());
                if let Some(n) = &newspaper {
                    pubdata = pubdata.with_attribute(("name", xml_safe(n).as_str()));
                }
                if let Some(d) = &date {
                    pubdata = pubdata.with_attribute(("date.publication", xml_safe(&d.replace('-', "")).as_str()));
                }
                if let Some(s) = &sequence {
                    pubdata = pubdata.with_attribute(("position.sequence", xml_safe(s).as_str()));
                }
                if let Some(name) = &a.page_name {
                    pubdata = pubdata.with_attribute(("position.section", xml_safe(name).as_str()));
                }
                pubdata.write_empty()?;
                // The editors' corrections, as an audit trail.
                for (field, corrected) in corrections(a) {
                    let comment = format!("{field} corrected: {corrected}");
                    w.create_element("revision-history")
                        .with_attribute(("function", "editor"))
                        .with_attribute(("comment", xml_safe(&comment).as_str()))
                        .write_empty()?;
                }
                Ok(())
            })?;
            w.create_element("body").write_inner_content(|w| {
                w.create_element("body.head").write_inner_content(|w| {
                    if let Some(h) = &headline {
                        w.create_element("hedline").write_inner_content(|w| {
                            text_element(w, "hl1", &[], h)?;
                            if let Some(k) = a.kicker.value() {
                                text_element(w, "hl2", &[("class", "kicker")], k)?;
                            }
                            if let Some(d) = a.deck.value() {
                                text_element(w, "hl2", &[("class", "subtitle")], d)?;
                            }
                            Ok(())
                        })?;
                    }
                    for c in a.contributors.value() {
                        w.create_element("byline").write_inner_content(|w| {
                            text_element(w, "person", &[], &c.name)?;
                            let title = role_title(c.role);
                            if !title.is_empty() {
                                text_element(w, "byttl", &[], title)?;
                            }
                            Ok(())
                        })?;
                    }
                    if let Some(d) = a.dateline.value() {
                        text_element(w, "dateline", &[], d)?;
                    }
                    Ok(())
                })?;
                w.create_element("body.content").write_inner_content(|w| {
                    // Subheads stand before the paragraph that follows them in the source.
                    let mut subheads = a.subheads.value().iter().peekable();
                    for p in a.body() {
                        while let Some(s) = subheads.next_if(|s| s.line < p.lines.first) {
                            text_element(w, "hl2", &[("class", "subhead")], &s.text)?;
                        }
                        text_element(w, "p", &[], &p.text)?;
                    }
                    for s in subheads {
                        text_element(w, "hl2", &[("class", "subhead")], &s.text)?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        })?;
    let mut bytes = w.into_inner().into_inner();
    bytes.push(b'\n');
    Ok(String::from_utf8(bytes).expect("the writer writes the UTF-8 it is given"))
}

/// `(field, corrected value)` for every field the editor corrected.
fn corrections(a: &Article) -> Vec<(&'static str, String)> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    let mut out = Vec::new();
    let mut push = |name: &'static str, corrected: bool, value: String| {
        if corrected {
            out.push((name, value));
        }
    };
    push("headline", a.headline.is_corrected(), opt(a.headline.value()));
    push("kicker", a.kicker.is_corrected(), opt(a.kicker.value()));
    push("deck", a.deck.is_corrected(), opt(a.deck.value()));
    push(
        "byline",
        a.contributors.is_corrected(),
        a.contributors
            .value()
            .iter()
            .map(|c| format!("{} ({})", c.name, c.role.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
    );
    push("dateline", a.dateline.is_corrected(), opt(a.dateline.value()));
    push("genre", a.genre.is_corrected(), a.genre.value().as_str().to_string());
    push("section", a.section.is_corrected(), opt(a.section.value()));
    push("column", a.column.is_corrected(), opt(a.column.value()));
    push("keywords", a.keywords.is_corrected(), a.keywords.value().join(", "));
    out
}

/// The file names of an issue's NITF documents, in page order: `p02-003-p2-3.xml`.
/// What every document of one issue carries (its doc-id prefix): how a folder's old
/// documents of the same issue are found when it is exported again.
pub fn issue_mark(issue: &Issue) -> String {
    format!("id-string=\"{}:", xml_safe(issue.meta.source_sha256.get(..16).unwrap_or("")))
}

pub fn file_name(a: &Article, index: usize) -> String {
    let page = a.page.unwrap_or(0);
    let id: String =
        a.id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' }).collect();
    format!("p{page:02}-{:03}-{id}.xml", index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_xml_cannot_carry_are_dropped() {
        assert_eq!(xml_safe("甲\u{1}乙\t丙\u{ffff}"), "甲乙\t丙");
        assert_eq!(xml_safe("𠀀😀<&>"), "𠀀😀<&>");
    }
}
