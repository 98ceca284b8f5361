//! Named line features: everything the tagger looks at, one small function per
//! cue, each with a real-looking example. A line's features are its own cues,
//! the page's habits (does it indent paragraphs, mark headings), the rules'
//! verdicts on it (computed by `segment` and handed in), and the cues of the
//! lines around it. The tagger (`tagger`) weighs them; nothing here decides.

use crate::corpus::LineLabel;
use crate::rules::byline::{dateline_end, is_news_opener, parse_byline_line};
use crate::rules::shapes::{
    ends_with_credit, has_inner_stop, has_item_mark, is_bracketed_line, is_clear_byline, is_enumerated_subhead,
    is_photo_caption, is_standing_title,
};
use crate::text::{char_len, ends_mid_sentence, ends_sentence, is_han};
use rayon::prelude::*;

/// One non-blank line of a page as the features see it.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// The line as in the source.
    pub raw: &'a str,
    /// Without markdown decoration or indentation.
    pub text: &'a str,
    /// Blank lines right before it.
    pub gap: u32,
    /// A markdown heading: `## 标题`, a whole line in bold, or a line underlined (Setext).
    pub heading: bool,
    /// Whether `parse_byline_line` reads names in the text, when the caller has asked
    /// it already (the segmenter has, of every line); `None`: the features ask.
    pub parses_as_byline: Option<bool>,
}

/// What the hand-written rules concluded about a line (the rules' knowledge as features).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The rule segmenter starts an article here.
    pub starts_article: bool,
    /// The role the rules gave the line (`H`, `D`, `K`, `Y` byline, `S` subhead, `C` credit, `P` caption, `B`).
    pub role: char,
}

/// `　　本报北京2月3日电` — a paragraph indented the e-paper way: an ideographic space, a
/// tab, or two white-space characters of any kind (spaces, or the no-break spaces an
/// HTML page's `&nbsp;&nbsp;` leaves).
pub fn indented(raw: &str) -> bool {
    let raw = raw.trim_start_matches('\u{c}');
    raw.starts_with(['\u{3000}', '\t']) || raw.chars().take(2).filter(|c| c.is_whitespace()).count() == 2
}

/// Length in characters, in buckets: `习近平会见巴赫` → `len:5-8`.
pub fn length_bucket(text: &str) -> &'static str {
    match char_len(text) {
        0..=4 => "len:1-4",
        5..=8 => "len:5-8",
        9..=14 => "len:9-14",
        15..=22 => "len:15-22",
        23..=35 => "len:23-35",
        36..=60 => "len:36-60",
        61..=120 => "len:61-120",
        _ => "len:121+",
    }
}

/// How the line ends: `…发展道路。` → `end:stop`, `…（人民时评）` → `end:bracket`,
/// `记者手记：` → `end:colon`, `…之际，` → `end:comma`, `奋斗者——` → `end:dash`,
/// `…举行会谈` → `end:han`, `…有着重要意义。杨帆摄` → `end:credit` (a caption is closed).
pub fn line_end(text: &str) -> &'static str {
    let t = text.trim_end();
    let Some(last) = t.chars().last() else { return "end:none" };
    if last == '摄' && is_photo_caption(t) {
        return "end:credit";
    }
    match last {
        '。' | '.' => "end:stop",
        '！' | '？' | '!' | '?' => "end:exclaim",
        '”' | '’' | '」' | '』' | '"' => {
            if ends_sentence(t) {
                "end:quote-stop"
            } else {
                "end:quote"
            }
        }
        '）' | ')' | '】' | '》' => "end:bracket",
        '：' | ':' => "end:colon",
        '；' | ';' => "end:semicolon",
        '，' | ',' | '、' => "end:comma",
        '—' | '-' => "end:dash",
        '…' => "end:ellipsis",
        c if is_han(c) => "end:han",
        c if c.is_ascii_digit() || ('０'..='９').contains(&c) => "end:digit",
        _ => "end:other",
    }
}

/// `奋进新时代——` — a trailing dash, how a kicker leads into its headline.
pub fn kicker_dash(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with("——") || t.ends_with("--")
}

/// `——访县供销社主任王海清` — a leading dash, how a deck follows its headline.
pub fn deck_dash(text: &str) -> bool {
    let t = text.trim_start();
    (t.starts_with('—') || t.starts_with("--")) && !dash_signature(t)
}

/// `———王文西（山东）`, `——编  者`, `——@山里人` — a dash before a name that signs what is
/// above it (a reader's contribution, an editor's note, a quotation): the close of a piece,
/// never its deck nor a headline with a column tag.
pub fn dash_signature(text: &str) -> bool {
    crate::rules::byline::parse_dash_signature(text).is_some()
}

/// `本报北京2月3日电 （记者杜一菲）…`, `新华社北京１月６日电…`, `本报讯…` — a news lead with its dateline (电头).
///
/// (A wire lead as `parse_lead` reads one is a news opener: its two dateline patterns are
/// two of the opener's three, so the opener alone decides.)
pub fn dateline_lead(text: &str) -> bool {
    is_news_opener(text)
}

/// `本报记者 王锦鹄`, `□沁声`, `记者李明 通讯员王伟` — a line that is a byline:
/// `byline:clear` with a role word or box, `byline:names` when it only splits into names.
pub fn byline_shape(text: &str) -> Option<&'static str> {
    byline_shape_parsed(text, None)
}

/// `byline_shape`, with what `parse_byline_line` says of the text when it is known.
fn byline_shape_parsed(text: &str, parses: Option<bool>) -> Option<&'static str> {
    if char_len(text) > 30 || !parses.unwrap_or_else(|| parse_byline_line(text).is_some()) {
        return None;
    }
    Some(if is_clear_byline(text) { "byline:clear" } else { "byline:names" })
}

/// `（新华社记者兰红光摄）`, `（陆明沈建国）` — a whole line in brackets (a credit, a trailing dateline, a note).
pub fn bracketed(text: &str) -> bool {
    is_bracketed_line(text)
}

/// `（本报巴黎、墨西哥城、东京2月9日电  记者龚鸣、刘旭霞、刘军国）` — a whole line in one
/// pair of brackets, however long: a credit, a trailing dateline, a writer's note. None
/// of the 532 such lines of both dev corpora opens an article (9 are a note under a
/// headline, read as a deck); 31 of them are longer than `bracketed` allows.
pub fn wholly_bracketed(text: &str) -> bool {
    crate::rules::shapes::is_wholly_bracketed(text)
}

/// `（新华社记者陈明摄）（传真照片）`, `（一九九八年一月一日）（附图片１张）` — a line of
/// bracketed groups and nothing else (one group alone is `bracketed`): a credit or a note.
pub fn bracket_groups(text: &str) -> bool {
    let t = text.trim();
    // The first group opens the line: most lines are turned away here, unsplit.
    if !t.starts_with(['（', '(']) {
        return false;
    }
    let groups: Vec<&str> = t.split_inclusive(['）', ')']).collect();
    groups.len() >= 2
        && char_len(t) <= 60
        && groups.iter().all(|g| {
            g.starts_with(['（', '('])
                && g.ends_with(['）', ')'])
                && !g[g.chars().next().map_or(0, char::len_utf8)..].contains(['（', '('])
        })
}

/// `（作者为云溪师范学院教授）`, `（本报记者王芳采访整理）`, `（摘编自3月2日《云溪日报》）` —
/// the note in brackets under a commentary or an interview that says who wrote it or where
/// it came from. Usually its article ends here (a layout credit or the next item follows),
/// but a collection of talks written up (`…采访整理`) runs on under it: in the dev truth 65
/// of 95 `作者为` notes and 16 of 27 write-up notes with text under them open the next
/// item. Often longer than a credit, so `bracketed` does not see it.
pub fn closing_note(text: &str) -> bool {
    const OPENINGS: [&str; 9] =
        ["作者为", "作者系", "作者是", "作者单位", "本文作者", "摘编自", "摘自", "原载", "来源："];
    let t = text.trim();
    let Some(inner) = t.strip_prefix(['（', '(']).and_then(|r| r.strip_suffix(['）', ')'])) else { return false };
    let reporter_notes = inner.ends_with("整理") || inner.ends_with("执笔");
    char_len(t) <= 160 && (OPENINGS.iter().any(|o| inner.starts_with(o)) || reporter_notes)
}

/// `…谢谢！（新华社北京１２月３１日电）`, `…（张三）` — a paragraph closed by a credit: an article ends here.
/// Not who wrote a talk up (`（本报记者 张丹华采访整理）`): that closes one voice of a
/// collection the paper runs as one article (35 of the 54 such lines in the dev truth).
pub fn closing_credit(text: &str) -> bool {
    ends_with_credit(text) && !closing_note(text)
}

/// `11月30日，县西镇高速公路工地，工人们在加紧施工。杨松摄` — a photo caption.
pub fn photo_caption(text: &str) -> bool {
    char_len(text) > 12 && is_photo_caption(text)
}

/// `广东深圳市 聂耀文`, `北京 读者 王芳` — a reader signing a letter: a place, a space, a name.
pub fn reader_signature(text: &str) -> bool {
    let t = text.trim();
    let n = char_len(t);
    if !(5..=20).contains(&n) {
        return false;
    }
    let Some((place, name)) = t.rsplit_once(char::is_whitespace) else { return false };
    let place = place.trim();
    let name = name.trim();
    let place_like = place.ends_with(['省', '市', '县', '区', '镇', '乡', '村', '州']) || place.contains("读者");
    place_like
        && (2..=4).contains(&char_len(name))
        && name.chars().all(is_han)
        && crate::rules::names::looks_like_name(name)
}

/// Box labels and layout credits: `核心阅读`, `版式设计：蔡华伟`, `本期统筹：李明`,
/// `图片报道`, `制图：张丹` — never an article and never an author.
pub fn box_label(text: &str) -> bool {
    crate::rules::shapes::is_box_label(text)
}

/// `图片报道` — the label that is a picture item's whole headline (the e-paper lists
/// every `图片报道` of the dev pages, 49 of them, as an item of its own): a box label
/// by its shape, but one that opens an item rather than sitting inside a story.
pub fn item_label(text: &str) -> bool {
    const LABELS: [&str; 2] = ["图片报道", "图片新闻"];
    LABELS.contains(&crate::rules::shapes::bare_label(text))
}

/// `注：以上为我国现有的17个国家级项目`, `注1：按月换算`, `（注：本表…）` — a note under
/// a table or a chart: part of the box above it, never a head.
pub fn note_line(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['（', '(']);
    let Some(rest) = t.strip_prefix('注').or_else(|| t.strip_prefix("备注")) else { return false };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    rest.starts_with(['：', ':'])
}

/// `一、事件经过`, `（二）`, `第三，`, `５．` — an enumerated part of a longer piece.
pub fn enumeration(text: &str) -> bool {
    is_enumerated_subhead(text)
}

/// `守护好每一寸蓝天（人民时评）` — a column tag (专栏) closing a headline; returns the column.
pub fn column_tag(text: &str) -> Option<&str> {
    let t = text.trim_end();
    // The bracket closing the line must read as a tag at all (no credit, 电, figure or signature).
    let before = crate::rules::shapes::before_closing_tag(t);
    let bracket = t.get(before.len()..)?;
    let inner = bracket.strip_prefix(['（', '(']).and_then(|b| b.strip_suffix(['）', ')'])).unwrap_or(bracket);
    // A headline may close on ！ or ？ before its tag (`返乡创业有干头！（经济聚焦）`).
    let cries_out = before.trim_end().trim_end_matches(['”', '’', '」', '』']).ends_with(['！', '？', '!', '?']);
    // A caption closed by its credit (`…（新华社记者张三摄）（传真照片）`) is no title.
    let title_before = char_len(before) >= 2
        && (!ends_sentence(before) || cries_out)
        && !before.trim_end().ends_with('摄')
        && !crate::rules::shapes::ends_with_credit(before);
    // …and a column's name, not an item mark (`（图片）`) nor the place of a signature (`———王文西（山东）`).
    let column_like = before.len() < t.len() && char_len(inner) >= 2 && !has_item_mark(t) && !dash_signature(t);
    (title_before && column_like).then_some(inner)
}

/// A short line without a stop inside or at its end — a headline, deck, kicker or
/// subhead candidate: `习近平会见国际奥委会主席巴赫`.
pub fn title_shape(text: &str) -> bool {
    let n = char_len(text);
    (2..=60).contains(&n)
        && !ends_sentence(text)
        && !ends_mid_sentence(text)
        && !has_inner_stop(text)
        && !is_bracketed_line(text)
        && !leaves_open(text)
}

/// A line that opens a bracket, quotation or book title and does not close it:
/// `（作者为县文化馆副` or `“奋进的云溪——庆祝建县６０周年` — a paragraph cut
/// off: no kicker, headline or deck of either dev corpus leaves a mark open (0 of
/// 3,230), while 1 in 6 random breaks of the 2019 pages (1 in 13 of the 1998 pages)
/// falls inside one. (A quotation that runs on over paragraphs opens `“` in each and
/// closes it only in its last: 29 paragraphs of both corpora.)
pub fn leaves_open(text: &str) -> bool {
    // One pass (asked of every short line, several times per page).
    let (mut bracket, mut quote, mut book, mut straight) = (0i32, 0i32, 0i32, 0u32);
    for c in text.chars() {
        match c {
            '（' | '(' => bracket += 1,
            '）' | ')' => bracket -= 1,
            '“' => quote += 1,
            '”' => quote -= 1,
            '《' => book += 1,
            '》' => book -= 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    bracket > 0 || quote > 0 || book > 0 || straight % 2 == 1
}

/// An editor's standing title (`致读者`, `编者的话`) or an item mark (`（图片）`, `（书法）`).
pub fn item_title(text: &str) -> bool {
    is_standing_title(text) || has_item_mark(text)
}

/// A line that can stand in an article's head: short and stopless
/// (`钢铁凤凰 展翅欲飞`), or dressed as a head line (`湖南衡南县滨河村——`).
pub fn head_like(text: &str) -> bool {
    title_shape(text) || dressed_head(text)
}

/// A head line marked by its dress rather than its shape: `…——` over a headline,
/// `——…` under it, or a short quotation (`“回乡创业，咱有信心！”`).
pub fn dressed_head(text: &str) -> bool {
    kicker_dash(text) || deck_dash(text) || (quoted_whole(text) && char_len(text) <= 30)
}

/// `“…”` a whole line in quotation marks (a quoted subhead or a quoted headline).
pub fn quoted_whole(text: &str) -> bool {
    let t = text.trim();
    t.starts_with(['“', '"', '「', '『']) && t.ends_with(['”', '"', '」', '』'])
}

/// Share of the line's Han bigrams found in `context`, in buckets (`low` < 0.1 ≤ `mid` < 0.3 ≤ `high`).
pub fn shared_words_bucket(share: f64) -> &'static str {
    if share < 0.1 {
        "low"
    } else if share < 0.3 {
        "mid"
    } else {
        "high"
    }
}

/// How soon a line closes its first clause (`体育馆。举木头…`: 3 characters; `县水利局介绍，…`:
/// 6), bucketed, or `None` when no mark closes one or the line opens with a time (`近日，`,
/// a news lead's own short clause). A line that goes on with a sentence the break cut
/// closes that clause within a few characters; a paragraph opens with a whole clause. Under
/// a stopless line of at most 30 characters on the e-paper's randomly broken pages, 68% of
/// the lines whose first clause ends within three characters are a paragraph's rest, 18%
/// of those whose first runs past twenty (1998: 49% and 17%).
pub fn first_clause_bucket(text: &str) -> Option<&'static str> {
    let t = text.trim_start();
    if time_opening(t) {
        return None;
    }
    let at = t.chars().position(|c| "，,。、；;：:！!？?".contains(c))?;
    Some(match at {
        0..=3 => "1-3",
        4..=10 => "4-10",
        11..=20 => "11-20",
        _ => "21+",
    })
}

/// `…经济社会发展取得了` | `新的成绩` — the line before stops without a stop, and a word
/// of the dictionary runs across the break (`介` | `绍了` → `介绍`): a paragraph broken mid-word.
pub fn word_across(lang: &crate::language::Language, before: &str, after: &str) -> bool {
    !ends_sentence(before) && crate::language::repair::word_across(lang, before, after).is_some()
}

/// `中国驻突尼斯大使吴传福１２月` | `３０日代表中国政府…`, `…巴嘎班迪１２月３１` | `日晚发表…`
/// — a number, date or amount cut across the break: digits on both sides, a digit and
/// its unit (`３１` | `日`, `２．５` | `亿元`), or a month and its day.
pub fn number_across(before: &str, after: &str) -> bool {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut tail = before.trim_end().chars().rev();
    let (Some(last), Some(first)) = (tail.next(), after.trim_start().chars().next()) else {
        return false;
    };
    let before_last = tail.next();
    const UNITS: &str = "日月年号时点分秒%％万亿元岁个名次倍米吨届";
    if is_digit(last) {
        return is_digit(first) || UNITS.contains(first) || "．.".contains(first);
    }
    // `１２月` | `３０日`, `２００５年` | `１月`, `３．` | `５％`
    let date_unit = matches!(last, '月' | '年') && before_last.is_some_and(is_digit);
    let decimal = "．.".contains(last) && before_last.is_some_and(is_digit);
    (date_unit || decimal) && is_digit(first)
}

