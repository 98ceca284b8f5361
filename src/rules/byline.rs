//! Bylines (署名), credits and datelines (电头) as Chinese papers print them.
//!
//! The forms handled, each from real pages:
//! - in the lead: `本报讯(记者郭树林 通讯员王伟)11月29日下午,…`
//! - a wire dateline: `新华社北京１月４日电（记者李明尔）…`, `据新华社…电`
//! - a local dateline: `本报蚌埠１月１日电记者黄振中、白剑峰报道：…`
//! - a byline line: `本报记者 郭树林`, `本报记者周锦鹏毛立`, `□沁风`
//! - a credit at the end: `（陆明沈建国）`, `（新华社记者樊如松摄）`, `…杨松摄`

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Contributor, Role};
use crate::rules::names::{could_be_pen_name, looks_like_name, split_names, surname_len};

/// A date as papers print it: `11月29日`, `１２月３１日`, `十二月三十一日`, optionally with the year.
pub const DATE: &str = r"(?:[0-9０-９一二三四五六七八九〇零]{2,4}年)?[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日";
const PART_OF_DAY: &str = r"(?:上午|下午|中午|晚上|晚间|傍晚|凌晨|早晨|清晨|夜间|晚|夜|早)";

/// `新华社北京１月４日电`, `据新华社北京…电`, `本报杭州１月４日电`, `本报北京１２月３１日讯`.
static WIRE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:据)?((?:新华社|中新社|本报|本刊|人民日报)(?:[^\s，,。：:（(]{{0,16}}?)(?:{DATE}|[0-9０-９一二三四五六七八九十]{{1,3}}日)(?:电|讯))"
    ))
    .unwrap()
});

/// A dateline without its date, known by the byline right after it: `本报福州电记者赵鹏报道：`.
static UNDATED_DATELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:据)?((?:新华社|中新社|本报)\p{Han}{0,6}?电)(?:记者|特约记者|[（(])").unwrap());

/// `本报讯`, optionally followed by a parenthesised byline.
static BENBAO_XUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:本报讯|本刊讯|本台讯|讯)").unwrap());

/// A byline in brackets right after the dateline: `（记者李明尔）`.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[（(]([^（）()]{2,60})[）)]").unwrap());

/// An unbracketed byline after a local dateline: `记者黄振中、白剑峰报道：`.
static REPORTED_BY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([^。：:]{2,60}?)报道[：:，,]").unwrap());

/// A reporter named in the lead's first clause: `记者陈陆军从广播电影电视部获悉`.
static REPORTER_LEARNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:本报|新华社)?(?:特约)?记者(\p{Han}{2,3}?)(?:从|在|获悉|日前|近日|今天|昨天|昨日|今日)").unwrap()
});

/// The time phrase opening a lead: `11月29日下午`, `日前`, `近日`.
static LEAD_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:{DATE}{PART_OF_DAY}?|日前|近日)(?:[，,]|[^，,。]{{0,2}}$)?")).unwrap());
static LEAD_TIME_PHRASE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:{DATE}{PART_OF_DAY}?|日前|近日)")).unwrap());

/// Role words, longest first so that `摄影记者` wins over `记者`.
const ROLE_WORDS: [(&str, Role); 19] = [
    ("特约通讯员", Role::Correspondent),
    ("摄影记者", Role::Photographer),
    ("特约记者", Role::Reporter),
    ("见习记者", Role::Reporter),
    ("实习记者", Role::Reporter),
    ("责任编辑", Role::Editor),
    ("特约撰稿", Role::Author),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Reporter),
    ("评论员", Role::Author),
    ("撰稿人", Role::Author),
    ("撰稿", Role::Author),
    ("记者", Role::Reporter),
    ("编辑", Role::Editor),
    ("摄影", Role::Photographer),
    ("作者", Role::Author),
    ("照片", Role::Photographer),
    ("文/", Role::Author),
    ("图/", Role::Photographer),
];

/// The last characters of the role words: where a role word can end.
const ROLE_WORD_ENDS: [char; 9] = ['员', '者', '稿', '辑', '影', '人', '生', '片', '/'];

/// What follows the name of who drew, wrote out or excerpted a piece: `作`, `画`, `摘`.
const MAKER_MARKS: [char; 3] = ['作', '画', '摘'];

/// News agencies credited as a whole when no person is named.
const AGENCIES: [&str; 6] = ["新华社", "中新社", "美联社", "路透社", "法新社", "共同社"];

