//! The bundled CJK font, registered first so Chinese never shows as boxes.

use eframe::egui;

use std::sync::Arc;

/// Noto Sans CJK SC (SIL OFL 1.1), see `fonts/README.md`.
pub static CJK_FONT: &[u8] = include_bytes!("../../fonts/NotoSansCJKsc-Regular.otf");
const NAME: &str = "noto-sans-cjk-sc";

/// Puts the CJK font first in both families: otherwise “” — … come from the Latin
/// font and look half-width next to Chinese.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(NAME.to_owned(), Arc::new(egui::FontData::from_static(CJK_FONT)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family.clone()).or_default();
        if family == egui::FontFamily::Proportional {
            list.insert(0, NAME.to_owned());
        } else {
            // Code and line numbers keep a monospace Latin face; Chinese falls back to the CJK font.
            list.push(NAME.to_owned());
        }
    }
    ctx.set_fonts(fonts);
}