/// `…提出有利于世界和各国人民的` | `主张。…`, `这条路的变化，说到底是` | `一个县发展的缩影` —
/// the line stops on a word that never ends a sentence (a particle, preposition or
/// conjunction, a copula, modal or adverb, as the segmenter cuts it): the sentence goes
/// on in the next line. None of the 6,392 short stopless lines of the dev pages (heads,
/// subheads, labels) ends on one of these words.
pub fn ends_on_function_word(lang: &crate::language::Language, text: &str) -> bool {
    const WORDS: [&str; 46] = [
        "的", "地", "之", "和", "与", "及", "或", "对", "把", "被", "从", "向", "于", "在", "将", "让", "使", "给",
        "而", "并", "但", "因为", "由于", "以及", "是", "正是", "就是", "即", "为", "以", "就", "也", "还", "都", "才",
        "更", "再", "又", "已", "要", "能", "会", "可以", "能够", "应当", "应该",
    ];
    // The last six characters, walked back from the end (the line may be a whole paragraph).
    let t = text.trim_end();
    let tail = &t[t.char_indices().rev().nth(5).map_or(0, |(i, _)| i)..];
    let seg = crate::language::for_segmenter(tail);
    lang.jieba.cut(&seg, false).last().is_some_and(|t| WORDS.contains(&t.word))
}

/// `县文化馆门前竖起了巨幅海报，创意`, `进了村，他便` — a short line whose
/// last clause, after its comma, is one to three characters: a sentence a break cut. Of
/// the title-shaped lines with a comma in both dev corpora broken at random, 503 such
/// pieces run on into the next line; 3 heads end so (`云溪的冰雪游，真热`), none of 1998.
pub fn short_last_clause(text: &str) -> bool {
    let t = text.trim_end();
    let Some((before, last)) = t.rsplit_once(['，', ',']) else { return false };
    !before.trim().is_empty() && (1..=3).contains(&char_len(last.trim()))
}

/// `的特色，是中国传统文化…`, `了美国民众对…` — the line opens with a particle that only
/// ever follows a word (as the segmenter cuts it): it continues the line before.
pub fn opens_with_particle(lang: &crate::language::Language, text: &str) -> bool {
    const PARTICLES: [&str; 8] = ["的", "了", "着", "们", "地", "得", "之", "过"];
    let head: String = text.trim_start().chars().take(6).collect();
    let seg = crate::language::for_segmenter(&head);
    lang.jieba.cut(&seg, false).first().is_some_and(|t| PARTICLES.contains(&t.word))
}

/// `全国工商联咨询委员会成立大会召开`, `“雷锋学院”在辽宁抚顺揭牌` — a short line that
/// ends on the event it reports (召开, 举行, 揭牌 …): the statement of a headline, seldom a
/// kicker (measured on pd2019: 9% of the first lines of headline + deck pairs, 2% of kickers).
pub fn ends_on_event(text: &str) -> bool {
    const EVENTS: [&str; 22] = [
        "召开", "举行", "开幕", "闭幕", "揭牌", "启用", "成立", "发布", "揭晓", "出台", "印发", "落幕", "启动", "开通",
        "公布", "举办", "结束", "签署", "会见", "会谈", "表彰", "部署",
    ];
    let t = text.trim_end();
    char_len(t) <= 40 && EVENTS.iter().any(|e| t.ends_with(e))
}

/// `黄晓海摄（新华社发）`, `人民网记者 张 帆摄`, `许 旭摄（影像中国）`, `本报记者 李刚摄影`,
/// `本报记者 王 刚 陈 明摄影报道`, `图片由县博物馆提供` — a photo credit standing on its own
/// line: under a picture, never a headline.
pub fn photo_credit_line(text: &str) -> bool {
    let mut t = text.trim();
    if char_len(t) > 30 {
        return false;
    }
    // `图片由…提供`, `照片由…提供`: who lent the pictures.
    if let Some(who) = ["图片由", "照片由", "本版图片由", "图由", "图片均由", "照片均由", "本版图片均由"]
        .iter()
        .find_map(|open| t.strip_prefix(open))
        .and_then(|r| r.strip_suffix("提供"))
    {
        return (2..=20).contains(&char_len(who)) && !who.contains(['，', ',', '。']);
    }
    // The picture's source in brackets after the credit: `（新华社发）`, `（资料图片）`.
    while let Some(open) = t.strip_suffix(['）', ')']).and_then(|b| b.rfind(['（', '('])) {
        t = t[..open].trim_end();
    }
    if drawn_credit(t) {
        return true;
    }
    let Some(who) = ["摄影报道", "摄影", "摄", "供图", "制图", "绘图"].iter().find_map(|end| t.strip_suffix(end))
    else {
        return false;
    };
    let n = char_len(who.trim());
    (2..=16).contains(&n) && !who.contains(['，', ',', '。', '、', '：', ':'])
}

/// `张  丹图  李  明文`, `王芳图 李明文` — a cartoon's credit: who drew it (图) and who
/// wrote the lines under it (文); the e-paper closes its commentary cartoons with one.
pub fn drawn_credit(text: &str) -> bool {
    let t = text.trim();
    let Some((drawer, writer)) = t.split_once('图') else { return false };
    let Some(writer) = writer.strip_suffix('文') else { return false };
    let name = |part: &str| {
        let han: String = part.chars().filter(|c| !c.is_whitespace()).collect();
        (2..=4).contains(&char_len(&han)) && han.chars().all(is_han)
    };
    name(drawer) && name(writer)
}

/// `（作者为县委党校教授）`, `——编  者`, `城关镇 王芳`, `张丹摄`, `版式设计：李明` — a line
/// that closes an item: a writer's note, a signature, a credit. It ends on no stop, yet
/// nothing under it runs on from it: of both dev corpora's 555 such lines, none is a
/// kicker, headline or deck, and each is a paragraph whole.
pub fn closes_item(text: &str) -> bool {
    closing_note(text)
        || dash_signature(text)
        || reader_signature(text)
        || photo_credit_line(text)
        || crate::rules::shapes::is_layout_credit(text)
}

/// `于永波会见先进典型代表时指出`, `国家市场监管总局要求`, `中办国办印发` — a line that
/// ends by announcing what follows (a speech verb, or the issuing of the document the
/// headline names): how a kicker leads into its headline.
pub fn announces_speech(text: &str) -> bool {
    const VERBS: [&str; 15] = [
        "指出", "强调", "要求", "表示", "提出", "认为", "说", "称", "倡议", "呼吁", "宣布", "希望", "透露", "介绍",
        "印发",
    ];
    let t = text.trim_end_matches(['：', ':', ' ']);
    VERBS.iter().any(|v| t.ends_with(v)) && char_len(t) >= 5
}

/// `市长钱文博出席`, `韩立平出席  钱文博讲话`, `县领导参加审议`, `钱文博主持会议` — a head
/// line that closes on who else attended or presided: how a deck (副题) lists the officials
/// at an event. On the e-paper 17 of the 224 decks close so, one headline of 1,723 and no
/// kicker.
pub fn ends_on_attendance(text: &str) -> bool {
    crate::rules::shapes::ends_on_attendance(text)
}

/// How a head line reads, from its words' parts of speech (jieba): `verbless`
/// (`全省青少年科技节`, `云溪县春季运动会`) and `opens-with-verb`
/// (`打好春耕备耕主动仗`). A headline over a kicker or a deck is a clause —
/// on the e-paper 9% of them have no verb, against 27% of kickers and 26% of
/// decks — and opens on its verb more often (25%, against 9% and 11%).
pub fn head_grammar(lang: &crate::language::Language, text: &str) -> Vec<&'static str> {
    let text = crate::language::for_segmenter(text);
    let tags = lang.jieba.tag(&text, true);
    let words: Vec<&jieba_rs::Tag<'_>> = tags.iter().filter(|t| t.tag != "x" && !t.word.trim().is_empty()).collect();
    let mut out = Vec::new();
    if words.is_empty() {
        return out;
    }
    if !words.iter().any(|t| t.tag.starts_with('v')) {
        out.push("verbless");
    } else if words[0].tag.starts_with('v') {
        out.push("opens-with-verb");
    }
    out
}

/// `去年全县粮食总产达到52.3万吨`, `１２个重点项目集中开工` — a head line carrying
/// figures: on the e-paper 20% of decks and 12% of kickers do, 5% of the headlines
/// stacked with them (a deck gives the numbers the headline announces).
pub fn carries_figures(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// `云溪县政府三日宣布，…`, `县气象台５日晚发布寒潮预警…` — a paragraph whose first
/// clause names who did it and on what day (a day without its month): the lead of a
/// brief (简讯), which on an older page stands without a headline. On the 1998 dev
/// pages 20% of headless items open so, 1.5% of other paragraphs.
pub fn day_in_first_clause(text: &str) -> bool {
    static DAY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[^，。,；;：:]{0,24}?(?:^|[^月0-9０-９一二三四五六七八九十])(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})日").unwrap()
    });
    char_len(text) >= 30 && DAY.is_match(text)
}

/// `建设部最近发出通知，决定…`, `县农技站日前推出…` — a paragraph whose first clause says
/// the news is recent (最近, 近日, 日前, 目前, 去年 …) after naming who acted: the lead of a
/// brief or of a short item, where a paragraph inside a story seldom says it. On the 1998
/// dev pages 27% of the first paragraphs of headless items do, 4% of other paragraphs
/// (pd2019: 10% of first paragraphs, 4% of others).
pub fn recent_in_first_clause(text: &str) -> bool {
    const WORDS: [&str; 10] = ["最近", "近日", "日前", "目前", "去年", "今年", "近期", "前不久", "截至", "截止"];
    if char_len(text) < 30 || time_opening(text) {
        return false;
    }
    // The first clause, at most 32 characters.
    let end = text
        .char_indices()
        .enumerate()
        .find(|&(k, (_, c))| k == 32 || "，。,；;：:".contains(c))
        .map_or(text.len(), |(_, (at, _))| at);
    WORDS.iter().any(|w| text[..end].contains(w))
}

/// `中科院微生物研究所最近选育` — a line saying the news is recent (最近, 近日, 日前,
/// 前不久): a sentence's words, which a head line almost never holds (1 of the 3,163
/// headlines, kickers and decks of both dev corpora, `日前`), however short the piece a
/// break left of it.
pub fn recent_adverb(text: &str) -> bool {
    ["最近", "近日", "日前", "前不久"].iter().any(|w| text.contains(w))
}

/// `2月1日，参赛小棋手在比赛中。`, `当地时间2月9日，球员在比赛中。` — a paragraph opening
/// with its month and day: how a picture's caption opens. The short line over one is
/// a picture item's headline (`专注`, `高原灯会`): in the 2019 truth 38 of the 44
/// lines of at most 12 characters that stand between a stop and such a paragraph.
pub fn day_opening(text: &str) -> bool {
    static DAY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:当地时间)?[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日")
            .unwrap()
    });
    DAY.is_match(text.trim_start())
}

/// `近日，河北省石家庄市发布…`, `1月31日，贵州黔南…`, `今年春节前夕，…`, `记者从…获悉` — a
/// paragraph opening with when it happened (or where the reporter heard it), the way a
/// news lead (导语) opens: the line over it is more likely a headline than a subhead.
pub fn time_opening(text: &str) -> bool {
    const WORDS: [&str; 19] = [
        "近日",
        "日前",
        "近期",
        "近年来",
        "目前",
        "当天",
        "当日",
        "昨天",
        "昨日",
        "今天",
        "今日",
        "今年",
        "去年",
        "前不久",
        "不久前",
        "此前",
        "连日来",
        "近来",
        "记者从",
    ];
    let t = text.trim_start();
    if WORDS.iter().any(|w| t.starts_with(w)) {
        return true;
    }
    // A date: digits (half- or full-width, or Chinese numerals) then 年, 月 or 日, early in the line.
    let head: Vec<char> = t.chars().take(12).collect();
    let numeral = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇一二三四五六七八九十".contains(c);
    let digits = head.iter().take_while(|&&c| numeral(c)).count();
    digits > 0 && matches!(head.get(digits), Some('年' | '月' | '日'))
}

/// `感受中国味  体验中国年`, `严管治 准定位` — a space between the words of a short line:
/// two halves of a title set apart (common in subheads and some headlines).
pub fn space_inside(text: &str) -> bool {
    let t = text.trim();
    let mut seen_han = false;
    let mut gap = false;
    for c in t.chars() {
        if c.is_whitespace() {
            gap |= seen_han;
        } else if is_han(c) {
            if gap {
                return true;
            }
            seen_han = true;
        } else {
            gap = false;
        }
    }
    false
}

/// `■植物激素不是激素`, `【案情】某公司…` — a line opening with a bullet or a bracketed
/// label: a new item or paragraph begins there, whatever the line before it.
pub fn opens_with_item_mark(text: &str) -> bool {
    matches!(
        text.trim_start().chars().next(),
        Some('■' | '□' | '●' | '○' | '▲' | '△' | '◆' | '◇' | '★' | '☆' | '◎' | '【')
    )
}

/// Lines of verse — a poem, a couplet, the rhyme under a cartoon — set one short
/// line each, every one closed by a mark:
/// `漫漫归乡路，` / `自驾不再怵。` / `地图来导航，` / `暖心备呵护。`
/// Four or more such lines (at most 10 characters: a five- or seven-character line
/// and its mark, narrower than any column a text layer wraps at) in a row are verse;
/// a line of verse is never the rest of the line before it. A paragraph cut at random
/// seldom leaves four short pieces each ending on a mark.
pub fn verse_lines(texts: &[&str]) -> Vec<bool> {
    const LONGEST: usize = 10;
    const RUN: usize = 4;
    let short_closed = |t: &str| {
        let n = char_len(t);
        (3..=LONGEST).contains(&n) && t.trim_end().ends_with(['，', '。', '！', '？', '；', '、', ',', '!', '?', ';'])
    };
    let mut out = vec![false; texts.len()];
    let mut i = 0;
    while i < texts.len() {
        let mut j = i;
        while j < texts.len() && short_closed(texts[j]) {
            j += 1;
        }
        if j - i >= RUN {
            out[i..j].iter_mut().for_each(|v| *v = true);
        }
        i = j.max(i + 1);
    }
    out
}

/// `，不过，当你看到…`, `。会上，干部群众表示…`, `、韩国仁川等…` — a line opening with a mark
/// that closes a clause: no paragraph starts so, the line continues the one before.
pub fn opens_with_closing_mark(text: &str) -> bool {
    matches!(
        text.trim_start().chars().next(),
        Some(
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '？'
                | '！'
                | '）'
                | '》'
                | '”'
                | '’'
                | ','
                | ';'
                | ':'
                | '?'
                | '!'
                | ')'
        )
    )
}

/// `，牵动着亿万中国人最温馨的情愫。` — a line opening with a mark that only ever stands
/// inside a sentence (a comma, an enumeration comma, a semicolon, a colon, a full stop)
/// and text after it: the rest of the line before, cut just ahead of its mark. No
/// paragraph, head or credit of the dev pages (472 pages, both eras) opens so; a
/// question or exclamation mark may stand alone (`？` under a cartoon) and is left out.
pub fn opens_inside_sentence(text: &str) -> bool {
    let mut chars = text.trim_start().chars();
    matches!(chars.next(), Some('，' | '、' | '；' | '：' | '。' | ',' | ';' | ':'))
        && chars.any(|c| c.is_alphanumeric())
}

/// `工程———郑州市`, `『国家水稻』`, `（附图片１张）` — marks the older dumps print and the e-paper
/// never does: a dash of three, corner quotes inside a sentence, a note of the pictures a
/// story had. They survive a converter that makes digits and brackets half-width (NFKC);
/// on the dev pages 95% of the 1998 pages hold one, none of the 390 of 2019.
pub fn older_marks(text: &str) -> bool {
    text.contains("———") || text.contains('『') || text.contains("附图片")
}

/// `新华社纽约１月１日电（记者周锡生）…`, `…１月９日电记者王…` — a wire dateline whose `电`
/// runs straight into the lead, as the older dumps print it; the e-paper sets a space after
/// it (`…2月2日电  （记者…`). Survives a converter that makes the marks half-width.
pub fn run_in_dateline(text: &str) -> bool {
    let Some(at) = text.find("日电") else { return false };
    let after = text[at + "日电".len()..].chars().next();
    after.is_some_and(|c| !c.is_whitespace()) && dateline_lead(text)
}

/// `本报太原2月17` | `日电 （记者乔栋）记者日前从山西省扶贫办获悉…` — the first piece of a
/// lead whose dateline a break cut: it opens a dateline lead as the whole line would.
/// The cut must fall inside the dateline (a head over a lead, `新华社发布` | `新华社北京…电`,
/// is two lines, not one cut).
pub fn cut_dateline(piece: &str, next: &str) -> bool {
    !dateline_lead(piece.trim()) && !dateline_lead(next) && dateline_across(piece, next)
}

/// Whether a dateline read over the two pieces joined ends past the first (`cut_dateline`
/// without its test that neither piece is a dateline lead on its own).
fn dateline_across(piece: &str, next: &str) -> bool {
    let piece = piece.trim();
    if piece.is_empty() {
        return false;
    }
    let joined = format!("{piece}{}", next.trim_start());
    dateline_end(&joined).is_some_and(|end| end > piece.len())
}

/// `１９９８年１月` — digits printed full-width, the convention of older dumps.
pub fn fullwidth_digits(text: &str) -> (usize, usize) {
    text.chars().fold((0, 0), |(full, half), c| {
        if ('０'..='９').contains(&c) {
            (full + 1, half)
        } else if c.is_ascii_digit() {
            (full, half + 1)
        } else {
            (full, half)
        }
    })
}

/// A feature's name: most are fixed words (`title-shape`), borrowed; the rest are built
/// for the line (`p1:caption`). A page's lines carry some hundred each, so the fixed
/// ones are not copied.
pub type Cue = std::borrow::Cow<'static, str>;

