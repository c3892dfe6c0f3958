//! `qbank loop list|show|build`: interview loops drawn from a bank.
//!
//! The drawing is `qbank_core::select_loop`, the documents `qbank_doc::build_document` (one
//! per interview, with `loop_kit_options`) and `qbank_doc::build_debrief`; this module loads,
//! prints and writes.

use std::io::{self, Write};
use std::path::PathBuf;

use qbank_core::listing::{ListedLoop, LoopList};
use qbank_core::{Bank, Conflicts, Loop, LoopSelection};
use qbank_doc::{Document, KitOptions};
use qbank_export::docx::{export_docx, DocxOptions};
use qbank_export::pdf::{export_pdf, Paper, PdfOptions};
use serde_json::json;

use super::kit::{self, plural};
use crate::args::{
    DocumentFormat, DrawArgs, KitFormat, KitListArgs, LoopArgs, LoopBuildArgs, LoopCommand,
    LoopShowArgs, PaperArg,
};
use crate::{warn, Failure, Outcome};

pub fn run(args: LoopArgs) -> Result<Outcome, Failure> {
    match args.command {
        LoopCommand::List(a) => list(a),
        LoopCommand::Show(a) => show(a),
        LoopCommand::Build(a) => build(a),
    }
}

/// The loop called `id`, or an error that says what exists.
fn find_loop<'b>(bank: &'b Bank, id: &str) -> Result<&'b Loop, Failure> {
    if let Some(lp) = bank.interview_loop(id) {
        return Ok(lp);
    }
    let dir = bank.root.join(qbank_core::load::LOOPS_DIR);
    if let Some(file) = bank
        .files
        .iter()
        .find(|f| f.kind == qbank_core::FileKind::Loop && f.stem() == id)
    {
        return Err(Failure(format!(
            "loop \"{id}\" ({}) has errors; run `qbank lint {}` to see them",
            file.path,
            bank.root.display()
        )));
    }
    let ids: Vec<String> = bank.loops.iter().map(|l| l.id.clone()).collect();
    let hint = match qbank_core::closest(id, &ids) {
        Some(best) => format!("; did you mean \"{best}\"?"),
        None if ids.is_empty() => format!("; {} holds no loops", dir.display()),
        None => format!("; loops: {}", ids.join(", ")),
    };
    Err(Failure(format!(
        "no loop \"{id}\" in {}{hint}",
        dir.display()
    )))
}

/// The loop called `id` and its draw, with the warnings of the draw and of what the bank
/// left out: what `loop show` and `loop build` start from.
fn select<'l>(
    loaded: &'l kit::Loaded,
    id: &str,
    draw: &DrawArgs,
) -> Result<(&'l Loop, LoopSelection), Failure> {
    let bank = &loaded.bank;
    let lp = find_loop(bank, id)?;
    let selection =
        qbank_core::select_loop(bank, lp, Conflicts::Ids(&loaded.kept_apart(Some(draw)))).map_err(
            |e| {
                let help = e.help().map(|h| format!(" ({h})")).unwrap_or_default();
                Failure(format!("loop \"{}\" cannot be drawn: {e}{help}", lp.id))
            },
        )?;
    for i in &selection.interviews {
        for w in &i.selection.warnings {
            warn(&format!("loop \"{}\", {}: {w}", lp.id, i.title));
        }
    }
    let uncovered: Vec<&str> = selection.uncovered().collect();
    if !uncovered.is_empty() {
        warn(&format!(
            "loop \"{}\": no interview covers {}",
            lp.id,
            uncovered.join(", ")
        ));
    }
    loaded.warn_left_out();
    Ok((lp, selection))
}

