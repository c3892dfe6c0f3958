//! CSV import: the way back from an exported file, and every kind of bad input.

use proptest::prelude::*;
use qbank_core::{
    Anchors, Bank, Kind, Level, LevelRubric, Question, Rubric, SimilarTo, Status, Topic,
};
use qbank_doc::{build_table, in_topic_order, table::Column};
use qbank_export::csv::{export_csv, CsvOptions};
use qbank_import::csv::read_csv;
use qbank_import::plan::{plan_import, ImportPlan};
use qbank_import::RowError;

#[path = "../../qbank-export/tests/fixtures/mod.rs"]
mod fixtures;
mod support;

use support::shown;

fn read_back(text: &str) -> Question {
    let parsed = qbank_core::yaml::parse(text, false).unwrap();
    serde_json::from_value(parsed.value.unwrap()).unwrap()
}

/// A bank with the fixture's topics and no questions.
fn empty_bank(topics: &[&str]) -> Bank {
    Bank {
        topics: topics
            .iter()
            .enumerate()
            .map(|(index, id)| Topic {
                id: (*id).to_owned(),
                title: id.to_uppercase(),
                description: String::new(),
                coverage: Default::default(),
                synonyms: Vec::new(),
                index,
            })
            .collect(),
        ..Bank::default()
    }
}

fn plan(bank: &Bank, csv: &[u8]) -> Result<ImportPlan, Vec<RowError>> {
    read_csv(csv).and_then(|sheet| plan_import(bank, &sheet))
}

fn without_file(mut q: Question) -> Question {
    q.file = 0;
    q
}

#[test]
fn fixture_bank_round_trips_through_csv() {
    let bank = fixtures::load("bank");
    for excel in [false, true] {
        let bytes = fixtures::csv(&bank, &Column::ALL, excel);
        let empty = empty_bank(&["deployment", "monitoring"]);
        let plan = plan(&empty, &bytes).unwrap_or_else(|e| panic!("{}", shown(&e)));
        assert_eq!(plan.creates.len(), bank.questions.len());
        for created in &plan.creates {
            let original = bank.question(&created.id).unwrap();
            assert_eq!(read_back(&created.new), without_file(original.clone()));
        }
    }
}

#[test]
fn export_then_import_into_the_same_bank_changes_nothing() {
    let bank = fixtures::load("bank");
    let plan = plan(&bank, &fixtures::csv(&bank, &Column::ALL, true)).unwrap();
    assert!(plan.is_empty(), "{plan:#?}");
    assert_eq!(plan.unchanged, bank.questions.len());
}

#[test]
fn update_keeps_comments_and_unchanged_keys() {
    let bank = fixtures::load("bank");
    let csv = "id,levels,follow_ups,Red flags\n\
               canary-release,\"mid, Senior\",\"How much traffic would the canary get first?\n\
               Who decides to roll back?\",\n";
    let plan = plan(&bank, csv.as_bytes()).unwrap_or_else(|e| panic!("{}", shown(&e)));
    assert_eq!(plan.updates.len(), 1);
    let update = &plan.updates[0];
    assert_eq!(update.fields, ["levels", "follow_ups", "rubric"]);
    assert!(!update.rewritten);
    insta::assert_snapshot!("update_keeps_comments", update.new);
}

#[test]
fn new_question_is_written_in_the_bank_style() {
    let bank = fixtures::load("bank");
    let csv = "id,topic,levels,kind,minutes,text,tags,status,source,follow_ups\n\
               shadow-traffic,deployment,MID,Scenario,10,\"How would you test a model on \
               shadow traffic: what do you compare?\",\"shadow, testing\",,seed #12,\
               \"'=Which metric?\nWhat about cost?\"\n";
    let plan = plan(&bank, csv.as_bytes()).unwrap_or_else(|e| panic!("{}", shown(&e)));
    assert_eq!(plan.creates.len(), 1);
    assert_eq!(plan.creates[0].relative, "deployment/shadow-traffic.yaml");
    insta::assert_snapshot!("new_question", plan.creates[0].new);
}