/// A feature's name made of fixed parts (`p1:` + `caption`, `prev-runs-on&` +
/// `page-wrapped`), built once per thread and kept for the program's life: a line
/// carries about eighty such names, and building and freeing each one anew cost 5% of
/// a wrapped page's detection (in instructions). The parts are the program's own fixed
/// words (a `&'static str` is never built from input), a few hundred combinations in
/// all, so what is kept stays a few kilobytes per thread. Parts are told apart by where
/// they are stored, which for fixed words never changes.
fn named(parts: &[&'static str]) -> Cue {
    type Key = [(usize, usize); 4];
    thread_local! {
        static NAMES: std::cell::RefCell<rustc_hash::FxHashMap<Key, &'static str>> = Default::default();
    }
    if parts.len() > 4 {
        return Cue::Owned(parts.concat());
    }
    let mut key: Key = [(0, 0); 4];
    for (k, p) in key.iter_mut().zip(parts) {
        *k = (p.as_ptr() as usize, p.len());
    }
    let name = NAMES
        .with(|names| *names.borrow_mut().entry(key).or_insert_with(|| Box::leak(parts.concat().into_boxed_str())));
    Cue::Borrowed(name)
}

/// A rule verdict's role as a feature's fixed part (`B` for body, `H` for headline…).
fn role_code(role: char) -> Option<&'static str> {
    Some(match role {
        'K' => "K",
        'H' => "H",
        'D' => "D",
        'Y' => "Y",
        'M' => "M",
        'S' => "S",
        'C' => "C",
        'P' => "P",
        'B' => "B",
        _ => return None,
    })
}

/// `rule:H`, or with a neighbour's place `p1:rule:H`.
fn rule_cue(place: Option<&'static str>, role: char) -> Cue {
    match (place, role_code(role)) {
        (None, Some(r)) => named(&["rule:", r]),
        (Some(tag), Some(r)) => named(&[tag, ":rule:", r]),
        (None, None) => Cue::Owned(format!("rule:{role}")),
        (Some(tag), None) => Cue::Owned(format!("{tag}:rule:{role}")),
    }
}

/// The cues of one line alone (no neighbours), as feature names.
fn own_cues(line: &Line, page: &PageHabits, facts: &LineFacts) -> Vec<Cue> {
    let t = line.text;
    let mut f: Vec<Cue> = Vec::with_capacity(24);
    // A fixed cue is borrowed, a built one owned.
    macro_rules! add {
        ($cue:expr) => {
            f.push(Cue::from($cue))
        };
    }
    let ind = page.indented(line.raw);
    let head = line.heading;
    // A heading mark says nothing of the line's indentation: a converter writes
    // `### 甘肃定西元古堆村` flush whether the paper set it as a headline or as an
    // indented subhead, so on a page that both indents and marks headings a marked
    // line is neither (the model would otherwise read every marked subhead as a head).
    if page.indents && !head {
        add!(if ind { "indent" } else { "flush" });
    }
    if page.headings {
        add!(if head { "heading" } else { "no-heading" });
    }
    // On a wrapped page a line's length and last mark say where the column ended, not
    // where the paragraph did: named apart, so that they teach nothing about other pages.
    if page.wrapped {
        add!(named(&["wrapped/", length_bucket(t)]));
        add!(named(&["wrapped/", line_end(t)]));
    } else {
        add!(length_bucket(t));
        add!(line_end(t));
    }
    if kicker_dash(t) {
        add!("kicker-dash");
    }
    if dash_signature(t) {
        add!("dash-signature");
    }
    if deck_dash(t) {
        add!("deck-dash");
    }
    if facts.dateline_lead {
        add!("dateline-lead");
    }
    if let Some(b) = facts.byline {
        add!(b);
    }
    if bracketed(t) {
        add!("bracketed");
    }
    if closing_credit(t) {
        add!("closing-credit");
    }
    if closing_note(t) {
        add!("closing-note");
    }
    if photo_caption(t) {
        add!("caption");
    }
    if reader_signature(t) {
        add!("reader-signature");
    }
    if photo_credit_line(t) {
        add!("photo-credit");
    }
    if ends_on_event(t) {
        add!("ends-on-event");
    }
    if item_label(t) {
        add!("item-label");
    } else if box_label(t) {
        add!("box-label");
    }
    if note_line(t) {
        add!("note");
    }
    if enumeration(t) {
        add!("enumeration");
    }
    if announces_speech(t) {
        add!("speech-verb-end");
    }
    if column_tag(t).is_some() {
        add!("column-tag");
    }
    if ends_on_attendance(t) {
        add!("attendance-end");
    }
    if facts.title {
        add!("title-shape");
        if short_last_clause(t) {
            add!("short-last-clause");
        }
    }
    if item_title(t) {
        add!("item-title");
    }
    if quoted_whole(t) {
        add!("quoted");
    }
    if t.contains(['，', ',']) {
        add!("comma-inside");
    }
    if time_opening(t) {
        add!("time-opening");
    }
    if day_in_first_clause(t) {
        add!("day-in-first-clause");
    }
    if recent_in_first_clause(t) {
        add!("recent-in-first-clause");
    }
    if facts.space_inside {
        add!("space-inside");
    }
    if opens_with_closing_mark(t) {
        add!("opens-with-closing-mark");
    }
    if page.blank_blocks {
        add!(if line.gap > 1 {
            "gap:wide"
        } else if line.gap == 1 {
            "gap:one"
        } else {
            "gap:none"
        });
    }
    f
}

/// What several features ask of one line, found once (the costly parsers).
struct LineFacts {
    /// `dateline_lead` of the line's text.
    dateline_lead: bool,
    /// `byline_shape` of the line's text.
    byline: Option<&'static str>,
    /// `title_shape` of the line's text.
    title: bool,
    /// `space_inside` of the line's text.
    space_inside: bool,
}

impl LineFacts {
    fn of(line: &Line) -> LineFacts {
        let t = line.text;
        LineFacts {
            dateline_lead: dateline_lead(t),
            byline: byline_shape_parsed(t, line.parses_as_byline),
            title: title_shape(t),
            space_inside: space_inside(t),
        }
    }
}

/// What a page does throughout: indent its paragraphs, mark headings, separate blocks with blank lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageHabits {
    pub indents: bool,
    pub headings: bool,
    pub blank_blocks: bool,
    /// Many running lines end without a stop: the page's paragraphs are broken across lines.
    pub broken: bool,
    /// The older dumps' conventions (the 1998 pages, whose truth calls the first head line the
    /// headline, never a kicker): digits printed full-width (`１９９８`) — or, where a converter
    /// has made them half-width, the marks such dumps print and the e-paper never does
    /// (`older_marks`), or wire datelines run into their leads on a page that never spaces
    /// its words apart (`run_in_dateline`).
    pub older_dump: bool,
    /// Most running lines fill their column (`full_lines`): a PDF text layer wrapped at
    /// the column's width, whose lines break anywhere, even after a stop.
    pub wrapped: bool,
    /// The page indents its paragraphs by one space and nothing deeper: the e-paper's
    /// `　　` after a converter made it half-width and collapsed the run of spaces (as an
    /// HTML rendering does). See `one_space_indentation`.
    pub one_space_indent: bool,
}

/// How long a line is, in characters, to count as running text rather than a head when
/// a page's one-space indentation is weighed.
const RUNNING_TEXT: usize = 24;

/// ` 本报北京2月3日电…` — a line set in by exactly one space (or one no-break space).
fn one_space_in(raw: &str) -> bool {
    let mut chars = raw.chars();
    chars.next().is_some_and(|c| c == ' ' || c == '\u{a0}') && chars.next().is_some_and(|c| !c.is_whitespace())
}

/// Whether a page whose only indentation is one space uses it as the e-paper does its
/// `　　`: the lines set in are paragraphs (running text) and the flush ones mostly
/// heads, bylines and credits. A PDF text layer's stray leading space falls on any
/// line, so there the two groups run alike and one space means nothing.
fn one_space_indentation(lines: &[Line]) -> bool {
    let (set_in, flush): (Vec<&Line>, Vec<&Line>) =
        lines.iter().filter(|l| !l.text.is_empty()).partition(|l| one_space_in(l.raw));
    let running = |group: &[&Line]| group.iter().filter(|l| char_len(l.text) >= RUNNING_TEXT).count();
    let n = lines.len().max(1);
    let (set_in_n, flush_n) = (set_in.len(), flush.len());
    let (set_in_short, flush_short) = (set_in_n - running(&set_in), flush_n - running(&flush));
    // As many lines set in as `indents` asks for, at least half of them running text (the
    // e-paper sets its bylines and subheads in too), over half of the flush lines short,
    // and the flush lines' share of short ones at least 0.3 above the set-in lines'. On the
    // dev pages' e-paper indentation made one space, 355 of the 390 pd2019 pages pass; with
    // a stray space put on each line at random (one in five, a third, a half), 2 of 1,416
    // pages of both corpora do.
    set_in_n >= 4
        && set_in_n * 5 >= n
        && flush_n > 0
        && (set_in_n - set_in_short) * 2 >= set_in_n
        && flush_short * 2 > flush_n
        && 10 * flush_short * set_in_n >= 10 * set_in_short * flush_n + 3 * flush_n * set_in_n
}

impl PageHabits {
    /// Whether `raw` is indented on this page: as `indented` says, or by the one space a
    /// page that indents so sets its paragraphs in by.
    pub fn indented(&self, raw: &str) -> bool {
        indented(raw) || self.one_space_indent && one_space_in(raw)
    }

    pub fn of(lines: &[Line]) -> PageHabits {
        PageHabits::with_full_lines(lines).0
    }

    /// `of`, with the page's `full_lines` that it reads on the way.
    pub fn with_full_lines(lines: &[Line]) -> (PageHabits, Vec<bool>) {
        PageHabits::read(lines, |i| title_shape(lines[i].text), |i| space_inside(lines[i].text))
    }

    /// `of`, with each line's `title_shape` and `space_inside` asked of `title` and
    /// `spaced` (the features have read them already); with the page's `full_lines`.
    fn read(lines: &[Line], title: impl Fn(usize) -> bool, spaced: impl Fn(usize) -> bool) -> (PageHabits, Vec<bool>) {
        let n = lines.len().max(1);
        let deep = lines.iter().filter(|l| indented(l.raw)).count();
        let one_space_indent = deep < 2 && one_space_indentation(lines);
        let indented_lines = if one_space_indent { lines.iter().filter(|l| one_space_in(l.raw)).count() } else { deep };
        let headings = lines.iter().filter(|l| l.heading).count();
        let gaps = lines.iter().skip(1).filter(|l| l.gap > 0).count();
        // Running text that stops without a stop: a page whose paragraphs are broken across lines.
        let long: Vec<&Line> = lines
            .iter()
            .enumerate()
            .filter(|&(i, l)| char_len(l.text) >= 16 && (l.text.contains(['，', ',']) || !title(i)))
            .map(|(_, l)| l)
            .collect();
        let runs_on = long.iter().filter(|l| !ends_sentence(l.text) && !ends_with_credit(l.text)).count();
        let (full, half) = lines.iter().map(|l| fullwidth_digits(l.text)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        let older_marks = lines.iter().any(|l| older_marks(l.text));
        // The older dumps never space the words of a line apart; the e-paper does in its
        // leads, names and titles (`郭  祥`, `感受中国味  体验中国年`) on 348 of its 390 pages.
        let run_in_leads = !(0..lines.len()).any(spaced) && lines.iter().any(|l| run_in_dateline(l.text));
        let full_lines = full_lines(lines);
        let wrapped = wrapped_at_column(lines, &full_lines);
        let habits = PageHabits {
            one_space_indent,
            wrapped,
            older_dump: full > half || older_marks || run_in_leads,
            // A wrapped e-paper indents only a paragraph's first line: one in ten or fewer.
            indents: indented_lines >= 2
                && (indented_lines * 5 >= n || indented_lines >= 4 && indented_lines * 20 >= n),
            headings: headings >= 1,
            blank_blocks: gaps * 2 >= n.saturating_sub(1) && gaps > 0,
            // A wrapped page is broken everywhere, however narrow its column.
            broken: runs_on * 100 >= long.len() * 12 && runs_on >= 2 || wrapped,
        };
        (habits, full_lines)
    }
}

/// `据新华社北京１月９日电（记者于海生）…会见了…。` | `据新华社广州１月９日电（记者车晓蕙）…`:
/// whether the paragraph that closes right above line `i` opened with a dateline lead — a
/// whole item of one paragraph, as a run of wire briefs prints them. The paragraph is read
/// up across the pieces of a broken one (lines that run on) for at most four lines. On the
/// 1998 pages a dateline lead under such a paragraph opens an item 46 times in 48 (under
/// other running text, 13 in 42); the 2019 pages have none.
fn lead_paragraph_above(lines: &[Line], leads: &[bool], i: usize) -> bool {
    let Some(above) = i.checked_sub(1) else { return false };
    if !ends_sentence(lines[above].text) {
        return false;
    }
    for j in (above.saturating_sub(3)..=above).rev() {
        // Another paragraph's end: the paragraph above is not the one that opened.
        if j < above && ends_sentence(lines[j].text) {
            return false;
        }
        if leads[j] {
            return true;
        }
    }
    false
}

/// What a page's lines as printed say of it, when it is read with some of them joined
/// (`certain_continuations`): its habits, and for each line read, whether the last
/// printed line it holds fills its column (whether the line after it goes on from it).
#[derive(Debug, Clone, Copy)]
pub struct Printed<'a> {
    pub habits: &'a PageHabits,
    pub full: &'a [bool],
}

/// The features of every line of a page: its own cues, the rules' verdicts, its
/// words against the article so far and the next line, and its neighbours' cues.
pub fn page_features(lines: &[Line], verdicts: &[Verdict], lang: Option<&crate::language::Language>) -> Vec<Vec<Cue>> {
    page_features_as(lines, verdicts, lang, None)
}

/// `page_features`, with the page's habits and full lines read from its lines as printed
/// when `printed` gives them (the lines read are not all the page printed).
pub fn page_features_as(
    lines: &[Line],
    verdicts: &[Verdict],
    lang: Option<&crate::language::Language>,
    printed: Option<Printed>,
) -> Vec<Vec<Cue>> {
    PageCues::read(lines, lang, printed).with_verdicts(lines, verdicts, lang)
}

/// Everything the features read on a page's lines before the rules' verdicts are
/// added: each line's own cues and facts, and the page-wide tables its neighbours'
/// cues are read from. Read apart from the verdicts so that a page's rules and its
/// cues can be read at once, on two threads (`segment::read_page`). Owns what it
/// holds: `with_verdicts` is given the same lines again.
pub struct PageCues {
    facts: Vec<LineFacts>,
    titles: Vec<bool>,
    habits: PageHabits,
    page_kind: &'static str,
    own: Vec<Vec<Cue>>,
    standing: Vec<Option<(String, bool)>>,
    cut_leads: Vec<bool>,
    leads: Vec<bool>,
    words: Vec<Bigrams>,
    signed: Vec<bool>,
    credited: Vec<bool>,
    bigrams: BigramCounts,
    strings: PageStrings,
    heads: Vec<bool>,
    sections: SectionText,
}

