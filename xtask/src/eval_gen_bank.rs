//! `eval-gen-bank`: precision and recall of `qbank lint`'s near-duplicate findings on a bank
//! written by `gen-bank --paraphrases N` (with its `questions.tsv` and `pairs.tsv`).
//!
//! A finding names a question and, in `related`, every earlier question it scores as asking the
//! same; each (question, related) is one flagged pair. A flagged pair is a true duplicate when
//! it is a planted pair (one question reworded from the other), or when the two come from the
//! same template and subject: they ask the same thing, whatever the scene. Recall is given over
//! the planted pairs and over all true pairs.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(clap::Args)]
pub struct Args {
    /// The bank (written by `xtask gen-bank`, with questions.tsv and pairs.tsv).
    bank: PathBuf,
    /// The output of `qbank lint BANK --format json --select near-duplicate`.
    #[arg(long)]
    lint_json: PathBuf,
    /// How many false positives to print.
    #[arg(long, default_value_t = 10)]
    examples: usize,
}

#[derive(Deserialize)]
struct Report {
    diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
struct Diagnostic {
    rule: String,
    file: PathBuf,
    message: String,
    #[serde(default)]
    related: Vec<String>,
}

/// One row of questions.tsv.
pub(crate) struct Truth {
    template: usize,
    subject: usize,
    scene: usize,
    planted_from: Option<String>,
}

pub(crate) fn read_truth(bank: &Path) -> Result<BTreeMap<String, Truth>, String> {
    let path = bank.join("questions.tsv");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let num = |i: usize| -> Result<usize, String> {
            cols.get(i)
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{}:{}: malformed row", path.display(), n + 1))
        };
        let truth = Truth {
            template: num(1)?,
            subject: num(2)?,
            scene: num(3)?,
            planted_from: cols.get(4).filter(|v| !v.is_empty()).map(|v| v.to_string()),
        };
        out.insert(cols[0].to_owned(), truth);
    }
    Ok(out)
}

type Pair = (String, String);

fn pair(a: &str, b: &str) -> Pair {
    if a < b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

pub fn run(args: Args) -> Result<(), String> {
    let truth = read_truth(&args.bank)?;
    let report: Report = serde_json::from_str(
        &fs::read_to_string(&args.lint_json)
            .map_err(|e| format!("{}: {e}", args.lint_json.display()))?,
    )
    .map_err(|e| format!("{}: {e}", args.lint_json.display()))?;

    let planted: BTreeSet<Pair> = truth
        .iter()
        .filter_map(|(id, t)| t.planted_from.as_deref().map(|from| pair(id, from)))
        .collect();
    let same_ask = |a: &Truth, b: &Truth| a.template == b.template && a.subject == b.subject;
    let is_true = |p: &Pair| planted.contains(p) || same_ask(&truth[&p.0], &truth[&p.1]);

    // Every true pair: the planted ones, and each group of one template and subject.
    let mut groups: HashMap<(usize, usize), usize> = HashMap::new();
    for t in truth.values() {
        *groups.entry((t.template, t.subject)).or_default() += 1;
    }
    let same_ask_pairs: usize = groups.values().map(|k| k * (k - 1) / 2).sum();
    // A planted question has its source's template and subject: its pair is in a group.
    let all_true = same_ask_pairs;

    let mut flagged: BTreeMap<Pair, Option<String>> = BTreeMap::new();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "near-duplicate")
    {
        let id = d
            .file
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("finding on {} names no question", d.file.display()))?;
        for (k, other) in d.related.iter().enumerate() {
            if !truth.contains_key(id) || !truth.contains_key(other) {
                return Err(format!("{id} or {other} is not in questions.tsv"));
            }
            // The message explains the closest partner (listed first) only.
            let why = (k == 0).then(|| d.message.clone());
            flagged.entry(pair(id, other)).or_insert(why);
        }
    }
    let true_flagged = flagged.keys().filter(|p| is_true(p)).count();
    let planted_found = planted.iter().filter(|p| flagged.contains_key(*p)).count();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };

    println!("questions: {}", truth.len());
    println!("flagged pairs: {}", flagged.len());
    println!(
        "true among them: {true_flagged} (planted or same template and subject); precision {:.3}",
        ratio(true_flagged, flagged.len())
    );
    println!(
        "recall over planted pairs: {planted_found} / {} = {:.3}",
        planted.len(),
        ratio(planted_found, planted.len())
    );
    println!(
        "recall over all true pairs: {true_flagged} / {all_true} = {:.3}",
        ratio(true_flagged, all_true)
    );

    let false_pos: Vec<(&Pair, &Option<String>)> =
        flagged.iter().filter(|(p, _)| !is_true(p)).collect();
    if false_pos.is_empty() {
        return Ok(());
    }
    // What the false pairs have in common.
    let mut shares: BTreeMap<&str, usize> = BTreeMap::new();
    for (p, _) in &false_pos {
        let (a, b) = (&truth[&p.0], &truth[&p.1]);
        let what = match (
            a.template == b.template,
            a.subject == b.subject,
            a.scene == b.scene,
        ) {
            (true, _, true) => "same template and scene, another subject",
            (true, _, false) => "same template, another subject and scene",
            (false, true, true) => "same subject and scene, another template",
            (false, true, false) => "same subject, another template and scene",
            (false, false, true) => "same scene only",
            (false, false, false) => "neither template, subject nor scene",
        };
        *shares.entry(what).or_default() += 1;
    }
    println!("\nfalse positives: {}", false_pos.len());
    for (what, n) in &shares {
        println!("  {n:>7}  {what}");
    }
    let texts = read_texts(&args.bank)?;
    let step = (false_pos.len() / args.examples.max(1)).max(1);
    println!("\nexamples (every {step}th false positive):");
    for (p, why) in false_pos.iter().step_by(step).take(args.examples) {
        println!("- {}: {}", p.0, texts.get(&p.0).map_or("?", String::as_str));
        println!("  {}: {}", p.1, texts.get(&p.1).map_or("?", String::as_str));
        if let Some(why) = why {
            println!("  {why}");
        }
    }
    Ok(())
}

/// Each question's text, by id (the file name): `text:` lines of the topic folders.
fn read_texts(bank: &Path) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    let err = |e: std::io::Error| format!("{}: {e}", bank.display());
    for topic in fs::read_dir(bank).map_err(err)? {
        let topic = topic.map_err(err)?.path();
        if !topic.is_dir() {
            continue;
        }
        for file in fs::read_dir(&topic).map_err(err)? {
            let file = file.map_err(err)?.path();
            let (Some(id), Ok(body)) = (
                file.file_stem().and_then(|s| s.to_str()),
                fs::read_to_string(&file),
            ) else {
                continue;
            };
            if let Some(text) = body.lines().find_map(|l| l.strip_prefix("text: ")) {
                out.insert(id.to_owned(), text.trim_matches('"').to_owned());
            }
        }
    }
    Ok(out)
}
