//! The HTML page: every question on it, every text escaped, nothing loaded from outside, the
//! kits that draw a question named on it, the same bytes twice.

use std::path::Path;

use qbank_core::Bank;
use qbank_export::html::{esc, export_html, HtmlOptions, InterviewDraw, KitDraw, LoopDraw};

mod fixtures;

fn options(bank: &Bank) -> HtmlOptions {
    let pairs = qbank_text::pairs::related_pairs(bank, None);
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
        loops: bank
            .loops
            .iter()
            .map(|l| LoopDraw {
                id: l.id.clone(),
                interviews: qbank_core::select_loop(bank, l, qbank_core::Conflicts::Ids(&pairs))
                    .map(|s| {
                        s.interviews
                            .iter()
                            .map(|i| InterviewDraw {
                                kit: bank.kits[i.kit].id.clone(),
                                title: i.title.clone(),
                                questions: i
                                    .selection
                                    .questions(bank)
                                    .map(|q| q.id.clone())
                                    .collect(),
                            })
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
    let bank = fixtures::load("bank");
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
    let bank = fixtures::load("bank");
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
    let bank = fixtures::load("bank");
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
    let bank = fixtures::load("bank");
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
fn loops_list_their_interviews_and_the_questions_each_draws() {
    // The project's bank: its loops draw four interviews each from its kits.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questions");
    let (bank, _) = qbank_core::load_bank(&root).unwrap();
    assert!(!bank.loops.is_empty());
    let options = options(&bank);
    let html = String::from_utf8(export_html(&bank, &options).unwrap()).unwrap();
    assert!(html.contains("<section class=\"loops\" id=\"loops\">"));
    assert!(html.contains(&format!(
        "<a href=\"#loops\">{} loops</a>",
        bank.loops.len()
    )));
    let title_of = |id: &str| {
        let q = bank.questions.iter().find(|q| q.id == id).unwrap();
        q.title.clone().unwrap_or_else(|| q.text.clone())
    };
    for (lp, drawn) in bank.loops.iter().zip(&options.loops) {
        assert_eq!(lp.id, drawn.id);
        let interviews = drawn.interviews.as_ref().expect("the project's loops draw");
        let start = html
            .find(&format!("<article class=\"loop\" id=\"loop-{}\">", lp.id))
            .unwrap();
        let article = &html[start..];
        let article = &article[..article.find("</article>").unwrap()];
        // Each interview: its title, its kit and interviewer, its focus, then what it draws.
        for (interview, drawn) in lp.interviews.iter().zip(interviews) {
            let kit = bank.kit(&interview.kit).unwrap();
            let mut expected = format!(
                "<li>\n<h4>{}</h4>\n<p class=\"meta\">kit <a href=\"#kit-{}\">{}</a>",
                esc(&drawn.title),
                kit.id,
                esc(&kit.title)
            );
            if let Some(who) = &interview.interviewer {
                expected.push_str(&format!(" · interviewer: {}", esc(who)));
            }
            expected.push_str("</p>\n");
            if let Some(focus) = &interview.focus {
                expected.push_str(&format!(
                    "<p class=\"focus\"><strong>Focus:</strong> {}</p>\n",
                    esc(focus)
                ));
            }
            expected.push_str("<ol class=\"questions\">\n");
            assert!(!drawn.questions.is_empty());
            for id in &drawn.questions {
                expected.push_str(&format!(
                    "<li><a href=\"#q-{id}\">{}</a></li>\n",
                    esc(&title_of(id))
                ));
            }
            assert!(article.contains(&expected), "{expected}\n---\n{article}");
            // Each question the interview asks names the loop and the interview.
            for id in &drawn.questions {
                let q = &html[html
                    .find(&format!("<article class=\"q\" id=\"q-{id}\""))
                    .unwrap()..];
                let q = &q[..q.find("</article>").unwrap()];
                let named = format!(
                    "<a href=\"#loop-{}\">{}</a> ({})",
                    lp.id,
                    esc(&lp.title),
                    esc(&drawn.title)
                );
                assert!(
                    q.contains("<p class=\"kits\">In loops: ") && q.contains(&named),
                    "{q}"
                );
            }
        }
        if let Some(d) = &lp.decision {
            assert!(article.contains(&format!("<strong>Decision:</strong> {}", esc(d))));
        }
    }
}

#[test]
fn a_loop_that_cannot_be_drawn_still_lists_its_interviews() {
    let mut bank = fixtures::load("bank");
    let kit = bank.kits[0].id.clone();
    bank.loops.push(qbank_core::Loop {
        id: "onsite".into(),
        title: "Onsite".into(),
        role: None,
        description: None,
        competencies: Vec::new(),
        interviews: vec![qbank_core::Interview {
            kit,
            title: Some("Deep dive".into()),
            interviewer: None,
            focus: Some("Numbers.".into()),
            seed: None,
        }],
        decision: None,
        file: 0,
    });
    let mut options = options(&bank);
    options.loops[0].interviews = Err("interview 1 cannot be drawn".into());
    let html = String::from_utf8(export_html(&bank, &options).unwrap()).unwrap();
    assert!(html.contains("<p class=\"empty\">Cannot be drawn: interview 1 cannot be drawn</p>"));
    assert!(html.contains("<h4>Deep dive</h4>"));
    assert!(html.contains("<strong>Focus:</strong> Numbers."));
    assert!(!html.contains("In loops:"));
}