impl PageCues {
    /// The cues of `lines` that do not depend on the rules' verdicts.
    pub fn read(lines: &[Line], lang: Option<&crate::language::Language>, printed: Option<Printed>) -> PageCues {
        // Every line's features are its own and its neighbours', read from vectors computed
        // once: the lines are independent, so a long page's are found on all cores.
        let facts: Vec<LineFacts> = lines.par_iter().map(LineFacts::of).collect();
        // Whether each line is title-shaped: computed once, asked for many times below.
        let titles: Vec<bool> = facts.iter().map(|f| f.title).collect();
        let (habits, filling) = match printed {
            Some(p) => (*p.habits, p.full.to_vec()),
            None => PageHabits::read(lines, |i| titles[i], |i| facts[i].space_inside),
        };
        // Random breaks and a column's wrapping break paragraphs differently: named apart.
        let page_kind = if habits.wrapped {
            "page-wrapped"
        } else if habits.broken {
            "page-broken"
        } else {
            "page-clean"
        };
        let mut own: Vec<Vec<Cue>> = lines.par_iter().zip(&facts).map(|(l, f)| own_cues(l, &habits, f)).collect();
        // Only on a wrapped page: elsewhere a few lines set alike by chance (a poem's).
        if habits.wrapped {
            for (cues, full) in own.iter_mut().zip(filling) {
                if full {
                    cues.push("full-line".into());
                }
            }
        }
        // A stacked head's grammar, for the kicker / headline / deck call: only where two
        // title-shaped lines stand together (jieba's tagging is not spent on the rest).
        if let Some(lang) = lang {
            let stacked =
                |i: usize| titles[i] && ((i > 0 && titles[i - 1]) || titles.get(i + 1).copied().unwrap_or(false));
            let grammar: Vec<Vec<&str>> = (0..lines.len())
                .into_par_iter()
                .map(|i| if stacked(i) { head_grammar(lang, lines[i].text) } else { Vec::new() })
                .collect();
            for (i, (cues, grammar)) in own.iter_mut().zip(grammar).enumerate() {
                cues.extend(grammar.into_iter().map(Cue::Borrowed));
                if stacked(i) && carries_figures(lines[i].text) {
                    cues.push("title-digits".into());
                }
            }
        }
        // `江西` over `本报南昌１月５日电…`: a place alone on its line heads a round-up's part
        // (the 1998 and 2019 pages print 12 such lines, none of them a headline or kicker).
        // Twelve lines teach a model little against a dateline lead under them: the cue also
        // rules those labels out (`RULED_OUT`).
        if let Some(lang) = lang {
            for (cues, line) in own.iter_mut().zip(lines) {
                if char_len(line.text) <= 6 && crate::language::entities::is_place_name(lang, line.text) {
                    cues.push("place-alone".into());
                }
            }
        }
        // `数读`, `图片报道`, `2019春运一线`: a head the paper prints day after day over an item
        // of its own (a standing column). Which they are is learnt from the training pages.
        // Each line's head key when the model is to hear it named, and whether it is a
        // standing head (the two differ on a training page only: `LineTagger::named_heads`).
        let standing: Vec<Option<(String, bool)>> = lines
            .par_iter()
            .map(|l| {
                let tagger = lang?.tagger.as_ref()?;
                let key = standing_head_key(l.text)?;
                let standing = tagger.standing_heads.contains(&key);
                (standing || tagger.named_heads.contains(&key)).then_some((key, standing))
            })
            .collect();
        for (cues, _) in
            own.iter_mut().zip(&standing).filter(|(_, s)| s.as_ref().is_some_and(|(_, standing)| *standing))
        {
            cues.push(STANDING_HEAD.into());
        }
        // A dateline lead a break cut inside its dateline (`本报太原2月17` | `日电 （记者乔栋）…`)
        // is a dateline lead: its first piece carries the cue, and the title right over it
        // sees text under it (`title_at`), not a second title.
        let cut_leads: Vec<bool> = (0..lines.len())
            .into_par_iter()
            .map(|i| {
                // `cut_dateline`, its two dateline tests read from `facts` (the piece trimmed as it trims it).
                let piece = lines[i].text;
                let piece_lead = if piece.trim().len() == piece.len() {
                    facts[i].dateline_lead
                } else {
                    dateline_lead(piece.trim())
                };
                lines
                    .get(i + 1)
                    .is_some_and(|n| !piece_lead && !facts[i + 1].dateline_lead && dateline_across(piece, n.text))
            })
            .collect();
        for (cues, _) in own.iter_mut().zip(&cut_leads).filter(|(_, cut)| **cut) {
            cues.push("dateline-lead".into());
        }
        // Computed once per line, read by its neighbours.
        let leads: Vec<bool> = own.iter().map(|f| f.iter().any(|c| c == "dateline-lead")).collect();
        let words: Vec<Bigrams> = lines.par_iter().map(|l| Bigrams::of(l.text)).collect();
        let signed: Vec<bool> = own.iter().map(|f| f.iter().any(|c| c.starts_with("byline:"))).collect();
        let credited: Vec<bool> = own.iter().map(|f| f.iter().any(|c| c == "photo-credit" || c == "caption")).collect();
        // Two page-wide tables, each one thread's work: built side by side.
        let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
        let (bigrams, strings) = rayon::join(|| BigramCounts::of(&words), || PageStrings::of(&texts));
        // Whether line `j` could stand in a head (`head_like`; read several times per line below).
        let heads: Vec<bool> = (0..lines.len()).map(|j| titles[j] || dressed_head(lines[j].text)).collect();
        let sections = SectionText::of(lines, &titles);
        PageCues {
            facts,
            titles,
            habits,
            page_kind,
            own,
            standing,
            cut_leads,
            leads,
            words,
            signed,
            credited,
            bigrams,
            strings,
            heads,
            sections,
        }
    }

    /// The features of every line: the cues read, with the rules' `verdicts` on the same
    /// `lines` (the rules' roles and starts, the line's and its near neighbours').
    pub fn with_verdicts(
        &self,
        lines: &[Line],
        verdicts: &[Verdict],
        lang: Option<&crate::language::Language>,
    ) -> Vec<Vec<Cue>> {
        let PageCues {
            facts,
            titles,
            habits,
            page_kind,
            own,
            standing,
            cut_leads,
            leads,
            words,
            signed,
            credited,
            bigrams,
            strings,
            heads,
            sections,
        } = self;
        let (habits, page_kind) = (*habits, *page_kind);
        let topic = TopicShift { titles, words, counts: bigrams };
        let head_at = |j: usize| heads[j];
        // Whether line `j` is title-shaped and not the first piece of a cut dateline lead.
        let title_at = |j: usize| titles[j] && !cut_leads[j];
        let line_features = |i: usize| {
            let line = &lines[i];
            // Room for all of them at once: a line's list grew a dozen times otherwise.
            let near = |j: Option<usize>| j.and_then(|j| own.get(j)).map_or(0, Vec::len);
            let mut f: Vec<Cue> = Vec::with_capacity(32 + own[i].len() + near(i.checked_sub(1)) + near(Some(i + 1)));
            f.push(Cue::Borrowed("bias"));
            f.extend(own[i].iter().cloned());
            // The head itself, named: how the model file keeps its list of standing heads.
            if let Some((key, _)) = &standing[i] {
                f.push(Cue::Owned(format!("{STANDING_HEAD_KEYED}{key}")));
            }
            if let Some(v) = verdicts.get(i) {
                if v.starts_article {
                    f.push("rule:start".into());
                }
                f.push(rule_cue(None, v.role));
            }
            if i == 0 {
                f.push("first-line".into());
            }
            if i + 1 == lines.len() {
                f.push("last-line".into());
            }
            // A run of wire briefs (简讯): a dateline lead under a paragraph that is all lead.
            if leads[i] && lead_paragraph_above(lines, leads, i) {
                f.push("lead-under-lead".into());
            }
            // Words: a new story rarely repeats the lines just before it; a headline announces its lead.
            let echo = words[i].share_in(&words[i.saturating_sub(6)..i]);
            f.push(named(&["echo:", shared_words_bucket(echo)]));
            if i + 1 < lines.len() {
                let announce = words[i].share_in(&words[i + 1..i + 2]);
                f.push(named(&["announce:", shared_words_bucket(announce)]));
                if announce > echo + 0.2 {
                    f.push("announces-more-than-echoes".into());
                }
            }
            // A break inside a sentence: the line before stops mid-clause or runs on without a stop.
            if let Some(prev) = i.checked_sub(1).map(|p| &lines[p]) {
                if ends_mid_sentence(prev.text) {
                    f.push("prev-mid-sentence".into());
                }
                // A caption closed by its credit (`…重要意义。杨帆摄`) does not run on, nor does a
                // line that closes an item (`（作者为云溪师范学院教授）`, `本报记者 林 川摄`, a
                // signature, a layout credit) or is all brackets: they end what they close,
                // whatever their last mark.
                let closed = ends_sentence(prev.text)
                    || is_photo_caption(prev.text)
                    || closes_item(prev.text)
                    || bracketed(prev.text)
                    || bracket_groups(prev.text);
                if !closed && !titles[i - 1] {
                    f.push("prev-runs-on".into());
                    f.push(named(&["prev-runs-on&", page_kind]));
                    if lang.is_some_and(|lang| word_across(lang, prev.text, line.text)) {
                        f.push("word-across".into());
                    }
                    if number_across(prev.text, line.text) {
                        f.push(named(&["number-across&", page_kind]));
                    }
                    if strings.across(prev.text, line.text) {
                        f.push(named(&["string-across&", page_kind]));
                    }
                    if let Some(b) = first_clause_bucket(line.text) {
                        f.push(named(&["first-clause:", b, "&", page_kind]));
                    }
                } else if titles[i - 1] {
                    // `他，就是阿联酋总` | `统扎耶德的爱孙…`: a short piece with a comma looks like
                    // a title but is a sentence cut off; its own names, so the model weighs it apart.
                    if prev.text.contains(['，', ',', '；', ';']) {
                        f.push(named(&["prev-comma-title&", page_kind]));
                    }
                    if short_last_clause(prev.text) {
                        f.push(named(&["prev-short-last-clause&", page_kind]));
                    }
                    // `从川南泸州进入黔西毕` | `节，再到滇东北…`: a word across the break under a
                    // short line; after a real headline it happens by chance (`…发展` | `中国…`),
                    // so the model weighs it with the page's habit.
                    if lang.is_some_and(|lang| word_across(lang, prev.text, line.text)) {
                        f.push("word-across&prev-title".into());
                        f.push(named(&["word-across&prev-title&", page_kind]));
                    }
                    // `中国驻突尼斯大使吴传福１２月` | `３０日…`: a date cut under a short piece.
                    if number_across(prev.text, line.text) {
                        f.push(named(&["number-across&prev-title&", page_kind]));
                    }
                    // A head's words recur in its text (`推进基层综合行政执法改革` | `推进行政
                    // 执法权限…`): under a short line the cue is weighed apart.
                    if !closed && strings.across(prev.text, line.text) {
                        f.push(named(&["string-across&prev-title&", page_kind]));
                    }
                    if let Some(b) = first_clause_bucket(line.text).filter(|_| !closed) {
                        f.push(named(&["first-clause:", b, "&prev-title&", page_kind]));
                    }
                }
                if !ends_sentence(prev.text) {
                    if let Some(lang) = lang {
                        if ends_on_function_word(lang, prev.text) {
                            f.push(named(&["prev-ends-on-function-word&", page_kind]));
                        }
                        if opens_with_particle(lang, line.text) {
                            f.push(named(&["opens-with-particle&", page_kind]));
                        }
                    }
                }
                if titles[i] {
                    f.push(named(&["title&p1:", line_end(prev.text)]));
                }
            }
            // A head group reads down to what it introduces: a run of short lines (kicker,
            // headline, deck) that ends on a byline or a dateline lead is an article's head,
            // where a subhead runs into text. Given with the distance (a kicker stands farther
            // from the byline than its headline) and with what stands above (text or a head line).
            // A signed short line heads an article in one dump's conventions and a signed
            // part of a feature in another's (the e-paper's `修好一条路` / `本报记者 李茂颖`):
            // weighed with the dump's era (`older_dump`), as the head grammar is.
            let era = if habits.older_dump { "old" } else { "new" };
            if head_at(i) {
                let run_end = (i + 1..lines.len().min(i + 4)).find(|&j| signed[j] || leads[j] || !head_at(j));
                if let Some(j) = run_end.filter(|&j| signed[j] || leads[j]) {
                    let what = if signed[j] { "signed" } else { "lead" };
                    let above = match i.checked_sub(1) {
                        Some(p) if head_at(p) => "head",
                        Some(_) => "text",
                        None => "none",
                    };
                    f.push(Cue::Owned(format!("head-run-{what}:{}", j - i)));
                    f.push(Cue::Owned(format!("head-run-{what}&{era}&p1:{above}")));
                }
            }
            if titles[i] {
                // Head grammar differs by the dump's conventions: give the model the dump's era with it.
                f.push(named(&["title&", era]));
                if let Some(prev) = i.checked_sub(1).map(|p| &lines[p]) {
                    f.push(Cue::Owned(format!(
                        "title&{era}&p1:{}",
                        if titles[i - 1] { "title" } else { line_end(prev.text) }
                    )));
                }
                if let Some(next) = lines.get(i + 1) {
                    let (a, b) = (char_len(line.text), char_len(next.text));
                    let rel = if a * 10 < b * 8 {
                        "shorter"
                    } else if b * 10 < a * 8 {
                        "longer"
                    } else {
                        "similar"
                    };
                    f.push(Cue::Owned(format!(
                        "title&{era}&n1:{}&{rel}",
                        if title_at(i + 1) { "title" } else { "text" }
                    )));
                }
                // What the head group leads to: a dateline lead within the next three lines.
                let lead_at = leads[i + 1..lines.len().min(i + 4)].iter().position(|&lead| lead);
                if let Some(k) = lead_at {
                    f.push(Cue::Owned(format!("title&lead-ahead:{}", k + 1)));
                }
                // A headline's words come back in the paragraphs it heads, far more than in the
                // ones before it; a subhead's or a credit's much less (measured on both eras).
                let after: Vec<usize> = (i + 1..lines.len().min(i + 9)).filter(|&j| !titles[j]).take(3).collect();
                let before: Vec<usize> = (i.saturating_sub(9)..i).filter(|&j| !titles[j]).collect();
                let before = &before[before.len().saturating_sub(6)..];
                let ahead = words[i].share_in_lines(words, &after);
                let behind = words[i].share_in_lines(words, before);
                f.push(named(&["title&words-ahead:", announce_bucket(ahead)]));
                f.push(named(&["title&ahead-minus-behind:", announce_bucket(ahead - behind)]));
                f.push(named(&["title&topic-kept:", topic_kept_bucket(topic.kept_across(i))]));
                // …or a paragraph opening with when it happened (a news lead), past the head lines.
                let text_after = (i + 1..lines.len().min(i + 4)).find(|&j| !titles[j]).map(|j| &lines[j]);
                if text_after.is_some_and(|l| time_opening(l.text)) {
                    f.push("title&time-lead-ahead".into());
                }
                // A picture item: a title, its caption, the photographer's credit (`养护` |
                // `新春伊始，…图为…。` | `新华社记者 徐昱摄`). A subhead runs on into its
                // section's text; a credit within three lines under it, no other title between,
                // says the title heads a picture.
                if let Some(k) = credit_ahead(titles, credited, i) {
                    f.push(Cue::Owned(format!("title&credit-ahead:{k}")));
                }
                // A commentary's closing note (`（作者为…教授）`) ends its article: a title under it
                // opens the next item, unless it heads one voice of a collection (signed below).
                if i > 0 && own[i - 1].iter().any(|c| c == "closing-note") {
                    f.push("title&p1:closing-note".into());
                    // …and with a paragraph right under it, not a name: on the 2019 pages 44
                    // of 45 such titles open an article (a collection's voice has its name under it).
                    if lines.get(i + 1).is_some_and(|n| char_len(n.text) > 30) {
                        f.push("title&p1:closing-note&n1:paragraph".into());
                    }
                }
                // How much text the title closes and opens (`到国博过个文化年` under a
                // museum's whole piece; a subhead under two paragraphs): weighed for a title
                // alone under a sentence's end, the place where headline and subhead look alike.
                let alone = titles.get(i + 1).is_none_or(|t| !t);
                if sections.lone_title[i] && alone && !habits.older_dump {
                    f.push(Cue::Owned(format!("lone-title&text-above:{}&{page_kind}", sections.above(i))));
                    f.push(Cue::Owned(format!("lone-title&text-below:{}&{page_kind}", sections.below(i))));
                    let last = sections.last_head_signed(i, signed, leads);
                    f.push(Cue::Owned(format!("lone-title&last-head:{last}&{page_kind}")));
                }
                // Whether the names under it were met above, on the older dumps' conventions:
                // on the e-paper's the cues above already carry it (given there too, it gained
                // nothing on unseen days, ±0.001, and widened the day gap to +0.020).
                if sections.lone_title[i] && alone && habits.older_dump {
                    if let Some(lang) = lang {
                        f.push(Cue::Owned(format!(
                            "lone-title&names-above:{}",
                            sections.names_above(lines, titles, i, lang)
                        )));
                    }
                }
                // A short line right over a paragraph that opens with its day: a picture item.
                if char_len(line.text) <= 12 && lines.get(i + 1).is_some_and(|n| day_opening(n.text)) {
                    f.push("short-title&day-ahead".into());
                }
                if let Some(next) = lines.get(i + 1) {
                    // A subhead is never signed: a byline under a short line makes it a headline.
                    if let Some(b) = facts[i + 1].byline {
                        f.push(Cue::Owned(format!("title&{era}&signed-below:{b}")));
                    }
                    if leads[i + 1] {
                        f.push("title&n1:dateline-lead".into());
                    }
                    let kind = if title_at(i + 1) {
                        "title"
                    } else if char_len(next.text) > 60 {
                        "long"
                    } else {
                        "short"
                    };
                    f.push(named(&["title&n1:", kind]));
                }
            }
            // Neighbours' cues, conjoined with position.
            for (offset, tag) in [(-2i64, "p2"), (-1, "p1"), (1, "n1"), (2, "n2")] {
                let j = i as i64 + offset;
                if j < 0 || j >= lines.len() as i64 {
                    f.push(named(&[tag, ":none"]));
                    continue;
                }
                let j = j as usize;
                let near = offset.abs() == 1;
                for cue in &own[j] {
                    if near || is_far_cue(cue) {
                        f.push(match cue {
                            Cue::Borrowed(cue) => named(&[tag, ":", cue]),
                            Cue::Owned(cue) => Cue::Owned(neighbour_cue(tag, cue)),
                        });
                    }
                }
                if let Some(v) = verdicts.get(j) {
                    if near {
                        f.push(rule_cue(Some(tag), v.role));
                        if v.starts_article {
                            f.push(named(&[tag, ":rule:start"]));
                        }
                    }
                }
            }
            f
        };
        (0..lines.len()).into_par_iter().map(line_features).collect()
    }
}

/// `p1:caption`: a neighbour's cue named with its place. Built by hand rather than with
/// `format!`: a line carries about eighty of them, and this is the tagger's hottest loop.
fn neighbour_cue(tag: &str, cue: &str) -> String {
    let mut s = String::with_capacity(tag.len() + 1 + cue.len());
    s.push_str(tag);
    s.push(':');
    s.push_str(cue);
    s
}

/// The cue on a line the paper prints as a standing head (`数读`, `图片报道`).
pub const STANDING_HEAD: &str = "standing-head";
/// The prefix of the attribute that names the standing head itself (`standing-head=数读`).
pub const STANDING_HEAD_KEYED: &str = "standing-head=";

/// A head line as the list of standing heads keeps it: half-width, without spaces
/// (`新春走基层  人和家顺事事兴` → `新春走基层人和家顺事事兴`); `None` for a line too
/// long to be one (a standing head is a column's name, twelve characters at most).
pub fn standing_head_key(text: &str) -> Option<String> {
    // Asked of every line: a longer one is turned away before anything is built (the
    // half-width form keeps each character, and white space stays white space).
    if text.chars().filter(|c| !c.is_whitespace()).nth(12).is_some() {
        return None;
    }
    let key: String = crate::text::to_halfwidth(text).chars().filter(|c| !c.is_whitespace()).collect();
    (!key.is_empty() && char_len(&key) <= 12).then_some(key)
}

