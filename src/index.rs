//! The archive index: every article of every issue under an archive folder,
//! searchable by words, names, sections and dates — embedded (tantivy), no server.
//!
//! `ARCHIVE/.jianbao/index/` holds the index and `files.json`, what was indexed from
//! which file (length, modification time, SHA-256). Indexing is incremental — a file
//! is read again only when it changed — and safe to interrupt: it commits every few
//! hundred files and records them only after the commit, and a file's documents are
//! deleted before they are added again, so a rerun never doubles an article.
//! Chinese is tokenized by the archive's own jieba layer (its user dictionary
//! included): a name an editor taught is one searchable word.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use crate::language::Language;
use crate::model::{Article, Issue};

/// Where the index lives inside an archive folder.
pub const INDEX_DIR: &str = ".jianbao/index";
const STATE_FILE: &str = "files.json";
const TOKENIZER: &str = "jieba";
/// Files indexed between commits: what an interruption can cost.
const COMMIT_EVERY: usize = 200;
/// Characters of an article's text kept for the snippet of a hit.
const LEAD_CHARS: usize = 160;

/// jieba as a tantivy tokenizer, over the archive's own language layer, in its default
/// mode (search mode, which adds every long word's parts, made the index of the dev pages
/// 1.1× larger for no gain in the two-word relevance). Latin is lower-cased, full-width
/// forms made half-width.
#[derive(Clone)]
pub struct JiebaTokenizer {
    lang: Arc<Language>,
}

impl JiebaTokenizer {
    pub fn new(lang: Arc<Language>) -> Self {
        JiebaTokenizer { lang }
    }

    /// The tokens of `text` (byte offsets into it).
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
        let mut out = Vec::new();
        for (position, t) in
            self.lang.jieba.tokenize(text, jieba_rs::TokenizeMode::Default, true).into_iter().enumerate()
        {
            if !t.word.chars().any(char::is_alphanumeric) {
                continue;
            }
            let word = crate::text::to_halfwidth(t.word).to_lowercase();
            out.push(Token {
                offset_from: starts[t.start.min(starts.len() - 1)],
                offset_to: starts[t.end.min(starts.len() - 1)],
                position,
                text: word,
                position_length: 1,
            });
        }
        out
    }
}

pub struct JiebaTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for JiebaTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = JiebaTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> JiebaTokenStream {
        JiebaTokenStream { tokens: self.tokens(text), next: 0 }
    }
}

/// The index's fields. Text fields are tokenized by jieba; names, section, column,
/// genre, review state and newspaper are exact terms (`person:张三`).
#[derive(Clone, Copy)]
struct Fields {
    headline: Field,
    kicker: Field,
    deck: Field,
    body: Field,
    byline: Field,
    person: Field,
    place: Field,
    org: Field,
    section: Field,
    column: Field,
    genre: Field,
    review: Field,
    newspaper: Field,
    date: Field,
    page: Field,
    file: Field,
    id: Field,
    lead: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let fields = Fields {
        headline: b.add_text_field("headline", text(true)),
        kicker: b.add_text_field("kicker", text(false)),
        deck: b.add_text_field("deck", text(false)),
        body: b.add_text_field("body", text(false)),
        byline: b.add_text_field("byline", text(false)),
        person: b.add_text_field("person", STRING),
        place: b.add_text_field("place", STRING),
        org: b.add_text_field("org", STRING),
        section: b.add_text_field("section", STRING | STORED),
        column: b.add_text_field("column", STRING),
        genre: b.add_text_field("genre", STRING),
        review: b.add_text_field("review", STRING),
        newspaper: b.add_text_field("newspaper", STRING | STORED),
        date: b.add_i64_field("date", INDEXED | FAST | STORED),
        page: b.add_u64_field("page", STORED),
        file: b.add_text_field("file", STRING | STORED),
        id: b.add_text_field("id", STRING | STORED),
        lead: b.add_text_field("lead", TextOptions::default().set_stored()),
    };
    (b.build(), fields)
}

/// What indexing did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexReport {
    pub files_indexed: usize,
    pub files_unchanged: usize,
    pub files_removed: usize,
    pub articles: usize,
    pub failed: Vec<(PathBuf, String)>,
    /// The index was damaged and rebuilt from scratch (why).
    pub rebuilt: Option<String>,
}

