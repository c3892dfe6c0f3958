//! The PDF read back by a PDF parser (lopdf): pages, text, fonts, determinism, bad input.

mod support;

use support::{bank, document, kit_document, selection};

use qbank_core::Edition;
use qbank_doc::{Block, Document, ListMarker, Meta, ParagraphStyle, Run, Running};
use qbank_export::pdf::{export_pdf, Paper, PdfOptions};
use qbank_export::Warning;

/// The text of each page, as a PDF reader extracts it.
fn pages_text(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
    doc.get_pages()
        .keys()
        .map(|&n| doc.extract_text(&[n]).expect("text extracts"))
        .collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn a_document(blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta {
            title: "Test".to_owned(),
            subject: String::new(),
            keywords: Vec::new(),
            date: None,
            lang: "en".to_owned(),
        },
        header: Running {
            left: "Test kit".to_owned(),
            right: "Candidate".to_owned(),
        },
        footer: Running {
            left: "test · seed 1".to_owned(),
            right: "page {page} of {pages}".to_owned(),
        },
        layout: Default::default(),
        blocks,
    }
}

fn question(id: &str, text: &str, strong: usize) -> Block {
    Block::KeepTogether {
        source: Some(format!("question {id}")),
        blocks: vec![
            Block::Heading {
                level: 2,
                text: "Question 1 of 1".to_owned(),
            },
            Block::Paragraph {
                style: ParagraphStyle::Lead,
                runs: vec![Run::plain(text)],
            },
            Block::Checklist {
                items: (0..strong)
                    .map(|i| format!("Strong point number {i} of the answer"))
                    .collect(),
            },
            Block::NoteLines { lines: 4 },
        ],
    }
}

/// The compact layout of every kit of the project: fewer pages than the standard one, and a
/// screen (the phone screen's four rich questions) on three pages of A4 or Letter.
#[test]
fn the_compact_layout_fits_two_or_three_questions_to_a_page() {
    let bank = bank();
    for kit in &bank.kits {
        let selection = selection(&bank, kit);
        for paper in [Paper::A4, Paper::Letter] {
            let mut doc = document(&bank, kit, &selection, Edition::Interviewer);
            let standard = pages_text(&export_pdf(&doc, &PdfOptions { paper }).unwrap().bytes);
            doc = qbank_doc::build_document(
                &bank,
                kit,
                &selection,
                &qbank_doc::KitOptions {
                    candidate: Some("Ada Lovelace".to_owned()),
                    interviewer: Some("Grace Hopper".to_owned()),
                    date: Some("2026-03-01".to_owned()),
                    revision: "0000000".to_owned(),
                    layout: qbank_doc::Layout::Compact,
                    ..qbank_doc::KitOptions::default()
                },
            );
            let out = export_pdf(&doc, &PdfOptions { paper }).unwrap();
            assert!(out.warnings.is_empty(), "{}: {:?}", kit.id, out.warnings);
            let pages = pages_text(&out.bytes);
            let what = format!("{} {paper:?}", kit.id);
            assert!(
                pages.len() < standard.len(),
                "{what}: {} pages",
                pages.len()
            );
            // A page holds two questions or more, besides the cover and the scorecard.
            assert!(
                pages.len() <= selection.len().div_ceil(2) + 3,
                "{what}: {} pages for {} questions",
                pages.len(),
                selection.len()
            );
            if kit.id == "phone-screen" {
                assert_eq!(selection.len(), 4);
                assert!(pages.len() <= 3, "{what}: {} pages", pages.len());
            }
            let all = squash(&pages.concat());
            for (k, q) in selection.questions(&bank).enumerate() {
                assert!(all.contains(&squash(&q.text)), "{what}: {} missing", q.id);
                // Never split: a question's heading and its rating row share a page.
                let heading = format!("Question {} of {}", k + 1, selection.len());
                let page = pages.iter().find(|p| p.contains(&heading)).unwrap();
                let scale = squash(page);
                let after = &scale[scale.find(&squash(&heading)).unwrap()..];
                assert!(
                    after.contains("1NoSignal") || after.contains("1Nosignal"),
                    "{what}: {}",
                    q.id
                );
            }
        }
    }
}

