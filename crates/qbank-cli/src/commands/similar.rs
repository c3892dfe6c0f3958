//! `qbank similar`: the active questions closest to a text or to a question of the bank.
//!
//! The search is [`qbank_text::search::closest`]; this finds the bank, the model and the
//! query, and prints.

use std::io::{self, Write};

use qbank_core::{Bank, Question};
use qbank_lint::{is_invisible, near_duplicate_threshold};
use qbank_text::search::{closest, Report};
use qbank_text::similarity::BY_MEANING;

use crate::args::{SimilarArgs, SimilarFormat};
use crate::{config, Failure, Outcome};

/// Prints the closest questions. Exit 0 whatever it finds: it is a search, and `qbank lint`
/// is the gate.
pub fn run(args: SimilarArgs) -> Result<Outcome, Failure> {
    let config = config::load(args.config.as_deref(), &args.bank.bank)?;
    let config_path = config::path(args.config.as_deref(), &args.bank.bank);
    let (bank, _) = crate::progress::load_bank(&args.bank.bank)?;
    crate::progress::warn_unloaded(&bank, &args.bank.bank, "not compared");
    let asked: Option<&Question> = match &args.id {
        Some(id) => Some(find(&bank, id)?),
        None => None,
    };
    let query = match (asked, &args.text) {
        (Some(q), _) => q.text.as_str(),
        (None, Some(text)) if text.trim().is_empty() => {
            return Err(Failure("the text to compare is empty".to_owned()))
        }
        (None, Some(text)) => text.as_str(),
        (None, None) => return Err(Failure("give a question's text or --id".to_owned())),
    };
    let setup = crate::meaning::Setup::new(&config, config_path.as_deref(), &args.bank.bank);
    let mut texts = bank.active_texts();
    texts.push(query);
    let embeddings = setup.embeddings(&texts);
    let report = closest(
        &bank,
        query,
        asked,
        near_duplicate_threshold(&config.settings),
        args.limit.into(),
        embeddings,
    );
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        SimilarFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        SimilarFormat::Human => human(&report, &mut out)?,
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

/// The question with `id`, or a failure that suggests the closest id.
fn find<'b>(bank: &'b Bank, id: &str) -> Result<&'b Question, Failure> {
    if let Some(q) = bank.questions.iter().find(|q| q.id == id) {
        return Ok(q);
    }
    let ids: Vec<String> = bank.questions.iter().map(|q| q.id.clone()).collect();
    let hint = match qbank_core::closest(id, &ids) {
        Some(best) => format!("; did you mean \"{best}\"?"),
        None => String::new(),
    };
    Err(Failure(format!(
        "no question \"{id}\" in {}{hint}",
        bank.root.display()
    )))
}

/// `text` on one line as a terminal shows it faithfully: line breaks and tabs become spaces,
/// control, direction and zero-width characters a visible replacement (U+FFFD), so that
/// neither a query nor a question can reorder or recolour the output.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() || is_invisible(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn human(r: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    match r.id {
        Some(id) => writeln!(w, "Closest to {id}: {}", shown(r.query))?,
        None => writeln!(w, "Closest to: {}", shown(r.query))?,
    }
    writeln!(w)?;
    if r.closest.is_empty() {
        writeln!(
            w,
            "None of the {} active questions shares a subject with it.",
            r.compared
        )?;
        return Ok(());
    }
    for m in &r.closest {
        let verdict = match (m.near_duplicate, m.acknowledged) {
            (true, true) => "near duplicate, acknowledged in similar_to",
            (true, false) => "near duplicate",
            (false, true) => "acknowledged in similar_to",
            (false, false) => "related",
        };
        writeln!(w, "{:.2}  {}  ({verdict})", m.closeness, m.id)?;
        writeln!(w, "      {}", shown(m.text))?;
        let mut why = Vec::new();
        if let Some(c) = m.semantic {
            why.push(format!("meaning {c:.2}"));
        }
        if !m.shared.is_empty() {
            why.push(format!("shared subject: {}", m.shared.join(", ")));
        } else if m.semantic.is_none() {
            why.push("no shared subject".to_owned());
        }
        if let Some([a, b]) = &m.swapped {
            why.push(format!(
                "one subject swapped: \"{}\" / \"{}\"",
                shown(a),
                shown(b)
            ));
        }
        if m.by_meaning {
            why.push(BY_MEANING.to_owned());
        }
        // Where it differs from the closeness (with a model, or a swapped subject).
        let (lint, closeness) = (format!("{:.2}", m.score), format!("{:.2}", m.closeness));
        if lint != closeness {
            why.push(format!("lint score {lint}"));
        }
        if !why.is_empty() {
            writeln!(w, "      {}", why.join("; "))?;
        }
        writeln!(w, "      {}:{}:{}", m.file, m.line, m.column)?;
    }
    let flagged = r.closest.iter().filter(|m| m.near_duplicate).count();
    writeln!(w)?;
    writeln!(
        w,
        "{} of {} active questions shown, closest first; {flagged} with a lint score at or above the near-duplicate threshold {:.2}",
        r.closest.len(),
        r.compared,
        r.threshold
    )
}
