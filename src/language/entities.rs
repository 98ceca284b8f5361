//! People, places and organisations named in an article.
//!
//! People: the byline, then names in the text that the rules can vouch for —
//! a title before the name (`市委书记郭新杰`, `总监程飞`) or after it
//! (`习近平总书记`), attendee lists (`领导刘阳、狄丽珠、卫国宾……出席会议`,
//! `…等参加调研`), names the archive already knows, and words the HMM tagged
//! `nr` that are not dictionary words and start with a surname.
//! Places: the bundled list of PRC places, jieba's `ns`, and suffix rules
//! (`西万镇`). Organisations: a suffix (`学院`, `集团`, `有限公司`, `中心`…) and
//! the name-like words before it (`吉利远程新能源商用车集团`).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::{for_segmenter, Language};
use crate::model::Contributor;
use crate::rules::names::{is_common_surname, is_tibetan_name_word, looks_like_name, surname_len};

/// What [`find`] found, each list in order of first mention.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entities {
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub organizations: Vec<String>,
}

/// Titles that stand right before (or after) a person's name.
const TITLES: &[&str] = &[
    "总书记",
    "书记",
    "主席",
    "总理",
    "副总理",
    "部长",
    "省长",
    "市长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "村长",
    "主任",
    "局长",
    "处长",
    "科长",
    "厅长",
    "所长",
    "院长",
    "校长",
    "厂长",
    "总监",
    "经理",
    "总经理",
    "董事长",
    "总裁",
    "会长",
    "理事长",
    "秘书长",
    "委员",
    "常委",
    "主持人",
    "教授",
    "研究员",
    "院士",
    "专家",
    "大使",
    "领导",
    "同志",
    "记者",
    "通讯员",
    "负责人",
    "代表",
    "主委",
    "政委",
    "司令员",
    "老师",
    "医生",
];

/// Verbs that close an attendee list: `…出席会议`, `…等参加调研`.
static ATTENDEES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\p{Han}{2,12}、(?:\p{Han}{2,4}、)*\p{Han}{2,4})(?:等)?(?:同志)?(?:出席|参加|列席|陪同|参与|会见|看望|一同)",
    )
    .unwrap()
});

/// Organisation suffixes, longest first.
const ORG_SUFFIXES: &[&str] = &[
    "有限责任公司",
    "股份有限公司",
    "有限公司",
    "委员会",
    "科学院",
    "研究院",
    "研究所",
    "研究中心",
    "实验室",
    "职业学院",
    "学院",
    "大学",
    "中学",
    "小学",
    "学校",
    "医院",
    "集团",
    "公司",
    "银行",
    "协会",
    "学会",
    "基金会",
    "中心",
    "科创园",
    "产业园",
    "工业园",
    "园区",
    "局",
    "厅",
    "办公室",
    "人民政府",
    "法院",
    "检察院",
    "公安局",
    "出版社",
    "报社",
    "电视台",
];

/// Tags of words that can stand inside a name (nouns, places, names, abbreviations, English).
fn name_like_tag(tag: &str) -> bool {
    matches!(tag, "n" | "ns" | "nt" | "nz" | "nr" | "nrt" | "j" | "eng" | "ng" | "nrfg")
}

/// Words that never start an organisation's name even when tagged as nouns.
const NOT_ORG_START: &[&str] =
    &["各级", "相关", "有关", "全市", "全县", "全国", "本地", "当地", "上级", "市委", "县委", "职能"];

