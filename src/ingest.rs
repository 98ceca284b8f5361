//! Ingest: bytes of a raw dump → decoded text, exactly as read, with a line table.
//!
//! Encodings met in newsroom dumps: UTF-8 (with or without BOM), UTF-16 with
//! BOM, and GB18030/GBK from older Chinese systems. Line ends may be LF, CRLF
//! or a lone CR. The decoded text is never altered: line numbers refer to it.

use std::fmt;

/// Larger than any plausible issue dump: refuse rather than choke.
pub const MAX_ISSUE_BYTES: u64 = 50 * 1024 * 1024;

/// Why a file could not be read as an issue.
#[derive(Debug)]
pub enum IngestError {
    Io { path: String, error: std::io::Error },
    Empty { path: String },
    TooLarge { path: String, bytes: u64 },
    NotText { path: String, reason: String },
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::Io { path, error } => write!(f, "{path}: cannot read the file: {error}"),
            IngestError::Empty { path } => {
                write!(f, "{path}: the file is empty (no text to split into articles)")
            }
            IngestError::TooLarge { path, bytes } => write!(
                f,
                "{path}: the file is {:.1} MB, larger than any issue ({} MB at most); is it the right file?",
                *bytes as f64 / 1_048_576.0,
                MAX_ISSUE_BYTES / 1_048_576
            ),
            IngestError::NotText { path, reason } => {
                write!(f, "{path}: not a text dump of an issue: {reason}")
            }
        }
    }
}

impl std::error::Error for IngestError {}

/// The decoded source of an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub text: String,
    /// Name of the encoding the bytes were decoded from (`UTF-8`, `GB18030`, …).
    pub encoding: String,
    /// Byte range of every line's content (without its line end), in order.
    line_ranges: Vec<(usize, usize)>,
}

impl Source {
    /// Builds the line table of already decoded text.
    pub fn from_text(text: String, encoding: &str) -> Source {
        let line_ranges = line_ranges(&text);
        Source { text, encoding: encoding.to_string(), line_ranges }
    }

    pub fn line_count(&self) -> u32 {
        self.line_ranges.len() as u32
    }

    /// Line `n` (1-based) without its line end; "" when out of range.
    pub fn line(&self, n: u32) -> &str {
        match n.checked_sub(1).and_then(|i| self.line_ranges.get(i as usize)) {
            Some(&(s, e)) => &self.text[s..e],
            None => "",
        }
    }

    /// All lines with their 1-based numbers.
    pub fn lines(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        self.line_ranges.iter().enumerate().map(|(i, &(s, e))| (i as u32 + 1, &self.text[s..e]))
    }
}

/// Splits on LF, CRLF and lone CR; a final line end does not open an empty line.
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                ranges.push((start, i));
                i += 1;
                start = i;
            }
            b'\r' => {
                ranges.push((start, i));
                i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        ranges.push((start, bytes.len()));
    }
    ranges
}