impl IndexReport {
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} files indexed ({} articles), {} unchanged, {} removed, {} failed",
            self.files_indexed,
            self.articles,
            self.files_unchanged,
            self.files_removed,
            self.failed.len()
        );
        if let Some(why) = &self.rebuilt {
            s.push_str(&format!("\n  the index was damaged ({why}) and was rebuilt"));
        }
        for (path, why) in &self.failed {
            s.push_str(&format!("\n  failed: {}: {why}", path.display()));
        }
        s
    }
}

/// What the index knows of one file: how to tell it changed, and its review progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    len: u64,
    modified_ns: u128,
    sha256: String,
    #[serde(default)]
    summary: IssueSummary,
}

/// One issue of the archive as the archive view lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueSummary {
    /// The issue file, relative to the archive.
    #[serde(default)]
    pub file: String,
    /// `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    pub newspaper: Option<String>,
    pub articles: usize,
    pub reviewed: usize,
    pub open_flags: usize,
}

/// The issues of an indexed archive, newest first (undated ones last), with their review
/// progress as of the last indexing.
pub fn overview(archive: &Path) -> Vec<IssueSummary> {
    let mut issues: Vec<IssueSummary> =
        load_state(archive).into_iter().map(|(file, seen)| IssueSummary { file, ..seen.summary }).collect();
    issues.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.file.cmp(&b.file)));
    issues
}

/// The issue files of an archive: annotated `.ron` issues, and raw dumps that have no
/// `.ron` of the same name beside them (the annotated one carries the corrections).
pub fn archive_files(archive: &Path) -> Result<Vec<PathBuf>, String> {
    let collected =
        crate::batch::collect(&[archive.to_path_buf()], crate::batch::Work::Export(crate::export::Format::Json))?;
    let files: Vec<PathBuf> = collected.inputs.into_iter().map(|i| i.file).collect();
    let annotated: std::collections::HashSet<PathBuf> =
        files.iter().filter(|f| crate::is_annotated(f)).map(|f| f.with_extension("")).collect();
    Ok(files.into_iter().filter(|f| crate::is_annotated(f) || !annotated.contains(&f.with_extension(""))).collect())
}

fn state_path(archive: &Path) -> PathBuf {
    archive.join(INDEX_DIR).join(STATE_FILE)
}