/// The standing heads of a set of truth pages: kickers and headlines printed on two
/// days or more (a head printed on one day only is that day's news, not a column).
pub fn standing_heads(pages: &[crate::corpus::CorpusPage]) -> std::collections::HashSet<String> {
    standing_heads_of(pages.iter().flat_map(|p| p.dated_heads()))
}

/// The heads among `(day, head)` pairs printed on two days or more.
pub fn standing_heads_of(heads: impl IntoIterator<Item = (String, String)>) -> std::collections::HashSet<String> {
    head_days(heads).into_iter().filter(|(_, d)| d.len() >= 2).map(|(k, _)| k).collect()
}

/// The days each head of `(day, head)` pairs was printed on, by its `standing_head_key`.
pub fn head_days(
    heads: impl IntoIterator<Item = (String, String)>,
) -> std::collections::HashMap<String, std::collections::BTreeSet<String>> {
    let mut days: std::collections::HashMap<String, std::collections::BTreeSet<String>> = Default::default();
    for (day, head) in heads {
        if let Some(key) = standing_head_key(&head) {
            days.entry(key).or_default().insert(day);
        }
    }
    days
}

/// Cues that rule labels out whatever the weights say: facts of a page's grammar too
/// rare in the training pages for the model to learn them (`LineTagger::tag` obeys).
pub const RULED_OUT: &[(&str, &[LineLabel])] = &[("place-alone", &[LineLabel::Kicker, LineLabel::Headline])];

/// Which lines fill their column: a PDF text layer wraps every paragraph at the
/// column's width, so most of its lines set equally wide (`display_width`, the
/// indentation included), and a line that fills the column goes on in the next one
/// even when it ends on a stop. A line fills its column when at least three lines
/// among the eight before and after it set as wide, give or take one cell — a
/// coincidence on a page of whole paragraphs, the rule on a wrapped one (articles
/// set in different widths each find their own).
pub fn full_lines(lines: &[Line]) -> Vec<bool> {
    const NARROWEST: usize = 20;
    let widths: Vec<usize> =
        lines.iter().map(|l| crate::text::display_width(l.text) + if indented(l.raw) { 4 } else { 0 }).collect();
    (0..lines.len())
        .map(|i| {
            let w = widths[i];
            w >= NARROWEST
                && (i.saturating_sub(8)..lines.len().min(i + 9))
                    .filter(|&j| j != i && widths[j] >= NARROWEST && widths[j].abs_diff(w) <= 3)
                    .count()
                    >= 3
        })
        .collect()
}

/// Whether a page is wrapped at its column (`PageHabits::wrapped`): at least half of its
/// lines of ten characters or more fill their column (`full` is its `full_lines`).
pub fn wrapped_at_column(lines: &[Line], full: &[bool]) -> bool {
    let wide = lines.iter().filter(|l| char_len(l.text) >= 10).count();
    let filling = full.iter().filter(|&&f| f).count();
    filling * 2 >= wide && filling >= 4
}

/// Lines that certainly go on from the line above, on a page wrapped at its column
/// (`PageHabits::wrapped`; `full` is its `full_lines`): the two lines above both fill the
/// column and both stop in mid-text — on a character, a digit or a comma — so the line
/// above is running text cut by the column (a head as wide as the column stops on the line
/// before it), and the line itself opens as text does: flush, under no blank line, with no
/// heading mark, no bullet, no list item, no byline and no dateline.
/// `…他说，改革开放二十年来，我们` | `国家发生了深刻的变化，人民` | `生活…`
///
/// On the dev pages of both papers wrapped at a column, these are close to half of all
/// lines, and the model reads them as continuations anyway: they are joined before it
/// reads the page, so that it weighs only the breaks in doubt.
pub fn certain_continuations(lines: &[Line], full: &[bool]) -> Vec<bool> {
    // The items of a list, set one to a line, can happen to be as wide as the column:
    // `第三章　政府的定价行为`, `湖南省隆回县　滩头木版年画`.
    let listed = |l: &Line| enumeration(l.text) || space_inside(l.text);
    let cut_mid_text = |l: &Line| {
        l.text.chars().next_back().is_some_and(|c| is_han(c) || c.is_alphanumeric() || matches!(c, '，' | '、' | ','))
            && !l.heading
            && l.parses_as_byline != Some(true)
            // `———编者` closes a note; `——记…` is a deck.
            && !l.text.contains("——")
            && !listed(l)
    };
    let opens_as_text = |l: &Line| {
        l.gap == 0
            && !l.heading
            && l.parses_as_byline != Some(true)
            && !l.raw.starts_with(char::is_whitespace)
            && !listed(l)
            && l.text
                .chars()
                .next()
                .is_some_and(|c| is_han(c) || c.is_alphanumeric() || "，。、；：！？”’）》".contains(c))
    };
    let widths: Vec<usize> = lines.iter().map(|l| crate::text::display_width(l.text)).collect();
    // The widest line near by: a column's lines cut in mid-text are as wide as it, give or
    // take the cell a full-width character did not fit in (a line closing on a mark hangs
    // past it by one), while a poem's unpunctuated lines, set alike, are narrower.
    let widest = |i: usize| widths[i.saturating_sub(8)..lines.len().min(i + 9)].iter().copied().max().unwrap_or(0);
    (0..lines.len())
        .map(|i| {
            i >= 2
                && full[i - 1]
                && full[i - 2]
                && widths[i - 1].abs_diff(widths[i - 2]) <= 1
                && widths[i - 1] + 4 >= widest(i - 1)
                && cut_mid_text(&lines[i - 1])
                && cut_mid_text(&lines[i - 2])
                && opens_as_text(&lines[i])
                && !dateline_lead(lines[i].text)
        })
        .collect()
}

/// The runs of three Han characters a page prints inside its lines: the page's own
/// dictionary of names and terms (`胡榆`, `体育馆`), which no general dictionary holds.
pub struct PageStrings(rustc_hash::FxHashSet<u64>);

impl PageStrings {
    pub fn of(texts: &[&str]) -> PageStrings {
        let mut set = rustc_hash::FxHashSet::default();
        // At most one string per character: room for them all at once.
        set.reserve(texts.iter().map(|t| t.len() / 3).sum());
        for text in texts {
            // The last three characters packed as they come, counted while they are all Han.
            let (mut last, mut han_run) = (0u64, 0usize);
            for c in text.chars().take(5_000) {
                if !is_han(c) {
                    han_run = 0;
                    continue;
                }
                last = Self::push(last, c);
                han_run += 1;
                if han_run >= 3 {
                    set.insert(last);
                }
            }
        }
        PageStrings(set)
    }

    /// Three characters as one number, the newest last: a character takes 21 bits.
    fn push(packed: u64, c: char) -> u64 {
        ((packed << 21) | c as u64) & ((1 << 63) - 1)
    }

    /// `东湖学院副校长胡` | `榆介绍，…` where the page prints `胡榆介绍` elsewhere: the
    /// three characters across a break (the last two before it and the first after, or
    /// the last before and the first two after) are a string the page prints inside a
    /// line. Text cut across a line reads on so: on the e-paper's pages broken at random,
    /// 1,990 of the 2,063 breaks after a stopless line where this holds are a paragraph's
    /// rest, the others mostly a head over text that repeats its words.
    pub fn across(&self, before: &str, after: &str) -> bool {
        let b: Vec<char> = before.trim_end().chars().rev().take(2).collect();
        let a: Vec<char> = after.trim_start().chars().take(2).collect();
        let found = |w: [char; 3]| w.iter().all(|&c| is_han(c)) && self.0.contains(&w.into_iter().fold(0, Self::push));
        (b.len() == 2 && !a.is_empty() && found([b[1], b[0], a[0]]))
            || (!b.is_empty() && a.len() == 2 && found([b[0], a[0], a[1]]))
    }
}

/// Whether the text goes on about the same things across a short line: a subhead
/// sits inside one story, whose paragraphs below share its words with those above;
/// a new article's paragraphs mostly do not. Words are the paragraphs' Han bigrams,
/// each weighed by how rare it is on the page (a page on museums says `博物` in every
/// story; `紫禁` in one). Measured on both eras' dev pages, the weighed share of the
/// words after a short line (200 characters) found in the text before it (300) is
/// below 0.02 for about half of the e-paper's article starts and a fifth of its inner
/// short lines, and 0.06 or more for a tenth of the starts and a third of the rest.
struct TopicShift<'a> {
    /// Whether each line is title-shaped (a window skips those).
    titles: &'a [bool],
    words: &'a [Bigrams],
    counts: &'a BigramCounts,
}

/// How many of a page's lines hold each bigram, for `TopicShift`'s weights.
struct BigramCounts {
    /// Lines holding each bigram (its weight, ln((lines + 1) / that), is taken when
    /// asked: only a title's neighbours ask, so most bigrams never are).
    held: rustc_hash::FxHashMap<u64, u32>,
    /// The page's lines + 1.
    n: f64,
}

impl BigramCounts {
    fn of(words: &[Bigrams]) -> BigramCounts {
        let mut held: rustc_hash::FxHashMap<u64, u32> = Default::default();
        held.reserve(words.iter().map(|w| w.all.len()).sum());
        for w in words {
            for b in &w.all {
                *held.entry(*b).or_default() += 1;
            }
        }
        BigramCounts { held, n: (words.len() + 1) as f64 }
    }
}

impl<'a> TopicShift<'a> {
    const BEFORE_CHARS: usize = 300;
    const AFTER_CHARS: usize = 200;
    /// How many lines a window may reach, whatever their length (a wrapped page's are short).
    const REACH: usize = 16;

    /// ln((lines + 1) / lines holding the bigram): rare on the page weighs more.
    fn weight_of(&self, bigram: u64) -> f64 {
        self.counts.held.get(&bigram).map_or(0.0, |&k| (self.counts.n / k as f64).ln())
    }

    /// The lines of running text (no title-shaped line) among `order`, nearest first,
    /// until they hold `chars` Han characters.
    fn window(&self, order: impl Iterator<Item = usize>, chars: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut held = 0;
        for j in order {
            if self.titles[j] {
                continue;
            }
            out.push(j);
            held += self.words[j].han;
            if held >= chars {
                break;
            }
        }
        out
    }

    /// The weighed share of the words after line `i` found before it (0 with no text on a side).
    fn kept_across(&self, i: usize) -> f64 {
        let before = self.window((i.saturating_sub(Self::REACH)..i).rev(), Self::BEFORE_CHARS);
        let after = self.window(i + 1..self.titles.len().min(i + 1 + Self::REACH), Self::AFTER_CHARS);
        if before.is_empty() || after.is_empty() {
            return 0.0;
        }
        let mut ahead: rustc_hash::FxHashSet<u64> = Default::default();
        for &j in &after {
            ahead.extend(self.words[j].all.iter().copied());
        }
        let (mut kept, mut total) = (0.0, 0.0);
        for b in &ahead {
            let w = self.weight_of(*b);
            total += w;
            if before.iter().any(|&j| self.words[j].holds(*b)) {
                kept += w;
            }
        }
        if total > 0.0 {
            kept / total
        } else {
            0.0
        }
    }
}

/// The weighed share of a story's words kept across a short line, in buckets:
/// `none` < 0.02 ≤ `low` < 0.04 ≤ `some` < 0.06 ≤ `much`.
fn topic_kept_bucket(share: f64) -> &'static str {
    if share < 0.02 {
        "none"
    } else if share < 0.04 {
        "low"
    } else if share < 0.06 {
        "some"
    } else {
        "much"
    }
}

/// The Han bigrams of a line: the words (roughly) it shares with its neighbours.
///
/// A bigram is its two characters packed in a `u64`. A line's head is only ever walked
/// through, so it is a list (sorted, without repeats); the whole line is asked whether
/// it holds a bigram, so it is a set.
struct Bigrams {
    /// Of the first 120 characters: what the line says up front.
    head: Vec<u64>,
    all: rustc_hash::FxHashSet<u64>,
    /// How many Han characters the line holds (of its first 5,000).
    han: usize,
}

impl Bigrams {
    fn of(text: &str) -> Bigrams {
        // Cohesion is judged on a line's first 5,000 characters (longer than any paragraph; a runaway line is not).
        let han: Vec<char> = text.chars().take(5_000).filter(|&c| is_han(c)).collect();
        let pack = |w: &[char]| (w[0] as u64) << 32 | w[1] as u64;
        // A fast hash: these sets are built and probed for every line of every page.
        let all: rustc_hash::FxHashSet<u64> = han.windows(2).map(pack).collect();
        let head_len: usize = text.chars().take(120).filter(|&c| is_han(c)).count();
        let mut head: Vec<u64> = han[..head_len].windows(2).map(pack).collect();
        head.sort_unstable();
        head.dedup();
        Bigrams { head, all, han: han.len() }
    }

    fn holds(&self, bigram: u64) -> bool {
        self.all.contains(&bigram)
    }

    /// Share of this line's leading bigrams found in the lines `at` of `all`.
    fn share_in_lines(&self, all: &[Bigrams], at: &[usize]) -> f64 {
        if self.head.is_empty() || at.is_empty() {
            return 0.0;
        }
        let found = self.head.iter().filter(|&&b| at.iter().any(|&j| all[j].holds(b))).count();
        found as f64 / self.head.len() as f64
    }

    /// Share of this line's leading bigrams found in any of `others` (0 when it has none).
    fn share_in(&self, others: &[Bigrams]) -> f64 {
        if self.head.is_empty() {
            return 0.0;
        }
        let found = self.head.iter().filter(|&&b| others.iter().any(|o| o.holds(b))).count();
        found as f64 / self.head.len() as f64
    }
}

/// The text between a page's lone titles — a title-shaped line right under a sentence's
/// end (`到国博过个文化年` under `…辞旧迎新都是中国人过年永恒的主题。`). On the
/// dev pages a lone title under less than 200 characters of text since the last one
/// opens an article 7% of the time (1998: 49%), under 1,000 to 2,000 characters 42%
/// (85%); the last on its page 46% (87%), one with less than 1,000 below it 15% (68%).
struct SectionText {
    /// A title-shaped line right under a sentence's end (not under another title): a
    /// lone title, or the first line of a head group.
    lone_title: Vec<bool>,
    /// Head candidates: lone titles and lines of head groups (text counts stop at them).
    stops_text: Vec<bool>,
    chars: Vec<usize>,
}

impl SectionText {
    fn of(lines: &[Line], titles: &[bool]) -> SectionText {
        let n = lines.len();
        let lone_title: Vec<bool> =
            (0..n).map(|i| titles[i] && i > 0 && ends_sentence(lines[i - 1].text) && !titles[i - 1]).collect();
        let stops_text: Vec<bool> = (0..n).map(|i| lone_title[i] || (titles[i] && i > 0 && titles[i - 1])).collect();
        let chars = lines.iter().map(|l| char_len(l.text)).collect();
        SectionText { lone_title, stops_text, chars }
    }
    /// Characters of text above line `i` back to the nearest head candidate, bucketed
    /// (`top` when none stands above).
    fn above(&self, i: usize) -> &'static str {
        let mut total = 0;
        for j in (0..i).rev() {
            if self.stops_text[j] {
                return Self::bucket(total);
            }
            total += self.chars[j];
        }
        "top"
    }
    /// Characters of text below line `i`'s head group to the next head candidate
    /// (`end` when none follows).
    fn below(&self, i: usize) -> &'static str {
        let mut j = i + 1;
        while j < self.chars.len() && self.stops_text[j] && !self.lone_title[j] {
            j += 1;
        }
        let mut total = 0;
        for k in j..self.chars.len() {
            if self.stops_text[k] {
                return Self::bucket(total);
            }
            total += self.chars[k];
        }
        "end"
    }
    /// Whether the nearest head line above line `i` was signed: a byline or a dateline
    /// lead within two lines under it (`signed`), or not (`plain`); `none` when no head
    /// line stands above. Reports follow each other signed; a feature's subheads are
    /// not: a lone title whose last head was signed opens an article 61% of the time on
    /// the 2019 pages, after an unsigned one 20%. (A byline set right under its headline
    /// is a head line here, so the lead under the byline is what is seen.)
    fn last_head_signed(&self, i: usize, signed: &[bool], leads: &[bool]) -> &'static str {
        let Some(j) = (0..i).rev().find(|&j| self.stops_text[j]) else {
            return "none";
        };
        if (j + 1..i.min(j + 3)).any(|k| signed[k] || leads[k]) {
            "signed"
        } else {
            "plain"
        }
    }
    /// Whether the names in the first 150 characters under lone title `i` were met above
    /// it, back to the head before and its lines: `kept` (all of them), `some-new` (up to
    /// half), `most-new`, `all-new`, or `none` (no name below). Names are the words jieba
    /// tags as places, organisations, people and other proper names (`ns`, `nt`, `nr`,
    /// `nz`; its guesses for words outside its dictionary, a story's people, included) or
    /// cannot tag (`x`), of two Han characters or more. A subhead goes on with the people and
    /// places of its article; a new article brings its own (`中国国家博物馆` under a piece
    /// on the Palace Museum). On the 2019 pages a lone title whose names were all met above
    /// opens an article 3% of the time (149 titles), up to half new 7%, most new 30%, all
    /// new 44%, no name 9% (1998: 21%, 34%, 85%, 77%, 11%).
    fn names_above(&self, lines: &[Line], titles: &[bool], i: usize, lang: &crate::language::Language) -> &'static str {
        const BELOW_CHARS: usize = 150;
        let mut below = String::new();
        for (l, &title) in lines.iter().zip(titles).skip(i + 1) {
            if title || below.chars().count() >= BELOW_CHARS {
                break;
            }
            below.push_str(l.text.trim());
        }
        let below: String = crate::language::for_segmenter(&below).chars().take(BELOW_CHARS).collect();
        let tags = lang.jieba.tag(&below, true);
        let names: Vec<&str> = tags
            .iter()
            .filter(|t| {
                matches!(t.tag, "ns" | "nt" | "nr" | "nz" | "x") && t.word.chars().filter(|&c| is_han(c)).count() >= 2
            })
            .map(|t| t.word)
            .collect();
        if names.is_empty() {
            return "none";
        }
        let head = (0..i).rev().find(|&j| self.stops_text[j]).map_or(0, |j| j.saturating_sub(2));
        let above: String = lines[head..i].iter().map(|l| crate::language::for_segmenter(l.text.trim())).collect();
        let kept = names.iter().filter(|n| above.contains(**n)).count();
        if kept == names.len() {
            "kept"
        } else if kept * 2 >= names.len() {
            "some-new"
        } else if kept > 0 {
            "most-new"
        } else {
            "all-new"
        }
    }
    fn bucket(chars: usize) -> &'static str {
        match chars {
            0..200 => "0-199",
            200..500 => "200-499",
            500..1000 => "500-999",
            1000..2000 => "1000-1999",
            _ => "2000+",
        }
    }
}