/// Each bad input, and what the user is told.
#[test]
fn bad_input_is_reported_with_row_and_column() {
    let bank = fixtures::load("bank");
    let header = "id,topic,levels,kind,minutes,text\n";
    let cases: &[(&str, Vec<u8>)] = &[
        (
            "unknown topic, bad level, bad kind, bad minutes",
            format!(
                "{header}canary-release,deploymnt,\"mid\nseniour\",concpt,five,Why?\n\
                 new-one,ops,mid,concept,90,Why?\n"
            )
            .into_bytes(),
        ),
        (
            "duplicate id",
            format!("{header}a-q,monitoring,mid,concept,,Why?\nb-q,monitoring,mid,concept,,Why?\na-q,monitoring,mid,concept,,Why not?\n")
                .into_bytes(),
        ),
        (
            "schema: id pattern, empty text, tag pattern, too long",
            format!(
                "{header}Bad_Id,monitoring,mid,concept,,Why?\n\
                 empty-text,monitoring,mid,concept,,\n\
                 long-text,monitoring,mid,concept,,{}\n",
                "x".repeat(2001)
            )
            .into_bytes(),
        ),
        (
            "tags and levels",
            b"id,tags,levels\ncanary-release,\"Not A Tag, ok\",\ncanary-release-2,x,mid\n".to_vec(),
        ),
        (
            "missing required columns for a new question",
            b"id,text\ncanary-release,Fine?\nnot-in-bank,What?\n".to_vec(),
        ),
        (
            "ragged rows and an unquoted comma",
            format!("{header}a-q,monitoring,mid,concept,5\nb-q,monitoring,mid,concept,5,Why, or why not?\n")
                .into_bytes(),
        ),
        (
            "unknown and duplicate columns",
            b"id,topc,text,Text\n".to_vec(),
        ),
        ("no id column", b"text,topic\nWhy?,monitoring\n".to_vec()),
        (
            "not UTF-8 (Latin-1)",
            b"id,text\ncanary-release,caf\xE9?\n".to_vec(),
        ),
        ("UTF-16", b"\xFF\xFEi\0d\0\n\0".to_vec()),
        ("empty file", Vec::new()),
        (
            "empty id",
            format!("{header},monitoring,mid,concept,,Why?\n").into_bytes(),
        ),
    ];
    let mut report = String::new();
    for (name, csv) in cases {
        let errors = plan(&bank, csv).expect_err(name);
        report.push_str(&format!("## {name}\n{}\n", shown(&errors)));
    }
    insta::assert_snapshot!("bad_input", report);
}

#[test]
fn excel_saved_file_with_bom_crlf_and_semicolons_imports() {
    let bank = fixtures::load("bank");
    let csv = "\u{feff}id;minutes;text\r\ncanary-release;6;\"What is a canary release?\r\nAnd when?\"\r\n;;\r\n";
    let plan = plan(&bank, csv.as_bytes()).unwrap_or_else(|e| panic!("{}", shown(&e)));
    assert_eq!(plan.updates.len(), 1);
    let q = read_back(&plan.updates[0].new);
    assert_eq!(q.minutes, Some(6));
    // Inside a cell the text is kept as the spreadsheet saved it.
    assert_eq!(q.text, "What is a canary release?\r\nAnd when?");
}

#[test]
fn question_file_that_does_not_load_is_not_overwritten() {
    let dir = std::env::temp_dir().join(format!("qbank-import-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("monitoring")).unwrap();
    std::fs::write(
        dir.join("topics.yaml"),
        "topics:\n  - id: monitoring\n    title: M\n",
    )
    .unwrap();
    std::fs::write(dir.join("monitoring/broken.yaml"), "id: broken\ntext: [\n").unwrap();
    let (bank, _) = qbank_core::load_bank(&dir).unwrap();
    let errors = plan(
        &bank,
        b"id,topic,levels,kind,text\nbroken,monitoring,mid,concept,Why?\n",
    )
    .unwrap_err();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message
            .ends_with("broken.yaml, which does not load"),
        "{}",
        errors[0]
    );
}

// ---- the round trip as a property ----

const TOPICS: [&str; 3] = ["deployment", "monitoring", "data-pipelines"];

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}"
}

/// Any non-empty text, with what CSV and spreadsheets treat specially well represented.
fn text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '=', '+', '-', '@', '\t', '\r', '\n', '\'', '"', ',', ';', ' ', '&', '<', '>', '\u{1}',
        '\u{b}', '\u{feff}', '\u{fffe}', '\u{200f}', 'ש', 'ع', '😀', 'a', '1', ':', '#',
    ]);
    prop_oneof![
        "\\PC{1,40}",
        any::<String>(),
        prop::collection::vec(special, 1..10).prop_map(|c| c.into_iter().collect()),
    ]
    .prop_filter("non-empty", |s| !s.is_empty() && s.chars().count() <= 2000)
}

/// A text without line breaks: one item of a list.
fn item() -> impl Strategy<Value = String> {
    text()
        .prop_map(|s| s.replace(['\n', '\r'], " "))
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn items() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(item(), 0..4)
}

fn anchors() -> impl Strategy<Value = Anchors> {
    [
        prop::option::of(item()),
        prop::option::of(item()),
        prop::option::of(item()),
        prop::option::of(item()),
    ]
    .prop_map(Anchors::new)
    .prop_filter("a point", |a| !a.is_empty())
}

