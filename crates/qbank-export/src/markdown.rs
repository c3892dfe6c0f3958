//! The bank as a Markdown page, for a wiki or a repository's README.
//!
//! One section per topic that has questions, in the order of `topics.yaml`, with a table of contents; one
//! subsection per question, headed by its id (so `#<id>` links to it), with its title (when it
//! has one) and text, levels, kind, competencies (by their title in `competencies.yaml`),
//! minutes and tags, then its follow-ups, what meets the bar at each level, its rating scale
//! (`rubric.anchors`, then each level's own) and rubric as lists. Every text from the bank is
//! escaped, so that a question such as `<script>` or `# not a heading` shows as written and
//! never turns into markup. The output is CommonMark; anchors follow GitHub's rule.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use qbank_core::fields::{Field, Markdown, Value, QUESTION_FIELDS};
use qbank_core::{Anchors, Bank, Question, Status};

/// The bank as Markdown.
pub fn export_markdown(bank: &Bank) -> String {
    let questions = qbank_doc::in_topic_order(bank);
    let mut groups: Vec<(String, String, Vec<&Question>)> = bank
        .topics
        .iter()
        .map(|t| (t.title.clone(), t.description.clone(), Vec::new()))
        .collect();
    let index: HashMap<&str, usize> = bank
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    for q in questions {
        match index.get(q.topic.as_str()) {
            Some(&i) => groups[i].2.push(q),
            None => match groups.iter_mut().find(|g| g.0 == q.topic) {
                Some(g) => g.2.push(q),
                None => groups.push((q.topic.clone(), String::new(), vec![q])),
            },
        }
    }

    // A topic none of the exported questions belongs to (all of them, with `--kit`) is left
    // out rather than listed with "(0)".
    groups.retain(|g| !g.2.is_empty());
    let mut out = String::new();
    out.push_str("# Question bank\n\n");
    let _ = writeln!(
        out,
        "{} {} in {} {}.\n",
        bank.questions.len(),
        plural(bank.questions.len(), "question", "questions"),
        groups.len(),
        plural(groups.len(), "topic", "topics"),
    );
    let mut slugs = Slugs::default();
    let anchors: Vec<String> = groups.iter().map(|g| slugs.slug(&g.0)).collect();
    for ((title, _, qs), anchor) in groups.iter().zip(&anchors) {
        let _ = writeln!(out, "- [{}](#{anchor}) ({})", escape(title, ""), qs.len());
    }
    for (title, description, qs) in &groups {
        let _ = write!(out, "\n## {}\n", escape(title, ""));
        if !description.is_empty() {
            let _ = write!(out, "\n{}\n", escape(description, ""));
        }
        for q in qs {
            question(&mut out, bank, q);
        }
    }
    out
}

fn plural<'w>(n: usize, one: &'w str, many: &'w str) -> &'w str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn question(out: &mut String, bank: &Bank, q: &Question) {
    let _ = write!(out, "\n### {}\n\n", escape(&q.id, ""));
    if let Some(title) = &q.title {
        let _ = write!(out, "**{}**\n\n", escape(title, ""));
    }
    let _ = write!(out, "{}\n\n", escape(&q.text, ""));
    let mut facts = Vec::new();
    for f in &QUESTION_FIELDS {
        match (f.markdown, f.key) {
            (Markdown::Fact(label), _) => {
                if let Some(v) = joined(f, q) {
                    facts.push(format!("*{label}:* {}", escape(&v, "")));
                }
            }
            (Markdown::Typed, "levels") => {
                let levels: Vec<&str> = q.levels.iter().map(|l| l.as_str()).collect();
                facts.push(format!("*Levels:* {}", levels.join(", ")));
            }
            (Markdown::Typed, "kind") => facts.push(format!("*Kind:* {}", q.kind.as_str())),
            (Markdown::Typed, "competencies") if !q.competencies.is_empty() => {
                let names: Vec<&str> = q
                    .competencies
                    .iter()
                    .map(|id| {
                        bank.competency(id)
                            .map_or(id.as_str(), |c| c.title.as_str())
                    })
                    .collect();
                facts.push(format!("*Competencies:* {}", escape(&names.join(", "), "")));
            }
            (Markdown::Typed, "minutes") => {
                if let Some(m) = q.minutes {
                    facts.push(format!("*Minutes:* {m}"));
                }
            }
            (Markdown::Typed, "status") if q.status != Status::Active => {
                facts.push(format!("*Status:* {}", q.status.as_str()));
            }
            (Markdown::Typed, "tags") if !q.tags.is_empty() => {
                facts.push(format!("*Tags:* {}", escape(&q.tags.join(", "), "")));
            }
            _ => {}
        }
    }
    let _ = writeln!(out, "{}", facts.join(" · "));
    list(out, "Follow-ups", &q.follow_ups);
    let expect: Vec<String> = q
        .rubric
        .levels
        .iter()
        .filter_map(|(level, l)| Some(format!("*{level}:* {}", escape(l.expect.as_deref()?, "  "))))
        .collect();
    marked_list(out, "Expected by level", &expect);
    if let Some(a) = &q.rubric.anchors {
        marked_list(out, "Rating scale", &scale(a));
    }
    for (level, l) in &q.rubric.levels {
        if let Some(a) = &l.anchors {
            marked_list(out, &format!("Rating scale at {level}"), &scale(a));
        }
    }
    list(out, "Strong answer", &q.rubric.strong);
    list(out, "Red flags", &q.rubric.red_flags);
    for f in &QUESTION_FIELDS {
        if let (Markdown::List(label), Some(Value::List(items))) = (f.markdown, f.value(q)) {
            let items: Vec<String> = items.into_iter().map(Cow::into_owned).collect();
            list(out, label, &items);
        }
    }
}

