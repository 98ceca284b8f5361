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
pub fn decode(bytes: &[u8], name: &str) -> Result<Source, IngestError> {
    let path = name.to_string();
    if bytes.len() as u64 > MAX_ISSUE_BYTES {
        return Err(IngestError::TooLarge { path, bytes: bytes.len() as u64 });
    }
    let (text, encoding) = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(IngestError::NotText {
                path,
                reason: format!("it starts with a {} byte-order mark but is not valid {}", enc.name(), enc.name()),
            });
        }
        (text.into_owned(), format!("{} (BOM)", enc.name()))
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), "UTF-8".to_string())
    } else {
        if looks_binary(bytes) {
            return Err(IngestError::NotText {
                path,
                reason: "it contains binary data (NUL bytes or control codes), not text".into(),
            });
        }
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        let guess = detector.guess(None, true);
        // chardetng names GBK for Chinese; GB18030 is its superset and decodes every GBK file.
        let enc = if guess == encoding_rs::GBK { encoding_rs::GB18030 } else { guess };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(IngestError::NotText {
                path,
                reason: format!(
                    "it is neither UTF-8 nor valid {} (the likeliest encoding); convert it to UTF-8",
                    enc.name()
                ),
            });
        }
        (text.into_owned(), enc.name().to_string())
    };
    if looks_binary(text.as_bytes()) {
        return Err(IngestError::NotText {
            path,
            reason: "it contains binary data (NUL bytes or control codes), not text".into(),
        });
    }
    if text.trim().is_empty() {
        return Err(IngestError::Empty { path });
    }
    Ok(Source::from_text(text, &encoding))
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
}
