//! `embed-texts --model DIR IN OUT`: the sentence vector of each line of `IN` (through the
//! cache in `.qbank_cache/`), written to `OUT` as TSV: the text, then its 384 numbers. For
//! measuring scores that embed other texts than the questions (BENCHMARKS.md).

use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The model folder (all-MiniLM-L6-v2).
    #[arg(long)]
    model: PathBuf,
    /// One text a line.
    input: PathBuf,
    /// Where the vectors go.
    output: PathBuf,
}

pub fn run(args: Args) -> Result<(), String> {
    let text = std::fs::read_to_string(&args.input)
        .map_err(|e| format!("cannot read {}: {e}", args.input.display()))?;
    let mut texts: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    texts.sort_unstable();
    texts.dedup();
    let (cache, _, _) = crate::eval_near_duplicates::cached(&args.model, &texts)?;
    let mut out = String::new();
    for t in texts {
        let v = cache.get(t).ok_or_else(|| format!("no vector for {t}"))?;
        out.push_str(t);
        for x in v {
            let _ = write!(out, "\t{x}");
        }
        out.push('\n');
    }
    std::fs::write(&args.output, out)
        .map_err(|e| format!("cannot write {}: {e}", args.output.display()))
}
