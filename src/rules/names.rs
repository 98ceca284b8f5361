//! Chinese personal names: surname knowledge, and splitting names printed
//! together without a separator (`周锦鹏毛立` → 周锦鹏, 毛磊).

/// Single-character surnames, roughly by frequency (the first ~100 cover most people).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴傅洪赖莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阎戈伏谭鄂蓟琚羊郗郄訾宓鹿逯揭眭亓钮佴隗厍阙禚濮萧於戎丘嵇浦汲邴糜富乌扶茅荀习";

/// Compound surnames (复姓).
const COMPOUND_SURNAMES: [&str; 20] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "端木", "澹台", "西门", "南宫", "呼延",
];

/// Characters that never stand in a name but often follow one in running text.
const NOT_IN_NAME: &str = "的了在是及等被把说摄讯电记者们这那些个与对从到将已也又就都而但或省市县区镇乡村街路会议开表办位得着过像很让给往里么呢吗啊吧呀哪谁什怎样";

/// A two-character name set to the width of three, the way a page pads it
/// (`本报记者  乔  栋`, `许 晴 方 敏`), written closed up (`本报记者  乔栋`, `许晴 方敏`):
/// two lone Han characters with only spaces between them (ASCII, ideographic or the
/// non-breaking space of e-paper dumps) are one name. Anything else is left as it is.
pub fn close_padded_names(s: &str) -> std::borrow::Cow<'_, str> {
    // Most lines have no space inside: nothing to look at (this runs on every line).
    if !s.trim().contains(char::is_whitespace) {
        return std::borrow::Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let apart = |c: char| c.is_whitespace() || "、，,/（）()：:".contains(c);
    let lone = |i: usize| {
        crate::text::is_han(chars[i])
            && (i == 0 || apart(chars[i - 1]))
            && (i + 1 == chars.len() || apart(chars[i + 1]))
    };
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if lone(i) {
            let mut j = i + 1;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if (2..=4).contains(&(j - i)) && j < chars.len() && lone(j) {
                out.push(chars[i]);
                out.push(chars[j]);
                changed = true;
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub fn is_surname(c: char) -> bool {
    // Sorted once: asked of the first character of every candidate name on a page.
    static SORTED: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut v: Vec<char> = SURNAMES.chars().collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    sorted.binary_search(&c).is_ok()
}

/// Length of the surname at the start of `name` (2 for a compound surname), if any.
pub fn surname_len(name: &str) -> Option<usize> {
    if COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
        return Some(2);
    }
    name.chars().next().filter(|&c| is_surname(c)).map(|_| 1)
}

/// Rank of a surname (lower is commoner); compound and unknown surnames rank last.
fn surname_rank(c: char) -> usize {
    SURNAMES.chars().position(|s| s == c).unwrap_or(SURNAMES.chars().count())
}

/// True when `c` is among the 200 commonest surnames (nearly everyone's).
///
/// A two-character word the tagger guesses is a name (`南博`, `国博`) is far
/// more often a short form — a museum, a team — when its first character is
/// a rare surname such as 南 or 国.
pub fn is_common_surname(c: char) -> bool {
    surname_rank(c) < 200
}

/// True when `s` can be a two-character pen name (`小苏`, `雪村`): Han characters only,
/// none of the function words that never stand in a name.
pub fn could_be_pen_name(s: &str) -> bool {
    s.chars().count() == 2 && s.chars().all(crate::text::is_han) && !s.chars().any(|c| NOT_IN_NAME.contains(c))
}

/// True when `s` can be a Chinese personal name: 2–4 Han characters starting with a surname.
pub fn looks_like_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=4).contains(&n)
        && s.chars().all(crate::text::is_han)
        && surname_len(s).is_some()
        && !s.chars().skip(1).any(|c| NOT_IN_NAME.contains(c))
        && (n < 4 || surname_len(s) == Some(2) || is_surname(s.chars().nth(1).unwrap_or(' ')))
}