#[test]
fn every_kit_prints_every_question_with_page_numbers_and_embedded_fonts() {
    let bank = bank();
    for kit in &bank.kits {
        let selection = selection(&bank, kit);
        for edition in [Edition::Interviewer, Edition::Candidate] {
            let doc = document(&bank, kit, &selection, edition);
            for paper in [Paper::A4, Paper::Letter] {
                let out = export_pdf(&doc, &PdfOptions { paper }).unwrap();
                let what = format!("{} {edition:?} {paper:?}", kit.id);
                // A question whose rubric, expectation and anchored scale are taller than a
                // page even without its note lines is split, and says so: only such
                // warnings, only in the interviewer's edition, only on questions of the kit.
                for w in &out.warnings {
                    let Warning::SplitBlock { source } = w else {
                        panic!("{what}: {w:?}");
                    };
                    assert_eq!(edition, Edition::Interviewer, "{what}: {w:?}");
                    let id = source.strip_prefix("question ").unwrap_or(source);
                    assert!(
                        selection.questions(&bank).any(|q| q.id == id),
                        "{what}: {w:?}"
                    );
                }
                assert!(out.warnings.len() <= 3, "{what}: {:?}", out.warnings);
                let pages = pages_text(&out.bytes);
                let n = pages.len();
                // Cover and instructions (up to two pages for interviewers), about a page per
                // question (one that takes most of a page starts on the page before when
                // that page has room), the scorecard, and one page of slack.
                assert!(n >= 2 && n <= selection.len() + 4, "{what}: {n} pages");
                for (i, page) in pages.iter().enumerate() {
                    assert!(
                        page.contains(&format!("page {} of {n}", i + 1)),
                        "{what}: page {} has no number",
                        i + 1
                    );
                    assert!(
                        page.contains("Ada Lovelace"),
                        "{what}: header on page {}",
                        i + 1
                    );
                    assert!(page.contains(&format!("{} · seed {}", kit.id, kit.seed)));
                }
                let all = squash(&pages.concat());
                for q in selection.questions(&bank) {
                    assert!(all.contains(&squash(&q.text)), "{what}: {} missing", q.id);
                }
                // A question never leaves its heading: its number and its text share a page.
                for (k, q) in selection.questions(&bank).enumerate() {
                    let heading = format!("Question {} of {}", k + 1, selection.len());
                    let page = pages.iter().find(|p| p.contains(&heading)).unwrap();
                    assert!(squash(page).contains(&squash(&q.text)), "{what}: {}", q.id);
                }
                let paper_w = match paper {
                    Paper::A4 => 595,
                    Paper::Letter => 612,
                };
                let doc = lopdf::Document::load_mem(&out.bytes).unwrap();
                for (_, id) in doc.get_pages() {
                    let page = doc.get_dictionary(id).unwrap();
                    let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
                    assert_eq!(media[2].as_float().unwrap().round() as i32, paper_w);
                }
                assert_fonts_embedded(&doc);
            }
        }
    }
}

fn assert_fonts_embedded(doc: &lopdf::Document) {
    let mut fonts = 0;
    for (_, obj) in doc.objects.iter() {
        let Ok(dict) = obj.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(&b"FontDescriptor"[..]) {
            continue;
        }
        fonts += 1;
        let file = dict
            .get(b"FontFile2")
            .expect("every font descriptor embeds its font program")
            .as_reference()
            .unwrap();
        let stream = doc.get_object(file).unwrap().as_stream().unwrap();
        let program = stream.decompressed_content().unwrap();
        assert!(
            program.len() > 1000,
            "font program of {} bytes",
            program.len()
        );
        // A subset, not the whole 700 KB face.
        assert!(
            program.len() < 120_000,
            "font program of {} bytes",
            program.len()
        );
        let name = dict.get(b"FontName").unwrap().as_name().unwrap();
        let name = String::from_utf8_lossy(name);
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "subset tag in {name}"
        );
    }
    assert_eq!(fonts, 2, "regular and bold");
}

#[test]
fn the_same_document_gives_the_same_bytes_in_one_process() {
    let bank = bank();
    let doc = kit_document(&bank, "mlops-engineer", Edition::Interviewer);
    let a = export_pdf(&doc, &PdfOptions::default()).unwrap().bytes;
    // Something else in between, as in a long-running process.
    let _ = export_pdf(
        &kit_document(&bank, "phone-screen", Edition::Candidate),
        &PdfOptions::default(),
    )
    .unwrap();
    let b = export_pdf(&doc, &PdfOptions::default()).unwrap().bytes;
    assert!(a == b, "two exports of one document differ");
    let letter = export_pdf(
        &doc,
        &PdfOptions {
            paper: Paper::Letter,
        },
    )
    .unwrap()
    .bytes;
    assert!(a != letter);
    // The document ID is derived from the content: it differs between different documents.
    let id = |bytes: &[u8]| {
        let d = lopdf::Document::load_mem(bytes).unwrap();
        format!("{:?}", d.trailer.get(b"ID").unwrap())
    };
    assert_ne!(id(&a), id(&letter));
    assert!(!String::from_utf8_lossy(&a).contains("PLACEHOLDER"));
}

