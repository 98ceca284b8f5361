//! The language layer: jieba-rs carries the words, rules stay in charge of structure.
//!
//! One [`Language`] holds the segmenter (jieba's dictionary, the bundled place
//! names, the archive's user dictionary), the TF-IDF keyword extractor with the
//! newsroom stop list, the place index and the section taxonomy with its cues.
//! Building one takes ~0.1–0.3 s (jieba unpacks its dictionary, TF-IDF its IDF
//! table), so it is built once and shared behind an `Arc`, off the UI thread.

pub mod entities;
pub mod keywords;
pub mod learn;
pub mod repair;
pub mod sections;

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, OnceLock};

use jieba_rs::{Jieba, KeywordExtractConfig, TfIdf};

use crate::taxonomy::Section;
pub use learn::UserDictionary;

/// Place names of the PRC (provinces, prefectures, counties), see `assets/places/README.md`.
const PLACES_TSV: &str = include_str!("../../assets/places/china-divisions.tsv");

/// Newsroom filler that says nothing about what an article is about.
pub const STOP_WORDS: &[&str] = &[
    "会议",
    "工作",
    "问题",
    "建设",
    "发展",
    "进行",
    "开展",
    "推进",
    "加强",
    "提高",
    "实现",
    "要求",
    "强调",
    "表示",
    "指出",
    "认为",
    "相关",
    "有关",
    "部门",
    "单位",
    "方面",
    "情况",
    "活动",
    "今年",
    "去年",
    "目前",
    "日前",
    "近日",
    "记者",
    "本报",
    "通讯员",
    "领导",
    "同志",
    "负责人",
    "一个",
    "一些",
    "我们",
    "他们",
    "大家",
    "全面",
    "进一步",
    "积极",
    "不断",
    "持续",
    "深入",
    "切实",
    "坚持",
    "推动",
    "重要",
    "重点",
    "主要",
    "全市",
    "全县",
    "全省",
    "全国",
    "各级",
    "各地",
    "上午",
    "下午",
    "晚上",
    "召开",
    "举行",
    "出席",
    "参加",
    "研究",
    "部署",
    "落实",
    "贯彻",
    "学习",
    "精神",
    "水平",
    "能力",
    "作用",
    "意义",
    "时间",
    "同时",
    "通过",
    "作为",
    "以来",
    "已经",
    "没有",
    "可以",
    "需要",
    "成为",
    "这个",
    "这些",
    "进行了",
    "新华社",
    "电",
    "讯",
    "摄",
    "说",
    "讲话",
    "介绍",
    "提出",
    "希望",
    "今天",
    "昨天",
    "明天",
    "日电",
    "总书记",
    "书记",
    "市委",
    "县委",
    "省委",
    "党委",
    "市长",
    "县长",
    "省长",
    "主任",
    "指示精神",
    "精神实质",
    "责任",
    "调研",
    "现场",
    "座谈",
    "座谈会",
    "汇报",
    "事项",
    "任务",
    "措施",
    "举措",
    "力度",
    "水平",
    "质量",
    "高质量",
    "市委书记",
    "县委书记",
    "省委书记",
    "层层",
    "压实",
    "联系",
    "服务",
    "体系",
    "方向",
    "机制",
    "意见",
    "建议",
];

/// The segmenter and everything that reads words.
#[derive(Clone)]
pub struct Language {
    pub jieba: Jieba,
    /// Place names (full and short forms) from the bundled list and the user dictionary.
    /// (Hash sets: looked up for every word of every article.)
    pub places: HashSet<String>,
    /// People the archive knows (bylines the editors typed, names they confirmed).
    pub known_people: HashSet<String>,
    pub known_organizations: HashSet<String>,
    pub taxonomy: Vec<Section>,
    /// Section cues learned from the archive: section → word → weight.
    pub learned_cues: BTreeMap<String, BTreeMap<String, f32>>,
    /// The taxonomy's and the learned cue words, found in one pass over an article
    /// (built from `taxonomy` and `learned_cues` in [`Language::new`]; neither changes after).
    pub section_cues: sections::CueIndex,
    /// The line tagger: the archive's own model, or the built-in one.
    pub tagger: Option<Arc<crate::tagger::LineTagger>>,
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Language")
            .field("places", &self.places.len())
            .field("known_people", &self.known_people.len())
            .field("sections", &self.taxonomy.len())
            .finish()
    }
}

