//! `qbank export csv|xlsx|json|md|html`: the bank, or a kit's questions, in one of the bank
//! formats of [`qbank_export::formats::FORMATS`].

use std::io::{self, IsTerminal};

use qbank_core::Bank;
use qbank_doc::{table::Column, BankView};
use qbank_export::formats::{self, Options, Writer};
use qbank_export::html::{InterviewDraw, KitDraw, LoopDraw};

use crate::args::{DrawArgs, ExportArgs, ExportCommand, HtmlExportArgs};
use crate::{files, Failure, Outcome};

pub fn run(command: ExportCommand) -> Result<Outcome, Failure> {
    match command {
        ExportCommand::Csv(args) => {
            let write = writer(&args.common, "csv")?;
            let columns = columns(&args.columns)?;
            let options = Options {
                excel: args.excel,
                ..Options::default()
            };
            export(&args.common, write, &columns, &options)
        }
        ExportCommand::Xlsx(args) => {
            let write = writer(&args.common, "xlsx")?;
            if args.common.out.is_none() && io::stdout().is_terminal() {
                return Err(Failure(
                    "a workbook is not text: write it to a file with --out FILE.xlsx (or --out - to pipe it)"
                        .into(),
                ));
            }
            let columns = columns(&args.columns)?;
            let options = Options {
                created: source_date_epoch()?,
                ..Options::default()
            };
            export(&args.common, write, &columns, &options)
        }
        ExportCommand::Html(args) => html(args),
        ExportCommand::Json(args) => {
            let write = writer(&args, "json")?;
            export(&args, write, &[], &Options::default())
        }
        ExportCommand::Md(args) => {
            let write = writer(&args, "md")?;
            export(&args, write, &[], &Options::default())
        }
    }
}

type BankWriter =
    fn(&BankView<'_>, &Options) -> Result<qbank_export::Exported, qbank_export::Error>;

/// How the bank format `id` is written.
fn bank_writer(id: &str) -> Result<(&'static str, BankWriter), Failure> {
    let format = formats::format(id).ok_or_else(|| Failure(format!("no format \"{id}\"")))?;
    match format.write {
        Writer::Bank(write) => Ok((format.name, write)),
        Writer::Document(_) => Err(Failure(format!("{} is written from a kit", format.name))),
    }
}

/// [`bank_writer`], after refusing an `--out` whose extension names another format, before
/// any work is done.
fn writer(args: &ExportArgs, id: &str) -> Result<BankWriter, Failure> {
    let (name, write) = bank_writer(id)?;
    check_out(args, name)?;
    Ok(write)
}

/// Writes the bank (or, with `--kit`, the kit's questions) with `write`.
fn export(
    args: &ExportArgs,
    write: BankWriter,
    chosen: &[Chosen],
    options: &Options,
) -> Result<Outcome, Failure> {
    let Some(bank) = load(args)? else {
        return Ok(Outcome::Findings);
    };
    // A kit's questions keep the kit's order; the whole bank goes in topic order.
    let mut view = if args.kit.is_some() {
        BankView::drawn(&bank, &[])
    } else {
        BankView::whole(&bank, &[])
    };
    view.columns = expand(chosen, &view.questions);
    let exported = write(&view, options)?;
    emit(args, &exported.bytes)
}

fn html(args: HtmlExportArgs) -> Result<Outcome, Failure> {
    let out = &args.out;
    let target = if files::is_stdout(out) {
        None
    } else if out.extension().is_some() {
        files::check_extension(out, "HTML").map_err(Failure)?;
        Some(out.clone())
    } else {
        Some(out.join("index.html"))
    };
    let bank_dir = args.bank.path();
    // The page shows every question, and what each kit and loop draws exactly as `qbank kit
    // build` and `qbank loop build` draw it: from the questions lint does not reject.
    let loaded = super::kit::load(&bank_dir)?;
    let pairs = loaded.kept_apart(None);
    let lawful = &loaded.bank;
    let ids = |selection: &qbank_core::Selection| -> Vec<String> {
        selection.questions(lawful).map(|q| q.id.clone()).collect()
    };
    let kits = lawful
        .kits
        .iter()
        .map(|kit| KitDraw {
            kit: kit.id.clone(),
            questions: qbank_core::select(lawful, kit, &pairs)
                .map(|s| ids(&s))
                .map_err(|e| e.to_string()),
        })
        .collect();
    let loops = lawful
        .loops
        .iter()
        .map(|lp| LoopDraw {
            id: lp.id.clone(),
            interviews: qbank_core::select_loop(lawful, lp, qbank_core::Conflicts::Ids(&pairs))
                .map(|s| {
                    s.interviews
                        .iter()
                        .map(|i| InterviewDraw {
                            kit: lawful.kits[i.kit].id.clone(),
                            title: i.title.clone(),
                            questions: ids(&i.selection),
                        })
                        .collect()
                })
                .map_err(|e| e.to_string()),
        })
        .collect();
    let bank = loaded.into_whole();
    crate::progress::warn_unloaded(&bank, &bank_dir, "left out");
    let options = Options {
        title: args.title.clone(),
        kits,
        loops,
        revision: Some(qbank_core::content_revision(&bank)),
        ..Options::default()
    };
    let (_, write) = bank_writer("html")?;
    let bytes = write(&BankView::whole(&bank, &[]), &options)?.bytes;
    if let Some(path) = &target {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure(format!("cannot make {}: {e}", dir.display())))?;
        }
    }
    files::emit(target.as_deref(), &bytes).map_err(Failure)?;
    if let Some(path) = target {
        eprintln!(
            "wrote {} ({} questions, {} KB)",
            path.display(),
            bank.questions.len(),
            bytes.len().div_ceil(1024)
        );
    }
    Ok(Outcome::Clean)
}