#[test]
fn a_small_kit_is_small() {
    let bank = bank();
    let doc = kit_document(&bank, "phone-screen", Edition::Interviewer);
    let out = export_pdf(&doc, &PdfOptions::default()).unwrap();
    assert!(out.bytes.len() < 80_000, "{} bytes", out.bytes.len());
}

#[test]
fn right_to_left_text_is_reported() {
    let doc = a_document(vec![
        question(
            "mixed",
            "What breaks when a string such as مرحبا بالعالم or שלום is mixed with English?",
            1,
        ),
        question("plain", "What is a canary release?", 2),
    ]);
    let out = export_pdf(&doc, &PdfOptions::default()).unwrap();
    let rtl: Vec<String> = out
        .warnings
        .iter()
        .filter(|w| matches!(w, Warning::RightToLeft { .. }))
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        rtl,
        ["question mixed has right-to-left text (such as Arabic or Hebrew), which the PDF prints \
          left to right with its letters unjoined; print it as DOCX, which keeps it"]
    );
}

#[test]
fn characters_the_font_lacks_are_replaced_and_reported() {
    let doc = a_document(vec![
        question("cjk", "How would you serve a model for 日本語 users? 😀", 1),
        Block::Paragraph {
            style: ParagraphStyle::Body,
            runs: vec![Run::plain("Plain text, Ωμέγα and Кириллица are fine.")],
        },
    ]);
    let out = export_pdf(&doc, &PdfOptions::default()).unwrap();
    assert_eq!(
        out.warnings,
        [Warning::MissingGlyphs {
            source: "question cjk".to_owned(),
            chars: vec!['日', '本', '語', '😀'],
            replacement: '\u{FFFD}',
        }]
    );
    assert_eq!(
        out.warnings[0].to_string(),
        "question cjk uses characters the font cannot print: 日 (U+65E5), 本 (U+672C), \
         語 (U+8A9E), 😀 (U+1F600); they are printed as \u{FFFD}"
    );
    let text = pages_text(&out.bytes).concat();
    assert!(
        text.contains("for \u{FFFD}\u{FFFD}\u{FFFD} users? \u{FFFD}"),
        "{text}"
    );
    assert!(text.contains("Ωμέγα and Кириллица"));
}

#[test]
fn a_3000_character_question_is_split_with_a_warning_and_kept_whole() {
    let sentence = "How would you roll back a model whose drift went unnoticed for a week? ";
    let text: String = sentence.repeat(3000 / sentence.len() + 1)[..3000]
        .trim()
        .to_owned();
    let doc = a_document(vec![question("long", &text, 12)]);
    let out = export_pdf(&doc, &PdfOptions::default()).unwrap();
    assert_eq!(
        out.warnings,
        [Warning::SplitBlock {
            source: "question long".to_owned()
        }]
    );
    let pages = pages_text(&out.bytes);
    assert!(pages.len() >= 2);
    assert!(squash(&pages.concat()).contains(&squash(&text)));
}

#[test]
fn a_300_character_word_is_broken_with_a_warning() {
    let word: String = "abcdefghij".repeat(30);
    let url = format!("https://example.com/{}", "path/segment/".repeat(20));
    let doc = a_document(vec![
        Block::Paragraph {
            style: ParagraphStyle::Body,
            runs: vec![Run::plain(format!("See {word} now"))],
        },
        Block::List {
            marker: ListMarker::Bullet,
            items: vec![vec![Run::plain(format!("Read {url} first"))]],
        },
    ]);
    let out = export_pdf(&doc, &PdfOptions::default()).unwrap();
    // The URL breaks at its slashes without a warning; the word has no place to break.
    assert_eq!(
        out.warnings,
        [Warning::LongWord {
            source: "the cover".to_owned(),
            start: word[..24].to_owned(),
            chars: 300,
        }]
    );
    let text = pages_text(&out.bytes).concat();
    // Broken with hyphens, every letter still there.
    assert_eq!(squash(&text.replace('-', "")).matches(&word).count(), 1);
    assert!(squash(&text).contains(&squash(&url)));
}

#[test]
fn an_empty_document_is_one_page() {
    let out = export_pdf(&a_document(Vec::new()), &PdfOptions::default()).unwrap();
    let pages = pages_text(&out.bytes);
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("page 1 of 1"));
}