fn load_state(archive: &Path) -> BTreeMap<String, Seen> {
    crate::store::read_text(&state_path(archive)).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

fn save_state(archive: &Path, state: &BTreeMap<String, Seen>) -> Result<(), String> {
    let text = serde_json::to_string(state).map_err(|e| e.to_string())?;
    crate::store::write_atomic(&state_path(archive), text.as_bytes()).map_err(|e| e.to_string())
}

/// Opens the archive's index (creating it), with the jieba tokenizer registered. A
/// damaged index is removed and created again; the reason is returned.
fn open_index(archive: &Path, lang: &Arc<Language>) -> Result<(Index, Fields, Option<String>), String> {
    let dir = archive.join(INDEX_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (schema, fields) = schema();
    let mut rebuilt = None;
    let index = match tantivy::directory::MmapDirectory::open(&dir)
        .map_err(|e| e.to_string())
        .and_then(|d| Index::open_or_create(d, schema.clone()).map_err(|e| e.to_string()))
    {
        Ok(index) if index.reader().is_ok() => index,
        result => {
            let why = match result {
                Err(e) => e,
                Ok(_) => "its files cannot be read".to_string(),
            };
            std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            rebuilt = Some(why);
            Index::create_in_dir(&dir, schema).map_err(|e| format!("{}: {e}", dir.display()))?
        }
    };
    index.tokenizers().register(TOKENIZER, TextAnalyzer::from(JiebaTokenizer::new(lang.clone())));
    Ok((index, fields, rebuilt))
}

/// The date of an issue as a number (`20260314`), 0 when unknown.
fn date_number(issue: &Issue) -> i64 {
    issue.meta.date.value().as_deref().map(|d| d.replace('-', "")).and_then(|d| d.parse().ok()).unwrap_or(0)
}

fn article_doc(f: &Fields, issue: &Issue, a: &Article, file: &str) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    let opt = |d: &mut TantivyDocument, field: Field, v: &Option<String>| {
        if let Some(v) = v {
            d.add_text(field, v);
        }
    };
    opt(&mut d, f.headline, a.headline.value());
    opt(&mut d, f.kicker, a.kicker.value());
    opt(&mut d, f.deck, a.deck.value());
    let mut lead = String::new();
    for p in a.body() {
        d.add_text(f.body, &p.text);
        if lead.chars().count() < LEAD_CHARS {
            lead.extend(p.text.chars().take(LEAD_CHARS));
        }
    }
    for s in a.subheads.value() {
        d.add_text(f.body, &s.text);
    }
    d.add_text(f.lead, lead.chars().take(LEAD_CHARS).collect::<String>());
    for c in a.contributors.value() {
        d.add_text(f.byline, format!("{} {}", c.role.as_str(), c.name));
        d.add_text(f.person, &c.name);
    }
    for p in a.people.value() {
        d.add_text(f.person, p);
    }
    for p in a.places.value() {
        d.add_text(f.place, p);
    }
    for o in a.organizations.value() {
        d.add_text(f.org, o);
    }
    opt(&mut d, f.section, a.section.value());
    opt(&mut d, f.column, a.column.value());
    d.add_text(f.genre, a.genre.value().as_str());
    d.add_text(f.review, a.review.as_str());
    opt(&mut d, f.newspaper, issue.meta.newspaper.value());
    d.add_i64(f.date, date_number(issue));
    if let Some(page) = a.page {
        d.add_u64(f.page, page as u64);
    }
    d.add_text(f.file, file);
    d.add_text(f.id, &a.id);
    d
}

/// How a file looks now: length, modification time, and (when those changed) its hash.
fn seen_now(path: &Path, before: Option<&Seen>) -> Result<Seen, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    let modified_ns =
        meta.modified().ok().and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    if let Some(b) = before {
        if b.len == meta.len() && b.modified_ns == modified_ns {
            return Ok(b.clone());
        }
    }
    let bytes = crate::store::read_regular(path).map_err(|e| e.to_string())?;
    let summary = before.map(|b| b.summary.clone()).unwrap_or_default();
    Ok(Seen { len: meta.len(), modified_ns, sha256: crate::detect::sha256_hex(&bytes), summary })
}