/// Countries and regions papers name most (the bundled list covers China only).
const COUNTRIES: &[&str] = &[
    "中国",
    "美国",
    "日本",
    "俄罗斯",
    "英国",
    "法国",
    "德国",
    "意大利",
    "西班牙",
    "葡萄牙",
    "荷兰",
    "比利时",
    "瑞士",
    "瑞典",
    "挪威",
    "芬兰",
    "丹麦",
    "波兰",
    "捷克",
    "匈牙利",
    "奥地利",
    "希腊",
    "土耳其",
    "乌克兰",
    "白俄罗斯",
    "哈萨克斯坦",
    "蒙古",
    "朝鲜",
    "韩国",
    "越南",
    "老挝",
    "柬埔寨",
    "泰国",
    "缅甸",
    "马来西亚",
    "新加坡",
    "印度尼西亚",
    "印尼",
    "菲律宾",
    "印度",
    "巴基斯坦",
    "孟加拉国",
    "尼泊尔",
    "斯里兰卡",
    "阿富汗",
    "伊朗",
    "伊拉克",
    "叙利亚",
    "约旦",
    "黎巴嫩",
    "以色列",
    "巴勒斯坦",
    "沙特阿拉伯",
    "科威特",
    "埃及",
    "利比亚",
    "突尼斯",
    "阿尔及利亚",
    "摩洛哥",
    "苏丹",
    "埃塞俄比亚",
    "肯尼亚",
    "坦桑尼亚",
    "赞比亚",
    "南非",
    "尼日利亚",
    "加拿大",
    "墨西哥",
    "古巴",
    "巴西",
    "阿根廷",
    "智利",
    "秘鲁",
    "哥伦比亚",
    "委内瑞拉",
    "澳大利亚",
    "新西兰",
    "欧洲",
    "亚洲",
    "非洲",
    "美洲",
    "大洋洲",
    "中东",
];

/// Place suffixes: a word ending in one of these after a name-like head is a place.
const PLACE_SUFFIXES: &[char] = &['省', '市', '县', '区', '镇', '乡', '村'];

fn push_unique(list: &mut Vec<String>, seen: &mut BTreeSet<String>, item: &str) {
    if seen.insert(item.to_string()) {
        list.push(item.to_string());
    }
}

/// Finds the people, places and organisations of an article's text.
pub fn find(lang: &Language, text: &str, contributors: &[Contributor]) -> Entities {
    let mut out = Entities::default();
    let mut seen_people = BTreeSet::new();
    for c in contributors {
        if c.role != crate::model::Role::Agency && looks_like_name(&c.name) {
            push_unique(&mut out.people, &mut seen_people, &c.name);
        }
    }
    let seg = for_segmenter(text);
    let tags = lang.jieba.tag(&seg, true);
    people(lang, &seg, &tags, &mut out.people, &mut seen_people);
    let (places, organizations) = places_and_organizations(lang, &tags);
    out.places = places;
    out.organizations = organizations;
    out
}

fn is_title(word: &str) -> bool {
    TITLES.iter().any(|t| word.ends_with(t))
}

