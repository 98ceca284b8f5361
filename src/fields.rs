//! The field table: every part of an article an editor corrects, defined once.
//!
//! For each [`FieldName`] this module says what it is called (in both
//! languages), how its detected and effective values are read, how a
//! correction is stored and reverted, and how a correction is carried when the
//! article is split, merged or re-detected. The inspector, `Document`'s
//! commands and the property tests all go through it, so a new field is added
//! here and nowhere else. (The exports read the effective values the same way:
//! `Field::value` and [`Article::body`].)

use crate::model::{Article, Contributor, Field, FlagStatus, Genre, LineSpan, Paragraph, Review};

/// The fields an editor corrects, in the order the inspector shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldName {
    Kicker,
    Headline,
    Deck,
    Contributors,
    Dateline,
    Genre,
    Section,
    Column,
    Keywords,
    People,
    Places,
    Organizations,
    Review,
    Note,
    /// The cleaned body text (正文), paragraph by paragraph.
    Paragraphs,
}

/// How a field's value is shaped (and so how it is typed and shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One line of text, or nothing.
    Text,
    /// A list typed comma-separated.
    List,
    Genre,
    Contributors,
    Review,
    /// Free text the editor writes (not detected).
    Note,
    Paragraphs,
}

/// A value of any field.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(Option<String>),
    List(Vec<String>),
    Genre(Genre),
    Contributors(Vec<Contributor>),
    Review(Review),
    Paragraphs(Vec<Paragraph>),
}

impl FieldName {
    pub const ALL: [FieldName; 15] = [
        FieldName::Kicker,
        FieldName::Headline,
        FieldName::Deck,
        FieldName::Contributors,
        FieldName::Dateline,
        FieldName::Genre,
        FieldName::Section,
        FieldName::Column,
        FieldName::Keywords,
        FieldName::People,
        FieldName::Places,
        FieldName::Organizations,
        FieldName::Review,
        FieldName::Note,
        FieldName::Paragraphs,
    ];

    /// The field's name in English and Chinese (labels, undo history, messages).
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            FieldName::Kicker => ("kicker", "引题"),
            FieldName::Headline => ("headline", "主题"),
            FieldName::Deck => ("deck", "副题"),
            FieldName::Contributors => ("byline", "署名"),
            FieldName::Dateline => ("dateline", "电头"),
            FieldName::Genre => ("genre", "体裁"),
            FieldName::Section => ("section", "栏目"),
            FieldName::Column => ("column", "专栏"),
            FieldName::Keywords => ("keywords", "关键词"),
            FieldName::People => ("people", "人物"),
            FieldName::Places => ("places", "地点"),
            FieldName::Organizations => ("organisations", "机构"),
            FieldName::Review => ("review", "审校状态"),
            FieldName::Note => ("note", "编辑备注"),
            FieldName::Paragraphs => ("text", "正文"),
        }
    }

    /// The English name, used as the key of undo labels.
    pub fn key(self) -> &'static str {
        self.names().0
    }

    pub fn from_key(key: &str) -> Option<FieldName> {
        FieldName::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn shape(self) -> Shape {
        match self {
            FieldName::Kicker
            | FieldName::Headline
            | FieldName::Deck
            | FieldName::Dateline
            | FieldName::Section
            | FieldName::Column => Shape::Text,
            FieldName::Keywords | FieldName::People | FieldName::Places | FieldName::Organizations => Shape::List,
            FieldName::Genre => Shape::Genre,
            FieldName::Contributors => Shape::Contributors,
            FieldName::Review => Shape::Review,
            FieldName::Note => Shape::Note,
            FieldName::Paragraphs => Shape::Paragraphs,
        }
    }

    /// Detected fields have a confidence and evidence; the review state and note do not.
    pub fn is_detected(self) -> bool {
        !matches!(self, FieldName::Review | FieldName::Note)
    }

    /// Is the field carried to both parts of a split (it belongs to the text, line by line)?
    /// The others stay with the first part, which keeps the article's id.
    fn follows_lines(self) -> bool {
        self == FieldName::Paragraphs
    }
}

