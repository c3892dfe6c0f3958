//! `qbank new`: a question file to fill in, from flags or, on a terminal, by asking.
//!
//! The file gets an id made from the text (unique in the bank), lands in its topic's folder,
//! starts with the schema line, and holds empty `follow_ups` and rubric lists with a comment
//! saying what goes in each; its status is `draft` until the author has filled them.

use std::collections::HashSet;
use std::io::{self, BufRead, IsTerminal, Write};

use qbank_core::format::format;
use qbank_core::write::write_question;
use qbank_core::{closest, FileKind, Kind, Level, Question, Status};

use crate::args::{KindArg, LevelArg, NewArgs};
use crate::files::{self, PlannedFile};
use crate::{Failure, Outcome};

/// How many near duplicates of the new question are shown at most.
const NEAR_SHOWN: usize = 3;

pub fn run(args: NewArgs) -> Result<Outcome, Failure> {
    let (bank, _) = qbank_core::load_bank(&args.bank.bank)?;
    if bank.topics.is_empty() {
        return Err(Failure(format!(
            "{} lists no topics (run `qbank lint {}` to see why)",
            shown(&args.bank.bank.join("topics.yaml")),
            shown(&args.bank.bank)
        )));
    }
    let topic_ids: Vec<String> = bank.topics.iter().map(|t| t.id.clone()).collect();
    let taken: HashSet<String> = bank
        .questions
        .iter()
        .map(|q| q.id.clone())
        .chain(
            bank.files
                .iter()
                .filter(|f| f.kind == FileKind::Question)
                .map(|f| f.stem().to_owned()),
        )
        .collect();

    let missing = args.text.is_none()
        || args.topic.is_none()
        || args.levels.is_empty()
        || args.kind.is_none();
    let mut ask = if missing && io::stdin().is_terminal() {
        Some(Asker::new())
    } else {
        None
    };
    if missing && ask.is_none() {
        let names: Vec<&str> = [
            (args.text.is_none(), "--text"),
            (args.topic.is_none(), "--topic"),
            (args.levels.is_empty(), "--levels"),
            (args.kind.is_none(), "--kind"),
        ]
        .into_iter()
        .filter_map(|(m, n)| m.then_some(n))
        .collect();
        return Err(Failure(format!(
            "missing {} (or run `qbank new` on a terminal to be asked)",
            names.join(", ")
        )));
    }

    let text = match (&args.text, &mut ask) {
        (Some(t), _) => check_text(t)?,
        (None, Some(a)) => a.ask("Question text", None, check_text)?,
        (None, None) => unreachable!("missing flags were reported above"),
    };
    let check_topic = |t: &str| check_topic(t, &topic_ids);
    let topic = match (&args.topic, &mut ask) {
        (Some(t), _) => check_topic(t)?,
        (None, Some(a)) => {
            a.say(&format!("Topics: {}", topic_ids.join(", ")))?;
            a.ask("Topic", None, check_topic)?
        }
        (None, None) => unreachable!(),
    };
    let levels = match (&args.levels[..], &mut ask) {
        ([], Some(a)) => a.ask("Levels (junior, mid, senior, staff)", None, parse_levels)?,
        (given, _) => {
            let mut levels: Vec<Level> = given.iter().map(|l| level(*l)).collect();
            levels.sort();
            levels.dedup();
            levels
        }
    };
    let kind = match (args.kind, &mut ask) {
        (Some(k), _) => kind(k),
        (None, Some(a)) => a.ask(
            "Kind (concept, experience, tooling, scenario, behavioral)",
            None,
            parse_kind,
        )?,
        (None, None) => unreachable!(),
    };
    let minutes = match (args.minutes, &mut ask) {
        (Some(m), _) => Some(m),
        (None, Some(a)) => a.ask("Minutes (Enter to leave out)", Some(""), parse_minutes)?,
        (None, None) => None,
    };
    let title = match &args.title {
        Some(t) => Some(check_title(t)?),
        None => None,
    };
    let declared: Vec<String> = bank.competencies.iter().map(|c| c.id.clone()).collect();
    let competencies = match (&args.competencies[..], &mut ask) {
        ([], Some(a)) if !declared.is_empty() => {
            a.say(&format!("Competencies: {}", declared.join(", ")))?;
            a.ask(
                "Competencies it measures (one or two, comma-separated; Enter to leave out)",
                Some(""),
                |s| check_competencies(&split_list(s), &declared),
            )?
        }
        (given, _) => check_competencies(given, &declared)?,
    };
    let suggested = unique_id(&qbank_text::ids::slug(&text), &taken);
    let check_id = |id: &str| check_id(id, &taken);
    let id = match (&args.id, &mut ask) {
        (Some(id), _) => check_id(id)?,
        (None, Some(a)) => a.ask("Id", Some(&suggested), check_id)?,
        (None, None) => suggested,
    };

    // Before the file is written: the question is a draft, which the lint rule leaves alone.
    let threshold = crate::config::load(None, &args.bank.bank)
        .map(|c| qbank_lint::near_duplicate_threshold(&c.settings))
        .unwrap_or(qbank_lint::NEAR_DUPLICATE_THRESHOLD);
    let near: Vec<String> =
        qbank_text::search::closest(&bank, &text, None, threshold, NEAR_SHOWN, None)
            .closest
            .into_iter()
            .filter(|m| m.near_duplicate)
            .map(|m| {
                format!(
                    "  {:.2}  {}  {}:{}:{}",
                    m.score, m.id, m.file, m.line, m.column
                )
            })
            .collect();

    let q = Question {
        title,
        text,
        topic: topic.clone(),
        levels,
        kind,
        competencies,
        minutes,
        status: Status::Draft,
        ..Question::new(id.clone())
    };
    let relative = format!("{topic}/{id}.yaml");
    let text = scaffold(&q, &relative)?;
    let path = args.bank.bank.join(&topic).join(format!("{id}.yaml"));
    files::write_all(&[PlannedFile {
        path,
        old: None,
        new: text.into_bytes(),
    }])
    .map_err(Failure)?;

    let mut out = io::stdout().lock();
    writeln!(out, "created {}/{relative}", shown(&args.bank.bank))?;
    if !near.is_empty() {
        let which = match near.len() {
            1 => "an active question".to_owned(),
            n => format!("{n} active questions"),
        };
        writeln!(
            out,
            "it reads like {which} (near-duplicate score {threshold:.2} or more):\n{}\n\
             merge them, or keep both and link them with `similar_to` and a reason",
            near.join("\n")
        )?;
    }
    writeln!(
        out,
        "next: write the follow-ups and the rubric, then set `status: active`"
    )?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// The file for `q`: the canonical question, then the lists its author fills in.
fn scaffold(q: &Question, relative: &str) -> Result<String, Failure> {
    let mut text = write_question(q, relative);
    text.push_str(
        "# Questions to ask next, to dig into the answer: one `- ` line each, in place of [].\n\
         follow_ups: []\n\
         rubric:\n  \
         # What a strong answer says or does, one observable point a line.\n  \
         strong: []\n  \
         # What should worry the interviewer, one point a line.\n  \
         red_flags: []\n",
    );
    // Through the formatter, so that the new file is already as `qbank fmt` leaves it.
    format(FileKind::Question, relative, &text).map_err(|e| Failure(e.to_string()))
}

/// `base`, or `base-2`, `base-3`… the first that no question has.
fn unique_id(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default()
}

fn check_text(text: &str) -> Result<String, Failure> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Failure("the question text is empty".into()));
    }
    if text.contains('\n') {
        return Err(Failure("the question text must be one line".into()));
    }
    Ok(text.to_owned())
}

