//! JSON and Markdown exports of the fixture bank, as a consumer sees them.

use std::path::Path;

use serde::Deserialize;

fn bank() -> qbank_core::Bank {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank");
    let (bank, diagnostics) = qbank_core::load_bank(&root).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    bank
}

#[test]
fn json_document() {
    let bytes = qbank_export::json::export_json(&bank()).unwrap();
    insta::assert_snapshot!("bank_json", String::from_utf8(bytes).unwrap());
}

/// The contract, declared from the consumer's side: every key is there, with its type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Doc {
    format: String,
    version: u32,
    topics: Vec<TopicJ>,
    questions: Vec<QuestionJ>,
    kits: Vec<KitJ>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct TopicJ {
    id: String,
    title: String,
    description: String,
    coverage: std::collections::BTreeMap<String, u32>,
    synonyms: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct QuestionJ {
    id: String,
    file: String,
    text: String,
    topic: String,
    levels: Vec<String>,
    kind: String,
    minutes: Option<u32>,
    status: String,
    source: Option<String>,
    tags: Vec<String>,
    follow_ups: Vec<String>,
    rubric: RubricJ,
    similar_to: Vec<SimilarJ>,
    allow: Vec<AllowJ>,
    reviewed: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RubricJ {
    strong: Vec<String>,
    red_flags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SimilarJ {
    id: String,
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AllowJ {
    rule: String,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct KitJ {
    id: String,
    file: String,
    title: String,
    role: Option<String>,
    level: String,
    duration_minutes: Option<u32>,
    seed: u64,
    description: Option<String>,
    edition: String,
    exclude: Vec<String>,
    sections: Vec<SectionJ>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SectionJ {
    title: String,
    topics: Vec<String>,
    tags: Vec<String>,
    count: Option<u32>,
    fixed: Vec<String>,
    minutes: Option<u32>,
}

#[test]
fn json_contract() {
    let bank = bank();
    let bytes = qbank_export::json::export_json(&bank).unwrap();
    let doc: Doc = serde_json::from_slice(&bytes).unwrap();
    assert_eq!((doc.format.as_str(), doc.version), ("qbank-bank", 1));
    assert_eq!(doc.questions.len(), bank.questions.len());
    let xml = doc
        .questions
        .iter()
        .find(|q| q.id == "xml-and-controls")
        .unwrap();
    assert!(xml.text.contains('\u{1}') && xml.text.contains('\u{fffe}'));
    assert_eq!(doc.kits[0].sections[0].topics, ["deployment", "monitoring"]);
}

#[test]
fn markdown_page() {
    insta::assert_snapshot!("bank_md", qbank_export::markdown::export_markdown(&bank()));
}
