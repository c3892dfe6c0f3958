//! The document of every kit of the project's own bank, in both editions, snapshotted as
//! JSON: what a printed kit says, readable in review without opening a PDF.

use std::path::Path;

use qbank_core::{Bank, Edition, Kit, Selection};
use qbank_doc::{build_document, Block, Cell, Document, KitOptions};

fn bank() -> Bank {
    let (bank, _) = qbank_core::load_bank(Path::new("../../questions")).expect("questions/ loads");
    assert!(!bank.kits.is_empty(), "questions/kits/ holds kits");
    bank
}

fn options(edition: Edition) -> KitOptions {
    KitOptions {
        candidate: Some("Ada Lovelace".to_owned()),
        interviewer: None,
        date: Some("2026-03-01".to_owned()),
        edition,
        revision: "0000000".to_owned(),
        ..KitOptions::default()
    }
}

/// The questions `kit` draws from the bank, near duplicates kept apart as `qbank kit` does.
fn selection(bank: &Bank, kit: &Kit) -> Selection {
    qbank_core::select(bank, kit, &qbank_text::pairs::related_pairs(bank, None)).unwrap()
}

fn document(bank: &Bank, kit: &str, edition: Edition) -> Document {
    let kit = bank.kit(kit).unwrap();
    build_document(bank, kit, &selection(bank, kit), &options(edition))
}

#[test]
fn every_kit_in_both_editions() {
    let bank = bank();
    for kit in &bank.kits {
        for edition in [Edition::Interviewer, Edition::Candidate] {
            let doc = document(&bank, &kit.id, edition);
            insta::with_settings!({snapshot_suffix => format!("{}-{}", kit.id, edition.as_str())}, {
                insta::assert_yaml_snapshot!("document", doc);
            });
        }
    }
}

#[test]
fn every_selected_question_is_printed_once_in_kit_order() {
    let bank = bank();
    for kit in &bank.kits {
        let selection = selection(&bank, kit);
        for edition in [Edition::Interviewer, Edition::Candidate] {
            let doc = build_document(&bank, kit, &selection, &options(edition));
            let printed: Vec<String> = doc
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::KeepTogether {
                        source: Some(s), ..
                    } => s.strip_prefix("question ").map(str::to_owned),
                    _ => None,
                })
                .collect();
            let selected: Vec<String> = selection.questions(&bank).map(|q| q.id.clone()).collect();
            assert_eq!(printed, selected, "{} {edition:?}", kit.id);
            let text = doc.text();
            for q in selection.questions(&bank) {
                assert!(text.contains(&q.text), "{}: {}", kit.id, q.id);
            }
        }
    }
}

#[test]
fn the_candidate_edition_leaves_out_rubric_follow_ups_notes_and_scorecard() {
    let bank = bank();
    for kit in &bank.kits {
        let selection = selection(&bank, kit);
        let doc = build_document(&bank, kit, &selection, &options(Edition::Candidate));
        let text = doc.text();
        for q in selection.questions(&bank) {
            // Nothing of the rubric, and no follow-ups: they are the interviewer's probes.
            for line in q
                .rubric
                .strong
                .iter()
                .chain(&q.rubric.red_flags)
                .chain(&q.follow_ups)
            {
                assert!(!text.contains(line.as_str()), "{}: {line}", q.id);
            }
        }
        for word in [
            "Scorecard",
            "Red flags",
            "A strong answer shows",
            "Notes",
            "Rating scale",
        ] {
            assert!(!text.contains(word), "{}: {word}", kit.id);
        }
        assert!(!text.contains(&q_id_of_first(&bank, &selection)));
        let interviewer =
            build_document(&bank, kit, &selection, &options(Edition::Interviewer)).text();
        for word in [
            "Scorecard",
            "Red flags",
            "A strong answer shows",
            "Notes",
            "Rating scale",
        ] {
            assert!(interviewer.contains(word), "{}: {word}", kit.id);
        }
    }
}

fn q_id_of_first(bank: &Bank, selection: &qbank_core::Selection) -> String {
    format!("· {}", selection.questions(bank).next().unwrap().id)
}