fn place_names() -> HashSet<String> {
    let mut out = HashSet::new();
    for line in PLACES_TSV.lines().skip(1) {
        let mut cols = line.split('\t');
        let (_, _, Some(name), Some(short)) = (cols.next(), cols.next(), cols.next(), cols.next()) else { continue };
        out.insert(name.to_string());
        if short.chars().count() >= 2 {
            out.insert(short.to_string());
        }
    }
    out
}

/// jieba with its dictionary and the bundled place names. Built afresh for each language
/// layer rather than cloned from a kept copy: a dictionary is tens of megabytes, and the
/// window holds one layer at a time (the shared one, or an archive folder's).
fn base_jieba() -> (Jieba, HashSet<String>) {
    let mut jieba = Jieba::new();
    let places = place_names();
    for p in &places {
        // A place already in the dictionary keeps its tag (jieba cannot change it):
        // the place index, not the tag, is what the place rules trust.
        if !jieba.has_word(p) {
            jieba.add_word(p, Some(3000), Some("ns"));
        }
    }
    (jieba, places)
}

/// jieba's TF-IDF keyword extractor with the newsroom's stop words (see [`keywords::table`]).
fn tfidf() -> TfIdf {
    let mut tfidf = TfIdf::default();
    let mut config = KeywordExtractConfig::builder().use_hmm(true).min_keyword_length(2);
    for w in STOP_WORDS {
        config = config.add_stop_word(*w);
    }
    *tfidf.config_mut() = config.build();
    tfidf
}

impl Language {
    /// A language layer for an archive whose editors taught it `user` (names, places,
    /// organisations, section cues).
    pub fn new(user: &UserDictionary) -> Language {
        let (mut jieba, mut places) = base_jieba();
        for name in &user.people {
            jieba.add_word(name, Some(5000), Some("nr"));
        }
        for p in &user.places {
            jieba.add_word(p, Some(5000), Some("ns"));
            places.insert(p.clone());
        }
        for o in &user.organizations {
            jieba.add_word(o, Some(5000), Some("nt"));
        }
        let taxonomy = crate::taxonomy::builtin();
        let section_cues = sections::CueIndex::new(&taxonomy, &user.section_cues);
        Language {
            jieba,
            places,
            known_people: user.people.iter().cloned().collect(),
            known_organizations: user.organizations.iter().cloned().collect(),
            taxonomy,
            learned_cues: user.section_cues.clone(),
            section_cues,
            tagger: crate::tagger::LineTagger::builtin(),
        }
    }

    /// The language layer with no archive knowledge, built once and shared.
    pub fn shared() -> Arc<Language> {
        static SHARED: OnceLock<Arc<Language>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(Language::new(&UserDictionary::default()))).clone()
    }

    /// The language layer of the archive folder `folder`: its user dictionary
    /// (`jianbao-dictionary.txt`) when there is one, else the shared one.
    pub fn for_folder(folder: &std::path::Path) -> Result<Arc<Language>, String> {
        let path = learn::dictionary_path(folder);
        let model = folder.join(crate::tagger::FOLDER_MODEL);
        if !path.exists() && !model.is_file() {
            return Ok(Language::shared());
        }
        let dict = if path.exists() { UserDictionary::load(&path)? } else { UserDictionary::default() };
        let mut lang = Language::new(&dict);
        lang.tagger = crate::tagger::LineTagger::for_folder(folder)?;
        Ok(Arc::new(lang))
    }

    /// True for a word of jieba's dictionary (not one the HMM guessed).
    pub fn is_word(&self, w: &str) -> bool {
        self.jieba.has_word(w)
    }
}

/// Text as the segmenter wants it: full-width digits and Latin made half-width
/// (jieba splits `１１月` into single characters otherwise). Character offsets are
/// unchanged, so positions still point into the original.
pub fn for_segmenter(text: &str) -> String {
    crate::text::to_halfwidth(text)
}

/// Fills the language fields of every article: people, places, organisations,
/// keywords (the issue's ubiquitous words weighted down), section.
pub fn annotate(articles: &mut [crate::model::Article], lang: &Language) {
    use rayon::prelude::*;
    let words: Vec<ArticleWords> = articles.par_iter().map(|a| read_words(a, lang)).collect();
    annotate_read(articles, words, lang);
}