fn text_field(a: &Article, f: FieldName) -> Option<&Field<Option<String>>> {
    Some(match f {
        FieldName::Kicker => &a.kicker,
        FieldName::Headline => &a.headline,
        FieldName::Deck => &a.deck,
        FieldName::Dateline => &a.dateline,
        FieldName::Section => &a.section,
        FieldName::Column => &a.column,
        _ => return None,
    })
}

fn text_field_mut(a: &mut Article, f: FieldName) -> Option<&mut Field<Option<String>>> {
    Some(match f {
        FieldName::Kicker => &mut a.kicker,
        FieldName::Headline => &mut a.headline,
        FieldName::Deck => &mut a.deck,
        FieldName::Dateline => &mut a.dateline,
        FieldName::Section => &mut a.section,
        FieldName::Column => &mut a.column,
        _ => return None,
    })
}

fn list_field(a: &Article, f: FieldName) -> Option<&Field<Vec<String>>> {
    Some(match f {
        FieldName::Keywords => &a.keywords,
        FieldName::People => &a.people,
        FieldName::Places => &a.places,
        FieldName::Organizations => &a.organizations,
        _ => return None,
    })
}

fn list_field_mut(a: &mut Article, f: FieldName) -> Option<&mut Field<Vec<String>>> {
    Some(match f {
        FieldName::Keywords => &mut a.keywords,
        FieldName::People => &mut a.people,
        FieldName::Places => &mut a.places,
        FieldName::Organizations => &mut a.organizations,
        _ => return None,
    })
}

/// The value in force: the editor's correction, else what was detected.
pub fn value(a: &Article, f: FieldName) -> FieldValue {
    match f.shape() {
        Shape::Text => FieldValue::Text(text_field(a, f).map(|x| x.value().clone()).unwrap_or_default()),
        Shape::List => FieldValue::List(list_field(a, f).map(|x| x.value().clone()).unwrap_or_default()),
        Shape::Genre => FieldValue::Genre(*a.genre.value()),
        Shape::Contributors => FieldValue::Contributors(a.contributors.value().clone()),
        Shape::Review => FieldValue::Review(a.review),
        Shape::Note => FieldValue::Text(a.note.clone()),
        Shape::Paragraphs => FieldValue::Paragraphs(a.body().to_vec()),
    }
}

/// What the detector proposed (the review state and note: their initial values).
pub fn detected(a: &Article, f: FieldName) -> FieldValue {
    match f.shape() {
        Shape::Text => FieldValue::Text(text_field(a, f).map(|x| x.detected.clone()).unwrap_or_default()),
        Shape::List => FieldValue::List(list_field(a, f).map(|x| x.detected.clone()).unwrap_or_default()),
        Shape::Genre => FieldValue::Genre(a.genre.detected),
        Shape::Contributors => FieldValue::Contributors(a.contributors.detected.clone()),
        Shape::Review => FieldValue::Review(Review::Unreviewed),
        Shape::Note => FieldValue::Text(None),
        Shape::Paragraphs => FieldValue::Paragraphs(a.paragraphs.clone()),
    }
}

/// Has the editor changed the field from what was detected?
pub fn is_corrected(a: &Article, f: FieldName) -> bool {
    match f.shape() {
        Shape::Text => text_field(a, f).is_some_and(Field::is_corrected),
        Shape::List => list_field(a, f).is_some_and(Field::is_corrected),
        Shape::Genre => a.genre.is_corrected(),
        Shape::Contributors => a.contributors.is_corrected(),
        Shape::Review => a.review != Review::Unreviewed,
        Shape::Note => a.note.is_some(),
        Shape::Paragraphs => a.paragraphs_corrected.is_some(),
    }
}

