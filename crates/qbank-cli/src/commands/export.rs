use qbank_core::Bank;
use qbank_doc::{build_table, in_topic_order, table::Column};
use qbank_export::csv::{export_csv, CsvOptions};

use std::io::{self, IsTerminal};

use qbank_export::html::{export_html, HtmlOptions, KitDraw};
use qbank_export::xlsx::{export_xlsx, XlsxOptions};

use crate::args::{CsvExportArgs, ExportArgs, ExportCommand, HtmlExportArgs, XlsxExportArgs};
use crate::{files, Failure, Outcome};

pub fn run(command: ExportCommand) -> Result<Outcome, Failure> {
    match command {
        ExportCommand::Csv(args) => csv(args),
        ExportCommand::Xlsx(args) => xlsx(args),
        ExportCommand::Html(args) => html(args),
        ExportCommand::Json(args) => {
            check_out(&args, "JSON")?;
            let bank = load(&args)?;
            let bytes = qbank_export::json::export_json(&bank)?;
            emit(&args, &bytes)
        }
        ExportCommand::Md(args) => {
            check_out(&args, "Markdown")?;
            let bank = load(&args)?;
            let text = qbank_export::markdown::export_markdown(&bank);
            emit(&args, text.as_bytes())
        }
    }
}

fn csv(args: CsvExportArgs) -> Result<Outcome, Failure> {
    check_out(&args.common, "CSV")?;
    let chosen = columns(&args.columns)?;
    let bank = load(&args.common)?;
    // A kit's questions keep the kit's order; the whole bank goes in topic order.
    let questions: Vec<&qbank_core::Question> = if args.common.kit.is_some() {
        bank.questions.iter().collect()
    } else {
        in_topic_order(&bank)
    };
    let columns = expand(&chosen, &questions);
    let table = build_table(&bank, questions, &columns);
    let bytes = export_csv(&table, &CsvOptions { excel: args.excel })?;
    emit(&args.common, &bytes)
}

fn xlsx(args: XlsxExportArgs) -> Result<Outcome, Failure> {
    check_out(&args.common, "XLSX")?;
    if args.common.out.is_none() && io::stdout().is_terminal() {
        return Err(Failure(
            "a workbook is not text: write it to a file with --out FILE.xlsx (or --out - to pipe it)"
                .into(),
        ));
    }
    let chosen = columns(&args.columns)?;
    let bank = load(&args.common)?;
    let questions: Vec<&qbank_core::Question> = if args.common.kit.is_some() {
        bank.questions.iter().collect()
    } else {
        in_topic_order(&bank)
    };
    let columns = expand(&chosen, &questions);
    let table = build_table(&bank, questions, &columns);
    let options = XlsxOptions {
        topics: bank.topics.iter().map(|t| t.id.clone()).collect(),
        competencies: bank.competencies.iter().map(|c| c.id.clone()).collect(),
        created: source_date_epoch()?,
    };
    let bytes = export_xlsx(&table, &options)?;
    emit(&args.common, &bytes)
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
    let (bank, _) = qbank_core::load_bank(&bank_dir)?;
    crate::progress::warn_unloaded(&bank, &bank_dir, "left out");
    let pairs = qbank_core::near_duplicate_pairs(&bank);
    let kits = bank
        .kits
        .iter()
        .map(|kit| KitDraw {
            kit: kit.id.clone(),
            questions: qbank_core::select(&bank, kit, &pairs)
                .map(|s| {
                    s.sections
                        .iter()
                        .flat_map(|sec| sec.questions.iter())
                        .map(|&i| bank.questions[i].id.clone())
                        .collect()
                })
                .map_err(|e| e.to_string()),
        })
        .collect();
    let options = HtmlOptions {
        title: args.title.clone(),
        kits,
        revision: Some(qbank_core::content_revision(&bank)),
    };
    let bytes = export_html(&bank, &options)?;
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
/// `qbank kit build` draws them.
fn load(args: &ExportArgs) -> Result<Bank, Failure> {
    let bank_dir = args.bank.path();
    let (mut bank, _) = qbank_core::load_bank(&bank_dir)?;
    crate::progress::warn_unloaded(&bank, &bank_dir, "left out");
    if let Some(id) = &args.kit {
        let kit = super::kit::find_kit(&bank, id)?.clone();
        let pairs = qbank_core::near_duplicate_pairs(&bank);
        let selection = qbank_core::select(&bank, &kit, &pairs).map_err(|e| {
            let help = e.help().map(|h| format!(" ({h})")).unwrap_or_default();
            Failure(format!("kit \"{id}\" cannot be drawn: {e}{help}"))
        })?;
        let picked: Vec<qbank_core::Question> = selection
            .sections
            .iter()
            .flat_map(|s| s.questions.iter())
            .map(|&i| bank.questions[i].clone())
            .collect();
        bank.questions = picked;
    }
    Ok(bank)
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
