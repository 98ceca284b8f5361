//! OpenSearch / Elasticsearch: the articles as a bulk NDJSON file (an `index` action
//! line, then the document), and the index mapping beside it — for an archive too
//! large for one machine's embedded index.
//!
//! Chinese is analysed with `smartcn` (the `analysis-smartcn` plugin): it is maintained
//! with OpenSearch and Elasticsearch themselves, installs with one command at every
//! version (`bin/opensearch-plugin install analysis-smartcn`), and needs no dictionary
//! of its own. `ik` segments better with a tuned dictionary, but it is a third-party
//! plugin that must match the server's exact version and ships its own dictionaries to
//! keep in step with the archive's — a second jieba to maintain.

use serde_json::{json, Value};

use crate::model::{Article, Issue};

/// The index name the bulk file writes to (change it with `sed` or an alias).
pub const INDEX_NAME: &str = "jianbao-articles";

/// The mapping (and analysis settings) for the bulk file's documents.
pub fn mapping() -> Value {
    let text = json!({ "type": "text", "analyzer": "smartcn" });
    let keyword = json!({ "type": "keyword" });
    json!({
        "settings": { "index": { "number_of_shards": 1 } },
        "mappings": {
            "properties": {
                "headline": text, "kicker": text, "deck": text, "body": text, "byline": text,
                "person": keyword, "place": keyword, "org": keyword,
                "section": keyword, "column": keyword, "genre": keyword, "review": keyword,
                "newspaper": keyword,
                "date": { "type": "date", "format": "yyyy-MM-dd" },
                "page": { "type": "integer" },
                "file": keyword, "id": keyword,
            }
        }
    })
}

fn document(issue: &Issue, a: &Article) -> Value {
    let mut people: Vec<&str> = a.contributors.value().iter().map(|c| c.name.as_str()).collect();
    people.extend(a.people.value().iter().map(String::as_str));
    people.dedup();
    let body: Vec<&str> = a.body().iter().map(|p| p.text.as_str()).collect();
    let byline: Vec<String> =
        a.contributors.value().iter().map(|c| format!("{} {}", c.role.as_str(), c.name)).collect();
    json!({
        "headline": a.headline.value(),
        "kicker": a.kicker.value(),
        "deck": a.deck.value(),
        "body": body.join("\n"),
        "byline": byline,
        "person": people,
        "place": a.places.value(),
        "org": a.organizations.value(),
        "section": a.section.value(),
        "column": a.column.value(),
        "genre": a.genre.value().as_str(),
        "review": a.review.as_str(),
        "newspaper": issue.meta.newspaper.value(),
        "date": issue.meta.date.value(),
        "page": a.page,
        "file": issue.meta.source_file,
        "id": a.id,
    })
}

/// The bulk NDJSON: for each article an action line and a document line. The `_id` is
/// the source file's hash and the article id, so loading an issue again replaces it.
pub fn bulk(issue: &Issue) -> String {
    let mut out = String::new();
    let issue_key = issue.meta.source_sha256.get(..16).unwrap_or("");
    for a in &issue.articles {
        let action = json!({ "index": { "_index": INDEX_NAME, "_id": format!("{issue_key}:{}", a.id) } });
        out.push_str(&action.to_string());
        out.push('\n');
        out.push_str(&document(issue, a).to_string());
        out.push('\n');
    }
    out
}