fn people(lang: &Language, text: &str, tags: &[jieba_rs::Tag<'_>], out: &mut Vec<String>, seen: &mut BTreeSet<String>) {
    // Attendee lists first: they catch names the segmenter cuts in two (`卫/国宾`).
    for c in ATTENDEES.captures_iter(text) {
        // `…、高健等列席`: the 等 belongs to the list, not to the last name.
        let items: Vec<&str> = c[1].split('、').map(|i| i.strip_suffix('等').unwrap_or(i)).collect();
        // The first item may carry the words before it: `沁阳市领导刘阳` → 刘阳.
        let mut names = Vec::new();
        for (k, item) in items.iter().enumerate() {
            let item = if k == 0 { trailing_name(item) } else { Some(*item) };
            match item {
                Some(n) if looks_like_name(n) && !lang.places.contains(n) => names.push(n),
                _ => {}
            }
        }
        // A list is a list of people only if nearly all of it reads as names.
        if names.len() >= 2 && names.len() + 1 >= items.len() {
            for n in names {
                push_unique(out, seen, n);
            }
        }
    }
    for (k, t) in tags.iter().enumerate() {
        let w = t.word;
        let chars = w.chars().count();
        if !(2..=4).contains(&chars)
            || surname_len(w).is_none()
            || lang.places.contains(w)
            || w.ends_with(PLACE_SUFFIXES)
        {
            continue;
        }
        let prev = k.checked_sub(1).map(|i| tags[i].word).unwrap_or("");
        let next = tags.get(k + 1).map(|t| t.word).unwrap_or("");
        let person_tag = t.tag.starts_with("nr");
        let known = lang.known_people.contains(w);
        let titled = (is_title(prev) || is_title(next)) && person_tag;
        // A guessed name followed by a noun is more likely part of a compound
        // (`龙佰新/材料`, `高纯/二氯氮硅`) than a person.
        let next_tag = tags.get(k + 1).map(|t| t.tag).unwrap_or("x");
        let compound = matches!(next_tag, "n" | "nz" | "vn" | "ng" | "j");
        // Two characters under a rare surname are more often a short form
        // (`南博` the museum, `国足` the team) than a person.
        let short_form = || chars == 2 && !w.chars().next().is_some_and(is_common_surname) && !is_tibetan_name_word(w);
        // Right after a transliterated name (`伊万/贾尼`) it is that name's tail.
        let foreign_tail = k > 0 && tags[k - 1].tag == "nrt";
        let unknown_name =
            person_tag && !lang.is_word(w) && looks_like_name(w) && !compound && !short_form() && !foreign_tail;
        if known || titled || unknown_name {
            push_unique(out, seen, w);
        }
    }
}

/// The name at the end of `s` after a title or organisation word: `沁阳市领导刘阳` → `刘阳`.
fn trailing_name(s: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for len in [3usize, 2] {
        if chars.len() >= len {
            let (at, _) = chars[chars.len() - len];
            let tail = &s[at..];
            let head = &s[..at];
            if looks_like_name(tail) && (head.is_empty() || is_title(head)) {
                return Some(tail);
            }
        }
    }
    if looks_like_name(s) {
        return Some(s);
    }
    None
}

fn places_and_organizations(lang: &Language, tags: &[jieba_rs::Tag<'_>]) -> (Vec<String>, Vec<String>) {
    let mut places = Vec::new();
    let mut seen_places = BTreeSet::new();
    let mut orgs = Vec::new();
    let mut seen_orgs = BTreeSet::new();
    let mut k = 0;
    while k < tags.len() {
        let t = &tags[k];
        let w = t.word;
        // Organisations: a suffix word, extended left over name-like words.
        if let Some(org) = organization_ending_at(tags, k) {
            push_unique(&mut orgs, &mut seen_orgs, &org);
        } else if lang.known_organizations.contains(w) {
            push_unique(&mut orgs, &mut seen_orgs, w);
        }
        // Places: the list (a short form such as 新兴 or 合作 only where jieba reads a place),
        // jieba's ns for words of its dictionary, or a name-like head and a place suffix.
        let chars = w.chars().count();
        let full_name = w.ends_with(PLACE_SUFFIXES) || w.ends_with("自治区") || w.ends_with("特别行政区");
        let after_surname = k > 0 && tags[k - 1].tag.starts_with("nr") && tags[k - 1].word.chars().count() == 1;
        let is_listed = lang.places.contains(w) && (full_name || t.tag == "ns") && !after_surname;
        let township = (3..=5).contains(&chars) && w.ends_with(['镇', '乡', '村']) && !lang.is_word(w);
        let suffixed = township
            || chars >= 3
                && w.ends_with(PLACE_SUFFIXES)
                && (t.tag == "ns" || lang.places.contains(&w.chars().take(chars - 1).collect::<String>()));
        let dictionary_place = t.tag == "ns" && COUNTRIES.contains(&w);
        let cut_from_its_suffix = chars >= 2
            && !w.ends_with(PLACE_SUFFIXES)
            && tags.get(k + 1).is_some_and(|n| ["镇", "乡", "村", "县"].contains(&n.word))
            && could_name_a_village(t)
            && !KINDS_OF_SETTLEMENT.contains(&t.word);
        if cut_from_its_suffix {
            // `西万/镇`, `柳河/村`: a name and its suffix cut apart (the name alone may be
            // another place of the list: 柳河 is a county, 柳河村 a village).
            let joined = format!("{w}{}", tags[k + 1].word);
            push_unique(&mut places, &mut seen_places, &joined);
            k += 1;
        } else if (is_listed || dictionary_place || suffixed) && !is_generic_place(w) && !is_kind_of_settlement(w) {
            push_unique(&mut places, &mut seen_places, w);
        }
        k += 1;
    }
    // A place that is only the start of an organisation's name stays a place; an
    // organisation that is only a place (`沁阳市`) is not an organisation.
    orgs.retain(|o| !seen_places.contains(o));
    (places, orgs)
}

/// Whether a word before a cut-off `村`/`镇` can be the village's name: names are
/// nouns, but also adjectives and numerals (`幸福村`, `光明村`, `两下村`); pronouns,
/// verbs, adverbs and counted things (`我们村`, `落实村`, `三个村`) are not.
fn could_name_a_village(t: &jieba_rs::Tag<'_>) -> bool {
    let function_tag = matches!(t.tag, "v" | "vn" | "vd" | "r" | "q" | "p" | "c" | "d" | "f" | "y" | "e" | "o" | "x")
        || t.tag.starts_with('u');
    !function_tag && !t.word.contains('个') && !t.word.starts_with(['每', '各', '这', '那'])
}

/// What planners call a village or town by its kind (`中心村`, `重点镇`, `试点村`), not its name.
const KINDS_OF_SETTLEMENT: [&str; 18] = [
    "中心", "重点", "特色", "试点", "示范", "贫困", "行政", "自然", "文明", "小康", "明星", "空心", "边境", "先进",
    "后进", "样板", "专业", "移民",
];

/// `中心村`, `重点镇`: a village, township or town of a kind, not the name of one.
fn is_kind_of_settlement(w: &str) -> bool {
    w.strip_suffix(['村', '镇', '乡']).is_some_and(|kind| KINDS_OF_SETTLEMENT.contains(&kind))
}

/// `江西`, `哈尔滨`, `菲律宾` — a place of the bundled list or a country: the whole of a line
/// that heads one place's part of a round-up (综合报道), never an article's headline.
pub fn is_place_name(lang: &Language, text: &str) -> bool {
    lang.places.contains(text) || COUNTRIES.contains(&text)
}

/// `各乡镇`, `三县市`: a word for some places of a kind (a determiner or numeral and
/// place suffixes only), not the name of one.
fn is_generic_place(w: &str) -> bool {
    let mut chars = w.chars();
    let first = chars.next();
    let rest: Vec<char> = chars.collect();
    first.is_some_and(|c| "各每诸该本此这那全两三四五六七八九十几多".contains(c))
        && !rest.is_empty()
        && rest.iter().all(|c| PLACE_SUFFIXES.contains(c))
}

/// A word of everyday vocabulary (tagged as a plain noun, verb or verbal noun).
fn is_common_word(t: &jieba_rs::Tag<'_>) -> bool {
    matches!(t.tag, "n" | "vn" | "v" | "an" | "a" | "b" | "ng")
}

/// The characters the organisation suffixes end on (`司`, `会`, `院` …).
static ORG_SUFFIX_ENDS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut ends: Vec<char> = ORG_SUFFIXES.iter().filter_map(|s| s.chars().next_back()).collect();
    ends.sort_unstable();
    ends.dedup();
    ends
});

