//! `qbank fmt`'s layout engine: it never changes what a file says, keeps every comment, gives
//! the canonical writer's output back unchanged, and a second run changes nothing.

mod support;

use support::{question, text};

use proptest::prelude::*;
use qbank_core::format::format;
use qbank_core::write::{double_quoted, flow_scalar, scalar, write_field, write_question};
use qbank_core::{yaml, Anchors, FileKind, Question};
use serde_json::Value;

fn value(text: &str) -> Value {
    yaml::parse(text, false)
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
        .value
        .expect("a document")
}

/// A list written the other way round: block lists in flow style and flow lists as blocks.
fn other_style(key: &str, items: &[String], indent: usize) -> String {
    let pad = " ".repeat(indent);
    if matches!(key, "levels" | "tags") {
        let mut out = format!("{pad}{key}:\n");
        for i in items {
            out.push_str(&format!("{pad}- {}\n", scalar(i)));
        }
        out
    } else {
        let items: Vec<String> = items.iter().map(|i| flow_scalar(i)).collect();
        format!("{pad}{key}: [{}]\n", items.join(", "))
    }
}

/// Anchors as a flow mapping, points in reverse order.
fn flow_anchors(a: &Anchors) -> String {
    let items: Vec<String> = a
        .iter()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|(p, text)| format!("'{p}': {}", flow_scalar(text)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

/// The top-level key blocks of `q` in some other layout: lists in the other style, the text
/// double-quoted.
fn restyled(q: &Question, key: &str) -> Option<String> {
    match key {
        "levels" => Some(other_style(
            key,
            &q.levels
                .iter()
                .map(|l| l.as_str().to_owned())
                .collect::<Vec<_>>(),
            0,
        )),
        "tags" | "follow_ups" => {
            let items = if key == "tags" {
                &q.tags
            } else {
                &q.follow_ups
            };
            (!items.is_empty()).then(|| other_style(key, items, 0))
        }
        "rubric" if !q.rubric.is_empty() => {
            let mut out = String::from("rubric:\n");
            if !q.rubric.red_flags.is_empty() {
                out.push_str(&other_style("red_flags", &q.rubric.red_flags, 2));
            }
            if !q.rubric.strong.is_empty() {
                out.push_str(&other_style("strong", &q.rubric.strong, 2));
            }
            // Anchors as flow mappings, after the lists; levels in reverse, anchors first.
            if let Some(a) = &q.rubric.anchors {
                out.push_str(&format!("  anchors: {}\n", flow_anchors(a)));
            }
            if !q.rubric.levels.is_empty() {
                out.push_str("  levels:\n");
                for (level, l) in q.rubric.levels.iter().rev() {
                    if l.expect.is_none() && l.anchors.is_none() {
                        out.push_str(&format!("    {level}: {{}}\n"));
                        continue;
                    }
                    out.push_str(&format!("    {level}:\n"));
                    if let Some(a) = &l.anchors {
                        out.push_str(&format!("      anchors: {}\n", flow_anchors(a)));
                    }
                    if let Some(e) = &l.expect {
                        out.push_str(&format!("      expect: {}\n", double_quoted(e)));
                    }
                }
            }
            Some(out)
        }
        "text" => Some(format!("text: {}\n", double_quoted(&q.text))),
        _ => write_field(q, key),
    }
}

/// A question file as a person might have written it: keys in another order, lists in the
/// other style, comments and blank lines anywhere. Returns the text and its comments.
fn messy(
    q: &Question,
    order: &[prop::sample::Index],
    restyle: &[bool],
    notes: &[(prop::sample::Index, usize)],
    trailing: &[prop::sample::Index],
    blanks: &[prop::sample::Index],
) -> (String, Vec<String>) {
    let mut blocks: Vec<String> = qbank_core::write::QUESTION_KEYS
        .iter()
        .enumerate()
        .filter_map(|(i, key)| {
            if restyle.get(i).copied().unwrap_or(false) {
                restyled(q, key)
            } else {
                write_field(q, key)
            }
        })
        .collect();
    for (i, swap) in order.iter().enumerate() {
        let a = i % blocks.len();
        let b = swap.index(blocks.len());
        blocks.swap(a, b);
    }
    let mut lines: Vec<String> = blocks.concat().lines().map(str::to_owned).collect();
    let mut comments = Vec::new();
    for (n, i) in trailing.iter().enumerate() {
        let c = format!("# end {n} ] ' \" #");
        let at = i.index(lines.len());
        lines[at].push_str(&format!("   {c}"));
        comments.push(c);
    }
    for (n, (i, indent)) in notes.iter().enumerate() {
        let c = format!("# note {n}: {{x}}");
        lines.insert(
            i.index(lines.len() + 1),
            format!("{}{c}", " ".repeat(*indent)),
        );
        comments.push(c);
    }
    for i in blanks {
        lines.insert(i.index(lines.len() + 1), String::new());
    }
    let text = format!(
        "# yaml-language-server: $schema=../../schema/question.schema.json\n{}\n",
        lines.join("\n")
    );
    (text, comments)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 500,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// What the canonical writer writes is already formatted.
    #[test]
    fn written_question_is_formatted(q in question()) {
        let text = write_question(&q, "t/q.yaml");
        prop_assert_eq!(format(FileKind::Question, "t/q.yaml", &text).unwrap(), text);
    }

    /// Formatting keeps the value and every comment, and a second run changes nothing.
    #[test]
    fn formatting_keeps_meaning_and_comments(
        q in question(),
        order in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        restyle in prop::collection::vec(any::<bool>(), 14),
        notes in prop::collection::vec((any::<prop::sample::Index>(), 0usize..7), 0..5),
        trailing in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
        blanks in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let (text, comments) = messy(&q, &order, &restyle, &notes, &trailing, &blanks);
        let once = format(FileKind::Question, "t/q.yaml", &text)
            .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        prop_assert_eq!(value(&once), value(&text), "{}\n---\n{}", text, once);
        for c in &comments {
            prop_assert_eq!(once.matches(c.as_str()).count(), 1, "{}\n---\n{}", text, once);
        }
        let twice = format(FileKind::Question, "t/q.yaml", &once).unwrap();
        prop_assert_eq!(&twice, &once, "{}", text);
        // Without comments or blank lines, the result is what the writer writes.
        if notes.is_empty() && trailing.is_empty() && blanks.is_empty() {
            prop_assert_eq!(once, write_question(&q, "t/q.yaml"), "{}", text);
        }
    }
}

/// Any JSON value, shaped like bank files or not.
fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        prop::sample::select(vec![
            "id", "text", "topics", "title", "coverage", "synonyms", "sections", "levels", "tags",
            "exclude", "fixed", "rubric", "strong", "source", "mid",
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,8}",
        text().prop_map(|t| t.chars().take(40).collect()),
    ];
    let leaf = prop_oneof![
        text().prop_map(Value::String),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
    ];
    leaf.prop_recursive(4, 40, 5, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// JSON is YAML: any JSON document, as one line or pretty-printed with comments at the
    /// ends of lines, formats to the same value for every kind of bank file.
    #[test]
    fn any_document_keeps_its_value(
        v in json(),
        pretty in any::<bool>(),
        commented in prop::collection::vec(any::<bool>(), 0..30),
    ) {
        let text = if pretty {
            let body = serde_json::to_string_pretty(&v).unwrap();
            body.lines()
                .enumerate()
                .map(|(i, l)| {
                    if commented.get(i).copied().unwrap_or(false) {
                        format!("{l}  # line {i}")
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            serde_json::to_string(&v).unwrap()
        };
        for kind in [FileKind::Question, FileKind::Topics, FileKind::Kit] {
            let once = format(kind, "a/b.yaml", &text)
                .unwrap_or_else(|e| panic!("{kind:?}: {e:?}\n{text}"));
            prop_assert_eq!(value(&once), value(&text), "{}\n---\n{}", text, once);
            let twice = format(kind, "a/b.yaml", &once).unwrap();
            prop_assert_eq!(&twice, &once, "{}", text);
        }
    }
}

#[test]
fn a_file_with_old_mac_line_endings_is_refused_and_its_lines_counted() {
    let text = "id: a\rtext: What is a canary release?\rtopic: deployment\r";
    let e = format(FileKind::Question, "deployment/a.yaml", text).unwrap_err();
    assert!(e.message.contains("carriage return alone"), "{}", e.message);
    assert_eq!((e.span.start.line, e.span.start.column), (1, 6));
    // Lines end where YAML ends them: a `\r` alone, `\r\n` and `\n` each end one.
    let lines = yaml::LineIndex::new("a\rb\r\nc\nd");
    let at = |offset: usize| {
        let p = lines.position_of_offset("a\rb\r\nc\nd", offset);
        (p.line, p.column)
    };
    assert_eq!(
        [at(0), at(2), at(5), at(7)],
        [(1, 1), (2, 1), (3, 1), (4, 1)]
    );
    // Windows line endings still format.
    let crlf = "id: a\r\ntext: What is a canary release?\r\ntopic: deployment\r\n";
    assert!(format(FileKind::Question, "deployment/a.yaml", crlf).is_ok());
}
