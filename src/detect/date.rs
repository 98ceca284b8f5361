//! Proposing the issue's date.
//!
//! Two places print it whole: the file's name, since an archive names its files
//! by date (`19980107-01.txt`, `rmrb_2019-02-01_p4.txt`, `2019/02/01/page4.txt`),
//! and a page's masthead or running head (`2024年3月15日 星期五`, `第01版 2019年2月21日`).
//! Nothing else is proposed: datelines print no year (`新华社北京１２月３１日电`) and
//! the years a page mentions do not tell its own — on the 472 dev pages with their
//! file names hidden, the year so guessed was wrong on 76% of the pages with a
//! dateline (a January paper talks about last year), and the latest dateline was
//! the day before the issue on most of the rest. A wrong date travels into every
//! export; an empty one is set by the editor.

use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::Source;
use crate::model::{Field, LineSpan};
use crate::text::parse_number;

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９]{4}|[一二三四五六七八九〇零]{4})年([0-9０-９一二三四五六七八九十]{1,3})月([0-9０-９一二三四五六七八九十]{1,3})日")
        .unwrap()
});
/// What stands beside a date in a masthead or running head and nowhere in a story's dates.
static MASTHEAD_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"星期[一二三四五六日天]|周[一二三四五六日]|第\s*[0-9０-９]+\s*版|农历").unwrap());

static FILE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})[-_./\\]?(0[1-9]|1[0-2])[-_./\\]?(0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$)")
        .unwrap()
});

/// The issue's date: from the file's name when it carries one, else from a masthead line.
pub fn propose_issue_date(src: &Source, source_file: &str) -> Field<Option<String>> {
    if let Some(date) = date_in_file_name(source_file) {
        return Field::new(Some(date), 0.8, None);
    }
    match masthead_date(&src.text) {
        Some((date, line)) => Field::new(Some(date), 0.9, Some(LineSpan::line(line))),
        None => Field::absent(0.0),
    }
}

/// `YYYY-MM-DD` from a file name or path that holds a real calendar date
/// (`19980107-01.txt`, `rmrb_2019-02-01_p4.txt`, `2019/02/01/page4.txt`).
/// The file's own name is read before its folders.
fn date_in_file_name(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    for candidate in [name, path] {
        for c in FILE_DATE.captures_iter(candidate) {
            let (Ok(y), Ok(m), Ok(d)) = (c[1].parse::<u32>(), c[2].parse::<u32>(), c[3].parse::<u32>()) else {
                continue;
            };
            if let Some(date) = calendar_date(y, m, d) {
                return Some(date);
            }
        }
    }
    None
}

/// The date of the first masthead or running-head line (`2024年3月15日 星期五`,
/// `人民日报 2019年02月21日 第01版`): a short line with a full date and a weekday,
/// page number or lunar date beside it. Returns the date and its 1-based line.
fn masthead_date(text: &str) -> Option<(String, u32)> {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.chars().count() > 40 || !MASTHEAD_MARK.is_match(line) {
            continue;
        }
        if let Some(c) = FULL_DATE.captures(line) {
            let parts = (parse_number(&c[1]), parse_number(&c[2]), parse_number(&c[3]));
            if let (Some(y), Some(m), Some(d)) = parts {
                if let Some(date) = calendar_date(y, m, d) {
                    return Some((date, i as u32 + 1));
                }
            }
        }
    }
    None
}

/// `YYYY-MM-DD` when the three numbers make a real date of 1900–2099.
fn calendar_date(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((1900..=2099).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
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
    fn dates_in_mastheads() {
        let page = "云溪日报\n2024年3月15日 星期五\n第01版：要闻\n县委常委会召开会议\n";
        assert_eq!(masthead_date(page), Some(("2024-03-15".into(), 2)));
        let running_head = "云溪日报 ２０２４年３月１５日 第０２版\n正文……";
        assert_eq!(masthead_date(running_head).map(|d| d.0).as_deref(), Some("2024-03-15"));
        assert_eq!(masthead_date("一九九八年一月七日 星期三\n").map(|d| d.0).as_deref(), Some("1998-01-07"));
        // A story's dates are not the issue's: no weekday or page beside them, or a long line.
        assert_eq!(masthead_date("2023年11月29日下午，县委书记主持召开会议。\n"), None);
        assert_eq!(
            masthead_date("据介绍，2023年11月29日星期三上午，县里召开了动员大会，全县各乡镇主要负责同志参加了会议。\n"),
            None
        );
        // No such day.
        assert_eq!(masthead_date("2023年2月30日 星期四\n"), None);
    }

    #[test]
    fn a_dump_named_without_a_date_and_with_no_masthead_gets_none() {
        let src = Source::from_text(
            "本报讯(记者林海峰)11月29日下午，县委召开会议。2023年全县生产总值增长。\n".into(),
            "UTF-8",
        );
        assert_eq!(propose_issue_date(&src, "yunxi.txt").detected, None);
        assert_eq!(propose_issue_date(&src, "yunxi-20231130.txt").detected.as_deref(), Some("2023-11-30"));
    }
}
