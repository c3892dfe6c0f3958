//! Every rule has a fixture bank in `tests/fixtures/<rule>/` holding questions it must flag and
//! questions it must leave alone. Each fixture is linted with only that rule on, and the
//! output a user would see is snapshotted: the human rendering and the JSON.

use std::collections::HashSet;
use std::path::Path;

use qbank_lint::render::{self, human::HumanOptions, Sources};
use qbank_lint::{Settings, RULES};

/// Rules that judge other rules' findings run with those rules on; their fixtures hold no
/// finding of the companions that is not silenced.
const COMPANIONS: &[(&str, &[&str])] = &[("unused-allow", &["doubled-word", "ambiguous-boolean"])];

fn run(rule: &str) -> (String, String) {
    let root = format!("tests/fixtures/{rule}");
    let (bank, load) = qbank_core::load_bank(Path::new(&root)).expect("fixture bank loads");
    let mut select = vec![rule.to_owned()];
    for (r, companions) in COMPANIONS {
        if *r == rule {
            select.extend(companions.iter().map(|c| (*c).to_owned()));
        }
    }
    let settings = Settings {
        select,
        ..Settings::default()
    };
    let diagnostics = qbank_lint::lint(&bank, load, &settings);
    assert!(
        !diagnostics.is_empty(),
        "the fixture of {rule} must hold at least one finding"
    );
    assert!(
        diagnostics.iter().all(|d| d.rule == rule),
        "only {rule} may report on its fixture"
    );
    let mut human = Vec::new();
    render::human::render(
        &diagnostics,
        &Sources::new(&bank),
        HumanOptions {
            color: false,
            files: bank.files.len(),
        },
        &mut human,
    )
    .unwrap();
    let mut json = Vec::new();
    render::json::render(&diagnostics, &mut json).unwrap();
    (
        String::from_utf8(human).unwrap(),
        String::from_utf8(json).unwrap(),
    )
}

/// Lints `rule`'s fixture with only that rule on and snapshots what a user would see.
fn check(rule: &str) {
    let (human, json) = run(rule);
    insta::with_settings!({snapshot_suffix => rule}, {
        insta::assert_snapshot!("human", human);
        insta::assert_snapshot!("json", json);
    });
}

/// One test per rule, named after it (`cargo test -p qbank-lint near_duplicate`), so that one
/// failing rule hides no other; [`every_rule_has_a_fixture_test`] holds the list to the
/// registry and the fixture folders.
macro_rules! fixture_tests {
    ($($test:ident),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                check(&stringify!($test).replace('_', "-"));
            }
        )*
        const FIXTURE_TESTS: &[&str] = &[$(stringify!($test)),*];
    };
}

fixture_tests! {
    unreadable_file,
    invalid_yaml,
    duplicate_key,
    ambiguous_boolean,
    empty_file,
    schema_violation,
    symlink_loop,
    missing_schema_modeline,
    duplicate_id,
    id_filename_mismatch,
    unknown_topic,
    unknown_competency,
    duplicate_question,
    dangling_similar_to,
    near_duplicate,
    stale_similar_to,
    topic_below_coverage,
    competency_below_coverage,
    undifferentiated_rubric,
    level_expectation_outside_levels,
    incomplete_anchors,
    protected_characteristic,
    invisible_character,
    unformattable_file,
    line_break_in_item,
    cell_too_long,
    unknown_question,
    kit_unsatisfiable,
    section_without_time,
    unknown_kit,
    loop_unsatisfiable,
    loop_competency_uncovered,
    question_without_question_mark,
    article_mismatch,
    doubled_word,
    stray_whitespace,
    text_length,
    closed_question,
    undefined_acronym,
    unknown_allow_rule,
    unused_allow,
}

#[test]
fn every_rule_has_a_fixture_test() {
    let tests: Vec<String> = FIXTURE_TESTS.iter().map(|t| t.replace('_', "-")).collect();
    let rules: Vec<&str> = RULES.iter().map(|r| r.name()).collect();
    assert_eq!(
        tests, rules,
        "fixture_tests! lists every rule of RULES, in its order"
    );
    let mut folders: Vec<String> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut sorted = tests.clone();
    sorted.sort();
    assert_eq!(folders, sorted, "every fixture folder is a rule's");
}

#[test]
fn registry_invariants() {
    let mut names = HashSet::new();
    for rule in RULES {
        let name = rule.name();
        assert!(names.insert(name), "rule {name} is registered twice");
        assert!(
            !name.is_empty()
                && name
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
            "rule name {name} is not kebab-case"
        );
        assert!(
            !name.starts_with("no-"),
            "name the problem, not the fix: {name}"
        );
        let doc = rule.doc();
        for (section, text) in [
            ("what", doc.what),
            ("why", doc.why),
            ("example", doc.example),
            ("instead", doc.instead),
        ] {
            assert!(!text.trim().is_empty(), "{name} has no {section} section");
        }
        assert!(
            rule.summary().ends_with('.'),
            "{name}: summary is a sentence"
        );
        assert!(
            Path::new(&format!("tests/fixtures/{name}/topics.yaml")).is_file(),
            "{name} has no fixture bank in tests/fixtures/{name}/"
        );
    }
    let names: Vec<&str> = RULES.iter().map(|r| r.name()).collect();
    insta::assert_snapshot!(names.join("\n"));
}

#[test]
fn rules_doc_is_fresh() {
    let path = Path::new("../../docs/rules.md");
    let expected = render::doc::rules_page();
    if std::env::var_os("QBANK_UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run QBANK_UPDATE_DOCS=1 cargo test -p qbank-lint"
    );
}
