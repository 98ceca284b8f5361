//! Shared knowledge of newspaper text, below every stage: byline and dateline
//! shapes (`byline`), Chinese names (`names`), line shapes (`shapes`). Segment,
//! detect, language and the tagger's features all read from here; nothing here
//! reads from them.

pub mod byline;
pub mod names;
pub mod shapes;
