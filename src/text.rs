//! Character-level facts about Chinese newspaper text, shared by the rules.

/// A CJK ideograph (the basic block and extensions A–G, compatibility).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x323AF | 0xF900..=0xFAFF | 0x3007)
}

/// Full-width punctuation and symbols used in Chinese typesetting.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '●' | '□' | '■' | '△' | '▲' | '◆' | '★')
}

/// Han or Chinese punctuation: the context in which half-width marks are wrong.
pub fn is_chinese_context(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Marks that may end a sentence (closing quotes and brackets are looked through).
pub fn ends_sentence(s: &str) -> bool {
    let trimmed = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》' | '"' | '\'' | '】')
    });
    matches!(trimmed.chars().last(), Some('。' | '！' | '？' | '!' | '?' | '…' | '；' | '：' | ':' | ';' | '.'))
}

/// Marks that end a clause but not a sentence: a paragraph ending in them is broken.
pub fn ends_mid_sentence(s: &str) -> bool {
    matches!(s.trim_end().chars().last(), Some('，' | ',' | '、' | '—' | '“' | '（' | '(' | '《'))
}

/// How wide a text sets, in half-cells: a Chinese character or full-width mark takes
/// a whole cell (2), a Latin letter, digit or half-width mark half a cell (1).
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() || ('\u{ff61}'..='\u{ff9f}').contains(&c) { 1 } else { 2 }).sum()
}

/// Number of characters (not bytes).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Full-width ASCII (ＡＢＣ１２３) to half-width, everything else unchanged.
pub fn to_halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .collect()
}

/// Value of a number written with ASCII, full-width or Chinese digits (`１２`, `十二`, `二十一`, `一九九八`).
pub fn parse_number(s: &str) -> Option<u32> {
    let half = to_halfwidth(s);
    if !half.is_empty() && half.chars().all(|c| c.is_ascii_digit()) {
        return half.parse().ok();
    }
    let digit = |c: char| {
        "〇零一二三四五六七八九".find(c).map(|i| {
            // "〇" and "零" are three bytes each, like the other digits.
            let idx = i / 3;
            if idx <= 1 {
                0
            } else {
                idx as u32 - 1
            }
        })
    };
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if !chars.contains(&'十') && !chars.contains(&'百') {
        // Digit by digit: 一九九八.
        let mut v = 0u32;
        for &c in &chars {
            v = v.checked_mul(10)?.checked_add(digit(c)?)?;
        }
        return Some(v);
    }
    let mut total = 0u32;
    let mut current = 0u32;
    for &c in &chars {
        match c {
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// Removes markdown decoration from a line: heading marks, emphasis, quote marks,
/// and the trailing spaces or backslash of a hard line break.
pub fn strip_markdown(line: &str) -> &str {
    let mut s = line.trim();
    s = s.trim_start_matches('>').trim_start();
    let hashes = s.chars().take_while(|&c| c == '#').count();
    if hashes > 0 && hashes <= 6 {
        s = s[hashes..].trim_start();
    }
    s = s.trim_end_matches('\\').trim_end();
    s = strip_runs(s, "**");
    s = strip_runs(s, "__");
    s.trim()
}

/// `s` less every `mark` it opens or closes with (`trim_start_matches` and
/// `trim_end_matches`, without building a searcher for each of a page's lines).
fn strip_runs<'a>(mut s: &'a str, mark: &str) -> &'a str {
    while let Some(rest) = s.strip_prefix(mark) {
        s = rest;
    }
    while let Some(rest) = s.strip_suffix(mark) {
        s = rest;
    }
    s
}

/// `1\. 县里召开大会`, `\[图片\]`, `\*本报讯` — a converter's markdown escapes
/// the ASCII marks it would otherwise read as markup (a list number, a link's bracket,
/// emphasis): the paper printed the mark, so the archive's text keeps the mark alone.
/// A backslash before anything else (`C:\县志`) is text and stays.
pub fn unescape_markdown(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\\') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A line's text as the paper printed it: markdown decoration stripped, escapes undone.
pub fn printed_text(line: &str) -> std::borrow::Cow<'_, str> {
    unescape_markdown(strip_markdown(line))
}

/// `![](images/p1_3.jpg)`, `![县城新貌](a.png)`, `<img src="a.jpg">` — a picture a converter
/// left in the text as a reference: no words of the page, so no head and no paragraph.
pub fn picture_placeholder(line: &str) -> bool {
    let mut rest = line.trim();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("![") {
            // `![alt](target)`: the alt text holds no `]`, the target no `)`.
            let Some((_, after)) = r.split_once("](") else { return false };
            let Some((_, after)) = after.split_once(')') else { return false };
            rest = after.trim_start();
        } else if rest.get(..4).is_some_and(|head| head.eq_ignore_ascii_case("<img")) {
            let Some((_, after)) = rest.split_once('>') else { return false };
            rest = after.trim_start();
        } else {
            return false;
        }
    }
    true
}

