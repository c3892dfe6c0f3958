//! JSON and Markdown exports of the fixture bank, as a consumer sees them.

use std::path::Path;

use serde::Deserialize;

fn bank() -> qbank_core::Bank {
    fixture("bank")
}

/// A bank that uses the structured fields: competencies.yaml, titles, rubrics by level,
/// anchors.
fn structured() -> qbank_core::Bank {
    fixture("structured")
}

fn fixture(name: &str) -> qbank_core::Bank {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
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
    /// Only for a bank with a competencies.yaml.
    #[serde(default)]
    competencies: Option<Vec<CompetencyJ>>,
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
struct CompetencyJ {
    id: String,
    title: String,
    description: String,
    coverage: std::collections::BTreeMap<String, u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct QuestionJ {
    id: String,
    #[serde(default)]
    title: Option<String>,
    file: String,
    text: String,
    topic: String,
    levels: Vec<String>,
    kind: String,
    #[serde(default)]
    competencies: Vec<String>,
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
    #[serde(default)]
    levels: std::collections::BTreeMap<String, LevelRubricJ>,
    #[serde(default)]
    anchors: Option<AnchorsJ>,
    strong: Vec<String>,
    red_flags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct LevelRubricJ {
    expect: Option<String>,
    anchors: Option<AnchorsJ>,
}

/// Every point is there, `null` when the question leaves it out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AnchorsJ {
    #[serde(rename = "1")]
    one: Option<String>,
    #[serde(rename = "2")]
    two: Option<String>,
    #[serde(rename = "3")]
    three: Option<String>,
    #[serde(rename = "4")]
    four: Option<String>,
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

#[test]
fn json_of_the_structured_fields() {
    let bank = structured();
    let bytes = qbank_export::json::export_json(&bank).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    insta::assert_snapshot!("structured_json", text);
    let doc: Doc = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(doc.competencies.as_ref().map(Vec::len), Some(2));
    let drift = doc
        .questions
        .iter()
        .find(|q| q.id == "drift-policy")
        .unwrap();
    assert_eq!(drift.title.as_deref(), Some("Drift and retraining policy"));
    let senior = &drift.rubric.levels["senior"];
    let anchors = senior.anchors.as_ref().unwrap();
    assert!(anchors.one.is_none() && anchors.four.is_some());
    // A question without the fields has none of their keys.
    let plain: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let basics = plain["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "alert-basics")
        .unwrap();
    for key in ["title", "competencies"] {
        assert!(basics.get(key).is_none(), "{key}");
    }
    assert!(basics["rubric"].get("levels").is_none());
    // The classic bank has no competencies key at all.
    let classic = qbank_export::json::export_json(&self::bank()).unwrap();
    let classic: serde_json::Value = serde_json::from_slice(&classic).unwrap();
    assert!(classic.get("competencies").is_none());
}

#[test]
fn markdown_of_the_structured_fields() {
    insta::assert_snapshot!(
        "structured_md",
        qbank_export::markdown::export_markdown(&structured())
    );
}

/// The project's own bank: its kits draw by kind and competency, cap kinds, choose a layout,
/// and its loops chain kits. All of it is in the document, as the files say it.
#[test]
fn json_holds_every_kit_setting_and_every_loop() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questions");
    let (bank, _) = qbank_core::load_bank(&root).unwrap();
    let bytes = qbank_export::json::export_json(&bank).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let kits = doc["kits"].as_array().unwrap();
    assert_eq!(kits.len(), bank.kits.len());
    let mut seen = (0, 0, 0, 0);
    for (k, json) in bank.kits.iter().zip(kits) {
        assert_eq!(json["id"], k.id.as_str());
        let caps: std::collections::BTreeMap<String, u32> = k
            .max_per_kind
            .iter()
            .map(|(kind, &n)| (kind.as_str().to_owned(), n))
            .collect();
        let json_caps: std::collections::BTreeMap<String, u32> =
            serde_json::from_value(json["max_per_kind"].clone()).unwrap_or_default();
        assert_eq!(json_caps, caps, "{}", k.id);
        let layout = json["layout"].as_str().unwrap_or("standard");
        assert_eq!(layout, k.layout.as_str(), "{}", k.id);
        for (s, js) in k.sections.iter().zip(json["sections"].as_array().unwrap()) {
            let kinds: Vec<&str> = s.kinds.iter().map(|k| k.as_str()).collect();
            let json_kinds: Vec<&str> = js["kinds"]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap()).collect())
                .unwrap_or_default();
            assert_eq!(json_kinds, kinds, "{} / {}", k.id, s.title);
            let json_competencies: Vec<&str> = js["competencies"]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap()).collect())
                .unwrap_or_default();
            assert_eq!(json_competencies, s.competencies, "{} / {}", k.id, s.title);
            seen.0 += usize::from(!kinds.is_empty());
            seen.1 += usize::from(!s.competencies.is_empty());
        }
        seen.2 += usize::from(!caps.is_empty());
        seen.3 += usize::from(layout != "standard");
    }
    // The bank uses every one of them, so the test reads each.
    assert!(
        seen.0 > 0 && seen.1 > 0 && seen.2 > 0 && seen.3 > 0,
        "{seen:?}"
    );
    let loops = doc["loops"].as_array().unwrap();
    assert_eq!(loops.len(), bank.loops.len());
    assert!(!loops.is_empty());
    for (l, json) in bank.loops.iter().zip(loops) {
        assert_eq!(json["id"], l.id.as_str());
        let kits: Vec<&str> = json["interviews"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["kit"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = l.interviews.iter().map(|i| i.kit.as_str()).collect();
        assert_eq!(kits, expected, "{}", l.id);
    }
}