/// What a lead paragraph opens with: dateline, byline, and where the story starts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeadOpening {
    /// 电头 as printed (`新华社北京１月４日电`), or the time phrase that opens the story.
    pub dateline: Option<String>,
    /// True when the dateline is a wire/local 电头, false for a time phrase.
    pub is_wire: bool,
    pub contributors: Vec<Contributor>,
    /// True when the paragraph opens like a news lead (`本报讯`, a 电头).
    pub news_opener: bool,
}

/// Reads the opening of a lead paragraph (markdown already stripped).
pub fn parse_lead(text: &str) -> LeadOpening {
    let mut out = LeadOpening::default();
    let mut rest = text.trim_start();
    if let Some(m) = WIRE_DATELINE.captures(rest) {
        let whole = m.get(0).unwrap();
        out.dateline = Some(m[1].to_string());
        out.is_wire = true;
        out.news_opener = true;
        rest = &rest[whole.end()..];
        rest = rest.trim_start_matches(['）', ')']).trim_start();
    } else if let Some(m) = UNDATED_DATELINE.captures(rest) {
        out.dateline = Some(m[1].to_string());
        out.is_wire = true;
        out.news_opener = true;
        rest = &rest[m.get(1).unwrap().end()..];
    } else if let Some(m) = BENBAO_XUN.find(rest) {
        out.news_opener = true;
        rest = rest[m.end()..].trim_start();
    } else {
        // No opener: the lead may still open with its time phrase.
        if let Some(m) = LEAD_TIME_PHRASE.find(rest) {
            if LEAD_TIME.is_match(rest) {
                out.dateline = Some(m.as_str().to_string());
            }
        }
        return out;
    }
    if let Some(m) = BRACKETED.captures(rest) {
        let people = parse_credit(&m[1], Role::Reporter);
        if !people.is_empty() {
            out.contributors = people;
            rest = rest[m.get(0).unwrap().end()..].trim_start();
        }
    } else if let Some(m) = REPORTED_BY.captures(rest) {
        let people = parse_credit(&m[1], Role::Reporter);
        if !people.is_empty() {
            out.contributors = people;
            rest = &rest[m.get(0).unwrap().end()..];
        }
    } else if let Some(m) = REPORTER_LEARNED.captures(rest) {
        if split_names(&m[1]).is_some_and(|n| n.len() == 1) {
            out.contributors = vec![Contributor::new(&m[1], Role::Reporter)];
        }
    }
    if out.dateline.is_none() {
        if let Some(m) = LEAD_TIME_PHRASE.find(rest) {
            out.dateline = Some(m.as_str().to_string());
        }
    }
    out
}

/// Parses credit text such as `记者郭树林 通讯员王伟`,
/// `中央人民广播电台记者刘振国、新华社记者张宿明`, `新华社记者樊如松摄`, `陆明沈建国`.
/// Names without a role word of their own take the role before them (or `default`).
pub fn parse_credit(text: &str, default: Role) -> Vec<Contributor> {
    let closed = crate::rules::names::close_padded_names(text);
    let (body, credited) = credit_body(&closed);
    let photo = credited == Some(Role::Photographer);
    let mut role = credited.unwrap_or(default);
    let mut out: Vec<Contributor> = Vec::new();
    for chunk in body.split(|c: char| c.is_whitespace() || "、，,/；;".contains(c)) {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        // Each role word governs the names after it, up to the next role word:
        // `新华社记者孙茂庆新华社通讯员钱友荣郭凯` → reporter 孙茂庆, correspondents 钱友荣, 郭凯.
        // What stands before the first role word is an affiliation (`新华社`, `本报驻泰国`).
        let (_, parts) = credit_parts(chunk);
        for (part, part_role) in parts {
            if let Some(r) = part_role {
                role = if photo { Role::Photographer } else { r };
            }
            let names_part = strip_affiliation(part.trim_start_matches(['：', ':']));
            if names_part.is_empty() {
                continue;
            }
            match split_names(names_part) {
                Some(names) => {
                    for name in names {
                        if !out.iter().any(|c| c.name == name) {
                            out.push(Contributor::new(name, role));
                        }
                    }
                }
                None => {
                    if AGENCIES.contains(&names_part) && out.is_empty() {
                        out.push(Contributor::new(names_part, Role::Agency));
                    }
                }
            }
        }
    }
    out
}