prop_compose! {
    /// The optional fields of a structured interview, as the schema allows them.
    fn structured()(
        title in prop::option::of(item().prop_filter("60 characters", |s| s.chars().count() <= 60)),
        competencies in prop::collection::btree_set(id(), 0..=2),
        levels in prop::collection::btree_map(
            prop::sample::select(Level::ALL.to_vec()),
            (prop::option::of(item()), prop::option::of(anchors()))
                .prop_filter("something", |(e, a)| e.is_some() || a.is_some())
                .prop_map(|(expect, anchors)| LevelRubric { expect, anchors }),
            0..3,
        ),
        anchors in prop::option::of(anchors()),
    ) -> (Option<String>, Vec<String>, Rubric) {
        let rubric = Rubric { levels, anchors, ..Rubric::default() };
        (title, competencies.into_iter().collect(), rubric)
    }
}

prop_compose! {
    fn question()(
        id in id(), body in text(),
        topic in prop::sample::select(TOPICS.to_vec()),
        levels in prop::sample::subsequence(Level::ALL.to_vec(), 1..=4).prop_shuffle(),
        kind in prop::sample::select(Kind::ALL.to_vec()),
        minutes in prop::option::of(1u32..=60),
        status in prop::sample::select(vec![Status::Draft, Status::Active, Status::Retired]),
        source in prop::option::of(text()),
        tags in prop::collection::btree_set(id(), 0..4),
        follow_ups in items(), strong in items(), red_flags in items(),
        similar in prop::collection::vec((id(), prop::option::of(item())), 0..3),
        // Days of the calendar (the 28th at most, so every month has it).
        reviewed in prop::option::of("20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"),
        (title, competencies, rubric) in structured().boxed(),
    ) -> Question {
        Question {
            id, title, text: body, topic: topic.to_owned(), levels, kind,
            competencies, minutes, status, source,
            tags: tags.into_iter().collect(),
            follow_ups,
            rubric: Rubric { strong, red_flags, ..rubric },
            similar_to: similar.into_iter().map(|(id, reason)| SimilarTo { id, reason }).collect(),
            allow: Vec::new(),
            reviewed,
            file: 0,
        }
    }
}

