//! The HTML page: every question on it, every text escaped, nothing loaded from outside, the
//! kits that draw a question named on it, the same bytes twice.

use std::path::{Path, PathBuf};

use qbank_core::Bank;
use qbank_export::html::{export_html, HtmlOptions, KitDraw};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank")
}

fn load_fixture() -> Bank {
    let (bank, diagnostics) = qbank_core::load_bank(&fixture()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    bank
}

fn options(bank: &Bank) -> HtmlOptions {
    let pairs = qbank_core::near_duplicate_pairs(bank);
    HtmlOptions {
        title: None,
        kits: bank
            .kits
            .iter()
            .map(|k| KitDraw {
                kit: k.id.clone(),
                questions: qbank_core::select(bank, k, &pairs)
                    .map(|s| {
                        s.sections
                            .iter()
                            .flat_map(|sec| sec.questions.iter())
                            .map(|&i| bank.questions[i].id.clone())
                            .collect()
                    })
                    .map_err(|e| e.to_string()),
            })
            .collect(),
        revision: Some("abc1234".into()),
    }
}

fn page(bank: &Bank) -> String {
    String::from_utf8(export_html(bank, &options(bank)).unwrap()).unwrap()
}

#[test]
fn every_question_is_on_the_page_with_its_filters_data() {
    let bank = load_fixture();
    let html = page(&bank);
    for q in &bank.questions {
        let levels: Vec<&str> = q.levels.iter().map(|l| l.as_str()).collect();
        let open = format!(
            "<article class=\"q\" id=\"q-{}\" data-topic=\"{}\" data-levels=\"{}\" data-kind=\"{}\"",
            q.id,
            q.topic,
            levels.join(" "),
            q.kind.as_str()
        );
        assert!(html.contains(&open), "{open}");
    }
    assert_eq!(
        html.matches("<article class=\"q\"").count(),
        bank.questions.len()
    );
    for name in ["topic", "levels", "kind", "status"] {
        assert!(html.contains(&format!("<select name=\"{name}\"")), "{name}");
    }
    assert!(html.contains("Bank revision abc1234"));
}

#[test]
fn texts_are_escaped_and_nothing_is_loaded_from_outside() {
    let bank = load_fixture();
    let html = page(&bank);
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("angle &lt;b&gt;brackets&lt;/b&gt;"));
    assert!(!html.contains('\u{1}'), "control characters are replaced");
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none';"));
    for outside in [
        "<link",
        "<img",
        "<iframe",
        " src=",
        "url(",
        "@import",
        "href=\"http",
    ] {
        assert!(!html.contains(outside), "{outside}");
    }
}

#[test]
fn kits_and_the_questions_they_draw_link_to_each_other() {
    let bank = load_fixture();
    // What the kits draw is the caller's input: here one kit draws two questions, and the
    // other cannot be drawn.
    let mut options = options(&bank);
    let ids: Vec<String> = bank
        .questions
        .iter()
        .take(2)
        .map(|q| q.id.clone())
        .collect();
    options.kits[0].questions = Ok(ids);
    if let Some(other) = options.kits.get_mut(1) {
        other.questions = Err("needs 9 questions; the bank has 2".into());
    }
    let html = String::from_utf8(export_html(&bank, &options).unwrap()).unwrap();
    if options.kits.len() > 1 {
        assert!(html.contains("Cannot be drawn: needs 9 questions; the bank has 2"));
    }
    let mut linked = 0;
    for draw in &options.kits {
        let kit = bank.kit(&draw.kit).unwrap();
        assert!(html.contains(&format!("<article id=\"kit-{}\">", kit.id)));
        if let Ok(ids) = &draw.questions {
            for id in ids {
                assert!(html.contains(&format!("<li><a href=\"#q-{id}\">")), "{id}");
                linked += 1;
            }
        }
    }
    assert!(linked > 0, "the fixture's kits draw questions");
    assert!(html.contains("<p class=\"kits\">In kits: <a href=\"#kit-"));
    // Every in-page link has its target.
    for href in html.split("href=\"#").skip(1) {
        let target = &href[..href.find('"').unwrap()];
        assert!(html.contains(&format!("id=\"{target}\"")), "#{target}");
    }
}

#[test]
fn the_same_bank_gives_the_same_bytes() {
    let bank = load_fixture();
    assert_eq!(page(&bank), page(&bank));
}

#[test]
fn an_empty_bank_is_a_page_that_says_so() {
    let html =
        String::from_utf8(export_html(&Bank::default(), &HtmlOptions::default()).unwrap()).unwrap();
    assert!(html.contains("The bank has no questions yet."));
    assert!(html.contains("<title>Question bank</title>"));
}

#[test]
fn loops_list_their_interviews_with_links_to_the_kits() {
    let mut bank = load_fixture();
    let kit = bank.kits[0].id.clone();
    bank.loops.push(qbank_core::Loop {
        id: "onsite".into(),
        title: "Onsite <loop>".into(),
        role: Some("MLOps Engineer".into()),
        description: None,
        competencies: Vec::new(),
        interviews: vec![qbank_core::Interview {
            kit: kit.clone(),
            title: None,
            interviewer: Some("Hiring manager".into()),
            focus: Some("Working knowledge.".into()),
            seed: None,
        }],
        decision: Some("Hire on two solid interviews.".into()),
        file: 0,
    });
    let html = page(&bank);
    assert!(html.contains("<section class=\"loops\" id=\"loops\">"));
    assert!(html.contains("<article id=\"loop-onsite\">\n<h3>Onsite &lt;loop&gt;</h3>"));
    assert!(html.contains(&format!(
        "<li><a href=\"#kit-{kit}\">{}</a> · Hiring manager: Working knowledge.</li>",
        bank.kits[0].title
    )));
    assert!(html.contains("<strong>Decision:</strong> Hire on two solid interviews."));
    assert!(html.contains("<a href=\"#loops\">1 loop</a>"));
}
