//! The bank as one web page to browse: `index.html`, self-contained.
//!
//! Interviewers and hiring managers read a bank far more than they lint it. The page holds
//! every question, grouped by topic in the order of `topics.yaml`, each with its levels, kind,
//! minutes, competencies and tags, and (folded) its follow-ups, the expectations by level, what
//! a strong answer shows, the red flags, the rating anchors and the kits and loops that draw
//! it; then the kits, each with the questions it draws, and the loops, each with its
//! interviews (kit, interviewer, focus) and the questions each interview draws.
//!
//! - **Self-contained, no network.** The CSS and the script are inline (`html/page.css`,
//!   `html/page.js`); there is no font, image, stylesheet or script to load, and a
//!   Content-Security-Policy (`default-src 'none'`) forbids the page any request at all. It
//!   works the same from `file://`, on GitHub Pages, or attached to an e-mail.
//! - **Everything is in the HTML.** The questions are written out, not built by the script;
//!   the script only filters (by topic, level, kind, competency, status) and searches as you
//!   type, by hiding what does not match. Without JavaScript the page shows every question and
//!   no dead controls.
//! - **Readable on a phone** (the layout is one column and the filters wrap) **and in print**
//!   (the filters go, every folded part opens, a question is not split across pages).
//! - Every text of the bank is escaped; the same bank and options give the same bytes.

use std::collections::HashMap;
use std::fmt::Write as _;

use qbank_core::{Anchors, Bank, Kind, Level, Question, Status};

use crate::Error;

const CSS: &str = include_str!("html/page.css");
const JS: &str = include_str!("html/page.js");

/// What the page needs besides the bank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// The page's title [default: "Question bank"].
    pub title: Option<String>,
    /// What each kit draws, in the order of the bank's kits. The caller draws them
    /// (`qbank_core::select`), so that the page shows exactly what `qbank kit build` prints.
    pub kits: Vec<KitDraw>,
    /// What each loop draws, in the order of the bank's loops; drawn by the caller
    /// (`qbank_core::select_loop`) as `qbank loop build` draws it.
    pub loops: Vec<LoopDraw>,
    /// The bank's revision, shown at the foot of the page.
    pub revision: Option<String>,
}

/// The questions one kit draws, or why it cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitDraw {
    pub kit: String,
    pub questions: Result<Vec<String>, String>,
}

/// The interviews of one loop with the questions each draws, or why the loop cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopDraw {
    pub id: String,
    pub interviews: Result<Vec<InterviewDraw>, String>,
}

/// One interview of a drawn loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewDraw {
    /// The kit it prints.
    pub kit: String,
    /// Its own title, else the kit's.
    pub title: String,
    /// The question ids it draws, in kit order.
    pub questions: Vec<String>,
}