/// Decodes the bytes of a dump; `name` is used in error messages.
///
/// A file that is almost UTF-8 (or almost GB18030) — a byte lost in a copy, a
/// truncated download — is decoded as that, each bad spot replaced by U+FFFD (which
/// `clean` flags as damaged encoding on its lines) and the encoding named with the
/// count, e.g. `UTF-8 (2 bad bytes replaced)`. It is never read as a Western code page
/// by guessing: a file whose guess is one, with more than a sprinkle of non-ASCII
/// bytes, is refused with the place of its first bad byte.
pub fn decode(bytes: &[u8], name: &str) -> Result<Source, IngestError> {
    let path = name.to_string();
    if bytes.len() as u64 > MAX_ISSUE_BYTES {
        return Err(IngestError::TooLarge { path, bytes: bytes.len() as u64 });
    }
    let not_text = |reason: String| IngestError::NotText { path: path.clone(), reason };
    let (text, encoding) = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(not_text(format!(
                "it starts with a {} byte-order mark but is not valid {}",
                enc.name(),
                enc.name()
            )));
        }
        (text.into_owned(), format!("{} (BOM)", enc.name()))
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), "UTF-8".to_string())
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(not_text(format!(
                "it looks like {} without a byte-order mark (UTF-16?) but does not decode as it",
                enc.name()
            )));
        }
        (text.into_owned(), format!("{} (no BOM)", enc.name()))
    } else {
        if looks_binary(bytes) {
            return Err(not_text("it contains binary data (NUL bytes or control codes), not text".into()));
        }
        if let Some((text, bad)) = nearly(bytes, encoding_rs::UTF_8) {
            (text, format!("UTF-8 ({bad} bad byte sequence(s) replaced)"))
        } else if looks_like_gb(bytes) {
            // Chinese in GB18030/GBK, with or without a few bad bytes.
            match nearly(bytes, encoding_rs::GB18030) {
                Some((text, 0)) => (text, "gb18030".to_string()),
                Some((text, bad)) => (text, format!("gb18030 ({bad} bad byte sequence(s) replaced)")),
                None => {
                    return Err(not_text(format!(
                        "it reads as GB18030 but with many bad bytes ({}); convert it to UTF-8",
                        first_bad(bytes, encoding_rs::GB18030)
                    )))
                }
            }
        } else {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let guess = detector.guess(None, true);
            let enc = if guess == encoding_rs::GBK { encoding_rs::GB18030 } else { guess };
            let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
            // GBK that does not read as Chinese (see `looks_like_gb`) is a guess, not a finding.
            if enc == encoding_rs::GB18030 {
                return Err(not_text(format!(
                    "it is not valid UTF-8 ({}), and as GB18030 it does not read as Chinese; convert it to UTF-8",
                    first_bad(bytes, encoding_rs::UTF_8)
                )));
            }
            // A single-byte code page fits any bytes: trusted only for mostly-ASCII text
            // (a Western paper's accents), never for a file full of high bytes.
            if enc.is_single_byte() && non_ascii * 20 > bytes.len() {
                return Err(not_text(format!(
                    "it is not valid UTF-8 ({}) nor GB18030, and reads as {} only by guessing; convert it to UTF-8",
                    first_bad(bytes, encoding_rs::UTF_8),
                    enc.name()
                )));
            }
            match nearly(bytes, enc) {
                Some((text, 0)) => (text, enc.name().to_string()),
                Some((text, bad)) => (text, format!("{} ({bad} bad byte sequence(s) replaced)", enc.name())),
                None => {
                    return Err(not_text(format!(
                        "it is neither UTF-8 ({}) nor valid {} (the likeliest encoding); convert it to UTF-8",
                        first_bad(bytes, encoding_rs::UTF_8),
                        enc.name()
                    )))
                }
            }
        }
    };
    if looks_binary(text.as_bytes()) {
        return Err(not_text("it contains binary data (NUL bytes or control codes), not text".into()));
    }
    if text.trim().is_empty() {
        return Err(IngestError::Empty { path });
    }
    Ok(Source::from_text(text, &encoding))
}

/// Decodes `bytes` as `enc` when at most one character in fifty (and at least two) is a
/// bad sequence; returns the text with U+FFFD for each and the number of bad sequences.
fn nearly(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Option<(String, usize)> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let had = std::str::from_utf8(bytes).map_or(0, |t| t.matches('\u{FFFD}').count());
    let bad = text.matches('\u{FFFD}').count().saturating_sub(had);
    let wide = text.chars().filter(|c| !c.is_ascii()).count().saturating_sub(bad);
    (bad <= 2.max(wide / 50)).then(|| (text.into_owned(), bad))
}