/// Indexes every issue under `archive` into `archive/.jianbao/index/`: only files that
/// changed since the last run; files gone from the archive leave the index.
/// `progress(done, total)` is called as files are read.
pub fn index_archive(archive: &Path, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<IndexReport, String> {
    let lang = Language::for_folder(archive)?;
    let (index, fields, rebuilt) = open_index(archive, &lang)?;
    let mut state = if rebuilt.is_some() { BTreeMap::new() } else { load_state(archive) };
    let mut report = IndexReport { rebuilt, ..IndexReport::default() };
    let files = archive_files(archive)?;
    let relative = |p: &Path| p.strip_prefix(archive).unwrap_or(p).to_string_lossy().replace('\\', "/");
    let mut writer: IndexWriter = index.writer(100_000_000).map_err(|e| e.to_string())?;
    // Files gone from the archive.
    let present: std::collections::HashSet<String> = files.iter().map(|f| relative(f)).collect();
    let gone: Vec<String> = state.keys().filter(|k| !present.contains(*k)).cloned().collect();
    for key in &gone {
        writer.delete_term(Term::from_field_text(fields.file, key));
        state.remove(key);
    }
    report.files_removed = gone.len();
    let total = files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    for chunk in files.chunks(COMMIT_EVERY) {
        let results: Vec<(String, FileOutcome)> = chunk
            .par_iter()
            .map(|path| {
                let key = relative(path);
                let before = state.get(&key);
                let outcome = match seen_now(path, before) {
                    Err(e) => FileOutcome::Failed(e),
                    Ok(now) if before.is_some_and(|b| b.sha256 == now.sha256) => FileOutcome::Unchanged(now),
                    Ok(now) => match index_file(&writer, &fields, path, &key, &lang) {
                        Ok(summary) => {
                            let articles = summary.articles;
                            FileOutcome::Indexed(Seen { summary, ..now }, articles)
                        }
                        Err(e) => FileOutcome::Failed(e),
                    },
                };
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, total);
                (key, outcome)
            })
            .collect();
        writer.commit().map_err(|e| e.to_string())?;
        // Recorded only once committed: an interruption before this re-reads these files.
        for (key, outcome) in results {
            match outcome {
                FileOutcome::Unchanged(seen) => {
                    report.files_unchanged += 1;
                    state.insert(key, seen);
                }
                FileOutcome::Indexed(seen, articles) => {
                    report.files_indexed += 1;
                    report.articles += articles;
                    state.insert(key, seen);
                }
                FileOutcome::Failed(e) => {
                    state.remove(&key);
                    report.failed.push((archive.join(&key), e));
                }
            }
        }
        save_state(archive, &state)?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    save_state(archive, &state)?;
    // One segment when anything changed: a term dictionary shared by every article is
    // smaller than one per commit, and a search reads one.
    if report.files_indexed + report.files_removed > 0 {
        let segments = index.searchable_segment_ids().map_err(|e| e.to_string())?;
        if segments.len() > 1 {
            writer.merge(&segments).wait().map_err(|e| e.to_string())?;
        }
    }
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok(report)
}

/// What became of one file in an indexing run.
enum FileOutcome {
    Unchanged(Seen),
    Indexed(Seen, usize),
    Failed(String),
}

fn summary_of(issue: &Issue, file: &str) -> IssueSummary {
    IssueSummary {
        file: file.to_string(),
        date: issue.meta.date.value().clone(),
        newspaper: issue.meta.newspaper.value().clone(),
        articles: issue.articles.len(),
        reviewed: issue.reviewed_count(),
        open_flags: issue.open_flags(),
    }
}

/// Replaces a file's documents in the index with its articles now; returns how many.
fn index_file(
    writer: &IndexWriter,
    fields: &Fields,
    path: &Path,
    key: &str,
    lang: &Language,
) -> Result<IssueSummary, String> {
    let issue = crate::open_with(path, lang).map_err(|e| e.to_string())?;
    writer.delete_term(Term::from_field_text(fields.file, key));
    for a in &issue.articles {
        writer.add_document(article_doc(fields, &issue, a, key)).map_err(|e| e.to_string())?;
    }
    Ok(summary_of(&issue, key))
}

/// A search's restrictions.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// Search only these fields (`headline`, `body`, …); all text fields when empty.
    pub fields: Vec<String>,
    /// Issue dates, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub section: Option<String>,
    pub limit: usize,
}

/// One article found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub score: f32,
    pub date: Option<String>,
    pub page: Option<u64>,
    pub headline: String,
    /// The start of the text with the query's words marked 【…】.
    pub snippet: String,
    /// The issue file, relative to the archive.
    pub file: String,
    pub id: String,
}

fn date_arg(d: &str) -> Result<i64, String> {
    d.replace('-', "").parse().map_err(|_| format!("{d:?} is not a date (YYYY-MM-DD)"))
}