fn check_title(title: &str) -> Result<String, Failure> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Failure("the title is empty".into()));
    }
    if title.contains(['\n', '\r']) {
        return Err(Failure("the title must be one line".into()));
    }
    let chars = title.chars().count();
    if chars > 60 {
        return Err(Failure(format!(
            "the title has {chars} characters; a title has at most 60"
        )));
    }
    Ok(title.to_owned())
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One or two distinct competencies, each declared in competencies.yaml when the bank has
/// one (`declared` is empty when it has none: then any kebab-case id is taken, and
/// `unknown-competency` reports it).
fn check_competencies(given: &[String], declared: &[String]) -> Result<Vec<String>, Failure> {
    let mut out: Vec<String> = Vec::new();
    for c in given {
        let c = c.trim();
        if c.is_empty() {
            continue;
        }
        if !declared.is_empty() && !declared.iter().any(|d| d == c) {
            let hint = match closest(c, declared) {
                Some(d) => format!("did you mean `{d}`?"),
                None => format!("competencies.yaml declares: {}", declared.join(", ")),
            };
            return Err(Failure(format!("unknown competency `{c}`; {hint}")));
        }
        if !out.iter().any(|o| o == c) {
            out.push(c.to_owned());
        }
    }
    if out.len() > 2 {
        return Err(Failure(format!(
            "{} competencies given; a question measures one or two",
            out.len()
        )));
    }
    Ok(out)
}