/// What the segmenter reads in one article: its text, its keyword candidates and the
/// names in it.
pub struct ArticleWords {
    text: String,
    candidates: keywords::Candidates,
    found: entities::Entities,
}

/// The segmenter's work on one article, the costly part of [`annotate`]: the detector
/// does it on the thread that has just detected the article.
pub fn read_words(a: &crate::model::Article, lang: &Language) -> ArticleWords {
    let text = article_text(a);
    // Two passes of the segmenter over the same text, side by side: a page's longest
    // article otherwise keeps one core busy after the others are done.
    let (candidates, found) =
        rayon::join(|| keywords::candidates(lang, &text), || entities::find(lang, &text, a.contributors.value()));
    ArticleWords { text, candidates, found }
}

/// [`annotate`] with each article's words read already (`words[i]` of `articles[i]`):
/// the issue's counts, then each article's fields.
pub fn annotate_read(articles: &mut [crate::model::Article], words: Vec<ArticleWords>, lang: &Language) {
    use crate::model::{Field, LineSpan};
    let mut candidates = keywords::IssueCandidates::default();
    let mut found_in = Vec::with_capacity(articles.len());
    let mut texts = Vec::with_capacity(articles.len());
    for w in words {
        candidates.push(w.candidates);
        found_in.push(w.found);
        texts.push(w.text);
    }
    let count = articles.len();
    // Each article's fields from the issue's counts: on all cores.
    use rayon::prelude::*;
    articles.par_iter_mut().zip(found_in).zip(&texts).enumerate().for_each(|(i, ((a, found), text))| {
        let span = Some(a.lines);
        let people_conf = if found.people.is_empty() { 0.5 } else { 0.7 };
        a.people = Field::new(found.people, people_conf, span);
        a.places = Field::new(found.places, 0.7, span);
        a.organizations = Field::new(found.organizations, 0.7, span);
        // Pieces of people's names (`朱/保平`) are not what an article is about.
        let cands: keywords::Candidates = candidates
            .of(i)
            .into_iter()
            .filter(|(w, _)| !a.people.value().iter().any(|p| p.contains(w.as_str())))
            .collect();
        let kw = keywords::keywords(&cands, |w| candidates.df(w), count);
        a.keywords = Field::new(kw, 0.6, span);
        let headline = a.headline.value().clone().unwrap_or_default();
        let proposal = sections::classify(lang, &headline, text, *a.genre.value(), a.column.value().as_deref());
        if let Some((name, confidence)) = proposal {
            // The page name stays as the fallback when nothing speaks for a section.
            a.section = Field::new(Some(name), confidence, Some(LineSpan::new(a.lines.first, a.lines.last)));
        }
    });
}

/// Everything an article says: headline group, subheads and paragraphs.
///
/// At most [`LONGEST_READ`] bytes: the names, keywords and section of an article are
/// in its first pages, and a runaway article (a 20 MB line read as one headline) would
/// otherwise cost the segmenter gigabytes.
pub fn article_text(a: &crate::model::Article) -> String {
    let mut s = String::new();
    for h in [a.kicker.value(), a.headline.value(), a.deck.value()].into_iter().flatten() {
        s.push_str(h);
        s.push('\n');
    }
    // Subheads in their place among the paragraphs: they name the places and people
    // of the part they head (`甘肃定西元古堆村`).
    let subheads = a.subheads.value();
    let mut next_subhead = subheads.iter().peekable();
    for p in &a.paragraphs {
        if s.len() >= LONGEST_READ {
            break;
        }
        while let Some(h) = next_subhead.next_if(|h| h.line < p.lines.first) {
            s.push_str(&h.text);
            s.push('\n');
        }
        s.push_str(&p.text);
        s.push('\n');
    }
    if s.len() > LONGEST_READ {
        let mut end = LONGEST_READ;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// The most of one article the language layer reads (bytes, about 60,000 characters:
/// ten times a long feature).
pub const LONGEST_READ: usize = 180_000;

#[cfg(test)]
mod tests {
    #[test]
    fn an_articles_text_reads_its_subheads_in_their_place() {
        let page = include_str!("../../tests/fixtures/feature-page.txt");
        let issue = crate::detect_bytes(page.as_bytes(), "feature-page.txt").unwrap();
        let text = super::article_text(&issue.articles[0]);
        assert!(text.contains("多了一倍。\n柳河村\n新房迎新春\n柳河村的二十六户"), "{text}");
    }
}