/// Share of a title's words found again in the text after it, in buckets:
/// `none` < 0.05 ≤ `low` < 0.25 ≤ `mid` < 0.5 ≤ `high`.
pub fn announce_bucket(share: f64) -> &'static str {
    if share < 0.05 {
        "none"
    } else if share < 0.25 {
        "low"
    } else if share < 0.5 {
        "mid"
    } else {
        "high"
    }
}

/// How far below line `i` the credit of a picture stands (`武社火` | `13日一大早，…` |
/// `本溪社火也叫…` | `新华社记者 潘昱龙摄`: 3), looking three lines down and stopping at
/// another title; `credited` marks credit lines and captions closed by their credit.
fn credit_ahead(titles: &[bool], credited: &[bool], i: usize) -> Option<usize> {
    for j in i + 1..titles.len().min(i + 4) {
        if credited[j] {
            return Some(j - i);
        }
        if titles[j] {
            return None;
        }
    }
    None
}

/// The cues worth looking at two lines away (the rest is noise there).
fn is_far_cue(cue: &str) -> bool {
    matches!(
        cue,
        "flush"
            | "heading"
            | "title-shape"
            | "dateline-lead"
            | "byline:clear"
            | "end:stop"
            | "deck-dash"
            | "time-opening"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line marked as a markdown heading by its own text (`## 标题`, `**石桥村**`).
    fn heading_mark(raw: &str) -> bool {
        crate::text::heading_level(raw).is_some() || crate::text::emphasized_whole(raw)
    }

    /// A line of a page as a dump without blank lines writes it.
    fn line(raw: &'static str) -> Line<'static> {
        Line { raw, text: raw.trim(), gap: 0, heading: heading_mark(raw), parses_as_byline: None }
    }

    #[test]
    fn indentation_of_an_e_paper_paragraph() {
        assert!(indented("\u{3000}\u{3000}本报北京2月3日电 （记者杜一菲）国家主席习近平31日…"));
        assert!(!indented("习近平同卡塔尔埃米尔塔米姆举行会谈"));
        // An HTML page's `&nbsp;&nbsp;`, two spaces, a tab.
        assert!(indented("\u{a0}\u{a0}会议指出，今年全县粮食播种面积要稳定。"));
        assert!(indented("  会议指出，今年全县粮食播种面积要稳定。"));
        assert!(indented("\t会议指出，今年全县粮食播种面积要稳定。"));
        assert!(!indented(" 会议指出，一个空格要看整页才算缩进。"));
    }

    #[test]
    fn heading_marks_at_any_level() {
        assert!(heading_mark("### ——看县城如何挺起工业“脊梁”"));
        assert!(!heading_mark("#话题 不是标题"));
    }

    #[test]
    fn length_buckets() {
        assert_eq!(length_bucket("习近平会见巴赫"), "len:5-8");
        assert_eq!(length_bucket("新年"), "len:1-4");
    }

    #[test]
    fn how_lines_end() {
        assert_eq!(line_end("双方要进一步对接发展战略。"), "end:stop");
        assert_eq!(line_end("守护好每一寸蓝天（人民时评）"), "end:bracket");
        assert_eq!(line_end("记者手记："), "end:colon");
        assert_eq!(line_end("在新春佳节即将到来之际，"), "end:comma");
        assert_eq!(line_end("奋进新时代——"), "end:dash");
        assert_eq!(line_end("习近平会见国际奥委会主席巴赫"), "end:han");
        assert_eq!(line_end("他说：“我们一定能做到。”"), "end:quote-stop");
    }

    #[test]
    fn kicker_and_deck_dashes() {
        assert!(kicker_dash("奋进新时代——"));
        assert!(deck_dash("——访县供销社主任王海清"));
        assert!(!deck_dash("访县供销社主任王海清——"));
    }

    #[test]
    fn verse_is_four_short_closed_lines_in_a_row() {
        let poem = ["这正是：", "漫漫归乡路，", "自驾不再怵。", "地图来导航，", "暖心备呵护。", "曹一图 杨立新文"];
        assert_eq!(verse_lines(&poem), [false, true, true, true, true, false]);
        // Two short pieces of a broken paragraph are not verse.
        let broken = ["会议强调，", "要认清形势，", "提高认识，把春耕生产的各项工作落到实处。"];
        assert_eq!(verse_lines(&broken), [false, false, false]);
    }

    #[test]
    fn lines_that_can_stand_in_a_head() {
        assert!(head_like("钢铁凤凰 展翅欲飞"));
        assert!(head_like("湖南衡南县滨河村——"));
        assert!(head_like("“回乡创业，咱有信心！”"));
        assert!(!head_like("从湖南省衡南县云集镇往湘江边上走，便来到滨河村。"));
    }

    #[test]
    fn lines_opening_an_item() {
        assert!(opens_with_item_mark("■植物激素不是激素，对人体无害"));
        assert!(opens_with_item_mark("【案情】某公司员工张某因工作调动…"));
        assert!(!opens_with_item_mark("现在，一些地方开始试点。"));
        assert!(!opens_with_item_mark("（记者李明）３月２日，"));
    }

    #[test]
    fn lines_cut_just_ahead_of_their_mark() {
        assert!(opens_inside_sentence("，牵动着全县群众的心。"));
        assert!(opens_inside_sentence("、王庄等五个村的村民"));
        assert!(opens_inside_sentence(",this half-width comma too"));
        assert!(!opens_inside_sentence("？"));
        assert!(!opens_inside_sentence("”他说。"));
        assert!(!opens_inside_sentence("现在，一些地方开始试点。"));
    }

    #[test]
    fn dateline_leads() {
        assert!(dateline_lead("本报北京2月3日电 （记者杜一菲）国家主席习近平31日在人民大会堂…"));
        assert!(dateline_lead("本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议。"));
        assert!(!dateline_lead("春天来了，小城的街道两旁开满了花。"));
    }

    #[test]
    fn byline_shapes() {
        assert_eq!(byline_shape("本报记者 王锦鹄"), Some("byline:clear"));
        assert_eq!(byline_shape("本报记者 贺 勇"), Some("byline:clear"));
        assert_eq!(byline_shape("本报记者  杜若原"), Some("byline:clear"));
        assert_eq!(byline_shape("本报记者\u{a0}许\u{a0}晴\u{a0}方\u{a0}敏"), Some("byline:clear"));
        assert_eq!(byline_shape("春天来了，小城的街道两旁开满了花。"), None);
    }

    #[test]
    fn credits_and_captions() {
        assert!(bracketed("（新华社记者兰红光摄）"));
        assert!(dash_signature("———王文西（山东）"));
        assert!(dash_signature("———李东旭马丽静（辽宁）"));
        assert!(dash_signature("——编  者"));
        assert!(dash_signature("——@山里人"));
        assert!(!dash_signature("——记县供销社的女当家"), "a deck");
        assert!(!deck_dash("———王文西（山东）"));
        assert!(deck_dash("——访县供销社主任王海清"));
        assert_eq!(column_tag("———王文西（山东）"), None);
        assert!(closing_note("（作者为云溪师范学院马克思主义学院院长、云溪县乡村振兴研究中心研究员）"));
        assert!(closing_note("（本报记者 王 芳采访整理）"));
        // Who wrote a talk up closes one voice of a collection: a note, not an item's credit.
        assert!(closing_note("（林小梅、赵国强采访整理）"));
        assert!(!closing_credit("（林小梅、赵国强采访整理）"));
        assert!(closing_credit("（林小梅、赵国强）"));
        assert!(closing_note("（摘编自3月2日《云溪日报》）"));
        assert!(!closing_note("（二〇一九年二月三日）"), "a speech's date opens it");
        assert!(!closing_note("（作者为县文化馆馆员）我们的村子"), "a note closes the line");
        assert!(closing_credit("谢谢！（新华社北京１２月３１日电）"));
        assert!(photo_caption("11月30日，县西镇高速公路工地，工人们在加紧施工，保障项目进度。杨松摄"));
        assert!(!photo_caption("工人们在加紧施工，保障项目进度。"));
    }

    #[test]
    fn photo_credits_on_their_own_line() {
        assert!(photo_credit_line("黄晓海摄（新华社发）"));
        assert!(photo_credit_line("人民网记者 张 帆摄"));
        assert!(photo_credit_line("许 旭摄（影像中国）"));
        assert!(photo_credit_line("本报记者 王 刚 陈 明摄影报道"));
        assert!(photo_credit_line("图片由县博物馆研究员李明提供"));
        assert!(photo_credit_line("图片均由县博物馆提供"));
        assert!(!photo_credit_line("图片由县博物馆提供。这批文物是去年秋天在城东工地出土的"), "a caption");
        assert!(!photo_credit_line("2月1日，参赛小棋手在比赛中。新华社记者 李刚摄"), "a caption, not a credit line");
        assert!(!photo_credit_line("摄"));
        assert!(column_tag("黄晓海摄（新华社发）").is_none(), "a picture's source is not a column");
    }

    #[test]
    fn a_caption_closed_by_its_credit_ends_there() {
        assert_eq!(line_end("工人们在加紧施工，保障项目进度。杨帆摄"), "end:credit");
        assert_eq!(line_end("双方举行会谈"), "end:han");
    }

    #[test]
    fn a_head_that_states_the_event() {
        assert!(ends_on_event("全国工商联咨询委员会成立大会暨第一次专题座谈会召开"));
        assert!(ends_on_event("“雷锋学院”在辽宁抚顺揭牌"));
        assert!(!ends_on_event("习近平给“王杰班”全体战士回信"));
    }

    #[test]
    fn numbers_cut_across_a_break() {
        assert!(number_across("中国驻突尼斯大使吴传福１２月", "３０日代表中国政府向突尼斯提供援助"));
        assert!(number_across("蒙古总统巴嘎班迪１２月３１", "日晚发表电视新年贺词"));
        assert!(number_across("全年财政收入达到３２．", "５亿元"));
        assert!(number_across("今年共接待游客1", "2万人次"));
        assert!(!number_across("国务院关于修改部分行政法规的决定", "中华人民共和国国务院令"));
        assert!(!number_across("1月PMI为49.5%", "市场供给稳中有升"));
        assert!(!number_across("过新年", "１２月３０日，县里开会。"));
    }

    #[test]
    fn a_readers_signature() {
        assert!(reader_signature("广东深圳市 聂耀文"));
        assert!(!reader_signature("春天来了 小城开花"));
    }

    #[test]
    fn box_labels_and_layout_credits() {
        assert!(box_label("核心阅读"));
        assert!(box_label("版式设计：蔡华伟"));
        assert!(box_label("本期统筹：李明"));
        assert!(!box_label("核心阅读材料已经分发到各个学校"));
        // A profile, background and tips box inside a feature.
        assert!(box_label("人物小传"));
        assert!(box_label("■背景故事"));
        assert!(box_label("【小贴士】"));
        assert!(box_label("编者的话"));
        assert!(item_label("图片报道"));
        assert!(item_label("【图片报道】"));
        assert!(!item_label("核心阅读"));
    }

    #[test]
    fn leads_opening_with_a_time() {
        assert!(time_opening("近日，河北省石家庄市发布通告，决定禁止燃放烟花爆竹。"));
        assert!(time_opening("1月31日，为迎接春节，县里在搬迁社区开展活动。"));
        assert!(time_opening("１２月３０日上午，会议在北京举行。"));
        assert!(time_opening("二〇一九年春节，村里格外热闹。"));
        assert!(!time_opening("家是最小国，国是千万家。"));
        assert!(!time_opening("3个村子今年都通了公路。"));
    }

    #[test]
    fn a_space_between_two_halves() {
        assert!(space_inside("感受中国味  体验中国年"));
        assert!(space_inside("严管治 准定位"));
        assert!(!space_inside("　　习近平会见巴赫"));
        assert!(!space_inside("县里召开春耕动员会"));
    }

    #[test]
    fn a_line_opening_with_a_closing_mark_continues() {
        assert!(opens_with_closing_mark("。不过，当你看到那些年轻父母"));
        assert!(opens_with_closing_mark("、韩国仁川等六条国内外客货滚装航线"));
        assert!(!opens_with_closing_mark("“我们一定能做到。”"));
    }

    #[test]
    fn how_much_a_title_announces() {
        assert_eq!(announce_bucket(0.0), "none");
        assert_eq!(announce_bucket(0.1), "low");
        assert_eq!(announce_bucket(0.3), "mid");
        assert_eq!(announce_bucket(0.8), "high");
        assert_eq!(announce_bucket(-0.4), "none");
    }

    #[test]
    fn a_brief_names_its_day_in_the_first_clause() {
        assert!(day_in_first_clause("云溪县政府三日宣布，全县今年将新建三座水厂，解决两万群众的饮水问题。"));
        assert!(day_in_first_clause("县气象台５日晚发布寒潮预警，提醒农户做好大棚蔬菜的防冻工作。"));
        // The day of a dateline (with its month) or past the first clause does not count.
        assert!(!day_in_first_clause("本报云溪３月５日电全县春耕工作已全面展开，各乡镇组织农技人员下乡指导。"));
        assert!(!day_in_first_clause("全县春耕工作已全面展开，县农业局五日组织农技人员下乡指导，受到欢迎。"));
    }

    #[test]
    fn a_brief_says_in_its_first_clause_that_the_news_is_recent() {
        assert!(recent_in_first_clause("建设部最近发出通知，决定制止十种不合理的收费项目，切实减轻建筑企业的负担。"));
        assert!(recent_in_first_clause("云溪县农业技术推广站日前推出一批耐寒蔬菜新品种，受到菜农欢迎。"));
        // Past the first clause, or opening the line (`time-opening` names that), it does not count.
        assert!(!recent_in_first_clause("全县春耕工作已全面展开，县农业局最近组织农技人员下乡指导。"));
        assert!(!recent_in_first_clause("近日，云溪县农业技术推广站推出一批耐寒蔬菜新品种，受到欢迎。"));
    }

    #[test]
    fn head_lines_read_by_their_grammar() {
        let lang = crate::language::Language::shared();
        assert_eq!(head_grammar(&lang, "全省青少年科技节"), vec!["verbless"]);
        assert_eq!(head_grammar(&lang, "打好春耕备耕主动仗"), vec!["opens-with-verb"]);
        assert!(head_grammar(&lang, "云溪县迎来春耕时节").is_empty());
        assert!(ends_on_attendance("市长钱文博出席"));
        assert!(ends_on_attendance("韩立平出席  钱文博讲话"));
        assert!(ends_on_attendance("钱文博主持会议"));
        assert!(!ends_on_attendance("云溪县春季招聘会开幕"));
        assert!(carries_figures("去年全县粮食总产达到52.3万吨"));
        assert!(carries_figures("１２个重点项目集中开工"));
        assert!(!carries_figures("云溪县春季招聘会开幕"));
    }

    #[test]
    fn a_sentence_cut_after_a_function_word_or_before_a_particle() {
        let lang = crate::language::Language::shared();
        assert!(ends_on_function_word(&lang, "中国愿意提出有利于世界和各国人民的"));
        assert!(ends_on_function_word(&lang, "这条路的变化，说到底是"));
        assert!(ends_on_function_word(&lang, "第五条  各级主管部门负责人应当"));
        assert!(!ends_on_function_word(&lang, "习近平会见国际奥委会主席巴赫"));
        assert!(!ends_on_function_word(&lang, "迎春茶话会"));
        assert!(!ends_on_function_word(&lang, "春天来了"));
        assert!(opens_with_particle(&lang, "的特色，是中国传统文化中的精华。"));
        assert!(!opens_with_particle(&lang, "地方政府要加大投入。"));
        assert!(!opens_with_particle(&lang, "了解情况后，他们立即行动。"));
    }

    #[test]
    fn enumerations() {
        assert!(enumeration("一、事件经过"));
        assert!(!enumeration("一些企业开始复工"));
    }

    #[test]
    fn a_column_tag_closing_a_headline() {
        assert_eq!(column_tag("守护好每一寸蓝天（人民时评）"), Some("人民时评"));
        assert_eq!(column_tag("他们是这样过年的（最美奋斗者）"), Some("最美奋斗者"));
        assert_eq!(column_tag("（新华社记者兰红光摄）"), None);
        assert_eq!(column_tag("迎虎年（书法）"), None);
        assert_eq!(column_tag("这是县农业部门在展销科技书籍。（新华社记者张立摄）（传真照片）"), None);
        assert_eq!(column_tag("违规登珠峰，停！（美丽中国）"), Some("美丽中国"));
        assert_eq!(column_tag("“谢谢你们，远方的客人！”（记者手记）"), Some("记者手记"));
        assert_eq!(column_tag("这股风该刹一刹了！（云溪县农机站洪立新）"), None, "a letter's signature");
        assert_eq!(column_tag("谢谢大家！（新华社北京１月６日电）"), None);
        assert_eq!(column_tag("今年粮食产量创新高（附图片１张）"), None);
        assert_eq!(
            column_tag("让执法在法律边界内运行（聚焦执法制度（下））"),
            Some("聚焦执法制度（下）"),
            "a pair inside"
        );
    }

    #[test]
    fn title_shapes() {
        assert!(title_shape("习近平会见国际奥委会主席巴赫"));
        assert!(!title_shape("习近平会见巴赫。他强调，中方高度重视筹办冬奥会。"));
        // A headline may cry out before its column tag or, short and commaless, in its middle.
        assert!(title_shape("乱倒垃圾，停！（美丽家园）"));
        assert!(title_shape("首破百亿元！县城年货市场火爆"));
        assert!(title_shape("“瞧你这染发剂，一出汗就掉色！”（图片）"));
        // Dialogue, a run of questions, a signed letter and a dateline's close are text.
        assert!(!title_shape("大家连声说：“满意！满意！”"));
        assert!(!title_shape("“家里有几亩地？收入多少？”"));
        assert!(!title_shape("低保评审是否公平？村集体收入是否公开透明？村干部选举有没有拉票？"));
        assert!(!title_shape("希望有关部门管一管，保护好石桥！（云溪县城关镇王芳）"));
        assert!(!title_shape("谢谢大家！（新华社北京１月６日电）"));
        // A paragraph cut inside a quotation or a bracket.
        assert!(!title_shape("“奋进的云溪——庆祝建县６０周年"));
        assert!(!title_shape("（作者为县文化馆副"));
    }

    #[test]
    fn lines_that_close_an_item() {
        assert!(closes_item("（作者为云溪县第一中学语文教师、县作家协会副主席）"));
        assert!(closes_item("———王文西（云溪）"));
        assert!(closes_item("云溪县城关镇 王芳"));
        assert!(closes_item("版式设计：李明"));
        assert!(closes_item("张  丹图  李  明文"));
        assert!(!closes_item("县里召开春耕动员会"));
        assert!(!closes_item("（附图片１张）"));
    }

    #[test]
    fn a_last_clause_of_three_characters_at_most_is_a_cut_sentence() {
        assert!(short_last_clause("县文化馆门前竖起了巨幅海报，创意"));
        assert!(short_last_clause("进了村,他便"));
        assert!(!short_last_clause("看变化，问冷暖，听民声（新春走基层）"));
        assert!(!short_last_clause("县里召开春耕动员会"));
        assert!(!short_last_clause("，好"));
    }

    #[test]
    fn cartoon_credits() {
        assert!(drawn_credit("张  丹图  李  明文"));
        assert!(drawn_credit("王芳图 李明文"));
        assert!(photo_credit_line("张  丹图  李  明文"));
        assert!(!drawn_credit("看图说话 学写作文"));
        assert!(!drawn_credit("图文"));
    }

    #[test]
    fn lines_of_bracket_groups() {
        assert!(bracket_groups("（新华社记者陈明摄）（传真照片）"));
        assert!(bracket_groups("(一九九八年一月一日)(附图片1张)"));
        assert!(wholly_bracketed("（本报巴黎、墨西哥城、东京、约翰内斯堡2月9日电  记者龚鸣、刘旭霞、刘军国、李滢嫣）"));
        assert!(!wholly_bracketed("（新华社记者陈明摄）（传真照片）"));
        assert!(!wholly_bracketed("（作者为县文化馆副"));
        assert!(!bracket_groups("（胡静）"));
        assert!(!bracket_groups("（县委书记）王芳（县长）"));
        assert!(!bracket_groups("迎春（书法）（李明）"));
    }

    #[test]
    fn lines_that_leave_a_mark_open() {
        assert!(leaves_open("“这座桥无疑是全县一个非常"));
        assert!(leaves_open("（作者为县文化馆副"));
        assert!(leaves_open("他在《云溪县志"));
        assert!(leaves_open("\"half-width quotes"));
        assert!(!leaves_open("“这座桥让两岸连成一片”（乡村振兴）"));
        assert!(!leaves_open("县里召开春耕动员会"));
    }

    #[test]
    fn item_titles_and_quoted_lines() {
        assert!(item_title("致读者"));
        assert!(item_title("迎虎年（书法）"));
        assert!(!item_title("县里召开春耕动员会"));
        assert!(quoted_whole("“我们一定能做到”"));
        assert!(!quoted_whole("他说“我们一定能做到”"));
    }

    #[test]
    fn shared_words_in_buckets() {
        assert_eq!(shared_words_bucket(0.05), "low");
        assert_eq!(shared_words_bucket(0.2), "mid");
        assert_eq!(shared_words_bucket(0.5), "high");
        let head = Bigrams::of("县里召开春耕动员会");
        let lead = Bigrams::of("本报讯 县委３月２日召开春耕生产动员会议。");
        let other = Bigrams::of("今年的春节联欢晚会精彩纷呈。");
        assert!(head.share_in(std::slice::from_ref(&lead)) > 0.3);
        assert!(head.share_in(std::slice::from_ref(&other)) < 0.1);
    }

    #[test]
    fn a_kicker_announcing_speech() {
        assert!(announces_speech("于永波会见全军先进典型代表时指出"));
        assert!(announces_speech("国家市场监管总局要求"));
        assert!(announces_speech("中共云溪县委办公室 县政府办公室印发"));
        assert!(!announces_speech("转供电主体不得截留降价红利"));
    }

    #[test]
    fn full_width_digits_of_older_dumps() {
        assert_eq!(fullwidth_digits("１９９８年１月"), (5, 0));
        assert_eq!(fullwidth_digits("2019年2月"), (0, 5));
        assert_eq!(fullwidth_digits("１９９8年"), (3, 1));
        // Digits made half-width by a converter leave the older dumps' other marks.
        assert!(older_marks("淮河流域最大的水污染治理项目———郑州市污水处理厂工程日前开工。"));
        assert!(older_marks("用作品本身说话的优秀创作(附图片4张)"));
        assert!(!older_marks("南水北调中线累计输水200亿立方米——5300多万人受益"));
        // …and the wire dateline run into its lead.
        assert!(run_in_dateline("新华社纽约1月1日电(记者周锡生)在过去的一年里,世界企业兼并高潮迭起。"));
        assert!(run_in_dateline("新华社北京1月9日电记者王言彬报道:国务院今天发出通知。"));
        assert!(!run_in_dateline("新华社北京2月2日电\u{a0} （记者朱超）国务委员兼外长王毅2日在北京会见森健良。"));
        assert!(!run_in_dateline("他在日电公司工作了十年。"));
    }

    #[test]
    fn a_word_split_across_a_break() {
        let lang = crate::language::Language::shared();
        assert!(word_across(&lang, "会上，他向大家介", "绍了今年的工作安排。"));
        assert!(!word_across(&lang, "会议取得圆满成功。", "绍了今年的工作安排。"));
    }

    #[test]
    fn a_pages_habits() {
        let l = |raw: &'static str, gap| Line {
            raw,
            text: raw.trim(),
            gap,
            heading: heading_mark(raw),
            parses_as_byline: None,
        };
        let epaper = [l("标题", 0), l("\u{3000}\u{3000}第一段。", 0), l("\u{3000}\u{3000}第二段。", 0)];
        let h = PageHabits::of(&epaper);
        assert!(h.indents && !h.headings && !h.blank_blocks);
        let blocks = [l("标题", 0), l("第一段。", 1), l("第二段。", 1)];
        let h = PageHabits::of(&blocks);
        assert!(!h.indents && h.blank_blocks && !h.broken);
        // The e-paper's indentation made one space by a converter: the paragraphs set in,
        // the head lines and the byline flush.
        let one = |raw: &'static str| Line {
            raw,
            text: raw.trim(),
            gap: 0,
            heading: heading_mark(raw),
            parses_as_byline: None,
        };
        let one_space = [
            one("云溪县召开春季农业生产工作会议"),
            one("抓好春耕备耕 确保粮食丰收"),
            one(" 本报云溪3月2日电  县委县政府今天召开全县春季农业生产工作会议，部署春耕备耕。"),
            one(" 会议指出，今年全县粮食播种面积稳定在四十万亩以上，早稻育秧已经开始。"),
            one(" 会议要求，各乡镇要抓好农资供应，确保种子化肥按时到村到户。"),
            one(" 县农业农村局将派出二十个技术小组，分片包干指导春耕生产。"),
            one("溪口古街迎来客流高峰"),
            one("本报记者 林小梅"),
        ];
        let h = PageHabits::of(&one_space);
        assert!(h.one_space_indent && h.indents);
        assert!(h.indented(" 会议指出，…") && !h.indented("溪口古街迎来客流高峰"));
        // A text layer's stray leading spaces fall on running text and heads alike.
        let stray = [
            one(" 云溪县召开春季农业生产工作会议"),
            one("抓好春耕备耕 确保粮食丰收"),
            one(" 本报云溪3月2日电  县委县政府今天召开全县春季农业生产工作会议，部署春耕备耕。"),
            one("会议指出，今年全县粮食播种面积稳定在四十万亩以上，早稻育秧已经开始。"),
            one(" 会议要求，各乡镇要抓好农资供应，确保种子化肥按时到村到户。"),
            one("县农业农村局将派出二十个技术小组，分片包干指导春耕生产。"),
            one(" 溪口古街迎来客流高峰"),
            one(" 本报记者 林小梅"),
        ];
        let h = PageHabits::of(&stray);
        assert!(!h.one_space_indent && !h.indents && !h.indented(" 会议要求，…"));
        let broken = [
            l("会议指出，今年以来全县上下围绕中心工作，", 0),
            l("扎实推进各项重点任务落实，经济社会发展取得了", 0),
            l("新的成绩，人民群众的获得感不断增强。", 0),
        ];
        assert!(PageHabits::of(&broken).broken);
        // An older dump made half-width (its digits and brackets): its wire leads still run
        // straight on from `电`, and none of its lines spaces its words apart.
        let older = [
            l("云溪水库今冬蓄水创新高", 0),
            l("新华社云溪1月2日电(记者林木)云溪水库今冬蓄水量达到1.2亿立方米。", 0),
            l("水库管理处说,今年汛后雨水偏多,蓄水比往年多出三成。", 0),
        ];
        assert!(PageHabits::of(&older).older_dump);
        let spaced = [
            l("云溪水库今冬蓄水创新高", 0),
            l("新华社云溪1月2日电(记者林木)云溪水库今冬蓄水量达到1.2亿立方米。", 0),
            l("本报记者 林小梅", 0),
        ];
        assert!(!PageHabits::of(&spaced).older_dump);
    }

    #[test]
    fn a_marked_line_of_an_indented_markdown_page_has_no_indentation() {
        // A converter's markdown of the e-paper: paragraphs keep `　　`, a subhead marked as
        // a heading comes out flush like a headline, so its flushness says nothing.
        let l = |raw: &'static str, text: &'static str| Line {
            raw,
            text,
            gap: 1,
            heading: heading_mark(raw),
            parses_as_byline: None,
        };
        let lines = [
            l("## 看变化，问冷暖", "看变化，问冷暖"),
            l("\u{3000}\u{3000}春节将至，那些乡村都变了样。", "春节将至，那些乡村都变了样。"),
            l("### 甘肃定西元古堆村", "甘肃定西元古堆村"),
            l("\u{3000}\u{3000}轻转水龙头，就可以喝上甘甜的自来水。", "轻转水龙头，就可以喝上甘甜的自来水。"),
            l("\u{3000}\u{3000}村里的路也修通了。", "村里的路也修通了。"),
        ];
        let habits = PageHabits::of(&lines);
        assert!(habits.indents && habits.headings);
        let f = page_features(&lines, &[], None);
        let has = |i: usize, cue: &str| f[i].iter().any(|c| c == cue);
        assert!(has(2, "heading") && !has(2, "flush") && !has(2, "indent"));
        assert!(has(3, "indent") && has(3, "p1:heading") && !has(3, "p1:flush"));
        // On the e-paper itself (no marks) a flush line is still read as flush.
        let epaper = [
            Line {
                raw: "甘肃定西元古堆村", text: "甘肃定西元古堆村", gap: 0, heading: false, parses_as_byline: None
            },
            lines[3],
            lines[4],
        ];
        assert!(page_features(&epaper, &[], None)[0].iter().any(|c| c == "flush"));
    }

    #[test]
    fn notes_under_a_table() {
        assert!(note_line("注：以上为我国现有的17个国家级木版年画项目"));
        assert!(note_line("注1：非居民个人取得工资、薪金所得，依照本表按月换算后计算应纳税额。"));
        assert!(note_line("（注：本表所称全年应纳税所得额是指…）"));
        assert!(!note_line("注重实效，不搞形式主义"), "a word opening with 注");
    }

    #[test]
    fn lines_that_fill_their_column() {
        let l = |raw: &'static str| Line {
            raw,
            text: raw.trim_start_matches('\u{3000}'),
            gap: 0,
            heading: false,
            parses_as_byline: None,
        };
        // A PDF text layer: a paragraph wrapped at fifteen characters, the first line
        // indented; the last line of the paragraph is short, and so is the headline.
        let wrapped = [
            l("县城修通最后一条村道"),
            l("\u{3000}\u{3000}本报讯（记者李明）３月２日，"),
            l("云溪县最后一条村道建成通车，村民"),
            l("们敲锣打鼓迎来了第一辆客车。县交"),
            l("通局说，明年还要修三条村道，让每"),
            l("个村都通上客车。"),
        ];
        assert_eq!(full_lines(&wrapped), [false, true, true, true, true, false]);
        assert!(PageHabits::of(&wrapped).wrapped);
        // A wrapped e-paper's few indented lines are still its habit.
        let mut epaper: Vec<Line> = Vec::new();
        for _ in 0..4 {
            epaper.push(l("\u{3000}\u{3000}本报讯（记者李明）３月２日，"));
            epaper.extend(std::iter::repeat_n(l("云溪县最后一条村道建成通车，村民"), 12));
        }
        assert!(PageHabits::of(&epaper).indents);
        // Whole paragraphs: no two set alike.
        let whole = [
            l("县城修通最后一条村道"),
            l("\u{3000}\u{3000}本报讯（记者李明）３月２日，云溪县最后一条村道建成通车，村民们敲锣打鼓迎来了第一辆客车。"),
            l("\u{3000}\u{3000}县交通局说，明年还要修三条。"),
            l("\u{3000}\u{3000}村民王大伯说，以前进城要走半天，现在坐车只要二十分钟，孩子上学也方便了。"),
        ];
        assert!(full_lines(&whole).iter().all(|f| !f));
        assert!(!PageHabits::of(&whole).wrapped);
    }

    #[test]
    fn continuations_certain_on_a_wrapped_page() {
        let l = |raw: &'static str| Line { raw, text: raw.trim(), gap: 0, heading: false, parses_as_byline: None };
        // A PDF text layer wrapped at seventeen characters: a headline, a lead in three lines,
        // a paragraph in four, a second headline as wide as the column, and its lead.
        let page = [
            l("县城修通最后一条村道"),
            l("本报讯（记者李明）３月２日，云溪县"),
            l("最后一条村道建成通车，村民们敲锣打"),
            l("鼓迎来了第一辆客车。"),
            l("县交通局局长王建国说，明年县里还要"),
            l("再修三条通往山里的村道，让全县每个"),
            l("村都通上客车，山里的核桃和板栗也能"),
            l("当天运到县城的集市上去卖个好价钱。"),
            l("山村小学迎来第一批城里来的支教老师"),
            l("今年春天二十位师范生来到云溪县支教"),
            l("老师们住进了村里新修的宿舍，每周轮"),
            l("流给孩子们上音乐和美术课。"),
        ];
        let full = full_lines(&page);
        assert!(PageHabits::of(&page).wrapped);
        let certain = certain_continuations(&page, &full);
        // `鼓迎来了…`: the two lines above fill the column and stop mid-word.
        assert!(certain[3]);
        // `县交通局…` opens a paragraph: the line above stops on `。`.
        assert!(!certain[4]);
        // The paragraph's second line: the line two above ended a sentence.
        assert!(!certain[5]);
        assert!(certain[6] && certain[7]);
        // The second headline fills the column and stops mid-text as running text does, but
        // the line above it ends on `。`: neither it nor the lead under it is joined.
        assert!(!certain[8] && !certain[9]);
        // The lead's second line is: the two lines above it, headline or not, run on.
        assert!(certain[10] && certain[11]);
        // A list of items set one to a line, as wide as the column by chance, is not joined.
        let list = [
            l("第一章　总则和适用范围的有关规定"),
            l("第二章　政府定价行为的有关规定"),
            l("第三章　价格总水平调控的有关规定"),
            l("第四章　价格监督检查的有关规定"),
        ];
        assert!(!certain_continuations(&list, &full_lines(&list)).contains(&true));
    }

    #[test]
    fn neighbours_and_verdicts_become_features() {
        let lines =
            [line("奋进新时代——"), line("春耕正当时"), line("\u{3000}\u{3000}本报讯（记者李明）３月２日，县里开会。")];
        let verdicts = [Verdict { starts_article: true, role: 'K' }, Verdict { starts_article: false, role: 'H' }];
        let f = page_features(&lines, &verdicts, None);
        assert!(f[0].contains(&Cue::from("rule:start")));
        assert!(f[0].contains(&Cue::from("kicker-dash")));
        assert!(f[1].contains(&Cue::from("p1:kicker-dash")));
        assert!(f[1].contains(&Cue::from("n1:dateline-lead")));
        assert!(f[1].contains(&Cue::from("rule:H")));
        assert!(f[2].contains(&Cue::from("p1:title-shape")));
        assert!(!f[2].contains(&Cue::from("p2:end:dash")), "only strong cues are read two lines away");
    }

    #[test]
    fn a_dateline_lead_a_break_cut_is_still_a_dateline_lead() {
        // The break fell inside the dateline: neither piece reads as a lead alone.
        assert!(cut_dateline("本报云溪3月17", "日电  （记者李明）记者日前从县扶贫办获悉：去年全县脱贫三千人。"));
        assert!(cut_dateline("据新华社北京3月20日", "电  （记者王芳）国务院20日印发通知。"));
        assert!(cut_dateline("新华社北", "京3月2日电  今天，县里开会。"));
        // A lead whole on its line, a head over a lead, and a line cut after the dateline.
        assert!(!cut_dateline("本报云溪3月17日电  （记者李明）记者日前从县扶贫", "办获悉：去年全县脱贫三千人。"));
        assert!(!cut_dateline("新华社发布", "新华社北京3月2日电  今天，县里开会。"));
        assert!(!cut_dateline("县城修通最后一条村道", "本报讯（记者李明）３月２日，云溪县最后一条村道建成通车。"));
        assert!(!cut_dateline("春天来了，小城的街道", "两旁开满了花。"));
        // On a page, the title over the cut lead sees a lead under it, and the piece is no title.
        let lines = [
            line("县里的村道修通了。"),
            line("云溪脱贫三千人"),
            line("本报云溪3月17"),
            line("日电  （记者李明）记者日前从县扶贫办获悉：去年全县脱贫三千人。"),
        ];
        let f = page_features(&lines, &[], None);
        assert!(f[2].contains(&Cue::from("dateline-lead")), "{:?}", f[2]);
        assert!(f[1].contains(&Cue::from("n1:dateline-lead")), "{:?}", f[1]);
        assert!(f[1].contains(&Cue::from("title&n1:dateline-lead")), "{:?}", f[1]);
        assert!(!f[1].contains(&Cue::from("title&n1:title")), "{:?}", f[1]);
    }

    #[test]
    fn a_head_group_reads_down_to_its_byline() {
        let lines = [
            line("县里的老人们说，这样的日子过去想都不敢想。"),
            line("新春走基层"),
            line("云溪县石桥村——"),
            line("“搬进新居，日子有奔头！”"),
            line("本报记者  乔  栋"),
            line("大年初二一早，石桥村的新广场上就热闹起来。"),
            line("村里的变化"),
            line("广场边，几位老人正在晒太阳。"),
        ];
        let f = page_features(&lines, &[], None);
        let has = |i: usize, cue: &str| f[i].iter().any(|c| c == cue);
        assert!(has(1, "head-run-signed:3") && has(1, "head-run-signed&new&p1:text"), "{:?}", f[1]);
        assert!(has(2, "head-run-signed:2") && has(2, "head-run-signed&new&p1:head"));
        assert!(has(3, "head-run-signed:1"));
        // A subhead runs into text: no run cue.
        assert!(!f[6].iter().any(|c| c.starts_with("head-run-")), "{:?}", f[6]);
    }

    #[test]
    fn a_story_goes_on_across_its_subhead_but_not_across_the_next_headline() {
        let lines = [
            line("石桥村的蔬菜大棚今年扩建到三百亩，村民在大棚里种上了西红柿和黄瓜，冬天也能卖上好价钱。"),
            line("村支书说，蔬菜大棚让全村人的腰包鼓了起来，明年还要再建一百亩。"),
            line("大棚里的新技术"),
            line("如今的蔬菜大棚装上了自动卷帘和滴灌，西红柿和黄瓜长得比往年好，村民在手机上就能看大棚。"),
            line("云溪县图书馆春节开放"),
            line("县图书馆春节期间照常开放，读者可以借阅新到的两千册图书，少儿阅览室还安排了剪纸课。"),
        ];
        let words: Vec<Bigrams> = lines.par_iter().map(|l| Bigrams::of(l.text)).collect();
        let titles: Vec<bool> = lines.par_iter().map(|l| title_shape(l.text)).collect();
        let counts = BigramCounts::of(&words);
        let topic = TopicShift { titles: &titles, words: &words, counts: &counts };
        let subhead = topic.kept_across(2);
        let headline = topic.kept_across(4);
        assert!(subhead >= 0.06, "the subhead's story goes on: {subhead}");
        assert!(headline < 0.02, "a new story begins: {headline}");
        assert_eq!(topic_kept_bucket(subhead), "much");
        assert_eq!(topic_kept_bucket(headline), "none");
        let f = page_features(&lines, &[], None);
        assert!(f[2].contains(&Cue::from("title&topic-kept:much")), "{:?}", f[2]);
        assert!(f[4].contains(&Cue::from("title&topic-kept:none")), "{:?}", f[4]);
    }

    #[test]
    fn a_caption_opens_with_its_day() {
        assert!(day_opening("2月1日，参赛小棋手在比赛中。"));
        assert!(day_opening("当地时间2月9日，球员在比赛中。"));
        assert!(day_opening("１月５日，风暴袭击了沿海地区。"));
        assert!(!day_opening("2019年2月1日，县里召开大会。"), "a year first: a lead, not a caption");
        assert!(!day_opening("近日，游客在茶园观赏樱花。"));
        let lines =
            [line("全县今年新建三座水厂，农民都喝上了自来水。"), line("专注"), line("2月1日，参赛小棋手在比赛中。")];
        let f = page_features(&lines, &[], None);
        assert!(f[1].contains(&Cue::from("short-title&day-ahead")), "{:?}", f[1]);
    }

    #[test]
    fn a_picture_items_title_has_its_credit_below() {
        let lines = [
            line("全县今年新建三座水厂，农民都喝上了自来水。"),
            line("赶集"),
            line("春节临近，云溪镇的集市上人头攒动。"),
            line("图为村民在挑选年货。"),
            line("本报记者 林 川摄"),
            line("水厂怎样建"),
            line("县水利局介绍，三座水厂都建在水源地附近。"),
            line("今年还将再建两座。"),
            line("第三座水厂下月完工"),
        ];
        let f = page_features(&lines, &[], None);
        assert!(f[1].contains(&Cue::from("title&credit-ahead:3")), "{:?}", f[1]);
        // Nothing runs on from a photo credit.
        assert!(!f[5].contains(&Cue::from("prev-runs-on")), "{:?}", f[5]);
        // A subhead runs on into its section's text, and a title stops the look-down.
        for i in [5, 8] {
            assert!(!f[i].iter().any(|c| c.starts_with("title&credit-ahead")), "{:?}", f[i]);
        }
    }

    #[test]
    fn a_lone_title_reads_the_text_around_it() {
        let page = |third: &'static str| {
            [
                line("县里新建三座水厂"),
                line("本报记者 林 川"),
                line(third),
                line("集市年味浓"),
                line("春节临近，云溪镇的集市上人头攒动。"),
                line("卖对联的摊位前"),
                line("卖对联的摊位前挤满了人，老人们在挑福字。"),
            ]
        };
        let f = page_features(&page("本报云溪3月2日电 全县今年新建3座水厂，农民都喝上了自来水。"), &[], None);
        let has = |i: usize, cue: &str| f[i].iter().any(|c| c.starts_with(cue));
        // A report with its dateline over it, a sentence of text between: the next
        // report's title.
        assert!(has(3, "lone-title&last-head:signed&"), "{:?}", f[3]);
        assert!(has(3, "lone-title&text-above:0-199&"), "{:?}", f[3]);
        // The last title on the page, under an unsigned one.
        assert!(has(5, "lone-title&last-head:plain&"), "{:?}", f[5]);
        assert!(has(5, "lone-title&text-below:end&"), "{:?}", f[5]);
        // The page's first line has nothing above it; a byline is no title.
        assert!(!has(0, "lone-title") && !has(1, "lone-title"), "{:?}", &f[..2]);
        // The older dumps' conventions differ (their truth splits at most titles): not given there.
        let f = page_features(&page("本报云溪３月２日电 全县今年新建３座水厂，农民都喝上了自来水。"), &[], None);
        assert!(!f.iter().flatten().any(|c| c.starts_with("lone-title")), "{:?}", f);
    }

    #[test]
    fn a_lone_title_over_new_places_opens_new_ground() {
        let lang = crate::language::Language::new(&crate::language::learn::UserDictionary::default());
        let page = |visitors: &'static str| {
            [
                line("西湖边赏梅正当时"),
                line("本报记者 林 川"),
                line(visitors),
                line("赏梅正当时"),
                line("西湖边的梅花开了，杭州的市民一早就来了。"),
                line("海鸥飞来了"),
                line("青岛的海边，市民在栈桥上喂海鸥，一派热闹景象。"),
                line("年味正浓"),
                line("大家都说，今年的年过得热闹。"),
            ]
        };
        // An older dump: its digits full-width.
        let lines = page("春节假期，杭州西湖边的梅花开了，１０万游人一早就来拍照。");
        let f = page_features(&lines, &[], Some(&lang));
        let cue = |i: usize| f[i].iter().find(|c| c.starts_with("lone-title&names-above:")).cloned();
        // The subhead goes on with its article's places; the next item brings its own.
        assert_eq!(cue(3).as_deref(), Some("lone-title&names-above:kept"), "{:?}", f[3]);
        assert_eq!(cue(5).as_deref(), Some("lone-title&names-above:all-new"), "{:?}", f[5]);
        assert_eq!(cue(7).as_deref(), Some("lone-title&names-above:none"), "{:?}", f[7]);
        // Not without the language layer, nor on a line that is no lone title.
        assert!(cue(0).is_none() && cue(4).is_none());
        assert!(!page_features(&lines, &[], None).iter().flatten().any(|c| c.contains("names-above")));
        // Not on the e-paper's conventions, where the text around the title says it already.
        let epaper = page("春节假期，杭州西湖边的梅花开了，10万游人一早就来拍照。");
        assert!(!page_features(&epaper, &[], Some(&lang)).iter().flatten().any(|c| c.contains("names-above")));
    }

    #[test]
    fn a_name_of_fixed_parts_is_built_once() {
        let first = named(&["p1:", "caption"]);
        assert_eq!(first, "p1:caption");
        let again = named(&["p1:", "caption"]);
        assert!(matches!((&first, &again), (Cue::Borrowed(a), Cue::Borrowed(b)) if std::ptr::eq(*a, *b)));
        assert_eq!(rule_cue(Some("n1"), 'H'), "n1:rule:H");
        assert_eq!(rule_cue(None, '?'), "rule:?", "a role with no fixed name is still named");
    }

    #[test]
    fn a_mark_breaks_a_run_of_han_characters() {
        // `胡榆，介绍`: no three Han characters in a row span the comma.
        let strings = PageStrings::of(&["胡榆，介绍"]);
        assert!(!strings.across("胡榆", "介绍") && !strings.across("胡", "榆介"));
        let strings = PageStrings::of(&["一二三四"]);
        assert!(strings.across("一二", "三") && strings.across("二", "三四") && !strings.across("三", "四一"));
    }

    #[test]
    fn a_name_the_page_prints_reads_across_a_break() {
        let strings = PageStrings::of(&["县职校副校长胡榆介绍，学生们在实践中学。", "胡榆说，明年还要办。"]);
        assert!(strings.across("县职校副校长胡", "榆介绍，学生们在实践中学。"), "胡 | 榆介");
        assert!(strings.across("县职校副校长胡榆", "介绍，学生们"), "胡榆 | 介");
        assert!(!strings.across("县职校副校长", "明年还要办。"), "长明年: not printed on the page");
        assert!(!strings.across("胡榆说，", "明年还要办。"), "a mark is not a name's part");
        let lines = [
            line("县职校副校长胡榆介绍，学生们在实践中学。"),
            line("这一年，学校请来了城关镇的老师傅，副校长胡"),
            line("榆说，明年还要再请。"),
        ];
        let f = page_features(&lines, &[], None);
        assert!(f[2].iter().any(|c| c.starts_with("string-across&")), "{:?}", f[2]);
        assert!(!f[1].iter().any(|c| c.starts_with("string-across")), "{:?}", f[1]);
    }

    #[test]
    fn a_cut_sentence_closes_its_clause_soon() {
        assert_eq!(first_clause_bucket("体育馆。举木头、插秧……趣味项目让乡亲们乐开了花。"), Some("1-3"));
        assert_eq!(first_clause_bucket("县水利局介绍，三座水厂都建在水源地附近。"), Some("4-10"));
        assert_eq!(first_clause_bucket("近日，县里召开大会。"), None, "a lead's time is its own clause");
        assert_eq!(first_clause_bucket("第三座水厂下月完工"), None);
        let lines = [line("路况好，汽车驶离县城半小时，那个三面环山的小"), line("村庄若隐若现。")];
        let f = page_features(&lines, &[], None);
        assert!(f[1].iter().any(|c| c.starts_with("first-clause:4-10&")), "{:?}", f[1]);
    }

    #[test]
    fn a_title_under_a_closing_note_is_marked() {
        let lines = [
            line("乡村振兴，人才是关键。"),
            line("（作者为云溪师范学院教授）"),
            line("让老手艺走进新课堂"),
            line("县里的剪纸课开到了第三年，每周两节，老师是镇上的剪纸艺人，学生们都很喜欢。"),
            line("课后同学们还有作业"),
            line("（作者为县文化馆馆员）"),
            line("剪纸进课堂要有耐心"),
            line("陈晓明"),
        ];
        let f = page_features(&lines, &[], None);
        assert!(f[2].contains(&Cue::from("title&p1:closing-note")), "{:?}", f[2]);
        assert!(f[2].contains(&Cue::from("title&p1:closing-note&n1:paragraph")), "{:?}", f[2]);
        // The note is closed, though it ends on a bracket and not on a stop.
        assert!(!f[2].contains(&Cue::from("prev-runs-on")), "{:?}", f[2]);
        assert!(!f[4].contains(&Cue::from("title&p1:closing-note")), "{:?}", f[4]);
        // One voice of a collection: a name under it, not a paragraph.
        assert!(f[6].contains(&Cue::from("title&p1:closing-note")), "{:?}", f[6]);
        assert!(!f[6].contains(&Cue::from("title&p1:closing-note&n1:paragraph")), "{:?}", f[6]);
    }

    #[test]
    fn a_run_of_wire_briefs_puts_a_lead_under_a_whole_lead() {
        let l = |raw: &'static str| Line { gap: 1, ..line(raw) };
        let lines = [
            l("据新华社北京１月９日电（记者李明）国务委员今天在这里会见了来访的客人。"),
            l("据新华社广州１月９日电（记者王芳）代表团结束访问，今天离开广州。"),
            l("据新华社上海１月９日电（记者张伟）上海今天举行"),
            l("新春音乐会，观众两千多人。"),
            l("据新华社天津１月９日电（记者陈刚）天津港今天迎来新年第一艘外轮。"),
            l("天津港今年计划新开三条航线，货物吞吐量将再创新高。"),
            l("据新华社重庆１月９日电（记者刘洋）重庆今天开通两条公交线路。"),
        ];
        let f = page_features(&lines, &[], None);
        let has = |i: usize| f[i].iter().any(|x| x == "lead-under-lead");
        assert!(!has(0));
        assert!(has(1), "a lead under a one-paragraph item");
        assert!(has(4), "the item above broken in two pieces is still all lead");
        assert!(!has(6), "under a story of two paragraphs");
    }

    #[test]
    fn a_standing_head_is_a_head_printed_on_two_days() {
        use crate::corpus::{CorpusPage, TruthArticle};
        assert_eq!(standing_head_key("新春走基层  人和家顺事事兴").as_deref(), Some("新春走基层人和家顺事事兴"));
        assert_eq!(standing_head_key("２０１９春运一线").as_deref(), Some("2019春运一线"), "half-width");
        assert_eq!(standing_head_key("县委县政府召开全县经济工作会议部署今年重点任务"), None, "a story's head");
        let head = |h: &str| TruthArticle { headline: Some(h.into()), ..Default::default() };
        let page = |day: &str, heads: &[&str]| CorpusPage {
            name: format!("{day}-05"),
            day: day.into(),
            articles: heads.iter().map(|h| head(h)).collect(),
            ..Default::default()
        };
        let pages = [page("20240301", &["数读", "春耕备耕忙"]), page("20240302", &["数 读", "城关大桥通车"])];
        let heads = standing_heads(&pages);
        assert!(heads.contains("数读"), "{heads:?}");
        assert!(!heads.contains("春耕备耕忙"), "one day's news");
        assert_eq!(heads.len(), 1);
    }

    #[test]
    fn a_standing_head_is_named_to_the_model_and_to_its_neighbours() {
        let mut lang = crate::language::Language::new(&crate::language::learn::UserDictionary::default());
        let heads = ["数读".to_string()].into_iter().collect();
        lang.tagger = Some(std::sync::Arc::new(crate::tagger::LineTagger::lexicon_only(heads)));
        let lines = [line("全县今年新建三座水厂，农民都喝上了自来水。"), line("数 读"), line("３.２亿元")];
        let f = page_features(&lines, &[], Some(&lang));
        assert!(f[1].iter().any(|c| c == STANDING_HEAD), "{:?}", f[1]);
        assert!(f[1].iter().any(|c| c == "standing-head=数读"), "{:?}", f[1]);
        assert!(f[2].iter().any(|c| c == "p1:standing-head"), "{:?}", f[2]);
        assert!(!f[0].iter().any(|c| c.starts_with(STANDING_HEAD)));
        // A model that knows no standing heads names none.
        assert!(!page_features(&lines, &[], None)[1].iter().any(|c| c.starts_with(STANDING_HEAD)));
    }
}