/// How sure the detector was and which lines it read, for detected fields.
pub fn confidence(a: &Article, f: FieldName) -> Option<(f32, Option<LineSpan>)> {
    let of = |c: f32, e: Option<LineSpan>| Some((c, e));
    match f.shape() {
        Shape::Text => text_field(a, f).and_then(|x| of(x.confidence, x.evidence)),
        Shape::List => list_field(a, f).and_then(|x| of(x.confidence, x.evidence)),
        Shape::Genre => of(a.genre.confidence, a.genre.evidence),
        Shape::Contributors => of(a.contributors.confidence, a.contributors.evidence),
        Shape::Review | Shape::Note | Shape::Paragraphs => None,
    }
}

/// A typed text: trimmed, and nothing when blank.
pub fn typed_text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A typed list: items separated by Chinese or Latin commas, enumeration commas or semicolons.
pub fn typed_list(s: &str) -> Vec<String> {
    s.split(['，', ',', '、', ';', '；', '\n']).filter_map(typed_text).collect()
}

/// Sets the field to `v` as the editor's correction. A value equal to what was detected
/// is stored as no correction at all. A value of the wrong shape changes nothing.
pub fn correct(a: &mut Article, f: FieldName, v: FieldValue) {
    fn set<T: PartialEq>(field: &mut Field<T>, v: T) {
        field.corrected = if v == field.detected { None } else { Some(v) };
    }
    match (f.shape(), v) {
        (Shape::Text, FieldValue::Text(v)) => {
            if let Some(field) = text_field_mut(a, f) {
                set(field, v.as_deref().and_then(typed_text));
            }
        }
        (Shape::List, FieldValue::List(v)) => {
            if let Some(field) = list_field_mut(a, f) {
                set(field, v);
            }
        }
        (Shape::Genre, FieldValue::Genre(g)) => set(&mut a.genre, g),
        (Shape::Contributors, FieldValue::Contributors(c)) => set(&mut a.contributors, c),
        (Shape::Review, FieldValue::Review(r)) => a.review = r,
        (Shape::Note, FieldValue::Text(n)) => a.note = n.filter(|n| !n.trim().is_empty()),
        (Shape::Paragraphs, FieldValue::Paragraphs(p)) => set_body(a, p),
        _ => {}
    }
}

/// Drops the editor's correction: back to what was detected.
pub fn revert(a: &mut Article, f: FieldName) {
    match f.shape() {
        Shape::Text => {
            if let Some(field) = text_field_mut(a, f) {
                field.corrected = None;
            }
        }
        Shape::List => {
            if let Some(field) = list_field_mut(a, f) {
                field.corrected = None;
            }
        }
        Shape::Genre => a.genre.corrected = None,
        Shape::Contributors => a.contributors.corrected = None,
        Shape::Review => a.review = Review::Unreviewed,
        Shape::Note => a.note = None,
        Shape::Paragraphs => {
            a.paragraphs_corrected = None;
            // Flags the edit had settled are open again: the text they point at is back.
            for flag in a.flags.iter_mut().filter(|f| f.status == FlagStatus::Fixed) {
                flag.status = FlagStatus::Open;
            }
        }
    }
}

/// Carries the editor's work from the articles `old` (one before a split, two before a
/// merge) onto `new`, re-detected over (part of) the same lines.
///
/// The first old article's corrections win; a field the first did not correct takes the
/// second's (a merge keeps both editors' work). Corrected paragraphs follow their lines:
/// after a split each part keeps the corrected text of its own lines.
pub fn carry(old: &[&Article], new: &mut Article, first_part: bool) {
    for f in FieldName::ALL {
        if f.follows_lines() {
            continue;
        }
        if !first_part {
            continue;
        }
        if let Some(src) = old.iter().find(|a| is_corrected(a, f)) {
            if f == FieldName::Note {
                let notes: Vec<&str> = old.iter().filter_map(|a| a.note.as_deref()).collect();
                new.note = (!notes.is_empty()).then(|| notes.join("\n"));
                continue;
            }
            correct(new, f, value(src, f));
            // A correction equal to the new detection is none: keep the editor's word anyway.
            if !is_corrected(new, f) {
                force(new, f, value(src, f));
            }
        }
    }
    carry_body(old, new);
    // Flags the editor decided keep their decision when the same flag is raised again.
    for flag in new.flags.iter_mut() {
        if let Some(o) = old.iter().flat_map(|a| a.flags.iter()).find(|o| o.kind == flag.kind && o.lines == flag.lines)
        {
            flag.status = o.status;
        }
    }
}