/// Where the first byte is that `enc` cannot decode: `line 12, byte 7 of the line`.
fn first_bad(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> String {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let mut read = 0;
    loop {
        let (result, n) = decoder.decode_to_string_without_replacement(&bytes[read..], &mut out, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::Malformed(len, _) => {
                let at = read.saturating_sub(len as usize);
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                let column = at - bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
                return format!("first bad byte at line {line}, byte {column} of the line");
            }
            encoding_rs::DecoderResult::OutputFull => out.reserve(bytes.len()),
            encoding_rs::DecoderResult::InputEmpty => return "no bad byte".to_string(),
        }
    }
}

/// UTF-16 without a byte-order mark: text whose every other byte is NUL (ASCII and line
/// ends) or whose code units are mostly CJK. Returns the byte order that fits.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024) & !1];
    let units = sample.len() / 2;
    let (mut le_ascii, mut be_ascii, mut le_cjk, mut be_cjk) = (0, 0, 0, 0);
    for pair in sample.chunks_exact(2) {
        let (a, b) = (pair[0], pair[1]);
        le_ascii += usize::from(b == 0 && a != 0);
        be_ascii += usize::from(a == 0 && b != 0);
        le_cjk += usize::from((0x4e..=0x9f).contains(&b));
        be_cjk += usize::from((0x4e..=0x9f).contains(&a));
    }
    // ASCII and line ends put NULs in one half; Chinese puts 0x4E–0x9F high bytes there.
    let le = le_ascii + le_cjk;
    let be = be_ascii + be_cjk;
    let zeros = sample.iter().filter(|&&b| b == 0).count();
    if zeros == 0 {
        return None;
    }
    if le * 10 >= units * 8 && le > be {
        Some(encoding_rs::UTF_16LE)
    } else if be * 10 >= units * 8 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Does the file read as Chinese in GB18030/GBK? Most of its two-byte characters must
/// be GB2312's 3,755 common hanzi (lead byte B0–D7, trail A1–FE), with trail bytes
/// spread over their whole range. UTF-8 that lost bytes also falls into the common
/// zone by accident (its continuation bytes B0–BF lead, its lead bytes E4–E9 trail),
/// but its trails never leave A1–BF and E4–E9: the spread tells them apart.
fn looks_like_gb(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let (mut pairs, mut common, mut spread) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < sample.len() {
        let b = sample[i];
        let next = sample.get(i + 1).copied().unwrap_or(0);
        if b < 0x80 {
            i += 1;
        } else if (0x81..=0xfe).contains(&b) && (0x30..=0x39).contains(&next) {
            i += 4;
        } else if (0x81..=0xfe).contains(&b) && (0x40..=0xfe).contains(&next) && next != 0x7f {
            pairs += 1;
            if (0xb0..=0xd7).contains(&b) && next >= 0xa1 {
                common += 1;
                spread += usize::from(next >= 0xc0 && !(0xe4..=0xe9).contains(&next));
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    pairs >= 8 && common * 10 >= pairs * 6 && spread * 4 >= common
}

/// NULs or many C0 control codes (other than tab, line ends, form feed) mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    // A stray control code or two happens in real dumps; binary files are full of them.
    controls > 8 && controls * 100 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_cr_and_lf_all_end_lines() {
        let s = Source::from_text("第一行\r\n第二行\r第三行\n第四行".into(), "UTF-8");
        assert_eq!(s.line_count(), 4);
        assert_eq!(s.line(2), "第二行");
        assert_eq!(s.line(4), "第四行");
        assert_eq!(s.line(5), "");
    }

    #[test]
    fn final_newline_does_not_add_a_line() {
        let s = Source::from_text("本报讯 今天\n\n".into(), "UTF-8");
        assert_eq!(s.line_count(), 2);
    }

    #[test]
    fn utf8_bom_is_detected_and_text_kept() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("沁阳市委常委会召开会议\n".as_bytes());
        let s = decode(&bytes, "bom.txt").unwrap();
        assert_eq!(s.encoding, "UTF-8 (BOM)");
        assert_eq!(s.line(1), "沁阳市委常委会召开会议");
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "本报记者 郭新\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let s = decode(&bytes, "u16.txt").unwrap();
        assert_eq!(s.encoding, "UTF-16LE (BOM)");
        assert_eq!(s.line(1), "本报记者 郭新");
    }

    #[test]
    fn gb18030_is_detected() {
        let text = "县里召开春耕生产动员会\n\n本报讯（记者李明）３月２日上午，县委书记主持召开春耕生产动员会议，部署全年农业生产工作。\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        let s = decode(&bytes, "gbk.txt").unwrap();
        assert_eq!(s.encoding, "gb18030");
        assert_eq!(s.text, text);
    }

    #[test]
    fn empty_and_blank_files_are_refused_by_name() {
        let e = decode(b"", "empty.txt").unwrap_err();
        assert!(e.to_string().contains("empty.txt") && e.to_string().contains("empty"));
        assert!(matches!(decode(b" \n\r\n", "blank.txt"), Err(IngestError::Empty { .. })));
    }

    #[test]
    fn binary_is_refused() {
        let png = [0x89u8, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe, 0x00];
        let e = decode(&png, "photo.txt").unwrap_err();
        assert!(matches!(e, IngestError::NotText { .. }), "{e}");
        assert!(e.to_string().contains("photo.txt"));
    }

    /// A page of a county paper, long enough for the statistics.
    fn page() -> String {
        "县里召开春耕生产动员会\n\n本报讯（记者李明 通讯员王芳）３月２日上午，县委书记主持召开春耕生产动员会议，部署全年农业生产工作。会议要求，各乡镇要早谋划、早部署、早落实，确保春耕生产顺利进行。\n\n会议指出，今年是全县产业转型的关键一年，要抓好项目建设，强化要素保障，加快推进城南物流园等重点项目。\n".repeat(3)
    }

    #[test]
    fn utf8_with_a_byte_lost_is_read_as_utf8_with_the_spot_replaced() {
        let text = page();
        let bytes = text.as_bytes();
        for cut in (5..bytes.len() - 5).step_by(7) {
            let mut damaged = bytes.to_vec();
            damaged.remove(cut);
            let s = decode(&damaged, "0314.txt").unwrap_or_else(|e| panic!("cut at {cut}: {e}"));
            assert!(s.encoding.starts_with("UTF-8"), "cut at {cut}: read as {}", s.encoding);
            assert!(s.text.contains("县里召开春耕") || cut < 40, "cut at {cut}: {}", &s.text[..60]);
            let replaced = s.text.matches('\u{FFFD}').count();
            assert!(replaced <= 2, "cut at {cut}: {replaced}");
        }
    }

    #[test]
    fn gb18030_with_a_few_bad_bytes_stays_gb18030() {
        let text = page();
        let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
        let mut damaged = bytes.to_vec();
        damaged[40] = 0xff;
        damaged[200] = 0xff;
        let s = decode(&damaged, "gb.txt").unwrap();
        assert!(s.encoding.starts_with("gb18030 (2 bad"), "{}", s.encoding);
        assert!(s.text.contains("本报讯"));
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        for (enc, name) in [(encoding_rs::UTF_16LE, "UTF-16LE"), (encoding_rs::UTF_16BE, "UTF-16BE")] {
            let mut bytes = Vec::new();
            for u in page().encode_utf16() {
                let pair = if enc == encoding_rs::UTF_16LE { u.to_le_bytes() } else { u.to_be_bytes() };
                bytes.extend_from_slice(&pair);
            }
            let s = decode(&bytes, "u16.txt").unwrap();
            assert_eq!(s.encoding, format!("{name} (no BOM)"));
            assert_eq!(s.text, page());
        }
    }

    #[test]
    fn garbage_high_bytes_are_refused_not_read_as_a_western_code_page() {
        // UTF-8 cut to pieces: every third byte gone.
        let bytes: Vec<u8> = page().bytes().enumerate().filter(|(i, _)| i % 3 != 1).map(|(_, b)| b).collect();
        let e = decode(&bytes, "mangled.txt").unwrap_err();
        assert!(e.to_string().contains("mangled.txt") && e.to_string().contains("line 1"), "{e}");
        // A Western text with accents is still read.
        let (latin, _, _) =
            encoding_rs::WINDOWS_1252.encode("The café council met on Tuesday to discuss the new road.\n");
        assert!(decode(&latin, "en.txt").is_ok());
    }
}
