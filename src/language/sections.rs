//! Proposing a section (栏目类别) from the taxonomy's cue words, the cues the
//! archive's editors taught by correcting sections, and the article's genre.

use super::Language;
use crate::model::Genre;

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
    let mut scores: Vec<(f32, &str)> = Vec::new();
    for s in &lang.taxonomy {
        let mut score = 0.0f32;
        for cue in &s.cues {
            if headline.contains(cue.as_str()) {
                score += 3.0;
            }
            score += text.matches(cue.as_str()).count().min(5) as f32;
        }
        if let Some(learned) = lang.learned_cues.get(&s.name) {
            for (word, weight) in learned {
                if headline.contains(word.as_str()) {
                    score += 3.0 * weight;
                }
                if text.contains(word.as_str()) {
                    score += 1.5 * weight;
                }
            }
        }
        if score > 0.0 {
            scores.push((score, &s.name));
        }
    }
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