/// The organisation whose suffix is the word at `k`, with the name-like words before it.
fn organization_ending_at(tags: &[jieba_rs::Tag<'_>], k: usize) -> Option<String> {
    let w = tags[k].word;
    // Most words end on a character no suffix ends on: asked first, once.
    if !w.chars().next_back().is_some_and(|c| ORG_SUFFIX_ENDS.contains(&c)) {
        return None;
    }
    let suffix = ORG_SUFFIXES.iter().find(|s| w.ends_with(*s))?;
    // One-character suffixes end many ordinary words (`格局`, `大厅`): only the suffix
    // standing alone, a word jieba knows as an organisation, or a longer word (`信访局`) counts.
    if suffix.chars().count() == 1 && w != *suffix && tags[k].tag != "nt" && w.chars().count() < 3 {
        return None;
    }
    let mut start = k;
    let mut len = w.chars().count();
    while start > 0 {
        let p = &tags[start - 1];
        if !name_like_tag(p.tag) || p.word.chars().any(|c| !crate::text::is_han(c) && !c.is_ascii_alphanumeric()) {
            break;
        }
        if NOT_ORG_START.contains(&p.word) || len + p.word.chars().count() > 20 {
            break;
        }
        start -= 1;
        len += p.word.chars().count();
    }
    let name: String = tags[start..=k].iter().map(|t| t.word).collect();
    // The suffix alone (`中心`, `局`) names nothing, and a name needs a proper part (a
    // place, a name, an abbreviation, a word the dictionary does not know):
    // `属地办公室`, `潜力工业园区` are descriptions, not organisations.
    let proper = tags[start..=k].iter().any(|t| {
        matches!(t.tag, "ns" | "nr" | "nrt" | "nz" | "nt" | "j" | "eng" | "nrfg") || !crate::text::is_han(t.word.chars().next().unwrap_or(' '))
    }) || tags[start..k].iter().any(|t| t.word.chars().count() >= 2 && !is_common_word(t))
        // A long run of nouns before the suffix is a name too (`青石远程新能源商用车集团`).
        || k - start >= 3;
    (proper && name.chars().count() > suffix.chars().count() + 1).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang() -> std::sync::Arc<Language> {
        Language::shared()
    }

    #[test]
    fn titled_names_and_attendee_lists() {
        let text = "县委书记韩立平主持召开会议。县长钱文博出席会议。县领导吴建华、郑秀兰、冯志刚出席会议,何丽、许国栋等列席会议。";
        let e = find(&lang(), text, &[]);
        for n in ["韩立平", "钱文博", "吴建华", "郑秀兰", "冯志刚", "何丽", "许国栋"] {
            assert!(e.people.iter().any(|p| p == n), "{n} missing from {:?}", e.people);
        }
    }

    #[test]
    fn dictionary_words_tagged_nr_are_not_people() {
        let e = find(&lang(), "为广大师生上了一堂思政课,让蓝领工人更有幸福感。", &[]);
        assert!(e.people.is_empty(), "{:?}", e.people);
    }

    #[test]
    fn short_forms_under_rare_surnames_are_not_people() {
        let e = find(&lang(), "展览先在国博展出，再到南博巡展，观众冯晓说值得一看。", &[]);
        assert!(!e.people.iter().any(|p| p == "国博" || p == "南博"), "{:?}", e.people);
    }

    #[test]
    fn the_tail_of_a_foreign_name_is_not_a_person() {
        let e = find(&lang(), "客人伊万贾尼介绍了当地的情况。", &[]);
        assert!(!e.people.iter().any(|p| p == "贾尼"), "{:?}", e.people);
    }

    #[test]
    fn organisations_come_out_whole() {
        let text = "县长与青石远程新能源商用车集团市场总监方明远座谈。县委书记到云溪工贸职业学院调研。";
        let e = find(&lang(), text, &[]);
        assert!(e.organizations.iter().any(|o| o == "青石远程新能源商用车集团"), "{:?}", e.organizations);
        assert!(e.organizations.iter().any(|o| o == "云溪工贸职业学院"), "{:?}", e.organizations);
    }

    #[test]
    fn places_from_the_list_and_suffixes() {
        let e = find(&lang(), "河南省焦作市沁阳市西万镇的工地上,工人们在加紧施工。", &[]);
        for p in ["河南省", "焦作市", "沁阳市"] {
            assert!(e.places.iter().any(|x| x == p), "{p} missing from {:?}", e.places);
        }
        assert!(e.places.iter().any(|x| x.starts_with("西万")), "{:?}", e.places);
    }

    #[test]
    fn a_village_is_named_whole_and_some_villages_are_no_place() {
        // 柳河 alone is a county of the list; here it is a village of 云溪县.
        let text = "腊月以来，云溪县各乡镇张灯结彩。记者走访了三个村，柳河村的村民忙着办年货。";
        let e = find(&lang(), text, &[]);
        assert!(e.places.iter().any(|x| x == "柳河村"), "{:?}", e.places);
        assert!(e.places.iter().any(|x| x == "云溪县"), "{:?}", e.places);
        for not_a_place in ["柳河", "各乡镇", "三个村"] {
            assert!(!e.places.iter().any(|x| x == not_a_place), "{not_a_place} in {:?}", e.places);
        }
    }

    #[test]
    fn a_village_of_a_kind_is_no_place() {
        let text = "全县在几个中心村开办夜市，石桥村和幸福村被列为重点村、特色村、试点村，西万镇是重点镇。";
        let e = find(&lang(), text, &[]);
        for place in ["石桥村", "西万镇"] {
            assert!(e.places.iter().any(|x| x == place), "{place} not in {:?}", e.places);
        }
        for kind in ["中心村", "重点村", "特色村", "试点村", "重点镇"] {
            assert!(!e.places.iter().any(|x| x == kind), "{kind} in {:?}", e.places);
        }
    }
}
