//! Proposing the issue's date from its datelines and year hints.
//!
//! Datelines rarely print the year (`11月29日下午`, `新华社北京１２月３１日电`).
//! The year comes from full dates in the text (`１９９８年１月１日`) or, failing
//! that, from years mentioned (`2023年`). Datelines in December next to ones in
//! January belong to the year before. The proposal is the latest dateline: a
//! paper prints yesterday's news, so the editor confirms it (low confidence).
//!
//! An archive usually names its files by date (`19980107-01.txt`,
//! `rmrb_2019-02-01_p4.txt`, `2019/02/01/page4.txt`): such a date wins over
//! the datelines.

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

static FILE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})[-_./\\]?(0[1-9]|1[0-2])[-_./\\]?(0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$)")
        .unwrap()
});

/// The issue's date: from the file's name when it carries one, else from the datelines.
pub fn propose_issue_date(src: &Source, articles: &[Article], source_file: &str) -> Field<Option<String>> {
    match date_in_file_name(source_file) {
        Some(date) => Field::new(Some(date), 0.8, None),
        None => date_from_datelines(src, articles),
    }
}

/// `YYYY-MM-DD` from a file name or path that holds a real calendar date
/// (`19980107-01.txt`, `rmrb_2019-02-01_p4.txt`, `2019/02/01/page4.txt`).
/// The file's own name is read before its folders.
fn date_in_file_name(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    for candidate in [name, path] {
        for c in FILE_DATE.captures_iter(candidate) {
            let (Ok(y), Ok(m), Ok(d)) = (c[1].parse::<i32>(), c[2].parse::<u32>(), c[3].parse::<u32>()) else {
                continue;
            };
            if d <= days_in_month(y, m) {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    None
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn date_from_datelines(src: &Source, articles: &[Article]) -> Field<Option<String>> {
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
    fn dates_in_file_names() {
        assert_eq!(date_in_file_name("19980107-01.txt").as_deref(), Some("1998-01-07"));
        assert_eq!(date_in_file_name("/archive/rmrb_2019-02-01_p4.txt").as_deref(), Some("2019-02-01"));
        assert_eq!(date_in_file_name("/archive/2019/02/01/page4.txt").as_deref(), Some("2019-02-01"));
        assert_eq!(date_in_file_name("C:\\报纸\\2024.11.29.md").as_deref(), Some("2024-11-29"));
        // Not dates: no such day, a longer number, no date at all.
        assert_eq!(date_in_file_name("20190230.txt"), None);
        assert_eq!(date_in_file_name("scan-1201902019.txt"), None);
        assert_eq!(date_in_file_name("yunxi-county-news.md"), None);
    }

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
