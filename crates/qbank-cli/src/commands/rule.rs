use std::io::{self, Write};

use qbank_lint::{Rule, RULES};

use crate::args::RuleArgs;
use crate::{Failure, Outcome};

pub fn run(args: RuleArgs) -> Result<Outcome, Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if args.all {
        for (i, r) in RULES.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write!(out, "{}", qbank_lint::render::doc::markdown(*r))?;
        }
        return Ok(Outcome::Clean);
    }
    let name = args.name.unwrap_or_default();
    let Some(rule) = qbank_lint::rule(&name) else {
        let names: Vec<String> = RULES.iter().map(|r| r.name().to_owned()).collect();
        let hint = qbank_core::closest(&name, &names)
            .map(|b| format!("; did you mean \"{b}\"?"))
            .unwrap_or_else(|| format!("; rules: {}", names.join(", ")));
        return Err(Failure(format!("unknown rule \"{name}\"{hint}")));
    };
    let _: &dyn Rule = rule;
    write!(out, "{}", qbank_lint::render::doc::markdown(rule))?;
    Ok(Outcome::Clean)
}