/// Splits a run of Han characters that holds one or more names printed together.
///
/// `周锦鹏毛立` → [周锦鹏, 毛立]; `陆明沈建国` → [陆明, 沈建国]. Each part is a
/// 2–3 character name starting with a surname (4 with a compound surname). Of
/// the possible splits the one whose parts start with the commonest surnames
/// wins; a single name of up to 4 characters is kept whole. Returns `None` when
/// the run cannot be read as names.
pub fn split_names(run: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = run.chars().collect();
    if chars.is_empty() || !chars.iter().all(|&c| crate::text::is_han(c)) {
        return None;
    }
    if chars.len() <= 3 {
        return looks_like_name(run).then(|| vec![run.to_string()]);
    }
    if is_tibetan_name(&chars) {
        return Some(vec![run.to_string()]);
    }
    // Dynamic programming over split points: cost of the best split of chars[i..].
    let n = chars.len();
    let mut best: Vec<Option<(u32, usize)>> = vec![None; n + 1];
    best[n] = Some((0, 0));
    for i in (0..n).rev() {
        for len in 2..=4 {
            if i + len > n {
                break;
            }
            let Some((rest_cost, _)) = best[i + len] else { continue };
            let part: String = chars[i..i + len].iter().collect();
            let Some(cost) = name_cost(&part) else { continue };
            let total = rest_cost + cost;
            if best[i].is_none_or(|(c, _)| total < c) {
                best[i] = Some((total, len));
            }
        }
    }
    best[0]?;
    let mut parts = Vec::new();
    let mut i = 0;
    while i < n {
        let (_, len) = best[i]?;
        parts.push(chars[i..i + len].iter().collect());
        i += len;
    }
    Some(parts)
}

/// Tibetan names have no surname: two common name words together are one person
/// (`扎西次仁`, `格桑卓玛`), not two people `扎西` and `次仁`.
fn is_tibetan_name(chars: &[char]) -> bool {
    if chars.len() != 4 {
        return false;
    }
    let first: String = chars[..2].iter().collect();
    let second: String = chars[2..].iter().collect();
    is_tibetan_name_word(&first) && is_tibetan_name_word(&second)
}

/// One of the common Tibetan name words (`普布`, `桑布`), a whole name on its own.
pub fn is_tibetan_name_word(word: &str) -> bool {
    const NAME_WORDS: [&str; 40] = [
        "扎西", "次仁", "格桑", "多吉", "洛桑", "丹增", "达瓦", "尼玛", "央金", "卓玛", "罗布", "旺堆", "平措", "强巴",
        "拉巴", "边巴", "普布", "顿珠", "巴桑", "次旦", "益西", "群培", "索朗", "尕玛", "才让", "仁青", "德吉", "白玛",
        "拉姆", "曲珍", "旦增", "单增", "贡嘎", "米玛", "琼达", "桑布", "次珠", "嘎玛", "泽仁", "阿旺",
    ];
    NAME_WORDS.contains(&word)
}

/// How unlikely `part` is as one name (lower is likelier); `None` if impossible.
fn name_cost(part: &str) -> Option<u32> {
    let n = part.chars().count();
    let first = part.chars().next()?;
    if part.chars().skip(1).any(|c| NOT_IN_NAME.contains(c)) {
        return None;
    }
    match (surname_len(part)?, n) {
        (2, 3) | (2, 4) => Some(5),
        (1, 2) | (1, 3) => {
            // Commoner surnames cost less; three-character names are the norm.
            let rank = surname_rank(first) as u32;
            Some(10 + rank / 20 + if n == 2 { 1 } else { 0 })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_two_character_names_close_up() {
        assert_eq!(close_padded_names("本报记者  乔  栋"), "本报记者  乔栋");
        assert_eq!(close_padded_names("本报记者\u{a0}贺\u{a0}勇"), "本报记者\u{a0}贺勇");
        assert_eq!(close_padded_names("许 晴 方 敏"), "许晴 方敏");
        assert_eq!(close_padded_names("（记者 张 枨、王  政）"), "（记者 张枨、王政）");
        // A three-character name and ordinary text stay as they are.
        assert_eq!(close_padded_names("本报记者 杜若原"), "本报记者 杜若原");
        assert_eq!(close_padded_names("一 二三"), "一 二三");
    }

    #[test]
    fn names_printed_together_are_split() {
        assert_eq!(split_names("周锦鹏毛立").unwrap(), ["周锦鹏", "毛立"]);
        assert_eq!(split_names("陆明沈建国").unwrap(), ["陆明", "沈建国"]);
        assert_eq!(split_names("夏昆明张翔宇").unwrap(), ["夏昆明", "张翔宇"]);
        assert_eq!(split_names("欧阳明李华").unwrap(), ["欧阳明", "李华"]);
    }

    #[test]
    fn single_names_stay_whole() {
        assert_eq!(split_names("郭树林").unwrap(), ["郭树林"]);
        assert_eq!(split_names("杨松").unwrap(), ["杨松"]);
        assert_eq!(split_names("欧阳修").unwrap(), ["欧阳修"]);
        assert_eq!(split_names("扎西次仁").unwrap(), ["扎西次仁"]);
    }

    #[test]
    fn text_that_is_not_names_is_refused() {
        assert_eq!(split_names("新华社"), None);
        assert_eq!(split_names("记者"), None);
        assert_eq!(split_names("摄"), None);
        assert!(!looks_like_name("本报讯"));
    }
}
