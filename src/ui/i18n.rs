//! The two languages of the window: Simplified Chinese and English.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// From the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`): Chinese for `zh*`, else English.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                return if v.to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En };
            }
        }
        Lang::En
    }

    /// Picks the string for this language.
    /// One of two owned texts, by language.
    pub fn pick(self, en: String, zh: String) -> String {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    pub fn t(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

use crate::model::{FlagKind, FlagStatus, Genre, Review, Role};

pub fn genre(lang: Lang, g: Genre) -> &'static str {
    match g {
        Genre::News => lang.t("news", "消息"),
        Genre::Feature => lang.t("feature", "通讯"),
        Genre::Commentary => lang.t("commentary", "评论"),
        Genre::Photo => lang.t("photo", "图片"),
        Genre::Brief => lang.t("brief", "简讯"),
        Genre::Other => lang.t("other", "其他"),
    }
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Reporter => lang.t("reporter", "记者"),
        Role::Correspondent => lang.t("correspondent", "通讯员"),
        Role::Photographer => lang.t("photographer", "摄影"),
        Role::Author => lang.t("author", "作者"),
        Role::Editor => lang.t("editor", "编辑"),
        Role::Agency => lang.t("agency", "通讯社"),
        Role::Other => lang.t("other", "其他"),
    }
}

pub fn review(lang: Lang, r: Review) -> &'static str {
    match r {
        Review::Unreviewed => lang.t("unreviewed", "未审"),
        Review::Reviewed => lang.t("reviewed", "已审"),
        Review::NeedsWork => lang.t("needs work", "待改"),
    }
}

pub fn flag_kind(lang: Lang, k: FlagKind) -> &'static str {
    match k {
        FlagKind::BrokenParagraph => lang.t("broken paragraph", "断段"),
        FlagKind::MissingText => lang.t("missing text", "疑似缺文"),
        FlagKind::TruncatedEnd => lang.t("truncated end", "结尾截断"),
        FlagKind::ForeignText => lang.t("foreign text", "外文混入"),
        FlagKind::HalfWidthPunctuation => lang.t("half-width punctuation", "半角标点"),
        FlagKind::UnbalancedBrackets => lang.t("unbalanced brackets", "括号引号不配对"),
        FlagKind::EnumerationGap => lang.t("enumeration gap", "序号跳号"),
        FlagKind::DamagedEncoding => lang.t("damaged encoding", "编码损坏"),
    }
}

pub fn flag_status(lang: Lang, s: FlagStatus) -> &'static str {
    match s {
        FlagStatus::Open => lang.t("open", "待定"),
        FlagStatus::Accepted => lang.t("accepted", "已接受"),
        FlagStatus::Rejected => lang.t("rejected", "已驳回"),
        FlagStatus::Fixed => lang.t("fixed in the text", "已在正文中改正"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_by_language() {
        assert_eq!(Lang::Zh.t("Open", "打开"), "打开");
        assert_eq!(genre(Lang::En, Genre::Photo), "photo");
        assert_eq!(role(Lang::Zh, Role::Correspondent), "通讯员");
    }
}