/// A credit without the word that ends it, and the role that word gives every name:
/// `…摄` / `…摄影报道` a photographer; `（张滨作）` under a calligraphy, `（方成画）` under
/// a cartoon, `（木易摘）` under an excerpt the artist or compiler (not a name ending in 作).
fn credit_body(text: &str) -> (&str, Option<Role>) {
    // `（本报记者 张丹华整理）`, `（记者李明采访整理）`, `（王强执笔）`: the word for who compiled or
    // wrote it up closes the credit and is no part of the last name.
    let text = text.trim().trim_end_matches("报道").trim_end();
    let text = ["采访整理", "整理", "执笔"].iter().find_map(|w| text.strip_suffix(w)).map_or(text, str::trim_end);
    if text.ends_with('摄') || text.ends_with("摄影") {
        return (text.trim_end_matches("摄影").trim_end_matches('摄').trim(), Some(Role::Photographer));
    }
    match text.strip_suffix(MAKER_MARKS).filter(|maker| split_names(maker).is_some()) {
        Some(maker) => (maker, Some(Role::Author)),
        None => (text, None),
    }
}

/// Splits one credit chunk at its role words: the affiliation before the first
/// (`新华社`, `本报驻泰国`), then each role word's names up to the next role word.
/// A chunk without a role word is one part of names with no role of its own.
fn credit_parts(chunk: &str) -> (&str, Vec<(&str, Option<Role>)>) {
    let roles = role_words_in(chunk);
    let Some(&(first, _, _)) = roles.first() else {
        return ("", vec![(chunk, None)]);
    };
    let parts = roles
        .iter()
        .enumerate()
        .map(|(k, &(pos, word, role))| {
            let end = roles.get(k + 1).map_or(chunk.len(), |&(next, _, _)| next);
            (&chunk[pos + word.len()..end], Some(role))
        })
        .collect();
    (&chunk[..first], parts)
}

