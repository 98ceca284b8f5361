//! Line shapes the stages share: what a headline, a credit, a caption, an
//! enumerated subhead or an editor's standing title look like. Pure functions of
//! a line's text, used by the tagger's features, the segmenter and detection.

use std::sync::LazyLock;

use regex::Regex;

use crate::rules::byline::{parse_byline_line, parse_trailing_credit};
use crate::text::char_len;

static ENUMERATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十]{1,3}、|[0-9０-９]{1,2}[、．.]|第[一二三四五六七八九十]{1,3}[，,、章节部分]|[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|原因之|———|——[^—])").unwrap()
});

/// `如此美容美发店！`: a short headline may end with ！ or ？, but holds no other stop.
pub fn is_exclaimed_title(s: &str) -> bool {
    let t = s.trim_end();
    let quoted_whole = t.starts_with(['“', '"', '「', '『']) && t.ends_with(['”', '"', '」', '』']);
    // `记者：资金来源是否有保证？` is an interview question, not a headline.
    let speaker = t.contains(['：', ':']);
    // A title and its dashed subtitle (`突破口在哪里？——访…`) may be longer and hold commas.
    let dashed = t.contains("？——") || t.contains("！——");
    let short_enough = if t.contains(['，', ',']) && !dashed { char_len(t) <= 12 } else { char_len(t) <= 30 };
    (t.ends_with('！') || t.ends_with('？')) && short_enough && !quoted_whole && !speaker
}

/// A sentence stop before the end: a headline holds none, though it may cry out before its
/// column tag (`违规登珠峰，停！（美丽中国）`) or in its middle when short and commaless
/// (`首破万亿元！春节消费亮眼`). `…保护三清山！（江西玉山县李芳琴）` is a signed letter.
pub fn has_inner_stop(s: &str) -> bool {
    let t = before_closing_tag(s.trim_end());
    let body = t.trim_end_matches(['！', '？', '”', '’', '』', '」']);
    // The stop that ends a title before its dashed subtitle is not inside a sentence.
    let body: std::borrow::Cow<str> = if body.contains("——") {
        body.replace("？——", "——").replace("！——", "——").into()
    } else {
        body.into()
    };
    if body.contains(['。', '；']) {
        return true;
    }
    // Dialogue and a reporter's run of questions are quoted, spoken, longer or hold commas.
    let cry_out = char_len(t) <= 24
        && !body.contains(['，', ',', '、', '：', ':', '（', '('])
        && !body.starts_with(['“', '"', '「', '『']);
    !cry_out && body.contains(['！', '？'])
}

/// `违规登珠峰，停！（美丽中国）` → `违规登珠峰，停！`: the words before a bracket closing the
/// line that can tag a head line (a column, an item mark such as `（图片）`); the whole line
/// when there is none or the bracket holds a credit, a dateline's 电, a figure or a letter's
/// signature (`（江西玉山县李芳琴）`).
pub fn before_closing_tag(text: &str) -> &str {
    let Some(body) = text.strip_suffix(['）', ')']) else {
        return text;
    };
    // The bracket that opens the closing one, over any pair inside it (`（聚焦执法制度（下））`).
    let mut depth = 0;
    let mut open = None;
    for (i, c) in body.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' if depth == 0 => {
                open = Some((i, c.len_utf8()));
                break;
            }
            '（' | '(' => depth -= 1,
            _ => {}
        }
    }
    let Some((open, mark)) = open else {
        return text;
    };
    let (before, inner) = (&body[..open], &body[open + mark..]);
    let tag_like = (1..=30).contains(&char_len(inner))
        && !inner.contains(['，', ',', '。', '；', '！', '？', '：', ':'])
        && !inner.ends_with(['摄', '电'])
        && !inner.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !crate::rules::byline::is_letter_signature(inner);
    if char_len(before) >= 2 && tag_like {
        before
    } else {
        text
    }
}

/// `（…）` filling a whole line.
pub fn is_bracketed_line(s: &str) -> bool {
    char_len(s.trim()) <= 40 && is_wholly_bracketed(s)
}

