//! Proposing a section (栏目类别) from the taxonomy's cue words, the cues the
//! archive's editors taught by correcting sections, and the article's genre.

use std::collections::BTreeMap;

use aho_corasick::AhoCorasick;

use super::Language;
use crate::model::Genre;
use crate::taxonomy::Section;

/// Every cue word of the taxonomy and of the archive's learned cues in one automaton:
/// an article is read once, not once per cue (the cues run to hundreds).
#[derive(Clone)]
pub struct CueIndex {
    automaton: Option<AhoCorasick>,
    /// For each distinct cue word: the sections it speaks for, and its learned weight
    /// (`None` for a cue of the taxonomy itself).
    owners: Vec<Vec<(usize, Option<f32>)>>,
}

impl CueIndex {
    pub fn new(taxonomy: &[Section], learned: &BTreeMap<String, BTreeMap<String, f32>>) -> CueIndex {
        let mut words: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<(usize, Option<f32>)>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut add = |word: &str, owner: (usize, Option<f32>)| {
            if word.is_empty() {
                return;
            }
            let k = *index.entry(word.to_string()).or_insert_with(|| {
                words.push(word.to_string());
                owners.push(Vec::new());
                words.len() - 1
            });
            owners[k].push(owner);
        };
        for (k, section) in taxonomy.iter().enumerate() {
            for cue in &section.cues {
                add(cue, (k, None));
            }
            for (word, weight) in learned.get(&section.name).into_iter().flatten() {
                add(word, (k, Some(*weight)));
            }
        }
        // Cue words are plain text; building cannot fail short of a size limit, where
        // sections are then proposed from the genre alone.
        let automaton = AhoCorasick::new(&words).ok();
        CueIndex { automaton, owners }
    }

    /// How often each cue word occurs in `text`, counted as `str::matches` does
    /// (occurrences of one word do not overlap).
    fn counts(&self, text: &str) -> Vec<usize> {
        let mut counts = vec![0usize; self.owners.len()];
        let Some(automaton) = &self.automaton else { return counts };
        let mut last_end = vec![0usize; self.owners.len()];
        for m in automaton.find_overlapping_iter(text) {
            let k = m.pattern().as_usize();
            if counts[k] == 0 || m.start() >= last_end[k] {
                counts[k] += 1;
                last_end[k] = m.end();
            }
        }
        counts
    }
}

/// The best section and a confidence, or `None` when nothing speaks for one.
pub fn classify(
    lang: &Language,
    headline: &str,
    text: &str,
    genre: Genre,
    column: Option<&str>,
) -> Option<(String, f32)> {
    // A commentary or a photo item belongs to the section of its kind, whatever its topic.
    let by_kind = match genre {
        Genre::Commentary => Some("评论"),
        Genre::Photo => Some("图片"),
        _ => None,
    };
    if let Some(name) = by_kind.filter(|n| lang.taxonomy.iter().any(|s| s.name == *n)) {
        return Some((name.to_string(), if column.is_some() { 0.85 } else { 0.75 }));
    }
    let in_headline = lang.section_cues.counts(headline);
    let in_text = lang.section_cues.counts(text);
    let mut score = vec![0.0f32; lang.taxonomy.len()];
    for (k, owners) in lang.section_cues.owners.iter().enumerate() {
        for &(section, learned) in owners {
            score[section] += match learned {
                None => 3.0 * (in_headline[k] > 0) as u8 as f32 + in_text[k].min(5) as f32,
                Some(w) => 3.0 * w * (in_headline[k] > 0) as u8 as f32 + 1.5 * w * (in_text[k] > 0) as u8 as f32,
            };
        }
    }
    let mut scores: Vec<(f32, &str)> = lang
        .taxonomy
        .iter()
        .zip(&score)
        .filter(|(_, &s)| s > 0.0)
        .map(|(section, &s)| (s, section.name.as_str()))
        .collect();
    scores.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let (best, name) = *scores.first()?;
    let second = scores.get(1).map_or(0.0, |s| s.0);
    // Confidence from the margin over the runner-up, and from how much evidence there is.
    let margin = (best - second) / best;
    let amount = (best / 10.0).min(1.0);
    let confidence = (0.3 + 0.6 * margin * amount).min(0.9);
    Some((name.to_string(), confidence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_words_are_counted_as_str_matches_counts_them() {
        let taxonomy = vec![
            Section {
                name: "文化".into(), description: String::new(), cues: vec!["哈哈".into(), "图书馆".into()]
            },
            Section { name: "教育".into(), description: String::new(), cues: vec!["图书".into(), "学校".into()] },
        ];
        let index = CueIndex::new(&taxonomy, &BTreeMap::new());
        let text = "哈哈哈，图书馆里哈哈哈哈，学校的图书馆";
        let counts = index.counts(text);
        let words = ["哈哈", "图书馆", "图书", "学校"];
        for (k, w) in words.iter().enumerate() {
            assert_eq!(counts[k], text.matches(w).count(), "{w}");
        }
    }

    #[test]
    fn cues_pick_a_section() {
        let lang = Language::shared();
        let (name, _) =
            classify(&lang, "县图书馆开展读书活动", "图书馆启动全民阅读活动,举办书画展览。", Genre::News, None)
                .unwrap();
        assert_eq!(name, "文化");
        let (name, _) =
            classify(&lang, "县委常委会召开会议", "县委书记主持召开常委会会议,研究部署重点工作。", Genre::News, None)
                .unwrap();
        assert_eq!(name, "时政");
        let (name, _) = classify(&lang, "助蓝领闯蓝海", "发展职业教育。", Genre::Commentary, Some("覃怀之声")).unwrap();
        assert_eq!(name, "评论");
    }
}