/// Every role word in `chunk`, left to right, the longest where several start at one place.
fn role_words_in(chunk: &str) -> Vec<(usize, &'static str, Role)> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < chunk.len() {
        let rest = &chunk[at..];
        // ROLE_WORDS is ordered longest first.
        if let Some(&(word, role)) = ROLE_WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
            found.push((at, word, role));
            at += word.len();
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// Names run into the next credit's affiliation: `黄运成新华社` → `黄运成`.
fn strip_affiliation(names: &str) -> &str {
    const ORG_ENDS: [char; 12] = ['社', '报', '台', '站', '部', '局', '院', '团', '厂', '会', '刊', '网'];
    let chars: Vec<(usize, char)> = names.char_indices().collect();
    // First a cut where the next credit's organisation visibly begins:
    // `成元生国际广播电台` → 成元生, not 成元生国际广; `黄运成新华社` → 黄运成, not 黄运·成新·华社.
    const ORG_OPENINGS: [&str; 10] =
        ["新华社", "中新社", "本报", "本刊", "中央", "中国", "国际", "人民", "经济日报", "光明日报"];
    for &(at, _) in chars.iter().take(chars.len().saturating_sub(2)).skip(2) {
        let (head, tail) = names.split_at(at);
        if ORG_OPENINGS.iter().any(|o| tail.starts_with(o)) && split_names(head).is_some() {
            return head;
        }
    }
    if split_names(names).is_some() {
        return names;
    }
    for cut in (2..chars.len()).rev() {
        let (at, _) = chars[cut];
        let (head, tail) = names.split_at(at);
        let tail_is_org = tail.ends_with(ORG_ENDS) || AGENCIES.contains(&tail);
        if tail_is_org && split_names(head).is_some() {
            return head;
        }
    }
    names
}

/// The role word that ends last in `chunk` (the longer where two end together):
/// read from the right, so a line with no role word costs one pass, not one search per word.
fn last_role_word(chunk: &str) -> Option<(usize, &'static str, Role)> {
    for (at, c) in chunk.char_indices().rev().filter(|&(_, c)| ROLE_WORD_ENDS.contains(&c)) {
        let head = &chunk[..at + c.len_utf8()];
        // ROLE_WORDS is ordered longest first.
        if let Some(&(word, role)) = ROLE_WORDS.iter().find(|(w, _)| head.ends_with(w)) {
            return Some((head.len() - word.len(), word, role));
        }
    }
    None
}

/// `内容提要`, `内容摘要`, `导读` — the label over a summary: never a signature. (Not a box
/// label: a 1998 page sets one as the headline of a box of its own.)
pub fn is_summary_label(text: &str) -> bool {
    matches!(crate::rules::shapes::bare_label(text), "内容提要" | "内容摘要" | "提要" | "摘要" | "导读")
}

/// A line that is nothing but a byline: `本报记者 郭树林`, `本报记者周锦鹏毛立`,
/// `□沁风`, `邓明苏曹龙飞`, `县委书记、县长赵建国`.
pub fn parse_byline_line(line: &str) -> Option<Vec<Contributor>> {
    // A paragraph is turned away before anything is built: closing padded names up
    // removes only white space, so more than 40 other characters stay more than 40.
    if line.chars().filter(|c| !c.is_whitespace()).nth(40).is_some() {
        return None;
    }
    let closed = crate::rules::names::close_padded_names(line.trim());
    let s = closed.as_ref();
    let n = s.chars().count();
    if n == 0
        || n > 40
        || crate::text::ends_sentence(s)
        || crate::rules::shapes::is_box_label(s)
        || crate::rules::shapes::ends_on_attendance(s)
    {
        return None;
    }
    // Pen names and signatures after a box or bullet: `□沁风`, `■本报评论员`. A longer
    // bulleted line is a subhead or a pull quote (`■优化环境兴投资`, `■广东省博物馆`)
    // unless the credit rules find its people: a pen name is at most four characters.
    if let Some(rest) = s.strip_prefix(['□', '■', '◎', '△']) {
        let rest = rest.trim();
        let chars = rest.chars().count();
        if (1..=8).contains(&chars) && rest.chars().all(crate::text::is_han) {
            let people = parse_credit(rest, Role::Author);
            if !people.is_empty() {
                return Some(people);
            }
            if chars <= 4 && !is_summary_label(rest) {
                return Some(vec![Contributor::new(rest, Role::Author)]);
            }
        }
        return None;
    }
    if let Some((pos, word, role)) = last_role_word(s) {
        // A role alone is a signature too: `本报评论员`, `本报特约评论员`.
        let after = &s[pos + word.len()..];
        if after.trim().is_empty() && role == Role::Author && pos <= 12 {
            return Some(vec![Contributor::new(s, Role::Author)]);
        }
        let people = parse_credit(s, Role::Author);
        // Every Han character must be accounted for by roles, affiliations or names.
        if !people.is_empty() && n <= 30 {
            return Some(people);
        }
        return None;
    }
    if !s.chars().all(|c| crate::text::is_han(c) || c.is_whitespace() || matches!(c, '、' | '·')) {
        return None;
    }
    if let Some(people) = signed_with_address(s) {
        return Some(people);
    }
    // Names alone: `邓明苏曹龙飞`, `胡昭衡` (at most four names printed together).
    let parts: Vec<&str> = s.split(char::is_whitespace).filter(|p| !p.is_empty()).collect();
    let mut people = Vec::new();
    for part in &parts {
        match split_names(part).filter(|names| names.len() <= 4) {
            Some(names) => people.extend(names.into_iter().map(|n| Contributor::new(n, Role::Author))),
            None => {
                // Title then name: `县长赵建国`.
                let tail = title_then_name(part)?;
                people.push(Contributor::new(tail, Role::Author));
            }
        }
    }
    (!people.is_empty()).then_some(people)
}

/// Official and professional titles that precede a signed author's name
/// (`水利部部长钮茂生`, `国务院发展研究中心研究员陈锡文`).
const TITLES: [&str; 36] = [
    "主席",
    "总书记",
    "书记",
    "总理",
    "部长",
    "主任",
    "省长",
    "市长",
    "县长",
    "区长",
    "委员长",
    "院长",
    "司令员",
    "政委",
    "秘书长",
    "研究员",
    "所长",
    "司长",
    "局长",
    "处长",
    "会长",
    "理事长",
    "教授",
    "社长",
    "主编",
    "总编辑",
    "董事长",
    "经理",
    "厂长",
    "院士",
    "校长",
    "大使",
    "总监",
    "行长",
    "署长",
    "主委",
];

/// `县委书记、县长赵建国` → 赵建国.
fn title_then_name(s: &str) -> Option<String> {
    let last = s.rsplit('、').next()?;
    for t in TITLES {
        if let Some(pos) = last.rfind(t) {
            let name = &last[pos + t.len()..];
            if looks_like_name(name) {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// Credit at the end of a paragraph: `…（新华社记者樊如松摄）`, `…杨松摄`, a whole
/// line `（陆明沈建国）`. Returns the contributors and the byte offset where the credit starts.
pub fn parse_trailing_credit(paragraph: &str) -> Option<(Vec<Contributor>, usize)> {
    let s = paragraph.trim_end();
    if let Some(inner) = s.strip_suffix(['）', ')']) {
        let open = inner.rfind(['（', '('])?;
        let content = inner[open..].trim_start_matches(['（', '(']);
        if content.contains('电') || content.contains("附图") || content.chars().count() > 30 {
            return None;
        }
        let people = parse_credit(content, Role::Reporter);
        // Reject brackets that are prose: every part must have parsed as names.
        if people.is_empty() || !credit_is_only_names(content) {
            if let Some(writers) = letter_writers(content) {
                return Some((writers, open));
            }
            // A pen name signs a brief only where a sentence has ended: `…作了探索。（忠辉）`.
            let before = inner[..open].trim_end();
            if before.is_empty() || crate::text::ends_sentence(before) {
                return pen_names(content).map(|names| (names, open));
            }
            return None;
        }
        return Some((people, open));
    }
    // `…发展有着重要意义。杨松摄`: a name and 摄 after the last sentence.
    let body = s.strip_suffix('摄')?;
    let start = body
        .char_indices()
        .rev()
        .find(|&(_, c)| !(crate::text::is_han(c) || c.is_whitespace() || c == '/'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let tail = &body[start..];
    let people = parse_credit(&format!("{tail}摄"), Role::Photographer);
    if people.is_empty() || tail.chars().count() > 16 {
        return None;
    }
    Some((people, start))
}

/// `———王文西（山东）`, `——编  者`, `——@山里人`, `——金铁铃` — a dash before a name that
/// signs what is above it: a reader's contribution (the writers, then where they write
/// from), an editor's note, a netizen's post, a quotation. Returns the writers when the
/// line names where they write from; a signature without a place names the one quoted
/// (`——习近平` under his words), no author, so it gives none.
pub fn parse_dash_signature(text: &str) -> Option<Vec<Contributor>> {
    let t = text.trim();
    let rest = t.trim_start_matches(['—', '-']);
    if rest.len() == t.len() || rest.chars().count() > 16 {
        return None;
    }
    let closed = crate::rules::names::close_padded_names(rest);
    let closed = closed.trim();
    if closed == "编者" || closed.starts_with('@') {
        return Some(Vec::new());
    }
    let (names, placed) = match closed.strip_suffix(['）', ')']).and_then(|r| r.rsplit_once(['（', '('])) {
        Some((names, place)) if (2..=8).contains(&place.chars().count()) && place.chars().all(crate::text::is_han) => {
            (names, true)
        }
        _ => (closed, false),
    };
    if !names.chars().all(crate::text::is_han) {
        return None;
    }
    let names = split_names(names).filter(|v| v.iter().all(|n| looks_like_name(n)))?;
    Some(if placed { names.into_iter().map(|n| Contributor::new(n, Role::Author)).collect() } else { Vec::new() })
}

/// `江西玉山县李芳琴`: the inside of a bracket that signs a reader's letter, not a column tag.
pub fn is_letter_signature(content: &str) -> bool {
    letter_writers(content).is_some()
}

/// A reader's letter signed with where the writer works or lives, then the name:
/// `贵州玉屏县委办公室伍洪伦`, `河南偃师市公安局焦宏`, `吉林省吉林市齐洁爽`, and two
/// writers `湖北麻城市交通局熊承元毕宗锐`.
fn letter_writers(content: &str) -> Option<Vec<Contributor>> {
    // The last character of a place or a workplace.
    const PLACE_ENDS: &str = "省市县区州盟旗乡镇村委室厂局报社司校院所站队部处会行店场团办矿园馆";
    let chars: Vec<(usize, char)> = content.char_indices().collect();
    let n = chars.len();
    if !(4..=26).contains(&n) || !content.chars().all(crate::text::is_han) {
        return None;
    }
    // One name of three or two characters (three is commoner), else two names printed together.
    [(3, 1), (2, 1), (6, 2), (5, 2), (4, 2)].into_iter().filter(|&(len, _)| n >= len + 2).find_map(|(len, count)| {
        let (at, _) = chars[n - len];
        let (place, names) = content.split_at(at);
        let place_ends = place.chars().last().is_some_and(|c| PLACE_ENDS.contains(c));
        // `信息司司长闵耀良` is a title and a name, not two names.
        if TITLES.iter().any(|t| names.starts_with(t)) {
            return None;
        }
        let names = split_names(names).filter(|v| v.len() == count)?;
        place_ends.then(|| names.into_iter().map(|name| Contributor::new(name, Role::Author)).collect())
    })
}

/// Briefs signed with two-character pen names: `（小苏）`, `（雪村守仁）`, `（亚宣摄）`.
fn pen_names(content: &str) -> Option<Vec<Contributor>> {
    // Editorial marks that share the shape: `（待续）`, `（试行）`, `（新华）`.
    const MARKS: [&str; 27] = [
        "待续", "未完", "续完", "全文", "摘要", "节选", "摘编", "节录", "摘登", "选载", "连载", "译文", "试行", "草案",
        "修订", "图片", "附图", "上篇", "下篇", "新华", "中新", "本报", "特稿", "简讯", "照片", "传真", "资料",
    ];
    let photo = content.ends_with('摄');
    let body = content.trim_end_matches('摄');
    let role = if photo { Role::Photographer } else { Role::Author };
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let names: Vec<&str> = match chars.len() {
        2 => vec![body],
        4 => {
            let (a, b) = body.split_at(chars[2].0);
            vec![a, b]
        }
        _ => return None,
    };
    if names.iter().any(|n| !could_be_pen_name(n) || MARKS.contains(n)) {
        return None;
    }
    Some(names.into_iter().map(|n| Contributor::new(n, role)).collect())
}

/// A letter writer's signature on a line of its own must name a place: `湖南郴州市刘洪杰`.
fn signed_with_address(line: &str) -> Option<Vec<Contributor>> {
    // Longer lines are headlines that merely end like a name (`…整治市区交通`).
    if line.chars().count() > 16 {
        return None;
    }
    let people = letter_writers(line)?;
    let names_len: usize = people.iter().map(|p| p.name.len()).sum();
    let place = &line[..line.len() - names_len];
    (place.chars().count() >= 3 && place.contains(['省', '市', '县', '区', '州'])).then_some(people)
}

/// True when a credit holds only role words, affiliations and names (no prose).
fn credit_is_only_names(content: &str) -> bool {
    let (body, _) = credit_body(content);
    body.split(|c: char| c.is_whitespace() || "、，,".contains(c)).filter(|c| !c.is_empty()).all(|chunk| {
        let (affiliation, parts) = credit_parts(chunk);
        // What precedes the first role word is an affiliation, and a short one.
        if affiliation.chars().count() > 10 {
            return false;
        }
        parts.into_iter().all(|(names, _)| {
            let names = names.trim_start_matches(['：', ':']);
            names.is_empty() || split_names(strip_affiliation(names)).is_some() || AGENCIES.contains(&names)
        })
    })
}

/// True if a line is a news lead opener (本报讯, a 电头).
pub fn is_news_opener(text: &str) -> bool {
    let t = text.trim_start();
    WIRE_DATELINE.is_match(t) || UNDATED_DATELINE.is_match(t) || BENBAO_XUN.is_match(t)
}

/// Where a lead's wire dateline (电头) ends, in bytes of the text with its leading space
/// trimmed: `据新华社北京2月20日电（记者吴嘉林）…` → right after `电`.
pub fn dateline_end(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let m = WIRE_DATELINE.captures(t).or_else(|| UNDATED_DATELINE.captures(t))?;
    m.get(1).map(|g| g.end())
}

/// A name printed alone after a surname check (used for names in brackets).
pub fn is_person_name(s: &str) -> bool {
    looks_like_name(s) && surname_len(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    fn names(v: &[Contributor]) -> Vec<(&str, Role)> {
        v.iter().map(|c| (c.name.as_str(), c.role)).collect()
    }

    #[test]
    fn benbaoxun_with_reporter_and_correspondent() {
        let lead = parse_lead("本报讯(记者李新华 通讯员王伟)3月29日下午,县委书记主持召开常委会会议。");
        assert_eq!(names(&lead.contributors), [("李新华", Reporter), ("王伟", Correspondent)]);
        assert_eq!(lead.dateline.as_deref(), Some("3月29日下午"));
        assert!(lead.news_opener && !lead.is_wire);
    }

    #[test]
    fn wire_dateline_with_two_agencies() {
        let lead = parse_lead(
            "新华社北京十二月三十一日电（中央人民广播电台记者刘振国、新华社记者张宿明）今天是一年的最后一天。",
        );
        assert_eq!(lead.dateline.as_deref(), Some("新华社北京十二月三十一日电"));
        assert_eq!(names(&lead.contributors), [("刘振国", Reporter), ("张宿明", Reporter)]);
    }

    #[test]
    fn reported_dateline_after_local_bureau() {
        let lead = parse_lead("本报蚌埠１月１日电记者黄振华、白剑锋报道：新年的钟声刚刚敲响，");
        assert_eq!(lead.dateline.as_deref(), Some("本报蚌埠１月１日电"));
        assert_eq!(names(&lead.contributors), [("黄振华", Reporter), ("白剑锋", Reporter)]);
        let lead = parse_lead("本报北京１２月３１日讯新华社记者陈雁、本报记者何正报道：在度过了");
        assert_eq!(lead.dateline.as_deref(), Some("本报北京１２月３１日讯"));
        assert_eq!(names(&lead.contributors), [("陈雁", Reporter), ("何正", Reporter)]);
    }

    #[test]
    fn quoted_wire_keeps_dateline_without_ju() {
        let lead = parse_lead("据新华社北京１月９日电（记者于海明）中央军委副主席今天下午会见了");
        assert_eq!(lead.dateline.as_deref(), Some("新华社北京１月９日电"));
        assert_eq!(names(&lead.contributors), [("于海明", Reporter)]);
    }

    #[test]
    fn lead_time_phrase_without_opener() {
        assert_eq!(parse_lead("11月30日,县西镇高速公路工地,工人们在加紧施工。").dateline.as_deref(), Some("11月30日"));
        assert_eq!(parse_lead("走进开发区,一系列成绩见证蓬勃成长。").dateline, None);
    }

    #[test]
    fn byline_lines() {
        assert!(ROLE_WORDS.iter().all(|(w, _)| w.chars().last().is_some_and(|c| ROLE_WORD_ENDS.contains(&c))));
        assert_eq!(last_role_word("本报摄影记者 林川"), Some((6, "摄影记者", Role::Photographer)));
        assert_eq!(last_role_word("特约通讯员王伟 记者李明"), Some((22, "记者", Role::Reporter)));
        assert_eq!(last_role_word("云溪县城关镇洪立新"), None);
        assert_eq!(names(&parse_byline_line("云溪县城关镇洪立新").unwrap()), [("洪立新", Author)]);
        assert_eq!(parse_byline_line("县城街景"), None);
        assert_eq!(names(&parse_byline_line("本报记者 郭树明  ").unwrap()), [("郭树明", Reporter)]);
        assert_eq!(names(&parse_byline_line("本报通讯员 原钰华").unwrap()), [("原钰华", Correspondent)]);
        assert_eq!(
            names(&parse_byline_line("本报记者周锦鹏毛立").unwrap()),
            [("周锦鹏", Reporter), ("毛立", Reporter)]
        );
        assert_eq!(names(&parse_byline_line("□沁风").unwrap()), [("沁风", Author)]);
        // A bulleted subhead, pull quote or box label is no pen name.
        assert_eq!(parse_byline_line("■优化环境兴投资"), None);
        assert_eq!(parse_byline_line("■云溪县博物馆"), None);
        assert_eq!(parse_byline_line("■小贴士"), None);
        assert_eq!(parse_byline_line("■内容提要"), None);
        assert_eq!(parse_byline_line("人物小传"), None);
        // A deck naming who attended is no list of four names.
        assert_eq!(parse_byline_line("吴建华林小梅赵国强出席"), None);
        assert_eq!(names(&parse_byline_line("邓明苏曹龙飞").unwrap()), [("邓明苏", Author), ("曹龙飞", Author)]);
        assert_eq!(names(&parse_byline_line("县委书记、县长赵建国").unwrap()), [("赵建国", Author)]);
        assert_eq!(parse_byline_line("县领导调研恐龙园项目建设"), None);
        assert_eq!(parse_byline_line("会议还研究了其他事项。"), None);
    }

    #[test]
    fn trailing_credits() {
        let (p, _) = parse_trailing_credit("（陆明沈建国）").unwrap();
        assert_eq!(names(&p), [("陆明", Reporter), ("沈建国", Reporter)]);
        // Who wrote an interview up: the closing word is no part of a name.
        let (p, _) = parse_trailing_credit("（本报记者 林小梅整理）").unwrap();
        assert_eq!(names(&p), [("林小梅", Reporter)]);
        let (p, _) = parse_trailing_credit("（本报记者 洪立新 赵国强采访整理）").unwrap();
        assert_eq!(names(&p), [("洪立新", Reporter), ("赵国强", Reporter)]);
        let (p, _) = parse_trailing_credit("元旦来临，长街悬挂起大红灯笼。（新华社记者戴松摄）").unwrap();
        assert_eq!(names(&p), [("戴松", Photographer)]);
        let (p, at) = parse_trailing_credit("对进一步加强融合发展有着重要意义。杨松摄").unwrap();
        assert_eq!(names(&p), [("杨松", Photographer)]);
        assert_eq!(at, "对进一步加强融合发展有着重要意义。".len());
        let (p, _) = parse_trailing_credit("（责任编辑：马小林）").unwrap();
        assert_eq!(names(&p), [("马小林", Editor)]);
        let (p, _) = parse_trailing_credit("（新华社）").unwrap();
        assert_eq!(names(&p), [("新华社", Agency)]);
        assert_eq!(parse_trailing_credit("（本报华盛顿１月５日电）"), None);
        // A reader's letter: where the writer works, then the name.
        let (p, _) = parse_trailing_credit("这股风该刹一刹了。（云溪县农机站办公室洪立新）").unwrap();
        assert_eq!(names(&p), [("洪立新", Author)]);
        let (p, _) = parse_trailing_credit("（云溪县城关镇王芳）").unwrap();
        assert_eq!(names(&p), [("王芳", Author)]);
        let (p, _) = parse_trailing_credit("（云溪县交通局宋明远邓海）").unwrap();
        assert_eq!(names(&p), [("宋明远", Author), ("邓海", Author)]);
        assert_eq!(parse_trailing_credit("他在县里工作。（详见本报第三版）"), None);
        // Briefs signed with pen names.
        let (p, _) = parse_trailing_credit("全县今年新修村道八十公里。（溪文）").unwrap();
        assert_eq!(names(&p), [("溪文", Author)]);
        let (p, _) = parse_trailing_credit("（山石柳岸）").unwrap();
        assert_eq!(names(&p), [("山石", Author), ("柳岸", Author)]);
        assert_eq!(parse_trailing_credit("连载小说《山路》。（待续）"), None);
        assert_eq!(parse_trailing_credit("县里印发了管理办法（试行）"), None);
        assert_eq!(parse_trailing_credit("（附图片１张）"), None);
    }

    #[test]
    fn dash_signatures() {
        let p = parse_dash_signature("———李东旭马丽静（溪口）").unwrap();
        assert_eq!(names(&p), [("李东旭", Author), ("马丽静", Author)]);
        assert_eq!(parse_dash_signature("——王文西"), Some(vec![]), "the one quoted is no author");
        assert_eq!(parse_dash_signature("——编  者"), Some(vec![]));
        assert_eq!(parse_dash_signature("——记县供销社的女当家"), None, "a deck");
        assert_eq!(parse_dash_signature("王文西（云溪）"), None);
        assert_eq!(parse_trailing_credit("党委(党组)书记要切实担负起责任(见下文)"), None);
    }

    #[test]
    fn every_role_word_governs_the_names_after_it() {
        let p = parse_byline_line("新华社记者洪庆山新华社通讯员傅立群赖春").unwrap();
        assert_eq!(names(&p), [("洪庆山", Reporter), ("傅立群", Correspondent), ("赖春", Correspondent)]);
        let p = parse_byline_line("本报驻曼谷记者谢远东国际广播电台记者宁祝华").unwrap();
        assert_eq!(names(&p), [("谢远东", Reporter), ("宁祝华", Reporter)]);
        let p = parse_byline_line("县报记者周海新华社记者林小川").unwrap();
        assert_eq!(names(&p), [("周海", Reporter), ("林小川", Reporter)]);
    }

    #[test]
    fn picture_and_artwork_credits() {
        let (p, _) = parse_trailing_credit("姐妹俩又聊了起来。（本报记者林一帆摄影报道）").unwrap();
        assert_eq!(names(&p), [("林一帆", Photographer)]);
        let (p, _) = parse_trailing_credit("（压题照片：洪小雨摄）").unwrap();
        assert_eq!(names(&p), [("洪小雨", Photographer)]);
        let (p, _) = parse_trailing_credit("瑞雪兆丰年。（陈墨作）").unwrap();
        assert_eq!(names(&p), [("陈墨", Author)]);
        let (p, _) = parse_trailing_credit("（江一舟画）").unwrap();
        assert_eq!(names(&p), [("江一舟", Author)]);
    }

    #[test]
    fn dateline_without_its_date() {
        let lead = parse_lead("本报云溪电记者宋庆华报道：县里的冬修水利全面铺开。");
        assert_eq!(lead.dateline.as_deref(), Some("本报云溪电"));
        assert_eq!(names(&lead.contributors), [("宋庆华", Reporter)]);
        assert!(is_news_opener("本报云溪电（记者宋庆华）县里的冬修水利全面铺开。"));
        assert!(!is_news_opener("本报电视专栏今年改版。"));
    }
}