/// A whole line in one pair of brackets, however long (`（本报巴黎、东京2月9日电  记者…）`).
pub fn is_wholly_bracketed(s: &str) -> bool {
    s.trim()
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
        .is_some_and(|inner| !inner.is_empty() && !inner.contains(['（', '(', ')', '）']))
}

/// A paragraph that ends with a photo credit (`…杨松摄`, `…（新华社记者戴松摄）`).
pub fn is_photo_caption(s: &str) -> bool {
    let t = s.trim_end();
    let credit_end = t.ends_with('摄') || t.ends_with("摄）") || t.ends_with("摄)");
    credit_end && parse_trailing_credit(t).is_some()
}

/// A byline line beyond doubt: a role word, a signature box, or one name alone.
pub fn is_clear_byline(text: &str) -> bool {
    match parse_byline_line(text) {
        Some(people) => {
            people.len() == 1 || text.contains("记者") || text.contains("通讯员") || text.starts_with(['□', '■'])
        }
        None => false,
    }
}

/// `本报讯` without place or date: the opener of a local brief.
pub fn is_bare_xun(text: &str) -> bool {
    text.trim_start().starts_with("本报讯")
}

/// A headline naming a single picture or artwork (not `附图片`, which is an article with photos).
pub fn is_picture_item(text: &str) -> bool {
    const MARKS: [&str; 8] =
        ["（图片）", "(图片)", "（书法）", "（篆刻）", "（中国画）", "（漫画）", "（剪纸）", "（国画）"];
    MARKS.iter().any(|m| text.ends_with(m))
}

/// `谢谢！（新华社北京１２月３１日电）`, `…（陆明沈建国）`: a paragraph closed by a credit.
pub fn ends_with_credit(text: &str) -> bool {
    let t = text.trim_end();
    if !t.ends_with(['）', ')']) {
        return false;
    }
    let Some(open) = t.rfind(['（', '(']) else { return false };
    let inner = t[open..].trim_matches(['（', '）', '(', ')']);
    inner.ends_with('电') || inner.ends_with('讯') || inner.ends_with('摄') || parse_trailing_credit(t).is_some()
}

/// A headline that names the kind of item: `（图片）`, `（附图片１张）`, `（书法）`, `（外一首）`.
/// The fixed titles of an editor's notice (`致读者`, `编者的话`, `启事`): each is an item of its own.
pub fn is_standing_title(text: &str) -> bool {
    const TITLES: [&str; 10] =
        ["致读者", "告读者", "编者的话", "开栏的话", "编者按", "编后", "编后语", "启事", "更正", "致歉"];
    let t = text.trim_matches(|c: char| c.is_whitespace() || "：:·●■□".contains(c));
    TITLES.contains(&t)
}

pub fn has_item_mark(text: &str) -> bool {
    const MARKS: [&str; 14] = [
        "图片",
        "附图",
        "（图）",
        "书法",
        "篆刻",
        "国画",
        "油画",
        "漫画",
        "剪纸",
        "摄影",
        "版画",
        "水彩",
        "外一首",
        "首）",
    ];
    text == "图片新闻" || text.ends_with(['）', ')']) && MARKS.iter().any(|m| text.contains(m))
}

/// `一、事件经过`, `第二，…`, `５、国企改革见成效`, `———王文西（山东）`: a part of a longer piece.
pub fn is_enumerated_subhead(text: &str) -> bool {
    ENUMERATED.is_match(text)
}

/// Share of the Han bigrams of `probe` that occur in `context`.
///
/// The context (an article so far) is scanned, not collected: only the probe's few
/// bigrams go into a set, so asking this of every line of a long article stays linear
/// in what is read (collecting the context cost 140 ms on a 377-line page).
pub fn overlap<'a>(probe: &[&str], context: impl Iterator<Item = &'a str>) -> f64 {
    use rustc_hash::FxHashSet;
    let mut probe_set: FxHashSet<(char, char)> = FxHashSet::default();
    for text in probe {
        han_bigrams(&text.chars().take(120).collect::<String>(), &mut |b| {
            probe_set.insert(b);
        });
    }
    if probe_set.is_empty() {
        return 0.0;
    }
    let seconds = SecondChars::of(probe_set.iter());
    let mut found: FxHashSet<(char, char)> = FxHashSet::default();
    for text in context {
        han_bigrams(text, &mut |b| {
            if seconds.may_hold(b) && probe_set.contains(&b) {
                found.insert(b);
            }
        });
        if found.len() == probe_set.len() {
            break;
        }
    }
    found.len() as f64 / probe_set.len() as f64
}