fn list(args: KitListArgs) -> Result<Outcome, Failure> {
    let loaded = kit::load(&args.bank.path())?;
    loaded.warn_left_out();
    let bank = &loaded.bank;
    let pairs = loaded.kept_apart(None);
    let rows: Vec<(&Loop, Result<LoopSelection, String>)> = bank
        .loops
        .iter()
        .map(|l| {
            (
                l,
                qbank_core::select_loop(bank, l, Conflicts::Ids(&pairs)).map_err(|e| e.to_string()),
            )
        })
        .collect();
    let list = LoopList {
        loops: rows.iter().map(|(l, r)| ListedLoop::new(l, r)).collect(),
    };
    let lines: Vec<(&str, String)> = rows
        .iter()
        .map(|(l, r)| {
            let state = match r {
                Ok(s) => {
                    let uncovered: Vec<&str> = s.uncovered().collect();
                    let mut state = plural(s.len(), "question");
                    if !uncovered.is_empty() {
                        state.push_str(&format!("; not covered: {}", uncovered.join(", ")));
                    }
                    state
                }
                Err(e) => format!("cannot be drawn: {e}"),
            };
            (
                l.id.as_str(),
                format!(
                    "{} ({}): {state}",
                    l.title,
                    plural(l.interviews.len(), "interview")
                ),
            )
        })
        .collect();
    kit::print_list(
        args.format,
        &list,
        &lines,
        &format!(
            "no loops in {}",
            bank.root.join(qbank_core::load::LOOPS_DIR).display()
        ),
        rows.iter().all(|(_, r)| r.is_ok()),
    )
}

