//! Deciding what to do where a paragraph ends without sentence-ending punctuation:
//! join it with the next (the usual column or page break), keep them apart (the
//! next one opens a new item), or flag text missing at the break.

use super::Language;
use crate::text::ends_mid_sentence;

/// What to do at a break, and why (the evidence the editor sees in the flag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakDecision {
    Join {
        evidence: String,
        confident: bool,
    },
    Keep {
        evidence: String,
    },
    MissingText {
        evidence: String,
    },
    /// Nothing to say: the line after is a new paragraph and no word says otherwise.
    Quiet,
}

/// Decides the break between `before` (ends without a sentence stop) and `after`.
pub fn decide(lang: &Language, before: &str, after: &str) -> BreakDecision {
    let before = before.trim_end();
    let after = after.trim_start();
    // Evidence of lost text: a closing bracket with nothing opened (`三要` | `组)要`).
    if let Some(why) = orphan_bracket(before, after) {
        return BreakDecision::MissingText { evidence: why };
    }
    // The next part opens an enumerated item of its own: `二、`, `（二）`, `第二，`.
    if opens_item(after) && !ends_mid_sentence(before) {
        return BreakDecision::Keep { evidence: format!("“{}…” opens an item of its own", head(after, 4)) };
    }
    // A dictionary word across the break (`介|绍` → 介绍) is strong evidence of a join.
    if let Some(word) = word_across(lang, before, after) {
        return BreakDecision::Join { evidence: format!("“{word}” is one word across the break"), confident: true };
    }
    if ends_mid_sentence(before) {
        return BreakDecision::Join {
            evidence: format!("the sentence goes on after “{}”", tail(before, 1)),
            confident: true,
        };
    }
    BreakDecision::Join { evidence: "no sentence stop before the break".to_string(), confident: false }
}

fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn tail(s: &str, n: usize) -> String {
    // Walked from the end: the text before may be a whole joined paragraph.
    match n.checked_sub(1) {
        None => String::new(),
        Some(k) => s[s.char_indices().rev().nth(k).map_or(0, |(i, _)| i)..].to_string(),
    }
}

fn opens_item(s: &str) -> bool {
    let c: Vec<char> = s.chars().take(4).collect();
    let numeral = |ch: char| "一二三四五六七八九十".contains(ch) || ch.is_ascii_digit() || ('０'..='９').contains(&ch);
    match c.as_slice() {
        [n, '、', ..] if numeral(*n) => true,
        ['（' | '(', n, '）' | ')', ..] if numeral(*n) => true,
        ['第', n, '，' | ',' | '、', ..] if numeral(*n) => true,
        _ => false,
    }
}

/// The word the segmenter finds straddling the join of `before` and `after`
/// (`…介` | `绍了…` → `介绍`).
pub fn word_across(lang: &Language, before: &str, after: &str) -> Option<String> {
    let a: String = tail(before, 3);
    let b: String = head(after, 3);
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let joined = format!("{a}{b}");
    let boundary = a.chars().count();
    let seg = super::for_segmenter(&joined);
    for t in lang.jieba.cut(&seg, false) {
        if t.start < boundary && t.end > boundary && lang.is_word(t.word) && t.word.chars().count() >= 2 {
            return Some(t.word.to_string());
        }
    }
    None
}

fn orphan_bracket(before: &str, after: &str) -> Option<String> {
    let close_pos = after.find([')', '）'])?;
    let opened_after = after[..close_pos].contains(['(', '（']);
    if opened_after || after[..close_pos].chars().count() > 12 {
        return None;
    }
    let open_before = before.matches(['(', '（']).count() > before.matches([')', '）']).count();
    if open_before {
        return None;
    }
    Some(format!(
        "the closing bracket in “{}…” has no opening one: text seems lost between “…{}” and it (a column jump?)",
        head(after, 6),
        tail(before, 6)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_characters_of_a_line() {
        assert_eq!(tail("对客人表示欢迎,介", 3), "迎,介");
        assert_eq!(tail("介", 3), "介", "a line shorter than asked is all of it");
        assert_eq!(tail("介绍", 0), "");
        assert_eq!(head("绍了县里的产业优势。", 3), "绍了县");
    }

    #[test]
    fn a_word_broken_across_the_break_is_joined() {
        let lang = Language::shared();
        match decide(&lang, "对客人一行来县洽谈项目合作表示欢迎,介", "绍了县里的产业优势。")
        {
            BreakDecision::Join { evidence, confident } => {
                assert!(evidence.contains("介绍"), "{evidence}");
                assert!(confident);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_orphan_bracket_means_missing_text() {
        let lang = Language::shared();
        assert!(matches!(
            decide(&lang, "不断增强群众安全感。三要", "组)要严格落实政治责任"),
            BreakDecision::MissingText { .. }
        ));
    }

    #[test]
    fn an_enumerated_item_after_the_break_is_kept_apart() {
        let lang = Language::shared();
        assert!(matches!(
            decide(&lang, "主要做法有以下几点", "二、强化要素保障,加快项目建设。"),
            BreakDecision::Keep { .. }
        ));
        assert!(matches!(
            decide(&lang, "会议强调,", "要认清形势,提高认识。"),
            BreakDecision::Join { confident: true, .. }
        ));
    }
}
