use std::path::{Path, PathBuf};

use proptest::prelude::*;
use saphyr_parser::{Event, Parser, Span};

use super::events;
use crate::yaml::{read_with, Want, YamlWarning};

/// Every event `saphyr-parser` gives for `text`, or its error.
fn parser_events(text: &str) -> Result<Vec<(Event<'_>, Span)>, String> {
    let mut parser = Parser::new_from_str(text);
    let mut all = Vec::new();
    while let Some(next) = parser.next_event() {
        all.push(next.map_err(|e| e.to_string())?);
    }
    Ok(all)
}

/// Checks that where the simple reader reads `text`, it gives what the parser gives; returns
/// whether it read it.
fn agrees(text: &str) -> bool {
    let Some(simple) = events(text) else {
        return false;
    };
    match parser_events(text) {
        Ok(parsed) => {
            if simple != parsed {
                let at = (0..simple.len().max(parsed.len()))
                    .find(|&i| simple.get(i) != parsed.get(i))
                    .unwrap_or(0);
                panic!(
                    "the readers differ on {text:?} at event {at}: {:?} against the parser's {:?}",
                    simple.get(at),
                    parsed.get(at)
                );
            }
            true
        }
        Err(e) => panic!("the simple reader read {text:?}, which the parser refuses: {e}"),
    }
}