fn show(args: LoopShowArgs) -> Result<Outcome, Failure> {
    let loaded = kit::load(&args.bank.bank)?;
    let bank = &loaded.bank;
    let (lp, selection) = select(&loaded, &args.id, &args.draw)?;
    let rev = kit::revision(bank);
    let fingerprint = qbank_core::fingerprint(&lp.id, selection.seed, &rev.shown);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        KitFormat::Json => {
            let interviews: Vec<_> = selection
                .interviews
                .iter()
                .enumerate()
                .map(|(n, i)| {
                    let kit = &bank.kits[i.kit];
                    let questions: Vec<_> = i
                        .selection
                        .sections
                        .iter()
                        .flat_map(|s| s.questions.iter().map(move |&q| (s, q)))
                        .map(|(s, q)| {
                            let q = &bank.questions[q];
                            json!({
                                "id": q.id,
                                "text": q.text,
                                "topic": q.topic,
                                "kind": q.kind.as_str(),
                                "minutes": q.minutes_or_default(),
                                "section": s.title,
                                "file": &*bank.question_file(q).path,
                            })
                        })
                        .collect();
                    json!({
                        "number": n + 1,
                        "title": i.title,
                        "kit": kit.id,
                        "interviewer": i.interviewer,
                        "focus": i.focus,
                        "seed": i.selection.seed,
                        "fingerprint": qbank_core::fingerprint(
                            &format!("{}/{}", lp.id, kit.id),
                            i.selection.seed,
                            &rev.shown
                        ),
                        "duration_minutes": kit.duration_minutes,
                        "total_minutes": i.selection.total_minutes,
                        "competencies": i.competencies,
                        "questions": questions,
                    })
                })
                .collect();
            let coverage: Vec<_> = selection
                .coverage
                .iter()
                .map(|c| {
                    json!({
                        "competency": c.competency,
                        "required": c.required,
                        "interviews": c.interviews.iter().map(|n| n + 1).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let doc = json!({
                "loop": lp.id,
                "title": lp.title,
                "role": lp.role,
                "revision": rev.shown,
                "git_revision": rev.git,
                "fingerprint": fingerprint,
                "questions": selection.len(),
                "interviews": interviews,
                "coverage": coverage,
                "uncovered": selection.uncovered().collect::<Vec<_>>(),
                "decision": lp.decision.as_deref().unwrap_or(qbank_doc::DEFAULT_DECISION),
            });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        KitFormat::Human => {
            writeln!(out, "{} ({})", lp.title, lp.id)?;
            writeln!(
                out,
                "{}, {}; bank {}, fingerprint {fingerprint}",
                plural(selection.interviews.len(), "interview"),
                plural(selection.len(), "question"),
                rev.shown
            )?;
            for (n, i) in selection.interviews.iter().enumerate() {
                let kit = &bank.kits[i.kit];
                writeln!(out)?;
                let duration = kit
                    .duration_minutes
                    .map(|d| format!("{} of {d} min", i.selection.total_minutes))
                    .unwrap_or_else(|| format!("{} min", i.selection.total_minutes));
                writeln!(
                    out,
                    "{}. {} (kit {}, seed {}, {}, {duration})",
                    n + 1,
                    i.title,
                    kit.id,
                    i.selection.seed,
                    plural(i.selection.len(), "question")
                )?;
                if let Some(who) = &i.interviewer {
                    writeln!(out, "   interviewer: {who}")?;
                }
                if let Some(focus) = &i.focus {
                    writeln!(out, "   focus: {focus}")?;
                }
                for q in i.selection.questions(bank) {
                    writeln!(
                        out,
                        "   - {} ({}, {}, {} min)",
                        q.id,
                        q.topic,
                        q.kind,
                        q.minutes_or_default()
                    )?;
                }
            }
            if !selection.coverage.is_empty() {
                writeln!(out)?;
                writeln!(out, "Competencies")?;
                let width = selection
                    .coverage
                    .iter()
                    .map(|c| c.competency.len())
                    .max()
                    .unwrap_or(0);
                for c in &selection.coverage {
                    let by = if c.interviews.is_empty() {
                        "not covered".to_owned()
                    } else {
                        let names: Vec<String> =
                            c.interviews.iter().map(|n| (n + 1).to_string()).collect();
                        format!("interview {}", names.join(", "))
                    };
                    let extra = if c.required {
                        ""
                    } else {
                        " (not in the loop's list)"
                    };
                    writeln!(out, "  {:width$}  {by}{extra}", c.competency)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

fn build(args: LoopBuildArgs) -> Result<Outcome, Failure> {
    let date = match &args.date {
        Some(d) => Some(kit::check_date(d)?),
        None => kit::source_date_epoch()?,
    };
    let loaded = kit::load(&args.bank.bank)?;
    let bank = &loaded.bank;
    let (lp, selection) = select(&loaded, &args.id, &args.draw)?;
    let rev = kit::revision(bank);
    let paper = match args.paper {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    };
    let ext = args.format.id();
    let base = KitOptions {
        candidate: args.candidate.clone(),
        date,
        revision: rev.shown,
        ..KitOptions::default()
    };
    // Every document is made before anything is written: a loop that fails to export leaves
    // the folder as it was.
    let mut documents: Vec<(PathBuf, Document)> = Vec::new();
    for (n, i) in selection.interviews.iter().enumerate() {
        let kit = &bank.kits[i.kit];
        let options = KitOptions {
            layout: kit::layout(args.layout, kit),
            ..qbank_doc::loop_kit_options(bank, lp, &selection, n, &base)
        };
        documents.push((
            args.out.join(format!("{}-{}.{ext}", n + 1, kit.id)),
            qbank_doc::build_document(bank, kit, &i.selection, &options),
        ));
    }
    documents.push((
        args.out.join(format!("debrief.{ext}")),
        qbank_doc::build_debrief(bank, lp, &selection, &base),
    ));
    let mut files = Vec::new();
    for (path, document) in &documents {
        let exported = match args.format {
            DocumentFormat::Pdf => export_pdf(document, &PdfOptions { paper })?,
            DocumentFormat::Docx => export_docx(document, &DocxOptions { paper })?,
        };
        for w in &exported.warnings {
            warn(&format!("{}: {w}", path.display()));
        }
        files.push((path, exported.bytes));
    }
    if args.out.exists() && !args.out.is_dir() {
        return Err(Failure(format!(
            "cannot write into {}: it is not a folder",
            args.out.display()
        )));
    }
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure(format!("cannot create {}: {e}", args.out.display())))?;
    for (path, bytes) in &files {
        kit::write_atomically(path, bytes)
            .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
    }
    let mut err = io::stderr().lock();
    for (path, bytes) in &files {
        let _ = writeln!(
            err,
            "wrote {} ({} KB)",
            path.display(),
            bytes.len().div_ceil(1024)
        );
    }
    Ok(Outcome::Clean)
}