/// A whole line set in bold (`**甘肃定西元古堆村**`, `__…__`): how a converter marks a
/// paragraph that was a head or a subhead on the page.
pub fn emphasized_whole(line: &str) -> bool {
    let t = line.trim();
    let wrapped = |mark: &str| {
        t.len() > 2 * mark.len()
            && t.starts_with(mark)
            && t.ends_with(mark)
            && !t[mark.len()..t.len() - mark.len()].contains(mark)
    };
    wrapped("**") || wrapped("__")
}

/// A markdown rule that parts blocks: `---`, `***`, `___`, `* * *`, `===`, `———` — or the
/// paper's own row of stars a converter escaped (`\*\*\*`): it parts blocks all the same.
pub fn thematic_break(line: &str) -> bool {
    // Asked of every line twice: a line of text is turned away at its first character.
    let mut marks = 0;
    for c in line.chars().filter(|&c| !c.is_whitespace() && c != '\\') {
        if !matches!(c, '-' | '*' | '_' | '=' | '—') {
            return false;
        }
        marks += 1;
    }
    marks > 0 && (marks == line.trim().chars().count() || marks >= 3 || line.contains('\\'))
}

/// The level of a Setext heading (`县里召开春耕动员会` over `=========`: 1, over
/// `---------`: 2), as turndown and older pandoc write a page's first two heading levels.
/// The underline runs about as long as the heading (turndown: one mark per character,
/// pandoc: per half-cell): a rule of fixed length under the last line of a plain text,
/// (`（完）` over forty dashes) is a separator. A heading is short and ends on no stop.
pub fn setext_level(line: &str, next: &str) -> Option<u8> {
    let under = next.trim();
    let level = match under.chars().next()? {
        '=' => 1,
        '-' => 2,
        _ => return None,
    };
    let text = strip_markdown(line);
    let (marks, chars) = (under.chars().count(), char_len(text));
    let fits = under.chars().all(|c| c == under.chars().next().unwrap_or(' '))
        && marks >= 2
        && chars >= 2
        && marks + 2 >= chars
        && marks <= display_width(text) + 4;
    (fits && chars <= 60 && !ends_sentence(text) && heading_level(line).is_none()).then_some(level)
}