/// The bank as the bytes of a self-contained HTML page.
pub fn export_html(bank: &Bank, options: &HtmlOptions) -> Result<Vec<u8>, Error> {
    let title = options.title.as_deref().unwrap_or("Question bank");
    let questions = qbank_doc::in_topic_order(bank);
    let competency_title: HashMap<&str, &str> = bank
        .competencies
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    let kit_title: HashMap<&str, &str> = bank
        .kits
        .iter()
        .map(|k| (k.id.as_str(), k.title.as_str()))
        .collect();
    // The kits that draw each question, in kit order.
    let mut kits_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for draw in &options.kits {
        if let Ok(ids) = &draw.questions {
            for id in ids {
                kits_of
                    .entry(id.as_str())
                    .or_default()
                    .push(draw.kit.as_str());
            }
        }
    }

    // The loops (and the interview in each) that ask each question, in loop order.
    let mut loops_of: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    for draw in &options.loops {
        if let Ok(interviews) = &draw.interviews {
            for interview in interviews {
                for id in &interview.questions {
                    loops_of
                        .entry(id.as_str())
                        .or_default()
                        .push((draw.id.as_str(), interview.title.as_str()));
                }
            }
        }
    }
    let loop_title: HashMap<&str, &str> = bank
        .loops
        .iter()
        .map(|l| (l.id.as_str(), l.title.as_str()))
        .collect();

    let mut groups: Vec<(String, String, String, Vec<&Question>)> = Vec::new();
    for q in &questions {
        match groups.iter_mut().find(|g| g.0 == q.topic) {
            Some(g) => g.3.push(q),
            None => {
                let (t, d) = bank
                    .topic(&q.topic)
                    .map(|t| (t.title.clone(), t.description.clone()))
                    .unwrap_or_else(|| (q.topic.clone(), String::new()));
                groups.push((q.topic.clone(), t, d, vec![q]));
            }
        }
    }

    let mut out = String::with_capacity(4096 + questions.len() * 1500);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; \
         base-uri 'none'; form-action 'none'\">\n",
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(out, "<style>\n{CSS}</style>\n</head>\n<body>");

    // Header and filters.
    let _ = writeln!(out, "<header class=\"top\">\n<h1>{}</h1>", esc(title));
    let _ = writeln!(
        out,
        "<p>{} in {}{}{}</p>\n</header>",
        count(questions.len(), "question", "questions"),
        count(groups.len(), "topic", "topics"),
        if bank.kits.is_empty() {
            String::new()
        } else {
            format!(
                " · <a href=\"#kits\">{}</a>",
                count(bank.kits.len(), "kit", "kits")
            )
        },
        if bank.loops.is_empty() {
            String::new()
        } else {
            format!(
                " · <a href=\"#loops\">{}</a>",
                count(bank.loops.len(), "loop", "loops")
            )
        },
    );
    out.push_str(
        "<nav class=\"filters\">\n<form id=\"filters\" class=\"row\" role=\"search\" hidden>\n",
    );
    out.push_str("<input type=\"search\" id=\"search\" name=\"q\" placeholder=\"Search questions\" aria-label=\"Search questions\" autocomplete=\"off\">\n");
    let topics: Vec<(String, String)> = groups.iter().map(|g| (g.0.clone(), g.1.clone())).collect();
    select(&mut out, "topic", "All topics", &topics);
    let levels: Vec<(String, String)> = Level::ALL
        .iter()
        .map(|l| (l.as_str().to_owned(), l.as_str().to_owned()))
        .collect();
    select(&mut out, "levels", "All levels", &levels);
    let kinds: Vec<(String, String)> = Kind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.as_str().to_owned()))
        .collect();
    select(&mut out, "kind", "All kinds", &kinds);
    let mut competencies: Vec<(String, String)> = bank
        .competencies
        .iter()
        .map(|c| (c.id.clone(), c.title.clone()))
        .collect();
    for q in &questions {
        for c in &q.competencies {
            if !competencies.iter().any(|(id, _)| id == c) {
                competencies.push((c.clone(), c.clone()));
            }
        }
    }
    if !competencies.is_empty() {
        select(&mut out, "competencies", "All competencies", &competencies);
    }
    let statuses: Vec<(String, String)> = Status::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.as_str().to_owned()))
        .collect();
    select(&mut out, "status", "Any status", &statuses);
    out.push_str("<button type=\"reset\">Clear</button>\n<output id=\"count\" aria-live=\"polite\"></output>\n</form>\n</nav>\n<main>\n");
    out.push_str("<p id=\"none\" class=\"empty\" hidden>No question matches the filters.</p>\n");

    // Questions by topic.
    for (id, topic_title, description, qs) in &groups {
        let _ = writeln!(
            out,
            "<section class=\"topic\" id=\"topic-{}\">\n<h2>{}</h2>",
            esc(id),
            esc(topic_title)
        );
        if !description.is_empty() {
            let _ = writeln!(out, "<p class=\"about\">{}</p>", esc(description));
        }
        for q in qs {
            let uses = Uses {
                kit_title: &kit_title,
                loop_title: &loop_title,
                kits: kits_of.get(q.id.as_str()).map(Vec::as_slice).unwrap_or(&[]),
                loops: loops_of
                    .get(q.id.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or(&[]),
            };
            question(&mut out, q, &competency_title, &uses);
        }
        out.push_str("</section>\n");
    }
    if groups.is_empty() {
        out.push_str("<p class=\"empty\">The bank has no questions yet.</p>\n");
    }

    let text_of: HashMap<&str, &str> = bank
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.title.as_deref().unwrap_or(&q.text)))
        .collect();

    // Kits.
    if !bank.kits.is_empty() {
        out.push_str("<section class=\"kits\" id=\"kits\">\n<h2>Kits</h2>\n");
        for kit in &bank.kits {
            let _ = writeln!(
                out,
                "<article id=\"kit-{}\">\n<h3>{}</h3>",
                esc(&kit.id),
                esc(&kit.title)
            );
            let mut facts = Vec::new();
            if let Some(role) = &kit.role {
                facts.push(esc(role));
            }
            facts.push(format!("level {}", kit.level.as_str()));
            if let Some(d) = kit.duration_minutes {
                facts.push(format!("{d} minutes"));
            }
            facts.push(format!("<code>qbank kit build {}</code>", esc(&kit.id)));
            let _ = writeln!(out, "<p>{}</p>", facts.join(" · "));
            if let Some(d) = &kit.description {
                let _ = writeln!(out, "<p>{}</p>", esc(d));
            }
            match options
                .kits
                .iter()
                .find(|d| d.kit == kit.id)
                .map(|d| &d.questions)
            {
                Some(Ok(ids)) => question_links(&mut out, ids, &text_of),
                Some(Err(e)) => {
                    let _ = writeln!(out, "<p class=\"empty\">Cannot be drawn: {}</p>", esc(e));
                }
                None => {}
            }
            out.push_str("</article>\n");
        }
        out.push_str("</section>\n");
    }

    // Loops: each interview, its kit and focus, and the questions it draws.
    if !bank.loops.is_empty() {
        out.push_str("<section class=\"loops\" id=\"loops\">\n<h2>Loops</h2>\n");
        for lp in &bank.loops {
            let _ = writeln!(
                out,
                "<article class=\"loop\" id=\"loop-{}\">\n<h3>{}</h3>",
                esc(&lp.id),
                esc(&lp.title)
            );
            let mut facts = Vec::new();
            if let Some(role) = &lp.role {
                facts.push(esc(role));
            }
            facts.push(count(lp.interviews.len(), "interview", "interviews"));
            facts.push(format!("<code>qbank loop build {}</code>", esc(&lp.id)));
            let _ = writeln!(out, "<p>{}</p>", facts.join(" · "));
            if let Some(d) = &lp.description {
                let _ = writeln!(out, "<p>{}</p>", esc(d));
            }
            let drawn = options.loops.iter().find(|d| d.id == lp.id);
            if let Some(LoopDraw {
                interviews: Err(e), ..
            }) = drawn
            {
                let _ = writeln!(out, "<p class=\"empty\">Cannot be drawn: {}</p>", esc(e));
            }
            out.push_str("<ol class=\"interviews\">\n");
            for (n, interview) in lp.interviews.iter().enumerate() {
                let drawn = drawn
                    .and_then(|d| d.interviews.as_ref().ok())
                    .and_then(|i| i.get(n));
                let name = interview
                    .title
                    .as_deref()
                    .or_else(|| kit_title.get(interview.kit.as_str()).copied())
                    .unwrap_or(&interview.kit);
                let _ = writeln!(out, "<li>\n<h4>{}</h4>", esc(name));
                let mut facts = vec![format!(
                    "kit <a href=\"#kit-{}\">{}</a>",
                    esc(&interview.kit),
                    esc(kit_title
                        .get(interview.kit.as_str())
                        .copied()
                        .unwrap_or(&interview.kit))
                )];
                if let Some(who) = &interview.interviewer {
                    facts.push(format!("interviewer: {}", esc(who)));
                }
                let _ = writeln!(out, "<p class=\"meta\">{}</p>", facts.join(" · "));
                if let Some(focus) = &interview.focus {
                    let _ = writeln!(
                        out,
                        "<p class=\"focus\"><strong>Focus:</strong> {}</p>",
                        esc(focus)
                    );
                }
                if let Some(drawn) = drawn {
                    question_links(&mut out, &drawn.questions, &text_of);
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ol>\n");
            if let Some(d) = &lp.decision {
                let _ = writeln!(out, "<p><strong>Decision:</strong> {}</p>", esc(d));
            }
            out.push_str("</article>\n");
        }
        out.push_str("</section>\n");
    }

    out.push_str("</main>\n");
    if let Some(rev) = &options.revision {
        let _ = writeln!(
            out,
            "<footer><main><p class=\"empty\">Bank revision {}</p></main></footer>",
            esc(rev)
        );
    }
    let _ = writeln!(out, "<script>\n{JS}</script>\n</body>\n</html>");
    Ok(out.into_bytes())
}

/// A numbered list of links to questions, each shown by its title (else its text).
fn question_links(out: &mut String, ids: &[String], text_of: &HashMap<&str, &str>) {
    out.push_str("<ol class=\"questions\">\n");
    for id in ids {
        let _ = writeln!(
            out,
            "<li><a href=\"#q-{}\">{}</a></li>",
            esc(id),
            esc(text_of.get(id.as_str()).copied().unwrap_or(id))
        );
    }
    out.push_str("</ol>\n");
}

/// The kits and loops that ask a question, with the titles to show them by.
struct Uses<'a> {
    kit_title: &'a HashMap<&'a str, &'a str>,
    loop_title: &'a HashMap<&'a str, &'a str>,
    /// Kit ids.
    kits: &'a [&'a str],
    /// Loop ids, each with the title of the interview that asks it.
    loops: &'a [(&'a str, &'a str)],
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn select(out: &mut String, name: &str, all: &str, options: &[(String, String)]) {
    let _ = writeln!(
        out,
        "<select name=\"{name}\" aria-label=\"{}\">\n<option value=\"\">{all}</option>",
        esc(all)
    );
    for (value, label) in options {
        let _ = writeln!(
            out,
            "<option value=\"{}\">{}</option>",
            esc(value),
            esc(label)
        );
    }
    out.push_str("</select>\n");
}

