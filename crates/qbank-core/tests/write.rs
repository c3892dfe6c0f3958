//! The canonical writer: what it writes reads back as the same question, and the project's
//! own bank is already written that way.

mod support;

use support::question;

use std::path::Path;

use proptest::prelude::*;
use qbank_core::write::{update_question, write_question};
use qbank_core::{yaml, Question};

fn read(text: &str) -> Question {
    let parsed = yaml::parse(text, false).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    serde_json::from_value(parsed.value.expect("a document")).expect("a question")
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn written_question_reads_back(q in question()) {
        let text = write_question(&q, "t/q.yaml");
        prop_assert_eq!(read(&text), q, "{}", text);
    }

    #[test]
    fn updated_file_reads_back_as_the_new_question(old in question(), new in question()) {
        let text = write_question(&old, "t/q.yaml");
        let updated = update_question(&text, "t/q.yaml", &new);
        prop_assert!(!updated.rewritten, "{}", updated.text);
        prop_assert_eq!(read(&updated.text), new.clone(), "{}", updated.text);
        // Editing a canonical file gives the canonical file.
        prop_assert_eq!(updated.text, write_question(&new, "t/q.yaml"));
    }

    #[test]
    fn commented_file_is_edited_in_place(
        old in question(),
        new in question(),
        at in prop::collection::vec(any::<prop::sample::Index>(), 1..4),
        after in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let mut lines: Vec<String> =
            write_question(&old, "t/q.yaml").lines().map(str::to_owned).collect();
        for i in &after {
            let line = 1 + i.index(lines.len() - 1);
            lines[line].push_str("  # after ] ' \"");
        }
        for (n, i) in at.iter().enumerate() {
            let place = 1 + i.index(lines.len());
            lines.insert(place, format!("# note {n}"));
        }
        let text = lines.join("\n") + "\n";
        prop_assert_eq!(read(&text), old.clone());
        let updated = update_question(&text, "t/q.yaml", &new);
        prop_assert!(!updated.rewritten, "{}", updated.text);
        prop_assert_eq!(read(&updated.text), new, "{}", updated.text);
    }
}

/// Every question file of the project's bank is exactly what the writer writes.
#[test]
fn project_bank_is_canonical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questions");
    let (bank, _) = qbank_core::load_bank(&root).expect("the project's bank loads");
    assert!(!bank.questions.is_empty());
    let mut differ = Vec::new();
    for q in &bank.questions {
        let file = bank.question_file(q);
        let written = write_question(q, &file.relative);
        if written != file.text {
            let first = written
                .lines()
                .zip(file.text.lines())
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("\n    file:   {b}\n    writer: {a}"))
                .unwrap_or_else(|| "\n    (line count or final newline differs)".into());
            differ.push(format!("{}{first}", file.relative));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} question files are not canonical:\n{}",
        differ.len(),
        bank.questions.len(),
        differ.join("\n")
    );
}