/// The markdown heading level of a line (`# 标题` → 1), if it is a heading.
pub fn heading_level(line: &str) -> Option<u8> {
    let s = line.trim_start();
    let hashes = s.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &s[hashes..];
        if rest.starts_with(' ') || rest.starts_with('\t') || rest.starts_with('\u{3000}') {
            return Some(hashes as u8);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setext_headings_and_rules() {
        // turndown underlines one mark per character, pandoc one per half-cell.
        assert_eq!(setext_level("县里召开春耕动员会", "========="), Some(1));
        assert_eq!(setext_level("小城春色", "--------"), Some(2));
        // A fixed rule under a text's last line, or under a sentence, is a separator.
        assert_eq!(setext_level("（完）", "----------------------------------------"), None);
        assert_eq!(setext_level("会议要求各乡镇抓好落实。", "------------"), None);
        assert_eq!(setext_level("小城春色", "- 3 -"), None);
        assert!(thematic_break("* * *"));
        assert!(thematic_break("---"));
        assert!(thematic_break("———"));
        assert!(thematic_break("\\*\\*\\*"));
        assert!(!thematic_break("\\"));
        assert!(!thematic_break("- 3 -"));
        assert!(!thematic_break("* 县里召开春耕动员会"));
    }

    #[test]
    fn pictures_a_converter_left_as_references() {
        assert!(picture_placeholder("![](images/p1_3.jpg)"));
        assert!(picture_placeholder("  ![县城新貌](a.png) ![](b.png)"));
        assert!(picture_placeholder("<IMG src=\"a.jpg\" alt=\"\">"));
        assert!(!picture_placeholder("![](a.png) 县城新貌"), "a caption beside it is text");
        assert!(!picture_placeholder("！[注意]这不是图片"));
        assert!(!picture_placeholder("![未闭合"));
        assert!(!picture_placeholder(""));
        assert!(!picture_placeholder("县城新貌"), "a line of Chinese is cut nowhere");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("会议还研究了其他事项。"));
        assert!(ends_sentence("努力成为“一束光”。”"));
        assert!(ends_sentence("今年以来,河南省科学院沁阳科创园捷报频传:"));
        assert!(!ends_sentence("不断增强人民群众获得感、幸福感和安全感。三要"));
        assert!(!ends_sentence("会议强调,"));
        assert!(ends_mid_sentence("会议强调,"));
        assert!(!ends_mid_sentence("谢谢！"));
    }

    #[test]
    fn numbers_in_three_scripts() {
        assert_eq!(parse_number("１２"), Some(12));
        assert_eq!(parse_number("12"), Some(12));
        assert_eq!(parse_number("十二"), Some(12));
        assert_eq!(parse_number("二十一"), Some(21));
        assert_eq!(parse_number("三十"), Some(30));
        assert_eq!(parse_number("十"), Some(10));
        assert_eq!(parse_number("一九九八"), Some(1998));
        assert_eq!(parse_number("二〇二四"), Some(2024));
        assert_eq!(parse_number("元"), None);
    }

    #[test]
    fn markdown_is_stripped() {
        assert_eq!(strip_markdown("### ——看沁阳如何挺起“脊梁”"), "——看沁阳如何挺起“脊梁”");
        assert_eq!(strip_markdown("本报记者 郭新  "), "本报记者 郭新");
        // A whole line in bold or underscores: every mark at either end goes, inner ones stay.
        assert_eq!(strip_markdown("**甘肃定西元古堆村**"), "甘肃定西元古堆村");
        assert_eq!(strip_markdown("****春耕**动员****"), "春耕**动员");
        assert_eq!(strip_markdown("__县里召开春耕动员会__"), "县里召开春耕动员会");
        assert_eq!(strip_markdown("**县里召开大会**"), "县里召开大会");
        assert_eq!(heading_level("## 县领导调研"), Some(2));
        assert_eq!(heading_level("#3号线开通"), None);
        assert!(emphasized_whole("**甘肃定西元古堆村**"));
        assert!(!emphasized_whole("**注意**：今天停电"));
        assert!(!emphasized_whole("****"));
        assert!(!emphasized_whole("**注意**：今天**停电**"));
    }

    #[test]
    fn markdown_escapes_are_undone() {
        assert_eq!(printed_text("1\\. 县里召开春耕动员会"), "1. 县里召开春耕动员会");
        assert_eq!(printed_text("## \\[图片\\] 新建的城关大桥"), "[图片] 新建的城关大桥");
        assert_eq!(printed_text("股价涨了5\\%，成交\\*\\*活跃"), "股价涨了5%，成交**活跃");
        assert_eq!(printed_text("a\\\\b"), "a\\b");
        // A backslash before a letter or a Han character is text.
        assert_eq!(printed_text("存在C:\\县志目录"), "存在C:\\县志目录");
        assert_eq!(printed_text("路径\\县志"), "路径\\县志");
    }

    #[test]
    fn han_and_punct() {
        assert!(is_han('沁') && is_han('𠀀') && !is_han('A'));
        assert!(is_cjk_punct('，') && is_cjk_punct('“') && !is_cjk_punct(','));
        assert_eq!(to_halfwidth("１９９８年ＡＢ"), "1998年AB");
    }
}