/// Stores `v` as the correction even when it equals the new detection (the editor decided it).
fn force(a: &mut Article, f: FieldName, v: FieldValue) {
    match (f.shape(), v) {
        (Shape::Text, FieldValue::Text(v)) => {
            if let Some(field) = text_field_mut(a, f) {
                field.corrected = Some(v);
            }
        }
        (Shape::List, FieldValue::List(v)) => {
            if let Some(field) = list_field_mut(a, f) {
                field.corrected = Some(v);
            }
        }
        (Shape::Genre, FieldValue::Genre(g)) => a.genre.corrected = Some(g),
        (Shape::Contributors, FieldValue::Contributors(c)) => a.contributors.corrected = Some(c),
        _ => {}
    }
}

/// Corrected paragraphs of the old articles whose first line is body text of `new` take the
/// place of the detected paragraphs they overlap.
fn carry_body(old: &[&Article], new: &mut Article) {
    let in_body = |line: u32| new.paragraphs.iter().any(|p| p.lines.contains(line));
    let carried: Vec<Paragraph> = old
        .iter()
        .filter_map(|a| a.paragraphs_corrected.as_ref())
        .flatten()
        .filter(|p| in_body(p.lines.first))
        .cloned()
        .collect();
    if carried.is_empty() {
        return;
    }
    let overlaps = |a: LineSpan, b: LineSpan| a.first <= b.last && b.first <= a.last;
    let mut body: Vec<Paragraph> = new
        .paragraphs
        .iter()
        .filter(|p| !carried.iter().any(|c| overlaps(c.lines, p.lines)))
        .cloned()
        .chain(carried.iter().cloned())
        .collect();
    // Stable: paragraphs the editor made from one line keep their order.
    body.sort_by_key(|p| p.lines.first);
    new.paragraphs_corrected = (body != new.paragraphs).then_some(body);
}

/// The editor's text of the body. Each open flag whose lines now read differently is
/// settled ([`FlagStatus::Fixed`]): the editor has dealt with that text.
fn set_body(a: &mut Article, body: Vec<Paragraph>) {
    let before = a.body().to_vec();
    let text_at = |ps: &[Paragraph], span: LineSpan| -> Vec<String> {
        ps.iter().filter(|p| p.lines.first <= span.last && span.first <= p.lines.last).map(|p| p.text.clone()).collect()
    };
    for flag in a.flags.iter_mut().filter(|f| f.status == FlagStatus::Open) {
        if text_at(&before, flag.lines) != text_at(&body, flag.lines) {
            flag.status = FlagStatus::Fixed;
        }
    }
    a.paragraphs_corrected = if body == a.paragraphs { None } else { Some(body) };
}

/// The paragraphs an editor typed (one per blank-line separated block), each given the
/// source lines of the paragraph it came from: the one, at or after the previous block's,
/// that shares most of its text (so a split paragraph's parts keep its lines, and an edited
/// one keeps its own). `[…]` marks text lost at a break and is kept as typed.
pub fn paragraphs_from_typed(current: &[Paragraph], typed: &str) -> Vec<Paragraph> {
    let blocks =
        typed.split("\n\n").map(|b| b.lines().map(str::trim).collect::<Vec<_>>().join("")).filter(|b| !b.is_empty());
    let mut at = 0usize;
    let mut out = Vec::new();
    for text in blocks {
        let from = current.iter().enumerate().skip(at).find(|(_, p)| shares_most_of(&text, &p.text));
        if let Some((i, _)) = from {
            at = i;
        }
        let lines = current.get(at).or(current.last()).map_or(LineSpan::line(1), |p| p.lines);
        out.push(Paragraph { lines, text });
    }
    out
}