#[test]
fn the_time_plan_adds_up_to_the_duration() {
    let bank = bank();
    for kit in &bank.kits {
        let doc = document(&bank, &kit.id, Edition::Interviewer);
        let plan = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table { columns, rows } if columns[0].title == "Start" => Some(rows),
                _ => None,
            })
            .expect("a time plan");
        let minutes = |cell: &Cell| match cell {
            Cell::Text(runs) => runs[0]
                .text
                .trim_end_matches(" min")
                .parse::<u32>()
                .unwrap(),
            Cell::Boxes(_) => panic!("no boxes in the time plan"),
        };
        let (end, slots) = plan.split_last().unwrap();
        let sum: u32 = slots.iter().map(|r| minutes(&r[3])).sum();
        assert_eq!(sum, minutes(&end[3]));
        if let Some(d) = kit.duration_minutes {
            assert_eq!(sum, d, "{}", kit.id);
        }
    }
}

#[test]
fn the_footer_carries_the_fingerprint() {
    let bank = bank();
    let doc = document(&bank, "mlops-engineer", Edition::Interviewer);
    let kit = bank.kit("mlops-engineer").unwrap();
    let fp = qbank_core::fingerprint("mlops-engineer", kit.seed, "0000000");
    assert_eq!(
        doc.footer.left,
        format!("mlops-engineer · seed {} · bank 0000000 · {fp}", kit.seed)
    );
    assert_eq!(doc.footer.right, "page {page} of {pages}");
    assert_eq!(doc.header.right, "Ada Lovelace · Interviewer edition");
}

/// The loop of the command line's fixture bank: two interviews and the debrief.
#[test]
fn the_documents_of_a_loop() {
    let (bank, _) =
        qbank_core::load_bank(Path::new("../qbank-cli/tests/fixtures/loop-bank")).unwrap();
    let lp = bank.interview_loop("mid").unwrap();
    let selection = qbank_core::select_loop(&bank, lp, qbank_core::Conflicts::default()).unwrap();
    let base = options(Edition::Interviewer);
    for (n, drawn) in selection.interviews.iter().enumerate() {
        let kit = &bank.kits[drawn.kit];
        let options = qbank_doc::loop_kit_options(&bank, lp, &selection, n, &base);
        let doc = build_document(&bank, kit, &drawn.selection, &options);
        // The fingerprint names the loop and the kit.
        assert!(doc
            .footer
            .left
            .starts_with(&format!("mid/{} · seed", kit.id)));
        insta::with_settings!({snapshot_suffix => format!("mid-{}", n + 1)}, {
            insta::assert_yaml_snapshot!("loop_kit", doc);
        });
    }
    let debrief = qbank_doc::build_debrief(&bank, lp, &selection, &base);
    insta::assert_yaml_snapshot!("debrief", debrief);
    // A row per competency of the loop, plus the overall row, and a column per interview.
    let grid = debrief
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table { columns, rows } if columns[0].title == "Competency" => {
                Some((columns.len(), rows.len()))
            }
            _ => None,
        })
        .next()
        .unwrap();
    assert_eq!(grid, (1 + 2, lp.competencies.len() + 1));
}

#[test]
fn a_compact_kit_holds_the_same_questions_with_less_room() {
    let bank = bank();
    let kit = bank.kit("phone-screen").unwrap();
    let sel = selection(&bank, kit);
    let standard = build_document(&bank, kit, &sel, &options(Edition::Interviewer));
    let compact = build_document(
        &bank,
        kit,
        &sel,
        &KitOptions {
            layout: qbank_doc::Layout::Compact,
            ..options(Edition::Interviewer)
        },
    );
    let lines = |d: &Document| {
        fn walk(blocks: &[Block]) -> u32 {
            blocks
                .iter()
                .map(|b| match b {
                    Block::NoteLines { lines } => *lines,
                    Block::KeepTogether { blocks, .. } => walk(blocks),
                    _ => 0,
                })
                .sum()
        }
        walk(&d.blocks)
    };
    assert!(lines(&compact) < lines(&standard));
    assert!(!compact.blocks.iter().any(|b| matches!(b, Block::PageBreak)));
    for q in sel.questions(&bank) {
        assert!(compact.text().contains(&q.text));
        // Every follow-up is there, on one line.
        for f in &q.follow_ups {
            assert!(compact.text().contains(f.as_str()), "{f}");
        }
    }
    // What the compact screen prints, block by block: reviewed like the standard kits.
    insta::assert_yaml_snapshot!("compact_phone_screen", compact);
}
