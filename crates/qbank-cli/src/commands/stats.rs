use std::collections::HashMap;
use std::io::{self, Write};

use qbank_core::stats::Stats;

use crate::args::{StatsArgs, StatsFormat};
use crate::{Failure, Outcome};

pub fn run(args: StatsArgs) -> Result<Outcome, Failure> {
    let bank_dir = args.bank.path();
    let (bank, _) = crate::progress::load_bank(&bank_dir)?;
    crate::progress::warn_unloaded(&bank, &bank_dir, "not counted");
    let today = match &args.today {
        Some(d) => crate::dates::parse_date(d)
            .ok_or_else(|| Failure(format!("--today {d}: expected YYYY-MM-DD")))?,
        None => crate::dates::today(),
    };
    let cutoff = crate::dates::format_date(today - i64::from(args.stale_after));
    let changed = git_last_changed(&bank_dir);
    let mut stats = Stats::of(&bank);
    stats.mark_stale(&bank, &cutoff, &|path| changed.get(path).cloned());

    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &stats)?;
            writeln!(out)?;
        }
        StatsFormat::Human => render(&stats, &cutoff, args.stale_after, &mut out)?,
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

fn render(s: &Stats, cutoff: &str, days: u32, w: &mut dyn Write) -> io::Result<()> {
    let active = s.by_status.get("active").copied().unwrap_or(0);
    writeln!(
        w,
        "{} questions: {active} active, {} draft, {} retired\n",
        s.questions,
        s.by_status.get("draft").copied().unwrap_or(0),
        s.by_status.get("retired").copied().unwrap_or(0)
    )?;
    table(
        w,
        "active questions by topic",
        s.by_topic.iter().map(|(k, v)| (k.as_str(), v.to_string())),
    )?;
    table(
        w,
        "active questions by level (minutes of interview)",
        s.by_level.iter().map(|(k, v)| {
            (
                *k,
                format!(
                    "{v:>4}  ({} min)",
                    s.minutes_by_level.get(k).copied().unwrap_or(0)
                ),
            )
        }),
    )?;
    table(
        w,
        "active questions by kind",
        s.by_kind.iter().map(|(k, v)| (*k, v.to_string())),
    )?;
    if !s.by_competency.is_empty() {
        table(
            w,
            "active questions by competency (a question may measure two)",
            s.by_competency
                .iter()
                .map(|(k, v)| (k.as_str(), v.to_string())),
        )?;
    }
    if let Some(without) = &s.without_competency {
        list(w, "active questions that name no competency", without)?;
        writeln!(w)?;
    }
    writeln!(w, "rubric completeness")?;
    list(w, "without strong signals", &s.without_strong_signals)?;
    list(w, "without red flags", &s.without_red_flags)?;
    list(w, "with fewer than two follow-ups", &s.few_follow_ups)?;
    writeln!(w)?;
    writeln!(w, "not reviewed in {days} days (before {cutoff})")?;
    if s.not_reviewed_since.is_empty() {
        writeln!(w, "  none")?;
    }
    for (id, date) in &s.not_reviewed_since {
        writeln!(w, "  {date:<10}  {id}")?;
    }
    Ok(())
}

fn table<'a>(
    w: &mut dyn Write,
    title: &str,
    rows: impl Iterator<Item = (&'a str, String)>,
) -> io::Result<()> {
    let rows: Vec<(&str, String)> = rows.collect();
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    writeln!(w, "{title}")?;
    for (k, v) in rows {
        writeln!(w, "  {k:<width$}  {v:>4}")?;
    }
    writeln!(w)
}

fn list(w: &mut dyn Write, what: &str, ids: &[String]) -> io::Result<()> {
    if ids.is_empty() {
        writeln!(w, "  {what}: none")
    } else {
        writeln!(w, "  {what} ({}): {}", ids.len(), ids.join(", "))
    }
}

/// The date each file last changed in git, by its path inside the bank; empty outside git.
fn git_last_changed(bank: &std::path::Path) -> HashMap<String, String> {
    match qbank_core::git::Repo::discover(bank) {
        Ok(Some(repo)) => repo.last_changed(bank),
        _ => HashMap::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2026-11-27", "2100-03-01"] {
            assert_eq!(
                crate::dates::format_date(crate::dates::parse_date(s).unwrap()),
                s
            );
        }
        assert_eq!(
            crate::dates::parse_date("2026-11-27").unwrap()
                - crate::dates::parse_date("2025-11-27").unwrap(),
            365
        );
        assert!(crate::dates::parse_date("2026-13-01").is_none());
    }
}
