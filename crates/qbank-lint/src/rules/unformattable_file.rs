use qbank_core::{Label, Severity};

use crate::rule::{Context, Rule, RuleDoc, Scope};

/// A file that loads but that `qbank fmt` cannot lay out: one using YAML anchors or aliases.
pub struct UnformattableFile;

impl Rule for UnformattableFile {
    fn name(&self) -> &'static str {
        "unformattable-file"
    }
    fn summary(&self) -> &'static str {
        "A bank file that qbank fmt refuses to lay out, such as one using YAML anchors (`&name`) or aliases (`*name`)."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Runs the layout of `qbank fmt` on every file that loads and could use an \
                   anchor or an alias (its text holds `&` or `*`; no other file is refused) \
                   and reports where the layout stops. An `allow:` entry does not silence it. The other reasons fmt leaves a file \
                   alone (it does not parse, a key appears twice) are already `invalid-yaml` \
                   and `duplicate-key`.",
            why: "A value shared through an anchor is easy to change in one place by mistake, \
                  and `qbank fmt` (and the pre-commit hook that runs it) cannot lay such a \
                  file out, so a bank that lints clean would fail `qbank fmt --check`.",
            example: "follow_ups: &probes\n  - What do you monitor?\nrubric:\n  strong: *probes",
            instead: "follow_ups:\n  - What do you monitor?\nrubric:\n  strong:\n    - What do you monitor?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let unloaded: Vec<&str> = bank
            .unloaded_files()
            .into_iter()
            .map(|f| f.path.as_ref())
            .collect();
        for file in &bank.files {
            // One character at a time is a fast search; a set of two is not (every file is
            // read).
            let has_alias = file.text.contains('&') || file.text.contains('*');
            if !has_alias || unloaded.contains(&file.path.as_ref()) {
                continue;
            }
            let Err(e) = qbank_core::format::format(file.kind, &file.relative, &file.text) else {
                continue;
            };
            let mut d = ctx.diagnostic(
                format!("qbank fmt cannot lay out this file: {}", e.message),
                Label::new(file.path.clone(), e.span),
            );
            d = d.with_help(e.help.unwrap_or_else(|| {
                "write the value out where the alias stands, and drop the anchor".into()
            }));
            // Not silenced by `allow:`: fmt refuses the file either way.
            ctx.report(None, d);
        }
    }
}