/// `overlap` of `probe` with `more`, and of `probe` alone, read in one pass over the
/// context: a head candidate's cohesion with its article so far and its echo there.
pub fn overlaps<'a>(probe: &str, more: &str, context: impl Iterator<Item = &'a str>) -> (f64, f64) {
    use rustc_hash::FxHashMap;
    // Each bigram of the two probes, and whether `probe` itself has it.
    let mut probe_set: FxHashMap<(char, char), bool> = FxHashMap::default();
    for (text, own) in [(probe, true), (more, false)] {
        han_bigrams(&text.chars().take(120).collect::<String>(), &mut |b| {
            *probe_set.entry(b).or_insert(false) |= own;
        });
    }
    let own_total = probe_set.values().filter(|&&own| own).count();
    if probe_set.is_empty() {
        return (0.0, 0.0);
    }
    let seconds = SecondChars::of(probe_set.keys());
    let mut found: FxHashMap<(char, char), bool> = FxHashMap::default();
    for text in context {
        han_bigrams(text, &mut |b| {
            if !seconds.may_hold(b) {
                return;
            }
            if let Some(&own) = probe_set.get(&b) {
                found.insert(b, own);
            }
        });
        if found.len() == probe_set.len() {
            break;
        }
    }
    let own_found = found.values().filter(|&&own| own).count();
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    (share(found.len(), probe_set.len()), share(own_found, own_total))
}

/// The second characters of a probe's bigrams, as a bitmap of 1,024 bits: most bigrams
/// of a long context share none with a head's few, and are turned away here before
/// the probe's set is asked (the scan is the segmenter's busiest loop).
struct SecondChars([u64; 16]);