/// Checks that reading `text` with the simple reader first gives what the parser alone
/// gives: the value, every place and every warning, or the same error; and the place of each
/// node when reading stops at it (as a finding's place is looked up).
fn reads_as_the_parser(text: &str) {
    let by_parser = read_with(text, Want::Map, false);
    let by_both = read_with(text, Want::Map, true);
    let parsed = match (by_parser, by_both) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.value, b.value, "values differ on {text:?}");
            assert_eq!(a.map.entries, b.map.entries, "places differ on {text:?}");
            assert_eq!(a.warnings, b.warnings, "warnings differ on {text:?}");
            a
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "errors differ on {text:?}");
            return;
        }
        (a, b) => panic!("{text:?}: the parser alone gives {a:?}, with the simple reader {b:?}"),
    };
    let unique = !parsed
        .warnings
        .iter()
        .any(|w| matches!(w, YamlWarning::DuplicateKey { .. }));
    if !unique {
        return;
    }
    let mut pointers: Vec<&String> = parsed.map.entries.keys().collect();
    pointers.sort();
    for pointer in pointers {
        let place = |simple| {
            let want = Want::Place {
                pointer,
                stop: true,
            };
            read_with(text, want, simple)
                .ok()
                .and_then(|p| p.map.locate(pointer))
        };
        assert_eq!(place(true), place(false), "{pointer} in {text:?}");
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !path.ends_with("target") && !path.ends_with(".git") {
                yaml_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn every_yaml_file_of_the_repository_reads_the_same() {
    let mut files = Vec::new();
    for dir in ["questions", "tests", "crates", "schema", ".github", "xtask"] {
        yaml_files(&repository().join(dir), &mut files);
    }
    assert!(files.len() > 100, "found only {} files", files.len());
    let mut read = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        read += usize::from(agrees(&text));
        reads_as_the_parser(&text);
    }
    // The simple reader is what makes loading fast: it must take most files.
    assert!(
        read * 2 > files.len(),
        "read {read} of {} files",
        files.len()
    );
}

#[test]
fn the_projects_questions_are_all_read_by_the_simple_reader() {
    let mut files = Vec::new();
    yaml_files(&repository().join("questions"), &mut files);
    let questions: Vec<_> = files
        .iter()
        .filter(|f| {
            let name = f.file_name().unwrap().to_string_lossy();
            !name.ends_with("topics.yaml") && !name.ends_with("competencies.yaml")
        })
        .filter(|f| {
            !f.components()
                .any(|c| c.as_os_str() == "kits" || c.as_os_str() == "loops")
        })
        .collect();
    assert!(questions.len() > 50);
    for file in questions {
        let text = std::fs::read_to_string(file).unwrap();
        if !agrees(&text) {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let first = (2..=lines.len()).find(|&n| {
                events(&lines[..n].concat()).is_none() && events(&lines[..n - 1].concat()).is_some()
            });
            panic!(
                "{} is left to the parser (from line {first:?})",
                file.display()
            );
        }
    }
}

/// Texts the simple reader reads, each with a layout detail it must get right.
const READ: &[&str] = &[
    "a: b\n",
    "a: b",
    "a: b  ",
    "a: b\n\n\n",
    "# lead\n\n# more\nid: x   # c\n",
    "text: \"Hello, wörld\"\nb: \"Hi\"  # c\nc: 'x'\nd: 'x'  \n",
    "q: 'it''s'   # c\nr: ''\ns: \"\"\n",
    "levels: [mid, senior]\nf: [a,  b ]  # c\ng: []\nh: [ ]\ni: [\"q r\", 's']\n",
    "empty:\nnext: 1\nlast:\n",
    "e:    # c\nf: x\n",
    "follow_ups:\n  - a b\n  - c\nrubric:\n  levels:\n    mid:\n      expect: yes\n  anchors:\n    1: one\n  strong:\n  - x\n  - y\nq: v\n",
    "a:\n  - x\n  - \"y\"\nb:\n- [p, \"q r\", 's']\n- t\n  \nc: d\n",
    "a:\n  - x\n  # between\n\n  - y   # c\n# end\n",
    "a: b\nc: été x\nd: \"é\"\ne: [été, 'à']\n",
    "url: http://example.com/a#b\nn: -1\nm: 1:2\nk: a,b [c] {d}\n",
    "a: ~\nb: null\nc: 007\nd: 1e3\ne: .inf\nf: yes\n",
    "x:\n  y:\n    z: 1\n  w: 2\nv: 3\n",
    "x:\n  y:\n  - 1\n  - 2\n  z:\n",
    "dup: 1\ndup: 2\n",
    "a: -b\n",
    "similar_to:\n  - id: x\n    reason: y z\n  - id: w\n    reason: 'v'\nnext: 1\n",
    "similar_to:\n- id: x\n  reason: y\n-   id: w\n    reason: [a]\n",
    "a:\n  - id: x\n    more:\n      - 1\n    deeper:\n      b: c\n  - plain\n",
    "a: 😀 b\nb: \"😀\"\n",
    // A file as a bank adopted from elsewhere writes it.
    "id: q000003-autoscaling\ntext: \"What can go wrong with autoscaling for a chatbot (the Trapoum \
     ranking system, 2894 models in production), and how do you detect it?\"\ntopic: \
     data-pipelines\nlevels: [mid]\nkind: concept\nminutes: 11\ntags: [autoscaling, synthetic]\n\
     follow_ups:\n  - What would you do differently next time?\n  - Who else had to agree, and \
     how did you convince them?\nrubric:\n  strong:\n    - Names a concrete metric\n  \
     red_flags:\n    - Talks only about tools, never about what was measured\n",
];

/// Texts left to the parser (valid or not), each for a reason the reader must see.
const LEFT: &[&str] = &[
    "",
    "# only a comment\n",
    "a:\tb\n",
    "a: b\r\n",
    "a: b\n  ",
    "a: b\n# no line feed",
    "\u{feff}a: b\n",
    "a: \"x\\ny\"\n",
    "a: |\n  text\n",
    "a: >\n  text\n",
    "a: b\n  continued\n",
    "a: b\n\n  continued after a blank line\n",
    "a: \"b\n  c\"\n",
    "a: &x b\nc: *x\n",
    "a: !!str b\n",
    "---\na: b\n",
    "a: b\n...\n",
    "%YAML 1.2\n---\na: b\n",
    "- a\n- b\n",
    "  a: b\n",
    "a:\n  - b: c\n   d: e\n",
    "a:\n  - b: c\n      d: e\n",
    "a:\n  -\n",
    "a:\n  - # nothing\n",
    "a:\n  - - b\n",
    "a: b: c\n",
    "a: b:\n",
    "a : b\n",
    "\"a\": b\n",
    "? a\n: b\n",
    "a: [b,\n  c]\n",
    "a: [b, ]\n",
    "a: [b, [c]]\n",
    "a: {b: c}\n",
    "a: [\"b\" , c]\n",
    "a: 'b' c\n",
    "a: \"b\"c\n",
    "a: \"b\"# c\n",
    "a: [b]c\n",
    "a:\n  b: c\n d: e\n",
    "a:\n    - b\n  - c\n",
    "a:\n  - b\n  c: d\n",
    "a: b\n - c\n",
    "a: ?b\n",
    "a: :b\n",
    "a: `b`\n",
    "a: @b\n",
    "a: b\u{2028}c\n",
    "a: b\u{85}c\n",
    "a: b\u{0}c\n",
    "a:b\n",
];

#[test]
fn layouts_it_reads() {
    for text in READ {
        assert!(agrees(text), "left to the parser: {text:?}");
        reads_as_the_parser(text);
    }
}

#[test]
fn layouts_it_leaves_to_the_parser() {
    for text in LEFT {
        assert!(events(text).is_none(), "read: {text:?}");
        reads_as_the_parser(text);
    }
}

#[test]
fn deep_nesting_is_left_to_the_parser_without_overflow() {
    let deep: String = (0..2_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    assert!(events(&deep).is_none());
    let shallow: String = (0..16).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    assert!(agrees(&shallow));
    let just_over: String = (0..17).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    assert!(events(&just_over).is_none());
}

/// Characters that change how YAML reads a line, and some that do not.
const EDITS: &[&str] = &[
    " ", "  ", "\n", ":", ": ", "#", " #", "-", "- ", "\"", "'", "''", "[", "]", ",", "{", "}",
    "&", "*", "!", "|", ">", "?", "%", "@", "`", "\\", "\t", "\r", "é", "😀", "a", "1", "~", "---",
    "...", "\u{a0}", "\u{2028}", "\u{feff}", "x: ", "  - ", "\n  ", "\n- ",
];

/// The texts the random edits start from: the layouts above, and two bank files (one with a
/// list of mappings).
fn seeds() -> &'static [String] {
    static SEEDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut seeds: Vec<String> = READ.iter().map(|s| s.to_string()).collect();
        for name in [
            "questions/deployment/batch-scoring-design.yaml",
            "questions/training-infrastructure/gpu-cluster-scheduling.yaml",
        ] {
            let path = repository().join(name);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            seeds.push(text);
        }
        seeds
    });
    &SEEDS
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Random edits of texts the reader reads: wherever it still reads one, it reads it as
    /// the parser does, and never reads what the parser refuses; and whether it reads one or
    /// not, the loader gives what the parser alone gives, in a whole reading and in one that
    /// stops at a node.
    #[test]
    fn edited_texts_read_as_the_parser_reads_them(
        seed in any::<prop::sample::Index>(),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0..3u8),
            1..6,
        ),
    ) {
        let seeds = seeds();
        let mut text = seeds[seed.index(seeds.len())].clone();
        for (at, what, how) in edits {
            let boundaries: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let i = boundaries[at.index(boundaries.len())];
            let edit = EDITS[what.index(EDITS.len())];
            match how {
                // Insert.
                0 => text.insert_str(i, edit),
                // Delete the character there.
                1 => {
                    if let Some(c) = text[i..].chars().next() {
                        text.replace_range(i..i + c.len_utf8(), "");
                    }
                }
                // Replace the character there.
                _ => {
                    let len = text[i..].chars().next().map_or(0, char::len_utf8);
                    text.replace_range(i..i + len, edit);
                }
            }
        }
        agrees(&text);
        reads_as_the_parser(&text);
    }
}