fn check_topic(topic: &str, topics: &[String]) -> Result<String, Failure> {
    let topic = topic.trim();
    if topics.iter().any(|t| t == topic) {
        return Ok(topic.to_owned());
    }
    let starting: Vec<&String> = topics
        .iter()
        .filter(|t| !topic.is_empty() && t.starts_with(topic))
        .collect();
    let near = match starting[..] {
        [only] => Some(only.as_str()),
        _ => closest(topic, topics),
    };
    let hint = match near {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("topics.yaml lists: {}", topics.join(", ")),
    };
    Err(Failure(format!("unknown topic `{topic}`; {hint}")))
}

fn check_id(id: &str, taken: &HashSet<String>) -> Result<String, Failure> {
    let id = id.trim();
    let kebab = !id.is_empty()
        && id.len() <= 80
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !kebab {
        return Err(Failure(format!(
            "`{id}` is not a valid id: lowercase letters and digits in words joined by `-`, \
             e.g. `{}`",
            qbank_text::ids::slug(id)
        )));
    }
    if taken.contains(id) {
        return Err(Failure(format!(
            "a question with id `{id}` exists already; choose another id"
        )));
    }
    Ok(id.to_owned())
}

fn parse_levels(answer: &str) -> Result<Vec<Level>, Failure> {
    let mut levels = Vec::new();
    for word in answer.split([',', ' ']).filter(|w| !w.is_empty()) {
        let names: Vec<String> = Level::ALL.iter().map(|l| l.as_str().to_owned()).collect();
        let level = Level::parse(word).ok_or_else(|| {
            Failure(match closest(word, &names) {
                Some(c) => format!("unknown level `{word}`; did you mean `{c}`?"),
                None => format!("unknown level `{word}`; levels: {}", names.join(", ")),
            })
        })?;
        levels.push(level);
    }
    if levels.is_empty() {
        return Err(Failure("name at least one level".into()));
    }
    levels.sort();
    levels.dedup();
    Ok(levels)
}

fn parse_kind(answer: &str) -> Result<Kind, Failure> {
    let answer = answer.trim();
    let names: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_owned()).collect();
    Kind::parse(answer).ok_or_else(|| {
        Failure(match closest(answer, &names) {
            Some(c) => format!("unknown kind `{answer}`; did you mean `{c}`?"),
            None => format!("unknown kind `{answer}`; kinds: {}", names.join(", ")),
        })
    })
}

fn parse_minutes(answer: &str) -> Result<Option<u32>, Failure> {
    let answer = answer.trim();
    if answer.is_empty() {
        return Ok(None);
    }
    match answer.parse::<u32>() {
        Ok(m) if (1..=60).contains(&m) => Ok(Some(m)),
        _ => Err(Failure(format!(
            "`{answer}` is not a number of minutes from 1 to 60"
        ))),
    }
}

fn level(l: LevelArg) -> Level {
    match l {
        LevelArg::Junior => Level::Junior,
        LevelArg::Mid => Level::Mid,
        LevelArg::Senior => Level::Senior,
        LevelArg::Staff => Level::Staff,
    }
}

fn kind(k: KindArg) -> Kind {
    match k {
        KindArg::Concept => Kind::Concept,
        KindArg::Experience => Kind::Experience,
        KindArg::Tooling => Kind::Tooling,
        KindArg::Scenario => Kind::Scenario,
        KindArg::Behavioral => Kind::Behavioral,
    }
}

fn shown(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = s.trim_end_matches('/');
    s.strip_prefix("./").unwrap_or(s).to_owned()
}

/// Questions on the terminal: a prompt on standard error, the answer from standard input, the
/// question again until the answer is valid.
struct Asker {
    input: io::StdinLock<'static>,
}

impl Asker {
    fn new() -> Asker {
        Asker {
            input: io::stdin().lock(),
        }
    }

    fn say(&mut self, line: &str) -> io::Result<()> {
        writeln!(io::stderr(), "{line}")
    }

    fn ask<T>(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: impl Fn(&str) -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        loop {
            let mut err = io::stderr();
            match default {
                Some(d) if !d.is_empty() => write!(err, "{prompt} [{d}]: ")?,
                _ => write!(err, "{prompt}: ")?,
            }
            err.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                writeln!(err)?;
                return Err(Failure(format!(
                    "no answer for `{prompt}`; nothing was written"
                )));
            }
            let answer = match (line.trim(), default) {
                ("", Some(d)) => d.to_owned(),
                (a, _) => a.to_owned(),
            };
            match check(&answer) {
                Ok(value) => return Ok(value),
                Err(Failure(message)) => writeln!(err, "  {message}")?,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let taken: HashSet<String> = ["drift".to_owned(), "drift-2".to_owned()].into();
        assert_eq!(unique_id("drift", &taken), "drift-3");
        assert_eq!(unique_id("skew", &taken), "skew");
    }
}