fn bank_questions() -> impl Strategy<Value = Vec<Question>> {
    prop::collection::vec(question(), 1..6).prop_map(|mut qs| {
        // Ids are unique in a bank.
        for (i, q) in qs.iter_mut().enumerate() {
            q.id = format!("{}-{i}", q.id);
        }
        qs
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Export to CSV, import into an empty bank: the same questions come back, whatever their
    /// text.
    #[test]
    fn csv_round_trip(questions in bank_questions(), excel in any::<bool>()) {
        let table = build_table(&empty_bank(&TOPICS), &questions, &Column::ALL);
        let bytes = export_csv(&table, &CsvOptions { excel }).unwrap();
        let empty = empty_bank(&TOPICS);
        let plan = match plan(&empty, &bytes) {
            Ok(p) => p,
            Err(e) => return Err(TestCaseError::fail(shown(&e))),
        };
        prop_assert_eq!(plan.creates.len(), questions.len());
        for (created, original) in plan.creates.iter().zip(&questions) {
            prop_assert_eq!(&created.relative, &format!("{}/{}.yaml", original.topic, original.id));
            prop_assert_eq!(read_back(&created.new), original.clone());
        }
    }
}

#[test]
fn new_question_never_replaces_another_file() {
    let dir = std::env::temp_dir().join(format!("qbank-import-taken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("monitoring")).unwrap();
    std::fs::write(
        dir.join("topics.yaml"),
        "topics:\n  - id: monitoring\n    title: M\n",
    )
    .unwrap();
    // A file named x.yaml that holds question y.
    std::fs::write(
        dir.join("monitoring/x.yaml"),
        "id: y\ntext: Why?\ntopic: monitoring\nlevels: [mid]\nkind: concept\n",
    )
    .unwrap();
    let (bank, _) = qbank_core::load_bank(&dir).unwrap();
    let errors = plan(
        &bank,
        b"id,topic,levels,kind,text\nx,monitoring,mid,concept,Why?\n",
    )
    .unwrap_err();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .to_string()
            .ends_with("monitoring/x.yaml already exists and does not hold question \"x\""),
        "{}",
        errors[0]
    );
}

#[test]
fn id_held_by_two_files_is_not_guessed() {
    let dir = std::env::temp_dir().join(format!("qbank-import-twice-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("monitoring")).unwrap();
    std::fs::write(
        dir.join("topics.yaml"),
        "topics:\n  - id: monitoring\n    title: M\n",
    )
    .unwrap();
    for name in ["a", "b"] {
        std::fs::write(
            dir.join(format!("monitoring/{name}.yaml")),
            "id: a\ntext: Why?\ntopic: monitoring\nlevels: [mid]\nkind: concept\n",
        )
        .unwrap();
    }
    let (bank, _) = qbank_core::load_bank(&dir).unwrap();
    let errors = plan(&bank, b"id,text\na,Why not?\n").unwrap_err();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(errors.len(), 1);
    let shown = errors[0].to_string();
    assert!(
        shown.starts_with("row 2, column A (id): question \"a\" is in 2 files: "),
        "{shown}"
    );
    assert!(
        shown.contains("monitoring/a.yaml") && shown.contains("monitoring/b.yaml"),
        "{shown}"
    );
}

#[test]
fn structured_fields_round_trip() {
    let bank = fixtures::load("structured");
    let columns = Column::defaults_for(in_topic_order(&bank));
    // Into the same bank: nothing changes. Into an empty one: the same questions.
    let bytes = fixtures::csv(&bank, &columns, true);
    let same = plan(&bank, &bytes).unwrap_or_else(|e| panic!("{}", shown(&e)));
    assert!(same.is_empty(), "{same:#?}");
    let empty = empty_bank(&["monitoring"]);
    let created = plan(&empty, &bytes).unwrap_or_else(|e| panic!("{}", shown(&e)));
    for c in &created.creates {
        let original = bank.question(&c.id).unwrap();
        assert_eq!(read_back(&c.new), without_file(original.clone()));
    }
}

#[test]
fn structured_cells_are_edited_and_checked() {
    let bank = fixtures::load("structured");
    // Edits: a new title, one competency, mid's expectation gone, staff's added, the
    // question's scale down to two points, senior's own scale replaced.
    let edited = "\
id,title,competencies,expect,anchor_1,anchor_2,anchor_3,anchor_4,level_anchors
drift-policy,Retraining policy,production-operations,\"senior: Prices retraining\nStaff: Sets the policy for every team\",,Timer only,,All of it,senior 2: Timer and a gate
";
    let planned = plan(&bank, edited.as_bytes()).unwrap_or_else(|e| panic!("{}", shown(&e)));
    assert_eq!(planned.updates.len(), 1);
    let q = read_back(&planned.updates[0].new);
    assert_eq!(q.title.as_deref(), Some("Retraining policy"));
    assert_eq!(q.competencies, ["production-operations"]);
    assert_eq!(q.rubric.expect(Level::Mid), None);
    assert_eq!(q.rubric.expect(Level::Senior), Some("Prices retraining"));
    assert_eq!(
        q.rubric.expect(Level::Staff),
        Some("Sets the policy for every team")
    );
    let anchors = q.rubric.anchors.as_ref().unwrap();
    assert_eq!(anchors.missing(), [1, 3]);
    let senior = q.rubric.anchors_for(Level::Senior).unwrap();
    assert_eq!(senior.iter().collect::<Vec<_>>(), [(2, "Timer and a gate")]);
    insta::assert_snapshot!("structured_update", planned.updates[0].new);

    let bad = "\
id,competencies,expect,level_anchors,anchor_2,title
drift-policy,production-operation,\"mid Names two\nmedior: x\nmid: a\nmid: b\nsenior:\",\"senior 5: x\nsenior: y\nsenior 2: a\nsenior 2: b\",,\"Drift, retraining, promotion gates, feedback loops and what it all costs\"
";
    let errors = plan(&bank, bad.as_bytes()).unwrap_err();
    insta::assert_snapshot!("structured_bad_cells", shown(&errors));
}

#[test]
fn a_cell_longer_than_a_spreadsheet_holds_is_refused_at_its_place() {
    let bank = empty_bank(&["deployment"]);
    let long = "S".repeat(40_000);
    let csv = format!(
        "id,topic,levels,kind,text,source\nq,deployment,mid,concept,What is a canary release?,{long}\n"
    );
    let errors = plan(&bank, csv.as_bytes()).unwrap_err();
    let shown = shown(&errors);
    assert!(
        shown.contains("row 2, column F (source): the cell holds 40000 characters, more than the 32767 a spreadsheet cell holds"),
        "{shown}"
    );
}

#[test]
fn a_huge_id_is_shown_short() {
    let bank = empty_bank(&["deployment"]);
    let csv = format!(
        "id,text\n{},What is a canary release?\n",
        "x".repeat(100_000)
    );
    let errors = plan(&bank, csv.as_bytes()).unwrap_err();
    let shown = shown(&errors);
    assert!(shown.len() < 1_000, "{} bytes", shown.len());
    assert!(
        shown.contains(&format!("\"{}…\"", "x".repeat(40))),
        "{shown}"
    );
}
