//! Proposing the issue's date from its datelines and year hints.
//!
//! Datelines rarely print the year (`11月29日下午`, `新华社北京１２月３１日电`).
//! The year comes from full dates in the text (`１９９８年１月１日`) or, failing
//! that, from years mentioned (`2023年`). Datelines in December next to ones in
//! January belong to the year before. The proposal is the latest dateline: a
//! paper prints yesterday's news, so the editor confirms it (low confidence).

use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::Source;
use crate::model::{Article, Field, LineSpan};
use crate::text::parse_number;

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:([0-9０-９一二三四五六七八九〇零]{4})年)?([0-9０-９一二三四五六七八九十]{1,3})月([0-9０-９一二三四五六七八九十]{1,3})日").unwrap()
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20|１９|２０|一九|二〇|二零)[0-9０-９一二三四五六七八九〇零]{2})年").unwrap());

pub fn propose_issue_date(src: &Source, articles: &[Article]) -> Field<Option<String>> {
    // (month, day, evidence line) of every dateline.
    let mut dates: Vec<(u32, u32, u32)> = Vec::new();
    for a in articles {
        let Some(d) = a.dateline.detected.as_deref() else { continue };
        if let Some(c) = MONTH_DAY.captures(d) {
            let (Some(m), Some(day)) = (parse_number(&c[2]), parse_number(&c[3])) else { continue };
            if (1..=12).contains(&m) && (1..=31).contains(&day) {
                dates.push((m, day, a.dateline.evidence.map_or(a.lines.first, |e| e.first)));
            }
        }
    }
    if dates.is_empty() {
        return Field::absent(0.0);
    }
    let year = year_hint(src);
    let spans_new_year = dates.iter().any(|d| d.0 == 1) && dates.iter().any(|d| d.0 == 12);
    let resolved = dates.iter().map(|&(m, d, line)| {
        let y = year.map(|y| if spans_new_year && m == 12 { y - 1 } else { y });
        (y, m, d, line)
    });
    let (y, m, d, line) = resolved.max_by_key(|&(y, m, d, _)| (y.unwrap_or(0), m, d)).expect("not empty");
    match y {
        Some(y) => Field::new(Some(format!("{y:04}-{m:02}-{d:02}")), 0.5, Some(LineSpan::line(line))),
        // Without a year the date cannot be written as YYYY-MM-DD: the editor sets it.
        None => Field::absent(0.1),
    }
}

/// The year the text is written in, as far as its dates and year mentions tell.
fn year_hint(src: &Source) -> Option<i32> {
    let mut full: Vec<i32> = MONTH_DAY
        .captures_iter(&src.text)
        .filter_map(|c| c.get(1).and_then(|y| parse_number(y.as_str())))
        .map(|y| y as i32)
        .filter(|y| (1900..=2100).contains(y))
        .collect();
    full.sort_unstable();
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for c in YEAR.captures_iter(&src.text) {
        if let Some(y) = parse_number(&c[1]) {
            *counts.entry(y as i32).or_default() += 1;
        }
    }
    // The later of the latest full date and the year mentioned most: an issue
    // looks back (`１９９７年１２月３１日`) more often than it looks ahead.
    let by_count = counts.iter().max_by_key(|(y, n)| (**n, **y)).map(|(y, _)| *y);
    full.last().copied().max(by_count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_from_full_dates_and_mentions() {
        let s = Source::from_text("在１９９８年来临之际，１９９８年。１９９７年１２月３１日子夜。".into(), "UTF-8");
        assert_eq!(year_hint(&s), Some(1998));
        let s = Source::from_text("2023年,经开区实现产值333.9亿元。2023年实现。2005年成立。".into(), "UTF-8");
        assert_eq!(year_hint(&s), Some(2023));
        let s = Source::from_text("今天天气很好。".into(), "UTF-8");
        assert_eq!(year_hint(&s), None);
    }
}