/// `SOURCE_DATE_EPOCH`, when it is set: the time stamped into a workbook.
fn source_date_epoch() -> Result<Option<i64>, Failure> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse().map(Some).map_err(|_| {
            Failure(format!(
                "SOURCE_DATE_EPOCH is \"{v}\"; it must be a number of seconds since 1970"
            ))
        }),
        Err(_) => Ok(None),
    }
}

/// A column named in `--columns`, or `all` (`None`).
type Chosen = Option<Column>;

/// The columns of the export: the default ones for the questions when none are named, and
/// `all` expanded for them ([`Column::defaults_for`], [`Column::all_for`]).
fn expand(chosen: &[Chosen], questions: &[&qbank_core::Question]) -> Vec<Column> {
    if chosen.is_empty() {
        return Column::defaults_for(questions.iter().copied());
    }
    let mut columns = Vec::new();
    for c in chosen {
        match c {
            Some(c) => columns.push(*c),
            None => {
                let rest: Vec<Column> = Column::all_for(questions.iter().copied())
                    .into_iter()
                    .filter(|c| !columns.contains(c) && !chosen.contains(&Some(*c)))
                    .collect();
                columns.extend(rest);
            }
        }
    }
    // Every row that can come back through `qbank import` carries its revision, so that the
    // import can tell when the question changed in the bank since.
    if columns.contains(&Column::Id) && !columns.contains(&Column::Revision) {
        columns.push(Column::Revision);
    }
    columns
}

/// The columns named on the command line (none: the default ones).
fn columns(names: &[String]) -> Result<Vec<Chosen>, Failure> {
    let known: Vec<String> = Column::ALL.iter().map(|c| c.name().to_owned()).collect();
    let mut columns: Vec<Chosen> = Vec::new();
    for name in names {
        if name == "all" {
            if !columns.contains(&None) {
                columns.push(None);
            }
            continue;
        }
        let Some(column) = Column::parse(name) else {
            let hint = qbank_core::closest(name, &known)
                .map(|c| format!("; did you mean \"{c}\"?"))
                .unwrap_or_else(|| format!("; the columns are {}", known.join(", ")));
            return Err(Failure(format!("unknown column \"{name}\"{hint}")));
        };
        if columns.contains(&Some(column)) {
            return Err(Failure(format!(
                "column {column} is named twice in --columns"
            )));
        }
        columns.push(Some(column));
    }
    Ok(columns)
}

/// Loads the bank; files that do not load are left out of the export, with a warning. With
/// `--kit`, the bank is narrowed to the kit's questions, in the kit's order, drawn exactly as
/// `qbank kit build` draws them: from the questions lint does not reject. `None` when the kit
/// fixes a question lint rejects (said on standard error: the run ends with exit code 1).
fn load(args: &ExportArgs) -> Result<Option<Bank>, Failure> {
    let bank_dir = args.bank.path();
    let Some(id) = &args.kit else {
        let (bank, _) = qbank_core::load_bank(&bank_dir)?;
        crate::progress::warn_unloaded(&bank, &bank_dir, "left out");
        return Ok(Some(bank));
    };
    let loaded = super::kit::load(&bank_dir)?;
    let kit = super::kit::find_kit(&loaded.bank, id)?;
    let draw = DrawArgs {
        allow_near_duplicates: false,
    };
    let Some(selection) = super::kit::select(&loaded, kit, &draw)? else {
        return Ok(None);
    };
    loaded.warn_left_out();
    let picked: Vec<qbank_core::Question> = selection.questions(&loaded.bank).cloned().collect();
    let mut bank = loaded.bank;
    bank.questions = picked;
    Ok(Some(bank))
}

/// Refuses an `--out` whose extension names another format, before any work is done.
fn check_out(args: &ExportArgs, format: &str) -> Result<(), Failure> {
    match &args.out {
        Some(path) if !files::is_stdout(path) => {
            files::check_extension(path, format).map_err(Failure)
        }
        _ => Ok(()),
    }
}

/// Writes the export to --out (atomically) or to standard output (no --out, or `-`).
fn emit(args: &ExportArgs, bytes: &[u8]) -> Result<Outcome, Failure> {
    files::emit(args.out.as_deref(), bytes).map_err(Failure)?;
    Ok(Outcome::Clean)
}