fn question(
    out: &mut String,
    q: &Question,
    competency_title: &HashMap<&str, &str>,
    uses: &Uses<'_>,
) {
    let levels: Vec<&str> = q.levels.iter().map(|l| l.as_str()).collect();
    let _ = writeln!(
        out,
        "<article class=\"q\" id=\"q-{id}\" data-topic=\"{topic}\" data-levels=\"{levels}\" \
         data-kind=\"{kind}\" data-competencies=\"{competencies}\" data-status=\"{status}\">",
        id = esc(&q.id),
        topic = esc(&q.topic),
        levels = levels.join(" "),
        kind = q.kind.as_str(),
        competencies = esc(&q.competencies.join(" ")),
        status = q.status.as_str(),
    );
    match &q.title {
        Some(title) => {
            let _ = writeln!(
                out,
                "<h3>{}<a class=\"id\" href=\"#q-{id}\">{id}</a></h3>\n<p class=\"text\">{}</p>",
                esc(title),
                esc(&q.text),
                id = esc(&q.id)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "<h3>{}<a class=\"id\" href=\"#q-{id}\">{id}</a></h3>",
                esc(&q.text),
                id = esc(&q.id)
            );
        }
    }
    out.push_str("<ul class=\"chips\">");
    for l in &levels {
        let _ = write!(out, "<li class=\"level\">{l}</li>");
    }
    let _ = write!(out, "<li class=\"kind\">{}</li>", q.kind.as_str());
    if let Some(m) = q.minutes {
        let _ = write!(out, "<li>{m} min</li>");
    }
    for c in &q.competencies {
        let _ = write!(
            out,
            "<li class=\"competency\">{}</li>",
            esc(competency_title.get(c.as_str()).copied().unwrap_or(c))
        );
    }
    if q.status != Status::Active {
        let s = q.status.as_str();
        let _ = write!(out, "<li class=\"status-{s}\">{s}</li>");
    }
    for t in &q.tags {
        let _ = write!(out, "<li>#{}</li>", esc(t));
    }
    out.push_str("</ul>\n");

    let r = &q.rubric;
    let has_levels = r
        .levels
        .values()
        .any(|l| l.expect.is_some() || l.anchors.is_some());
    if !q.follow_ups.is_empty()
        || has_levels
        || !r.strong.is_empty()
        || !r.red_flags.is_empty()
        || r.anchors.is_some()
    {
        out.push_str("<details>\n<summary>Follow-ups, rubric and anchors</summary>\n");
        list(out, "Follow-ups", "", &q.follow_ups);
        let expects: Vec<String> = r
            .levels
            .iter()
            .filter_map(|(level, l)| {
                l.expect
                    .as_ref()
                    .map(|e| format!("<strong>{}:</strong> {}", level.as_str(), esc(e)))
            })
            .collect();
        if !expects.is_empty() {
            out.push_str("<h4>Meets the bar</h4>\n<ul>\n");
            for e in &expects {
                let _ = writeln!(out, "<li>{e}</li>");
            }
            out.push_str("</ul>\n");
        }
        list(out, "A strong answer shows", "strong", &r.strong);
        list(out, "Red flags", "flags", &r.red_flags);
        if let Some(anchors) = &r.anchors {
            anchor_table(out, "Rating anchors", anchors);
        }
        for (level, l) in &r.levels {
            if let Some(anchors) = &l.anchors {
                anchor_table(
                    out,
                    &format!("Rating anchors at {}", level.as_str()),
                    anchors,
                );
            }
        }
        out.push_str("</details>\n");
    }
    if !uses.kits.is_empty() {
        let links: Vec<String> = uses
            .kits
            .iter()
            .map(|k| {
                format!(
                    "<a href=\"#kit-{}\">{}</a>",
                    esc(k),
                    esc(uses.kit_title.get(k).copied().unwrap_or(k))
                )
            })
            .collect();
        let _ = writeln!(out, "<p class=\"kits\">In kits: {}</p>", links.join(", "));
    }
    if !uses.loops.is_empty() {
        let links: Vec<String> = uses
            .loops
            .iter()
            .map(|(l, interview)| {
                format!(
                    "<a href=\"#loop-{}\">{}</a> ({})",
                    esc(l),
                    esc(uses.loop_title.get(l).copied().unwrap_or(l)),
                    esc(interview)
                )
            })
            .collect();
        let _ = writeln!(out, "<p class=\"kits\">In loops: {}</p>", links.join(", "));
    }
    out.push_str("</article>\n");
}

fn list(out: &mut String, title: &str, class: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h4>{title}</h4>");
    if class.is_empty() {
        out.push_str("<ul>\n");
    } else {
        let _ = writeln!(out, "<ul class=\"{class}\">");
    }
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", esc(item));
    }
    out.push_str("</ul>\n");
}

fn anchor_table(out: &mut String, title: &str, anchors: &Anchors) {
    let _ = writeln!(out, "<h4>{}</h4>\n<table class=\"anchors\">", esc(title));
    for (point, text) in anchors.iter() {
        let name = Anchors::POINT_NAMES
            .get(usize::from(point).saturating_sub(1))
            .copied()
            .unwrap_or("");
        let _ = writeln!(
            out,
            "<tr><th>{point} {name}</th><td>{}</td></tr>",
            esc(text)
        );
    }
    out.push_str("</table>\n");
}

/// `s` safe in HTML text and in double-quoted attributes. Control characters, which no page
/// shows, become U+FFFD.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            esc("<script>\"x\" & 'y'\u{1}</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;\u{fffd}&lt;/script&gt;"
        );
    }
}