/// Searches the archive's index. The query: words (all must occur), `"a phrase"`,
/// `field:value` for a field (`person:张三`, `place:…`, `org:…`, `section:…`,
/// `column:…`, `genre:…`, `review:…`, `headline:…`, `body:…`, `byline:…`),
/// `OR`, `-word`, and `date:[20260101 TO 20261231]`.
pub fn search(archive: &Path, query: &str, options: &SearchOptions) -> Result<Vec<Hit>, String> {
    let dir = archive.join(INDEX_DIR);
    if !dir.join("meta.json").exists() {
        return Err(format!("{}: no index yet; run `jianbao index {}` first", archive.display(), archive.display()));
    }
    let lang = Language::for_folder(archive)?;
    let (index, f, rebuilt) = open_index(archive, &lang)?;
    if let Some(why) = rebuilt {
        return Err(format!("{}: the index was damaged ({why}); run `jianbao index` again", dir.display()));
    }
    let text_fields =
        [("headline", f.headline), ("kicker", f.kicker), ("deck", f.deck), ("body", f.body), ("byline", f.byline)];
    let chosen: Vec<Field> = if options.fields.is_empty() {
        text_fields.iter().map(|(_, field)| *field).collect()
    } else {
        options
            .fields
            .iter()
            .map(|name| {
                text_fields
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, field)| *field)
                    .ok_or_else(|| format!("--field {name}: use headline, kicker, deck, body or byline"))
            })
            .collect::<Result<_, _>>()?
    };
    let mut parser = QueryParser::for_index(&index, chosen);
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.headline, 3.0);
    parser.set_field_boost(f.kicker, 1.5);
    parser.set_field_boost(f.deck, 1.5);
    let mut full = format!("({})", query.trim());
    if options.from.is_some() || options.to.is_some() {
        let from = options.from.as_deref().map(date_arg).transpose()?.unwrap_or(0);
        let to = options.to.as_deref().map(date_arg).transpose()?.unwrap_or(99_991_231);
        full.push_str(&format!(" AND date:[{from} TO {to}]"));
    }
    if let Some(section) = &options.section {
        full.push_str(&format!(" AND section:\"{}\"", section.replace('"', "")));
    }
    let parsed = parser.parse_query(&full).map_err(|e| format!("the query {query:?} cannot be read: {e}"))?;
    let reader = index.reader().map_err(|e| e.to_string())?;
    let searcher = reader.searcher();
    let top = searcher
        .search(&parsed, &TopDocs::with_limit(options.limit.max(1)).order_by_score())
        .map_err(|e| e.to_string())?;
    let words: Vec<String> = JiebaTokenizer::new(lang.clone())
        .tokens(query)
        .into_iter()
        .map(|t| t.text)
        .filter(|w| !matches!(w.as_str(), "and" | "or" | "not") && !w.contains(':'))
        .collect();
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| e.to_string())?;
        let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let date = doc.get_first(f.date).and_then(|v| v.as_i64()).filter(|&d| d > 0).map(|d| {
            let d = format!("{d:08}");
            format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
        });
        hits.push(Hit {
            score,
            date,
            page: doc.get_first(f.page).and_then(|v| v.as_u64()),
            headline: text(f.headline),
            snippet: mark(&text(f.lead), &words),
            file: text(f.file),
            id: text(f.id),
        });
    }
    Ok(hits)
}

/// `text` with each of `words` marked 【…】, compared as the index compares them
/// (full-width forms as half-width, Latin in lower case).
fn mark(text: &str, words: &[String]) -> String {
    let fold = |c: char| {
        let half = crate::text::to_halfwidth(c.encode_utf8(&mut [0; 4]));
        half.chars().next().unwrap_or(c).to_lowercase().next().unwrap_or(c)
    };
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    let mut marks = vec![false; chars.len()];
    for w in words {
        let w: Vec<char> = w.chars().collect();
        if w.is_empty() || w.len() > folded.len() {
            continue;
        }
        for at in 0..=folded.len() - w.len() {
            if folded[at..at + w.len()] == w[..] {
                marks[at..at + w.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        if marks[i] && (i == 0 || !marks[i - 1]) {
            out.push('【');
        }
        out.push(c);
        if marks[i] && (i + 1 == chars.len() || !marks[i + 1]) {
            out.push('】');
        }
    }
    out
}

/// How well two words find a headline: for every article with a headline in the
/// archive's issues, the first two words of its headline (of two characters or more)
/// are searched; returns (found in the first ten, asked).
pub fn relevance(archive: &Path) -> Result<(usize, usize), String> {
    let lang = Language::for_folder(archive)?;
    let options = SearchOptions { limit: 10, ..SearchOptions::default() };
    let (mut found, mut asked) = (0, 0);
    for path in archive_files(archive)? {
        let file = path.strip_prefix(archive).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let issue = crate::open_with(&path, &lang).map_err(|e| e.to_string())?;
        for a in &issue.articles {
            let Some(headline) = a.headline.value() else { continue };
            let mut words: Vec<&str> = Vec::new();
            for w in lang.jieba.cut(headline, true).into_iter().map(|t| t.word) {
                if w.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && !words.contains(&w) {
                    words.push(w);
                }
            }
            if words.len() < 2 {
                continue;
            }
            asked += 1;
            let hits = search(archive, &format!("{} {}", words[0], words[1]), &options)?;
            found += usize::from(hits.iter().any(|h| h.file == file && h.id == a.id));
        }
    }
    Ok((found, asked))
}
