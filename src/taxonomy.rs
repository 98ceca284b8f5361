//! The section taxonomy (栏目类别): names the archive files articles under,
//! kept in `assets/sections.ron` so a newsroom can edit it.

use serde::{Deserialize, Serialize};

/// One section of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub name: String,
    pub description: String,
    /// Words that suggest an article belongs here.
    #[serde(default)]
    pub cues: Vec<String>,
}

/// The taxonomy shipped with Jianbao (a copy of `assets/sections.ron`).
pub const BUILTIN: &str = include_str!("../assets/sections.ron");

/// Parses a taxonomy file; `name` is used in the error message.
pub fn parse(text: &str, name: &str) -> Result<Vec<Section>, String> {
    let sections: Vec<Section> =
        ron::from_str(text).map_err(|e| format!("{name}:{}:{}: {}", e.position.line, e.position.col, e.code))?;
    if sections.is_empty() {
        return Err(format!("{name}: the taxonomy has no sections"));
    }
    Ok(sections)
}

/// The built-in taxonomy.
pub fn builtin() -> Vec<Section> {
    parse(BUILTIN, "assets/sections.ron").expect("the bundled taxonomy parses (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_taxonomy_parses() {
        let s = builtin();
        assert!(s.len() >= 10);
        assert!(s.iter().any(|x| x.name == "时政"));
    }

    #[test]
    fn a_damaged_taxonomy_is_reported_with_its_position() {
        let e = parse("[(name: \"时政\", description: 3)]", "sections.ron").unwrap_err();
        assert!(e.starts_with("sections.ron:1:"), "{e}");
    }
}