impl SecondChars {
    fn of<'b>(bigrams: impl Iterator<Item = &'b (char, char)>) -> SecondChars {
        let mut bits = [0u64; 16];
        for &(_, c) in bigrams {
            let k = c as usize & 1023;
            bits[k >> 6] |= 1 << (k & 63);
        }
        SecondChars(bits)
    }

    /// False when `bigram` is certainly not one of the probe's.
    fn may_hold(&self, bigram: (char, char)) -> bool {
        let k = bigram.1 as usize & 1023;
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// Each pair of Han characters standing together in `s` (other characters between
/// them part them).
fn han_bigrams(s: &str, each: &mut impl FnMut((char, char))) {
    let mut prev: Option<char> = None;
    for c in s.chars().filter(|&c| crate::text::is_han(c)) {
        if let Some(p) = prev {
            each((p, c));
        }
        prev = Some(c);
    }
}

/// `市长钱文博出席`, `钱文博主持会议` — a line closing on who attended or presided: a
/// deck listing officials, never a byline (`李克强栗战书王沪宁出席` is no four names).
pub fn ends_on_attendance(text: &str) -> bool {
    const VERBS: [&str; 10] = ["出席", "参加", "讲话", "致辞", "会见", "陪同", "审议", "考察", "主持", "主持会议"];
    let t = text.trim_end();
    VERBS.iter().any(|v| t.ends_with(v)) && char_len(t) >= 4
}

/// A label without the brackets and bullets a box sets it in: `【核心阅读】` → `核心阅读`.
pub fn bare_label(text: &str) -> &str {
    text.trim().trim_matches(['【', '】', '■', '□', '●', '▲', ' '])
}

/// Box labels and layout credits: `核心阅读`, `版式设计：蔡华伟`, `本期统筹：李明`,
/// `图片报道`, `制图：张丹`, `编者按` — never an article and never an author.
pub fn is_box_label(text: &str) -> bool {
    // The labels Chinese papers print over a box or a sidebar: a profile (人物小传),
    // background (背景故事), tips (小贴士), a note to readers (编者的话), an expert's
    // view (专家观点) — of those added in session 16, 31 lines in the dev truth, every
    // one inside an article, none its head (the detector had read `人物小传` and
    // `背景故事` as authors). Not `开栏的话`: the 1998 truth keeps it as a deck.
    const LABELS: [&str; 34] = [
        "核心阅读",
        "图片报道",
        "编者按",
        "编后",
        "链接",
        "相关链接",
        "知识链接",
        "新闻链接",
        "背景链接",
        "记者手记",
        "采访手记",
        "编辑手记",
        "数据来源",
        "资料来源",
        "背景",
        "新闻背景",
        "背景故事",
        "延伸阅读",
        "相关阅读",
        "点评",
        "短评",
        "专家点评",
        "专家观点",
        "专家解读",
        "人物小传",
        "人物简介",
        "名词解释",
        "小贴士",
        "小资料",
        "编者的话",
        "推荐理由",
        "网言网语",
        "亲历者说",
        "记者观察",
    ];
    const SOURCES: [&str; 2] = ["数据来源", "资料来源"];
    let t = bare_label(text);
    if LABELS.contains(&t) {
        return true;
    }
    // Length first: asked of every paragraph, most of them far longer than a label.
    if !short_label(t) {
        return false;
    }
    label_head(t).is_some_and(|head| LAYOUT_CREDITS.contains(&head) || SOURCES.contains(&head))
}

/// What stands before a label's colon: `版式设计：蔡华伟` → `版式设计`; `None` without a colon.
fn label_head(t: &str) -> Option<&str> {
    t.find(['：', ':']).map(|at| t[..at].trim())
}

/// `版式设计：蔡华伟`, `版式：蔡华伟`, `本版制图：张丹`, `图片来源：人民视觉`, `责任编辑：李明`
/// — the credit for a page's layout, chart, pictures or editing (版式、制图、美编、责编).
/// The e-paper closes an item with it: the line under it, unless another credit, opens
/// the next item (104 of the 107 such lines in the 2019 dev truth do, 15 of them a kicker).
pub fn is_layout_credit(text: &str) -> bool {
    let t = bare_label(text);
    short_label(t) && label_head(t).is_some_and(|head| LAYOUT_CREDITS.contains(&head))
}

/// The words a layout credit opens with, before its colon (`版式设计：`, `责编：`).
const LAYOUT_CREDITS: [&str; 18] = [
    "版式设计",
    "版式",
    "版面设计",
    "美编",
    "美术编辑",
    "责任编辑",
    "本版编辑",
    "图片编辑",
    "本版图片来源",
    "本期统筹",
    "本版制图",
    "制图",
    "本版统筹",
    "本版责编",
    "责编",
    "图片来源",
    "稿件统筹",
    "统筹",
];

/// Thirty characters at most: a label or a credit line (`版式设计：蔡华伟`). The byte
/// length settles most lines at once (a character takes four bytes at most).
fn short_label(t: &str) -> bool {
    t.len() <= 30 || (t.len() <= 4 * 30 && char_len(t) <= 30)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_a_head_shares_with_the_story_before_it() {
        let story =
            ["云溪县最后一条村道建成通车，村民们敲锣打鼓迎来了第一辆客车。", "县交通局说，明年还要修三条村道。"];
        // Of `县城 城修 修通 通村 村道`, only `村道` comes back.
        assert_eq!(overlap(&["县城修通村道"], story.iter().copied()), 1.0 / 5.0);
        assert_eq!(overlap(&["春耕"], story.iter().copied()), 0.0);
        assert_eq!(overlap(&["ABC"], story.iter().copied()), 0.0, "no Han pairs to look for");
        // Both shares in one reading, as `overlap` gives each.
        for (head, next) in
            [("县城修通村道", "本报讯云溪县村道通车了"), ("春耕", "县里开会"), ("", "客车"), ("客车", "")]
        {
            assert_eq!(
                overlaps(head, next, story.iter().copied()),
                (overlap(&[head, next], story.iter().copied()), overlap(&[head], story.iter().copied())),
                "{head} / {next}"
            );
        }
    }
}