/// A field's value on one line (a list's items joined by commas), or `None` when empty.
fn joined(f: &Field, q: &Question) -> Option<String> {
    match f.value(q)? {
        Value::Text(t) => t.map(Cow::into_owned),
        Value::List(items) if items.is_empty() => None,
        Value::List(items) => Some(items.join(", ")),
    }
}

/// The points of a scale as list items: `*3 Solid:* text`.
fn scale(a: &Anchors) -> Vec<String> {
    a.iter()
        .map(|(p, text)| {
            let name = Anchors::POINT_NAMES
                .get(usize::from(p).wrapping_sub(1))
                .copied()
                .unwrap_or_default();
            format!("*{p} {name}:* {}", escape(text, "  "))
        })
        .collect()
}

/// A list whose items are already Markdown.
fn marked_list(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = write!(out, "\n**{title}**\n\n");
    for item in items {
        let _ = writeln!(out, "- {item}");
    }
}

fn list(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = write!(out, "\n**{title}**\n\n");
    for item in items {
        let _ = writeln!(out, "- {}", escape(item, "  "));
    }
}

/// `text` as inline Markdown that shows exactly as written: punctuation that could start
/// markup is escaped, leading spaces kept as entities, a line break becomes a hard break
/// followed by `indent` (to stay inside a list item), and control characters, which no page
/// can show, become U+FFFD.
pub fn escape(text: &str, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
            out.push_str(indent);
        }
        let rest = line.trim_start_matches(' ');
        for _ in 0..line.len() - rest.len() {
            out.push_str("&#32;");
        }
        let mut at_start = true;
        let mut digits = false;
        for c in rest.chars() {
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!'
                | '@' | '$' => {
                    out.push('\\');
                    out.push(c);
                }
                '-' | '+' | '=' if at_start => {
                    out.push('\\');
                    out.push(c);
                }
                '.' | ')' if digits => {
                    out.push('\\');
                    out.push(c);
                }
                '\t' => out.push_str("&#9;"),
                // Controls and non-characters, which XML and many viewers refuse, show as �.
                '\0'..='\x1f' | '\x7f' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
                c => out.push(c),
            }
            digits = at_start_digits(at_start, digits, c);
            at_start = false;
        }
    }
    out
}

/// Whether the characters so far are the digits that start a line (`1.` starts a list).
fn at_start_digits(at_start: bool, digits: bool, c: char) -> bool {
    c.is_ascii_digit() && (at_start || digits)
}

/// GitHub's heading anchors: lowercase, punctuation dropped, spaces as hyphens, repeats
/// numbered.
#[derive(Default)]
struct Slugs {
    seen: HashMap<String, usize>,
}

impl Slugs {
    fn slug(&mut self, heading: &str) -> String {
        let base: String = heading
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let n = self.seen.entry(base.clone()).or_insert(0);
        let slug = if *n == 0 { base } else { format!("{base}-{n}") };
        *n += 1;
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("plain text, with commas.", ""),
            "plain text, with commas."
        );
        assert_eq!(
            escape("<script>alert(1)</script> & *bold* _x_ [a](b)", ""),
            "\\<script\\>alert(1)\\</script\\> \\& \\*bold\\* \\_x\\_ \\[a\\](b)"
        );
        assert_eq!(escape("# not a heading", ""), "\\# not a heading");
        assert_eq!(escape("- not a list", ""), "\\- not a list");
        assert_eq!(escape("1. not a list", ""), "1\\. not a list");
        assert_eq!(escape("12) no", ""), "12\\) no");
        assert_eq!(escape("a-b 1.5", ""), "a-b 1.5");
        assert_eq!(escape("    code?", ""), "&#32;&#32;&#32;&#32;code?");
        assert_eq!(escape("one\ntwo", "  "), "one\\\n  two");
        assert_eq!(escape("שלום \"x\"", ""), "שלום \"x\"");
        assert_eq!(escape("a\u{1}b\u{fffe}", ""), "a\u{fffd}b\u{fffd}");
    }

    #[test]
    fn github_slugs() {
        let mut s = Slugs::default();
        assert_eq!(
            s.slug("Governance, privacy & security"),
            "governance-privacy--security"
        );
        assert_eq!(s.slug("ML platform design"), "ml-platform-design");
        assert_eq!(s.slug("ML platform design"), "ml-platform-design-1");
    }
}
