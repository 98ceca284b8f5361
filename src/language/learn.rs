//! What an archive's editors teach Jianbao: the user dictionary kept beside the
//! archive (`jianbao-dictionary.txt`, one entry per line, human-readable and
//! editable), learned from the reviewed articles of the `.ron` issues in the
//! folder — names typed into bylines, people, places and organisations the
//! editors confirmed, and the words that go with each section they chose.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jieba_rs::KeywordExtract;

use crate::model::{Issue, Review, Role};

/// The file name of the user dictionary inside an archive folder.
pub const FILE_NAME: &str = "jianbao-dictionary.txt";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserDictionary {
    pub people: BTreeSet<String>,
    pub places: BTreeSet<String>,
    pub organizations: BTreeSet<String>,
    /// section → cue word → weight (0–1).
    pub section_cues: BTreeMap<String, BTreeMap<String, f32>>,
}

/// What learning read and found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearnStats {
    pub issues: usize,
    pub reviewed_articles: usize,
    pub skipped_files: Vec<String>,
}

pub fn dictionary_path(folder: &Path) -> PathBuf {
    folder.join(FILE_NAME)
}

impl UserDictionary {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.places.is_empty()
            && self.organizations.is_empty()
            && self.section_cues.is_empty()
    }

    /// Reads a dictionary file; a missing file is an empty dictionary.
    pub fn load(path: &Path) -> Result<UserDictionary, String> {
        let text = match crate::store::read_text(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(UserDictionary::default()),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        Self::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, name: &str) -> Result<UserDictionary, String> {
        let mut d = UserDictionary::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            match cols.as_slice() {
                ["person", w] => {
                    d.people.insert(w.to_string());
                }
                ["place", w] => {
                    d.places.insert(w.to_string());
                }
                ["org", w] => {
                    d.organizations.insert(w.to_string());
                }
                ["cue", section, word, weight] => {
                    let weight: f32 = weight.parse().map_err(|_| format!("{name}:{}: the weight {weight:?} is not a number", n + 1))?;
                    d.section_cues.entry(section.to_string()).or_default().insert(word.to_string(), weight.clamp(0.0, 1.0));
                }
                _ => return Err(format!("{name}:{}: not a dictionary entry (person/place/org NAME, or cue SECTION WORD WEIGHT, tab-separated)", n + 1)),
            }
        }
        Ok(d)
    }

    pub fn to_text(&self) -> String {
        let mut s = String::from(
            "# Jianbao user dictionary for this archive folder (tab-separated, one entry per line):\n\
             #   person  NAME            a person the archive knows (bylines typed by editors, confirmed names)\n\
             #   place   NAME            a place\n\
             #   org     NAME            an organisation\n\
             #   cue     SECTION WORD W  a word that suggests SECTION, with a weight from 0 to 1\n\
             # Learned from the reviewed articles of the .ron issues in this folder; edit freely.\n",
        );
        for p in &self.people {
            s.push_str(&format!("person\t{p}\n"));
        }
        for p in &self.places {
            s.push_str(&format!("place\t{p}\n"));
        }
        for o in &self.organizations {
            s.push_str(&format!("org\t{o}\n"));
        }
        for (section, cues) in &self.section_cues {
            for (word, weight) in cues {
                s.push_str(&format!("cue\t{section}\t{word}\t{weight:.2}\n"));
            }
        }
        s
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        crate::store::write_atomic(path, self.to_text().as_bytes()).map_err(|e| e.to_string())
    }

    /// Adds what the reviewed articles of `issue` teach.
    pub fn learn_issue(
        &mut self,
        issue: &Issue,
        lang: &super::Language,
        counts: &mut BTreeMap<(String, String), u32>,
    ) -> usize {
        let mut reviewed = 0;
        // Names an editor typed into a byline are taken even before the article is reviewed.
        for a in issue.articles.iter().filter(|a| a.contributors.is_corrected() && a.review != Review::Reviewed) {
            for c in a.contributors.value() {
                if c.role != Role::Agency && (2..=6).contains(&c.name.chars().count()) {
                    self.people.insert(c.name.clone());
                }
            }
        }
        for a in issue.articles.iter().filter(|a| a.review == Review::Reviewed) {
            reviewed += 1;
            for c in a.contributors.value() {
                if c.role != Role::Agency && (2..=6).contains(&c.name.chars().count()) {
                    self.people.insert(c.name.clone());
                }
            }
            if a.people.is_corrected() {
                self.people.extend(a.people.value().iter().cloned());
            }
            if a.places.is_corrected() {
                self.places.extend(a.places.value().iter().cloned());
            }
            if a.organizations.is_corrected() {
                self.organizations.extend(a.organizations.value().iter().cloned());
            }
            if let Some(section) = a.section.value() {
                // The words that characterise the article, more than its five keywords.
                let text = super::article_text(a);
                let seg = super::for_segmenter(&text);
                let mut words: Vec<String> = super::keywords::table()
                    .extract_keywords(&lang.jieba, &seg, 15, vec![])
                    .into_iter()
                    .map(|k| k.keyword)
                    .filter(|w| w.chars().count() >= 2 && !w.chars().all(|c| c.is_ascii_digit() || c == '.'))
                    .collect();
                words.extend(a.keywords.value().iter().cloned());
                words.sort();
                words.dedup();
                for word in words {
                    *counts.entry((section.clone(), word)).or_default() += 1;
                }
            }
        }
        reviewed
    }
}

/// Learns from every `.ron` issue in `folder` (not recursing) on top of `base`.
/// Files that cannot be read are listed, not fatal.
pub fn learn_folder(folder: &Path, base: UserDictionary) -> Result<(UserDictionary, LearnStats), String> {
    let lang = super::Language::shared();
    let entries = std::fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        .collect();
    paths.sort();
    let mut dict = base;
    let mut stats = LearnStats::default();
    let mut counts: BTreeMap<(String, String), u32> = BTreeMap::new();
    for path in paths {
        match crate::store::load(&path) {
            Ok(issue) => {
                stats.issues += 1;
                stats.reviewed_articles += dict.learn_issue(&issue, &lang, &mut counts);
            }
            Err(e) => stats.skipped_files.push(e.to_string()),
        }
    }
    // A word becomes a cue of a section when the editors filed it there more than
    // anywhere else; the weight grows with how often.
    let mut per_word: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
    for ((section, word), n) in counts {
        per_word.entry(word).or_default().push((section, n));
    }
    for (word, mut sections) in per_word {
        sections.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let total: u32 = sections.iter().map(|s| s.1).sum();
        let (section, n) = &sections[0];
        let purity = *n as f32 / total as f32;
        if *n >= 2 && purity >= 0.6 {
            let weight = (purity * (*n as f32 / (*n as f32 + 2.0))).min(1.0);
            let w = (weight * 100.0).round() / 100.0;
            dict.section_cues.entry(section.clone()).or_default().insert(word, w);
        }
    }
    Ok((dict, stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_format_round_trips_and_is_checked() {
        let mut d = UserDictionary::default();
        d.people.insert("郭新民".into());
        d.places.insert("西万镇".into());
        d.organizations.insert("云溪县职教中心".into());
        d.section_cues.entry("教育".into()).or_default().insert("职教".into(), 0.75);
        let text = d.to_text();
        assert_eq!(UserDictionary::parse(&text, "d.txt").unwrap(), d);
        let e = UserDictionary::parse("person\t甲\nplaces 乙\n", "d.txt").unwrap_err();
        assert!(e.starts_with("d.txt:2:"), "{e}");
    }
}
