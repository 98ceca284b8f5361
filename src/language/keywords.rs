//! Keywords: TF-IDF over the segmented text (HMM on, so new names count), with
//! the newsroom stop list, and words that every article of the issue uses (the
//! town each story names) weighted down.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use jieba_rs::{KeywordExtract, TfIdf};

use super::{for_segmenter, Language};

/// Parts of speech a keyword may have: nouns, places, organisations, verbal nouns,
/// English. People are left out: they have their own field.
fn allowed_pos() -> Vec<String> {
    ["n", "ns", "nt", "nz", "vn", "eng", "j"].iter().map(|s| s.to_string()).collect()
}

/// jieba's IDF table: 34 MB resident, wanted only while articles are detected. Loaded
/// on first use (110 ms) and kept until [`release_table`]; the window lets it go once
/// an issue is detected, so an editor's session does not carry it.
static TABLE: Mutex<Option<Arc<TfIdf>>> = Mutex::new(None);

/// The keyword extractor, loading it if it was let go.
pub fn table() -> Arc<TfIdf> {
    let mut table = TABLE.lock().unwrap_or_else(|e| e.into_inner());
    table.get_or_insert_with(|| Arc::new(super::tfidf())).clone()
}

/// Lets the IDF table go (it is loaded again when keywords are next wanted) and gives
/// the freed memory back to the system.
pub fn release_table() {
    let released = TABLE.lock().unwrap_or_else(|e| e.into_inner()).take();
    drop(released);
    give_back_freed_memory();
}

/// Returns freed heap pages to the system: the allocator keeps them otherwise, and a
/// dropped table of 260,000 small strings would still count as the window's memory.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_back_freed_memory() {
    extern "C" {
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    // SAFETY: malloc_trim only hands unused heap pages back to the kernel; it changes no
    // allocation that is in use and has no preconditions.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back_freed_memory() {}

/// An article's keyword candidates: TF-IDF over the text, best first.
pub type Candidates = Vec<(String, f64)>;

/// The top TF-IDF candidates of a text (twenty, to leave room for the reweighting).
pub fn candidates(lang: &Language, text: &str) -> Candidates {
    let seg = for_segmenter(text);
    table()
        .extract_keywords(&lang.jieba, &seg, 20, allowed_pos())
        .into_iter()
        .filter(|k| k.keyword.chars().count() >= 2 && !k.keyword.chars().all(|c| c.is_ascii_digit()))
        .filter(|k| !only_in_place_names(&seg, &k.keyword))
        .map(|k| (k.keyword, k.weight))
        .collect()
}

/// `柳河` where the text only ever writes `柳河村`: a piece of a village's or town's
/// name, which the places field holds whole.
fn only_in_place_names(text: &str, word: &str) -> bool {
    let mut found = false;
    for (at, _) in text.match_indices(word) {
        found = true;
        if !text[at + word.len()..].starts_with(['村', '镇', '乡', '县']) {
            return false;
        }
    }
    found
}

/// In how many of the articles each candidate keyword appears.
pub fn document_frequencies(all: &[Candidates]) -> BTreeMap<String, usize> {
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for c in all {
        let mut words: Vec<&String> = c.iter().map(|(w, _)| w).collect();
        words.sort();
        words.dedup();
        for w in words {
            *df.entry(w.clone()).or_default() += 1;
        }
    }
    df
}

/// The article's top keywords. `df` says in how many of the issue's `articles` a word is
/// a candidate; a word in more than a third of them says little about any one.
pub fn keywords(candidates: &Candidates, df: impl Fn(&str) -> usize, articles: usize) -> Vec<String> {
    let mut scored: Vec<(f64, &String)> = candidates
        .iter()
        .map(|(w, weight)| {
            let share = if articles >= 3 { df(w) as f64 / articles as f64 } else { 0.0 };
            let damp = if share > 0.34 { 0.2 } else { 1.0 - share };
            (weight * damp, w)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(5).map(|(_, w)| w.clone()).collect()
}

/// Every article's candidates with each word kept once for the issue (ids into `words`):
/// a 20,000-article dump would otherwise hold 400,000 small strings at once.
#[derive(Default)]
pub struct IssueCandidates {
    pub words: Vec<String>,
    ids: std::collections::HashMap<String, u32>,
    pub per_article: Vec<Vec<(u32, f64)>>,
    /// In how many articles each word is a candidate.
    pub df: Vec<usize>,
}

impl IssueCandidates {
    pub fn push(&mut self, candidates: Candidates) {
        let mut row: Vec<(u32, f64)> = Vec::with_capacity(candidates.len());
        for (w, score) in candidates {
            let id = match self.ids.get(&w) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.ids.insert(w.clone(), id);
                    self.words.push(w);
                    self.df.push(0);
                    id
                }
            };
            row.push((id, score));
        }
        let mut seen: Vec<u32> = row.iter().map(|(id, _)| *id).collect();
        seen.sort_unstable();
        seen.dedup();
        for id in seen {
            self.df[id as usize] += 1;
        }
        self.per_article.push(row);
    }

    /// The candidates of article `i` as words.
    pub fn of(&self, i: usize) -> Candidates {
        self.per_article[i].iter().map(|(id, s)| (self.words[*id as usize].clone(), *s)).collect()
    }

    /// In how many articles `word` is a candidate.
    pub fn df(&self, word: &str) -> usize {
        self.ids.get(word).map_or(0, |&id| self.df[id as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_say_what_the_article_is_about() {
        let lang = Language::shared();
        let text = "县图书馆启动全民阅读活动,将开展送书下乡、亲子共读、读书分享会等系列活动。活动期间,图书馆将向农家书屋配送图书2万册,组织志愿者走进学校开展阅读推广。";
        let kw = keywords(&candidates(&lang, text), |_| 0, 1);
        assert!(kw.iter().any(|k| k == "图书馆" || k == "阅读"), "{kw:?}");
        assert!(!kw.iter().any(|k| k == "活动" || k == "开展"), "{kw:?}");
    }

    #[test]
    fn a_piece_of_a_village_name_is_no_keyword() {
        let lang = Language::shared();
        let text =
            "柳河村的村民今年在网上办年货。柳河村村委会请来电商讲师，教村民开网店。村民们说，柳河村的年货卖到了全国。";
        let kw = keywords(&candidates(&lang, text), |_| 0, 1);
        assert!(!kw.iter().any(|k| k == "柳河"), "{kw:?}");
        assert!(only_in_place_names(text, "柳河"));
        assert!(!only_in_place_names("柳河流过县城，柳河村在河东。", "柳河"));
    }

    #[test]
    fn the_issues_ubiquitous_words_are_weighted_down() {
        let lang = Language::shared();
        let texts: Vec<String> = (0..6)
            .map(|i| {
                format!("云溪县召开第{i}次农机检修现场会,云溪县各乡镇负责人参加,云溪县农机站介绍了春耕农机准备情况。")
            })
            .collect();
        let all: Vec<Candidates> = texts.iter().map(|t| candidates(&lang, t)).collect();
        let df = document_frequencies(&all);
        let kw = keywords(&all[0], |w| df.get(w).copied().unwrap_or(0), texts.len());
        assert_ne!(kw.first().map(String::as_str), Some("云溪县"), "{kw:?}");
    }
}