/// Do most of `part`'s character pairs occur in `whole`?
fn shares_most_of(part: &str, whole: &str) -> bool {
    let chars: Vec<char> = part.chars().collect();
    if chars.len() < 2 {
        return whole.contains(part);
    }
    let pairs = chars.len() - 1;
    let found = chars.windows(2).filter(|w| whole.contains(&format!("{}{}", w[0], w[1]))).count();
    found * 2 >= pairs
}

/// The body as the editor types it: paragraphs between blank lines.
pub fn typed_body(ps: &[Paragraph]) -> String {
    ps.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        let text = "# 县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议。\n\n会议要求各乡镇抓好落实 will 推进。\n";
        crate::detect_bytes(text.as_bytes(), "t.md").unwrap().articles.remove(0)
    }

    #[test]
    fn every_field_reads_corrects_and_reverts() {
        for f in FieldName::ALL {
            let mut a = article();
            let want = sample_value(f);
            correct(&mut a, f, want.clone());
            assert_eq!(value(&a, f), want, "{f:?}");
            assert!(is_corrected(&a, f), "{f:?}");
            revert(&mut a, f);
            assert_eq!(value(&a, f), detected(&a, f), "{f:?}");
            assert!(!is_corrected(&a, f), "{f:?}");
            assert_eq!(FieldName::from_key(f.key()), Some(f));
        }
    }

    /// A value unlike anything detected, for each field.
    pub(crate) fn sample_value(f: FieldName) -> FieldValue {
        match f.shape() {
            Shape::Text | Shape::Note => FieldValue::Text(Some(format!("编辑改的{}", f.names().1))),
            Shape::List => FieldValue::List(vec!["甲".into(), "乙".into()]),
            Shape::Genre => FieldValue::Genre(Genre::Commentary),
            Shape::Contributors => FieldValue::Contributors(vec![Contributor::new("王芳", crate::model::Role::Author)]),
            Shape::Review => FieldValue::Review(Review::NeedsWork),
            Shape::Paragraphs => {
                FieldValue::Paragraphs(vec![Paragraph { lines: LineSpan::line(3), text: "改过的正文。".into() }])
            }
        }
    }

    #[test]
    fn typed_paragraphs_keep_their_lines() {
        let a = article();
        let body = a.body().to_vec();
        assert_eq!(body.len(), 2);
        // The editor deletes a stray word in the second paragraph and splits the first.
        let typed = format!(
            "本报讯（记者李明）３月２日上午，\n\n县委召开春耕生产动员会议。\n\n{}",
            "会议要求各乡镇抓好落实推进。"
        );
        let out = paragraphs_from_typed(&body, &typed);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].lines, body[0].lines);
        assert_eq!(out[1].lines, body[0].lines, "a paragraph split off keeps its source line");
        assert_eq!(out[2].lines, body[1].lines);
        assert_eq!(paragraphs_from_typed(&body, &typed_body(&body)), body);
    }

    #[test]
    fn removing_the_foreign_word_settles_its_flag() {
        let mut a = article();
        let flag =
            a.flags.iter().position(|f| f.kind == crate::model::FlagKind::ForeignText).expect("a foreign-text flag");
        let mut body = a.body().to_vec();
        body[1].text = body[1].text.replace(" will ", "").replace("will", "");
        correct(&mut a, FieldName::Paragraphs, FieldValue::Paragraphs(body));
        assert_eq!(a.flags[flag].status, FlagStatus::Fixed);
        revert(&mut a, FieldName::Paragraphs);
        assert_eq!(a.flags[flag].status, FlagStatus::Open);
    }
}
